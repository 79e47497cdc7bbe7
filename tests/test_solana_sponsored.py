"""Sponsored (gasless) Solana transactions: the fee payer is a relayer that signs first and
pays, and the agent's wallet ``P`` is another required signer (solana-labs/octane, Kora). The
relayer is then a third party: a fee paid to it, an authority or a delegation handed to it, or
an account it creates are judged as any stranger's (``DecodedTransaction.sponsor``)."""

from __future__ import annotations

import base64

import solders.system_program as sp
import spl as sx
from solders.hash import Hash
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.message import Message
from solders.pubkey import Pubkey
from solders.token.associated import get_associated_token_address as ata
from solders.transaction import Transaction

from aiegis_guard.chains.solana.decode import decode_solana
from aiegis_guard.findings import Action
from aiegis_guard.guard import Guard
from aiegis_guard.policy import Policy

AGENT, FRIEND, MINT = Keypair(), Keypair().pubkey(), Keypair().pubkey()
P = AGENT.pubkey()
RELAYER, LISTED_RELAYER, NEW = Keypair(), Keypair(), Keypair().pubkey()
ACCOUNT_OWNER, UNLIMITED = 2, 2**64 - 1


def _guard(*allowed: Pubkey, wallet: bool = True) -> Guard:
    policy = {
        "wallet": {"solana": [str(P)] if wallet else []},
        "allowlist": {"solana": [str(FRIEND), *map(str, allowed)]},
    }
    return Guard(Policy.model_validate(policy), classifier=False)


def _sponsored(relayer: Keypair, ixs: list[Instruction]) -> str:
    """Partially signed as a relayer delivers it: its signature, the agent's slot empty."""
    tx = Transaction.new_unsigned(Message.new_with_blockhash(ixs, relayer.pubkey(), Hash.default()))
    tx.partial_sign([relayer], Hash.default())
    return base64.b64encode(bytes(tx)).decode()


def _fee(to: Pubkey) -> Instruction:
    return sx.transfer_checked(ata(P, MINT), MINT, ata(to, MINT), P, 50_000, 6)


def _pay() -> Instruction:
    return sx.transfer_checked(ata(P, MINT), MINT, ata(FRIEND, MINT), P, 420_000_000, 6)


def test_sponsor_is_not_own() -> None:
    """The relayer pays the fee, the agent signs second: the relayer is the sponsor."""
    decoded = decode_solana(_sponsored(RELAYER, [_fee(RELAYER.pubkey()), _pay()]))
    assert decoded.sponsor(frozenset({str(P)})) == str(RELAYER.pubkey())
    assert decoded.sponsor(frozenset({str(RELAYER.pubkey())})) is None  # configured: own
    assert decoded.sponsor(frozenset()) is None  # nothing configured: the payer is the agent


def test_fee_to_an_allowlisted_relayer_is_allowed() -> None:
    tx = _sponsored(LISTED_RELAYER, [_fee(LISTED_RELAYER.pubkey()), _pay()])
    verdict = _guard(LISTED_RELAYER.pubkey()).check_transaction(tx, chain="solana")
    assert verdict.action is Action.ALLOW, verdict.explain()


def test_fee_to_an_unknown_sponsor_is_a_give_to_a_stranger() -> None:
    tx = _sponsored(RELAYER, [_fee(RELAYER.pubkey()), _pay()])
    verdict = _guard().check_transaction(tx, chain="solana")
    assert verdict.action is Action.FLAG, verdict.explain()
    assert "tx.sol.unknown_recipient" in {f.rule_id for f in verdict.findings}


def test_sponsor_taking_ownership_of_the_agents_token_account_blocks() -> None:
    owner = sx.set_authority(ata(P, MINT), P, ACCOUNT_OWNER, RELAYER.pubkey())
    tx = _sponsored(RELAYER, [_fee(RELAYER.pubkey()), _pay(), owner])
    verdict = _guard().check_transaction(tx, chain="solana")
    assert verdict.action is Action.BLOCK, verdict.explain()
    assert "tx.sol.set_authority" in {f.rule_id for f in verdict.findings}


def test_sponsor_as_unlimited_delegate_blocks() -> None:
    grant = sx.approve(ata(P, MINT), RELAYER.pubkey(), P, UNLIMITED)
    tx = _sponsored(RELAYER, [_fee(RELAYER.pubkey()), _pay(), grant])
    verdict = _guard().check_transaction(tx, chain="solana")
    assert verdict.action is Action.BLOCK, verdict.explain()


def test_an_account_the_sponsor_creates_is_not_own() -> None:
    """A token account the relayer funds (for someone else) is no account of the agent's."""
    create = sp.create_account(
        {
            "from_pubkey": RELAYER.pubkey(),
            "to_pubkey": NEW,
            "lamports": 2_039_280,
            "space": 165,
            "owner": sx.TOKEN,
        }
    )
    send = sx.transfer_checked(ata(P, MINT), MINT, NEW, P, 420_000_000, 6)
    tx = _sponsored(RELAYER, [create, send])
    verdict = _guard(RELAYER.pubkey()).check_transaction(tx, chain="solana")
    assert verdict.action is not Action.ALLOW, verdict.explain()


def test_without_a_configured_wallet_the_payer_is_the_agent() -> None:
    owner = sx.set_authority(ata(RELAYER.pubkey(), MINT), RELAYER.pubkey(), ACCOUNT_OWNER, P)
    tx = _sponsored(RELAYER, [owner])
    verdict = _guard(wallet=False).check_transaction(tx, chain="solana")
    assert verdict.action is Action.BLOCK, verdict.explain()  # own account handed to P
