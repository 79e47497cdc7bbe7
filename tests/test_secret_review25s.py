"""The red-team findings on fix25s (review25s), as classes: a compound's part word read in
linear work however long the run of letters before it; a chat line of another speaker naming a
private key (or a question naming a key) is the request a bare key below it answers, and an
answer counts only for the nearest question."""

from __future__ import annotations

import pytest

from aiegis_guard.config import parse_config
from aiegis_guard.findings import Source
from aiegis_guard.guard import Guard
from aiegis_guard.scanners import part_words
from aiegis_guard.scanners.part_words import part_word_starts
from tests.vectors.keygen import KeyGen

GUARD = Guard(parse_config({}), classifier=False)
GEN = KeyGen(20525)
KEY = GEN.key()
HASH = GEN.hex(64)  # a transaction hash's shape


def _blocked(text: str) -> bool:
    return GUARD.check_text(text, source=Source.TOOL_OUTPUT).blocked


def _chat(*lines: tuple[str, str]) -> str:
    return "\n".join(f"[09:4{i}] {who}: {said}" for i, (who, said) in enumerate(lines))


def _linear_starts(text: str) -> set[int]:
    """Reference: every letter run's start found by one forward pass, then the same rule."""
    low = text.lower()
    head = [0] * (len(low) + 1)
    for i in range(1, len(low) + 1):
        head[i] = head[i - 1] if low[i - 1].isalpha() else i
    found: set[int] = set()
    for word in set(part_words._ALL):
        at = low.find(word)
        while at != -1:
            glued = word in part_words._COMPOUND_TAILS and (
                at - head[at] >= 3 and (head[at] == 0 or not low[head[at] - 1].isalnum())
            )
            if at == 0 or not low[at - 1].isalpha() or glued:
                found.add(at)
            at = low.find(word, at + 1)
    return found


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("xteil" * 8000, id="40KB-of-tails"),
        pytest.param("schlüsselteilsleuteldeel" * 40000, id="960KB-de-nl-compounds"),
        pytest.param("9" + "ab" * 5000 + "teil" + "deel" * 3000, id="token-then-tails"),
        pytest.param("Schlüsselteil 1: x, sleuteldeel 2: y, aB3xteil9 deel", id="short"),
    ],
)  # fmt: skip
def test_compound_tails_read_in_linear_work(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A run of letters holding many compound tails is read back once, not once a tail: the
    characters read back stay under the text's length, and the starts match a linear reference."""
    made: list[part_words._Runs] = []

    class Counted(part_words._Runs):
        def __init__(self, low: str) -> None:
            super().__init__(low)
            made.append(self)

    monkeypatch.setattr(part_words, "_Runs", Counted)
    lowered = text.encode("ascii", "replace").lower()
    found = part_word_starts(text, lowered)
    assert sum(r.steps for r in made) <= len(text)
    assert found == _linear_starts(text)


@pytest.mark.parametrize(
    ("asked", "value", "blocked"),
    [
        pytest.param("deployer pk?", KEY, True, id="en-pk-question"),
        pytest.param("privkey of the faucet?", "0x" + KEY, True, id="en-privkey-question"),
        pytest.param("I still don't have the deployer private key", KEY, True, id="en-need"),
        pytest.param("signer sk pls", KEY, True, id="en-sk"),
        pytest.param("la chiave privata del deployer", KEY, True, id="it-statement"),
        pytest.param("¿Cuál es la clave privada del deployer?", KEY, True, id="es-question"),
        pytest.param("Wie lautet der private Schlüssel vom Deployer?", KEY, True, id="de-question"),
        pytest.param("C'est quoi la clé privée du deployer ?", KEY, True, id="fr-question"),
        pytest.param("Qual é a chave privada do deployer?", KEY, True, id="pt-question"),
        pytest.param("Jaki jest klucz prywatny deployera?", KEY, True, id="pl-question"),
        pytest.param("Mi mandi la chiave del wallet di test?", KEY, True, id="it-mandi"),
        pytest.param("Puoi inviarmi la chiave del wallet?", "0x" + KEY, True, id="it-inviarmi"),
        pytest.param("¿Me mandas la clave del wallet?", KEY, True, id="es-mandas"),
        # questions about a key, public keys, warnings, other keys: quiet
        pytest.param("Welcher Schlüssel hat die Tx signiert?", HASH, False, id="de-which-signed"),
        pytest.param("Quale chiave è stata usata per il deploy?", HASH, False, id="it-which-used"),
        pytest.param("never paste your private key here", HASH, False, id="en-warning"),
        pytest.param("deployer public key?", HASH, False, id="en-public"),
        pytest.param("Qual é a chave pública do deployer?", HASH, False, id="pt-public"),
        pytest.param("ssh private key of the box?", HASH, False, id="ssh"),
        pytest.param("what's the deploy tx hash?", HASH, False, id="tx-hash"),
    ],
)  # fmt: skip
def test_another_speakers_line_naming_a_private_key_is_the_request(
    asked: str, value: str, blocked: bool
) -> None:
    """A line naming a private key asks for it with or without a request verb; a bare key noun
    in a question does unless the question is about a key (which one signed, was used)."""
    assert _blocked(_chat(("Jonas", asked), ("Mia", value))) is blocked


@pytest.mark.parametrize(
    ("refused", "question"),
    [
        pytest.param(("can you send me the private key of the test wallet?", "no, use your own"),
                     "fine. and what did the deploy give you?", id="en"),
        pytest.param(("Tu peux m'envoyer la clé du wallet de test ?", "non, prends la tienne"),
                     "ok. et le déploiement, ça a donné quoi ?", id="fr"),
        pytest.param(("pk of the faucet?", "nope"), "then what's in the receipt?", id="en-pk"),
    ],
)  # fmt: skip
def test_an_answer_counts_only_for_the_nearest_question(
    refused: tuple[str, str], question: str
) -> None:
    """A refused key request then a question naming nothing: the value answers the question."""
    text = _chat(
        ("Jonas", refused[0]), ("Mia", refused[1]), ("Jonas", question), ("Mia", "0x" + HASH)
    )
    assert not _blocked(text)
    asked_again = _chat(("Jonas", refused[0]), ("Mia", "0x" + KEY))
    assert _blocked(asked_again)


def _insert(table: str, columns: str, *rows: str) -> str:
    return f"INSERT INTO {table} ({columns}) VALUES " + ", ".join(f"({r})" for r in rows) + ";"


@pytest.mark.parametrize(
    ("text", "blocked"),
    [
        pytest.param(_insert("assets", "id, name, key", f"1, 'treasury', '{KEY}'"), True,
                     id="assets-too-generic"),
        pytest.param(_insert("wallet_files", "key, owner", f"'{KEY}', 'alice'"), True,
                     id="a-wallets-files"),
        pytest.param(_insert("kv_store", "key, value", "'deployer_private_key', 'x'",
                             f"'{KEY}', 'deployer private key'"), True, id="kv-row-names-key"),
        pytest.param(f"CREATE TABLE files (key TEXT, note TEXT);\nINSERT INTO files VALUES "
                     f"('{KEY}', 'private key of the hot wallet');", True, id="files-row"),
        pytest.param(_insert("kv", "key, value", f"'{KEY}', 'signer private key'"), True,
                     id="kv-signer-row"),
        # content stores whose key column holds ids: quiet
        pytest.param(_insert("objects", "key, size", f"'{HASH}', 1234"), False, id="objects-twin"),
        pytest.param(_insert("kv_store", "key, value", f"'{HASH}', 'hello'"), False, id="kv-twin"),
        pytest.param(_insert("blob_cache", "key, bytes", f"'{HASH}', 88", f"'{GEN.hex(64)}', 9"),
                     False, id="cache-rows-twin"),
    ],
)  # fmt: skip
def test_store_key_column_unless_the_row_or_table_names_a_key(text: str, blocked: bool) -> None:
    """A content store's bare ``key`` column holds ids, unless the row's values name a key or
    the table is a wallet's / account's (or too generic to be a store: files, assets)."""
    assert _blocked(text) is blocked


@pytest.mark.parametrize(
    ("text", "blocked"),
    [
        pytest.param(f"private key for the child = keccak256(pub) = 0x{KEY}", True, id="en-label"),
        pytest.param(f"sk = sha256(vk) = {KEY}", True, id="sk-of-vk"),
        pytest.param(f"PRIVATE_KEY=sha256(public)={KEY}", True, id="env-style"),
        pytest.param(f"child secret key: keccak256(pubkey) = 0x{KEY}", True, id="secret-key"),
        # a public key's hash under an id's or a public key's label: quiet
        pytest.param(f"fingerprint = sha256(pubkey) = 0x{HASH}", False, id="fingerprint-twin"),
        pytest.param(f"pubkey hash = keccak256(pub) = 0x{HASH}", False, id="pubkey-hash-twin"),
        pytest.param(f"public key id = sha256(vk) = {HASH}", False, id="public-id-twin"),
    ],
)  # fmt: skip
def test_a_private_keys_label_over_a_hash_of_a_public_name(text: str, blocked: bool) -> None:
    """A label naming a private / secret key decides before the hashed argument's name: a key
    derived by hashing a public one is a key."""
    assert _blocked(text) is blocked


_PAD = "".join(f"Step {i}: lorem ipsum dolor sit amet, consectetur adipiscing.\n" for i in range(6))
PUB_X = GEN.hex(64)  # an x-only public key's shape


def _far(first: str, second: str, a: str, b: str) -> str:
    return f"{first} {a}\n{_PAD}{second} {b}\n"


@pytest.mark.parametrize(
    ("text", "blocked"),
    [
        pytest.param(_far("Private key, part 1:", "part 2:", KEY[:32], KEY[32:]), True,
                     id="en-private-key-parts"),
        pytest.param(_far("Klucz prywatny, część 1:", "część 2:", KEY[:32], KEY[32:]), True,
                     id="pl-private-key-parts"),
        pytest.param(_far("Private keys, part 1:", "part 2:", KEY[:32], KEY[32:]), True,
                     id="en-private-keys-parts"),
        # a public key's halves, a series title naming keys as its subject: quiet
        pytest.param(_far("Klucz publiczny, część 1:", "część 2:", PUB_X[:32], PUB_X[32:]),
                     False, id="pl-public-twin"),
        pytest.param(_far("Chave pública, parte 1:", "parte 2:", PUB_X[:32], PUB_X[32:]),
                     False, id="pt-public-twin"),
        pytest.param(_far("Publieke sleutel, deel 1:", "deel 2:", PUB_X[:32], PUB_X[32:]),
                     False, id="nl-public-twin"),
        pytest.param(_far("Lesson: keys, part 1:", "part 2:", HASH[:32], GEN.hex(32)), False,
                     id="topic-keys-twin"),
    ],
)  # fmt: skip
def test_far_parts_need_a_private_keys_label(text: str, blocked: bool) -> None:
    """Far-apart halves are a key's only under a label naming a private key: a public key's
    word in any language, or "keys" as a subject, names no key's part."""
    assert _blocked(text) is blocked


@pytest.mark.parametrize(
    ("asked", "blocked"),
    [
        pytest.param("Tu peux m'envoyer la clé du wallet de test ?", True, id="fr-wallet-key"),
        pytest.param("Tu peux m'envoyer ta clé nostr ?", False, id="fr-nostr-twin"),
        pytest.param("Envoie-moi la clé que tu as enregistrée sur le relais ?", False,
                     id="fr-registered-twin"),
        pytest.param("¿Me mandas la clave que publicaste?", False, id="es-published-twin"),
    ],
)  # fmt: skip
def test_a_key_given_out_already_in_other_languages(asked: str, blocked: bool) -> None:
    """A nostr key or one registered / published already is a public one, in any language."""
    assert _blocked(_chat(("Jonas", asked), ("Mia", PUB_X))) is blocked


@pytest.mark.parametrize(
    ("text", "blocked"),
    [
        pytest.param(f"Dla sprawdzenia, ten sam klucz: sha256(klucz) = {HASH}", False, id="pl"),
        pytest.param(f"Для проверки, тот же ключ: sha256(key) = {HASH}", False, id="ru"),
        pytest.param(f"確認用、同じ鍵: sha256(key) = {HASH}", False, id="ja"),
        pytest.param(f"Kontrol için aynı anahtar: sha256(anahtar) = {HASH}", False, id="tr"),
        pytest.param(f"Para conferir, a mesma chave: sha256(chave) = {HASH}", False, id="pt"),
        # a key made by hashing under a private key's label: still a key
        pytest.param(f"Nowy klucz prywatny: sha256(klucz) = {KEY}", True, id="pl-derived"),
        pytest.param(f"private key = sha256(key) = {KEY}", True, id="en-derived"),
    ],
)  # fmt: skip
def test_check_words_before_a_hash_of_a_keys_name_in_other_languages(
    text: str, blocked: bool
) -> None:
    """A check's words in pl / ru / ja / tr / pt before ``sha256(key)`` say its result is the
    key's fingerprint; a private key's label still makes it a key."""
    assert _blocked(text) is blocked
