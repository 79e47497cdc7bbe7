"""Wallet-agent attack frames in German, Russian and Chinese (data).

The frames of :mod:`~aiegis_guard.scanners.wallet_phrasebook`, written by hand per language.
German puts the verb last and splits it (``rufe ... auf``, ``erwähne ... nicht``), Russian
inflects (stems: ``получател*``), Chinese has no spaces (gaps are short, in characters):
nearly every frame here is ``free`` (its parts in any order within the gap).
"""

from __future__ import annotations

from aiegis_guard.scanners.phrasematch import P, Phrase

__all__ = ["DE_RU_ZH_DRAINER", "DE_RU_ZH_INJECTION"]

# --- German --------------------------------------------------------------------------------
_SEND_DE = (
    "sende|senden|sendet|schicke|schicken|überweise|überweisen|überweist|transferiere|"
    "transferieren|zahle|zahlen|verschiebe|verschieben|leite|leiten|weiterleiten|"
    "zahlungen|überweisungen|auszahlungen|einzahlungen|gelder|mittel|gehen|geht|"
    "gesendet|überwiesen|geschickt|bridge|bridgen|brücke"
)
_PAYEE_DE = (
    "einzahlungsadresse|empfängeradresse|empfangsadresse|wallet-adresse|walletadresse|"
    "zieladresse|auszahlungsadresse|zahlungsadresse|empfänger|begünstigte*|"
    "treasury-adresse|empfangs-wallet|ziel-wallet|gespeicherte adresse|adressbuch*|"
    "depotadresse|empfänger-adresse|händler-wallet|händleradresse"
)
_CHANGED_DE = (
    "geändert|aktualisiert|verschoben|migriert|ersetzt|umgestellt|gewechselt|rotiert|"
    "umgeleitet|nicht mehr gültig|veraltet|kompromittiert|hat sich geändert|verlegt|"
    "ausgetauscht|nicht mehr aktiv|stillgelegt"
)
_KEYS_DE = (
    "privaten schlüssel|privater schlüssel|private key|privatschlüssel|geheimen schlüssel|"
    "seed-phrase|seedphrase|seed phrase|wiederherstellungsphrase|mnemonic|geheimphrase|"
    "wiederherstellungswörter|wallet-passwort|passwort der wallet|keystore|"
    "mnemonische phrase|seed-wörter"
)
_USER_DE = "nutzer*|benutzer*|besitzer*|eigentümer*|kunde*|kundin|user|inhaber*|änderung"
_VALUE_DE = (
    _SEND_DE + "|@addr|@amount|transaktion|überweisung|zahlung|adresse|wallet|gebühr|"
    "genehmige|signiere|swap|ersetze|tausche|guthaben"
)
# --- Russian -------------------------------------------------------------------------------
_SEND_RU = (
    "отправь|отправьте|отправляй|отправляйте|отправить|отправлять|переведи|переведите|"
    "переводи|переводите|перевести|перечисли|перечислите|вышли|вышлите|пошли|заплати|"
    "оплати|внеси|выведи|выведите|перемести|переместите|направь|направляй|переводы|"
    "платежи|выплаты|средства|отправку|перевод"
)
_PAYEE_RU = (
    "адрес депозита|адрес для депозита|депозитный адрес|адрес получателя|получател*|"
    "адрес кошелька|адрес для пополнения|адрес казначейства|адрес для вывода|"
    "адрес назначения|бенефициар*|сохранённый адрес|сохраненный адрес|адресн* книг*|"
    "кошел* получателя|кошел* казначейства|платёжный адрес|платежный адрес"
)
_CHANGED_RU = (
    "изменил*|изменён*|изменен*|поменял*|обновлён*|обновлен*|заменён*|заменен*|"
    "перенесён*|перенесен*|сменил*|больше не действ*|устарел*|скомпрометирован*|"
    "перемещён*|перемещен*|недействител*"
)
_KEYS_RU = (  # nouns decline: the cases an instruction uses are spelled out
    "приватный ключ|приватного ключа|приватным ключом|приватному ключу|приватные ключи|"
    "приватных ключей|закрытый ключ|закрытого ключа|закрытым ключом|закрытые ключи|"
    "закрытых ключей|секретный ключ|секретного ключа|секретным ключом|секретные ключи|"
    "ключ от кошелька|ключа от кошелька|ключи от кошелька|сид-фраз*|seed-фраз*|сид фраз*|"
    "seed фраз*|мнемони*|фразу восстановления|фразы восстановления|фраза восстановления|"
    "секретную фразу|секретной фразы|секретная фраза|резервную фразу|кодовую фразу|"
    "пароль от кошелька|пароля от кошелька|keystore|private key|seed phrase|12 слов|"
    "24 слов|24 слова|слова восстановления|слов восстановления"
)
_USER_RU = "пользовател*|владел*|клиент*|хозя*|изменени*|об этом"
_VALUE_RU = _SEND_RU + "|@addr|@amount|транзакци*|адрес*|кошел*|комисси*|одобри|подпиши|обмен*"
# --- Chinese -------------------------------------------------------------------------------
_SEND_ZH = (
    "发送|发到|转账|转到|转入|转给|打到|汇到|转至|充值到|存入|转移|支付|付款|汇款|转出|"
    "提取|提现|打款|发给|转"
)
_PAYEE_ZH = (
    "存款地址|充值地址|收款地址|钱包地址|接收地址|转账地址|国库地址|目标地址|提现地址|"
    "收币地址|付款地址|收款人|收款方|受益人|接收方|收款钱包|目标钱包|地址簿|收款账户"
)
_CHANGED_ZH = (
    "已更改|已变更|已更新|已修改|已改为|更改为|变更为|改为|更新为|已迁移|已更换|换成|"
    "现在是|已失效|不再使用|已作废|已弃用|已停用|已替换|替换为|迁移到|已被盗|已泄露|"
    "改成|变成"
)
_KEYS_ZH = "私钥|助记词|种子短语|恢复短语|秘钥|密钥|恢复词|种子词|助记符|钱包密码|keystore"
_VALUE_ZH = _SEND_ZH + "|@addr|@amount|交易|地址|钱包|手续费|授权|签名|兑换|资金|余额"

