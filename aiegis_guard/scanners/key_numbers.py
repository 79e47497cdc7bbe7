"""EVM private keys written as numbers rather than one hex token.

Called by :mod:`aiegis_guard.scanners.wallet_keys`.

* **Grouped hex**: the 32 key bytes in groups, ``ac 09 74 be ..``, ``ac:09:74:..``, a
  Solidity ``hex"..._..."`` literal (underscores), a Windows ``.reg`` ``REG_BINARY`` value
  (``hex:ac,09,..,`` and a backslash, continued on the next line), groups of 2, 4 or 8
  digits separated by a comma and a space or by the commas of other scripts (``،``, ``、``)
  or an emoji, or OpenSSL's ``priv:``
  dump (``openssl ec -text`` on a secp256k1 key: 15 colon-separated bytes a line, a leading
  ``00`` when the high bit is set). 64 grouped bytes whose public half re-derives from the
  seed are a Solana keypair (a debugger's ``2E:45:..`` copy): certain, no context needed.
  Percent-escaped bytes (``pk=%ac%09%74..``, a URL or form value) are groups too, unless they
  spell UTF-8 text (an escaped query in another script).
* **Few groups**: the key cut by its carrier into 2-8 groups of 8 or more digits at one width
  (spaces or colons, one kind throughout; a terminal's wrap, a copy in groups), behind a key's own
  singular label (a line listing "key ids" holds many values).
* **Decimal**: the key as an integer (``PRIVATE_KEY=8945..``, 70-78 digits), which Foundry's
  ``vm.envUint`` and most CLIs accept as well as hex.

Both take the same context rule as a hex key (:func:`evm_keys.key_context`): blocked behind a
key-ish label, a loader call or a key-import RPC, never on their own (a hex dump of calldata
or a 77-digit number in a proof is not a key). Candidates are found at C speed: a run of 95+
characters of hex digits and separators, a run of 70+ digits.
"""

from __future__ import annotations

import re
import string

from aiegis_guard.charclass import DIGIT, HEX, CharClass, runs, view
from aiegis_guard.findings import Finding
from aiegis_guard.keys.evm import SECP256K1_N
from aiegis_guard.scanners.evm_keys import is_placeholder, key_context, key_finding
from aiegis_guard.scanners.key_checks import solana_keypair
from aiegis_guard.scanners.key_words import classify_window

__all__ = ["find_number_keys"]

GROUPED = CharClass("hex-grouped", string.hexdigits + " :-_,%\\\r\n\t")
WIDE_GROUPED = CharClass("hex-grouped-wide", "".join(GROUPED.chars) + "?")  # "?": non-ASCII
MIN_GROUPED = 64 + 7  # 64 digits in eight groups of eight, or more groups
# a separator: one of " :_,%-", a comma and a space, or a line break (a .reg value's
# backslash); groups of 2, 4 or 8 digits
_GROUPS_RE = re.compile(
    r"[0-9a-fA-F]{2,8}(?:(?:[ :_%\-]|[ \t]?,[ \t]?|[:,]?\\?\r?\n[ \t]*)[0-9a-fA-F]{2,8}){3,70}"
)
# separators of other scripts and symbols read as a comma (the Arabic / Persian comma, the
# ideographic and fullwidth commas, an emoji between groups), emoji modifiers as a space:
# one character each, offsets kept
_WIDE_SEPARATOR_RE = re.compile(
    "[\u060c\u3001\uff0c\u2022\u00b7\u2010-\u2015\U0001f000-\U0001faff]"
)
_WIDE_GLUE_RE = re.compile("[\ufe0f\u200d]")
_HEXDIGITS = frozenset(string.hexdigits)
_GROUP_SEPARATORS = " :-_,%\n"  # one of them in each separator of _GROUPS_RE


def _ascii_separators(text: str) -> str:
    """``text`` with the separators of other scripts as ASCII ones (same length), only in the
    runs of hex digits, separators and non-ASCII characters long enough to hold a key (found
    at C speed on a class view: a page of prose in another script is not walked)."""
    if text.isascii():
        return text
    pieces, done = [], 0
    digits = view(text, HEX)  # b where a hex digit stands: a key's run holds 64 of them
    for start, end in runs(text, WIDE_GROUPED, MIN_GROUPED):
        part = text[start:end]
        if digits.count(b"b", start, end) >= 64 and not part.isascii():
            wide = _WIDE_GLUE_RE.sub(" ", _WIDE_SEPARATOR_RE.sub(",", part))
            pieces += [text[done:start], wide]
            done = end
    return "".join([*pieces, text[done:]]) if pieces else text


