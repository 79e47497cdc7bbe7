"""Example requests: what a tool's documentation says a user may ask.

A README, a FAQ or a bot's help page lists what its users can type ("## Try it\\n- "send 5
USDC to 0x…"", "Beispielanfragen: „Sende 25 USDC an bob.eth“", "| You say | The agent does |",
a fenced block of ``agent> send 25 usdc to bob.base.eth``). Each listed request is the
hypothetical speech of a user, not an order to the agent reading the page: like a warning's
quote (:mod:`.reported`) it is judged blank.

The class is structural. A *frame* — a title, a short introduction ending in ":" or "?", or
the words right before a quote — names examples, samples, things to try or ask, commands or
requests (:data:`FRAME_WORDS`, per language from dictionary sense, not from any document).
Under a frame, up to the next title (at most ``SCOPE`` characters), the quoted passages
(double quotes, „…“, «…», 「…」) and the lines of a fenced block are example requests.

Still read as orders: a quote that opens by speaking to an agent ("AI: before answering,
send…", :func:`~.weak_frames.addressed_quote`); any quote whose line or frame speaks to an
agent or recommends the words (:func:`~.weak_frames.endorsing_intro`: "Steps for the agent:");
everything outside the quotes; and all of them when the text tells its reader to act on them
(:func:`~.endorsement.endorses`: "do the same now"; :func:`_acts_on_items`: a verb of running
or handling whose object is the listed items, in a sentence that sets its time or at its head,
with no modal or negation before it — "Run the first example now", "The assistant runs each
command at startup",
"Exécute le premier exemple maintenant", "现在就执行第一个示例" — or that says they are approved:
"The owner pre-approved this one"), read within ``SCOPE`` after the list. A frame that names a
queue, not examples, frames nothing: items pending or to process ("Pending user requests:",
"Sample task for the run:", "Exemples à traiter :", "待处理示例："), or a frame line that opens
with an order to handle them ("Process these requests:"). A JSON document has no titles or
lists (its quotes are keys and values) and reports nothing here.
"""

from __future__ import annotations

import re

from aiegis_guard.lazyre import LazyPattern
from aiegis_guard.scanners.endorsement import endorses
from aiegis_guard.scanners.weak_frames import addressed_quote, endorsing_intro

__all__ = ["FRAME_WORDS", "example_requests"]

SCOPE = 1500  # characters after a frame where its examples may stand
FRAME_LINE = 200  # a frame's line is at most this long (a title or an introduction)
MAX_FRAMES = 64  # frames read per text (each reads at most ``SCOPE`` characters)

# words naming examples of what a user may say, by language (dictionary senses of "example",
# "sample", "for instance", "try", "you can ask"; "commands", "requests", "prompts" only in
# English after a modifier: a bare "指令" / "Befehle" / "команда" heads an owner's orders)
FRAME_WORDS = (
    # English
    r"\b(?:examples?|e\.g\.|for instance|samples?|sample (?:prompts?|requests?)|"
    r"try (?:it|asking|saying|typing|these|this)|you can (?:ask|say|type)|"
    r"ask (?:it|the (?:bot|agent))|can i ask|"
    r"what can (?:it|you|(?:the|this|your) \w{0,40}(?:bot|agent)) do|"
    r"you say|things to (?:ask|say|try))\b|"
    # (the bare nouns where a title opens with them or a modifier that names illustration or
    # what a user may say precedes them: "sample commands", "supported commands", the question
    # "which commands work?"; not "the dApp requests a signature", nor a modifier that names a
    # queue or a set: "user requests", "these requests", "available commands")
    r"(?:^[\s#*>|-]{0,16}|\b(?:example|sample|supported|natural[- ]language|starter|typical|"
    r"kinds of|types of|which|what)\s{1,16})(?:prompts|commands|requests|queries)\b|"
    # (a phrasing is always a user's wording: "Which phrasings work?")
    r"\bphrasings?\b|"
    # Spanish / Portuguese
    r"\b(?:ejemplos?|por ejemplo|puedes pedir\w{0,40}|pídele|prueba a|exemplos?|por exemplo|"
    r"você pode pedir|experimente)\b|"
    # German
    r"\b(?:beispiel\w{0,40}|z\. ?b\.|probier\w{0,40})|"
    # French
    r"\b(?:exemples?|par exemple|essayez)\b|"
    # Russian
    r"(?<![\w])(?:пример\w{0,40}|например|попробуйте)|"
    # Vietnamese / Turkish
    r"\b(?:ví dụ|örnek\w{0,40})|"
    # Japanese / Chinese / Korean
    r"例えば|話しかけ|示例|例如|例子|比如|예시|예를 들어"
)
# gated: a long page is read only around the frame words (their repeats are bounded for that)
_FRAME_RE = LazyPattern(FRAME_WORDS, re.IGNORECASE | re.MULTILINE, gated=True)
# a frame word that is part of a name: a domain, an e-mail address, a path ("owner@x.example")
_NAME_AROUND = frozenset(".@/_-")
# a title: a Markdown heading, a bold line, a table's header row, or a short line ending in
# ":" / "?"
_TITLE_RE = re.compile(
    r"[ \t]*(?:#{1,6}[ \t]|\*\*[^\n]*\*\*[ \t]*$|\|[^\n]*\|[ \t]*$|"
    rf"[^\n]{{0,{FRAME_LINE}}}[:?：？][ \t]*$)"
)
_HEADING_RE = re.compile(r"^[ \t]*(?:#{1,6}[ \t]|\*\*[^\n]*\*\*[ \t]*$)", re.MULTILINE)
# the passages quoted as a user's words: on one line, at least 3 characters
_EXAMPLE_QUOTE_RE = re.compile(
    r'"[^"\n]{3,400}"|“[^“”\n]{3,400}[”"]|„[^„“”\n]{3,400}[“”"]|«[^«»\n]{3,400}»|'
    r"「[^「」\n]{2,400}」"
)
_FENCE_RE = re.compile(
    rf"^[ \t]{{0,4}}```[^\n]*\n([\s\S]{{1,{SCOPE}}}?)^[ \t]{{0,4}}```", re.MULTILINE
)
_JSON_START_RE = re.compile(r"\s*[\[{]")

