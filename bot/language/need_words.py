"""Which kinds of help a short text's words are like: a logistic regression on the word and
character n-grams of the training data's need examples, as the chat's NLU pipeline has beside
the meaning classifier (config.yml). The lookup page blends it with the meaning votes
(bot.language.meaning.need_votes): the encoder alone places "man 80 valt vaak woont alleen"
near a walking group, the words know "valt" and "alleen" from the examples."""

from __future__ import annotations

from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from bot.language.dutch import fold
from bot.language.meaning import need_examples, need_votes
from bot.language.once import built_once

# Half and half, chosen on the dev lookup sets (staff1-4): hit@3 574 -> 577 and hit@1 551 -> 565
# of 600 against the meaning votes alone; 0.3 and 0.7 did no better.
WORDS_WEIGHT = 0.5


class NeedWords:
    def __init__(self, texts: list[str], labels: list[str]) -> None:
        self.words = TfidfVectorizer(preprocessor=fold, sublinear_tf=True)
        self.chars = TfidfVectorizer(
            preprocessor=fold, analyzer="char_wb", ngram_range=(2, 4), min_df=2, sublinear_tf=True
        )
        features = hstack([self.words.fit_transform(texts), self.chars.fit_transform(texts)]).tocsr()
        # liblinear: about 2 s on one core here; lbfgs over the same features took 90 s.
        self.model = LogisticRegression(solver="liblinear", C=10.0).fit(features, labels)

    def votes(self, text: str) -> dict[str, float]:
        features = hstack([self.words.transform([text]), self.chars.transform([text])]).tocsr()
        shares = self.model.predict_proba(features)[0]
        return {str(label): float(share) for label, share in zip(self.model.classes_, shares, strict=True)}


@built_once
def _classifier() -> NeedWords:
    # About 3,000 examples: 2-3 s, once per process (bot/web/app.py builds it at start).
    labels, texts = zip(*need_examples(), strict=True)
    return NeedWords(list(texts), list(labels))


def word_votes(text: str) -> dict[str, float]:
    """Each kind of help (category slug) with the words' share of the vote (summing to 1)."""
    if not text.strip():
        return {}
    return _classifier().votes(text)


def query_votes(text: str) -> dict[str, float]:
    """What a lookup query asks for: the meaning votes and the word votes, half and half."""
    meaning, words = need_votes(text), word_votes(text)
    return {
        slug: (1 - WORDS_WEIGHT) * meaning.get(slug, 0.0) + WORDS_WEIGHT * words.get(slug, 0.0)
        for slug in set(meaning) | set(words)
    }
