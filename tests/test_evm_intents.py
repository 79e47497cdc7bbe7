"""Exchanges signed or sent through intent and swap venues: Bebop JAM orders, ERC-7683 (Across)
gasless cross-chain orders as Permit2 witnesses, LI.FI GenericSwapFacetV3 swaps and the Sky
DAI ⇄ USDS converter.

Sources: bebop-dex/bebop-jam-contracts ``src/libraries/JamOrder.sol``; across-protocol/contracts
``contracts/erc7683/`` (``GaslessCrossChainOrder``, ``AcrossOrderData``); Uniswap/permit2
``PermitHash.sol``; lifinance/contracts ``GenericSwapFacetV3.sol`` / ``LibSwap.sol`` /
``deployments/mainnet.json``; makerdao/usds ``DaiUsds.sol``. Every account here is a generated
key (never funded).
"""

from __future__ import annotations

from typing import Any

import pytest
from eth_account import Account

from aiegis_guard import Guard
from aiegis_guard.findings import Action
from aiegis_guard.policy import Policy
from tests.evm_builders import call


def _key() -> str:
    return str(Account.create().address).lower()


OWN, OWN_L2, FRIEND, STRANGER, SETTLER, EXECUTOR = (_key() for _ in range(6))
USDC = "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48"
WETH = "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2"
USDC_BASE = "0x833589fcd6edb6e08f4c7c32d4f71b54bda02913"
JAM = "0xbebebeb035351f58602e0c1c8b59ecbff5d5f47b"  # JamSettlement
PERMIT2 = "0x000000000022d473030f116ddee9f6b43ac78ba3"
LIFI = "0x1231deb6f5749ef6ce6943a275a1d3e7486f4eae"
DAI_USDS = "0x3225737a9bbb6473cb4a45b7244aca2befdb276a"
DAI = "0x6b175474e89094c44da98b954eedeac495271d0f"
ROUTER = "0x68b3465833fb72a70ecdf485e0e4c7bd8665fc45"  # SwapRouter02
POLICY = Policy.model_validate(
    {
        "wallet": {"evm": [OWN]},
        "allowlist": {
            "evm": [OWN_L2, FRIEND, JAM, SETTLER, LIFI, DAI_USDS],
            "evm_spenders": [SETTLER, LIFI, DAI_USDS],
        },
    }
)


def _guard() -> Guard:
    return Guard(POLICY, classifier=False)


def _domain_fields(*names: str) -> list[dict[str, str]]:
    kinds = {"name": "string", "version": "string", "chainId": "uint256"}
    return [{"name": n, "type": kinds.get(n, "address")} for n in names]


# -- Bebop JAM --------------------------------------------------------------------------------


def _jam(
    receiver: str, sells: list[tuple[str, int]], buys: list[tuple[str, int]]
) -> dict[str, Any]:
    fields = [
        ("taker", "address"), ("receiver", "address"), ("expiry", "uint256"),
        ("nonce", "uint256"), ("executor", "address"), ("minFillPercent", "uint16"),
        ("hooksHash", "bytes32"), ("sellTokens", "address[]"), ("buyTokens", "address[]"),
        ("sellAmounts", "uint256[]"), ("buyAmounts", "uint256[]"), ("sellNFTIds", "uint256[]"),
        ("buyNFTIds", "uint256[]"), ("sellTokenTransfers", "bytes"),
        ("buyTokenTransfers", "bytes"),
    ]  # fmt: skip
    return {
        "types": {
            "EIP712Domain": _domain_fields("name", "version", "chainId", "verifyingContract"),
            "JamOrder": [{"name": n, "type": t} for n, t in fields],
        },
        "primaryType": "JamOrder",
        "domain": {"name": "JamSettlement", "version": "1", "chainId": 1, "verifyingContract": JAM},
        "message": {
            "taker": OWN,
            "receiver": receiver,
            "expiry": 2_000_000_000,
            "nonce": 1,
            "executor": EXECUTOR,
            "minFillPercent": 10_000,
            "hooksHash": "0x" + "00" * 32,
            "sellTokens": [t for t, _ in sells],
            "buyTokens": [t for t, _ in buys],
            "sellAmounts": [a for _, a in sells],
            "buyAmounts": [a for _, a in buys],
            "sellNFTIds": [],
            "buyNFTIds": [],
            "sellTokenTransfers": "0x" + "00" * len(sells),
            "buyTokenTransfers": "0x" + "00" * len(buys),
        },
    }


