"""Generate ``secret_forms23.json``: the forms secret_forms_dev16 missed, as classes, each with
near twins that must stay unblocked.

C1 JSON escaped inside a JSON string (a HAR's ``content.text`` / ``postData.text``, a Postman
``raw`` body, a redis-cli quoted reply, an API's ``body`` field): a keystore with its password,
a key in a key-import call's params, a key whose every character is a ``\\u00XX`` escape
(doubled in the outer document); redis-cli's numbered HGETALL reply pairs a ``password``
field with its value on the next line. Twins: a transaction hash, a keystore whose password
is only referenced (``password_ref``: a secret manager's URI), a keystore with no password.
C2 a key in a link: every character percent-escaped (``%30%78…``) in a claim link, and a claim
link written from the root (a router's ``"to": "/claim?k=…"``). Twins: a transaction page
link so escaped, a claim link holding a transaction hash under ``tx=``.
C3 look-alikes: the hash of a key (``keyFingerprint=keccak256(privateKey)=0x…``,
``sha256(pk).hexdigest() ->``), and a numbered table of 24 list words whose first 12 pass the
checksum by chance (the numbers say it is one list of 24; it fails). Positives beside them: a
brain wallet's key bound to a key name (``privateKey = sha256(passphrase) =``), a numbered
24-word phrase.

Checked by ``tests/test_secret_form_tables.py`` and ``tests/test_secret_forms23.py``. Keys are
random, never funded.
"""

from __future__ import annotations

import json
from pathlib import Path

from keygen import Case, KeyGen, bad, write_table
from keygen import case as _c
from mnemonic import Mnemonic

OUT = Path(__file__).with_name("secret_forms23.json")
GEN = KeyGen(20023)
_hex = GEN.hex


def _har(field: str, body: str) -> str:
    """A HAR entry whose request (``postData``) or response (``content``) text is ``body``."""
    request: dict[str, object] = {"method": "POST", "url": "https://api.example.org/v1/x"}
    response: dict[str, object] = {"status": 200, "content": {"mimeType": "application/json"}}
    if field == "postData":
        request["postData"] = {"mimeType": "application/json", "text": body}
    else:
        response["content"] = {"mimeType": "application/json", "text": body}
    entry = {"request": request, "response": response}
    return json.dumps({"log": {"version": "1.2", "entries": [entry]}}, indent=2) + "\n"


def _postman(raw: str) -> str:
    item = {"name": "import", "request": {"method": "POST",
            "body": {"mode": "raw", "raw": raw}, "url": {"raw": "{{rpc}}"}}}  # fmt: skip
    return json.dumps({"info": {"name": "node admin"}, "item": [item]}, indent="\t") + "\n"


def _redis(pairs: list[tuple[str, str]]) -> str:
    lines = ["127.0.0.1:6379> HGETALL signer:cfg:relayer-1"]
    for i, (field, value) in enumerate(pairs):
        lines += [f"{2 * i + 1}) {json.dumps(field)}", f"{2 * i + 2}) {json.dumps(value)}"]
    return "\n".join(lines) + "\n"


def _every_char(text: str) -> str:
    return "".join(f"\\u{ord(c):04x}" for c in text)


def _compact(value: object) -> str:
    return json.dumps(value, separators=(",", ":"))


def _escaped() -> list[Case]:
    f = "json-escaped-in-string"
    ks = GEN.keystore
    rpc = json.dumps({"jsonrpc": "2.0", "method": "personal_importRawKey",
                      "params": [GEN.key(), "pw-" + GEN.token(6)], "id": 1}, indent=2)  # fmt: skip
    rpc_tx = json.dumps({"jsonrpc": "2.0", "method": "eth_getTransactionReceipt",
                         "params": ["0x" + _hex(64)], "id": 1}, indent=2)  # fmt: skip
    unicode_key = '{"label":"ops","privateKey":"' + _every_char("0x" + GEN.key()) + '"}'
    unicode_tx = '{"label":"ops","txHash":"' + _every_char("0x" + _hex(64)) + '"}'
    return [
        _c(
            "har-content-keystore-password",
            f,
            _har(
                "content",
                _compact(
                    {"keystore": ks(), "password": "Cobalt#" + GEN.token(8), "note": "export"}
                ),
            ),
        ),
        _c(
            "har-postdata-keystore-passphrase",
            f,
            _har("postData", _compact({"wallet": ks(), "passphrase": GEN.token(10) + "!"})),
        ),
        _c("postman-raw-import-raw-key", f, _postman(rpc)),
        _c(
            "redis-hgetall-keystore-password",
            f,
            _redis([("keystore", _compact(ks())), ("password", "Quartz*" + GEN.token(8))]),
        ),
        _c(
            "redis-get-escaped-import",
            f,
            "127.0.0.1:6379> GET job:42\n"
            + json.dumps(
                _compact({"method": "personal_importRawKey", "params": [GEN.key(), "x1-pass"]})
            )
            + "\n",
        ),
        _c("har-postdata-unicode-escaped-key", f, _har("postData", unicode_key)),
        _c(
            "api-body-unicode-escaped-key", f, _compact({"status": 400, "body": unicode_key}) + "\n"
        ),
        _c(
            "har-content-tx-hash-twin",
            f,
            _har("content", _compact({"transactionHash": "0x" + _hex(64), "status": "0x1"})),
            "allow",
        ),
        _c("postman-raw-receipt-twin", f, _postman(rpc_tx), "allow"),
        _c("har-postdata-unicode-tx-twin", f, _har("postData", unicode_tx), "allow"),
        _c(
            "redis-keystore-password-ref-twin",
            f,
            _redis(
                [("keystore", _compact(ks())), ("password_ref", "aws-sm://prod/relayer-1/pass")]
            ),
            "allow",
        ),
        _c(
            "redis-keystore-no-password-twin",
            f,
            _redis([("keystore", _compact(ks())), ("updated_at", "2026-11-27T07:30:11Z")]),
            "allow",
        ),
    ]


