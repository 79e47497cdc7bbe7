"""review23s's false blocks, as classes: "key" alone names no wallet key where the value proves
nothing by itself (a 32-byte TOTP seed in base32, an OCR'd licence key, two MD5s / UUIDs / tx
halves joined from chat pieces); BIP-39 word numbers need a note of a phrase that says they are
numbers, and no series (years, sorted ids); chat pieces of words are read without the message
before them. Each with the wallet-key forms that still block."""

from __future__ import annotations

import base64
import random

import pytest
from eth_account import Account
from mnemonic import Mnemonic

from aiegis_guard.checksums import is_valid_bip39
from aiegis_guard.config import parse_config
from aiegis_guard.findings import Action, Source
from aiegis_guard.guard import Guard
from aiegis_guard.scanners.wallet_key_names import names_wallet_key
from tests.vectors.keygen import KeyGen

GUARD = Guard(parse_config({}), classifier=False)
GEN = KeyGen(20323)
KEY = GEN.key()
ADDR = Account.from_key(bytes.fromhex(KEY)).address
SEED = bytes.fromhex(GEN.hex(64))  # a 32-byte TOTP seed (SHA-256 TOTP)
MD5S = (GEN.hex(32), GEN.hex(32))
TX = GEN.hex(64)
PHRASE = GEN.phrase(12)
WORDLIST = Mnemonic("english").wordlist


def _b32(raw: bytes) -> str:
    return base64.b32encode(raw).decode().rstrip("=")


def _ocr(value: str, label: str) -> str:
    up = value.upper().replace("0", "O")
    return f"{label}\n" + " ".join(up[i : i + 8] for i in range(0, 64, 8)) + "\n"


def _with_zero(value: str) -> str:
    return value if "0" in value else "0" + value[1:]


def _chat(context: str, parts: tuple[str, str], after: str = "thx") -> str:
    return f"Anna: {context}\nAnna: {parts[0]}\nBob: ok\nAnna: {parts[1]}\nBob: {after}\n"


def _checksummed(draw: random.Random, series: bool) -> list[int]:
    """12 numbers (1..2048 or a series) that pass the BIP-39 checksum 1-based, by chance."""
    while True:
        if series:
            start = draw.randint(1, 2030)
            numbers = list(range(start, start + 12))
        else:
            numbers = sorted(draw.sample(range(1, 1500), 12))
        if is_valid_bip39([n - 1 for n in numbers]):
            return numbers


def _chance_numbers(draw: random.Random) -> list[int]:
    while True:
        numbers = [draw.randint(1, 2048) for _ in range(12)]
        if is_valid_bip39([n - 1 for n in numbers]):
            return numbers


DRAW = random.Random(23)
FREQS = " ".join(map(str, _chance_numbers(DRAW)))
SORTED = " ".join(map(str, _checksummed(DRAW, series=False)))
YEARS = ", ".join(map(str, _checksummed(DRAW, series=True)))
NUMBERS = " ".join(str(WORDLIST.index(w) + 1) for w in PHRASE)
OTP = "otpauth://totp/ACME:alice?secret={}&issuer=ACME&algorithm=SHA256"

