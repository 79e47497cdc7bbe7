"""Key, hash and "public" words of the scripts (and accented spellings) that the ASCII word
pass of :mod:`~aiegis_guard.scanners.key_words` cannot read: lower-case substrings looked for in
the window before a value, when no ASCII word decided ("ჩემი საფულის პირადი გასაღები: 0x..",
"La transacción `0x..`", "открытый ключ"). Data only; the reading is ``key_words``'.
"""

from __future__ import annotations

from aiegis_guard.scanners.key_purpose import FOREIGN_TX_WORDS

__all__ = ["FOREIGN_HASH_WORDS", "FOREIGN_KEY_WORDS", "FOREIGN_MATERIAL", "FOREIGN_PUBLIC"]

# "material" (key material), as the English key word: a role word too
FOREIGN_MATERIAL = ("المادة", "مادة", "материал", "матеріал")
# Key words of scripts the ASCII word pass cannot read (lower-case substrings of the window).
FOREIGN_KEY_WORDS = (
    "приватн", "закрыт", "секретн", "私钥", "私鑰", "秘钥", "秘鑰", "秘密鍵", "秘密键", "개인키",
    "개인 키", "비밀키", "비밀 키", "özel anahtar", "gizli anahtar", "khóa riêng", "khóa bí mật",
    "مفتاح خاص", "المفتاح الخاص", "निजी कुंजी",
    # "key" itself, as "ключ" (qualified "public" ones are FOREIGN_PUBLIC): Arabic, Hindi, Thai,
    # Chinese; and "private" as Hindi writes the English word ("प्राइवेट की", private key)
    "مفتاح", "कुंजी", "प्राइवेट", "คีย์", "กุญแจ", "密钥", "金鑰",
    "klucz prywatny", "clé privée", "clé secrète", "schlüssel",
    "秘密キー", "プライベートキー", "프라이빗 키", "프라이빗키", "คีย์ส่วนตัว", "מפתח פרטי",
    "מפתח הפרטי",  # Hebrew with the article ("המפתח הפרטי")
    "کلید خصوصی", "ιδιωτικ", "soukromý klíč", "khoá riêng", "privésleutel", "ключ",
    # "private key" / "secret key" (or "key" itself where only a qualifier says public) in the
    # scripts and spellings read so far by no word above: Bengali (and its English loan),
    # Georgian, Amharic (ቁልፍ / ቁልፌ "my key"), Armenian, Tamil, Telugu, Kannada, Malayalam,
    # Gujarati, Punjabi, Marathi, Nepali, Urdu, Sinhala, Burmese, Khmer, Lao, Mongolian,
    # Kazakh, Serbian Cyrillic, Romanian, Hungarian, Finnish, Danish / Norwegian, Azerbaijani,
    # Uzbek, Swahili, Tagalog, Malay
    "প্রাইভেট", "ব্যক্তিগত কী", "গোপন কী", "গোপন চাবি", "გასაღებ",
    "የግል ቁልፍ", "የግል ቁልፌ", "ሚስጥራዊ ቁልፍ", "የግል ቁልፉ",
    "մասնավոր բանալի", "գաղտնի բանալի", "தனிப்பட்ட விசை", "ரகசிய விசை", "ప్రైవేట్ కీ",
    "ಖಾಸಗಿ ಕೀ", "ಪ್ರೈವೇಟ್ ಕೀ", "സ്വകാര്യ കീ", "ખાનગી કી", "પ્રાઇવેટ કી", "ਪ੍ਰਾਈਵੇਟ ਕੁੰਜੀ",
    "ਨਿੱਜੀ ਕੁੰਜੀ", "खाजगी की", "प्रायव्हेट", "निजी साँचो", "نجی کلید", "پرائیویٹ کی",
    "پرائیویٹ کلید", "පුද්ගලික යතුර", "රහස් යතුර", "ကိုယ်ပိုင်သော့", "သီးသန့်သော့", "សោឯកជន",
    "សោសម្ងាត់", "ກະແຈສ່ວນຕົວ", "хувийн түлхүүр", "нууц түлхүүр", "жеке кілт", "құпия кілт",
    "кључ", "cheie privată", "cheie privata", "cheia privată", "privát kulcs", "titkos kulcs",
    "yksityinen avain", "privat nøgle", "privat nøkkel", "şəxsi açar", "gizli açar",
    "shaxsiy kalit", "maxfiy kalit", "ufunguo binafsi", "ufunguo wa siri", "pribadong susi",
    "kunci peribadi",
    *FOREIGN_MATERIAL,
)  # fmt: skip
# Hash words of scripts (and accented spellings) the ASCII word pass cannot read: a
# transaction, a hash, a block, a fingerprint ("La transacción `0x..` ya está confirmada")
FOREIGN_HASH_WORDS = (
    *FOREIGN_TX_WORDS, "хеш", "хэш", "哈希", "区块", "區塊", "ハッシュ", "ブロック", "해시", "블록",
    "हैश", "تجزئة",
    # a fingerprint (a key's hash, shown to match it): Hindi with and without the nukta
    "फ़िंगरप्रिंट", "फिंगरप्रिंट", "指纹", "指紋", "フィンガープリント", "отпечаток", "بصمة",
    # a checksum / fingerprint in the accented spellings of de / fr / es / it
    "prüfsumme", "prüfwert", "fingerabdruck", "empreinte", "somme de contrôle", "huella",
    "suma de verificación", "impronta",
)  # fmt: skip
# "public" in those scripts: a public key ("открытый ключ") is no secret; nor an API key
FOREIGN_PUBLIC = ("открыт", "публичн", "公钥", "公鑰", "公開鍵", "공개", "publique", "öffentlich",
                  "pública", "publica", "pubblica", "publiek", "publiczn", "veřejn",
                  "المفتاح العام", "مفتاح عام", "عمومي", "पब्लिक", "सार्वजनिक", "สาธารณะ", "พับลิก",
                  "公开", "公開", "api密钥", "api 密钥", "api金鑰", "api 金鑰",
                  "পাবলিক", "সর্বজনীন", "საჯარო", "ይፋዊ", "የወል", "հանրային", "பொது", "పబ్లిక్",
                  "ಸಾರ್ವಜನಿಕ", "പൊതു", "જાહેર", "ਜਨਤਕ", "عوامی", "පොදු", "အများသုံး",
                  "សាធារណៈ", "ສາທາລະນະ", "нийтийн", "ашық", "јавни", "publică", "nyilvános",
                  "julkinen", "offentlig", "açıq", "ochiq", "ya umma", "pampublikong",
                  "kunci awam",
                  # the inflected forms a key is qualified with in sv ("publika"), nl ("openbare"),
                  # fi ("julkisen"), tr ("açık anahtar", its "ı" as the normal form spells it), el
                  "publik", "openbare", "openbaar", "julkis", "açık anahtar", "açik anahtar",
                  "acik anahtar", "δημόσι", "δημοσι")  # fmt: skip
