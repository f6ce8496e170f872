"""Checks of shared/spec/plain-language.md that a program can do, for every text a person reads.

Phone numbers, web and e-mail addresses and list numbers are left out before counting: people
read them as numbers and links, not as words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import pyphen
import textstat

textstat.set_lang("nl")

MAX_AVERAGE_SENTENCE = 15
MAX_SENTENCE = 20
MIN_FLESCH_DOUMA = 60
MAX_LONG_WORD_SHARE = 0.10   # words over four syllables: "few"
MIN_SHORT_WORD_SHARE = 0.60  # words of one or two syllables: "mostly"
# Flesch-Douma says nothing about a button of two words ("Nederlands leren" scores 12), so
# texts shorter than this are held to "no word over four syllables" instead.
MIN_WORDS_FOR_SCORES = 8

# Words that need a short explanation in the same message, with the one the bot adds itself
# when a service's name uses the word ("Wmo-loket", "Mantelzorgcafé").
GLOSSARY = {
    "wmo": "Wmo: de wet voor hulp thuis en meedoen. De gemeente regelt die hulp.",
    "mantelzorg": "Mantelzorg: zorg voor iemand uit uw familie of buurt die ziek is.",
    "re-integratie": "Re-integratie: hulp om weer aan het werk te gaan.",
    "reintegratie": "Reintegratie: hulp om weer aan het werk te gaan.",
    "participatie": "Participatie: meedoen in de stad en de buurt.",
    "indicatie": "Indicatie: een besluit over welke zorg bij u past.",
    "voorziening": "Voorziening: hulp of een hulpmiddel via de gemeente.",
    "maatwerk": "Maatwerk: hulp die past bij uw eigen situatie.",
    "zorgverzekeraar": "Zorgverzekeraar: het bedrijf van uw zorgverzekering.",
    "inburgeringsplicht": "Inburgeringsplicht: de wet zegt dat u moet inburgeren.",
}
JARGON = tuple(GLOSSARY)
LABELLING = ("allochtoon", "allochtonen", "kwetsbare doelgroep", "probleemgezin", "uitkeringsgerechtigde")
# An explanation right after the word: "Wmo (wet voor hulp thuis)", "mantelzorg: zorg voor ...", "... is ...".
EXPLAINED = r"[^.?!\n]{0,40}?(\(|:| is | zijn | betekent |, dat is |, dat zijn | - )"
PASSIVE = re.compile(r"\b(wordt|worden|werd|werden)\b(\s+\w+){0,3}?\s+ge\w+[dt]\b", re.IGNORECASE)
INFORMAL = re.compile(r"\b(je|jij|jou|jouw)\b", re.IGNORECASE)

NOT_WORDS = re.compile(
    r"https?://\S+|www\.\S+|\S+@\S+|\b\d{2,4}[- ]?\d{2,3}[- ]?\d{2}[- ]?\d{2}\b|\b0800-\d{4}\b|"
    r"\b\d+[.:]\d+\b|^\s*\d+\.\s|^\s*-\s", re.MULTILINE)
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


def unexplained_jargon(text: str) -> list[str]:
    lowered = text.lower()
    return [term for term in JARGON
            if re.search(rf"\b{re.escape(term)}", lowered)
            and not re.search(rf"\b{re.escape(term)}\w*{EXPLAINED}", lowered)]


def explain_jargon(text: str) -> str:
    """The text with a short explanation added for every jargon word it leaves unexplained."""
    missing = unexplained_jargon(text)
    return text if not missing else text + "\n" + "\n".join(GLOSSARY[term] for term in missing)


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
    if PASSIVE.search(text):
        problems.append(f"lijdende vorm: {PASSIVE.search(text).group(0)}")
    if INFORMAL.search(text):
        problems.append(f"je/jij in plaats van u: {INFORMAL.search(text).group(0)}")
    return report
