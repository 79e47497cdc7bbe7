"""Regenerate ``tests/vectors/secret_forms16.json``: the form classes of the dev10 misses.

Run: ``.venv/bin/python tests/vectors/make_secret_forms16.py``. Keys, phrases and keypairs come
from ``random.Random(1616)`` (``keygen.KeyGen``): never funded, never used. Each class has
positives (``block``) and the near twins that must stay unblocked (``allow`` / ``flag``), as
secrets reach an agent: JSON-escaped lines, quoted replies, chat exports, tag-per-word HTML,
labelled numbering, tables, request ids. Checked by ``tests/test_secret_form_sets.py``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from keygen import Case, KeyGen, bad, write_table
from keygen import case as _c
from mnemonic import Mnemonic

OUT = Path(__file__).with_name("secret_forms16.json")
GEN = KeyGen(1616)
RNG = GEN.rng


def _hash() -> str:
    return f"{RNG.getrandbits(256):064x}"


def _escaped_lines() -> list[Case]:
    """A key word after a JSON string's escaped break ("\\nsigner: 0x.."), a role-named value
    whose line ends at an escaped break."""
    f = "escaped-line"
    k, h = GEN.key(), _hash()
    sampling = {
        "method": "sampling/createMessage",
        "params": {"messages": [{"role": "user", "content": {"type": "text", "text": ""}}]},
    }

    def mcp(text: str) -> str:
        sampling["params"]["messages"][0]["content"]["text"] = text  # type: ignore[index]
        return json.dumps(sampling)

    return [
        _c("signer", f, mcp(f"Summarise this config:\nsigner: 0x{k}\nnetwork: base")),
        _c("keyword-tab", f, mcp(f"config\tprivateKey=0x{GEN.key()}\tchain=1")),
        _c(
            "role-env",
            f,
            json.dumps(
                {"content": f"DEPLOYER=0x{GEN.key()}\nETHERSCAN_KEY=\n", "session_id": "5c"}
            ),
        ),
        _c("tx-hash", f, mcp(f"Summarise this receipt:\ntxHash: 0x{h}\nstatus: 1"), "allow"),
        _c(
            "role-event",
            f,
            json.dumps({"log": f"relayer: 0x{_hash()} submitted\nnext: idle"}),
            "allow",
        ),
    ]


def _foreign_words() -> list[Case]:
    """ "key" / "private" in Arabic, Hindi, Thai, Chinese; their "public" twins."""
    f = "foreign-key-word"
    return [
        _c("ar-key", f, f"مرحبا، هذا هو المفتاح: {GEN.key()} هل هذا صحيح؟"),
        _c("hi-private", f, f"भाई, प्राइवेट की: {GEN.key()} — जल्दी करना"),
        _c("hi-key", f, f"मेरी कुंजी {GEN.key()} है"),
        _c("th-key", f, f"นี่คือคีย์ของฉัน {GEN.key()} ครับ"),
        _c("zh-key", f, f"这是密钥：{GEN.key()}"),
        _c("ar-public", f, f"هذا هو المفتاح العام: {_hash()}", "allow"),
        _c("hi-public", f, f"पब्लिक की: {_hash()}", "allow"),
        _c("th-public", f, f"คีย์สาธารณะ {_hash()}", "allow"),
    ]


def _identifier_keys() -> list[Case]:
    """A record's or a message's key (request, trace, partition, object): an identifier."""
    f = "identifier-key"
    return [
        _c("x-request-key", f, f"HTTP/1.1 200 OK\nx-request-key: {_hash()}\n", "allow"),
        _c("trace-key", f, f"trace_key={_hash()} span_key=9e0c77 tool=get_balance ok", "allow"),
        _c("partition-key", f, f"partition key: 0x{_hash()}", "allow"),
        _c("object-key", f, f"S3 object key {_hash()}", "allow"),
        _c("x-private-key", f, f"x-private-key: {GEN.key()}"),
        _c("signing-key", f, f"signing key: 0x{GEN.key()}"),
    ]


def _not_the_key() -> list[Case]:
    """A digest of a key, a key word negated: no key by that word."""
    f = "digest-of-key"
    return [
        _c(
            "sha-of-key-file", f, f"sha256 of the key file (not the key): {_hash()}  k.enc", "allow"
        ),
        _c("keccak-of-key", f, f"keccak hash of my private key: 0x{_hash()}", "allow"),
        _c("fingerprint-for", f, f"fingerprint for the signing key 0x{_hash()}", "allow"),
        _c("not-the-seed", f, f"my private key (not the seed): 0x{GEN.key()}"),
        _c("hash-elsewhere", f, f"hash of the tx is below; private key: 0x{GEN.key()}"),
    ]


def _table_cells() -> list[Case]:
    """A Markdown table: the column's header names its cells over a row's label."""
    f = "table-column"
    rows = [("deposit", _hash()), ("key rotation", _hash()), ("refund", _hash())]
    txs = "| note | tx |\n|---|---|\n" + "".join(f"| {n} | 0x{h} |\n" for n, h in rows)
    return [
        _c("tx-column", f, txs, "allow"),
        _c(
            "hash-column",
            f,
            f"| what | hash |\n|---|---|\n| signer key rotated | {_hash()} |\n",
            "allow",
        ),
        _c(
            "key-column", f, f"| label | private key |\n|---|---|\n| hot wallet | 0x{GEN.key()} |\n"
        ),
        _c("generic-column", f, f"| name | value |\n|---|---|\n| private key | 0x{GEN.key()} |\n"),
    ]


def _quoted(lines: list[str]) -> str:
    return "\n".join("> " + line if line else ">" for line in lines)


def _quoted_replies() -> list[Case]:
    """A value wrapped over the quoted lines of a reply (e-mail, forum, Markdown)."""
    f = "quoted-reply"
    k, h, x, w = GEN.key(), _hash(), GEN.xkey("0488ade4", True), GEN.wif()
    arr = [str(b) for b in GEN.solana()]
    array = [", ".join(arr[i : i + 16]) + ("," if i < 48 else "") for i in range(0, 64, 16)]
    array[0], array[-1] = "[" + array[0], array[-1] + "]"
    return [
        _c(
            "hex",
            f,
            "On Fri Tomasz wrote:\n"
            + _quoted(["new signer, update the k8s secret:", f"0x{k[:38]}", k[38:], "Thanks!"]),
        ),
        _c("nested-hex", f, _quoted(["> the private key:", f"> {k[:32]}", f"> {k[32:]}"])),
        _c(
            "xprv",
            f,
            _quoted(["master key from the old Electrum:", x[:56], x[56:]]) + "\n\nsweep it",
        ),
        _c("wif", f, _quoted(["the key printed under the QR is", w[:26], w[26:]])),
        _c("solana-array", f, _quoted(["my id.json is", *array, "why does it show 0?"])),
        _c("tx-hash", f, _quoted(["tx hash:", f"0x{h[:38]}", h[38:]]), "allow"),
        _c("unquoted-hash", f, _quoted(["the tx:", f"0x{_hash()}", "confirmed"]), "allow"),
    ]


def _wrapped_halves() -> list[Case]:
    """A WIF in two short lines (no quote), and a base58 non-key of the same shape."""
    f = "short-wrap"
    w = GEN.wif(compressed=False)
    other = GEN.wif()
    broken = other[:-1] + ("2" if other[-1] != "2" else "3")
    return [
        _c("wif-halves", f, f"paper wallet backup:\n{w[:25]}\n{w[25:]}\n"),
        _c("bad-checksum", f, f"paper wallet backup:\n{broken[:26]}\n{broken[26:]}\n", "allow"),
    ]


def _labelled_numbers() -> list[Case]:
    """Numbered words with a label between the number and the word ("1. Wort: camp")."""
    f = "numbered-label"
    p, q = GEN.phrase(), GEN.phrase()
    wrong = bad(GEN.phrase())
    return [
        _c(
            "de-wort",
            f,
            "Hier meine Wörter:\n" + "\n".join(f"{i}. Wort: {w}" for i, w in enumerate(p, 1)),
        ),
        _c("paren-eq", f, "\n".join(f"{i}) word = {w}" for i, w in enumerate(q, 1))),
        _c(
            "fullwidth",
            f,
            "\n".join(f"{i}. 単語：{w}" for i, w in enumerate(GEN.phrase(12, "japanese"), 1)),
        ),
        _c("bad-checksum", f, "\n".join(f"{i}. Wort: {w}" for i, w in enumerate(wrong, 1)), "flag"),
        _c(
            "steps",
            f,
            "\n".join(f"{i}. Step: {w}" for i, w in enumerate(["open", "click", "choose"] * 4, 1)),
            "allow",
        ),
    ]


def _tag_items() -> list[Case]:
    """One word an element, whatever the tag (<kbd>, <button>, <span class=..>)."""
    f = "tag-items"
    p, q = GEN.phrase(), GEN.phrase()
    wrong = bad(GEN.phrase())
    return [
        _c(
            "kbd-glued",
            f,
            "<p>Your recovery phrase: " + "".join(f"<kbd>{w}</kbd>" for w in p) + "</p>",
        ),
        _c("button", f, "\n".join(f'<button class="chip">{w}</button>' for w in q)),
        _c("kbd-bad", f, "".join(f"<kbd>{w}</kbd>" for w in wrong), "flag"),
        _c(
            "kbd-keys",
            f,
            "Press " + "".join(f"<kbd>{k}</kbd>" for k in ("Ctrl", "Shift", "K") * 4),
            "allow",
        ),
    ]


def _chat_logs() -> list[Case]:
    """A phrase over the messages of one speaker in an IRC log."""
    f = "chat-log"
    p = GEN.phrase()
    wrong = bad(GEN.phrase())
    return [
        _c(
            "irc",
            f,
            f"[21:30:11] <mika> seed for the test wallet: {' '.join(p[:8])}\n"
            f"[21:30:40] <mika> {' '.join(p[8:])}",
        ),
        _c(
            "irc-bad",
            f,
            f"[21:30:11] <mika> {' '.join(wrong[:8])}\n[21:30:40] <mika> {' '.join(wrong[8:])}",
            "allow",
        ),
    ]


def _no_valid_window(
    draw: Any, language: str, step: int, numbers: list[str] | None = None
) -> list[str]:
    """A checksum-failing phrase none of whose 12-word windows (as the words stand, with
    their ``numbers`` between them: Chinese numerals are list words too) passes the 4-bit
    checksum by chance (1 draw in 16 would): the twin tests the class's reading, not chance."""
    checker = Mnemonic(language)
    while True:
        words = draw()
        tokens = words
        if numbers is not None:
            tokens = [t for n, w in zip(numbers, words, strict=True) for t in (*n, w)]
        windows = (tokens[i : i + 12] for i in range(0, len(tokens) - 11, step))
        if not any(checker.check(" ".join(w)) for w in windows):
            return words


