"""Builders for EVM test payloads (calldata, tx dicts, typed data), shared by the EVM tests.

Encoding goes through eth_abi (the reference encoder) so the decoder is checked against
something it does not share code with.
"""

from __future__ import annotations

from typing import Any

from eth_abi import encode
from eth_utils import keccak

OWN = "0x1111111111111111111111111111111111111111"
TOKEN = "0x2222222222222222222222222222222222222222"
STRANGER = "0x3333333333333333333333333333333333333333"
FRIEND = "0x4444444444444444444444444444444444444444"
NFT = "0x5555555555555555555555555555555555555555"
ROUTER = "0x3fc91a3afd70395cd496c647d5a6cc9d4b2b7fad"  # Uniswap UniversalRouter (built in)
PERMIT2 = "0x000000000022d473030f116ddee9f6b43ac78ba3"
MULTICALL3 = "0xca11bde05977b3631167028862be2a173976ca11"
MAX = 2**256 - 1


def selector(signature: str) -> bytes:
    return keccak(text=signature)[:4]


def _types(signature: str) -> list[str]:
    inner = signature[signature.index("(") + 1 : -1]
    out, depth, start = [], 0, 0
    for i, c in enumerate(inner):
        depth += c == "("
        depth -= c == ")"
        if c == "," and depth == 0:
            out.append(inner[start:i])
            start = i + 1
    if inner:
        out.append(inner[start:])
    return out


def call(signature: str, *args: Any) -> bytes:
    """Calldata for ``signature`` with ``args`` (ABI-encoded by eth_abi)."""
    return selector(signature) + encode(_types(signature), list(args))


def tx(to: str | None, data: bytes = b"", value: int = 0, **extra: Any) -> dict[str, Any]:
    """A web3-style EIP-1559 transaction dict from OWN."""
    out: dict[str, Any] = {
        "from": OWN,
        "to": to,
        "value": value,
        "data": "0x" + data.hex(),
        "chainId": 1,
        "nonce": 7,
        "gas": 200_000,
        "maxFeePerGas": 30 * 10**9,
        "maxPriorityFeePerGas": 10**9,
    }
    out.update(extra)
    return out


def delegation_tx(owner: str, authorization: Any) -> dict[str, Any]:
    """An EIP-7702 (type-4) transaction of ``owner`` carrying one ``authorization``."""
    return {
        "to": owner,
        "value": 0,
        "data": b"",
        "gas": 90_000,
        "nonce": 3,
        "chainId": 1,
        "maxFeePerGas": 10**10,
        "maxPriorityFeePerGas": 1,
        "authorizationList": [authorization],
    }


def transfer(recipient: str, amount: int) -> bytes:
    return call("transfer(address,uint256)", recipient, amount)


def approve(spender: str, amount: int) -> bytes:
    return call("approve(address,uint256)", spender, amount)


EIP712_DOMAIN: list[dict[str, str]] = [
    {"name": "name", "type": "string"},
    {"name": "version", "type": "string"},
    {"name": "chainId", "type": "uint256"},
    {"name": "verifyingContract", "type": "address"},
]
"""The four-field ``EIP712Domain`` type (name, version, chainId, verifyingContract)."""


def domain_type(*fields: str) -> list[dict[str, str]]:
    """The ``EIP712Domain`` type of the named fields, in order (name / version: string,
    chainId: uint256, anything else: address)."""
    kinds = {"name": "string", "version": "string", "chainId": "uint256"}
    return [{"name": f, "type": kinds.get(f, "address")} for f in fields]


def permit_typed_data(
    spender: str, value: int, token: str = TOKEN, deadline: int = 2**40
) -> dict[str, Any]:
    """An EIP-2612 Permit as ``eth_signTypedData_v4`` sends it."""
    return {
        "types": {
            "EIP712Domain": EIP712_DOMAIN,
            "Permit": [
                {"name": "owner", "type": "address"},
                {"name": "spender", "type": "address"},
                {"name": "value", "type": "uint256"},
                {"name": "nonce", "type": "uint256"},
                {"name": "deadline", "type": "uint256"},
            ],
        },
        "primaryType": "Permit",
        "domain": {"name": "Token", "version": "1", "chainId": 1, "verifyingContract": token},
        "message": {
            "owner": OWN,
            "spender": spender,
            "value": str(value),
            "nonce": 0,
            "deadline": deadline,
        },
    }


_DETAILS = [
    {"name": "token", "type": "address"},
    {"name": "amount", "type": "uint160"},
    {"name": "expiration", "type": "uint48"},
    {"name": "nonce", "type": "uint48"},
]
_PERMIT2_DOMAIN = {"name": "Permit2", "chainId": 1, "verifyingContract": PERMIT2}
_PERMIT2_DOMAIN_TYPE = [
    {"name": "name", "type": "string"},
    {"name": "chainId", "type": "uint256"},
    {"name": "verifyingContract", "type": "address"},
]


