"""Walking tool arguments and outputs: every leaf, every payload, no silent budget.

No LangChain here. One iterative pass over any nesting (mappings, sequences, pydantic models,
dataclasses, JSON inside strings) yields the leaves the text guard reads (``path: value``) and
the payloads the chain inspectors judge (transactions, EIP-712 typed data, signing messages).

Everything up to :data:`MAX_INSPECTED_CHARS` of leaf text (and :data:`MAX_PAYLOADS` payloads)
is inspected, however deep or long; what lies beyond, or what cannot be read at all (a JSON
string nested past the parser's recursion limit, a model whose ``model_dump`` fails), is not
dropped silently: it yields a ``guard.uninspected`` finding (FLAG).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from aiegis_guard import jsontext
from aiegis_guard.chains.sniff import mapping_kind
from aiegis_guard.chains.transaction import PayloadKind
from aiegis_guard.findings import Action, Category, Finding, Severity

__all__ = [
    "MAX_INSPECTED_CHARS",
    "MAX_PAYLOADS",
    "TX_KEYS",
    "TYPED_KEYS",
    "UNINSPECTED",
    "Payload",
    "Walked",
    "args_text",
    "norm_key",
    "plain",
    "uninspected_finding",
    "walk",
]

UNINSPECTED = "guard.uninspected"
MAX_INSPECTED_CHARS = 10 * 1024 * 1024
"""Leaf text inspected per call (the input size limit); beyond it: ``guard.uninspected``."""
MAX_PAYLOADS = 256
"""Transactions / typed data judged per call; more: ``guard.uninspected``."""
PATH_PARTS = 3  # a leaf is shown with the last few keys of its path (bounded at any depth)

# Argument keys that hold a transaction or typed data (compared lower-case without ``_-``).
TX_KEYS = frozenset({
    "tx", "txn", "transaction", "rawtx", "rawtransaction", "signedtx", "signedtransaction",
    "unsignedtx", "serializedtx", "serializedtransaction", "txdata", "encodedtransaction",
    "versionedtransaction", "txbase64", "transactionbase64", "swaptransaction",
    "userop", "useroperation", "packeduserop", "packeduseroperation",
})  # fmt: skip
TYPED_KEYS = frozenset({"typeddata", "eip712", "typeddatajson", "signtypeddata"})
# a serialized transaction under a name the list above does not hold ("transactions" of
# signAllTransactions, "tx_bytes", "raws", "serialized", "signedTxs"), by the parts of its key
# and its shape: one unbroken run of hex / base64 / base58 long enough to be a transaction (a
# 32-byte hash or a signature is not: "txHash", "tx_id", "signature" are excluded by name too)
_TX_KEY_PARTS = ("transaction", "tx", "raw", "serialized", "signed")
_NOT_TX_PARTS = ("hash", "id", "signature", "url", "link", "status", "receipt", "explorer", "count")
_SERIALIZED_RE = re.compile(r"(?:0x)?[0-9a-fA-F]{200,}|[A-Za-z0-9+/=_-]{150,}")


def serialized_tx_key(key: str | None) -> bool:
    """Could a value under ``key`` (normalised) be a serialized transaction?"""
    if key is None:
        return False
    return key in TX_KEYS or (
        any(p in key for p in _TX_KEY_PARTS) and not any(p in key for p in _NOT_TX_PARTS)
    )


def _serialized(text: str) -> bool:
    return _SERIALIZED_RE.fullmatch(text) is not None


@dataclass(frozen=True)
class Payload:
    """Something inside the arguments that the chain inspectors must judge."""

    kind: PayloadKind
    value: Any


@dataclass
class Walked:
    """What one walk found: leaves for the text guard, payloads, what was not inspected."""

    leaves: list[tuple[str, Any]] = field(default_factory=list)
    inner: list[tuple[str, Any]] = field(default_factory=list)  # leaves of JSON in strings
    payloads: list[Payload] = field(default_factory=list)
    uninspected: list[str] = field(default_factory=list)
    chars: int = 0
    in_payload: set[str] = field(default_factory=set)  # paths of leaves inside a payload

    def intent_leaves(self) -> list[tuple[str, Any]]:
        """Leaves outside every payload (a transaction's ``value`` is wei, judged by the
        chain inspectors; read as a tool's whole-unit amount it would count 10^18 times)."""
        return [leaf for leaf in (*self.leaves, *self.inner) if leaf[0] not in self.in_payload]

    def text(self) -> str:
        return "\n".join(f"{p}: {v}" if p else str(v) for p, v in self.leaves)


def norm_key(key: object) -> str:
    return str(key).lower().replace("_", "").replace("-", "")


def uninspected_finding(reasons: list[str]) -> Finding:
    """FLAG: part of a call could not be inspected (never a silent ALLOW)."""
    shown = ", ".join(dict.fromkeys(reasons[:4]))
    return Finding(
        rule_id=UNINSPECTED,
        category=Category.GUARD,
        severity=Severity.MEDIUM,
        action=Action.FLAG,
        message=f"part of the call was not inspected ({shown}); needs a human",
        evidence=tuple(f"reason:{r}" for r in dict.fromkeys(reasons[:4])),
    )


_JSON_TYPES = frozenset({str, int, float, bool, type(None), dict, list})


def plain(value: Any) -> Any:
    """A pydantic model / dataclass as the mapping of its fields; anything else unchanged."""
    if type(value) in _JSON_TYPES:  # what parsed JSON is made of (exact types): no model
        return value
    dump = getattr(value, "model_dump", None)
    if callable(dump) and not isinstance(value, type):
        return dump(mode="python")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    return value


def _json(text: str) -> Any:
    """A JSON object / array / string (double-encoded JSON) inside a string, else None.
    Raises RecursionError when nested too deep for the parser."""
    stripped = text.strip()
    if not stripped.startswith(("{", "[", '"')):
        return None
    try:
        return jsontext.loads(stripped)
    except jsontext.JSONDepthError as exc:
        raise RecursionError("JSON nested too deep") from exc
    except ValueError:
        return None


_Item = tuple[Any, str | None, tuple[str, ...], bool, bool]


def _path(parent: tuple[str, ...], key: str) -> tuple[str, ...]:
    return (*parent[-(PATH_PARTS - 1) :], key) if PATH_PARTS > 1 else (key,)


def walk(value: Any, *, message_tool: bool = False, payloads: bool = True) -> Walked:
    """Every leaf and payload of ``value`` (iterative: any depth, no recursion)."""
    out = Walked()
    # (value, normalised key, display path, inside a JSON string (leaves already counted),
    # sniffing payloads: not inside one already found)
    stack: list[_Item] = [(value, None, (), False, payloads)]
    while stack:
        item, key, path, parsed, sniff = stack.pop()
        try:
            item = plain(item)
        except Exception as exc:
            out.uninspected.append(f"unreadable {type(item).__name__} ({type(exc).__name__})")
            continue
        if isinstance(item, Mapping):
            # a payload's leaves are still read: addresses and text inside it count
            sniff = sniff and not _sniff_mapping(item, key, out)
            children: list[tuple[Any, str | None, tuple[str, ...]]] = [
                (v, norm_key(k), _path(path, str(k))) for k, v in item.items()
            ]
        elif isinstance(item, list | tuple | set | frozenset):
            if sniff and serialized_tx_key(key) and _byte_list(item):
                out.payloads.append(Payload(PayloadKind.TRANSACTION, bytes(item)))  # Uint8Array
            children = [(v, key, _path(path, f"[{i}]")) for i, v in enumerate(item)]
        else:
            if not _leaf(item, key, path, (parsed, sniff, message_tool), out=out, stack=stack):
                break
            continue
        stack.extend((v, k, p, parsed, sniff) for v, k, p in reversed(children))
    if len(out.payloads) > MAX_PAYLOADS:
        out.uninspected.append(f"{len(out.payloads) - MAX_PAYLOADS} payloads over {MAX_PAYLOADS}")
        del out.payloads[MAX_PAYLOADS:]
    return out


def _byte_list(item: Any) -> bool:
    """A JSON array of byte values long enough to be a transaction (a Uint8Array)."""
    return (
        isinstance(item, list | tuple)
        and len(item) >= 64
        and all(type(b) is int and 0 <= b <= 255 for b in item)
    )


def _rpc_serialized(item: Mapping[Any, Any], out: Walked) -> None:
    """A JSON-RPC request whose method sends, signs or simulates a transaction
    (``sendTransaction``, ``simulateTransaction``, ``eth_sendRawTransaction``): its serialized
    params are transactions whatever their place."""
    method, params = item.get("method"), item.get("params")
    if not (isinstance(method, str) and "transaction" in method.lower()):
        return
    if isinstance(params, list | tuple):
        for p in params:
            if isinstance(p, str) and _serialized(p.strip()):
                out.payloads.append(Payload(PayloadKind.TRANSACTION, p.strip()))


def _sniff_mapping(item: Mapping[Any, Any], key: str | None, out: Walked) -> bool:
    _rpc_serialized(item, out)
    kind = mapping_kind(item)
    if kind is None and key in TX_KEYS:
        kind = PayloadKind.TRANSACTION
    if kind is not None:
        out.payloads.append(Payload(kind, dict(item)))
    return kind is not None


def _leaf(
    item: Any,
    key: str | None,
    path: tuple[str, ...],
    flags: tuple[bool, bool, bool],
    *,
    out: Walked,
    stack: list[_Item],
) -> bool:
    """Record one leaf (and what a string holds); False once over the size limit."""
    parsed, payloads, message_tool = flags
    size = len(item) if isinstance(item, str | bytes) else 24
    out.chars += 0 if parsed else size
    if out.chars > MAX_INSPECTED_CHARS:
        out.uninspected.append(f"over {MAX_INSPECTED_CHARS} characters")
        return False
    (out.inner if parsed else out.leaves).append((".".join(path), item))
    if not payloads:
        out.in_payload.add(".".join(path))
        return True
    if isinstance(item, str):
        try:
            inner = _json(item)
        except RecursionError:
            out.uninspected.append("JSON nested too deep to parse")
            return True
        if inner is not None:
            stack.append((inner, key, path, True, True))
        elif (key in TX_KEYS and len(item.strip()) >= 20) or (
            serialized_tx_key(key) and _serialized(item.strip())
        ):
            out.payloads.append(Payload(PayloadKind.TRANSACTION, item.strip()))
        elif key in TYPED_KEYS:
            out.payloads.append(Payload(PayloadKind.TYPED_DATA, item))
        elif message_tool and key == "message":
            out.payloads.append(Payload(PayloadKind.MESSAGE, item))
    elif isinstance(item, bytes | bytearray) and serialized_tx_key(key) and len(item) >= 64:
        out.payloads.append(Payload(PayloadKind.TRANSACTION, bytes(item)))
    return True


def args_text(args: Any) -> str:
    """Arguments as ``path: value`` lines, so detectors see raw strings and their key names."""
    if isinstance(args, str):
        return args
    return walk(args, payloads=False).text()
