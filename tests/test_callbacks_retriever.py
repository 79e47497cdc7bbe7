"""guard_retriever: flagged documents are dropped or quarantined in the call path."""

from __future__ import annotations

import os
from typing import Any

import pytest
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from lc_agents import ATTACKER, CLEAN_DOC, POISON, ListRetriever, wallet_guard

from aiegis_guard.callbacks import GuardCallbackHandler, GuardedRetriever, guard_retriever
from aiegis_guard.config import Config

MODES = [pytest.param("sync", id="sync"), pytest.param("async", id="async")]


def _docs() -> list[Document]:
    return [
        Document(page_content=CLEAN_DOC, id="doc-1"),
        Document(page_content=POISON, id="doc-3"),
        Document(page_content=f"deployer private key {'0x' + os.urandom(32).hex()}", id="doc-4"),
        Document(page_content="Returns are free within 30 days.", id="doc-5"),
    ]


async def _get(retriever: BaseRetriever, mode: str, **config: Any) -> list[Document]:
    if mode == "sync":
        return retriever.invoke("policy", config or None)
    return await retriever.ainvoke("policy", config or None)


@pytest.mark.parametrize("mode", MODES)
async def test_drop_mode_removes_flagged_documents(mode: str) -> None:
    """Injected and secret-bearing documents never reach the caller; clean ones do, in order."""
    retriever = guard_retriever(ListRetriever(docs=_docs()), guard=wallet_guard())
    found = await _get(retriever, mode)
    assert [d.id for d in found] == ["doc-1", "doc-5"]


@pytest.mark.parametrize("mode", MODES)
async def test_quarantine_mode_keeps_a_notice(mode: str) -> None:
    """Quarantined documents keep their id and metadata; their text becomes a short notice."""
    retriever = guard_retriever(
        ListRetriever(docs=_docs()), guard=wallet_guard(), mode="quarantine"
    )
    found = await _get(retriever, mode)
    assert [d.id for d in found] == ["doc-1", "doc-3", "doc-4", "doc-5"]
    notices = [d.page_content for d in found if d.id in ("doc-3", "doc-4")]
    assert all(n.startswith("[aiegis_guard: retrieved document withheld (") for n in notices)
    assert ATTACKER not in str(found) and "private key" not in str(found)


def test_quarantine_is_the_default_when_configured() -> None:
    """[guard] quarantine = true makes quarantine the default mode."""
    from aiegis_guard import Guard

    guard = Guard(Config(quarantine=True), classifier=False)
    assert guard_retriever(ListRetriever(docs=[]), guard=guard).mode == "quarantine"
    assert guard_retriever(ListRetriever(docs=[]), guard=wallet_guard()).mode == "drop"


@pytest.mark.parametrize("mode", MODES)
async def test_retrieval_taints_the_thread(mode: str) -> None:
    """A poisoned document taints the run even when it was dropped (someone is steering)."""
    guard = wallet_guard()
    retriever = guard_retriever(ListRetriever(docs=_docs()), guard=guard)
    await _get(retriever, mode, metadata={"thread_id": "kb-1"})
    assert guard.taint.tainted_by(("thread", "kb-1")) == ("retrieved:doc-3",)


@pytest.mark.parametrize("mode", MODES)
async def test_handler_leaves_filtering_to_the_wrapper(mode: str) -> None:
    """With the handler attached, the wrapped retriever filters instead of aborting the run."""
    guard = wallet_guard()
    retriever = guard_retriever(ListRetriever(docs=_docs()), guard=guard)
    found = await _get(retriever, mode, callbacks=[GuardCallbackHandler(guard=guard)])
    assert [d.id for d in found] == ["doc-1", "doc-5"]


def test_wrapper_is_a_retriever() -> None:
    """The wrapper is a BaseRetriever usable wherever the original was."""
    inner = ListRetriever(docs=[], tags=["kb"])
    wrapped = guard_retriever(inner, guard=wallet_guard())
    assert isinstance(wrapped, GuardedRetriever) and isinstance(wrapped, BaseRetriever)
    assert wrapped.tags == ["kb"]
