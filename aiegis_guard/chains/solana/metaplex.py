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
* ``Revoke`` ends a delegate: an :class:`Approval` marked as a revoke.

Source: metaplex-foundation/mpl-token-metadata ``programs/token-metadata/program/src/
instruction/mod.rs`` (``MetadataInstruction`` Borsh enum, u8 tag: ``Delegate`` 44, ``Revoke`` 45,
``Transfer`` 49), ``instruction/delegate.rs`` (``DelegateArgs`` / ``RevokeArgs`` order and
accounts), ``instruction/transfer.rs`` (``TransferArgs``, accounts). Absent optional accounts
hold the program id.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from aiegis_guard.chains.solana.layout import Ix, Layout, read_args
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


TOKEN_METADATA_BUILDERS: dict[tuple[str, str], Callable[[Ix, Any], list[Operation]]] = {
    ("token_metadata", "Transfer"): _transfer,
    ("token_metadata", "Delegate"): _delegate,
    ("token_metadata", "Revoke"): _delegate,
}
