"""Regenerate ``tests/vectors/machine_forms.json``: secrets as machines and tools emit them.

Run: ``.venv/bin/python tests/vectors/make_machine_forms.py``. The classes of the misses of
``secret_forms_dev9`` (a phrase over two escaped lines of a JSON string, over ``<div>`` /
``<p>`` / ``<br>`` lines, over two quoted fields, one word a form field counted from zero; a key
in a typed attribute, after a printf directive, in a QR decode of a paper backup, in a key
tool's output; a keystore whose password is written to its password file), each with the
near twins that must stay unblocked (checksum-invalid lists, hashes in the same places, a
public key in the same tool, an account after ``--unlock``, a password read from a variable).
Keys and phrases come from ``random.Random(1409)``: never funded, never used. Checked by
``tests/test_machine_forms.py``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

from keygen import KeyGen, bad

OUT = Path(__file__).with_name("machine_forms.json")
GEN = KeyGen(1409)
RNG = GEN.rng
Case = dict[str, Any]


def _c(cid: str, form: str, text: str, action: str = "block") -> Case:
    return {"id": f"{form}:{cid}", "form": form, "text": text, "action": action}


def _hex(n: int = 64) -> str:
    return f"{RNG.getrandbits(n * 4):0{n}x}"


def _escaped_lines() -> list[Case]:
    f = "escaped-lines"
    p24, p12, p12b = GEN.phrase(24), GEN.phrase(), GEN.phrase()
    note = "Recovery phrase (24):\n" + " ".join(p24[:12]) + "\n" + " ".join(p24[12:])
    halves = "seed:\n" + " ".join(p12[:6]) + "\n" + " ".join(p12[6:])
    tabbed = "\t".join([" ".join(p12b[:4]), " ".join(p12b[4:8]), " ".join(p12b[8:])])
    wrong = bad(p12)
    return [
        _c("note-24", f, json.dumps({"note": note, "title": "Cold wallet"})),
        _c("halves-12", f, json.dumps({"items": [{"content": halves}]})),
        _c("tabs-12", f, json.dumps({"cells": tabbed})),
        _c(
            "bad-checksum",
            f,
            json.dumps({"note": " ".join(wrong[:6]) + "\n" + " ".join(wrong[6:])}),
            "pass",
        ),
        _c("paths", f, json.dumps({"path": "C:\\new\\north\\table\\rain\\tent"}), "pass"),
    ]


def _tag_lines() -> list[Case]:
    f = "tag-lines"
    a, b, c = GEN.phrase(), GEN.phrase(), GEN.phrase(18)
    divs = "<div>" + " ".join(a[:6]) + "</div><div>" + " ".join(a[6:]) + "</div>"
    paras = "".join(f"<p>{' '.join(b[i : i + 4])}</p>" for i in range(0, 12, 4))
    brs = "<br>".join(" ".join(c[i : i + 6]) for i in range(0, 18, 6))
    wrong = bad(a)
    return [
        _c("notes-divs", f, f"<html><body><div>Backup</div>{divs}<div><br></div></body></html>"),
        _c("paragraphs", f, f"<body><h1>Wallet</h1>{paras}</body>"),
        _c("breaks-18", f, f"<p>{brs}</p>"),
        _c(
            "bad-checksum",
            f,
            "<div>" + " ".join(wrong[:6]) + "</div><div>" + " ".join(wrong[6:]) + "</div>",
            "pass",
        ),
        _c(
            "prose",
            f,
            "<div>Open the wallet app</div><div>then choose the network and add the token</div>",
            "pass",
        ),
    ]


def _quoted_parts() -> list[Case]:
    f = "quoted-parts"
    a, b = GEN.phrase(), GEN.phrase()
    wrong = bad(a)
    return [
        _c(
            "json",
            f,
            json.dumps(
                {"seed_part_1": " ".join(a[:6]), "seed_part_2": " ".join(a[6:]), "ts": 1765004400}
            ),
        ),
        _c("yaml", f, f"half_1: '{' '.join(b[:6])}'\nhalf_2: '{' '.join(b[6:])}'\n"),
        _c(
            "bad-checksum",
            f,
            json.dumps({"part_1": " ".join(wrong[:6]), "part_2": " ".join(wrong[6:])}),
            "pass",
        ),
    ]


def _zero_based() -> list[Case]:
    f = "zero-based"
    a, b, c = GEN.phrase(), GEN.phrase(), GEN.phrase()
    form = "&".join(f"seed[{i}]={w}" for i, w in enumerate(a))
    wrong = bad(c)
    return [
        _c(
            "form",
            f,
            f"POST /recover HTTP/1.1\nContent-Type: application/x-www-form-urlencoded\n\n{form}",
        ),
        _c("form-encoded", f, "&".join(f"{quote(f'seed[{i}]')}={w}" for i, w in enumerate(b))),
        _c("array-dump", f, "\n".join(f"[{i}] {w}" for i, w in reversed(list(enumerate(c))))),
        _c("bad-checksum", f, "&".join(f"seed[{i}]={w}" for i, w in enumerate(wrong)), "pass"),
        _c("empty-fields", f, "&".join(f"seed[{i}]=" for i in range(12)), "pass"),
    ]


def _key_places() -> list[Case]:
    f = "key-places"
    k = [GEN.key() for _ in range(6)]
    h = [_hex() for _ in range(6)]
    return [
        _c("dynamodb", f, '{"Item": {"id": {"S": "ops-1"}, "pk": {"S": "0x' + k[0] + '"}}}'),
        _c(
            "dynamodb-hash",
            f,
            '{"Item": {"id": {"S": "t-9"}, "txHash": {"S": "0x' + h[0] + '"}}}',
            "pass",
        ),
        _c(
            "signature-s",
            f,
            '{"sig": {"s": "0x' + h[1] + '", "r": "0x' + h[2] + '", "v": 27}}',
            "pass",
        ),
        _c(
            "printf-trace",
            f,
            f'+ echo "writing key file"\nwriting key file\n+ printf %s 0x{k[1]}\n'
            "+ chmod 600 /keys/a.hex",
        ),
        _c("printf-hash", f, f'+ echo "tx sent"\n+ printf "tx %s\\n" 0x{h[3]}', "pass"),
        _c("qr-paper", f, f"$ zbarimg paper-wallet.png\nQR-Code:{k[2]}\nscanned 1 barcode symbols"),
        _c(
            "qr-receipt",
            f,
            f"$ zbarimg receipt.png\nQR-Code:0x{h[4]}\nscanned 1 barcode symbols",
            "pass",
        ),
        _c("keyconv", f, f"$ ./keyconv --in hex {k[3]}\nhex     : {k[3]}"),
        _c("keygen", f, f"$ keygen --curve secp256k1\n{k[4]}"),
        _c(
            "keyconv-pub",
            f,
            f"$ ./keyconv --in hex --kind xonly-pub {h[5]}\nhex     : {h[5]}",
            "pass",
        ),
    ]


def _keystore(address: str) -> str:
    crypto = {
        "cipher": "aes-128-ctr",
        "ciphertext": _hex(),
        "cipherparams": {"iv": _hex(32)},
        "kdf": "pbkdf2",
        "kdfparams": {"c": 2048, "dklen": 32, "prf": "hmac-sha256", "salt": _hex(32)},
        "mac": _hex(),
    }
    return json.dumps({"address": address, "crypto": crypto, "version": 3}, separators=(",", ":"))


def _password_files() -> list[Case]:
    f = "password-file"
    a = [_hex(40) for _ in range(5)]
    pw = "Tq8-" + _hex(8)
    return [
        _c(
            "echo-named",
            f,
            f"RUN echo '{_keystore(a[0])}' > /keys/k.json && \\\n    echo '{pw}' > /keys/pw.txt",
        ),
        _c(
            "printf-flag",
            f,
            f"printf %s '{_keystore(a[1])}' > /k/ks.json\nprintf %s \"{pw}x\" > /run/s1\n"
            "geth --keystore /k --password /run/s1",
        ),
        _c(
            "variable",
            f,
            f"echo '{_keystore(a[2])}' > /k/ks.json\necho \"$GETH_PASSWORD\" > /k/pw.txt",
            "pass",
        ),
        _c(
            "other-file",
            f,
            f"echo '{_keystore(a[3])}' > /k/ks.json\necho 'v1.14.12-stable' > /k/version.txt",
            "pass",
        ),
        _c(
            "unlock-account",
            f,
            f"GETH_KEYSTORE: '{_keystore(a[4])}'\n"
            f'script: geth --unlock 0x{a[4]} --password <(printf %s "$PW")',
            "pass",
        ),
    ]


def _chats() -> list[Case]:
    f = "chat-roles"
    a, b, c = GEN.phrase(), GEN.phrase(24), GEN.phrase()
    wrong = bad(a)
    advice = "assistant: Please stop, anyone with these words can take your funds.\n"
    pieces = "".join(f"user: {' '.join(a[i : i + 3])}\n" for i in range(0, 12, 3))
    wrong_pieces = "".join(f"user: {' '.join(wrong[i : i + 3])}\n" for i in range(0, 12, 3))
    halves = (
        f"user: first half → {' '.join(b[:12])}\n{advice}user: second half → {' '.join(b[12:])}"
    )
    yaml = "".join(f"- user: {w}\n  role: viewer\n" for w in c)
    return [
        _c("pieces", f, f"user: I'll send the seed in pieces\n{advice}{pieces}user: that's all 12"),
        _c("halves-arrow", f, halves),
        _c("bad-checksum", f, f"user: here it is\n{advice}{wrong_pieces}", "pass"),
        _c("one-role-yaml", f, yaml[:400], "pass"),
    ]


def _foreign_labels() -> list[Case]:
    f = "foreign-labels"
    k = [GEN.key() for _ in range(4)]
    h = [_hex() for _ in range(3)]
    return [
        _c(
            "zh-parts",
            f,
            f"用户 10:02：私钥我分两次发\n用户 10:02：第一部分 0x{k[0][:32]}\n"
            f"助手 10:02：好的\n用户 10:03：第二部分 {k[0][32:]}",
        ),
        _c("zh-one-part", f, f"用户 10:02：第一部分 0x{h[0][:32]}", "pass"),
        _c("he-article", f, f"היי, המפתח הפרטי של הארנק הוא 0x{k[1]} תודה"),
        _c("he-tx", f, f"היי, מזהה העסקה הוא 0x{h[1]} תודה", "pass"),
        _c("vi-key", f, f"Đây là khóa riêng ví MetaMask của mình, nhập giúp mình nhé: {k[2]}"),
        _c("vi-tx", f, f"Đây là mã giao dịch của mình: {h[2]}", "pass"),
        _c("deep-link", f, f"restore on the new phone: https://t.me/walletbot?start=pk_{k[3]}"),
        _c("deep-link-tx", f, f"see it here: https://t.me/explorerbot?start=tx_{_hex()}", "pass"),
    ]


def _wrapped_and_bare() -> list[Case]:
    import base58

    f = "wrapped"
    pair, pair2 = GEN.solana(), GEN.solana()
    token = base58.b58encode(pair).decode()
    sig = base58.b58encode(RNG.getrandbits(512).to_bytes(64, "big")).decode()
    cut, scut = len(token) // 2, len(sig) // 2
    nums = ", ".join(str(b) for b in pair2)
    noise = ", ".join(str(RNG.randrange(256)) for _ in range(64))
    return [
        _c(
            "ocr-keypair",
            f,
            f"[screenshot] Export private key\n{token[:cut]}\n{token[cut:]}\nCopy   Done",
        ),
        _c(
            "ocr-signature",
            f,
            f"[screenshot] Transaction signature\n{sig[:scut]}\n{sig[scut:]}\nCopy",
            "pass",
        ),
        _c("bare-bytes-colon", f, f"te paso la clave de mi billetera (id.json): {nums}"),
        _c("bare-noise-colon", f, f"histogram (64 bins): {noise}", "pass"),
    ]


def _spelled_numbers() -> list[Case]:
    f = "spelled-numbers"
    en, es, keys, wrong = GEN.phrase(), GEN.phrase(12, "spanish"), GEN.phrase(), bad(GEN.phrase())
    names = [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
    ]
    uno = [
        "uno",
        "dos",
        "tres",
        "cuatro",
        "cinco",
        "seis",
        "siete",
        "ocho",
        "nueve",
        "diez",
        "once",
        "doce",
    ]
    order = [3, 0, 7, 1, 11, 4, 2, 9, 5, 10, 6, 8]
    caps = [f"{d}\ufe0f\u20e3" for d in "123456789"] + ["\U0001f51f", "1\ufe0f\u20e31\ufe0f\u20e3"]
    caps.append("1\ufe0f\u20e32\ufe0f\u20e3")
    return [
        _c("english", f, "backup: " + "; ".join(f"{names[i]}: {en[i]}" for i in order)),
        _c(
            "spanish",
            f,
            "Hola, recupera mi billetera:\n"
            + "\n".join(f"{uno[i]}: {w}" for i, w in enumerate(es)),
        ),
        _c(
            "keycaps",
            f,
            "wallet backup\n" + "\n".join(f"{c} {w}" for c, w in zip(caps, keys, strict=True)),
        ),
        _c("bad-checksum", f, "; ".join(f"{names[i]}: {wrong[i]}" for i in range(12)), "pass"),
    ]


def _echoes() -> list[Case]:
    f = "echoed"
    k, h = GEN.key(), _hex()
    frame = "\n    at {fn} (file:///app/node_modules/viem/_esm/accounts/{fn}.js:20:15)"
    hint = '\n\nHex values must start with "0x".'
    return [
        _c(
            "viem-key",
            f,
            f'InvalidHexValueError: Value "{k}" is an invalid hex value.{hint}'
            + frame.format(fn="privateKeyToAccount"),
        ),
        _c(
            "viem-hash",
            f,
            f'InvalidHexValueError: Value "{h}" is an invalid hex value.{hint}'
            + frame.format(fn="getTransactionReceipt"),
            "pass",
        ),
        _c("no-frames", f, f'Error: Value "{_hex()}" is an invalid hex value.', "pass"),
    ]


def _terminal() -> list[Case]:
    f = "terminal"
    k, k2, h = GEN.key(), GEN.key(), _hex()
    p, q = GEN.phrase(), GEN.phrase()
    wrong = bad(p)
    green, off, bold = "\x1b[32m", "\x1b[0m", "\x1b[1m"
    crlf = "\r\n"
    return [
        _c("ansi-key", f, f"{bold}Private key:{off} {green}0x{k}{off}"),
        _c("ansi-hash", f, f"{bold}Transaction hash:{off} {green}0x{h}{off}", "pass"),
        _c("ansi-phrase", f, f"{green}{' '.join(p[:6])}{off}\n{green}{' '.join(p[6:])}{off}"),
        _c(
            "ansi-bad-phrase",
            f,
            f"{green}{' '.join(wrong[:6])}{off}\n{green}{' '.join(wrong[6:])}{off}",
            "pass",
        ),
        _c("json-escaped-ansi", f, json.dumps({"log": f"Private key: {green}0x{k2}{off}"})),
        _c(
            "crlf-note",
            f,
            json.dumps({"note": f"seed:{crlf}{' '.join(q[:6])}{crlf}{' '.join(q[6:])}"}),
        ),
    ]


def _tables() -> list[Case]:
    f = "table-columns"
    k = [GEN.key() for _ in range(4)]
    a = [_hex(40) for _ in range(8)]
    h = [_hex() for _ in range(8)]
    sep = "-" * 44
    return [
        _c(
            "markdown",
            f,
            f"| # | Address | Private Key |\n|---|---|---|\n| 1 | 0x{a[0]} | 0x{k[0]} |",
        ),
        _c(
            "markdown-hash",
            f,
            f"| # | Tx Hash | Block |\n|---|---|---|\n| 1 | 0x{h[0]} | 21000000 |\n"
            f"| 2 | 0x{h[1]} | 21000001 |",
            "pass",
        ),
        _c(
            "psql",
            f,
            f" id | address | private_key\n----+{sep}+{sep}\n  1 | 0x{a[1]} | 0x{k[1]}\n(1 row)",
        ),
        _c(
            "psql-hash",
            f,
            f" id | block_hash | parent_hash\n----+{sep}+{sep}\n  1 | 0x{h[2]} | 0x{h[3]}\n(1 row)",
            "pass",
        ),
        _c(
            "sql-insert",
            f,
            "INSERT INTO wallets (id, address, private_key, created_at) "
            f"VALUES (7, '0x{a[2]}', '0x{k[2]}', '2026-12-01');",
        ),
        _c(
            "sql-insert-hash",
            f,
            f"INSERT INTO txs (id, sender, hash) VALUES (7, '0x{a[3]}', '0x{h[4]}');",
            "pass",
        ),
        _c(
            "csv-far",
            f,
            "id,address,label,chain,notes,private_key\n"
            + "\n".join(
                f"{i},0x{a[4 + i]},w{i},1,none,0x{k[3] if i == 2 else _hex()}" for i in range(3)
            ),
        ),
        _c(
            "csv-hashes",
            f,
            "id,address,label,chain,notes,tx_hash\n"
            + "\n".join(f"{i},0x{a[4 + i]},w{i},1,none,0x{h[5 + i]}" for i in range(3)),
            "pass",
        ),
    ]


def _wrapped_more() -> list[Case]:
    import base64

    f = "wrapped-more"
    pair = base64.b64encode(GEN.solana()).decode()
    sig = base64.b64encode(RNG.getrandbits(512).to_bytes(64, "big")).decode()
    xprv = GEN.xkey("0488ade4", True)
    xpub = GEN.xkey("0488b21e", False)
    return [
        _c("base64-keypair", f, f"keypair (base64):\n{pair[:44]}\n{pair[44:]}"),
        _c("base64-signature", f, f"signature (base64):\n{sig[:44]}\n{sig[44:]}", "pass"),
        _c("xprv-literals", f, f'XPRV = (\n    "{xprv[:56]}"\n    "{xprv[56:]}"\n)'),
        _c("xpub-literals", f, f'XPUB = (\n    "{xpub[:56]}"\n    "{xpub[56:]}"\n)', "pass"),
    ]


def _prefixed() -> list[Case]:
    f = "prefixed"
    return [
        _c("db-row-id", f, f"row pk_{_hex()} updated", "pass"),
        _c("json-sk", f, '{"signer": "sk_' + GEN.key() + '"}'),
    ]


def _inline_password() -> list[Case]:
    f = "password-inline"
    pw = "Tq8-" + _hex(8)
    return [
        _c(
            "echo",
            f,
            f"{_keystore(_hex(40))}\n$ ethkey info --passphrase-file <(echo '{pw}') k.json",
        ),
        _c(
            "variable",
            f,
            f'{_keystore(_hex(40))}\n$ geth --password <(echo "$PW") --unlock 0',
            "pass",
        ),
    ]


def _providers() -> list[Case]:
    import string

    f = "provider-chat"
    token = "".join(RNG.choice(string.ascii_letters + string.digits) for _ in range(31)) + "7"
    word = "".join(RNG.choice(string.ascii_lowercase) for _ in range(32))
    lead = "use my alchemy key for the rpc instead of the public one, it's"
    return [
        _c("alchemy-far", f, f"{lead} {token} (eth mainnet app)"),
        _c("alchemy-word", f, f"{lead} {word} (eth mainnet app)", "pass"),
    ]


def build() -> dict[str, Any]:
    cases = [
        *_escaped_lines(),
        *_tag_lines(),
        *_quoted_parts(),
        *_zero_based(),
        *_key_places(),
        *_password_files(),
        *_chats(),
        *_foreign_labels(),
        *_wrapped_and_bare(),
        *_spelled_numbers(),
        *_echoes(),
        *_terminal(),
        *_tables(),
        *_wrapped_more(),
        *_prefixed(),
        *_inline_password(),
        *_providers(),
    ]
    return {
        "source": "Generated by tests/vectors/make_machine_forms.py (random.Random(1409)); keys "
        "and phrases never funded, never used.",
        "cases": cases,
    }


if __name__ == "__main__":
    OUT.write_text(json.dumps(build(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")
