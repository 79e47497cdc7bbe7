"""ZeroDev Kernel v3 validations (``protocols/kernel_v3.py``) and Rhinestone Smart Sessions
(``protocols/smart_sessions.py``): a session key or permission signer gains power over the own
account. A permission (ECDSA signer + policies) is authority ``delegate`` to the key, lapsing
at its timestamp policy; the ECDSA validator makes its key an ``owner``; an enable that routes
a selector by DELEGATECALL hands ``code``. A Smart Session's token action bounded by a
SpendingLimitsPolicy is a grant of that amount; the fallback action is ``delegate``. The same
effect judges the same through a signed ``Enable``, an ``installValidations`` UserOperation, a
Kernel ``execute`` self-call and a Safe transaction. Layouts: zerodevapp/kernel v3.1
``ValidationManager.sol`` / zerodevapp/sdk permission plugins; erc7579/smartsessions
``DataTypes.sol``, rhinestonewtf/module-sdk policies. Parties are generated."""

from __future__ import annotations

import time
from typing import Any

import pytest
from eth_abi import encode

from aiegis_guard import Action, Guard
from aiegis_guard.policy import Policy
from tests.evm_builders import call, tx
from tests.receiver_builders import OWN, STRANGER, addr

OWNER = addr("owner-eoa")  # the key that signs for OWN, the smart account
AGENT = addr("agent-session-key")
LOOKALIKE = AGENT[:8] + "ab" * 15 + AGENT[-4:]
USDC = "0x833589fcd6edb6e08f4c7c32d4f71b54bda02913"
ENTRY_POINT = "0x0000000071727de22e5e9d8baf0edac6f37da032"
ECDSA_SIGNER = "0x6a6f069e2a08c2468e7724ab3250cdbfba14d4ff"
SUDO = "0x67b436cad8a6d025df6c82c5bb43fbf11fc5b9b7"
TIMESTAMP = "0xb9f8f524be6ecd8c945b1b87f9ae5c192fdce20f"
ECDSA_VALIDATOR = "0x845adb2c711129d4f3966735ed98a9f09fc4ce57"
EXECUTE = bytes.fromhex("e9ae5c53")
SMART_SESSIONS = "0x00000000002b0ecfbd0496ee71e01257da0e37de"
OWNABLE = "0x2483da3a338895199e5e538530213157e931bf06"
SPENDING = "0x00000088d48cf102a8cdb0137a9b173f957c6343"
TIME_FRAME = "0x8177451511de0577b911c254e9551d981c26dc72"
SMART_SUDO = "0x0000003111cd8e92337c100f22b7a9dbf8dee301"
FALLBACK = "0x" + "00" * 19 + "01"
HOUR = 3600


def soon() -> int:
    return int(time.time()) + HOUR


def raw(a: str) -> bytes:
    return bytes.fromhex(a[2:])


# --- Kernel v3 ------------------------------------------------------------------------------


def permission(key: str, until: int | None = None, sudo: bool = False) -> bytes:
    """``abi.encode(bytes[])``: policies (flag ‖ policy ‖ data), then the ECDSA signer."""
    entries = []
    if sudo:
        entries.append(bytes(2) + raw(SUDO))
    if until is not None:
        entries.append(bytes(2) + raw(TIMESTAMP) + encode(["uint48", "uint48"], [0, until]))
    entries.append(bytes(2) + raw(ECDSA_SIGNER) + raw(key))
    return encode(["bytes[]"], [entries])


PERMISSION_ID = bytes([2]) + bytes.fromhex("a7de72a5") + bytes(16)


def enable(vid: bytes, data: bytes, selector_data: bytes = EXECUTE) -> dict[str, Any]:
    fields = ["validationId:bytes21", "nonce:uint32", "hook:address", "validatorData:bytes",
              "hookData:bytes", "selectorData:bytes"]  # fmt: skip
    domain = {"name": "Kernel", "version": "0.3.1", "chainId": 8453, "verifyingContract": OWN}
    return {
        "types": {
            "EIP712Domain": [
                {"name": n, "type": t}
                for n, t in (
                    ("name", "string"),
                    ("version", "string"),
                    ("chainId", "uint256"),
                    ("verifyingContract", "address"),
                )
            ],
            "Enable": [dict(zip(("name", "type"), f.split(":"), strict=True)) for f in fields],
        },
        "primaryType": "Enable",
        "domain": domain,
        "message": {
            "validationId": "0x" + vid.hex(),
            "nonce": 1,
            "hook": "0x" + "00" * 20,
            "validatorData": "0x" + data.hex(),
            "hookData": "0x",
            "selectorData": "0x" + selector_data.hex(),
        },
    }


