"""What this project's NLU components share: Rasa makes each from its config, model storage and
resource."""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message


class ProjectComponent(GraphComponent):
    def __init__(self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource) -> None:
        self.config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GraphComponent:
        return cls(config, model_storage, resource)


def decide_intent(message: Message, name: str, ranking: list[dict[str, Any]] | None = None) -> None:
    """Make `name` the message's intent, sure, ahead of the rest of the ranking (the guards'
    verdict: a pattern decides where the model may have doubted)."""
    verdict = {"name": name, "confidence": 1.0}
    rest = ranking if ranking is not None else message.get(INTENT_RANKING_KEY) or []
    message.set(INTENT, verdict, add_to_output=True)
    message.set(
        INTENT_RANKING_KEY, [verdict, *(i for i in rest if i.get("name") != name)], add_to_output=True
    )
