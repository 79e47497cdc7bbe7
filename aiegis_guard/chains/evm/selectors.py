"""Data: the function selectors, EIP-712 types and addresses the EVM decoder understands.

Every selector is ``keccak256(signature)[:4]``; ``tests/test_evm_decode.py`` recomputes them
and checks them against ``../shared/data/crypto/signatures/evm_function_selectors.csv``.
A handler name says which decoder in ``calls.py`` / ``wrappers.py`` reads the arguments.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiegis_guard.chains.evm.abi import AbiType, parse_types
from aiegis_guard.checksums import keccak256

__all__ = [
    "BUILTIN_SPENDERS",
    "FUNCTIONS",
    "MAX_UINT160",
    "MAX_UINT256",
    "MULTICALL3",
    "PERMIT2",
    "UNLIMITED",
    "Function",
]

MAX_UINT256 = 2**256 - 1
MAX_UINT160 = 2**160 - 1
UNLIMITED = 2**96
"""An allowance at or above this is "unlimited": no realistic balance reaches 2^96 ≈ 7.9e28
base units (79 billion whole tokens of 18 decimals; total supplies above it are junk tokens),
and drainers ask for 2^256-1, 2^160-1 (Permit2), 2^255 or 2^128-1 (issue 11, item 18)."""

PERMIT2 = "0x000000000022d473030f116ddee9f6b43ac78ba3"
MULTICALL3 = "0xca11bde05977b3631167028862be2a173976ca11"


@dataclass(frozen=True)
class Function:
    signature: str
    handler: str
    types: tuple[AbiType, ...]

    @property
    def name(self) -> str:
        return self.signature[: self.signature.index("(")]


_TABLE: tuple[tuple[str, str, str], ...] = (
    # selector, signature, handler
    # -- ERC-20 / ERC-721 / ERC-1155 ---------------------------------------------------------
    ("a9059cbb", "transfer(address,uint256)", "erc20_transfer"),
    ("23b872dd", "transferFrom(address,address,uint256)", "transfer_from"),
    ("095ea7b3", "approve(address,uint256)", "erc20_approve"),
    ("39509351", "increaseAllowance(address,uint256)", "increase_allowance"),
    ("d73dd623", "increaseApproval(address,uint256)", "increase_allowance"),
    ("a457c2d7", "decreaseAllowance(address,uint256)", "decrease_allowance"),
    # OpenZeppelin 1.x StandardToken (LINK): decreaseApproval lowers an allowance
    ("66188463", "decreaseApproval(address,uint256)", "decrease_allowance"),
    # dapphub/ds-token src/token.sol: approve(guy) = approve(guy, uint(-1)) (MKR's DSToken)
    ("daea85c5", "approve(address)", "ds_approve"),
    ("a22cb465", "setApprovalForAll(address,bool)", "set_approval_for_all"),
    ("42842e0e", "safeTransferFrom(address,address,uint256)", "erc721_safe_transfer"),
    ("b88d4fde", "safeTransferFrom(address,address,uint256,bytes)", "erc721_safe_transfer"),
    ("f242432a", "safeTransferFrom(address,address,uint256,uint256,bytes)", "erc1155_transfer"),
    (
        "2eb2c2d6",
        "safeBatchTransferFrom(address,address,uint256[],uint256[],bytes)",
        "erc1155_batch_transfer",
    ),
    # -- permits (on-chain submission of a signed permit) ------------------------------------
    ("d505accf", "permit(address,address,uint256,uint256,uint8,bytes32,bytes32)", "eip2612_permit"),
    # circlefin/stablecoin-evm FiatTokenV2_2 (USDC): the same permit with a packed or EIP-1271
    # ``bytes signature`` (owner, spender, value, deadline, signature)
    ("9fd5a6cf", "permit(address,address,uint256,uint256,bytes)", "eip2612_permit"),
    (
        "8fcbaf0c",
        "permit(address,address,uint256,uint256,bool,uint8,bytes32,bytes32)",
        "dai_permit",
    ),
    # -- Uniswap Permit2 ---------------------------------------------------------------------
    ("87517c45", "approve(address,address,uint160,uint48)", "permit2_approve"),
    (
        "2b67b570",
        "permit(address,((address,uint160,uint48,uint48),address,uint256),bytes)",
        "permit2_permit_single",
    ),
    (
        "2a2d80d1",
        "permit(address,((address,uint160,uint48,uint48)[],address,uint256),bytes)",
        "permit2_permit_batch",
    ),
    ("36c78516", "transferFrom(address,address,uint160,address)", "permit2_transfer_from"),
    ("0d58b1db", "transferFrom((address,address,uint160,address)[])", "permit2_transfer_batch"),
    (
        "30f28b7a",
        "permitTransferFrom(((address,uint256),uint256,uint256),(address,uint256),address,bytes)",
        "permit2_signature_transfer",
    ),
    (
        "edd9444b",
        "permitTransferFrom(((address,uint256)[],uint256,uint256),(address,uint256)[],address,"
        "bytes)",
        "permit2_signature_transfer_batch",
    ),
    (
        "137c29fe",
        "permitWitnessTransferFrom(((address,uint256),uint256,uint256),(address,uint256),address,"
        "bytes32,string,bytes)",
        "permit2_signature_transfer",
    ),
    (
        "fe8ec1a7",
        "permitWitnessTransferFrom(((address,uint256)[],uint256,uint256),(address,uint256)[],"
        "address,bytes32,string,bytes)",
        "permit2_signature_transfer_batch",
    ),
    ("cc53287f", "lockdown((address,address)[])", "permit2_lockdown"),
    ("65d9723c", "invalidateNonces(address,address,uint48)", "named"),
    ("3ff9dcb1", "invalidateUnorderedNonces(uint256,uint256)", "named"),
    # -- batch wrappers (decoded recursively) ------------------------------------------------
    ("ac9650d8", "multicall(bytes[])", "multicall_self"),
    ("5ae401dc", "multicall(uint256,bytes[])", "multicall_self"),
    ("1f0464d1", "multicall(bytes32,bytes[])", "multicall_self"),
    ("252dba42", "aggregate((address,bytes)[])", "aggregate"),
    ("bce38bd7", "tryAggregate(bool,(address,bytes)[])", "try_aggregate"),
    ("82ad56cb", "aggregate3((address,bool,bytes)[])", "aggregate3"),
    ("174dea71", "aggregate3Value((address,bool,uint256,bytes)[])", "aggregate3_value"),
    # mds1/multicall src/Multicall3.sol: the same calls as aggregate / tryAggregate, plus the
    # block number and hash in the result
    ("c3077fa9", "blockAndAggregate((address,bytes)[])", "aggregate"),
    ("399542e9", "tryBlockAndAggregate(bool,(address,bytes)[])", "try_aggregate"),
    (
        "6a761202",
        "execTransaction(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,"
        "bytes)",
        "safe_exec",
    ),
    ("8d80ff0a", "multiSend(bytes)", "multi_send"),
    # maticnetwork/pos-portal NativeMetaTransaction.executeMetaTransaction(userAddress,
    # functionSignature, sigR, sigS, sigV): the contract calls itself with functionSignature
    # for userAddress (msgSender), the on-chain form of the typed MetaTransaction
    ("0c53c51c", "executeMetaTransaction(address,bytes,bytes32,bytes32,uint8)", "meta_transaction"),
    # Safe ModuleManager (safe-global/safe-smart-account contracts/base/ModuleManager.sol): an
    # enabled module runs (to, value, data, operation) as the Safe, as execTransaction does
    ("468721a7", "execTransactionFromModule(address,uint256,bytes,uint8)", "safe_exec"),
    ("5229073f", "execTransactionFromModuleReturnData(address,uint256,bytes,uint8)", "safe_exec"),
    # Zodiac Roles modifier (gnosisguild/zodiac-modifier-roles packages/evm/contracts/Roles.sol
    # v2: bytes32 roleKey; v1: uint16 role): a member's (to, value, data, operation), checked
    # against the role, then run by the avatar through execTransactionFromModule
    ("c6fe8747", "execTransactionWithRole(address,uint256,bytes,uint8,bytes32,bool)", "safe_exec"),
    (
        "2b99e506",
        "execTransactionWithRoleReturnData(address,uint256,bytes,uint8,bytes32,bool)",
        "safe_exec",
    ),
    ("6928e74b", "execTransactionWithRole(address,uint256,bytes,uint8,uint16,bool)", "safe_exec"),
    # Safe4337Module (safe-global/safe-modules 4337/v0.3.0): the Safe executes the call
    ("7bb37428", "executeUserOp(address,uint256,bytes,uint8)", "safe_exec"),
    ("541d63c8", "executeUserOpWithErrorString(address,uint256,bytes,uint8)", "safe_exec"),
    # ZeroDev Kernel v2 (zerodevapp/kernel src/Kernel.sol): execute(to, value, data,
    # Operation{Call, DelegateCall}), the shape of Safe's call / delegatecall
    ("51945447", "execute(address,uint256,bytes,uint8)", "safe_exec"),
    ("b61d27f6", "execute(address,uint256,bytes)", "account_execute"),
    # Gnosis MultiSigWallet (gnosis/MultiSigWallet contracts/MultiSigWallet.sol): an owner
    # submits and confirms the wallet's call, run once ``required`` owners confirmed it
    ("c6427474", "submitTransaction(address,uint256,bytes)", "account_execute"),
    ("47e1da2a", "executeBatch(address[],uint256[],bytes[])", "account_execute_batch"),
    ("18dfb3c7", "executeBatch(address[],bytes[])", "account_execute_batch_novalue"),
    ("34fcd5be", "executeBatch((address,uint256,bytes)[])", "account_execute_calls"),
    # Ambire (AmbireTech/ambire-common contracts/AmbireAccount.sol): Transaction(to, value, data)
    # batches run as the account, sent by a privileged key, signed by one, or self-called
    ("abc5345e", "executeBySender((address,uint256,bytes)[])", "account_execute_calls"),
    ("6769de82", "executeBySelf((address,uint256,bytes)[])", "account_execute_calls"),
    ("6171d1c9", "execute((address,uint256,bytes)[],bytes)", "account_execute_calls"),
    ("bf1cb383", "tryCatch(address,uint256,bytes)", "account_execute"),
    ("3628d042", "tryCatchLimit(address,uint256,bytes,uint256)", "account_execute"),
    # Biconomy smart account v2 (bcnmy/scw-contracts SmartAccount.sol): the gas-optimised names
    # of execute / executeBatch (same arguments; EXECUTE_OPTIMIZED_SELECTOR 0x0000189a and
    # EXECUTE_BATCH_SELECTOR 0x00004680 in its session validation modules)
    ("0000189a", "execute_ncC(address,uint256,bytes)", "account_execute"),
    ("00004680", "executeBatch_y6U(address[],uint256[],bytes[])", "account_execute_batch"),
    ("e9ae5c53", "execute(bytes32,bytes)", "erc7579_execute"),
    # Coinbase Smart Wallet (coinbase/smart-wallet src/CoinbaseSmartWallet.sol): each entry is
    # a self-call of the account, signed without the chain id (replayable on every chain)
    ("2c2abd1e", "executeWithoutChainIdValidation(bytes[])", "self_calls_any_chain"),
    ("bf6ba1fc", "executeWithoutChainIdValidation(bytes)", "self_calls_any_chain"),
    ("3593564c", "execute(bytes,bytes[],uint256)", "universal_router"),
    ("24856bc3", "execute(bytes,bytes[])", "universal_router"),
    (
        "1fad948c",
        "handleOps((address,uint256,bytes,bytes,uint256,uint256,uint256,uint256,uint256,bytes,"
        "bytes)[],address)",
        "handle_ops",
    ),
    (
        "765e827f",
        "handleOps((address,uint256,bytes,bytes,bytes32,uint256,bytes32,bytes,bytes)[],address)",
        "handle_ops",
    ),
    # eth-infinitism/account-abstraction EntryPoint.sol: handleAggregatedOps(UserOpsPerAggregator[]
    # {userOps, aggregator, signature}, beneficiary): each op run as handleOps runs it (v0.7, v0.6)
    (
        "dbed18e0",
        "handleAggregatedOps(((address,uint256,bytes,bytes,bytes32,uint256,bytes32,bytes,bytes)[],"
        "address,bytes)[],address)",
        "handle_aggregated_ops",
    ),
    (
        "4b1d7cf5",
        "handleAggregatedOps(((address,uint256,bytes,bytes,uint256,uint256,uint256,uint256,uint256,"
        "bytes,bytes)[],address,bytes)[],address)",
        "handle_aggregated_ops",
    ),
    # IAccountExecute.executeUserOp (account-abstraction interfaces/IAccountExecute.sol): the
    # account runs the op's callData past this selector (Kernel v3: a self-delegatecall)
    (
        "8dd7712f",
        "executeUserOp((address,uint256,bytes,bytes,bytes32,uint256,bytes32,bytes,bytes),bytes32)",
        "execute_user_op",
    ),
    # -- known by name ------------------------------------------------------------------------
    ("f2fde38b", "transferOwnership(address)", "transfer_ownership"),
    ("3659cfe6", "upgradeTo(address)", "proxy_upgrade"),
    ("4f1ef286", "upgradeToAndCall(address,bytes)", "proxy_upgrade"),
    # drainer contracts expose payable claim()/Claim()/SecurityUpdate() that forward the ETH
    # (more lure names below): decoded as *unknown* calls, value sent to them is blocked
    ("4e71d92d", "claim()", "suspicious_claim"),
    ("3158952e", "Claim()", "suspicious_claim"),
    ("5fba79f5", "SecurityUpdate()", "suspicious_claim"),
)

# Lure names: drainer contracts name a zero-argument payable function for what the victim
# expects to *receive* or to be *protected by* (a claim, an airdrop, rewards, a security
# update, a wallet check), so that a wallet shows e.g. "Claim" while the function forwards
# the ETH to the drainer (the "claim fee"; skamlek/evm-drainer-files-explained-in-depth,
# wallet_prompts_and_draining_methods.md: Claim(), SecurityUpdate(), Multicall(), ClaimReward()
# ...). Paying to receive is the tell, whatever the exact name: each word below in camel,
# Pascal and lower case. Purchases (mint, buy, deposit, stake) are not lures.
_LURE_WORDS = (
    "claim",
    "claimReward",
    "claimRewards",
    "claimAirdrop",
    "claimTokens",
    "claimToken",
    "claimBonus",
    "claimNFT",
    "claimGift",
    "claimDrop",
    "airdrop",
    "getAirdrop",
    "getReward",
    "getRewards",
    "reward",
    "rewards",
    "bonus",
    "gift",
    "securityUpdate",
    "security",
    "secure",
    "verify",
    "verifyWallet",
    "connect",
    "connectWallet",
    "sync",
    "validate",
    "confirm",
    "enable",
    "activate",
    "unlock",
    "restore",
    "rectify",
    "multicall",
    "withdraw",
    "redeem",
    "refund",
    "collect",
    "harvest",
    "unstake",
)


def _lure_table() -> tuple[tuple[str, str, str], ...]:
    names = {v for w in _LURE_WORDS for v in (w, w[0].upper() + w[1:], w.lower())}
    known = {sel for sel, _sig, _h in _TABLE}
    rows = ((keccak256(f"{n}()".encode()).hex()[:8], f"{n}()") for n in sorted(names))
    return tuple((sel, sig, "suspicious_claim") for sel, sig in rows if sel not in known)


FUNCTIONS: dict[bytes, Function] = {
    bytes.fromhex(sel): Function(sig, handler, parse_types(sig))
    for sel, sig, handler in _TABLE + _lure_table()
}

_BUILTIN_SPENDERS: tuple[tuple[str, str], ...] = (
    # address, what / provenance (Uniswap, 1inch, 0x and CoW deployment docs; same address on
    # the major EVM chains). Honoured together with ``[allowlist] evm_spenders``.
    (PERMIT2, "Uniswap Permit2 (shared/data well_known_addresses.csv)"),
    ("0x3fc91a3afd70395cd496c647d5a6cc9d4b2b7fad", "Uniswap UniversalRouter v1.2"),
    ("0xef1c6e67703c7bd7107eed8303fbe6ec2554bf6b", "Uniswap UniversalRouter v1 (legacy)"),
    ("0x66a9893cc07d91d95644aedd05d03f95e1dba8af", "Uniswap UniversalRouter v2 (v4 pools)"),
    ("0x68b3465833fb72a70ecdf485e0e4c7bd8665fc45", "Uniswap SwapRouter02"),
    ("0xe592427a0aece92de3edee1f18e0157c05861564", "Uniswap V3 SwapRouter"),
    ("0x7a250d5630b4cf539739df2c5dacb4c659f2488d", "Uniswap V2 Router02"),
    ("0x1111111254eeb25477b68fb85ed929f73a960582", "1inch AggregationRouterV5"),
    ("0x111111125421ca6dc452d289314280a0f8842a65", "1inch AggregationRouterV6"),
    ("0xdef1c0ded9bec7f1a1670819833240f027b25eff", "0x Exchange Proxy"),
    ("0xc92e8bdf79f0507f65a392b0ab4667716bfe0110", "CoW Protocol GPv2VaultRelayer"),
)
BUILTIN_SPENDERS: frozenset[str] = frozenset(a for a, _ in _BUILTIN_SPENDERS)
BUILTIN_SPENDER_NAMES: dict[str, str] = dict(_BUILTIN_SPENDERS)

# EIP-712: canonical encoded types (``encodeType``) of the permits the decoder understands.
EIP712_TYPES: dict[str, str] = {
    "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)": (
        "eip2612"
    ),
    "Permit(address holder,address spender,uint256 nonce,uint256 expiry,bool allowed)": "dai",
    "PermitSingle(PermitDetails details,address spender,uint256 sigDeadline)"
    "PermitDetails(address token,uint160 amount,uint48 expiration,uint48 nonce)": (
        "permit2_single"
    ),
    "PermitBatch(PermitDetails[] details,address spender,uint256 sigDeadline)"
    "PermitDetails(address token,uint160 amount,uint48 expiration,uint48 nonce)": ("permit2_batch"),
    "PermitTransferFrom(TokenPermissions permitted,address spender,uint256 nonce,"
    "uint256 deadline)TokenPermissions(address token,uint256 amount)": "permit2_transfer",
    "PermitBatchTransferFrom(TokenPermissions[] permitted,address spender,uint256 nonce,"
    "uint256 deadline)TokenPermissions(address token,uint256 amount)": "permit2_transfer",
}
