"""A 64-hex value under a generic field name: the record around it says what it is.

Called by :mod:`aiegis_guard.scanners.evm_keys`. Some labels name no kind of value, only a
slot of a record; the record decides instead:

* **A secret store's record** (:func:`record_name`): ``aws ssm get-parameter`` prints
  ``{"Name": "/prod/bridge/signer_key", "Type": "SecureString", "Value": "0x.."}``, ``az
  keyvault secret show`` ``{"name": "hot-signer", .., "value": ".."}``, GCP's API
  ``{"name": "projects/p/secrets/signer-key/..", "payload": {"data": ".."}}``, a Kubernetes
  env entry or a 1Password / Bitwarden custom field ``{"label" / "name": .., "value": ..}``,
  also as YAML (``- name: signer_key`` / ``  value: 0x..``) and as a vertical table
  (``--output table``: ``| Name | /prod/signer_key |`` above ``| Value | 0x.. |``). Under a
  ``value`` / ``data`` / ``payload`` field, the record's *name* field (``name``, ``label``,
  ``title``, ``key``, ``secretName``, ``id``; nested objects excluded, the parent record's one
  level up) is read as the value's label: its key or hash word decides
  ("/chain/genesis-hash" is a hash). A name without either says nothing: the caller goes on
  as before (the field's word, derivation, a bare value).
* **A log record** (:func:`log_record`): a logger's field named just ``key`` (logfmt
  ``key=..`` on a line with a level, a timestamp or ``msg=``; a JSON logger's ``"key":
  ".."``) is a slot, like ``id``: a correlation id, a cache or idempotency key as often as a
  signer's. The record's other *values* (its event or message, the logger's name, other
  fields' values; not the other fields' names, such as ``chain_id``) decide, failing closed
  (review19b S1: the words are the leaker's, ``msg="block hash"`` costs nothing): a key word
  in any value (``signer``, ``private``, ``credentials``...) makes it a key whatever hash
  words stand beside it (``{"event": "signer configured", "key": "0x..", "logger":
  "relayer.signer"}``); hash words alone a hash; none, a slot flagged for review
  (``INFO:api.middleware:req key=<hex> path=/wallets/balance status=200``: FLAG
  ``secret.evm_key_slot``; derived when an address is in the text). A ``key=`` outside a log
  line (a ``.env`` line, a command's argument) is named by its label, as before.
"""

from __future__ import annotations

import re

from aiegis_guard.scanners.key_words import WORD_RE, classify_window

__all__ = ["GENERIC_VALUES", "SLOT_EVIDENCE", "log_record", "record_name"]

RECORD_REACH = 1200  # characters each side of a value searched for its record's braces
LINE_REACH = 600  # characters of a log line read each side of a value
GENERIC_VALUES = frozenset(("value", "data", "payload"))
MAX_KEY_WORD_CHECKS = 16  # key words of a value read in their context ("public key", "not the key")
SLOT_EVIDENCE = "record:key-slot"  # a log line's key= that no value of the line names
# the fields that name a record, the surest first (Key Vault's "id" is a URL ending in a version)
_NAME_ORDER = ("name", "secretname", "parametername", "label", "title", "key", "secretid", "id")
_NAMES = r"name|key|label|title|secret_?name|secret_?id|parameter_?name|id"
# the field right before the value: "Value": ", value: , VALUE=
_FIELD_RE = re.compile(r"""["']?([A-Za-z_]+)["']?[ \t]*[:=][ \t]*["']?$""")
_JSON_NAME_RE = re.compile(rf"""(?i)"({_NAMES})"\s*:\s*"([^"\n]{{1,200}})\"""")
_TABLE_VALUE_RE = re.compile(r"(?i)[ \t]*\|[ \t]*(?:value|data|payload)[ \t]*\|[ \t]*")
_TABLE_NAME_RE = re.compile(r"(?i)\|[ \t]*(?:name|label|title)[ \t]*\|[ \t]*([^|]{1,200}?)[ \t]*\|")
_YAML_LINE_RE = re.compile(r"^([ \t]*)(- )?([A-Za-z_]+):[ \t]*(.*)$")
_YAML_NAME_RE = re.compile(rf"(?i)^(?:{_NAMES})$")
# the generic key label of a log record: logfmt key= after a space or at a line's start (no
# space around "=": a config's "key = .." is a setting's name; "?key=" is a link's parameter)
# or a JSON field "key":
_LOG_KEY_RE = re.compile(r"""(?:(?<![^ \t\n])key=|"key"\s*:\s*)["']?$""")
# what makes a line a logger's record: a level, a timestamp, a time of day
_LOG_LINE_RE = re.compile(
    r"\b(?:TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL|CRITICAL|NOTICE|trace|debug|info|warn|"
    r"warning|error|fatal|critical)\b|\b(?:level|lvl|ts|time|msg)=|\d\d:\d\d:\d\d"
)
# other fields' names: "chain_id": / level= (the value after them is read)
_FIELD_NAME_RE = re.compile(r""""[\w.-]{1,40}"\s*:|(?<![^\s,{])[\w.-]{1,40}=""")


