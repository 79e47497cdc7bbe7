"""A friendly function name on a stranger's contract is still a stranger's code
(``aiegis_guard/chains/evm/callee.py``).

Per handler family: the canonical contract (the book, a module's ``CONTRACTS``, an own or
listed account) keeps today's verdict; the same calldata on a stranger's contract is never
ALLOWed. Then the whole registry: no selector's reading ALLOWs on a stranger's contract with
value 0 unless its handler is one of the listed exceptions (``CALLEE_INDEPENDENT``, each with
its reason; ``GRANT_STANDARDS`` only for a grant the policy judges by who gains it).
Calldata is built with eth_abi from each function's published signature; keys are generated.
"""

from __future__ import annotations

from typing import Any

import pytest
from eth_abi import encode
from eth_account import Account

from aiegis_guard import Guard
from aiegis_guard.chains.evm.calldata import FUNCTIONS, HANDLERS
from aiegis_guard.chains.evm.callee import CALLEE_INDEPENDENT, GRANT_STANDARDS, TOKEN_STANDARDS
from aiegis_guard.findings import Action
from aiegis_guard.policy import Policy
from tests.evm_builders import MULTICALL3, PERMIT2, call


def _key() -> str:
    return str(Account.create().address).lower()


OWN, SAFE, FRIEND, STRANGER = _key(), _key(), _key(), _key()
X = _key()  # a stranger's contract
ZERO = "0x" + "00" * 20
WETH = "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2"
USDC = "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48"
AAVE_POOL = "0x87870bca3f3fd6335c3f4ce8392d69350b4fa4e2"  # data/evm_protocols.json rows
GUARD = Guard(
    Policy.model_validate(
        {
            "wallet": {"evm": [OWN, SAFE]},
            "allowlist": {
                "evm_operators": [FRIEND],
                "evm_delegates": [FRIEND],
                "evm_spenders": [FRIEND],
            },
        }
    ),
    classifier=False,
)
_SWAP = "exactInputSingle((address,address,uint24,address,uint256,uint256,uint160))"
_ORDER = (  # Seaport OrderComponents (ProjectOpenSea/seaport ConsiderationStructs.sol)
    "(address,address,(uint8,address,uint256,uint256,uint256)[],"
    "(uint8,address,uint256,uint256,uint256,address)[],uint8,uint256,uint256,bytes32,uint256,"
    "bytes32,uint256)"
)
_CREDENTIALS = b"\x01" + bytes(11) + bytes.fromhex(OWN[2:])  # 0x01 withdrawal credentials


def _check(to: str, data: bytes, value: int = 0) -> Any:
    tx = {"from": OWN, "to": to, "value": value, "data": "0x" + data.hex(), "chainId": 1}
    return GUARD.check_transaction(tx)


# family, canonical contract, calldata, value, today's verdict there
_FAMILIES = [
    pytest.param("0x00000000000076a84fef008cdabe6409d2fe638b",
                 call("revokeDelegate(address)", STRANGER), 0, Action.ALLOW,
                 id="delegate-registry-revoke"),
    pytest.param("0x1f9840a85d5af5bf1d1762f925bdaddc4201f984",
                 call("delegate(address)", OWN), 0, Action.ALLOW, id="vote-self-delegation"),
    pytest.param(PERMIT2, call("invalidateNonces(address,address,uint48)", USDC, FRIEND, 5), 0,
                 Action.ALLOW, id="permit2-invalidate-nonces"),
    pytest.param(PERMIT2, call("lockdown((address,address)[])", [(USDC, STRANGER)]), 0,
                 Action.ALLOW, id="permit2-lockdown"),
    pytest.param(MULTICALL3, call("aggregate3((address,bool,bytes)[])", []), 0, Action.ALLOW,
                 id="multicall3-aggregate3"),
    pytest.param("0x68b3465833fb72a70ecdf485e0e4c7bd8665fc45",
                 call(_SWAP, (WETH, USDC, 500, OWN, 10**18, 3000 * 10**6, 0)), 0, Action.ALLOW,
                 id="swap-router-exact-input"),
    pytest.param("0xbfcf63294ad7105dea65aa58f8ae5be2d9d0952a",
                 call("set_rewards_receiver(address)", ZERO), 0, Action.ALLOW,
                 id="curve-gauge-receiver-reset"),
    pytest.param("0xa58e81fe9b61b5c3fe2afd33cf304c454abfc7cb",
                 call("setName(string)", "alice.eth"), 0, Action.ALLOW, id="ens-primary-name"),
    pytest.param(SAFE, call("disableModule(address,address)", "0x" + "00" * 19 + "01", STRANGER),
                 0, Action.ALLOW, id="safe-disable-module"),
    pytest.param(AAVE_POOL, call("withdraw(address,uint256,address)", WETH, 10**18, OWN), 0,
                 Action.ALLOW, id="aave-pool-withdraw"),
    pytest.param(AAVE_POOL, call("supply(address,uint256,address,uint16)", WETH, 1, OWN, 0), 0,
                 Action.FLAG, id="aave-pool-supply"),
    pytest.param("0xd322a49006fc828f9b5b37ab215f99b4e5cab19c",
                 call("depositETH(address,address,uint16)", AAVE_POOL, OWN, 0), 10**18,
                 Action.FLAG, id="aave-gateway-deposit"),
    pytest.param(WETH, call("withdraw(uint256)", 10**18), 0, Action.ALLOW, id="weth-withdraw"),
    pytest.param("0x0000000000000068f116a894984e2db1123eb395",
                 call(f"cancel({_ORDER}[])", [(OWN, ZERO, [], [], 0, 0, 0, bytes(32), 0,
                                               bytes(32), 0)]), 0, Action.ALLOW,
                 id="seaport-cancel"),
    pytest.param("0x00000000219ab540356cbb839cbe05303d7705fa",
                 call("deposit(bytes,bytes,bytes,bytes32)", b"\x11" * 48, _CREDENTIALS,
                      b"\x22" * 96, bytes(32)), 32 * 10**18, Action.FLAG, id="beacon-deposit"),
]  # fmt: skip


