"""Regenerate ``tests/vectors/secret_forms17.json``: the form classes of the dev11 misses.

Run: ``PYTHONPATH=. .venv/bin/python tests/vectors/make_secret_forms17.py``. Keys, phrases,
tokens and keystores come from ``random.Random(1717)`` (``keygen.KeyGen``): never funded, never
used. Each class has positives (``block``) and the near twins that must stay unblocked
(``allow`` / ``flag``): provider keys in an endpoint URL or named by their header, fixed-prefix
tokens, filled placeholders and malformed tokens, digests as file names, private JWKs, raw key
bytes in base58 / base64 beside what they derive to, seed words one per indexed key, a keystore
and its password both encoded. Checked by ``tests/test_secret_form_sets.py``.
"""

from __future__ import annotations

import base64
import json
import string
import sys
import uuid
from pathlib import Path

import base58
from keygen import Case, KeyGen, b64, bad, write_table
from keygen import case as _c

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from aiegis_guard.keys.evm import address_of

OUT = Path(__file__).with_name("secret_forms17.json")
GEN = KeyGen(1717)
RNG = GEN.rng
_hex = GEN.hex
_tok = GEN.token


def _address(key: str) -> str:
    address = address_of(bytes.fromhex(key))
    assert address is not None
    return address


def _postman(url: str) -> str:
    return json.dumps(
        {"info": {"name": "wallet"}, "variable": [{"key": "rpc", "value": url}]}, indent=2
    )


def _endpoint_urls() -> list[Case]:
    """A node provider's key in its endpoint URL (the host names the provider), in the places
    agents keep URLs; the same URLs with a template where the key goes."""
    f = "endpoint-url"
    urls = {
        "chainstack-core": f"https://ethereum-mainnet.core.chainstack.com/{_hex(32)}",
        "chainstack-sol": f"https://solana-mainnet.core.chainstack.com/{_hex(32)}",
        "chainstack-nd": f"https://nd-123-456-789.p2pify.com/{_hex(32)}",
        "getblock": f"https://go.getblock.io/{_hex(32)}",
        "quicknode": f"https://old-red-sun.quiknode.pro/{_hex(40)}/",
    }
    cases = []
    for name, url in urls.items():
        cases.append(_c(f"{name}:postman", f, _postman(url)))
        cases.append(_c(f"{name}:systemd", f, f'[Service]\nEnvironment="RPC_URL={url}"\n'))
    templates = {
        "chainstack-template": "https://ethereum-mainnet.core.chainstack.com/YOUR_API_KEY",
        "chainstack-env": "https://ethereum-mainnet.core.chainstack.com/${CHAINSTACK_KEY}",
        "chainstack-filled": "https://ethereum-mainnet.core.chainstack.com/" + "0" * 32,
        "getblock-filled": "https://go.getblock.io/" + "x" * 32,
        "chainstack-docs": "https://docs.chainstack.com/reference/ethereum-getting-started",
    }
    cases += [_c(n, f, _postman(u), "allow") for n, u in templates.items()]
    return cases


def _header_names() -> list[Case]:
    """A credential named by its request header (Tenderly's X-Access-Key, X-Auth-Token, OKX's
    OK-ACCESS-KEY, GitLab's PRIVATE-TOKEN), in curl and in a HAR; other headers' random values
    and templates stay."""
    f = "header-name"
    curl = "curl -X POST https://api.tenderly.co/api/v1/account/me/project/p/simulate \\\n"
    har = '{"request": {"headers": [{"name": "%s", "value": "%s"}]}}'
    return [
        _c("x-access-key", f, curl + f'  -H "X-Access-Key: {_tok(32)}" \\\n  -d @sim.json'),
        _c("x-auth-token", f, curl + f"  -H 'X-Auth-Token: {_tok(40)}'"),
        _c(
            "ok-access-key", f, f"OK-ACCESS-KEY: {_hex(8)}-{_hex(4)}-{_hex(4)}-{_hex(4)}-{_hex(12)}"
        ),
        _c("private-token", f, f'curl -H "PRIVATE-TOKEN: {_tok(20)}" https://git.example/api/v4'),
        _c("har-access-key", f, har % ("X-Access-Key", _tok(32))),
        _c("env-access-key", f, f"TENDERLY_ACCESS_KEY={_tok(32)}\nTENDERLY_PROJECT=wallet\n"),
        _c("env-ref", f, curl + '  -H "X-Access-Key: $TENDERLY_ACCESS_KEY"', "allow"),
        _c("template", f, curl + '  -H "X-Access-Key: <your-access-key>"', "allow"),
        _c("filled", f, curl + '  -H "X-Access-Key: ' + "x" * 32 + '"', "allow"),
        _c("request-id", f, curl + f'  -H "X-Request-Id: {_tok(32)}"', "allow"),
        _c("har-request-id", f, har % ("X-Request-Id", _tok(32)), "allow"),
        _c(
            "words",
            f,
            "Send the access key in the X-Access-Key header (see the dashboard).",
            "allow",
        ),
    ]