def _grouped(text: str) -> list[Finding]:
    found: list[Finding] = []
    original, text = text, _ascii_separators(text)
    for start, end in runs(text, GROUPED, MIN_GROUPED, max_len=600):
        run = text[start:end]
        if sum(map(run.count, _GROUP_SEPARATORS)) < 3:
            continue  # a hash or a blob: the groups need 3 separators (the search costs ~0.1 ms)
        m = _GROUPS_RE.search(text, start, end)
        if m is None or not _regular(m.group()):
            continue
        digits = "".join(c for c in m.group() if c in _HEXDIGITS)
        if len(digits) == 128:
            value = original[m.start() : m.end()]
            hit = solana_keypair(bytes.fromhex(digits), m.span(), value, "hex-grouped")
            found += [hit] if hit is not None else []
            continue
        if len(digits) == 66 and digits[:2] == "00":
            digits = digits[2:]  # OpenSSL's sign byte
        if len(digits) != 64 or not 0 < int(digits, 16) < SECP256K1_N or is_placeholder(digits):
            continue
        if "%" in m.group() and _utf8_text(bytes.fromhex(digits)):
            continue  # ?q=%E4%BD%A0..: escaped text, not key bytes
        kind, evidence = key_context(original, m.start(), m.end())
        if kind == "key":
            value = original[m.start() : m.end()]
            found.append(key_finding(m.span(), value, "pattern:hex-grouped", evidence))
    return found


# a key its carrier cut into 2-8 groups of 8+ digits, not labelled as parts (a terminal's
# wrap, a copy in groups: "4f3a9c12… 7be0d5e1…"): one separator throughout, spaces or colons,
# cut at one width (the last group may be shorter)
_FEW_GROUPS_RE = re.compile(
    r"(?<![0-9A-Za-z])(?:0x)?[0-9a-fA-F]{8,56}([ :])[0-9a-fA-F]{8,56}(?:\1[0-9a-fA-F]{8,56}){0,6}"
    r"(?![0-9A-Za-z])"
)
# a hex token joined by the same separator just before or after a match: the value goes on
# (a compressed public key's "02" or its 2-digit tail, a signature's ninth group); a group
# holds a decimal digit, or is 2 or 8+ digits long (not a word: "a", "add", "decade")
_TOKEN_BEFORE_RE = re.compile(r"(?<![0-9A-Za-z])(?:0x)?([0-9a-fA-F]+)([ :])$")
_TOKEN_AFTER_RE = re.compile(r"([ :])([0-9a-fA-F]+)(?![0-9A-Za-z])")
# a list of many values on the label's line ("key ids:", "keys:", "fingerprints:"): each
# group is a value of its own, not a part of one key (review20b F5)
_MANY_RE = re.compile(r"(?i)\b(?:ids?|keys|fingerprints?|kids)\b")


def _few_groups(text: str, taken: list[Finding]) -> list[Finding]:
    """A key in 2-8 groups of 8+ digits behind a key's own (singular) label: BLOCK."""
    found: list[Finding] = []
    for start, end in runs(text, GROUPED, 65, max_len=600):
        for m in _FEW_GROUPS_RE.finditer(text, max(0, start - 2), end):
            groups = re.split("[ :]", m.group().removeprefix("0x"))
            digits = "".join(groups)
            if len(digits) != 64 or not 0 < int(digits, 16) < SECP256K1_N:
                continue
            if len({len(g) for g in groups[:-1]}) > 1 or len(groups[-1]) > len(groups[0]):
                continue  # not cut at one width (a hash, an id and a tag side by side)
            if _longer_value(text, m):
                continue  # a grouped run longer than a key is not one
            if is_placeholder(digits) or _taken(m.span(), taken):
                continue
            line = text[text.rfind("\n", 0, m.start()) + 1 : m.start()]
            kind, evidence = key_context(text, m.start(), m.end())
            if kind == "key" and _MANY_RE.search(line) is None:
                found.append(key_finding(m.span(), m.group(), "pattern:hex-split", evidence))
    return found


