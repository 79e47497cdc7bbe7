"""Generate ``secret_forms22.json``: the carriers secret_forms21 left open, as classes, each with
near twins that must stay unblocked.

C1 other streams that split a tool call's arguments or a message's text into chunks: the
Vercel AI SDK data stream (v4 ``0:"…"`` text parts, ``b:`` / ``c:`` tool-call streaming parts
with ``argsTextDelta``; ``packages/ui-utils/src/data-stream-parts.ts``) and its UI message
stream (v5: SSE ``text-delta`` / ``tool-input-delta`` chunks), Google Gemini
``streamGenerateContent`` (a JSON array of candidates, or ``alt=sse``; text parts and
``functionCall.partialArgs``), AWS Bedrock ConverseStream (``contentBlockDelta`` with
``toolUse.input`` string deltas or ``delta.text``; as JSON lines or as boto3 prints its
events), Ollama ``/api/chat`` NDJSON (``message.content`` pieces) and OpenAI-style chunks
written one a line without ``data:`` (Mistral logged), and SSE events whose ``data:`` spans
several lines (joined by "\\n", as the SSE standard says). Twins: a transaction hash or a
signature streamed the same way.
C2 debug prints: traceback variables with ASCII connectors (better-exceptions / loguru when
the sink cannot encode "│": ``|`` and ``->``), rich tracebacks' locals panels (the value
folded over two rows), Rust ``{:?}`` / ``{:#?}``, Java / Kotlin ``toString()``, Go ``%+v``,
and a key printed as a list of 32 decimal bytes beside a key-ish name. Twins: the same prints
of a transaction hash, a public key, an address.
C3 a secret split by its carrier, not labelled as parts: hex in 2-8 groups separated by
spaces or colons behind a key-ish label; a Solana keypair JSON array broken over lines with
comments. Twins: a hash so split, a 64-byte array that is no keypair.

Checked by ``tests/test_secret_form_tables.py`` and ``tests/test_secret_forms22.py``. Keys are
random, never funded.
"""

from __future__ import annotations

import json
from pathlib import Path

from keygen import Case, KeyGen, write_table
from keygen import case as _c

OUT = Path(__file__).with_name("secret_forms22.json")
GEN = KeyGen(20022)
_hex = GEN.hex
_cut = GEN.cut


def _dumps(value: object) -> str:
    return json.dumps(value, separators=(",", ":"))


# --- C1 streams ---------------------------------------------------------------------------------


def _vercel_v4_call(name: str, arguments: str) -> str:
    call = "call_" + GEN.token(24)
    lines = ['f:{"messageId":"msg-' + GEN.token(20) + '"}']
    lines.append("b:" + _dumps({"toolCallId": call, "toolName": name}))
    lines += ["c:" + _dumps({"toolCallId": call, "argsTextDelta": p}) for p in _cut(arguments)]
    lines.append('e:{"finishReason":"tool-calls","isContinued":false}')
    return "\n".join(lines) + "\n"


def _vercel_v4_text(text: str) -> str:
    lines = ["0:" + json.dumps(p, ensure_ascii=False) for p in _cut(text)]
    return "\n".join([*lines, 'd:{"finishReason":"stop"}']) + "\n"


def _vercel_v5_call(name: str, arguments: str) -> str:
    call = "call_" + GEN.token(24)
    events = [{"type": "tool-input-start", "toolCallId": call, "toolName": name}]
    events += [
        {"type": "tool-input-delta", "toolCallId": call, "inputTextDelta": p}
        for p in _cut(arguments)
    ]
    return "\n\n".join(f"data: {_dumps(e)}" for e in events) + "\n\ndata: [DONE]\n\n"


def _vercel_v5_text(text: str) -> str:
    events = [{"type": "text-start", "id": "txt-0"}]
    events += [{"type": "text-delta", "id": "txt-0", "delta": p} for p in _cut(text)]
    return "\n\n".join(f"data: {_dumps(e)}" for e in events) + "\n\n"


def _gemini_chunk(part: dict[str, object]) -> dict[str, object]:
    return {"candidates": [{"content": {"parts": [part], "role": "model"}, "index": 0}],
            "modelVersion": "gemini-2.5-flash"}  # fmt: skip


def _gemini_array(text: str) -> str:
    chunks = [json.dumps(_gemini_chunk({"text": p}), indent=2) for p in _cut(text, 14)]
    return "[" + "\n,\r\n".join(chunks) + "]"


