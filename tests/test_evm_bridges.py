"""Bridges (``protocols/bridges.py``): the input given to the bridge, the destination output to
the recipient, judged like a swap output.

Calldata is eth_abi's encoding of the published signatures (Across ``V3SpokePoolInterface``,
LayerZero ``IOFT``, Hop ``L1_Bridge``, Wormhole ``ITokenBridge``); addresses are generated
(``tests/receiver_builders.py``) but for the contracts and tokens of
``data/evm_protocols.json``.
"""

from __future__ import annotations

from typing import Any

import pytest

from aiegis_guard.chains.evm.decode import decode_evm
from aiegis_guard.chains.transaction import AssetKind
from aiegis_guard.errors import EvmDecodeError
from aiegis_guard.findings import Action
from tests.evm_builders import call
from tests.receiver_builders import (
    FRIEND,
    OWN,
    STRANGER,
    USDC,
    WETH,
    ZERO,
    addr,
    assert_verdict,
    gives,
    judged,
    own_tx,
    receipts,
    rules,
    word,
)

SPOKE = addr("spoke-pool")  # any SpokePool: decoded by selector
STARGATE_USDC = "0xc026395860db2d07ee33e05fe50ed7bd583189c7"
HOP_USDC = "0x3666f603cc164936c1b87e207f36beba4ac5f18a"
WORMHOLE = addr("token-bridge")
OUT_TOKEN = addr("usdc-on-arbitrum")

_DEPOSIT_V3 = (
    "depositV3(address,address,address,address,uint256,uint256,uint256,address,uint32,uint32,"
    "uint32,bytes)"
)
_DEPOSIT = (
    "deposit(bytes32,bytes32,bytes32,bytes32,uint256,uint256,uint256,bytes32,uint32,uint32,"
    "uint32,bytes)"
)
_OFT_SEND = "send((uint32,bytes32,uint256,uint256,bytes,bytes,bytes),(uint256,uint256),address)"
_SEND_TO_L2 = "sendToL2(uint256,address,uint256,uint256,uint256,address,uint256)"
_TRANSFER_TOKENS = "transferTokens(address,uint256,uint16,bytes32,uint256,uint32)"


def across(recipient: str, out: int = 24_990 * 10**6, token_in: str = USDC) -> bytes:
    return call(
        _DEPOSIT_V3, OWN, recipient, token_in, OUT_TOKEN, 25_000 * 10**6, out, 42161, ZERO,
        1_700_000_000, 1_700_003_600, 0, b"",
    )  # fmt: skip


def oft(to: bytes, minimum: int = 9_990 * 10**6, refund: str = OWN) -> bytes:
    param = (30110, to, 10_000 * 10**6, minimum, b"", b"", b"")
    return call(_OFT_SEND, param, (3 * 10**15, 0), refund)


def hop(recipient: str, minimum: int = 4_985 * 10**6) -> bytes:
    return call(_SEND_TO_L2, 10, recipient, 5_000 * 10**6, minimum, 1_700_003_600, ZERO, 0)


def wormhole(recipient: bytes) -> bytes:
    return call(_TRANSFER_TOKENS, WETH, 3 * 10**18, 23, recipient, 0, 7)


