"""Who may sign for a smart account (``protocols/account_signers.py``): an Ambire privilege or a
thirdweb admin / session signer handed to a stranger is authority over the account (BLOCK;
a bounded, short-lived session signer FLAGs), to an allowlisted key it passes, removing one
gives nobody anything; Ambire's executors run their calls as the account.

Signatures from AmbireTech/ambire-common ``contracts/AmbireAccount.sol`` and thirdweb-dev
``AccountPermissions.sol`` / the thirdweb SDK's ``SignerPermissionRequest`` type; calldata is
eth_abi's encoding; accounts, keys and strangers are generated addresses."""

from __future__ import annotations

import time
from typing import Any

import pytest

from aiegis_guard import Action, Guard
from aiegis_guard.policy import Policy
from tests.evm_builders import call
from tests.receiver_builders import STRANGER, USDC, ZERO, addr

ACCOUNT = addr("smart account")
KEY = addr("account key")
HARDWARE = addr("hardware key")
SESSION = addr("session key")
GAME = addr("game contract")
VENDOR = addr("vendor")
FALLBACK_SLOT = "0x" + "00" * 18 + "6969"
_SET_PRIV = "setAddrPrivilege(address,bytes32)"
_EXEC_BY_SENDER = "executeBySender((address,uint256,bytes)[])"
_REQUEST = "(address,uint8,address[],uint256,uint128,uint128,uint128,uint128,bytes32)"


def verdict(payload: dict[str, Any], typed: bool = False) -> Action:
    """The account's verdict (KEY sends; HARDWARE and SESSION allowlisted as operators, VENDOR
    as a recipient)."""
    policy = Policy.model_validate(
        {
            "wallet": {"evm": [ACCOUNT]},
            "allowlist": {"evm": [VENDOR], "evm_operators": [HARDWARE, SESSION]},
        }
    )
    guard = Guard(policy, classifier=False)
    if typed:
        return guard.check_typed_data(payload).action
    return guard.check_transaction(payload, chain="evm").action


def _by_sender(*calls: tuple[str, int, bytes]) -> dict[str, Any]:
    data = call(_EXEC_BY_SENDER, list(calls))
    return {"from": KEY, "to": ACCOUNT, "value": 0, "data": "0x" + data.hex(), "chainId": 1}


def _priv(who: str, priv: int) -> tuple[str, int, bytes]:
    return (ACCOUNT, 0, call(_SET_PRIV, who, priv.to_bytes(32, "big")))


def _pay(to: str) -> tuple[str, int, bytes]:
    return (USDC, 0, call("transfer(address,uint256)", to, 10**9))


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        pytest.param(_by_sender(_priv(STRANGER, 1)), Action.BLOCK, id="privilege-stranger"),
        pytest.param(_by_sender(_priv(HARDWARE, 1)), Action.ALLOW, id="privilege-hardware-key"),
        pytest.param(_by_sender(_priv(STRANGER, 0)), Action.ALLOW, id="privilege-removed"),
        pytest.param(_by_sender(_pay(VENDOR)), Action.ALLOW, id="payment-allowlisted"),
        pytest.param(_by_sender(_pay(VENDOR), _priv(STRANGER, 2**255)), Action.BLOCK,
                     id="payment-with-hidden-privilege"),
        pytest.param(_by_sender(_priv(FALLBACK_SLOT, int(STRANGER, 16))), Action.BLOCK,
                     id="fallback-handler-stranger"),
        pytest.param(_by_sender(_priv(STRANGER, 0x7171)), Action.BLOCK,
                     id="entry-point-marker-stranger"),
    ],
)  # fmt: skip
def test_ambire_privileges(payload: dict[str, Any], expected: Action) -> None:
    """A privilege is a signing key of the account; the fallback slot runs code as it."""
    assert verdict(payload) is expected


