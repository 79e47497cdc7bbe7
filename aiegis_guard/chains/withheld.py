"""Keep the own secrets found in signed bytes out of what a verdict shows.

A transaction whose data carries the own key is BLOCKed (``scanners/signed_secrets.py``), but
the decoder reads the same bytes as an ordinary request: a ``transfer`` whose amount *is* the
key would print it, in decimal, in the finding's evidence, the effect and the effect line,
and so in logs, the audit trail and the approval prompt. So would an unknown call's selector
(EVM, 4 bytes) or discriminator (Solana, 8 bytes) when the data starts with the key.

:func:`withhold` replaces, wherever the signed bytes held a secret:

* every selector (the first signed bytes of a call);
* every number and 64-hex value that is one of the secret 32-byte windows, in evidence and
  messages (as ``withheld``) and in effects (amount, value, expiry, token ids dropped).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from aiegis_guard.findings import Finding

__all__ = ["WITHHELD", "withhold"]

WITHHELD = "withheld"
_NUMBER_RE = re.compile(
    r"(?<![0-9A-Za-z])(?:0x)?(?P<hex>[0-9a-fA-F]{64})(?![0-9A-Za-z])|\b(?P<dec>\d{20,78})\b"
)


def _is_secret(value: int | None, windows: frozenset[bytes]) -> bool:
    return value is not None and 0 <= value < 1 << 256 and value.to_bytes(32, "big") in windows


def _values(m: re.Match[str]) -> tuple[int, ...]:
    """What the token may stand for: hex, and decimal too when it is all digits."""
    token = m.group("hex") or m.group("dec")
    as_hex = (int(token, 16),) if m.group("hex") else ()
    return as_hex + ((int(token),) if token.isdigit() else ())


def _text(text: str, windows: frozenset[bytes]) -> str:
    def swap(m: re.Match[str]) -> str:
        return WITHHELD if any(_is_secret(v, windows) for v in _values(m)) else m.group()

    return _NUMBER_RE.sub(swap, text) if windows else text


def _finding(f: Finding, windows: frozenset[bytes]) -> Finding:
    evidence = tuple(
        f"selector:{WITHHELD}" if e.startswith("selector:") else _text(e, windows)
        for e in f.evidence
    )
    message = _text(f.message, windows)
    if evidence == f.evidence and message == f.message:
        return f
    return f.model_copy(update={"evidence": evidence, "message": message})


def _effect(e: Any, windows: frozenset[bytes]) -> Any:
    update: dict[str, Any] = {}
    if e.selector:
        update["selector"] = WITHHELD
    if _is_secret(e.amount, windows):
        update["amount"] = None
    if _is_secret(e.value, windows):
        update["value"] = 0
    if _is_secret(e.expiry, windows):
        update["expiry"] = None
    ids = tuple(i for i in e.token_ids if not _is_secret(i, windows))
    if ids != e.token_ids:
        update["token_ids"] = ids
    return e.model_copy(update=update) if update else e


def withhold(
    findings: Iterable[Finding], effects: list[Any], windows: Iterable[bytes]
) -> list[Finding]:
    """``findings`` with the secrets ``windows`` (and every selector) withheld; ``effects``
    (``chains.effects.Effect`` s) are rewritten in place."""
    secret = frozenset(windows)
    effects[:] = [_effect(e, secret) for e in effects]
    return [_finding(f, secret) for f in findings]
