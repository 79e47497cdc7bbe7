"""aiegis_guard — keeps LangChain wallet agents from being talked into losing their funds.

    from aiegis_guard import Guard
    verdict = Guard().check_text(tool_input, source="tool_input")
    if verdict.blocked: ...

The curated public surface is ``__all__`` (pinned by a test). Importing this package loads
neither LangChain, nor web3/solders, nor the classifier model; its names are imported on
first use (``aiegis_guard.Guard``, ``from aiegis_guard import Guard``), so that a submodule
(``aiegis_guard.cli``) starts without importing the rest.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_HOME = {  # public name -> the module defining it
    **dict.fromkeys(("Config", "load_config"), "config"),
    **dict.fromkeys(
        (
            "AiegisError",
            "ConfigError",
            "DecodeError",
            "EvmDecodeError",
            "GuardBlocked",
            "InputError",
            "LedgerError",
            "ModelError",
            "SolanaDecodeError",
        ),
        "errors",
    ),
    **dict.fromkeys(("Action", "Category", "Chain", "Finding", "Severity", "Source"), "findings"),
    "Guard": "guard",
    **dict.fromkeys(("Policy", "decide"), "policy"),
    "Verdict": "verdict",
}

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


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'aiegis_guard' has no attribute {name!r}")
    value = getattr(import_module(f"aiegis_guard.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
