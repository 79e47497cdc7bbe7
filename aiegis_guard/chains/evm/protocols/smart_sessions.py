"""Rhinestone / Biconomy Smart Sessions (ERC-7579 validator): session keys of the calling account.

Sources: erc7579/smartsessions ``contracts/DataTypes.sol`` (``Session(address
sessionValidator, bytes sessionValidatorInitData, bytes32 salt, PolicyData[] userOpPolicies,
ERC7739Data erc7739Policies, ActionData[] actions, bool permitERC4337Paymaster)``,
``PolicyData(address policy, bytes initData)``, ``ActionData(bytes4 actionTargetSelector,
address actionTarget, PolicyData[] actionPolicies)``, ``ERC7739Data(ERC7739Context[]
allowedERC7739Content, PolicyData[] erc1271Policies)``, ``ERC7739Context(bytes32
appDomainSeparator, string[] contentNames)``) and ``contracts/ISmartSession.sol``
(``enableSessions(Session[])``, ``removeSession(bytes32 permissionId)``; both keyed by
``msg.sender``, the account: with the Safe7579 adapter the Safe itself). Deployments and
module addresses: rhinestonewtf/module-sdk ``src/module/smart-sessions`` and its
``GLOBAL_CONSTANTS`` (SmartSessions ``0x0000…37DE``, later ``0x0000…4bDA``; OwnableValidator
``0x2483…Bf06`` / ``0x0000…7E98``: ``abi.encode(uint256 threshold, address[] owners)``;
SpendingLimitsPolicy ``0x0000…6343`` / ``0x0000…77A6``: ``abi.encode(address[] tokens,
uint256[] limits)``; TimeFramePolicy ``0x8177…dc72`` / ``0x0000…6930``: ``encodePacked(uint48
validUntil, uint48 validAfter)``; SudoPolicy: no limit) and its fallback flags (action target
``address(1)`` with selector ``0x00000001`` / ``0x00000002``: any target, any function).

Each session lets its signers (the OwnableValidator's owners; another session validator is
named itself) sign UserOperations for the account, each execution checked against the
session's actions. Effects per signer, lapsing at the TimeFramePolicy's ``validUntil``:

- an action that is a token ``transfer`` / ``approve`` / ``transferFrom`` /
  ``increaseAllowance``: a grant of that token, bounded by a SpendingLimitsPolicy naming it
  (``smart_sessions.session_grant``), unlimited without one;
- the fallback action, or any other target and function: an :class:`AuthorityChange`
  ``delegate`` over the account (the key calls it with whatever arguments it likes);
- ERC-7739 contents: the key signs those typed messages (a permit...) as the account: the
  same ``delegate`` authority.

``removeSession`` takes a session back (nobody gains anything). On any other contract these
selectors run a stranger's code: unknown calls.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import Frame, Result, asset
from aiegis_guard.chains.evm.protocols.accounts import threshold_owners
from aiegis_guard.chains.evm.selectors import UNLIMITED, Function
from aiegis_guard.chains.evm.tokens import named_call
from aiegis_guard.chains.transaction import Approval, AuthorityChange, Operation

__all__ = ["CONTRACTS", "SMART_SESSIONS", "TABLE", "session_effects"]

SMART_SESSIONS = frozenset(
    {
        "0x00000000002b0ecfbd0496ee71e01257da0e37de",
        "0x00000000008bdaba73cd9815d79069c247eb4bda",
    }
)
CONTRACTS = SMART_SESSIONS
_OWNABLE_VALIDATORS = frozenset(
    {"0x2483da3a338895199e5e538530213157e931bf06", "0x000000000013fdb5234e4e3162a810f54d9f7e98"}
)
_SPENDING_LIMITS = frozenset(
    {"0x00000088d48cf102a8cdb0137a9b173f957c6343", "0x000000000033212e272655d8a22402db819477a6"}
)
_TIME_FRAME = frozenset(
    {"0x8177451511de0577b911c254e9551d981c26dc72", "0x0000000000d30f611fa3bf652ac6879428586930"}
)
_FALLBACK_TARGET = "0x" + "00" * 19 + "01"
# ERC-20 transfer, approve, transferFrom, increaseAllowance
_TOKEN_MOVES = frozenset(bytes.fromhex(h) for h in ("a9059cbb", "095ea7b3", "23b872dd", "39509351"))
_WORD = 32

_POLICY = "(address,bytes)"
_SESSION = (
    f"(address,bytes,bytes32,{_POLICY}[],((bytes32,string[])[],{_POLICY}[]),"
    f"(bytes4,address,{_POLICY}[])[],bool)"
)


def _words(data: bytes, at: int) -> int:
    return int.from_bytes(data[at : at + _WORD], "big")


def _until(policies: list[Any]) -> int | None:
    """The earliest ``validUntil`` of the TimeFramePolicies among ``policies`` (0: none)."""
    ends = [
        int.from_bytes(bytes(data)[:6], "big")
        for policy, data in policies
        if policy in _TIME_FRAME and len(bytes(data)) >= 12
    ]
    ends = [e for e in ends if e]
    return min(ends) if ends else None


def _spending_limit(policies: list[Any], token: str) -> int | None:
    """The SpendingLimitsPolicy's limit for ``token`` (``abi.encode(address[], uint256[])``);
    None when no such policy names it."""
    for policy, data in policies:
        data = bytes(data)
        if policy not in _SPENDING_LIMITS or len(data) < 2 * _WORD:
            continue
        tokens_at, limits_at = _words(data, 0), _words(data, _WORD)
        if tokens_at + _WORD > len(data) or limits_at + _WORD > len(data):
            continue
        count = _words(data, tokens_at)
        if count > len(data) // _WORD:
            continue
        for i in range(count):
            word = data[tokens_at + _WORD * (i + 1) : tokens_at + _WORD * (i + 2)]
            if "0x" + word[12:].hex() == token:
                return _words(data, limits_at + _WORD * (i + 1))
    return None


def _signers(validator: str, init: bytes) -> list[str]:
    if validator in _OWNABLE_VALIDATORS:
        owners = threshold_owners(init)
        return owners if owners is not None else []
    return [validator]  # a session validator whose key format is not read here


def session_effects(account: str, session: Any) -> list[Operation]:
    """What one ``Session`` lets its signers do for ``account``."""
    validator, init, _salt, user_op_policies, erc7739, actions, _paymaster = session
    signers = _signers(validator, bytes(init))
    expiry = _until(user_op_policies)
    ops: list[Operation] = []
    for who in signers:
        whole = bool(erc7739[0])  # ERC-7739 contents: typed messages signed as the account
        for selector, target, policies in actions:
            selector = bytes(selector)
            ends = [e for e in (expiry, _until(policies)) if e is not None]
            until = min(ends) if ends else None
            if selector in _TOKEN_MOVES and target != _FALLBACK_TARGET:
                limit = _spending_limit(policies, target)
                ops.append(_grant(account, who, target, limit, until))
            else:
                whole = True
        if whole:
            ops.append(
                AuthorityChange(
                    via="smart_sessions.session",
                    account=account,
                    new_authority=who,
                    authority_type="delegate",
                    current_authority=None,
                    expires=expiry,
                )
            )
    return ops


def _grant(account: str, who: str, token: str, limit: int | None, until: int | None) -> Approval:
    return Approval(
        via="smart_sessions.session_grant",
        asset=asset(token),
        owner=account,
        spender=who,
        amount=limit,
        unlimited=limit is None or limit >= UNLIMITED,
        revoke=limit == 0,
        deadline=until,
    )


def _enable_sessions(f: Frame, fn: Function, a: list[Any]) -> Result:
    account = f.sender or ""
    out: Result = []
    for session in a[0]:
        out += session_effects(account, session)
    return out or [named_call(f, fn)]


def _remove_session(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [named_call(f, fn)]


TABLE = (
    (f"enableSessions({_SESSION}[])", _enable_sessions),
    ("removeSession(bytes32)", _remove_session),
)
