"""Handlers for batch wrappers: they return the inner :class:`Frame` s to decode next.

multicall (self-delegatecall), Multicall3 aggregate*, Safe ``execTransaction`` / ``multiSend``,
smart-account ``execute`` / ``executeBatch`` (ERC-4337 SimpleAccount, Coinbase, ERC-7579
modes) and the Uniswap UniversalRouter ``execute`` command list.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiegis_guard.chains.evm.abi import decode_args, parse_types
from aiegis_guard.chains.evm.frames import MAX_DEPTH, Frame, Result, asset, native
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import TOKEN_HANDLERS
from aiegis_guard.chains.transaction import Call, Transfer
from aiegis_guard.errors import EvmDecodeError

__all__ = ["WRAPPER_HANDLERS"]

Handler = Callable[[Frame, Function, list[Any]], Result]


def _call(f: Frame, target: str, value: int, data: bytes) -> Result:
    """A CALL from the wrapper: the value it forwards is a transfer from its context."""
    out: Result = []
    if value:
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
    return _calls(f, [(t, v, d) for t, _allow_failure, v, d in a[0]])


def _safe_exec(f: Frame, fn: Function, a: list[Any]) -> Result:
    to, value, data, operation = a[:4]
    account = f"account:{f.context}"
    if operation == 0:
        return [*_call(f, to, value, data), "safe:exec_transaction", account]
    if operation == 1:
        return [f.delegatecall(to, data), "safe:delegatecall", account]
    raise EvmDecodeError("Safe execTransaction: operation is neither CALL nor DELEGATECALL")


def _multi_send(f: Frame, fn: Function, a: list[Any]) -> Result:
    """Packed ``(uint8 op, address to, uint256 value, uint256 len, bytes data)`` records."""
    raw: bytes = a[0]
    out: Result = []
    pos = 0
    while pos < len(raw):
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


def _erc7579_execute(f: Frame, fn: Function, a: list[Any]) -> Result:
    """ERC-7579 ``execute(mode, executionCalldata)``; mode byte 0 is the call type."""
    mode, payload = a
    call_type = mode[0]
    if call_type == 0x00 and len(payload) >= 52:  # single: target(20) value(32) callData
        target = "0x" + payload[:20].hex()
        return _call(f, target, int.from_bytes(payload[20:52], "big"), payload[52:])
    if call_type == 0x01:  # batch: abi.encode(Execution[])
        return _calls(f, list(decode_args(_EXECUTIONS, payload)[0]))
    if call_type == 0xFF and len(payload) >= 20:  # delegatecall: target(20) callData
        return [f.delegatecall("0x" + payload[:20].hex(), payload[20:]), "erc7579:delegatecall"]
    call = Call(via="evm.call", target=f.target, name=f"erc7579.execute(0x{call_type:02x})")
    return [call.model_copy(update={"value": f.value, "touches_own": True})]


ROUTER_TYPES = {
    0x00: ("V3_SWAP_EXACT_IN", parse_types("f(address,uint256,uint256,bytes,bool)")),
    0x01: ("V3_SWAP_EXACT_OUT", parse_types("f(address,uint256,uint256,bytes,bool)")),
    0x02: ("PERMIT2_TRANSFER_FROM", parse_types("f(address,address,uint160)")),
    0x03: (
        "PERMIT2_PERMIT_BATCH",
        parse_types("f(((address,uint160,uint48,uint48)[],address,uint256),bytes)"),
    ),
    0x04: ("SWEEP", parse_types("f(address,address,uint256)")),
    0x05: ("TRANSFER", parse_types("f(address,address,uint256)")),
    0x06: ("PAY_PORTION", parse_types("f(address,address,uint256)")),
    0x08: ("V2_SWAP_EXACT_IN", parse_types("f(address,uint256,uint256,address[],bool)")),
    0x09: ("V2_SWAP_EXACT_OUT", parse_types("f(address,uint256,uint256,address[],bool)")),
    0x0A: (
        "PERMIT2_PERMIT",
        parse_types("f(((address,uint160,uint48,uint48),address,uint256),bytes)"),
    ),
    0x0B: ("WRAP_ETH", parse_types("f(address,uint256)")),
    0x0C: ("UNWRAP_WETH", parse_types("f(address,uint256)")),
    0x0D: ("PERMIT2_TRANSFER_FROM_BATCH", parse_types("f((address,address,uint160,address)[])")),
    0x21: ("EXECUTE_SUB_PLAN", parse_types("f(bytes,bytes[])")),
}
_MSG_SENDER = "0x" + "00" * 19 + "01"
_ADDRESS_THIS = "0x" + "00" * 19 + "02"


def _recipient(f: Frame, recipient: str) -> str | None:
    """UniversalRouter recipient constants: 1 = the caller, 2 = the router itself."""
    if recipient == _MSG_SENDER:
        return f.sender
    if recipient == _ADDRESS_THIS:
        return f.context
    return recipient


def _router_payout(f: Frame, name: str, token: str, recipient: str, amount: int | None) -> Result:
    """Tokens leaving the router for ``recipient`` (nothing when it pays the caller/router)."""
    to = _recipient(f, recipient)
    if to is None or to in (f.sender, f.context):
        return []
    via = f"universal_router.{name.lower()}"
    return [Transfer(via=via, asset=asset(token), sender=f.context, recipient=to, amount=amount)]


def _swap_output(name: str, a: list[Any]) -> str:
    path = a[3]
    if name.startswith("V2"):
        if not path:
            raise EvmDecodeError("UniversalRouter: empty V2 path")
        return str(path[-1])
    if len(path) < 20:
        raise EvmDecodeError("UniversalRouter: short V3 path")
    raw: bytes = path[-20:] if name == "V3_SWAP_EXACT_IN" else path[:20]
    return "0x" + raw.hex()


def _router_command(f: Frame, cmd: int, data: bytes) -> Result:
    name, types = ROUTER_TYPES[cmd]
    a = decode_args(types, data)
    if name == "PERMIT2_PERMIT":
        return TOKEN_HANDLERS["permit2_permit_single"](f, _NO_FN, [f.sender, a[0], a[1]])
    if name == "PERMIT2_PERMIT_BATCH":
        return TOKEN_HANDLERS["permit2_permit_batch"](f, _NO_FN, [f.sender, a[0], a[1]])
    if name == "PERMIT2_TRANSFER_FROM":
        token, recipient, amount = a
        to = _recipient(f, recipient) or f.context
        via = "universal_router.permit2_transfer_from"
        return [Transfer(via=via, asset=asset(token), sender=f.sender, recipient=to, amount=amount)]
    if name == "PERMIT2_TRANSFER_FROM_BATCH":
        return TOKEN_HANDLERS["permit2_transfer_batch"](f, _NO_FN, a)
    if name == "TRANSFER":
        return _router_payout(f, name, a[0], a[1], a[2])
    if name in ("SWEEP", "PAY_PORTION"):
        return [*_router_payout(f, name, a[0], a[1], None), f"universal_router:{name.lower()}"]
    if name in ("WRAP_ETH", "UNWRAP_WETH"):
        return _router_payout(f, name, "0x" + "00" * 20, a[0], None)
    if name == "EXECUTE_SUB_PLAN":
        return _router_plan(f.inner(f.data), a[0], a[1])
    out = _router_payout(f, name, _swap_output(name, a), a[0], None)
    return [*out, Call(via="evm.call", target=f.target, name=name, known=True)]


_NO_FN = Function("universal_router()", "universal_router", ())


def _router_plan(f: Frame, commands: bytes, inputs: list[bytes]) -> Result:
    if f.depth > MAX_DEPTH:
        return [
            Call(via="evm.call", target=f.target, name="universal_router.sub_plan"),
            "depth-limit",
        ]
    if len(commands) != len(inputs):
        raise EvmDecodeError("UniversalRouter: commands and inputs differ in length")
    out: Result = []
    for command, data in zip(commands, inputs, strict=True):
        cmd = command & 0x3F
        if cmd in ROUTER_TYPES:
            out += _router_command(f, cmd, data)
        else:
            name = f"universal_router.command_0x{cmd:02x}"
            out.append(Call(via="evm.call", target=f.target, name=name, touches_own=True))
    return out


def _universal_router(f: Frame, fn: Function, a: list[Any]) -> Result:
    return _router_plan(f, a[0], a[1])


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
    "universal_router": _universal_router,
}
