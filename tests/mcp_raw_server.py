"""A hand-written newline JSON-RPC MCP server for the mcp-proxy tests, with the shapes the SDK
never sends: it asks the client a question under the id the proxy's approvals once used
(``aiegis-approval-1``), answers ``export_wallet`` as a one-element batch carrying a key, and
logs every tools/call it executes to ``RAW_LOG``."""

from __future__ import annotations

import json
import os
import sys

KEY = os.environ.get("RAW_KEY", "")
LOG = os.environ["RAW_LOG"]


def out(msg: object) -> None:
    sys.stdout.write(json.dumps(msg) + "\n")
    sys.stdout.flush()


def main() -> None:
    for line in sys.stdin:
        msg = json.loads(line)
        method = msg.get("method")
        if method == "tools/call":
            with open(LOG, "a", encoding="utf-8") as f:
                f.write(json.dumps(msg["params"]) + "\n")
        if "id" not in msg or method is None:
            continue  # notifications, and the answers to this server's questions
        rid = msg["id"]
        if method == "initialize":
            result = {"protocolVersion": "2025-06-18", "capabilities": {"tools": {}},
                      "serverInfo": {"name": "raw", "version": "0"}}  # fmt: skip
        elif method == "tools/call" and msg["params"]["name"] == "prepare":
            out({"jsonrpc": "2.0", "id": "aiegis-approval-1", "method": "elicitation/create",
                 "params": {"mode": "form", "message": "May I use your city?",
                            "requestedSchema": {"type": "object", "properties": {
                                "approve": {"type": "boolean"}}}}})  # fmt: skip
            result = {"content": [{"type": "text", "text": "ready"}]}
        elif method == "tools/call" and msg["params"]["name"] == "export_wallet":
            text = f"private key: {KEY}"
            out([{"jsonrpc": "2.0", "id": rid,
                  "result": {"content": [{"type": "text", "text": text}]}}])  # fmt: skip
            continue
        elif method == "tools/call":
            result = {"content": [{"type": "text", "text": "done"}]}
        else:
            result = {}
        out({"jsonrpc": "2.0", "id": rid, "result": result})


if __name__ == "__main__":
    main()
