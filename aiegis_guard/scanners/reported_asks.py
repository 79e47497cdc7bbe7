"""Reported asks: a directive whose act someone else asks for, not the text's author.

A warning reports what an attacker asks ("Scammers … ask you to send 0.05 ETH to 0x…",
"proszą o przelew … na adres 0x…", "要求用户…转入…", "送金するよう求められる"), what its author
never asks ("we will never ask you to transfer…") and what an owner's agent refused ("a tool
output told me to approve 0x…; I refused"). The act is the complement of an ask verb (ask,
tell, urge, invite, demand, say that …) whose subject is not the author; the intent stage
judges that complement blank (:func:`reported_asks`), the rest of the sentence as before.

An ask is reported when

* it is negated ("we will never ask you to…", "nunca le pediremos…", "决不会要求…");
* its asker, the words of its clause before the verb, names the attacker (a strong frame word
  of :data:`~.intent_words.SCAM_FRAME_WORDS`, not negated: "the fake site asks…", "Penipu …
  meminta Anda…"), or points back at one named just before it ("Fraudulent e-mails are
  circulating. They ask you to…"; a verb that marks a third person — "piden", "просят",
  "proszą", "求められる" — needs no pronoun); or
* a refusal follows it ("…; I refused", "if a page tells you to send funds, refuse").

Never when the author speaks in the asker ("Due to the phishing attack, we ask all users to
move funds to 0x…"), asks politely ("please", "ขอให้", "mohon"), nor for what follows a clause
break or a turn ("…, but send yours to 0x…", "— instead, move funds to…"): the complement ends
at a comma, a semicolon, a colon or a dash (a "that"-clause of indirect speech runs to its
sentence's end, unless a turn word cuts it).

Word lists: dictionary forms of the ask and say verbs, third-person pronouns, first-person
markers and refusal verbs in the languages of :mod:`.intent_words` (English, Spanish,
Portuguese, French, Italian, German, Dutch, Polish, Russian, Ukrainian, Turkish, Arabic,
Chinese, Japanese, Korean, Thai, Indonesian, Hindi, Vietnamese).
"""

from __future__ import annotations

import re
from functools import cache

from aiegis_guard.scanners import intent_patterns as p
from aiegis_guard.scanners import intent_words as w
from aiegis_guard.scanners.refused_quotes import refusal_told

__all__ = ["reported_asks"]

