"""The forms secret_forms_dev18 missed, as classes: a key loaded from a hex literal bound to a
name that a loader takes (Rust / Go / Python / TS); an INSERT without a column list under its
table's CREATE TABLE; a key hex-encoded with its line break; an ethers error's argument/value
pair; a compound name headed by "key" in another script; parts far apart, each labelled; and
the look-alikes: a keystore imported without a password, a key's digest named by the key."""

from __future__ import annotations

import json

import pytest

from aiegis_guard.config import parse_config
from aiegis_guard.findings import Source
from aiegis_guard.guard import Guard
from tests.vectors.keygen import KeyGen, bad

GUARD = Guard(parse_config({}), classifier=False)
GEN = KeyGen(20025)
KEY = GEN.key()
HASH = GEN.hex(64)  # a transaction hash's shape
PHRASE = GEN.phrase(24)
XPRV = GEN.xkey("0488ade4", True)
XPUB = GEN.xkey("0488b21e", False)
KEYSTORE = json.dumps(GEN.keystore())
ADDRESS = GEN.hex(40)


def _blocked(text: str) -> bool:
    return GUARD.check_text(text, source=Source.TOOL_OUTPUT).blocked


def _far(first: str, second: str, filler: int = 12) -> str:
    steps = "\n".join(f"{i}. Check the dashboards and note the time." for i in range(filler))
    return f"# Recovery runbook\n\n{first}\n\n## Steps\n{steps}\n\n## Appendix\n{second}\n"


@pytest.mark.parametrize(
    ("text", "blocked"),
    [
        pytest.param(f'let bytes = hex::decode("{KEY}")?;\n'
                     "let w = LocalWallet::from_bytes(&bytes)?;", True,
                     id="rust-hex-decode-from-bytes"),
        pytest.param(f'raw, err := hex.DecodeString("{KEY}")\nprv, err := crypto.ToECDSA(raw)',
                     True, id="go-decode-string-to-ecdsa"),
        pytest.param(f'raw = bytes.fromhex("{KEY}")\nacct = Account.from_key(raw)', True,
                     id="python-fromhex-from-key"),
        pytest.param(f'let bytes = hex::decode("{HASH}")?;\nlet h = TxHash::from_slice(&bytes);',
                     False, id="rust-hash-decoded-twin"),
        pytest.param(f'digest, err := hex.DecodeString("{HASH}")\nfmt.Println(len(digest))',
                     False, id="go-digest-printed-twin"),
    ],
)  # fmt: skip
def test_hex_literal_decoded_then_loaded(text: str, blocked: bool) -> None:
    """A hex literal decoded into a name that a key loader is given is a key (F sf18-005)."""
    assert _blocked(text) is blocked


def _dump(table: str, column: str, value: str) -> str:
    return (
        "PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\n"
        f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, name VARCHAR(32), {column} BLOB,"
        " address TEXT, note TEXT, UNIQUE(name));\n"
        f"INSERT INTO {table} VALUES(1,'ops, main',X'{value.upper()}','0x{ADDRESS}',"
        "'rotated after the drill, see the runbook for the procedure');\nCOMMIT;\n"
    )


@pytest.mark.parametrize(
    ("text", "blocked"),
    [
        pytest.param(_dump("vault", "secret", KEY), True, id="sqlite-dump-secret-column"),
        pytest.param(_dump("vault", "private_key", KEY), True, id="sqlite-dump-key-column"),
        pytest.param(
            "INSERT INTO vault (memo, private_key, id) VALUES ('insert coin, then "
            f"wait', '0x{KEY}', 7);",
            True,
            id="insert-word-in-a-value",
        ),
        pytest.param(
            "CREATE TABLE rows (id INT, tx_hash TEXT, signer_key TEXT);\n"
            f"INSERT INTO rows VALUES (1, '0x{HASH}', 'none');\n"
            f"INSERT INTO rows VALUES (2, '0x{GEN.hex(64)}', 'none');",
            False,
            id="dump-rows-under-a-hash-column-twin",
        ),
        pytest.param(_dump("txs", "tx_hash", HASH), False, id="sqlite-dump-hash-column-twin"),
        pytest.param(_dump("blocks", "state_root", HASH), False, id="sqlite-dump-root-twin"),
    ],
)
def test_insert_without_column_list(text: str, blocked: bool) -> None:
    """An INSERT with no column list puts each value in its CREATE TABLE's column, in order
    (types with parentheses and constraints skipped): the column names it (F sf18-021)."""
    assert _blocked(text) is blocked


