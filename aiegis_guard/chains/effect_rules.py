"""Policy over effects that no single operation shows: exchanges and swap outputs.

Gives / grants / authority / opaque effects are judged per operation by
:mod:`aiegis_guard.chains.inspect` (same rule ids as before: ``unknown_recipient``,
``unlimited_approval``, ``set_approval_for_all``, ``eip7702_delegation``, ...). What needs
the whole request is judged here:

=========================  ======  ================================================================
rule (``tx.<tag>.``)       action  when
=========================  ======  ================================================================
``order_gives_away``       BLOCK   an order (Seaport, Blur, LooksRare, CoW, 1inch...) gives own
                                   assets while what comes back to the own account (or an
                                   allowlisted recipient, as for a swap's output; never a
                                   settling contract, see below) is nothing,
                                   dust, or less than what goes to others in the same asset;
                                   or a bid paying for NFTs only of collections neither
                                   well known (``data/evm_protocols.json``) nor allowlisted;
                                   or, symmetric, an order giving NFTs whose whole return to
                                   own is in tokens / NFTs neither well known nor allowlisted
                                   (``unvalued-return``: the junk-token bid, the listing for
                                   a junk NFT); or an order whose return, all in
                                   one-value tokens (``peg``: WETH = ETH; USDC = USDT = DAI),
                                   is less than half of what it gives of the same peg
                                   (``under-half``); (a token imitating a well-known contract
                                   is worth nothing: the fake-WETH offer; so is a swap's or a
                                   bridge's output in one: the fake USDC an Across relayer
                                   fills with). The dust floor is
                                   per NFT unit given (1000 ERC-1155 copies: 1000 items)
``order_unvalued``         FLAG    an order pays money of establishable worth (ETH, a well-known
                                   or allowlisted token; not dust) and gets back only tokens
                                   nobody vouches for: the 10**30 units of the attacker's own
                                   token a 0x RFQ fill or a signed order pays with cannot be told
                                   from a purchase of a new token, so a human confirms it
                                   (not for CoW orders, settled from market liquidity as swaps)
``swap_recipient``         BLOCK   a swap's / order's output goes to an address that is neither own
                                   nor an allowlisted recipient, or to a settling contract
``swap_no_minimum``        FLAG    a swap whose guaranteed minimum output is 0 (any price is
                                   accepted: sandwich / worthless-output bait)
``unknown_recipient``      FLAG    a router's fee portion of a swap output (Universal Router
                                   ``PAY_PORTION`` / V4 ``TAKE_PORTION`` up to 1 %) paid to an
                                   address neither own nor an allowlisted recipient
``sweep``                  BLOCK   one request gives ``SWEEP_ASSETS`` or more different assets of
                                   the own account to one party that is neither own nor an
                                   allowlisted recipient (the drainer kits' "move every balance
                                   in one transaction")
=========================  ======  ================================================================

Settling contracts: proceeds left in the contract that settles the request (the transaction's
``to`` / the typed data's ``verifyingContract``, every contract it calls: ``settlers``) or in
a well-known protocol contract of the address book (``data/evm_protocols.json``: settlements,
routers, diamonds, pools, tokens) are received by nobody the owner controls: the next
caller's interactions move that balance (JAM solvers, LI.FI swap callData run on the
diamond's own balance). Such a recipient is never an own or allowlisted receipt, whatever
``allowlist.evm`` says (the allowlist trusts a contract as a callee, not as the holder of the
owner's proceeds); the own accounts and the smart accounts the request acts through are never
settlers.
"""

from __future__ import annotations

from aiegis_guard.chains.effects import Effect, EffectKind
from aiegis_guard.chains.known import (
    imitated_contract,
    known_collections,
    known_contracts,
    pegs,
    token_decimals,
)
from aiegis_guard.chains.transaction import SWAP_ORDER, AssetKind
from aiegis_guard.findings import Action, Category, Chain, Finding, Severity
from aiegis_guard.policy import Policy, is_validator_key
from aiegis_guard.redact import mask_address

__all__ = ["DUST", "SWEEP_ASSETS", "judge_effects"]

SWEEP_ASSETS = 3