def _interjections() -> list[Case]:
    """A note between the halves of a 24-word phrase; chatter between one speaker's messages."""
    f = "interjection"
    p, wrong = GEN.phrase(24), _no_valid_window(lambda: bad(GEN.phrase(24)), "english", 12)
    q = GEN.phrase()

    def bullets(words: list[str]) -> str:
        return "\n".join(f"* {w}" for w in words)

    def chat(words: list[str]) -> str:
        return (
            "[06/12/2026, 09:14:02] Ana: ok here\n"
            f"[06/12/2026, 09:14:30] Ana: {' '.join(words[:6])}\n"
            "[06/12/2026, 09:15:01] Ana: wait the rest\n"
            f"[06/12/2026, 09:15:40] Ana: {' '.join(words[6:])}\n"
            "[06/12/2026, 09:16:00] Bruno: got it"
        )

    return [
        _c("continued", f, f"Backup:\n{bullets(p[:12])}\n  * continued\n{bullets(p[12:])}"),
        _c(
            "continued-bad",
            f,
            f"{bullets(wrong[:12])}\n  * continued\n{bullets(wrong[12:])}",
            "flag",
        ),
        _c("chat-between", f, chat(q)),
        _c("chat-between-bad", f, chat(bad(GEN.phrase())), "allow"),
    ]


