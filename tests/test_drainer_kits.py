"""Requests exactly as public drainer kits build them (``vectors/drainer_kits.json``, built by
``vectors/make_drainer_kits.py`` with every kit's repository + path in its rows): each drainer
shape gets the policy's verdict (BLOCK where it says BLOCK, never ALLOW) and its legitimate
twin (the same request to an allowlisted counterparty or the own account) is ALLOWed, except
where the shape shows nothing whatever it names (a bare digest, an instruction with no data).

Also Permit2 grants by structure (``chains/evm/permit_shapes.permit2_structure``): a kit's
``PermitBatch`` with a field of its own or another type name is the same grant as Permit2's
(Uniswap/permit2 ``src/libraries/PermitHash.sol``).
"""

from __future__ import annotations

import copy
import importlib.util
import json
from typing import Any

import pytest

from aiegis_guard import Action, Guard
from aiegis_guard.chains.dispatch import decode_typed
from aiegis_guard.chains.transaction import Approval
from aiegis_guard.evaluation.effects import judge_row, row_policy
from aiegis_guard.policy import Policy
from tests.conftest import VECTORS
from tests.evm_builders import FRIEND, OWN, STRANGER, permit2_batch, permit2_single

ROWS: list[dict[str, Any]] = json.loads((VECTORS / "drainer_kits.json").read_text("utf-8"))[
    "entries"
]
MAX160 = 2**160 - 1


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_kit_row(row: dict[str, Any]) -> None:
    """Every kit-built request (and its twin) gets the verdict its row names."""
    verdict = judge_row(Guard(row_policy(row), classifier=False), row)
    assert verdict.action.value == row["expected_verdict"], verdict.findings


def test_table_names_its_sources_and_pairs_every_drainer() -> None:
    """Each row names its kit's repository + path; each drainer shape has a twin."""
    assert all("/" in r["source"] and r["kit"] and r["why"] for r in ROWS)
    drains = {r["family"] for r in ROWS if r["kind"] == "drainer"}
    twins = {r["family"] for r in ROWS if r["kind"] == "legitimate"}
    assert drains and drains == twins
    assert all(r["expected_verdict"] != "allow" for r in ROWS if r["kind"] == "drainer")


