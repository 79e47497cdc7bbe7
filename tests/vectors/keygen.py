"""Seeded generators of never-funded test secrets, shared by the vector scripts here
(``make_secret_forms.py``, ``make_secret_variants.py``): EVM keys, BIP-39 phrases (and
near misses that fail the checksum), BIP-32 extended keys, WIF, Solana keypairs, passkeys
(P-256 public keys); hex strings and tokens, and the form-class table row (``case``)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import random
import string
from pathlib import Path
from typing import Any

import base58
from mnemonic import Mnemonic

N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141  # secp256k1 order
# secp256r1 (NIST P-256): field prime, a = -3, order, base point (SEC 2 v2 §2.4.2)
P256_P = 0xFFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF
P256_N = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
P256_G = (
    0x6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296,
    0x4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5,
)


def p256_public(k: int) -> bytes:
    """``x ‖ y`` of ``k·G`` on P-256 (affine double-and-add; test vectors only, not constant
    time)."""
    p, acc, add = P256_P, None, P256_G
    while k:
        if k & 1:
            acc = add if acc is None else _p256_add(acc, add, p)
        add, k = _p256_add(add, add, p), k >> 1
    assert acc is not None
    return acc[0].to_bytes(32, "big") + acc[1].to_bytes(32, "big")


def _p256_add(a: tuple[int, int], b: tuple[int, int], p: int) -> tuple[int, int]:
    if a == b:
        slope = (3 * a[0] * a[0] - 3) * pow(2 * a[1], -1, p)
    else:
        slope = (b[1] - a[1]) * pow(b[0] - a[0], -1, p)
    x = (slope * slope - a[0] - b[0]) % p
    return x, (slope * (a[0] - x) - a[1]) % p


Case = dict[str, Any]
ALNUM = string.ascii_letters + string.digits


def case(cid: str, form: str, text: str, action: str = "block") -> Case:
    """One row of a form-class table: ``form:cid`` and the action the guard must take."""
    return {"id": f"{form}:{cid}", "form": form, "text": text, "action": action}


def write_table(out: Path, source: str, cases: list[Case]) -> None:
    """Write a form-class table the way the tests read it: ``{"source", "cases"}``."""
    text = json.dumps({"source": source, "cases": cases}, indent=1, ensure_ascii=False)
    out.write_text(text + "\n", encoding="utf-8")


def b64(data: str | bytes) -> str:
    raw = data.encode() if isinstance(data, str) else data
    return base64.b64encode(raw).decode()


def bad(words: list[str], language: str = "english") -> list[str]:
    """The phrase with its last word changed (to another word of its list) so the checksum
    fails."""
    m = Mnemonic(language)
    for w in m.wordlist:
        changed = [*words[:-1], w]
        if w != words[-1] and not m.check(" ".join(changed)):
            return changed
    raise AssertionError


class KeyGen:
    """Every value from one ``random.Random(seed)``: a script regenerates its table exactly."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def hex(self, n: int) -> str:
        return "".join(self.rng.choice("0123456789abcdef") for _ in range(n))

    def cut(self, text: str, n: int = 9) -> list[str]:
        """``text`` in fragments of 3..n characters, as a model streams it."""
        out, i = [], 0
        while i < len(text):
            step = self.rng.randrange(3, n + 1)
            out.append(text[i : i + step])
            i += step
        return out

    def token(self, n: int, alphabet: str = ALNUM) -> str:
        while True:  # letters and digits mixed, as a random token is
            t = "".join(self.rng.choice(alphabet) for _ in range(n))
            if any(c.isdigit() for c in t) and any(c.isalpha() for c in t):
                return t

    def key(self) -> str:
        while True:
            k = self.rng.getrandbits(256)
            if 0 < k < N:
                return f"{k:064x}"

    def phrase(self, words: int = 12, language: str = "english") -> list[str]:
        entropy = self.rng.getrandbits(words * 32 // 3).to_bytes(words * 4 // 3, "big")
        return Mnemonic(language).to_mnemonic(entropy).split()

    def xkey(self, version: str, private: bool) -> str:
        seed = self.rng.getrandbits(512).to_bytes(64, "big")
        digest = hmac.new(b"Bitcoin seed", seed, hashlib.sha512).digest()
        if private:
            material = b"\0" + digest[:32]
        else:
            from coincurve import PrivateKey

            material = PrivateKey(digest[:32]).public_key.format(compressed=True)
        payload = bytes.fromhex(version) + b"\0" * 9 + digest[32:] + material
        return base58.b58encode_check(payload).decode()

    def wif(self, compressed: bool = True, testnet: bool = False) -> str:
        payload = bytes([0xEF if testnet else 0x80]) + bytes.fromhex(self.key())
        return base58.b58encode_check(payload + (b"\1" if compressed else b"")).decode()

    def keystore(self) -> dict[str, Any]:
        """A keystore (v3) JSON object's shape with random fields (pbkdf2, 2048 rounds): for
        the password-beside forms, never decrypted."""
        crypto = {
            "cipher": "aes-128-ctr",
            "cipherparams": {"iv": self.hex(32)},
            "ciphertext": self.hex(64),
            "kdf": "pbkdf2",
            "kdfparams": {"c": 2048, "dklen": 32, "prf": "hmac-sha256", "salt": self.hex(32)},
            "mac": self.hex(64),
        }
        address = self.hex(40)
        h = self.hex(32)
        uid = f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}"
        return {"address": address, "crypto": crypto, "id": uid, "version": 3}

    def solana(self) -> bytes:
        from solders.keypair import Keypair

        return bytes(Keypair.from_seed(self.rng.getrandbits(256).to_bytes(32, "big")))

    def passkey(self) -> bytes:
        """A passkey's public key as a smart account stores it: ``x ‖ y`` (64 bytes)."""
        return p256_public(self.rng.randrange(1, P256_N))
