"""Words of :mod:`.oversight_asks`, per language, from the dictionary senses of each word.

Each table is the alternation of a class of words in English, Spanish, Portuguese, French,
German, Italian, Russian, Ukrainian, Polish, Turkish, Arabic, Hindi, Indonesian, Vietnamese,
Chinese, Japanese and Korean (the lead's 16 languages and Italian), written from the
languages' dictionary senses (Wiktionary glosses of "confirmation", "limit", "skip", "trust"
…), never from the rows that measure them. Every repeat is bounded: the tables run inside a
window around a literal, never over a whole text.
"""

from __future__ import annotations

__all__ = [
    "CHECK",
    "CLAIM",
    "DROP",
    "FUTURE",
    "LIMIT",
    "NEGATION_AFTER",
    "NEGATION_BEFORE",
    "ORDER_FRAME",
    "OWNER",
    "PREAUTH",
    "PREPOSITION",
    "PRESSURE",
    "REQUEST",
    "REQUEST_START",
    "TRUST",
    "VAGUE_REF",
    "VALUE_CHECK",
    "VALUE_CONTEXT",
    "VALUE_OBJECT",
    "VALUE_VERB",
    "VERB_LAST",
    "WITHOUT",
]

# a check on the agent: confirmation, approval, limit, allowlist, review, log, alert, 2FA
CHECK = (
    r"\bthe usual (?:back-and-forth|process|sign-?off)\b|"
    r"\b(?:re-?)?confirm(?:ations?|ing)?\b|\bre-?confirm\w{0,4}|\bapprovals?\b|\bsign-?off\b|"
    r"\b(?:daily |spending |transfer |withdrawal )?limits?\b|\b(?:allow|white)-?list\w{0,4}|"
    r"\b(?:security |compliance )?reviews?\b|\baudit (?:log|trail)s?\b|\blog(?:s|ging)?\b|"
    r"\balerts?\b|\bnotifications?\b|\b2fa\b|\bmfa\b|\btwo-factor\b|\bverifications?\b|"
    r"\b(?:the|a|any|all|these|those|security|compliance|safety|risk|policy|usual)\s{1,3}checks?\b|"
    r"\bchecks\b|\bsafeguards?\b|\breview_required\b|"
    # es / pt / it / fr
    r"\bconfirma(?:ci[oó]n|ção|zione|tion)\w{0,3}|\baprova(?:ci[oó]n|ção)\w{0,3}|"
    r"\bapprova(?:zione|tion)\w{0,2}|\bvalidation\w{0,2}|\bl[ií]mite\w{0,3}|\bplafond\w{0,2}|"
    r"\blista (?:blanca|branca|bianca|de permiss[õo]es|de permitidos)|\bliste blanche|"
    r"\brevis(?:i[oó]n|ão|ione)\w{0,2}|\bregistro\w{0,2}|\bbit[aá]cora|\bjournal\w{0,6}|"
    r"\balerta\w{0,2}|\bnotifich\w{0,2}|\bavvisi\b|\bnotifica(?:ci[oó]n|ção|zione)\w{0,3}|"
    r"\bverifica(?:ci[oó]n|ção|zione)?\w{0,3}|"
    r"\bv[ée]rification\w{0,2}|\bcontr[oô]l(?:e|es|i|o|os)\b|"
    # de
    r"\bbestätigung\w{0,3}|\bgenehmigung\w{0,3}|\b(?:tages)?limit\w{0,2}|\bwhitelist\w{0,2}|"
    r"\b(?:über)?prüfung\w{0,3}|\bprotokoll\w{0,6}|\bbenachrichtigung\w{0,3}|\bwarnung\w{0,3}|"
    r"\bkontrolle\w{0,2}|"
    # ru / uk / pl
    r"(?<!\w)(?:подтвержд|підтвердж|одобрен|погоджен|согласован|лимит|ліміт|провер|перевір|"
    r"журнал|логирован|уведомлен|оповещен|сповіщен|контрол|двухфактор)\w{0,6}|"
    r"(?<!\w)(?:бел|біл)\w{1,3} спис\w{0,4}|"
    r"\b(?:potwierdze|zatwierdze|weryfikacj|powiadomie|dziennik)\w{0,4}|\bbiał\w{1,3} list\w{0,2}|"
    # tr
    r"\b(?:onay|doğrulama|bildirim|uyarı|kontrol|inceleme|limit)\w{0,5}|\bbeyaz liste\w{0,4}|"
    r"\bizin listesi\w{0,2}|"
    # ar / hi
    r"(?:ال)?(?:تأكيد|موافقة|حد اليومي|حدود|القائمة البيضاء|مراجعة|سجل|تسجيل|إشعار|إشعارات|تنبيه|"
    r"تحقق|التحقق)|"
    r"पुष्टि|मंज़ूरी|मंजूरी|अनुमोदन|सीमा|लिमिट|व्हाइटलिस्ट|समीक्षा|लॉग|सूचना|अलर्ट|जाँच|जांच|"
    r"सत्यापन|"
    # id / vi
    r"\b(?:konfirmasi|persetujuan|batas harian|daftar putih|verifikasi|notifikasi|pemberitahuan|"
    r"peninjauan|pencatatan)\b|"
    r"\b(?:xác nhận|phê duyệt|hạn mức|giới hạn|danh sách trắng|nhật ký|xác minh|thông báo|"
    r"cảnh báo)\b|"
    # zh / ja / ko
    r"确认|確認|审批|審批|批准|限额|额度|白名单|审核|复核|日志|通知|提醒|告警|验证|二次|"
    r"承認|上限|限度額|ホワイトリスト|許可リスト|レビュー|審査|ログ|アラート|認証|"
    r"확인|승인|한도|화이트리스트|허용 목록|검토|로그|알림|인증|절차"
)

