"""A request to erase the conversation, in the languages the bot recognises besides Dutch, and the
words an erase the model read must have in it.

Narrow on purpose (erasing cannot be undone): see erase_requests.yml beside this file."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from bot.language.dutch import fold, strip_accents

PATTERNS_FILE = Path(__file__).with_name("erase_requests.yml")
SHORT = 8  # words: "delete my data" counts only in a message this short


@lru_cache(maxsize=1)
def _raw() -> dict:
    return yaml.safe_load(PATTERNS_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _patterns() -> tuple[list[re.Pattern], list[re.Pattern], re.Pattern]:
    raw = _raw()

    def compiled(patterns: list[str]) -> list[re.Pattern]:
        return [re.compile(strip_accents(p), re.IGNORECASE) for p in patterns]

    other = re.compile(strip_accents(raw["not_about_the_chat"]), re.IGNORECASE)
    return compiled(raw["conversation"]), compiled(raw["my_data"]), other


@lru_cache(maxsize=1)
def _erase_words() -> re.Pattern:
    return re.compile(strip_accents(_raw()["erase_words"]), re.IGNORECASE)


def names_erasing(text: str) -> bool:
    """Whether the message has a word for erasing in it (wis, verwijder, vergeet, delete...)."""
    return bool(_erase_words().search(fold(text)))


def asks_to_erase(text: str) -> bool:
    folded = fold(text)
    conversation, my_data, not_about_the_chat = _patterns()
    if any(p.search(folded) for p in conversation):
        return True
    return (
        len(folded.split()) <= SHORT
        and not not_about_the_chat.search(folded)
        and any(p.search(folded) for p in my_data)
    )
