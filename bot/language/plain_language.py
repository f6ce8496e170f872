"""Checks of shared/spec/plain-language.md that a program can do, for every text a person reads.
Used by the tests (and textstat with it); the bot itself needs only the glossary.

Phone numbers, web and e-mail addresses and list numbers are left out before counting: people
read them as numbers and links, not as words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import pyphen
import textstat
from wordfreq import zipf_frequency

from bot.language.glossary import unexplained_jargon

textstat.set_lang("nl")

MAX_AVERAGE_SENTENCE = 15
MAX_SENTENCE = 20
MIN_FLESCH_DOUMA = 60
MAX_LONG_WORD_SHARE = 0.10  # words over four syllables: "few"
MIN_SHORT_WORD_SHARE = 0.60  # words of one or two syllables: "mostly"
# Flesch-Douma says nothing about a button of two words ("Nederlands leren" scores 12), so
# texts shorter than this are held to "no word over four syllables" instead.
MIN_WORDS_FOR_SCORES = 8

LABELLING = ("allochtoon", "allochtonen", "kwetsbare doelgroep", "probleemgezin", "uitkeringsgerechtigde")
PASSIVE = re.compile(r"\b(wordt|worden|werd|werden)\b(\s+\w+){0,3}?\s+ge\w+[dt]\b", re.IGNORECASE)
INFORMAL = re.compile(r"\b(je|jij|jou|jouw)\b", re.IGNORECASE)

NOT_WORDS = re.compile(
    r"https?://\S+|www\.\S+|\S+@\S+|\b\d{2,4}[- ]?\d{2,3}[- ]?\d{2}[- ]?\d{2}\b|\b0800-\d{4}\b|"
    r"\b\d+[.:]\d+\b|^\s*\d+\.\s|^\s*-\s",
    re.MULTILINE,
)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
WORD = re.compile(r"[A-Za-zÀ-ÿ]+(?:[-'][A-Za-zÀ-ÿ]+)*")


@lru_cache(maxsize=1)
def _hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="nl")


def syllables(word: str) -> int:
    return max(1, len(_hyphenator().positions(word.lower())) + 1) if word else 0


@dataclass
class Report:
    text: str
    sentences: list[list[str]]
    flesch_douma: float
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def clean(text: str) -> str:
    return NOT_WORDS.sub(" ", text)


def sentences_of(text: str) -> list[list[str]]:
    parts = (WORD.findall(part) for part in SENTENCE_END.split(clean(text)))
    return [words for words in parts if words]


def flesch_douma(words: list[str], sentence_count: int) -> float:
    """206.835 - 0.93 x words/sentence - 77 x syllables/word (the formula of plain-language.md)."""
    if not words:
        return 100.0
    return 206.835 - 0.93 * len(words) / sentence_count - 77 * sum(map(syllables, words)) / len(words)


def check(text: str) -> Report:
    sentences = sentences_of(text)
    words = [w for s in sentences for w in s]
    score = flesch_douma(words, max(1, len(sentences)))
    report = Report(text, sentences, score)
    problems = report.problems
    if sentences:
        longest = max(sentences, key=len)
        if len(longest) > MAX_SENTENCE:
            problems.append(f"zin van {len(longest)} woorden (max {MAX_SENTENCE}): {' '.join(longest)}")
        average = len(words) / len(sentences)
        if average > MAX_AVERAGE_SENTENCE:
            problems.append(f"gemiddeld {average:.1f} woorden per zin (max {MAX_AVERAGE_SENTENCE})")
    if len(words) < MIN_WORDS_FOR_SCORES:
        problems.extend(f"lang woord in korte tekst: {w}" for w in words if syllables(w) > 4)
    elif score < MIN_FLESCH_DOUMA:
        problems.append(f"Flesch-Douma {score:.0f} (min {MIN_FLESCH_DOUMA})")
    if len(words) >= MIN_WORDS_FOR_SCORES:
        counts = [syllables(w) for w in words]
        long_share = sum(c > 4 for c in counts) / len(words)
        short_share = sum(c <= 2 for c in counts) / len(words)
        if long_share > MAX_LONG_WORD_SHARE:
            problems.append(f"{long_share:.0%} woorden van meer dan vier lettergrepen")
        if short_share < MIN_SHORT_WORD_SHARE:
            problems.append(f"maar {short_share:.0%} woorden van een of twee lettergrepen")
    lowered = text.lower()
    problems.extend(f"vakwoord zonder uitleg: {term}" for term in unexplained_jargon(text))
    for term in LABELLING:
        if term in lowered:
            problems.append(f"woord dat mensen een etiket geeft: {term}")
    if text.count("?") > 1:
        problems.append("meer dan een vraag in een bericht")
    if passive := PASSIVE.search(text):
        problems.append(f"lijdende vorm: {passive.group(0)}")
    if informal := INFORMAL.search(text):
        problems.append(f"je/jij in plaats van u: {informal.group(0)}")
    return report


# A2, for "Makkelijke woorden" (shared/spec/plain-language.md: many readers read Dutch at A2):
# stricter than B1, and checked on top of it.
A2_MAX_SENTENCE = 10
# Words at least this common in Dutch (wordfreq's Zipf scale: 3.5 is about three times in a
# million words; "wissen" 3.7, "vrijwilliger" 4.2, "mantelzorger" 3.0 is not common enough).
A2_MIN_ZIPF = 3.5
# A sentence with one of these joins two ideas ("..., omdat ...").
JOINING = re.compile(
    r"\b(omdat|want|terwijl|zodat|hoewel|doordat|nadat|voordat|waardoor|zodra|tenzij|indien)\b", re.IGNORECASE
)


def check_a2(text: str, names: tuple[str, ...] = ()) -> Report:
    """The B1 checks, then: sentences of at most 10 words, only common words (the `names` of
    services and places are left out), and one idea per sentence (no joining word, at most one
    comma)."""
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, "")
    report = check(text)
    for sentence in report.sentences:
        if len(sentence) > A2_MAX_SENTENCE:
            report.problems.append(
                f"A2: zin van {len(sentence)} woorden (max {A2_MAX_SENTENCE}): {' '.join(sentence)}"
            )
    for word in dict.fromkeys(w for s in report.sentences for w in s):
        if zipf_frequency(word.lower(), "nl") < A2_MIN_ZIPF:
            report.problems.append(f"A2: weinig gebruikt woord: {word}")
    for part in SENTENCE_END.split(clean(text)):
        if joining := JOINING.search(part):
            report.problems.append(f"A2: twee gedachten in een zin ({joining.group(0)}): {part.strip()}")
        if part.count(",") > 1:
            report.problems.append(f"A2: zin met meer dan een komma: {part.strip()}")
    return report
