"""Chat messages as agent payloads carry them: a secret asked for in one message, given alone
in a later one.

Used by :mod:`aiegis_guard.scanners.evm_keys` and :mod:`aiegis_guard.scanners.keystores`. A
chat inside an agent's payload (an OpenAI or Anthropic message array, a coding agent's session
JSONL, a LangGraph checkpoint) writes each message as a JSON string field (``"content": ".."``,
``"text": ".."``), one after another; compact or pretty-printed, its lines say nothing of where
a message ends, so the words before a value are the payload's field names, not what was said.

* :func:`asked_before`: a value that is the whole of its message (a word or two around it:
  "use <hex>") answers the message before it: when that message ends on a key's name ("I need
  a funded deployer key"), the value is one. A tool's result is no answer ("rotate the signer
  key" then a tool message with the transaction's hash). The word nearest the end of the
  previous message decides, as the words before a value do
  (:func:`~.key_words.classify_window`): "what is the tx hash?" names a hash. That message
  must *ask for* the key (:func:`asks_key`): a clause that names a key under a negation
  ("never share your seed phrase or private key", "not your signing key") is passed over,
  and the clause that then decides must sit in a sentence holding a request ("send", "paste",
  "I need", "what's"); a warning or a report ("keep your key safe", "I rotated the signer
  key") asks for nothing.
* :func:`asked_in_chat`: the same in a chat copied with its client's headers ("[09:41] Jonas:
  ..", :mod:`.secret_messages`): a message that is a value and a few words ("Klar, hier:
  <hex>") answers the nearest message of another speaker within six lines above it that names
  a key or a hash (lines that name nothing, "lol" / "+1", are passed over); that message asks
  for a key as above, or asks a question ("?") with a request naming a key in a script the
  ASCII words cannot read ("Kannst du mir den Schlüssel für das Testwallet schicken?") or by
  a bare noun of another language ("Tu peux m'envoyer la clé du wallet de test ?"). A key
  named as given out already ("the key you registered", "your published key") is its public
  half: asked for, it asks for no secret.
* :func:`messages_after`: the next messages after a place (a keystore's password asked for,
  then sent alone two messages later).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from aiegis_guard.lazyre import LazyPattern
from aiegis_guard.scanners.key_scripts import FOREIGN_KEY_WORDS, FOREIGN_PUBLIC
from aiegis_guard.scanners.key_words import (
    ROLE_WORDS,
    classify_window,
    foreign_hash_word,
    foreign_key_word,
)
from aiegis_guard.scanners.request_words import (
    FOREIGN_REQUEST_RE,
    KEY_NOUN_FORMS,
    LOCK_KEYS_RE,
    is_question,
)
from aiegis_guard.scanners.secret_messages import answer_header, messages_above

__all__ = ["asked_before", "asked_in_chat", "asks_key", "messages_after"]

# a message's text as a JSON string field (JSON escapes inside; a JSON string inside a JSON
# string is one field of the outer message, not a message of its own)
_FIELDS = ('"content"', '"text"', '"message"', '"body"', '"prompt"', '"query"')
_MESSAGE_RE = LazyPattern(
    r'"(?:content|text|message|body|prompt|query)"[ \t]*:[ \t]*"'
    r'(?P<v>(?:[^"\\\r\n]|\\.){0,4000})"'
)
# the opening of the message field whose text holds a value, a few characters before it
_OPENED_RE = LazyPattern(
    r'"(?:content|text|message|body|prompt|query)"[ \t]*:[ \t]*"(?:[^"\\\r\n]|\\.){0,24}$'
)
_OPEN_REACH = 48  # the field's name and at most LEAD_MAX characters of the message
MESSAGE_REACH = 1500  # characters before a value searched for its message and the one before
LEAD_MAX = 24  # characters of a message around the value it gives ("use ", "here: ", " thx")
LEAD_WORDS = 3
ASKED_TAIL = 120  # characters of the message before read for the key's name
_VALUE_ONLY_RE = re.compile(r"[\s\W]*(?:0[xX])?[0-9a-fA-F]*[\s\W]*")
MAX_FIELDS_TRIED = 8  # fields before a message read for the one before it
# a tool's result in the payloads' own words: OpenAI's role "tool" / "function" and Responses'
# "function_call_output", Anthropic's "tool_result" block
_TOOL_ROLE_RE = re.compile(
    r'"(?:role|type)"[ \t]*:[ \t]*"(?:tool|function|tool_result|function_call_output|ipython)"'
)
OBJECT_REACH = 200  # characters each side of a message field searched for its object's role
_LEAD_WORD_RE = re.compile(r"[^\W\d_]+")


def _around(text: str, lo: int, hi: int) -> Iterator[re.Match[str]]:
    """The message fields that start in ``text[lo:hi]`` (and may end after it), in order."""
    for m in _MESSAGE_RE.finditer(text, lo):
        if m.start() >= hi:
            return
        yield m


def _field_before(text: str, lo: int, hi: int) -> re.Match[str] | None:
    """The last message field that starts in ``text[lo:hi]`` (found by C-speed ``rfind``; a
    field of the same name that holds no string, ``"message": {..}``, passed over)."""
    for _ in range(MAX_FIELDS_TRIED):
        at = max(text.rfind(field, lo, hi) for field in _FIELDS)
        if at < 0:
            return None
        m = _MESSAGE_RE.match(text, at)
        if m is not None:
            return m
        hi = at
    return None


def asked_before(text: str, start: int, end: int) -> str | None:
    """The key word that ends the message before the one that ``text[start:end]`` is the
    whole of, else None."""
    opened = _OPENED_RE.search(text, max(0, start - _OPEN_REACH), start)
    if opened is None:  # the value is no message's text, or no message opens near it
        return None
    message = _MESSAGE_RE.match(text, opened.start())
    if message is None or message.end("v") < end:
        return None
    if _from_tool(text, opened.start(), message.end()):
        return None  # a tool's result: what a call returned, no one's answer
    previous = _field_before(text, max(0, opened.start() - MESSAGE_REACH), opened.start())
    if previous is None or previous.end() > opened.start():
        return None
    return _answered(text, start, end, message, previous)


def _from_tool(text: str, field: int, end: int) -> bool:
    """The message object holding the field at ``field`` is a tool's result (its role or
    type, before or after the field, within the object's braces)."""
    lo = text.rfind("{", max(0, field - OBJECT_REACH), field)
    hi = text.find("}", end, end + OBJECT_REACH)
    return lo >= 0 and _TOOL_ROLE_RE.search(text, lo, hi if hi >= 0 else end) is not None


