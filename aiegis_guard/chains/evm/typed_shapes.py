"""Typed data as each client library passes it, read as ``eth_signTypedData_v4``'s.

One recogniser (``chains/sniff.is_typed_data``) finds typed data in every shape below, and
:func:`client_shape` turns each into the ``{types, primaryType, domain, message}`` object
``typed_data.decode_typed_data`` reads, so that the same permit gets the same verdict whatever
library built the request (issue 12, review18 F13):

- viem ``signTypedData({domain, types, primaryType, message})`` / ``eth_signTypedData_v4``:
  as it is;
- ethers ``signer.signTypedData(domain, types, value)`` (v6; ``_signTypedData`` in v5): the
  message is ``value``, ``types`` hold no ``EIP712Domain`` and there is no ``primaryType``;
- eth_account ``encode_typed_data(domain_data, message_types, message_data)`` and
  ``encode_typed_data(full_message=...)`` (``primaryType`` optional).

A missing ``primaryType`` is derived as ethers and eth_account derive it (:func:`primary_type`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aiegis_guard.errors import EvmDecodeError

__all__ = ["client_shape", "primary_type"]


def client_shape(payload: Mapping[str, Any]) -> Mapping[str, Any]:
    """Every client library's typed data read as ``eth_signTypedData_v4``'s (one recogniser:
    ``sniff.is_typed_data``): eth_account ``encode_typed_data(domain_data, message_types,
    message_data)``; ethers ``signTypedData(domain, types, value)`` and eth_account
    ``full_message`` with no ``primaryType``: it is derived as those libraries derive it
    (:func:`primary_type`), the message taken from ``value`` where there is no ``message``."""
    if "message_types" in payload and "types" not in payload:
        payload = {
            "types": payload["message_types"],
            "domain": payload.get("domain_data") or {},
            "message": payload.get("message_data"),
        }
    types = payload.get("types")
    if "primaryType" in payload or not isinstance(types, Mapping):
        return payload
    if "message" in payload and "value" in payload:
        # ethers signs ``value``, other readers ``message``: which is signed is unknown
        raise EvmDecodeError("typed data holds both a value and a message")
    primary = primary_type(types)
    if primary is None:
        return payload  # no single root: "primaryType is missing", as the libraries refuse it
    message = payload["message"] if "message" in payload else payload.get("value")
    return {**payload, "primaryType": primary, "message": message}


def primary_type(types: Mapping[str, Any]) -> str | None:
    """The one type no other type references (``EIP712Domain`` aside), or None: ethers
    ``TypedDataEncoder`` (ethers-io/ethers.js ``src.ts/hash/typed-data.ts``: "the primary type
    must be the only remaining type with no parent nodes"), eth_account ``get_primary_type``
    (``_utils/encode_typed_data/encoding_and_hashing.py``)."""
    names = [n for n in types if n != "EIP712Domain"]
    used: set[str] = set()
    for name in names:
        fields = types[name]
        for field in fields if isinstance(fields, list) else ():
            t = field.get("type") if isinstance(field, Mapping) else None
            base = t.split("[", 1)[0] if isinstance(t, str) else None
            if base is not None and base != name:
                used.add(base)
    roots = [n for n in names if n not in used]
    return roots[0] if len(roots) == 1 else None
