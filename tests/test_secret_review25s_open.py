"""The open findings of review25s, as classes: a request for a key in the languages whose bare
key noun was read but whose request verbs were not (sv, da / no, fi, hu, ro, el, ar, tr, cs),
with their public keys, locks' keys and API keys quiet."""

from __future__ import annotations

import pytest

from aiegis_guard.config import parse_config
from aiegis_guard.findings import Source
from aiegis_guard.guard import Guard
from aiegis_guard.scanners.part_words import names_part
from aiegis_guard.scanners.request_words import FOREIGN_REQUEST_RE, is_question
from tests.vectors.keygen import KeyGen

GUARD = Guard(parse_config({}), classifier=False)
GEN = KeyGen(20625)
KEY = GEN.key()
XONLY = GEN.hex(64)  # an x-only public key's or a hash's shape


def _blocked(text: str) -> bool:
    return GUARD.check_text(text, source=Source.TOOL_OUTPUT).blocked


def _chat(*lines: tuple[str, str]) -> str:
    return "\n".join(f"[09:4{i}] {who}: {said}" for i, (who, said) in enumerate(lines))


@pytest.mark.parametrize(
    "asked",
    [
        pytest.param("Kan du skicka nyckeln till testplånboken?", id="sv-kan-du-skicka"),
        pytest.param("Skicka nyckeln till plånboken?", id="sv-imperative"),
        pytest.param("Kan du ge mig nyckeln till plånboken?", id="sv-ge-mig"),
        pytest.param("Kan du sende nøglen til testwallet?", id="da-sende"),
        pytest.param("Vil du give mig nøglen til tegnebogen?", id="da-give-mig"),
        pytest.param("Kan du gi meg nøkkelen til lommeboken?", id="no-gi-meg"),
        pytest.param("Voitko lähettää testilompakon avaimen?", id="fi-voitko-lahettaa"),
        pytest.param("Lähetätkö lompakon avaimen?", id="fi-lahetatko"),
        pytest.param("Antaisitko lompakon avaimen?", id="fi-antaisitko"),
        pytest.param("Elküldenéd a teszt tárca kulcsát?", id="hu-elkuldened"),
        pytest.param("Megadnád a tárca kulcsát?", id="hu-megadnad"),
        pytest.param("Îmi trimiți cheia portofelului de test?", id="ro-trimiti"),
        pytest.param("Poți să-mi dai cheia portofelului?", id="ro-dai"),
        pytest.param("Μου στέλνεις το κλειδί του δοκιμαστικού πορτοφολιού;", id="el-stelneis"),
        pytest.param("Στείλε μου το κλειδί του πορτοφολιού;", id="el-steile"),
        pytest.param("هل يمكنك إرسال مفتاح المحفظة التجريبية؟", id="ar-irsal"),
        pytest.param("أرسل لي مفتاح المحفظة؟", id="ar-arsil"),
        pytest.param("Test cüzdanının anahtarını gönderebilir misin?", id="tr-gonderebilir"),
        pytest.param("Cüzdanın anahtarını yollar mısın?", id="tr-yollar"),
        pytest.param("Bana cüzdan anahtarını verir misin?", id="tr-verir"),
        pytest.param("Můžeš mi poslat klíč k testovací peněžence?", id="cs-poslat"),
        pytest.param("Pošli mi klíč od peněženky?", id="cs-posli"),
    ],
)  # fmt: skip
def test_a_bare_key_noun_requested_in_more_languages(asked: str) -> None:
    """A question with a request (imperative, second person, conditional, modal + infinitive)
    for a bare key noun (inflected or not): the key given alone below answers it."""
    assert _blocked(_chat(("Jonas", asked), ("Mia", KEY)))
    assert _blocked(_chat(("Jonas", asked), ("Mia", "0x" + KEY)))


