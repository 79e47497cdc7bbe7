"""Safe administration: owners, threshold, modules, guards, fallback handler, approveHash.

Source: safe-global/safe-smart-account ``contracts/base/OwnerManager.sol``,
``ModuleManager.sol``, ``GuardManager.sol``, ``FallbackManager.sol`` and ``Safe.sol``
(v1.3.0 / v1.4.1; all ``authorized``: only the Safe itself may call them, i.e. through an
``execTransaction`` to itself).

Each becomes an :class:`AuthorityChange` on the Safe (``account``) to ``new_authority``;
``chains/judge_grants.py`` maps the ``via`` to ``tx.evm.safe_owner_change`` (owners, threshold),
``safe_module_change``, ``safe_guard_change``, ``safe_fallback_handler_change``.
``approveHash`` pre-approves a Safe transaction the request does not show: an opaque call
judged ``tx.evm.safe_approve_hash`` (FLAG).

``libraries/SignMessageLib.sol`` ``signMessage(bytes _data)`` (DELEGATECALL from the Safe, only
into a Safe deployment of the library: ``calldata._delegatecall_ok``) marks
``getMessageHash(_data)`` signed: the Safe's EIP-1271 signature of ``_data``. The
``CompatibilityFallbackHandler`` answers ``isValidSignature(bytes32 _dataHash, ...)`` with the
message ``abi.encode(_dataHash)``: 32 bytes signed this way are the Safe's approval of that
hash, unprefixed (a Permit2 permit, a Seaport order, a UserOperation: whatever hashes to it).
The message is read as a message the Safe signs: a hash or an EIP-712 digest preimage is a
blind signature (``tx.evm.blind_signature``, BLOCK, as ``eth_sign`` of it and ``approveHash``
are), text (a sign-in, terms) moves nothing, anything else (binary; a transaction or typed
data carried in the text, read as ``personal_sign`` reads it when judged: ``evm/inspect.py``)
is an opaque message (``tx.evm.opaque_message``, FLAG): what it authorises is not shown.

:func:`gas_refund`: ``Safe.sol`` ``execTransaction`` -> ``handlePayment``: with ``gasPrice > 0``
the Safe pays ``(gasUsed + baseGas) * gasPrice`` of ``gasToken`` (ETH when it is zero, at
``min(gasPrice, tx.gasprice)``) to ``refundReceiver``, or to ``tx.origin`` (whoever executes)
when that is zero; the inner call gets ``safeTxGas``, so ``(safeTxGas + baseGas) * gasPrice``
bounds the payment, the gas of the CALL itself aside (``gasUsed`` is measured around it).
When that bound is 0 (``safeTxGas = baseGas = 0``) the Safe still pays for that CALL: an
unknown amount, not none. The same fields in the ``SafeTx`` typed data and in
``execTransaction`` calldata give the same give.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import ZERO, Frame, Result, asset, authority, native
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.transaction import AuthorityChange, Call, Transfer
from aiegis_guard.errors import EvmDecodeError

__all__ = ["EXECUTOR", "SIGN_MESSAGE_BLIND", "SIGN_MESSAGE_OPAQUE", "SIGN_MESSAGE_TEXT", "TABLE"]
__all__ += ["gas_refund"]

EXECUTOR = "executor (tx.origin)"
"""The refund's receiver when ``refundReceiver`` is zero and the executor is not known (a
signed ``SafeTx`` anyone may submit)."""


def gas_refund(safe: str, fields: list[Any], executor: str | None) -> Transfer | None:
    """The gas refund of ``fields = [safeTxGas, baseGas, gasPrice, gasToken, refundReceiver]``
    (module docstring): a give of the Safe's, or None when ``gasPrice`` is 0 (no payment)."""
    safe_tx_gas, base_gas, gas_price, gas_token, receiver = fields
    numbers = (safe_tx_gas, base_gas, gas_price)
    if not all(isinstance(n, int) and n >= 0 for n in numbers):
        raise EvmDecodeError("Safe transaction: gas fields are not unsigned integers")
    if not isinstance(gas_token, str) or not isinstance(receiver, str):
        raise EvmDecodeError("Safe transaction: gasToken / refundReceiver are not addresses")
    if not gas_price:
        return None
    gas_token, receiver = gas_token.lower(), receiver.lower()
    return Transfer(
        via="safe.gas_refund",
        asset=native() if gas_token == ZERO else asset(gas_token),
        sender=safe,
        recipient=(executor or EXECUTOR) if receiver == ZERO else receiver,
        amount=(safe_tx_gas + base_gas) * gas_price or None,
        carrier="execTransaction",
    )


def _change(f: Frame, via: str, what: str, new: str | None) -> AuthorityChange:
    return authority(f, via, what, None if new == ZERO else new)


