"""Requests and key nouns of the languages whose bare "key" :mod:`.secret_turns` reads but whose
verbs the English / Romance / Germanic / Slavic request list does not hold: Swedish, Danish,
Norwegian, Finnish, Hungarian, Romanian, Greek, Arabic, Turkish, Czech.

* :data:`FOREIGN_REQUEST_RE`: a request to send, give, share, paste, show or post, in the
  forms a chat asks with: the imperative ("Skicka nyckeln", "Pošli mi klíč", "Στείλε μου"),
  the second person and its question ("Kan du skicka", "gönderebilir misin", "Îmi trimiți",
  "Μου στέλνεις"), the polite conditional ("Elküldenéd", "lähettäisitkö"), the infinitive
  after a modal ("Voitko lähettää", "Můžeš mi poslat", "هل يمكنك إرسال"). Forms from the
  conjugation tables of Wiktionary (sv skicka, fi lähettää, ro a trimite, el στέλνω, ar
  أرسل, tr göndermek, cs poslat) and the regular paradigms of the same verb classes.
* :data:`KEY_NOUN_FORMS`: the inflections of those languages' "key" that a request names the
  key by: definite (sv "nyckeln", da "nøglen", no "nøkkelen"), object and possessive (fi
  "avaimen", hu "kulcsát", tr "anahtarını"), case forms (ro "cheii", el "κλειδιού", cs
  "klíče"), the article glued on (ar "المفتاح").
* :data:`LOCK_KEYS_RE`: a lock's key, not a wallet's: a house's, a flat's, a door's, a car's,
  an office's ("nyckeln till huset", "a ház kulcsát", "κλειδί του σπιτιού", "مفتاح البيت").
* :func:`is_question`: a question mark of any of those scripts: "?", the full-width "？", the
  Arabic "؟", and the Greek question mark ";" (U+037E, which NFKC makes the semicolon) after
  Greek words.
"""

from __future__ import annotations

import re

from aiegis_guard.lazyre import LazyPattern

__all__ = [
    "FOREIGN_REQUEST_RE", "KEY_NOUN_FORMS", "LOCK_KEYS_RE", "is_question",
]  # fmt: skip

_REQUESTS = (
    # sv: skicka (group 1: imperative = stem, present -r), ge mig, dela med, visa mig, klistra in
    r"skicka[rdt]?", r"skickade", r"ge\s+mig", r"ger\s+du", r"dela\s+med", r"delar\s+du",
    r"visa\s+mig", r"visar\s+du", r"klistra[rt]?\s+in", r"posta[rt]?", r"mejla[rt]?", r"maila[rt]?",
    # da / no: sende (imperative send, already English), giv / gi mig / meg, vis mig / meg,
    # indsæt (da paste), lim inn (no paste), del med
    r"sender\s+du", r"giv\s+mig", r"give\s+mig", r"gi\s+meg", r"gir\s+du", r"vis\s+m[ie]g",
    r"vise\s+m[ie]g", r"inds[æa]t(?:te)?", r"lim(?:e)?\s+inn", r"del\s+med\s+m[ie]g",
    r"dele\s+med\s+m[ie]g",
    # fi: lähettää (lähetä, lähetätkö, lähettäisitkö, lähettää), antaa (anna, annatko,
    # antaisitko), jakaa (jaatko, jakaisitko), liittää (liitä), näyttää (näytä)
    r"lähet\w*", r"lahet\w*", r"anna(?:tko|kaa)?", r"antaisit(?:ko)?", r"antaa", r"jaatko",
    r"jakaisit(?:ko)?", r"jakaa", r"liitä(?:tkö)?", r"liittäisit(?:kö)?", r"liittää",
    r"näytä(?:tkö)?", r"näyttäisit(?:kö)?",
    # hu: (el)küld (küldd, küldj, küldöd, (el)küldenéd), ad (add meg / ide / át, adnád,
    # odaadnád, megadnád), megoszt (oszd meg, megosztanád), beilleszt (illeszd be), mutat
    r"(?:el)?küld\w*", r"add\s+(?:meg|ide|át|oda)", r"(?:oda|meg|át)?adnád", r"adnál",
    r"oszd\s+meg", r"megosztanád", r"illeszd\s+be", r"beillesztenéd", r"mutasd\w*",
    r"(?:meg)?mutatnád",
    # ro: a trimite (trimit, trimiți, trimite-mi, trimiteți, trimis), a da (dă-mi, dați-mi,
    # îmi dai), a partaja, a lipi (lipește), a arăta (arată-mi)
    r"trimi[tțţs]\w*", r"d[ăa]-mi", r"da[țţt]i-mi", r"(?:[îi]mi|-mi)\s+da[iț]", r"partaj\w*",
    r"lipe[șş]te", r"lipi[țţ]i", r"arat[ăa]-mi", r"ar[ăa]ta[țţ]i-mi",
    # el: στέλνω (στείλε, στείλτε, στέλνεις, να στείλεις), δίνω (δώσε, δώστε, δίνεις),
    # μοιράζομαι (μοιράσου), επικολλώ (επικόλλησε), δείχνω (δείξε, δείχνεις)
    r"στ[εέ][ιί]λ\w*", r"στ[εέ]λν\w*", r"δ[ωώ]σ[εέτ]\w*", r"δ[ιί]νεις", r"δ[ιί]νετε",
    r"μοιρ[αά]σ\w*", r"επικ[οό]λλ\w*", r"δε[ιί]ξ\w*", r"δε[ιί]χνεις",
    # ar: أرسل (إرسال, ترسل, أرسلي), أعطى (أعطني), شارك (تشارك), لصق (الصق), أرى (أرني)
    r"[وف]?[أاإ]رس(?:ا)?ل\w*", r"[وف]?[تي]رسل\w*", r"[وف]?[أا]عط\w*", r"[وف]?تعطي\w*",
    r"[وف]?ت?شارك\w*", r"[وف]?[اأ]لصق\w*", r"[وف]?[أا]رني",
    # tr: göndermek (gönder, gönderir misin, gönderebilir misin, gönderin), yollamak,
    # vermek (ver, verir misin, verebilir misin, verin, versene), paylaşmak, yapıştırmak,
    # göstermek
    r"gönder\w*", r"gonder\w*", r"yolla\w*", r"ver\s+(?:bana|bize)", r"bana\s+ver\w*",
    r"verir\s+mi(?:sin|siniz)", r"verebilir\w*", r"versene", r"verin(?:iz)?",
    r"payla[şs]\w*", r"yap[ıi][şs]t[ıi]r\w*", r"göster\w*",
    # cs: poslat (pošli, pošleš, pošlete), dát (dej, dejte, dáš), sdílet (sdílej, nasdílej),
    # vložit (vlož, vložte), ukázat (ukaž, ukážeš)
    r"pošl\w*", r"poslat", r"posílej\w*", r"dej(?:te)?", r"dáš", r"dát",
    r"(?:na)?sdíle\w*", r"(?:na)?sdílej\w*", r"vlož\w*", r"ukaž\w*", r"ukáž\w*",
)  # fmt: skip
FOREIGN_REQUEST_RE = LazyPattern(r"(?i)\b(?:" + "|".join(_REQUESTS) + r")\b")

