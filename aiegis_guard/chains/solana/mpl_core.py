"""Metaplex Core assets -> operations (layouts, the Borsh reader of the arguments, builders).

A Core asset is one account (no mint, no token account): the asset account itself is the NFT,
its owner a field of it. What the owner's signature can do to it:

* ``TransferV1`` makes ``new_owner`` the owner: a :class:`Transfer` of the asset (amount 1);
* ``AddPluginV1`` of an owner-managed delegate plugin (``FreezeDelegate``, ``BurnDelegate``,
  ``TransferDelegate``, and the permanent forms) with ``init_authority = Address { a }``, or
  ``ApprovePluginAuthorityV1`` of such a plugin to ``Address { a }``, lets ``a`` freeze, burn
  or transfer the asset at will: an :class:`Approval` of the asset to ``a`` (authority
  ``Owner`` / ``None`` / absent: nobody new; ``Owner`` approved back: a revoke);
  an ``UpdateDelegate`` plugin to an address hands it the asset's metadata: an
  :class:`AuthorityChange` (``update_delegate``);
* ``UpdateV1`` with ``new_update_authority = Address(a) | Collection(a)``: an
  :class:`AuthorityChange` (``update_authority``) of the asset to ``a``;
* ``BurnV1`` destroys the asset: a known call ``mpl_core.burn_asset`` naming (asset, owner),
  FLAGged by ``inspect`` when the owner is own;
* ``RevokePluginAuthorityV1``: a known call (the plugin goes back to its default manager).

A plugin this reader cannot size, a plugin authority ``UpdateAuthority`` (a party the
transaction does not name), or data that does not read leaves the call opaque (FLAG).

Source: metaplex-foundation/mpl-core ``programs/mpl-core/src/instruction.rs``
(``MplAssetInstruction``, a Borsh enum with a u8 tag: ``AddPluginV1`` 2,
``ApprovePluginAuthorityV1`` 8, ``RevokePluginAuthorityV1`` 10, ``BurnV1`` 12, ``TransferV1``
14, ``UpdateV1`` 15; accounts asset, collection, payer, authority, [new_owner], system
program, log wrapper; an absent optional account is the program id), ``plugins/mod.rs``
(``Plugin`` / ``PluginType`` order: Royalties 0, FreezeDelegate 1, BurnDelegate 2,
TransferDelegate 3, UpdateDelegate 4, PermanentFreezeDelegate 5, Attributes 6,
PermanentTransferDelegate 7, PermanentBurnDelegate 8, …), ``state/mod.rs`` (``Authority``:
None 0, Owner 1, UpdateAuthority 2, Address { address } 3), ``state/update_authority.rs``
(``UpdateAuthority``: None, Address, Collection), ``processor/*.rs`` (``AddPluginV1Args {
plugin, init_authority: Option<Authority> }``, ``ApprovePluginAuthorityV1Args { plugin_type,
new_authority }``, ``UpdateV1Args { new_name, new_uri: Option<String>, new_update_authority:
Option<UpdateAuthority> }``). Program ``CoREENxT…hX7d``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from aiegis_guard.chains.solana.layout import Ix, Layout, known, pubkey_str
from aiegis_guard.chains.transaction import (
    Approval,
    Asset,
    AssetKind,
    AuthorityChange,
    Call,
    Operation,
    Transfer,
)
from aiegis_guard.findings import Chain

__all__ = ["MPL_CORE_BUILDERS", "MPL_CORE_PROGRAM", "mpl_core_layout"]

MPL_CORE_PROGRAM: Final = "CoREENxT6tW1HoK8ypY1SxRMZTcVPm7R94rH4PZNhX7d"

_ASSET = ("asset", "collection", "payer", "authority")
MPL_CORE_LAYOUTS: Final[dict[int, Layout]] = {
    2: Layout("AddPluginV1", (), (*_ASSET, "system_program"), min_accounts=4),
    8: Layout("ApprovePluginAuthorityV1", (), (*_ASSET, "system_program"), min_accounts=4),
    10: Layout("RevokePluginAuthorityV1", (), (*_ASSET, "system_program"), min_accounts=4),
    12: Layout("BurnV1", (), _ASSET, min_accounts=3),
    14: Layout("TransferV1", (), (*_ASSET, "new_owner")),
    15: Layout("UpdateV1", (), (*_ASSET, "system_program"), min_accounts=4),
}

# plugin index -> (name, size of its data; -1: Vec<Pubkey>); the owner-managed delegates
_PLUGINS: Final[dict[int, tuple[str, int]]] = {
    1: ("freeze_delegate", 1),  # FreezeDelegate { frozen: bool }
    2: ("burn_delegate", 0),
    3: ("transfer_delegate", 0),
    4: ("update_delegate", -1),  # UpdateDelegate { additional_delegates: Vec<Pubkey> }
    5: ("permanent_freeze_delegate", 1),
    7: ("permanent_transfer_delegate", 0),
    8: ("permanent_burn_delegate", 0),
}
_OWNER, _UPDATE_AUTHORITY, _ADDRESS = 1, 2, 3  # Authority variants (0: None)


class _Reader:
    """Borsh fields from ``data`` at ``pos``; ``None`` from a read past the end."""

    def __init__(self, data: bytes, pos: int) -> None:
        self.data, self.pos = data, pos

    def take(self, size: int) -> bytes | None:
        if size < 0 or self.pos + size > len(self.data):
            return None
        out = self.data[self.pos : self.pos + size]
        self.pos += size
        return out

    def u8(self) -> int | None:
        raw = self.take(1)
        return None if raw is None else raw[0]

    def key(self) -> str | None:
        raw = self.take(32)
        return None if raw is None else pubkey_str(raw)

    def string(self) -> bool:
        """Skip an ``Option<String>``; False when it does not read."""
        tag = self.u8()
        if tag == 0:
            return True
        size = self.take(4)
        return (
            tag == 1 and size is not None and self.take(int.from_bytes(size, "little")) is not None
        )


def _authority(r: _Reader) -> tuple[int, str | None] | None:
    """``Authority``: (variant, address when ``Address``)."""
    tag = r.u8()
    if tag is None or tag > _ADDRESS:
        return None
    if tag != _ADDRESS:
        return tag, None
    address = r.key()
    return None if address is None else (tag, address)


def _plugin(r: _Reader) -> tuple[str, tuple[str, ...]] | None:
    """A ``Plugin`` this reader can size: (name, the extra delegates it names)."""
    tag = r.u8()
    if tag not in _PLUGINS:
        return None
    name, size = _PLUGINS[tag]
    if size >= 0:
        return None if r.take(size) is None else (name, ())
    count = r.take(4)
    if count is None:
        return None
    keys = [r.key() for _ in range(min(int.from_bytes(count, "little"), 64))]
    if len(keys) != int.from_bytes(count, "little") or None in keys:
        return None
    return name, tuple(k for k in keys if k)


def mpl_core_layout(data: bytes) -> tuple[Layout | None, int]:
    return (MPL_CORE_LAYOUTS.get(data[0]), 1) if data else (None, 0)


def _signer(ix: Ix) -> str:
    """Who signs for the asset: ``authority``, or ``payer`` when it is left out."""
    authority = ix.acc.get("authority")
    return ix.acc["payer"] if authority in (None, MPL_CORE_PROGRAM) else authority


def _asset(ix: Ix) -> Asset:
    return Asset(chain=Chain.SOLANA, kind=AssetKind.NFT, address=ix.acc["asset"], symbol="Core")


def _opaque(ix: Ix, malformed: bool) -> list[Operation]:
    via = "solana.malformed" if malformed else "solana.instruction"
    return [Call(via=via, target=ix.program, name=ix.name, accounts=ix.accounts)]


def _grant(ix: Ix, plugin: str, to: str, revoke: bool = False) -> Operation:
    via = f"mpl_core.{plugin}"
    if plugin == "update_delegate":  # power over the metadata, not the asset's ownership
        return AuthorityChange(
            via=via,
            account=ix.acc["asset"],
            new_authority=to,
            authority_type=plugin,
            current_authority=_signer(ix),
        )
    owner = _signer(ix)
    return Approval(
        via=via,
        asset=_asset(ix),
        owner=owner,
        spender=to,
        amount=0 if revoke else 1,
        revoke=revoke,
    )


def _plugin_authority(ix: Ix, refs: Any) -> list[Operation]:
    """``AddPluginV1`` / ``ApprovePluginAuthorityV1``: who the plugin's authority becomes."""
    r = _Reader(ix.data, 1)
    if ix.name == "AddPluginV1":
        plugin = _plugin(r)
        tag = r.u8()
        authority = (_OWNER, None) if tag == 0 else _authority(r) if tag == 1 else None
    else:
        kind = r.u8()
        plugin = (_PLUGINS[kind][0], ()) if kind in _PLUGINS else None
        authority = _authority(r)
    if plugin is None or authority is None:
        return _opaque(ix, malformed=authority is None)
    name, extra = plugin
    variant, address = authority
    if variant == _UPDATE_AUTHORITY:  # a party the transaction does not name: the asset's
        # update authority (for an airdropped asset, whoever made it) may then move it
        who = ("the asset's update authority",)  # never own, never allowlisted: FLAG on a
        # trusted program too (judge_gives._third_party)
        return [
            Call(
                via="solana.instruction",
                target=ix.program,
                name=ix.name,
                accounts=ix.accounts,
                names=who,
            )
        ]
    ops = [_grant(ix, name, key) for key in extra]
    if address is not None:
        ops.append(_grant(ix, name, address))
    elif variant == _OWNER and ix.name != "AddPluginV1" and name != "update_delegate":
        ops.append(_grant(ix, name, _signer(ix), revoke=True))  # back to the owner
    return ops or known(ix)


