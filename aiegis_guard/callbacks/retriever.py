"""Retrieved documents filtered in the call path (a callback can only abort a retrieval).

    retriever = guard_retriever(vectorstore.as_retriever(), guard=guard)            # drop
    retriever = guard_retriever(retriever, guard=guard, mode="quarantine")          # notice

Each document is judged with ``source=retrieved``: its text and its metadata (a title is
read by the model too). A document the guard blocks, or one
carrying an injection (``injection.*`` / ``drainer.*`` / ``obfuscation.*``), is dropped or
replaced by a short notice; a document with only redactable findings is passed redacted.
A run that retrieved injected content is tainted even though the model never saw it: the
poisoned document shows someone is steering this agent, so its value-moving actions ask first.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any, Literal

from langchain_core.callbacks import (
    AsyncCallbackManagerForRetrieverRun,
    CallbackManagerForRetrieverRun,
)
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from aiegis_guard.callbacks.handler import document_label, judge_document
from aiegis_guard.callbacks.judge import GUARDED, quarantine_notice
from aiegis_guard.callbacks.tools import thread_of
from aiegis_guard.findings import Action
from aiegis_guard.guard import Guard
from aiegis_guard.taint import taints

__all__ = ["GuardedRetriever", "guard_retriever"]

Mode = Literal["drop", "quarantine"]


class GuardedRetriever(BaseRetriever):
    """A retriever whose flagged documents never reach the model. Build with
    :func:`guard_retriever`."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    inner: BaseRetriever
    guard: Guard
    mode: Mode = "drop"

    def _filter(self, docs: list[Document], run_manager: Any) -> list[Document]:
        key: Hashable | None = None
        if run_manager is not None:
            thread = thread_of({"metadata": run_manager.metadata})
            key = self.guard.taint.link(
                run_manager.run_id, run_manager.parent_run_id, thread=thread
            )
        kept: list[Document] = []
        for i, doc in enumerate(docs):
            verdict = judge_document(self.guard, doc)
            tainting = taints(verdict)
            if tainting and key is not None:
                self.guard.taint.mark(key, document_label(doc, i))
            if verdict.action is Action.BLOCK or tainting:
                if self.mode == "quarantine":
                    notice = quarantine_notice(verdict, "retrieved document")
                    # its metadata may carry the payload (a title): the notice keeps none
                    update = {"page_content": notice, "metadata": {}}
                    kept.append(doc.model_copy(update=update))
                continue
            if verdict.redacted_text is not None:
                doc = doc.model_copy(update={"page_content": verdict.redacted_text})
            kept.append(doc)
        return kept

    def _child_config(self, run_manager: Any) -> dict[str, Any]:
        return {"callbacks": run_manager.get_child(), "metadata": {GUARDED: True}}

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        docs = self.inner.invoke(query, config=self._child_config(run_manager))  # type: ignore[arg-type]
        return self._filter(docs, run_manager)

    async def _aget_relevant_documents(
        self, query: str, *, run_manager: AsyncCallbackManagerForRetrieverRun
    ) -> list[Document]:
        docs = await self.inner.ainvoke(query, config=self._child_config(run_manager))  # type: ignore[arg-type]
        return self._filter(docs, run_manager)


def guard_retriever(
    retriever: BaseRetriever, *, guard: Guard | None = None, mode: Mode | None = None
) -> GuardedRetriever:
    """Wrap a retriever: flagged documents are dropped (``mode="drop"``, the default) or
    replaced by a notice (``mode="quarantine"``, the default when ``[guard] quarantine``)."""
    guard = guard if guard is not None else Guard()
    chosen: Mode = mode or ("quarantine" if guard.config.quarantine else "drop")
    return GuardedRetriever(
        inner=retriever,
        guard=guard,
        mode=chosen,
        tags=retriever.tags,
        metadata={**(retriever.metadata or {}), GUARDED: True},
    )
