"""Permits recognised by their structure, whatever their fields (or type) are called.

Sources: EIP-2612 (``Permit(address owner,address spender,uint256 value,uint256 nonce,
uint256 deadline)``) and DAI's permit (makerdao/dss ``src/dai.sol``: ``Permit(address holder,
address spender,uint256 nonce,uint256 expiry,bool allowed)``, an expiry of 0 never ends).

A drainer's signing request renames the fields (``operator`` / ``amount``, ``beneficiary``)
so that neither the canonical type (``selectors.EIP712_TYPES``) nor the look-alike reader
(a ``spender`` field, ``protocols/signed.py``) knows it, while a wallet shows "Permit" under a
token's domain. The product policy judges such a message by structure: two addresses (the
owner, then the one it names), then the amount, the nonce and the deadline (EIP-2612's
order), or the nonce, the expiry and the all-or-nothing switch (DAI's), under a domain whose
``verifyingContract`` is the token: a ``permit.lookalike`` grant like the named look-alikes.
A field called ``owner`` / ``holder`` / ``from`` in the second place is the owner (the
request is read as it names itself). Read only when nothing else recognised the message.

The shape alone is no token: signed RFQ / limit orders (``Order(maker, taker, makerAmount,
takerAmount, expiry)``), streams, vesting claims and attestations share it. It is read as a
permit only under a token's domain (``token_domain``): the verifying contract is not a
contract of the address book other than a token (an exchange, a router, a vault manager
there is no token whose allowance it would sign), no field is named as an order's
(maker / taker / sell / buy / price ...), and the spender is not the verifying contract
itself (a token's permit names another spender). Anything else stays an unknown typed
message (FLAG ``unknown_typed_data``).

Permit2's allowance grants (Uniswap/permit2 ``src/libraries/PermitHash.sol``:
``PermitSingle(PermitDetails details,address spender,uint256 sigDeadline)``,
``PermitBatch(PermitDetails[] details,address spender,uint256 sigDeadline)``,
``PermitDetails(address token,uint160 amount,uint48 expiration,uint48 nonce)``) are read by
the same rule: kits build them with a field of their own (tarun-khatri/vault-extraction-nexus
``src/utils/permitUtils.ts`` adds ``owner`` to ``PermitBatch``) or under another type name, so
no canonical type matches, while the message still names a spender, its tokens, amounts and
expirations. A primary type with ``details`` (one or an array of a struct with ``token``,
``amount``, ``expiration`` and ``nonce``), an address ``spender`` and a ``sigDeadline`` is read
as Permit2's grant (``permit2_structure``) only where Permit2 verifies it (``permit2_here``):
the domain's ``verifyingContract`` is Permit2 itself and the message has no field beyond
``details``, ``spender``, ``sigDeadline`` and the kit's ``owner``. A Permit2-looking message
for another contract, or with fields of its own (a ``recipient``, an ``operator``), is
whatever that contract makes of it: an unknown typed message (FLAG), never an ALLOW.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from aiegis_guard.chains.evm.callee import is_canonical
from aiegis_guard.chains.evm.selectors import PERMIT2
from aiegis_guard.chains.evm.tokens import approval, switch_approval
from aiegis_guard.chains.evm.typed_schema import Types, split_array
from aiegis_guard.chains.known import book_tokens
from aiegis_guard.chains.transaction import Approval
from aiegis_guard.errors import EvmDecodeError

__all__ = [
    "permit2_here",
    "permit2_structure",
    "permit_structure",
    "structural_permit",
    "token_domain",
]

_UINT = re.compile(r"uint(8|16|24|32|40|48|56|64|72|80|88|96|104|112|120|128|136|144|152|160"
                   r"|168|176|184|192|200|208|216|224|232|240|248|256)?")  # fmt: skip
_OWNER_NAMES = frozenset({"owner", "holder", "from"})
# a Permit2 grant's fields (PermitHash.sol) and the owner a kit adds (permitUtils.ts)
_PERMIT2_GRANT_FIELDS = frozenset({"details", "spender", "sigDeadline", "owner"})
# words of an exchange's order (0x / 1inch / Hashflow / Bebop RFQ and limit orders), none a
# permit's: a field named so makes the message an order, not a grant
_ORDER_WORDS = re.compile(r"maker|taker|sell|buy|price|quote|trader|fill|order")


def _book_non_token(address: str) -> bool:
    """``address`` is a contract of the book, or a protocol module's deployment, that is not
    one of the book's tokens."""
    key = address.lower()
    return is_canonical(key) and key not in book_tokens()


def token_domain(
    fields: Sequence[tuple[str, str]], message: dict[str, Any], verifying: str
) -> bool:
    """Could a permit-shaped message be a token's permit (module docstring)?"""
    names = [name for name, _ in fields]
    if any(_ORDER_WORDS.search(name.lower()) for name in names):
        return False
    if _book_non_token(verifying):
        return False
    values = [message.get(name) for name in names[:2]]
    return not any(isinstance(v, str) and v.lower() == verifying.lower() for v in values)


def permit_structure(fields: Sequence[tuple[str, str]]) -> str | None:
    """``amount`` (EIP-2612's layout), ``switch`` (DAI's) or None, from the field types."""
    if len(fields) != 5 or [t for _, t in fields[:2]] != ["address", "address"]:
        return None
    if not all(_UINT.fullmatch(t) for _, t in fields[2:4]):
        return None
    last = fields[4][1]
    if _UINT.fullmatch(last):
        return "amount"
    return "switch" if last == "bool" else None


def permit2_structure(types: Types, primary: str) -> str | None:
    """``permit2_batch`` / ``permit2_single`` for a Permit2 grant by structure (module
    docstring), else None."""
    fields = dict(types[primary])
    if fields.get("spender") != "address" or not _UINT.fullmatch(fields.get("sigDeadline", "")):
        return None
    base, dims = split_array(fields.get("details", ""))
    details = dict(types.get(base, ()))
    if details.get("token") != "address" or len(dims) > 1:
        return None
    if not all(_UINT.fullmatch(details.get(f, "")) for f in ("amount", "expiration", "nonce")):
        return None
    return "permit2_batch" if dims else "permit2_single"


def permit2_here(types: Types, primary: str, verifying: object) -> bool:
    """A Permit2 grant read by structure is Permit2's only under Permit2's domain and with no
    field Permit2 would not read (module docstring)."""
    if not isinstance(verifying, str) or verifying.lower() != PERMIT2:
        return False
    fields = dict(types[primary])
    if fields.get("owner", "address") != "address":
        return False
    return set(fields) <= _PERMIT2_GRANT_FIELDS


def structural_permit(
    shape: str, fields: Sequence[tuple[str, str]], message: dict[str, Any], token: str
) -> list[Approval]:
    """The grant a permit-shaped message asks of its owner for ``token``."""
    names = [name for name, _ in fields]
    first, second = message[names[0]], message[names[1]]
    owner, spender = (second, first) if names[1] in _OWNER_NAMES else (first, second)
    if not isinstance(owner, str) or not isinstance(spender, str):
        raise EvmDecodeError("permit-shaped typed data without two addresses")
    if shape == "amount":
        amount, deadline = message[names[2]], message[names[4]]
        return [approval("permit.lookalike", token, owner, spender, amount, deadline=deadline)]
    expiry, allowed = message[names[3]], message[names[4]]
    via = "permit.lookalike"
    return [switch_approval(via, token, owner, spender, allowed, deadline=expiry or None)]
