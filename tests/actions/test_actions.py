"""The rasa-sdk actions with a CollectingDispatcher, against a real SQLite catalogue."""

import asyncio

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import actions


@pytest.fixture(autouse=True)
def catalogue_in_environment(monkeypatch, catalogue_url):
    monkeypatch.setenv("MEEDOEN_CATALOGUE_URL", catalogue_url)


def tracker(text, intent, ranking=(), slots=None, entities=()):
    message = {
        "text": text,
        "intent": {"name": intent, "confidence": 1.0},
        "intent_ranking": [{"name": n, "confidence": c} for n, c in ranking]
        or [{"name": intent, "confidence": 1.0}],
        "entities": list(entities),
    }
    return Tracker("test-user", slots or {}, message, [], False, None, {}, "action_listen")


def run(name, tracker_):
    """Run the action the action server registers under this name."""
    action = actions.ActionSessionStart() if name == "action_session_start" else actions.ACTIONS[name]()
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker_, {}))
    return dispatcher.messages, events


def test_a_need_gets_suggestions_with_phone_numbers_then_one_question():
    messages, events = run(
        "action_suggest_services",
        tracker(
            "ik zoek iemand om nederlands mee te oefenen",
            "need_taalmaatje",
            [("need_taalmaatje", 0.93), ("need_taalles", 0.04)],
        ),
    )
    texts = [m for m in messages if m.get("text")]
    payloads = [m["custom"] for m in messages if m.get("custom")]
    assert len(payloads) == 1 and payloads[0]["type"] == "services"
    services = payloads[0]["services"]
    assert 1 <= len(services) <= 3
    assert services[0]["categories"][0] == "taalmaatje"
    assert services[0]["contact"]["phone"]
    assert services[0]["name"] in texts[0]["text"] and services[0]["contact"]["phone"] in texts[0]["text"]
    assert texts[-1]["text"].count("?") == 1 and len(texts[-1]["buttons"]) == 6
    remembered = next(e["value"] for e in events if e.get("name") == "last_categories")
    assert remembered[0] == "taalmaatje" and len(remembered) <= 3


def test_a_neighbourhood_refines_the_last_suggestions_without_asking_again():
    messages, events = run(
        "action_suggest_services",
        tracker(
            '/inform_neighbourhood{"neighbourhood":"West"}',
            "inform_neighbourhood",
            slots={"last_categories": ["taalmaatje"]},
            entities=[{"entity": "neighbourhood", "value": "West"}],
        ),
    )
    services = next(m["custom"]["services"] for m in messages if m.get("custom"))
    assert services[0]["categories"][0] == "taalmaatje"
    assert services[0]["neighbourhood"] == "West"
    assert not any(m.get("buttons") for m in messages)
    assert {"event": "slot", "timestamp": None, "name": "neighbourhood", "value": "West"} in events


def test_the_crisis_action_leaves_the_numbers_to_the_rasa_server_and_repeats_nothing():
    # The numbers are domain.yml's utter_crisis_numbers, sent before this action runs.
    messages, events = run("action_crisis", tracker("ik wil niet meer leven", "crisis"))
    assert not any((m.get("custom") or {}).get("type") == "crisis" for m in messages)
    assert {"event": "slot", "timestamp": None, "name": "last_reply", "value": "crisis"} in events


def test_out_of_scope_points_to_the_municipality_and_suggests_nothing():
    messages, _ = run("action_out_of_scope", tracker("ik wil een nieuw paspoort", "out_of_scope"))
    assert len(messages) == 1 and not messages[0].get("custom")
    assert "14 0999" in messages[0]["text"]


def test_human_contact_has_phone_and_opening_hours():
    messages, _ = run("action_human_contact", tracker("ik wil een mens spreken", "ask_human"))
    assert "14 0999" in messages[0]["text"]
    assert "8.30" in messages[0]["text"]


def test_session_start_names_the_municipality():
    _, events = run("action_session_start", tracker("", "session_start"))
    assert {"event": "slot", "timestamp": None, "name": "municipality", "value": "Voorbeeldstad"} in events


@pytest.mark.parametrize("days, period", [("7", "7 dagen"), ("1", "1 dag")])
def test_the_privacy_answer_names_the_retention_period_the_product_keeps(monkeypatch, days, period):
    # Filled in by the action at every answer, so a conversation begun before a change of
    # MEEDOEN_RETENTION_DAYS is told the period kept now.
    monkeypatch.setenv("MEEDOEN_RETENTION_DAYS", days)
    messages, _ = run("action_privacy", tracker("wie leest dit eigenlijk?", "ask_privacy"))
    assert messages == [{**messages[0], "response": "utter_privacy", "retention_period": period}]


def test_neighbourhood_without_an_earlier_need_asks_what_help_is_wanted():
    messages, events = run("action_suggest_services", tracker("ik woon in Zuid", "inform_neighbourhood"))
    assert "Zuid" in messages[0]["text"] and messages[0]["text"].endswith("?")
    assert {"event": "slot", "timestamp": None, "name": "neighbourhood", "value": "Zuid"} in events


