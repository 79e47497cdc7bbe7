"""Protocol tables: selectors pinned to the values the projects publish, and the guarded
signer refusing what the effects judge (Safe administration, ERC-1363 over a limit)."""

from __future__ import annotations

from typing import Any

import pytest
from eth_account import Account
from eth_utils import keccak

from aiegis_guard import Guard, GuardBlocked
from aiegis_guard.chains.evm.protocols import PROTOCOL_FUNCTIONS
from aiegis_guard.findings import Action
from aiegis_guard.policy import Limit, Policy
from aiegis_guard.signers.evm_account import GuardedAccount
from tests.effect_vectors import build_tx
from tests.evm_builders import STRANGER, TOKEN, call

# selector, signature: as in the projects' ABIs (Safe OwnerManager/ModuleManager/GuardManager/
# FallbackManager, EIP-1363, EIP-777, CryptoPunksMarket, Ownable, Uniswap v2/v3/SwapRouter02,
# 1inch v5/v6, 0x, Aave v3 IPool, Compound III Comet, ENS ETHRegistrarController (and the legacy
# controller), WETH9, Lido, wstETH, Aave WrappedTokenGatewayV3, Ownable2Step, Paraswap Augustus v5
# (lib/Utils.sol) and v6 (AugustusV6Types.sol), CoW EthFlow, ERC-7579 IERC7579Account, ZeroDev
# Kernel v2, EigenLayer IStrategyManager / IDelegationManager (M2), Rocket Pool rETH)
_SP = "(address,address,address,uint160,uint48,uint48,uint48,uint256,bytes)"
_LIFI = "bytes32,string,string,address,uint256,(address,address,address,address,uint256,bytes,bool)"
PINNED = [
    ("095bcdb6", "transfer(address,uint256,uint256)"),
    ("fe99049a", "transferFrom(address,address,uint256,uint256)"),
    ("426a8493", "approve(address,uint256,uint256)"),
    ("558a7297", "setOperator(address,bool)"),
    ("8fcb4e5b", "transferShares(address,uint256)"),
    ("6d780459", "transferSharesFrom(address,address,uint256)"),
    ("e9e05c42", "depositTransaction(address,uint256,uint64,bool,bytes)"),
    (
        "3ccc861d",
        "processClaim((uint32,uint32,bytes,(address,bytes32),uint32[],bytes[],(address,uint256)[]),address)",
    ),
    (
        "4596021c",
        "processClaims((uint32,uint32,bytes,(address,bytes32),uint32[],bytes[],(address,uint256)[])[],address)",
    ),
    ("a0169ddd", "setClaimerFor(address)"),
    ("957ed2b3", "assignRoles(address,bytes32[],bool[])"),
    # MetaMask/delegation-framework v1.3.0 DelegationManager (IDelegationManager.sol)
    ("cef6d209", "redeemDelegations(bytes[],bytes32[],bytes[])"),
    (
        "49934047",
        "disableDelegation((address,address,bytes32,(address,bytes,bytes)[],uint256,bytes))",
    ),
    (
        "3ed01015",
        "enableDelegation((address,address,bytes32,(address,bytes,bytes)[],uint256,bytes))",
    ),
    ("47e7ef24", "deposit(address,uint256)"),
    ("f3fef3a3", "withdraw(address,uint256)"),
    ("1e9a6950", "redeem(address,uint256)"),
    ("aad3ec96", "claim(address,uint256)"),
    ("7c04c80a", "claimBatch(address,uint256[])"),
    ("9517e29f", "installModule(uint256,address,bytes)"),
    ("a71763a8", "uninstallModule(uint256,address,bytes)"),
    ("4a58db19", "addDeposit()"),
    ("4d44560d", "withdrawDepositTo(address,uint256)"),
    ("55b14f50", "setDefaultValidator(address,bytes)"),
    ("29f8b174", "setExecution(bytes4,address,address,uint48,uint48,bytes)"),
    ("e7a050aa", "depositIntoStrategy(address,address,uint256)"),
    ("32e89ace", "depositIntoStrategyWithSignature(address,address,uint256,address,uint256,bytes)"),
    ("eea9064b", "delegateTo(address,(bytes,uint256),bytes32)"),
    ("0dd8dd02", "queueWithdrawals((address[],uint256[],address)[])"),
    ("42966c68", "burn(uint256)"),
    ("a415bcad", "borrow(address,uint256,uint256,uint16,address)"),
    ("617ba037", "supply(address,uint256,address,uint16)"),
    ("573ade81", "repay(address,uint256,uint256,address)"),
    ("d6681042", "requestWithdrawals(uint256[],address)"),
    ("19aa6257", "requestWithdrawalsWstETH(uint256[],address)"),
    ("f8444436", "claimWithdrawal(uint256)"),
    ("e3afe0a3", "claimWithdrawals(uint256[],uint256[])"),
    ("5e7eead9", "claimWithdrawalsTo(uint256[],uint256[],address)"),
    ("02c205f0", "supplyWithPermit(address,uint256,address,uint16,uint256,uint8,bytes32,bytes32)"),
    ("ee3e210b", "repayWithPermit(address,uint256,uint256,address,uint256,uint8,bytes32,bytes32)"),
    ("ef9c8805", "register((string,address,uint256,bytes32,address,bytes[],uint8,bytes32))"),
    ("18026ad1", "renew(string,uint256,bytes32)"),
    ("79ba5097", "acceptOwnership()"),
    ("28ed4f6c", "reclaim(uint256,address)"),
    ("5b0fc9c3", "setOwner(bytes32,address)"),
    ("474cf53d", "depositETH(address,address,uint16)"),
    ("80500d20", "withdrawETH(address,uint256,address)"),
    ("d4c40b6c", "withdrawETHWithPermit(address,uint256,address,uint256,uint8,bytes32,bytes32)"),
    ("bcc3c255", "repayETH(address,uint256,address)"),
    ("02c5fcf8", "repayETH(address,uint256,uint256,address)"),
    ("e74f7b85", "borrowETH(address,uint256,uint16)"),
    ("66514c97", "borrowETH(address,uint256,uint256,uint16)"),
    (
        "54e3f31b",
        "simpleSwap((address,address,uint256,uint256,uint256,address[],bytes,uint256[],uint256[],address,address,uint256,bytes,uint256,bytes16))",
    ),
    (
        "2298207a",
        "simpleBuy((address,address,uint256,uint256,uint256,address[],bytes,uint256[],uint256[],address,address,uint256,bytes,uint256,bytes16))",
    ),
    (
        "a94e78ef",
        "multiSwap((address,uint256,uint256,uint256,address,(address,uint256,(address,uint256,uint256,(uint256,address,uint256,bytes,uint256)[])[])[],address,uint256,bytes,uint256,bytes16))",
    ),
    (
        "46c67b6d",
        "megaSwap((address,uint256,uint256,uint256,address,(uint256,(address,uint256,(address,uint256,uint256,(uint256,address,uint256,bytes,uint256)[])[])[])[],address,uint256,bytes,uint256,bytes16))",
    ),
    (
        "b66bcbac",
        "buy((address,address,address,uint256,uint256,address,(uint256,address,uint256,bytes,uint256)[],address,uint256,bytes,uint256,bytes16))",
    ),
    (
        "e3ead59e",
        "swapExactAmountIn(address,(address,address,uint256,uint256,uint256,bytes32,address),uint256,bytes,bytes)",
    ),
    (
        "7f457675",
        "swapExactAmountOut(address,(address,address,uint256,uint256,uint256,bytes32,address),uint256,bytes,bytes)",
    ),
    (
        "e8bb3b6c",
        "swapExactAmountInOnUniswapV2((address,address,uint256,uint256,uint256,bytes32,address,bytes),uint256,bytes)",
    ),
    (
        "a76f4eb6",
        "swapExactAmountOutOnUniswapV2((address,address,uint256,uint256,uint256,bytes32,address,bytes),uint256,bytes)",
    ),
    (
        "876a02f6",
        "swapExactAmountInOnUniswapV3((address,address,uint256,uint256,uint256,bytes32,address,bytes),uint256,bytes)",
    ),
    (
        "5e94e28d",
        "swapExactAmountOutOnUniswapV3((address,address,uint256,uint256,uint256,bytes32,address,bytes),uint256,bytes)",
    ),
    (
        "1a01c532",
        "swapExactAmountInOnCurveV1((uint256,uint256,address,address,uint256,uint256,uint256,bytes32,address),uint256,bytes)",
    ),
    (
        "e37ed256",
        "swapExactAmountInOnCurveV2((uint256,uint256,uint256,address,address,address,uint256,uint256,uint256,bytes32,address),uint256,bytes)",
    ),
    (
        "322bba21",
        "createOrder((address,address,uint256,uint256,bytes32,uint256,uint32,bool,int64))",
    ),
    # dapphub ds-auth / ds-proxy (review18 F14)
    ("13af4035", "setOwner(address)"),
    ("7a9e5e4b", "setAuthority(address)"),
    ("1cff79cd", "execute(address,bytes)"),
    # cowprotocol/contracts GPv2Signing.setPreSignature (review18 F12)
    ("ec6cb13f", "setPreSignature(bytes,bool)"),
    ("2dad97d4", "repayWithATokens(address,uint256,uint256)"),
    ("5a3b74b9", "setUserUseReserveAsCollateral(address,bool)"),
    ("85f6d155", "register(string,address,uint256,bytes32)"),
    ("f7a16963", "registerWithConfig(string,address,uint256,bytes32,address,address)"),
    ("ea598cb0", "wrap(uint256)"),
    ("de0e9a3e", "unwrap(uint256)"),
    ("e8eda9df", "deposit(address,uint256,address,uint16)"),
    ("69328dec", "withdraw(address,uint256,address)"),
    ("110496e5", "allow(address,bool)"),
    ("bb24d994", "allowBySig(address,address,bool,uint256,uint256,uint8,bytes32,bytes32)"),
    ("c04a8a10", "approveDelegation(address,uint256)"),
    ("f14fcbc8", "commit(bytes32)"),
    ("d0e30db0", "deposit()"),
    ("2e1a7d4d", "withdraw(uint256)"),
    ("a1903eab", "submit(address)"),
    ("74694a2b", "register(string,address,uint256,bytes32,address,bytes[],bool,uint16)"),
    ("acf1a841", "renew(string,uint256)"),
    ("f2b9fdb8", "supply(address,uint256)"),
    ("4232cd63", "supplyTo(address,address,uint256)"),
    ("439e2e45", "transferAsset(address,address,uint256)"),
    ("26441318", "withdrawFrom(address,address,address,uint256)"),
    ("c3b35a7e", "withdrawTo(address,address,uint256)"),
    ("0d582f13", "addOwnerWithThreshold(address,uint256)"),
    ("d4d9bdcd", "approveHash(bytes32)"),
    ("694e80c3", "changeThreshold(uint256)"),
    ("e009cfde", "disableModule(address,address)"),
    ("610b5925", "enableModule(address)"),
    ("f8dc5dd9", "removeOwner(address,address,uint256)"),
    ("f08a0323", "setFallbackHandler(address)"),
    ("e19a9dd9", "setGuard(address)"),
    ("e068df37", "setModuleGuard(address)"),
    ("e318b52b", "swapOwner(address,address,address)"),
    ("3177029f", "approveAndCall(address,uint256)"),
    ("cae9ca51", "approveAndCall(address,uint256,bytes)"),
    ("959b8c3f", "authorizeOperator(address)"),
    ("c44193c3", "offerPunkForSale(uint256,uint256)"),
    ("bf31196f", "offerPunkForSaleToAddress(uint256,uint256,address)"),
    ("62ad1b83", "operatorSend(address,address,uint256,bytes,bytes)"),
    ("715018a6", "renounceOwnership()"),
    ("fad8b32a", "revokeOperator(address)"),
    ("9bd9bbc6", "send(address,uint256,bytes)"),
    ("1296ee62", "transferAndCall(address,uint256)"),
    ("4000aea0", "transferAndCall(address,uint256,bytes)"),
    ("d8fbe994", "transferFromAndCall(address,address,uint256)"),
    ("c1d34b89", "transferFromAndCall(address,address,uint256,bytes)"),
    ("8b72a2ec", "transferPunk(address,uint256)"),
    ("c04b8d59", "exactInput((bytes,address,uint256,uint256,uint256))"),
    ("b858183f", "exactInput((bytes,address,uint256,uint256))"),
    (
        "414bf389",
        "exactInputSingle((address,address,uint24,address,uint256,uint256,uint256,uint160))",
    ),
    ("04e45aaf", "exactInputSingle((address,address,uint24,address,uint256,uint256,uint160))"),
    ("f28c0498", "exactOutput((bytes,address,uint256,uint256,uint256))"),
    ("09b81346", "exactOutput((bytes,address,uint256,uint256))"),
    (
        "db3e2198",
        "exactOutputSingle((address,address,uint24,address,uint256,uint256,uint256,uint160))",
    ),
    ("5023b4df", "exactOutputSingle((address,address,uint24,address,uint256,uint256,uint160))"),
    (
        "12aa3caf",
        "swap(address,(address,address,address,address,uint256,uint256,uint256),bytes,bytes)",
    ),
    ("07ed2379", "swap(address,(address,address,address,address,uint256,uint256,uint256),bytes)"),
    ("df2ab5bb", "sweepToken(address,uint256,address)"),
    ("e90a182f", "sweepToken(address,uint256)"),
    ("49404b7c", "unwrapWETH9(uint256,address)"),
    ("49616997", "unwrapWETH9(uint256)"),
    ("7ff36ab5", "swapExactETHForTokens(uint256,address[],address,uint256)"),
    ("fb3bdb41", "swapETHForExactTokens(uint256,address[],address,uint256)"),
    (
        "b6f9de95",
        "swapExactETHForTokensSupportingFeeOnTransferTokens(uint256,address[],address,uint256)",
    ),
    ("38ed1739", "swapExactTokensForTokens(uint256,uint256,address[],address,uint256)"),
    ("472b43f3", "swapExactTokensForTokens(uint256,uint256,address[],address)"),
    ("18cbafe5", "swapExactTokensForETH(uint256,uint256,address[],address,uint256)"),
    (
        "5c11d795",
        "swapExactTokensForTokensSupportingFeeOnTransferTokens(uint256,uint256,address[],address,uint256)",
    ),
    (
        "791ac947",
        "swapExactTokensForETHSupportingFeeOnTransferTokens(uint256,uint256,address[],address,uint256)",
    ),
    ("8803dbee", "swapTokensForExactTokens(uint256,uint256,address[],address,uint256)"),
    ("42712a67", "swapTokensForExactTokens(uint256,uint256,address[],address)"),
    ("4a25d94a", "swapTokensForExactETH(uint256,uint256,address[],address,uint256)"),
    ("415565b0", "transformERC20(address,address,uint256,uint256,(uint32,bytes)[])"),
    # Uniswap/v3-periphery INonfungiblePositionManager.sol (published NPM selectors)
    (
        "88316456",
        "mint((address,address,uint24,int24,int24,uint256,uint256,uint256,uint256,address,uint256))",
    ),
    ("219f5d17", "increaseLiquidity((uint256,uint256,uint256,uint256,uint256,uint256))"),
    ("0c49ccbe", "decreaseLiquidity((uint256,uint128,uint256,uint256,uint256))"),
    ("fc6f7865", "collect((uint256,address,uint128,uint128))"),
    (  # X2Y2_r1 run(Market.RunInput): X2Y2-io/x2y2-sdk src/contracts/X2Y2R1.ts
        "357a150b",
        "run(((uint256,address,uint256,uint256,uint256,uint256,address,bytes,(uint256,bytes)[],bytes32,bytes32,uint8,uint8)[],(uint8,uint256,uint256,uint256,bytes32,address,bytes,uint256,uint256,uint256,(uint256,address)[])[],(uint256,uint256,uint256,uint256,address,bool),bytes32,bytes32,uint8))",
    ),
    # EIP-4626 (OpenZeppelin IERC4626), Curve StableSwap / stableswap-ng / tricrypto-ng, Balancer V2
    # IVault, Morpho Blue IMorpho, banteg/disperse Disperse.sol
    ("6e553f65", "deposit(uint256,address)"),
    ("94bf804d", "mint(uint256,address)"),
    ("b460af94", "withdraw(uint256,address,address)"),
    ("ba087652", "redeem(uint256,address,address)"),
    ("3df02124", "exchange(int128,int128,uint256,uint256)"),
    ("ddc1f59d", "exchange(int128,int128,uint256,uint256,address)"),
    ("a6417ed6", "exchange_underlying(int128,int128,uint256,uint256)"),
    ("44ee1986", "exchange_underlying(int128,int128,uint256,uint256,address)"),
    ("5b41b908", "exchange(uint256,uint256,uint256,uint256)"),
    ("394747c5", "exchange(uint256,uint256,uint256,uint256,bool)"),
    ("a64833a0", "exchange(uint256,uint256,uint256,uint256,address)"),
    ("ce7d6503", "exchange(uint256,uint256,uint256,uint256,bool,address)"),
    ("65b2489b", "exchange_underlying(uint256,uint256,uint256,uint256)"),
    ("e2ad025a", "exchange_underlying(uint256,uint256,uint256,uint256,address)"),
    (
        "52bbbe29",
        "swap((bytes32,uint8,address,address,uint256,bytes),(address,bool,address,bool),uint256,uint256)",
    ),
    (
        "945bcec9",
        "batchSwap(uint8,(bytes32,uint256,uint256,uint256,bytes)[],address[],(address,bool,address,bool),int256[],uint256)",
    ),
    ("a99aad89", "supply((address,address,address,address,uint256),uint256,uint256,address,bytes)"),
    ("20b76e81", "repay((address,address,address,address,uint256),uint256,uint256,address,bytes)"),
    (
        "238d6579",
        "supplyCollateral((address,address,address,address,uint256),uint256,address,bytes)",
    ),
    (
        "50d8cd4b",
        "borrow((address,address,address,address,uint256),uint256,uint256,address,address)",
    ),
    (
        "5c2bea49",
        "withdraw((address,address,address,address,uint256),uint256,uint256,address,address)",
    ),
    (
        "8720316d",
        "withdrawCollateral((address,address,address,address,uint256),uint256,address,address)",
    ),
    ("eecea000", "setAuthorization(address,bool)"),
    (
        "8069218f",
        "setAuthorizationWithSig((address,address,bool,uint256,uint256),(uint8,bytes32,bytes32))",
    ),
    ("e63d38ed", "disperseEther(address[],uint256[])"),
    ("c73a2d60", "disperseToken(address,address[],uint256[])"),
    ("51ba162c", "disperseTokenSimple(address,address[],uint256[])"),
    # Curve StableSwap / stableswap-ng liquidity with _receiver, Balancer V2 joinPool / exitPool
    ("0b4c7e4d", "add_liquidity(uint256[2],uint256)"),
    ("4515cef3", "add_liquidity(uint256[3],uint256)"),
    ("029b2f34", "add_liquidity(uint256[4],uint256)"),
    ("5b36389c", "remove_liquidity(uint256,uint256[2])"),
    ("ecb586a5", "remove_liquidity(uint256,uint256[3])"),
    ("7d49d875", "remove_liquidity(uint256,uint256[4])"),
    ("1a4d01d2", "remove_liquidity_one_coin(uint256,int128,uint256)"),
    ("0c3e4b54", "add_liquidity(uint256[2],uint256,address)"),
    ("75b96abc", "add_liquidity(uint256[3],uint256,address)"),
    ("cb495064", "add_liquidity(uint256[4],uint256,address)"),
    ("a7256d09", "add_liquidity(uint256[],uint256,address)"),
    ("3eb1719f", "remove_liquidity(uint256,uint256[2],address)"),
    ("2da5dc21", "remove_liquidity(uint256,uint256[3],address)"),
    ("b2fdb76f", "remove_liquidity(uint256,uint256[4],address)"),
    ("5e604cd2", "remove_liquidity(uint256,uint256[],address)"),
    ("081579a5", "remove_liquidity_one_coin(uint256,int128,uint256,address)"),
    ("0fbcee6e", "remove_liquidity_one_coin(uint256,uint256,uint256,address)"),
    ("b95cac28", "joinPool(bytes32,address,address,(address[],uint256[],bytes,bool))"),
    ("8bdb3913", "exitPool(bytes32,address,address,(address[],uint256[],bytes,bool))"),
    # curvefi/curve-router-ng CurveRouterNG.vy, the older Curve Router exchange_multiple
    ("371dc447", "exchange(address[11],uint256[5][5],uint256,uint256)"),
    ("5c9c18e2", "exchange(address[11],uint256[5][5],uint256,uint256,address[5])"),
    ("c872a3c5", "exchange(address[11],uint256[5][5],uint256,uint256,address[5],address)"),
    ("353ca424", "exchange_multiple(address[9],uint256[3][4],uint256,uint256)"),
    ("9db4f7aa", "exchange_multiple(address[9],uint256[3][4],uint256,uint256,address[4])"),
    ("0651cb35", "exchange_multiple(address[9],uint256[3][4],uint256,uint256,address[4],address)"),
    # Balancer V2 IVault user operations, Zora Creator 1155 mints, Unstoppable Domains UNSRegistry
    ("fa6e671d", "setRelayerApproval(address,address,bool)"),
    ("0e8e3e84", "manageUserBalance((uint8,address,uint256,address,address)[])"),
    ("359f1302", "mint(address,uint256,uint256,address[],bytes)"),
    ("9dbb844d", "mintWithRewards(address,uint256,uint256,bytes,address)"),
    ("ab3b87fe", "setOwner(address,uint256)"),
    ("47c81699", "set(string,string,uint256)"),
    ("ce92b33e", "setMany(string[],string[],uint256)"),
    ("4a72584d", "setByHash(uint256,string,uint256)"),
    ("27f18975", "setManyByHash(uint256[],string[],uint256)"),
    ("ec129eea", "reconfigure(string[],string[],uint256)"),
    ("310bd74b", "reset(uint256)"),
    ("384e9a55", "setReverse(uint256)"),
    ("f25eb5c1", "removeReverse()"),
    # SeaDrop 1.0 (ProjectOpenSea/seadrop src/SeaDrop.sol), Frax frxETHMinter (FraxFinance/
    # frxETH-public src/frxETHMinter.sol), Ethena StakedUSDeV2 (cooldown / unstake)
    ("161ac21f", "mintPublic(address,address,address,uint256)"),
    ("5bcb2fc6", "submit()"),
    ("bfda0c8c", "submitAndGive(address)"),
    ("4dcd4547", "submitAndDeposit(address)"),
    ("9343d9e1", "cooldownShares(uint256)"),
    ("cdac52ed", "cooldownAssets(uint256)"),
    ("f2888dbb", "unstake(address)"),
    # Curve gauges (curvefi/curve-factory contracts/LiquidityGauge.vy), ENS ReverseRegistrar
    ("bdf98116", "set_rewards_receiver(address)"),
    ("e6f1daf2", "claim_rewards()"),
    ("84e9bd7e", "claim_rewards(address)"),
    ("9faceb1b", "claim_rewards(address,address)"),
    ("c47f0027", "setName(string)"),
    # Compound III BaseBulker (contracts/bulkers/BaseBulker.sol)
    ("555029a6", "invoke(bytes32[],bytes[])"),
    # Seaport ConsiderationInterface (fulfilment transactions)
    (
        "fb0f3ee1",
        "fulfillBasicOrder((address,uint256,uint256,address,address,address,uint256,uint256,uint8,uint256,uint256,bytes32,uint256,bytes32,bytes32,uint256,(uint256,address)[],bytes))",
    ),
    (
        "b3a34c4c",
        "fulfillOrder(((address,address,(uint8,address,uint256,uint256,uint256)[],(uint8,address,uint256,uint256,uint256,address)[],uint8,uint256,uint256,bytes32,uint256,bytes32,uint256),bytes),bytes32)",
    ),
    (
        "e7acab24",
        "fulfillAdvancedOrder(((address,address,(uint8,address,uint256,uint256,uint256)[],(uint8,address,uint256,uint256,uint256,address)[],uint8,uint256,uint256,bytes32,uint256,bytes32,uint256),uint120,uint120,bytes,bytes),(uint256,uint8,uint256,uint256,bytes32[])[],bytes32,address)",
    ),
    (
        "ed98a574",
        "fulfillAvailableOrders(((address,address,(uint8,address,uint256,uint256,uint256)[],(uint8,address,uint256,uint256,uint256,address)[],uint8,uint256,uint256,bytes32,uint256,bytes32,uint256),bytes)[],(uint256,uint256)[][],(uint256,uint256)[][],bytes32,uint256)",
    ),
    (
        "87201b41",
        "fulfillAvailableAdvancedOrders(((address,address,(uint8,address,uint256,uint256,uint256)[],(uint8,address,uint256,uint256,uint256,address)[],uint8,uint256,uint256,bytes32,uint256,bytes32,uint256),uint120,uint120,bytes,bytes)[],(uint256,uint8,uint256,uint256,bytes32[])[],(uint256,uint256)[][],(uint256,uint256)[][],bytes32,address,uint256)",
    ),
    (
        "a8174404",
        "matchOrders(((address,address,(uint8,address,uint256,uint256,uint256)[],(uint8,address,uint256,uint256,uint256,address)[],uint8,uint256,uint256,bytes32,uint256,bytes32,uint256),bytes)[],((uint256,uint256)[],(uint256,uint256)[])[])",
    ),
    (
        "f2d12b12",
        "matchAdvancedOrders(((address,address,(uint8,address,uint256,uint256,uint256)[],(uint8,address,uint256,uint256,uint256,address)[],uint8,uint256,uint256,bytes32,uint256,bytes32,uint256),uint120,uint120,bytes,bytes)[],(uint256,uint8,uint256,uint256,bytes32[])[],((uint256,uint256)[],(uint256,uint256)[])[],address)",
    ),
    # canonical L2 bridges (OP Stack L1StandardBridge / StandardBridge, Arbitrum Inbox and
    # L1GatewayRouter)
    ("b1a1a882", "depositETH(uint32,bytes)"),
    ("9a2ac6d5", "depositETHTo(address,uint32,bytes)"),
    ("09fc8843", "bridgeETH(uint32,bytes)"),
    ("e11013dd", "bridgeETHTo(address,uint32,bytes)"),
    ("439370b1", "depositEth()"),
    ("58a997f6", "depositERC20(address,address,uint256,uint32,bytes)"),
    ("838b2520", "depositERC20To(address,address,address,uint256,uint32,bytes)"),
    ("87087623", "bridgeERC20(address,address,uint256,uint32,bytes)"),
    ("540abf73", "bridgeERC20To(address,address,address,uint256,uint32,bytes)"),
    ("d2ce7d65", "outboundTransfer(address,address,uint256,uint256,uint256,bytes)"),
    (
        "4fb1a07b",
        "outboundTransferCustomRefund(address,address,address,uint256,uint256,uint256,bytes)",
    ),
    # Arbitrum retryable tickets (OffchainLabs/nitro-contracts src/bridge/Inbox.sol)
    (
        "679b6ded",
        "createRetryableTicket(address,uint256,uint256,address,address,uint256,uint256,bytes)",
    ),
    (
        "6e6e8a6a",
        "unsafeCreateRetryableTicket(address,uint256,uint256,address,address,uint256,uint256,bytes)",
    ),
    (
        "1b871c8d",
        "createRetryableTicketNoRefundAliasRewrite(address,uint256,uint256,address,address,uint256,uint256,bytes)",
    ),
    # Seaport cancels (ConsiderationInterface.sol; Seaport's published selectors)
    (
        "fd9f1e10",
        "cancel((address,address,(uint8,address,uint256,uint256,uint256)[],(uint8,address,uint256,uint256,uint256,address)[],uint8,uint256,uint256,bytes32,uint256,bytes32,uint256)[])",
    ),
    ("5b34b966", "incrementCounter()"),
    # fx6: bridges (Across V3SpokePoolInterface, LayerZero IOFT, Hop L1_Bridge, Wormhole
    # ITokenBridge), Aerodrome / Velodrome IRouter, Pendle IPAllActionV3, GMX ExchangeRouter,
    # Sudoswap LSSVMPair, Uniswap V4 PositionManager, KyberSwap MetaAggregationRouterV2, Odos
    # OdosRouterV2; depositV3 7b939232, OFT send c7c7f5b3, sendToL2 deace8f5, transferTokens
    # 0f5287b0, swapExactTokenForPt c81f847a, Kyber swap e21fd0e9, Odos swap 3b635ce4,
    # modifyLiquidities dd46508f as published with tests/vectors/effects_real_6.md
    # bridges
    (
        "7b939232",
        "depositV3(address,address,address,address,uint256,uint256,uint256,address,uint32,uint32,uint32,bytes)",
    ),
    (
        "7aef642c",
        "depositV3Now(address,address,address,address,uint256,uint256,uint256,address,uint32,uint32,bytes)",
    ),
    (
        "ad5425c6",
        "deposit(bytes32,bytes32,bytes32,bytes32,uint256,uint256,uint256,bytes32,uint32,uint32,uint32,bytes)",
    ),
    (
        "ea86bd46",
        "depositNow(bytes32,bytes32,bytes32,bytes32,uint256,uint256,uint256,bytes32,uint32,uint32,bytes)",
    ),
    (
        "c7c7f5b3",
        "send((uint32,bytes32,uint256,uint256,bytes,bytes,bytes),(uint256,uint256),address)",
    ),
    ("deace8f5", "sendToL2(uint256,address,uint256,uint256,uint256,address,uint256)"),
    ("0f5287b0", "transferTokens(address,uint256,uint16,bytes32,uint256,uint32)"),
    ("9981509f", "wrapAndTransferETH(uint16,bytes32,uint256,uint32)"),
    # across-protocol/contracts contracts/handlers/MulticallHandler.sol (onlySelf functions)
    ("ef8738d3", "drainLeftoverTokens(address,address)"),
    ("c41e8295", "makeCallWithBalance(address,bytes,uint256,(address,uint256)[])"),
    # 0xPolygonHermez/zkevm-contracts IPolygonZkEVMBridgeV2 (bridgeAsset cd586579)
    ("cd586579", "bridgeAsset(uint32,address,uint256,address,bool,bytes)"),
    ("240ff378", "bridgeMessage(uint32,address,bool,bytes)"),
    ("b8b284d0", "bridgeMessageWETH(uint32,address,uint256,bool,bytes)"),
    # scroll-tech/scroll IL1ETHGateway / IL1ERC20Gateway / IL2*Gateway / IScrollMessenger
    ("9f8420b3", "depositETH(uint256,uint256)"),
    ("ce0b63ce", "depositETH(address,uint256,uint256)"),
    ("aac476f8", "depositETHAndCall(address,uint256,bytes,uint256)"),
    ("c7cdea37", "withdrawETH(uint256,uint256)"),
    ("2fcc29fa", "withdrawETH(address,uint256,uint256)"),
    ("6dc24183", "withdrawETHAndCall(address,uint256,bytes,uint256)"),
    ("21425ee0", "depositERC20(address,uint256,uint256)"),
    ("f219fa66", "depositERC20(address,address,uint256,uint256)"),
    ("0aea8c26", "depositERC20AndCall(address,address,uint256,bytes,uint256)"),
    ("6c07ea43", "withdrawERC20(address,uint256,uint256)"),
    ("a93a4af9", "withdrawERC20(address,address,uint256,uint256)"),
    ("575361b6", "withdrawERC20AndCall(address,address,uint256,bytes,uint256)"),
    ("b2267a7b", "sendMessage(address,uint256,bytes,uint256)"),
    ("5f7b1577", "sendMessage(address,uint256,bytes,uint256,address)"),
    # solidly
    (
        "cac88ea9",
        "swapExactTokensForTokens(uint256,uint256,(address,address,bool,address)[],address,uint256)",
    ),
    (
        "c6b7f1b6",
        "swapExactTokensForETH(uint256,uint256,(address,address,bool,address)[],address,uint256)",
    ),
    (
        "88cd821e",
        "swapExactTokensForTokensSupportingFeeOnTransferTokens(uint256,uint256,(address,address,bool,address)[],address,uint256)",
    ),
    (
        "12bc3aca",
        "swapExactTokensForETHSupportingFeeOnTransferTokens(uint256,uint256,(address,address,bool,address)[],address,uint256)",
    ),
    ("903638a4", "swapExactETHForTokens(uint256,(address,address,bool,address)[],address,uint256)"),
    (
        "3da5acba",
        "swapExactETHForTokensSupportingFeeOnTransferTokens(uint256,(address,address,bool,address)[],address,uint256)",
    ),
    (
        "5a47ddc3",
        "addLiquidity(address,address,bool,uint256,uint256,uint256,uint256,address,uint256)",
    ),
    ("b7e0d4c0", "addLiquidityETH(address,bool,uint256,uint256,uint256,address,uint256)"),
    ("0dede6c4", "removeLiquidity(address,address,bool,uint256,uint256,uint256,address,uint256)"),
    ("d7b0e0a5", "removeLiquidityETH(address,bool,uint256,uint256,uint256,address,uint256)"),
    (
        "fe411f14",
        "removeLiquidityETHSupportingFeeOnTransferTokens(address,bool,uint256,uint256,uint256,address,uint256)",
    ),
    # pendle
    (
        "c81f847a",
        "swapExactTokenForPt(address,address,uint256,(uint256,uint256,uint256,uint256,uint256),(address,uint256,address,address,(uint8,address,bytes,bool)),(address,uint256,((uint256,uint256,uint256,uint8,address,address,address,address,uint256,uint256,uint256,bytes),bytes,uint256)[],((uint256,uint256,uint256,uint8,address,address,address,address,uint256,uint256,uint256,bytes),bytes,uint256)[],bytes))",
    ),
    (
        "ed48907e",
        "swapExactTokenForYt(address,address,uint256,(uint256,uint256,uint256,uint256,uint256),(address,uint256,address,address,(uint8,address,bytes,bool)),(address,uint256,((uint256,uint256,uint256,uint8,address,address,address,address,uint256,uint256,uint256,bytes),bytes,uint256)[],((uint256,uint256,uint256,uint8,address,address,address,address,uint256,uint256,uint256,bytes),bytes,uint256)[],bytes))",
    ),
    (
        "12599ac6",
        "addLiquiditySingleToken(address,address,uint256,(uint256,uint256,uint256,uint256,uint256),(address,uint256,address,address,(uint8,address,bytes,bool)),(address,uint256,((uint256,uint256,uint256,uint8,address,address,address,address,uint256,uint256,uint256,bytes),bytes,uint256)[],((uint256,uint256,uint256,uint8,address,address,address,address,uint256,uint256,uint256,bytes),bytes,uint256)[],bytes))",
    ),
    (
        "2e071dc6",
        "mintSyFromToken(address,address,uint256,(address,uint256,address,address,(uint8,address,bytes,bool)))",
    ),
    (
        "d0f42385",
        "mintPyFromToken(address,address,uint256,(address,uint256,address,address,(uint8,address,bytes,bool)))",
    ),
    (
        "594a88cc",
        "swapExactPtForToken(address,address,uint256,(address,uint256,address,address,(uint8,address,bytes,bool)),(address,uint256,((uint256,uint256,uint256,uint8,address,address,address,address,uint256,uint256,uint256,bytes),bytes,uint256)[],((uint256,uint256,uint256,uint8,address,address,address,address,uint256,uint256,uint256,bytes),bytes,uint256)[],bytes))",
    ),
    (
        "05eb5327",
        "swapExactYtForToken(address,address,uint256,(address,uint256,address,address,(uint8,address,bytes,bool)),(address,uint256,((uint256,uint256,uint256,uint8,address,address,address,address,uint256,uint256,uint256,bytes),bytes,uint256)[],((uint256,uint256,uint256,uint8,address,address,address,address,uint256,uint256,uint256,bytes),bytes,uint256)[],bytes))",
    ),
    (
        "60da0860",
        "removeLiquiditySingleToken(address,address,uint256,(address,uint256,address,address,(uint8,address,bytes,bool)),(address,uint256,((uint256,uint256,uint256,uint8,address,address,address,address,uint256,uint256,uint256,bytes),bytes,uint256)[],((uint256,uint256,uint256,uint8,address,address,address,address,uint256,uint256,uint256,bytes),bytes,uint256)[],bytes))",
    ),
    (
        "339a5572",
        "redeemSyToToken(address,address,uint256,(address,uint256,address,address,(uint8,address,bytes,bool)))",
    ),
    (
        "47f1de22",
        "redeemPyToToken(address,address,uint256,(address,uint256,address,address,(uint8,address,bytes,bool)))",
    ),
    # perps
    ("7d39aaf1", "sendWnt(address,uint256)"),
    # ZeroDev Kernel v3 (zerodevapp/kernel src/Kernel.sol; installValidations 9198bdf5,
    # grantAccess b9b82941 and uninstallValidation e6f3d50a as pinned by integrations' ABI
    # tests, invalidateNonce computed from the source's signature)
    ("9198bdf5", "installValidations(bytes21[],(uint32,address)[],bytes[],bytes[])"),
    ("e6f3d50a", "uninstallValidation(bytes21,bytes,bytes)"),
    ("1f1b92e3", "invalidateNonce(uint32)"),
    ("b9b82941", "grantAccess(bytes21,bytes4,bool)"),
    # Smart Sessions (erc7579/smartsessions contracts/ISmartSession.sol; computed from the
    # source's Session struct)
    (
        "21712407",
        "enableSessions((address,bytes,bytes32,(address,bytes)[],((bytes32,string[])[],(address,bytes)[]),(bytes4,address,(address,bytes)[])[],bool)[])",
    ),
    ("f867b08e", "removeSession(bytes32)"),
    # GMX SubaccountRouter (gmx-io/gmx-synthetics contracts/router/SubaccountRouter.sol; the
    # selectors computed from the source's signatures)
    ("3914f217", "addSubaccount(address)"),
    ("712182eb", "removeSubaccount(address)"),
    ("78a61fa2", "setSubaccountExpiresAt(address,bytes32,uint256)"),
    ("3e46b365", "setMaxAllowedSubaccountActionCount(address,bytes32,uint256)"),
    ("79a358a2", "setSubaccountAutoTopUpAmount(address,uint256)"),
    ("d1bfe051", "setIntegrationId(address,bytes32)"),
    ("53ead2d3", "sendNativeToken(address,uint256)"),
    ("e6d66ac8", "sendTokens(address,address,uint256)"),
    (
        "f59c48eb",
        "createOrder(((address,address,address,address,address,address,address[]),(uint256,uint256,uint256,uint256,uint256,uint256,uint256,uint256),uint8,uint8,bool,bool,bool,bytes32,bytes32[]))",
    ),
    (
        "6996807b",
        "createOrder(((address,address,address,address,address,address,address[]),(uint256,uint256,uint256,uint256,uint256,uint256,uint256,uint256),uint8,uint8,bool,bool,bool,bytes32))",
    ),
    (
        "4a393a41",
        "createOrder(((address,address,address,address,address,address[]),(uint256,uint256,uint256,uint256,uint256,uint256,uint256),uint8,uint8,bool,bool,bytes32))",
    ),
    # nft_pools
    ("6d8b99f7", "swapTokenForSpecificNFTs(uint256[],uint256,address,bool,address)"),
    ("28b8aee1", "swapTokenForAnyNFTs(uint256,uint256,address,bool,address)"),
    ("b1d3f1c1", "swapNFTsForToken(uint256[],uint256,address,bool,address)"),
    # v4_positions
    ("dd46508f", "modifyLiquidities(bytes,uint256)"),
    ("4afe393c", "modifyLiquiditiesWithoutUnlock(bytes,bytes[])"),
    # aggregators (KyberSwap, Odos)
    (
        "e21fd0e9",
        "swap((address,address,bytes,(address,address,address[],uint256[],address[],uint256[],address,uint256,uint256,uint256,bytes),bytes))",
    ),
    (
        "8af033fb",
        "swapSimpleMode(address,(address,address,address[],uint256[],address[],uint256[],address,uint256,uint256,uint256,bytes),bytes,bytes)",
    ),
    (
        "3b635ce4",
        "swap((address,uint256,address,address,uint256,uint256,address),bytes,address,uint32)",
    ),
    (
        "87b621b5",
        "swapPermit2((address,uint256,uint256,bytes),(address,uint256,address,address,uint256,uint256,address),bytes,address,uint32)",
    ),
    (
        "7bf2d6d4",
        "swapMulti((address,uint256,address)[],(address,uint256,address)[],uint256,bytes,address,uint32)",
    ),
    (
        "080c25b3",
        "swapMultiPermit2((address,uint256,uint256,bytes),(address,uint256,address)[],(address,uint256,address)[],uint256,bytes,address,uint32)",
    ),
    ("83bd37f9", "swapCompact()"),
    # OpenZeppelin AccessControl / ProxyAdmin (v4.9, v5) / TransparentUpgradeableProxy v4.9
    ("2f2ff15d", "grantRole(bytes32,address)"),
    ("d547741f", "revokeRole(bytes32,address)"),
    ("36568abe", "renounceRole(bytes32,address)"),
    ("99a88ec4", "upgrade(address,address)"),
    ("9623609d", "upgradeAndCall(address,address,bytes)"),
    ("7eff275e", "changeProxyAdmin(address,address)"),
    ("8f283970", "changeAdmin(address)"),
    ("7de7edef", "changeMasterCopy(address)"),  # Safe <= 1.2 MasterCopy.sol
    # Coinbase Smart Wallet MultiOwnable
    ("0f0f3f24", "addOwnerAddress(address)"),
    ("29565e3b", "addOwnerPublicKey(bytes32,bytes32)"),
    ("89625b57", "removeOwnerAtIndex(uint256,bytes)"),
    ("b8197367", "removeLastOwner(uint256,bytes)"),
    # Alchemy MultiOwnerLightAccount / Modular Account MultiOwnerPlugin (keccak of the
    # signature both sources declare; no published selector list found)
    ("39562247", "updateOwners(address[],address[])"),
    # delegate.xyz v2 IDelegateRegistry, ERC20Votes, Safe AllowanceModule
    ("30ff3140", "delegateAll(address,bytes32,bool)"),
    ("d90e73ab", "delegateContract(address,address,bytes32,bool)"),
    ("b18e2bbb", "delegateERC721(address,address,uint256,bytes32,bool)"),
    ("003c2ba6", "delegateERC20(address,address,bytes32,uint256)"),
    ("ab764683", "delegateERC1155(address,address,uint256,bytes32,uint256)"),
    ("685ee3e8", "delegateForAll(address,bool)"),
    ("49c95d29", "delegateForContract(address,address,bool)"),
    ("537a5c3d", "delegateForToken(address,address,uint256,bool)"),
    ("36137872", "revokeAllDelegates()"),
    ("fa352c00", "revokeDelegate(address)"),
    ("219044b0", "revokeSelf(address)"),
    ("5c19a95c", "delegate(address)"),
    ("c3cda520", "delegateBySig(address,uint256,uint256,uint8,bytes32,bytes32)"),
    ("beaeb388", "setAllowance(address,address,uint96,uint16,uint32)"),
    ("e71bdf41", "addDelegate(address)"),
    ("dd43a79f", "removeDelegate(address,bool)"),
    ("885133e3", "deleteAllowance(address,address)"),
    # Circle CCTP TokenMessenger v1 / v2, Polygon PoS RootChainManager, Stargate v1 RouterETH /
    # Router, OP Stack L2StandardBridge / L2ToL1MessagePasser, Arbitrum ArbSys, the beacon
    # deposit contract, ether.fi LiquidityPool
    ("6fd3504e", "depositForBurn(uint256,uint32,bytes32,address)"),
    ("f856ddb6", "depositForBurnWithCaller(uint256,uint32,bytes32,address,bytes32)"),
    ("8e0250ee", "depositForBurn(uint256,uint32,bytes32,address,bytes32,uint256,uint32)"),
    (
        "779b432d",
        "depositForBurnWithHook(uint256,uint32,bytes32,address,bytes32,uint256,uint32,bytes)",
    ),
    ("4faa8a26", "depositEtherFor(address)"),
    ("e3dec8fb", "depositFor(address,address,bytes)"),
    ("1114cd2a", "swapETH(uint16,address,bytes,uint256,uint256)"),
    (
        "9fbf10fc",
        "swap(uint16,uint256,uint256,address,uint256,uint256,(uint256,uint256,bytes),bytes,bytes)",
    ),
    ("32b7006d", "withdraw(address,uint256,uint32,bytes)"),
    ("a3a79548", "withdrawTo(address,address,uint256,uint32,bytes)"),
    ("c2b3e5ac", "initiateWithdrawal(address,uint256,bytes)"),
    ("928c169a", "sendTxToL1(address,bytes)"),
    ("25e16063", "withdrawEth(address)"),
    ("22895118", "deposit(bytes,bytes,bytes,bytes32)"),
    ("f340fa01", "deposit(address)"),
    ("397a1b28", "requestWithdraw(address,uint256)"),
    (
        "03dcfbdc",
        "requestWithdrawWithPermit(address,uint256,(uint256,uint256,uint8,bytes32,bytes32))",
    ),
    ("29a78e33", "replaceDepositForBurn(bytes,bytes,bytes32,bytes32)"),
    ("7b3a3c8b", "outboundTransfer(address,address,uint256,bytes)"),  # Arbitrum L2GatewayRouter
    # 0x Exchange Proxy v4 INativeOrdersFeature
    (
        "f6274f66",
        "fillLimitOrder((address,address,uint128,uint128,uint128,address,address,address,"
        "address,bytes32,uint64,uint256),(uint8,uint8,bytes32,bytes32),uint128)",
    ),
    (
        "9240529c",
        "fillOrKillLimitOrder((address,address,uint128,uint128,uint128,address,address,address,"
        "address,bytes32,uint64,uint256),(uint8,uint8,bytes32,bytes32),uint128)",
    ),
    (
        "aa77476c",
        "fillRfqOrder((address,address,uint128,uint128,address,address,address,bytes32,uint64,"
        "uint256),(uint8,uint8,bytes32,bytes32),uint128)",
    ),
    (
        "438cdfc5",
        "fillOrKillRfqOrder((address,address,uint128,uint128,address,address,address,bytes32,"
        "uint64,uint256),(uint8,uint8,bytes32,bytes32),uint128)",
    ),
    (  # Stargate v2 IStargate
        "cbef2aa9",
        "sendToken((uint32,bytes32,uint256,uint256,bytes,bytes,bytes),(uint256,uint256),address)",
    ),
    # coinbase/spend-permissions SpendPermissionManager.sol (SpendPermission struct)
    ("33211c30", "approve(" + _SP + ")"),
    ("b9ffc8e1", "approveWithSignature(" + _SP + ",bytes)"),
    (
        "9ecae456",
        "approveBatchWithSignature((address,uint48,uint48,uint48,"
        "(address,address,uint160,uint256,bytes)[]),bytes)",
    ),
    ("7000882d", "approveWithRevoke(" + _SP + "," + _SP + ",(uint48,uint48,uint160))"),
    ("78792f76", "revoke(" + _SP + ")"),
    ("415a9735", "spend(" + _SP + ",uint160)"),
    # lifinance/contracts GenericSwapFacetV3 / GenericSwapFacet (LibSwap.SwapData)
    ("4666fc80", "swapTokensSingleV3ERC20ToERC20(" + _LIFI + ")"),
    ("733214a3", "swapTokensSingleV3ERC20ToNative(" + _LIFI + ")"),
    ("af7060fd", "swapTokensSingleV3NativeToERC20(" + _LIFI + ")"),
    ("5fd9ae2e", "swapTokensMultipleV3ERC20ToERC20(" + _LIFI + "[])"),
    ("2c57e884", "swapTokensMultipleV3ERC20ToNative(" + _LIFI + "[])"),
    ("736eac0b", "swapTokensMultipleV3NativeToERC20(" + _LIFI + "[])"),
    ("4630a0d8", "swapTokensGeneric(" + _LIFI + "[])"),
    # makerdao/usds DaiUsds.sol
    ("f2c07aae", "daiToUsds(address,uint256)"),
    ("68f30150", "usdsToDai(address,uint256)"),
    # lfj-gg joe-v2 ILBRouter v2.1 (joe-docs version-V2.1 ILBRouter.md): Path{pairBinSteps,
    # versions, tokenPath}
    (
        "2a443fae",
        "swapExactTokensForTokens(uint256,uint256,(uint256[],uint8[],address[]),address,uint256)",
    ),
    (
        "9ab6156b",
        "swapExactTokensForNATIVE(uint256,uint256,(uint256[],uint8[],address[]),address,uint256)",
    ),
    (
        "4b801870",
        "swapExactTokensForTokensSupportingFeeOnTransferTokens(uint256,uint256,(uint256[],uint8[],address[]),address,uint256)",
    ),
    (
        "1a24f9a9",
        "swapExactTokensForNATIVESupportingFeeOnTransferTokens(uint256,uint256,(uint256[],uint8[],address[]),address,uint256)",
    ),
    (
        "92fe8e70",
        "swapTokensForExactTokens(uint256,uint256,(uint256[],uint8[],address[]),address,uint256)",
    ),
    (
        "3dc8f8ec",
        "swapTokensForExactNATIVE(uint256,uint256,(uint256[],uint8[],address[]),address,uint256)",
    ),
    ("b066ea7c", "swapExactNATIVEForTokens(uint256,(uint256[],uint8[],address[]),address,uint256)"),
    (
        "e038e6dc",
        "swapExactNATIVEForTokensSupportingFeeOnTransferTokens(uint256,(uint256[],uint8[],address[]),address,uint256)",
    ),
    ("2075ad22", "swapNATIVEForExactTokens(uint256,(uint256[],uint8[],address[]),address,uint256)"),
    (
        "a3c7271a",
        "addLiquidity((address,address,uint256,uint256,uint256,uint256,uint256,uint256,uint256,"
        "int256[],uint256[],uint256[],address,address,uint256))",
    ),
    (
        "8efc2b2c",
        "addLiquidityNATIVE((address,address,uint256,uint256,uint256,uint256,uint256,uint256,"
        "uint256,int256[],uint256[],uint256[],address,address,uint256))",
    ),
    (
        "c22159b6",
        "removeLiquidity(address,address,uint16,uint256,uint256,uint256[],uint256[],address,uint256)",
    ),
    (
        "81c2fdfb",
        "removeLiquidityNATIVE(address,uint16,uint256,uint256,uint256[],uint256[],address,uint256)",
    ),
    # synapsecns/synapse-contracts SynapseRouter.sol (SwapQuery)
    (
        "c2288147",
        "bridge(address,uint256,address,uint256,(address,address,uint256,uint256,bytes),(address,address,uint256,uint256,bytes))",
    ),
    ("b5d1cdd4", "swap(address,address,uint256,(address,address,uint256,uint256,bytes))"),
    # thirdweb-dev/contracts IDrop.sol / IDrop1155.sol; manifoldxyz ILazyPayableClaim.sol
    (
        "84bb1e42",
        "claim(address,uint256,address,uint256,(bytes32[],uint256,uint256,address),bytes)",
    ),
    (
        "57bc3d78",
        "claim(address,uint256,uint256,address,uint256,(bytes32[],uint256,uint256,address),bytes)",
    ),
    ("fa2b068f", "mint(address,uint256,uint32,bytes32[],address)"),
    ("26c858a4", "mintBatch(address,uint256,uint16,uint32[],bytes32[][],address)"),
    ("07591acc", "mintProxy(address,uint256,uint16,uint32[],bytes32[][],address)"),
    # deBridge DLN DlnSource (createOrder 0xfbe16ca7 as in the table-16 card) and Morpho Bundler3 /
    # GeneralAdapter1 (erc20TransferFrom 0xd96ca0b9 as in public bundles)
    (
        "fbe16ca7",
        "createOrder((address,uint256,bytes,uint256,uint256,bytes,address,bytes,bytes,bytes,bytes),bytes,uint32,bytes)",
    ),
    (
        "b9303701",
        "createSaltedOrder((address,uint256,bytes,uint256,uint256,bytes,address,bytes,bytes,bytes,bytes),uint64,bytes,uint32,bytes,bytes)",
    ),
    ("374f435d", "multicall((address,bytes,uint256,bool,bytes32)[])"),
    ("d96ca0b9", "erc20TransferFrom(address,address,uint256)"),
    ("6c12ed28", "transferFrom2(address,address,uint256)"),
    ("3790767d", "erc20Transfer(address,address,uint256)"),
    ("f2522bcd", "nativeTransfer(address,uint256)"),
    ("3244c12c", "wrapNative(uint256,address)"),
    ("b172af6d", "unwrapNative(uint256,address)"),
    ("6ef5eeae", "erc4626Deposit(address,uint256,uint256,address)"),
    ("39029ab6", "erc4626Mint(address,uint256,uint256,address)"),
    ("c9565706", "erc4626Withdraw(address,uint256,uint256,address,address)"),
    ("a7f6e606", "erc4626Redeem(address,uint256,uint256,address,address)"),
    (
        "5b866db6",
        "morphoSupply((address,address,address,address,uint256),uint256,uint256,uint256,address,bytes)",
    ),
    (
        "ca463673",
        "morphoSupplyCollateral((address,address,address,address,uint256),uint256,address,bytes)",
    ),
    (
        "4d5fcf68",
        "morphoRepay((address,address,address,address,uint256),uint256,uint256,uint256,address,bytes)",
    ),
    (
        "62577ad0",
        "morphoBorrow((address,address,address,address,uint256),uint256,uint256,uint256,address)",
    ),
    (
        "84d287ef",
        "morphoWithdraw((address,address,address,address,uint256),uint256,uint256,uint256,address)",
    ),
    (
        "1af3bbc6",
        "morphoWithdrawCollateral((address,address,address,address,uint256),uint256,address)",
    ),
    ("e2975912", "morphoFlashLoan(address,uint256,bytes)"),
    # Superfluid CFAv1Forwarder (createFlow / updateFlow / deleteFlow also as the independently
    # encoded AgentKit calls of effects_real_18)
    ("e15536b6", "createFlow(address,address,address,int96,bytes)"),
    ("0c033991", "updateFlow(address,address,address,int96,bytes)"),
    ("b4b333c6", "deleteFlow(address,address,address,bytes)"),
    ("57e6aa36", "setFlowrate(address,address,int96)"),
    ("c5ad5c1a", "setFlowrateFrom(address,address,address,int96)"),
    ("7243fb93", "grantPermissions(address,address)"),
    ("0bd0728d", "revokePermissions(address,address)"),
    ("30885591", "updateFlowOperatorPermissions(address,address,uint8,int96)"),
    # Zora WOW token (Wow.sol; also as AgentKit's calls in effects_real_18)
    ("472e6490", "buy(address,address,address,string,uint8,uint256,uint160)"),
    ("9352c825", "sell(uint256,address,address,string,uint8,uint256,uint160)"),
    # Basenames RegistrarController (register also as AgentKit's call in effects_real_18)
    ("c7c79676", "register((string,address,uint256,address,bytes[],bool))"),
    (
        "e0093eda",
        "discountedRegister((string,address,uint256,address,bytes[],bool),bytes32,bytes)",
    ),  # Euler EVC (euler-xyz/ethereum-vault-connector IEthereumVaultConnector.sol)
    ("9f5c462a", "setAccountOperator(address,address,bool)"),
    ("c14c11bf", "setOperator(bytes19,address,uint256)"),
    ("1f8b5215", "call(address,address,uint256,bytes)"),
    ("c16ae7a4", "batch((address,address,uint256,bytes)[])"),
    # Synthetix v3 IAccountModule; Liquity v2 IAddRemoveManagers / IBorrowerOperations
    (
        "9cb90ba6",
        "openTrove(address,uint256,uint256,uint256,uint256,uint256,uint256,uint256,address,address,address)",
    ),
    # tx24b: Connext BridgeFacet xcall / xcallIntoLocal (connext/monorepo; xcall 8aac16ba as the
    # etherspot / malda IConnext), ComposableCoW create / createWithContext / setRoot /
    # setRootWithContext / remove (cowprotocol/composable-cow src/ComposableCoW.sol), Puffer
    # PufferWithdrawalManager requestWithdrawal (PufferFinance/puffer-contracts)
    ("8aac16ba", "xcall(uint32,address,address,address,uint256,uint256,bytes)"),
    ("93f18ac5", "xcall(uint32,address,address,address,uint256,uint256,bytes,uint256)"),
    ("91f5de79", "xcallIntoLocal(uint32,address,address,address,uint256,uint256,bytes)"),
    ("674dc933", "xcallIntoLocal(uint32,address,address,address,uint256,uint256,bytes,uint256)"),
    ("6bfae1ca", "create((address,bytes32,bytes),bool)"),
    ("0d0d9800", "createWithContext((address,bytes32,bytes),address,bytes,bool)"),
    ("1ab0dd9d", "setRoot(bytes32,(uint256,bytes))"),
    ("57f1d41a", "setRootWithContext(bytes32,(uint256,bytes),address,bytes)"),
    ("95bc2673", "remove(bytes32)"),
    ("ef027fbf", "requestWithdrawal(uint128,address)"),
    # Biconomy smart account v2 (bcnmy/scw-contracts base/ModuleManager.sol)
    ("5305dd27", "setupAndEnableModule(address,bytes)"),
    (
        "c440844f",
        "openTroveAndJoinInterestBatchManager((address,uint256,uint256,uint256,uint256,uint256,address,uint256,address,address,address))",
    ),
    ("00cd9ef3", "grantPermission(uint128,bytes32,address)"),
    ("a7627288", "revokePermission(uint128,bytes32,address)"),
    ("47c1c561", "renouncePermission(uint128,bytes32)"),
    ("d3695fa5", "setAddManager(uint256,address)"),
    ("292a3f0b", "setRemoveManager(uint256,address)"),
    ("d6491eaf", "setRemoveManagerWithReceiver(uint256,address,address)"),
    ("7dd70d9b", "setRemoveManager(uint256,address,address)"),
    (
        "c6ac2465",
        "setInterestIndividualDelegate(uint256,address,uint128,uint128,uint256,uint256,uint256,uint256,uint256)",
    ),
    ("53eb2885", "removeInterestIndividualDelegate(uint256)"),
    ("9537f001", "setInterestBatchManager(uint256,address,uint256,uint256,uint256)"),
    # fix24t: Biconomy v2 ownership modules' initForSmartAccount (bcnmy/scw-contracts
    # ECDSAOwnershipRegistryModule / MultiOwnedECDSAModule / PasskeyRegistryModule; 2ede3bc0 as
    # Biconomy's SDK init data), Euler EVC enableController (IEthereumVaultConnector.sol)
    ("2ede3bc0", "initForSmartAccount(address)"),
    ("5377f464", "initForSmartAccount(address[])"),
    ("73016096", "initForSmartAccount(uint256,uint256,string)"),
    ("c368516c", "enableController(address,address)"),
    # Liquity v2 zappers (liquity/bold Zappers/Interfaces/IZapper.sol, ILeverageZapper.sol)
    (
        "f926c2d2",
        "openTroveWithRawETH((address,uint256,uint256,uint256,uint256,uint256,uint256,address,uint256,address,address,address))",
    ),
    (
        "facb886f",
        "openLeveragedTroveWithRawETH((address,uint256,uint256,uint256,uint256,uint256,uint256,uint256,address,uint256,address,address,address))",
    ),
    ("d44fee5a", "enableCollateral(address,address)"),
    ("e920e8e0", "disableCollateral(address,address)"),
    # tx25a: BentoBox V1 (sushiswap/bentobox BentoBoxFlat.sol), Maker DssCdpManager / Vat
    # (makerdao/dss-cdp-manager, makerdao/dss vat.sol), Venus Comptroller, Alchemix
    # IAlchemistV2Actions, GMX v1 Router.sol, Opyn Gamma Controller / Actions.sol, Ambire
    # AmbireAccount.sol, thirdweb AccountPermissions.sol
    ("c0a47c93", "setMasterContractApproval(address,address,bool,uint8,bytes32,bytes32)"),
    ("02b9446c", "deposit(address,address,address,uint256,uint256)"),
    ("97da6d30", "withdraw(address,address,address,uint256,uint256)"),
    ("f18d03cc", "transfer(address,address,address,uint256)"),
    ("0fca8843", "transferMultiple(address,address,address[],uint256[])"),
    ("7c516e94", "permitToken(address,address,address,uint256,uint256,uint8,bytes32,bytes32)"),
    ("d2423b51", "batch(bytes[],bool)"),
    ("0b63fb62", "cdpAllow(uint256,address,uint256)"),
    ("b68f4004", "urnAllow(address,uint256)"),
    ("fcafcc68", "give(uint256,address)"),
    ("9bb8f838", "flux(uint256,address,uint256)"),
    ("18af4d60", "flux(bytes32,uint256,address,uint256)"),
    ("f9f30db6", "move(uint256,address,uint256)"),
    ("1b0dbf72", "quit(uint256,address)"),
    ("6090dec5", "open(bytes32,address)"),
    ("45e6bdcd", "frob(uint256,int256,int256)"),
    ("7e348b7d", "enter(address,uint256)"),
    ("e50322a2", "shift(uint256,uint256)"),
    ("a3b22fc4", "hope(address)"),
    ("dc4d20fa", "nope(address)"),
    ("bb35783b", "move(address,address,uint256)"),
    ("6111be2e", "flux(bytes32,address,address,uint256)"),
    ("ddbf54fd", "updateDelegate(address,bool)"),
    ("13b39b9c", "approveMint(address,uint256)"),
    ("6bf9b3e7", "approveWithdraw(address,address,uint256)"),
    ("51044b8e", "mintFrom(address,uint256,address)"),
    ("a6459a32", "withdrawUnderlying(address,uint256,address,uint256)"),
    ("edca201b", "withdrawFrom(address,address,uint256,address)"),
    ("b968ee3c", "withdrawUnderlyingFrom(address,address,uint256,address,uint256)"),
    ("f45346dc", "deposit(address,uint256,address)"),
    ("bdfa9bae", "depositUnderlying(address,uint256,address,uint256)"),
    ("38c74dd9", "approvePlugin(address)"),
    ("cedd4375", "denyPlugin(address)"),
    ("6023e966", "swap(address[],uint256,uint256,address)"),
    ("2d4ba6a7", "swapTokensToETH(address[],uint256,uint256,address)"),
    ("abe68eaa", "swapETHToTokens(address[],uint256,address)"),
    ("b7ddc992", "increasePosition(address[],address,uint256,uint256,uint256,bool,uint256)"),
    ("b32755de", "increasePositionETH(address[],address,uint256,uint256,bool,uint256)"),
    ("90205d8c", "decreasePosition(address,address,uint256,uint256,bool,address,uint256)"),
    ("430ed37c", "decreasePositionETH(address,address,uint256,uint256,bool,address,uint256)"),
    (
        "5fc8500e",
        "decreasePositionAndSwap(address[],address,uint256,uint256,bool,address,uint256,uint256)",
    ),
    (
        "3039e37f",
        "decreasePositionAndSwapETH(address[],address,uint256,uint256,bool,address,uint256,uint256)",
    ),
    ("90b64ad3", "directPoolDeposit(address,uint256)"),
    ("b617f0c6", "operate((uint8,address,address,address,uint256,uint256,uint256,bytes)[])"),
    ("0d5828d4", "setAddrPrivilege(address,bytes32)"),
    (
        "5892e236",
        "setPermissionsForSigner((address,uint8,address[],uint256,uint128,uint128,uint128,uint128,bytes32),bytes)",
    ),
    # tx25b: Celer cBridge Bridge send / sendNative (a5977fbb as in Celer's abigen bindings and
    # LI.FI's CBridge facet), OriginalTokenVaultV2 deposit / depositNative, PeggedTokenBridge
    # v1 / v2 burn (celer-network/sgn-v2-contracts); Axelar gateway sendToken /
    # callContractWithToken (axelar-cgp-solidity), ITS interchainTransfer /
    # callContractWithInterchainToken and InterchainToken interchainTransfer(From)
    # (interchain-token-service); Linea TokenBridge bridgeToken (522ea81a) /
    # bridgeTokenWithPermit, MessageService sendMessage (Consensys/linea-contracts); Stader
    # deposit(address,string) b7482509, requestWithdraw 1f7ec122 / ccc143b8 (the Ledger Stader
    # plugin's selector table); StakeWise v3 deposit / enterExitQueue / mintOsToken /
    # depositAndMintOsToken (stakewise/v3-core interfaces)
    ("a5977fbb", "send(address,address,uint256,uint64,uint64,uint32)"),
    ("3f2e5fc3", "sendNative(address,uint256,uint64,uint64,uint32)"),
    ("23463624", "deposit(address,uint256,uint64,address,uint64)"),
    ("00a95fd7", "depositNative(uint256,uint64,address,uint64)"),
    ("a0029301", "burn(address,uint256,uint64,address,uint64)"),
    ("de790c7e", "burn(address,uint256,address,uint64)"),
    ("26ef699d", "sendToken(string,string,string,uint256)"),
    ("b5417084", "callContractWithToken(string,string,bytes,string,uint256)"),
    ("da081c73", "interchainTransfer(bytes32,string,bytes,uint256,bytes,uint256)"),
    (
        "4b4578ba",
        "callContractWithInterchainToken(bytes32,string,bytes,uint256,bytes,uint256)",
    ),
    ("bc0ba3c5", "interchainTransfer(string,bytes,uint256,bytes)"),
    ("a60fee37", "interchainTransferFrom(address,string,bytes,uint256,bytes)"),
    ("522ea81a", "bridgeToken(address,uint256,address)"),
    ("dfa96efb", "bridgeTokenWithPermit(address,uint256,address,bytes)"),
    ("9f3ce55a", "sendMessage(address,uint256,bytes)"),
    ("b7482509", "deposit(address,string)"),
    ("1f7ec122", "requestWithdraw(uint256,address,string)"),
    ("ccc143b8", "requestWithdraw(uint256,address)"),
    ("f9609f08", "deposit(address,address)"),
    ("8ceab9aa", "enterExitQueue(uint256,address)"),
    ("201b9eb5", "mintOsToken(address,uint256,address)"),
    ("36fe59d2", "depositAndMintOsToken(address,uint256,address)"),
    # ourzora/v3 AsksV1_1 / ZoraModuleManager; Safe SignMessageLib; Hyperlane TokenRouter;
    # gnosis/MultiSigWallet; Kwenta smart-margin Auth
    ("9e847108", "createAsk(address,uint256,uint256,address,address,uint16)"),
    ("b2007533", "setAskPrice(address,uint256,uint256,address)"),
    ("40b80746", "cancelAsk(address,uint256)"),
    ("622dcbd7", "fillAsk(address,uint256,address,uint256,address)"),
    ("152c1b5b", "setApprovalForModule(address,bool)"),
    ("bcb11ad3", "setBatchApprovalForModules(address[],bool)"),
    ("85a5affe", "signMessage(bytes)"),
    ("81b4e8b4", "transferRemote(uint32,bytes32,uint256)"),
    ("51debffc", "transferRemote(uint32,bytes32,uint256,bytes,address)"),
    ("7065cb48", "addOwner(address)"),
    ("e20056e6", "replaceOwner(address,address)"),
    ("67e7646f", "removeDelegate(address)"),
    # fix27t: Uniswap v2 liquidity, Chainlink CCIP, Gnosis bridges, Sablier, EIP-4907
    ("e8e33700", "addLiquidity(address,address,uint256,uint256,uint256,uint256,address,uint256)"),
    ("f305d719", "addLiquidityETH(address,uint256,uint256,uint256,address,uint256)"),
    ("baa2abde", "removeLiquidity(address,address,uint256,uint256,uint256,address,uint256)"),
    (
        "2195995c",
        "removeLiquidityWithPermit(address,address,uint256,uint256,uint256,address,uint256,bool,uint8,bytes32,bytes32)",
    ),
    ("02751cec", "removeLiquidityETH(address,uint256,uint256,uint256,address,uint256)"),
    (
        "ded9382a",
        "removeLiquidityETHWithPermit(address,uint256,uint256,uint256,address,uint256,bool,uint8,bytes32,bytes32)",
    ),
    (
        "af2979eb",
        "removeLiquidityETHSupportingFeeOnTransferTokens(address,uint256,uint256,uint256,address,uint256)",
    ),
    (
        "5b0d5984",
        "removeLiquidityETHWithPermitSupportingFeeOnTransferTokens(address,uint256,uint256,uint256,address,uint256,bool,uint8,bytes32,bytes32)",
    ),
    ("96f4e9f9", "ccipSend(uint64,(bytes,bytes,(address,uint256)[],address,bytes))"),
    ("ad58bdd1", "relayTokens(address,address,uint256)"),
    ("d7405481", "relayTokensAndCall(address,address,uint256,bytes)"),
    ("01e4f53a", "relayTokens(address,uint256)"),
    ("5d1e9307", "relayTokens(address)"),
    ("01a754ff", "wrapAndRelayTokens()"),
    ("f52cbf0e", "wrapAndRelayTokens(address)"),
    ("3ace4765", "wrapAndRelayTokens(address,bytes)"),
    ("fdd46d60", "withdraw(uint256,address,uint128)"),
    ("ea5ead19", "withdrawMax(uint256,address)"),
    ("c156a11d", "withdrawMaxAndTransfer(uint256,address)"),
    ("a2ffb897", "withdrawMultiple(uint256[],address,uint128[])"),
    ("4cc55e11", "withdrawMultiple(uint256[],uint128[])"),
    ("e030565e", "setUser(uint256,address,uint64)"),
    # fix27t: Maker DssProxyActions (makerdao/dss-proxy-actions)
    ("e205c108", "lockETH(address,address,uint256)"),
    ("ee284576", "safeLockETH(address,address,uint256,address)"),
    ("3e29e565", "lockGem(address,address,uint256,uint256,bool)"),
    ("ead64729", "safeLockGem(address,address,uint256,uint256,bool,address)"),
    ("7b5a3b43", "freeETH(address,address,uint256,uint256)"),
    ("6ab6a491", "freeGem(address,address,uint256,uint256)"),
    ("9f6f3d5b", "draw(address,address,address,uint256,uint256)"),
    ("4b666199", "wipe(address,address,uint256,uint256)"),
    ("036a2395", "wipeAll(address,address,uint256)"),
    ("1c02d846", "lockETHAndDraw(address,address,address,address,uint256,uint256)"),
    ("e685cc04", "openLockETHAndDraw(address,address,address,address,bytes32,uint256)"),
    ("cbd4be3f", "lockGemAndDraw(address,address,address,address,uint256,uint256,uint256,bool)"),
    (
        "db802a32",
        "openLockGemAndDraw(address,address,address,address,bytes32,uint256,uint256,bool)",
    ),
    ("be5e6c03", "wipeAndFreeETH(address,address,address,uint256,uint256,uint256)"),
    ("6d68b70b", "wipeAllAndFreeETH(address,address,address,uint256,uint256)"),
    ("a6add011", "wipeAndFreeGem(address,address,address,uint256,uint256,uint256)"),
    ("bcd6deec", "wipeAllAndFreeGem(address,address,address,uint256,uint256)"),
    ("6aa3ee11", "open(address,bytes32,address)"),
    ("1d10f231", "give(address,uint256,address)"),
    ("ba727a95", "cdpAllow(address,uint256,address,uint256)"),
    ("5f6ef447", "urnAllow(address,address,uint256)"),
    ("1558b048", "flux(address,uint256,address,uint256)"),
    ("25cf37d0", "move(address,uint256,address,uint256)"),
    ("4592aca7", "quit(address,uint256,address)"),
    ("96e8d72c", "frob(address,uint256,int256,int256)"),
    ("493c2049", "giveToProxy(address,address,uint256,address)"),
    (
        "1b4103a9",
        "createWithDurations((address,address,uint128,address,bool,(uint40,uint40),(address,uint256)))",
    ),
    (
        "4bc78b73",
        "createWithRange((address,address,uint128,address,bool,(uint40,uint40,uint40),(address,uint256)))",
    ),
    (
        "ab167ccc",
        "createWithDurations((address,address,uint128,address,bool,bool,(uint40,uint40),(address,uint256)))",
    ),
    (
        "96ce1431",
        "createWithRange((address,address,uint128,address,bool,bool,(uint40,uint40,uint40),(address,uint256)))",
    ),
    (
        "53b15727",
        "createWithTimestamps((address,address,uint128,address,bool,bool,(uint40,uint40,uint40),(address,uint256)))",
    ),
]


