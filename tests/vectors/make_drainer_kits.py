"""Build ``drainer_kits.json``: the signing requests public drainer kits build for the victim,
each beside its legitimate twin (issue 12, task tx17b).

Every drainer row copies one request shape from a kit's own code, named in its ``source``
(repository + path): the function / typed-data type / instruction, the values the kit sets
(spender = the kit's receiver, amount = MAX or the balance, the kit's deadlines and domain
fields, the kit's obfuscated type names). The twin is the same request to a counterparty the
owner allowlisted (or to the own account). Owners, receivers and amounts are made up from
generated, never-funded keys; the rows are in the shape of ``effects_real.json`` plus ``kit``
and ``why``, so ``aiegis-guard eval --set effects --vectors`` reads them too.
Regenerate with ``.venv/bin/python tests/vectors/make_drainer_kits.py`` (deterministic).

A twin is ALLOW except where the shape says nothing whatever it names (a bare digest signed
with personal_sign / eth_sign, a Token instruction with no data, a type Permit2 never
verifies): there the twin gets the same FLAG / BLOCK, and its ``why`` says so.

Looked for and not found in the searchable code (no row built): Seaport / Blur order kits
(monkeydrainer/seaport-drainer-v2 index.js ships without its Seaport part; the Angel Drainer
analysis names a ``seaport_receiver`` but no order; Buybanklogs/erc20-drainer signs an order
its backend builds, not in the code), Inferno / Pink / Ace / Venom / MS drainer source
(MS-derived GoldenMart/1 docs list "SeaPort 1.5", "Blur", "Uniswap Multicall" methods without
code), increaseAllowance kits, Solana SetAuthority / Assign / durable-nonce / stake / memo
kits, Safe owner swaps. Tron (allin1-drainer) is out of the guard's chains.
"""

from __future__ import annotations

import base64
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import rlp
from eth_abi import encode
from eth_account import Account
from eth_utils import keccak, to_checksum_address
from solders.hash import Hash
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.message import Message
from solders.pubkey import Pubkey
from solders.system_program import TransferParams
from solders.system_program import transfer as sol_transfer
from solders.token.associated import get_associated_token_address
from solders.transaction import Transaction

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))  # the shared EVM builders
sys.path.insert(0, str(ROOT / "examples"))  # spl.py: SPL instruction builders
import spl  # noqa: E402
from evm_builders import call, domain_type  # noqa: E402

OUT = Path(__file__).with_name("drainer_kits.json")
MAX = 2**256 - 1
MAX_UINT160 = 2**160 - 1
T0 = 1_767_225_600  # 2026-01-01: the kits' "now" (deadlines are now + 3600)
PERMIT2 = "0x000000000022D473030F116dDEE9F6B43aC78BA3"
USDC = "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48"
DAI = "0x6B175474E89094C44Da98b954EedeAC495271d0F"
USDT = "0xdAC17F958D2ee523a2206206994597C13D831ec7"
OS_STOREFRONT = "0x495f947276749Ce646f68AC8c248420045cb7b5e"  # OpenSea Shared Storefront 1155
BAYC = "0xBC4CA0EdA7647A8aB7C2061c2E118A18a936f13D"
UNI_ROUTER = "0x3fC91A3afd70395Cd496C647d5a6CC9D4B2b7FAD"  # Uniswap UniversalRouter
SOL_USDC = Pubkey.from_string("EPjFWdd5AufqSSqeM2qJxdzYCFhGYQ1KE2Sz6ZGBQ8oR")