def test_fallback_still_suggests_when_the_words_clearly_name_a_need():
    messages, _ = run(
        "action_fallback",
        tracker(
            "ik heb schulden en ik woon in noord",
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("need_schuldhulp", 0.35), ("inform_neighbourhood", 0.3)],
        ),
    )
    services = next(m["custom"]["services"] for m in messages if m.get("custom"))
    assert services[0]["categories"][0] == "schuldhulp" and services[0]["neighbourhood"] in ("Noord", None)


def test_fallback_for_gibberish_offers_buttons():
    messages, _ = run("action_fallback", tracker("qwx zzv", "nlu_fallback", [("nlu_fallback", 0.4)]))
    assert [m.get("response") for m in messages] == ["utter_fallback"]


def test_crisis_with_money_trouble_gives_debt_help_after_the_numbers():
    messages, _ = run(
        "action_crisis",
        tracker("de schulden zijn zo hoog, ik zie het niet meer zitten en wil dood", "crisis"),
    )
    assert messages[0]["text"].startswith("Dit kan u ook helpen")
    services = next(
        m["custom"]["services"] for m in messages if (m.get("custom") or {}).get("type") == "services"
    )
    assert "schuldhulp" in services[0]["categories"]


def wheel_tracker(text, requested, slots=None, intent="wheel_answer"):
    slots = {"requested_slot": requested, **(slots or {})}
    message = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.9},
        "intent_ranking": [{"name": intent, "confidence": 0.9}],
        "entities": [],
    }
    events = [{"event": "user", "text": text}, {"event": "slot", "name": requested, "value": text}]
    return Tracker("test-user", slots, message, events, False, None, {"name": "wheel_form"}, "action_listen")


def test_an_answer_that_names_another_domain_fills_that_domain_too():
    _, events = run(
        "validate_wheel_form",
        wheel_tracker("ik ben vaak alleen en ik heb ook schulden", "wheel_sociale_contacten"),
    )
    values = {e["name"]: e["value"] for e in events}
    assert values["wheel_sociale_contacten"] == "hulp_nodig"
    assert values["wheel_zelfstandig_functioneren"] == "hulp_nodig"
    assert "schuldhulp" in values["wheel_named"]["zelfstandig_functioneren"]


def test_what_someone_is_good_at_is_kept_as_giving_not_as_a_need():
    _, events = run(
        "validate_wheel_form",
        wheel_tracker(
            "ik kan goed koken en wil graag helpen in de buurt", "wheel_strengths", slots={"wheel_named": {}}
        ),
    )
    values = {e["name"]: e["value"] for e in events}
    assert set(values) == {"wheel_strengths"}, "no domain is marked as needing help"
    assert values["wheel_strengths"] and values["wheel_strengths"] != "geen"


@pytest.fixture
def catalogue_gone(monkeypatch, tmp_path):
    """The catalogue database disappears after the start (and the cached one with it)."""
    from bot.catalogue import catalogue as catalogue_module

    monkeypatch.setenv("MEEDOEN_CATALOGUE_URL", f"sqlite:///{tmp_path / 'gone' / 'catalogue.db'}")
    catalogue_module.catalogue_from_url.cache_clear()
    actions.municipality_at.cache_clear()
    yield
    catalogue_module.catalogue_from_url.cache_clear()
    actions.municipality_at.cache_clear()


def test_when_the_catalogue_is_gone_a_need_gets_a_friendly_answer_and_the_topic_is_forgotten(catalogue_gone):
    messages, events = run("action_suggest_services", tracker("ik heb schulden", "need_schuldhulp"))
    assert [m["text"] for m in messages] == [
        "Sorry, er ging bij mij iets mis. Probeer het zo nog eens. Of bel de gemeente."
    ]
    assert {"event": "slot", "timestamp": None, "name": "last_categories", "value": None} in events


def test_when_the_catalogue_is_gone_danger_the_model_missed_still_gets_the_numbers_first(catalogue_gone):
    messages, _ = run("action_fallback", tracker("mijn man slaat me en ik ben bang", "nlu_fallback"))
    assert messages[0]["custom"]["type"] == "crisis" and "112" in messages[1]["text"]
    assert len(messages) == 2, "nothing after the numbers tells someone in danger to try again"


def test_when_the_crisis_action_fails_it_adds_nothing_to_the_numbers_already_sent(catalogue_gone):
    messages, _ = run("action_crisis", tracker("de schulden zijn zo hoog, ik wil dood", "crisis"))
    assert messages == []


def test_a_slot_of_the_wrong_kind_is_read_as_unset_not_echoed_or_crashing():
    messages, _ = run(
        "action_suggest_services",
        tracker(
            "ik heb schulden",
            "need_schuldhulp",
            slots={"neighbourhood": {"a": 1}, "language": "<script>", "last_categories": "x"},
        ),
    )
    services = next(m["custom"]["services"] for m in messages if m.get("custom"))
    assert "schuldhulp" in services[0]["categories"]
    assert not any("script" in (m.get("text") or "") for m in messages)
