"""Key bytes and phrases in other notations (issue 13, dev7): a SeedQR digit stream, a
``Uint8Array`` as an index-keyed object, a protobuf-text escaped ``bytes`` field, an HxD copy
under its column header, a byte array whose line breaks are escaped in a JSON string; and the
same notations holding no secret."""

from __future__ import annotations

import json

import pytest
from mnemonic import Mnemonic

from aiegis_guard import Action, Guard, Policy
from aiegis_guard.scanners import Stage, wallet_keys
from tests.vectors.keygen import KeyGen, bad

GUARD = Guard(Policy(), stages=(Stage("wallet_keys", wallet_keys.scan),), classifier=False)
_GEN = KeyGen(1340)  # generated, never funded
KEY = bytes.fromhex(_GEN.key())
PAIR = _GEN.solana()
PHRASE = _GEN.phrase(12)
PHRASE24 = _GEN.phrase(24)
_INDEX = {w: i for i, w in enumerate(Mnemonic("english").wordlist)}


def _seedqr(words: list[str]) -> str:
    return "".join(f"{_INDEX[w]:04d}" for w in words)


def _octal(raw: bytes) -> str:
    """Bytes as Go's prototext writes them: printable ASCII as is, the rest as octal."""
    return "".join(chr(b) if 32 <= b < 127 and chr(b) not in '"\\' else f"\\{b:03o}" for b in raw)


def _indexed(raw: bytes) -> str:
    return json.dumps({str(i): b for i, b in enumerate(raw)}, separators=(",", ":"))


def _hxd(raw: bytes, name: str) -> str:
    head = "Offset(h) " + " ".join(f"{i:02X}" for i in range(16))
    rows = [f"{o:08X}  " + " ".join(f"{b:02X}" for b in raw[o : o + 16]) for o in (0, 16)]
    return f"copied from HxD ({name}, 32 bytes):\n{head}\n\n" + "\n".join(rows)


def _escaped_array(raw: bytes) -> str:
    lines = [",".join(map(str, raw[i : i + 16])) for i in range(0, 64, 16)]
    return json.dumps({"data": {"payer.material": "[" + ",\n".join(lines) + "]"}})


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        pytest.param(f"Scanned QR -> text:\n{_seedqr(PHRASE)}\n", "bip39_mnemonic", id="seedqr-12"),
        pytest.param(_seedqr(PHRASE24), "bip39_mnemonic", id="seedqr-24"),
        pytest.param(f'{{"secretKey":{_indexed(PAIR)}}}', "solana_keypair", id="indexed-object"),
        pytest.param(
            f'signer:{{material:{{raw:"{_octal(KEY)}" encoding:RAW_32}}}}',
            "evm_private_key",
            id="prototext-octal",
        ),
        pytest.param(f'keypair: "{_octal(PAIR)}"', "solana_keypair", id="prototext-keypair"),
        pytest.param(_hxd(KEY, "signer.bin"), "evm_private_key", id="hxd-under-header"),
        pytest.param(_escaped_array(PAIR), "solana_keypair", id="array-escaped-breaks"),
    ],
)
def test_notation_is_blocked(text: str, rule: str) -> None:
    """The secret is found in its notation and blocked."""
    verdict = GUARD.check_text(text)
    assert verdict.action is Action.BLOCK, verdict.explain()
    assert f"secret.{rule}" in verdict.rule_ids


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(_seedqr(bad(PHRASE)), id="seedqr-bad-checksum"),
        pytest.param("order 1234567890" * 3 + "12345678", id="digits-48-not-indices"),
        pytest.param("id" + _seedqr(PHRASE), id="seedqr-inside-a-token"),
        pytest.param(_indexed(PAIR[:32] + bytes(32)), id="indexed-not-a-pair"),
        pytest.param(f'signer:{{public_key:{{raw:"{_octal(KEY)}"}}}}', id="prototext-public-key"),
        pytest.param(f'blob:"{_octal(KEY)}"', id="prototext-unnamed"),
        pytest.param(_hxd(KEY, "logo.png"), id="hxd-other-file"),
        pytest.param(_escaped_array(PAIR[:32] + bytes(32)), id="array-not-a-pair"),
    ],
)
def test_notation_without_secret_is_not_blocked(text: str) -> None:
    """The same notations without a secret (bad checksum, not a pair, not named) pass."""
    assert GUARD.check_text(text).action is not Action.BLOCK


