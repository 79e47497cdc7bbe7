"""``eth_sign`` / ``personal_sign`` payloads -> :class:`DecodedTransaction`, by what is signed.

Drainer kits abuse message signing in a few known shapes; each is decoded into what it does,
so that the same effect gets the same verdict whatever carries it:

1. **A transaction as the message** — raw RLP, legacy or EIP-2718 typed, signed or not (hex
   or bytes), or a JSON transaction dict as text: decoded with the transaction decoder and
   judged as ``check_transaction`` would judge it, with a note ``carried-by:<method>`` (the
   inspector adds ``tx.evm.transaction_as_message``). Sources: SlowMist, "Blank Check eth_sign
   Phishing Analysis" (2022-10: the kit serialises a transaction and asks ``eth_sign`` for its
   hash); MetaMask/eth-phishing-detect PR #10590 (a fake Satellite bridge asking to sign a
   ``rawTransactionHash``); a BSC drainer front-end that passes ``JSON.stringify(unsignedTx)``
   to ``eth_sign`` after an "Authorize sending <balance> BNB" message.
2. **Blind digests** — a bare 32-byte hash signed with ``eth_sign`` (no prefix: it may be a
   transaction's or an EIP-712 digest) is ``blind_hash``; ``0x1901 || domainSeparator ||
   structHash`` (the EIP-712 digest preimage, EIP-712 §"Specification") is noted
   ``eip712-digest``: both are ``tx.evm.blind_signature`` (BLOCK). A 32-byte hash that is
   not text signed with ``personal_sign`` is the same blind signature (issue 12: one verdict
   for "signs contents it cannot see"): the EIP-191 prefix keeps it from being a transaction
   or EIP-712 signature, but contracts accept the prefixed hash as the owner's approval of
   what it hashes: a Safe transaction (safe-global/safe-smart-account ``contracts/Safe.sol``
   ``checkNSignatures``: ``v > 30`` recovers from the EIP-191-prefixed ``dataHash``), a
   UserOperation (eth-infinitism/account-abstraction ``contracts/samples/SimpleAccount.sol``
   ``_validateSignature``: ``userOpHash.toEthSignedMessageHash()``), an X2Y2 order, a
   UniversalDrainer sweep. Nothing in 32 bytes tells a harmless hash from those, so it is
   BLOCKed as ``eth_sign``'s is; other binary stays opaque (``tx.evm.opaque_message``, FLAG).
   Sources: MetaMask MIP "Deprecation of eth_sign" (metamask-improvement-proposals PR #42)
   and metamask-extension #1930; Uniswap/conedison ``src/provider/signing.ts`` (``eth_sign``
   fallback of ``_TypedDataEncoder.hash``: even a legitimate permit becomes an unreadable
   digest).
3. **EIP-4361 Sign-In with Ethereum** — a :class:`SignIn` operation (``chains/siwe.py``).
4. **Typed data in text** — JSON EIP-712 (``types`` + ``primaryType``) is decoded as typed
   data; a permit-like structure (a ``spender`` and a ``value`` / ``amount`` / ``allowed``, as
   JSON or ``key: value`` lines) is a ``permit.lookalike`` grant, as the typed-data decoder
   judges look-alike permits (skamlek/evm-drainer-files-explained-in-depth
   ``research/wallet_prompts_and_draining_methods.md``: permits presented as "verify wallet
   ownership" messages).

Anything else is text (judged by the text guard) or opaque binary, as before.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from aiegis_guard import jsontext
from aiegis_guard.chains.carried import CARRIED
from aiegis_guard.chains.evm import typed_data
from aiegis_guard.chains.evm.envelope import parse_dict, parse_raw
from aiegis_guard.chains.evm.frames import asset
from aiegis_guard.chains.evm.mappings import calls_transaction, read_mapping, user_op_transaction
from aiegis_guard.chains.evm.operations import MAX_RAW, from_envelope, guarded
from aiegis_guard.chains.evm.selectors import UNLIMITED
from aiegis_guard.chains.siwe import parse_siwe
from aiegis_guard.chains.sniff import is_typed_data
from aiegis_guard.chains.transaction import (
    Approval,
    Asset,
    AssetKind,
    DecodedTransaction,
    Operation,
    PayloadKind,
)
from aiegis_guard.errors import EvmDecodeError, quote
from aiegis_guard.findings import Chain

__all__ = ["decode_evm_message"]

_TYPED_METHODS = frozenset(
    {"eth_signtypeddata", "eth_signtypeddata_v3", "eth_signtypeddata_v4", "sign_typed_data"}
)
_TEXT_METHODS = frozenset({"personal_sign", "sign_message", "eth_sign"})
_DIGEST_PREFIX = b"\x19\x01"
_HEX = re.compile(r"(?:[0-9a-fA-F]{2})+")
_LAYOUT = str.maketrans("\n\r\t", "   ")
_MIN_TX_HEX = 2 * 26  # the smallest legacy transaction RLP is 26+ bytes
_ADDRESS = re.compile(r"0[xX][0-9a-fA-F]{40}")
_LINE = re.compile(r"\s*[\"']?([A-Za-z_][A-Za-z0-9_ ]{0,40}?)[\"']?\s*[:=]\s*(.{1,200}?)\s*,?\s*")
_VALUE_KEYS = ("value", "amount", "wad", "allowed")
_OWNER_KEYS = ("owner", "holder", "from")
_DEADLINE_KEYS = ("deadline", "expiry", "expiration", "validbefore")
_TOKEN_KEYS = ("token", "verifyingcontract", "contract")
_PERMIT_KEYS = frozenset(
    {"spender", "nonce", *_VALUE_KEYS, *_OWNER_KEYS, *_DEADLINE_KEYS, *_TOKEN_KEYS}
)
_MAX_ITEMS = 64  # grants read from one permit-like structure
_MAX_WORDS = ("max", "unlimited", "infinite", "infinity", "maxuint256", "type(uint256).max")


def decode_evm_message(
    message: str | bytes, method: str = "personal_sign", chain_id: int | None = None
) -> DecodedTransaction:
    """Decode an ``eth_sign`` / ``personal_sign`` payload (typed-data methods are routed);
    ``chain_id``: the chain the signer is on, when known. Raises only :class:`EvmDecodeError`."""
    return guarded(_decode, message, method, chain_id)


def _message_bytes(message: str | bytes, m: str) -> bytes:
    """``0x``-hex strings are decoded (under ``eth_sign``, whose payload is always data, bare
    hex too); other text is UTF-8."""
    if isinstance(message, bytes | bytearray | memoryview):
        return bytes(message)
    if not isinstance(message, str):
        raise EvmDecodeError(f"a message must be text or bytes, not {type(message).__name__}")
    word = message.strip()
    if word[:2] in ("0x", "0X") or (m == "eth_sign" and _HEX.fullmatch(word)):
        try:
            return bytes.fromhex(word[2:] if word[:2] in ("0x", "0X") else word)
        except ValueError:
            pass
    return message.encode("utf-8", errors="surrogatepass")


def _as_text(raw: bytes) -> str | None:
    """UTF-8 that is (90 % or more) printable, else None."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if text.translate(_LAYOUT).isprintable():  # the common case, at C speed
        return text
    printable = sum(c.isprintable() or c in "\n\r\t" for c in text)
    return text if printable >= len(text) * 0.9 else None


