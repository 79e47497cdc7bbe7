"""EVM judgement: the generic rules (``chains/inspect.py``) plus what only EVM has.

EVM-only rule ids (default action):

==============================  ======  =========================================================
``tx.evm.delegatecall``         BLOCK   a DELEGATECALL (Safe operation 1, ERC-7579 0xff) into code
                                        other than a Safe MultiSend deployment, not allowlisted:
                                        it runs with the account's full authority
``tx.evm.unknown_typed_data``   FLAG    EIP-712 payload of a type the decoder does not know
                                        (orders, listings, ...): what it authorises is unknown
                                        (also) typed data shaped like a permit whose owner is
                                        not an own account (``permit_shapes.py``)
``tx.evm.blind_signature``      BLOCK   (also) EIP-712 payload of an unknown type whose fields
                                        are only ``bytes32`` hashes (Blur bulk ``Root``): it
                                        commits to content the request does not show
``tx.evm.blind_signature``      BLOCK   (also) ``eth_sign`` / ``personal_sign`` of an EIP-712
                                        digest preimage ``0x1901 || domain || struct`` hash
``tx.evm.order_gives_away``     BLOCK   (also) a Permit2 witness order (UniswapX) whose output
                                        decays below half its starting amount
``tx.evm.opaque_message``       FLAG    ``personal_sign`` / ``eth_sign`` of binary data that is
                                        not text nor a 32-byte hash (an encoded payload)
``tx.evm.siwe_*``               (siwe)  EIP-4361 sign-in messages: ``chains/siwe.py``
``tx.evm.*_as_message``         ALLOW   a transaction / typed data signed as a message (judged
                                        by its effects): ``chains/carried.py``
``tx.evm.suspicious_claim``     BLOCK   value sent to a lure-named payable function (``claim()``,
                                        ``SecurityUpdate()``, ``Multicall()``...: the drainer's
                                        "claim fee") of a contract that is not allowlisted
``tx.evm.decode_limit``         FLAG    wrappers nested deeper than the decoder follows
``tx.evm.safe_approve_hash``    FLAG    Safe ``approveHash``: pre-approves a transaction the
                                        request does not show
``tx.evm.blind_signature``      BLOCK   (also) an on-chain signature of unseen contents: Safe
                                        ``approveHash`` (a Safe not allowlisted), CoW
                                        ``setPreSignature(uid, true)``, a Safe's
                                        ``SignMessageLib.signMessage`` of a 32-byte hash or an
                                        EIP-712 digest preimage
``tx.evm.opaque_message``       FLAG    (also) ``SignMessageLib.signMessage`` of a message that
                                        is not text (binary, a carried transaction / typed data)
==============================  ======  =========================================================

Typed-data string fields go through the text guard (``in:typed_data`` evidence). The generic
table (recipients, approvals, limits, EIP-7702, blind ``eth_sign``...) is in
:mod:`aiegis_guard.chains.inspect`. Permit2, well-known routers (``selectors.BUILTIN_SPENDERS``)
and ``[allowlist] evm_spenders`` are allowed spenders.
"""

from __future__ import annotations

from aiegis_guard.chains.carried import CARRIED, carried_findings
from aiegis_guard.chains.evm.messages import decode_evm_message
from aiegis_guard.chains.evm.protocols.safe import (
    SIGN_MESSAGE_BLIND,
    SIGN_MESSAGE_OPAQUE,
    SIGN_MESSAGE_TEXT,
)
from aiegis_guard.chains.evm.selectors import BUILTIN_SPENDERS, FUNCTIONS
from aiegis_guard.chains.inspect import ChainRules, inspect_operations
from aiegis_guard.chains.siwe import inspect_sign_ins
from aiegis_guard.chains.transaction import (
    Call,
    DecodedTransaction,
    PayloadKind,
    SignIn,
    TxContext,
)
from aiegis_guard.errors import EvmDecodeError
from aiegis_guard.findings import Action, Category, Chain, Finding, Severity
from aiegis_guard.redact import mask_address

__all__ = ["EVM_RULES", "inspect_evm"]

EVM_RULES = ChainRules(builtin_spenders=BUILTIN_SPENDERS)


def _finding(
    rule: str,
    message: str,
    *evidence: str,
    severity: Severity = Severity.MEDIUM,
    action: Action = Action.FLAG,
) -> Finding:
    return Finding(
        rule_id=f"tx.evm.{rule}",
        category=Category.TRANSACTION,
        severity=severity,
        action=action,
        message=message,
        evidence=evidence,
    )


