"""Generate ``secret_forms17b.json``: review17b's secret-scanner findings as form classes, each
with the near twins that must stay unblocked. B0: a private key written as a file's name
(``/<hex>.<ext>``) under a key's name. B5: a credential padded with one repeated character,
behind another provider's prefix, or of a token kind a provider's rule does not know. B7: other
chains' public addresses under a ``…Token`` field, paging / resume / idempotency tokens.
Checked by ``tests/test_secret_forms17b.py``. Keys and tokens are random, never funded.
"""

from __future__ import annotations

import base64
import hashlib
import json
import sys
import uuid
from pathlib import Path

import base58
from keygen import ALNUM, Case, KeyGen, write_table
from keygen import case as _c

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

OUT = Path(__file__).with_name("secret_forms17b.json")
GEN = KeyGen(17172)
RNG = GEN.rng
_hex = GEN.hex
_tok = GEN.token
BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def _bytes(n: int) -> bytes:
    return bytes(RNG.randrange(256) for _ in range(n))


def _polymod(values: list[int]) -> int:  # BIP-173
    gen = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i, g in enumerate(gen):
            chk ^= g if (top >> i) & 1 else 0
    return chk


def _bech32(hrp: str, data: list[int], const: int = 1) -> str:
    """BIP-173 (const 1) / BIP-350 (const 0x2bc830a3) encoding of 5-bit ``data``."""
    expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    pm = _polymod(expanded + data + [0] * 6) ^ const
    check = [(pm >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(BECH32[d] for d in data + check)


def _five(raw: bytes) -> list[int]:
    acc = bits = 0
    out = []
    for b in raw:
        acc, bits = (acc << 8) | b, bits + 8
        while bits >= 5:
            bits -= 5
            out.append((acc >> bits) & 31)
    return out + ([(acc << (5 - bits)) & 31] if bits else [])


def _crc16(data: bytes) -> int:  # XModem, as stellar/stellar-protocol ecosystem/sep-0023.md
    crc = 0
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021 if crc & 0x8000 else crc << 1) & 0xFFFF
    return crc


def _strkey(version: int, raw: bytes) -> str:
    body = bytes([version << 3]) + raw
    return base64.b32encode(body + _crc16(body).to_bytes(2, "little")).decode().rstrip("=")


def _file_names() -> list[Case]:
    """B0: a key named as one wins over the file-name reading; a digest in a path named by
    nothing (or as a digest) stays a hash."""
    f = "key-file-name"
    return [
        _c("label-path", f, f"private_key: /{GEN.key()}.k"),
        _c("env-path", f, f"PRIVATE_KEY=/run/keys/{GEN.key()}.txt"),
        _c("paste-url", f, f"Here is the wallet private key: https://paste.example/{GEN.key()}.txt"),
        _c("named-after", f, f"/tmp/0x{GEN.key()}.json  <- the signer's private key"),
        _c("digest-named", f, f"s3://artifacts/keys/{_hex(64)}.json  (object is its sha256)",
           "allow"),
        _c("blob", f, f"cache hit: /var/cache/blobs/{_hex(64)}.tar.gz", "allow"),
        _c("image", f, f"![status](https://img.example/p/{_hex(64)}.png)", "allow"),
    ]  # fmt: skip


def _padded() -> list[Case]:
    """B5: a credential padded with filler, behind another provider's prefix, or of a kind the
    provider's rule does not know, is still one; a template (all filler) is not."""
    f = "laundered"
    return [
        _c("stripe-zeros", f, f"config: STRIPE_KEY=sk_live_{_tok(99)}{'0' * 60}"),
        _c("api-key-dashes", f, f"x-api-key: {_tok(40)}{'-' * 30}"),
        _c("openai-underscores", f, f"OPENAI_API_KEY=sk-proj-{_tok(156)}{'_' * 80}"),
        _c("ghp-prefix", f, f"x-api-key: ghp_{_tok(40)}"),
        _c("hf-prefix", f, f"api_key=hf_{_tok(40)}"),
        _c("anthropic-ort", f, f"ANTHROPIC_API_KEY=sk-ant-ort01-{_tok(95, ALNUM + '_-')}"),
        _c("refresh-token", f, json.dumps({"claudeAiOauth": {
            "refreshToken": f"sk-ant-ort01-{_tok(95, ALNUM + '_-')}", "expiresAt": 1767225600}})),
        _c("stripe-template", f, f"STRIPE_KEY=sk_live_{'x' * 24}1234", "allow"),
        _c("hf-template", f, f"HF_TOKEN=hf_{'x' * 30}abcd", "allow"),
        _c("dashes-template", f, f"x-api-key: {'-' * 36}ab12", "allow"),
    ]  # fmt: skip


def _public_tokens() -> list[Case]:
    """B7: another chain's public address / asset id under a ``…Token`` field, a paging or
    idempotency token: not a credential. A secret of the same chains under such a name is."""
    f = "public-token"
    tron = base58.b58encode_check(b"\x41" + _bytes(20)).decode()
    tezos = base58.b58encode_check(bytes.fromhex("025a79") + _bytes(20)).decode()
    wif = GEN.wif()
    segwit = _bech32("bc", [0, *_five(_bytes(20))])
    taproot = _bech32("bc", [1, *_five(_bytes(32))], 0x2BC830A3)
    cosmwasm = _bech32("osmo", _five(_bytes(32)))
    nsec = _bech32("nsec", _five(_bytes(32)))
    digest = hashlib.sha256(_bytes(8)).hexdigest()[:56]
    request_id = str(uuid.UUID(int=RNG.getrandbits(128), version=4))
    typo = tron[:-4] + ("abc1" if tron[-4:] != "abc1" else "abc2")  # its checksum fails
    return [
        _c("tron", f, json.dumps({"chain": "tron", "usdtToken": tron, "decimals": 6}), "allow"),
        _c("tezos", f, json.dumps({"farm": "quipu", "rewardToken": tezos}), "allow"),
        _c("segwit", f, json.dumps({"feeToken": segwit}), "allow"),
        _c("taproot", f, json.dumps({"runeToken": taproot}), "allow"),
        _c("cosmwasm", f, json.dumps({"pool_id": 1, "lpToken": cosmwasm}), "allow"),
        _c("stellar", f, f"USDC_TOKEN={_strkey(6, _bytes(32))}", "allow"),
        _c("soroban", f, f'{{"assetToken": "{_strkey(2, _bytes(32))}"}}', "allow"),
        _c("cardano", f, json.dumps({"nativeToken": f"{digest}.MIN"}), "allow"),
        _c("pagination", f, json.dumps({"Users": [], "PaginationToken": _tok(42)}), "allow"),
        _c("scroll", f, json.dumps({"scrollToken": _tok(60)}), "allow"),
        _c("cursor", f, json.dumps({"endCursorToken": _tok(24)}), "allow"),
        _c("resume", f, json.dumps({"resumeToken": _hex(38).upper()}), "allow"),
        _c("idempotency", f, json.dumps({"idempotency_token": request_id}), "allow"),
        _c("stellar-seed", f, f"STELLAR_SECRET={_strkey(18, _bytes(32))}"),
        _c("wif", f, json.dumps({"walletToken": wif})),
        _c("nsec", f, json.dumps({"nostrSecret": nsec})),
        _c("auth", f, json.dumps({"authToken": _tok(40)})),
        _c("bad-checksum", f, json.dumps({"usdtToken": typo})),
    ]  # fmt: skip


SOURCE = (
    "Generated by tests/vectors/make_secret_forms17b.py (random.Random(17172)); "
    "keys and tokens never funded, never used."
)


def build() -> list[Case]:
    return [*_file_names(), *_padded(), *_public_tokens()]


if __name__ == "__main__":
    write_table(OUT, SOURCE, build())
