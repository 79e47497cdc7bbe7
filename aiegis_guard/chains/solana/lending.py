"""Lending / perps withdrawals -> what leaves the own position and where it lands (layouts in
:mod:`.lending_layouts`: Kamino Lend, marginfi v2, Drift v2).

Each withdrawal pays the position's owner's deposit out of a protocol vault into a token
account *the instruction names*. Like Morpho Blue's ``withdraw`` on EVM
(``chains/evm/protocols/morpho.py``):

* into the owner's own associated token account (derived from the owner, the mint and the
  token program the instruction names) or an account the transaction initialises for the
  owner, the owner *gets* it: a :class:`Receipt`;
* "everything" (Kamino / Drift ``u64::MAX``, marginfi ``withdraw_all = Some(true)``): the
  whole deposit, an amount computed on-chain, is an output paid to the named account
  (:class:`Receipt` of unknown amount: to anyone but the owner it is ``swap_recipient``);
* an explicit amount into any other account is the owner's give to that account
  (:class:`Transfer`: ``unknown_recipient`` unless the account is the owner's or allowlisted
  once resolved by ``owners.own_view``). Kamino's amount counts collateral tokens, not the
  liquidity paid out: the amount given is unknown.

A mint the instruction does not name (marginfi, Drift) is found when the destination is the
owner's associated account of a well-known mint; otherwise it stays unknown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiegis_guard.chains.known import known_mints
from aiegis_guard.chains.solana.defi import spl_token
from aiegis_guard.chains.solana.drift_user import DRIFT_USER_BUILDERS
from aiegis_guard.chains.solana.layout import (
    Ix,
    associated_token_address,
    authority_change,
    malformed_call,
)
from aiegis_guard.chains.solana.lending_layouts import (
    DRIFT_PROGRAM,
    KAMINO_LAYOUTS,
    KAMINO_LEND_PROGRAM,
    MARGINFI_LAYOUTS,
    MARGINFI_PROGRAM,
    MARGINFI_TRANSFER_ACCOUNTS,
)
from aiegis_guard.chains.transaction import Operation, Receipt, Transfer

__all__ = ["LENDING_BUILDERS", "LENDING_FAMILIES", "lending_refs"]

LENDING_FAMILIES: dict[str, str] = {
    KAMINO_LEND_PROGRAM: "kamino_lend",
    MARGINFI_PROGRAM: "marginfi",
    DRIFT_PROGRAM: "drift",
}
_ALL = 2**64 - 1  # u64::MAX: "the whole deposit"


def _own_mint(owner: str, account: str, program: str, mint: str | None) -> str | None:
    """The mint of ``account`` when it is ``owner``'s associated token account (of ``mint``,
    or of a well-known mint when the instruction names none)."""
    if mint is not None:
        return mint if associated_token_address(owner, mint, program) == account else None
    for known in known_mints().values():
        if associated_token_address(owner, known.address, program) == account:
            return known.address
    return None


def _paid_out(  # noqa: PLR0917 (the withdrawal's parts, by name at each call)
    ix: Ix,
    refs: Any,
    owner: str,
    dest: str,
    mint: str | None,
    amount: int | None,
    everything: bool,
    vault: str,
    program: str,
) -> list[Operation]:
    via = f"{ix.family}.{ix.name}"
    own_mint = _own_mint(owner, dest, program, mint)
    asset = spl_token(mint or own_mint)
    if own_mint is not None or everything or refs.owner(dest) == owner:
        least = None if everything else amount
        return [Receipt(via=via, asset=asset, recipient=dest, amount=least)]
    return [
        Transfer(via=via, asset=asset, sender=owner, recipient=dest, amount=amount, source=vault)
    ]


def _kamino(ix: Ix, refs: Any) -> list[Operation]:
    acc, collateral = ix.acc, ix.args["collateral_amount"]
    mint = acc["reserve_liquidity_mint"]
    return _paid_out(
        ix,
        refs,
        acc["owner"],
        acc["user_destination_liquidity"],
        mint,
        None,  # collateral tokens are burnt: the liquidity paid out is computed on-chain
        collateral == _ALL,
        acc["reserve_liquidity_supply"],
        acc["liquidity_token_program"],
    )


def _marginfi(ix: Ix, refs: Any) -> list[Operation]:
    acc, dest = ix.acc, ix.acc["destination_token_account"]
    return _paid_out(
        ix,
        refs,
        acc["signer"],
        dest,
        refs.mint(dest),
        ix.args["amount"],
        ix.args["withdraw_all"] == 1,
        acc["bank_liquidity_vault"],
        acc["token_program"],
    )


def _marginfi_authority(ix: Ix, refs: Any) -> list[Operation]:
    """``set_new_account_authority``: the marginfi account (its deposits and borrows) handed
    to ``new_authority`` by its current authority (``signer``)."""
    new, current = ix.acc["new_authority"], ix.acc["signer"]
    via = "marginfi.account_authority"
    return [authority_change(ix, "marginfi_account", via, "owner", new, current=current)]


def _marginfi_transfer(ix: Ix, refs: Any) -> list[Operation]:
    """``transfer_to_new_account`` / ``_pda``: every position of the old marginfi account moved
    into a new one that ``new_authority`` owns (the fifth account, or the sixth after
    ``fee_payer`` was added: told apart by the account count, lending_layouts.py); a count
    neither form has is no account the reader can name: malformed."""
    before, after = MARGINFI_TRANSFER_ACCOUNTS[ix.name or ""]
    count = len(ix.accounts)
    if count not in (before, after):
        ix.malformed = f"{count} accounts: neither form of {ix.name}"
        return [malformed_call(ix)]
    new = ix.accounts[4 if count == before else 5]
    via = "marginfi.account_authority"
    current = ix.acc["authority"]
    change = authority_change(ix, "old_marginfi_account", via, "owner", new, current=current)
    return [change]


def _drift(ix: Ix, refs: Any) -> list[Operation]:
    acc, dest, amount = ix.acc, ix.acc["user_token_account"], ix.args["amount"]
    return _paid_out(
        ix,
        refs,
        acc["authority"],
        dest,
        refs.mint(dest),
        amount,
        amount == _ALL,
        acc["spot_market_vault"],
        acc["token_program"],
    )


def lending_refs(ix: Ix) -> list[tuple[str | None, str | None]]:
    """(token account, mint) pairs the instruction states."""
    if ix.family == "kamino_lend":
        return [(ix.acc.get("user_destination_liquidity"), ix.acc.get("reserve_liquidity_mint"))]
    return []


_Builder = Callable[[Ix, Any], list[Operation]]
LENDING_BUILDERS: dict[tuple[str, str], _Builder] = {
    **{("kamino_lend", lay.name): _kamino for lay in KAMINO_LAYOUTS.values()},
    **{("marginfi", lay.name): _marginfi for lay in MARGINFI_LAYOUTS.values()},
    ("marginfi", "set_new_account_authority"): _marginfi_authority,
    **{("marginfi", name): _marginfi_transfer for name in MARGINFI_TRANSFER_ACCOUNTS},
    ("drift", "withdraw"): _drift,
    **DRIFT_USER_BUILDERS,
}
