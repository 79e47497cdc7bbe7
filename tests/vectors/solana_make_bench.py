"""Regenerate ``tests/vectors/solana_bench.json``: representative Solana transactions.

Run: ``.venv/bin/python tests/vectors/solana_make_bench.py``. Keys are generated on the spot and
never funded; only public keys and signatures end up in the file. Each entry names the verdict
the policy in the file gives it (checked by ``tests/test_solana_inspect.py``).
"""

from __future__ import annotations

import base64
import json
import sys
from pathlib import Path

import solders
import solders.system_program as sp
from solders.address_lookup_table_account import AddressLookupTableAccount
from solders.hash import Hash
from solders.instruction import AccountMeta
from solders.keypair import Keypair
from solders.token.associated import get_associated_token_address

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "examples"))
import spl as sx

OUT = Path(__file__).with_name("solana_bench.json")


def build() -> dict[str, object]:
    agent, friend, stranger, delegate, nonce = (Keypair() for _ in range(5))
    mint, program, table = (Keypair().pubkey() for _ in range(3))
    me = agent.pubkey()
    ata_me = get_associated_token_address(me, mint)
    ata_friend = get_associated_token_address(friend.pubkey(), mint)
    bh = Hash.new_unique()
    alt = AddressLookupTableAccount(table, [friend.pubkey(), ata_friend])
    budget = [sx.compute_unit_limit(200_000), sx.compute_unit_price(5_000)]

    def pay(to: object, lamports: int = 10**8) -> object:
        return sp.transfer({"from_pubkey": me, "to_pubkey": to, "lamports": lamports})

    fr, st = friend.pubkey(), stranger.pubkey()
    advance = sp.advance_nonce_account({"nonce_pubkey": nonce.pubkey(), "authorized_pubkey": me})
    own_accounts = (AccountMeta(ata_me, False, True), AccountMeta(me, True, True))
    checked = sx.transfer_checked(ata_me, mint, ata_friend, me, 5 * 10**6, 6)
    legacy = {
        "sol-transfer-allowlisted": ("allow", [pay(fr)]),
        "sol-transfer-with-priority-fee": ("allow", [*budget, pay(fr)]),
        "sol-transfer-unknown": ("flag", [pay(st)]),
        "spl-create-ata-transfer-checked": (
            "allow",
            [*budget, sx.create_ata(me, fr, mint), checked],
        ),
        "spl-transfer-unchecked": ("allow", [sx.transfer(ata_me, ata_friend, me, 10**6)]),
        "spl-approve-unlimited": ("block", [sx.approve(ata_me, st, me, sx.U64_MAX)]),
        "spl-approve-delegate": (
            "allow",
            [sx.approve_checked(ata_me, mint, delegate.pubkey(), me, 10**6, 6)],
        ),
        "spl-set-authority-own": ("block", [sx.set_authority(ata_me, me, 2, st)]),
        "spl-close-to-self": ("allow", [sx.close_account(ata_me, me, me)]),
        "memo-and-transfer": ("allow", [sx.memo("invoice 2024-117, thanks", me), pay(fr)]),
        "unknown-program-own-ata": ("flag", [sx.raw(program, b"\x01" * 16, *own_accounts)]),
        "durable-nonce": ("allow", [advance, pay(fr)]),  # own holds the nonce: voidable
    }
    cases = {
        name: (action, sx.legacy_tx(agent, ixs, blockhash=bh))
        for name, (action, ixs) in legacy.items()
    }
    v0_ixs = [*budget, pay(fr), checked]
    cases["v0-lookup-unresolved"] = ("flag", sx.v0_tx(agent, v0_ixs, tables=[alt], blockhash=bh))
    return {
        "source": (
            f"built by tests/vectors/solana_make_bench.py with solders {solders.__version__} from "
            "keypairs generated at build time (never funded); base64 wire transactions"
        ),
        "policy": {
            "wallet": {"solana": [str(me)]},
            "allowlist": {"solana": [str(fr)], "solana_delegates": [str(delegate.pubkey())]},
            "limits": [
                {"chain": "solana", "asset": "native", "decimals": 9, "per_tx": "1"},
                {"chain": "solana", "asset": str(mint), "decimals": 6, "per_tx": "100"},
            ],
        },
        "payloads": [
            {"id": name, "chain": "solana", "expected": action, "payload": _b64(tx)}
            for name, (action, tx) in cases.items()
        ],
    }


def _b64(tx: object) -> str:
    return base64.b64encode(bytes(tx)).decode()  # type: ignore[call-overload]


if __name__ == "__main__":
    OUT.write_text(json.dumps(build(), indent=1) + "\n")
    print(f"wrote {OUT}")
