"""EVM payload -> :class:`DecodedTransaction`: the entry points ``dispatch`` calls.

``decode_evm``        tx dict (JSON-RPC / web3, hex strings or ints), raw signed or unsigned
                      RLP (bytes or hex), a signed eth-account transaction, JSON text, or
                      typed data (``{"typed_data": ...}`` / an object with ``types``)
``decode_typed_data`` EIP-712 payloads (see ``typed_data.py``)
``decode_message``    ``eth_sign`` / ``personal_sign`` payloads: a bare 32-byte hash under
                      ``eth_sign`` is ``blind_hash``; text goes to ``message_text``

Whatever the input, only :class:`~aiegis_guard.errors.EvmDecodeError` escapes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from aiegis_guard import jsontext
from aiegis_guard.chains.evm import typed_data
from aiegis_guard.chains.evm.calldata import decode_calldata
from aiegis_guard.chains.evm.envelope import Envelope, parse_dict, parse_raw, to_bytes
from aiegis_guard.chains.evm.frames import Frame, native
from aiegis_guard.chains.transaction import (
    Creation,
    DecodedTransaction,
    Delegation,
    Operation,
    PayloadKind,
    Transfer,
)
from aiegis_guard.errors import EvmDecodeError, quote
from aiegis_guard.findings import Chain

__all__ = ["decode_evm", "decode_message", "decode_typed_data"]

_TYPED_KEYS = ("types", "primaryType")
MAX_RAW = 1 << 20  # 1 MiB: larger than any transaction a node accepts (128 KiB)


def _operations(env: Envelope) -> tuple[list[Operation], list[str]]:
    ops: list[Operation] = []
    notes: list[str] = []
    if env.to is None:
        ops.append(Creation(value=env.value, code_size=len(env.data)))
    else:
        if env.value:
            ops.append(
                Transfer(
                    via="native",
                    asset=native(),
                    sender=env.sender,
                    recipient=env.to,
                    amount=env.value,
                )
            )
        if env.data:
            frame = Frame(env.to, env.sender, env.to, env.value, env.data, origin=env.sender)
            inner, notes = decode_calldata(frame)
            ops += inner
    for auth in env.authorizations:
        ops.append(
            Delegation(
                delegate=auth.address,
                chain_id=auth.chain_id,
                nonce=auth.nonce,
                authority=auth.authority,
            )
        )
    return ops, notes


def _from_envelope(env: Envelope) -> DecodedTransaction:
    ops, notes = _operations(env)
    accounts = tuple(dict.fromkeys(n[8:] for n in notes if n.startswith("account:")))
    return DecodedTransaction(
        accounts=accounts,
        chain=Chain.EVM,
        kind=PayloadKind.TRANSACTION,
        tx_type=env.tx_type,
        sender=env.sender,
        to=env.to,
        chain_id=env.chain_id,
        nonce=env.nonce,
        value=env.value,
        signed=env.signed,
        operations=tuple(ops),
        notes=(*env.notes, *notes),
        data=(env.data,) if env.data else (),
    )


def _decode(payload: Any) -> DecodedTransaction:
    if isinstance(payload, Mapping):
        if "typed_data" in payload or all(k in payload for k in _TYPED_KEYS):
            return typed_data.decode_typed_data(payload)
        return _from_envelope(parse_dict(payload))
    raw_tx = getattr(payload, "raw_transaction", None)  # eth-account SignedTransaction
    if raw_tx is not None:
        payload = raw_tx
    if isinstance(payload, str):
        text = payload.strip()
        if text.startswith("{"):
            if len(text) > MAX_RAW * 2:
                raise EvmDecodeError("payload larger than 2 MiB")
            try:
                return _decode(jsontext.loads(text))
            except (ValueError, RecursionError) as exc:
                raise EvmDecodeError("payload is not JSON") from exc
        payload = to_bytes(text, "raw transaction")
    if isinstance(payload, bytes | bytearray | memoryview):
        raw = bytes(payload)
        if len(raw) > MAX_RAW:
            raise EvmDecodeError("raw transaction larger than 1 MiB")
        return _from_envelope(parse_raw(raw))
    raise EvmDecodeError(f"cannot decode a {type(payload).__name__} as an EVM transaction")


def _guarded(decode: Callable[..., DecodedTransaction], *args: Any) -> DecodedTransaction:
    try:
        return decode(*args)
    except EvmDecodeError:
        raise
    except Exception as exc:  # a bug or a pathological input must not escape as anything else
        raise EvmDecodeError(f"cannot decode EVM payload ({type(exc).__name__})") from exc


def decode_evm(payload: Any) -> DecodedTransaction:
    """Decode any EVM transaction form; raises only :class:`EvmDecodeError`."""
    return _guarded(_decode, payload)


def decode_typed_data(payload: Mapping[str, Any] | str | bytes) -> DecodedTransaction:
    """Decode an EIP-712 payload; raises only :class:`EvmDecodeError`."""
    return _guarded(typed_data.decode_typed_data, payload)


# --- eth_sign / personal_sign --------------------------------------------------------------------

_TYPED_METHODS = frozenset(
    {"eth_signtypeddata", "eth_signtypeddata_v3", "eth_signtypeddata_v4", "sign_typed_data"}
)
_TEXT_METHODS = frozenset({"personal_sign", "sign_message", "eth_sign"})


def _message_bytes(message: str | bytes) -> tuple[bytes, bool]:
    """(bytes, was_hex) — ``0x``-hex strings are decoded, other text is UTF-8."""
    if isinstance(message, bytes | bytearray | memoryview):
        return bytes(message), False
    if not isinstance(message, str):
        raise EvmDecodeError(f"a message must be text or bytes, not {type(message).__name__}")
    if message[:2] in ("0x", "0X"):
        try:
            return bytes.fromhex(message[2:]), True
        except ValueError:
            pass
    return message.encode("utf-8", errors="surrogatepass"), False


def _as_text(raw: bytes) -> str | None:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    printable = sum(c.isprintable() or c in "\n\r\t" for c in text)
    return text if printable >= len(text) * 0.9 else None


def decode_message(message: str | bytes, method: str = "personal_sign") -> DecodedTransaction:
    """Decode an ``eth_sign`` / ``personal_sign`` payload (typed-data methods are routed)."""
    return _guarded(_decode_message, message, method)


def _decode_message(message: str | bytes, method: str) -> DecodedTransaction:
    if not isinstance(method, str):
        raise EvmDecodeError("the signing method must be a string")
    m = method.strip().lower()
    if m in _TYPED_METHODS:
        if not isinstance(message, str | bytes | Mapping):
            raise EvmDecodeError("typed data must be an object or JSON text")
        return typed_data.decode_typed_data(message)
    if m not in _TEXT_METHODS:
        raise EvmDecodeError(f"unknown signing method {quote(method)}")
    raw, _ = _message_bytes(message)
    if len(raw) > MAX_RAW:
        raise EvmDecodeError("message larger than 1 MiB")
    blind = m == "eth_sign" and len(raw) == 32
    text = None if blind else _as_text(raw)
    notes = [f"method:{m}"]
    if text is None and not blind:
        notes.append("binary-message")
    return DecodedTransaction(
        chain=Chain.EVM,
        kind=PayloadKind.MESSAGE,
        tx_type=m,
        message_text=text,
        blind_hash=blind,
        notes=tuple(notes),
        data=(raw,) if text is None else (),
    )