KEY_NOUN_FORMS = (
    "nyckeln", "nycklar", "nycklarna", "nøglen", "nøgler", "nøglerne", "nøkkelen", "nøklen",
    "nøkler", "nøklene", "avaimen", "avaimet", "avainta", "avaimesi", "avaimia", "kulcsát",
    "kulcsot", "kulcsa", "kulcsod", "kulcsodat", "kulcsokat", "cheii", "cheile", "anahtarı",
    "anahtarın", "anahtarını", "anahtarınızı", "anahtarları",
    # Turkish "ı" as the text's normal form spells it (a confusable of "i")
    "anahtari", "anahtarin", "anahtarini", "anahtarinizi", "anahtarlari", "κλειδιού", "κλειδιά",
    "المفتاح", "مفتاحك", "klíče", "klíčem", "klíči",
)  # fmt: skip

# a lock's key named beside the noun: house / home, flat, door, car, office, garage, in sv,
# da / no, fi, hu, ro, el, ar, tr, cs (stems and the case endings a key's owner takes)
_LOCKS = (
    r"hus(?:et|ets)?", r"lägenhet\w*", r"dörr\w*", r"bil(?:en|ens)?", r"kontor(?:et)?",
    r"garage(?:t|n)?", r"lejlighed\w*", r"leilighet\w*", r"d[øo]r(?:en)?", r"talo(?:n|on)?",
    r"asunno(?:n|ssa)", r"ov(?:i|en)", r"auton", r"toimisto(?:n)?", r"ház\w*", r"lakás\w*",
    r"ajtó\w*", r"autó\w*", r"irodá\w*", r"cas(?:a|ei|ă)", r"apartament\w*", r"u[șş](?:a|ii|ă)",
    r"ma[șş]in\w*", r"birou\w*", r"σπ[ιί]τι\w*", r"διαμερ[ιί]σματ\w*", r"π[οό]ρτα\w*",
    r"αυτοκ[ιί]νητ\w*", r"γραφε[ιί]\w*", r"(?:ال)?بيت", r"(?:ال)?منزل", r"(?:ال)?شقة",
    r"(?:ال)?باب", r"(?:ال)?سيارة", r"ev(?:in|e|i)?", r"daire\w*", r"kap[ıi](?:n[ıi]n)?",
    r"araba\w*", r"dom(?:u|ov\w*)?", r"bytu", r"dveř\w*", r"auta", r"kanceláře",
)  # fmt: skip
LOCK_KEYS_RE = LazyPattern(r"(?i)\b(?:" + "|".join(_LOCKS) + r")\b")

# the Greek question mark (U+037E, or the semicolon NFKC makes of it) ending a Greek sentence
_GREEK_QUESTION_RE = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff][^;\u037e\n]{0,3}[;\u037e]")


def is_question(said: str) -> bool:
    """``said`` asks a question: a question mark of Latin, CJK, Arabic or Greek script."""
    return "?" in said or "？" in said or "؟" in said or _GREEK_QUESTION_RE.search(said) is not None
