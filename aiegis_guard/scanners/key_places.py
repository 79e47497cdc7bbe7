"""Where a 64-hex value is put, when no word beside it says what it is.

Called by :mod:`aiegis_guard.scanners.evm_keys` (which reads the words these return; only
:func:`file_name` classifies, the words outside a path). Three places say more than the
words next to the value:

* **a secret store** (:func:`store_command`): the value of a command that writes a secret
  (``aws ssm put-parameter --value``, ``aws secretsmanager create-secret --secret-string``,
  ``az keyvault secret set --value``, ``vault kv put``, ``gh secret set --body``,
  ``kubectl create secret --from-literal``, ``echo .. | gcloud secrets create``,
  ``ConvertTo-SecureString``...). Its flags ("--value") and their generic words ("value",
  "string", "data") are no context: the entry's name decides ("/chain/genesis-hash" is a
  hash), and a store with no such name is keeping a secret.
* **a link** (:func:`link_part`): a value in a URL's fragment (``https://claim.app/#/c?k=0x..``,
  ``https://wallet.app/#0x..``), which browsers never send to a server (where claim and gift
  links keep their keys), or a query parameter of a claim / gift / redeem link. A path
  segment (``/#/proposal/0x..``, ``/tx/0x..``) is an id, not a key: not a place.
* **a file's name** (:func:`file_name`): a value that is the last segment of a path and ends
  in a file extension (``s3://bucket/keys/<hex>.json``, ``blobs/<hex>.tar.gz``) names a file
  by the digest of its content (content addressing), unless a word outside the path names a
  key (``private_key: /<hex>.k``): the writer picks the spelling, the name says what it is.
* **an error echoing its input** (:func:`echo_frames`): ``For input string: "..."`` (Java),
  ``invalid literal for int() with base 10: '..'`` (Python), ``parsing "..":`` (Go) say
  "input" and "string" of any value; the application's stack frames around the message
  (``SignerFactory.fromConfig`` vs ``TxHashParser.parse``) say what was being read. An error
  whose own message names what it failed to read (``invalid private key: InvalidLength;
  input = "<hex>\\n"``, Rust's and JSON's escaped break after it) says it before the echo
  word (:func:`echoed_key_word`).
"""

from __future__ import annotations

import re

from aiegis_guard.lazyre import LazyPattern
from aiegis_guard.scanners.key_words import ROLE_WORDS, classify_window

__all__ = [
    "echo_context",
    "echo_frames",
    "echoed_key_word",
    "evaluated_expression",
    "file_name",
    "link_of",
    "link_part",
    "may_hold_store",
    "store_command",
]

REACH = 400  # characters of the command / URL / message read on each side of the value
# Commands that write a secret (the CLI of a cloud secret manager, a vault, a CI or host's
# secret settings, an OS keychain, a password manager), and PowerShell's SecureString.
STORE_RE = LazyPattern(
    r"(?i)(?<![\w-])(?:aws\s+ssm\s+put-parameter|aws\s+secretsmanager\s+(?:create-secret|"
    r"put-secret-value|update-secret)|az\s+keyvault\s+secret\s+set|gcloud\s+secrets\s+(?:create|"
    r"versions\s+add)|vault\s+(?:kv\s+(?:put|patch)|write)|bao\s+kv\s+put|gh\s+secret\s+set|"
    r"(?:fly|flyctl)\s+secrets\s+(?:set|import)|heroku\s+config:set|doppler\s+secrets\s+set|"
    r"infisical\s+secrets\s+set|supabase\s+secrets\s+set|netlify\s+env:set|"
    r"railway\s+variables\s+(?:set|--set)|vercel\s+env\s+add|kubectl\s+create\s+secret|"
    r"docker\s+secret\s+create|podman\s+secret\s+create|op\s+item\s+(?:create|edit)|"
    r"bw\s+create|security\s+add-(?:generic|internet)-password|secret-tool\s+store|"
    r"keyring\s+set|(?:pass|gopass)\s+insert|hardhat\s+vars\s+set|"
    r"firebase\s+functions:secrets:set|wrangler\s+secret\s+put|akeyless\s+create-secret|"
    r"oci\s+vault\s+secret\s+create|sops\s+--set|Set-Secret|Set-AzKeyVaultSecret|"
    r"ConvertTo-SecureString|(?:npx\s+)?ganache(?:-cli)?)(?![\w-])"
)
_SEGMENT_END_RE = re.compile(r";|&&|\|\|")  # a new command (a pipe feeding the store stays in)
_CONTINUED = ("\\", "`", "^")  # bash, PowerShell, cmd line continuations
_FLAG_RE = re.compile(r"(?<![^\s\"'])--?[A-Za-z][\w.-]*=?")  # --wallet.accounts too
# generic words of a store's syntax: no context ("--value", "SecureString", "value=0x..")
_STORE_WORDS_RE = re.compile(
    r"(?i)\b(?:values?|data|string|body|literal|text|content|plaintext|input|type|secure)\b"
    r"|SecureString"
)

