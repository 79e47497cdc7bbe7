"""The red-team findings on secrets25 (review24s), as classes: a table definition's columns read
by syntax (a column may be called key / index / check), a keystore with its password, a raw-key
import method, a compressed public key that ends in a line break's byte, foreign compound names
whose modifier says hash / id / check, and a chat question that asks for nothing."""

from __future__ import annotations

import json

import pytest

from aiegis_guard.config import parse_config
from aiegis_guard.findings import Source
from aiegis_guard.guard import Guard
from aiegis_guard.keys.evm import is_compressed_public_key
from tests.vectors.keygen import KeyGen

GUARD = Guard(parse_config({}), classifier=False)
GEN = KeyGen(20424)
KEY = GEN.key()
HASH = GEN.hex(64)  # a transaction hash's shape
ADDRESS = GEN.hex(40)


def _blocked(text: str) -> bool:
    return GUARD.check_text(text, source=Source.TOOL_OUTPUT).blocked


def _dump(columns: str, values: str, table: str = "w") -> str:
    return f"CREATE TABLE {table}({columns});\nINSERT INTO {table} VALUES({values});"


A = f"'0x{ADDRESS}'"


@pytest.mark.parametrize(
    ("text", "blocked"),
    [
        pytest.param(_dump("id INTEGER, key TEXT, tx_hash TEXT", f"1,'{KEY}','{HASH}'"), True,
                     id="column-named-key"),
        pytest.param(_dump('"index" INTEGER, address TEXT, secret TEXT, note TEXT',
                           f"0,{A},'{KEY}','hot'"), True, id="quoted-index-column"),
        pytest.param(_dump("check INTEGER, key VARCHAR(64), private_key TEXT", f"1,'k-1','{KEY}'"),
                     True, id="check-and-sized-key-columns"),
        pytest.param(_dump("id INTEGER, address TEXT, privkey TEXT, PRIMARY KEY (id),\n"
                           "  UNIQUE (address), CONSTRAINT pk_len CHECK (length(privkey) = 64)",
                           f"1,{A},'{KEY}'"), True, id="table-constraints-are-no-columns"),
        pytest.param(_dump("id INT, KEY idx_addr (address), address TEXT, pk TEXT",
                           f"1,{A},'{KEY}'"), True, id="mysql-index-line"),
        pytest.param(_dump("key TEXT, digest TEXT, signing_key TEXT", f"'job-1','{HASH}',NULL"),
                     False, id="digest-beside-key-column-twin"),
        pytest.param(_dump('"index" INT, block_hash TEXT, private_key TEXT', f"0,'{HASH}',NULL"),
                     False, id="block-hash-beside-index-column-twin"),
    ],
)  # fmt: skip
def test_create_table_columns_by_syntax(text: str, blocked: bool) -> None:
    """A constraint is a keyword with its syntax; a quoted or typed name is a column."""
    assert _blocked(text) is blocked


KEYSTORE = json.dumps(GEN.keystore())


def _rpc(*params: str) -> str:
    body = ",".join(params)
    return f'{{"jsonrpc":"2.0","id":1,"method":"wallet_importKeystore","params":[{body}]}}'


@pytest.mark.parametrize(
    ("text", "blocked"),
    [
        pytest.param(_rpc(KEYSTORE, '"hunterhunter"'), True, id="list-lowercase-password"),
        pytest.param(_rpc(KEYSTORE, '"correct horse"'), True, id="list-passphrase"),
        pytest.param(_rpc(f'{{"keystore":{KEYSTORE},"passphrase":"hunterhunter"}}'), True,
                     id="object-passphrase-field"),
        pytest.param(_rpc(f'{{"keystore":{KEYSTORE},"password":"abcdefgh"}}'), True,
                     id="object-password-field"),
        pytest.param(f'{{"keystore": {KEYSTORE}, "password": "hunterhunter"}}', True,
                     id="file-with-password-field"),
        pytest.param(f"keystore = {KEYSTORE}\npwd = 'letmein'", True, id="pwd-assignment"),
        pytest.param(_rpc(KEYSTORE, '"latest"'), False, id="list-block-tag-twin"),
        pytest.param(_rpc(KEYSTORE, '"0x1b4"'), False, id="list-hex-twin"),
        pytest.param(_rpc(KEYSTORE, '"600"'), False, id="list-number-twin"),
        pytest.param(_rpc(f'{{"keystore":{KEYSTORE},"password":"********"}}'), False,
                     id="masked-password-twin"),
        pytest.param(_rpc(f'{{"keystore":{KEYSTORE},"password":"${{KS_PASSWORD}}"}}'), False,
                     id="reference-password-twin"),
        pytest.param(_rpc(f'{{"keystore":{KEYSTORE},"password_ref":"vault-item"}}'), False,
                     id="password-reference-name-twin"),
    ],
)  # fmt: skip
def test_keystore_with_its_password(text: str, blocked: bool) -> None:
    """A named password field counts whatever its shape; a list's string unless a tag / number."""
    assert _blocked(text) is blocked


