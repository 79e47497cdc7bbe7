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
