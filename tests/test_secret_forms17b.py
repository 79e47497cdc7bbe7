"""review17b's secret-scanner findings as form classes (tests/vectors/secret_forms17b.json): a
private key named as one and written as a file's name (B0), credentials padded with filler,
behind another provider's prefix or of a kind no provider rule knows (B5), other chains' public
addresses and paging / idempotency tokens under a ``…Token`` name (B7); each with the near
twins (digests in paths, templates, secrets of the same chains) on the other side."""

from __future__ import annotations

import json

from aiegis_guard.scanners.public_values import public_chain_value
from tests.conftest import VECTORS

FORMS = json.loads((VECTORS / "secret_forms17b.json").read_text(encoding="utf-8"))


def test_public_value_needs_its_checksum() -> None:
    """A public form is read by its own checksum: one changed character is no address."""
    tron = next(c for c in FORMS["cases"] if c["id"] == "public-token:tron")
    value = json.loads(tron["text"])["usdtToken"]
    assert public_chain_value(value) == "public:base58check-address"
    flipped = value[:-1] + ("2" if value[-1] != "2" else "3")
    assert public_chain_value(flipped) is None
