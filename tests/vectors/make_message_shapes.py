"""Build ``message_shapes.json``: ``eth_sign`` / ``personal_sign`` / Solana ``signMessage``
requests in the shapes drainer kits abuse (issue 12), with near misses that stay as they were.

Each row names its source (the kit, incident write-up or spec the shape comes from). Owners,
strangers and friends are made-up addresses / generated Solana keys (never funded); token,
router and Permit2 addresses are their real deployments. Regenerate with
``.venv/bin/python tests/vectors/make_message_shapes.py`` (deterministic).

Row keys: ``id``, ``family``, ``kind`` (drainer / legitimate / near-miss / bad-input),
``source``, ``chain``, ``method``, ``encoding`` (how ``message`` is passed: ``text``, ``hex``
(a ``0x`` string), ``bytes`` (hex here, passed as bytes), ``base58`` / ``base64`` strings),
``message``, ``own``, ``allowlist`` (policy keys), ``chain_id`` (the signer's chain, or null),
``expected_verdict``, ``expected_rules`` (must all be present), ``expected_effects`` (each a
substring of one effect line), ``twin`` (null, or the same request through
``check_transaction`` / ``check_typed_data``: same verdict, same effects).
"""

from __future__ import annotations

import base64
import json
import sys
from pathlib import Path
from typing import Any

import base58
import rlp
import solders.system_program as sp
from eth_abi import encode
from eth_account.messages import encode_typed_data
from eth_utils import keccak, to_checksum_address
from solders.hash import Hash
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.message import Message, MessageV0, to_bytes_versioned
from solders.pubkey import Pubkey

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: the shared builders
from evm_builders import permit_typed_data

OUT = Path(__file__).with_name("message_shapes.json")

MAX = 2**256 - 1
USDC = "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48"
DAI = "0x6B175474E89094C44Da98b954EedeAC495271d0F"
BAYC = "0xBC4CA0EdA7647A8aB7C2061c2E118A18a936f13D"
PERMIT2 = "0x000000000022D473030F116dDEE9F6B43aC78BA3"
UNIVERSAL_ROUTER = "0x3fC91A3afd70395Cd496C647d5a6CC9D4B2b7FAD"
TOKEN_PROGRAM = Pubkey.from_string("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA")
PHISHING = "airdrop-uniswap.com"  # MetaMask eth-phishing-detect 1.2.0 blacklist (shipped)
SOL_PHISHING = "2024jupiter.vip"  # Phantom blocklist (shipped, label phantom:phishing)

