"""The form of a sentence: whether it states or asks, read where the intent judge's vocabulary
does not settle it (:mod:`.intent_judge` asks these).

* :func:`shares_a_modal` — a verb joined by "and" to one an ability modal governs, whose
  subject holds the secret or is an attacker ("anyone who has your seed phrase can restore the
  wallet … and move all the funds"): what a third party can do, no order;
* :func:`permitted_agent` — a permission given to an agent or bot ("the bot can add 0x… to
  the allowlist"): asked as an order is, where it names the party;
* :func:`own_question` — a question the writer asks of their own doing, opening its sentence
  ("Where do I store the API secret?"): an FAQ's heading, asked of no one;
* :func:`logged` and :func:`stated` — in a language the vocabulary does not parse, a log
  line's head, a ticked task, a perfect or passive, an Indonesian meN- verb, a Japanese
  polite statement: the sentence records or states; a modal, an imperative form or a request
  after it keeps it an ask.

Word lists per language are small and closed (auxiliaries, pronouns, request verbs, log
levels), written for this module from the languages' grammars; each pattern says what it
reads beside it.
"""

from __future__ import annotations

import re

from aiegis_guard.scanners import intent_patterns as p

__all__ = ["logged", "own_question", "permitted_agent", "shares_a_modal", "stated"]


# a verb joined by "and" / "or" to the one before it, and an ability modal before that in its
# sentence ("… can recreate the wallet on any device and move all the funds", "quien la tenga
# puede abrir la billetera y mover todo")
_JOINED_RE = re.compile(r"\s(?:and|or|y|o|e|ou|et|und|oder|и|или|ve|dan|và)\s+$", re.I)
_ABILITY_RE = re.compile(
    r"\b(?:can|could|may|might|(?:is|are|will be) able to|puede|pueden|podría|pode|podem|"
    r"poderá|peut|peuvent|pourrait|kann|können|könnte|può|possono|может|могут|сможет|"
    r"можуть|може|dapat|bisa|có thể)\b",
    re.I,
)
_INDEFINITE = frozenset({"anyone", "anybody", "whoever", "someone", "somebody", "everyone"})
# a permission right before the verb ("can", "may", "is allowed to", "puede", "può", "może")
_PERMIT_END_RE = re.compile(
    r"\b(?:can|may|is (?:allowed|permitted|authori[sz]ed|free) to|are (?:allowed|permitted|"
    r"authori[sz]ed|free) to|puede|pueden|può|possono|może|mogą|kann|können|darf|dürfen|pode|"
    r"podem|peut|peuvent|может|могут|може|можуть)\s+(?:(?:now|also|simply|just|safely|"
    r"directly|ahora|ya|già|anche|już|też|jetzt|auch|agora|também|maintenant|aussi|теперь|"
    r"также)\s+)?$",
    re.I,
)


def _clause_start(text: str, end: int) -> int:
    """Where the clause that ends at ``end`` begins: after a sentence mark, a colon or a line
    break (commas stay inside: "anyone who has the phrase, even a stranger, can…")."""
    return max(text.rfind(c, 0, end) for c in ".;:!?\n") + 1


def permitted_agent(before: str) -> bool:
    """Is the verb after ``before`` one an agent or bot is permitted ("the bot can add 0x… to
    the allowlist", "AI wallet assistants can complete this …", "l'agente firmatario può
    confermare"): a permission given to the reader, as an order is? Not the reader's "you
    can" (docs say what the reader may do), not a negated one ("cannot", "may not")."""
    window = before[-60:]
    permit = _PERMIT_END_RE.search(window)
    if permit is None:
        return False
    subject = window[_clause_start(window, permit.start()) : permit.start()]
    if p.YOU_RE.search(subject) or _JOINED_RE.search(subject + " "):
        return False
    return any(m.group().lower() not in _INDEFINITE for m in p.ADDRESSEE_RE.finditer(subject))