# ask verbs whose complement follows them (SVO and VSO languages), in forms that mark a third
# person or a report ("asks", "asked", "piden", "просят"); "+": a form that is also an
# imperative or a first person ("ask", "pide", "demande", "minta", "ขอให้"), which reports only
# under an asker named in its clause (a frame word or a third-person pronoun)
_ASK_AFTER = {
    "en": "asks asked asking +ask tells told telling +tell urges urged urging +urge invites "
    "invited inviting +invite demands demanded demanding +demand requests requested requesting "
    "+request instructs instructed instructing wants wanted wanting prompts "
    "prompted pushes pushed pushing pressures pressured pressuring tricks tricked tricking lures "
    "lured luring convinces convinced persuades persuaded encourages encouraged directs directed "
    "offers offered offering",
    "es": "piden pidió pidieron pidiendo pedía pedían +pide solicitan solicitó solicitaron "
    "solicitaba +solicita exigen exigió exigieron +exige invitan invitó invitaron +invita instan "
    "instó +insta ruegan +ruega proponen propuso +propone incitan incitó animan",
    "pt": "pedem pediu pediram pedindo pedia pediam +pede solicitam solicitou solicitaram "
    "+solicita exigem exigiu exigiram +exige convidam convidou +convida incentivam incentivou "
    "mandam mandou mandaram orientam orientou propõem propôs induzem induziu",
    "fr": "demandent demandait demandaient demandé demandée +demande proposent proposait "
    "proposaient proposé +propose invitent invitait invité +invite incitent incitait incité "
    "+incite exigent exigeait exigé +exige réclament réclamait réclamé +réclame prient pousse "
    "poussent conseillent enjoignent",
    "it": "chiede chiedono chiedeva chiedevano chiesto richiede richiedono richiedeva invita "
    "invitano invitava esorta esortano pretende pretendono propone propongono proponeva "
    "sollecita sollecitano spinge spingono",
    "de": "bittet bat baten gebeten fordert forderte forderten aufgefordert verlangt verlangte "
    "verlangten ersucht ersuchte drängt drängen drängte lädt lud +bitten +fordern +verlangen",
    "nl": "vraagt vroeg vroegen gevraagd verzoekt verzocht eist eisten geëist dringt drong "
    "nodigt nodigde spoort spoorde roept riep +vragen +verzoeken +eisen",
    "pl": "prosi proszą prosił prosiła prosili prosiły żąda żądają żądał żądali wzywa wzywają "
    "wzywał namawia namawiają namawiał zachęca zachęcają każe każą kazał kazali proponuje "
    "proponują nakłania nakłaniają domaga domagają zaprasza zapraszają",
    "ru": "просит просят просил просила просили требует требуют требовал требовали предлагает "
    "предлагают предлагал предлагали призывает призывают уговаривает уговаривают заставляет "
    "велит велят запрашивает запрашивают запрашивал запрашивали убеждает",
    "uk": "просить просять просив просила просили вимагає вимагають вимагав вимагали пропонує "
    "пропонують пропонував закликає закликають вмовляє вмовляють змушує запитує запитують "
    "запитував",
    "ar": "يطلب يطلبون تطلب طلب طلبوا طلبت يطالب يطالبون تطالب يدعو يدعون تدعو يحث يحثون تحث "
    "يأمر يأمرون يحثك",
    "id": "meminta memintamu memintanya +minta menyuruh +suruh mengajak mendesak menuntut "
    "memerintahkan membujuk menawarkan mengarahkan",
    "vi": "+yêu_cầu +đề_nghị +kêu_gọi +bảo +dụ +mời +đòi +nhờ +thúc_giục +hướng_dẫn",
    "zh": "要求 请求 請求 诱导 誘導 诱骗 誘騙 引导 引導 敦促 催促 邀请 邀請 让你 讓你 让您 讓您 "
    "让用户 讓用戶 叫你 要你 要您 劝你 勸你 骗你 騙你",
    "th": "+ขอให้ เรียกร้อง ชักชวน +ชวน หลอกให้ สั่งให้ บอกให้ เชิญชวน กระตุ้นให้ ร้องขอ",
}
# "that" verbs of indirect speech: their clause runs to the sentence's end ("says that the
# withdrawal is blocked and that, to release it, a fee must be paid to 0x…")
_SAY_AFTER = {
    "en": "says said claims claimed claiming saying tells_you_that told_you_that",
    "es": "dicen dijo dijeron afirma afirman dice_que dicen_que dijo_que dijeron_que "
    "afirma_que afirman_que diciendo_que",
    "pt": "diz dizem disse disseram afirmam diz_que dizem_que disse_que disseram_que "
    "afirma_que afirmam_que dizendo_que",
    "fr": "disent prétend prétendent affirment dit_que disent_que disait_que affirme_que "
    "affirment_que prétend_que prétendent_que",
    "it": "dicono afferma affermano dice_che dicono_che diceva_che afferma_che affermano_che",
    "de": "behauptet behaupten sagt,_dass sagen,_dass behauptet,_dass behaupten,_dass "
    "sagt_dass behauptet_dass",
    "nl": "beweert beweren zegt_dat zeggen_dat beweert_dat beweren_dat",
    "pl": "twierdzi twierdzą mówi,_że mówią,_że twierdzi,_że twierdzą,_że mówi_że mówią_że",
    "ru": "утверждает утверждают говорит,_что говорят,_что утверждает,_что утверждают,_что "
    "пишут,_что",
    "uk": "стверджує стверджують каже,_що кажуть,_що стверджує,_що стверджують,_що пишуть,_що",
    "id": "mengatakan_bahwa bilang_kalau mengklaim_bahwa katanya",
    "vi": "nói_rằng bảo_rằng cho_rằng tuyên_bố_rằng",
    "ar": "يقول_إن يقولون_إن يزعم_أن يزعمون_أن يدعي_أن",
    "zh": "声称 聲稱 谎称 謊稱 说要 說要",
}
# ask verbs whose complement stands before them (SOV: Japanese, Korean, Turkish, Hindi), in
# forms that report another's ask (passive, "-te kuru", a past, a quotative), not the author's
_ASK_BEFORE = {
    "ja": "求められ 求めてくる 求めてき 求めている 求めています 要求しています "
    "求めていた 求めた 要求され 要求してくる "
    "要求してき 要求している 要求した 依頼され 依頼してくる 促され 促してくる 指示され "
    "誘導され 誘導する 言われ と言ってくる と言ってき 頼まれ 迫られ 迫ってくる",
    "ko": "요구하는 요구했 요구한다 요구합니다 요구하며 요구해 요청하는 요청했 요청한다 "
    "달라고 하라고 라고_요구 라는_문자 라는_메시지 라는_메일 라는_연락 라는_글 라는_dm "
    "유도하 유도했 권유하 권유했 종용 부탁하는",
    "tr": "istiyor istiyorlar istedi istediler isteyen isteniyor istenir istendi talep_ediyor "
    "talep_ediyorlar talep_etti talep_ettiler rica_ediyor söylüyor söylüyorlar söyledi "
    "söylediler diyor diyorlar dedi dediler davet_ediyor teşvik_ediyor yönlendiriyor",
    "hi": "कहते_हैं कहता_है कहती_है कह_रहा कह_रहे कह_रही कहा_गया कहा_जाता माँगते मांगते "
    "माँगता मांगता माँग_रहे मांग_रहे अनुरोध_करते आग्रह_करते बोलते_हैं कहकर",
}
# stems of the ask verbs in any person, read only beside a negation ("we will never ask you
# to…", "nous ne vous demanderons jamais", "мы никогда не попросим", "决不会要求")
_ASK_ANY = (
    "ask request demand pedi pede pidi pida pido solicit exig demand chied chiesto "
    "richied bitten bittet gebeten auffordern fordern verlang vrag vraag vroeg popros prosim "
    "prosi prosz wymaga попрос просим просят просит просил просить требова вимага просимо "
    "просять talep طلب نطلب يطلب minta meminta yêu_cầu đề_nghị"
)
_ASK_ANY_UNSPACED = "要求 索要 ขอให้ ขอ माँग मांग"
# a negated ask in a verb-final script, the negation fused to the verb ("求めません", "요구하지 않")
_ASK_NOT = (
    "求めません 求めることはありません 求めることは決してありません 要求しません "
    "要求することはありません 依頼しません お願いしません "
    "요구하지_않 요청하지_않 요구하는_일은_없 요청하는_일은_없 "
    "istemeyiz istemeyeceğiz istemez talep_etmeyiz talep_etmez"
)

