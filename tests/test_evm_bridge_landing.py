"""Where bridged value lands: Across's MulticallHandler instructions, the Agglayer bridge,
Scroll's gateways and messenger, a swap output in an imitation token, 0x Settler's slippage.

Calldata is eth_abi's encoding of the published signatures (across-protocol/contracts
``V3SpokePoolInterface`` / ``handlers/MulticallHandler.sol``, 0xPolygonHermez/zkevm-contracts
``IPolygonZkEVMBridgeV2``, scroll-tech/scroll ``IL1ETHGateway`` / ``IL1ERC20Gateway`` /
``IScrollMessenger``, Aave v3 ``IPool.supply``); parties are generated
(``tests/receiver_builders.py``), contracts and tokens are rows of ``data/evm_protocols.json``.
Each drainer shape has its benign twin, and each effect is also judged carried by the own
smart account's ``executeBatch`` and by a Safe whose owner sends it.
"""

from __future__ import annotations

from typing import Any

import pytest
from eth_abi import encode

from aiegis_guard.chains.transaction import AssetKind, Call, Transfer
from aiegis_guard.findings import Action
from aiegis_guard.guard import Guard
from aiegis_guard.policy import Policy
from aiegis_guard.verdict import Verdict
from tests.evm_builders import call
from tests.receiver_builders import (
    FRIEND,
    OWN,
    STRANGER,
    USDC,
    ZERO,
    addr,
    judged,
    operations,
    own_tx,
    receipts,
    rules,
)

SPOKE = addr("spoke-pool")
HANDLER = "0x924a9f036260ddd5808007e1aa95f08ed08aa569"  # Across MulticallHandler
BASE_USDC = "0x833589fcd6edb6e08f4c7c32d4f71b54bda02913"
AAVE_BASE = "0xa238dd80c259a72e81d7e4664a9801593f98d1c5"
AGGLAYER = "0x2a3dd3eb832af982ec71669e178424b10dca2ede"
SCROLL_ROUTER = "0xf8b1378579659d8f7ee5f3c929c2f3e332e41fd6"
SCROLL_MESSENGER = "0x6774bcbd5cecef1336b5300fb5186a12ddd8b367"
WBTC = "0x2260fac5e5542a773aa44fbcfedf7c193bc2c599"
OUT = 24_990 * 10**6

_DEPOSIT_V3 = (
    "depositV3(address,address,address,address,uint256,uint256,uint256,address,uint32,uint32,"
    "uint32,bytes)"
)
_DRAIN = "drainLeftoverTokens(address,address)"


def _transfer(to: str, amount: int = OUT) -> bytes:
    return call("transfer(address,uint256)", to, amount)


def _approve(spender: str, amount: int = OUT) -> bytes:
    return call("approve(address,uint256)", spender, amount)


def _supply(on_behalf: str) -> bytes:
    return call("supply(address,uint256,address,uint16)", BASE_USDC, OUT, on_behalf, 0)


def message(calls: list[tuple[str, bytes, int]], fallback: str) -> bytes:
    """``abi.encode(Instructions{calls, fallbackRecipient})`` (MulticallHandler.sol)."""
    return encode(["((address,bytes,uint256)[],address)"], [(calls, fallback)])


def deposit(msg: bytes, recipient: str = HANDLER, out_token: str = BASE_USDC) -> bytes:
    return call(
        _DEPOSIT_V3, OWN, recipient, USDC, out_token, 25_000 * 10**6, OUT, 8453, ZERO,
        1_700_000_000, 1_700_003_600, 0, msg,
    )  # fmt: skip


def _judge(payload: dict[str, Any], *allowed: str) -> Verdict:
    """Spoke pool and handler allowlisted, as an integrator's policy would have them."""
    return judged(payload, SPOKE, HANDLER, *allowed)