# -- the kits (sources read with the code-search tool) --------------------------------------
NEXUS = "tarun-khatri/vault-extraction-nexus"
PGI = "blurryben8-wq/PGi drainer.js (+ config.js: PERMIT2_ADDRESS, MAX_UINT160, SOL_RECEIVER)"
SOLDRAIN = "kasicrypt/sol-drain drain-bot.js"
BACKDOOR = (
    "AlexScherbatyuk/foundry-eip7702-full-drain-poc src/EOABackdoor.sol + "
    "test/EOABackdoorTest.t.sol (signAndAttachDelegation to EOABackdoor, then increment())"
)
SANCTUARY = (
    "tintinweb/smart-contract-sanctuary-ethereum contracts/mainnet/c1/"
    "c1cdaafcec80e2e9affca0af983a2f250758856d_Drainer.sol (batchTransfer(token, actualOwner, "
    "recipient, ids) by its executor: needs the victim's setApprovalForAll to the contract)"
)
H2SKI = (
    "jakondaae/test Drainer/README.md ('Set Aproval NFT method', 'Instant ETH/USDT/USDC/BUSD/"
    "DAI transactions') + Drainer/settings.js (receiveAddress, erc20list USDT/USDC/DAI/BUSD)"
)
BUNDLER = (
    "LaDont-ctrl/Bundler- dist/walletService.js + dist/moneyMover.js ('Solana Wallet Drainer')"
)
BINGO = (
    "bingoxbango/wallet-drainer-kit frontend/phishing_logic.js approveAndDrain "
    "(approve(drainerAddress, MaxUint256))"
)
ANGEL = (
    "skamlek/evm-drainer-files-explained-in-depth research/angel_drainer_functionality_"
    "analysis.md (Angel Drainer: approveMax, setApprovalForAll on ERC-721 and ERC-1155)"
)
BUYBANK = (
    "Buybanklogs/erc20-drainer main.js (stakeERC20: approve(operator, MAX_APPROVAL = "
    "1158472395435294898592384258348512586931256); stakeEth: ethereumjs.Tx of {to: "
    "ownerAddress, value: balance - gas, gasLimit 0x55F0, data '0x0', v: chainId}, sha3 of "
    "its serialisation signed with personal_sign, 'modern replacement for eth_sign' as the "
    "kit's comment says of the eth_sign it used before)"
)
KIZZY = "kizzydez/permit2-drainer frontend/app.js getPermit2Signature"
ALLIN1 = "Ariwa042/allin1-drainer scripts/networks/solana.js"
ZEROTWO = "xqyet/zerotwo WalletDrainerSim/app.js (ERC20 transfer(ATTACKER, balance), native send)"
CLAIM_CONTRACT = (
    "cassc/etherscan-contract-crawler contracts/0x5a577eca538b40080bc2eb4bdc87fe5157cbda47_"
    "SmartContract/SmartContract.sol (Claim / ClaimReward / SecurityUpdate / Execute / Swap / "
    "Connect(address sender) payable, keeping msg.value for its owner; the contract types "
    "'Claim, Claim Reward, Security Update, Swap, Connect, Execute' that GoldenMart/1 "
    "overview/our-features.md sells)"
)
UNIVERSAL = (
    "atshelchin/shelchin-contracts src/UniversalDrainer.sol (drainToAddress: the delegated "
    "account's personal_sign of keccak256(abi.encode(chainid, account, recipient, tokens, "
    "deadline)) moves every token and the ETH to recipient)"
)
DRAINER_CONTRACT = "0xc1cdaafcec80e2e9affca0af983a2f250758856d"


def evm(tag: str) -> str:
    """A made-up EVM address from a tag (never funded, no key)."""
    return to_checksum_address(keccak(text=f"drainer-kits:{tag}")[-20:])


def sol(tag: str) -> Keypair:
    """A generated, never-funded Solana keypair from a tag."""
    return Keypair.from_seed(keccak(text=f"drainer-kits:sol:{tag}"))


VICTIM_KEY = Account.from_key(keccak(text="drainer-kits:victim-key"))  # never funded
OWN = VICTIM_KEY.address
RECEIVER = evm("kit-receiver")  # the kit's configured receiver / spender
FRIEND = evm("friend")  # an allowlisted counterparty (exchange, own cold wallet, vault)
SOL_OWN = sol("own")
SOL_RECEIVER = sol("receiver").pubkey()
SOL_FRIEND = sol("friend").pubkey()
ALLOWED_DELEGATE = evm("allowlisted-7702-delegate")


def allow(
    *addresses: str, spenders: tuple[str, ...] = (), operators: tuple[str, ...] = ()
) -> dict[str, list[str]]:
    return {
        "recipients": list(addresses),
        "spenders": list(spenders),
        "operators": list(operators),
        "delegators": [],
    }


def tx(to: str, data: bytes = b"", value: int = 0, frm: str = OWN) -> dict[str, Any]:
    return {"from": frm, "to": to, "value": hex(value), "data": "0x" + data.hex(), "chainId": 1}


PERMIT_FIELDS = [
    {"name": "owner", "type": "address"},
    {"name": "spender", "type": "address"},
    {"name": "value", "type": "uint256"},
    {"name": "nonce", "type": "uint256"},
    {"name": "deadline", "type": "uint256"},
]
DETAILS = [
    {"name": "token", "type": "address"},
    {"name": "amount", "type": "uint160"},
    {"name": "expiration", "type": "uint48"},
    {"name": "nonce", "type": "uint48"},
]


def obfuscated_permit(spender: str, value: int) -> dict[str, Any]:
    """permitUtils.ts generateSecurityValidation: EIP-2612 Permit fields signed under the type
    name ``VerificationData`` (``{ VerificationData: PERMIT_TYPES.Permit }``), domain = the
    token's name, version '1', the token; value = the balance; deadline = now + 3600."""
    return {
        "types": {
            "EIP712Domain": domain_type("name", "version", "chainId", "verifyingContract"),
            "VerificationData": PERMIT_FIELDS,
        },
        "primaryType": "VerificationData",
        "domain": {"name": "USD Coin", "version": "1", "chainId": 1, "verifyingContract": USDC},
        "message": {
            "owner": OWN,
            "spender": spender,
            "value": str(value),
            "nonce": "0",
            "deadline": str(T0 + 3600),
        },
    }