def _longer_value(text: str, m: re.Match[str]) -> bool:
    """A hex group joined by the match's own separator before or after it: the grouped
    value goes on past the 64 digits (a 33-byte public key, a 65-byte signature)."""
    before = _TOKEN_BEFORE_RE.search(text, max(0, m.start() - 66), m.start())
    after = _TOKEN_AFTER_RE.match(text, m.end())
    return any(
        t is not None and t.group(sep) == m.group(1) and _is_group(t.group(digits))
        for t, sep, digits in ((before, 2, 1), (after, 1, 2))
    )


def _is_group(token: str) -> bool:
    return len(token) == 2 or len(token) >= 8 or any(c.isdigit() for c in token)


def _utf8_text(raw: bytes) -> bool:
    try:
        return raw.decode("utf-8").isprintable()
    except UnicodeDecodeError:
        return False


def _regular(value: str) -> bool:
    """All groups one size (the last may be shorter): bytes, words, not a text of hex-ish words."""
    sizes = {len(g) for g in re.split(r"[\s:_,%\\\-]+", value.strip()) if g}
    # (not 16: four 16-digit ids near "key" are GPG / HSM key ids: review20b F5)
    return len(sizes) <= 2 and min(sizes) >= 2 and max(sizes) in (2, 4, 8)


def _decimal(text: str) -> list[Finding]:
    found: list[Finding] = []
    for start, end in runs(text, DIGIT, 70, max_len=78):
        if (start and text[start - 1] in ".,_") or text[end : end + 1] in (".", ",", "_"):
            continue  # a fraction or a grouped figure
        value = int(text[start:end])
        if not 0 < value < SECP256K1_N:
            continue
        kind, evidence = key_context(text, start, end)
        if kind == "key":
            found.append(key_finding((start, end), text[start:end], "pattern:decimal", evidence))
    return found


# a line of a memory dump: an offset (an address), then up to 32 bytes as 2-digit columns
# (lldb ``memory read``, ``hexdump -C``, ``od -A x -t x1``), 4-digit groups (``xxd``) or
# ``0x``-prefixed bytes (gdb ``x/32xb``), then the dump's ASCII column, if any
_DUMP_LINE_RE = re.compile(
    r"(?m)^[ \t]*(?P<off>(?:0x)?[0-9a-fA-F]{4,16}):?(?:[ \t]+<[^>\n]{1,64}>:)?[ \t]+"
    r"(?P<cols>(?:0x)?[0-9a-fA-F]{2}(?:[ \t]{1,2}(?:0x)?[0-9a-fA-F]{2}){1,31}"
    r"|[0-9a-fA-F]{4}(?: [0-9a-fA-F]{4}){1,15})(?:[ \t]{2,}[^\n]{0,40})?[ \t]*\r?$"
)
DUMP_LOOKBACK = 240  # characters above a dump read for the name of what it dumps
# the dumping command's own words (lldb's "memory read", gdb's "x/32xb", xxd, hexdump, od)
_DUMP_COMMAND_RE = re.compile(r"(?i)\bmemory read\b|\bx/\d*[xb]{1,2}\b|\b(?:xxd|hexdump|od)\b")
_HEX_PAIR_RE = re.compile(r"[0-9a-fA-F]{2}")
# the class view of a dump's columns: "h" a hex digit (or gdb's "x"), "s" a blank
_DUMP_VIEW = bytes(
    ord("h") if chr(i) in string.hexdigits + "x" else ord("s") if chr(i) in " \t" else ord(".")
    for i in range(256)
)
# eight 2-digit columns or four 4-digit ones, each after a blank: the pattern's literal start
# ("shh") is searched at C speed, and a blank is rare in hex-dense text (a bytes.find of the
# whole needle shifts by one at each "h" there: ~3 ms a megabyte of RPC JSON)
_COLUMNS_RE = re.compile(rb"shh(?:(?:shh){7}s|hh(?:shhhh){3}s)")
_ADDRESS_RE = re.compile(r"\b0x[0-9a-fA-F]{4,16}\b")


