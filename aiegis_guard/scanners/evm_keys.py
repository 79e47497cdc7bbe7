"""EVM private keys: is this ``0x`` + 64 hex a key or a hash?

Called by :mod:`aiegis_guard.scanners.wallet_keys`. Wallet agents handle transaction and block
hashes all day, and a hash has exactly the shape of a private key, so the decision is layered:

1. **Position** (:mod:`~aiegis_guard.scanners.key_calls`): an argument of a call that loads or
   signs with a key (``from_key(..)``, ``sign_transaction(tx, ..)``) or a ``params`` value of a
   JSON-RPC key-import method is a key; so is a value bound to a name that the text passes to
   such a call (``bytes32 constant OWNER = 0x..;`` .. ``vm.startBroadcast(OWNER)``), when
   nothing else named it. **Place** (:mod:`~aiegis_guard.scanners.key_places`): a value written
   by a secret-store command (``aws ssm put-parameter --value``) is a key unless the entry's
   name says hash. **Answer**: a value that is the whole of a message in an agent's payload
   (``{"content": "use <hex>"}``) is named by the message before it (:mod:`.secret_turns`), not
   by the payload's field names. **Context**: otherwise the nearest key-ish or hash-ish word in
   the ``WINDOW`` characters before the value decides (``PRIVATE_KEY=``, ``privateKey``,
   ``Wallet(``, "my key is" vs ``transactionHash``, ``blockHash``, "tx", ``topics``, roots,
   ``/tx/`` ...); a qualified key (``storage key``, ``public key``) is a hash, a quoted
   ``"key"`` field is named by its object's other words (a storage proof's: hash; a wallet
   import's: key). Values listed one after another inherit the class of the first
   (``"transactions": ["0x..", "0x.."]``). A value labelled as an address (``suiAddress │
   0x..``) is one (Sui / Aptos: 64 hex). A transaction word that only says what a key named
   before it is for ("Private key for signing transactions:", "私钥（用于签名交易）：") names no
   hash (:mod:`~aiegis_guard.scanners.key_purpose`). When the words say nothing: a transaction
   or hash named in another script ("La transacción `0x..`") is a hash whatever follows; a
   parameter of a link's fragment or of a claim link is a key; a value echoed by a parse
   error is what the application frames around it say. A role noun or "material" names a key
   less surely (:func:`~aiegis_guard.scanners.key_words.role_context`), and a value with 8+
   leading zero bytes (a padded address) is never one.
2. **Derivation** (certain): a value without context derives (secp256k1) to one of the
   agent's own addresses, or to an address in the same text ("my wallet 0x.. -> 0x.."): a
   hash cannot do that. In outbound text (tool input, model output) values named as hashes
   are derived too, so a key disguised as a ``txHash`` is still caught. Derivation runs only
   when own addresses are configured or an address is present, at most ``MAX_DERIVATIONS``
   times per text, cached.
3. **Nothing**: a bare value is not blocked; it is reported as an INFO candidate.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from aiegis_guard.charclass import HEX, runs
from aiegis_guard.findings import Action, Category, Finding, Severity
from aiegis_guard.keys.evm import SECP256K1_N, is_compressed_public_key
from aiegis_guard.redact import mask
from aiegis_guard.scanners import key_places
from aiegis_guard.scanners.key_calls import (
    call_context,
    conversion_start,
    flow_context,
    parse_context,
)
from aiegis_guard.scanners.key_checks import secret_finding
from aiegis_guard.scanners.key_places import (
    echo_context,
    evaluated_expression,
    link_of,
    may_hold_store,
    store_command,
)
from aiegis_guard.scanners.key_purpose import TX_WORDS
from aiegis_guard.scanners.key_records import SLOT_EVIDENCE, log_record, record_name
from aiegis_guard.scanners.key_tables import (
    cell_header,
    column_name,
    listed_cell,
    sql_cell,
    store_key_column,
    unless_row_names_key,
)
from aiegis_guard.scanners.key_words import (
    FOREIGN_MATERIAL,
    HASH_WORDS,
    HELD_NOUNS,
    HOLDERS,
    KEY_WORDS,
    REREAD,
    ROLE_WORDS,
    WORD_RE,
    classify_window,
    classify_words,
    foreign_hash_word,
    foreign_key_word,
    role_context,
)
from aiegis_guard.scanners.secret_messages import message_header
from aiegis_guard.scanners.secret_turns import asked_before, asked_in_chat
from aiegis_guard.textcache import digest_cached

__all__ = [
    "HASH_WORDS",
    "KEY_WORDS",
    "RULE_CANDIDATE",
    "classify_words",
    "find_evm_keys",
    "hex_runs",
    "is_placeholder",
    "key_context",
    "key_finding",
]

RULE = "secret.evm_private_key"
RULE_CANDIDATE = "secret.evm_key_candidate"
RULE_SLOT = "secret.evm_key_slot"
WINDOW = 64  # characters before a value searched for context
TAIL = 24  # the part of the window whose classification is cached
AFTER_WINDOW = 40  # "0x.. is my private key": checked only when nothing precedes
MAX_DERIVATIONS = 64  # secp256k1 derivations per text (~70 µs each)
MAX_CANDIDATES_REPORTED = 4
MAX_GENERIC_DERIVATIONS = 8  # values named only "value" / "blob" / "data".. derived per text
MAX_FLOWS = 8  # values per text whose bound name is followed into the calls of the text
MAX_COLUMNS = 16  # bare values per text whose column header is read (key_tables)
_LOOSE_COLUMNS = frozenset(("key", "keys"))
MIN_KEY = 1 << 192  # below: 8 or more leading zero bytes (review12 F9)
SHORT_LENGTHS = (61, 62, 63)  # a key's hex without its leading zero digits
# a key read from a file with the bytes after it and hex-encoded whole (an error's "instead of
# 33 bytes: '0x<key>0a'", a file's bytes dumped): 64 hex, then one or two bytes of white space
# (a line break's LF / CR / CRLF, a space, a tab)
_NEWLINE_ENDS = (66, 68)
_TRAILING_BYTES = frozenset(("0a", "0d", "20", "09"))
# ...but 66 hex that read as a compressed public key (02|03 and x on the curve: a Lightning node
# id ends in "0a" one time in 256) are that key, unless the line says bytes were read
_BYTES_READ_RE = re.compile(r"(?i)\bbytes?\b")

# the value of a named field ("blockHash": "0x.., blockHash: 0x.., ["0x.., "0x..): the name
# decides; no command's argument, so no secret-store command is looked for
_FIELD_RE = re.compile(r"(?:[\w\"'\]]\s*:|[\[,]\s*[\"'])\s*[\"']?$")
_JSON_ENDS = ('":"', '","', ': "', '["', '": ')  # the same, compact: no regex
# hash words that only say "a value" ("value", "blob", "data"): a value so named is still
# derived when an address is in the text (an export's {"address": .., "value": "<key>"})
_GENERIC_NAMES = frozenset(
    f"context:{w!r}" for w in ("value", "blob", "data", "result", "id", "index", "input", "params")
)
# a hash function applied to something, its result written next: ``keccak256(privateKey)=``,
# ``sha256(key).hexdigest() ->``, ``fingerprint(pk): ``, a REPL's result on the line below
# the call (the prose forms, "keccak256 of the key:", are hash words)
_HASH_FNS = (
    r"(?P<fn>keccak(?:[-_]?256)?|sha3(?:[-_]?256)?|sha[-_]?(?:1|224|256|384|512)|"
    r"blake2[bs]?(?:[-_]?256)?|ripemd[-_]?160|hash(?:160|256)?|digest|fingerprint|hmac[\w-]{0,12}|"
    r"poseidon|md5)"
)
_HASHED_RE = re.compile(
    rf"(?i)(?<![\w.])(?:\w+\.)?{_HASH_FNS}"
    r"[ \t]*\((?P<arg>[^()\n]{0,48})\)(?P<method>\.\w{1,16}\(\))?[ \t]*"
    r"(?P<sep>==?|:|->|=>|is|是|：)?[ \t]*(?P<nl>\r?\n)?"
    r"[ \t]*[\"'`]?$"
)
# a hash function's argument that is only a key's name (``keccak256(key)``, ``sha256(signer.pk)``):
# a key word before such a call on its line names the key hashed ("to check we have the same
# key: keccak256(key) = 0x.."), not the result; a key made by a hash hashes something else (a
# brain wallet's ``privateKey = sha256(passphrase)``, ``sha256(masterKey + salt)``)
_KEY_ARGS = frozenset(
    ("key", "keys", "privkey", "privatekey", "pk", "sk", "pkey", "prv", "priv",
     "clave", "chave", "chiave", "cle", "schluessel", "sleutel", "klucz",  # es pt it fr de nl pl
     "anahtar", "klic", "kluc", "nyckel", "avain", "kulcs", "cheie")  # tr cs sk sv fi hu ro
)  # fmt: skip
_NAME_RE = re.compile(r"[ \t]*[A-Za-z_$][\w$.]{0,46}[ \t]*")
# ...a public key's name (pubkey, publicKey, pub_key, vk): its hash is an id, whatever the label
_PUBLIC_ARGS = frozenset(("pubkey", "pubkeys", "pub", "public", "publickey", "vk", "verifying"))


# the words before such a call that say its result is a check of the key, not a key: "to
# check we have the same key:", "compare", "fingerprint", "digest of" (de / fr / es / it too)
_CHECK_LABEL_RE = re.compile(
    r"(?i)\b(?:same|check(?:s|ed|ing|sum)?|compar\w*|fingerprint|digest[ \t]+of|verif\w*|"
    r"gleiche[mnrs]?|pr(?:ü|ue)f\w*|vergleich\w*|m(?:ê|e)me|v(?:é|e)rifi\w*|empreinte|mismo|"
    r"misma|comprob\w*|huella|stess[ao]|controll\w*|impronta|"
    # pl, ru / uk, tr, pt, nl: "ten sam klucz", "для проверки", "aynı anahtar", "mesma chave"
    r"ten[ \t]+sam|taki[ \t]+sam|sam[aoy]|sprawdz\w*|weryfik\w*|porówn\w*|porown\w*|odcisk\w*|"
    r"т(?:от|а|о)[ \t]+же|провер\w*|сравн\w*|отпечат\w*|перевір\w*|"
    r"aynı|ayni|kontrol\w*|doğrula\w*|dogrula\w*|parmak\s+izi|"
    r"mesm[ao]|verific\w*|confer\w*|impress[ãa]o|zelfde|controle\w*|vergelijk\w*)\b"
    r"|確認|同じ|照合|検証|校验|相同|指纹|지문|확인|동일"
)
# ...and the words that name the result as a key made from the one hashed: a hash ratchet's
# "next private key", a master key's "child" / "derived" / "signer" key
_DERIVED_LABEL_RE = re.compile(
    r"(?i)(?:\b|_|(?<=[a-z])(?=[A-Z]))(?:private|priv|secret|next|derived|child|signer|signing)"
    r"(?:\b|_|(?=[A-Z]))"
)


def _checks_a_key(words: str) -> bool:
    """The words before a hash of a key's name say its result is a check (a fingerprint)."""
    return _CHECK_LABEL_RE.search(words) is not None and _DERIVED_LABEL_RE.search(words) is None