def _label(text: str, start: int) -> str | None:
    m = _FIELD_RE.search(text, max(0, start - 40), start)
    return m.group(1).lower() if m is not None else None


def _object(text: str, start: int) -> tuple[int, int] | None:
    """Span of the innermost ``{..}`` holding ``start`` (braces counted, strings not
    parsed), within ``RECORD_REACH`` each side (to the reach or the end, unclosed). Jumps
    from brace to brace (``str.find``)."""
    lo, at, depth = max(0, start - RECORD_REACH), start, 0
    while True:
        opening, closing = text.rfind("{", lo, at), text.rfind("}", lo, at)
        if opening < 0:
            return None
        if closing > opening:
            depth, at = depth + 1, closing
        elif depth:
            depth, at = depth - 1, opening
        else:
            break
    first = opening
    hi, at, depth = min(len(text), start + RECORD_REACH), start, 0
    while True:
        opening, closing = text.find("{", at, hi), text.find("}", at, hi)
        if closing < 0:
            return first, hi  # cut before it closes (a tool's output truncated)
        if 0 <= opening < closing:
            depth, at = depth + 1, opening + 1
        elif depth:
            depth, at = depth - 1, closing + 1
        else:
            return first, closing + 1


def _json_name(text: str, start: int) -> str | None:
    """The name field of the JSON object holding the value (not of an object nested in it:
    a "tags" object's "name" is not its), or of its parent object."""
    span = _object(text, start)
    for _ in range(2):
        if span is None:
            return None
        lo, hi = span
        names = {
            m.group(1).lower().replace("_", ""): m.group(2)
            for m in _JSON_NAME_RE.finditer(text, lo, hi)
            if text.count("{", lo + 1, m.start()) == text.count("}", lo + 1, m.start())
        }
        if names:
            return next(names[n] for n in _NAME_ORDER if n in names)
        span = _object(text, lo)
    return None


def _yaml_name(text: str, start: int) -> str | None:
    """The ``name:`` line of the YAML mapping holding the value's line."""
    line_start = text.rfind("\n", 0, start) + 1
    own = _YAML_LINE_RE.match(text[line_start : text.find("\n", start) % (len(text) + 1)])
    if own is None:
        return None
    indent = len(own.group(1)) + (2 if own.group(2) else 0)
    end, seen = line_start - 1, 0
    while end > 0 and seen < 32:
        begin = text.rfind("\n", 0, end) + 1
        m = _YAML_LINE_RE.match(text[begin:end])
        end, seen = begin - 1, seen + 1
        if m is None:
            continue
        level = len(m.group(1)) + (2 if m.group(2) else 0)
        if level < indent:
            return None
        if level == indent and _YAML_NAME_RE.match(m.group(3)) and m.group(4):
            return m.group(4)
        if m.group(2) and level == indent:
            return None  # the list item's first line: the mapping starts here
    return None