SLOWMIST = (
    "SlowMist, 'Blank Check eth_sign Phishing Analysis' (slowmist.medium.com, 2022-10-17): "
    "the kit serialises a transaction and has the victim sign it / its hash as a message"
)
SATELLITE = (
    "MetaMask/eth-phishing-detect PR #10590 (fake Satellite bridge asking to sign a "
    "rawTransactionHash that withdraws ERC-20 tokens)"
)
BSC_KIT = (
    "BSC drainer front-end found by code search (index id 30472387086): eth_sign of "
    "'Authorize sending <balance> BNB from <addr>', then eth_sign of JSON.stringify(unsignedTx)"
)
SKAMLEK = (
    "skamlek/evm-drainer-files-explained-in-depth research/wallet_prompts_and_draining_methods.md "
    "(permits and raw signatures presented as 'verify wallet ownership' messages)"
)
MIP_ETH_SIGN = (
    "MetaMask/metamask-improvement-proposals PR #42 'Deprecation of eth_sign' (signs an "
    "arbitrary hash: a transaction or anything else) and metamask-extension #1930"
)
CONEDISON = (
    "Uniswap/conedison src/provider/signing.ts: signTypedData falls back to eth_sign of "
    "_TypedDataEncoder.hash (the EIP-712 digest) when a wallet lacks EIP-712"
)
EIP712 = (
    "EIP-712 §Specification: encode(domainSeparator, message) = "
    "0x19 0x01 ‖ domainSeparator ‖ hashStruct(message)"
)
EIP4361 = (
    "EIP-4361 Sign-In with Ethereum (eips.ethereum.org/EIPS/eip-4361), message format and example"
)
EIP5573 = (
    "EIP-5573 SIWE ReCap: urn:recap:<base64url JSON {att: {target: {ability: [...]}}}> resources"
)
OPENSEA_LOGIN = "OpenSea login message wording (personal_sign of plain terms text; effects_real.md)"
EIP2612 = (
    "EIP-2612 Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"
)
PERMIT2_SRC = (
    "Uniswap/permit2 AllowanceTransfer PermitSingle / PermitDetails (Uniswap app default: "
    "max uint160 to the Universal Router)"
)
OISY = (
    "dfinity/oisy-wallet PR #13702 (solana_signMessage of a base58 compiled transaction message: "
    "ed25519 adds no prefix, the signature is valid on the transaction)"
)
PHANTOM = "phantom/docs #182 (Phantom refuses 'solana transactions using sign message')"
SIWS = (
    "Sign In With Solana: phantom/sign-in-with-solana, docs.phantom.com 'Sign-In-With (SIW) "
    "standards'; message as Privy's createSiwsMessage builds it (Chain ID: mainnet)"
)
SOL_KITS = (
    "mohamedtarrek/SOL-SPC-Drainerr, LaDont-ctrl/Bundler- (move the SOL / every SPL balance "
    "to the attacker in one transaction; effects_real.md)"
)


def addr(tag: str) -> str:
    """A made-up address derived from a tag (never funded, no key)."""
    return to_checksum_address(keccak(text=f"message-shapes:{tag}")[-20:])


def sol_key(tag: str) -> Keypair:
    """A generated Solana key (seeded, never funded)."""
    return Keypair.from_seed(keccak(text=f"message-shapes-sol:{tag}"))


OWN, FRIEND, STRANGER, OTHER = addr("own"), addr("friend"), addr("stranger"), addr("other")
SOL_OWN, SOL_FRIEND, SOL_STRANGER = sol_key("own"), sol_key("friend"), sol_key("stranger")


def call(signature: str, types: list[str], *args: Any) -> bytes:
    return keccak(text=signature)[:4] + encode(types, list(args))


def _b(addr_: str | None) -> bytes:
    return bytes.fromhex(addr_[2:]) if addr_ else b""


def eip1559(to: str, data: bytes = b"", value: int = 0, chain_id: int = 1) -> bytes:
    """An unsigned EIP-1559 transaction: 0x02 || rlp([chainId, nonce, tip, maxFee, gas, to,
    value, data, accessList]) (EIP-1559 §Specification)."""
    body = [chain_id, 12, 10**9, 30 * 10**9, 120_000, _b(to), value, data, []]
    return b"\x02" + rlp.encode(body)


def legacy(to: str, value: int, chain_id: int = 1, data: bytes = b"") -> bytes:
    """An unsigned EIP-155 legacy transaction: rlp([nonce, gasPrice, gas, to, value, data,
    chainId, 0, 0])."""
    return rlp.encode([3, 20 * 10**9, 21_000, _b(to), value, data, chain_id, 0, 0])


def siwe(
    domain: str,
    address: str,
    *,
    uri: str | None = None,
    chain_id: int = 1,
    statement: str | None = "I accept the ServiceOrg Terms of Service: https://service.org/tos",
    resources: tuple[str, ...] = (),
    expiration: str | None = None,
    eol: str = "\n",
) -> str:
    lines = [f"{domain} wants you to sign in with your Ethereum account:", address, ""]
    if statement:
        lines += [statement, ""]
    lines += [
        f"URI: {uri or 'https://' + domain.rsplit('://', maxsplit=1)[-1] + '/login'}",
        "Version: 1",
        f"Chain ID: {chain_id}",
        "Nonce: 32891756",
        "Issued At: 2021-09-30T16:25:24Z",
    ]
    if expiration:
        lines.append(f"Expiration Time: {expiration}")
    if resources:
        lines += ["Resources:", *(f"- {r}" for r in resources)]
    return eol.join(lines)


