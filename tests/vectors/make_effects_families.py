"""Build ``effects_families.json``: legitimate and drainer signing requests per protocol family
(issue 12), in the shape of ``effects_real.json`` (see ``effects_real.md``).

Every calldata / typed-data layout comes from the protocol's published source, named in each
row's ``source``; the addresses of the protocol contracts are their real deployments; owners,
friends, strangers, amounts and names are made up. Regenerate with
``.venv/bin/python tests/vectors/make_effects_families.py`` (deterministic).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from eth_utils import keccak, to_checksum_address

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: the shared builders
from evm_builders import call
from evm_builders import selector as sel

OUT = Path(__file__).with_name("effects_families.json")


def addr(tag: str) -> str:
    """A made-up address derived from a tag (never funded, no key)."""
    return to_checksum_address(keccak(text=f"effects-families:{tag}")[-20:])


OWN = addr("own")
FRIEND = addr("friend")
STRANGER = addr("stranger")
OPERATOR = addr("operator")
SAFE = addr("safe")
ZERO = "0x" + "00" * 20
MAX = 2**256 - 1

USDC = "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48"
USDC_ARB = "0xaf88d065e77c8cC2239327C5EDb3A432268e5831"
USDC_BASE = "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913"
DAI = "0x6B175474E89094C44Da98b954EedeAC495271d0F"
WBTC = "0x2260FAC5E5542a773Aa44fBCfeDf7C193bc2C599"
WETH = "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2"
WETH_ARB = "0x82aF49447D8a07e3bd95BD0d56f35241523fBab1"
WETH_OP = "0x4200000000000000000000000000000000000006"
AAVE_POOL = "0x87870Bca3F3fD6335C3F4ce8392D69350B4fA4E2"
AAVE_POOL_L2 = "0x794a61358D6845594F94dc1DB02A252b5b4814aD"  # Arbitrum, Optimism, Polygon
AAVE_POOL_BASE = "0xA238Dd80C259a72e81d7e4664a9801593F98d1c5"
# the aToken a supply mints (bgd-labs/aave-address-book AaveV3EthereumAssets / AaveV3BaseAssets
# USDC_A_TOKEN); the Arbitrum row keeps the reserve as its stand-in
A_USDC = "0x98C23E9d8f34FEFb1B7BD6a91B7FF122F4e16F5c"
A_USDC_BASE = "0x4e65fE4DbA92790696d040ac24Aa414708F5c0AB"
A_TOKENS = {AAVE_POOL: A_USDC, AAVE_POOL_BASE: A_USDC_BASE}
STETH = "0xae7ab96520DE3A18E5e111B5EaAb095312D7fE84"
WSTETH = "0x7f39C581F595B53c5cb19bD0b3f8dA6c935E2Ca0"
ENS_CONTROLLER = "0x253553366Da8546fC250F225fe3d25d0C782303b"
ENS_CONTROLLER_OLD = "0x283Af0B28c62C092C9727F1Ee09c02CA627EB7F5"
ENS_CONTROLLER_2025 = "0x59E16fcCd424Cc24e280Be16E11Bcd56fb0CE547"
ENS_RESOLVER = "0x231b0Ee14048e9dCcD1d247744d114a4EB5E8E63"
COW_SETTLEMENT = "0x9008D19f58AAbD9eD0D60971565AA8510560ab41"
COW_RELAYER = "0xC92E8bdf79f0507f65a392b0ab4667716BFE0110"
MULTISEND_CALL_ONLY = "0x40A2aCCbd92BCA938b02010E17A5b8929b49130D"
MULTISEND_141 = "0x38869bf66a61cF6bDB996A6aE40D5853Fd43B526"
PERMIT2 = "0x000000000022D473030F116dDEE9F6B43aC78BA3"

SRC_AAVE = (
    "aave/aave-v3-core contracts/interfaces/IPool.sol (supply, withdraw, borrow, repay, "
    "repayWithATokens, supplyWithPermit, repayWithPermit); pool addresses from "
    "bgd-labs/aave-address-book "
    "AaveV3Ethereum/AaveV3Arbitrum/AaveV3Base"
)
SRC_COW = (
    "cowprotocol/contracts src/contracts/libraries/GPv2Order.sol (Order type, receiver 0 = "
    "owner, kind/balance markers); domain 'Gnosis Protocol' v2 on GPv2Settlement"
)
SRC_ENS = (
    "ensdomains/ens-contracts contracts/ethregistrar/ETHRegistrarController.sol (commit, "
    "register, renew; legacy controller register(string,address,uint256,bytes32) / "
    "registerWithConfig)"
)
SRC_LIDO = (
    "lidofinance/lido-dao contracts/0.4.24/Lido.sol submit(address); "
    "contracts/0.6.12/WstETH.sol wrap/unwrap/receive"
)
LIDO_QUEUE = "0x889edC2eDab5f40e902b864aD4d7AdE8E412F9B1"
SRC_LIDO_QUEUE = (
    "lidofinance/lido-dao contracts/0.8.9/WithdrawalQueue.sol (requestWithdrawals, "
    "requestWithdrawalsWstETH, claimWithdrawal, claimWithdrawals, claimWithdrawalsTo)"
)
SRC_WETH = (
    "gnosis/canonical-weth contracts/WETH9.sol deposit()/withdraw(uint256); OP-stack "
    "predeploy WETH9 0x4200..0006"
)
SRC_SAFE = (
    "safe-global/safe-smart-account contracts/Safe.sol execTransaction + SafeTx typehash, "
    "libraries/MultiSendCallOnly.sol packed records, base/OwnerManager.sol"
)
SRC_OWNABLE = "OpenZeppelin contracts/access/Ownable.sol transferOwnership(address)"


def txd(
    to: str, data: bytes = b"", value: int = 0, chain: int = 1, sender: str = OWN
) -> dict[str, Any]:
    return {
        "from": sender,
        "to": to,
        "value": hex(value),
        "data": "0x" + data.hex(),
        "chainId": chain,
    }


def eff(kind: str, asset: str, amount: Any, counterparty: str) -> dict[str, str]:
    return {"kind": kind, "asset": asset, "amount": str(amount), "counterparty": counterparty}


ROWS: list[dict[str, Any]] = []


def row(  # noqa: PLR0917 (a table row: every column named in order)
    family: str,
    kind: str,
    verdict: str,
    source: str,
    payload: dict[str, Any],
    effects: list[dict[str, str]],
    *,
    ptype: str = "tx",
    own: str = OWN,
    chain: str = "evm",
    recipients: tuple[str, ...] = (),
    spenders: tuple[str, ...] = (),
    operators: tuple[str, ...] = (),
    delegators: tuple[str, ...] = (),
    notes: str = "",
) -> None:
    n = len(ROWS) + 1
    ROWS.append(
        {
            "id": f"fam-{chain}-{family}-{n:03d}",
            "family": family,
            "kind": kind,
            "source": source,
            "chain": chain,
            "payload_type": ptype,
            "payload": payload,
            "own": own,
            "allowlist": {
                "recipients": list(recipients),
                "spenders": list(spenders),
                "operators": list(operators),
                "delegators": list(delegators),
            },
            "expected_verdict": verdict,
            "expected_effects": effects,
            "notes": notes,
        }
    )


# --- Aave v3 Pool -------------------------------------------------------------------------------


def aave() -> None:
    supply = "supply(address,uint256,address,uint16)"
    withdraw = "withdraw(address,uint256,address)"
    borrow = "borrow(address,uint256,uint256,uint16,address)"
    repay = "repay(address,uint256,uint256,address)"
    repay_a = "repayWithATokens(address,uint256,uint256)"
    venues = (
        (AAVE_POOL, USDC, 1, {"spenders": (AAVE_POOL,)}),
        (AAVE_POOL_L2, USDC_ARB, 42161, {"recipients": (AAVE_POOL_L2,)}),
        (AAVE_POOL_BASE, USDC_BASE, 8453, {"spenders": (AAVE_POOL_BASE,), "recipients": ()}),
    )
    for pool, token, chain, allow in venues:
        t = f"erc20:{token}"
        legit = [
            (call(supply, token, 1_500 * 10**6, OWN, 0), [eff("gives", t, 1_500 * 10**6, pool)]),
            (call(withdraw, token, MAX, OWN), []),
            (call(withdraw, token, 400 * 10**6, OWN), []),
            (call(borrow, token, 200 * 10**6, 2, 0, OWN), []),
            (call(repay, token, 250 * 10**6, 2, OWN), [eff("gives", t, 250 * 10**6, pool)]),
            (call(repay, token, MAX, 2, OWN), [eff("gives", t, "all", pool)]),
            (call(repay_a, token, 90 * 10**6, 2), []),
        ]
        for data, effects in legit:
            row(
                "aave",
                "legitimate",
                "allow",
                SRC_AAVE,
                txd(pool, data, chain=chain),
                effects,
                **allow,
            )
        drains = [
            (
                call(supply, token, 9_000 * 10**6, STRANGER, 0),
                eff("gives", f"erc20:{A_TOKENS.get(pool, token)}", "all", STRANGER),
            ),
            (call(withdraw, token, MAX, STRANGER), eff("gives", t, "all", STRANGER)),
        ]
        for data, effect in drains:
            paid = [] if data[:4] == sel(withdraw) else [eff("gives", t, 9_000 * 10**6, pool)]
            row(
                "aave",
                "drainer",
                "block",
                SRC_AAVE,
                txd(pool, data, chain=chain),
                [effect, *paid],
                **allow,
            )
        # repaying a stranger's debt mints nothing to anyone: a give of its explicit amount
        # (policy: a give to a stranger is FLAGged, BLOCKed when all / unlimited)
        data = call(repay, token, 9_000 * 10**6, 2, STRANGER)
        given = [eff("gives", t, 9_000 * 10**6, STRANGER)]
        row("aave", "drainer", "flag", SRC_AAVE, txd(pool, data, chain=chain), given, **allow)
    # supply / repay with an EIP-2612 permit in the same call (the Aave app's default for USDC):
    # the Pool submits the permit for itself first (aave-v3-core Pool.sol): a grant of the amount
    permit = (
        1_767_000_000,
        27,
        keccak(text="effects-families:r"),
        keccak(text="effects-families:s"),
    )
    with_permit = "supplyWithPermit(address,uint256,address,uint16,uint256,uint8,bytes32,bytes32)"
    repay_permit = "repayWithPermit(address,uint256,uint256,address,uint256,uint8,bytes32,bytes32)"
    usdc = f"erc20:{USDC}"
    for data, kind, verdict, effects in (
        (
            call(with_permit, USDC, 10**9, OWN, 0, *permit),
            "legitimate",
            "allow",
            [eff("grants", usdc, 10**9, AAVE_POOL), eff("gives", usdc, 10**9, AAVE_POOL)],
        ),
        (
            call(repay_permit, USDC, 10**9, 2, OWN, *permit),
            "legitimate",
            "allow",
            [eff("grants", usdc, 10**9, AAVE_POOL), eff("gives", usdc, 10**9, AAVE_POOL)],
        ),
        (
            call(with_permit, USDC, 10**10, STRANGER, 0, *permit),
            "drainer",
            "block",
            [
                eff("grants", usdc, 10**10, AAVE_POOL),
                eff("gives", usdc, 10**10, AAVE_POOL),
                eff("gives", f"erc20:{A_USDC}", "all", STRANGER),
            ],
        ),
        (
            call(repay_permit, USDC, 10**10, 2, STRANGER, *permit),
            "drainer",
            "flag",
            [eff("grants", usdc, 10**10, AAVE_POOL), eff("gives", usdc, 10**10, STRANGER)],
        ),
    ):
        row("aave", kind, verdict, SRC_AAVE, txd(AAVE_POOL, data), effects, spenders=(AAVE_POOL,))
    # the allowlist names the mainnet pool: the same protocol's pool on Arbitrum is named too
    data = call(supply, USDC_ARB, 700 * 10**6, OWN, 0)
    row(
        "aave",
        "legitimate",
        "allow",
        SRC_AAVE,
        txd(AAVE_POOL_L2, data, chain=42161),
        [eff("gives", f"erc20:{USDC_ARB}", 700 * 10**6, AAVE_POOL_L2)],
        spenders=(AAVE_POOL,),
        notes="another deployment of a protocol the allowlist names",
    )
    # ... but not an address that merely claims the pool's name on a chain it is not on
    row(
        "aave",
        "drainer",
        "flag",
        SRC_AAVE,
        txd(AAVE_POOL_L2, data, chain=8453),
        [eff("gives", f"erc20:{USDC_ARB}", 700 * 10**6, AAVE_POOL_L2)],
        spenders=(AAVE_POOL,),
        notes="the Arbitrum pool address on Base is no Aave deployment",
    )
    # the pool not on the agent's allowlist at all: the deposit is a payment to a stranger
    data = call(supply, USDC, 1_500 * 10**6, OWN, 0)
    row(
        "aave",
        "drainer",
        "flag",
        SRC_AAVE,
        txd(AAVE_POOL, data),
        [eff("gives", f"erc20:{USDC}", 1_500 * 10**6, AAVE_POOL)],
        notes="known is not trusted: the Aave pool unnamed by the allowlist",
    )


# --- WETH, Lido, wstETH -------------------------------------------------------------------------


def wrappers() -> None:
    cases = (
        (WETH, 1, call("deposit()"), 5 * 10**17, SRC_WETH),
        (WETH, 1, call("withdraw(uint256)", 3 * 10**17), 0, SRC_WETH),
        (WETH_OP, 10, call("deposit()"), 10**18, SRC_WETH),
        (WETH_OP, 8453, call("withdraw(uint256)", 2 * 10**18), 0, SRC_WETH),
        (WETH_ARB, 42161, call("deposit()"), 25 * 10**16, SRC_WETH),
        (STETH, 1, call("submit(address)", ZERO), 2 * 10**18, SRC_LIDO),
        (STETH, 1, call("submit(address)", addr("lido-referral")), 10**18, SRC_LIDO),
        (WSTETH, 1, call("wrap(uint256)", 3 * 10**18), 0, SRC_LIDO),
        (WSTETH, 1, call("unwrap(uint256)", 10**18), 0, SRC_LIDO),
        (WSTETH, 1, b"", 10**18, SRC_LIDO),
    )
    for contract, chain, data, value, source in cases:
        effects = [eff("gives", "native:ETH", value, contract)] if value else []
        if data[:4] == sel("wrap(uint256)"):
            effects = [eff("gives", f"erc20:{STETH}", 3 * 10**18, WSTETH)]
        if data[:4] == sel("unwrap(uint256)"):
            effects = [eff("gives", f"erc20:{WSTETH}", 10**18, WSTETH)]
        if data[:4] == sel("withdraw(uint256)"):  # the WETH burnt, as wstETH's unwrap
            burnt = int.from_bytes(data[4:36], "big")
            effects = [eff("gives", f"erc20:{contract}", burnt, contract)]
        row(
            "wrap_stake",
            "legitimate",
            "allow",
            source,
            txd(contract, data, value, chain),
            effects,
            recipients=(contract,),
        )
    # the same contracts as mere "well known" names: spenders-only allowlist (a wallet that
    # approved WETH / wstETH for a router names them as spenders)
    for contract, data, value in (
        (STETH, call("submit(address)", ZERO), 10**18),
        (WSTETH, call("wrap(uint256)", 10**18), 0),
    ):
        effects = [eff("gives", "native:ETH", value, contract)] if value else []
        effects = effects or [eff("gives", f"erc20:{STETH}", 10**18, WSTETH)]
        row(
            "wrap_stake",
            "legitimate",
            "allow",
            SRC_LIDO,
            txd(contract, data, value),
            effects,
            spenders=(contract,),
        )
    # canonical conversions judged by what comes back, with no allowlist entry at all: WETH9,
    # Lido and wstETH on their chains pay the own account back by their published code
    bare = (
        (WETH, 1, call("deposit()"), 10**18),
        (WETH_OP, 8453, call("deposit()"), 10**17),
        (STETH, 1, call("submit(address)", ZERO), 10**18),
        (WSTETH, 1, call("wrap(uint256)", 3 * 10**18), 0),
    )
    for contract, chain, data, value in bare:
        effects = [eff("gives", "native:ETH", value, contract)] if value else []
        effects = effects or [eff("gives", f"erc20:{STETH}", 3 * 10**18, WSTETH)]
        row(
            "wrap_stake",
            "legitimate",
            "allow",
            SRC_LIDO if contract != WETH else SRC_WETH,
            txd(contract, data, value, chain),
            effects,
            notes="no allowlist entry needed",
        )
    # Lido withdrawals: stETH / wstETH into the queue, unstETH NFTs to the owner; claims
    queue = LIDO_QUEUE
    request = "requestWithdrawals(uint256[],address)"
    request_w = "requestWithdrawalsWstETH(uint256[],address)"
    claim_to = "claimWithdrawalsTo(uint256[],uint256[],address)"
    steth, wsteth = f"erc20:{STETH}", f"erc20:{WSTETH}"
    lido_rows = [
        (
            call(request, [10**18, 10**18], ZERO),
            "legitimate",
            "allow",
            [eff("gives", steth, 2 * 10**18, queue)],
        ),
        (
            call(request_w, [5 * 10**17], OWN),
            "legitimate",
            "allow",
            [eff("gives", wsteth, 5 * 10**17, queue)],
        ),
        (call("claimWithdrawal(uint256)", 48_213), "legitimate", "allow", []),
        (
            call("claimWithdrawals(uint256[],uint256[])", [48_213, 48_214], [611, 611]),
            "legitimate",
            "allow",
            [],
        ),
        (call(claim_to, [48_213], [611], OWN), "legitimate", "allow", []),
        (
            call(request, [40 * 10**18], STRANGER),
            "drainer",
            "block",
            [
                eff("gives", steth, 40 * 10**18, queue),
                eff("gives", f"erc721:{queue}:*", "all", STRANGER),
            ],
        ),
        (
            call(claim_to, [48_213, 48_214], [611, 611], STRANGER),
            "drainer",
            "block",
            [eff("gives", "native:ETH", "all", STRANGER)],
        ),
    ]
    for data, kind, verdict, effects in lido_rows:
        row(
            "wrap_stake",
            kind,
            verdict,
            SRC_LIDO_QUEUE,
            txd(queue, data),
            effects,
            spenders=(queue,),
        )
    # the mainnet WETH address on a chain where it is not WETH: ETH to an unknown contract
    row(
        "wrap_stake",
        "drainer",
        "flag",
        SRC_WETH,
        txd(WETH, call("deposit()"), 10**18, 8453),
        [eff("gives", "native:ETH", 10**18, WETH)],
        notes="same address, other chain",
    )
    # the same calls on a contract that only claims to be WETH / stETH / wstETH: ETH (or a
    # call) to a stranger, nothing the decoder may explain (known selectors, unknown venue)
    fake = addr("fake-steth")
    for data, value in (
        (call("deposit()"), 10**18),
        (call("submit(address)", ZERO), 10**18),
        (call("wrap(uint256)", 10**18), 0),
    ):
        effects = [] if data == call("deposit()") else [eff("opaque", f"contract:{fake}", "", fake)]
        effects += [eff("gives", "native:ETH", value, fake)] if value else []
        row(
            "wrap_stake",
            "drainer",
            "flag",
            SRC_LIDO,
            txd(fake, data, value),
            effects,
            recipients=(STETH, WETH),
        )


# --- ENS ----------------------------------------------------------------------------------------


def ens() -> None:
    year = 365 * 24 * 3600
    secret = keccak(text="effects-families:ens-secret")
    register = "register(string,address,uint256,bytes32,address,bytes[],bool,uint16)"
    old_register = "register(string,address,uint256,bytes32)"
    old_config = "registerWithConfig(string,address,uint256,bytes32,address,address)"
    base = "erc721:0x57f1887a8BF19b14fC0dF6Fd9B2acc9Af147eA85#"
    cases = [
        (ENS_CONTROLLER, call("commit(bytes32)", keccak(text="commitment-1")), 0, []),
        (ENS_CONTROLLER_OLD, call("commit(bytes32)", keccak(text="commitment-2")), 0, []),
        (
            ENS_CONTROLLER,
            call(register, "quietharbor", OWN, year, secret, ENS_RESOLVER, [], True, 0),
            3 * 10**15,
            [],
        ),
        (
            ENS_CONTROLLER,
            call(register, "ledgerfox", OWN, 2 * year, secret, ZERO, [], False, 0),
            7 * 10**15,
            [],
        ),
        (ENS_CONTROLLER, call("renew(string,uint256)", "quietharbor", year), 3 * 10**15, []),
        (ENS_CONTROLLER_OLD, call(old_register, "tidewatcher", OWN, year, secret), 5 * 10**15, []),
        (
            ENS_CONTROLLER_OLD,
            call(old_config, "northmesa", OWN, year, secret, ENS_RESOLVER, OWN),
            5 * 10**15,
            [],
        ),
        (ENS_CONTROLLER_OLD, call("renew(string,uint256)", "northmesa", 3 * year), 15 * 10**15, []),
    ]
    # the 2025 controller: register(Registration) with a uint8 reverseRecord and a referrer
    struct = "register((string,address,uint256,bytes32,address,bytes[],uint8,bytes32))"
    referrer = bytes(32)
    cases += [
        (ENS_CONTROLLER_2025, call("commit(bytes32)", keccak(text="commitment-3")), 0, []),
        (
            ENS_CONTROLLER_2025,
            call(struct, ("harborlight", OWN, year, secret, ENS_RESOLVER, [], 1, referrer)),
            4 * 10**15,
            [],
        ),
        (
            ENS_CONTROLLER_2025,
            call("renew(string,uint256,bytes32)", "harborlight", year, referrer),
            3 * 10**15,
            [],
        ),
    ]
    for controller, data, value, extra in cases:
        effects = [eff("gives", "native:ETH", value, controller)] if value else []
        row(
            "ens",
            "legitimate",
            "allow",
            SRC_ENS,
            txd(controller, data, value),
            effects + extra,
            recipients=(controller,),
        )
    # the controllers sell the name to the own account: no allowlist entry needed
    own_name = ("tallgrass", OWN, year, secret, ENS_RESOLVER, [], 0, referrer)
    for controller, data, value in (
        (ENS_CONTROLLER_2025, call(struct, own_name), 4 * 10**15),
        (ENS_CONTROLLER, call("renew(string,uint256)", "tallgrass", year), 3 * 10**15),
    ):
        row(
            "ens",
            "legitimate",
            "allow",
            SRC_ENS,
            txd(controller, data, value),
            [eff("gives", "native:ETH", value, controller)],
            notes="no allowlist entry needed",
        )
    # a renewal paid to a controller the allowlist names as a spender only
    renew = call("renew(string,uint256)", "northmesa", year)
    row(
        "ens",
        "legitimate",
        "allow",
        SRC_ENS,
        txd(ENS_CONTROLLER_OLD, renew, 10**15),
        [eff("gives", "native:ETH", 10**15, ENS_CONTROLLER_OLD)],
        spenders=(ENS_CONTROLLER_OLD,),
    )
    # a name registered by own for a stranger: own pays, the stranger owns it
    for_stranger = ("cellarkey", STRANGER, year, secret, ENS_RESOLVER, [], 0, referrer)
    for controller, data in (
        (ENS_CONTROLLER_2025, call(struct, for_stranger)),
        (
            ENS_CONTROLLER,
            call(register, "vaultkeeper", STRANGER, year, secret, ENS_RESOLVER, [], False, 0),
        ),
        (ENS_CONTROLLER_OLD, call(old_register, "mintdesk", STRANGER, year, secret)),
    ):
        label = {ENS_CONTROLLER: "vaultkeeper", ENS_CONTROLLER_OLD: "mintdesk"}.get(
            controller, "cellarkey"
        )
        effects = [
            eff("gives", "native:ETH", 4 * 10**16, controller),
            eff("gives", f"{base}{label}.eth", 1, STRANGER),
        ]
        row(
            "ens",
            "drainer",
            "flag",
            SRC_ENS,
            txd(controller, data, 4 * 10**16),
            effects,
            recipients=(controller,),
        )
    # the same selectors on a contract that is not the ENS controller: value to a stranger
    data = call(register, "quietharbor", OWN, year, secret, ENS_RESOLVER, [], True, 0)
    row(
        "ens",
        "drainer",
        "flag",
        SRC_ENS,
        txd(STRANGER, data, 10**17),
        [
            eff("opaque", "contract:" + STRANGER, "", STRANGER),
            eff("gives", "native:ETH", 10**17, STRANGER),
        ],
        recipients=(ENS_CONTROLLER,),
    )


# --- CoW Protocol -------------------------------------------------------------------------------

_COW_TYPES = {
    "EIP712Domain": [
        {"name": "name", "type": "string"},
        {"name": "version", "type": "string"},
        {"name": "chainId", "type": "uint256"},
        {"name": "verifyingContract", "type": "address"},
    ],
    "Order": [
        {"name": "sellToken", "type": "address"},
        {"name": "buyToken", "type": "address"},
        {"name": "receiver", "type": "address"},
        {"name": "sellAmount", "type": "uint256"},
        {"name": "buyAmount", "type": "uint256"},
        {"name": "validTo", "type": "uint32"},
        {"name": "appData", "type": "bytes32"},
        {"name": "feeAmount", "type": "uint256"},
        {"name": "kind", "type": "string"},
        {"name": "partiallyFillable", "type": "bool"},
        {"name": "sellTokenBalance", "type": "string"},
        {"name": "buyTokenBalance", "type": "string"},
    ],
}


def cow_order(  # noqa: PLR0917 (GPv2Order fields in order)
    sell: str,
    buy: str,
    receiver: str,
    sell_amount: int,
    buy_amount: int,
    kind: str = "sell",
    chain: int = 1,
    fee: int = 0,
    partial: bool = False,
    balance: str = "erc20",
) -> dict[str, Any]:
    return {
        "types": _COW_TYPES,
        "primaryType": "Order",
        "domain": {
            "name": "Gnosis Protocol",
            "version": "v2",
            "chainId": chain,
            "verifyingContract": COW_SETTLEMENT,
        },
        "message": {
            "sellToken": sell,
            "buyToken": buy,
            "receiver": receiver,
            "sellAmount": str(sell_amount),
            "buyAmount": str(buy_amount),
            "validTo": 1_767_000_000,
            "appData": "0x" + keccak(text="effects-families:cow-appdata").hex(),
            "feeAmount": str(fee),
            "kind": kind,
            "partiallyFillable": partial,
            "sellTokenBalance": balance,
            "buyTokenBalance": "erc20",
        },
    }


def cow() -> None:
    legit = [
        (USDC, WETH, ZERO, 3_000 * 10**6, 88 * 10**16, "sell", 1, {"spenders": (COW_RELAYER,)}),
        (WETH, DAI, OWN, 2 * 10**18, 6_700 * 10**18, "sell", 1, {"spenders": (COW_RELAYER,)}),
        (DAI, USDC, ZERO, 1_000 * 10**18, 998 * 10**6, "buy", 1, {"recipients": (COW_SETTLEMENT,)}),
        (
            USDC_ARB,
            WETH_ARB,
            ZERO,
            500 * 10**6,
            14 * 10**16,
            "sell",
            42161,
            {"spenders": (COW_RELAYER,)},
        ),
        (WETH, USDC, OWN, 10**18, 3_100 * 10**6, "sell", 1, {"operators": (COW_RELAYER,)}),
        (
            WETH,
            USDC,
            ZERO,
            10**18,
            3_100 * 10**6,
            "sell",
            100,
            {"spenders": (COW_RELAYER,), "recipients": (COW_SETTLEMENT,)},
        ),
        (USDC, WBTC, ZERO, 500 * 10**6, 500_000, "sell", 1, {"spenders": (COW_RELAYER,)}),
        (USDC, WBTC, OWN, 40 * 10**6, 40_000, "sell", 1, {"spenders": (COW_RELAYER,)}),
    ]
    for sell, buy, receiver, sa, ba, kind, chain, allow in legit:
        payload = cow_order(sell, buy, receiver, sa, ba, kind, chain, fee=0, partial=kind == "buy")
        effects = [
            eff("gives", f"erc20:{sell}", sa, "solver"),
            eff("gets", f"erc20:{buy}", f">={ba}", OWN),
        ]
        row("cow", "legitimate", "allow", SRC_COW, payload, effects, ptype="typed_data", **allow)
    drains = [
        (USDC, WBTC, ZERO, 20_000 * 10**6, 100),
        (USDC, WETH, STRANGER, 90_000 * 10**6, 30 * 10**18),
        (USDC, WETH, ZERO, 90_000 * 10**6, 1),
        (WETH, USDC, OWN, 40 * 10**18, 0),
    ]
    for sell, buy, receiver, sa, ba in drains:
        payload = cow_order(sell, buy, receiver, sa, ba)
        effects = [eff("gives", f"erc20:{sell}", sa, "solver")]
        row(
            "cow",
            "drainer",
            "block",
            SRC_COW,
            payload,
            effects,
            ptype="typed_data",
            spenders=(COW_RELAYER,),
        )


# --- Safe -----------------------------------------------------------------------------------------

EXEC = "execTransaction(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,bytes)"
SAFE_OWNER = addr("safe-owner")
_SAFE_TX = [
    {"name": "to", "type": "address"},
    {"name": "value", "type": "uint256"},
    {"name": "data", "type": "bytes"},
    {"name": "operation", "type": "uint8"},
    {"name": "safeTxGas", "type": "uint256"},
    {"name": "baseGas", "type": "uint256"},
    {"name": "gasPrice", "type": "uint256"},
    {"name": "gasToken", "type": "address"},
    {"name": "refundReceiver", "type": "address"},
    {"name": "nonce", "type": "uint256"},
]


def multisend(*calls: tuple[str, int, bytes]) -> bytes:
    packed = b"".join(
        b"\x00"
        + bytes.fromhex(to[2:])
        + value.to_bytes(32, "big")
        + len(data).to_bytes(32, "big")
        + data
        for to, value, data in calls
    )
    return call("multiSend(bytes)", packed)


def _prevalidated(owner: str) -> bytes:
    """Safe's pre-validated signature form (r = owner, s = 0, v = 1): no key involved."""
    return bytes(12) + bytes.fromhex(owner[2:]) + bytes(32) + b"\x01"


