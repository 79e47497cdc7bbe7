"""The one payload sniffer: which chain a payload is for, and what kind of payload a mapping
found in tool arguments is (:class:`PayloadKind`). No SDK is imported here.

``detect_chain(payload)``    the decoder to route to (``chains/dispatch.py``)
``mapping_kind(mapping)``    typed data / an EVM transaction / neither (``callbacks/judge.py``)
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

from aiegis_guard.chains.transaction import PayloadKind
from aiegis_guard.errors import DecodeError
from aiegis_guard.findings import Chain

__all__ = ["RPC_TX_METHODS", "detect_chain", "has_carrier_keys", "is_evm_tx", "is_rpc_transaction"]
__all__ += ["is_typed_data"]
__all__ += ["is_user_op", "mapping_kind"]

_HEX_RE = re.compile(r"\s*(0x)?[0-9a-fA-F]+\s*")
# keys that route a mapping to the EVM decoder / the Solana decoder
_EVM_KEYS = ("to", "from", "data", "input", "gas", "gasPrice", "value")
_SOLANA_KEYS = ("message", "instructions", "transaction", "lookup_tables")
# fields only an EVM transaction has: with ``to`` they tell a transaction from other mappings
_EVM_TX_FIELDS = frozenset(
    {"nonce", "gas", "gasLimit", "chainId", "maxFeePerGas", "gasPrice", "maxPriorityFeePerGas"}
)


def has_carrier_keys(value: Mapping[Any, Any]) -> bool:
    """Does a mapping hold a transaction's, a UserOperation's or a request's keys?"""
    return any(k in value for k in _carrier_keys())


@functools.cache
def _carrier_keys() -> frozenset[str]:
    """A transaction's fields (``_EVM_TX_FIELDS``, ``to`` / ``data`` / ``input``; not ``chainId``,
    which a tool may pass beside typed data, nor ``from`` / ``value``, which typed data has), a
    UserOperation's (``_USER_OP_KEYS``), and the keys that wrap one in a request."""
    wrappers = {"transaction", "tx", "calls", "userOp", "userOperation", "method", "params"}
    raw = {"raw", "rawTransaction", "serialized"}
    return (_EVM_TX_FIELDS - {"chainId"}) | {"to", "data", "input"} | _USER_OP_KEYS | wrappers | raw


def is_typed_data(value: Mapping[Any, Any]) -> bool:
    """EIP-712 typed data in any client library's shape (``chains/evm/typed_data.py`` reads
    them all): ``eth_signTypedData_v4`` / viem (``types``, ``primaryType``, ``message``);
    ethers ``signTypedData(domain, types, value)`` and eth_account ``full_message`` without a
    ``primaryType`` (``types`` and ``domain`` objects, the message under ``value`` /
    ``message``); eth_account ``encode_typed_data(domain_data, message_types, message_data)``.

    Not a mapping that also carries a transaction or a request (``to`` / ``data`` / a nested
    ``transaction``…: typed data beside one would hide it, review20b F1), nor one with both a
    ``value`` and a ``message`` and no ``primaryType`` (ethers signs ``value``, other readers
    ``message``: F2) — those are read by what else they are, or as ambiguous."""
    if has_carrier_keys(value):
        return False
    if "types" in value and "primaryType" in value and "message" in value:
        return True
    if "value" in value and "message" in value and "primaryType" not in value:
        return False
    full = value.get("full_message")
    if isinstance(full, Mapping) and "types" not in value:
        # one level: eth_account's keyword (a nested one is no shape: review20b F12)
        return "full_message" not in full and is_typed_data(full)
    types, domain = value.get("types"), value.get("domain")
    message = value.get("message", value.get("value"))
    if "message_types" in value and "types" not in value:
        types, domain, message = value["message_types"], {}, value.get("message_data")
    return (
        isinstance(types, Mapping) and isinstance(domain, Mapping) and isinstance(message, Mapping)
    )


def is_evm_tx(value: Mapping[Any, Any]) -> bool:
    """An EVM transaction dict: calldata, or a recipient with transaction-only fields. With no
    ``to``, a ``data`` / ``input`` that is an object is not calldata (typed data or
    a request under a ``data`` key: the inner mapping is what is judged)."""
    calldata = value.get("data", value.get("input"))
    if "to" not in value and isinstance(calldata, Mapping):
        return False
    if "to" not in value and "data" not in value and "input" not in value:
        return False
    return ("data" in value or "input" in value) or any(k in value for k in _EVM_TX_FIELDS)


_USER_OP_KEYS = frozenset({"callData", "initCode", "factory", "factoryData"})
# JSON-RPC methods whose request carries a transaction / UserOperation (``chains/evm/mappings``)
RPC_TX_METHODS = frozenset(
    {
        "eth_sendTransaction",
        "eth_signTransaction",
        "eth_sendRawTransaction",
        "eth_sendUserOperation",
        "wallet_sendTransaction",
        "wallet_sendCalls",
    }
)


def is_user_op(value: Mapping[Any, Any]) -> bool:
    """An ERC-4337 UserOperation (v0.6 / v0.7 JSON): a ``sender`` and its calldata or
    deployment, and no transaction ``to``."""
    return "sender" in value and "to" not in value and any(k in value for k in _USER_OP_KEYS)


def is_rpc_transaction(value: Mapping[Any, Any]) -> bool:
    """A JSON-RPC request that sends or signs a transaction or a UserOperation."""
    return value.get("method") in RPC_TX_METHODS and "params" in value


def mapping_kind(value: Mapping[Any, Any]) -> PayloadKind | None:
    """What a mapping inside tool arguments is: typed data, a transaction (a UserOperation,
    a JSON-RPC request carrying either), or None."""
    if is_typed_data(value):
        return PayloadKind.TYPED_DATA
    if is_evm_tx(value) or is_user_op(value) or is_rpc_transaction(value):
        return PayloadKind.TRANSACTION
    return None


def detect_chain(payload: Any) -> Chain:
    """Best guess of the chain a payload belongs to; raises DecodeError when there is none."""
    if isinstance(payload, Mapping):
        if "typed_data" in payload or "domain" in payload or any(k in payload for k in _EVM_KEYS):
            return Chain.EVM
        method = payload.get("method")
        if is_user_op(payload) or (isinstance(method, str) and method.startswith("eth_")):
            return Chain.EVM
        if any(k in payload for k in _SOLANA_KEYS):
            return Chain.SOLANA
        raise DecodeError("a mapping that is neither an EVM transaction nor typed data")
    module = type(payload).__module__ or ""
    if module.startswith("solders"):
        return Chain.SOLANA
    if isinstance(payload, str):
        if payload.strip().startswith("0x") or _HEX_RE.fullmatch(payload):
            return Chain.EVM
        return Chain.SOLANA
    if isinstance(payload, bytes | bytearray | memoryview):
        return Chain.EVM
    raise DecodeError(f"cannot tell the chain of a {type(payload).__name__}")
