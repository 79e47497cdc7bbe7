"""SPL single-validator stake pools (``chains/solana/single_pool.py``), the rest of Token-2022's
metadata / group interfaces, ``WithdrawExcessLamports`` and the class a table-24 drainer was
ALLOWed by: a stake account authorised away and then handed to an unread program.

Instructions follow solana-labs/solana-program-library ``single-pool/program/src/
instruction.rs`` (one-byte Borsh tag; ``deposit()`` = two Stake ``Authorize`` to the pool
stake authority + ``DepositStake``; ``withdraw()`` = SPL ``Approve`` of the pool mint authority
+ ``WithdrawStake {user_stake_authority, token_amount}``), ``token-metadata/interface`` and
``token-group/interface`` ``instruction.rs`` (8-byte ``sha256("<namespace>:<name>")``
discriminators), Token-2022 ``instruction.rs`` (``WithdrawExcessLamports`` = 38). Keys are
generated (never funded).
"""

from __future__ import annotations

import hashlib
import struct

import pytest
import spl as sx
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.system_program import CreateAccountParams, create_account
from solders.token.associated import get_associated_token_address

from aiegis_guard.chains.solana.decode import decode_solana
from aiegis_guard.chains.transaction import AuthorityChange, Call
from aiegis_guard.findings import Action
from aiegis_guard.guard import Guard
from aiegis_guard.policy import Policy
from aiegis_guard.verdict import Verdict

SVSP = Pubkey.from_string("SVSPxpvHdN29nkVg9rPapPNDddN5DipNLRUFhyjFThE")
ME = Keypair().pubkey()
STRANGER = Keypair().pubkey()  # wallets are on the curve
COLD = Pubkey.new_unique()  # own's allowlisted cold wallet
POOL, POOL_STAKE, POOL_MINT = Pubkey.new_unique(), Pubkey.new_unique(), Pubkey.new_unique()
STAKE_AUTH, MINT_AUTH = Pubkey.new_unique(), Pubkey.new_unique()  # the pool's PDAs
USER_STAKE = Pubkey.new_unique()
OTHER_PROGRAM = Pubkey.new_unique()  # a program nobody decodes


def _w(key: Pubkey) -> AccountMeta:
    return AccountMeta(key, False, True)


def _r(key: Pubkey) -> AccountMeta:
    return AccountMeta(key, False, False)


def _ata(wallet: Pubkey) -> Pubkey:
    return get_associated_token_address(wallet, POOL_MINT)


def deposit_stake(tokens_to: Pubkey, lamports_to: Pubkey, program: Pubkey = SVSP) -> Instruction:
    accounts = [_r(POOL), _w(POOL_STAKE), _w(POOL_MINT), _r(STAKE_AUTH), _r(MINT_AUTH)]
    accounts += [_w(USER_STAKE), _w(tokens_to), _w(lamports_to)]
    accounts += [_r(sx.CLOCK), _r(sx.STAKE_HISTORY), _r(sx.TOKEN), _r(sx.STAKE)]
    return Instruction(program, b"\x02", accounts)


def withdraw_stake(stake: Pubkey, authority: Pubkey, amount: int) -> Instruction:
    accounts = [_r(POOL), _w(POOL_STAKE), _w(POOL_MINT), _r(STAKE_AUTH), _r(MINT_AUTH)]
    accounts += [_w(stake), _w(_ata(ME)), _r(sx.CLOCK), _r(sx.TOKEN), _r(sx.STAKE)]
    return Instruction(SVSP, b"\x03" + bytes(authority) + struct.pack("<Q", amount), accounts)


def deposit(tokens_to: Pubkey, lamports_to: Pubkey, program: Pubkey = SVSP) -> list[Instruction]:
    """``deposit()``: staker and withdrawer to the pool stake authority, then DepositStake."""
    return [
        sx.stake_authorize(USER_STAKE, ME, STAKE_AUTH, sx.STAKER),
        sx.stake_authorize(USER_STAKE, ME, STAKE_AUTH, sx.WITHDRAWER),
        deposit_stake(tokens_to, lamports_to, program),
    ]


def withdraw(authority: Pubkey, amount: int = 250 * 10**9) -> list[Instruction]:
    """``withdraw()``: approve the pool mint authority, then WithdrawStake to a new account."""
    new = Pubkey.new_unique()
    return [
        sx.approve(_ata(ME), MINT_AUTH, ME, amount),
        withdraw_stake(new, authority, amount),
    ]


def judged(ixs: list[Instruction], programs: tuple[Pubkey, ...] = ()) -> Verdict:
    """ME's verdict with the pool's PDAs and COLD allowlisted (and ``programs``)."""
    policy = Policy.model_validate(
        {
            "wallet": {"solana": [str(ME)]},
            "allowlist": {
                "solana": [str(COLD), str(POOL)],
                "solana_delegates": [str(STAKE_AUTH), str(MINT_AUTH), str(COLD)],
                "solana_programs": [str(p) for p in programs],
            },
        }
    )
    msg = sx.message(ME, ixs)
    return Guard(policy, classifier=False).check_transaction(msg, chain="solana")