def install(vid: bytes, data: bytes) -> bytes:
    sig = "installValidations(bytes21[],(uint32,address)[],bytes[],bytes[])"
    return call(sig, [vid], [(1, FALLBACK)], [data], [b""])


def user_op(call_data: bytes) -> dict[str, Any]:
    """A self-bundled v0.7 ``handleOps([op], owner)`` running ``call_data`` in OWN."""
    op = (OWN, 0, b"", call_data, bytes(32), 0, bytes(32), b"", b"")
    sig = "handleOps((address,uint256,bytes,bytes,bytes32,uint256,bytes32,bytes,bytes)[],address)"
    return tx(ENTRY_POINT, call(sig, [op], OWNER), **{"from": OWNER, "chainId": 8453})


def self_execute(to: str, data: bytes) -> dict[str, Any]:
    """OWN's ERC-7579 ``execute(single mode, to ‖ value ‖ data)`` called by its owner."""
    single = raw(to) + bytes(32) + data
    return tx(OWN, call("execute(bytes32,bytes)", bytes(32), single), **{"from": OWNER})


def delegatecall_route(target: str) -> bytes:
    """selectorData installing ``claimRewards()`` routed by DELEGATECALL to ``target``."""
    init = encode(["bytes", "bytes"], [b"\xff", b""])
    return bytes.fromhex("372500ab") + raw(target) + bytes(20) + init


def judge(payload: dict[str, Any]) -> Action:
    allow = {"evm_operators": [AGENT], "evm_spenders": [AGENT], "evm": [OWNER]}
    policy = Policy.model_validate({"wallet": {"evm": [OWN, OWNER]}, "allowlist": allow})
    guard = Guard(policy, classifier=False)
    if "primaryType" in payload:
        return guard.check_typed_data(payload).action
    return guard.check_transaction(payload, chain="evm").action


SECONDARY = bytes([1]) + raw(ECDSA_VALIDATOR)
KERNEL = [
    pytest.param(enable(PERMISSION_ID, permission(AGENT, soon())), Action.ALLOW,
                 id="enable-agent-one-hour"),
    pytest.param(enable(PERMISSION_ID, permission(STRANGER, sudo=True)), Action.BLOCK,
                 id="enable-stranger-sudo"),
    pytest.param(enable(PERMISSION_ID, permission(LOOKALIKE, soon())), Action.BLOCK,
                 id="enable-lookalike-one-hour"),
    pytest.param(enable(PERMISSION_ID, permission(STRANGER, soon())), Action.FLAG,
                 id="enable-stranger-one-hour-is-short-lived-authority"),
    pytest.param(enable(PERMISSION_ID, permission(STRANGER, 2**40)), Action.BLOCK,
                 id="enable-stranger-far-expiry"),
    pytest.param(enable(SECONDARY, raw(OWNER)), Action.ALLOW, id="enable-own-second-key"),
    pytest.param(enable(SECONDARY, raw(STRANGER)), Action.BLOCK, id="enable-stranger-owner"),
    pytest.param(enable(SECONDARY, raw(OWNER), delegatecall_route(STRANGER)), Action.BLOCK,
                 id="enable-own-key-but-delegatecall-route"),
    pytest.param(user_op(install(PERMISSION_ID, permission(AGENT, soon()))), Action.ALLOW,
                 id="userop-agent"),
    pytest.param(user_op(install(PERMISSION_ID, permission(STRANGER, sudo=True))), Action.BLOCK,
                 id="userop-stranger"),
    pytest.param(self_execute(OWN, install(PERMISSION_ID, permission(AGENT, soon()))),
                 Action.ALLOW, id="execute-agent"),
    pytest.param(self_execute(OWN, install(PERMISSION_ID, permission(STRANGER, sudo=True))),
                 Action.BLOCK, id="execute-stranger"),
    pytest.param(user_op(call("uninstallValidation(bytes21,bytes,bytes)", PERMISSION_ID, b"",
                              b"")), Action.ALLOW, id="userop-uninstall"),
]  # fmt: skip


