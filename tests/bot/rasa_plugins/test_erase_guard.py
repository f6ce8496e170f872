"""Erase requests in other languages, as Rasa runs the guard: on real Message objects."""

import pytest
import yaml
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.language.erase_requests import PATTERNS_FILE
from bot.rasa_plugins.erase_guard import EraseGuard

EXAMPLES = yaml.safe_load(PATTERNS_FILE.read_text(encoding="utf-8"))


def intent_after_guard(text):
    message = Message(data={TEXT: text})
    ranking = [
        {"name": "need_schuldhulp", "confidence": 0.4},
        {"name": "erase_conversation", "confidence": 0.1},
    ]
    message.set(INTENT, ranking[0], add_to_output=True)
    message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
    [message] = EraseGuard({}, model_storage=None, resource=None).process([message])
    return message.get(INTENT)["name"]


@pytest.mark.parametrize("text", EXAMPLES["must_match"])
def test_a_request_to_erase_in_another_language_is_an_erase(text):
    assert intent_after_guard(text) == "erase_conversation"


@pytest.mark.parametrize("text", EXAMPLES["must_not_match"])
def test_other_messages_keep_what_the_model_said(text):
    assert intent_after_guard(text) == "need_schuldhulp"


def test_danger_is_never_turned_into_an_erase():
    message = Message(data={TEXT: "please delete this conversation, I will not be here tomorrow"})
    ranking = [{"name": "crisis", "confidence": 1.0}]
    message.set(INTENT, ranking[0], add_to_output=True)
    message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
    [message] = EraseGuard({}, model_storage=None, resource=None).process([message])
    assert message.get(INTENT)["name"] == "crisis"