# a third person or an indefinite one as the asker ("they", "ils", "alguém", "有人")
_THIRD = (
    "they he she it someone somebody people these those ils elles il elle quelqu'un on ellos "
    "ellas alguien eles elas ele ela alguém sie er jemand man zij ze hij iemand oni one ktoś "
    "они он она кто-то вони він вона хтось onlar biri birisi هم هو هي mereka dia seseorang "
    "ada_yang वे वह कोई họ hắn ai_đó kẻ_đó 他们 他們 他 她 对方 對方 有人 某人 彼ら 相手 그들 "
    "상대 พวกเขา เขา มีคน"
)
# the author speaking: a first person ("we", "our team", "nous", "我们", "저희")
_FIRST = (
    "we i us our my nous je notre nos nosotros nosotras yo nuestro nuestra nós eu nosso nossa "
    "wir ich unser unsere wij ik onze ons my ja nasz nasza nasze мы я наш наша наши ми мій "
    "наша наші biz ben bizim نحن أنا kami kita saya हम मैं हमारी हमारा chúng_tôi tôi"
)
_FIRST_UNSPACED = "我们 我們 我 当社 弊社 私たち 私 我々 저희 우리 제가 เรา ผม ฉัน"
# a refusal after the ask ("I refused", "refuse and tell me", "отказался", "拒绝")
_REFUSAL = (
    "refus declin reject ignor rechaz recus rifiut verweiger abgelehnt lehnte weiger "
    "odmówi odrzuci отказ отклон відмов відхил reddet رفض menolak tolak इनकार अस्वीकार "
    "từ_chối"
)
_REFUSAL_UNSPACED = "拒绝 拒絕 断っ 断り 拒否 거절 거부 ปฏิเสธ"
# a turn that ends a complement ("…, but", "— instead", "; now", "mais", "但是")
_TURN = (
    "but instead however so then now therefore pero sino mas porém entretanto mais cependant "
    "aber sondern jedoch maar echter ale jednak но однако а але проте ama fakat ancak لكن "
    "tapi namun nhưng tuy_nhiên"
)
_TURN_UNSPACED = "但是 但 然而 而是 でも しかし 하지만 그러나 แต่"


def _alt(words: str) -> str:
    return "|".join(re.escape(x.replace("_", " ")) for x in sorted(words.split(), key=len)[::-1])


