"""Generate ``secret_forms21.json``: the forms secret_forms_dev15 missed, as classes, each with
near twins that must stay unblocked. C1: a tool call's arguments (or a message's text) streamed
in fragments over Server-Sent Events — OpenAI Chat Completions ``delta.tool_calls[].function.
arguments`` and ``delta.content``, OpenAI Responses ``response.function_call_arguments.delta``,
Anthropic ``input_json_delta.partial_json``; not a transaction hash or a signature so streamed.
C2: variables printed under a traceback frame (loguru ``diagnose=True``, better-exceptions:
``│`` / ``└`` connectors under the source line); not a hash or a signature so printed. C3: JSON
nested as escaped strings two or three levels deep (a secret manager's ``SecretString``
holding a keystore and its password, a key); not a keystore without its password, not a hash.
C4: quoted-printable e-mail bodies (declared by ``Content-Transfer-Encoding``, or plainly QP:
soft line breaks and ``=C3=A9`` escapes) holding a phrase; not a hash split by a soft break,
not a phrase that fails its checksum. C5: a key beside or inside a call that is no digest of
it stays blocked (a rule reading a hash *of* a key in digest calls and other scripts' hash
words was withdrawn after review21b: it read "share(" and "hmac(key=" as digests). Checked by
``tests/test_secret_form_tables.py`` and ``tests/test_secret_forms21.py``. Keys are random,
never funded.
"""

from __future__ import annotations

import json
import quopri
from pathlib import Path

from keygen import Case, KeyGen, bad, write_table
from keygen import case as _c

OUT = Path(__file__).with_name("secret_forms21.json")
GEN = KeyGen(20021)
_hex = GEN.hex
_cut = GEN.cut


def _openai(name: str, arguments: str) -> str:
    head = {"id": "chatcmpl-" + GEN.token(24), "object": "chat.completion.chunk",
            "model": "gpt-4o-2024-08-06"}  # fmt: skip
    call = {"index": 0, "id": "call_" + GEN.token(24), "type": "function",
            "function": {"name": name, "arguments": ""}}  # fmt: skip
    events = [
        {**head, "choices": [{"index": 0, "delta": {"role": "assistant", "tool_calls": [call]}}]}
    ]
    for piece in _cut(arguments):
        delta = {"tool_calls": [{"index": 0, "function": {"arguments": piece}}]}
        events.append({**head, "choices": [{"index": 0, "delta": delta}]})
    lines = [f"data: {json.dumps(e, separators=(',', ':'))}" for e in events]
    return "\n\n".join([*lines, "data: [DONE]"]) + "\n"


def _openai_text(text: str) -> str:
    head = {"id": "chatcmpl-" + GEN.token(24), "object": "chat.completion.chunk"}
    events = [{**head, "choices": [{"index": 0, "delta": {"content": p}}]} for p in _cut(text)]
    return "\n\n".join(f"data: {json.dumps(e)}" for e in events) + "\n\ndata: [DONE]\n"


def _anthropic(name: str, arguments: str) -> str:
    start = {"type": "content_block_start", "index": 1,
             "content_block": {"type": "tool_use", "id": "toolu_" + GEN.token(24), "name": name,
                               "input": {}}}  # fmt: skip
    out = [f"event: content_block_start\ndata: {json.dumps(start)}"]
    for piece in _cut(arguments):
        delta = {"type": "content_block_delta", "index": 1,
                 "delta": {"type": "input_json_delta", "partial_json": piece}}  # fmt: skip
        out.append(f"event: content_block_delta\ndata: {json.dumps(delta)}")
    out.append('event: content_block_stop\ndata: {"type": "content_block_stop", "index": 1}')
    return "\n\n".join(out) + "\n"


def _responses(arguments: str) -> str:
    item = "fc_" + GEN.token(24)
    out = []
    for piece in _cut(arguments):
        event = {"type": "response.function_call_arguments.delta", "item_id": item,
                 "output_index": 0, "delta": piece}  # fmt: skip
        out.append(f"event: response.function_call_arguments.delta\ndata: {json.dumps(event)}")
    return "\n\n".join(out) + "\n"


def _streams() -> list[Case]:
    f = "stream-deltas"
    key, words = GEN.key(), " ".join(GEN.phrase())
    return [
        _c("openai-key", f, _openai("import_wallet", json.dumps({"private_key": f"0x{key}"}))),
        _c("anthropic-key", f, _anthropic("sign_tx", json.dumps({"signer_key": GEN.key()}))),
        _c("responses-phrase", f, _responses(json.dumps({"mnemonic": words}))),
        _c("openai-content-phrase", f, _openai_text(f"Here is the backup phrase: {words}")),
        _c("openai-txhash-twin", f,
           _openai("get_receipt", json.dumps({"tx_hash": f"0x{_hex(64)}"})), "allow"),
        _c("anthropic-signature-twin", f,
           _anthropic("verify", json.dumps({"signature": f"0x{_hex(130)}"})), "allow"),
    ]  # fmt: skip


