"""SushiSwap BentoBox V1: master-contract approvals and the balances they open.

Source: sushiswap/bentobox ``contracts/flat/BentoBoxFlat.sol`` (BentoBoxV1, MasterContractManager,
BoringBatchable; deployed at ``0xF5BCE507…3966`` on Ethereum and other chains, as the
SushiSwap SDK's ``BENTOBOX_ADDRESS`` and Abracadabra / Kashi integrations name it):

- ``setMasterContractApproval(user, masterContract, approved, v, r, s)``: every clone of
  ``masterContract`` passes the ``allowed(from)`` modifier for ``user``, so it may
  ``withdraw`` / ``transfer`` every BentoBox balance of ``user`` to anyone (the signed form's
  own warning: "Give FULL access to funds in (and approved to) BentoBox?"). A ``manager``
  authority over the user's BentoBox account, handed to the master contract; ``approved =
  false`` takes it back. Its EIP-712 form ``SetMasterContractApproval(string warning,address
  user,address masterContract,bool approved,uint256 nonce)`` (domain ``EIP712Domain(string
  name,uint256 chainId,address verifyingContract)``, name "BentoBox V1") is the same grant,
  signed (:func:`master_approval`).
- ``deposit(token, from, to, amount, share)`` (token 0: the call's ETH), ``withdraw(token,
  from, to, amount, share)``, ``transfer(token, from, to, share)``, ``transferMultiple(token,
  from, tos[], shares[])``: value of ``from`` credited (deposit, transfer) or paid (withdraw)
  to ``to``; a balance moved to its own holder is no give. A share amount is priced on-chain
  (``share`` given, or any transfer): its amount is unknown to the request.
- ``permitToken(token, from, to, amount, deadline, v, r, s)``: the token's EIP-2612 ``permit``
  (``to`` is the spender), submitted through the box.
- ``batch(bytes[] calls, bool revertOnFail)``: each call delegatecalled on the box itself.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import ZERO, Frame, Result, asset
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import approval, named_call
from aiegis_guard.chains.transaction import AuthorityChange, Operation, Transfer
from aiegis_guard.errors import EvmDecodeError

__all__ = ["CONTRACTS", "MASTER_APPROVAL_FIELDS", "TABLE", "master_approval"]

BENTOBOX_V1 = "0xf5bce5077908a1b7370b9ae04adc565ebd643966"
CONTRACTS = frozenset({BENTOBOX_V1})
MASTER_APPROVAL_FIELDS = frozenset({"warning", "user", "masterContract", "approved", "nonce"})
_MANAGER = "manager (master contract: may move every BentoBox balance)"


def _approval(box: str, user: str | None, master: str) -> AuthorityChange:
    return AuthorityChange(
        via="bentobox.master_contract_approval",
        account=box,
        new_authority=master,
        authority_type=_MANAGER,
        current_authority=user,
    )


def master_approval(m: dict[str, Any], box: str) -> list[Operation]:
    """The signed ``SetMasterContractApproval``: the grant (or, approved false, nothing)."""
    master, approved = m["masterContract"], m["approved"]
    if not isinstance(master, str) or not isinstance(approved, bool):
        raise EvmDecodeError("SetMasterContractApproval: bad masterContract / approved")
    return [_approval(box.lower(), m["user"], master)] if approved and master != ZERO else []


def _set_master_approval(f: Frame, fn: Function, a: list[Any]) -> Result:
    user, master, approved = a[0], a[1], a[2]
    if not approved or master == ZERO:  # revoked (master 0 reverts)
        return [named_call(f, fn)]
    return [_approval(f.target, user, master)]


def _moved(f: Frame, via: str, token: str, parties: tuple[str, str], amount: int | None) -> Result:
    sender, to = parties
    if to == sender:  # the holder's own balance, moved in or out for itself
        return []
    source = f.target if sender == f.target else sender  # ``from`` = the box: a skim
    return [Transfer(via=via, asset=asset(token), sender=source, recipient=to, amount=amount)]


def _deposit(f: Frame, fn: Function, a: list[Any]) -> Result:
    token, sender, to, amount, share = a
    moved = _moved(f, "bentobox.deposit", token, (sender, to), None if share else amount)
    return [named_call(f, fn), *moved]


def _withdraw(f: Frame, fn: Function, a: list[Any]) -> Result:
    token, sender, to, amount, share = a
    moved = _moved(f, "bentobox.withdraw", token, (sender, to), None if share else amount)
    return [named_call(f, fn), *moved]


def _transfer(f: Frame, fn: Function, a: list[Any]) -> Result:
    token, sender, to, _share = a
    return [named_call(f, fn), *_moved(f, "bentobox.transfer", token, (sender, to), None)]


def _transfer_multiple(f: Frame, fn: Function, a: list[Any]) -> Result:
    token, sender, tos, _shares = a
    out: Result = [named_call(f, fn)]
    for to in tos:
        out += _moved(f, "bentobox.transfer", token, (sender, to), None)
    return out


def _permit_token(f: Frame, fn: Function, a: list[Any]) -> Result:
    token, owner, spender, amount, deadline = a[:5]
    return [named_call(f, fn), approval("eip2612.permit", token, owner, spender, amount,
                                        deadline=deadline)]  # fmt: skip


def _batch(f: Frame, fn: Function, a: list[Any]) -> Result:
    """Each call delegatecalled on the box: the same caller, the box's own functions."""
    return [f.inner(bytes(call)) for call in a[0]]


TABLE = (
    ("setMasterContractApproval(address,address,bool,uint8,bytes32,bytes32)", _set_master_approval),
    ("deposit(address,address,address,uint256,uint256)", _deposit),
    ("withdraw(address,address,address,uint256,uint256)", _withdraw),
    ("transfer(address,address,address,uint256)", _transfer),
    ("transferMultiple(address,address,address[],uint256[])", _transfer_multiple),
    (
        "permitToken(address,address,address,uint256,uint256,uint8,bytes32,bytes32)",
        _permit_token,
    ),
    ("batch(bytes[],bool)", _batch),
)