def _prose32(text: str | None) -> bool:
    """Are 32 bytes that read as text a sentence ("Sign in to example.org\nNonce: 42")? Only
    prose: ASCII letters, digits, spaces and common punctuation, with 2 breaks between words
    or more. 90 % printable bytes is no test of 32 bytes an attacker may grind from a hash
    (review20b F3: about 2^37 tries); 32 bytes from these ~80 characters are ~2^-53 of hashes."""
    if text is None or sum(text.count(c) for c in " \n") < 2:
        return False
    return all(c.isascii() and (c.isalnum() or c in _PROSE32) for c in text)


_PROSE32 = " \n\r\t.,:;!?'\"-/()@#_=+&%$"


def _decode(message: str | bytes, method: str, chain_id: int | None) -> DecodedTransaction:
    if not isinstance(method, str):
        raise EvmDecodeError("the signing method must be a string")
    m = method.strip().lower()
    if m in _TYPED_METHODS:
        if not isinstance(message, str | bytes | Mapping):
            raise EvmDecodeError("typed data must be an object or JSON text")
        return typed_data.decode_typed_data(message)
    if m not in _TEXT_METHODS:
        raise EvmDecodeError(f"unknown signing method {quote(method)}")
    if isinstance(message, str) and len(message) > 2 * MAX_RAW:
        raise EvmDecodeError("message larger than 1 MiB")
    raw = _message_bytes(message, m)
    if len(raw) > MAX_RAW:
        raise EvmDecodeError("message larger than 1 MiB")
    text = _as_text(raw)
    if len(raw) == 32 and (m == "eth_sign" or not _prose32(text)):  # a hash: its meaning unseen
        return _plain(m, raw, None, chain_id, blind=True)
    shaped = _binary_shape(raw, m)
    if shaped is None and text is not None:
        shaped = _text_shape(text, m, chain_id)
    return shaped if shaped is not None else _plain(m, raw, text, chain_id)


