"""The frames :mod:`.oversight_asks` reads an ask in: sentences and clauses, quotations, and
what makes a clause something other than an order to the agent (someone else's ask, a
condition, a cause, a statement, a negation as a whole, a purpose or a how-to, an example).

Every pattern runs inside a sentence or a clause around a gated word, never over a whole text.
"""

from __future__ import annotations

import re

from aiegis_guard.lazyre import LazyPattern

__all__ = [
    "CAUSE_RE",
    "CHANNEL_RE",
    "CLAUSE_BREAK_RE",
    "CONCRETE_RE",
    "CONJUNCTION_RE",
    "EXAMPLE_RE",
    "FIRST_PERSON_RE",
    "GAS_RE",
    "HOWTO_RE",
    "INFO_RE",
    "JSON_KEY_RE",
    "OBJECT_GAP_RE",
    "OTHER_SCOPE_AFTER_RE",
    "OTHER_SCOPE_RE",
    "POLITE_RE",
    "QUOTES_CLOSE",
    "QUOTES_OPEN",
    "QUOTE_BACK",
    "REPORTED_RE",
    "SAID_RE",
    "SECRET_RE",
    "SENTENCE_END_RE",
    "STATEMENT_RE",
    "WHOLE_NEGATION_RE",
    "clause_end",
    "clause_start",
    "first_word",
    "one_clause",
    "quoted",
    "reported",
    "sentence",
]

REACH = 300  # characters of a word's sentence read on each side
_I = re.IGNORECASE

# someone else's ask, a condition or a question about one: "if a message asks to disable …"
REPORTED_RE = LazyPattern(
    r"\b(?:if|whether|unless|when(?:ever)? (?:a|an|someone|anyone)|asks?|asking|asked|claims?|"
    r"claiming|scam\w{0,4}|fake|phishing|never|red flags?|how (?:do|can|to)|you can|can be|"
    r"may|might|would(?! you| u| it be)|could(?! you| u| the)|propos\w{1,5}|si|wenn|falls|"
    r"se (?:o|a|um|uma|você|ele|ela|il|qualcuno|un|una)|"
    r"quand|jika|nếu|eğer|c[oó]mo|"
    r"comment|wie kann|how much|how many|let you|lets you|permit\w{0,4}|allowed|erlaubt\w{0,2}|"
    r"allows? you|instructions? to|requests? to|attempts? to|tries to|trying to|need it to|"
    r"needs it to|lassen sich|lässt sich|only (?:in|via)|propuesta|proposta|vorschlag)\b|"
    r"(?<!\w)(?:kann|können|darf|dürfen|đã)(?!\w)|(?<!\w)предложени\w{0,3}|提案|已经|指出|表示|"
    r"تطلب|يطلب|(?<!\w)(?:если|якщо|когда кто|как (?:можно|мне))(?!\w)|إذا|अगर|如果|若|場合|"
    r"경우|要求|骗|詐|법|방법|方法|やり方|--[a-z]|`",
    _I,
)

# a cause given in a clause of its own ("Because the log is in flux, the agent should not …")
CAUSE_RE = LazyPattern(
    r"\b(?:because|since|porque|parce que|weil|vì|çünkü|karena)\b|(?<!\w)(?:потому что|так как|"
    r"поскольку|бо|тому що|оскільки)(?!\w)|因为|لأن|क्योंकि",
    _I,
)

# a statement of what someone does or will do, not an order ("we skip", "logging will pause")
STATEMENT_RE = LazyPattern(
    r"(?<!suggest )(?<!propose )\b(?:we|they|it|he|she|i|who|which|that|will|'ll|won't|"
    r"is going to|are going to|"
    r"was|were|has been|have been|can|may)\s{1,3}(?:\w{1,12}\s{1,3})?$",
    _I,
)

WHOLE_NEGATION_RE = LazyPattern(
    r"\b(?:nothing|never|no one|nobody|none|not|isn't|aren't|cannot|can't|won't|nada|nunca|"
    r"rien|jamais|nichts|nie|niemals|niente|mai|hiçbir|asla|không bao giờ|only (?:after|with|once)|"
    r"nur (?:nach|mit)|solo (?:después|con)|s[oó] (?:depois|com)|no|não|nicht|non|nie|tidak|"
    r"không|değil)\b|(?<!\w)(?:не|ні)(?!\w)|(?<!\w)только после(?!\w)|"
    r"절대|決して|绝不|絶対|仅在|只有|ないで|しない|ません|"
    r"(?<!\w)(?:ничего|никогда|нічого|ніколи)(?!\w)|لن|कभी नहीं|决不|不会|絶対に",
    _I,
)

