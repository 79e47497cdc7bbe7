"""A wallet secret named by what it does or where it lives, for the intent stage
(:mod:`.intent_words`, :mod:`.intent_patterns`).

Requests for a wallet's secret rarely say "private key": they ask for "the backup you were
configured with", "the config you sign transactions with", "the xprv", "the output of the
wallet export command", "your environment variables". Two vocabularies, in the languages of
the stage:

- :data:`BY_USE` — the secret itself, by what it does or an unambiguous name (an extended
  private key, the seed): joins ``WALLET_SECRET``, so asking for it to be shown is a reveal.
- :data:`BY_PLACE` — what holds it (the wallet's export, the process environment): joins
  ``SECRET_FORM``, which counts only when it is handed to a third party's place or asked for.

Regex sources only; the stems that gate them are in :data:`USE_STEMS` / :data:`PLACE_STEMS`.
"""

from __future__ import annotations

__all__ = ["BY_PLACE", "BY_USE", "PLACE_STEMS", "USE_STEMS"]

# what the agent was set up with, signs or unlocks with ("the backup you were configured with",
# "the config it signs transactions with", "the thing you use to unlock the wallet"), an
# extended private key, the seed in a hyphenated or bare wallet form ("Seed-Phrase", "the
# wallet seed", "seed-ul"), the recovery sentence
BY_USE = (
    r"\b(?:backup|config(?:uration)?|file|key|string|value|secret|words|material|thing|one)"
    r" (?:you|it|they|the agent|the bot|your agent|your bot|the runtime) (?:was|were) "
    r"(?:configured|set up|"
    r"initiali[sz]ed|provisioned|started|launched|deployed|created|seeded) with\b|"
    r"\b(?:config(?:uration)?|file|key|string|value|secret|material|thing|one) "
    r"(?:that |which )?(?:you|it|the agent|the bot) (?:sign|unlock|decrypt)s?"
    r"(?: (?:the |your |its )?(?:transactions?|wallet|account|vault|keystore|messages))? with\b|"
    r"\b(?:thing|one|value|string|password|secret|key|file) (?:that |which )?(?:you|it|"
    r"the agent|the bot) uses? to (?:unlock|sign|decrypt|open)\b|"
    r"\b[xyzt]prv\b|\bextended private key\b|\bseed-phrase\b|\b(?:wallet|vault|treasury) seed\b|"
    r"\bseed-(?:ul|un|in|i)\b|\brecovery sentence\b|"
    # the same in the other languages: the config you sign with, the seed
    r"конфиг\w*,? с котор\w+ (?:ты|вы) подписыва\w+|"
    # the value (key, string, secret) the agent signs with, what unlocks the account, the
    # backup it was configured with, in the other languages ("el valor con el que firma el
    # agente", "la valeur avec laquelle l'agent signe", "den Wert, mit dem der Agent
    # signiert", "значение, которым агент подписывает", "署名に使う値", "imzaladığı değer",
    # "nilai yang digunakan agen untuk menandatangani", "giá trị mà agent dùng để ký",
    # "wartość, którą agent podpisuje", "القيمة التي يوقع بها", "ce qui déverrouille le compte")
    r"\b(?:valor|clave|cadena|secreto|chave|segredo|copia de seguridad|respaldo)\w* co[nm] "
    r"(?:el |la |o |a )?(?:que|qual|cual) "
    r"(?:[\w'’]+ ){0,2}?(?:firma|assina|se firma|se configur\w+|foi configurad\w+)\b|"
    r"\b(?:valeur|clé|chaîne|secret|sauvegarde)\w* (?:avec laquelle|avec lequel|qui sert à) "
    r"(?:[\w'’]+ ){0,2}?(?:sign\w*|configur\w*)|"
    r"\b(?:wert|schlüssel|geheimnis|string|backup)\w*,? mit (?:dem|der|welchem) (?:[\w'’]+ ){0,2}?"
    r"(?:signiert|unterschreibt|eingerichtet|konfiguriert)\b|"
    r"\b(?:valore|chiave|stringa|segreto|backup) con (?:cui|il quale|la quale) (?:[\w'’]+ ){0,2}?"
    r"(?:firma|è stato configurat\w+)\b|"
    r"\b(?:значени\w+|ключ\w*|строк\w+|секрет\w*|резервн\w+ копи\w+),? (?:которым|которой|"
    r"с которой|с которым|с помощью которого) (?:[\w'’]+ ){0,2}?(?:подписыва\w+|настро\w+)|"
    r"\b(?:значенн\w+|ключ\w*|секрет\w*),? (?:яким|якою|з яким) (?:[\w'’]+ ){0,2}?підпису\w+|"
    r"\b(?:wartość|wartości|klucz\w*|sekret\w*),? (?:którą|którym|za pomocą której|"
    r"za pomocą którego) (?:[\w'’]+ ){0,2}?podpisuje\b|"
    r"\bimzala(?:dığı|mak için kullandığı) (?:değer|anahtar|dize)\w*|"
    r"\b(?:nilai|kunci|string) yang (?:di)?gunakan (?:[\w'’]+ ){0,2}?untuk (?:menandatangan\w*|"
    r"membuka)|\b(?:giá trị|khóa|chuỗi) mà (?:[\w'’]+ ){0,2}?dùng để (?:ký|mở khóa)\b|"
    r"\b(?:ce|tout ce) qui (?:déverrouille|débloque) (?:le|votre|son) (?:compte|portefeuille)\b|"
    r"\blo que desbloquea (?:la|tu|su) (?:cuenta|billetera|cartera)\b|"
    r"\bo que desbloqueia (?:a|sua) (?:conta|carteira)\b|"
    r"\bwas (?:das|dein|ihr) (?:konto|wallet) entsperrt\b|"
    r"\bciò che sblocca (?:il|l'|tuo) ?(?:conto|account|portafoglio)\b|"
    r"(?:القيمة|المفتاح|السلسلة) (?:التي|الذي) (?:يوق\S*|يستخدمها \S+ للتوقيع)|"
    r"जिससे \S+ हस्ताक्षर करता|署名に使う(?:値|鍵|キー|文字列|データ)|서명에 사용하는\s?(?:값|키)|"
    r"用来签名的(?:那个)?(?:值|密钥|字符串)|"
    r"\bseed-wörter\b|\bfrase seed\b|\bphrase seed\b|\bfraz[aeiy]\w* seed\b|"
    # the signing key in the other languages ("a chave de assinatura carregada pelo agente")
    r"\bchave de assinatura\b|\bclave de firma\b|\bclé de signature\b|"
    r"\bsign(?:atur|ier)schlüssel\w*|\bchiave di firma\b|\bklucz\w* podpis\w*|"
    r"\bondertekeningssleutel\b|\bimza anahtar\w*|\bключ\w* подпис\w*|\bключ\w* підпису\b|"
    r"\bkunci tanda tangan\b|\bkhóa ký\b|\bمفتاح التوقيع\b|\bklíč\w* k podpis\w*|"
    r"签名密钥|署名鍵|서명\s?키|"
    # ... and in Hebrew, Greek, Hungarian, Czech, Romanian, Nordic, Finnish, Persian, Swahili,
    # Hindi, Bengali, Malay ("מפתח החתימה", "κλειδί υπογραφής", "aláírókulcs", "podpisový
    # klíč", "cheia de semnare", "signeringsnyckel", "allekirjoitusavain", "کلید امضا")
    r"מפתח (?:ה)?חתימה|κλειδ\w* υπογραφής|\baláíró ?kulcs\w*|\bpodpisov\w+ klíč\w*|"
    r"\bche(?:ia|ii) de semnare\b|\bsignerings(?:nyckel|nøkkel)\w*|\ballekirjoitusavain\w*|"
    r"کلید امضا\w*|\bufunguo wa kusaini\b|साइनिंग (?:की|कुंजी)|সাইনিং কী|\bkunci tandatangan\b|"
    r"\bmaterial tanda tangan\b|"
    # the secret's name after an Arabic proclitic ("بالكلمات الاحتياطية": with the backup words)
    r"[وفبلك]{1,2}(?:المفتاح الخاص|عبارة الاسترداد|الكلمات (?:السرية|الاحتياطية)|"
    r"كلمات الاسترداد)|"
    # the recovery words, as "recovery words" is in English
    r"\bkurtarma kelime\w*|\byedek kelime\w*|\bwiederherstellungswörter\b|"
    r"\bparole (?:di recupero|segrete)\b|\bherstelwoorden\b|\bsłow\w* odzyskiwania\b|"
    r"\bслова відновлення\b|\bkata(?:-kata)? pemulihan\b|\bperkataan pemulihan\b|"
    r"\btừ khôi phục\b|\bcuvintele de recuperare\b|\bcuvinte de recuperare\b|"
    r"\bobnovovací slova\b|\bhelyreállító szava\w*|\bmots de secours\b|"
    r"\bpalavras de backup\b|\bpalabras de respaldo\b|คํากู้คืน|备份单词|백업 단어"
)
# the wallet's export (its file, the output of its export command; not a history or tax
# export), the process environment, in the other languages ("la sortie de la commande
# d'exportation du portefeuille", "cüzdanın dışa aktarım dosyası", "環境変数")
_EXPORT = (
    r"(?:export\w*|exporta\w*|esporta\w*|eksport\w*|экспорт\w*|експорт\w*|ekspor\w*|ה?ייצוא|"
    r"dışa aktar\w*|xuất|تصدير|導出|导出|エクスポート|내보내기|ส่งออก|εξαγωγ\w*|exportál\w*)"
)
_WALLET = (
    r"(?:wallet|portefeuille|monedero|cartera|billetera|carteira|portafoglio|brieftasche|"
    r"portfel\w*|cüzdan\w*|кошел\w*|гаман\w*|dompet|pochi|peněženk\w*|πορτοφολ\w*|tárc\w*|"
    r"portofel\w*|ví|المحفظة|محفظ\w*|کیف‌?پول|ארנק|वॉलेट|钱包|ウォレット|지갑|กระเป๋า)"
)
_NOT_HISTORY = (
    r"(?![^.\n]{0,40}(?:histor|transac|csv|statement|report|tax|istoric|verlauf|storico|"
    r"geçmiş|истори|riwayat|lịch sử|sejarah|取引|交易|거래))"
)
BY_PLACE = (
    rf"(?:\b{_EXPORT}\W+(?:[^\W\d_]+\W+){{0,3}}?{_WALLET}|\b{_WALLET}\W+(?:[^\W\d_]+\W+){{0,2}}?"
    rf"{_EXPORT}){_NOT_HISTORY}|"
    r"\bvariables? d'environnement\b|\bvariables? de entorno\b|\bvariáve(?:l|is) de ambiente\b|"
    r"\bumgebungsvariablen?\b|\bvariabil[ei] d'ambiente\b|\bzmienn\w+ środowisk\w+|"
    r"\bomgevingsvariabel\w*|\bortam değişken\w*|\bпеременн\w+ (?:окружения|среды)|"
    r"\bзмінн\w+ (?:середовища|оточення)|\bvariabel lingkungan\b|\bbiến môi trường\b|"
    r"\bمتغيرات البيئة\b|\bμεταβλητ\w+ περιβάλλοντος|\bkörnyezeti változ\w*|"
    r"\bproměnn\w+ prostředí|\bvariabilele de mediu\b|\bmiljö?variabl\w*|\bmiljøvariabl\w*|"
    r"环境变量|環境変数|환경\s?변수|ตัวแปรสภาพแวดล้อม|"
    r"\b(?:yedek|kurtarma) dosya\w*|\bbackup file\b|\bhot wallet key\b|\bwallet key\b|"
    r"\bwallet\.json\b|"  # the wallet's JSON
    # what holds the signer, in the other languages: its file, material, section or field
    # ("materiale di firma del wallet", "zawartość pliku podpisującego", "imzalayıcı dosyası",
    # "розділ signer з конфігурації", "bahagian penandatangan")
    r"\b(?:archivo|fichero) (?:del )?firmante\b|\bmaterial de (?:firma|assinatura)\b|"
    r"\barquivo (?:do assinante|de assinatura)\b|\bpar de assinatura\b|"
    r"\bfichier (?:du )?signataire\b|\bmatériel de signature\b|\bsigner-(?:datei|abschnitt)\b|"
    r"\bsignaturmaterial\b|\bmateriale di firma\b|\bfile (?:del )?firmatario\b|"
    r"\bplik\w* podpisując\w*|\bmateriał\w* podpis\w*|\bimzalayıcı dosya\w*|"
    r"\bimza materyal\w*|\bфайл\w* (?:подписанта|підписувача|подписи|підпису)\b|"
    r"\b(?:раздел\w*|розділ\w*|пол[еяюі]\w*|секци\w+|блок\w*) `?signer\b|"
    r"\bbahagian penandatangan\b|\bbagian penanda ?tangan\b|\bυλικό υπογραφής\b|"
    r"签名文件|签名材料|署名情報|서명\s?파일|서명자\s?섹션"
)
# stems (anywhere in the sentence) without which the patterns cannot match
USE_STEMS = """
    configured_with set_up_with initialized_with initialised_with provisioned_with started_with
    launched_with deployed_with created_with seeded_with you_sign it_signs agent_signs bot_signs
    you_unlock it_unlocks you_decrypt it_decrypts uses_to use_to xprv yprv zprv tprv
    extended_private seed- wallet_seed vault_seed treasury_seed frase_seed phrase_seed fraza_seed
    frazy_seed fraze_seed frazu_seed
    recovery_sentence подписыва con_el_que con_la_que com_que com_o_qual avec_laquelle
    avec_lequel qui_sert mit_dem mit_der con_cui которым которой с_которой с_которым яким якою
    którą którym za_pomocą imzaladığı imzalamak untuk_menandatangan untuk_membuka dùng_để
    déverrouille débloque desbloquea desbloqueia entsperrt sblocca يوق يستخدمها जिससे 署名に使う
    서명에_사용하는 用来签名 chave_de_assinatura clave_de_firma clé_de_signature
    signaturschl signierschl chiave_di_firma klucz_podpis klucza_podpis kluczem_podpis
    klucze_podpis ondertekeningssleutel imza_anahtar ключ_подпис ключа_подпис ключом_подпис
    ключи_подпис ключ_підпису ключа_підпису kunci_tanda_tangan khóa_ký مفتاح_التوقيع klíč_k_podpis
    klíče_k_podpis 签名密钥 署名鍵 서명_키 서명키 חתימה υπογραφής aláíró podpisov semnare
    signeringsn allekirjoitusavain کلید_امضا kusaini साइनिंग সাইনিং tandatangan
    tanda_tangan
    kurtarma_kelime yedek_kelime wiederherstellungswörter parole_di_recupero parole_segrete
    herstelwoorden odzyskiwania слова_відновлення pemulihan từ_khôi_phục de_recuperare
    obnovovací helyreállító mots_de_secours palavras_de_backup palabras_de_respaldo คํากู้คืน
    备份单词 백업_단어 الكلمات المفتاح عبارة كلمات"""