def recap(att: dict[str, Any]) -> str:
    body = json.dumps({"att": att, "prf": []}, separators=(",", ":")).encode()
    return "urn:recap:" + base64.urlsafe_b64encode(body).decode().rstrip("=")


def permit(spender: str, value: int, owner: str = OWN) -> dict[str, Any]:
    """USDC's EIP-2612 Permit (the shared builder, with USDC's domain and a number value)."""
    data = permit_typed_data(spender, value, USDC)
    data["domain"].update(name="USD Coin", version="2")
    data["message"].update(owner=owner, value=value, deadline=1893456000)
    return data


def permit2_single(spender: str, amount: int) -> dict[str, Any]:
    return {
        "types": {
            "EIP712Domain": [
                {"name": "name", "type": "string"},
                {"name": "chainId", "type": "uint256"},
                {"name": "verifyingContract", "type": "address"},
            ],
            "PermitSingle": [
                {"name": "details", "type": "PermitDetails"},
                {"name": "spender", "type": "address"},
                {"name": "sigDeadline", "type": "uint256"},
            ],
            "PermitDetails": [
                {"name": "token", "type": "address"},
                {"name": "amount", "type": "uint160"},
                {"name": "expiration", "type": "uint48"},
                {"name": "nonce", "type": "uint48"},
            ],
        },
        "primaryType": "PermitSingle",
        "domain": {"name": "Permit2", "chainId": 1, "verifyingContract": PERMIT2},
        "message": {
            "details": {"token": USDC, "amount": amount, "expiration": 1735689600, "nonce": 0},
            "spender": spender,
            "sigDeadline": 1733097600,
        },
    }


def digest_preimage(typed: dict[str, Any]) -> bytes:
    signable = encode_typed_data(full_message=typed)
    return b"\x19" + signable.version + signable.header + signable.body


def row(  # noqa: PLR0917 (a table row reads id, family, kind, source, message, verdict)
    id_: str,
    family: str,
    kind: str,
    source: str,
    message: str,
    verdict: str,
    *,
    method: str = "personal_sign",
    encoding: str = "text",
    rules: tuple[str, ...] = (),
    effects: tuple[str, ...] = (),
    chain: str = "evm",
    own: str = OWN,
    allowlist: dict[str, list[str]] | None = None,
    chain_id: int | None = None,
    twin: dict[str, Any] | None = None,
) -> dict[str, Any]:
    return {
        "id": id_,
        "family": family,
        "kind": kind,
        "source": source,
        "chain": chain,
        "method": method,
        "encoding": encoding,
        "message": message,
        "own": own,
        "allowlist": allowlist or {},
        "chain_id": chain_id,
        "expected_verdict": verdict,
        "expected_rules": list(rules),
        "expected_effects": list(effects),
        "twin": twin,
    }


def hexs(raw: bytes) -> str:
    return "0x" + raw.hex()


def tx_twin(raw: bytes) -> dict[str, Any]:
    return {"via": "check_transaction", "payload": hexs(raw)}


