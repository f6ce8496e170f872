"""Which language a message is written in, so that a person who writes in Arabic, Turkish or
Tigrinya gets services that speak it first and a short sentence in that language.

lingua-language-detector ships its models inside the package (nothing is downloaded); it is
limited here to the languages people in the city write in and those it could be mistaken for.
It has no Tigrinya: Ge'ez script is recognised by its Unicode block instead (in this city it is
almost always Tigrinya). A short or unsure message counts as Dutch, and so does one in a language
the bot has no sentence for: the bot then answers as always.

Low-accuracy mode (trigrams only): 41 MB and well under a millisecond a message, against 478 MB
for the full models; on the dev evaluation sets it named the language of 406 of 412 messages
right (the misses were Dutch read as Afrikaans, German, English, French or Portuguese).
"""

from __future__ import annotations

import re
from functools import lru_cache

# Our ISO 639-1 codes for lingua's languages (lingua names them in English).
LINGUA_CODES = {
    "DUTCH": "nl",
    "ENGLISH": "en",
    "ARABIC": "ar",
    "TURKISH": "tr",
    "POLISH": "pl",
    "UKRAINIAN": "uk",
    "RUSSIAN": "ru",
    "SOMALI": "so",
    "PERSIAN": "fa",
    "GERMAN": "de",
    "FRENCH": "fr",
    "SPANISH": "es",
    "PORTUGUESE": "pt",
    "ROMANIAN": "ro",
    "BULGARIAN": "bg",
    "AFRIKAANS": "af",  # so that Dutch-looking Afrikaans is not taken for something else
}
ETHIOPIC = re.compile(r"[\u1200-\u137f]")
MIN_LETTERS = 12  # below this, a guess is too often wrong ("ok", "dank je", "hello")
MIN_CONFIDENCE = 0.6
DUTCH = "nl"


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in LINGUA_CODES]
    return (
        LanguageDetectorBuilder.from_languages(*languages)
        .with_low_accuracy_mode()
        .with_preloaded_language_models()
        .build()
    )


def preload() -> None:
    """Load the models now (a second or two), not at the first message."""
    _detector()


def too_short_to_tell(text: str) -> bool:
    """Whether a message has too few letters for the detector to name its language."""
    return sum(ch.isalpha() for ch in text) < MIN_LETTERS


@lru_cache(maxsize=1024)  # the NLU components and the actions ask for the same message
def language_of(text: str, known: frozenset[str]) -> str:
    """The ISO 639-1 code of the message's language, one of `known`; "nl" when the message is
    short, the guess unsure, or the language not one of `known`."""
    letters = sum(ch.isalpha() for ch in text)
    if "ti" in known and ETHIOPIC.search(text) and letters >= 3:
        return "ti"
    if too_short_to_tell(text):
        return DUTCH
    best = _detector().compute_language_confidence_values(text)[0]
    code = LINGUA_CODES.get(best.language.name, DUTCH)
    return code if best.value >= MIN_CONFIDENCE and code in known else DUTCH