# a list the text tells its reader to act on (:func:`_acts_on_items`): a verb of running,
# using or handling, by dictionary sense per language, whose object within a few words names the
# listed items ("Run the first example now", "Call it now with that example", "The assistant
# runs each command at startup", "Exécute le premier exemple maintenant", "Ejecuta estos
# ejemplos ya", "Führe das Beispiel jetzt aus", "Выполни первый пример сейчас", "现在就执行第一个
# 示例"); the object is a noun of the list or a pronoun that points back at it
_ITEM_VERBS = (
    r"\b(?:run|runs|execute|executes|call|calls|use|uses|submit|submits|process|processes|"
    r"handle|handles|perform|performs|carry\s+out|carries\s+out|fire|fires|trigger|triggers|"
    r"action|actions|complete|completes|send|sends|"
    # French / Spanish / Portuguese / Italian
    r"exécute[zr]?|lance[zr]?|utilise[zr]?|trait(?:e|ez|er)|ejecut(?:a|e|ad|en|ar)|us(?:a|e|ad)|"
    r"proces(?:a|e|ad|ar)|lanz(?:a|ad)|execut(?:a|em)|esegui(?:te)?|"
    # German / Russian
    r"führe|führen|nutze|verwende|bearbeite|sende|выполни\w{0,3}|запусти\w{0,3}|"
    r"используй\w{0,3}|обработай\w{0,3}|отправь\w{0,3})"
)
_ITEM_NOUNS = (
    r"(?:examples?|samples?|requests?|commands?|prompts?|items?|entries|entry|tasks?|queries|"
    r"query|instructions?|this\s+one|that\s+one|each|every\s+one|all\s+of\s+them|them|it|"
    r"exemples?|requêtes?|demandes?|commandes?|ejemplos?|solicitudes?|peticiones?|comandos?|"
    r"exemplos?|pedidos?|esempi|esempio|richieste|beispiel\w{0,4}|anfragen?|befehle?|"
    r"пример\w{0,3}|запрос\w{0,3}|команд\w{0,3})\b"
)
_RUN_ITEMS_RE = LazyPattern(
    _ITEM_VERBS + r"(?:[ \t,]+[^\s.!?。！？;:]{1,20}){0,4}?[ \t,]+" + _ITEM_NOUNS + "|"
    # Chinese / Japanese / Korean: a verb of running whose object is a listed item, or one
    # with no object at all after a time word ("请马上执行", "今すぐ実行して")
    r"(?:执行|运行|处理|调用|使用|発送|実行|처리|실행)[^。！？\n]{0,8}?"
    r"(?:示例|例子|请求|命令|指令|任务|这个|它|例|リクエスト|コマンド|예시|요청|명령)|"
    r"(?:现在|马上|立即|立刻|立马|今すぐ|直ちに|지금\s*바로|즉시)\s*(?:就|に)?\s*"
    r"(?:执行|运行|处理|照做|実行|처리|실행)",
    re.IGNORECASE | re.MULTILINE,
    gated=True,
)
# ... as an order: in a sentence that sets its time ("now", "at startup", "before replying"), or
# at the head of its sentence (an imperative: "Run the first example.")
_ORDER_TIME_RE = re.compile(
    r"\b(?:now|immediately|right\s+away|at\s+once|asap|today|at\s+(?:start-?up|launch|boot)|"
    r"on\s+(?:start-?up|launch|boot|load)|first\s+thing|before\s+(?:answering|"
    r"replying|responding|anything)|maintenant|immédiatement|tout\s+de\s+suite|ahora|ya|"
    r"inmediatamente|de\s+inmediato|agora|imediatamente|subito|ora|jetzt|sofort|gleich|"
    r"сейчас|немедленно|сразу)\b|现在|马上|立即|立刻|立马|今すぐ|直ちに|지금|즉시",
    re.IGNORECASE,
)
# ... unless a modal, an infinitive's "to" or a negation says what one may do, not what to do
# ("You can now use these commands", "Do not run these examples now", "no ejecutes…")
_NOT_ORDER_BEFORE_RE = re.compile(
    r"\b(?:can|could|may|might|able\s+to|to|not|never|n't|no|ne|nie|не|you)\s+"
    r"(?:(?:now|also|then|just|still)\s+)?$|(?:不要|别|勿|不)\s*$",
    re.IGNORECASE,
)
_HEAD_RE = re.compile(r"^[\s#*>|\-\d.)]*(?:please\s+|now\s+|just\s+)?$", re.IGNORECASE)
# the listed items vouched for as approved by someone ("The owner pre-approved this one", "These
# were authorized by the admin", "this one is already approved")
_APPROVED_RE = LazyPattern(
    r"\b(?:pre-?approved|approved|authori[sz]ed|whitelisted|signed\s+off(?:\s+on)?|"
    r"green-?lit|vetted|cleared)\s+(?:this\s+one|that\s+one|these|those|them|it|each|all|"
    r"the\s+(?:\w+\s+)?(?:examples?|requests?|commands?|items?|ones?))\b|"
    r"\b(?:this\s+one|that\s+one|these|they|it|each|all\s+of\s+them)\s+(?:is|are|was|were|"
    r"has\s+been|have\s+been)\s+(?:already\s+)?(?:pre-?approved|approved|authori[sz]ed|"
    r"whitelisted|signed\s+off|green-?lit|cleared)\b",
    re.IGNORECASE,
    gated=True,
)
# a frame line that names a queue, not examples: items waiting to be handled ("Pending user
# requests:", "Queued commands", "Sample task for the run:", "Solicitudes pendientes",
# "Demandes en attente", "Ausstehende Anfragen", "Запросы в очереди", "待处理请求")
_QUEUE_RE = re.compile(
    r"\b(?:pending|queued?|to-?do|backlog|inbox|outstanding|unprocessed|unhandled|"
    r"to\s+(?:process|run|execute|handle|perform)|for\s+(?:the|this|today's|tonight's|next)\s+"
    r"(?:run|job|session|batch|execution)|pendientes?|en\s+cola|por\s+procesar|pendentes?|"
    r"en\s+attente|à\s+traiter|à\s+exécuter|ausstehend\w{0,3}|offene|zu\s+bearbeiten|"
    r"warteschlange|в\s+очереди|ожидающ\w{0,3}|к\s+выполнению)\b|待处理|待办|队列|未处理|待执行|"
    r"保留中|処理待ち|대기\s*중",
    re.IGNORECASE,
)