@pytest.mark.parametrize(
    "asked",
    [
        # a public key asked for
        pytest.param("Kan du skicka nodens publika nyckel?", id="sv-public"),
        pytest.param("Kan du sende den offentlige nøgle?", id="da-public"),
        pytest.param("Voitko lähettää solmun julkisen avaimen?", id="fi-public"),
        pytest.param("Elküldenéd a csomópont nyilvános kulcsát?", id="hu-public"),
        pytest.param("Îmi trimiți cheia publică a nodului?", id="ro-public"),
        pytest.param("Μου στέλνεις το δημόσιο κλειδί του κόμβου;", id="el-public"),
        pytest.param("أرسل لي المفتاح العام للعقدة؟", id="ar-public"),
        pytest.param("Düğümün açık anahtarını gönderir misin?", id="tr-public"),
        pytest.param("Pošleš mi veřejný klíč uzlu?", id="cs-public"),
        # a lock's key, an API's key
        pytest.param("Kan du skicka nyckeln till huset?", id="sv-house"),
        pytest.param("Voitko lähettää talon avaimen?", id="fi-house"),
        pytest.param("Elküldenéd a lakás kulcsát?", id="hu-flat"),
        pytest.param("Îmi trimiți cheia de la mașină?", id="ro-car"),
        pytest.param("Μου στέλνεις το κλειδί του σπιτιού;", id="el-house"),
        pytest.param("Evin anahtarını gönderir misin?", id="tr-home"),
        pytest.param("Pošli mi klíč od bytu?", id="cs-flat"),
        pytest.param("Kan du skicka API-nyckeln till dokumentationen?", id="sv-api"),
        # the verb with no key named: a request for something else
        pytest.param("Kan du skicka adressen till plånboken?", id="sv-address"),
        pytest.param("Test cüzdanının adresini gönderebilir misin?", id="tr-address"),
    ],
)  # fmt: skip
def test_the_same_requests_for_no_secret_stay_quiet(asked: str) -> None:
    """The same requests for a public key, a lock's key, an API's key or an address: no key."""
    assert not _blocked(_chat(("Jonas", asked), ("Mia", XONLY)))


@pytest.mark.parametrize(
    ("said", "asks"),
    [
        pytest.param("skickar du", True, id="sv-present"),
        pytest.param("lähettäisitkö", True, id="fi-conditional"),
        pytest.param("küldd el", True, id="hu-definite-imperative"),
        pytest.param("trimite-mi", True, id="ro-imperative-clitic"),
        pytest.param("στείλτε", True, id="el-plural-imperative"),
        pytest.param("gönderin", True, id="tr-plural-imperative"),
        pytest.param("pošlete", True, id="cs-plural"),
        pytest.param("del 1", False, id="da-part-is-no-verb"),
        pytest.param("a ver", False, id="es-ver-is-no-verb"),
        pytest.param("add numbers", False, id="en-add-is-no-verb"),
    ],
)  # fmt: skip
def test_request_forms(said: str, asks: bool) -> None:
    """The request forms read (and words that look like them but are none)."""
    assert (FOREIGN_REQUEST_RE.search(said) is not None) is asks


@pytest.mark.parametrize(
    ("said", "question"),
    [
        pytest.param("هل يمكنك إرسال المفتاح؟", True, id="ar-question-mark"),
        pytest.param("Μου στέλνεις το κλειδί;", True, id="el-question-mark"),
        pytest.param("Μου στέλνεις το κλειδί\u037e", True, id="el-u037e"),
        pytest.param("x = 1; y = 2", False, id="code-semicolon"),
    ],
)  # fmt: skip
def test_question_marks_of_other_scripts(said: str, question: bool) -> None:
    """Arabic and Greek question marks ask; a semicolon after Latin letters does not."""
    assert is_question(said) is question


