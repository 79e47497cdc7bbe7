"""What a mapping handed to the EVM decoder is: a transaction only by its transaction fields
(issue 12, review18 F2).

- a JSON-RPC request (``{"method", "params"}``): ``eth_sendTransaction`` /
  ``eth_signTransaction`` / ``eth_sendRawTransaction`` carry the transaction in
  ``params[0]``, ``eth_sendUserOperation`` the UserOperation in ``params[0]`` (and the
  EntryPoint in ``params[1]``), ``eth_signTypedData*`` the typed data in ``params[1]`` (the
  methods of ``gateway/payloads.RPC_PARAM``, ERC-4337 ``eth_sendUserOperation``); any other
  method is not a transaction;
- ``{"tx": ...}`` / ``{"transaction": ...}``: the transaction inside;
- an ERC-4337 UserOperation (eth-infinitism/account-abstraction: v0.6 ``UserOperation``
  ``sender, nonce, initCode, callData, callGasLimit, verificationGasLimit,
  preVerificationGas, maxFeePerGas, maxPriorityFeePerGas, paymasterAndData, signature``;
  v0.7 / v0.8 RPC form ``factory, factoryData, paymaster, paymasterVerificationGasLimit,
  paymasterPostOpGasLimit, paymasterData`` instead of ``initCode`` / ``paymasterAndData``,
  ``PackedUserOperation.initCode = factory ++ factoryData``): the EntryPoint calls
  ``sender`` with ``callData`` after ``initCode`` deployed it, decoded as the typed form is
  (``protocols/signed.py``). The paymaster pays the gas: no effect on the account, but an
  ERC-20 paymaster is paid in the account's token (noted ``paymaster:``, judged by
  ``judge_grants``: a bounded approve to it is the fee);
- a transaction: a mapping with ``to``, ``data``, ``input`` or ``value``;
- anything else is no transaction: :class:`EvmDecodeError` (the guard FLAGs it
  ``tx.undecodable``), never an empty contract creation.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aiegis_guard.chains.evm.envelope import to_bytes
from aiegis_guard.chains.evm.protocols.signed import user_op_operations
from aiegis_guard.chains.sniff import is_user_op
from aiegis_guard.chains.transaction import DecodedTransaction, PayloadKind
from aiegis_guard.errors import EvmDecodeError
from aiegis_guard.findings import Chain

__all__ = ["RPC_METHODS", "TX_KEYS", "read_mapping", "user_op_transaction"]

TX_KEYS = ("to", "data", "input", "value")
RPC_METHODS = {  # JSON-RPC method -> (kind, index of the payload in params)
    "eth_sendTransaction": ("tx", 0),
    "eth_signTransaction": ("tx", 0),
    "eth_sendRawTransaction": ("tx", 0),
    "eth_sendUserOperation": ("user_op", 0),
    "eth_signTypedData": ("typed_data", 1),
    "eth_signTypedData_v3": ("typed_data", 1),
    "eth_signTypedData_v4": ("typed_data", 1),
}
MAX_NESTING = 4  # wrappers unwrapped ({"tx": {"method": ..., "params": [...]}} ...)


def read_mapping(m: Mapping[str, Any], depth: int = 0) -> tuple[str, Any, Any]:
    """(kind, payload, entry point): kind ``tx`` (a transaction mapping, or raw bytes / hex in
    ``payload``), ``user_op`` or ``typed_data``; raises :class:`EvmDecodeError` for a mapping
    that is none of them."""
    if "to" in m and "method" not in m:  # a transaction (a UserOperation has no ``to``)
        return "tx", m, None
    if depth > MAX_NESTING:
        raise EvmDecodeError("request wrappers nested too deep")
    if "method" in m and "params" in m:
        method, params = m.get("method"), m.get("params")
        if not isinstance(method, str) or method not in RPC_METHODS:
            raise EvmDecodeError("a JSON-RPC request that carries no transaction")
        kind, index = RPC_METHODS[method]
        if not isinstance(params, list | tuple) or len(params) <= index:
            raise EvmDecodeError(f"{method}: missing params[{index}]")
        inner = params[index]
        if kind == "user_op":
            if not isinstance(inner, Mapping):
                raise EvmDecodeError(f"{method}: params[0] is not a UserOperation")
            entry = params[1] if len(params) > 1 and isinstance(params[1], str) else None
            return "user_op", inner, entry
        if kind == "tx" and isinstance(inner, Mapping):
            return read_mapping(inner, depth + 1)
        return kind, inner, None
    for key in ("tx", "transaction"):
        inner = m.get(key)
        if not any(k in m for k in TX_KEYS) and isinstance(inner, Mapping | str):
            return (
                read_mapping(inner, depth + 1)
                if isinstance(inner, Mapping)
                else ("tx", inner, None)
            )
    if is_user_op(m):
        return "user_op", m, None
    if any(k in m for k in TX_KEYS):
        return "tx", m, None
    raise EvmDecodeError("a mapping with no transaction fields (to, data, input, value)")


def _init_code(op: Mapping[str, Any]) -> bytes:
    if op.get("initCode") is not None:
        return to_bytes(op["initCode"], "initCode")
    factory = op.get("factory")
    if factory is None:
        return b""
    raw = to_bytes(factory, "factory")
    if raw and len(raw) != 20:
        raise EvmDecodeError("factory: an address is 20 bytes")
    data = op.get("factoryData")
    return raw + (to_bytes(data, "factoryData") if raw and data is not None else b"")


def _paymaster(op: Mapping[str, Any]) -> bytes:
    """The paymaster: v0.7 ``paymaster``, v0.6 the first 20 bytes of ``paymasterAndData``."""
    for key in ("paymaster", "paymasterAndData"):
        if op.get(key) is not None:
            return to_bytes(op[key], key)[:20]
    return b""


def user_op_transaction(op: Mapping[str, Any], entry_point: Any = None) -> DecodedTransaction:
    """A UserOperation as the calls ``sender`` makes when the EntryPoint runs it."""
    sender = op.get("sender")
    raw = to_bytes(sender, "sender") if sender is not None else b""
    if len(raw) != 20:
        raise EvmDecodeError("UserOperation sender: an address is 20 bytes")
    account = "0x" + raw.hex()
    entry = None
    if isinstance(entry_point, str) and len(to_bytes(entry_point, "entryPoint")) == 20:
        entry = "0x" + to_bytes(entry_point, "entryPoint").hex()
    call_data = to_bytes(op.get("callData") or b"", "callData")
    ops, notes = user_op_operations(account, entry, call_data, _init_code(op), _paymaster(op))
    return DecodedTransaction(
        accounts=tuple(dict.fromkeys(n[8:] for n in notes if n.startswith("account:"))),
        chain=Chain.EVM,
        kind=PayloadKind.TRANSACTION,
        tx_type="user_operation",
        to=account,
        operations=tuple(ops),
        notes=("erc4337:user-operation", *notes),
        data=(call_data,) if call_data else (),
    )
