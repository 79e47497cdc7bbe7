"""EVM private keys: is this ``0x`` + 64 hex a key or a hash?

Called by :mod:`aiegis_guard.scanners.wallet_keys`. Wallet agents handle transaction and block
hashes all day, and a hash has exactly the shape of a private key, so the decision is layered:

1. **Position** (:mod:`~aiegis_guard.scanners.key_calls`): an argument of a call that loads
   or signs with a key (``from_key(..)``, ``sign_transaction(tx, ..)``) or a ``params`` value
   of a JSON-RPC key-import method is a key. **Place**
   (:mod:`~aiegis_guard.scanners.key_places`): a value written by a secret-store command
   (``aws ssm put-parameter --value``) is a key unless the entry's name says hash.
   **Context**: otherwise the nearest key-ish or hash-ish word in the ``WINDOW`` characters
   before the value decides (``PRIVATE_KEY=``, ``privateKey``, ``Wallet(``, "my key is" vs
   ``transactionHash``, ``blockHash``, "tx", ``topics``, roots, ``/tx/`` ...); a qualified
   key (``storage key``, ``public key``) is a hash, a quoted ``"key"`` field is named by its
   object's other words (a storage proof's: hash; a wallet import's: key). Values listed
   one after another inherit the class of the first (``"transactions": ["0x..", "0x.."]``).
   A value labelled as an address (``suiAddress │ 0x..``) is one (Sui / Aptos: 64 hex). When
   the words say nothing: a parameter of a link's fragment or of a claim link is a key; a
   value echoed by a parse error is what the application frames around it say.
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
from aiegis_guard.keys.evm import SECP256K1_N
from aiegis_guard.redact import mask
from aiegis_guard.scanners.key_calls import call_context, conversion_start, parse_context
from aiegis_guard.scanners.key_checks import secret_finding
from aiegis_guard.scanners.key_places import echo_frames, link_part, may_hold_store, store_command
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
WINDOW = 64  # characters before a value searched for context
TAIL = 24  # the part of the window whose classification is cached
AFTER_WINDOW = 40  # "0x.. is my private key": checked only when nothing precedes
MAX_DERIVATIONS = 64  # secp256k1 derivations per text (~70 µs each)
MAX_CANDIDATES_REPORTED = 4
SHORT_LENGTHS = (61, 62, 63)  # a key's hex without its leading zero digits

# Context is read as words: camelCase, snake_case and SHOUTING are split, lower-cased and
# looked up; the word nearest to the value that belongs to a class decides. A run of ASCII
# letters touching a letter of another alphabet is part of a foreign word ("für" is not
# "f" + "r", the signature's r), so it is not read.
_FOREIGN_LETTER = r"[^\W\d_a-zA-Z]"
WORD_RE = re.compile(
    rf"(?<!{_FOREIGN_LETTER})(?:[A-Z]+(?![a-z])|[A-Z]?[a-z]+)(?!{_FOREIGN_LETTER})"
)


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


KEY_WORDS = _words(
    """private priv privkey privatekey secret secretkey signer signing sk pk keypair auth prv
    pkey credential credentials privada privado privata privato privater privaten privates
    privat prywatny geheim geheimer geheimen pribadi soukrom seed mnemonic
    chiave clave chave sleutel klucz anahtar kunci firmante firmatario assinante signataire
    unterzeichner ondertekenaar restore restored restoring import imported importing export
    exported exporting password passwd passphrase"""
    # not "wallet": on Sui and Aptos a wallet's address is 0x + 64 hex
)
# Key words of scripts the ASCII word pass cannot read (lower-case substrings of the window).
FOREIGN_KEY_WORDS = (
    "приватн", "закрыт", "секретн", "私钥", "私鑰", "秘钥", "秘鑰", "秘密鍵", "秘密键", "개인키",
    "개인 키", "비밀키", "비밀 키", "özel anahtar", "gizli anahtar", "khóa riêng", "khóa bí mật",
    "مفتاح خاص", "المفتاح الخاص", "निजी कुंजी", "klucz prywatny", "clé privée", "clé secrète",
    "秘密キー", "プライベートキー", "프라이빗 키", "프라이빗키", "คีย์ส่วนตัว", "מפתח פרטי",
    "کلید خصوصی", "ιδιωτικ", "soukromý klíč", "khoá riêng", "privésleutel", "ключ",
)  # fmt: skip
# "public" in those scripts: a public key ("открытый ключ") is no secret
FOREIGN_PUBLIC = ("открыт", "публичн", "公钥", "公鑰", "公開鍵", "공개", "publique", "öffentlich",
                  "pública", "publica", "pubblica", "publiek", "publiczn", "veřejn")  # fmt: skip
# what is said of a secret and of nothing else, when no word names the value ("here is the
# bot wallet, dont share" then the key on the next chat line)
SECRECY_PHRASES = (
    "dont share",
    "don't share",
    "do not share",
    "never share",
    "don’t share",
    "keep it safe",
    "keep this safe",
    "keep it private",
    "keep this private",
)
HASH_WORDS = _words(
    """hash hashes root roots topic topics tx txs txn txid transaction transactions block
    blocks receipt receipts nonce bloom uncle uncles salt mac iv cipher ciphertext storage
    slot digest checksum commit commitment proof signature signatures sig sigs r s v data
    input code mix parent sha keccak merkle withdrawal withdrawals selector log logs
    explorer event beacon blob request requests state id ids uuid result value memory stack
    params cache index preimage head memo pubkey typehash role constant immutable bytes32"""
)
# "key" is a key unless qualified ("storage key", "public key") or a quoted JSON field name.
KEY_QUALIFIERS = _words(
    "storage cache lookup primary map mapping idempotency public pub verifying api authentication"
    " internal tweaked xonly"  # BIP-341's taproot internal / tweaked (output) key: public
)
_NAMED_VALUE_RE = re.compile(r"(?i)\b(?:name|key)\b")  # a name/value pair: the name classifies
QUALIFIED_KEY_WORDS = {"credentials": ("withdrawal",), "credential": ("withdrawal",)}
_REREAD = frozenset(("key", "keys", "value", *QUALIFIED_KEY_WORDS))
# tags of a plist / XML serialisation that say what follows is, not what it is named
# (<PrivateKey>0x..</PrivateKey> is still named by its tag)
_MARKUP_TYPES = frozenset(("data", "string", "key", "value", "dict", "array", "item", "entry"))
# the rest of a markup attribute's name or value, then the tag's end: 'ProtectIn|Memory="True">'
_ATTRIBUTE_RE = re.compile(r"""\w*=?["'][^"'<>\n]*["'](?:\s+[\w:-]+=["'][^"'<>\n]*["'])*\s*/?>""")
# the last word of a compound name (keyData, tx_value, signerKeyValue): the head says
_TYPE_SUFFIXES = frozenset(("data", "value"))
# the label right before a value ("suiAddress │ 0x..", "address = 0x.."): an address, not a key
ADDRESS_WORDS = frozenset(("address", "addr"))
# the value of a named field ("blockHash": "0x.., blockHash: 0x.., ["0x.., "0x..): the name
# decides; no command's argument, so no secret-store command is looked for
_FIELD_RE = re.compile(r"(?:[\w\"'\]]\s*:|[\[,]\s*[\"'])\s*[\"']?$")
# hash words of the parse errors that echo a value ("For input string", "ValueError: invalid
# literal for int()"): the frames around the message decide instead
_ECHO_WORDS = frozenset(("input", "value"))
_JSON_ENDS = ('":"', '","', ': "', '["', '": ')  # the same, compact: no regex
_LABEL_GAP = " \t:=│|\"'`,"
CALLS = ("wallet", "account")  # Wallet("0x..."), Account("0x..."): a key is being loaded
_WORD = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")
_LIST_GAP = frozenset(" \t\r\n,;\"'[]")


def _bounded(text: str, start: int, end: int) -> int | None:
    """Start of the value (``0x`` included) if the hex run is a whole token, else None. One
    stray letter glued to the end of a ``0x`` value (a typo in an echoed key, a JavaScript
    BigInt's ``n``) does not hide it."""
    prefixed = text[start - 2 : start] in ("0x", "0X")
    if prefixed:
        start -= 2
    if start and text[start - 1] in _WORD:
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


def _word_class(window: str, m: re.Match[str], prev: str) -> str | None:
    """ "key" / "hash" / None for one word of the context window."""
    word = m.group().lower()
    tag = window[max(0, m.start() - 2) : m.start()]
    if word in _MARKUP_TYPES and (tag.endswith("<") or tag == "</"):
        return None  # <data>, </key>: a plist's structure; its <key> element names the value
    if _ATTRIBUTE_RE.match(window, m.end()) and not (tag.endswith("<") or tag == "</"):
        return None  # an attribute (<Value ProtectInMemory="True">): says nothing of the value
    if word == "data" and prev == "string":
        return None  # a Kubernetes Secret's stringData: says nothing of its values
    if word == "value" and _NAMED_VALUE_RE.search(window, 0, m.start()):
        return None  # {"name": "PRIVATE_KEY", "value": ..}, --name ../pk --value: the name says
    if (
        word in _TYPE_SUFFIXES
        and m.start()
        and (window[m.start() - 1].isalpha() or window[m.start() - 1] == "_")
    ):
        return None  # keyData, tx_value: the head of the name says what it holds
    if word in ADDRESS_WORDS and not window[m.end() :].strip(_LABEL_GAP):
        return "hash"  # "suiAddress │ 0x..", "address: 0x..": Sui / Aptos addresses are 64 hex
    if word in ("key", "keys"):
        before = window[m.start() - 1] if m.start() else ""
        after = window[m.end()] if m.end() < len(window) else ""
        if before in ('"', "'") and after in ('"', "'"):
            return None  # a "key" field: a storage slot's or a key's; the object's words say
        return "hash" if prev in KEY_QUALIFIERS else "key"
    if word in KEY_WORDS:  # "withdrawal credentials" are a validator's, not a key
        return "hash" if prev in QUALIFIED_KEY_WORDS.get(word, ()) else "key"
    if word in HASH_WORDS or word.endswith("scan"):  # etherscan, solscan...
        return "hash"
    if word in CALLS and window[m.end() : m.end() + 2].lstrip().startswith("("):
        return "key"
    return None


def _classify(window: str, *, nearest_last: bool) -> tuple[str, str] | None:
    """The class and evidence word nearest to the value (end of ``window``, or its start)."""
    words = list(WORD_RE.finditer(window))
    order = range(len(words) - 1, -1, -1) if nearest_last else range(len(words))
    for i in order:
        prev = words[i - 1].group().lower() if i else ""
        kind = _word_class(window, words[i], prev)
        if kind is not None:
            qualified = prev in KEY_QUALIFIERS and words[i].group().lower() in ("key", "keys")
            return kind, f"{prev} {words[i].group()}" if qualified else words[i].group()
    return None


def classify_words(window: str, *, nearest_last: bool = True) -> tuple[str, str] | None:
    """("key" | "hash", word) of the key-ish or hash-ish word nearest the end of ``window``
    (or its start)."""
    return _classify(window, nearest_last=nearest_last)


@digest_cached(maxsize=2048)
def _classify_tail(tail: str) -> tuple[str, str] | None:
    """The last ``TAIL`` characters before a value (``","blockHash":"``) repeat across tool
    outputs: their classification is cached."""
    return _classify(tail, nearest_last=True)


def _context(
    text: str, start: int, end: int, lo: int, hi: int, *, stores: bool = True
) -> tuple[str, str]:
    """("key" | "hash" | "bare", evidence) from the call it is passed to or the secret store
    it is written to, else the words around ``text[start:end]`` (``stores``: the text may
    hold a store command, :func:`~aiegis_guard.scanners.key_places.may_hold_store`)."""
    call = call_context(text, start) or parse_context(text, start, end)
    if call is not None:
        return "key", call
    store = _store_context(text, start, end) if stores else None
    if store is not None:
        return store
    value_start, start = start, conversion_start(text, start) or start  # Data(hex: "..")
    tail_start = _word_start(text, max(lo, start - TAIL), start)
    before = _classify_tail(text[tail_start:start])
    # a bare "key" may have lost its qualifier ("storage key", "withdrawal credentials") at
    # the cut, a "value" its name ("--name pk --value"): read the whole window
    if tail_start > lo and (before is None or before[1].lower() in _REREAD):
        before = _classify(
            text[_word_start(text, max(lo, start - WINDOW), start) : start], nearest_last=True
        )
    if before is None or before[1].lower() in _ECHO_WORDS:  # "For input string: "..":
        frames = echo_frames(text, value_start)
        if frames is not None:
            return _frames_context(frames)
    if before is not None:
        return before[0], f"context:{before[1]!r}"
    link = link_part(text, value_start)
    if link is not None:  # https://claim.app/#/c?k=0x..: where claim links keep their keys
        return "key", f"link:{link}"
    after = _classify(text[end : min(hi, end + AFTER_WINDOW)], nearest_last=False)
    if after is not None:
        return after[0], f"context-after:{after[1]!r}"
    foreign = _foreign(text[max(lo, start - WINDOW) : start])
    if foreign is not None:
        return "key", f"context:{foreign!r}"
    return "bare", ""


def _word_start(text: str, at: int, stop: int) -> int:
    """``at``, or past the word it cuts ("signe|r", "http|s://": no "r", no "s")."""
    while 0 < at < stop and text[at - 1].isalnum() and text[at].isalnum():
        at += 1
    return at


def _store_context(text: str, start: int, end: int) -> tuple[str, str] | None:
    """A value written to a secret store is a key, unless the entry's name says hash."""
    store = store_command(text, start, end)
    if store is None:
        return None
    command, before, after = store
    named = _classify(before, nearest_last=True) or _classify(after, nearest_last=False)
    if named is not None and named[0] == "hash":
        return "hash", f"context:{named[1]!r}"
    return "key", f"store:{command}"


def _frames_context(frames: list[str]) -> tuple[str, str]:
    """An error that echoes the value: the nearest application frame with a key or hash word
    decides (``SignerFactory.fromConfig``, ``TxHashParser.parse``); none: bare."""
    for line in frames:
        found = _classify(line, nearest_last=False)
        if found is not None:
            return found[0], f"echoed-in:{found[1]!r}"
    return "bare", ""


def _foreign(window: str) -> str | None:
    """A key word of another script, or a phrase of secrecy, in ``window`` (read only when no
    ASCII word decided)."""
    lowered = window.lower()
    said = next((w for w in SECRECY_PHRASES if w in lowered), None)
    if said is not None or window.isascii() or any(w in lowered for w in FOREIGN_PUBLIC):
        return said
    return next((w for w in FOREIGN_KEY_WORDS if w in lowered), None)


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


def _candidate_finding(span: tuple[int, int], value: str) -> Finding:
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
    tokens = [t for t in _hex_tokens(text, spans, 64) if 0 < int(t[2], 16) < SECP256K1_N]
    if not tokens:
        return short
    present: frozenset[str] | None = None  # addresses in the text, found when first needed
    stores: bool | None = None  # may the text hold a store command: asked when first needed
    derivations = MAX_DERIVATIONS
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
        if derivations and (kind == "bare" or (kind == "hash" and derive_hashes)):
            present = _addresses(text, spans) if present is None else present
            if own or present:
                derivations -= 1
                derived = _derived(body, own, present)
                kind, evidence = ("key", derived) if derived else (kind, evidence)
        if kind == "key" and not is_placeholder(body):  # not PRIVATE_KEY=0xdeadbeef...
            found.append(key_finding((start, end), text[start:end], "pattern:hex64", evidence))
        elif kind == "bare" and reported < MAX_CANDIDATES_REPORTED:
            found.append(_candidate_finding((start, end), text[start:end]))
            reported += 1
        prev_end = end
    return found + short


def _short_keys(text: str, spans: list[tuple[int, int]]) -> list[Finding]:
    """A key printed from an integer loses its leading zero digits (``hex(key)``: 63 digits
    for one key in 16, Starknet keys below 2**251): 61-63 hex digits count only where a call
    or a word names them a key (no derivation, no candidate)."""
    found = []
    for length in SHORT_LENGTHS:
        for start, end, body in _hex_tokens(text, spans, length):
            if _context(text, start, end, 0, len(text))[0] == "key" and not is_placeholder(body):
                found.append(key_finding((start, end), text[start:end], f"pattern:hex{length}"))
    return found
