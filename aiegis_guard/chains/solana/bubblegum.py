"""Metaplex Bubblegum (compressed NFTs) -> operations on the leaf's asset (layouts, builders).

A compressed NFT has no mint and no token account: it is a leaf of a concurrent Merkle tree,
``LeafSchema { id, owner, delegate, nonce, data_hash, creator_hash, ... }``, and its asset id
is the program-derived address ``["asset", merkle_tree, nonce.to_le_bytes()]`` under the
Bubblegum program (``utils::get_asset_id``). The instructions name the tree and the leaf's
``nonce``, so the asset is derived here (solders) and named by that id.

* ``transfer`` / ``transfer_v2`` replace the leaf with one owned by ``new_leaf_owner`` (no
  delegate): a :class:`Transfer` of the asset (amount 1) from ``leaf_owner``;
* ``delegate`` / ``delegate_v2`` / ``delegate_and_freeze_v2`` set ``new_leaf_delegate``, who
  may then transfer or burn the asset alone: an :class:`Approval` of the asset to it (a
  revoke when the new delegate is the owner itself, the program's "no delegate");
* ``burn`` / ``burn_v2`` remove the leaf: a known call ``bubblegum.burn_asset`` naming
  (asset, owner), FLAGged by ``inspect`` when the owner is own (like an SPL burn).

Source: metaplex-foundation/mpl-bubblegum ``programs/bubblegum/program/src/lib.rs``
(``get_instruction_type``: the Anchor discriminators below; the argument lists of
``transfer``, ``delegate``, ``burn`` — ``root, data_hash, creator_hash: [u8; 32], nonce: u64,
index: u32`` — of ``transfer_v2`` / ``burn_v2`` — ``…, asset_data_hash: Option<[u8; 32]>,
flags: Option<u8>, nonce, index`` — and of ``delegate_v2`` / ``delegate_and_freeze_v2`` —
``…, collection_hash: Option<[u8; 32]>, asset_data_hash, flags, nonce, index``),
``idls/bubblegum.json`` (V1 account order), ``processor/transfer.rs`` / ``delegate.rs`` /
``delegate_and_freeze.rs`` / ``burn.rs`` (the ``TransferV2``, ``DelegateV2``,
``DelegateAndFreezeV2``, ``BurnV2`` account structs; an absent optional account is passed as
the program id, Anchor's convention: ``authority`` / ``leaf_owner`` then default to
``payer``, ``leaf_delegate`` to the owner). Program ``BGUMAp9G…RPUY``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, Final

from solders.pubkey import Pubkey

from aiegis_guard.chains.solana.layout import Ix, Layout
from aiegis_guard.chains.transaction import (
    Approval,
    Asset,
    AssetKind,
    Call,
    Operation,
    Transfer,
)
from aiegis_guard.findings import Chain

__all__ = ["BUBBLEGUM_BUILDERS", "BUBBLEGUM_PROGRAM", "bubblegum_asset_id", "bubblegum_layout"]

BUBBLEGUM_PROGRAM: Final = "BGUMAp9Gq7iTEuizy4pqaxsTyUCBK68MDfK752saRPUY"

_H = "pubkey"  # a [u8; 32] hash reads like a key: 32 bytes
_LEAF = (("root", _H), ("data_hash", _H), ("creator_hash", _H))
_TAIL = (("nonce", "u64"), ("index", "u32"))
_V2 = (("asset_data_hash", "opt_pubkey"), ("flags", "opt_u8"))
_PROGRAMS = ("log_wrapper", "compression_program", "system_program")
_DELEGATE_V2_ACCOUNTS = (  # DelegateV2 and DelegateAndFreezeV2
    "tree_authority",
    "payer",
    "leaf_owner",
    "previous_leaf_delegate",
    "new_leaf_delegate",
    "merkle_tree",
    *_PROGRAMS,
)
BUBBLEGUM_LAYOUTS: Final[dict[bytes, Layout]] = {
    bytes([163, 52, 200, 231, 140, 3, 69, 186]): Layout(
        "transfer",
        (*_LEAF, *_TAIL),
        (
            "tree_authority",
            "leaf_owner",
            "leaf_delegate",
            "new_leaf_owner",
            "merkle_tree",
            *_PROGRAMS,
        ),
    ),
    bytes([90, 147, 75, 178, 85, 88, 4, 137]): Layout(
        "delegate",
        (*_LEAF, *_TAIL),
        (
            "tree_authority",
            "leaf_owner",
            "previous_leaf_delegate",
            "new_leaf_delegate",
            "merkle_tree",
            *_PROGRAMS,
        ),
    ),
    bytes([116, 110, 29, 56, 107, 219, 42, 93]): Layout(
        "burn",
        (*_LEAF, *_TAIL),
        ("tree_authority", "leaf_owner", "leaf_delegate", "merkle_tree", *_PROGRAMS),
    ),
    bytes([119, 40, 6, 235, 234, 221, 248, 49]): Layout(
        "transfer_v2",
        (*_LEAF, *_V2, *_TAIL),
        (
            "tree_authority",
            "payer",
            "authority",
            "leaf_owner",
            "leaf_delegate",
            "new_leaf_owner",
            "merkle_tree",
            "core_collection",
            *_PROGRAMS,
        ),
    ),
    bytes([95, 87, 125, 140, 181, 131, 128, 227]): Layout(
        "delegate_v2",
        (*_LEAF, ("collection_hash", "opt_pubkey"), *_V2, *_TAIL),
        _DELEGATE_V2_ACCOUNTS,
    ),
    # DelegateAndFreezeV2: DelegateV2's accounts and arguments; the new delegate may then
    # thaw, transfer or burn the asset
    bytes([17, 229, 35, 218, 190, 241, 250, 123]): Layout(
        "delegate_and_freeze_v2",
        (*_LEAF, ("collection_hash", "opt_pubkey"), *_V2, *_TAIL),
        _DELEGATE_V2_ACCOUNTS,
    ),
    # BurnV2: tree_authority, authority, leaf_owner, leaf_delegate, merkle_tree, then
    # core_collection, mpl_core_cpi_signer and the programs (not read here)
    bytes([115, 210, 34, 240, 232, 143, 183, 16]): Layout(
        "burn_v2",
        (*_LEAF, *_V2, *_TAIL),
        ("tree_authority", "authority", "leaf_owner", "leaf_delegate", "merkle_tree"),
    ),
}


def bubblegum_layout(data: bytes) -> tuple[Layout | None, int]:
    return BUBBLEGUM_LAYOUTS.get(data[:8]), 8


@lru_cache(maxsize=1024)
def bubblegum_asset_id(tree: str, nonce: int) -> str | None:
    """``get_asset_id``: the PDA ``["asset", tree, nonce (u64 LE)]`` (None for a non-key)."""
    try:
        seeds = [b"asset", bytes(Pubkey.from_string(tree)), nonce.to_bytes(8, "little")]
    except (ValueError, OverflowError):
        return None
    return str(Pubkey.find_program_address(seeds, Pubkey.from_string(BUBBLEGUM_PROGRAM))[0])


def _given(acc: dict[str, str], role: str) -> str | None:
    """An optional account: absent when the program id stands in its place."""
    value = acc.get(role)
    return None if value in (None, BUBBLEGUM_PROGRAM) else value


def _owner(ix: Ix) -> str:
    """The leaf's owner (V2 ``delegate_v2``: ``payer`` when ``leaf_owner`` is left out)."""
    return _given(ix.acc, "leaf_owner") or ix.acc.get("payer") or ix.acc["leaf_owner"]


