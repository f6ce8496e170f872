"""The shared vocabulary, read from data/catalogue/taxonomy.yml: the six wheel domains, the
categories of support, target groups, neighbourhoods and languages. Code names none of these
itself: it asks this module."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import wordfreq
import yaml
from rapidfuzz.distance import Levenshtein

from bot.settings import TAXONOMY_FILE

DEFAULT_URGENCY = 3
OPEN_TO_EVERYONE = "iedereen"  # the target group of services open to all
# A language named inside a longer word: "arabischsprekenden", "turkssprekende vrouw".
SPEAKING_SUFFIX = re.compile(r"(?:sprekend|sprekende|sprekenden|talig|talige|taligen)$")
# A neighbourhood's name typed with one letter wrong ("noort", "centrim") still names it, when the
# name is long enough, the first letter is right and the word is not a common word of its own:
# "moord", "nood" and "noors" are not Noord. The four-letter names (Oost, Zuid, West) are too
# close to ordinary words to guess at.
NEIGHBOURHOOD_FUZZY_FROM = 5
OWN_WORD_ZIPF = 3.3  # wordfreq's Zipf frequency: "noors" 3.4, "moord" 5.0; the typo "noort" 3.1
# A language's name typed with one letter wrong ("arabich") names it only in the lookup, where
# staff type names; in the chat, "spaart" would become Spaans. Shorter words would catch ordinary
# ones ("engel" is not "engels").
LANGUAGE_FUZZY_FROM = 6
# Written as it sounds: "somalies", "arabiese" for "somalisch", "arabische".
SOUNDS_LIKE_ISCH = re.compile(r"ies(e?)$")
VOWELS = re.compile(r"[aeiouy]")
DOUBLED = re.compile(r"(.)\1+")


@dataclass(frozen=True)
class Domain:
    slug: str
    label: str
    b1: str
    short: str  # the domain in everyday words, for the wheel's summary and picture
    first_look: tuple[str, ...] = ()  # categories to try when a need here names nothing specific


@dataclass(frozen=True)
class Category:
    slug: str
    domain: str
    label: str
    b1: str
    also: tuple[str, ...] = ()
    urgency: int = DEFAULT_URGENCY  # lower is more pressing
    giving: bool = False  # a way to do something for others

    @property
    def domains(self) -> tuple[str, ...]:
        return (self.domain, *self.also)


def _group_word(word: str) -> str:
    """A group's word as a whole word; a long one also as the start of a compound ("ouderen" in
    "ouderenadviseur", "vrouwen" in "vrouwengroep"), a short one not ("minima" in "minimaal")."""
    return rf"\b{re.escape(word)}" + ("" if len(word) >= 7 else r"\b")


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    words: frozenset[str]  # folded words that name it: "arabisch", "arabic", "arabier"


@dataclass(frozen=True)
class Taxonomy:
    domains: dict[str, Domain]
    categories: dict[str, Category]
    target_groups: dict[str, str]
    neighbourhoods: tuple[str, ...] = ()
    languages: tuple[Language, ...] = ()
    target_group_words: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def domains_of(self, category_slugs) -> list[str]:
        """Domains served by these categories, main domains first, without repeats."""
        ordered: list[str] = []
        for slug in category_slugs:
            if self.categories[slug].domain not in ordered:
                ordered.append(self.categories[slug].domain)
        for slug in category_slugs:
            for domain in self.categories[slug].also:
                if domain not in ordered:
                    ordered.append(domain)
        return ordered

    @property
    def giving_categories(self) -> tuple[str, ...]:
        return tuple(slug for slug, category in self.categories.items() if category.giving)

    def language_name(self, code: str) -> str:
        return next((language.name for language in self.languages if language.code == code), code)

    def language_for_word(self, word: str, misspelt: bool = False) -> str | None:
        """The code of the language a (folded) word names, such as "arabisch" -> "ar", also inside a
        compound ("arabischsprekenden"), in the old spelling ("turksch") and, when `misspelt`,
        with one letter wrong ("arabich")."""
        stem = SPEAKING_SUFFIX.sub("", word) if len(word) > 8 else word
        forms = {word, stem}
        if word.endswith("sch"):
            forms.add(word[:-2])  # "turksch" -> "turks"
        forms.add(SOUNDS_LIKE_ISCH.sub(r"isch\1", word))
        exact = next((language.code for language in self.languages if forms & language.words), None)
        if exact or not misspelt or len(word) < LANGUAGE_FUZZY_FROM:
            return exact
        return next(
            (
                language.code
                for language in self.languages
                for known in language.words
                if (len(known) >= LANGUAGE_FUZZY_FROM and Levenshtein.distance(word, known) <= 1)
                # A short name with a letter too many at the end ("farsie"), as an adjective is
                # written; one letter wrong inside it is too often another word.
                or (len(word) == len(known) + 1 and word.startswith(known))
            ),
            None,
        )

    def target_group_in(self, folded_text: str, misspelt: bool = False) -> str | None:
        """The target group a (folded) text asks for ("iets voor jongeren?" -> "jongeren"), and,
        when `misspelt` (the lookup, where staff type fast), a long word of it with one letter
        wrong ("oudren", "mantelzorgrs") that is not a common word of its own ("ouders")."""
        for slug, words in self.target_group_words.items():
            if any(re.search(_group_word(word), folded_text) for word in words):
                return slug
        if not misspelt:
            return None
        for token in re.findall(r"[a-z]{6,}", folded_text):
            if wordfreq.zipf_frequency(token, "nl") >= OWN_WORD_ZIPF:
                continue
            for slug, words in self.target_group_words.items():
                if any(len(word) >= 7 and Levenshtein.distance(token, word) <= 1 for word in words):
                    return slug
        return None

    def neighbourhood_for_word(self, word: str) -> str | None:
        """The neighbourhood a (folded) word names, such as "noord" -> "Noord", or "noort", a key
        held down ("westt") or the name without its vowels, as notes are written ("nrd")."""
        exact = next((name for name in self.neighbourhoods if name.lower() == word), None)
        if exact:
            return exact
        collapsed = DOUBLED.sub(r"\1", word)
        typed_so = next(
            (
                name
                for name in self.neighbourhoods
                if (collapsed != word and collapsed == DOUBLED.sub(r"\1", name.lower()))
                or (len(word) >= 3 and not VOWELS.search(word) and word == VOWELS.sub("", name.lower()))
            ),
            None,
        )
        if typed_so or len(word) < NEIGHBOURHOOD_FUZZY_FROM:
            return typed_so
        near = next(
            (
                name
                for name in self.neighbourhoods
                if len(name) >= NEIGHBOURHOOD_FUZZY_FROM
                and name[0].lower() == word[0]
                and Levenshtein.distance(name.lower(), word) <= 1
            ),
            None,
        )
        return near if near and wordfreq.zipf_frequency(word, "nl") < OWN_WORD_ZIPF else None


def load_taxonomy(path: Path = TAXONOMY_FILE) -> Taxonomy:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    domains = {
        d["slug"]: Domain(d["slug"], d["label"], d["b1"], d["short"], tuple(d.get("first_look", ())))
        for d in raw["domains"]
    }
    categories = {
        c["slug"]: Category(
            c["slug"],
            c["domain"],
            c["label"],
            c["b1"],
            tuple(c.get("also", ())),
            c.get("urgency", DEFAULT_URGENCY),
            c.get("giving", False),
        )
        for c in raw["categories"]
    }
    groups = {g["slug"]: g["label"] for g in raw.get("target_groups", [])}
    group_words = {g["slug"]: tuple(g.get("words", ())) for g in raw.get("target_groups", [])}
    languages = tuple(
        Language(lang["code"], lang["name"], frozenset(lang.get("words", ())))
        for lang in raw.get("languages", [])
    )
    return Taxonomy(domains, categories, groups, tuple(raw.get("neighbourhoods", ())), languages, group_words)


@lru_cache(maxsize=1)
def taxonomy() -> Taxonomy:
    return load_taxonomy()
