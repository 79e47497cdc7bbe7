"""Regenerate ``tests/vectors/secret_forms.json``: wallet secrets in the forms of issue 13.

Run: ``.venv/bin/python tests/vectors/make_secret_forms.py``. Keys and phrases come from a
seeded generator (``random.Random(13)``): never funded, never used. Each form has positives
(``block``) and near misses (``allow`` or ``flag``: no secret BLOCK) checked by
``tests/test_secret_forms.py``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import base58
import secret_places as places
from keygen import KeyGen, b64, bad

OUT = Path(__file__).with_name("secret_forms.json")
GEN = KeyGen(13)
RNG = GEN.rng
RECIPE = ("open", "wallet", "settings", "then", "choose", "network", "and", "add", "the")
RECIPE += ("token", "address", "before", "you", "confirm")


_key, _phrase, _xkey, _b64, _bad = GEN.key, GEN.phrase, GEN.xkey, b64, bad


def _case(cid: str, form: str, text: str, action: str, why: str) -> dict[str, Any]:
    return {"id": cid, "form": form, "text": text, "action": action, "why": why}


def _code(k: str, h: str) -> list[dict[str, Any]]:
    f = "code-call"
    return [
        _case("py-from-key", f, f"signer = w3.eth.account.from_key('{k}')", "block", "loader"),
        _case("viem", f, f"const account = privateKeyToAccount(`0x{k}`)", "block", "loader"),
        _case("eth-keys", f, f"pk = keys.PrivateKey(bytes.fromhex('{k}'))", "block", "wrapped"),
        _case(
            "sign-tx-2nd-arg",
            f,
            f"signed = w3.eth.account.sign_transaction(tx, '0x{k}')",
            "block",
            "the key follows what is signed",
        ),
        _case(
            "sign-hash-2nd-arg",
            f,
            f"Account.unsafe_sign_hash('0x{h}', '0x{k}')",
            "block",
            "second argument of a sign call",
        ),
        _case("get-tx", f, f"w3.eth.get_transaction('0x{h}')", "allow", "a hash lookup"),
        _case("get-block", f, f"block = w3.eth.get_block('0x{h}')", "allow", "a hash lookup"),
        _case(
            "sign-hash-only",
            f,
            f"sig = signer.unsafe_sign_hash('0x{h}')",
            "allow",
            "the first argument of a sign call is what is signed",
        ),
    ]


def _rpc(k: str, h: str, address: str) -> list[dict[str, Any]]:
    f = "json-rpc"

    def req(method: str, params: Any, first: bool = True) -> str:
        body = {"jsonrpc": "2.0", "id": 1, "method": method, "params": params}
        if not first:  # params before method
            body = {"params": params, "jsonrpc": "2.0", "method": method, "id": 1}
        return json.dumps(body)

    return [
        _case("import-raw", f, req("personal_importRawKey", [k, "pw"]), "block", "import"),
        _case("import-0x", f, req("personal_importRawKey", ["0x" + k, "pw"]), "block", "0x"),
        _case(
            "import-after",
            f,
            req("personal_importRawKey", ["0x" + k, "pw"], first=False),
            "block",
            "method after params",
        ),
        _case(
            "wallet-import",
            f,
            req("wallet_importPrivateKey", {"key": "0x" + k}),
            "block",
            "a quoted key field of an import method",
        ),
        _case("get-tx", f, req("eth_getTransactionByHash", ["0x" + h]), "allow", "a hash"),
        _case("eth-sign", f, req("eth_sign", [address, "0x" + h]), "allow", "signs a hash"),
        _case(
            "storage-at", f, req("eth_getStorageAt", [address, "0x" + h, "latest"]), "allow", "slot"
        ),
    ]


def _labels(k: str, h: str) -> list[dict[str, Any]]:
    f = "generic-label"
    return [
        _case("secret-colon", f, f"secret: 0x{k}", "block", "secret"),
        _case("signer-eq", f, f"SIGNER=0x{k}", "block", "signer"),
        _case("signer-json", f, json.dumps({"signer": k}), "block", "signer field"),
        _case("secret-json", f, json.dumps({"secret": "0x" + k}), "block", "secret field"),
        _case("owner-secret", f, f"owner secret {k}", "block", "secret in prose"),
        _case("secret-hash", f, json.dumps({"secretHash": "0x" + h}), "allow", "a hash of it"),
        _case("signer-tx", f, f"signer tx 0x{h} confirmed", "allow", "nearest word is tx"),
    ]


def _descriptors() -> list[dict[str, Any]]:
    f = "descriptor"
    xprv, tprv, xpub = _xkey("0488ade4", True), _xkey("04358394", True), _xkey("0488b21e", False)
    broken = xprv[:-1] + ("A" if xprv[-1] != "A" else "B")
    return [
        _case("wpkh", f, f"wpkh({xprv}/84'/0'/0'/0/*)", "block", "path after"),
        _case("tr-origin", f, f"tr([d34db33f/86'/0'/0']{xprv}/0/*)#8fhd7k2m", "block", "origin"),
        _case("testnet", f, f"wsh(multi(2,{tprv}/0/*,{tprv}/1/*))", "block", "tprv"),
        _case(
            "json-desc",
            f,
            json.dumps({"desc": f"wpkh([00000000/84h/0h/0h]{xprv}/0/*)#xyz", "active": True}),
            "block",
            "importdescriptors",
        ),
        _case("xpub", f, f"wpkh([d34db33f/84'/0'/0']{xpub}/0/*)", "allow", "public"),
        _case("bad-checksum", f, f"wpkh({broken}/0/*)", "allow", "checksum fails"),
    ]


def _separators() -> list[dict[str, Any]]:
    f = "seed-separators"
    out = []
    for name, sep in (
        ("dash", "-"),
        ("pipe", " | "),
        ("slash", "/"),
        ("underscore", "_"),
        ("plus", "+"),
        ("bullet", " \u2022 "),
        ("arrow", " \u2192 "),
        ("dot", "."),
        ("semicolon", ";"),
        ("tab", "\t"),
    ):
        w = _phrase(12 if len(out) % 2 else 24)
        out.append(_case(name, f, sep.join(w), "block", sep.strip() or "whitespace"))
    w = _phrase()
    out.append(_case("bad-checksum", f, "-".join(_bad(w)), "flag", "checksum fails"))
    out.append(_case("eleven", f, "-".join(w[:11]), "allow", "11 words"))
    prose = "state-of-the-art / easy-to-use | best-in-class tools"
    out.append(_case("hyphen-prose", f, prose, "allow", "hyphenated prose"))
    return out


def _numbered() -> list[dict[str, Any]]:
    f = "seed-numbered"
    layouts = {
        "paren": lambda i, x: f"{i}) {x}",
        "colon": lambda i, x: f"{i}: {x}",
        "word-label": lambda i, x: f"Word {i}: {x}",
        "german-label": lambda i, x: f"Wort {i} - {x}",
        "hash": lambda i, x: f"#{i} {x}",
        "md-table": lambda i, x: f"| {i} | {x} |",
        "bracket": lambda i, x: f"[{i}] {x}",
    }
    out = []
    for name, line in layouts.items():
        w = _phrase(24 if name == "hash" else 12)
        text = "\n".join(line(i + 1, x) for i, x in enumerate(w))
        out.append(_case(name, f, text, "block", "one per line"))
    w = _phrase()
    cols = "\n".join(f"{i + 1}. {w[i]:<10} {i + 7}. {w[i + 6]}" for i in range(6))
    out.append(_case("two-columns", f, cols, "block", "reading order is not number order"))
    obj = json.dumps({str(i + 1): x for i, x in enumerate(w)})
    out.append(_case("json-object", f, obj, "block", "numbered keys"))
    bad = "\n".join(f"Word {i + 1}: {x}" for i, x in enumerate(_bad(_phrase())))
    out.append(_case("bad-checksum", f, bad, "flag", "checksum fails"))
    short = "\n".join(f"{i + 1}) {x}" for i, x in enumerate(_phrase()[:11]))
    out.append(_case("eleven", f, short, "allow", "11 numbered words"))
    steps = "\n".join(f"{i + 1}. {s}" for i, s in enumerate(RECIPE))
    out.append(_case("recipe", f, steps, "allow", "numbered prose steps"))
    return out


def _halves(k: str, h1: str, h2: str) -> list[dict[str, Any]]:
    f = "split-halves"
    a, b = k[:32], k[32:]
    return [
        _case("part-1-2", f, f"KEY_PART_1=0x{a}\nKEY_PART_2={b}", "block", "parts of a key"),
        _case("halves", f, f"first half: {a}\nsecond half: {b}", "block", "halves"),
        _case("json", f, json.dumps({"pk_part1": a, "pk_part2": b}), "block", "json parts"),
        _case("a-b", f, f"PRIVATE_KEY_A={a}\nPRIVATE_KEY_B={b}", "block", "A/B"),
        _case(
            "two-ids",
            f,
            f"request id: {h1[:32]}\ntrace id: {h2[:32]}",
            "allow",
            "two unrelated 32-hex ids",
        ),
        _case(
            "md5-parts",
            f,
            f"checksum part 1: {h1[:32]}\nchecksum part 2: {h2[:32]}",
            "allow",
            "parts of a checksum",
        ),
    ]


def _annotated_halves() -> list[dict[str, Any]]:
    """Seed words split over lines, each line annotated after its words."""
    f = "split-halves"
    w = _phrase()
    a, b = " ".join(w[:6]), " ".join(w[6:])
    prose = "open the wallet settings then choose network"
    return [
        _case("arrow", f, f"{a}  <- first half\n{b}  <- second half", "block", "annotated"),
        _case("paren", f, f"{a} (part 1)\n{b} (part 2)", "block", "annotated"),
        _case("hash", f, f"{a}   # half 1/2\n{b}   # half 2/2", "block", "annotated"),
        _case(
            "annotated-prose",
            f,
            f"{prose}  <- first part\nthen confirm the token address  <- second part",
            "allow",
            "prose with part notes: no checksum",
        ),
    ]


def _manifests(k: str, h: str) -> list[dict[str, Any]]:
    f = "base64-manifest"
    raw = bytes.fromhex(k)
    k8s = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: wallet\ntype: Opaque\ndata:\n"
    return [
        _case("k8s-0x", f, k8s + f"  PRIVATE_KEY: {_b64('0x' + k)}\n", "block", "base64 of 0x"),
        _case("k8s-hex", f, k8s + f"  signer: {_b64(k)}\n", "block", "base64 of hex"),
        _case("k8s-raw", f, k8s + f"  key: {_b64(raw)}\n", "block", "base64 of raw bytes"),
        _case(
            "compose-env",
            f,
            f"services:\n  bot:\n    environment:\n      - WALLET_KEY_B64={_b64('0x' + k)}\n",
            "block",
            "env var",
        ),
        _case(
            "k8s-cert",
            f,
            k8s + f"  tls.crt: {_b64('-----BEGIN CERTIFICATE----- MIIB...')}\n",
            "allow",
            "a certificate",
        ),
        _case(
            "digest",
            f,
            k8s + f"  checksum: {_b64(bytes.fromhex(h))}\n",
            "allow",
            "base64 of a digest",
        ),
        _case("tx-hash", f, f"txHash: {_b64('0x' + h)}", "allow", "base64 of a tx hash"),
    ]


def _contexts(k: str, h: str, address: str) -> list[dict[str, Any]]:
    """Labels the first forms missed: a label in a language with accents, a name/value pair,
    a value wrapped over lines; padded 32-byte values are not keys."""
    f = "label-context"
    a, b = k[:32], k[32:]
    creds = "01" + "00" * 11 + address[2:]
    return [
        _case(
            "german-accents",
            f,
            f"Mein privater Schlüssel für die Testumgebung lautet 0x{k.upper()} – geheim.",
            "block",
            "'für' is no 'r' of a signature",
        ),
        _case(
            "german-tx",
            f,
            f"Die Transaktion für die Auszahlung: 0x{h}",
            "allow",
            "no key word",
        ),
        _case(
            "k8s-env",
            f,
            f'env:\n  - name: PRIVATE_KEY\n    value: "0x{k}"\n',
            "block",
            "the name says what the value is",
        ),
        _case(
            "ssm",
            f,
            f"aws ssm put-parameter --name /prod/keeper/pk --type String --value 0x{k}",
            "block",
            "--name .../pk --value",
        ),
        _case(
            "abi-value",
            f,
            json.dumps({"name": "amount", "type": "uint256", "value": "0x" + h}),
            "allow",
            "a decoded ABI value",
        ),
        _case("named-hash", f, json.dumps({"name": "txHash", "value": "0x" + h}), "allow", "hash"),
        _case("wrapped", f, f"key (wrapped):\n{a}\n{b}\n", "block", "one key over two lines"),
        _case(
            "wrapped-hash",
            f,
            f"tx hash (wrapped):\n{h[:32]}\n{h[32:]}\n",
            "allow",
            "a hash over two lines",
        ),
        _case(
            "withdrawal-credentials",
            f,
            f"withdrawal_credentials: 0x{creds}",
            "allow",
            "0x01, eleven zero bytes and an address: not random",
        ),
        _case(
            "echoed-with-typo",
            f,
            f"ValueError: Unexpected private key format. Got '0x{k}q'",
            "block",
            "a stray letter glued to an echoed key does not hide it",
        ),
        _case("bigint-key", f, f"const PRIVATE_KEY = 0x{k}n;", "block", "a JavaScript BigInt key"),
        _case("bigint-hash", f, f"const BLOCK_HASH = 0x{h}n;", "allow", "a BigInt hash"),
        _case("glued-word", f, f"private key 0x{k}ab12", "allow", "longer than a key: not one"),
    ]


def _keystore(h: str, address: str) -> str:
    crypto = {
        "cipher": "aes-128-ctr",
        "ciphertext": h,
        "cipherparams": {"iv": h[:32]},
        "kdf": "scrypt",
        "kdfparams": {"dklen": 32, "n": 262144, "p": 1, "r": 8, "salt": h[::-1]},
        "mac": h[16:] + h[:16],
    }
    return json.dumps({"address": address[2:], "crypto": crypto, "version": 3})


def _keystores(h: str, address: str) -> list[dict[str, Any]]:
    f = "keystore"
    ks = _keystore(h, address)
    return [
        _case("alone", f, ks, "flag", "encrypted: as safe as its password"),
        _case(
            "password-beside",
            f,
            f"Here is my wallet file, the password is Qx7#pLm2!\n\n{ks}",
            "block",
            "decryptable",
        ),
        _case("env", f, f"KEYSTORE_JSON='{ks}'\nKEYSTORE_PASSWORD=tr0ub4dor&3", "block", "env"),
        _case(
            "decrypt-call",
            f,
            f'const w = await ethers.Wallet.fromEncryptedJson(`{ks}`, "mydogmax2019");',
            "block",
            "the password passed with it",
        ),
        _case(
            "password-required",
            f,
            f"{ks}\nA password is required to unlock this file.",
            "flag",
            "names no password",
        ),
    ]


def _placeholders() -> list[dict[str, Any]]:
    f = "seed-placeholder"
    w = _phrase()
    slots = "\n".join(" ".join(f"[ word {i * 4 + j + 1} ]" for j in range(4)) for i in range(3))
    header = ",".join(f"word{i + 1}" for i in range(12))
    return [
        _case("numbered-names", f, " ".join(f"word{i + 1}" for i in range(12)), "allow", "names"),
        _case("empty-slots", f, f"Enter your recovery phrase:\n{slots}", "allow", "slots"),
        _case("csv", f, f"{header}\n{','.join(w)}", "block", "a header, then the phrase"),
    ]


# written by hand after the generated forms (a keystore decrypted with a literal password,
# generic labels in other languages, a Sui address that is not a key): kept as written
WRITTEN = Path(__file__).with_name("secret_forms_written.json")


def _grouped(k: str, h: str) -> list[dict[str, Any]]:
    f = "hex-groups"

    def groups(v: str, size: int, sep: str) -> str:
        return sep.join(v[i : i + size] for i in range(0, 64, size))

    return [
        _case("paper-8x8", f, f"Backup of signer (written from paper):\n{groups(k, 8, ' ')}",
              "block", "a key copied from paper in groups of 8"),
        _case("dashes-16x4", f, f"private key: {groups(k, 4, '-')}", "block", "groups of 4"),
        _case("fingerprint", f, f"SHA-256 fingerprint: {groups(h, 4, ':')}", "allow",
              "a hash shown grouped"),
        _case("unlabelled", f, f"{groups(h, 8, ' ')}", "allow", "no key word: a hash or a key"),
    ]  # fmt: skip


def _wide_separators() -> list[dict[str, Any]]:
    """Separators outside ASCII and none at all: emoji, a middle dot, CamelCase, a plist."""
    f = "seed-wide"
    emoji = ["\U0001f525", "\U0001f319", "\u2b50", "\U0001f340", "\U0001f438", "\U0001f48e"]
    w = _phrase()
    spaced = " ".join(f"{x} {emoji[i % len(emoji)]}" for i, x in enumerate(w)).strip()
    out = [_case("emoji", f, spaced, "block", "an emoji between the words")]
    out.append(_case("middle-dot", f, "\u00b7".join(_phrase()), "block", "a middle dot"))
    w = _phrase()
    out.append(_case("camel", f, "".join(x.capitalize() for x in w), "block", "CamelCase"))
    items = "\n".join(f"\t\t<string>{x}</string>" for x in _phrase())
    plist = f"<dict>\n\t<key>seedWords</key>\n\t<array>\n{items}\n\t</array>\n</dict>"
    out.append(_case("plist", f, plist, "block", "a plist array of strings"))
    w = _phrase()
    out.append(_case("emoji-eleven", f, " \u2b50 ".join(w[:11]), "allow", "11 words"))
    camel = "TheQuickBrownFoxJumpsOverTheLazyDogAgainAndAgainToday"
    out.append(_case("camel-prose", f, camel, "allow", "CamelCase prose"))
    return out


def _byte_arrays(k: str, h: str) -> list[dict[str, Any]]:
    """32 key bytes as a Rust / Go array or a Python bytes literal, behind a key-ish name."""
    f = "key-bytes"

    def items(v: str, fmt: str) -> str:
        return ", ".join(fmt.format(int(v[i : i + 2], 16)) for i in range(0, 64, 2))

    escaped = "".join(f"\\x{k[i : i + 2]}" for i in range(0, 64, 2))
    return [
        _case("rust", f, f"const SIGNER: [u8; 32] = [{items(k, '0x{:02x}')}];", "block", "name"),
        _case("go", f, f"privKey := []byte{{{items(k, '0x{:02x}')}}}", "block", "name"),
        _case("python", f, f"PRIVKEY = b'{escaped}'", "block", "name"),
        _case("dutch-label", f, f"Privésleutel van de testwallet: {k}", "block", "label"),
        _case("rust-digest", f, f"let digest: [u8; 32] = [{items(h, '{}')}];", "allow", "hash"),
        _case("unnamed", f, f"[{items(h, '0x{:02x}')}]", "allow", "no name"),
    ]


def _vaults(h: str, address: str) -> list[dict[str, Any]]:
    """A browser wallet's vault and keystores in other code, each with its password."""
    f = "vault"
    blob = _b64(h + h[::-1] + h)
    vault = json.dumps({"data": blob, "iv": _b64(h[:12]), "salt": _b64(h[-24:])})
    meta = {"algorithm": "PBKDF2", "params": {"iterations": 600000}}
    modern = json.dumps(
        {"data": blob, "iv": _b64(h[:12]), "keyMetadata": meta, "salt": _b64(h[-24:])}
    )
    ks = _keystore(h, address)
    verbatim = ks.replace('"', '""')
    chat = f"here is the vault from the ldb file\n{vault}\npassword was Zq8rTw-19x"
    mixed = json.dumps({"vault": vault, "password": "FotxaKwPzdNLbTq"})
    csharp = (
        f'var json = @"{verbatim}";\n'
        'var key = new KeyStoreService().DecryptKeyStoreFromJson("epq31yiJjMLK", json);'
    )
    web3j = (
        'val creds = WalletUtils.loadCredentials("esLS-3I_Fb", File("UTC--a.json"))\n'
        f"// UTC--a.json:\n{ks}"
    )
    return [
        _case("chat", f, chat, "block", "vault + password"),
        _case("json", f, mixed, "block", "letters of both cases"),
        _case("alone", f, f"KeyringController.vault:\n{vault}", "flag", "encrypted"),
        _case("key-metadata", f, f"{modern}\nvault password: Mq4-river-81", "block", "newer vault"),
        _case("csharp", f, csharp, "block", "verbatim string"),
        _case("web3j", f, web3j, "block", "password first"),
    ]  # fmt: skip


