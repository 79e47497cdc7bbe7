"""Property tests for the bridge / receiver / V4-position decoders: whatever follows their
selectors (random bytes, or a valid call with bytes changed), decoding returns or raises
``EvmDecodeError`` and the guard returns a verdict."""

from __future__ import annotations

import importlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aiegis_guard import Guard
from aiegis_guard.chains.evm.decode import decode_evm
from aiegis_guard.chains.transaction import DecodedTransaction
from aiegis_guard.checksums import keccak256
from aiegis_guard.errors import EvmDecodeError
from aiegis_guard.findings import Action
from aiegis_guard.policy import Policy
from tests.receiver_builders import OWN, STRANGER, own_tx, word
from tests.test_evm_bridges import across, oft
from tests.test_evm_crosschain import burn as cctp_burn
from tests.test_evm_crosschain import burn_message, burn_v2, swap_eth
from tests.test_evm_receivers import compact, gmx, kyber, pendle_buy_pt, solidly
from tests.test_evm_v4_positions import burn
from tests.test_zeroex_orders import fill_limit

pytestmark = pytest.mark.slow

FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_MODULES = (
    "bridges", "solidly", "pendle", "perps", "nft_pools", "v4_positions", "odos", "crosschain",
    "staking", "zeroex",
)  # fmt: skip
SELECTORS = sorted(
    {
        keccak256(sig.encode())[:4]
        for name in _MODULES
        for sig, _ in importlib.import_module(f"aiegis_guard.chains.evm.protocols.{name}").TABLE
    }
)
VALID = [
    across(STRANGER),
    oft(word(OWN)),
    solidly(OWN),
    kyber(OWN),
    pendle_buy_pt(OWN),
    gmx(OWN, 2),
    compact(b"\x00\x00"),
    bytes.fromhex(burn(OWN)["data"][2:]),
    cctp_burn(word(OWN)),
    burn_v2(word(STRANGER)),
    swap_eth(bytes.fromhex(OWN[2:])),
    burn_message(word(OWN), 10**9),
    fill_limit(10**18, 10**9, 10**9, 10**6, STRANGER),
]
GUARD = Guard(Policy.model_validate({"wallet": {"evm": [OWN]}}), classifier=False)
TARGET = "0x" + "ab" * 20


def _decodes_or_refuses(data: bytes) -> None:
    payload = own_tx(TARGET, data)
    try:
        assert isinstance(decode_evm(payload), DecodedTransaction)
    except EvmDecodeError:
        assert GUARD.check_transaction(payload, chain="evm").action is not Action.ALLOW


@FUZZ
@given(selector=st.sampled_from(SELECTORS), tail=st.binary(max_size=600))
def test_random_arguments(selector: bytes, tail: bytes) -> None:
    """Random bytes after a decoded selector: a decoded transaction or the typed error."""
    _decodes_or_refuses(selector + tail)


@FUZZ
@given(
    base=st.sampled_from(VALID),
    at=st.integers(min_value=4, max_value=2_000),
    value=st.integers(min_value=0, max_value=255),
    cut=st.integers(min_value=0, max_value=64),
)
def test_mutated_valid_calls(base: bytes, at: int, value: int, cut: int) -> None:
    """A valid call with one byte changed and its tail cut: decoded or refused, never a crash."""
    data = bytearray(base)
    data[at % len(data)] = value
    _decodes_or_refuses(bytes(data[: len(data) - cut]))
