"""Cross-chain bridges: what leaves this chain, and who receives it on the other one.

Sources (function signatures and argument order):

- across-protocol/contracts ``contracts/interfaces/V3SpokePoolInterface.sol``:
  ``depositV3(depositor, recipient, inputToken, outputToken, inputAmount, outputAmount,
  destinationChainId, exclusiveRelayer, quoteTimestamp, fillDeadline, exclusivityDeadline,
  message)`` and ``depositV3Now`` (``fillDeadlineOffset`` instead of the two timestamps), the
  ``bytes32`` forms ``deposit`` / ``depositNow``; ``SpokePool.sol`` pulls ``inputAmount`` from
  ``msg.sender`` (``msg.value`` when ``inputToken`` is the wrapped native token); an
  ``outputToken`` of 0 is "the input token's equivalent on the destination"; a ``message`` to
  Across's MulticallHandler says where the output goes from there (``across_handler.py``).
- LayerZero-Labs/LayerZero-v2 ``packages/layerzero-v2/evm/oapp/contracts/oft/interfaces/IOFT.sol``:
  ``send(SendParam{dstEid, bytes32 to, amountLD, minAmountLD, extraOptions, composeMsg,
  oftCmd}, MessagingFee{nativeFee, lzTokenFee}, refundAddress)``: the caller's ``amountLD``
  in (an OFT burns its own token, an adapter / Stargate v2 pool locks ``token()``), at least
  ``minAmountLD`` out to ``to``; ``refundAddress`` gets back whatever of the call's ETH the
  LayerZero fee did not use (``fee_refund_ops``).
  stargate-protocol/stargate-v2 ``packages/stg-evm-v2/src/interfaces/IStargate.sol``:
  ``sendToken`` takes ``send``'s arguments and does the same (it also returns the bus ticket).
- hop-protocol/contracts ``contracts/bridges/L1_Bridge.sol``: ``sendToL2(chainId, recipient,
  amount, amountOutMin, deadline, relayer, relayerFee)`` (``L1_ERC20_Bridge`` pulls
  ``l1CanonicalToken``, ``L1_ETH_Bridge`` takes ``msg.value``).
- wormhole-foundation/wormhole ``ethereum/contracts/bridge/interfaces/ITokenBridge.sol``:
  ``transferTokens(token, amount, recipientChain, bytes32 recipient, arbiterFee, nonce)``,
  ``wrapAndTransferETH(recipientChain, bytes32 recipient, arbiterFee, nonce)`` (no minimum:
  the recipient gets the whole amount less ``arbiterFee``, paid to whoever redeems).

- hyperlane-xyz/hyperlane-monorepo ``solidity/contracts/token/libs/TokenRouter.sol``:
  ``transferRemote(uint32 _destination, bytes32 _recipient, uint256 _amount) payable`` (and
  the hook form ``transferRemote(..., bytes _hookMetadata, address _hook)``) of a warp route:
  ``HypERC20Collateral`` pulls ``_amount`` of ``wrappedToken`` from ``msg.sender``,
  ``HypERC20`` (synthetic) burns the caller's own route tokens, ``HypNative`` takes
  ``_amount`` of the call's value (``require(msg.value >= _amount)``); the rest of the call's
  value pays the interchain gas. ``_amount`` is minted / released to ``_recipient`` on
  ``_destination``, 1:1 (no relayer's cut, no slippage). A call whose value covers the amount,
  the amount being most of it, is read as a native route (the gas is the smaller part); else
  the call's value is gas only and the route's token its ``asset`` in the book, or a stand-in
  (the asset read decides no verdict: the recipient does). Routes are deployed per token by
  anyone: a route off the book is also an opaque call (``callee.py``).
- OffchainLabs/nitro-contracts ``src/bridge/Inbox.sol`` / ``AbsInbox.sol``:
  ``createRetryableTicket(to, l2CallValue, maxSubmissionCost, excessFeeRefundAddress,
  callValueRefundAddress, gasLimit, maxFeePerGas, data)`` and its ``unsafe`` /
  ``NoRefundAliasRewrite`` forms (same arguments): the call's ETH pays ``l2CallValue`` to ``to``
  on L2 plus the fees; ``excessFeeRefundAddress`` is credited what the fees leave over (all of
  the deposit but ``l2CallValue`` when the fee bids are inflated); ``callValueRefundAddress``
  is the ticket's beneficiary: it may cancel the ticket and is credited ``l2CallValue`` then
  (or when it times out); with no gas for the automatic redeem (``gasLimit`` or
  ``maxFeePerGas`` 0) the ticket waits for a manual redeem, and the beneficiary may cancel it
  before anyone redeems: the whole ``l2CallValue`` is its to take (docs.arbitrum.io
  ArbRetryableTx: ``cancel()`` refunds the call value to the beneficiary).

A bridge transfer is an exchange across chains (``order = SWAP``): the input is a give of the
caller to the bridge contract, the destination side a :class:`Receipt` to the recipient with
its guaranteed minimum, judged like a swap output (``swap_recipient``: a recipient that is
neither own nor allowlisted BLOCKs; a minimum of 0 FLAGs). The destination token's address
is on the other chain; where the request does not name it (OFT, Hop, Wormhole) the source
asset stands for it. A ``bytes32`` recipient is an EVM address when left-padded with zeros
(for Wormhole: only on an EVM ``recipientChain``, ``bridging.wormhole_address``); any other
value (a Solana or Aptos account) is kept whole as hex: never own, judged as a stranger
unless allowlisted. A relayer's / redeemer's cut above the share ``chains/bridging.py``
bounds (Across's kept difference, Hop's ``relayerFee``, Wormhole's ``arbiterFee``) is no fee:
a receipt of that much to the relayer (Hop's named ``relayer``, else ``REDEEMER``: anyone),
and the rest guarantees nothing.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.bridging import (
    REDEEMER,
    guaranteed_left,
    relayer_takes_it,
    wormhole_address,
)
from aiegis_guard.chains.evm.frames import ZERO, Frame, Result, asset, currency, native
from aiegis_guard.chains.evm.protocols.across_handler import handled_output
from aiegis_guard.chains.evm.protocols.aggregators import ORDER_DUST
from aiegis_guard.chains.evm.protocols.swaps import exchange_ops, swap_ops
from aiegis_guard.chains.evm.protocols.vaults import stand_in
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.known import vault_asset
from aiegis_guard.chains.transaction import Asset

__all__ = ["TABLE", "bridge_ops", "bytes32_address", "fee_refund_ops"]


def bytes32_address(word: bytes) -> str:
    """A ``bytes32`` account: the EVM address it left-pads, else the whole word in hex."""
    if len(word) == 32 and word[:12] == bytes(12):
        return "0x" + word[12:].hex()
    return "0x" + word.hex()


def _bridged(bridge: str) -> Asset:
    """The token a bridge contract moves (an OFT adapter's / pool's ``token()``, a Hop bridge's
    ``l1CanonicalToken``): the row's ``asset`` in ``data/evm_protocols.json``, else a stand-in
    (a plain OFT is its own token, an adapter is not: the request does not say which)."""
    token = vault_asset(bridge)
    return asset(token) if token is not None else stand_in("bridged token", bridge)


def bridge_ops(
    f: Frame,
    via: str,
    give: tuple[Asset | None, int | None],
    get: tuple[Asset, int | None],
    to: str,
) -> Result:
    """One bridge transfer: ``give`` from the caller to the bridge, ``get`` to ``to``."""
    got, minimum = get
    return exchange_ops(f, via, give, f.sender, (got, minimum, to))


# a LayerZero message fee (v1 and v2) is well under 0.01 ETH on mainnet: the unused part of a
# fee at most that big, refunded elsewhere, is no give worth a word; what is above it is no fee
FEE_REFUND_FLOOR = 10**16


def fee_refund_ops(f: Frame, via: str, refund_to: str, excess: int, *known: str) -> Result:
    """A native fee paid with the call's value whose unused part goes back to ``refund_to``
    (LayerZero's endpoint refunds every wei the fee did not use to the refund address):
    a refund address other than the caller, the call's recipients (``known``) and zero gets
    an unknown share of ``excess`` (the call's ETH the bridged amount does not use), a
    receiver of it as Arbitrum's refund addresses and Across's depositor are."""
    if excess <= FEE_REFUND_FLOOR or refund_to in (ZERO, f.sender, *known):
        return []
    return bridge_ops(f, f"{via}.refund", (None, None), (native(), None), refund_to)


def _across(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``depositV3`` / ``depositV3Now`` (addresses) and ``deposit`` / ``depositNow`` (bytes32).
    The ``depositor`` is refunded an unfilled deposit and may re-route it (``speedUpDeposit``:
    a new recipient and output amount signed by the depositor): a depositor other than the
    caller and the recipient gets the input's worth too."""
    depositor, recipient, token_in, token_out, amount_in, amount_out = a[:6]
    if isinstance(recipient, bytes):
        words = (depositor, recipient, token_in, token_out)
        depositor, recipient, token_in, token_out = (bytes32_address(w) for w in words)
    if token_out in (ZERO, token_in):  # the input token (or its destination equivalent): the
        # relayer is repaid ``amount_in`` for paying ``amount_out`` and keeps the difference;
        # keeping more than a tenth is no fee, and the "minimum" guarantees nothing
        token_out = token_in
        kept = amount_in - min(amount_out, amount_in)
        amount_out = _left(amount_in, kept)
    else:
        kept = 0
    via = f"across.{fn.name}"
    out = swap_ops(f, via, (token_in, amount_in), (token_out, amount_out), recipient)
    out[-1:] = handled_output(f, out[-1], a[-1])  # to the MulticallHandler: where it sends it
    out += _relayer_cut(f, via, (currency(token_in), amount_in), kept, REDEEMER)
    if depositor not in (ZERO, f.sender, recipient):
        out += swap_ops(f, f"{via}.depositor", (None, None), (token_in, None), depositor)
    return out


def _oft_send(f: Frame, fn: Function, a: list[Any]) -> Result:
    """LayerZero OFT / Stargate v2 ``send``: ``amountLD`` of the bridged token in, at least
    ``minAmountLD`` out to ``to`` (the token is the OFT itself or an adapter's ``token()``:
    the contract's ``asset`` in ``data/evm_protocols.json`` when known)."""
    (_eid, to, amount, minimum, _options, _compose, _cmd), (native_fee, _lz_fee), refund = a
    token = _bridged(f.target)
    recipient = bytes32_address(to)
    out = bridge_ops(f, "layerzero.oft_send", (token, amount), (token, minimum), recipient)
    excess = min(f.value, native_fee)  # the endpoint refunds the unused part of the fee
    return out + fee_refund_ops(f, "layerzero.oft_send", refund, excess, recipient)


def _left(amount: int, fee: int, minimum: int | None = None) -> int:
    """What a bridge guarantees the recipient once its relayer / redeemer took ``fee`` out of
    ``amount`` (``bridging.guaranteed_left``, with ``ORDER_DUST``)."""
    return guaranteed_left(amount, fee, minimum, ORDER_DUST)


def _relayer_cut(f: Frame, via: str, paid: tuple[Asset, int], fee: int, payee: str) -> Result:
    """A cut above the relayer's share (``bridging.relayer_takes_it``) of the ``paid`` amount:
    a receipt of that much to ``payee`` (who relays / redeems), judged like any output."""
    token, amount = paid
    if not relayer_takes_it(amount, fee):
        return []
    cut = (token, min(fee, amount))
    return bridge_ops(f, f"{via}.relayer", (None, None), cut, payee)


def _hop_send(f: Frame, fn: Function, a: list[Any]) -> Result:
    """Hop ``sendToL2``: ``amount`` of the bridge's token (ETH on the ETH bridge: the call's
    value) in, at least ``amountOutMin`` out to ``recipient`` on ``chainId`` — less the
    ``relayerFee`` paid to ``relayer`` on L2 before that swap."""
    _chain, recipient, amount, minimum, _deadline, relayer, fee = a[:7]
    token = native() if f.value and f.value == amount else _bridged(f.target)
    got = (token, _left(amount, fee, minimum))
    out = bridge_ops(f, "hop.send_to_l2", (token, amount), got, recipient)
    return out + _relayer_cut(f, "hop.send_to_l2", (token, amount), fee, relayer)


def _wormhole_transfer(f: Frame, fn: Function, a: list[Any]) -> Result:
    """Wormhole ``transferTokens``: ``amount`` of ``token`` locked (or a wrapped asset burnt);
    its wrapped form minted to ``recipient``, less ``arbiterFee`` paid to whoever redeems."""
    token, amount, chain, recipient, fee = a[:5]
    via = "wormhole.transfer_tokens"
    got = (asset(token), _left(amount, fee))
    out = bridge_ops(f, via, (asset(token), amount), got, wormhole_address(recipient, chain))
    return out + _relayer_cut(f, via, (asset(token), amount), fee, REDEEMER)


def _wormhole_eth(f: Frame, fn: Function, a: list[Any]) -> Result:
    """Wormhole ``wrapAndTransferETH``: the call's ETH (already a transfer) wrapped into the
    bridge's ``WETH()`` and sent as that token (its ``asset`` in ``data/evm_protocols.json``;
    ETH stands for it on a bridge the book does not know), less ``arbiterFee``."""
    chain, recipient, fee = a[:3]
    via = "wormhole.wrap_and_transfer_eth"
    weth = vault_asset(f.target)
    token = asset(weth) if weth is not None else native()
    got = (token, _left(f.value, fee))
    out = bridge_ops(f, via, (None, None), got, wormhole_address(recipient, chain))
    return out + _relayer_cut(f, via, (token, f.value), fee, REDEEMER)


def _canonical_eth(f: Frame, fn: Function, a: list[Any]) -> Result:
    """An L2's canonical bridge taking the call's ETH: OP Stack ``depositETH`` / ``bridgeETH``
    (to the caller), ``depositETHTo`` / ``bridgeETHTo`` (to ``_to``), Arbitrum's Inbox
    ``depositEth()`` (to the caller's L2 alias): the same ETH minted on L2, 1:1."""
    to = a[0] if fn.name.endswith("To") else f.sender or ZERO
    return bridge_ops(f, f"canonical.{fn.name}", (None, None), (native(), f.value), to)


def _canonical_token(f: Frame, fn: Function, a: list[Any]) -> Result:
    """OP Stack ``depositERC20[To]`` / ``bridgeERC20[To]`` (local token, remote token, [to,]
    amount) and Arbitrum's gateway router ``outboundTransfer[CustomRefund]`` (token,
    [refundTo,] to, amount): the token locked, its L2 form minted to the recipient, 1:1 (the
    L2 address is the remote token where the call names it)."""
    if fn.name.startswith("outbound"):
        token, to, amount = a[0], a[-5], a[-4]
        remote = token
    else:
        token, remote = a[0], a[1]
        to, amount = (a[2], a[3]) if fn.name.endswith("To") else (f.sender or ZERO, a[2])
    return bridge_ops(
        f, f"canonical.{fn.name}", (asset(token), amount), (asset(remote), amount), to
    )


def _retryable(f: Frame, fn: Function, a: list[Any]) -> Result:
    """Arbitrum ``createRetryableTicket`` (and forms): ``l2CallValue`` of the call's ETH (already
    a transfer to the Inbox) out to ``to`` on L2; each refund address other than the caller and
    ``to`` a receiver of the deposit too (an unknown share of it), as Across's depositor. The L2
    call itself runs as the caller's alias (never the caller's L2 account): not an effect."""
    to, l2_value, _submission, excess_to, value_to, gas_limit, max_fee = a[:7]
    via = f"arbitrum.{fn.name}"
    out = bridge_ops(f, via, (None, None), (native(), l2_value), to) if l2_value else []
    refunds = {excess_to} | ({value_to} if l2_value else set())
    for who in sorted(refunds - {ZERO, f.sender, to}):
        # no gas for the automatic redeem: the ticket waits, and its beneficiary may cancel
        # it first and take the whole call value (ArbRetryableTx.cancel)
        waits = who == value_to and not (gas_limit and max_fee)
        share = (native(), l2_value if waits else None)
        out += bridge_ops(f, f"{via}.refund", (None, None), share, who)
    return out


def _hyperlane(f: Frame, fn: Function, a: list[Any]) -> Result:
    """Hyperlane warp route ``transferRemote`` (module docstring)."""
    _domain, recipient, amount = a[:3]
    if f.value and amount <= f.value <= 2 * amount:  # HypNative: the amount is the call's ETH
        give: tuple[Asset | None, int | None] = (None, None)
        got = (native(), amount)
    else:
        token = _bridged(f.target)
        give, got = (token, amount), (token, amount)
    return bridge_ops(f, "hyperlane.transfer_remote", give, got, bytes32_address(recipient))


_ACROSS_TAIL = "uint256,uint256,uint256"
_RETRYABLE = "(address,uint256,uint256,address,address,uint256,uint256,bytes)"
# OP Stack: ethereum-optimism/optimism packages/contracts-bedrock src/L1/L1StandardBridge.sol and
# src/universal/StandardBridge.sol; Arbitrum: OffchainLabs token-bridge-contracts
# L1GatewayRouter.sol (outboundTransfer[CustomRefund]) and nitro-contracts src/bridge/Inbox.sol
_CANONICAL = (
    ("depositETH(uint32,bytes)", _canonical_eth),
    ("depositETHTo(address,uint32,bytes)", _canonical_eth),
    ("bridgeETH(uint32,bytes)", _canonical_eth),
    ("bridgeETHTo(address,uint32,bytes)", _canonical_eth),
    ("depositEth()", _canonical_eth),
    ("depositERC20(address,address,uint256,uint32,bytes)", _canonical_token),
    ("depositERC20To(address,address,address,uint256,uint32,bytes)", _canonical_token),
    ("bridgeERC20(address,address,uint256,uint32,bytes)", _canonical_token),
    ("bridgeERC20To(address,address,address,uint256,uint32,bytes)", _canonical_token),
    ("outboundTransfer(address,address,uint256,uint256,uint256,bytes)", _canonical_token),
    (
        "outboundTransferCustomRefund(address,address,address,uint256,uint256,uint256,bytes)",
        _canonical_token,
    ),
)
TABLE = (
    *_CANONICAL,
    (f"createRetryableTicket{_RETRYABLE}", _retryable),
    (f"unsafeCreateRetryableTicket{_RETRYABLE}", _retryable),
    (f"createRetryableTicketNoRefundAliasRewrite{_RETRYABLE}", _retryable),
    (
        f"depositV3(address,address,address,address,{_ACROSS_TAIL},address,uint32,uint32,uint32,"
        "bytes)",
        _across,
    ),
    (
        f"depositV3Now(address,address,address,address,{_ACROSS_TAIL},address,uint32,uint32,bytes)",
        _across,
    ),
    (
        f"deposit(bytes32,bytes32,bytes32,bytes32,{_ACROSS_TAIL},bytes32,uint32,uint32,uint32,bytes)",
        _across,
    ),
    (
        f"depositNow(bytes32,bytes32,bytes32,bytes32,{_ACROSS_TAIL},bytes32,uint32,uint32,bytes)",
        _across,
    ),
    (
        "send((uint32,bytes32,uint256,uint256,bytes,bytes,bytes),(uint256,uint256),address)",
        _oft_send,
    ),
    (
        "sendToken((uint32,bytes32,uint256,uint256,bytes,bytes,bytes),(uint256,uint256),address)",
        _oft_send,
    ),
    ("sendToL2(uint256,address,uint256,uint256,uint256,address,uint256)", _hop_send),
    ("transferTokens(address,uint256,uint16,bytes32,uint256,uint32)", _wormhole_transfer),
    ("wrapAndTransferETH(uint16,bytes32,uint256,uint32)", _wormhole_eth),
    ("transferRemote(uint32,bytes32,uint256)", _hyperlane),
    ("transferRemote(uint32,bytes32,uint256,bytes,address)", _hyperlane),
)