DUST = {AssetKind.NATIVE: 10**15}  # 0.001 ETH: a "price" below this is no price
# fungible tokens of unknown decimals (every ERC-20 to the decoder): drainer orders ask 0 or 1
# base unit; 1e6 blocked real orders for 8-decimal tokens (0.005 WBTC is 500 000 base units)
DUST_UNKNOWN_DECIMALS = 10**3
_MONEY = (AssetKind.NATIVE, AssetKind.FUNGIBLE)
# orders no peer fills: CoW's permissioned solvers settle them in a batch auction at one
# clearing price from market liquidity, so ``buyAmount`` is a minimum, as a swap's
# (docs.cow.fi, "Batch auctions"); a 0x / Seaport / 1inch / Blur order is filled by its
# counterparty, who names both sides
MARKET_SETTLED = ("cow.",)


def _finding(tag: str, rule: str, action: Action, message: str, *evidence: str) -> Finding:
    return Finding(
        rule_id=f"tx.{tag}.{rule}",
        category=Category.TRANSACTION,
        severity=Severity.HIGH if action is Action.BLOCK else Severity.MEDIUM,
        action=action,
        message=message,
        evidence=evidence,
    )


def _is_dust(e: Effect, amount: int | None = None, items: int = 1) -> bool:
    """``amount`` (default: the effect's) of ``e``'s asset is below the dust floor for
    ``items`` things bought with it."""
    amount = e.amount if amount is None else amount
    if amount is None or e.asset is None:
        return False
    if e.asset.kind is AssetKind.NFT:
        return amount == 0
    floor = DUST.get(e.asset.kind, DUST_UNKNOWN_DECIMALS)
    if e.asset.decimals is not None:
        floor = 10 ** max(e.asset.decimals - 3, 0)
    return amount < floor * items


