"""``aiegis-guard inspect-tx``: every payload form on stdin, JSONL batches, exit codes.

Exit codes as ``scan``: 0 allow, 10 flag, 20 block, 2 usage error. Payloads are built here
with eth-account / solders from keys generated per run (never funded, never printed).
"""

from __future__ import annotations

import base64
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from eth_account import Account
from eth_utils import to_checksum_address
from solders.hash import Hash
from solders.keypair import Keypair
from solders.message import Message, MessageV0
from solders.system_program import TransferParams, transfer
from solders.transaction import Transaction, VersionedTransaction

from aiegis_guard.cli import main

ACCOUNT = Account.create()
OWN = ACCOUNT.address
PAYEE = "0x" + "22" * 20
DRAINER = to_checksum_address("0x80d7bb18521acbef32d7906502ebe94928690e93")  # Forta-listed
USDC = "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48"
TX = {"to": to_checksum_address(PAYEE), "value": 10**16, "chainId": 1, "nonce": 0, "gas": 21000,
      "maxFeePerGas": 10**9, "maxPriorityFeePerGas": 10**9}  # fmt: skip
PERMIT = {
    "types": {
        "EIP712Domain": [{"name": "name", "type": "string"}, {"name": "version", "type": "string"},
                         {"name": "chainId", "type": "uint256"},
                         {"name": "verifyingContract", "type": "address"}],
        "Permit": [{"name": "owner", "type": "address"}, {"name": "spender", "type": "address"},
                   {"name": "value", "type": "uint256"}, {"name": "nonce", "type": "uint256"},
                   {"name": "deadline", "type": "uint256"}],
    },
    "primaryType": "Permit",
    "domain": {"name": "USD Coin", "version": "2", "chainId": 1, "verifyingContract": USDC},
    "message": {"owner": OWN, "spender": "0x" + "33" * 20, "value": str(2**256 - 1), "nonce": 0,
                "deadline": 2**40},
}  # fmt: skip


def raw_tx(**changes: Any) -> str:
    return "0x" + ACCOUNT.sign_transaction({**TX, **changes}).raw_transaction.hex().removeprefix(
        "0x"
    )


def solana_tx(v0: bool = False) -> str:
    payer = Keypair()
    ix = transfer(
        TransferParams(from_pubkey=payer.pubkey(), to_pubkey=Keypair().pubkey(), lamports=10**6)
    )
    if v0:
        msg = MessageV0.try_compile(payer.pubkey(), [ix], [], Hash.default())
        return base64.b64encode(bytes(VersionedTransaction(msg, [payer]))).decode()
    legacy = Message.new_with_blockhash([ix], payer.pubkey(), Hash.default())
    return base64.b64encode(bytes(Transaction([payer], legacy, Hash.default()))).decode()


def run(argv: list[str], stdin: str, monkeypatch: pytest.MonkeyPatch, capsys: Any) -> Any:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(["inspect-tx", "--no-classifier", *argv])
    return code, capsys.readouterr()


@pytest.mark.parametrize(
    ("chain", "payload", "code", "rule"),
    [
        pytest.param("evm", json.dumps({**TX, "from": OWN}), 10, "tx.evm.unknown_recipient",
                     id="evm-dict"),
        pytest.param("evm", raw_tx(), 10, "tx.evm.unknown_recipient", id="raw-signed-rlp"),
        pytest.param("evm", raw_tx(to=DRAINER), 20, "tx.evm.threat_address", id="raw-to-drainer"),
        pytest.param("evm", json.dumps({"typed_data": PERMIT}), 20, "tx.evm.unlimited_approval",
                     id="typed-data-permit"),
        pytest.param(None, json.dumps(PERMIT), 20, "tx.evm.unlimited_approval",
                     id="bare-typed-data"),
        pytest.param("evm", json.dumps({"method": "eth_signTypedData_v4",
                                        "params": [OWN, json.dumps(PERMIT)]}),
                     20, "tx.evm.unlimited_approval", id="json-rpc-sign-typed-data"),
        pytest.param("evm", json.dumps({"method": "eth_sendRawTransaction",
                                        "params": [raw_tx(to=DRAINER)]}),
                     20, "tx.evm.threat_address", id="json-rpc-send-raw"),
        pytest.param("evm", json.dumps({"eth_sign": "0x" + "ab" * 32}), 20,
                     "tx.evm.blind_signature", id="eth-sign-bare-hash"),
        pytest.param("evm", json.dumps({"personal_sign": "Sign in to example.org"}), 0, None,
                     id="benign-personal-sign"),
        pytest.param("solana", solana_tx(), 10, "tx.sol.unknown_recipient", id="solana-legacy"),
        pytest.param("solana", solana_tx(v0=True), 10, "tx.sol.unknown_recipient", id="solana-v0"),
        pytest.param(None, solana_tx(), 10, "tx.sol.unknown_recipient", id="solana-autodetect"),
        pytest.param("evm", "zzzz definitely not a transaction", 10, "tx.undecodable",
                     id="undecodable-text"),
        pytest.param("evm", "0x02f8deadbeef", 10, "tx.undecodable", id="truncated-rlp"),
        pytest.param("solana", "AAAA" * 10, 10, "tx.undecodable", id="base64-garbage"),
    ],
)  # fmt: skip
def test_payload_forms(
    chain: str | None,
    payload: str,
    *,
    code: int,
    rule: str | None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: Any,
) -> None:
    """Each stdin form gives the verdict JSON (same shape as scan) and its exit code."""
    argv = ["--chain", chain] if chain else []
    exit_code, out = run(argv, payload, monkeypatch, capsys)
    verdict = json.loads(out.out)
    assert exit_code == code, out.out
    assert {"action", "findings", "source", "degraded"} <= verdict.keys()
    assert verdict["source"] == "transaction"
    rules = [f["rule_id"] for f in verdict["findings"]]
    assert rule in rules if rule else verdict["action"] == "allow"