@pytest.mark.parametrize(("payload", "expected"), KERNEL)
def test_kernel_validations(payload: dict[str, Any], expected: Action) -> None:
    """A stranger's key or code blocks; the allowlisted agent or own key passes; removal too."""
    assert judge(payload) is expected


# --- Smart Sessions -------------------------------------------------------------------------


def session(keys: list[str], actions: list[Any], until: int, threshold: int = 1) -> Any:
    validator_init = encode(["uint256", "address[]"], [threshold, keys])
    time_frame = (TIME_FRAME, until.to_bytes(6, "big") + bytes(6))
    return (OWNABLE, validator_init, bytes(32), [time_frame], ([], []), actions, False)


def usdc_transfer(limit: int | None) -> Any:
    policy = (SPENDING, encode(["address[]", "uint256[]"], [[USDC], [limit]])) if limit else None
    return (bytes.fromhex("a9059cbb"), USDC, [policy] if policy else [(SMART_SUDO, b"")])


ANY_CALL = (bytes.fromhex("00000001"), FALLBACK, [(SMART_SUDO, b"")])
_SESSION = ("(address,bytes,bytes32,(address,bytes)[],((bytes32,string[])[],(address,bytes)[]),"
            "(bytes4,address,(address,bytes)[])[],bool)")  # fmt: skip


def enable_sessions(*sessions: Any) -> bytes:
    return call(f"enableSessions({_SESSION}[])", list(sessions))


def safe_tx(to: str, data: bytes) -> dict[str, Any]:
    """OWN as a Safe (with the Safe7579 adapter) calling ``to``, sent by its owner."""
    sig = (
        "execTransaction(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,bytes)"
    )
    signature = bytes(12) + raw(OWNER) + bytes(32) + b"\x01"
    data = call(sig, to, 0, data, 0, 0, 0, 0, "0x" + "00" * 20, "0x" + "00" * 20, signature)
    return tx(OWN, data, **{"from": OWNER, "chainId": 8453})


SESSIONS = [
    pytest.param(safe_tx(SMART_SESSIONS, enable_sessions(session([AGENT], [usdc_transfer(
        500 * 10**6)], 2**40))), Action.ALLOW, id="safe-agent-500-usdc"),
    pytest.param(safe_tx(SMART_SESSIONS, enable_sessions(session([STRANGER], [usdc_transfer(
        20 * 10**6)], soon()))), Action.FLAG, id="safe-stranger-20-usdc-one-hour"),
    pytest.param(safe_tx(SMART_SESSIONS, enable_sessions(session([STRANGER], [usdc_transfer(
        None)], soon()))), Action.BLOCK, id="safe-stranger-no-spending-limit"),
    pytest.param(safe_tx(SMART_SESSIONS, enable_sessions(session([AGENT, STRANGER], [
        usdc_transfer(500 * 10**6)], 2**40))), Action.BLOCK, id="safe-stranger-beside-agent"),
    pytest.param(safe_tx(SMART_SESSIONS, enable_sessions(session([LOOKALIKE], [ANY_CALL],
        2**48 - 1))), Action.BLOCK, id="safe-lookalike-any-call"),
    pytest.param(safe_tx(SMART_SESSIONS, enable_sessions(session([AGENT], [ANY_CALL], soon()))),
                 Action.ALLOW, id="safe-agent-any-call"),
    pytest.param(safe_tx(SMART_SESSIONS, call("removeSession(bytes32)", bytes(32))),
                 Action.ALLOW, id="safe-remove"),
    pytest.param(self_execute(SMART_SESSIONS, enable_sessions(session([STRANGER], [ANY_CALL],
        2**40))), Action.BLOCK, id="kernel-execute-stranger-any-call"),
    pytest.param(self_execute(SMART_SESSIONS, enable_sessions(session([AGENT], [usdc_transfer(
        500 * 10**6)], 2**40))), Action.ALLOW, id="kernel-execute-agent"),
    pytest.param(safe_tx(addr("not-smart-sessions"), enable_sessions(session([AGENT], [
        usdc_transfer(10**6)], soon()))), Action.FLAG, id="another-contract-is-unknown"),
]  # fmt: skip


@pytest.mark.parametrize(("payload", "expected"), SESSIONS)
def test_smart_sessions(payload: dict[str, Any], expected: Action) -> None:
    """A session for a stranger blocks unless bounded and short-lived; the agent's passes."""
    assert judge(payload) is expected
