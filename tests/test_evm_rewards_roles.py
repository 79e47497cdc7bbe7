"""EigenLayer rewards claims and claimers (``protocols/eigen_rewards.py``), Symbiotic vaults
(``protocols/symbiotic.py``) and Zodiac Roles members (``protocols/zodiac_roles.py``).

Calldata is eth_abi's encoding of the published signatures: Layr-Labs/eigenlayer-contracts
``IRewardsCoordinator.sol`` (``RewardsMerkleClaim``), symbioticfi/core ``IVault.sol``,
gnosisguild/zodiac-modifier-roles ``Roles.sol`` inside safe-global ``Safe.execTransaction``.
Every party is a generated address (``receiver_builders.addr``), never funded; the
RewardsCoordinator and the Symbiotic vault are the address book's.
"""

from __future__ import annotations

from typing import Any

import pytest
from eth_utils import keccak

from aiegis_guard import Action, Guard
from aiegis_guard.chains.evm.decode import decode_evm
from aiegis_guard.chains.transaction import AuthorityChange, Receipt, Transfer
from aiegis_guard.errors import EvmDecodeError
from aiegis_guard.policy import Policy
from aiegis_guard.verdict import Verdict
from tests.evm_builders import call, tx
from tests.receiver_builders import FRIEND, OWN, STRANGER, WETH, addr, operations, own_tx, rules

COORDINATOR = "0x7750d328b314effa365a0402ccfd489b80b0adda"
EIGEN = "0xec53bf9167f50cdeb3ae105f56099aaab9061f83"
VAULT = "0x4e0554959a631b3d3938ffc158e0a7b2124af9c5"  # MEV Capital wstETH Vault
WSTETH = "0x7f39c581f595b53c5cb19bd0b3f8da6c935e2ca0"
ETH = 10**18
_CLAIM = "(uint32,uint32,bytes,(address,bytes32),uint32[],bytes[],(address,uint256)[])"
_PROCESS = f"processClaim({_CLAIM},address)"
_PROCESS_MANY = f"processClaims({_CLAIM}[],address)"
_EXEC = "execTransaction(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,bytes)"
_ASSIGN = "assignRoles(address,bytes32[],bool[])"


def judged(payload: dict[str, Any], *friends: str, own: str = OWN) -> Verdict:
    """``own``'s verdict with ``friends`` allowlisted as recipients, spenders and operators."""
    allow = [f.lower() for f in friends]
    policy = Policy.model_validate(
        {
            "wallet": {"evm": [own]},
            "allowlist": {"evm": allow, "evm_spenders": allow, "evm_operators": allow},
        }
    )
    return Guard(policy, classifier=False).check_transaction(payload, chain="evm")


def claim(earner: str, tokens: tuple[str, ...] = (EIGEN, WETH)) -> tuple[Any, ...]:
    """A ``RewardsMerkleClaim`` of ``earner`` for ``tokens`` (proofs are placeholders)."""
    leaves = [(t, 10**21 + i) for i, t in enumerate(tokens)]
    proofs = [keccak(text=f"proof:{t}") for t in tokens]
    return (7, 3, keccak(text="earner-proof"), (earner, keccak(text="root")),
            list(range(len(tokens))), proofs, leaves)  # fmt: skip


def process(recipient: str, earner: str = OWN) -> bytes:
    return call(_PROCESS, claim(earner), recipient)


def symbiotic(fn: str, who: str, number: int) -> bytes:
    return call(f"{fn}(address,uint256)", who, number)