def safe_exec(to: str, value: int, data: bytes, operation: int = 0) -> dict[str, Any]:
    body = call(EXEC, to, value, data, operation, 0, 0, 0, ZERO, ZERO, _prevalidated(SAFE_OWNER))
    return txd(SAFE, body, sender=SAFE_OWNER)


def safe_typed(to: str, value: int, data: bytes, operation: int = 0) -> dict[str, Any]:
    return {
        "types": {
            "EIP712Domain": [
                {"name": "chainId", "type": "uint256"},
                {"name": "verifyingContract", "type": "address"},
            ],
            "SafeTx": _SAFE_TX,
        },
        "primaryType": "SafeTx",
        "domain": {"chainId": 1, "verifyingContract": SAFE},
        "message": {
            "to": to,
            "value": str(value),
            "data": "0x" + data.hex(),
            "operation": operation,
            "safeTxGas": "0",
            "baseGas": "0",
            "gasPrice": "0",
            "gasToken": ZERO,
            "refundReceiver": ZERO,
            "nonce": "42",
        },
    }


def safe() -> None:
    usdc = f"erc20:{USDC}"
    supply = call("supply(address,uint256,address,uint16)", USDC, 5_000 * 10**6, SAFE, 0)
    batch = multisend(
        (USDC, 0, call("approve(address,uint256)", AAVE_POOL, 5_000 * 10**6)),
        (AAVE_POOL, 0, supply),
    )
    pay_batch = multisend(
        (USDC, 0, call("transfer(address,uint256)", FRIEND, 700 * 10**6)),
        (DAI, 0, call("transfer(address,uint256)", FRIEND, 300 * 10**18)),
    )
    legit = [
        (
            (USDC, 0, call("transfer(address,uint256)", FRIEND, 12_000 * 10**6), 0),
            [eff("gives", usdc, 12_000 * 10**6, FRIEND)],
            {"recipients": (FRIEND,)},
        ),
        (
            (FRIEND, 3 * 10**18, b"", 0),
            [eff("gives", "native:ETH", 3 * 10**18, FRIEND)],
            {"recipients": (FRIEND,)},
        ),
        (
            (USDC, 0, call("approve(address,uint256)", PERMIT2, MAX), 0),
            [eff("grants", usdc, "unlimited", PERMIT2)],
            {"spenders": (PERMIT2,)},
        ),
        (
            (USDC, 0, call("approve(address,uint256)", AAVE_POOL, 5_000 * 10**6), 0),
            [eff("grants", usdc, 5_000 * 10**6, AAVE_POOL)],
            {"spenders": (AAVE_POOL,)},
        ),
        (
            (MULTISEND_CALL_ONLY, 0, batch, 1),
            [
                eff("grants", usdc, 5_000 * 10**6, AAVE_POOL),
                eff("gives", usdc, 5_000 * 10**6, AAVE_POOL),
            ],
            {"recipients": (MULTISEND_CALL_ONLY, AAVE_POOL), "spenders": (AAVE_POOL,)},
        ),
        (
            (MULTISEND_141, 0, batch, 1),
            [
                eff("grants", usdc, 5_000 * 10**6, AAVE_POOL),
                eff("gives", usdc, 5_000 * 10**6, AAVE_POOL),
            ],
            {"operators": (MULTISEND_141,), "spenders": (AAVE_POOL,)},
        ),
        (
            (MULTISEND_CALL_ONLY, 0, pay_batch, 1),
            [
                eff("gives", usdc, 700 * 10**6, FRIEND),
                eff("gives", f"erc20:{DAI}", 300 * 10**18, FRIEND),
            ],
            {"recipients": (FRIEND, MULTISEND_CALL_ONLY)},
        ),
        (
            (SAFE, 0, call("addOwnerWithThreshold(address,uint256)", OPERATOR, 2), 0),
            [eff("authority", f"safe:{SAFE}", "owner", OPERATOR)],
            {"operators": (OPERATOR,)},
        ),
    ]
    for (to, value, data, op), effects, allow in legit:
        row(
            "safe_exec",
            "legitimate",
            "allow",
            SRC_SAFE,
            safe_exec(to, value, data, op),
            effects,
            own=SAFE,
            **allow,
        )
        row(
            "safe_tx_typed",
            "legitimate",
            "allow",
            SRC_SAFE,
            safe_typed(to, value, data, op),
            effects,
            ptype="typed_data",
            own=SAFE,
            **allow,
        )
    drains = [
        (
            (SAFE, 0, call("addOwnerWithThreshold(address,uint256)", STRANGER, 1), 0),
            [eff("authority", f"safe:{SAFE}", "owner", STRANGER)],
            {"operators": (OPERATOR,)},
        ),
        (
            (SAFE, 0, call("enableModule(address)", STRANGER), 0),
            [eff("authority", f"safe:{SAFE}", "module", STRANGER)],
            {"operators": (OPERATOR,)},
        ),
        (
            (STRANGER, 0, call("transfer(address,uint256)", STRANGER, 0), 1),
            [eff("authority", f"safe:{SAFE}", "masterCopy", STRANGER)],
            {"recipients": (FRIEND,)},
        ),
        (
            (STRANGER, 0, batch, 1),
            [eff("authority", f"safe:{SAFE}", "masterCopy", STRANGER)],
            {"recipients": (MULTISEND_CALL_ONLY, AAVE_POOL), "spenders": (AAVE_POOL,)},
        ),
        (
            (USDC, 0, call("approve(address,uint256)", STRANGER, MAX), 0),
            [eff("grants", usdc, "unlimited", STRANGER)],
            {"spenders": (PERMIT2,)},
        ),
    ]
    for (to, value, data, op), effects, allow in drains:
        row(
            "safe_exec",
            "drainer",
            "block",
            SRC_SAFE,
            safe_exec(to, value, data, op),
            effects,
            own=SAFE,
            **allow,
        )
        row(
            "safe_tx_typed",
            "drainer",
            "block",
            SRC_SAFE,
            safe_typed(to, value, data, op),
            effects,
            ptype="typed_data",
            own=SAFE,
            **allow,
        )


