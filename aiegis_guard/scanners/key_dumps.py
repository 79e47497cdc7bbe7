"""A key file shown as a hex dump: ``xxd signer.key``, ``hexdump -C``, ``od -A x -t x1``.

Called by :mod:`aiegis_guard.scanners.wallet_keys`. A dump prints a file 16 bytes a line after
its offset (``00000000: 7971 f389 …  ................``); the bytes of a dump that starts at
offset 0 and holds exactly 32 bytes are read as one value, and the words before it (the
command and the file's name: ``xxd signer.key``) name it as the hex key's context would.
"""

from __future__ import annotations

import re

from aiegis_guard.lazyre import LazyPattern

__all__ = ["dumped_values"]

# offset, then hex in pairs (hexdump -C, od) or fours (xxd), then the printable column
LINE_RE = LazyPattern(
    r"^[ \t]*([0-9a-fA-F]{6,8}):?[ \t]+((?:[0-9a-fA-F]{2}(?:[0-9a-fA-F]{2})?[ \t]{1,2}){1,16})"
    r"(?:[ \t]*[|>].*|[ \t]+\S.*)?$",
    re.MULTILINE,
)
KEY_BYTES = 32
MAX_LINES = 3  # 32 bytes: two full lines (and hexdump's closing offset line)


def dumped_values(text: str) -> list[tuple[tuple[int, int], bytes]]:
    """(span of the dump, its bytes) for each dump from offset 0 that holds exactly 32 bytes."""
    if "0000000" not in text:
        return []
    out: list[tuple[tuple[int, int], bytes]] = []
    lines = list(LINE_RE.finditer(text))
    i = 0
    while i < len(lines):
        if int(lines[i].group(1), 16) != 0:
            i += 1
            continue
        raw = b""
        j = i
        while j < len(lines) and j - i < MAX_LINES and int(lines[j].group(1), 16) == len(raw):
            raw += bytes.fromhex(re.sub(r"\s", "", lines[j].group(2)))
            j += 1
        if len(raw) == KEY_BYTES:
            out.append(((lines[i].start(), lines[j - 1].end()), raw))
        i = max(j, i + 1)
    return out
