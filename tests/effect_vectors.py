"""Turn the JSON vectors of ``tests/vectors/evm_*.json`` into payloads (shared by the tests).

``{"$call": [signature, *args]}`` is calldata (selector + eth_abi encoding), ``{"$abi":
[types, *args]}`` the encoding alone, ``{"$multisend": [[op, to, value, data], ...]}`` Safe's
packed MultiSend records, ``{"$hex": "0x.."}`` raw bytes, ``{"$concat": [...]}`` those
joined. Arguments are converted by their ABI type (bytes fields from any of these forms).
"""

from __future__ import annotations

from typing import Any

from eth_abi import encode
from eth_abi.grammar import BasicType, TupleType, parse

from tests.evm_builders import _types, selector


def _bytes(value: Any) -> bytes:
    if isinstance(value, dict):
        ((key, arg),) = value.items()
        if key == "$hex":
            return bytes.fromhex(arg[2:])
        if key == "$concat":
            return b"".join(_bytes(part) for part in arg)
        if key == "$call":
            return selector(arg[0]) + _encode(_types(arg[0]), arg[1:])
        if key == "$abi":
            return _encode(_types("f" + arg[0]), arg[1:])
        if key == "$multisend":
            return b"".join(
                bytes([op])
                + bytes.fromhex(to[2:])
                + v.to_bytes(32, "big")
                + len(d := _bytes(data)).to_bytes(32, "big")
                + d
                for op, to, v, data in arg
            )
    if isinstance(value, str) and value.startswith("0x"):
        return bytes.fromhex(value[2:])
    raise ValueError(f"not a bytes value: {value!r}")


def _convert(t: Any, value: Any) -> Any:
    if t.is_array:
        return [_convert(t.item_type, v) for v in value]
    if isinstance(t, TupleType):
        return tuple(_convert(c, v) for c, v in zip(t.components, value, strict=True))
    if isinstance(t, BasicType) and t.base == "bytes":
        return _bytes(value)
    return value


def _encode(types: list[str], args: list[Any]) -> bytes:
    return encode(types, [_convert(parse(t), a) for t, a in zip(types, args, strict=True)])


def build_tx(spec: dict[str, Any]) -> dict[str, Any]:
    """A JSON-RPC style tx dict from a vector's ``tx``."""
    return {
        "from": spec["from"],
        "to": spec["to"],
        "value": spec.get("value", 0),
        "data": "0x" + _bytes(spec["data"]).hex(),
        "chainId": 1,
        "nonce": 1,
        "gas": 500_000,
        "maxFeePerGas": 30 * 10**9,
        "maxPriorityFeePerGas": 10**9,
    }


def effects_match(expected: list[dict[str, Any]], actual: list[dict[str, Any]]) -> list[str]:
    """Each expected effect (a subset of keys) must match one actual effect; the misses."""
    misses = []
    for want in expected:
        if not any(all(_same(got.get(k), v) for k, v in want.items()) for got in actual):
            misses.append(str(want))
    return misses


def _same(got: Any, want: Any) -> bool:
    if isinstance(want, str) and isinstance(got, str):
        return got.lower() == want.lower()
    return bool(got == want)


SAFE = "0x6666666666666666666666666666666666666666"
OWN = "0x1111111111111111111111111111111111111111"
ENTRY_POINT = "0x5ff137d4b0fdcd49dca30c7cf57e578a026d2789"
MULTISEND = "0x38869bf66a61cf6bdb996a6ae40d5853fd43b526"  # Safe MultiSend 1.4.1
ZERO = "0x" + "00" * 20
_EXEC = "execTransaction(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,bytes)"
_USER_OP = "(address,uint256,bytes,bytes,uint256,uint256,uint256,uint256,uint256,bytes,bytes)"


def _safe(target: str, value: int, data: Any, op: int = 0) -> dict[str, Any]:
    sig = {"$hex": "0x" + "00" * 65}
    return {"$call": [_EXEC, target, value, data, op, 0, 0, 0, ZERO, ZERO, sig]}


def carriers(target: str, value: int, data: Any) -> dict[str, dict[str, Any]]:
    """The same call from the Safe's account, flat and inside each wrapper that acts as it."""
    record = [[0, target, value, data]]
    execute = {"$call": ["execute(address,uint256,bytes)", target, value, data]}
    op = [SAFE, 0, {"$hex": "0x"}, execute, 0, 0, 0, 0, 0, {"$hex": "0x"}, {"$hex": "0x"}]
    packed = {"$hex": "0x" + target[2:] + value.to_bytes(32, "big").hex()}
    return {
        "flat": {"from": SAFE, "to": target, "value": value, "data": data},
        "safe": {"from": OWN, "to": SAFE, "data": _safe(target, value, data)},
        "safe-multisend": {
            "from": OWN,
            "to": SAFE,
            "data": _safe(MULTISEND, 0, {"$call": ["multiSend(bytes)", {"$multisend": record}]}, 1),
        },
        "7702-batch": {
            "from": SAFE,
            "to": SAFE,
            "data": {"$call": ["executeBatch((address,uint256,bytes)[])", [[target, value, data]]]},
        },
        "7579-single": {
            "from": SAFE,
            "to": SAFE,
            "data": {
                "$call": [
                    "execute(bytes32,bytes)",
                    {"$hex": "0x" + "00" * 32},
                    {"$concat": [packed, data]},
                ]
            },
        },
        "4337": {
            "from": OWN,
            "to": ENTRY_POINT,
            "data": {"$call": [f"handleOps({_USER_OP}[],address)", [op], OWN]},
        },
    }
