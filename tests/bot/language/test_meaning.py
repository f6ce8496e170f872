"""The multilingual encoder and the nearest-examples vote, with the real encoder."""

import numpy as np
import pytest

from bot.language.meaning import DIMENSIONS, NearestExamples, embed


def test_vectors_are_normalised_and_one_per_text():
    vectors = embed(["ik heb schulden", "I have debts"])
    assert vectors.shape == (2, DIMENSIONS)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    assert embed([]).shape == (0, DIMENSIONS)


def test_the_same_need_in_another_language_lands_near_its_dutch_examples():
    examples = {
        "need_schuldhulp": ["ik heb schulden", "ik kan mijn rekeningen niet betalen", "de deurwaarder komt"],
        "need_sport": ["ik wil sporten", "waar kan ik zwemmen", "ik zoek een voetbalclub"],
        "need_taalmaatje": [
            "ik wil nederlands oefenen",
            "ik zoek een taalmaatje",
            "praten in het nederlands",
        ],
    }
    texts = [t for ts in examples.values() for t in ts]
    labels = [label for label, ts in examples.items() for _ in ts]
    index = NearestExamples(embed(texts), labels, k=3)
    for message, wanted in [
        ("I have a lot of debt and cannot pay my bills", "need_schuldhulp"),
        ("Chciałbym grać w piłkę nożną", "need_sport"),
        ("Я хочу практиковать нидерландский язык", "need_taalmaatje"),
    ]:
        scores = index.scores(embed([message])[0])
        assert max(scores, key=scores.get) == wanted, (message, scores)
        assert abs(sum(scores.values()) - 1.0) < 1e-6


def test_need_votes_name_the_kinds_of_help_a_text_means_and_nothing_for_no_text():
    from bot.language.meaning import need_votes

    votes = need_votes("ik kan mijn huur niet meer betalen")
    assert set(votes) & {"schuldhulp", "wonen"} and sum(votes.values()) == pytest.approx(1.0)
    assert need_votes("   ") == {}