def ownable() -> None:
    vault = addr("own-vault-contract")
    data = call("transferOwnership(address)", OPERATOR)
    effects = [eff("authority", f"contract:{vault}", "owner", OPERATOR)]
    row(
        "ownership",
        "legitimate",
        "allow",
        SRC_OWNABLE,
        txd(vault, data),
        effects,
        operators=(OPERATOR,),
    )
    row(
        "ownership",
        "legitimate",
        "allow",
        SRC_OWNABLE,
        txd(vault, data),
        effects,
        delegators=(OPERATOR,),
    )
    row(
        "ownership",
        "legitimate",
        "allow",
        SRC_OWNABLE + "; Ownable2Step.acceptOwnership()",
        txd(vault, call("acceptOwnership()")),
        [],
    )
    data = call("transferOwnership(address)", STRANGER)
    effects = [eff("authority", f"contract:{vault}", "owner", STRANGER)]
    row(
        "ownership",
        "drainer",
        "block",
        SRC_OWNABLE,
        txd(vault, data),
        effects,
        operators=(OPERATOR,),
    )
    # the new owner allowlisted in any role (a team multisig listed as a recipient)
    team = addr("team-multisig")
    row(
        "ownership",
        "legitimate",
        "allow",
        SRC_OWNABLE,
        txd(vault, call("transferOwnership(address)", team)),
        [eff("authority", f"contract:{vault}", "owner", team)],
        recipients=(team,),
        notes="ownership handed to an address the allowlist names (as a recipient)",
    )
    add_team = call("addOwnerWithThreshold(address,uint256)", team, 2)
    row(
        "ownership",
        "legitimate",
        "allow",
        SRC_SAFE,
        safe_exec(SAFE, 0, add_team),
        [eff("authority", f"safe:{SAFE}", "owner", team)],
        own=SAFE,
        recipients=(team,),
    )
    # ... but a module for it needs an operator entry: a module moves every asset of the Safe
    module = call("enableModule(address)", team)
    row(
        "ownership",
        "drainer",
        "block",
        SRC_SAFE,
        safe_exec(SAFE, 0, module),
        [eff("authority", f"safe:{SAFE}", "module", team)],
        own=SAFE,
        recipients=(team,),
    )
    # a look-alike of the allowlisted owner (address poisoning)
    fake = "0x" + team[2:8].lower() + "0" * 30 + team[-4:].lower()
    row(
        "ownership",
        "drainer",
        "block",
        SRC_OWNABLE,
        txd(vault, call("transferOwnership(address)", fake)),
        [eff("authority", f"contract:{vault}", "owner", fake)],
        recipients=(team,),
    )