# review12 F1: a literal whose octal escapes can be split three ways (\111 = \1 + "11" | \11 +
# "1" | \111) and that never closes, or closes after more than 64 bytes, made the escaped-string
# pattern backtrack exponentially (17 escapes: 29 s). Sizes below would take years if
# exponential and hours if quadratic; each is one linear pass.
_FULL = Guard(Policy(), classifier=False)
_ADVERSARIAL = {
    "unclosed-octal-escapes": 'log: "' + "\\111" * 60 + "\n",
    "unclosed-octal-1mb": 'log: "' + "\\111" * 250_000,
    "long-bytes-field": 'sig: "' + "\\310\\001\\377" * 40 + "abc" * 100 + '"\n',
    "escaped-quotes-1mb": '"' + '\\"' * 500_000,
    "unclosed-lines-1mb": '"\\111\\222\\333\\001\\002abc\n' * 40_000,
    "bad-escape-1mb": '"\\310\\q' * 125_000,
    "quotes-mixed-1mb": "\"'\\\"\\'" * 160_000,
    # review18b: a run of backslashes with no n / r / t after it, between seed words or after a
    # key label (the escaped-break readings tried it from each backslash: 64 K took 22 s)
    "backslash-run-between-words": "abandon ability able about\\" + "\\" * 262_144 + "n absorb",
    "backslash-run-after-a-key": "private key: 0x" + "ab12" * 8 + "\\" * 262_144 + "n" + "cd34" * 8,
}


@pytest.mark.slow
@pytest.mark.parametrize("text", list(_ADVERSARIAL.values()), ids=list(_ADVERSARIAL))
def test_escaped_adversarial_input_finishes(text: str) -> None:
    """Each finishes (one linear pass) and holds no secret."""
    verdict = _FULL.check_text(text, source="tool_output")
    assert verdict.action is Action.ALLOW, verdict.explain()


@pytest.mark.parametrize(
    "junk",
    [
        pytest.param('log: "' + "\\111" * 60 + "\n", id="after-an-unclosed-literal"),
        pytest.param('sig: "' + "\\310" * 100 + '"\n', id="after-a-long-literal"),
        pytest.param('note: \\"quoted\\" ', id="after-escaped-quotes"),
    ],
)
def test_escaped_key_after_junk_is_blocked(junk: str) -> None:
    """A key literal after a literal that fails is still read."""
    text = junk + f'signer:{{material:{{raw:"{_octal(KEY)}" encoding:RAW_32}}}}'
    verdict = GUARD.check_text(text)
    assert verdict.action is Action.BLOCK, verdict.explain()
    assert "secret.evm_private_key" in verdict.rule_ids


def test_escaped_literal_over_64_bytes_is_not_read() -> None:
    """A closed literal of more than 64 bytes is no key (its first 32 bytes neither)."""
    text = f'signer:{{material:{{raw:"{_octal(KEY + KEY + KEY)}"}}}}'
    assert GUARD.check_text(text).action is Action.ALLOW


def _passing(streams: list[str]) -> list[str]:
    """Streams that pass the SeedQR test without the structure check (indices and checksum)."""
    english = Mnemonic("english")  # one instance: each reads the word list from disk
    out = []
    for digits in streams:
        indices = [int(digits[i : i + 4]) for i in range(0, len(digits), 4)]
        if (
            max(indices) < 2048
            and len(set(indices)) > 1
            and english.check(" ".join(english.wordlist[i] for i in indices))
        ):
            out.append(digits)
    return out


# review12 F14: structured 48-digit numbers whose groups are all below 2048 leave the 1/16
# checksum as the only filter: zero-padded ids, round amounts, concatenated dates, counters
_AMOUNTS = _passing([f"{n}".ljust(48, "0") for n in range(100, 4000)])
_PADDED = _passing([f"{n:048d}" for n in range(1000)])
_DATES = _passing(
    [
        "".join(f"2024{(d + k) // 28 + 1:02d}{(d + k) % 28 + 1:02d}" for k in range(6))
        for d in range(300)
    ]
)
_COUNTERS = _passing(["".join(f"{s + 7 * i:04d}" for i in range(12)) for s in range(1500)])


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(f'{{"jsonrpc":"2.0","id":1,"result":"{_AMOUNTS[0]}"}}', id="amount-in-rpc"),
        pytest.param(f"totalSupply() returned {_AMOUNTS[1]}", id="amount-in-prose"),
        pytest.param(f"invoice_no: {_PADDED[0]}", id="zero-padded-id"),
        pytest.param(f"Report id {_DATES[0]}", id="concatenated-dates"),
        pytest.param(f"serials {_COUNTERS[0]}", id="rising-counter"),
    ],
)
def test_structured_digits_are_not_seedqr(text: str) -> None:
    """Numbers that pass the index and checksum test by their structure are not blocked."""
    assert GUARD.check_text(text).action is Action.ALLOW, GUARD.check_text(text).explain()