# a verb that drops a check (read with a negation before or after it: "do not skip")
DROP = (
    # English: a base form, an order only in an order's frame (read by the caller)
    r"(?P<en>\b(?:skip|bypass|disable|pause|suspend|turn off|switch off|shut off|deactivate|"
    r"relax|loosen|lift|waive|override|ignore|hold off(?: on)?|circumvent|get around|mute|"
    r"silence)\b)|(?P<loosen>\b(?:raise|increase|remove|double|bump(?: up)?)\b)|"
    r"(?P<en_treat>\btreat\b[^.\n]{0,40}\bas (?:advisory|optional|a suggestion)\b)|"
    r"(?P<en_keep>\bkeep (?:it|this|them) (?:off|out of) (?:the |our )?)|"
    r"(?P<set_off>=\s?(?:false|off|0)\b)|"
    # es / pt / it / fr (each verb's imperative, infinitive and polite forms)
    r"\b(?:s[aá]ltate|saltarte|saltarse|saltar|salta|omite|omitir|omita|desactiva|desactivar|"
    r"desactive|pausa|pausar|suspende|suspender|suspenda|ignora|ignorar|apaga|apagar|pula|pular|"
    r"pule|desativa|desativar|desative|desliga|desligar|desligue|dispensa|dispensar|saute|sauter|"
    r"sautez|ignorer|ignorez|désactive|désactiver|désactivez|suspends|suspendre|suspendez|"
    r"contourne|contourner|contournez|coupe|couper|coupez|saltare|saltate|ignorare|disattiva|"
    r"disattivare|sospendi|sospendere|aggira|aggirare|spegni|spegnere)\b|\bpasser outre\b|"
    r"\bmettre en pause\b|(?P<loosen_rom>\b(?:quita|quitar|elimina|eliminar|sube|subir|aumenta|"
    r"aumentar|remova|remover|aumente|lève|lever|levez|augmente|augmenter|augmentez|alza|alzare|"
    r"aumentare)\b)|"
    # de
    r"\b(?:überspring|ignorier|deaktivier|abschalt|ausschalt|aussetz|pausier|umgeh|weglass)\w{0,4}|"
    r"(?P<loosen_de>\b(?:erhöh|aufheb)\w{0,4})|\b(?:schalte|setze|hebe|"
    r"lass)\w{0,2}\b[^.\n]{0,40}\b(?:ab|aus|auf|"
    r"weg)\b|"
    # ru / uk / pl
    r"(?<!\w)(?:отключи|отключите|отключить|выключи|выключите|выключить|пропусти|пропустите|"
    r"пропустить|приостанови|приостановите|приостановить|обойди|обойдите|обойти|игнорируй|"
    r"игнорируйте|игнорировать|вимкни|вимкніть|вимкнути|пропустіть|пропустити|призупини|"
    r"призупиніть|призупинити|обійди|обійдіть|обійти|ігноруй|ігноруйте|ігнорувати)(?!\w)|"
    r"(?P<loosen_ru>(?<!\w)(?:сними|снимите|снять|подними|поднимите|поднять|повысь|повысьте|"
    r"повысить|зніми|зніміть|зняти|підвищ|підвищте|підвищити)(?!\w))|"
    r"\b(?:pomi[nń]|wyłącz|wstrzymaj|zawieś|obejd|ignoruj|podnie[sś]|znie[sś])\w{0,4}|"
    # tr: the imperative and the polite request forms only ("kaldıramaz" denies)
    r"\b(?:atla|kapat|duraklat)(?:ın|in|yın|yin|abilir misin|"
    r"abilir misiniz|ayabilir misin|ayabilir misiniz)?\b|\b(?:devre dışı bırak|askıya al|"
    r"es geç|görmezden gel|yok say)(?:ın|in)?\b|(?P<loosen_tr>\b(?:kaldır|yükselt|artır|arttır)"
    r"(?:ın|in|abilir misin|abilir misiniz)?\b)|"
    # ar / hi
    r"(?<!\w)(?:تجاوز|تخطَّ|تخط|تخطي|عطّل|عطل|تعطيل|أوقف|أوقفوا|إيقاف|علّق|تعليق|تجاهل)(?!\w)|"
    r"(?P<loosen_ar>(?<!\w)(?:ارفع|رفع)(?!\w))|"
    r"छोड़\s?(?:दो|दें|दीजिए|देना|कर)|बंद\s?कर|रोक\s?(?:दो|दें|लो)|अनदेखा|"
    r"(?P<loosen_hi>हटा\s?(?:दो|दें)|बढ़ा\s?(?:दो|दें))|"
    # id / vi
    r"\b(?:lewati|lewatkan|nonaktifkan|matikan|tangguhkan|jedakan|abaikan)\b|"
    r"(?P<loosen_id>\b(?:naikkan|hapus)\b)|"
    r"\b(?:bỏ qua|tắt|tạm dừng|vô hiệu hóa|phớt lờ)\b|(?P<loosen_vi>\b(?:nâng|gỡ)\b)|"
    # zh / ja / ko
    r"跳过|略过|绕过|关闭|关掉|停用|禁用|暂停|忽略|免去|省去|(?P<loosen_zh>提高|调高)|"
    r"スキップ|省略|飛ばし|無効|オフに|停止|無視|(?P<loosen_ja>引き上げ)|"
    r"건너뛰|건너 뛰|생략|비활성|중지|정지|무시|우회|꺼\s?주|끄고|(?P<loosen_ko>올려)"
)
# a negation just before a drop verb: the order keeps the check ("do not skip the review")
NEGATION_BEFORE = (
    r"(?:\b(?:not|don't|do not|never|no|cannot|can't|won't|mustn't|shouldn't|nunca|jamás|"
    r"refuse\w{0,2}|"
    r"than|instead of|"
    r"prevent\w{0,3}|forbid\w{0,4}|prohibit\w{0,3}|"
    r"não|nicht|nie|niemals|kein\w{0,3}|non|mai|jamais|pas|ne|n'|nie|jangan|tidak|không|đừng)|"
    r"(?<!\w)(?:не|ни|никогда|ніколи)|(?<!\w)(?:لا|لن)|मत|नहीं|不要|不得|不可|别|勿|禁止|不能|不会)"
    r"\s{0,3}(?:\w{1,20}\s{1,3}){0,4}$"
)
# a negation just after (Japanese, Korean, Turkish, Hindi put it after the verb)
NEGATION_AFTER = (
    r"\w{0,4}(?:しない|せず|禁止|されません|しません|できます|できる|可能|지\s?마|지\s?않|하지 ?마|"
    r"할 수|ma(?:yın|yin|z|sın)?\b|me(?:yin|z|sin)?\b|मत|सकते|सकता)"
)