def transaction_rows() -> list[dict[str, Any]]:
    approve_all = eip1559(
        USDC, call("approve(address,uint256)", ["address", "uint256"], STRANGER, MAX)
    )
    nft_all = eip1559(
        BAYC, call("setApprovalForAll(address,bool)", ["address", "bool"], STRANGER, True)
    )
    send_eth = legacy(STRANGER, 5 * 10**18)
    pay_friend = eip1559(
        USDC, call("transfer(address,uint256)", ["address", "uint256"], FRIEND, 250 * 10**6)
    )
    tx_json = {
        "from": OWN, "to": STRANGER, "value": hex(3 * 10**18), "gas": "0x5208",
        "gasPrice": hex(3 * 10**9), "nonce": "0x4", "chainId": 56,
    }  # fmt: skip
    tx_rule = "tx.evm.transaction_as_message"
    return [
        row("tx-rlp-approve-max-hex", "transaction_as_message", "drainer", SATELLITE,
            hexs(approve_all), "block", rules=("tx.evm.unlimited_approval", tx_rule),
            effects=("lets 0x",), twin=tx_twin(approve_all)),
        row("tx-rlp-approve-max-bytes", "transaction_as_message", "drainer", SATELLITE,
            approve_all.hex(), "block", encoding="bytes", method="eth_sign",
            rules=("tx.evm.unlimited_approval", tx_rule), twin=tx_twin(approve_all)),
        row("tx-rlp-set-approval-for-all", "transaction_as_message", "drainer", SLOWMIST,
            hexs(nft_all), "block", rules=("tx.evm.set_approval_for_all", tx_rule),
            effects=("every",), twin=tx_twin(nft_all)),
        row("tx-rlp-legacy-send-eth", "transaction_as_message", "drainer", SLOWMIST,
            hexs(send_eth), "flag", method="eth_sign", rules=("tx.evm.unknown_recipient", tx_rule),
            effects=("gives 5 ETH",), twin=tx_twin(send_eth)),
        row("tx-rlp-pay-allowlisted-friend", "transaction_as_message", "legitimate",
            "EIP-1559 §Specification (an unsigned type-2 payload, as air-gapped signers show it)",
            hexs(pay_friend), "allow", rules=(tx_rule,), effects=("gives 250 USDC",),
            allowlist={"evm": [FRIEND]}, twin=tx_twin(pay_friend)),
        row("tx-json-bsc-sweep", "transaction_as_message", "drainer", BSC_KIT,
            json.dumps(tx_json), "flag", method="eth_sign",
            rules=("tx.evm.unknown_recipient", tx_rule), effects=("gives 3 ETH",),
            twin={"via": "check_transaction", "payload": tx_json}),
        row("tx-rlp-bare-hex-text", "transaction_as_message", "drainer", SATELLITE,
            approve_all.hex(), "block", rules=("tx.evm.unlimited_approval", tx_rule),
            twin=tx_twin(approve_all)),
        row("tx-json-rpc-wrapped", "transaction_as_message", "drainer", BSC_KIT,
            json.dumps({"jsonrpc": "2.0", "method": "eth_sendTransaction", "params": [tx_json]}),
            "flag", method="eth_sign", rules=("tx.evm.unknown_recipient", tx_rule),
            twin={"via": "check_transaction", "payload": tx_json}),
        row("tx-rlp-truncated", "transaction_as_message", "bad-input", SATELLITE,
            hexs(approve_all[:40]), "flag", rules=("tx.evm.opaque_message",),
            effects=("signs binary data",)),
    ]  # fmt: skip


