"""Token bridges whose recipient is an argument: Celer cBridge, Axelar, Linea.

Sources (function signatures, argument order, what lands where):

- celer-network/sgn-v2-contracts ``contracts/liquidity-bridge/Bridge.sol``: ``send(_receiver,
  _token, _amount, _dstChainId, _nonce, _maxSlippage)`` pulls ``_amount`` of ``_token`` from
  ``msg.sender``; ``sendNative(_receiver, _amount, _dstChainId, _nonce, _maxSlippage)`` takes
  ``msg.value == _amount`` (wrapped); a relayer pays ``_receiver`` on ``_dstChainId`` at most
  ``_maxSlippage`` pips (1e-6) below ``_amount``: the minimum is ``_amount * (1e6 -
  _maxSlippage) / 1e6``. ``contracts/pegged-bridge/OriginalTokenVaultV2.sol``
  ``deposit(_token, _amount, _mintChainId, _mintAccount, _nonce)`` / ``depositNative`` and
  ``PeggedTokenBridgeV2.sol`` ``burn(_token, _amount, _toChainId, _toAccount, _nonce)`` (v1:
  ``burn(_token, _amount, _withdrawAccount, _nonce)``): the pegged token minted / the original
  released 1:1 to the named account. Ethereum Bridge ``0x5427FEFA…1820`` and vaults as in
  Celer's deployment lists (book rows).
- axelarnetwork/axelar-cgp-solidity ``contracts/AxelarGateway.sol``: ``sendToken(string
  destinationChain, string destinationAddress, string symbol, uint256 amount)`` burns or
  locks ``amount`` of the gateway token named ``symbol`` from ``msg.sender``;
  ``callContractWithToken(destinationChain, contractAddress, payload, symbol, amount)`` does
  the same for a contract that runs ``payload`` with them there. axelarnetwork/
  interchain-token-service ``contracts/InterchainTokenService.sol`` ``interchainTransfer(bytes32
  tokenId, string destinationChain, bytes destinationAddress, uint256 amount, bytes metadata,
  uint256 gasValue)`` (and ``callContractWithInterchainToken``, same arguments: a call with
  ``data``; a ``metadata`` is a 4-byte version then the data the recipient contract runs,
  ``_decodeMetadata``), ``InterchainToken.sol`` ``interchainTransfer(string destinationChain, bytes
  recipient, uint256 amount, bytes metadata)`` / ``interchainTransferFrom(sender, ...)`` on the
  token itself. A destination address is text (``"0x…"`` on an EVM chain, bech32 on a Cosmos
  chain) or bytes (ITS: 20 bytes on an EVM chain, else the address's UTF-8): an EVM address
  written as text is that address; any other spelling is kept as written (never own, a
  stranger unless allowlisted as written).
- Consensys/linea-contracts ``contracts/tokenBridge/TokenBridge.sol``: ``bridgeToken(_token,
  _amount, _recipient) payable`` (``msg.value`` is the postman's fee) and
  ``bridgeTokenWithPermit(_token, _amount, _recipient, _permitData)``: ``_amount`` pulled from
  ``msg.sender``, the bridged token minted / released to ``_recipient`` 1:1.
  ``contracts/messageService/l1/L1MessageService.sol`` (and ``l2/L2MessageService``)
  ``sendMessage(_to, _fee, _calldata) payable``: ``msg.value - _fee`` delivered to ``_to`` on
  the other layer (running ``_calldata`` there), ``_fee`` paid to whoever claims the message.

Each transfer is an exchange across chains (``bridges.bridge_ops``): the input a give of the
caller to the contract, the destination side a receipt to the recipient with its guaranteed
minimum (a stranger BLOCKs, a minimum of 0 FLAGs). The destination token is written with the
source token's spelling. A fee above a relayer's share (``bridging.relayer_takes_it``) is no
fee: a receipt of it to whoever claims.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.bridging import REDEEMER, guaranteed_left, relayer_takes_it
from aiegis_guard.chains.evm.frames import (
    ZERO,
    Frame,
    Result,
    asset,
    currency,
    native,
    word_address,
)
from aiegis_guard.chains.evm.protocols.bridges import bridge_ops
from aiegis_guard.chains.evm.protocols.crosschain import bridges_only
from aiegis_guard.chains.evm.protocols.vaults import stand_in
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.transaction import Asset, Call, Transfer
from aiegis_guard.policy import is_evm_address

__all__ = ["TABLE", "remote_call", "text_address"]

_PIPS = 10**6  # cBridge slippage unit: 1e-6
AXELAR_GATEWAY = "0x4f4495243837681061c4743b74b3eedf548d56a5"
# The Ethereum gateway's tokens by symbol (AxelarGateway ``tokenAddresses(symbol)``: USDC and
# WETH are registered there as external tokens, locked rather than burnt): Axelar docs
# "Mainnet" token list and the Squid configs beside the gateway (exact-string search)
_GATEWAY_TOKENS = {
    (AXELAR_GATEWAY, "USDC"): "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48",
    (AXELAR_GATEWAY, "WETH"): "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2",
}


def text_address(text: str) -> str:
    """A destination address written as text: an EVM address (``0x`` + 40 hex) lower-case,
    anything else (bech32, base58, a name) as written, trimmed."""
    text = text.strip()
    return text.lower() if is_evm_address(text) else text


def _bytes_address(raw: bytes) -> str:
    """An ITS destination address: 20 bytes are an EVM address; else its UTF-8 text when it is
    printable (another chain's address), else the bytes in hex."""
    if len(raw) == 20:
        return "0x" + raw.hex()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return "0x" + raw.hex()
    return text_address(text) if text.isprintable() and text.strip() else "0x" + raw.hex()


def remote_call(f: Frame, via: str, to: str, name: str, data: bytes) -> Call:
    """``to``'s code run on the destination with ``data`` (a payload, ITS ``metadata``): an
    opaque call there naming the addresses ``data``'s words hold; it settles nothing on this
    chain (``remote``), as Connext's ``xReceive`` (``connext.py``)."""
    words = (word_address(data[at : at + 32]) for at in range(0, len(data) - 31, 32))
    names = tuple(dict.fromkeys(w for w in words if w and w not in (to, f.origin)))
    return Call(via=via, target=to, name=name, sender=f.sender, names=names, remote=True)


def _celer_send(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``send`` / ``sendNative``: at least ``_amount * (1e6 - _maxSlippage) / 1e6`` to
    ``_receiver`` (a slippage of 100 % guarantees nothing)."""
    if fn.name == "sendNative":
        receiver, amount, _chain, _nonce, slippage = a[:5]
        token, given = native(), None  # the call's value, already a transfer
    else:
        receiver, token_address, amount, _chain, _nonce, slippage = a[:6]
        token, given = currency(token_address), None if token_address == ZERO else amount
    least = amount * (_PIPS - min(slippage, _PIPS)) // _PIPS
    give = (None if given is None else token, given)
    return bridge_ops(f, f"celer.{fn.name}", give, (token, least), receiver)


def _celer_pegged(f: Frame, fn: Function, a: list[Any]) -> Result:
    """Pegged-token vault ``deposit`` / ``depositNative`` and bridge ``burn`` (v1 and v2): the
    token locked or burnt, its pegged / original form minted or released 1:1 to the named
    account."""
    if fn.name == "depositNative":
        amount, _chain, to = a[:3]
        return bridge_ops(f, f"celer.{fn.name}", (None, None), (native(), amount), to)
    token, amount = currency(a[0]), a[1]
    to = a[2] if fn.name == "burn" and len(a) == 4 else a[3]
    return bridge_ops(f, f"celer.{fn.name}", (token, amount), (token, amount), to)


def _gateway_token(gateway: str, symbol: str) -> Asset:
    token = _GATEWAY_TOKENS.get((gateway, symbol.strip()))
    return asset(token) if token else stand_in(f"{symbol.strip()[:16]} (gateway token)", gateway)


def _axelar_gateway(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``sendToken`` / ``callContractWithToken``: ``amount`` of the gateway's ``symbol`` token
    to ``destinationAddress`` (the contract that runs ``payload`` with it) on
    ``destinationChain``."""
    _chain, to = a[0], text_address(a[1])
    symbol, amount = a[-2], a[-1]
    token = _gateway_token(f.target, symbol)
    via = f"axelar.{fn.name}"
    out = bridge_ops(f, via, (token, amount), (token, amount), to)
    if fn.name == "callContractWithToken":  # the contract runs ``payload`` with the tokens
        out.append(remote_call(f, via, to, "executeWithToken", bytes(a[2])))
    return out


def _its_transfer(f: Frame, fn: Function, a: list[Any]) -> Result:
    """ITS ``interchainTransfer`` / ``callContractWithInterchainToken`` (by token id) and the
    token's own ``interchainTransfer`` / ``interchainTransferFrom``: ``amount`` to the
    destination address (a contract running ``data`` / ``metadata`` with it there)."""
    via = f"axelar_its.{fn.name}"
    if fn.signature.startswith(("interchainTransfer(bytes32", "callContractWith")):
        # the service: the token known only by its id
        token_id, _chain, raw_to, amount, data = a[:5]
        token = stand_in(f"interchain token 0x{token_id.hex()[:8]}", f.target)
    else:  # the token itself; ``…From`` spends ``sender``'s allowance of the caller
        _chain, raw_to, amount, data = a[-4:]
        token = asset(f.target)
    to = _bytes_address(bytes(raw_to))
    out = bridge_ops(f, via, (token, amount), (token, amount), to)
    if fn.name == "interchainTransferFrom" and a[0] != f.sender:
        out = [op for op in out if not isinstance(op, Transfer)]  # not the caller's tokens
    call = bytes(data) if fn.name.startswith("callContract") else bytes(data)[4:]
    if call:  # ``data`` / ``metadata`` past its 4-byte version: the recipient runs it
        out.append(remote_call(f, via, to, "executeWithInterchainToken", call))
    return out


def _linea_bridge_token(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``bridgeToken`` / ``bridgeTokenWithPermit``: ``_amount`` of ``_token`` to
    ``_recipient`` on the other layer, 1:1 (the call's ETH is the postman's fee)."""
    token, amount, recipient = a[:3]
    got = (asset(token), amount)
    return bridge_ops(f, f"linea.{fn.name}", (asset(token), amount), got, recipient)


def _linea_message(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``sendMessage``: the call's ETH less ``_fee`` to ``_to`` on the other layer; a fee
    above a relayer's share is a receipt of it to whoever claims the message."""
    to, fee, data = a[:3]
    value, via = f.value, "linea.sendMessage"
    out: Result = []
    if value:
        got = (native(), guaranteed_left(value, fee))
        out += bridge_ops(f, via, (None, None), got, to)
    if fee and relayer_takes_it(value, fee):
        cut = (native(), min(fee, value))
        out += bridge_ops(f, f"{via}.relayer", (None, None), cut, REDEEMER)
    if data:  # ``_to`` runs ``_calldata`` over there, with the caller as the message's sender
        out.append(remote_call(f, via, to, "message call", bytes(data)))
    return out


TABLE = (
    ("send(address,address,uint256,uint64,uint64,uint32)", bridges_only(_celer_send)),
    ("sendNative(address,uint256,uint64,uint64,uint32)", bridges_only(_celer_send)),
    ("deposit(address,uint256,uint64,address,uint64)", bridges_only(_celer_pegged)),
    ("depositNative(uint256,uint64,address,uint64)", bridges_only(_celer_pegged)),
    ("burn(address,uint256,uint64,address,uint64)", bridges_only(_celer_pegged)),
    ("burn(address,uint256,address,uint64)", bridges_only(_celer_pegged)),
    ("sendToken(string,string,string,uint256)", _axelar_gateway),
    ("callContractWithToken(string,string,bytes,string,uint256)", _axelar_gateway),
    ("interchainTransfer(bytes32,string,bytes,uint256,bytes,uint256)", _its_transfer),
    ("callContractWithInterchainToken(bytes32,string,bytes,uint256,bytes,uint256)", _its_transfer),
    ("interchainTransfer(string,bytes,uint256,bytes)", _its_transfer),
    ("interchainTransferFrom(address,string,bytes,uint256,bytes)", _its_transfer),
    ("bridgeToken(address,uint256,address)", _linea_bridge_token),
    ("bridgeTokenWithPermit(address,uint256,address,bytes)", _linea_bridge_token),
    ("sendMessage(address,uint256,bytes)", bridges_only(_linea_message)),
)
