"""What a staff member or a citizen types into the lookup: filters by name in any case, and the
words of a query that name a neighbourhood, a language or a group read as that filter.

"taalmaatje arabisch" is a language buddy who speaks Arabic, not a text about Arabic; "inloop
oost" is a walk-in in Oost. The API (`/api/services`) and the lookup page (`/zoeken`) both use
this, so they cannot disagree.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.catalogue.catalogue import Catalogue, SearchResult
from bot.language.dutch import common_words, content_words, fold
from bot.taxonomy import Taxonomy

FILTERS = ("domain", "category", "neighbourhood", "language", "target_group")
# Small words that only say where or in what, left over once their filter is taken out
# ("inloop in oost", "iemand die arabisch spreekt").
LEFT_OVER = frozenset(
    {
        "in",
        "uit",
        "wijk",
        "de",
        "het",
        "die",
        "spreekt",
        "spreken",
        "sprekend",
        "sprekende",
        "taal",
        "en",
        "iemand",
    }
)
TOKEN = re.compile(r"\w+(?:-\w+)*")


@dataclass(frozen=True)
class Query:
    words: str  # what is left to search for in the services' text
    filters: dict[str, str] = field(default_factory=dict)  # kind -> code, slug or name
    from_words: tuple[str, ...] = ()  # the kinds of filter that came from the words


def normalised(kind: str, value: str, vocab: Taxonomy) -> str | None:
    """The taxonomy's own value for a filter given as code, slug or name in any case
    ("noord" -> "Noord", "arabisch" -> "ar", "Hulp bij schulden" -> "schuldhulp"); None if none."""
    folded = fold(value.strip())
    if kind == "neighbourhood":
        return vocab.neighbourhood_for_word(folded)
    if kind == "language":
        for language in vocab.languages:
            if folded in (language.code, fold(language.name)) or folded in language.words:
                return language.code
        return None
    if kind == "domain":
        return next(
            (slug for slug, d in vocab.domains.items() if folded in (slug, fold(d.label), fold(d.short))),
            None,
        )
    if kind == "category":
        return next((slug for slug, c in vocab.categories.items() if folded in (slug, fold(c.label))), None)
    if kind == "target_group":
        if folded in vocab.target_groups:
            return folded
        return next((slug for slug, label in vocab.target_groups.items() if folded == fold(label)), None)
    raise ValueError(kind)


def label(kind: str, value: str, vocab: Taxonomy) -> str:
    """A filter's value in Dutch words, as the page shows it ("ar" -> "Arabisch")."""
    if kind == "language":
        return vocab.language_name(value)
    if kind == "domain":
        return vocab.domains[value].label if value in vocab.domains else value
    if kind == "category":
        return vocab.categories[value].label if value in vocab.categories else value
    if kind == "target_group":
        return vocab.target_groups.get(value, value)
    return value


def read_query(text: str, vocab: Taxonomy, given: dict[str, str] | None = None) -> Query:
    """The query's words without those that name a neighbourhood or a language (their filters
    instead), and a group it names as a filter too (its word stays: "voor ouderen" still says
    something about the kind of help). Filters given explicitly win over words."""
    filters = dict(given or {})
    from_words: list[str] = []
    kept: list[str] = []
    for token in TOKEN.findall(text):
        folded = fold(token)
        neighbourhood = vocab.neighbourhood_for_word(folded)
        language = vocab.language_for_word(folded, misspelt=True)
        if neighbourhood and "neighbourhood" not in filters:
            filters["neighbourhood"] = neighbourhood
            from_words.append("neighbourhood")
        elif language and "language" not in filters:
            filters["language"] = language
            from_words.append("language")
        elif not (neighbourhood or language):
            kept.append(token)
    if from_words and all(fold(t) in LEFT_OVER for t in kept):
        kept = []
    group = vocab.target_group_in(fold(text), misspelt=True)
    if group and "target_group" not in filters:
        filters["target_group"] = group
        from_words.append("target_group")
    return Query(" ".join(kept), filters, tuple(from_words))


