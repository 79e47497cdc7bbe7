"""The owner's passkeys (``[wallet] passkeys``): a Coinbase Smart Wallet owner the policy can name.

A passkey owner (coinbase/smart-wallet ``src/MultiOwnable.sol``: a 64-byte owner, a P-256
public key's ``x ‖ y``) is own when ``[wallet] passkeys`` lists it, and a new owner otherwise,
on both paths that name one: the ``owners`` of ``CoinbaseSmartWalletFactory.createAccount`` in a
UserOperation's ``initCode`` (sent in ``handleOps`` or signed as typed data) and
``addOwnerPublicKey(bytes32 x, bytes32 y)``. Every passkey here is a P-256 public key of a
seeded, generated scalar (``tests/vectors/keygen.py``); every address a generated key (never
funded).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pydantic
import pytest

from aiegis_guard import Guard
from aiegis_guard.config import DEFAULT_TOML, ConfigError, load_config, parse_config
from aiegis_guard.findings import Action
from aiegis_guard.policy import Policy
from tests.evm_builders import call
from tests.test_evm_account_grants import OWN, SMART, _addr, _cbsw, _first_op, _signed_op
from tests.vectors.keygen import KeyGen

_GEN = KeyGen(13)
MINE, OTHER = _GEN.passkey(), _GEN.passkey()  # the owner's passkey; somebody else's
MINE_HEX, OTHER_HEX = "0x" + MINE.hex(), "0x" + OTHER.hex()
WALLET: dict[str, Any] = {"evm": [OWN, SMART]}
LISTED = Policy.model_validate({"wallet": {**WALLET, "passkeys": [MINE_HEX]}})
UNLISTED = Policy.model_validate({"wallet": WALLET})
OWNER_CHANGE = "tx.evm.account_owner_change"


def _add_public_key(key: bytes) -> dict[str, Any]:
    """SMART's owner (OWN) calls ``addOwnerPublicKey(x, y)`` on SMART."""
    data = call("addOwnerPublicKey(bytes32,bytes32)", key[:32], key[32:])
    return {"from": OWN, "to": SMART, "value": 0, "data": "0x" + data.hex(), "chainId": 8453}


def _check(policy: Policy, request: dict[str, Any], **kw: Any) -> Any:
    guard = Guard(policy, classifier=False)
    if "primaryType" in request:
        return guard.check_typed_data(request, **kw)
    return guard.check_transaction(request, **kw)


REQUESTS = {
    "init-code": lambda key: _first_op(_cbsw(_addr(OWN), key)),
    "signed-init-code": lambda key: _signed_op(_cbsw(_addr(OWN), key)),
    "add-owner-public-key": _add_public_key,
}
PATHS = [pytest.param(build, id=name) for name, build in REQUESTS.items()]


@pytest.mark.parametrize("build", PATHS)
@pytest.mark.parametrize(
    ("policy", "key", "action"),
    [
        pytest.param(LISTED, MINE, Action.ALLOW, id="listed-allows"),
        pytest.param(LISTED, OTHER, Action.BLOCK, id="another-passkey-blocks"),
        pytest.param(UNLISTED, MINE, Action.BLOCK, id="unlisted-blocks"),
    ],
)
def test_passkey_owner(build: Any, policy: Policy, key: bytes, action: Action) -> None:
    """A listed passkey owner is own (and its effect says so); any other is a new owner
    (BLOCK), on every path."""
    verdict = _check(policy, build(key))
    assert verdict.action is action, verdict.explain()
    assert (OWNER_CHANGE in verdict.rule_ids) is (action is Action.BLOCK)
    texts = [e["text"] for e in verdict.effects if e.get("what") == "owner_passkey"]
    assert len(texts) == 1
    assert texts[0].endswith("to own account") is (action is Action.ALLOW)