def _delegatecalls(decoded: DecodedTransaction, ctx: TxContext) -> list[Finding]:
    """A DELEGATECALL into code other than a Safe MultiSend library runs with the account's
    full authority: BLOCK unless the target is allowlisted."""
    return [
        _finding(
            "delegatecall",
            f"DELEGATECALL into {mask_address(op.target)}: its code acts as the account",
            f"target:{op.target}",
            f"selector:{op.selector}",
            severity=Severity.CRITICAL,
            action=Action.BLOCK,
        )
        for op in decoded.operations
        if isinstance(op, Call)
        and op.via == "evm.delegatecall"
        and not ctx.policy.is_known(op.target, Chain.EVM)
    ]


def _notes(decoded: DecodedTransaction) -> list[Finding]:
    out: list[Finding] = []
    notes = decoded.notes
    if "eip712:unknown-type" in notes:
        primary = next(
            (n for n in notes if n.startswith("eip712:") and n != "eip712:unknown-type"), ""
        )
        out.append(
            _finding(
                "unknown_typed_data",
                "typed data of an unknown type: what the signature authorises is unknown",
                primary or "eip712:?",
            )
        )
    if "eip712:hash-only" in notes:
        out.append(
            _finding(
                "blind_signature",
                "typed data that only signs hashes (a Merkle root of unseen orders...): blind",
                "payload:typed-data-hashes-only",
                severity=Severity.HIGH,
                action=Action.BLOCK,
            )
        )
    if "eip712-digest" in notes:
        out.append(
            _finding(
                "blind_signature",
                "signing an EIP-712 digest (0x1901 || domain || struct hash): what it "
                "authorises is not shown",
                "payload:eip712-digest",
                *notes,
                severity=Severity.HIGH,
                action=Action.BLOCK,
            )
        )
    if "order:steep-decay" in notes:
        out.append(
            _finding(
                "order_gives_away",
                "order output decays below half its starting amount: the quote shown is not "
                "what comes back",
                "order:steep-decay",
                severity=Severity.HIGH,
                action=Action.BLOCK,
            )
        )
    if "binary-message" in notes:
        out.append(_finding("opaque_message", "signing binary data that is not text", *notes))
    parts = [n for n in notes if n.startswith("undecodable:")]
    if parts:  # a part the decoder could not read; what it read is judged beside it
        out.append(
            Finding(
                rule_id="tx.undecodable",
                category=Category.TRANSACTION,
                severity=Severity.HIGH,
                action=Action.FLAG,
                message="part of what is being signed could not be decoded; needs a human",
                evidence=tuple(parts[:4]),
            )
        )
    if "depth-limit" in notes:
        out.append(_finding("decode_limit", "wrappers nested deeper than decoded", "depth-limit"))
    return out


def _lure(selector: str | None) -> str | None:
    """The lure-named signature (``claim()``...) a selector stands for, if it is one."""
    fn = FUNCTIONS.get(bytes.fromhex(selector[2:])) if selector else None
    return fn.signature if fn is not None and fn.handler == "suspicious_claim" else None


def _claim_fees(decoded: DecodedTransaction, ctx: TxContext) -> list[Finding]:
    """Value sent to a lure-named payable function (``claim()``, ``SecurityUpdate()``...) of a
    contract that is not allowlisted: paying to receive is the drainer's "claim fee"."""
    claims = [  # also when a wrapper (Safe, batch) forwards the value
        f"suspicious-claim:{sig}"
        for o in decoded.operations
        if isinstance(o, Call)
        and o.value
        and (sig := _lure(o.selector))
        and not ctx.policy.is_known(o.target, Chain.EVM)
    ]
    if not claims:
        return []
    return [
        _finding(
            "suspicious_claim",
            "value sent to a payable claim()-style function of a contract that is not "
            "allowlisted (the drainer's claim fee)",
            *claims,
            severity=Severity.HIGH,
            action=Action.BLOCK,
        )
    ]