def permit2_batch(spender: str, amounts: list[tuple[str, int]]) -> dict[str, Any]:
    """permitUtils.ts generatePermit2BatchSignature: domain Permit2 *with* version '1',
    PermitBatch(owner, details[], spender, sigDeadline) -- the kit adds an ``owner`` field the
    real Permit2 type lacks; expiration = sigDeadline = the kit's deadline."""
    return {
        "types": {
            "EIP712Domain": domain_type("name", "version", "chainId", "verifyingContract"),
            "PermitBatch": [
                {"name": "owner", "type": "address"},
                {"name": "details", "type": "PermitDetails[]"},
                {"name": "spender", "type": "address"},
                {"name": "sigDeadline", "type": "uint256"},
            ],
            "PermitDetails": DETAILS,
        },
        "primaryType": "PermitBatch",
        "domain": {"name": "Permit2", "version": "1", "chainId": 1, "verifyingContract": PERMIT2},
        "message": {
            "owner": OWN,
            "details": [
                {"token": t, "amount": str(a), "expiration": str(T0 + 3600), "nonce": "0"}
                for t, a in amounts
            ],
            "spender": spender,
            "sigDeadline": str(T0 + 3600),
        },
    }


def permit2_batch_details_to(to: str) -> dict[str, Any]:
    """permitUtils.ts generatePermit2SignatureTransferBatch: domain Permit2 without version,
    PermitBatchTransferFrom(batchDetails BatchDetails[], owner, nonce, deadline) with
    BatchDetails(token, to, amount uint160): every token's receiver written in the message."""
    return {
        "types": {
            "EIP712Domain": domain_type("name", "chainId", "verifyingContract"),
            "PermitBatchTransferFrom": [
                {"name": "batchDetails", "type": "BatchDetails[]"},
                {"name": "owner", "type": "address"},
                {"name": "nonce", "type": "uint256"},
                {"name": "deadline", "type": "uint256"},
            ],
            "BatchDetails": [
                {"name": "token", "type": "address"},
                {"name": "to", "type": "address"},
                {"name": "amount", "type": "uint160"},
            ],
        },
        "primaryType": "PermitBatchTransferFrom",
        "domain": {"name": "Permit2", "chainId": 1, "verifyingContract": PERMIT2},
        "message": {
            "batchDetails": [
                {"token": USDC, "to": to, "amount": str(25_000 * 10**6)},
                {"token": DAI, "to": to, "amount": str(12_000 * 10**18)},
            ],
            "owner": OWN,
            "nonce": "0",
            "deadline": str(T0 + 3600),
        },
    }


def permit2_single_wildcard(spender: str) -> dict[str, Any]:
    """drainer.js startEVMStealthDrain: domain {name 'Permit2', chainId, verifyingContract}
    (no version), PermitSingle with token = 0x0 ('Wildcard for all tokens'), amount =
    MAX_UINT160, expiration = sigDeadline = now + 3600, nonce = Date.now()."""
    return {
        "types": {
            "EIP712Domain": domain_type("name", "chainId", "verifyingContract"),
            "PermitSingle": [
                {"name": "details", "type": "PermitDetails"},
                {"name": "spender", "type": "address"},
                {"name": "sigDeadline", "type": "uint256"},
            ],
            "PermitDetails": DETAILS,
        },
        "primaryType": "PermitSingle",
        "domain": {"name": "Permit2", "chainId": 1, "verifyingContract": PERMIT2},
        "message": {
            "details": {
                "token": "0x" + "00" * 20,
                "amount": str(MAX_UINT160),
                "expiration": str(T0 + 3600),
                "nonce": str(T0 * 1000),
            },
            "spender": spender,
            "sigDeadline": str(T0 + 3600),
        },
    }


def permit2_single_canonical(spender: str) -> dict[str, Any]:
    """permit2-drainer getPermit2Signature: domain {name 'Permit2', chainId,
    verifyingContract} (no version), the canonical PermitSingle, token = each target token,
    amount = MAX_UINT160, expiration = now + 30 days, nonce 0, sigDeadline = now + 1800."""
    return {
        "domain": {"name": "Permit2", "chainId": 1, "verifyingContract": PERMIT2},
        "types": {
            "EIP712Domain": domain_type("name", "chainId", "verifyingContract"),
            "PermitSingle": [
                {"name": "details", "type": "PermitDetails"},
                {"name": "spender", "type": "address"},
                {"name": "sigDeadline", "type": "uint256"},
            ],
            "PermitDetails": DETAILS,
        },
        "primaryType": "PermitSingle",
        "message": {
            "details": {
                "token": DAI,
                "amount": str(MAX_UINT160),
                "expiration": str(T0 + 86400 * 30),
                "nonce": "0",
            },
            "spender": spender,
            "sigDeadline": str(T0 + 1800),
        },
    }