def _asset(ix: Ix) -> Asset:
    tree = ix.acc["merkle_tree"]
    asset_id = bubblegum_asset_id(tree, ix.args["nonce"]) or tree
    return Asset(chain=Chain.SOLANA, kind=AssetKind.NFT, address=asset_id, symbol="cNFT")


def _transfer(ix: Ix, refs: Any) -> list[Operation]:
    return [
        Transfer(
            via=f"bubblegum.{ix.name}",
            asset=_asset(ix),
            sender=_owner(ix),
            recipient=ix.acc["new_leaf_owner"],
            amount=1,
        )
    ]


def _delegate(ix: Ix, refs: Any) -> list[Operation]:
    owner, delegate = _owner(ix), ix.acc["new_leaf_delegate"]
    return [
        Approval(
            via=f"bubblegum.{ix.name}",
            asset=_asset(ix),
            owner=owner,
            spender=delegate,
            amount=0 if delegate == owner else 1,
            revoke=delegate == owner,  # the leaf's delegate is its owner: no delegate
        )
    ]


def _burn(ix: Ix, refs: Any) -> list[Operation]:
    asset = _asset(ix).address or ""
    return [
        Call(
            via="bubblegum.burn_asset",
            target=ix.program,
            name=ix.name,
            known=True,
            accounts=(asset, ix.acc["leaf_owner"]),
        )
    ]


_Builder = Callable[[Ix, Any], list[Operation]]
BUBBLEGUM_BUILDERS: dict[tuple[str, str], _Builder] = {
    ("bubblegum", "transfer"): _transfer,
    ("bubblegum", "transfer_v2"): _transfer,
    ("bubblegum", "delegate"): _delegate,
    ("bubblegum", "delegate_v2"): _delegate,
    ("bubblegum", "delegate_and_freeze_v2"): _delegate,
    ("bubblegum", "burn"): _burn,
    ("bubblegum", "burn_v2"): _burn,
}