def _uuid() -> str:
    return f"{_hex(8)}-{_hex(4)}-{_hex(4)}-{_hex(4)}-{_hex(12)}"


def _auth_forms() -> list[Case]:
    """A credential in the forms HTTP tools keep it: curl's -u user:secret, a HAR / Postman
    name-value pair, Postman's apikey auth helper; bearer templates, a JWT session token (FLAG),
    other -u arguments and a helper-less pair stay. (A random bearer token to an unnamed host is
    not judged: tests/vectors/provider_secrets.json "bearer-other-host".)"""
    f = "auth-form"
    pair = '{"request": {"queryString": [{"name": "%s", "value": "%s"}]}}'

    def helper(kind: str, field: str, value: str) -> str:
        rows = [{"key": field, "value": value, "type": "string"}]
        if kind == "apikey":
            rows.append({"key": "key", "value": "X-API-Key", "type": "string"})
        return json.dumps({"auth": {"type": kind, kind: rows}}, indent=2)

    jwt = "eyJhbGciOiJIUzI1NiJ9." + _b64url(b'{"sub":"agent","exp":1}') + "." + _tok(43)
    return [
        _c("curl-u", f, f"curl -u {_hex(32)}:{_tok(32)} https://ipfs.infura.io:5001/api/v0/add"),
        _c("har-dkey", f, pair % ("dkey", _tok(36))),
        _c("har-api-key", f, pair % ("api-key", _uuid())),
        _c("postman-apikey", f, helper("apikey", "value", _tok(32))),
        _c(
            "bearer-env",
            f,
            'curl -H "Authorization: Bearer $ONEINCH_API_KEY" https://api.1inch.dev',
            "allow",
        ),
        _c("bearer-template", f, "Authorization: Bearer YOUR_API_TOKEN_HERE", "allow"),
        _c("bearer-angle", f, "Authorization: Bearer <token>", "allow"),
        _c("bearer-jwt", f, f"Authorization: Bearer {jwt}", "flag"),
        _c("docker-u", f, "docker run -u 1000:1000 --rm agent:latest", "allow"),
        _c("git-u", f, "git push -u origin feature/signer-rotation", "allow"),
        _c(
            "curl-u-env",
            f,
            'curl -u "$INFURA_ID:$INFURA_SECRET" https://ipfs.infura.io:5001',
            "allow",
        ),
        _c("pair-plain", f, pair % ("cursor", _tok(32)), "allow"),
        _c(
            "postman-variable",
            f,
            json.dumps({"variable": [{"key": "value", "value": _tok(32)}]}),
            "allow",
        ),
        _c("postman-apikey-name", f, helper("apikey", "key", "X-API-Key"), "allow"),
    ]


def _named_credentials() -> list[Case]:
    """A credential named by a variable or field ending in "token" / "secret" after a
    qualifier (.env, JSON, YAML); a wallet's tokens (contracts, mints), page and CSRF tokens, a
    bare "token" / "secret" (a watch-only wallet's xpub), a JWT (FLAG) and references stay."""
    f = "named-credential"
    mint = base58.b58encode(RNG.getrandbits(256).to_bytes(32, "big")).decode()
    xpub = GEN.xkey("04b24746", False)  # zpub
    jwt = "eyJhbGciOiJSUzI1NiJ9." + _b64url(b'{"sub":"agent"}') + "." + _tok(43)
    return [
        _c("api-token", f, f"DUNE_API_TOKEN={_tok(32)}\n"),
        _c("bot-token", f, f"BOT_TOKEN={_tok(40)}\nCHAT_ID=-100123\n"),
        _c(
            "auth-token-json",
            f,
            json.dumps({"rpc": {"url": "https://rpc.example", "authToken": _tok(36)}}),
        ),
        _c("client-secret", f, f"oauth:\n  client_id: agent-wallet\n  client_secret: {_tok(40)}\n"),
        _c("webhook-secret", f, f"WEBHOOK_SECRET={_tok(32, string.hexdigits[:16])}\n"),
        _c(
            "input-token", f, json.dumps({"inputToken": "0x" + _hex(40), "amount": "1000"}), "allow"
        ),
        _c("output-mint", f, json.dumps({"outputToken": mint, "slippageBps": 50}), "allow"),
        _c("page-token", f, json.dumps({"items": [], "nextPageToken": _tok(40)}), "allow"),
        _c("csrf-token", f, f'<input type="hidden" name="csrf_token" value="{_tok(40)}">', "allow"),
        _c("bare-secret-xpub", f, json.dumps({"label": "Watch-only", "secret": xpub}), "allow"),
        _c("bare-token", f, json.dumps({"token": _tok(32), "symbol": "PEPE"}), "allow"),
        _c("id-token-jwt", f, json.dumps({"idToken": jwt}), "flag"),
        _c("reference", f, "env:\n  GH_TOKEN: ${{ secrets.GH_TOKEN }}\n", "allow"),
    ]