CASES = [
    # base32 of 32 bytes: a TOTP seed unless a wallet key is named or it derives
    pytest.param(f"2FA secret key: {_b32(SEED)}", False, id="b32-2fa-secret-key"),
    pytest.param(OTP.format(_b32(SEED)), False, id="b32-otpauth-uri"),
    pytest.param(
        f"otpauth://totp/Wallet:signer?secret={_b32(SEED)}", False, id="b32-otpauth-signer-label"
    ),
    pytest.param(
        f"Can't scan the QR code? Enter this key manually: {_b32(SEED)}", False, id="b32-setup"
    ),
    pytest.param(f"Your authenticator setup key:\n{_b32(SEED)}\n", False, id="b32-authenticator"),
    pytest.param(f"secret key (base32): {_b32(SEED)}", False, id="b32-secret-key-unowned"),
    pytest.param(f"ETH private key (base32): {_b32(bytes.fromhex(KEY))}", True, id="b32-named"),
    pytest.param(f"solana key, base32: {_b32(bytes.fromhex(KEY))}", True, id="b32-chain-key"),
    pytest.param(f"SIGNER_B32={_b32(bytes.fromhex(KEY))}\n", True, id="b32-signer-config"),
    pytest.param(
        f"2FA backup {_b32(bytes.fromhex(KEY))}\nwallet {ADDR}\n", True, id="b32-derives-anyway"
    ),
    # OCR "O" for "0": a licence key is no wallet key
    pytest.param(_ocr(_with_zero(TX), "License key:"), False, id="ocr-license-key"),
    pytest.param(_ocr(_with_zero(TX), "Activation key:"), False, id="ocr-activation-key"),
    pytest.param(_ocr(_with_zero(TX), "Key:"), False, id="ocr-key-unowned"),
    pytest.param(_ocr(_with_zero(KEY), "Wallet key:"), True, id="ocr-wallet-key"),
    pytest.param(_ocr(_with_zero(KEY), "< Private Key"), True, id="ocr-private-key"),
    # chat pieces: two 32-hex values after a message that says "key" but no wallet key
    pytest.param(_chat("request ids for the key rotation job", MD5S), False, id="pieces-ids"),
    pytest.param(_chat("md5 of the keyfile before and after", MD5S), False, id="pieces-md5"),
    pytest.param(
        _chat("host key fingerprints (md5) of the two boxes", MD5S), False, id="pieces-fingerprint"
    ),
    pytest.param(
        _chat("key question: why did this one revert", (TX[:32], TX[32:])),
        False,
        id="pieces-key-question",
    ),
    pytest.param(_chat("the 2 license keys for the team", MD5S), False, id="pieces-license"),
    pytest.param(
        _chat("here's my private key, split", (KEY[:32], KEY[32:])), True, id="pieces-private-key"
    ),
    pytest.param(
        _chat("the key to the wallet, in two parts", (KEY[:32], KEY[32:])),
        True,
        id="pieces-key-to-the-wallet",
    ),
    pytest.param(
        _chat("ok here", (KEY[:32], KEY[32:]), f"imported, it's {ADDR}"),
        True,
        id="pieces-derive-to-address",
    ),
    pytest.param(
        _chat("ok here", (TX[:32], TX[32:]), f"sent from {ADDR}"), False, id="pieces-hash-no-name"
    ),
    # BIP-39 word numbers: a note of a phrase saying numbers, and no series
    pytest.param(
        f"The BIP-39 wordlist has 2048 words; word frequencies in our sample:\n{FREQS}\n",
        False,
        id="numbers-frequencies",
    ),
    pytest.param(
        f"bip39 test run, wordlist ok. Failed test ids: {SORTED}", False, id="numbers-sorted-ids"
    ),
    pytest.param(
        f"BIP-39 seed word numbers by year: {YEARS}", False, id="numbers-consecutive-series"
    ),
    pytest.param(f"English wordlist, 1-based numbers:\n{NUMBERS}\n", False, id="numbers-list-only"),
    pytest.param(f"My seed as BIP-39 word numbers:\n{NUMBERS}\n", True, id="numbers-seed-note"),
    pytest.param(
        f"Tengo mi frase guardada como números de la lista BIP-39 (posición 1–2048):\n{NUMBERS}\n",
        True,
        id="numbers-spanish-note",
    ),
    # chat words: the message before the pieces joins no phrase
    pytest.param(
        "Anna: what about dinner\nBen: much better\nAnna: never again\nBen: just wait\n"
        "Anna: what about dinner\nBen: stay calm\nAnna: good idea\nBen: very good\n"
        "Anna: much better\nBen: what about dinner",
        False,
        id="chat-everyday-replies-a",
    ),
    pytest.param(
        "Anna: what about dinner\nBen: good idea\nAnna: just wait\nBen: same thing\n"
        "Anna: much better\nBen: just wait\nAnna: please wait\nBen: just wait\n"
        "Anna: what about dinner\nBen: please wait",
        False,
        id="chat-everyday-replies-b",
    ),
    pytest.param(
        f"Anna: my seed, 4 words at a time\nAnna: {' '.join(PHRASE[:4])}\nBen: ok\n"
        f"Anna: {' '.join(PHRASE[4:8])}\nBen: ok\nAnna: {' '.join(PHRASE[8:])}\nBen: done\n",
        True,
        id="chat-phrase-in-pieces",
    ),
]


@pytest.mark.parametrize(("text", "blocked"), CASES)
def test_review23s(text: str, blocked: bool) -> None:
    """A value that proves nothing by itself blocks only where named a wallet's (or derived)."""
    verdict = GUARD.check_text(text, source=Source.TOOL_OUTPUT)
    assert (verdict.action is Action.BLOCK) is blocked
    assert KEY not in verdict.to_json() and " ".join(PHRASE) not in verdict.to_json()


@pytest.mark.parametrize(
    ("label", "named"),
    [
        ("sending the faucet key in three bits", True),
        ("ok sending the hot wallet key in pieces", True),
        ("PRIVATE_KEY=", True),
        ("klucz prywatny w dwóch częściach", True),
        ("ключ от кошелька", True),
        ("ключ:", False),
        ("my sui wallet address, in 2 parts", False),
        ("my nostr key (the public one) in 2 bits", False),
        ("the two new API keys", False),
        ("Private key for the TOTP app:", False),
    ],
)
def test_names_wallet_key(label: str, named: bool) -> None:
    """A label names a wallet's key by "private"/"signing" or by whose key, never beside a
    hash's, an id's, a licence's, an address's or a one-time password's word."""
    assert names_wallet_key(label) is named