# a URL from its scheme, or a path from the root where a value starts (a router's or a
# navigation breadcrumb's "to": "/claim/confirm?k=..")
_URL_START_RE = re.compile(r"(?:[A-Za-z][\w+.-]{1,15}://|(?<=[\"'\s=(])/(?=[\w.~-]))\S*$")
_CLAIM_RE = re.compile(r"(?i)claim|gift|redeem|linkdrop|red-?packet|voucher|sweep")

_ECHO_RE = LazyPattern(
    r"(?i)(?:for input string|invalid literal for \w+\(\) with base \d+|parsing|input_value=|"
    r"cannot convert|could not parse|failed to parse|invalid hex(?: string)?|"
    r"invalid (?:digit|character)[^:\n]{0,40})\s*:?\s*[\"'`]?$"
)
# the same said after the value (viem: 'Value "<hex>" is an invalid hex value.')
_ECHO_AFTER_RE = LazyPattern(
    r"(?i)[\"'`]?\s*(?:is\s+(?:an?\s+)?(?:invalid|not\s+(?:an?\s+)?valid)|is\s+malformed|"
    r"could\s+not\s+be\s+(?:parsed|decoded|converted))\b"
)
FRAME_LINES = 8  # stack-frame lines read on each side of the message
_RUNTIME_FRAME_RE = re.compile(  # frames of the language's own runtime: say nothing
    r"(?:\bat (?:java|javax|jdk|sun|kotlin|scala|android|dalvik)\.|java\.base/|node:internal|"
    r"/lib/python|site-packages|/usr/local/go/|\bruntime/|\bstrconv\.|\bmath/big|"
    r"<anonymous>|Exception|Error\b)"
)


# one of these in a text, or it holds no store command (a few C-speed ``in`` per text)
STORE_GATE = ("ssm", "ecret", "ECRET", "vault", "config:set", "env:set", "env add",
              "variables", "op item", "bw create", "password", "keyring", "insert", "vars set",
              "sops", "SecureString", "securestring", "ganache")  # fmt: skip


def may_hold_store(text: str) -> bool:
    """Can ``text`` hold a secret-store command at all?"""
    return any(word in text for word in STORE_GATE)


def _segment(text: str, start: int, end: int) -> tuple[int, int]:
    """The shell command holding ``text[start:end]``: its lines joined by continuations,
    cut at ``;`` / ``&&`` / ``||`` (a pipe feeding the value into a store stays in)."""
    lo = max(0, start - REACH)
    begin = text.rfind("\n", lo, start) + 1 or lo
    while begin > lo and text[lo:begin].rstrip(" \t\r\n").endswith(_CONTINUED):
        begin = text.rfind("\n", lo, begin - 1) + 1 or lo
    hi = min(len(text), end + REACH)
    stop = end
    while True:
        newline = text.find("\n", stop, hi)
        if newline < 0 or not text[stop:newline].rstrip(" \t\r").endswith(_CONTINUED):
            stop = hi if newline < 0 else newline
            break
        stop = newline + 1
    cuts = list(_SEGMENT_END_RE.finditer(text, begin, start))
    begin = cuts[-1].end() if cuts else begin
    cut = _SEGMENT_END_RE.search(text, end, stop)
    return begin, cut.start() if cut else stop


def _store_words(part: str) -> str:
    return _STORE_WORDS_RE.sub(" ", _FLAG_RE.sub(" ", part))


