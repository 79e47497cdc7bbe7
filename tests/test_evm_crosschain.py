"""Cross-chain transfers of ``protocols/crosschain.py``: CCTP burns, the Polygon PoS bridge,
Stargate v1 routers, OP Stack / Arbitrum L2 -> L1 withdrawals. The recipient on the other chain
is judged like a swap output: own passes, a stranger blocks, a minimum of 0 flags.

Calldata is eth_abi's encoding of the published signatures (circlefin/evm-cctp-contracts
``TokenMessenger`` / ``TokenMessengerV2``, maticnetwork/pos-portal ``RootChainManager``,
stargate-protocol/stargate ``RouterETH`` / ``Router``, ethereum-optimism/optimism
``L2StandardBridge`` / ``L2ToL1MessagePasser``, OffchainLabs/nitro-contracts ``ArbSys``);
addresses are generated (``tests/receiver_builders.py``) but for the tokens of
``data/evm_protocols.json`` and the precompiles / predeploys the chains fix.
"""

from __future__ import annotations

from typing import Any

import pytest

from aiegis_guard.chains.evm.decode import decode_evm
from aiegis_guard.chains.transaction import AssetKind, Call
from aiegis_guard.errors import EvmDecodeError
from aiegis_guard.findings import Action
from tests.evm_builders import call
from tests.receiver_builders import (
    FRIEND,
    OWN,
    STRANGER,
    USDC,
    addr,
    assert_verdict,
    judged,
    operations,
    own_tx,
    receipts,
    rules,
    word,
)

MESSENGER = addr("cctp-token-messenger")
ROOT_MANAGER = addr("polygon-root-chain-manager")
ROUTER_ETH = addr("stargate-router-eth")
ROUTER = addr("stargate-router")
L2_BRIDGE = "0x4200000000000000000000000000000000000010"  # OP Stack predeploy
MESSAGE_PASSER = "0x4200000000000000000000000000000000000016"  # OP Stack predeploy
ARBSYS = "0x0000000000000000000000000000000000000064"  # Arbitrum precompile
L2_ROUTER = addr("arbitrum-l2-gateway-router")
LEGACY_ETH = "0xdeaddeaddeaddeaddeaddeaddeaddeaddead0000"
BASE_USDC = "0x833589fcd6edb6e08f4c7c32d4f71b54bda02913"
L2_TOKEN = addr("optimism-mintable-token")

_BURN_V1 = "depositForBurn(uint256,uint32,bytes32,address)"
_BURN_CALLER = "depositForBurnWithCaller(uint256,uint32,bytes32,address,bytes32)"
_BURN_V2 = "depositForBurn(uint256,uint32,bytes32,address,bytes32,uint256,uint32)"
_SWAP_ETH = "swapETH(uint16,address,bytes,uint256,uint256)"
_SWAP = "swap(uint16,uint256,uint256,address,uint256,uint256,(uint256,uint256,bytes),bytes,bytes)"
_WITHDRAW_TO = "withdrawTo(address,address,uint256,uint32,bytes)"
ETH = 10**18


def burn(recipient: bytes, amount: int = 25_000 * 10**6, domain: int = 6) -> bytes:
    return call(_BURN_V1, amount, domain, recipient, USDC)


def burn_v2(recipient: bytes, max_fee: int = 5 * 10**5, amount: int = 5_000 * 10**6) -> bytes:
    return call(_BURN_V2, amount, 6, recipient, USDC, bytes(32), max_fee, 1000)


def swap_eth(to: bytes, minimum: int = 2_985 * 10**15, refund: str = OWN) -> bytes:
    return call(_SWAP_ETH, 110, refund, to, 3 * ETH, minimum)


def raw(address: str) -> bytes:
    return bytes.fromhex(address[2:])


