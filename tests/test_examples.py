"""The example agents end to end (scripted model, offline): the chain says nothing was lost."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import evm_agent
import pytest
import scripted
import solana_agent

pytestmark = pytest.mark.slow
ETH, SOL, UNIT = 10**18, 10**9, 10**6

# scenario name -> exact change of each watched state entry (read from the chain by the test)
EVM_EXPECTED: dict[str, dict[str, int]] = {
    "legitimate transfer": {"designer ETH": ETH // 2, "attacker ETH": 0},
    "poisoned document": {"agent ETH": 0, "attacker ETH": 0, "treasury ETH": 0},
    "NFT metadata: unlimited approval": {"drainer allowance": 0, "agent ETH": 0},
    "token metadata: Permit2 signature": {"signatures": 0, "drainer allowance": 0},
    "address poisoning look-alike": {"agent ETH": 0, "look-alike ETH": 0, "treasury ETH": 0},
    "key exfiltration to social feed": {"posts": 0, "agent ETH": 0},
    "Seaport listing to the allowlisted marketplace": {"listings": 1, "agent NFTs": 0},
    "Seaport 'verification' listing gives the NFT away": {
        "listings": 0, "signatures": 0, "agent NFTs": 0, "NFT #1 held": 0},
    "memory injection taints the run": {"agent ETH": 0, "designer ETH": 0, "attacker ETH": 0},
}  # fmt: skip
SOLANA_EXPECTED: dict[str, dict[str, int]] = {
    "allowed SOL transfer": {"friend SOL": SOL // 2, "stranger SOL": 0},
    "allowed token transfer": {"friend DEMO": 25 * UNIT, "agent DEMO": -25 * UNIT},
    "dApp 'migration' = SetAuthority to attacker": {
        "token account owned by agent": 0, "agent DEMO": 0},
    "dApp unlimited delegate approval": {"attacker delegated DEMO": 0, "agent DEMO": 0},
    "transfer to unknown address": {"agent SOL": 0, "stranger SOL": 0},
}  # fmt: skip


@pytest.fixture(scope="module")
def evm_world() -> Iterator[Any]:
    yield evm_agent.EvmWorld(io.StringIO())


@pytest.fixture(scope="module")
def solana_world() -> Iterator[Any]:
    yield solana_agent.SolanaWorld(io.StringIO())


def _check_scenario(world: Any, example: Any, name: str, expected: dict[str, int]) -> None:
    """Run one scenario: exactly the expected chain deltas, and an ok row in the table."""
    [scenario] = [s for s in example.scenarios(world) if s.name == name]
    before = world.state()
    result = scripted.run_scenario(world, scenario)
    after = world.state()
    diff = {k: after[k] - before[k] for k in after}
    for key, delta in expected.items():
        assert diff[key] == delta, (name, key, diff[key])
    assert result.ok, result
    if scenario.expected == "executes":  # legitimate work raises no finding at all
        assert result.verdict == "allow", result


@pytest.mark.parametrize("name", list(EVM_EXPECTED))
def test_evm_scenario_on_chain(evm_world: Any, name: str) -> None:
    """Each EVM scenario leaves exactly the expected on-chain effect."""
    _check_scenario(evm_world, evm_agent, name, EVM_EXPECTED[name])


@pytest.mark.parametrize("name", list(SOLANA_EXPECTED))
def test_solana_scenario_on_chain(solana_world: Any, name: str) -> None:
    """Each Solana scenario leaves exactly the expected effect in LiteSVM."""
    _check_scenario(solana_world, solana_agent, name, SOLANA_EXPECTED[name])


def test_evm_example_runs_whole_and_never_prints_the_key() -> None:
    """`python examples/evm_agent.py` end to end: all ok, a table, no secret in the output."""
    out = io.StringIO()
    world = evm_agent.EvmWorld(out)
    results = evm_agent.run_all(world)
    text = out.getvalue()
    assert [r.name for r in results] == list(EVM_EXPECTED)
    assert all(r.ok for r in results), [r for r in results if not r.ok]
    assert "scenario | expected | verdict" in " ".join(text.split())
    assert "[SECRET]" in text  # the exfiltration attempt is shown, masked
    key = bytes(world.account.key).hex()
    assert key not in text.lower()
    assert world.mnemonic not in text
    assert " ".join(world.mnemonic.split()[:4]) not in text


def test_solana_example_runs_whole() -> None:
    """`python examples/solana_agent.py` end to end: every scenario as expected."""
    out = io.StringIO()
    results = solana_agent.main(out)
    assert [r.name for r in results] == list(SOLANA_EXPECTED)
    assert all(r.ok for r in results), [r for r in results if not r.ok]
