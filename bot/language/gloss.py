"""A message in another language read through a word list into Dutch: "borçlarım var, mektupları
anlamıyorum" gives "schulden brief". The bot's Dutch understanding (the model's nearest examples,
the catalogue's words, the crisis patterns) then reads those Dutch words beside the message.

Why: the sentence encoder has no Tigrinya, Somali or Farsi, and its Ukrainian and Polish are weak;
the model's own word counts know only the few training examples in those languages. A word list
per language (gloss/<code>.yml beside this file, written from the taxonomy, to be checked by a
native speaker) covers the words people use about their situation, each with its Dutch meaning.

An entry matches where a word starts with it (so a stem covers its inflections), also right after
one of the language's attached prefixes (Arabic و ب ل ال, Tigrinya ብ ን ካብ). Letters are compared
folded: lower case, without accents or vowel marks, and the Arabic and Persian forms of yeh, kaf and
alef as one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import yaml

from bot.language.detect import DUTCH, too_short_to_tell
from bot.language.dutch import common_words, fold

GLOSS_DIR = Path(__file__).with_name("gloss")
# One letter for the forms people type interchangeably (Arabic and Persian keyboards differ).
SAME_LETTER = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه"})


def _folded(text: str) -> str:
    return fold(text).translate(SAME_LETTER)


@dataclass(frozen=True)
class WordList:
    pattern: re.Pattern[str]
    dutch: dict[str, str]  # folded entry -> its Dutch words

    def gloss(self, text: str) -> str:
        found = [self.dutch[m.group(1)] for m in self.pattern.finditer(_folded(text))]
        return " ".join(dict.fromkeys(found))


@cache
def word_list(language: str) -> WordList | None:
    """The word list of a language (an ISO 639-1 code), or None when there is none."""
    path = GLOSS_DIR / f"{language}.yml"
    if not re.fullmatch(r"[a-z]{2}", language) or not path.exists():
        return None
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    dutch: dict[str, str] = {}
    for entry, meaning in (raw.get("entries") or {}).items():
        key = _folded(str(entry)).strip()
        if key and meaning:
            dutch.setdefault(key, str(meaning).strip().lower())
    if not dutch:
        return None
    prefixes = sorted({_folded(str(p)) for p in raw.get("prefixes") or [] if p}, key=len, reverse=True)
    entries = sorted(dutch, key=len, reverse=True)  # the longest entry wins where several start alike
    prefix = f"(?:{'|'.join(map(re.escape, prefixes))})?" if prefixes else ""
    pattern = re.compile(rf"(?<!\w){prefix}({'|'.join(map(re.escape, entries))})")
    return WordList(pattern, dutch)


@lru_cache(maxsize=1024)  # the NLU components and the actions read the same message
def dutch_gloss(text: str, language: str) -> str:
    """The Dutch words of the entries found in the text, each once, in the order they appear;
    "" for Dutch, for a language without a word list, or when no entry matches."""
    words = word_list(language)
    return words.gloss(text) if words else ""


# The word lists a short message may be read through, by its letters. Latin letters fit several
# languages; the Latin lists are tried only when no word of the message is Dutch.
# Letters only one language of a script has come first: Persian پ چ ژ گ ک ی, Ukrainian і ї є ґ,
# Russian ы э ъ ё; without them both word lists of the script are read.
LISTS_BY_SCRIPT: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (re.compile(r"[پچژگکی]"), ("fa",)),
    (re.compile(r"[\u0600-\u06ff]"), ("ar", "fa")),
    (re.compile(r"[іїєґІЇЄҐ]"), ("uk",)),
    (re.compile(r"[ыэъёЫЭЪЁ]"), ("ru",)),
    (re.compile(r"[\u0400-\u04ff]"), ("uk", "ru")),
)
LATIN_LISTS: tuple[str, ...] = ("pl", "tr", "so", "en")


@lru_cache(maxsize=1024)
def gloss_of(text: str, language: str) -> str:
    """The Dutch gloss of a message written in `language` (as detect.language_of names it).

    Why: the detector calls a message Dutch when it is too short to tell ("zasiłek", "житло",
    "guri", "کلاس زبان"), and one word is often all a person types. Such a message is read
    through the word lists its letters allow; a short message with a Dutch word in it is not."""
    if language != DUTCH:
        return dutch_gloss(text, language)
    if not too_short_to_tell(text):
        return ""
    candidates: tuple[str, ...] | None = next(
        (lists for script, lists in LISTS_BY_SCRIPT if script.search(text)), None
    )
    if candidates is None:
        folded = re.findall(r"\w+", fold(text))  # any letters: "zasiłek" is one word
        if not folded or any(word in common_words() for word in folded):
            return ""
        candidates = LATIN_LISTS
    found = " ".join(dutch_gloss(text, code) for code in candidates)
    return " ".join(dict.fromkeys(found.split()))
