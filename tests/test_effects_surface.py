"""Effects where people read them: verdict JSON, the approval prompt, the CLI context keys;
and the Solana fee payer counted as own with the default guard (issue 11, item 17)."""

from __future__ import annotations

import io
import json
import sys
from typing import Any

import pytest
import solders.system_program as sp
import spl as sx
from solders.instruction import AccountMeta
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from aiegis_guard import Guard
from aiegis_guard.chains.effects import Effect, EffectKind, describe_effects
from aiegis_guard.chains.transaction import Asset, AssetKind
from aiegis_guard.cli import main
from aiegis_guard.findings import Action, Chain
from aiegis_guard.policy import Policy
from aiegis_guard.signers.approval import ApprovalRequest
from tests.evm_builders import OWN, STRANGER, TOKEN, approve, call, tx

BAYC = "0xbc4ca0eda7647a8ab7c2061c2e118a18a936f13d"
_NFT = Asset(chain=Chain.EVM, kind=AssetKind.NFT, address=BAYC)
_ETH = Asset(chain=Chain.EVM, kind=AssetKind.NATIVE)


@pytest.mark.parametrize(
    ("effects", "words"),
    [
        pytest.param(
            [
                Effect(kind=EffectKind.GIVES, asset=_NFT, token_ids=(t,), counterparty=STRANGER)
                for t in (1234, 1235, 1236, 1237)
            ],
            ("gives Bored Ape Yacht Club #1234 and 3 more — to 0x3333…3333",),
            id="nfts-merged",
        ),
        pytest.param(
            [
                Effect(
                    kind=EffectKind.GETS,
                    asset=_ETH,
                    amount=10**14,
                    counterparty=OWN,
                    counterparty_own=True,
                    what="consideration",
                )
            ],
            ("gets 0.0001 ETH — to own account",),
            id="gets-eth",
        ),
        pytest.param(
            [
                Effect(
                    kind=EffectKind.GRANTS,
                    asset=_NFT,
                    unlimited=True,
                    counterparty="0x1e0049783f008a0085193e00003d00cd54003c71",
                    protocol="OpenSea conduit",
                    what="operator",
                )
            ],
            ("lets OpenSea conduit (0x1e00…3c71) spend every Bored Ape Yacht Club",),
            id="operator-labelled",
        ),
    ],
)
def test_describe_effects(effects: list[Effect], words: tuple[str, ...]) -> None:
    """Effects read like a wallet's balance-change preview."""
    assert describe_effects(effects) == words


def test_verdict_json_and_approval_prompt_carry_the_effects() -> None:
    """The verdict's JSON has structured effects and their words; the prompt shows them."""
    guard = Guard(Policy(), classifier=False)
    verdict = guard.check_transaction(tx(TOKEN, approve(STRANGER, 2**256 - 1)))
    data = json.loads(verdict.to_json())
    (effect,) = data["effects"]
    assert effect["kind"] == "grants" and effect["unlimited"] is True
    assert effect["counterparty"] == STRANGER and effect["asset"] == f"evm:{TOKEN}"
    assert data["effects_text"] == effect["text"] == "lets 0x3333…3333 spend unlimited 0x2222…2222"
    prompt = ApprovalRequest(action="sign_transaction", verdict=verdict).describe()
    assert "what it does: lets 0x3333…3333 spend unlimited" in prompt


def test_text_verdicts_have_no_effects() -> None:
    """Only transactions have effects; text verdicts keep their JSON shape."""
    verdict = Guard(Policy(), classifier=False).check_text("hello")
    assert verdict.effects == () and "effects" not in verdict.to_dict()


_OPERATOR = "0x7777777777777777777777777777777777777777"


@pytest.mark.parametrize(
    ("context", "action"),
    [
        pytest.param(None, Action.BLOCK, id="no-context"),
        pytest.param({"evm_operators": [_OPERATOR]}, Action.ALLOW, id="evm_operators"),
        pytest.param({"allowlist.evm_operators": [_OPERATOR]}, Action.ALLOW, id="dotted"),
        pytest.param({"evm_spenders": [_OPERATOR]}, Action.BLOCK, id="spender-is-not-operator"),
    ],
)
def test_cli_jsonl_context_accepts_every_allowlist_key(
    context: Any, action: Action, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    """inspect-tx --jsonl: a line's context may name any [wallet]/[allowlist] key."""
    payload = tx(TOKEN, call("setApprovalForAll(address,bool)", _OPERATOR, True))
    line = {"id": "x", "chain": "evm", "payload": payload}
    if context is not None:
        line["context"] = context
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(line) + "\n"))
    main(["inspect-tx", "--no-classifier", "--jsonl"])
    out = json.loads(capsys.readouterr().out.splitlines()[0])
    assert out["action"] == action.value, out


def test_cli_jsonl_context_rejects_unknown_keys(
    monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    """An unknown context key is one error line, not a silent allow."""
    line = {"id": "x", "chain": "evm", "payload": tx(TOKEN, b""), "context": {"own_btc": ["x"]}}
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(line) + "\n"))
    main(["inspect-tx", "--no-classifier", "--jsonl"])
    out = capsys.readouterr().out
    assert "unknown key" in out and '"action": "allow"' not in out


_PAYER = Keypair().pubkey()
_PROGRAM = Pubkey.new_unique()


@pytest.mark.parametrize(
    ("instructions", "action"),
    [
        pytest.param(
            lambda: [sx.raw(_PROGRAM, b"\x01", AccountMeta(_PAYER, True, True))],
            Action.FLAG,
            id="unknown-program-takes-fee-payer",
        ),
        pytest.param(
            lambda: [sx.raw(_PROGRAM, b"\x01", AccountMeta(Pubkey.new_unique(), False, True))],
            Action.ALLOW,
            id="unknown-program-other-accounts",
        ),
        pytest.param(
            lambda: [sp.transfer({"from_pubkey": _PAYER, "to_pubkey": _PAYER, "lamports": 5})],
            Action.ALLOW,
            id="to-self",
        ),
    ],
)
def test_default_guard_treats_the_fee_payer_as_own(instructions: Any, action: Action) -> None:
    """Issue 11 item 17: with no [wallet], the fee payer is the agent's own account."""
    verdict = Guard(classifier=False).check_transaction(
        sx.message(_PAYER, instructions()), chain="solana"
    )
    assert verdict.action is action, verdict.explain()
    if action is Action.FLAG:
        assert "tx.sol.unknown_program" in verdict.rule_ids


@pytest.mark.parametrize(
    "vector_id",
    [
        "seaport-drainer-dust",
        "seaport-bulk-one-drained",
        "blur-sell-zero-price",
        "looksrare-ask-zero-price",
    ],
)
def test_orders_are_judged_without_a_wallet(vector_id: str) -> None:
    """The offerer / trader / signer of an order is the one who signs it: with no [wallet]
    configured, an order giving the NFT away is still blocked."""
    from pathlib import Path

    data = json.loads((Path(__file__).parent / "vectors" / "evm_typed_effects.json").read_text())
    [vector] = [v for v in data["vectors"] if v["id"] == vector_id]
    verdict = Guard(Policy(), classifier=False).check_typed_data(vector["typed_data"])
    assert verdict.action is Action.BLOCK, verdict.explain()
    assert "tx.evm.order_gives_away" in verdict.rule_ids
