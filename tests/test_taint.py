"""Run taint: which verdicts taint a run, how the store keys and evicts runs, escalation."""

from __future__ import annotations

import uuid

import pytest

from aiegis_guard import Action, Category, Finding, Guard, Policy, Severity, Source, Verdict
from aiegis_guard.policy import TaintMode
from aiegis_guard.taint import MAX_SOURCES, TaintStore, merge_sources, taint_finding, taints


def _finding(rule_id: str, category: Category, action: Action = Action.FLAG) -> Finding:
    return Finding(
        rule_id=rule_id, category=category, severity=Severity.HIGH, action=action, message="m"
    )


def _verdict(*findings: Finding) -> Verdict:
    return Verdict(action=Action.strongest(f.action for f in findings), findings=findings)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(
    ("findings", "expected"),
    [
        pytest.param([_finding("injection.override", Category.INJECTION)], True, id="injection"),
        pytest.param([_finding("drainer.sweep", Category.DRAINER)], True, id="drainer-redirect"),
        pytest.param(
            [_finding("obfuscation.unicode_tags", Category.OBFUSCATION)], True, id="smuggling"
        ),
        pytest.param(
            [_finding("injection.override", Category.INJECTION, Action.BLOCK)],
            True,
            id="blocked-injection",
        ),
        pytest.param(
            [_finding("injection.override", Category.INJECTION, Action.ALLOW)],
            False,
            id="injection-turned-off-by-policy",
        ),
        pytest.param([_finding("pii.email", Category.PII)], False, id="pii-does-not-taint"),
        pytest.param(
            [_finding("secret.evm_private_key", Category.SECRET, Action.BLOCK)],
            False,
            id="secret-does-not-taint",
        ),
        pytest.param([], False, id="clean"),
    ],
)
def test_which_verdicts_taint(findings: list[Finding], expected: bool) -> None:
    """Injection, drainer redirects and smuggling taint a run; other findings do not."""
    verdict = _verdict(*findings) if findings else Verdict(action=Action.ALLOW)
    assert taints(verdict) is expected


@pytest.mark.parametrize(
    ("mode", "action"),
    [
        pytest.param(TaintMode.APPROVE, Action.FLAG, id="approve-mode-flags"),
        pytest.param(TaintMode.BLOCK, Action.BLOCK, id="block-mode-blocks"),
        pytest.param(TaintMode.OFF, None, id="off-mode-adds-nothing"),
    ],
)
def test_taint_finding_follows_mode(mode: TaintMode, action: Action | None) -> None:
    """The taint.run finding's action is the policy's taint mode; it names its sources."""
    found = taint_finding(["retrieved:doc-3", "retrieved:doc-3"], mode)
    if action is None:
        assert found is None
        return
    assert found is not None
    assert (found.rule_id, found.category, found.action) == ("taint.run", Category.TAINT, action)
    assert found.evidence == ("tainted-by:retrieved:doc-3",)
    assert "retrieved:doc-3" in found.message


def test_no_sources_no_finding() -> None:
    """A clean run gets no taint finding."""
    assert taint_finding([], TaintMode.APPROVE) is None


def test_merge_sources_is_an_ordered_bounded_union() -> None:
    """The state reducer keeps first-seen order, drops duplicates and caps the list."""
    assert merge_sources(["a", "b"], ["b", "c"]) == ["a", "b", "c"]
    assert merge_sources(None, ["x"]) == ["x"]
    assert len(merge_sources([f"s{i}" for i in range(40)], ["late"])) == MAX_SOURCES


def test_store_links_runs_to_their_root() -> None:
    """A grandchild run's taint lives under the root run; ending the root evicts it."""
    store = TaintStore()
    root, child, grandchild = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    assert store.link(root) == root
    assert store.link(child, root) == root
    assert store.link(grandchild, child) == root
    store.mark(store.key_of(grandchild), "tool_output:read_docs")
    assert store.tainted_by(root) == ("tool_output:read_docs",)
    store.end(root)
    assert store.tainted_by(root) == ()
    assert len(store) == 0
    assert store.key_of(grandchild) == grandchild  # the lineage went with it


def test_store_thread_keys_outlive_the_root_run() -> None:
    """A LangGraph thread keeps its taint across runs (interrupt + resume), until the LRU."""
    store = TaintStore()
    first, second = uuid.uuid4(), uuid.uuid4()
    key = store.link(first, thread="t-1")
    assert key == ("thread", "t-1")
    store.mark(key, "retrieved:doc-3")
    store.end(first)
    assert store.link(second, thread="t-1") == key
    assert store.tainted_by(key) == ("retrieved:doc-3",)


def test_store_is_bounded_by_lru_and_ttl() -> None:
    """Runs that never end are evicted oldest-first and after their TTL."""
    clock = Clock()
    store = TaintStore(max_keys=3, ttl_seconds=60, clock=clock)
    for name in ("a", "b", "c", "d"):
        store.mark(name, f"tool_output:{name}")
    assert len(store) == 3
    assert store.tainted_by("a") == ()
    assert store.tainted_by("d") == ("tool_output:d",)
    clock.now = 61
    assert store.tainted_by("d") == ()


def test_store_caps_sources_and_seen_memo() -> None:
    """A run names at most MAX_SOURCES sources; the seen memo is bounded."""
    store = TaintStore(max_seen=4)
    for i in range(MAX_SOURCES + 5):
        store.mark("run", f"s{i}")
    assert len(store.tainted_by("run")) == MAX_SOURCES
    assert store.seen("run", "x") is False
    assert store.seen("run", "x") is True
    for i in range(10):
        store.seen("run", i)
    assert len(store._entries["run"].seen) <= 4


def test_store_caps_lineage_links() -> None:
    """The run-id -> root map never grows past max_links."""
    store = TaintStore(max_links=10)
    root = uuid.uuid4()
    store.link(root)
    for _ in range(50):
        store.link(uuid.uuid4(), root)
    assert len(store._root_of) <= 10


@pytest.mark.parametrize(
    ("mode", "action"),
    [
        pytest.param("approve", Action.FLAG, id="approve"),
        pytest.param("block", Action.BLOCK, id="block"),
        pytest.param("off", Action.ALLOW, id="off"),
    ],
)
def test_check_action_escalates_a_tainted_run(mode: str, action: Action) -> None:
    """Clean-looking arguments in a tainted run are escalated per ``policy.taint``."""
    friend = "0x1111111111111111111111111111111111111111"
    policy = Policy.model_validate({"taint": mode, "allowlist": {"evm": [friend]}})
    guard = Guard(policy, classifier=False)
    args = f"to: {friend}\namount: 0.1"
    verdict = guard.check_action(args, tainted_by=["retrieved:doc-3"])
    assert verdict.action is action
    assert verdict.source is Source.TOOL_INPUT
    if action is not Action.ALLOW:
        assert verdict.tainted_by == ("retrieved:doc-3",)
        assert "taint.run" in verdict.rule_ids
        assert "tainted by retrieved:doc-3" in verdict.summary()
    clean = guard.check_action(args)
    assert "taint.run" not in clean.rule_ids and clean.tainted_by == ()


def test_guard_shares_one_store() -> None:
    """Every surface built on one Guard sees the same taint store."""
    guard = Guard(classifier=False)
    assert guard.taint is guard.taint
    assert Guard(classifier=False).taint is not guard.taint
