"""An instruction not decoded, of a program the policy trusts, that writes to an account the
transaction proves to be a stranger's: FLAG ``unknown_program`` (``reason:names-third-party``).

The program is made up (a generated key, allowlisted by the policy) and its instruction data
means nothing to the decoder: only the account list speaks. Its vault is the associated
token account of a program-derived authority (off-curve), as pools and reserves are.
Near misses: the own account, an allowlisted friend, the stranger not named anywhere (nothing
proves whose the account is), an exchange on the own account (own accounts of two mints
written) with a stranger's account of one of them (a fee), the program not trusted (judged as
before).
"""

from __future__ import annotations

import pytest
import spl as sx
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.system_program import TransferParams, transfer
from solders.token.associated import get_associated_token_address

from aiegis_guard.findings import Action
from aiegis_guard.guard import Guard
from aiegis_guard.policy import Allowlist, Policy, Wallet

ME = Keypair().pubkey()
STRANGER = Keypair().pubkey()
FRIEND = Keypair().pubkey()
PROGRAM = Keypair().pubkey()  # a trusted program this package does not decode
USDC = Pubkey.from_string("EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v")
ODD = Keypair().pubkey()  # a mint nobody here knows
AUTHORITY, _ = Pubkey.find_program_address([b"vault_auth"], PROGRAM)  # off-curve
VAULT = get_associated_token_address(AUTHORITY, USDC)
RULE = "tx.sol.unknown_program"
WHY = "reason:names-third-party"


def ata(wallet: Pubkey, mint: Pubkey = USDC) -> Pubkey:
    return get_associated_token_address(wallet, mint)


def opaque(dest: Pubkey, *named: Pubkey, also: tuple[Pubkey, ...] = ()) -> Instruction:
    """``withdraw``-like: ME signs, the vault pays ``dest``; ``named`` are read-only."""
    metas = [
        AccountMeta(ME, is_signer=True, is_writable=True),
        AccountMeta(AUTHORITY, is_signer=False, is_writable=False),
        AccountMeta(VAULT, is_signer=False, is_writable=True),
        AccountMeta(dest, is_signer=False, is_writable=True),
        AccountMeta(USDC, is_signer=False, is_writable=False),
        AccountMeta(sx.TOKEN, is_signer=False, is_writable=False),
    ]
    metas += [AccountMeta(k, is_signer=False, is_writable=False) for k in named]
    metas += [AccountMeta(k, is_signer=False, is_writable=True) for k in also]
    return Instruction(PROGRAM, bytes([7, 1, 2, 3]), metas)


def _policy(*friends: Pubkey, trusted: bool = True) -> Policy:
    allowed = {str(f) for f in friends} | ({str(PROGRAM)} if trusted else set())
    return Policy(
        wallet=Wallet(solana=frozenset({str(ME)})), allowlist=Allowlist(solana=frozenset(allowed))
    )


def _sol(to: Pubkey) -> Instruction:
    return transfer(TransferParams(from_pubkey=ME, to_pubkey=to, lamports=10**6))


CASES = [
    pytest.param([opaque(ata(STRANGER), STRANGER)], _policy(), Action.FLAG, True,
                 id="stranger-ata-and-wallet-named"),
    pytest.param([sx.create_ata(ME, STRANGER, ODD), opaque(ata(STRANGER, ODD))], _policy(),
                 Action.FLAG, True, id="account-created-for-stranger-in-the-tx"),
    pytest.param([_sol(STRANGER), opaque(STRANGER)], _policy(), Action.FLAG, True,
                 id="writes-to-a-wallet-the-tx-pays"),
    pytest.param([opaque(ata(ME), ME)], _policy(), Action.ALLOW, False, id="own-ata"),
    pytest.param([opaque(ata(FRIEND), FRIEND)], _policy(FRIEND), Action.ALLOW, False,
                 id="allowlisted-friend"),
    pytest.param([opaque(ata(STRANGER))], _policy(), Action.ALLOW, False,
                 id="stranger-not-named-nothing-proves-it"),
    pytest.param([opaque(ata(STRANGER), STRANGER, also=(ata(ME),))], _policy(), Action.FLAG,
                 True, id="one-sided-own-account-of-same-mint-beside-it"),
    pytest.param([opaque(ata(STRANGER), STRANGER, ODD, also=(ata(ME), ata(ME, ODD)))],
                 _policy(), Action.ALLOW, False, id="exchange-fee-to-a-named-wallet"),
    pytest.param([opaque(ata(STRANGER, ODD), STRANGER, ODD, also=(ata(ME),))], _policy(),
                 Action.FLAG, True, id="exchange-output-elsewhere"),
    pytest.param([opaque(ata(STRANGER), STRANGER)], _policy(trusted=False), Action.FLAG, False,
                 id="program-not-trusted-judged-as-before"),
]  # fmt: skip


@pytest.mark.parametrize(("ixs", "policy", "action", "names"), CASES)
def test_third_party(ixs: list[Instruction], policy: Policy, action: Action, names: bool) -> None:
    """A trusted program's opaque instruction writing to a proven stranger's account FLAGs."""
    verdict = Guard(policy, classifier=False).check_transaction(sx.message(ME, ixs))
    assert verdict.action is action, verdict.explain()
    named = [f for f in verdict.findings if f.rule_id == RULE and WHY in f.evidence]
    assert bool(named) is names, verdict.explain()
    if names:
        assert any(e.endswith(str(STRANGER)) for f in named for e in f.evidence)
