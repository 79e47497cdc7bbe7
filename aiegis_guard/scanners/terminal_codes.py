"""Terminal colour codes: what a CLI's or a CI job's captured output holds around its values.

Used by :mod:`aiegis_guard.scanners.wallet_keys` before it reads a text. An ANSI escape
sequence (``ESC[32m`` .. ``ESC[0m``: colour, bold, cursor moves) glues a letter to the value
it colours ("\\x1b[32m0x.." reads as "m0x.."), so a key or a phrase in coloured output is no
whole token. Each sequence is blanked to spaces of its own length (offsets kept), in its raw
form and in the forms logs and JSON escape it to (``\\u001b[``, ``\\x1b[``, ``\\033[``, ``^[[``).
"""

from __future__ import annotations

import re

__all__ = ["uncoloured"]

# the escaped forms, found from their backslash (a literal first: C speed)
_ESCAPED_RE = re.compile(r"\\(?:u001[bB]|x1[bB]|033|e)\[")
# ECMA-48 control sequence: parameters, intermediates, a final byte
_CSI_RE = re.compile(
    r"(?:\x1b|\\u001[bB]|\\x1[bB]|\\033|\\e|\^\[)\[[0-9;:?<=>]{0,32}[ -/]{0,4}[@-~]"
)


def uncoloured(text: str) -> str:
    """``text`` with its terminal control sequences blanked (same length), or ``text`` itself
    where it has none (a few C-speed ``in``)."""
    if "\x1b" not in text and "^[[" not in text and _ESCAPED_RE.search(text) is None:
        return text
    return _CSI_RE.sub(lambda m: " " * len(m.group()), text)
