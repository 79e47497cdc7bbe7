"""What a mapping handed to the EVM decoder is: a transaction only by its transaction fields
(issue 12, review18 F2).

- a JSON-RPC request (``{"method", "params"}``): ``eth_sendTransaction`` /
  ``eth_signTransaction`` / ``eth_sendRawTransaction`` carry the transaction in
  ``params[0]``, ``eth_sendUserOperation`` the UserOperation in ``params[0]`` (and the
  EntryPoint in ``params[1]``), ``eth_signTypedData*`` the typed data in the param that is
  not an address (``params[1]`` by default: :func:`signed_param`); :data:`RPC_METHODS`,
  which the gateway's payload reader shares; any other method is not a transaction;
  ``wallet_sendTransaction`` is ``eth_sendTransaction``'s wallet-namespace twin and EIP-5792
  ``wallet_sendCalls`` a batch of calls its ``from`` account makes (``rpc_methods.py``,
  which the web3 middleware reads too; its bare ``params[0]`` object likewise);
- ``{"tx": ...}`` / ``{"transaction": ...}``: the transaction inside, when no transaction
  field beside it says otherwise (an empty ``value`` / ``data`` is an annotation; a ``to``, a
  value or calldata beside a wrapped transaction is ambiguous: undecodable, review18c F4);
  likewise beside a JSON-RPC ``method`` + ``params`` envelope (review19 F8);
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
- a transaction: a mapping with ``to``, ``data``, ``input`` or ``value``, whatever
  descriptive keys lie beside (a tool's ``method`` / ``params`` that are no JSON-RPC method
  read here, review18c F5); a UserOperation (``sender`` and its ``callData`` / ``initCode``)
  is one even with a ``to`` key naming an ERC-4337 EntryPoint, and undecodable with any
  other ``to``, a ``value`` or a transaction's ``data`` / ``input`` beside it (review19 F8:
  no field that carries value or calldata is dropped);
- anything else is no transaction: :class:`EvmDecodeError` (the guard FLAGs it
  ``tx.undecodable``), never an empty contract creation.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from aiegis_guard.chains.evm.envelope import parse_dict, to_bytes
from aiegis_guard.chains.evm.operations import from_envelope
from aiegis_guard.chains.evm.protocols.signed import user_op_operations
from aiegis_guard.chains.evm.rpc_methods import Carried, send_calls
from aiegis_guard.chains.known import known_contracts
from aiegis_guard.chains.transaction import DecodedTransaction, PayloadKind
from aiegis_guard.errors import EvmDecodeError
from aiegis_guard.findings import Chain

__all__ = [
    "RPC_METHODS",
    "TX_KEYS",
    "calls_transaction",
    "read_mapping",
    "signed_param",
    "tx_fields_beside",
    "user_op_transaction",
]

TX_KEYS = ("to", "data", "input", "value")
_CASED = frozenset({"to", "from", "data", "input", "value"})  # read in this spelling only
RPC_METHODS = {  # JSON-RPC method -> (kind, index of the payload in params)
    "eth_sendTransaction": ("tx", 0),
    "eth_signTransaction": ("tx", 0),
    "wallet_sendTransaction": ("tx", 0),
    "eth_sendRawTransaction": ("tx", 0),
    "eth_sendUserOperation": ("user_op", 0),
    "wallet_sendCalls": ("calls", 0),
    "eth_signTypedData": ("typed_data", 1),
    "eth_signTypedData_v3": ("typed_data", 1),
    "eth_signTypedData_v4": ("typed_data", 1),
}
MAX_NESTING = 4  # wrappers unwrapped ({"tx": {"method": ..., "params": [...]}} ...)
MAX_CALLS = 256  # calls of one wallet_sendCalls batch
_WRAPPERS = ("tx", "transaction")
# keys a plain transaction never has: a mapping with ``to`` and none of them is one at once
_NOT_PLAIN = ("method", "sender", *_WRAPPERS, "calls")
_USER_OP_KEYS = ("callData", "initCode", "factory", "factoryData")
_BLANK = (None, 0, "", "0x", "0x0", "0", b"")  # a ``to`` / ``data`` / ``input`` not given
_ZERO_RE = re.compile(r"(?:0[xX])?0*")  # any spelling of zero: "0x00", "00", "0x" + 64 zeros


def _empty(v: Any, key: str) -> bool:
    """Is ``v`` (the ``key`` field) not given: blank (``_BLANK``), or for ``value`` any zero
    (review19b X1: ``"0x00"``, ``"0x" + 64 zeros`` is still no value)? A ``data`` of one zero
    byte (``"0x00"``) is calldata and a ``to`` of the zero address a recipient: not empty."""
    if v in _BLANK:
        return True
    if key != "value" or isinstance(v, bool):
        return False
    if isinstance(v, int):
        return v == 0
    return isinstance(v, str) and _ZERO_RE.fullmatch(v.strip()) is not None


def read_mapping(m: Mapping[str, Any], depth: int = 0) -> tuple[str, Any, Any]:
    """(kind, payload, entry point / signer): kind ``tx`` (a transaction mapping, or raw bytes
    / hex in ``payload``), ``user_op``, ``typed_data`` or ``calls`` (the EIP-5792 batch: its
    calls as transaction mappings, and the ``from`` account); raises :class:`EvmDecodeError`
    for a mapping that is none of them or holds two of them."""
    if any(isinstance(k, str) and k.lower() in _CASED and k not in _CASED for k in m):
        # Go's encoding/json (geth, many signers) matches field names without case: "To",
        # "VALUE" or a second "to" spelled otherwise would be read where this reader reads none
        raise EvmDecodeError("a transaction field spelled in another case: ambiguous")
    if "to" in m and not any(k in m for k in _NOT_PLAIN):
        return "tx", m, None  # a plain transaction
    if depth > MAX_NESTING:
        raise EvmDecodeError("request wrappers nested too deep")
    method = m.get("method")
    if isinstance(method, str) and method in RPC_METHODS and "params" in m:
        if tx_fields_beside(m):
            raise EvmDecodeError(f"{method} request beside transaction fields: ambiguous")
        return _rpc(method, m.get("params"), depth)
    if "sender" in m and any(k in m for k in _USER_OP_KEYS):  # a UserOperation
        if any(not _empty(m.get(k), k) for k in ("data", "input", "value")) or not _op_to(m):
            raise EvmDecodeError("a UserOperation beside a transaction's to / value / data")
        return "user_op", m, None
    wrapped = [k for k in _WRAPPERS if isinstance(m.get(k), Mapping | str)]
    if wrapped:
        if len(wrapped) > 1 or tx_fields_beside(m):
            raise EvmDecodeError("a wrapped transaction beside transaction fields: ambiguous")
        inner = m[wrapped[0]]
        return read_mapping(inner, depth + 1) if isinstance(inner, Mapping) else ("tx", inner, None)
    if isinstance(m.get("calls"), list | tuple) and not any(k in m for k in TX_KEYS):
        return _calls(m)  # wallet_sendCalls' params[0]
    if any(k in m for k in TX_KEYS):  # with descriptive keys (``method``, ``params``...) too
        return "tx", m, None
    if "method" in m and "params" in m:
        raise EvmDecodeError("a JSON-RPC request that carries no transaction")
    raise EvmDecodeError("a mapping with no transaction fields (to, data, input, value)")


def tx_fields_beside(m: Mapping[str, Any]) -> bool:
    """Does a request envelope (``method`` + ``params``, a wrapper) hold a transaction's own
    non-empty ``to`` / ``data`` / ``input`` / ``value`` beside what it carries? Then which one
    is sent is unknown: ambiguous (review18c F4, review19 F8), never dropped."""
    return any(not _empty(m.get(k), k) for k in TX_KEYS)


def _op_to(m: Mapping[str, Any]) -> bool:
    """Is a ``to`` beside a UserOperation an annotation: none, empty, or an ERC-4337 EntryPoint
    of the book (the contract the op is sent to)? Any other ``to`` is a transaction's
    (review19 F8: a tool reading the mapping as one would send it)."""
    to = m.get("to")
    if _empty(to, "to"):
        return True
    if not isinstance(to, str):
        return False
    known = known_contracts().get(to.lower())
    return known is not None and known[0].startswith("ERC-4337 EntryPoint")


def _rpc(method: str, params: Any, depth: int) -> tuple[str, Any, Any]:
    kind, index = RPC_METHODS[method]
    if kind == "typed_data":
        index = signed_param(params, index)
    if not isinstance(params, list | tuple) or len(params) <= index:
        raise EvmDecodeError(f"{method}: missing params[{index}]")
    inner = params[index]
    if kind == "user_op":
        if not isinstance(inner, Mapping):
            raise EvmDecodeError(f"{method}: params[0] is not a UserOperation")
        entry = params[1] if len(params) > 1 and isinstance(params[1], str) else None
        return "user_op", inner, entry
    if kind == "calls":
        if not isinstance(inner, Mapping):
            raise EvmDecodeError(f"{method}: params[0] is not a call batch")
        return _calls(inner)
    if kind == "tx" and isinstance(inner, Mapping):
        return read_mapping(inner, depth + 1)
    return kind, inner, None


_ADDRESS_RE = re.compile(r"\s*0[xX][0-9a-fA-F]{40}\s*")


def signed_param(params: Any, index: int) -> int:
    """Where a signing request's payload is (``eth_signTypedData*``, and as well for
    ``personal_sign`` / ``eth_sign``): the one of its two params that is not the signer's
    address (the spec puts typed data second for v3 / v4, first for v1, and dapps swap them;
    wallets take the non-address one, as MetaMask's eth-json-rpc-middleware swaps
    ``personal_sign``'s), else ``index`` (review18 F19, ``rpc_order.jsonl``)."""
    if not isinstance(params, list | tuple) or len(params) != 2:
        return index
    is_address = [isinstance(p, str) and _ADDRESS_RE.fullmatch(p) is not None for p in params]
    return is_address.index(False) if is_address.count(False) == 1 else index


def _calls(request: Mapping[str, Any]) -> tuple[str, Any, Any]:
    """EIP-5792 ``wallet_sendCalls`` (``rpc_methods.send_calls``: each call a transaction
    from ``from`` on ``chainId``)."""
    carried = Carried()
    send_calls(request, carried)
    if carried.unreadable or len(carried.payloads) > MAX_CALLS:
        raise EvmDecodeError((carried.unreadable or [f"more than {MAX_CALLS} calls"])[0])
    return "calls", carried.payloads, carried.signer


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


def calls_transaction(calls: list[Any], signer: str | None) -> DecodedTransaction:
    """An EIP-5792 batch: the calls ``signer`` makes, one after the other, as one request."""
    parts = [from_envelope(parse_dict(call)) for call in calls]
    first = parts[0]
    return DecodedTransaction(
        accounts=tuple(dict.fromkeys(a for p in parts for a in p.accounts)),
        chain=Chain.EVM,
        kind=PayloadKind.TRANSACTION,
        tx_type="wallet_send_calls",
        sender=signer.lower() if signer else first.sender,
        to=first.to if len(parts) == 1 else None,
        chain_id=first.chain_id,
        value=sum(p.value for p in parts),
        operations=tuple(op for p in parts for op in p.operations),
        notes=("eip5792:wallet_sendCalls", *(n for p in parts for n in p.notes)),
        data=tuple(d for p in parts for d in p.data),
    )
