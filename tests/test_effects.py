"""The effects model: protocol vectors (``tests/vectors/evm_protocols.json``) judged by effect,
and the same effect judged the same whatever carries it."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from aiegis_guard import Guard
from aiegis_guard.findings import Action
from aiegis_guard.policy import Policy
from tests.effect_vectors import build_tx, carriers, effects_match
from tests.evm_builders import permit2_single, permit2_transfer, transfer

VECTORS = Path(__file__).parent / "vectors"


def _load(name: str) -> tuple[Policy, list[Any]]:
    data = json.loads((VECTORS / name).read_text())
    vectors = [pytest.param(v, id=v["id"]) for v in data["vectors"]]
    return Policy.model_validate(data["policy"]), vectors


POLICY, CALLS = _load("evm_protocols.json")
_, TYPED = _load("evm_typed_effects.json")


@pytest.fixture(scope="module")
def guard() -> Guard:
    return Guard(POLICY, classifier=False)


def _judge(guard: Guard, vector: dict[str, Any]) -> Any:
    if "typed_data" in vector:
        return guard.check_typed_data(vector["typed_data"])
    return guard.check_transaction(build_tx(vector["tx"]))


@pytest.mark.parametrize("vector", CALLS + TYPED)
def test_protocol_vector(guard: Guard, vector: dict[str, Any]) -> None:
    """Each vector gets its action, at least its rule ids, and at least its effects."""
    verdict = _judge(guard, vector)
    want = vector["expect"]
    assert verdict.action is Action(want["action"]), verdict.explain()
    assert set(want["rules"]) <= set(verdict.rule_ids), verdict.explain()
    misses = effects_match(want.get("effects", []), list(verdict.effects))
    assert not misses, (misses, verdict.to_dict()["effects"] if verdict.effects else [])


# --- the same effect, whatever carries it ---------------------------------------------------

_STRANGER = "0x3333333333333333333333333333333333333333"
_TOKEN = "0x2222222222222222222222222222222222222222"
_FLAT = [
    pytest.param(_TOKEN, 0, ["transfer(address,uint256)", _STRANGER, 5], id="erc20-transfer"),
    pytest.param(_TOKEN, 0, ["approve(address,uint256)", _STRANGER, 2**256 - 1], id="approve-max"),
    pytest.param(_TOKEN, 0, ["approve(address,uint256)", _STRANGER, 10], id="approve-bounded"),
    pytest.param(_TOKEN, 0, ["setApprovalForAll(address,bool)", _STRANGER, True], id="operator"),
    pytest.param(
        _TOKEN, 0, ["send(address,uint256,bytes)", _STRANGER, 5, {"$hex": "0x"}], id="777"
    ),
    pytest.param(_TOKEN, 0, ["authorizeOperator(address)", _STRANGER], id="777-operator"),
    pytest.param(_STRANGER, 10**18, ["claim()"], id="eth-to-claim"),
    pytest.param(
        "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2", 10**18, ["deposit()"], id="weth-deposit"
    ),
    pytest.param(
        "0xae7ab96520de3a18e5e111b5eaab095312d7fe84",
        10**18,
        ["submit(address)", "0x0000000000000000000000000000000000000000"],
        id="lido-submit",
    ),
    pytest.param(_STRANGER, 0, ["frobnicate(uint256)", 1], id="opaque"),
    pytest.param(
        "0x68b3465833fb72a70ecdf485e0e4c7bd8665fc45",
        0,
        [
            "exactInputSingle((address,address,uint24,address,uint256,uint256,uint160))",
            [_TOKEN, "0x9999999999999999999999999999999999999999", 500, _STRANGER, 10, 1, 0],
        ],
        id="swap-to-stranger",
    ),
    pytest.param(
        "0x87870bca3f3fd6335c3f4ce8392d69350b4fa4e2",
        0,
        ["withdraw(address,uint256,address)", _TOKEN, 5, _STRANGER],
        id="aave-withdraw-stranger",
    ),
    pytest.param(
        "0x83f20f44975d03b1b09e64809b757c47f942beea",
        0,
        ["deposit(uint256,address)", 10**21, _STRANGER],
        id="erc4626-deposit-stranger",
    ),
    pytest.param(
        "0x4dece678ceceb27446b35c672dc7d61f30bad69e",
        0,
        ["exchange(int128,int128,uint256,uint256,address)", 0, 1, 10**9, 10**20, _STRANGER],
        id="curve-receiver-stranger",
    ),
    pytest.param(
        "0xbbbbbbbbbb9cc5e90e3b3af64bdaf62c37eeffcb",
        0,
        [
            "borrow((address,address,address,address,uint256),uint256,uint256,address,address)",
            [_TOKEN, "0x9999999999999999999999999999999999999999", _TOKEN, _TOKEN, 86 * 10**16],
            10**9,
            0,
            "0x1111111111111111111111111111111111111111",
            _STRANGER,
        ],
        id="morpho-borrow-stranger",
    ),
    pytest.param(
        "0xbbbbbbbbbb9cc5e90e3b3af64bdaf62c37eeffcb",
        0,
        ["setAuthorization(address,bool)", _STRANGER, True],
        id="morpho-authorization-stranger",
    ),
    pytest.param(
        "0xd152f549545093347a162dce210e7293f1452150",
        3 * 10**18,
        ["disperseEther(address[],uint256[])", [_STRANGER, _STRANGER], [10**18, 2 * 10**18]],
        id="disperse-ether-stranger",
    ),
    pytest.param(  # withdrawal credentials 0x01 + a stranger's address
        "0x00000000219ab540356cbb839cbe05303d7705fa",
        32 * 10**18,
        [
            "deposit(bytes,bytes,bytes,bytes32)",
            {"$hex": "0x" + "a1" * 48},
            {"$hex": "0x01" + "00" * 11 + _STRANGER[2:]},
            {"$hex": "0x" + "b2" * 96},
            {"$hex": "0x" + "c3" * 32},
        ],
        id="beacon-deposit-stranger",
    ),
    pytest.param(
        "0xbd3fa81b58ba92a82136038b25adec7066af3155",
        0,
        [
            "depositForBurn(uint256,uint32,bytes32,address)",
            10**9,
            3,
            {"$hex": "0x" + "00" * 12 + _STRANGER[2:]},
            "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48",
        ],
        id="cctp-burn-stranger",
    ),
    pytest.param(
        "0x150f94b44927f078737562f0fcf3c95c01cc2376",
        3 * 10**18,
        [
            "swapETH(uint16,address,bytes,uint256,uint256)",
            110,
            _STRANGER,
            _STRANGER,
            29 * 10**17,
            1,
        ],
        id="stargate-eth-stranger",
    ),
    pytest.param(
        "0x0000000000000000000000000000000000000064",
        10**18,
        ["withdrawEth(address)", _STRANGER],
        id="arbsys-withdraw-stranger",
    ),
    pytest.param(
        "0x308861a430be4cce5502d0a12724771fc6daf216",
        0,
        ["requestWithdraw(address,uint256)", _STRANGER, 10**18],
        id="etherfi-request-stranger",
    ),
]


def _effect_keys(verdict: Any) -> list[tuple[Any, ...]]:
    keys = ("kind", "account", "asset", "amount", "unlimited", "token_ids", "counterparty", "what")
    return sorted(tuple(str(e[k]) for k in keys) for e in verdict.effects)


@pytest.mark.parametrize(("target", "value", "call"), _FLAT)
def test_same_effect_same_verdict_whatever_carries_it(
    guard: Guard, target: str, value: int, call: list[Any]
) -> None:
    """Flat, Safe, Safe+MultiSend, 7702 batch, ERC-7579 and ERC-4337 forms: same effects, same
    action, same rule ids (the carrier path ``via`` aside)."""
    forms = carriers(target, value, {"$call": call})
    verdicts = {name: guard.check_transaction(build_tx(spec)) for name, spec in forms.items()}
    flat = verdicts.pop("flat")
    assert flat.effects, flat.explain()
    for name, verdict in verdicts.items():
        assert verdict.action is flat.action, (name, verdict.explain(), flat.explain())
        assert _effect_keys(verdict) == _effect_keys(flat), name
        assert set(verdict.rule_ids) == set(flat.rule_ids), (name, verdict.explain())


# --- messages that are not text --------------------------------------------------------------

_HASH = "0x" + "ab" * 32
_MESSAGES = [
    pytest.param(
        _HASH, "personal_sign", "hash_signature", Action.BLOCK, id="personal-sign-32-byte-hash"
    ),
    pytest.param(_HASH, "eth_sign", "hash_signature", Action.BLOCK, id="eth-sign-32-byte-hash"),
    pytest.param("0x" + "00ff" * 40, "personal_sign", "binary_signature", Action.FLAG, id="binary"),
    pytest.param(
        "Sign in to example.org\nNonce: 7", "personal_sign", None, Action.ALLOW, id="text"
    ),
]


@pytest.mark.parametrize(("message", "method", "what", "action"), _MESSAGES)
def test_binary_message_is_an_opaque_effect(
    guard: Guard, message: str, method: str, what: str | None, action: Action
) -> None:
    """A signed hash or binary data reads as an opaque effect: a 32-byte hash is BLOCKed under
    either method (blind: a Safe ``v > 30`` or an account's ``toEthSignedMessageHash`` takes
    the prefixed hash as approval), other binary FLAGs; text has none."""
    verdict = guard.check_message(message, method=method)
    assert verdict.action is action, verdict.explain()
    opaque = [e["what"] for e in verdict.effects if e["kind"] == "opaque"]
    assert opaque == ([what] if what else [])


# --- Permit2 signature transfers: a one-time give, not a standing allowance ---------------------


def _batch_transfer(spender: str, tokens: int) -> dict[str, Any]:
    """PermitBatchTransferFrom (Uniswap/permit2 SignatureTransfer) over ``tokens`` tokens."""
    single = permit2_transfer(spender, 1)
    types = dict(single["types"])
    fields = types.pop("PermitTransferFrom")
    types["PermitBatchTransferFrom"] = [
        {"name": "permitted", "type": "TokenPermissions[]"},
        *fields[1:],
    ]
    permitted = [{"token": "0x" + f"{0x60 + i:02x}" * 20, "amount": 10**6} for i in range(tokens)]
    message = {**single["message"], "permitted": permitted}
    return {**single, "types": types, "primaryType": "PermitBatchTransferFrom", "message": message}


_SIGNATURE_TRANSFERS = [
    pytest.param(permit2_transfer(_STRANGER, 10**6), Action.FLAG, 1, id="bounded-to-stranger"),
    pytest.param(permit2_transfer(_STRANGER, 2**200), Action.BLOCK, 1, id="unlimited-to-stranger"),
    pytest.param(_batch_transfer(_STRANGER, 3), Action.BLOCK, 3, id="batch-every-token-stranger"),
    pytest.param(
        _batch_transfer("0x7777777777777777777777777777777777777777", 3),
        Action.ALLOW,
        3,
        id="batch-to-allowlisted",
    ),
]


@pytest.mark.parametrize(("typed", "action", "gives"), _SIGNATURE_TRANSFERS)
def test_signature_transfer_is_a_give(
    guard: Guard, typed: dict[str, Any], action: Action, gives: int
) -> None:
    """A PermitTransferFrom lets the spender move the tokens once, anywhere: it reads as gives
    to the spender; three or more tokens to a stranger in one signature are a sweep."""
    verdict = guard.check_typed_data(typed)
    assert verdict.action is action, verdict.explain()
    found = [e for e in verdict.effects if e["what"] == "signature_transfer"]
    assert len(found) == gives and all(e["kind"] == "gives" for e in found)


@pytest.mark.parametrize(
    ("token", "amount", "words"),
    [
        ("0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48", 1_500_250_000, "gives 1500.25 USDC"),
        ("0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2", 3 * 10**17, "gives 0.3 WETH"),
        ("0x6B175474E89094C44Da98b954EedeAC495271d0F", 7 * 10**18, "gives 7 DAI"),
        # a token outside the book: its decimals are unknown, the amount stays in base units
        (
            "0x5555555555555555555555555555555555555555",
            7 * 10**18,
            "gives 7000000000000000000 base",
        ),
    ],
)
def test_book_tokens_read_in_whole_units(guard: Guard, token: str, amount: int, words: str) -> None:
    """A transfer of a token the book knows reads in its published decimals, as a wallet's
    preview does; the JSON amount stays in base units."""
    to = "0x1111111111111111111111111111111111111111"
    tx = {"to": token, "data": "0x" + transfer(to, amount).hex(), "value": 0, "chainId": 1}
    verdict = guard.check_transaction(tx)
    (gives,) = [e for e in verdict.effects if e["kind"] == "gives"]
    assert gives["text"].startswith(words), gives["text"]
    assert gives["amount"] == amount


@pytest.mark.parametrize(
    ("days", "action"),
    [(1, Action.FLAG), (29, Action.FLAG), (45, Action.BLOCK), (364, Action.BLOCK)],
)
def test_permit2_allowance_to_a_stranger_is_short_lived_within_thirty_days(
    guard: Guard, days: int, action: Action
) -> None:
    """A bounded Permit2 allowance to a stranger FLAGs while it lapses within thirty days (what
    everyday dApps ask); one that stands for months is a standing grant: BLOCK."""
    typed = permit2_single("0x9999999999999999999999999999999999999999", 5 * 10**6)
    typed["message"]["details"]["expiration"] = int(time.time()) + days * 86_400
    verdict = guard.check_typed_data(typed)
    assert verdict.action is action, verdict.explain()