CASES = [
    pytest.param(COORDINATOR, process(OWN), Action.ALLOW, set(), id="claim-to-own"),
    pytest.param(COORDINATOR, process(FRIEND), Action.ALLOW, set(), id="claim-to-allowlisted"),
    pytest.param(COORDINATOR, process(STRANGER), Action.BLOCK, {"tx.evm.unbounded_give"},
                 id="claim-to-stranger"),
    pytest.param(COORDINATOR, call(_PROCESS_MANY, [claim(OWN), claim(OWN, (EIGEN,))], STRANGER),
                 Action.BLOCK, {"tx.evm.unbounded_give"}, id="claims-to-stranger"),
    pytest.param(COORDINATOR, process(STRANGER, earner=addr("other-earner")), Action.ALLOW,
                 set(), id="claim-for-another-earner-moves-nothing-of-own"),
    pytest.param(COORDINATOR, call("setClaimerFor(address)", FRIEND), Action.ALLOW, set(),
                 id="claimer-allowlisted"),
    pytest.param(COORDINATOR, call("setClaimerFor(address)", STRANGER), Action.BLOCK,
                 {"tx.evm.rewards_claimer_change"}, id="claimer-stranger"),
    pytest.param(COORDINATOR, call("setClaimerFor(address)", "0x" + "00" * 20), Action.ALLOW,
                 set(), id="claimer-cleared"),
    pytest.param(VAULT, symbiotic("deposit", OWN, 32 * ETH), Action.ALLOW, set(),
                 id="vault-deposit-own"),
    pytest.param(VAULT, symbiotic("deposit", STRANGER, 32 * ETH), Action.BLOCK,
                 {"tx.evm.swap_recipient"}, id="vault-deposit-for-stranger"),
    pytest.param(VAULT, symbiotic("withdraw", OWN, 10 * ETH), Action.ALLOW, set(),
                 id="vault-withdraw-own"),
    pytest.param(VAULT, symbiotic("withdraw", STRANGER, 10 * ETH), Action.FLAG,
                 {"tx.evm.unknown_recipient"}, id="vault-withdraw-stranger-claimer"),
    pytest.param(VAULT, symbiotic("redeem", STRANGER, 10 * ETH), Action.FLAG,
                 {"tx.evm.unknown_recipient"}, id="vault-redeem-stranger-claimer"),
    pytest.param(VAULT, symbiotic("claim", OWN, 41), Action.ALLOW, set(), id="vault-claim-own"),
    pytest.param(VAULT, symbiotic("claim", FRIEND, 41), Action.ALLOW, set(),
                 id="vault-claim-allowlisted"),
    pytest.param(VAULT, symbiotic("claim", STRANGER, 41), Action.BLOCK, {"tx.evm.unbounded_give"},
                 id="vault-claim-stranger"),
    pytest.param(VAULT, call("claimBatch(address,uint256[])", STRANGER, [40, 41]), Action.BLOCK,
                 {"tx.evm.unbounded_give"}, id="vault-claim-batch-stranger"),
]  # fmt: skip


@pytest.mark.parametrize(("to", "data", "action", "expected"), CASES)
def test_verdict(to: str, data: bytes, action: Action, expected: set[str]) -> None:
    """Own / allowlisted recipients and claimers pass; all of own's rewards or a matured
    withdrawal to a stranger, a stranger claimer or shares credited to a stranger block; an
    explicit withdrawal to a stranger flags."""
    verdict = judged(own_tx(to, data), FRIEND, to)
    assert verdict.action is action, verdict.effect_lines
    assert rules(verdict) == expected


OWN_SAFE = addr("own-safe")  # a second own account: OWN is its claimer


def two_owned() -> Guard:
    policy = Policy.model_validate(
        {"wallet": {"evm": [OWN, OWN_SAFE]}, "allowlist": {"evm": [FRIEND.lower()]}}
    )
    return Guard(policy, classifier=False)


@pytest.mark.parametrize(
    ("data", "action", "expected"),
    [
        pytest.param(process(STRANGER, earner=OWN_SAFE), Action.BLOCK, {"tx.evm.unbounded_give"},
                     id="other-own-earner-to-stranger"),
        pytest.param(process(FRIEND, earner=OWN_SAFE), Action.ALLOW, set(),
                     id="other-own-earner-to-allowlisted"),
        pytest.param(process(OWN_SAFE, earner=OWN_SAFE), Action.ALLOW, set(),
                     id="other-own-earner-to-itself"),
        pytest.param(process(STRANGER, earner=addr("other-earner")), Action.ALLOW, set(),
                     id="stranger-earner-moves-nothing-of-own"),
    ],
)  # fmt: skip
def test_claim_is_judged_by_whose_rewards_they_are(
    data: bytes, action: Action, expected: set[str]
) -> None:
    """A claim made as the claimer of another own account is that account's give: all of its
    rewards to a stranger block, as the caller's own would (F6 of review16); a stranger
    earner's rewards are none of own's funds."""
    verdict = two_owned().check_transaction(own_tx(COORDINATOR, data), chain="evm")
    assert verdict.action is action, verdict.effect_lines
    assert rules(verdict) == expected


def test_claim_reads_each_token_of_the_earner() -> None:
    """processClaim: every token leaf of own's claim, all of it, to the recipient."""
    ops = operations(own_tx(COORDINATOR, process(STRANGER)))
    assert [
        (op.asset.address, op.recipient, op.amount) for op in ops if isinstance(op, Transfer)
    ] == [
        (EIGEN, STRANGER, None),
        (WETH, STRANGER, None),
    ]
    own = operations(own_tx(COORDINATOR, process(OWN)))
    assert [(op.asset.address, op.recipient) for op in own if isinstance(op, Receipt)] == [
        (EIGEN, OWN),
        (WETH, OWN),
    ]


def test_claimer_is_an_authority_over_own_rewards() -> None:
    """setClaimerFor: the claimer role over own's rewards in the RewardsCoordinator."""
    (op,) = operations(own_tx(COORDINATOR, call("setClaimerFor(address)", STRANGER)))
    assert isinstance(op, AuthorityChange)
    assert (op.account, op.new_authority, op.authority_type) == (COORDINATOR, STRANGER, "claimer")