def sol_tx(payer: Keypair, ixs: list[Any]) -> dict[str, str]:
    msg = Message.new_with_blockhash(ixs, payer.pubkey(), Hash.default())
    built = Transaction([payer], msg, Hash.default())
    return {"tx": base64.b64encode(bytes(built)).decode()}


def eip7702(delegate: str, data: bytes = call("increment()")) -> str:
    """The victim's type-4 tx: an authorization to ``delegate`` + a call into itself
    (``EOABackdoor(victim).increment()``), signed with the generated never-funded key."""
    auth = VICTIM_KEY.sign_authorization({"chainId": 1, "address": delegate, "nonce": 1})
    body = {
        "to": OWN,
        "value": 0,
        "data": data,
        "gas": 200_000,
        "nonce": 0,
        "chainId": 1,
        "maxFeePerGas": 10**10,
        "maxPriorityFeePerGas": 1,
        "authorizationList": [auth],
    }
    return "0x" + VICTIM_KEY.sign_transaction(body).raw_transaction.hex()


Row = dict[str, Any]
ROWS: list[Row] = []


def row(  # noqa: PLR0917 (one table row)
    rid: str,
    kit: str,
    source: str,
    kind: str,
    ptype: str,
    payload: Any,
    expected: str,
    why: str,
    allowlist: dict[str, list[str]],
    chain: str = "evm",
) -> None:
    ROWS.append(
        {
            "id": f"kit-{rid}-{ {'drainer': 'drain', 'legitimate': 'twin'}.get(kind, kind) }",
            "family": rid,
            "kind": kind,
            "kit": kit,
            "source": source,
            "chain": chain,
            "payload_type": ptype,
            "payload": payload,
            "own": str(SOL_OWN.pubkey()) if chain == "solana" else OWN,
            "allowlist": allowlist,
            "expected_verdict": expected,
            "expected_effects": [],
            "why": why,
        }
    )


def pair(  # noqa: PLR0917 (a drainer row and its twin)
    rid: str,
    kit: str,
    source: str,
    ptype: str,
    drain: tuple[Any, str, str],
    twin: tuple[Any, str] | tuple[Any, str, str],
    allowlist: dict[str, list[str]],
    chain: str = "evm",
) -> None:
    row(rid, kit, source, "drainer", ptype, drain[0], drain[1], drain[2], allowlist, chain)
    payload, expected, why = twin if len(twin) == 3 else (twin[0], "allow", twin[1])
    row(rid, kit, source, "legitimate", ptype, payload, expected, why, allowlist, chain)


def tx_pair(  # noqa: PLR0917 (a drainer transaction and its twin to another party)
    rid: str,
    kit: str,
    source: str,
    build: Callable[[str], dict[str, Any]],
    drain: tuple[str, str, str],
    twin: tuple[str, str],
    allowlist: dict[str, list[str]],
) -> None:
    """``pair`` of two transactions that differ only in the party ``build`` names: the kit's
    (``drain``: party, expected, why) and the allowlisted one (``twin``: party, why)."""
    party, expected, why = drain
    pair(
        rid, kit, source, "tx", (build(party), expected, why), (build(twin[0]), twin[1]), allowlist
    )


