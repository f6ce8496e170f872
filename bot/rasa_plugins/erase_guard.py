"""Runs last, after the crisis guard: a request to erase the conversation in another language
(bot/language/erase_requests.yml) becomes `erase_conversation`, unless the message was taken for
danger (by the patterns or by the model: the crisis guard has decided by then). And the other
way round: a message the model took for an erase that names no erasing ("is dit gesprek
anoniem") becomes a question about privacy, because erasing cannot be undone and the privacy
answer says how to erase.

Why patterns and not training examples: examples in those languages drew the model's votes away
from `crisis` in the same languages.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.language.erase_requests import asks_to_erase, names_erasing
from bot.rasa_plugins.component import ProjectComponent, decide_intent
from bot.rasa_plugins.crisis_guard import CRISIS_INTENT

ERASE_INTENT = "erase_conversation"
PRIVACY_INTENT = "ask_privacy"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class EraseGuard(ProjectComponent):
    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text: str | None = message.get(TEXT)
            intent = (message.get(INTENT) or {}).get("name")
            if not text or text.startswith("/") or intent == CRISIS_INTENT:
                continue
            if asks_to_erase(text):
                decide_intent(message, ERASE_INTENT)
            elif intent == ERASE_INTENT and not names_erasing(text):
                ranking = [i for i in message.get(INTENT_RANKING_KEY) or [] if i.get("name") != ERASE_INTENT]
                decide_intent(message, PRIVACY_INTENT, ranking)
        return messages
