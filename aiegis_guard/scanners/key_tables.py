"""A value in a table is named by its column's header.

Called by :mod:`aiegis_guard.scanners.evm_keys` for a 64-hex value no word beside it names:
in a table the name stands at the top of the column, not next to the value ("| Address |
Private Key |" .. "| 0x.. | 0x.. |", a ``psql`` result, a CSV / TSV file with its header
line, ``INSERT INTO t (address, private_key) VALUES ('0x..', '0x..')``, or an ``INSERT`` without
a column list under its table's ``CREATE TABLE``, as ``sqlite3 .dump`` writes). The header cell of
the value's column is returned for the caller to read as words; nothing is classified here.
"""

from __future__ import annotations

import re
from collections import OrderedDict

from aiegis_guard.scanners.key_words import WORD_RE, classify_window

__all__ = [
    "cell_header",
    "column_name",
    "listed_cell",
    "row_key_word",
    "sql_cell",
    "store_key_column",
    "unless_row_names_key",
]

MAX_ROWS = 64  # lines walked up from a value to its table's header
MAX_KEY_WORD_CHECKS = 16  # key words of a row read in their context ("key rotation")
_SEPARATOR_RE = re.compile(r"^[ \t|:+=-]*-{3,}[ \t|:+=-]*$")  # |---|---|, ----+----
_INSERT_RE = re.compile(
    r"(?is)\binsert\s+(?:or\s+\w+\s+)?into\s+([\w.`\"\[\]]+)\s*(?:\(([^()]{1,800})\)\s*)?values\s*"
)
# a table's definition (``sqlite3 .dump``, ``pg_dump``): the columns of an INSERT without a
# column list, in order; constraints are no columns
_CREATE_RE = re.compile(r"(?is)\bcreate\s+table\s+(?:if\s+not\s+exists\s+)?([\w.`\"\[\]]+)\s*\(")
# a table constraint is its keyword with its syntax (SQLite "table-constraint", MySQL's index
# definitions: https://www.sqlite.org/lang_createtable.html, MySQL 8.0 CREATE TABLE): a quoted
# name, or a name followed by a type (``key TEXT``, ``"index" INTEGER``, ``key VARCHAR(64)``),
# is a column, whatever it is called
_CONSTRAINT_RE = re.compile(
    r"(?is)\s*(?:constraint\s+\S|primary\s+key\s*\(|foreign\s+key\s*\(|(?:unique|check)\s*\(|"
    r"(?:unique|fulltext|spatial)\s+(?:key|index)\b|exclude\s+(?:using\b|\()|"
    r"(?:key|index)\s+(?:[\w`\"\[\]]+\s*)?\(\s*[`\"\[]?[A-Za-z_])"
)
MAX_DEFINITION = 2000  # characters of a CREATE TABLE's column list read
SQL_REACH = 4000  # characters from a VALUES tuple's value back to its INSERT
_DELIMITERS = ("|", "\t", ",", ";")
_HEX_RE = re.compile(r"[0-9a-fA-F]{40}")  # a data row, not a header
# a row's phrases: its cells (any delimiter) and their clauses
_PHRASE_SPLIT_RE = re.compile(r"[,;\t|.:()!?\"'`\[\]{}]")
# what may follow the key word heading its phrase ("private key of treasury", "key, do not
# share"); any other word makes it a modifier ("key rotation", "signer key rotation, step 2")
_AFTER_HEAD = frozenset(
    {"of", "for", "from", "in", "on", "at", "to", "is", "was", "are", "be", "belonging"}
    | {"held", "kept", "used", "do", "never"}
)


