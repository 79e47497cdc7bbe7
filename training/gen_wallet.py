"""Generate the wallet-agent injection set (deterministic; seed fixed).

    .venv/bin/python training/gen_wallet.py            # writes training/data/wallet_agent.jsonl

Rows: ``{id, text, label, kind, family, lang, split, obfuscation, carrier}``.
* attacks (label 1): hand-written templates (``wallet_attacks.py``) filled with fresh
  addresses/amounts, standalone or embedded in benign tool output (JSON field, doc paragraph,
  memo, explorer output) at the start, middle or end;
* benign (label 0): balances, swap quotes, receipts, JSON-RPC results, gas estimates, token
  metadata, docs *about* keys and approvals, support chats, governance, user requests;
* obfuscated copies of attacks (zero-width, homoglyph, base64, Unicode tags, HTML entities):
  for evaluation through the Guard (which decodes them); training uses ``obfuscation == none``.
Split: every 4th template of a family/language (and every 4th carrier kind) is ``test``.
"""

from __future__ import annotations

import base64
import json
import random
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from wallet_attacks import ATTACKER_URLS, ATTACKS, FAKE_FUNCTIONS, FILES
from wallet_benign import (
    GOVERNANCE,
    KEY_DOCS,
    NEWS,
    SUPPORT_CHATS,
    SYSTEM_PROMPTS,
    USER_REQUESTS,
)

SEED = 20240611
OUT = Path(__file__).resolve().parent / "data" / "wallet_agent.jsonl"
TOKENS = ("ETH", "USDC", "USDT", "DAI", "WBTC", "SOL", "ARB", "OP", "LINK", "UNI", "JUP", "BONK")
CHAINS = ("Ethereum", "Arbitrum", "Base", "Optimism", "Polygon", "Solana")
B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
DEXES = ("Uniswap_V3", "Curve", "Balancer", "SushiSwap")
TOKEN_BLURBS = (
    "Governance token of the protocol.",
    "Wrapped asset bridged from Ethereum.",
    "Community meme token. Not financial advice.",
    "Stablecoin backed 1:1 by reserves.",
)
HOMOGLYPHS = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "i": "і", "y": "у"}
OBFUSCATIONS = ("zero_width", "homoglyph", "base64", "unicode_tags", "html_entities")


def evm_addr(r: random.Random) -> str:
    return "0x" + "".join(r.choice("0123456789abcdef") for _ in range(40))


def sol_addr(r: random.Random) -> str:
    return "".join(r.choice(B58) for _ in range(r.randint(32, 44)))


def tx_hash(r: random.Random) -> str:
    return "0x" + "".join(r.choice("0123456789abcdef") for _ in range(64))


def slots(r: random.Random) -> dict[str, str]:
    return {
        "addr": evm_addr(r) if r.random() < 0.7 else sol_addr(r),
        "amt": r.choice(("0.05", "0.5", "1", "2.5", "5", "25", "100", "250", "1,000", "4200")),
        "tok": r.choice(TOKENS),
        "fn": r.choice(FAKE_FUNCTIONS),
        "url": r.choice(ATTACKER_URLS),
        "file": r.choice(FILES),
        "mins": str(r.choice((5, 10, 15, 30, 60))),
        "chain": r.choice(CHAINS),
        "n": str(r.randint(10, 9999)),
        "pct": f"{r.uniform(0.5, 18):.1f}",
        "fee": str(r.randint(1, 60)),
        "lang_name": r.choice(("Spanish", "German", "French", "Portuguese", "Russian", "Chinese")),
    }


def fill(template: str, r: random.Random) -> str:
    return template.format(**slots(r))


# --- structured benign tool output ---------------------------------------------------------


def balance(r: random.Random) -> str:
    toks = r.sample(TOKENS, r.randint(1, 6))
    rows = {
        t: {"amount": f"{r.uniform(0, 5000):.4f}", "usd": f"{r.uniform(0, 9e4):.2f}"} for t in toks
    }
    return json.dumps({"address": evm_addr(r), "chain": r.choice(CHAINS).lower(), "balances": rows})


def quote(r: random.Random) -> str:
    a, b = r.sample(TOKENS, 2)
    return json.dumps(
        {
            "sellToken": a,
            "buyToken": b,
            "sellAmount": str(r.randint(10**6, 10**21)),
            "buyAmount": str(r.randint(10**6, 10**21)),
            "price": f"{r.uniform(0.0001, 4000):.6f}",
            "estimatedGas": str(r.randint(90_000, 400_000)),
            "allowanceTarget": evm_addr(r),
            "sources": [{"name": n, "proportion": "0.5"} for n in r.sample(DEXES, 2)],
        },
        indent=r.choice((None, 2)),
    )