def _solidity_constants(k: str, h: str) -> list[dict[str, Any]]:
    """Solidity's ``private`` is a visibility, not a key: a typehash or a role is a hash."""
    f = "solidity"
    return [
        _case("typehash", f, f"bytes32 private constant DOMAIN_TYPEHASH = 0x{h};", "allow", "hash"),
        _case("role", f, f"bytes32 internal constant ADMIN_ROLE = 0x{h};", "allow", "hash"),
        _case("test-key", f, f"uint256 private constant OWNER_PK = 0x{k};", "block", "pk"),
        _case("restored-with", f, f"restored the bot with 0x{k} and it still reverts", "block",
              "what a wallet is restored from"),
        _case("restored-block", f, f"node restored from the snapshot at block 0x{h}", "allow",
              "a block hash, nearer"),
    ]  # fmt: skip


def _wrapped_xkeys() -> list[dict[str, Any]]:
    """An extended key written over three lines: the private one is a secret."""
    f = "xkey-wrapped"
    prv, pub = _xkey("0488ade4", True), _xkey("0488b21e", False)

    def wrap(v: str) -> str:
        return "\n".join(v[i : i + 40] for i in range(0, len(v), 40))

    return [
        _case("xprv", f, f"xprv backup:\n{wrap(prv)}", "block", "base58check over lines"),
        _case("xpub", f, f"watch-only:\n{wrap(pub)}", "allow", "public"),
    ]


