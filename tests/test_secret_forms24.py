"""The forms secret_forms_dev17 missed, as classes: a secret sent over one speaker's chat
messages with others' replies between (joined only where the speaker is written, or where the
joined value checks itself); keys written reversed, as decimal bytes, as spreadsheet formula
halves or in base32 (derived to the text's address or named a key); OCR'd keys with "O" for
"0"; base58 groups; BIP-39 word numbers beside a note naming the list. Each with twins."""

from __future__ import annotations

import base64

import base58
import pytest
from eth_account import Account

from aiegis_guard.config import parse_config
from aiegis_guard.findings import Action, Source
from aiegis_guard.guard import Guard
from aiegis_guard.scanners.transcripts import speaker_pieces
from tests.vectors.keygen import KeyGen, bad

GUARD = Guard(parse_config({}), classifier=False)
GEN = KeyGen(20024)
KEY = GEN.key()
ADDR = Account.from_key(bytes.fromhex(KEY)).address
HASH = GEN.hex(64)  # a transaction hash's shape
PHRASE = GEN.phrase(12)
WRONG = bad(PHRASE)
XPRV = GEN.xkey("04b2430c", True)  # yprv
WIF = GEN.wif()
PAIR = GEN.solana()


def _chat(lines: list[tuple[str, str]], stamp: bool = True) -> str:
    head = (lambda i, n: f"[14:0{i}] @{n}: ") if stamp else (lambda i, n: f"{n}: ")
    return "\n".join(head(i, n) + said for i, (n, said) in enumerate(lines)) + "\n"


def _hex_chat(value: str, what: str, other: str = "kenji") -> str:
    return _chat(
        [("kenji", f"sending the {what} in bits so it doesn't show in the preview"),
         ("kenji", value[:22]), ("ana", "got it"), (other, value[22:44]),
         ("ana", "is the next one 22 chars?"), ("kenji", f"yes. last: {value[44:]}")]
    )  # fmt: skip


def _words_chat(words: list[str]) -> str:
    return _chat(
        [("Anna", f"first four: {' '.join(words[:4])}"), ("Piotr", "ok"),
         ("Anna", f"next: {' '.join(words[4:8])}"), ("Piotr", "wait, courier"),
         ("Anna", f"last: {' '.join(words[8:])}"), ("Piotr", "restored")],
        stamp=False,
    )  # fmt: skip


def _dash(value: str) -> str:
    third = len(value) // 3
    return (
        f"— here it is in three messages\n— ok\n— {value[:third]}\n— {value[third : 2 * third]}\n"
        f"— waiting for the last one\n— {value[2 * third :]}\n"
    )


def _groups(value: str, size: int) -> str:
    cut = [value[i : i + size] for i in range(0, len(value), size)]
    half = len(cut) // 2
    return " ".join(cut[:half]) + "\n" + " ".join(cut[half:])


def _ocr(value: str, label: str) -> str:
    return f"[OCR]\n< {label}\n{_groups(value.upper(), 8).replace('0', 'O')}\nCOPY\n"


def _numbers(words: list[str], base: int, note: str, pad: int = 4) -> str:
    from mnemonic import Mnemonic

    wordlist = Mnemonic("english").wordlist
    return f"{note}\n" + " ".join(f"{wordlist.index(w) + base:0{pad}d}" for w in words) + "\n"


def _b32(raw: bytes) -> str:
    return base64.b32encode(raw).decode()


