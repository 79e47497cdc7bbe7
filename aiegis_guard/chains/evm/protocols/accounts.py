"""Smart-account administration: ERC-7579 modules and ZeroDev Kernel v2 validators.

Sources:

- erc7579/erc7579-implementation ``src/interfaces/IERC7579Account.sol`` (``installModule(
  uint256 moduleTypeId, address module, bytes initData)`` / ``uninstallModule(uint256,
  address, bytes deInitData)``, both ``payable``; authorization: ``onlyEntryPointOrSelf``) and
  ``src/interfaces/IERC7579Module.sol`` (``MODULE_TYPE_VALIDATOR = 1``, ``EXECUTOR = 2``,
  ``FALLBACK = 3``, ``HOOK = 4``). A self-call carried by the account's own ERC-7579
  ``execute(mode, executionCalldata)`` reaches these handlers through ``wrappers.py``.
- zerodevapp/kernel v2 ``src/abstract/KernelStorage.sol`` / ``src/Kernel.sol``
  (``setDefaultValidator(IKernelValidator _defaultValidator, bytes _data)``: the validator of
  every UserOperation, enabled with ``_defaultValidator.enable(_data)``;
  ``setExecution(bytes4 _selector, address _executor, IKernelValidator _validator, uint48
  _validUntil, uint48 _validAfter, bytes _enableData)``: calls of ``_selector`` run by
  ``_executor``, authorised by ``_validator`` enabled with ``_enableData``) and
  ``src/validator/ECDSAValidator.sol`` (``enable`` / ``onInstall``: ``owner =
  address(bytes20(_data[0:20]))``).

- rhinestonewtf/core-modules ``src/OwnableValidator/OwnableValidator.sol`` (``onInstall``:
  ``(uint256 _threshold, address[] memory _owners) = abi.decode(data, (uint256, address[]))``;
  ``_threshold`` of the owners sign for the account).

Each installed module, validator or executor is an :class:`AuthorityChange` on the account
(the call's target) to the module: it can authorise (validator), run (executor), intercept
(fallback handler) or veto (hook) what the account does. The first 20 bytes of a validator's
enable data are the ECDSA validator's key, whatever follows: the key that signs for the
account, an ``owner`` authority (ownership: judged as a Safe owner; allowlisted in any role).
Removing a module (``uninstallModule``, a zero executor / validator) gives nobody anything, but
the same selectors on any contract run whatever it holds: an unknown call (FLAG). Enable data
that decodes as the OwnableValidator's ``abi.decode(data, (uint256, address[]))`` reads it
(any in-bounds offset, trailing bytes ignored) names its owners: an ``owner`` authority each.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.abi import decode_args, parse_types
from aiegis_guard.chains.evm.frames import ZERO, Frame, Result, authority, native, word_address
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import named_call
from aiegis_guard.chains.transaction import Transfer
from aiegis_guard.errors import EvmDecodeError

__all__ = ["MODULE_TYPES", "NO_HOOK", "TABLE", "signer_keys", "threshold_owners"]

# IERC7579Module.sol: MODULE_TYPE_VALIDATOR / EXECUTOR / FALLBACK / HOOK
MODULE_TYPES = {1: "validator", 2: "executor", 3: "fallback", 4: "hook"}
VALIDATOR = 1
_KEY_BYTES = 20  # ECDSAValidator: owner = address(bytes20(_data[0:20]))


_WORD = 32
# Kernel v3 (zerodevapp/kernel ``ValidationManager._installValidation``): a hook of
# ``address(0)`` / ``address(1)`` is none
NO_HOOK = frozenset({"0x" + "00" * 20, "0x" + "00" * 19 + "01"})
_KERNEL_VALIDATOR_INIT = parse_types("f(bytes,bytes,bytes)")
_MAX_SIZE = 2**64 - 1  # Solidity's ABI decoder: offsets and lengths above this revert


def _word(data: bytes, at: int) -> int:
    return int.from_bytes(data[at : at + _WORD], "big")


def _threshold_owners(data: bytes) -> list[str] | None:
    """The owners of ``(uint256 threshold, address[] owners)`` read as Solidity's
    ``abi.decode`` reads them (ABI coder v2, ``abi_decode_tuple_t_uint256t_array``): a
    64-byte head, the array at any in-bounds offset, its whole body in bounds, every element
    a clean address (upper 12 bytes zero), trailing bytes ignored; None where the decoder
    reverts. ``onInstall`` then reverts for a threshold of 0 or above the owners: no owners
    (an empty list)."""
    if len(data) < 2 * _WORD:
        return None
    offset = _word(data, _WORD)
    if offset > _MAX_SIZE or offset + _WORD > len(data):
        return None
    count = _word(data, offset)
    start = offset + _WORD
    if count > _MAX_SIZE or start + count * _WORD > len(data):
        return None
    owners = [word_address(data[start + i * _WORD : start + (i + 1) * _WORD]) for i in range(count)]
    if None in owners:
        return None
    if not 1 <= _word(data, 0) <= count:
        return []  # ThresholdNotSet / InvalidThreshold: the install reverts
    return [o for o in owners if o is not None]


def _signer_key(f: Frame, data: bytes) -> Result:
    """Who a validator's enable data makes a signer of the account: the OwnableValidator's
    owners where the data decodes as its ``abi.decode`` does; else the first 20 bytes, as the
    ECDSA validator reads them whatever follows (a zero key locks the owner out: a change
    all the same; another validator's longer data read this way asks for a human, never
    passes). Data that is neither (shorter than a key, or 20 zero bytes and more) makes
    the OwnableValidator's and the ECDSA validator's install revert; it is another
    validator's own format (a session-key validator's config), read as the allowlisted
    module's business, as before."""
    data = bytes(data)
    owners = _threshold_owners(data)
    if owners is not None:
        return [authority(f, "account.owner", "owner", owner) for owner in owners]
    if not data:
        return []
    key = data[:_KEY_BYTES]
    if len(key) < _KEY_BYTES or (len(data) > _KEY_BYTES and not any(key)):
        return []  # no key; or another validator's ABI data (a session key's config)
    return [authority(f, "account.owner", "owner", "0x" + key.hex())]