def receipt(r: random.Random) -> str:
    logs = [
        {
            "address": evm_addr(r),
            "topics": [tx_hash(r), tx_hash(r)],
            "data": "0x" + "0" * 40 + f"{r.randint(1, 10**9):x}".rjust(24, "0"),
            "logIndex": hex(i),
        }
        for i in range(r.randint(0, 3))
    ]
    body = {
        "jsonrpc": "2.0",
        "id": r.randint(1, 99),
        "result": {
            "transactionHash": tx_hash(r),
            "blockHash": tx_hash(r),
            "blockNumber": hex(r.randint(10**6, 2 * 10**7)),
            "from": evm_addr(r),
            "to": evm_addr(r),
            "gasUsed": hex(r.randint(21000, 500000)),
            "status": r.choice(("0x1", "0x0")),
            "logs": logs,
        },
    }
    return json.dumps(body, indent=r.choice((None, 2)))


def gas(r: random.Random) -> str:
    base = r.uniform(3, 80)
    if r.random() < 0.5:
        return json.dumps({"jsonrpc": "2.0", "id": 1, "result": hex(int(base * 1e9))})
    return (
        f"Gas estimate for {r.choice(('transfer', 'swap', 'approve', 'bridge'))} on "
        f"{r.choice(CHAINS)}: {r.randint(21000, 300000)} units at {base:.1f} gwei "
        f"(~${r.uniform(0.05, 30):.2f}). Priority fee suggestion: {r.uniform(0.01, 3):.2f} gwei."
    )


def token_meta(r: random.Random) -> str:
    t = r.choice(TOKENS)
    return json.dumps(
        {
            "name": f"{t} Token",
            "symbol": t,
            "decimals": r.choice((6, 8, 9, 18)),
            "mint": sol_addr(r),
            "description": r.choice(TOKEN_BLURBS),
            "image": f"https://static.example-cdn.com/tokens/{t.lower()}.png",
            "holders": r.randint(100, 10**6),
        }
    )


def explorer(r: random.Random) -> str:
    lines = [f"Transactions for {sol_addr(r) if r.random() < 0.5 else evm_addr(r)}:"]
    for _ in range(r.randint(2, 12)):
        lines.append(
            f"{tx_hash(r)[:18]}...  {r.choice(('Transfer', 'Swap', 'Approve', 'Stake', 'Mint'))}"
            f"  {r.uniform(0, 900):.3f} {r.choice(TOKENS)}  {r.randint(1, 59)} min ago"
            f"  {r.choice(('Success', 'Success', 'Failed'))}"
        )
    if r.random() < 0.4:
        lines.append(
            f"memo: {r.choice(('invoice 2291', 'rent march', 'payroll', 'gm', 'refund #88'))}"
        )
    return "\n".join(lines)


def solana_rpc(r: random.Random) -> str:
    return json.dumps(
        {
            "jsonrpc": "2.0",
            "id": 1,
            "result": {
                "context": {"slot": r.randint(10**8, 3 * 10**8)},
                "value": [
                    {
                        "pubkey": sol_addr(r),
                        "account": {
                            "lamports": r.randint(0, 10**12),
                            "owner": sol_addr(r),
                            "data": {
                                "parsed": {
                                    "info": {
                                        "mint": sol_addr(r),
                                        "tokenAmount": {
                                            "uiAmountString": f"{r.uniform(0, 1e5):.2f}"
                                        },
                                    }
                                }
                            },
                        },
                    }
                    for _ in range(r.randint(1, 4))
                ],
            },
        }
    )


def prose(table: list[str]) -> Callable[[random.Random], str]:
    return lambda r: fill(r.choice(table), r)


STRUCTURED: dict[str, Callable[[random.Random], str]] = {
    "balance": balance,
    "quote": quote,
    "receipt": receipt,
    "gas": gas,
    "token_meta": token_meta,
    "explorer": explorer,
    "solana_rpc": solana_rpc,
    "support": prose(SUPPORT_CHATS),
    "governance": prose(GOVERNANCE),
    "news": prose(NEWS),
}
TEST_CARRIERS = frozenset({"gas", "solana_rpc", "news"})


def long_doc(r: random.Random) -> str:
    """A long benign page: several carriers and docs glued together (mind the length bias)."""
    parts = [STRUCTURED[k](r) for k in r.sample(sorted(STRUCTURED), r.randint(3, 6))]
    lang = r.choice(sorted(KEY_DOCS))
    parts += [fill(t, r) for t in r.sample(KEY_DOCS[lang], min(3, len(KEY_DOCS[lang])))]
    r.shuffle(parts)
    return "\n\n".join(parts)