@pytest.mark.parametrize(
    ("ixs", "action"),
    [
        pytest.param(deposit(_ata(ME), ME), Action.ALLOW, id="deposit-to-own"),
        pytest.param(deposit(_ata(ME), COLD), Action.ALLOW, id="deposit-lamports-to-cold"),
        pytest.param(deposit(_ata(STRANGER), STRANGER), Action.BLOCK, id="deposit-to-stranger"),
        pytest.param(deposit(_ata(ME), STRANGER), Action.BLOCK, id="lamports-to-stranger"),
        pytest.param(withdraw(ME), Action.ALLOW, id="withdraw-to-own"),
        pytest.param(withdraw(COLD), Action.ALLOW, id="withdraw-to-cold"),
        pytest.param(withdraw(STRANGER), Action.BLOCK, id="withdraw-stake-to-stranger"),
    ],
)
def test_single_pool_outputs(ixs: list[Instruction], action: Action) -> None:
    """Pool tokens, excess lamports and the redeemed stake account land where the instruction
    says: own / allowlisted passes, a stranger BLOCKs (``swap_recipient``); the deposit's two
    hand-overs to the pool stake authority are its input, not a gift."""
    verdict = judged(ixs)
    assert verdict.action is action, verdict.explain()
    if action is Action.BLOCK:
        assert "tx.sol.swap_recipient" in verdict.rule_ids


def test_single_pool_unknown_tag_is_unread() -> None:
    """A tag the published enum does not have is an unknown instruction, never silence."""
    ix = Instruction(SVSP, b"\x09", [_w(USER_STAKE), _w(_ata(ME))])
    [op] = decode_solana(sx.message(ME, [ix])).operations
    assert isinstance(op, Call) and not op.known


@pytest.mark.parametrize(
    ("programs", "action"),
    [
        pytest.param((), Action.FLAG, id="unread-program"),
        pytest.param((OTHER_PROGRAM,), Action.ALLOW, id="allowlisted-program"),
    ],
)
def test_stake_authorised_away_then_handed_to_an_unread_program(
    programs: tuple[Pubkey, ...], action: Action
) -> None:
    """The stake account own authorises to a pool is still own's account: an unread program
    handed it (with none of own's other accounts) touches own (FLAG unless the program is
    allowlisted), never a silent ALLOW (table 24: a pool deposit paying a stranger ALLOWed
    while the pool program was unread)."""
    ixs = deposit(_ata(STRANGER), STRANGER, program=OTHER_PROGRAM)
    verdict = judged(ixs, programs)
    assert verdict.action is action, verdict.explain()


def _opaque_on(account: Pubkey) -> Instruction:
    """An undecoded instruction of OTHER_PROGRAM writing own's pool-token account and
    ``account``, naming the stranger and the mint; own not a signer."""
    accounts = [_w(_ata(ME)), _w(account), _r(STRANGER), _r(POOL_MINT)]
    return Instruction(OTHER_PROGRAM, bytes.fromhex("deadbeefcafef00d"), accounts)


_THEIRS = _ata(STRANGER)  # a stranger's token account


@pytest.mark.parametrize(
    ("handover", "action"),
    [
        pytest.param(
            sx.set_authority(_THEIRS, ME, 3, ME), Action.FLAG, id="close-authority-own-keeps"
        ),
        pytest.param(
            sx.set_authority(_THEIRS, ME, 3, COLD), Action.FLAG, id="close-authority-to-cold"
        ),
        pytest.param(
            sx.set_authority(_ata(ME), ME, 2, COLD), Action.ALLOW, id="benign-own-account-owner"
        ),
        pytest.param(
            sx.stake_authorize(USER_STAKE, ME, COLD, sx.WITHDRAWER),
            Action.ALLOW,
            id="benign-own-stake-withdrawer",
        ),
    ],
)
def test_only_an_owning_authority_makes_a_handed_account_own(
    handover: Instruction, action: Action
) -> None:
    """An account is own's because own owned it (a token account's owner, a stake account's
    withdrawer), not because own holds or keeps some other authority of it (close, staker) that
    its owner may hand anyone: an allowlisted program's unread instruction writing a stranger's
    account then still names the stranger (FLAG), an own account handed on stays own (ALLOW)."""
    account = handover.accounts[0].pubkey
    verdict = judged([handover, _opaque_on(account)], (OTHER_PROGRAM,))
    assert verdict.action is action, verdict.explain()


# --- Token-2022 metadata / group interfaces ---------------------------------------------------


def _disc(name: str) -> bytes:
    return hashlib.sha256(name.encode()).digest()[:8]


