"""Cross-chain transfers beside ``bridges.py``: Circle CCTP burns, the Polygon PoS bridge,
Stargate v1 routers, and the L2 -> L1 withdrawals of OP Stack chains and Arbitrum.

Sources (function signatures, argument order, who pays and who is credited):

- circlefin/evm-cctp-contracts ``src/TokenMessenger.sol`` (v1): ``depositForBurn(amount,
  destinationDomain, bytes32 mintRecipient, burnToken)`` and ``depositForBurnWithCaller(...,
  bytes32 destinationCaller)``: ``amount`` of ``burnToken`` taken from ``msg.sender`` and burnt,
  the same amount minted to ``mintRecipient`` on the destination domain (the destination caller
  only decides who may relay the mint); ``replaceDepositForBurn(originalMessage, attestation,
  newDestinationCaller, newMintRecipient)`` re-routes an earlier burn of the caller's (message
  layout: ``src/messages/Message.sol``, ``src/messages/BurnMessage.sol``);
  ``src/v2/TokenMessengerV2.sol``: ``depositForBurn(...,
  destinationCaller, uint256 maxFee, uint32 minFinalityThreshold)`` and ``depositForBurnWithHook
  (..., bytes hookData)``: the recipient is minted ``amount`` less at most ``maxFee``. Domains: the
  table in ``chains/bridging.py`` (Circle docs, "CCTP supported domains"); USDC on each is the
  ``USDC`` row of ``data/evm_protocols.json`` for its chain (``bridging.cctp_usdc``).
- maticnetwork/pos-portal ``contracts/root/RootChainManager/RootChainManager.sol``:
  ``depositEtherFor(address user)`` (the call's ETH locked, minted to ``user`` on Polygon) and
  ``depositFor(address user, address rootToken, bytes depositData)`` (the token's predicate pulls
  it from ``msg.sender``: ``ERC20Predicate`` ``abi.decode(depositData, (uint256))`` tokens,
  ``ERC721Predicate`` that token id; credited to ``user`` on Polygon, as the root token's mapped
  child: a row's ``bridge: Polygon PoS`` / ``root`` in ``data/evm_protocols.json``).
- stargate-protocol/stargate ``contracts/RouterETH.sol`` (as mirrored in chainx-org/LayerZero):
  ``swapETH(dstChainId, refundAddress, bytes toAddress, amountLD, minAmountLD)``: ``amountLD``
  of the call's ETH swapped, at least ``minAmountLD`` out to ``toAddress``, the rest of the ETH is
  the LayerZero fee whose overpayment is refunded to ``refundAddress``; ``contracts/Router.sol``
  ``swap(dstChainId, srcPoolId, dstPoolId, refundAddress, amountLD, minAmountLD, lzTxObj, bytes
  to, bytes payload)``: the source pool's token taken from ``msg.sender``.
- ethereum-optimism/optimism ``packages/contracts-bedrock/src/L2/L2StandardBridge.sol``:
  ``withdraw(l2Token, amount, minGasLimit, extraData)`` (to ``msg.sender`` on L1) and
  ``withdrawTo(l2Token, to, ...)``; ``l2Token`` = ``Predeploys.LEGACY_ERC20_ETH`` is ETH (the
  call's value), any other an OptimismMintableERC20 burnt from the caller;
  ``src/L2/L2ToL1MessagePasser.sol`` ``initiateWithdrawal(target, gasLimit, data)``: the call's
  ETH to ``target`` on L1 (with ``data``: an L1 call made in the caller's name, not decoded).
- OffchainLabs/nitro-contracts ``src/precompiles/ArbSys.sol`` (precompile ``0x…64``):
  ``withdrawEth(destination)`` and ``sendTxToL1(destination, data)``: the call's ETH to
  ``destination`` on L1; OffchainLabs/token-bridge-contracts
  ``contracts/tokenbridge/arbitrum/gateway/L2GatewayRouter.sol`` ``outboundTransfer(_l1Token,
  _to, _amount, _data)``: the token's L2 form burnt from the caller, ``_l1Token`` to ``_to``.

Each is an exchange across chains (``order = SWAP``), as in ``bridges.py``: the input a give of
the caller, the destination side a :class:`Receipt` to the recipient with its guaranteed minimum,
judged like a swap output (a stranger BLOCKs, a minimum of 0 FLAGs). Where the request does not
name the destination token, the source asset stands for it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from aiegis_guard.chains.bridging import cctp_usdc
from aiegis_guard.chains.evm.frames import ZERO, Frame, Result, asset, native
from aiegis_guard.chains.evm.protocols.aggregators import ORDER_DUST
from aiegis_guard.chains.evm.protocols.bridges import bridge_ops, bytes32_address, fee_refund_ops
from aiegis_guard.chains.evm.protocols.vaults import stand_in
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import named_call
from aiegis_guard.chains.known import bridged_token, known_collections, known_contracts
from aiegis_guard.chains.transaction import SWAP_ORDER, Asset, AssetKind, Call, Receipt, Transfer
from aiegis_guard.errors import EvmDecodeError

__all__ = ["CONTRACTS", "TABLE", "bridges_only"]

ARBSYS = "0x0000000000000000000000000000000000000064"
CONTRACTS = frozenset({ARBSYS})  # (callee.py; the bridges: data/evm_protocols.json)
LEGACY_ERC20_ETH = "0xdeaddeaddeaddeaddeaddeaddeaddeaddead0000"  # OP Predeploys: ETH
POS_ETHER = "0x" + "ee" * 20  # pos-portal RootChainManager.ETHER_ADDRESS


def _account(raw: bytes) -> str:
    """A ``bytes`` destination account: an EVM address when 20 bytes (or a left-padded word),
    else the whole value in hex (never own)."""
    if len(raw) == 20:
        return "0x" + raw.hex()
    return bytes32_address(raw)


def _cctp_usdc(token: str, domain: int) -> Asset:
    """USDC on the destination domain when ``token`` is USDC and the domain's chain has a USDC
    row (``bridging.cctp_usdc``); else the burnt token stands for what is minted."""
    name = known_contracts().get(token, ("", None))[0]
    minted = cctp_usdc(domain) if name == "USDC" or name.startswith("USDC (") else None
    return asset(token if minted is None else minted.lower())


def _cctp_burn(f: Frame, fn: Function, a: list[Any]) -> Result:
    """CCTP ``depositForBurn*``: ``amount`` burnt, minted to ``mintRecipient`` (v2: less at
    most ``maxFee``; a fee that leaves less than ``ORDER_DUST`` guarantees nothing)."""
    amount, domain, recipient, token = a[:4]
    minimum = amount
    if len(a) >= 7:  # v2: destinationCaller, maxFee, minFinalityThreshold[, hookData]
        left = max(amount - a[5], 0)
        minimum = 0 if left < ORDER_DUST else left
    got = (_cctp_usdc(token, domain), minimum)
    via = f"cctp.{fn.name}"
    return bridge_ops(f, via, (asset(token), amount), got, bytes32_address(recipient))


_BODY = 116  # Message.sol: the message body's index; BurnMessage.sol: 132 bytes long


def _cctp_replace(f: Frame, fn: Function, a: list[Any]) -> Result:
    """CCTP v1 ``replaceDepositForBurn(originalMessage, attestation, newDestinationCaller,
    newMintRecipient)``: an earlier burn of the caller's (its token and amount read from the
    message: ``Message.sol`` header, ``BurnMessage.sol`` body) is minted to the new recipient
    instead; nothing more is taken."""
    message, recipient = a[0], a[3]
    body = message[_BODY:]
    if len(body) != 132:
        raise EvmDecodeError("cctp: the original message is not a burn message")
    domain = int.from_bytes(message[8:12], "big")
    token = bytes32_address(body[4:36])
    amount = int.from_bytes(body[68:100], "big")
    got = (_cctp_usdc(token, domain), amount)
    return bridge_ops(
        f, "cctp.replace_deposit_for_burn", (None, None), got, bytes32_address(recipient)
    )


def _pos_child(root: str) -> Asset:
    """What the PoS bridge mints on Polygon for ``root`` (its mapped token when the table
    knows it; else the root token, or ETH, stands for it)."""
    child = bridged_token("Polygon PoS", root)
    if child is not None:
        return asset(child)
    return native() if root == POS_ETHER else asset(root)


def _pos_ether(f: Frame, fn: Function, a: list[Any]) -> Result:
    """Polygon PoS ``depositEtherFor(user)``: the call's ETH, 1:1 on Polygon to ``user``."""
    got = (_pos_child(POS_ETHER), f.value)
    return bridge_ops(f, "polygon_pos.deposit_ether_for", (None, None), got, a[0])


