"""``aiegis-guard``: scan | inspect-tx | eval | rules | init | serve | mcp-proxy.

Exit codes: 0 allow, 10 flag, 20 block, 2 usage error (bad flags, unreadable input, bad config).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from aiegis_guard import jsontext
from aiegis_guard.errors import AiegisError, ConfigError
from aiegis_guard.redact import mask

if TYPE_CHECKING:
    from aiegis_guard.verdict import Verdict

__all__ = ["main"]

EXIT = {"allow": 0, "flag": 10, "block": 20}  # by Action (a str enum)
USAGE = 2


class UsageError(Exception):
    pass


def _guard(args: argparse.Namespace) -> Any:
    from aiegis_guard.guard import Guard

    classifier = not getattr(args, "no_classifier", False)
    if args.config:
        return Guard.from_config(args.config, classifier=classifier)
    return Guard(classifier=classifier)


def _print_verdict(verdict: Verdict, fmt: str, out: IO[str]) -> None:
    if fmt == "json":
        out.write(verdict.to_json() + "\n")
    else:
        out.write(verdict.explain() + f"\n  ({verdict.elapsed_ms:.3f} ms)\n")


@dataclass(frozen=True, slots=True)
class Record:
    """One JSONL line: its number, the parsed object (or why it has none), and whether its
    bytes were valid UTF-8 (invalid bytes were decoded with ``surrogateescape``)."""

    n: int
    item: dict[str, Any] | None
    error: str | None
    valid_utf8: bool


def _parse_line(n: int, raw: bytes) -> Record:
    try:
        line, valid = raw.decode("utf-8"), True
    except UnicodeDecodeError:
        line, valid = raw.decode("utf-8", errors="surrogateescape"), False
    try:
        item = jsontext.loads(line)
    except json.JSONDecodeError as exc:
        return Record(n, None, f"line {n}: not JSON ({exc.msg})", valid)
    except (jsontext.JSONDepthError, RecursionError):
        return Record(n, None, f"line {n}: JSON nested too deeply", valid)
    if not isinstance(item, dict):
        return Record(n, None, f"line {n}: expected a JSON object", valid)
    return Record(n, item, None, valid)


def _jsonl(stream: IO[bytes]) -> Iterator[Record]:
    """Lines read as bytes: a bad line (not UTF-8, not JSON, too deep) never ends the batch."""
    for n, raw in enumerate(stream, 1):
        if raw.strip():
            yield _parse_line(n, raw)


def _ident(record: Record) -> Any:
    ident = record.item.get("id", record.n) if record.item else record.n
    if isinstance(ident, int | float | bool) or ident is None:
        return ident
    text = str(ident)  # an id is echoed only as one short token: it may hold seed words
    return text if len(text) <= 24 and not any(c.isspace() for c in text) else mask(text)


def _write(out: IO[str], obj: dict[str, Any]) -> None:
    try:
        line = json.dumps(obj, ensure_ascii=False)
        line.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates (invalid input bytes): escape them
        line = json.dumps(obj)
    out.write(line + "\n")


_JUDGE_ERRORS = (AiegisError, ValueError, TypeError, KeyError, RecursionError, UnicodeError)


def _batch(stream: IO[bytes], out: IO[str], judge: Callable[[Record], Verdict]) -> int:
    from aiegis_guard.findings import Action

    worst = Action.ALLOW
    for record in _jsonl(stream):
        error = record.error
        if error is None:
            try:
                verdict = judge(record)
            except _JUDGE_ERRORS as exc:
                error = f"line {record.n}: {_error_text(exc)}"
            else:
                worst = Action.strongest((worst, verdict.action))
                _write(out, {"id": _ident(record), **verdict.to_dict()})
                continue
        _write(out, {"id": _ident(record), "error": error})
        worst = Action.strongest((worst, Action.FLAG))
    out.flush()
    return EXIT[worst]


def _error_text(exc: BaseException) -> str:
    """What went wrong, never the input: pydantic errors lose ``input_value``, long tokens
    (keys, addresses) are masked, recursion says so."""
    from pydantic import ValidationError

    from aiegis_guard.gateway.payloads import masked as _masked

    if isinstance(exc, RecursionError):
        return "RecursionError: nested too deeply"
    if isinstance(exc, ValidationError):
        parts = [
            f"{'.'.join(str(p) for p in e.get('loc', ())) or '<root>'}: {e.get('msg', 'invalid')}"
            for e in exc.errors(include_input=False, include_url=False, include_context=False)
        ]
        return f"ValidationError: {_masked('; '.join(parts))}"
    return f"{type(exc).__name__}: {_masked(str(exc))}"


def _read_input(args: argparse.Namespace) -> str | bytes:
    if args.text is not None:
        return str(args.text)
    if args.file:
        try:
            return Path(args.file).read_bytes()
        except OSError as exc:
            raise UsageError(f"cannot read {args.file}: {exc.strerror}") from None
    return _stdin_bytes().read()


def _stdin_bytes() -> IO[bytes]:
    """stdin as bytes (a text-only stream, as in embedding code, is re-encoded)."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        return buffer  # type: ignore[no-any-return]
    return io.BytesIO(sys.stdin.read().encode("utf-8", errors="surrogateescape"))