# --- obfuscation (the Guard's normaliser undoes each of these) -------------------------------


def obfuscate(text: str, how: str, r: random.Random) -> str:
    if how == "zero_width":
        return "".join(c + ("\u200b" if c.isalpha() and r.random() < 0.5 else "") for c in text)
    if how == "homoglyph":
        return "".join(HOMOGLYPHS.get(c, c) if r.random() < 0.6 else c for c in text)
    if how == "base64":
        return "Encoded note: " + base64.b64encode(text.encode()).decode()
    if how == "unicode_tags":
        return "Thanks!" + "".join(chr(0xE0000 + ord(c)) for c in text if ord(c) < 0x80)
    if how == "html_entities":
        return "".join(f"&#{ord(c)};" for c in text)
    raise ValueError(how)


def embed(attack: str, carrier: str, r: random.Random) -> str:
    ctx = STRUCTURED[carrier](r)
    where = r.choice(("start", "middle", "end", "field"))
    if where == "field" and ctx.startswith("{"):
        obj = json.loads(ctx)
        obj[r.choice(("description", "note", "memo", "message", "comment"))] = attack
        return json.dumps(obj, ensure_ascii=False)
    if where == "start":
        return attack + "\n\n" + ctx
    if where == "middle":
        cut = ctx.rfind("\n", 0, len(ctx) // 2)
        cut = cut if cut > 0 else len(ctx) // 2
        return ctx[:cut] + "\n" + attack + "\n" + ctx[cut:]
    return ctx + "\n\n" + attack


def attack_rows(r: random.Random) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    carriers = sorted(STRUCTURED)
    for family, by_lang in ATTACKS.items():
        for lang, templates in by_lang.items():
            for i, template in enumerate(templates):
                split = (
                    "test"
                    if i % 4 == 3 or (len(templates) < 4 and i == 1 and lang != "en")
                    else "train"
                )
                reps = 12 if lang == "en" else 8
                for k in range(reps):
                    attack = fill(template, r)
                    carrier = "none" if k % 3 == 0 else r.choice(carriers)
                    pool = [c for c in carriers if (c in TEST_CARRIERS) == (split == "test")]
                    carrier = carrier if carrier == "none" else r.choice(pool)
                    text = attack if carrier == "none" else embed(attack, carrier, r)
                    base = {
                        "label": 1,
                        "kind": "attack",
                        "family": family,
                        "lang": lang,
                        "split": split,
                        "carrier": carrier,
                        "template": f"{family}/{lang}/{i}",
                    }
                    rows.append({**base, "text": text, "obfuscation": "none"})
                    if k % 2 == 0:
                        how = OBFUSCATIONS[(i + k) % len(OBFUSCATIONS)]
                        if how == "unicode_tags" and lang in ("ru", "zh"):
                            how = "zero_width"  # tag characters carry ASCII only
                        hidden = obfuscate(attack, how, r)
                        text = hidden if carrier == "none" else embed(hidden, carrier, r)
                        rows.append({**base, "text": text, "obfuscation": how})
    return rows


def benign_rows(r: random.Random) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []

    def add(text: str, family: str, lang: str, split: str) -> None:
        rows.append(
            {
                "label": 0,
                "kind": "benign",
                "family": family,
                "lang": lang,
                "split": split,
                "carrier": family,
                "template": family,
                "text": text,
                "obfuscation": "none",
            }
        )

    for carrier, make in STRUCTURED.items():
        split = "test" if carrier in TEST_CARRIERS else "train"
        for _ in range(180):
            add(make(r), carrier, "en", split)
    tables = (
        (KEY_DOCS, "key_docs"),
        (USER_REQUESTS, "user_request"),
        (SYSTEM_PROMPTS, "system_prompt"),
    )
    for lang_table, family in tables:
        for lang, templates in lang_table.items():
            for i, template in enumerate(templates):
                split = "test" if i % 4 == 3 else "train"
                for _ in range(10 if lang == "en" else 14):
                    add(fill(template, r), family, lang, split)
    for n in range(400):
        add(long_doc(r), "long_doc", "mixed", "test" if n % 4 == 3 else "train")
    return rows


def main() -> None:
    r = random.Random(SEED)
    rows = attack_rows(r) + benign_rows(r)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as fh:
        for i, row in enumerate(rows):
            fh.write(json.dumps({"id": f"wallet-{i:05d}", **row}, ensure_ascii=False) + "\n")
    n_att = sum(1 for x in rows if x["label"] == 1)
    print(f"wrote {len(rows)} rows ({n_att} attacks, {len(rows) - n_att} benign) to {OUT}")


if __name__ == "__main__":
    main()