CASES = [
    pytest.param(own_tx(SPOKE, across(OWN)), SPOKE, Action.ALLOW, set(), id="across-to-own"),
    pytest.param(
        own_tx(SPOKE, across(STRANGER)), SPOKE, Action.BLOCK, {"tx.evm.swap_recipient"},
        id="across-recipient-stranger",
    ),
    pytest.param(
        own_tx(SPOKE, across(OWN, out=0)), SPOKE, Action.FLAG, {"tx.evm.swap_no_minimum"},
        id="across-output-zero",
    ),
    pytest.param(
        own_tx(STARGATE_USDC, oft(word(OWN)), value=3 * 10**15), STARGATE_USDC, Action.ALLOW,
        set(), id="oft-to-own",
    ),
    pytest.param(
        own_tx(STARGATE_USDC, oft(word(STRANGER)), value=3 * 10**15), STARGATE_USDC,
        Action.BLOCK, {"tx.evm.swap_recipient"}, id="oft-to-stranger",
    ),
    pytest.param(
        own_tx(STARGATE_USDC, oft(word(OWN), minimum=0, refund=STRANGER), value=3 * 10**15),
        STARGATE_USDC, Action.FLAG, {"tx.evm.swap_no_minimum"}, id="oft-min-zero-refund-elsewhere",
    ),
    pytest.param(
        own_tx(STARGATE_USDC, oft(b"\x11" * 32)), STARGATE_USDC, Action.BLOCK,
        {"tx.evm.swap_recipient"}, id="oft-to-non-evm-account-is-a-stranger",
    ),
    pytest.param(own_tx(HOP_USDC, hop(OWN)), HOP_USDC, Action.ALLOW, set(), id="hop-to-own"),
    pytest.param(
        own_tx(HOP_USDC, hop(STRANGER)), HOP_USDC, Action.BLOCK, {"tx.evm.swap_recipient"},
        id="hop-to-stranger",
    ),
    pytest.param(
        own_tx(WORMHOLE, wormhole(word(OWN))), WORMHOLE, Action.ALLOW, set(), id="wormhole-to-own"
    ),
    pytest.param(
        own_tx(WORMHOLE, wormhole(word(STRANGER))), WORMHOLE, Action.BLOCK,
        {"tx.evm.swap_recipient"}, id="wormhole-to-stranger",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("payload", "bridge", "action", "expected"), CASES)
def test_bridge_verdict(
    payload: dict[str, Any], bridge: str, action: Action, expected: set[str]
) -> None:
    """Own as recipient passes; a stranger recipient blocks; a zero minimum flags."""
    assert_verdict(payload, bridge, action, expected)


def test_bridge_not_allowlisted_is_a_payment_to_a_stranger() -> None:
    """The same deposit into a bridge nobody allowlisted is judged as paying it."""
    verdict = judged(own_tx(SPOKE, across(OWN)))
    assert verdict.action is Action.FLAG
    assert "tx.evm.unknown_recipient" in rules(verdict)


def test_across_depositor_elsewhere_is_an_output() -> None:
    """A depositor other than the caller can re-route or be refunded the deposit: a stranger
    there is paid the input's worth."""
    data = call(
        _DEPOSIT_V3, STRANGER, OWN, USDC, OUT_TOKEN, 10**9, 99 * 10**7, 10, ZERO, 1, 2, 0, b""
    )
    verdict = judged(own_tx(SPOKE, data), SPOKE)
    assert verdict.action is Action.BLOCK
    assert rules(verdict) == {"tx.evm.swap_recipient"}
    assert {(r.recipient, r.amount) for r in receipts(own_tx(SPOKE, data))} == {
        (OWN, 99 * 10**7),
        (STRANGER, None),
    }


def test_allowlisted_friend_recipient_passes() -> None:
    """A recipient the policy allowlists receives the destination side."""
    assert judged(own_tx(SPOKE, across(FRIEND)), SPOKE, FRIEND).action is Action.ALLOW


def test_across_reads_amounts_tokens_and_recipient() -> None:
    """Input from the caller to the spoke pool; output token, minimum and recipient."""
    payload = own_tx(SPOKE, across(STRANGER))
    (give,) = gives(payload)
    assert (give.recipient, give.amount, give.asset.address) == (SPOKE, 25_000 * 10**6, USDC)
    (get,) = receipts(payload)
    assert (get.recipient, get.amount, get.asset.address) == (STRANGER, 24_990 * 10**6, OUT_TOKEN)


def test_across_native_input_is_the_call_value() -> None:
    """WETH as input paid with the call's ETH is the ETH already sent (no second give)."""
    payload = own_tx(SPOKE, across(OWN, token_in=WETH), value=25_000 * 10**6)
    assert [g.asset.kind for g in gives(payload)] == [AssetKind.NATIVE]


def test_across_bytes32_deposit_and_zero_output_token() -> None:
    """``deposit`` (bytes32 form): the left-padded recipient; output token 0 = the input's."""
    data = call(
        _DEPOSIT, word(OWN), word(STRANGER), word(USDC), bytes(32), 10**6, 9 * 10**5, 10,
        bytes(32), 1, 2, 0, b"",
    )  # fmt: skip
    (get,) = receipts(own_tx(SPOKE, data))
    assert (get.recipient, get.asset.address, get.amount) == (STRANGER, USDC, 9 * 10**5)


def test_oft_token_comes_from_the_known_pool() -> None:
    """The Stargate USDC pool moves USDC (``asset`` of its row); the fee is the call's ETH."""
    payload = own_tx(STARGATE_USDC, oft(word(OWN)), value=3 * 10**15)
    assets = sorted((g.asset.kind.value, g.asset.address or "") for g in gives(payload))
    assert assets == [("fungible", USDC), ("native", "")]


def test_oft_unknown_adapter_token_is_a_stand_in() -> None:
    """An OFT the table does not know: the bridged token is named after the contract."""
    other = addr("some-oft")
    (give,) = gives(own_tx(other, oft(word(OWN))))
    assert give.asset.address is None and "bridged token" in (give.asset.symbol or "")


def test_wormhole_output_is_the_amount_less_the_arbiter_fee() -> None:
    """transferTokens: the recipient gets the amount less ``arbiterFee`` (paid to whoever
    redeems)."""
    (get,) = receipts(own_tx(WORMHOLE, wormhole(word(STRANGER))))
    assert (get.recipient, get.amount, get.asset.address) == (STRANGER, 3 * 10**18, WETH)


@pytest.mark.parametrize(
    "payload",
    [
        pytest.param(own_tx(WORMHOLE, call(_TRANSFER_TOKENS, WETH, 3 * 10**18, 23, word(OWN),
                                           3 * 10**18, 7)), id="wormhole-arbiter-fee-all"),
        pytest.param(own_tx(WORMHOLE, call(_TRANSFER_TOKENS, WETH, 3 * 10**18, 23, word(OWN),
                                           297 * 10**16, 7)), id="wormhole-arbiter-fee-99-percent"),
        pytest.param(own_tx(WORMHOLE, call(_TRANSFER_TOKENS, WETH, 3 * 10**18, 23, word(OWN),
                                           3 * 10**18 - 10**15, 7)),
                     id="wormhole-arbiter-fee-all-but-dust"),
        pytest.param(own_tx(WORMHOLE, call("wrapAndTransferETH(uint16,bytes32,uint256,uint32)", 23,
                                           word(OWN), 99 * 10**16, 1), value=10**18),
                     id="wormhole-eth-arbiter-fee-99-percent"),
        pytest.param(own_tx(HOP_USDC, call(_SEND_TO_L2, 10, OWN, 5_000 * 10**6, 1, 2**40,
                                           STRANGER, 5_000 * 10**6)), id="hop-relayer-fee-all"),
        pytest.param(own_tx(SPOKE, call(_DEPOSIT_V3, OWN, OWN, USDC, ZERO, 25_000 * 10**6, 10_000,
                                        42161, ZERO, 1, 2, 0, b"")), id="across-relayer-keeps-it"),
    ],
)  # fmt: skip
def test_a_relayer_that_takes_the_deposit_is_given_it(payload: dict[str, Any]) -> None:
    """A relayer / redeemer keeping more than a tenth (``bridging.RELAYER_SHARE``) is no fee:
    the recipient is guaranteed nothing, and the cut is a give to whoever relays or redeems
    (anyone): BLOCK, even to the own account."""
    verdict = judged(payload, WORMHOLE, HOP_USDC, SPOKE)
    assert verdict.action is Action.BLOCK, verdict.explain()
    assert {"tx.evm.swap_no_minimum", "tx.evm.swap_recipient"} <= rules(verdict)


@pytest.mark.parametrize(
    ("payload", "action"),
    [
        pytest.param(own_tx(WORMHOLE, call(_TRANSFER_TOKENS, WETH, 3 * 10**18, 23, word(OWN),
                                           3 * 10**17, 7)), Action.ALLOW,
                     id="wormhole-arbiter-fee-of-a-tenth"),
        pytest.param(own_tx(WORMHOLE, call(_TRANSFER_TOKENS, WETH, 3 * 10**18, 23, word(OWN),
                                           3 * 10**17 + 1, 7)), Action.BLOCK,
                     id="wormhole-arbiter-fee-over-a-tenth"),
        pytest.param(own_tx(HOP_USDC, call(_SEND_TO_L2, 10, OWN, 5_000 * 10**6, 1, 2**40,
                                           OWN, 5_000 * 10**6)), Action.FLAG,
                     id="hop-relayer-fee-all-to-own-relayer"),
        pytest.param(own_tx(HOP_USDC, call(_SEND_TO_L2, 10, OWN, 5_000 * 10**6, 4_000 * 10**6,
                                           2**40, STRANGER, 500 * 10**6)), Action.ALLOW,
                     id="hop-relayer-fee-of-a-tenth-to-stranger"),
    ],
)  # fmt: skip
def test_the_relayer_share_bounds_the_fee(payload: dict[str, Any], action: Action) -> None:
    """Up to a tenth is a fee; above it the cut is a give to the relayer (own: no give, but
    the output is still not guaranteed)."""
    assert judged(payload, WORMHOLE, HOP_USDC).action is action


@pytest.mark.parametrize(
    ("chain", "action"),
    [
        pytest.param(2, Action.ALLOW, id="ethereum"),
        pytest.param(30, Action.ALLOW, id="base"),
        pytest.param(1, Action.BLOCK, id="solana"),
        pytest.param(21, Action.BLOCK, id="sui"),
        pytest.param(22, Action.BLOCK, id="aptos"),
        pytest.param(65535, Action.BLOCK, id="unknown-chain"),
    ],
)
def test_wormhole_reads_the_target_chain(chain: int, action: Action) -> None:
    """An EVM-padded recipient is the own EVM account only on an EVM target chain (Wormhole
    chain ids: wormhole-foundation/wormhole sdk/vaa/structs.go, wormhole-sdk-ts platforms.ts)."""
    data = call(_TRANSFER_TOKENS, WETH, 3 * 10**18, chain, word(OWN), 0, 7)
    assert judged(own_tx(WORMHOLE, data), WORMHOLE).action is action


def test_wormhole_wrap_and_transfer_eth() -> None:
    """wrapAndTransferETH: the ETH sent is the input, ETH's wrapped form goes to the recipient."""
    data = call("wrapAndTransferETH(uint16,bytes32,uint256,uint32)", 23, word(STRANGER), 0, 1)
    verdict = judged(own_tx(WORMHOLE, data, value=10**18), WORMHOLE)
    assert verdict.action is Action.BLOCK
    assert rules(verdict) == {"tx.evm.swap_recipient"}


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(across(OWN)[:100], id="across-truncated"),
        pytest.param(oft(word(OWN))[:68], id="oft-truncated"),
        pytest.param(hop(OWN)[:-32], id="hop-short"),
    ],
)
def test_truncated_bridge_calldata_is_a_decode_error(data: bytes) -> None:
    """Bad calldata raises the typed error (the guard fails closed on it)."""
    with pytest.raises(EvmDecodeError):
        decode_evm(own_tx(SPOKE, data))
    assert judged(own_tx(SPOKE, data), SPOKE).action is not Action.ALLOW


