"""Solana judgement: each rule id with positives and near misses, through ``Guard``.

The agent's wallet is ``P``; ``A`` is an allowlisted recipient, ``D`` an allowlisted delegate,
``M`` a mint with a 100-token per-transaction limit, SOL has a 1-SOL limit.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import solders.system_program as sp
import spl as sx
from solders.address_lookup_table_account import AddressLookupTableAccount
from solders.hash import Hash
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.message import Message, MessageV0
from solders.pubkey import Pubkey
from solders.token.associated import get_associated_token_address

from aiegis_guard.chains.solana.decode import decode_solana
from aiegis_guard.chains.solana.inspect import resolve_solana
from aiegis_guard.config import Config, ThreatSettings
from aiegis_guard.findings import Action, Category, Finding, Severity
from aiegis_guard.guard import Guard
from aiegis_guard.normalize import Layer
from aiegis_guard.policy import Policy, is_solana_address
from aiegis_guard.scanners import ScanContext, Stage
from aiegis_guard.verdict import Verdict

VECTORS = Path(__file__).resolve().parent / "vectors"
P, A, B, D, M, M2, N, X, T = (Keypair().pubkey() for _ in range(9))
THIEF = Keypair().pubkey()
THIEF_ACCOUNT = Keypair().pubkey()  # a token account of someone else
ATA = get_associated_token_address
ATA_P, ATA_A, ATA_B = ATA(P, M), ATA(A, M), ATA(B, M)
ATA_P22 = ATA(P, M, sx.TOKEN_2022)


def _lookalike(address: Pubkey) -> str:
    """Same first and last four characters, different middle (address poisoning)."""
    text = str(address)
    for swap in "23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz":
        candidate = text[:10] + swap + text[11:]
        if candidate != text and is_solana_address(candidate):
            return candidate
    raise AssertionError("no lookalike found")


LOOKALIKE_A = Pubkey.from_string(_lookalike(A))
_NOT_TOKEN_2022 = Pubkey.from_string("TokenzQdBNbLqP5VEhdkAS6EPFLC1PTBkZPZWi8uPQ8")

POLICY = Policy.model_validate(
    {
        "wallet": {"solana": [str(P)]},
        "allowlist": {"solana": [str(A)], "solana_delegates": [str(D)]},
        "limits": [
            {"chain": "solana", "asset": "native", "decimals": 9, "per_tx": "1"},
            {"chain": "solana", "asset": str(M), "decimals": 6, "per_tx": "100"},
        ],
    }
)
GUARD = Guard(
    Config(policy=POLICY, threats=ThreatSettings(builtin=False, solana=(str(THIEF),))),
    classifier=False,
)


def _sol(to: Pubkey, lamports: int = 1000, frm: Pubkey = P) -> Instruction:
    return sp.transfer({"from_pubkey": frm, "to_pubkey": to, "lamports": lamports})


def _unknown(*accounts: Pubkey, program: Pubkey = X) -> Instruction:
    return sx.raw(program, b"\x01\x02", *(AccountMeta(a, False, True) for a in accounts))


def _create(lamports: int, space: int, owner: Pubkey) -> Instruction:
    params = {"from_pubkey": P, "to_pubkey": B, "lamports": lamports, "space": space}
    return sp.create_account({**params, "owner": owner})  # type: ignore[typeddict-item]


CASES: list[Any] = [
    # --- native transfers
    pytest.param(lambda: [_sol(A)], Action.ALLOW, (), id="sol-to-allowlisted"),
    pytest.param(lambda: [_sol(P)], Action.ALLOW, (), id="sol-to-self"),
    pytest.param(lambda: [_sol(B)], Action.FLAG, ("unknown_recipient",), id="sol-to-unknown"),
    pytest.param(
        lambda: [_sol(LOOKALIKE_A)], Action.BLOCK, ("lookalike_recipient",), id="sol-to-lookalike"
    ),
    pytest.param(
        lambda: [_sol(A, 2 * 10**9)], Action.BLOCK, ("over_limit",), id="sol-over-per-tx-limit"
    ),
    pytest.param(
        lambda: [_sol(A, 6 * 10**8), _sol(A, 6 * 10**8)],
        Action.BLOCK,
        ("over_limit",),
        id="sol-limit-sums-instructions",
    ),
    pytest.param(
        lambda: [_sol(THIEF)], Action.BLOCK, ("threat_address",), id="sol-to-threat-listed"
    ),
    pytest.param(
        lambda: [
            sp.withdraw_nonce_account(
                {"nonce_pubkey": N, "authorized_pubkey": P, "to_pubkey": B, "lamports": 5}
            )
        ],
        Action.FLAG,
        ("unknown_recipient",),
        id="withdraw-nonce-to-unknown",
    ),
    # --- SPL transfers
    pytest.param(
        lambda: [sx.transfer_checked(ATA_P, M, ATA_A, P, 5, 6)],
        Action.ALLOW,
        (),
        id="spl-to-allowlisted-wallets-ata",
    ),
    pytest.param(
        lambda: [sx.transfer_checked(ATA_P, M, ATA_B, P, 5, 6)],
        Action.FLAG,
        ("unknown_recipient",),
        id="spl-to-unknown-ata",
    ),
    pytest.param(
        lambda: [
            sx.create_ata(P, LOOKALIKE_A, M),
            sx.transfer_checked(ATA_P, M, ATA(LOOKALIKE_A, M), P, 5, 6),
        ],
        Action.BLOCK,
        ("lookalike_recipient",),
        id="spl-to-ata-of-lookalike-wallet",
    ),
    pytest.param(
        lambda: [sx.transfer_checked(ATA_P, M, ATA_A, P, 101 * 10**6, 6)],
        Action.BLOCK,
        ("over_limit",),
        id="spl-checked-over-limit",
    ),
    pytest.param(
        lambda: [sx.transfer(ATA_P, ATA_A, P, 101 * 10**6)],
        Action.BLOCK,
        ("over_limit",),
        id="spl-unchecked-mint-from-own-ata-over-limit",
    ),
    pytest.param(
        lambda: [sx.transfer(ATA_P, ATA_A, P, 5)],
        Action.ALLOW,
        (),
        id="spl-unchecked-within-limit",
    ),
    pytest.param(
        lambda: [sx.transfer(Keypair().pubkey(), ATA_A, P, 5)],
        Action.FLAG,
        ("unknown_mint",),
        id="spl-unchecked-mint-unknown-with-limits",
    ),
    pytest.param(
        lambda: [
            sx.transfer(THIEF_ACCOUNT, ATA_B, P, 0),  # the agent is only a delegate of it
            sx.transfer_checked(ATA_P, M, THIEF_ACCOUNT, P, 50, 6),
        ],
        Action.FLAG,
        ("unknown_recipient",),
        id="delegate-authority-does-not-make-an-account-own",
    ),
    pytest.param(
        lambda: [sx.transfer_checked(ATA_P, M2, ATA(A, M2), P, 10**12, 6)],
        Action.ALLOW,
        (),
        id="spl-unlimited-mint-to-allowlisted",
    ),
    # --- approvals
    pytest.param(
        lambda: [sx.approve(ATA_P, B, P, sx.U64_MAX)],
        Action.BLOCK,
        ("unlimited_approval",),
        id="approve-unlimited-unknown-delegate",
    ),
    pytest.param(
        lambda: [sx.approve_checked(ATA_P, M, B, P, 10, 6)],
        Action.BLOCK,  # an SPL delegation has no expiry: a standing grant to a stranger
        ("approval_unknown_spender",),
        id="approve-bounded-unknown-delegate",
    ),
    pytest.param(
        lambda: [sx.approve_checked(ATA_P, M, B, P, 200 * 10**6, 6)],
        Action.BLOCK,
        ("over_limit_approval",),
        id="approve-over-limit",
    ),
    pytest.param(
        lambda: [sx.approve(ATA_P, D, P, sx.U64_MAX)],
        Action.ALLOW,
        (),
        id="approve-allowlisted-delegate",
    ),
    pytest.param(lambda: [sx.revoke(ATA_P, P)], Action.ALLOW, (), id="revoke"),
    # --- authority changes
    pytest.param(
        lambda: [sx.set_authority(ATA_P, P, 2, B)],
        Action.BLOCK,
        ("set_authority",),
        id="set-authority-own-ata-owner",
    ),
    pytest.param(
        lambda: [sx.set_authority(ATA_P, P, 3, B)],
        Action.BLOCK,
        ("set_authority",),
        id="set-authority-own-close-authority",
    ),
    pytest.param(
        lambda: [sx.set_authority(M, P, 0, None)],
        Action.ALLOW,  # fixed supply: the power is removed, nobody gains it (a revoke)
        ("set_authority",),
        id="set-authority-own-mint-removed",
    ),
    pytest.param(
        lambda: [sx.set_authority(M, P, 0, None, sx.TOKEN_2022)],
        Action.ALLOW,
        ("set_authority",),
        id="token2022-mint-authority-removed",
    ),
    pytest.param(
        lambda: [sx.set_authority(ATA_P22, P, 3, B, sx.TOKEN_2022)],
        Action.BLOCK,
        ("set_authority",),
        id="token2022-own-close-authority-to-stranger",
    ),
    pytest.param(
        lambda: [sx.set_authority(M, P, 9, B, sx.TOKEN_2022)],  # AuthorityType 9
        Action.BLOCK,
        ("set_authority",),
        id="token2022-permanent-delegate-to-stranger",
    ),
    pytest.param(
        lambda: [sx.set_authority(M, P, 11, B, sx.TOKEN_2022)],  # AuthorityType 11
        Action.BLOCK,
        ("set_authority",),
        id="token2022-transfer-hook-authority-to-stranger",
    ),
    pytest.param(
        lambda: [sx.set_authority(ATA_P22, P, 2, D, sx.TOKEN_2022)],
        Action.ALLOW,
        (),
        id="token2022-account-owner-to-allowlisted-delegate",
    ),
    pytest.param(  # a vanity program id sharing Token-2022's prefix is not Token-2022
        lambda: [sx.set_authority(ATA_P22, P, 3, B, _NOT_TOKEN_2022)],
        Action.FLAG,
        ("unknown_program",),
        id="token2022-prefix-lookalike-program",
    ),
    pytest.param(
        lambda: [sx.set_authority(ATA_P, P, 2, P)],
        Action.ALLOW,
        (),
        id="set-authority-to-self",
    ),
    pytest.param(
        lambda: [sx.set_authority(ATA_B, B, 2, A)],
        Action.FLAG,
        ("set_authority",),
        id="set-authority-not-own",
    ),
    pytest.param(
        lambda: [sp.assign({"pubkey": P, "owner": X})],
        Action.BLOCK,
        ("assign",),
        id="assign-own-wallet",
    ),
    pytest.param(
        lambda: [sp.assign({"pubkey": B, "owner": X})],
        Action.FLAG,
        ("assign",),
        id="assign-other-account",
    ),
    pytest.param(
        lambda: [
            sp.authorize_nonce_account(
                {"nonce_pubkey": N, "authorized_pubkey": P, "new_authority": B}
            )
        ],
        Action.BLOCK,
        ("authorize_nonce",),
        id="authorize-own-nonce-away",
    ),
    # --- close account
    pytest.param(
        lambda: [sx.close_account(ATA_P, B, P)],
        Action.BLOCK,
        ("close_account",),
        id="close-rent-to-stranger",
    ),
    pytest.param(
        lambda: [sx.close_account(ATA_P, P, P)], Action.ALLOW, (), id="close-rent-to-self"
    ),
    pytest.param(
        lambda: [sx.close_account(ATA(P, M2), ATA_P, P)],
        Action.ALLOW,
        (),
        id="close-rent-to-own-ata",
    ),
    pytest.param(
        lambda: [
            sp.close_lookup_table(
                {"lookup_table_address": T, "authority_address": P, "recipient_address": B}
            )
        ],
        Action.BLOCK,
        ("close_account",),
        id="close-lookup-table-to-stranger",
    ),
    pytest.param(
        lambda: [
            sp.create_lookup_table({"authority_address": P, "payer_address": P, "recent_slot": 1})[
                0
            ]
        ],
        Action.ALLOW,
        (),
        id="create-lookup-table",
    ),
    # --- unknown programs
    pytest.param(
        lambda: [_unknown(ATA_P)], Action.FLAG, ("unknown_program",), id="unknown-touches-own-ata"
    ),
    pytest.param(
        lambda: [_unknown(B, P)], Action.FLAG, ("unknown_program",), id="unknown-gets-own-wallet"
    ),
    pytest.param(lambda: [_unknown(B)], Action.ALLOW, (), id="unknown-not-touching-own"),
    pytest.param(
        lambda: [_unknown(ATA_P, program=A)],
        Action.ALLOW,
        (),
        id="allowlisted-address-as-program",
    ),
    pytest.param(
        lambda: [_unknown(ATA_P22, program=sx.TOKEN_2022)],
        Action.FLAG,
        ("unknown_program",),
        id="token2022-extension-touches-own",
    ),
    # --- Solana-only rules
    pytest.param(
        lambda: [_create(5, 82, sx.TOKEN)],
        Action.ALLOW,
        ("create_account",),
        id="create-token-account",
    ),
    pytest.param(
        lambda: [_create(5, 8, X)],
        Action.FLAG,
        ("create_account",),
        id="create-account-owned-by-unknown-program",
    ),
    pytest.param(
        lambda: [_create(2 * 10**9, 0, sp.ID)],
        Action.BLOCK,
        ("over_limit",),
        id="create-account-counts-against-limit",
    ),
    pytest.param(lambda: [sx.burn(ATA_P, M, P, 5)], Action.FLAG, ("burn",), id="burn-own-tokens"),
    pytest.param(
        lambda: [sx.compute_unit_limit(1_400_000), sx.compute_unit_price(10**7), _sol(A)],
        Action.FLAG,
        ("priority_fee",),
        id="absurd-priority-fee",
    ),
    pytest.param(
        lambda: [sx.compute_unit_limit(200_000), sx.compute_unit_price(1000), _sol(A)],
        Action.ALLOW,
        ("priority_fee",),
        id="normal-priority-fee-is-info",
    ),
    pytest.param(
        lambda: [sx.raw(sx.TOKEN, b"\x0c\x01", AccountMeta(ATA_P, False, True))],
        Action.FLAG,
        ("malformed_instruction",),
        id="malformed-instruction",
    ),
    pytest.param(
        lambda: [sp.advance_nonce_account({"nonce_pubkey": N, "authorized_pubkey": P}), _sol(A)],
        Action.ALLOW,
        ("durable_nonce",),
        id="durable-nonce-held-by-own",
    ),
    pytest.param(
        lambda: [sp.advance_nonce_account({"nonce_pubkey": N, "authorized_pubkey": X}), _sol(A)],
        Action.FLAG,
        ("durable_nonce",),
        id="durable-nonce-held-by-another",
    ),
    pytest.param(lambda: [sx.memo("lunch money", P), _sol(A)], Action.ALLOW, (), id="plain-memo"),
]


@pytest.mark.parametrize(("make", "action", "rules"), CASES)
def test_solana_rule(
    make: Callable[[], list[Instruction]], action: Action, rules: tuple[str, ...]
) -> None:
    """Each transaction gets the expected verdict and rule ids (``tx.sol.*``)."""
    verdict = GUARD.check_transaction(sx.message(P, make()), chain="solana")
    found = {f.rule_id for f in verdict.findings}
    assert verdict.action is action, verdict.explain()
    assert {f"tx.sol.{r}" for r in rules} <= found, found
    assert "tx.sol.contract_creation" not in found
    if action is Action.ALLOW:
        assert all(f.action is Action.ALLOW for f in verdict.findings)


def test_every_finding_says_why() -> None:
    """Findings carry evidence and never a raw amount without its unit."""
    verdict = GUARD.check_transaction(sx.message(P, [sx.approve(ATA_P, B, P, sx.U64_MAX)]))
    for finding in verdict.findings:
        assert finding.evidence
        assert finding.category in (Category.TRANSACTION, Category.THREAT)


def test_unresolved_lookup_tables_flag_and_resolved_tables_allow() -> None:
    """v0 with missing lookup tables is FLAGged; with the tables supplied it is judged fully."""
    table = AddressLookupTableAccount(T, [A])
    msg = MessageV0.try_compile(P, [_sol(A)], [table], Hash.default())
    verdict = GUARD.check_transaction(msg, chain="solana")
    assert verdict.action is Action.FLAG
    assert "tx.sol.unresolved_lookup_tables" in {f.rule_id for f in verdict.findings}
    decoded = decode_solana(msg, lookup_tables=[table])
    assert decoded.unresolved_accounts == 0
    assert decoded.operations[0].recipient == str(A)  # type: ignore[union-attr]


def test_context_addresses_feed_lookalike_checks() -> None:
    """Per-call allowlisted addresses (context) are protected against poisoning too."""
    guard = Guard(Policy.model_validate({"wallet": {"solana": [str(P)]}}), classifier=False)
    msg = sx.message(P, [_sol(LOOKALIKE_A)])
    plain = guard.check_transaction(msg, chain="solana")
    assert plain.action is Action.FLAG
    with_context = guard.check_transaction(msg, chain="solana", context={"allow_solana": [str(A)]})
    assert with_context.action is Action.BLOCK
    assert "tx.sol.lookalike_recipient" in {f.rule_id for f in with_context.findings}


def _probe_scan(layer: Layer, ctx: ScanContext) -> list[Finding]:
    """A text detector that fires on the word ATTACK (proves memos reach the text guard)."""
    at = layer.text.find("ATTACK")
    if at < 0:
        return []
    return [
        Finding(
            rule_id="test.probe",
            category=Category.INJECTION,
            severity=Severity.HIGH,
            action=Action.BLOCK,
            message="probe word",
            span=(at, at + 6),
            evidence=("pattern:ATTACK",),
        )
    ]


def test_memo_text_goes_through_the_text_guard() -> None:
    """A memo is judged by the text stages; their findings come back marked in:memo."""
    guard = Guard(POLICY, stages=[Stage("probe", _probe_scan)], classifier=False)
    verdict = guard.check_transaction(sx.message(P, [sx.memo("ATTACK now", P), _sol(A)]))
    assert verdict.action is Action.BLOCK
    (probe,) = [f for f in verdict.findings if f.rule_id == "test.probe"]
    assert "in:memo" in probe.evidence
    clean = guard.check_transaction(sx.message(P, [sx.memo("lunch", P), _sol(A)]))
    assert clean.action is Action.ALLOW


def test_rule_modes_override_solana_defaults() -> None:
    """``[rules]`` can relax a Solana rule (durable nonce allowed by policy)."""
    policy = Policy.model_validate(
        {**POLICY.model_dump(), "rules": {"tx.sol.durable_nonce": "allow"}}
    )
    guard = Guard(policy, classifier=False)
    advance = sp.advance_nonce_account({"nonce_pubkey": N, "authorized_pubkey": X})
    verdict: Verdict = guard.check_transaction(sx.message(P, [advance, _sol(A)]))
    assert verdict.action is Action.ALLOW


def test_resolve_maps_token_accounts_to_wallets_and_mints() -> None:
    """resolve_solana: recipient ATA -> wallet, unknown mint -> mint of the own ATA."""
    decoded = decode_solana(Message([sx.transfer(ATA_P, ATA_A, P, 7)], P))
    (op,) = resolve_solana(decoded, POLICY).operations
    assert op.recipient == str(A)  # type: ignore[union-attr]
    assert op.asset.address == str(M)  # type: ignore[union-attr]
    assert op.asset.key == f"solana:{M}"  # type: ignore[union-attr]


def _bench_vectors() -> list[Any]:
    data = json.loads((VECTORS / "solana_bench.json").read_text())
    policy = Policy.model_validate(data["policy"])
    return [
        pytest.param(policy, item["payload"], Action(item["expected"]), id=item["id"])
        for item in data["payloads"]
    ]


@pytest.mark.parametrize(("policy", "payload", "action"), _bench_vectors())
def test_benchmark_vectors_keep_their_verdicts(
    policy: Policy, payload: str, action: Action
) -> None:
    """The committed benchmark payloads (base64 wire txs) get the verdicts recorded with them."""
    verdict = Guard(policy, classifier=False).check_transaction(payload, chain="solana")
    assert verdict.action is action, verdict.explain()