def _hashes_a_key(arg: str, names: frozenset[str] = _KEY_ARGS) -> bool:
    """The hash call's argument is one name, and it names a key (one of ``names``)."""
    return _NAME_RE.fullmatch(arg) is not None and not names.isdisjoint(
        w.lower() for w in WORD_RE.findall(arg)
    )


# a hash call in an evaluated expression ("Arrays.toString(sha256(privKey))", "md.digest(seed)")
_HASH_CALL_RE = re.compile(rf"(?i)(?<![\w.])(?:\w+\.)?{_HASH_FNS}[ \t]*\(")
# functions whose name says what they give: a digest, not a key made from a seed by a hash
_RESULT_FNS = frozenset(("hash", "digest", "fingerprint"))
_LABEL_END_RE = re.compile(r"[:=\uff1a]$")  # "private_key:" on the line above
TABLE_RE = re.compile(r"^[ \t]*\[{1,2}([\w.\"' -]{1,80})\]{1,2}[ \t]*$", re.MULTILINE)
TABLE_REACH = 400  # characters before a value searched for its table's header
_WORD = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")
# a key's name glued to it as a prefix (a bot's deep link "?start=pk_<hex>", "sk_0x.."): the
# value is still a whole token, where a value stands (after =, :, a quote, a slash)
_KEY_PREFIX_RE = re.compile(r"[=:\"'/?&](?i:pk|sk|priv|privkey|prv)_$")
_LIST_GAP = frozenset(" \t\r\n,;\"'[]")


