"""Administration of contracts the caller controls: roles, proxies and smart-account owners.

Sources:

- OpenZeppelin/openzeppelin-contracts ``contracts/access/AccessControl.sol`` (``grantRole(bytes32
  role, address account)``, ``revokeRole(bytes32, address)``, ``renounceRole(bytes32 role,
  address callerConfirmation)``; ``DEFAULT_ADMIN_ROLE = 0x00``, a role is
  ``keccak256("<NAME>_ROLE")``, e.g. ``MINTER_ROLE`` / ``PAUSER_ROLE`` in
  ``token/ERC20/presets/ERC20PresetMinterPauser.sol``). ``grantRole`` needs the role's admin:
  the caller administers the contract, and the account gets what the role may do (mint, pause,
  upgrade, grant further roles).
- OpenZeppelin ``contracts/proxy/transparent/ProxyAdmin.sol`` (v4.9: ``changeProxyAdmin(proxy,
  newAdmin)``, ``upgrade(proxy, implementation)``, ``upgradeAndCall(proxy, implementation,
  data)``; v5 keeps only ``upgradeAndCall``, all ``onlyOwner``) and v4.9
  ``TransparentUpgradeableProxy.sol`` (``changeAdmin(address)``, called by the admin on the
  proxy). The proxy named in the arguments runs the new implementation's code from then on:
  an authority on that proxy, handed over by the ProxyAdmin's owner (the caller).
- safe-global/safe-smart-account v1.1.1 ``contracts/common/MasterCopy.sol``
  (``changeMasterCopy(address _masterCopy)``, ``authorized``: a Safe transaction to itself;
  removed in 1.3.0): the Safe's singleton, the code it runs from then on.
- coinbase/smart-wallet ``src/MultiOwnable.sol`` (``addOwnerAddress(address)``,
  ``addOwnerPublicKey(bytes32 x, bytes32 y)``: a passkey owner, ``removeOwnerAtIndex(uint256,
  bytes)``, ``removeLastOwner(uint256, bytes)``: reverts unless one owner is left, the account
  then has none), ``onlyOwner`` = an owner or the account itself. A passkey has no address:
  it is written ``p256:0x<x><y>`` (:mod:`aiegis_guard.passkeys`), own when ``[wallet]
  passkeys`` lists it, else judged as any new owner.
- alchemyplatform/light-account ``src/MultiOwnerLightAccount.sol`` and
  alchemyplatform/modular-account ``src/plugins/owner/MultiOwnerPlugin.sol``
  (``updateOwners(address[] ownersToAdd, address[] ownersToRemove)``, on the account: each
  added address signs for it; removals give nobody anything).
- dapphub/ds-auth ``src/auth.sol`` (``setOwner(address owner_)``, ``setAuthority(DSAuthority
  authority_)``, both ``auth``) and dapphub/ds-proxy ``src/proxy.sol`` (``execute(address
  _target, bytes _data)``: ``delegatecall`` of ``_target`` in the proxy, ``auth``): Maker's
  DSProxy, which holds its owner's vaults.
- Biconomy smart account v2 ownership modules (bcnmy/scw-contracts ``contracts/smart-account/
  modules/``): ``ECDSAOwnershipRegistryModule.initForSmartAccount(address owner)``,
  ``MultiOwnedECDSAModule.initForSmartAccount(address[] eoaOwners)``,
  ``PasskeyRegistryModule.initForSmartAccount(uint256 _pubKeyX, uint256 _pubKeyY, string
  _keyId)``: each stores, for ``msg.sender`` (the smart account that CALLs it, in
  ``setupAndEnableModule`` or after ``enableModule``), the key that signs for that account from
  then on: an owner of the caller, whatever module carries it (an allowlisted module hands
  out what its setup data names). A passkey is written as ``addOwnerPublicKey``'s.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import ZERO, Frame, Result, authority
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import named_call
from aiegis_guard.chains.transaction import AuthorityChange
from aiegis_guard.checksums import keccak256
from aiegis_guard.passkeys import PASSKEY_PREFIX

__all__ = ["TABLE", "role_name"]

# AccessControl.sol DEFAULT_ADMIN_ROLE; the other roles are keccak256 of their constant's name
# (the names OpenZeppelin's presets and Contracts Wizard declare)
_ROLE_NAMES = ("MINTER", "PAUSER", "BURNER", "UPGRADER", "ADMIN", "OPERATOR", "MANAGER")
_ROLES = {bytes(32): "default_admin_role"} | {
    keccak256(f"{n}_ROLE".encode()): f"{n.lower()}_role" for n in _ROLE_NAMES
}


def role_name(role: bytes) -> str:
    """``minter_role`` for keccak256("MINTER_ROLE"); an unnamed role by its hash's head."""
    return _ROLES.get(bytes(role), f"role_0x{bytes(role)[:4].hex()}")


def _grant_role(f: Frame, fn: Function, a: list[Any]) -> Result:
    role, account = a
    return [authority(f, "access_control.grant_role", role_name(role), account)]


def _named(f: Frame, fn: Function, a: list[Any]) -> Result:
    """Takes a power away (a role revoked or renounced, an owner removed): nobody gains one."""
    return [named_call(f, fn)]


def _on_proxy(f: Frame, proxy: str, via: str, what: str, new: str) -> AuthorityChange:
    return AuthorityChange(
        via=via, account=proxy, new_authority=new, authority_type=what, current_authority=f.sender
    )


