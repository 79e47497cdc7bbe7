"""The chain the signer is on reaches ``Guard.check_message`` from every caller that knows it:
GuardedAccount (``chain_id=``), the web3 middleware (the node's ``eth_chainId``), the CLI
(``--chain-id``, a line's ``context.chain_id``, a JSON-RPC request's ``chainId``).

The observable: an EIP-4361 sign-in for another chain is flagged
(``tx.evm.siwe_chain_mismatch``); with the chain unknown it is not. The gateway's sidecar is
pinned in ``tests/test_gateway_sidecar.py``.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from eth_account import Account
from eth_account.messages import encode_defunct
from web3 import Web3
from web3.exceptions import MethodUnavailable
from web3.providers.eth_tester import EthereumTesterProvider

from aiegis_guard import Guard, GuardBlocked
from aiegis_guard.cli import main
from aiegis_guard.config import Config, LedgerBackend, LedgerSettings, ThreatSettings
from aiegis_guard.policy import Policy
from aiegis_guard.signers.evm_account import GuardedAccount
from aiegis_guard.signers.evm_middleware import guard_middleware

MISMATCH = "tx.evm.siwe_chain_mismatch"
ACCOUNT = Account.create()  # generated per run, never funded


def siwe(address: str, chain: int) -> str:
    """An EIP-4361 message (the spec's example shape) for ``chain``."""
    return (
        f"example.org wants you to sign in with your Ethereum account:\n{address}\n\n"
        f"Sign in to Example.\n\nURI: https://example.org/login\nVersion: 1\n"
        f"Chain ID: {chain}\nNonce: abcdef12\nIssued At: 2026-12-05T10:00:00Z"
    )


def _guard() -> Guard:
    config = Config(
        policy=Policy(),
        threats=ThreatSettings(builtin=False),
        ledger=LedgerSettings(backend=LedgerBackend.MEMORY),
    )
    return Guard(config, classifier=False)


# --- GuardedAccount: the chain it signs for ---------------------------------------------------


@pytest.fixture(scope="module")
def tester_chain() -> int:
    return int(Web3(EthereumTesterProvider()).eth.chain_id)


@pytest.mark.parametrize(
    ("signer_chain", "message_chain", "blocked"),
    [
        pytest.param("tester", 1, True, id="mainnet-sign-in-on-tester-chain"),
        pytest.param("tester", "tester", False, id="sign-in-for-own-chain"),
        pytest.param(None, 1, False, id="chain-unknown-not-judged"),
    ],
)
def test_guarded_account_passes_its_chain(
    tester_chain: int, signer_chain: Any, message_chain: Any, blocked: bool
) -> None:
    """GuardedAccount(chain_id=eth-tester's chain) flags a sign-in for another chain."""
    chain_id = tester_chain if signer_chain == "tester" else signer_chain
    msg_chain = tester_chain if message_chain == "tester" else message_chain
    signer = GuardedAccount(ACCOUNT, guard=_guard(), chain_id=chain_id)
    message = encode_defunct(text=siwe(ACCOUNT.address, msg_chain))
    if blocked:
        with pytest.raises(GuardBlocked) as stop:
            signer.sign_message(message)
        assert MISMATCH in stop.value.verdict.rule_ids
    else:
        signed = signer.sign_message(message)
        assert Account.recover_message(message, signature=signed.signature) == ACCOUNT.address


@pytest.mark.parametrize(
    "bad",
    [
        pytest.param(-1, id="negative"),
        pytest.param("1", id="string"),
        pytest.param(True, id="bool"),
    ],
)
def test_guarded_account_rejects_a_bad_chain_id(bad: Any) -> None:
    """A chain id that is not a non-negative int is a TypeError at construction."""
    with pytest.raises(TypeError):
        GuardedAccount(ACCOUNT, guard=_guard(), chain_id=bad)


# --- the web3 middleware: the node's chain ----------------------------------------------------


@pytest.mark.parametrize(
    ("configured", "message_chain", "blocked"),
    [
        pytest.param(None, 1, True, id="node-chain-asked-mainnet-sign-in-flagged"),
        pytest.param(None, "tester", False, id="node-chain-asked-own-chain-passes"),
        pytest.param(1, 1, False, id="configured-chain-wins"),
    ],
)
def test_middleware_passes_the_node_chain(
    configured: Any, message_chain: Any, blocked: bool
) -> None:
    """eth_sign through the middleware is judged on the node's chain (or the configured one);
    a request the guard lets through reaches the node."""
    w3 = Web3(EthereumTesterProvider())
    node_chain = w3.eth.chain_id
    w3.middleware_onion.inject(
        guard_middleware(_guard(), chain_id=configured), name="aiegis", layer=0
    )
    signer = w3.eth.accounts[0]
    text = siwe(signer, node_chain if message_chain == "tester" else message_chain)
    if blocked:
        with pytest.raises(GuardBlocked) as stop:
            w3.eth.sign(signer, text=text)
        assert MISMATCH in stop.value.verdict.rule_ids
    else:  # past the guard: eth-tester itself answers (it implements no eth_sign)
        with pytest.raises(MethodUnavailable, match="eth_sign"):
            w3.eth.sign(signer, text=text)


# --- the CLI ---------------------------------------------------------------------------------


def _cli(argv: list[str], stdin: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    config = tmp_path / "aiegis.toml"
    config.write_text(f'[wallet]\nevm = ["{ACCOUNT.address}"]\n')
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return main(["inspect-tx", "--no-classifier", "--config", str(config), *argv])


def _rpc(chain: Any) -> dict[str, Any]:
    hexed = "0x" + siwe(ACCOUNT.address, 137).encode().hex()
    return {"method": "personal_sign", "params": [hexed, ACCOUNT.address], "chainId": chain}


@pytest.mark.parametrize(
    ("argv", "payload", "code"),
    [
        pytest.param(["--chain-id", "1"], {"personal_sign": siwe(ACCOUNT.address, 137)}, 10,
                     id="option-other-chain-flag"),
        pytest.param(["--chain-id", "eip155:137"], {"personal_sign": siwe(ACCOUNT.address, 137)},
                     0, id="option-caip2-same-chain-allow"),
        pytest.param([], {"personal_sign": siwe(ACCOUNT.address, 137)}, 0, id="no-chain-allow"),
        pytest.param([], _rpc("0x1"), 10, id="json-rpc-chainId-flag"),
        pytest.param([], {"personal_sign": siwe(ACCOUNT.address, 137), "chain_id": 1}, 10,
                     id="message-wrapper-chain_id-flag"),
        pytest.param(["--chain-id", "137"], _rpc("0x1"), 2, id="disagreeing-ids-usage-error"),
        pytest.param(["--chain-id", "mainnet"], {"personal_sign": "hi"}, 2, id="bad-option"),
        pytest.param([], _rpc("one"), 2, id="bad-chainId-in-request"),
    ],
)  # fmt: skip
def test_cli_inspect_tx_chain_id(  # noqa: PLR0917 - one argument per column of the table
    argv: list[str],
    payload: Any,
    code: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: Any,
) -> None:
    """``inspect-tx`` takes the chain from ``--chain-id`` or the request; they must agree."""
    assert _cli(argv, json.dumps(payload), tmp_path, monkeypatch) == code
    out = capsys.readouterr()
    if code == 2:
        assert "chain" in out.err and out.out == ""
    else:
        rules = [f["rule_id"] for f in json.loads(out.out)["findings"]]
        assert (MISMATCH in rules) is (code == 10), rules


_WETH_DEPOSIT = {"to": "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2", "value": 10**17,
                 "data": "0xd0e30db0", "nonce": 0, "gas": 60_000, "maxFeePerGas": 10**10,
                 "maxPriorityFeePerGas": 1}  # fmt: skip


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        pytest.param(["--chain-id", "1"], 0, id="mainnet-weth-is-a-conversion"),
        pytest.param(["--chain-id", "137"], 10, id="same-address-elsewhere-is-a-stranger"),
        pytest.param([], 10, id="chain-unknown-is-a-stranger"),
    ],
)
def test_cli_tx_dict_without_chain_id_takes_the_signers(
    argv: list[str], code: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    """A tx dict without a ``chainId`` is judged on ``--chain-id``: WETH9's deposit pays the
    own account back on mainnet only (``data/evm_protocols.json`` binds it to chain 1)."""
    payload = json.dumps({**_WETH_DEPOSIT, "from": ACCOUNT.address})
    assert _cli(argv, payload, tmp_path, monkeypatch) == code, capsys.readouterr().out


def test_cli_jsonl_line_context_overrides_the_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    """A line's ``context.chain_id`` overrides ``--chain-id``; a tx dict without a chainId
    gets the signer's; a bad one is that line's error."""
    message = {"personal_sign": siwe(ACCOUNT.address, 137)}
    lines = [
        {"id": "default-1", "payload": message},
        {"id": "line-137", "payload": message, "context": {"chain_id": "0x89"}},
        {"id": "line-10", "payload": message, "context": {"chain_id": 10, "own_evm": []}},
        {"id": "line-bad", "payload": message, "context": {"chain_id": [1]}},
    ]
    stdin = "\n".join(json.dumps(x) for x in lines) + "\n"
    _cli(["--jsonl", "--chain-id", "1"], stdin, tmp_path, monkeypatch)
    by_id = {r["id"]: r for r in map(json.loads, capsys.readouterr().out.splitlines())}
    assert MISMATCH in [f["rule_id"] for f in by_id["default-1"]["findings"]]
    assert by_id["line-137"]["action"] == "allow", by_id["line-137"]
    assert MISMATCH in [f["rule_id"] for f in by_id["line-10"]["findings"]]
    assert "chain id" in by_id["line-bad"]["error"]
