"""EVM keys named by what they are for (key material, a deploy or relay account) and values
named only "value" / "blob" / "data" that derive to an address in the same text (issue 13,
dev7: secrets in containers under names that do not say "key"); their twins stay clean."""

from __future__ import annotations

import pytest

from aiegis_guard import Action, Guard, Policy
from aiegis_guard.keys.evm import address_of
from aiegis_guard.scanners import Stage, wallet_keys
from tests.vectors.keygen import KeyGen

GUARD = Guard(Policy(), stages=(Stage("wallet_keys", wallet_keys.scan),), classifier=False)
_GEN = KeyGen(1310)
KEY, OTHER, HASH = _GEN.key(), _GEN.key(), _GEN.key()  # generated, never funded
ADDRESS = address_of(bytes.fromhex(KEY))
OTHER_ADDRESS = address_of(bytes.fromhex(OTHER))


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(f'{{"data": {{"data": {{"material": "0x{KEY}"}}}}}}', id="vault-material"),
        pytest.param(f"UPDATE signers SET material='0x{KEY}' WHERE id=7", id="sql-material"),
        pytest.param(f'[vars]\nOPERATOR = "0x{KEY}"', id="operator-var"),
        pytest.param(f'[{{"key": "DEPLOYER", "value": "0x{KEY}"}}]', id="gitlab-variable"),
        pytest.param(f'- name: relayer\n  value: "{KEY}"', id="argo-parameter"),
        pytest.param(
            f'{{"address": "{ADDRESS}", "exported": {{"value": "{KEY}"}}}}', id="value-derives"
        ),
        pytest.param(
            f'{{"wallet": {{"blob": "0x{KEY}", "addr": "{ADDRESS}"}}}}', id="blob-derives"
        ),
        pytest.param(f'{{"host": "keeper-2", "_wallet_blob": "{KEY}"}}', id="wallet-blob-field"),
        pytest.param(f'{{"wallet": {{\n      "raw": "0x{KEY}"}}}}', id="wallet-raw-nested"),
        pytest.param(
            f'[profiles.prod.wallet]\nkind = "hot"\nblob = "0x{KEY}"\n', id="toml-wallet-table"
        ),
        pytest.param(f'ملف الإعدادات: {{"محفظة": {{"المادة": "{KEY}"}}}}', id="arabic-material"),
        pytest.param(f"кошелёк:\n  материал: {KEY}", id="russian-material"),
        pytest.param(
            f"bytes32 constant OWNER = 0x{KEY};\nfunction run() external {{\n"
            "    vm.startBroadcast(uint256(OWNER));\n}",
            id="constant-flows-to-broadcast",
        ),
        pytest.param(
            f'ACCT = "0x{KEY}"\n// worker: const a = privateKeyToAccount(env.ACCT as Hex)',
            id="var-flows-to-loader",
        ),
        pytest.param(f'x_val = "{KEY}"\nacct = Account.from_key(x_val)', id="py-flows-to-from-key"),
    ],
)
def test_named_or_derived_key_is_blocked(text: str) -> None:
    """A key named as key material or a signing role, or a generic value deriving to an
    address in the text, is blocked."""
    verdict = GUARD.check_text(text)
    assert verdict.action is Action.BLOCK, verdict.explain()
    assert "secret.evm_private_key" in verdict.rule_ids


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(f'{{"material_hash": "0x{HASH}"}}', id="material-hash"),
        pytest.param(f'{{"operatorId": "0x{HASH}"}}', id="operator-id"),
        pytest.param(f'{{"deployTxHash": "0x{HASH}", "deployer": "{ADDRESS}"}}', id="deploy-tx"),
        pytest.param(
            f'{{"address": "{OTHER_ADDRESS}", "exported": {{"value": "{KEY}"}}}}',
            id="value-derives-elsewhere",
        ),
        pytest.param(
            f'{{"wallet": {{"blob": {{"sha256": "{HASH}", "size": 4096}}}}}}', id="blob-sha"
        ),
        pytest.param(f"slot=0x{HASH} value=0x{KEY} impl={OTHER_ADDRESS}", id="storage-value"),
        pytest.param(f'{{"blob": "0x{HASH}"}}', id="blob-alone"),
        pytest.param(
            f'TX = "0x{HASH}"\nreceipt = w3.eth.get_transaction_receipt(TX)', id="flows-to-lookup"
        ),
        pytest.param(
            f'MSG = "0x{HASH}"\nsig = Account.unsafe_sign_hash(MSG, signer.key)',
            id="flows-to-sign-as-message",
        ),
        pytest.param(
            f"bytes32 constant SALT = 0x{HASH};\naddress a = deploy(SALT);", id="flows-to-deploy"
        ),
        pytest.param(f"гаманець:\n  адреса_sui: 0x{HASH}", id="ukrainian-wallet-address"),
        pytest.param(f'{{"محفظة": {{"عنوان": "0x{HASH}"}}}}', id="arabic-wallet-address"),
        pytest.param(f'{{"_wallet_blob_sha256": "{HASH}"}}', id="wallet-blob-digest"),
        pytest.param(f'[profiles.prod.cache]\nblob = "0x{HASH}"\n', id="toml-other-table"),
        pytest.param(f'[wallet]\naddress = "0x{HASH}"\n', id="toml-wallet-sui-address"),
        pytest.param(
            f'[wallet]\nkind = "hot"\n\n[artifacts]\nblob = "0x{HASH}"\n', id="toml-next-table"
        ),
    ],
)
def test_hash_twins_are_not_blocked(text: str) -> None:
    """The same containers holding a hash, an id, or a value deriving to no address in the
    text are not blocked."""
    verdict = GUARD.check_text(text)
    assert verdict.action is not Action.BLOCK, verdict.explain()