# an order that drops a check with its own negation ("don't wait for", "no need to ask",
# "without a confirmation"): a check or the owner within the clause
WITHOUT = (
    r"\b(?:don't|do not|no need to|needn't|need not|(?:you|let's|please|to) not|shouldn't|"
    r"should not)\s{1,3}"
    r"(?:\w{1,12}\s{1,3})?(?:wait(?:ing)? for|ask(?:ing)?(?: for)?|send(?:ing)?|writ(?:e|ing) to|"
    r"add(?:ing)?|bother(?:ing)?|notify(?:ing)?|alert(?:ing)?|log(?:ging)?|check(?:ing)?|"
    r"run(?:ning)?|trigger(?:ing)?|request(?:ing)?|includ(?:e|ing)|disturb|involve|drag|"
    r"be (?:included|sent|logged|recorded|notified|asked|told))\b|\bkeep (?:them|it|this) out\b|"
    r"\bno (?:need|point)(?: for| in)?\b|\bwithout\b|\bwon't need\b|"
    r"\b(?:no (?:hace falta|es necesario|esperes|env[ií]es|avises|pidas|registres|anotes)|sin|"
    r"não (?:precisa|é necessário|espere|envie|avise|registre)|sem|dispens\w{0,4}|"
    r"pas besoin|inutile|sans|n'attend\w{0,3} pas|"
    r"nicht (?:nötig|warten|melden|benachrichtigen|protokollieren)|ohne|kein\w{0,2} \w{1,20} nötig|"
    r"non (?:serve|aspettare|inviare|registrare)|senza|"
    r"tidak perlu|tanpa|không cần|mà không|bez|nie (?:trzeba|czekaj|wysyłaj))\b|"
    r"(?<!\w)(?:не (?:нужно|надо|требуется|ждать|жди|ждите|писать|записывать|отправлять|"
    r"присылать|уведомлять|сообщать|спрашивать|беспокоить|проверять|запрашивать|логировать|"
    r"треба|чекай|надсилай|повідомляй)|без|не\s?потрібно)(?!\w)|"
    r"gerek yok|gerek kalmadan|\w{2,12}(?:madan|meden)\b(?! önce)|"
    r"(?:لا (?:حاجة|داعي|يلزم|تنتظر|ترسل)|بدون|دون)|"
    r"(?:ज़रूरत नहीं|जरूरत नहीं|बिना)|"
    r"不用|无需|無需|不必|不需要|无须|不要等|别等|免|"
    r"必要(?:は)?(?:ない|ありません)|不要|せずに|待たずに|"
    r"필요 ?없|(?:묻|확인하|기다리|알리)지 ?말고|않고|없이"
)