MINT = Pubkey.new_unique()


def _t22(data: bytes, *accounts: AccountMeta) -> Instruction:
    return Instruction(sx.TOKEN_2022, data, list(accounts))


def _signer(key: Pubkey) -> AccountMeta:
    return AccountMeta(key, True, False)


_FIELD_URI = b"\x02" + struct.pack("<I", 5) + b"https"
_UPDATE_FIELD = _t22(
    _disc("spl_token_metadata_interface:updating_field") + _FIELD_URI, _w(MINT), _signer(ME)
)
_REMOVE_KEY = _t22(
    _disc("spl_token_metadata_interface:remove_key_ix") + b"\x00" + struct.pack("<I", 1) + b"k",
    _w(MINT),
    _signer(ME),
)
_MAX_SIZE = _t22(
    _disc("spl_token_group_interface:update_group_max_size") + struct.pack("<Q", 10),
    _w(MINT),
    _signer(ME),
)


@pytest.mark.parametrize(
    "ix",
    [
        pytest.param(_UPDATE_FIELD, id="update-field"),
        pytest.param(_REMOVE_KEY, id="remove-key"),
        pytest.param(_MAX_SIZE, id="group-max-size"),
    ],
)
def test_interface_self_administration_moves_nothing(ix: Instruction) -> None:
    """Rewriting a field, removing a key, resizing a group: read, nothing handed (ALLOW)."""
    [op] = decode_solana(sx.message(ME, [ix])).operations
    assert isinstance(op, Call) and op.known
    assert judged([ix]).action is Action.ALLOW


@pytest.mark.parametrize(
    ("authority", "action"),
    [
        pytest.param(ME, Action.ALLOW, id="own"),
        pytest.param(COLD, Action.ALLOW, id="allowlisted"),
        pytest.param(STRANGER, Action.BLOCK, id="stranger"),
    ],
)
def test_initialize_metadata_names_its_update_authority(authority: Pubkey, action: Action) -> None:
    """The metadata's update authority named at initialisation by own (the mint authority) is
    a hand-over of who may rewrite the token, judged as ``UpdateAuthority``."""
    data = _disc("spl_token_metadata_interface:initialize_account")
    data += b"".join(struct.pack("<I", 1) + b"x" for _ in range(3))
    ix = _t22(data, _w(MINT), _r(authority), _r(MINT), _signer(ME))
    [op] = decode_solana(sx.message(ME, [ix])).operations
    assert isinstance(op, AuthorityChange)
    assert (op.new_authority, op.authority_type) == (str(authority), "metadata_update_authority")
    assert judged([ix]).action is action


def _create(account: Pubkey) -> Instruction:
    """System ``CreateAccount`` of ``account`` (a Token-2022 mint with metadata), paid by ME."""
    params = CreateAccountParams(
        from_pubkey=ME, to_pubkey=account, lamports=5_000_000, space=500, owner=sx.TOKEN_2022
    )
    return create_account(params)


@pytest.mark.parametrize(
    ("created", "authority", "action"),
    [
        pytest.param(True, STRANGER, Action.FLAG, id="new-mint-launchpad-authority"),
        pytest.param(True, ME, Action.ALLOW, id="benign-new-mint-own-authority"),
        pytest.param(False, STRANGER, Action.BLOCK, id="existing-mint-stranger-authority"),
    ],
)
def test_metadata_authority_of_a_mint_created_here(
    created: bool, authority: Pubkey, action: Action
) -> None:
    """The metadata update authority of a mint the transaction creates (a launchpad's PDA)
    hands over nothing own held before: judged with the creation (FLAG), not as own's account
    handed away (BLOCK, as on an existing mint) (review25t F9)."""
    mint = Keypair().pubkey()
    data = _disc("spl_token_metadata_interface:initialize_account")
    data += b"".join(struct.pack("<I", 1) + b"x" for _ in range(3))
    init = _t22(data, _w(mint), _r(authority), _r(mint), _signer(ME))
    ixs = [_create(mint), init] if created else [init]
    assert judged(ixs).action is action


@pytest.mark.parametrize(
    ("destination", "action", "rule"),
    [
        pytest.param(ME, Action.ALLOW, None, id="to-own"),
        pytest.param(COLD, Action.ALLOW, None, id="to-allowlisted"),
        pytest.param(STRANGER, Action.BLOCK, "tx.sol.unbounded_give", id="to-stranger"),
    ],
)
def test_withdraw_excess_lamports_is_all_of_them(
    destination: Pubkey, action: Action, rule: str | None
) -> None:
    """``WithdrawExcessLamports``: every lamport above rent to the destination: no bound."""
    ix = _t22(bytes([38]), _w(MINT), _w(destination), _signer(ME))
    verdict = judged([ix])
    assert verdict.action is action, verdict.explain()
    if rule:
        assert rule in verdict.rule_ids