def _plain(
    m: str,
    raw: bytes,
    text: str | None,
    chain_id: int | None,
    *,
    blind: bool = False,
    ops: tuple[Operation, ...] = (),
    notes: tuple[str, ...] = (),
) -> DecodedTransaction:
    """A message judged as itself: text, a blind hash, or opaque binary."""
    extra = notes if text is not None or blind or notes else ("binary-message",)
    return DecodedTransaction(
        chain=Chain.EVM,
        kind=PayloadKind.MESSAGE,
        tx_type=m,
        chain_id=chain_id,
        message_text=text,
        blind_hash=blind,
        operations=ops,
        notes=(f"method:{m}", *extra),
        data=(raw,) if text is None else (),
    )


def _carried(decoded: DecodedTransaction, m: str, what: str) -> DecodedTransaction:
    return decoded.replace(notes=(f"{CARRIED}{m}", f"message:{what}", *decoded.notes))


# --- binary: a raw transaction, an EIP-712 digest preimage ----------------------------------------


def _binary_shape(raw: bytes, m: str) -> DecodedTransaction | None:
    if len(raw) == 66 and raw.startswith(_DIGEST_PREFIX):
        return _plain(m, raw, None, None, notes=("eip712-digest",))
    return _raw_transaction(raw, m)


def _raw_transaction(raw: bytes, m: str) -> DecodedTransaction | None:
    """A legacy RLP list or an EIP-2718 ``type || rlp`` payload, signed or not."""
    if not raw or not (raw[0] >= 0xC0 or 0x01 <= raw[0] <= 0x04):
        return None
    try:
        env = parse_raw(raw)
    except EvmDecodeError:
        return None  # truncated or not a transaction: judged as the bytes it is
    return _carried(from_envelope(env), m, "rlp-transaction")


# --- text: SIWE, JSON (typed data, a transaction, a permit), permit-like lines --------------------


def _text_shape(text: str, m: str, chain_id: int | None) -> DecodedTransaction | None:
    sign_in = parse_siwe(text)
    if sign_in is not None:
        return _plain(m, b"", text, chain_id, ops=(sign_in,), notes=("eip4361",))
    stripped = text.strip()
    if len(stripped) >= _MIN_TX_HEX and _HEX.fullmatch(stripped):  # a raw tx as bare hex
        return _raw_transaction(bytes.fromhex(stripped), m)
    start, end = stripped.find("{"), stripped.rfind("}")
    if 0 <= start < end:  # a JSON object, alone or inside a text
        try:
            obj = jsontext.loads(stripped[start : end + 1])
        except (ValueError, RecursionError):
            obj = None
        if isinstance(obj, Mapping):
            around = f"{stripped[:start]}\n{stripped[end + 1 :]}".strip()
            decoded = _json_shape(obj, text, m, chain_id)
            return None if decoded is None else _with_text(decoded, around)
    fields = _line_fields(text)
    grants = _permits(fields, None) if fields else []
    return _permit_message(grants, text, m, chain_id, "permit-lines") if grants else None


