"""Handlers for batch wrappers: they return the inner :class:`Frame` s to decode next.

multicall (self-delegatecall), Multicall3 aggregate*, Safe ``execTransaction`` / ``multiSend``,
smart-account ``execute`` / ``executeBatch`` (ERC-4337 SimpleAccount, Coinbase, ERC-7579
modes) and the Uniswap UniversalRouter ``execute`` command list.

Multicall3 (mds1/multicall ``src/Multicall3.sol``, deployed at ``0xcA11bde0...CA11``) runs
each call from its own address: a token ``transfer`` inside it moves Multicall3's tokens, a
``transferFrom(own, x, n)`` spends an allowance the own account gave Multicall3 (a give of
own), and naming the own account in an argument gives the call no authority over it.
``aggregate3Value`` forwards exactly ``msg.value`` (``require(msg.value == valAccumulator,
"Multicall3: value mismatch")``): at that address the caller's value goes straight to the
inner targets (``forwards_value``), so the caller gives to them, not to Multicall3.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiegis_guard.chains.evm.abi import decode_args, parse_types
from aiegis_guard.chains.evm.frames import Frame, Result, native
from aiegis_guard.chains.evm.protocols.aggregators import ETHFLOW, ETHFLOW_CREATE
from aiegis_guard.chains.evm.protocols.bulker import BULKER_INVOKE, is_bulker
from aiegis_guard.chains.evm.protocols.disperse import DISPERSE, DISPERSE_ETHER
from aiegis_guard.chains.evm.protocols.factories import deployment
from aiegis_guard.chains.evm.protocols.fulfil import FULFIL_SELECTORS
from aiegis_guard.chains.evm.protocols.gmx_subaccounts import forwarded
from aiegis_guard.chains.evm.protocols.safe import gas_refund
from aiegis_guard.chains.evm.protocols.universal_router import universal_router
from aiegis_guard.chains.evm.selectors import MULTICALL3, Function
from aiegis_guard.chains.transaction import Call, Transfer
from aiegis_guard.errors import EvmDecodeError

__all__ = ["EXECUTE_USER_OP", "WRAPPER_HANDLERS", "forwards_value"]

Handler = Callable[[Frame, Function, list[Any]], Result]
_AGGREGATE3_VALUE = bytes.fromhex("174dea71")


def forwards_value(target: str, data: bytes, value: int | None = None) -> bool:
    """A CALL whose value the canonical Multicall3 passes on whole to the inner calls, that
    Disperse pays out to its recipients (``protocols/disperse.py``), that a Compound III
    Bulker supplies for the caller (``protocols/bulker.py``), that a Seaport fulfilment
    accounts for as its payment (``protocols/fulfil.py``, on any contract), that a CoW
    EthFlow order offers (``protocols/aggregators.py``, on the EthFlow contract), or that a
    GMX SubaccountRouter sends on whole (``protocols/gmx_subaccounts.py``)."""
    selector = data[:4]
    if forwarded(target, data, value):
        return True
    if selector in FULFIL_SELECTORS or (target == ETHFLOW and selector == ETHFLOW_CREATE):
        return True
    if target == DISPERSE:
        return selector == DISPERSE_ETHER
    if selector == BULKER_INVOKE:
        return is_bulker(target)
    return target == MULTICALL3 and selector == _AGGREGATE3_VALUE


def _call(f: Frame, target: str, value: int, data: bytes) -> Result:
    """A CALL from the wrapper: the value it forwards is a transfer from its context."""
    out: Result = []
    if value and not forwards_value(target, data, value):
        out.append(
            Transfer(via="native", asset=native(), sender=f.context, recipient=target, amount=value)
        )
    if data:
        out.append(f.call(target, value, data))
    return out


def _calls(f: Frame, calls: list[tuple[str, int, bytes]]) -> Result:
    out: Result = []
    for target, value, data in calls:
        out += _call(f, target, value, data)
    return out


def _multicall_self(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [f.inner(d) for d in a[-1]]


def _aggregate(f: Frame, fn: Function, a: list[Any]) -> Result:
    return _calls(f, [(t, 0, d) for t, d in a[-1]])


def _aggregate3(f: Frame, fn: Function, a: list[Any]) -> Result:
    return _calls(f, [(t, 0, d) for t, _allow_failure, d in a[0]])


def _aggregate3_value(f: Frame, fn: Function, a: list[Any]) -> Result:
    calls = [(t, v, d) for t, _allow_failure, v, d in a[0]]
    if f.delegate or f.target != MULTICALL3:
        return _calls(f, calls)
    out: Result = []  # the caller's msg.value, passed on by Multicall3
    for target, value, data in calls:
        if value:
            out.append(
                Transfer(
                    via="native", asset=native(), sender=f.sender, recipient=target, amount=value
                )
            )
        if data:
            out.append(f.call(target, value, data))
    return out


def _safe_exec(f: Frame, fn: Function, a: list[Any]) -> Result:
    to, value, data, operation = a[:4]
    account = f"account:{f.context}"
    # refundReceiver 0 pays tx.origin: the request's sender only when this execTransaction is
    # the transaction's own top-level call; relayed (ForwardRequest, meta-tx, a UserOperation)
    # or nested, whoever executes it is nobody the request names
    executor = f.origin if f.depth == 0 and not f.path else None
    refund = gas_refund(f.context, a[4:9], executor) if len(a) >= 9 else None
    paid: Result = [] if refund is None else [refund]
    if operation == 0:
        return [*_call(f, to, value, data), *paid, "safe:exec_transaction", account]
    if operation == 1:
        return [f.delegatecall(to, data), *paid, "safe:delegatecall", account]
    raise EvmDecodeError("Safe execTransaction: operation is neither CALL nor DELEGATECALL")


def _multi_send(f: Frame, fn: Function, a: list[Any]) -> Result:
    """Packed ``(uint8 op, address to, uint256 value, uint256 len, bytes data)`` records.

    safe-global/safe-smart-account ``contracts/libraries/MultiSend.sol``: ``let i := 0x20``
    (past the length word) and ``for {} lt(i, length) {}``: a record is read only when it
    starts more than 32 bytes before the end; a shorter tail is never read (ignored here too).
    """
    raw: bytes = a[0]
    out: Result = []
    pos = 0
    while pos + 32 < len(raw):
        if pos + 85 > len(raw):
            raise EvmDecodeError("multiSend: truncated record")
        op = raw[pos]
        to = "0x" + raw[pos + 1 : pos + 21].hex()
        value = int.from_bytes(raw[pos + 21 : pos + 53], "big")
        size = int.from_bytes(raw[pos + 53 : pos + 85], "big")
        if op > 1 or size > len(raw) - pos - 85:
            raise EvmDecodeError("multiSend: bad record")
        data = raw[pos + 85 : pos + 85 + size]
        out += _call(f, to, value, data) if op == 0 else [f.delegatecall(to, data)]
        pos += 85 + size
    return out


def _account_execute(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [*_call(f, a[0], a[1], a[2]), f"account:{f.context}"]


def _account_execute_batch(f: Frame, fn: Function, a: list[Any]) -> Result:
    targets, values, datas = a
    if not values:  # SimpleAccount v0.7: an empty value array means no value
        values = [0] * len(targets)
    if not len(targets) == len(values) == len(datas):
        raise EvmDecodeError("executeBatch: array lengths differ")
    return [*_calls(f, list(zip(targets, values, datas, strict=True))), f"account:{f.context}"]


def _account_execute_batch_novalue(f: Frame, fn: Function, a: list[Any]) -> Result:
    targets, datas = a
    if len(targets) != len(datas):
        raise EvmDecodeError("executeBatch: array lengths differ")
    calls = [(t, 0, d) for t, d in zip(targets, datas, strict=True)]
    return [*_calls(f, calls), f"account:{f.context}"]


def _account_execute_calls(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [*_calls(f, list(a[0])), f"account:{f.context}"]


_EXECUTIONS = parse_types("f((address,uint256,bytes)[])")
_BATCHES = parse_types("f(bytes[])")
_BATCH_OF_BATCHES = bytes.fromhex("78210002")
_ZERO_ADDRESS = "0x" + "00" * 20


def _batch(f: Frame, payload: bytes) -> Result:
    """``abi.encode(Call[] calls[, bytes opData])``; ERC-7821 (and Solady ``ERC7821``): "if a
    Call.to is address(0), it will be replaced with address(this)"."""
    calls = decode_args(_EXECUTIONS, payload)[0]
    return _calls(f, [(f.context if t == _ZERO_ADDRESS else t, v, d) for t, v, d in calls])