# a key of a different address: derives to nothing in the text
OTHER = GEN.key()
LIST_NOTE = "The numbers are 0-based indexes in the English BIP-39 wordlist:"
CASES = [
    pytest.param(_hex_chat("0x" + KEY, "faucet key"), True, id="hex-pieces-one-speaker-key"),
    pytest.param(_hex_chat("0x" + HASH, "tx hash"), False, id="hex-pieces-tx-hash"),
    pytest.param(_hex_chat("0x" + KEY, "faucet key", "ana"), False, id="hex-pieces-two-speakers"),
    pytest.param(_words_chat(PHRASE), True, id="phrase-in-named-messages"),
    pytest.param(_words_chat(WRONG), False, id="words-in-messages-checksum-fails"),
    pytest.param(_dash(XPRV), True, id="xprv-over-dash-dialogue"),
    pytest.param(_dash("0x" + KEY), False, id="hex-over-dash-dialogue-unjoined"),
    pytest.param(f"Reverse it first:\n{KEY[::-1]}\nAddress: {ADDR}\n", True, id="reversed-key"),
    pytest.param(f"Reverse it first:\n{HASH}\nAddress: {ADDR}\n", False, id="reversed-hash"),
    pytest.param(
        f"32 bytes: {list(bytes.fromhex(KEY))}\nAddress should be {ADDR}\n", True, id="decimal-key"
    ),
    pytest.param(
        f"32 bytes: {list(bytes.fromhex(OTHER))}\nAddress should be {ADDR}\n",
        False,
        id="decimal-bytes-of-another-value",
    ),
    pytest.param(
        f'deployer\t{ADDR}\t=CONCATENATE("{KEY[:32]}";"{KEY[32:]}")\n', True, id="formula-key"
    ),
    pytest.param(
        f'mint tx\t=CONCATENATE("0x{HASH[:32]}";"{HASH[32:]}")\n', False, id="formula-tx-hash"
    ),
    pytest.param(
        f"The signer's private key in base32:\n{_b32(bytes.fromhex(KEY))}\n", True, id="base32-key"
    ),
    pytest.param(
        f"The release tarball's sha256 in base32:\n{_b32(bytes.fromhex(HASH))}\n",
        False,
        id="base32-sha256",
    ),
    pytest.param(f"keypair (base32):\n{_b32(PAIR)}\n", True, id="base32-solana-keypair"),
    pytest.param(f"blob (base32):\n{_b32(PAIR[:32] * 2)}\n", False, id="base32-64-not-a-keypair"),
    pytest.param(_ocr(KEY, "Private Key"), True, id="ocr-key-O-for-0"),
    pytest.param(_ocr(HASH, "Transaction Hash"), False, id="ocr-tx-hash-O-for-0"),
    pytest.param(f"Clave privada (WIF)\n{_groups(WIF, 13)}\n", True, id="wif-groups-two-lines"),
    pytest.param(
        f"Clave (WIF)\n{_groups(WIF[:-1] + ('2' if WIF[-1] != '2' else '3'), 13)}\n",
        False,
        id="wif-groups-checksum-fails",
    ),
    pytest.param(_numbers(PHRASE, 0, LIST_NOTE), True, id="word-indexes-0-based"),
    pytest.param(_numbers(PHRASE, 1, "BIP-39 word numbers, 1-based:"), True, id="word-numbers"),
    pytest.param(_numbers(WRONG, 0, LIST_NOTE), False, id="word-indexes-checksum-fails"),
    pytest.param(_numbers(PHRASE, 1, "Part numbers, in order:", 1), False, id="numbers-no-note"),
]


@pytest.mark.parametrize(("text", "blocked"), CASES)
def test_secret_forms24(text: str, blocked: bool) -> None:
    """Each form blocks when its decoding checks, and its twin stays quiet."""
    verdict = GUARD.check_text(text, source=Source.TOOL_OUTPUT)
    assert (verdict.action is Action.BLOCK) is blocked
    for value in (KEY, XPRV, WIF, " ".join(PHRASE), base58.b58encode(PAIR).decode()):
        assert value not in verdict.to_json()


def test_pieces_spans_cover_the_messages() -> None:
    """A joined window's span runs from its first piece's message to its last."""
    text = _hex_chat("0x" + KEY, "faucet key")
    spans = [p.span for p in speaker_pieces(text)]
    assert spans and all(0 <= s < e <= len(text) for s, e in spans)
    assert speaker_pieces("KEY: value\nNAME: other\n") == []