def _answered(
    text: str, start: int, end: int, message: re.Match[str], previous: re.Match[str]
) -> str | None:
    """The key word ending ``previous`` when ``message`` holds nothing but the value and a
    few words that name nothing ("use", "here you go")."""
    lead, trail = text[message.start("v") : start], text[end : message.end("v")]
    said = lead + " " + trail
    if len(said) > 2 * LEAD_MAX or len(_LEAD_WORD_RE.findall(said)) > LEAD_WORDS:
        return None
    asked = previous.group("v")[-ASKED_TAIL:]
    if _VALUE_ONLY_RE.fullmatch(asked):  # a tool's result before: a value, no question
        return None
    named = _chat_asks_key(asked, named_alone=False)  # a chat export's JSON ("from", "text")
    if named is None:
        return None
    if classify_window(said, nearest_last=True) is not None:
        return None  # "tx hash: <hex>": the message names its value itself
    return named


# a sentence of a message (a JSON string's escaped break ends one too) and its clauses
_SENTENCE_RE = re.compile(r"[.!?;\n。！？；؟]+|\\[nrt]")
_CLAUSE_RE = re.compile(r"[,，、]|\sbut\s")
# a negation or a warning in a clause: the key it names is what not to give
_NEGATION_RE = re.compile(
    r"(?i)(?:\b(?:not|never|no|nor|don'?t|do\s+not|doesn'?t|won'?t|can'?t|cannot|shouldn'?t|"
    r"mustn'?t|avoid|without|nobody|neither|beware|warning|scams?|phishing|careful|keep|"
    r"nunca|jam[aá]s|jamais|nie|nicht|niemals|kein\w*|mai|не|никогда|нельзя|ні|ніколи)\b"
    r"|n't\b|不要|别|切勿|绝不|不能|決して|しないで|絶対|하지\s*마|절대)"
)
# a request in a sentence: the thing it names is asked for
_REQUEST_RE = re.compile(
    r"(?i)(?:\b(?:please|pls|plz|need(?:s|ed)?|want|require[sd]?|paste|send|share|give|provide|enter|type|"
    r"post|drop|submit|upload|input|attach|import|forward|dm|tell\s+me|show\s+me|"
    r"what(?:'s|\s+is|\s+are)|which|(?:can|could|may)\s+i\s+(?:get|have|see)|"
    r"let\s+me\s+(?:have|see)|"
    r"env[ií]a(?:me)?|manda(?:me)?|m[aá]ndame|pega|dame|p[aá]same|necesito|comparte|"
    r"proporciona|introduce|ingresa|envie|cole|preciso|compartilhe|informe|digite|"
    r"envoie[sz]?|envoyez|colle[sz]?|donne[sz]?|besoin|partage[sz]?|entrez|saisissez|"
    r"envoyer|donner|partager|transmettre|passer|enviar|mandar|pasar|pasas|compartir|"
    r"geben|inviare|mandare|condividere|passare|"
    r"schick\w*|sende[nt]?|gib|brauche|ben[öo]tige|invia(?:mi)?|mandami|incolla|dammi|"
    r"bisogno|condividi|fornisci|inserisci|пришли\w*|отправь\w*|вставь\w*|дай\w*|"
    r"нуж[ен]\w*|скинь\w*|введи\w*|надішл\w*|потрібн\w*|присла\w*|отправ\w*|скину\w*|"
    r"переда\w*|поделись|покажи|надісла\w*|"
    r"stuur\w*|sturen|geef|plak|nodig|wyślij|wyslij|podeślij|prześlij|przeslij|wklej|daj|"
    r"potrzebuj\w*|wysłać|wyslac|przesłać|przeslac|podesłać|podać|podac)\b"
    r"|发给我|发我|发送|给我|提供|粘贴|需要|输入|告诉我|送って|貼り付け|教えて|必要|入力して|"
    r"ください|보내|붙여|알려|필요|입력)"
)