def blind_rows() -> list[dict[str, Any]]:
    tx_hash = keccak(
        eip1559(USDC, call("transfer(address,uint256)", ["address", "uint256"], STRANGER, 10**12))
    )
    pre = digest_preimage(permit(STRANGER, MAX))
    legit_pre = digest_preimage(permit2_single(UNIVERSAL_ROUTER, 2**160 - 1))
    blind = "tx.evm.blind_signature"
    return [
        row("blind-eth-sign-tx-hash", "blind_digest", "drainer", SLOWMIST, hexs(tx_hash), "block",
            method="eth_sign", rules=(blind,), effects=("signs a 32-byte hash",)),
        # personal_sign prefixes the hash (EIP-191): never a transaction signature, but
        # contracts take the prefixed hash as approval of what it hashes (Safe v > 30,
        # SimpleAccount toEthSignedMessageHash): blind, BLOCK as under eth_sign (issue 12)
        row("blind-personal-sign-hash", "blind_digest", "drainer", SKAMLEK,
            hexs(keccak(text="order 0x6cce")), "block", rules=(blind,),
            effects=("signs a 32-byte hash",)),
        row("blind-personal-sign-hash-bytes", "blind_digest", "drainer", MIP_ETH_SIGN,
            tx_hash.hex(), "block", encoding="bytes", rules=(blind,)),
        row("blind-eth-sign-eip712-digest", "blind_digest", "legitimate", CONEDISON,
            hexs(keccak(legit_pre)), "block", method="eth_sign", rules=(blind,)),
        row("blind-personal-sign-1901-preimage", "blind_digest", "drainer", EIP712, hexs(pre),
            "block", rules=(blind,), effects=("signs an EIP-712 digest",)),
        row("blind-eth-sign-1901-preimage", "blind_digest", "drainer", EIP712, hexs(pre),
            "block", method="eth_sign", rules=(blind,)),
        row("blind-eth-sign-bare-hex", "blind_digest", "drainer", MIP_ETH_SIGN, tx_hash.hex(),
            "block", method="eth_sign", rules=(blind,)),
        row("near-miss-personal-sign-hex-text", "blind_digest", "near-miss",
            "personal_sign of a hex string without 0x is that text (MetaMask signs its UTF-8)",
            tx_hash.hex(), "allow"),
        row("near-miss-32-char-text", "blind_digest", "near-miss", OPENSEA_LOGIN,
            "Sign in to OpenSea, nonce 5d7f91", "allow"),
    ]  # fmt: skip


def siwe_rows() -> list[dict[str, Any]]:
    cap = recap({"https://example.com/pictures/": {"crud/delete": [{}], "crud/update": [{}]}})
    plain = ("ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/",
             "https://example.com/my-web2-claim.json")  # fmt: skip
    return [
        row("siwe-own-account", "siwe", "legitimate", EIP4361, siwe("service.org", OWN),
            "allow", effects=("signs in to service.org",)),
        row("siwe-own-account-chain-matches", "siwe", "legitimate", EIP4361,
            siwe("app.uniswap.org", OWN, statement="Sign in to App."), "allow", chain_id=1,
            effects=("signs in to app.uniswap.org",)),
        row("siwe-plain-resources", "siwe", "legitimate", EIP4361,
            siwe("service.org", OWN, resources=plain), "allow",
            effects=("signs in to service.org",)),
        row("siwe-scheme-crlf-expiry", "siwe", "legitimate", EIP4361,
            siwe("https://service.org", OWN, eol="\r\n", expiration="2030-01-01T00:00:00Z"),
            "allow", effects=("signs in to service.org", "until 1893456000")),
        row("siwe-other-address", "siwe", "drainer", EIP4361, siwe("service.org", OTHER), "flag",
            rules=("tx.evm.siwe_address_mismatch",), effects=("signs in to service.org as 0x",)),
        row("siwe-chain-mismatch", "siwe", "drainer", EIP4361, siwe("service.org", OWN), "flag",
            chain_id=137, rules=("tx.evm.siwe_chain_mismatch",)),
        row("siwe-recap-grants", "siwe", "drainer", EIP5573,
            siwe("example.com", OWN, resources=(cap,)), "flag",
            rules=("tx.evm.siwe_resources",),
            effects=("signs in to example.com", "crud/delete, crud/update on https://example.com/pictures/")),
        row("siwe-recap-upper-case-scheme", "siwe", "drainer", EIP5573,
            siwe("example.com", OWN, resources=(cap.replace("urn:recap:", "URN:ReCap:"),)),
            "flag", rules=("tx.evm.siwe_resources",)),
        row("siwe-uri-elsewhere", "siwe", "drainer", EIP4361,
            siwe("service.org", OWN, uri="https://collect-login.xyz/siwe"), "flag",
            rules=("tx.evm.siwe_uri_mismatch",)),
        row("siwe-phishing-domain", "siwe", "drainer",
            f"{EIP4361}; domain from the MetaMask eth-phishing-detect blacklist (shipped)",
            siwe(PHISHING, OWN, statement="Claim your UNI airdrop."), "block",
            rules=("tx.evm.siwe_phishing_domain",), effects=(f"signs in to {PHISHING}",)),
        row("siwe-phishing-uri", "siwe", "drainer",
            f"{EIP4361}; URI host from the MetaMask eth-phishing-detect blacklist (shipped)",
            siwe("app.uniswap.org", OWN, uri=f"https://{PHISHING}/login"), "block",
            rules=("tx.evm.siwe_phishing_domain",)),
        row("siwe-phishing-below-a-greeting", "siwe", "drainer",
            f"{EIP4361}; domain from the MetaMask eth-phishing-detect blacklist (shipped)",
            "Welcome! Verify your wallet to claim.\n\n" + siwe(PHISHING, OWN), "block",
            rules=("tx.evm.siwe_phishing_domain",)),
        row("siwe-lowercase-header", "siwe", "drainer", EIP4361,
            siwe("service.org", OTHER).replace("Ethereum account", "ethereum account"), "flag",
            rules=("tx.evm.siwe_address_mismatch",)),
        row("near-miss-opensea-login", "siwe", "near-miss", OPENSEA_LOGIN,
            "Welcome to OpenSea!\n\nClick to sign in and accept the OpenSea Terms of Service "
            "(https://opensea.io/tos).\n\nThis request will not trigger a blockchain transaction "
            f"or cost any gas fees.\n\nWallet address:\n{OWN.lower()}\n\nNonce:\n53392002-5db7",
            "allow"),
    ]  # fmt: skip


