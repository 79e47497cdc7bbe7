"""Asks that work on the agent's oversight rather than name an act: four classes of discourse.

Social engineering aimed at a wallet agent often names no address and no amount; what it asks
is read off the structure of the message (words per language in :mod:`.oversight_words`):

* ``drop-check``: an order whose object is a check (confirmation, approval, limit, allowlist,
  review, log, alert, notification, 2FA) and whose verb drops it ("skip", "pause", "disable",
  "bypass", "raise", "treat as advisory") — or that drops it by its own negation ("don't wait
  for the confirmation", "no need to notify the owner", "without a review"). The order is the
  act, whatever follows. A negation before the verb keeps the check ("do not skip the
  review"), a condition or a report names someone else's ask ("if a message asks the agent to
  disable limits, …"), a clause negated as a whole protects ("nothing is processed without
  a confirmation"); a check word in another clause than the verb is not its object.
* ``claimed-identity``: a claim of who writes (the owner "from a new number", the owner's new
  assistant, an admin, the security module, a proxy) followed by an order to trust a channel
  or a party, to move value, or to drop a check. The claim followed by information only
  ("just so you know, I'll add the contact myself") stays quiet.
* ``standing-order``: a rule for the future ("from now on", "always", "standing instruction",
  "whenever", "anything X asks") that pre-authorises ("just do it", "without asking",
  "approve", "treat as his own"). A preference ("summaries in German") or a routing rule that
  keeps the owner asked holds no pre-authorisation.
* ``vague-value-act``: a request whose object is a value-bearing thing named vaguely (the
  payment, the invoice, the top-up, the release) — or a bare reference to what was agreed
  ("as we discussed") where the message names one — with pressure in the message (urgency,
  secrecy from the owner, authority, guilt or flattery) or the owner kept out. A vague request
  about harmless work (the report, the newsletter) names no value-bearing thing.

The work is bounded: each class reads at most ``MAX_HITS`` of its gating words, each in a
window of at most ``REACH`` characters on each side (no pass over the whole text but the
gated literal search).
"""

from __future__ import annotations

import re

from aiegis_guard.lazyre import LazyPattern
from aiegis_guard.litgate import GATE_SPAN
from aiegis_guard.scanners import oversight_words as w

__all__ = ["oversight_spans"]

MAX_HITS = 48  # gating words read per class and text
REACH = 300  # characters of a word's sentence read on each side
CLAUSE_NEAR = 60  # characters between a check and the verb that drops it
GREETING = 24  # characters of a greeting or a name before an imperative
LABEL_BEFORE = 40  # characters before a sentence where its label may stand
MESSAGE_REACH = 700  # characters around an ask where its pressure or claim may stand