def _bounded(text: str, start: int, end: int) -> int | None:
    """Start of the value (``0x`` included) if the hex run is a whole token, else None. One
    stray letter glued to the end of a ``0x`` value (a typo in an echoed key, a JavaScript
    BigInt's ``n``) does not hide it."""
    prefixed = text[start - 2 : start] in ("0x", "0X")
    if prefixed:
        start -= 2
    if start and text[start - 1] in _WORD and not _KEY_PREFIX_RE.search(text, start - 10, start):
        return None
    if end < len(text) and text[end] in _WORD:
        stray = prefixed and text[end].isascii() and text[end].isalpha()
        if not stray or (end + 1 < len(text) and text[end + 1] in _WORD):
            return None
    return start


def hex_runs(text: str) -> list[tuple[int, int]]:
    """Every maximal run of 40+ hex digits (addresses, keys, hashes...), computed once."""
    return list(runs(text, HEX, 40))


def _hex_tokens(
    text: str, spans: list[tuple[int, int]], length: int
) -> Iterator[tuple[int, int, str]]:
    """(start incl. ``0x``, end, hex body) of every whole-token run of exactly ``length`` hex."""
    for s, e in spans:
        if e - s == length:
            start = _bounded(text, s, e)
            if start is not None:
                yield start, e, text[s:e]


def _addresses(text: str, spans: list[tuple[int, int]]) -> frozenset[str]:
    """Lower-case ``0x`` addresses present in the text (with or without the prefix)."""
    return frozenset("0x" + body.lower() for _, _, body in _hex_tokens(text, spans, 40))


