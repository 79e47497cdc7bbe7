"""The one exception tree of aiegis_guard.

A BLOCK verdict is a return value, not an error. Exceptions mean either "you used it wrong"
(ConfigError, InputError), "these bytes are not what you said" (DecodeError) or "LangChain
needs an exception to stop" (GuardBlocked)::

    AiegisError
    ├── ConfigError          bad aiegis.toml / Policy value; names the key path
    ├── InputError           text that cannot be read (e.g. bytes that are not UTF-8)
    ├── DecodeError          a transaction / typed data / message that cannot be decoded
    │   ├── EvmDecodeError
    │   └── SolanaDecodeError
    ├── ModelError           the classifier is missing, corrupt or failed (the guard limps on)
    ├── LedgerError          the spend ledger cannot be reached or is inconsistent
    └── GuardBlocked         raised where a framework needs an exception; carries the verdict

No message of any of these ever contains an unmasked secret.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aiegis_guard.verdict import Verdict

__all__ = [
    "AiegisError",
    "ConfigError",
    "DecodeError",
    "EvmDecodeError",
    "GuardBlocked",
    "InputError",
    "LedgerError",
    "ModelError",
    "SolanaDecodeError",
    "quote",
]

QUOTE_LIMIT = 24  # a key, a keypair, a WIF or 12 seed words never fit in one short token


def quote(value: object) -> str:
    """An input value for an error message: ``repr`` when it is one short token, else masked.

    Error messages say what was wrong; they never echo input that may be a secret (a key
    pasted where an address belongs, seed words in a method name): a longer value shows its
    first four characters and its length, like :func:`aiegis_guard.redact.mask`.
    """
    text = value if isinstance(value, str) else repr(value)
    if len(text) <= QUOTE_LIMIT and not any(c.isspace() for c in text):
        return repr(text) if isinstance(value, str) else text
    head = text[:4] if len(text) >= 12 else ""
    return f"'{head}…[{len(text)} chars]'"


class AiegisError(Exception):
    """Root of every exception aiegis_guard raises on purpose."""


class ConfigError(AiegisError, ValueError):
    """A configuration value is invalid; the message starts with its key path."""


class InputError(AiegisError, ValueError):
    """The input cannot be read as text."""


class DecodeError(AiegisError, ValueError):
    """A transaction, typed-data payload or message could not be decoded."""


class EvmDecodeError(DecodeError):
    """An EVM transaction / typed data / signing payload could not be decoded."""


class SolanaDecodeError(DecodeError):
    """A Solana transaction or message could not be decoded."""


class ModelError(AiegisError, RuntimeError):
    """The classifier model is missing, fails its checksum or cannot run."""


class LedgerError(AiegisError, RuntimeError):
    """The spend ledger failed; spending fails closed."""


class GuardBlocked(AiegisError):
    """Raised where a framework needs an exception to stop (LangChain callbacks, signers).

    ``verdict`` is the (already masked) verdict that caused it.
    """

    def __init__(self, verdict: Verdict, message: str | None = None) -> None:
        self.verdict = verdict
        super().__init__(message or f"blocked by aiegis_guard: {verdict.summary()}")