# A search for a language alone ("iemand die Arabisch spreekt") is for a person who speaks it:
# the neighbourhood contact women first, who are there for exactly that.
SPEAKS_YOUR_LANGUAGE = "contactvrouw"
# When the words' filters leave nothing, or only what hardly fits the words ("poolse man
# schulden": nothing about debts speaks Polish, a night shelter does), they are dropped in this
# order, and the page says so ("no help in Polish found: this is other help").
RELAX_ORDER = ("language", "target_group", "neighbourhood")
# The best result with the filters must score at least this share of the best without them.
STILL_FITS = 0.5
# ... and, when the query's meaning clearly names a kind of help (its vote), the filters must
# leave some of that help.
CLEARLY_MEANT = 0.4


@dataclass(frozen=True)
class Found:
    result: SearchResult
    filters: dict[str, str]  # the filters that apply to the result
    relaxed: tuple[str, ...]  # filters from the words left out, because with them nothing was found


def reads_as_words(text: str) -> bool:
    """Whether a query holds a real Dutch word, so that its meaning is worth reading: the encoder
    places "qqqxxzz" as near to some need as "niemand belt mij ooit"."""
    return any(fold(word) in common_words() for word in content_words(text))


def find(catalogue: Catalogue, query: Query, limit: int, votes: Mapping[str, float] | None = None) -> Found:
    """The services for a query; `votes` are what its words mean (bot.language.meaning.need_votes),
    so that a problem told in a citizen's words finds the help for it."""
    filters = dict(query.filters)
    relaxed: list[str] = []
    result = _search(catalogue, query.words, filters, limit, votes)
    if not any(kind in query.from_words for kind in RELAX_ORDER):
        return Found(result, filters, ())
    given = {k: v for k, v in filters.items() if k not in query.from_words}
    best_possible = _best_score(_search(catalogue, query.words, given, 1, votes))
    for kind in RELAX_ORDER:
        if kind not in query.from_words:
            continue
        if (
            result.total
            and _best_score(result) >= STILL_FITS * best_possible
            and _meaning_met(catalogue, filters, votes)
        ):
            break
        filters.pop(kind)
        relaxed.append(kind)
        result = _search(catalogue, query.words, filters, limit, votes)
    if not result.total:  # nothing either way: the search as asked, with nothing found
        return Found(result, dict(query.filters), ())
    return Found(result, filters, tuple(relaxed))


def _meaning_met(catalogue: Catalogue, filters: dict[str, str], votes: Mapping[str, float] | None) -> bool:
    """Whether, with these filters, there is any of the help the query clearly means. "activiteiten
    voor jongeren oost": Oost has no activities, and the word "activiteiten" in a day centre's
    text must not hide the activities of the other neighbourhoods. Only help the kind or domain
    given on the page allows is looked for: with "dagbesteding" chosen, what else the words mean
    cannot be shown anyway."""
    meant = [
        slug
        for slug, vote in (votes or {}).items()
        if vote >= CLEARLY_MEANT
        and filters.get("category") in (None, slug)
        and (
            "domain" not in filters
            or (
                slug in catalogue.taxonomy.categories
                and filters["domain"] in catalogue.taxonomy.categories[slug].domains
            )
        )
    ]
    by_kind = {kind: filters.get(kind) for kind in FILTERS if kind != "category"}
    return not meant or any(
        catalogue.search("", **by_kind, category=slug, limit=1).total  # type: ignore[arg-type]
        for slug in meant
    )


def _best_score(result: SearchResult) -> float:
    return result.hits[0].score if result.hits else 0.0


def _search(
    catalogue: Catalogue,
    words: str,
    filters: dict[str, str],
    limit: int,
    votes: Mapping[str, float] | None = None,
) -> SearchResult:
    language_alone = not words.strip() and filters.get("language") not in (None, "nl")
    by_kind = {kind: filters.get(kind) for kind in FILTERS}
    if not language_alone:
        return catalogue.search(words, **by_kind, limit=limit, category_votes=votes)
    everything = catalogue.search("", **by_kind, limit=len(catalogue.services))  # type: ignore[arg-type]
    hits = sorted(everything.hits, key=lambda hit: SPEAKS_YOUR_LANGUAGE not in hit.service.categories)
    return SearchResult(everything.total, hits[:limit])
