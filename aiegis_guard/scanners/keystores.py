"""Encrypted wallets: keystore (v3) JSON and browser-wallet vaults, and their passwords.

Called by :mod:`aiegis_guard.scanners.wallet_keys`. An encrypted wallet alone is as safe as
its password (FLAG); with the password written beside it (after a password word, in a
``password`` / ``passphrase`` / ``unlock`` field, or passed with it to a decrypt / load call)
it is as good as the key (BLOCK, the password masked too).
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator
from functools import cache

from aiegis_guard.findings import Action, Category, Finding, Severity
from aiegis_guard.lazyre import LazyPattern
from aiegis_guard.litgate import max_width
from aiegis_guard.redact import mask
from aiegis_guard.scanners.key_checks import secret_finding
from aiegis_guard.scanners.secret_turns import messages_after
from aiegis_guard.scanners.secret_typos import password_typos

__all__ = ["find_keystores"]

# also with escaped or doubled quotes (a JSON string inside JSON, a C# verbatim string)
_Q = r'(?:\\?"){1,2}'
KEYSTORE_RE = LazyPattern(rf"{_Q}ciphertext{_Q}\s*:\s*{_Q}([0-9a-fA-F]{{32,}}){_Q}")
# a browser wallet's vault (MetaMask: {"data", "iv", "keyMetadata"?, "salt"}, base64), as safe
# as its password
VAULT_RE = LazyPattern(
    rf"{_Q}data{_Q}\s*:\s*{_Q}([A-Za-z0-9+/]{{40,}}={{0,2}}){_Q}\s*,\s*{_Q}iv{_Q}\s*:[\s\S]{{0,240}}?"
    rf"{_Q}salt{_Q}\s*:"
)
KEYSTORE_FIELDS = ("kdf", "mac")  # as quoted field names, escaped or not
_FIELD_QUOTES = ('"{}"', '\\"{}\\"')
KEYSTORE_REACH = 2048  # characters around the ciphertext read for the other fields / password
# The keystore's password beside it: after a password word ("the password is ..",
# KEYSTORE_PASSWORD=.., cat password.txt) or as the string passed with the JSON (or the name
# holding it) to a decrypt call. A value needs a digit, a symbol or letters of both cases
# (:func:`_password_like`): "password is required" names no password.
# a password word typed in a hurry ("pasword is ..", "pssword:"; "passwrod" reads as "pass")
_TYPOS = "|".join(password_typos())
# "password" in the languages the ASCII word cannot read, and in the Latin ones that do not
# start with "pass" (pl, nl, it / tr / ro, tr, vi, id, cs, hu, fi, sv, no, da, el, ar, fa, he,
# hi, th); Korean's 암호 is also "crypto" (암호화폐), so it is left out
_FOREIGN_PASSWORDS = (
    "passwort|contrase[ñn]a|senha|mot de passe|пароль|密码|密碼|パスワード|비밀번호|has[łl]o|"
    "wachtwoord|parola|[şs]ifre|m[ậa]t kh[ẩa]u|kata sandi|heslo|jelsz[óo]|salasana|l[öo]senord|"
    "passord|adgangskode|κωδικ[όο]ς?|كلمة المرور|كلمة السر|رمز عبور|گذرواژه|סיסמ[הא]|पासवर्ड|"
    "รหัสผ่าน"
)
PASSWORD_RE = LazyPattern(
    rf"(?i)(?<![a-z])(?:pass(?:word|phrase|wd)?|{_TYPOS}|pwd|{_FOREIGN_PASSWORDS}|unlock)"
    r"(?:[\w./-]{0,16})?(?![\w./-])[\"']?[ \t]*"
    r"(?:is|was|:|=|->|：|—|–|--?|\r?\n\d{1,5}\))?[ \t]*\r?\n?[ \t]*[\"'`]?"
    r"(?P<v>[^\s\"'`<>${}]{4,64})"
)  # the name ends where its word does: "password:" holds no password "ord:"; a dash sets the
# value off as a colon does ("пароль — ..", "password - .."); redis-cli numbers a hash's
# fields and values one a line (HGETALL: 3) "password" / 4) "<value>")
# a password argument given a variable (``importKeystore(keystore: $ks, password: $pw)``, a
# GraphQL mutation), then the variable's value in the request's variables (``"pw": ".."``)
_PASSWORD_VARIABLE_RE = LazyPattern(
    r"(?i)(?<![a-z])pass(?:word|phrase)\w{0,16}[ \t]*:[ \t]*\$(?P<n>[A-Za-z_]\w{0,31})(?!\w)"
)
_VARIABLE_VALUE = r"[\"']{}[\"'][ \t]*:[ \t]*[\"'](?P<v>[^\"'\r\n]{{4,128}})[\"']"
# a value read at run time, not written: getpass(), os.environ["PW"], input(..), sys.argv[1]
_READ_VALUE_RE = LazyPattern(r"[A-Za-z_][\w.:]*[(\[]")
# the JSON itself, or a name holding it, then the password string: fromEncryptedJson(`{..}`,
# ".."), Account.decrypt(keystore, ".."), decryptKeystore(json, '..'), web3dart's
# Wallet.fromJson(json, '..'), go-ethereum's ks.Import(json, "..", "new"); a quoted argument
# is the password whatever it holds (a passphrase has spaces)
_DECRYPT_CALL = (
    r"(?i:decrypt\w*|decode_?keyfile\w*|from_?encrypted_?json\w*|from_?v3\w*|(?:wallet|keystore|account)s?\s*\.\s*"
    r"(?:from_?json|import)|ks\s*\.\s*import)"
)
PASSWORD_ARG_RE = LazyPattern(
    rf"(?:\}}\s*[`'\"]?|{_DECRYPT_CALL}\s*\(\s*[\w.$]+)"
    r"\s*,\s*b?([`'\"])(?P<v>[^`'\"\r\n]{4,128})\1\s*(?P<c>[,)\]])"
)  # "]": a JSON-RPC request's params ([{keystore}, "<password>"]), a password-like one only
# the password as the first argument of a loader: WalletUtils.loadCredentials("..", file),
# loadJsonCredentials, Wallet.decrypt("..", file), keythereum.recover("..", keyObject)
PASSWORD_FIRST_RE = LazyPattern(
    r"(?i:load\w*credentials|unlock\w*|decrypt\w*|keythereum\s*\.\s*recover)\s*\(\s*"
    r"([`'\"])(?P<v>[^`'\"\r\n]{4,128})\1"
)

# a field named for the password (``"password": ".."``, ``passphrase: '..'``, ``pwd=".."``): its
# quoted value is the password whatever its shape (an all-lowercase "hunterhunter" too); a
# name that says where it is kept (``password_ref``) is no such field
NAMED_PASSWORD_RE = LazyPattern(
    r"(?i)(?<![\w-])[\"']?(?:pass(?:word|phrase)|passwd|pwd)[\"']?[ \t]*[:=][ \t]*"
    r"([\"'])(?P<v>[^\"'\r\n]{1,128})\1"
)
# what stands for a password without being one: a mask, a placeholder, a reference
_PLACEHOLDER_RE = re.compile(r"(?i)\*+|x+|\.+|-+|redacted|hidden|null|none|undefined|n/?a|")
# what a JSON-RPC list's next string is when it is no password: a block tag, a hex or a number
_LIST_VALUE_RE = re.compile(
    r"(?i)latest|pending|earliest|safe|finalized|0x[0-9a-f]*|[0-9]+(?:\.[0-9]+)?|[0-9a-f]{40,}"
)


def _named_password(value: str) -> bool:
    """A password field's value that is a password: not a mask, placeholder or reference."""
    return _PLACEHOLDER_RE.fullmatch(value.strip()) is None and not any(c in "${}<>" for c in value)


