"""EIP-2612 permits carried in the calldata of a call the decoder cannot read.

A permit signed off-chain is a grant once anyone submits it. A drainer kit's second step
(DYNAMO210/ultimate-resolution ``public/resolution.js``: the victim sends
``resolveWithPermit(token, owner, value, deadline, v, r, s)`` to the kit's contract, which
calls ``token.permit`` for itself and pulls the tokens) hands the own account's permit to a
contract whose function is unknown. Whatever the function is called, its arguments hold the
permit's fields in the order EIP-2612 signs them (``Permit(owner, spender, value, nonce,
deadline)``; ``permit(owner, spender, value, deadline, v, r, s)``, selector ``0xd505accf``),
and that is read as the grant it carries:

- ``owner, spender, value, deadline, v, r, s`` (``permit``'s own argument order, also inside a
  ``bytes`` argument after the ``permit`` selector): a grant of ``value`` to ``spender``;
- ``owner, value, deadline, v, r, s`` (no spender: the contract handed the signature calls
  ``permit`` for itself, the only spender it can name without the signer's help): a grant
  of ``value`` to the called contract.

The same for the other permit shapes the decoder reads bare, flattened into the arguments:

- USDC (circlefin/stablecoin-evm FiatTokenV2_2) ``permit(owner, spender, value, deadline,
  bytes signature)``: the offset word leads to a 64 / 65-byte signature;
- DAI ``permit(holder, spender, nonce, expiry, allowed, v, r, s)`` (makerdao ``dai.sol``):
  ``holder, spender, nonce, expiry, allowed (0 / 1), v, r, s``: all of the token (``allowed``)
  to ``spender``;
- Permit2 ``permit(owner, PermitSingle{PermitDetails{token, amount, expiration, nonce},
  spender, sigDeadline}, signature)`` (Uniswap/permit2 ``IAllowanceTransfer.sol``; the static
  struct in place, the ``bytes`` signature behind an offset): ``owner, token, amount,
  expiration (< 2^48), nonce (< 2^48), spender, sigDeadline, offset of a 64 / 65-byte
  signature``: ``amount`` of ``token`` to ``spender`` through Permit2.

Whole permit calls inside an argument (Permit2 single / batch, DAI, USDC's
``permit(..., bytes)``) are read by ``embedded.py`` (``calldata`` keeps those of the own
account).

``owner`` must be the account the call is made for (the signer, or the smart account it
executes through), ``v`` 27 or 28, ``r`` and ``s`` non-zero and below the secp256k1 order;
the token is the address word just before ``owner`` when there is one (unknown otherwise).
Source: EIP-2612 (``permit`` and its ``Permit`` type); the ``permit`` selector is the
project's (``selectors.py``).
"""

from __future__ import annotations

from aiegis_guard.chains.evm.frames import ZERO, Frame, word_address
from aiegis_guard.chains.evm.selectors import UNLIMITED
from aiegis_guard.chains.evm.tokens import approval, switch_approval
from aiegis_guard.chains.transaction import Approval, Asset, AssetKind
from aiegis_guard.findings import Chain
from aiegis_guard.keys.evm import SECP256K1_N

__all__ = ["carried_permits"]

PERMIT_SELECTOR = bytes.fromhex("d505accf")
MAX_PERMITS = 8  # permits read from one opaque call


def _signature(words: list[bytes], at: int) -> bool:
    """``v, r, s`` at ``at``."""
    if at + 3 > len(words):
        return False
    v, r, s = (int.from_bytes(w, "big") for w in words[at : at + 3])
    return v in (27, 28) and 0 < r < SECP256K1_N and 0 < s < SECP256K1_N


def _token(words: list[bytes], owner_at: int) -> Asset:
    address = word_address(words[owner_at - 1]) if owner_at > 0 else None
    if address is None:
        return Asset(chain=Chain.EVM, kind=AssetKind.UNKNOWN)
    return Asset(chain=Chain.EVM, kind=AssetKind.FUNGIBLE, address=address)