def test_structured_lookalikes_all_pass() -> None:
    """Every such stream of the families above passes (hundreds; the checksum alone let one
    in sixteen through)."""
    streams = _AMOUNTS + _PADDED + _DATES + _COUNTERS
    assert len(streams) > 50
    blocked = [s for s in streams if GUARD.check_text(s).action is Action.BLOCK]
    assert not blocked


def test_generated_seedqr_streams_all_block() -> None:
    """200 generated 12- and 24-word seeds as SeedQR: every one is blocked (the structure
    check loses a random seed with probability below 1e-5)."""
    gen = KeyGen(1341)  # generated, never funded
    missed = [
        n
        for n in (12, 24) * 100
        if GUARD.check_text(_seedqr(gen.phrase(n))).action is not Action.BLOCK
    ]
    assert not missed


# review12 F12: the same notations after small variations
def _groups(words: list[str], sep: str) -> str:
    return sep.join(f"{_INDEX[w]:04d}" for w in words)


def _indexed_loose(raw: bytes, key: str, order: list[int] | None = None) -> str:
    """An index object with keys written ``key`` % i (bare, single-quoted), in ``order``."""
    return "{" + ", ".join(f"{key % i}: {raw[i]}" for i in order or range(64)) + "}"


def _pyrepr_key(raw: bytes) -> str:
    return "".join(f"\\x{b:02x}" for b in raw)


_STRING_ORDER = sorted(range(64), key=str)  # jq -S, json.dumps(sort_keys=True)


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        pytest.param("scanned: " + _groups(PHRASE, " "), "bip39_mnemonic", id="seedqr-spaces"),
        pytest.param("scanned: " + _groups(PHRASE, "-"), "bip39_mnemonic", id="seedqr-dashes"),
        pytest.param(
            "scanned:\n" + "\n".join(_seedqr(PHRASE)[i : i + 16] for i in range(0, 48, 16)),
            "bip39_mnemonic",
            id="seedqr-lines-of-16",
        ),
        pytest.param(_groups(PHRASE24, " "), "bip39_mnemonic", id="seedqr-24-spaces"),
        pytest.param(
            f"indices: {json.dumps([_INDEX[w] for w in PHRASE])}", "bip39_mnemonic", id="index-list"
        ),
        pytest.param(_indexed_loose(PAIR, "%d"), "solana_keypair", id="indexed-bare-keys"),
        pytest.param(_indexed_loose(PAIR, "'%d'"), "solana_keypair", id="indexed-single-quotes"),
        pytest.param(
            _indexed_loose(PAIR, '"%d"', _STRING_ORDER), "solana_keypair", id="indexed-sorted"
        ),
        pytest.param(
            json.dumps({**{str(i): b for i, b in enumerate(PAIR)}, "length": 64}),
            "solana_keypair",
            id="indexed-with-length",
        ),
        pytest.param(f"secret_key = {PAIR!r}", "solana_keypair", id="python-bytes-repr-64"),
        pytest.param(
            f"private_key = '{_pyrepr_key(KEY)}'", "evm_private_key", id="single-quoted-hex-escapes"
        ),
    ],
)
def test_notation_variant_is_blocked(text: str, rule: str) -> None:
    """Separators between SeedQR groups, a named index list, index objects in any quoting
    and order, single-quoted escaped bytes: still blocked."""
    verdict = GUARD.check_text(text)
    assert verdict.action is Action.BLOCK, verdict.explain()
    assert f"secret.{rule}" in verdict.rule_ids


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("scanned: " + _groups(bad(PHRASE), " "), id="seedqr-spaces-bad-checksum"),
        pytest.param(
            " ".join(_groups(PHRASE, " ").split()[:6]) + "-" + _groups(PHRASE[6:], "-"),
            id="seedqr-mixed-separators",
        ),
        pytest.param(_groups(PHRASE, " ") + " 0042", id="seedqr-window-of-13-groups"),
        pytest.param(f"monthly: {json.dumps([_INDEX[w] for w in PHRASE])}", id="list-unnamed"),
        pytest.param(_indexed_loose(PAIR[:32] + bytes(32), "%d"), id="indexed-bare-not-a-pair"),
        pytest.param(
            "{" + ", ".join(f"{i}: {PAIR[i]}" for i in range(63)) + "}", id="indexed-63-entries"
        ),
        pytest.param(f"public_key = '{_pyrepr_key(KEY)}'", id="single-quoted-public-key"),
        pytest.param(f"blob = {(PAIR[:32] + bytes(32))!r}", id="python-bytes-not-a-pair"),
    ],
)
def test_notation_variant_without_secret_is_not_blocked(text: str) -> None:
    """The variants without a secret (bad checksum, mixed separators, a longer list, no seed
    name, not a pair, a public key) pass."""
    assert GUARD.check_text(text).action is not Action.BLOCK, GUARD.check_text(text).explain()
