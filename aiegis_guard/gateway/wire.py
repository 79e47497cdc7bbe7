"""Reading requests and writing errors: size limits, JSON, typed errors that leak nothing.

Every error body is OpenAI-shaped, ``{"error": {"message", "type", "code"}}``, so the
official clients raise a readable exception; messages never quote the request.

JSON goes through orjson when it is installed (several times faster on chat bodies), with the
nesting bound of :mod:`aiegis_guard.jsontext` first. orjson reads an integer over 64 bits as
a float (a wei amount would lose digits), so a body holding a run of 20 or more digits goes to
``json``, as does what orjson refuses but ``json`` reads (NaN, lone surrogates): the answers
are the same with or without orjson.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from aiegis_guard import jsontext

try:
    import orjson
except ImportError:  # pragma: no cover - orjson is an optional speedup
    orjson = None  # type: ignore[assignment]

__all__ = ["ApiError", "dumps", "error_response", "json_response", "loads", "read_json"]


_DIGITS = bytes(0x30 if 0x30 <= i <= 0x39 else 0x20 for i in range(256))  # digit -> "0"
_LONG_RUN = b"0" * 20  # 20 digits in a row: maybe an integer orjson would turn into a float


def loads(raw: bytes | str) -> Any:
    """JSON from untrusted bytes: depth-bounded, then parsed (ValueError when it is not)."""
    if orjson is None:
        return jsontext.loads(raw)
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    deep = data.count(b"[") + data.count(b"{") > jsontext.MAX_DEPTH
    if deep or _LONG_RUN in data.translate(_DIGITS):
        return jsontext.loads(raw)  # bounds the nesting / keeps big integers exact
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        return jsontext.loads(raw)  # the same answer or the same error as without orjson


def dumps(body: Any) -> bytes:
    """Compact UTF-8 JSON bytes."""
    if orjson is not None:
        try:
            return orjson.dumps(body)
        except TypeError:  # integers over 64 bits, non-str keys: json handles them
            pass
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class _JSON(Response):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return dumps(content)


class ApiError(Exception):
    """An error answered to the client: HTTP status, a type and a safe message."""

    def __init__(
        self,
        status: int,
        kind: str,
        message: str,
        *,
        headers: Mapping[str, str] | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.kind = kind
        self.message = message
        self.headers = dict(headers or {})
        self.extra = dict(extra or {})


def error_response(err: ApiError) -> Response:
    body = {"error": {"message": err.message, "type": err.kind, "code": err.kind}, **err.extra}
    return json_response(body, err.status, err.headers)


def json_response(
    body: Any, status: int = 200, headers: Mapping[str, str] | None = None
) -> Response:
    return _JSON(body, status_code=status, headers=dict(headers or {}))


async def read_json(request: Request, limit: int) -> dict[str, Any]:
    """The request body as a JSON object, or an :class:`ApiError` (400 / 413 / 415 / 499)."""
    ctype = request.headers.get("content-type", "application/json").split(";")[0].strip()
    if ctype not in ("application/json", ""):
        raise ApiError(415, "unsupported_media_type", "send application/json")
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise ApiError(413, "request_too_large", f"request body over {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    more = True
    while more:  # the ASGI messages themselves: no stream generator per request
        message = await request.receive()
        if message["type"] == "http.disconnect":
            raise ApiError(499, "client_disconnected", "the client went away")
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise ApiError(413, "request_too_large", f"request body over {limit} bytes")
        chunks.append(chunk)
        more = message.get("more_body", False)
    try:
        body = loads(b"".join(chunks))  # refuses deep nesting before parsing
    except UnicodeDecodeError:
        raise ApiError(400, "invalid_json", "the body is not UTF-8 JSON") from None
    except ValueError as exc:
        msg = getattr(exc, "msg", "malformed")
        raise ApiError(400, "invalid_json", f"the body is not valid JSON ({msg})") from None
    if not isinstance(body, dict):
        raise ApiError(400, "invalid_request", "the body must be a JSON object")
    return body


def field(
    body: Mapping[str, Any], name: str, kind: type | tuple[type, ...], *, required: bool = True
) -> Any:
    """``body[name]`` checked against ``kind`` (400 naming the field otherwise)."""
    if name not in body or body[name] is None:
        if required:
            raise ApiError(400, "invalid_request", f"'{name}' is required")
        return None
    value = body[name]
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise ApiError(400, "invalid_request", f"'{name}' must be {names}")
    return value
