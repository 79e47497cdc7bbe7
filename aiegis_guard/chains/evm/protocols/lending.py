"""Lending markets and name registries: deposits credited to whom, withdrawals paid to whom,
who may act for the account.

Sources:

- aave/aave-v3-core ``contracts/interfaces/IPool.sol`` (supply / deposit / withdraw / borrow /
  repay / repayWithATokens / supplyWithPermit / repayWithPermit /
  setUserUseReserveAsCollateral) and ``ICreditDelegationToken.sol`` (approveDelegation);
  the WrappedTokenGatewayV3 calls are in ``aave_gateway.py``;
- compound-finance/comet ``contracts/CometMainInterface.sol`` (allow / allowBySig / supply /
  supplyTo / withdrawTo / withdrawFrom / transferAsset; ``Comet.sol`` ``supplyInternal``: the
  base asset becomes base balance, the Comet's own ERC-20 ``balanceOf``; a collateral asset
  is held as ``userCollateral``; the base asset of a Comet is its ``baseTokenAddress`` in
  ``deployments/<network>/<market>/configuration.json``, the row's ``asset`` in
  ``data/evm_protocols.json``);
- ensdomains/ens-contracts ``ETHRegistrarController.sol`` (``register``: the name's ERC-721 on
  the BaseRegistrar, id ``uint256(keccak256(label))``; the legacy controller's
  ``register(string,address,uint256,bytes32)`` / ``registerWithConfig``; the 2025
  controller's ``register(Registration)`` struct (label, owner, duration, secret, resolver,
  data, reverseRecord, referrer) and ``renew(label, duration, referrer)``);
  ``BaseRegistrarImplementation.sol`` (``reclaim(id, owner)``: the name's owner makes
  ``owner`` its manager in the ENS registry, who can repoint every record of the name) and
  ``registry/ENSRegistry.sol`` (``setOwner(node, owner)``: the same control, directly);
- gnosis/canonical-weth ``WETH9.sol`` (``deposit()`` / ``withdraw(uint256)``: to/from
  ``msg.sender``); lidofinance/lido-dao ``contracts/0.4.24/Lido.sol`` (``submit(address
  _referral) payable``: stETH minted to ``msg.sender``) and ``contracts/0.6.12/WstETH.sol``
  (``wrap`` / ``unwrap``: to/from ``msg.sender``) and ``contracts/0.8.9/WithdrawalQueue.sol``
  (``requestWithdrawals[WstETH]``: unstETH NFTs to the owner; ``claimWithdrawal(s)[To]``).
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import ZERO, Frame, Result, asset, native
from aiegis_guard.chains.evm.protocols.restaking import ROCKET_DEPOSIT_POOL, rocket_deposit
from aiegis_guard.chains.evm.protocols.staking import etherfi_deposit, on_etherfi_pool
from aiegis_guard.chains.evm.protocols.swaps import swap_ops
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import approval, named_call, switch_approval
from aiegis_guard.chains.known import a_token, known_contracts, vault_asset
from aiegis_guard.chains.transaction import (
    SWAP_ORDER,
    Approval,
    Asset,
    AssetKind,
    AuthorityChange,
    Call,
    Receipt,
    Transfer,
)
from aiegis_guard.checksums import keccak256

__all__ = ["ENS_BASE_REGISTRAR", "TABLE", "comet_withdraw", "ens_name", "is_comet", "paid_out"]

ENS_BASE_REGISTRAR = "0x57f1887a8bf19b14fc0df6fd9b2acc9af147ea85"  # .eth names (ERC-721)
ENS_REGISTRY = "0x00000000000c2e074ec69a0dfb2997ba6c7d2e1e"  # node -> owner, resolver
_LIDO_STETH = "0xae7ab96520de3a18e5e111b5eaab095312d7fe84"  # what wstETH wraps
_LIDO_WSTETH = "0x7f39c581f595b53c5cb19bd0b3f8da6c935e2ca0"
HUGE_AMOUNT = 1 << 255  # max uint256 and its neighbours: "all of it"


def _paid_to(via: str, token: str, to: str, amount: int) -> Result:
    return [Receipt(via=via, asset=asset(token), recipient=to, amount=amount)]


def paid_out(
    f: Frame, via: str, what: Asset, amount: int, parties: tuple[str | None, str]
) -> Result:
    """What leaves ``owner``'s position to ``to`` (``parties``), as Morpho's withdrawals
    (``morpho.py``): the caller's receipt; for anyone else an explicit amount is a give of the
    position's owner (FLAG for a stranger), and ``type(uint256).max`` ("all of it": Aave
    ``withdraw``, Comet's base balance, an amount computed on-chain) is the position's whole
    output paid to ``to`` (BLOCK for a stranger)."""
    owner, to = parties
    if to == f.sender or owner is None or amount >= HUGE_AMOUNT:
        return [Receipt(via=via, asset=what, recipient=to, amount=amount)]
    return [Transfer(via=via, asset=what, sender=owner, recipient=to, amount=amount)]


def _aave_supply(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``supply`` / ``deposit`` / ``supplyWithPermit(asset, amount, onBehalfOf, ...)``: the
    reserve's aToken minted to ``onBehalfOf`` 1:1 (``data/evm_protocols.json`` ``a_tokens`` of
    the Pool; the reserve itself stands for it when the table does not list it)."""
    token, amount, on_behalf = a[:3]
    minted = a_token(f.target, token) or token
    return swap_ops(f, f"aave_v3.{fn.name}", (token, amount), (minted, amount), on_behalf)