def _gemini_sse(text: str) -> str:
    chunks = [_gemini_chunk({"text": p}) for p in _cut(text, 14)]
    return "".join(f"data: {_dumps(c)}\r\n\r\n" for c in chunks)


def _gemini_partial_args(name: str, field: str, value: str) -> str:
    pieces = _cut(value, 12)
    chunks = [
        _gemini_chunk({"functionCall": {"name": name, "partialArgs": [
            {"jsonPath": f"$.{field}", "stringValue": p, "willContinue": i < len(pieces) - 1}
        ]}})
        for i, p in enumerate(pieces)
    ]  # fmt: skip
    return "".join(f"data: {_dumps(c)}\n\n" for c in chunks)


def _bedrock(arguments: str, python: bool = False, text: bool = False) -> str:
    events: list[dict[str, object]] = [{"messageStart": {"role": "assistant"}}]
    if not text:
        start = {"toolUse": {"toolUseId": "tooluse_" + GEN.token(22), "name": "import_wallet"}}
        events.append({"contentBlockStart": {"start": start, "contentBlockIndex": 1}})
    for p in _cut(arguments):
        delta = {"text": p} if text else {"toolUse": {"input": p}}
        events.append({"contentBlockDelta": {"delta": delta, "contentBlockIndex": int(not text)}})
    events.append({"contentBlockStop": {"contentBlockIndex": int(not text)}})
    events.append({"messageStop": {"stopReason": "end_turn" if text else "tool_use"}})
    return "\n".join(repr(e) if python else _dumps(e) for e in events) + "\n"


def _ollama(text: str) -> str:
    head = {"model": "llama3.2", "created_at": "2026-03-02T10:14:22.%06dZ"}
    lines = []
    for i, p in enumerate(_cut(text)):
        event = {**head, "created_at": head["created_at"] % (i * 1731),
                 "message": {"role": "assistant", "content": p}, "done": False}  # fmt: skip
        lines.append(_dumps(event))
    lines.append(_dumps({**head, "created_at": "2026-03-02T10:14:23Z", "done": True}))
    return "\n".join(lines) + "\n"


def _chunks_ndjson(text: str) -> str:
    """OpenAI-style chunks one a line without ``data:`` (a Mistral stream logged)."""
    head = {"id": GEN.hex(32), "object": "chat.completion.chunk", "model": "mistral-large-latest"}
    events = [{**head, "choices": [{"index": 0, "delta": {"content": p}}]} for p in _cut(text)]
    return "\n".join(_dumps(e) for e in events) + "\n"


def _sse_multiline(arguments: str) -> str:
    """Each event's JSON written over several ``data:`` lines (the SSE standard joins them)."""
    out = []
    for p in _cut(arguments):
        delta = {"tool_calls": [{"index": 0, "function": {"arguments": p}}]}
        body = json.dumps({"choices": [{"index": 0, "delta": delta}]}, indent=1)
        out.append("\n".join(f"data: {line}" for line in body.splitlines()))
    return "\n\n".join(out) + "\n\n"


def _streams() -> list[Case]:
    f = "stream-formats"
    words = " ".join(GEN.phrase())
    key = GEN.key
    args = lambda k: json.dumps({"private_key": f"0x{k}"})  # noqa: E731
    said = lambda w: f"Here is the wallet's recovery phrase: {w}\nKeep it safe."  # noqa: E731
    tx = lambda: json.dumps({"tx_hash": f"0x{_hex(64)}"})  # noqa: E731
    sig = lambda: json.dumps({"signature": f"0x{_hex(130)}"})  # noqa: E731
    return [
        _c("vercel-v4-call-key", f, _vercel_v4_call("import_wallet", args(key()))),
        _c("vercel-v4-text-phrase", f, _vercel_v4_text(said(words))),
        _c("vercel-v5-call-key", f, _vercel_v5_call("sign_tx", args(key()))),
        _c("vercel-v5-text-phrase", f, _vercel_v5_text(said(" ".join(GEN.phrase())))),
        _c("gemini-array-phrase", f, _gemini_array(said(" ".join(GEN.phrase())))),
        _c("gemini-sse-key", f, _gemini_sse(f"The signer's private key is 0x{key()} - use it.")),
        _c("gemini-partial-args-key", f, _gemini_partial_args("import_wallet", "private_key",
                                                              f"0x{key()}")),
        _c("bedrock-json-key", f, _bedrock(args(key()))),
        _c("bedrock-boto3-key", f, _bedrock(args(key()), python=True)),
        _c("bedrock-text-phrase", f, _bedrock(said(" ".join(GEN.phrase())), text=True)),
        _c("ollama-phrase", f, _ollama(said(" ".join(GEN.phrase())))),
        _c("ndjson-chunks-key", f, _chunks_ndjson(f"private key: 0x{key()}")),
        _c("sse-multiline-key", f, _sse_multiline(args(key()))),
        _c("vercel-v4-txhash-twin", f, _vercel_v4_call("get_receipt", tx()), "allow"),
        _c("vercel-v5-signature-twin", f, _vercel_v5_call("verify", sig()), "allow"),
        _c("gemini-array-txhash-twin", f,
           _gemini_array(f"The transaction hash is 0x{_hex(64)} - confirmed."), "allow"),
        _c("gemini-partial-args-txhash-twin", f,
           _gemini_partial_args("get_receipt", "tx_hash", f"0x{_hex(64)}"), "allow"),
        _c("bedrock-boto3-txhash-twin", f, _bedrock(tx(), python=True), "allow"),
        _c("ollama-signature-twin", f, _ollama(f"Signature: 0x{_hex(130)}"), "allow"),
        _c("sse-multiline-txhash-twin", f, _sse_multiline(tx()), "allow"),
    ]  # fmt: skip