@digest_cached(maxsize=2048)
def _classify_tail(tail: str) -> tuple[str, str] | None:
    """The last ``TAIL`` characters before a value (``","blockHash":"``) repeat across tool
    outputs: their classification is cached."""
    return classify_window(tail, nearest_last=True)


def _context(
    text: str, start: int, end: int, lo: int, hi: int, *, stores: bool = True
) -> tuple[str, str]:
    """("key" | "hash" | "bare", evidence) from the call it is passed to or the secret store
    it is written to, else the words around ``text[start:end]`` (``stores``: the text may
    hold a store command, :func:`~aiegis_guard.scanners.key_places.may_hold_store`)."""
    call = call_context(text, start) or parse_context(text, start, end)
    if call is not None:
        return "key", call
    store = _store_context(text, start, end) if stores else None  # s3://b/keys/<sha256>.json:
    store = store or key_places.file_name(text, start, end)  # a file's name, a digest
    if store is not None:
        return store
    value_start, start = start, conversion_start(text, start) or start  # Data(hex: "..")
    asked = asked_before(text, value_start, end)  # a payload's field names ("role") say nothing
    if asked is not None:  # {"content": "I need the deployer key"}, {"content": "use <hex>"}
        return "key", f"answers:{asked!r}"
    record = record_name(text, value_start) or log_record(text, value_start, end)
    if record is not None:  # {"Name": "/prod/signer_key", "Value": ..}; a logger's key=
        return record
    named_column = _sql_context(text, value_start)  # INSERT INTO signer VALUES(1, .., X'..')
    if named_column is not None:
        return named_column
    link = link_of(text, value_start)
    lo = lo if link is None else max(lo, link[1])  # a link's own words name its parameters
    # another speaker's chat message above names no value of this one: it may ask for one
    # (asked_in_chat, below); "which key signed the deploy tx?" / "<tx hash>" labels nothing
    own = _own_message(text, max(lo, start - WINDOW), start, spoken_above=True)
    hashed = _hashed(text, own, start, end)
    if hashed is not None:  # fp=keccak256(privateKey)=0x..: what a hash function gave
        return hashed
    tail_start = max(own, start - TAIL)
    if 0 < tail_start < start and text[tail_start - 1].isalnum() and text[tail_start].isalnum():
        tail_start = _word_start(text, tail_start, start)  # not "signe|r": no "r"
    before = _classify_tail(text[tail_start:start])
    # a bare "key" may have lost its qualifier ("storage key", "withdrawal credentials") at
    # the cut, a "value" its name ("--name pk --value"): read the whole window
    # a transaction word may only say what a key named before it is for: read its whole label
    if tail_start > own and (before is None or before[1].lower() in REREAD | TX_WORDS):
        before = classify_window(text[_word_start(text, own, start) : start], nearest_last=True)
    echo = echo_context(text, (own, start), (value_start, end), before)
    if echo is not None:  # "For input string: "..":, "invalid private key; input = "..
        return echo
    if before is not None and f"context:{before[1].lower()!r}" in _GENERIC_NAMES:
        expression = evaluated_expression(text, value_start)  # result = .. of a debugger
        if expression:
            hash_call = _HASH_CALL_RE.search(expression)
            if hash_call is not None:  # Arrays.toString(sha256(privKey)): a hash of the key
                return "hash", f"evaluated:{hash_call.group('fn').lower()}"
            named = classify_window(expression, nearest_last=True)
            if named is not None:
                return named[0], f"evaluated:{named[1]!r}"
    if before is not None and before[0] == "hash" and before[1].lower() in HELD_NOUNS:
        table = _table_holder(text, lo, start)  # [profiles.prod.wallet] .. blob = "0x..
        if table is not None:
            return "key", f"table:{table!r}"
    if before is not None and before[0] == "key" and before[1].lower() in ROLE_WORDS:
        return role_context(text, start, end, before[1])
    if before is not None:
        return before[0], f"context:{before[1]!r}"
    if link is not None:  # https://claim.app/#/c?k=0x..: where claim links keep their keys
        return "key", f"link:{link[0]}"
    own = _own_message(text, own, start)
    foreign_hash = foreign_hash_word(text[own:start])
    if foreign_hash is not None:  # "La transacción `0x..`": named before, whatever follows
        return "hash", f"context:{foreign_hash!r}"
    after = classify_window(text[end : _after_end(text, end, hi)], nearest_last=False)
    if after is not None:
        return after[0], f"context-after:{after[1]!r}"
    foreign = foreign_key_word(text[own:start])
    if foreign in FOREIGN_MATERIAL:
        return role_context(text, start, end, foreign)
    if foreign is not None:
        return "key", f"context:{foreign!r}"
    asked_chat = asked_in_chat(text, value_start, end)  # "[09:43] Lena: Klar, hier: <hex>"
    if asked_chat is not None:
        return "key", f"answers:{asked_chat!r}"
    return "bare", ""


SQL_ROW_REACH = 400  # characters each side of a value read for its VALUES tuple