def test_one_stranger_passkey_beside_a_listed_one_blocks() -> None:
    """Listing one passkey vouches for that key only: a deployment naming both BLOCKs."""
    verdict = _check(LISTED, _first_op(_cbsw(_addr(OWN), MINE, OTHER)))
    assert verdict.action is Action.BLOCK
    assert OWNER_CHANGE in verdict.rule_ids


@pytest.mark.parametrize("build", PATHS)
@pytest.mark.parametrize("name", ["own_passkeys", "wallet.passkeys"])
def test_passkeys_from_a_call_context(build: Any, name: str) -> None:
    """The per-call context lists a passkey as the config does; it vouches for that one only."""
    assert _check(UNLISTED, build(MINE), context={name: [MINE_HEX]}).action is Action.ALLOW
    assert _check(UNLISTED, build(OTHER), context={name: [MINE_HEX]}).action is Action.BLOCK


def test_passkeys_load_from_the_config_file(tmp_path: Path) -> None:
    """``[wallet] passkeys`` in a file: upper-case hex and the ``p256:`` form read the same."""
    p = tmp_path / "aiegis.toml"
    upper = "0x" + MINE.hex().upper()
    p.write_text(f'[wallet]\nevm = ["{OWN}", "{SMART}"]\npasskeys = ["{upper}"]\n')
    policy = load_config(p).policy
    assert policy.wallet.passkeys == {"p256:" + MINE_HEX}
    assert _check(policy, _add_public_key(MINE)).action is Action.ALLOW
    again = Policy.model_validate({"wallet": {"passkeys": ["p256:" + MINE_HEX]}})
    assert again.wallet.passkeys == policy.wallet.passkeys


def test_the_init_template_names_passkeys(tmp_path: Path) -> None:
    """``aiegis-guard init``'s file has ``[wallet] passkeys`` and loads."""
    wallet = DEFAULT_TOML.split("[wallet]", 1)[1].split("\n[", 1)[0]
    assert "\npasskeys = []" in wallet
    p = tmp_path / "aiegis.toml"
    p.write_text(DEFAULT_TOML)
    assert load_config(p).policy.wallet.passkeys == frozenset()


_NOT_ON_CURVE = MINE[:63] + bytes([MINE[63] ^ 1])
BAD = [
    pytest.param("0x" + MINE[:63].hex(), id="63-bytes"),
    pytest.param(MINE_HEX + "00", id="65-bytes"),
    pytest.param(MINE.hex(), id="no-0x"),
    pytest.param("0x" + MINE.hex()[:-1] + "g", id="not-hex"),
    pytest.param("0x" + _NOT_ON_CURVE.hex(), id="not-a-curve-point"),
    pytest.param("0x" + "00" * 64, id="zeros"),
    pytest.param(OWN, id="an-address"),
    pytest.param(42, id="a-number"),
]


@pytest.mark.parametrize("value", BAD)
def test_a_malformed_passkey_is_a_config_error(value: object) -> None:
    """Anything but a P-256 public key fails at load with its key path, the value masked."""
    with pytest.raises(ConfigError) as caught:
        parse_config({"wallet": {"passkeys": [value]}})
    text = str(caught.value)
    assert text.startswith("wallet.passkeys: [0] ") and "not a P-256 public key" in text
    assert MINE.hex()[8:24] not in text


@pytest.mark.parametrize("value", BAD)
def test_a_malformed_passkey_in_a_context_is_refused(value: object) -> None:
    """The per-call context validates a passkey as the config does (the value masked)."""
    with pytest.raises(pydantic.ValidationError) as caught:
        UNLISTED.with_context({"own_passkeys": [value]})
    assert MINE.hex()[8:24] not in str(caught.value)


def test_one_string_in_place_of_a_list_is_a_config_error() -> None:
    """One passkey not in a list is named, not read character by character."""
    with pytest.raises(ConfigError, match=r"wallet\.passkeys: expected a list of passkeys"):
        parse_config({"wallet": {"passkeys": MINE_HEX}})
