"""Aim: does a text point an instruction anywhere, or only talk about wallets?

The classifier learnt wallet words from wallet attacks, and the drainer phrases name what
explanations name too (approvals, permits, sweeps). On prose about wallets that points nowhere
(:func:`mentions_only`: no address or amount, no agents addressed, no earlier instructions
overridden) their findings need more: the classifier's score is no finding, a drainer phrase
needs its sentence to ask for an act (:func:`asks_at`, the intent stage's parse).
"""

from __future__ import annotations

import re

from aiegis_guard.scanners import intent_patterns as p
from aiegis_guard.scanners.intent_aside import own_rescue
from aiegis_guard.scanners.intent_judge import has_recipient, judge, reference_entry
from aiegis_guard.scanners.reported import unquoted
from aiegis_guard.textcache import digest_cached

__all__ = [
    "aimed",
    "asks_at",
    "in_reference_entry",
    "mentions_only",
    "rescues_at",
    "sentence_asks",
    "wallet_talk",
]

_SELECTOR = re.compile(r"0x[0-9a-f]{8}", re.IGNORECASE)  # a function selector: no target
# how large an approval is ("an unlimited approval", "无限授权"): what explainers of approvals are
# about, no place the text points to (a directive to grant one is still judged where it stands)
_UNBOUNDED = re.compile(
    r"unlimited|infinite|máxim[ao]|ilimitad[ao]|illimité|unbegrenzt|безлимит\w*|无限|"
    r"max(?:imum)? (?:amount|permission|allowance)",
    re.IGNORECASE,
)

# the whole balance named with no place or amount ("all the funds", "todos tus fondos", "全部"):
# an explainer says who can take it ("anyone with the phrase can move all the funds"); it aims
# only where its sentence asks for the move
_WHOLE = re.compile(
    r"all (?:of )?(?:your |the |remaining )*(?:funds|tokens|balance|assets|eth|usdc|sol)|"
    r"entire (?:balance|wallet)|full balance|todos? (?:los|o) (?:fondos|saldo)|"
    r"tout (?:le|les) (?:solde|fonds)|all(?:e|es)? (?:guthaben|mittel)|все средства|"
    r"весь баланс|все деньги|所有资金|全部余额|全部",
    re.IGNORECASE,
)


def aimed(text: str) -> bool:
    """Does ``text`` point an instruction anywhere: a target (an address, an amount, a new
    wallet; "all funds" in a sentence that asks for the move), a recipient, agents or bots
    addressed, or earlier instructions overridden? Prose that only *talks about* wallets, keys,
    permits or approvals does none of these. A claim of authority is no aim: warnings name the
    support team too."""
    if has_recipient(text) or p.OVERRIDE_RE.search(text):
        return True
    if any(not (_named_only(text, m) or _holder(text, m)) for m in p.ADDRESSEE_RE.finditer(text)):
        return True
    return any(
        not (_SELECTOR.fullmatch(m.group()) or _UNBOUNDED.fullmatch(m.group()))
        and (_WHOLE.fullmatch(m.group()) is None or sentence_asks(text, m.start(), m.end()))
        for m in p.TARGET_RE.finditer(text)
    )


# an addressee word used as a term, not spoken to: a quoted term or a call's argument (an
# "operator", "setApprovalForAll(operator, false)"), or a compound's last part ("MEV-bot";
# "AI-agents" is spoken to). "(Agents)" in a heading and "anyone who knows the phrase" are.
_QUOTES = frozenset("\"'`“‘")
_CLOSERS = frozenset("\"'`”’")
_AI_PREFIX_RE = re.compile(r"(?:ai|ki|ии|ші|llm|ia)-$", re.IGNORECASE)


# "anyone who has your seed phrase", "whoever gets the private key": a holder of the wallet's
# secret, of whom an explainer says what they can do — no one spoken to ("anyone who knows the
# phrase 'sunrise'" may be: a pass phrase planted in memory)
_HOLDER_OF_SECRET_RE = re.compile(
    r"\s+(?:who|that|with)\b[^.;:!?\n]{0,50}?\b(?:seed|mnemonic|private keys?|recovery "
    r"(?:phrase|words)|secret (?:phrase|key|recovery phrase))\b",
    re.IGNORECASE,
)
_HOLDERS = frozenset({"anyone", "anybody", "whoever", "someone", "somebody"})