@pytest.mark.parametrize(
    ("receiver", "sells", "buys", "action"),
    [
        pytest.param(OWN, [(USDC, 2 * 10**9)], [(WETH, 64 * 10**16)], Action.ALLOW,
                     id="own-receiver-allows"),
        pytest.param(FRIEND, [(USDC, 2 * 10**9)], [(WETH, 64 * 10**16)], Action.ALLOW,
                     id="allowlisted-receiver-allows"),
        pytest.param(STRANGER, [(USDC, 2 * 10**9)], [(WETH, 64 * 10**16)], Action.BLOCK,
                     id="stranger-receiver-blocks"),
        pytest.param(OWN, [(USDC, 25 * 10**9), (WETH, 4 * 10**18)], [(WETH, 1)], Action.BLOCK,
                     id="dust-consideration-blocks"),
        pytest.param(OWN_L2, [(USDC, 2 * 10**9)], [(WETH, 64 * 10**16)], Action.ALLOW,
                     id="allowlisted-own-l2-receiver-allows"),
        # review13 F6: proceeds left in a settling contract are nobody's the owner controls,
        # allowlisted (as a callee) or not
        pytest.param(JAM, [(USDC, 2 * 10**9)], [(WETH, 64 * 10**16)], Action.BLOCK,
                     id="the-settlement-itself-as-receiver-blocks"),
        pytest.param(LIFI, [(USDC, 2 * 10**9)], [(WETH, 64 * 10**16)], Action.BLOCK,
                     id="an-allowlisted-diamond-as-receiver-blocks"),
        pytest.param(DAI_USDS, [(USDC, 2 * 10**9)], [(WETH, 64 * 10**16)], Action.BLOCK,
                     id="an-allowlisted-converter-as-receiver-blocks"),
        pytest.param(ROUTER, [(USDC, 2 * 10**9)], [(WETH, 64 * 10**16)], Action.BLOCK,
                     id="a-known-router-as-receiver-blocks"),
    ],
)  # fmt: skip
def test_jam_order(receiver: str, sells: list[Any], buys: list[Any], action: Action) -> None:
    """A JAM order gives its sell tokens and is judged by what reaches the receiver."""
    assert _guard().check_typed_data(_jam(receiver, sells, buys)).action is action


def test_jam_order_with_mismatched_lists_is_not_allowed() -> None:
    """Sell tokens without their amounts are no order: never a silent ALLOW."""
    typed = _jam(OWN, [(USDC, 10**9)], [(WETH, 10**17)])
    typed["message"]["sellAmounts"] = []
    assert _guard().check_typed_data(typed).action is not Action.ALLOW


def test_jam_order_with_text_amounts_is_not_allowed() -> None:
    """Amounts of the wrong type are no order either."""
    typed = _jam(OWN, [(USDC, 10**9)], [(WETH, 10**17)])
    typed["types"]["JamOrder"][9]["type"] = "string[]"
    typed["message"]["sellAmounts"] = ["all"]
    assert _guard().check_typed_data(typed).action is not Action.ALLOW


# -- ERC-7683 (Across) as a Permit2 witness -----------------------------------------------------


def as_fields(pairs: list[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"name": n, "type": t} for n, t in pairs]


