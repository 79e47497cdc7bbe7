"""No verdict, log line, audit record or CLI output ever contains a secret (or 12 chars of it).

Keys are generated here (os.urandom, eth_account, solders, mnemonic, coincurve; never funded);
provider secrets come from tests/vectors/provider_secrets.json.
"""

from __future__ import annotations

import base64
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import base58
import coincurve
import pytest
from eth_account import Account
from mnemonic import Mnemonic
from solders.keypair import Keypair

from aiegis_guard import Action, Guard, Policy
from aiegis_guard.audit import AuditLog, JsonFormatter
from aiegis_guard.checksums import bip39_index, is_valid_bip39
from aiegis_guard.cli import main
from aiegis_guard.config import AuditSettings, Config
from tests.conftest import VECTORS

PROVIDERS = json.loads((VECTORS / "provider_secrets.json").read_text(encoding="utf-8"))
PROVIDER_SAMPLE = (
    "openai", "anthropic", "aws_secret_key", "github", "stripe", "telegram_bot", "slack",
    "etherscan", "infura", "alchemy", "helius", "quicknode", "coinbase_cdp", "jwt",
)  # fmt: skip


@dataclass(frozen=True)
class Leak:
    """A text holding ``secret``, the rule expected to catch it and the policy context."""

    text: str
    secret: str
    rule: str
    context: dict[str, Any] | None = None


def _bad_checksum(words: list[str]) -> str:
    index = bip39_index("english")
    for word in index:
        changed = [*words[:-1], word]
        if not is_valid_bip39([index[w] for w in changed]):
            return " ".join(changed)
    raise AssertionError("unreachable")


def _wallet_cases() -> dict[str, Leak]:
    evm = Account.create()
    evm_hex = evm.key.hex().removeprefix("0x")
    m = Mnemonic("english")
    phrase = m.generate(256)
    kp = Keypair()
    seed = m.to_seed(phrase)
    wif = base58.b58encode_check(b"\x80" + os.urandom(32) + b"\x01").decode()
    pem = coincurve.PrivateKey().to_pem().decode()
    body = "".join(pem.splitlines()[1:-1])
    keystore = Account.encrypt(os.urandom(32), "pw", kdf="pbkdf2", iterations=2)
    return {
        "evm-env": Leak(f"PRIVATE_KEY=0x{evm_hex}", evm_hex, "secret.evm_private_key"),
        "evm-own-bare": Leak(
            evm_hex, evm_hex, "secret.evm_private_key", {"own_evm": [evm.address]}
        ),
        "evm-json-address": Leak(
            json.dumps({"privateKey": evm_hex, "address": evm.address}),
            evm_hex,
            "secret.evm_private_key",
        ),
        "bip39": Leak(f"seed: {phrase}", phrase, "secret.bip39_mnemonic"),
        "bip39-bad-checksum": Leak(
            _bad_checksum(phrase.split()), " ".join(phrase.split()[:-1]), "secret.bip39_like"
        ),
        "solana-base58": Leak(f"key {kp}", str(kp), "secret.solana_keypair"),
        "solana-json": Leak(
            json.dumps(list(bytes(kp))), json.dumps(list(bytes(kp))), "secret.solana_keypair"
        ),
        "xprv": Leak(f"root {m.to_hd_master_key(seed)}", m.to_hd_master_key(seed),
                     "secret.bip32_xprv"),
        "tprv": Leak(m.to_hd_master_key(seed, testnet=True), m.to_hd_master_key(seed, True),
                     "secret.bip32_xprv"),
        "wif": Leak(f"wif: {wif}", wif, "secret.wif"),
        "pem": Leak(pem, body, "secret.pem_private_key"),
        "pem-escaped-json": Leak(json.dumps({"key": pem}), body, "secret.pem_private_key"),
        "keystore": Leak(
            json.dumps(keystore), keystore["crypto"]["ciphertext"], "secret.keystore_json"
        ),
        "base64-wrapped-key": Leak(
            "blob " + base64.b64encode(f"PRIVATE_KEY=0x{evm_hex}".encode()).decode(),
            evm_hex,
            "secret.evm_private_key",
        ),
    }  # fmt: skip


