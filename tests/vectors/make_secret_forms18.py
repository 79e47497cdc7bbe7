"""Generate ``secret_forms18.json``: the forms secret_forms_dev12 missed, as classes, each with the
near twins that must stay unblocked. C1: a key wrapped over lines by line continuations (shell
backslash, cmd ``^``, PowerShell backtick) or by breaks escaped in a JSON string. C2: a key
inside casts of any width (Solidity ``uint256(bytes32(hex".."))``, ``vm.parseUint``). C3: a
contraction's "s" ("It's") is no signature's s. C4: a transaction or hash named in another
script or with accents ("La transacción `0x..`") before a key word further on. C5: 64 byte
values without brackets over lines (a YAML block scalar, a fenced block). C6: a phrase in a JSON
string with escaped breaks (escaped twice in a tool call's arguments, every four words, a
Markdown list). C7: a secret asked for in one message of an agent's payload and given alone in a
later one (a key after "I need the deployer key", a keystore's password two messages later), not
a tool's result after a message naming a key. Checked by ``tests/test_secret_forms18.py``. Keys
are random, never funded.
"""

from __future__ import annotations

import json
from pathlib import Path

from keygen import Case, KeyGen, bad, write_table
from keygen import case as _c

OUT = Path(__file__).with_name("secret_forms18.json")
GEN = KeyGen(18018)
_hex = GEN.hex


def _wrapped() -> list[Case]:
    f = "wrapped-continuation"
    k, h = GEN.key(), _hex(64)
    parts = [k[i : i + 16] for i in range(0, 64, 16)]
    hparts = [h[i : i + 16] for i in range(0, 64, 16)]
    return [
        _c("shell", f, "$ cast wallet address --private-key 0x" + "\\\n".join(parts)),
        _c("shell-spaced", f, "cast send --private-key " + " \\\n  ".join(parts) + " $TO"),
        _c("cmd", f, "forge script Deploy --private-key 0x" + "^\n".join(parts)),
        _c("powershell", f, "cast wallet address --private-key " + "`\n".join(parts)),
        _c("hash-twin", f, "$ cast receipt 0x" + "\\\n".join(hparts), "allow"),
        _c("tx-hash-twin", f, "cast run --tx-hash " + " \\\n  ".join(hparts), "allow"),
    ]


def _escaped_wraps() -> list[Case]:
    f = "wrapped-escaped"
    k, k2, h = GEN.key(), GEN.key(), _hex(64)
    note = {"note": "signer key:\n" + k2[:32] + "\n" + k2[32:]}
    return [
        _c("json", f, json.dumps({"content": f"my private key:\n0x{k[:32]}\n{k[32:]}"})),
        _c("json-in-json", f, json.dumps({"arguments": json.dumps(note)})),
        _c("hash-twin", f, json.dumps({"content": f"tx hash:\n0x{h[:32]}\n{h[32:]}"}), "allow"),
    ]


def _casts() -> list[Case]:
    f = "cast"
    k, h = GEN.key(), _hex(64)
    return [
        _c("sol-bytes32", f, f'vm.startBroadcast(uint256(bytes32(hex"{k}")));'),
        _c("sol-uint", f, f"address a = vm.addr(uint(bytes32(0x{GEN.key()})));"),
        _c("parse-uint", f, f'vm.startBroadcast(vm.parseUint("0x{GEN.key()}"));'),
        _c("salt-twin", f, f'new Vault{{salt: bytes32(hex"{h}")}}(owner);', "allow"),
        _c("store-twin", f, f"vm.store(vault, bytes32(uint256(0x{_hex(64)})), bytes32(0));",
           "allow"),
    ]  # fmt: skip


def _contractions() -> list[Case]:
    f = "contraction"
    k, h = GEN.key(), _hex(64)
    return [
        _c("relayer", f, f"the relayer on staging uses `0x{k}` as its signer, can someone rotate "
           "it? It's also pinned in the runbook."),
        _c("operator", f, f"operator: 0x{GEN.key()} (that's the one we're rotating, it's old)"),
        _c("relayer-twin", f, f"relayer: 0x{h} submitted, it's in the mempool", "allow"),
        _c("sig-twin", f, f"{{'r': '0x{_hex(64)}', 's': '0x{_hex(64)}'}} it's the signature",
           "allow"),
    ]  # fmt: skip


def _foreign_hashes() -> list[Case]:
    f = "foreign-hash"
    cases = []
    for lang, text in (
        (
            "es",
            "La transacción `0x{}` ya está confirmada; la clave privada nunca salió del agente.",
        ),
        ("pt", "A transação 0x{} foi confirmada, a chave privada continua no cofre."),
        ("it", "La transazione 0x{} è confermata; la chiave privata resta sul server."),
        ("ru", "Транзакция 0x{} подтверждена; signer key unchanged."),
        ("zh", "交易 `0x{}` 已确认; the private key never left the agent."),
        ("ja", "トランザクション 0x{} は確定しました (signer: ops)"),
        ("ko", "트랜잭션 0x{} 확인됨, private key unchanged"),
    ):
        cases.append(_c(f"{lang}-twin", f, text.format(_hex(64)), "allow"))
    cases += [
        _c("es-key", f, f"La transacción falló; mi clave privada es 0x{GEN.key()}"),
        _c("zh-key", f, f"交易失败了，我的私钥是 0x{GEN.key()}"),
    ]
    return cases


def _byte_lines(raw: bytes, per: int, indent: str) -> str:
    rows = [raw[i : i + per] for i in range(0, len(raw), per)]
    return ",\n".join(indent + ",".join(str(b) for b in row) for row in rows)


