"""Context words: is the word nearest to a 64-hex value a key's name or a hash's?

Used by :mod:`aiegis_guard.scanners.evm_keys` (and, through it, by the split, base64 and
numbered key forms). camelCase, snake_case and SHOUTING are split into words, lower-cased and
looked up: a key word (``private``, ``signer``, ``clave``, ``ключ``...) or a hash word
(``hash``, ``tx``, ``root``, ``topics``...) decides; a qualified key (``storage key``,
``public key``, a taproot ``internal key``) is a hash; an address label, a markup tag's type
(``<data>``) or attribute, a compound name's ``Data`` suffix say nothing of their own.
"""

from __future__ import annotations

import re

from aiegis_guard.scanners.key_purpose import FOREIGN_TX_WORDS, TX_WORDS, for_purpose, label_start
from aiegis_guard.scanners.key_scripts import (
    FOREIGN_HASH_WORDS,
    FOREIGN_KEY_WORDS,
    FOREIGN_MATERIAL,
    FOREIGN_PUBLIC,
)
from aiegis_guard.scanners.secret_typos import key_typo

__all__ = [
    "ADDRESS_WORDS",
    "CALLS",
    "EVENT_WORDS",
    "FOREIGN_HASH_WORDS",
    "FOREIGN_KEY_WORDS",
    "FOREIGN_MATERIAL",
    "HASH_WORDS",
    "HELD_NOUNS",
    "HOLDERS",
    "KEY_QUALIFIERS",
    "KEY_WORDS",
    "REREAD",
    "ROLE_NOUNS",
    "ROLE_WORDS",
    "SECRECY_PHRASES",
    "WORD_RE",
    "classify_window",
    "classify_words",
    "foreign_hash_word",
    "foreign_key_word",
    "is_contraction",
    "role_context",
]

# Context is read as words: camelCase, snake_case and SHOUTING are split, lower-cased and
# looked up; the word nearest to the value that belongs to a class decides. A run of ASCII
# letters touching a letter of another alphabet is part of a foreign word ("für" is not
# "f" + "r", the signature's r), so it is not read.
_FOREIGN_LETTER = r"[^\W\d_a-zA-Z]"
# (a lower-case run is read whole: "khóa riêng" holds no "r", the tail of "ri" before "ê")
WORD_RE = re.compile(
    rf"(?<!{_FOREIGN_LETTER})(?:[A-Z]+(?![a-z])|[A-Z][a-z]++|(?<![a-z])[a-z]++)"
    rf"(?!{_FOREIGN_LETTER})"
)


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


