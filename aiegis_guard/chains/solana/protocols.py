"""The Solana programs decoded by topic modules beyond the built-in ones: lending / perps
withdrawals (:mod:`.lending`), Meteora DLMM swaps (:mod:`.meteora`), Squads v4 configuration
(:mod:`.squads`), the SPL Name Service (:mod:`.name_service`), Token-2022's transfer-fee
extension (:mod:`.token_fees`), compressed NFTs (:mod:`.bubblegum`), Metaplex Core assets
(:mod:`.mpl_core`), Orca Whirlpool positions (:mod:`.whirlpool_position`; the Whirlpool
swaps are in :mod:`.defi`), validators' vote accounts (:mod:`.vote`), program upgrade
authorities (:mod:`.loader`), Realms vote delegation (:mod:`.governance`), pump.fun
bonding-curve trades and PumpSwap swaps (:mod:`.pumpfun`), Wormhole Token Bridge transfers out
(:mod:`.wormhole`), Circle CCTP burns (:mod:`.cctp`) and single-validator stake pools
(:mod:`.single_pool`). One table each for the instruction
families, the layouts, the builders and the (token account, mint) pairs they state, read by
:mod:`.programs` and :mod:`.operations`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from aiegis_guard.chains.solana.bubblegum import (
    BUBBLEGUM_BUILDERS,
    BUBBLEGUM_PROGRAM,
    bubblegum_layout,
)
from aiegis_guard.chains.solana.cctp import CCTP_BUILDERS, CCTP_PROGRAMS, cctp_layout, cctp_refs
from aiegis_guard.chains.solana.defi_layouts import WHIRLPOOL_PROGRAM
from aiegis_guard.chains.solana.governance import (
    GOVERNANCE_BUILDERS,
    GOVERNANCE_PROGRAM,
    governance_layout,
)
from aiegis_guard.chains.solana.layout import Ix, Layout
from aiegis_guard.chains.solana.lending import LENDING_BUILDERS, LENDING_FAMILIES, lending_refs
from aiegis_guard.chains.solana.lending_layouts import LENDING_PROGRAMS, lending_layout
from aiegis_guard.chains.solana.loader import LOADER_BUILDERS, UPGRADEABLE_LOADER, loader_layout
from aiegis_guard.chains.solana.meteora import (
    DLMM_BUILDERS,
    DLMM_PROGRAM,
    dlmm_layout,
    dlmm_refs,
)
from aiegis_guard.chains.solana.mpl_core import MPL_CORE_BUILDERS, MPL_CORE_PROGRAM, mpl_core_layout
from aiegis_guard.chains.solana.name_service import (
    NAME_SERVICE_BUILDERS,
    NAME_SERVICE_PROGRAM,
    name_service_layout,
)
from aiegis_guard.chains.solana.pumpfun import (
    PUMP_AMM_PROGRAM,
    PUMP_BUILDERS,
    PUMP_PROGRAM,
    pump_amm_layout,
    pump_amm_refs,
    pump_layout,
    pump_refs,
)
from aiegis_guard.chains.solana.single_pool import (
    SINGLE_POOL_BUILDERS,
    SINGLE_POOL_PROGRAM,
    single_pool_layout,
    single_pool_refs,
)
from aiegis_guard.chains.solana.squads import SQUADS_BUILDERS, SQUADS_PROGRAM, squads_layout
from aiegis_guard.chains.solana.token_fees import TOKEN_FEE_BUILDERS
from aiegis_guard.chains.solana.vote import VOTE_BUILDERS, VOTE_PROGRAM, vote_layout
from aiegis_guard.chains.solana.whirlpool_position import (
    POSITION_BUILDERS,
    position_layout,
    position_refs,
)
from aiegis_guard.chains.solana.wormhole import (
    TOKEN_BRIDGE_PROGRAM,
    WORMHOLE_BUILDERS,
    wormhole_layout,
    wormhole_refs,
)
from aiegis_guard.chains.transaction import Operation

__all__ = ["PROTOCOL_BUILDERS", "PROTOCOL_FAMILIES", "protocol_layout", "protocol_refs"]

PROTOCOL_FAMILIES: Final[dict[str, str]] = {
    **LENDING_FAMILIES,
    DLMM_PROGRAM: "meteora_dlmm",
    SQUADS_PROGRAM: "squads",
    NAME_SERVICE_PROGRAM: "name_service",
    BUBBLEGUM_PROGRAM: "bubblegum",
    MPL_CORE_PROGRAM: "mpl_core",
    VOTE_PROGRAM: "vote",
    UPGRADEABLE_LOADER: "bpf_loader",
    GOVERNANCE_PROGRAM: "governance",
    PUMP_PROGRAM: "pumpfun",
    PUMP_AMM_PROGRAM: "pumpswap",
    TOKEN_BRIDGE_PROGRAM: "wormhole",
    **dict.fromkeys(CCTP_PROGRAMS, "cctp"),
    SINGLE_POOL_PROGRAM: "single_pool",
}  # the Whirlpool program keeps its family "whirlpool" (defi.DEFI_FAMILIES)

_LAYOUTS: Final[dict[str, Callable[[bytes], tuple[Layout | None, int]]]] = {
    DLMM_PROGRAM: dlmm_layout,
    SQUADS_PROGRAM: squads_layout,
    NAME_SERVICE_PROGRAM: name_service_layout,
    BUBBLEGUM_PROGRAM: bubblegum_layout,
    MPL_CORE_PROGRAM: mpl_core_layout,
    VOTE_PROGRAM: vote_layout,
    UPGRADEABLE_LOADER: loader_layout,
    GOVERNANCE_PROGRAM: governance_layout,
    WHIRLPOOL_PROGRAM: position_layout,  # what defi_layouts does not read (positions)
    PUMP_PROGRAM: pump_layout,
    PUMP_AMM_PROGRAM: pump_amm_layout,
    TOKEN_BRIDGE_PROGRAM: wormhole_layout,
    SINGLE_POOL_PROGRAM: single_pool_layout,
}


def protocol_layout(program: str, data: bytes) -> tuple[Layout | None, int]:
    """The layout of an instruction of one of these programs (``(None, 0)`` otherwise)."""
    if program in LENDING_PROGRAMS:
        return lending_layout(program, data)
    if program in CCTP_PROGRAMS:
        return cctp_layout(program, data)
    read = _LAYOUTS.get(program)
    return (None, 0) if read is None else read(data)


def protocol_refs(ix: Ix) -> list[tuple[str | None, str | None]]:
    """(token account, mint) pairs the instruction states."""
    if ix.family == "meteora_dlmm":
        return dlmm_refs(ix)
    if ix.family == "whirlpool":
        return position_refs(ix)
    if ix.family == "pumpfun":
        return pump_refs(ix)
    if ix.family == "pumpswap":
        return pump_amm_refs(ix)
    if ix.family == "wormhole":
        return wormhole_refs(ix)
    if ix.family == "cctp":
        return cctp_refs(ix)
    if ix.family == "single_pool":
        return single_pool_refs(ix)
    return lending_refs(ix)


_Builder = Callable[[Ix, Any], list[Operation]]
PROTOCOL_BUILDERS: Final[dict[tuple[str, str], _Builder]] = {
    **LENDING_BUILDERS,
    **DLMM_BUILDERS,
    **SQUADS_BUILDERS,
    **NAME_SERVICE_BUILDERS,
    **TOKEN_FEE_BUILDERS,
    **BUBBLEGUM_BUILDERS,
    **MPL_CORE_BUILDERS,
    **POSITION_BUILDERS,
    **VOTE_BUILDERS,
    **LOADER_BUILDERS,
    **GOVERNANCE_BUILDERS,
    **PUMP_BUILDERS,
    **WORMHOLE_BUILDERS,
    **CCTP_BUILDERS,
    **SINGLE_POOL_BUILDERS,
}