def build_evm() -> None:
    careful = allow(FRIEND, UNI_ROUTER, spenders=(FRIEND, UNI_ROUTER), operators=(FRIEND,))
    balance = 25_000 * 10**6
    pair(
        "permit_type_renamed",
        "vault-extraction-nexus",
        f"{NEXUS} src/utils/permitUtils.ts generateSecurityValidation",
        "typed_data",
        (
            obfuscated_permit(RECEIVER, balance),
            "block",
            "EIP-2612 Permit fields under the type name VerificationData: a balance-sized "
            "standing allowance to a stranger (the deadline bounds only the signature) -> BLOCK",
        ),
        (obfuscated_permit(FRIEND, balance), "the same permit to the allowlisted spender"),
        careful,
    )
    pair(
        "permit_type_renamed_max",
        "vault-extraction-nexus",
        f"{NEXUS} src/utils/permitUtils.ts generateSecurityValidation (amount argument = MAX, "
        "as its callers pass for tokens without a known balance)",
        "typed_data",
        (
            obfuscated_permit(RECEIVER, MAX),
            "block",
            "renamed Permit type, unlimited value to a stranger -> BLOCK like an on-chain approve",
        ),
        (obfuscated_permit(FRIEND, MAX), "unlimited permit to the allowlisted spender"),
        careful,
    )
    tokens = [(USDC, balance), (DAI, 12_000 * 10**18), (USDT, 9_000 * 10**6)]
    pair(
        "permit2_batch_balances",
        "vault-extraction-nexus",
        f"{NEXUS} src/utils/permitUtils.ts generatePermit2BatchSignature "
        "(src/services/drainerService.ts: amounts = balances, spender = DRAINER_CONFIG.recipient)",
        "typed_data",
        (
            permit2_batch(RECEIVER, tokens),
            "flag",
            "Permit2 PermitBatch of every token's balance to a stranger, expiring in an hour "
            "(bounded, short-lived grants) -> FLAG, never ALLOW",
        ),
        (permit2_batch(FRIEND, tokens), "the same batch to the allowlisted spender"),
        careful,
    )
    pair(
        "permit2_batch_max",
        "vault-extraction-nexus",
        f"{NEXUS} src/utils/permitUtils.ts generatePermit2BatchSignature (amounts = MAX_UINT160 "
        "as PGi config.js sets for 'Unlimited Permit2')",
        "typed_data",
        (
            permit2_batch(RECEIVER, [(t, MAX_UINT160) for t, _ in tokens]),
            "block",
            "Permit2 PermitBatch, every token unlimited, to a stranger -> BLOCK",
        ),
        (
            permit2_batch(FRIEND, [(t, MAX_UINT160) for t, _ in tokens]),
            "unlimited batch to the allowlisted spender",
        ),
        careful,
    )
    pair(
        "permit2_batch_details_to",
        "vault-extraction-nexus",
        f"{NEXUS} src/utils/permitUtils.ts generatePermit2SignatureTransferBatch",
        "typed_data",
        (
            permit2_batch_details_to(RECEIVER),
            "flag",
            "Permit2-domain batch naming a stranger as every token's receiver (a give to a "
            "non-allowlisted party) -> FLAG, never ALLOW",
        ),
        (
            permit2_batch_details_to(OWN),
            "flag",
            "the same batch paying the own account: still no Permit2 type (Permit2 verifies no "
            "BatchDetails(token,to,amount)), so what a signature over it does is unknown -> FLAG",
        ),
        careful,
    )
    tx_pair(
        "approve_balance",
        "vault-extraction-nexus",
        f"{NEXUS} src/services/drainerService.ts executeEVMDrain "
        "(tokenContract.approve(DRAINER_CONFIG.recipient, token.balance))",
        lambda to: tx(USDT, call("approve(address,uint256)", to, 9_000 * 10**6)),
        (RECEIVER, "block", "on-chain allowance of the balance to a stranger, no expiry -> BLOCK"),
        (FRIEND, "allowance to the allowlisted spender"),
        careful,
    )
    tx_pair(
        "transfer_from_own",
        "vault-extraction-nexus",
        f"{NEXUS} src/services/drainerService.ts executeEVMDrain "
        "(tokenContract.transferFrom(userAddress, recipient, balance) sent by the victim)",
        lambda to: tx(USDT, call("transferFrom(address,address,uint256)", OWN, to, 9_000 * 10**6)),
        (RECEIVER, "flag", "the victim moves its own balance to a stranger -> FLAG (a give)"),
        (FRIEND, "the same move to the allowlisted recipient"),
        careful,
    )
    native = 3 * 10**18 - 21_000 * 30 * 10**9
    pair(
        "native_balance",
        "vault-extraction-nexus",
        f"{NEXUS} src/services/drainerService.ts (sendTransaction to recipient, "
        "balance - gasPrice*21000)",
        "tx",
        (tx(RECEIVER, value=native), "flag", "the native balance to a stranger -> FLAG"),
        (tx(FRIEND, value=native), "the native balance to the allowlisted cold wallet"),
        careful,
    )
    pair(
        "permit2_single_wildcard_token",
        "PGi",
        f"{PGI} startEVMStealthDrain",
        "typed_data",
        (
            permit2_single_wildcard(RECEIVER),
            "block",
            "Permit2 PermitSingle, amount MAX_UINT160, token 0x0, to a stranger -> BLOCK",
        ),
        (permit2_single_wildcard(FRIEND), "the same permit to the allowlisted spender"),
        careful,
    )
    pair(
        "permit2_single_per_token",
        "permit2-drainer",
        KIZZY,
        "typed_data",
        (
            permit2_single_canonical(RECEIVER),
            "block",
            "canonical Permit2 PermitSingle per token, amount MAX_UINT160, expiration now + 30 "
            "days, spender = the drainer contract -> BLOCK",
        ),
        (permit2_single_canonical(FRIEND), "the same permit to the allowlisted spender"),
        careful,
    )
    pgi_native = 2 * 10**18 - 2 * 21_000 * 30 * 10**9
    pair(
        "native_balance_fallback",
        "PGi",
        f"{PGI} fallbackNativeDrain",
        "tx",
        (
            tx(RECEIVER, value=pgi_native),
            "flag",
            "balance - 2*gas to the kit's receiver -> FLAG (give to a stranger)",
        ),
        (tx(FRIEND, value=pgi_native), "the same to the allowlisted cold wallet"),
        careful,
    )
    tx_pair(
        "erc20_transfer_balance",
        "zerotwo",
        ZEROTWO,
        lambda to: tx(USDT, call("transfer(address,uint256)", to, 9_000 * 10**6)),
        (RECEIVER, "flag", "the token balance to a stranger -> FLAG"),
        (FRIEND, "the balance to the allowlisted recipient"),
        careful,
    )
    tx_pair(
        "set_approval_for_all_drainer_contract",
        "sanctuary-Drainer",
        SANCTUARY,
        lambda to: tx(BAYC, call("setApprovalForAll(address,bool)", to, True)),
        (
            DRAINER_CONTRACT,
            "block",
            "every NFT of the collection to a non-allowlisted operator -> BLOCK",
        ),
        (FRIEND, "operator approval to the allowlisted marketplace conduit"),
        careful,
    )
    tx_pair(
        "approve_kit_max_constant",
        "erc20-drainer",
        BUYBANK,
        lambda to: tx(
            USDT, call("approve(address,uint256)", to, 1158472395435294898592384258348512586931256)
        ),
        (
            RECEIVER,
            "block",
            "the kit's MAX_APPROVAL (~1.16e42, not 2^256-1) to its operator: unlimited in "
            "effect -> BLOCK",
        ),
        (UNI_ROUTER, "the same allowance to the allowlisted router"),
        careful,
    )
    tx_pair(
        "approve_max",
        "wallet-drainer-kit",
        BINGO,
        lambda to: tx(USDC, call("approve(address,uint256)", to, MAX)),
        (RECEIVER, "block", "unlimited on-chain allowance to the kit's drainer wallet -> BLOCK"),
        (UNI_ROUTER, "unlimited allowance to the allowlisted router"),
        careful,
    )
    tx_pair(
        "set_approval_for_all_erc1155",
        "Angel-Drainer",
        ANGEL,
        lambda to: tx(OS_STOREFRONT, call("setApprovalForAll(address,bool)", to, True)),
        (
            RECEIVER,
            "block",
            "every ERC-1155 token of the collection to a non-allowlisted operator -> BLOCK",
        ),
        (FRIEND, "operator approval to the allowlisted operator"),
        careful,
    )
    tx_pair(
        "set_approval_for_all_receiver",
        "H2ski-Drainer-V3",
        H2SKI,
        lambda to: tx(BAYC, call("setApprovalForAll(address,bool)", to, True)),
        (RECEIVER, "block", "every NFT of the collection to the kit's receive address -> BLOCK"),
        (FRIEND, "operator approval to the allowlisted operator"),
        careful,
    )
    claim = "0x5a577eca538b40080bc2eb4bdc87fe5157cbda47"
    for fn in ("Claim", "SecurityUpdate"):
        pair(
            f"payable_{fn.lower()}_contract",
            "MS-style-contract",
            CLAIM_CONTRACT,
            "tx",
            (
                tx(claim, call(f"{fn}(address)", OWN), value=native),
                "flag",
                f"{fn}(own) with the native balance to a non-allowlisted contract: an opaque "
                "call giving value to a stranger -> FLAG",
            ),
            (
                tx(FRIEND, call(f"{fn}(address)", OWN), value=native),
                "the same payable call to the owner's allowlisted contract",
            ),
            careful,
        )
    pair(
        "eip7702_universal_drainer",
        "UniversalDrainer",
        UNIVERSAL,
        "tx",
        (
            eip7702(evm("universal-drainer"), b""),
            "block",
            "EIP-7702 delegation of the own account to the sweeper contract -> BLOCK",
        ),
        (eip7702(ALLOWED_DELEGATE, b""), "delegation to the allowlisted delegate"),
        allow(FRIEND, spenders=(FRIEND,)) | {"delegators": [ALLOWED_DELEGATE]},
    )
    backdoor = evm("eoa-backdoor")
    pair(
        "eip7702_sweeper_delegate",
        "eip7702-full-drain-poc",
        BACKDOOR,
        "tx",
        (
            eip7702(backdoor),
            "block",
            "EIP-7702 code delegation of the own account to a non-allowlisted contract -> BLOCK",
        ),
        (
            eip7702(ALLOWED_DELEGATE, b""),
            "the owner's upgrade: delegation to the allowlisted "
            "delegate, no call (the kit's increment() has no meaning outside its backdoor)",
        ),
        allow(FRIEND, spenders=(FRIEND,)) | {"delegators": [ALLOWED_DELEGATE]},
    )


