"""Compiled Solana instructions -> operations (transfers, approvals, authority changes, ...).

Two passes: first every instruction is read with its :class:`~.programs.Layout` (arguments and
account roles) and what the transaction says about token accounts is collected (ATA creation,
``InitializeAccount*``, mints named by checked instructions, signing authorities:
:mod:`.refs`); then each instruction becomes operations, with mints filled in from that table
where the instruction alone does not name one (SPL ``Transfer`` / ``Approve``).

A known instruction whose data or accounts are too short for its layout is not guessed at: it
becomes ``Call(via="solana.malformed")`` plus a note (the program would reject it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from aiegis_guard.chains.solana import defi
from aiegis_guard.chains.solana import programs as progs
from aiegis_guard.chains.solana import squads_vault as sv
from aiegis_guard.chains.solana.jupiter import JUPITER_BUILDERS
from aiegis_guard.chains.solana.layout import (
    SOL,
    Ix,
    known,
    known_call,
    malformed_call,
    pubkey_str,
    read_args,
)
from aiegis_guard.chains.solana.metaplex import TOKEN_METADATA_BUILDERS
from aiegis_guard.chains.solana.protocols import PROTOCOL_BUILDERS, PROTOCOL_FAMILIES
from aiegis_guard.chains.solana.refs import Refs, collect_refs
from aiegis_guard.chains.solana.stake import STAKE_BUILDERS
from aiegis_guard.chains.solana.wire import WireInstruction, WireMessage
from aiegis_guard.chains.transaction import (
    Approval,
    Asset,
    AssetKind,
    AuthorityChange,
    Call,
    CloseAccount,
    Creation,
    Memo,
    Operation,
    TokenAccountRef,
    Transfer,
)
from aiegis_guard.findings import Chain

__all__ = ["DECODED_PROGRAMS", "FULLY_READ_PROGRAMS", "Built", "build_operations", "pubkey_str"]

DEFAULT_UNITS_PER_INSTRUCTION = 200_000
MAX_COMPUTE_UNITS = 1_400_000
MAX_VAULT_DEPTH = 2  # a vault transaction proposing one of another multisig, and no deeper
_VAULT_STEPS = frozenset({sv.VAULT_CREATE, "proposal_approve", "vault_transaction_execute"})

_FAMILY = {
    progs.SYSTEM_PROGRAM: "system",
    progs.TOKEN_PROGRAM: "token",
    progs.TOKEN_2022_PROGRAM: "token",
    progs.ATA_PROGRAM: "ata",
    progs.COMPUTE_BUDGET_PROGRAM: "compute",
    progs.MEMO_V1_PROGRAM: "memo",
    progs.MEMO_V2_PROGRAM: "memo",
    progs.LOOKUP_TABLE_PROGRAM: "alt",
    progs.STAKE_PROGRAM: "stake",
    progs.JUPITER_V6_PROGRAM: "jupiter",
    **defi.DEFI_FAMILIES,
    progs.TOKEN_METADATA_PROGRAM: "token_metadata",
    **PROTOCOL_FAMILIES,
}
DECODED_PROGRAMS = frozenset(_FAMILY)
"""Programs whose instructions this package reads (some of them: the AMMs' swaps only)."""
_READ_IN_FULL = frozenset({"jupiter", "cctp"})
FULLY_READ_PROGRAMS = frozenset(p for p, family in _FAMILY.items() if family in _READ_IN_FULL)
"""Programs whose whole published instruction set a table here reads (Jupiter v6: every
route, v1 and v2, and its ledger / claim instructions; CCTP's token messenger: every burn,
the only instructions a user signs there, the rest being its owner's): an instruction of one
of them that no table knows is a function newer than the tables (``inspect.py``:
``unread``). The AMM, lending and pool families read only what moves the user's assets in a
swap or a withdrawal; their liquidity management (add / remove liquidity, positions, fees)
is not read, and allowlisting the program is what lets it pass, as for any program."""


@dataclass
class Built:
    operations: tuple[Operation, ...] = ()
    token_accounts: tuple[TokenAccountRef, ...] = ()
    notes: tuple[str, ...] = ()
    durable_nonce: bool = False
    priority_fee: int | None = None
    value: int = 0
    funded: tuple[str, ...] = ()  # new accounts a signer funds (and so owns) in this message


def read_instruction(ix: WireInstruction, keys: list[str]) -> Ix:
    program = keys[ix.program_index]
    accounts = tuple(map(keys.__getitem__, ix.accounts))
    family = _FAMILY.get(program)
    data = ix.data
    if family == "memo":
        return Ix(program, family, "Memo", {}, {}, accounts, data)
    layout, skip = progs.layout_for(program, data)
    if layout is None:
        return Ix(program, family, None, {}, {}, accounts, data)
    acc = dict(zip(layout.accounts, accounts, strict=False))
    parsed = read_args(layout.args, data, skip)
    if isinstance(parsed, str):
        return Ix(program, family, layout.name, {}, acc, accounts, data, parsed)
    if len(accounts) < layout.required_accounts:
        reason = f"{len(accounts)} accounts, needs {layout.required_accounts}"
        return Ix(program, family, layout.name, parsed, acc, accounts, data, reason)
    return Ix(program, family, layout.name, parsed, acc, accounts, data)


_TOKEN_ASSETS: dict[tuple[str | None, int | None], Asset] = {}


def token_asset(mint: str | None, decimals: int | None = None) -> Asset:
    """An SPL token (mints are public; the value is cached like EVM ``frames.asset``)."""
    key = (mint, decimals)
    found = _TOKEN_ASSETS.get(key)
    if found is None:
        found = Asset(chain=Chain.SOLANA, kind=AssetKind.FUNGIBLE, address=mint, decimals=decimals)
        if len(_TOKEN_ASSETS) >= 4096:
            _TOKEN_ASSETS.clear()
        _TOKEN_ASSETS[key] = found
    return found


def _call(ix: Ix, refs: Refs) -> list[Operation]:
    known = ix.name is not None and not ix.malformed
    selector = ix.data[:8].hex() if ix.data else None
    return [
        Call(
            via="solana.malformed" if ix.malformed else "solana.instruction",
            target=ix.program,
            name=ix.name,
            selector=selector,
            known=known,
            accounts=ix.accounts,
            writable=ix.writable,
        )
    ]


def _native(via: str, sender_role: str, to_role: str) -> Builder:
    def build(ix: Ix, refs: Refs) -> list[Operation]:
        return [
            Transfer(
                via=via,
                asset=SOL,
                sender=ix.acc[sender_role],
                recipient=ix.acc[to_role],
                amount=ix.args.get("lamports"),  # None: "whatever is in excess"
            )
        ]

    return build


def _create(via: str) -> Builder:
    def build(ix: Ix, refs: Refs) -> list[Operation]:
        new = ix.acc["account"]
        value, space, owner = ix.args["lamports"], ix.args["space"], ix.args["owner"]
        return [Creation(via=via, value=value, code_size=space, account=new, owner=owner)]

    return build


_POINTERS = (
    ("MetadataPointer", "metadata_pointer"),
    ("GroupPointer", "group_pointer"),
    ("GroupMemberPointer", "member_pointer"),
)


def _authority(via: str, new_arg: str, kind: str, current_role: str) -> Builder:
    def build(ix: Ix, refs: Refs) -> list[Operation]:
        account = ix.acc.get("nonce") or ix.acc["account"]
        if ix.args[new_arg] is None and kind != "spl":  # an extension initialised empty
            return known(ix)
        if kind == "spl":
            code = ix.args["authority_type"]
            names = progs.SPL_AUTHORITY_TYPES
            auth_type = names[code] if code < len(names) else f"unknown_{code}"
        else:
            auth_type = kind
        return [
            AuthorityChange(
                via=via,
                account=account,
                new_authority=ix.args[new_arg],
                authority_type=auth_type,
                current_authority=ix.acc.get(current_role),
            )
        ]

    return build


def _authority_account(via: str, new_role: str, kind: str, current_role: str) -> Builder:
    """An authority named by an account of the instruction (not an argument)."""

    def build(ix: Ix, refs: Refs) -> list[Operation]:
        current = ix.acc.get(current_role)
        account, new = ix.acc["account"], ix.acc[new_role]
        return [
            AuthorityChange(
                via=via,
                account=account,
                new_authority=new,
                authority_type=kind,
                current_authority=current,
            )
        ]

    return build


def _token_transfer(via: str) -> Builder:
    def build(ix: Ix, refs: Refs) -> list[Operation]:
        a, acc = ix.args, ix.acc
        mint = acc.get("mint") or refs.mint(acc["source"], acc["destination"])
        return [
            Transfer(
                via=via,
                asset=token_asset(mint, a.get("decimals")),
                sender=acc["authority"],
                recipient=acc["destination"],
                amount=a["amount"],
                source=acc["source"],
            )
        ]

    return build


def _token_approve(via: str) -> Builder:
    def build(ix: Ix, refs: Refs) -> list[Operation]:
        a, acc = ix.args, ix.acc
        mint = acc.get("mint") or refs.mint(acc["source"])
        return [
            Approval(
                via=via,
                asset=token_asset(mint, a.get("decimals")),
                owner=acc["owner"],
                spender=acc["delegate"],
                amount=a["amount"],
                unlimited=a["amount"] == progs.U64_MAX,
                source=acc["source"],
            )
        ]

    return build


def _close(ix: Ix, refs: Refs) -> list[Operation]:
    return [CloseAccount(account=ix.acc["account"], destination=ix.acc["destination"])]


def _close_table(ix: Ix, refs: Refs) -> list[Operation]:
    via = "alt.close_lookup_table"
    return [CloseAccount(via=via, account=ix.acc["table"], destination=ix.acc["recipient"])]


def _memo(ix: Ix, refs: Refs) -> list[Operation]:
    text = ix.data.decode("utf-8", errors="replace")
    return [Memo(via="spl.memo", text=text)]


Builder = Callable[[Ix, Refs], list[Operation]]

BUILDERS: dict[tuple[str, str], Builder] = {
    ("system", "Transfer"): _native("system.transfer", "from", "to"),
    ("system", "TransferWithSeed"): _native("system.transfer_with_seed", "from_base", "to"),
    ("system", "WithdrawNonceAccount"): _native("system.withdraw_nonce", "authority", "to"),
    ("system", "CreateAccount"): _create("system.create_account"),
    ("system", "CreateAccountWithSeed"): _create("system.create_account_with_seed"),
    ("system", "CreateAccountAllowPrefund"): _create("system.create_account_allow_prefund"),
    ("system", "Assign"): _authority("system.assign", "owner", "owner", "account"),
    ("system", "AssignWithSeed"): _authority(
        "system.assign_with_seed", "owner", "owner", "base_signer"
    ),
    ("system", "AuthorizeNonceAccount"): _authority(
        "system.authorize_nonce", "new_authority", "nonce_authority", "authority"
    ),
    ("token", "Transfer"): _token_transfer("spl.transfer"),
    ("token", "TransferChecked"): _token_transfer("spl.transfer_checked"),
    ("token", "TransferCheckedWithFee"): _token_transfer("spl.transfer_checked_with_fee"),
    ("token", "Approve"): _token_approve("spl.approve"),
    ("token", "ApproveChecked"): _token_approve("spl.approve_checked"),
    ("token", "SetAuthority"): _authority(
        "spl.set_authority", "new_authority", "spl", "current_authority"
    ),
    ("token", "CloseAccount"): _close,
    ("token", "InitializePermanentDelegate"): _authority(
        "spl.set_authority", "delegate", "permanent_delegate", "none"
    ),
    ("token", "InitializeTransferHook"): _authority(
        "spl.set_authority", "program_id", "transfer_hook_program_id", "none"
    ),
    ("token", "UpdateTransferHook"): _authority(
        "spl.set_authority", "program_id", "transfer_hook_program_id", "authority"
    ),
    **{
        ("token", f"Initialize{name}"): _authority(
            "spl.set_authority", "authority", f"{kind}_authority", "none"
        )
        for name, kind in _POINTERS
    },
    **{
        ("token", f"Update{name}"): _authority(
            "spl.set_authority", f"{kind[: -len('_pointer')]}_address", kind, "authority"
        )
        for name, kind in _POINTERS
    },
    ("token", "UpdateMetadataAuthority"): _authority(
        "spl.set_authority", "new_authority", "metadata_update_authority", "authority"
    ),
    ("token", "UpdateGroupAuthority"): _authority(
        "spl.set_authority", "new_authority", "group_update_authority", "authority"
    ),
    ("token", "InitializeMetadata"): _authority_account(
        "spl.set_authority", "update_authority", "metadata_update_authority", "mint_authority"
    ),
    ("token", "InitializeGroup"): _authority(
        "spl.set_authority", "update_authority", "group_update_authority", "mint_authority"
    ),
    ("token", "WithdrawExcessLamports"): _native(
        "spl.withdraw_excess_lamports", "authority", "destination"
    ),
    ("alt", "CloseLookupTable"): _close_table,
    ("system", "InitializeNonceAccount"): _authority(
        "system.authorize_nonce", "authority", "nonce_authority", "none"
    ),
    ("memo", "Memo"): _memo,
    **STAKE_BUILDERS,
    **JUPITER_BUILDERS,
    **defi.DEFI_BUILDERS,
    **TOKEN_METADATA_BUILDERS,
    **PROTOCOL_BUILDERS,
}  # fmt: skip


def _priority_fee(ixs: list[Ix]) -> int | None:
    price: int | None = None
    limit: int | None = None
    for ix in ixs:
        if ix.family == "compute" and not ix.malformed:
            if ix.name == "SetComputeUnitPrice":
                price = ix.args["micro_lamports"]
            elif ix.name == "SetComputeUnitLimit":
                limit = ix.args["units"]
    if not price:
        return None
    if limit is None:
        others = sum(1 for ix in ixs if ix.family != "compute")
        limit = DEFAULT_UNITS_PER_INSTRUCTION * others
    limit = min(limit, MAX_COMPUTE_UNITS)
    return -(-price * limit // 1_000_000)


def _vault_step(ix: Ix, shown: frozenset[str], depth: int, inner: list[Built]) -> list[Operation]:
    """A Squads vault transaction: the instructions its message makes the vault run, read like
    any message's; an approval / execution of one this request does not show (:mod:`.squads_vault`).
    """
    if ix.name != sv.VAULT_CREATE:
        return [known_call(ix)] if sv.acted_on(ix) in shown else [sv.unseen_call(ix)]
    read = sv.read_vault_message(ix.args["transaction_message"])
    if isinstance(read, str) or depth >= MAX_VAULT_DEPTH:
        ix.malformed = read if isinstance(read, str) else "vault transactions nested too deep"
        return [malformed_call(ix)]
    built = build_operations(*read, depth=depth + 1)
    inner.append(built)
    return [op.replace(carrier=sv.VAULT_CREATE) for op in built.operations] or [known_call(ix)]


def build_operations(msg: WireMessage, keys: list[str], depth: int = 0) -> Built:
    """Every instruction of ``msg`` (accounts already resolved to ``keys``) as operations."""
    ixs = [read_instruction(ix, keys) for ix in msg.instructions]
    for wire, ix in zip(msg.instructions, ixs, strict=True):
        if ix.name is None:  # what an opaque instruction may write to (strangers.py)
            ix.writable = tuple(keys[i] for i in wire.accounts if msg.is_writable(i))
    refs = collect_refs(ixs)
    ops: list[Operation] = []
    notes: list[str] = []
    shown, inner = sv.shown_transactions(ixs), list[Built]()
    for n, ix in enumerate(ixs):
        step = None
        if ix.family == "squads" and ix.name in _VAULT_STEPS and not ix.malformed:
            step = _vault_step(ix, shown, depth, inner)
        if ix.malformed:
            notes.append(f"instruction {n} ({ix.name}) is malformed: {ix.malformed}")
        builder = (
            None if ix.malformed or ix.name is None else BUILDERS.get((ix.family or "", ix.name))
        )
        ops.extend(step if step is not None else (builder or _call)(ix, refs))
    ops = defi.fold_stake_deposits(ixs, ops)
    signers = set(keys[: msg.num_required_signatures])
    value = sum(
        op.amount or 0
        for op in ops
        if isinstance(op, Transfer) and op.asset.kind is AssetKind.NATIVE and op.sender in signers
    ) + sum(op.value for op in ops if isinstance(op, Creation))
    funded = tuple(
        ix.acc["account"]
        for ix in ixs
        if ix.family == "system"
        and not ix.malformed
        and (ix.name or "").startswith("CreateAccount")
        and ix.acc.get("funder") in signers
    )
    first = ixs[0] if ixs else None
    durable = bool(first and first.family == "system" and first.name == "AdvanceNonceAccount")
    durable = durable and not first.malformed  # type: ignore[union-attr]
    if durable:  # who may void it (advance the nonce) before it is submitted
        notes.append(f"nonce-authority:{first.acc.get('authority', '')}")  # type: ignore[union-attr]
    for proposed in inner:  # what the vault's message says about its own accounts
        notes += [f"vault transaction: {note}" for note in proposed.notes]
        funded += proposed.funded
    return Built(
        operations=tuple(ops),
        token_accounts=refs.freeze() + tuple(t for b in inner for t in b.token_accounts),
        notes=tuple(notes),
        durable_nonce=durable,
        priority_fee=_priority_fee(ixs),
        value=value,
        funded=funded,
    )
