"""The one spend-limit check, shared by transaction inspection and the spend ledger.

``tx.<tag>.over_limit``          this transaction's total of an asset exceeds ``per_tx``
``tx.<tag>.over_period_limit``   spent-in-period + this transaction exceeds ``per_period``, or
                                 the amount of a limited asset cannot be known

Inspection (``chains/inspect.py``) reads what was spent from the ledger; the ledger's
reservation (``Guard.spend``) checks the per-transaction limit here and the period atomically
in the backend, then reports a refusal with :func:`over_period`. Same rule ids, same evidence::

    asset:evm:native  amount:1.5 ETH (1500000000000000000 base units)
    [spent:… ]  per_tx:… | per_period:…
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from aiegis_guard.findings import Action, Category, Chain, Finding, Severity
from aiegis_guard.policy import Limit

__all__ = ["check_limit", "check_per_tx", "format_amount", "over_period", "whole_units"]


_EXACT = 10**28  # Decimal's default precision: a quotient of fewer digits is exact


def whole_units(amount: int, decimals: int, exponent: int | None = 6) -> str:
    """``amount / 10**decimals`` as Decimal's normalised ``f`` form ("1.5", "10", "0.001"),
    or with ``exponent`` digits in ``e`` form from 10^30 on: in integers where Decimal's
    division is exact (the common case, ~4x cheaper)."""
    if decimals >= 0 and -_EXACT < amount < _EXACT:
        whole, frac = divmod(abs(amount), 10**decimals)
        digits = str(frac).rjust(decimals, "0").rstrip("0") if frac else ""
        sign = "-" if amount < 0 else ""
        return f"{sign}{whole}.{digits}" if digits else f"{sign}{whole}"
    value = (Decimal(amount) / (Decimal(10) ** decimals)).normalize()
    if exponent is None or abs(value) < Decimal(10) ** 30:
        return f"{value:f}"
    return f"{value:.{exponent}e}"


def format_amount(amount: int | None, decimals: int | None, symbol: str | None = None) -> str:
    """``amount:1.5 ETH (1500000000000000000 base units)`` where decimals are known."""
    if amount is None:
        return "amount:unknown"
    if decimals is None:
        return f"amount:{amount} base units"
    unit = f" {symbol}" if symbol else ""
    return f"amount:{whole_units(amount, decimals)}{unit} ({amount} base units)"


def _units(limit: Limit, label: str, amount: int) -> str:
    return format_amount(amount, limit.decimals, limit.symbol or None).replace(
        "amount:", f"{label}:", 1
    )


def _refused(chain: Chain, rule: str, limit: Limit, message: str, *evidence: str) -> Finding:
    return Finding(
        rule_id=f"tx.{chain.tag}.{rule}",
        category=Category.TRANSACTION,
        severity=Severity.HIGH,
        action=Action.BLOCK,
        message=message,
        evidence=(f"asset:{limit.key}", *evidence),
    )


def check_per_tx(chain: Chain, limit: Limit, total: int | None) -> Finding | None:
    """An unknown amount of a limited asset, or a total over ``per_tx``; else None."""
    if limit.per_tx is None and limit.per_period is None:
        return None
    if total is None:
        msg = f"{limit.key}: amount cannot be known; a limited asset needs a known amount"
        return _refused(chain, "over_period_limit", limit, msg, "amount:unknown")
    per_tx = limit.per_tx_units
    if per_tx is not None and total > per_tx:
        this_tx = _units(limit, "amount", total)
        msg = f"{limit.key}: {this_tx.removeprefix('amount:')} exceeds the per-tx limit"
        return _refused(chain, "over_limit", limit, msg, this_tx, _units(limit, "per_tx", per_tx))
    return None


def over_period(chain: Chain, limit: Limit, total: int, spent: int) -> Finding:
    """``total`` on top of ``spent`` goes over ``limit.per_period``."""
    cap = limit.per_period_units or 0
    msg = f"{limit.key}: spending over the per-period limit ({limit.period}, sliding window)"
    return _refused(
        chain,
        "over_period_limit",
        limit,
        msg,
        _units(limit, "amount", total),
        _units(limit, "spent", spent),
        _units(limit, "per_period", cap),
    )


def check_limit(
    chain: Chain, limit: Limit, total: int | None, spent: Callable[[], int]
) -> Finding | None:
    """The whole check; ``spent()`` is asked only when a per-period limit applies."""
    found = check_per_tx(chain, limit, total)
    per_period = limit.per_period_units
    if found is not None or total is None or per_period is None:
        return found
    already = spent()
    return over_period(chain, limit, total, already) if already + total > per_period else None
