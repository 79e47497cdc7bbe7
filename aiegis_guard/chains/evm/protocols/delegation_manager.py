"""MetaMask Delegation Framework (ERC-7710) on-chain: the ``DelegationManager`` calls.

Sources: MetaMask/delegation-framework v1.3.0 ``src/DelegationManager.sol`` and
``documents/DelegationManager.md``; ``src/utils/Types.sol`` (``Delegation(address delegate,
address delegator, bytes32 authority, Caveat[] caveats, uint256 salt, bytes signature)``,
``Caveat(address enforcer, bytes terms, bytes args)``, ``ModeCode`` = ``bytes32``);
``documents/Deployments.md`` (DelegationManager ``0xdb9B1e94B5b69Df7e401DDbedE43491141047dB3``,
the same on every chain):

- ``redeemDelegations(bytes[] permissionContexts, ModeCode[] modes, bytes[] executionCallDatas)``:
  each context is ``abi.encode(Delegation[])``, leaf first, root last; after the caveats'
  hooks pass, the manager calls the **root delegator**'s ``executeFromExecutor(mode,
  executionCallData)`` (an empty context: the redeemer's own account). The executions are
  decoded as that account's ERC-7579 ``execute(mode, executionCallData)`` (``wrappers.py``):
  what they give or grant is the delegator's, whoever sends the transaction. A redemption
  grants no new power: the delegation it spends was judged when it was signed.
- ``disableDelegation(Delegation)``: the delegator takes its delegation back (nobody gains);
  ``enableDelegation(Delegation)`` re-enables a disabled one: what signing it lets happen
  (``delegation_framework.py``).

Only the canonical manager runs this code: elsewhere the same selectors are a stranger's code
(``CONTRACTS``, ``callee.py``).
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.abi import decode_args, parse_types
from aiegis_guard.chains.evm.frames import Frame, Result
from aiegis_guard.chains.evm.protocols.delegation_framework import delegation_effects
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import named_call

__all__ = ["CONTRACTS", "DELEGATION_MANAGER", "TABLE"]

DELEGATION_MANAGER = "0xdb9b1e94b5b69df7e401ddbede43491141047db3"
CONTRACTS = frozenset({DELEGATION_MANAGER})
_DELEGATION = "(address,address,bytes32,(address,bytes,bytes)[],uint256,bytes)"
_CHAIN = parse_types(f"f({_DELEGATION}[])")
_EXECUTE = bytes.fromhex("e9ae5c53")  # ERC-7579 execute(bytes32,bytes)


def _execute_calldata(mode: bytes, execution: bytes) -> bytes:
    """``execute(mode, executionCallData)`` as the account would be called (ABI-encoded)."""
    padded = execution + bytes(-len(execution) % 32)
    return b"".join(
        (_EXECUTE, mode, (64).to_bytes(32, "big"), len(execution).to_bytes(32, "big"), padded)
    )


def _as_mapping(d: Any) -> dict[str, Any]:
    delegate, delegator, authority, caveats, _salt, _signature = d
    return {
        "delegate": delegate,
        "delegator": delegator,
        "authority": authority,
        "caveats": caveats,
    }


def _redeem(f: Frame, fn: Function, a: list[Any]) -> Result:
    contexts, modes, executions = a
    out: Result = []
    for context, mode, execution in zip(contexts, modes, executions, strict=False):
        chain = decode_args(_CHAIN, context)[0] if context else []
        account = chain[-1][1] if chain else f.sender
        if account is None:
            continue
        out += [f.call(account, 0, _execute_calldata(mode, execution)), f"account:{account}"]
    return out or [named_call(f, fn)]


def _disable(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [named_call(f, fn)]


def _enable(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [*delegation_effects(_as_mapping(a[0])), named_call(f, fn)]


TABLE = (
    ("redeemDelegations(bytes[],bytes32[],bytes[])", _redeem),
    (f"disableDelegation({_DELEGATION})", _disable),
    (f"enableDelegation({_DELEGATION})", _enable),
)