def _pos_token(f: Frame, fn: Function, a: list[Any]) -> Result:
    """Polygon PoS ``depositFor(user, rootToken, depositData)``: a 32-byte ``depositData`` is
    the amount (ERC-20 predicate) or, for a known collection, the token id (ERC-721 predicate);
    anything else (an ERC-1155 batch) an unknown amount."""
    user, token, data = a
    value = int.from_bytes(data, "big") if len(data) == 32 else None
    via = "polygon_pos.deposit_for"
    if token not in known_collections() or value is None:
        return bridge_ops(f, via, (asset(token), value), (_pos_child(token), value), user)
    nft = asset(token, AssetKind.NFT)
    out: Result = []
    if f.sender is not None:
        out.append(
            Transfer(
                via=via, asset=nft, sender=f.sender, recipient=f.target, amount=1,
                token_id=value, order=SWAP_ORDER,
            )
        )  # fmt: skip
    out.append(
        Receipt(via=via, asset=nft, recipient=user, amount=1, token_id=value, order=SWAP_ORDER)
    )
    return out


def _stargate_eth(f: Frame, fn: Function, a: list[Any]) -> Result:
    """Stargate v1 ``RouterETH.swapETH``: ``amountLD`` of the call's ETH (already a transfer),
    at least ``minAmountLD`` of ETH to ``toAddress``. The rest of the call's ETH is the
    LayerZero fee: ``Router.swap`` forwards it to ``layerZeroEndpoint.send``, which refunds
    every wei the fee did not use to ``refundAddress`` (``bridges.fee_refund_ops``)."""
    _chain, refund, to, amount, minimum = a
    recipient = _account(to)
    out = bridge_ops(f, "stargate.swap_eth", (None, None), (native(), minimum), recipient)
    excess = f.value - min(amount, f.value)
    return out + fee_refund_ops(f, "stargate.swap_eth", refund, excess, recipient)


