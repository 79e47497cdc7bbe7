"""The package's import graph: no cycles between modules or packages, nothing imports upward.

Every ``import`` / ``from ... import`` of ``aiegis_guard`` anywhere in a module counts: at the
top, inside functions (lazy imports) and under ``if TYPE_CHECKING:`` alike. Type-only imports
are not exempted: a layer that needs a type from above it is as misplaced as one that calls
it, and exempting them is how cycles creep back in. ``from pkg import name`` is an arrow to
``pkg.name`` when that is a module, else to ``pkg``; importing ``a.b.c`` runs ``a/__init__``
and ``a/b/__init__`` too, but those are not counted as arrows (a package's face re-exports
what lies below it).

Layers (docs: ARCHITECTURE.md), top to bottom; a module may import its own layer or lower::

    edge         aiegis_guard (the curated face), callbacks/, gateway/, cli, evaluation/
    enforce      signers/
    orchestrate  guard, pipeline
    stages       scanners/, chains/, ledger/, threats, taint, audit
    text prep    normalize, checksums, redact, keys/, charclass, confusables, offsets, clean,
                 decoders, respell, deleet, textcache, jsontext, segment, focus, carriers,
                 streams, frames
    types        findings, verdict, policy, config, errors, limits, indicators, catalogue,
                 lazyre, litgate, record, passkeys, automata
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "aiegis_guard"

LAYERS: dict[str, tuple[str, ...]] = {
    "types": (
        "findings", "verdict", "policy", "config", "errors", "limits", "indicators", "catalogue",
        "lazyre", "litgate", "record", "passkeys", "automata",
    ),
    "text prep": (
        "normalize", "checksums", "redact", "keys", "charclass", "confusables", "offsets",
        "clean", "decoders", "respell", "deleet", "textcache", "jsontext", "segment", "focus",
        "carriers", "streams", "frames",
    ),
    "stages": ("scanners", "chains", "ledger", "threats", "taint", "audit"),
    "orchestrate": ("guard", "pipeline"),
    "enforce": ("signers",),
    "edge": ("", "callbacks", "gateway", "cli", "evaluation", "__main__"),
}  # fmt: skip
RANK = {name: i for i, name in enumerate(LAYERS)}


def modules(package: Path = PACKAGE) -> dict[str, Path]:
    """Dotted module name -> file, for every ``.py`` under the package."""
    out = {}
    for path in sorted(package.rglob("*.py")):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def imports_of(name: str, path: Path, known: Iterable[str]) -> set[str]:
    """The package modules that ``name`` imports, anywhere in its source."""
    known = set(known)
    here = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = here.split(".")[: len(here.split(".")) - node.level + 1]
                base = ".".join([*up, *([node.module] if node.module else [])])
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                out.add(sub if sub in known else base)
    return {m for m in out if m in known and m != name}


def graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    mods = modules(package)
    return {name: imports_of(name, path, mods) for name, path in mods.items()}


def layer_of(module: str) -> str:
    """The layer of a dotted module name (by its first part below ``aiegis_guard``)."""
    top = module.split(".")[1] if "." in module else ""
    for layer, members in LAYERS.items():
        if top in members:
            return layer
    raise AssertionError(f"{module}: no layer; add it to LAYERS (and to ARCHITECTURE.md)")


def cycles(edges: Mapping[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one member (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(edges.get(child, ())))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return found


def collapsed(edges: Mapping[str, set[str]], depth: int) -> dict[str, set[str]]:
    """The graph between packages: each module named by its first ``depth`` parts."""

    def unit(m: str) -> str:
        return ".".join(m.split(".")[:depth])

    out: dict[str, set[str]] = {}
    for src, targets in edges.items():
        out.setdefault(unit(src), set()).update(unit(t) for t in targets if unit(t) != unit(src))
    return out


def upward(edges: Mapping[str, set[str]]) -> list[str]:
    return sorted(
        f"{src} ({layer_of(src)}) -> {dst} ({layer_of(dst)})"
        for src, targets in edges.items()
        for dst in targets
        if RANK[layer_of(dst)] > RANK[layer_of(src)]
    )


@pytest.fixture(scope="module")
def package_graph() -> dict[str, set[str]]:
    """The package's graph, read when a test here runs (not at every worker's collection)."""
    return graph()


def test_every_module_has_a_layer(package_graph: dict[str, set[str]]) -> None:
    """A new top-level module or package must be placed in a layer."""
    for module in package_graph:
        layer_of(module)


def test_no_module_cycles(package_graph: dict[str, set[str]]) -> None:
    """No two modules import each other, directly or around a loop."""
    assert cycles(package_graph) == []


@pytest.mark.parametrize("depth", [2, 3], ids=["packages", "subpackages"])
def test_no_package_cycles(package_graph: dict[str, set[str]], depth: int) -> None:
    """Packages (scanners, chains, ledger, ...) and their subpackages import without loops."""
    assert cycles(collapsed(package_graph, depth)) == []


def test_nothing_imports_upward(package_graph: dict[str, set[str]]) -> None:
    """Every import points to the importer's layer or below (lazy and type-only ones too)."""
    assert upward(package_graph) == []


def test_core_does_not_import_langchain() -> None:
    """Only callbacks/ names LangChain / LangGraph (the core imports without them)."""
    offenders = []
    for name, path in modules().items():
        if name.startswith("aiegis_guard.callbacks"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            offenders += [f"{name}: {n}" for n in names if n.split(".")[0].startswith("lang")]
    assert offenders == []


# --- the walk itself can fail -----------------------------------------------------------------


def _fake_package(tmp_path: Path, files: Mapping[str, str]) -> Path:
    root = tmp_path / "aiegis_guard"
    for rel, source in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("files", "cycle", "up"),
    [
        pytest.param(
            {"__init__.py": "", "findings.py": "def f():\n    import aiegis_guard.guard\n",
             "guard.py": "from aiegis_guard import findings\n"},
            [["aiegis_guard.findings", "aiegis_guard.guard"]],
            ["aiegis_guard.findings (types) -> aiegis_guard.guard (orchestrate)"],
            id="lazy-import-cycle-and-upward",
        ),
        pytest.param(
            {"__init__.py": "", "chains/__init__.py": "", "chains/a.py": "from ..guard import G\n",
             "guard.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                         "    from aiegis_guard.chains.a import x\n"},
            [["aiegis_guard.chains.a", "aiegis_guard.guard"]],
            ["aiegis_guard.chains.a (stages) -> aiegis_guard.guard (orchestrate)"],
            id="relative-and-type-checking",
        ),
        pytest.param(
            {"__init__.py": "", "policy.py": "from aiegis_guard import verdict\n",
             "verdict.py": "from aiegis_guard.findings import Action\n", "findings.py": ""},
            [],
            [],
            id="clean",
        ),
    ],
)  # fmt: skip
def test_walk_finds_cycles_and_upward_imports(
    tmp_path: Path, files: dict[str, str], cycle: list[list[str]], up: list[str]
) -> None:
    """Lazy, relative and TYPE_CHECKING imports are all arrows of the graph."""
    edges = graph(_fake_package(tmp_path, files))
    assert cycles(edges) == cycle
    assert upward(edges) == up