@pytest.mark.parametrize(
    ("asked", "value", "blocked"),
    [
        pytest.param("Kun je me de publieke sleutel van de node sturen?", XONLY, False,
                     id="nl-public"),
        pytest.param("Stuur me de openbare sleutel van de node?", XONLY, False, id="nl-openbaar"),
        pytest.param("Możesz mi wysłać klucz publiczny węzła?", XONLY, False, id="pl-public"),
        pytest.param("Pode me mandar a chave pública do nó?", XONLY, False, id="pt-public"),
        pytest.param("¿Me pasas la clave pública del nodo?", XONLY, False, id="es-public"),
        pytest.param("¿Me pasas la clave de la licencia?", XONLY, False, id="es-licencia"),
        pytest.param("Me manda a chave da licença?", XONLY, False, id="pt-licenca"),
        pytest.param("Mi mandi la chiave della licenza?", XONLY, False, id="it-licenza"),
        pytest.param("Schick mir den Schlüssel der Lizenz?", XONLY, False, id="de-lizenz"),
        # the same requests for a wallet's key still ask for it
        pytest.param("Kun je me de sleutel van de testwallet sturen?", KEY, True, id="nl-wallet"),
        pytest.param("Możesz mi wysłać klucz do portfela testowego?", KEY, True, id="pl-wallet"),
        pytest.param("Pode me mandar a chave da carteira de teste?", KEY, True, id="pt-wallet"),
        pytest.param("¿Me pasas la clave de la billetera?", KEY, True, id="es-wallet"),
    ],
)  # fmt: skip
def test_a_chat_question_for_a_public_or_licence_key(asked: str, value: str, blocked: bool) -> None:
    """A key noun the ASCII words read ("sleutel", "klucz", "chave", "clave") qualified as
    public or a licence's asks for no secret; unqualified, it still asks for the wallet's."""
    assert _blocked(_chat(("Jonas", asked), ("Mia", value))) is blocked


_PAD = "".join(
    f"Step {i}: lorem ipsum dolor sit amet, consectetur adipiscing elit.\n" for i in range(6)
)
PUB = GEN.hex(64)  # an x-only public key's shape
HASH2 = GEN.hex(64)


def _far(first: str, second: str, a: str = KEY[:32], b: str = KEY[32:]) -> str:
    return f"{first} {a}\n{_PAD}{second} {b}\n"


@pytest.mark.parametrize(
    ("text", "blocked"),
    [
        pytest.param(_far("sleuteldeel 1:", "sleuteldeel 2:"), True, id="nl-sleuteldeel"),
        pytest.param(_far("Sleutelhelft 1:", "Sleutelhelft 2:"), True, id="nl-sleutelhelft"),
        pytest.param(_far("Privat nyckel, del 1:", "del 2:"), True, id="sv-del"),
        pytest.param(_far("Privat nyckel, del A:", "del B:"), True, id="sv-del-letters"),
        pytest.param(_far("Privat nøgle, del 1:", "del 2:"), True, id="da-del"),
        pytest.param(_far("Yksityinen avain, osa 1:", "osa 2:"), True, id="fi-osa"),
        pytest.param(_far("秘密鍵 その1:", "その2:"), True, id="ja-sono"),
        pytest.param(_far("Private key, first half:", "second half:"), True, id="en-first-second"),
        pytest.param(_far("Private key, part one:", "part two:"), True, id="en-part-one-two"),
        pytest.param(_far("Private key, first part:", "second part:"), True, id="en-first-part"),
        pytest.param(_far("Privater Schlüssel, erste Hälfte:", "zweite Hälfte:"), True,
                     id="de-erste-zweite"),
        # public keys, hashes, topics: quiet
        pytest.param(_far("Public key, first half:", "second half:", PUB[:32], PUB[32:]), False,
                     id="en-public-halves"),
        pytest.param(_far("Publik nyckel, del 1:", "del 2:", PUB[:32], PUB[32:]), False,
                     id="sv-public"),
        pytest.param(_far("Julkinen avain, osa 1:", "osa 2:", PUB[:32], PUB[32:]), False,
                     id="fi-public"),
        pytest.param(_far("公開鍵 その1:", "その2:", PUB[:32], PUB[32:]), False, id="ja-public"),
        pytest.param(_far("Tx hash, first half:", "second half:", HASH2[:32], HASH2[32:]), False,
                     id="en-hash-halves"),
        pytest.param(_far("hashdeel 1:", "hashdeel 2:", HASH2[:32], HASH2[32:]), False,
                     id="nl-hashdeel"),
        pytest.param(_far("Lesson: keys, part one:", "part two:", XONLY[:32], HASH2[:32]), False,
                     id="en-topic-words"),
        pytest.param(_far("Transaktion, del 1:", "del 2:", HASH2[:32], HASH2[32:]), False,
                     id="sv-tx"),
    ],
)  # fmt: skip
def test_far_key_parts_labelled_in_more_part_words(text: str, blocked: bool) -> None:
    """Key halves far apart named by a compound (sleuteldeel), a short part word counted (del 1,
    osa 2, その1) or number words (first / second half, part one / two) are a split key; the
    same labels over a public key, a hash or a topic are not."""
    assert _blocked(text) is blocked