def typed_rows() -> list[dict[str, Any]]:
    bad = permit(STRANGER, MAX)
    good = permit2_single(UNIVERSAL_ROUTER, 2**160 - 1)
    bare = {
        "owner": OWN,
        "spender": STRANGER,
        "value": str(MAX),
        "nonce": 0,
        "deadline": 1893456000,
    }
    lines = (f"Verify wallet ownership\nowner: {OWN}\nspender: {STRANGER}\nvalue: max\n"
             "nonce: 0\ndeadline: 1893456000")  # fmt: skip
    bounded = {"owner": OWN, "spender": FRIEND, "value": 10**6, "deadline": 1893456000,
               "token": USDC}  # fmt: skip
    typed_rule = "tx.evm.typed_data_as_message"
    stranger2 = permit2_single(STRANGER, 2**160 - 1)
    batch = {
        "details": [
            {"token": USDC, "amount": 2**160 - 1, "expiration": 1735689600, "nonce": 0},
            {"token": DAI, "amount": 2**160 - 1, "expiration": 1735689600, "nonce": 0},
        ],
        "spender": UNIVERSAL_ROUTER,
        "sigDeadline": 1733097600,
    }
    transfer = {"permitted": {"token": USDC, "amount": MAX}, "spender": STRANGER, "nonce": 7,
                "deadline": 1893456000}  # fmt: skip
    return [
        row("typed-json-permit-unlimited", "typed_data_as_message", "drainer",
            f"{SKAMLEK}; {EIP2612}", json.dumps(bad), "block",
            rules=("tx.evm.unlimited_approval", typed_rule), effects=("unlimited",),
            twin={"via": "check_typed_data", "payload": bad}),
        row("typed-json-permit2-router", "typed_data_as_message", "legitimate", PERMIT2_SRC,
            json.dumps(good), "allow", rules=(typed_rule,),
            twin={"via": "check_typed_data", "payload": good}),
        row("typed-json-inside-text", "typed_data_as_message", "drainer", SKAMLEK,
            "Sign to verify your wallet (no gas):\n" + json.dumps(bad), "block",
            rules=("tx.evm.unlimited_approval", typed_rule)),
        row("typed-permit2-single-no-types", "typed_data_as_message", "drainer",
            f"{PERMIT2_SRC}; kizzydez/permit2-drainer app.js (max uint160 to the attacker)",
            json.dumps({"domain": stranger2["domain"], "message": stranger2["message"]}), "block",
            rules=("tx.evm.unlimited_approval", typed_rule)),
        row("typed-permit2-batch-no-types-router", "typed_data_as_message", "legitimate",
            PERMIT2_SRC, json.dumps(batch), "allow", rules=(typed_rule,),
            effects=("lets Uniswap UniversalRouter",)),
        row("typed-permit2-transfer-no-types", "typed_data_as_message", "drainer",
            "Uniswap/permit2 ISignatureTransfer PermitTransferFrom (permitted {token, amount})",
            json.dumps(transfer), "block", rules=("tx.evm.unlimited_approval", typed_rule)),
        row("typed-bare-permit-json", "typed_data_as_message", "drainer", SKAMLEK,
            json.dumps(bare), "block", rules=("tx.evm.unlimited_approval", typed_rule),
            effects=("unlimited an unknown token",)),
        row("typed-permit-lines", "typed_data_as_message", "drainer", SKAMLEK, lines, "block",
            rules=("tx.evm.unlimited_approval", typed_rule)),
        row("typed-bare-permit-allowlisted", "typed_data_as_message", "legitimate", EIP2612,
            json.dumps(bounded), "allow", rules=(typed_rule,),
            allowlist={"evm_spenders": [FRIEND]}),
        row("near-miss-json-login", "typed_data_as_message", "near-miss", EIP4361,
            json.dumps({"action": "login", "nonce": "9f1c2d", "address": OWN}), "allow"),
    ]  # fmt: skip


