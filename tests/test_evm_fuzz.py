"""Property tests: whatever bytes, dicts or typed data arrive, EVM decoding returns or raises
EvmDecodeError, and the guard returns a verdict (never ALLOW for what it cannot decode)."""

from __future__ import annotations

import contextlib
import json
from typing import Any

import pytest
import rlp
from evm_builders import MAX, STRANGER, TOKEN, approve, call, permit_typed_data, transfer, tx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aiegis_guard.chains.evm.decode import decode_evm, decode_message, decode_typed_data
from aiegis_guard.chains.evm.selectors import FUNCTIONS
from aiegis_guard.chains.transaction import DecodedTransaction
from aiegis_guard.config import Config, ThreatSettings
from aiegis_guard.errors import EvmDecodeError
from aiegis_guard.findings import Action
from aiegis_guard.guard import Guard

pytestmark = pytest.mark.slow  # Hypothesis fuzzing of the EVM decoders (make test runs it)

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
GUARD = Guard(Config(threats=ThreatSettings(builtin=False)), classifier=False)

_SEED_CALLS = [
    transfer(STRANGER, 5),
    approve(STRANGER, MAX),
    call("multicall(bytes[])", [transfer(STRANGER, 1), approve(STRANGER, 2)]),
    call(
        "aggregate3Value((address,bool,uint256,bytes)[])", [(TOKEN, True, 3, transfer(STRANGER, 1))]
    ),
    call("execute(bytes,bytes[],uint256)", b"\x05\x0a", [b"\x00" * 96, b"\x01" * 64], 1),
]
_SEED_RAW = [
    b"\x02" + rlp.encode([1, 0, 1, 2, 21_000, bytes.fromhex(TOKEN[2:]), 0, d, []])
    for d in _SEED_CALLS
]


def _decodes_or_refuses(payload: Any) -> DecodedTransaction | None:
    try:
        decoded = decode_evm(payload)
    except EvmDecodeError:
        return None
    assert isinstance(decoded, DecodedTransaction)
    return decoded


@FUZZ
@given(st.binary(max_size=600))
def test_random_bytes(raw: bytes) -> None:
    """Random bytes as a raw transaction: decoded or EvmDecodeError."""
    _decodes_or_refuses(raw)


@FUZZ
@given(st.sampled_from(_SEED_RAW), st.data())
def test_mutated_raw_transactions(raw: bytes, data: st.DataObject) -> None:
    """Truncated, extended and bit-flipped valid transactions never crash the decoder."""
    cut = data.draw(st.integers(0, len(raw)))
    flips = data.draw(
        st.lists(st.tuples(st.integers(0, len(raw) - 1), st.integers(0, 255)), max_size=4)
    )
    mutated = bytearray(raw)
    for pos, byte in flips:
        mutated[pos] = byte
    tail = data.draw(st.binary(max_size=40))
    _decodes_or_refuses(bytes(mutated[:cut]) + tail)


@FUZZ
@given(st.sampled_from(sorted(FUNCTIONS)), st.binary(max_size=700))
def test_known_selector_random_arguments(selector: bytes, args: bytes) -> None:
    """A known selector followed by garbage arguments: decoded or EvmDecodeError."""
    _decodes_or_refuses(tx(TOKEN, selector + args))


@FUZZ
@given(st.sampled_from(_SEED_CALLS), st.data())
def test_mutated_calldata(calldata: bytes, data: st.DataObject) -> None:
    """Word-level corruption of nested calldata (offsets, lengths) stays within the contract."""
    words = bytearray(calldata)
    for _ in range(data.draw(st.integers(1, 4))):
        pos = 4 + 32 * data.draw(st.integers(0, max(0, (len(words) - 4) // 32 - 1)))
        value = data.draw(st.sampled_from([0, 1, 31, 32, 2**32, 2**255, 2**256 - 1]))
        words[pos : pos + 32] = value.to_bytes(32, "big")
    _decodes_or_refuses(tx(TOKEN, bytes(words)))


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**300), max_value=2**300),
    st.text(max_size=50),
    st.binary(max_size=50),
    st.sampled_from(["0x", "0x0", "0xzz", STRANGER, "0x" + "f" * 80, "-1", "1e9"]),
)


