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
