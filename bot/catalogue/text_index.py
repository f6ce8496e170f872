"""A BM25 index over everyday Dutch words: inflections, compounds, typos and synonyms.

Built in memory from the catalogue once per process. Query words are
expanded to index terms in this order: the word's stem as it is; the parts of a compound
("taalmaatjesproject" -> taal, maatje, project); the nearest known word for a typo
("vrijwiligerswerk"); then synonyms from data/catalogue/synonyms.yml. Scores per term are
precomputed as sparse numpy arrays, so a query costs a few array additions whatever the
catalogue's size.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import yaml
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from bot.language.dutch import common_words, content_words, split_compound, stem
from bot.settings import SYNONYMS_FILE

# How much a word counts by the field it stands in.
FIELD_WEIGHTS = {"name": 3.0, "keywords": 2.5, "category": 2.0, "summary": 1.5, "description": 1.0}
COMPOUND_PART = 0.6  # a part of a compound counts less than the whole word
SYNONYM = 0.8  # a synonym counts a little less than the word itself
TYPO = 0.85  # and so does a word we guessed from a typo
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
    groups = tuple(
        frozenset(stem(w) for phrase in group for w in content_words(str(phrase)))
        for group in raw.get("synonyms", [])
    )
    words = {slug: tuple(map(str, phrases)) for slug, phrases in (raw.get("category_words") or {}).items()}
    return Synonyms(groups, words)


class TermIndex:
    """BM25 over documents made of weighted fields; knows how to expand everyday query words."""

    def __init__(
        self,
        documents: Sequence[Mapping[str, Sequence[str]]],
        synonyms: Synonyms,
        extra_vocabulary: Iterable[str] = (),
    ):
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
            matches = process.extract(
                word, self._fuzzy_choices, scorer=Levenshtein.distance, score_cutoff=allowed, limit=10
            )
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