KEY_WORDS = _words(
    """private priv privkey privatekey secret secretkey signer signing sk pk keypair auth prv
    pkey credential credentials privada privado privata privato privater privaten privates
    privat prywatny geheim geheimer geheimen pribadi soukrom seed mnemonic
    chiave clave chave sleutel klucz anahtar kunci firmante firmatario assinante signataire
    unterzeichner ondertekenaar restore restored restoring import imported importing export
    exported exporting password passwd passphrase material deployer operator relayer paper"""
    # "paper": a paper wallet or backup (a key printed, often as a QR); "material": key
    # material (NIST SP 800-57's term for keys); deployer / operator /
    # relayer: the accounts a deploy script or a relay signs with, named for their role
    # not "wallet": on Sui and Aptos a wallet's address is 0x + 64 hex
)
# Key words that name a key less surely (review12 F9): relayer logs, deploy output, decoded
# events and build manifests print tx hashes, salts and digests under a role noun or
# "material"; evm_keys reads more of the text before it takes them for a key's name.
ROLE_NOUNS = frozenset(("deployer", "operator", "relayer"))
ROLE_WORDS = ROLE_NOUNS | {"material"}
# what is said after a hash on its line: a transaction's progress ("relayer: 0x.. submitted")
EVENT_WORDS = _words(
    """submitted confirmed confirmation confirmations mined pending included broadcast
    broadcasted sent reverted succeeded failed success status waiting"""
)
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
    params cache index preimage head memo pubkey pub typehash role constant immutable bytes32
    thumbprint fingerprint transaccion transacciones transacao transacoes transazione transazioni
    transaktion transaktionen transakce transakci transakcja transakcji transactie transacties
    hachage"""  # a transaction, a hash in es, pt, it, de, cs, pl, nl, fr (as typed in ASCII)
)
# "key" is a key unless qualified ("storage key", "public key") or a quoted JSON field name.
KEY_QUALIFIERS = _words(
    "storage cache lookup primary map mapping idempotency public pub verifying api authentication"
    " internal tweaked xonly"  # BIP-341's taproot internal / tweaked (output) key: public
    # a record's or a message's key (x-request-key, trace_key, a DynamoDB partition / sort key,
    # an S3 object key): an identifier, never a wallet's
    " request requests trace span correlation partition sort row object routing dedup dedupe"
    " nostr"  # a Nostr user's key, as shared: the public one (NIP-19 npub; secret: nsec)
)
# a name/value pair: the name classifies ({"name": .., "value": ..}; an ethers error's
# { argument: 'privateKey', value: '0x..' }; class-validator's { property: .., value: .. },
# a form library's { field: .., value: .. }, viem's "param: 'secretKey' value: ..")
_NAMED_VALUE_RE = re.compile(r"(?i)\b(?:name|key|argument|property|field|param|parameter)\b")
QUALIFIED_KEY_WORDS = {"credentials": ("withdrawal",), "credential": ("withdrawal",)}
# what a wallet holds, named only as stuff ("wallet_blob", "wallet": {"raw": ..}): its key;
# alone, a blob is a hash's (a blob store's object, an EIP-4844 blob)
HELD_NOUNS = frozenset(("blob", "bytes", "raw", "payload"))
HOLDERS = frozenset(("wallet", "wallets"))
REREAD = frozenset(("key", "keys", "value", *QUALIFIED_KEY_WORDS, *HELD_NOUNS))
# tags of a plist / XML serialisation that say what follows is, not what it is named
# (<PrivateKey>0x..</PrivateKey> is still named by its tag)
_MARKUP_TYPES = frozenset(("data", "string", "key", "value", "dict", "array", "item", "entry"))
# the rest of a markup attribute's name or value, then the tag's end: 'ProtectIn|Memory="True">'
_ATTRIBUTE_RE = re.compile(r"""\w*=?["'][^"'<>\n]*["'](?:\s+[\w:-]+=["'][^"'<>\n]*["'])*\s*/?>""")
# the last word of a compound name (keyData, tx_value, signerKeyValue): the head says
_TYPE_SUFFIXES = frozenset(("data", "value"))
# the label right before a value ("suiAddress │ 0x..", "address = 0x.."): an address, not a key
ADDRESS_WORDS = frozenset(("address", "addr"))
_LABEL_GAP = " \t:=│|\"'`,"
CALLS = ("wallet", "account")  # Wallet("0x..."), Account("0x..."): a key is being loaded


# printf-style directives ("printf %s 0x..", Go's "%#v"): flags, width, then the verb
_FORMAT_RE = re.compile(r"%[-+# 0-9.*]*$")
# DynamoDB JSON's attribute types ({"pk": {"S": "0x.."}}): upper case, the only field of an
# object (a signature's "s" is lower case and has an "r" beside it)
_TYPE_TAGS = frozenset(("S", "B", "SS", "BS"))
_TYPE_TAG_RE = re.compile(r"\{\s*[\"']?$")
_CARRIERS = frozenset(("qr", "bar", "aztec", "matrix"))  # QR-Code, bar code: the carrier
# a key's tool or file glued to "key" (keygen, keyconv): named like the key it handles
_KEY_TOOLS = frozenset(("gen", "conv", "convert", "tool", "util", "file", "dump", "export"))
# a compound name whose head is "key" in a script the ASCII word pass cannot read, joined to an
# ASCII modifier ("clé_signature", "schlüssel-signer"): a key named by its head, the modifier
# says what for ("signature" alone is a hash word); a public modifier makes it a public key
_FOREIGN_HEAD_RE = re.compile(r"(?i)(?<![^\W\d_])(?:clé|schlüssel|klíč|kľúč|ключ)[_-]$")
_PUBLIC_MODIFIERS = frozenset(("public", "publique", "pub", "publica", "publico", "pubblica"))
# a modifier that names what is made from or checks a key, not the key: a hash, an id, a
# fingerprint, a checksum, a verifying (public) key, a transaction, an address (en / de / fr /
# es / it): "schlüssel_hash", "clé_empreinte", "Schlüssel-Prüfsumme", "clé_transaction"
_DERIVED_MODIFIER_RE = re.compile(
    r"(?i)(?:hash|hach|digest|id(?![a-z])|ident|kennung|fingerprint|fingerabdruck|empreinte|huella|"
    r"impronta|checksum|pr(?:ü|ue)f|summe|somme|suma|verif|überpr|uberpr|kontroll|contr(?:ô|o)l|"
    r"tx|transa|adress|address|addr|direcci|indirizzo)"
)


def is_contraction(window: str, m: re.Match[str]) -> bool:
    """The tail of an English contraction ("It's", "key's", "we'd"), not a word of its own:
    no signature's ``s`` (a Python dict's ``'s':`` has no letter before its quote)."""
    at = m.start()
    return m.end() - at <= 2 and at >= 2 and window[at - 1] in "'’" and window[at - 2].isalpha()


def _word_class(window: str, m: re.Match[str], prev: str) -> str | None:
    """ "key" / "hash" / None for one word of the context window."""
    word = m.group().lower()
    if is_contraction(window, m):
        return None
    tag = window[max(0, m.start() - 2) : m.start()]
    if _FORMAT_RE.search(window, max(0, m.start() - 8), m.start()):
        return None  # printf %s, %#v, %-10x: a format directive, not the signature's s / v
    if m.group() in _TYPE_TAGS and _TYPE_TAG_RE.search(window, max(0, m.start() - 8), m.start()):
        return None  # {"S": ..}: a typed attribute's type; the name holding it says
    if m.start() and _FOREIGN_HEAD_RE.search(window, max(0, m.start() - 12), m.start()):
        if word in _PUBLIC_MODIFIERS or _DERIVED_MODIFIER_RE.match(window, m.start()):
            return "hash"  # clé_publique, schlüssel_hash, clé_empreinte, Schlüssel-ID
        return "key"  # clé_signature, schlüssel_signer
    if word == "code" and prev in _CARRIERS:
        return None  # QR-Code: (zbarimg), barcode: what carried the value, not bytecode
    if word.startswith("key") and word[3:] in _KEY_TOOLS:
        return "key"  # keygen, keyconv, keytool: a key's tool (a public key says "pub")
    if word in _MARKUP_TYPES and (tag.endswith("<") or tag == "</"):
        return None  # <data>, </key>: a plist's structure; its <key> element names the value
    if _ATTRIBUTE_RE.match(window, m.end()) and not (tag.endswith("<") or tag == "</"):
        return None  # an attribute (<Value ProtectInMemory="True">): says nothing of the value
    if word in HELD_NOUNS and prev in HOLDERS:
        return "key"  # wallet_blob, "wallet": {"raw": ..}
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
    if key_typo(word):
        return "key"  # "privte kye:", "pirvate key", "secert": a key's label typed in a hurry
    return None


# a JSON string's escaped break or tab ("user:\\nsigner: 0x.."): a gap between words, not the
# "n" of "nsigner" (two spaces for two characters: offsets kept)
_ESCAPED_BREAK_RE = re.compile(r"\\[nrt]")
# a key word said not to be the value ("(not the key)") or named as what the value is the
# digest of ("sha256 of the key file", "hash of my private key"): no key by that word
_OBJECT = (
    r"[ \t]+(?:(?:the|a|an|my|your|our|this|that|its)[ \t]+)?"
    r"(?:(?:private|secret|signing|signer|wallet)[ \t]+)?$"
)
_NEGATED_RE = re.compile(r"(?i)\b(?:not|never|isn't|isnt)" + _OBJECT)
_DIGEST_OF_RE = re.compile(
    r"(?i)\b(?:sha|hash|digest|checksum|fingerprint|keccak|hmac)\w{0,6}[ \t]+(?:of|for)" + _OBJECT
)
NOT_KEY_REACH = 40  # characters before a key word read for a negation or a digest's "of"


# a sentence that reports what was done to a key ("Key rotated.", "the signer key was revoked!")
# then a sentence that only points at the value ("Here's", "It's:"): the pointer names nothing,
# the key word is another sentence's subject. An act that yields a key ("generated", "exported")
# is no such report: what follows it may be the key.
_ACT_THEN_POINTER_RE = re.compile(
    r"(?i)[^.!?\n]{0,40}?\b(?P<act>\w+ed|done|sent|set|made|gone|lost|stolen|burnt|shown|"
    r"drawn|taken)\b[^.!?\n]{0,40}[.!?]+\s+"
    r"(?:here(?:'s|’s|\s+is|\s+it\s+is)|it(?:'s|’s|\s+is)|this\s+is|see)?[\s:\-–—]*$"
)
_YIELDS_KEY_RE = re.compile(
    r"(?i)(?:generat|creat|export|deriv|decrypt|recover|restor|import|extract|dump|reveal|"
    r"print|show|copi|retriev|load|fetch|unlock|found|made|drawn|taken)"
)


def _act_reported(window: str, at: int) -> bool:
    """The key word ending at ``at`` is the subject of an act reported in a sentence of its
    own, and the value's sentence only points at the value."""
    m = _ACT_THEN_POINTER_RE.match(window, at)
    return m is not None and _YIELDS_KEY_RE.match(m.group("act")) is None


