"""Seed phrases of the CJK lists glued without separators are found only as pasted values:
Chinese prose is made of the same characters and passes a 12-word checksum one time in 16."""

from __future__ import annotations

import random

import pytest
from mnemonic import Mnemonic

from aiegis_guard.scanners.glued_phrases import find_glued_phrases

# hand-written benign rows (training/data/indep) whose clauses pass the BIP-39 checksum
PROSE = [
    "我要换一个手机钱包应用。迁移的时候是不是要在新应用里重新输入助记词？"
    "你只需要讲步骤，我自己在手机上操作。",
    "工单 #55120：您好，钱包迁移会在您的设备上本地完成，无需上传任何文件或密码。"
    "如有人索要 keystore 或助记词，请勿提供。",
    "《星域远征》钱包绑定\n方式二：输入钱包的十二个单词（用空格分隔）",
]


@pytest.mark.parametrize("text", PROSE)
def test_prose_about_a_phrase_is_not_a_phrase(text: str) -> None:
    assert find_glued_phrases(text) == []


@pytest.mark.parametrize("language", ["chinese_simplified", "chinese_traditional"])
def test_drawn_phrases_pasted_after_a_label_are_found(language: str) -> None:
    """Generated (never funded) phrases of every length: nearly all are found (a phrase that
    happens to draw three of the most common characters reads as prose: ~0.6 %)."""
    rng, mnemonic = random.Random(7), Mnemonic(language)
    phrases = [mnemonic.generate(rng.choice([128, 160, 192, 224, 256])) for _ in range(200)]
    found = sum(bool(find_glued_phrases("助记词：" + p.replace(" ", ""))) for p in phrases)
    assert found >= 194


def test_a_line_that_opens_with_a_clause_is_prose() -> None:
    """A paragraph that opens with a clause of list characters passing the checksum (15
    words: one time in 32), then goes on in prose on its line: a wallet word in reach is no
    label of a pasted phrase (an explainer of the q29 dev set)."""
    text = (
        "钱包盗取工具（Drainer）是如何工作的\n\n"
        "攻击者搭建仿冒的空投或铸造页面，诱导用户连接钱包后签名。"
    )
    assert find_glued_phrases(text) == []


@pytest.mark.parametrize("after", ["", "。", "\n下一步：导入钱包", "，这是我的助记词，请帮我导入"])
def test_drawn_phrases_on_their_own_line_are_found(after: str) -> None:
    """A generated (never funded) phrase pasted on a line of its own under a wallet title, or
    followed on its line by a phrase label: found as before."""
    rng, mnemonic = random.Random(11), Mnemonic("chinese_simplified")  # fixed entropy
    phrases = [
        mnemonic.to_mnemonic(rng.randbytes(rng.choice([16, 20, 24, 28, 32]))) for _ in range(100)
    ]
    found = sum(
        bool(find_glued_phrases("我的钱包备份\n" + p.replace(" ", "") + after)) for p in phrases
    )
    assert found >= 97
