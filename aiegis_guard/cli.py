"""``aiegis-guard``: scan | inspect-tx | eval | rules | init | serve | mcp-proxy.

Exit codes: 0 allow, 10 flag, 20 block, 2 usage error (bad flags, unreadable input, bad config).
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from pydantic import ValidationError

from aiegis_guard import jsontext
from aiegis_guard.errors import AiegisError, ConfigError, quote
from aiegis_guard.findings import Action, Chain, Source
from aiegis_guard.policy import CONTEXT_KEYS
from aiegis_guard.redact import mask
from aiegis_guard.verdict import Verdict

__all__ = ["main"]

EXIT = {Action.ALLOW: 0, Action.FLAG: 10, Action.BLOCK: 20}
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
    if isinstance(exc, RecursionError):
        return "RecursionError: nested too deeply"
    if isinstance(exc, ValidationError):
        parts = [
            f"{'.'.join(str(p) for p in e.get('loc', ())) or '<root>'}: {e.get('msg', 'invalid')}"
            for e in exc.errors(include_input=False, include_url=False, include_context=False)
        ]
        return f"ValidationError: {_masked('; '.join(parts))}"
    return f"{type(exc).__name__}: {_masked(str(exc))}"


_LONG_TOKEN = re.compile(r"[A-Za-z0-9+/=_-]{16,}")


def _masked(message: str) -> str:
    """Error text may quote the input: long tokens (keys, addresses) are masked."""
    return _LONG_TOKEN.sub(lambda m: mask(m.group(0)), message)


def _scan_context(context: Any) -> dict[str, list[str]] | None:
    """Validate a JSONL line's ``context``: any ``[wallet]`` / ``[allowlist]`` key
    (``policy.CONTEXT_KEYS``: ``own_evm``, ``allow_evm``, ``evm_operators``,
    ``allowlist.evm_spenders``...) mapped to a list of strings."""
    if context is None:
        return None
    if not isinstance(context, dict):
        raise ValueError("'context' must be an object like {\"own_evm\": [...]}")
    for key, value in context.items():
        if key not in CONTEXT_KEYS:
            raise ValueError(
                f"'context' has an unknown key {quote(str(key))} (see aiegis-guard init)"
            )
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(f"'context.{key}' must be a list of address strings")
    return context


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


_CHAINS = tuple(c.value for c in Chain)
_SOURCES = tuple(s.value for s in Source if s is not Source.TRANSACTION)
_MESSAGE_KEYS = ("personal_sign", "eth_sign", "solana_signMessage")
_RPC_PARAM = {  # JSON-RPC method -> (kind, index of the payload in params)
    "eth_sendTransaction": ("tx", 0),
    "eth_signTransaction": ("tx", 0),
    "eth_sendRawTransaction": ("tx", 0),
    "eth_signTypedData": ("typed_data", 1),
    "eth_signTypedData_v3": ("typed_data", 1),
    "eth_signTypedData_v4": ("typed_data", 1),
    "personal_sign": ("personal_sign", 0),
    "eth_sign": ("eth_sign", 1),
}


def _rpc_payload(request: dict[str, Any]) -> tuple[str, Any]:
    """A JSON-RPC request (``{"method": "eth_sendTransaction", "params": [...]}``)."""
    method, params = request.get("method"), request.get("params")
    if method not in _RPC_PARAM or not isinstance(params, list):
        # never echo the method: it is input, and may hold a key or seed words
        raise ValueError(f"unsupported JSON-RPC request (methods: {', '.join(_RPC_PARAM)})")
    kind, index = _RPC_PARAM[method]
    if len(params) <= index:
        raise ValueError(f"{method}: missing params[{index}]")
    return kind, params[index]


def _tx_payload(payload: Any) -> tuple[str, Any]:
    """("typed_data" | "personal_sign" | "eth_sign" | "solana_signMessage" | "tx", body).

    Accepts a tx dict, raw hex / base64, ``{"typed_data": ...}``, bare EIP-712 typed data,
    ``{"personal_sign" | "eth_sign" | "solana_signMessage": message}`` or a JSON-RPC request.
    """
    if isinstance(payload, str) and payload.strip()[:1] in ("{", "["):
        payload = jsontext.loads(payload)
    if isinstance(payload, dict):
        if "typed_data" in payload:
            return "typed_data", payload["typed_data"]
        for method in _MESSAGE_KEYS:
            if method in payload:
                return method, payload[method]
        if "types" in payload and "primaryType" in payload:
            return "typed_data", payload
        if "method" in payload and "params" in payload:
            return _rpc_payload(payload)
    return "tx", payload.strip() if isinstance(payload, str) else payload


def _judge_tx(guard: Any, payload: Any, chain: str | None, context: Any) -> Verdict:
    context = _scan_context(context)
    if chain is not None and chain not in _CHAINS:
        raise ValueError(f"'chain' must be one of {', '.join(_CHAINS)}")
    kind, body = _tx_payload(payload)
    if kind == "typed_data":
        return guard.check_typed_data(body, context=context)  # type: ignore[no-any-return]
    if kind in _MESSAGE_KEYS:
        return guard.check_message(body, method=kind, context=context)  # type: ignore[no-any-return]
    return guard.check_transaction(body, chain=chain, context=context)  # type: ignore[no-any-return]


def cmd_inspect_tx(args: argparse.Namespace) -> int:
    guard = _guard(args)
    if args.jsonl:

        def judge(record: Record) -> Verdict:
            item = record.item or {}
            if not record.valid_utf8:
                raise ValueError("the line is not valid UTF-8")
            if "payload" not in item:
                raise ValueError("'payload' is required")
            return _judge_tx(
                guard, item["payload"], item.get("chain") or args.chain, item.get("context")
            )

        return _batch(_stdin_bytes(), sys.stdout, judge)
    try:
        raw = _stdin_bytes().read().decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError("input is not valid UTF-8") from None
    if not raw.strip():
        raise UsageError("inspect-tx reads a transaction from stdin")
    try:
        verdict = _judge_tx(guard, raw, args.chain, None)
    except json.JSONDecodeError as exc:
        raise UsageError(f"input is not valid JSON: {exc.msg}") from None
    except (ValueError, RecursionError) as exc:
        raise UsageError(_error_text(exc)) from None
    _print_verdict(verdict, args.format, sys.stdout)
    return EXIT[verdict.action]


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

    report = Path(args.report) if args.report else None
    return run_eval(
        Path(args.data), sets=args.set, out=sys.stdout, as_json=args.format == "json", report=report
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
    tx.set_defaults(fn=cmd_inspect_tx)

    ev = sub.add_parser("eval", help="precision / recall on a data directory")
    ev.add_argument("--data", required=True, help="e.g. ../shared/data")
    ev.add_argument(
        "--set",
        action="append",
        choices=("secrets", "pii", "injection", "sources"),
        help="which evaluations (default: all that the data has)",
    )
    ev.add_argument("--format", choices=("json", "text"), default="text")
    ev.add_argument("--report", help="also write index.html (plots) and report.json here")
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


def main(argv: Sequence[str] | None = None) -> int:
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
