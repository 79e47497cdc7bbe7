"""Carrier formats for augmentation: an attack (or a benign payload) inside tool output.

The v4 model scored standalone attacks ~0.999 but let most of them through once they sat
inside a JSON-RPC result, a news page or an email: it had seen few carriers and learned
which ones held attacks. Here every *train* attack is embedded at a random position in many
generic carriers (JSON records, Markdown tables and docs, emails, code comments, HTML, search
results, logs, CSV), long and short, and every carrier also appears with a benign payload
(a sentence, a docstring, an operator prompt), so the carrier itself never predicts the label.
Filler text comes from training sources only.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Sequence

KEYS = (
    "id",
    "name",
    "title",
    "status",
    "created_at",
    "updated",
    "owner",
    "count",
    "price",
    "tags",
    "url",
    "category",
    "score",
    "region",
    "version",
    "author",
    "summary",
    "type",
)
WORDS = (
    "alpha",
    "north",
    "pending",
    "ok",
    "blue",
    "archive",
    "draft",
    "primary",
    "v2",
    "customer",
    "report",
    "open",
    "closed",
    "weekly",
    "eu-west-1",
    "green",
    "beta",
)
NOTE_KEYS = ("description", "note", "comment", "message", "body", "details", "text")
NAMES = ("Dana Smith", "Luis Ortega", "Mei Chen", "Olu Adeyemi", "Anna Weber", "Sam Patel")


def _value(r: random.Random) -> object:
    k = r.random()
    if k < 0.3:
        return r.randint(0, 10**6)
    if k < 0.5:
        return round(r.uniform(0, 1000), 2)
    if k < 0.6:
        return [r.choice(WORDS) for _ in range(r.randint(1, 4))]
    return r.choice(WORDS) + ("-" + str(r.randint(1, 999)) if r.random() < 0.5 else "")


def _record(r: random.Random) -> dict[str, object]:
    return {k: _value(r) for k in r.sample(KEYS, r.randint(3, 9))}


def _paras(fill: Sequence[str], r: random.Random, lo: int, hi: int) -> list[str]:
    return [r.choice(fill) for _ in range(r.randint(lo, hi))]


def _insert(parts: list[str], payload: str, r: random.Random) -> list[str]:
    i = r.randint(0, len(parts))
    return [*parts[:i], payload, *parts[i:]]


def json_doc(payload: str, fill: Sequence[str], r: random.Random) -> str:
    records = [_record(r) for _ in range(r.randint(1, 8))]
    target = r.choice(records)
    target[r.choice(NOTE_KEYS)] = payload
    body: object = records if len(records) > 1 or r.random() < 0.3 else records[0]
    if r.random() < 0.5:
        body = {"ok": True, "data": body, "next_cursor": None}
    return json.dumps(body, indent=r.choice((None, 2)), ensure_ascii=False)


def table(payload: str, fill: Sequence[str], r: random.Random) -> str:
    cols = r.sample(KEYS, r.randint(3, 6))
    rows = [[str(_value(r)) for _ in cols] for _ in range(r.randint(2, 25))]
    rows[r.randrange(len(rows))][r.randrange(len(cols))] = " ".join(payload.split())
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def email(payload: str, fill: Sequence[str], r: random.Random) -> str:
    sender, to = r.sample(NAMES, 2)
    head = (
        f"From: {sender} <{sender.split()[0].lower()}@example.com>\nTo: {to}\n"
        f"Subject: {r.choice(('Re: invoice', 'Weekly update', 'Meeting notes', 'Question'))}\n"
        f"Date: Mon, {r.randint(1, 28)} Apr 2025 09:{r.randint(10, 59)}:00 +0000\n\n"
    )
    body = _insert(_paras(fill, r, 1, 4), payload, r)
    return head + f"Hi {to.split()[0]},\n\n" + "\n\n".join(body) + f"\n\nBest,\n{sender}"


def markdown(payload: str, fill: Sequence[str], r: random.Random) -> str:
    title = r.choice(("Overview", "Getting started", "FAQ", "Release notes", "Usage"))
    body = _insert(_paras(fill, r, 1, 6), payload, r)
    return f"# {title}\n\n" + "\n\n".join(body)


def code(payload: str, fill: Sequence[str], r: random.Random) -> str:
    lines = [
        "def handler(event, context):",
        "    items = event.get('items', [])",
        "    total = sum(i['amount'] for i in items)",
        "    return {'total': total, 'count': len(items)}",
        "",
        "const client = new ApiClient({ timeout: 5000 });",
        "for (const row of rows) { process(row); }",
    ]
    r.shuffle(lines)
    style = r.choice(("#", "//", '"""'))
    text = payload.splitlines() or [payload]
    block = [f'"""{payload}"""'] if style == '"""' else [f"{style} {t}" for t in text]
    return "\n".join(_insert(lines, "\n".join(block), r))


def html(payload: str, fill: Sequence[str], r: random.Random) -> str:
    paras = [f"<p>{p}</p>" for p in _paras(fill, r, 1, 5)]
    wrapped = r.choice(("<p>{}</p>", "<!-- {} -->", '<div class="note">{}</div>', "{}"))
    body = "\n".join(_insert(paras, wrapped.format(payload), r))
    return f"<html><head><title>Page</title></head><body>\n{body}\n</body></html>"


def search(payload: str, fill: Sequence[str], r: random.Random) -> str:
    snippets = [" ".join(p.split())[:300] for p in _paras(fill, r, 2, 8)]
    snippets = _insert(snippets, " ".join(payload.split()), r)
    return "\n".join(
        f"{i + 1}. {r.choice(WORDS).title()} | https://example.org/{r.choice(WORDS)}/{i}\n   {s}"
        for i, s in enumerate(snippets)
    )


def log(payload: str, fill: Sequence[str], r: random.Random) -> str:
    lines = [
        f"2025-04-{r.randint(1, 28):02d}T{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:00Z "
        f"{r.choice(('INFO', 'DEBUG', 'WARN'))} {r.choice(WORDS)}: "
        f"{r.choice(('request served', 'cache miss', 'retrying', 'job done', 'connected'))}"
        for _ in range(r.randint(3, 30))
    ]
    return "\n".join(_insert(lines, "INFO user_message: " + " ".join(payload.split()), r))


def csv_rows(payload: str, fill: Sequence[str], r: random.Random) -> str:
    cols = r.sample(KEYS, r.randint(3, 6))
    rows = [[str(_value(r)) for _ in cols] for _ in range(r.randint(2, 20))]
    quoted = '"' + " ".join(payload.split()).replace('"', '""') + '"'
    rows[r.randrange(len(rows))][r.randrange(len(cols))] = quoted
    return "\n".join([",".join(cols)] + [",".join(row) for row in rows])


CARRIERS: dict[str, Callable[[str, Sequence[str], random.Random], str]] = {
    "json": json_doc,
    "table": table,
    "email": email,
    "markdown": markdown,
    "code": code,
    "html": html,
    "search": search,
    "log": log,
    "csv": csv_rows,
}


def wrap(payload: str, fill: Sequence[str], r: random.Random, kind: str | None = None) -> str:
    """``payload`` inside a random (or the named) carrier built from ``fill`` paragraphs."""
    return CARRIERS[kind or r.choice(sorted(CARRIERS))](payload, fill, r)