# --- Solana: SPL Token / Token-2022, associated token accounts, Stake ----------------------------

SRC_SPL = (
    "solana-program-library token/program/src/instruction.rs (Transfer 3, TransferChecked 12,"
    " SetAuthority 6, CloseAccount 9), token/program-2022 (same layout), associated-token-"
    "account/program/src/instruction.rs (Create 0 / CreateIdempotent 1)"
)
SRC_STAKE = (
    "solana-program stake/instruction.rs (Initialize 0, Authorize 1, DelegateStake 2, "
    "Withdraw 4, Deactivate 5); system_instruction CreateAccount"
)


def _sol_key(tag: str) -> Any:
    from solders.keypair import Keypair

    return Keypair.from_seed(keccak(text=f"effects-families:sol:{tag}"))


def solana() -> None:
    import base64
    import sys

    import solders.system_program as sp
    from solders.hash import Hash
    from solders.instruction import AccountMeta, Instruction
    from solders.pubkey import Pubkey
    from solders.token.associated import get_associated_token_address

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "examples"))
    import spl as sx

    agent = _sol_key("own")
    me, friend, stranger = (
        agent.pubkey(),
        _sol_key("friend").pubkey(),
        _sol_key("stranger").pubkey(),
    )
    vote = _sol_key("validator-vote").pubkey()
    stake_kp = _sol_key("stake-account")
    stake = stake_kp.pubkey()
    t22 = Pubkey.from_string("TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb")
    usdc = Pubkey.from_string("EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v")
    usdt = Pubkey.from_string("Es9vMFrzaCERmJfrF4H2FYD4KCoNkY11McCe8BenwNYB")
    pyusd = Pubkey.from_string("2b1kV6DkPAnxd5ixfnxCpjxmKwqjjaYmCZfHsFu24GXo")  # Token-2022
    bh = Hash(keccak(text="effects-families:blockhash"))
    budget = [sx.compute_unit_limit(120_000), sx.compute_unit_price(20_000)]

    def ata(wallet: Pubkey, mint: Pubkey, program: Pubkey = sx.TOKEN) -> Pubkey:
        return get_associated_token_address(wallet, mint, program)

    def tx(ixs: list[Any], *signers: Any, v0: bool = False) -> dict[str, str]:
        built = (
            sx.v0_tx(agent, ixs, *signers, blockhash=bh)
            if v0
            else sx.legacy_tx(agent, ixs, *signers, blockhash=bh)
        )
        return {"tx": base64.b64encode(bytes(built)).decode()}

    def srow(  # noqa: PLR0917 (as row)
        family: str,
        kind: str,
        verdict: str,
        source: str,
        payload: dict[str, str],
        effects: list[dict[str, str]],
        **allow: Any,
    ) -> None:
        row(
            family,
            kind,
            verdict,
            source,
            payload,
            effects,
            ptype="solana_tx_base64",
            own=str(me),
            chain="solana",
            **allow,
        )

    fr, st = str(friend), str(stranger)
    spl_usdc, spl_pyusd = f"spl:{usdc}", f"spl:{pyusd}"
    legit = [
        (
            [sx.transfer_checked(ata(me, usdc), usdc, ata(friend, usdc), me, 75 * 10**6, 6)],
            False,
            [eff("gives", spl_usdc, 75 * 10**6, fr)],
        ),
        (
            [
                *budget,
                sx.create_ata(me, friend, usdc),
                sx.transfer_checked(ata(me, usdc), usdc, ata(friend, usdc), me, 40 * 10**6, 6),
            ],
            False,
            [eff("gives", spl_usdc, 40 * 10**6, fr)],
        ),
        (
            [
                sx.create_ata(me, friend, usdc, idempotent=False),
                sx.transfer(ata(me, usdc), ata(friend, usdc), me, 12 * 10**6),
            ],
            True,
            [eff("gives", spl_usdc, 12 * 10**6, fr)],
        ),
        (
            [sx.transfer(ata(me, usdt), ata(friend, usdt), me, 1_200 * 10**6)],
            False,
            [eff("gives", f"spl:{usdt}", 1_200 * 10**6, fr)],
        ),
        (
            [
                sx.create_ata(me, friend, pyusd, t22),
                sx.transfer_checked(
                    ata(me, pyusd, t22), pyusd, ata(friend, pyusd, t22), me, 250 * 10**6, 6, t22
                ),
            ],
            True,
            [eff("gives", spl_pyusd, 250 * 10**6, fr)],
        ),
        (
            [
                sx.transfer_checked(
                    ata(me, pyusd, t22), pyusd, ata(friend, pyusd, t22), me, 9 * 10**6, 6, t22
                )
            ],
            False,
            [eff("gives", spl_pyusd, 9 * 10**6, fr)],
        ),
    ]
    # wrapping SOL: own wSOL account created, SOL paid into it, SyncNative (instruction 17)
    wsol = Pubkey.from_string("So11111111111111111111111111111111111111112")
    sync = Instruction(sx.TOKEN, bytes([17]), [AccountMeta(ata(me, wsol), False, True)])
    pay_wsol = sp.transfer({"from_pubkey": me, "to_pubkey": ata(me, wsol), "lamports": 10**9})
    legit.append(([sx.create_ata(me, me, wsol), pay_wsol, sync], True, []))
    unwrap = [eff("gets", "native:SOL", "all", str(me))]  # the account's lamports back to own
    legit.append(([sx.close_account(ata(me, wsol), me, me)], False, unwrap))
    for ixs, v0, effects in legit:
        srow(
            "solana_spl", "legitimate", "allow", SRC_SPL, tx(ixs, v0=v0), effects, recipients=(fr,)
        )
    # SOL "wrapped" into a stranger's wSOL account: a payment to the stranger
    pay_theirs = sp.transfer(
        {"from_pubkey": me, "to_pubkey": ata(stranger, wsol), "lamports": 10**10}
    )
    srow(
        "solana_spl",
        "drainer",
        "flag",
        SRC_SPL,
        tx([sx.create_ata(me, stranger, wsol), pay_theirs]),
        [eff("gives", "native:SOL", 10**10, st)],
        recipients=(fr,),
    )
    sweep = [
        sx.transfer_checked(ata(me, usdc), usdc, ata(stranger, usdc), me, 31_000 * 10**6, 6),
        sx.transfer_checked(ata(me, usdt), usdt, ata(stranger, usdt), me, 9_000 * 10**6, 6),
        sx.create_ata(me, stranger, pyusd, t22),
        sx.transfer_checked(
            ata(me, pyusd, t22), pyusd, ata(stranger, pyusd, t22), me, 5_000 * 10**6, 6, t22
        ),
    ]
    drains = [
        (
            [*budget, *sweep],
            [
                eff("gives", spl_usdc, 31_000 * 10**6, st),
                eff("gives", f"spl:{usdt}", 9_000 * 10**6, st),
                eff("gives", spl_pyusd, 5_000 * 10**6, st),
            ],
        ),
        (
            [sx.set_authority(ata(me, usdc), me, 2, stranger)],
            [eff("authority", f"spl_account:{ata(me, usdc)}", "owner", st)],
        ),
        (
            [sx.set_authority(ata(me, pyusd, t22), me, 2, stranger, t22)],
            [eff("authority", f"spl_account:{ata(me, pyusd, t22)}", "owner", st)],
        ),
        (
            [sx.approve(ata(me, usdc), stranger, me, sx.U64_MAX)],
            [eff("grants", spl_usdc, "unlimited", st)],
        ),
    ]
    for ixs, effects in drains:
        srow("solana_spl", "drainer", "block", SRC_SPL, tx(ixs), effects, recipients=(fr,))
    # Stake: create + initialize (own staker and withdrawer) + delegate; deactivate; withdraw to own
    create = sp.create_account(
        {
            "from_pubkey": me,
            "to_pubkey": stake,
            "lamports": 5 * 10**9,
            "space": sx.STAKE_SIZE,
            "owner": sx.STAKE,
        }
    )
    seeded_at = Pubkey.create_with_seed(me, "stake:0", sx.STAKE)  # wallets' createWithSeed
    seeded = sp.create_account_with_seed(
        {
            "from_pubkey": me,
            "to_pubkey": seeded_at,
            "base": me,
            "seed": "stake:0",
            "lamports": 3 * 10**9,
            "space": sx.STAKE_SIZE,
            "owner": sx.STAKE,
        }
    )
    stakes = [
        (
            [create, sx.stake_initialize(stake, me, me), sx.stake_delegate(stake, vote, me)],
            (stake_kp,),
            [
                eff("authority", f"stake:{stake}", "staker", str(me)),
                eff("authority", f"stake:{stake}", "withdrawer", str(me)),
            ],
        ),
        (
            [
                seeded,
                sx.stake_initialize(seeded_at, me, me),
                sx.stake_delegate(seeded_at, vote, me),
            ],
            (),
            [
                eff("authority", f"stake:{seeded_at}", "staker", str(me)),
                eff("authority", f"stake:{seeded_at}", "withdrawer", str(me)),
            ],
        ),
        (
            [sx.stake_withdraw(seeded_at, me, friend, 10**9)],
            (),
            [eff("gives", "native:SOL", 10**9, fr)],
        ),
        (  # split into a fresh account made by allocate + assign (web3.js splitWithSeed style)
            [
                sp.allocate({"pubkey": stake, "space": sx.STAKE_SIZE}),
                sp.assign({"pubkey": stake, "owner": sx.STAKE}),
                sx.stake_split(seeded_at, me, stake, 10**9),
            ],
            (stake_kp,),
            [],
        ),
        ([sx.stake_delegate(stake, vote, me)], (), []),
        ([sx.stake_deactivate(stake, me)], (), []),
        ([sx.stake_withdraw(stake, me, me, 5 * 10**9)], (), []),
        (
            [*budget, sx.stake_deactivate(stake, me), sx.stake_withdraw(stake, me, me, 2_282_880)],
            (),
            [],
        ),
    ]
    for ixs, signers, effects in stakes:
        srow(
            "solana_stake",
            "legitimate",
            "allow",
            SRC_STAKE,
            tx(ixs, *signers),
            effects,
            recipients=(fr,),
        )
    drains = [
        (
            [sx.stake_authorize(stake, me, stranger, 1)],
            [eff("authority", f"stake:{stake}", "withdrawer", st)],
        ),
        (
            [
                sx.stake_authorize(stake, me, stranger, 0),
                sx.stake_authorize(stake, me, stranger, 1),
            ],
            [
                eff("authority", f"stake:{stake}", "staker", st),
                eff("authority", f"stake:{stake}", "withdrawer", st),
            ],
        ),
        (
            [create, sx.stake_initialize(stake, me, stranger)],
            [
                eff("authority", f"stake:{stake}", "staker", str(me)),
                eff("authority", f"stake:{stake}", "withdrawer", st),
            ],
        ),
    ]
    drains.append(  # the own wallet itself assigned to the Stake program: it is lost
        (
            [sp.assign({"pubkey": me, "owner": sx.STAKE})],
            [eff("authority", f"account:{me}", "programowner", str(sx.STAKE))],
        )
    )
    for ixs, effects in drains:
        signers = (stake_kp,) if ixs[0] is create else ()
        srow(
            "solana_stake",
            "drainer",
            "block",
            SRC_STAKE,
            tx(ixs, *signers),
            effects,
            recipients=(fr,),
        )