def _prefixed_tokens() -> list[Case]:
    """Fixed-prefix tokens whose random part holds digits (Hugging Face's hf_), in a notebook,
    a CLI and an .env; the same prefixes filled with one character (a template) stay."""
    f = "prefixed-token"
    hf = "hf_" + _tok(34)
    cell = {
        "cell_type": "code",
        "source": ["from huggingface_hub import login\n", f'login(token="{hf}")'],
    }
    return [
        _c("hf-notebook", f, json.dumps({"cells": [cell]}, indent=1)),
        _c("hf-cli", f, f"huggingface-cli login --token {'hf_' + _tok(34)}"),
        _c("hf-env", f, f"HF_TOKEN={'hf_' + _tok(34)}\n"),
        _c("groq", f, f"GROQ_API_KEY={'gsk_' + _tok(52)}"),
        _c("openrouter", f, f"OPENROUTER_API_KEY=sk-or-v1-{_hex(64)}"),
        _c("hf-filled", f, "huggingface-cli login --token hf_" + "x" * 34, "allow"),
        _c("hf-filled-upper", f, "HF_TOKEN=hf_" + "X" * 34, "allow"),
        _c("ghp-filled", f, "GITHUB_TOKEN=ghp_" + "x" * 36, "allow"),
        _c("openrouter-zeros", f, "OPENROUTER_API_KEY=sk-or-v1-" + "0" * 64, "allow"),
        _c("groq-filled", f, "GROQ_API_KEY=gsk_" + "X" * 52, "allow"),
        _c("stripe-filled", f, "STRIPE_KEY=sk_live_" + "x" * 24, "allow"),
        _c("aws-filled", f, "AWS_ACCESS_KEY_ID=AKIA" + "X" * 16, "allow"),
        _c("hf-function", f, "from huggingface_hub import hf_hub_download", "allow"),
    ]


def _malformed() -> list[Case]:
    """A value given by its name that wears a provider's own prefix and is shorter than its
    format (a truncated token): flagged, not blocked. Longer than the format (another key
    behind the prefix, a kind the provider's rule does not know), a well-formed token, a legacy
    ``sk-`` key or a prefixless key: blocked (review17b B5)."""
    f = "malformed"
    note = "  # revoked, kept for the incident write-up"
    return [
        _c("openrouter-short", f, f"OPENROUTER_API_KEY=sk-or-v1-{_hex(40)}{note}", "flag"),
        _c("ghp-short", f, f'{{"api_key": "ghp_{_tok(20)}"}}', "flag"),
        _c("gsk-short", f, f"GROQ_API_KEY=gsk_{_tok(30)}{note}", "flag"),
        _c("hf-long", f, f"api_key: hf_{_tok(50)}"),
        _c("openrouter-ok", f, f"OPENROUTER_API_KEY=sk-or-v1-{_hex(64)}"),
        _c("legacy-sk", f, f"OPENAI_API_KEY=sk-{_tok(48)}"),
        _c("prefixless", f, f"x-api-key: {_tok(32)}"),
    ]


