"""ETH staking: the beacon-chain deposit contract and ether.fi's liquidity pool: whose the
staked ETH becomes.

Sources:

- ethereum/consensus-specs ``solidity_deposit_contract/deposit_contract.sol``: ``deposit(bytes
  pubkey, bytes withdrawal_credentials, bytes signature, bytes32 deposit_data_root) payable``
  (48-byte BLS key, 32-byte credentials, 96-byte signature, else it reverts; ``msg.value`` in
  whole gwei); ``specs/phase0/validator.md`` / ``specs/capella`` / ``specs/electra``:
  credentials ``0x00`` + ``hash(BLS withdrawal key)[1:]``, ``0x01`` (ETH1_ADDRESS_WITHDRAWAL_PREFIX)
  / ``0x02`` (COMPOUNDING_WITHDRAWAL_PREFIX, EIP-7251) + 11 zero bytes + the execution address
  every withdrawal (exit, skimmed rewards) of the validator is paid to. Mainnet deposit contract
  ``0x00000000219ab540356cBB839Cbe05303d7705Fa`` (the deposit contract's README / EIP-2982).
- etherfi-protocol/smart-contracts ``src/LiquidityPool.sol``: ``deposit()`` / ``deposit(address
  _referral) payable``: eETH minted to ``msg.sender`` for the ETH (the referral gets nothing);
  ``requestWithdraw(address recipient, uint256 amount)``: ``amount`` eETH taken from
  ``msg.sender`` (``eETH.transferFrom``), a ``WithdrawRequestNFT`` (claimable for the ETH)
  minted to ``recipient``; ``requestWithdrawWithPermit(_owner, _amount, PermitInput)`` the same
  after an eETH permit to the pool that the call spends (``src/interfaces/ILiquidityPool.sol``:
  ``PermitInput(value, deadline, v, r, s)``; as Aave's ``supplyWithPermit``, not a standing
  grant). Mainnet LiquidityPool / eETH / WithdrawRequestNFT as in the
  repository's mainnet fork tests and ether.fi's deployed-contracts list.

A deposit is an exchange (``order = SWAP``): the ETH in (the call's value, already a transfer),
the validator's balance (an asset named by its BLS key, ``kind = unknown``) to the withdrawal
address; a withdrawal address other than the caller also holds the validator's ``withdrawer``
authority. Credentials that name no address (``0x00``: whoever holds a BLS key) leave the
output's owner unknown: opaque. Known limit: the beacon chain reads the credentials only when
the key is new; a top-up of an existing validator credits that validator whatever the request's
credentials say, and whether a key exists is not in the request (nor offline).
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import Frame, Result, asset
from aiegis_guard.chains.evm.protocols.swaps import swap_ops
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import approval, named_call
from aiegis_guard.chains.known import known_contracts
from aiegis_guard.chains.transaction import (
    SWAP_ORDER,
    Asset,
    AssetKind,
    AuthorityChange,
    Receipt,
)
from aiegis_guard.errors import EvmDecodeError
from aiegis_guard.findings import Chain

__all__ = ["CONTRACTS", "TABLE", "etherfi_deposit", "on_etherfi_pool"]

BEACON_DEPOSIT = "0x00000000219ab540356cbb839cbe05303d7705fa"
ETHERFI_EETH = "0x35fa164735182de50811e8e2e824cfb9b6118ac2"
ETHERFI_WITHDRAW_NFT = "0x7d5706f6ef3f89b3951e23e557cdfbc3239d4e2c"
CONTRACTS = frozenset({BEACON_DEPOSIT, ETHERFI_EETH, ETHERFI_WITHDRAW_NFT})  # (callee.py)
_ADDRESS_PREFIXES = (b"\x01", b"\x02")  # ETH1_ADDRESS / COMPOUNDING withdrawal prefixes
_SIZES = (48, 32, 96)  # pubkey, withdrawal_credentials, signature


def _on(f: Frame, name: str) -> bool:
    known = known_contracts().get(f.target)
    return known is not None and known[0].startswith(name)


def validator(pubkey: bytes) -> Asset:
    """A beacon-chain validator's balance, named by its BLS public key."""
    key = "0x" + pubkey.hex()
    return Asset(chain=Chain.EVM, kind=AssetKind.UNKNOWN, address=key, symbol="validator stake")


