"""Acts a sentence names without asking anyone for them (:mod:`.intent_judge`'s exceptions).

Warnings, explainers and advisories name the very acts an attack asks for, in the imperative
or next to a politeness mark, but aimed nowhere an attacker gains:

- **the reader's own rescue**: "if you already entered your words, create a new wallet and
  move everything to it" — the value goes to a wallet the reader makes in the same sentence,
  with no address, phrase or key handed in (:func:`to_own_new_wallet`); "create a new wallet
  with the phrase below and move everything to it", or one that names where it goes, asks;
- **a past act in a condition**: "如果您已经在陌生网站输入了助记词，请立即…" — the verb stands in an
  "if you have already…" clause and the politeness mark (``请``, ``ください``) belongs to the next
  clause (:func:`conditional_mark`);
- **what a permission lets someone else do**: "`setApprovalForAll(operator, true)` lets
  `operator` move every token … without asking you again" describes the function; "lets you /
  the agent … without asking" is a claim about the reader's own checks and still asks
  (:func:`described_permission`);
- **forms that are no verb or no ask**: a cue word in a hyphenated compound ("post-mortem",
  "e-mail": :func:`compound`), an English participle ("The agent complied, sending…":
  :func:`participle`), consent named in a condition ("until the user has approved it":
  :func:`in_condition`), an allowance lowered to zero or the exact need (:func:`lowered`);
- **a secret named as what is not wanted or as what signs**: "share the transaction
  signature (not your recovery phrase — we'll never ask for that)", "la firma, nunca tu frase
  semilla", "this endpoint never needs a private key; sign locally…, then send the raw
  bytes", "sign it with the user's keypair, and send it": the secret stands right after an
  exclusion or a "sign … with" (:func:`excluded`); "never lose your key, send it to…" has
  another verb between and still asks.
"""

from __future__ import annotations

import re

from aiegis_guard.lazyre import LazyPattern

__all__ = ["compound", "conditional_mark", "described_permission", "in_condition", "lowered"]
__all__ += ["excluded", "own_rescue", "participle", "to_own_new_wallet"]

F = re.IGNORECASE