def test_table_is_what_the_generator_writes() -> None:
    """The JSON is ``make_drainer_kits.py``'s output (no hand edits the source does not explain)."""
    spec = importlib.util.spec_from_file_location("kits", VECTORS / "make_drainer_kits.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.render() == (VECTORS / "drainer_kits.json").read_text("utf-8")


def _with_owner(payload: dict[str, Any], primary: str) -> dict[str, Any]:
    """The kit's variant: an ``owner`` field put first in the primary type."""
    out = copy.deepcopy(payload)
    out["types"][primary] = [{"name": "owner", "type": "address"}, *out["types"][primary]]
    out["message"]["owner"] = OWN
    return out


def _renamed(payload: dict[str, Any], primary: str, name: str) -> dict[str, Any]:
    out = copy.deepcopy(payload)
    out["types"][name] = out["types"].pop(primary)
    out["primaryType"] = name
    return out


GUARD = Guard(Policy.model_validate({"wallet": {"evm": [OWN]},
                                     "allowlist": {"evm_spenders": [FRIEND]}}),
              classifier=False)  # fmt: skip


@pytest.mark.parametrize(
    ("payload", "action"),
    [
        pytest.param(_with_owner(permit2_batch(STRANGER, [MAX160] * 3), "PermitBatch"),
                     Action.BLOCK, id="batch-with-owner-unlimited-stranger"),
        pytest.param(_with_owner(permit2_batch(FRIEND, [MAX160] * 3), "PermitBatch"),
                     Action.ALLOW, id="batch-with-owner-allowlisted"),
        pytest.param(_renamed(permit2_single(STRANGER, MAX160), "PermitSingle", "Verify"),
                     Action.BLOCK, id="single-renamed-unlimited-stranger"),
        pytest.param(_renamed(permit2_single(FRIEND, MAX160), "PermitSingle", "Verify"),
                     Action.ALLOW, id="single-renamed-allowlisted"),
        pytest.param(_with_owner(permit2_single(STRANGER, 10**6), "PermitSingle"),
                     Action.BLOCK, id="single-bounded-far-expiry-stranger"),
    ],
)  # fmt: skip
def test_permit2_grant_by_structure(payload: dict[str, Any], action: Action) -> None:
    """A Permit2 grant with an extra field or another type name is judged as Permit2's."""
    assert GUARD.check_typed_data(payload).action is action


def test_permit2_structure_reads_every_token() -> None:
    """Each ``details`` entry is one allowance of its token to the spender, noted as read by
    structure."""
    payload = _with_owner(permit2_batch(STRANGER, [5, 6]), "PermitBatch")
    decoded = decode_typed(payload)
    grants = [op for op in decoded.operations if isinstance(op, Approval)]
    assert [(g.amount, g.spender.lower()) for g in grants] == [(5, STRANGER), (6, STRANGER)]
    assert "eip712:permit2-structure" in decoded.notes


def _drop_detail_field(field: str) -> dict[str, Any]:
    payload = _with_owner(permit2_batch(STRANGER, [MAX160]), "PermitBatch")
    payload["types"]["PermitDetails"] = [
        f for f in payload["types"]["PermitDetails"] if f["name"] != field
    ]
    for d in payload["message"]["details"]:
        d.pop(field)
    return payload


@pytest.mark.parametrize("field", ["token", "amount", "expiration"])
def test_incomplete_details_stay_unknown(field: str) -> None:
    """Without a token, an amount or an expiration the message is no Permit2 grant: it stays
    an unknown typed message (FLAG), never an ALLOW."""
    verdict = GUARD.check_typed_data(_drop_detail_field(field))
    assert verdict.action is Action.FLAG
    assert "tx.evm.unknown_typed_data" in {f.rule_id for f in verdict.findings}


def _stranger_shaped(
    payload: dict[str, Any], primary: str, field: str, verifying: str | None
) -> dict[str, Any]:
    """A Permit2-looking message with an address field of its own, under another contract's
    domain when ``verifying`` is given."""
    out = copy.deepcopy(payload)
    out["types"][primary] = [*out["types"][primary], {"name": field, "type": "address"}]
    out["message"][field] = STRANGER
    if verifying is not None:
        out["domain"]["verifyingContract"] = verifying
    return out


@pytest.mark.parametrize("field", ["recipient", "operator"])
@pytest.mark.parametrize("verifying", [None, STRANGER, FRIEND])
def test_permit2_shape_for_another_contract_stays_unknown(
    field: str, verifying: str | None
) -> None:
    """Review17b B6: Permit2's structure with a field of its own naming someone, or under a
    contract that is not Permit2, is no Permit2 grant: FLAG unknown, never ALLOW."""
    payload = _stranger_shaped(permit2_single(FRIEND, 10**6), "PermitSingle", field, verifying)
    verdict = GUARD.check_typed_data(payload)
    assert verdict.action is Action.FLAG
    assert "tx.evm.unknown_typed_data" in {f.rule_id for f in verdict.findings}


@pytest.mark.parametrize("verifying", [STRANGER, FRIEND])
def test_kit_permit2_batch_off_permit2_domain_is_unknown(verifying: str) -> None:
    """The kit's own-owner batch is Permit2's grant only under Permit2's domain; the same
    message for another contract (even an allowlisted one) stays unknown."""
    payload = _with_owner(permit2_batch(FRIEND, [MAX160]), "PermitBatch")
    payload["domain"]["verifyingContract"] = verifying
    assert "eip712:permit2-structure" not in decode_typed(payload).notes
    assert GUARD.check_typed_data(payload).action is Action.FLAG


def test_kit_owner_field_must_be_an_address() -> None:
    """An ``owner`` of another type is a field Permit2 does not read: unknown."""
    payload = _with_owner(permit2_single(FRIEND, 10**6), "PermitSingle")
    payload["types"]["PermitSingle"][0]["type"] = "bytes32"
    payload["message"]["owner"] = "0x" + "11" * 32
    assert GUARD.check_typed_data(payload).action is Action.FLAG
