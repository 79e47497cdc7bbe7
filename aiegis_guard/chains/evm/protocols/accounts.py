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
that reads exactly as the OwnableValidator's ``abi.encode(threshold, owners)`` (threshold 1 to
the number of owners, every owner an address) names its owners: an ``owner`` authority each.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import ZERO, Frame, Result, authority, word_address
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import named_call

__all__ = ["MODULE_TYPES", "TABLE"]

# IERC7579Module.sol: MODULE_TYPE_VALIDATOR / EXECUTOR / FALLBACK / HOOK
MODULE_TYPES = {1: "validator", 2: "executor", 3: "fallback", 4: "hook"}
VALIDATOR = 1
_KEY_BYTES = 20  # ECDSAValidator: owner = address(bytes20(_data[0:20]))


def _threshold_owners(data: bytes) -> list[str] | None:
    """The owners of ``abi.encode(uint256 threshold, address[] owners)``, read strictly (the
    head's offset 0x40, the exact length, 1 <= threshold <= owners), else None."""
    words = [data[i : i + 32] for i in range(0, len(data), 32)]
    if len(data) % 32 or len(words) < 4 or int.from_bytes(words[1], "big") != 0x40:
        return None
    threshold, count = int.from_bytes(words[0], "big"), int.from_bytes(words[2], "big")
    owners = [word_address(w) for w in words[3:]]
    if count != len(owners) or not 1 <= threshold <= count or None in owners:
        return None
    return [o for o in owners if o is not None]


def _signer_key(f: Frame, data: bytes) -> Result:
    """The key a validator is enabled with: the first 20 bytes of its data, as the ECDSA
    validator reads them whatever follows (a zero key locks the owner out: a change all the
    same; another validator's longer data read this way asks for a human, never passes).
    Data that opens with 20 zero bytes and goes on is ABI-encoded, not a key."""
    owners = _threshold_owners(bytes(data))
    if owners is not None:
        return [authority(f, "account.owner", "owner", owner) for owner in owners]
    key = bytes(data[:_KEY_BYTES])
    if len(key) < _KEY_BYTES or (len(data) > _KEY_BYTES and not any(key)):
        return []  # no key; or ABI-encoded data (an offset's leading zeros), not a bare key
    return [authority(f, "account.owner", "owner", "0x" + key.hex())]


def _install_module(f: Frame, fn: Function, a: list[Any]) -> Result:
    type_id, module, init = a
    if module == ZERO:
        return [named_call(f, fn, known=False)]
    kind = MODULE_TYPES.get(type_id, f"type_{type_id}")
    out: Result = [authority(f, "erc7579.module", f"{kind}_module", module)]
    if type_id == VALIDATOR:
        out += _signer_key(f, init)
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


TABLE = (
    ("installModule(uint256,address,bytes)", _install_module),
    ("uninstallModule(uint256,address,bytes)", _uninstall_module),
    ("setDefaultValidator(address,bytes)", _set_default_validator),
    ("setExecution(bytes4,address,address,uint48,uint48,bytes)", _set_execution),
)