def _sql_context(text: str, start: int) -> tuple[str, str] | None:
    """What the column of an ``INSERT``'s value says of it: a bare ``key`` column of a store
    (``objects(key, size)``: an id, a digest of the content) is a hash's unless a phrase of
    the row is headed by a key word; a "data" / "value" column says nothing."""
    cell = sql_cell(text, start) or listed_cell(text, start)  # INSERT; COPY / sqlite3 rows
    if cell is None:
        return None
    kept_in = store_key_column(cell)
    if kept_in is not None:  # unless the row's values name a key ("'deployer private key'")
        lo = text.rfind("(", max(0, start - SQL_ROW_REACH), start) + 1
        hi = text.find(")", start, start + SQL_ROW_REACH)
        row = text[lo : hi if hi >= 0 else min(len(text), start + SQL_ROW_REACH)]
        at = start - lo
        return unless_row_names_key(row, at, ("hash", f"column:'key' of {kept_in!r}"))
    named = _classify_header(cell[1]) if cell[1] else None
    if named is not None and f"context:{named[1][7:]}" not in _GENERIC_NAMES:
        return named
    return None


def _own_message(text: str, lo: int, start: int, *, spoken_above: bool = False) -> int:
    """Where the words before ``start`` that may name its value begin: ``lo``, or the body of
    the chat message (``[09:43] Jonas: ``) holding it when the window reaches lines above:
    another speaker's question there is read as a question (:func:`asked_in_chat`), not as
    the value's label ("Welcher Schlüssel hat die Transaktion signiert?" / "0x<tx hash>");
    the same speaker's line above still labels it. ``spoken_above``: only when the line above
    is another speaker's message (a chat, not a header over a label's lines). A markup tag
    closed on its line (``<string>0x..</string>``) is no IRC nick's header."""
    line = text.rfind("\n", lo, start) + 1
    if line <= lo:
        return lo
    header = message_header(text, line, start)
    if header is None or _closes_tag(text, line, header[0]):
        return lo
    above = text.rfind("\n", 0, line - 1) + 1
    previous = message_header(text, above, line - 1)
    if previous is None:
        return lo if spoken_above else header[1]
    same = previous[0] == header[0] or _closes_tag(text, above, previous[0])
    return lo if same else header[1]


def _closes_tag(text: str, line: int, name: str) -> bool:
    """The line at ``line`` closes a markup tag ``name`` (``<key>..</key>``)."""
    end = text.find("\n", line)
    return text.find(f"</{name}>", line, end if end >= 0 else len(text)) >= 0


def _after_end(text: str, end: int, hi: int) -> int:
    """The end of the window after a value: ``AFTER_WINDOW`` characters, less a word of
    letters it cuts ("GitHub-S|ecrets": no signature's "S"); a cut token with digits (an
    address, base64) is kept as cut."""
    at = min(hi, end + AFTER_WINDOW)
    if at >= len(text) or not (text[at].isalnum() and text[at - 1].isalpha()):
        return at
    cut = at
    while cut > end and text[cut - 1].isalnum():
        cut -= 1
    return at if any(c.isdigit() for c in text[cut:at]) else cut


def _hashed(text: str, lo: int, start: int, end: int) -> tuple[str, str] | None:
    """``("hash", ..)`` when the value at ``start`` is stated as what a hash function gave:
    a hash word labels it (``fp=keccak256(pk)=0x..``, ``fingerprint(pk): 0x..``) or the call
    was evaluated (a digest method ``.hexdigest()``, an arrow, a REPL's result line below
    the call). ``("key", ..)`` when a key's name labels or uses it: before the call on its
    line (``privateKey = sha256(passphrase) = 0x..``: a brain wallet's key), a label line
    just above (``private_key:``), or after it on its line ("Import it as the private
    key"); a check's words before a call that hashes a key's name name the key hashed (``the
    same key: keccak256(key) = 0x..``: a fingerprint). None otherwise: an algorithm's equation
    (``keccak256(seed) = 0x..``) says no
    more than the words around it, read as for any value."""
    m = _HASHED_RE.search(text, lo, start)
    if m is None:
        return None
    line = text.rfind("\n", lo, m.start() - 1) + 1 or lo  # the call's line (a REPL's, above)
    label = _label_above(text, line)
    line_end = text.find("\n", end, end + AFTER_WINDOW * 2)
    after = text[end : line_end if line_end >= 0 else end + AFTER_WINDOW * 2]
    named = [
        classify_window(text[line : m.start()], nearest_last=True),
        _label_words(label) if label else None,
        classify_window(after, nearest_last=False),
    ]
    fn = m.group("fn").lower()
    if _hashes_a_key(m.group("arg"), _PUBLIC_ARGS):
        if named[0] is not None and named[0][0] == "key" and _names_private(text[line : m.start()]):
            return "key", f"derived:{fn}"  # "private key = keccak256(pub) = 0x..": a derived key
        return "hash", f"hashed:{fn}"  # sha256(pubkey): an id or address; no key is made so
    # "the same key: keccak256(key) =", "gleicher Schlüssel: ..": the hashed key's check
    checked = _hashes_a_key(m.group("arg")) and _checks_a_key(text[line : m.start()])
    if checked and named[0] is not None:
        named[0] = ("hash", named[0][1])
    key = next((n for n in named if n is not None and n[0] == "key"), None)
    if key is not None:
        return "key", f"context:{key[1]!r}"
    if checked or named[0] is not None or named[1] is not None:  # keyFingerprint=keccak256(..)=
        return "hash", f"hashed:{fn}"
    if fn in _RESULT_FNS or m.group("method") or m.group("sep") in ("->", "=>"):
        return "hash", f"hashed:{fn}"
    if m.group("nl") and not m.group("sep"):  # >>> sha256(pk).hex() / '<hex>': its result
        return "hash", f"hashed:{fn}"
    return None


