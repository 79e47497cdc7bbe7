"""Transaction words that say what a key is *for*, not what the value is.

Used by :mod:`aiegis_guard.scanners.key_words`. "Private key for signing transactions: 0x..",
"Clave privada para firmar transacciones: 0x..", "私钥（用于签名交易）：0x..": the key word names
the value and the transaction word, nearer to it, only says what the key signs (review18b F2).
A transaction word names the value where it is the label's head ("Transaction: 0x..", "Хеш
транзакции: 0x..") or stands right before the value ("the key that signed transaction 0x..").
"""

from __future__ import annotations

import re

__all__ = ["FOREIGN_TX_WORDS", "TX_WORDS", "for_purpose", "label_start"]

# a transaction in scripts (and accented spellings) the ASCII word pass cannot read (of
# key_words.FOREIGN_HASH_WORDS, less a hash's and a block's words): what a key may sign
FOREIGN_TX_WORDS = (
    "transacci", "transaç", "transazion", "transakc", "transakt", "транзакц", "交易",
    "トランザクション", "取引", "트랜잭션", "giao dịch", "işlem", "लेनदेन", "معاملة", "עסקה",
)  # fmt: skip
# transaction words (of HASH_WORDS): they name a value, or say what a key named before them is
# for ("Private key for signing transactions:", "Clave privada para firmar transacciones:")
TX_WORDS = frozenset(
    (
        *("tx", "txs", "txn", "transaction", "transactions", "transaccion", "transacciones"),
        *("transacao", "transacoes", "transazione", "transazioni", "transaktion", "transaktionen"),
        *("transakce", "transakci", "transakcja", "transakcji", "transactie", "transacties"),
    )
)
# what says a key is *for* something (a purpose preposition, a verb of signing), in the
# languages of the key and transaction words: "for signing", "para firmar", "per firmare", "do
# podpisywania", "zum Signieren", "для подписи", "用于签名", "署名用", "서명용", "để ký"
_PURPOSE_RE = re.compile(
    r"(?i)\b(?:for|to|para|pra|per|pour|zum|zur|für|fur|do|dla|voor|om|sign\w*|firm[ae]\w*"
    r"|assin\w*|signier\w*|unterschreib\w*|unterzeichn\w*|podpis\w*|ondertek\w*|imza\w*"
    r"|для|подпис\w*|підпис\w*|ký|để)\b"
    r"|用于|用於|签名|簽名|署名|서명|توقيع|हस्ताक्षर|के लिए|חתימ"
)
# where a label begins: a line, a sentence or a clause before it is another label's ("Use your
# private key to sign, then paste the transaction: 0x..")
_LABEL_START_RE = re.compile(r"[\n;；。，,!?：]|[.:=]\s")
# a word that names the value it stands right before ("transaction 0x..", "tx `0x..`")
_APPOSITION = " \t`'\"*([{"


def label_start(window: str, at: int) -> int:
    """Where the label holding ``window[at]`` begins (after a line, a sentence, a clause)."""
    starts = [m.end() for m in _LABEL_START_RE.finditer(window, 0, at)]
    return starts[-1] if starts else 0


def for_purpose(window: str, at: int, end: int, key_end: int) -> bool:
    """The transaction word at ``window[at:end]`` says what a key named before ``key_end`` (in
    the same label) is for: a purpose word or a verb of signing stands after the key word, and the
    transaction word is not in apposition to the value ("the key that signed transaction 0x..")."""
    if not window[end:].strip(_APPOSITION):
        return False
    return _PURPOSE_RE.search(window, key_end, at) is not None or (
        _PURPOSE_RE.search(window, end) is not None  # "トランザクション署名用", "트랜잭션 서명용"
    )