@pytest.mark.parametrize(
    ("label", "part"),
    [
        pytest.param("Privat nyckel, del 1: ", True, id="sv-counted-at-end"),
        pytest.param("osa II:", True, id="fi-roman"),
        pytest.param("秘密鍵その2:", True, id="ja-glued"),
        pytest.param("Precio del 1 al 10: ", False, id="es-del-not-at-end"),
        pytest.param("Modelo del año: ", False, id="es-del-uncounted"),
        pytest.param("Karhu osa: ", False, id="fi-osa-uncounted"),
    ],
)  # fmt: skip
def test_short_part_words_count_only_counted_at_the_labels_end(label: str, part: bool) -> None:
    """A short part word ("del", "osa", "その") names a part only with a count ending the label."""
    assert names_part(label) is part


@pytest.mark.parametrize(
    ("text", "blocked"),
    [
        pytest.param(f'Error: invalid private key: InvalidLength; input = "{KEY}\\n"', True,
                     id="rust-escaped-newline"),
        pytest.param(f'Error: invalid private key: InvalidLength; input = "{KEY}"', True,
                     id="rust-no-escape"),
        pytest.param(f'Error: could not parse private key; input = "{KEY}\\r\\n"', True,
                     id="escaped-crlf"),
        pytest.param(f'Error: invalid secret key: input = "{KEY}\\t"', True, id="escaped-tab"),
        pytest.param(f"thread 'main' panicked at 'invalid signing key', input: {KEY}", True,
                     id="rust-panic"),
        pytest.param('{"error": "invalid private key: InvalidLength; input = \\"' + KEY
                     + '\\\\n\\""}', True, id="json-error-string"),
        pytest.param(f'let pk = "{KEY}\\n";', True, id="escape-after-named-key"),
        # the same errors over what is no key: quiet
        pytest.param(f'Error: invalid tx hash: InvalidLength; input = "{HASH2}\\n"', False,
                     id="tx-hash-echo"),
        pytest.param(f'Error: invalid public key: input = "{HASH2}\\n"', False,
                     id="public-key-echo"),
        pytest.param(f'private key loaded; input = "{HASH2}"', False, id="no-error-echo"),
        pytest.param('{"key": "slot", "input": "0x' + HASH2 + '"}', False, id="tx-input-field"),
    ],
)  # fmt: skip
def test_an_error_naming_a_key_then_echoing_its_input(text: str, blocked: bool) -> None:
    """An error whose message names a key, then echoes the value as its "input" (with or
    without an escaped break, tab or CRLF after it in a Rust / JSON string), names a key."""
    assert _blocked(text) is blocked


def _buf(value: str) -> str:
    return f"Buffer.from('{value}', 'hex')"