def _stargate_swap(f: Frame, fn: Function, a: list[Any]) -> Result:
    """Stargate v1 ``Router.swap``: ``amountLD`` of the source pool's token (known only by its
    pool id: a stand-in) from the caller, at least ``minAmountLD`` out to ``to``; the call's
    ETH is the LayerZero fee, its unused part refunded to ``refundAddress``."""
    _chain, src_pool, _dst_pool, refund, amount, minimum, _lz, to, _payload = a
    token = stand_in(f"pool {src_pool} token", f.target)
    recipient = _account(to)
    out = bridge_ops(f, "stargate.swap", (token, amount), (token, minimum), recipient)
    return out + fee_refund_ops(f, "stargate.swap", refund, f.value, recipient)


def _op_withdraw(f: Frame, fn: Function, a: list[Any]) -> Result:
    """OP Stack ``L2StandardBridge.withdraw[To]``: ETH (the legacy ETH token: the call's value)
    or an OptimismMintableERC20 burnt from the caller, the same amount to ``to`` on L1 (the
    caller for ``withdraw``); the L1 token is not named: the L2 token stands for it."""
    if fn.name == "withdrawTo":
        token, to, amount = a[0], a[1], a[2]
    else:
        token, to, amount = a[0], f.sender or ZERO, a[1]
    via = f"op_bridge.{fn.name}"
    if token == LEGACY_ERC20_ETH:
        out = bridge_ops(f, via, (None, None), (native(), f.value), to)
    else:
        out = bridge_ops(f, via, (asset(token), amount), (asset(token), amount), to)
    if fn.name == "withdraw":  # to ``msg.sender`` by construction: the calling account
        out = [op.replace(to_caller=True) if isinstance(op, Receipt) else op for op in out]
    return out