def _dev5_forms(k: str, h: str, slot: str) -> list[dict[str, Any]]:
    """Forms of the fifth independent set (secret_forms_dev5.jsonl): ordinal and 番-numbered
    words, a name/value pair keyed "key", WIF keys of other chains, a Go-printed []byte."""
    f = "dev5"
    words = _phrase()
    suffix = {1: "st", 2: "nd", 3: "rd"}
    ordinals = ", ".join(f"{i}{suffix.get(i, 'th')} {w}" for i, w in enumerate(words, 1))
    japanese = "\n".join(f"{i}番 {w}" for i, w in enumerate(_phrase(12, "japanese"), 1))
    postman = json.dumps({"values": [{"key": "signerPrivateKey", "value": f"0x{k}"}]})
    storage = json.dumps({"storage": [{"key": f"0x{slot}", "value": f"0x{h}"}]})

    def wif(version: int) -> str:
        payload = bytes([version]) + bytes.fromhex(_key()) + b"\1"
        return base58.b58encode_check(payload).decode()

    keypair = " ".join(str(b) for b in GEN.solana())
    noise = " ".join(str(RNG.randrange(256)) for _ in range(64))
    deposit = json.dumps(
        {
            "pubkey": h + h[:32],
            "withdrawal_credentials": "01" + "00" * 11 + "5a" * 20,
            "amount": 32000000000,
            "deposit_message_root": h,
        }
    )
    return [
        _case("ordinals", f, f"ok typing them out: {ordinals}. all twelve", "block", "1st.."),
        _case("ban", f, f"バックアップ用\n{japanese}", "block", "Japanese N番 lines"),
        _case("postman", f, postman, "block", "key/value pair named by its key"),
        _case("storage-pair", f, storage, "allow", "a storage slot's key/value"),
        _case("ltc-wif", f, f"litecoin-cli importprivkey {wif(0xB0)}", "block", "Litecoin"),
        _case("doge-wif", f, f"paper wallet (private): {wif(0x9E)}", "block", "Dogecoin"),
        _case("go-bytes", f, f"DEBUG key bytes: [{keypair}]", "block", "fmt-printed []byte"),
        _case("go-noise", f, f"DEBUG frame bytes: [{noise}]", "allow", "64 bytes, no keypair"),
        _case("deposit-data", f, f"[{deposit}]", "allow", "withdrawal credentials"),
    ]  # fmt: skip


