"""Runs after the intent classifiers: a message that matches a crisis pattern becomes `crisis`.

Why: crisis recall must be 1.0. The model misses rare phrasings, so the deterministic patterns
of bot/crisis.py decide last, whatever the model or the fallback classifier said.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.crisis import crisis_kind

CRISIS_INTENT = "crisis"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class CrisisGuard(GraphComponent):
    @classmethod
    def create(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "CrisisGuard":
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text: Optional[str] = message.get(TEXT)
            if not text or text.startswith("/") or not crisis_kind(text):
                continue
            verdict = {"name": CRISIS_INTENT, "confidence": 1.0}
            others = [item for item in message.get(INTENT_RANKING_KEY) or [] if item.get("name") != CRISIS_INTENT]
            message.set(INTENT, verdict, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [verdict, *others], add_to_output=True)
        return messages
