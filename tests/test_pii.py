"""PII: SSN, cards, email, phone, IBAN, IP; never inside hex; policy modes incl. redact."""

from __future__ import annotations

import string
import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aiegis_guard import Action, Guard, Policy, Source
from aiegis_guard.config import parse_config
from aiegis_guard.normalize import normalize
from aiegis_guard.policy import Mode, PiiType
from aiegis_guard.scanners import ScanContext, Stage, pii

STAGES = (Stage("pii", pii.scan, decoded=False),)
GUARD = Guard(Policy(), stages=STAGES, classifier=False)
TX_HASH = "0x9e5e1e79c57f257def6a0e882d10863e2a98b034e6e0fdaccd7ff7b31312105d"  # a block hash


def _found(text: str) -> list[tuple[str, str]]:
    verdict = GUARD.check_text(text, source="tool_output")
    return [(f.rule_id, text[f.span[0] : f.span[1]]) for f in verdict.findings if f.span]


@pytest.mark.parametrize(
    ("text", "rule", "value"),
    [
        pytest.param("SSN: 536-32-3065.", "pii.ssn", "536-32-3065", id="ssn-dashed"),
        pytest.param("ssn 536 32 3065", "pii.ssn", "536 32 3065", id="ssn-spaced-with-context"),
        pytest.param("social security 536323065", "pii.ssn", "536323065", id="ssn-plain-ctx"),
        pytest.param("card 4111 1111 1111 1111 exp", "pii.card", "4111 1111 1111 1111",
                     id="visa-spaced"),
        pytest.param("4111-1111-1111-1111", "pii.card", "4111-1111-1111-1111", id="visa-dashed"),
        pytest.param("pay with 378282246310005", "pii.card", "378282246310005", id="amex-plain"),
        pytest.param("amex 3782 822463 10005", "pii.card", "3782 822463 10005", id="amex-4-6-5"),
        pytest.param("card number: 6011000990139424", "pii.card", "6011000990139424",
                     id="discover-with-context"),
        pytest.param("mail LarsWiik@jourrapide.com now", "pii.email", "LarsWiik@jourrapide.com",
                     id="email"),
        pytest.param("a.b+tag@sub.example.co.uk", "pii.email", "a.b+tag@sub.example.co.uk",
                     id="email-plus-subdomain"),
        pytest.param("call (555) 123-4567 today", "pii.phone", "(555) 123-4567", id="us-parens"),
        pytest.param("555-123-4567", "pii.phone", "555-123-4567", id="us-dashed"),
        pytest.param("438.812.1525", "pii.phone", "438.812.1525", id="us-dotted"),
        pytest.param("+44 20 7946 0958", "pii.phone", "+44 20 7946 0958", id="uk-international"),
        pytest.param("+14155552671", "pii.phone", "+14155552671", id="e164-plain"),
        pytest.param("call 612 345 678 Monday", "pii.phone", "612 345 678", id="es-mobile-day"),
        pytest.param("Callback: 415-555-0132 ASAP", "pii.phone", "415-555-0132", id="asap"),
        pytest.param("Reach the CFO on 212 555 0199 EXT 4.", "pii.phone", "212 555 0199 EXT 4",
                     id="spaced-ext"),
        pytest.param("Home phone 415 555 0132 $", "pii.phone", "415 555 0132", id="sign-after"),
        pytest.param("001-668-040-8670x1711", "pii.phone", "001-668-040-8670x1711", id="ext"),
        pytest.param("Phone: 467 3395", "pii.phone", "467 3395", id="local-with-context"),
        pytest.param("0393 1144137", "pii.phone", "0393 1144137", id="trunk-zero"),
        pytest.param("IBAN GB82WEST12345698765432.", "pii.iban", "GB82WEST12345698765432",
                     id="iban-compact"),
        pytest.param("DE89 3704 0044 0532 0130 00 thanks", "pii.iban",
                     "DE89 3704 0044 0532 0130 00", id="iban-grouped"),
        pytest.param("gb42nawi04454264788619", "pii.iban", "gb42nawi04454264788619",
                     id="iban-lower"),
        pytest.param("from 41.173.96.26:443", "pii.ip", "41.173.96.26", id="ipv4"),
        pytest.param("host 2001:db8::8a2e:370:7334 up", "pii.ip", "2001:db8::8a2e:370:7334",
                     id="ipv6-compressed"),
        pytest.param("4f8a:c99e:dc86:faf9:5988:5f63:375e:8a2a", "pii.ip",
                     "4f8a:c99e:dc86:faf9:5988:5f63:375e:8a2a", id="ipv6-full"),
    ],
)  # fmt: skip
def test_pii_is_found(text: str, rule: str, value: str) -> None:
    """Each value is reported under its pii.<type> rule with the exact span."""
    assert (rule, value) in _found(text)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(f'{{"blockHash": "{TX_HASH}"}}', id="hex-hash"),
        pytest.param("0x00000000000000000000000000000041111111111111111", id="digits-in-hex"),
        pytest.param("to 0x66b73c476b8155ad8c692939223ff7fa840e68e0", id="address"),
        pytest.param("included in block 19000000 at 1700000000", id="block-and-timestamp"),
        pytest.param('{"value": "1500000000000000000"}', id="wei-amount"),
        pytest.param('{"amount": "4523876123987654322"}', id="luhn-valid-amount"),
        pytest.param("balance 4111111111111111000000 lamports", id="long-amount"),
        pytest.param('{"gas": "21000", "gasPrice": "0x4a817c800"}', id="gas"),
        pytest.param("on 2024-01-15 12:30:45 UTC", id="datetime"),
        pytest.param("dated 15.01.2024", id="date-dotted"),
        pytest.param("version 1.2.3.4.5", id="version"),
        pytest.param("price 1234.5678", id="decimal"),
        pytest.param("total 1.234.567", id="thousands"),
        pytest.param("000-12-3456 and 666-12-3456", id="ssn-invalid-area"),
        pytest.param("123-45-6789", id="ssn-sample"),
        pytest.param("900-12-3456", id="ssn-9xx"),
        pytest.param("536-00-3065 and 536-32-0000", id="ssn-zero-groups"),
        pytest.param("Suite 680 36 4022", id="spaced-digits-no-ssn-context"),
        pytest.param("256.1.1.1", id="ip-out-of-range"),
        pytest.param("mac 00:1A:2B:3C:4D:5E", id="mac-address"),
        pytest.param("at 12:30:45", id="time"),
        pytest.param("std::vector<int>", id="cpp-scope"),
        pytest.param("GB82WEST12345698765433", id="iban-bad-checksum"),
        pytest.param("npm i @types/node", id="scoped-package"),
        pytest.param("[35, 62, 234, 210, 188, 149, 136, 153, 158]", id="int-array"),
        pytest.param("4111111111111112", id="card-bad-luhn"),
        pytest.param("id_4111111111111111", id="card-glued-to-identifier"),
        pytest.param("order 1234567890123", id="thirteen-digits-unknown-issuer"),
        pytest.param("1. 155 000 USDC to the auditor", id="list-number-then-amount"),
        pytest.param("un total de 1 250 000 € payés", id="spaced-thousands-euro"),
        pytest.param("2 500 000 tokens vested", id="spaced-thousands-tokens"),
        pytest.param("Timestamp: 3 mins ago (Dec-06-2026 08:12:47 AM UTC)", id="month-name-date"),
        pytest.param("Gas Limit & Usage by Txn: 55,558 | 48,013 (86.42%)", id="explorer-gas"),
    ],
)
def test_not_pii(text: str) -> None:
    """Hashes, addresses, amounts, dates, versions and invalid numbers are not PII."""
    assert _found(text) == []


