"""BPF Upgradeable Loader (loader-v3) instructions -> operations: who may replace a program's
code, and where a closed program's or buffer's lamports go.

Source: anza-xyz/solana-sdk ``loader-v3-interface/src/instruction.rs``
(``UpgradeableLoaderInstruction``, a bincode enum with a u32 tag: 0 ``InitializeBuffer``, 1
``Write``, 2 ``DeployWithMaxDataLen``, 3 ``Upgrade``, 4 ``SetAuthority``, 5 ``Close``, 6
``ExtendProgram``, 7 ``SetAuthorityChecked``; account orders are its ``# Account references``;
a program's ProgramData account is the PDA ``[program id]`` of the loader).

* ``SetAuthority`` / ``SetAuthorityChecked`` hand the upgrade authority of a ProgramData (or
  the authority of a Buffer) to the new key: an :class:`AuthorityChange` (``upgrade_authority``)
  by the current authority. Whoever holds it replaces the program's code: every account the
  program controls (vaults, mints, PDAs) follows. With no new authority the program becomes
  immutable for good: nobody gains a power, but it cannot be undone
  (``upgrade_authority_renounced``).
* ``Close`` pays all the lamports of the closed Buffer / ProgramData to the recipient (and a
  closed ProgramData destroys the program): a :class:`CloseAccount`.
* ``Upgrade`` drains the Buffer into the ProgramData and pays what is left to the spill
  account: a :class:`CloseAccount` of the Buffer to the spill account.
* ``InitializeBuffer`` names the authority that may write (and deploy) the buffer: an
  :class:`AuthorityChange` set at creation (none named: the buffer is immutable).
* ``DeployWithMaxDataLen`` has the payer fund the new ProgramData's rent for ``max_data_len``
  bytes, and ``ExtendProgram`` has it fund the rent of ``additional_bytes`` more: lamports
  that then sit in an account the program's upgrade authority can ``Close`` to itself. The
  payer's rent is a :class:`Transfer` to that authority (Deploy: the ``authority`` account;
  Extend: the instruction names no authority, so the program stands for whoever controls it)
  of the rent-exempt minimum (solana-sdk ``rent``: 3480 lamports a byte-year, exempt at 2
  years, 128 bytes of account overhead; ``UpgradeableLoaderState::size_of_programdata_metadata``
  45 bytes): a give like any other when the authority is not own.
* ``Write`` hands nobody anything: a known call.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from aiegis_guard.chains.solana.layout import SOL, Ix, Layout, authority_change, known
from aiegis_guard.chains.transaction import CloseAccount, Operation, Transfer

__all__ = ["LOADER_BUILDERS", "LOADER_LAYOUTS", "UPGRADEABLE_LOADER", "loader_layout"]

UPGRADEABLE_LOADER: Final = "BPFLoaderUpgradeab1e11111111111111111111111"

_L = Layout
_SET = ("account", "authority", "new_authority")
LOADER_LAYOUTS: Final[dict[int, Layout]] = {
    0: _L("InitializeBuffer", (), ("buffer", "authority"), min_accounts=1),
    1: _L("Write", (("offset", "u32"),), ("buffer", "authority")),
    2: _L(
        "DeployWithMaxDataLen",
        (("max_data_len", "u64"),),
        ("payer", "program_data", "program", "buffer", "rent", "clock", "system", "authority"),
    ),
    3: _L(
        "Upgrade",
        (),
        ("program_data", "program", "buffer", "spill", "rent", "clock", "authority"),
    ),
    4: _L("SetAuthority", (), _SET, min_accounts=2),
    5: _L("Close", (), ("account", "recipient", "authority", "program"), min_accounts=2),
    6: _L(
        "ExtendProgram",
        (("additional_bytes", "u32"),),
        ("program_data", "program", "system", "payer"),
        min_accounts=2,
    ),
    7: _L("SetAuthorityChecked", (), _SET),
}


def loader_layout(data: bytes) -> tuple[Layout | None, int]:
    """The layout of a loader-v3 instruction (u32 tag), ``(None, 0)`` when not read."""
    if len(data) < 4:
        return None, 0
    return LOADER_LAYOUTS.get(int.from_bytes(data[:4], "little")), 4


def _set_authority(ix: Ix, refs: Any) -> list[Operation]:
    new = ix.acc.get("new_authority")
    role = "upgrade_authority" if new else "upgrade_authority_renounced"
    via = "bpf_loader.set_authority"
    return [authority_change(ix, "account", via, role, new, current=ix.acc["authority"])]


def _initialize_buffer(ix: Ix, refs: Any) -> list[Operation]:
    authority = ix.acc.get("authority")
    if authority is None:  # an immutable buffer: nobody may write it
        return known(ix)
    via = "bpf_loader.initialize_buffer"
    return [authority_change(ix, "buffer", via, "buffer_authority", authority)]


def _close(ix: Ix, refs: Any) -> list[Operation]:
    via = "bpf_loader.close"
    return [CloseAccount(via=via, account=ix.acc["account"], destination=ix.acc["recipient"])]


def _upgrade(ix: Ix, refs: Any) -> list[Operation]:
    spill = CloseAccount(
        via="bpf_loader.upgrade_spill", account=ix.acc["buffer"], destination=ix.acc["spill"]
    )
    return [*known(ix), spill]


_RENT_PER_BYTE = 3480 * 2  # solana-sdk rent: DEFAULT_LAMPORTS_PER_BYTE_YEAR x exemption years
_ACCOUNT_OVERHEAD = 128  # solana-sdk rent: ACCOUNT_STORAGE_OVERHEAD
_PROGRAMDATA_METADATA = 45  # loader-v3-interface state: size_of_programdata_metadata()


def _rent_paid(ix: Ix, via: str, recipient: str, data_bytes: int) -> Transfer:
    """The payer's rent for ``data_bytes`` more bytes, held in an account ``recipient``
    controls."""
    payer = ix.acc["payer"]
    amount = data_bytes * _RENT_PER_BYTE
    return Transfer(
        via=via, asset=SOL, sender=payer, recipient=recipient, amount=amount, source=payer
    )


def _deploy(ix: Ix, refs: Any) -> list[Operation]:
    size = _PROGRAMDATA_METADATA + int(ix.args["max_data_len"]) + _ACCOUNT_OVERHEAD
    rent = _rent_paid(ix, "bpf_loader.deploy_rent", ix.acc["authority"], size)
    return [*known(ix), rent]


def _extend(ix: Ix, refs: Any) -> list[Operation]:
    if "payer" not in ix.acc:  # the ProgramData already holds the rent: nobody pays
        return known(ix)
    extra = int(ix.args["additional_bytes"])
    return [*known(ix), _rent_paid(ix, "bpf_loader.extend_rent", ix.acc["program"], extra)]


_Builder = Callable[[Ix, Any], list[Operation]]
LOADER_BUILDERS: Final[dict[tuple[str, str], _Builder]] = {
    ("bpf_loader", "SetAuthority"): _set_authority,
    ("bpf_loader", "SetAuthorityChecked"): _set_authority,
    ("bpf_loader", "InitializeBuffer"): _initialize_buffer,
    ("bpf_loader", "Close"): _close,
    ("bpf_loader", "Upgrade"): _upgrade,
    ("bpf_loader", "DeployWithMaxDataLen"): _deploy,
    ("bpf_loader", "ExtendProgram"): _extend,
}
"""``Write`` is a known call (no builder)."""
