"""Squads v4 vault transactions -> the instructions the vault will run (layouts, the reader of
the proposed message, which proposals the request shows).

Source: Squads-Protocol/v4 ``programs/squads_multisig_program/src``:
``instructions/vault_transaction_create.rs`` (``VaultTransactionCreateArgs { vault_index: u8,
ephemeral_signers: u8, transaction_message: Vec<u8>, memo: Option<String> }``; accounts
multisig, transaction, creator, rent_payer, system_program; ``TransactionMessage { num_signers
u8, num_writable_signers u8, num_writable_non_signers u8, account_keys: SmallVec<u8, Pubkey>,
instructions: SmallVec<u8, CompiledInstruction { program_id_index u8, account_indexes:
SmallVec<u8, u8>, data: SmallVec<u16, u8> }>, address_table_lookups: SmallVec<u8,
MessageAddressTableLookup { account_key, writable_indexes: SmallVec<u8, u8>,
readonly_indexes: SmallVec<u8, u8> }> }``), ``utils/small_vec.rs`` (a ``SmallVec<L, T>`` is
its length as ``L``, little-endian, then the items), ``state/vault_transaction.rs`` (the
account keys: writable signers, read-only signers, writable non-signers, read-only
non-signers; the checks ``TryFrom<TransactionMessage>`` makes), ``instructions/
proposal_create.rs`` (``ProposalCreateArgs { transaction_index: u64, draft: bool }``; accounts
multisig, proposal, creator, rent_payer, system_program), ``instructions/proposal_vote.rs``
(``proposal_approve`` / ``proposal_reject`` / ``proposal_cancel``, ``ProposalVoteArgs { memo }``;
accounts multisig, member, proposal), ``instructions/vault_transaction_execute.rs`` (accounts
multisig, proposal, transaction, member, then the message's accounts) and ``state/seeds.rs``
(the transaction PDA ``["multisig", multisig, "transaction", index u64 LE]``) and
``instructions/spending_limit_use.rs`` (``SpendingLimitUseArgs { amount: u64, decimals: u8,
memo }``; accounts multisig, member, spending_limit, vault, destination, then the optional
system_program, mint, vault_token_account, destination_token_account, token_program: an
absent one is passed as the program's id). Anchor discriminators ``sha256("global:<name>")[:8]``.

A vault transaction only proposes, like a config transaction (:mod:`.squads`): it is judged by
the instructions its message makes the vault run (``operations.build_operations`` reads them as
it reads any message; their accounts are the message's own keys). A message that does not read
leaves the instruction malformed (FLAG).

``proposal_approve`` and ``vault_transaction_execute`` act on a transaction created before: when
the same request creates it (``vault_transaction_create`` / ``config_transaction_create`` whose
``transaction`` account is the one executed, or whose PDA is the one a ``proposal_create`` of
this request opens for the proposal approved), its effects are already judged; otherwise the
member approves or runs what the request does not show (``tx.sol.squads_unseen_transaction``,
FLAG; the EVM ``safe_approve_hash``). Rejecting or cancelling a proposal, or opening one, moves
nothing: known calls. ``spending_limit_use`` moves ``amount`` out of the vault without a vote:
SOL to ``destination`` when no mint is passed, else the mint's tokens from
``vault_token_account`` to ``destination``'s token account (the program requires its
authority to be ``destination``): a give to ``destination``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from solders.pubkey import Pubkey

from aiegis_guard.chains.solana.defi import spl_token
from aiegis_guard.chains.solana.layout import SOL, Ix, Layout, known, pubkey_str
from aiegis_guard.chains.solana.wire import WireInstruction, WireLookup, WireMessage
from aiegis_guard.chains.transaction import Call, Operation, Transfer

__all__ = [
    "SQUADS_PROGRAM",
    "UNSEEN",
    "VAULT_BUILDERS",
    "VAULT_CREATE",
    "VAULT_LAYOUTS",
    "read_vault_message",
]
__all__ += ["Reader", "Short", "shown_transactions"]

SQUADS_PROGRAM: Final = "SQDS4ep65T869zMMBKyuUq6aD6EgTu8psMjkvj52pCf"
VAULT_CREATE: Final = "vault_transaction_create"
UNSEEN: Final = "squads.unseen_transaction"
_VOTE = ("multisig", "member", "proposal")
VAULT_LAYOUTS: Final[dict[bytes, Layout]] = {
    bytes([48, 250, 78, 168, 208, 226, 218, 211]): Layout(
        VAULT_CREATE,
        (("vault_index", "u8"), ("ephemeral_signers", "u8"), ("transaction_message", "bytes")),
        ("multisig", "transaction", "creator", "rent_payer", "system_program"),
        4,
    ),
    bytes([220, 60, 73, 224, 30, 108, 79, 159]): Layout(
        "proposal_create",
        (("transaction_index", "u64"), ("draft", "u8")),
        ("multisig", "proposal", "creator", "rent_payer", "system_program"),
        4,
    ),
    bytes([144, 37, 164, 136, 188, 216, 42, 248]): Layout("proposal_approve", (), _VOTE),
    bytes([243, 62, 134, 156, 230, 106, 246, 135]): Layout("proposal_reject", (), _VOTE),
    bytes([27, 42, 127, 237, 38, 163, 84, 203]): Layout("proposal_cancel", (), _VOTE),
    bytes([194, 8, 161, 87, 153, 164, 25, 171]): Layout(
        "vault_transaction_execute", (), ("multisig", "proposal", "transaction", "member")
    ),
    bytes([16, 57, 130, 127, 193, 20, 155, 134]): Layout(
        "spending_limit_use",
        (("amount", "u64"), ("decimals", "u8")),
        (
            "multisig",
            "member",
            "spending_limit",
            "vault",
            "destination",
            "system_program",
            "mint",
            "vault_token_account",
            "destination_token_account",
            "token_program",
        ),
    ),
}
_CREATES = (VAULT_CREATE, "config_transaction_create")


class Short(ValueError):
    """The data ends early or does not hold together."""


class Reader:
    """Borsh fields read in order (the configuration actions of :mod:`.squads` too)."""

    def __init__(self, data: bytes, pos: int = 0) -> None:
        self.data, self.pos = data, pos

    def take(self, n: int) -> bytes:
        if self.pos + n > len(self.data):
            raise Short
        out = self.data[self.pos : self.pos + n]
        self.pos += n
        return out

    def num(self, n: int) -> int:
        return int.from_bytes(self.take(n), "little")

    def key(self) -> str:
        return pubkey_str(self.take(32))

    def keys(self) -> list[str]:
        """Borsh ``Vec<Pubkey>`` (u32 count)."""
        count = self.num(4)
        if count > 64:  # a multisig has at most 65 535 members; a request this size is not real
            raise Short
        return [self.key() for _ in range(count)]

    def small_vec(self, length: int, size: int) -> list[bytes]:
        """``SmallVec<L, T>``: a ``length``-byte count, then items of ``size`` bytes."""
        return [self.take(size) for _ in range(self.num(length))]


def _instruction(r: Reader) -> WireInstruction:
    program = r.num(1)
    accounts = b"".join(r.small_vec(1, 1))
    return WireInstruction(program, accounts, r.take(r.num(2)))


def read_vault_message(data: bytes) -> tuple[WireMessage, list[str]] | str:
    """The message a vault transaction proposes as a :class:`WireMessage` and its account keys
    (a lookup table's accounts as ``alt:<table>#<index>``), or why it does not read."""
    r = Reader(data)
    try:
        signers, writable_signers, writable_others = r.num(1), r.num(1), r.num(1)
        raw_keys = r.small_vec(1, 32)
        instructions = [_instruction(r) for _ in range(r.num(1))]
        lookups = []
        for _ in range(r.num(1)):
            table = r.take(32)
            lookups.append(
                WireLookup(table, b"".join(r.small_vec(1, 1)), b"".join(r.small_vec(1, 1)))
            )
    except Short:
        return "vault transaction message too short"
    if r.pos != len(data):
        return f"{len(data) - r.pos} bytes after the vault transaction message"
    n_keys = len(raw_keys)
    total = n_keys + sum(len(lk.writable) + len(lk.readonly) for lk in lookups)
    if signers > n_keys or writable_signers > signers or writable_others > n_keys - signers:
        return "vault transaction message header does not fit its keys"
    for ix in instructions:
        if ix.program_index >= total or any(i >= total for i in ix.accounts):
            return "vault transaction message index out of range"
    message = WireMessage(
        0 if lookups else None,
        signers,
        signers - writable_signers,
        n_keys - signers - writable_others,
        tuple(raw_keys),
        bytes(32),
        tuple(instructions),
        tuple(lookups),
    )
    keys = [pubkey_str(k) for k in raw_keys]
    for part in ("writable", "readonly"):
        for lk in lookups:
            name = pubkey_str(lk.table)
            keys += [f"alt:{name}#{i}" for i in getattr(lk, part)]
    return message, keys


def _transaction_pda(multisig: str, index: int) -> str | None:
    """``["multisig", multisig, "transaction", index u64 LE]`` under the Squads program."""
    try:
        key = Pubkey.from_string(multisig)
    except ValueError:
        return None
    seeds = [b"multisig", bytes(key), b"transaction", index.to_bytes(8, "little")]
    return str(Pubkey.find_program_address(seeds, Pubkey.from_string(SQUADS_PROGRAM))[0])


def shown_transactions(ixs: list[Ix]) -> frozenset[str]:
    """The transaction accounts this request creates (with what they run) and the proposal
    accounts it opens for them: approving or executing one of these shows nothing new."""
    created = {
        (ix.acc["multisig"], ix.acc["transaction"])
        for ix in ixs
        if ix.family == "squads" and ix.name in _CREATES and not ix.malformed
    }
    if not created:
        return frozenset()
    shown = {transaction for _, transaction in created}
    for ix in ixs:
        if ix.family == "squads" and ix.name == "proposal_create" and not ix.malformed:
            multisig = ix.acc["multisig"]
            pda = _transaction_pda(multisig, ix.args["transaction_index"])
            if (multisig, pda) in created:
                shown.add(ix.acc["proposal"])
    return frozenset(shown)


def unseen_call(ix: Ix) -> Call:
    """``proposal_approve`` / ``vault_transaction_execute`` of a transaction not shown."""
    return Call(via=UNSEEN, target=ix.program, name=ix.name, known=True, accounts=ix.accounts)


def acted_on(ix: Ix) -> str:
    """The proposal approved or the transaction executed."""
    return ix.acc["proposal"] if ix.name == "proposal_approve" else ix.acc["transaction"]


def _spend(ix: Ix, refs: Any) -> list[Operation]:
    """``spending_limit_use``: the vault pays ``destination`` (SOL when no mint is passed)."""
    acc, mint = ix.acc, ix.acc["mint"]
    sol = mint == ix.program  # an absent optional account
    give = Transfer(
        via="squads.spending_limit_use",
        asset=SOL if sol else spl_token(mint),
        sender=acc["vault"],
        recipient=acc["destination"],
        amount=ix.args["amount"],
        source=None if sol else acc["vault_token_account"],
    )
    return [give]


_Builder = Callable[[Ix, Any], list[Operation]]
VAULT_BUILDERS: Final[dict[tuple[str, str], _Builder]] = {
    ("squads", "spending_limit_use"): _spend,
    ("squads", "proposal_create"): known,
    ("squads", "proposal_reject"): known,
    ("squads", "proposal_cancel"): known,
}