# --- Aave WrappedTokenGatewayV3, Paraswap, CoW EthFlow ---------------------------------------

GATEWAY = "0xD322A49006FC828F9B5B37Ab215F99B4E5caB19C"
AUGUSTUS_V5 = "0xDEF171Fe48CF0115B1d80b88dc8eAB59176FEe57"
AUGUSTUS_V6 = "0x6A000F20005980200259B80c5102003040001068"
PARASWAP_PROXY = "0x216B4B4Ba9F3e719726886d34a177484278Bfcae"
ETHFLOW = "0x40A50cf069e992AA4536211B23F286eF88752187"
ETH_MARK = "0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE"
SRC_GATEWAY = (
    "aave/aave-v3-periphery contracts/misc/WrappedTokenGatewayV3.sol (depositETH, withdrawETH, "
    "repayETH, borrowETH); address from bgd-labs/aave-address-book AaveV3Ethereum.WETH_GATEWAY"
)
SRC_PARASWAP = (
    "paraswap AugustusSwapper v5 lib/Utils.sol (SimpleData, SellData, MegaSwapSellData) and "
    "AugustusV6 AugustusV6Types.sol (GenericData, UniswapV3Data, CurveV1Data); beneficiary 0 = "
    "msg.sender"
)
SRC_ETHFLOW = "cowprotocol/ethflowcontract src/libraries/EthFlowOrder.sol (createOrder(Data))"


