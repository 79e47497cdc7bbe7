"""Metaplex Token Metadata: programmable-NFT (pNFT) ``Transfer``, ``Delegate`` and ``Revoke``.

A pNFT cannot move with a plain SPL ``Transfer`` (its token account is frozen); wallets and
drainers move it, or hand a delegate the power to move it, through Token Metadata:

* ``Transfer`` (``TransferArgs::V1 { amount, authorization_data }``) pays ``amount`` of the
  mint from ``token`` to ``destination_owner`` (whose token account the program checks or
  creates): a :class:`Transfer` to that wallet;
* ``Delegate`` with a *token* delegate role (Sale, Transfer, Utility, Staking, Standard,
  LockedTransfer: ``DelegateArgs`` variants that carry an ``amount``) lets ``delegate`` move or
  lock the NFT at any time: an :class:`Approval` of ``amount`` to the delegate; a *metadata*
  delegate role (Collection, Data, ProgrammableConfig, AuthorityItem, ...) hands power over the
  NFT's metadata: an :class:`AuthorityChange` on the mint;
* ``Revoke`` ends a delegate: an :class:`Approval` marked as a revoke;
* ``UpdateMetadataAccountV2`` (``UpdateMetadataAccountArgsV2 { data: Option<DataV2>,
  update_authority: Option<Pubkey>, primary_sale_happened: Option<bool>, is_mutable:
  Option<bool> }``, accounts ``[metadata (w), update_authority (signer)]``) with a new update
  authority hands the whole metadata (name, URI, creators and royalties, collection) to it: an
  :class:`AuthorityChange` ``update_authority`` on the metadata account; data updates and
  making the metadata immutable hand nobody anything (a known call);
* ``Update`` (``UpdateArgs``, a Borsh enum: ``V1``, ``AsUpdateAuthorityV2`` and
  ``AsAuthorityItemDelegateV2`` start with ``new_update_authority: Option<Pubkey>``; the six
  other delegate variants update data / collection / rule set only), accounts ``[authority
  (s), delegate_record, token, mint, metadata (w), edition, payer (s, w), system_program,
  sysvar_instructions, authorization_rules_program, authorization_rules]`` (the processor
  expects 9): the same hand-over as ``UpdateMetadataAccountV2`` by the signing ``authority``.

Source: metaplex-foundation/mpl-token-metadata ``programs/token-metadata/program/src/
instruction/mod.rs`` (``MetadataInstruction`` Borsh enum, u8 tag: ``Delegate`` 44, ``Revoke`` 45,
``Transfer`` 49, ``Update`` 50, ``UpdateMetadataAccountV2`` 15), ``instruction/delegate.rs``
(``DelegateArgs`` / ``RevokeArgs`` order and accounts), ``instruction/transfer.rs``
(``TransferArgs``, accounts), ``instruction/metadata.rs`` (``UpdateMetadataAccountArgsV2``,
``UpdateArgs``; the processor's ``update``: ``EXPECTED_ACCOUNTS_LEN`` 9) and
``state/data.rs`` (``DataV2 {
name, symbol, uri: String, seller_fee_basis_points: u16, creators: Option<Vec<Creator {
address: Pubkey, verified: bool, share: u8 }>>, collection: Option<Collection { verified: bool,
key: Pubkey }>, uses: Option<Uses { use_method: u8, remaining: u64, total: u64 }> }``, Borsh:
``String`` = u32 length + bytes). Absent optional accounts hold the program id.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from aiegis_guard.chains.solana.layout import (
    Ix,
    Layout,
    authority_change,
    known_call,
    malformed_call,
    read_args,
)
from aiegis_guard.chains.transaction import (
    Approval,
    Asset,
    AssetKind,
    AuthorityChange,
    Operation,
    Transfer,
)
from aiegis_guard.findings import Chain

__all__ = ["TOKEN_METADATA_BUILDERS", "TOKEN_METADATA_PROGRAM", "metadata_layout"]

TOKEN_METADATA_PROGRAM: Final = "metaqbxxUerdq28cj1RbAWkYQm3ybzjb6a8bt518x1s"

_DELEGATE_ACCOUNTS = (
    "delegate_record",
    "delegate",
    "metadata",
    "master_edition",
    "token_record",
    "mint",
    "token",
    "authority",
    "payer",
)
TOKEN_METADATA_LAYOUTS: Final[dict[int, Layout]] = {
    44: Layout("Delegate", (("role", "u8"),), _DELEGATE_ACCOUNTS),
    45: Layout("Revoke", (("role", "u8"),), _DELEGATE_ACCOUNTS),
    15: Layout("UpdateMetadataAccountV2", (), ("metadata", "update_authority")),
    50: Layout(
        "Update",
        (("variant", "u8"),),
        (
            "authority",
            "delegate_record",
            "token",
            "mint",
            "metadata",
            "edition",
            "payer",
            "system_program",
            "sysvar_instructions",
            "authorization_rules_program",
            "authorization_rules",
        ),
        min_accounts=9,
    ),
    49: Layout(
        "Transfer",
        (("version", "u8"), ("amount", "u64")),
        (
            "token",
            "token_owner",
            "destination_token",
            "destination_owner",
            "mint",
            "metadata",
            "edition",
            "token_record",
            "destination_token_record",
            "authority",
        ),
    ),
}

# DelegateArgs / RevokeArgs variant index -> role name; the token delegates carry an amount
_ROLES = (
    "collection",
    "sale",
    "transfer",
    "data",
    "utility",
    "staking",
    "standard",
    "locked_transfer",
    "programmable_config",
    "authority_item",
    "data_item",
    "collection_item",
    "programmable_config_item",
    "print_delegate",
)
_TOKEN_ROLES = frozenset({"sale", "transfer", "utility", "staking", "standard", "locked_transfer"})


def metadata_layout(data: bytes) -> tuple[Layout | None, int]:
    return (TOKEN_METADATA_LAYOUTS.get(data[0]), 1) if data else (None, 0)


def _nft(mint: str) -> Asset:
    return Asset(chain=Chain.SOLANA, kind=AssetKind.FUNGIBLE, address=mint, decimals=0)


def _role(ix: Ix) -> str:
    code = ix.args["role"]
    return _ROLES[code] if code < len(_ROLES) else f"unknown_{code}"


def _transfer(ix: Ix, refs: Any) -> list[Operation]:
    acc = ix.acc
    return [
        Transfer(
            via="token_metadata.transfer",
            asset=_nft(acc["mint"]),
            sender=acc["authority"],
            recipient=acc["destination_owner"],
            amount=ix.args["amount"],
            source=acc["token"],
        )
    ]


def _delegate(ix: Ix, refs: Any) -> list[Operation]:
    acc, role = ix.acc, _role(ix)
    via = f"token_metadata.{ix.name.lower() if ix.name else 'delegate'}_{role}"
    revoke = ix.name == "Revoke"
    if role not in _TOKEN_ROLES and not revoke:  # power over the metadata, not the token
        return [
            AuthorityChange(
                via=via,
                account=acc["mint"],
                new_authority=acc["delegate"],
                authority_type=f"{role}_delegate",
                current_authority=acc["authority"],
            )
        ]
    amount = 0
    if not revoke:  # the token roles: ``amount: u64`` follows the variant tag
        read = read_args((("amount", "u64"),), ix.data, 2)
        amount = read["amount"] if isinstance(read, dict) else 1
    return [
        Approval(
            via=via,
            asset=_nft(acc["mint"]),
            owner=acc["authority"],
            spender=acc["delegate"],
            amount=amount,
            revoke=revoke,
            source=acc["token"],
        )
    ]


_CREATOR, _COLLECTION, _USES = 34, 33, 17  # Borsh sizes of Creator, Collection, Uses


def _skip_data_v2(data: bytes, pos: int) -> int:
    """The offset after a Borsh ``DataV2`` at ``pos`` (ValueError when it does not fit)."""
    for _ in range(3):  # name, symbol, uri
        pos += 4 + int.from_bytes(data[pos : pos + 4], "little")
    pos += 2  # seller_fee_basis_points
    for size in (_CREATOR, _COLLECTION, _USES):
        tag = data[pos : pos + 1]
        if tag not in (b"\x00", b"\x01"):
            raise ValueError("bad option tag in DataV2")
        if size == _CREATOR and tag == b"\x01":  # Option<Vec<Creator>>: u32 count
            pos += 4 + _CREATOR * int.from_bytes(data[pos + 1 : pos + 5], "little")
        elif tag == b"\x01":
            pos += size
        pos += 1
    if pos > len(data):
        raise ValueError("DataV2 runs past the instruction data")
    return pos


def _new_update_authority(data: bytes) -> str | None:
    """``UpdateMetadataAccountArgsV2.update_authority`` (None: unchanged)."""
    pos = 1
    if data[pos : pos + 1] == b"\x01":
        pos = _skip_data_v2(data, pos + 1)
    elif data[pos : pos + 1] != b"\x00":
        raise ValueError("bad option tag for data")
    else:
        pos += 1
    read = read_args((("update_authority", "opt_pubkey"),), data, pos)
    if isinstance(read, str):
        raise ValueError(read)
    new: str | None = read["update_authority"]
    return new


def _update_metadata(ix: Ix, refs: Any) -> list[Operation]:
    try:
        new = _new_update_authority(ix.data)
    except ValueError:
        return [malformed_call(ix)]
    return _update_authority(ix, new, ix.acc["update_authority"])


def _update_authority(ix: Ix, new: str | None, current: str | None) -> list[Operation]:
    """The metadata handed to a new update authority, or a known call when nobody gains it
    (data / flags / collection only)."""
    if new is None or new == current:
        return [known_call(ix)]
    via = "token_metadata.update_authority"
    return [authority_change(ix, "metadata", via, "update_authority", new, current=current)]


_UPDATE_VARIANTS = 9  # UpdateArgs: V1, AsUpdateAuthorityV2, AsAuthorityItemDelegateV2, six more
_HANDS_AUTHORITY = 3  # the first three start with ``new_update_authority``


def _update(ix: Ix, refs: Any) -> list[Operation]:
    """``Update``: a new update authority named by one of the first three variants."""
    variant = ix.args["variant"]
    read = read_args((("new", "opt_pubkey"),), ix.data, 2) if variant < _HANDS_AUTHORITY else {}
    if variant >= _UPDATE_VARIANTS or isinstance(read, str):
        return [malformed_call(ix)]
    return _update_authority(ix, read.get("new"), ix.acc["authority"])


TOKEN_METADATA_BUILDERS: dict[tuple[str, str], Callable[[Ix, Any], list[Operation]]] = {
    ("token_metadata", "UpdateMetadataAccountV2"): _update_metadata,
    ("token_metadata", "Update"): _update,
    ("token_metadata", "Transfer"): _transfer,
    ("token_metadata", "Delegate"): _delegate,
    ("token_metadata", "Revoke"): _delegate,
}