def _call(method: str, *params: str) -> str:
    return f'{{"jsonrpc":"2.0","id":2,"method":"{method}","params":[{",".join(params)}]}}'


@pytest.mark.parametrize(
    ("text", "blocked"),
    [
        pytest.param(_call("keystore_importRawKey", f'"{KEY}"', '"pw"'), True, id="keystore-raw"),
        pytest.param(_call("wallet_importRawKeyToKeystore", f'"{KEY}"'), True, id="raw-to-ks"),
        pytest.param(_call("keystore_importPrivateKey", f'"0x{KEY}"'), True, id="keystore-private"),
        pytest.param(_call("importKeystoreFromSecretKey", f'"{KEY}"'), True, id="from-secret-key"),
        pytest.param(_rpc(KEYSTORE), False, id="keystore-import-alone-twin"),
        pytest.param(_call("keystore_importKeystore", KEYSTORE), False, id="keystore-ns-twin"),
    ],
)  # fmt: skip
def test_raw_key_import_method_before_keystore(text: str, blocked: bool) -> None:
    """A method whose name says it imports a raw / private key imports one, keystore or not."""
    assert _blocked(text) is blocked


def _x_ending_0a(on_curve: bool) -> str:
    """62 hex digits t such that 02 || t || 0a is (or is not) a compressed secp256k1 key."""
    while True:
        tail = GEN.hex(62)
        if is_compressed_public_key(bytes.fromhex(f"02{tail}0a")) is on_curve:
            return tail


POINT = _x_ending_0a(True)  # "02{POINT}" is a key; "02{POINT}0a" a compressed public key
OFF = _x_ending_0a(False)  # "02{OFF}0a" reads as no public key
READ = "ValueError: The private key must be exactly 32 bytes long, instead of 33 bytes:"


@pytest.mark.parametrize(
    ("text", "blocked"),
    [
        pytest.param(f"{READ} '0x02{POINT}0a'", True, id="bytes-read-frame-wins"),
        pytest.param(f"node key: 02{OFF}0a", True, id="no-point-stays-a-key"),
        pytest.param(f"private key hex with its newline: 02{OFF}0a", True, id="no-point-private"),
        pytest.param(f"node key: 02{POINT}0a", False, id="lightning-node-id-twin"),
        pytest.param(f'"signing_key": "02{POINT}0a"', False, id="signing-key-field-twin"),
        pytest.param(f"lncli connect --key 02{POINT}0a@1.2.3.4:9735", False, id="lncli-peer-twin"),
        pytest.param(f"validator key 02{POINT}0a registered", False, id="validator-twin"),
    ],
)  # fmt: skip
def test_compressed_public_key_ending_in_a_line_break_byte(text: str, blocked: bool) -> None:
    """66 hex read as a compressed public key are that key unless the line says bytes were read."""
    assert _blocked(text) is blocked


def test_compressed_public_key_check() -> None:
    """G (SEC 2 2.4.1, y even: 02) is a compressed key; a wrong prefix or x >= p is not."""
    g_x = "79BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798"
    assert is_compressed_public_key(bytes.fromhex("02" + g_x))
    assert not is_compressed_public_key(bytes.fromhex("04" + "00" * 32))
    assert not is_compressed_public_key(bytes.fromhex("02" + "ff" * 32))


