"""MetaMask Delegation Framework (ERC-7710) delegations: what signing one lets the delegate do.

Sources: MetaMask/delegation-framework v1.3.0 ``src/utils/Types.sol`` / ``src/libraries/
EncoderLib.sol`` (``Delegation(address delegate,address delegator,bytes32 authority,Caveat[]
caveats,uint256 salt)Caveat(address enforcer,bytes terms)``, domain ``DelegationManager`` /
``1``), ``src/utils/Constants.sol`` (``ANY_DELEGATE = address(0xa11)``: whoever redeems it),
``documents/DelegationManager.md`` (a delegation lets ``delegate`` have the ``delegator`` account
execute calls, each checked by every caveat's enforcer hooks: caveats only narrow it), and
``documents/Deployments.md`` (v1.3.0 addresses, the same on every chain) for the enforcers read
here, whose ``getTermsInfo`` gives the terms layout:

- ``ERC20TransferAmountEnforcer`` ``0xf100b081…D2Fc``: ``token (20) ‖ maxTokens (32)``
  (exactly 52 bytes); every execution must be ``token.transfer``, in total at most
  ``maxTokens``.
- ``ERC20PeriodTransferEnforcer`` ``0x474e3Ae7…39aB``: ``token (20) ‖ periodAmount (32) ‖
  periodDuration (32) ‖ startDate (32)`` (exactly 116 bytes); ``token.transfer`` only, at most
  ``periodAmount`` per period.
- ``NativeTokenTransferAmountEnforcer`` ``0xF71af580…0320``: ``abi.decode(terms, (uint256))``;
  it bounds the native value of the executions only, not their calldata.
- ``TimestampEnforcer`` ``0x1046bb45…c069``: 32 bytes, ``afterThreshold (uint128) ‖
  beforeThreshold (uint128)``; a non-zero ``beforeThreshold`` is when the delegation lapses.

- ``NativeTokenStreamingEnforcer`` ``0xD10b9790…df19``: ``initialAmount ‖ maxAmount ‖
  amountPerSecond ‖ startTime`` (exactly 128 bytes); like the native amount caveat it checks the
  value of a single execution only; ``maxAmount = 2^256-1`` is the documented "infinite stream".
- ``ERC20StreamingEnforcer`` ``0x56c97aE0…e00e``: ``token (20) ‖ initialAmount ‖ maxAmount ‖
  amountPerSecond ‖ startTime`` (exactly 148 bytes); target must be ``token``, selector
  ``transfer`` (``invalid-contract`` / ``invalid-method``).
- ``AllowedTargetsEnforcer`` ``0x7F20f61b…4EeB`` (packed addresses, a multiple of 20 bytes) and
  ``AllowedMethodsEnforcer`` ``0x2c21fD0C…42B5`` (packed selectors, a multiple of 4): every
  execution's target / selector must be one of them.
- ``ExactCalldataEnforcer`` ``0x99F2e9bF…BdED``: the execution's calldata must equal the
  terms; empty terms admit plain value transfers only.
- ``RedeemerEnforcer`` ``0xE144b0b2…65c5`` (packed addresses): only they may redeem; on an open
  (``ANY_DELEGATE``) delegation they are whom the delegation lets act.

Effects (an upper bound: a caveat not read here can only narrow what is listed):

- a token-transfer caveat (amount, period or stream) bounds every execution to transfers of
  that token: a grant of its amount to the delegate, lapsing at the timestamp caveat
  (``delegation.caveat_grant``, one of ``EXPIRING_GRANTS``); the period enforcer's
  ``periodAmount`` renews every ``periodDuration`` from ``startDate``, so its grant is that
  amount times the periods until the timestamp caveat's end (``spend_permissions.
  renewed_total``): unlimited with no end, an end beyond ``HORIZON``, or a zero period; a
  stream grants its ``maxAmount``, or with no cap what accrues until the timestamp caveat
  (unlimited with no end);
- targets limited to tokens and methods to ERC-20 ``transfer`` / ``approve`` / ``transferFrom``
  / ``increaseAllowance``: the delegate moves (or lets anyone move) any amount of those tokens,
  an unlimited grant of each;
- native amount / stream caveats bound the value of the executions: a grant of native ETH;
  unless an empty exact-calldata caveat leaves only plain transfers, the delegate may still
  make any call without value as the delegator: an ``AuthorityChange`` over the delegator's
  account, role ``delegate`` (lapsing at the timestamp caveat), beside the grant;
- otherwise (nothing bounds the calls) that ``AuthorityChange`` alone;
- the open delegate ``ANY_DELEGATE``: with a redeemer caveat, the grant / authority goes to
  each admitted redeemer; without one, whoever sees the signature redeems it, so no time
  caveat makes it short-lived (``delegation.bearer_grant`` is not an expiring grant).

Terms of the wrong length make the enforcer revert (the delegation cannot be redeemed with that
caveat): such a caveat is ignored, which keeps the listed effects an upper bound.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aiegis_guard.chains.evm.envelope import to_bytes
from aiegis_guard.chains.evm.frames import asset, native
from aiegis_guard.chains.evm.protocols.spend_permissions import HORIZON, renewed_total
from aiegis_guard.chains.evm.selectors import UNLIMITED
from aiegis_guard.chains.transaction import Approval, AuthorityChange, Operation
from aiegis_guard.errors import EvmDecodeError

__all__ = ["ANY_DELEGATE", "delegation_effects"]

ANY_DELEGATE = "0x" + "00" * 18 + "0a11"
_ERC20_AMOUNT = "0xf100b0819427117ecf76ed94b358b1a5b5c6d2fc"
_ERC20_PERIOD = "0x474e3ae7e169e940607cc624da8a15eb120139ab"
_ERC20_STREAM = "0x56c97ae02f233b29fa03502ecc0457266d9be00e"
_NATIVE_AMOUNT = "0xf71af580b9c3078fbc2bbf16fbb8eed82b330320"
_NATIVE_STREAM = "0xd10b97905a320b13a0608f7e9cc506b56747df19"
_TIMESTAMP = "0x1046bb45c8d673d4ea75321280db34899413c069"
_TARGETS = "0x7f20f61b1f09b08d970938f6fa563634d65c4eeb"
_METHODS = "0x2c21fd0cb9dc8445cb3fb0dc5e7bb0aca01842b5"
_EXACT_CALLDATA = "0x99f2e9bf15ce5ec84685604836f71ab835dbbded"
_REDEEMER = "0xe144b0b2618071b4e56f746313528a669c7e65c5"
# ERC-20 transfer, approve, transferFrom, increaseAllowance: a call of one of them on a token
# moves (or lets someone move) any amount of it
_TOKEN_MOVES = frozenset(bytes.fromhex(h) for h in ("a9059cbb", "095ea7b3", "23b872dd", "39509351"))
Caveats = list[tuple[str, bytes]]


def _caveats(m: Mapping[str, Any]) -> Caveats:
    found = m.get("caveats")
    if not isinstance(found, list | tuple):
        raise EvmDecodeError("delegation: caveats are not a list")
    out = []
    for c in found:
        if isinstance(c, list | tuple) and len(c) >= 2 and isinstance(c[0], str):
            c = {"enforcer": c[0], "terms": c[1]}  # the ABI tuple (enforcer, terms, args)
        if not isinstance(c, Mapping) or not isinstance(c.get("enforcer"), str):
            raise EvmDecodeError("delegation: a caveat without an enforcer")
        terms = to_bytes(c.get("terms", b""), "delegation caveat terms")
        out.append((c["enforcer"].lower(), terms))
    return out


def _expiry(caveats: Caveats) -> int | None:
    ends = [
        int.from_bytes(t[16:32], "big")
        for e, t in caveats
        if e == _TIMESTAMP and len(t) == 32 and any(t[16:32])
    ]
    return min(ends) if ends else None


def _words(t: bytes, start: int, n: int) -> list[int]:
    return [int.from_bytes(t[start + 32 * i : start + 32 * i + 32], "big") for i in range(n)]


def _streamed(words: list[int], expiry: int | None) -> int | None:
    """A stream's bound: its ``maxAmount``, or with no cap what accrues until ``expiry``."""
    initial, cap, rate, start = words
    if cap < UNLIMITED:
        return cap
    if expiry is None or (rate and expiry - start > HORIZON):
        return None
    return initial + rate * max(0, expiry - start)