def _file_names() -> list[Case]:
    """A 64-hex value that is a file's name in a path (content addressing: the name is the
    digest of the content), whatever the folder is called; a key named as one stays blocked."""
    f = "file-name"
    k = GEN.key()
    return [
        _c("s3-keys", f, f"s3://agent-artifacts/keys/{_hex(64)}.json  (report)", "allow"),
        _c("gs-blob", f, f"gs://wallet-cache/signer/{_hex(64)}.tar.gz", "allow"),
        _c("url-key", f, f"GET https://cdn.example.com/private/{_hex(64)}.png 200", "allow"),
        _c("local", f, f"wrote /var/lib/agent/keys/0x{_hex(64)}.bin", "allow"),
        _c("named", f, f"PRIVATE_KEY=0x{k}\n# s3://agent-artifacts/keys/report.json"),
        _c("fragment", f, f"https://wallet.example/#0x{GEN.key()}"),
    ]


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _jwks() -> list[Case]:
    """A JSON Web Key with its private member ``d`` (secp256k1, P-256, Ed25519; JSON, a JWKS,
    YAML); a public JWK, a redacted ``d`` and a ``d`` outside a key stay."""
    from solders.keypair import Keypair

    f = "jwk"
    k = bytes.fromhex(GEN.key())
    seed = RNG.getrandbits(256).to_bytes(32, "big")
    x = bytes(Keypair.from_seed(seed).pubkey())
    xy = RNG.getrandbits(256).to_bytes(32, "big")
    return [
        _c("secp256k1", f, json.dumps({"kty": "EC", "crv": "secp256k1", "d": _b64url(k)})),
        _c(
            "p256-jwks",
            f,
            json.dumps(
                {
                    "keys": [
                        {
                            "kty": "EC",
                            "crv": "P-256",
                            "x": _b64url(xy),
                            "y": _b64url(xy[::-1]),
                            "d": _b64url(RNG.getrandbits(256).to_bytes(32, "big")),
                        }
                    ]
                },
                indent=2,
            ),
        ),
        _c(
            "ed25519",
            f,
            json.dumps({"kty": "OKP", "crv": "Ed25519", "x": _b64url(x), "d": _b64url(seed)}),
        ),
        _c(
            "yaml",
            f,
            f"signer_jwk:\n  kty: EC\n  crv: secp256k1\n  d: {_b64url(bytes.fromhex(GEN.key()))}\n",
        ),
        _c(
            "public",
            f,
            json.dumps({"kty": "EC", "crv": "P-256", "x": _b64url(xy), "y": _b64url(xy[::-1])}),
            "allow",
        ),
        _c("redacted", f, '{"kty": "EC", "crv": "secp256k1", "d": "<redacted>"}', "allow"),
        _c("filled", f, '{"kty":"OKP","crv":"Ed25519","d":"' + "A" * 43 + '"}', "allow"),
        _c("no-kty", f, json.dumps({"id": _tok(12), "d": _b64url(xy)}), "allow"),
    ]


def _derived_encodings() -> list[Case]:
    """The raw 32 bytes of a key in base58 / base64 / base64url beside the address (or Solana
    public key) they derive to; a 32-byte value beside an address it does not derive to, and a
    Solana public key beside another, stay."""
    from solders.keypair import Keypair

    f = "derived-encoding"
    cases = []
    for name, enc in (
        ("base58", lambda r: base58.b58encode(r).decode()),
        ("base64", lambda r: base64.b64encode(r).decode()),
        ("base64url", _b64url),
    ):
        key = GEN.key()
        value = enc(bytes.fromhex(key))
        cases.append(
            _c(
                name,
                f,
                f"hot_signer:\n  encoding: {name}\n  secret: {value}\n  address: {_address(key)}\n",
            )
        )
        other = enc(RNG.getrandbits(256).to_bytes(32, "big"))
        cases.append(
            _c(
                f"{name}-unrelated",
                f,
                f"checksum: {other}\naddress: {_address(GEN.key())}\n",
                "allow",
            )
        )
    seed = RNG.getrandbits(256).to_bytes(32, "big")
    pub = base58.b58encode(bytes(Keypair.from_seed(seed).pubkey())).decode()
    cases.append(_c("solana-seed", f, f"seed: {base58.b58encode(seed).decode()}\npubkey: {pub}\n"))
    a = base58.b58encode(
        bytes(Keypair.from_seed(RNG.getrandbits(256).to_bytes(32, "big")).pubkey())
    )
    b = base58.b58encode(
        bytes(Keypair.from_seed(RNG.getrandbits(256).to_bytes(32, "big")).pubkey())
    )
    cases.append(_c("solana-two-pubkeys", f, f"from: {a.decode()}\nto: {b.decode()}\n", "allow"))
    return cases