OP_BRIDGE = addr("l1-standard-bridge")
USDC_E = addr("usdc-e-on-op")


@pytest.mark.parametrize(
    ("data", "value", "to"),
    [
        pytest.param(call("depositETH(uint32,bytes)", 200_000, b""), 10**18, OWN, id="eth"),
        pytest.param(call("depositETHTo(address,uint32,bytes)", STRANGER, 200_000, b""), 10**18,
                     STRANGER, id="eth-to"),
        pytest.param(call("depositERC20To(address,address,address,uint256,uint32,bytes)", USDC,
                          USDC_E, STRANGER, 8_000 * 10**6, 200_000, b""), 0, STRANGER,
                     id="erc20-to"),
        pytest.param(call("outboundTransfer(address,address,uint256,uint256,uint256,bytes)", USDC,
                          OWN, 8_000 * 10**6, 10**6, 10**8, b""), 0, OWN, id="arbitrum-router"),
    ],
)  # fmt: skip
def test_canonical_bridges_pay_the_recipient_one_to_one(data: bytes, value: int, to: str) -> None:
    """OP Stack / Arbitrum canonical bridges: the input to the bridge, the same amount on L2 to
    the recipient (the caller when the call names none); a stranger recipient blocks."""
    payload = own_tx(OP_BRIDGE, data, value=value)
    (get,) = receipts(payload)
    assert get.recipient == to and get.amount in (10**18, 8_000 * 10**6)
    verdict = judged(payload, OP_BRIDGE)
    assert verdict.action is (Action.ALLOW if to == OWN else Action.BLOCK), verdict.effect_lines