CASES = [
    pytest.param(own_tx(MESSENGER, burn(word(OWN))), MESSENGER, Action.ALLOW, set(),
                 id="cctp-v1-to-own"),
    pytest.param(own_tx(MESSENGER, burn(word(STRANGER))), MESSENGER, Action.BLOCK,
                 {"tx.evm.swap_recipient"}, id="cctp-v1-to-stranger"),
    pytest.param(own_tx(MESSENGER, burn(b"\x07" * 32)), MESSENGER, Action.BLOCK,
                 {"tx.evm.swap_recipient"}, id="cctp-to-non-evm-account-is-a-stranger"),
    pytest.param(own_tx(MESSENGER, call(_BURN_CALLER, 10**9, 3, word(OWN), USDC,
                                        word(STRANGER))), MESSENGER, Action.ALLOW, set(),
                 id="cctp-destination-caller-only-relays"),
    pytest.param(own_tx(MESSENGER, burn_v2(word(OWN))), MESSENGER, Action.ALLOW, set(),
                 id="cctp-v2-fast-to-own"),
    pytest.param(own_tx(MESSENGER, burn_v2(word(STRANGER))), MESSENGER, Action.BLOCK,
                 {"tx.evm.swap_recipient"}, id="cctp-v2-to-stranger"),
    pytest.param(own_tx(MESSENGER, burn_v2(word(OWN), max_fee=5_000 * 10**6 - 1)), MESSENGER,
                 Action.FLAG, {"tx.evm.swap_no_minimum"}, id="cctp-v2-fee-takes-it-all"),
    pytest.param(own_tx(ROOT_MANAGER, call("depositEtherFor(address)", OWN), 2 * ETH),
                 ROOT_MANAGER, Action.ALLOW, set(), id="polygon-eth-to-own"),
    pytest.param(own_tx(ROOT_MANAGER, call("depositEtherFor(address)", STRANGER), 9 * ETH),
                 ROOT_MANAGER, Action.BLOCK, {"tx.evm.swap_recipient"},
                 id="polygon-eth-to-stranger"),
    pytest.param(own_tx(ROOT_MANAGER, call("depositFor(address,address,bytes)", OWN, USDC,
                                           (12_000 * 10**6).to_bytes(32, "big"))),
                 ROOT_MANAGER, Action.ALLOW, set(), id="polygon-erc20-to-own"),
    pytest.param(own_tx(ROOT_MANAGER, call("depositFor(address,address,bytes)", STRANGER, USDC,
                                           (12_000 * 10**6).to_bytes(32, "big"))),
                 ROOT_MANAGER, Action.BLOCK, {"tx.evm.swap_recipient"},
                 id="polygon-erc20-to-stranger"),
    pytest.param(own_tx(ROUTER_ETH, swap_eth(raw(OWN)), 3 * ETH + 4 * 10**15), ROUTER_ETH,
                 Action.ALLOW, set(), id="stargate-eth-to-own"),
    pytest.param(own_tx(ROUTER_ETH, swap_eth(raw(STRANGER)), 3 * ETH + 4 * 10**15), ROUTER_ETH,
                 Action.BLOCK, {"tx.evm.swap_recipient"}, id="stargate-eth-to-stranger"),
    pytest.param(own_tx(ROUTER_ETH, swap_eth(raw(OWN), 0), 3 * ETH + 4 * 10**15), ROUTER_ETH,
                 Action.FLAG, {"tx.evm.swap_no_minimum"}, id="stargate-eth-min-zero"),
    pytest.param(own_tx(ROUTER_ETH, swap_eth(raw(OWN), refund=STRANGER), 3 * ETH + 10**15),
                 ROUTER_ETH, Action.ALLOW, set(), id="stargate-refund-is-only-the-fee"),
    pytest.param(own_tx(ROUTER_ETH, swap_eth(word(STRANGER)), 3 * ETH + 4 * 10**15), ROUTER_ETH,
                 Action.BLOCK, {"tx.evm.swap_recipient"}, id="stargate-padded-to-address"),
    pytest.param(own_tx(ROUTER, call(_SWAP, 110, 1, 1, OWN, 10**9, 99 * 10**7, (0, 0, b""),
                                     raw(STRANGER), b""), 10**15), ROUTER, Action.BLOCK,
                 {"tx.evm.swap_recipient"}, id="stargate-router-swap-to-stranger"),
    pytest.param(own_tx(L2_BRIDGE, call(_WITHDRAW_TO, LEGACY_ETH, OWN, 4 * ETH, 0, b""), 4 * ETH,
                        chain_id=8453), L2_BRIDGE, Action.ALLOW, set(), id="op-withdraw-to-own"),
    pytest.param(own_tx(L2_BRIDGE, call(_WITHDRAW_TO, LEGACY_ETH, STRANGER, 4 * ETH, 0, b""),
                        4 * ETH, chain_id=8453), L2_BRIDGE, Action.BLOCK,
                 {"tx.evm.swap_recipient"}, id="op-withdraw-to-stranger"),
    pytest.param(own_tx(L2_BRIDGE, call("withdraw(address,uint256,uint32,bytes)", LEGACY_ETH,
                                        ETH, 0, b""), ETH, chain_id=10), L2_BRIDGE,
                 Action.ALLOW, set(), id="op-withdraw-to-caller"),
    pytest.param(own_tx(L2_BRIDGE, call(_WITHDRAW_TO, L2_TOKEN, STRANGER, 10**21, 0, b""),
                        chain_id=10), L2_BRIDGE, Action.BLOCK, {"tx.evm.swap_recipient"},
                 id="op-withdraw-token-to-stranger"),
    pytest.param(own_tx(ARBSYS, call("withdrawEth(address)", OWN), 2 * ETH, chain_id=42161),
                 ARBSYS, Action.ALLOW, set(), id="arbsys-to-own"),
    pytest.param(own_tx(ARBSYS, call("withdrawEth(address)", STRANGER), 2 * ETH,
                        chain_id=42161), ARBSYS, Action.BLOCK, {"tx.evm.swap_recipient"},
                 id="arbsys-to-stranger"),
    pytest.param(own_tx(ARBSYS, call("sendTxToL1(address,bytes)", STRANGER, b""), ETH,
                        chain_id=42161), ARBSYS, Action.BLOCK, {"tx.evm.swap_recipient"},
                 id="arbsys-send-tx-to-stranger"),
    pytest.param(own_tx(L2_ROUTER, call("outboundTransfer(address,address,uint256,bytes)", USDC,
                                        OWN, 10**9, b""), chain_id=42161), L2_ROUTER,
                 Action.ALLOW, set(), id="arbitrum-token-withdraw-to-own"),
    pytest.param(own_tx(L2_ROUTER, call("outboundTransfer(address,address,uint256,bytes)", USDC,
                                        STRANGER, 10**9, b""), chain_id=42161), L2_ROUTER,
                 Action.BLOCK, {"tx.evm.swap_recipient"}, id="arbitrum-token-withdraw-stranger"),
    pytest.param(own_tx(MESSAGE_PASSER, call("initiateWithdrawal(address,uint256,bytes)", OWN,
                                             100_000, b""), ETH, chain_id=10), MESSAGE_PASSER,
                 Action.ALLOW, set(), id="message-passer-to-own"),
]  # fmt: skip


