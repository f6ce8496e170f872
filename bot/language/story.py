"""A message told as a story, cut into its sentences, so that each can be read on its own.

Why: in a long message the need is often one sentence among several about the situation ("De
avonden zijn het ergst ... Misschien kan ik ergens helpen, in een tuin"). Read as one text, the
words and the meaning of the other sentences drown it. On the dev sets (report7-10, report12,
dev), ranking the needs by the sentences as well as by the whole message found a fitting need
among the first three for 1,419 instead of 1,351 of 1,489 needs told in several sentences.
"""

from __future__ import annotations

import re

# Sentence ends in the scripts of the city's languages: Latin and Cyrillic (. ! ?), Arabic and
# Persian (؟ ۔), Ge'ez for Tigrinya (። ፧ ፨), and line breaks (a pasted letter, a WhatsApp burst).
_SENTENCE_END = re.compile(r"(?<=[.!?؟۔።፧፨…])\s+|\n\s*|(?<=[።፧])")
MIN_WORDS = 3  # "Hallo." or "Groet, Ans" says nothing about a need
MAX_SENTENCES = 8  # each sentence costs a pass through the pipeline; a pasted letter has dozens


def sentences_of(text: str, limit: int | None = MAX_SENTENCES, min_words: int = MIN_WORDS) -> list[str]:
    """The sentences of a message told in several sentences of at least `min_words` words, at
    most `limit` of them; [] for a message of one sentence (it is read whole anyway)."""
    sentences = [s.strip() for s in _SENTENCE_END.split(text) if len(s.split()) >= min_words]
    return sentences[:limit] if len(sentences) >= 2 else []