def _original_bytes(text: str) -> str | bytes:
    """A line that was not UTF-8 gives the guard its bytes back, so that the verdict reports
    ``input.invalid_utf8`` as a single-text scan does."""
    try:
        return text.encode("utf-8", errors="surrogateescape")
    except UnicodeEncodeError:  # a JSON escape of a lone surrogate: judge the text as it is
        return text


def cmd_scan(args: argparse.Namespace) -> int:
    from aiegis_guard.gateway.payloads import SOURCES as _SOURCES
    from aiegis_guard.gateway.payloads import scan_context as _scan_context

    guard = _guard(args)
    if args.jsonl:

        def judge(record: Record) -> Verdict:
            item = record.item or {}
            text = item.get("text")
            if not isinstance(text, str):
                raise ValueError("'text' must be a string")
            source = item.get("source") or args.source
            if source not in _SOURCES:
                raise ValueError(f"'source' must be one of {', '.join(_SOURCES)}")
            context = _scan_context(item.get("context"))
            body = text if record.valid_utf8 else _original_bytes(text)
            return guard.check_text(body, source=source, context=context)  # type: ignore[no-any-return]

        if args.text is not None:
            raise UsageError("--jsonl reads lines from stdin or --file, not --text")
        try:
            stream = open(args.file, "rb") if args.file else _stdin_bytes()  # noqa: SIM115
        except OSError as exc:
            raise UsageError(f"cannot read {args.file}: {exc.strerror}") from None
        with stream:
            return _batch(stream, sys.stdout, judge)
    verdict = guard.check_text(_read_input(args), source=args.source)
    _print_verdict(verdict, args.format, sys.stdout)
    return EXIT[verdict.action]


def cmd_inspect_tx(args: argparse.Namespace) -> int:
    from aiegis_guard.gateway.payloads import judge_payload as _judge_tx

    guard = _guard(args)
    if args.jsonl:

        def judge(record: Record) -> Verdict:
            item = record.item or {}
            if not record.valid_utf8:
                raise ValueError("the line is not valid UTF-8")
            if "payload" not in item:
                raise ValueError("'payload' is required")
            context = item.get("context")
            # a line's context.chain_id overrides --chain-id (a default for every line)
            own_chain = isinstance(context, dict) and "chain_id" in context
            chain_id = None if own_chain else args.chain_id
            chain = item.get("chain") or args.chain
            return _judge_tx(guard, item["payload"], chain, context, chain_id)

        return _batch(_stdin_bytes(), sys.stdout, judge)
    try:
        raw = _stdin_bytes().read().decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError("input is not valid UTF-8") from None
    if not raw.strip():
        raise UsageError("inspect-tx reads a transaction from stdin")
    try:
        verdict = _judge_tx(guard, raw, args.chain, None, args.chain_id)
    except json.JSONDecodeError as exc:
        raise UsageError(f"input is not valid JSON: {exc.msg}") from None
    except (ValueError, RecursionError) as exc:
        raise UsageError(_error_text(exc)) from None
    _print_verdict(verdict, args.format, sys.stdout)
    return EXIT[verdict.action]


