"""The action server's answers are checked exactly as Rasa checks them, only faster."""

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

from bot.rasa_plugins import speedups

ANSWERS = [
    {"events": [], "responses": []},
    {
        "events": [{"event": "slot", "name": "neighbourhood", "value": "Noord"}],
        "responses": [{"text": "Hoi"}],
    },
    {"events": [{"event": "action", "name": "action_listen"}, {"event": "followup", "name": "x"}]},
    {"events": "not a list"},
    {"events": [{"event": "no_such_event"}]},
    {"events": [{"event": "slot"}]},
    {"responses": ["not an object"]},
    [],
]


def outcome(validate, answer):
    action = RemoteAction("action_suggest_services", EndpointConfig("http://127.0.0.1:9"))
    try:
        return validate(action, answer)
    except ValidationError as error:
        return ("invalid", error.message, list(error.path))


@pytest.mark.parametrize("answer", ANSWERS)
def test_the_check_says_what_rasas_own_says(answer):
    assert outcome(speedups.validate_action_result, answer) == outcome(speedups.RASAS_OWN, answer)


def test_installed_when_the_rest_channel_loads():
    import bot.rasa_plugins.rest_channel  # noqa: F401

    assert RemoteAction._validate_action_result is speedups.validate_action_result