def _lines_above(text: str, start: int) -> tuple[str, str, list[str]]:
    """The value's line up to the value, its whole line, and up to ``MAX_ROWS`` lines above
    it (nearest first)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    lines: list[str] = []
    end = line_start - 1
    while end > 0 and len(lines) < MAX_ROWS:
        begin = text.rfind("\n", 0, end) + 1
        lines.append(text[begin:end])
        end = begin - 1
    return text[line_start:start], text[line_start:line_end], lines


def _count(line: str, delimiter: str) -> int:
    """Delimiters of a row outside its double-quoted cells (a CSV export's ``"mainnet
    deployer, do not reuse"`` is one cell; a pipe table quotes nothing)."""
    if delimiter == "|" or '"' not in line:
        return line.count(delimiter)
    return len(_cells(line, delimiter)) - 1


def _cells(line: str, delimiter: str) -> list[str]:
    """The cells of a delimited row, a double-quoted cell whole (RFC 4180 quoting)."""
    if delimiter == "|" or '"' not in line:
        return line.split(delimiter)
    cells: list[str] = []
    cell: list[str] = []
    quoted = False
    for c in line:
        if c == '"':
            quoted = not quoted
        elif c == delimiter and not quoted:
            cells.append("".join(cell))
            cell = []
            continue
        cell.append(c)
    return [*cells, "".join(cell)]


def _cell(line: str, delimiter: str, index: int) -> str | None:
    cells = _cells(line, delimiter)
    return cells[index].strip() if index < len(cells) else None


def _delimited(head: str, row: str, lines: list[str]) -> str | None:
    """The header cell of the value's column in a pipe table (markdown, psql: the row above
    the separator line) or a CSV / TSV block (its top line, when no long hex is in it)."""
    for delimiter in _DELIMITERS:
        index = _count(head, delimiter)
        if not index:
            continue
        if delimiter == "|":
            for i, line in enumerate(lines):
                if _SEPARATOR_RE.match(line):
                    return _cell(lines[i + 1], "|", index) if i + 1 < len(lines) else None
                if line.count("|") < index:
                    break
            continue
        width, top = _count(row, delimiter), None
        for line in lines:
            if _count(line, delimiter) != width:
                break
            top = line
        if top is not None and _HEX_RE.search(top) is None:
            return _cell(top, delimiter, index)
    return None


def _inserted(text: str, start: int) -> str | None:
    """The column named for the value in ``INSERT INTO t (c1, c2) VALUES (v1, v2)``."""
    cell = _inserted_cell(text, start)
    return cell[1] if cell is not None else None


def _inserted_cell(text: str, start: int) -> tuple[str, str] | None:
    """(table, column) of the value in ``INSERT INTO t (c1, c2) VALUES (v1, v2)``."""
    lo = max(0, start - SQL_REACH)
    at = max(text.rfind("INSERT", lo, start), text.rfind("insert", lo, start))
    statement = _INSERT_RE.match(text, at, start) if at >= 0 else None
    if statement is None:  # the nearest "insert" is a word of a value: read the whole reach
        statements = list(_INSERT_RE.finditer(text, lo, start))
        if not statements:
            return None
        statement = statements[-1]
    tuple_start = text.rfind("(", statement.end(), start)
    if tuple_start < 0:
        return None
    index = _top_level_commas(text[tuple_start + 1 : start])
    table = statement.group(1).strip('`"[]').lower()
    if statement.group(2) is None:  # INSERT INTO t VALUES (..): the columns of CREATE TABLE t
        columns = _defined_columns(text, table)
    else:
        columns = tuple(c.strip(' \t\r\n`"[]') for c in statement.group(2).split(","))
    return (table, columns[index]) if index < len(columns) else None


def _defined_columns(text: str, name: str) -> tuple[str, ...]:
    """The column names of the last ``CREATE TABLE <name> (..)`` of the text."""
    return _table_columns(text).get(name, ())


# each text's tables, by (hash, length) of the text: every row of a dump asks, a str keeps its
# hash (a hit costs no pass over the text), and the cache holds column names, never the text
_TABLES: OrderedDict[tuple[int, int], dict[str, tuple[str, ...]]] = OrderedDict()
TABLES_KEPT = 8


def _table_columns(text: str) -> dict[str, tuple[str, ...]]:
    """Each table's column names, by the last ``CREATE TABLE`` of that name in the text."""
    key = (hash(text), len(text))
    found = _TABLES.get(key)
    if found is None:
        found = {
            m.group(1).strip('`"[]').lower(): _columns(text, m.end())
            for m in _CREATE_RE.finditer(text)
        }
        _TABLES[key] = found
        while len(_TABLES) > TABLES_KEPT:
            _TABLES.popitem(last=False)
    return found


def _columns(text: str, at: int) -> tuple[str, ...]:
    """The column names of the definition opening at ``at`` (constraints are no columns)."""
    columns: list[str] = []
    depth, item = 0, list[str]()
    for c in text[at : at + MAX_DEFINITION]:
        if c == "(":
            depth += 1
        elif c == ")" and not depth:
            break
        elif c == ")":
            depth -= 1
        elif c == "," and not depth:
            columns.append("".join(item))
            item = []
            continue
        item.append(c)
    columns.append("".join(item))
    return tuple(
        c.split(None, 1)[0].strip('`"[]') if c.split() else ""
        for c in columns
        if _CONSTRAINT_RE.match(c) is None
    )


def _top_level_commas(part: str) -> int:
    """Commas of a VALUES tuple before the value, outside quotes."""
    count, quote = 0, ""
    for c in part:
        if quote:
            quote = "" if c == quote else quote
        elif c in "'\"":
            quote = c
        elif c == ",":
            count += 1
    return count


def sql_cell(text: str, start: int) -> tuple[str, str] | None:
    """(table, column) of the ``INSERT``'s VALUES tuple holding the value at ``start``."""
    lo = max(0, start - SQL_REACH)  # bounded: asked for every value a text holds
    if text.rfind("INSERT", lo, start) < 0 and text.rfind("insert", lo, start) < 0:
        return None
    return _inserted_cell(text, start)


# a table listed row by row under the statement naming its table and columns: PostgreSQL's
# ``COPY t (c1, c2) FROM stdin;`` (pg_dump: tab-separated rows up to ``\.``), a query's result
# in the sqlite3 shell (``sqlite> select c1, c2 from t;``, rows of "|"-separated cells)
_LISTED_RE = re.compile(
    r"(?im)^[ \t]*(?:copy\s+(?P<ct>[\w.\"]+)\s*\((?P<cc>[^()\n]{1,400})\)\s+from\s+stdin\b[^\n]*"
    r"|(?:sqlite>[ \t]*)?select\s+(?P<sc>[\w \t,\"]{1,400}?)\s+from\s+(?P<st>[\w.\"]+)[^\n]*)$"
)
LISTED_ROWS = 64  # rows between a listing's statement and the value's


def listed_cell(text: str, start: int) -> tuple[str, str] | None:
    """(table, column) of the value at ``start`` in the rows listed under a ``COPY .. FROM
    stdin`` or an sqlite3 ``select .. from``, else None."""
    line = text.rfind("\n", 0, start) + 1
    lo = max(0, line - SQL_REACH)  # bounded: asked for every value a text holds
    if not any(text.rfind(w, lo, line) >= 0 for w in ("COPY", "copy", "SELECT", "select")):
        return None
    statements = list(_LISTED_RE.finditer(text, lo, line))
    if not statements:
        return None
    statement = statements[-1]  # the last one before the value
    rows = text[statement.end() : line]
    if rows.count("\n") > LISTED_ROWS + 1 or "\n\\." in rows:
        return None  # too far below, or after the listing's end
    copied = statement.group("ct") is not None
    table = statement.group("ct") if copied else statement.group("st")
    columns = statement.group("cc") if copied else statement.group("sc")
    index = text[line:start].count("\t" if copied else "|")
    names = [c.strip(' \t"') for c in columns.split(",")]
    return (table.strip('"').lower(), names[index]) if index < len(names) else None


# a table that stores content by its key (a content-addressed store: git's objects, refs and
# pack indexes, a blob or chunk store, a cache, a key-value table, a Merkle tree's or a trie's
# nodes, a dedup table): its "key" column holds ids, digests of the content. "files" and
# "assets" are left out: too generic alone (a wallet's files, a treasury's assets)
_STORE_TABLES = frozenset(
    ("object", "objects", "blob", "blobs", "chunk", "chunks", "cas", "content", "contents",
     "cache", "caches", "kv", "store", "stores", "storage", "artifact", "artifacts",
     "attachment", "attachments", "ref", "refs", "idx", "pack", "packs",
     "merkle", "trie", "tries", "dedup", "dedupe")
)  # fmt: skip
# a table word that says whose keys a table holds: a wallet's, an account's, a vault's
_OWNER_TABLES = frozenset(
    ("wallet", "wallets", "account", "accounts", "vault", "vaults", "keyring", "keychain")
)
_TABLE_WORD_RE = re.compile(r"[a-z]+")


def store_key_column(cell: tuple[str, str]) -> str | None:
    """The table name when ``cell`` (:func:`sql_cell`) is a bare ``key`` column of a table
    that stores content by key (``_STORE_TABLES``: ``objects(key, size)``, ``kv_store(key,
    value)``), else None: that key is an id or a digest of the content, not a wallet's; a
    signer's or a wallet's table (``signer(id, key, tx_hash)``, ``key_store``,
    ``wallet_files``) keeps it a key. The caller still reads the row for a key word."""
    table, column = cell
    if column.lower() not in ("key", "keys"):
        return None
    words = _TABLE_WORD_RE.findall(table.rsplit(".", 1)[-1])
    if not words or _STORE_TABLES.isdisjoint(words) or not _OWNER_TABLES.isdisjoint(words):
        return None
    named = classify_window(" ".join(words), nearest_last=True)
    return table if named is None or named[0] != "key" else None


def column_name(text: str, start: int) -> str | None:
    """The header of the column holding the value at ``start`` (``0x`` included), or None
    when the value is in no table."""
    if "INSERT" in text or "insert" in text:
        named = _inserted(text, start)
        if named is not None:
            return named
    head, row, lines = _lines_above(text, start)
    return _delimited(head, row, lines) if lines else None


def cell_header(text: str, start: int) -> str | None:
    """The header of the column of a CSV / TSV / ``;`` row (a password manager's export)
    whose cell is the value and nothing else, or None: there the header names the value, and
    the words before it on its row are the other cells' values (``https://etherscan.io`` in
    ``login_uri`` says nothing of ``login_password``)."""
    line_start = text.rfind("\n", 0, start) + 1
    head = text[line_start:start]
    cut = head.rstrip(" \"'")
    if not cut or cut[-1] not in ",;\t" or "|" in head:
        return None
    _, row, lines = _lines_above(text, start)
    return _delimited(head, row, lines) if lines else None


def row_key_word(text: str, start: int, end: int) -> str | None:
    """A key word heading a phrase of the value's row, the value left out (``mainnet deployer
    private key``, ``private key of treasury``, ``signer private key, do not share``), or
    None. A key word that only modifies another noun (``key rotation``) heads nothing. Read
    when a column's header would make the cell a hash: the header is the text's author's
    word as much as the row is, so the stricter reading wins (review19b S2)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    row = text[line_start:start] + "\n" + text[end : len(text) if line_end < 0 else line_end]
    checks = MAX_KEY_WORD_CHECKS
    for phrase in _PHRASE_SPLIT_RE.split(row):
        words = list(WORD_RE.finditer(phrase))
        for i, w in enumerate(words):
            near = phrase[words[i - 1].start() if i else w.start() : w.end() + 2]
            alone = classify_window(near, nearest_last=True)  # cheap: the word, its neighbours
            if alone is None or alone[0] != "key":
                continue
            if not checks:
                return w.group()  # a row stuffed with key words: fail closed, bounded work
            checks -= 1
            found = classify_window(phrase[max(0, w.start() - 64) : w.end()], nearest_last=True)
            if found is None or found[0] != "key" or found[1].split()[-1] != w.group():
                continue
            if i + 1 == len(words) or words[i + 1].group().lower() in _AFTER_HEAD:
                return w.group()
    return None


def unless_row_names_key(text: str, start: int, named: tuple[str, str]) -> tuple[str, str]:
    """``named`` (a column header's reading of the cell at ``start``), unless it says hash
    and a phrase of the row is headed by a key word: then a key ("mainnet deployer private
    key,K" under ``tx_hash``; "| key rotation | 0x.. |" under ``tx`` stays a hash)."""
    if named[0] != "hash":
        return named
    word = row_key_word(text, start, start + (66 if text.startswith("0x", start) else 64))
    return ("key", f"row:{word!r}") if word is not None else named
