"""Which JSON-RPC methods sign or send a transaction, and the transactions each one carries.

The web3 middleware judges every transaction a request carries, whichever method carries it;
a method that signs or sends and is not read here is refused (FLAG, the approver decides).

=====================================  ===================================================
``eth_sendTransaction``                ``[tx]``: the node signs and sends (execution-apis)
``eth_signTransaction``                ``[tx]``: the node signs, the signed tx is returned
``wallet_sendTransaction``             ``[tx]``: the wallet namespace's ``eth_sendTransaction``
``eth_sendRawTransaction*``            ``[raw, …]``: ``…Conditional`` (OP Stack), ``…Sync``
``eth_sendPrivateTransaction``         ``[{"tx": raw, "maxBlockNumber", "preferences"}]``
``eth_sendPrivateRawTransaction``      ``[raw, preferences]``
``eth_sendBundle``                     ``[{"txs": [raw, …], "blockNumber", …}]``
``wallet_sendCalls``                   ``[{"version", "chainId", "from", "calls": [{"to",
                                       "data", "value"}], "capabilities"}]``
=====================================  ===================================================

Sources: ethereum/execution-apis (``eth_sendTransaction``, ``eth_signTransaction``,
``eth_sendRawTransaction``); flashbots/flashbots-docs ``docs/flashbots-auction/advanced/
rpc-endpoint.mdx`` and docs.flashbots.net "JSON-RPC Endpoints" (``eth_sendPrivateTransaction``,
``eth_sendPrivateRawTransaction``, ``eth_sendBundle``); ethereum/ERCs ``ERCS/erc-5792.md``
(``wallet_sendCalls``); wevm/viem ``src/types/eip1193.ts`` ``WalletRpcSchema``
(``wallet_sendTransaction``: ``[transaction: RpcTransactionRequest]``, what viem's
``sendTransaction`` sends when the wallet supports the namespace); the OP Stack's
``eth_sendRawTransactionConditional`` takes the raw transaction first, like
``eth_sendRawTransaction``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["MESSAGES", "SEND_CALLS", "TYPED", "Carried", "carried_transactions", "send_calls"]
__all__ += ["signs_or_sends"]

SEND_CALLS = "wallet_sendCalls"

TYPED = frozenset({"eth_signTypedData", "eth_signTypedData_v3", "eth_signTypedData_v4"})
MESSAGES = frozenset({"eth_sign", "personal_sign"})
_OBJECT = frozenset({"eth_sendTransaction", "eth_signTransaction", "wallet_sendTransaction"})
_RAW_FIRST = re.compile(r"eth_send(?:Private)?RawTransaction\w*")
# a method whose verb (the first word after the namespace) signs, sends, submits or grants
# (``eth_sendUserOperation``, ``personal_signTransaction``, ERC-7715 ``wallet_grantPermissions``);
# ``eth_getTransactionBySenderAndNonce`` reads
_SIGNS_OR_SENDS = re.compile(r"(?:[a-z0-9]+_)?(?:sign|send|submit|broadcast|grant)(?![a-z])\w*")


@dataclass
class Carried:
    """The transactions a request carries: tx objects (the node or wallet signs) or raw
    signed transactions; ``unreadable`` says why a part of the params could not be read."""

    payloads: list[Any] = field(default_factory=list)
    signer: str | None = None
    unreadable: list[str] = field(default_factory=list)


def signs_or_sends(method: str) -> bool:
    """Does a method's name say it signs or sends (``eth_sendUserOperation``…)?"""
    return bool(_SIGNS_OR_SENDS.fullmatch(method))


def carried_transactions(method: str, params: Any) -> Carried | None:
    """The transactions ``method`` carries, or None for a method not read here."""
    params = list(params or ()) if isinstance(params, list | tuple) else [params]
    first = params[0] if params else None
    out = Carried()
    if method in _OBJECT:
        out.payloads.append(first)
        out.signer = _from(first)
    elif _RAW_FIRST.fullmatch(method):
        out.payloads.append(first)
    elif method == "eth_sendPrivateTransaction":
        out.payloads.append(first.get("tx") if isinstance(first, Mapping) else first)
    elif method == "eth_sendBundle":
        txs = first.get("txs") if isinstance(first, Mapping) else None
        if isinstance(txs, list | tuple) and txs:
            out.payloads += list(txs)
        else:
            out.unreadable.append("eth_sendBundle without a list of txs")
    elif method == SEND_CALLS:
        send_calls(first, out)
    else:
        return None
    return out


def _from(value: Any) -> str | None:
    sender = value.get("from") if isinstance(value, Mapping) else None
    return sender if isinstance(sender, str) else None


def send_calls(request: Any, out: Carried) -> None:
    """EIP-5792: each call is a transaction from ``from`` on ``chainId``."""
    calls = request.get("calls") if isinstance(request, Mapping) else None
    if not isinstance(calls, list | tuple) or not calls:
        out.unreadable.append("wallet_sendCalls without a list of calls")
        return
    out.signer = _from(request)
    assert isinstance(request, Mapping)
    for call in calls:
        if not isinstance(call, Mapping):
            out.unreadable.append("wallet_sendCalls call is not an object")
            continue
        # ``input`` is the execution-apis name of ``data``: kept, never dropped (review19 F8;
        # both present and different: undecodable, ``envelope.parse_dict``)
        tx = {k: call[k] for k in ("to", "data", "input", "value") if k in call}
        tx.setdefault("value", 0)
        if out.signer:
            tx["from"] = out.signer
        if "chainId" in request:
            tx["chainId"] = request["chainId"]
        out.payloads.append(tx)
