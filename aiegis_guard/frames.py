"""Variables printed beside a traceback's frames, read back as ``name = value`` lines.

Called by :mod:`aiegis_guard.carriers` behind its cheap gate (:func:`may_be_frames`):

* **connectors** (better-exceptions ``formatter.py``, loguru ``_better_exceptions.py``): each
  value stands under the source line, joined to its name's column by a cap (``└``, or ``->``
  where the output cannot encode it: both libraries fall back to ``|`` and ``->``) under the
  pipes (``│`` / ``|``) of the names still to come; the name starts at the cap's column. The
  ASCII form is read only in a traceback (its ``Traceback`` header), under a source line that
  holds code;
* **rich locals panels** (rich ``Traceback(show_locals=True)``): a box titled ``locals`` (its
  rounded or ASCII corners) holds ``name = value`` rows, a long value folded onto the next rows
  at the value's column; a folded value is joined back.
"""

from __future__ import annotations

import re

from aiegis_guard.offsets import MapBuilder, OffsetMap

__all__ = ["may_be_frames", "read_frames"]

_NAME_RE = re.compile(r"[A-Za-z_][\w.]*")
_ASCII_CAP_RE = re.compile(r"(?m)^[ \t]*(?:\|[ \t]*)*-> \S")
_CODE_CHARS = frozenset("(=[.")  # a source line is a statement: a call, an assignment …
# (cap, the pipes that may stand before it on its line)
_CAPS = (("└", " │"), ("->", " |"))
_LOCALS_TOP_RE = re.compile(r"[╭+][─-]+ locals [─-]+[╮+]")
_ROW_RE = re.compile(r"[ \t]*([A-Za-z_][\w.]*) = (\S.*?)[ \t]*$")


def may_be_frames(text: str) -> bool:
    """Cheap gate: connectors, an ASCII cap in a traceback, or a locals panel."""
    if "└" in text or (" locals " in text and ("╭" in text or "+-" in text)):
        return True
    return "Traceback" in text and "-> " in text and _ASCII_CAP_RE.search(text) is not None


def _cap(line: str) -> tuple[int, int]:
    """(column, width) of the line's cap when only pipes and spaces stand before it."""
    for cap, pipes in _CAPS:
        col = line.find(cap)
        if (
            col >= 0
            and not line[:col].strip(pipes)
            and line[col + len(cap) : col + len(cap) + 1] == " "
        ):
            return col, len(cap)
    return -1, 0


def _is_connectors(line: str) -> bool:
    head = line.lstrip()[:2]
    return bool(line.strip()) and (head[:1] in "│└|" or head == "->")


def _connected(text: str, out: list[str], spans: MapBuilder) -> None:
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    source = -1  # the last line above that is not a connectors' line (one pass: linear)
    for i, line in enumerate(lines):
        col, width = _cap(line)
        if col < 0:
            if not _is_connectors(line):
                source = i
            continue  # a value's line holds connectors only before its cap
        above = lines[source] if source >= 0 else ""
        name = _NAME_RE.match(above, col)
        value = line[col + width :].strip()
        if name is None or not value or (col and _NAME_RE.match(above, col - 1)):
            continue  # no name starts at the cap's column
        if width > 1 and not _CODE_CHARS.intersection(above):
            continue  # an ASCII cap under prose ("-> next step"), not under a statement
        begin = starts[i] + line.index(value, col + width)
        said = f"{name.group()} = "
        out.append(said)
        spans.atomic(len(said), starts[i] + col, starts[i] + col + width)
        out.append(value + "\n")
        spans.linear(begin, begin + len(value))
        spans.atomic(1, begin + len(value), begin + len(value))


def _panel_rows(
    text: str, top: re.Match[str]
) -> list[tuple[tuple[int, int], list[tuple[int, int]]]]:
    """(name span, value spans) of each row of the locals panel opened by ``top``."""
    line_start = text.rfind("\n", 0, top.start()) + 1
    left, right = top.start() - line_start, top.end() - 1 - line_start
    rows: list[tuple[tuple[int, int], list[tuple[int, int]]]] = []
    at = text.find("\n", top.end()) + 1
    while 0 < at < len(text):
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        line = text[at:end].rstrip("\r")
        if len(line) <= right or line[left] not in "│|" or line[right] not in "│|":
            break  # the panel's bottom, or no panel row
        inner = line[left + 1 : right]
        base = at + left + 1
        row = _ROW_RE.match(inner)
        if row is not None:
            rows.append(
                (
                    (base + row.start(1), base + row.end(1)),
                    [(base + row.start(2), base + row.end(2))],
                )
            )
        elif rows and inner.strip():
            lead = len(inner) - len(inner.lstrip())
            rows[-1][1].append((base + lead, base + len(inner.rstrip())))
        at = end + 1
    return rows


def _panels(text: str, out: list[str], spans: MapBuilder) -> None:
    if " locals " not in text:
        return
    for top in _LOCALS_TOP_RE.finditer(text):
        for (a, b), parts in _panel_rows(text, top):
            said = f"{text[a:b]} = "
            out.append(said)
            spans.atomic(len(said), a, b)
            for start, end in parts:
                out.append(text[start:end])
                spans.linear(start, end)
            out.append("\n")
            spans.atomic(1, parts[-1][1], parts[-1][1])


def read_frames(text: str) -> tuple[str, OffsetMap] | None:
    """Every frame variable of ``text`` as ``name = value`` lines (and a map into ``text``)."""
    out: list[str] = []
    spans = MapBuilder()
    if "└" in text or "->" in text:
        _connected(text, out, spans)
    _panels(text, out, spans)
    return ("".join(out), spans.build()) if out else None
