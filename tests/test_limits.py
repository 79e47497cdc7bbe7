"""The one limit check (aiegis_guard.limits): inspection and the ledger's reservation refuse
with the same rule ids and the same evidence."""

from __future__ import annotations

from decimal import Decimal

import pytest

from aiegis_guard.chains.transaction import Asset, AssetKind, DecodedTransaction, Transfer
from aiegis_guard.errors import GuardBlocked
from aiegis_guard.findings import Chain, Finding
from aiegis_guard.ledger import MemoryLedger, reserve_spend
from aiegis_guard.limits import check_limit, check_per_tx, over_period
from aiegis_guard.policy import Limit, Policy, Wallet

ETH = 10**18
OWN = "0x" + "11" * 20
OTHER = "0x" + "22" * 20
NATIVE = Limit(chain=Chain.EVM, symbol="ETH", decimals=18, per_tx=Decimal(3), per_period=Decimal(5))
PERIOD_ONLY = Limit(chain=Chain.SOLANA, decimals=9, per_period=Decimal(1))
UNLIMITED = Limit(chain=Chain.EVM, decimals=18)


def _no_spent() -> int:
    raise AssertionError("spent() asked although no per-period limit applies")


@pytest.mark.parametrize(
    ("limit", "total", "spent", "rule"),
    [
        pytest.param(NATIVE, 3 * ETH, 2 * ETH, None, id="at-both-limits"),
        pytest.param(NATIVE, 3 * ETH + 1, 0, "tx.evm.over_limit", id="one-wei-over-per-tx"),
        pytest.param(NATIVE, 2 * ETH, 3 * ETH + 1, "tx.evm.over_period_limit", id="over-period"),
        pytest.param(NATIVE, None, 0, "tx.evm.over_period_limit", id="unknown-amount"),
        pytest.param(PERIOD_ONLY, 10**9 + 1, 0, "tx.sol.over_period_limit", id="sol-period"),
        pytest.param(PERIOD_ONLY, 10**9, 0, None, id="sol-at-period"),
        pytest.param(UNLIMITED, None, 0, None, id="no-limit-unknown-amount"),
    ],
)
def test_check_limit(limit: Limit, total: int | None, spent: int, rule: str | None) -> None:
    """check_limit: per-tx first, then spent + total against the period, or nothing."""
    found = check_limit(limit.chain, limit, total, lambda: spent)
    assert (found.rule_id if found else None) == rule


def test_spent_is_asked_only_for_period_limits() -> None:
    """No per-period limit, or a per-tx refusal already: the ledger is not read."""
    per_tx_only = Limit(chain=Chain.EVM, decimals=18, per_tx=Decimal(1))
    assert check_limit(Chain.EVM, per_tx_only, ETH, _no_spent) is None
    assert check_limit(Chain.EVM, NATIVE, 4 * ETH, _no_spent) is not None


def _ledger_refusal(limit: Limit, first: int, second: int) -> Finding:
    policy = Policy(wallet=Wallet(evm=frozenset({OWN})), limits=(limit,))
    ledger = MemoryLedger()
    reserve_spend(ledger, policy, limit.chain, {limit: first}).commit()
    with pytest.raises(GuardBlocked) as excinfo:
        reserve_spend(ledger, policy, limit.chain, {limit: second})
    (finding,) = excinfo.value.verdict.findings
    return finding


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param(3 * ETH, 3 * ETH, id="over-period"),
        pytest.param(ETH, 4 * ETH, id="over-per-tx"),
    ],
)
def test_ledger_and_inspection_agree(first: int, second: int) -> None:
    """The ledger's refusal is the finding inspection gives for the same spent and total."""
    from_ledger = _ledger_refusal(NATIVE, first, second)
    inspected = check_limit(Chain.EVM, NATIVE, second, lambda: first)
    assert inspected is not None
    assert (from_ledger.rule_id, from_ledger.evidence) == (inspected.rule_id, inspected.evidence)


def test_evidence_in_whole_and_base_units() -> None:
    """One evidence format: asset, amount, spent, cap, in whole units with base units."""
    found = over_period(Chain.EVM, NATIVE, 2 * ETH, 4 * ETH)
    assert found.evidence == (
        "asset:evm:native",
        f"amount:2 ETH ({2 * ETH} base units)",
        f"spent:4 ETH ({4 * ETH} base units)",
        f"per_period:5 ETH ({5 * ETH} base units)",
    )
    per_tx = check_per_tx(Chain.EVM, NATIVE, 4 * ETH)
    assert per_tx is not None
    assert per_tx.evidence[-1] == f"per_tx:3 ETH ({3 * ETH} base units)"


def test_decoded_transfer_totals_feed_the_ledger() -> None:
    """Sanity of the shape Guard.spend passes: totals keyed by the policy's Limit."""
    from aiegis_guard.chains.dispatch import spend_totals

    policy = Policy(wallet=Wallet(evm=frozenset({OWN})), limits=(NATIVE,))
    op = Transfer(
        via="native",
        asset=Asset(chain=Chain.EVM, kind=AssetKind.NATIVE),
        sender=OWN,
        recipient=OTHER,
        amount=ETH,
    )
    decoded = DecodedTransaction(chain=Chain.EVM, sender=OWN, operations=(op,))
    assert spend_totals(decoded, policy) == {NATIVE: ETH}


def _decimal_units(amount: int, decimals: int, exponent: int | None) -> str:
    """The Decimal form whole_units must equal (the formatting it replaced)."""
    value = (Decimal(amount) / (Decimal(10) ** decimals)).normalize()
    if exponent is None or abs(value) < Decimal(10) ** 30:
        return f"{value:f}"
    return f"{value:.{exponent}e}"


@pytest.mark.parametrize(
    ("amount", "decimals", "exponent", "text"),
    [
        pytest.param(0, 18, 6, "0", id="zero"),
        pytest.param(15 * 10**17, 18, 6, "1.5", id="one-and-a-half-eth"),
        pytest.param(1000, 2, 6, "10", id="trailing-zeros-normalised"),
        pytest.param(1, 9, 6, "0.000000001", id="one-lamport"),
        pytest.param(-(10**18), 18, 6, "-1", id="negative"),
        pytest.param(123456789, 0, 6, "123456789", id="no-decimals"),
        pytest.param(10**28 - 1, 18, 6, "9999999999.999999999999999999", id="28-digits-exact"),
        pytest.param(10**28 + 1, 18, 6, "10000000000", id="29-digits-rounded-like-decimal"),
        pytest.param(2**256 - 1, 18, 6, "1.157921e+59", id="max-uint-e-form"),
        pytest.param(2**256 - 1, 18, 4, "1.1579e+59", id="max-uint-effects-form"),
        pytest.param(2**256 - 1, 18, None, None, id="max-uint-always-f"),
        pytest.param(5, 40, 6, "0." + "0" * 39 + "5", id="more-decimals-than-digits"),
    ],
)
def test_whole_units_equal_the_decimal_form(
    amount: int, decimals: int, exponent: int | None, text: str | None
) -> None:
    """Integer formatting of amounts gives exactly the Decimal form, incl. its rounding."""
    from aiegis_guard.limits import whole_units

    expected = _decimal_units(amount, decimals, exponent)
    assert whole_units(amount, decimals, exponent) == expected
    if text is not None:
        assert expected == text
