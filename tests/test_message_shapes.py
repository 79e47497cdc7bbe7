"""Messages in the shapes drainer kits abuse (``tests/vectors/message_shapes.json``, sources per
row): a transaction or typed data signed as a message is judged by its effects, blind digests
are blocked, EIP-4361 sign-ins are parsed and checked; bad input is a FLAG, never a crash."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from eth_account import Account
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aiegis_guard import Guard
from aiegis_guard.chains.dispatch import decode_signable_message
from aiegis_guard.chains.siwe import parse_siwe
from aiegis_guard.errors import DecodeError
from aiegis_guard.findings import Action, Chain
from aiegis_guard.policy import Policy
from aiegis_guard.verdict import Verdict

TABLE = Path(__file__).parent / "vectors" / "message_shapes.json"
ROWS = json.loads(TABLE.read_text(encoding="utf-8"))["entries"]
_INFO_RULES = {
    "tx.evm.transaction_as_message",
    "tx.evm.typed_data_as_message",
    "tx.sol.transaction_as_message",
}


def _guard(row: dict[str, Any]) -> Guard:
    chain = "solana" if row["chain"] == "solana" else "evm"
    policy = Policy.model_validate({"wallet": {chain: [row["own"]]}, "allowlist": row["allowlist"]})
    return Guard(policy, classifier=False)


def _message(row: dict[str, Any]) -> str | bytes:
    return bytes.fromhex(row["message"]) if row["encoding"] == "bytes" else row["message"]


def _judge(row: dict[str, Any]) -> tuple[Guard, Verdict]:
    guard = _guard(row)
    verdict = guard.check_message(_message(row), method=row["method"], chain_id=row["chain_id"])
    return guard, verdict


def _effect_keys(verdict: Verdict) -> list[tuple[Any, ...]]:
    keys = ("kind", "account", "asset", "amount", "unlimited", "token_ids", "counterparty", "what")
    return sorted((tuple(str(e[k]) for k in keys) for e in verdict.effects), key=str)


@pytest.mark.parametrize("row", [pytest.param(r, id=r["id"]) for r in ROWS])
def test_message_shape_verdict_rules_and_effects(row: dict[str, Any]) -> None:
    """Each row gets its expected verdict, rule ids and effect lines."""
    _, verdict = _judge(row)
    assert verdict.action is Action(row["expected_verdict"]), verdict.explain()
    assert set(row["expected_rules"]) <= set(verdict.rule_ids), verdict.explain()
    for words in row["expected_effects"]:
        assert any(words in line for line in verdict.effect_lines), (words, verdict.explain())
    assert verdict.effects or not row["expected_effects"]


_TWINS = [pytest.param(r, id=r["id"]) for r in ROWS if r["twin"]]


@pytest.mark.parametrize("row", _TWINS)
def test_same_request_same_verdict_whatever_carries_it(row: dict[str, Any]) -> None:
    """A transaction / typed data signed as a message gets the verdict, the effects and the
    rule ids (the informational ``*_as_message`` aside) that it gets on its own."""
    guard, verdict = _judge(row)
    twin = row["twin"]
    chain = "solana" if row["chain"] == "solana" else "evm"
    if twin["via"] == "check_typed_data":
        alone = guard.check_typed_data(twin["payload"])
    else:
        alone = guard.check_transaction(twin["payload"], chain=chain)
    assert verdict.action is alone.action, (verdict.explain(), alone.explain())
    assert _effect_keys(verdict) == _effect_keys(alone)
    carried = set(verdict.rule_ids) - _INFO_RULES
    assert carried == set(alone.rule_ids), (verdict.explain(), alone.explain())
    assert set(verdict.rule_ids) & _INFO_RULES, verdict.explain()


def test_table_is_built_from_named_sources() -> None:
    """Every row names its source; the table covers drainers, legitimate requests and near
    misses on both chains."""
    assert all(len(r["source"]) > 20 for r in ROWS)
    assert {r["kind"] for r in ROWS} >= {"drainer", "legitimate", "near-miss", "bad-input"}
    assert {r["chain"] for r in ROWS} == {"evm", "solana"}


# --- the EIP-4361 parser ------------------------------------------------------------------------

_ADDR = "0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946"
_SOL = "DMqaVjQ1XqvKMGBMCDanNLS7pxBtc8LLcpvEtmLnya8h"
_SPEC = (
    "service.org wants you to sign in with your Ethereum account:\n"
    f"{_ADDR}\n\nI accept the ServiceOrg Terms of Service: https://service.org/tos\n\n"
    "URI: https://service.org/login\nVersion: 1\nChain ID: 1\nNonce: 32891756\n"
    "Issued At: 2021-09-30T16:25:24Z\nExpiration Time: 2021-10-01T16:25:24Z\n"
    "Resources:\n- ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/\n"
    "- https://example.com/my-web2-claim.json"
)
_PARSES = [
    pytest.param(
        _SPEC,
        ("service.org", _ADDR, "https://service.org/login", 1, "32891756", 2, 1633105524),
        id="spec-example",
    ),
    pytest.param(
        _SPEC.replace("service.org wants", "https://localhost:4361 wants").replace("\n", "\r\n"),
        ("localhost:4361", _ADDR, "https://service.org/login", 1, "32891756", 2, 1633105524),
        id="scheme-port-crlf",
    ),
    pytest.param(
        _SPEC.replace(_ADDR, "not-an-address"),
        ("service.org", "", "https://service.org/login", 1, "32891756", 2, 1633105524),
        id="bad-address-kept-empty",
    ),
    pytest.param(_SPEC.replace("Ethereum account", "Solana account"), None, id="not-ethereum"),
    pytest.param(
        _SPEC.replace("Ethereum account", "Solana account").replace(_ADDR, _SOL),
        ("service.org", _SOL, "https://service.org/login", 1, "32891756", 2, 1633105524),
        id="siws",
    ),
    pytest.param("Sign in to example.org\nNonce: 42", None, id="plain-login-text"),
    pytest.param("", None, id="empty"),
]


@pytest.mark.parametrize(("text", "fields"), _PARSES)
def test_siwe_parser_reads_every_field(text: str, fields: tuple[Any, ...] | None) -> None:
    """Domain, address, URI, chain id, nonce, resources and expiry are read (SIWE, and SIWS
    when it names a Solana account); other text is not a sign-in."""
    op = parse_siwe(text, Chain.SOLANA if _SOL in text else Chain.EVM)
    if fields is None:
        assert op is None
        return
    assert op is not None
    got = (op.domain, op.address, op.uri, op.chain_id, op.nonce, len(op.resources), op.expiry)
    assert got == fields


# --- bad input ------------------------------------------------------------------------------------

_OWN = Account.create().address
_BAD = [
    pytest.param(b"\xff\xfe\x80" * 30, "personal_sign", Action.FLAG, id="non-utf8-bytes"),
    pytest.param("0x02f8", "personal_sign", Action.FLAG, id="typed-tx-header-only"),
    pytest.param("0xf8ffffff", "eth_sign", Action.FLAG, id="rlp-length-past-end"),
    pytest.param(
        '{"types": {"Permit": []}, "primaryType": 7}',
        "personal_sign",
        Action.FLAG,
        id="broken-typed-data-json",
    ),
    pytest.param('{"to": "0xnot", "value": "0x1"}', "eth_sign", Action.FLAG, id="broken-tx-json"),
    pytest.param("[" * 5000 + "]" * 5000, "personal_sign", Action.ALLOW, id="deep-nesting-text"),
    pytest.param(
        '{"to": "Alice", "data": "see you at 5"}',
        "personal_sign",
        Action.ALLOW,
        id="json-note-is-not-a-transaction",
    ),
    pytest.param(
        '{"spender": "0x' + "33" * 20 + '", "value": "lots"}',
        "personal_sign",
        Action.BLOCK,
        id="permit-unreadable-amount-is-unlimited",
    ),
    pytest.param(b"\x80" + bytes(200), "solana_signMessage", Action.FLAG, id="sol-v0-garbage"),
]


@pytest.mark.parametrize(("message", "method", "action"), _BAD)
def test_bad_message_input_is_judged_never_a_crash(
    message: str | bytes, method: str, action: Action
) -> None:
    """Truncated RLP, broken JSON, non-UTF-8 and garbage get a verdict (FLAG where a value
    move cannot be ruled out), never an exception."""
    guard = Guard(Policy.model_validate({"wallet": {"evm": [_OWN]}}), classifier=False)
    verdict = guard.check_message(message, method=method)
    assert verdict.action is action, verdict.explain()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("message", "method"),
    [
        pytest.param(b"\x02" * (10 << 20), "personal_sign", id="evm-10mb-bytes"),
        pytest.param("0x" + "02" * (10 << 20), "eth_sign", id="evm-10mb-hex"),
        pytest.param(b"\x80" * (10 << 20), "solana_signMessage", id="sol-10mb-bytes"),
        pytest.param("A" * (10 << 20), "solana_signMessage", id="sol-10mb-text"),
    ],
)
def test_ten_megabyte_message_is_undecodable_flag(message: str | bytes, method: str) -> None:
    """A 10 MB message is refused as undecodable (FLAG), not parsed or scanned."""
    verdict = Guard(classifier=False).check_message(message, method=method)
    assert verdict.action is Action.FLAG
    assert "tx.undecodable" in verdict.rule_ids


@pytest.mark.parametrize("chain_id", [pytest.param("1", id="str"), pytest.param(True, id="bool")])
def test_chain_id_must_be_an_int(chain_id: Any) -> None:
    """A wrong ``chain_id`` type is a caller error (TypeError), not a silent pass."""
    with pytest.raises(TypeError):
        Guard(classifier=False).check_message("hello", chain_id=chain_id)


# --- property: any mix of the shapes' parts decodes or fails typed ------------------------------

_PARTS = [
    "service.org wants you to sign in with your Ethereum account:\n",
    _ADDR,
    "\nURI: https://service.org\nChain ID: 1\nResources:\n- urn:recap:eyJhdHQiOnt9fQ\n",
    '{"types": {"Permit": []}, "primaryType": "Permit", "message": {}}',
    '{"spender": "0x' + "33" * 20 + '", "value": "max"}',
    "spender: 0x" + "44" * 20 + "\nvalue: 12\n",
    '{"to": "0x' + "55" * 20 + '", "value": "0x10"}',
    "0x1901",
    "02f8",
    "\x00\xff{}[]:=\n",
]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.one_of(st.sampled_from(_PARTS), st.text(max_size=20)), max_size=8),
    st.sampled_from(["personal_sign", "eth_sign", "solana_signMessage"]),
)
def test_mixed_shapes_decode_or_fail_typed(parts: list[str], method: str) -> None:
    """Fragments of every shape, mixed: a decoded request or the chain's DecodeError."""
    message = "".join(parts)
    try:
        decoded = decode_signable_message(message, method)
    except DecodeError:
        return
    assert decoded.chain.value == ("solana" if method.startswith("solana") else "evm")