def _grant(words: list[bytes], owner_at: int, spender: str, value_at: int) -> Approval:
    owner = word_address(words[owner_at])
    value = int.from_bytes(words[value_at], "big")
    return Approval(
        via="eip2612.carried_permit",
        asset=_token(words, owner_at),
        owner=owner,
        spender=spender,
        amount=value,
        unlimited=value >= UNLIMITED,
        revoke=value == 0,
        deadline=int.from_bytes(words[value_at + 1], "big"),
    )


def _int(words: list[bytes], at: int) -> int | None:
    return int.from_bytes(words[at], "big") if at < len(words) else None


def _bytes_signature(words: list[bytes], at: int, base: int) -> bool:
    """An offset word at ``at`` to a ``bytes`` of 64 or 65 (a packed ECDSA signature), the
    offset counted from the permit's arguments (``base``) or from the call's."""
    offset = _int(words, at)
    if offset is None or offset % 32 or not 0 < offset < 32 * len(words):
        return False
    return any(_int(words, start + offset // 32) in (64, 65) for start in {base, 0})


def _dai(words: list[bytes], i: int, spender: str) -> Approval | None:
    """holder, spender, nonce, expiry, allowed, v, r, s."""
    allowed = _int(words, i + 4)
    if allowed not in (0, 1) or not _signature(words, i + 5):
        return None
    return switch_approval(
        "dai.carried_permit",
        _token(words, i).address or ZERO,
        word_address(words[i]),
        spender,
        allowed == 1,
        deadline=_int(words, i + 3) or None,
    )


def _permit2(words: list[bytes], i: int) -> Approval | None:
    """owner, token, amount, expiration, nonce, spender, sigDeadline (PermitSingle in place),
    then the offset of a 64 / 65-byte signature."""
    if i + 8 > len(words) or not _bytes_signature(words, i + 7, i):
        return None
    token, spender = word_address(words[i + 1]), word_address(words[i + 5])
    amount, expiration, nonce = (_int(words, i + k) for k in (2, 3, 4))
    if token is None or spender is None or amount is None or amount >> 160:
        return None
    if expiration is None or nonce is None or expiration >> 48 or nonce >> 48:
        return None
    owner = word_address(words[i])
    return approval("permit2.carried_permit", token, owner, spender, amount, deadline=expiration)


def _scan(words: list[bytes], owners: set[str], target: str) -> list[Approval]:
    found: list[Approval] = []
    for i, word in enumerate(words):
        if word_address(word) not in owners:
            continue
        spender = word_address(words[i + 1]) if i + 1 < len(words) else None
        if spender is not None and _signature(words, i + 4):  # owner, spender, value, deadline
            found.append(_grant(words, i, spender, i + 2))
        elif _signature(words, i + 3):  # owner, value, deadline: the called contract's
            found.append(_grant(words, i, target, i + 1))
        elif spender is not None and _bytes_signature(words, i + 4, i):  # USDC permit(..., bytes)
            found.append(_grant(words, i, spender, i + 2))
        elif spender is not None and (dai := _dai(words, i, spender)) is not None:
            found.append(dai)
        elif (single := _permit2(words, i)) is not None:
            found.append(single)
        if len(found) >= MAX_PERMITS:
            break
    return found


def _words(data: bytes) -> list[bytes]:
    return [data[at : at + 32] for at in range(0, len(data) - 31, 32)]


def carried_permits(f: Frame) -> list[Approval]:
    """The permits of the own account that the opaque call ``f`` carries (module docstring)."""
    owners = {a for a in (f.origin, f.context if f.sender else None, f.sender) if a}
    if not owners or len(f.data) < 4 + 6 * 32:
        return []
    found = _scan(_words(f.data[4:]), owners, f.target)
    at = f.data.find(PERMIT_SELECTOR, 4)
    while at != -1 and len(found) < MAX_PERMITS:  # an inner permit(...) call in a bytes argument
        inner = _words(f.data[at + 4 : at + 4 + 7 * 32])
        if len(inner) == 7 and word_address(inner[0]) in owners and word_address(inner[1]):
            found += [a for a in _scan(inner, owners, f.target) if a not in found]
        at = f.data.find(PERMIT_SELECTOR, at + 4)
    return found[:MAX_PERMITS]
