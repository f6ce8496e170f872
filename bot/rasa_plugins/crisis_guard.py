"""Runs after the intent classifiers: a message that matches a crisis pattern becomes `crisis`,
and so does one where the model, even unsure, ranks `crisis` first among the intents.

Why: crisis recall must be 1.0. The model misses rare phrasings, so the deterministic patterns
of bot/language/crisis.py decide last, whatever the model or the fallback classifier said. A false alarm
costs little (the numbers come first, the suggestions still follow); a miss costs a lot.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.conversation import other_languages
from bot.language.crisis import danger_read
from bot.language.detect import DUTCH, language_of
from bot.rasa_plugins.component import ProjectComponent, decide_intent

CRISIS_INTENT = "crisis"
FALLBACK_INTENT = "nlu_fallback"
UNSURE_CRISIS = 0.15  # the model's own crisis guess counts from here when it is its best guess
# ... and, for a message in another language, from here wherever it stands: such a message spreads
# its votes over several intents, and a real danger then often comes second. (In Dutch this rule
# took "gaat niet zo goed, ik zie bijna niemand meer" in the wheel for a crisis.)
CRISIS_ANYWHERE = 0.3


def model_says_crisis(
    crisis_confidence: float, ranked_first: bool, other_language: bool, threshold: float = UNSURE_CRISIS
) -> bool:
    """The guard's rule for the model's own crisis vote; `threshold` is there for
    bench/crisis_model.py, which asks what other thresholds would catch and cost. Above
    CRISIS_ANYWHERE it is also the threshold for a vote anywhere in another language."""
    if other_language and crisis_confidence >= max(threshold, CRISIS_ANYWHERE):
        return True
    return ranked_first and crisis_confidence >= threshold


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class CrisisGuard(ProjectComponent):
    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text: str | None = message.get(TEXT)
            if not text or text.startswith("/"):
                continue
            ranking = [
                item for item in message.get(INTENT_RANKING_KEY) or [] if item.get("name") != FALLBACK_INTENT
            ]
            crisis_confidence = next(
                (item.get("confidence") or 0.0 for item in ranking if item.get("name") == CRISIS_INTENT), 0.0
            )
            language = language_of(text, other_languages.known())
            ranked_first = bool(ranking) and ranking[0].get("name") == CRISIS_INTENT
            model_vote = model_says_crisis(crisis_confidence, ranked_first, language != DUTCH)
            if not (model_vote or danger_read(text, language)):
                continue
            decide_intent(message, CRISIS_INTENT, ranking)
        return messages
