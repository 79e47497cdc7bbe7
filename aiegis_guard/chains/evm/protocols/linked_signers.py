"""Perp exchanges' linked signers and API keys signed as EIP-712: a standing ``agent``.

A key registered this way signs the account's orders (and, with Orderly's ``asset`` scope,
its settlement and withdrawal requests) without the owner's key, until it is unlinked or
expires: an authority ``agent`` over the signer's own account, as Hyperliquid's
``ApproveAgent`` (``protocols/hyperliquid.py``).

Sources:

- Vertex (vertex-protocol ``vertex-contracts`` ``Endpoint.sol`` / ``Verifier.sol``; the
  python SDK's ``vertex_protocol/contracts/eip712/types.py``): ``LinkSigner(bytes32 sender,
  bytes32 signer, uint64 nonce)``, domain ``Vertex`` / ``0.0.1`` (verifyingContract: the
  Endpoint). ``sender`` is the subaccount (address ‖ 12-byte name), ``signer`` the linked
  address ‖ 12 zero bytes; ``signer`` all zero unlinks (nothing gained).
- Orderly (OrderlyNetwork js-sdk ``definedTypes``; several integrations): ``AddOrderlyKey(
  string brokerId, uint256 chainId, string orderlyKey, string scope, uint64 timestamp, uint64
  expiration)`` and ``DelegateAddOrderlyKey`` (``delegateContract address`` added: the key of a
  contract-owned account), domain ``Orderly`` / ``1`` (off-chain: verifyingContract
  ``0xCcCC…cccC``). ``orderlyKey`` is ``ed25519:<base58 public key>``; ``expiration`` is in
  milliseconds. ``Registration(brokerId, chainId, timestamp, registrationNonce)`` opens the
  account and grants nothing.

The counterparty of an Orderly key is the ``ed25519:<key>`` string: an allowlisted key is
one whose base58 form is listed among the Solana delegates / operators (an ed25519 public
key is written the same way; ``judge_grants``).
"""

from __future__ import annotations

import re
from collections.abc import Set
from typing import Any

from aiegis_guard.chains.transaction import AuthorityChange, Operation
from aiegis_guard.errors import EvmDecodeError

__all__ = ["ED25519_PREFIX", "linked_signer", "linked_signer_shape"]

ED25519_PREFIX = "ed25519:"
_VERTEX = frozenset({"sender", "signer", "nonce"})
_ORDERLY_KEY = frozenset({"brokerId", "orderlyKey", "scope", "expiration"})
_ORDERLY_REGISTRATION = frozenset({"brokerId", "chainId", "timestamp", "registrationNonce"})
_B58_KEY = re.compile(r"[1-9A-HJ-NP-Za-km-z]{32,44}")


def linked_signer_shape(fields: Set[str], domain_name: Any) -> str | None:
    """``vertex_link_signer`` / ``orderly_key`` / ``orderly_registration``, or None."""
    if domain_name == "Vertex" and fields == _VERTEX:
        return "vertex_link_signer"
    if domain_name == "Orderly" and fields >= _ORDERLY_KEY:
        return "orderly_key"
    if domain_name == "Orderly" and fields == _ORDERLY_REGISTRATION:
        return "orderly_registration"
    return None


def _word(value: Any) -> bytes:
    if isinstance(value, bytes | bytearray) and len(value) == 32:
        return bytes(value)
    if isinstance(value, str) and re.fullmatch(r"0x[0-9a-fA-F]{64}", value):
        return bytes.fromhex(value[2:])
    raise EvmDecodeError("vertex: sender / signer is not a bytes32")


def _vertex(m: dict[str, Any]) -> list[Operation]:
    signer = _word(m["signer"])
    if not any(signer):  # unlinked: nobody signs for the subaccount any more
        return []
    return [
        AuthorityChange(
            via="vertex.link_signer",
            account="",  # the signer's own account (``sender``'s address part)
            new_authority="0x" + signer[:20].hex(),
            authority_type="agent",
            current_authority=None,
        )
    ]


def _orderly(m: dict[str, Any]) -> list[Operation]:
    key = m["orderlyKey"]
    if not isinstance(key, str) or not key.startswith(ED25519_PREFIX):
        raise EvmDecodeError("orderly: orderlyKey is not an ed25519 key")
    if not _B58_KEY.fullmatch(key[len(ED25519_PREFIX) :]):
        raise EvmDecodeError("orderly: orderlyKey is not a base58 key")
    # the ``asset`` scope signs settlements and withdrawals: a key that moves funds gets no
    # short-lived leniency (judge_grants); ``read`` / ``trading`` keys expire as written
    scopes = {s.strip() for s in str(m.get("scope", "")).split(",")}
    expiration = m.get("expiration")
    timed = isinstance(expiration, int) and expiration > 0 and "asset" not in scopes
    expires = expiration // 1000 if timed and isinstance(expiration, int) else None
    return [
        AuthorityChange(
            via=f"orderly.add_key[{m.get('scope', '')}]",
            account="",  # the signer's own account
            new_authority=key,
            authority_type="agent",
            current_authority=None,
            expires=expires,
        )
    ]


def linked_signer(shape: str, m: dict[str, Any]) -> list[Operation]:
    """Operations of one recognised message (see the module docstring)."""
    if shape == "vertex_link_signer":
        return _vertex(m)
    if shape == "orderly_key":
        return _orderly(m)
    return []  # orderly_registration
