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


def guarded(text, ranking):
    message = Message(data={TEXT: text})
    ranking = [{"name": name, "confidence": confidence} for name, confidence in ranking]
    message.set(INTENT, ranking[0], add_to_output=True)
    message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
    [message] = EraseGuard({}, model_storage=None, resource=None).process([message])
    return message.get(INTENT)["name"]


@pytest.mark.parametrize(
    "text",
    [
        "is dit gesprek anoniem",
        "wordt dit gesprek bewaard?",
        "wie kan dit gesprek lezen",
        "is this chat private?",
    ],
)
def test_a_question_about_the_conversation_the_model_took_for_an_erase_gets_the_privacy_answer(text):
    # Erasing cannot be undone: "is dit gesprek anoniem" was taken for an erase and wiped the
    # conversation. Without a word for erasing, the person gets the privacy answer, which says
    # what is kept and how to erase.
    assert guarded(text, [("erase_conversation", 0.57), ("bot_challenge", 0.2), ("ask_privacy", 0.14)]) == (
        "ask_privacy"
    )


@pytest.mark.parametrize(
    "text",
    [
        "wis dit gesprek",
        "gesprek wissen aub",
        "verwijder mijn gegevens",
        "ik wil dat je alles vergeet",
        "haal mijn berichten weg",
        "kan de chat gewist worden",
        "please delete everything",
    ],
)
def test_an_erase_the_model_read_stands_when_the_message_names_erasing(text):
    assert guarded(text, [("erase_conversation", 0.6), ("ask_privacy", 0.2)]) == "erase_conversation"


def test_every_dutch_erase_example_the_model_learns_from_names_erasing():
    # The model's erase stands only with a word for erasing: its own training examples must have one.
    from bot.language.erase_requests import names_erasing
    from bot.language.meaning import training_examples

    examples = [text for intent, text in training_examples() if intent == "erase_conversation"]
    assert examples and [text for text in examples if not names_erasing(text)] == []