def _percent(text: str) -> str:
    return "".join(f"%{b:02X}" for b in text.encode())


def _links() -> list[Case]:
    f = "key-in-link"
    crumb = '{{"category": "navigation", "data": {{"from": "/claim", "to": "{}"}}}}\n'
    return [
        _c(
            "percent-every-char-claim-link",
            f,
            crumb.format(f"/claim/confirm?k={_percent('0x' + GEN.key())}&ref=tw"),
        ),
        _c(
            "percent-every-char-https-claim",
            f,
            f"GET https://gift.example.app/redeem?key={_percent(GEN.key())} 302\n",
        ),
        _c("root-path-claim-link", f, 'router.push({"to": "/claim?k=0x' + GEN.key() + '"})\n'),
        _c("root-path-fragment", f, f'navigate to "/wallet#/import/0x{GEN.key()}"\n'),
        _c("percent-tx-page-twin", f, crumb.format(f"/tx/{_percent('0x' + _hex(64))}"), "allow"),
        _c(
            "root-path-claim-tx-twin",
            f,
            'router.push({"to": "/claim/status?tx=0x' + _hex(64) + '"})\n',
            "allow",
        ),
        _c("root-path-block-twin", f, f'link: "/block/0x{_hex(64)}"\n', "allow"),
    ]


def _numbered(words: list[str], columns: int = 2) -> str:
    """A Markdown table of numbered words, ``columns`` pairs a row (1..12 | 13..24)."""
    rows = len(words) // columns
    lines = ["| # | word " * columns + "|", "|---|---" * columns + "|"]
    for r in range(rows):
        cells = [f"| {r + 1 + c * rows} | {words[r + c * rows]} " for c in range(columns)]
        lines.append("".join(cells) + "|")
    return "\n".join(lines) + "\n"


def _lucky_24() -> list[str]:
    """24 list words that fail the checksum as 24 while their first 12 pass it (once in 16
    by chance: a word game's list); no 12 of them in the table's reading order (1, 13, 2,
    14 ..) pass it."""
    m = Mnemonic("english")
    while True:
        words = GEN.phrase(12) + bad(GEN.phrase(12))
        order = [w for pair in zip(words[:12], words[12:], strict=True) for w in pair]
        windows = [" ".join(order[i : i + 12]) for i in range(13)]
        if not m.check(" ".join(words)) and not any(m.check(w) for w in windows):
            return words


def _lookalikes() -> list[Case]:
    f = "hash-of-key-and-word-lists"
    return [
        _c(
            "keccak-of-key-go-panic-twin",
            f,
            f"panic: signer mismatch: keyFingerprint=keccak256(privateKey)=0x{_hex(64)} "
            f"want=0x{_hex(64)}\n\ngoroutine 1 [running]:\nmain.check(...)\n",
            "allow",
        ),
        _c(
            "sha256-of-key-python-twin",
            f,
            f">>> hashlib.sha256(private_key).hexdigest()\n'{_hex(64)}'\n"
            f"# sha256(private_key).hexdigest() -> {_hex(64)}\n",
            "allow",
        ),
        _c("hash-of-key-call-twin", f, f"fingerprint(signer_key): 0x{_hex(64)}\n", "allow"),
        _c(
            "numbered-24-table-lucky-12-twin",
            f,
            "Word game: make sentences with these words!\n" + _numbered(_lucky_24()),
            "allow",
        ),
        _c(
            "brain-wallet-key-bound", f, f'privateKey = sha256("{GEN.token(12)}") = 0x{GEN.key()}\n'
        ),
        _c("numbered-24-table-phrase", f, "Backup:\n" + _numbered(GEN.phrase(24))),
        _c(
            "numbered-12-then-steps",
            f,
            "".join(f"{i + 1}. {w}\n" for i, w in enumerate(GEN.phrase(12)))
            + "13. Keep this list offline\n14. Never share it\n",
        ),
    ]


def _signed(raw: bytes) -> str:
    return "[" + ", ".join(str(b - 256 if b > 127 else b) for b in raw) + "]"


