"""Is this value an argument of something that loads or uses a private key?

Called by :mod:`aiegis_guard.scanners.evm_keys` before it reads the words around a 64-hex value.
Two shapes name a key without any key-ish word next to the value:

* **code calls**: ``account.from_key('0x..')``, ``privateKeyToAccount(`0x..`)``,
  ``keys.PrivateKey(bytes.fromhex('..'))``, ``Keypair.fromSeed(..)`` load a key from their
  argument; ``sign_transaction(tx, '0x..')`` / ``unsafe_sign_hash(h, '0x..')`` take it after
  the thing being signed (the first argument of a sign call is a message or hash: not a key).
* **JSON-RPC**: the ``params`` of a key-import method (``personal_importRawKey``,
  ``wallet_importPrivateKey``, ``*_importKey``) are key material wherever the ``method`` field
  sits in the request object.

The walk goes outwards from the value over at most ``REACH`` characters, counting brackets;
strings inside the arguments are not parsed (a parenthesis inside a string literal can end the
walk early, which only loses the call context, never invents one).
"""

from __future__ import annotations

import re

__all__ = ["call_context"]

REACH = 240  # characters searched before the value for the enclosing call / params
METHOD_REACH = 400  # characters around the params searched for the "method" field
MAX_OPENERS = 4  # enclosing brackets examined, innermost first


# Callee names (last dotted part, lower-case, "_" removed) that turn their argument into a key.
def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


LOADERS = _words(
    """fromkey privatekeytoaccount importrawkey importprivatekey importkey fromsecretkey
    fromprivatekey privatekey signingkey localaccount wallet account keypair fromseed
    mnemonictoaccount hdkeytoaccount signer ethaccount"""
)
# Callees whose key is a later argument: the first one is what gets signed.
SIGNERS = _words(
    "signtransaction signtx signmessage signtypeddata signhash unsafesignhash ecdsasign"
)
_CALLEE_RE = re.compile(r"([A-Za-z_$][\w$]*)\s*$")
_PARAMS_RE = re.compile(r"[\"']?params[\"']?\s*[:=]\s*$")
_METHOD_RE = re.compile(r"[\"']method[\"']\s*:\s*[\"']([\w.\-]{1,80})[\"']")
_CLOSE = {")": "(", "]": "[", "}": "{"}


def _name(raw: str) -> str:
    return raw.replace("_", "").replace("$", "").lower()


def _openers(text: str, start: int) -> list[tuple[int, str, int]]:
    """Unmatched ``(``/``[``/``{`` before ``start``: (position, bracket, commas before the
    value at that level), innermost first."""
    found: list[tuple[int, str, int]] = []
    depth: list[str] = []
    commas = 0
    lo = max(0, start - REACH)
    for i in range(start - 1, lo - 1, -1):
        c = text[i]
        if c in _CLOSE:
            depth.append(_CLOSE[c])
        elif c in "([{":
            if depth:
                if depth.pop() != c:
                    return found  # unbalanced: stop guessing
                continue
            found.append((i, c, commas))
            if len(found) >= MAX_OPENERS:
                break
            commas = 0
        elif c == "," and not depth:
            commas += 1
    return found


def _import_method(text: str, at: int) -> str | None:
    """The key-import ``method`` of the JSON-RPC object around ``at``, if it is one."""
    window = text[max(0, at - METHOD_REACH) : at + METHOD_REACH]
    for m in _METHOD_RE.finditer(window):
        name = _name(m.group(1))
        if "import" in name and any(w in name for w in ("key", "raw", "private", "secret")):
            return m.group(1)
    return None


def call_context(text: str, start: int) -> str | None:
    """Evidence (``call:from_key``, ``rpc:personal_importRawKey``) when the value at ``start``
    is key material by position, else None."""
    for pos, bracket, commas in _openers(text, start):
        before = text[max(0, pos - 64) : pos]
        if bracket == "(":
            m = _CALLEE_RE.search(before)
            if m is None:
                continue  # a grouping parenthesis: look further out
            name = _name(m.group(1))
            if name in LOADERS or (name in SIGNERS and commas > 0):
                return f"call:{m.group(1)}"
            if name in ("bytes", "fromhex", "hexbytes", "buffer", "from", "tobytes", "hex"):
                continue  # a conversion wrapper: PrivateKey(bytes.fromhex('..'))
            return None  # the innermost real call decides
        if _PARAMS_RE.search(before):
            method = _import_method(text, pos)
            return f"rpc:{method}" if method else None
    return None