@pytest.mark.parametrize(
    ("text", "blocked"),
    [
        pytest.param(f"const pub = ecc.pointFromScalar({_buf(KEY)});", True, id="pointFromScalar"),
        pytest.param(f"const x = ecc.xOnlyPointFromScalar({_buf(KEY)}, true);", True,
                     id="xOnlyPointFromScalar"),
        pytest.param(f"const child = ecc.privateAdd({_buf(KEY)}, tweak);", True, id="privateAdd"),
        pytest.param(f"const d = ecc.privateSub({_buf(KEY)}, tweak);", True, id="privateSub"),
        pytest.param(f"const neg = ecc.privateNegate({_buf(KEY)});", True, id="privateNegate"),
        pytest.param(f"const sig = ecc.signSchnorr(msgHash, {_buf(KEY)});", True,
                     id="signSchnorr"),
        pytest.param(f"const sig = ecc.signRecoverable(h, {_buf(KEY)});", True,
                     id="signRecoverable"),
        pytest.param(f"const sig = ecc.sign(msgHash, {_buf(KEY)});", True, id="ecc-sign"),
        pytest.param(f"const kp = ECPair.fromPrivateKey({_buf(KEY)});", True,
                     id="ECPair-fromPrivateKey"),
        # the message, a point or a signature in those calls: no key
        pytest.param(f"const sig = ecc.sign({_buf(HASH2)}, keyPair.privateKey);", False,
                     id="ecc-sign-message"),
        pytest.param(f"const sig = ecc.signSchnorr({_buf(HASH2)}, d);", False,
                     id="signSchnorr-message"),
        pytest.param(f"const ok = ecc.verifySchnorr({_buf(HASH2)}, xpub, sig);", False,
                     id="verifySchnorr-message"),
        pytest.param(f"const p = ecc.pointAddScalar(pub, {_buf(HASH2)});", False,
                     id="pointAddScalar-tweak"),
        pytest.param(f"const x = ecc.xOnlyPointFromPoint({_buf('02' + HASH2)});", False,
                     id="xOnlyPointFromPoint"),
    ],
)  # fmt: skip
def test_tiny_secp256k1_and_ecpair_loaders(text: str, blocked: bool) -> None:
    """tiny-secp256k1's calls whose private key is the first argument (pointFromScalar,
    privateAdd / Sub / Negate) or the second (sign, signSchnorr, signRecoverable), and
    ECPair.fromPrivateKey, load a key; their messages, points and tweaks are none."""
    assert _blocked(text) is blocked


_FR_ASK = "Tu peux m'envoyer la clé du wallet de test ?"
_FR_PUBLIC = "Tu peux m'envoyer la clé publique du nœud ?"
_ES_ASK = "¿Me mandas la clave del wallet?"


def _discord(asked: str, value: str) -> str:
    return f"Jonas — Today at 9:41 AM\n{asked}\nMia — Today at 9:42 AM\n{value}"


def _bold(asked: str, value: str) -> str:
    return f"**Jonas:** {asked}\n**Mia:** {value}"


def _bold_outside(asked: str, value: str) -> str:
    return f"**Jonas**: {asked}\n**Mia**: {value}"


def _telegram(asked: str, value: str) -> str:
    return (
        '{"messages": [{"from": "Jonas", "text": "' + asked.replace('"', '\\"') + '"}, '
        '{"from": "Mia", "text": "' + value + '"}]}'
    )


def _slack(asked: str, value: str) -> str:
    return f'[{{"user": "U01JONAS", "text": "{asked}"}}, {{"user": "U02MIA", "text": "{value}"}}]'


def _roles(asked: str, value: str) -> str:
    return f"user: {asked}\nassistant: {value}"


def _irc(asked: str, value: str) -> str:
    return f"09:41 <Jonas> {asked}\n09:42 <Mia> {value}"


_SHAPES = [_discord, _bold, _bold_outside, _telegram, _slack, _roles, _irc]


