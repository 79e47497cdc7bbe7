"""Token-2022 authorities: every SetAuthority type and the extensions that move authority or
lamports (token/program-2022 ``instruction.rs``), judged as effects on the own accounts."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import solders.system_program as sp
import spl as sx
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from aiegis_guard.chains.solana import programs as progs
from aiegis_guard.findings import Action
from aiegis_guard.guard import Guard
from aiegis_guard.policy import Policy

ME = Keypair().pubkey()
MINT = Pubkey.new_unique()
STRANGER = Pubkey.new_unique()
FRIEND = Pubkey.new_unique()  # allowlisted delegate


@pytest.mark.parametrize(
    "kind", [0, 1, 2, 3, 9, 11], ids=[progs.SPL_AUTHORITY_TYPES[k] for k in (0, 1, 2, 3, 9, 11)]
)
def test_every_authority_type_to_a_stranger_blocks(kind: int) -> None:
    """SetAuthority of any type over an own account/mint to a stranger BLOCKs and says which."""
    ix = sx.set_authority(MINT, ME, kind, STRANGER, sx.TOKEN_2022)
    verdict = Guard(Policy(), classifier=False).check_transaction(sx.message(ME, [ix]))
    assert verdict.action is Action.BLOCK and "tx.sol.set_authority" in verdict.rule_ids
    (effect,) = verdict.effects
    assert (effect["kind"], effect["what"]) == ("authority", progs.SPL_AUTHORITY_TYPES[kind])
    assert effect["counterparty"] == str(STRANGER)


def _new_mint(*extension: Instruction) -> list[Instruction]:
    create = sp.create_account(
        {"from_pubkey": ME, "to_pubkey": MINT, "lamports": 10**7, "space": 300}
        | {"owner": sx.TOKEN_2022}
    )
    return [create, *extension]


def _ext(data: bytes, *accounts: Pubkey) -> Instruction:
    return sx.raw(sx.TOKEN_2022, data, *(sx._w(a) for a in accounts))


CASES = [
    pytest.param(
        lambda: _new_mint(_ext(bytes([35]) + bytes(STRANGER), MINT)),
        Action.BLOCK,
        id="own-new-mint-permanent-delegate-stranger",
    ),
    pytest.param(
        lambda: _new_mint(_ext(bytes([35]) + bytes(FRIEND), MINT)),
        Action.ALLOW,
        id="own-new-mint-permanent-delegate-allowlisted",
    ),
    pytest.param(
        lambda: _new_mint(_ext(bytes([36, 0]) + bytes(32) + bytes(STRANGER), MINT)),
        Action.BLOCK,
        id="own-new-mint-transfer-hook-unknown-program",
    ),
    pytest.param(
        lambda: _new_mint(_ext(bytes([36, 0]) + bytes(64), MINT)),
        Action.ALLOW,
        id="own-new-mint-without-transfer-hook",
    ),
    pytest.param(
        lambda: [sx.raw(sx.TOKEN_2022, bytes([38]), sx._w(MINT), sx._w(STRANGER), sx._s(ME))],
        Action.BLOCK,  # every lamport above rent: a give with no bound (tx.sol.unbounded_give)
        id="withdraw-excess-lamports-to-stranger",
    ),
    # review18 F13: the same authority through the interface instructions and the pointers
    # (token-metadata / token-group interface instruction.rs; extension/*_pointer/instruction.rs)
    *[
        pytest.param(
            (
                lambda data=data, who=who: [
                    sx.raw(sx.TOKEN_2022, data + bytes(who), sx._w(MINT), sx._s(ME))
                ]
            ),
            action,
            id=f"{name}-{label}",
        )
        for name, data in (
            ("metadata-interface-update-authority", bytes.fromhex("d7e4a6e45464567b")),
            ("group-interface-update-authority", bytes.fromhex("a1695801edddd8cb")),
            ("metadata-pointer-update", bytes([39, 1])),
            ("group-pointer-update", bytes([40, 1])),
            ("group-member-pointer-update", bytes([41, 1])),
        )
        for label, who, action in (
            ("stranger", STRANGER, Action.BLOCK),
            ("allowlisted", FRIEND, Action.ALLOW),
            ("removed", Pubkey.from_bytes(bytes(32)), Action.ALLOW),
        )
    ],
    pytest.param(
        lambda: _new_mint(_ext(bytes([39, 0]) + bytes(STRANGER) + bytes(MINT), MINT)),
        Action.BLOCK,
        id="own-new-mint-metadata-pointer-authority-stranger",
    ),
    pytest.param(
        lambda: _new_mint(_ext(bytes([39, 0]) + bytes(ME) + bytes(MINT), MINT)),
        Action.ALLOW,
        id="own-new-mint-metadata-pointer-authority-own",
    ),
    pytest.param(
        lambda: [sx.raw(sx.TOKEN_2022, bytes([38]), sx._w(MINT), sx._w(ME), sx._s(ME))],
        Action.ALLOW,
        id="withdraw-excess-lamports-to-own",
    ),
]


@pytest.mark.parametrize(("make", "action"), CASES)
def test_extensions(make: Callable[[], list[Instruction]], action: Action) -> None:
    """A mint the agent funds here is its own: its delegate / hook go to own or allowlisted."""
    policy = Policy.model_validate(
        {"allowlist": {"solana_delegates": [str(FRIEND)], "solana_programs": []}}
    )
    verdict = Guard(policy, classifier=False).check_transaction(sx.message(ME, make()))
    assert verdict.action is action, verdict.explain()