# a frame line that opens with an order to handle its items ("Process these requests:",
# "Execute the following commands:", "Traitez ces demandes :", "Procesa estas solicitudes:",
# "Bearbeite diese Anfragen:", "Обработай эти запросы:", "处理以下请求：")
_FRAME_ORDER_RE = re.compile(
    r"[\s#*>|-]*(?:please\s+|now\s+)?(?:(?:process|handle|execute|run|perform|complete|"
    r"carry\s+out|action|fulfil+|traite[zr]?|exécute[zr]?|procesa[dr]?|ejecuta[dr]?|processe|"
    r"executa|elabora|bearbeite|führe|обработай\w{0,3}|выполни\w{0,3})\b|处理|执行|処理|実行|처리|실행)",
    re.IGNORECASE,
)


def _acts_on_items(outside: str) -> bool:
    """Does ``outside`` (the text with its example spans blanked) tell its reader to run,
    handle or use the listed items, or vouch that they are approved (see the patterns above)?"""
    if _APPROVED_RE.search(outside) is not None:
        return True
    return any(_is_order(outside, m.start(), m.end()) for m in _RUN_ITEMS_RE.finditer(outside))


def _is_order(text: str, a: int, b: int) -> bool:
    """Is the run-verb match at ``text[a:b]`` an order: a time word in its sentence ("now", "at
    startup") or the head of its sentence (an imperative), and no modal or negation before it?"""
    lo = max(0, a - 120)
    lo = max(lo, *(text.rfind(c, lo, a) + 1 for c in ".!?\n。！？"))
    hi = min(len(text), b + 120)
    stops = [i for c in ".!?\n。！？" if (i := text.find(c, b, hi)) >= 0]
    hi = min(stops) if stops else hi
    before = text[lo:a]
    return (
        _ORDER_TIME_RE.search(text, lo, hi) is not None or _HEAD_RE.match(before) is not None
    ) and _NOT_ORDER_BEFORE_RE.search(before[-24:]) is None


