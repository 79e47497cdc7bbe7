"""Liquid staking with a named receiver: Stader ETHx and StakeWise v3 vaults.

Sources (function signatures, argument order, who receives what):

- stader-labs/ethx ``contracts/StaderStakePoolsManager.sol``: ``deposit(address _receiver)``
  and ``deposit(address _receiver, string _referralId)`` payable: ETHx minted to
  ``_receiver`` for the call's ETH; ``contracts/UserWithdrawalManager.sol``
  ``requestWithdraw(uint256 _ethXAmount, address _owner)`` and ``requestWithdraw(uint256,
  address, string _referralId)``: ``_ethXAmount`` ETHx pulled from ``msg.sender``, a request
  whose ETH only ``_owner`` may claim (``claim(_requestId)`` pays the request's owner).
  Mainnet StakePoolsManager / UserWithdrawalManager / ETHx as in Stader's deployment list
  (book rows; the Ledger Stader plugin's selector table: 0xb7482509 / 0x1f7ec122 / 0xccc143b8).
  ``deposit(address)`` shares its selector with ether.fi's ``deposit(_referral)``
  (``staking.etherfi_deposit``): Stader's reading only at the book's StakePoolsManager, ether.fi's
  elsewhere (review25t F8: the one-argument form is the one integrations call).
- stakewise/v3-core ``contracts/interfaces/IVaultEthStaking.sol`` ``deposit(address receiver,
  address referrer) payable`` (vault shares minted to ``receiver``),
  ``IVaultEnterExit.sol`` ``enterExitQueue(uint256 shares, address receiver)`` (``shares``
  of ``msg.sender`` queued; the exited ETH is claimable by ``receiver`` only),
  ``IVaultOsToken.sol`` ``mintOsToken(address receiver, uint256 osTokenShares, address
  referrer)`` (osToken minted to ``receiver`` against ``msg.sender``'s position, whose debt it
  is) and ``IEthVault.sol`` ``depositAndMintOsToken(receiver, osTokenShares, referrer)
  payable`` (the deposit's shares are ``msg.sender``'s, the osToken ``receiver``'s). osETH
  and the Genesis Vault as in stakewise/v3-core ``deployments/mainnet.json`` (book rows).

Each is an exchange (``order = SWAP``): what the caller gives (the call's ETH, ETHx, vault
shares) to the contract and what comes out to the receiver (ETHx / shares / the queued ETH /
osETH: "all", the amount is the exchange rate's), judged like a swap output: a receiver that
is neither own nor allowlisted BLOCKs. Any vault reads the same (vaults are factory-made, one
code); off the book ``callee.py`` adds the opaque call of the contract beside it.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import Frame, Result, asset, native
from aiegis_guard.chains.evm.protocols.staking import etherfi_deposit
from aiegis_guard.chains.evm.protocols.swaps import exchange_ops
from aiegis_guard.chains.evm.protocols.vaults import stand_in
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import named_call
from aiegis_guard.chains.known import known_contracts, vault_asset
from aiegis_guard.chains.transaction import Asset

__all__ = ["TABLE"]

OSETH = "0xf1c9acdc66974dfb6decb12aa385b9cd01190e38"  # stakewise/v3-core deployments/mainnet.json


def _minted(contract: str, what: str) -> Asset:
    """The token ``contract`` mints or pulls (its book row's ``asset``), else a stand-in."""
    token = vault_asset(contract)
    return asset(token) if token is not None else stand_in(what, contract)


def _unpaid(f: Frame, fn: Function, receiver: str) -> Result | None:
    """A payable deposit without ETH reverts on both (Stader ``minDeposit``, StakeWise
    ``InvalidAssets``): the same selector with no value is another contract's function, an
    opaque call naming the receiver."""
    return None if f.value else [named_call(f, fn, known=False, names=(receiver,))]


def _stader_deposit(f: Frame, fn: Function, a: list[Any]) -> Result:
    unpaid = _unpaid(f, fn, a[0])
    if unpaid is not None:
        return unpaid
    got = (_minted(f.target, "ETHx"), None, a[0])
    return exchange_ops(f, "stader.deposit", (None, None), f.sender, got)


STADER_MANAGER = "0xcf5ea1b38380f6af39068375516daf40ed70d299"  # book: Stader StakePoolsManager


def _deposit_one(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``deposit(address)``: Stader's ``_receiver`` at its StakePoolsManager, else ether.fi's
    ``_referral`` (its own pool; opaque, naming the address, anywhere else)."""
    if f.target == STADER_MANAGER:
        return _stader_deposit(f, fn, a)
    return etherfi_deposit(f, fn, a)


def _stader_withdraw(f: Frame, fn: Function, a: list[Any]) -> Result:
    amount, owner = a[:2]
    give = (_minted(f.target, "ETHx"), amount)
    return exchange_ops(f, "stader.request_withdraw", give, f.sender, (native(), None, owner))


def _stakewise_deposit(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``deposit``: the vault's shares (the vault's own token) to ``receiver``."""
    unpaid = _unpaid(f, fn, a[0])
    if unpaid is not None:
        return unpaid
    got = (asset(f.target), None, a[0])
    return exchange_ops(f, "stakewise.deposit", (None, None), f.sender, got)


def _stakewise_exit(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``enterExitQueue``: the caller's ``shares`` in, the exited ETH to ``receiver``."""
    shares, receiver = a[:2]
    give, got = (asset(f.target), shares), (native(), None, receiver)
    return exchange_ops(f, "stakewise.enter_exit_queue", give, f.sender, got)


def _stakewise_mint(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``mintOsToken`` / ``depositAndMintOsToken``: ``osTokenShares`` osETH to ``receiver``
    against the caller's position (the deposit's shares stay the caller's)."""
    receiver, shares = a[:2]
    book = known_contracts().get(f.target)  # a vault of the book on Ethereum mints osETH
    on_mainnet = book is not None and book[1] == frozenset({1})
    os_token = asset(OSETH) if on_mainnet else stand_in("osToken", f.target)
    got = (os_token, shares, receiver)
    return exchange_ops(f, f"stakewise.{fn.name}", (None, None), f.sender, got)


TABLE = (
    ("deposit(address)", _deposit_one),
    ("deposit(address,string)", _stader_deposit),
    ("requestWithdraw(uint256,address,string)", _stader_withdraw),
    ("requestWithdraw(uint256,address)", _stader_withdraw),
    ("deposit(address,address)", _stakewise_deposit),
    ("enterExitQueue(uint256,address)", _stakewise_exit),
    ("mintOsToken(address,uint256,address)", _stakewise_mint),
    ("depositAndMintOsToken(address,uint256,address)", _stakewise_mint),
)
