"""Search over the catalogue in everyday Dutch: inflections, compounds, typos and synonyms.

A small BM25 index in memory, built from the database once per process. Query words are
expanded to index terms in this order: the word's stem as it is; the parts of a compound
("taalmaatjesproject" -> taal, maatje, project); the nearest known word for a typo
("vrijwiligerswerk"); then synonyms from data/catalogue/synonyms.yml. Scores per term are
precomputed as sparse numpy arrays, so a query costs a few array additions whatever the
catalogue's size.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import yaml
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from bot.catalogue.store import ServiceRecord
from bot.config import SYNONYMS_FILE
from bot.taxonomy import Taxonomy, taxonomy
from bot.text import common_words, content_words, split_compound, stem

# How much a word counts by the field it stands in.
FIELD_WEIGHTS = {"name": 3.0, "keywords": 2.5, "category": 2.0, "summary": 1.5, "description": 1.0}
COMPOUND_PART = 0.6   # a part of a compound counts less than the whole word
SYNONYM = 0.8         # a synonym counts a little less than the word itself
TYPO = 0.85           # and so does a word we guessed from a typo
OWN_NEIGHBOURHOOD_BOOST = 1.25
PHRASE_BOOST = 1.5
K1, B = 1.2, 0.5


@lru_cache(maxsize=1)
def compound_parts() -> frozenset[str]:
    """Common Dutch words of four letters or more: a compound may split into them even when
    the catalogue never uses one of its parts ("taalmaatjes|project")."""
    return frozenset(w for w in common_words() if len(w) >= 4)


@dataclass(frozen=True)
class Synonyms:
    groups: tuple[frozenset[str], ...]
    category_words: dict[str, tuple[str, ...]]


def load_synonyms(path: Path = SYNONYMS_FILE) -> Synonyms:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    groups = tuple(frozenset(stem(w) for phrase in group for w in content_words(str(phrase)))
                   for group in raw.get("synonyms", []))
    words = {slug: tuple(map(str, phrases)) for slug, phrases in (raw.get("category_words") or {}).items()}
    return Synonyms(groups, words)


class TermIndex:
    """BM25 over documents made of weighted fields; knows how to expand everyday query words."""

    def __init__(self, documents: Sequence[dict[str, Iterable[str]]], synonyms: Synonyms,
                 extra_vocabulary: Iterable[str] = ()):
        self.synonyms = synonyms
        surface: set[str] = set(extra_vocabulary)
        doc_terms: list[dict[str, float]] = []
        for fields in documents:
            for texts in fields.values():
                for text in texts:
                    surface.update(content_words(text))
        for group in synonyms.groups:
            surface.update(group)
        self.vocabulary = frozenset(surface | {stem(w) for w in surface})
        self._stems = {stem(w) for w in surface}
        self._parts: dict[str, list[str]] = {}
        for fields in documents:
            weights: dict[str, float] = defaultdict(float)
            for field, texts in fields.items():
                for text in texts:
                    for term, factor in self._document_terms(text):
                        weights[term] += FIELD_WEIGHTS[field] * factor
            doc_terms.append(weights)
        self.size = len(documents)
        lengths = np.array([sum(w.values()) for w in doc_terms] or [1.0])
        average = float(lengths.mean()) or 1.0
        postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for index, weights in enumerate(doc_terms):
            for term, tf in weights.items():
                postings[term].append((index, tf))
        self.postings: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for term, entries in postings.items():
            docs = np.array([d for d, _ in entries], dtype=np.int32)
            tfs = np.array([tf for _, tf in entries])
            idf = math.log(1 + (self.size - len(entries) + 0.5) / (len(entries) + 0.5))
            norm = K1 * (1 - B + B * lengths[docs] / average)
            self.postings[term] = (docs, idf * tfs * (K1 + 1) / (tfs + norm))
        self._fuzzy_choices = sorted(w for w in surface if len(w) >= 4)
        self._expansions: dict[str, dict[str, float]] = {}
        self._split_vocabulary = self.vocabulary | compound_parts()

    def _document_terms(self, text: str):
        # Compounds in documents are split too, so "schuldhulpmaatje" is found by "schulden".
        for word in content_words(text):
            yield stem(word), 1.0
            if word not in self._parts:
                self._parts[word] = [stem(part) for part in split_compound(word, self.vocabulary)]
            for part in self._parts[word]:
                yield part, COMPOUND_PART

    def expand(self, word: str) -> dict[str, float]:
        """Index terms (with weights) that a word someone typed stands for."""
        if word not in self._expansions:
            self._expansions[word] = self._with_synonyms(self._expand_form(word))
        return self._expansions[word]

    def _expand_form(self, word: str) -> dict[str, float]:
        term = stem(word)
        if term in self.postings or term in self._stems:
            return {term: 1.0}
        # A typo first, then a compound (longest known head first), so that "nederlans" is
        # read as "nederlands", not as "neder" + "lans", and "taalmaatjesproject" as
        # "taalmaatje" + "project". Parts may be any common Dutch word.
        if len(word) >= 4:
            allowed = 1 if len(word) < 8 else 2
            matches = process.extract(word, self._fuzzy_choices, scorer=Levenshtein.distance,
                                      score_cutoff=allowed, limit=10)
            if matches:
                # The closest word; between equally close ones, the one most services use.
                best = min(matches, key=lambda m: (m[1], -self._document_frequency(m[0])))
                return {t: w * TYPO for t, w in self._expand_form(best[0]).items()}
        parts = split_compound(word, self._split_vocabulary)
        if parts:
            return self._compound_terms(parts)
        if len(word) >= 4:
            for cut in range(len(word) - 3, 3, -1):  # a known beginning of an unknown compound
                if word[:cut] in self.vocabulary:
                    return {stem(word[:cut]): COMPOUND_PART}
        return {}

    def _compound_terms(self, parts: list[str]) -> dict[str, float]:
        terms: dict[str, float] = {}
        for part in parts:  # a part may be a compound the catalogue knows: taalmaatje|project
            terms[stem(part)] = COMPOUND_PART
            for sub in split_compound(part, self.vocabulary):
                terms.setdefault(stem(sub), COMPOUND_PART * SYNONYM)
        return terms

    def _document_frequency(self, word: str) -> int:
        posting = self.postings.get(stem(word))
        return 0 if posting is None else len(posting[0])

    def _with_synonyms(self, terms: dict[str, float]) -> dict[str, float]:
        expanded = dict(terms)
        for term, weight in terms.items():
            for group in self.synonyms.groups:
                if term in group:
                    for other in group:
                        expanded[other] = max(expanded.get(other, 0.0), weight * SYNONYM)
        return expanded

    def query_terms(self, text: str) -> dict[str, float]:
        terms: dict[str, float] = {}
        for word in content_words(text):
            for term, weight in self.expand(word).items():
                terms[term] = max(terms.get(term, 0.0), weight)
        return terms

    def scores(self, text: str) -> np.ndarray:
        scores = np.zeros(self.size)
        for term, weight in self.query_terms(text).items():
            posting = self.postings.get(term)
            if posting is not None:
                scores[posting[0]] += weight * posting[1]
        return scores


@dataclass(frozen=True)
class Hit:
    service: ServiceRecord
    score: float


@dataclass(frozen=True)
class SearchResult:
    total: int
    hits: list[Hit]


class Catalogue:
    """All active services with their search index: the one search behind chat, API and CLI."""

    def __init__(self, services: Sequence[ServiceRecord], synonyms: Synonyms | None = None,
                 vocab: Taxonomy | None = None):
        self.taxonomy = vocab or taxonomy()
        self.synonyms = synonyms or load_synonyms()
        self.services = list(services)
        self.by_id = {s.id: s for s in self.services}
        words = self.synonyms.category_words
        self.index = TermIndex([self._fields(s, words) for s in self.services], self.synonyms)
        slugs = list(self.taxonomy.categories)
        self._category_slugs = slugs
        self.category_index = TermIndex([
            {"name": [self.taxonomy.categories[slug].label], "category": list(words.get(slug, ())),
             "summary": [self.taxonomy.categories[slug].b1]} for slug in slugs
        ], self.synonyms, extra_vocabulary=self.index.vocabulary)
        self._masks: dict[tuple[str, str], np.ndarray] = {}
        # Phrases of several words ("iemand om mee te praten", "cursus voor werk") say more together
        # than their words apart: a query holding all words of such a phrase favours its category.
        self._phrases = [(slug, frozenset(stem(w) for w in content_words(phrase)))
                         for slug, phrases in words.items() for phrase in phrases
                         if len(content_words(phrase)) >= 2]

    def _fields(self, service: ServiceRecord, category_words) -> dict[str, list[str]]:
        categories = [self.taxonomy.categories[c] for c in service.categories]
        return {
            "name": [service.name, service.alternate_name or "", service.upl_name or ""],
            "keywords": list(service.keywords),
            "category": [c.label for c in categories]
                        + [w for c in service.categories for w in category_words.get(c, ())],
            "summary": [service.summary],
            "description": [service.description, service.organization],
        }

    def get(self, service_id: str) -> ServiceRecord | None:
        return self.by_id.get(service_id)

    def _mask(self, kind: str, value: str) -> np.ndarray:
        key = (kind, value)
        if key not in self._masks:
            test = {
                "domain": lambda s: value in s.domains,
                "category": lambda s: value in s.categories,
                "neighbourhood": lambda s: not s.neighbourhoods or value in s.neighbourhoods,
                "own_neighbourhood": lambda s: value in s.neighbourhoods,
                "language": lambda s: value in s.languages,
                "target_group": lambda s: value in s.target_groups or "iedereen" in s.target_groups,
            }[kind]
            self._masks[key] = np.array([test(s) for s in self.services], dtype=bool)
        return self._masks[key]

    def search(self, q: str = "", *, domain: str | None = None, category: str | None = None,
               neighbourhood: str | None = None, language: str | None = None,
               target_group: str | None = None, limit: int = 10) -> SearchResult:
        """Services best first. With a neighbourhood: that neighbourhood's own first, then city-wide."""
        keep = np.ones(len(self.services), dtype=bool)
        for kind, value in (("domain", domain), ("category", category), ("neighbourhood", neighbourhood),
                            ("language", language), ("target_group", target_group)):
            if value:
                keep &= self._mask(kind, value)
        if q.strip():
            scores = self.index.scores(q)
            keep &= scores > 0
        else:
            scores = np.zeros(len(self.services))
        if q.strip():
            stems = {stem(w) for w in content_words(q)}
            for slug in {slug for slug, phrase in self._phrases if phrase <= stems}:
                scores = np.where(self._mask("category", slug), scores * PHRASE_BOOST, scores)
        if neighbourhood:
            local = self._mask("own_neighbourhood", neighbourhood)
            scores = np.where(local, scores * OWN_NEIGHBOURHOOD_BOOST + 1e-6, scores)
        candidates = np.flatnonzero(keep)
        # Best score first; equal scores by name, so that results never shuffle between calls.
        order = sorted(candidates, key=lambda i: (-scores[i], self.services[i].name))
        return SearchResult(len(candidates), [Hit(self.services[i], float(scores[i])) for i in order[:limit]])

    def categories_for(self, text: str) -> list[tuple[str, float]]:
        """Categories the words of a message point to, best first (for chat, beside the model)."""
        scores = self.category_index.scores(text)
        ranked = sorted(((self._category_slugs[i], float(s)) for i, s in enumerate(scores) if s > 0),
                        key=lambda pair: -pair[1])
        return ranked


@lru_cache(maxsize=4)
def catalogue_from_url(url: str) -> Catalogue:
    """The catalogue in a database, loaded once per process (the data is read-only at run time)."""
    from bot.catalogue.models import make_engine
    from bot.catalogue.store import read_services

    return Catalogue(read_services(make_engine(url)))
