"""Across's MulticallHandler: where a deposit's output lands when its recipient is the handler.

Source: across-protocol/contracts ``contracts/handlers/MulticallHandler.sol``. A deposit whose
``recipient`` is the handler and whose ``message`` is not empty is filled by paying the output
to the handler, then ``SpokePool`` calls ``handleV3AcrossMessage(token, amount, relayer,
message)``: ``message`` is ``abi.encode(Instructions{Call[] calls; address
fallbackRecipient})`` with ``Call{address target; bytes callData; uint256 value}``. The handler
makes each call from its own account (``attemptCalls``, only by itself); a non-zero
``fallbackRecipient`` is paid what the calls leave, and everything when one of them reverts
(``_drainRemainingTokens``); with a zero one a reverting call reverts the fill, and what the
calls leave stays in the handler, where "they can be stolen" (its NatSpec): anyone's. Among
the calls, ``drainLeftoverTokens(token, destination)`` and ``makeCallWithBalance(target,
callData, value, replacements)`` are the handler's own (``onlySelf``): the first pays its
whole balance of ``token`` to ``destination``, the second makes a call with balances written
into ``callData`` at the replacement offsets (the amounts there read as 0).

The handler is a public executor: allowlisting it trusts nobody with the output. The output
is a receipt of wherever the calls send it (``frames.Onward``; ``calldata._onward``): a
``transfer`` pays its recipient, an Aave ``supply`` credits its ``onBehalfOf``, a swap pays its
recipient, the fallback is paid the rest; a call the decoder does not read is the request's
opaque call. A message that does not decode leaves the output with the handler (a settling
contract of the book: never own, ``effect_rules``).

Deployments (across-protocol/contracts ``deployments/deployments.json``, ``MulticallHandler``):
``0x924a…a569`` on Ethereum, Optimism, Polygon, Base, Arbitrum, Scroll, Blast, World Chain,
Zora, Mode, Lisk, Redstone and their testnets; ``0x8638…feb2`` on zkSync; ``0x1015…1cdb`` on
Linea; ``0x0F7A…3a0E`` on BNB (``broadcast/deployed-addresses.json``, PR #1191).
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.abi import decode_args, parse_types
from aiegis_guard.chains.evm.frames import ZERO, Frame, Onward, Result, asset
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import named_call
from aiegis_guard.chains.transaction import Receipt, Transfer
from aiegis_guard.errors import EvmDecodeError

__all__ = ["CONTRACTS", "TABLE", "handled_output"]

CONTRACTS = frozenset(
    {
        "0x924a9f036260ddd5808007e1aa95f08ed08aa569",
        "0x863859ef502f0ee9676626ed5b418037252efeb2",
        "0x1015c58894961f4f7dd7d68ba033e28ed3ee1cdb",
        "0x0f7ae28de1c8532170ad4ee566b5801485c13a0e",
    }
)
_INSTRUCTIONS = parse_types("f(((address,bytes,uint256)[],address))")


def handled_output(f: Frame, output: Receipt, message: bytes) -> Result:
    """The deposit's output ``output`` (to ``output.recipient``) with its ``message``: when
    the recipient is the MulticallHandler, where its instructions send it; else as it is."""
    if output.recipient not in CONTRACTS or not message:
        return [output]
    try:
        ((calls, fallback),) = decode_args(_INSTRUCTIONS, message)
    except EvmDecodeError:
        return [output, "undecodable:across.instructions"]
    handler = output.recipient
    frames = tuple(
        Frame(target, handler, target, value, bytes(data), f.depth + 1, False, f.origin, f.path)
        for target, data, value in calls
    )
    leftover = None if fallback == ZERO else fallback
    return [Onward(frames, output, leftover, f.sender)]


def _drain(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``drainLeftoverTokens(token, destination)``: the handler's whole balance of ``token``
    to ``destination`` (only when the handler calls itself; anyone else's call reverts)."""
    token, destination = a
    if f.target not in CONTRACTS or f.sender != f.target:
        return [named_call(f, fn, known=False, names=(destination,))]
    via = "across.drain_leftover_tokens"
    return [Transfer(via=via, asset=asset(token), sender=f.target, recipient=destination,
                     amount=None)]  # fmt: skip


def _with_balance(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``makeCallWithBalance(target, callData, value, replacements)``: the handler's call with
    its balances written into ``callData`` (decoded as it stands: those amounts read 0)."""
    target, data, value, _replacements = a
    if f.target not in CONTRACTS or f.sender != f.target:
        return [named_call(f, fn, known=False, names=(target,))]
    return [f.call(target, value, bytes(data))]


TABLE = (
    ("drainLeftoverTokens(address,address)", _drain),
    ("makeCallWithBalance(address,bytes,uint256,(address,uint256)[])", _with_balance),
)
