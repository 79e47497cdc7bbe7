"""Wormhole Token Bridge (Solana side) transfers out -> what leaves the agent's token account
and who receives it on the other chain (layouts and builder).

Sources: wormhole-foundation/wormhole ``solana/modules/token_bridge/program/src/lib.rs`` (the
``solitaire!`` instruction enum: one tag byte, then the Borsh data; ``TransferWrapped`` 4,
``TransferNative`` 5, ``TransferWrappedWithPayload`` 11, ``TransferNativeWithPayload`` 12),
``src/api/transfer.rs`` (``TransferNative`` / ``TransferWrapped`` accounts in order and
``TransferNativeData`` / ``TransferWrappedData`` ``{nonce u32, amount u64, fee u64,
target_address [u8; 32], target_chain u16}``) and ``src/api/transfer_payload.rs`` (the same
accounts plus ``sender``; data ``{nonce, amount, target_address, target_chain, payload:
Vec<u8>, cpi_program_id: Option<Pubkey>}``). The SDK builders
(``sdk/js/src/solana/tokenBridge/instructions/transferNative.ts`` / ``transferWrapped.ts``)
append the rent / system / token / core-bridge program accounts after ``clock``. Program id:
wormhole-foundation/docs.wormhole.com chain details, Solana Mainnet Beta Token Bridge
``wormDTUJ…CgUb``.

``TransferNative`` moves ``amount`` (truncated to 8 decimals) out of ``from`` into the bridge's
custody on the authority of the bridge's ``authority_signer`` PDA (the SPL ``Approve`` before
it); ``TransferWrapped`` burns ``amount`` of a wrapped token out of ``from`` (owned by
``from_owner``). Either way the other chain pays ``target_address`` the amount less ``fee``
(the relayer's cut; none in the payload forms), paid there to whoever redeems the transfer:
anyone. A fee above the share :mod:`aiegis_guard.chains.bridging` bounds (the rule of the EVM
bridges) is no fee: it is a :class:`Receipt` of that much to ``REDEEMER`` (a stranger), and
the rest guarantees nothing. Like the EVM Token Bridge (``chains/evm/
protocols/bridges.py``), a transfer is an exchange across chains: a give of the token to the
Token Bridge program (``order=SWAP_ORDER``) and a :class:`Receipt` of the same token (it stands
for its form on the other chain) to the recipient, judged like a swap output: a recipient that
is neither own nor allowlisted BLOCKs. A recipient left-padded with 12 zero bytes is an EVM
address (written EIP-55) only where ``target_chain`` is an EVM chain (``bridging.
wormhole_address``); any other word, or any word for Solana, Sui, Aptos..., is kept whole as
``0x`` hex: never own, a stranger unless allowlisted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Final

from aiegis_guard.chains.bridging import (
    REDEEMER,
    guaranteed_left,
    relayer_takes_it,
    wormhole_address,
)
from aiegis_guard.chains.solana.defi import Give, exchange, spl_token
from aiegis_guard.chains.solana.layout import Ix, Layout
from aiegis_guard.chains.transaction import SWAP_ORDER, Approval, Operation, Receipt, Transfer

__all__ = ["TOKEN_BRIDGE_PROGRAM", "WORMHOLE_BUILDERS", "wormhole_layout"]
__all__ += ["AUTHORITY_SIGNER", "spent_delegations", "wormhole_refs"]

TOKEN_BRIDGE_PROGRAM: Final = "wormDTUJ6AWPNvk59vGQbDvGJmqbDTdgWgAqcLBCgUb"
AUTHORITY_SIGNER: Final = "7oPa2PHQdZmjSPqvpZN7MQxnC7Dcf3uL4oLqknGLk2S3"
"""The bridge's PDA ``["authority_signer"]`` (``src/accounts.rs``: ``AuthoritySigner``), the
delegate an SPL ``Approve`` must name before a transfer out (derived again in the tests)."""

_TAIL = ("bridge", "message", "emitter", "sequence", "fee_collector", "clock")
_NATIVE = ("payer", "config", "from", "mint", "custody", "authority_signer", "custody_signer")
_WRAPPED = ("payer", "config", "from", "from_owner", "mint", "wrapped_meta", "authority_signer")
_DATA = (("nonce", "u32"), ("amount", "u64"), ("fee", "u64"))
_TARGET = (("target_address", "bytes32"), ("target_chain", "u16"))
_PAYLOAD = (
    ("nonce", "u32"),
    ("amount", "u64"),
    *_TARGET,
    ("payload", "bytes"),
    ("cpi_program_id", "opt_pubkey"),
)
WORMHOLE_LAYOUTS: Final[dict[int, Layout]] = {
    4: Layout("transfer_wrapped", (*_DATA, *_TARGET), (*_WRAPPED, *_TAIL)),
    5: Layout("transfer_native", (*_DATA, *_TARGET), (*_NATIVE, *_TAIL)),
    11: Layout("transfer_wrapped_with_payload", _PAYLOAD, (*_WRAPPED, *_TAIL, "sender")),
    12: Layout("transfer_native_with_payload", _PAYLOAD, (*_NATIVE, *_TAIL, "sender")),
}


def wormhole_layout(data: bytes) -> tuple[Layout | None, int]:
    if not data:
        return None, 0
    return WORMHOLE_LAYOUTS.get(data[0]), 1


def _transfer(ix: Ix, refs: Any) -> list[Operation]:
    a, acc, via = ix.args, ix.acc, f"wormhole.{ix.name}"
    token, amount = spl_token(acc["mint"]), a["amount"]
    owner = acc.get("from_owner") or acc["payer"]  # native: moved by the bridge's delegation
    give: Give = (token, owner, acc["from"], amount)
    fee = a.get("fee") or 0
    recipient = wormhole_address(a["target_address"], a["target_chain"], checksum=True)
    out = exchange(via, ix.program, give, (token, recipient, guaranteed_left(amount, fee)))
    if relayer_takes_it(amount, fee):  # paid to whoever redeems the transfer: anyone
        cut = min(fee, amount)
        out.append(
            Receipt(
                via=f"{via}.relayer", asset=token, recipient=REDEEMER, amount=cut, order=SWAP_ORDER
            )
        )
    return out


def spent_delegations(ops: Iterable[Operation]) -> frozenset[str]:
    """``{AUTHORITY_SIGNER}`` when every allowance the request gives it is spent, in the same
    (atomic) transaction, by a transfer out of the same token account for at least that
    amount: then the approval is the transfer's input, judged with it. An allowance it leaves
    over (or one with no transfer) is a standing grant: ``transfer.rs`` warns that anyone may
    spend it with a transfer of their own ("this could allow someone to race someone else's
    tx"), so it stays a grant to a stranger."""
    ops = tuple(ops)
    moved: dict[str | None, int] = {}
    for op in ops:
        if isinstance(op, Transfer) and op.via.startswith("wormhole.") and op.amount:
            moved[op.source] = moved.get(op.source, 0) + op.amount
    grants = [op for op in ops if isinstance(op, Approval) and op.spender == AUTHORITY_SIGNER]
    if not grants or not moved:
        return frozenset()
    for op in grants:
        if op.revoke:
            continue
        if op.unlimited or op.amount is None or op.amount > moved.get(op.source, 0):
            return frozenset()
    return frozenset({AUTHORITY_SIGNER})


def wormhole_refs(ix: Ix) -> list[tuple[str | None, str | None]]:
    """The token account the transfer takes from (the instruction names its mint)."""
    return [(ix.acc["from"], ix.acc["mint"])]


WORMHOLE_BUILDERS: Final[dict[tuple[str, str], Callable[[Ix, Any], list[Operation]]]] = {
    ("wormhole", lay.name): _transfer for lay in WORMHOLE_LAYOUTS.values()
}