def _packed(caveats: Caveats, enforcer: str, size: int) -> list[bytes] | None:
    """The packed entries every caveat of ``enforcer`` admits (their intersection); None when
    no such caveat (with terms of a valid length) is present."""
    admitted: set[bytes] | None = None
    for e, t in caveats:
        if e == enforcer and t and len(t) % size == 0:
            these = {t[i : i + size] for i in range(0, len(t), size)}
            admitted = these if admitted is None else admitted & these
    return None if admitted is None else sorted(admitted)


def _token_bounds(caveats: Caveats, expiry: int | None) -> list[tuple[str, int | None]]:
    """(token, the most the delegate may move in all: None for unlimited) per token caveat."""
    out: list[tuple[str, int | None]] = []
    for enforcer, t in caveats:
        token, amount = "0x" + t[:20].hex(), int.from_bytes(t[20:52], "big")
        if enforcer == _ERC20_AMOUNT and len(t) == 52:
            out.append((token, amount))
        elif enforcer == _ERC20_PERIOD and len(t) == 116:
            period, start = _words(t, 52, 2)
            out.append((token, renewed_total(amount, period, start, expiry)))
        elif enforcer == _ERC20_STREAM and len(t) == 148:
            out.append((token, _streamed(_words(t, 20, 4), expiry)))
    if out:
        return out
    methods, targets = _packed(caveats, _METHODS, 4), _packed(caveats, _TARGETS, 20)
    if methods is not None and targets and set(methods) <= _TOKEN_MOVES:
        return [("0x" + target.hex(), None) for target in targets]
    return []