@pytest.mark.parametrize(
    ("text", "blocked"),
    [
        pytest.param(f"schlüssel_signer = '0x{KEY}'", True, id="de-signer-key"),
        pytest.param(f'config:\n  clé_signature: "{KEY}"', True, id="fr-signature-key"),
        pytest.param(f"ключ_подписи = '{KEY}'", True, id="ru-signing-key"),
        pytest.param(f"schlüssel_hash = '0x{HASH}'", False, id="de-hash-twin"),
        pytest.param(f"clé_empreinte = '{HASH}'", False, id="fr-fingerprint-twin"),
        pytest.param(f"schlüssel_fingerprint: {HASH}", False, id="en-fingerprint-twin"),
        pytest.param(f"clé_verification = '{HASH}'", False, id="verifying-key-twin"),
        pytest.param(f"schlüssel_id = '{HASH}'", False, id="id-twin"),
        pytest.param(f"Schlüssel-ID: {HASH}", False, id="de-id-label-twin"),
        pytest.param(f"clé_transaction = '0x{HASH}'", False, id="tx-twin"),
        pytest.param(f"Schlüssel-Prüfsumme: {HASH}", False, id="de-checksum-twin"),
        pytest.param(f"clé-checksum = '{HASH}'", False, id="checksum-twin"),
        pytest.param(f"clé_adresse = '0x{HASH}'", False, id="address-twin"),
    ],
)  # fmt: skip
def test_foreign_head_modifier_classified(text: str, blocked: bool) -> None:
    """A foreign "key" head's modifier that says hash / id / check / tx / address names no key."""
    assert _blocked(text) is blocked


def _chat(asked: str, answer: str) -> str:
    return f"[09:41] Lena: {asked}\n[09:43] Jonas: {answer}\n"


@pytest.mark.parametrize(
    ("text", "blocked"),
    [
        pytest.param(_chat("Kannst du mir den Schlüssel für das Testwallet schicken?",
                           f"Klar, hier: {KEY}"), True, id="de-request"),
        pytest.param(_chat("Tu peux m'envoyer la clé privée du wallet de test ?", f"Oui : {KEY}"),
                     True, id="fr-infinitive-request"),
        pytest.param(_chat("Можешь прислать приватный ключ?", KEY), True, id="ru-request"),
        pytest.param(_chat("Welcher Schlüssel hat die Transaktion signiert?", f"0x{HASH}"), False,
                     id="de-question-about-a-key-twin"),
        pytest.param(_chat("Какой ключ подписал эту транзакцию?", f"0x{HASH}"), False,
                     id="ru-question-about-a-key-twin"),
        pytest.param(_chat("Quelle clé privée a signé la transaction ?", f"0x{HASH}"), False,
                     id="fr-question-about-a-key-twin"),
    ],
)  # fmt: skip
def test_chat_question_naming_a_key_needs_a_request(text: str, blocked: bool) -> None:
    """Another speaker's question naming a key is answered with a key only when it asks for one."""
    assert _blocked(text) is blocked


def test_same_speaker_line_above_still_labels() -> None:
    """A speaker's own line above (a foreign key word) still names the value on the next line."""
    text = f"[09:41] Lena: мой приватный ключ от тестового кошелька:\n[09:41] Lena: {KEY}\n"
    assert _blocked(text)


@pytest.mark.parametrize(
    ("text", "blocked"),
    [
        pytest.param(f"{{ property: 'privateKey', value: '0x{KEY}', constraints: {{}} }}", True,
                     id="class-validator-property"),
        pytest.param(f"{{ field: 'privateKey', value: '0x{KEY}' }}", True, id="form-field"),
        pytest.param(f"InvalidParamsError: param: 'secretKey' value: '0x{KEY}'", True,
                     id="param-name"),
        pytest.param(f"{{ property: 'txHash', value: '0x{HASH}', constraints: {{}} }}", False,
                     id="property-tx-hash-twin"),
        pytest.param(f"{{ field: 'blockHash', value: '0x{HASH}' }}", False, id="field-hash-twin"),
        pytest.param(f"{{ param: 'publicKey', value: '0x{HASH}' }}", False, id="param-public-twin"),
    ],
)  # fmt: skip
def test_error_object_names_its_value(text: str, blocked: bool) -> None:
    """An error object's property / field / param names the value beside it, as argument does."""
    assert _blocked(text) is blocked