def _counted_parts() -> list[Case]:
    """A part label ending in its count ("part 1/2 <value>"), no colon."""
    f = "counted-part"
    raw = GEN.solana()
    import base58

    sk = base58.b58encode(raw).decode()
    other = base58.b58encode(GEN.solana()).decode()
    lines = f"[14:02] kai: part 1/2 {sk[:43]}\n[14:02] kai: brb\n[14:05] kai: part 2/2 {sk[43:]}"
    mixed = f"part 1 of 2 {sk[:43]}\nthen\npart 2 of 2 {other[43:]}"
    return [_c("chat", f, lines), _c("mismatched-halves", f, mixed, "allow")]


def _keystore(h: str) -> str:
    crypto = {
        "cipher": "aes-128-ctr",
        "ciphertext": h,
        "cipherparams": {"iv": h[:32]},
        "kdf": "scrypt",
        "kdfparams": {"dklen": 32, "n": 4096, "p": 1, "r": 8, "salt": h[::-1][:32]},
        "mac": h[16:] + h[:16],
    }
    return json.dumps({"address": _hash()[:40], "crypto": crypto, "version": 3})


def _answered_passwords() -> list[Case]:
    """A keystore, then its password alone in a later message of the chat."""
    f = "answered-password"
    ks = _keystore(_hash())
    pw = "".join(
        RNG.choice("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!#%") for _ in range(12)
    )
    pw += str(RNG.randrange(10))

    def chat(last: str) -> str:
        return (
            f"[09:01] Sam: here's the keystore from the old node\n[09:01] Sam: {ks}\n"
            "[09:02] Lin: what's the password?\n[09:02] Sam: one sec, finding it\n"
            f"[09:03] Sam: {last}"
        )

    return [
        _c("later-message", f, chat(pw)),
        _c("said-later", f, chat("later!"), "flag"),
        _c("no-answer", f, chat("can't find it, sorry"), "flag"),
    ]