# a label's words that say the key it names is a private one (a key derived by hashing is one
# whatever the hashed argument's name says)
_PRIVATE_LABEL_WORDS = frozenset(
    ("private", "priv", "privkey", "privatekey", "secret", "secretkey", "sk", "prv", "signing")
)
_PUBLIC_LABEL_WORDS = frozenset(("public", "pub", "pubkey", "publickey", "verifying", "vk"))


def _names_private(label: str) -> bool:
    """``label`` names a private or secret key, and no public one."""
    words = {w.lower() for w in WORD_RE.findall(label)}
    return not words.isdisjoint(_PRIVATE_LABEL_WORDS) and words.isdisjoint(_PUBLIC_LABEL_WORDS)


def _label_above(text: str, line: int) -> str:
    """The nearest line with words above the line starting at ``line`` (over at most one
    blank line), when it ends as a label does (``private_key:``); else ""."""
    for _ in range(2):
        if text[line - 1 : line] != "\n":
            return ""
        above = text.rfind("\n", 0, line - 1) + 1
        label = text[above : line - 1].rstrip()
        if label:
            return label if _LABEL_END_RE.search(label) else ""
        line = above
    return ""


def _label_words(label: str) -> tuple[str, str] | None:
    """What a label line names: a hash word of another script nearest its end, else its
    words ("नई कुंजी .., मिलान के लिए सिर्फ़ फ़िंगरप्रिंट:": fingerprints of a new key)."""
    foreign = foreign_hash_word(label)
    return ("hash", foreign) if foreign else classify_window(label, nearest_last=True)


def _table_holder(text: str, lo: int, start: int) -> str | None:
    """The TOML / INI table a value sits in, when its name is a wallet's: the header names
    what the table's plain-named entries hold."""
    headers = list(TABLE_RE.finditer(text, max(lo, start - TABLE_REACH), start))
    if not headers:
        return None
    name = headers[-1].group(1)
    return name if {w.lower() for w in WORD_RE.findall(name)} & HOLDERS else None


def _word_start(text: str, at: int, stop: int) -> int:
    """``at``, or past the word it cuts ("signe|r", "http|s://": no "r", no "s"; a hash
    before a hash in a JSON result: its run of letters and digits read at C speed)."""
    if 0 < at < stop and text[at - 1].isalnum():
        run = _ALNUM_RUN_RE.match(text, at, stop)  # empty where text[at] is no letter or digit
        return run.end() if run is not None else at
    return at


_ALNUM_RUN_RE = re.compile(r"[^\W_]*")  # str.isalnum characters: \w less "_"


def _store_context(text: str, start: int, end: int) -> tuple[str, str] | None:
    """A value written to a secret store is a key, unless the entry's name says hash."""
    store = store_command(text, start, end)
    if store is None:
        return None
    command, before, after = store
    named = classify_window(before, nearest_last=True) or classify_window(after, nearest_last=False)
    if named is not None and named[0] == "hash":
        return "hash", f"context:{named[1]!r}"
    return "key", f"store:{command}"