def _transfer(ix: Ix, refs: Any) -> list[Operation]:
    return [
        Transfer(
            via="mpl_core.transfer",
            asset=_asset(ix),
            sender=_signer(ix),
            recipient=ix.acc["new_owner"],
            amount=1,
        )
    ]


def _burn(ix: Ix, refs: Any) -> list[Operation]:
    accounts = (ix.acc["asset"], _signer(ix))
    return [
        Call(
            via="mpl_core.burn_asset",
            target=ix.program,
            name=ix.name,
            known=True,
            accounts=accounts,
        )
    ]


def _update(ix: Ix, refs: Any) -> list[Operation]:
    r = _Reader(ix.data, 1)
    if not (r.string() and r.string()):
        return _opaque(ix, malformed=True)
    tag = r.u8()
    variant = r.u8() if tag == 1 else None
    new = r.key() if variant in (1, 2) else None  # Address(a) / Collection(a)
    if tag is None or tag > 1 or (tag == 1 and (variant is None or variant > 2)):
        return _opaque(ix, malformed=True)
    if variant in (1, 2) and new is None:
        return _opaque(ix, malformed=True)
    if new is None:  # name / uri only, or no update authority any more: nobody gains it
        return known(ix)
    return [
        AuthorityChange(
            via="mpl_core.update",
            account=ix.acc["asset"],
            new_authority=new,
            authority_type="update_authority",
            current_authority=_signer(ix),
        )
    ]


_Builder = Callable[[Ix, Any], list[Operation]]
MPL_CORE_BUILDERS: dict[tuple[str, str], _Builder] = {
    ("mpl_core", "AddPluginV1"): _plugin_authority,
    ("mpl_core", "ApprovePluginAuthorityV1"): _plugin_authority,
    ("mpl_core", "RevokePluginAuthorityV1"): known,
    ("mpl_core", "BurnV1"): _burn,
    ("mpl_core", "TransferV1"): _transfer,
    ("mpl_core", "UpdateV1"): _update,
}