DE_RU_ZH_DRAINER: tuple[Phrase, ...] = (
    # --- redirect -------------------------------------------------------------------------
    P("redirect.payee_changed", "de", _CHANGED_DE, _PAYEE_DE, "@addr|@url", gap=70,
      free=True, read=True, anchor=1),
    P("redirect.correct_is", "de",
      "richtige adresse|korrekte adresse|neue adresse|aktuelle adresse|neuer empfänger|"
      "richtige wallet|korrekte wallet|neue wallet|gültige adresse|tatsächliche adresse|"
      "richtiger empfänger|ersatzadresse",
      "ist|lautet|:|=|ist jetzt|ist nun|lautet jetzt", "@addr", gap=40),
    P("redirect.use_instead", "de",
      "verwende|verwenden sie|nutze|nutzen sie|benutze|benutzen sie|sende an|schicke an|"
      "überweise an|zahle an",
      "@addr|diese adresse|diese wallet|folgende adresse|die neue adresse",
      "stattdessen|statt|anstatt|anstelle|ab sofort|ab jetzt|von nun an|künftig|"
      "zukünftig|bis auf weiteres|für alle|für jede|für jeden|als empfänger", gap=60,
      free=True, read=True, anchor=2),
    P("redirect.from_now_on", "de",
      "ab sofort|ab jetzt|von nun an|künftig|zukünftig|bis auf weiteres|ab heute|"
      "mit sofortiger wirkung",
      _SEND_DE, "@addr", gap=70, free=True, read=True),
    P("redirect.not_the_one", "de",
      "statt der vom|anstatt der vom|statt der angegebenen|nicht die vom|nicht die oben|"
      "ersetze die adresse|tausche die adresse|ändere die adresse|vom nutzer angegeben*|"
      "vom benutzer angegeben*|vom kunden angegeben*|ursprünglichen anfrage|ersetze sie",
      "@addr|nutzer|benutzer|oben|angegeben*|diese|ohne|falsch*", gap=70, free=True,
      read=True),
    P("redirect.payee_changed", "ru", _CHANGED_RU, _PAYEE_RU, "@addr|@url", gap=70,
      free=True, read=True, anchor=1),
    P("redirect.correct_is", "ru",
      "правильный адрес|верный адрес|новый адрес|актуальный адрес|настоящий адрес|"
      "новый получатель|правильный кошел*|новый кошел*|верный кошел*|действующий адрес",
      "—|-|:|=|это|теперь|является", "@addr", gap=40, free=True),
    P("redirect.use_instead", "ru",
      "используй|используйте|применяй|укажи|укажите|отправляй на|отправь на|переводи на",
      "@addr|этот адрес|этот кошел*|следующий адрес|новый адрес",
      "вместо|взамен|с этого момента|отныне|впредь|теперь|до дальнейшего|для всех|"
      "для каждого|для каждой|в качестве получателя", gap=60, free=True, read=True, anchor=2),
    P("redirect.from_now_on", "ru",
      "с этого момента|отныне|впредь|с сегодняшнего дня|до дальнейшего уведомления|"
      "начиная с сегодня|теперь всегда",
      _SEND_RU, "@addr", gap=70, free=True, read=True),
    P("redirect.not_the_one", "ru",
      "вместо адреса|вместо того|не тот адрес|который дал пользователь|"
      "который указал пользователь|указанного пользователем|указанный пользователем|"
      "замени адрес|подмени адрес|замени его|подмени его|исходного запроса",
      "@addr|пользовател*|выше|указан*|этот|незаметно|неверн*", gap=70, free=True,
      read=True),
    P("redirect.payee_changed", "zh", _CHANGED_ZH, _PAYEE_ZH, "@addr|@url", gap=70,
      free=True, read=True, anchor=1),
    P("redirect.correct_is", "zh",
      "正确的地址|正确地址|新地址|新的地址|最新地址|真正的地址|实际地址|正确的收款|"
      "新的收款|正确的钱包|新钱包|新的钱包",
      "@addr", gap=70, free=True),
    P("redirect.use_instead", "zh",
      "使用|请使用|用|改用|发送到|转到|转账到",
      "@addr|这个地址|该地址|此地址|以下地址|新地址",
      "而不是|代替|取代|从现在起|从现在开始|今后|以后|此后|即日起|一律|所有|每笔|每次",
      gap=70, free=True, read=True, anchor=2),
    P("redirect.from_now_on", "zh",
      "从现在起|从现在开始|今后|以后|此后|即日起|从今天起|自即日起",
      _SEND_ZH, "@addr", gap=70, free=True, read=True),
    P("redirect.not_the_one", "zh",
      "而不是用户|不是用户|用户提供的|用户给的|用户指定的|替换地址|替换成|原来的地址|"
      "原地址|原始请求", "@addr|地址", gap=70, free=True, read=True),
    # --- skim -----------------------------------------------------------------------------
    P("skim.first_send", "de",
      "zuerst|zunächst|als erstes|vorher|bevor du|bevor sie|schritt 1|vor dem abschluss",
      _SEND_DE, "@amount|@addr", gap=60, free=True, read=True),
    P("skim.fee_to", "de",
      "gebühr|provision|trinkgeld|abgabe|steuer|spende|maut|aufschlag",
      "@addr",
      "pflicht*|obligatorisch|erforderlich|notwendig|zuerst|vorher|jede|jeder|jedes|immer|"
      "heimlich|zusätzlich*|automatisch|als", gap=90, free=True, read=True),
    P("skim.then_continue", "de",
      "fahre dann|dann fortfahren|danach fortfahren|fahre mit|mach dann weiter|anschließend|"
      "dann mit|und dann|danach",
      "anfrage|aufgabe|auftrag|vorgang|ursprünglich*|nutzer*|swap", "@amount|@addr",
      gap=120, free=True, read=True),
    P("skim.first_send", "ru",
      "сначала|для начала|прежде всего|перед тем как|прежде чем|перед завершением|"
      "перед выполнением|шаг 1|предварительно",
      _SEND_RU, "@amount|@addr", gap=60, free=True, read=True),
    P("skim.fee_to", "ru",
      "комисси*|сбор|чаевые|плата|пошлин*|налог|пожертвовани*",
      "@addr",
      "обязательн*|необходим*|требуется|сначала|перед|кажд*|всегда|незаметно|"
      "дополнительн*|автоматически|в качестве", gap=90, free=True, read=True),
    P("skim.then_continue", "ru",
      "затем выполни|затем продолжи|потом продолжи|после этого|затем|продолжи|потом",
      "запрос*|задач*|операци*|исходн*|пользовател*|обмен*", "@amount|@addr", gap=120,
      free=True, read=True),
    P("skim.first_send", "zh",
      "先把|先将|先向|先转|先发送|首先把|首先向|首先将|第一步|之前先|之前，先|预先",
      _SEND_ZH, "@amount|@addr", gap=70, free=True, read=True),
    P("skim.fee_to", "zh",
      "手续费|费用|小费|佣金|路由费|网络费|服务费|税费|捐款|过路费",
      "@addr",
      "必须|必需|强制|每笔|每次|所有|先|之前|悄悄|额外|自动|作为", gap=70, free=True,
      read=True),
    P("skim.then_continue", "zh",
      "然后再|然后继续|再继续|之后再|然后处理|再处理|然后执行|然后",
      "用户|请求|任务|原来|原始|兑换|操作", "@amount|@addr", gap=70, free=True, read=True),
    # --- parameter tampering --------------------------------------------------------------
    P("parameter_tampering.slippage_high", "de",
      "slippage|schlupf|preistoleranz|slippage-toleranz", "@pct|auf maximum|maximal",
      gap=30, free=True),
    P("parameter_tampering.min_out_zero", "de",
      "mindestbetrag|mindestausgabe|minimaler output|mindestmenge|mindestertrag|"
      "minimalbetrag|mindest-output", "@zero|null", gap=18, free=True),
    P("parameter_tampering.amount_override", "de",
      "unabhängig davon|egal was|egal wie viel|ändere den betrag|erhöhe den betrag|"
      "verdopple den betrag|ignoriere den betrag|der richtige betrag ist|"
      "der tatsächliche betrag", "@amount|stattdessen|sende|überweise|zahle", gap=60,
      free=True),
    P("parameter_tampering.not_official", "de",
      "statt der offiziellen|anstatt der offiziellen|nicht die offizielle|"
      "statt der üblichen|statt des offiziellen|anstelle der offiziellen|"
      "anstatt des offiziellen|nicht den offiziellen",
      "bridge|brücke|router|contract|vertrag|pool|adresse|seite|@addr", gap=40, free=True),
    P("parameter_tampering.slippage_high", "ru",
      "проскальзывани*|слиппедж|slippage", "@pct|максимум|максимальн*", gap=30, free=True),
    P("parameter_tampering.min_out_zero", "ru",
      "минимальн* выход*|минимальн* сумм*|минимальн* количеств*|минимум к получению|"
      "минимальн* получени*", "@zero|ноль|нуль", gap=18, free=True),
    P("parameter_tampering.amount_override", "ru",
      "независимо от того|неважно что|неважно сколько|измени сумму|увеличь сумму|"
      "удвой сумму|игнорируй сумму|правильная сумма|настоящая сумма",
      "@amount|вместо|отправь|переведи|выведи", gap=60, free=True),
    P("parameter_tampering.not_official", "ru",
      "вместо официальн*|не официальн*|а не официальн*|в обход официальн*",
      "мост*|роутер*|контракт*|пул*|адрес*|сайт*|@addr", gap=40, free=True),
    P("parameter_tampering.slippage_high", "zh", "滑点|滑价", "@pct|最大", gap=12, free=True),
    P("parameter_tampering.min_out_zero", "zh",
      "最小输出|最低输出|最小数量|最少收到|最低收到|最小到账|最小金额|最低金额",
      "@zero|零", gap=8, free=True),
    P("parameter_tampering.amount_override", "zh",
      "不管用户|无论用户|不论用户|金额改为|把金额改|数量改为|金额加倍|忽略金额|实际金额是",
      "@amount|转|发送|代替", gap=70, free=True),
    P("parameter_tampering.not_official", "zh",
      "而不是官方|不要用官方|非官方|代替官方|绕过官方",
      "桥|跨链桥|路由|合约|池|地址|网站|@addr", gap=70, free=True),
    # --- secrets --------------------------------------------------------------------------
    P("secret_exfiltration.imperative", "de",
      "gib|gebe|zeige|zeig|drucke|schreibe|schreib|füge|trage|nenne|verrate|teile|sende|"
      "schicke|exportiere|kopiere|poste|übermittle|veröffentliche|setze|packe|lege|"
      "hänge|liste",
      _KEYS_DE, gap=45, neg=True, imp=True, anchor=1),
    P("secret_exfiltration.in_container", "de",
      _KEYS_DE,
      "memo|memo-feld|memofeld|notizfeld|nachrichtenfeld|verwendungszweck|kommentar|"
      "referenz|beschreibung|parameter|datenfeld|deiner antwort|der antwort|nachricht",
      gap=70, neg=True, free=True),
    P("secret_exfiltration.imperative", "ru",
      "выведи|выведите|покажи|покажите|напечатай|напиши|напишите|укажи|укажите|вставь|"
      "вставьте|добавь|добавьте|отправь|отправьте|пришли|пришлите|сообщи|сообщите|раскрой|"
      "раскройте|дай|дайте|скопируй|опубликуй|перешли|передай|передайте|включи|включите|"
      "запиши|запишите",
      _KEYS_RU, gap=45, neg=True, imp=True, anchor=1),
    P("secret_exfiltration.in_container", "ru",
      _KEYS_RU,
      "memo|мемо|поле memo|поле мемо|примечани*|комментари*|поле сообщения|сообщени*|"
      "описани*|параметр*|назначени* платежа|назначени*|в ответе|своём ответе|своем ответе|"
      "заметк*|пометк*|данные транзакции|calldata|поле data",
      gap=70, neg=True, free=True),
    P("secret_exfiltration.in_container", "zh",
      _KEYS_ZH, "备注|memo|留言|附言|消息|说明字段|参数|字段|回复中|回答中|数据字段",
      gap=25, neg=True, free=True),
    P("secret_exfiltration.imperative", "zh",
      "输出|显示|打印|告诉我|发给|发送|透露|泄露|写进|写入|填入|放入|粘贴|附上|包含|提供|"
      "分享|导出|复制|公开|列出",
      _KEYS_ZH, gap=12, neg=True, anchor=1),
    # --- lures ----------------------------------------------------------------------------
    P("lure.safe_place", "de",
      "sicheren tresor|sicherer tresor|sichere wallet|sichere adresse|sicheres konto|"
      "wiederherstellungsadresse|kaltspeicher|cold storage|notfall-wallet|"
      "geschützte wallet|geschützten tresor|backup-wallet|tresor",
      "@addr|@url", gap=60, free=True, neg=True, read=True),
    P("lure.threat_then_move", "de",
      "verschiebe|überweise|sende|schicke|migriere|hebe|verifiziere|bestätige|validiere|"
      "verbinde|synchronisiere|beanspruche|signiere|genehmige|sichere",
      "verdächtige aktivität|kompromittiert|sicherheitslücke|exploit|hack|angriff|"
      "sicherheitswarnung|sicherheitshinweis|gefährdet|unbefugter zugriff|vorfall",
      "@addr|@url", gap=150, free=True, neg=True, read=True, imp=True, anchor=1),
    P("sweep.whole_balance", "de",
      _SEND_DE + "|verschiebe|hebe",
      "das gesamte guthaben|dein gesamtes guthaben|das komplette guthaben|"
      "den gesamten bestand|alle mittel|alle gelder|alle token|alle vermögenswerte|"
      "gesamten saldo|den vollen betrag|das volle guthaben|gesamtes guthaben",
      gap=30, free=True, neg=True, read=True, anchor=1),
    P("lure.safe_place", "ru",
      "защищённ* хранилищ*|защищенн* хранилищ*|безопасн* хранилищ*|безопасн* кошел*|"
      "защищённ* кошел*|защищенн* кошел*|безопасн* адрес*|резервн* кошел*|"
      "холодн* хранилищ*|адрес восстановления|хранилищ*",
      "@addr|@url", gap=60, free=True, neg=True, read=True),
    P("lure.threat_then_move", "ru",
      "перемести|переведи|отправь|выведи|мигрируй|перенеси|проверь|подтверди|"
      "верифицируй|подключи|синхронизируй|получи|подпиши|одобри|защити",
      "подозрительн* активност*|скомпрометирован*|уязвимост*|эксплойт|взлом*|атак*|"
      "предупреждение безопасности|под угрозой|несанкционированн*|инцидент",
      "@addr|@url", gap=150, free=True, neg=True, read=True, imp=True, anchor=1),
    P("sweep.whole_balance", "ru",
      _SEND_RU,
      "весь баланс|все средства|всю сумму|все активы|все токены|все деньги|весь остаток|"
      "полный баланс|весь свой баланс",
      gap=30, free=True, neg=True, read=True, anchor=1),
    P("lure.safe_place", "zh",
      "安全金库|安全钱包|安全地址|安全账户|保险库|恢复地址|冷钱包|备用钱包|紧急钱包|"
      "保护钱包|金库",
      "@addr|@url", gap=70, free=True, neg=True, read=True),
    P("lure.threat_then_move", "zh",
      "转移|转出|发送|迁移|提取|验证|确认|连接|同步|领取|签名|授权|保护",
      "可疑活动|被盗|泄露|漏洞|攻击|黑客|安全警报|安全警告|安全通知|风险|未经授权|异常",
      "@addr|@url", gap=70, free=True, neg=True, read=True, anchor=1),
    # --- function substitution ------------------------------------------------------------
    P("function_substitution.moved", "de",
      "umbenannt|veraltet|ersetzt|abgelöst|deaktiviert|entfernt|nicht mehr verfügbar|"
      "läuft jetzt über|wird jetzt über|heißt jetzt|funktioniert nicht mehr",
      "transfer|senden|swap|überweisung|zahlung|auszahlung|tool|werkzeug|funktion",
      "rufe|rufen|verwende|nutze|benutze|stattdessen|statt|@code", gap=80, free=True),
    P("function_substitution.moved", "ru",
      "переименован*|устарел*|заменён*|заменен*|отключён*|отключен*|теперь работает через|"
      "теперь называется|перенесён в|перенесен в|больше не работает",
      "transfer|перевод*|отправк*|обмен*|инструмент*|функци*|метод*",
      "используй|используйте|вызови|вызывай|вызовите|вместо|@code", gap=80, free=True),
    P("function_substitution.moved", "zh",
      "已重命名|已更名|已被替换|已弃用|已被弃用|已停用|已废弃|已迁移|不再可用|已下线|"
      "现在通过|已升级为|改名为",
      "transfer|转账|发送|兑换|工具|函数|方法|接口",
      "请使用|改用|调用|请调用|使用|代替|@code", gap=40, free=True),
)  # fmt: skip

