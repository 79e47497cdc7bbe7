"""Rules every bridge decoder shares, whatever chain it runs on: how big a relayer's cut may be
before the bridge's "guaranteed" output guarantees nothing, and which Wormhole chains read a
32-byte address as an EVM account.

A bridge that pays the recipient ``amount`` less a fee the caller chose (Wormhole's
``arbiterFee`` / Solana ``fee``, Hop's ``relayerFee``, what an Across relayer keeps) pays that
fee on the other chain to whoever relays or redeems there: anyone, the request's author
included. A relayer keeping more than 1/``RELAYER_SHARE`` of the amount is no fee: the cut is
a give to that relayer (:func:`relayer_takes_it`), and what is left guarantees nothing.

Wormhole chain ids and their platforms: wormhole-foundation/wormhole ``sdk/vaa/structs.go``
(``ChainID`` constants) and ``sdk/js/src/utils/consts.ts`` (``CHAINS``, ``EVMChainNames``),
wormhole-foundation/wormhole-sdk-ts ``core/base/src/constants/platforms.ts``
(``platformAndChainsEntries``: the ``"Evm"`` platform's chains). Only there is a 32-byte word
that left-pads 20 bytes an EVM account; on Solana, Sui, Aptos, Cosmos chains... the same word
is another account (or none), never the owner's EVM address.

Circle CCTP domains (Circle docs, "CCTP supported domains" v1 and v2; the same ids in
circlefin's ``cctp-go`` and in Semiotic AI's ``cctp-rs`` ``DomainId``): 0 Ethereum, 1 Avalanche,
2 OP Mainnet, 3 Arbitrum, 6 Base, 7 Polygon PoS, 10 Unichain, 11 Linea, 12 Codex, 13 Sonic,
14 World Chain, 16 Sei, 17 BNB Smart Chain are EVM chains; 4 Noble, 5 Solana, 8 Sui, 9 Aptos are
not. A ``mintRecipient`` word is an EVM account only on an EVM domain (:func:`cctp_address`);
EVM chain ids of the domains: stable-io ``cctp-sdk-definitions`` ``domainChainIdEntries``.
"""

from __future__ import annotations

from functools import cache
from typing import Final

from aiegis_guard.chains.known import known_contracts
from aiegis_guard.checksums import to_eip55

__all__ = ["DUST", "RELAYER_SHARE", "WORMHOLE_EVM_CHAINS", "guaranteed_left"]
__all__ += ["REDEEMER", "relayer_takes_it", "wormhole_address"]
__all__ += ["CCTP_DOMAINS", "CCTP_EVM_DOMAINS", "cctp_address", "cctp_usdc"]

RELAYER_SHARE: Final = 10  # a relayer keeping more than 1/10 of the amount takes it
DUST: Final = 10**3  # a guaranteed amount under this many base units guarantees nothing
REDEEMER: Final = "any relayer"  # whoever relays or redeems the transfer: never own or allowlisted

# Evm platform: Ethereum 2, Bsc 4, Polygon 5, Avalanche 6, Oasis 7, Aurora 9, Fantom 10,
# Karura 11, Acala 12, Klaytn 13, Celo 14, Moonbeam 16, Neon 17, Arbitrum 23, Optimism 24,
# Gnosis 25, Base 30, Rootstock 33 (sdk/js EVMChainNames), Scroll 34, Mantle 35, Blast 36,
# Xlayer 37, Linea 38, Berachain 39, Seievm 40, Snaxchain 43, Unichain 44, Worldchain 45,
# Ink 46, HyperEVM 47, Monad 48, Mezo 50, Sonic 52; testnets Sepolia 10002, ArbitrumSepolia
# 10003, BaseSepolia 10004, OptimismSepolia 10005, Holesky 10006, PolygonSepolia 10007
WORMHOLE_EVM_CHAINS: Final = frozenset(
    {2, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14, 16, 17, 23, 24, 25, 30, 33, 34, 35, 36, 37, 38}
    | {39, 40, 43, 44, 45, 46, 47, 48, 50, 52}
    | set(range(10002, 10008))
)

# CCTP domain -> EVM chain id (the USDC minted there is that chain's row of the book)
CCTP_DOMAINS: Final = {0: 1, 1: 43114, 2: 10, 3: 42161, 6: 8453, 7: 137, 10: 130, 11: 59144}
CCTP_DOMAINS.update({13: 146, 14: 480})
CCTP_EVM_DOMAINS: Final = frozenset(CCTP_DOMAINS) | {12, 16, 17}


def relayer_takes_it(amount: int, fee: int) -> bool:
    """A cut of more than 1/``RELAYER_SHARE`` of ``amount``: no fee, a give to the relayer."""
    return fee * RELAYER_SHARE > amount


def guaranteed_left(amount: int, fee: int, minimum: int | None = None, dust: int = DUST) -> int:
    """What a bridge guarantees its recipient once the relayer / redeemer took ``fee`` out of
    ``amount`` (at most ``minimum``): nothing when the relayer takes it
    (:func:`relayer_takes_it`) or when less than ``dust`` base units are left."""
    if relayer_takes_it(amount, fee):
        return 0
    left = max(amount - fee, 0) if minimum is None else min(minimum, max(amount - fee, 0))
    return 0 if left < dust else left


def wormhole_address(word: bytes, chain: int, *, checksum: bool = False) -> str:
    """A Wormhole 32-byte address on chain ``chain``: the EVM address it left-pads on an EVM
    chain (EIP-55 when ``checksum``), else the whole word in hex (another chain's account:
    never an EVM one)."""
    if chain in WORMHOLE_EVM_CHAINS and len(word) == 32 and word[:12] == bytes(12):
        evm = "0x" + word[12:].hex()
        return to_eip55(evm) if checksum else evm
    return "0x" + word.hex()


def cctp_address(word: bytes, domain: int) -> str:
    """A CCTP ``mintRecipient`` on domain ``domain``: the EVM address (EIP-55) it left-pads on
    an EVM domain, else the whole word in hex (an account elsewhere: never an EVM one)."""
    if domain in CCTP_EVM_DOMAINS and len(word) == 32 and word[:12] == bytes(12):
        return to_eip55("0x" + word[12:].hex())
    return "0x" + word.hex()


def cctp_usdc(domain: int) -> str | None:
    """The address of the USDC CCTP mints on ``domain``'s EVM chain (the book's native USDC
    row for that chain), or None when the book has none."""
    chain = CCTP_DOMAINS.get(domain)
    return None if chain is None else _usdc_by_chain().get(chain)


@cache
def _usdc_by_chain() -> dict[int, str]:
    """Chain id -> EIP-55 address of the book's first native USDC row listing that chain
    (one walk of the book, not one per burn)."""
    out: dict[int, str] = {}
    for address, (label, chains) in known_contracts().items():
        usdc = label == "USDC" or (label.startswith("USDC (") and "bridged" not in label)
        if usdc and chains is not None:
            for chain in chains:
                out.setdefault(chain, to_eip55(address))
    return out