@pytest.mark.parametrize(
    ("mode", "action", "redacted"),
    [
        pytest.param(Mode.FLAG, Action.FLAG, None, id="flag-default"),
        pytest.param(Mode.ALLOW, Action.ALLOW, None, id="allow"),
        pytest.param(Mode.BLOCK, Action.BLOCK, None, id="block"),
        pytest.param(Mode.REDACT, Action.ALLOW, "write to [REDACTED] or call me", id="redact"),
    ],
)
def test_policy_modes(mode: Mode, action: Action, redacted: str | None) -> None:
    """[pii] modes: flag, allow, block, and redact (masked pass-through text)."""
    guard = Guard(Policy(pii={PiiType.EMAIL: mode}), stages=STAGES, classifier=False)
    verdict = guard.check_text("write to LarsWiik@jourrapide.com or call me")
    assert verdict.action is action
    assert verdict.redacted_text == redacted


def test_redact_from_config_file_masks_every_type() -> None:
    """[pii] in aiegis.toml: redacted text hides each value, other text is untouched."""
    data = tomllib.loads('[pii]\nssn = "redact"\ncard = "redact"\nemail = "block"\n')
    guard = Guard(parse_config(data), stages=STAGES, classifier=False)
    verdict = guard.check_text("ssn 536-32-3065, card 4111 1111 1111 1111.")
    assert verdict.action is Action.ALLOW
    assert verdict.redacted_text == "ssn [REDACTED], card [REDACTED]."
    assert guard.check_text("a@b.co").action is Action.BLOCK


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("1 " * 200_000, id="spaced-digits"),
        pytest.param("1-" * 200_000, id="dashed-digits"),
        pytest.param("@" * 200_000, id="at-signs"),
        pytest.param("a@" * 100_000, id="email-fragments"),
        pytest.param(":" * 200_000, id="colons"),
        pytest.param("1:" * 200_000, id="ipv6-fragments"),
        pytest.param("GB82 " * 100_000, id="iban-heads"),
    ],
)
def test_adversarial_inputs_finish(text: str) -> None:
    """Pathological inputs return a verdict (bounded windows, no catastrophic backtracking)."""
    assert GUARD.check_text(text).action in (Action.ALLOW, Action.FLAG)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=string.digits + " -.()+@:abcxGB", max_size=200))