INBOX = addr("arbitrum-inbox")
_RETRYABLE = "createRetryableTicket(address,uint256,uint256,address,address,uint256,uint256,bytes)"
_UNSAFE = "unsafe" + _RETRYABLE[0].upper() + _RETRYABLE[1:]
L2_VALUE, FEES = 2 * 10**18, 11 * 10**13


def retryable(
    to: str, excess: str, beneficiary: str, l2_value: int = L2_VALUE, fn: str = ""
) -> bytes:
    return call(fn or _RETRYABLE, to, l2_value, 10**13, excess, beneficiary, 100_000, 10**9, b"")


@pytest.mark.parametrize(
    ("data", "action", "receivers"),
    [
        pytest.param(retryable(OWN, OWN, OWN), Action.ALLOW, {OWN}, id="all-own"),
        pytest.param(retryable(STRANGER, STRANGER, STRANGER), Action.BLOCK, {STRANGER},
                     id="value-to-stranger"),
        pytest.param(retryable(OWN, STRANGER, OWN), Action.BLOCK, {OWN, STRANGER},
                     id="excess-fees-to-stranger"),
        pytest.param(retryable(OWN, OWN, STRANGER), Action.BLOCK, {OWN, STRANGER},
                     id="beneficiary-stranger-may-cancel"),
        pytest.param(retryable(OWN, FRIEND, OWN), Action.ALLOW, {OWN, FRIEND},
                     id="excess-to-allowlisted"),
        pytest.param(retryable(STRANGER, OWN, STRANGER, 0), Action.ALLOW, set(),
                     id="message-without-value-moves-nothing"),
        pytest.param(retryable(STRANGER, OWN, OWN, fn=_UNSAFE), Action.BLOCK, {STRANGER},
                     id="unsafe-form-same"),
    ],
)  # fmt: skip
def test_arbitrum_retryable_ticket(data: bytes, action: Action, receivers: set[str]) -> None:
    """``l2CallValue`` goes to ``to`` on L2; the refund addresses (fee excess, the beneficiary
    who may cancel) receive from the deposit too: a stranger among them blocks."""
    payload = own_tx(INBOX, data, value=L2_VALUE + FEES)
    assert {r.recipient for r in receipts(payload)} == receivers
    verdict = judged(payload, INBOX, FRIEND)
    assert verdict.action is action, verdict.effect_lines


