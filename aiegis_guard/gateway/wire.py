"""Reading requests and writing errors: size limits, JSON, typed errors that leak nothing.

Every error body is OpenAI-shaped, ``{"error": {"message", "type", "code"}}``, so the
official clients raise a readable exception; messages never quote the request.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response

from aiegis_guard import jsontext

__all__ = ["ApiError", "error_response", "json_response", "read_json"]


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
    return JSONResponse(body, status_code=status, headers=dict(headers or {}))


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
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise ApiError(413, "request_too_large", f"request body over {limit} bytes")
            chunks.append(chunk)
    except ClientDisconnect:
        raise ApiError(499, "client_disconnected", "the client went away") from None
    try:
        body = jsontext.loads(b"".join(chunks))  # refuses deep nesting before parsing
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