H2SKI_MESSAGE = (  # settings.js signMessage, {address} and {nonce} filled in
    "Welcome, \n\nClick to sign in and accept the Terms of Service.\n\n"
    "This request will not trigger a blockchain transaction or cost any gas fees.\n\n"
    f"Wallet Address:\n{OWN}\n\nNonce:\n4471"
)


def unsigned_tx_hash(to: str) -> str:
    """stakeEth's digest: keccak of the RLP of an EIP-155 unsigned legacy transaction
    (ethereumjs-tx v1 serialise of nonce, gasPrice, gasLimit 0x55F0, to, value, data '0x0'
    (one zero byte), v = chainId, r = s = empty)."""
    gas_price = 30 * 10**9
    value = 2 * 10**18 - gas_price * 22_000
    fields = [7, gas_price, 0x55F0, bytes.fromhex(to[2:]), value, b"\x00", 1, b"", b""]
    return "0x" + keccak(rlp.encode(fields)).hex()


def universal_digest(recipient: str) -> str:
    """UniversalDrainer's signed digest: keccak256(abi.encode(chainid, the account, recipient,
    tokens, deadline)), sent as personal_sign of the raw 32 bytes (EIP-191 prefix + 32)."""
    body = encode(
        ["uint256", "address", "address", "address[]", "uint256"],
        [1, OWN, recipient, [USDC, DAI, USDT], T0 + 3600],
    )
    return "0x" + keccak(body).hex()