def classify_window(window: str, *, nearest_last: bool) -> tuple[str, str] | None:
    """The class and evidence word nearest to the value (end of ``window``, or its start)."""
    if "\\" in window:
        window = _ESCAPED_BREAK_RE.sub("  ", window)
    words = list(WORD_RE.finditer(window))
    order = range(len(words) - 1, -1, -1) if nearest_last else range(len(words))
    for i in order:
        prev = words[i - 1].group().lower() if i else ""
        kind = _word_class(window, words[i], prev)
        if kind == "key":
            at = words[i].start()
            if _DIGEST_OF_RE.search(window, max(0, at - NOT_KEY_REACH), at):
                return "hash", f"digest of {words[i].group()}"
            if _NEGATED_RE.search(window, max(0, at - NOT_KEY_REACH), at):
                continue  # "(not the key)": says nothing of the value
            if nearest_last and _act_reported(window, words[i].end()):
                continue  # "Key rotated. Here's 0x..": the act's receipt, by position only
        if kind == "hash" and nearest_last and _says_purpose(window, words, i):
            continue  # "Private key for signing transactions:": the key word names the value
        if kind is not None:
            qualified = prev in KEY_QUALIFIERS and words[i].group().lower() in ("key", "keys")
            return kind, f"{prev} {words[i].group()}" if qualified else words[i].group()
    return None