def _chain_id(text: str) -> int:
    from aiegis_guard.gateway.payloads import chain_id_of

    try:
        return chain_id_of(text, "--chain-id")
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def cmd_init(args: argparse.Namespace) -> int:
    from aiegis_guard.config import DEFAULT_TOML

    path = Path(args.path)
    if path.exists() and not args.force:
        raise UsageError(f"{path} exists (use --force to overwrite)")
    path.write_text(DEFAULT_TOML, encoding="utf-8")
    print(f"wrote {path}")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from aiegis_guard.evaluation import run_eval

    return run_eval(
        Path(args.data) if args.data else None,
        sets=args.set,
        out=sys.stdout,
        as_json=args.format == "json",
        vectors=Path(args.vectors) if args.vectors else None,
        report=Path(args.report) if args.report else None,
        model=Path(args.model) if args.model else None,
        frozen=Path(args.frozen) if args.frozen else None,
    )


def _load_config(args: argparse.Namespace) -> Any:
    from aiegis_guard.config import Config, find_config_path, load_config

    path = args.config or find_config_path()
    return load_config(path) if path else Config()


def cmd_serve(args: argparse.Namespace) -> int:
    from aiegis_guard.gateway.app import build_gateway, serve  # needs the [gateway] extra

    config = _load_config(args)
    gw = build_gateway(config, upstreams=args.upstream, classifier=not args.no_classifier)
    serve(
        gw,
        args.host or config.gateway.host,
        config.gateway.port if args.port is None else args.port,
    )
    return 0


def cmd_mcp_proxy(args: argparse.Namespace) -> int:
    from aiegis_guard.gateway.mcp_proxy import run_proxy  # needs the [gateway] extra

    command = [c for c in args.server if c != "--"] if args.server[:1] == ["--"] else args.server
    if not command:
        raise UsageError("mcp-proxy needs a server command after --")
    return run_proxy(_load_config(args), command, classifier=not args.no_classifier)


def _gateway_parsers(sub: Any) -> None:
    serve = sub.add_parser("serve", help="sidecar API + OpenAI-compatible guarding proxy")
    serve.add_argument("--config", help="aiegis.toml (default: $AIEGIS_CONFIG or ./aiegis.toml)")
    serve.add_argument("--host", help="bind address (default 127.0.0.1; others need a token)")
    serve.add_argument("--port", type=int, help="port (default 8787)")
    serve.add_argument(
        "--upstream", action="append", help="OpenAI-compatible base URL (repeat: failover order)"
    )
    serve.add_argument("--no-classifier", action="store_true", help="rules only")
    serve.set_defaults(fn=cmd_serve)

    mcp = sub.add_parser("mcp-proxy", help="guard a stdio MCP server: mcp-proxy -- <command...>")
    mcp.add_argument("--config", help="aiegis.toml (default: $AIEGIS_CONFIG or ./aiegis.toml)")
    mcp.add_argument("--no-classifier", action="store_true", help="rules only")
    mcp.add_argument("server", nargs=argparse.REMAINDER, help="-- the server command")
    mcp.set_defaults(fn=cmd_mcp_proxy)


def cmd_rules(args: argparse.Namespace) -> int:
    from aiegis_guard.catalogue import catalogue

    rules = catalogue()
    if args.json:
        print(json.dumps([info.model_dump(mode="json") for info in rules.values()], indent=1))
        return 0
    width = max(map(len, rules))
    family = max(len(info.family) for info in rules.values())
    for rid, info in rules.items():
        print(
            f"{rid:<{width}}  {info.family:<{family}}  {info.action.value:<5}  {info.description}"
        )
    return 0