# a key named as given out already: registered, published, uploaded (its public half)
_GIVEN_OUT = r"(?:registered|published|uploaded|announced|listed|on[ -]?chain)"
_GIVEN_OUT_RE = re.compile(
    rf"(?i)\b{_GIVEN_OUT}\s+(?:\w+\s+)?keys?\b|\bkeys?\s+(?:(?:that|which)\s+)?"
    rf"(?:(?:you|u|we|i|they|he|she)\s+(?:have\s+|'ve\s+|had\s+|just\s+)?)?{_GIVEN_OUT}\b"
)


def asks_key(asked: str) -> str | None:
    """The key word that ``asked`` (a message's tail) asks for, else None: the last clause
    naming a key or a hash outside a negation decides, and a key decides only when its
    sentence holds a request."""
    text = asked.replace("’", "'")
    sentences = [s for s in _SENTENCE_RE.split(text) if s.strip()]
    for sentence in reversed(sentences):
        for clause in reversed(_CLAUSE_RE.split(sentence)):
            named = classify_window(clause, nearest_last=True)
            if named is None or _NEGATION_RE.search(clause):
                continue
            if named[0] != "key" or not _requests(sentence):
                return None
            if named[1].lower() in _BARE_KEY_NOUNS and _no_wallets_key(sentence):
                return None  # "¿Me pasas la clave de la licencia?", "de publieke sleutel"
            if _GIVEN_OUT_RE.search(clause):
                return None  # "send me the key you registered": its public half
            return named[1]
    return None


def _requests(said: str) -> bool:
    """``said`` holds a request (send, give, share, paste...) in any language read."""
    return _REQUEST_RE.search(said) is not None or FOREIGN_REQUEST_RE.search(said) is not None


def messages_after(text: str, at: int, hi: int, count: int) -> Iterator[tuple[int, int]]:
    """The spans of the texts of the next ``count`` messages that start after ``at``."""
    if text.find('"', at, hi) < 0:
        return
    for n, m in enumerate(_around(text, at, hi)):
        if n == count:
            return
        yield m.span("v")


CHAT_LINES = 6  # lines above a chat answer searched for the message it answers
# "key" as a bare noun in languages whose word the ASCII word pass cannot read or does not
# hold as a key's name (fr, es, pt, de, it, nl, pl, cs, sk, ru / uk / bg, sr, sv, da, no, fi,
# hu, ro, tr, el, ar, he, zh): asked for in a question with a request, a key's
_BARE_KEY_NOUNS = (
    "clé", "clef", "clave", "chave", "schlüssel", "schluessel", "chiave", "sleutel", "klucz",
    "klíč", "kľúč", "ключ", "кључ", "nyckel", "nøgle", "nøkkel", "avain", "kulcs", "cheie",
    "cheia", "anahtar", "κλειδί", "مفتاح", "מפתח", "密钥", "金鑰", *KEY_NOUN_FORMS,
)  # fmt: skip
_BARE_KEY_RE = LazyPattern(r"(?i)(?<![^\W\d_])(?:" + "|".join(_BARE_KEY_NOUNS) + r")(?![^\W\d_])")
# a key that is not a wallet's: an API's, SSH's, a USB stick, a Wi-Fi network's, a licence's
_OTHER_KEYS_RE = LazyPattern(
    r"(?i)\b(?:api|ssh|gpg|pgp|usb|wi-?fi|wlan|licen[cs]e|lizenz|licencia|licença|licenza|nostr)\b"
)
# a key named as given out already in another language: registered, published, uploaded
_GIVEN_OUT_FOREIGN_RE = LazyPattern(
    r"(?i)\b(?:enregistr|publi[ée]|t[ée]l[ée]vers|registrad|registriert|ver[öo]ffentlicht|"
    r"hochgeladen|registrat|pubblicat|caricat|geregistreerd|gepubliceerd|ge[üu]pload|"
    r"zarejestrowan|opublikowan|зарегистрирован|опубликован)\w*"
)
HEADER_REACH = 120  # characters before a chat answer searched for its line's header


