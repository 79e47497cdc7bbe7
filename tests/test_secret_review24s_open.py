"""The red-team findings on secrets25 (review24s) left open after fix24s2, as classes: part
labels in any language, far-apart parts numbered on from a label that names the key, a key's
hex with other glued bytes, a hex literal decoded in JS / TS and given to a signer, chat
answers to a bare foreign key noun, and the false blocks around "which key" / "same key" /
content-addressed tables."""

from __future__ import annotations

import pytest

from aiegis_guard.config import parse_config
from aiegis_guard.findings import Source
from aiegis_guard.guard import Guard
from aiegis_guard.keys.evm import is_compressed_public_key
from aiegis_guard.scanners.part_labels import continues_numbering
from aiegis_guard.scanners.part_words import part_word_starts
from tests.vectors.keygen import KeyGen

GUARD = Guard(parse_config({}), classifier=False)
GEN = KeyGen(20525)
KEY = GEN.key()
KEY2 = GEN.key()
HASH = GEN.hex(64)  # a transaction hash's shape
WIF = GEN.wif()
XPRV = GEN.xkey("0488ade4", True)
XPUB = GEN.xkey("0488b21e", False)
OTHER_WIF = GEN.wif()


def _blocked(text: str) -> bool:
    return GUARD.check_text(text, source=Source.TOOL_OUTPUT).blocked


def _far(first: str, second: str, filler: int = 12) -> str:
    steps = "\n".join(f"{i}. Check the dashboards and note the time." for i in range(filler))
    return f"# Runbook\n\n{first}\n\n## Steps\n{steps}\n\n## Appendix\n{second}\n"


