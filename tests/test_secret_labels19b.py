"""review19b S1 / S2: a key's name read from words the leaker writes fails closed. A log
line's ``key=`` is a key when any value of the line names a key, whatever hash words stand
beside it, and a flagged slot when nothing names it; a CSV cell's hash / txid header names
the cell only when no other cell of its row names a key."""

from __future__ import annotations

from typing import Any

import pytest

from aiegis_guard import Action, Guard, Policy
from aiegis_guard.findings import Category, Source
from aiegis_guard.scanners.key_records import log_record
from tests.vectors.keygen import KeyGen

GUARD = Guard(Policy(), classifier=False)
_GEN = KeyGen(19_2)
KEY, HASH = "0x" + _GEN.key(), "0x" + _GEN.key()  # generated, never funded
SOURCES = (Source.LLM_OUTPUT, Source.TOOL_OUTPUT, Source.TOOL_INPUT)


def _secret_actions(text: str, source: Source) -> set[Action]:
    verdict = GUARD.check_text(text, source=source)
    return {f.action for f in verdict.findings if f.category is Category.SECRET}


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize(
    "text",
    [
        pytest.param(f'level=info msg="signer loaded" key={KEY} note="tx hash" other="block hash"',
                     id="key-word-outvoted-by-two-hash-words"),
        pytest.param(f'ts=2026-12-06T10:00:00Z msg="deployer tx hash" key={KEY}',
                     id="key-word-before-hash-word-in-one-value"),
        pytest.param(f'{{"level": "info", "event": "block hash", "logger": "relayer.signer", '
                     f'"note": "state root", "key": "{KEY}"}}', id="json-record-key-word-outvoted"),
    ],
)  # fmt: skip
def test_log_key_with_a_key_word_blocks(text: str, source: Source) -> None:
    """Any value of the record naming a key wins over hash words beside it."""
    assert Action.BLOCK in _secret_actions(text, source)


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize(
    "text",
    [
        pytest.param(f"INFO:api req key={KEY} status=200", id="no-words"),
        pytest.param(f"2026-12-06 10:00:00 level=debug key={KEY} status=200", id="no-words-ts"),
    ],
)
def test_log_key_slot_without_words_flags(text: str, source: Source) -> None:
    """A bare ``key=`` slot no word names is flagged for review, never a silent ALLOW."""
    actions = _secret_actions(text, source)
    assert Action.FLAG in actions and Action.BLOCK not in actions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(f'msg="block hash" key={HASH} level=info', "hash", id="hash-words-only"),
        pytest.param(f'msg="signature verified for public key" key={HASH} level=info', "hash",
                     id="public-key-is-no-key"),
        pytest.param(f"level=info msg=\"signer ok\" key={HASH} a=\"tx hash\" b=\"root hash\"",
                     "key", id="signer-beats-hashes"),
        pytest.param(f"INFO req key={HASH} status=200", "bare", id="slot"),
    ],
)  # fmt: skip
def test_log_record_reading(text: str, expected: str) -> None:
    """The reading itself: key words win, hash words alone downgrade, none leaves a slot."""
    at = text.index(HASH)
    found = log_record(text, at, at + len(HASH))
    assert found is not None and found[0] == expected


def test_slot_is_masked_in_the_verdict() -> None:
    """A flagged slot's value is never repeated in the verdict's text."""
    verdict: Any = GUARD.check_text(f"INFO:api req key={KEY} status=200", source=Source.TOOL_OUTPUT)
    assert KEY[2:] not in verdict.explain()


@pytest.mark.parametrize("source", SOURCES[:2])
@pytest.mark.parametrize(
    "text",
    [
        pytest.param(f"label,tx_hash\nmainnet deployer private key,{KEY}\n", id="csv"),
        pytest.param(f'"label","tx_hash"\n"mainnet deployer private key","{KEY}"\n', id="quoted"),
        pytest.param(f'name,hash,note\nsigner,{KEY},"signer private key, do not share"\n',
                     id="key-word-after-the-value"),
        pytest.param(f"id;key_hash\nhot wallet private key;{KEY}\n", id="semicolon"),
        pytest.param(f"owner\ttxid\nprivate key of treasury\t{KEY}\n", id="tsv"),
        pytest.param(f"| label | tx_hash |\n|---|---|\n| deployer private key | {KEY} |\n",
                     id="pipe-table"),
    ],
)  # fmt: skip
def test_hash_header_does_not_hide_a_key_the_row_names(text: str, source: Source) -> None:
    """A hash / txid header downgrades a cell only when no phrase of its row names a key."""
    assert Action.BLOCK in _secret_actions(text, source)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(f"| note | tx |\n|---|---|\n| deposit | {HASH} |\n| key rotation | {KEY} |\n",
                     id="key-word-modifying-an-event"),
        pytest.param(f'title,digest,notes\n"signer key rotation, step 2",{KEY},"sha256 of it"\n',
                     id="csv-key-rotation-digest"),
        pytest.param(f"block,tx_hash,status\n19000000,{KEY},confirmed\n", id="plain-hash-rows"),
    ],
)  # fmt: skip
def test_hash_header_still_names_hash_rows(text: str) -> None:
    """Rows whose key word only modifies an event ("key rotation") stay the header's hashes."""
    assert Action.BLOCK not in _secret_actions(text, Source.TOOL_OUTPUT)


def test_stuffed_key_words_fail_closed() -> None:
    """A row or record stuffed with negated key words reads at most a bounded number of
    them in context, then counts as naming a key (fail closed, bounded work)."""
    stuffed = " ".join(["not the key"] * 40)
    assert Action.BLOCK in _secret_actions(f"label,tx_hash\n{stuffed},{KEY}\n", Source.TOOL_OUTPUT)
    log = f'level=info msg="{stuffed}" key={KEY}'
    assert Action.BLOCK in _secret_actions(log, Source.TOOL_OUTPUT)
