"""Euler's Ethereum Vault Connector (EVC): who may act for an account, and the calls it runs.

Source: euler-xyz/ethereum-vault-connector ``src/EthereumVaultConnector.sol`` and
``src/interfaces/IEthereumVaultConnector.sol`` (``docs/specs.md``: every address owns 256
accounts, its address XOR an account id 0-255; the 256 share the owner's first 19 bytes, the
*address prefix*; an account operator may do everything the owner may on that account):

- ``setAccountOperator(address account, address operator, bool authorized)``: ``operator``
  acts for ``account`` (borrows, withdraws its collateral to anyone) -> a ``manager``
  authority of the caller's position in the EVC; ``authorized = false`` takes it away;
- ``setOperator(bytes19 addressPrefix, address operator, uint256 operatorBitField)``: bit
  ``i`` makes ``operator`` the operator of account ``i`` of the prefix; a zero field takes
  every one away;
- ``enableController(address account, address vault)``: ``vault`` becomes the account's
  controller, which ``controlCollateral(targetCollateral, onBehalfOfAccount, value, data)``
  lets call every enabled collateral vault for the account (``docs/specs.md``: a controller
  may seize the collateral; only trusted controllers should be enabled) -> a ``controller``
  authority to ``vault`` (judged as any authority: a stranger BLOCKs, an allowlisted vault
  passes); read on the EVC only (``disableController`` is the vault's own call);
  ``enableCollateral(address account, address vault)`` / ``disableCollateral(...)``: which
  of the account's vaults an enabled controller may seize; no party gains a power by it (the
  controller's is ``enableController``'s): a known call of the EVC's;
- ``call(address targetContract, address onBehalfOfAccount, uint256 value, bytes data)`` and
  ``batch(BatchItem[] items)`` (``BatchItem(address targetContract, address
  onBehalfOfAccount, uint256 value, bytes data)``): ``callWithAuthenticationInternal`` runs
  ``data`` on the EVC itself by DELEGATECALL (``msg.sender`` kept; the account and value
  must be 0), else calls ``targetContract`` with ``value`` in the context of
  ``onBehalfOfAccount`` (the vault acts for that account, which the caller owns or operates):
  decoded as that account's call, the account among those the request acts for;
- ``permit(signer, sender, nonceNamespace, nonce, deadline, value, data, signature)`` and its
  EIP-712 ``Permit(address signer,address sender,uint256 nonceNamespace,uint256 nonce,uint256
  deadline,uint256 value,bytes data)`` (``PERMIT_TYPEHASH``): ``data`` runs on the EVC as if
  ``signer`` had sent it (``sender``, when not 0, only says who may relay it):
  ``protocols/signed.py`` decodes it as the signer's call of the verifying contract.

Mainnet EVC ``0x0C9a…E383``: euler-xyz/euler-interfaces ``addresses/1/CoreAddresses.json``
(``evc``; ``data/evm_protocols.json``). ``call`` / ``batch`` forward calls only on a
deployment of the book; elsewhere the name is the stranger's (``callee.py``).
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import ZERO, Frame, Result, native
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import named_call
from aiegis_guard.chains.known import protocol_of
from aiegis_guard.chains.transaction import AuthorityChange, Transfer

__all__ = ["TABLE", "is_evc"]

_PROTOCOL = "Euler EVC"


def is_evc(address: str) -> bool:
    """An EVC deployment of the book (``data/evm_protocols.json``)."""
    return protocol_of(address, None) == _PROTOCOL


def _operator(f: Frame, via: str, operator: str, accounts: str) -> AuthorityChange:
    return AuthorityChange(
        via=via,
        account=f.target,
        new_authority=operator,
        authority_type=f"manager of {accounts}",
        current_authority=f.sender,
    )


def _set_account_operator(f: Frame, fn: Function, a: list[Any]) -> Result:
    account, operator, authorized = a
    if not authorized or operator == ZERO:  # taken away: nobody gains a power
        return [named_call(f, fn)]
    return [_operator(f, "euler_evc.set_account_operator", operator, f"account {account}")]


def _set_operator(f: Frame, fn: Function, a: list[Any]) -> Result:
    prefix, operator, bits = a
    if not bits or operator == ZERO:
        return [named_call(f, fn)]
    ids = [i for i in range(256) if bits >> i & 1]
    which = "every account" if len(ids) == 256 else f"account ids {ids[:8]}"
    who = "0x" + bytes(prefix).hex()
    return [_operator(f, "euler_evc.set_operator", operator, f"{which} of prefix {who}")]


def _enable_controller(f: Frame, fn: Function, a: list[Any]) -> Result:
    account, vault = a
    if not is_evc(f.target):
        return [named_call(f, fn, known=False)]
    if vault == ZERO:  # no vault: the EVC reverts on the call into it
        return [named_call(f, fn)]
    return [
        AuthorityChange(
            via="euler_evc.enable_controller",
            account=f.target,
            new_authority=vault,
            authority_type=f"controller of account {account} (may seize its collateral)",
            current_authority=f.sender,
        )
    ]


def _collateral(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [named_call(f, fn, known=is_evc(f.target))]


def _same_owner(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a[:40] == b[:40]  # 19 bytes: "0x" + 38 hex


def _item(f: Frame, target: str, on_behalf: str, value: int, data: bytes) -> Result:
    """One call the EVC makes for the caller (``callWithAuthenticationInternal``)."""
    if target == f.target:  # DELEGATECALL into the EVC itself: the caller's own call
        return [f.inner(data)]
    account = f.sender if on_behalf == ZERO else on_behalf
    out: Result = []
    if value:
        pay = Transfer(
            via="native", asset=native(), sender=f.sender, recipient=target, amount=value
        )
        out.append(pay)
    inner = Frame(target, account, target, value, data, f.depth + 1, False, f.origin, f.path)
    out.append(inner)
    if _same_owner(account, f.sender):  # a sub-account of the caller: its assets are own's
        out.append(f"account:{account}")
    return out


def _call(f: Frame, fn: Function, a: list[Any]) -> Result:
    if not is_evc(f.target):
        return [named_call(f, fn, known=False)]
    return _item(f, a[0], a[1], a[2], a[3])


def _batch(f: Frame, fn: Function, a: list[Any]) -> Result:
    if not is_evc(f.target):
        return [named_call(f, fn, known=False)]
    out: Result = []
    for target, on_behalf, value, data in a[0]:
        out += _item(f, target, on_behalf, value, data)
    return out


TABLE = (
    ("setAccountOperator(address,address,bool)", _set_account_operator),
    ("setOperator(bytes19,address,uint256)", _set_operator),
    ("enableController(address,address)", _enable_controller),
    ("enableCollateral(address,address)", _collateral),
    ("disableCollateral(address,address)", _collateral),
    ("call(address,address,uint256,bytes)", _call),
    ("batch((address,address,uint256,bytes)[])", _batch),
)