_I = re.IGNORECASE
_CHECK_RE = LazyPattern(w.CHECK, _I, gated=True)
_CLAIM_RE = LazyPattern(w.CLAIM, _I, gated=True)
_PREAUTH_RE = LazyPattern(w.PREAUTH + "|" + w.TRUST, _I, gated=True)
_VALUE_RE = LazyPattern(w.VALUE_OBJECT, _I, gated=True)
_VAGUE_RE = LazyPattern(w.VAGUE_REF, _I, gated=True)
_DROP_RE = LazyPattern(w.DROP, _I)
_WITHOUT_RE = LazyPattern(w.WITHOUT, _I)
_OWNER_RE = LazyPattern(w.OWNER, _I)
_TRUST_RE = LazyPattern(w.TRUST, _I)
_REQUEST_RE = LazyPattern(w.REQUEST, _I)
_REQUEST_START_RE = LazyPattern(w.REQUEST_START, _I)
_PRESSURE_RE = LazyPattern(w.PRESSURE, _I)
_FUTURE_RE = LazyPattern(w.FUTURE, _I)
_NEG_BEFORE_RE = LazyPattern(w.NEGATION_BEFORE, _I)
_NEG_AFTER_RE = LazyPattern(w.NEGATION_AFTER, _I)
# someone else's ask, a condition or a question about one: "if a message asks to disable …"
_REPORTED_RE = LazyPattern(
    r"\b(?:if|whether|unless|when(?:ever)? (?:a|an|someone|anyone)|asks?|asking|asked|claims?|"
    r"claiming|scam\w{0,4}|fake|phishing|never|red flags?|how (?:do|can|to)|you can|can be|"
    r"may|might|would(?! you| u| it be possible)|could(?! you| u| the)|propos\w{1,5}|si|wenn|falls|"
    r"quand|se|jika|nếu|eğer|c[oó]mo|"
    r"comment|wie kann|how much|how many|let you|lets you|permit\w{0,4}|allowed|erlaubt\w{0,2}|"
    r"allows? you|instructions? to|requests? to|attempts? to|tries to|trying to|need it to|"
    r"needs it to|lassen sich|lässt sich|only (?:in|via)|propuesta|proposta|vorschlag)\b|"
    r"(?<!\w)(?:kann|können|darf|dürfen|đã)(?!\w)|(?<!\w)предложени\w{0,3}|提案|已经|指出|表示|"
    r"تطلب|يطلب|(?<!\w)(?:если|якщо|когда кто|как (?:можно|мне))(?!\w)|إذا|अगर|如果|若|場合|"
    r"경우|要求|骗|詐|법|방법|方法|やり方|--[a-z]|`",
    _I,
)
# a cause given in a clause of its own ("Because the log is in flux, the agent should not …")
_CAUSE_RE = LazyPattern(
    r"\b(?:because|since|porque|parce que|weil|vì)\b|(?<!\w)потому что(?!\w)|因为",
    _I,
)
# a statement of what someone does or will do, not an order ("we skip", "logging will pause")
_STATEMENT_RE = LazyPattern(
    r"\b(?:we|they|it|he|she|i|who|which|that|will|'ll|won't|is going to|are going to|"
    r"was|were|has been|have been|can|may)\s{1,3}(?:\w{1,12}\s{1,3})?$",
    _I,
)
_WHOLE_NEGATION_RE = LazyPattern(
    r"\b(?:nothing|never|no one|nobody|none|not|isn't|aren't|cannot|can't|won't|nada|nunca|"
    r"rien|jamais|nichts|nie|niemals|niente|mai|hiçbir|asla|không bao giờ|only (?:after|with|once)|"
    r"nur (?:nach|mit)|solo (?:después|con)|s[oó] (?:depois|com)|no|não|nicht|non|nie|tidak|"
    r"không|değil)\b|(?<!\w)(?:не|ні)(?!\w)|(?<!\w)только после(?!\w)|"
    r"절대|決して|绝不|絶対|仅在|只有|ないで|しない|ません|"
    r"(?<!\w)(?:ничего|никогда|нічого|ніколи)(?!\w)|لن|कभी नहीं|决不|不会|絶対に",
    _I,
)
# an amount or an address: a concrete act, another rule's
_CONCRETE_RE = LazyPattern(
    r"0x[0-9a-f]{6}|[$€£]\s?\d|\d[\d,.]*\s?(?:k\s)?(?:usdc|usdt|eth|btc|sol|dai|eur|usd|"
    r"euros?|dollars?|tokens?)\b",
    _I,
)
_VERB_LAST_RE = LazyPattern(w.VERB_LAST, _I)
_LIMIT_RE = LazyPattern(w.LIMIT, _I)
_CONJUNCTION_RE = LazyPattern(
    r"\b(?:or|and|then|but|und|oder|et|ou|ve|veya|atau|và|hoặc)\b|(?<!\w)(?:и|или|і|та)"
    r"(?!\w)",
    _I,
)
# an ask for information about a value act, not the act ("share the hash of the transfer")
_INFO_RE = LazyPattern(
    r"\b(?:share|show|check|look (?:up|at|into)|find|tell|explain|summari[sz]e|list|verify|"
    r"status|hash|receipt|history|report|details|screenshot|revoke|cancel|widerruf\w{0,3}|"
    r"revog\w{1,4}|revoc\w{1,4}|annul\w{1,4})\b|(?<!\w)отозв\w{0,4}|撤销|取り消|취소",
    _I,
)
_ORDER_FRAME_RE = LazyPattern(w.ORDER_FRAME + "|" + w.REQUEST, _I)
_OWN_RE = re.compile(r"\b(?:my|mein\w?|mi|mon|ma|meu|minha)\s{1,3}(?:[\w-]{1,20}\s{1,3})?$", _I)
# what someone else said: a report, not an order (a note's "owner said: …" is read apart)
_SAID_RE = LazyPattern(
    r"\b(?:said|says|told|according|mentioned|reported|wrote)\b|指出|表示|(?<!\w)сказал\w{0,2}",
    _I,
)
# a standing order's own guard: a warning, an example, a how-to
_EXAMPLE_RE = LazyPattern(
    r"\b(?:scam\w{0,4}|fake|phishing|red flags?|how (?:do|can|to)|example|e\.g\.|such as|"
    r"attacker\w{0,2}|poison\w{0,3}|lets?|allows?|enables?|needs? it to)\b|骗|詐",
    _I,
)
_POLITE_RE = LazyPattern(
    r"[\s,]{0,3}(?:please|pls|bitte|por favor|per favore|lütfen|s'il (?:te|vous) pla[iî]t|"
    r"tolong|kindly|пожалуйста|будь ласка)[\s,]{0,3}",
    _I,
)
_FIRST_PERSON_RE = LazyPattern(r"\b(?:I'll|I will|I'm going to|we'll|we will|I have|I've)\b", _I)
# between a verb and the check it drops: articles, possessives, a money qualifier, a number
_OBJECT_GAP_RE = LazyPattern(
    r"(?:\s{0,3}(?!(?:if|when|unless|because|so|which|that|who|to|for|on|in|at|with|by|from|of|"
    r"after|before|until|while|file|upload|api|quota|rate)\b)[^\s,;:]{1,20}){0,3}\s{0,3}",
    _I,
)
# a check on something other than value: debug logs, file sizes, API quotas
_OTHER_SCOPE_RE = LazyPattern(
    r"\b(?:debug|verbose|trace|access|error|file|upload|api|quota|rate|storage|disk|mailbox|"
    r"attachment|gas)\b[\w -]{0,12}$",
    _I,
)
# read-only work, a purpose clause ("to disable the limit, the owner opens …"), the settings
_HOWTO_RE = LazyPattern(
    r"\b(?:read-only|lookups?|in (?:the )?(?:settings|preferences|app|dashboard)|"
    r"configura[çc][õo]es|configuraci[oó]n|einstellungen|paramètres|impostazioni|pengaturan|"
    r"cài đặt|ayarlar)\b|(?<!\w)настройк\w{0,3}|(?:^|[.!?]\s{1,3})(?:to|para|pour|per|um)\s{1,3}"
    r"\w{1,16}\s{1,3}(?:the|o|a|el|la|le|die|den|il)\s",
    _I,
)
# a channel or a party whose messages are taken as the owner's
_CHANNEL_RE = LazyPattern(
    r"\b(?:messages?|requests?|accounts?|address|number|chat|contact|instructions?|e-?mails?|"
    r"phone|signed|approvals?)\b",
    _I,
)
_GAS_RE = re.compile(r"gas\s?$", re.IGNORECASE)
_QUOTES_OPEN = "«„「『"
_QUOTES_CLOSE = "”»」』"
QUOTE_BACK = 400  # characters read back for an open quotation
_SECRET_RE = LazyPattern(
    r"\b(?:keys?|seed|mnemonic|recovery phrase|private|secret|password|passphrase)\b|"
    r"clave|chave|schlüssel|clé|ключ|私钥|助记词|秘密鍵|개인\s?키",
    _I,
)
# a line break ends a sentence unless the line goes on in lower case (wrapped prose)
_SENTENCE_END_RE = re.compile(r"[.!?](?=\s|$)|[。！？]|\n(?![ \t]{0,8}[a-zà-ÿа-я])")
_CLAUSE_BREAK_RE = re.compile(r"[,;:，；：、—–()]|\s-\s")