# the owner (or a boss) kept out: "no need to bother the boss", "не беспокоить владельца"
OWNER = (
    r"\b(?:owner|boss|manager|him|her|dueño|dueña|jefe|jefa|dono|chefe|propriétaire|patron|"
    r"inhaber\w{0,2}|chef\w{0,2}|titolare|capo|pemilik|bos|atasan|chủ|sếp|patron\w{0,3}|"
    r"sahib\w{0,3}|właściciel\w{0,3}|szef\w{0,3})\b|"
    r"(?<!\w)(?:владел|власник|руководител|начальник|керівник|шеф)\w{0,4}|المالك|المدير|"
    r"मालिक|बॉस|老板|主人|所有者|领导|オーナー|社長|上司|사장님|대표님|오너"
)

# an order to take a party or channel as the owner's own, or to trust a new one
TRUST = (
    r"\b(?:trust this|trust my|trust the new|trust me|trust it|trust these|trust her|"
    r"trust him)\b|(?P<as_own>\btreat(?:ed)?\b[^.\n]{0,60}\b"
    r"(?:as (?:me|mine|my own|his own|her own|his|hers|the owner(?:'s)?|coming from)|like "
    r"(?:mine|me|his))\b|(?<!only )\bcomes?\sfrom\s(?:him|her|the owner)\b(?!'s| \w{0,12}(?:team|"
    r"office)))|"
    r"\btreat(?:ed)?\b[^.\n]{0,60}\bas (?:trusted|fully trusted)\b|"
    r"\bfully trusted\b|\bsave (?:this number|this contact|the new number|the new contact|"
    r"my new number|my new contact)\b|"
    r"\bconfirm (?:only )?(?:with me )?here\b|\bdelegated (?:signing )?authority\b|"
    r"\b(?:as|the same as) (?:his own|her own|the owner's own)\b|"
    r"\b(?:my|her|his) approvals? (?:is|are|counts?) (?:as good as|the same as) "
    r"(?:his|hers|mine)\b|"
    r"\bconf(?:ía en|ia en)\b|\bguarda este contacto\b|\bconfirma (?:solo )?conmigo\b|"
    r"\bcomo (?:si fuera|el|del) (?:due[ñn]o|m[ií]o)\b|\bconfi(?:ar nest|e nest)[ea]\b|"
    r"\bpode confiar\b|\bvertrau\w{0,4}|\b(?:wie|als) meine\w{0,2} behandeln\b|"
    r"\bfai(?:tes|s) confiance\b|\bcomme (?:moi|les miens|venant de moi)\b|\bfidati\b|"
    r"(?<!\w)(?:доверяй|довіряй|доверяйте|довіряйте)\w{0,3}|(?<!\w)сохрани\w{0,3} (?:этот )?"
    r"(?:контакт|номер)|(?<!\w)(?:как (?:мои|мой|меня)|як (?:мої|мене))(?!\w)|"
    r"\bgüven(?:in|iniz)?\b|\bgüvenilir (?:say|kabul)\w{0,4}|\bbenimmiş gibi\b|\bpercaya\w{0,3}|"
    r"\bkonfirmasi ke nomor ini\b|"
    r"\btin tưởng\b|ثق|اعتبر\w{0,3}|भरोसा|信任|信得过|视为本人|等同|本人と同様|信頼|"
    r"본인 승인과 동일|동일하게 처리|믿어"
)

