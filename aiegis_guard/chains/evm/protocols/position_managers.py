"""Who may act for a lending or perps position: Synthetix v3 account permissions and Liquity v2
trove managers.

Sources:

- Synthetixio/synthetix-v3 ``IAccountModule`` / ``AccountModule.sol``: ``grantPermission(uint128
  accountId, bytes32 permission, address user)`` (the owner or an ``ADMIN``), ``revokePermission(
  uint128,bytes32,address)``, ``renouncePermission(uint128,bytes32)`` (the caller gives up its
  own); ``storage/AccountRBAC.sol``: ``ADMIN`` (everything the owner may but move the account
  NFT), ``WITHDRAW``, ``DELEGATE``, ``MINT``, ``REWARDS``, and the perps market's
  ``PERPS_MODIFY_COLLATERAL`` (withdraw margin) / ``PERPS_COMMIT_ASYNC_ORDER`` (trade the
  margin away). Every permission lets its holder act on the account's value: each grant is a
  ``manager`` authority of the position (named after the permission); revokes and renounces
  give nobody anything. The account itself is an ERC-721 (``AccountProxy``): moving it is a
  transfer of that NFT (``standards``).
- liquity/bold ``contracts/src/Dependencies/AddRemoveManagers.sol`` (``IAddRemoveManagers``):
  ``setRemoveManager(uint256 troveId, address manager)`` (the receiver: the trove's owner),
  ``setRemoveManagerWithReceiver(uint256, address manager, address receiver)``: the manager
  withdraws collateral and borrows BOLD from the trove, paid to ``receiver`` (0: the owner;
  ``_requireSenderIsOwnerOrRemoveManagerAndGetReceiver``); manager 0 with receiver 0 wipes it.
  ``setAddManager(uint256, address)``: who may add collateral or repay (from its own funds:
  nobody gains the owner's value). ``contracts/src/Interfaces/IBorrowerOperations.sol``:
  ``setInterestIndividualDelegate(troveId, delegate, minRate, maxRate, ...)`` and
  ``setInterestBatchManager(troveId, batchManager, ...)``: the delegate or batch manager sets
  the trove's interest rate (and the batch manager charges its fee) -> a bounded
  ``interest manager`` authority; ``removeInterestIndividualDelegate`` / ``removeFromBatch``
  end it. ``openTrove(owner, ownerIndex, collAmount, boldAmount, upperHint, lowerHint,
  annualInterestRate, maxUpfrontFee, addManager, removeManager, receiver)`` and
  ``openTroveAndJoinInterestBatchManager`` (the same fields in a struct, with the batch
  manager): the new trove's owner (the caller's collateral is theirs) and managers.
  ``Zappers/Interfaces/IZapper.sol`` ``openTroveWithRawETH(OpenTroveParams{owner, ownerIndex,
  collAmount, boldAmount, upperHint, lowerHint, annualInterestRate, batchManager,
  maxUpfrontFee, addManager, removeManager, receiver})`` (WETHZapper, GasCompZapper) and
  ``ILeverageZapper.sol`` ``openLeveragedTroveWithRawETH(OpenLeveragedTroveParams)`` (the same
  with ``flashLoanAmount`` after ``collAmount``): the same fields, judged the same way.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import ZERO, Frame, Result
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import named_call
from aiegis_guard.chains.transaction import AuthorityChange

__all__ = ["TABLE"]


def _power(f: Frame, via: str, who: str, what: str) -> AuthorityChange:
    return AuthorityChange(
        via=via,
        account=f.target,
        new_authority=who,
        authority_type=what,
        current_authority=f.sender,
    )


def _permission_name(raw: bytes) -> str:
    text = bytes(raw).rstrip(b"\0")
    printable = text and all(0x20 < c < 0x7F for c in text)
    return text.decode("ascii") if printable else "0x" + bytes(raw).hex()


def _grant_permission(f: Frame, fn: Function, a: list[Any]) -> Result:
    account_id, permission, user = a
    if user == ZERO:  # nobody holds it
        return [named_call(f, fn)]
    what = f"manager ({_permission_name(permission)}) of account {account_id}"
    return [_power(f, "synthetix.grant_permission", user, what)]


def _revoke(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [named_call(f, fn)]


def _remove_manager(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``setRemoveManager(troveId, manager)``: receiver = the owner (the caller)."""
    return _managers(f, fn, a[0], a[1], ZERO)


def _remove_manager_receiver(f: Frame, fn: Function, a: list[Any]) -> Result:
    return _managers(f, fn, a[0], a[1], a[2])


