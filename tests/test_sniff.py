"""The one payload sniffer (chains/sniff.py): chain routing and the kind of a mapping."""

from __future__ import annotations

from typing import Any

import pytest

from aiegis_guard.callbacks.walk import walk
from aiegis_guard.chains.sniff import detect_chain, mapping_kind
from aiegis_guard.chains.transaction import PayloadKind
from aiegis_guard.errors import DecodeError
from aiegis_guard.findings import Chain

TO = "0x" + "22" * 20
TYPED = {"types": {}, "primaryType": "Permit", "message": {}, "domain": {}}


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        pytest.param(TYPED, PayloadKind.TYPED_DATA, id="typed-data"),
        pytest.param({"to": TO, "data": "0x"}, PayloadKind.TRANSACTION, id="calldata"),
        pytest.param({"to": TO, "value": 1, "gas": 21000}, PayloadKind.TRANSACTION, id="tx-fields"),
        pytest.param({"input": "0xa9059cbb"}, PayloadKind.TRANSACTION, id="input-only"),
        pytest.param({"to": TO, "value": 1}, None, id="to-and-value-is-not-enough"),
        pytest.param({"types": {}, "message": {}}, None, id="typed-data-without-primary-type"),
        pytest.param({"name": "alice"}, None, id="plain-mapping"),
    ],
)
def test_mapping_kind(value: dict[str, Any], kind: PayloadKind | None) -> None:
    """A mapping is typed data, an EVM transaction, or neither."""
    assert mapping_kind(value) is kind


@pytest.mark.parametrize(
    ("payload", "chain"),
    [
        pytest.param({"to": TO}, Chain.EVM, id="evm-dict"),
        pytest.param({"domain": {}}, Chain.EVM, id="typed-data-dict"),
        pytest.param({"instructions": []}, Chain.SOLANA, id="solana-dict"),
        pytest.param("0xdeadbeef", Chain.EVM, id="hex-string"),
        pytest.param("AQABAg==", Chain.SOLANA, id="base64-string"),
        pytest.param(b"\x02\xf8", Chain.EVM, id="raw-bytes"),
    ],
)
def test_detect_chain(payload: Any, chain: Chain) -> None:
    """Each payload shape routes to its chain's decoder."""
    assert detect_chain(payload) is chain


@pytest.mark.parametrize("payload", [{"name": "x"}, 42, None], ids=["mapping", "int", "none"])
def test_detect_chain_refuses(payload: Any) -> None:
    """A payload of no chain is a DecodeError, never a guess."""
    with pytest.raises(DecodeError):
        detect_chain(payload)


def test_tool_payloads_carry_the_enum() -> None:
    """Payloads found in tool arguments are typed by PayloadKind, not bare strings."""
    found = walk({"tx": {"to": TO, "value": 1}, "order": TYPED}).payloads
    assert sorted(p.kind for p in found) == [PayloadKind.TRANSACTION, PayloadKind.TYPED_DATA]