@pytest.mark.parametrize(("canonical", "data", "value", "today"), _FAMILIES)
def test_canonical_keeps_its_verdict_a_stranger_is_an_unknown_call(
    canonical: str, data: bytes, value: int, today: Action
) -> None:
    """The canonical contract keeps today's verdict; the same call on X never ALLOWs."""
    assert _check(canonical, data, value).action is today
    elsewhere = _check(X, data, value)
    assert elsewhere.action is not Action.ALLOW, elsewhere.explain()
    assert "tx.evm.unknown_call" in elsewhere.rule_ids, elsewhere.explain()


@pytest.mark.parametrize(
    ("data", "to", "expected"),
    [
        pytest.param(call("revokeRole(bytes32,address)", bytes(32), STRANGER), X, Action.FLAG,
                     id="revoke-role"),
        pytest.param(call("renounceRole(bytes32,address)", bytes(32), OWN), X, Action.FLAG,
                     id="renounce-role"),
        pytest.param(call("removeOwnerAtIndex(uint256,bytes)", 0, b""), X, Action.FLAG,
                     id="remove-owner"),
        pytest.param(call("updateOwners(address[],address[])", [], [STRANGER]), X, Action.FLAG,
                     id="update-owners-removal-only"),
        pytest.param(call("grantRole(bytes32,address)", bytes(32), STRANGER), X, Action.BLOCK,
                     id="grant-role-stranger-still-blocks"),
        pytest.param(call("grantRole(bytes32,address)", bytes(32), FRIEND), X, Action.ALLOW,
                     id="grant-role-allowlisted-judged-by-grantee"),
        pytest.param(call("approve(address,uint256)", STRANGER, 0), X, Action.ALLOW,
                     id="token-revoke-on-any-token"),
        pytest.param(call("delegateBySig(address,uint256,uint256,uint8,bytes32,bytes32)", OWN, 0,
                          2**40, 27, b"\x01" * 32, b"\x02" * 32), X, Action.FLAG,
                     id="delegate-by-sig-own-on-unknown-token"),
    ],
)  # fmt: skip
def test_administration_is_known_off_the_book_only_as_a_judged_grant(
    data: bytes, to: str, expected: Action
) -> None:
    """Revokes / renounces on a stranger's contract FLAG; a grant is judged by its grantee."""
    verdict = _check(to, data)
    assert verdict.action is expected, verdict.explain()


# --- the whole registry -----------------------------------------------------------------------


def _split(inner: str) -> list[str]:
    out, depth, start = [], 0, 0
    for i, c in enumerate(inner):
        depth += (c == "(") - (c == ")")
        if c == "," and depth == 0:
            out.append(inner[start:i])
            start = i + 1
    return [*out, inner[start:]] if inner else out


_ADDRESSES = {"own": OWN, "zero": ZERO, "stranger": STRANGER, "self": X}


def _value(t: str, mode: str) -> Any:
    """A value of ABI type ``t``: every address ``_ADDRESSES[mode]``, small amounts."""
    if t.endswith("]"):
        base, n = t[: t.rindex("[")], t[t.rindex("[") + 1 : -1]
        return [_value(base, mode) for _ in range(int(n) if n else 1)]
    if t.startswith("("):
        return tuple(_value(x, mode) for x in _split(t[1:-1]))
    if t == "address":
        return _ADDRESSES[mode]
    if t == "bool":
        return mode != "zero"
    if t.startswith(("uint", "int")):
        return 0 if mode == "zero" else 1
    if t in ("bytes", "string"):
        return b"" if t == "bytes" else ""
    return bytes(int(t[5:]))  # bytesN


_SELECTORS = sorted(FUNCTIONS.items(), key=lambda kv: kv[1].handler)


@pytest.mark.slow
@pytest.mark.parametrize("mode", list(_ADDRESSES))
def test_no_selector_allows_on_a_stranger_contract_unless_listed(mode: str) -> None:
    """Every registered selector on X, value 0: ALLOW only for the listed exceptions (a token
    standard, an account wrapper, a self-multicall, accepting an offered ownership) or an
    administration standard's grant to own (judged by who gains it)."""
    allowed = []
    for selector, fn in _SELECTORS:
        types = _split(fn.signature[fn.signature.index("(") + 1 : -1])
        data = selector + encode(types, [_value(t, mode) for t in types])
        if _check(X, data).action is Action.ALLOW:
            allowed.append((fn.handler, fn.signature))
    unexpected = [
        (handler, signature)
        for handler, signature in allowed
        if handler not in CALLEE_INDEPENDENT and not (handler in GRANT_STANDARDS and mode == "own")
    ]
    assert not unexpected, unexpected
    assert allowed  # the token standards at least: the sweep reaches the judge


def test_the_exceptions_name_registered_handlers_with_a_reason() -> None:
    """No stale or unexplained entry in the exception lists."""
    for table in (CALLEE_INDEPENDENT, GRANT_STANDARDS, TOKEN_STANDARDS):
        for handler, reason in table.items():
            assert handler in HANDLERS, handler
            assert reason.strip(), handler