# --- the own secrets inside a carried request ---------------------------------------------------

_ACCOUNT = Account.from_key(bytes(range(1, 33)))  # generated, never funded
_KEY = _ACCOUNT.key.hex().removeprefix("0x")
_PERMIT_LINES = "owner: {own}\nspender: 0x" + "33" * 20 + "\nvalue: 5\ndeadline: 1893456000\n"
_TYPED = json.loads(next(r["message"] for r in ROWS if r["id"] == "typed-json-permit2-router"))
_CARRIERS = [
    pytest.param(_PERMIT_LINES + "\n" * 70 + "backup: 0x{key}", id="permit-lines-key-far-below"),
    pytest.param(
        "verify with 0x{key}\n" + json.dumps(_TYPED).replace("{", "{{").replace("}", "}}"),
        id="typed-json-key-around",
    ),
    pytest.param(
        '{{"to": "0x' + "44" * 20 + '", "value": "0x1"}}\nmy key 0x{key}', id="tx-json-key-around"
    ),
]


@pytest.mark.parametrize("template", _CARRIERS)
def test_own_key_in_a_carried_request_is_blocked_and_masked(template: str) -> None:
    """A key in the text around or below a carried request is found (BLOCK) and never shown."""
    guard = Guard(Policy.model_validate({"wallet": {"evm": [_ACCOUNT.address]}}), classifier=False)
    message = template.format(own=_ACCOUNT.address, key=_KEY)
    verdict = guard.check_message(message, method="personal_sign")
    assert verdict.action is Action.BLOCK, verdict.explain()
    assert any(r.startswith("secret.") for r in verdict.rule_ids), verdict.explain()
    assert _KEY not in verdict.to_json() and _KEY not in repr(verdict)
