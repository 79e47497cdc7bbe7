"""Smart-account administration judged by effect: ERC-7579 modules, ZeroDev Kernel v2 validators.

Calldata is encoded by eth_abi from the published signatures (erc7579/erc7579-implementation
``IERC7579Account.installModule`` / ``uninstallModule``; zerodevapp/kernel v2
``setDefaultValidator`` / ``setExecution`` / ``execute(address,uint256,bytes,uint8)``); the
accounts, modules and keys are generated (never funded) addresses.
"""

from __future__ import annotations

from typing import Any

import pytest
from eth_abi import encode
from eth_utils import keccak
from evm_builders import call, tx

from aiegis_guard.findings import Action
from aiegis_guard.guard import Guard
from aiegis_guard.policy import Allowlist, Policy, Wallet


def _addr(label: str) -> str:
    return "0x" + keccak(text=f"aiegis-test:smart-account:{label}")[-20:].hex()


ACCOUNT = _addr("account")  # the agent's smart account (own)
OWNER = _addr("owner-eoa")  # the EOA that signs for it
STRANGER = _addr("stranger")
MODULE_OK = _addr("session-key-validator")  # allowlisted operator
NEW_KEY = _addr("new-key")  # allowlisted recipient (the owner's next key)
ZERO = "0x" + "00" * 20

_INSTALL = "installModule(uint256,address,bytes)"
_UNINSTALL = "uninstallModule(uint256,address,bytes)"
_DEFAULT = "setDefaultValidator(address,bytes)"
_EXECUTION = "setExecution(bytes4,address,address,uint48,uint48,bytes)"
_KERNEL_EXECUTE = "execute(address,uint256,bytes,uint8)"
_7579_EXECUTE = "execute(bytes32,bytes)"


def _guard() -> Guard:
    policy = Policy(
        wallet=Wallet(evm=frozenset({ACCOUNT})),
        allowlist=Allowlist(
            evm=frozenset({NEW_KEY}),
            evm_operators=frozenset({MODULE_OK}),
        ),
    )
    return Guard(policy, classifier=False)


def _check(data: bytes) -> Any:
    return _guard().check_transaction({**tx(ACCOUNT, data), "from": OWNER}, chain="evm")


def _authorities(verdict: Any) -> set[tuple[str, str]]:
    return {(e["counterparty"], e["what"]) for e in verdict.effects if e["kind"] == "authority"}


@pytest.mark.parametrize(("type_id", "kind"), [(1, "validator"), (2, "executor"), (3, "fallback"),
                                               (4, "hook"), (7, "type_7")])  # fmt: skip
def test_stranger_module_on_own_account_blocks(type_id: int, kind: str) -> None:
    """Any module type installed from a stranger is an authority over the account: BLOCK."""
    verdict = _check(call(_INSTALL, type_id, STRANGER, b"\x01" * 64))
    assert verdict.action is Action.BLOCK
    assert "tx.evm.account_module_change" in {f.rule_id for f in verdict.findings}
    assert (STRANGER, f"{kind}_module") in _authorities(verdict)


def test_allowlisted_module_allows_and_recipient_entry_does_not_suffice() -> None:
    """A module needs an operator / delegate / spender entry (as Safe modules); a recipient
    entry names someone to pay, not someone to act for the account."""
    assert _check(call(_INSTALL, 2, MODULE_OK, b"")).action is Action.ALLOW
    assert _check(call(_INSTALL, 2, NEW_KEY, b"")).action is Action.BLOCK


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(call(_DEFAULT, MODULE_OK, bytes.fromhex(STRANGER[2:]) + b"\0"), id="default"),
        pytest.param(call(_INSTALL, 1, MODULE_OK, bytes.fromhex(STRANGER[2:]) + b"\0" * 12),
                     id="install"),
        pytest.param(call(_EXECUTION, b"\xa9\x05\x9c\xbb", ZERO, MODULE_OK, 0, 0,
                          bytes.fromhex(STRANGER[2:]) + b"\x01"), id="execution"),
    ],
)  # fmt: skip
def test_trusted_validator_with_a_stranger_key_and_more_bytes_blocks(data: bytes) -> None:
    """The ECDSA validator reads the first 20 bytes of its enable data, whatever follows: a
    trusted validator enabled with a stranger's key is an owner change (not a silent pass)."""
    verdict = _check(data)
    assert verdict.action is Action.BLOCK
    assert (STRANGER, "owner") in _authorities(verdict)


