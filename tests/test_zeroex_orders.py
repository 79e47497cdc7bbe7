"""0x Exchange Proxy v4 native orders (``protocols/orders.py``): the maker gives ``makerAmount``
of ``makerToken`` and always gets ``takerAmount`` of ``takerToken``; an order whose price is
dust gives the maker's tokens away (BLOCK), whoever the taker is.

Types from 0xProject/protocol ``contracts/zero-ex/contracts/src/features/libs/
LibNativeOrder.sol`` (``LimitOrder`` / ``RfqOrder``), domain ``ZeroEx`` / ``1.0.0`` on the
Exchange Proxy; fills (``protocols/zeroex.py``) are eth_abi's encoding of
``INativeOrdersFeature``'s signatures, the own account as taker. Maker, taker and fee recipient
are generated addresses."""

from __future__ import annotations

from typing import Any

import pytest
from eth_account import Account

from aiegis_guard import Action, Guard
from aiegis_guard.chains.evm.decode import decode_evm
from aiegis_guard.chains.evm.typed_data import decode_typed_data
from aiegis_guard.chains.transaction import Receipt, Transfer
from aiegis_guard.errors import EvmDecodeError
from aiegis_guard.policy import Policy
from tests.evm_builders import call
from tests.receiver_builders import (
    FRIEND,
    OWN,
    STRANGER,
    USDC,
    WETH,
    ZERO,
    judged,
    operations,
    own_tx,
)

PROXY = "0xDef1C0ded9bec7F1a1670819833240f027b25EfF"
_DOMAIN_TYPE = [
    {"name": "name", "type": "string"},
    {"name": "version", "type": "string"},
    {"name": "chainId", "type": "uint256"},
    {"name": "verifyingContract", "type": "address"},
]
_HEAD = (("makerToken", "address"), ("takerToken", "address"), ("makerAmount", "uint128"),
         ("takerAmount", "uint128"))  # fmt: skip
_LIMIT = [*_HEAD, ("takerTokenFeeAmount", "uint128"), ("maker", "address"), ("taker", "address"),
          ("sender", "address"), ("feeRecipient", "address"), ("pool", "bytes32"),
          ("expiry", "uint64"), ("salt", "uint256")]  # fmt: skip
_RFQ = [*_HEAD, ("maker", "address"), ("taker", "address"), ("txOrigin", "address"),
        ("pool", "bytes32"), ("expiry", "uint64"), ("salt", "uint256")]  # fmt: skip


def _typed(primary: str, fields: list[tuple[str, str]], message: dict[str, Any]) -> Any:
    return {
        "types": {"EIP712Domain": _DOMAIN_TYPE,
                  primary: [{"name": n, "type": t} for n, t in fields]},
        "primaryType": primary,
        "domain": {"name": "ZeroEx", "version": "1.0.0", "chainId": 1,
                   "verifyingContract": PROXY},
        "message": message,
    }  # fmt: skip


def limit_order(sell: int, buy: int, taker: str = ZERO, fee_to: str = ZERO) -> Any:
    message = {
        "makerToken": WETH, "takerToken": USDC, "makerAmount": sell, "takerAmount": buy,
        "takerTokenFeeAmount": 0 if fee_to == ZERO else 10**6, "maker": OWN, "taker": taker,
        "sender": ZERO, "feeRecipient": fee_to, "pool": "0x" + "00" * 32,
        "expiry": 1_900_000_000, "salt": 7,
    }  # fmt: skip
    return _typed("LimitOrder", _LIMIT, message)


def rfq_order(sell: int, buy: int, taker: str) -> Any:
    message = {
        "makerToken": USDC, "takerToken": WETH, "makerAmount": sell, "takerAmount": buy,
        "maker": OWN, "taker": taker, "txOrigin": taker, "pool": "0x" + "00" * 32,
        "expiry": 1_900_000_000, "salt": 8,
    }  # fmt: skip
    return _typed("RfqOrder", _RFQ, message)


def verdict_of(payload: Any, *allow: str) -> Action:
    policy = Policy.model_validate(
        {"wallet": {"evm": [OWN]}, "allowlist": {"evm": list(allow), "evm_spenders": [PROXY]}}
    )
    return Guard(policy, classifier=False).check_typed_data(payload).action