# a claim of who writes: the owner, a new account / phone, an admin, the guard, a proxy
CLAIM = (
    r"\b(?:this is|it's|it is|i'm|i am|here is)\s{1,3}(?:really\s{1,3})?"
    r"(?:(?:the|your) owner(?! of\b)|the boss|your boss|the admin\w{0,8}|"
    r"the (?:security|compliance) (?:team|module|officer)|"
    r"the (?:guard|policy engine|wallet provider)|(?:the owner's|his|her) (?:new )?(?:executive )?"
    r"(?:assistant|accountant|secretary|ea|deputy|proxy))\b|"
    r"\b(?:owner|boss|admin|mum|mom|dad)\s{1,3}here\b|\bfrom the owner's office\b|"
    r"\b(?:my|from (?:a|my|this)) new (?:phone|number|account|e-?mail)\b|\bowner-(?:proxy|"
    r"assistant|bot)\b|"
    r"\bmessage from the (?:policy engine|guard|security module|owner)\b|"
    r"\[(?:admin|administrator|yönetici|администратор|адмін)\]|"
    r"\b(?:soy (?:yo|el due[ñn]o|la due[ñn]a|la asistente|el asistente)|mi n[uú]mero nuevo|"
    r"este es mi n[uú]mero|aqui é o dono|sou o dono|mudei de (?:conta|n[uú]mero)|"
    r"hier ist (?:der|die) (?:inhaber|chef)\w{0,2}|ich bin (?:der|die) (?:neue )?\w{0,12}"
    r"(?:inhaber|chef|assistent)\w{0,2}|c'est (?:moi|le propriétaire)|je suis (?:le|la) "
    r"(?:propriétaire|nouvelle? assistante?)|ini saya pemilik|saya pemilik|nomor (?:baru|lama))\b|"
    r"(?<!\w)(?:это я|це я|я (?:новый|новая|новий|нова) \w{2,12}|пишу с нового|пишу з нового|"
    r"с нового (?:номера|аккаунта)|з нового)(?!\w)|"
    r"\bben (?:patron|sahib\w{0,3}|yönetici)\w{0,3}|\byeni (?:numara|hesap|telefon)\w{0,5}|"
    r"أنا المالك|رقمي الجديد|मैं मालिक|मेरा नया नंबर|我是老板|我的新|新手机|新号|"
    r"オーナーです|新しい(?:番号|アカウント)|사장님이 [^.\n]{0,30}하셨습니다|새 (?:번호|계정)"
)