def _managers(f: Frame, fn: Function, trove: int, manager: str, receiver: str) -> Result:
    """The manager withdraws from the trove; what it withdraws goes to ``receiver`` (0: the
    owner); a receiver that is the manager itself is the manager's own power."""
    if manager == ZERO:  # wiped (a receiver without a manager reverts: EmptyManager)
        return [named_call(f, fn)]
    out: Result = [_power(f, "liquity_v2.remove_manager", manager, f"manager of trove {trove}")]
    if receiver not in (ZERO, f.sender, manager):
        what = f"receiver of trove {trove}'s withdrawals"
        out.append(_power(f, "liquity_v2.receiver", receiver, what))
    return out


def _open_trove(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``openTrove`` / ``openTroveAndJoinInterestBatchManager``: the caller's collateral opens
    a trove owned by ``owner``, managed from the start by the managers it names. The
    collateral token is the branch's (not in the request): the call stays opaque beside the
    powers it hands out."""
    if len(a) == 1:  # the struct: owner, ownerIndex, coll, bold, hints, batch manager, ...
        owner, batch, (_add, manager, receiver) = a[0][0], a[0][6], a[0][8:11]
    else:
        owner, batch, (_add, manager, receiver) = a[0], ZERO, a[8:11]
    return _trove_powers(f, fn, owner, batch, manager=manager, receiver=receiver)


def _zapper_open(f: Frame, fn: Function, a: list[Any]) -> Result:
    """A zapper's ``openTroveWithRawETH(OpenTroveParams)`` / ``openLeveragedTroveWithRawETH(
    OpenLeveragedTroveParams)``: the same owner, batch manager and managers (the zapper opens
    the trove for ``owner`` and keeps ``removeManager`` / ``receiver`` in its own
    ``AddRemoveManagers``: its withdrawals pay them)."""
    p = a[0]
    shift = 1 if len(p) == 13 else 0  # the leverage form: ``flashLoanAmount`` after coll
    owner, batch = p[0], p[7 + shift]
    manager, receiver = p[10 + shift], p[11 + shift]
    return _trove_powers(f, fn, owner, batch, manager=manager, receiver=receiver)


def _trove_powers(
    f: Frame, fn: Function, owner: str, batch: str, *, manager: str, receiver: str
) -> Result:
    out: Result = [named_call(f, fn, known=False)]
    if owner not in (f.sender, ZERO):  # the trove, and the collateral in it, are owner's
        out.append(_power(f, "liquity_v2.trove_owner", owner, "owner of the new trove"))
    if manager != ZERO:
        out.append(_power(f, "liquity_v2.remove_manager", manager, "manager of the new trove"))
    if manager != ZERO and receiver not in (ZERO, f.sender, owner, manager):
        what = "receiver of the new trove's withdrawals"
        out.append(_power(f, "liquity_v2.receiver", receiver, what))
    if batch != ZERO:
        what = "interest manager of the new trove (batch)"
        out.append(_power(f, "liquity_v2.interest_batch_manager", batch, what))
    return out


def _interest_delegate(f: Frame, fn: Function, a: list[Any]) -> Result:
    if a[1] == ZERO:
        return [named_call(f, fn)]
    what = f"interest manager of trove {a[0]} (delegate)"
    return [_power(f, "liquity_v2.interest_delegate", a[1], what)]


def _batch_manager(f: Frame, fn: Function, a: list[Any]) -> Result:
    what = f"interest manager of trove {a[0]} (batch)"
    return [_power(f, "liquity_v2.interest_batch_manager", a[1], what)]


_U = "uint256"
_OPEN = f"address,{_U},{_U},{_U},{_U},{_U}"
TABLE = (
    (f"openTrove({_OPEN},{_U},{_U},address,address,address)", _open_trove),
    (
        f"openTroveAndJoinInterestBatchManager(({_OPEN},address,{_U},address,address,address))",
        _open_trove,
    ),
    (f"openTroveWithRawETH(({_OPEN},{_U},address,{_U},address,address,address))", _zapper_open),
    (
        f"openLeveragedTroveWithRawETH((address,{_U},{_U},{_U},{_U},{_U},{_U},{_U},address,{_U},"
        "address,address,address))",
        _zapper_open,
    ),
    ("grantPermission(uint128,bytes32,address)", _grant_permission),
    ("revokePermission(uint128,bytes32,address)", _revoke),
    ("renouncePermission(uint128,bytes32)", _revoke),
    ("setAddManager(uint256,address)", _revoke),
    ("setRemoveManager(uint256,address)", _remove_manager),
    ("setRemoveManagerWithReceiver(uint256,address,address)", _remove_manager_receiver),
    ("setRemoveManager(uint256,address,address)", _remove_manager_receiver),  # early bold
    (
        f"setInterestIndividualDelegate({_U},address,uint128,uint128,{_U},{_U},{_U},{_U},{_U})",
        _interest_delegate,
    ),
    ("removeInterestIndividualDelegate(uint256)", _revoke),
    (f"setInterestBatchManager({_U},address,{_U},{_U},{_U})", _batch_manager),
)