@pytest.mark.parametrize(
    ("payload", "allow", "expected"),
    [
        pytest.param(limit_order(10 * 10**18, 35_000 * 10**6), (), Action.ALLOW,
                     id="limit-fair-open-taker"),
        pytest.param(limit_order(10 * 10**18, 35_000 * 10**6, STRANGER, STRANGER), (),
                     Action.ALLOW, id="limit-fair-taker-and-fee-recipient-elsewhere"),
        pytest.param(limit_order(50 * 10**18, 1, STRANGER), (), Action.BLOCK,
                     id="limit-for-dust"),
        pytest.param(rfq_order(34_800 * 10**6, 10 * 10**18, FRIEND), (FRIEND,), Action.ALLOW,
                     id="rfq-fair-to-market-maker"),
        pytest.param(rfq_order(100_000 * 10**6, 1, STRANGER), (), Action.BLOCK,
                     id="rfq-for-dust"),
    ],
)  # fmt: skip
def test_zeroex_order_verdict(payload: Any, allow: tuple[str, ...], expected: Action) -> None:
    """A fair price passes whoever fills; a price of dust blocks."""
    assert verdict_of(payload, *allow) is expected


def test_order_gives_the_maker_token_and_pays_the_maker() -> None:
    """The offer leaves the maker (the signer); the taker token comes back to the maker."""
    decoded = decode_typed_data(limit_order(10 * 10**18, 35_000 * 10**6, STRANGER, STRANGER))
    (give,) = [op for op in decoded.operations if isinstance(op, Transfer)]
    (get,) = [op for op in decoded.operations if isinstance(op, Receipt)]
    assert (give.asset.address, give.amount, give.sender) == (WETH, 10 * 10**18, OWN)
    assert (get.asset.address, get.amount, get.recipient) == (USDC, 35_000 * 10**6, OWN)
    assert decoded.sender == OWN


def test_malformed_order_is_a_decode_error() -> None:
    """A field that is not its type (an address that is not one) raises the typed error."""
    payload = limit_order(10**18, 10**9)
    payload["message"]["maker"] = "0x1234"
    with pytest.raises(EvmDecodeError):
        decode_typed_data(payload)
    assert verdict_of(payload) is not Action.ALLOW


_LIMIT_T = (
    "(address,address,uint128,uint128,uint128,address,address,address,address,bytes32,uint64,"
    "uint256)"
)
_RFQ_T = "(address,address,uint128,uint128,address,address,address,bytes32,uint64,uint256)"
_SIG_T = "(uint8,uint8,bytes32,bytes32)"
_SIGNATURE = (2, 27, b"\x01" * 32, b"\x02" * 32)
MAKER = STRANGER


def fill_limit(sell: int, buy: int, fill: int, fee: int = 0, fee_to: str = ZERO) -> bytes:
    """The own account filling a maker's order selling ``sell`` WETH for ``buy`` USDC."""
    order = (WETH, USDC, sell, buy, fee, MAKER, ZERO, ZERO, fee_to, bytes(32), 1_900_000_000, 3)
    return call(f"fillLimitOrder({_LIMIT_T},{_SIG_T},uint128)", order, _SIGNATURE, fill)


def fill_rfq(sell: int, buy: int, fill: int) -> bytes:
    order = (WETH, USDC, sell, buy, MAKER, OWN, OWN, bytes(32), 1_900_000_000, 4)
    return call(f"fillOrKillRfqOrder({_RFQ_T},{_SIG_T},uint128)", order, _SIGNATURE, fill)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(fill_limit(10**19, 35_000 * 10**6, 35_000 * 10**6), Action.ALLOW,
                     id="fill-fair"),
        pytest.param(fill_limit(10**19, 35_000 * 10**6, 3_500 * 10**6), Action.ALLOW,
                     id="fill-part-fair"),
        pytest.param(fill_limit(1, 35_000 * 10**6, 35_000 * 10**6), Action.BLOCK,
                     id="fill-pays-for-dust"),
        pytest.param(fill_limit(10**19, 35_000 * 10**6, 35_000 * 10**6, 10**8, FRIEND),
                     Action.FLAG, id="fill-fee-to-non-allowlisted"),
        pytest.param(fill_rfq(10**19, 34_800 * 10**6, 34_800 * 10**6), Action.ALLOW,
                     id="rfq-fill-fair"),
        pytest.param(fill_rfq(1, 34_800 * 10**6, 34_800 * 10**6), Action.BLOCK,
                     id="rfq-fill-pays-for-dust"),
    ],
)  # fmt: skip
def test_zeroex_fill_verdict(data: bytes, expected: Action) -> None:
    """The taker (own) pays the taker token and gets the maker token: a dust return blocks;
    a fee to a party nobody allowlisted flags."""
    assert judged(own_tx(PROXY.lower(), data), PROXY.lower()).action is expected


