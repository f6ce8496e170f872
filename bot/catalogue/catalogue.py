"""The catalogue in memory: every active service with its search index, the one search behind
the chat, the HTTP API and the staff command line. Loaded once per process (the data is
read-only at run time)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from bot.catalogue.models import make_engine
from bot.catalogue.records import ServiceRecord
from bot.catalogue.repository import read_services
from bot.catalogue.text_index import Synonyms, TermIndex, load_synonyms
from bot.language.dutch import content_words, stem
from bot.taxonomy import Taxonomy, taxonomy

OWN_NEIGHBOURHOOD_BOOST = 1.25
PHRASE_BOOST = 1.5
# A query's meaning (bot.language.meaning.need_votes) adds its vote times MEANING_SCORE to the
# words' score of the services of the kinds of help it is near, and such services are found even
# without a shared word. A fixed score, not a share of the best words' score: strong words
# still lead, and meaning decides where the words are weak (chosen on the staff1 set).
MEANING_SCORE = 5.0
MEANING_MIN_VOTE = 0.2  # a smaller share of the nearest examples is noise


class Hit(NamedTuple):
    service: ServiceRecord
    score: float


class SearchResult(NamedTuple):
    total: int  # how many services match, of which `hits` are the best
    hits: list[Hit]


class Catalogue:
    """All active services with their search index: the one search behind chat, API and CLI."""

    def __init__(
        self,
        services: Sequence[ServiceRecord],
        synonyms: Synonyms | None = None,
        vocab: Taxonomy | None = None,
    ):
        self.taxonomy = vocab or taxonomy()
        self.synonyms = synonyms or load_synonyms()
        self.services = list(services)
        self.by_id = {s.id: s for s in self.services}
        words = self.synonyms.category_words
        self.index = TermIndex([self._fields(s, words) for s in self.services], self.synonyms)
        slugs = list(self.taxonomy.categories)
        self._category_slugs = slugs
        self.category_index = TermIndex(
            [
                {
                    "name": [self.taxonomy.categories[slug].label],
                    "category": list(words.get(slug, ())),
                    "summary": [self.taxonomy.categories[slug].b1],
                }
                for slug in slugs
            ],
            self.synonyms,
            extra_vocabulary=self.index.vocabulary,
        )
        self._masks: dict[tuple[str, str], np.ndarray] = {}
        # Phrases of several words ("iemand om mee te praten", "cursus voor werk") say more together
        # than their words apart: a query holding all words of such a phrase favours its category.
        self._phrases = [
            (slug, frozenset(stem(w) for w in content_words(phrase)))
            for slug, phrases in words.items()
            for phrase in phrases
            if len(content_words(phrase)) >= 2
        ]

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

    def search(
        self,
        q: str = "",
        *,
        domain: str | None = None,
        category: str | None = None,
        neighbourhood: str | None = None,
        language: str | None = None,
        target_group: str | None = None,
        limit: int = 10,
        category_votes: Mapping[str, float] | None = None,
    ) -> SearchResult:
        """Services best first. With a neighbourhood: that neighbourhood's own first, then city-wide.
        With `category_votes` (what the query means), the services of those kinds of help too."""
        filters = {
            "domain": domain,
            "category": category,
            "neighbourhood": neighbourhood,
            "language": language,
            "target_group": target_group,
        }
        allowed = self._filtered(filters)
        keep = allowed.copy()
        if q.strip():
            scores = self.index.scores(q)
            keep &= scores > 0
        else:
            scores = np.zeros(len(self.services))
        if q.strip():
            stems = {stem(w) for w in content_words(q)}
            for slug in {slug for slug, phrase in self._phrases if phrase <= stems}:
                scores = np.where(self._mask("category", slug), scores * PHRASE_BOOST, scores)
        if category_votes:
            scores, meant = self._with_meaning(scores, category_votes)
            keep |= allowed & meant
        if neighbourhood:
            local = self._mask("own_neighbourhood", neighbourhood)
            scores = np.where(local, scores * OWN_NEIGHBOURHOOD_BOOST + 1e-6, scores)
        candidates = np.flatnonzero(keep)
        # Best score first; equal scores by name, so that results never shuffle between calls.
        order = sorted(candidates, key=lambda i: (-scores[i], self.services[i].name))
        return SearchResult(len(candidates), [Hit(self.services[i], float(scores[i])) for i in order[:limit]])

    def _with_meaning(self, scores: np.ndarray, votes: Mapping[str, float]) -> tuple[np.ndarray, np.ndarray]:
        meant = np.zeros(len(self.services), dtype=bool)
        for slug, vote in votes.items():
            if vote < MEANING_MIN_VOTE or slug not in self.taxonomy.categories:
                continue
            in_category = self._mask("category", slug)
            scores = np.where(in_category, scores + vote * MEANING_SCORE, scores)
            meant |= in_category
        return scores, meant

    def _filtered(self, filters: dict[str, str | None]) -> np.ndarray:
        keep = np.ones(len(self.services), dtype=bool)
        for kind, value in filters.items():
            if value:
                keep &= self._mask(kind, value)
        return keep

    def facets(
        self,
        q: str,
        filters: dict[str, str | None],
        category_votes: Mapping[str, float] | None = None,
    ) -> dict[str, list[dict[str, str | int]]]:
        """For the lookup's filters: per kind, each value (with its Dutch label) and how many
        services it would give together with the query and the other filters (its own kind left
        out, as filter choices count). Values that would give nothing are left out."""
        matching = self.index.scores(q) > 0 if q.strip() else np.ones(len(self.services), dtype=bool)
        if category_votes:
            matching |= self._with_meaning(np.zeros(len(self.services)), category_votes)[1]
        vocab = self.taxonomy
        labels: dict[str, dict[str, str]] = {
            "domain": {slug: d.label for slug, d in vocab.domains.items()},
            "category": {slug: c.label for slug, c in vocab.categories.items()},
            "neighbourhood": {name: name for name in vocab.neighbourhoods},
            "language": {language.code: language.name for language in vocab.languages},
            "target_group": {slug: name for slug, name in vocab.target_groups.items() if slug != "iedereen"},
        }
        counts: dict[str, list[dict[str, str | int]]] = {}
        for kind, options in labels.items():
            others = matching & self._filtered({k: v for k, v in filters.items() if k != kind})
            counts[kind] = [
                {"value": value, "label": label, "count": n}
                for value, label in options.items()
                if (n := int(np.count_nonzero(others & self._mask(kind, value))))
            ]
        return counts

    def categories_for(self, text: str) -> list[tuple[str, float]]:
        """Categories the words of a message point to, best first (for chat, beside the model)."""
        scores = self.category_index.scores(text)
        ranked = sorted(
            ((self._category_slugs[i], float(s)) for i, s in enumerate(scores) if s > 0),
            key=lambda pair: -pair[1],
        )
        return ranked


@lru_cache(maxsize=4)
def catalogue_from_url(url: str) -> Catalogue:
    """The catalogue in a database, loaded once per process."""
    return Catalogue(read_services(make_engine(url)))