def build_messages() -> None:
    row(
        "sign_in_lure",
        "H2ski-Drainer-V3",
        H2SKI + " signMessage",
        "lure",
        "personal_sign",
        {"message": H2SKI_MESSAGE},
        "allow",
        "the kit's sign-in text before its drain requests: it grants and moves nothing (the "
        "requests after it are judged on their own)",
        allow(),
    )
    pair(
        "personal_sign_sweep_digest",
        "UniversalDrainer",
        UNIVERSAL,
        "personal_sign",
        (
            {"message": universal_digest(RECEIVER)},
            "block",
            "personal_sign of a bare 32-byte digest that the kit's delegate accepts as a sweep "
            "of every token and the ETH: blind (nothing of it shows); the EIP-191 prefix stops "
            "no contract that takes the prefixed hash as approval -> BLOCK blind_signature, "
            "as eth_sign of it (chains/evm/messages.py, issue 12)",
        ),
        (
            {"message": universal_digest(OWN)},
            "block",
            "the same digest naming the own account: just as blind, so no twin of this shape "
            "can be allowed -> BLOCK",
        ),
        allow(FRIEND),
    )


def build_tx_hash_signing() -> None:
    pair(
        "personal_sign_tx_hash",
        "erc20-drainer",
        BUYBANK,
        "personal_sign",
        (
            {"message": unsigned_tx_hash(RECEIVER)},
            "block",
            "personal_sign of the hash of a transaction sending the balance to the kit's "
            "owner: a bare 32-byte digest (EIP-191-prefixed, yet a blind approval of whatever "
            "it hashes) -> BLOCK blind_signature, as eth_sign of it",
        ),
        (
            {"message": unsigned_tx_hash(FRIEND)},
            "block",
            "the digest of the same transaction to the allowlisted wallet: just as blind, "
            "no twin of this shape can be allowed -> BLOCK",
        ),
        allow(FRIEND),
    )
    pair(
        "eth_sign_tx_hash",
        "erc20-drainer",
        BUYBANK,
        "eth_sign",
        (
            {"message": unsigned_tx_hash(RECEIVER)},
            "block",
            "eth_sign of a transaction's hash (no prefix): the signature is that transaction's "
            "-> BLOCK blind_signature",
        ),
        (
            {"message": unsigned_tx_hash(FRIEND)},
            "block",
            "eth_sign of the hash of the same transaction to the allowlisted wallet: still "
            "blind (the hash shows nothing), no twin can be allowed -> BLOCK",
        ),
        allow(FRIEND),
    )


