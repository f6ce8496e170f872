"""The fixed sentences for a person who writes in another language (other_languages.yml): the
bot answers in simple Dutch, and says so, and after the crisis numbers, says them in words."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

SENTENCES_FILE = Path(__file__).with_name("other_languages.yml")


@dataclass(frozen=True)
class Sentences:
    name: str  # the language's own name for itself
    help: str
    danger: str


@lru_cache(maxsize=1)
def sentences() -> dict[str, Sentences]:
    raw = yaml.safe_load(SENTENCES_FILE.read_text(encoding="utf-8"))
    return {code: Sentences(entry["name"], entry["help"], entry["danger"]) for code, entry in raw.items()}


def known() -> frozenset[str]:
    """The languages the bot recognises and has sentences for."""
    return frozenset(sentences())