@pytest.mark.parametrize(
    ("gas_limit", "max_fee", "amount"),
    [
        pytest.param(0, 10**9, L2_VALUE, id="no-gas-limit"),
        pytest.param(100_000, 0, L2_VALUE, id="no-fee-cap"),
        pytest.param(100_000, 10**9, None, id="auto-redeemed"),
    ],
)
def test_retryable_without_auto_redeem_is_the_beneficiarys_to_take(
    gas_limit: int, max_fee: int, amount: int | None
) -> None:
    """With no gas for the automatic redeem the ticket waits: its beneficiary may cancel it
    first and take the whole ``l2CallValue`` (ArbRetryableTx.cancel), not an unknown share."""
    data = call(_RETRYABLE, OWN, L2_VALUE, 10**13, OWN, STRANGER, gas_limit, max_fee, b"")
    payload = own_tx(INBOX, data, value=L2_VALUE + FEES)
    to_stranger = [r.amount for r in receipts(payload) if r.recipient == STRANGER]
    assert to_stranger == [amount]
    assert judged(payload, INBOX).action is Action.BLOCK


def test_truncated_retryable_is_a_decode_error() -> None:
    data = retryable(OWN, OWN, OWN)[:100]
    with pytest.raises(EvmDecodeError):
        decode_evm(own_tx(INBOX, data, value=L2_VALUE))
    assert judged(own_tx(INBOX, data, value=L2_VALUE), INBOX).action is not Action.ALLOW