def _parser() -> argparse.ArgumentParser:
    from aiegis_guard.findings import Chain
    from aiegis_guard.gateway.payloads import SOURCES as _SOURCES

    p = argparse.ArgumentParser(prog="aiegis-guard", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--config", help="aiegis.toml (default: $AIEGIS_CONFIG or ./aiegis.toml)")
        sp.add_argument("--format", choices=("json", "text"), default="json")
        sp.add_argument("--no-classifier", action="store_true", help="rules only")

    scan = sub.add_parser("scan", help="judge a text (stdin, --file or --text)")
    common(scan)
    where = scan.add_mutually_exclusive_group()
    where.add_argument("--text", help="the text to judge (default: read stdin)")
    where.add_argument("--file", help="read the text (or --jsonl lines) from this file")
    scan.add_argument("--source", choices=_SOURCES, default="tool_input")
    scan.add_argument(
        "--jsonl", action="store_true", help='batch: lines of {"id","text","source"?,"context"?}'
    )
    scan.set_defaults(fn=cmd_scan)

    tx = sub.add_parser("inspect-tx", help="judge a transaction / typed data from stdin")
    common(tx)
    tx.add_argument("--chain", choices=[c.value for c in Chain])
    tx.add_argument(
        "--jsonl", action="store_true", help='batch: lines of {"id","chain","payload","context"?}'
    )
    tx.add_argument(
        "--chain-id",
        type=_chain_id,
        help="the EVM chain the signer is on (1, 0x1, eip155:1): sign-ins for another chain "
        "are flagged, chain-bound addresses named; a line's context.chain_id overrides it",
    )
    tx.set_defaults(fn=cmd_inspect_tx)

    ev = sub.add_parser("eval", help="precision / recall on a data directory")
    ev.add_argument("--data", help="e.g. ../shared/data (every set but effects)")
    ev.add_argument(
        "--set",
        action="append",
        choices=("secrets", "pii", "injection", "sources", "effects"),
        help="which evaluations (default: secrets, pii, injection and sources on --data)",
    )
    ev.add_argument(
        "--vectors",
        help="effects: the vector table (default: the held-out tests/vectors/effects_real_2.json)",
    )
    ev.add_argument("--format", choices=("json", "text"), default="text")
    ev.add_argument("--report", help="also write index.html (plots) and report.json here")
    ev.add_argument(
        "--model", help="injection, sources: a candidate classifier folder (with manifest.json)"
    )
    ev.add_argument(
        "--frozen", help="sources: read only this frozen set (default: the checkout's two)"
    )
    ev.set_defaults(fn=cmd_eval)

    rules = sub.add_parser("rules", help="every rule id: family, default action, description")
    rules.add_argument("--json", action="store_true", help="a JSON list instead of a table")
    rules.set_defaults(fn=cmd_rules)

    init = sub.add_parser("init", help="write a commented default aiegis.toml")
    init.add_argument("path", nargs="?", default="aiegis.toml")
    init.add_argument("--force", action="store_true")
    init.set_defaults(fn=cmd_init)

    _gateway_parsers(sub)
    return p


_PLUGINS_OFF = "PYDANTIC_DISABLE_PLUGINS"
_SPAWN_NOTHING = frozenset({"scan", "inspect-tx"})


@contextmanager
def _no_pydantic_plugins(argv: Sequence[str]) -> Iterator[None]:
    """``scan`` / ``inspect-tx`` validate with pydantic models of their own, which need no
    pydantic plugins (observability hooks found through package entry points); looking them
    up reads every installed distribution's metadata, ~15 ms of each start. Off while such a
    command runs (they start no process that would inherit it), unless the environment sets
    it; restored afterwards, since ``main`` may run inside another program."""
    if not argv or argv[0] not in _SPAWN_NOTHING or _PLUGINS_OFF in os.environ:
        yield
        return
    os.environ[_PLUGINS_OFF] = "__all__"
    try:
        yield
    finally:
        os.environ.pop(_PLUGINS_OFF, None)


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    with _no_pydantic_plugins(argv):
        return _run(argv)


def _run(argv: Sequence[str]) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return USAGE if exc.code not in (0, None) else 0
    try:
        return int(args.fn(args))
    except (UsageError, ConfigError) as exc:
        print(f"aiegis-guard: {exc}", file=sys.stderr)
        return USAGE
    except AiegisError as exc:
        print(f"aiegis-guard: {_error_text(exc)}", file=sys.stderr)
        return USAGE
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
