"""Per-request state of the transaction judges (:class:`Judge`): the decoded request, its
context, the own accounts and the chain's rule names, shared by the per-operation rules
(``judge_gives.py``, ``judge_grants.py``) and
:func:`aiegis_guard.chains.inspect.inspect_operations`.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiegis_guard.chains.effect_derive import acting_accounts, own_accounts
from aiegis_guard.chains.transaction import DecodedTransaction, Receipt, TxContext
from aiegis_guard.findings import Action, Category, Chain, Finding, Severity
from aiegis_guard.redact import mask_address

__all__ = ["EVM_RULES", "SOLANA_RULES", "ChainRules", "Judge", "norm"]


@dataclass(frozen=True)
class ChainRules:
    """What differs between chains for the generic rules (a declaration, not a subclass)."""

    builtin_spenders: frozenset[str] = frozenset()  # always-allowed spenders (EVM: lower-case)
    unknown_call_rule: str = "unknown_call"


_SEVERITY = {Action.BLOCK: Severity.HIGH, Action.FLAG: Severity.MEDIUM}
EVM_RULES = ChainRules()
SOLANA_RULES = ChainRules(unknown_call_rule="unknown_program")


def norm(addr: str, chain: Chain) -> str:
    return addr.lower() if chain is Chain.EVM else addr


class Judge:
    """Per-call state: the decoded transaction, the context and the chain's rule names."""

    __slots__ = (
        "acting",
        "chain",
        "ctx",
        "decoded",
        "exchange",
        "own",
        "parties",
        "policy",
        "prefix",
        "rules",
    )

    def __init__(self, decoded: DecodedTransaction, ctx: TxContext, rules: ChainRules) -> None:
        self.decoded = decoded
        self.ctx = ctx
        self.rules = rules
        self.chain = decoded.chain
        self.prefix = f"tx.{decoded.chain.tag}."  # of every rule id this judge emits
        self.policy = ctx.policy
        self.own = own_accounts(decoded, ctx.policy)  # wallet + signer / fee payer
        self.acting = acting_accounts(decoded, self.own)  # + the smart accounts it acts through
        self.exchange = any(isinstance(op, Receipt) for op in decoded.operations)
        self.parties: dict[str, tuple[str | None, str | None]] = {}

    def f(
        self,
        rule: str,
        action: Action,
        message: str,
        *evidence: str,
        preview: str = "",
        severity: Severity | None = None,
        category: Category = Category.TRANSACTION,
    ) -> Finding:
        if severity is None:
            severity = _SEVERITY.get(action, Severity.INFO)
        return Finding(
            rule_id=self.prefix + rule,
            category=category,
            severity=severity,
            action=action,
            message=message,
            preview=preview,
            evidence=evidence,
        )

    def _party(self, addr: str) -> tuple[str | None, str | None]:
        """(threat label, the known address it imitates) of ``addr``, once per request (a
        request names the same venue, token or recipient again and again)."""
        found = self.parties.get(addr)
        if found is None:
            chain, policy = self.chain, self.policy
            label = self.ctx.threats.address_label(chain, norm(addr, chain))
            imitated = None if policy.is_known(addr, chain) else policy.lookalike_of(addr, chain)
            found = self.parties[addr] = (label, imitated)
        return found

    def counterparty(self, addr: str, role: str) -> list[Finding]:
        """Threat-list and lookalike checks for any address the tx hands something to."""
        label, imitated = self._party(addr)
        if label is None and imitated is None:
            return []
        out: list[Finding] = []
        if label is not None:
            out.append(
                self.f(
                    "threat_address",
                    Action.BLOCK,
                    f"{role} {mask_address(addr)} is on a threat list ({label})",
                    f"{role}:{addr}",
                    f"threat:{label}",
                    preview=mask_address(addr),
                    severity=Severity.CRITICAL,
                    category=Category.THREAT,
                )
            )
        if imitated is not None:
            out.append(
                self.f(
                    f"lookalike_{role}",
                    Action.BLOCK,
                    f"{role} {mask_address(addr)} imitates a known address (poisoning)",
                    f"{role}:{addr}",
                    f"looks-like:{imitated}",
                    f"same-first-last:{self.policy.lookalike_chars}",
                    preview=mask_address(addr),
                    severity=Severity.CRITICAL,
                )
            )
        return out

    def is_own(self, addr: str | None) -> bool:
        """An own account, or one of the owner's passkeys (``[wallet] passkeys``: as the EVM
        decoders name a smart account's passkey owner, ``p256:0x<x><y>``)."""
        if addr is None:
            return False
        a = norm(addr, self.chain)
        return a in self.own or a in self.policy.wallet.passkeys

    def acts_for(self, addr: str | None) -> bool:
        return addr is not None and norm(addr, self.chain) in self.acting