@pytest.mark.parametrize(
    ("text", "blocked"),
    [
        pytest.param("ValueError: The private key must be exactly 32 bytes long, instead of 33"
                     f" bytes: '0x{KEY}0a'", True, id="key-with-lf"),
        pytest.param(f"private key (hex of the file): {KEY}0d0a", True, id="key-with-crlf"),
        pytest.param(f"tx hash with a trailing byte: '0x{HASH}0a'", False, id="hash-lf-twin"),
        pytest.param(f"private key: 0x{KEY}0b", False, id="other-trailing-byte-twin"),
        pytest.param(f"public key: 0x{KEY}0a", False, id="public-key-twin"),
    ],
)  # fmt: skip
def test_key_hex_with_its_line_break(text: str, blocked: bool) -> None:
    """64 hex digits and a line break's hex ("0a", "0d0a"), named a key: a key read from a
    file whole (F sf18-022)."""
    assert _blocked(text) is blocked


def _node_error(argument: str, value: str) -> str:
    return (
        "TypeError: invalid argument\n    at makeError (/srv/app/node_modules/ethers/errors.js:1:2)"
        f" {{\n  code: 'INVALID_ARGUMENT',\n  argument: '{argument}',\n  value: '0x{value} '\n}}\n"
    )


@pytest.mark.parametrize(
    ("text", "blocked"),
    [
        pytest.param(_node_error("privateKey", KEY), True, id="argument-private-key"),
        pytest.param(_node_error("signerKey", KEY), True, id="argument-signer-key"),
        pytest.param(_node_error("hash", HASH), False, id="argument-hash-twin"),
        pytest.param(_node_error("blockHash", HASH), False, id="argument-block-hash-twin"),
    ],
)
def test_error_argument_names_its_value(text: str, blocked: bool) -> None:
    """An error object's ``argument`` names its ``value`` as a name/value pair's name does
    (F sf18-024)."""
    assert _blocked(text) is blocked


@pytest.mark.parametrize(
    ("text", "blocked"),
    [
        pytest.param(f'CONFIG = {{\n    "clé_signature": "{KEY}",\n}}', True,
                     id="fr-key-signature"),
        pytest.param(f'config:\n  schlüssel_signatur: "{KEY}"', True, id="de-key-signature"),
        pytest.param(f'CONFIG = {{\n    "clé_publique": "{HASH}",\n}}', False, id="fr-public-twin"),
        pytest.param(f'CONFIG = {{\n    "empreinte_signature": "{HASH}",\n}}', False,
                     id="fr-signature-fingerprint-twin"),
    ],
)  # fmt: skip
def test_foreign_key_head_of_a_compound_name(text: str, blocked: bool) -> None:
    """A compound name headed by "key" in a script the ASCII pass cannot read names a key
    whatever its ASCII modifier ("signature" alone is a hash word) unless it says public."""
    assert _blocked(text) is blocked


@pytest.mark.parametrize(
    ("text", "blocked"),
    [
        pytest.param(f"ravi: to check we have the same key: keccak256(key) = 0x{HASH}\njo: ok",
                     False, id="digest-of-the-named-key"),
        pytest.param(f"fingerprint, to compare: sha256(signer.pk) = {HASH}",
                     False, id="digest-of-pk"),
        pytest.param(f"did we load the same key? keccak256(sk) = {HASH}",
                     False, id="same-sk-check"),
        pytest.param(f"to check: blake2b(priv) -> {HASH}", False, id="check-arrow"),
        pytest.param(f"private key: sha256(master_key) = {KEY}", True, id="child-of-master-key"),
        pytest.param(f"next private key = keccak256(key) = 0x{KEY}", True, id="hash-ratchet"),
        pytest.param(f"signerKey = sha256(masterKey) = 0x{KEY}", True, id="camel-derived"),
        pytest.param(f"sk = sha256(sk) -> {KEY}", True, id="sk-ratchet"),
        pytest.param(f"our signer key: sha256(signer.pk) = {KEY}",
                     True, id="signer-key-no-check-word"),
        pytest.param(f"same key check? no: child key = sha256(key) = {KEY}", True,
                     id="derived-word-wins-over-check"),
        pytest.param(f"signer key = sha256(passphrase) = 0x{KEY}", True, id="brain-wallet-kept"),
        pytest.param(f"private key: sha256(masterKey + salt) = 0x{KEY}", True,
                     id="derived-from-an-expression-kept"),
        pytest.param(f"keccak256(privateKey) = 0x{KEY}", True, id="bare-equation-kept"),
    ],
)  # fmt: skip
def test_key_word_before_a_hash_of_a_key(text: str, blocked: bool) -> None:
    """A key's name before a call that hashes one key name names the key hashed only when the
    words say the result is a check (same / check / compare / fingerprint): a key hashed into
    a private / next / child / signer key is a key (review24s #1), as is one hashed from else."""
    assert _blocked(text) is blocked


def _rpc(*params: str) -> str:
    body = ",".join(params)
    return f'{{"jsonrpc":"2.0","id":11,"method":"wallet_importKeystore","params":[{body}]}}'