def is_placeholder(body: str) -> bool:
    """``deadbeef`` x 8, ``1234567890abcdef`` x 4, ``aaaa..``: a template value, not a key.
    A random key uses about 16 distinct digits and repeats no short unit."""
    body = body.lower()
    if len(set(body)) <= 6:
        return True
    return any(body == body[:p] * (len(body) // p) for p in (8, 16) if len(body) % p == 0)


def _derived(body: str, own: frozenset[str], present: frozenset[str]) -> str | None:
    """Evidence when the value derives to an own / present address, else None."""
    from aiegis_guard.keys.evm import address_of

    address = address_of(bytes.fromhex(body))
    if address is None:
        return None
    if address in own:
        return "derives-to:own-address"
    if address in present:
        return "derives-to:address-in-text"
    return None


def key_context(text: str, start: int, end: int) -> tuple[str, str]:
    """("key" | "hash" | "bare", evidence) for any value at ``text[start:end]`` (also used for
    base64-wrapped and split keys by :mod:`~aiegis_guard.scanners.key_forms`)."""
    return _context(text, start, end, 0, len(text))  # the store gate: on the command only


def key_finding(span: tuple[int, int], value: str, *evidence: str) -> Finding:
    """``secret.evm_private_key`` (BLOCK) for ``value`` at ``span``; ``evidence`` says how."""
    derived = any(e.startswith("derives") for e in evidence)
    how = "derives to an address in play" if derived else "named as one"
    return secret_finding(RULE, span, value, f"Ethereum private key ({how})", *evidence)


def _candidate_finding(span: tuple[int, int], value: str, evidence: str) -> Finding:
    """INFO for a 64-hex value nothing names; FLAG (redacted) under a log line's bare ``key=``
    no word of the line names (:func:`~aiegis_guard.scanners.key_records.log_record`,
    review19b S1: a slot that may hold a signer's key is never a silent ALLOW)."""
    if evidence == SLOT_EVIDENCE:
        return Finding(
            rule_id=RULE_SLOT,
            category=Category.SECRET,
            severity=Severity.MEDIUM,
            action=Action.FLAG,
            message="64-hex value under a log line's key= that nothing names: a key or a hash",
            span=span,
            preview=mask(value),
            evidence=("pattern:hex64", SLOT_EVIDENCE),
            redact=True,
        )
    return Finding(
        rule_id=RULE_CANDIDATE,
        category=Category.SECRET,
        severity=Severity.INFO,
        action=Action.ALLOW,
        message="64-hex value without context: a private key or a hash (not blocked)",
        span=span,
        preview=mask(value),
        evidence=("pattern:hex64", "no-context"),
    )


def find_evm_keys(
    text: str,
    own: frozenset[str],
    *,
    derive_hashes: bool = False,
    spans: list[tuple[int, int]] | None = None,
) -> list[Finding]:
    """EVM private keys (BLOCK) and context-free 64-hex candidates (INFO) in ``text``.

    ``derive_hashes``: also derive values named as hashes (outbound text, where a key
    disguised as a ``txHash`` would be exfiltration); inbound tool output full of hashes
    skips that work. ``spans``: :func:`hex_runs` of the text, when the caller has them.
    """
    spans = hex_runs(text) if spans is None else spans
    short = _short_keys(text, spans)
    # 8+ leading zero bytes: a padded address or a number, never a key (2**-64 for a key)
    tokens = [t for t in _hex_tokens(text, spans, 64) if MIN_KEY <= int(t[2], 16) < SECP256K1_N]
    if not tokens:
        return short
    present: frozenset[str] | None = None  # addresses in the text, found when first needed
    stores: bool | None = None  # may the text hold a store command: asked when first needed
    derivations = MAX_DERIVATIONS
    generics = MAX_GENERIC_DERIVATIONS  # a JSON-RPC result's "value" / "data" hashes
    flows, calls = MAX_FLOWS, "(" in text  # a name passed on needs a call to be passed to
    columns = MAX_COLUMNS  # bare values whose table header is looked for
    found: list[Finding] = []
    prev_end, prev, reported = 0, ("bare", ""), 0
    for i, (start, end, body) in enumerate(tokens):
        if not (i and all(c in _LIST_GAP for c in text[prev_end:start])):
            hi = tokens[i + 1][0] if i + 1 < len(tokens) else len(text)
            field = text.endswith(_JSON_ENDS, max(0, start - 3), start) or (
                _FIELD_RE.search(text, max(0, start - 8), start) is not None
            )
            if stores is None and not field:  # a JSON field's value is no command argument
                stores = may_hold_store(text)
            prev = _context(text, start, end, prev_end, hi, stores=bool(stores) and not field)
        elif prev[0] != "key":  # a later argument of a sign call is the key
            call = call_context(text, start)
            prev = ("key", call) if call is not None else prev
        kind, evidence = prev  # a listed value inherits the class of the one before
        celled = kind == "key" or (kind == "hash" and _after_delimiter(text, start))
        if celled and evidence.startswith(("context:", "context-after:")) and columns:
            columns -= 1  # | key rotation | 0x.. | under a "tx" column: the header names it
            kind, evidence = _cell_context(text, start, kind, evidence)
        generic = kind == "hash" and evidence.lower() in _GENERIC_NAMES and generics > 0
        generics -= generic
        if derivations and (kind == "bare" or (kind == "hash" and (derive_hashes or generic))):
            present = _addresses(text, spans) if present is None else present
            if own or present:
                derivations -= 1
                derived = _derived(body, own, present)
                kind, evidence = ("key", derived) if derived else (kind, evidence)
        if kind == "bare" and columns:  # | Address | Private Key | .. | 0x.. | 0x.. |
            columns -= 1
            named = _column_context(text, start)
            kind, evidence = named if named is not None else (kind, evidence)
        if kind != "key" and flows and calls:  # OWNER = 0x..; .. startBroadcast(OWNER)
            flows -= 1
            flow = flow_context(text, start)
            kind, evidence = ("key", flow) if flow is not None else (kind, evidence)
        if kind == "key" and not is_placeholder(body):  # not PRIVATE_KEY=0xdeadbeef...
            found.append(key_finding((start, end), text[start:end], "pattern:hex64", evidence))
        elif kind == "bare" and (evidence == SLOT_EVIDENCE or reported < MAX_CANDIDATES_REPORTED):
            found.append(_candidate_finding((start, end), text[start:end], evidence))
            reported += evidence != SLOT_EVIDENCE  # a log line's unnamed key=: always reported
        prev_end = end
    return found + short


def _after_delimiter(text: str, start: int) -> bool:
    """The value opens a CSV / TSV cell (a delimiter, then quotes or spaces only)."""
    head = text[max(0, start - 4) : start].rstrip(" \"'")
    return head.endswith((",", ";", "\t"))


def _cell_context(text: str, start: int, kind: str, evidence: str) -> tuple[str, str]:
    """A Markdown table cell's value named a key by a word of its row ("| key rotation |
    0x.. |") is a hash when its column's header names a hash ("tx", "hash"): the header
    names what a column holds, a row's label what the row is about. A generic header
    ("value", "data") says nothing."""
    line = text.rfind("\n", 0, start) + 1
    if not text.startswith("|", line) and not text[line:start].lstrip().startswith("|"):
        header = cell_header(text, start)  # a CSV row: the header, not the other cells' words
        named = _classify_header(header) if header else None
        if named is None or f"context:{named[1][7:]}" in _GENERIC_NAMES:
            return kind, evidence  # a "value" / "data" column says nothing
        return unless_row_names_key(text, start, named)
    if kind != "key":
        return kind, evidence
    named = _column_context(text, start)
    if named is None or named[0] != "hash" or f"context:{named[1][7:]}" in _GENERIC_NAMES:
        return kind, evidence
    return unless_row_names_key(text, start, named)


def _column_context(text: str, start: int) -> tuple[str, str] | None:
    """("key" | "hash", evidence) from the header of the table column holding the value."""
    header = column_name(text, start)
    return _classify_header(header) if header else None


def _classify_header(header: str) -> tuple[str, str] | None:
    """("key" | "hash", evidence) from a column's header; None for a loose or generic one."""
    named = classify_window(header, nearest_last=True)
    if named is None or header.strip(" \t\"'`").lower() in _LOOSE_COLUMNS:
        return None  # a "key" column is a storage layout's or a map's as often as a wallet's
    return named[0], f"column:{named[1]!r}"


def _public_not_read(text: str, start: int, body: str) -> bool:
    """The hex at ``start`` (a key with a line break's hex glued on) reads as a compressed
    public key, and nothing on its line says bytes were read (an error's "instead of 33
    bytes")."""
    if not is_compressed_public_key(bytes.fromhex(body[:66])):
        return False
    line = text.rfind("\n", 0, start) + 1
    return _BYTES_READ_RE.search(text, max(line, start - 200), start) is None


def _trailing_space(tail: str) -> bool:
    """``tail`` (hex) is one or two bytes of white space (``_TRAILING_BYTES``)."""
    return all(tail[i : i + 2] in _TRAILING_BYTES for i in range(0, len(tail), 2))


def _short_keys(text: str, spans: list[tuple[int, int]]) -> list[Finding]:
    """A key printed from an integer loses its leading zero digits (``hex(key)``: 63 digits
    for one key in 16, Starknet keys below 2**251): 61-63 hex digits count only where a call
    or a word names them a key (no derivation, no candidate); so do 64 hex digits with a line
    break's or other white space's hex glued on (``_NEWLINE_ENDS``)."""
    short = [(s, e) for s, e in spans if e - s in SHORT_LENGTHS or e - s in _NEWLINE_ENDS]
    if not short:
        return []
    found = []
    for length in _NEWLINE_ENDS:
        for start, end, body in _hex_tokens(text, short, length):
            key, tail = body[:64], body[64:].lower()
            if not _trailing_space(tail) or not MIN_KEY <= int(key, 16) < SECP256K1_N:
                continue
            if _public_not_read(text, start, body):
                continue
            kind, named = _context(text, start, end, 0, len(text))
            if kind == "key" and not is_placeholder(key):
                span = (start, end)
                found.append(key_finding(span, text[start:end], "pattern:hex64+newline", named))
    for length in SHORT_LENGTHS:
        for start, end, body in _hex_tokens(text, short, length):
            if _context(text, start, end, 0, len(text))[0] == "key" and not is_placeholder(body):
                found.append(key_finding((start, end), text[start:end], f"pattern:hex{length}"))
    return found
