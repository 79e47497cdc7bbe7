"""Wallet drainer / redirect phrase rules in Spanish, Chinese, Russian, German, French and
Portuguese (data). Same families and syntax as :mod:`aiegis_guard.scanners.drainer_phrasebook`.
"""

from __future__ import annotations

from aiegis_guard.scanners.phrases.match import P, Phrase

__all__ = ["DRAINER_I18N"]

_KEYS_ES = (
    "clave privada|claves privadas|frase semilla|frase de recuperación|frase de recuperacion|"
    "frase secreta|mnemónico|mnemonico|palabras semilla|seed phrase|clave secreta"
)

_KEYS_ZH = "私钥|助记词|种子短语|恢复短语|秘钥|密钥|恢复词|种子词|助记符"

_KEYS_RU = (
    "приватный ключ|приватного ключа|закрытый ключ|закрытого ключа|секретный ключ|сид-фраз*|"
    "seed-фраз*|сид фраз*|мнемоническ*|фразу восстановления|фразы восстановления|"
    "секретную фразу|секретной фразы"
)

_KEYS_DE = (
    "privaten schlüssel|private key|privatschlüssel|geheimen schlüssel|seed-phrase|"
    "seedphrase|seed phrase|wiederherstellungsphrase|mnemonic|geheimphrase|"
    "wiederherstellungswörter"
)

_KEYS_FR = (
    "clé privée|cle privee|clés privées|phrase de récupération|phrase de recuperation|"
    "phrase secrète|phrase mnémonique|seed phrase|phrase seed|mots de récupération|"
    "clé secrète"
)

_KEYS_PT = (
    "chave privada|chaves privadas|frase semente|frase-semente|frase de recuperação|"
    "frase de recuperacao|frase secreta|mnemônico|mnemonico|palavras de recuperação|"
    "seed phrase|chave secreta"
)