def _across(recipient: str, output: int) -> dict[str, Any]:
    order_data = [
        ("inputToken", "address"), ("inputAmount", "uint256"), ("outputToken", "address"),
        ("outputAmount", "uint256"), ("destinationChainId", "uint32"), ("recipient", "address"),
        ("exclusiveRelayer", "address"), ("exclusivityPeriod", "uint32"), ("message", "bytes"),
    ]  # fmt: skip
    order = [
        ("originSettler", "address"), ("user", "address"), ("nonce", "uint256"),
        ("originChainId", "uint256"), ("openDeadline", "uint32"), ("fillDeadline", "uint32"),
        ("orderDataType", "bytes32"), ("orderData", "AcrossOrderData"),
    ]  # fmt: skip
    permit = [
        ("permitted", "TokenPermissions"), ("spender", "address"), ("nonce", "uint256"),
        ("deadline", "uint256"), ("witness", "GaslessCrossChainOrder"),
    ]  # fmt: skip
    return {
        "types": {
            "EIP712Domain": _domain_fields("name", "chainId", "verifyingContract"),
            "PermitWitnessTransferFrom": as_fields(permit),
            "TokenPermissions": as_fields([("token", "address"), ("amount", "uint256")]),
            "GaslessCrossChainOrder": as_fields(order),
            "AcrossOrderData": as_fields(order_data),
        },
        "primaryType": "PermitWitnessTransferFrom",
        "domain": {"name": "Permit2", "chainId": 1, "verifyingContract": PERMIT2},
        "message": {
            "permitted": {"token": USDC, "amount": 5 * 10**9},
            "spender": SETTLER,
            "nonce": 1,
            "deadline": 2_000_000_000,
            "witness": {
                "originSettler": SETTLER,
                "user": OWN,
                "nonce": 1,
                "originChainId": 1,
                "openDeadline": 2_000_000_000,
                "fillDeadline": 2_000_000_000,
                "orderDataType": "0x" + "11" * 32,
                "orderData": {
                    "inputToken": USDC,
                    "inputAmount": 5 * 10**9,
                    "outputToken": USDC_BASE,
                    "outputAmount": output,
                    "destinationChainId": 8453,
                    "recipient": recipient,
                    "exclusiveRelayer": "0x" + "00" * 20,
                    "exclusivityPeriod": 0,
                    "message": "0x",
                },
            },
        },
    }


@pytest.mark.parametrize(
    ("recipient", "output", "action"),
    [
        pytest.param(OWN, 4_996 * 10**6, Action.ALLOW, id="own-recipient-allows"),
        pytest.param(OWN_L2, 4_996 * 10**6, Action.ALLOW, id="allowlisted-recipient-allows"),
        pytest.param(STRANGER, 4_996 * 10**6, Action.BLOCK, id="stranger-recipient-blocks"),
        pytest.param(OWN, 1, Action.BLOCK, id="dust-output-blocks"),
    ],
)
def test_across_gasless_order(recipient: str, output: int, action: Action) -> None:
    """The input goes to the settler; the order is judged by what reaches the recipient."""
    assert _guard().check_typed_data(_across(recipient, output)).action is action


def test_across_order_without_order_data_is_not_allowed() -> None:
    """A cross-chain witness whose order data cannot be read stays unexplained (FLAG)."""
    typed = _across(OWN, 4_996 * 10**6)
    typed["types"]["AcrossOrderData"] = [{"name": "message", "type": "bytes"}]
    typed["message"]["witness"]["orderData"] = {"message": "0x"}
    assert _guard().check_typed_data(typed).action is Action.FLAG


# -- LI.FI GenericSwapFacetV3 -------------------------------------------------------------------

_HEAD = "bytes32,string,string,address,uint256"
_SWAP = "(address,address,address,address,uint256,bytes,bool)"


def _lifi(
    receiver: str,
    minimum: int,
    *,
    to: str = LIFI,
    multiple: bool = False,
    inner_to: str = LIFI,
    inner: bytes | None = None,
) -> dict[str, Any]:
    if inner is None:
        inner = call(
            "exactInputSingle((address,address,uint24,address,uint256,uint256,uint160))",
            (USDC, WETH, 500, inner_to, 3 * 10**9, minimum, 0),
        )
    swap = (ROUTER, ROUTER, USDC, WETH, 3 * 10**9, inner, True)
    if multiple:
        data = call(f"swapTokensMultipleV3ERC20ToERC20({_HEAD},{_SWAP}[])", b"\x01" * 32, "jumper",
                    "", receiver, minimum, [swap])  # fmt: skip
    else:
        data = call(f"swapTokensSingleV3ERC20ToERC20({_HEAD},{_SWAP})", b"\x01" * 32, "jumper", "",
                    receiver, minimum, swap)  # fmt: skip
    return {"from": OWN, "to": to, "value": 0, "data": "0x" + data.hex(), "chainId": 1}


