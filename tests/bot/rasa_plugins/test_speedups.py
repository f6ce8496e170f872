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
    {"events": None},
    {"events": ["slot"]},
    {"events": [{"event": ["slot"]}]},
    {"events": [{"name": "x", "value": 1}]},
    {"events": [{"event": "slot", "name": "neighbourhood", "value": "Noord", "timestamp": "now"}]},
    {"events": [{"event": "slot", "name": 3, "value": "Noord"}]},
    {"events": [{"event": "user", "text": "hallo", "parse_data": {"intent": "not an object"}}]},
    {"events": [{"event": "bot", "text": "Hoi", "data": {}}, {"event": "active_loop", "name": None}]},
    {"events": [{"event": "session_started"}, {"event": "slot", "name": "a", "value": None}], "x": 1},
    {"events": [], "responses": [{"text": "Hoi"}, 3]},
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


def test_answers_the_product_sends_take_the_quick_check():
    """The quick check is in use for this Rasa and says yes to real answers of the actions."""
    from rasa_sdk.events import ActionExecuted, SessionStarted, SlotSet

    assert speedups.validators_by_event() is not None
    answer = {
        "events": [
            SessionStarted(),
            SlotSet("last_categories", ["schulden"]),
            ActionExecuted("action_listen"),
        ],
        "responses": [{"text": "Hoi", "buttons": [{"title": "Ja", "payload": "/affirm"}]}],
    }
    assert speedups.clearly_valid(answer)
    assert not speedups.clearly_valid({"events": [{"event": "slot"}]})


def test_installed_when_the_rest_channel_loads():
    import bot.rasa_plugins.rest_channel  # noqa: F401

    assert RemoteAction._validate_action_result is speedups.validate_action_result


def test_event_types_resolve_as_rasa_resolves_them():
    from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered
    from rasa.shared.utils.common import all_subclasses

    for cls in all_subclasses(Event):
        assert speedups.resolve_by_type(cls.type_name) is speedups.RASAS_RESOLVE(cls.type_name)
    assert speedups.resolve_by_type("user") is UserUttered
    assert (
        speedups.resolve_by_type("slot") is SlotSet and speedups.resolve_by_type("action") is ActionExecuted
    )
    assert speedups.resolve_by_type("topic") is None
    assert speedups.resolve_by_type("no_such_event", default=SlotSet) is SlotSet
    with pytest.raises(ValueError):
        speedups.resolve_by_type("no_such_event")


def test_a_stored_conversation_reads_back_the_same(tmp_path):
    import asyncio

    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.rasa_plugins.tracker_store import PrivateSQLTrackerStore

    speedups.install()
    store = PrivateSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "t.db"))
    tracker = DialogueStateTracker("p", [])
    for event in (
        UserUttered("hallo", {"name": "greet"}),
        ActionExecuted("utter_greet"),
        BotUttered("Hoi"),
        SlotSet("neighbourhood", "Noord"),
    ):
        tracker.update(event)
    asyncio.run(store.save(tracker))
    stored = asyncio.run(store.retrieve("p"))
    assert [type(e) for e in stored.events] == [type(e) for e in tracker.events]