@pytest.mark.parametrize(("payload", "contract", "action", "expected"), CASES)
def test_crosschain_verdict(
    payload: dict[str, Any], contract: str, action: Action, expected: set[str]
) -> None:
    """Own (or the caller) as recipient passes; a stranger blocks; a zero minimum flags."""
    assert_verdict(payload, contract, action, expected)


def test_allowlisted_recipient_passes() -> None:
    """A recipient the policy allowlists receives the other chain's side."""
    payload = own_tx(MESSENGER, burn(word(FRIEND)))
    assert judged(payload, MESSENGER, FRIEND).action is Action.ALLOW


def test_cctp_reads_the_destination_usdc_and_the_v2_fee() -> None:
    """USDC burnt on Ethereum is minted as USDC on the destination domain (6: Base), less at
    most ``maxFee`` in v2."""
    (get,) = receipts(own_tx(MESSENGER, burn_v2(word(OWN))))
    assert (get.asset.address, get.amount, get.recipient) == (BASE_USDC, 4_999_500_000, OWN)
    (get,) = receipts(own_tx(MESSENGER, burn(word(OWN), domain=99)))
    assert get.asset.address == USDC  # an unknown domain: the burnt token stands for it


def test_polygon_batch_deposit_has_no_known_amount() -> None:
    """``depositData`` longer than one word (an ERC-1155 batch) names no single amount."""
    data = call("depositFor(address,address,bytes)", STRANGER, USDC, bytes(96))
    (get,) = receipts(own_tx(ROOT_MANAGER, data))
    assert (get.recipient, get.amount) == (STRANGER, None)
    assert judged(own_tx(ROOT_MANAGER, data), ROOT_MANAGER).action is Action.BLOCK


def test_stargate_eth_output_is_native() -> None:
    """swapETH: the destination side is ETH to ``toAddress`` with ``minAmountLD``."""
    (get,) = receipts(own_tx(ROUTER_ETH, swap_eth(raw(STRANGER)), 3 * ETH + 4 * 10**15))
    assert (get.asset.kind, get.amount, get.recipient) == (AssetKind.NATIVE, 2_985 * 10**15,
                                                          STRANGER)  # fmt: skip


def test_withdraw_eth_elsewhere_is_opaque() -> None:
    """``withdrawEth`` on a contract that is not the ArbSys precompile is not explained."""
    payload = own_tx(addr("look-alike"), call("withdrawEth(address)", OWN), ETH)
    assert any(isinstance(op, Call) and not op.known for op in operations(payload))
    assert judged(payload).action is Action.FLAG