def _l1_message(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``initiateWithdrawal(target, gasLimit, data)`` (OP Stack) / ``sendTxToL1(destination,
    data)`` (ArbSys): the call's ETH to the destination on L1; a ``data`` call made there in the
    caller's name is not decoded (opaque)."""
    target, data = a[0], a[-1]
    via = f"l2_to_l1.{fn.name}"
    out = bridge_ops(f, via, (None, None), (native(), f.value), target) if f.value else []
    if data:  # the L1 call: on ``target``, from the caller's L2 account (not decoded)
        selector = "0x" + data[:4].hex() if len(data) >= 4 else None
        l1 = Call(via="evm.call", target=target, name=f"L1 call via {fn.name}",
                  selector=selector, known=False, sender=f.sender)  # fmt: skip
        out.insert(0, l1)
    return out or [named_call(f, fn, known=False, names=(target,))]  # moves nothing it names


def _arb_token_withdraw(f: Frame, fn: Function, a: list[Any]) -> Result:
    """Arbitrum ``L2GatewayRouter.outboundTransfer(_l1Token, _to, _amount, _data)``: the L2
    counterpart of ``_l1Token`` (its address is the gateway's: a stand-in) burnt from the
    caller, ``_amount`` of ``_l1Token`` to ``_to`` on L1."""
    l1_token, to, amount = a[:3]
    l2_token = stand_in(f"L2 token of {l1_token}", f.target)
    via = "arbitrum.outbound_transfer"
    return bridge_ops(f, via, (l2_token, amount), (asset(l1_token), amount), to)


def _arb_withdraw_eth(f: Frame, fn: Function, a: list[Any]) -> Result:
    """ArbSys ``withdrawEth(destination)``: the call's ETH to ``destination`` on L1. Only on
    the ArbSys precompile; the same selector elsewhere stays opaque."""
    if f.target != ARBSYS:
        return [named_call(f, fn, known=False, names=(a[0],))]
    return bridge_ops(f, "arbsys.withdraw_eth", (None, None), (native(), f.value), a[0])


_Handler = Callable[[Frame, Function, list[Any]], Result]
# words that name a bridge (or its L2 system contract) in ``data/evm_protocols.json``
_BRIDGE_WORDS = ("bridge", "stargate", "cctp", "messenger", "root chain", "arbsys", "passer")


def bridges_only(handler: _Handler) -> _Handler:
    """``handler`` where the target may be the bridge it decodes; on a well-known contract of
    another protocol (the 0x Exchange Proxy, a Universal Router) the same selector runs that
    contract's own code: an unknown call naming the addresses it carries. (Decodable is not
    trusted: a stranger's contract stays judged by the value and addresses it is sent.)"""

    @wraps(handler)  # the registry keys handlers by name
    def decode(f: Frame, fn: Function, a: list[Any]) -> Result:
        known = known_contracts().get(f.target)
        if known is not None and not any(w in known[0].lower() for w in _BRIDGE_WORDS):
            names = tuple(x for x in a if isinstance(x, str) and x.startswith("0x"))
            return [named_call(f, fn, known=False, names=names)]
        return handler(f, fn, a)

    return decode


_CCTP_V2 = "uint256,uint32,bytes32,address,bytes32,uint256,uint32"
TABLE = (
    ("depositForBurn(uint256,uint32,bytes32,address)", bridges_only(_cctp_burn)),
    ("depositForBurnWithCaller(uint256,uint32,bytes32,address,bytes32)", bridges_only(_cctp_burn)),
    (f"depositForBurn({_CCTP_V2})", bridges_only(_cctp_burn)),
    (f"depositForBurnWithHook({_CCTP_V2},bytes)", bridges_only(_cctp_burn)),
    ("replaceDepositForBurn(bytes,bytes,bytes32,bytes32)", bridges_only(_cctp_replace)),
    ("depositEtherFor(address)", bridges_only(_pos_ether)),
    ("depositFor(address,address,bytes)", bridges_only(_pos_token)),
    ("swapETH(uint16,address,bytes,uint256,uint256)", bridges_only(_stargate_eth)),
    (
        "swap(uint16,uint256,uint256,address,uint256,uint256,(uint256,uint256,bytes),bytes,bytes)",
        bridges_only(_stargate_swap),
    ),
    ("withdraw(address,uint256,uint32,bytes)", bridges_only(_op_withdraw)),
    ("withdrawTo(address,address,uint256,uint32,bytes)", bridges_only(_op_withdraw)),
    ("initiateWithdrawal(address,uint256,bytes)", bridges_only(_l1_message)),
    ("sendTxToL1(address,bytes)", bridges_only(_l1_message)),
    ("withdrawEth(address)", bridges_only(_arb_withdraw_eth)),
    ("outboundTransfer(address,address,uint256,bytes)", bridges_only(_arb_token_withdraw)),
)
