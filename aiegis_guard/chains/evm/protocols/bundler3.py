"""Morpho Bundler3: a list of calls, mostly into its adapters, run for the caller (the bundle's
``initiator``).

Sources: morpho-org/bundler3 ``src/interfaces/IBundler3.sol`` (``multicall(Call[]) payable``,
``Call{address to, bytes data, uint256 value, bool skipRevert, bytes32 callbackHash}``: each
``to`` is called with ``data`` and ``value`` by the bundler, which records ``msg.sender`` as
the ``initiator``), ``src/adapters/CoreAdapter.sol`` (``onlyBundler``; ``erc20Transfer`` /
``nativeTransfer(receiver, amount)``: the adapter's balance out, ``type(uint).max`` = all of
it) and ``src/adapters/GeneralAdapter1.sol`` (``EthereumGeneralAdapter1`` extends it):

- ``erc20TransferFrom(token, receiver, amount)`` / ``transferFrom2`` (through Permit2):
  ``amount`` of the initiator's ``token`` to ``receiver`` ("Pass ``type(uint).max`` to
  transfer the initiator's balance");
- ``erc4626Deposit(vault, assets, maxSharePriceE27, receiver)`` / ``erc4626Mint(vault,
  shares, maxSharePriceE27, receiver)``: the adapter's underlying tokens into the vault, the
  shares minted to ``receiver``; ``erc4626Withdraw(vault, assets, minSharePriceE27, receiver,
  owner)`` / ``erc4626Redeem(vault, shares, minSharePriceE27, receiver, owner)``: ``owner``
  (the adapter or the initiator) pays the shares, ``receiver`` gets the assets;
- ``morphoSupply(marketParams, assets, shares, maxSharePriceE27, onBehalf, data)`` /
  ``morphoSupplyCollateral(marketParams, assets, onBehalf, data)``: the adapter's tokens
  become ``onBehalf``'s position; ``morphoRepay(..., onBehalf, data)`` repays ``onBehalf``'s
  debt; ``morphoBorrow`` / ``morphoWithdraw(marketParams, assets, shares, minSharePriceE27,
  receiver)`` and ``morphoWithdrawCollateral(marketParams, assets, receiver)`` take from the
  initiator's position to ``receiver``; ``data`` (and ``morphoFlashLoan``'s) is a ``Call[]``
  the adapter re-enters the bundler with (``reenterBundler``): decoded as more calls;
- ``unwrapNative(amount, receiver)`` / ``wrapNative``: the adapter's (w)ETH out to ``receiver``.

An adapter acts for the initiator (``initiator()``), so each call into an adapter of the
address book is decoded as the caller's own call of it (as ``bulker.py`` does for a Comet
Bulker); any other call is the bundler's, from its own address. Tokens the initiator moves
into the adapter are the input of the bundle's exchange (judged by its outputs, as a swap);
every output leaving the adapter (shares, withdrawn assets, a borrow, a position, a transfer)
goes to the receiver the call names: a stranger's shares or assets are an output given away
(BLOCK), a transfer of the initiator's tokens or of the adapter's balance to a stranger is a
give (all of it: unbounded). Tokens pulled into the adapter by a bundle that never spends the
adapter's balance stay there for anyone's next bundle: a plain give to the adapter. A
share-price bound of ``type(uint).max`` (deposit, mint) or 0 (withdraw, redeem) accepts any
price: the output's minimum is 0.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.abi import decode_args, parse_types
from aiegis_guard.chains.evm.frames import MAX_DEPTH, Frame, Result, asset, native
from aiegis_guard.chains.evm.protocols.swaps import exchange_ops
from aiegis_guard.chains.evm.protocols.vaults import stand_in, underlying
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.transaction import SWAP_ORDER, Asset, Transfer
from aiegis_guard.checksums import keccak256
from aiegis_guard.errors import EvmDecodeError

__all__ = ["TABLE"]

# docs.morpho.org addresses (data/evm_protocols.json rows "Morpho Bundler3"): Bundler3 on
# Ethereum, Base and Arbitrum; EthereumGeneralAdapter1 on Ethereum
BUNDLERS = frozenset(
    {
        "0x6566194141eefa99af43bb5aa71460ca2dc90245",
        "0x6bfd8137e702540e7a42b74178a4a49ba43920c4",
        "0x1fa4431bc113d308bee1d46b0e98cb805fb48c13",
    }
)
ADAPTERS = frozenset({"0x4a6c312ec70e8747a587ee860a0353cd42be0ae0"})
_MAX = (1 << 256) - 1
_CALLS = parse_types("f((address,bytes,uint256,bool,bytes32)[])")


def _sel(signature: str) -> bytes:
    return keccak256(signature.encode())[:4]


_PULLS = frozenset(
    {
        _sel("erc20TransferFrom(address,address,uint256)"),
        _sel("transferFrom2(address,address,uint256)"),
    }
)
_PULL = parse_types("f(address,address,uint256)")


def _spent(calls: Any) -> bool:
    """A call of the bundle into an adapter does something with the adapter's balance (any
    adapter call but a pull: an output, a transfer, or one not decoded here)."""
    return any(to in ADAPTERS and bytes(data)[:4] not in _PULLS for to, data, *_ in calls)


def _left(f: Frame, to: str, data: bytes) -> Transfer | None:
    """A pull into the adapter of a bundle that never spends the adapter's balance: the tokens
    stay there, for whoever calls the adapter next (CoreAdapter ``erc20Transfer`` of the
    adapter's balance is any bundle's): a plain give to the adapter."""
    token, receiver, amount = decode_args(_PULL, data[4:])
    if receiver != to:
        return None
    via = "bundler3.left_in_adapter"
    return Transfer(via=via, asset=asset(token), sender=f.sender, recipient=to, amount=amount)


def _calls(f: Frame, calls: Any, spent: bool = True) -> Result:
    """Each ``Call``: into a known adapter, as the initiator's own call; else the bundler's."""
    if f.depth >= MAX_DEPTH:
        raise EvmDecodeError("bundler3: bundles nested too deep")
    out: Result = []
    for to, data, value, _skip, _hash in calls:
        data = bytes(data)
        if to in ADAPTERS:
            left = None if spent or data[:4] not in _PULLS else _left(f, to, data)
            frame = Frame(to, f.sender, to, value, data, f.depth + 1, False, f.origin, f.path)
            out.append(frame if left is None else left)
            continue
        out += _call(f, f.sender, to, value, data)
    return out


def _call(f: Frame, payer: str | None, to: str, value: int, data: bytes) -> Result:
    """A call the bundler (or a contract posing as one) makes from its own address; the ETH it
    forwards is ``payer``'s."""
    out: Result = []
    if value:
        out.append(
            Transfer(via="bundler3.call", asset=native(), sender=payer, recipient=to, amount=value)
        )
    if data:
        out.append(f.call(to, value, data))
    return out