def store_command(text: str, start: int, end: int) -> tuple[str, str, str] | None:
    """(command, words before, words after) when the value at ``text[start:end]`` is written
    by a secret-store command; the words are the command's own, flags and syntax removed."""
    begin, stop = _segment(text, start, end)
    if not may_hold_store(text[begin:stop]):
        return None
    m = STORE_RE.search(text, begin, stop)
    if m is None:
        return None
    if m.end() <= start:  # aws ssm put-parameter --name .. --value 0x..
        before, after = text[m.end() : start], text[end:stop]
    else:  # echo -n 0x.. | gcloud secrets create NAME --data-file=-
        before, after = text[begin:start], text[end : m.start()] + " " + text[m.end() : stop]
    return " ".join(m.group().split()), _store_words(before), _store_words(after)


# ".json", ".tar.gz", ".bin": an extension after the value, then the end of the path
_EXTENSION_RE = re.compile(r"(?:\.[A-Za-z][A-Za-z0-9]{0,6}){1,2}(?![\w.-]*[\w/])")


_PATH_STOP = frozenset(" \t\r\n\"'`()<>[]{}=,;|:")  # what ends a path before its start
LABEL_REACH = 64  # characters before a path (and after it) read for a name


def _path_start(text: str, start: int) -> int:
    """Start of the path (``s3://b/keys/``, ``/run/keys/``) whose last segment starts at
    ``start``: back to a space, a quote, ``=`` or ``:`` (a URL's scheme kept)."""
    i = start
    while i > 0 and text[i - 1] not in _PATH_STOP:
        i -= 1
    if text[i - 1 : i] == ":" and text.startswith("//", i):
        i -= 1
        while i > 0 and (text[i - 1].isalnum() or text[i - 1] in "+.-"):
            i -= 1
    return i


def file_name(text: str, start: int, end: int) -> tuple[str, str] | None:
    """("hash", evidence) when ``text[start:end]`` is the name of a file in a path (after a
    ``/``, before an extension) and no word outside the path names a key: content addressing
    names a file by its digest; ("key", evidence) when the label before the path or the words
    after it name a key (``private_key: /<hex>.k``, ``PRIVATE_KEY=/run/keys/<hex>.txt``, "the
    wallet private key: https://paste.site/<hex>.txt"): a name beats the spelling, which the
    writer picks. A folder of the path ("keys/") is no name. Not a file's name: None."""
    if start < 1 or text[start - 1] != "/":
        return None
    ext = _EXTENSION_RE.match(text, end)
    if ext is None:
        return None
    path = _path_start(text, start - 1)
    label = classify_window(text[max(0, path - LABEL_REACH) : path], nearest_last=True)
    if label is None or label[0] != "key":
        label = classify_window(text[ext.end() : ext.end() + LABEL_REACH], nearest_last=False)
    if label is not None and label[0] == "key":  # a role ("signer: ..") is the caller's to read
        return None if label[1].lower() in ROLE_WORDS else ("key", f"context:{label[1]!r}")
    return "hash", "place:file-name"


def link_part(text: str, start: int) -> str | None:
    """ "fragment" / "claim-link" when the value at ``start`` (``0x`` included) is a parameter
    (or the whole fragment) of a URL's fragment, or a query parameter of a claim link."""
    link = link_of(text, start)
    return link[0] if link is not None else None


def link_of(text: str, start: int) -> tuple[str, int] | None:
    """:func:`link_part` and where its URL starts: only the URL's own words name the value
    (``{"data": {"to": "/claim?k=0x.."}}``: "data" names the breadcrumb, not the key)."""
    if start < 4 or text[start - 1] not in "=#/":
        return None
    url = _URL_START_RE.search(text, max(0, start - REACH), start)
    if url is None:
        return None
    head = text[url.start() : start]
    if text[start - 1] == "/" and not head.endswith("#/"):
        return None  # a path segment: an id
    if "#" in head:
        return "fragment", url.start()
    if "?" in head and text[start - 1] == "=" and _CLAIM_RE.search(head) is not None:
        return "claim-link", url.start()
    return None