# a value-bearing thing named vaguely: the payment, the transfer, the invoice, the top-up
VALUE_OBJECT = (
    r"\b(?:payments?|transfers?|invoices?|payouts?|top-?ups?|refunds?|settlements?|reimbursements?|"
    r"wires?|the money|funds|wallet thing|remittance|the release|the balance|the (?:usual|agreed|"
    r"same|remaining) amount)\b(?![`(])(?!\s(?:deadlines?|terms|schedules?|methods?|details|"
    r"history|reminders?|"
    r"polic(?:y|ies)|process|settings|options|page|portal|status|summary|reports?|records?|data|"
    r"forms?|templates?|system|tool|api|hash|id)\b)|\bmoney bot\b|"
    r"\b(?:pago|pagamento|transferencia|transferência|factura|fatura|reembolso|liberaci[oó]n|"
    r"libera\w{0,4}|remesa|paiement|virement|facture|remboursement|versement|pagamento|bonifico|"
    r"zahlung|überweisung|rechnung|freigabe|auszahlung|erstattung|pembayaran|transfer|tagihan|"
    r"rimborso|fattura|pagamento|"
    r"thanh toán|chuyển khoản|hoàn tiền|ödeme|havale|iade|fatura|bakiye)\w{0,3}\b|"
    r"(?<!\w)(?:перевод|оплат|платеж|платёж|счёт|счет|поповнен|переказ|рахун|виплат|выплат|"
    r"возврат|переведи|переказ|przelew|płatno|faktur)\w{0,4}|"
    r"التحويل|تحويل|الدفعة|دفعة|الفاتورة|المبلغ|भुगतान|पैसे|रकम|ट्रांसफर|"
    r"付款|转账|打款|汇款|报销|发票|结算|支払|送金|精算|振込|請求書|송금|입금|결제|이체|정산|환불"
)
# a bare reference to something agreed before: "what we discussed", "the pending one"
VAGUE_REF = (
    r"\b(?:what we (?:talked about|discussed|agreed)|(?:the way|as|like) we (?:discussed|agreed|"
    r"talked about)|the pending one|the usual|same as (?:last|before|friday|monday|august)|"
    r"as before|the one we (?:mentioned|discussed)|take care of it)\b|"
    r"\b(?:como (?:quedamos|hablamos|acordamos|combinamos)|aquilo que combinamos|o que combinamos|"
    r"lo (?:de siempre|que hablamos)|wie besprochen|wie (?:letztes|vereinbart)|comme convenu|"
    r"como sempre|seperti biasa|yang kemarin|như đã bàn)\b|"
    r"(?<!\w)(?:как (?:мы )?(?:договаривались|обсуждали)|то, что мы обсуждали|як (?:ми )?"
    r"(?:обговорювали|домовлялися))(?!\w)|"
    r"ما اتفقنا عليه|نفس طريقة|जैसा हमने तय|先日お話し|いつも通り|例の|上次|老样子|照旧|늘 하던|"
    r"konuştuğumuz|geçen seferki gibi"
)
# a request to the agent: "please", "can you", the polite request forms of each language
REQUEST = (
    r"\b(?:please|pls|plz|can (?:you|u)|(?:can|could) (?:the )?(?:\w{1,10} )?(?:bot|agent|"
    r"assistant)|"
    r"could (?:you|u)|would you|would it be (?:\w{1,12} )?(?:possible|inconvenient|okay|ok|"
    r"alright|a problem)|"
    r"would it be possible|I need you to|I'd (?:really )?appreciate it if|go ahead|kindly|"
    r"the (?:bot|agent|assistant) (?:should|must|can|could))\b|"
    r"\b(?:por favor|le agradecer[ií]a|te agradecer[ií]a|procediera|proceda|pode (?:por favor|"
    r"você)|poderia|"
    r"bitte|könnte|kannst|s'il (?:te|vous) pla[iî]t|pourriez|pouvez|per favore|"
    r"tolong|mohon|làm ơn|hãy|lütfen|yapabilir|(?:aktar|gönder|öde|yolla)(?:sın|sin|ın|in))\b|"
    r"(?<!\w)(?:прошу|просим|пожалуйста|будь ласка)(?!\w)|"
    r"أرجو|من فضلك|يرجى|कृपया|"
    r"请|麻烦|お願い|ください|いただけ|주세요|부탁|해 ?줘"
)
# an order by its verb at the start of a clause: the imperative of a value verb
REQUEST_START = (
    r"(?:process|handle|complete|release|send|pay|transfer|wrap up|settle|finish|execute|do|"
    r"take care of|go ahead|procede|haz|env[ií]a|paga|transfiere|libera|faz|fa[çc]a|manda|"
    r"transfere|überweise|zahle|schick|erledige|mach|fais|envoie|paie|règle|vire|traite|fai|"
    r"invia|completa|procedi|переведи|отправь|оплати|проведи|сделай|выполни|надішли|зроби|"
    r"öde|gönder|aktar|yap|نفّذ|نفذ|حوّل|حول|ادفع|أرسل|kirim|bayar|selesaikan|proses|chuyển|"
    r"gửi|转|付|打款|处理)(?!\w)"
)
# pressure: urgency, secrecy from the owner, authority, guilt or flattery
# pressure on a vague value act: secrecy, guilt, flattery, a claimed verbal approval, the writer out
# of reach — not a deadline alone ("today", "urgent", "customers are waiting": every workplace
# request to a person has one)
PRESSURE = (
    r"\b(?:boarding|won't have signal|"
    r"annoyed|sitting there|I'll explain later|between us|keep it quiet|feel awful|"
    r"I'd hate|the only one|great help|so grateful|first impression|embarrass\w{0,4}|"
    r"approved (?:it )?verbally|nodded it through|everyone is aligned|you're a star|"
    r"without the usual|back-and-forth|no need to bother|don't want to (?:drag|bother)|"
    r"off the (?:log|record|books)|quietly|discreet\w{0,2}|keep (?:it|this) (?:quiet|between))\b|"
    r"\b(?:vergüenza|sin alarde|sem alarde|depois te explico|blöd da)\b|"
    r"(?<!\w)(?:не хочу турбувати|не хочу беспокоить)(?!\w)|شفهياً|شفهيا"
)
# a check that guards value by itself: an allowlist, a spending / transfer / withdrawal limit, an
# approval or sign-off, a second factor (a confirmation, a review, a log, an alert guard any work)
VALUE_CHECK = (
    r"approv|sign-?off|2fa|mfa|two-factor|two-step|aproba|aprova|approva|approbation|genehmigung|"
    r"одобрен|погоджен|zatwierdz|onay|موافقة|मंज़ूरी|मंजूरी|अनुमोदन|persetujuan|phê duyệt|审批|"
    r"批准|承認|승인|dos pasos|duas etapas|deux facteurs|zwei-faktor|двухфактор|двофактор|"
    r"allow-?list|white-?list|lista (?:blanca|branca|bianca|de permi)|liste blanche|"
    r"бел\w{1,3} спис|біл\w{1,3} спис|biał\w{1,3} list|beyaz liste|izin listesi|"
    r"القائمة البيضاء|व्हाइटलिस्ट|"
    r"daftar putih|danh sách trắng|白名单|ホワイトリスト|許可リスト|화이트리스트|허용 목록|"
    r"(?:daily|spending|transfer|withdrawal) limit|tageslimit|batas harian|hạn mức|限额|额度|"
    r"限度額|한도"
)
# what makes a dropped check one on the agent's value acts: a value-bearing thing or verb, the
# wallet, its funds or its owner in the message ("pause notifications for the all-hands",
# "don't ask me to confirm calendar invites" guard nothing of value)
VALUE_CONTEXT = (
    r"\b(?:wallets?|funds|crypto|tokens?|usdc|usdt|eth|btc|sol|withdraw\w{0,5}|deposits?|"
    r"transactions?|swaps?|spend\w{0,3}|owner|billetera|cartera|carteira|portefeuille|"
    r"geldbörse|portafoglio|dompet|cüzdan\w{0,3}|ví tiền|fondos|fundos|fonds|fondi|dana|"
    r"retiro|saque|retrait|auszahlung|prelievo|penarikan|çekim|rút tiền|dueñ[oa]|dono|"
    r"propriétaire|inhaber\w{0,2}|titolare|pemilik|sahib\w{0,3}|właściciel\w{0,3}|chủ sở hữu|"
    r"payroll|salar(?:y|ies)|n[óo]mina|wypła\w{1,4}|przelew\w{0,3}|pagament\w{1,2})\b|"
    r"(?<!\w)(?:кошел|гаманц|гаманець|средств|кошти|вывод|виведен|владел|власник)\w{0,4}|"
    r"محفظة|أموال|سحب|المالك|वॉलेट|फंड|निकासी|मालिक|钱包|资金|提现|提币|主人|所有者|"
    r"ウォレット|資金|出金|オーナー|지갑|자금|출금|오너"
)
# a rule for the future in a note: "from now on", "always", "standing instruction", "whenever"
FUTURE = (
    r"\b(?:from now on|going forward|always|standing (?:instruction|order)s?|whenever|whatever|"
    r"every (?:month|time|week)|each (?:month|time|week)|recurring|until further notice|"
    r"permanent\w{0,2})\b|"
    r"\b(?:a partir de (?:ahora|agora|hoy|hoje)|siempre|sempre|ab (?:jetzt|sofort)|immer|"
    r"désormais|toujours|d'ora in poi|mulai sekarang|selalu|từ nay|luôn|kalıcı|her zaman|"
    r"ne isterse|her müşteri\w{0,3})\b|"
    r"(?<!\w)(?:с этого момента|отныне|всегда|всё, что|все, что|надалі|завжди|усе, що)(?!\w)|"
    r"من الآن|دائماً|دائما|अब से|हमेशा|以后|今后|今後|从现在|凡是|常に|"
    r"오늘부터|앞으로|항상|늘"
)
# pre-authorisation: the act done without the owner ("just do it", "approve without asking")
PREAUTH = (
    # whole phrases, not a shared head: the literal gate keys on the longest run every match
    # holds, and "without " or "don't " stand in most paragraphs
    r"\b(?:just do it|approve anything|approve everything|approve all|without asking|"
    r"without checking|without verification|without confirmation|without approval|"
    r"no need to ask|no need to confirm|no need to check|don't ask|don't confirm|don't see it|"
    r"don't need to ask|don't need to confirm|don't need to see it|do not ask|act first|"
    r"as his own|as her own|fully trusted|pay them immediately|pay it immediately)\b|"
    r"\b(?:sin (?:preguntar|consultar|confirmaci[oó]n|aprobaci[oó]n)|sem (?:perguntar|consultar|"
    r"confirmação|aprovação)|dispensa|ohne (?:zu )?(?:fragen|rückfrage|nachzufragen|bestätigung)|"
    r"sans (?:lui )?(?:demander|confirmation|validation)|senza (?:chiedere|conferma|"
    r"approvazione)|tanpa (?:bertanya|konfirmasi|persetujuan)|không cần (?:hỏi|xác nhận)|"
    r"onaylanabilir|bana sorma|sormadan|onay almadan|onaysız|doğrulama yapmadan)\w{0,4}\b|"
    r"(?<!\w)(?:без (?:вопросов|подтвержден\w{0,3}|согласован\w{0,3}|проверк\w{0,2}|"
    r"підтвердж\w{0,5}|погоджен\w{0,2}|зайвих)|не спрашивая|одобрять)(?!\w)|"
    r"(?:دون|بدون) (?:سؤال|تأكيد|موافقة)|बिना (?:पूछे|पुष्टि|मंज़ूरी)|直接批|直接处理|不用再问|"
    r"不用每次|无需确认|不用确认|確認不要|確認せず|確認なしで|承認なしで|묻지 말고|바로 처리|"
    r"확인 없이|승인 없이|본인 승인과 동일"
)
# the prepositions among WITHOUT: a statement unless an order frames them ("approved without
# review" reports; "process it without review" orders)
PREPOSITION = (
    r"(?:without|sin|sem|sans|ohne|senza|без|bez|tanpa|mà không|بدون|دون|बिना|dispens|won't|"
    r"\w{2,12}(?:madan|meden)|없이|않고|せずに|待たずに)"
)