@FUZZ
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "to",
                "from",
                "value",
                "data",
                "input",
                "nonce",
                "chainId",
                "type",
                "gas",
                "maxFeePerGas",
                "accessList",
                "authorizationList",
                "r",
                "s",
            ]
        ),
        st.one_of(
            _SCALARS,
            st.lists(_SCALARS, max_size=3),
            st.lists(st.dictionaries(st.text(max_size=10), _SCALARS, max_size=4), max_size=2),
        ),
        max_size=8,
    )
)
def test_random_transaction_dicts(payload: dict[str, Any]) -> None:
    """Dicts with absurd values (2**300, negatives, wrong types): decoded or EvmDecodeError."""
    _decodes_or_refuses(payload)


_JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-(2**260), 2**260), st.text(max_size=20)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=30,
)


@pytest.mark.slow  # deep random JSON
@FUZZ
@given(_JSON)
def test_random_typed_data(payload: Any) -> None:
    """Arbitrary JSON as typed data: decoded or EvmDecodeError."""
    for form in (payload, {"types": payload, "primaryType": "Permit", "message": payload}):
        with contextlib.suppress(EvmDecodeError):
            decode_typed_data(form)


@FUZZ
@given(
    st.sampled_from(["types", "message", "domain", "primaryType"]),
    st.one_of(_JSON, st.sampled_from(["Permit", "EIP712Domain", "uint256", "Permit[]"])),
    st.sampled_from(["owner", "spender", "value", "nonce", "deadline"]),
)
def test_corrupted_permit_typed_data(section: str, value: Any, field: str) -> None:
    """A permit with one section or field replaced by junk: decoded or EvmDecodeError."""
    whole = permit_typed_data(STRANGER, MAX)
    whole[section] = value
    one_field = permit_typed_data(STRANGER, MAX)
    one_field["message"][field] = value
    for data in (whole, one_field):
        with contextlib.suppress(EvmDecodeError):
            decode_typed_data(json.dumps(data, default=str))


@FUZZ
@given(
    st.one_of(st.text(max_size=200), st.binary(max_size=200)),
    st.sampled_from(["eth_sign", "personal_sign", "eth_signTypedData_v4", "nonsense"]),
)
def test_random_messages(message: str | bytes, method: str) -> None:
    """Any message under any method: decoded or EvmDecodeError."""
    try:
        decoded = decode_message(message, method)
    except EvmDecodeError:
        return
    if decoded.blind_hash:  # eth_sign of 32 bytes, or 32 bytes that are not text
        assert decoded.message_text is None and decoded.data and len(decoded.data[0]) == 32
        assert method == "eth_sign" or decoded.tx_type == "personal_sign"
    elif decoded.kind == "message":
        blob = {"binary-message", "eip712-digest"} & set(decoded.notes)
        assert decoded.message_text is not None or blob


@FUZZ
@given(st.one_of(st.binary(max_size=300), st.text(max_size=300), _JSON))
def test_guard_always_returns_a_verdict(payload: Any) -> None:
    """Guard.check_transaction on junk returns a verdict; undecodable junk is never ALLOWed."""
    verdict = GUARD.check_transaction(payload, chain="evm")
    assert verdict.action in (Action.ALLOW, Action.FLAG, Action.BLOCK)
    if "tx.undecodable" in verdict.rule_ids:
        assert verdict.action is not Action.ALLOW
    assert "guard.stage_error" not in verdict.rule_ids


@pytest.mark.parametrize("depth", [50, 500])
def test_deep_rlp_nesting_is_refused(depth: int) -> None:
    """Deeply nested RLP lists (recursion bombs) are a decode error."""
    nested = b"\xc0"
    for _ in range(depth):
        n = len(nested)
        size = n.to_bytes((n.bit_length() + 7) // 8, "big")
        nested = (bytes([0xC0 + n]) if n <= 55 else bytes([0xF7 + len(size)]) + size) + nested
    with pytest.raises(EvmDecodeError):
        decode_evm(nested)
