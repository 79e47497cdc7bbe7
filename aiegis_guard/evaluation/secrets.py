"""``aiegis-guard eval --set secrets``: wallet secrets on ``<data>/pii``.

Every text goes through ``Guard(classifier=False).check_text`` (all scanners, as an agent's
tool output would); a prediction is a ``secret.*`` finding the policy BLOCKs. Rows:

* ``synthetic-aiegis`` per kind: positives (recall) and near misses (false blocks). The
  bare-hex ETH rows (``{k}``, ``use this: 0x{k}``) carry no context and are undecidable by
  design: their own row, with the INFO candidates they raise noted.
* ``execution-apis``: every ``0x`` + 64-hex value in the JSON-RPC fixtures (hashes, roots,
  topics, slots...) is a negative, scored per value; scanned twice, without and with own
  addresses configured (which turns on key derivation).
* ``python-mnemonic``: the 288 BIP-39 vectors (12 languages) as positives, and the same
  phrases with the last word changed so the checksum fails as near misses.
* ``bitcoin-core``: WIF keys (positives), addresses and invalid strings (near misses).
* ``ethereum-tests keystore``: the raw ``priv`` values are keys; ``ciphertext`` / ``salt`` /
  ``mac`` are not.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from aiegis_guard.checksums import bip39_index, is_valid_bip39
from aiegis_guard.evaluation.metrics import Score
from aiegis_guard.findings import Action, Category
from aiegis_guard.guard import Guard
from aiegis_guard.policy import Policy
from aiegis_guard.verdict import Verdict

__all__ = ["evaluate"]

BARE_TEMPLATES = ("{k}", "use this: 0x{k}")
HEX64_RE = re.compile(r"0x[0-9a-fA-F]{64}(?![0-9a-fA-F])")
# An address nobody holds a key for (the own wallet when testing the derivation path).
UNRELATED_OWN = "0x" + "5a" * 20


def _blocks(verdict: Verdict) -> list[tuple[int, int]]:
    return [
        f.span or (0, 0)
        for f in verdict.findings
        if f.category is Category.SECRET and f.action is Action.BLOCK
    ]


def _synthetic(guard: Guard, pii: Path) -> list[Score]:
    rows: dict[str, Score] = {}
    noticed = 0
    path = pii / "synthetic-aiegis" / "crypto_keys_eval.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        kind = item["kind"]
        if kind == "ETH_PRIVKEY":
            bare = item["context_template"] in BARE_TEMPLATES
            kind = "ETH key, bare hex (undecid.)" if bare else "ETH key, with context"
        row = rows.setdefault(kind, Score("secrets", f"synth {kind}"))
        verdict = guard.check_text(item["text"], source="tool_output")
        row.add(expected=item["label"] == "pos", predicted=bool(_blocks(verdict)))
        if "bare" in kind:
            noticed += "secret.evm_key_candidate" in verdict.rule_ids
            row.notes = [f"not blocked by design; {noticed} reported as INFO candidates"]
    return [rows[k] for k in sorted(rows)]


def _rpc_texts(pii: Path) -> Iterator[tuple[str, str]]:
    """(source, text) for each request / response of the fixtures, and the genesis file."""
    root = pii / "ethereum-execution-apis" / "tests"
    for path in sorted(root.rglob("*.io")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith(">> "):
                yield "tool_input", line[3:]
            elif line.startswith("<< "):
                yield "tool_output", line[3:]
    genesis = root / "genesis.json"
    if genesis.is_file():
        yield "tool_output", genesis.read_text(encoding="utf-8")


def _hash_set(guard: Guard, pii: Path, own: bool) -> Score:
    group = "execution-apis 0x+64hex" + (" (own set)" if own else "")
    row = Score("secrets", group)
    context = {"own_evm": [UNRELATED_OWN]} if own else None
    for source, text in _rpc_texts(pii):
        values = [m.span() for m in HEX64_RE.finditer(text)]
        if not values:
            continue
        blocked = _blocks(guard.check_text(text, source=source, context=context))
        for a, b in values:
            row.add(expected=False, predicted=any(s < b and a < e for s, e in blocked))
    return row


def _mutated(words: list[str], index: dict[str, int]) -> list[str]:
    """The phrase with its last word replaced so that the checksum fails."""
    by_index = sorted(index, key=index.__getitem__)[:2048]
    for candidate in by_index:
        changed = [*words[:-1], candidate]
        if candidate != words[-1] and not is_valid_bip39([index[w] for w in changed]):
            return changed
    return words  # pragma: no cover - a failing word always exists


def _mnemonics(guard: Guard, pii: Path) -> list[Score]:
    vectors = json.loads((pii / "python-mnemonic" / "vectors.json").read_text("utf-8"))
    good = Score("secrets", "python-mnemonic 12 languages")
    bad = Score("secrets", "python-mnemonic bad checksum")
    flagged = 0
    for language, items in vectors.items():
        index = bip39_index(language)
        for item in items:
            words = unicodedata.normalize("NFKC", item[1]).split()
            sep = "\u3000" if language == "japanese" else " "
            verdict = guard.check_text(f"seed phrase: {sep.join(words)}", source="tool_input")
            good.add(expected=True, predicted=bool(_blocks(verdict)))
            text = f"seed phrase: {sep.join(_mutated(words, index))}"
            verdict = guard.check_text(text, source="tool_input")
            bad.add(expected=False, predicted=bool(_blocks(verdict)))
            flagged += "secret.bip39_like" in verdict.rule_ids
    bad.notes = [f"{flagged} flagged secret.bip39_like"]
    return [good, bad]


def _bitcoin(guard: Guard, pii: Path) -> list[Score]:
    root = pii / "bitcoin-core-key-io"
    wif = Score("secrets", "bitcoin-core WIF keys")
    addresses = Score("secrets", "bitcoin-core addresses")
    invalid = Score("secrets", "bitcoin-core invalid strings")
    for value, _hex, meta in json.loads((root / "key_io_valid.json").read_text("utf-8")):
        row = wif if meta.get("isPrivkey") else addresses
        verdict = guard.check_text(f"value: {value}", source="tool_output")
        row.add(expected=bool(meta.get("isPrivkey")), predicted=bool(_blocks(verdict)))
    for (value,) in (tuple(v) for v in json.loads((root / "key_io_invalid.json").read_text())):
        verdict = guard.check_text(f"value: {value}", source="tool_output")
        invalid.add(expected=False, predicted=bool(_blocks(verdict)))
    return [wif, addresses, invalid]


def _keystore(guard: Guard, pii: Path) -> list[Score]:
    data: dict[str, Any] = json.loads(
        (pii / "ethereum-tests-keystore" / "basic_tests.json").read_text("utf-8")
    )
    keys = Score("secrets", "keystore raw priv")
    encrypted = Score("secrets", "keystore ciphertext/salt/mac")
    for test in data.values():
        crypto = test["json"]["crypto"]
        # the raw key in the whole test; the keystore's own fields in the keystore alone: with
        # its password beside it a keystore is a key (its ciphertext is then the secret's)
        alone = json.dumps(test["json"])
        others = [crypto["ciphertext"], crypto["kdfparams"]["salt"], crypto["mac"]]
        for text, values, row, expected in (
            (json.dumps(test), [test["priv"]], keys, True),
            (alone, others, encrypted, False),
        ):
            blocked = _blocks(guard.check_text(text, source="tool_output"))
            for value in values:
                a = text.find(value)
                b = a + len(value)
                row.add(expected=expected, predicted=any(s < b and a < e for s, e in blocked))
    return [keys, encrypted]


def _frozen_forms(guard: Guard) -> list[Score]:
    """The independent sets' secret forms (issue 13), when in a source checkout: the frozen
    sets' and the development sets ``tests/vectors/secret_forms_dev2.jsonl`` to ``…dev5``."""
    from aiegis_guard.evaluation.sources import default_frozen_path, frozen_sets

    rows: dict[str, Score] = {}
    files = [(name, folder / "secrets_forms.jsonl") for name, folder in frozen_sets()]
    files += [
        (f"dev{n}", default_frozen_path().with_name(f"secret_forms_dev{n}.jsonl"))
        for n in (2, 3, 4, 5)
    ]
    for name, path in files:
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            secret = item["label"] == "secret"
            group = f"{name} forms: {'secret' if secret else 'not secret'}"
            row = rows.setdefault(group, Score("secrets", group))
            verdict = guard.check_text(item["text"], source=item.get("source", "tool_output"))
            row.add(expected=secret, predicted=bool(_blocks(verdict)))
    return [rows[k] for k in sorted(rows)]


def _overall(rows: list[Score]) -> Score:
    """All positives except the undecidable bare hex; all negatives."""
    total = Score("secrets", "ALL wallet (excl. bare hex)")
    for row in rows:
        if "undecid" in row.group or " forms: " in row.group:
            continue  # the independent form sets are reported on their own
        total.tp += row.tp
        total.fn += row.fn
        total.fp += row.fp
        total.tn += row.tn
    return total


def evaluate(data_dir: Path) -> list[Score]:
    """Wallet-secret precision / recall and false blocks on ``data_dir/pii``."""
    pii = Path(data_dir) / "pii"
    guard = Guard(Policy(), classifier=False)
    rows = _synthetic(guard, pii)
    rows += [_hash_set(guard, pii, own=False), _hash_set(guard, pii, own=True)]
    rows += _mnemonics(guard, pii)
    rows += _bitcoin(guard, pii)
    rows += _keystore(guard, pii)
    rows += _frozen_forms(guard)
    return [*rows, _overall(rows)]
