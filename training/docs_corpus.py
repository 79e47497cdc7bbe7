"""Benign technical documents and code: docstrings and source of permissively licensed code.

Agents read documentation and code all day (retrieved pages, tool output), full of
imperatives — "you must call close() first", "ignore the cache", "override this method" —
that a model trained only on chat and jailbreaks mistakes for instructions. The Python
standard library (PSF licence) and a few MIT/BSD/Apache packages installed with the
training extra provide that text locally, offline. Weights are trained on it; no text of
it is shipped. Split by module path hash: ~10% ``dev``.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
import random
import sysconfig
from pathlib import Path

# package -> licence (only permissive ones; security / prompt-injection packages excluded)
PACKAGES = {
    "numpy": "BSD-3-Clause",
    "pydantic": "MIT",
    "networkx": "BSD-3-Clause",
    "sympy": "BSD-3-Clause",
    "httpx": "BSD-3-Clause",
    "requests": "Apache-2.0",
    "click": "BSD-3-Clause",
    "rich": "MIT",
    "jinja2": "BSD-3-Clause",
    "aiohttp": "Apache-2.0",
    "langchain_core": "MIT",
    "eth_account": "MIT",
    "toolz": "BSD-3-Clause",
    "packaging": "Apache-2.0 OR BSD-2-Clause",
}
STDLIB_SKIP = ("test", "idlelib", "lib2to3", "site-packages", "ensurepip", "turtledemo")
MIN_DOC = 160
MAX_CHARS = 3000
PER_PACKAGE = 1500  # no single package (sympy has 5k docstrings) decides what docs look like


def _roots() -> list[tuple[str, Path]]:
    roots = [("stdlib", Path(sysconfig.get_paths()["stdlib"]))]
    for name in PACKAGES:
        spec = importlib.util.find_spec(name)
        if spec and spec.submodule_search_locations:
            roots.append((name, Path(next(iter(spec.submodule_search_locations)))))
    return roots


def _files(root: Path, stdlib: bool) -> list[Path]:
    out = []
    for p in sorted(root.rglob("*.py")):
        rel = p.relative_to(root).parts
        if stdlib and (rel[0] in STDLIB_SKIP or "tests" in rel or "test" in rel):
            continue
        if not stdlib and ("tests" in rel or "testing" in rel):
            continue
        out.append(p)
    return out


def _docstrings(tree: ast.AST) -> list[str]:
    kinds = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    out = []
    for node in ast.walk(tree):
        if isinstance(node, kinds):
            doc = ast.get_docstring(node)
            if doc and len(doc) >= MIN_DOC:
                out.append(doc[:MAX_CHARS])
    return out


def _code_chunks(source: str, r: random.Random) -> list[str]:
    lines = source.splitlines()
    chunks = []
    for _ in range(min(3, len(lines) // 40)):
        a = r.randrange(0, len(lines) - 30)
        chunk = "\n".join(lines[a : a + r.randint(15, 60)])
        if len(chunk) > 300:
            chunks.append(chunk[:MAX_CHARS])
    return chunks


def is_dev_path(path: Path) -> bool:
    return hashlib.sha1(str(path.name).encode()).digest()[0] < 26


def harvest(max_docs: int = 12000, max_code: int = 3000, seed: int = 3) -> list[dict[str, str]]:
    """Rows ``{text, kind: doc|code, package, split}`` (deterministic for an environment)."""
    r = random.Random(seed)
    docs: list[dict[str, str]] = []
    code: list[dict[str, str]] = []
    for package, root in _roots():
        for path in _files(root, package == "stdlib"):
            try:
                source = path.read_text(encoding="utf-8")
                tree = ast.parse(source)
            except (OSError, SyntaxError, UnicodeDecodeError, ValueError):
                continue
            split = "dev" if is_dev_path(path) else "train"
            for doc in _docstrings(tree):
                docs.append({"text": doc, "kind": "doc", "package": package, "split": split})
            for chunk in _code_chunks(source, r):
                code.append({"text": chunk, "kind": "code", "package": package, "split": split})
    r.shuffle(docs)
    r.shuffle(code)
    seen: set[str] = set()
    per: dict[tuple[str, str], int] = {}
    out = []
    for row in docs + code:
        key = (row["package"], row["kind"])
        if row["text"] in seen or per.get(key, 0) >= PER_PACKAGE:
            continue
        seen.add(row["text"])
        per[key] = per.get(key, 0) + 1
        out.append(row)
    return [d for d in out if d["kind"] == "doc"][:max_docs] + [
        c for c in out if c["kind"] == "code"
    ][:max_code]