def _halves(value: str) -> tuple[str, str]:
    return value[: len(value) // 2], value[len(value) // 2 :]


W1, W2 = _halves(WIF)
X1, X2 = _halves(XPRV)
P1, P2 = _halves(XPUB)
O1, O2 = _halves(OTHER_WIF)
K1, K2 = KEY[:32], KEY[32:]
H1, H2 = HASH[:32], HASH[32:]


@pytest.mark.parametrize(
    ("first", "second", "blocked"),
    [
        pytest.param(f"Deel 1: {W1}", f"Deel 2: {W2}", True, id="nl-deel"),
        pytest.param(f"Część 1: {W1}", f"Część 2: {W2}", True, id="pl-czesc"),
        pytest.param(f"Часть 1: {W1}", f"Часть 2: {W2}", True, id="ru-chast"),
        pytest.param(f"Metà 1: {W1}", f"Metà 2: {W2}", True, id="it-meta"),
        pytest.param(f"Stück 1: {X1}", f"Stück 2: {X2}", True, id="de-stueck"),
        pytest.param(f"Erste Hälfte: {X1}", f"Zweite Hälfte: {X2}", True, id="de-ordinal-half"),
        pytest.param(f"Eerste helft: {W1}", f"Tweede helft: {W2}", True, id="nl-ordinal-half"),
        pytest.param(f"Pierwsza połowa: {W1}", f"Druga połowa: {W2}", True, id="pl-ordinal-half"),
        pytest.param(f"Část 1: {W1}", f"Část 2: {W2}", True, id="cs-cast"),
        pytest.param(f"Parça 1: {X1}", f"Parça 2: {X2}", True, id="tr-parca"),
        pytest.param(f"Μέρος 1: {W1}", f"Μέρος 2: {W2}", True, id="el-meros"),
        pytest.param(f"Schlüsselteil 1: {W1}", f"Schlüsselteil 2: {W2}", True, id="de-compound"),
        pytest.param(f"Deel 1: {P1}", f"Deel 2: {P2}", False, id="nl-xpub-halves-twin"),
        pytest.param(f"Część 1: {W1}", f"Część 2: {O2}", False, id="pl-halves-of-two-keys-twin"),
        pytest.param(f"Часть 1: {O1}", f"Часть 2: {W2}", False, id="ru-halves-of-two-keys-twin"),
    ],
)  # fmt: skip
def test_base58_parts_far_apart_any_language(first: str, second: str, blocked: bool) -> None:
    """A part label in any language joins base58 parts far apart; the join must still check."""
    assert _blocked(_far(first, second)) is blocked


@pytest.mark.parametrize(
    ("first", "second", "blocked"),
    [
        pytest.param(f"Schlüsselteil 1: {K1}", f"Schlüsselteil 2: {K2}", True, id="de-compound"),
        pytest.param(f"Partie 1 de la clé privée : {K1}", f"Partie 2 de la clé privée : {K2}",
                     True, id="fr-partie"),
        pytest.param(f"Часть 1 приватного ключа: {K1}", f"Часть 2 приватного ключа: {K2}", True,
                     id="ru-chast"),
        pytest.param(f"Clave privada, mitad 1: {K1}", f"Clave privada, mitad 2: {K2}", True,
                     id="es-mitad"),
        pytest.param(f"Teil 1: {K1}", f"Teil 2: {K2}", False, id="de-no-key-word-twin"),
        pytest.param(f"Tx-Hash Teil 1: {H1}", f"Tx-Hash Teil 2: {H2}", False, id="de-hash-twin"),
        pytest.param(f"Partie 1 de l'empreinte : {H1}", f"Partie 2 de l'empreinte : {H2}", False,
                     id="fr-fingerprint-twin"),
        pytest.param(f"Öffentlicher Schlüssel, Teil 1: {H1}",
                     f"Öffentlicher Schlüssel, Teil 2: {H2}", False, id="de-public-twin"),
    ],
)  # fmt: skip
def test_hex_parts_far_apart_any_language(first: str, second: str, blocked: bool) -> None:
    """Far hex parts need each label to name a key's part, in any language."""
    assert _blocked(_far(first, second)) is blocked


@pytest.mark.parametrize(
    ("first", "second", "blocked"),
    [
        pytest.param(f"Private key, part 1: {K1}", f"part 2: {K2}", True, id="en-part"),
        pytest.param(f"Signing key (hex) — part A: {K1}", f"Part B: {K2}", True, id="en-letters"),
        pytest.param(f"Clé privée, partie 1 : {K1}", f"partie 2 : {K2}", True, id="fr-partie"),
        pytest.param(f"Privater Schlüssel, Teil 1/2: {K1}", f"Teil 2/2: {K2}", True,
                     id="de-teil-of-two"),
        pytest.param(f"Tx hash, part 1: {H1}", f"part 2: {H2}", False, id="hash-head-twin"),
        pytest.param(f"Private key, part 1: {K1}", f"Checksum part 2: {K2}", False,
                     id="later-label-names-hash-twin"),
        pytest.param(f"Private key, part 1: {K1}", f"part 3: {K2}", False,
                     id="numbering-skips-twin"),
        pytest.param(f"Private key, part 1: {K1}", f"Section 2: {K2}", False,
                     id="no-part-word-twin"),
        pytest.param(f"Private key: {K1}", f"part 2: {K2}", False, id="head-has-no-part-twin"),
    ],
)  # fmt: skip
def test_far_part_inherits_the_first_labels_key(first: str, second: str, blocked: bool) -> None:
    """A later part label that counts on from the first label inherits its key word."""
    assert _blocked(_far(first, second)) is blocked


def test_three_far_parts_numbered_on() -> None:
    """Three parts far apart, only the first label naming the key."""
    parts = (KEY2[:22], KEY2[22:44], KEY2[44:])
    text = _far(f"Signer key part 1: {parts[0]}", f"part 2: {parts[1]}")
    text += "\n".join(f"Note {i}: nothing here." for i in range(30)) + f"\npart 3: {parts[2]}\n"
    assert _blocked(text)


@pytest.mark.parametrize(
    ("first", "later", "counts"),
    [
        pytest.param("Private key, part 1: ", "part 2: ", True, id="suffix-counts-up"),
        pytest.param("Clé privée — partie A", "partie B", True, id="letters"),
        pytest.param("Private key, part 1", "part 1", False, id="same-mark"),
        pytest.param("Private key, part 1", "chunk 2", False, id="other-word"),
        pytest.param("part 1", "Private key, part 2", False, id="later-longer"),
    ],
)  # fmt: skip
def test_continues_numbering(first: str, later: str, counts: bool) -> None:
    """A later label counts on from the end of the first one."""
    assert continues_numbering(first, later) is counts


def _x_ending(byte: str) -> str:
    """62 hex digits t such that 03 || t || byte is a compressed secp256k1 public key."""
    while True:
        tail = GEN.hex(62)
        if is_compressed_public_key(bytes.fromhex(f"03{tail}{byte}")):
            return tail


READ = "ValueError: The private key must be exactly 32 bytes long, instead of 33 bytes:"
READ34 = "ValueError: The private key must be exactly 32 bytes long, instead of 34 bytes:"


@pytest.mark.parametrize(
    ("text", "blocked"),
    [
        pytest.param(f"{READ} '0x{KEY}0d'", True, id="carriage-return"),
        pytest.param(f"{READ} '0x{KEY}20'", True, id="space"),
        pytest.param(f"{READ} '0x{KEY}09'", True, id="tab"),
        pytest.param(f"{READ34} '0x{KEY}0d0a'", True, id="crlf"),
        pytest.param(f"{READ34} '0x{KEY}200a'", True, id="space-then-newline"),
        pytest.param(f"private key file bytes (hex): {KEY}0d0a", True, id="dumped-file"),
        pytest.param(f"PRIVATE_KEY={KEY}20", True, id="env-with-trailing-space"),
        pytest.param(f"{READ} '0x{KEY}ff'", False, id="other-byte-twin"),
        pytest.param(f"tx hash bytes: {HASH}0d0a", False, id="hash-with-crlf-twin"),
        pytest.param(f"node key: 03{_x_ending('20')}20", False, id="pubkey-ending-20-twin"),
        pytest.param(f'"signing_key": "03{_x_ending("0d")}0d"', False,
                     id="pubkey-ending-0d-twin"),
        pytest.param(f"{READ} '0x03{_x_ending('0d')}0d'", True, id="pubkey-shape-bytes-read"),
    ],
)  # fmt: skip
def test_key_hex_with_glued_white_space_bytes(text: str, blocked: bool) -> None:
    """64 hex + one or two bytes of white space (CR, LF, space, tab) is a key with its tail."""
    assert _blocked(text) is blocked


@pytest.mark.parametrize(
    ("text", "blocked"),
    [
        pytest.param(f'const b = hexToBytes("{KEY}");\nconst pub = secp256k1.getPublicKey(b);',
                     True, id="hexToBytes-getPublicKey"),
        pytest.param(f'const b = hexToBytes("{KEY}");\nconst s = await secp256k1.signAsync(m, b);',
                     True, id="hexToBytes-signAsync"),
        pytest.param(f'const b = hexToBytes("{KEY}");\nconst pub = schnorr.getPublicKey(b);',
                     True, id="schnorr-getPublicKey"),
        pytest.param(f'const buf = Buffer.from("{KEY}", "hex");\nconst s = ecsign(msgHash, buf);',
                     True, id="buffer-from-ecsign"),
        pytest.param(f'const buf = Buffer.from("{KEY}", "hex");\n'
                     "const out = secp256k1.publicKeyCreate(buf);", True,
                     id="buffer-from-publicKeyCreate"),
        pytest.param(f'const raw = ethers.getBytes("0x{KEY}");\nconst s = new SigningKey(raw);',
                     True, id="ethers-getBytes-SigningKey"),
        pytest.param(f'const raw = Uint8Array.from(Buffer.from("{KEY}", "hex"));\n'
                     "const out = secp256k1.getPublicKey(raw, true);", True,
                     id="uint8array-from-buffer"),
        pytest.param(f'let raw: Buffer = Buffer.from("{KEY}", "hex");\n'
                     "const out = privateToAddress(raw);", True, id="ts-typed-privateToAddress"),
        pytest.param(f'b = bytes.fromhex("{KEY}")\nacct = Account.from_key(b)', True,
                     id="python-one-letter-name"),
        pytest.param(f'const h = hexToBytes("{HASH}");\nconst ok = secp256k1.verify(sig, h, pub);',
                     False, id="hash-verified-twin"),
        pytest.param(f'const b = hexToBytes("{HASH}");\nconst s = secp256k1.sign(b, priv);',
                     False, id="hash-signed-as-message-twin"),
        pytest.param(f'const b = hexToBytes("{HASH}");\n'
                     "const shared = secp256k1.getSharedSecret(priv, b);", False,
                     id="peer-public-key-twin"),
        pytest.param(f'const b = Buffer.from("{HASH}", "hex");\nconst d = keccak256(b);', False,
                     id="hashed-bytes-twin"),
        pytest.param(f'const b = ethers.getBytes("0x{HASH}");\n'
                     "const r = await provider.getTransactionReceipt(ethers.hexlify(b));", False,
                     id="tx-hash-bytes-twin"),
        pytest.param(f'b, _ := hex.DecodeString("{HASH}")\nsig, _ := crypto.Sign(b, k)', False,
                     id="go-digest-signed-twin"),
    ],
)  # fmt: skip
def test_js_hex_literal_decoded_then_given_to_a_signer(text: str, blocked: bool) -> None:
    """A hex literal decoded in JS / TS and passed as a curve library's private key is a key."""
    assert _blocked(text) is blocked


def _chat(*lines: str) -> str:
    return "\n".join(f"[09:4{i}] {line}" for i, line in enumerate(lines)) + "\n"


ASK = "Alice: can you send me the private key for the test wallet?"
CHATTER = ("Carol: lol", "Dave: +1", "Eve: brb", "Carol: ok", "Dave: back")


@pytest.mark.parametrize(
    ("text", "blocked"),
    [
        pytest.param(_chat("Alice: Tu peux m'envoyer la clé du wallet de test ?",
                           f"Bob: Oui, voilà : {KEY}"), True, id="fr-bare-cle"),
        pytest.param(_chat("Alice: Pode me mandar a chave da carteira de teste?",
                           f"Bob: Claro: {KEY}"), True, id="pt-bare-chave"),
        pytest.param(_chat("Lena: Schickst du mir bitte den Schlüssel?", f"Jonas: hier: {KEY}"),
                     True, id="de-bare-schluessel"),
        pytest.param(_chat("Anna: Kun je me de sleutel van de testwallet sturen?",
                           f"Bram: Hier: {KEY}"), True, id="nl-bare-sleutel"),
        pytest.param(_chat("Ola: Możesz mi wysłać klucz do portfela testowego? Wyślij proszę",
                           f"Jan: {KEY}"), True, id="pl-bare-klucz"),
        pytest.param(_chat(ASK, *CHATTER[:3], f"Bob: sure: {KEY}"), True, id="three-lines-between"),
        pytest.param(_chat(ASK, *CHATTER, f"Bob: sure: {KEY}"), True, id="five-lines-between"),
        pytest.param(_chat("Alice: Tu peux m'envoyer la clé ?", "Carol: mdr", "Dave: +1",
                           "Eve: je reviens", f"Bob: voilà : {KEY}"), True, id="fr-lines-between"),
        pytest.param(_chat(ASK, *CHATTER, "Carol: back", f"Bob: sure: {KEY}"), False,
                     id="beyond-six-lines-twin"),
        pytest.param(_chat(ASK, "Carol: what's the tx hash of the deploy?", f"Bob: {HASH}"),
                     False, id="nearer-hash-question-twin"),
        pytest.param(_chat("Alice: Tu peux m'envoyer la clé publique ?", f"Bob: voilà : {HASH}"),
                     False, id="fr-public-key-twin"),
        pytest.param(_chat("Alice: Tu peux m'envoyer la clé API ?", f"Bob: voilà : {HASH}"),
                     False, id="fr-api-key-twin"),
        pytest.param(_chat("Alice: Quelle clé a signé la transaction ?", f"Bob: 0x{HASH}"),
                     False, id="fr-which-key-signed-twin"),
        pytest.param(_chat("Alice: Tu as vu la clé ?", f"Bob: {HASH}"), False,
                     id="fr-no-request-twin"),
    ],
)  # fmt: skip
def test_chat_answer_to_a_bare_foreign_key_noun(text: str, blocked: bool) -> None:
    """A short chat answer to a request for a key by a bare noun of any language, up to six
    lines above with lines naming nothing between, is a key."""
    assert _blocked(text) is blocked


@pytest.mark.parametrize(
    ("text", "blocked"),
    [
        pytest.param(_chat("Alice: which key signed the deploy tx?", f"Bob: {HASH}"), False,
                     id="en-which-key-signed"),
        pytest.param(_chat("Лена: Какой ключ подписал эту транзакцию?", f"Иван: 0x{HASH}"),
                     False, id="ru-which-key-signed"),
        pytest.param(_chat("Alice: Quelle clé privée a signé la transaction ?", f"Bob: 0x{HASH}"),
                     False, id="fr-which-private-key-signed"),
        pytest.param(_chat("Ana: ¿Qué clave privada firmó la transacción?", f"Luis: 0x{HASH}"),
                     False, id="es-which-private-key-signed"),
        pytest.param(_chat("Lena: what's your nostr key?", f"Jonas: {HASH}"), False,
                     id="nostr-key"),
        pytest.param(f"<alice> send me the key you registered\n<bob> {HASH}\n", False,
                     id="irc-registered-key"),
        pytest.param(_chat("Alice: send me your published key", f"Bob: {HASH}"), False,
                     id="published-key"),
        pytest.param(_chat("Alice: which private key did you import?", f"Bob: {KEY}"), True,
                     id="which-key-imported-stays"),
        pytest.param(_chat("Lena: send me your nostr private key", f"Jonas: {KEY}"), True,
                     id="nostr-private-key-stays"),
        pytest.param(f"<alice> send me the key you generated\n<bob> {KEY}\n", True,
                     id="irc-generated-key-stays"),
        pytest.param(_chat("Alice: which key signed the deploy tx?",
                           f"Bob: private key of the deployer: {KEY}"), True,
                     id="answer-names-its-key"),
    ],
)  # fmt: skip
def test_chat_question_about_a_key_answered_by_a_public_value(text: str, blocked: bool) -> None:
    """Another speaker's question above labels no value: which key signed a tx, a nostr key,
    a registered key are answered by public values; a request for the key still counts."""
    assert _blocked(text) is blocked


@pytest.mark.parametrize(
    ("text", "blocked"),
    [
        pytest.param(f"gleicher Schlüssel: keccak256(key) = 0x{HASH}", False, id="de-same-key"),
        pytest.param(f"même clé : keccak256(key) = 0x{HASH}", False, id="fr-same-key"),
        pytest.param(f"¿misma clave? sha256(clave) = {HASH}", False, id="es-same-key-foreign-arg"),
        pytest.param(f"the same key? sha256(pubkey) = {HASH}", False, id="en-public-key-arg"),
        pytest.param(f"same signer key: keccak256(publicKey) = 0x{HASH}", False,
                     id="public-key-arg-under-signer-label"),
        pytest.param(f"validator: sha256(pub_key) = {HASH}", False, id="public-key-arg-bare"),
        pytest.param(f"privater Schlüssel: sha256(key) = {KEY}", True, id="de-private-key-stays"),
        pytest.param(f"next private key = keccak256(key) = 0x{KEY}", True, id="ratchet-stays"),
        pytest.param(f"clave privada: sha256(clave) = {KEY}", True, id="es-derived-key-stays"),
        pytest.param(f"signerKey = sha256(masterKey) = 0x{KEY}", True, id="master-child-stays"),
    ],
)  # fmt: skip
def test_hash_of_a_key_name_as_a_check(text: str, blocked: bool) -> None:
    """A check's words (any language) before a hash of a key's name, or a hash of a public
    key's name, make the result a fingerprint; a key derived by hashing stays a key."""
    assert _blocked(text) is blocked


def _dump(table: str, columns: str, values: str) -> str:
    return f"CREATE TABLE {table}({columns});\nINSERT INTO {table} VALUES({values});\n"


ADDRESS = GEN.hex(40)


@pytest.mark.parametrize(
    ("text", "blocked"),
    [
        pytest.param(_dump("objects", "key TEXT NOT NULL, size INTEGER", f"'{HASH}',1024"), False,
                     id="objects-key-twin"),
        pytest.param(_dump("kv_store", "key TEXT, value TEXT", f"'{HASH}','hello'"), False,
                     id="kv-store-key-twin"),
        pytest.param(f"INSERT INTO chunks (key, size) VALUES ('{HASH}', 4096);", False,
                     id="chunks-column-list-twin"),
        pytest.param(_dump("blob_cache", "key TEXT PRIMARY KEY, data BLOB", f"'{HASH}',X'00ff'"),
                     False, id="blob-cache-twin"),
        pytest.param(_dump("signer", "id INTEGER, key TEXT, tx_hash TEXT", f"1,'{KEY}','{HASH}'"),
                     True, id="signer-key-column-stays"),
        pytest.param(_dump("key_store", "key TEXT, label TEXT", f"'{KEY}','hot'"), True,
                     id="key-store-stays"),
        pytest.param(_dump("objects", "key TEXT, privkey TEXT", f"'k-1','{KEY}'"), True,
                     id="private-key-column-of-a-store-stays"),
    ],
)  # fmt: skip
def test_key_column_of_a_content_store(text: str, blocked: bool) -> None:
    """A bare key column of a table that stores content by key holds ids, not wallet keys."""
    assert _blocked(text) is blocked


@pytest.mark.parametrize(
    ("text", "words"),
    [
        pytest.param("Teil 1: x", ["teil"], id="word-start"),
        pytest.param("Schlüsselteil 1: x", ["teil"], id="compound-tail"),
        pytest.param("Część 2: x", ["część"], id="outside-ascii"),
        pytest.param("apart: x", [], id="inside-a-word"),
        pytest.param("aB3xteil9 deel", ["deel"], id="tail-inside-a-token"),
        pytest.param("İstanbul half: x", ["half"], id="lowering-lengthens"),
    ],
)  # fmt: skip
def test_part_word_starts(text: str, words: list[str]) -> None:
    """Part words are found where a word starts or as a compound's tail, in any script."""
    lowered = text.encode("ascii", "replace").lower()
    found = sorted(part_word_starts(text, lowered))
    assert [text[i : i + len(w)].lower() for i, w in zip(found, words, strict=True)] == words