def _sol_set_authority(account: Pubkey, owner: Pubkey, new: Pubkey) -> Instruction:
    """SPL Token SetAuthority (index 6), AccountOwner (2), Some(new) (spl-token instruction.rs)."""
    data = bytes([6, 2, 1]) + bytes(new)
    metas = [AccountMeta(account, False, True), AccountMeta(owner, True, False)]
    return Instruction(TOKEN_PROGRAM, data, metas)


def solana_rows() -> list[dict[str, Any]]:
    payer = SOL_OWN.pubkey()
    own = str(payer)
    sweep = sp.transfer(sp.TransferParams(from_pubkey=payer, to_pubkey=SOL_STRANGER.pubkey(),
                                          lamports=42 * 10**9))  # fmt: skip
    pay = sp.transfer(sp.TransferParams(from_pubkey=payer, to_pubkey=SOL_FRIEND.pubkey(),
                                        lamports=10**8))  # fmt: skip
    token_account = sol_key("own-token-account").pubkey()
    hijack = _sol_set_authority(token_account, payer, SOL_STRANGER.pubkey())
    legacy_msg = bytes(Message.new_with_blockhash([sweep], payer, Hash.default()))
    v0_msg = to_bytes_versioned(MessageV0.try_compile(payer, [sweep], [], Hash.default()))
    hijack_msg = bytes(Message.new_with_blockhash([hijack], payer, Hash.default()))
    pay_msg = bytes(Message.new_with_blockhash([pay], payer, Hash.default()))
    tx_rule = "tx.sol.transaction_as_message"

    def twin(raw: bytes) -> dict[str, Any]:
        return {"via": "check_transaction", "payload": base64.b64encode(raw).decode()}

    common: dict[str, Any] = {"chain": "solana", "method": "solana_signMessage", "own": own}
    return [
        row("sol-legacy-bytes-sweep", "solana_transaction_as_message", "drainer",
            f"{OISY}; {SOL_KITS}", legacy_msg.hex(), "flag", encoding="bytes",
            rules=("tx.sol.unknown_recipient", tx_rule), effects=("gives 42 SOL",),
            twin=twin(legacy_msg), **common),
        row("sol-v0-base58-sweep", "solana_transaction_as_message", "drainer",
            f"{OISY}; {SOL_KITS}", base58.b58encode(v0_msg).decode(), "flag", encoding="base58",
            rules=("tx.sol.unknown_recipient", tx_rule), effects=("gives 42 SOL",),
            twin=twin(v0_msg), **common),
        row("sol-legacy-base64-sweep", "solana_transaction_as_message", "drainer",
            f"{PHANTOM}; {SOL_KITS}", base64.b64encode(legacy_msg).decode(), "flag",
            encoding="base64", rules=(tx_rule,), twin=twin(legacy_msg), **common),
        row("sol-legacy-hex-string", "solana_transaction_as_message", "drainer",
            f"{OISY}; {SOL_KITS}", legacy_msg.hex(), "flag", encoding="text",
            rules=("tx.sol.unknown_recipient", tx_rule), twin=twin(legacy_msg), **common),
        row("sol-legacy-base64-wrapped", "solana_transaction_as_message", "drainer",
            f"{PHANTOM}; {SOL_KITS}", "\n".join(base64.encodebytes(legacy_msg).decode().split()),
            "flag", encoding="base64", rules=(tx_rule,), twin=twin(legacy_msg), **common),
        row("sol-set-authority", "solana_transaction_as_message", "drainer",
            f"{OISY}; spl-token SetAuthority(AccountOwner)", hijack_msg.hex(), "block",
            encoding="bytes", rules=("tx.sol.set_authority", tx_rule),
            twin=twin(hijack_msg), **common),
        row("sol-pay-allowlisted-friend", "solana_transaction_as_message", "legitimate", OISY,
            pay_msg.hex(), "allow", encoding="bytes", rules=(tx_rule,),
            allowlist={"solana": [str(SOL_FRIEND.pubkey())]}, twin=twin(pay_msg), **common),
        row("siws-own-account", "siws", "legitimate", SIWS, siws("auth.privy.io", own), "allow",
            effects=("signs in to auth.privy.io",), **common),
        row("siws-phishing-domain", "siws", "drainer",
            f"{SIWS}; domain from the Phantom blocklist (shipped)", siws(SOL_PHISHING, own),
            "block", rules=("tx.sol.siws_phishing_domain",),
            effects=(f"signs in to {SOL_PHISHING}",), **common),
        row("siws-other-address", "siws", "drainer", SIWS,
            siws("auth.privy.io", str(SOL_STRANGER.pubkey())), "flag",
            rules=("tx.sol.siws_address_mismatch",), **common),
        row("sol-near-miss-text", "solana_transaction_as_message", "near-miss", PHANTOM,
            f"Sign in to magiceden.io\n\nWallet: {own}\nNonce: 7Hq2", "allow", **common),
    ]  # fmt: skip


def siws(domain: str, address: str) -> str:
    """A Sign In With Solana message (Privy createSiwsMessage layout)."""
    return (
        f"{domain} wants you to sign in with your Solana account:\n{address}\n\n"
        f"You are proving you own {address}.\n\nURI: https://{domain}\nVersion: 1\n"
        "Chain ID: mainnet\nNonce: 6f2d91c0a8\nIssued At: 2024-12-05T01:56:00.000Z\n"
        "Resources:\n- https://privy.io"
    )


def main() -> None:
    rows = transaction_rows() + blind_rows() + siwe_rows() + typed_rows() + solana_rows()
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), "duplicate ids"
    table = {
        "description": "eth_sign / personal_sign / signMessage requests in the shapes drainer "
        "kits abuse, with near misses; built by tests/vectors/make_message_shapes.py",
        "entries": rows,
    }
    OUT.write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")
    print(f"{len(rows)} rows -> {OUT}")


if __name__ == "__main__":
    main()
