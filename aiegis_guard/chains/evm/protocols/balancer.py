"""Balancer V2 Vault user operations: internal balances moved for whom, relayers approved.

Source: balancer/balancer-v2-monorepo ``pkg/interfaces/contracts/vault/IVault.sol``:

- ``setRelayerApproval(address sender, address relayer, bool approved)``: ``relayer`` may act
  for ``sender`` in every Vault function (swaps, joins, exits, ``manageUserBalance``), using
  ``sender``'s Vault ERC-20 allowances and Internal Balance; ``approved = false`` disallows it.
- ``manageUserBalance(UserBalanceOp[] ops)``, ``UserBalanceOp(UserBalanceOpKind kind, IAsset
  asset, uint256 amount, address sender, address recipient)``, ``UserBalanceOpKind {
  DEPOSIT_INTERNAL, WITHDRAW_INTERNAL, TRANSFER_INTERNAL, TRANSFER_EXTERNAL }``: DEPOSIT
  moves ``sender``'s tokens (Vault allowance; ETH: the call's value, asset 0) into
  ``recipient``'s Internal Balance; WITHDRAW moves ``sender``'s Internal Balance out to
  ``recipient``; TRANSFER_INTERNAL from ``sender``'s Internal Balance to ``recipient``'s;
  TRANSFER_EXTERNAL ``sender``'s tokens to ``recipient`` through the Vault's allowance.

Each operation is value leaving ``sender`` for ``recipient`` (a give, its amount explicit);
between two balances of the same account nothing leaves it: a deposit into its own Internal
Balance is a payment into the Vault (``order = SWAP``: judged as a deposit), a withdrawal to
itself is a receipt, an internal / external transfer to itself moves nothing.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import ZERO, Frame, Result, asset
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import named_call
from aiegis_guard.chains.transaction import SWAP_ORDER, AuthorityChange, Call, Receipt, Transfer
from aiegis_guard.errors import EvmDecodeError

__all__ = ["TABLE"]

DEPOSIT_INTERNAL, WITHDRAW_INTERNAL, TRANSFER_INTERNAL, TRANSFER_EXTERNAL = range(4)
# the Vault's one address on every chain (balancer-v2-monorepo pkg/deployments, tasks/
# 20210418-vault; data/evm_protocols.json)
VAULT = "0xba12222222228d8ba445958a75a0704d566bf2c8"
_VIA = {
    DEPOSIT_INTERNAL: "balancer.deposit_internal",
    WITHDRAW_INTERNAL: "balancer.withdraw_internal",
    TRANSFER_INTERNAL: "balancer.transfer_internal",
    TRANSFER_EXTERNAL: "balancer.transfer_external",
}


def _vault_call(f: Frame, fn: Function) -> Call:
    """The call as named: known on the Vault, an unknown call on any other contract (the same
    selector there runs whatever that contract holds)."""
    return named_call(f, fn, known=f.target == VAULT)


def _set_relayer_approval(f: Frame, fn: Function, a: list[Any]) -> Result:
    """A relayer approved for ``sender``: authority ``relayer`` over ``sender``'s Vault
    allowances and Internal Balance; a disapproval takes it back (nothing granted)."""
    sender, relayer, approved = a
    if not approved:
        return [_vault_call(f, fn)]
    change = AuthorityChange(
        via="balancer.set_relayer_approval",
        account=f.target,
        new_authority=relayer,
        authority_type="relayer",
        current_authority=sender,
    )
    return [_vault_call(f, fn), change]


def _user_op(f: Frame, op: tuple[Any, ...]) -> Result:
    kind, token, amount, sender, recipient = op
    if kind not in _VIA:
        raise EvmDecodeError(f"manageUserBalance: unknown operation kind {kind}")
    via, what = _VIA[kind], asset(token)
    if sender != recipient:
        if kind == DEPOSIT_INTERNAL and token == ZERO:  # the ETH is the call's value, paid
            # to the Vault already: what it credits to another is judged as an output to them
            return [Receipt(via=via, asset=what, recipient=recipient, amount=amount)]
        return [Transfer(via=via, asset=what, sender=sender, recipient=recipient, amount=amount)]
    if kind == DEPOSIT_INTERNAL and token != ZERO:
        give = Transfer(
            via=via, asset=what, sender=sender, recipient=f.target, amount=amount, order=SWAP_ORDER
        )
        return [give]
    if kind == WITHDRAW_INTERNAL:
        return [Receipt(via=via, asset=what, recipient=recipient, amount=amount)]
    return []


def _manage_user_balance(f: Frame, fn: Function, a: list[Any]) -> Result:
    out: Result = [_vault_call(f, fn)]
    for op in a[0]:
        out += _user_op(f, op)
    return out


TABLE = (
    ("setRelayerApproval(address,address,bool)", _set_relayer_approval),
    ("manageUserBalance((uint8,address,uint256,address,address)[])", _manage_user_balance),
)