@pytest.mark.parametrize(("selector", "signature"), PINNED, ids=[s for _, s in PINNED])
def test_protocol_selector_is_pinned(selector: str, signature: str) -> None:
    """keccak256(signature)[:4] (eth_utils) is the published selector, and the table has it."""
    assert keccak(text=signature)[:4].hex() == selector
    assert PROTOCOL_FUNCTIONS[bytes.fromhex(selector)].signature == signature


def test_every_protocol_function_is_pinned() -> None:
    """No protocol function enters the table without a pinned selector."""
    assert {s.hex() for s in PROTOCOL_FUNCTIONS} == {s for s, _ in PINNED}


SAFE = "0x6666666666666666666666666666666666666666"
_EXEC = "execTransaction(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,bytes)"


def _safe_exec(data: bytes) -> bytes:
    return call(_EXEC, SAFE, 0, data, 0, 0, 0, 0, "0x" + "00" * 20, "0x" + "00" * 20, b"")


@pytest.mark.parametrize(
    "inner",
    [
        pytest.param(call("addOwnerWithThreshold(address,uint256)", STRANGER, 1), id="add-owner"),
        pytest.param(call("enableModule(address)", STRANGER), id="enable-module"),
        pytest.param(call("setGuard(address)", "0x" + "00" * 20), id="remove-guard"),
        pytest.param(call("changeThreshold(uint256)", 1), id="threshold"),
    ],
)
def test_guarded_account_refuses_safe_administration(inner: bytes) -> None:
    """Issue 11 item 1: GuardedAccount does not sign a Safe self-call handing control away."""
    account = Account.create()  # generated, never funded
    signer = GuardedAccount(account, guard=Guard(Policy(), classifier=False))
    tx: dict[str, Any] = {"to": SAFE, "value": 0, "data": _safe_exec(inner), "chainId": 1,
                          "nonce": 0, "gas": 300_000, "maxFeePerGas": 10**10,
                          "maxPriorityFeePerGas": 10**9}  # fmt: skip
    with pytest.raises(GuardBlocked) as stop:
        signer.sign_transaction(tx)
    assert any(r.startswith("tx.evm.safe_") for r in stop.value.verdict.rule_ids)