PAY_OWN = message([(BASE_USDC, _transfer(OWN), 0)], OWN)
AAVE_OWN = message([(BASE_USDC, _approve(AAVE_BASE), 0), (AAVE_BASE, _supply(OWN), 0)], OWN)
HANDLER_CASES = [
    pytest.param(PAY_OWN, Action.ALLOW, set(), id="transfer-to-own"),
    pytest.param(
        message([(BASE_USDC, _transfer(STRANGER), 0)], OWN), Action.BLOCK,
        {"tx.evm.swap_recipient"}, id="transfer-to-stranger-fallback-own",
    ),
    pytest.param(AAVE_OWN, Action.ALLOW, set(), id="aave-supply-on-behalf-of-own"),
    pytest.param(
        message([(BASE_USDC, _approve(AAVE_BASE), 0), (AAVE_BASE, _supply(STRANGER), 0)], OWN),
        Action.BLOCK, {"tx.evm.swap_recipient"}, id="aave-supply-on-behalf-of-stranger",
    ),
    pytest.param(message([], OWN), Action.ALLOW, set(), id="no-calls-fallback-own"),
    pytest.param(
        message([], STRANGER), Action.BLOCK, {"tx.evm.swap_recipient"},
        id="no-calls-fallback-stranger",
    ),
    pytest.param(
        message([(BASE_USDC, _transfer(OWN), 0)], STRANGER), Action.BLOCK,
        {"tx.evm.swap_recipient"}, id="calls-pay-own-but-a-failing-call-pays-the-fallback",
    ),
    pytest.param(
        message([], ZERO), Action.BLOCK, {"tx.evm.swap_recipient"},
        id="no-calls-no-fallback-left-for-anyone",
    ),
    pytest.param(
        message([(BASE_USDC, _transfer(OWN, OUT // 2), 0)], ZERO), Action.BLOCK,
        {"tx.evm.swap_recipient"}, id="half-paid-rest-left-for-anyone",
    ),
    pytest.param(
        message([(BASE_USDC, _transfer(OWN), 0)], ZERO), Action.ALLOW, set(),
        id="all-paid-no-fallback",
    ),
    pytest.param(
        message([(HANDLER, call(_DRAIN, BASE_USDC, OWN), 0)], ZERO), Action.ALLOW, set(),
        id="drain-leftover-to-own",
    ),
    pytest.param(
        message([(HANDLER, call(_DRAIN, BASE_USDC, STRANGER), 0)], OWN), Action.BLOCK,
        {"tx.evm.swap_recipient"}, id="drain-leftover-to-stranger",
    ),
    pytest.param(
        message([(STRANGER, b"\x12\x34\x56\x78" + bytes(32), 0)], OWN), Action.FLAG,
        {"tx.evm.unknown_call"}, id="unread-call-is-the-requests-opaque-call",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("msg", "action", "expected"), HANDLER_CASES)
def test_handler_instructions_decide_where_the_output_lands(
    msg: bytes, action: Action, expected: set[str]
) -> None:
    """The output goes where the handler's calls (or its fallback) send it, not to the
    allowlisted handler."""
    verdict = _judge(own_tx(SPOKE, deposit(msg)))
    assert verdict.action is action, verdict.effect_lines
    assert rules(verdict) == expected


def test_handler_output_reads_as_a_receipt_of_its_payee() -> None:
    """The preview names the payee of the handler's transfer, at the deposit's minimum."""
    got = receipts(own_tx(SPOKE, deposit(message([(BASE_USDC, _transfer(STRANGER), 0)], OWN))))
    paid = [r for r in got if r.recipient == STRANGER]
    assert [(r.asset.address, r.amount) for r in paid] == [(BASE_USDC, OUT)]


def test_undecodable_message_leaves_the_output_with_the_handler() -> None:
    """A message that is no ``Instructions``: the output stays with a public executor (a
    settling contract of the book), never trusted because the handler is allowlisted."""
    verdict = _judge(own_tx(SPOKE, deposit(b"\x01\x02\x03")))
    assert verdict.action is Action.BLOCK
    assert "tx.evm.swap_recipient" in rules(verdict)


def test_message_to_another_recipient_is_its_own_business() -> None:
    """A message to an ordinary recipient (own) does not change where the output lands."""
    verdict = _judge(own_tx(SPOKE, deposit(PAY_OWN, recipient=OWN)))
    assert verdict.action is Action.ALLOW


def test_handler_drain_called_directly_is_opaque() -> None:
    """``drainLeftoverTokens`` is the handler's own (onlySelf): called by own it reverts and
    names a party; it is no transfer of own's."""
    ops = operations(own_tx(HANDLER, call(_DRAIN, BASE_USDC, STRANGER)))
    assert [type(op) for op in ops] == [Call]


BASE_WETH = "0x4200000000000000000000000000000000000006"
MULTICALL3 = "0xca11bde05977b3631167028862be2a173976ca11"
TEN_ETH = 10 * 10**18
_UNWRAP = (BASE_WETH, call("withdraw(uint256)", TEN_ETH), 0)


def _pull(owner: str, to: str) -> bytes:
    return call("transferFrom(address,address,uint256)", owner, to, 10**12)


def _weth_deposit(msg: bytes) -> dict[str, Any]:
    """10 WETH bridged to Base's handler (the output the calls spend)."""
    data = call(
        _DEPOSIT_V3, OWN, HANDLER, WETH, BASE_WETH, TEN_ETH, TEN_ETH, 8453, ZERO,
        1_700_000_000, 1_700_003_600, 0, msg,
    )  # fmt: skip
    return own_tx(SPOKE, data)


UNREAD = (STRANGER, b"\x12\x34\x56\x78", 0)
OTHER_MEANS = [
    pytest.param(
        [_UNWRAP, (STRANGER, b"", TEN_ETH)], Action.BLOCK, "tx.evm.swap_recipient",
        id="eth-sent-to-stranger",
    ),
    pytest.param(
        [_UNWRAP, (STRANGER, b"\x00", TEN_ETH)], Action.BLOCK, "tx.evm.swap_recipient",
        id="eth-sent-to-stranger-with-junk-data",
    ),
    pytest.param([_UNWRAP, (OWN, b"", TEN_ETH)], Action.ALLOW, None, id="eth-sent-to-own"),
    pytest.param(
        [(BASE_WETH, _approve(STRANGER, 2**256 - 1), 0), UNREAD], Action.BLOCK,
        "tx.evm.swap_recipient", id="approve-stranger-then-unread-call",
    ),
    pytest.param(
        [(BASE_WETH, _approve(STRANGER, 2**256 - 1), 0)], Action.ALLOW, None,
        id="approve-stranger-nothing-runs-it-fallback-own",
    ),
    pytest.param(
        [(BASE_WETH, _approve(AAVE_BASE, 2**256 - 1), 0), UNREAD], Action.FLAG,
        "tx.evm.unknown_call", id="approve-book-contract-then-unread-call",
    ),
    pytest.param(
        [(BASE_USDC, _pull(OWN, STRANGER), 0)], Action.FLAG, "tx.evm.unknown_recipient",
        id="transferFrom-own-to-stranger",
    ),
    pytest.param(
        [(BASE_USDC, _pull(OWN, OWN), 0)], Action.ALLOW, None, id="transferFrom-own-to-own",
    ),
    pytest.param(
        [(MULTICALL3, call("aggregate((address,bytes)[])", [(BASE_USDC, _transfer(STRANGER))]),
          0)], Action.ALLOW, None, id="multicall3-pays-from-its-empty-balance",
    ),
]  # fmt: skip


@pytest.mark.parametrize("handler_allowed", [True, False], ids=["handler-allowed", "not"])
@pytest.mark.parametrize(("calls", "action", "rule"), OTHER_MEANS)
def test_handler_calls_that_pay_by_other_means(
    calls: list[tuple[str, bytes, int]], action: Action, rule: str | None, handler_allowed: bool
) -> None:
    """ETH a call carries is its target's; an allowance the handler gives is its spender's
    once an unread call may run the spender (a router of the book runs only its own code);
    a pull of own's tokens is a give of own, read as one wherever it is nested."""
    allowed = (SPOKE, HANDLER) if handler_allowed else (SPOKE,)
    verdict = judged(_weth_deposit(message(calls, OWN)), *allowed)
    assert verdict.action is action, verdict.effect_lines
    assert rule is None or rule in rules(verdict)


def test_a_pull_of_own_tokens_is_shown_as_a_give() -> None:
    """The preview says where own's pulled tokens go."""
    ops = operations(_weth_deposit(message([(BASE_USDC, _pull(OWN, STRANGER), 0)], OWN)))
    gives = [op for op in ops if isinstance(op, Transfer) and op.recipient == STRANGER]
    assert [g.sender for g in gives] == [OWN]
    assert [(g.asset.address, g.amount) for g in gives] == [(BASE_USDC, 10**12)]


# -- carriers: the same deposit through the own smart account's batch and a Safe ----------

SAFE = addr("bridge-safe")
SIGNER = addr("bridge-safe-owner")
_EXEC = "execTransaction(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,bytes)"


def _batched(data: bytes, target: str = SPOKE) -> dict[str, Any]:
    return own_tx(OWN, call("executeBatch((address,uint256,bytes)[])", [(target, 0, data)]))


def _safe(data: bytes) -> tuple[dict[str, Any], Verdict]:
    """Sent by an owner of a Safe the wallet holds; the deposit made by the Safe (depositor)."""
    sig = bytes(12) + bytes.fromhex(SIGNER[2:]) + bytes(32) + b"\x01"
    inner = data.replace(bytes.fromhex(OWN[2:]), bytes.fromhex(SAFE[2:]))
    data = call(_EXEC, SPOKE, 0, inner, 0, 0, 0, 0, ZERO, ZERO, sig)
    payload = {**own_tx(SAFE, data), "from": SIGNER}
    allow = [SPOKE, HANDLER]
    policy = Policy.model_validate(
        {"wallet": {"evm": [SAFE, SIGNER]}, "allowlist": {"evm": allow, "evm_spenders": allow}}
    )
    return payload, Guard(policy, classifier=False).check_transaction(payload, chain="evm")


@pytest.mark.parametrize(("msg", "action", "expected"), HANDLER_CASES[:6])
def test_same_verdict_through_the_own_accounts_batch(
    msg: bytes, action: Action, expected: set[str]
) -> None:
    """executeBatch on the own (smart / 7702) account carries the same effect, same verdict."""
    verdict = _judge(_batched(deposit(msg)))
    assert verdict.action is action, verdict.effect_lines
    assert rules(verdict) >= expected


@pytest.mark.parametrize(("msg", "action"), [(p.values[0], p.values[1]) for p in HANDLER_CASES[:6]])
def test_same_verdict_through_a_safe(msg: bytes, action: Action) -> None:
    """A Safe transaction carrying the deposit: the same verdict as the flat call."""
    _, verdict = _safe(deposit(msg))
    assert verdict.action is action, verdict.effect_lines


# -- swap / bridge output in a token imitating a well-known one ---------------------------

FAKE_BASE_USDC = BASE_USDC[:6] + "ab" * 16 + BASE_USDC[-4:]  # same first / last 4 digits


def test_output_in_an_imitation_token_gives_the_input_away() -> None:
    """A relayer 'fills' with a token imitating Base USDC and is repaid the real one."""
    verdict = _judge(own_tx(SPOKE, deposit(b"", recipient=OWN, out_token=FAKE_BASE_USDC)))
    assert verdict.action is Action.BLOCK
    assert "tx.evm.order_gives_away" in rules(verdict)


def test_output_in_the_real_token_passes() -> None:
    """The benign twin: the real Base USDC to own."""
    verdict = _judge(own_tx(SPOKE, deposit(b"", recipient=OWN)))
    assert verdict.action is Action.ALLOW


def test_imitation_token_allowlisted_by_the_owner_passes() -> None:
    """A token the policy names is the owner's call, whatever its address looks like."""
    verdict = _judge(own_tx(SPOKE, deposit(b"", OWN, FAKE_BASE_USDC)), FAKE_BASE_USDC)
    assert verdict.action is Action.ALLOW


# -- Agglayer bridge ------------------------------------------------------------------------

_BRIDGE_ASSET = "bridgeAsset(uint32,address,uint256,address,bool,bytes)"
_BRIDGE_MESSAGE = "bridgeMessage(uint32,address,bool,bytes)"


def agglayer(to: str, token: str = ZERO, amount: int = 3 * 10**18) -> bytes:
    return call(_BRIDGE_ASSET, 1, to, amount, token, True, b"")


AGGLAYER_CASES = [
    pytest.param(own_tx(AGGLAYER, agglayer(OWN), 3 * 10**18), Action.ALLOW, id="eth-to-own"),
    pytest.param(
        own_tx(AGGLAYER, agglayer(STRANGER), 3 * 10**18), Action.BLOCK, id="eth-to-stranger"
    ),
    pytest.param(own_tx(AGGLAYER, agglayer(OWN, WBTC, 5 * 10**7)), Action.ALLOW, id="wbtc-to-own"),
    pytest.param(
        own_tx(AGGLAYER, agglayer(STRANGER, WBTC, 5 * 10**7)), Action.BLOCK, id="wbtc-to-stranger"
    ),
    pytest.param(
        own_tx(AGGLAYER, call(_BRIDGE_MESSAGE, 1, OWN, True, b""), 10**18), Action.ALLOW,
        id="message-value-to-own",
    ),
    pytest.param(
        own_tx(AGGLAYER, call(_BRIDGE_MESSAGE, 1, STRANGER, True, b"\x01"), 10**18),
        Action.BLOCK, id="message-value-to-stranger",
    ),
    pytest.param(
        _batched(agglayer(STRANGER, WBTC, 5 * 10**7), AGGLAYER), Action.BLOCK,
        id="batched-stranger",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("payload", "action"), AGGLAYER_CASES)
def test_agglayer_bridge(payload: dict[str, Any], action: Action) -> None:
    """``destinationAddress`` receives the bridged amount: own passes, a stranger blocks."""
    verdict = judged(payload, AGGLAYER)
    assert verdict.action is action, verdict.effect_lines


def test_agglayer_token_reads_as_a_give_and_a_receipt() -> None:
    """0.5 WBTC from own to the bridge; the same 0.5 WBTC to the recipient, 1:1."""
    payload = own_tx(AGGLAYER, agglayer(FRIEND, WBTC, 5 * 10**7))
    (got,) = receipts(payload)
    assert (got.asset.address, got.amount, got.recipient) == (WBTC, 5 * 10**7, FRIEND)


# -- Scroll gateways and messenger --------------------------------------------------------

_DEPOSIT_ETH = "depositETH(address,uint256,uint256)"
_DEPOSIT_ERC20 = "depositERC20(address,address,uint256,uint256)"
_SEND_MESSAGE = "sendMessage(address,uint256,bytes,uint256,address)"
FEE = 4 * 10**14

SCROLL_CASES = [
    pytest.param(
        own_tx(SCROLL_ROUTER, call(_DEPOSIT_ETH, OWN, 10**18, 200_000), 10**18 + FEE),
        Action.ALLOW, id="eth-to-own",
    ),
    pytest.param(
        own_tx(SCROLL_ROUTER, call(_DEPOSIT_ETH, STRANGER, 10**18, 200_000), 10**18 + FEE),
        Action.BLOCK, id="eth-to-stranger",
    ),
    pytest.param(
        own_tx(SCROLL_ROUTER, call("depositETH(uint256,uint256)", 10**18, 200_000), 10**18),
        Action.ALLOW, id="eth-to-caller",
    ),
    pytest.param(
        own_tx(SCROLL_ROUTER, call(_DEPOSIT_ERC20, USDC, OWN, 2 * 10**10, 200_000), FEE),
        Action.ALLOW, id="usdc-to-own",
    ),
    pytest.param(
        own_tx(SCROLL_ROUTER, call(_DEPOSIT_ERC20, USDC, STRANGER, 2 * 10**10, 200_000), FEE),
        Action.BLOCK, id="usdc-to-stranger",
    ),
    pytest.param(
        own_tx(SCROLL_MESSENGER, call(_SEND_MESSAGE, OWN, 10**18, b"", 200_000, OWN), 10**18),
        Action.ALLOW, id="message-value-to-own",
    ),
    pytest.param(
        own_tx(SCROLL_MESSENGER, call(_SEND_MESSAGE, STRANGER, 10**18, b"", 1, OWN), 10**18),
        Action.BLOCK, id="message-value-to-stranger",
    ),
    pytest.param(
        own_tx(SCROLL_MESSENGER, call(_SEND_MESSAGE, FRIEND, 0, b"\xaa" * 36, 1, OWN)),
        Action.FLAG, id="message-call-is-opaque",
    ),
    pytest.param(
        _batched(call(_DEPOSIT_ERC20, USDC, STRANGER, 2 * 10**10, 200_000), SCROLL_ROUTER),
        Action.BLOCK,
        id="batched-usdc-to-stranger",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("payload", "action"), SCROLL_CASES)
def test_scroll_deposits(payload: dict[str, Any], action: Action) -> None:
    """``_to`` (the caller without one) receives the deposit; the rest of the ETH is the fee."""
    verdict = judged(payload, SCROLL_ROUTER, SCROLL_MESSENGER, SPOKE)
    assert verdict.action is action, verdict.effect_lines


def test_scroll_fee_is_not_bridged() -> None:
    """msg.value = amount + relay fee: the receipt is the amount, exactly."""
    payload = own_tx(SCROLL_ROUTER, call(_DEPOSIT_ETH, FRIEND, 10**18, 200_000), 10**18 + FEE)
    (got,) = receipts(payload)
    assert (got.asset.kind, got.amount, got.recipient) == (AssetKind.NATIVE, 10**18, FRIEND)


# -- 0x Settler meta-transaction: a swap with a slippage floor ------------------------------

SETTLER = addr("settler-metatxn")
PERMIT2 = "0x000000000022D473030F116dDEE9F6B43aC78BA3"
WETH = "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2"


def settler(recipient: str, minimum: int, actions: tuple[str, ...] = ()) -> dict[str, Any]:
    """A ``PermitWitnessTransferFrom`` whose witness is ``SlippageAndActions``
    (0xProject/0x-settler ``SettlerAbstract.sol``)."""
    types = {
        "EIP712Domain": [
            {"name": "name", "type": "string"},
            {"name": "chainId", "type": "uint256"},
            {"name": "verifyingContract", "type": "address"},
        ],
        "PermitWitnessTransferFrom": [
            {"name": "permitted", "type": "TokenPermissions"},
            {"name": "spender", "type": "address"},
            {"name": "nonce", "type": "uint256"},
            {"name": "deadline", "type": "uint256"},
            {"name": "slippageAndActions", "type": "SlippageAndActions"},
        ],
        "SlippageAndActions": [
            {"name": "recipient", "type": "address"},
            {"name": "buyToken", "type": "address"},
            {"name": "minAmountOut", "type": "uint256"},
            {"name": "actions", "type": "bytes[]"},
        ],
        "TokenPermissions": [
            {"name": "token", "type": "address"},
            {"name": "amount", "type": "uint256"},
        ],
    }
    witness = {
        "recipient": recipient, "buyToken": WETH, "minAmountOut": minimum, "actions": list(actions)
    }  # fmt: skip
    message = {
        "permitted": {"token": USDC, "amount": 15_000 * 10**6},
        "spender": SETTLER,
        "nonce": 1,
        "deadline": 1_900_000_000,
        "slippageAndActions": witness,
    }
    domain = {"name": "Permit2", "chainId": 1, "verifyingContract": PERMIT2}
    return {"types": types, "primaryType": "PermitWitnessTransferFrom", "domain": domain,
            "message": message}  # fmt: skip


@pytest.mark.parametrize(
    ("recipient", "minimum", "action", "rule"),
    [
        pytest.param(OWN, 4 * 10**18, Action.ALLOW, None, id="floor-to-own"),
        pytest.param(OWN, 0, Action.FLAG, "tx.evm.swap_no_minimum", id="no-floor-to-own"),
        pytest.param(STRANGER, 4 * 10**18, Action.BLOCK, "tx.evm.swap_recipient", id="stranger"),
        pytest.param(OWN, 1, Action.FLAG, "tx.evm.swap_no_minimum", id="one-wei-floor"),
        pytest.param(OWN, 999, Action.FLAG, "tx.evm.swap_no_minimum", id="floor-under-dust"),
        pytest.param(OWN, 1000, Action.ALLOW, None, id="floor-at-dust"),
    ],
)
def test_settler_slippage_is_a_swap(
    recipient: str, minimum: int, action: Action, rule: str | None
) -> None:
    """A floor of 0 or dust accepts any price (FLAG, as any swap), not an order for nothing."""
    verdict = _settle(settler(recipient, minimum))
    assert verdict.action is action, verdict.effect_lines
    assert rule is None or rule in rules(verdict)


def _settle(typed: dict[str, Any]) -> Verdict:
    policy = Policy.model_validate(
        {"wallet": {"evm": [OWN]}, "allowlist": {"evm_spenders": [SETTLER]}}
    )
    return Guard(policy, classifier=False).check_typed_data(typed)


def _action(*parties: str) -> str:
    """An ``ISettlerActions`` call: a selector, then words (each party left-padded)."""
    words = "".join("00" * 12 + p[2:] for p in parties)
    return "0xc1fb425e" + words + "00" * 64


@pytest.mark.parametrize(
    ("minimum", "parties", "action", "rule"),
    [
        pytest.param(1, (STRANGER,), Action.BLOCK, "tx.evm.swap_recipient", id="dust-stranger"),
        pytest.param(0, (OWN, STRANGER), Action.BLOCK, "tx.evm.swap_recipient", id="zero-two"),
        pytest.param(1, (OWN, SETTLER, USDC), Action.FLAG, "tx.evm.swap_no_minimum",
                     id="dust-naming-own-settler-token"),
        pytest.param(4 * 10**18, (STRANGER,), Action.ALLOW, None, id="floor-guarantees"),
    ],
)  # fmt: skip
def test_settler_actions_decide_under_a_dust_floor(
    minimum: int, parties: tuple[str, ...], action: Action, rule: str | None
) -> None:
    """Under a dust floor the signed actions decide where the input goes: a party they name
    is paid; a real floor is what the Settler checks, whatever the actions do."""
    verdict = _settle(settler(OWN, minimum, (_action(*parties),)))
    assert verdict.action is action, verdict.effect_lines
    assert rule is None or rule in rules(verdict)
