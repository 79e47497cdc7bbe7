"""deBridge DLN orders: what the maker locks on this chain, what it must get on the other one,
to whom, and who may cancel the order there.

Source: debridge-finance/dln-contracts ``contracts/DLN/DlnSource.sol`` (v1.4.0) and
``contracts/libraries/DlnOrderLib.sol``:

- ``createOrder(OrderCreation, bytes _affiliateFee, uint32 _referralCode, bytes
  _permitEnvelope) payable`` and ``createSaltedOrder(OrderCreation, uint64 _salt, bytes
  _affiliateFee, uint32 _referralCode, bytes _permitEnvelope, bytes _metadata) payable``;
  ``OrderCreation{address giveTokenAddress, uint256 giveAmount, bytes takeTokenAddress,
  uint256 takeAmount, uint256 takeChainId, bytes receiverDst, address givePatchAuthoritySrc,
  bytes orderAuthorityAddressDst, bytes allowedTakerDst, bytes externalCall, bytes
  allowedCancelBeneficiarySrc}``;
- ``_pullTokens``: a ``giveTokenAddress`` of 0 is the native token (``msg.value`` must be
  ``giveAmount + globalFixedNativeFee``: the call's value, already a transfer), any other is
  pulled from ``msg.sender`` (``giveAmount``; the call's value is the fixed fee);
- ``validateCreationOrder``: ``takeTokenAddress``, ``receiverDst`` and
  ``orderAuthorityAddressDst`` are addresses of the destination chain, as long as its engine's
  (``ChainEngine`` EVM: 20 bytes, SOLANA: 32, the only two); ``allowedCancelBeneficiarySrc``
  empty or 20 bytes; anything else reverts (``WrongAddressLength``);
- ``orderAuthorityAddressDst`` "can patch the order by reducing the take amount ... and can
  also cancel the order in the take chain"; the cancel refunds the give to
  ``allowedCancelBeneficiarySrc``, or, when it is empty, "to the arbitrary address specified
  by the orderAuthorityAddressDst upon order cancellation" (``_claimCancel``);
- ``givePatchAuthoritySrc`` may only add to the give, paying it itself (``patchOrderGive``:
  ``msg.sender`` pays): no power over the maker's funds; ``allowedTakerDst`` only restricts
  who fills; ``_affiliateFee`` (20-byte beneficiary + uint256 amount, or empty) is paid out
  of ``giveAmount`` to the affiliate when the order is filled: the maker still gets
  ``takeAmount``, so it is the taker's cost, refunded on cancel.

An order is an exchange across chains (``bridges.py``): the give to DlnSource, the take as a
:class:`Receipt` of at least ``takeAmount`` to ``receiverDst`` (a stranger BLOCKs, 0 FLAGs).
A 32-byte address is a Solana account, written in base58 (a token there is an SPL mint): it
is own's only where the policy names it. An ``externalCall`` hands the taken tokens to a
payload run on the destination chain (``DlnExternalCallAdapter``), not decoded here: the
receiver is promised nothing (a minimum of 0). A destination order authority other than the
maker is an authority over the order (``order_authority`` on DlnSource, judged as any
authority over an own account: a stranger BLOCKs); a cancel beneficiary other than the maker
and the receiver is refunded the give, as Across's depositor is.
"""

from __future__ import annotations

from typing import Any

import base58

from aiegis_guard.chains.evm.frames import ZERO, Frame, Result, asset, authority, native
from aiegis_guard.chains.evm.protocols.bridges import bridge_ops
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.transaction import Asset, AssetKind
from aiegis_guard.errors import EvmDecodeError
from aiegis_guard.findings import Chain

__all__ = ["TABLE", "dln_address"]

_EVM, _SOLANA = 20, 32  # DlnOrderLib EVM_ADDRESS_LENGTH, SOLANA_ADDRESS_LENGTH
_AFFILIATE = 52  # DlnSource: a 20-byte beneficiary and a uint256 amount


def dln_address(raw: bytes) -> str:
    """An address of the destination chain: EVM (20 bytes, lower-case hex) or Solana (32
    bytes, base58); any other length reverts (``WrongAddressLength``)."""
    if len(raw) == _EVM:
        return "0x" + raw.hex()
    if len(raw) == _SOLANA:
        return base58.b58encode(raw).decode()
    raise EvmDecodeError(f"debridge: a destination address of {len(raw)} bytes")


def _take_token(raw: bytes) -> Asset:
    """The destination token: an EVM token (0: the native one) or an SPL mint."""
    where = dln_address(raw)
    if len(raw) == _EVM:
        return asset(where)
    return Asset(chain=Chain.SOLANA, kind=AssetKind.FUNGIBLE, address=where)


def _order(f: Frame, fn: Function, order: Any, affiliate: bytes) -> Result:
    if not isinstance(order, tuple) or len(order) != 11:
        raise EvmDecodeError("debridge: OrderCreation of the wrong shape")
    give_token, give_amount, take_token, take_amount, _chain = order[:5]
    receiver_raw, _patcher, authority_raw, _taker, external, beneficiary_raw = order[5:]
    if len(affiliate) not in (0, _AFFILIATE) or len(beneficiary_raw) not in (0, _EVM):
        raise EvmDecodeError("debridge: affiliate fee or cancel beneficiary of a wrong length")
    via = f"debridge.{fn.name}"
    receiver, order_authority = dln_address(receiver_raw), dln_address(authority_raw)
    give: tuple[Asset | None, int | None] = (None, None)  # ETH: the call's value
    if give_token != ZERO:
        give = (asset(give_token), give_amount)
    minimum = 0 if external else take_amount  # an external call decides where it goes
    out = bridge_ops(f, via, give, (_take_token(take_token), minimum), receiver)
    maker = f.sender or ZERO
    if order_authority != maker:
        out.append(authority(f, "debridge.order_authority", "order_authority", order_authority))
    if beneficiary_raw:
        beneficiary = "0x" + bytes(beneficiary_raw).hex()
        if beneficiary not in (maker, receiver):
            token = native() if give_token == ZERO else asset(give_token)
            out += bridge_ops(f, f"{via}.cancel_refund", (None, None), (token, None), beneficiary)
    return out


def _create(f: Frame, fn: Function, a: list[Any]) -> Result:
    return _order(f, fn, a[0], bytes(a[1]))


def _create_salted(f: Frame, fn: Function, a: list[Any]) -> Result:
    return _order(f, fn, a[0], bytes(a[2]))


_ORDER = "(address,uint256,bytes,uint256,uint256,bytes,address,bytes,bytes,bytes,bytes)"
TABLE = (
    (f"createOrder({_ORDER},bytes,uint32,bytes)", _create),
    (f"createSaltedOrder({_ORDER},uint64,bytes,uint32,bytes,bytes)", _create_salted),
)
