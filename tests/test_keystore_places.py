"""A keystore with its password in the places configs and dumps keep them (issue 13, dev7):
an ``unlock`` field beside it, a keystore escaped into a JSON string (a gRPC debug dump) with
a ``passphrase`` field; the same keystores with the password left out stay a FLAG."""

from __future__ import annotations

import json

import pytest
from eth_account import Account

from aiegis_guard import Action, Guard, Policy
from aiegis_guard.scanners import Stage, wallet_keys
from tests.vectors.keygen import KeyGen

GUARD = Guard(Policy(), stages=(Stage("wallet_keys", wallet_keys.scan),), classifier=False)
# generated, never funded; pbkdf2 with 2 rounds keeps the test fast
KEYSTORE = Account.encrypt(bytes.fromhex(KeyGen(1320).key()), "pw", kdf="pbkdf2", iterations=2)
STORE = json.dumps(KEYSTORE, separators=(",", ":"))
ESCAPED = json.dumps(STORE)  # the keystore as a JSON string: \"kdf\", \"mac\"


@pytest.mark.parametrize(
    ("text", "action"),
    [
        pytest.param(
            f'{{"signer":{{"blob":{STORE},"unlock":"glacier-Walrus-17"}}}}',
            Action.BLOCK,
            id="unlock-field",
        ),
        pytest.param(
            f'ImportKeystore request: keystore_json:{ESCAPED} passphrase:"Heron_lake_2031"',
            Action.BLOCK,
            id="escaped-keystore-passphrase",
        ),
        pytest.param(
            f'{{"signer":{{"blob":{STORE},"unlock":"${{SIGNER_PASSWORD}}"}}}}',
            Action.FLAG,
            id="unlock-from-env",
        ),
        pytest.param(
            f'ImportKeystore request: keystore_json:{ESCAPED} label:"cold-2"',
            Action.FLAG,
            id="escaped-keystore-alone",
        ),
    ],
)
def test_keystore_with_password_in_place(text: str, action: Action) -> None:
    """With its password beside it a keystore is blocked; without, flagged."""
    assert GUARD.check_text(text).action is action
