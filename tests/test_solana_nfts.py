"""Compressed NFTs (Metaplex Bubblegum) and Metaplex Core assets as effects.

Instructions are built here from each program's published layout (sources in
``aiegis_guard/chains/solana/bubblegum.py`` and ``mpl_core.py``) with generated keys. An asset
sent to a stranger flags (one asset), to the allowlisted cold wallet passes; a delegate or a
delegate plugin handed to a stranger blocks, to the allowlisted marketplace passes; an own
asset burnt flags; data cut short is not guessed at.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Callable

import pytest
import spl as sx
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from aiegis_guard.chains.solana.decode import decode_solana
from aiegis_guard.chains.transaction import Approval, Transfer
from aiegis_guard.findings import Action
from aiegis_guard.guard import Guard
from aiegis_guard.policy import Allowlist, Policy, Wallet

ME = Keypair().pubkey()
STRANGER = Keypair().pubkey()
COLD = Keypair().pubkey()  # own cold wallet (allowlisted recipient)
MARKET = Keypair().pubkey()  # allowlisted marketplace key (delegate)
TREE = Keypair().pubkey()
ASSET = Keypair().pubkey()  # a Core asset account
BGUM = Pubkey.from_string("BGUMAp9Gq7iTEuizy4pqaxsTyUCBK68MDfK752saRPUY")
CORE = Pubkey.from_string("CoREENxT6tW1HoK8ypY1SxRMZTcVPm7R94rH4PZNhX7d")
NOOP = Pubkey.from_string("noopb9bkMVfRPU8AsbpTUg8AQkHtKwMYZiFUjNRtMmV")
COMPRESSION = Pubkey.from_string("cmtDvXumGCrqC1Age74AVPhSRVXJMd8PJS91L8KbNCK")
NONCE = 48213


def _anchor(name: str) -> bytes:
    return hashlib.sha256(f"global:{name}".encode()).digest()[:8]


def _metas(*keys: Pubkey) -> list[AccountMeta]:
    return [AccountMeta(k, is_signer=k == ME, is_writable=k in (TREE, ASSET, ME)) for k in keys]


def asset_id(tree: Pubkey = TREE, nonce: int = NONCE) -> str:
    """mpl-bubblegum ``get_asset_id``: ``["asset", tree, nonce LE]`` under the program."""
    seeds = [b"asset", bytes(tree), nonce.to_bytes(8, "little")]
    return str(Pubkey.find_program_address(seeds, BGUM)[0])


def leaf(v2: str = "") -> bytes:
    """root, data_hash, creator_hash, [collection_hash: None], [asset_data_hash, flags: None],
    nonce, index."""
    hashes = b"".join(hashlib.sha256(bytes([i])).digest() for i in range(3))
    options = b"\x00\x00" if v2 == "v2" else b"\x00\x00\x00" if v2 == "delegate_v2" else b""
    return hashes + options + struct.pack("<QI", NONCE, NONCE)


def _gum(name: str, *keys: Pubkey, v2: str = "") -> Instruction:
    proof = [Keypair().pubkey() for _ in range(3)]
    tree_authority = Pubkey.find_program_address([bytes(TREE)], BGUM)[0]
    metas = _metas(tree_authority, *keys, TREE, NOOP, COMPRESSION, sx.SYSTEM, *proof)
    return Instruction(BGUM, _anchor(name) + leaf(v2), metas)


def transfer(to: Pubkey) -> Instruction:
    return _gum("transfer", ME, ME, to)


def transfer_v2(to: Pubkey) -> Instruction:
    tree_authority = Pubkey.find_program_address([bytes(TREE)], BGUM)[0]
    keys = (tree_authority, ME, BGUM, ME, BGUM, to, TREE, BGUM, NOOP, COMPRESSION, sx.SYSTEM)
    return Instruction(BGUM, _anchor("transfer_v2") + leaf("v2"), _metas(*keys))


def delegate(to: Pubkey) -> Instruction:
    return _gum("delegate", ME, ME, to)


def delegate_v2(to: Pubkey, name: str = "delegate_v2") -> Instruction:
    """``leaf_owner`` and ``previous_leaf_delegate`` left out: the payer owns the leaf."""
    tree_authority = Pubkey.find_program_address([bytes(TREE)], BGUM)[0]
    keys = (tree_authority, ME, BGUM, BGUM, to, TREE, NOOP, COMPRESSION, sx.SYSTEM)
    return Instruction(BGUM, _anchor(name) + leaf("delegate_v2"), _metas(*keys))


def burn() -> Instruction:
    return _gum("burn", ME, ME)


def burn_v2() -> Instruction:
    tree_authority = Pubkey.find_program_address([bytes(TREE)], BGUM)[0]
    keys = (tree_authority, ME, ME, BGUM, TREE, BGUM, BGUM, NOOP, COMPRESSION, CORE, sx.SYSTEM)
    return Instruction(BGUM, _anchor("burn_v2") + leaf("v2"), _metas(*keys))


def core(tag: int, args: bytes = b"", new_owner: Pubkey | None = None) -> Instruction:
    """asset, collection (absent: the program id), payer, authority (absent), [new_owner],
    system program, log wrapper (absent)."""
    extra = (new_owner,) if new_owner is not None else ()
    keys = (ASSET, CORE, ME, CORE, *extra, sx.SYSTEM, CORE)
    return Instruction(CORE, bytes([tag]) + args, _metas(*keys))


def address(key: Pubkey) -> bytes:
    return b"\x03" + bytes(key)  # Authority::Address { address }


def add_plugin(plugin: bytes, authority: bytes | None) -> Instruction:
    init = b"\x00" if authority is None else b"\x01" + authority
    return core(2, plugin + init)


TRANSFER_DELEGATE, BURN_DELEGATE, FREEZE_DELEGATE = b"\x03", b"\x02", b"\x01\x01"
UPDATE_DELEGATE = b"\x04" + struct.pack("<I", 0)
ROYALTIES = b"\x00" + struct.pack("<HI", 500, 0) + b"\x00"  # no creators, RuleSet::None


def update(authority: bytes | None) -> Instruction:
    name = b"\x01" + struct.pack("<I", 4) + b"name"
    new = b"\x00" if authority is None else b"\x01" + authority
    return core(15, name + b"\x00" + new)


def _policy() -> Policy:
    return Policy(
        wallet=Wallet(solana=frozenset({str(ME)})),
        allowlist=Allowlist(
            solana=frozenset({str(COLD)}), solana_delegates=frozenset({str(MARKET)})
        ),
    )


_Make = Callable[[], Instruction]
GRANT = "tx.sol.approval_unknown_spender"
TO = "tx.sol.unknown_recipient"
CASES = [
    pytest.param(lambda: transfer(STRANGER), Action.FLAG, TO, id="cnft-transfer-stranger"),
    pytest.param(lambda: transfer(COLD), Action.ALLOW, None, id="cnft-transfer-cold"),
    pytest.param(lambda: transfer_v2(STRANGER), Action.FLAG, TO, id="cnft-transfer-v2-stranger"),
    pytest.param(lambda: transfer_v2(COLD), Action.ALLOW, None, id="cnft-transfer-v2-cold"),
    pytest.param(lambda: delegate(STRANGER), Action.BLOCK, GRANT, id="cnft-delegate-stranger"),
    pytest.param(lambda: delegate(MARKET), Action.ALLOW, None, id="cnft-delegate-marketplace"),
    pytest.param(lambda: delegate(ME), Action.ALLOW, None, id="cnft-delegate-revoked-to-owner"),
    pytest.param(lambda: delegate_v2(STRANGER), Action.BLOCK, GRANT,
                 id="cnft-delegate-v2-owner-is-payer"),
    pytest.param(lambda: delegate_v2(STRANGER, "delegate_and_freeze_v2"), Action.BLOCK, GRANT,
                 id="cnft-delegate-and-freeze-stranger"),
    pytest.param(lambda: delegate_v2(MARKET, "delegate_and_freeze_v2"), Action.ALLOW, None,
                 id="cnft-delegate-and-freeze-marketplace"),
    pytest.param(burn, Action.FLAG, "tx.sol.burn", id="cnft-burn-own"),
    pytest.param(burn_v2, Action.FLAG, "tx.sol.burn", id="cnft-burn-v2-own"),
    pytest.param(lambda: core(14, b"\x00", STRANGER), Action.FLAG, TO, id="core-transfer-stranger"),
    pytest.param(lambda: core(14, b"\x00", COLD), Action.ALLOW, None, id="core-transfer-cold"),
    pytest.param(lambda: add_plugin(TRANSFER_DELEGATE, address(STRANGER)), Action.BLOCK, GRANT,
                 id="core-transfer-delegate-stranger"),
    pytest.param(lambda: add_plugin(TRANSFER_DELEGATE, address(MARKET)), Action.ALLOW, None,
                 id="core-transfer-delegate-marketplace"),
    pytest.param(lambda: add_plugin(BURN_DELEGATE, address(STRANGER)), Action.BLOCK, GRANT,
                 id="core-burn-delegate-stranger"),
    pytest.param(lambda: add_plugin(FREEZE_DELEGATE, address(STRANGER)), Action.BLOCK, GRANT,
                 id="core-freeze-delegate-stranger"),
    pytest.param(lambda: add_plugin(TRANSFER_DELEGATE, None), Action.ALLOW, None,
                 id="core-transfer-delegate-default-owner"),
    pytest.param(lambda: add_plugin(TRANSFER_DELEGATE, b"\x01"), Action.ALLOW, None,
                 id="core-transfer-delegate-owner"),
    pytest.param(lambda: add_plugin(TRANSFER_DELEGATE, b"\x02"), Action.FLAG,
                 "tx.sol.unknown_program", id="core-transfer-delegate-update-authority"),
    pytest.param(lambda: add_plugin(UPDATE_DELEGATE, address(STRANGER)), Action.BLOCK,
                 "tx.sol.authority_change", id="core-update-delegate-stranger"),
    pytest.param(lambda: add_plugin(ROYALTIES, None), Action.FLAG, "tx.sol.unknown_program",
                 id="core-royalties-plugin-unread"),
    pytest.param(lambda: core(8, b"\x03" + address(STRANGER)), Action.BLOCK, GRANT,
                 id="core-approve-transfer-delegate-stranger"),
    pytest.param(lambda: core(8, b"\x03\x01"), Action.ALLOW, None,
                 id="core-approve-back-to-owner"),
    pytest.param(lambda: core(10, b"\x03"), Action.ALLOW, None, id="core-revoke-plugin"),
    pytest.param(lambda: core(12, b"\x00"), Action.FLAG, "tx.sol.burn", id="core-burn-own"),
    pytest.param(lambda: update(b"\x01" + bytes(STRANGER)), Action.BLOCK,
                 "tx.sol.authority_change", id="core-update-authority-stranger"),
    pytest.param(lambda: update(None), Action.ALLOW, None, id="core-update-name-only"),
]  # fmt: skip


@pytest.mark.parametrize(("make", "action", "rule"), CASES)
def test_nft_assets(make: _Make, action: Action, rule: str | None) -> None:
    """Gifts of an asset flag, grants to strangers block, allowlisted parties pass."""
    verdict = Guard(_policy(), classifier=False).check_transaction(sx.message(ME, [make()]))
    assert verdict.action is action, verdict.explain()
    if rule:
        assert rule in verdict.rule_ids, verdict.explain()


def test_cnft_transfer_names_the_derived_asset_id() -> None:
    """The compressed NFT is named by its asset id, the PDA of the tree and the leaf nonce."""
    ops = decode_solana(sx.message(ME, [transfer(STRANGER)])).operations
    assert len(ops) == 1
    op = ops[0]
    assert isinstance(op, Transfer)
    assert (op.asset.address, op.sender, op.recipient, op.amount) == (
        asset_id(),
        str(ME),
        str(STRANGER),
        1,
    )


def test_core_delegate_plugin_is_a_grant_of_the_asset_account() -> None:
    """A TransferDelegate plugin to an address grants that address the asset account."""
    ops = decode_solana(sx.message(ME, [add_plugin(TRANSFER_DELEGATE, address(STRANGER))]))
    op = ops.operations[0]
    assert isinstance(op, Approval)
    assert (op.asset.address, op.owner, op.spender, op.amount) == (
        str(ASSET),
        str(ME),
        str(STRANGER),
        1,
    )


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: delegate(STRANGER), id="cnft-delegate"),
        pytest.param(lambda: transfer_v2(STRANGER), id="cnft-transfer-v2"),
        pytest.param(lambda: add_plugin(TRANSFER_DELEGATE, address(STRANGER)), id="core-plugin"),
        pytest.param(lambda: core(8, b"\x03" + address(STRANGER)), id="core-approve"),
        pytest.param(lambda: update(b"\x01" + bytes(STRANGER)), id="core-update"),
    ],
)
def test_truncated_data_is_never_allowed(make: _Make) -> None:
    """Every cut of the data either reads as malformed / opaque or still names the stranger:
    never ALLOW, never a crash."""
    ix = make()
    data = bytes(ix.data)
    guard = Guard(_policy(), classifier=False)
    for cut in range(len(data)):
        short = Instruction(ix.program_id, data[:cut], ix.accounts)
        verdict = guard.check_transaction(sx.message(ME, [short]))
        assert verdict.action is not Action.ALLOW, (cut, verdict.explain())
        assert "guard.stage_error" not in verdict.rule_ids


def test_cnft_too_few_accounts_is_malformed() -> None:
    """A transfer without its new owner and tree is not guessed at."""
    ix = transfer(STRANGER)
    short = Instruction(BGUM, bytes(ix.data), ix.accounts[:3])
    verdict = Guard(_policy(), classifier=False).check_transaction(sx.message(ME, [short]))
    assert verdict.action is Action.FLAG
    assert "tx.sol.malformed_instruction" in verdict.rule_ids, verdict.explain()