def build_solana() -> None:
    own = SOL_OWN.pubkey()
    careful = allow(str(SOL_FRIEND), spenders=(str(SOL_FRIEND),))
    lamports = 4 * 10**9 - 20_000
    pair(
        "sol_system_transfer_balance",
        "PGi",
        f"{PGI} startSolDrain",
        "solana_tx_base64",
        (
            sol_tx(
                SOL_OWN,
                [
                    sol_transfer(
                        TransferParams(from_pubkey=own, to_pubkey=SOL_RECEIVER, lamports=lamports)
                    )
                ],
            ),
            "flag",
            "SOL balance - 20000 lamports to the kit's SOL_RECEIVER -> FLAG",
        ),
        (
            sol_tx(
                SOL_OWN,
                [
                    sol_transfer(
                        TransferParams(from_pubkey=own, to_pubkey=SOL_FRIEND, lamports=lamports)
                    )
                ],
            ),
            "the same to the allowlisted wallet",
        ),
        careful,
        chain="solana",
    )
    bonk = Pubkey.from_string("DezXAZ8z7PnrnRJjz3wXBoRgixCa6xjnB7YaB1pPB263")

    def sweep(dest: Pubkey) -> dict[str, str]:
        ixs = [sol_transfer(TransferParams(from_pubkey=own, to_pubkey=dest, lamports=lamports))]
        for mint, amount in ((SOL_USDC, 25_000 * 10**6), (bonk, 9 * 10**11)):
            dest_ata = get_associated_token_address(dest, mint)
            # createAssociatedTokenAccountInstruction: the ATA program's Create, empty data
            ixs.append(Instruction(spl.ATA, b"", spl.create_ata(own, dest, mint).accounts))
            ixs.append(spl.transfer(get_associated_token_address(own, mint), dest_ata, own, amount))
        return sol_tx(SOL_OWN, ixs)

    pair(
        "sol_sweep_all_tokens",
        "Bundler-",
        f"{BUNDLER} createTransferTransaction",
        "solana_tx_base64",
        (
            sweep(SOL_RECEIVER),
            "block",
            "one tx: SOL balance - fees + every token's balance (ATA created for the receiver) "
            "to a stranger: a give of 'all' to a non-allowlisted party -> BLOCK",
        ),
        (sweep(SOL_FRIEND), "the same sweep to the allowlisted own cold wallet"),
        careful,
        chain="solana",
    )

    def empty_token_ix(dest: Pubkey) -> dict[str, str]:
        """createTokenTransferInstruction: the Token program with the three accounts of a
        Transfer but ``data: Buffer.alloc(0)`` (the kit's own 'simplified' instruction)."""
        metas = spl.transfer(
            get_associated_token_address(own, SOL_USDC),
            get_associated_token_address(dest, SOL_USDC),
            own,
            0,
        ).accounts
        return sol_tx(SOL_OWN, [Instruction(spl.TOKEN, b"", metas)])

    pair(
        "spl_transfer_empty_data",
        "allin1-drainer",
        f"{ALLIN1} createTokenTransferInstruction / drainToken",
        "solana_tx_base64",
        (
            empty_token_ix(SOL_RECEIVER),
            "flag",
            "a Token-program instruction with no data names the receiver's token account: it "
            "decodes to nothing, so what it does is unknown -> FLAG (never ALLOW)",
        ),
        (
            empty_token_ix(SOL_FRIEND),
            "flag",
            "the same empty instruction toward the allowlisted wallet: still undecodable, so no "
            "twin of this shape can be allowed -> FLAG",
        ),
        careful,
        chain="solana",
    )
    source = get_associated_token_address(own, SOL_USDC)
    safe_max = 2**53 - 1  # Number.MAX_SAFE_INTEGER
    pair(
        "spl_approve_max_safe_integer",
        "sol-drain",
        f"{SOLDRAIN} (splToken.approve(victim ATA, attacker, Number.MAX_SAFE_INTEGER))",
        "solana_tx_base64",
        (
            sol_tx(SOL_OWN, [spl.approve(source, SOL_RECEIVER, own, safe_max)]),
            "block",
            "SPL delegate of the token account to a stranger (no expiry) -> BLOCK",
        ),
        (
            sol_tx(SOL_OWN, [spl.approve(source, SOL_FRIEND, own, safe_max)]),
            "delegate to the allowlisted program authority",
        ),
        careful,
        chain="solana",
    )


def render() -> str:
    """The table's JSON text (deterministic)."""
    ROWS.clear()
    build_evm()
    build_messages()
    build_tx_hash_signing()
    build_solana()
    doc = {
        "description": (
            "Signing requests exactly as public drainer kits build them, each with its "
            "legitimate twin (issue 12, tx17b); see make_drainer_kits.py for the sources."
        ),
        "entries": ROWS,
    }
    return json.dumps(doc, indent=1) + "\n"


def main() -> None:
    OUT.write_text(render(), encoding="utf-8")


if __name__ == "__main__":
    main()