@pytest.mark.parametrize("shape", _SHAPES, ids=lambda f: f.__name__.strip("_"))
@pytest.mark.parametrize(
    ("asked", "value", "blocked"),
    [
        pytest.param(_FR_ASK, KEY, True, id="fr-key"),
        pytest.param(_ES_ASK, "0x" + KEY, True, id="es-key"),
        pytest.param("Kan du skicka nyckeln till testplånboken?", KEY, True, id="sv-key"),
        pytest.param(_FR_PUBLIC, XONLY, False, id="fr-public"),
        pytest.param("ok. et le déploiement, ça a donné quoi ?", "0x" + HASH2, False,
                     id="fr-what-did-it-give"),
        pytest.param("c'est quoi le hash de la tx ?", "0x" + HASH2, False, id="fr-tx-hash"),
    ],
)  # fmt: skip
def test_chat_export_shapes(shape: object, asked: str, value: str, blocked: bool) -> None:
    """A request answered by a bare key in the chat exports other clients write: Discord's
    header on its own line, Markdown's bold speaker, Telegram's and Slack's JSON, a
    conversation log's roles, a time before an IRC nick; their public keys and hashes stay
    quiet."""
    assert callable(shape)
    assert _blocked(shape(asked, value)) is blocked


def test_one_speakers_own_lines_are_no_request() -> None:
    """Discord's own-line headers: the same speaker's question above her own value asks
    nothing of her."""
    text = f"Mia — Today at 9:41 AM\n{_FR_ASK}\nMia — Today at 9:42 AM\n{KEY}"
    assert not _blocked(text)


HASH3 = GEN.hex(64)
_WALLET = "0x52908400098527886E0F7030069857D2E4169EE7"


@pytest.mark.parametrize(
    ("text", "blocked"),
    [
        # a content store's ids: git's refs and pack indexes, a Merkle tree's / a trie's nodes
        pytest.param(f"INSERT INTO refs (key, target) VALUES ('{HASH2}', 'main');", False,
                     id="insert-refs"),
        pytest.param(f"INSERT INTO idx (key, offset) VALUES ('{HASH2}', 88);", False,
                     id="insert-idx"),
        pytest.param(f"INSERT INTO pack_entries (key, size) VALUES ('{HASH2}', 1);", False,
                     id="insert-pack-entries"),
        pytest.param(f"INSERT INTO merkle_nodes (key, left) VALUES ('{HASH2}', '{HASH3}');",
                     False, id="insert-merkle"),
        pytest.param(f"INSERT INTO state_trie (key, value) VALUES ('{HASH2}', X'{HASH3}');",
                     False, id="insert-trie"),
        # rows listed under COPY .. FROM stdin (pg_dump) and an sqlite3 select
        pytest.param(f"COPY objects (key, size) FROM stdin;\n{HASH2}\t1234\n{HASH3}\t88\n\\.",
                     False, id="copy-objects"),
        pytest.param(f"sqlite> select key, value from kv;\n{HASH2}|1\n{HASH3}|2", False,
                     id="sqlite-kv"),
        # a wallet's table, a row naming a key, a key-ish table name: still a key
        pytest.param(f"COPY wallets (address, private_key) FROM stdin;\n{_WALLET}\t{KEY}\n\\.",
                     True, id="copy-wallets-private-key"),
        pytest.param(f"COPY objects (key, note) FROM stdin;\n{KEY}\tdeployer private key\n\\.",
                     True, id="copy-row-names-key"),
        pytest.param(f"sqlite> select key, value from wallets;\n{KEY}|hot", True,
                     id="sqlite-wallets"),
        pytest.param(f"INSERT INTO refs (key, note) VALUES ('{KEY}', 'deployer private key');",
                     True, id="refs-row-names-key"),
        pytest.param(f"INSERT INTO key_index (key, wallet) VALUES ('{KEY}', 'hot');", True,
                     id="key-index-table"),
        pytest.param(f"INSERT INTO wallet_refs (key, owner) VALUES ('{KEY}', 'alice');", True,
                     id="wallet-refs-table"),
    ],
)  # fmt: skip
def test_store_tables_of_ids(text: str, blocked: bool) -> None:
    """A store's bare key column holds ids (refs, pack indexes, Merkle / trie nodes), also in
    rows listed under COPY .. FROM stdin or an sqlite3 select; a wallet's table, a row naming
    a key or a key-ish table keeps its key."""
    assert _blocked(text) is blocked