def _add_owner(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [_change(f, "safe.owner", f"owner_added(threshold={a[1]})", a[0])]


def _remove_owner(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [_change(f, "safe.owner", f"owner_removed:{a[1]}(threshold={a[2]})", None)]


def _swap_owner(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [_change(f, "safe.owner", f"owner_swapped:{a[1]}", a[2])]


def _change_threshold(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [_change(f, "safe.threshold", f"threshold_changed({a[0]})", None)]


def _enable_module(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [_change(f, "safe.module", "module_enabled", a[0])]


def _setup_and_enable_module(f: Frame, fn: Function, a: list[Any]) -> Result:
    """Biconomy smart account v2 ``setupAndEnableModule(setupContract, setupData)``
    (bcnmy/scw-contracts ``base/ModuleManager.sol`` ``_setupAndEnableModule``): the account
    CALLs ``setupContract`` with ``setupData`` and enables the module address it returns,
    which the request does not show: a module authority to the setup contract (its usual
    return is itself: an ownership module's ``initForSmartAccount``), and the call itself."""
    setup, data = a
    out: Result = [_change(f, "safe.module", "module_enabled", setup)]
    return [*out, f.call(setup, 0, data)] if data else out


def _disable_module(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [Call(via="evm.call", target=f.target, name="disableModule", known=True)]


def _set_guard(f: Frame, fn: Function, a: list[Any]) -> Result:
    what = "guard_removed" if a[0] == ZERO else "guard_set"
    return [_change(f, "safe.guard", what, a[0])]


def _set_module_guard(f: Frame, fn: Function, a: list[Any]) -> Result:
    what = "module_guard_removed" if a[0] == ZERO else "module_guard_set"
    return [_change(f, "safe.guard", what, a[0])]


def _set_fallback_handler(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [_change(f, "safe.fallback_handler", "fallback_handler_set", a[0])]


def _approve_hash(f: Frame, fn: Function, a: list[Any]) -> Result:
    call = Call(
        via="safe.approve_hash",
        target=f.target,
        name="approveHash",
        selector="0xd4d9bdcd",
        sender=f.sender,
    )
    return [call, f"safe:approve_hash:0x{bytes(a[0]).hex()}"]


SIGN_MESSAGE_BLIND = "safe.sign_message.blind"
SIGN_MESSAGE_OPAQUE = "safe.sign_message.opaque"
SIGN_MESSAGE_TEXT = "safe:sign_message:"  # a note: the text signed, hex (judged by inspect)
_DIGEST_PREIMAGE = b"\x19\x01"


def _message_kind(data: bytes) -> str:
    """``blind``, ``opaque`` or ``text``: what the Safe signing ``data`` shows (module
    docstring). Text is read further when judged (``evm/inspect.py``: a transaction or typed
    data carried in it is opaque too)."""
    if len(data) == 32 or (len(data) == 66 and data.startswith(_DIGEST_PREIMAGE)):
        return "blind"  # isValidSignature(bytes32): the hash approved, or an EIP-712 digest's
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return "opaque"
    printable = sum(c.isprintable() or c in "\n\r\t" for c in text)
    return "text" if text and printable == len(text) else "opaque"


def _sign_message(f: Frame, fn: Function, a: list[Any]) -> Result:
    if not f.delegate:  # called, not delegated to: it marks the message in its own storage
        return [Call(via="evm.call", target=f.target, name="signMessage", known=True)]
    data = bytes(a[0])
    kind = _message_kind(data)
    via = {"blind": SIGN_MESSAGE_BLIND, "opaque": SIGN_MESSAGE_OPAQUE}.get(kind, "evm.call")
    call = Call(
        via=via,
        target=f.context,
        name="signMessage",
        known=kind == "text",
        selector="0x85a5affe",
        sender=f.sender,
    )
    return [call, f"{SIGN_MESSAGE_TEXT}{data.hex()}"] if kind == "text" else [call]


TABLE = (
    ("signMessage(bytes)", _sign_message),
    ("addOwnerWithThreshold(address,uint256)", _add_owner),
    ("removeOwner(address,address,uint256)", _remove_owner),
    ("swapOwner(address,address,address)", _swap_owner),
    ("changeThreshold(uint256)", _change_threshold),
    ("enableModule(address)", _enable_module),
    ("setupAndEnableModule(address,bytes)", _setup_and_enable_module),
    ("disableModule(address,address)", _disable_module),
    ("setGuard(address)", _set_guard),
    ("setModuleGuard(address)", _set_module_guard),
    ("setFallbackHandler(address)", _set_fallback_handler),
    ("approveHash(bytes32)", _approve_hash),
)