def _lldb(address: int, raw: bytes) -> str:
    rows = [raw[i : i + 16] for i in range(0, len(raw), 16)]
    return "".join(
        f"0x{address + 16 * i:x}: " + " ".join(f"{b:02x}" for b in row) + "  " + "." * 16 + "\n"
        for i, row in enumerate(rows)
    )


def _xxd(raw: bytes) -> str:
    out = []
    for i in range(0, len(raw), 16):
        row = raw[i : i + 16].hex()
        groups = " ".join(row[j : j + 4] for j in range(0, len(row), 4))
        out.append(f"{i:08x}: {groups}  {'.' * 16}\n")
    return "".join(out)


def _hexdump_c(raw: bytes) -> str:
    out = []
    for i in range(0, len(raw), 16):
        row = raw[i : i + 16]
        left = " ".join(f"{b:02x}" for b in row[:8])
        right = " ".join(f"{b:02x}" for b in row[8:])
        out.append(f"{i:08x}  {left}  {right}  |{'.' * 16}|\n")
    return "".join(out) + f"{len(raw):08x}\n"


def _bytes_forms() -> list[Case]:
    f = "key-bytes-printed"
    key = lambda: bytes.fromhex(GEN.key())  # noqa: E731
    addr = 0x600003A1C040
    frame = (
        "(lldb) frame variable signer\n(Signer) signer = {{\n  {name} = 0x0000{a:x} 32 bytes\n}}\n"
    )
    read = f"(lldb) memory read --size 1 --count 32 0x{addr:x}\n"
    return [
        _c("java-signed-bytes-evaluated", f,
           "-- Evaluate expression: Arrays.toString(privBytes)\nresult = \""
           + _signed(key()) + '"\n'),
        _c("kotlin-signed-bytes-named", f, "val signerKey = byteArrayOf" + _signed(key())
           .replace("[", "(").replace("]", ")") + "\nprivateKey bytes: " + _signed(key()) + "\n"),
        _c("lldb-memory-read-key", f,
           frame.replace("{name}", "key").format(a=addr) + read + _lldb(addr, key())),
        _c("xxd-key-file", f, "$ xxd -l 32 ~/.wallet/private.key\n" + _xxd(key())),
        _c("hexdump-c-priv-key", f, "$ hexdump -C priv_key.bin\n" + _hexdump_c(key())),
        _c("java-signed-bytes-tx-twin", f,
           "-- Evaluate expression: Arrays.toString(txHash)\nresult = \""
           + _signed(bytes.fromhex(_hex(64))) + '"\n', "allow"),
        _c("lldb-memory-read-digest-twin", f,
           frame.replace("{name}", "digest").format(a=addr) + read
           + _lldb(addr, bytes.fromhex(_hex(64))), "allow"),
        _c("xxd-sha256-twin", f, "$ sha256sum -b firmware.bin | xxd -r -p | xxd\n"
           + _xxd(bytes.fromhex(_hex(64))), "allow"),
        _c("signed-bytes-no-name-twin", f, "result = " + _signed(key()) + "\n", "allow"),
    ]  # fmt: skip


def _chunk_event(content: str) -> str:
    return ("{'event': 'on_chat_model_stream', 'name': 'ChatAnthropic', 'data': {'chunk': "
            f"AIMessageChunk(content={content!r}, additional_kwargs={{}})}}}}")  # fmt: skip


def _words_split() -> list[Case]:
    f = "words-split-by-carrier"
    words = GEN.phrase(12)
    threes = [" ".join(words[i : i + 3]) for i in range(0, 12, 3)]
    lines = [_chunk_event("Your recovery phrase: "), *(_chunk_event(" " + t) for t in threes)]
    twin = bad(GEN.phrase(12))
    twin_lines = [_chunk_event(" " + " ".join(twin[i : i + 3])) for i in range(0, 12, 3)]
    diff = (
        "E       AssertionError: assert [...] == [...]\nE\nE         Full diff:\nE           [\n"
        + "".join(f"E               '{w}',\n" for w in words[:11])
        + f"E         -     '{GEN.phrase(12)[0]}',\nE         +     '{words[11]}',\nE           ]\n"
    )
    return [
        _c("langgraph-chunks-three-words", f, "\n".join(lines) + "\n"),
        _c("pytest-full-diff-word-list", f, diff),
        _c("langgraph-chunks-bad-checksum-twin", f, "\n".join(twin_lines) + "\n", "allow"),
        _c("pytest-full-diff-bad-checksum-twin", f,
           diff.replace(f"+     '{words[11]}'", f"+     '{bad(words)[11]}'"), "allow"),
    ]  # fmt: skip


SOURCE = (
    "Generated by tests/vectors/make_secret_forms23.py (random.Random(20023)); "
    "keys never funded, never used."
)


def build() -> list[Case]:
    return [*_escaped(), *_links(), *_lookalikes(), *_bytes_forms(), *_words_split()]


if __name__ == "__main__":
    write_table(OUT, SOURCE, build())
