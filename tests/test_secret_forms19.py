"""The forms secret_forms_dev13 missed, as classes (tests/vectors/secret_forms19.json): a secret
store's record named for its value, a CSV column's header, a logger's generic ``key`` field read
with its record, a keystore's password shown by ``cat`` or under a misspelt label, a label typed
in a hurry, a secret sent in pieces one chat message each; each with its near twins (records,
columns and log records of hashes and ids, other files, two speakers, checksum failures)."""

from __future__ import annotations

import pytest

from aiegis_guard.scanners.key_records import log_record, record_name
from aiegis_guard.scanners.key_tables import cell_header
from aiegis_guard.scanners.secret_messages import headers_blanked, message_pieces
from aiegis_guard.scanners.secret_typos import key_typo, password_typos

V = "0x" + "3c" * 4 + "a1" * 28  # a value's place only: these helpers read no digits


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param('{"Name": "/a/signer_key", "Type": "SecureString", "Value": "' + V, "key",
                     id="ssm-name"),
        pytest.param('{"name": "x", "tags": {"name": "signer"}, "value": "' + V, None,
                     id="nested-name-is-not-the-records"),
        pytest.param('{"name": "projects/p/secrets/tx-hash/versions/1", "payload": {"data": "' + V,
                     "hash", id="parent-record"),
        pytest.param('{"name": "signer", "hash": "' + V, None, id="not-a-generic-field"),
        pytest.param("- name: deployer_pk\n  note: x\n  value: " + V, "key", id="yaml-item"),
        pytest.param("name: genesis-hash\nvalue: " + V, "hash", id="yaml-hash"),
    ],
)  # fmt: skip
def test_record_name(text: str, expected: str | None) -> None:
    """A generic value field is named by its record's name field, nested records excluded."""
    named = record_name(text, text.index(V))
    assert (named[0] if named else None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("INFO:svc:req key=" + V + " path=/a status=200", "bare", id="request"),
        pytest.param('{"msg": "signer ready", "key": "' + V + '", "chain_id": 1}', "key",
                     id="json-signer"),
        pytest.param('{"msg": "tx sent", "key": "' + V + '", "chain_id": 1}', "hash", id="json-tx"),
        pytest.param('{"msg": "replay", "key": "' + V + '"}', None, id="json-says-nothing"),
        pytest.param("key = " + V, None, id="config-setting-not-a-log-field"),
        pytest.param("monkey=" + V, None, id="not-the-word-key"),
        pytest.param("rpc=http://x\nkey=" + V + "\n", None, id="dotenv-line-is-no-log"),
        pytest.param("curl -d key=" + V + " https://api.x/wallets", None, id="command-argument"),
    ],
)  # fmt: skip
def test_log_record(text: str, expected: str | None) -> None:
    """A log record's generic key field: its other values decide, not its field names."""
    at = text.index(V)
    found = log_record(text, at, at + len(V))
    assert (found[0] if found else None) == expected


def test_cell_header_reads_quoted_commas() -> None:
    """A CSV cell with commas inside quotes is one cell, a TSV's tab is a delimiter; a pipe
    table is not this path."""
    text = 'a,b,password\n"x, y",https://etherscan.io,' + V
    assert cell_header(text, text.index(V)) == "password"
    tabbed = "title\tpassword\nhot wallet\t" + V
    assert cell_header(tabbed, tabbed.index(V)) == "password"
    piped = "| a | password |\n|---|---|\n| x | " + V + " |"
    assert cell_header(piped, piped.index(V)) is None


def test_message_pieces_one_speaker_whole_messages() -> None:
    """Pieces join across one speaker's headers only, each the whole of its message."""
    one = "[10:41] marco: AAAA\n[10:41] marco: BBBB\n"
    spans = [(one.index("AAAA"), one.index("AAAA") + 4), (one.index("BBBB"), one.index("BBBB") + 4)]
    assert message_pieces(one, spans)
    two = one.replace("] marco: BBBB", "] ines: BBBB")
    assert not message_pieces(two, [spans[0], (two.index("BBBB"), two.index("BBBB") + 4)])
    worded = one.replace("marco: AAAA", "marco: a AAAA")
    at = worded.index("AAAA")
    assert not message_pieces(
        worded, [(at, at + 4), (worded.index("BBBB"), worded.index("BBBB") + 4)]
    )


def test_headers_blanked_keeps_offsets() -> None:
    """Only a header following the same speaker's message is blanked; offsets are kept."""
    text = "Ana, [06.12.26 10:41]\nword\n\nAna, [06.12.26 10:42]\nmore\nBo, [06.12.26 10:43]\nx\n"
    blanked = headers_blanked(text)
    assert blanked is not None and len(blanked) == len(text)
    assert blanked.count("Ana") == 1 and "Bo," in blanked
    assert headers_blanked("no chat here: at all\n") is None


def test_typos_are_slips_of_long_secret_words() -> None:
    """One letter dropped or two swapped; no common word, no short word."""
    assert key_typo("privte") and key_typo("secert") and key_typo("mnemoic")
    assert not key_typo("primate") and not key_typo("singer") and not key_typo("secrets")
    assert "pasword" in password_typos() and all(not t.startswith("pass") for t in password_typos())
