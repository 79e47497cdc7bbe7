"""Is this value an argument of something that loads or uses a private key?

Called by :mod:`aiegis_guard.scanners.evm_keys` before it reads the words around a 64-hex value.
Three shapes name a key without any key-ish word next to the value:

* **code calls**: ``account.from_key('0x..')``, ``privateKeyToAccount(`0x..`)``,
  ``keys.PrivateKey(bytes.fromhex('..'))``, ``crypto.HexToECDSA("..")``, a generic constructor
  of a key type (``LocalWallet::from_str("..")``, ``Credentials.create("..")``,
  ``web3.eth.accounts.wallet.add('0x..')``), Foundry key cheatcodes (``vm.startBroadcast(0x..)``,
  ``vm.addr(0x..)``); ``sign_transaction(tx, '0x..')`` / ``unsafe_sign_hash(h, '0x..')`` take it
  after the thing being signed (the first argument of a sign call is a message or hash: not a
  key); a transaction signs itself with its one argument (``tx.sign(key)``, PHP's
  ``$tx->sign('..')``). Conversion wrappers (``bytes.fromhex``, ``hex::decode``,
  ``new BigInteger(.., 16)``, Swift's ``Data(hex:)``, casts of any width: Solidity's
  ``uint256(bytes32(hex".."))``) are looked through; the words before
  them name the value (:func:`conversion_start`).
* **parsed strings**: ``"0x..".parse::<PrivateKeySigner>()``, ``let w: LocalWallet = "..".parse()``.
* **JSON-RPC**: the ``params`` of a key-import method (``personal_importRawKey``,
  ``wallet_importPrivateKey``, ``parity_newAccountFromSecret``) are key material wherever the
  ``method`` field sits in the request object; a top-level parameter of a sign/send method whose
  standard parameters hold no 32-byte value (``eth_signTransaction``, ``eth_sendTransaction``,
  ``eth_signTypedData*``) is a key smuggled into the call; a quoted ``"key"`` field in the params
  of an account-management method (``wallet_addAccount``, ``keyring_*``) is one too.

The walk goes outwards from the value over at most ``REACH`` characters, counting brackets;
strings inside the arguments are not parsed (a parenthesis inside a string literal can end the
walk early, which only loses the call context, never invents one).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

__all__ = ["call_context", "conversion_start", "flow_context", "parse_context"]

REACH = 240  # characters searched before the value for the enclosing call / params
METHOD_REACH = 400  # characters around the params searched for the "method" field
MAX_OPENERS = 4  # enclosing brackets examined, innermost first


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# Callee names (last dotted part, lower-case, "_" removed) that turn their argument into a key.
LOADERS = _words(
    """fromkey privatekeytoaccount importrawkey importprivatekey importkey fromsecretkey
    fromprivatekey privatekey signingkey localaccount wallet account keypair fromseed
    mnemonictoaccount hdkeytoaccount signer ethaccount hextoecdsa toecdsa toecdsaunsafe
    privkey secretkey ethkey etheckey localwallet privatekeysigner fromsecret"""
)
# Callees whose key is a later argument: the first one is what gets signed (ethereumjs-util's
# ecsign(msgHash, privateKey); tiny-secp256k1's signSchnorr(h, d) / signRecoverable(h, d)).
SIGNERS = _words(
    """signtransaction signtx signmessage signtypeddata signhash unsafesignhash ecdsasign ecsign
    signschnorr signrecoverable"""
)
# Callees of JS / TS curve libraries whose first argument is a private key: noble-curves and
# noble-secp256k1 / noble-ed25519 (paulmillr, README: getPublicKey(priv), getSharedSecret(priv,
# pub)), secp256k1-node (cryptocoinjs, API.md: publicKeyCreate, privateKeyVerify),
# ethereumjs-util (account.ts: privateToPublic, privateToAddress), tiny-secp256k1 (bitcoinjs,
# src_ts/index.ts: pointFromScalar(d), xOnlyPointFromScalar(d), privateAdd(d, tweak),
# privateSub(d, tweak), privateNegate(d))
KEY_FIRST = _words(
    """getpublickey getpublickeyasync getsharedsecret publickeycreate privatekeyverify
    privatetopublic privatetoaddress pointfromscalar xonlypointfromscalar privateadd
    privatesub privatenegate"""
)
# a curve library's object (noble's secp256k1 / schnorr / ed25519 / "ed", bls; tiny-secp256k1
# as bitcoinjs-lib's docs import it, "ecc"): its sign(msg, priv) / signAsync take the key after
# the message
CURVES = _words("secp256k1 secp256r1 p256 p384 p521 ed25519 ed448 ed schnorr bls ecc")
# Generic constructors: a key only when the type they build is a key type.
CONSTRUCTORS = _words(
    """fromstr fromstring create new from parse frombytes fromslice fromhex tryfrom add load
    import restore frombigint frombe fromhexstring decode"""
)
KEY_TYPES = ("wallet", "privatekey", "signingkey", "secretkey", "credential", "signer",
             "keypair", "ecdsa", "privkey", "eckey", "accounts", "keyring")  # fmt: skip
# Foundry cheatcodes taking a private key (``sign*``: the key is the first argument).
CHEATCODES = _words(
    """startbroadcast broadcast addr rememberkey sign signcompact signp256
    signdelegation attachdelegation signandattachdelegation createwallet"""
)
CONVERSIONS = _words(
    """bytes fromhex hexbytes buffer from tobytes hex decode biginteger bigint bn u256
    uint256 hextobytes unhexlify arrayify hextou8a tobuffer uint8array hexdecode b256
    mustdecode decodestring trimprefix trim strip lstrip removeprefix replace tostring str
    string hexlify fromstring getbytes data"""
)
# a type cast or a parse of any width: Solidity's uint256(..) / bytes32(..) / uint(..), Rust's
# U256 / B256 (lower-cased), Foundry's vm.parseUint / vm.parseBytes32 (forge-std Vm.sol)
_CAST_RE = re.compile(r"(?:parse)?(?:u?int\d{0,3}|bytes\d{0,2})|[ub]\d{2,3}")
_CALLEE_RE = re.compile(
    r"((?:[A-Za-z_$][\w$]*\s*(?:\.|::|->)\s*){0,4}[A-Za-z_$][\w$]*)!?\s*"
    r"(?:<[\w\s:,]{0,40}>)?\s*$"
)
_PATH_SEP_RE = re.compile(r"\s*(?:\.|::|->)\s*")  # a.b, A::b, $a->b
_PARAMS_RE = re.compile(r"[\"']?params[\"']?\s*[:=]\s*$")
_METHOD_RE = re.compile(r"(?<![\w$])[\"']?method[\"']?\s*[:=]\s*[\"'`]([\w.\-]{1,80})[\"'`]")
# provider.send("personal_importRawKey", [..]), make_request(..), request(..): method, params
RPC_SENDERS = _words("send sendasync request makerequest call rpc jsonrpc invoke")
_FIRST_STRING_RE = re.compile(r"\(\s*[\"'`]([\w.\-]{1,80})[\"'`]\s*,")
_KEY_FIELD_RE = re.compile(r"[\"'](?:key|value|raw|hex)[\"']\s*:\s*[\"']?$")
_PARSE_RE = re.compile(r"[\"'`]?\s*\)?\s*\.\s*parse\s*(?:::\s*<\s*([\w:]{1,60})\s*>)?\s*\(")
_LET_TYPE_RE = re.compile(r"\blet\s+(?:mut\s+)?\w+\s*:\s*([\w:]{1,60})\s*=\s*[\"'`]?$")
_CLOSE = {")": "(", "]": "[", "}": "{"}
_MARKS_RE = re.compile(r"[()\[\]{},]")


def _name(raw: str) -> str:
    return raw.replace("_", "").replace("$", "").lower()


def _openers(text: str, start: int) -> list[tuple[int, str, int]]:
    """Unmatched ``(``/``[``/``{`` before ``start``: (position, bracket, commas before the
    value at that level), innermost first."""
    found: list[tuple[int, str, int]] = []
    depth: list[str] = []
    commas = 0
    marks = [m.start() for m in _MARKS_RE.finditer(text, max(0, start - REACH), start)]
    for i in reversed(marks):  # only brackets and commas: ~10x fewer steps than characters
        c = text[i]
        if c in _CLOSE:
            depth.append(_CLOSE[c])
        elif c in "([{":
            if depth:
                if depth.pop() != c:
                    return found  # unbalanced: stop guessing
                continue
            found.append((i, c, commas))
            if len(found) >= MAX_OPENERS:
                break
            commas = 0
        elif not depth:  # a comma at this level
            commas += 1
    return found


def _is_transaction(name: str) -> bool:
    """A transaction object (``tx``, ``rawTx``, ``transaction``): its ``sign`` takes the key."""
    return name.endswith(("tx", "txn")) or "transaction" in name


def _is_key_type(name: str) -> bool:
    return any(t in name for t in KEY_TYPES)


def _callee(path: str, commas: int) -> str:
    """ "key" / "convert" / "" (neither) for a call of the dotted ``path``."""
    parts = [_name(p) for p in _PATH_SEP_RE.split(path)]
    last, quals = parts[-1], parts[:-1]
    if last in LOADERS or "ecdsa" in last:
        return "key"
    if last == "sign" and quals and _is_transaction(quals[-1]):
        return "key"  # tx.sign(key) (ethereumjs-tx), $tx->sign('..') (web3p): signs itself
    if last in SIGNERS or (last in ("sign", "signasync") and quals and quals[-1] in CURVES):
        return "key" if commas > 0 else ""
    if last in KEY_FIRST:
        return "key" if commas == 0 else ""
    if quals and quals[-1] == "vm" and last in CHEATCODES:
        return "key" if commas == 0 or not last.startswith("sign") else ""
    if last in CONSTRUCTORS and quals and _is_key_type(quals[-1]):
        return "key"
    if last in CONVERSIONS or _CAST_RE.fullmatch(last):
        return "convert"
    return ""


def _rpc_kind(method: str) -> str:
    """ "import" (every param is a key), "sign" (a top-level 32-byte param is a key),
    "manage" (a quoted ``"key"`` field is a key) or ""."""
    name = _name(method)
    # a raw / private key's import first, whatever else the name says ("keystore_importRawKey",
    # "importRawKeyToKeystore"); "keystore" itself names no key to import: "importKeystore"
    # manages an encrypted keystore, whose hex fields (ciphertext, mac) are no key
    bare = name.replace("keystore", "")
    if ("import" in bare and any(w in bare for w in ("key", "raw", "private", "secret"))) or any(
        w in bare for w in ("fromsecret", "privatekey", "rawkey", "secretkey")
    ):
        return "import"
    if any(w in name for w in ("signtransaction", "sendtransaction", "signtypeddata")):
        return "sign"
    if any(w in name for w in ("account", "wallet", "keyring", "signer", "keystore")):
        return "manage"
    return ""


def _rpc_method(text: str, at: int) -> tuple[str, str] | None:
    """(method, kind) of the JSON-RPC object around ``at``: the ``method`` field nearest to
    its ``params`` (a batch holds several requests), if it handles keys."""
    lo = max(0, at - METHOD_REACH)
    methods = list(_METHOD_RE.finditer(text[lo : at + METHOD_REACH]))
    if not methods:
        return None
    nearest = min(methods, key=lambda m: abs(lo + m.start() - at))
    kind = _rpc_kind(nearest.group(1))
    return (nearest.group(1), kind) if kind else None


def _rpc_context(text: str, start: int, pos: int, top: bool) -> str | None:
    found = _rpc_method(text, pos)
    if found is None:
        return None
    method, kind = found
    if kind == "import" or (kind == "sign" and top):
        return f"rpc:{method}"
    if kind in ("sign", "manage") and _KEY_FIELD_RE.search(text, max(0, start - 16), start):
        return f"rpc:{method}"
    return None


def _sender_context(text: str, openers: list[tuple[int, str, int]], n: int) -> str | None:
    """``provider.send("personal_importRawKey", ["0x..", "pw"])``: the params list (opener
    ``n - 1``) of a call whose first argument names a key-handling method."""
    pos = openers[n][0]
    m = _FIRST_STRING_RE.match(text, pos, pos + 100)
    if m is None or n == 0 or openers[n - 1][1] != "[":
        return None
    kind = _rpc_kind(m.group(1))
    top = n == 1
    if kind == "import" or (kind == "sign" and top):
        return f"rpc:{m.group(1)}"
    return None


def call_context(text: str, start: int) -> str | None:
    """Evidence (``call:from_key``, ``rpc:personal_importRawKey``) when the value at ``start``
    is key material by position, else None."""
    # every answer of the walk needs a "(" opener, a "params" or an "accounts" name in
    # reach: a value among JSON results (a block's hashes) skips the walk at C speed
    near = max(0, start - REACH)
    if (
        text.find("(", near, start) == -1
        and text.find("params", max(0, near - 64), start) == -1
        and text.find("accounts", max(0, near - 64), start) == -1
    ):
        return None
    return _walk(text, start)


# the name a value is bound to (OWNER = 0x.., const ACCT = "..", bytes32 constant OWNER =
# hex"..", OPERATOR: "0x..", let k: B256 = ..), read in the characters before the value
_BINDING = (
    r"(?<![\w$])([A-Za-z_$][\w$]{{{},63}})[\"'`]?[ \t]*(?:,[ \t]*[A-Za-z_]\w{{0,15}}[ \t]*)?"
    r"(?::[ \t]*[\w:<>\[\]]{{1,40}}[ \t]*)?(?::=|[:=])[ \t]*(?:hex|b256!?\(|u256\()?[\"'`]?$"
)
_BINDING_RE = re.compile(_BINDING.format(1))
# a decoded literal's name may be one letter ("const b = hexToBytes('..')", "b, _ :=
# hex.DecodeString(..)"): the conversion says it is bytes to be used, not a constant's
_DECODED_BINDING_RE = re.compile(_BINDING.format(0))
BINDING_REACH = 120
# a use of the name where a value is passed on: after an opening bracket, a comma, a member
# access, a key or an assignment ("Wallet(CFG", "env.ACCT", "${CFG}", "key: CFG", "+ CFG");
# a mention in prose or a comment ("// CFG note") is no use, and costs no call reading
# (review12 F15: nine comment lines used up the examined uses)
_USE = r"[(\[{{,.:=+]\s*(?:&(?:mut\s+)?|\*)?({})(?![\w$])"  # Rust / Go: "(&bytes", "(*k"
MAX_USES = 32  # uses of a name examined


def flow_context(text: str, start: int) -> str | None:
    """Evidence (``flows-to:call:startBroadcast``) when the value at ``start`` is bound to a
    name that the text passes to a key-loading call (``bytes32 constant OWNER = 0x..;`` ..
    ``vm.startBroadcast(uint256(OWNER))``, ``ACCT = ".."`` .. ``privateKeyToAccount(env.ACCT)``),
    else None. The caller asks only for values no word or call has named."""
    converted = conversion_start(text, start)  # let bytes = hex::decode("..")?
    binding = _BINDING_RE if converted is None else _DECODED_BINDING_RE
    start = converted or start
    m = binding.search(text, max(0, start - BINDING_REACH), start)
    if m is None:
        return None
    name, bound = m.group(1), m.start(1)
    for at in itertools.islice((u for u in _uses(text, name) if u != bound), MAX_USES):
        call = call_context(text, at)
        if call is not None:
            return f"flows-to:{call}"
    return None


def _uses(text: str, name: str) -> Iterator[int]:
    """Where ``name`` starts in each match of ``_USE`` (in order): the pattern is tried only
    at the character before each place the name is written, spaces passed over (a match
    holds the name whole, and its opener is the first character before it that is no
    space: the pattern, tried over the whole text, reads every comma and colon of a JSON
    result)."""
    use = re.compile(_USE.format(re.escape(name)))
    at = text.find(name)
    while at >= 0:
        opener = at - 1
        while opener >= 0 and text[opener].isspace():
            opener -= 1
        if text.endswith("&mut", 0, opener + 1):  # a mutable reference ("(&mut bytes")
            opener -= 3
        if opener >= 0 and text[opener] in "&*":  # a reference or a dereference ("(&bytes")
            opener -= 1
            while opener >= 0 and text[opener].isspace():
                opener -= 1
        if opener >= 0 and (u := use.match(text, opener)) is not None and u.start(1) == at:
            yield at
        at = text.find(name, at + 1)


def conversion_start(text: str, start: int) -> int | None:
    """Where the conversion wrappers around the value at ``start`` begin (``Data(hex: "..")``,
    ``bytes.fromhex('..')``), else None: the words before them name the value, not theirs."""
    if text.find("(", max(0, start - REACH), start) == -1:
        return None
    at = None
    for pos, bracket, commas in _openers(text, start):
        lo = max(0, pos - 64)
        m = _CALLEE_RE.search(text, lo, pos) if bracket == "(" else None
        if m is None or _callee(m.group(1), commas) != "convert":
            break
        at = m.start(1)
    return at


def _walk(text: str, start: int) -> str | None:
    """:func:`call_context` by the brackets around ``start``, innermost first."""
    openers = _openers(text, start)
    for n, (pos, bracket, commas) in enumerate(openers):
        before = text[max(0, pos - 64) : pos]
        if bracket == "(":
            m = _CALLEE_RE.search(before)
            if m is None:
                continue  # a grouping parenthesis: look further out
            kind = _callee(m.group(1), commas)
            if kind == "" and _name(_PATH_SEP_RE.split(m.group(1))[-1]) in RPC_SENDERS:
                return _sender_context(text, openers, n)
            if kind == "key":
                return f"call:{_PATH_SEP_RE.split(m.group(1))[-1]}"
            if kind == "convert":
                continue  # a conversion wrapper: PrivateKey(bytes.fromhex('..'))
            return None  # the innermost real call decides
        if _PARAMS_RE.search(before):
            return _rpc_context(text, start, pos, top=n == 0)
        if bracket == "[" and re.search(r"(?<![\"'\w])accounts\s*:\s*$", before):
            return "config:accounts"  # hardhat.config: networks.x.accounts = [keys]
    return None


def parse_context(text: str, start: int, end: int) -> str | None:
    """Evidence when the string at ``text[start:end]`` is parsed into a key type
    (``"0x..".parse::<PrivateKeySigner>()``, ``let w: LocalWallet = "..".parse()``)."""
    m = _PARSE_RE.match(text, end, min(len(text), end + 80))
    if m is None:
        return None
    target = m.group(1)
    if target is None:
        let = _LET_TYPE_RE.search(text, max(0, start - 80), start)
        target = let.group(1) if let else None
    if target is not None and _is_key_type(_name(target)):
        return f"parse:{target.rsplit(':', 1)[-1]}"
    return None