def _aave_withdraw(f: Frame, fn: Function, a: list[Any]) -> Result:
    token, amount, to = a
    return paid_out(f, "aave_v3.withdraw", asset(token), amount, (f.sender, to))


def _aave_repay(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``repay(asset, amount, rateMode, onBehalfOf)``: the own payment into the pool (max
    uint256: "the whole debt"); the debt repaid is ``onBehalfOf``'s: for anyone but the
    caller nothing comes back to anyone (no token is minted: the debt is burnt), so the
    payment is a give to them of its amount (the pool reverts a max amount on behalf of
    another: ``ValidationLogic.validateRepay``)."""
    token, amount, _mode, on_behalf = a[:4]
    paid = None if amount >= HUGE_AMOUNT else amount
    if on_behalf != f.sender and f.sender is not None:
        via, what = "aave_v3.repay", asset(token)
        return [Transfer(via=via, asset=what, sender=f.sender, recipient=on_behalf, amount=paid)]
    return swap_ops(f, "aave_v3.repay", (token, paid), (None, None), on_behalf)


def _aave_with_permit(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``supplyWithPermit`` / ``repayWithPermit``: the Pool first submits the caller's EIP-2612
    signature carried in the call (aave-v3-core ``Pool.sol``: ``IERC20WithPermit(asset).permit(
    msg.sender, address(this), amount, deadline, permitV, permitR, permitS)``): a grant of
    ``amount`` to the Pool until ``deadline`` (a repay of less leaves the rest allowed), then
    the supply / repay itself."""
    token, amount, deadline = a[0], a[1], a[4]
    grant = approval("aave_v3.permit", token, f.sender, f.target, amount, deadline=deadline)
    act = _aave_supply if fn.name == "supplyWithPermit" else _aave_repay
    return [grant, *act(f, fn, a)]


def _aave_borrow(f: Frame, fn: Function, a: list[Any]) -> Result:
    token, amount = a[:2]
    return _paid_to("aave_v3.borrow", token, f.sender or f.context, amount)


def _own_position(f: Frame, fn: Function, a: list[Any]) -> Result:
    """Calls that only rearrange the caller's own position (``repayWithATokens``: own aTokens
    burnt against own debt; ``setUserUseReserveAsCollateral``): nothing leaves the account."""
    return [named_call(f, fn)]


def _approve_delegation(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [approval("aave_v3.approve_delegation", f.target, f.sender, a[0], a[1])]


def _comet_allow(f: Frame, owner: str | None, manager: str, allowed: bool) -> Approval:
    return switch_approval("compound_v3.allow", f.target, owner, manager, allowed, deadline=None)


def _allow(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [_comet_allow(f, f.sender, a[0], a[1])]


def _allow_by_sig(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [_comet_allow(f, a[0], a[1], a[2])]


def _comet_supply(f: Frame, via: str, token: str, amount: int, dst: str) -> Result:
    """``amount`` of ``token`` in from the caller, credited to ``dst``: base balance (the
    Comet's own token) for the market's base asset, else the collateral itself; a max amount
    of the base asset repays ``dst``'s whole debt (an amount known on-chain only)."""
    paid = None if amount >= HUGE_AMOUNT else amount
    credit = f.target if vault_asset(f.target) == token else token
    return swap_ops(f, via, (token, paid), (credit, paid), dst)


def _supply(f: Frame, fn: Function, a: list[Any]) -> Result:
    """Comet ``supply(asset, amount)``: credited to ``msg.sender``. The selector is common:
    on a contract not known as a Comet it stays opaque."""
    if not _on(f, "Compound III") or f.sender is None:
        return [named_call(f, fn, known=False)]
    return _comet_supply(f, "compound_v3.supply", a[0], a[1], f.sender)


def _supply_to(f: Frame, fn: Function, a: list[Any]) -> Result:
    dst, token, amount = a
    return _comet_supply(f, "compound_v3.supply_to", token, amount, dst)


def is_comet(address: str) -> bool:
    """A Compound III market of the book (``data/evm_protocols.json``)."""
    known = known_contracts().get(address)
    return known is not None and known[0].startswith("Compound III")


def comet_withdraw(f: Frame, fn: Function, a: list[Any]) -> Result:
    """Comet ``withdraw(asset, amount)`` (``withdrawInternal(msg.sender, msg.sender,
    msg.sender, ...)``): the caller's collateral or base balance (borrowed past it) paid to
    the caller. Its selector is Symbiotic's ``withdraw(claimer, amount)`` too
    (``symbiotic.py`` hands a Comet's calls here)."""
    if f.sender is None:
        return [named_call(f, fn, known=False)]
    token, amount = a
    return paid_out(f, "compound_v3.withdraw", asset(token), amount, (f.sender, f.sender))


def _withdraw_to(f: Frame, fn: Function, a: list[Any]) -> Result:
    to, token, amount = a
    return paid_out(f, "compound_v3.withdraw_to", asset(token), amount, (f.sender, to))


def _withdraw_from(f: Frame, fn: Function, a: list[Any]) -> Result:
    src, to, token, amount = a
    return paid_out(f, "compound_v3.withdraw_from", asset(token), amount, (src, to))


def _transfer_asset(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``transferAsset(dst, asset, amount)``: own balance moved to ``dst`` in the Comet;
    ``type(uint256).max`` of the base asset is the whole balance (``transferInternal``)."""
    dst, token, amount = a
    via = "compound_v3.transfer_asset"
    if amount >= HUGE_AMOUNT:
        return [Receipt(via=via, asset=asset(token), recipient=dst, amount=amount)]
    return [Transfer(via=via, asset=asset(token), sender=f.sender, recipient=dst, amount=amount)]


def _on(f: Frame, prefix: str) -> bool:
    known = known_contracts().get(f.target)
    return known is not None and known[0].startswith(prefix)


def _weth_deposit(f: Frame, fn: Function, a: list[Any]) -> Result:
    """WETH9 ``deposit()``: the ETH sent comes back as WETH to ``msg.sender``; Rocket Pool's
    deposit pool mints rETH for it (``restaking.py``), ether.fi's pool eETH (``staking.py``); on
    any other contract what the payable ``deposit()`` does with the ETH is unknown: opaque."""
    if f.target == ROCKET_DEPOSIT_POOL:
        return rocket_deposit(f, fn, a)
    if on_etherfi_pool(f):
        return etherfi_deposit(f, fn, a)
    if not _on(f, "WETH"):
        return [named_call(f, fn, known=False)]
    if f.sender is None:
        return [named_call(f, fn)]
    return _paid_to("weth.deposit", f.target, f.sender, f.value)


def _weth_withdraw(f: Frame, fn: Function, a: list[Any]) -> Result:
    """WETH9 ``withdraw(uint256)``: the caller's WETH burnt (given to the WETH contract, as
    wstETH ``unwrap`` gives its wstETH) comes back as ETH to ``msg.sender``."""
    if not _on(f, "WETH") or f.sender is None:
        return [named_call(f, fn)]
    return swap_ops(f, "weth.withdraw", (f.target, a[0]), (ZERO, a[0]), f.sender)


def _wsteth(f: Frame, fn: Function, a: list[Any]) -> Result:
    """wstETH ``wrap(uint256 _stETHAmount)`` / ``unwrap(uint256 _wstETHAmount)``: the one
    token is taken from ``msg.sender`` and the other paid back to it (the rate is on-chain:
    the amount received is unknown offline). On any other contract: opaque."""
    if not _on(f, "Lido wstETH") or f.sender is None:
        return [named_call(f, fn, known=False)]
    steth = _LIDO_STETH if fn.name == "wrap" else f.target
    out = f.target if fn.name == "wrap" else _LIDO_STETH
    return swap_ops(f, f"wsteth.{fn.name}", (steth, a[0]), (out, None), f.sender)


def _lido_submit(f: Frame, fn: Function, a: list[Any]) -> Result:
    """Lido ``submit(address _referral)``: stETH (about 1:1 with the ETH sent) is minted to
    ``msg.sender``; the referral receives nothing. On any other contract: opaque."""
    if not _on(f, "Lido stETH") or f.sender is None:
        return [named_call(f, fn, known=False)]
    return _paid_to("lido.submit", f.target, f.sender, f.value)


def _lido_request(f: Frame, fn: Function, a: list[Any]) -> Result:
    """WithdrawalQueue ``requestWithdrawals[WstETH](uint256[] amounts, address owner)``: the
    stETH (wstETH) is taken from ``msg.sender``; the withdrawal NFTs (unstETH, one per amount,
    claimable for the ETH; their ids are assigned on-chain: no amount, as a V3 position) go to
    ``owner`` (0: the caller). On any other contract: opaque, naming ``owner`` (a receiver the
    decoder cannot place there, as ether.fi's ``requestWithdraw`` off the book)."""
    if not _on(f, "Lido WithdrawalQueue") or f.sender is None:
        return [named_call(f, fn, known=False, names=(a[1],))]
    token = _LIDO_WSTETH if fn.name.endswith("WstETH") else _LIDO_STETH
    owner = f.sender if a[1] == ZERO else a[1]
    nfts = asset(f.target, AssetKind.NFT)
    give = swap_ops(f, f"lido.{fn.name}", (token, sum(a[0])), (None, None), None)
    receipt = Receipt(
        via="lido.request", asset=nfts, recipient=owner, amount=None, order=SWAP_ORDER
    )
    return [*give, receipt]


def _lido_claim(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``claimWithdrawal(s)``: the ETH of finalized requests to ``msg.sender``;
    ``claimWithdrawalsTo(ids, hints, recipient)``: to ``recipient`` (the amount is on-chain)."""
    if not _on(f, "Lido WithdrawalQueue") or f.sender is None:
        return [named_call(f, fn, known=False)]
    if fn.name == "claimWithdrawalsTo":
        return [Receipt(via="lido.claim_to", asset=native(), recipient=a[2], amount=None)]
    return [Receipt(via="lido.claim", asset=native(), recipient=f.sender, amount=None)]


def _ens(f: Frame, fn: Function, a: list[Any]) -> Result:
    """ENS registrar calls: explained only on the ENS controller itself; the same selector on
    any other contract stays opaque (a look-alike name is no explanation)."""
    is_ens = _on(f, "ENS")
    name = f"ens.{fn.name}" if is_ens else fn.name
    call = Call(via="evm.call", target=f.target, name=name, known=is_ens, value=f.value)
    call = call.model_copy(update={"sender": f.sender, "selector": "0x" + f.data[:4].hex()})
    if not is_ens or fn.name not in ("register", "registerWithConfig"):
        return [call]
    label, owner = (a[0][0], a[0][1]) if len(a) == 1 else (a[0], a[1])  # 2025: a struct
    return [call, ens_name(f, label, owner)]


def ens_name(
    f: Frame, label: str, owner: str, registrar: str = ENS_BASE_REGISTRAR, via: str = "ens.register"
) -> Transfer | Receipt:
    """The name registered: an ERC-721 of the ``registrar`` (.eth: ENS's base registrar),
    token id ``uint256(keccak256(label))``, minted to ``owner`` (paid by the caller: a gift
    when the owner is someone else)."""
    tid = int.from_bytes(keccak256(label.encode("utf-8", "surrogatepass")), "big")
    nft = asset(registrar, AssetKind.NFT)
    if owner == f.sender or f.sender is None:
        return Receipt(via=via, asset=nft, recipient=owner, amount=1, token_id=tid)
    return Transfer(via=via, asset=nft, sender=f.sender, recipient=owner, amount=1, token_id=tid)


def _ens_reclaim(f: Frame, fn: Function, a: list[Any]) -> Result:
    """BaseRegistrar ``reclaim(id, owner)`` / Registry ``setOwner(node, owner)``: the caller
    (the name's owner) hands the name's registry control to ``owner``; on any other contract
    the selector stays opaque."""
    registrar = f.target == ENS_BASE_REGISTRAR
    if not registrar and f.target != ENS_REGISTRY:
        return [named_call(f, fn, known=False)]
    name = int.from_bytes(a[0], "big") if isinstance(a[0], bytes) else a[0]
    return [
        AuthorityChange(
            via="ens.reclaim" if registrar else "ens.set_owner",
            account=f.target,
            new_authority=a[1],
            authority_type="manager",
            current_authority=f.sender,
            asset=asset(ENS_BASE_REGISTRAR, AssetKind.NFT) if registrar else None,
            token_id=name if registrar else None,
        )
    ]


TABLE = (
    ("supply(address,uint256,address,uint16)", _aave_supply),
    ("deposit(address,uint256,address,uint16)", _aave_supply),
    ("withdraw(address,uint256,address)", _aave_withdraw),
    ("borrow(address,uint256,uint256,uint16,address)", _aave_borrow),
    ("repay(address,uint256,uint256,address)", _aave_repay),
    ("repayWithATokens(address,uint256,uint256)", _own_position),
    (
        "supplyWithPermit(address,uint256,address,uint16,uint256,uint8,bytes32,bytes32)",
        _aave_with_permit,
    ),
    (
        "repayWithPermit(address,uint256,uint256,address,uint256,uint8,bytes32,bytes32)",
        _aave_with_permit,
    ),
    ("setUserUseReserveAsCollateral(address,bool)", _own_position),
    ("approveDelegation(address,uint256)", _approve_delegation),
    ("allow(address,bool)", _allow),
    (
        "allowBySig(address,address,bool,uint256,uint256,uint8,bytes32,bytes32)",
        _allow_by_sig,
    ),
    ("supply(address,uint256)", _supply),
    ("supplyTo(address,address,uint256)", _supply_to),
    ("withdrawTo(address,address,uint256)", _withdraw_to),
    ("withdrawFrom(address,address,address,uint256)", _withdraw_from),
    ("transferAsset(address,address,uint256)", _transfer_asset),
    ("commit(bytes32)", _ens),
    ("reclaim(uint256,address)", _ens_reclaim),
    ("setOwner(bytes32,address)", _ens_reclaim),
    (
        "register(string,address,uint256,bytes32,address,bytes[],bool,uint16)",
        _ens,
    ),
    ("renew(string,uint256)", _ens),
    ("register((string,address,uint256,bytes32,address,bytes[],uint8,bytes32))", _ens),
    ("renew(string,uint256,bytes32)", _ens),
    ("register(string,address,uint256,bytes32)", _ens),
    ("registerWithConfig(string,address,uint256,bytes32,address,address)", _ens),
    ("deposit()", _weth_deposit),
    ("withdraw(uint256)", _weth_withdraw),
    ("submit(address)", _lido_submit),
    ("requestWithdrawals(uint256[],address)", _lido_request),
    ("requestWithdrawalsWstETH(uint256[],address)", _lido_request),
    ("claimWithdrawal(uint256)", _lido_claim),
    ("claimWithdrawals(uint256[],uint256[])", _lido_claim),
    ("claimWithdrawalsTo(uint256[],uint256[],address)", _lido_claim),
    ("wrap(uint256)", _wsteth),
    ("unwrap(uint256)", _wsteth),
)