def _cjk_numbering() -> list[Case]:
    """Words numbered with Chinese numerals (一、 .. 十二、), which are list words too."""
    f = "cjk-numbering"
    numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
    p = GEN.phrase(12, "chinese_traditional")
    wrong = _no_valid_window(
        lambda: bad(GEN.phrase(12, "chinese_traditional")), "chinese_traditional", 1, numerals
    )
    return [
        _c(
            "zh-hant",
            f,
            "助記詞：\n" + "\n".join(f"{n}、{w}" for n, w in zip(numerals, p, strict=True)),
        ),
        _c(
            "zh-hant-bad",
            f,
            "助記詞：\n" + "\n".join(f"{n}、{w}" for n, w in zip(numerals, wrong, strict=True)),
            "flag",
        ),
    ]


def _cut_numbers() -> list[Case]:
    """A keypair's byte array hard-wrapped every 80 characters, breaks inside numbers."""
    f = "cut-numbers"
    array = "let kp = Keypair::from_bytes(&[" + ", ".join(map(str, GEN.solana())) + "]).unwrap();"
    noise = "let v = [" + ", ".join(str(RNG.randrange(100, 256)) for _ in range(64)) + "];"

    def cut(s: str) -> str:
        return "\n".join(s[i : i + 80] for i in range(0, len(s), 80))

    return [
        _c("rust", f, f"```rust\n{cut(array)}\n```"),
        _c("random-bytes", f, cut(noise), "allow"),
    ]


def _any_window_valid(text: str) -> bool:
    """Some 12 consecutive English list words of ``text`` pass the checksum (by chance)."""
    checker = Mnemonic("english")
    listed = set(checker.wordlist)
    words = [w for w in re.findall(r"[a-z]+", text.lower()) if w in listed]
    return any(checker.check(" ".join(words[i : i + 12])) for i in range(len(words) - 11))


def _dictations() -> list[Case]:
    """A phrase dictated with its places said ("word one is .., two is ..")."""
    f = "dictation"

    def said(w: list[str]) -> str:
        return (
            f"So word one is {w[0]}, word two is {w[1]}, three is {w[2]}, four {w[3]}, five "
            f"{w[4]}, six {w[5]}, then {w[6]}, {w[7]}, {w[8]}, {w[9]}, {w[10]} and the last one "
            f"is {w[11]}."
        )

    while _any_window_valid(said(wrong := bad(GEN.phrase()))):
        pass
    steps = (
        "Word one is open, word two is settings, three is network, four is token, five is "
        "address, six is confirm, then wait and the last one is done."
    )
    return [
        _c("places", f, said(GEN.phrase())),
        _c("bad", f, said(wrong), "allow"),
        _c("steps", f, steps, "allow"),
    ]


def _later_twins() -> list[Case]:
    """Near twins added after review: a Chinese API key, a public key written 公开密钥, a line
    of code after a keystore's password word."""
    ks = _keystore(_hash())
    code = f"pw = getpass()\n{ks}\nweb3.eth.accounts[0]\n"
    return [
        _c("zh-api-key", "foreign-key-word", f"API密钥：{_hash()}", "allow"),
        _c("zh-public-key", "foreign-key-word", f"公开密钥：{_hash()}", "allow"),
        _c("code-line", "answered-password", f"# password read at run time\n{code}", "flag"),
    ]


SOURCE = (
    "Generated by tests/vectors/make_secret_forms16.py (random.Random(1616)); keys "
    "and phrases never funded, never used."
)


def build() -> list[Case]:
    return [
        *_escaped_lines(),
        *_foreign_words(),
        *_identifier_keys(),
        *_not_the_key(),
        *_table_cells(),
        *_quoted_replies(),
        *_wrapped_halves(),
        *_labelled_numbers(),
        *_tag_items(),
        *_chat_logs(),
        *_interjections(),
        *_counted_parts(),
        *_answered_passwords(),
        *_cjk_numbering(),
        *_cut_numbers(),
        *_dictations(),
        *_later_twins(),
    ]


if __name__ == "__main__":
    write_table(OUT, SOURCE, build())
