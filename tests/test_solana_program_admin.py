"""BPF Upgradeable Loader authorities and Realms vote delegation as effects.

Instructions are built here from anza-xyz/solana-sdk ``loader-v3-interface/src/
instruction.rs`` (``UpgradeableLoaderInstruction``: bincode, u32 tag; the ``# Account
references`` orders; ProgramData = the loader's PDA ``[program id]``) and
solana-labs/solana-program-library ``governance/program/src/instruction.rs``
(``SetGovernanceDelegate``: Borsh u8 tag 3, ``Option<Pubkey>``; TokenOwnerRecord PDA
``['governance', realm, mint, owner]``), with generated keys.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from typing import Any

import pytest
import spl as sx
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from aiegis_guard.chains.solana.decode import decode_solana
from aiegis_guard.chains.transaction import AuthorityChange, Call, CloseAccount, Transfer
from aiegis_guard.findings import Action
from aiegis_guard.guard import Guard
from aiegis_guard.policy import Policy

LOADER = Pubkey.from_string("BPFLoaderUpgradeab1e11111111111111111111111")
GOVERNANCE = Pubkey.from_string("GovER5Lthms3bLBqWub97yVrMmEogzX7xNjdXpPPCVZw")

ME = Keypair()
P = ME.pubkey()
PROGRAM = Pubkey.new_unique()
PROGRAM_DATA = Pubkey.find_program_address([bytes(PROGRAM)], LOADER)[0]
BUFFER = Pubkey.new_unique()
STRANGER = Pubkey.new_unique()
FRIEND = Pubkey.new_unique()  # allowlisted delegate (the team's multisig vault)
REALM, MINT = Pubkey.new_unique(), Pubkey.new_unique()
RECORD = Pubkey.find_program_address(
    [b"governance", bytes(REALM), bytes(MINT), bytes(P)], GOVERNANCE
)[0]
D, R, X, F = str(PROGRAM_DATA), str(RECORD), str(STRANGER), str(FRIEND)


def _w(key: Pubkey) -> AccountMeta:
    return AccountMeta(key, is_signer=False, is_writable=True)


def _r(key: Pubkey) -> AccountMeta:
    return AccountMeta(key, is_signer=False, is_writable=False)


def _s(key: Pubkey) -> AccountMeta:
    return AccountMeta(key, is_signer=True, is_writable=False)


def set_authority(new: Pubkey | None, account: Pubkey = PROGRAM_DATA) -> Instruction:
    metas = [_w(account), _s(P)] + ([_r(new)] if new else [])
    return Instruction(LOADER, struct.pack("<I", 4), metas)


def set_authority_checked(new: Pubkey) -> Instruction:
    return Instruction(LOADER, struct.pack("<I", 7), [_w(PROGRAM_DATA), _s(P), _s(new)])


def close(account: Pubkey, recipient: Pubkey) -> Instruction:
    metas = [_w(account), _w(recipient), _s(P)]
    metas += [_w(PROGRAM)] if account == PROGRAM_DATA else []
    return Instruction(LOADER, struct.pack("<I", 5), metas)


def upgrade(spill: Pubkey) -> Instruction:
    metas = [_w(PROGRAM_DATA), _w(PROGRAM), _w(BUFFER), _w(spill)]
    metas += [_r(sx.RENT), _r(sx.CLOCK), _s(P)]
    return Instruction(LOADER, struct.pack("<I", 3), metas)


def write(offset: int, chunk: bytes) -> Instruction:
    data = struct.pack("<IIQ", 1, offset, len(chunk)) + chunk
    return Instruction(LOADER, data, [_w(BUFFER), _s(P)])


def set_delegate(new: Pubkey | None) -> Instruction:
    data = b"\x03" + (b"\x01" + bytes(new) if new else b"\x00")
    return Instruction(GOVERNANCE, data, [_s(P), _w(RECORD)])


def _summary(op: Any) -> tuple[Any, ...]:
    if isinstance(op, AuthorityChange):
        return ("authority", op.via, op.account, op.new_authority, op.authority_type)
    if isinstance(op, CloseAccount):
        return ("close", op.via, op.account, op.destination)
    assert isinstance(op, Call)
    return ("call", op.name, op.known)


DECODE = [
    pytest.param(lambda: [set_authority(STRANGER)],
                 [("authority", "bpf_loader.set_authority", D, X, "upgrade_authority")],
                 id="set-upgrade-authority"),
    pytest.param(lambda: [set_authority_checked(STRANGER)],
                 [("authority", "bpf_loader.set_authority", D, X, "upgrade_authority")],
                 id="set-upgrade-authority-checked"),
    pytest.param(lambda: [set_authority(None)],
                 [("authority", "bpf_loader.set_authority", D, None,
                   "upgrade_authority_renounced")],
                 id="program-made-immutable"),
    pytest.param(lambda: [close(PROGRAM_DATA, STRANGER)],
                 [("close", "bpf_loader.close", D, X)], id="close-program"),
    pytest.param(lambda: [upgrade(P)],
                 [("call", "Upgrade", True), ("close", "bpf_loader.upgrade_spill", str(BUFFER),
                                              str(P))], id="upgrade-spills-the-buffer"),
    pytest.param(lambda: [write(0, b"\x7fELF")], [("call", "Write", True)], id="write"),
    pytest.param(lambda: [set_delegate(STRANGER)],
                 [("authority", "governance.set_delegate", R, X, "votes")],
                 id="realms-set-delegate"),
    pytest.param(lambda: [set_delegate(None)], [("call", "SetGovernanceDelegate", True)],
                 id="realms-delegate-taken-back"),
    pytest.param(lambda: [Instruction(LOADER, struct.pack("<I", 4), [_w(PROGRAM_DATA)])],
                 [("call", "SetAuthority", False)], id="set-authority-missing-signer-malformed"),
    pytest.param(lambda: [Instruction(GOVERNANCE, b"\x03\x01" + bytes(10), [_s(P), _w(RECORD)])],
                 [("call", "SetGovernanceDelegate", False)], id="truncated-delegate-malformed"),
    pytest.param(lambda: [Instruction(LOADER, b"\x04\x00", [_w(PROGRAM_DATA), _s(P)])],
                 [("call", None, False)], id="short-tag-stays-opaque"),
    pytest.param(lambda: [Instruction(GOVERNANCE, b"\x01" + bytes(8), [_s(P)])],
                 [("call", None, False)], id="unread-governance-instruction-opaque"),
]  # fmt: skip


@pytest.mark.parametrize(("make", "expected"), DECODE)
def test_program_admin_decodes(make: Callable[[], list[Instruction]], expected: Any) -> None:
    """Each instruction becomes the operations its layout says."""
    decoded = decode_solana(sx.message(P, make()))
    assert [_summary(op) for op in decoded.operations] == expected


VERDICTS = [
    pytest.param(lambda: [set_authority(STRANGER)], Action.BLOCK, "tx.sol.program_authority",
                 id="upgrade-authority-to-stranger-blocks"),
    pytest.param(lambda: [set_authority_checked(STRANGER)], Action.BLOCK,
                 "tx.sol.program_authority", id="checked-to-stranger-blocks"),
    pytest.param(lambda: [set_authority(FRIEND)], Action.ALLOW, None,
                 id="upgrade-authority-to-allowlisted-allows"),
    pytest.param(lambda: [set_authority(None)], Action.FLAG, "tx.sol.program_authority",
                 id="immutable-program-flags"),
    pytest.param(lambda: [set_authority(STRANGER, BUFFER)], Action.BLOCK,
                 "tx.sol.program_authority", id="buffer-authority-to-stranger-blocks"),
    pytest.param(lambda: [close(PROGRAM_DATA, STRANGER)], Action.BLOCK, "tx.sol.close_account",
                 id="close-program-to-stranger-blocks"),
    pytest.param(lambda: [close(BUFFER, P)], Action.ALLOW, None, id="close-buffer-to-own-allows"),
    pytest.param(lambda: [upgrade(P)], Action.ALLOW, None, id="upgrade-spill-to-own-allows"),
    pytest.param(lambda: [upgrade(STRANGER)], Action.BLOCK, "tx.sol.close_account",
                 id="upgrade-spill-to-stranger-blocks"),
    pytest.param(lambda: [set_delegate(STRANGER)], Action.BLOCK, "tx.sol.vote_delegation",
                 id="realms-delegate-stranger-blocks"),
    pytest.param(lambda: [set_delegate(FRIEND)], Action.ALLOW, None,
                 id="realms-delegate-allowlisted-allows"),
    pytest.param(lambda: [set_delegate(None)], Action.ALLOW, None,
                 id="realms-delegate-cleared-allows"),
    pytest.param(lambda: [Instruction(LOADER, struct.pack("<I", 4), [_w(PROGRAM_DATA)])],
                 Action.FLAG, "tx.sol.malformed_instruction", id="malformed-set-authority-flags"),
]  # fmt: skip


@pytest.mark.parametrize(("make", "action", "rule"), VERDICTS)
def test_program_admin_verdicts(
    make: Callable[[], list[Instruction]], action: Action, rule: str | None
) -> None:
    """A program's upgrade authority and a realm's votes go only to own or allowlisted keys;
    a closed program's or buffer's lamports only to own."""
    policy = Policy.model_validate({"allowlist": {"solana_delegates": [F]}})
    verdict = Guard(policy, classifier=False).check_transaction(sx.message(P, make()))
    assert verdict.action is action, verdict.explain()
    if rule:
        assert rule in verdict.rule_ids


def _signer_payer(key: Pubkey) -> AccountMeta:
    return AccountMeta(key, is_signer=True, is_writable=True)


def deploy(authority: Pubkey, max_len: int) -> Instruction:
    """``DeployWithMaxDataLen`` paid by own (loader-v3-interface ``instruction.rs`` accounts)."""
    metas = [_signer_payer(P), _w(PROGRAM_DATA), _w(PROGRAM), _w(BUFFER), _r(sx.RENT),
             _r(sx.CLOCK), _r(SYSTEM), _s(authority)]  # fmt: skip
    return Instruction(LOADER, struct.pack("<IQ", 2, max_len), metas)


def extend(extra: int, payer: bool = True) -> Instruction:
    metas = [_w(PROGRAM_DATA), _w(PROGRAM)]
    if payer:
        metas += [_r(SYSTEM), _signer_payer(P)]
    return Instruction(LOADER, struct.pack("<II", 6, extra), metas)


SYSTEM = Pubkey.from_string("11111111111111111111111111111111")


@pytest.mark.parametrize(
    ("make", "action"),
    [
        pytest.param(lambda: [deploy(STRANGER, 10 * 2**20)], Action.FLAG,
                     id="deploy-rent-for-a-stranger-authority"),
        pytest.param(lambda: [deploy(P, 10 * 2**20)], Action.ALLOW, id="deploy-own-program"),
        pytest.param(lambda: [extend(10 * 2**20)], Action.FLAG,
                     id="extend-a-program-whose-authority-is-unnamed"),
        pytest.param(lambda: [extend(1024, payer=False)], Action.ALLOW,
                     id="extend-with-no-payer"),
        pytest.param(lambda: [extend(10 * 2**20), close(PROGRAM_DATA, STRANGER)], Action.BLOCK,
                     id="extend-then-close-to-stranger"),
    ],
)  # fmt: skip
def test_loader_rent_paid_into_a_program(
    make: Callable[[], list[Instruction]], action: Action
) -> None:
    """Own paying the rent of a ProgramData a stranger's upgrade authority can close to itself
    gives those lamports away (unknown_recipient: FLAG), as a System transfer would."""
    verdict = Guard(Policy(), classifier=False).check_transaction(sx.message(P, make()))
    assert verdict.action is action, verdict.explain()
    if action is Action.FLAG:
        assert "tx.sol.unknown_recipient" in verdict.rule_ids


def test_deploy_rent_is_the_rent_exempt_minimum() -> None:
    """The payer's rent: (45 + max_data_len + 128) bytes x 6960 lamports, to the authority."""
    ops = decode_solana(sx.message(P, [deploy(STRANGER, 1000)])).operations
    (rent,) = [op for op in ops if isinstance(op, Transfer)]
    assert (rent.sender, rent.recipient) == (str(P), str(STRANGER))
    assert rent.amount == (45 + 1000 + 128) * 6960
