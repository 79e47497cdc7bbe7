"""SPL Name Service (the registry behind ``.sol`` names) -> operations (layouts and builders).

Source: solana-labs/solana-program-library ``name-service/program/src/instruction.rs``
(``NameRegistryInstruction``, a Borsh enum with a u8 tag): ``Create { hashed_name: Vec<u8>,
lamports: u64, space: u32 }`` (0; accounts system program, payer, name record, owner, class,
parent, parent owner), ``Update { offset: u32, data: Vec<u8> }`` (1; name record, owner or
class), ``Transfer { new_owner: Pubkey }`` (2; name record, owner), ``Delete`` (3; name record,
owner, refund target: the record's lamports go there). Program ``namesLPn…RkX``.

* ``Transfer`` hands the name (one unique asset: the record account) to ``new_owner``: a
  :class:`Transfer` of that account, like an NFT sent away;
* ``Delete`` closes the record and pays its lamports to the refund target: a
  :class:`CloseAccount`;
* ``Create`` funds a new record owned by the name service program: a :class:`Creation`;
* ``Update`` rewrites the record's data (where the name points): a known call.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from aiegis_guard.chains.solana.layout import Ix, Layout
from aiegis_guard.chains.transaction import (
    Asset,
    AssetKind,
    Call,
    CloseAccount,
    Creation,
    Operation,
    Transfer,
)
from aiegis_guard.findings import Chain

__all__ = ["NAME_SERVICE_BUILDERS", "NAME_SERVICE_PROGRAM", "name_service_layout"]

NAME_SERVICE_PROGRAM: Final = "namesLPneVptA9Z5rqUDD9tMTWEJwofgaYwp8cawRkX"

NAME_SERVICE_LAYOUTS: Final[dict[int, Layout]] = {
    0: Layout(
        "Create",
        (("hashed_name", "bytes"), ("lamports", "u64"), ("space", "u32")),
        ("system_program", "payer", "name_account", "name_owner", "name_class", "parent"),
    ),
    1: Layout("Update", (("offset", "u32"), ("data", "bytes")), ("name_account", "signer")),
    2: Layout("Transfer", (("new_owner", "pubkey"),), ("name_account", "name_owner")),
    3: Layout("Delete", (), ("name_account", "name_owner", "refund_target")),
}


def name_service_layout(data: bytes) -> tuple[Layout | None, int]:
    return (NAME_SERVICE_LAYOUTS.get(data[0]), 1) if data else (None, 0)


def _create(ix: Ix, refs: Any) -> list[Operation]:
    return [
        Creation(
            via="name_service.create",
            value=ix.args["lamports"],
            code_size=ix.args["space"],
            account=ix.acc["name_account"],
            owner=NAME_SERVICE_PROGRAM,
        )
    ]


def _update(ix: Ix, refs: Any) -> list[Operation]:
    """``Update{offset, data}`` rewrites the name's data — its records (the address a payment to
    the name reaches) included: what it writes is not read, so it asks for a human."""
    who = ("whoever the rewritten records name",)  # never own or allowlisted: FLAG
    return [
        Call(
            via="solana.instruction",
            target=ix.program,
            name="Update",
            accounts=ix.accounts,
            names=who,
        )
    ]


def _transfer(ix: Ix, refs: Any) -> list[Operation]:
    name = ix.acc["name_account"]
    asset = Asset(chain=Chain.SOLANA, kind=AssetKind.NFT, address=name, symbol="SNS name")
    return [
        Transfer(
            via="name_service.transfer",
            asset=asset,
            sender=ix.acc["name_owner"],
            recipient=ix.args["new_owner"],
            amount=1,
        )
    ]


def _delete(ix: Ix, refs: Any) -> list[Operation]:
    acc = ix.acc
    via = "name_service.delete"
    return [CloseAccount(via=via, account=acc["name_account"], destination=acc["refund_target"])]


_Builder = Callable[[Ix, Any], list[Operation]]
NAME_SERVICE_BUILDERS: dict[tuple[str, str], _Builder] = {
    ("name_service", "Create"): _create,
    ("name_service", "Update"): _update,
    ("name_service", "Transfer"): _transfer,
    ("name_service", "Delete"): _delete,
}