# a debugger's or REPL's prompt for an expression it then prints the result of: IntelliJ's
# "Evaluate expression", Python's ">>>", lldb / gdb print commands, jshell, irb / pry, node
_EVALUATE_RE = LazyPattern(
    r"(?im)^[ \t-]*(?:evaluate(?: expression)?\b[^:\n]{0,40}:|>>>|\((?:lldb|gdb)\)[ \t]*"
    r"(?:p|po|print|expr|expression|call)\b|jshell>|irb\(|\[\d+\] pry\(|>[ \t])[^\n]*$"
)


def evaluated_expression(text: str, start: int) -> str | None:
    """The expression whose printed result holds the value at ``start`` (the prompt's line
    just above the result's: ``Evaluate expression: Arrays.toString(privBytes)`` /
    ``result = "[..]"``), else None: a result is named by what was evaluated."""
    line = text.rfind("\n", 0, start)
    if line < 0:
        return None
    above = text.rfind("\n", 0, line) + 1
    m = _EVALUATE_RE.search(text, above, line)
    return m.group() if m is not None else None


def echo_frames(text: str, start: int, end: int | None = None) -> list[str] | None:
    """The application's stack-frame lines around an error message that echoes the value at
    ``text[start:end]`` (nearest first), or None when the value is not echoed by an error."""
    echoed = _ECHO_RE.search(text, max(0, start - 64), start) is not None
    if not echoed and (end is None or _ECHO_AFTER_RE.match(text, end) is None):
        return None
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    before = text[max(0, line_start - REACH * 2) : line_start].splitlines()[-FRAME_LINES:]
    after = text[line_end : line_end + REACH * 2].splitlines()[1 : FRAME_LINES + 1]
    nearest = []
    for i in range(FRAME_LINES):  # the lines after and before the message, nearest first
        nearest += after[i : i + 1] + ([before[-1 - i]] if i < len(before) else [])
    return [line for line in nearest if line.strip() and not _RUNTIME_FRAME_RE.search(line)]


# an error's message, then its echo of the value under a generic name: "input = "..
_ERROR_WORD_RE = re.compile(
    r"(?i)\b(?:error|invalid|failed|fail|cannot|could\s+not|couldn't|unable|bad|malformed|"
    r"panic(?:ked)?|wrong|rejected)\b"
)
_ECHO_INPUT_RE = re.compile(r"(?i)\binput\s*[=:]\s*(?:\\?[\"'`])?$")  # a JSON string's \" too


def echoed_key_word(text: str, lo: int, start: int) -> str | None:
    """The key word of an error's message that echoes the value at ``start`` as its "input"
    (``invalid private key: InvalidLength; input = "<hex>"``): the message, on the value's
    line, names what it failed to read; "input" names nothing. None when it does not."""
    line = max(lo, text.rfind("\n", lo, start) + 1)
    echo = _ECHO_INPUT_RE.search(text, line, start)
    if echo is None or _ERROR_WORD_RE.search(text, line, echo.start()) is None:
        return None
    named = classify_window(text[line : echo.start()], nearest_last=True)
    return named[1] if named is not None and named[0] == "key" else None


# hash words of the parse errors that echo a value ("For input string", "ValueError: invalid
# literal for int()"): the frames around the message decide instead
_ECHO_WORDS = frozenset(("input", "value"))


def echo_context(
    text: str, window: tuple[int, int], value: tuple[int, int], before: tuple[str, str] | None
) -> tuple[str, str] | None:
    """An error that echoes the value under a generic name ("input", "value", ``before``) or
    none: the key its own message names ("invalid private key: ..; input = "..), else the
    application frames around it; None when no error echoes the value."""
    if before is not None and before[1].lower() not in _ECHO_WORDS:
        return None
    if before is not None:
        echoed = echoed_key_word(text, *window)
        if echoed is not None:
            return "key", f"context:{echoed!r}"
    frames = echo_frames(text, *value)
    return None if frames is None else _frames_context(frames)


def _frames_context(frames: list[str]) -> tuple[str, str]:
    """An error that echoes the value: the nearest application frame with a key or hash word
    decides (``SignerFactory.fromConfig``, ``TxHashParser.parse``); none: bare."""
    for line in frames:
        found = classify_window(line, nearest_last=False)
        if found is not None:
            return found[0], f"echoed-in:{found[1]!r}"
    return "bare", ""