def asked_in_chat(text: str, start: int, end: int) -> str | None:
    """The key word asked for by another speaker's chat message above the message that
    ``text[start:end]`` is nearly the whole of, else None. A message's header opens its line
    ("[09:41] Jonas:", "**Jonas:**", "09:41 <jonas>", "user:") or is a line of its own above
    its body ("Jonas — Today at 9:41 AM")."""
    lo = max(0, start - HEADER_REACH)  # bounded: asked for every value nothing names
    line = text.rfind("\n", lo, start) + 1
    if line == 0 and lo > 0:
        return None  # no line break near: no chat line's header before the value
    header = answer_header(text, line, start)
    if header is None:
        return None
    speaker, body, top = header
    hi = min(len(text), end + 2 * LEAD_MAX + 1)
    line_end = text.find("\n", end, hi)
    said = text[body:start] + " " + text[end : hi if line_end < 0 else line_end]
    if len(said) > 2 * LEAD_MAX or len(_LEAD_WORD_RE.findall(said)) > LEAD_WORDS:
        return None
    if classify_window(said, nearest_last=True) is not None:
        return None  # "tx hash: <hex>": the message names its value itself
    for other, asked in messages_above(text, top, CHAT_LINES, MESSAGE_REACH):
        if other == speaker:
            continue  # the same speaker's line above ("sec", then the value)
        asked = asked[-ASKED_TAIL:]
        if _names_something(asked):  # the nearest message that names a thing decides
            return _chat_asks_key(asked)
        if is_question(asked):
            return None  # a question that names nothing is the one answered ("what did it give?")
    return None  # lines that name nothing ("lol", "+1") passed over


def _names_something(said: str) -> bool:
    """A chat message names a key or a hash (a word of either class, in any script): it is
    what an answer below it answers, or not ("lol", "+1", "brb" are passed over)."""
    return (
        classify_window(said, nearest_last=True) is not None
        or foreign_key_word(said) is not None
        or foreign_hash_word(said) is not None
        or _BARE_KEY_RE.search(said) is not None
    )


def _chat_asks_key(asked: str, *, named_alone: bool = True) -> str | None:
    """The key word a chat message asks for: asks_key's, a private key named alone (a chat
    line's request by itself; not ``named_alone`` for a payload's message, where "Keep your
    private key safe." is advice), or a question with a request naming a key in a script or
    language the ASCII words do not read."""
    named = asks_key(asked)
    if named is not None:
        return None if named.lower() in ROLE_WORDS else named
    private = _names_private_key(asked) if named_alone else None
    if private is not None:  # "deployer pk?", "la chiave privata del deployer": the request
        return private if _ABOUT_KEY_RE.search(asked) is None else None
    if not is_question(asked) or _NEGATION_RE.search(asked) is not None:
        return None
    if not _requests(asked) and _ASKS_YOU_RE.search(asked) is None:
        return None  # "Welcher Schlüssel hat die Transaktion signiert?": a question about a key
    foreign = foreign_key_word(asked)
    if foreign_hash_word(asked) is not None:
        return None
    if foreign in FOREIGN_KEY_WORDS:  # "Schick mir den Schlüssel der Lizenz?": no wallet's
        return None if _no_wallets_key(asked) else foreign
    return _bare_key_noun(asked)


# words that say a key is a private one: a chat line naming one asks for it, with or without a
# request verb ("deployer pk?", "I still don't have the deployer private key")
_PRIVATE_WORDS = frozenset((
    "private", "priv", "privkey", "privatekey", "secret", "secretkey", "signing", "sk", "pk",
    "pkey", "prv", "privada", "privado", "privata", "privato", "privater", "privaten",
    "privates", "privat", "privée", "privee", "prywatny", "geheim", "geheimer", "geheimen",
    "pribadi", "soukromý", "soukromy", "segreta", "secreta",
))  # fmt: skip
_PRIVATE_WORD_RE = re.compile(r"[^\W\d_]+")
# bare key nouns of FOREIGN_KEY_WORDS: they name a key, not that it is private
_BARE_FOREIGN = frozenset(("schlüssel", "ключ", "кључ", "مفتاح", "कुंजी", "материал", "матеріал",
                           "المادة", "مادة"))  # fmt: skip
