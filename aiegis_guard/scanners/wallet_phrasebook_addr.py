"""Frames around a destination (data): the rules that need an address.

An injected instruction to move value names where the value goes. These rules look for a
giveaway cue (the anchor) with an address (``@addr``) and, mostly, an imperative wallet verb
nearby, in a text the agent *reads* (``read=True``: never the user's own prompt): an extra or
split payment (skim), a new / replacing destination (redirect), a grant of spending rights
(approval), a claimed standing trust (false consent). A text without an address skips them
after one cached lookup; English and the six other languages share one table.
"""

from __future__ import annotations

from aiegis_guard.scanners.phrases.match import P, Phrase

__all__ = ["ADDR_DRAINER", "ADDR_INJECTION"]

_VERB = {
    "en": "send|transfer|pay|forward|deposit|wire|remit|route|move|withdraw|bridge|sweep|"
    "migrate|redirect|direct|deduct|split|add|include|attach|make|tip",
    "es": "envía|envíe|enviar|manda|mande|transfiere|transfiera|paga|pague|deposita|deposite|"
    "mueve|mueva|retira|retire|redirige|deduce|descuenta|añade|agrega|incluye",
    "pt": "envie|enviar|mande|transfira|pague|deposite|mova|retire|redirecione|deduza|"
    "desconte|adicione|inclua",
    "fr": "envoie|envoyez|transfère|transférez|vire|virez|verse|versez|paie|payez|dépose|"
    "déposez|déplace|déplacez|retire|redirige|déduis|prélève|ajoute|ajoutez|inclus",
    "de": "sende|senden|schicke|überweise|überweisen|transferiere|zahle|zahlen|verschiebe|"
    "leite|ziehe|füge|rechne",
    "ru": "отправь|отправьте|отправляй|переведи|переведите|переводи|перечисли|заплати|"
    "оплати|внеси|выведи|перенаправь|удержи|добавь|включи",
    "zh": "发送|转账|转到|转入|转给|打到|汇到|支付|付款|转移|提取|扣除|加上|附加|转",
}
_SKIM = {
    "en": "also|additionally|as well|in addition|extra|a second|another|on top|along with|"
    "plus|tip|commission|surcharge|percent|portion|"
    "the rest|the difference|the remainder|split|deduct|skim|mandatory|required|"
    "has to be paid|must be paid|every transaction|every payment|each transfer|"
    "every transfer|each payment|each transaction|with every|with each|to unlock|"
    "before any|before every|before the swap|before the transfer|maintenance|reimbursement",
    "es": "también|además|extra|adicional|otra|comisión|tarifa|propina|cargo|porcentaje|"
    "parte|el resto|la diferencia|obligatori*|cada pago|cada transferencia|"
    "cada transacción|antes de",
    "pt": "também|além disso|extra|adicional|outra|taxa|tarifa|gorjeta|comissão|porcentagem|"
    "parte|o resto|a diferença|obrigatóri*|cada pagamento|cada transferência|"
    "cada transação|antes de",
    "fr": "aussi|également|en plus|supplémentaire|un second|un autre|frais|commission|"
    "pourboire|pourcentage|part|le reste|la différence|obligatoire|chaque paiement|"
    "chaque virement|chaque transaction|avant de|avant tout",
    "de": "auch|zusätzlich|extra|ein weiteres|eine weitere|gebühr|provision|trinkgeld|"
    "prozent|anteil|den rest|die differenz|pflicht*|jede zahlung|jeder zahlung|"
    "jede überweisung|jeder überweisung|jede transaktion|bevor|vorher",
    "ru": "также|дополнительн*|ещё|еще|комисси*|сбор|чаевые|процент*|часть|остаток|"
    "разниц*|обязательн*|каждого платежа|каждой транзакции|каждого перевода|перед",
    "zh": "另外|额外|此外|还要|同时|手续费|费用|小费|佣金|百分之|部分|剩余|差额|必须|"
    "每笔|每次|之前",
}
_NEWDEST = {  # the address itself is said to be the new destination
    "en": "replaces|replaced|supersedes|is our new|is the new|is now our|is now the|"
    "now receive|now receives|we now accept|only at|going forward|from now on|"
    "as of today|effective immediately|update your records|update the records|"
    "new deposits|all deposits|future payments|future deposits|all future",
    "es": "reemplaza|sustituye|es nuestra nueva|es la nueva|ahora recibimos|solo en|"
    "a partir de ahora|de ahora en adelante|desde hoy|actualiza tus registros|"
    "en lugar de|en vez de|dirección correcta|nueva dirección|dirección anterior",
    "pt": "substitui|é o nosso novo|é o novo|é a nova|agora recebemos|somente em|só em|"
    "a partir de agora|daqui em diante|a partir de hoje|atualize seus registros|"
    "em vez de|ao invés|endereço correto|novo endereço|endereço anterior",
    "fr": "remplace|est notre nouvelle|est la nouvelle|est le nouveau|nous recevons désormais|"
    "uniquement à|désormais|dorénavant|à partir d'aujourd'hui|mettez à jour|"
    "au lieu de|bonne adresse|nouvelle adresse|ancienne adresse",
    "de": "ersetzt|ist unsere neue|ist die neue|ist jetzt|empfangen jetzt|nur noch an|"
    "ab sofort|ab jetzt|von nun an|ab heute|aktualisiere|statt|anstatt|"
    "richtige adresse|neue adresse|alte adresse",
    "ru": "заменяет|наш новый|новый адрес|теперь принимаем|только на|с этого момента|"
    "отныне|с сегодняшнего дня|обновите|вместо|правильный адрес|старый адрес",
    "zh": "取代|替换|现在只|只接收|从现在起|今后|即日起|更新记录",
}
_GRANT = {
    "en": "approve|grant|give|authorize|authorise|make|set|add|increase|raise|allow|let|"
    "permit|delegate|whitelist|allowlist|assign|appoint",
    "es": "aprueba|apruebe|otorga|concede|da|autoriza|haz|establece|añade|aumenta|permite|"
    "delega|asigna",
    "pt": "aprove|conceda|dê|autorize|torne|defina|adicione|aumente|permita|delegue|atribua",
    "fr": "approuve|approuvez|accorde|accordez|donne|autorise|autorisez|fais|définis|"
    "ajoute|augmente|permets|délègue|nomme",
    "de": "genehmige|gewähre|gib|erteile|autorisiere|mache|setze|füge|erhöhe|erlaube|"
    "delegiere|ernenne",
    "ru": "одобри|предоставь|дай|выдай|разреши|авторизуй|сделай|установи|добавь|увеличь|"
    "делегируй|назначь",
    "zh": "授权|批准|授予|给予|允许|设置|设为|添加|提高|委托|指定",
}
_RIGHTS = {
    "en": "unlimited|max|maximum|infinite|all your|all of your|all nfts|all tokens|"
    "permission|permissions|allowance|to spend|to manage|control|delegate|operator|"
    "authority|full access|spender|admin|owner of",
    "es": "ilimitad*|máxim*|infinit*|todos tus|todas tus|permiso|permisos|asignación|"
    "gastar|gestionar|control|delegado|operador|autoridad|acceso total",
    "pt": "ilimitad*|máxim*|infinit*|todos os seus|todas as suas|permissão|permissões|"
    "gastar|gerenciar|controle|delegado|operador|autoridade|acesso total",
    "fr": "illimité*|maximum|maximal*|infini*|tous tes|tous vos|toutes tes|toutes vos|"
    "permission|autorisation|dépenser|gérer|contrôle|délégué|opérateur|autorité|accès total",
    "de": "unbegrenzt*|maximal*|unendlich*|alle deine|alle ihre|berechtigung|freigabe|"
    "ausgeben|verwalten|kontrolle|delegat*|operator|vollzugriff",
    "ru": "неограниченн*|максимальн*|бесконечн*|все твои|все ваши|разрешени*|лимит|"
    "тратить|управлять|контрол*|делегат*|оператор*|полный доступ",
    "zh": "无限|最大|全部|所有|权限|额度|花费|管理|控制|委托人|操作员|完全访问",
}
_TRUST = {  # a claim that moving value there needs no check (benign tools say "whitelisted")
    "en": "trusts|pre-approved|preapproved|pre-authorized|preauthorized|pre-authorised|"
    "never need|never needs|no confirmation needed|no confirmation is needed|"
    "no confirmation required|without asking|without confirmation|without confirming|"
    "always allowed|safe to send|okay to send|ok to send|fine to send|no need to confirm|"
    "no need to ask|does not need confirmation|doesn't need confirmation",
    "es": "confía en|preaprobad*|preautorizad*|sin confirmación|sin preguntar|"
    "no hace falta confirmar|no necesita confirmación|siempre permitid*",
    "pt": "confia em|pré-aprovad*|pré-autorizad*|sem confirmação|sem perguntar|"
    "não precisa de confirmação|não é preciso confirmar|sempre permitid*",
    "fr": "fait confiance à|pré-approuvé*|pré-autorisé*|sans confirmation|sans demander|"
    "pas besoin de confirmer|aucune confirmation|toujours autorisé*",
    "de": "vertraut|vorab genehmigt|vorab freigegeben|ohne bestätigung|ohne rückfrage|"
    "keine bestätigung|immer erlaubt",
    "ru": "доверяет|заранее одобрен*|без подтверждения|без вопросов|не нужно подтверждение|"
    "всегда разрешен*",
    "zh": "信任|预先批准|预先授权|无需确认|不用确认|不需要确认|始终允许",
}
_INSTEAD = {  # a verb-led redirect: "pay to 0x.. instead", "send it to 0x.. from now on"
    "en": "instead|from now on|going forward|henceforth|as of today|effective immediately|"
    "until further notice|for all future|for every future|in future|from today",
    "es": "en su lugar|en lugar de|en vez de|a partir de ahora|de ahora en adelante|desde hoy|"
    "hasta nuevo aviso",
    "pt": "em vez disso|em vez de|ao invés|a partir de agora|daqui em diante|a partir de hoje|"
    "até novo aviso",
    "fr": "à la place|au lieu de|désormais|dorénavant|à partir de maintenant|"
    "à partir d'aujourd'hui|jusqu'à nouvel ordre",
    "de": "stattdessen|statt|anstatt|ab sofort|ab jetzt|von nun an|ab heute|bis auf weiteres",
    "ru": "вместо|взамен|с этого момента|отныне|впредь|с сегодняшнего дня",
    "zh": "代替|而不是|改为|从现在起|今后|以后|即日起",
}
_LANGS = ("en", "es", "pt", "fr", "de", "ru", "zh")


