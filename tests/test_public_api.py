"""The public surface is a contract: pinned here."""

from __future__ import annotations

import subprocess
import sys

import aiegis_guard

EXPECTED = {
    "Action", "AiegisError", "Category", "Chain", "Config", "ConfigError", "DecodeError",
    "EvmDecodeError", "Finding", "Guard", "GuardBlocked", "InputError", "LedgerError",
    "ModelError", "Policy", "Severity", "SolanaDecodeError", "Source", "Verdict",
    "__version__", "decide", "load_config",
}  # fmt: skip


def test_all_is_pinned() -> None:
    """__all__ lists exactly the curated names, and each exists."""
    assert set(aiegis_guard.__all__) == EXPECTED
    for name in aiegis_guard.__all__:
        assert hasattr(aiegis_guard, name)


def test_import_is_light() -> None:
    """Importing the package loads no LangChain, chain SDK or model runtime."""
    code = (
        "import sys, aiegis_guard; "
        "heavy = [m for m in sys.modules if m.split('.')[0] in "
        "('langchain', 'langchain_core', 'langgraph', 'web3', 'eth_account', 'solders', "
        "'onnxruntime', 'tokenizers')]; print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_exception_tree() -> None:
    """Every exception derives from AiegisError."""
    for name in (
        "ConfigError",
        "DecodeError",
        "EvmDecodeError",
        "SolanaDecodeError",
        "InputError",
        "ModelError",
        "LedgerError",
        "GuardBlocked",
    ):
        assert issubclass(getattr(aiegis_guard, name), aiegis_guard.AiegisError)
    assert issubclass(aiegis_guard.EvmDecodeError, aiegis_guard.DecodeError)
