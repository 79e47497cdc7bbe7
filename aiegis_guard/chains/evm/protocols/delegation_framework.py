"""MetaMask Delegation Framework (ERC-7710) delegations: what signing one lets the delegate do.

Sources: MetaMask/delegation-framework v1.3.0 ``src/utils/Types.sol`` / ``src/libraries/
EncoderLib.sol`` (``Delegation(address delegate,address delegator,bytes32 authority,Caveat[]
caveats,uint256 salt)Caveat(address enforcer,bytes terms)``, domain ``DelegationManager`` /
``1``), ``src/utils/Constants.sol`` (``ANY_DELEGATE = address(0xa11)``: whoever redeems it),
``documents/DelegationManager.md`` (a delegation lets ``delegate`` have the ``delegator`` account
execute calls, each checked by every caveat's enforcer hooks: caveats only narrow it), and
``documents/Deployments.md`` (v1.3.0 addresses, the same on every chain) for the enforcers read
here, whose ``getTermsInfo`` gives the terms layout:

- ``ERC20TransferAmountEnforcer`` ``0xf100b081…D2Fc``: ``token (20) ‖ maxTokens (32)``
  (exactly 52 bytes); every execution must be ``token.transfer``, in total at most
  ``maxTokens``.
- ``ERC20PeriodTransferEnforcer`` ``0x474e3Ae7…39aB``: ``token (20) ‖ periodAmount (32) ‖
  periodDuration (32) ‖ startDate (32)`` (exactly 116 bytes); ``token.transfer`` only, at most
  ``periodAmount`` per period.
- ``NativeTokenTransferAmountEnforcer`` ``0xF71af580…0320``: ``abi.decode(terms, (uint256))``;
  it bounds the native value of the executions only, not their calldata.
- ``TimestampEnforcer`` ``0x1046bb45…c069``: 32 bytes, ``afterThreshold (uint128) ‖
  beforeThreshold (uint128)``; a non-zero ``beforeThreshold`` is when the delegation lapses.

Effects (an upper bound: a caveat not read here can only narrow what is listed):

- a token-transfer caveat bounds every execution to transfers of that token: a grant of its
  amount to the delegate, lapsing at the timestamp caveat (``delegation.caveat_grant``, one of
  ``EXPIRING_GRANTS``); the period enforcer's ``periodAmount`` renews every
  ``periodDuration`` from ``startDate``, so its grant is that amount times the periods until
  the timestamp caveat's end (``spend_permissions.renewed_total``): unlimited with no end, an
  end beyond ``HORIZON``, or a zero period;
- otherwise the delegate may execute anything as the delegator: an ``AuthorityChange`` over the
  delegator's account, role ``delegate`` (lapsing at the timestamp caveat), beside any native
  amount grant;
- the bearer delegate ``ANY_DELEGATE``: whoever sees the signature redeems it, so no time caveat
  makes it short-lived (``delegation.bearer_grant`` is not an expiring grant).

Terms of the wrong length make the enforcer revert (the delegation cannot be redeemed with that
caveat): such a caveat is ignored, which keeps the listed effects an upper bound.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aiegis_guard.chains.evm.frames import asset, native
from aiegis_guard.chains.evm.protocols.spend_permissions import renewed_total
from aiegis_guard.chains.evm.selectors import UNLIMITED
from aiegis_guard.chains.transaction import Approval, AuthorityChange, Operation
from aiegis_guard.errors import EvmDecodeError

__all__ = ["ANY_DELEGATE", "delegation_effects"]

ANY_DELEGATE = "0x" + "00" * 18 + "0a11"
_ERC20_AMOUNT = "0xf100b0819427117ecf76ed94b358b1a5b5c6d2fc"
_ERC20_PERIOD = "0x474e3ae7e169e940607cc624da8a15eb120139ab"
_NATIVE_AMOUNT = "0xf71af580b9c3078fbc2bbf16fbb8eed82b330320"
_TIMESTAMP = "0x1046bb45c8d673d4ea75321280db34899413c069"


def _bytes(value: Any) -> bytes:
    if isinstance(value, bytes | bytearray):
        return bytes(value)
    if isinstance(value, str):
        try:
            return bytes.fromhex(value[2:] if value[:2].lower() == "0x" else value)
        except ValueError as exc:
            raise EvmDecodeError("delegation caveat: terms are not hex") from exc
    raise EvmDecodeError("delegation caveat: terms are not bytes")


def _caveats(m: Mapping[str, Any]) -> list[tuple[str, bytes]]:
    found = m.get("caveats")
    if not isinstance(found, list):
        raise EvmDecodeError("delegation: caveats are not a list")
    out = []
    for c in found:
        if not isinstance(c, Mapping) or not isinstance(c.get("enforcer"), str):
            raise EvmDecodeError("delegation: a caveat without an enforcer")
        out.append((c["enforcer"].lower(), _bytes(c.get("terms", b""))))
    return out


def _expiry(caveats: list[tuple[str, bytes]]) -> int | None:
    ends = [
        int.from_bytes(t[16:32], "big")
        for e, t in caveats
        if e == _TIMESTAMP and len(t) == 32 and any(t[16:32])
    ]
    return min(ends) if ends else None


def _token_bounds(
    caveats: list[tuple[str, bytes]], expiry: int | None
) -> list[tuple[str, int | None]]:
    """(token, the most the delegate may move in all: None for unlimited) per token caveat."""
    out: list[tuple[str, int | None]] = []
    for enforcer, t in caveats:
        token, amount = "0x" + t[:20].hex(), int.from_bytes(t[20:52], "big")
        if enforcer == _ERC20_AMOUNT and len(t) == 52:
            out.append((token, amount))
        elif enforcer == _ERC20_PERIOD and len(t) == 116:
            period, start = int.from_bytes(t[52:84], "big"), int.from_bytes(t[84:116], "big")
            out.append((token, renewed_total(amount, period, start, expiry)))
    return out


def _native_bounds(caveats: list[tuple[str, bytes]]) -> list[int]:
    return [
        int.from_bytes(t[:32], "big") for e, t in caveats if e == _NATIVE_AMOUNT and len(t) >= 32
    ]


def delegation_effects(m: Mapping[str, Any]) -> list[Operation]:
    """What a signed ``Delegation`` lets its delegate do (see the module docstring)."""
    delegate, delegator = m.get("delegate"), m.get("delegator")
    if not isinstance(delegate, str) or not isinstance(delegator, str):
        raise EvmDecodeError("delegation: delegate or delegator is not an address")
    delegate, delegator = delegate.lower(), delegator.lower()
    caveats = _caveats(m)
    bearer = delegate == ANY_DELEGATE
    expiry = None if bearer else _expiry(caveats)
    via = "delegation.bearer_grant" if bearer else "delegation.caveat_grant"

    def grant(what: Any, amount: int | None) -> Approval:
        return Approval(
            via=via,
            asset=what,
            owner=delegator,
            spender=delegate,
            amount=amount,
            unlimited=amount is None or amount >= UNLIMITED,
            revoke=amount == 0,
            deadline=expiry,
        )

    tokens = _token_bounds(caveats, _expiry(caveats))
    ops: list[Operation] = [grant(asset(token), amount) for token, amount in tokens]
    ops += [grant(native(), amount) for amount in _native_bounds(caveats)]
    if not tokens:  # nothing bounds the calls the delegate has the account make
        ops.append(
            AuthorityChange(
                via="delegation.delegate",
                account=delegator,
                new_authority=delegate,
                authority_type="delegate",
                current_authority=delegator,
                expires=expiry,
            )
        )
    return ops