def test_any_text_yields_valid_spans(text: str) -> None:
    """Spans lie inside the text; no numeric PII value is glued to a letter or digit."""
    layer = normalize(text).layers[0]
    for f in pii.scan(layer, ScanContext(Source.TOOL_OUTPUT, Policy())):
        assert f.span is not None and 0 <= f.span[0] < f.span[1] <= len(text)
        if f.rule_id in ("pii.card", "pii.ssn"):
            before = text[f.span[0] - 1] if f.span[0] else " "
            assert not before.isalnum()


@pytest.mark.parametrize(
    ("source", "action"),
    [
        (Source.TOOL_INPUT, Action.FLAG),
        (Source.LLM_OUTPUT, Action.FLAG),
        (Source.PROMPT, Action.FLAG),
        (Source.TOOL_OUTPUT, Action.ALLOW),
        (Source.RETRIEVED, Action.ALLOW),
        (Source.MEMORY, Action.ALLOW),
    ],
)
def test_personal_data_flags_where_it_is_sent_not_where_it_is_read(
    source: Source, action: Action
) -> None:
    """An inbox the agent reads is no leak; the same address in what it sends is flagged. The
    finding is there either way, and a configured mode applies to every source."""
    text = "Ticket from jane.doe@example.org about her card 4111 1111 1111 1111."
    verdict = Guard(Policy(), classifier=False).check_text(text, source=source)
    assert {"pii.email", "pii.card"} <= set(verdict.rule_ids)
    assert verdict.action is action
    strict = Guard(Policy(pii={"card": "block"}), classifier=False).check_text(text, source=source)
    assert strict.action is Action.BLOCK


@pytest.mark.parametrize(
    "text",
    [
        "Customer record: Jane Roe, Tel-555-867-5309, wants a refund.",
        "Customer record: Jane Roe, Mobile-07700 900123, wants a refund.",
        "Customer: Jane Roe | phone 1/555-867-5309 | refund",
        "Customer: Jane Roe, phone 555-867-5309:12, refund",
    ],
)
def test_a_phone_glued_to_its_label_is_still_a_phone(text: str) -> None:
    """A label or prefix glued to the number ("Tel-", "1/", ":12") is no longer token (review19
    F3): only a number's tail, a month-name date or a percentage is."""
    assert any(rule == "pii.phone" for rule, _value in _found(text))
