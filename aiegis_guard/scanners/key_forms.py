"""EVM keys in disguise: split in labelled parts, base64-wrapped, or decoded from a blob.

Called by :mod:`aiegis_guard.scanners.wallet_keys`.

* **Parts**: 2-4 hex runs (12+ digits each) close together whose digits add up to 64: one value
  wrapped over lines (shell line continuations too) behind a key-ish label, or parts marked by
  their labels (``KEY_PART_1=`` / ``KEY_PART_2=``, "part 1/2", "first half" / "second half",
  "chunk 3", ``pk_a`` / ``pk_b``), or string literals glued by ``+`` / implicit concatenation
  behind a key-ish name. Weak part labels (``a``/``b``, ``upper``/``lower``,
  ``first``/``second``, ``_1``/``_2``) need a key word as the nearest class word of the labels
  and the text just before (a Starknet ``u256 {low, high}`` is two 128-bit halves of anything;
  EIP-197's "loop_count_1 (first miller loop)"); strong ones ("part", "half", "chunk", "1 of 2")
  only need no hash word there ("checksum part 1"); so do parts that are the whole of
  consecutive chat messages of one speaker (:mod:`~aiegis_guard.scanners.secret_messages`).
  Parts further apart than ``HALF_GAP`` (up to ``FAR_GAP``: part A near the top, part B in an
  appendix) need a label of their own naming a key's part each ("Key part A:" .. "Key part B:").
  Or the parts joined derive to an own address. Every part is reported and masked.
* **Base64 of the raw 32 bytes** (a Kubernetes ``Secret``'s ``data:``, a ``.env`` value):
  a 44-character base64 token (43 unpadded, base64url's way) that decodes to 32 bytes in the
  secp256k1 range behind a key-ish label (the same context rules as a hex key,
  :func:`evm_keys.key_context`).
* **Decoded blocks**: a base64 blob that decodes to ``0x`` + 64 hex has lost its label to the
  encoding (``PRIVATE_KEY: MHg0YzA4...``); the label before the blob in the parent text is
  read as the context of the decoded value (:func:`with_parent_label`).
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterator

from aiegis_guard.charclass import BASE64, HEX, runs
from aiegis_guard.findings import Action, Finding
from aiegis_guard.keys.evm import SECP256K1_N
from aiegis_guard.lazyre import LazyPattern
from aiegis_guard.normalize import Layer
from aiegis_guard.scanners.evm_keys import (
    RULE_CANDIDATE,
    WINDOW,
    classify_words,
    find_evm_keys,
    is_placeholder,
    key_context,
    key_finding,
)
from aiegis_guard.scanners.key_records import record_name
from aiegis_guard.scanners.key_scripts import FOREIGN_PUBLIC
from aiegis_guard.scanners.key_words import (
    KEY_WORDS,
    WORD_RE,
    foreign_hash_word,
    foreign_key_word,
)
from aiegis_guard.scanners.part_labels import continues_numbering, sequence_stem
from aiegis_guard.scanners.part_words import names_key_part, names_part
from aiegis_guard.scanners.secret_messages import message_pieces

__all__ = [
    "PART_RE",
    "base64_runs",
    "find_base64_keys",
    "find_split_keys",
    "in_secret_manifest",
    "labelled_parts",
    "with_parent_label",
    "wrapped_base64",
]

HALF_GAP = 160  # characters between the end of one part and the start of the next
FAR_GAP = 2400  # the same, when each part's own label names a key's part (_far_parts)
MIN_PART = 12  # hex digits in the shortest part
LABEL_CHARS = 48  # label read before each part
KEY_REACH = 120  # characters before the first part searched for a key word
AFTER_REACH = 80  # characters after the last part searched when nothing precedes
LABELLED_BLOCK_MAX = 512  # decoded blocks this short are one value: the label applies
# a part's label: a part word of any language (names_part, :mod:`.part_words`), or a weak
# mark that needs a key word beside it (an ordinal, a side, a letter or a number of its own)
PART_RE = LazyPattern(
    r"(?i)(?:share|first|second|upper|lower|primera|segunda|high|low|left|right|"
    r"(?:^|[^a-z0-9])(?:1|2|3|4|a|b|c|d|one|two|p1|p2|hi|lo)(?:[^a-z0-9]|$))"
)
# a line break, also after a line continuation (a shell's or C's backslash, cmd's "^",
# PowerShell's backtick: "--private-key 0x5e1f.. <backslash>" / "9c0a.."), or escaped in a
# JSON string, once or twice ("key:\n0x5e1f..\n9c0a.."): one value wrapped
_WRAP = r"[ \t]*(?:(?:[\\^`][ \t]*)?\r?\n|(?<!\\)(?:\\++[rnt])++)[ \t]*"
_WRAP_GAP_RE = LazyPattern(_WRAP)
# a line continuation written out (a shell's, C's or a ``.properties`` file's backslash, cmd's
# "^", PowerShell's backtick): the value goes on, so two lines are one value even where the
# first looks whole (``key=0x<40 hex>\`` is no address); a bare line break is read so only
# from three lines on (two hex lines in a row are as often two values)
_CONTINUED_RE = LazyPattern(r"[ \t]*[\\^`][ \t]*\r?\n[ \t]*")
# the next line of a hex value wrapped at any width ("private key:\n0x" then lines of 13): its
# digits, a whole token; lines join until their digits add up to 64 (the total bounds the
# count), each but the last at least WRAP_LINE digits
_NEXT_HEX_RE = LazyPattern(_WRAP + r"([0-9a-fA-F]{1,63})(?![0-9a-zA-Z_])")
WRAP_LINE = 8
_CONCAT_RE = LazyPattern(r"\s*[\"'`]\s*(?:\+|\.\.|\|\||\.)?\s*(?:\\\s*)?[\"'`]\s*")
WRAP_MIN = 60  # characters of the first line of a wrapped base64 block
_WRAPPED_RE = LazyPattern(
    r"[A-Za-z0-9+/]{60,120}(?:\r?\n[ \t]*[A-Za-z0-9+/]{2,120}={0,2}(?=[ \t]*(?:\r?\n|$))){1,16}"
)
_SECRET_KIND_RE = LazyPattern(r"[\"']?kind[\"']?\s*:\s*[\"']?Secret\b")
_LONE_HEX_RE = LazyPattern(r"(?:0[xX])?([0-9a-fA-F]{64})")
_GLUE = frozenset("0123456789abcdefABCDEFxX_")


def _label(text: str, start: int, floor: int) -> str:
    lo = max(floor, start - LABEL_CHARS)
    line = text.rfind("\n", lo, start)
    return text[(line + 1 if line >= 0 else lo) : start]


def _fragments(text: str) -> list[tuple[int, int]]:
    """Whole-token runs of 12-52 hex digits (``0x`` allowed), as value spans."""
    out: list[tuple[int, int]] = []
    for s, e in runs(text, HEX, MIN_PART, max_len=64 - MIN_PART):
        if text[s - 2 : s] in ("0x", "0X"):
            if e - s == 40:
                continue  # an address: EVM text is full of them
            s -= 2
        elif s and text[s - 1] in _GLUE:
            continue
        if e < len(text) and text[e] in _GLUE:
            continue
        out.append((s, e))
    return out


def _body(text: str, span: tuple[int, int]) -> str:
    return text[span[0] : span[1]].removeprefix("0x").removeprefix("0X")


def _groups(text: str, spans: list[tuple[int, int]]) -> Iterator[list[tuple[int, int]]]:
    """2+ consecutive fragments, each close to the one before, whose digits add up to 64."""
    for i in range(len(spans)):
        total = 0
        for j in range(i, len(spans)):  # bounded by the total: 64 digits, 12+ a part
            gap = spans[j][0] - spans[j - 1][1] if j > i else 0
            if gap > HALF_GAP and (gap > FAR_GAP or not _far_parts(text, spans, i, j)):
                break
            total += len(_body(text, spans[j]))
            if total >= 64:
                if total == 64 and j > i:
                    yield spans[i : j + 1]
                break


def _far_parts(text: str, spans: list[tuple[int, int]], first: int, at: int) -> bool:
    """``spans[at]`` far after ``spans[at - 1]`` (part A near the top, part B in an appendix):
    read as parts only when each one's own label names a key's part ("Key part B (last 32
    hex):", "Schlüsselteil 2:", "Partie 2 de la clé privée :"), or names a part and counts on
    from the label before it, back to the group's first label, which names a key's ("Private
    key, part 1:" .. "part 2:" .. "part 3:")."""
    labels = [
        _label(text, spans[k][0], spans[k - 1][1] if k > first else 0) for k in range(first, at + 1)
    ]
    for k in range(max(0, at - 1 - first), len(labels)):
        if not names_part(labels[k]):
            return False
        named = _names_key(labels[k])
        if named is None and k > 0:  # "part 2:" counts on from "Private key, part 1:"
            named = _names_key(labels[0]) is True and all(
                continues_numbering(labels[j - 1], labels[j]) for j in range(1, k + 1)
            )
        if not named:
            return False
    return True


def _names_key(label: str) -> bool | None:
    """True when ``label``'s nearest class word is a key's (an ASCII word, or one of another
    script: "clé privée", "Schlüssel", "ключ"), False when a hash's, None when it has neither."""
    lowered = label.lower()
    if any(stem in lowered for stem in FOREIGN_PUBLIC):
        return False  # "Klucz publiczny, część 1:", "Chave pública, parte 1:": a public key
    named = classify_words(label)
    if named is not None:
        if named[0] == "key" and _topic_only(label):
            return None  # "Lesson: keys, part 1:": a topic, no value's name
        return named[0] == "key"
    if foreign_hash_word(label) is not None:
        return False
    if foreign_key_word(label) is not None or names_key_part(label):
        return True  # "Schlüssel", "sleuteldeel 1:", "Yksityinen avain, osa 1:"
    return None


def _topic_only(label: str) -> bool:
    """The only key word of ``label`` is the bare plural "keys": a subject ("Lesson: keys"),
    not the name of one value split in parts."""
    words = [w.lower() for w in WORD_RE.findall(label)]
    return "keys" in words and all(w == "keys" or w not in KEY_WORDS for w in words)


def _wrapped_groups(text: str) -> Iterator[list[tuple[int, int]]]:
    """Hex lines joined by wrap gaps only whose digits add up to exactly 64 (one value
    wrapped at any width, or its halves split by an escaped tab); two lines only across a
    written line continuation."""
    if "\n" not in text and "\\" not in text:
        return
    used = -1
    for s, e in runs(text, HEX, WRAP_LINE, max_len=64 - 1):
        if s < used or (s and text[s - 1] in _GLUE and text[s - 2 : s] not in ("0x", "0X")):
            continue
        group, total = [(s - 2 if text[s - 2 : s] in ("0x", "0X") else s, e)], e - s
        while total < 64:
            m = _NEXT_HEX_RE.match(text, group[-1][1])
            if m is None or group[-1][1] - group[-1][0] < WRAP_LINE:
                break
            group.append(m.span(1))
            total += m.end(1) - m.start(1)
        if total != 64 or _NEXT_HEX_RE.match(text, group[-1][1]) is not None:
            continue  # not 64 digits, or the wrapped value goes on past them
        continued = len(group) == 2 and _CONTINUED_RE.fullmatch(text, e, group[1][0]) is not None
        if (len(group) > 2 or continued) and (e >= len(text) or text[e] not in _GLUE):
            used = group[-1][1]
            yield group


def labelled_parts(text: str, parts: list[tuple[int, int]]) -> str:
    """Evidence when the labels before ``parts`` mark them as the parts of one secret (or
    they are concatenated literals behind a key-ish name), else ''. Shared with base58 and
    seed-word parts (:mod:`~aiegis_guard.scanners.split_secrets`)."""
    gaps = [text[parts[i - 1][1] : parts[i][0]] for i in range(1, len(parts))]
    if all(_CONCAT_RE.fullmatch(g) for g in gaps):  # "0x" + "ab.." + "cd.."
        kind, _ = key_context(text, parts[0][0], parts[-1][1])
        return "split:concatenated" if kind == "key" else ""
    if all(_WRAP_GAP_RE.fullmatch(g) for g in gaps):  # one value wrapped over lines
        kind, _ = key_context(text, parts[0][0], parts[-1][1])
        return "split:wrapped" if kind == "key" else ""
    if message_pieces(text, parts):  # one speaker's messages, a piece each: sent in pieces
        named = classify_words(text[max(0, parts[0][0] - KEY_REACH) : parts[0][0]])
        return "split:messages" if named is None or named[0] == "key" else ""
    labels = [_label(text, s, parts[i - 1][1] if i else 0) for i, (s, _) in enumerate(parts)]
    # a label of another script counting up ("Μέρος Α:" / "Μέρος Β:") is a part's whatever
    # its word; an ASCII one names its parts by the words above ("File 1:" / "File 2:" no)
    stem = sequence_stem(labels)
    counted = stem is not None and not stem.isascii() and foreign_hash_word(stem) is None
    strong = counted or all(names_part(lab) for lab in labels)
    if not strong and not all(names_part(lab) or PART_RE.search(lab) for lab in labels):
        return ""
    lead = text[max(0, parts[0][0] - KEY_REACH) : parts[0][0]]
    named = classify_words(lead + " " + " ".join(labels))  # the key / hash word nearest
    if named is None:  # "const a = '..'; const b = '..'; const pk = a + b"
        after = text[parts[-1][1] : parts[-1][1] + AFTER_REACH].split("\n", 2)
        named = classify_words("\n".join(after[:2]), nearest_last=False)
    if named is not None and named[0] == "key":
        return "split:labelled-parts"
    # a counting label of another script with no key word near ("Файл 1" / "Файл 2" over two
    # MD5 sums) names files or rows as often as parts: only part words stand alone (review20b F7)
    if named is None and all(names_part(lab) for lab in labels):
        return "split:labelled-parts"
    return ""


def _split_key(text: str, parts: list[tuple[int, int]], own: frozenset[str]) -> str:
    """Evidence when ``parts`` joined read as one key, else ''."""
    body = "".join(_body(text, p) for p in parts)
    if not 0 < int(body, 16) < SECP256K1_N or is_placeholder(body):
        return ""
    evidence = labelled_parts(text, parts)
    if evidence or not own:
        return evidence
    from aiegis_guard.keys.evm import address_of

    return "split:derives-to-own-address" if address_of(bytes.fromhex(body)) in own else ""


def find_split_keys(text: str, own: frozenset[str]) -> list[Finding]:
    """A key written as 2-4 labelled (or concatenated) hex parts: every part, BLOCK."""
    found: list[Finding] = []
    used = -1
    for parts in [*_groups(text, _fragments(text)), *_wrapped_groups(text)]:
        if parts[0][0] < used:
            continue
        evidence = _split_key(text, parts, own)
        if evidence:
            for p in parts:
                found.append(key_finding(p, text[p[0] : p[1]], "pattern:hex-parts", evidence))
            used = parts[-1][1]
    return found


def base64_runs(text: str) -> list[tuple[int, int]]:
    """Runs of 42-200 base64 characters: every base64 form here is found among them."""
    return list(runs(text, BASE64, 42, max_len=200))


def find_base64_keys(text: str, spans: list[tuple[int, int]] | None = None) -> list[Finding]:
    """32 raw key bytes in base64 behind a key-ish label: BLOCK. ``spans``: the text's
    :func:`base64_runs`, when the caller has them."""
    found: list[Finding] = []
    for s, e in base64_runs(text) if spans is None else spans:
        if e - s > 44:
            continue
        end = e + 1 if text[e : e + 1] == "=" else e
        if end - s not in (43, 44) or (s and text[s - 1] in BASE64.chars):
            continue
        token = text[s:end]
        if end - s == 43 and not _unpadded_b64url(token):
            continue
        try:
            padded = token.replace("-", "+").replace("_", "/") + "=" * (end - s == 43)
            raw = base64.b64decode(padded, validate=True)
        except (binascii.Error, ValueError):
            continue
        if len(raw) != 32 or not 0 < int.from_bytes(raw, "big") < SECP256K1_N:
            continue
        kind, evidence = key_context(text, s, end)
        if kind == "key":
            found.append(key_finding((s, end), token, "pattern:base64-32", evidence))
    return found


def _unpadded_b64url(token: str) -> bool:
    """43 characters of base64url (as JWKs and URLs write 32 bytes, unpadded) that look random:
    not a path (``/``), not hex (``0x000..01``), not a word run."""
    return (
        "/" not in token
        and "+" not in token
        and len(set(token)) >= 16
        and not HEX.chars.issuperset(token.removeprefix("0x"))
    )


def wrapped_base64(
    text: str, spans: list[tuple[int, int]] | None = None
) -> Iterator[tuple[tuple[int, int], str]]:
    """Base64 wrapped over lines (``base64`` wraps at 76 columns; a YAML ``|`` block):
    (span of the block, the label before it + " " + the decoded text) for every block that
    decodes to readable text. Single-line blocks are the normaliser's job."""
    if "\n" not in text:
        return
    covered = 0
    for start, end in base64_runs(text) if spans is None else spans:
        if (
            not WRAP_MIN <= end - start <= 120
            or start < covered
            or text[end : end + 1] not in ("\n", "\r")
        ):
            continue
        m = _WRAPPED_RE.match(text, start)
        if m is None:
            continue
        joined = "".join(m.group().split())
        try:
            decoded = base64.b64decode(joined + "=" * (-len(joined) % 4), validate=True)
            inner = decoded.decode("utf-8")
        except (binascii.Error, ValueError):
            continue
        covered = m.end()
        if all(c.isprintable() or c in "\n\r\t" for c in inner):
            label = text[max(0, start - WINDOW) : start]
            yield (start, m.end()), label + " " + inner


def _labelled_origin(layer: Layer) -> tuple[Layer, tuple[int, int]] | None:
    """The ancestor text and span the block came from; a block that is the whole of a decoded
    block (base64 of base64) is followed up to where a label can stand."""
    parent, origin = layer.parent, layer.origin
    while (
        parent is not None
        and parent.parent is not None
        and parent.origin is not None
        and origin is not None
        and origin[0] <= 2
        and origin[1] >= len(parent.text.rstrip()) - 2
    ):
        parent, origin = parent.parent, parent.origin
    if parent is None or origin is None:
        return None
    return parent, origin


def _secret_manifest(text: str) -> bool:
    return "Secret" in text and _SECRET_KIND_RE.search(text) is not None


def in_secret_manifest(text: str, found: list[Finding]) -> list[Finding]:
    """In a Kubernetes ``Secret`` (``stringData:``), a 64-hex value without context is a key:
    the INFO candidates become BLOCK findings."""
    if not any(f.rule_id == RULE_CANDIDATE for f in found) or not _secret_manifest(text):
        return found
    out: list[Finding] = []
    for f in found:
        value = text[f.span[0] : f.span[1]] if f.span is not None else ""
        if f.rule_id == RULE_CANDIDATE and f.span and not is_placeholder(value[-64:]):
            f = key_finding(f.span, value, "pattern:hex64", "context:kubernetes-secret")
        out.append(f)
    return out


def with_parent_label(layer: Layer, own: frozenset[str], derive: bool) -> list[Finding]:
    """Hex keys of a decoded block read with the label standing before the block; a lone
    64-hex value decoded from the ``data`` of a Kubernetes ``Secret`` is a key whatever its
    name (a Secret holds nothing public), and one decoded from a record's generic ``data`` /
    ``value`` field is named by the record's name (:func:`.key_records.record_name`)."""
    found_in = _labelled_origin(layer)
    if found_in is None or len(layer.text) > LABELLED_BLOCK_MAX:
        return []
    parent, origin = found_in
    prefix = parent.text[max(0, origin[0] - WINDOW) : origin[0]] + " "
    shift = len(prefix)
    found = [
        f.with_span(f.span[0] - shift, f.span[1] - shift)
        for f in find_evm_keys(prefix + layer.text, own, derive_hashes=derive)
        if f.span is not None and f.span[0] >= shift and f.action is Action.BLOCK
    ]
    value = layer.text.strip()
    lone = _LONE_HEX_RE.fullmatch(value)
    if found or lone is None or is_placeholder(lone.group(1)):
        return found
    if not 0 < int(lone.group(1), 16) < SECP256K1_N:
        return []
    start = layer.text.find(value)
    span = (start, start + len(value))
    if _secret_manifest(parent.text):
        return [key_finding(span, value, "pattern:hex64", "context:kubernetes-secret")]
    named = record_name(parent.text, origin[0])  # {"name": "../signer-key/..", "payload":
    if named is not None and named[0] == "key":  # {"data": "<base64>"}}: GCP's API
        return [key_finding(span, value, "pattern:hex64", named[1])]
    return []