def _spaced(words: str, stem: bool = False) -> str:
    return r"(?<!\w)(?:" + _alt(words) + (r")\w*" if stem else r")(?!\w)")


@cache
def _asks() -> tuple[re.Pattern[str], frozenset[str]]:
    """The ask and say verbs as one pattern (group ``after``, ``say``, ``before``) and the
    forms that need an asker named in their clause ("+")."""
    after, loose, before = [], set(), []
    for words in _ASK_AFTER.values():
        for x in words.split():
            if x.startswith("+"):
                x = x[1:]
                loose.add(x.replace("_", " "))
            after.append(x)
    before = " ".join(_ASK_BEFORE.values()).split()
    says = " ".join(_SAY_AFTER.values()).split()
    source = "|".join(
        f"(?P<{name}>"
        + _spaced(" ".join(x for x in words if not w.is_unspaced(x[0])), stem)
        + "|"
        + _alt(" ".join(x for x in words if w.is_unspaced(x[0])))
        + ")"
        for name, words, stem in (
            ("say", says, False),
            ("after", after, False),
            ("before", before, True),
        )
    )
    return re.compile(source, re.IGNORECASE), frozenset(loose)


def _words(spaced: str, unspaced: str = "", stem: bool = False) -> re.Pattern[str]:
    source = _spaced(spaced, stem)
    return re.compile(source + ("|" + _alt(unspaced) if unspaced else ""), re.IGNORECASE)


@cache
def _lists() -> dict[str, re.Pattern[str]]:
    please = {x.replace(" ", "_") for lang in _please_words() for x in lang}
    spaced = " ".join(x for x in please if not w.is_unspaced(x[0]) and len(x) > 2)
    return {
        "third": _words(_THIRD),
        "first": _words(_FIRST, _FIRST_UNSPACED),
        "refusal": _words(_REFUSAL, _REFUSAL_UNSPACED, stem=True),
        "turn": _words(_TURN, _TURN_UNSPACED),
        "any": _words(_ASK_ANY, _ASK_ANY_UNSPACED, stem=True),
        "not": _words(
            " ".join(x for x in _ASK_NOT.split() if not w.is_unspaced(x[0])),
            " ".join(x for x in _ASK_NOT.split() if w.is_unspaced(x[0])),
            stem=True,
        ),
        "please": _words(spaced, " ".join(x for x in please if w.is_unspaced(x[0]))),
        "frame": re.compile(w.frame_pattern(), re.IGNORECASE),
    }


def _please_words() -> list[list[str]]:
    """The courtesy words of ``data/handover_i18n.json`` ("please", "mohon", "ขอให้")."""
    import json
    from importlib import resources

    raw = resources.files("aiegis_guard.data").joinpath("handover_i18n.json")
    langs = json.loads(raw.read_text("utf-8"))["languages"]
    return [[x for x in lang.get("please", ()) if len(x) > 1] for lang in langs.values()]


_SENTENCE_END_RE = re.compile(r"[!?\n。！？;；]|\.(?=\s|$)")
_CLAUSE_END_RE = re.compile(r"[!?\n。！？;；:：—–]|\.(?=\s|$)|(?<!\d)[,，、]|[,，、](?!\d)| - ")
_NEGATION_FRAME_RE = re.compile(
    r"(?:\b(?:not|no|non|never|isn't|aren't|wasn't|anti)\W+(?:a\W+|an\W+|the\W+)?|不是|并非|非|反)$",
    re.IGNORECASE,
)
BACK = 400  # characters before an ask read for the attacker a pronoun points back at
REFUSAL_AFTER = 200  # characters after a sentence read for a refusal of its ask