def _escaped_bytes() -> list[Case]:
    """Key bytes percent-escaped one by one (a URL or form value) or in unpadded base64url,
    behind a key name; escaped UTF-8 text and a digest in the same forms stay."""
    f = "escaped-bytes"
    pct = "".join(f"%{b:02x}" for b in bytes.fromhex(GEN.key()))
    pct_upper = "".join(f"%{b:02X}" for b in bytes.fromhex(GEN.key()))
    text = "".join(f"%{b:02X}" for b in "钱包助记词备份说明文档".encode())
    digest = RNG.getrandbits(256).to_bytes(32, "big")
    return [
        _c("percent-form", f, f"POST /import\n\nprivate_key={pct}&chain=1"),
        _c("percent-link", f, f"https://wallet.example/import?privateKey={pct_upper}"),
        _c("percent-text", f, f"https://search.example/?key={text}", "allow"),
        _c("b64url-env", f, f"SIGNER_PRIVATE_KEY={_b64url(bytes.fromhex(GEN.key()))}\n"),
        _c("b64url-digest", f, f"content_digest: {_b64url(digest)}\n", "allow"),
        _c(
            "b64url-path",
            f,
            '// import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";',
            "allow",
        ),
        _c("b64url-hex", f, "mint to a fixed account, for example `0x" + "0" * 40 + "1`", "allow"),
    ]


def _indexed_words() -> list[Case]:
    """Seed words one per indexed key (``seed.words.0=..`` .properties, ``mnemonic.word.1:``
    flattened YAML, ``wallet.seed.3 = ..`` INI), counted from 0 or 1; a phrase whose checksum
    fails is only flagged, and dotted version numbers are no numbering."""
    f = "indexed-words"
    p18, p12, p24 = GEN.phrase(18), GEN.phrase(12), GEN.phrase(24)
    props = "\n".join(f"seed.words.{i}={w}" for i, w in enumerate(p18)) + "\nseed.passphrase=\n"
    yaml = "\n".join(f"mnemonic.word.{i + 1}: {w}" for i, w in enumerate(p12))
    ini = "[wallet]\n" + "\n".join(f"wallet.seed.{i + 1} = {w}" for i, w in enumerate(p24))
    broken = "\n".join(f"seed.words.{i}={w}" for i, w in enumerate(bad(GEN.phrase(12))))
    versions = "\n".join(f"release.{i}.12 notes: fixed" for i in range(12))
    return [
        _c("properties", f, props),
        _c("yaml-flat", f, yaml),
        _c("ini", f, ini),
        _c("checksum-fails", f, broken, "flag"),
        _c("versions", f, versions, "allow"),
    ]


def _encoded_keystores() -> list[Case]:
    """A keystore and its password both base64 (a Kubernetes Secret's ``data:``), or the
    keystore in base64 beside a plain password; the keystore alone, or beside a password
    entry that holds a reference, is only flagged."""
    from unittest import mock

    from eth_account import Account

    f = "encoded-keystore"
    password = _tok(16) + "#!"
    # salt, iv and id from the seeded generator too: the table regenerates byte for byte
    with (
        mock.patch("eth_keyfile.keyfile.Random.get_random_bytes", RNG.randbytes),
        mock.patch("eth_keyfile.keyfile.uuid4", lambda: uuid.UUID(int=RNG.getrandbits(128))),
    ):
        kept = Account.encrypt("0x" + GEN.key(), password, kdf="pbkdf2", iterations=2)
    store = b64(json.dumps(kept))
    head = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: validator-wallet\ndata:\n"
    return [
        _c("k8s-both", f, head + f"  keystore.json: {store}\n  password.txt: {b64(password)}\n"),
        _c("env-plain", f, f"KEYSTORE_B64={store}\nKEYSTORE_PASSWORD={password}\n"),
        _c("k8s-alone", f, head + f"  keystore.json: {store}\n", "flag"),
        _c(
            "k8s-ref",
            f,
            head + f"  keystore.json: {store}\n  password.txt: {b64('${KEYSTORE_PASSWORD}')}\n",
            "flag",
        ),
    ]


SOURCE = (
    "Generated by tests/vectors/make_secret_forms17.py (random.Random(1717)); keys, "
    "tokens and phrases never funded, never used."
)


def build() -> list[Case]:
    return [
        *_endpoint_urls(),
        *_header_names(),
        *_auth_forms(),
        *_named_credentials(),
        *_prefixed_tokens(),
        *_malformed(),
        *_file_names(),
        *_jwks(),
        *_derived_encodings(),
        *_escaped_bytes(),
        *_indexed_words(),
        *_encoded_keystores(),
    ]


if __name__ == "__main__":
    write_table(OUT, SOURCE, build())
