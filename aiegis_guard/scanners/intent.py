"""Intent: who is asked to do what, in text the agent must not obey.

A stage over a light parse of the :func:`~aiegis_guard.segment.language_view` (data blanked):
each sentence is checked for a **directive** — an imperative, a modal aimed at an agent
("agents must…", "the assistant should…", "you need to…"), a bot command (``/send``) or a
declaration that voids policy ("limits do not apply", "no confirmation is required") —
whose **act** moves value, grants rights, reveals secrets, changes policy or silences
oversight. Prohibitions ("never share your seed phrase") and descriptions ("the approve
function lets a spender…", "users can stake…") are not directives.

A directive with an act is scored: the act's class, a concrete target in the sentence (an
address, an amount, "all funds"), an addressee ("AI agents", "bot"), authority ("security
team", "admin", "per the owner"), urgency ("immediately", "within 10 minutes") and secrecy
("do not tell the user") each add; a sentence at ``THRESHOLD`` or above is
``injection.intent`` (FLAG). It runs on what the agent reads (tool output, retrieved
documents, memory) and on a public user's prompt (``[guard] audience = "public"``).

Vocabulary in English, Spanish, Portuguese, French, German, Russian and Chinese; words are
matched on the lower-cased sentence (one regex per class, compiled once).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import ahocorasick

from aiegis_guard.findings import Action, Category, Finding, Severity
from aiegis_guard.normalize import Layer
from aiegis_guard.scanners import ScanContext

__all__ = ["RULE_ID", "judge", "scan"]

RULE_ID = "injection.intent"
THRESHOLD = 4
MAX_SENTENCE = 600
MAX_SENTENCES = 2000  # per layer: bounded work on huge inputs


def _alt(words: str) -> str:
    """One alternation: Latin/Cyrillic words between letter boundaries, CJK anywhere."""
    items = sorted((w.replace("_", " ") for w in words.split()), key=len, reverse=True)
    cjk = [re.escape(w) for w in items if any("\u3000" <= c <= "\u9fff" for c in w)]
    rest = [re.escape(w) for w in items if w not in cjk and re.escape(w) not in cjk]
    word = rf"(?<![^\W\d_])(?:{'|'.join(rest)})(?![^\W\d_])"
    return f"{word}|{'|'.join(cjk)}" if cjk else word


_VALUE_WORDS = """send transfer pay deposit stake bridge swap withdraw move forward sweep wire
top_up
    route redirect migrate donate tip remit fund refund_to drain liquidate sell_all
    enviar envía envie transfiere transferir transfira deposita depositar deposite paga pagar
    pague mueve mover retira retirar envoyer envoyez envoie transférer transférez transfère
    payer payez verser versez déposer déposez überweisen überweise überweist senden sende
    sendet transferieren transferiere einzahlen zahle zahlen überträgen übertrage
    отправь отправьте отправить переведи переведите перевести внеси внесите оплати
    оплатите выведи выведите 转账 转入 转出 发送 汇款 支付 存入 转移 提取"""
_VALUE = _alt(_VALUE_WORDS)
_RIGHTS_WORDS = """approve grant authorize authorise setapprovalforall permit delegate reassign
    add_as_owner add_owner add_signer make_owner transfer_ownership increaseallowance
    increase_allowance set_approval allow_spending sign_the_permit sign_this sign_the_attached
    sign_the_approval sign_the_transaction sign_the_typed sign_this_message
    aprueba aprobar autoriza autorizar firma firmar aprove autorize assine approuver approuvez
    autoriser autorisez signer signez genehmigen genehmige autorisieren autorisiere
    signiere unterschreibe одобри одобрите подпиши подпишите авторизуй разреши разрешите
    授权 批准 签署"""
_RIGHTS = _alt(_RIGHTS_WORDS)
_REVEAL_WORDS = """reveal share export provide paste submit post print output disclose send
    include type tell display dump leak give show upload forward
    revela compartir comparte proporciona envía muestra revele compartilhe forneça mostre
    révéler révélez partager partagez fournir fournissez donnez afficher affichez
    verrate teile gib zeige sende poste покажи покажите раскрой раскройте пришли
    пришлите отправь сообщи сообщите введи введите 透露 分享 提供 发送 显示 输入 告诉"""
_REVEAL = _alt(_REVEAL_WORDS)
_CUE_STEMS = """address limit allowlist whitelist restriction polic confirm approv authori
agree consent accept trust tell notify inform ask silent quiet secret recipient destination
beneficiar payee amount slippage spender allowance instruction rule ignore disregard override
bypass migrat transfers payments deposits funds withdrawals proceeds rewards fees payouts
log report wait mention alert without sin sem sans ohne не 不要
replace change update modify switch substitut overwrite verif adresse dirección endereço
límite limite regel адрес лимит правил 同意 地址 限制 确认 告诉 规则 授权 转"""
_SECRET_OBJ = _alt(
    """seed_phrase seed_words seed recovery_phrase mnemonic private_key privatekey secret_key
    keystore wallet_password password passphrase api_key credentials system_prompt
    secret_recovery 12_words 24_words frase_semilla frase_de_recuperación clave_privada
    chave_privada frase_de_recuperação phrase_de_récupération clé_privée phrase_secrète
    seed-phrase wiederherstellungsphrase privater_schlüssel privaten_schlüssel
    сид-фраз сид_фраз мнемоническ приватный_ключ секретный_ключ фраз
    助记词 私钥 密钥 种子短语 恢复短语"""
)
_POLICY_WORDS = """ignore disregard override bypass skip disable suspend lift waive turn_off forget
    ignora ignorar omite desactiva ignore ignorez contourne désactive désactivez ignoriere
    ignorieren umgehe deaktiviere игнорируй игнорируйте обойди отключи отключите 忽略 绕过 跳过 关闭
    """
_POLICY = _alt(_POLICY_WORDS)
_POLICY_OBJ = _alt(
    """limit limits allowlist whitelist checks check rules instructions policy policies
    guard guardrails confirmation confirmations verification safety restrictions
    spending_cap previous_instructions límites reglas instrucciones limites regras
    instruções règles consignes limites vérification regeln anweisungen limits
    правила инструкции лимиты ограничения проверки 规则 指令 限制 限额 白名单 确认"""
)
_OVERSIGHT = (
    r"(?:do ?n[o']t|don't|never|without) (?:tell|telling|notify|notifying|inform|informing|"
    r"mention|mentioning|alert|alerting|ask|asking|confirm|confirming|log|logging|report|"
    r"reporting|waiting for)\b|\bsilently\b|\bquietly\b|\bkeep (?:this|it) (?:secret|"
    r"confidential|between us)|\bno need to (?:confirm|ask|tell)|sin (?:avisar|preguntar|"
    r"confirmar)|sem (?:avisar|perguntar|confirmar)|sans (?:prévenir|demander|confirmer)|"
    r"ohne (?:rückfrage|bestätigung|zu fragen)|не (?:сообщай|говори|спрашивай)|"
    r"不要(?:告诉|通知|询问)"
)
_VOID = (
    r"\b(?:limits?|allowlists?|whitelists?|spending caps?|restrictions|checks|policies|"
    r"confirmations?|approvals?)\b[^.]{0,40}\b(?:(?:do|does|shall|will) not apply|"
    r"no longer apply|(?:are|is) (?:void|suspended|disabled|lifted|waived|not required|"
    r"unnecessary|pre-?approved)|have been (?:lifted|waived|suspended|disabled))|"
    # a claim about the act at hand ("this transfer is pre-approved", "the owner has already
    # agreed"), not a receipt's past tense ("your card was preauthorized for $373.52")
    r"\b(?:is|are|has been|have been)\s+(?:already\s+)?(?:pre-?approved|pre-?authori[sz]ed)\b|"
    r"\b(?:has|have)\s+already\s+(?:approved|authori[sz]ed|agreed|consented)\b"
)
_ADDRESSEE = (
    r"\b(?:ai|agents?|bots?|assistants?|llms?|models?|autonomous|copilots?|gpt|claude|"
    r"trading bots?|wallet agents?|automated systems?|agentes?|asistente|assistente|"
    r"agente|robots?|kis?|агент\w*|бот\w*|ассистент\w*)\b|智能体|机器人|助手|代理"
)
_MODAL = (
    r"\b(?:must|should|shall|needs? to|have to|has to|are (?:required|instructed|expected|"
    r"asked|to)|is (?:required|instructed|expected|to)|will now|ought to|"
    r"debe[ns]?|deben|tiene[ns]? que|deve[mn]?|doi(?:t|vent)|müssen|muss|"
    r"sollen|soll|должн\w*|нужно)\b|必须|应该|需要|请"
)
_NEGATED = (
    r"\b(?:never|not|n't|no|nunca|jamais|nie|niemals|никогда|не|ne|n')\b\W*(?:\w+\W+){0,2}$|"
    r"不要$|切勿$|禁止$|绝不$|永远不要$"
)
_NEGATED_AFTER = r"\s+(?:\S+\s+){0,4}?(?:niemals|nie|nicht|jamais|pas|never|nunca)\b"
_YOURSELF = (
    r"\b(?:yourself|by yourself|yourselves|selbst|vous-même|tú mismo|usted mismo|você mesmo|"
    r"сами|самостоятельно)\b|亲自|自己动手"
)
_LEAD = (
    r"^(?:\W*(?:note|attention|important|urgent|notice|update|reminder|action required|"
    r"system|admin|nota|aviso|atenção|achtung|hinweis|важно|注意|重要)\b[^a-z]{0,3})?"
    r"(?:\W*(?:hey|hi|dear|attention)?\W*(?:ai|agents?|bots?|assistants?|llms?|"
    r"models?)\W{0,3})?\W*(?:please|kindly|now|immediately|then|and|also|first|por favor|"
    r"s'il vous plaît|bitte|пожалуйста|请)?\W*"
)
_TARGET = (
    r"0x[0-9a-f]{6,}|[1-9a-hj-np-z]{32,44}|\b\d[\d,.]*\s*(?:eth|usdc|usdt|dai|sol|btc|wbtc|"
    r"weth|matic|bnb|tokens?|jup|usd)\b|\ball (?:of )?(?:your |the |remaining )*(?:funds|tokens|"
    r"balance|assets|eth|usdc|sol)|\bentire (?:balance|wallet)|\bfull balance|\bmax(?:imum)? "
    r"(?:amount|balance|permission|allowance)|\bunlimited|\binfinite|máxim[ao]|ilimitad[ao]|"
    r"illimité|unbegrenzt|безлимит\w*|无限|весь баланс|все деньги|所有资金|全部余额|"
    r"\bnew (?:address|wallet|vault|contract)|\b(?:holding|"
    r"safe|secure|recovery|migration|escrow) (?:address|wallet|vault|contract)|\bthis "
    r"(?:address|wallet|contract)|\.eth\b|\btodo(?:s)? (?:los|o) (?:fondos|saldo)|"
    r"\btout (?:le|les) (?:solde|fonds)|\ball(?:e|es)? (?:guthaben|mittel)|все средства|全部"
)
_AUTHORITY = (
    r"\b(?:security team|support team|support staff|compliance (?:team|department|check|"
    r"requirement)|admin(?:istrator)?s?|official (?:notice|announcement|support|team)|"
    r"on behalf of|per (?:the )?(?:owner|user|admin)|by order of|authori[sz]ed by|"
    r"the (?:owner|user) (?:has )?(?:asked|requested|instructed|authori[sz]ed|approved)|"
    r"system (?:message|notice|override|administrator)|developer mode|maintenance mode|"
    r"administrador|soporte|equipo de seguridad|suporte|équipe de sécurité|sicherheitsteam|"
    r"администратор|служба безопасности|режиме обслуживания|管理员|官方|安全团队)\b"
)
_URGENCY = (
    r"\b(?:immediately|urgent(?:ly)?|asap|right now|right away|before it'?s too late|"
    r"within \d+ (?:minutes?|hours?)|\d+ (?:minutes?|минут\w*|minutos|minuten)|deadline|"
    r"expires?|last chance|final notice|"
    r"inmediatamente|urgente|imediatamente|immédiatement|sofort|dringend|срочно|"
    r"немедленно|立即|马上|紧急)\b"
)
_SECRECY = (
    r"\b(?:confidential|secret(?:ly)?|quietly|silently|between us|"
    r"do not (?:tell|mention|disclose)|without (?:waiting|asking|confirmation)|"
    r"sin (?:esperar|confirmación)|sem (?:esperar|confirmação)|sans attendre|ohne zu warten|"
    r"не дожидаясь|без подтверждения)\b|无需确认|不要等待"
)
_ROUTE = (
    r"\b(?:transfers|payments|deposits|funds|withdrawals|proceeds|rewards|fees|profits|"
    r"payouts)\b[^.]{0,30}\b(?:must|should|will|shall|are to|need to|now)\s+(?:now\s+)?"
    r"(?:go|be (?:sent|routed|directed|made|forwarded|redirected|paid))\b|"
    r"\b(?:deposit|receiving|recipient|payment|payout|treasury|withdrawal|wallet|vault) "
    r"address (?:has (?:been )?changed|is now|was (?:updated|changed|moved)|has been "
    r"(?:updated|moved|rotated|migrated))|"
    r"\b(?:the )?(?:correct|new|updated|current|real|actual|official|verified) (?:deposit |"
    r"receiving |payment |payout )?(?:destination|address|recipient|beneficiary|payee|wallet)"
    r" (?:is|has been|will be)\b|"
    r"\buse (?:this|the following|the new|that) (?:one|address|wallet|recipient|contract) "
    r"instead"
)
_OVERRIDE = (
    r"\b(?:previous|prior|above|earlier|preceding|all (?:your|the|previous)|your|system)\s+"
    r"(?:instructions|rules|guidelines|prompts?|directives|policies)|anteriores|précédentes|"
    r"vorherigen|предыдущие|之前的"
)
_CLAUSE = (
    r"[,;:\u2014\u2013]|\s-\s|\b(?:and|then|also|y|e|et|und|и|puis|luego|dann|затем|"
    r"and then|and also)\b|然后|并且|并"
)
_TAMPER = (
    r"\b(?:change|set|modify|increase|raise|replace|switch|substitute|overwrite|update|"
    r"cambia|cambiar|altere|altera|mude|change[rz]?|modifie[rz]?|remplace[rz]?|ändere|ändern|"
    r"ersetze|setze|измени|поменяй|замени|установи|修改|更改|改为|替换)\b(?:\s+\S+){0,3}?\s+"
    r"(?:amount|recipient|slippage|output token|destination|spender|allowance|receiver|"
    r"to address|beneficiary|payee|deposit address|receiving address|withdrawal address|"
    r"any other address|monto|cantidad|montante|valor|montant|destinataire|betrag|empfänger|"
    r"сумму|получател\w*|адрес\w*|金额|收款)"
)
_CONSENT = (
    r"\b(?:the )?(?:user|owner|client|customer)\b[^.,]{0,20}\b(?:(?:has|had|already) "
    r"(?:already )?(?:accepted|agreed|consented|approved|authori[sz]ed|confirmed)|agreed|"
    r"consented|pre-?authori[sz]ed|pre-?approved|trusts)\b|"
    r"\b(?:a accepté|a autorisé|a approuvé|ha aceptado|aceptó|autorizó|ha autorizado|aceitou|"
    r"autorizou|já aprovou|hat (?:zugestimmt|genehmigt|autorisiert)|согласился|разрешил|"
    r"одобрил)|已同意|已授权|已批准"
)
_COMMAND = r"(?:^|\s)[/!](?:send|transfer|pay|withdraw|approve|swap|tip|bridge|drain|export)\b"

_F = re.IGNORECASE
_RE = {
    "value": re.compile(_VALUE, _F),
    "rights": re.compile(_RIGHTS, _F),
    "reveal": re.compile(_REVEAL, _F),
    "policy": re.compile(_POLICY, _F),
}
_SECRET_OBJ_RE = re.compile(_SECRET_OBJ, _F)
_POLICY_OBJ_RE = re.compile(_POLICY_OBJ, _F)
_OVERSIGHT_RE = re.compile(_OVERSIGHT, _F)
_VOID_RE = re.compile(_VOID, _F)
_ADDRESSEE_RE = re.compile(_ADDRESSEE, _F)
_MODAL_RE = re.compile(_MODAL, _F)
_NEGATED_RE = re.compile(_NEGATED, _F)
# "Bridge quote:", "Transfer of 5 ETH", "Swap fee" - the verb's form used as a noun
_NOUN_USE_RE = re.compile(
    r"\s*(?:[:(|]|(?:of|successful|succeeded|sent|received|quote|quotes|fee|fees|amount|status|history|request|details|summary|"
    r"limit|tx|transaction|receipt|id|hash|event|events|log|rate|route|price|volume|count|"
    r"total|data|function|method|call|result|failed|succeeded|complete|completed|pending|"
    r"confirmed|executed|submitted|button|page|tab|form|widget)\b)",
    _F,
)
_NEGATED_AFTER_RE = re.compile(_NEGATED_AFTER, _F)
_YOURSELF_RE = re.compile(_YOURSELF, _F)
_LEAD_RE = re.compile(_LEAD, _F)
_TARGET_RE = re.compile(_TARGET, _F)
_AUTHORITY_RE = re.compile(_AUTHORITY, _F)
_URGENCY_RE = re.compile(_URGENCY, _F)
_SECRECY_RE = re.compile(_SECRECY, _F)
_COMMAND_RE = re.compile(_COMMAND, _F)
_WORDY_RE = re.compile(r"[^\W\d_]{3}")
_YOU_RE = re.compile(r"\b(?:you|your|tú|tu|você|vous|du|sie|ты|вы)\b|你|您", _F)
_CLAUSE_RE = re.compile(_CLAUSE, _F)
_TAMPER_RE = re.compile(_TAMPER, _F)
_CONSENT_RE = re.compile(_CONSENT, _F)
_ROUTE_RE = re.compile(_ROUTE, _F)
_OVERRIDE_RE = re.compile(_OVERRIDE, _F)
_SENTENCE_RE = re.compile(r"[^.!?。！？|\n]+(?:[.!?。！？|]+|\n|$)")
_DESCRIPTIVE = re.compile(
    r"@notice|@dev|@param|@return|\b(?:phishing|phishers?|scammers?|attackers?|hackers?|"
    r"drainers?|malicious|fraudsters?|users|people|they|in order to|in this case|"
    r"for example|such as|"
    r"e\.g\.|could|would|can be|is used|of (?:the )?(?:tokens?|funds|securities|ownership)|"
    r"this (?:tool|function|method|action|eip|erc|standard|proposal|contract)|"
    r"(?:allows?|lets|enables?|returns?|emits?|defines?|specifies|describes|is used to|"
    r"can be used to)\b)",
    _F,
)


@dataclass(frozen=True, slots=True)
class Judgement:
    """Why a sentence reads as a directive to the agent."""

    score: int
    act: str
    cues: tuple[str, ...]


def _negated(sentence: str, start: int, end: int) -> bool:
    """A prohibition ("never share", "ne partagez jamais", "teile niemals"), or advice to
    the human reader ("move your assets yourself")."""
    return bool(
        _NEGATED_RE.search(sentence[max(0, start - 40) : start])
        or _NEGATED_AFTER_RE.match(sentence, end)
        or _YOURSELF_RE.search(sentence)
    )


def _verbs(sentence: str) -> tuple[dict[str, list[tuple[int, int]]], bool]:
    """Act verbs by class as (start, end) from one automaton pass, and whether any stem of
    the declaration patterns occurs (else those regexes are skipped)."""
    low = sentence.lower()
    if len(low) != len(sentence):  # a few characters change length when lower-cased
        low = sentence
    found: dict[str, list[tuple[int, int]]] = {}
    stem = False
    for end, (word, kinds) in _cues().iter(low):
        start = end - len(word) + 1
        if "stem" in kinds:
            stem = True
        cjk = word[0] >= "\u3000"
        if not cjk and (
            (start and low[start - 1].isalpha()) or (end + 1 < len(low) and low[end + 1].isalpha())
        ):
            continue
        for kind in kinds:
            found.setdefault(kind, []).append((start, end + 1))
    return found, stem


def _declared(sentence: str) -> tuple[str, int] | None:
    if _VOID_RE.search(sentence):
        return "policy-void", 0
    if _ROUTE_RE.search(sentence):
        return "value-route", 0
    if _CONSENT_RE.search(sentence) and (
        _RE["value"].search(sentence) or _TARGET_RE.search(sentence)
    ):
        return "consent-claim", 0
    m = _TAMPER_RE.search(sentence)
    if m and not _negated(sentence, m.start(), m.end()):
        return "tamper", m.start()
    return None


def _act(sentence: str) -> tuple[str, int] | None:
    """The act class asked for and where its verb starts."""
    verbs, stem = _verbs(sentence)
    declared = _declared(sentence) if stem else None
    if declared is not None:
        return declared
    secret = bool(verbs.get("reveal")) and _SECRET_OBJ_RE.search(sentence) is not None
    for name in ("reveal", "value", "rights", "policy"):
        for start, end in sorted(verbs.get(name, ())):
            if name == "reveal" and not secret:
                continue
            if name == "policy" and not _POLICY_OBJ_RE.search(sentence, end):
                continue
            if _negated(sentence, start, end) or _NOUN_USE_RE.match(sentence, end):
                continue
            return name, start
    m = _OVERSIGHT_RE.search(sentence) if stem else None
    return ("oversight", m.start()) if m else None


def _directive(sentence: str, verb_at: int, act: str) -> str | None:
    """How the act is asked for: imperative, modal, command, declaration; None: described."""
    if act in ("policy-void", "value-route", "consent-claim"):
        return "declaration"
    if _COMMAND_RE.search(sentence):
        return "command"
    before = sentence[:verb_at]
    clause = _CLAUSE_RE.split(before)[-1]  # "Step 1: send…", "…, then approve…"
    if _LEAD_RE.fullmatch(before) or _LEAD_RE.fullmatch(clause):
        return "imperative"
    if _MODAL_RE.search(before[-60:]) and not _DESCRIPTIVE.search(before):
        # aimed at the agent ("agents must", "you should"), not a third party or a question
        aimed = _ADDRESSEE_RE.search(sentence) or _YOU_RE.search(before)
        if aimed and not (sentence.rstrip().endswith("?") and not _YOU_RE.search(before)):
            return "modal"
    if act == "oversight":
        return "imperative"
    return None


def judge(sentence: str, raw: str | None = None) -> Judgement | None:
    """The directive in ``sentence`` (language view) and its score; ``raw`` (the same span
    of the original text) is where targets such as addresses are looked for."""
    found = _act(sentence)
    if found is None:
        return None
    act, at = found
    how = _directive(sentence, at, act)
    if how is None:
        return None
    full = raw or sentence
    cues = [f"act:{act}", f"directive:{how}"]
    score = {"value": 2, "rights": 2, "reveal": 4, "policy": 2, "oversight": 2}.get(act, 3)
    if act == "policy" and _OVERRIDE_RE.search(sentence):
        cues.append("override")  # "ignore all previous instructions"
        score += 2
    score += 1 if how in ("modal", "command", "declaration") else 0
    for name, rx in (
        ("target", _TARGET_RE),
        ("addressee", _ADDRESSEE_RE),
        ("authority", _AUTHORITY_RE),
        ("urgency", _URGENCY_RE),
        ("secrecy", _SECRECY_RE),
    ):
        if rx.search(full):
            cues.append(name)
            score += 1
    if _DESCRIPTIVE.search(sentence) and "addressee" not in cues:
        score -= 2
    return Judgement(score, act, tuple(cues))


@cache
def _cues() -> ahocorasick.Automaton:
    """Every act word (with its classes) and declaration stem, for one C-speed pass per
    sentence: a sentence without any cannot hold an act and skips the regexes."""
    kinds: dict[str, set[str]] = {}
    lists = (
        ("value", _VALUE_WORDS),
        ("rights", _RIGHTS_WORDS),
        ("reveal", _REVEAL_WORDS),
        ("policy", _POLICY_WORDS),
        ("stem", _CUE_STEMS),
    )
    for kind, words in lists:
        for word in words.lower().split():
            kinds.setdefault(word.replace("_", " "), set()).add(kind)
    auto = ahocorasick.Automaton()
    for word, of in kinds.items():
        auto.add_word(word, (word, frozenset(of)))
    auto.make_automaton()
    return auto


def _has_cue(sentence: str) -> bool:
    return next(_cues().iter(sentence.lower()), None) is not None


def _sentences(view: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for m in _SENTENCE_RE.finditer(view):
        a, b = m.span()
        if b - a > MAX_SENTENCE:
            b = a + MAX_SENTENCE
        if _WORDY_RE.search(view, a, b) and _has_cue(view[a:b]):
            out.append((a, b))
            if len(out) >= MAX_SENTENCES:
                break
    return out


def _finding(j: Judgement, span: tuple[int, int]) -> Finding:
    return Finding(
        rule_id=RULE_ID,
        category=Category.INJECTION,
        severity=Severity.HIGH if j.score >= THRESHOLD + 2 else Severity.MEDIUM,
        action=Action.FLAG,
        message=f"content tells the agent to act ({j.act}; score {j.score})",
        span=span,
        evidence=tuple(j.cues),
        score=min(1.0, j.score / 8),
    )


def scan(layer: Layer, ctx: ScanContext) -> list[Finding]:
    """``injection.intent`` for each directive sentence in untrusted text."""
    if not ctx.untrusted:
        return []
    from aiegis_guard.segment import views  # numpy: only for untrusted text

    text = layer.text
    view = views(text, ctx.views)[0]
    found: list[Finding] = []
    for a, b in _sentences(view):
        key = (view[a:b], text[a:b])
        j = ctx.judged[key] if key in ctx.judged else ctx.judged.setdefault(key, judge(*key))
        if j is not None and j.score >= THRESHOLD:
            found.append(_finding(j, (a, b)))
            if len(found) >= 8:
                break
    return found