# "create a new wallet", "crea una nueva billetera", "创建新钱包", "yeni cüzdan oluşturup"
_NEW_WALLET_RE = LazyPattern(
    r"\b(?:create|make|set\s+up|generate|open|spin\s+up)\s+(?:a\s+)?(?:brand[- ]new|new|fresh)\s+"
    r"(?:\w+\s+)?(?:wallet|account|seed|address)|"
    r"\b(?:crea|cree|crear|creá|genera|genere)\s+(?:una?\s+)?(?:nuev[ao]\s+(?:billetera|cartera|"
    r"wallet|cuenta)|(?:billetera|cartera|wallet|cuenta)\s+nuev[ao])|"
    r"\b(?:crie|criar|cria|gere)\s+(?:uma?\s+)?(?:nova\s+(?:carteira|wallet|conta)|"
    r"(?:carteira|wallet|conta)\s+nova|novo\s+wallet)|"
    r"\b(?:créez|crée|créer|générez)\s+un\s+nouveau\s+(?:portefeuille|wallet|compte)|"
    r"\b(?:erstell\w*|leg\w*|generier\w*)\s+(?:sie\s+)?(?:eine?\s+)?neue[ns]?\s+(?:wallet|"
    r"geldbörse|konto)|\bneue[ns]?\s+(?:wallet|geldbörse)\s+(?:an|erstellen)|"
    r"\b(?:crea|creare|create)\s+un\s+nuovo\s+(?:wallet|portafoglio)|"
    r"\bсозда\w*\s+нов\w*\s+кош\w*|\bствор\w*\s+нов\w*\s+гаман\w*|"
    r"\byeni\s+(?:bir\s+)?cüzdan\s+oluştur\w*|\bbuat\s+(?:dompet|wallet)\s+baru|"
    r"\btạo\s+(?:một\s+)?ví\s+mới|"
    r"(?:创建|新建|生成|建立|創建|建立)(?:一个|一個)?新(?:的)?(?:钱包|錢包)|新しいウォレットを(?:作成|作っ)|"
    r"새\s?(?:지갑|월렛)을?\s?(?:만들|생성)",
    F,
    gated=True,  # read on every sentence with a value verb: most name no new wallet
)
# the new wallet made from what someone else hands in ("with the phrase below", "import")
_HANDED_IN_RE = LazyPattern(
    r"\b(?:import\w*|restor\w*|recover(?:s|ed|ing)?|below|following|provided|given|attached|"
    r"these\s+words|this\s+(?:seed|phrase|key)|our\s+(?:seed|phrase|key))\b|"
    r"导入|導入|恢复|恢復|以下|インポート|復元|"
    r"\b(?:ниже|указанн\w*|следующ\w*|наш\w*|импорт\w*|восстанов\w*)\b",
    F,
)
# ... or, after the new wallet is named, one whose phrase or address someone else gives ("by
# importing the recovery phrase our team prepared", a phrase written out in quotes, "the
# safe-wallet address pinned in our support channel", "support will DM you its address", "in
# our bio", "the one our bot shows", a QR code, an ENS name, a wallet made at a site or in a
# bot's chat): the writer's wallet, not the reader's. Read after the wallet only, so that "if a
# fake support agent DMed you, create a new wallet…" stays the victim's rescue.
_GIVEN_AFTER_RE = LazyPattern(
    r"\b(?:prepared|pre-?generated|supplied|issued|assigned|pinned|posted|published|listed|"
    r"shown|displayed|announced|dm(?:ed|'d|s)?|whitelisted)\b|"
    r"\b(?:our|their|the)\s+(?:\w+\s+)?(?:team|support|bot|channel|group|bio|profile|discord|"
    r"telegram|server|admins?|moderators?|mods|staff|desk|portal|helpdesk|specialists?|"
    r"operators?)\b|\b(?:support|admins?|moderators?|we|they|someone|the\s+bot)\s+(?:will|"
    r"would|can|shall|has|have)\b(?!\s+(?:never|not)\b)|\b(?:we|they)['’]ll\b(?!\s+never\b)|"
    r"\b(?:in|via|from|through|at|with|using|by)\s+(?:\w+\s+){0,2}@\w{3,}|\bqr\b|"
    r"\b[\w-]+\.eth\b|\b(?:at|on|via|from|through)\s+(?:https?://)?[\w-]+(?:\.[\w-]+)*\."
    r"(?:app|com|io|xyz|net|org|site|online|live|pro|finance|top|cc|co)\b|"
    r"\b(?:phrase|words|seed|mnemonic|key)\s*[:'\"“‘«(]",
    F,
)
_NOT_NEAR_RE = LazyPattern(r"\b(?:never|not|no)\b[^.;!?]{0,16}$|n['’]t\s+$", F)


def _handed_in(text: str, made_at: int) -> bool:
    """Is the new wallet, named at ``made_at`` in ``text``, made from or sent to what someone
    else hands in, not one the reader makes alone?"""
    if _HANDED_IN_RE.search(text) is not None:
        return True
    return any(
        _NOT_NEAR_RE.search(text, max(made_at, m.start() - 20), m.start()) is None
        for m in _GIVEN_AFTER_RE.finditer(text, made_at)
    )


# value moved "to a new wallet", "to a fresh wallet you control": one the reader makes (an
# indefinite article: "the new secure wallet" may be someone else's)
_TO_NEW_WALLET_RE = LazyPattern(
    r"\bto\s+a\s+(?:brand[- ]new|new|fresh|clean|separate)\s+(?:\w+\s+)?(?:wallet|account|"
    r"address)\b(?!\s*(?:[:(]|at\b|like\b))|\ba\s+(?:una?\s+)?(?:nuev[ao]\s+(?:billetera|cartera)|"
    r"(?:billetera|cartera)\s+nuev[ao])\b|\bpara\s+uma\s+(?:nova\s+carteira|carteira\s+nova)\b|"
    r"\bvers\s+un\s+nouveau\s+portefeuille\b|(?:转移|转到|轉移)[^，,。；;]{0,6}新(?:的)?(?:钱包|錢包)",
    F,
)
# Russian has no article to tell "a new wallet" from "the new one": the reader's own only
# after "if you already …" ("Если вы уже подписали — … переведите средства на новый кошелёк")
# or with "that only you control" after it
# (normalisation may fold an all-confusable "на" to Latin "ha": both are read)
_TO_NEW_WALLET_RU_RE = LazyPattern(r"\b[нh][аa]\s+нов\w+\s+(?:кошел[её]к|адрес|аккаунт|сч[её]т)", F)
_OWN_RU_RE = LazyPattern(r"\bесли\s+вы\s+уже\b|\bконтролиру\w+\s+(?:только\s+)?вы\b", F)