def _table_name(text: str, start: int) -> str | None:
    """The ``| Name | .. |`` row of the vertical table (``--output table``) whose ``| Value |``
    row holds the value."""
    line = text.rfind("\n", 0, start) + 1
    if _TABLE_VALUE_RE.fullmatch(text, line, start) is None:
        return None
    end, seen = line - 1, 0
    while end > 0 and seen < 32:
        begin = text.rfind("\n", 0, end) + 1
        row = text[begin:end].strip()
        if not row.startswith(("|", "+")):
            return None
        m = _TABLE_NAME_RE.match(row)
        if m is not None:
            return m.group(1)
        end, seen = begin - 1, seen + 1
    return None


def record_name(text: str, start: int) -> tuple[str, str] | None:
    """("key" | "hash", evidence) from the name of the record whose ``value`` / ``data`` /
    ``payload`` field holds the value at ``start`` (``0x`` included), else None."""
    if _label(text, start) not in GENERIC_VALUES:
        name = _table_name(text, start) if "|" in text else None
        named = classify_window(name, nearest_last=True) if name else None
        return (named[0], f"record:{named[1]!r}") if named is not None else None
    name = _json_name(text, start) if "{" in text else None
    name = name or _yaml_name(text, start)
    named = classify_window(name, nearest_last=True) if name else None
    return (named[0], f"record:{named[1]!r}") if named is not None else None


def log_record(text: str, start: int, end: int) -> tuple[str, str] | None:
    """("key" | "hash" | "bare", evidence) for a value under a log record's generic ``key``
    field, from the record's other values; None when the label is not such a field."""
    m = _LOG_KEY_RE.search(text, max(0, start - 12), start)
    if m is None:
        return None
    if m.group().startswith('"'):  # a JSON record: its object
        span = _object(text, start)
        if span is None:
            return None
        lo, hi = span
    else:  # a log line
        lo = max(text.rfind("\n", max(0, start - LINE_REACH), start) + 1, start - LINE_REACH)
        hi = text.find("\n", end, end + LINE_REACH)
        hi = min(len(text), end + LINE_REACH) if hi < 0 else hi
        if _LOG_LINE_RE.search(text, lo, hi) is None:
            return None  # a config's key=.., a command's argument: the label names it
    record = text[lo : m.start()] + " " + text[end:hi]
    record = _FIELD_NAME_RE.sub("\n", record)  # each field's value read alone
    hashes = False
    for piece in re.split(r"[\n,{}]", record):
        if not piece.strip():
            continue
        if _names_key(piece):  # fail closed: a key word anywhere wins over any hash words
            return "key", "record:key-words"
        found = classify_window(piece, nearest_last=True)
        hashes = hashes or (found is not None and found[0] == "hash")
    if hashes:
        return "hash", "record:hash-words"
    if m.group().startswith('"'):
        return None  # a JSON "key" field: the object's nearest words, as before
    return "bare", SLOT_EVIDENCE  # a key= slot no word names: flagged, never silently passed


def _names_key(piece: str) -> bool:
    """Any word of ``piece`` reads as a key's name (each word judged as the nearest one, so
    a hash word after it, "signer tx hash", does not hide it)."""
    words, checks = list(WORD_RE.finditer(piece)), MAX_KEY_WORD_CHECKS
    for i, w in enumerate(words):  # first the word with its neighbours ("wallet blob", "sign(")
        near = piece[words[i - 1].start() if i else w.start() : w.end() + 2]
        alone = classify_window(near, nearest_last=True)
        if alone is None or alone[0] != "key":
            continue
        if not checks:
            return True  # a record stuffed with negated key words: fail closed, bounded work
        checks -= 1
        found = classify_window(piece[max(0, w.start() - 64) : w.end()], nearest_last=True)
        if found is not None and found[0] == "key":
            return True
    return False