def _list_password(value: str) -> bool:
    """A JSON-RPC list's string after the keystore that is its password: any non-empty string
    but a block tag ("latest", "pending" ..), a hex or a number."""
    return bool(value.strip()) and _LIST_VALUE_RE.fullmatch(value.strip()) is None


# what geth's --unlock takes: accounts (addresses or indices), no password
_ACCOUNTS_RE = re.compile(r"(?:0[xX][0-9a-fA-F]{40},?)+")
# a file that holds the password (geth --password /data/pw.txt), not the password
_PATH_RE = re.compile(r"(?:~|\.{1,2})?/[\w./-]+|[\w./-]*\.(?:txt|pass|pwd|password|secret|conf)")
# a password written to a file: echo '..' > pw.txt, printf %s ".." | tee /run/pass
PASSWORD_FILE_RE = LazyPattern(
    r"\b(?:echo|printf)[ \t]+(?:-[neE]{1,3}[ \t]+)*(?:(['\"]?)%s(?:\\n)?\1[ \t]+)?"
    r"(?:(['\"])(?P<q>[^'\"\r\n]{4,128})\2|(?P<v>[^\s'\"`<>|;&]{4,64}))"
    r"[ \t]*(?:>>?|\|[ \t]*(?:sudo[ \t]+)?tee(?:[ \t]+-a)?)[ \t]*[\"']?(?P<f>[\w./~-]+)"
)
_PASSWORD_NAME_RE = re.compile(r"pass|pw|pwd|secret")
# a file's content shown by the command before it (``cat pw.txt``, ``type pass.txt``,
# ``Get-Content .\\pw.txt``): one line, the file's whole content
PASSWORD_SHOWN_RE = LazyPattern(
    r"(?<![\w-])(?:cat|type|more|head|bat|Get-Content|gc)[ \t]+(?:-[\w-]+[ \t]+)*[\"']?"
    r"(?P<f>[\w./~\\:-]+)[\"']?[ \t]*\r?\n[ \t]*(?P<v>[^\s\"'`<>{}\[\]$]{4,128})[ \t]*(?=\r?\n|$)"
)
# a password flag given a process substitution that prints the password
PASSWORD_INLINE_FILE_RE = LazyPattern(
    r"(?i)pass\w*(?:[-_]\w+)?[ \t=]+<\([ \t]*"
    r"(?:echo(?:[ \t]+-n)?|printf(?:[ \t]+['\"]?%s(?:\\n)?['\"]?)?)[ \t]+"
    r"(['\"])(?P<v>[^'\"\r\n]{4,128})\1[ \t]*\)"
)