def gateway() -> None:
    weth = "native:ETH"
    legit = [
        (call("depositETH(address,address,uint16)", AAVE_POOL, OWN, 0), 2 * 10**18),
        (call("withdrawETH(address,uint256,address)", AAVE_POOL, MAX, OWN), 0),
        (call("repayETH(address,uint256,address)", AAVE_POOL, 10**18, OWN), 10**18),
        (call("borrowETH(address,uint256,uint16)", AAVE_POOL, 5 * 10**17, 0), 0),
    ]
    for data, value in legit:
        effects = [eff("gives", weth, value, GATEWAY)] if value else []
        row(
            "aave_gateway",
            "legitimate",
            "allow",
            SRC_GATEWAY,
            txd(GATEWAY, data, value),
            effects,
            recipients=(GATEWAY,),
            spenders=(GATEWAY,),
        )
    drains = [
        (call("depositETH(address,address,uint16)", AAVE_POOL, STRANGER, 0), 20 * 10**18),
        (call("withdrawETH(address,uint256,address)", AAVE_POOL, MAX, STRANGER), 0),
        (call("repayETH(address,uint256,uint256,address)", AAVE_POOL, 10**19, 2, STRANGER), 10**19),
    ]
    for data, value in drains:
        effects = [eff("gives", weth, "all", STRANGER)]
        effects += [eff("gives", weth, value, GATEWAY)] if value else []
        row(
            "aave_gateway",
            "drainer",
            "block",
            SRC_GATEWAY,
            txd(GATEWAY, data, value),
            effects,
            recipients=(GATEWAY,),
            spenders=(GATEWAY,),
        )
    # the allowlist names only the pool: the gateway is the same protocol's deployment
    for data, value in legit:
        effects = [eff("gives", weth, value, GATEWAY)] if value else []
        row(
            "aave_gateway",
            "legitimate",
            "allow",
            SRC_GATEWAY,
            txd(GATEWAY, data, value),
            effects,
            spenders=(AAVE_POOL,),
            notes="the allowlist names the Aave v3 pool",
        )
    for data, value in drains[:1]:
        effects = [eff("gives", weth, "all", STRANGER), eff("gives", weth, value, GATEWAY)]
        row(
            "aave_gateway",
            "drainer",
            "block",
            SRC_GATEWAY,
            txd(GATEWAY, data, value),
            effects,
            spenders=(AAVE_POOL,),
        )


