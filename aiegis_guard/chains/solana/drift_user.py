"""Drift v2 user (subaccount) settings: who may trade the own subaccount.

Source: drift-labs/protocol-v2 ``programs/drift/src/lib.rs`` and ``instructions/user.rs``:
``update_user_delegate(sub_account_id: u16, delegate: Pubkey)`` (``user.delegate =
delegate``), ``update_user_reduce_only(sub_account_id: u16, reduce_only: bool)``,
``update_user_margin_trading_enabled(sub_account_id: u16, margin_trading_enabled: bool)`` and
``update_user_custom_margin_ratio(sub_account_id: u16, margin_ratio: u32)``, all with the
``UpdateUser`` accounts ``0. user`` (writable, the PDA ``['user', authority, sub_account_id
u16 LE]``), ``1. authority`` (signer). Anchor discriminators: ``sha256("global:<name>")[:8]``.

A delegate places, modifies and cancels orders for the subaccount (``can_sign_for_user``:
authority or delegate) with its whole collateral as margin, though it cannot withdraw: an
:class:`AuthorityChange` ``delegate`` on the user account by its authority.
``Pubkey::default()`` (all zero) removes the delegate: nobody gains anything; so do the
reduce-only, margin-trading and margin-ratio settings (the authority's own limits).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any, Final

from aiegis_guard.chains.solana.layout import Ix, Layout, authority_change, known
from aiegis_guard.chains.transaction import Operation

__all__ = ["DRIFT_USER_BUILDERS", "DRIFT_USER_LAYOUTS"]

_ACCOUNTS: Final = ("user", "authority")


def _disc(name: str) -> bytes:
    return hashlib.sha256(f"global:{name}".encode()).digest()[:8]


def _layout(name: str, *args: tuple[str, str]) -> tuple[bytes, Layout]:
    return _disc(name), Layout(name, (("sub_account_id", "u16"), *args), _ACCOUNTS)


DRIFT_USER_LAYOUTS: Final[dict[bytes, Layout]] = dict(
    (
        _layout("update_user_delegate", ("delegate", "nz_pubkey")),
        _layout("update_user_reduce_only", ("reduce_only", "u8")),
        _layout("update_user_margin_trading_enabled", ("margin_trading_enabled", "u8")),
        _layout("update_user_custom_margin_ratio", ("margin_ratio", "u32")),
    )
)


def _delegate(ix: Ix, refs: Any) -> list[Operation]:
    new = ix.args["delegate"]
    if new is None:  # Pubkey::default(): the delegate removed
        return known(ix)
    current = ix.acc["authority"]
    return [authority_change(ix, "user", "drift.user_delegate", "delegate", new, current=current)]


_Builder = Callable[[Ix, Any], list[Operation]]
DRIFT_USER_BUILDERS: Final[dict[tuple[str, str], _Builder]] = {
    ("drift", "update_user_delegate"): _delegate,
    ("drift", "update_user_reduce_only"): known,
    ("drift", "update_user_margin_trading_enabled"): known,
    ("drift", "update_user_custom_margin_ratio"): known,
}