def _approve_hashes(decoded: DecodedTransaction, ctx: TxContext) -> list[Finding]:
    """Safe ``approveHash``: pre-approves a Safe transaction this request does not show; on
    chain it is the same owner signature as ``eth_sign`` of that hash, so it is also a blind
    signature (BLOCK), as a CoW ``setPreSignature`` of an order seen only as its digest."""
    out: list[Finding] = []
    for op in decoded.operations:
        if not isinstance(op, Call) or op.known:
            continue
        if op.via == "safe.approve_hash" and not ctx.policy.is_known(op.target, Chain.EVM):
            msg = (
                f"Safe approveHash on {mask_address(op.target)}: pre-approves an unseen transaction"
            )
            out.append(
                _finding("safe_approve_hash", msg, f"safe:{op.target}", severity=Severity.HIGH)
            )
        elif op.via == SIGN_MESSAGE_OPAQUE:
            msg = f"signMessage on {mask_address(op.target)}: signs a message that is not text"
            out.append(_finding("opaque_message", msg, f"onchain:{op.via}", f"safe:{op.target}"))
            continue
        elif op.via not in ("safe.approve_hash", "cow.pre_signature", SIGN_MESSAGE_BLIND):
            continue
        if op.via == "safe.approve_hash" and ctx.policy.is_known(op.target, Chain.EVM):
            continue
        out.append(
            _finding(
                "blind_signature",
                f"{op.name} on {mask_address(op.target)}: an on-chain signature of contents the "
                "request does not show",
                f"onchain:{op.via}",
                f"target:{op.target}",
                severity=Severity.HIGH,
                action=Action.BLOCK,
            )
        )
    return out


def _typed_text(decoded: DecodedTransaction, ctx: TxContext) -> list[Finding]:
    """Typed-data strings, and the text around a transaction carried in a message."""
    if decoded.kind is PayloadKind.MESSAGE or not decoded.message_text:
        return []  # a message's own text: the generic rules
    where = "in:typed_data" if decoded.kind is PayloadKind.TYPED_DATA else "in:message"
    verdict = ctx.check_text(decoded.message_text)
    return [
        f.model_copy(update={"span": None, "evidence": (*f.evidence, where)})
        for f in verdict.findings
    ]


def _foreign_permit_shape(decoded: DecodedTransaction, ctx: TxContext) -> list[Finding]:
    """A message read as a permit by its structure alone (``permit_shapes.py``) is one only
    when its owner is an own account: otherwise what it authorises is unknown."""
    if "eip712:permit-structure" not in decoded.notes:
        return []
    owner = decoded.sender
    if owner is not None and ctx.policy.is_own(owner, Chain.EVM):
        return []
    msg = "typed data shaped like a permit of an owner that is not an own account"
    return [_finding("unknown_typed_data", msg, "eip712:permit-structure", f"owner:{owner}")]


def _signed_texts(decoded: DecodedTransaction) -> list[Finding]:
    """Text a Safe signs on chain (``SignMessageLib``, ``protocols/safe.py``), read as
    ``personal_sign`` reads it: a transaction or typed data carried in it, a permit written
    as text or anything but a sign-in is what the signature authorises, unseen (FLAG)."""
    out: list[Finding] = []
    for note in decoded.notes:
        if not note.startswith(SIGN_MESSAGE_TEXT):
            continue
        try:
            read = decode_evm_message(bytes.fromhex(note[len(SIGN_MESSAGE_TEXT) :]))
        except EvmDecodeError:
            read = None
        if read is not None and read.message_text is not None:
            carried = any(n.startswith(CARRIED) for n in read.notes)
            if not carried and all(isinstance(op, SignIn) for op in read.operations):
                continue
        msg = "signMessage: the text signed carries what it authorises, not shown as text"
        out.append(_finding("opaque_message", msg, "onchain:safe.sign_message", "in:message"))
    return out


def inspect_evm(decoded: DecodedTransaction, ctx: TxContext) -> list[Finding]:
    """All findings for a decoded EVM transaction, typed-data payload or message."""
    out = inspect_operations(decoded, ctx, EVM_RULES)
    if decoded.kind is PayloadKind.MESSAGE and decoded.operations:
        out += inspect_sign_ins(decoded, ctx)
    out += carried_findings(decoded, "evm")
    if decoded.notes:
        out += _notes(decoded)
    out += _delegatecalls(decoded, ctx)
    out += _approve_hashes(decoded, ctx)
    if decoded.notes:
        out += _signed_texts(decoded)
    out += _claim_fees(decoded, ctx)
    out += _typed_text(decoded, ctx)
    out += _foreign_permit_shape(decoded, ctx)
    return out
