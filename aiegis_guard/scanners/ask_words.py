"""Words of :mod:`.reported_asks`: the ask and say verbs, the persons of an asker, refusals
and turns, in the languages of :mod:`.intent_words` (English, Spanish, Portuguese, French,
Italian, German, Dutch, Polish, Russian, Ukrainian, Turkish, Arabic, Chinese, Japanese, Korean,
Thai, Indonesian, Hindi, Vietnamese). Dictionary forms written for this project (not the rows of
any data set); "_" is a space.
"""

from __future__ import annotations

# ask verbs whose complement follows them (SVO and VSO languages), in forms that mark a third
# person or a report ("asks", "asked", "piden", "просят"); "+": a form that is also an
# imperative or a first person ("ask", "pide", "demande", "minta", "ขอให้"), which reports only
# under an asker named in its clause (a frame word or a third-person pronoun)
ASK_AFTER = {
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
SAY_AFTER = {
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
ASK_BEFORE = {
    # (a past passive reports an ask met: "求められた"; a present one states a requirement,
    # "送金が求められます", and a polite progressive may be the author's own, "求めています")
    "ja": "求められた 求められました 求めてくる 求めてきた 求めてきます 求めている 求めていた "
    "求めた 要求された 要求されました 要求してくる 要求してきた 要求している 要求した "
    "依頼された 依頼してくる 促された 促してくる 指示された 誘導された 誘導する 言われた "
    "言われました と言ってくる と言ってきた 頼まれた 迫られた 迫ってくる",
    # (not "요구합니다", "요구해": the author's request or an order)
    "ko": "요구하는 요구했 요구한다 요구하며 요청하는 요청했 요청한다 "
    "달라고 하라고 라고_요구 라는_문자 라는_메시지 라는_메일 라는_연락 라는_글 라는_dm "
    "유도하는 유도했 권유하는 권유했 종용 부탁하는",
    # (whole words: "istiyoruz" is the author's "we want"; a present passive, "isteniyor",
    # states a requirement)
    "tr": "istiyor istiyorlar istedi istediler isteyen istendi talep_ediyor "
    "talep_ediyorlar talep_etti talep_ettiler rica_ediyor söylüyor söylüyorlar söyledi "
    "söylediler diyor diyorlar dedi dediler davet_ediyor teşvik_ediyor yönlendiriyor",
    "hi": "कहते_हैं कहता_है कहती_है कह_रहा कह_रहे कह_रही कहा_गया कहा_जाता माँगते मांगते "
    "माँगता मांगता माँग_रहे मांग_रहे अनुरोध_करते आग्रह_करते बोलते_हैं कहकर",
}
# stems of the ask verbs in any person, read only beside a negation ("we will never ask you
# to…", "nous ne vous demanderons jamais", "мы никогда не попросим", "决不会要求")
ASK_ANY = (
    "ask request demand pedi pede pidi pida pido solicit exig demand chied chiesto "
    "richied bitten bittet gebeten auffordern fordern verlang vrag vraag vroeg popros prosim "
    "prosi prosz wymaga попрос просим просят просит просил просить требова вимага просимо "
    "просять talep طلب نطلب يطلب minta meminta yêu_cầu đề_nghị"
)
ASK_ANY_UNSPACED = "要求 索要 ขอให้ ขอ माँग मांग"
# a negated ask in a verb-final script, the negation fused to the verb ("求めません", "요구하지 않")
ASK_NOT = (
    "求めません 求めることはありません 求めることは決してありません 要求しません "
    "要求することはありません 依頼しません お願いしません "
    "요구하지_않 요청하지_않 요구하는_일은_없 요청하는_일은_없 "
    "istemeyiz istemeyeceğiz istemez talep_etmeyiz talep_etmez"
)

# a third person or an indefinite one as the asker ("they", "ils", "alguém", "有人")
THIRD = (
    "they he she it someone somebody people these those ils elles il elle quelqu'un on ellos "
    "ellas alguien eles elas ele ela alguém sie er jemand man zij ze hij iemand oni one ktoś "
    "они он она кто-то вони він вона хтось onlar biri birisi هم هو هي mereka dia seseorang "
    "ada_yang वे वह कोई họ hắn ai_đó kẻ_đó 他们 他們 他 她 对方 對方 有人 某人 彼ら 相手 그들 "
    "상대 พวกเขา เขา มีคน"
)
# the author speaking: a first person ("we", "our team", "nous", "我们", "저희")
FIRST = (
    "we i us our my nous je notre nos nosotros nosotras yo nuestro nuestra nós eu nosso nossa "
    "wir ich unser unsere wij ik onze ons my ja nasz nasza nasze мы я наш наша наши ми мій "
    "наша наші biz ben bizim نحن أنا kami kita saya हम मैं हमारी हमारा chúng_tôi tôi"
)
FIRST_UNSPACED = "我们 我們 我 当社 弊社 私たち 私 我々 저희 우리 제가 เรา ผม ฉัน"
# a refusal after the ask ("I refused", "refuse and tell me", "отказался", "拒绝")
REFUSAL = (
    "refus declin reject ignor rechaz recus rifiut verweiger abgelehnt lehnte weiger "
    "odmówi odrzuci отказ отклон відмов відхил reddet رفض menolak tolak इनकार अस्वीकार "
    "từ_chối"
)
REFUSAL_UNSPACED = "拒绝 拒絕 断っ 断り 拒否 거절 거부 ปฏิเสธ"
# a turn that ends a complement ("…, but", "— instead", "; now", "mais", "但是")
TURN = (
    "but instead however so then now therefore pero sino mas porém entretanto mais cependant "
    "aber sondern jedoch maar echter ale jednak но однако а але проте ama fakat ancak لكن "
    "tapi namun nhưng tuy_nhiên"
)
TURN_UNSPACED = "但是 但 然而 而是 でも しかし 하지만 그러나 แต่"
# the agent's principal as the asker: an ask of theirs is no attacker's
PRINCIPAL = (
    "owner owners user users admin admins administrator operator principal boss manager "
    "propriétaire utilisateur usuario usuário dueño dono besitzer nutzer benutzer eigenaar "
    "gebruiker właściciel użytkownik владелец пользователь власник користувач sahibi "
    "kullanıcı المالك المستخدم pemilik pengguna मालिक उपयोगकर्ता chủ người_dùng"
)
PRINCIPAL_UNSPACED = (
    "主人 所有者 用户 用戶 管理员 オーナー ユーザー 管理者 소유자 사용자 관리자 เจ้าของ ผู้ใช้"
)