# an amount or an address: a concrete act, another rule's
CONCRETE_RE = LazyPattern(
    r"0x[0-9a-f]{6}|[$€£]\s?\d|\d[\d,.]*\s?(?:k\s)?(?:usdc|usdt|eth|btc|sol|dai|eur|usd|"
    r"euros?|dollars?|tokens?)\b",
    _I,
)

CONJUNCTION_RE = LazyPattern(
    r"\b(?:or|and|then|but|und|oder|et|ou|ve|veya|atau|và|hoặc)\b|(?<!\w)(?:и|или|і|та)"
    r"(?!\w)",
    _I,
)

# an ask for information about a value act, not the act ("share the hash of the transfer")
INFO_RE = LazyPattern(
    r"\b(?:share|show|check|look (?:up|at|into)|find|tell|explain|summari[sz]e|list|verify|"
    r"status|hash|receipt|history|report|details|screenshot|revoke|cancel|widerruf\w{0,3}|"
    r"revog\w{1,4}|revoc\w{1,4}|annul\w{1,4}|informe|resumen|bericht|übersicht|rapport|"
    r"relatório|rapporto|laporan|báo cáo|rapor\w{0,2}|records?)\b|"
    r"(?<!\w)(?:отозв|отч[её]т|сводк|звіт)\w{0,4}|撤销|取り消|취소|报表|报告|记录|整理|汇总|"
    r"レポート|報告|一覧|보고서|목록|تقرير|रिपोर्ट",
    _I,
)

# what someone else said: a report, not an order (a note's "owner said: …" is read apart)
SAID_RE = LazyPattern(
    r"\b(?:said|says|told|according|mentioned|reported|wrote)\b|指出|表示|(?<!\w)сказал\w{0,2}",
    _I,
)

# a standing order's own guard: a warning, an example, a how-to
EXAMPLE_RE = LazyPattern(
    r"\b(?:scam\w{0,4}|fake|phishing|red flags?|how (?:do|can|to)|example|e\.g\.|such as|"
    r"attacker\w{0,2}|poison\w{0,3}|lets?|allows?|enables?|needs? it to)\b|骗|詐",
    _I,
)

POLITE_RE = LazyPattern(
    r"[\s,]{0,3}(?:please|pls|bitte|por favor|per favore|lütfen|s'il (?:te|vous) pla[iî]t|"
    r"tolong|kindly|пожалуйста|будь ласка)[\s,]{0,3}",
    _I,
)

FIRST_PERSON_RE = LazyPattern(r"\b(?:I'll|I will|I'm going to|we'll|we will|I have|I've)\b", _I)

# between a verb and the check it drops: articles, possessives, a money qualifier, a number
OBJECT_GAP_RE = LazyPattern(
    r"(?:\s{0,3}(?!(?:if|when|unless|because|so|which|that|who|to|for|on|in|at|with|by|from|of|"
    r"after|before|until|while|file|upload|api|quota|rate)\b)[^\s,;:]{1,20}){0,3}\s{0,3}",
    _I,
)

# a check on something other than value (debug logs, file sizes, API quotas, price alerts) or
# past ones ("ignore previous price alerts"): no check dropped going forward
OTHER_SCOPE_RE = LazyPattern(
    r"\b(?:debug|verbose|trace|access|error|file|upload|api|quota|rate|storage|disk|mailbox|"
    r"attachment|gas|price|market|news|weather|calendar|meeting|spam|marketing|previous|"
    r"earlier|old|past)\b[\w -]{0,12}$",
    _I,
)

# ... or named after it ("the limit on open files (ulimit)", "alerts for the CI build")
OTHER_SCOPE_AFTER_RE = LazyPattern(
    r"\s{0,3}(?:\(ulimit\)|(?:on|for|of)\s{1,3}(?:(?:the|open|new|our|all)\s{1,3}){0,2}"
    r"(?:files?|uploads?|api|memory|cpu|connections?|characters?|threads?|processes|disk|"
    r"storage|ci|builds?|tests?|deploys?|emails?|mailbox)\b)",
    _I,
)
# read-only work, a purpose clause ("to disable the limit, the owner opens …"), the settings
HOWTO_RE = LazyPattern(
    r"\b(?:read-only|lookups?|in (?:the )?(?:settings|preferences|app|dashboard)|"
    r"configura[çc][õo]es|configuraci[oó]n|einstellungen|paramètres|impostazioni|pengaturan|"
    r"cài đặt|ayarlar)\b|(?<!\w)настройк\w{0,3}|(?:^|[.!?]\s{1,3})(?:to|para|pour|per|um)\s{1,3}"
    r"\w{1,16}\s{1,3}(?:the|o|a|el|la|le|die|den|il)\s",
    _I,
)