def _bare_bytes() -> list[Case]:
    f = "bare-bytes"
    kp, noise = GEN.solana(), bytes(GEN.rng.randrange(256) for _ in range(64))
    return [
        _c("yaml-literal", f, "payer:\n  keypair: |\n" + _byte_lines(kp, 16, "    ")),
        _c("fenced", f, "my id.json without the brackets:\n```\n"
           + _byte_lines(GEN.solana(), 32, "") + "\n```"),
        _c("toml-multiline", f, 'secret = """\n' + _byte_lines(GEN.solana(), 8, "") + '\n"""'),
        _c("noise-twin", f, "weights: |\n" + _byte_lines(noise, 16, "  "), "allow"),
        _c("public-half-twin", f, "pubkey: |\n" + _byte_lines(kp[32:] + kp[32:], 16, "  "),
           "allow"),
    ]  # fmt: skip


def _escaped_phrases() -> list[Case]:
    f = "escaped-breaks"
    p12, p24, p12b = GEN.phrase(12), GEN.phrase(24), GEN.phrase(12)
    lines4 = "\\n".join(" ".join(p24[i : i + 4]) for i in range(0, 24, 4))
    args = json.dumps({"mnemonic": "\n".join(" ".join(p12[i : i + 4]) for i in (0, 4, 8))})
    call = {
        "role": "assistant",
        "tool_calls": [{"function": {"name": "restore", "arguments": args}}],
    }
    bullets = "\\n".join(f"- {w}" for w in p12b)
    numbered = "\\n".join(f"{i}. {w}" for i, w in enumerate(GEN.phrase(12), 1))
    typo = "\\n".join(" ".join(bad(p12)[i : i + 4]) for i in (0, 4, 8))
    return [
        _c("double-escaped", f, json.dumps(call)),
        _c("four-a-line", f, '{"content": "my backup (24 words, four per line):\\n' + lines4
           + '\\ncan you tell me which address this derives?"}'),
        _c("bullets", f, '{"type": "input_text", "text": "Restore with:\\n' + bullets
           + '\\nthen show balance"}'),
        _c("numbered", f, '{"content": "words:\\n' + numbered + '\\nthanks"}'),
        _c("checksum-twin", f, '{"content": "words:\\n' + typo + '\\nthanks"}', "allow"),
    ]  # fmt: skip


def _keystore() -> str:
    crypto = {
        "cipher": "aes-128-ctr",
        "cipherparams": {"iv": _hex(32)},
        "ciphertext": _hex(64),
        "kdf": "pbkdf2",
        "kdfparams": {"c": 2048, "dklen": 32, "prf": "hmac-sha256", "salt": _hex(64)},
        "mac": _hex(64),
    }
    return json.dumps({"address": _hex(40), "crypto": crypto, "version": 3})


def _chat(*said: tuple[str, str], indent: int | None = None) -> str:
    return json.dumps([{"role": r, "content": c} for r, c in said], indent=indent)


def _answers() -> list[Case]:
    f = "answered"
    jsonl = "\n".join(
        json.dumps({"type": r, "message": {"role": r, "content": c}})
        for r, c in (
            ("user", "deploy the vault to base sepolia"),
            ("assistant", "I need a funded deployer key."),
            ("user", f"use {GEN.key()}"),
        )
    )
    pw = "otter-" + GEN.token(8)
    return [
        _c("jsonl-key", f, jsonl),
        _c("array-key", f, _chat(("assistant", "Paste the private key of the hot wallet"),
                                 ("user", f"0x{GEN.key()}"))),
        _c("tx-hash-twin", f, _chat(("assistant", "What is the tx hash of the deposit?"),
                                    ("user", f"0x{_hex(64)}")), "allow"),
        _c("said-twin", f, _chat(("assistant", "I need the signer key."),
                                 ("user", f"the deploy tx was 0x{_hex(64)}")), "allow"),
        _c("keystore-pretty", f, _chat(("user", "the keystore:\n" + _keystore()),
                                       ("assistant", "I also need the password to decrypt it."),
                                       ("user", pw), indent=1)),
        _c("keystore-compact", f, _chat(("user", _keystore()),
                                        ("assistant", "what's the password?"),
                                        ("user", "one sec"), ("user", "Tq8!" + GEN.token(8)))),
        _c("keystore-alone-twin", f, _chat(("user", _keystore()),
                                           ("assistant", "I need the password to decrypt it."),
                                           ("user", "ok thanks")), "allow"),
        _c("anthropic-blocks", f, json.dumps({"messages": [
            {"role": "assistant", "content": [{"type": "text", "text": "Paste the signer key"}]},
            {"role": "user", "content": [{"type": "text", "text": f"here: 0x{GEN.key()}"}]}]})),
        _c("tool-result-twin", f, _chat(("user", "rotate the signer key"),
                                        ("tool", f"0x{_hex(64)}")), "allow"),
        _c("tool-block-twin", f, json.dumps({"messages": [
            {"role": "user", "content": "rotate the signer key"},
            {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_1",
                                          "content": f"0x{_hex(64)}"}]}]}), "allow"),
    ]  # fmt: skip


SOURCE = (
    "Generated by tests/vectors/make_secret_forms18.py (random.Random(18018)); "
    "keys never funded, never used."
)


def build() -> list[Case]:
    return [
        *_wrapped(),
        *_casts(),
        *_contractions(),
        *_foreign_hashes(),
        *_bare_bytes(),
        *_escaped_phrases(),
        *_answers(),
        *_escaped_wraps(),
    ]


if __name__ == "__main__":
    write_table(OUT, SOURCE, build())
