"""A secret's label typed in a hurry: one letter left out or two swapped.

Used by :mod:`~aiegis_guard.scanners.key_words` (a key's label: "privte kye", "pirvate key",
"secert") and :mod:`~aiegis_guard.scanners.keystores` (a keystore's password: "pasword is
..", "passwrod:"). The slips counted are the two that typing makes most (Damerau's): a letter
dropped, two neighbours swapped; a letter replaced is not counted (it turns "private" into
"primate", "signer" swapped into "singer" is why short and common words are not listed). Only
long words of a secret's name are listed, each variant checked against the list of the other
words a label holds, so no variant is an English word a sentence uses.
"""

from __future__ import annotations

from functools import cache

__all__ = ["key_typo", "password_typos"]

# the key words whose slips still name a key: long, and no slip of one is a common word
_KEY_NAMES = ("private", "privkey", "privatekey", "secret", "mnemonic", "password", "passphrase")
_PASSWORD_NAMES = ("password", "passphrase", "passwd")
# slips that are words of their own ("secret" less its "t": "secre" no; "private" less "p":
# "rivate" no; "passwd" is passwd's own spelling)
_WORDS = frozenset(("passed", "pass", "paw", "pasta", "secrets"))


def _slips(word: str) -> set[str]:
    dropped = {word[:i] + word[i + 1 :] for i in range(len(word))}
    swapped = {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    return (dropped | swapped) - {word} - _WORDS


@cache
def _key_typos() -> frozenset[str]:
    return frozenset(s for w in _KEY_NAMES for s in _slips(w) if len(s) >= 5)


def key_typo(word: str) -> bool:
    """``word`` (lower case) is a key word with one letter dropped or two swapped."""
    return len(word) >= 5 and word in _key_typos()


@cache
def password_typos() -> tuple[str, ...]:
    """Slips of the password words that no longer start with "pass" (the password patterns
    read any "pass…" word already), longest first (for a regex alternation)."""
    slips = {s for w in _PASSWORD_NAMES for s in _slips(w) if not s.startswith("pass")}
    return tuple(sorted((s for s in slips if len(s) >= 5), key=lambda s: (-len(s), s)))