def test_l1_call_data_stays_opaque() -> None:
    """An L2 -> L1 message with calldata runs a call on L1 in the caller's name: not decoded,
    whatever the ETH it carries goes to."""
    target = addr("l1-contract")
    data = call("initiateWithdrawal(address,uint256,bytes)", target, 100_000, b"\x12\x34\x56\x78")
    verdict = judged(own_tx(MESSAGE_PASSER, data, 0, chain_id=10), MESSAGE_PASSER)
    assert verdict.action is Action.FLAG
    assert "tx.evm.unknown_call" in rules(verdict)


@pytest.mark.parametrize(
    ("to", "data"),
    [
        pytest.param(MESSENGER, burn(word(OWN))[:100], id="cctp-truncated"),
        pytest.param(ROUTER_ETH, swap_eth(raw(OWN))[:-40], id="stargate-truncated"),
        pytest.param(L2_BRIDGE, call(_WITHDRAW_TO, LEGACY_ETH, OWN, ETH, 0, b"")[:68],
                     id="op-withdraw-truncated"),
        pytest.param(ROOT_MANAGER, call("depositFor(address,address,bytes)", OWN, USDC,
                                        bytes(32))[:90], id="polygon-truncated"),
    ],
)  # fmt: skip
def test_truncated_calldata_is_a_decode_error(to: str, data: bytes) -> None:
    """Bad calldata raises the typed error and the guard does not allow it."""
    with pytest.raises(EvmDecodeError):
        decode_evm(own_tx(to, data, ETH))
    assert judged(own_tx(to, data, ETH), to).action is not Action.ALLOW
    assert "tx.evm.swap_recipient" not in rules(judged(own_tx(to, data, ETH), to))


STARGATE_ETH_POOL = "0x77b2043768d28e9c9ab44e1abfc95944bce57931"  # data/evm_protocols.json
_SEND_TOKEN = (
    "sendToken((uint32,bytes32,uint256,uint256,bytes,bytes,bytes),(uint256,uint256),address)"
)


@pytest.mark.parametrize(
    ("to", "action"), [pytest.param(OWN, Action.ALLOW, id="own"),
                       pytest.param(STRANGER, Action.BLOCK, id="stranger")]
)  # fmt: skip
def test_stargate_v2_send_token_is_an_oft_send(to: str, action: Action) -> None:
    """Stargate v2 ``sendToken`` (``IStargate``) is ``send``: the ETH pool's ETH to ``to``."""
    param = (30110, word(to), 3 * ETH, 2_990 * 10**15, b"", b"", b"")
    data = call(_SEND_TOKEN, param, (10**15, 0), OWN)
    payload = own_tx(STARGATE_ETH_POOL, data, 3 * ETH + 10**15)
    assert judged(payload, STARGATE_ETH_POOL).action is action


def burn_message(recipient: bytes, amount: int, sender: str = OWN, domain: int = 3) -> bytes:
    """A CCTP v1 message (``Message.sol`` header, ``BurnMessage.sol`` body), packed."""
    header = (0).to_bytes(4, "big") + (0).to_bytes(4, "big") + domain.to_bytes(4, "big")
    header += (77).to_bytes(8, "big") + word(MESSENGER) + word(addr("remote-messenger"))
    header += bytes(32)
    body = (0).to_bytes(4, "big") + word(USDC) + recipient + amount.to_bytes(32, "big")
    return header + body + word(sender)


_REPLACE = "replaceDepositForBurn(bytes,bytes,bytes32,bytes32)"


@pytest.mark.parametrize(
    ("new", "action"), [pytest.param(OWN, Action.ALLOW, id="own"),
                        pytest.param(STRANGER, Action.BLOCK, id="stranger")]
)  # fmt: skip
def test_cctp_replace_reroutes_the_burn(new: str, action: Action) -> None:
    """``replaceDepositForBurn``: the earlier burn's amount is minted to the new recipient."""
    data = call(_REPLACE, burn_message(word(OWN), 180_000 * 10**6), b"\x01" * 65, bytes(32),
                word(new))  # fmt: skip
    payload = own_tx(MESSENGER, data)
    (get,) = receipts(payload)
    assert (get.recipient, get.amount) == (new, 180_000 * 10**6)
    assert get.asset.address == "0xaf88d065e77c8cc2239327c5edb3a432268e5831"  # USDC, Arbitrum
    assert judged(payload, MESSENGER).action is action