def _frame(name: str, value: str) -> str:
    call = f"    tx = build_and_sign(w3, {name}, nonce)"
    col = call.index(name)
    w3 = call.index("w3")
    nonce = call.index("nonce")
    pad = " " * 4
    rows = [
        f"{' ' * nonce}└ {GEN.rng.randrange(1, 99)}",
        f"{' ' * col}└ {value}",
        f"{' ' * w3}└ <web3.main.Web3 object at 0x7f2c9d1e4a90>",
    ]
    # connectors of the names still to come stand on every row before their own
    cols = [nonce, col, w3]
    lines = []
    for i, row in enumerate(rows):
        chars = list(row)
        for c in cols[i + 1 :]:
            chars[c] = "│"
        lines.append("".join(chars))
    return (
        f"2026-12-03 09:14:22.518 | ERROR    | __main__:main:41 - {pad.strip()}signing failed\n"
        "Traceback (most recent call last):\n\n"
        '> File "/srv/keeper/main.py", line 41, in main\n'
        f"{call}\n" + "\n".join(lines) + "\n\nValueError: nonce too low\n"
    )


def _frames() -> list[Case]:
    f = "frame-variables"
    return [
        _c("loguru-key", f, _frame("key", f"'0x{GEN.key()}'")),
        _c("loguru-private-key", f, _frame("private_key", f"'{GEN.key()}'")),
        _c("loguru-tx-hash-twin", f, _frame("tx_hash", f"'0x{_hex(64)}'"), "allow"),
        _c("loguru-signature-twin", f, _frame("signature", f"'0x{_hex(130)}'"), "allow"),
    ]


def _escaped(value: object, levels: int) -> str:
    text = json.dumps(value)
    for _ in range(levels - 1):
        text = json.dumps({"SecretString": text})
    return text


def _nested() -> list[Case]:
    f = "nested-json-strings"
    ks = lambda: json.dumps(GEN.keystore())  # noqa: E731
    pw = f"Lantern-{GEN.token(6)}-{GEN.rng.randrange(10, 99)}?"
    return [
        _c("keystore-password-2", f, _escaped({"keystore": ks(), "password": pw}, 2)),
        _c("keystore-password-3", f, _escaped({"keystore": ks(), "password": pw + "x"}, 3)),
        _c("private-key-3", f,
           _escaped({"signer": json.dumps({"privateKey": f"0x{GEN.key()}"})}, 2)),
        _c("keystore-alone-twin", f, _escaped({"keystore": ks(), "note": "password in vault"}, 2),
           "allow"),
        _c("tx-hash-twin", f, _escaped({"receipt": json.dumps({"txHash": f"0x{_hex(64)}"})}, 2),
           "allow"),
    ]  # fmt: skip


def _qp(body: str) -> str:
    return quopri.encodestring(body.encode("utf-8")).decode("ascii")


def _mail(body: str, declared: bool = True) -> str:
    head = ("From: Javier Ortega <javier@asociacion-ejemplo.org>\n"
            "To: marta@asociacion-ejemplo.org\n"
            "Subject: =?UTF-8?Q?Frase_de_recuperaci=C3=B3n?=\nMIME-Version: 1.0\n"
            'Content-Type: text/plain; charset="UTF-8"\n')  # fmt: skip
    if declared:
        head += "Content-Transfer-Encoding: quoted-printable\n"
    return head + "\n" + _qp(body)


def _quoted() -> list[Case]:
    f = "quoted-printable"
    es = GEN.phrase(12, "spanish")
    fr = GEN.phrase(12, "french")
    lead = "Hola Marta, te paso la frase de recuperación de la cartera de la asociación: "
    return [
        _c("declared-spanish", f, _mail(lead + " ".join(es) + "\nNo la envíes a nadie.\n")),
        _c("plain-french", f, _qp("Voici la phrase de récupération, à garder secrète : "
                                 + " ".join(fr) + "\nMerci, à bientôt.\n")),
        _c("txhash-twin", f,
           _mail(lead.replace("frase de recuperación", "transacción") + f"0x{_hex(64)}\n"),
           "allow"),
        _c("checksum-twin", f, _mail(lead + " ".join(bad(es, "spanish")) + "\n"), "allow"),
    ]  # fmt: skip


def _digests() -> list[Case]:
    # a key beside or inside a call that is no digest of it still blocks (review21b: a digest
    # rule read "share(", "hmac(key=" and "Контрольная копия приватного ключа" as hashes of keys;
    # withdrawn — a hash of a key named in other scripts is left to the labels' own rules)
    f = "digest-of-key"
    return [
        _c("call-then-key", f, f"sha256(signer.key) = {_hex(64)}\nsigner.key = 0x{GEN.key()}\n"),
        _c("russian-key", f, f"приватный ключ: 0x{GEN.key()}\n"),
        _c("sign-call-key", f, f"sign(keccak256(msg), privateKey=0x{GEN.key()})\n"),
        _c("share-call-key", f, f"share(privateKey=0x{GEN.key()})\n"),
        _c("hmac-call-key", f, f"hmac(key=0x{GEN.key()}, msg=payload)\n"),
        _c("control-copy-key", f, f"Контрольная копия приватного ключа: 0x{GEN.key()}\n"),
    ]


SOURCE = (
    "Generated by tests/vectors/make_secret_forms21.py (random.Random(20021)); "
    "keys never funded, never used."
)


def build() -> list[Case]:
    return [*_streams(), *_frames(), *_nested(), *_quoted(), *_digests()]


if __name__ == "__main__":
    write_table(OUT, SOURCE, build())