def _gap(lang: str, latin: int) -> int:
    """Chinese needs fewer characters for the words, as many for the (ASCII) address."""
    return latin * 2 // 3 if lang == "zh" else latin


ADDR_DRAINER: tuple[Phrase, ...] = tuple(
    rule
    for lang in _LANGS
    for rule in (
        P("skim.directed", lang, _VERB[lang], "@addr", _SKIM[lang], gap=_gap(lang, 80),
          free=True, read=True, imp=True, anchor=2),
        P("redirect.directed", lang, "@addr", _NEWDEST[lang], gap=_gap(lang, 70), free=True,
          read=True, anchor=1),
        P("redirect.directed_send", lang, _VERB[lang], "@addr", _INSTEAD[lang],
          gap=_gap(lang, 70), free=True, read=True, imp=True, anchor=2),
        P("unlimited_approval.grant_to", lang, _GRANT[lang], "@addr", _RIGHTS[lang],
          gap=_gap(lang, 60), free=True, read=True, imp=True, neg=True, anchor=2),
    )
)  # fmt: skip

ADDR_INJECTION: tuple[Phrase, ...] = tuple(
    P("urgency.trusted_destination", lang, "@addr", _TRUST[lang], gap=_gap(lang, 80),
      free=True, read=True, neg=True, anchor=1)
    for lang in _LANGS
)  # fmt: skip
