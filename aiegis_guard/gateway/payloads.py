"""Request payloads shared by the CLI and the gateway: ``context`` validation, the payload
shapes ``inspect-tx`` accepts (tx dict, raw hex / base64, EIP-712, signing messages, JSON-RPC
requests) and masking of error text. Pure: no web framework here (``aiegis-guard scan``
imports it without the gateway extra).
"""

from __future__ import annotations

import re
from typing import Any

from aiegis_guard import jsontext
from aiegis_guard.errors import quote
from aiegis_guard.findings import Chain, Source
from aiegis_guard.policy import CONTEXT_KEYS
from aiegis_guard.redact import mask
from aiegis_guard.verdict import Verdict

__all__ = [
    "CHAINS",
    "SOURCES",
    "judge_payload",
    "masked",
    "rpc_payload",
    "scan_context",
    "tx_payload",
]

LONG_TOKEN = re.compile(r"[A-Za-z0-9+/=_-]{16,}")


def masked(message: str) -> str:
    """Error text may quote the input: long tokens (keys, addresses) are masked."""
    return LONG_TOKEN.sub(lambda m: mask(m.group(0)), message)


def scan_context(context: Any) -> dict[str, list[str]] | None:
    """Validate a JSONL line's ``context``: any ``[wallet]`` / ``[allowlist]`` key
    (``policy.CONTEXT_KEYS``: ``own_evm``, ``allow_evm``, ``evm_operators``,
    ``allowlist.evm_spenders``...) mapped to a list of strings."""
    if context is None:
        return None
    if not isinstance(context, dict):
        raise ValueError("'context' must be an object like {\"own_evm\": [...]}")
    for key, value in context.items():
        if key not in CONTEXT_KEYS:
            raise ValueError(
                f"'context' has an unknown key {quote(str(key))} (see aiegis-guard init)"
            )
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(f"'context.{key}' must be a list of address strings")
    return context


CHAINS = tuple(c.value for c in Chain)
SOURCES = tuple(s.value for s in Source if s is not Source.TRANSACTION)
MESSAGE_KEYS = ("personal_sign", "eth_sign", "solana_signMessage")
RPC_PARAM = {  # JSON-RPC method -> (kind, index of the payload in params)
    "eth_sendTransaction": ("tx", 0),
    "eth_signTransaction": ("tx", 0),
    "eth_sendRawTransaction": ("tx", 0),
    "eth_signTypedData": ("typed_data", 1),
    "eth_signTypedData_v3": ("typed_data", 1),
    "eth_signTypedData_v4": ("typed_data", 1),
    "personal_sign": ("personal_sign", 0),
    "eth_sign": ("eth_sign", 1),
}


def rpc_payload(request: dict[str, Any]) -> tuple[str, Any]:
    """A JSON-RPC request (``{"method": "eth_sendTransaction", "params": [...]}``)."""
    method, params = request.get("method"), request.get("params")
    if method not in RPC_PARAM or not isinstance(params, list):
        # never echo the method: it is input, and may hold a key or seed words
        raise ValueError(f"unsupported JSON-RPC request (methods: {', '.join(RPC_PARAM)})")
    kind, index = RPC_PARAM[method]
    if len(params) <= index:
        raise ValueError(f"{method}: missing params[{index}]")
    return kind, params[index]


def tx_payload(payload: Any) -> tuple[str, Any]:
    """("typed_data" | "personal_sign" | "eth_sign" | "solana_signMessage" | "tx", body).

    Accepts a tx dict, raw hex / base64, ``{"typed_data": ...}``, bare EIP-712 typed data,
    ``{"personal_sign" | "eth_sign" | "solana_signMessage": message}`` or a JSON-RPC request.
    """
    if isinstance(payload, str) and payload.strip()[:1] in ("{", "["):
        payload = jsontext.loads(payload)
    if isinstance(payload, dict):
        if "typed_data" in payload:
            return "typed_data", payload["typed_data"]
        for method in MESSAGE_KEYS:
            if method in payload:
                return method, payload[method]
        if "types" in payload and "primaryType" in payload:
            return "typed_data", payload
        if "method" in payload and "params" in payload:
            return rpc_payload(payload)
    return "tx", payload.strip() if isinstance(payload, str) else payload


def judge_payload(guard: Any, payload: Any, chain: str | None, context: Any) -> Verdict:
    context = scan_context(context)
    if chain is not None and chain not in CHAINS:
        raise ValueError(f"'chain' must be one of {', '.join(CHAINS)}")
    kind, body = tx_payload(payload)
    if kind == "typed_data":
        return guard.check_typed_data(body, context=context)  # type: ignore[no-any-return]
    if kind in MESSAGE_KEYS:
        return guard.check_message(body, method=kind, context=context)  # type: ignore[no-any-return]
    return guard.check_transaction(body, chain=chain, context=context)  # type: ignore[no-any-return]
