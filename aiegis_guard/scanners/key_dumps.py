"""A key file shown as a hex dump: ``xxd signer.key``, ``hexdump -C``, ``od -A x -t x1``.

Called by :mod:`aiegis_guard.scanners.wallet_keys`. A dump prints a file 16 bytes a line after
its offset (``00000000: 7971 f389 …  ................``; a hex editor's copy, HxD's, under
its ``Offset(h) 00 01 ..`` column header); the bytes of a dump that starts at
offset 0 and holds exactly 32 bytes are read as one value, and the words before it (the
command and the file's name: ``xxd signer.key``) name it as the hex key's context would.
"""

from __future__ import annotations

import re

from aiegis_guard.lazyre import LazyPattern

__all__ = ["dumped_values"]

# offset, then hex in pairs (hexdump -C, od) or fours (xxd), then the printable column (a hex
# editor's copy has none)
LINE_RE = LazyPattern(
    r"^[ \t]*([0-9a-fA-F]{6,8}):?[ \t]+"
    r"((?:[0-9a-fA-F]{2}(?:[0-9a-fA-F]{2})?(?:[ \t]{1,2}|(?=\r?$))){1,16})"
    r"(?:[ \t]*[|>].*|[ \t]+\S.*)?$",
    re.MULTILINE,
)
KEY_BYTES = 32
MAX_LINES = 3  # 32 bytes: two full lines (and hexdump's closing offset line)
# a hex editor's column header above the dump (HxD: "Offset(h) 00 01 02 .. 0F"): part of it,
# so the words naming the file are read before the header
HEADER_RE = LazyPattern(
    r"[ \t]*Offset\(h\)(?:[ \t]+[0-9A-Fa-f]{2}){8,16}[ \t]*\r?\n(?:[ \t]*\r?\n)?$"
)
HEADER_REACH = 80  # characters of the header and the blank line under it
# the first line's offset as xxd, hexdump -C and od print it
ZERO_OFFSETS = ("00000000:", "00000000  ", "0000000 ", "000000 ")


def dumped_values(text: str) -> list[tuple[tuple[int, int], bytes]]:
    """(span of the dump, its bytes) for each dump from offset 0 that holds exactly 32 bytes;
    found from the offset-0 lines (C-speed ``find``), then read line by line."""
    out: list[tuple[tuple[int, int], bytes]] = []
    for zero in ZERO_OFFSETS:
        at = text.find(zero)
        while at >= 0:
            line_start = text.rfind("\n", 0, at) + 1
            if not text[line_start:at].strip():
                hit = _dump_at(text, line_start)
                if hit is not None:
                    hit = (_header_start(text, hit[0]), hit[1])
                out += [hit] if hit is not None and hit not in out else []
            at = text.find(zero, at + len(zero))
    return out


def _dump_at(text: str, pos: int) -> tuple[tuple[int, int], bytes] | None:
    raw = b""
    first = last = None
    for _ in range(MAX_LINES):
        m = LINE_RE.match(text, pos)
        if m is None or int(m.group(1), 16) != len(raw):
            break
        raw += bytes.fromhex(re.sub(r"\s", "", m.group(2)))
        first = m if first is None else first
        last = m
        pos = m.end() + 1
    if first is None or last is None or len(raw) != KEY_BYTES:
        return None
    return (first.start(), last.end()), raw


def _header_start(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """The dump's span, from its column header when a hex editor printed one above it."""
    lo = max(0, span[0] - HEADER_REACH)
    m = HEADER_RE.search(text, lo, span[0])
    return (m.start(), span[1]) if m is not None and m.end() == span[0] else span