# review12 F9: tx hashes, salts, digests and padded addresses under a role noun or "material"
_PADDED = "0x" + "00" * 12 + ADDRESS[2:].lower()


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            f"INFO relayer: 0x{HASH} submitted, waiting for 2 confirmations", id="relayer-log"
        ),
        pytest.param(f"operator: 0x{HASH} (confirmed in block 21000000)", id="operator-confirmed"),
        pytest.param(f'{{"relayer": "0x{HASH}", "status": "mined"}}', id="defender-response"),
        pytest.param(f"deployer: 0x{HASH}\nimpl: {OTHER_ADDRESS}", id="deployer-salt-listing"),
        pytest.param(f"| role | value |\n| operator | 0x{HASH} |", id="operator-table"),
        pytest.param(f"TransferSingle\n  operator: {_PADDED}\n  id: 1", id="padded-operator"),
        pytest.param(f"operator()(bytes32)\noperator: {_PADDED}", id="padded-cast-call"),
        pytest.param(f"PRIVATE_KEY={_PADDED}", id="padded-under-key-word"),
        pytest.param(f"material: {HASH}", id="material-digest"),
        pytest.param(f"المادة: {HASH}", id="arabic-material-digest"),
        pytest.param(f"материал сборки: {HASH}", id="russian-build-material"),
    ],
)
def test_role_word_lookalikes_are_not_blocked(text: str) -> None:
    """A role noun's line that says hash (submitted, mined, in block), a role noun in a
    listing of addresses or a table, "material" alone on a digest, 8+ leading zero bytes:
    no key."""
    verdict = GUARD.check_text(text)
    assert verdict.action is not Action.BLOCK, verdict.explain()


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(f"DEPLOYER=0x{KEY}\nRPC_URL=https://rpc.example", id="env-deployer"),
        pytest.param(f"relayer: 0x{KEY}", id="relayer-label"),
        pytest.param(f"deployer: 0x{KEY}\ndeployer address: {ADDRESS}", id="deployer-derives"),
        pytest.param(f"| operator | 0x{KEY} | {ADDRESS} |", id="operator-table-derives"),
        pytest.param(f"TREASURY={OTHER_ADDRESS}\nDEPLOYER={KEY}", id="env-deployer-beside-address"),
        pytest.param(f'export OPERATOR="0x{KEY}"\nexport VAULT={OTHER_ADDRESS}', id="env-operator"),
        pytest.param(f"key material (hot wallet #3): {KEY}", id="key-material"),
        pytest.param(f'signer {{ material: "{KEY}", chain_id: 1 }}', id="signer-material-id"),
        pytest.param(
            f'"Material"=hex:{",".join(KEY[i : i + 2] for i in range(0, 64, 2))}', id="reg-hex"
        ),
    ],
)
def test_role_word_keys_stay_blocked(text: str) -> None:
    """The same role words naming a key keep blocking (alone, derived, or with a key word)."""
    verdict = GUARD.check_text(text)
    assert verdict.action is Action.BLOCK, verdict.explain()
    assert "secret.evm_private_key" in verdict.rule_ids


# review12 F15: mentions of the bound name in comments or prose used up the uses examined
_NOTES = "".join(f"// CFG note {i}: rotated weekly, see the runbook\n" for i in range(40))


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            f'const CFG = "0x{KEY}";\n{_NOTES}const w = new ethers.Wallet(CFG, provider);',
            id="comments-then-wallet",
        ),
        pytest.param(
            f'CFG = "{KEY}"\n' + "# CFG is read once\n" * 12 + "acct = Account.from_key(key=CFG)",
            id="comments-then-keyword-argument",
        ),
        pytest.param(
            f'const CFG = "0x{KEY}";\n{_NOTES}const w = new Wallet(`${{CFG}}`);',
            id="comments-then-template",
        ),
    ],
)
def test_flow_after_many_mentions_is_blocked(text: str) -> None:
    """A name mentioned in many comments before it is passed to a key loader still flows."""
    verdict = GUARD.check_text(text)
    assert verdict.action is Action.BLOCK, verdict.explain()
    assert "secret.evm_private_key" in verdict.rule_ids


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            f'const CFG = "0x{HASH}";\n{_NOTES}const r = await provider.getTransaction(CFG);',
            id="comments-then-lookup",
        ),
        pytest.param(f'const CFG = "0x{HASH}";\n{_NOTES}', id="comments-only"),
    ],
)
def test_flow_after_many_mentions_to_a_lookup_is_not_blocked(text: str) -> None:
    """The same name passed to a lookup, or never passed on, is no key."""
    assert GUARD.check_text(text).action is not Action.BLOCK, GUARD.check_text(text).explain()
