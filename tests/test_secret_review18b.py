"""review18b F2 and F4 as classes, with generated keys (tests/vectors/keygen.py).

F2: a transaction word that only says what a key is *for* ("Private key for signing
transactions:", "Clave privada para firmar transacciones:", "私钥（用于签名交易）：") does not name
the value a hash when a key word names it in the same label; a transaction word that names the
value (its label, "hash of the transaction", "the transaction 0x..") still does.
F4: a phrase one word per line inside a JSON string (escaped once or twice) after a first line
("backup:", "seed:", "here you go") is delimited as the same plain text is."""

from __future__ import annotations

import json
from typing import Any

import pytest
from mnemonic import Mnemonic

from aiegis_guard import Action, Guard, Policy
from aiegis_guard.findings import Category, Source
from tests.vectors.keygen import KeyGen, bad

GUARD = Guard(Policy(), classifier=False)
GEN = KeyGen(18_218)
KEY = "0x" + GEN.key()
WORDS = GEN.phrase()
SOURCES = [Source.LLM_OUTPUT, Source.TOOL_INPUT, Source.TOOL_OUTPUT]

# a key word names the value; the transaction word says what the key signs
PURPOSE_LABELS = [
    ("en", "Private key for signing transactions: {K}"),
    ("en-paren", "Private key (for signing transactions): {K}"),
    ("es", "Clave privada para firmar transacciones: {K}"),
    ("pt", "Chave privada para assinar transacoes: {K}"),
    ("it", "Chiave privata per firmare le transazioni: {K}"),
    ("pl", "Klucz prywatny do podpisywania transakcji: {K}"),
    ("de", "Privater Schlüssel zum Signieren von Transaktionen: {K}"),
    ("nl", "Privésleutel voor het ondertekenen van transacties: {K}"),
    ("ru", "Приватный ключ для подписи транзакций: {K}"),
    ("uk", "Приватний ключ для підпису транзакцій: {K}"),
    ("zh", "私钥（用于签名交易）：{K}"),
    ("ja", "秘密鍵（トランザクション署名用）：{K}"),
    ("ko", "개인키 (트랜잭션 서명용): {K}"),
    ("vi", "Khóa riêng để ký giao dịch: {K}"),
    ("ru-key-en-tx", "Приватный ключ для подписи transactions: {K}"),
]
# the transaction word (or a hash word) names the value: a hash, not blocked
HASH_LABELS = [
    (
        "sf12-177",
        "La transacción `{K}` ya está confirmada; la clave privada nunca salió del agente.",
    ),
    ("en-label", "Transaction hash: {K}"),
    ("private-tx", "Private transaction: {K}"),
    ("signer-tx", "Signer tx: {K}"),
    ("secret-network", "Secret Network transaction: {K}"),
    ("apposition", "The key that signed transaction {K} was rotated."),
    ("it-apposition", "La chiave privata ha firmato la transazione {K}."),
    ("en-hash-of", "Private key for signing transaction hash {K}"),
    ("other-sentence", "Private key stored in the vault.\nFor transactions: {K}"),
    ("es-hash", "Clave privada rotada. Hash de la transacción: {K}"),
    ("pl-hash", "Klucz prywatny nie wyciekł; hash transakcji: {K}"),
    ("de-hash", "Schlüssel zum Signieren, Hash der Transaktion: {K}"),
    ("ru-hash", "Хеш транзакции: {K}"),
    ("ru-other-sentence", "Приватный ключ не передавался. Транзакция: {K}"),
    ("zh-hash", "交易哈希：{K}"),
    ("zh-other-sentence", "私钥已轮换。交易：{K}"),
    ("zh-hash-of-tx", "私钥（用于签名交易）的交易哈希：{K}"),
    ("ja-other-sentence", "秘密鍵は安全です。トランザクション: {K}"),
    ("idempotency", "Idempotency key for transactions: {K}"),
    ("other-clause", "Use your private key to sign, then paste the transaction: {K}"),
    ("zh-other-clause", "用私钥签名，然后交易：{K}"),
]


def _blocked(text: str, source: Source) -> list[Any]:
    verdict = GUARD.check_text(text, source=source)
    return [
        f for f in verdict.findings if f.category is Category.SECRET and f.action is Action.BLOCK
    ]


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("label", [pytest.param(t, id=i) for i, t in PURPOSE_LABELS])
def test_a_key_for_signing_transactions_is_a_key(label: str, source: Source) -> None:
    text = label.format(K=KEY)
    assert [f.rule_id for f in _blocked(text, source)] == ["secret.evm_private_key"]


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("label", [pytest.param(t, id=i) for i, t in HASH_LABELS])
def test_a_value_named_a_transaction_is_not_blocked(label: str, source: Source) -> None:
    assert _blocked(label.format(K=KEY), source) == []


def _json(first: str, words: list[str], layers: int = 1) -> str:
    text = first + "\n".join(words)
    text = json.dumps({"content": text})
    for _ in range(layers - 1):
        text = json.dumps({"arguments": text})
    return text


FIRST_LINES = ["backup:\n", "backup: \n", "Backup\n", "seed:\n", "words:\n", "here you go\n", ""]


@pytest.mark.parametrize("layers", [1, 2])
@pytest.mark.parametrize("first", FIRST_LINES)
def test_one_word_a_line_after_a_first_line_in_json(first: str, layers: int) -> None:
    """The same bytes as plain text block; escaped once or twice they block as well."""
    plain = first + "\n".join(WORDS)
    assert [f.rule_id for f in _blocked(plain, Source.LLM_OUTPUT)] == ["secret.bip39_mnemonic"]
    escaped = _json(first, WORDS, layers)
    for source in (Source.LLM_OUTPUT, Source.TOOL_INPUT):
        assert [f.rule_id for f in _blocked(escaped, source)] == ["secret.bip39_mnemonic"]


@pytest.mark.parametrize("layers", [1, 2])
@pytest.mark.parametrize("first", ["backup:\n", "here you go\n"])
def test_a_failed_checksum_one_word_a_line_is_not_blocked(first: str, layers: int) -> None:
    """Near twin: the words with a checksum that fails are no phrase, escaped or not."""
    assert _blocked(_json(first, bad(WORDS), layers), Source.LLM_OUTPUT) == []
    assert _blocked(first + "\n".join(bad(WORDS)), Source.LLM_OUTPUT) == []


def _phrase_of_escape_letters() -> list[str]:
    """12 words that all begin with an escape's letter (n, r, t), the last one fixing the
    checksum: "\\nnet\\nrich" must read "net", "rich", not "nnet", "nrich"."""
    m = Mnemonic("english")
    pool = [w for w in m.wordlist if w[0] in "nrt"]
    head = [pool[(i * 37) % len(pool)] for i in range(11)]
    return next([*head, w] for w in pool if m.check(" ".join([*head, w])))


@pytest.mark.parametrize("layers", [1, 2])
def test_words_beginning_with_an_escape_letter(layers: int) -> None:
    words = _phrase_of_escape_letters()
    text = _json("backup:\n", words, layers)
    assert [f.rule_id for f in _blocked(text, Source.LLM_OUTPUT)] == ["secret.bip39_mnemonic"]
    assert _blocked(_json("backup:\n", bad(words), layers), Source.LLM_OUTPUT) == []
