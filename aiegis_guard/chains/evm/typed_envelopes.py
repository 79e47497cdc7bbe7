"""Smart-account signature envelopes around EIP-712 / personal messages (issue 12, review18 F7).

An account that validates signatures through ERC-1271 has its owners sign an envelope of what
an app asked for; the envelope's contents are what the signature authorises:

- ERC-7739 ``TypedDataSign(<Contents> contents,string name,string version,uint256 chainId,
  address verifyingContract,bytes32 salt)`` (ERC-7739 "Readable Typed Signatures for Smart
  Accounts"; Solady ``ERC1271.sol``: Kernel v3.1+, Coinbase Smart Wallet v1.1+, 7702
  accounts), signed under the *app's* domain (the outer ``domain``: Permit2, the token): the
  app's struct is ``contents``, of the type the ``contents`` field names. It is decoded as
  that typed data (same domain, that primary type, that message).
- Safe ``SafeMessage(bytes message)`` (safe-global/safe-smart-account
  ``contracts/handler/CompatibilityFallbackHandler.sol``: ``isValidSignature(bytes32 hash, …)``
  checks ``SafeMessage{message: abi.encode(hash)}``; ``isValidSignature(bytes data, …)`` the
  raw ``data``): a 32-byte message is a digest of contents the request does not show — a
  blind signature, as ``eth_sign`` of 32 bytes; any other message is decoded as the message
  it is (``personal_sign``: a transaction, typed data or text inside).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aiegis_guard.chains.evm.envelope import to_bytes
from aiegis_guard.errors import EvmDecodeError

__all__ = ["unwrap_envelope"]

_TYPED_DATA_SIGN_TAIL = [
    ("name", "string"),
    ("version", "string"),
    ("chainId", "uint256"),
    ("verifyingContract", "address"),
    ("salt", "bytes32"),
]


def _fields(types: Mapping[str, Any], name: str) -> list[tuple[str, str]] | None:
    found = types.get(name)
    if not isinstance(found, list):
        return None
    out = []
    for field in found:
        if not isinstance(field, Mapping):
            return None
        out.append((str(field.get("name")), str(field.get("type"))))
    return out


def unwrap_envelope(data: Mapping[str, Any]) -> tuple[str, Any] | None:
    """``("typed", inner typed data)``, ``("blind", digest)``, ``("message", bytes)`` for an
    account envelope, else None."""
    types, primary, message = data.get("types"), data.get("primaryType"), data.get("message")
    if not isinstance(types, Mapping) or not isinstance(message, Mapping):
        return None
    fields = _fields(types, primary) if isinstance(primary, str) else None
    if fields is None:
        return None
    if primary == "TypedDataSign" and fields[:1] and fields[0][0] == "contents":
        contents = fields[0][1]
        if fields[1:] != _TYPED_DATA_SIGN_TAIL or contents not in types:
            return None
        inner_types = {k: v for k, v in types.items() if k != "TypedDataSign"}
        inner = {
            "types": inner_types,
            "primaryType": contents,
            "domain": data.get("domain", {}),
            "message": message.get("contents"),
        }
        return "typed", inner
    if primary == "SafeMessage" and fields == [("message", "bytes")]:
        raw = message.get("message")
        try:
            body = to_bytes(raw, "SafeMessage.message")
        except EvmDecodeError:
            if isinstance(raw, str):  # a text message, as the Safe app shows it
                return "message", raw.encode("utf-8")
            raise
        return ("blind", body) if len(body) == 32 else ("message", body)
    return None