@pytest.mark.parametrize(
    "data",
    [
        call(_UNINSTALL, 1, STRANGER, b""),
        call(_INSTALL, 1, ZERO, bytes.fromhex(STRANGER[2:])),
        call(_EXECUTION, b"\xa9\x05\x9c\xbb", ZERO, ZERO, 0, 0, b""),
    ],
)
def test_removals_on_another_contract_are_unknown_calls(data: bytes) -> None:
    """The same selectors on a contract that is not the own account run what it holds."""
    payload = {**tx(STRANGER, data), "from": OWNER}
    assert _guard().check_transaction(payload, chain="evm").action is Action.FLAG


def test_uninstall_is_a_revoke() -> None:
    """Removing a module gives nobody anything."""
    verdict = _check(call(_UNINSTALL, 1, STRANGER, b""))
    assert verdict.action is Action.ALLOW
    assert not _authorities(verdict)


@pytest.mark.parametrize(
    ("key", "action"),
    [
        pytest.param(NEW_KEY, Action.ALLOW, id="allowlisted-key"),
        pytest.param(STRANGER, Action.BLOCK, id="stranger-key"),
    ],
)
def test_validator_key_is_an_owner(key: str, action: Action) -> None:
    """A trusted validator enabled with a 20-byte key (the ECDSA validator's layout) hands the
    account to that key: an owner authority, allowlisted in any role."""
    key_bytes = bytes.fromhex(key[2:])
    for data in (call(_DEFAULT, MODULE_OK, key_bytes), call(_INSTALL, 1, MODULE_OK, key_bytes)):
        verdict = _check(data)
        assert verdict.action is action
        assert (key, "owner") in _authorities(verdict)


def test_default_validator_of_a_stranger_blocks() -> None:
    """Kernel v2 ``setDefaultValidator``: the stranger's validator authorises every UserOp."""
    verdict = _check(call(_DEFAULT, STRANGER, b""))
    assert verdict.action is Action.BLOCK
    assert _authorities(verdict) == {(STRANGER, "default_validator")}


def test_set_execution_names_executor_and_validator() -> None:
    """``setExecution`` routes a selector to an executor authorised by a validator: both are
    authorities; zero for both removes the route (nothing handed over)."""
    selector = keccak(text=_KERNEL_EXECUTE)[:4]
    verdict = _check(call(_EXECUTION, selector, STRANGER, MODULE_OK, 0, 0, b""))
    assert verdict.action is Action.BLOCK
    assert {who for who, _ in _authorities(verdict)} == {STRANGER, MODULE_OK}
    cleared = _check(call(_EXECUTION, selector, ZERO, ZERO, 0, 0, b""))
    assert cleared.action is Action.ALLOW and not _authorities(cleared)


def _effect_keys(verdict: Any) -> set[tuple[Any, ...]]:
    return {(e["kind"], e["account"], e["counterparty"], e["what"]) for e in verdict.effects}


def test_self_calls_through_execute_read_as_flat() -> None:
    """The same administration carried by the account's own ``execute`` (Kernel v2
    ``execute(to, value, data, 0)``, ERC-7579 single-call mode) has the same effects."""
    inner = call(_INSTALL, 1, STRANGER, b"")
    flat = _check(inner)
    kernel = _check(call(_KERNEL_EXECUTE, ACCOUNT, 0, inner, 0))
    packed = bytes.fromhex(ACCOUNT[2:]) + (0).to_bytes(32, "big") + inner
    erc7579 = _check(call(_7579_EXECUTE, bytes(32), packed))
    assert flat.action is kernel.action is erc7579.action is Action.BLOCK
    assert _effect_keys(flat) == _effect_keys(kernel) == _effect_keys(erc7579)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(call(_INSTALL, 1, STRANGER, b"")[:40], id="truncated-install"),
        pytest.param(
            keccak(text=_DEFAULT)[:4] + encode(["address", "uint256"], [STRANGER, 2**200]),
            id="bytes-offset-out-of-range",
        ),
    ],
)
def test_bad_calldata_is_never_allowed(data: bytes) -> None:
    """Truncated or malformed administration calldata is not silently allowed."""
    assert _check(data).action is not Action.ALLOW