def _dump_bytes(m: re.Match[str]) -> bytes:
    return bytes.fromhex("".join(_HEX_PAIR_RE.findall(m.group("cols").replace("0x", " "))))


def _dump_runs(text: str) -> list[tuple[int, int, int, bytes]]:
    """(start, end, first offset, bytes) of each run of dump lines on consecutive lines whose
    offsets go on by the bytes of the line before (a dump's structure: a table of hex words
    is not one)."""
    found: list[tuple[re.Match[str], re.Match[str], bytes]] = []  # (first line, last, bytes)
    next_offset = -1
    for m in _DUMP_LINE_RE.finditer(text):
        row = _dump_bytes(m)
        offset = int(m.group("off"), 16)
        if found and m.start() == found[-1][1].end() + 1 and offset == next_offset:
            first, _last, data = found[-1]
            found[-1] = (first, m, data + row)
        else:
            found.append((m, m, row))
        next_offset = offset + len(row)
    return [
        (first.start("cols"), last.end("cols"), int(first.group("off"), 16), data)
        for first, last, data in found
    ]


def _may_hold_dump(text: str) -> bool:
    """Cheap gate: eight byte columns in a row (``ae b0 3d ..``), or four groups of four
    digits (xxd's ``aeb0 3d47 ..``, gdb's ``0xae\t0xb0 ..``), found by a literal search of
    the text's class view at C speed (a hash or calldata has no blanks, prose no such run)."""
    return _COLUMNS_RE.search(text.encode("ascii", "replace").translate(_DUMP_VIEW)) is not None


def _dump_name(text: str, start: int, address: int) -> tuple[str, str] | None:
    """What a dump at ``start`` dumps, by name: the words of its command (``x/32xb
    &priv_key``; the command's own words blanked), else a line above that shows the dumped
    address beside a name (lldb's ``key = 0x0000600003a1c040 32 bytes``)."""
    line = text.rfind("\n", 0, start)
    above = text.rfind("\n", 0, max(0, line)) + 1
    command = _DUMP_COMMAND_RE.sub(" ", text[above : max(0, line)])
    named = classify_window(_ADDRESS_RE.sub(" ", command), nearest_last=True)
    if named is not None:
        return named
    lo = max(0, above - DUMP_LOOKBACK)
    for m in _ADDRESS_RE.finditer(text, lo, above):
        if int(m.group(), 16) == address:
            holder = text[text.rfind("\n", 0, m.start()) + 1 : m.start()]
            return classify_window(holder, nearest_last=True)
    return None


def _dumped(text: str) -> list[Finding]:
    """A key's 32 bytes in a memory dump (lldb ``memory read``, ``xxd``, ``hexdump -C``, gdb
    ``x/32xb``), over one line or more, named by the key-ish name above it (the variable or
    buffer dumped) or passed on; 64 bytes whose public half re-derives are a keypair."""
    if not _may_hold_dump(text):
        return []
    found: list[Finding] = []
    for start, end, address, data in _dump_runs(text):
        value = text[start:end]
        if len(data) == 64:
            hit = solana_keypair(data, (start, end), value, "hex-dump")
            found += [hit] if hit is not None else []
            continue
        if len(data) != 32 or not 0 < int.from_bytes(data, "big") < SECP256K1_N:
            continue
        if is_placeholder(data.hex()):
            continue
        kind, evidence = key_context(text, start, end)
        if kind != "key":  # "memory read ..": the dump's own command names nothing
            named = _dump_name(text, start, address)
            if named is not None:
                kind, evidence = named[0], f"dump-of:{named[1]!r}"
        if kind == "key":
            found.append(key_finding((start, end), value, "pattern:hex-dump", evidence))
    return found


def find_number_keys(text: str) -> list[Finding]:
    """Keys as grouped hex bytes, a memory dump or a decimal integer, behind key context."""
    grouped = _grouped(text)
    taken = grouped + _few_groups(text, grouped)
    dumped = [f for f in _dumped(text) if f.span is None or not _taken(f.span, taken)]
    return taken + dumped + _decimal(text)


def _taken(span: tuple[int, int], taken: list[Finding]) -> bool:
    """Does ``span`` overlap a finding already made?"""
    return any(f.span and f.span[0] < span[1] and span[0] < f.span[1] for f in taken)
