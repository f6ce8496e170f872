"""A request to erase the conversation, in the languages the bot recognises besides Dutch."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from bot.language.dutch import fold, strip_accents

PATTERNS_FILE = Path(__file__).with_name("erase_requests.yml")


@lru_cache(maxsize=1)
def _patterns() -> list[re.Pattern]:
    raw = yaml.safe_load(PATTERNS_FILE.read_text(encoding="utf-8"))
    return [re.compile(strip_accents(p), re.IGNORECASE) for p in raw["patterns"]]


def asks_to_erase(text: str) -> bool:
    folded = fold(text)
    return any(p.search(folded) for p in _patterns())
