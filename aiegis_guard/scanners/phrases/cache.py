"""On-disk cache of a compiled rule set (parsed rules and anchor index), keyed by its digest.

Parsing the TOML books (~0.1 s) and building the anchor index (~0.4 s) happen once per rule
set; later processes read one JSON file (a few ms). The file lives in the package's
``scanners/phrases/__pycache__/`` when that is writable, else in
``$XDG_CACHE_HOME/aiegis_guard`` (``~/.cache/aiegis_guard``).

The format is JSON, never pickle: reading a cache file cannot run code. Its first line is the
BLAKE2b hash of the rest, so a truncated or corrupted file is ignored (and rebuilt); the
reader checks every value's type as it decodes, and any surprise means "no cache". The name
carries the digest of the rule files, the engine's sources and the ``disable`` list, so a
change to any of them reads a different file.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

__all__ = ["cache_dirs", "read_cache", "write_cache"]

_PREFIX = "phrases-"
_KEEP = 8  # rule sets kept per directory (one per distinct extra/disable combination)


def cache_dirs() -> list[Path]:
    """Where cache files are looked for and written, in order."""
    here = Path(__file__).resolve().parent / "__pycache__"
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except (RuntimeError, KeyError):  # no home directory (some containers)
            return [here]
    return [here, Path(base) / "aiegis_guard"]


def _checksum(body: bytes) -> bytes:
    return hashlib.blake2b(body, digest_size=32).hexdigest().encode("ascii")


def read_cache(digest: str) -> dict[str, Any] | None:
    """The data stored for ``digest``, or None (missing, unreadable, corrupted, foreign)."""
    for folder in cache_dirs():
        try:
            raw = (folder / f"{_PREFIX}{digest}.json").read_bytes()
        except OSError:
            continue
        check, _, body = raw.partition(b"\n")
        if check != _checksum(body):
            continue
        try:
            data = json.loads(body)
        except ValueError:
            continue
        if isinstance(data, dict) and data.get("digest") == digest:
            return data
    return None


def write_cache(digest: str, data: dict[str, Any]) -> Path | None:
    """Store ``data`` for ``digest`` in the first writable cache folder (atomically); returns
    the file, or None when no folder is writable (the guard then builds per process)."""
    import tempfile  # only when writing (its imports cost more than a cache hit)

    body = json.dumps({**data, "digest": digest}, ensure_ascii=False, separators=(",", ":"))
    payload = _checksum(body.encode("utf-8")) + b"\n" + body.encode("utf-8")
    for folder in cache_dirs():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=folder)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(payload)
                os.chmod(tmp, 0o644)  # readable by every user of a shared install
                target = folder / f"{_PREFIX}{digest}.json"
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            continue
        _prune(folder)
        return target
    return None


def _prune(folder: Path) -> None:
    """Keep the ``_KEEP`` most recently written rule sets of ``folder``."""
    try:
        files = sorted(folder.glob(f"{_PREFIX}*.json"), key=lambda p: p.stat().st_mtime)
        for old in files[:-_KEEP]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