def _multicall(f: Frame, fn: Function, a: list[Any]) -> Result:
    """On a Bundler3 deployment, the bundle; on any other contract the same list is that
    contract's own calls, decoded as any calls it makes, but for those into an adapter (it
    reverts for anyone but its Bundler3: ``onlyBundler``); ``callee.py`` makes the call itself
    opaque off the book."""
    if f.target not in BUNDLERS:
        out: Result = []
        for to, data, value, *_ in a[0]:
            if to not in ADAPTERS:  # an adapter reverts for anyone but its bundler
                out += _call(f, f.context, to, value, bytes(data))
        return out
    return _calls(f, a[0], _spent(a[0]))


def _reenter(f: Frame, data: bytes) -> Result:
    """A callback's ``Call[]`` (``reenterBundler``): more calls of the same bundle."""
    if not data:
        return []
    return _calls(f, decode_args(_CALLS, data)[0])


def _out(f: Frame, fn: Function, what: Asset, minimum: int | None, to: str) -> Result:
    """An output of the adapter to ``to`` (the initiator's when ``to`` is the initiator)."""
    return exchange_ops(f, f"bundler3.{fn.name}", (None, None), None, (what, minimum, to))


def _give(f: Frame, fn: Function, what: Asset, amount: int | None, to: str) -> Result:
    """The initiator's tokens (or the adapter's balance, held for the bundle) to ``to``; into
    the adapter: the input of the bundle's exchange."""
    if to == f.sender:
        return []
    order = SWAP_ORDER if to == f.target else None
    via = f"bundler3.{fn.name}"
    return [
        Transfer(via=via, asset=what, sender=f.sender, recipient=to, amount=amount, order=order)
    ]


def _transfer_from(f: Frame, fn: Function, a: list[Any]) -> Result:
    token, receiver, amount = a
    return _give(f, fn, asset(token), amount, receiver)


def _transfer(f: Frame, fn: Function, a: list[Any]) -> Result:
    token, receiver, amount = a
    return _give(f, fn, asset(token), amount, receiver)


def _native_transfer(f: Frame, fn: Function, a: list[Any]) -> Result:
    receiver, amount = a
    return _give(f, fn, native(), amount, receiver)