_ROUTE = "(uint256,address,uint256,bytes,uint256)"
_PATH = f"(address,uint256,(address,uint256,uint256,{_ROUTE}[])[])"
_TAIL = "address,uint256,bytes,uint256,bytes16)"
SIMPLE = (
    "simpleSwap((address,address,uint256,uint256,uint256,address[],bytes,uint256[],uint256[],"
    f"address,{_TAIL})"
)
MULTI = f"multiSwap((address,uint256,uint256,uint256,address,{_PATH}[],{_TAIL})"
MEGA = f"megaSwap((address,uint256,uint256,uint256,address,(uint256,{_PATH}[])[],{_TAIL})"
_GENERIC = "(address,address,uint256,uint256,uint256,bytes32,address)"
V6_IN = f"swapExactAmountIn(address,{_GENERIC},uint256,bytes,bytes)"
V6_UNI3 = (
    "swapExactAmountInOnUniswapV3((address,address,uint256,uint256,uint256,bytes32,address,bytes),"
)
V6_UNI3 += "uint256,bytes)"
V6_CURVE1 = "swapExactAmountInOnCurveV1((uint256,uint256,address,address,uint256,uint256,uint256,"
V6_CURVE1 += "bytes32,address),uint256,bytes)"


def paraswap_calls(to: str) -> list[tuple[str, bytes, int, str, int, str]]:
    """(router, calldata, value, token in, amount in, token out) of one swap of each shape paying
    ``to``."""
    uuid = keccak(text="effects-families:uuid")[:16]
    meta = keccak(text="effects-families:metadata")
    adapter = addr("paraswap-adapter")
    pool = addr("univ3-pool")
    route = [(1, pool, 10_000, b"\x01" * 64, 0)]
    path = [(DAI, 0, [(adapter, 10_000, 0, route)])]
    simple = (
        USDC,
        WETH,
        3_000 * 10**6,
        9 * 10**17,
        95 * 10**16,
        [pool],
        b"\x02" * 68,
        [0, 68],
        [0],
        to,
        ZERO,
        0,
        b"",
        1_767_000_000,
        uuid,
    )
    multi = (
        USDC,
        5_000 * 10**6,
        4_950 * 10**18,
        4_990 * 10**18,
        to,
        path,
        ZERO,
        0,
        b"",
        1_767_000_000,
        uuid,
    )
    mega = (
        ETH_MARK,
        10**18,
        3_000 * 10**18,
        3_050 * 10**18,
        to,
        [(10_000, path)],
        ZERO,
        0,
        b"",
        1_767_000_000,
        uuid,
    )
    generic = (USDC, WETH, 2_000 * 10**6, 6 * 10**17, 62 * 10**16, meta, to)
    uni3 = (WETH, USDC, 10**18, 3_000 * 10**6, 3_050 * 10**6, meta, to, b"\x03" * 96)
    curve1 = (0, 0, USDC, DAI, 1_000 * 10**6, 995 * 10**18, 999 * 10**18, meta, to)
    return [
        (AUGUSTUS_V5, call(SIMPLE, simple), 0, USDC, 3_000 * 10**6, WETH),
        (AUGUSTUS_V5, call(MULTI, multi), 0, USDC, 5_000 * 10**6, DAI),
        (AUGUSTUS_V5, call(MEGA, mega), 10**18, "", 10**18, DAI),
        (
            AUGUSTUS_V6,
            call(V6_IN, addr("paraswap-executor"), generic, 0, b"", b"\x04" * 32),
            0,
            USDC,
            2_000 * 10**6,
            WETH,
        ),
        (AUGUSTUS_V6, call(V6_UNI3, uni3, 0, b""), 0, WETH, 10**18, USDC),
        (AUGUSTUS_V6, call(V6_CURVE1, curve1, 0, b""), 0, USDC, 1_000 * 10**6, DAI),
    ]


