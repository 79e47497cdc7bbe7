"""review22b's secret findings as classes: a valid phrase at the start of a numbered list
(F1), a key labelled or used as one beside a hash call (F2), a grouped run longer than a key
(F6), a debugger's evaluated hash (F8); each with the twins that keep their verdict. Keys and
phrases are derived from fixed seeds here, never funded."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

import pytest
from mnemonic import Mnemonic

from aiegis_guard.checksums import is_valid_bip39
from aiegis_guard.config import parse_config
from aiegis_guard.findings import Action, Category, Source
from aiegis_guard.guard import Guard
from aiegis_guard.scanners.seed_numbered import find_numbered_phrases
from aiegis_guard.scanners.seed_phrases import RULE_BIP39, word_index

GUARD = Guard(parse_config({}), classifier=False)
ENGLISH = Mnemonic("english")
WORDS = sorted(word_index("english"), key=word_index("english").__getitem__)
KEY = hashlib.sha256(b"review22b key").hexdigest()  # 64 random-looking digits, never funded


def _blocked(text: str) -> bool:
    verdict = GUARD.check_text(text, source=Source.TOOL_OUTPUT)
    return any(f.category is Category.SECRET and f.action is Action.BLOCK for f in verdict.findings)


def _bytes(tag: str, n: int) -> bytes:
    return hashlib.shake_256(tag.encode()).digest(n)


def _phrase(tag: str, n: int = 12) -> list[str]:
    return ENGLISH.to_mnemonic(_bytes(tag, n * 4 // 3)).split()


def _list_words(tag: str, n: int) -> list[str]:
    raw = _bytes(tag, 2 * n)
    return [WORDS[int.from_bytes(raw[2 * i : 2 * i + 2], "big") % 2048] for i in range(n)]


def _valid(words: list[str]) -> bool:
    index = word_index("english")
    return is_valid_bip39([index[w] for w in words])


def _find(tag: str, accept: Callable[[list[str]], bool], n: int = 24) -> list[str]:
    """The first list of ``n`` list words (seeded by ``tag``) that ``accept`` takes."""
    return next(w for i in range(4000) if accept(w := _list_words(f"{tag}{i}", n)))


def _lines(words: list[str]) -> str:
    return "".join(f"{i}. {w}\n" for i, w in enumerate(words, 1))


def _columns(words: list[str], ncols: int) -> str:
    rows = -(-len(words) // ncols)
    return "\n".join(
        "  ".join(
            f"{c * rows + r + 1:>2}. {words[c * rows + r]:<10}"
            for c in range(ncols)
            if c * rows + r < len(words)
        )
        for r in range(rows)
    )


def _game_table(words: list[str]) -> str:
    rows = "".join(f"| {i + 1} | {words[i]} | {i + 13} | {words[i + 12]} |\n" for i in range(12))
    return "Word game: make sentences with these words!\n| # | word | # | word |\n" + rows


def _lucky(prefix: int) -> Callable[[list[str]], bool]:
    """24 list words whose first ``prefix`` pass the checksum, the whole and the last 12 not."""
    return lambda w: _valid(w[:prefix]) and not _valid(w) and not _valid(w[12:])


@pytest.mark.parametrize("layout", [_lines, lambda w: _columns(w, 3)], ids=["lines", "columns"])
@pytest.mark.parametrize(
    "words",
    [
        pytest.param(_phrase("a") + _list_words("a+", 3), id="12+3"),
        pytest.param(_phrase("b") + _list_words("b+", 6), id="12+6"),
        pytest.param(_phrase("c", 15) + _list_words("c+", 3), id="15+3"),
        pytest.param(_phrase("d", 18) + _list_words("d+", 3), id="18+3"),
        pytest.param(_phrase("e") + _phrase("f"), id="two-wallets-1-24"),
        pytest.param(_phrase("g", 24), id="whole-24"),
    ],
)
def test_phrase_at_the_start_of_a_numbered_list(
    words: list[str], layout: Callable[[list[str]], str]
) -> None:
    """A valid phrase at the start of a numbered list blocks, whatever follows it (F1)."""
    assert _valid(words[:12]) or _valid(words[:15]) or _valid(words[:18]) or _valid(words)
    assert _blocked(layout(words))


@pytest.mark.parametrize("layout", [_lines, lambda w: _columns(w, 4)], ids=["lines", "columns"])
def test_two_phrases_numbered_on_both_found(layout: Callable[[list[str]], str]) -> None:
    """Two 12-word phrases numbered 1..24: the numbered reader gives both (each masked)."""
    text = layout(_phrase("h") + _phrase("i"))
    spans = [f.span for f in find_numbered_phrases(text, []) if f.rule_id == RULE_BIP39 and f.span]
    words = list(re.finditer(r"[a-z]+", text))
    assert len(spans) == 2
    assert all(any(s <= w.start() and w.end() <= e for s, e in spans) for w in words)


def test_two_phrases_numbered_from_one_each() -> None:
    """Two 12-word lists each numbered from 1 (the numbering restarts): blocked."""
    assert _blocked("Wallet A\n" + _lines(_phrase("j")) + "\nWallet B\n" + _lines(_phrase("k")))


def _numbered_blocks(text: str) -> bool:
    """The numbered reader alone (the plain reader's word runs left out)."""
    return any(f.rule_id == RULE_BIP39 for f in find_numbered_phrases(text, []))


@pytest.mark.parametrize("layout", [_lines, _game_table, lambda w: _columns(w, 4)],
                         ids=["lines", "table", "columns"])  # fmt: skip
@pytest.mark.parametrize("prefix", [12, 15, 18, 21])
def test_list_of_24_with_a_lucky_start(prefix: int, layout: Callable[[list[str]], str]) -> None:
    """24 numbered list words whose start passes the checksum by chance (1 in 16 .. 128), the
    whole and the second 12 failing: one list of 24, no phrase by its numbers (a game's table;
    in columns, where only the numbers give the order, not blocked)."""
    words = _find(f"lucky{prefix}", _lucky(prefix))
    assert not _numbered_blocks(layout(words))
    assert not _blocked(_columns(words, 4))


@pytest.mark.parametrize("layout", [_lines, lambda w: _columns(w, 3)], ids=["lines", "columns"])
def test_list_of_21_with_a_valid_start(layout: Callable[[list[str]], str]) -> None:
    """A list numbered to 21 (shorter than the longest phrase) whose first 12 pass: a phrase
    with words numbered on after it (as 12+3), read by its numbers."""
    words = _find("start21", lambda w: _valid(w[:12]) and not _valid(w), 21)
    assert _numbered_blocks(layout(words))


def test_list_of_24_second_half_valid_only() -> None:
    """The last 12 of a list numbered 1..24 alone valid: no phrase at the list's start."""
    words = _find("tail", lambda w: _valid(w[12:]) and not _valid(w[:12]) and not _valid(w))
    assert not _numbered_blocks(_lines(words))
    assert not _numbered_blocks(_columns(words, 4))


@pytest.mark.parametrize(
    ("text", "blocked"),
    [
        pytest.param(f"keccak256(privateKey) = 0x{KEY}", True, id="equation-key-argument"),
        pytest.param(f"private_key:\n  keccak256(seed) = 0x{KEY}", True, id="label-line-above"),
        pytest.param(f"private_key:\n\n  sha256(seed) = 0x{KEY}", True, id="label-over-blank"),
        pytest.param(
            f"Your new wallet is ready. digest(seed) = 0x{KEY}. Import it in MetaMask as the "
            "private key.",
            True,
            id="used-as-key-after",
        ),
        pytest.param(f"signer key = hash(passphrase) = 0x{KEY}", True, id="bound-before"),
        pytest.param(f"keccak256(seed) = 0x{KEY}", True, id="brain-wallet-equation"),
        pytest.param(f"digest(seed) = 0x{KEY}", False, id="digest-named-result"),
        pytest.param(f"fingerprint(privateKey) = 0x{KEY}", False, id="fingerprint-of-key"),
        pytest.param(f"keyFingerprint=keccak256(privateKey)=0x{KEY}", False, id="hash-labelled"),
        pytest.param(f"sha256(private_key).hexdigest() -> {KEY}", False, id="evaluated-method"),
        pytest.param(f"keccak256(privateKey) => 0x{KEY}", False, id="evaluated-arrow"),
        pytest.param(f">>> hashlib.sha256(private_key).hexdigest()\n'{KEY}'", False, id="repl"),
        pytest.param(f"tx hash:\n  keccak256(rawTx) = 0x{KEY}", False, id="hash-label-above"),
        pytest.param(
            f"SHA-256 fingerprint:\n\nsha256(signer.key) = {KEY}\n", False, id="fingerprint-label"
        ),
        pytest.param(
            f"नई कुंजी बन गई है। सिर्फ़ फ़िंगरप्रिंट:\n\nsha256(signer.key) = {KEY}\n",
            False,
            id="hindi-fingerprint-label",
        ),
        pytest.param(f">>> pk = load()\n>>> sha256(pk).hexdigest()\n'{KEY}'", False,
                     id="repl-line-above-not-a-label"),
    ],
)  # fmt: skip
def test_hash_call_and_key_use(text: str, blocked: bool) -> None:
    """A hash call before a value makes it a hash only when stated as the hash's output (a
    hash word labels it, or the call was evaluated) and nothing labels or uses it as a key
    (F2)."""
    assert _blocked(text) is blocked


def _signed(raw: bytes) -> str:
    return "[" + ", ".join(str(b - 256 if b > 127 else b) for b in raw) + "]"


@pytest.mark.parametrize(
    ("expression", "blocked"),
    [
        pytest.param("Arrays.toString(sha256(privKey))", False, id="sha256-of-key"),
        pytest.param("Arrays.toString(md.digest(seed))", False, id="digest-of-seed"),
        pytest.param("Arrays.toString(Hash.keccak256(signerKey))", False, id="keccak-of-key"),
        pytest.param("Arrays.toString(privBytes)", True, id="key-bytes"),
        pytest.param("Arrays.toString(signer.getPrivateKey())", True, id="key-getter"),
    ],
)
def test_evaluated_hash(expression: str, blocked: bool) -> None:
    """A debugger's result is named by its expression; a hash call in it makes a hash (F8)."""
    text = f'Evaluate expression: {expression}\nresult = "{_signed(bytes.fromhex(KEY))}"'
    assert _blocked(text) is blocked


def _grouped(digits: str, width: int = 8, sep: str = " ") -> str:
    return sep.join(digits[i : i + width] for i in range(0, len(digits), width))


LONG = _bytes("long", 65).hex()


@pytest.mark.parametrize(
    ("text", "blocked"),
    [
        pytest.param("key: " + _grouped("02" + KEY), False, id="compressed-pubkey-tail"),
        pytest.param("key: " + _grouped("03" + KEY, sep=":"), False, id="colon-groups"),
        pytest.param("key: 02 " + _grouped(KEY), False, id="prefix-group"),
        pytest.param("Session key: " + _grouped(LONG[:80]), False, id="80-digits"),
        pytest.param("Signature by key 0xabc:\n" + _grouped(LONG), False, id="signature"),
        pytest.param("Session key: " + _grouped(LONG[:80])[9:], False, id="cut-inside"),
        pytest.param("key: " + _grouped(KEY), True, id="key-alone"),
        pytest.param("key: " + _grouped(KEY) + "\nnext line", True, id="key-then-line"),
        pytest.param("key: " + _grouped(KEY) + " (keep it safe)", True, id="key-then-words"),
        pytest.param("key: " + _grouped(KEY, 16, ":") + ": done", True, id="key-then-colon"),
        pytest.param("Please add " + _grouped(KEY) + " as key", True, id="hex-word-before"),
    ],
)
def test_grouped_run_longer_than_a_key(text: str, blocked: bool) -> None:
    """A grouped run that goes on past 64 digits with the same separator is no key (F6)."""
    assert _blocked(text) is blocked