def _says_purpose(window: str, words: list[re.Match[str]], i: int) -> bool:
    """``words[i]``, a transaction word nearest to the value, only says what a key named before
    it in the same label is for (the nearest class word before it is a key word)."""
    word = words[i]
    if word.group().lower() not in TX_WORDS:
        return False
    label = label_start(window, word.start())
    first: int | None = None  # the end of the label's first key word
    for j in range(i - 1, -1, -1):
        if words[j].start() < label:
            break
        kind = _word_class(window, words[j], words[j - 1].group().lower() if j else "")
        if kind == "hash":
            return False  # "key hash for transactions", "Secret Network tx": a hash's label
        if kind == "key":
            first = words[j].end()
    if first is None and not window.isascii():  # "Приватный ключ для подписи transactions"
        lowered = window[label : word.start()].lower()
        keys = [(at, len(w)) for w in FOREIGN_KEY_WORDS if (at := lowered.find(w)) >= 0]
        first = label + sum(min(keys)) if keys else None
    return first is not None and for_purpose(window, word.start(), word.end(), first)


def classify_words(window: str, *, nearest_last: bool = True) -> tuple[str, str] | None:
    """("key" | "hash", word) of the key-ish or hash-ish word nearest the end of ``window``
    (or its start)."""
    return classify_window(window, nearest_last=nearest_last)


def foreign_key_word(window: str) -> str | None:
    """A key word of another script, or a phrase of secrecy, in ``window`` (read only when no
    ASCII word decided)."""
    lowered = window.lower()
    said = next((w for w in SECRECY_PHRASES if w in lowered), None)
    if said is not None or window.isascii() or any(w in lowered for w in FOREIGN_PUBLIC):
        return said
    return next((w for w in FOREIGN_KEY_WORDS if w in lowered), None)