def test_cctp_replace_of_a_non_burn_message_is_a_decode_error() -> None:
    """A message whose body is not a burn message raises the typed error."""
    data = call(_REPLACE, burn_message(word(OWN), 10**6)[:-1], b"", bytes(32), word(OWN))
    with pytest.raises(EvmDecodeError):
        decode_evm(own_tx(MESSENGER, data))
    assert judged(own_tx(MESSENGER, data), MESSENGER).action is not Action.ALLOW


@pytest.mark.parametrize(
    ("data", "value", "minted"),
    [
        pytest.param(call("depositEtherFor(address)", OWN), ETH,
                     "0x7ceb23fd6bc0add59e62ac25578270cff1b9f619", id="eth-as-pos-weth"),
        pytest.param(call("depositFor(address,address,bytes)", OWN, USDC,
                          (10**9).to_bytes(32, "big")), 0,
                     "0x2791bca1f2de4661ed88a30c99a7a9449aa84174", id="usdc-as-usdc-e"),
        pytest.param(call("depositFor(address,address,bytes)", OWN, L2_TOKEN,
                          (10**9).to_bytes(32, "big")), 0, L2_TOKEN, id="unmapped-root-itself"),
    ],
)  # fmt: skip
def test_polygon_deposit_mints_the_mapped_child(data: bytes, value: int, minted: str) -> None:
    """What arrives on Polygon is the root token's mapped child when the table knows it."""
    (get,) = receipts(own_tx(ROOT_MANAGER, data, value))
    assert (get.asset.address, get.recipient) == (minted, OWN)


@pytest.mark.parametrize(
    ("payload", "contract", "action"),
    [
        pytest.param(own_tx(ROUTER_ETH, swap_eth(raw(OWN), refund=STRANGER), 100 * ETH),
                     ROUTER_ETH, Action.BLOCK, id="swap-eth-97-eth-over-to-stranger"),
        pytest.param(own_tx(ROUTER_ETH, swap_eth(raw(OWN), refund=OWN), 100 * ETH),
                     ROUTER_ETH, Action.ALLOW, id="swap-eth-97-eth-over-to-own"),
        pytest.param(own_tx(ROUTER, call(_SWAP, 110, 1, 1, STRANGER, 10**9, 99 * 10**7,
                                         (0, 0, b""), raw(OWN), b""), 50 * ETH),
                     ROUTER, Action.BLOCK, id="router-swap-50-eth-fee-to-stranger"),
        pytest.param(own_tx(ROUTER, call(_SWAP, 110, 1, 1, STRANGER, 10**9, 99 * 10**7,
                                         (0, 0, b""), raw(OWN), b""), 10**15),
                     ROUTER, Action.ALLOW, id="router-swap-fee-sized-refund-elsewhere"),
        pytest.param(own_tx(STARGATE_ETH_POOL, call(_SEND_TOKEN, (30110, word(OWN), 3 * ETH,
                                                                  2_990 * 10**15, b"", b"", b""),
                                                    (50 * ETH, 0), STRANGER), 53 * ETH),
                     STARGATE_ETH_POOL, Action.BLOCK, id="oft-send-50-eth-fee-to-stranger"),
    ],
)  # fmt: skip
def test_fee_refund_above_the_fee_is_a_give(
    payload: dict[str, Any], contract: str, action: Action
) -> None:
    """LayerZero refunds what the fee did not use to refundAddress: the call's ETH above the
    bridged amount, refunded to a stranger, is value to that stranger (as Arbitrum's refund
    addresses), even with the router allowlisted; a fee-sized overpayment is no give."""
    assert judged(payload, contract).action is action


ZEROEX_PROXY = "0xdef1c0ded9bec7f1a1670819833240f027b25eff"  # data/evm_protocols.json


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(call("withdraw(address,uint256,uint32,bytes)", LEGACY_ETH, 5 * ETH, 0, b""),
                     id="op-withdraw"),
        pytest.param(call("depositEtherFor(address)", OWN), id="polygon-deposit-ether-for"),
        pytest.param(swap_eth(raw(OWN)), id="stargate-swap-eth"),
    ],
)  # fmt: skip
def test_bridge_selector_on_another_protocols_contract_is_opaque(data: bytes) -> None:
    """A bridge's selector on a well-known contract of another protocol runs that contract's
    code: an unknown call carrying ETH (FLAG), never a bridge deposit."""
    payload = own_tx(ZEROEX_PROXY, data, 5 * ETH)
    ops = decode_evm(payload).operations
    assert any(isinstance(op, Call) and not op.known for op in ops)
    assert judged(payload).action is Action.FLAG
