"""Generate ``secret_forms19.json``: the forms secret_forms_dev13 missed, as classes, each with the
near twins that must stay unblocked. C1: a secret store's record whose *name* says what its
generic ``value`` / ``data`` holds (``aws ssm get-parameter``, ``az keyvault secret show`` as
JSON, YAML and ``--output table``, 1Password ``op item get`` and Bitwarden ``bw get item``
fields, a Kubernetes env entry, GCP's API JSON with the value in base64), not a record named
for a hash. C2: a CSV export (Bitwarden, KeePassXC) whose column
header names the value, cells quoted with commas inside; a hash column's header wins over a key
word in another cell. C3: a logger's generic ``key`` field (logfmt ``key=``, structlog / pino
JSON): the record's other values decide (a signer's event vs a request's, a cache's, a tx's).
C4: a keystore's password shown by ``cat`` / ``type`` / ``Get-Content`` of the file passed to
``--password``, or given under a misspelt label ("pasword is .."); not a file of another kind,
not "pasword is required". C5: a label typed in a hurry ("privte kye", "secert"), not one
naming a hash. C6: a key or a phrase sent in pieces, one chat message each, by one speaker
(Teams / WhatsApp / IRC / Telegram Desktop copies), not two speakers' messages, not a hash named
before its pieces, not a checksum failure. Checked by ``tests/test_secret_forms19.py``. Keys are
random, never funded.
"""

from __future__ import annotations

import json
from pathlib import Path

from keygen import Case, KeyGen, b64, bad, write_table
from keygen import case as _c

OUT = Path(__file__).with_name("secret_forms19.json")
GEN = KeyGen(19019)
_hex = GEN.hex


def _ssm(name: str, value: str) -> str:
    arn = f"arn:aws:ssm:eu-west-1:{GEN.rng.randrange(10**11, 10**12)}:parameter{name}"
    record = {"Name": name, "Type": "SecureString", "Value": value, "Version": 4,
              "LastModifiedDate": "2026-12-01T09:12:00.120000+00:00", "ARN": arn,
              "DataType": "text"}  # fmt: skip
    return json.dumps({"Parameter": record}, indent=4)


def _key_vault(name: str, value: str) -> str:
    return json.dumps(
        {
            "attributes": {"enabled": True, "recoveryLevel": "Recoverable+Purgeable"},
            "contentType": None,
            "id": f"https://kv-ops.vault.azure.net/secrets/{name}/{_hex(32)}",
            "name": name,
            "tags": {"environment": "production", "owner": "treasury-ops"},
            "value": value,
        },
        indent=2,
    )


def _key_vault_yaml(name: str, value: str) -> str:
    return (
        "attributes:\n  enabled: true\n  recoveryLevel: Recoverable+Purgeable\n"
        f"contentType: null\nid: https://kv-ops.vault.azure.net/secrets/{name}/{_hex(32)}\n"
        f"name: {name}\ntags:\n  environment: production\n  owner: treasury-ops\n"
        f"  rotation: quarterly\nvalue: {value}\n"
    )


def _op_item(label: str, value: str) -> str:
    fields = [
        {"id": "notesPlain", "type": "STRING", "purpose": "NOTES", "label": "notesPlain",
         "value": "ops wallet, see runbook section 4 for the rotation steps"},
        {"id": _hex(26), "section": {"id": "add more"}, "type": "CONCEALED", "label": label,
         "value": value, "reference": f"op://Ops/Bridge/add more/{label}"},
    ]  # fmt: skip
    item = {"id": _hex(26), "title": "Bridge ops", "version": 3, "vault": {"id": _hex(26)},
            "category": "SECURE_NOTE", "fields": fields}  # fmt: skip
    return "$ op item get 'Bridge ops' --reveal --format json\n" + json.dumps(item, indent=2)


def _bw_item(name: str, value: str) -> str:
    item = {"object": "item", "id": "5c1f0e1a-2b9d-4c3e-9f6a-7d8e9f0a1b2c", "type": 2,
            "name": "Treasury", "notes": "multisig co-signer, hardware backup in safe",
            "fields": [{"name": name, "value": value, "type": 1, "linkedId": None}],
            "secureNote": {"type": 0}, "revisionDate": "2026-12-02T08:00:00.000Z"}  # fmt: skip
    return "$ bw get item Treasury | jq .\n" + json.dumps(item, indent=2)


def _gcp(name: str, value: str) -> str:
    payload = {"data": b64(value), "dataCrc32c": str(GEN.rng.randrange(10**9, 4 * 10**9))}
    return json.dumps({"name": f"projects/4127/secrets/{name}/versions/2", "payload": payload},
                      indent=2)  # fmt: skip