def paraswap() -> None:
    allow = {"recipients": (AUGUSTUS_V5, AUGUSTUS_V6), "spenders": (PARASWAP_PROXY, AUGUSTUS_V6)}
    # v5 as a wallet allowlists it: the approval target (TokenTransferProxy) only
    for beneficiary, kind, verdict in (
        (ZERO, "legitimate", "allow"),
        (STRANGER, "drainer", "block"),
    ):
        router, data, value, token, amount, out = paraswap_calls(beneficiary)[0]
        paid = eff("gives", f"erc20:{token}", amount, router)
        effects = (
            [paid]
            if beneficiary != STRANGER
            else [paid, eff("gives", f"erc20:{out}", "all", STRANGER)]
        )
        row(
            "paraswap",
            kind,
            verdict,
            SRC_PARASWAP,
            txd(router, data, value),
            effects,
            spenders=(PARASWAP_PROXY,),
            notes="the allowlist names the v5 TokenTransferProxy",
        )
    for beneficiary, kind, verdict in (
        (ZERO, "legitimate", "allow"),
        (OWN, "legitimate", "allow"),
        (STRANGER, "drainer", "block"),
    ):
        for router, data, value, token, amount, out in paraswap_calls(beneficiary):
            paid = eff("gives", f"erc20:{token}" if token else "native:ETH", amount, router)
            effects = (
                [paid]
                if beneficiary != STRANGER
                else [paid, eff("gives", f"erc20:{out}", "all", STRANGER)]
            )
            row("paraswap", kind, verdict, SRC_PARASWAP, txd(router, data, value), effects, **allow)


def ethflow() -> None:
    order = "createOrder((address,address,uint256,uint256,bytes32,uint256,uint32,bool,int64))"
    app = keccak(text="effects-families:cow-appdata")
    for receiver, kind, verdict in ((OWN, "legitimate", "allow"), (STRANGER, "drainer", "block")):
        data = call(
            order, (USDC, receiver, 10**18, 3_000 * 10**6, app, 0, 1_767_000_000, False, 7_781)
        )
        effects = [eff("gives", "native:ETH", 10**18, ETHFLOW)]
        effects += [eff("gives", f"erc20:{USDC}", "all", STRANGER)] if receiver == STRANGER else []
        row(
            "cow",
            kind,
            verdict,
            SRC_ETHFLOW,
            txd(ETHFLOW, data, 10**18),
            effects,
            recipients=(ETHFLOW,),
        )
        row(
            "cow",
            kind,
            verdict,
            SRC_ETHFLOW,
            txd(ETHFLOW, data, 10**18),
            effects,
            spenders=(COW_RELAYER,),
            notes="the allowlist names the CoW vault relayer",
        )


def build() -> dict[str, Any]:
    """The whole table (deterministic: made-up addresses and keys come from fixed tags)."""
    ROWS.clear()
    families = (aave, gateway, wrappers, ens, cow, ethflow, paraswap, safe, ownable, solana)
    for family in families:
        family()
    about = (
        "Protocol-family signing requests (issue 12): legitimate and drainer rows per family, "
        "built from each protocol's published ABI / typed-data definitions (see each row's "
        "source). Same shape as effects_real.json. Generated by make_effects_families.py."
    )
    return {"description": about, "entries": list(ROWS)}


def render() -> str:
    return json.dumps(build(), indent=1) + "\n"


if __name__ == "__main__":
    OUT.write_text(render(), encoding="utf-8")
