"""What a tool call means to move: recipients, amounts and assets read from its arguments.

No LangChain here. A call is value-moving when its arguments (or its schema's field names)
carry a recipient-like field (``to``, ``recipient``, ``payee``, ``destination``, ``spender``…)
and an amount-like field (``amount``, ``value``, ``qty``, ``lamports``…) — whatever the tool
is called. Its recipients are read in every encoding an attacker may try (``0x`` or not,
split by spaces or dashes, any case, an integer, Solana base58) and normalised; a name-service
recipient (``vitalik.eth``, ``bonfida.sol``, any dotted name) cannot be resolved offline and
is an unknown recipient until resolved and allowlisted. Amounts are parsed with their units
(``"5000"``, ``"5000 ETH"``, ``"1e21 wei"``, ``"250 gwei"``, ``"1.5 SOL"``, ``"100 USDC"`` for
a ``[[limits]]`` entry with ``symbol = "USDC"``); a bare number is in whole units of the asset.
The asset is the amount's unit, else a field named as one (``token``, ``asset``, ``denom``,
``unit``, ``erc20``, ``contract``…), else any other field whose value is a configured asset (a
``[[limits]]`` symbol or token address, whatever its key: an asset under a key nobody listed
is never an unnamed one), else the tool's name.

:func:`read_intent` turns the call into a :class:`~aiegis_guard.chains.transaction.
DecodedTransaction` of ``Transfer`` operations, judged by the same chain inspectors (unknown
/ look-alike / threat recipients, per-transaction and per-period limits) and reserved in the
same spend ledger as a signed transaction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal, InvalidOperation
from typing import Any

from aiegis_guard.chains.amounts import native_decimals
from aiegis_guard.chains.transaction import Asset, AssetKind, DecodedTransaction, Transfer
from aiegis_guard.findings import Chain
from aiegis_guard.policy import Limit, Policy, is_evm_address, is_solana_address

__all__ = ["Intent", "fields_move_value", "key_words", "read_intent"]

_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")
RECIPIENT_WORDS = frozenset({
    "to", "recipient", "recipients", "receiver", "destination", "dest", "dst", "payee",
    "beneficiary", "address", "addr", "target", "spender", "operator", "delegate", "delegatee",
    "wallet", "account", "counterparty", "whom", "payto", "toaddress", "receiving",
})  # fmt: skip
AMOUNT_WORDS = frozenset({
    "amount", "amounts", "value", "qty", "quantity", "sum", "total", "lamports", "wei", "gwei",
    "sats", "allowance", "funds", "units", "eth", "sol", "payment",
})  # fmt: skip
# words that make a field the asset or the payer, not the recipient (``token_address``)
NOT_RECIPIENT = frozenset({
    "token", "mint", "asset", "contract", "currency", "coin", "from", "sender", "owner",
    "source", "src", "payer", "chain", "network", "fee", "gas", "my", "own", "self", "change",
})  # fmt: skip
ASSET_WORDS = frozenset({
    "token", "mint", "asset", "currency", "coin", "symbol", "ticker", "denom", "denomination",
    "unit", "erc20", "spl", "jetton", "contract", "ccy",
})  # fmt: skip
TOKEN_WORDS = frozenset({"token", "tokens", "erc20", "spl", "nft", "erc721", "erc1155", "jetton"})
_AMOUNT_RE = re.compile(
    r"\s*\+?(?P<num>\d[\d_,]*(?:\.\d*)?|\.\d+)(?:e(?P<exp>[+-]?\d{1,4}))?\s*(?P<unit>[a-z][a-z0-9]*)?\s*",
    re.IGNORECASE,
)
# a prefixed integer (hex is how every JSON-RPC quantity is written); its number is read with
# the same unit rule as the decimal spelling (whole units unless the field says wei / lamports):
# a spelling never reads smaller than the number it means
_PREFIXED_INT = re.compile(r"\s*\+?(0x[0-9a-f_]+|0o[0-7_]+|0b[01_]+)\s*", re.IGNORECASE)
_SEPARATORS = re.compile(r"[\s\-_.:,/|]+")
_EVM_ANY = re.compile(r"(?:0x)?([0-9a-f]{40})", re.IGNORECASE)
_EVM_EMBEDDED = re.compile(r"(?<![0-9a-z])0x([0-9a-f]{40})(?![0-9a-f])", re.IGNORECASE)
# unit -> (chain, decimals) for the native assets
_NATIVE_UNITS = {
    "wei": (Chain.EVM, 0),
    "gwei": (Chain.EVM, 9),
    "eth": (Chain.EVM, 18),
    "ether": (Chain.EVM, 18),
    "lamport": (Chain.SOLANA, 0),
    "lamports": (Chain.SOLANA, 0),
    "sol": (Chain.SOLANA, 9),
}


def key_words(key: str) -> set[str]:
    words = {w.lower() for w in _WORD.findall(key)}
    return words | {key.lower().replace("_", "").replace("-", "")}


def _is_recipient_key(key: str) -> bool:
    words = key_words(key)
    return bool(words & RECIPIENT_WORDS) and not words & NOT_RECIPIENT


def _is_amount_key(key: str) -> bool:
    words = key_words(key)
    return bool(words & AMOUNT_WORDS) and not words & {"fee", "gas", "min", "slippage"}


def fields_move_value(names: Iterable[str]) -> bool:
    """Does a schema with these field names take a recipient and an amount?"""
    names = list(names)
    return any(_is_recipient_key(n) for n in names) and any(_is_amount_key(n) for n in names)


@dataclass
class Intent:
    """The recipients, amounts and asset a call names (from its leaves)."""

    recipients: list[Any] = field(default_factory=list)
    amounts: list[tuple[str, Any]] = field(default_factory=list)
    assets: list[Any] = field(default_factory=list)
    # a configured asset (a [[limits]] symbol or address) named under a key not read as one
    hinted: list[str] = field(default_factory=list)
    unparsed: list[str] = field(default_factory=list)  # why an amount could not be read
    tool: str = ""
    decoded: list[DecodedTransaction] = field(default_factory=list)

    @property
    def moves_value(self) -> bool:
        return bool(self.recipients) and bool(self.amounts)


def _field(path: str) -> tuple[str, str]:
    """(parent path, field name) of a leaf path; list indexes belong to their field."""
    parts = path.split(".")
    while len(parts) > 1 and parts[-1].startswith("["):
        parts.pop()
    return ".".join(parts[:-1]), parts[-1]


def read_intent(
    leaves: Iterable[tuple[str, Any]], policy: Policy, tool: str, *, value_moving: bool = False
) -> Intent:
    """Recipients / amounts / asset among a call's leaves, and the transfers they mean.

    Leaves are grouped by their parent (``payouts[0].to`` with ``payouts[0].amount``); a
    group with recipients but no amount takes the amounts given outside any recipient group.
    A call that is ``value_moving`` (by its tool's name) and names a recipient whose amount
    cannot be read (a field called ``amt``, one ``"0x…,100"`` string) is a value move that
    cannot be bounded: it leaves a reason in ``unparsed`` (FLAG) while limits are configured.
    """
    intent = Intent(tool=tool)
    groups: dict[str, Intent] = {}
    leaves = list(leaves)
    if value_moving and len(leaves) == 1 and leaves[0][0] == "" and isinstance(leaves[0][1], str):
        leaves = _positional(leaves[0][1])  # a single-string tool input: "address,amount"
    for path, value in leaves:
        parent, key = _field(path)
        if value is None or value == "" or isinstance(value, bool):
            continue
        group = groups.setdefault(parent, Intent())
        if _is_recipient_key(key):
            group.recipients.append(value)
            intent.recipients.append(value)
        elif _is_amount_key(key):
            group.amounts.append((key, value))
            intent.amounts.append((key, value))
        elif key_words(key) & ASSET_WORDS:
            intent.assets.append(value)
        elif isinstance(value, str) and _names_limited_asset(policy, value):
            intent.hinted.append(value)  # whatever the key: never an unnamed asset
    if not intent.moves_value:
        if value_moving and intent.recipients and policy.limits:
            intent.unparsed.append("no amount field read beside the recipient")
        return intent
    loose = [a for g in groups.values() if not g.recipients for a in g.amounts]
    by_chain: dict[Chain, list[Transfer]] = {}
    for group in groups.values():
        if group.recipients:
            amounts = group.amounts or loose or intent.amounts
            for op in _transfers(intent, group.recipients, amounts, policy, tool):
                by_chain.setdefault(op.asset.chain, []).append(op)
    # one transaction per chain: a call's transfers add up against a per-transaction limit
    intent.decoded = [
        DecodedTransaction(chain=chain, tx_type="tool_call", operations=tuple(ops))
        for chain, ops in by_chain.items()
    ]
    return intent


def _positional(text: str) -> list[tuple[str, Any]]:
    """A one-string input read as its parts (``"0x…,100"``, ``"0x… 1.5 ETH"``): each part
    that is an address is a recipient, each that is an amount an amount."""
    parts = [p for p in re.split(r"[,;|\n\t]+", text) if p.strip()]
    if len(parts) == 1:
        parts = [p for p in re.split(r"\s+(?=0x|\d)", text.strip()) if p.strip()]
    out: list[tuple[str, Any]] = []
    for part in parts:
        if normalise_recipient(part) is not None:
            out.append(("to", part))
        elif parse_amount(part) is not None:
            out.append(("amount", part))
        elif _EVM_EMBEDDED.search(part) or is_solana_address(part.strip()):
            out.append(("to", part))
    return out


# --- recipients -----------------------------------------------------------------------------


def normalise_recipient(value: Any) -> tuple[Chain, str] | None:
    """``(chain, canonical address)`` for any encoding of an address, else None."""
    if isinstance(value, int) and not isinstance(value, bool):
        return (Chain.EVM, f"0x{value:040x}") if 0 < value < 1 << 160 else None
    if not isinstance(value, str):
        return None
    text = value.strip()
    if is_solana_address(text):
        return Chain.SOLANA, text
    compact = _SEPARATORS.sub("", text)
    match = _EVM_ANY.fullmatch(compact) or _EVM_EMBEDDED.search(text)
    if match is not None:  # 0x or not, spaced, any case, or inside a URI (ethereum:0x…@1)
        return Chain.EVM, "0x" + match.group(1).lower()
    if compact.isdigit() and len(compact) >= 30:
        number = int(compact)
        return (Chain.EVM, f"0x{number:040x}") if 0 < number < 1 << 160 else None
    if is_solana_address(compact):
        return Chain.SOLANA, compact
    return None


def _name_chain(name: str) -> Chain:
    return Chain.SOLANA if name.lower().endswith(".sol") else Chain.EVM


# --- amounts ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Amount:
    number: Decimal
    unit: str | None  # lower-case unit / symbol as written, None for a bare number


def parse_amount(value: Any) -> _Amount | None:
    """A number with an optional unit (``"1e21 wei"``, ``"5,000 ETH"``, ``0.5``)."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        number = Decimal(str(value))
        return _Amount(number, None) if number.is_finite() and number >= 0 else None
    if not isinstance(value, str):
        return None
    prefixed = _PREFIXED_INT.fullmatch(value)
    if prefixed is not None:  # 0x… / 0o… / 0b…: an integer, as int(x, 0) and the chains read it
        try:
            return _Amount(Decimal(int(prefixed.group(1), 0)), None)
        except ValueError:
            return None
    match = _AMOUNT_RE.fullmatch(value)
    if match is None:
        return None
    digits = match.group("num").replace(",", "").replace("_", "")
    try:
        number = Decimal(digits) * (Decimal(10) ** int(match.group("exp") or 0))
    except InvalidOperation:
        return None
    unit = match.group("unit")
    return _Amount(number, unit.lower() if unit else None)


def _symbol_key(symbol: str) -> str:
    """A ticker as people write it: ``$USDC``, ``usdc``, `` USDC `` are one symbol."""
    return re.sub(r"[^0-9a-z]", "", symbol.casefold())


def _limit_by_symbol(policy: Policy, symbol: str) -> Limit | None:
    key = _symbol_key(symbol)
    return next((lim for lim in policy.limits if key and _symbol_key(lim.symbol) == key), None)


def _names_limited_asset(policy: Policy, value: str) -> bool:
    """Is ``value`` a configured asset: a ``[[limits]]`` symbol or token address?"""
    text = value.strip()
    if len(text) > 64 or not policy.limits:
        return False
    evm = is_evm_address(text)
    if evm or is_solana_address(text):
        key = text.lower() if evm else text
        return any(lim.asset == key for lim in policy.limits)  # stored lower-case (EVM)
    return _limit_by_symbol(policy, text) is not None


def _asset_of(intent: Intent, policy: Policy, chain: Chain, unit: str | None) -> Asset:
    """The asset moved: from the amount's unit, else the call's token field, else the tool's
    name (``transfer_usdc``: a configured symbol; ``transfer_token``: some token), else native."""
    named = unit or next(
        (str(a).strip() for a in [*intent.assets, *intent.hinted] if isinstance(a, str)), None
    )
    if named is None:
        words = key_words(intent.tool)
        named = next((w for w in words if _limit_by_symbol(policy, w) is not None), None)
        if named is None and words & TOKEN_WORDS:
            return Asset(chain=chain, kind=AssetKind.UNKNOWN)  # which token: not in the call
    native = _symbol_key(named) if named is not None else "native"
    if named is None or native == "native" or native in _NATIVE_UNITS:
        if native in _NATIVE_UNITS:
            chain = _NATIVE_UNITS[native][0]
        return Asset(chain=chain, kind=AssetKind.NATIVE, decimals=native_decimals(chain))
    if is_evm_address(named) or is_solana_address(named):
        token_chain = Chain.EVM if is_evm_address(named) else Chain.SOLANA
        limit = policy.limit_for(token_chain, named)
        decimals = limit.decimals if limit is not None else None
        return Asset(chain=token_chain, kind=AssetKind.FUNGIBLE, address=named, decimals=decimals)
    limit = _limit_by_symbol(policy, named)
    if limit is None:  # a symbol nobody configured: its value is unknown
        return Asset(chain=chain, kind=AssetKind.UNKNOWN, symbol=named[:16])
    kind = AssetKind.NATIVE if limit.asset == "native" else AssetKind.FUNGIBLE
    address = None if limit.asset == "native" else limit.asset
    return Asset(
        chain=limit.chain,
        kind=kind,
        address=address,
        symbol=limit.symbol,
        decimals=limit.decimals,
    )


def _units(value: Decimal) -> int:
    """Whole base units, rounded up: a fraction of a wei still moves value (never 0)."""
    return int(value.to_integral_value(rounding=ROUND_CEILING))


def _base_units(amount: _Amount, unit_key: str, asset: Asset) -> int | None:
    """Base units: a wei / lamports unit (or field name) is already base units."""
    unit = amount.unit or ""
    words = key_words(unit_key)
    if unit in _NATIVE_UNITS:
        return _units(amount.number * (Decimal(10) ** _NATIVE_UNITS[unit][1]))
    if not unit and words & {"wei", "lamports"}:
        return _units(amount.number)
    if not unit and "gwei" in words:
        return _units(amount.number * Decimal(10) ** 9)
    if asset.decimals is None:
        return None
    return _units(amount.number * (Decimal(10) ** asset.decimals))


def _transfers(
    intent: Intent,
    recipients: list[Any],
    amounts: list[tuple[str, Any]],
    policy: Policy,
    tool: str,
) -> list[Transfer]:
    """One Transfer per recipient and asset: the amounts of its group in one asset add up; an
    amount in another unit is its own transfer (``"value": "0 ETH"`` never re-labels the
    ``"1000000 USDC"`` beside it)."""
    out: list[Transfer] = []
    for recipient in recipients:
        found = normalise_recipient(recipient)
        if found is None:
            name = str(recipient).strip()
            if not name:
                continue
            chain, address = _name_chain(name), name  # unresolved name: never allowlisted
        else:
            chain, address = found
        by_asset: dict[tuple[Any, ...], tuple[Asset, int | None]] = {}
        for key, value in amounts:
            parsed = parse_amount(value)
            # unreadable: the call's asset (token field, tool name, else native), unknown amount
            asset = _asset_of(intent, policy, chain, parsed.unit if parsed else None)
            units = _base_units(parsed, key, asset) if parsed else None
            if parsed is None:  # (a token of unknown decimals: an unknown amount, not a FLAG)
                intent.unparsed.append(f"amount {key} unreadable")
            if asset.kind is AssetKind.UNKNOWN and asset.symbol and policy.limits:
                # a symbol no entry names may be a limited asset spelled another way (USDC.e,
                # "usd"); a call that names no asset (transfer_token) is left to the signer
                intent.unparsed.append(f"asset {asset.symbol!r} of {key} has no [[limits]] entry")
            slot = (asset.chain, asset.kind, asset.address, asset.symbol)
            _, total = by_asset.get(slot, (asset, 0))
            by_asset[slot] = (asset, None if total is None or units is None else total + units)
        via = f"tool:{tool}"[:80]
        out += [
            Transfer(via=via, asset=asset, sender=None, recipient=address, amount=total)
            for asset, total in by_asset.values()
        ]
    return out