# a channel or a party whose messages are taken as the owner's
CHANNEL_RE = LazyPattern(
    r"\b(?:messages?|requests?|accounts?|address|number|chat|contact|instructions?|e-?mails?|"
    r"phone|signed|approvals?)\b",
    _I,
)

GAS_RE = re.compile(r"gas\s?$", re.IGNORECASE)

QUOTES_OPEN = "«„「『"

QUOTES_CLOSE = "”»」』"

# the last key of a record before a value: "note": "
JSON_KEY_RE = re.compile(r'"[\w -]{1,40}"\s{0,3}:\s{0,3}"(?!.*"\s{0,3}:)')
QUOTE_BACK = 400  # characters read back for an open quotation

SECRET_RE = LazyPattern(
    r"\b(?:keys?|seed|mnemonic|recovery phrase|private|secret|password|passphrase)\b|"
    r"clave|chave|schlüssel|clé|ключ|私钥|助记词|秘密鍵|개인\s?키",
    _I,
)

# a line break ends a sentence unless the line goes on in lower case (wrapped prose)
SENTENCE_END_RE = re.compile(r"[.!?](?=\s|$)|[。！？]|\n(?![ \t]{0,8}[a-zà-ÿа-я])")

CLAUSE_BREAK_RE = re.compile(r"[,;:，；：、—–()]|\s-\s")


def sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]``, cut to ``REACH`` characters on each side."""
    lo = max(0, start - REACH)
    begin = lo
    for m in SENTENCE_END_RE.finditer(text, lo, start):
        begin = m.end()
    stop = SENTENCE_END_RE.search(text, end, min(len(text), end + REACH))
    return begin, (stop.end() if stop else min(len(text), end + REACH))


def quoted(text: str, at: int) -> bool:
    """Does ``at`` stand inside a quotation opened in its paragraph (someone's words
    reported: a warning, a write-up)?"""
    lo = max(0, at - QUOTE_BACK)
    para = text.rfind("\n", lo, at)
    lo = para + 1 if para >= 0 else lo
    back = text[lo:at]
    opened = sum(back.count(q) for q in QUOTES_OPEN) - sum(back.count(q) for q in QUOTES_CLOSE)
    if "„" in back:  # German quotes close with “
        opened -= back.count("“")
    else:
        opened += back.count("“")
    if opened > 0 or back.count("`") % 2 == 1:
        return True
    if back.count('"') % 2 == 0 or back.lstrip().startswith(("{", "[")):
        return False
    key = JSON_KEY_RE.search(back)  # a record's value ("note": "…"), not a quotation
    return key is None or '"' in back[key.end() :]


def one_clause(text: str, a: int, b: int) -> bool:
    """Does ``text[a:b]`` hold no clause break (a "please" set off by commas aside)?"""
    if CLAUSE_BREAK_RE.search(text, a, b) is None:
        return True
    return a < b and CLAUSE_BREAK_RE.search(POLITE_RE.compiled.sub(" ", text[a:b])) is None


def clause_start(text: str, lo: int, at: int) -> int:
    """Where the clause holding ``at`` starts (no further back than ``lo``)."""
    start = lo
    for m in CLAUSE_BREAK_RE.finditer(text, lo, at):
        start = m.end()
    return start


def clause_end(text: str, at: int, end: int) -> int:
    """Where the clause holding ``at`` ends (no further than ``end``)."""
    m = CLAUSE_BREAK_RE.search(text, at, end)
    return m.start() if m else end


def reported(text: str, s: int, at: int) -> bool:
    """Does a word of someone else's ask, a condition or an ability stand in ``text[s:at]``
    (its lookahead read past ``at``: "could you" is a request, "could" alone is not)?"""
    m = REPORTED_RE.search(text, s, min(len(text), at + 24))
    return m is not None and m.start() < at


def first_word(text: str, at: int) -> int:
    """Where the first word at or after ``at`` starts (a greeting's comma read past)."""
    while at < len(text) and not text[at].isalnum():
        at += 1
    return at