def _with_text(decoded: DecodedTransaction, around: str) -> DecodedTransaction:
    """The text around a JSON object goes through the text guard with the object's own (a
    permit read from the JSON already carries the whole text)."""
    if not around or "message:permit-json" in decoded.notes:
        return decoded
    text = "\n".join(t for t in (around, decoded.message_text) if t)
    return decoded.replace(message_text=text)  # whole: the own secrets are looked for in it


def _unwrap_tx(obj: Mapping[str, Any]) -> Mapping[str, Any]:
    """``{"tx": {...}}``, ``{"transaction": {...}}``, JSON-RPC ``{"params": [{...}]}``."""
    for key in ("tx", "transaction"):
        if isinstance(obj.get(key), Mapping):
            return obj[key]  # type: ignore[no-any-return]
    params = obj.get("params")
    if isinstance(params, list) and params and isinstance(params[0], Mapping):
        return params[0]
    return obj


def _request(obj: Mapping[str, Any], m: str) -> DecodedTransaction | None:
    """A UserOperation (bare or in ``eth_sendUserOperation``) or a JSON-RPC typed-data request
    (``eth_signTypedData_v4``: ``params[1]``, text or object) carried as a message: judged as
    what it is (``mappings.py``, the one unwrapping ``Guard.check_transaction`` uses)."""
    try:
        kind, inner, entry_point = read_mapping(obj)
    except EvmDecodeError:
        return None
    if kind == "user_op":
        return _carried(user_op_transaction(inner, entry_point), m, "user-operation-json")
    if kind == "typed_data" and isinstance(inner, Mapping | str):
        return _carried(typed_data.decode_typed_data(inner), m, "typed-data")
    if kind == "calls":
        return _carried(calls_transaction(inner, entry_point), m, "wallet-send-calls")
    return None


def _json_shape(
    obj: Mapping[str, Any], text: str, m: str, chain_id: int | None
) -> DecodedTransaction | None:
    if "typed_data" in obj or ("types" in obj and "primaryType" in obj) or is_typed_data(obj):
        return _carried(typed_data.decode_typed_data(obj), m, "typed-data")
    carried = _request(obj, m)
    if carried is not None:
        return carried
    tx = _unwrap_tx(obj)
    to = tx.get("to")
    to_ok = to is None or (isinstance(to, str) and to.strip()[:2] in ("0x", "0X"))  # not "Alice"
    if "to" in tx and to_ok and any(k in tx for k in ("value", "data", "input")):
        return _carried(from_envelope(parse_dict(tx)), m, "transaction-json")
    inner, token = obj, None
    if isinstance(obj.get("message"), Mapping):  # {domain, message} without types
        inner = obj["message"]
        domain = obj.get("domain")
        token = _address(domain.get("verifyingContract")) if isinstance(domain, Mapping) else None
    fields = {str(k).lower(): v for k, v in inner.items()}
    grants = _permits(fields, token)
    return _permit_message(grants, text, m, chain_id, "permit-json") if grants else None


def _line_fields(text: str) -> dict[str, Any]:
    """Permit keys in ``key: value`` / ``key = value`` lines (the first 64), lower-cased,
    spaces removed."""
    found: dict[str, Any] = {}
    for line in text.splitlines()[:64]:
        hit = _LINE.fullmatch(line)
        key = hit[1].replace(" ", "").lower() if hit is not None else ""
        if hit is not None and key in _PERMIT_KEYS:
            found.setdefault(key, hit[2].strip("\"'"))
    return found


