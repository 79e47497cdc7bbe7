"""Chainlink CCIP: tokens and messages sent through the Router to a receiver on another chain.

Source: smartcontractkit/ccip ``contracts/src/v0.8/ccip/libraries/Client.sol`` and
``interfaces/IRouterClient.sol`` / ``Router.sol``: ``ccipSend(uint64 destinationChainSelector,
Client.EVM2AnyMessage message) payable``, ``EVM2AnyMessage {bytes receiver; bytes data;
EVMTokenAmount[] tokenAmounts; address feeToken; bytes extraArgs}``, ``EVMTokenAmount
{address token; uint256 amount}``. The Router pulls each ``amount`` of ``token`` from
``msg.sender`` into the lane's token pool, which burns or locks it; the pool on the
destination mints or releases the same amount to ``receiver`` (``abi.encode(address)`` for an
EVM chain: one 32-byte word, the OnRamp rejects any other length there). The fee is the
call's ETH when ``feeToken`` is 0 (all of ``msg.value``, wrapped), else an amount of
``feeToken`` the Router computes and pulls from ``msg.sender``. A non-empty ``data`` is
delivered to ``receiver``'s ``ccipReceive`` with the tokens. On Solana (chain selector
``124615329519749607``, smartcontractkit/chain-selectors) the receiver is a 32-byte account,
written in base58. Deployments: the Router on
Ethereum ``0x80226fc0…6f7D``, Arbitrum ``0x141fa059…DdE8``, Base ``0x881e3A65…8bCD`` (CCIP
directory, as quoted by several integrations' address tables; book rows).

Each token is an exchange across chains (``bridges.bridge_ops``): a give of the caller to the
Router and a receipt of the same amount to ``receiver`` (anyone but own: BLOCK). A receiver
that is not one EVM address word (another chain's account) is written in hex: a stranger
unless allowlisted as written.
"""

from __future__ import annotations

from typing import Any

import base58

from aiegis_guard.chains.evm.frames import ZERO, Frame, Result, asset, word_address
from aiegis_guard.chains.evm.protocols.bridges import bridge_ops
from aiegis_guard.chains.evm.protocols.token_bridges import remote_call
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.transaction import Transfer

__all__ = ["TABLE"]


# smartcontractkit/chain-selectors ``SOLANA_MAINNET``: a receiver there is a 32-byte account
SOLANA_MAINNET = 124615329519749607


def _receiver(chain: int, raw: bytes) -> str:
    """A Solana account in base58 (destination Solana), an EVM receiver (one ABI word holding
    an address), else the bytes in hex."""
    if chain == SOLANA_MAINNET and len(raw) == 32:
        return base58.b58encode(raw).decode()
    found = word_address(raw) if len(raw) == 32 else None
    return found or "0x" + raw.hex()


def _ccip_send(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``ccipSend``: every token amount to ``receiver`` on the destination chain, the fee in
    ``feeToken`` (the call's ETH is already a transfer), ``data`` run by the receiver."""
    raw_receiver, data, token_amounts, fee_token, _extra = a[1]
    to, via = _receiver(a[0], bytes(raw_receiver)), "ccip.ccipSend"
    out: Result = []
    for token, amount in token_amounts:
        out += bridge_ops(f, via, (asset(token), amount), (asset(token), amount), to)
    if fee_token != ZERO:  # the Router's fee, computed on-chain, paid in that token
        fee = Transfer(
            via=f"{via}.fee",
            asset=asset(fee_token),
            sender=f.sender,
            recipient=f.target,
            amount=None,
        )
        out.append(fee)
    if data:
        out.append(remote_call(f, via, to, "ccipReceive", bytes(data)))
    return out


TABLE = (("ccipSend(uint64,(bytes,bytes,(address,uint256)[],address,bytes))", _ccip_send),)