@pytest.mark.parametrize(
    ("signature", "args"),
    [
        pytest.param("transferAndCall(address,uint256,bytes)", [STRANGER, 10**19, b""], id="1363"),
        pytest.param("send(address,uint256,bytes)", [STRANGER, 10**19, b""], id="777-send"),
        pytest.param("transferAndCall(address,uint256)", [STRANGER, 10**19], id="1363-short"),
    ],
)
def test_non_erc20_entry_points_count_against_limits(signature: str, args: list[Any]) -> None:
    """Issue 11 item 2: ERC-1363 / ERC-777 moves are held to the token's per-tx limit."""
    limit = Limit(chain="evm", asset=TOKEN, decimals=18, per_tx="5")
    guard = Guard(Policy(limits=(limit,)), classifier=False)
    spec = {"from": "0x1111111111111111111111111111111111111111", "to": TOKEN,
            "data": {"$hex": "0x" + call(signature, *args).hex()}}  # fmt: skip
    verdict = guard.check_transaction(build_tx(spec))
    assert verdict.action is Action.BLOCK and "tx.evm.over_limit" in verdict.rule_ids


def test_no_two_protocol_tables_claim_one_selector() -> None:
    """A selector two modules register is silently read by the later one (fix26t: Kwenta's
    ``addDelegate`` had replaced the Safe AllowanceModule's); one module must tell the
    contracts apart instead. ``deposit(address)`` (staking.py / lst_receivers.py) predates
    this test."""
    from aiegis_guard.chains.evm.protocols import _MODULES

    seen: dict[bytes, str] = {}
    shared: set[str] = set()
    for module in _MODULES:
        for signature, _handler in module.TABLE:
            key = keccak(text=signature)[:4]
            if key in seen:
                shared.add(signature)
            seen[key] = signature
    assert shared == {"deposit(address)"}