def _unwrap(f: Frame, fn: Function, a: list[Any]) -> Result:
    amount, receiver = a
    return [] if receiver == f.target else _give(f, fn, native(), amount, receiver)


def _wrap(f: Frame, fn: Function, a: list[Any]) -> Result:
    amount, receiver = a
    wrapped = stand_in("wrapped native token", f.target)
    return [] if receiver == f.target else _give(f, fn, wrapped, amount, receiver)


def _shares_in(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``erc4626Deposit`` / ``erc4626Mint``: shares minted to ``receiver``."""
    vault, amount, max_price, receiver = a
    minimum = 0 if max_price == _MAX else (amount if fn.name == "erc4626Mint" else None)
    return _out(f, fn, asset(vault), minimum, receiver)


def _shares_out(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``erc4626Withdraw`` / ``erc4626Redeem``: ``owner``'s shares (the initiator's, or the
    adapter's) for the vault's assets to ``receiver``."""
    vault, amount, min_price, receiver, owner = a
    redeem = fn.name == "erc4626Redeem"
    out: Result = []
    if owner == f.sender:  # the initiator's shares, burnt by the vault
        shares = amount if redeem else None
        via = f"bundler3.{fn.name}"
        paid = Transfer(
            via=via,
            asset=asset(vault),
            sender=owner,
            recipient=vault,
            amount=shares,
            order=SWAP_ORDER,
        )
        out.append(paid)
    minimum = 0 if min_price == 0 else (None if redeem else amount)
    return out + _out(f, fn, underlying(vault), minimum, receiver)


def _position(what: str, market: Any) -> Asset:
    """A Morpho Blue position (loan token supplied, or collateral) named after its token."""
    token = market[0] if what == "supply" else market[1]
    return stand_in(f"Morpho Blue {what} position", str(token))


def _supply(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``morphoSupply`` / ``morphoSupplyCollateral``: a position for ``onBehalf``."""
    market, on_behalf, data = a[0], a[-2], bytes(a[-1])
    kind = "supply" if fn.name == "morphoSupply" else "collateral"
    return _out(f, fn, _position(kind, market), None, on_behalf) + _reenter(f, data)


def _repay(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``morphoRepay``: the adapter's loan tokens pay ``onBehalf``'s debt (another's: a give)."""
    market, assets, _shares, _price, on_behalf, data = a
    return _give(f, fn, asset(market[0]), assets, on_behalf) + _reenter(f, bytes(data))


def _take(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``morphoBorrow`` / ``morphoWithdraw`` (loan token) and ``morphoWithdrawCollateral``:
    the initiator's borrow / supply / collateral paid to ``receiver``."""
    market, assets, receiver = a[0], a[1], a[-1]
    token = market[1] if fn.name == "morphoWithdrawCollateral" else market[0]
    return _out(f, fn, asset(token), None if assets == _MAX else assets, receiver)


def _flash_loan(f: Frame, fn: Function, a: list[Any]) -> Result:
    return _reenter(f, bytes(a[2]))


_MARKET = "(address,address,address,address,uint256)"  # MarketParams (morpho-blue IMorpho.sol)
TABLE = (
    ("multicall((address,bytes,uint256,bool,bytes32)[])", _multicall),
    ("erc20TransferFrom(address,address,uint256)", _transfer_from),
    ("transferFrom2(address,address,uint256)", _transfer_from),
    ("erc20Transfer(address,address,uint256)", _transfer),
    ("nativeTransfer(address,uint256)", _native_transfer),
    ("wrapNative(uint256,address)", _wrap),
    ("unwrapNative(uint256,address)", _unwrap),
    ("erc4626Deposit(address,uint256,uint256,address)", _shares_in),
    ("erc4626Mint(address,uint256,uint256,address)", _shares_in),
    ("erc4626Withdraw(address,uint256,uint256,address,address)", _shares_out),
    ("erc4626Redeem(address,uint256,uint256,address,address)", _shares_out),
    (f"morphoSupply({_MARKET},uint256,uint256,uint256,address,bytes)", _supply),
    (f"morphoSupplyCollateral({_MARKET},uint256,address,bytes)", _supply),
    (f"morphoRepay({_MARKET},uint256,uint256,uint256,address,bytes)", _repay),
    (f"morphoBorrow({_MARKET},uint256,uint256,uint256,address)", _take),
    (f"morphoWithdraw({_MARKET},uint256,uint256,uint256,address)", _take),
    (f"morphoWithdrawCollateral({_MARKET},uint256,address)", _take),
    ("morphoFlashLoan(address,uint256,bytes)", _flash_loan),
)