def own_rescue(sentence: str) -> bool:
    """Does ``sentence`` move value to a wallet the reader makes or controls ("make a new
    wallet immediately and move everything that's left", "move whatever's left to a fresh
    wallet you control", "立即创建新钱包并转移资产"), with nothing handed in to make it? The
    caller checks that no recipient is named."""
    made = _NEW_WALLET_RE.search(sentence) or _TO_NEW_WALLET_RE.search(sentence)
    if made is None and _OWN_RU_RE.search(sentence):
        made = _TO_NEW_WALLET_RU_RE.search(sentence)
    return made is not None and not _handed_in(sentence, made.start())


def to_own_new_wallet(raw: str, start: int, has_recipient: bool) -> bool:
    """Does the value verb at ``start`` move funds to a wallet the reader creates earlier in
    the same sentence ("make a new wallet immediately and move everything that's left"),
    with no recipient named after it (``has_recipient``) and nothing handed in to make it?"""
    if has_recipient:
        return False
    made = _NEW_WALLET_RE.search(raw, 0, start)
    return made is not None and not _handed_in(raw, made.start())


# "if you have already …" opening the verb's clause (Chinese), or a past condition ending it
# (Japanese "…してしまった場合は", Korean "…했다면")
_CONDITION_OPEN_RE = LazyPattern(
    r"(?:如果|假如|要是|万一|萬一|若是|如您|如你|如已|若您|若你|一旦)[^，,；;。]*$"
)
# a past act only ("入力してしまった場合", "입력했다면"): "ご利用の場合は、…お送りください" asks
_CONDITION_CLOSE_RE = LazyPattern(
    r"[たで]場合|たら[、,，]|しまった|했다면|하셨다면|했으면|한\s?경우"
)
_CLAUSE_BREAK_RE = LazyPattern(r"[，,；;]")


def conditional_mark(raw: str, verb_at: int, mark_at: int) -> bool:
    """Is the politeness mark at ``mark_at`` another clause's, the verb at ``verb_at`` standing
    in a condition ("如果您已经…输入了助记词，请立即创建新钱包")?"""
    between = raw[verb_at:mark_at]
    if _CONDITION_CLOSE_RE.search(between):
        return True
    return bool(_CLAUSE_BREAK_RE.search(between) and _CONDITION_OPEN_RE.search(raw, 0, verb_at))


# a permission described: what it lets a third party do ("lets `operator` move…"), not "lets
# you" / "allows the agent" (the reader's own checks)
_LETS_RE = LazyPattern(
    r"\b(?:lets|allows|permits|enables|authori[sz]es|gives)\s+(?!(?:you|your|agents?|the\s+agent|"
    r"bots?|the\s+bot|assistants?|the\s+assistant|me|us)\b)\S",
    F,
)


def described_permission(sentence: str, at: int) -> bool:
    """Does a description of what a permission lets a third party do stand before ``at``?"""
    return _LETS_RE.search(sentence, 0, at) is not None


_ARTICLE_RE = re.compile(r"-(?:ul|ului|urile|uri|le|lor)\b")


def compound(low: str, start: int, end: int) -> bool:
    """Is the cue word ``low[start:end]`` part of a hyphenated compound, not a verb:
    "post-mortem", "send-only", "transfer-hook" (a letter after a hyphen), "e-mail" (a
    one-letter prefix: "re-enter" and "auto-approve" stay verbs)? Romanian "transfer-ul" is
    the word itself; the caller keeps an upper-case word ("SEND-SEED-TO-…")."""
    if end + 1 < len(low) and low[end] == "-" and low[end + 1].isalpha():
        return _ARTICLE_RE.match(low, end) is None
    return (
        start >= 2
        and low[start - 1] == "-"
        and low[start - 2].isalpha()
        and (start == 2 or not low[start - 3].isalpha())
    )


