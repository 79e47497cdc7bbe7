"""Token accounts as a transaction describes them: account -> (mint, owner, program).

Collected in a first pass over the instructions (ATA creation, ``InitializeAccount*``, mints
named by checked instructions, the accounts a swap or withdrawal names with its mint) so that
the builders of :mod:`.operations` can fill in mints an instruction alone does not name (SPL
``Transfer`` / ``Approve``) and ``owners.own_view`` can tell whose an account is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from aiegis_guard.chains.solana import defi
from aiegis_guard.chains.solana.jupiter import output_account
from aiegis_guard.chains.solana.layout import Ix
from aiegis_guard.chains.solana.protocols import protocol_refs
from aiegis_guard.chains.transaction import TokenAccountRef

__all__ = ["Refs", "collect_refs"]


@dataclass
class Refs:
    """Token accounts as the transaction describes them: account -> (mint, owner, program).

    ``owner`` comes only from instructions the program lets the *owner* alone sign (ATA
    creation, ``InitializeAccount*``, ``Approve*``, ``SetAuthority(AccountOwner)``): a transfer,
    burn or close authority may be a delegate, which says nothing about who owns the account
    (an attacker can make the agent a delegate of the attacker's own account).
    """

    table: dict[str, list[str | None]] = field(default_factory=dict)

    def add(
        self,
        account: str | None,
        mint: str | None = None,
        owner: str | None = None,
        program: str | None = None,
    ) -> None:
        if not account:
            return
        row = self.table.setdefault(account, [None, None, None])
        for i, value in enumerate((mint, owner, program)):
            if row[i] is None and value:
                row[i] = value

    def mint(self, *accounts: str | None) -> str | None:
        for account in accounts:
            row = self.table.get(account or "")
            if row and row[0]:
                return row[0]
        return None

    def owner(self, account: str) -> str | None:
        row = self.table.get(account)
        return row[1] if row else None

    def freeze(self) -> tuple[TokenAccountRef, ...]:
        return tuple(
            TokenAccountRef(account=a, mint=m, owner=o, program=p)
            for a, (m, o, p) in self.table.items()
        )


def collect_refs(ixs: list[Ix]) -> Refs:
    """What the instructions say about token accounts (see :class:`Refs`)."""
    refs = Refs()
    for ix in ixs:
        if ix.malformed or ix.name is None:
            continue
        a, acc, prog = ix.args, ix.acc, ix.program
        if ix.family == "ata" and ix.name in ("Create", "CreateIdempotent"):
            refs.add(acc["account"], acc["mint"], acc["wallet"], acc["token_program"])
        elif ix.family == "token":
            mint = acc.get("mint")
            if ix.name.startswith("InitializeAccount"):
                refs.add(acc["account"], mint, a.get("owner") or acc.get("owner"), prog)
            elif ix.name.startswith(("Transfer", "WithdrawWithheld")):  # owner *or delegate*
                refs.add(acc.get("source"), mint, None, prog)
                refs.add(acc["destination"], mint, None, prog)
            elif ix.name.startswith("Approve"):  # only the owner may approve
                refs.add(acc["source"], mint, acc["owner"], prog)
            elif ix.name == "SetAuthority" and a["authority_type"] == 2:  # only the owner
                refs.add(acc["account"], None, acc["current_authority"], prog)
            elif ix.name.startswith(("Burn", "MintTo", "Freeze", "Thaw")) or ix.name == "Revoke":
                refs.add(acc.get("account") or acc.get("source"), mint, None, prog)
        elif ix.family == "jupiter":
            refs.add(output_account(ix), acc.get("destination_mint"))
            refs.add(acc.get("source_token_account"), acc.get("source_mint"))
        else:
            for account, mint in (*defi.defi_refs(ix), *protocol_refs(ix)):
                refs.add(account, mint)
    return refs