def reported_asks(text: str, spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """The complements of the reported asks (see the module) in the sentences ``spans`` of
    ``text``: what to judge blank."""
    out: list[tuple[int, int]] = []
    pattern, loose = _asks()
    for a, b in spans:
        for m in pattern.finditer(text, a, b):
            found = _reported(text, (a, b), m, m.group().lower() in loose)
            if found is not None:
                out.append(found)
        for m in _lists()["any"].finditer(text, a, b):
            if _negated_ask(text, m, by_author=True):  # "we will never ask you to…"
                out.append(_complement(text, (a, b), m, say=False))
        for m in _lists()["not"].finditer(text, a, b):  # "求めません": its complement before it
            start = max(a, max(text.rfind(c, a, m.start()) for c in _BREAKS) + 1)
            out.append((start, m.end()))
    return tuple(sorted(set(out)))


_BREAKS = ".!?\n。！？;；:："


def _complement(
    text: str, sentence: tuple[int, int], m: re.Match[str], say: bool
) -> tuple[int, int]:
    """From the ask verb ``m`` to the end of its clause (of its sentence for a "that" verb),
    cut at a turn ("but", "instead")."""
    b = sentence[1]
    end = (_SENTENCE_END_RE if say else _CLAUSE_END_RE).search(text, m.end(), b)
    hi = end.start() if end else b
    turn = _lists()["turn"].search(text, m.end(), hi)
    return m.start(), turn.start() if turn else hi


def _reported(
    text: str, sentence: tuple[int, int], m: re.Match[str], loose: bool
) -> tuple[int, int] | None:
    """The complement of the ask ``m`` when the ask is reported, else None."""
    a, b = sentence
    lists = _lists()
    start = max(a, max(text.rfind(c, a, m.start()) for c in _BREAKS) + 1)
    asker = text[start : m.start()]
    if m.lastgroup == "before":  # the complement stands before the verb
        lo, hi = start, m.end()
    else:
        lo, hi = _complement(text, sentence, m, say=m.lastgroup == "say")
    if hi - lo < 4:
        return None
    if _negated_ask(text, m, by_author=loose):  # ("Support never asks"; not "never ask")
        return lo, hi
    if lists["please"].search(text, max(start, m.start() - 24), m.start()):
        return None  # "please ask your agent to…", "mohon minta…": the author asks
    subject = _subject(asker)
    if _named_attacker(subject):
        return lo, hi
    if lists["first"].search(subject):
        return None  # "Due to the phishing wave, we ask all users to…"
    if _points_back(subject, m, loose) and _named_attacker(text[max(0, start - BACK) : start]):
        return lo, hi
    if _refused(text, (start, hi), min(len(text), b + REFUSAL_AFTER)):
        return lo, hi
    return None


def _points_back(subject: str, m: re.Match[str], loose: bool) -> bool:
    """Does the asker point back at someone named before ("they", "someone", "a site", a
    third-person verb with no subject: "Piden…", a verb-final ask: "…求められる"), not at the
    agent's principal ("the user has asked you to…", "ユーザーは…求めている")?"""
    if lists_principal().search(subject):
        return False
    bare = subject.strip(" \t\"'*>-–—(")
    return (
        m.lastgroup == "before"
        or _lists()["third"].match(bare) is not None
        or _INDEFINITE_RE.match(bare) is not None
        or (not bare and not loose)
    )


# an asker introduced as someone unnamed ("a site", "an e-mail", "un faux site", "ein Anruf")
_INDEFINITE_RE = re.compile(
    r"(?:a|an|some|un|une|uno|una|um|uma|ein|eine|einen|een|seorang|sebuah|một|bir)\s",
    re.IGNORECASE,
)
# the agent's principal as the asker: an ask of theirs is no attacker's
_PRINCIPAL = (
    "owner owners user users admin admins administrator operator principal boss manager "
    "propriétaire utilisateur usuario usuário dueño dono besitzer nutzer benutzer eigenaar "
    "gebruiker właściciel użytkownik владелец пользователь власник користувач sahibi "
    "kullanıcı المالك المستخدم pemilik pengguna मालिक उपयोगकर्ता chủ người_dùng"
)
_PRINCIPAL_UNSPACED = (
    "主人 所有者 用户 用戶 管理员 オーナー ユーザー 管理者 소유자 사용자 관리자 เจ้าของ ผู้ใช้"
)


@cache
def lists_principal() -> re.Pattern[str]:
    return _words(_PRINCIPAL, _PRINCIPAL_UNSPACED)


def _refused(text: str, ask: tuple[int, int], until: int) -> bool:
    """Is the ask refused after it, by the author ("…; I refused", "Saya menolak") or as the
    author tells for the case it opens ("If a page tells you to send funds, refuse")? A
    system's "requests without it are rejected" refuses nothing reported."""
    if refusal_told(text, ask[1], until):
        return True  # "…minta saya memindahkan… Saya tidak melakukannya."
    lists = _lists()
    conditional = _IF_RE.match(text, ask[0]) is not None
    for r in lists["refusal"].finditer(text, ask[1], until):
        before = text[max(ask[1], r.start() - 16) : r.start()]
        if lists["first"].search(before) or (conditional and _OPENS_CLAUSE_RE.search(before)):
            return True
    return False


# a condition that opens the ask's clause ("if", "si", "wenn", "если", "如果", "jika")
_IF_RE = re.compile(
    r"\s*(?:if|when|whenever|should|si|cuando|quand|wenn|falls|als|se|quando|jeśli|jeżeli|gdy|"
    r"если|когда|якщо|коли|eğer|إذا|إن|jika|kalau|apabila|nếu|khi|अगर|यदि|如果|若|もし|만약|ถ้า)"
    r"(?!\w)",
    re.IGNORECASE,
)
_OPENS_CLAUSE_RE = re.compile(r"[,，、;；:：—–]\s*$|\bthen\s+$")


def _subject(asker: str) -> str:
    """The words that name the asker: the last of its comma-separated parts ("Due to the
    phishing wave, the team asks" → "the team"), the first when the verb follows a comma
    ("Scammers, posing as support, ask" → "Scammers")."""
    parts = re.split(r"(?<!\d)[,，、]|[,，、](?!\d)", asker)
    return parts[-1] if parts[-1].strip() or len(parts) == 1 else parts[0]


def _negated_ask(text: str, m: re.Match[str], *, by_author: bool = False) -> bool:
    """Is the ask at ``m`` negated in its own clause ("never asks", "ne vous demanderons
    jamais", "bitten Sie niemals")? ``by_author``: a verb form that does not mark its person
    ("ask", "pedi…") counts only with the author or no one as its subject ("we will never ask",
    "our team never asks", "nunca pediremos", "nobody will ask"), not as a prohibition to the
    reader ("Never ask the owner…", "Make sure not to tell the owner…")."""
    lo = max(0, m.start() - 40)
    lo = max(lo, max(text.rfind(c, lo, m.start()) for c in _BREAKS) + 1)
    neg = p.NEGATED_RE.search(text[lo : m.start()])
    if neg is None and _NOT_AFTER_RE.match(text, m.end()) is None:
        return False
    if not by_author:
        return True
    clause = max(0, max(text.rfind(c, 0, m.start()) for c in _BREAKS) + 1)
    word = re.match(r"\w*", text[m.end() :])
    ending = (m.group() + (word.group() if word else "")).lower()
    return bool(
        _lists()["first"].search(text, clause, m.start())
        or ending.endswith(_WE_ENDINGS)
        or _NO_ONE_RE.search(text, clause, m.start())
    )


# a verb's first person plural ("pediremos", "demanderons", "chiederemo", "poprosimy",
# "попросим", "попросимо")
_WE_ENDINGS = ("mos", "emo", "iamo", "ons", "imy", "emy", "ymy", "им", "ем", "имо", "емо")
_NO_ONE_RE = re.compile(
    r"\b(?:no one|nobody|no-one|nadie|ninguém|personne|nessuno|niemand|nikt|никто|ніхто|"
    r"hiç kimse|tidak ada yang|không ai|कोई नहीं)\b|没有人|没人|誰も|아무도|ไม่มีใคร",
    re.IGNORECASE,
)


_NOT_AFTER_RE = re.compile(
    r"\s+(?:[^\W\d_]+\s+)?(?:jamais|pas|nie|nicht|niemals|never|nunca|mai|nigdy|nooit|никогда|"
    r"ніколи)\b",
    re.IGNORECASE,
)


def _named_attacker(words: str) -> bool:
    """Does ``words`` name an attacker (a strong frame word, not negated, before any first
    person: "scammers", "the fake site", "penipu … kami", not "we warn of scammers")?"""
    first = _lists()["first"].search(words)
    for m in _lists()["frame"].finditer(words):
        if first is not None and first.start() < m.start():
            return False
        if _genre(m.group()) or _NEGATION_FRAME_RE.search(words[: m.start()]):
            continue
        return True
    return False


@cache
def _genres() -> tuple[tuple[str, bool], ...]:
    """The frame words that name a write-up's genre or its authors (researchers, an advisory,
    a payload: :data:`~.intent_words.WEAK_FRAME_WORDS` and the lexicon's genre words), as
    (stem, takes any ending): no attacker of their own ("This advisory asks all users to…")."""
    words = [(x.rstrip("*").replace("_", " "), x.endswith("*")) for x in w.WEAK_FRAME_WORDS.split()]
    return (*words, *((g, len(g) >= w.I18N_STEM) for g in w._i18n_frames(("genre",))))


def _genre(word: str) -> bool:
    word = word.lower()
    return any(word == stem or (any_end and word.startswith(stem)) for stem, any_end in _genres())