def shares_a_modal(before: str) -> bool:
    """Is the verb after ``before`` the second of two that one ability modal governs, whose
    subject is a third party — one who holds the secret ("Anyone who has your seed phrase can
    restore the wallet … and move all the funds") or an attacker ("an attacker could drain the
    pool and send…"): what they can do, no order? Not a subject that may be the reader or an
    agent ("you can check … and send", "someone with signing rights can approve and
    transfer…", "any holder may verify and withdraw…")."""
    joined = _JOINED_RE.search(before)
    if joined is None:
        return False
    start = _clause_start(before, joined.start())
    modal = _ABILITY_RE.search(before, start, joined.start())
    if modal is None:
        return False
    subject = before[start : modal.start()]
    if _YOU_PRONOUN_RE.search(subject):
        return False
    if any(m.group().lower() not in _INDEFINITE for m in p.ADDRESSEE_RE.finditer(subject)):
        return False
    return _HOSTILE_RE.search(subject) is not None or (
        _HOLDER_RE.search(subject) is not None and _SECRET_WORD_RE.search(subject) is not None
    )


_YOU_PRONOUN_RE = re.compile(r"\b(?:you|tú|vous|du|ты|вы|você|voi|lei)\b", re.IGNORECASE)
_HOSTILE_RE = re.compile(
    r"\b(?:attackers?|scammers?|thie(?:f|ves)|hackers?|criminals?|fraudsters?|phishers?|"
    r"drainers?|malicious|atacantes?|estafadores?|ladr[oó]n(?:es)?|golpistas?|attaquants?|"
    r"escrocs?|voleurs?|angreifer|betrüger|diebe?|мошенник\w*|злоумышленник\w*|хакер\w*)\b|"
    r"攻击者|骗子|黑客|盗贼|詐欺|攻撃者",
    re.IGNORECASE,
)
_HOLDER_RE = re.compile(
    r"\b(?:anyone|anybody|whoever|someone|somebody|quien|cualquiera|alguien|quem|qualquer|"
    r"quiconque|celui qui|wer|jeder|кто|любой|chiunque|chi)\b|任何人|谁",
    re.IGNORECASE,
)
_SECRET_WORD_RE = re.compile(
    r"\b(?:seed|phrase|mnemonic|private key|keys?|recovery|words|password|passphrase|"
    r"frase|semilla|clave|chave|semente|clé|schlüssel|seed-phrase|фраз\w*|ключ\w*|"
    r"сид)\b|助记词|私钥|シード|秘密鍵",
    re.IGNORECASE,
)


# a question the writer asks of their own doing ("Where do I store the API secret?", "Preciso
# compartilhar minha frase de recuperação com os outros donos?", "Muss ich …?"): an FAQ's
# heading, asked of no one; a favour asked of the reader ("Can I have your key?") names them
_OWN_QUESTION_RE = re.compile(
    r"^\W*(?:q\s*[:.]\s*|\d+[.)]\s*)?(?:"
    r"(?:(?:where|what|how|when|why|which|who|whom)\s+(?:\w+\s+){0,2}?)?"
    r"(?:do|does|should|can|could|must|may|shall|would|will|need|am)\s+I\b|"
    r"(?:preciso|devo|posso|tenho que|debo|puedo|tengo que|necesito|dois-je|puis-je|faut-il|"
    r"muss ich|soll ich|kann ich|darf ich|moet ik|kan ik|должен ли я|нужно ли мне|могу ли я|"
    r"czy muszę|czy mogę|musím|mohu)\b|"
    r"我(?:需要|应该|應該|必须|必須|可以|能))",
    re.IGNORECASE,
)


def own_question(full: str) -> bool:
    """Is ``full`` a question the writer asks of their own doing, naming no reader: the
    question opens the sentence (``_OWN_QUESTION_RE``; "Transfer 5 ETH to 0x… now — do I need
    to confirm?" is an order with a question tagged on)?"""
    body = full.rstrip(" \t\n*_\"')»”")
    if not body.endswith(("?", "？")) or p.YOU_RE.search(full):
        return False
    return _OWN_QUESTION_RE.search(full) is not None


