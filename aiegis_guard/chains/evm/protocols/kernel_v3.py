"""ZeroDev Kernel v3 validations: who may sign for the account, and what they may do.

Sources (zerodevapp/kernel v3.1, ``src/Kernel.sol``, ``src/core/ValidationManager.sol``,
``src/core/SelectorManager.sol``, ``src/types/Constants.sol``):

- ``installValidations(bytes21[] vIds, (uint32 nonce, address hook)[] configs, bytes[]
  validationData, bytes[] hookData)`` (``onlyEntryPointOrSelfOrRoot``): each ``vId`` is a
  ``ValidationId`` = type byte ‖ identifier (``VALIDATION_TYPE_VALIDATOR = 0x01`` ‖ validator
  address; ``VALIDATION_TYPE_PERMISSION = 0x02`` ‖ 4-byte permission id ‖ zero padding).
  A validator is installed with ``validator.onInstall(validationData)``; a permission with
  ``_installPermission``: ``validationData = abi.encode(bytes[])``, every entry ``flag (2) ‖
  module (20) ‖ data``, the policies first and the signer last (``PassFlag`` ``0x0001``
  SKIP_USEROP, ``0x0002`` SKIP_SIGNATURE). A hook of ``address(0)`` / ``address(1)`` is none.
- The EIP-712 ``Enable(bytes21 validationId,uint32 nonce,address hook,bytes validatorData,
  bytes hookData,bytes selectorData)`` (domain ``Kernel`` / ``0.3.1``, verifyingContract = the
  account; ``_enableDigest``): signed by the root validator, it installs that validation in
  the UserOperation that carries it (enable mode) and grants it ``selectorData[0:4]``; with
  44 bytes or more, ``selectorData[4:24]`` becomes the selector's target and ``[24:44]`` its
  hook, ``selectorData[44:] = abi.encode(bytes selectorInitData, bytes hookInitData)``, the
  call type the first byte of ``selectorInitData`` (``CALLTYPE_DELEGATECALL = 0xff``: the
  target's code runs as the account; ``0x00``: the target is called as a fallback module).
- ``uninstallValidation(bytes21,bytes,bytes)``, ``invalidateNonce(uint32)``: a validation
  removed, old enable signatures voided (nobody gains anything); ``grantAccess(bytes21,bytes4,
  bool)``: a validation already installed may call one more selector (its signer was judged
  when it was installed).

Module addresses (zerodevapp/sdk ``plugins/permission/constants.ts`` and
``packages/core/constants.ts`` ``KernelVersionToAddressesMap`` 0.3.1): ECDSA signer
``0x6A6F…D4FF`` (signer data = the key's 20-byte address, ``toECDSASigner.ts``), sudo policy
``0x67b4…B9B7`` (no limit), timestamp policy ``0xB9f8…E20F`` (data ``abi.encode(uint48
validAfter, uint48 validUntil)``, ``toTimestampPolicy.ts``), call policies v0.0.1-0.0.5 (the
targets and selectors the key may call: not read here, an upper bound kept), and the Kernel
v3 ECDSA validator ``0x845A…cE57`` (``onInstall``: owner = the first 20 bytes).

Effects: a permission whose signer is the ECDSA signer is an :class:`AuthorityChange`
``delegate`` over the account to that key, lapsing at the timestamp policy's ``validUntil``;
a permission with another signer module names that module (its key format is not read). A
validator known here (the ECDSA validator) makes its key an ``owner``; another validator is
the authority itself (``account_validator_change``). A non-empty hook is a hook module; a
selector routed by DELEGATECALL is ``code`` run as the account; by CALL, a fallback module.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.abi import decode_args, parse_types
from aiegis_guard.chains.evm.envelope import to_bytes
from aiegis_guard.chains.evm.frames import Frame, Result
from aiegis_guard.chains.evm.protocols.accounts import NO_HOOK, signer_keys
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import named_call
from aiegis_guard.chains.transaction import AuthorityChange, Operation
from aiegis_guard.errors import EvmDecodeError

__all__ = [
    "ENABLE_FIELDS",
    "TABLE",
    "enable_effects",
    "validation_effects",
]

ENABLE_FIELDS = frozenset({"validationId", "validatorData", "hookData", "selectorData"})
_VALIDATOR, _PERMISSION = 0x01, 0x02
_DELEGATECALL = 0xFF
_ECDSA_SIGNER = "0x6a6f069e2a08c2468e7724ab3250cdbfba14d4ff"
_SUDO_POLICY = "0x67b436cad8a6d025df6c82c5bb43fbf11fc5b9b7"
_TIMESTAMP_POLICY = "0xb9f8f524be6ecd8c945b1b87f9ae5c192fdce20f"
# validators whose enable data is read by ``accounts.signer_keys`` (the key they admit)
_KNOWN_VALIDATORS = frozenset(
    {
        "0x845adb2c711129d4f3966735ed98a9f09fc4ce57",  # Kernel v3.1+ ECDSAValidator
        "0x8104e3ad430ea6d354d013a6789fdfc71e671c43",  # Kernel v3.0 ECDSAValidator
    }
)
_BYTES_LIST = parse_types("f(bytes[])")
_TWO_BYTES = parse_types("f(bytes,bytes)")


def _address(raw: bytes) -> str:
    return "0x" + raw.hex()


def _change(account: str, via: str, role: str, new: str, expires: int | None = None) -> Operation:
    return AuthorityChange(
        via=via,
        account=account,
        new_authority=new,
        authority_type=role,
        current_authority=None,
        expires=expires,
    )


def _permission(account: str, data: bytes) -> list[Operation]:
    """A permission's ``abi.encode(bytes[])`` entries (policies, then the signer)."""
    entries = [bytes(e) for e in decode_args(_BYTES_LIST, data)[0]]
    if not entries or any(len(e) < 22 for e in entries):
        return []  # PolicyDataTooLarge / a short entry: the install reverts
    *policies, signer = entries
    ends = []
    for p in policies:
        if _address(p[2:22]) == _TIMESTAMP_POLICY and len(p) >= 22 + 64:
            until = int.from_bytes(p[22 + 32 : 22 + 64], "big")
            if until:
                ends.append(until)
    expires = min(ends) if ends else None
    module = _address(signer[2:22])
    if module == _ECDSA_SIGNER and len(signer) >= 42:
        key = _address(signer[22:42])
        return [_change(account, "kernel.permission", "delegate", key, expires)]
    return [_change(account, "kernel.permission", "delegate", module, expires)]


