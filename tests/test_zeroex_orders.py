"""0x Exchange Proxy v4 native orders (``protocols/orders.py``): the maker gives ``makerAmount``
of ``makerToken`` and always gets ``takerAmount`` of ``takerToken``; an order whose price is
dust gives the maker's tokens away (BLOCK), whoever the taker is.

Types from 0xProject/protocol ``contracts/zero-ex/contracts/src/features/libs/
LibNativeOrder.sol`` (``LimitOrder`` / ``RfqOrder``), domain ``ZeroEx`` / ``1.0.0`` on the
Exchange Proxy; maker, taker and fee recipient are generated addresses."""

from __future__ import annotations

from typing import Any

import pytest

from aiegis_guard import Action, Guard
from aiegis_guard.chains.evm.typed_data import decode_typed_data
from aiegis_guard.chains.transaction import Receipt, Transfer
from aiegis_guard.errors import EvmDecodeError
from aiegis_guard.policy import Policy
from tests.receiver_builders import FRIEND, OWN, STRANGER, USDC, WETH, ZERO

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