def _native_bounds(caveats: Caveats, expiry: int | None) -> list[int | None]:
    out: list[int | None] = []
    for e, t in caveats:
        if e == _NATIVE_AMOUNT and len(t) >= 32:
            out.append(int.from_bytes(t[:32], "big"))
        elif e == _NATIVE_STREAM and len(t) == 128:
            out.append(_streamed(_words(t, 0, 4), expiry))
    return out


def _value_only(caveats: Caveats) -> bool:
    """An exact-calldata caveat with empty terms: every execution is a plain value transfer."""
    return any(e == _EXACT_CALLDATA and not t for e, t in caveats)


def _delegates(delegate: str, caveats: Caveats) -> list[str]:
    """Who may act on the delegation: the delegate, or an open one's admitted redeemers."""
    redeemers = _packed(caveats, _REDEEMER, 20) if delegate == ANY_DELEGATE else None
    return ["0x" + r.hex() for r in redeemers] if redeemers else [delegate]


def delegation_effects(m: Mapping[str, Any]) -> list[Operation]:
    """What a signed ``Delegation`` lets its delegate do (see the module docstring)."""
    delegate, delegator = m.get("delegate"), m.get("delegator")
    if not isinstance(delegate, str) or not isinstance(delegator, str):
        raise EvmDecodeError("delegation: delegate or delegator is not an address")
    delegator, caveats = delegator.lower(), _caveats(m)
    ops: list[Operation] = []
    for who in _delegates(delegate.lower(), caveats):
        ops += _effects_for(who, delegator, caveats)
    return ops


def _effects_for(delegate: str, delegator: str, caveats: Caveats) -> list[Operation]:
    bearer = delegate == ANY_DELEGATE
    expiry = None if bearer else _expiry(caveats)
    via = "delegation.bearer_grant" if bearer else "delegation.caveat_grant"

    def grant(what: Any, amount: int | None) -> Approval:
        return Approval(
            via=via,
            asset=what,
            owner=delegator,
            spender=delegate,
            amount=amount,
            unlimited=amount is None or amount >= UNLIMITED,
            revoke=amount == 0,
            deadline=expiry,
        )

    tokens = _token_bounds(caveats, _expiry(caveats))
    natives = _native_bounds(caveats, _expiry(caveats))
    ops: list[Operation] = [grant(asset(token), amount) for token, amount in tokens]
    if not natives and not tokens and _value_only(caveats):
        natives = [None]  # plain transfers of any amount
    ops += [grant(native(), amount) for amount in natives]
    if not tokens and not _value_only(caveats):  # calls without value stay unbounded
        ops.append(
            AuthorityChange(
                via="delegation.delegate",
                account=delegator,
                new_authority=delegate,
                authority_type="delegate",
                current_authority=delegator,
                expires=expiry,
            )
        )
    return ops
