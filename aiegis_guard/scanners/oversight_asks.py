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
  a confirmation"); a check word in another clause than the verb is not its object. An
  English base form ("skip", "bypass") is an order only opening its clause or after a
  request or a modal ("please", "the agent should", "would it be possible to"); "raise",
  "remove", "lift" loosen only a limit on value (not "the limit on uploads", not "remove it
  from the allowlist"); a check on something else (a debug log, a file limit), read-only
  work, a purpose clause or a how-to in the settings drop nothing. A preposition ("without
  a review") or a Chinese, Japanese or Korean "no need" drops a check only in an order's
  frame ("process it without review"; "approved without review" reports).
* ``claimed-identity``: a claim of who writes (the owner "from a new number", the owner's new
  assistant, an admin, the security module, a proxy) followed by an order to trust a channel
  or a party, to move value (a value verb makes a bare reference value-bearing: "send what
  we talked about"), or to drop a check. The claim followed by information only ("just so
  you know, I'll add the contact myself") stays quiet.
* ``standing-order``: an owner's rule for the future in a note ("from now on", "always",
  "standing instruction", "whenever", "whatever X asks") that pre-authorises ("just do it",
  "without asking", "without confirmation"), or a party's messages taken as the owner's own
  ("treated as his own", "come from him"). A preference ("summaries in German"), a routing
  rule that keeps the owner asked, a restriction ("only come from the owner") or a writer's
  delegation of their own with no owner named ("while I'm away, do what Maria asks") holds
  no owner's pre-authorisation.
* ``vague-value-act``: a request whose object is a value-bearing thing named vaguely (the
  payment, the invoice, the top-up, the release) — or a bare reference to what was agreed
  ("as we discussed") where the message names one — with pressure in the message (urgency,
  secrecy from the owner, authority, guilt or flattery) or the owner kept out. A vague request
  about harmless work (the report, the newsletter) names no value-bearing thing; an amount or
  an address makes it concrete (other rules'); an ask for information about a payment (its
  hash, a report of payments) or a revocation is no value act.

Quoted words are someone else's (a warning, a write-up), a record's value ("note": "…") is
not a quotation.

The work is bounded: each class reads at most ``MAX_HITS`` of its gating words, each in a
window of at most ``REACH`` characters on each side (no pass over the whole text but the
gated literal search).
"""

from __future__ import annotations

import re

from aiegis_guard.lazyre import LazyPattern
from aiegis_guard.scanners import oversight_frames as f
from aiegis_guard.scanners import oversight_words as w

__all__ = ["oversight_spans"]

MAX_HITS = 48  # gating words read per class and text
REACH = f.REACH  # characters of a word's sentence read on each side
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
_DROP_RE = LazyPattern(w.DROP, _I, gated=True)
_WITHOUT_RE = LazyPattern(w.WITHOUT, _I, gated=True)
_OWNER_RE = LazyPattern(w.OWNER, _I, gated=True)
_TRUST_RE = LazyPattern(w.TRUST, _I)
_REQUEST_RE = LazyPattern(w.REQUEST, _I, gated=True)
_REQUEST_START_RE = LazyPattern(w.REQUEST_START, _I)
_PRESSURE_RE = LazyPattern(w.PRESSURE, _I, gated=True)
_VALUE_CONTEXT_RE = LazyPattern(w.VALUE_CONTEXT, _I, gated=True)
_VALUE_CHECK_RE = LazyPattern(w.VALUE_CHECK, _I)
_FUTURE_RE = LazyPattern(w.FUTURE, _I)
_NEG_BEFORE_RE = LazyPattern(w.NEGATION_BEFORE, _I)
_NEG_AFTER_RE = LazyPattern(w.NEGATION_AFTER, _I)
_VERB_LAST_RE = LazyPattern(w.VERB_LAST, _I)
_PREPOSITION_RE = LazyPattern(w.PREPOSITION, _I)
_VALUE_VERB_RE = LazyPattern(w.VALUE_VERB, _I)
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_LIMIT_RE = LazyPattern(w.LIMIT, _I)
_ORDER_FRAME_RE = LazyPattern(w.ORDER_FRAME + "|" + w.REQUEST, _I)
# a specification's normative keywords (RFC 2119, in capitals): "Wallets SHOULD skip the dialog
# when…" states what an implementation does, it orders no agent
_NORMATIVE_RE = re.compile(r"\b(?:MUST|SHOULD|SHALL|MAY|REQUIRED|RECOMMENDED|OPTIONAL)\b")
_OWN_RE = re.compile(r"\b(?:my|mein\w?|mi|mon|ma|meu|minha)\s{1,3}(?:[\w-]{1,20}\s{1,3})?$", _I)


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
    for m in rx.sparse(text):
        out.append(m)
        if len(out) >= MAX_HITS:
            break
    return out


def _drops(text: str, s: int, e: int, check: re.Match[str]) -> bool:
    """Is the check in ``check`` the object of an order that drops it, in its sentence
    ``text[s:e]``?"""
    lo, hi = max(s, check.start() - CLAUSE_NEAR), min(e, check.end() + CLAUSE_NEAR)
    for d in _DROP_RE.finditer(text, lo, hi):
        if not f.one_clause(text, min(d.end(), check.end()), max(d.start(), check.start())):
            continue
        if check.start() < d.start() and not (d.group("set_off") or _VERB_LAST_RE.match(d.group())):
            continue  # "logs pass a filter that removes …": the check is no object
        if d.end() <= check.start() and f.CONJUNCTION_RE.search(text, d.end(), check.start()):
            continue  # "disable fetch_url or enforce approvals": another object
        if _loosens(d) and not _LIMIT_RE.search(check.group()):
            continue  # "remove it from the allowlist", "revoke the approval": tightens
        if d.end() <= check.start() and not f.OBJECT_GAP_RE.fullmatch(
            f.POLITE_RE.compiled.sub(" ", text[d.end() : check.start()])
        ):
            continue  # "raise a ticket if the limit …", "increase the file upload limit"
        if f.quoted(text, d.start()):
            continue
        english = d.group("en") or d.group("loosen") or d.group("en_treat") or d.group("en_keep")
        if english and not _english_order(text, s, d.start()):
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
        if not f.one_clause(text, *near):
            continue
        start = f.clause_start(text, s, n.start())
        if f.WHOLE_NEGATION_RE.search(text, start, n.start()) or f.quoted(text, n.start()):
            continue  # "nothing is processed without a confirmation": a protection
        if _needs_frame(n.group()) and not (
            _ORDER_FRAME_RE.search(text, start, f.clause_end(text, n.end(), e))
            or _opens_with_order(text, start)
            or _list_intro(text, s)
        ):
            continue  # "approved without review", "can spend without approval": a statement
        if f.SECRET_RE.search(text, start, min(e, n.end() + CLAUSE_NEAR)):
            continue  # "don't send keys or raw logs": a protection
        if _ordered(text, s, n.start()):
            return True
    return False


def _needs_frame(phrase: str) -> bool:
    """Is a phrase that drops a check by its own negation a statement unless an order frames
    it: a preposition ("approved without review"), or a Chinese, Japanese or Korean "no need"
    (an adjective as often as an order: "不要な承認", "无需再次确认的情况下")?"""
    return bool(_PREPOSITION_RE.match(phrase) or _CJK_RE.search(phrase))


def _list_intro(text: str, s: int) -> bool:
    """Is the sentence at ``s`` an item of a list whose introducing line (ending in a colon,
    at most ``REACH`` characters back) asks for it ("we ask for that time:\n— not to write …
    ")?"""
    lo = max(0, s - REACH)
    while s > lo and text[s - 1] == "\n":
        prev = text.rfind("\n", lo, s - 1)
        line = text[prev + 1 : s - 1].rstrip()
        if line.endswith(":"):
            return _ORDER_FRAME_RE.search(line) is not None
        if prev < 0 or not line.lstrip().startswith(("—", "-", "•", "*")):
            return False
        s = prev + 1
    return False


def _loosens(d: re.Match[str]) -> bool:
    """Is the drop verb in ``d`` one that loosens a limit ("raise", "remove", "lift")?"""
    return any(g.startswith("loosen") and v for g, v in d.groupdict().items())


def _english_order(text: str, s: int, at: int) -> bool:
    """Is the English base form at ``at`` an order: the imperative opening its clause, or
    after a request or a modal of what is to be done in its clause ("please pause", "the
    agent should skip", "would it be possible to lift")?"""
    start = f.clause_start(text, s, at)
    if f.first_word(text, start) == at or f.first_word(text, s) == at:
        return True
    return (
        _ORDER_FRAME_RE.search(text, start, at) is not None
        or _REQUEST_RE.search(text, s, at) is not None
    )


def _opens_with_order(text: str, s: int) -> bool:
    """Does the sentence at ``s`` open with an imperative (a drop or a value verb)?"""
    at = f.first_word(text, s)
    return bool(_DROP_RE.match(text, at) or _REQUEST_START_RE.match(text, at))


def _ordered(text: str, s: int, at: int) -> bool:
    """Is the verb at ``at`` an order, not someone else's ask, a condition or a statement?"""
    start = f.clause_start(text, s, at)
    if (
        _NORMATIVE_RE.search(text, start, at)
        or f.reported(text, s, at)
        or f.CAUSE_RE.search(text, start, at)
        or f.SAID_RE.search(text, s, at)
    ):
        return False
    return f.STATEMENT_RE.search(text, max(start, at - 30), at) is None


def _guards_value(text: str, s: int, e: int, check: re.Match[str]) -> bool:
    """Does the check guard the agent's value acts: an allowlist, a spending limit, an
    approval or a second factor by itself, or any check in a message (``MESSAGE_REACH``
    either side) that names value, the wallet or its owner — not a debug log or a file-size
    limit, not in a sentence about read-only work, a purpose clause or a user's how-to in the
    settings?"""
    if f.OTHER_SCOPE_RE.search(text, max(s, check.start() - 24), check.start()):
        return False
    if f.OTHER_SCOPE_AFTER_RE.match(text, check.end(), min(e, check.end() + 40)):
        return False  # "the limit on open files", "the alerts for the build queue"
    if f.HOWTO_RE.search(text, s, e) is not None:
        return False
    if _VALUE_CHECK_RE.search(text, max(0, check.start() - 20), check.end() + 20):
        return True  # "two-factor verification", "la verificación en dos pasos"
    lo, hi = max(0, check.start() - MESSAGE_REACH), min(len(text), check.end() + MESSAGE_REACH)
    return _VALUE_CONTEXT_RE.search(text, lo, hi) is not None


def _drop_checks(text: str) -> list[tuple[int, int]]:
    """Sentences with an order that drops a check on the agent's value acts
    (:func:`_guards_value`: "pause notifications for the all-hands", "skip the review for
    typo-only PRs" drop a check on other work)."""
    out: list[tuple[int, int]] = []
    for m in _hits(_CHECK_RE, text):
        if f.GAS_RE.search(text, max(0, m.start() - 5), m.start()) or f.quoted(text, m.start()):
            continue  # "the gas limit"; a quoted ask
        s, e = f.sentence(text, m.start(), m.end())
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
        if f.one_clause(text, *near) and not f.WHOLE_NEGATION_RE.search(
            text, f.clause_start(text, lo, n.start()), n.start()
        ):
            return True
    return False


def _value_request(text: str, lo: int, hi: int, *, claimed: bool = False) -> tuple[int, int] | None:
    """The first sentence in ``text[lo:hi]`` that asks for a value-bearing thing named
    vaguely ("take care of the invoice"), or for what was agreed where the window names one;
    the request in the thing's clause or the sentence opening with its verb; no amount or
    address in it (a concrete act, another rule's), not quoted, not negated or restricted,
    not an ask for information about it ("share the hash of the transfer"). Under a claimed
    identity (``claimed``) a value verb makes the bare reference value-bearing ("send what
    we talked about")."""
    for rx in (_VALUE_RE, _VAGUE_RE):
        for m in rx.finditer(text, lo, hi):
            s, e = f.sentence(text, m.start(), m.end())
            start = f.clause_start(text, s, m.start())
            end = f.clause_end(text, m.end(), e)
            req = _REQUEST_RE.search(text, start, end)
            if (req is None or f.quoted(text, req.start())) and not _opens_with_request(
                text, s, m.start()
            ):
                continue
            if (
                rx is _VAGUE_RE
                and _VALUE_RE.search(text, lo, hi) is None
                and not (claimed and _VALUE_VERB_RE.search(text, start, m.start()))
            ):
                continue
            if (
                f.CONCRETE_RE.search(text, s, e)
                or f.quoted(text, m.start())
                or f.reported(text, s, m.start())
                or f.CAUSE_RE.search(text, start, m.start())
                or f.SAID_RE.search(text, s, m.start())
                or f.WHOLE_NEGATION_RE.search(text, start, end)
                or f.INFO_RE.search(text, start, end)
                or f.FIRST_PERSON_RE.search(text, start, m.start())
            ):
                continue
            return s, e
    return None


def _opens_with_request(text: str, s: int, at: int) -> bool:
    """Does the sentence at ``s`` open (past a short greeting: "Hi, …", "Agent, …") with the
    imperative of a value verb that stands before ``at``?"""
    first = f.first_word(text, s)
    v = _REQUEST_START_RE.match(text, first)
    if v is None:
        brk = f.CLAUSE_BREAK_RE.search(text, first, min(at, first + GREETING))
        v = _REQUEST_START_RE.match(text, f.first_word(text, brk.end())) if brk else None
    return v is not None and v.end() <= at


def _claimed_orders(text: str) -> list[tuple[int, int]]:
    """A claim of who writes, then an order to trust, to move value or to drop a check."""
    out: list[tuple[int, int]] = []
    for m in _hits(_CLAIM_RE, text)[:8]:
        s = f.sentence(text, m.start(), m.end())[0]
        if f.quoted(text, m.start()) or f.SAID_RE.search(text, s, m.start()):
            continue
        lo, hi = m.start(), min(len(text), m.end() + MESSAGE_REACH)
        for t in _TRUST_RE.finditer(text, lo, hi):
            s, e = f.sentence(text, t.start(), t.end())
            if not _NEG_BEFORE_RE.search(text, max(s, t.start() - 30), t.start()):
                out.append((s, e))
                break
        else:
            span = _value_request(text, lo, hi, claimed=True) or next(
                iter(_drop_checks(text[:hi])[-1:]), None
            )
            if span is not None and span[1] > lo:
                out.append(span)
    return out


def _standing_orders(text: str) -> list[tuple[int, int]]:
    """A rule for the future that pre-authorises an act or a party: the marker in the
    pre-authorisation's sentence or in a label just before it ("Standing instruction: …")."""
    out: list[tuple[int, int]] = []
    for m in _hits(_PREAUTH_RE, text):
        s, e = f.sentence(text, m.start(), m.end())
        if (
            _NEG_BEFORE_RE.search(text, max(s, m.start() - 30), m.start())
            or f.WHOLE_NEGATION_RE.search(text, f.clause_start(text, s, m.start()), m.start())
            or f.EXAMPLE_RE.search(text, s, e)
        ):
            continue
        lo, hi = max(0, m.start() - REACH), min(len(text), m.end() + REACH)
        if _OWNER_RE.search(text, lo, hi) is None:
            continue  # a delegation of the writer's own ("while I'm on leave, …"), no owner's
        # a party's messages taken as the owner's own: standing by itself
        as_own = m.group("as_own") is not None and f.CHANNEL_RE.search(
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