def _erc7579_execute(f: Frame, fn: Function, a: list[Any]) -> Result:
    """ERC-7579 ``execute(mode, executionCalldata)``; mode byte 0 is the call type, bytes
    6..10 the mode selector. ERC-7821 mode ``0x01000000000078210002`` is a batch of batches:
    ``abi.encode(bytes[])``, each an ``executionData`` run with mode ``...78210001``
    (``abi.encode(calls, opData)``)."""
    mode, payload = a
    call_type = mode[0]
    if call_type == 0x00 and len(payload) >= 52:  # single: target(20) value(32) callData
        target = "0x" + payload[:20].hex()
        return _call(f, target, int.from_bytes(payload[20:52], "big"), payload[52:])
    if call_type == 0x01 and mode[6:10] == _BATCH_OF_BATCHES:
        out: Result = []
        for batch in decode_args(_BATCHES, payload)[0]:
            out += _batch(f, batch)
        return out
    if call_type == 0x01:  # batch: abi.encode(Execution[])
        return _batch(f, payload)
    if call_type == 0xFF and len(payload) >= 20:  # delegatecall: target(20) callData
        return [f.delegatecall("0x" + payload[:20].hex(), payload[20:]), "erc7579:delegatecall"]
    # a call type (or a single execution shorter than target + value) it does not read: an
    # opaque call of the account (its carried calls are read, ``embedded.py``)
    selector = "0x" + f.data[:4].hex()
    call = Call(via="evm.call", target=f.target, selector=selector, value=f.value)
    return [call.replace(touches_own=True, sender=f.sender), f"erc7579:call-type-0x{call_type:02x}"]