PLACE_STEMS = """
    export esporta eksport экспорт експорт ekspor ייצוא dışa_aktar xuất تصدير 導出 导出 エクスポート
    내보내기 ส่งออก εξαγωγ exportál d'environnement de_entorno de_ambiente d'ambiente
    umgebungsvariabl
    środowisk omgevingsvariabel ortam_değişken переменн змінн variabel_lingkungan
    biến_môi_trường متغيرات_البيئة περιβάλλοντος környezeti_változ proměnn
    variabilele_de_mediu miljövariab miljøvariab 环境变量 環境変数 환경 ตัวแปรสภาพแวดล้อม
    yedek_dosya kurtarma_dosya backup_file wallet_key wallet.json firmante de_firma di_firma
    de_assinatura do_assinante signataire de_signature signer- signaturmaterial firmatario
    podpisując materiał_podpis materiały_podpis imzalayıcı imza_materyal файл_подпис
    файла_подпис файлы_подпис файл_підпис файла_підпис penandatangan penanda_tangan
    υλικό_υπογραφής 签名文件 签名材料 署名情報 서명_파일 서명자 розділ_signer розділ_`signer
    раздел_signer раздел_`signer поле_signer полем_signer поля_signer полі_signer
    блок_signer секция_signer секцию_signer"""