def _ssm_table(name: str, value: str) -> str:
    rows = [("Name", name), ("Type", "SecureString"), ("Value", value), ("Version", "4")]
    width = max(len(v) for _, v in rows) + 2
    line = "+" + "-" * 10 + "+" + "-" * width + "+"
    body = "\n".join(f"|  {k:<8}|  {v:<{width - 2}}|" for k, v in rows)
    return f"{line}\n|{'GetParameter':^{width + 11}}|\n{line}\n{body}\n{line}\n"


def _stores() -> list[Case]:
    f = "store-record"
    return [
        _c("ssm", f, _ssm("/prod/bridge/signer_key", "0x" + GEN.key())),
        _c("key-vault", f, _key_vault("hot-signer", "0x" + GEN.key())),
        _c("key-vault-yaml", f, _key_vault_yaml("bridge-signer", "0x" + GEN.key())),
        _c("op-field", f, _op_item("private key", "0x" + GEN.key())),
        _c("bw-field", f, _bw_item("signer secret", GEN.key())),
        _c("k8s-env", f, "env:\n  - name: RELAYER_PRIVATE_KEY\n    # rotated 2026-11\n"
           "    # owner: platform\n    # ticket: OPS-2291, OPS-2304\n"
           f"    value: \"0x{GEN.key()}\"\n"),
        _c("ssm-hash-twin", f, _ssm("/prod/chain/genesis_hash", "0x" + _hex(64)), "allow"),
        _c("key-vault-hash-twin", f, _key_vault("deploy-tx-hash", "0x" + _hex(64)), "allow"),
        _c("key-vault-yaml-twin", f, _key_vault_yaml("release-digest", _hex(64)), "allow"),
        _c("op-field-twin", f, _op_item("last tx", "0x" + _hex(64)), "allow"),
        _c("bw-field-twin", f, _bw_item("safe tx hash", "0x" + _hex(64)), "allow"),
        _c("gcp-api-base64", f, _gcp("relayer-signer-key", "0x" + GEN.key())),
        _c("ssm-table", f, _ssm_table("/prod/bridge/signer_key", "0x" + GEN.key())),
        _c("gcp-hash-twin", f, _gcp("genesis-hash", "0x" + _hex(64)), "allow"),
        _c("ssm-table-twin", f, _ssm_table("/indexer/last_block_hash", "0x" + _hex(64)), "allow"),
    ]  # fmt: skip


def _csv() -> list[Case]:
    f = "csv-header"
    bw = "folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp\n"  # noqa: E501
    kp = '"Group","Title","Username","Password","URL","Notes"\n'
    return [
        _c("bitwarden", f, bw + f'crypto,1,login,Deployer,"mainnet deployer, do not reuse",,0,'
           f"https://etherscan.io,0x{_hex(40)},0x{GEN.key()},\n"),
        _c("keepassxc", f, kp + f'"Root","Hot wallet, arb","ops","0x{GEN.key()}",'
           '"https://arbiscan.io","tx fees, top up monthly"\n'),
        _c("semicolon", f, "title;url;password;notes\n"
           f'"Relayer; staging";https://sepolia.etherscan.io;{GEN.key()};"see tx log"\n'),
        _c("hash-column-twin", f, "title,digest,notes\n"
           f'"signer key rotation, step 2",0x{_hex(64)},"sha256 of the ceremony log"\n', "allow"),
        _c("tx-column-twin", f, "batch,tx_hash,status\n"
           f'"payout, week 48",0x{_hex(64)},confirmed\n"payout, week 49",0x{_hex(64)},pending\n',
           "allow"),
    ]  # fmt: skip


def _logs() -> list[Case]:
    f = "log-key"
    return [
        _c("structlog", f, json.dumps({"event": "signer configured", "chain_id": 137,
           "key": "0x" + GEN.key(), "level": "debug", "logger": "relayer.signer",
           "timestamp": "2026-12-06T07:12:09.441921Z"})),
        _c("logfmt", f, f'ts=2026-12-06T07:12:09Z level=debug msg="signer loaded" '
           f"key=0x{GEN.key()} chain=1\n"),
        _c("pylogging", f, f"DEBUG:wallet.loader:private key loaded key={GEN.key()} slot=2\n"),
        _c("request-twin", f, f"INFO:api.middleware:req key={_hex(64)} path=/wallets/balance "
           "status=200\n", "allow"),
        _c("cache-twin", f, f'ts=2026-12-06T07:12:10Z level=info msg="cache hit" key={_hex(64)} '
           "route=/v1/quote\n", "allow"),
        _c("idempotency-twin", f, json.dumps({"level": "info", "msg": "idempotent replay",
           "key": _hex(64), "route": "/orders"}), "allow"),
        _c("tx-twin", f, json.dumps({"level": 30, "msg": "tx submitted", "key": "0x" + _hex(64),
           "chain": 8453}), "allow"),
    ]  # fmt: skip