# a password asked for or announced in a chat, then given alone as a later message ("what's the
# password?" .. "one sec" .. "Tq8!mW.."): a message that is one password-like token, after its
# time and speaker, within ANSWER_LINES lines of the password word, or within as many messages
# of an agent's payload (JSON message strings, however the JSON is laid out)
_PASSWORD_WORD_RE = LazyPattern(
    rf"(?i)(?<![a-z])(?:pass(?:word|phrase|wd)|{_TYPOS}|{_FOREIGN_PASSWORDS})"
)
_ANSWER_RE = LazyPattern(
    r"[ \t]*(?:\[[^\]\n]{1,40}\][ \t]*)?(?:(?:<[^<>\s]{1,40}>|[^\s:\[\]<>]{1,40}:)[ \t]*)?"
    r"[\"'`]?(?P<v>[^\s\"'`<>]{6,64})[\"'`]?[ \t]*\r?$",
    re.MULTILINE,
)
ANSWER_LINES = 3
# a message of an agent's payload (a JSON string field, :mod:`.secret_turns`) that is one token
_ALONE_RE = re.compile(r"[ \t]*(?P<v>[^\s\"'`<>\\]{6,64})[ \t]*")


def _answered_password(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """A password given alone in a later chat message, after a message naming it."""
    for word in _PASSWORD_WORD_RE.finditer(text, lo, hi):
        at = text.find("\n", word.end(), hi)
        for _ in range(ANSWER_LINES):
            if at < 0:
                break
            m = _ANSWER_RE.match(text, at + 1, hi)
            value = m.group("v") if m is not None else ""
            if m is not None and _answer_like(value):
                return m.span("v")
            at = text.find("\n", at + 1, hi)
        for lo_v, hi_v in messages_after(text, word.end(), hi, ANSWER_LINES):
            said = _ALONE_RE.fullmatch(text, lo_v, hi_v)  # {"content": "Tq8!mW.."}
            if said is not None and _answer_like(said.group("v")):
                return said.span("v")
    return None


def _answer_like(value: str) -> bool:
    """A message alone that is a password: letters with digits, or both cases with a symbol
    inside ("ok-thanks", "later!" are chat); no path, link or value of another kind."""
    inner = value[1:-1]
    mixed = any(c.isupper() for c in value) and any(c.islower() for c in value)
    return (
        any(c.isalpha() for c in value)
        and (any(c.isdigit() for c in value) or (mixed and any(not c.isalnum() for c in inner)))
        and _PATH_RE.fullmatch(value) is None
        and not value.startswith(("http", "0x", "{", "["))
        and _READ_VALUE_RE.match(value) is None  # a line of code (web3.eth.accounts[0])
    )


def _password(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """Span of a password written beside a keystore in ``text[lo:hi]``, else None."""
    arg = PASSWORD_ARG_RE.search(text, lo, hi)
    if arg is not None and arg.group("c") == "]" and not _list_password(arg.group("v")):
        arg = None  # [{..}, "latest"]: a list's next string, not a password
    arg = arg or PASSWORD_FIRST_RE.search(text, lo, hi)
    if arg is not None:
        return arg.span("v")
    for m in NAMED_PASSWORD_RE.finditer(text, lo, hi):
        if _named_password(m.group("v")):
            return m.span("v")
    for m in PASSWORD_RE.finditer(text, lo, hi):
        value = m.group("v")
        read = _READ_VALUE_RE.match(value) is not None
        account = _ACCOUNTS_RE.fullmatch(value) is not None  # geth --unlock 0x..: an account
        path = _PATH_RE.fullmatch(value) is not None  # --password /run/pw: the file holding it
        refers = _REFERENCE_RE.search(m.group(0), 0, m.start("v") - m.start()) is not None
        if (
            _password_like(value)
            and _PLACEHOLDER_RE.fullmatch(value) is None  # "********": a mask
            and not (read or account or path or refers)
            and not value.startswith(("http", "process."))
            and "://" not in value  # aws-sm://prod/pw, op://vault/item: where it is kept
        ):
            return m.span("v")
    return (
        _password_file(text, lo, hi)
        or _password_variable(text, lo, hi)
        or _answered_password(text, lo, hi)
    )


# a name that says where the password is kept, not what it is: password_ref, passwordPath,
# password_file, PASSWORD_ARN, passphrase_secret_id
_REFERENCE_RE = re.compile(r"(?i)(?:ref|reference|path|file|arn|secret_?id|env|var)\b|[-_.]id\b")


def _password_variable(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The value of a variable passed as the password (``password: $pw`` .. ``"pw": ".."``):
    a request's variables hold what the query names."""
    if "$" not in text:
        return None
    for m in _PASSWORD_VARIABLE_RE.finditer(text, lo, hi):
        bound = re.compile(_VARIABLE_VALUE.format(re.escape(m.group("n"))))
        value = bound.search(text, lo, hi)
        if value is not None and "$" not in value.group("v"):
            return value.span("v")
    return None


def _password_file(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """A value written to a file that is a password's (``echo '..' > /keys/pw.txt`` with
    ``--password /keys/pw.txt``, or a file named for one: ``password.txt``, ``.pass``), or
    printed into a password flag's process substitution (``--password <(echo '..')``)."""
    if "<(" in text:  # --password-file <(echo '..'): the file is the echo
        inline = PASSWORD_INLINE_FILE_RE.search(text, lo, hi)
        if inline is not None and "$" not in inline.group("v"):
            return inline.span("v")
    written = PASSWORD_FILE_RE.finditer(text, lo, hi) if ">" in text or "tee" in text else ()
    for m in written:
        group = "q" if m.group("q") is not None else "v"
        value, path = m.group(group), m.group("f")
        if "$" in value or _READ_VALUE_RE.match(value) is not None:
            continue  # "$GETH_PASSWORD", $(cat ..): read at run time
        if _password_path(text, path):
            return m.span(group)
    for m in PASSWORD_SHOWN_RE.finditer(text, lo, hi):  # $ cat pw.txt / <the password>
        value = m.group("v")
        if _password_like(value) and _answer_like(value) and _password_path(text, m.group("f")):
            return m.span("v")
    return None


def _password_path(text: str, path: str) -> bool:
    """The file at ``path`` holds a password: its name says so (``pw.txt``, ``.pass``) or the
    text passes it to a password flag (``--password ./node.key``)."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1].lower()
    if _PASSWORD_NAME_RE.search(name) is not None:
        return True
    flag = rf"(?i)pass\w*[\"']?[ \t]*[=,: ][ \t]*[\"']?(?:\./)?{re.escape(path.removeprefix('./'))}"
    return re.search(flag, text) is not None


def _has_fields(near: str) -> bool:
    """The keystore's other fields, quoted as JSON or as JSON inside a JSON string (a gRPC
    dump's ``keystore_json:"{\\"kdf\\": ..}"``)."""
    return all(any(q.format(f) in near for q in _FIELD_QUOTES) for f in KEYSTORE_FIELDS)


def _password_like(value: str) -> bool:
    """A digit or a symbol, or 10+ letters of both cases ("TqBMjMwWkgPxHkuE"): "password is
    required" names no password, nor does a word that ends a sentence ("asked for it at
    unlock time.": its full stop is no symbol of a password)."""
    value = value.rstrip(".,;:?")
    if any(not c.isalpha() for c in value):
        return True
    upper = sum(c.isupper() for c in value)
    return len(value) >= 10 and 2 <= upper <= len(value) - 2


def _opened(rx: LazyPattern, text: str, field: str) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)`` for a pattern that opens with the quotes ``_Q`` and then
    ``field``: tried only where that many characters before the field (read off ``_Q``)
    open it, in order (a pattern opening with an optional backslash gives ``re`` no
    character to skip to: tried at every position, ~5 ms a page)."""
    pos = 0
    at = text.find(field)
    while at >= 0:
        for start in range(max(pos, at - _quotes_width()), at):
            m = rx.match(text, start)
            if m is not None:
                yield m
                pos = m.end()
                break
        at = text.find(field, max(at + 1, pos))


@cache
def _quotes_width() -> int:
    return max_width(_Q)  # the most characters the opening quotes span (4: \"\")


def _parent_password(parent: tuple[str, tuple[int, int]] | None) -> bool:
    """A password beside the block a keystore was decoded from (a Kubernetes Secret's
    ``data:`` holding ``keystore.json`` and ``password.txt``, both base64; an ``.env`` with the
    keystore in base64): ``parent`` is (the parent's text, the block's span in it)."""
    if parent is None:
        return False
    text, (start, end) = parent
    lo, hi = max(0, start - KEYSTORE_REACH), min(len(text), end + KEYSTORE_REACH)
    for span in (_password(text, lo, start), _password(text, end, hi)):
        if span is not None and _decoded_password(text[span[0] : span[1]]):
            return True
    return False


def _decoded_password(value: str) -> bool:
    """A password value that is base64 of readable text is judged decoded: a reference read at
    run time (``${KEYSTORE_PASSWORD}``, ``<password>``) is no password."""
    try:
        decoded = base64.b64decode(value, validate=True).decode("utf-8")
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return True  # not base64 of text: the value is the password
    if not decoded.isprintable():
        return True
    decoded = decoded.strip()
    return len(decoded) >= 4 and _password_like(decoded) and not any(c in "${}<>" for c in decoded)


def find_keystores(text: str, parent: tuple[str, tuple[int, int]] | None = None) -> list[Finding]:
    """Keystores (v3) and browser-wallet vaults: BLOCK with a password beside them, else FLAG.
    ``parent``: for a decoded block, the text it was decoded from and its span there."""
    if "ciphertext" not in text and '"salt' not in text and '\\"salt' not in text:
        return []
    found: list[Finding] = []
    stores = [(m, "keystore (v3)") for m in _opened(KEYSTORE_RE, text, "ciphertext")]
    stores += [(m, "vault") for m in _opened(VAULT_RE, text, "data")] if "iv" in text else []
    for m, kind in stores:
        lo, hi = max(0, m.start() - KEYSTORE_REACH), m.end() + KEYSTORE_REACH
        if kind != "vault" and not _has_fields(text[lo:hi]):
            continue
        password = _password(text, lo, hi)
        if password is not None:  # decryptable: as good as the key itself
            found.append(
                secret_finding(
                    "secret.keystore_json",
                    m.span(1),
                    m.group(1),
                    f"wallet {kind} with its password beside it",
                    "pattern:keystore-v3" if kind != "vault" else "pattern:wallet-vault",
                    "password-beside",
                )
            )
            found.append(
                secret_finding(
                    "secret.keystore_json",
                    password,
                    text[password[0] : password[1]],
                    "the password of a wallet keystore",
                    "pattern:keystore-password",
                )
            )
            continue
        if _parent_password(parent):  # the block and its password, both encoded
            found.append(
                secret_finding(
                    "secret.keystore_json",
                    m.span(1),
                    m.group(1),
                    f"wallet {kind} with its password beside the block it was decoded from",
                    "pattern:keystore-v3" if kind != "vault" else "pattern:wallet-vault",
                    "password-beside:encoded",
                )
            )
            continue
        found.append(
            Finding(
                rule_id="secret.keystore_json",
                category=Category.SECRET,
                severity=Severity.MEDIUM,
                action=Action.FLAG,
                message=f"encrypted wallet {kind}: as safe as its password",
                span=m.span(1),
                preview=mask(m.group(1)),
                evidence=("pattern:keystore-v3", "field:ciphertext", "field:kdf", "field:mac")
                if kind != "vault"
                else ("pattern:wallet-vault", "field:data", "field:iv", "field:salt"),
                redact=True,
            )
        )
    return found