# what the sentence's own form says it states, in a language the vocabulary does not parse:
# a log line's head (a time of day, a level: "2026-12-07 20:11:10 INFO  wypłata dla 0x…"); a
# task ticked off ("[x] Revocar aprobación … al router 0x…"); a perfect or passive done
# ("ha pausado …", "a été envoyé", "wurde überwiesen", "è stato trasferito", "foi enviado");
# Indonesian / Malay active verbs (meN-: "Proposal ini mentransfer 25.000 USDC …", where an
# order takes the bare or -kan form); a Japanese polite statement ("…を追加します。") with no
# request in it ("…してください", "お願いします")
_LOG_HEAD_RE = re.compile(
    r"\s*[\[(]?(?:\d{4}-\d{2}-\d{2}[T ])?\d{2}:\d{2}(?::\d{2})?(?:[.,]\d+)?Z?[\])]?\s+"
    r"(?:\[[^\]\n]{1,40}\]\s+)?(?:INFO|WARN(?:ING)?|ERROR|DEBUG|TRACE|NOTICE|FATAL|ИНФО|"
    r"ПРЕДУПР\.?|ОШИБКА|信息|警告|错误|情報|エラー)\b"
)
_TICKED_RE = re.compile(r"\s*(?:[-*]\s*)?\[[xX✓✔]\]\s")
_DONE_RE = re.compile(
    r"\b(?:ha|han|hemos|había|habían|foi|foram|tem sido|tinha|hanno|abbiamo|"
    r"(?:è|sono) stat[oaie])\s+(?:\w+\s+)?\w+(?:ad[oa]s?|id[oa]s?|at[oaie]|it[oaie]|ut[oaie])\b|"
    r"\b(?:ont|avons|avait|avaient|a été|ont été)\s+(?:\w+\s+)?\w+(?:é|ée|és|ées|is|u|us)\b|"
    r"\b(?:wurde|wurden|hat|haben|hatte|hatten)\b[^.!?\n]{0,80}?\bge\w+(?:t|en)\b",
    re.IGNORECASE,
)
# an ask after a perfect: a connector that draws a consequence, a courtesy, or a second
# person's subjunctive ("ha autorizado que transfieras…", "que envíes", "que tu envoies")
_ASK_AFTER_RE = re.compile(
    r"\b(?:así que|por eso|entonces|por lo tanto|por favor|assim|então|portanto|"
    r"quindi|perciò|per favore|donc|alors|s'il (?:te|vous) plaît|also|deshalb|daher|bitte|"
    r"so|therefore|please)\b|\bque\s+(?:tú\s+|tu\s+|você\s+)?\w+(?:es|as|éis|áis)\b|"
    # a request made after it, or the reader addressed ("…wurde gesperrt und wir bitten Sie …
    # zu senden", "…a été bloqué et nous vous prions de déposer", "…foi verificada, pedimos que")
    r"\b(?:bitten|bittet|prions|prie|demandons|pedimos|pido|rogamos|solicitamos|peço|chiediamo|"
    r"chiedo|preghiamo|prosimy|proszę|просим|просимо|vous|você|vocês|usted|ustedes|voi)\b|"
    r"(?-i:\bSie\b)",
    re.IGNORECASE,
)
_MEN_RE = re.compile(
    r"\b(?:men|mem|meng|meny|me)(?:transfer|kirim|bayar|setor|yetor|girim|"
    r"irim|ayar|arik|indahkan|indah)\w*\b",
    re.IGNORECASE,
)
_JA_STATED_RE = re.compile(r"(?:ます|ました|です|でした|ません|ている|ていた)[。\s]*$")
_JA_ASKED_RE = re.compile(
    r"ください|下さい|お願い|願います|すること|せよ|しなさい|して\s*$|"
    # an expectation stated ("…に送ることが前提となっています", "…べきです", "…なければなりません")
    r"ことが前提|前提と|ことになって|こととなって|べき|なければ|義務|求められ"
)


def logged(full: str) -> bool:
    """Is ``full`` a log line or a ticked task: a record of what was done (no prose point, no
    point for agents named around it), unless an imperative form asks in it?"""
    if p.IMPERATIVE_FORMS_RE.search(full):
        return False
    return _LOG_HEAD_RE.match(full) is not None or _TICKED_RE.match(full) is not None


def stated(full: str) -> bool:
    """Does the sentence ``full`` (in a language the vocabulary does not parse) state, by its
    own form, rather than ask (see the patterns above)? A modal keeps it an ask ("los fondos
    deben enviarse a 0x…")."""
    if p.MODAL_RE.search(full) or p.IMPERATIVE_FORMS_RE.search(full):
        return False
    done = _DONE_RE.search(full)
    if done is not None and _ASK_AFTER_RE.search(full, done.end()) is None:
        return True  # ("ya hemos verificado todo, así que manda…" asks after it)
    if _MEN_RE.search(full):
        return True
    body = full.rstrip()
    return _JA_STATED_RE.search(body) is not None and _JA_ASKED_RE.search(body) is None
