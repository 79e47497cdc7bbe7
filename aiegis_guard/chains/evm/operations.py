"""An EVM transaction :class:`Envelope` -> operations -> :class:`DecodedTransaction`, shared by
the entry points (``decode.py``: transactions; ``messages.py``: transactions signed as
messages), and the guard that lets only :class:`EvmDecodeError` escape a decoder."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiegis_guard.chains.evm.calldata import decode_calldata
from aiegis_guard.chains.evm.envelope import Envelope
from aiegis_guard.chains.evm.frames import Frame, native
from aiegis_guard.chains.evm.wrappers import forwards_value
from aiegis_guard.chains.transaction import (
    Creation,
    DecodedTransaction,
    Delegation,
    Operation,
    PayloadKind,
    Transfer,
)
from aiegis_guard.errors import EvmDecodeError
from aiegis_guard.findings import Chain

__all__ = ["MAX_RAW", "from_envelope", "guarded"]

MAX_RAW = 1 << 20  # 1 MiB: larger than any transaction a node accepts (128 KiB)


def _operations(env: Envelope) -> tuple[list[Operation], list[str]]:
    ops: list[Operation] = []
    notes: list[str] = []
    if env.to is None:
        ops.append(Creation(value=env.value, code_size=len(env.data)))
    else:
        if env.value and not forwards_value(env.to, env.data, env.value):
            ops.append(
                Transfer(
                    via="native",
                    asset=native(),
                    sender=env.sender,
                    recipient=env.to,
                    amount=env.value,
                )
            )
        if env.data:
            frame = Frame(env.to, env.sender, env.to, env.value, env.data, origin=env.sender)
            inner, notes = decode_calldata(frame)
            ops += inner
    for auth in env.authorizations:
        ops.append(
            Delegation(
                delegate=auth.address,
                chain_id=auth.chain_id,
                nonce=auth.nonce,
                authority=auth.authority,
            )
        )
    return ops, notes


def from_envelope(env: Envelope) -> DecodedTransaction:
    ops, notes = _operations(env)
    accounts = tuple(dict.fromkeys(n[8:] for n in notes if n.startswith("account:")))
    return DecodedTransaction(
        accounts=accounts,
        chain=Chain.EVM,
        kind=PayloadKind.TRANSACTION,
        tx_type=env.tx_type,
        sender=env.sender,
        to=env.to,
        chain_id=env.chain_id,
        nonce=env.nonce,
        value=env.value,
        signed=env.signed,
        operations=tuple(ops),
        notes=(*env.notes, *notes),
        data=(env.data,) if env.data else (),
    )


def guarded(decode: Callable[..., DecodedTransaction], *args: Any) -> DecodedTransaction:
    try:
        return decode(*args)
    except EvmDecodeError:
        raise
    except Exception as exc:  # a bug or a pathological input must not escape as anything else
        raise EvmDecodeError(f"cannot decode EVM payload ({type(exc).__name__})") from exc