# --- C2 debug prints ----------------------------------------------------------------------------


def _ascii_frame(name: str, value: str, cap: str = "->") -> str:
    call = f"    tx = build_and_sign(w3, {name}, nonce)"
    cols = [call.index("nonce"), call.index(name), call.index("w3")]
    values = [str(GEN.rng.randrange(1, 99)), value, "<web3.main.Web3 object at 0x7f2c9d1e4a90>"]
    lines = []
    for i, (col, val) in enumerate(zip(cols, values, strict=True)):
        chars = list(f"{' ' * col}{cap} {val}")
        for c in cols[i + 1 :]:
            chars[c] = "|"
        lines.append("".join(chars))
    return (
        "Traceback (most recent call last):\n\n"
        '  File "/srv/keeper/main.py", line 41, in main\n'
        f"{call}\n" + "\n".join(lines) + "\n\nValueError: nonce too low\n"
    )


def _rich_locals(name: str, value: str) -> str:
    width = 58
    rows = [(name, value), ("nonce", "17"), ("w3", "<web3.main.Web3 object at 0x7f2c9d1e4a90>")]
    pad = max(len(n) for n, _ in rows)
    body = []
    for n, v in rows:
        text = f"{n.rjust(pad)} = {v}"
        while len(text) > width:
            body.append(text[:width])
            text = " " * (pad + 3) + text[width:]
        body.append(text)
    top = "╭" + " locals ".center(width + 2, "─") + "╮"
    out = [
        "╭─────────────────── Traceback (most recent call last) ────────────────────╮",
        "│ /srv/keeper/main.py:41 in main                                           │",
        "│                                                                          │",
        "│ ❱ 41 │   tx = build_and_sign(w3, key, nonce)                             │",
        "│                                                                          │",
        f"│ {top}          │",
        *[f"│ │ {b.ljust(width)} │          │" for b in body],
        f"│ ╰{'─' * (width + 2)}╯          │",
        "╰──────────────────────────────────────────────────────────────────────────╯",
        "ValueError: nonce too low",
    ]
    return "\n".join(out) + "\n"


def _decimal(data: bytes, sep: str = ", ") -> str:
    return sep.join(str(b) for b in data)