def build() -> dict[str, Any]:
    k, h, h1, h2 = _key(), _key(), _key(), _key()
    address = "0x" + "5a" * 20
    cases = [
        *_code(k, h),
        *_rpc(_key(), h, address),
        *_labels(_key(), h),
        *_descriptors(),
        *_separators(),
        *_numbered(),
        *_halves(_key(), h1, h2),
        *_manifests(_key(), h),
        *_contexts(_key(), h, address),
        *_keystores(h, address),
        *_placeholders(),
        *_annotated_halves(),
    ]
    for case in cases:
        case["id"] = f"{case['form']}:{case['id']}"
    cases += json.loads(WRITTEN.read_text(encoding="utf-8"))["cases"]
    address = "0x" + "5a" * 20
    later = [*_grouped(_key(), _key()), *_wide_separators(), *_byte_arrays(_key(), _key())]
    later += [*_vaults(_key(), address), *_solidity_constants(_key(), _key()), *_wrapped_xkeys()]
    later += _dev5_forms(_key(), _key(), _key())
    later += [*places.stores(_key(), _key()), *places.echoes(_key(), _key())]
    later += [*places.links(_key(), _key()), *places.addresses(_key(), _key())]
    later += [*places.glued(GEN), *places.passwords(_keystore(_key(), address))]
    later += [*places.tx_signs(_key(), _key()), *places.compound_names(_key(), _key())]
    later += [*places.nostr(_key(), _key()), *places.markup(_key(), _key())]
    later += [*places.numbers_after(GEN), *places.xml_elements(_key(), _key())]
    later += [*places.bech32_keys(_key(), _key()), *places.short_hex(_key(), _key())]
    later += [*places.exports(_key(), _key()), *places.key_fields(_key(), _key())]
    later += [*places.signed_scopes(GEN), *places.dev6_contexts(_key(), _key())]
    later += [*places.dev6_layouts(GEN), *places.dev6_bytes(GEN), *places.transcripts(GEN)]
    later += [*places.dictated(GEN), *places.hex_dumps(GEN)]
    for case in later:
        case["id"] = f"{case['form']}:{case['id']}"
        cases.append(case)
    return {
        "source": "Generated by tests/vectors/make_secret_forms.py (random.Random(13)); keys and "
        "phrases never funded, never used.",
        "cases": cases,
    }


if __name__ == "__main__":
    OUT.write_text(json.dumps(build(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")