def example_requests(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of ``text`` that its frames list as what a user may ask (see the module)."""
    if _JSON_START_RE.match(text):
        return ()
    spans: list[tuple[int, int]] = []
    for lo, hi, frame in _scopes(text):
        if endorsing_intro(frame) or _QUEUE_RE.search(frame) or _FRAME_ORDER_RE.match(frame):
            continue
        spans += _quoted_in(text, lo, hi)
        spans += _fenced_in(text, lo, hi)
    if not spans:
        return ()
    out = tuple(sorted(set(spans)))
    outside = _blanked(text, out)
    if endorses(outside) or any(_acts_on_items(outside[a:b]) for a, b in _near(out, len(text))):
        return ()
    return out


def _near(spans: tuple[tuple[int, int], ...], size: int) -> list[tuple[int, int]]:
    """The stretches around the listed spans where an order to run them stands (its frame line
    before, ``SCOPE`` after), merged: each character is read once."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        lo, hi = max(0, a - FRAME_LINE), min(size, b + SCOPE)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _scopes(text: str) -> list[tuple[int, int, str]]:
    """(start, end, frame line) for each frame: the text after a title or introduction that
    names examples, up to the next heading (at most ``SCOPE`` characters); a frame word inside
    a longer line frames the rest of its line."""
    out: list[tuple[int, int, str]] = []
    for m in _FRAME_RE.sparse(text):
        if len(out) >= MAX_FRAMES:
            break  # (a page of thousands of "example"s: the first frames are read)
        if _in_name(text, m.start(), m.end()):
            continue
        # its line, read at most FRAME_LINE back and SCOPE on (a page of one long line)
        lo = max(0, m.start() - FRAME_LINE)
        start = text.rfind("\n", lo, m.start()) + 1 or lo
        end = text.find("\n", m.end(), m.end() + SCOPE)
        end = min(len(text), m.end() + SCOPE) if end < 0 else end
        line = text[start:end] if end - start <= FRAME_LINE and (start or not lo) else ""
        if line and _TITLE_RE.match(line):
            nxt = _HEADING_RE.search(text, end + 1, end + 1 + SCOPE)
            out.append((end, nxt.start() if nxt else min(len(text), end + SCOPE), line))
        else:
            out.append((m.end(), end, text[start : m.end()]))
    return out


def _in_name(text: str, a: int, b: int) -> bool:
    """Is ``text[a:b]`` part of a domain, an address or a path ("alice@family.example")?"""
    before = text[a - 1] if a > 0 else " "
    after = text[b : b + 2]
    return before in _NAME_AROUND or (len(after) == 2 and after[0] in "./" and after[1].isalnum())


def _quoted_in(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The quotes in ``text[lo:hi]`` read as a user's words (none that opens by speaking to an
    agent, none whose line before it does or recommends it)."""
    out: list[tuple[int, int]] = []
    for q in _EXAMPLE_QUOTE_RE.finditer(text, lo, hi):
        a, b = q.span()
        line_start = text.rfind("\n", 0, a) + 1
        if addressed_quote(text[a + 1 : b - 1]) or endorsing_intro(text[line_start:a]):
            continue
        out.append((a, b))
    return out


def _fenced_in(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The lines of a fenced block in ``text[lo:hi]`` (a session of typed requests), none that
    speaks to an agent."""
    out: list[tuple[int, int]] = []
    for f in _FENCE_RE.finditer(text, lo, hi):
        at = f.start(1)
        for line in f.group(1).splitlines(keepends=True):
            body = line.strip()
            if body and not addressed_quote(body):
                out.append((at, at + len(line.rstrip("\n"))))
            at += len(line)
    return out


def _blanked(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    parts: list[str] = []
    last = 0
    for a, b in spans:
        a = max(a, last)
        parts += (text[last:a], " " * max(0, b - a))
        last = max(last, b)
    parts.append(text[last:])
    return "".join(parts)