def _upgrade(f: Frame, fn: Function, a: list[Any]) -> Result:
    """ProxyAdmin ``upgrade`` / ``upgradeAndCall``: the proxy's implementation; ``data``, when
    any, is then run on the proxy (``ERC1967Utils.upgradeToAndCall``: a delegatecall of the
    new implementation with ``data``) with the call's value. Its ``msg.sender`` is the
    ProxyAdmin, which runs only for its owner (``onlyOwner``): the caller's own act, decoded
    as the caller's call of the new implementation's code in the proxy's context (an
    ``initialize(stranger)`` / ``transferOwnership`` is judged as if sent to the proxy
    directly; an opaque initializer as a call of that code: allowlisted, FLAG only when it
    names a stranger), never dropped."""
    proxy, implementation = a[:2]
    out: Result = [_on_proxy(f, proxy, "proxy.upgrade", "implementation", implementation)]
    data = bytes(a[2]) if len(a) > 2 else b""
    if data:
        out.append(
            Frame(
                implementation, f.sender, proxy, f.value, data, f.depth + 1, False, f.origin, f.path
            )
        )
    return out


def _change_proxy_admin(f: Frame, fn: Function, a: list[Any]) -> Result:
    proxy, admin = a
    return [_on_proxy(f, proxy, "proxy.admin", "proxy_admin", admin)]


def _change_admin(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [authority(f, "proxy.admin", "proxy_admin", a[0])]


def _change_master_copy(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [authority(f, "proxy.upgrade", "master_copy", a[0])]


def _add_owner_address(f: Frame, fn: Function, a: list[Any]) -> Result:
    if a[0] == ZERO:  # MultiOwnable would register abi.encode(0): nobody can sign with it
        return [named_call(f, fn, known=False)]
    return [authority(f, "account.owner", "owner", a[0])]


def _add_owner_public_key(f: Frame, fn: Function, a: list[Any]) -> Result:
    x, y = a
    key = f"{PASSKEY_PREFIX}0x{bytes(x).hex()}{bytes(y).hex()}"
    return [authority(f, "account.owner", "owner_passkey", key)]


def _account_owner(account: str, what: str, new: str) -> AuthorityChange:
    """``new`` signs for the calling ``account`` (a module's registry entry for
    ``msg.sender``)."""
    return AuthorityChange(
        via="account.owner",
        account=account,
        new_authority=new,
        authority_type=what,
        current_authority=account,
    )


def _init_owner(f: Frame, fn: Function, a: list[Any]) -> Result:
    owners = [o for o in (a[0] if isinstance(a[0], list | tuple) else [a[0]]) if o != ZERO]
    if not owners or f.sender is None:
        return [named_call(f, fn, known=False)]
    return [_account_owner(f.sender, "owner (module registry)", owner) for owner in owners]


def _init_passkey(f: Frame, fn: Function, a: list[Any]) -> Result:
    x, y = a[0], a[1]
    if f.sender is None:
        return [named_call(f, fn, known=False)]
    key = f"{PASSKEY_PREFIX}0x{x:064x}{y:064x}"
    return [_account_owner(f.sender, "owner_passkey (module registry)", key)]


def _remove_last_owner(f: Frame, fn: Function, a: list[Any]) -> Result:
    """The account's only owner removed: nobody can sign for it again."""
    return [authority(f, "account.owner", "owner_renounced", None)]


def _update_owners(f: Frame, fn: Function, a: list[Any]) -> Result:
    added = [owner for owner in a[0] if owner != ZERO]
    if not added:
        return [named_call(f, fn)]
    return [authority(f, "account.owner", "owner", owner) for owner in added]


def _set_owner(f: Frame, fn: Function, a: list[Any]) -> Result:
    """DSAuth ``setOwner(owner_)``: the contract's owner (every ``auth`` function), as Ownable's
    ``transferOwnership``."""
    return [authority(f, "ownable.transfer_ownership", "owner", a[0])]


def _set_authority(f: Frame, fn: Function, a: list[Any]) -> Result:
    """DSAuth ``setAuthority(authority_)``: the contract whose ``canCall`` decides every ``auth``
    call from then on."""
    return [authority(f, "dsauth.set_authority", "authority", a[0])]


def _ds_proxy_execute(f: Frame, fn: Function, a: list[Any]) -> Result:
    """DSProxy ``execute(address _target, bytes _data)``: ``_target`` DELEGATECALLed with
    ``_data`` in the proxy (its owner's account: a Maker vault holder's)."""
    target, data = a
    return [f.delegatecall(target, bytes(data)), "dsproxy:delegatecall", f"account:{f.context}"]


TABLE = (
    ("grantRole(bytes32,address)", _grant_role),
    ("revokeRole(bytes32,address)", _named),
    ("renounceRole(bytes32,address)", _named),
    ("upgrade(address,address)", _upgrade),
    ("upgradeAndCall(address,address,bytes)", _upgrade),
    ("changeProxyAdmin(address,address)", _change_proxy_admin),
    ("changeAdmin(address)", _change_admin),
    ("changeMasterCopy(address)", _change_master_copy),
    ("addOwnerAddress(address)", _add_owner_address),
    ("addOwnerPublicKey(bytes32,bytes32)", _add_owner_public_key),
    ("removeOwnerAtIndex(uint256,bytes)", _named),
    ("removeLastOwner(uint256,bytes)", _remove_last_owner),
    ("updateOwners(address[],address[])", _update_owners),
    ("setOwner(address)", _set_owner),
    ("setAuthority(address)", _set_authority),
    ("execute(address,bytes)", _ds_proxy_execute),
    ("initForSmartAccount(address)", _init_owner),
    ("initForSmartAccount(address[])", _init_owner),
    ("initForSmartAccount(uint256,uint256,string)", _init_passkey),
)