def _prints() -> list[Case]:
    f = "debug-prints"
    k = GEN.key
    raw = lambda: bytes.fromhex(GEN.key())  # noqa: E731
    pretty = lambda data: "\n".join(f"        {b}," for b in data)  # noqa: E731
    addr = f"0x{_hex(40)}"
    return [
        _c("ascii-frame-key", f, _ascii_frame("key", f"'0x{k()}'")),
        _c("ascii-frame-private-key", f, _ascii_frame("private_key", f"'{k()}'")),
        _c("rich-locals-key", f, _rich_locals("private_key", f"'0x{k()}'")),
        _c("rich-locals-phrase", f, _rich_locals("mnemonic", repr(" ".join(GEN.phrase())))),
        _c("rust-debug-struct", f,
           f'Signer {{ private_key: "{k()}", address: {addr}, chain_id: 1 }}\n'),
        _c("rust-debug-bytes", f, f"loaded signer: PrivateKey([{_decimal(raw())}])\n"),
        _c("rust-pretty-bytes", f,
           f"[src/main.rs:42:5] &signing_key = SigningKey(\n    [\n{pretty(raw())}\n    ],\n)\n"),
        _c("rust-pretty-struct", f,
           f'[src/wallet.rs:18:9] wallet = Wallet {{\n    secret: "0x{k()}",\n'
           f"    address: {addr},\n}}\n"),
        _c("java-tostring", f, f"DEBUG WalletService - loaded Wallet{{privateKey={k()}, "
                               f"address={addr}, chainId=1}}\n"),
        _c("kotlin-data-class", f, f"Credentials(privateKey=0x{k()}, address={addr})\n"),
        _c("go-plus-v", f, f"signer: {{PrivateKey:0x{k()} Address:{addr} ChainID:1}}\n"),
        _c("go-bytes", f, f"cfg: {{Name:hot Key:[{_decimal(raw(), ' ')}] Addr:{addr}}}\n"),
        _c("python-secret-list", f, f"secret_key = [{_decimal(raw())}]\n"),
        _c("ascii-frame-txhash-twin", f, _ascii_frame("tx_hash", f"'0x{_hex(64)}'"), "allow"),
        _c("rich-locals-signature-twin", f, _rich_locals("signature", f"'0x{_hex(130)}'"),
           "allow"),
        _c("rust-txhash-bytes-twin", f, f"sent: TxHash([{_decimal(raw())}])\n", "allow"),
        _c("rust-pubkey-bytes-twin", f, f"owner: Pubkey([{_decimal(raw())}])\n", "allow"),
        _c("java-txhash-twin", f, f"Receipt{{transactionHash=0x{_hex(64)}, status=1}}\n",
           "allow"),
        _c("go-hash-twin", f, f"{{Hash:0x{_hex(64)} From:{addr} Nonce:7}}\n", "allow"),
        _c("python-hash-list-twin", f, f"block_hash = [{_decimal(raw())}]\n", "allow"),
    ]  # fmt: skip


# --- C3 pieces ----------------------------------------------------------------------------------


def _groups(value: str, n: int, sep: str) -> str:
    size = len(value) // n
    return sep.join(value[i : i + size] for i in range(0, len(value), size))


def _commented_keypair(
    secret: bytes,
    comment: str = "//",
    labels: tuple[str, str] = ("secret half (seed)", "public half"),
) -> str:
    rows = [secret[i : i + 8] for i in range(0, 64, 8)]
    out = ["["]
    for i, row in enumerate(rows):
        if i == 0:
            out.append(f"  {comment} {labels[0]}")
        if i == 4:
            out.append(f"  {comment} {labels[1]}")
        out.append("  " + ", ".join(str(b) for b in row) + ("," if i < 7 else ""))
    return "\n".join([*out, "]"]) + "\n"


def _pieces() -> list[Case]:
    f = "split-by-carrier"
    return [
        _c("hex-2-groups-space", f, f"private key: {_groups(GEN.key(), 2, ' ')}\n"),
        _c("hex-4-groups-space", f, f"PRIVATE_KEY = {_groups(GEN.key(), 4, ' ')}\n"),
        _c("hex-4-groups-colon", f, f"signer key {_groups(GEN.key(), 4, ':')}\n"),
        _c("hex-8-groups-space", f, f"clé privée : {_groups(GEN.key(), 8, ' ')}\n"),
        _c("hex-2-groups-0x", f, f"export PK=0x{_groups(GEN.key(), 2, ' ')}\n"),
        _c("solana-array-slash-comments", f,
           "// ~/.config/solana/id.json\n" + _commented_keypair(GEN.solana())),
        _c("solana-array-hash-comments", f,
           "keypair = " + _commented_keypair(GEN.solana(), "#")),
        _c("hex-4-groups-txhash-twin", f, f"tx hash: {_groups(_hex(64), 4, ' ')}\n", "allow"),
        _c("hex-2-groups-sha256-twin", f, f"sha256: {_groups(_hex(64), 2, ' ')}\n", "allow"),
        _c("hex-8-groups-pubkey-twin", f, f"public key: {_groups(_hex(64), 8, ':')}\n", "allow"),
        _c("array-not-keypair-twin", f,
           "// signature bytes\n"
           + _commented_keypair(bytes.fromhex(_hex(128)), labels=("r", "s")), "allow"),
    ]  # fmt: skip


SOURCE = (
    "Generated by tests/vectors/make_secret_forms22.py (random.Random(20022)); "
    "keys never funded, never used."
)


def build() -> list[Case]:
    return [*_streams(), *_prints(), *_pieces()]


if __name__ == "__main__":
    write_table(OUT, SOURCE, build())
