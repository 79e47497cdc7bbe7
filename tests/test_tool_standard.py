"""LangChain's standard tool tests (``langchain-tests``) on guarded tools.

The wrapped tools must pass the same checks as any LangChain tool: an input schema matching
the example call, a valid ``ToolMessage`` for a tool call, no error for plain arguments —
sync and async. The refusing variants show a refusal is an ordinary tool result.
"""

from __future__ import annotations

import os
from typing import Any

from langchain_core.tools import BaseTool
from langchain_tests.integration_tests import ToolsIntegrationTests
from langchain_tests.unit_tests import ToolsUnitTests
from lc_agents import FRIEND, Wallet, wallet_guard

from aiegis_guard.callbacks import guard_tool


def _transfer() -> BaseTool:
    return guard_tool(Wallet().tools()[0], guard=wallet_guard())


def _save_note() -> BaseTool:
    return guard_tool(Wallet().tools()[3], guard=wallet_guard())


class TestGuardedTransferUnit(ToolsUnitTests):
    @property
    def tool_constructor(self) -> BaseTool:
        return _transfer()

    @property
    def tool_invoke_params_example(self) -> dict[str, Any]:
        return {"to": FRIEND, "amount": "0.1"}


class TestGuardedTransferIntegration(ToolsIntegrationTests):
    @property
    def tool_constructor(self) -> BaseTool:
        return _transfer()

    @property
    def tool_invoke_params_example(self) -> dict[str, Any]:
        return {"to": FRIEND, "amount": "0.1"}


class TestRefusedTransferIntegration(ToolsIntegrationTests):
    """A transfer to an unknown address, denied for want of approval."""

    @property
    def tool_constructor(self) -> BaseTool:
        return _transfer()

    @property
    def tool_invoke_params_example(self) -> dict[str, Any]:
        return {"to": "0x2222222222222222222222222222222222222222", "amount": "9"}


class TestBlockedNoteIntegration(ToolsIntegrationTests):
    """A note carrying a private key, blocked before the tool runs."""

    @property
    def tool_constructor(self) -> BaseTool:
        return _save_note()

    @property
    def tool_invoke_params_example(self) -> dict[str, Any]:
        return {"note": f"private key {'0x' + os.urandom(32).hex()}"}
