"""A reader's question about their own duty: no ask of anyone.

A FAQ's heading asks in the reader's (or writer's) own voice what *they* must do: "Do I still
need to provide a private key?", "Where should I store my seed phrase?", "¿Tengo que dar mi
clave privada?", "Muss ich meinen Schlüssel angeben?", "我还需要提供私钥吗？". The secret it
names is the subject of the question, asked of no one; the answer that follows is read as
usual (a "Yes — paste it here: …" still asks).

The class: one sentence that ends in a question mark and whose subject is the first person
(an interrogative or modal opening followed by "I" / "we" within a few words, per language:
:data:`OWN_QUESTION`).
"""

from __future__ import annotations

import re

__all__ = ["OWN_QUESTION", "is_own_question"]

OWN_QUESTION = (
    # English: "Do I still need to…?", "Where should we…?", "How can I…?"
    r"^(?:do|does|did|should|shall|must|can|could|will|would|how|where|when|why|what|which|"
    r"is it safe for|am)\s+(?:\w+\s+){0,2}?(?:i|we)\b|"
    # Spanish / Portuguese: "¿Tengo que…?", "¿Dónde guardo…?", "Preciso fornecer…?"
    r"^¿?\s*(?:(?:dónde|cómo|cuándo|por qué|onde|como|quando|por que)\s+)?(?:tengo|debo|necesito|"
    r"puedo|guardo|tenemos|debemos|preciso|devo|posso|guardo|precisamos)\b|"
    # German / French: "Muss ich…?", "Wo speichere ich…?", "Dois-je…?", "Est-ce que je…?"
    r"^(?:(?:wo|wie|wann|warum)\s+)?\w+\s+(?:ich|wir)\b|^(?:dois|puis|faut)-(?:je|il)\b|"
    r"^est-ce que (?:je|j'|nous)|^(?:où|comment|quand|pourquoi)\s+(?:dois|puis)-je\b|"
    # Russian: "Нужно ли мне…?", "Должен ли я…?", "Где мне хранить…?"
    r"^(?:нужно|надо|должен|должна|могу|где|как|когда|зачем)\s+(?:ли\s+)?(?:мне|я|нам|мы)\b|"
    # Chinese / Japanese: "我(还)需要…吗？", "…必要がありますか"
    r"^我(?:们)?(?:还|仍然|是否)?(?:需要|要|应该|必须|可以|得)|必要(?:が)?(?:あります|です)か"
)
_OWN_QUESTION_RE = re.compile(OWN_QUESTION, re.IGNORECASE)
_MARKS = " \t#*>_-•|"


def is_own_question(sentence: str) -> bool:
    """Is ``sentence`` (a heading or one sentence) a question in the first person?"""
    body = sentence.strip().strip(_MARKS)
    if not body.rstrip("*").endswith(("?", "？")):
        return False
    return _OWN_QUESTION_RE.match(body) is not None