@pytest.mark.parametrize(
    ("tx", "action"),
    [
        pytest.param(_lifi(OWN, 95 * 10**16), Action.ALLOW, id="own-receiver-allows"),
        pytest.param(_lifi(FRIEND, 95 * 10**16), Action.ALLOW, id="allowlisted-receiver-allows"),
        pytest.param(_lifi(STRANGER, 95 * 10**16), Action.BLOCK, id="stranger-receiver-blocks"),
        pytest.param(_lifi(LIFI, 95 * 10**16), Action.BLOCK, id="the-diamond-as-receiver-blocks"),
        pytest.param(_lifi(OWN, 0), Action.FLAG, id="minimum-zero-flags"),
        pytest.param(_lifi(STRANGER, 95 * 10**16, multiple=True), Action.BLOCK,
                     id="multiple-stranger-receiver-blocks"),
        pytest.param(_lifi(OWN, 95 * 10**16, to=STRANGER), Action.FLAG,
                     id="same-selector-elsewhere-flags"),
        # review13 F8: the inner swap names its own recipient
        pytest.param(_lifi(OWN, 95 * 10**16, inner_to=OWN), Action.ALLOW,
                     id="inner-swap-paying-the-receiver-allows"),
        pytest.param(_lifi(OWN, 10**12, inner_to=STRANGER), Action.BLOCK,
                     id="inner-swap-paying-a-stranger-blocks"),
        pytest.param(_lifi(OWN, 95 * 10**16, inner_to=STRANGER, multiple=True), Action.BLOCK,
                     id="multiple-inner-swap-paying-a-stranger-blocks"),
        pytest.param(_lifi(FRIEND, 95 * 10**16, inner_to=STRANGER), Action.BLOCK,
                     id="allowlisted-receiver-inner-swap-paying-a-stranger-blocks"),
        pytest.param(_lifi(OWN, 95 * 10**16, inner=b"\xde\xad\xbe\xef" + bytes(64)), Action.FLAG,
                     id="inner-call-not-a-swap-guarantees-nothing"),
        pytest.param(_lifi(OWN, 95 * 10**16, inner=call(
                         "exactInputSingle((address,address,uint24,address,uint256,uint256,uint160))",
                         (USDC, WETH, 500, LIFI, 3 * 10**9, 0, 0))[:40]), Action.FLAG,
                     id="inner-swap-truncated-guarantees-nothing"),
    ],
)  # fmt: skip
def test_lifi_swap(tx: dict[str, Any], action: Action) -> None:
    """The diamond's guarantee (``_minAmountOut`` to ``_receiver``) judges the swap."""
    assert _guard().check_transaction(tx).action is action


def test_lifi_truncated_calldata_is_not_allowed() -> None:
    """Calldata cut short never crashes and never passes silently."""
    tx = _lifi(OWN, 95 * 10**16)
    tx["data"] = tx["data"][:200]
    assert _guard().check_transaction(tx).action is not Action.ALLOW


# -- Sky DaiUsds ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("to", "usr", "action"),
    [
        pytest.param(DAI_USDS, OWN, Action.ALLOW, id="to-own-allows"),
        pytest.param(DAI_USDS, FRIEND, Action.ALLOW, id="to-allowlisted-allows"),
        pytest.param(DAI_USDS, STRANGER, Action.BLOCK, id="to-stranger-blocks"),
        pytest.param(STRANGER, OWN, Action.FLAG, id="same-selector-elsewhere-flags"),
    ],
)
def test_dai_usds(to: str, usr: str, action: Action) -> None:
    """``daiToUsds(usr, wad)`` is an exchange whose output goes to ``usr``."""
    for signature in ("daiToUsds(address,uint256)", "usdsToDai(address,uint256)"):
        data = call(signature, usr, 10**22)
        tx = {"from": OWN, "to": to, "value": 0, "data": "0x" + data.hex(), "chainId": 1}
        assert _guard().check_transaction(tx).action is action, signature