def _keystore() -> str:
    return json.dumps(GEN.keystore())


def _geth(flag_file: str, shown: str, shown_out: str) -> str:
    ks = f"node/keystore/UTC--2026-12-06T10-00-00.000000000Z--{_hex(40)}"
    return (
        f"$ geth account new --datadir ./node --password {flag_file}\n"
        f"Public address of the key:   0x{_hex(40)}\nPath of the secret key file: {ks}\n"
        f"$ {shown}\n{shown_out}\n$ cat {ks}\n{_keystore()}\n"
    )


def _passwords() -> list[Case]:
    f = "keystore-password"
    return [
        _c("cat-pw-file", f, _geth("./pw.txt", "cat pw.txt", GEN.token(16))),
        _c("cat-flag-file", f, _geth("./unlock.txt", "cat ./unlock.txt", GEN.token(14))),
        _c("type-win", f, _geth(".\\pass.txt", "type .\\pass.txt", GEN.token(16))),
        _c("typo-chat", f, f"[16:20] jo: {_keystore()}\n[16:21] jo: pasword is {GEN.token(16)}\n"),
        _c("typo-colon", f, f"keystore:\n{_keystore()}\npssword: {GEN.token(12)}\n"),
        _c("cat-other-file-twin", f, _geth("./pw.txt", "cat notes.txt", GEN.token(16)), "allow"),
        _c("typo-required-twin", f, f"{_keystore()}\npasword is required to unlock it\n", "allow"),
    ]  # fmt: skip


def _typos() -> list[Case]:
    f = "label-typo"
    return [
        _c("privte", f, f"privte kye: 0x{GEN.key()}\n"),
        _c("secert", f, f"here's the secert `{GEN.key()}` dont paste it anywhere\n"),
        _c("pirvate", f, f"pirvate: 0x{GEN.key()}\n"),
        _c("privte-tx-twin", f, f"privte relay, tx 0x{_hex(64)} landed\n", "allow"),
    ]  # fmt: skip


def _split_hex(k: str, at: int, head: str, first: str, second: str) -> str:
    return f"{head}{first}0x{k[:at]}\n{second}{k[at:]}\n"


def _messages() -> list[Case]:
    f = "chat-pieces"
    k = GEN.key
    teams = "[10:41] marco: ok here it is, just use it for the faucet\n"
    words, words2, words3 = GEN.phrase(), GEN.phrase(), GEN.phrase()
    tg = "Ana, [06.12.26 10:41]\n{}\n\nAna, [06.12.26 10:41]\n{}\n"
    return [
        _c("teams-hex", f, _split_hex(k(), 36, teams, "[10:41] marco: ", "[10:41] marco: ")),
        _c("whatsapp-hex", f, _split_hex(k(), 30, "[06/12/2026, 10:41] Ana: for the bot\n",
           "[06/12/2026, 10:41] Ana: ", "[06/12/2026, 10:42] Ana: ")),
        _c("irc-hex", f, _split_hex(k(), 26, "", "[10:41] <ana> ", "[10:41] <ana> ")),
        _c("telegram-hex", f, "Ana, [06.12.26 10:41]\nfaucet wallet\n\nAna, [06.12.26 10:41]\n"
           + _split_hex(k(), 32, "", "", "\nAna, [06.12.26 10:41]\n")),
        _c("telegram-words", f, tg.format(" ".join(words[:8]), " ".join(words[8:]))),
        _c("whatsapp-words", f, f"[06/12/2026, 10:41] Ana: {' '.join(words2[:6])}\n"
           f"[06/12/2026, 10:41] Ana: {' '.join(words2[6:])}\n"),
        _c("two-speakers-twin", f, _split_hex(_hex(64), 36, teams, "[10:41] marco: ",
           "[10:41] ines: "), "allow"),
        _c("tx-named-twin", f, _split_hex(_hex(64), 36, "[10:41] marco: tx hash for the refund\n",
           "[10:41] marco: ", "[10:41] marco: "), "allow"),
        _c("words-two-speakers-twin", f, f"[06/12/2026, 10:41] Ana: {' '.join(words3[:6])}\n"
           f"[06/12/2026, 10:41] Bo: {' '.join(words3[6:])}\n", "allow"),
        _c("words-checksum-twin", f, tg.format(" ".join(words3[:8]),
           " ".join(bad(words3)[8:])), "allow"),
    ]  # fmt: skip


SOURCE = (
    "Generated by tests/vectors/make_secret_forms19.py (random.Random(19019)); "
    "keys never funded, never used."
)


def build() -> list[Case]:
    return [*_stores(), *_csv(), *_logs(), *_passwords(), *_typos(), *_messages()]


if __name__ == "__main__":
    write_table(OUT, SOURCE, build())
