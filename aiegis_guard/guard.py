"""The Guard: the only orchestrator. Callers ask it and act on the :class:`Verdict`.

``check_text``  str/bytes -> normalize -> stages (per layer) -> decide -> Verdict
``check_transaction`` / ``check_typed_data`` / ``check_message``
                raw / dict / typed data -> chains/<chain>/decode -> inspect -> decide -> Verdict

A stage that crashes yields a ``guard.stage_error`` finding and the verdict fails closed
(``[guard] on_error``). Nothing here logs or returns an unmasked secret.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiegis_guard.audit import AuditLog
from aiegis_guard.config import Config, find_config_path, load_config
from aiegis_guard.findings import Action, Category, Chain, Finding, Severity, Source
from aiegis_guard.pipeline import (
    TEXT_TYPES,
    as_text,
    default_stages,
    every_spelling,
    public_prompt,
    require_text,
    scan_text,
    scrubbed,
    stage_error,
    undecided,
)
from aiegis_guard.policy import Policy, decide
from aiegis_guard.redact import redact_spans
from aiegis_guard.scanners import ScanContext, Stage
from aiegis_guard.textcache import DigestLRU, text_digest
from aiegis_guard.verdict import Verdict

if TYPE_CHECKING:
    from aiegis_guard.chains.transaction import DecodedTransaction
    from aiegis_guard.ledger import SpendLedger, SpendReservation
    from aiegis_guard.scanners.classifier import Classifier
    from aiegis_guard.scanners.phrases.rules import RuleSet
    from aiegis_guard.taint import TaintStore
    from aiegis_guard.threats import ThreatIndex

__all__ = ["Guard", "default_stages"]

log = logging.getLogger("aiegis_guard")

TX_TEXTS_MAX = 256  # verdicts of texts carried by transactions kept per Guard (see _tx_text)


class Guard:
    """Checks text, transactions and signature requests against one policy.

    ``Guard()`` loads ``$AIEGIS_CONFIG`` or ``./aiegis.toml`` when present, else the defaults;
    ``Guard.from_config(path)`` loads a file; ``Guard(config)`` / ``Guard(policy)`` take values.
    Thread-safe for checking; construct once and share.
    """

    def __init__(
        self,
        config: Config | Policy | None = None,
        *,
        stages: Sequence[Stage] | None = None,
        classifier: Classifier | bool | None = True,
        audit: AuditLog | None = None,
    ) -> None:
        if config is None:
            path = find_config_path()
            config = load_config(path) if path else Config()
        elif isinstance(config, Policy):
            config = Config(policy=config)
        self.config = config
        self.policy = config.policy
        self._policies: dict[tuple[tuple[str, tuple[Any, ...]], ...], Policy] = {}
        self.stages: tuple[Stage, ...] = tuple(stages) if stages is not None else default_stages()
        self._classifier_opt = classifier
        self.audit = audit or (AuditLog(config.audit) if config.audit.path else None)
        # text carried by transactions (memos, typed-data strings), by digest: see _tx_text
        self._tx_texts: DigestLRU[tuple[Policy, Verdict]] | None = (
            DigestLRU(TX_TEXTS_MAX) if stages is None else None  # your stages may keep state
        )
        if config.phrase_rules.extra or config.phrase_rules.disable:
            _ = self.phrases  # your rule files fail here, at construction, not at a check

    @classmethod
    def from_config(cls, path: str | Path, **kwargs: Any) -> Guard:
        return cls(load_config(path), **kwargs)

    # --- lazily built parts ------------------------------------------------------------

    @cached_property
    def classifier(self) -> Classifier | None:
        """The injection classifier (lazy: nothing is loaded until the first check)."""
        opt = self._classifier_opt
        if opt is False or opt is None or not self.config.classifier.enabled:
            return None
        if opt is True:
            from aiegis_guard.scanners.classifier import Classifier

            return Classifier(self.config.classifier)
        return opt

    @cached_property
    def phrases(self) -> RuleSet:
        """The phrase rules: the shipped books plus ``[rules] extra``, minus ``disable``."""
        from aiegis_guard.scanners.phrases.rules import default_rules, load_rules

        settings = self.config.phrase_rules
        if not settings.extra and not settings.disable:
            return default_rules()
        where = f"{self.config.path}: " if self.config.path else ""
        return load_rules(settings.extra, settings.disable, where=where)

    @cached_property
    def threats(self) -> ThreatIndex:
        from aiegis_guard.threats import ThreatIndex

        return ThreatIndex.from_settings(self.config.threats)

    @cached_property
    def taint(self) -> TaintStore:
        """Per-run taint shared by every surface using this guard (:mod:`aiegis_guard.taint`)."""
        from aiegis_guard.taint import TaintStore

        return TaintStore()

    @cached_property
    def ledger(self) -> SpendLedger:
        from aiegis_guard.ledger import open_ledger

        return open_ledger(self.config.ledger)

    def _classifier_for(self, source: Source, public: bool = False) -> Classifier | None:
        """The classifier if it judges ``source`` (a ``public`` user's prompt is judged like
        what the agent reads); else None, and the model (and numpy, onnxruntime) are not even
        imported: ``scan --text hi`` on a tool input loads none."""
        if source is Source.TRANSACTION:
            return None
        judged = self.config.classifier.judged
        if self._classifier_opt is True and source not in judged and not public:
            return None
        return self.classifier

    def _degraded_for(self, ctx: ScanContext) -> bool:
        """Limp mode for one check. A value-moving check, or one the model judges, loads the
        model if it never was (limp mode must be known to fail closed); any other check
        reports a failure already seen, without loading the model for it."""
        if ctx.value_moving or self._classifier_for(ctx.source, public_prompt(ctx)) is not None:
            return self.degraded
        clf = self.__dict__.get("classifier")
        return clf is not None and clf.failures > 0

    @property
    def degraded(self) -> bool:
        """True while the classifier is configured but unavailable (limp mode)."""
        clf = self.classifier
        return clf is not None and clf.degraded

    # --- text ------------------------------------------------------------------------------

    def policy_for(self, context: Mapping[str, Any] | None) -> Policy:
        """The policy plus per-call own/allowlisted addresses (``own_evm``, ``allow_solana``...)."""
        if not context:
            return self.policy
        key = tuple((name, tuple(values)) for name, values in sorted(context.items()) if values)
        if not key:
            return self.policy
        policy = self._policies.get(key)
        if policy is None:  # signers pass the same context on every call: build it once
            policy = self.policy.with_context(dict(key))
            if len(self._policies) >= 256:
                self._policies.clear()
            self._policies[key] = policy
        return policy

    def scan_text(
        self,
        text: str,
        ctx: ScanContext,
        secrets: set[str] | None = None,
    ) -> list[Finding]:
        """All findings for ``text`` (spans into ``text``), before the policy decides
        (:func:`aiegis_guard.pipeline.scan_text` with this guard's stages and model)."""
        classifier = self._classifier_for(ctx.source, public_prompt(ctx))
        return scan_text(
            text,
            ctx,
            stages=self.stages,
            classifier=classifier,
            phrases=self.phrases,
            threats=self.threats,
            secrets=secrets,
        )

    def check_text(
        self,
        text: str | bytes,
        *,
        source: Source | str = Source.TOOL_INPUT,
        value_moving: bool = False,
        context: Mapping[str, Any] | None = None,
        extra_findings: Iterable[Finding] = (),
        tainted_by: Iterable[str] = (),
    ) -> Verdict:
        """Judge a text an agent is about to send (tool input) or has read (output, docs...).

        ``tainted_by`` names the sources that tainted the run (carried on the verdict).
        """
        started = time.perf_counter()
        src = Source(source)
        body, findings = as_text(text)
        policy = self.policy_for(context)
        ctx = ScanContext(src, policy, value_moving)
        secrets: set[str] = set()
        findings += self.scan_text(body, ctx, secrets)
        findings += extra_findings
        verdict = decide(
            findings,
            policy,
            value_moving=value_moving,
            degraded=self._degraded_for(ctx),
            source=src,
            tainted_by=tuple(dict.fromkeys(tainted_by)),
            elapsed_ms=(time.perf_counter() - started) * 1000,
        )
        redacting = [f.span for f in verdict.findings if f.redact and f.span]
        if redacting:  # rare: pay for the copy only when there is something to mask
            redacting += every_spelling(body, secrets) + undecided(body, verdict.findings)
            verdict = verdict.model_copy(
                update={
                    "redacted_text": redact_spans(body, redacting),
                    "findings": scrubbed(verdict.findings, secrets),
                }
            )
        self._record("text", verdict)
        return verdict

    def check_action(
        self,
        text: str | bytes,
        *,
        tainted_by: Iterable[str] = (),
        context: Mapping[str, Any] | None = None,
        extra_findings: Iterable[Finding] = (),
    ) -> Verdict:
        """Judge the arguments of a value-moving action (a wallet tool call) in a run.

        ``check_text(source="tool_input", value_moving=True)`` plus a ``taint.run`` finding
        when the run read injected content (``tainted_by``): FLAG -> approval, or BLOCK with
        ``[guard] taint = "block"``; nothing with ``taint = "off"``.
        """
        from aiegis_guard.taint import taint_finding

        sources = tuple(dict.fromkeys(tainted_by))
        found = taint_finding(sources, self.policy.taint)
        return self.check_text(
            text,
            source=Source.TOOL_INPUT,
            value_moving=True,
            context=context,
            extra_findings=[*extra_findings, *([found] if found else [])],
            tainted_by=sources if found else (),
        )

    def check_texts(
        self, texts: Iterable[str | bytes], *, source: Source | str = Source.TOOL_INPUT
    ) -> list[Verdict]:
        """Batch form of :meth:`check_text` (the classifier batches across items)."""
        if isinstance(texts, TEXT_TYPES):
            raise TypeError("texts must be an iterable of texts, not a single text")
        items = list(texts)
        for t in items:
            require_text(t)
        clf = self.classifier
        if clf is not None:
            where = Source(source)
            public = public_prompt(ScanContext(where, self.policy))
            clf.prefetch([as_text(t)[0] for t in items], public=public)
        return [self.check_text(t, source=source) for t in items]

    # --- transactions ----------------------------------------------------------------------

    def decode_transaction(
        self, tx: Any, *, chain: Chain | str | None = None
    ) -> DecodedTransaction:
        """Decode without judging. Raises a :class:`~aiegis_guard.errors.DecodeError`."""
        from aiegis_guard.chains.dispatch import decode_any

        return decode_any(tx, chain=Chain(chain) if chain else None)

    def check_transaction(
        self,
        tx: Any,
        *,
        chain: Chain | str | None = None,
        context: Mapping[str, Any] | None = None,
    ) -> Verdict:
        """Judge a transaction before it is signed or sent (dict, raw bytes/hex, solders...).

        An undecodable payload is never allowed: it is FLAGged (``tx.undecodable``).
        """
        from aiegis_guard.chains.dispatch import decode_any

        return self._judge_tx(
            lambda: decode_any(tx, chain=Chain(chain) if chain else None), context, raw=tx
        )

    def check_decoded(
        self, decoded: DecodedTransaction, *, context: Mapping[str, Any] | None = None
    ) -> Verdict:
        """Judge a transaction already decoded (signers decode once, judge, reserve, sign)."""
        return self._judge_tx(lambda: decoded, context)

    def check_typed_data(
        self, typed_data: Mapping[str, Any] | str, *, context: Mapping[str, Any] | None = None
    ) -> Verdict:
        """Judge an EIP-712 ``eth_signTypedData_v4`` payload (permits, Permit2, orders...)."""
        from aiegis_guard.chains.dispatch import decode_typed

        if not isinstance(typed_data, Mapping):
            require_text(typed_data, "typed_data")

        return self._judge_tx(lambda: decode_typed(typed_data), context, raw=typed_data)

    def check_message(
        self,
        message: str | bytes,
        *,
        method: str = "personal_sign",
        context: Mapping[str, Any] | None = None,
        chain_id: int | None = None,
    ) -> Verdict:
        """Judge an ``eth_sign`` / ``personal_sign`` / ``solana_signMessage`` payload by what it
        is: a transaction or typed data carried as a message is judged by its effects, blind
        digests are blocked, a sign-in (EIP-4361) is checked against the own account and
        ``chain_id`` (the chain the signer is on, when known)."""
        from aiegis_guard.chains.dispatch import decode_signable_message

        require_text(message, "message")
        if chain_id is not None and (type(chain_id) is not int or chain_id < 0):
            raise TypeError(f"chain_id must be a non-negative int, not {chain_id!r:.40}")

        return self._judge_tx(
            lambda: decode_signable_message(message, method, chain_id), context, raw=message
        )

    def _tx_context(self, policy: Policy, context: Mapping[str, Any] | None = None) -> Any:
        from aiegis_guard.chains.transaction import TxContext

        return TxContext(
            policy=policy,
            threats=self.threats,
            spent=lambda limit: self.ledger.spent(limit.key, limit.period),
            # the per-call context too: a message naming the own account (a sign-in) is not
            # a payment to an unknown recipient
            check_text=lambda text: self._tx_text(text, context),
        )

    def _tx_text(self, text: str, context: Mapping[str, Any] | None) -> Verdict:
        """``check_text`` of a text a transaction carries (a memo, typed-data strings).

        A request is judged more than once (its tool call, then the signer wrapper), so the
        verdict of a text already judged under the same policy is kept in a bounded LRU keyed
        by the text's digest: only one that masks nothing (no secret is kept; its findings are
        masked), and only while it depends on the text and the policy alone (the built-in
        stages, no model judging tool inputs, none that ever failed). Each check is still
        recorded (audit, log)."""
        cache = self._tx_texts
        clf = self.__dict__.get("classifier")
        if (
            cache is None
            or self._classifier_for(Source.TOOL_INPUT) is not None
            or (clf is not None and clf.failures > 0)
        ):
            return self.check_text(text, source=Source.TOOL_INPUT, context=context)
        started = time.perf_counter()
        policy, key = self.policy_for(context), text_digest(text)
        hit = cache.get(key)
        if hit is not None and hit[0] is policy:
            verdict = hit[1]
            if self.audit is not None or verdict.action is not Action.ALLOW:
                elapsed = (time.perf_counter() - started) * 1000
                self._record("text", verdict.model_copy(update={"elapsed_ms": elapsed}))
            return verdict
        verdict = self.check_text(text, source=Source.TOOL_INPUT, context=context)
        if verdict.redacted_text is None and not any(f.redact for f in verdict.findings):
            cache.put(key, (policy, verdict))
        return verdict

    def _inspect_tx(self, decode: Callable[[], DecodedTransaction], tctx: Any) -> list[Finding]:
        """Decode, judge the effects (collected in ``tctx.effects``), and scan every signed
        byte for the own secrets."""
        from aiegis_guard.chains.dispatch import inspect_decoded
        from aiegis_guard.scanners.signed_secrets import scan_signed

        decoded = decode()
        findings = list(inspect_decoded(decoded, tctx))
        windows: set[bytes] = set()
        secrets = scan_signed(signed_payload(decoded), tctx.policy, windows)
        if any(f.category is Category.SECRET for f in secrets):
            # the decoder read the same bytes: a selector, an amount may be (part of) the key
            from aiegis_guard.chains.withheld import withhold

            findings = withhold(findings, tctx.effects, windows)
        return findings + secrets

    def _judge_tx(
        self,
        decode: Callable[[], DecodedTransaction],
        context: Mapping[str, Any] | None,
        raw: object = None,
    ) -> Verdict:
        """``raw``: the request as given, read for the own secrets when it cannot be decoded
        (a known selector with malformed arguments around the own key is a leak, not only
        something undecodable)."""
        started = time.perf_counter()
        policy = self.policy_for(context)
        tctx = self._tx_context(policy, context)
        try:
            findings = self._inspect_tx(decode, tctx)
        except Exception as exc:
            from aiegis_guard.errors import DecodeError

            if isinstance(exc, DecodeError):
                from aiegis_guard.scanners.signed_secrets import raw_payload, scan_signed

                findings = [_undecodable(exc)]
                payload = raw_payload(raw)
                if payload is not None:
                    findings += scan_signed(payload, policy)
            else:
                log.error("aiegis_guard transaction inspection failed: %s", type(exc).__name__)
                findings = [stage_error("inspect", exc)]
        verdict = decide(
            findings,
            policy,
            value_moving=True,
            degraded=self.degraded,
            source=Source.TRANSACTION,
            effects=_effects_json(tctx.effects),
            elapsed_ms=(time.perf_counter() - started) * 1000,
        )
        self._record("transaction", verdict)
        return verdict

    def spend(
        self, decoded: DecodedTransaction, *, context: Mapping[str, Any] | None = None
    ) -> SpendReservation:
        """Reserve the decoded transaction's spend against the per-period limits, atomically.

        Use as a context manager around signing/sending: committed on success, rolled back if
        the body raises. Raises :class:`~aiegis_guard.errors.GuardBlocked` when over a limit.
        ``context`` adds own addresses as in :meth:`check_transaction`.
        """
        from aiegis_guard.chains.dispatch import spend_totals
        from aiegis_guard.ledger import reserve_spend

        policy = self.policy_for(context)
        totals = spend_totals(decoded, policy)
        return reserve_spend(self.ledger, policy, decoded.chain, totals)

    # --- audit -----------------------------------------------------------------------------

    def _record(self, kind: str, verdict: Verdict) -> None:
        if self.audit is not None:
            self.audit.record(kind, verdict)
        if verdict.action is not Action.ALLOW and log.isEnabledFor(logging.INFO):
            log.info(
                "aiegis_guard %s %s",
                kind,
                verdict.summary(),
                extra={"aiegis": {"kind": kind, **verdict.to_dict()}},
            )


def _effects_json(effects: list[Any]) -> tuple[dict[str, Any], ...]:
    """Effects as JSON rows, NFTs of one collection to one party merged into one row."""
    from aiegis_guard.chains.effects import merge_effects

    return tuple(e.to_json() for e in merge_effects(effects))


def signed_payload(decoded: DecodedTransaction) -> Any:
    """The bytes and texts a signer signs, with the addresses it signs for (sender, fee payer)."""
    from aiegis_guard.chains.transaction import Memo
    from aiegis_guard.scanners.signed_secrets import SignedPayload

    texts = [op.text for op in decoded.operations if isinstance(op, Memo)]
    if decoded.message_text:
        texts.append(decoded.message_text)
    own = (decoded.sender,) if decoded.sender else ()
    is_evm = decoded.chain is Chain.EVM
    return SignedPayload(
        blobs=decoded.data,
        texts=tuple(texts),
        own_evm=frozenset(own if is_evm else ()),
        own_solana=frozenset(() if is_evm else own),
    )


def _undecodable(exc: BaseException) -> Finding:
    return Finding(
        rule_id="tx.undecodable",
        category=Category.TRANSACTION,
        severity=Severity.HIGH,
        action=Action.FLAG,
        message=f"could not decode what is being signed ({type(exc).__name__}); needs a human",
        evidence=(f"error:{type(exc).__name__}",),
    )
