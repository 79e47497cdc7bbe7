"""Superfluid money streams through the CFAv1Forwarder: who streams to whom, who may stream
for the account.

Sources: superfluid-finance/protocol-monorepo
``packages/ethereum-contracts/contracts/utils/CFAv1Forwarder.sol`` (``setFlowrate(token,
receiver, flowrate)`` / ``setFlowrateFrom(token, sender, receiver, flowrate)``: a positive
flowrate creates or updates the stream from ``sender`` (``msg.sender`` for ``setFlowrate``) to
``receiver``, 0 deletes it, a negative one reverts; ``createFlow`` / ``updateFlow(token,
sender, receiver, flowrate, userData)``: the same, by the sender or its flow operator;
``deleteFlow(token, sender, receiver, userData)``: the stream stops; ``grantPermissions(token,
flowOperator)``: full control (``AUTHORIZE_FULL_CONTROL``, flowrate allowance
``type(int96).max``) of ``msg.sender``'s streams; ``revokePermissions``: none;
``updateFlowOperatorPermissions(token, flowOperator, permissions, flowrateAllowance)``);
``contracts/interfaces/superfluid/Definitions.sol`` (``FlowOperatorDefinitions``: create 1,
update 2, delete 4); the forwarder's deployments from ``packages/metadata/networks.json``
(``cfaV1Forwarder``: one address on Ethereum, Optimism, BNB Chain, Gnosis, Polygon, Base,
Arbitrum One, Celo and Avalanche C).

A stream has no end and no total: it runs until someone deletes it or the sender's balance
of the super token is exhausted (then the sender's buffer is lost too). A stream from an own
account is therefore a give of *all* of that super token to the receiver (an amount the
request does not bound: ``superfluid.flow``); a flow operator that may create or update
streams may send all of it to anyone, an unlimited grant. Deleting a stream or revoking an
operator moves nothing. The host's ``callAgreement`` form (an encoded CFA call) is not read
here: it stays an unknown call.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import Frame, Result, asset
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import approval, named_call
from aiegis_guard.chains.transaction import Transfer

__all__ = ["CFA_V1_FORWARDER", "CONTRACTS", "TABLE"]

CFA_V1_FORWARDER = "0xcfa132e353cb4e398080b9700609bb008eceb125"  # networks.json cfaV1Forwarder
CONTRACTS = frozenset({CFA_V1_FORWARDER})

_CREATE, _UPDATE = 1, 2  # FlowOperatorDefinitions.AUTHORIZE_FLOW_OPERATOR_CREATE / _UPDATE
_UNLIMITED = 2**256 - 1


def _flow(f: Frame, fn: Function, token: str, parties: tuple[str | None, str], rate: int) -> Result:
    """A stream from ``sender`` to ``receiver`` at ``rate`` (> 0: created or updated, all of
    the super token given: ``judge_gives`` knows ``superfluid.flow`` has no bound); otherwise
    nothing moves (deleted, or the call reverts)."""
    sender, receiver = parties
    if rate <= 0:
        return [named_call(f, fn)]
    flow = Transfer(
        via="superfluid.flow", asset=asset(token), sender=sender, recipient=receiver, amount=None
    )
    return [flow]


def _set_flowrate(f: Frame, fn: Function, a: list[Any]) -> Result:
    token, receiver, rate = a
    return _flow(f, fn, token, (f.sender, receiver), rate)


def _set_flowrate_from(f: Frame, fn: Function, a: list[Any]) -> Result:
    token, sender, receiver, rate = a
    return _flow(f, fn, token, (sender, receiver), rate)


def _create_or_update(f: Frame, fn: Function, a: list[Any]) -> Result:
    token, sender, receiver, rate, _user_data = a
    return _flow(f, fn, token, (sender, receiver), rate)


def _delete(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [named_call(f, fn)]


def _operator(f: Frame, via: str, token: str, operator: str, grants: bool) -> Result:
    """``operator`` may (or may no longer) create and update the caller's streams of
    ``token``: an unlimited grant of it, or a revoke."""
    amount = _UNLIMITED if grants else 0
    return [approval(via, token, f.sender, operator, amount)]


def _grant(f: Frame, fn: Function, a: list[Any]) -> Result:
    return _operator(f, "superfluid.grant_permissions", a[0], a[1], True)


def _revoke(f: Frame, fn: Function, a: list[Any]) -> Result:
    return _operator(f, "superfluid.revoke_permissions", a[0], a[1], False)


def _update_permissions(f: Frame, fn: Function, a: list[Any]) -> Result:
    """Create or update permission with a positive flowrate allowance: the operator may
    stream the caller's tokens to anyone (the allowance caps each stream's rate, not its
    length); delete-only or a zero allowance moves nothing."""
    token, operator, permissions, allowance = a
    grants = bool(permissions & (_CREATE | _UPDATE)) and allowance > 0
    return _operator(f, "superfluid.update_permissions", token, operator, grants)


TABLE = (
    ("setFlowrate(address,address,int96)", _set_flowrate),
    ("setFlowrateFrom(address,address,address,int96)", _set_flowrate_from),
    ("createFlow(address,address,address,int96,bytes)", _create_or_update),
    ("updateFlow(address,address,address,int96,bytes)", _create_or_update),
    ("deleteFlow(address,address,address,bytes)", _delete),
    ("grantPermissions(address,address)", _grant),
    ("revokePermissions(address,address)", _revoke),
    ("updateFlowOperatorPermissions(address,address,uint8,int96)", _update_permissions),
)