def test_deposit_gives_collateral_for_shares() -> None:
    """deposit(onBehalfOf, amount): wstETH in, the vault's shares to ``onBehalfOf``."""
    ops = operations(own_tx(VAULT, symbiotic("deposit", STRANGER, 32 * ETH)))
    (give,) = [op for op in ops if isinstance(op, Transfer)]
    (got,) = [op for op in ops if isinstance(op, Receipt)]
    assert (give.asset.address, give.amount, give.recipient) == (WSTETH, 32 * ETH, VAULT)
    assert (got.asset.address, got.recipient) == (VAULT, STRANGER)


@pytest.mark.parametrize(
    ("to", "data"),
    [
        pytest.param(addr("fake-coordinator"), process(OWN), id="lookalike-coordinator"),
        pytest.param(addr("fake-coordinator"), call("setClaimerFor(address)", FRIEND),
                     id="lookalike-set-claimer"),
        pytest.param(addr("unlisted-vault"), symbiotic("deposit", OWN, ETH), id="unlisted-vault"),
        pytest.param(addr("token-pool"), symbiotic("deposit", WETH, ETH),
                     id="deposit-token-amount-elsewhere"),
    ],
)  # fmt: skip
def test_same_selectors_elsewhere_are_opaque(to: str, data: bytes) -> None:
    """A contract not in the address book is not read as the protocol: an unknown call
    (``deposit(address,uint256)`` is also ``deposit(token, amount)`` on many contracts)."""
    ops = operations(own_tx(to, data))
    assert not [op for op in ops if isinstance(op, Transfer | Receipt | AuthorityChange)]
    verdict = judged(own_tx(to, data), FRIEND)
    assert verdict.action is Action.FLAG and "tx.evm.unknown_call" in rules(verdict)


SAFE = addr("treasury-safe")
SIGNER = addr("safe-owner")
MODIFIER = addr("roles-modifier")


def safe_exec(inner: bytes) -> dict[str, Any]:
    """A Safe transaction calling the Roles modifier, sent by one of the Safe's owners."""
    zero = "0x" + "00" * 20
    sig = bytes(12) + bytes.fromhex(SIGNER[2:]) + bytes(32) + b"\x01"  # pre-validated (v=1)
    data = call(_EXEC, MODIFIER, 0, inner, 0, 0, 0, 0, zero, zero, sig)
    return tx(SAFE, data, **{"from": SIGNER})


def assign(member: str, *on: bool) -> bytes:
    return call(_ASSIGN, member, [keccak(text=f"role{i}") for i in range(len(on))], list(on))


def test_role_member_is_an_authority_over_the_safe() -> None:
    """assignRoles from the Safe: the member holds ``role_member`` over the Safe."""
    ops = decode_evm(safe_exec(assign(STRANGER, True))).operations
    (power,) = [op for op in ops if isinstance(op, AuthorityChange)]
    assert (power.account, power.new_authority, power.authority_type) == (
        SAFE,
        STRANGER,
        "role_member",
    )


@pytest.mark.parametrize(
    ("inner", "action", "blocking"),
    [
        pytest.param(assign(STRANGER, True), Action.BLOCK, "tx.evm.roles_member_change",
                     id="stranger-member"),
        pytest.param(assign(STRANGER, False, True), Action.BLOCK, "tx.evm.roles_member_change",
                     id="stranger-member-one-of-two"),
        pytest.param(assign(FRIEND, True), Action.FLAG, None, id="allowlisted-member"),
        pytest.param(assign(STRANGER, False), Action.FLAG, None, id="revoke-only"),
    ],
)  # fmt: skip
def test_roles_verdict(inner: bytes, action: Action, blocking: str | None) -> None:
    """A stranger made a member blocks; an allowlisted member or a revoke is only the unknown
    call on the (unpinnable, per-Safe) modifier: FLAG."""
    verdict = judged(safe_exec(inner), FRIEND, own=SAFE)
    assert verdict.action is action, verdict.effect_lines
    assert "tx.evm.unknown_call" in rules(verdict)
    assert (
        (blocking in rules(verdict))
        if blocking
        else "tx.evm.roles_member_change" not in rules(verdict)
    )


@pytest.mark.parametrize(
    "payload",
    [
        pytest.param(own_tx(COORDINATOR, process(OWN)[:300]), id="claim-cut"),
        pytest.param(own_tx(VAULT, symbiotic("claim", OWN, 41)[:40]), id="vault-cut"),
        pytest.param(
            safe_exec(call(_ASSIGN, STRANGER, [keccak(text="r")], [True, False])),
            id="roles-arrays-differ",
        ),
    ],
)
def test_malformed_is_a_decode_error_or_not_allowed(payload: dict[str, Any]) -> None:
    """Cut calldata raises the typed error at the top level; nothing malformed is allowed."""
    if payload["to"] != SAFE:
        with pytest.raises(EvmDecodeError):
            decode_evm(payload)
    own = SAFE if payload["to"] == SAFE else OWN
    assert judged(payload, FRIEND, own=own).action is not Action.ALLOW
