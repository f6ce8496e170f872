"""Everyday Dutch text handling shared by search and conversation: tokens, lemmas, compounds, typos."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import simplemma
import wordfreq

from bot.language.personal_data import MARKS

WORD = re.compile(r"[a-z0-9]+")

# Function words that carry no meaning for finding support. Kept short on purpose: words like
# "alleen", "niet", "geen" and "meer" do carry meaning here ("alleen thuis", "geen geld").
# "weer" and the forms of "worden" say nothing about a need: "weer aan het werk" is found by
# "werk", and "wat voor weer wordt het" asks about the weather.
STOPWORDS = frozenset(
    """
aan al als ben bij dan dat de deze die dit doe doen door een en er ff graag had heb hebben heeft
het hier hij hoe hoi hun ik in is ja je jij kan kun kunnen me mee met mij mijn moet na naar nog
nu of om omdat ook op over te tot u uw van voor waar wat we wel wie wil willen wij zij zo zou
zijn hallo goedemiddag goedemorgen beste dag dus echt even heel iets iemand kunt welke
weer word wordt worden werd werden
""".split()
)


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Lowercase and strip accents, so that 'Cliënt' and 'client' are one word."""
    return strip_accents(text.lower())


def words(text: str) -> list[str]:
    return WORD.findall(fold(text))


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    return fold(simplemma.lemmatize(word, lang="nl"))


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Common Dutch words (wordfreq ships the list; no download)."""
    return frozenset(fold(w) for w in wordfreq.top_n_list("nl", 40000) if w.isalpha())


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light Dutch stem: the lemma, and for words simplemma may not know, without plural and
    diminutive endings ("taalmaatjes" -> "taalmaa", as "taalmaatje").

    Common words keep their lemma as it is, so that "alleen" and "alles" stay apart.
    """
    base = lemma(word)
    if base in common_words() or word in common_words():
        return base
    for ending in ("tjes", "jes", "tje", "je", "'s", "en", "s"):
        if len(base) - len(ending) >= 4 and base.endswith(ending):
            base = base[: -len(ending)]
            break
    if len(base) >= 5 and base[-1] == base[-2] and base[-1] not in "aeiou":
        base = base[:-1]  # "bellen" -> "bell" -> "bel", as the verb stem is written
    return base


def content_words(text: str) -> list[str]:
    return [w for w in words(text) if w not in STOPWORDS and (len(w) > 1 or w.isdigit())]


def split_compound(word: str, vocabulary, min_part: int = 3) -> list[str]:
    """Split a compound into known parts ("taalmaatjesproject" -> taal, maatje, project).

    Tries the longest known head first; the Dutch linking letters s and e(n) may join the parts.
    Returns [] when no full split into known parts exists.
    """
    if len(word) < 2 * min_part:
        return []
    for cut in range(len(word) - min_part, min_part - 1, -1):
        head, tail = word[:cut], word[cut:]
        if head not in vocabulary:
            continue
        for link in ("", "s", "en", "e"):
            if link and not tail.startswith(link):
                continue
            rest = tail[len(link) :]
            if len(rest) < min_part:
                continue
            if rest in vocabulary:
                return [head, rest]
            if stem(rest) in vocabulary:
                return [head, stem(rest)]
            deeper = split_compound(rest, vocabulary, min_part)
            if deeper:
                return [head, *deeper]
    return []


# Markup, template placeholders and code: a person's need is never written like this. Words that
# remain once tags are taken out still count ("<b>ik heb schulden</b>").
TAG = re.compile(r"<[^<>]{0,200}>")
NOT_PROSE = re.compile(
    r"\{\{.*?\}\}|\$\{.*?\}|\{[a-z_][a-z0-9_]{1,30}\}|%\(?\w*\)?[sd]\b|\blorem ipsum\b"
    r"|(?m:^\s*(def|class|function|const|let|var|import)\s+\w+[^\n]*[:{(=;]\s*$)|\b(select|insert|update|delete|drop)\b.{0,40}\b(from|into|table|set)\b"
    r"|\b[a-z_]+\([^()]*\)\s*;?\s*$|\brm -rf\b|^\s*[\[{].*[\]}]\s*$|^\s*(https?://|www\.)\S+\s*$|^\s*\S+@\S+\.\S+\s*$",
    re.IGNORECASE | re.DOTALL,
)

# A letter template's fields in capitals ("Beste [NAAM], ... op [DATUM]"): case matters, because
# the scrubber's own marks are lower case ("[naam]") and stand in a person's real message.
TEMPLATE_FIELDS = re.compile(r"(\[[A-Z][A-Z_ ]{1,20}\].*){2,}", re.DOTALL)
# ... or in lower case, when one of them is not a mark the scrubber writes ("[tijd]", "[organisatie]").
FIELD = re.compile(r"\[[a-z][a-z_ -]{1,20}\]")


def prose(text: str) -> str:
    """The words a person wrote, without markup; "" when the message is code or a placeholder."""
    words = TAG.sub(" ", text).strip()
    if NOT_PROSE.search(text) or NOT_PROSE.search(words) or TEMPLATE_FIELDS.search(text):
        return ""
    fields = FIELD.findall(text)
    if len(fields) >= 2 and not set(fields) <= MARKS:
        return ""
    # Emoji, digits or punctuation only ("👍", "???"): nothing to read a need from.
    if not any(character.isalpha() for character in words):
        return ""
    return words