def test_allow_with_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    """A payment from an own wallet to an allowlisted recipient exits 0."""
    config = tmp_path / "aiegis.toml"
    config.write_text(f'[wallet]\nevm = ["{OWN}"]\n[allowlist]\nevm = ["{PAYEE}"]\n')
    code, out = run(["--config", str(config)], raw_tx(), monkeypatch, capsys)
    assert code == 0, out.out
    assert json.loads(out.out)["action"] == "allow"


def test_text_format(monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    """``--format text`` explains the verdict for humans."""
    code, out = run(["--format", "text"], raw_tx(to=DRAINER), monkeypatch, capsys)
    assert code == 20
    assert out.out.startswith("block: tx.evm.threat_address")


@pytest.mark.parametrize(
    ("argv", "stdin"),
    [
        pytest.param([], "", id="empty-stdin"),
        pytest.param([], "   \n", id="blank-stdin"),
        pytest.param(["--chain", "evm"], '{"to": ', id="broken-json"),
        pytest.param(["--chain", "bitcoin"], raw_tx(), id="unknown-chain"),
        pytest.param([], json.dumps({"method": "eth_getBalance", "params": []}), id="rpc-method"),
        pytest.param([], json.dumps({"method": "eth_sign", "params": [OWN]}), id="rpc-no-param"),
        pytest.param(["--config", "missing.toml"], raw_tx(), id="missing-config"),
        pytest.param(["--bogus"], raw_tx(), id="unknown-flag"),
    ],
)
def test_usage_errors(
    argv: list[str], stdin: str, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    """Unreadable input, bad flags or config exit 2 with a message on stderr, not a verdict."""
    code, out = run(argv, stdin, monkeypatch, capsys)
    assert code == 2
    assert out.out == ""
    assert out.err


def test_jsonl_batch(monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    """``--jsonl``: one verdict (or error) per line, ids kept, exit code of the worst line."""
    sent = {**TX, "from": OWN}
    lines = [
        {"id": "pay", "chain": "evm", "payload": sent,
         "context": {"own_evm": [OWN], "allow_evm": [PAYEE]}},
        {"id": "sol", "chain": "solana", "payload": solana_tx()},
        {"id": "permit", "payload": {"typed_data": PERMIT}},
        {"id": "rpc", "payload": {"method": "eth_sendTransaction", "params": [sent]}},
        {"id": "no-payload", "chain": "evm"},
        {"id": "bad-context", "payload": raw_tx(), "context": ["not", "a", "dict"]},
        {"id": "bad-chain", "chain": "bitcoin", "payload": raw_tx()},
        {"id": "bad-address", "payload": raw_tx(), "context": {"own_evm": ["0x12"]}},
    ]  # fmt: skip
    stdin = "\n".join(json.dumps(x) for x in lines) + "\nnot json\n\n"
    code, out = run(["--jsonl"], stdin, monkeypatch, capsys)
    results = [json.loads(line) for line in out.out.splitlines()]
    by_id = {r["id"]: r for r in results}
    assert code == 20
    assert len(results) == len(lines) + 1
    assert by_id["pay"]["action"] == "allow"
    assert by_id["sol"]["action"] == "flag"
    assert by_id["permit"]["action"] == "block"
    assert by_id["rpc"]["action"] == "flag"
    for bad in ("no-payload", "bad-context", "bad-chain", "bad-address"):
        assert "error" in by_id[bad], by_id[bad]
    assert "not JSON" in results[-1]["error"]


@pytest.mark.slow  # end to end
def test_console_script_end_to_end() -> None:
    """The installed ``aiegis-guard`` entry point pipes a raw tx through to exit 20."""
    exe = Path(sys.executable).with_name("aiegis-guard")
    result = subprocess.run(
        [str(exe), "inspect-tx", "--chain", "evm", "--no-classifier"],
        input=raw_tx(to=DRAINER),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 20, result.stderr
    assert json.loads(result.stdout)["action"] == "block"
