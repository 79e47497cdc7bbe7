"""Gives a request hides beside its visible payment: a Safe transaction's gas refund and a
Seaport bundle sold for dust.

Sources: safe-global/safe-smart-account ``contracts/Safe.sol`` (``execTransaction``,
``handlePayment``: ``(gasUsed + baseGas) * gasPrice`` of ``gasToken`` to ``refundReceiver``,
``tx.origin`` when it is zero; ``SAFE_TX_TYPEHASH``); ProjectOpenSea/seaport
``ConsiderationStructs.sol`` (``OrderComponents``, ``OfferItem``, ``ConsiderationItem``).
Addresses are generated placeholders (never funded); tokens are the well-known mainnet ones.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from eth_account import Account

from aiegis_guard import Guard
from aiegis_guard.chains.evm.decode import decode_evm, decode_typed_data
from aiegis_guard.chains.evm.protocols.safe import EXECUTOR
from aiegis_guard.chains.transaction import Transfer
from aiegis_guard.findings import Action
from aiegis_guard.policy import Policy
from tests.evm_builders import call, transfer

OWNER = Account.create().address.lower()  # the Safe owner sending execTransaction
SAFE = Account.create().address.lower()
STRANGER = Account.create().address.lower()
FRIEND = Account.create().address.lower()
USDC = "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48"
ZERO = "0x" + "00" * 20
EXEC = "execTransaction(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,bytes)"
PAY = transfer(FRIEND, 10**9)  # 1 000 USDC to an allowlisted vendor
POLICY = Policy.model_validate({"allowlist": {"evm": [FRIEND]}})


def _exec_tx(gas: tuple[int, int, int], token: str, receiver: str) -> dict[str, Any]:
    safe_tx_gas, base_gas, price = gas
    sig = bytes(12) + bytes.fromhex(OWNER[2:]) + bytes(32) + b"\x01"  # pre-validated owner
    data = call(EXEC, USDC, 0, PAY, 0, safe_tx_gas, base_gas, price, token, receiver, sig)
    return {"from": OWNER, "to": SAFE, "value": 0, "data": "0x" + data.hex(), "chainId": 1}


def _safe_tx(gas: tuple[int, int, int], token: str, receiver: str) -> dict[str, Any]:
    safe_tx_gas, base_gas, price = gas
    fields = [
        ("to", "address"), ("value", "uint256"), ("data", "bytes"), ("operation", "uint8"),
        ("safeTxGas", "uint256"), ("baseGas", "uint256"), ("gasPrice", "uint256"),
        ("gasToken", "address"), ("refundReceiver", "address"), ("nonce", "uint256"),
    ]  # fmt: skip
    message = {"to": USDC, "value": "0", "data": "0x" + PAY.hex(), "operation": 0,
               "safeTxGas": str(safe_tx_gas), "baseGas": str(base_gas), "gasPrice": str(price),
               "gasToken": token, "refundReceiver": receiver, "nonce": "7"}  # fmt: skip
    domain_types = [{"name": "chainId", "type": "uint256"},
                    {"name": "verifyingContract", "type": "address"}]  # fmt: skip
    return {
        "types": {
            "EIP712Domain": domain_types,
            "SafeTx": [{"name": n, "type": t} for n, t in fields],
        },
        "primaryType": "SafeTx",
        "domain": {"chainId": 1, "verifyingContract": SAFE},
        "message": message,
    }


def _refunds(ops: Any) -> list[tuple[str, str, int | None]]:
    return [
        (op.asset.address or "eth", op.recipient, op.amount)
        for op in ops
        if isinstance(op, Transfer) and op.via == "safe.gas_refund"
    ]


GAS = (100_000, 500_000, 500_000)  # safeTxGas, baseGas, gasPrice (0.5 USDC a gas unit)
BOUND = (100_000 + 500_000) * 500_000
REFUNDS = [
    pytest.param((0, 0, 0), USDC, STRANGER, [], id="no-gas-price-no-refund"),
    pytest.param(GAS, USDC, STRANGER, [(USDC, STRANGER, BOUND)], id="usdc-to-stranger"),
    pytest.param(GAS, ZERO, STRANGER, [("eth", STRANGER, BOUND)], id="eth-to-stranger"),
    pytest.param((0, 21_000, 1), USDC, FRIEND, [(USDC, FRIEND, 21_000)], id="base-gas-only"),
    pytest.param((0, 0, 10**12), ZERO, STRANGER, [("eth", STRANGER, None)], id="call-gas-only"),
]


@pytest.mark.parametrize(("gas", "token", "receiver", "expected"), REFUNDS)
def test_gas_refund_is_a_give_in_both_forms(
    gas: tuple[int, int, int], token: str, receiver: str, expected: list[Any]
) -> None:
    """execTransaction calldata and the SafeTx it signs give the same bounded refund."""
    tx_ops = decode_evm(_exec_tx(gas, token, receiver)).operations
    typed_ops = decode_typed_data(_safe_tx(gas, token, receiver)).operations
    assert _refunds(tx_ops) == _refunds(typed_ops) == expected


def test_zero_refund_receiver_pays_the_executor() -> None:
    """refundReceiver 0 pays tx.origin: the sender of the calldata, anyone for a SafeTx."""
    assert _refunds(decode_evm(_exec_tx(GAS, USDC, ZERO)).operations) == [(USDC, OWNER, BOUND)]
    typed = decode_typed_data(_safe_tx(GAS, USDC, ZERO)).operations
    assert _refunds(typed) == [(USDC, EXECUTOR, BOUND)]


VERDICTS = [
    pytest.param((0, 0, 0), STRANGER, Action.ALLOW, id="no-refund-allows"),
    pytest.param(GAS, FRIEND, Action.ALLOW, id="refund-to-allowlisted-allows"),
    pytest.param(GAS, STRANGER, Action.FLAG, id="refund-to-stranger-flags"),
]


@pytest.mark.parametrize(("gas", "receiver", "action"), VERDICTS)
def test_gas_refund_verdicts(gas: tuple[int, int, int], receiver: str, action: Action) -> None:
    """A refund to a party neither own nor allowlisted is a give to a stranger (FLAG)."""
    guard = Guard(POLICY, classifier=False)
    context = {"own_evm": [SAFE]}
    for verdict in (
        guard.check_transaction(_exec_tx(gas, USDC, receiver), context=context),
        guard.check_typed_data(_safe_tx(gas, USDC, receiver), context=context),
    ):
        assert verdict.action is action, verdict.explain()
        if action is Action.FLAG:
            assert "tx.evm.unknown_recipient" in verdict.rule_ids


def test_refund_to_the_executor() -> None:
    """refundReceiver 0: in calldata the signer who sends it is paid (own: ALLOW); a SafeTx
    pays whoever submits it, nobody the request names (FLAG)."""
    guard = Guard(POLICY, classifier=False)
    context = {"own_evm": [SAFE]}
    sent = guard.check_transaction(_exec_tx(GAS, USDC, ZERO), context=context)
    assert sent.action is Action.ALLOW, sent.explain()
    signed = guard.check_typed_data(_safe_tx(GAS, USDC, ZERO), context=context)
    assert signed.action is Action.FLAG, signed.explain()
    assert "tx.evm.unknown_recipient" in signed.rule_ids


@pytest.mark.parametrize(
    ("field", "value"),
    [("gasPrice", "-1"), ("baseGas", "lots"), ("refundReceiver", "0x1234")],
)
def test_malformed_refund_fields_are_never_allowed(field: str, value: str) -> None:
    """A SafeTx whose refund fields do not parse is undecodable, never a silent ALLOW."""
    typed = _safe_tx(GAS, USDC, STRANGER)
    typed["message"][field] = value
    verdict = Guard(POLICY, classifier=False).check_typed_data(typed)
    assert verdict.action is not Action.ALLOW, verdict.explain()


def test_truncated_exec_transaction_is_never_allowed() -> None:
    """execTransaction calldata cut inside its refund words is not silently allowed."""
    tx = _exec_tx(GAS, USDC, STRANGER)
    tx["data"] = tx["data"][: 2 + 2 * (4 + 32 * 8)]
    verdict = Guard(POLICY, classifier=False).check_transaction(tx, context={"own_evm": [SAFE]})
    assert verdict.action is not Action.ALLOW, verdict.explain()


# --- Seaport bundles: a price is per NFT given ---------------------------------------------

BAYC = "0xbc4ca0eda7647a8ab7c2061c2e118a18a936f13d"
AZUKI = "0xed5af388653567af2f388e6224dc7c4b3241c544"
SHARED = "0x495f947276749ce646f68ac8c248420045cb7b5e"  # OpenSea Shared Storefront (ERC-1155)
FINNEY = 10**15  # 0.001 ETH, the dust floor of one item


def _order(offer: list[tuple[int, str, int]], paid: list[tuple[int, str]]) -> dict[str, Any]:
    """An OrderComponents from the stored dust vector's types and domain (``offerer`` = own)."""
    vectors = Path(__file__).parent / "vectors" / "evm_typed_effects.json"
    data = json.loads(vectors.read_text())
    [base] = [v for v in data["vectors"] if v["id"] == "seaport-drainer-dust"]
    typed = copy.deepcopy(base["typed_data"])
    m = typed["message"]
    m["offerer"] = SAFE
    m["offer"] = [
        {"itemType": kind, "token": token, "identifierOrCriteria": "7", "startAmount": str(n),
         "endAmount": str(n)}
        for kind, token, n in offer
    ]  # fmt: skip
    m["consideration"] = [
        {"itemType": 0, "token": ZERO, "identifierOrCriteria": "0", "startAmount": str(wei),
         "endAmount": str(wei), "recipient": to}
        for wei, to in paid
    ]  # fmt: skip
    return typed