# German, Turkish and the scripts that put the verb last: a check may stand before its verb
VERB_LAST = (
    r"(?:überspring|ignorier|deaktivier|abschalt|ausschalt|aussetz|pausier|umgeh|erhöh|aufheb|"
    r"weglass|atla|kapat|duraklat|kaldır|yükselt|artır|arttır|devre|askıya|es geç|görmezden|"
    r"yok say|スキップ|省略|飛ばし|無効|オフに|引き上げ|停止(?=し|す)|無視(?=し|す))|"
    r".{0,3}[\u3040-\u30ff\uac00-\ud7af\u0900-\u097f]"
)
# a limit: the only check that "raise", "remove", "lift" loosen (removing an address from
# the allowlist, or an approval, tightens)
LIMIT = (
    r"limit|cap\b|threshold|l[ií]mite|plafond|лимит|ліміт|sınır|حد|सीमा|लिमिट|batas|hạn mức|"
    r"giới hạn|限额|额度|上限|限度額|한도"
)
# a value verb opening an order: under a claimed identity, "send what we talked about" moves
# value whatever its object
VALUE_VERB = (
    r"\b(?:send|pay|transfer|wire|move|env[ií]a|manda|paga|transfiere|transfere|überweise|zahle|"
    r"schick\w?|envoie|paie|vire|invia|переведи|отправь|оплати|надішли|gönder|öde|aktar|kirim|"
    r"bayar|chuyển|gửi)\b|حوّل|ادفع|أرسل|भेज|转账|打款|汇款|送金|송금|보내"
)
# a frame of an order: a request word, a modal of what is to be done
ORDER_FRAME = (
    r"\b(?:should|must|need to|have to|has to|let's|is to|are to|proceed|go ahead|execute|"
    r"(?:I )?suggest|(?:I )?recommend|"
    r"process|handle|treat|make sure)\b"
)
VALUE_CONTEXT = VALUE_CONTEXT + "|" + VALUE_OBJECT + "|" + VALUE_VERB