def _unaddressed(text: str, grants: list[Approval]) -> str:
    """The whole text for the text guard and the secret scan, less the grants' own addresses
    (judged as the grants' parties and tokens, not as addresses named in a text)."""
    parties = {a.lower() for g in grants for a in (g.spender, g.owner, g.asset.address) if a}
    return _ADDRESS.sub(lambda hit: "" if hit[0].lower() in parties else hit[0], text)


def _address(value: Any) -> str | None:
    if isinstance(value, str) and _ADDRESS.fullmatch(value.strip()):
        return value.strip().lower()
    return None


def _integer(value: Any) -> int | None:
    """An amount or a time: an int, a decimal / hex string, or a "max" word (unlimited)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if not isinstance(value, str):
        return None
    word = value.strip().lower().replace(" ", "").replace("_", "")
    if word in _MAX_WORDS:
        return 2**256 - 1
    try:
        n = int(word, 16) if word.startswith("0x") else int(word)
    except ValueError:
        return None
    return n if 0 <= n < 2**256 else None


def _first(fields: Mapping[str, Any], keys: tuple[str, ...]) -> Any:
    return next((fields[k] for k in keys if k in fields), None)


def _permits(fields: Mapping[str, Any], token: str | None) -> list[Approval]:
    """The grants of a permit-like structure; Permit2 shapes nest theirs (``details`` of a
    PermitSingle / PermitBatch, ``permitted`` of a PermitTransferFrom: Uniswap/permit2
    ``IAllowanceTransfer`` / ``ISignatureTransfer``), each item read with the outer fields."""
    nested_key = next((k for k in ("details", "permitted") if k in fields), None)
    if nested_key is None:
        grant = _permit(fields, token)
        return [grant] if grant is not None else []
    nested = fields[nested_key]
    outer = {k: v for k, v in fields.items() if k != nested_key}
    items = nested if isinstance(nested, list) else [nested]
    found = (
        _permit({**outer, **{str(k).lower(): v for k, v in item.items()}}, token)
        for item in items[:_MAX_ITEMS]
        if isinstance(item, Mapping)
    )
    return [g for g in found if g is not None]


def _permit(fields: Mapping[str, Any], token: str | None) -> Approval | None:
    """A permit-like grant: a ``spender`` address and a value-ish field (see the docstring)."""
    spender = _address(fields.get("spender"))
    value = _first(fields, _VALUE_KEYS)
    if spender is None or value is None:
        return None
    token = _address(_first(fields, _TOKEN_KEYS)) or token
    kind = asset(token) if token else Asset(chain=Chain.EVM, kind=AssetKind.UNKNOWN)
    allowed = fields.get("allowed")
    if isinstance(allowed, bool) or str(allowed).lower() in ("true", "false"):
        amount: int | None = None if str(allowed).lower() == "true" else 0
    else:
        amount = _integer(value)  # unreadable: an unknown amount (judged as unlimited)
    return Approval(
        via="permit.lookalike",
        asset=kind,
        owner=_address(_first(fields, _OWNER_KEYS)),
        spender=spender,
        amount=amount,
        unlimited=amount is None or amount >= UNLIMITED,
        revoke=amount == 0,
        deadline=_integer(_first(fields, _DEADLINE_KEYS)) or None,
    )


def _permit_message(
    grants: list[Approval], text: str, m: str, chain_id: int | None, what: str
) -> DecodedTransaction:
    """Judged as typed data: the grants, and the text (less their addresses) through the text
    guard; a permit binds its owner (``typed_data._signer``)."""
    return DecodedTransaction(
        chain=Chain.EVM,
        kind=PayloadKind.TYPED_DATA,
        tx_type=m,
        sender=grants[0].owner,
        chain_id=chain_id,
        operations=tuple(grants),
        message_text=_unaddressed(text, grants).strip() or None,
        notes=(f"method:{m}", f"{CARRIED}{m}", f"message:{what}"),
    )
