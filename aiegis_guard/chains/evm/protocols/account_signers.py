"""Who may sign for a smart account: Ambire privileges and thirdweb admins / session keys.

Sources:

- AmbireTech/ambire-common ``contracts/AmbireAccount.sol``: ``setAddrPrivilege(address addr,
  bytes32 priv)`` (self-call only: ``ONLY_IDENTITY_CAN_CALL``); any non-zero ``priv`` lets
  ``addr`` sign ``execute`` bundles and send ``executeBySender`` batches for the account: an
  ``owner`` authority; zero takes it away. Two addresses are markers, not keys: the fallback
  handler is ``privileges[address(0x6969)]`` (``FALLBACK_HANDLER_SLOT``: the account's
  ``fallback`` DELEGATECALLs it, its code runs as the account: ``fallback_handler``
  authority to ``address(uint160(priv))``), and ``priv = 0x7171`` (``ENTRY_POINT_MARKER``)
  makes ``addr`` the account's ERC-4337 entry point (it runs the operations privileged keys
  sign: an ``entry_point`` authority). ``executeBySender`` / ``executeBySelf`` /
  ``execute(Transaction[], bytes)`` / ``tryCatch`` run calls as the account
  (``selectors.py``).
- thirdweb-dev/contracts ``contracts/extension/upgradeable/AccountPermissions.sol``
  (``setPermissionsForSigner(SignerPermissionRequest, bytes signature)``, signed by an admin;
  ``isAdmin`` 1 adds an admin, above 1 removes one, 0 sets a session signer's
  ``approvedTargets``, ``nativeTokenLimitPerTransaction`` and permission window) and the SDK's
  typed data (thirdweb-dev/js ``SignerPermissionRequest(address signer,uint8 isAdmin,address[]
  approvedTargets,uint256 nativeTokenLimitPerTransaction,uint128 permissionStartTimestamp,
  uint128 permissionEndTimestamp,uint128 reqValidityStartTimestamp,uint128
  reqValidityEndTimestamp,bytes32 uid)``, domain "Account" / "1", the account as
  ``verifyingContract``); ``approvedTargets == [address(0)]`` is the wildcard (every target:
  thirdweb ``isValidSigner`` tree, SDK ``approvedTargets: "*"``). An admin is an ``owner``
  authority; a session signer a ``delegate`` authority expiring at its
  ``permissionEndTimestamp`` when its targets are listed (bounded: judged short-lived or not
  by that end), without expiry for the wildcard; a signer with no target can use nothing
  (``isActiveSigner``): no effect. The contract's own ``TYPEHASH`` has been published without
  ``isAdmin`` (``AccountPermissions.sol`` of thirdweb-dev/contracts, while
  ``setPermissionsForSigner`` reads ``_req.isAdmin``): a request signed in that form leaves
  ``isAdmin`` to whoever submits it, so it reads as the admin it can become.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import ZERO, Frame, Result, authority
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import named_call
from aiegis_guard.chains.transaction import AuthorityChange, Operation
from aiegis_guard.errors import EvmDecodeError

__all__ = ["SIGNER_REQUEST_FIELDS", "TABLE", "signer_request"]

_FALLBACK_SLOT = "0x" + "00" * 18 + "6969"  # AmbireAccount FALLBACK_HANDLER_SLOT
_ENTRY_POINT_MARKER = 0x7171
SIGNER_REQUEST_FIELDS = frozenset(
    {"signer", "approvedTargets", "nativeTokenLimitPerTransaction", "permissionEndTimestamp",
     "uid"}
)  # fmt: skip


def _set_addr_privilege(f: Frame, fn: Function, a: list[Any]) -> Result:
    addr, priv = a[0], int.from_bytes(bytes(a[1]), "big")
    if priv == 0:
        return [named_call(f, fn)]  # taken away
    if addr == _FALLBACK_SLOT:
        handler = "0x" + (priv % 2**160).to_bytes(20, "big").hex()
        return [authority(f, "ambire.fallback_handler", "fallback_handler (code run as the "
                          "account)", handler)]  # fmt: skip
    if priv == _ENTRY_POINT_MARKER:
        return [authority(f, "ambire.entry_point", "entry_point (runs signed operations)", addr)]
    return [authority(f, "account.owner", "owner (privileged key)", addr)]


def _session(account: str, req: tuple[Any, ...], by: str | None) -> list[Operation]:
    signer, is_admin, targets, limit, _start, end = req[:6]
    if is_admin == 1:
        return [authority_of(account, "account.owner", "owner (admin)", signer, by)]
    if is_admin > 1 or not targets or signer == ZERO:
        return []  # an admin removed; a signer with no target uses nothing
    wildcard = any(t == ZERO for t in targets)
    scope = "every target" if wildcard else f"{len(targets)} target(s)"
    what = f"delegate (session signer: {scope}, {limit} wei a call, until {end})"
    change = authority_of(account, "account.session_signer", what, signer, by)
    return [change if wildcard else change.model_copy(update={"expires": end})]


def authority_of(account: str, via: str, what: str, who: str, by: str | None) -> AuthorityChange:
    return AuthorityChange(
        via=via, account=account, new_authority=who, authority_type=what, current_authority=by
    )


def signer_request(m: dict[str, Any], account: str) -> list[Operation]:
    """The signed ``SignerPermissionRequest`` (the account is its ``verifyingContract``)."""
    account = account.lower()
    if "isAdmin" not in m:  # not signed: whoever submits the request sets it
        what = "owner (admin: isAdmin is not signed, the submitter sets it)"
        return [authority_of(account, "account.owner", what, m["signer"], None)]
    fields = ("signer", "isAdmin", "approvedTargets", "nativeTokenLimitPerTransaction")
    req = (*(m[k] for k in fields), m.get("permissionStartTimestamp", 0),
           m["permissionEndTimestamp"])  # fmt: skip
    if not isinstance(req[1], int) or not isinstance(req[2], list | tuple):
        raise EvmDecodeError("SignerPermissionRequest: bad isAdmin / approvedTargets")
    return _session(account, req, None)


def _set_permissions_for_signer(f: Frame, fn: Function, a: list[Any]) -> Result:
    out = _session(f.target, tuple(a[0]), f.sender)
    return out or [named_call(f, fn)]


TABLE = (
    ("setAddrPrivilege(address,bytes32)", _set_addr_privilege),
    (
        "setPermissionsForSigner((address,uint8,address[],uint256,uint128,uint128,uint128,"
        "uint128,bytes32),bytes)",
        _set_permissions_for_signer,
    ),
)
