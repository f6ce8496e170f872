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
KINDS = ("suicide", "violence_at_home", "medical_emergency")
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


# A person who says they are safe, or that they are not thinking of ending their life ("dat is
# nu vier jaar voorbij en ik ben veilig", "niet dat ik er een eind aan wil maken hoor", "not in
# a scary way"): the model's own vote for danger, with no pattern reading any, then stands down.
# The patterns still decide. "niet veilig" is no such word, and nor is a message that says the
# danger is back ("weer", "opnieuw", "maar nu", "again"), in doubt ("niet zeker of") or someone
# else's ("ik ben veilig, maar mijn zus ...").
_NOT = r"((?!niet |nooit |nergens |not |never )\w+ ){0,2}"
SAFE_NOW = re.compile(
    r"\b(ben|woon|zijn|wonen|zit|zitten) (ik|we|wij)( nu| inmiddels| gelukkig| wel| allang)* "
    + _NOT
    + r"veilig\b|\b(ik|we|wij) (ben|woon|zijn|wonen|zit|zitten)( nu| inmiddels| gelukkig| wel| allang)* "
    + _NOT
    + r"veilig\b"
    r"|\bniet dat ik (er )?(een )?(eind|einde) aan (mijn leven )?wil maken\b|\bniet dat ik dood wil\b"
    r"|\bik ben (daar|er) (zelf )?niet mee bezig\b|\bik denk (zelf )?niet aan zelfmoord\b"
    r"|\bnot in a (scary|dangerous|suicidal|bad) way\b"
    r"|\b(i\W?m|i am|we\W?re|we are) (now |finally |totally )?safe\b|\b(i\W?m|i am) not suicidal\b"
    r"|\bjestem (juz |teraz )?bezpieczn\w*|\bjestesmy (juz |teraz )?bezpieczni\b"
    r"|(я|ми|мы) (вже |уже |теперь |тепер )?в (безпеці|безопасности)|\b(artik |simdi )?guvende(yim|yiz)\b"
    r"|(انا|احنا|نحن) (الان )?(بامان|في امان)"
)
DANGER_AGAIN = re.compile(
    r"\b(weer|opnieuw|terug|again|back|znowu|ponownie|знову|снова|опять|yine|tekrar)\b"
    r"|\b(maar|but) (nu|now|sinds|since|gisteren|yesterday|vannacht|mijn|my|hij|he|zij|she|ze)\b"
    r"|\b(niet zeker|weet niet of|not sure|don\W?t know (if|whether)|nie wiem czy)\b"
)


def said_to_be_safe(text: str) -> bool:
    """Whether the message says the person is safe now, or not thinking of ending their life."""
    folded = " ".join(ELISION.sub(" ", fold(text)).split())
    return bool(SAFE_NOW.search(folded)) and not DANGER_AGAIN.search(folded)