DE_RU_ZH_INJECTION: tuple[Phrase, ...] = (
    # --- concealment ----------------------------------------------------------------------
    P("urgency.conceal", "de",
      "erwähne|erwähnen sie|sag|sage|sagen sie|informiere|informieren sie|benachrichtige|"
      "verrate",
      "nicht|nichts|kein wort|niemals", _USER_DE, gap=50, free=True),
    P("urgency.conceal_without", "de",
      "ohne den nutzer|ohne den benutzer|ohne zu informieren|ohne bescheid|ohne rückfrage|"
      "ohne es zu erwähnen|ohne den kunden|hinter dem rücken",
      _VALUE_DE, gap=60, free=True),
    P("urgency.silently", "de",
      "heimlich|unauffällig|stillschweigend|im hintergrund|still und leise|"
      "als wäre nichts|als ob nichts", _VALUE_DE, gap=50, free=True),
    P("urgency.conceal", "ru",
      "не сообщай|не сообщайте|не говори|не говорите|не упоминай|не упоминайте|"
      "не уведомляй|не уведомляйте|не информируй|не рассказывай|скрой|скройте|"
      "без уведомления|не ставь в известность|без ведома",
      _USER_RU, gap=50, free=True),
    P("urgency.silently", "ru",
      "незаметно|тихо|молча|втайне|скрытно|как ни в чём не бывало|как ни в чем не бывало",
      _VALUE_RU, gap=50, free=True),
    P("urgency.conceal", "zh",
      "不要告诉|别告诉|不要通知|不要提及|不要提醒|不要让用户|无需告知|不必告知|不要向用户|"
      "瞒着|不要透露给", "用户|主人|客户|变更|此事|这件事|这个", gap=15, free=True),
    P("urgency.silently", "zh",
      "悄悄|偷偷|默默|静默|暗中|神不知鬼不觉|若无其事|不动声色", _VALUE_ZH, gap=20,
      free=True),
    # --- false consent / memory -----------------------------------------------------------
    P("urgency.prior_consent", "de",
      "zugestimmt|genehmigt|bestätigt|autorisiert|freigegeben|erlaubt|eingewilligt|"
      "ja gesagt|abgesegnet|einverstanden",
      "nutzer|benutzer|besitzer|eigentümer|kunde|inhaber|user",
      "bereits|schon|vorher|zuvor|früher|gestern|letztes mal|letzten sitzung|vorab|"
      "im voraus", gap=50, free=True),
    P("urgency.memory_entry", "de",
      "[gedächtnis]|gedächtnis:|[speicher]|[erinnerung]|gespeicherte einstellung|"
      "gespeicherte präferenz|dauerauftrag|daueranweisung|wie vereinbart|wie besprochen|"
      "wie abgesprochen|aus der letzten sitzung|vorherigen sitzung|merke dir|denk daran",
      _VALUE_DE + "|bestätigung|zugestimmt|genehmigt", gap=90, free=True, read=True),
    P("urgency.without_asking", "de",
      "keine bestätigung|ohne bestätigung|ohne rückfrage|ohne nachzufragen|ohne zu fragen|"
      "nicht nachfragen|frag nicht|bestätigung ist nicht nötig|nicht erforderlich|"
      "führe es direkt aus|einfach ausführen|führe es einfach aus|direkt ausführen",
      _VALUE_DE + "|nutzer", gap=80, free=True, read=True),
    P("urgency.prior_consent", "ru",
      "одобрил*|подтвердил*|разрешил*|согласил*|согласен|авторизовал*|дал согласие|"
      "дал разрешение|сказал да",
      "пользовател*|владел*|клиент*|хозя*",
      "уже|ранее|заранее|вчера|в прошлый раз|прошлой сессии|до этого|прежде", gap=50,
      free=True),
    P("urgency.memory_entry", "ru",
      "[память]|память:|сохранённ* настройк*|сохраненн* настройк*|сохранённ* предпочтени*|"
      "постоянн* инструкци*|постоянное поручение|как договорились|как договаривались|"
      "как обсуждали|из прошлой сессии|предыдущей сессии|запомни:|помни:",
      _VALUE_RU + "|подтверждени*|одобрил*", gap=90, free=True, read=True),
    P("urgency.without_asking", "ru",
      "подтверждение не нужно|подтверждение не требуется|без подтверждения|не спрашивай|"
      "не запрашивай подтверждение|не жди подтверждения|без вопросов|просто выполни|"
      "выполни сразу|сразу выполни",
      _VALUE_RU + "|пользовател*", gap=80, free=True, read=True),
    P("urgency.prior_consent", "zh",
      "已经同意|已同意|同意了|已经批准|已批准|批准了|已经授权|已授权|已确认|已经确认|"
      "已许可|答应了|点头了",
      "用户|主人|所有者|客户|老板", gap=12, free=True),
    P("urgency.memory_entry", "zh",
      "[记忆]|记忆：|记忆:|已保存的偏好|保存的设置|长期指令|常设指令|按照之前的约定|"
      "根据之前的约定|如之前约定|之前已约定|上次会话|上一次会话|之前的会话|记住：|请记住",
      _VALUE_ZH + "|确认|同意|批准", gap=50, free=True, read=True),
    P("urgency.without_asking", "zh",
      "直接执行|不用确认|不必确认|无须确认|无需询问|不用问|不要等待确认|无需确认|"
      "不需要确认|无需用户确认", _VALUE_ZH, gap=40, free=True, read=True),
    # --- urgency --------------------------------------------------------------------------
    P("urgency.deadline_loss", "de",
      "minuten|stunden|sofort|umgehend|unverzüglich|letzte chance|gehen verloren|"
      "sind verloren|werden eingefroren|werden gesperrt|sonst|beeil dich|schnell|"
      "handle jetzt|jetzt handeln", _SEND_DE + "|genehmige|signiere|verbinde",
      "@addr|@url|@amount", gap=80, free=True, read=True),
    P("urgency.deadline_loss", "ru",
      "минут|часов|немедленно|срочно|прямо сейчас|сейчас же|последний шанс|"
      "будут потеряны|потеряешь|будут заморожены|будут заблокированы|иначе|торопись|"
      "быстрее|действуй сейчас", _SEND_RU + "|одобри|подпиши|подключи",
      "@addr|@url|@amount", gap=80, free=True, read=True),
    P("urgency.deadline_loss", "zh",
      "分钟|小时|立即|马上|立刻|紧急|尽快|赶快|最后机会|永久丢失|将被冻结|将被锁定|否则|"
      "赶紧", _SEND_ZH + "|授权|签名|连接|领取", "@addr|@url|@amount", gap=70, free=True,
      read=True),
    # --- over the user / indirection --------------------------------------------------------
    P("override.over_user", "de",
      "unabhängig davon, was der|egal was der nutzer|egal was der benutzer|"
      "ignoriere, was der|ignoriere die anfrage|auch wenn der nutzer|auch wenn es|"
      "der nutzer muss nicht|der nutzer braucht nicht", _VALUE_DE, gap=60, free=True),
    P("override.over_user", "ru",
      "независимо от того, что|неважно, что пользователь|игнорируй запрос|"
      "игнорируй то, что|даже если пользователь|даже если это|пользователю не нужно знать",
      _VALUE_RU, gap=60, free=True),
    P("override.over_user", "zh",
      "不管用户|无论用户|不论用户说|忽略用户|即使用户|用户不需要知道|不必让用户知道|"
      "即使涉及", _VALUE_ZH, gap=30, free=True),
    P("indirection.follow_source", "de",
      "befolge|befolgen|führe|folge|folgen|setze|lies und befolge|arbeite",
      "anweisungen|schritte|befehle|vorgaben|aufgabe|anleitung",
      "@url|@file",
      "bevor du|bevor sie|vor der antwort|auch wenn|genau|ohne nachzufragen|sofort|"
      "nutzer|alle", gap=70, free=True, anchor=1),
    P("indirection.real_task_at", "de",
      "eigentliche aufgabe|wahre aufgabe|echte aufgabe|neue anweisungen|"
      "vollständigen anweisungen|weiteren anweisungen",
      "@url|@file|beschrieben in|gespeichert in|steht in|in der datei|unter dem link|"
      "metadaten", gap=60, free=True),
    P("indirection.follow_source", "ru",
      "выполни|выполните|следуй|следуйте|исполни|исполните|соблюдай|прочитай и выполни",
      "инструкци*|указани*|команд*|шаг*|задани*",
      "@url|@file",
      "прежде чем|перед ответом|перед тем как|даже если|в точности|точно|без вопросов|"
      "немедленно|пользовател*|все", gap=70, free=True, anchor=1),
    P("indirection.real_task_at", "ru",
      "настоящая задача|реальная задача|новые инструкции|полные инструкции|"
      "дальнейшие инструкции",
      "@url|@file|описан* в|хранятся в|находятся в|в файле|по ссылке|метаданн*", gap=60,
      free=True),
    P("indirection.follow_source", "zh",
      "执行|按照|遵循|照着|遵守|服从",
      "指令|指示|说明|命令|步骤|任务",
      "@url|@file",
      "之前|先|即使|严格|立即|全部|用户", gap=70, free=True, anchor=1),
    P("indirection.real_task_at", "zh",
      "真正的任务|真实任务|新的指令|新指令|完整指令|后续指令",
      "@url|@file|写在|存放在|位于|文件中|元数据|链接", gap=70, free=True),
)  # fmt: skip