def _holder(text: str, m: re.Match[str]) -> bool:
    """Is the addressee word at ``m`` an indefinite holder of the secret ("anyone who has
    your seed phrase can…")?"""
    return m.group().lower() in _HOLDERS and _HOLDER_OF_SECRET_RE.match(text, m.end()) is not None


def _named_only(text: str, m: re.Match[str]) -> bool:
    """Is the addressee word at ``m`` named as a term, not spoken to?"""
    a, b = m.span()
    before, after = text[a - 1 : a], text[b : b + 1]
    if (before in _QUOTES and after in _CLOSERS) or (before == "(" and after == ","):
        return True
    if before == "-" and a >= 2 and text[a - 2].isalnum():
        return _AI_PREFIX_RE.search(text, max(0, a - 4), a) is None
    return False


def mentions_only(text: str) -> bool:
    """Text about wallets that points nowhere (:func:`wallet_talk` without :func:`aimed`):
    an explanation, a warning, docs. The classifier's score is no finding on it: the model
    learnt wallet words from wallet attacks. What a warning quotes (:mod:`.reported`) is not
    where it points."""
    return wallet_talk(text) and not aimed(unquoted(text))


def asks_at(text: str, start: int, end: int) -> bool:
    """Does the sentence holding ``text[start:end]`` ask anyone to act (a directive of any
    score: "Sign this message to claim…", "call fastSend() instead")? A description ("the
    holder signs an EIP-712 message"), a changelog line, a heading or a question to the reader
    ("Does the pop-up say approve or permit?") does not; a polite request ("Could you sign…?")
    does. In a document that speaks of the reader's app, contract, users or SDK
    (``_DEVELOPER_RE``) the steps are the developer's: none asks the agent."""
    if not sentence_asks(text, start, end):
        return False
    # developer docs ("Before your app can use Permit2, the user must approve…"; "2. Sign the
    # permit with the owner's key. 3. Pass v, r, s to your contract"): their steps are the
    # developer's, in a document that names no address and addresses no agent
    return not _developer_doc(text)


@digest_cached(maxsize=8)
def _developer_doc(text: str) -> bool:
    """Does ``text`` speak of the reader's app, contract, users or SDK (``_DEVELOPER_RE``)?
    Read once per text: :func:`asks_at` is asked for every phrase hit of a document (a page
    of 350 "approve … without asking" lines searched the whole page 350 times, 1.1 s per
    20 KB)."""
    return _DEVELOPER_RE.search(text) is not None


def sentence_asks(text: str, start: int, end: int) -> bool:
    """Does the sentence holding ``text[start:end]`` ask anyone to act (a directive of any
    score; a polite question "Could you sign…?" asks, a question to the reader does not),
    whatever the rest of the document does?"""
    sentence = _sentence(text, start, end)
    if sentence.rstrip().endswith(("?", "？")) and not _REQUEST_RE.match(sentence):
        return False
    return judge(sentence) is not None


def _bounds(
    text: str, start: int, end: int, stops: tuple[str, ...] = tuple(".!?\n。！？")
) -> tuple[int, int]:
    lo = max((text.rfind(c, 0, start) for c in stops), default=-1) + 1
    ends = [i for c in stops if (i := text.find(c, end)) != -1]
    return lo, min(ends) + 1 if ends else len(text)


_SPACED_STOPS = (". ", "!", "?", "\n", "。", "！", "？")  # "revoke.cash" ends no sentence


def _sentence(text: str, start: int, end: int) -> str:
    lo, hi = _bounds(text, start, end)
    return text[lo:hi]


