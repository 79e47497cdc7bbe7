"""What a human approves is what is sent (review17 A1).

The approval request shows the payee whole (an address-poisoning look-alike shares only the
first and last characters the findings show), the amount before any long model-written text,
and says when something was cut. Real agents / signers: a guarded tool in ``create_agent`` and
an eth-account ``GuardedAccount``.
"""

from __future__ import annotations

from typing import Any

import pytest
from eth_account import Account
from langchain.agents import create_agent
from lc_agents import Recorder, call, scripted, turn
from test_red_team_calls import _recording

from aiegis_guard import Guard, GuardBlocked, Policy
from aiegis_guard.callbacks import GuardMiddleware, guard_tools
from aiegis_guard.signers.evm_account import GuardedAccount

# a payee the user knows: 0x28c6c06298d514db089934071355e5743bf21d60 (not allowlisted here:
# allowlisted, the look-alike below is BLOCKed as address poisoning)
LOOKALIKE = "0x28c6" + "5" * 32 + "1d60"  # shares the first and last four hex digits


@pytest.mark.parametrize("surface", ["tools", "middleware"])
def test_tool_approval_shows_payee_whole_and_amount_first(surface: str) -> None:
    """A 3 000-character note never pushes the payee or the amount out of the prompt."""
    asked = Recorder(False)
    guard = Guard(Policy(), classifier=False)  # the known payee is not allowlisted here
    args = {"note": "Refund for order 1234, as agreed. " * 90, "to": LOOKALIKE, "amount": "250"}
    ran: list[Any] = []
    tool = _recording("pay_invoice", args, ran)
    model = scripted(turn(call("pay_invoice", **args)))
    if surface == "tools":
        agent = create_agent(model, tools=guard_tools([tool], guard=guard, approver=asked))
    else:
        middleware = [GuardMiddleware(guard, approver=asked)]
        agent = create_agent(model, tools=[tool], middleware=middleware)
    agent.invoke({"messages": [{"role": "user", "content": "pay"}]})
    (request,) = asked.requests
    text = request.describe()
    assert LOOKALIKE in text and "amount: 250" in text
    assert "characters not shown" in text
    assert ran == []


def test_signer_approval_shows_the_counterparty_whole() -> None:
    """A signer's 'what it does' line names the counterparty in full, not ``0x28c6…1d60``."""
    asked = Recorder(False)
    account = Account.create()  # generated per test, never funded
    guard = Guard(Policy(), classifier=False)
    signer = GuardedAccount(account, guard=guard, approver=asked)
    tx = {"to": LOOKALIKE, "value": 10**18, "gas": 21000, "nonce": 0, "chainId": 1,
          "maxFeePerGas": 10**9, "maxPriorityFeePerGas": 1}  # fmt: skip
    with pytest.raises(GuardBlocked):
        signer.sign_transaction(tx)
    (request,) = asked.requests
    assert LOOKALIKE in request.describe().lower()