def oversight_spans(text: str) -> list[tuple[int, int, str]]:
    """The asks of the four classes in ``text`` (see the module): ``(start, end, kind)``,
    one per sentence, in the order of the text."""
    found: dict[tuple[int, int], str] = {}
    for kind, spans in (
        ("drop-check", _drop_checks(text)),
        ("claimed-identity", _claimed_orders(text)),
        ("standing-order", _standing_orders(text)),
        ("vague-value-act", _vague_value_acts(text)),
    ):
        for span in spans:
            found.setdefault(span, kind)
    return sorted((a, b, k) for (a, b), k in found.items())


def _hits(rx: LazyPattern, text: str) -> list[re.Match[str]]:
    """The first ``MAX_HITS`` matches of a gated word table."""
    out: list[re.Match[str]] = []
    for m in rx.searches(text) if len(text) <= GATE_SPAN else rx.finditer(text):
        out.append(m)
        if len(out) >= MAX_HITS:
            break
    return out


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]``, cut to ``REACH`` characters on each side."""
    lo = max(0, start - REACH)
    begin = lo
    for m in _SENTENCE_END_RE.finditer(text, lo, start):
        begin = m.end()
    stop = _SENTENCE_END_RE.search(text, end, min(len(text), end + REACH))
    return begin, (stop.end() if stop else min(len(text), end + REACH))


def _quoted(text: str, at: int) -> bool:
    """Does ``at`` stand inside a quotation opened in its paragraph (someone's words
    reported: a warning, a write-up)?"""
    lo = max(0, at - QUOTE_BACK)
    para = text.rfind("\n", lo, at)
    lo = para + 1 if para >= 0 else lo
    back = text[lo:at]
    opened = sum(back.count(q) for q in _QUOTES_OPEN) - sum(back.count(q) for q in _QUOTES_CLOSE)
    if "„" in back:  # German quotes close with “
        opened -= back.count("“")
    else:
        opened += back.count("“")
    if opened > 0 or back.count("`") % 2 == 1:
        return True
    return back.count('"') % 2 == 1 and not back.lstrip().startswith(("{", "["))


def _one_clause(text: str, a: int, b: int) -> bool:
    """Does ``text[a:b]`` hold no clause break (a "please" set off by commas aside)?"""
    if _CLAUSE_BREAK_RE.search(text, a, b) is None:
        return True
    return a < b and _CLAUSE_BREAK_RE.search(_POLITE_RE.compiled.sub(" ", text[a:b])) is None


def _clause_start(text: str, lo: int, at: int) -> int:
    """Where the clause holding ``at`` starts (no further back than ``lo``)."""
    start = lo
    for m in _CLAUSE_BREAK_RE.finditer(text, lo, at):
        start = m.end()
    return start


def _drops(text: str, s: int, e: int, check: re.Match[str]) -> bool:
    """Is the check in ``check`` the object of an order that drops it, in its sentence
    ``text[s:e]``?"""
    lo, hi = max(s, check.start() - CLAUSE_NEAR), min(e, check.end() + CLAUSE_NEAR)
    for d in _DROP_RE.finditer(text, lo, hi):
        if not _one_clause(text, min(d.end(), check.end()), max(d.start(), check.start())):
            continue
        if check.start() < d.start() and not (d.group("set_off") or _VERB_LAST_RE.match(d.group())):
            continue  # "logs pass a filter that removes …": the check is no object
        if d.end() <= check.start() and _CONJUNCTION_RE.search(text, d.end(), check.start()):
            continue  # "disable fetch_url or enforce approvals": another object
        if _loosens(d) and not _LIMIT_RE.search(check.group()):
            continue  # "remove it from the allowlist", "revoke the approval": tightens
        if d.end() <= check.start() and not _OBJECT_GAP_RE.fullmatch(
            _POLITE_RE.compiled.sub(" ", text[d.end() : check.start()])
        ):
            continue  # "raise a ticket if the limit …", "increase the file upload limit"
        if _quoted(text, d.start()):
            continue
        if (d.group("en") or d.group("loosen") or d.group("en_treat")) and not _english_order(
            text, s, d.start()
        ):
            continue  # "frameworks let addresses bypass the allowlist": a statement
        if _OWN_RE.search(text, max(s, check.start() - 30), check.start()):
            continue  # "raise my limit": the writer's own
        if _NEG_BEFORE_RE.search(text, max(s, d.start() - 30), d.start()) or _NEG_AFTER_RE.match(
            text, d.end(), min(e, d.end() + 12)
        ):
            continue  # "do not skip the review": the check kept
        if _ordered(text, s, d.start()):
            return True
    for n in _WITHOUT_RE.finditer(text, lo, hi):
        near = (n.end(), check.start()) if n.end() <= check.start() else (check.end(), n.start())
        if not _one_clause(text, *near):
            continue
        start = _clause_start(text, s, n.start())
        if _WHOLE_NEGATION_RE.search(text, start, n.start()) or _quoted(text, n.start()):
            continue  # "nothing is processed without a confirmation": a protection
        if not (
            _ORDER_FRAME_RE.search(text, start, _clause_end(text, n.end(), e))
            or _opens_with_order(text, start)
            or _list_intro(text, s)
        ):
            continue  # "approved without review", "can spend without approval": a statement
        if _SECRET_RE.search(text, start, min(e, n.end() + CLAUSE_NEAR)):
            continue  # "don't send keys or raw logs": a protection
        if _ordered(text, s, n.start()):
            return True
    return False


def _list_intro(text: str, s: int) -> bool:
    """Is the sentence at ``s`` an item of a list whose introducing line (ending in a colon)
    asks for it ("we ask for that time:\n— not to write … ")?"""
    if s == 0 or text[s - 1] != "\n":
        return False
    prev = text.rfind("\n", max(0, s - REACH), s - 1)
    line = text[prev + 1 : s - 1].rstrip()
    if line.endswith(":"):
        return _ORDER_FRAME_RE.search(line) is not None
    if line.lstrip().startswith(("—", "-", "•", "*")) and prev > 0:
        return _list_intro(text, prev + 1)
    return False


def _loosens(d: re.Match[str]) -> bool:
    """Is the drop verb in ``d`` one that loosens a limit ("raise", "remove", "lift")?"""
    return any(g.startswith("loosen") and v for g, v in d.groupdict().items())


def _clause_end(text: str, at: int, end: int) -> int:
    """Where the clause holding ``at`` ends (no further than ``end``)."""
    m = _CLAUSE_BREAK_RE.search(text, at, end)
    return m.start() if m else end


def _english_order(text: str, s: int, at: int) -> bool:
    """Is the English base form at ``at`` an order: the imperative opening its clause, or
    after a request or a modal of what is to be done in its clause ("please pause", "the
    agent should skip", "would it be possible to lift")?"""
    start = _clause_start(text, s, at)
    if _first_word(text, start) == at or _first_word(text, s) == at:
        return True
    return (
        _ORDER_FRAME_RE.search(text, start, at) is not None
        or _REQUEST_RE.search(text, s, at) is not None
    )


def _opens_with_order(text: str, s: int) -> bool:
    """Does the sentence at ``s`` open with an imperative (a drop or a value verb)?"""
    at = _first_word(text, s)
    return bool(_DROP_RE.match(text, at) or _REQUEST_START_RE.match(text, at))


def _reported(text: str, s: int, at: int) -> bool:
    """Does a word of someone else's ask, a condition or an ability stand in ``text[s:at]``
    (its lookahead read past ``at``: "could you" is a request, "could" alone is not)?"""
    m = _REPORTED_RE.search(text, s, min(len(text), at + 24))
    return m is not None and m.start() < at


def _ordered(text: str, s: int, at: int) -> bool:
    """Is the verb at ``at`` an order, not someone else's ask, a condition or a statement?"""
    start = _clause_start(text, s, at)
    if _reported(text, s, at) or _CAUSE_RE.search(text, start, at) or _SAID_RE.search(text, s, at):
        return False
    return _STATEMENT_RE.search(text, max(start, at - 30), at) is None


def _guards_value(text: str, s: int, e: int, check: re.Match[str]) -> bool:
    """Does the check guard the agent's value acts: not a debug log or a file-size limit, not
    in a sentence about read-only work, a purpose clause or a user's how-to in the settings?"""
    if _OTHER_SCOPE_RE.search(text, max(s, check.start() - 24), check.start()):
        return False
    return _HOWTO_RE.search(text, s, e) is None


def _drop_checks(text: str) -> list[tuple[int, int]]:
    """Sentences with an order that drops a check; also "keep the owner out" with a value
    act or a check in its sentence."""
    out: list[tuple[int, int]] = []
    for m in _hits(_CHECK_RE, text):
        if _GAS_RE.search(text, max(0, m.start() - 5), m.start()) or _quoted(text, m.start()):
            continue  # "the gas limit"; a quoted ask
        s, e = _sentence(text, m.start(), m.end())
        if (
            (not out or out[-1] != (s, e))
            and _guards_value(text, s, e, m)
            and _drops(text, s, e, m)
        ):
            out.append((s, e))
    return out


def _owner_kept_out(text: str, lo: int, hi: int) -> bool:
    """Is the owner kept out between ``lo`` and ``hi`` ("no need to bother the boss", "без
    ведома владельца")?"""
    for n in _WITHOUT_RE.finditer(text, lo, hi):
        o = _OWNER_RE.search(text, max(lo, n.start() - 40), min(hi, n.end() + 40))
        if o is None:
            continue
        near = (n.end(), o.start()) if n.end() <= o.start() else (o.end(), n.start())
        if _one_clause(text, *near) and not _WHOLE_NEGATION_RE.search(
            text, _clause_start(text, lo, n.start()), n.start()
        ):
            return True
    return False


def _value_request(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The first sentence in ``text[lo:hi]`` that asks for a value-bearing thing named
    vaguely ("take care of the invoice"), or for what was agreed where the window names one;
    the request in the thing's clause or the sentence opening with its verb; no amount or
    address in it (a concrete act, another rule's), not quoted, not negated or restricted,
    not an ask for information about it ("share the hash of the transfer")."""
    for rx in (_VALUE_RE, _VAGUE_RE):
        for m in rx.finditer(text, lo, hi):
            s, e = _sentence(text, m.start(), m.end())
            start = _clause_start(text, s, m.start())
            end = _clause_end(text, m.end(), e)
            req = _REQUEST_RE.search(text, start, end)
            if (req is None or _quoted(text, req.start())) and not _opens_with_request(
                text, s, m.start()
            ):
                continue
            if rx is _VAGUE_RE and _VALUE_RE.search(text, lo, hi) is None:
                continue
            if (
                _CONCRETE_RE.search(text, s, e)
                or _quoted(text, m.start())
                or _reported(text, s, m.start())
                or _CAUSE_RE.search(text, start, m.start())
                or _SAID_RE.search(text, s, m.start())
                or _WHOLE_NEGATION_RE.search(text, start, end)
                or _INFO_RE.search(text, start, end)
                or _FIRST_PERSON_RE.search(text, start, m.start())
            ):
                continue
            return s, e
    return None


def _opens_with_request(text: str, s: int, at: int) -> bool:
    """Does the sentence at ``s`` open (past a short greeting: "Hi, …", "Agent, …") with the
    imperative of a value verb that stands before ``at``?"""
    first = _first_word(text, s)
    v = _REQUEST_START_RE.match(text, first)
    if v is None:
        brk = _CLAUSE_BREAK_RE.search(text, first, min(at, first + GREETING))
        v = _REQUEST_START_RE.match(text, _first_word(text, brk.end())) if brk else None
    return v is not None and v.end() <= at


def _first_word(text: str, at: int) -> int:
    """Where the first word at or after ``at`` starts (a greeting's comma read past)."""
    while at < len(text) and not text[at].isalnum():
        at += 1
    return at


def _claimed_orders(text: str) -> list[tuple[int, int]]:
    """A claim of who writes, then an order to trust, to move value or to drop a check."""
    out: list[tuple[int, int]] = []
    for m in _hits(_CLAIM_RE, text)[:8]:
        s = _sentence(text, m.start(), m.end())[0]
        if _quoted(text, m.start()) or _SAID_RE.search(text, s, m.start()):
            continue
        lo, hi = m.start(), min(len(text), m.end() + MESSAGE_REACH)
        for t in _TRUST_RE.finditer(text, lo, hi):
            s, e = _sentence(text, t.start(), t.end())
            if not _NEG_BEFORE_RE.search(text, max(s, t.start() - 30), t.start()):
                out.append((s, e))
                break
        else:
            span = _value_request(text, lo, hi) or next(iter(_drop_checks(text[:hi])[-1:]), None)
            if span is not None and span[1] > lo:
                out.append(span)
    return out


def _standing_orders(text: str) -> list[tuple[int, int]]:
    """A rule for the future that pre-authorises an act or a party: the marker in the
    pre-authorisation's sentence or in a label just before it ("Standing instruction: …")."""
    out: list[tuple[int, int]] = []
    for m in _hits(_PREAUTH_RE, text):
        s, e = _sentence(text, m.start(), m.end())
        if (
            _NEG_BEFORE_RE.search(text, max(s, m.start() - 30), m.start())
            or _WHOLE_NEGATION_RE.search(text, _clause_start(text, s, m.start()), m.start())
            or _EXAMPLE_RE.search(text, s, e)
        ):
            continue
        lo, hi = max(0, m.start() - REACH), min(len(text), m.end() + REACH)
        if _OWNER_RE.search(text, lo, hi) is None:
            continue  # a delegation of the writer's own ("while I'm on leave, …"), no owner's
        # a party's messages taken as the owner's own: standing by itself
        as_own = m.group("as_own") is not None and _CHANNEL_RE.search(
            text, max(s, m.start() - LABEL_BEFORE), m.end()
        )
        if (as_own or _FUTURE_RE.search(text, max(0, s - LABEL_BEFORE), e)) and (s, e) not in out:
            out.append((s, e))
    return out


def _vague_value_acts(text: str) -> list[tuple[int, int]]:
    """A request for a vaguely named value-bearing thing, with pressure or the owner kept
    out in its message."""
    out: list[tuple[int, int]] = []
    for m in _hits(_VALUE_RE, text)[:16]:
        lo, hi = max(0, m.start() - MESSAGE_REACH), min(len(text), m.end() + MESSAGE_REACH)
        span = _value_request(text, max(0, m.start() - REACH), min(len(text), m.end() + REACH))
        if span is None or span in out:
            continue
        if _PRESSURE_RE.search(text, lo, hi) or _owner_kept_out(text, lo, hi):
            out.append(span)
    return out