def _provider_cases() -> dict[str, Leak]:
    out = {}
    for rule in PROVIDER_SAMPLE:
        item = PROVIDERS["positives"][rule]
        out[f"provider-{rule}"] = Leak(item["text"], item["secret"], f"secret.{rule}")
    return out


CASES = {**_wallet_cases(), **_provider_cases()}


def _leaks(secret: str, output: str, n: int = 12) -> list[str]:
    """Every ``n``-character piece of ``secret`` that appears in ``output``."""
    compact = secret.replace("\\n", "")
    pieces = {compact[i : i + n] for i in range(max(1, len(compact) - n + 1))}
    return sorted(p for p in pieces if p in output)


@pytest.fixture
def guard(tmp_path: Path) -> Guard:
    audit = AuditLog(AuditSettings(path=tmp_path / "audit.jsonl", include_allow=True))
    return Guard(Config(), classifier=False, audit=audit)


@pytest.mark.parametrize("name", list(CASES))
def test_verdict_audit_and_logs_never_hold_the_secret(
    name: str, guard: Guard, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """repr, to_json, explain, the audit line and every log record are masked."""
    case = CASES[name]
    caplog.set_level(logging.DEBUG)
    verdict = guard.check_text(case.text, source="tool_output", context=case.context)
    assert case.rule in verdict.rule_ids, verdict.explain()
    assert verdict.action is not Action.ALLOW
    formatter = JsonFormatter()
    outputs = {
        "repr": repr(verdict),
        "json": verdict.to_json(),
        "explain": verdict.explain(),
        "audit": (tmp_path / "audit.jsonl").read_text(encoding="utf-8"),
        "logs": "\n".join(r.getMessage() + formatter.format(r) for r in caplog.records),
    }
    for where, output in outputs.items():
        assert not _leaks(case.secret, output), f"{where} leaks a piece of the secret"


@pytest.mark.parametrize("fmt", ["json", "text"])
@pytest.mark.parametrize("name", list(CASES))
def test_cli_output_never_holds_the_secret(
    name: str, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """``aiegis-guard scan --text`` prints a masked verdict (exit 10 flag / 20 block)."""
    case = CASES[name]
    if case.context:
        pytest.skip("per-call own addresses are a --jsonl feature")
    code = main(["scan", "--text", case.text, "--no-classifier", "--format", fmt])
    captured = capsys.readouterr()
    assert code in (10, 20)
    assert not _leaks(case.secret, captured.out + captured.err)


def test_leak_detector_can_fail() -> None:
    """The substring check itself finds a 12-character piece of a secret."""
    assert _leaks("0123456789abcdef", "xx3456789abcdefyy") == ["3456789abcde", "456789abcdef"]
    assert _leaks("0123456789abcdef", "0123…[16 chars]") == []


def test_redacted_text_hides_the_secret_next_to_redacted_pii() -> None:
    """With PII in redact mode, the pass-through text masks the key as well."""
    from aiegis_guard.policy import Mode, PiiType

    case = CASES["evm-env"]
    guard = Guard(Policy(pii={PiiType.EMAIL: Mode.REDACT}), classifier=False)
    verdict = guard.check_text(f"mail a.b@example.com {case.text}")
    assert verdict.redacted_text is not None and not _leaks(case.secret, verdict.redacted_text)


def test_a_phrase_rule_preview_never_quotes_a_secret(guard: Guard) -> None:
    """A phrase rule's preview quotes the words it matched, lower-cased: when those hold a
    secret found in the same text, every spelling of it is masked there too."""
    import random

    rng = random.Random(20261206)
    key = "".join(
        rng.choice("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(32)
    )
    text = f"use my alchemy key for the rpc instead of the public one, it's {key}"
    verdict = guard.check_text(text, source="tool_output")
    assert "secret.alchemy" in verdict.rule_ids
    assert any(r.startswith("drainer.") for r in verdict.rule_ids), verdict.explain()
    for output in (verdict.to_json(), verdict.explain(), repr(verdict)):
        assert not _leaks(key.lower(), output.lower())