def validation_effects(account: str, vid: bytes, data: bytes, hook: str) -> list[Operation]:
    """What installing validation ``vid`` with ``data`` (and ``hook``) lets happen."""
    account = account.lower()
    out: list[Operation] = []
    if vid[:1] == bytes([_PERMISSION]):
        out += _permission(account, data)
    elif vid[:1] == bytes([_VALIDATOR]):
        validator = _address(vid[1:21])
        frame = Frame(account, None, account, 0, b"", origin=None)
        if validator in _KNOWN_VALIDATORS:
            out += signer_keys(frame, data)
        else:
            out.append(_change(account, "kernel.validator", "validator_module", validator))
    else:
        raise EvmDecodeError("kernel: a validation id of an unknown type")
    if hook.lower() not in NO_HOOK:
        out.append(_change(account, "erc7579.module", "hook_module", hook.lower()))
    return out


def _selector_route(account: str, selector_data: bytes) -> list[Operation]:
    """A selector installed by an enable (``_checkEnableSig``): its target and call type."""
    if len(selector_data) < 44:
        return []
    target, hook = _address(selector_data[4:24]), _address(selector_data[24:44])
    init = bytes(decode_args(_TWO_BYTES, selector_data[44:])[0]) if selector_data[44:] else b""
    route = f"(selector=0x{selector_data[:4].hex()})"
    out: list[Operation] = []
    if init[:1] == bytes([_DELEGATECALL]):
        out.append(_change(account, "kernel.selector", f"code{route}", target))
    else:
        out.append(_change(account, "kernel.selector", f"fallback_module{route}", target))
    if hook not in NO_HOOK:
        out.append(_change(account, "erc7579.module", "hook_module", hook))
    return out


def enable_effects(m: dict[str, Any], account: str | None) -> list[Operation]:
    """A signed Kernel ``Enable``: the validation it installs and the selector it routes."""
    if account is None:
        raise EvmDecodeError("kernel Enable without a verifyingContract (the account)")
    vid, hook = to_bytes(m["validationId"], "kernel: validationId"), m.get("hook")
    if len(vid) != 21 or not isinstance(hook, str):
        raise EvmDecodeError("kernel Enable: a malformed validationId or hook")
    data = to_bytes(m["validatorData"], "kernel: validatorData")
    selector_data = to_bytes(m["selectorData"], "kernel: selectorData")
    return validation_effects(account, vid, data, hook) + _selector_route(
        account.lower(), selector_data
    )


def _install_validations(f: Frame, fn: Function, a: list[Any]) -> Result:
    vids, configs, datas, _hooks = a
    if not len(vids) == len(configs) == len(datas):
        return [named_call(f, fn, known=False)]  # index out of bounds: the call reverts
    out: Result = []
    for vid, (_nonce, hook), data in zip(vids, configs, datas, strict=True):
        out += validation_effects(f.target, bytes(vid), bytes(data), hook)
    return out or [named_call(f, fn, known=False)]


def _taken_back(f: Frame, fn: Function, a: list[Any]) -> Result:
    """A validation removed, enable signatures voided or a selector granted to a validation
    already installed: nobody new gains a power (the account's own business)."""
    return [named_call(f, fn, known=False)]


TABLE = (
    ("installValidations(bytes21[],(uint32,address)[],bytes[],bytes[])", _install_validations),
    ("uninstallValidation(bytes21,bytes,bytes)", _taken_back),
    ("invalidateNonce(uint32)", _taken_back),
    ("grantAccess(bytes21,bytes4,bool)", _taken_back),
)