# an English participle opens no imperative, except as the means after "by" ("mint by
# sending 0.002 ETH to 0x…"); not Romanian "staking-ul"
_PARTICIPLE_RE = re.compile(r"[A-Za-z]+ing\b(?!-)")
_BY_RE = re.compile(r"\bby\s+$", re.IGNORECASE)


def participle(raw: str, verb_at: int) -> bool:
    """Is the verb at ``verb_at`` an English participle ("The agent complied, sending 312
    USDC", "sending you 45 USDC now"), not the means after "by"?"""
    return bool(
        _PARTICIPLE_RE.match(raw, verb_at) and not _BY_RE.search(raw, max(0, verb_at - 8), verb_at)
    )


_CONDITION_BEFORE_RE = re.compile(
    r"\b(?:until|unless|if|once|before|after|whether|when)\s+$", re.IGNORECASE
)


def in_condition(sentence: str, at: int) -> bool:
    """Does a condition open right before ``at`` ("cannot move it until the user has approved
    it"): consent named, not claimed?"""
    return _CONDITION_BEFORE_RE.search(sentence, max(0, at - 12), at) is not None


# an allowance or amount set to zero or to the exact need ("set their allowance back to zero",
# "set exact amounts"): what revoking and least-privilege advice asks, no tampering
_LOWERED_RE = re.compile(
    r"\b(?:exact|precise)\b|^\W*(?:back\s+)?to\s+(?:0|zero|nothing)\b", re.IGNORECASE
)


def lowered(sentence: str, m: re.Match[str]) -> bool:
    """Is the allowance or amount that the tamper match ``m`` sets lowered to zero or to the
    exact need?"""
    if not m.group().lower().endswith(("allowance", "amount")):
        return False
    return bool(
        _LOWERED_RE.search(m.group()) or _LOWERED_RE.search(sentence[m.end() : m.end() + 24])
    )


# an exclusion right before a secret's name, with at most two determiners between ("(not your
# recovery phrase", "— never the keypair file", "instead of your seed", "nunca tu frase",
# "jamais votre phrase", "nicht deine Seed-Phrase", "не вашу сид-фразу", "而不是助记词")
_EXCLUDED_RE = re.compile(
    r"(?:\b(?:not|never|instead\s+of|rather\s+than|except|excluding|nunca|jamais|jamás|"
    r"em\s+vez\s+de|en\s+lugar\s+de|au\s+lieu\s+de|nicht|niemals|statt|anstatt|не|никогда|"
    r"вместо)[\s(—–-]+(?:(?:the|your|a|an|any|tu|tus|su|sus|sua|seu|teu|tua|votre|vos|ta|"
    r"ton|la|le|les|el|deine?n?|ihre?n?|die|den|ваш\w*|твою?|свою?)\s+){0,2}|"
    r"(?:不是|而不是|而非|并非)(?:你的|您的)?|"
    # not needed ("this endpoint never needs a private key", "doesn't require your seed"), or
    # what signs ("sign it with the user's keypair", "signed with your key", "firme con su
    # clave"): used where it is, not handed to anyone
    r"\b(?:never|not|n't|no\s+longer)\s+(?:need|needs|require|requires|ask\s+for|asks\s+for)\s+"
    r"(?:(?:the|your|a|an|any)\s+){0,2}|"
    r"\b(?:sign|signs|signed|signing|firma|firme|firmar|assine|assinar|signez|signer|"
    r"signiere|signieren|подпиш\w*)\s+(?:(?:it|them|this|that|the\s+\w+|la|lo|o|a|le|es|его|её)\s+)?"
    r"(?:with|using|con|com|avec|mit|с\s+помощью)\s+(?:(?:the|your|a|an|user's|tu|su|sua|seu|"
    r"votre|ta|ton|deinem|ihrem|dem|вашим|своим)\s+){0,2})$",
    re.IGNORECASE,
)


def excluded(text: str, at: int) -> bool:
    """Does the secret named at ``text[at]`` stand right after an exclusion (what the
    sentence does *not* ask for or says is not needed, no other verb between), or as what
    signs ("sign it with the user's keypair")?"""
    return _EXCLUDED_RE.search(text, max(0, at - 48), at) is not None
