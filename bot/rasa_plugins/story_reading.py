"""Reading a message told as a story sentence by sentence (bot/language/story.py).

`StorySentences` runs first in the pipeline and adds each sentence of a long message to the
batch as a message of its own, so the rest of the pipeline (tokens, counts, the logistic
regression, the meaning classifier) ranks the sentences exactly as it ranks any message, in the
same pass. `StoryRanking` runs after the classifiers and before the fallback and crisis guards: it
takes the sentences out again and lets them re-order the message's needs.

Only the order of the needs changes, never how sure the model is: the needs, re-ordered by the
sentences, take over the confidences the whole message gave its needs, from the highest down. So
every later decision on confidences (the fallback, the crisis guard, out of scope against the needs)
is the same as without this step. Danger is read from the whole message, as before.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.language.meaning import NEED_PREFIX
from bot.language.story import sentences_of
from bot.rasa_plugins.component import ProjectComponent

# On a sentence's message: the position, in the batch, of the message it was cut from.
SENTENCE_OF = "meedoen_sentence_of"


def _is_need(item: dict[str, Any]) -> bool:
    return str(item.get("name", "")).startswith(NEED_PREFIX)


def _needs(message: Message) -> dict[str, float]:
    return {
        item["name"]: float(item.get("confidence") or 0.0)
        for item in message.get(INTENT_RANKING_KEY) or []
        if _is_need(item)
    }


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class StorySentences(ProjectComponent):
    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data  # the model learns from whole examples

    def process(self, messages: list[Message]) -> list[Message]:
        sentences = [
            Message(data={TEXT: sentence, SENTENCE_OF: position})
            for position, message in enumerate(messages)
            if isinstance(message.get(TEXT), str) and not message.get(TEXT).startswith("/")
            for sentence in sentences_of(message.get(TEXT))
        ]
        return [*messages, *sentences]


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class StoryRanking(ProjectComponent):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # The sentences' share in the order of the needs (their mean), beside the whole message's.
        # 0.7 ranked a fitting need first and among the first three most often on the dev sets.
        return {"sentence_weight": 0.7}

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        whole = [m for m in messages if m.get(SENTENCE_OF) is None]
        sentences_of_message: dict[int, list[Message]] = {}
        for message in messages:
            if message.get(SENTENCE_OF) is not None:
                sentences_of_message.setdefault(int(message.get(SENTENCE_OF)), []).append(message)
        for position, sentences in sentences_of_message.items():
            self._reorder_needs(messages[position], [_needs(s) for s in sentences])
        return whole

    def _reorder_needs(self, message: Message, sentence_needs: list[dict[str, float]]) -> None:
        ranking = list(message.get(INTENT_RANKING_KEY) or [])
        needs = _needs(message)
        if not needs or not sentence_needs:
            return
        share = float(self.config["sentence_weight"])
        names = set(needs).union(*sentence_needs)
        pooled = {
            name: (1 - share) * needs.get(name, 0.0)
            + share * sum(s.get(name, 0.0) for s in sentence_needs) / len(sentence_needs)
            for name in names
        }
        # Each need's place in the ranking, and its confidence, goes to the next need in the new
        # order: every other intent keeps its place, ties included.
        reordered = iter(sorted(names, key=lambda name: -pooled[name]))
        new_ranking = [
            {"name": next(reordered), "confidence": item.get("confidence")} if _is_need(item) else item
            for item in ranking
        ]
        message.set(INTENT, new_ranking[0], add_to_output=True)
        message.set(INTENT_RANKING_KEY, new_ranking, add_to_output=True)
