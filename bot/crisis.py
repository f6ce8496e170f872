"""Danger in a message: not wanting to live, violence at home, an acute medical emergency.

The model recognises most crisis messages, but crisis recall must be 1.0, so a deterministic
safety net of patterns (bot/crisis_patterns.yml) runs after it and wins when it matches.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from bot.text import fold, strip_accents

PATTERNS_FILE = Path(__file__).with_name("crisis_patterns.yml")
KINDS = ("suicide", "violence_at_home", "medical_emergency")

# The real national numbers (shared/spec/interfaces.md): always the same, whatever the municipality.
NUMBERS = (
    {"name": "Alarmnummer bij direct gevaar", "phone": "112"},
    {"name": "113 Zelfmoordpreventie, gratis, dag en nacht", "phone": "0800-0113"},
    {"name": "Veilig Thuis, bij geweld thuis, gratis", "phone": "0800-2000"},
)


@lru_cache(maxsize=1)
def _patterns() -> dict[str, list[re.Pattern]]:
    raw = yaml.safe_load(PATTERNS_FILE.read_text(encoding="utf-8"))
    return {kind: [re.compile(strip_accents(p), re.IGNORECASE) for p in raw.get(kind, [])] for kind in KINDS}


def crisis_kind(text: str) -> str | None:
    """Which kind of danger the text is about, or None. Accents are folded: 'geëist' = 'geeist'."""
    folded = fold(text)
    for kind, patterns in _patterns().items():
        if any(p.search(folded) for p in patterns):
            return kind
    return None


def crisis_reply() -> list[dict]:
    """The crisis answer: the numbers as a payload first, then the same numbers as text."""
    text = ("Wat u vertelt, is ernstig. U hoeft dit niet alleen te dragen. Bel nu een van deze nummers.\n"
            "- Direct gevaar: bel 112.\n"
            "- Denkt u aan zelfmoord? Bel 113 of 0800-0113. Dat is gratis, dag en nacht.\n"
            "- Geweld thuis: bel Veilig Thuis op 0800-2000. Dat is ook gratis.")
    return [{"custom": {"type": "crisis", "numbers": [dict(n) for n in NUMBERS]}}, {"text": text}]