def test_fill_reads_the_scaled_amounts() -> None:
    """A partial fill: the maker token comes back pro rata, to the caller."""
    ops = operations(own_tx(PROXY.lower(), fill_limit(10**19, 35_000 * 10**6, 3_500 * 10**6)))
    (get,) = [op for op in ops if isinstance(op, Receipt)]
    (give,) = [op for op in ops if isinstance(op, Transfer)]
    assert (get.asset.address, get.amount, get.recipient) == (WETH, 10**18, OWN)
    assert (give.asset.address, give.amount) == (USDC, 3_500 * 10**6)


def test_truncated_fill_is_a_decode_error() -> None:
    """Calldata cut short raises the typed error and is not allowed."""
    payload = own_tx(PROXY.lower(), fill_limit(10**19, 10**9, 10**9)[:-64])
    with pytest.raises(EvmDecodeError):
        decode_evm(payload)
    assert judged(payload, PROXY.lower()).action is not Action.ALLOW


JUNK = Account.create().address.lower()  # a token nobody names: the attacker's own


def _fill_rfq_of(maker_token: str, taker_token: str, sell: int, buy: int) -> bytes:
    order = (maker_token, taker_token, sell, buy, MAKER, OWN, OWN, bytes(32), 1_900_000_000, 5)
    return call(f"fillRfqOrder({_RFQ_T},{_SIG_T},uint128)", order, _SIGNATURE, buy)


def _signed_rfq_of(maker_token: str, taker_token: str, sell: int, buy: int) -> Any:
    message = {
        "makerToken": maker_token, "takerToken": taker_token, "makerAmount": sell,
        "takerAmount": buy, "maker": OWN, "taker": STRANGER, "txOrigin": STRANGER,
        "pool": "0x" + "00" * 32, "expiry": 1_900_000_000, "salt": 9,
    }  # fmt: skip
    return _typed("RfqOrder", _RFQ, message)


@pytest.mark.parametrize(
    ("maker_token", "taker_token", "sell", "buy", "expected"),
    [
        pytest.param(JUNK, WETH, 10**30, 100 * 10**18, Action.FLAG, id="weth-for-junk"),
        pytest.param(JUNK, USDC, 10**30, 3_000 * 10**6, Action.FLAG, id="usdc-for-junk"),
        pytest.param(USDC, WETH, 3_000 * 10**6, 10**18, Action.ALLOW, id="weth-for-usdc"),
        pytest.param(USDC, WETH, 1, 100 * 10**18, Action.BLOCK, id="weth-for-dust-usdc"),
        pytest.param(WETH, JUNK, 10**18, 10**30, Action.ALLOW, id="junk-for-weth"),
    ],
)  # fmt: skip
def test_fill_paying_for_a_token_nobody_names(
    maker_token: str, taker_token: str, sell: int, buy: int, expected: Action
) -> None:
    """Own pays WETH / USDC and gets only a token nobody vouches for: its worth cannot be
    established (order_unvalued: FLAG), allowlisted proxy or not; the same order signed."""
    data = _fill_rfq_of(maker_token, taker_token, sell, buy)
    for allow in ((), (PROXY.lower(),)):
        verdict = judged(own_tx(PROXY.lower(), data), *allow)
        assert verdict.action is expected, verdict.explain()
    signed = _signed_rfq_of(taker_token, maker_token, buy, sell)  # own is the maker
    assert verdict_of(signed) is expected
    if expected is Action.FLAG:
        assert "tx.evm.order_unvalued" in verdict.rule_ids
