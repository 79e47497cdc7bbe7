"""Execution-layer requests to the beacon chain: EIP-7002 withdrawals / exits and EIP-7251
consolidations, sent to their system contracts as raw calldata (not ABI).

Sources: ethereum/EIPs ``EIPS/eip-7002.md`` (``WITHDRAWAL_REQUEST_PREDEPLOY_ADDRESS``
``0x00000961Ef480Eb55e80D19ad83579A64c007002``; calldata ``validator_pubkey`` (48 bytes) ||
``amount`` (uint64 big-endian, Gwei; 0 = full exit); ``msg.value`` is the fee, kept by the
contract) and ``EIPS/eip-7251.md`` (``CONSOLIDATION_REQUEST_PREDEPLOY_ADDRESS``
``0x0000BBdDc7CE488642fb579F8B00f3a590007251``; calldata ``source_pubkey`` || ``target_pubkey``,
48 bytes each; ``msg.value`` the fee); ethereum/consensus-specs electra ``beacon-chain.md``
(``process_withdrawal_request`` / ``process_consolidation_request``: the request's
``source_address`` (the caller) must be the source validator's withdrawal address; a withdrawal
is paid to that address; source == target switches the validator to compounding credentials;
otherwise the source exits and its whole balance is moved to the target, whoever controls the
target's withdrawal credentials; no check that they are the caller's).

A withdrawal / exit and a switch to compounding pay nothing to anyone else: known calls (the
fee goes with them: the contracts are canonical, ``data/evm_protocols.json``), as long as the
fee is one (``REQUEST_FEE_BOUND``): the contracts refund nothing, so a larger ``msg.value`` is
burnt, and the call is unknown (FLAG). A consolidation
into another validator gives the source's whole stake (``stake:0x<source pubkey>``, amount
unknown: all of it) to ``stake:0x<target pubkey>``: the request names no owner of the target.
"""

from __future__ import annotations

from aiegis_guard.chains.evm.frames import Frame, Result
from aiegis_guard.chains.transaction import Asset, AssetKind, Call, Transfer
from aiegis_guard.errors import EvmDecodeError
from aiegis_guard.findings import Chain

__all__ = ["CONSOLIDATION_REQUESTS", "REQUEST_CONTRACTS", "WITHDRAWAL_REQUESTS", "decode_request"]

WITHDRAWAL_REQUESTS = "0x00000961ef480eb55e80d19ad83579a64c007002"
CONSOLIDATION_REQUESTS = "0x0000bbddc7ce488642fb579f8b00f3a590007251"
REQUEST_CONTRACTS = frozenset({WITHDRAWAL_REQUESTS, CONSOLIDATION_REQUESTS})
_PUBKEY = 48  # BLS12-381 public key


def validator_stake(pubkey: bytes) -> Asset:
    """A beacon-chain validator's balance, named by its public key."""
    return Asset(
        chain=Chain.EVM, kind=AssetKind.UNKNOWN, address="0x" + pubkey.hex(), symbol="stake"
    )


# EIP-7002 / 7251: the fee starts at 1 wei (MIN_..._REQUEST_FEE) and grows by e**(1/17) per
# request above the target per block; the contract keeps the whole ``msg.value`` (no refund):
# a "fee" above 0.01 ETH is no fee a sender means to pay but ETH burnt (an unknown call: FLAG)
REQUEST_FEE_BOUND = 10**16


def _request(f: Frame, name: str) -> Call:
    return Call(
        via="evm.call",
        target=f.target,
        name=name,
        selector=None,
        known=f.value <= REQUEST_FEE_BOUND,
        value=f.value,
        sender=f.sender,
    )


def decode_request(f: Frame) -> Result:
    """The request ``f`` sends to a system contract (``f.target`` in ``REQUEST_CONTRACTS``)."""
    data = f.data
    if f.target == WITHDRAWAL_REQUESTS:
        if len(data) != _PUBKEY + 8:
            raise EvmDecodeError("EIP-7002 request: calldata is not pubkey (48) || amount (8)")
        amount = int.from_bytes(data[_PUBKEY:], "big")
        return [_request(f, "full_exit_request" if amount == 0 else "withdrawal_request")]
    if len(data) != 2 * _PUBKEY:
        raise EvmDecodeError("EIP-7251 request: calldata is not source (48) || target (48)")
    source, target = data[:_PUBKEY], data[_PUBKEY:]
    if source == target:
        return [_request(f, "switch_to_compounding_request")]
    give = Transfer(
        via="eip7251.consolidation",
        asset=validator_stake(source),
        sender=f.sender,
        recipient="stake:0x" + target.hex(),
        amount=None,
    )
    return [_request(f, "consolidation_request"), give]