def permit2_single(spender: str, amount: int, token: str = TOKEN) -> dict[str, Any]:
    """A Permit2 PermitSingle (AllowanceTransfer) typed-data payload."""
    return {
        "types": {
            "EIP712Domain": _PERMIT2_DOMAIN_TYPE,
            "PermitSingle": [
                {"name": "details", "type": "PermitDetails"},
                {"name": "spender", "type": "address"},
                {"name": "sigDeadline", "type": "uint256"},
            ],
            "PermitDetails": _DETAILS,
        },
        "primaryType": "PermitSingle",
        "domain": _PERMIT2_DOMAIN,
        "message": {
            "details": {"token": token, "amount": amount, "expiration": 2**40, "nonce": 0},
            "spender": spender,
            "sigDeadline": 2**40,
        },
    }


def permit2_batch(spender: str, amounts: list[int]) -> dict[str, Any]:
    single = permit2_single(spender, 0)
    types = dict(single["types"])
    types.pop("PermitSingle")
    types["PermitBatch"] = [
        {"name": "details", "type": "PermitDetails[]"},
        {"name": "spender", "type": "address"},
        {"name": "sigDeadline", "type": "uint256"},
    ]
    details = [
        {"token": "0x" + f"{i + 0x60:02x}" * 20, "amount": a, "expiration": 2**40, "nonce": 0}
        for i, a in enumerate(amounts)
    ]
    return {
        "types": types,
        "primaryType": "PermitBatch",
        "domain": _PERMIT2_DOMAIN,
        "message": {"details": details, "spender": spender, "sigDeadline": 2**40},
    }


def permit2_transfer(spender: str, amount: int, witness: bool = False) -> dict[str, Any]:
    """A Permit2 PermitTransferFrom (SignatureTransfer), optionally with a witness."""
    primary = "PermitWitnessTransferFrom" if witness else "PermitTransferFrom"
    fields = [
        {"name": "permitted", "type": "TokenPermissions"},
        {"name": "spender", "type": "address"},
        {"name": "nonce", "type": "uint256"},
        {"name": "deadline", "type": "uint256"},
    ]
    types: dict[str, Any] = {
        "EIP712Domain": _PERMIT2_DOMAIN_TYPE,
        "TokenPermissions": [
            {"name": "token", "type": "address"},
            {"name": "amount", "type": "uint256"},
        ],
    }
    message: dict[str, Any] = {
        "permitted": {"token": TOKEN, "amount": amount},
        "spender": spender,
        "nonce": 1,
        "deadline": 2**40,
    }
    if witness:
        fields.append({"name": "witness", "type": "Order"})
        types["Order"] = [{"name": "recipient", "type": "address"}]
        message["witness"] = {"recipient": STRANGER}
    types[primary] = fields
    return {"types": types, "primaryType": primary, "domain": _PERMIT2_DOMAIN, "message": message}


def delegation_typed(
    delegate: str,
    caveats: list[tuple[str, bytes]],
    *,
    delegator: str,
    manager: str,
    salt: int,
) -> dict[str, Any]:
    """A root MetaMask Delegation Framework ``Delegation`` (EIP-712 types of
    MetaMask/delegation-framework ``DelegationManager``), as a wallet is asked to sign it."""
    return {
        "types": {
            "EIP712Domain": EIP712_DOMAIN,
            "Delegation": [
                {"name": "delegate", "type": "address"},
                {"name": "delegator", "type": "address"},
                {"name": "authority", "type": "bytes32"},
                {"name": "caveats", "type": "Caveat[]"},
                {"name": "salt", "type": "uint256"},
            ],
            "Caveat": [{"name": "enforcer", "type": "address"}, {"name": "terms", "type": "bytes"}],
        },
        "primaryType": "Delegation",
        "domain": {
            "name": "DelegationManager",
            "version": "1",
            "chainId": 8453,
            "verifyingContract": manager,
        },
        "message": {
            "delegate": delegate,
            "delegator": delegator,
            "authority": "0x" + "ff" * 32,
            "caveats": [{"enforcer": e, "terms": "0x" + t.hex()} for e, t in caveats],
            "salt": salt,
        },
    }


def bench_payloads() -> dict[str, dict[str, Any]]:
    """Representative EVM transaction dicts for ``benchmarks/bench_tx.py`` (name -> tx dict)."""
    return {
        "native_transfer": tx(STRANGER, value=10**17),
        "erc20_transfer": tx(TOKEN, transfer(STRANGER, 5 * 10**18)),
        "erc20_approve_unlimited": tx(TOKEN, approve(STRANGER, MAX)),
        "permit2_approve_router": tx(
            PERMIT2,
            call("approve(address,address,uint160,uint48)", TOKEN, ROUTER, 10**20, 2**40),
        ),
        "multicall3_aggregate3": tx(
            MULTICALL3,
            call(
                "aggregate3((address,bool,bytes)[])",
                [(TOKEN, False, transfer(FRIEND, 1)), (TOKEN, True, approve(ROUTER, 5))],
            ),
        ),
        "unknown_selector": tx(STRANGER, bytes.fromhex("deadbeef") + bytes(64), value=1),
    }
