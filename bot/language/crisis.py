"""Danger in a message: not wanting to live, violence at home, an acute medical emergency.

The model recognises most crisis messages, but crisis recall must be 1.0, so a deterministic
safety net of patterns (crisis_patterns.yml beside this file) runs after it and wins when it matches.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from bot.language.dutch import fold, strip_accents
from bot.language.gloss import gloss_of

PATTERNS_FILE = Path(__file__).with_name("crisis_patterns.yml")
# The same kinds in the other languages of the city; kept apart so that translators can review it.
OTHER_LANGUAGES_FILE = Path(__file__).with_name("crisis_patterns_other_languages.yml")
PATTERN_FILES = (PATTERNS_FILE, OTHER_LANGUAGES_FILE)
ACUTE_DANGER = "medical_emergency"  # 112 now: someone unconscious, a fire, a break-in
KINDS = ("suicide", "violence_at_home", ACUTE_DANGER)
ELISION = re.compile("['’ʼ]")


@lru_cache(maxsize=1)
def _harmless() -> list[re.Pattern]:
    return [
        re.compile(strip_accents(p), re.IGNORECASE)
        for path in PATTERN_FILES
        for p in yaml.safe_load(path.read_text(encoding="utf-8")).get("harmless", [])
    ]


@lru_cache(maxsize=1)
def _patterns() -> dict[str, list[re.Pattern]]:
    patterns: dict[str, list[re.Pattern]] = {kind: [] for kind in KINDS}
    for path in PATTERN_FILES:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        for kind in KINDS:
            patterns[kind] += [re.compile(strip_accents(p), re.IGNORECASE) for p in raw.get(kind, [])]
    return patterns


def crisis_kind(text: str) -> str | None:
    """Which kind of danger the text is about, or None. Accents are folded: 'geëist' = 'geeist'."""
    # Elided words apart, as the patterns write them: "j'ai peur", "il m'a frappée", "c’est la fin".
    # Runs of spaces, tabs and line breaks as one space, as the patterns are written: "si loo
    # 'gudo'", a message typed over several lines, a phrase taken out below.
    folded = " ".join(ELISION.sub(" ", fold(text)).split())
    # Everyday phrases that only look like danger ("mijn dochter slaat de deur dicht") are taken
    # out first; the rest of the message is still read ("... en daarna slaat hij mij"). A mark
    # keeps their place, so the words around them do not join up ("er ligt een dode duif op de
    # stoep" is not "er ligt op de stoep").
    for phrase in _harmless():
        folded = phrase.sub(" | ", folded)
    for kind, patterns in _patterns().items():
        if any(p.search(folded) for p in patterns):
            return kind
    return None


def danger_read(text: str, language: str) -> str | None:
    """The kind of danger the patterns read in the message, or else in its Dutch gloss: the Dutch
    patterns read a message in another language, or one too short for the detector to name its
    language, through its word-list gloss (bot/language/gloss.py). The crisis guard and the
    benches ask this one question; the crisis turn and the safety net read the message alone."""
    return crisis_kind(text) or crisis_kind(gloss_of(text, language))