BUNDLE = [(2, BAYC, 1), (2, AZUKI, 1), (3, SHARED, 3)]
ORDERS = [
    pytest.param(BUNDLE, [(FINNEY, SAFE)], Action.BLOCK, id="three-nfts-for-0.001-eth-blocks"),
    pytest.param(
        BUNDLE[:2],
        [(FINNEY // 2, SAFE), (FINNEY // 2, SAFE)],
        Action.BLOCK,
        id="two-nfts-for-two-halves-of-0.001-eth-block",
    ),
    pytest.param(BUNDLE, [(59 * 10**18, SAFE)], Action.ALLOW, id="bundle-for-59-eth-allows"),
    # five NFT units (two ERC-721, three copies of an ERC-1155): the floor is 0.005 ETH
    pytest.param(BUNDLE, [(3 * FINNEY, SAFE)], Action.BLOCK, id="five-units-for-0.003-eth-block"),
    pytest.param(BUNDLE, [(5 * FINNEY, SAFE)], Action.ALLOW, id="bundle-at-the-floor-allows"),
    pytest.param(BUNDLE[:1], [(FINNEY, SAFE)], Action.ALLOW, id="one-nft-for-0.001-eth-allows"),
]


@pytest.mark.parametrize(("offer", "paid", "action"), ORDERS)
def test_bundle_price_is_judged_per_nft(
    offer: list[tuple[int, str, int]], paid: list[tuple[int, str]], action: Action
) -> None:
    """An order giving several NFTs for what is dust for that many items gives them away."""
    verdict = Guard(Policy(), classifier=False).check_typed_data(
        _order(offer, paid), context={"own_evm": [SAFE]}
    )
    assert verdict.action is action, verdict.explain()
    assert ("tx.evm.order_gives_away" in verdict.rule_ids) is (action is Action.BLOCK)
