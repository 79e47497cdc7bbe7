"""Protocol tables: function signatures (from each project's published ABI) -> handlers.

Each module declares ``TABLE``: ``(signature, handler)`` pairs, and names its source. The
selector is ``keccak256(signature)[:4]``, computed here once; ``tests/test_protocols.py``
pins each selector against the value published by the project. A module whose handlers
mean what they say only on deployments missing from the book (``data/evm_protocols.json``)
names them in ``CONTRACTS`` (lower-case; ``chains/evm/callee.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiegis_guard.chains.evm.abi import parse_types
from aiegis_guard.chains.evm.frames import Frame, Result
from aiegis_guard.chains.evm.protocols import (
    aave_gateway,
    account_roles,
    account_signers,
    accounts,
    across_handler,
    admin,
    aggregators,
    balancer,
    basenames,
    bentobox,
    bridges,
    bulker,
    bundler3,
    ccip,
    composable_cow,
    connext,
    crosschain,
    debridge,
    delegation_manager,
    delegations,
    disperse,
    drops,
    dss_proxy_actions,
    eigen_rewards,
    erc6909,
    euler_evc,
    fulfil,
    gateways,
    gauges,
    gmx_subaccounts,
    gmx_v1,
    kernel_v3,
    lending,
    lido_shares,
    lifi,
    liquidity,
    liquidity_book,
    lrt_withdrawals,
    lst_receivers,
    maker_vaults,
    market_rights,
    mints,
    morpho,
    nft_pools,
    odos,
    omnibridge,
    op_portal,
    opyn_gamma,
    pendle,
    perps,
    pools,
    position_managers,
    positions,
    rentals,
    restaking,
    safe,
    sky,
    smart_sessions,
    solidly,
    spend_permissions,
    staking,
    standards,
    streams,
    superfluid,
    swaps,
    symbiotic,
    synapse,
    token_bridges,
    uniswap_v2,
    uns,
    v4_positions,
    vaults,
    wow,
    x2y2,
    zeroex,
    zodiac_roles,
    zora,
    zora_asks,
)
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.checksums import keccak256

__all__ = ["PROTOCOL_CONTRACTS", "PROTOCOL_FUNCTIONS", "PROTOCOL_HANDLERS"]

Handler = Callable[[Frame, Function, list[Any]], Result]


_MODULES = (
    safe,
    standards,
    swaps,
    lending,
    aave_gateway,
    liquidity,
    aggregators,
    x2y2,
    positions,
    vaults,
    pools,
    morpho,
    disperse,
    fulfil,
    accounts,
    restaking,
    bridges,
    solidly,
    pendle,
    perps,
    gmx_subaccounts,
    nft_pools,
    v4_positions,
    odos,
    balancer,
    zora,
    uns,
    bulker,
    mints,
    gauges,
    admin,
    delegations,
    crosschain,
    staking,
    zeroex,
    spend_permissions,
    lifi,
    sky,
    erc6909,
    lido_shares,
    op_portal,
    eigen_rewards,
    zodiac_roles,
    symbiotic,
    liquidity_book,
    synapse,
    drops,
    debridge,
    bundler3,
    superfluid,
    wow,
    basenames,
    delegation_manager,
    kernel_v3,
    smart_sessions,
    across_handler,
    gateways,
    connext,
    composable_cow,
    lrt_withdrawals,
    euler_evc,
    position_managers,
    bentobox,
    maker_vaults,
    market_rights,
    gmx_v1,
    opyn_gamma,
    account_signers,
    token_bridges,
    lst_receivers,
    zora_asks,
    account_roles,
    uniswap_v2,
    ccip,
    omnibridge,
    streams,
    rentals,
    dss_proxy_actions,
)


def _build() -> tuple[dict[bytes, Function], dict[str, Handler]]:
    functions: dict[bytes, Function] = {}
    handlers: dict[str, Handler] = {}
    for module in _MODULES:
        for signature, handler in module.TABLE:
            key = f"{module.__name__.rsplit('.', 1)[-1]}.{handler.__name__.lstrip('_')}"
            selector = keccak256(signature.encode())[:4]
            functions[selector] = Function(signature, key, parse_types(signature))
            handlers[key] = handler
    return functions, handlers


PROTOCOL_FUNCTIONS, PROTOCOL_HANDLERS = _build()
PROTOCOL_CONTRACTS: frozenset[str] = frozenset().union(
    *(getattr(module, "CONTRACTS", frozenset()) for module in _MODULES)
)