def _kernel_validator_data(init: bytes) -> bytes:
    """The validator's own data inside Kernel v3 ``installModule(1, validator, initData)``:
    ``initData = hook (20) ‖ abi.encode(bytes validatorData, bytes hookData, bytes
    selectorData)`` (zerodevapp/kernel ``Kernel.sol`` ``InstallValidatorDataFormat``), when
    ``init`` is so shaped with no hook; else ``init`` itself (another account's format)."""
    if len(init) < 20 + 96 or "0x" + init[:20].hex() not in NO_HOOK:
        return init
    try:
        return bytes(decode_args(_KERNEL_VALIDATOR_INIT, init[20:])[0])
    except EvmDecodeError:
        return init


signer_keys = _signer_key
threshold_owners = _threshold_owners


def _install_module(f: Frame, fn: Function, a: list[Any]) -> Result:
    type_id, module, init = a
    if module == ZERO:
        return [named_call(f, fn, known=False)]
    kind = MODULE_TYPES.get(type_id, f"type_{type_id}")
    out: Result = [authority(f, "erc7579.module", f"{kind}_module", module)]
    if type_id == VALIDATOR:
        init = bytes(init)
        own_format = _threshold_owners(init) is not None  # the OwnableValidator's own data
        out += _signer_key(f, init if own_format else _kernel_validator_data(init))
    return out


def _uninstall_module(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [named_call(f, fn, known=False)]


def _set_default_validator(f: Frame, fn: Function, a: list[Any]) -> Result:
    validator, data = a
    if validator == ZERO:
        return [named_call(f, fn, known=False)]
    change = authority(f, "kernel.validator", "default_validator", validator)
    return [change, *_signer_key(f, data)]


def _set_execution(f: Frame, fn: Function, a: list[Any]) -> Result:
    selector, executor, validator, _until, _after, data = a
    route = f"(selector=0x{bytes(selector).hex()})"
    out: Result = []
    if executor != ZERO:
        out.append(authority(f, "kernel.executor", f"executor_module{route}", executor))
    if validator != ZERO:
        out.append(authority(f, "kernel.validator", f"execution_validator{route}", validator))
        out += _signer_key(f, data)
    return out or [named_call(f, fn, known=False)]


def _add_deposit(f: Frame, fn: Function, a: list[Any]) -> Result:
    """ERC-4337 ``addDeposit()``: the call's ETH deposited at the EntryPoint for the account
    itself (``entryPoint().depositTo{value: msg.value}(address(this))``). Known only as the
    account's: on any other contract, a payable call of unknown code (not ``known``)."""
    return [named_call(f, fn, known=False)]


def _withdraw_deposit_to(f: Frame, fn: Function, a: list[Any]) -> Result:
    """ERC-4337 ``withdrawDepositTo(withdrawAddress, amount)``: ``amount`` of the account's
    EntryPoint deposit paid to ``withdrawAddress`` (``entryPoint().withdrawTo``): a give of
    the account's ETH; the call itself stays unknown code off the own account."""
    to, amount = a
    give = Transfer(
        via="erc4337.withdraw_deposit_to", asset=native(), sender=f.target, recipient=to,
        amount=amount,
    )  # fmt: skip
    return [give, named_call(f, fn, known=False, names=(to,))]


TABLE = (
    ("installModule(uint256,address,bytes)", _install_module),
    # eth-infinitism/account-abstraction contracts/samples/SimpleAccount.sol (v0.6 / v0.7)
    ("addDeposit()", _add_deposit),
    ("withdrawDepositTo(address,uint256)", _withdraw_deposit_to),
    ("uninstallModule(uint256,address,bytes)", _uninstall_module),
    ("setDefaultValidator(address,bytes)", _set_default_validator),
    ("setExecution(bytes4,address,address,uint48,uint48,bytes)", _set_execution),
)
