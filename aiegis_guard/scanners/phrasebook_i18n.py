"""Injection phrase rules in Spanish, Chinese, Russian, German, French and Portuguese (data).

Same families and syntax as :mod:`aiegis_guard.scanners.phrasebook` (English). Written by
hand for natural phrasing: imperative forms (tú/usted, du/Sie, tu/vous), unaccented
spellings where people commonly drop accents, Russian stems (``инструкц*``) for case endings.
"""

from __future__ import annotations

from aiegis_guard.scanners.phrases.match import P, Phrase

__all__ = ["INJECTION_I18N"]

INJECTION_I18N: tuple[Phrase, ...] = (
    P("override.ignore_previous", "es",
      "ignora|ignore|ignorar|ignoren|olvida|olvide|olvidar|olviden|descarta|descarte|omite|"
      "omita|desestima|haz caso omiso de|no hagas caso a|no hagas caso de",
      "instrucciones|instrucción|instruccion|indicaciones|órdenes|ordenes|reglas|directrices",
      "anteriores|previas|de arriba|precedentes|originales|iniciales|del sistema", gap=30),
    P("override.ignore_everything", "es",
      "ignora|ignore|olvida|olvide|olvidar|descarta|omite",
      "todo lo anterior|todo lo de arriba|todo lo que se te ha dicho|todo lo que te dijeron|"
      "todo lo que te he dicho|todas tus instrucciones|todas las instrucciones|"
      "tus instrucciones", gap=15),
    P("override.forget_all", "es",
      "olvida|olvide|olviden|ignora|ignore",
      "todo lo que|todo que|todo lo",
      "antes|anteriormente|te dije|digo|dije|se te dijo|te han dicho|arriba|dicho", gap=20),
    P("override.new_instructions", "es",
      "nuevas instrucciones:|tus nuevas instrucciones|tu nueva tarea|tu verdadera tarea|"
      "tu tarea real|tus instrucciones reales"),
    P("override.ignore_previous", "zh",
      "忽略|无视|忘记|忘掉|不要理会|不要遵循|不再遵循|丢弃|抛开|放弃|忽视",
      "之前|以前|先前|上面|以上|前面|上述|原来|原先|原有|所有|一切|全部",
      "指令|指示|说明|规则|提示|命令|要求|设定|约束|限制|内容|一切", gap=6),
    P("override.new_instructions", "zh",
      "新的指令:|新指令:|你的新任务|你的新指令|你现在的任务是|你真正的任务|你的真正任务"),
    P("override.ignore_previous", "ru",
      "игнорируй|игнорируйте|проигнорируй|проигнорируйте|игнорировать|забудь|забудьте|"
      "не обращай внимания на|не обращайте внимания на|отбрось|отбросьте|пренебреги|"
      "отмени|отмените",
      "предыдущ*|прежн*|вышеуказанн*|вышеизложенн*|все|всё|свои|твои|ваши|исходн*|"
      "системн*|предшествующ*|данные ранее|ранее данные",
      "инструкц*|указани*|правил*|команд*|установк*|ограничени*|промпт*", gap=30),
    P("override.ignore_everything", "ru",
      "забудь|забудьте|игнорируй|игнорируйте",
      "всё|все",
      "что|выше|ранее|сказано|было|до этого", gap=12),
    P("override.new_instructions", "ru",
      "новые инструкции:|твоя новая задача|ваша новая задача|твои новые инструкции|"
      "ваши новые инструкции|твоя настоящая задача"),
    P("override.ignore_previous", "de",
      "ignoriere|ignorier|ignorieren sie|ignoriert|vergiss|vergessen sie|missachte|"
      "missachten sie|verwirf|übergehe|übergehen sie",
      "alle|sämtliche|deine|ihre|vorherig*|vorig*|bisherig*|obig*|früher*|vorangegangen*|"
      "vorangehend*|ursprünglich*|vorstehend*|die obigen|die vorherigen",
      "anweisung*|instruktion*|befehle|regeln|vorgaben|richtlinien|anordnungen|"
      "einschränkungen|aufträge|auftrag", gap=30),
    P("override.ignore_everything", "de",
      "vergiss|vergessen sie|ignoriere|ignorieren sie|vergesst",
      "alles",
      "was|bisher|zuvor|oben|vorher|davor|bisherige|vorherige|gesagte|ich gesagt", gap=20),
    P("override.ignore_above", "de",
      "ignoriere|ignorieren sie|vergiss|vergessen sie|missachte|höre nicht auf|hör nicht auf",
      "das obige|das vorherige|das zuvor gesagte|alles zuvor gesagte|das oben gesagte|"
      "alles oben|alles obige|alles bisherige|das bisherige|alles vorherige", gap=10),
    P("override.above_ignored", "de",
      "die obigen|das obige|alles obige|alle obigen|alles zuvor gesagte|alles bisherige|"
      "alle vorherigen anweisungen|die vorherigen anweisungen",
      "ignorieren|ignoriere|vergessen|vergiss|missachten", gap=25),
    P("override.forget_all", "de",
      "vergiss alles|vergessen sie alles|ignoriere alles|vergesst alles",
      ("und", ",", "dann", ":", ".", "!"), gap=2),
    P("override.new_instructions", "de",
      "neue anweisungen:|neue anweisung:|deine neue aufgabe|ihre neue aufgabe|"
      "deine neuen anweisungen|ihre neuen anweisungen|deine eigentliche aufgabe|"
      "deine wahre aufgabe|nun folgt eine neue aufgabe|jetzt kommt eine neue aufgabe|"
      "nun folgen neue anweisungen|jetzt folgen neue anweisungen|es folgen neue anweisungen|"
      "nun folgen weitere aufgaben|jetzt folgen weitere aufgaben|es folgen weitere aufgaben|"
      "wir beginnen mit einer neuen aufgabe|fangen sie von vorne an|fang von vorne an|"
      "beginne von vorne|neue aufgabe:"),
    P("override.leave_behind", "de",
      "lass|lassen sie|lasst|vergiss|vergessen sie",
      "alle|sämtliche|die|deine|ihre",
      "vorherigen|bisherigen|früheren|obigen|alten",
      "informationen|anweisungen|aufgaben|vorgaben|gedanken|infos",
      "hinter sich|hinter dir|hinter euch|beiseite|fallen", gap=30),
    P("override.ignore_previous", "fr",
      "ignore|ignorez|ignorer|oublie|oubliez|oublier|néglige|négligez|ne tiens pas compte|"
      "ne tenez pas compte|fais abstraction|faites abstraction",
      "instructions|consignes|directives|règles|ordres|instruction",
      "précédent*|precedent*|antérieur*|anterieur*|ci-dessus|d'avant|initiales|originales|"
      "du système|système", gap=25),
    P("override.ignore_everything", "fr",
      "ignore|ignorez|oublie|oubliez",
      "tout ce qui précède|tout ce qui precede|tout ce qui a été dit|tout ce qu'on t'a dit|"
      "tout ce que je t'ai dit|tout ce qui est au-dessus|tout ce qu'on vous a dit|"
      "toutes tes instructions|toutes vos instructions|toutes les instructions|"
      "toutes les consignes|toutes les règles", gap=10),
    P("override.new_instructions", "fr",
      "nouvelles instructions:|nouvelles instructions :|tes nouvelles instructions|"
      "vos nouvelles instructions|ta nouvelle tâche|votre nouvelle tâche|ta véritable tâche|"
      "ta vraie tâche"),
    P("override.ignore_previous", "pt",
      "ignore|ignora|ignorar|esqueça|esqueca|esquece|esquecer|desconsidere|desconsidera|"
      "despreze|descarte|não siga|nao siga",
      "instruções|instrucoes|orientações|orientacoes|regras|comandos|diretrizes|instrução",
      "anteriores|prévias|previas|acima|iniciais|originais|do sistema", gap=30),
    P("override.ignore_everything", "pt",
      "ignore|esqueça|esqueca|esquece|desconsidere",
      "tudo",
      "acima|o que|anterior|antes|dito", gap=12),
    P("override.new_instructions", "pt",
      "novas instruções:|novas instrucoes:|suas novas instruções|sua nova tarefa|"
      "sua verdadeira tarefa|sua tarefa real"),
    P("persona.you_are_now", "es",
      "ahora eres|a partir de ahora eres|desde ahora eres|actúa como|actua como|finge ser|"
      "finge que eres|compórtate como|comportate como|haz de",
      "sin restricciones|sin filtros|sin límites|sin limites|sin censura|dan|"
      "modo desarrollador|libre de|que no sigue|sin reglas|sin ética|sin etica", gap=50),
    P("persona.dan", "es",
      "modo desarrollador activado|modo de desarrollador activado|modo jailbreak|"
      "modo sin restricciones"),
    P("persona.you_are_now", "zh",
      "你现在是|从现在开始你是|从现在起你是|扮演|假装你是|你将扮演|你现在扮演|充当",
      "不受限制|没有任何限制|无限制|没有限制|不受任何约束|越狱|dan|没有道德|不受审查|"
      "无审查|没有规则|不受规则", gap=25),
    P("persona.dan", "zh",
      "开发者模式已启用|启用开发者模式|越狱模式|越狱版|开发者模式输出|现在开始越狱"),
    P("persona.you_are_now", "ru",
      "теперь ты|отныне ты|ты теперь|веди себя как|притворись|представь, что ты|"
      "представь что ты|сыграй роль|действуй как",
      "без ограничений|без каких-либо ограничений|без цензуры|без фильтров|dan|"
      "не связан*|неограниченн*|без правил|без морали|без этики|режим разработчика", gap=50),
    P("persona.dan", "ru",
      "режим разработчика включ*|режим dan|режим джейлбрейка|джейлбрейк|режим без ограничений"),
    P("persona.you_are_now", "de",
      "du bist jetzt|ab jetzt bist du|von nun an bist du|tu so, als wärst du|"
      "tu so als wärst du|tu so, als ob du|spiele die rolle|verhalte dich wie|agiere als|"
      "handle als|sie sind jetzt|du bist nun|stell dir vor, du bist|stell dir vor du bist|"
      "stellen sie sich vor, sie sind",
      "ohne einschränkungen|ohne beschränkungen|uneingeschränkt*|ohne filter|ohne zensur|"
      "unzensiert*|dan|ohne regeln|ohne moral|ohne ethik|entwicklermodus|böse ki|"
      "ohne grenzen", gap=50),
    P("persona.dan", "de",
      "entwicklermodus aktiviert|entwicklermodus aktivieren|jailbreak-modus|dan-modus|"
      "im jailbreak"),
    P("persona.you_are_now", "fr",
      "tu es maintenant|tu es désormais|à partir de maintenant tu es|dorénavant tu es|"
      "fais comme si tu étais|fais semblant d'être|joue le rôle|agis comme|"
      "comporte-toi comme|vous êtes maintenant",
      "sans restrictions|sans aucune restriction|sans limites|sans filtre|sans censure|"
      "non censuré|dan|sans règles|libéré|libre de toute|sans éthique|sans morale", gap=50),
    P("persona.dan", "fr", "mode développeur activé|mode developpeur active|mode jailbreak"),
    P("persona.you_are_now", "pt",
      "agora você é|agora voce é|agora voce e|a partir de agora você é|finja ser|"
      "finja que você é|aja como|atue como|comporte-se como",
      "sem restrições|sem restricoes|sem limites|sem filtros|sem censura|dan|sem regras|"
      "livre de|sem ética|sem etica", gap=50),
    P("persona.dan", "pt",
      "modo desenvolvedor ativado|modo de desenvolvedor ativado|modo jailbreak"),
    P("prompt_leak.reveal", "es",
      "revela|revele|muestra|muéstrame|muestrame|imprime|repite|dime|escribe|dame|comparte",
      "prompt del sistema|prompt de sistema|instrucciones del sistema|"
      "instrucciones de sistema|instrucciones iniciales|instrucciones originales|"
      "mensaje del sistema|indicaciones del sistema|instrucciones ocultas|tus instrucciones",
      gap=25, anchor=1),
    P("prompt_leak.reveal", "zh",
      "显示|输出|打印|告诉我|泄露|重复|透露|给我看|展示|说出|复述|公开",
      "系统提示|系统提示词|系统指令|初始指令|系统消息|原始指令|隐藏指令|你的提示词|你的指令",
      gap=8, anchor=1),
    P("prompt_leak.reveal", "ru",
      "покажи|покажите|выведи|выведите|раскрой|раскройте|повтори|повторите|напечатай|"
      "скажи|скажите|напиши|процитируй|перечисли|дай мне",
      "системн*|исходн*|начальн*|скрыт*|первоначальн*|свои|твои|ваши",
      "промпт*|инструкц*|подсказк*|сообщени*", gap=25, anchor=1),
    P("prompt_leak.reveal", "de",
      "zeige|zeig|gib|nenne|verrate|wiederhole|drucke|schreibe|offenbare|enthülle|"
      "zeigen sie|geben sie|nennen sie|wiederholen sie",
      "systemprompt|system-prompt|systemanweisung*|systemnachricht*|systemmeldung|"
      "anfänglichen anweisungen|ursprünglichen anweisungen|versteckten anweisungen|"
      "deine anweisungen|ihre anweisungen|initialen anweisungen|deinen prompt", gap=25, anchor=1),
    P("prompt_leak.reveal", "fr",
      "révèle|révélez|revele|affiche|affichez|montre|montrez|montre-moi|répète|répétez|"
      "imprime|donne-moi|dis-moi|recopie|écris",
      "prompt système|prompt systeme|invite système|instructions système|"
      "instructions du système|instructions initiales|instructions originales|"
      "message système|tes instructions|vos instructions|consignes initiales", gap=25, anchor=1),
    P("prompt_leak.reveal", "pt",
      "revele|mostre|imprima|repita|diga|me diga|escreva|exiba|me mostre|compartilhe",
      "prompt do sistema|prompt de sistema|instruções do sistema|instrucoes do sistema|"
      "instruções iniciais|instruções originais|mensagem do sistema|suas instruções|"
      "instruções ocultas", gap=25, anchor=1),
    P("fake_authority.message_from", "es",
      "mensaje del administrador|mensaje del desarrollador|mensaje del equipo de seguridad|"
      "nota para la ia|mensaje para la ia|atención, ia|atención ia|instrucciones para la ia|"
      "instrucciones para el asistente|si eres una ia|si eres un modelo de lenguaje|"
      "política de seguridad impuesta por el usuario|por orden del administrador"),
    P("fake_authority.message_from", "zh",
      "来自管理员的|来自开发者的|来自开发人员的|管理员通知:|开发者指令|管理员指令|致ai|"
      "致人工智能|给ai助手|如果你是ai|如果你是人工智能|ai助手请注意|ai请注意|"
      "用户强制执行的安全策略|这是一条来自"),
    P("fake_authority.message_from", "ru",
      "сообщение от администратора|сообщение от разработчика|сообщение от системы|"
      "уведомление для ии|внимание, ии|внимание ии|для ии-агента|для ии агента|"
      "если ты ии|если вы ии|инструкция для ии|указание администратора|"
      "политика безопасности, установленная пользователем"),
    P("fake_authority.message_from", "de",
      "nachricht vom administrator|nachricht des administrators|nachricht vom entwickler|"
      "nachricht des entwicklers|nachricht vom admin|hinweis an die ki|an die ki:|"
      "achtung ki|achtung, ki|anweisung an die ki|anweisungen für die ki|"
      "wenn du eine ki bist|falls du eine ki bist|sicherheitsrichtlinie des benutzers|"
      "vom benutzer erzwungene sicherheitsrichtlinie"),
    P("fake_authority.message_from", "fr",
      "message de l'administrateur|message de l'admin|message du développeur|"
      "message du developpeur|note à l'ia|note pour l'ia|à l'attention de l'ia|attention ia|"
      "instructions pour l'ia|si tu es une ia|si vous êtes une ia|"
      "politique de sécurité imposée par l'utilisateur"),
    P("fake_authority.message_from", "pt",
      "mensagem do administrador|mensagem do desenvolvedor|nota para a ia|atenção ia|"
      "atenção, ia|instruções para a ia|se você é uma ia|se você for uma ia|"
      "política de segurança imposta pelo usuário"),
    P("indirection.obey_source", "es",
      "sigue|siga|ejecuta|ejecute|obedece|obedezca|cumple|cumpla|lleva a cabo",
      "las instrucciones|las indicaciones|las órdenes|las ordenes",
      "del archivo|en el archivo|de la url|en la url|del enlace|en el enlace|de la página|"
      "en la página|del documento|contenidas en|del memo", gap=20),
    P("indirection.do_what_it_says", "es",
      "haz lo que dice|haz lo que indica|haz lo que te diga|haz todo lo que dice|"
      "obedece lo que dice|obedece las instrucciones"),
    P("indirection.obey_source", "zh",
      "按照|遵循|执行|服从|照着|遵守",
      "文件中的|文件里的|链接中的|网页中的|网址中的|页面上的|文档中的|备注中的",
      "指令|说明|指示|命令|步骤", gap=6),
    P("indirection.obey_source", "ru",
      "выполни|выполните|следуй|следуйте|исполни|исполните|подчинись",
      "инструкци*|указани*|команд*",
      "из файла|в файле|по ссылке|на странице|из документа|в документе|на сайте", gap=20),
    P("indirection.obey_source", "de",
      "befolge|befolgen sie|führe|führen sie|folge|folgen sie",
      "anweisungen|befehle|anordnungen",
      "in der datei|aus der datei|unter dem link|auf der seite|im dokument|"
      "in dem dokument|auf der webseite|unter der url", gap=20),
    P("indirection.obey_source", "fr",
      "suis|suivez|exécute|exécutez|applique|appliquez|obéis|obéissez",
      "les instructions|les consignes|les ordres",
      "du fichier|dans le fichier|de l'url|du lien|de la page|sur la page|du document|"
      "dans le document|contenues dans", gap=20),
    P("indirection.obey_source", "pt",
      "siga|execute|obedeça|obedeca|cumpra",
      "as instruções|as instrucoes|os comandos|as ordens",
      "do arquivo|no arquivo|da url|do link|no link|da página|na página|do documento|"
      "no documento|contidas", gap=20),
    P("urgency.already_approved", "es",
      "el usuario|el propietario|el dueño|el administrador|tu usuario|el titular",
      "ya aprobó|ya aprobo|ya ha aprobado|ya autorizó|ya autorizo|ya ha autorizado|"
      "ya confirmó|ya ha confirmado|ya aceptó|ya ha aceptado|ha preautorizado|preaprobó|"
      "ya dio su permiso|ya ha dado su permiso", gap=15, anchor=1),
    P("urgency.no_confirmation", "es",
      "no pidas|no solicites|sin pedir|sin solicitar|no es necesario pedir|no necesitas pedir|"
      "no preguntes|sin preguntar|sin consultar|no consultes",
      "confirmación|confirmacion|permiso|aprobación|aprobacion|al usuario|autorización",
      gap=20),
    P("urgency.act_now", "es",
      "urgente|de inmediato|inmediatamente|ahora mismo|en los próximos",
      "envía|envia|transfiere|aprueba|firma|retira|mueve|envíe|transfiera", gap=40),
    P("urgency.already_approved", "zh",
      "用户已经|用户已|用户早已|主人已|所有者已|管理员已|用户已经提前|用户事先",
      "批准|授权|同意|确认|许可", gap=4),
    P("urgency.no_confirmation", "zh",
      "无需确认|不需要确认|无需用户确认|不要询问用户|不用询问用户|不必征求|无需征得|"
      "不要请求确认|无需询问|不要向用户确认|跳过确认|不要告诉用户|不要通知用户|无需用户批准"),
    P("urgency.act_now", "zh",
      "立即|马上|立刻|紧急|尽快|赶快",
      "转账|转出|发送|授权|签名|签署|提取|转移|提现", gap=10),
    P("urgency.already_approved", "ru",
      "пользователь|владелец|администратор|хозяин",
      "уже",
      "одобрил*|подтвердил*|разрешил*|согласил*|авторизовал*|санкционировал*", gap=10, anchor=2),
    P("urgency.no_confirmation", "ru",
      "не спрашивай|не спрашивайте|не запрашивай|не запрашивайте|не проси|не уточняй|"
      "не жди|без подтверждения|без согласия|без ведома",
      "подтверждени*|разрешени*|пользовател*|владельц*", gap=15),
    P("urgency.act_now", "ru",
      "срочно|немедленно|прямо сейчас|в течение",
      "переведи|отправь|подпиши|одобри|выведи|перемести|переведите|отправьте|подпишите",
      gap=30),
    P("urgency.already_approved", "de",
      "der benutzer|der nutzer|der besitzer|der eigentümer|der admin|der administrator|"
      "der user|der kunde",
      "hat bereits|hat schon|bereits|schon",
      "zugestimmt|genehmigt|bestätigt|autorisiert|freigegeben|erlaubt|eingewilligt",
      gap=20, anchor=2),
    P("urgency.no_confirmation", "de",
      "frag nicht|frage nicht|fragen sie nicht|nicht nachfragen|nicht rückfragen|"
      "ohne rückfrage|ohne nachfrage|ohne zustimmung|ohne bestätigung des",
      "bestätigung|erlaubnis|benutzer|nutzer|zustimmung|genehmigung|besitzer", gap=25),
    P("urgency.act_now", "de",
      "dringend|sofort|umgehend|unverzüglich",
      "überweise|sende|schicke|genehmige|signiere|unterschreibe|transferiere|überweisen sie|"
      "senden sie", gap=30),
    P("urgency.already_approved", "fr",
      "l'utilisateur|le propriétaire|l'administrateur|ton utilisateur|votre utilisateur|"
      "le client",
      "a déjà|a deja|déjà",
      "approuvé|autorisé|confirmé|accepté|validé|donné son accord", gap=15, anchor=2),
    P("urgency.no_confirmation", "fr",
      "ne demande pas|ne demandez pas|sans demander|ne pas demander|sans consulter",
      "confirmation|permission|autorisation|l'avis|à l'utilisateur|l'utilisateur", gap=20),
    P("urgency.act_now", "fr",
      "urgent|immédiatement|tout de suite|sans délai",
      "envoie|envoyez|transfère|transférez|approuve|approuvez|signe|signez|vire|virez",
      gap=30),
    P("urgency.already_approved", "pt",
      "o usuário|o usuario|o utilizador|o proprietário|o dono|o administrador|seu usuário|"
      "o cliente",
      "já|ja",
      "aprovou|autorizou|confirmou|concordou|consentiu|permitiu", gap=15, anchor=2),
    P("urgency.no_confirmation", "pt",
      "não peça|nao peça|nao peca|sem pedir|não solicite|sem solicitar|não pergunte|"
      "sem perguntar|sem consultar",
      "confirmação|confirmacao|permissão|permissao|autorização|aprovação|ao usuário|o usuário",
      gap=20),
    P("urgency.act_now", "pt",
      "urgente|imediatamente|agora mesmo|sem demora",
      "envie|transfira|aprove|assine|saque|mova", gap=30),
)  # fmt: skip
