"""Request payloads shared by the CLI and the gateway: ``context`` validation, the payload
shapes ``inspect-tx`` accepts (tx dict, raw hex / base64, EIP-712, signing messages, JSON-RPC
requests) and masking of error text. Pure: no web framework here (``aiegis-guard scan``
imports it without the gateway extra).
"""

from __future__ import annotations

import functools
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
    "chain_id_of",
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
_MESSAGE_METHODS = {"personal_sign": ("personal_sign", 0), "eth_sign": ("eth_sign", 1)}
_WHOLE_REQUEST = frozenset({"user_op", "calls"})


@functools.cache
def rpc_methods() -> dict[str, tuple[str, int]]:
    """JSON-RPC method -> (kind, index of the payload in params): the transaction reader's
    methods (``chains/evm/mappings.RPC_METHODS``: a UserOperation or an EIP-5792 batch goes to
    ``check_transaction`` as the whole request, which reads it) and the message signatures.
    Imported on first use: ``scan --text`` never loads the chains."""
    from aiegis_guard.chains.evm.mappings import RPC_METHODS

    return {**RPC_METHODS, **_MESSAGE_METHODS}


def rpc_payload(request: dict[str, Any]) -> tuple[str, Any]:
    """A JSON-RPC request (``{"method": "eth_sendTransaction", "params": [...]}``)."""
    from aiegis_guard.chains.evm.mappings import signed_param, tx_fields_beside

    methods = rpc_methods()
    method, params = request.get("method"), request.get("params")
    if method not in methods or not isinstance(params, list):
        # never echo the method: it is input, and may hold a key or seed words
        raise ValueError(f"unsupported JSON-RPC request (methods: {', '.join(methods)})")
    kind, index = methods[method]
    if kind in _WHOLE_REQUEST or (method not in _MESSAGE_METHODS and tx_fields_beside(request)):
        return "tx", request  # read whole: transaction fields beside it are ambiguous
    if kind in ("typed_data", "personal_sign", "eth_sign"):
        index = signed_param(params, index)  # the param that is not the signer's address
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


_CAIP2 = re.compile(r"eip155:(\d{1,20})")
CHAIN_ID_KEYS = ("chain_id", "chainId")  # beside a JSON-RPC request's method / a message


def chain_id_of(value: Any, where: str) -> int:
    """An EVM chain id as callers write it: ``1``, ``"1"``, ``"0x1"`` or CAIP-2 ``"eip155:1"``."""
    n: int | None = None
    if type(value) is int:
        n = value
    elif isinstance(value, str) and len(value) <= 40:
        text = value.strip()
        caip = _CAIP2.fullmatch(text)
        try:
            n = int(caip.group(1)) if caip else int(text, 16 if text[:2] in ("0x", "0X") else 10)
        except ValueError:
            n = None
    if n is None or not 0 <= n < 1 << 64:
        raise ValueError(f'\'{where}\' must be a chain id like 1, "0x1" or "eip155:1"')
    return n


def _stated(payload: Any) -> int | None:
    """The chain id a JSON-RPC request or a message wrapper states beside its body."""
    wrapper = isinstance(payload, dict) and (
        "method" in payload or any(k in payload for k in MESSAGE_KEYS)
    )
    if not wrapper:  # a tx dict's chainId is its own; typed data's is its domain's
        return None
    found = {chain_id_of(payload[k], k) for k in CHAIN_ID_KEYS if k in payload}
    if len(found) > 1:
        raise ValueError("'chain_id' and 'chainId' disagree")
    return found.pop() if found else None


def _one(stated: dict[str, int | None]) -> int | None:
    ids = {k: v for k, v in stated.items() if v is not None}
    if len(set(ids.values())) > 1:
        said = ", ".join(f"{k} {v}" for k, v in ids.items())
        raise ValueError(f"the chain ids given disagree ({said})")
    return next(iter(ids.values()), None)


def judge_payload(
    guard: Any, payload: Any, chain: str | None, context: Any, chain_id: int | None = None
) -> Verdict:
    """Judge one payload. The chain the signer is on (for sign-ins, well-known addresses) is
    ``chain_id`` (``--chain-id``), a ``context.chain_id``, or the ``chainId`` stated beside a
    JSON-RPC request / message; given more than once, they must agree."""
    from_context = None
    if isinstance(context, dict) and "chain_id" in context:
        from_context = chain_id_of(context["chain_id"], "context.chain_id")
        context = {k: v for k, v in context.items() if k != "chain_id"}
    context = scan_context(context)
    if chain is not None and chain not in CHAINS:
        raise ValueError(f"'chain' must be one of {', '.join(CHAINS)}")
    if isinstance(payload, str) and payload.strip()[:1] in ("{", "["):
        payload = jsontext.loads(payload)
    signer_chain = _one(
        {"--chain-id": chain_id, "context.chain_id": from_context, "payload": _stated(payload)}
    )
    kind, body = tx_payload(payload)
    if kind == "typed_data":
        return guard.check_typed_data(body, context=context)  # type: ignore[no-any-return]
    if kind in MESSAGE_KEYS:
        evm = signer_chain if kind != "solana_signMessage" else None
        verdict = guard.check_message(body, method=kind, context=context, chain_id=evm)
        return verdict  # type: ignore[no-any-return]
    if signer_chain is not None and isinstance(body, dict) and "chainId" not in body:
        body = {**body, "chainId": signer_chain}  # a tx dict without one: the signer's chain
    return guard.check_transaction(body, chain=chain, context=context)  # type: ignore[no-any-return]