def _units(e: Effect) -> int:
    """The NFTs an effect moves: an ERC-1155 amount counts its units (unknown: one), in whole
    shares for a collection whose units have decimals (Polymarket positions: 10**6 a share)."""
    units = max(e.amount or 1, len(e.token_ids))
    decimals = token_decimals().get((e.asset.address or "").lower()) if e.asset else None
    return max(units // 10**decimals, 1) if decimals else units


def _dust_for(gives: list[Effect], own: list[Effect]) -> bool:
    """What comes back to own is dust for what the order gives: each asset's total is below
    the dust floor times the NFTs given (a price is per item: a bundle of three NFTs for
    0.001 ETH is 0.0003 ETH an NFT; fungible gives count once)."""
    items = sum(_units(e) for e in gives if e.asset is not None and e.asset.kind is AssetKind.NFT)
    totals: dict[str, tuple[Effect, int]] = {}
    for e in own:
        if e.asset is None or e.amount is None:
            return False  # an unknown amount is not dust
        first, total = totals.get(e.asset.key, (e, 0))
        totals[e.asset.key] = (first, total + e.amount)
    return all(_is_dust(first, total, max(items, 1)) for first, total in totals.values())


def _imitation(policy: Policy, chain: Chain, e: Effect) -> bool:
    """An ERC-20 whose address imitates a well-known contract's (same first / last
    ``lookalike_chars`` hex digits) and that the policy does not name: the fake WETH a
    drainer's offer pays in."""
    token = e.asset
    if chain is not Chain.EVM or token is None or token.kind is not AssetKind.FUNGIBLE:
        return False
    address = token.address
    if not address or policy.is_known(address, chain):
        return False
    return imitated_contract(address, policy.lookalike_chars) is not None


def _vouched(policy: Policy, chain: Chain, e: Effect) -> bool:
    """An NFT whose collection is well known or named by the policy (any role)."""
    address = e.asset.address if e.asset is not None else None
    if not address:
        return False
    return address.lower() in known_collections() or policy.is_known(address, chain)


def _unvalued(policy: Policy, chain: Chain, gives: list[Effect], own: list[Effect]) -> bool:
    """A bid: own pays fungible value and gets back only NFTs of collections nobody vouches
    for (the drainer's "offer" for its own junk NFT: its worth cannot be established)."""
    pays = any(e.asset is not None and e.asset.kind in _MONEY and not _is_dust(e) for e in gives)
    nfts = [e for e in own if e.asset is not None and e.asset.kind is AssetKind.NFT]
    if not pays or not nfts or len(nfts) != len(own):
        return False
    return not any(_vouched(policy, chain, e) for e in nfts)


def _well_known(policy: Policy, chain: Chain, e: Effect) -> bool:
    """An asset of establishable worth: native, a token or collection of
    ``data/evm_protocols.json``, or one the policy names (any role). Off EVM: not judged."""
    a = e.asset
    if chain is not Chain.EVM or (a is not None and a.kind is AssetKind.NATIVE):
        return True
    if a is None or not a.address:
        return False
    if a.kind is AssetKind.NFT:
        return _vouched(policy, chain, e)
    return a.address.lower() in known_contracts() or policy.is_known(a.address, chain)


def _unvalued_return(policy: Policy, chain: Chain, gives: list[Effect], own: list[Effect]) -> bool:
    """``_unvalued`` the other way: own gives NFTs and gets back only tokens / NFTs nobody
    vouches for (10**30 units of the attacker's token are worth nothing). Money given for
    an unknown token is judged by ``_unvalued_purchase``."""
    nfts = any(e.asset is not None and e.asset.kind is AssetKind.NFT for e in gives)
    return nfts and not any(_well_known(policy, chain, e) for e in own)


def _unvalued_purchase(
    policy: Policy, chain: Chain, gives: list[Effect], own: list[Effect]
) -> bool:
    """Own pays money of establishable worth (not dust) and gets back only tokens / NFTs
    nobody vouches for. An order's counterparty names both sides, so the attacker's freshly
    minted token is as good as nothing, yet a new token may also be a real purchase
    (``order_unvalued``: FLAG, a human confirms). Orders that only solvers settle against
    market liquidity (``MARKET_SETTLED``) name a minimum, as a swap does, and are judged as
    one."""
    if any((e.via or "").startswith(MARKET_SETTLED) for e in gives):
        return False
    pays = any(
        e.asset is not None
        and e.asset.kind in _MONEY
        and _well_known(policy, chain, e)
        and not _is_dust(e)
        for e in gives
    )
    return pays and not any(_well_known(policy, chain, e) for e in own)


def _pegged(chain: Chain, e: Effect) -> tuple[str, int] | None:
    """``e``'s peg and amount in 18 decimals (ETH, WETH; USDC, USDT, DAI), else None."""
    a = e.asset
    if chain is not Chain.EVM or a is None or e.amount is None:
        return None
    if a.kind is AssetKind.NATIVE:
        return "ETH", e.amount
    peg = pegs().get((a.address or "").lower())
    return None if peg is None else (peg[0], e.amount * 10 ** (18 - peg[1]))


def _under_half(chain: Chain, gives: list[Effect], own: list[Effect]) -> bool:
    """Own's whole return is in one-value tokens and, for a peg the order also gives, less
    than half of it (100 WETH for 0.002 ETH)."""
    given: dict[str, int] = {}
    back: dict[str, int] = {}
    for e in gives:
        if (v := _pegged(chain, e)) is not None:
            given[v[0]] = given.get(v[0], 0) + v[1]
    for e in own:
        if (v := _pegged(chain, e)) is None:
            return False
        back[v[0]] = back.get(v[0], 0) + v[1]
    return any(peg in given and 2 * amount < given[peg] for peg, amount in back.items())


def _order(
    tag: str, index: int, effects: list[Effect], policy: Policy, settlers: _Settlers
) -> list[Finding]:
    chain = settlers.chain
    gives = [e for e in effects if e.kind is EffectKind.GIVES and e.own]
    if not gives:
        return []
    gets = [e for e in effects if e.kind is EffectKind.GETS]
    # what comes back to own or to an allowlisted recipient (own's other account, a friend):
    # trusted as a swap's output to them is (``_outputs``); never a settling contract
    mine = [e.counterparty_own or settlers.trusted(policy, e.counterparty or "") for e in gets]
    own = [e for e, m in zip(gets, mine, strict=True) if m]

    def gives_away(msg: str, *more: str) -> list[Finding]:  # evidence built only when it fires
        ev = (
            f"order:{index}",
            f"via:{gives[0].via}",
            f"gives:{len(gives)}",
            f"gets_own:{len(own)}",
        )
        return [_finding(tag, "order_gives_away", Action.BLOCK, msg, *ev, *more)]

    own = [e for e in own if not _imitation(policy, chain, e)]  # worth nothing
    if not own or _dust_for(gives, own):
        msg = "order gives own assets away for nothing (consideration to own is none or dust)"
        return gives_away(msg)
    if _unvalued(policy, chain, gives, own):
        msg = "order pays for an NFT of an unrecognised collection (no establishable worth)"
        return gives_away(msg, "unvalued-nft")
    if _unvalued_return(policy, chain, gives, own):
        msg = "order gives value for tokens / NFTs nobody vouches for (no establishable worth)"
        return gives_away(msg, "unvalued-return")
    if _under_half(chain, gives, own):
        msg = "order returns less than half of what it gives of the same asset (WETH = ETH...)"
        return gives_away(msg, "under-half")
    found = _others_paid(gets, mine) or _fees_over_price(gives, policy, settlers)
    if found:
        return gives_away(*found)
    if _unvalued_purchase(policy, chain, gives, own):
        msg = "order pays money for tokens nobody vouches for (their worth cannot be established)"
        ev = (f"order:{index}", f"via:{gives[0].via}", "unvalued-purchase")
        return [_finding(tag, "order_unvalued", Action.FLAG, msg, *ev)]
    return []


def _others_paid(gets: list[Effect], trusted: list[bool]) -> tuple[str, str] | None:
    """Each asset coming back pays others (``trusted`` false: neither own nor allowlisted)
    more than own: the message and the evidence."""
    by_asset: dict[str, list[int]] = {}
    for e, ok in zip(gets, trusted, strict=True):
        if e.asset is not None and e.amount is not None:
            row = by_asset.setdefault(e.asset.key, [0, 0])
            row[0 if ok else 1] += e.amount
    if all(mine < others for mine, others in by_asset.values()):
        elsewhere = next(
            (e.counterparty for e, ok in zip(gets, trusted, strict=True) if not ok), None
        )
        if elsewhere is None:  # amounts unknown, all of it to trusted parties
            return None
        msg = f"order pays most of its consideration to {mask_address(elsewhere or '?')}"
        return msg, f"to:{elsewhere}"
    return None


UNBOUNDED = 2**128  # a fee of "all of it" (judge_gives.UNBOUNDED)


def _fees_over_price(
    gives: list[Effect], policy: Policy, settlers: _Settlers
) -> tuple[str, str] | None:
    """The fees own pays on top of an order (``order_fee``: Element buy orders, Rarible origin
    fees) to parties neither own nor allowlisted come to more than the order's price in the
    same asset: most of what own pays goes to others, as ``_others_paid`` reads a listing."""
    by_asset: dict[str, list[int]] = {}
    elsewhere = ""
    for e in gives:
        if e.asset is None or (e.amount is None and not e.unlimited):
            continue
        row = by_asset.setdefault(e.asset.key, [0, 0])
        if e.what != "order_fee":
            row[0] += e.amount or 0
        elif not (e.counterparty_own or settlers.trusted(policy, e.counterparty or "")):
            row[1] += UNBOUNDED if e.unlimited else e.amount or 0
            elsewhere = elsewhere or e.counterparty or "?"
    if any(fees > price for price, fees in by_asset.values()):
        msg = f"order pays more in fees to {mask_address(elsewhere)} than its price"
        return msg, f"to:{elsewhere}"
    return None


def _allowed_recipient(policy: Policy, chain: Chain, addr: str) -> bool:
    return policy.is_allowed_recipient(addr, chain)


class _Settlers:
    """The contracts that settle the request (see the module docstring): ``addresses`` (the
    request's ``to`` / verifying contract and call targets, the own accounts left out) and,
    on EVM, the address book's well-known contracts."""

    __slots__ = ("addresses", "chain")

    def __init__(self, chain: Chain, addresses: frozenset[str]) -> None:
        self.chain = chain
        self.addresses = addresses

    def holds(self, addr: str) -> bool:
        if self.chain is not Chain.EVM:
            return addr in self.addresses
        key = addr.lower()
        return key in self.addresses or key in known_contracts()

    def trusted(self, policy: Policy, addr: str) -> bool:
        """An allowlisted recipient that is no settling contract."""
        return _allowed_recipient(policy, self.chain, addr) and not self.holds(addr)


def _into_trusted_validator(policy: Policy, e: Effect) -> bool:
    """The output is the balance of an allowlisted beacon-chain validator (a deposit into it,
    ``evm_validators``): for an existing validator the beacon chain ignores the deposit's
    withdrawal credentials; a new one's are bound by the validator key's own signature."""
    key = e.asset.address if e.asset is not None else None
    return key is not None and is_validator_key(key) and policy.is_trusted_validator(key)


def _outputs(tag: str, settlers: _Settlers, policy: Policy, outputs: list[Effect]) -> list[Finding]:
    chain = settlers.chain
    out: list[Finding] = []
    for e in outputs:
        to = e.counterparty
        ev = (f"recipient:{to}", f"via:{e.via}")
        if e.what == "fee":  # a bounded portion of the output paid to a third party
            if not e.counterparty_own and not _allowed_recipient(policy, chain, to or ""):
                msg = f"a fee portion of the output goes to {mask_address(to or '')}"
                out.append(_finding(tag, "unknown_recipient", Action.FLAG, msg, *ev, "fee"))
            continue
        gives = e.kind is EffectKind.GIVES  # the output paid to another (effects._output_away)
        if gives and _into_trusted_validator(policy, e):
            continue
        if gives and not settlers.trusted(policy, to or ""):
            msg = f"swap output goes to {mask_address(to or '')}, not the own account"
            out.append(_finding(tag, "swap_recipient", Action.BLOCK, msg, *ev))
        elif _imitation(policy, chain, e):  # the fake USDC a relayer "fills" with: worthless
            msg = "swap output is a token imitating a well-known one: the input is given away"
            out.append(_finding(tag, "order_gives_away", Action.BLOCK, msg, *ev, "imitation"))
        elif e.amount == 0:
            msg = "swap accepts any output (minimum 0)"
            out.append(_finding(tag, "swap_no_minimum", Action.FLAG, msg, *ev, "amount_min:0"))
    return out


def _sweeps(tag: str, chain: Chain, policy: Policy, gives: list[Effect]) -> list[Finding]:
    """``gives``: the own account's gives outside orders, with a counterparty and an asset."""
    assets: dict[str, set[str]] = {}
    for e in gives:
        to = e.counterparty or ""
        trusted = e.what == "signature_transfer" and policy.is_known(to, chain)
        if not e.counterparty_own and not trusted and not _allowed_recipient(policy, chain, to):
            assets.setdefault(to, set()).add(e.asset.key)  # type: ignore[union-attr]
    out: list[Finding] = []
    for to, keys in assets.items():
        if len(keys) >= SWEEP_ASSETS:
            msg = f"gives {len(keys)} different assets to {mask_address(to)} in one request"
            ev = (f"to:{to}", f"assets:{len(keys)}")
            out.append(_finding(tag, "sweep", Action.BLOCK, msg, *ev))
    return out


def judge_effects(
    effects: tuple[Effect, ...],
    policy: Policy,
    chain: Chain,
    settlers: frozenset[str] = frozenset(),
) -> list[Finding]:
    """Findings over the whole request's effects (see the module docstring); ``settlers``:
    the contracts that settle the request (EVM lower-case), the own accounts left out."""
    if not effects:
        return []
    orders: dict[int, list[Effect]] = {}
    outputs: list[Effect] = []
    gives: list[Effect] = []
    for e in effects:  # one pass: what each rule below reads
        order = e.order
        if order is not None and order != SWAP_ORDER:  # swaps: judged by their output
            orders.setdefault(order, []).append(e)
        if e.what in ("output", "fee") and e.counterparty is not None:
            outputs.append(e)
        own_give = e.kind is EffectKind.GIVES and e.own and order is None
        if own_give and e.asset is not None and e.counterparty:
            gives.append(e)
    tag = chain.tag
    held = _Settlers(chain, settlers)
    out: list[Finding] = []
    for index, members in orders.items():
        out += _order(tag, index, members, policy, held)
    if outputs:
        out += _outputs(tag, held, policy, outputs)
    if gives:
        out += _sweeps(tag, chain, policy, gives)
    return out
