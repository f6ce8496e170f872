"""The crisis guard as Rasa runs it after the classifiers: on real Message objects."""

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.rasa_plugins.crisis_guard import CRISIS_ANYWHERE, CRISIS_INTENT, UNSURE_CRISIS, CrisisGuard


def classified(text, ranking):
    message = Message(data={TEXT: text})
    items = [{"name": name, "confidence": confidence} for name, confidence in ranking]
    message.set(INTENT, items[0], add_to_output=True)
    message.set(INTENT_RANKING_KEY, items, add_to_output=True)
    return message


def guarded(text, ranking):
    [message] = CrisisGuard({}, model_storage=None, resource=None).process([classified(text, ranking)])
    return message.get(INTENT)["name"], [item["name"] for item in message.get(INTENT_RANKING_KEY)]


def test_a_crisis_pattern_wins_over_what_the_model_thought():
    intent, ranking = guarded("ik wil niet meer leven", [("need_gezondheid", 0.8), ("crisis", 0.1)])
    assert intent == CRISIS_INTENT
    assert ranking == ["crisis", "need_gezondheid"], "the other guesses stay, for the suggestions after it"


def test_the_models_unsure_crisis_guess_counts_when_it_is_its_best_guess():
    intent, _ = guarded("alles is zwart", [("nlu_fallback", 0.3), ("crisis", UNSURE_CRISIS + 0.01)])
    assert intent == CRISIS_INTENT


@pytest.mark.parametrize(
    "ranking",
    [
        [("need_schuldhulp", 0.9), ("crisis", 0.05)],  # crisis not the best guess
        [("crisis", UNSURE_CRISIS - 0.01), ("need_schuldhulp", 0.005)],  # too unsure
    ],
)
def test_ordinary_messages_keep_their_intent(ranking):
    intent, _ = guarded("ik heb schulden", ranking)
    assert intent == ranking[0][0]


def test_button_payloads_are_left_alone():
    intent, _ = guarded('/wheel_answer{"wheel_status":"hulp_nodig"}', [("wheel_answer", 1.0)])
    assert intent == "wheel_answer"


def test_in_another_language_a_strong_crisis_vote_counts_also_when_it_is_not_the_first_guess():
    ranking = [("need_schuldhulp", 0.4), ("crisis", CRISIS_ANYWHERE + 0.01)]
    intent, _ = guarded("Nie wiem już, co robić, wszystko jest ciemne i bez sensu", ranking)
    assert intent == CRISIS_INTENT
    intent, _ = guarded("het gaat niet zo goed, ik zie bijna niemand meer", ranking)
    assert intent == "need_schuldhulp", "in Dutch the model's first guess decides"
