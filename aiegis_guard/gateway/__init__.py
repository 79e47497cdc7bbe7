"""Gateway mode: protect agents that are not LangChain (any language, any framework).

``aiegis-guard serve`` runs :func:`~aiegis_guard.gateway.app.create_app` under uvicorn: the
sidecar API (``/v1/scan``, ``/v1/inspect-tx``, ``/v1/spend/*``), an OpenAI-compatible proxy
(``/v1/chat/completions``, ``/v1/models``) and ``/healthz`` / ``/readyz`` / ``/metrics``.
``aiegis-guard mcp-proxy -- <server command>`` guards a stdio MCP server
(:mod:`aiegis_guard.gateway.mcp_proxy`).

Needs the ``gateway`` extra (``pip install 'aiegis-guard[gateway]'``); ``import aiegis_guard``
never imports this package. Edge layer: it imports the guard, ledger, config; nothing imports it.
"""
