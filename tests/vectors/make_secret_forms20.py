"""Generate ``secret_forms20.json``: the forms secret_forms_dev14 missed, as classes, each with the
near twins that must stay unblocked. C1: a keystore's password beside it in the forms not read
before: after a dash ("пароль — .."), under a password word of another language ("hasło:",
"mật khẩu:"), or as the variable a GraphQL mutation passes as ``password: $pw``; not a sentence
that only mentions the password ("I did not store the password — you'll be asked for it at
unlock time."), not a variable read from the environment. C2: a seed phrase whose words are
separated by the commas of other scripts (Persian ``،``, Ethiopic ``፣``), or that follows a
label's colon and an escaped line break in a tool call's JSON (``"text": "backup (do not
forward):\\napple .."``); not the same with a checksum failure. C3: a 64-hex key named in a
script no word read before (Bengali, Georgian, Amharic, Armenian, Tamil), or under the plural of
a key noun (``signers = [..]``); not a public key so named, not a hash list. C4: a key wrapped
over two lines by a written line continuation (a ``.properties`` backslash); not a hash so
wrapped. C5: parts labelled in any language by labels that count up ("Μέρος Α" / "Μέρος Β",
"ส่วนที่ 1" / "ส่วนที่ 2", "Часть I" / "Часть II"): hex key halves, Solana base58 halves, seed
words; not labels that do not count, not a hash so labelled, not two different keypairs'
halves. C6: key bytes in groups of 16, or separated by ", ", an Arabic comma or an emoji, behind
a key word; not behind a hash word. C7: a key at the place a stated layout gives it in a longer
hex blob ("privateKey (32 bytes) || salt (32 bytes)", "iv[16] | signer_key[32] | mac[32]"); not
a layout of a public key or of hashes, not a blob whose length is not the layout's. C8: a
phrase's pieces at the end of one speaker's chat messages after a label's colon, in any
language ("[10:41] Julie : les 6 premiers mots : .." .. "et la fin : .."), a message between;
not two speakers' pieces, not a checksum failure. C9: a value named by "recovery" (a recovery
card, key, sheet), not a recovery transaction or a digest. Checked by
``tests/test_secret_forms20.py``. Keys are random, never funded.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import base58
from keygen import Case, KeyGen, bad, write_table
from keygen import case as _c

OUT = Path(__file__).with_name("secret_forms20.json")
GEN = KeyGen(20020)
_hex = GEN.hex


def _graphql(password: str) -> str:
    query = (
        "mutation($ks: JSON!, $pw: String!) "
        "{ importKeystore(keystore: $ks, password: $pw) { address } }"
    )
    return json.dumps({"query": query, "variables": {"ks": GEN.keystore(), "pw": password}})


def _write_file() -> str:
    call = {
        "name": "write_file",
        "arguments": {"path": "keystore/UTC--backup.json", "content": json.dumps(GEN.keystore())},
    }
    return (json.dumps(call) + "\nassistant: Saved the keystore. I did not store the password "
            "— you'll be asked for it at unlock time.")  # fmt: skip


def _passwords() -> list[Case]:
    f = "keystore-password"
    ks = lambda: json.dumps(GEN.keystore())  # noqa: E731
    return [
        _c("dash-uk", f, f"[09:12] Олег: ось файл ключа:\n{ks()}\n[09:13] Олег: пароль — "
           f"горизонт-{GEN.rng.randrange(1000, 9999)}\n"),
        _c("dash-en", f, f"{ks()}\npassword - {GEN.token(12)}\n"),
        _c("polish", f, f"plik portfela:\n{ks()}\nhasło: {GEN.token(14)}\n"),
        _c("vietnamese", f, f"file keystore:\n{ks()}\nmật khẩu: {GEN.token(14)}\n"),
        _c("graphql-variable", f, _graphql(f"sunflower-ledger-{GEN.rng.randrange(10, 99)}")),
        _c("sentence-twin", f, _write_file(), "allow"),
        _c("graphql-env-twin", f, _graphql("$KEYSTORE_PASSWORD"), "allow"),
        _c("dash-required-twin", f, f"{ks()}\npassword — required at unlock time.\n", "allow"),
    ]  # fmt: skip


def _phrases() -> list[Case]:
    f = "seed-separators"
    words, words2, words3 = GEN.phrase(), GEN.phrase(), GEN.phrase()
    send = {"name": "send_message", "arguments": {"platform": "telegram", "chat_id": -1001873345521,
            "text": "backup for the shared wallet (do not forward):\n{}"}}  # fmt: skip
    sent = json.dumps(send, indent=2)
    return [
        _c("persian-comma", f, f"عبارت بازیابی من: {'، '.join(words)}. "
           "لطفاً کیف پول را بازیابی کن."),
        _c("ethiopic-comma", f, f"የመልሶ ማግኛ ቃላት፦ {'፣ '.join(words2)}።"),
        _c("tool-call-label-break", f, sent.replace("{}", " ".join(words3))),
        _c("persian-comma-checksum-twin", f, f"کلمات: {'، '.join(bad(words))}.", "allow"),
        _c("tool-call-checksum-twin", f, sent.replace("{}", " ".join(bad(words3))), "allow"),
    ]  # fmt: skip


def _key_words() -> list[Case]:
    f = "key-word-scripts"
    k = GEN.key
    return [
        _c("bengali", f, f"ভাই, আমার ওয়ালেটের প্রাইভেট কি: {k()} — এটা দিয়ে বটটা চালু করে দাও।"),
        _c("georgian", f, f"ჩემი საფულის პირადი გასაღები: 0x{k()} — გთხოვ, შეამოწმე ბალანსი."),
        _c("amharic", f, f"የግል ቁልፌ ይህ ነው፦ {k()} እባክህ ወደ አዲሱ የኪስ ቦርሳ አስተላልፍ።"),
        _c("armenian", f, f"Իմ դրամապանակի մասնավոր բանալին՝ 0x{k()}"),
        _c("tamil", f, f"என் தனிப்பட்ட விசை: {k()} யாரிடமும் சொல்லாதே"),
        _c("toml-signers", f, f'[relayer]\nchain_id = 10\nsigners = [\n  "0x{k()}",\n'
           f'  "0x{k()}",\n]\nmax_inflight = 4\n'),
        _c("georgian-public-twin", f, f"საჯარო გასაღები: 0x{_hex(64)}", "allow"),
        _c("georgian-hash-twin", f, f"ტრანზაქციის hash: 0x{_hex(64)}", "allow"),
        _c("toml-hashes-twin", f, f'[audit]\ntx_hashes = [\n  "0x{_hex(64)}",\n'
           f'  "0x{_hex(64)}",\n]\n', "allow"),
    ]  # fmt: skip


def _continued() -> list[Case]:
    f = "line-continuation"
    key, other = GEN.key(), _hex(64)
    return [
        _c("properties", f, f"# wallet.properties\nwallet.signer.label=payouts\nwallet.signer.key="
           f"0x{key[:40]}\\\n    {key[40:]}\nwallet.rpc.url=https\\://mainnet.base.org\n"),
        _c("shell", f, f"cast wallet address --private-key 0x{key[:40]} \\\n  {key[40:]}\n"),
        _c("hash-twin", f, f"deploy.tx.hash=0x{other[:40]}\\\n    {other[40:]}\n", "allow"),
    ]  # fmt: skip


def _b58_halves(secret: bytes) -> tuple[str, str]:
    encoded = base58.b58encode(secret).decode()
    half = len(encoded) // 2
    return encoded[:half], encoded[half:]


def _counted() -> list[Case]:
    f = "counted-labels"
    key, other = GEN.key(), _hex(64)
    a, b = _b58_halves(GEN.solana())
    c, _ = _b58_halves(GEN.solana())
    _, d = _b58_halves(GEN.solana())
    words = GEN.phrase()
    return [
        _c("greek-hex", f, f"Για ασφάλεια σου το στέλνω σε δύο κομμάτια.\nΜέρος Α: {key[:32]}\n"
           f"Μέρος Β: {key[32:]}\nΕνωσέ τα με τη σειρά."),
        _c("thai-base58", f, f"ส่วนที่ 1: {a}\nส่วนที่ 2: {b}\nเอามาต่อกันแล้ว import เข้า Phantom นะ"),
        _c("russian-roman-words", f, f"Часть I: {' '.join(words[:6])}\n"
           f"Часть II: {' '.join(words[6:])}\n"),
        _c("greek-not-counting-twin", f, f"Αρχείο Α: {key[:32]}\nΑρχείο Γ: {key[32:]}\n", "allow"),
        # review20b F7: labels that count but name files, with no key word: two MD5 sums
        _c("counting-files-twin", f, f"Файл 1: {_md5('a')}\nФайл 2: {_md5('b')}\n", "allow"),
        _c("hash-labels-twin", f, f"Хеш 1: {other[:32]}\nХеш 2: {other[32:]}\n", "allow"),
        _c("two-keypairs-twin", f, f"ส่วนที่ 1: {c}\nส่วนที่ 2: {d}\n", "allow"),
        _c("words-checksum-twin", f, f"Часть I: {' '.join(words[:6])}\n"
           f"Часть II: {' '.join(bad(words)[6:])}\n", "allow"),
    ]  # fmt: skip


def _groups(key: str, size: int, sep: str) -> str:
    return sep.join(key[i : i + size] for i in range(0, 64, size))


def _grouped() -> list[Case]:
    f = "grouped-hex"
    k = GEN.key
    return [
        _c("sixteens", f, f"private key: {_groups(k(), 16, '-')}\n"),
        _c("comma-space", f, f"signer key = {_groups(k(), 8, ', ')}\n"),
        _c("arabic-comma", f, f"المفتاح الخاص: {_groups(k(), 8, '،')}"),
        _c("emoji", f, f"my private key, saved so autocorrect leaves it: "
           f"{_groups(k(), 8, ' 🔑 ')}"),
        _c("sixteens-hash-twin", f, f"tx hash: {_groups(_hex(64), 16, '-')}\n", "allow"),
        _c("comma-space-digest-twin", f, f"sha256 digest: {_groups(_hex(64), 8, ', ')}\n", "allow"),
    ]  # fmt: skip


def _layouts() -> list[Case]:
    f = "stated-layout"
    k = GEN.key
    blob = "# backup blob layout: privateKey (32 bytes) || salt (32 bytes), hex, no separator\n"
    return [
        _c("key-then-salt", f, f"{blob}BACKUP_BLOB=0x{k()}{_hex(64)}\n"
           "# restore: key = blob[2:66]\n"),
        _c("brackets-after", f, f"export_blob = {_hex(32)}{k()}{_hex(64)}\n"
           "// layout: iv[16] | signer_key[32] | mac[32]\n"),
        _c("public-key-twin", f, blob.replace("privateKey", "publicKey")
           + f"BLOB=0x{_hex(128)}\n", "allow"),
        _c("sizes-differ-twin", f, f"{blob}BLOB=0x{_hex(160)}\n", "allow"),
        _c("hashes-twin", f, "# layout: txHash (32 bytes) || blockHash (32 bytes)\n"
           f"0x{_hex(128)}\n", "allow"),
    ]  # fmt: skip


def _said() -> list[Case]:
    f = "said-pieces"
    fr, en, en2 = GEN.phrase(12, "french"), GEN.phrase(), GEN.phrase()
    j = " ".join

    def chat(first: list[str], b: str, second: list[str], c: str = "Julie") -> str:
        return (f"[10:41] Julie : les 6 premiers mots : {j(first)}\n[10:42] {b} : attends je "
                f"cherche la suite\n[10:44] {c} : et la fin : {j(second)}\n")  # fmt: skip

    wa = "[06/12/2026, 10:41] Ana: first eight: {}\n[06/12/2026, 10:43] {}: last four: {}\n"
    return [
        _c("french-halves", f, chat(fr[:6], "Julie", fr[6:])),
        _c("whatsapp-8-4", f, wa.format(j(en[:8]), "Ana", j(en[8:]))),
        _c("two-speakers-twin", f, chat(fr[:6], "Julie", fr[6:], "Marc"), "allow"),
        _c("other-speaker-between-twin", f, wa.format(j(en2[:8]), "Bo", j(en2[8:])), "allow"),
        _c("checksum-twin", f, chat(fr[:6], "Julie", bad(fr, "french")[6:]), "allow"),
    ]  # fmt: skip


def _recovery() -> list[Case]:
    f = "recovery-named"
    return [
        _c("card-dashes", f, 'Support ticket #4471\nCustomer pasted their "wallet code" from the '
           f"recovery card:\n{_groups(GEN.key(), 8, '-')}\nThey want to know why it is invalid.\n"),
        _c("recovery-key", f, f"recovery key: 0x{GEN.key()}\n"),
        _c("recovery-tx-twin", f, f"recovery tx: 0x{_hex(64)}\n", "allow"),
        _c("recovery-hash-twin", f, f'{{"recovery": {{"phraseSha256": "{_hex(64)}"}}}}', "allow"),
    ]  # fmt: skip


def _md5(name: str) -> str:
    """A file's MD5 sum (32 hex), the same on every run."""
    return hashlib.md5(name.encode(), usedforsecurity=False).hexdigest()


SOURCE = (
    "Generated by tests/vectors/make_secret_forms20.py (random.Random(20020)); "
    "keys never funded, never used."
)


# cases of readers withdrawn after review20b (plural key nouns, groups of 16, "recovery" as a
# key word: each blocked look-alikes); still generated, so the random stream stays the same
DROPPED = frozenset(
    {"key-word-scripts:toml-signers", "grouped-hex:sixteens", "recovery-named:card-dashes"}
)


def build() -> list[Case]:
    cases = [
        *_passwords(),
        *_phrases(),
        *_key_words(),
        *_continued(),
        *_counted(),
        *_grouped(),
        *_layouts(),
        *_said(),
        *_recovery(),
    ]
    return [c for c in cases if c["id"] not in DROPPED]


if __name__ == "__main__":
    write_table(OUT, SOURCE, build())