def _request(
    signer: str, admin: int, targets: list[str], end: int, limit: int = 0
) -> dict[str, Any]:
    now = int(time.time())
    fields = [("signer", "address"), ("isAdmin", "uint8"), ("approvedTargets", "address[]"),
              ("nativeTokenLimitPerTransaction", "uint256"),
              ("permissionStartTimestamp", "uint128"), ("permissionEndTimestamp", "uint128"),
              ("reqValidityStartTimestamp", "uint128"), ("reqValidityEndTimestamp", "uint128"),
              ("uid", "bytes32")]  # fmt: skip
    domain = [("name", "string"), ("version", "string"), ("chainId", "uint256"),
              ("verifyingContract", "address")]  # fmt: skip
    return {
        "types": {
            "EIP712Domain": [{"name": n, "type": t} for n, t in domain],
            "SignerPermissionRequest": [{"name": n, "type": t} for n, t in fields],
        },
        "primaryType": "SignerPermissionRequest",
        "domain": {
            "name": "Account",
            "version": "1",
            "chainId": 8453,
            "verifyingContract": ACCOUNT,
        },
        "message": {
            "signer": signer,
            "isAdmin": admin,
            "approvedTargets": targets,
            "nativeTokenLimitPerTransaction": limit,
            "permissionStartTimestamp": now,
            "permissionEndTimestamp": end,
            "reqValidityStartTimestamp": now,
            "reqValidityEndTimestamp": now + 3600,
            "uid": "0x" + "11" * 32,
        },
    }


WEEK = int(time.time()) + 7 * 86400
DECADE = int(time.time()) + 10 * 365 * 86400


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        pytest.param(_request(STRANGER, 1, [], 0), Action.BLOCK, id="admin-stranger"),
        pytest.param(_request(HARDWARE, 1, [], 0), Action.ALLOW, id="admin-allowlisted"),
        pytest.param(_request(STRANGER, 2, [], 0), Action.ALLOW, id="admin-removed"),
        pytest.param(_request(SESSION, 0, [GAME], WEEK), Action.ALLOW, id="session-allowlisted"),
        pytest.param(_request(STRANGER, 0, [GAME], WEEK), Action.FLAG,
                     id="session-stranger-bounded-short"),
        pytest.param(_request(STRANGER, 0, [USDC], DECADE), Action.BLOCK,
                     id="session-stranger-long-lived"),
        pytest.param(_request(STRANGER, 0, [ZERO], WEEK), Action.BLOCK,
                     id="session-stranger-every-target"),
        pytest.param(_request(STRANGER, 0, [], WEEK), Action.ALLOW, id="session-no-target"),
    ],
)  # fmt: skip
def test_thirdweb_signer_request(payload: dict[str, Any], expected: Action) -> None:
    """An admin is an owner; a session signer a delegate, bounded by targets and its end."""
    assert verdict(payload, typed=True) is expected


def test_thirdweb_request_without_signed_is_admin_is_an_admin() -> None:
    """The contract's TYPEHASH without ``isAdmin``: the submitter sets it; a session key to a
    stranger signed in that form can become an admin (BLOCK), an allowlisted one passes."""
    for signer, expected in ((STRANGER, Action.BLOCK), (SESSION, Action.ALLOW)):
        payload = _request(signer, 0, [GAME], WEEK)
        del payload["message"]["isAdmin"]
        fields = payload["types"]["SignerPermissionRequest"]
        payload["types"]["SignerPermissionRequest"] = [f for f in fields if f["name"] != "isAdmin"]
        assert verdict(payload, typed=True) is expected


def test_thirdweb_request_sent_on_chain() -> None:
    """``setPermissionsForSigner(req, sig)`` sent to the account is the same grant."""
    req = (STRANGER, 1, [], 0, 0, 0, 0, 2**64, b"\1" * 32)
    data = call(f"setPermissionsForSigner({_REQUEST},bytes)", req, b"\2" * 65)
    payload = {"from": KEY, "to": ACCOUNT, "value": 0, "data": "0x" + data.hex(), "chainId": 1}
    assert verdict(payload) is Action.BLOCK