# a warning, not a request: the private key it names is what not to give
_WARNING_RE = LazyPattern(
    r"(?i)\b(?:never|nunca|jamais|niemals|mai\s+più|nigdy|никогда|scam\w*|phishing|beware|"
    r"warning|careful|achtung|attention|cuidado|attenzione|uwaga)\b"
)
# a question about a key, not for it: which key signed, was used
_ABOUT_KEY_RE = LazyPattern(
    r"(?i)(?:\bsigned\b|signiert|sign[ée]e?\b|firm[óo]\b|firmat[oa]|firmad[oa]|assinou|"
    r"assinad[oa]|ondertekend|podpisa\w*|подписал\w*|\bused\b|verwendet|benutzt|utilis[ée]|"
    r"usad[oa]|usat[oa]|gebruikt|użyt\w*|uzyt\w*|использова\w*|签名了|簽名了|署名した|서명한)"
)
# a question that asks the other to give or send (a second person's verb the list of requests
# has not: "Mi mandi la chiave?", "¿Me mandas la clave?", "Puoi inviarmi la chiave?")
_ASKS_YOU_RE = LazyPattern(
    r"(?i)\b(?:mandi|invii|inviarmi|passi|mandas|env[ií]as|me\s+das|envoies|passes|donnes|"
    r"m'envoyer|me\s+passer|me\s+donner|mandarmi|passarmi|darmi|mandarme|pasarme|darme|"
    r"enviarme|mandar-me|enviar-me|passar-me|gibst|schickst|sendest|stuur\s+je|geef\s+je|"
    r"wyślesz|wyslesz|dasz|podeślesz|przyślesz|пришлёшь|пришлешь|скинешь|дашь|отправишь)\b"
)


def _names_private_key(asked: str) -> str | None:
    """The private key's word that a chat line names (a request by itself: "deployer pk?",
    "Qual é a chave privada do deployer?"), unless a word there says public, a hash, given
    out already, or warns."""
    lowered = asked.lower()
    word = next((w for w in _PRIVATE_WORD_RE.findall(lowered) if w in _PRIVATE_WORDS), None)
    if word is None:
        foreign = foreign_key_word(asked)
        if foreign in FOREIGN_KEY_WORDS and foreign.lower() not in _BARE_FOREIGN:
            word = foreign
    if word is None:
        return None
    named = classify_window(asked, nearest_last=True)
    if named is not None and named[0] != "key":
        return None  # "the tx hash of the private key's deploy?": a hash named last
    if foreign_hash_word(asked) is not None or _names_public(asked):
        return None
    if "public" in lowered or _GIVEN_OUT_RE.search(asked) or _WARNING_RE.search(asked):
        return None
    if _OTHER_KEYS_RE.search(asked) is not None:
        return None  # "ssh private key?": not a wallet's
    return word


def _names_public(said: str) -> bool:
    """A word of another language in ``said`` says "public" ("publieke sleutel", "klucz
    publiczny", "publika nyckel", "julkisen avaimen"): a public key, no secret."""
    lowered = said.lower()
    return any(w in lowered for w in FOREIGN_PUBLIC)


def _bare_key_noun(asked: str) -> str | None:
    """The bare noun "key" of another language that a question with a request asks for ("Tu
    peux m'envoyer la clé du wallet de test ?"), when no word there says whose or what
    else: a public key, an ASCII class word (a transaction's, asks_key's), an API's key."""
    m = _BARE_KEY_RE.search(asked)
    named = classify_window(asked, nearest_last=True)
    if m is None or (named is not None and named[1].lower() not in _BARE_KEY_NOUNS):
        return None
    if _no_wallets_key(asked):
        return None
    return m.group()


def _no_wallets_key(asked: str) -> bool:
    """A word beside a bare key noun says it is no wallet's secret: public, an API's / a
    licence's, a lock's (a house's, a car's), given out already ("la clé que tu as enregistrée
    sur le relais": its public half)."""
    return (
        _names_public(asked)
        or _OTHER_KEYS_RE.search(asked) is not None
        or LOCK_KEYS_RE.search(asked) is not None
        or _GIVEN_OUT_FOREIGN_RE.search(asked) is not None
    )