def withdrawal_address(credentials: bytes) -> str | None:
    """The execution address ``0x01`` / ``0x02`` credentials pay withdrawals to, else None."""
    if credentials[:1] in _ADDRESS_PREFIXES and credentials[1:12] == bytes(11):
        return "0x" + credentials[12:].hex()
    return None


def _beacon_deposit(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``deposit(pubkey, withdrawal_credentials, signature, deposit_data_root)`` on the deposit
    contract: the validator's whole balance (the call's ETH and what it earns; no minimum:
    slashing can cut it) is paid to the withdrawal address."""
    pubkey, credentials, signature, _root = a
    if f.target != BEACON_DEPOSIT:  # the same function on another contract: what it does is
        named = withdrawal_address(credentials) if len(credentials) == 32 else None
        return [named_call(f, fn, known=False, names=(named,) if named else ())]
    if tuple(map(len, (pubkey, credentials, signature))) != _SIZES:  # it would revert
        raise EvmDecodeError("beacon deposit: pubkey / credentials / signature of a wrong size")
    to = withdrawal_address(credentials)
    if to is None:  # a BLS withdrawal key (or an unknown prefix): whose the stake becomes is
        # unknown; the credentials are named as the receiver nobody vouches for (FLAG even on
        # an allowlisted deposit contract)
        return [named_call(f, fn, known=False, names=("0x" + credentials.hex(),))]
    stake = validator(pubkey)
    out: Result = [
        Receipt(via="beacon.deposit", asset=stake, recipient=to, amount=None, order=SWAP_ORDER)
    ]
    if to != f.sender:
        out.append(
            AuthorityChange(
                via="beacon.deposit",
                account=stake.address or "",
                new_authority=to,
                authority_type="withdrawer",
                current_authority=f.sender,
            )
        )
    return out


def on_etherfi_pool(f: Frame) -> bool:
    return _on(f, "ether.fi LiquidityPool")


def etherfi_deposit(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``deposit([_referral])``: eETH for the call's ETH, to ``msg.sender`` (about 1:1, set by
    the pool's share rate on-chain: no amount). Only on the ether.fi pool; elsewhere opaque."""
    if not on_etherfi_pool(f) or f.sender is None:  # ``deposit(address)`` elsewhere: the
        return [named_call(f, fn, known=False, names=tuple(a[:1]))]  # address may be a receiver
    eeth = asset(ETHERFI_EETH)
    return [Receipt(via="etherfi.deposit", asset=eeth, recipient=f.sender, amount=None,
                    to_caller=True)]  # fmt: skip


def _etherfi_request(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``requestWithdraw(recipient, amount)``: ``amount`` eETH from the caller, the withdrawal
    NFT (its id assigned on-chain) to ``recipient``. Only on the ether.fi pool; elsewhere an
    unknown call, and ``requestWithdrawWithPermit``'s ``PermitInput`` is the caller's eETH
    permit with ``address(this)`` - that contract - as spender: judged as that permit sent."""
    recipient, amount = a[:2]
    if not on_etherfi_pool(f) or f.sender is None:
        opaque: list[Any] = [named_call(f, fn, known=False, names=(recipient,))]
        if fn.name == "requestWithdrawWithPermit" and f.sender is not None:
            value = a[2][0]
            via = "etherfi.request_withdraw_permit"
            opaque.append(approval(via, ETHERFI_EETH, f.sender, f.target, value))
        return opaque
    give = swap_ops(f, "etherfi.request_withdraw", (ETHERFI_EETH, amount), (None, None), None)
    nft = asset(ETHERFI_WITHDRAW_NFT, AssetKind.NFT)
    got = Receipt(via="etherfi.request_withdraw", asset=nft, recipient=recipient, amount=None,
                  order=SWAP_ORDER)  # fmt: skip
    return [*give, got]


TABLE = (
    ("deposit(bytes,bytes,bytes,bytes32)", _beacon_deposit),
    ("deposit(address)", etherfi_deposit),
    ("requestWithdraw(address,uint256)", _etherfi_request),
    ("requestWithdrawWithPermit(address,uint256,(uint256,uint256,uint8,bytes32,bytes32))",
     _etherfi_request),
)  # fmt: skip