def foreign_hash_word(window: str) -> str | None:
    """A hash word of another script in ``window``, when it stands nearer to the value (the
    window's end) than any key word of another script; else None."""
    if window.isascii():
        return None
    lowered = window.lower()
    hashes = [(lowered.rfind(w), w) for w in FOREIGN_HASH_WORDS if w in lowered]
    if not hashes:
        return None
    at, word = max(hashes)
    keys = [lowered.rfind(w) for w in FOREIGN_KEY_WORDS if w in lowered]
    if keys and max(keys) > at:
        return None
    if (
        word in FOREIGN_TX_WORDS
    ):  # "Приватный ключ для подписи транзакций:", "私钥（用于签名交易）："
        label = label_start(lowered, at)
        named = [
            (k, k + len(w)) for w in FOREIGN_KEY_WORDS if (k := lowered.find(w, label, at)) >= 0
        ]
        named += [m.span() for m in WORD_RE.finditer(lowered, label, at) if m.group() in KEY_WORDS]
        if named and for_purpose(lowered, at, at + len(word), min(named)[1]):
            hashes_between = (lowered.find(w, min(named)[0], at) for w in FOREIGN_HASH_WORDS)
            if all(h < 0 or lowered.startswith(word, h) for h in hashes_between):
                return None
    return word


ROLE_WINDOW = 64  # characters before "material" read for a key's or a wallet's word
ROLE_TAIL = 120  # characters after a role-named value read for what its line says of it
ROLE_REACH = 160  # characters each side of a role-named value searched for an address
# what makes "material" a key's ("key material", a signer's or a wallet's material)
_MATERIAL_HOLDERS = (KEY_WORDS - ROLE_WORDS) | HOLDERS | {"key", "keys"}
FOREIGN_WALLETS = ("محفظة", "кошел", "гаманц", "гаманец", "钱包", "錢包", "ウォレット", "지갑")
_ADDRESS_RE = re.compile(r"0[xX][0-9a-fA-F]{40}(?![0-9a-fA-F])")


def role_context(text: str, start: int, end: int, word: str) -> tuple[str, str]:
    """A value named by a role noun or "material" (``ROLE_WORDS``): a hash when its line goes
    on to say so ("relayer: 0x.. submitted", ``"status": "mined"``, "confirmed in block");
    bare (derived if an address is in the text, else a candidate) when a role noun labels it
    in a listing of addresses or a table ("deployer: 0x<salt>" then "impl: 0x<address>"; a
    SHOUTING config name, DEPLOYER=, is no listing's label), or
    when "material" is its only key word and it has no ``0x`` (a build manifest's digest);
    else a key ("DEPLOYER=0x..", an Argo parameter named operator, a signer's material)."""
    if word.lower() in ROLE_NOUNS:
        tail = text[end : end + ROLE_TAIL].split("\n", 1)[0].split("\\n", 1)[0]  # or escaped
        for m in WORD_RE.finditer(tail):
            said = m.group().lower()
            if (said in EVENT_WORDS or said in HASH_WORDS) and not is_contraction(tail, m):
                return "hash", f"context-after:{m.group()!r}"
        if word.isupper():
            return "key", f"context:{word!r}"  # a config name (DEPLOYER=, OPERATOR: ..)
        lo = max(0, start - ROLE_REACH)
        line = text[text.rfind("\n", lo, start) + 1 or lo : start]
        listed = _ADDRESS_RE.search(text, lo, end + ROLE_REACH)
        return (
            ("bare", "")
            if listed or line.lstrip().startswith("|")
            else ("key", f"context:{word!r}")
        )
    window = text[max(0, start - ROLE_WINDOW) : start]
    named = {w.lower() for w in WORD_RE.findall(window)}
    lowered = window.lower()
    if (
        text.startswith(("0x", "0X"), start)
        or lowered.endswith(("hex:", 'hex"', "hex'"))  # .reg hex:6f,97.., hex"..
        or named & _MATERIAL_HOLDERS
        or any(w in lowered for w in FOREIGN_KEY_WORDS if w not in FOREIGN_MATERIAL)
        or any(w in lowered for w in FOREIGN_WALLETS)
    ):
        return "key", f"context:{word!r}"
    return "bare", ""