@pytest.mark.parametrize(
    ("text", "blocked"),
    [
        pytest.param(_rpc(KEYSTORE), False, id="keystore-alone"),
        pytest.param(_rpc(KEYSTORE, '"latest"'), False, id="keystore-and-a-tag"),
        pytest.param(_rpc(KEYSTORE, '"Tq8!mW2#rLx9"'), True, id="keystore-and-password"),
        pytest.param('{"method":"wallet_importRawKey","params":["' + KEY + '"]}', True,
                     id="raw-key-import-kept"),
    ],
)  # fmt: skip
def test_keystore_import_request(text: str, blocked: bool) -> None:
    """A keystore import's params hold an encrypted wallet (its ciphertext and mac are no
    key): blocked only with its password beside it, as every older set has it."""
    assert _blocked(text) is blocked


@pytest.mark.parametrize(
    ("text", "blocked"),
    [
        pytest.param(_far(f"Key part A (first 32 hex): {KEY[:32]}",
                          f"Key part B (last 32 hex): {KEY[32:]}"), True, id="hex-key-parts-far"),
        pytest.param(_far(f"Tx hash part A: {HASH[:32]}", f"Tx hash part B: {HASH[32:]}"), False,
                     id="hex-hash-parts-far-twin"),
        pytest.param(_far(f"Part A: {KEY[:32]}", f"Part B: {KEY[32:]}"), False,
                     id="hex-parts-far-no-key-word-twin"),
        pytest.param(_far(f"Moitié 1 (coffre A) : {XPRV[:55]}",
                          f"Moitié 2 (coffre B) : {XPRV[55:]}"), True, id="xprv-halves-fr-far"),
        pytest.param(_far(f"Part 1: {XPRV[:50]}", f"Part 2: {XPRV[50:]}", 40), True,
                     id="xprv-parts-appendix"),
        pytest.param(_far(f"Part 1: {XPUB[:50]}", f"Part 2: {XPUB[50:]}"), False,
                     id="xpub-parts-twin"),
        pytest.param(f"**Seed part 1 (words 1–12):** {' '.join(PHRASE[:12])}\n\n| a | b |\n\n"
                     f"**Seed part 2 (words 13–24):** {' '.join(PHRASE[12:])}\n", True,
                     id="seed-parts-markdown-bold"),
        pytest.param(f"**Seed part 1 (words 1–12):** {' '.join(bad(PHRASE)[:12])}\n\n| a |\n\n"
                     f"**Seed part 2 (words 13–24):** {' '.join(bad(PHRASE)[12:])}\n", False,
                     id="seed-parts-bad-checksum-twin"),
    ],
)  # fmt: skip
def test_parts_far_apart(text: str, blocked: bool) -> None:
    """Parts of one secret far apart in a document: base58 parts whose join checks itself,
    hex parts each labelled a key's part; Markdown bold around a part's label."""
    assert _blocked(text) is blocked


def _chat(asked: str, answer: str, same: bool = False) -> str:
    other = "Jonas" if not same else "Lena"
    return (
        f"[09:41] {other}: {asked}\n[09:43] Lena: {answer}\n"
        "[09:43] Lena: Bitte nur in die GitHub-Secrets eintragen, nicht ins Repo.\n"
        "[09:44] Jonas: Danke!\n"
    )


ASK_DE = "Kannst du mir den Schlüssel für das Testwallet schicken? Die CI ist rot."


@pytest.mark.parametrize(
    ("text", "blocked"),
    [
        pytest.param(_chat(ASK_DE, f"Klar, hier: 0x{KEY}"), True, id="de-key-asked"),
        pytest.param(_chat("can you send me the key for the test wallet? CI is red.",
                           f"sure, here: 0x{KEY}"), True, id="en-key-asked"),
        pytest.param(_chat("Kannst du mir den Hash der Transaktion schicken?",
                           f"Klar, hier: 0x{HASH}"), False, id="de-hash-asked-twin"),
        pytest.param(_chat("Der Schlüssel liegt im Tresor, nicht im Chat.",
                           f"Klar, hier: 0x{HASH}"), False, id="de-no-question-twin"),
        pytest.param(_chat(ASK_DE, f"Klar, hier: 0x{HASH}", same=True), False,
                     id="same-speaker-twin"),
        pytest.param(_chat(ASK_DE, f"Das ist der Hash vom letzten Deployment: 0x{HASH}"),
                     False, id="answer-with-its-own-words-twin"),
    ],
)  # fmt: skip
def test_chat_answer_to_a_key_question(text: str, blocked: bool) -> None:
    """A chat message that is a value and a few words answers another speaker's message
    above it: a key asked for (a request, or a question naming a key in another script)
    makes the value a key (F sf18-033); the words after a value are read whole ("GitHub-S")."""
    assert _blocked(text) is blocked
