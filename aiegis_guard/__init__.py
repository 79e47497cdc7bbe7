"""aiegis_guard — keeps LangChain wallet agents from being talked into losing their funds.

    from aiegis_guard import Guard
    verdict = Guard().check_text(tool_input, source="tool_input")
    if verdict.blocked: ...

The curated public surface is ``__all__`` (pinned by a test). Importing this package loads
neither LangChain, nor web3/solders, nor the classifier model.
"""

from __future__ import annotations

from aiegis_guard.config import Config, load_config
from aiegis_guard.errors import (
    AiegisError,
    ConfigError,
    DecodeError,
    EvmDecodeError,
    GuardBlocked,
    InputError,
    LedgerError,
    ModelError,
    SolanaDecodeError,
)
from aiegis_guard.findings import Action, Category, Chain, Finding, Severity, Source
from aiegis_guard.guard import Guard
from aiegis_guard.policy import Policy, decide
from aiegis_guard.verdict import Verdict

__version__ = "0.1.0"

__all__ = [
    "Action",
    "AiegisError",
    "Category",
    "Chain",
    "Config",
    "ConfigError",
    "DecodeError",
    "EvmDecodeError",
    "Finding",
    "Guard",
    "GuardBlocked",
    "InputError",
    "LedgerError",
    "ModelError",
    "Policy",
    "Severity",
    "SolanaDecodeError",
    "Source",
    "Verdict",
    "__version__",
    "decide",
    "load_config",
]