DRAINER_I18N: tuple[Phrase, ...] = (
    P("redirect.address_changed", "es",
      "dirección de depósito|direccion de deposito|dirección del destinatario|"
      "direccion del destinatario|dirección de la billetera|dirección de billetera|"
      "dirección de la cartera|dirección de cartera|dirección de pago|"
      "dirección de tesorería|dirección de recepción|dirección de retiro|"
      "billetera de destino|el destinatario",
      "ha cambiado|cambió|cambio a|ha sido cambiada|fue cambiada|ha sido actualizada|"
      "fue actualizada|se ha actualizado|se actualizó|se ha cambiado|ahora es|es ahora|"
      "ya no es válida|ya no es valida|ha sido reemplazada|fue reemplazada|ha sido migrada",
      gap=25),
    P("redirect.send_to_new", "es",
      "envía|envia|envíe|envie|transfiere|transfiera|manda|mande|deposita|deposite|paga|"
      "pague",
      "a la nueva|a esta nueva|a nuestra nueva|al nuevo|a la dirección actualizada",
      "dirección|direccion|billetera|cartera|cuenta|wallet", gap=25, anchor=1, read=True),
    P("redirect.address_changed", "zh",
      "存款地址|充值地址|收款地址|钱包地址|接收地址|转账地址|国库地址|目标地址|提现地址|"
      "收币地址|付款地址",
      "已更改|已变更|已更新|已修改|已改为|更改为|变更为|改为|已经更改|已经变更|已经更新|"
      "已经修改|已迁移|已更换|换成|现在是|已失效|不再使用", gap=4),
    P("redirect.send_to_new", "zh",
      "发送到|转到|转账到|转入|打到|汇到|转至|发送至|充值到|存入",
      "新地址|新的地址|新钱包|新的钱包|以下新地址|更新后的地址|这个新地址", gap=6, anchor=1,
      read=True),
    P("redirect.address_changed", "ru",
      "адрес депозита|адрес для депозита|депозитный адрес|адрес получателя|адрес кошелька|"
      "адрес для пополнения|адрес казначейства|адрес для вывода|кошелек получателя|"
      "кошелёк получателя",
      "изменился|изменён|изменен|был изменен|был изменён|поменялся|обновлен|обновлён|"
      "был обновлен|сменился|теперь|заменен|заменён|больше не действ*", gap=20),
    P("redirect.send_to_new", "ru",
      "отправь|отправьте|переведи|переведите|перешли|перешлите|перечисли|перечислите",
      "на новый адрес|на новый кошелек|на новый кошелёк|на обновленный адрес|"
      "на этот новый адрес|на следующий новый адрес", gap=25, anchor=1, read=True),
    P("redirect.address_changed", "de",
      "einzahlungsadresse|empfängeradresse|empfangsadresse|wallet-adresse|walletadresse|"
      "zieladresse|depotadresse|auszahlungsadresse|zahlungsadresse|treasury-adresse|"
      "adresse des empfängers|adresse der wallet|empfänger-adresse",
      "hat sich geändert|wurde geändert|geändert|wurde aktualisiert|wurde auf|lautet jetzt|"
      "lautet nun|ist jetzt|ist nun|wurde ersetzt|wurde verschoben|wurde umgestellt|"
      "hat sich verändert|ist nicht mehr gültig", gap=30),
    P("redirect.send_to_new", "de",
      "sende|senden sie|schicke|schicken sie|überweise|überweisen sie|transferiere|"
      "transferieren sie|zahle|zahlen sie",
      "an die neue|an diese neue|an unsere neue|an die aktualisierte|an die folgende neue|"
      "auf die neue|auf das neue|an das neue",
      "adresse|wallet|konto|wallet-adresse", gap=25, anchor=1, read=True),
    P("redirect.address_changed", "fr",
      "adresse de dépôt|adresse de depot|adresse du destinataire|adresse de réception|"
      "adresse de reception|adresse du portefeuille|adresse de portefeuille|"
      "adresse de paiement|adresse de trésorerie|adresse de retrait|adresse du wallet|"
      "portefeuille de destination",
      "a changé|a change|a été changée|a ete changee|a été modifiée|a été mise à jour|"
      "a ete mise a jour|est désormais|est maintenant|a été remplacée|n'est plus valide|"
      "n'est plus utilisée|a été migrée|a été déplacée", gap=25),
    P("redirect.send_to_new", "fr",
      "envoie|envoyez|envoyer|transfère|transférez|transfere|transferez|vire|virez|verse|"
      "versez|dépose|déposez",
      "à la nouvelle|vers la nouvelle|sur la nouvelle|à cette nouvelle|vers cette nouvelle|"
      "au nouveau|vers le nouveau|sur le nouveau|à l'adresse mise à jour",
      "adresse|portefeuille|wallet|compte", gap=25, anchor=1, read=True),
    P("redirect.address_changed", "pt",
      "endereço de depósito|endereco de deposito|endereço do destinatário|"
      "endereco do destinatario|endereço da carteira|endereco da carteira|"
      "endereço de recebimento|endereço de pagamento|endereço do tesouro|endereço de saque|"
      "carteira de destino",
      "mudou|foi alterado|foi atualizado|foi modificado|foi trocado|foi substituído|"
      "agora é|é agora|alterado para|não é mais válido|nao e mais valido|foi migrado",
      gap=25),
    P("redirect.send_to_new", "pt",
      "envie|enviar|transfira|transferir|mande|deposite|pague",
      "para o novo|para este novo|para a nova|para esta nova|para o endereço atualizado|"
      "ao novo",
      "endereço|endereco|carteira|conta", gap=25, anchor=1, read=True),
    P("function_substitution.renamed", "es",
      "ha sido renombrad*|fue renombrad*|se renombró|está obsolet*|esta obsolet*|"
      "ha sido reemplazad*|fue reemplazad*|ha sido desactivad*|ya no está disponible|"
      "ya no esta disponible|ha sido eliminad*",
      "usa|use|llama|llame|invoca|invoque|en su lugar|en lugar de", gap=60),
    P("function_substitution.renamed", "zh",
      "已重命名为|已更名为|已被替换为|已被替换成|已弃用|已被弃用|已停用|已废弃|已迁移至|"
      "已迁移到|不再可用|已下线|已被重命名",
      "请使用|改用|调用|请调用|使用", gap=30),
    P("function_substitution.renamed", "ru",
      "переименован*|устарел*|заменен*|заменён*|больше не доступн*|отключен*|отключён*",
      "используй|используйте|вызови|вызовите|вместо", gap=60),
    P("function_substitution.renamed", "de",
      "wurde umbenannt|ist veraltet|wurde ersetzt|wurde deaktiviert|ist nicht mehr verfügbar|"
      "wurde entfernt",
      "verwende|verwenden sie|nutze|nutzen sie|rufe|rufen sie|benutze|benutzen sie|"
      "stattdessen", gap=60),
    P("function_substitution.renamed", "fr",
      "a été renommé*|a ete renomme*|est obsolète|a été remplacé*|est déprécié*|"
      "a été désactivé*|n'est plus disponible|a été supprimé*",
      "utilise|utilisez|appelle|appelez|à la place", gap=60),
    P("function_substitution.renamed", "pt",
      "foi renomead*|está obsolet*|esta obsolet*|foi substituíd*|foi substituid*|"
      "foi desativad*|não está mais disponível|foi descontinuad*|foi removid*",
      "use|utilize|chame|invoque|em vez disso|em vez de", gap=60),
    P("parameter_tampering.fixed_amount", "es",
      "siempre", "envía|envia|envíe|transfiere|transfiera|manda", "@amount", gap=25),
    P("parameter_tampering.always_send", "es",
      "envía|envia|envíe|transfiere|transfiera|manda", "siempre", "@amount", gap=10, anchor=1),
    P("parameter_tampering.swap_venue", "es",
      "usa|use|utiliza|utilice",
      "puente|bridge|router|enrutador|token|contrato|pool",
      "en su lugar|en lugar de|en vez de", gap=40, anchor=2),
    P("parameter_tampering.fixed_amount", "zh",
      "始终|总是|每次都|一律", "发送|转账|转", "@amount", gap=10),
    P("parameter_tampering.swap_venue", "zh",
      "改用|请改用|换成|换用", "跨链桥|桥|代币|合约|路由|池|网络", gap=10),
    P("parameter_tampering.fixed_amount", "ru",
      "всегда", "отправляй|отправляйте|переводи|переводите|отправь", "@amount", gap=25),
    P("parameter_tampering.swap_venue", "ru",
      "используй|используйте",
      "мост|роутер|токен|контракт|пул",
      "вместо", gap=40, anchor=2),
    P("parameter_tampering.fixed_amount", "de",
      "immer|stets|jedes mal", "sende|senden sie|überweise|überweisen sie|schicke",
      "@amount", gap=25),
    P("parameter_tampering.always_send", "de",
      "sende|senden sie|überweise|überweisen sie|schicke|schicken sie", "immer|stets",
      "@amount", gap=10, anchor=1),
    P("parameter_tampering.use_instead", "de",
      "verwende stattdessen|verwenden sie stattdessen|nutze stattdessen|nutzen sie stattdessen|"
      "benutze stattdessen",
      "bridge|brücke|router|token|contract|vertrag|pool", gap=30),
    P("parameter_tampering.swap_venue", "de",
      "verwende|verwenden sie|nutze|nutzen sie|benutze",
      "bridge|brücke|router|token|contract|vertrag|pool",
      "stattdessen", gap=40, anchor=2),
    P("parameter_tampering.fixed_amount", "fr",
      "toujours", "envoyer|envoie|envoyez|transfère|transférez|vire", "@amount", gap=25),
    P("parameter_tampering.always_send", "fr",
      "envoie|envoyez|transfère|transférez|vire|virez", "toujours", "@amount", gap=10, anchor=1),
    P("parameter_tampering.swap_venue", "fr",
      "utilise|utilisez",
      "bridge|pont|routeur|jeton|token|contrat|pool",
      "à la place|plutôt", gap=40, anchor=2),
    P("parameter_tampering.fixed_amount", "pt",
      "sempre", "envie|transfira|mande|envia", "@amount", gap=25),
    P("parameter_tampering.swap_venue", "pt",
      "use|utilize",
      "bridge|ponte|roteador|token|contrato|pool",
      "em vez disso|em vez de|em vez da|em vez do|ao invés", gap=40, anchor=2),
    P("parameter_tampering.always_send", "pt",
      "envie|transfira|mande", "sempre", "@amount", gap=10, anchor=1),
    P("skim.before_anything", "es",
      "antes de continuar|antes de proceder|antes de hacer cualquier cosa|antes de nada|"
      "antes de ejecutar|antes que nada|en primer lugar|lo primero",
      "envía|envia|envíe|transfiere|transfiera|paga|pague|deposita|deposite|manda|mande",
      gap=40),
    P("skim.before_anything", "zh",
      "首先|在此之前|在继续之前|在执行之前|在做任何事之前|在进行任何操作之前|在执行任何操作之前",
      "转账|发送|支付|转入|打款|汇款|存入|转", gap=10),
    P("skim.first_then", "zh",
      "先转|先发送|先支付|先转账|先打款|先汇款", "然后|再|之后", gap=60),
    P("skim.before_anything", "ru",
      "прежде чем|перед тем как|сначала|для начала|прежде всего",
      "отправь|отправьте|переведи|переведите|заплати|заплатите|перечисли|перечислите",
      gap=40),
    P("skim.before_anything", "de",
      "bevor du irgendetwas|bevor sie irgendetwas|bevor du fortfährst|bevor sie fortfahren|"
      "bevor du weitermachst|bevor sie weitermachen|vor der ausführung|zuerst|zunächst|"
      "als erstes",
      "sende|überweise|zahle|transferiere|schicke|überweisen sie|transferieren sie",
      gap=40),
    P("skim.before_anything", "fr",
      "avant de continuer|avant de procéder|avant toute chose|"
      "avant de faire quoi que ce soit|avant d'exécuter|avant tout|tout d'abord|"
      "en premier lieu",
      "envoie|envoyez|transfère|transférez|paye|payez|paie|vire|virez|verse|versez", gap=40),
    P("skim.before_anything", "pt",
      "antes de continuar|antes de prosseguir|antes de fazer qualquer coisa|antes de tudo|"
      "antes de executar|em primeiro lugar|antes de mais nada",
      "envie|transfira|pague|deposite|mande", gap=40),
    P("secret_exfiltration.send_secret", "es",
      "envía|envia|envíe|comparte|comparta|revela|revele|incluye|incluya|publica|publique|"
      "pega|pegue|dame|dime|proporciona|proporcione|indica|manda|mande|facilita|facilite",
      _KEYS_ES, gap=25, neg=True),
    P("secret_exfiltration.send_secret", "zh",
      "发送|分享|提供|告诉我|透露|泄露|公开|包含|附上|粘贴|发给|贴出|输出|写入|放入|填入|"
      "打印|显示",
      _KEYS_ZH, gap=10, neg=True),
    P("secret_exfiltration.ba_send", "zh",
      "把|将", _KEYS_ZH, "发送|发给|告诉|提供|分享|粘贴|贴到|写入|放入|填入|输入到|附在|包含在",
      gap=8, neg=True, anchor=1),
    P("secret_exfiltration.in_memo", "zh", _KEYS_ZH, "备注|memo|留言", gap=10, neg=True),
    P("secret_exfiltration.send_secret", "ru",
      "отправь|отправьте|пришли|пришлите|поделись|поделитесь|раскрой|раскройте|сообщи|"
      "сообщите|вставь|вставьте|укажи|укажите|опубликуй|опубликуйте|покажи|покажите|дай|"
      "дайте|напиши|напишите",
      _KEYS_RU, gap=25, neg=True),
    P("secret_exfiltration.send_secret", "de",
      "sende|senden sie|schicke|schicken sie|teile|teilen sie|gib|geben sie|verrate|"
      "verraten sie|poste|posten sie|füge|fügen sie|nenne|nennen sie|übermittle|"
      "übermitteln sie|veröffentliche",
      _KEYS_DE, gap=25, neg=True),
    P("secret_exfiltration.send_secret", "fr",
      "envoie|envoyez|partage|partagez|révèle|révélez|donne|donnez|inclus|incluez|publie|"
      "publiez|colle|collez|communique|communiquez|transmets|transmettez|fournis|"
      "fournissez|indique|indiquez",
      _KEYS_FR, gap=25, neg=True),
    P("secret_exfiltration.send_secret", "pt",
      "envie|compartilhe|revele|inclua|publique|cole|forneça|forneca|mande|me dê|me de|"
      "diga|informe|poste|passe",
      _KEYS_PT, gap=25, neg=True),
    P("unlimited_approval.approve_max", "es",
      "aprueba|apruebe|autoriza|autorice|otorga|otorgue|concede|conceda",
      "ilimitad*|infinit*|máxim*|maxim*", gap=35, neg=True, anchor=1),
    P("unlimited_approval.approve_max", "zh",
      "授权|批准|approve|允许|同意",
      "无限|无限制|无上限|最大额度|全部额度|最大数量", gap=6, neg=True, anchor=1),
    P("unlimited_approval.approve_max", "ru",
      "одобри|одобрите|разреши|разрешите|подтверди|подтвердите|дай|дайте|выдай|выдайте|"
      "предоставь|предоставьте",
      "неограниченн*|безлимитн*|бесконечн*|максимальн*", gap=25, neg=True, anchor=1),
    P("unlimited_approval.approve_max", "de",
      "genehmige|genehmigen sie|erlaube|erlauben sie|erteile|erteilen sie|gewähre|"
      "gewähren sie|bestätige|bestätigen sie",
      "unbegrenzt*|unbeschränkt*|unendlich*|maximal*|unlimitiert*",
      "freigabe|genehmigung|zugriff|allowance|ausgaben|berechtigung|approval|erlaubnis",
      gap=25, neg=True, anchor=1),
    P("unlimited_approval.approve_max", "fr",
      "approuve|approuvez|autorise|autorisez|accorde|accordez",
      "illimité*|illimite*|infini*|maximal*|maximum", gap=35, neg=True, anchor=1),
    P("unlimited_approval.approve_max", "pt",
      "aprove|aprovar|autorize|autorizar|conceda|conceder|dê",
      "ilimitad*|infinit*|máxim*|maxim*", gap=35, neg=True, anchor=1),
    P("permit_signature.sign_permit", "es",
      "firma|firme|firmar", "permit|permit2|el permit|este permit", gap=20, neg=True),
    P("permit_signature.sign_permit", "zh",
      "签署|签名|签一下|签个", "permit|permit2|许可签名|授权签名|离线授权", gap=8, neg=True),
    P("permit_signature.sign_permit", "ru",
      "подпиши|подпишите", "permit|permit2|пермит", gap=20, neg=True),
    P("permit_signature.sign_permit", "de",
      "signiere|signieren sie|unterschreibe|unterschreiben sie|unterzeichne|"
      "unterzeichnen sie",
      "permit|permit2|permit-signatur", gap=20, neg=True),
    P("permit_signature.sign_permit", "fr",
      "signe|signez|signer", "permit|permit2|le permit|ce permit", gap=20, neg=True),
    P("permit_signature.sign_permit", "pt",
      "assine|assinar", "permit|permit2|o permit|este permit", gap=20, neg=True),
    P("sweep.send_everything", "es",
      "envía|envia|envíe|transfiere|transfiera|mueve|mueva|retira|retire|manda|mande|vacía|"
      "vacia",
      "todos los fondos|todos tus fondos|todos sus fondos|todo el saldo|todo tu saldo|"
      "todo su saldo|todos los activos|todos tus activos|todos los tokens|todo el dinero|"
      "la billetera completa", gap=25, neg=True, anchor=1),
    P("sweep.send_everything", "zh",
      "转移|转出|发送|转账|提取|转走|提走|转入|转给|汇出|全部转",
      "所有资金|全部资金|全部余额|所有余额|所有资产|全部资产|所有代币|全部代币|全部的钱|"
      "所有的钱|所有币|全部币|钱包里的所有|钱包中的所有", gap=6, neg=True, anchor=1),
    P("sweep.ba_move_all", "zh",
      "把|将",
      "所有资金|全部资金|全部余额|所有余额|所有资产|全部资产|所有代币|全部代币|所有的钱|"
      "全部的钱|钱包里的所有|钱包中的所有",
      "转|发送|转移|提取|汇", gap=8, neg=True, anchor=1),
    P("sweep.drain_wallet", "zh", "清空|掏空", "钱包|账户|余额", gap=4, neg=True),
    P("sweep.send_everything", "ru",
      "переведи|переведите|отправь|отправьте|выведи|выведите|перемести|переместите|"
      "перечисли|перечислите",
      "все средства|весь баланс|все активы|все токены|все деньги|все монеты|всю сумму|"
      "все свои средства|все ваши средства", gap=20, neg=True, anchor=1),
    P("sweep.send_everything", "de",
      "sende|senden sie|überweise|überweisen sie|transferiere|transferieren sie|verschiebe|"
      "verschieben sie|ziehe|ziehen sie|schicke|schicken sie|hebe|heben sie",
      "alle mittel|alle gelder|alle guthaben|das gesamte guthaben|dein gesamtes guthaben|"
      "ihr gesamtes guthaben|den gesamten saldo|das komplette guthaben|alle token|"
      "alle coins|alle vermögenswerte", gap=25, neg=True, anchor=1),
    P("sweep.send_everything", "fr",
      "envoie|envoyez|transfère|transférez|déplace|déplacez|retire|retirez|vire|virez|"
      "vide|videz",
      "tous les fonds|tous vos fonds|tous tes fonds|la totalité|tout le solde|l'intégralité|"
      "tous les actifs|tous vos actifs|tous les jetons|tous les tokens|le portefeuille",
      gap=25, neg=True, anchor=1),
    P("sweep.send_everything", "pt",
      "envie|transfira|mova|retire|saque|mande|esvazie",
      "todos os fundos|todos os seus fundos|todo o saldo|todo o seu saldo|todos os ativos|"
      "todos os seus ativos|todos os tokens|todo o dinheiro|a carteira inteira", gap=25,
      neg=True, anchor=1),
)  # fmt: skip