def _self_calls_any_chain(f: Frame, fn: Function, a: list[Any]) -> Result:
    """Coinbase Smart Wallet ``executeWithoutChainIdValidation``: ``_call(address(this), 0,
    call)`` for each entry (only the selectors ``canSkipChainIdValidation`` allows: owner
    changes, upgrades), from the account itself; its UserOperation hash leaves the chain id
    out, so the same signature replays on every chain where the account exists."""
    calls = a[0] if isinstance(a[0], list | tuple) else [a[0]]
    frames: Result = [f.call(f.context, 0, bytes(c)) for c in calls if c]
    return [*frames, "cbsw:replayable-every-chain", f"account:{f.context}"]


_USER_OP_V6 = "(address,uint256,bytes,bytes,uint256,uint256,uint256,uint256,uint256,bytes,bytes)"


EXECUTE_USER_OP = bytes.fromhex("8dd7712f")
"""``IAccountExecute.executeUserOp(PackedUserOperation,bytes32)`` (eth-infinitism/
account-abstraction ``interfaces/IAccountExecute.sol``): "passing this methodSig at the
beginning of callData will cause the entryPoint to pass the full UserOp (and hash) to the
account. The account should skip the methodSig, and use the callData" (Kernel v3: a
self-delegatecall of ``callData[4:]``); decoded as the account called with the rest."""


def _handle_ops(f: Frame, fn: Function, a: list[Any]) -> Result:
    """ERC-4337 EntryPoint ``handleOps``: each UserOperation's initCode deploys its account
    (``protocols/factories.py``: the owners it names), then its callData runs in it."""
    out: Result = []
    for op in a[0]:
        account, init_code, call_data = op[0], op[2], op[3]
        out += deployment(f, account, init_code)
        if call_data[:4] == EXECUTE_USER_OP:
            call_data = call_data[4:]
        if call_data:
            out.append(f.call(account, 0, call_data))
        out.append(f"account:{account}")
    return out


def _handle_aggregated_ops(f: Frame, fn: Function, a: list[Any]) -> Result:
    """EntryPoint ``handleAggregatedOps``: every aggregator's ops, as ``handleOps`` runs them."""
    return _handle_ops(f, fn, [[op for per_aggregator in a[0] for op in per_aggregator[0]]])


def _execute_user_op(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``executeUserOp(userOp, userOpHash)``: the account runs ``userOp.callData`` past its
    first four bytes (``EXECUTE_USER_OP``)."""
    call_data: bytes = a[0][3]
    rest = call_data[4:] if call_data[:4] == EXECUTE_USER_OP else call_data
    return [f.inner(rest), f"account:{f.context}"] if rest else [f"account:{f.context}"]


def _meta_transaction(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``executeMetaTransaction(user, functionSignature, r, s, v)``: the contract runs
    ``functionSignature`` as if ``user`` had called it (``msgSender()`` is ``user``)."""
    user, data = a[0], bytes(a[1])
    frame = Frame(f.target, user, f.target, 0, data, f.depth + 1, False, f.origin, f.path)
    return [frame] if data else []


WRAPPER_HANDLERS: dict[str, Handler] = {
    "multicall_self": _multicall_self,
    "aggregate": _aggregate,
    "try_aggregate": _aggregate,
    "aggregate3": _aggregate3,
    "aggregate3_value": _aggregate3_value,
    "safe_exec": _safe_exec,
    "multi_send": _multi_send,
    "account_execute": _account_execute,
    "account_execute_batch": _account_execute_batch,
    "account_execute_batch_novalue": _account_execute_batch_novalue,
    "account_execute_calls": _account_execute_calls,
    "erc7579_execute": _erc7579_execute,
    "self_calls_any_chain": _self_calls_any_chain,
    "universal_router": universal_router,
    "handle_ops": _handle_ops,
    "handle_aggregated_ops": _handle_aggregated_ops,
    "execute_user_op": _execute_user_op,
    "meta_transaction": _meta_transaction,
}