def rescues_at(text: str, start: int, end: int) -> bool:
    """Does the sentence holding ``text[start:end]`` move value to a wallet the reader makes
    or controls, naming no recipient (:func:`~.intent_aside.own_rescue`: "If you already
    entered your words, make a new wallet immediately and move everything that's left")?
    Hurry and "move everything" are then the victim's rescue, not a sweep."""
    lo, hi = _bounds(text, start, end, _SPACED_STOPS)
    # where the value goes is named after the phrase ("@kevin_r if that was your phrase, …
    # move everything to it" names the reader, not a recipient)
    return own_rescue(text[lo:hi]) and not has_recipient(text[start:hi])


def in_reference_entry(text: str, at: int) -> bool:
    """Is ``text[at]`` on a reference entry's line (a command or function in a code span, a
    dash and what it does: "`cast wallet private-key` — decrypt a keystore and print its
    private key"; a chat bot's help line: "/export — shows your bot wallet's private key ONE
    time")? Docs describe what a command does; they do not ask the reader to run it. (The
    intent stage still judges a bot's help line: "/verify — send your seed to @x" asks.)"""
    start = text.rfind("\n", 0, at) + 1
    if not (reference_entry(text, start) or _BOT_HELP_RE.match(text, start) is not None):
        return False
    # the exemption covers the description (its first clause), not a clause after it that
    # asks ("/export — prints your key; send it to @helpdesk", "… ONE time. Run /export now and
    # paste the result in this chat.")
    end = text.find("\n", at)
    end = len(text) if end < 0 else end
    brk = _CLAUSE_END_RE.search(text, start, end)
    if brk is None:
        return True
    return brk.start() >= at and not any(
        _REFUSED_RE.search(text, max(brk.end(), m.start() - 16), m.start()) is None
        for m in _HANDOVER_RE.finditer(text, brk.end(), end)
    )


# where a reference entry's description ends ("ONE time. Run…", "private key; send it…")
_CLAUSE_END_RE = re.compile(r"[.;!?](?=\s)")
# a clause after it that hands something over or runs the command for someone
_HANDOVER_RE = re.compile(
    r"\b(?:paste|send|share|post|submit|reply|dm|forward|give|upload|copy|enter|type|provide|"
    r"drop|attach)\b",
    re.IGNORECASE,
)
# "never share it", "do not paste it anywhere": a warning, no ask
_REFUSED_RE = re.compile(r"\b(?:never|not|no)\b[^.;!?]*$|n['’]t\s+$", re.IGNORECASE)


# a chat bot's help line: the command, its <arguments>, a dash and what it does
_BOT_HELP_RE = re.compile(r"[ \t]*/[a-z][a-z0-9_]{1,31}(?:[ \t]+<[^<>\n]{1,40}>)*[ \t]+[—–-][ \t]")


_REQUEST_RE = re.compile(r"\W*(?:can|could|would|will)\s+you\b", re.IGNORECASE)
# a sentence of developer docs: it speaks of the reader's app, contract or users, or of the
# SDK ("Before your app can use Permit2, the user must approve…", "En el SDK, llama a
# `approve(…)`"). Only asked in a document that points nowhere (:func:`mentions_only`): a
# poisoned README that addresses agents or names an address is judged as before.
_DEVELOPER_RE = re.compile(
    r"\b(?:your|tu|su|sua|seu|votre|ta|ton|ihre?|deine?)\s+(?:own\s+)?(?:d?apps?|application|"
    r"aplicaci[oó]n|aplicativo|contracts?|contrato|contrat|vertrag|frontend|front-end|backend|"
    r"integration|integraci[oó]n|users|usuarios|usu[aá]rios|utilisateurs|nutzer)\b|"
    r"\b(?:in|en|no|dans|im|with)\s+(?:the\s+|el\s+|o\s+|le\s+|l')?SDK\b|在\s?SDK\s?中|"
    r"(?:你的|您的)(?:应用|應用|合约|合約|前端)",
    re.IGNORECASE,
)


def wallet_talk(text: str) -> bool:
    """Does ``text`` talk about wallets, keys, tokens or transactions (in any covered
    language)? The classifier learnt these words from wallet attacks: on such prose its
    score needs an aim (:func:`aimed`) to be a finding."""
    return p.WALLET_TALK_RE.search(text) is not None
