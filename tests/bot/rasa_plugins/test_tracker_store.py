"""The tracker store on a real SQLite database: personal data is scrubbed, erase deletes."""

import asyncio

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_plugins.tracker_store import PrivateSQLTrackerStore


def store_at(tmp_path):
    return PrivateSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "tracker.db"))


def test_what_people_type_is_stored_without_personal_numbers(tmp_path):
    store = store_at(tmp_path)
    tracker = DialogueStateTracker("person-1", [])
    tracker.update(UserUttered("bel mij op 0612345678 over mijn schulden", {"name": "need_schuldhulp"}))
    asyncio.run(store.save(tracker))
    stored = asyncio.run(store_at(tmp_path).retrieve("person-1"))
    text = stored.latest_message.text
    assert "0612345678" not in text and "[telefoonnummer]" in text and "schulden" in text


def test_erase_deletes_the_whole_conversation(tmp_path):
    store = store_at(tmp_path)
    tracker = DialogueStateTracker("person-2", [])
    tracker.update(UserUttered("ik heb schulden", {"name": "need_schuldhulp"}))
    tracker.update(BotUttered("Dit kan u helpen"))
    asyncio.run(store.save(tracker))
    other = DialogueStateTracker("person-3", [])
    other.update(UserUttered("hallo", {"name": "greet"}))
    asyncio.run(store.save(other))
    tracker.update(UserUttered("wis dit gesprek", {"name": "erase_conversation"}))
    tracker.update(ActionExecuted("action_erase_conversation"))
    asyncio.run(store.save(tracker))
    fresh = store_at(tmp_path)
    assert asyncio.run(fresh.retrieve("person-2")) is None
    assert asyncio.run(fresh.retrieve("person-3")) is not None, "other conversations stay"


def stored_file_text(tmp_path):
    return (tmp_path / "tracker.db").read_bytes().decode("utf-8", "replace")


def test_names_and_every_kind_of_event_are_stored_scrubbed(tmp_path):
    from rasa.shared.core.events import SlotSet

    store = store_at(tmp_path)
    tracker = DialogueStateTracker("person-4", [])
    text = "Ik heet Fatima Yilmaz, bsn 111.222.333, geboren 12 maart 1985"
    tracker.update(
        UserUttered(text, {"name": "need_schuldhulp"}, entities=[{"entity": "x", "value": "Fatima Yilmaz"}])
    )
    tracker.update(SlotSet("helped_person", "mevrouw Yilmaz"))
    asyncio.run(store.save(tracker))
    stored = stored_file_text(tmp_path)
    for secret in ("Fatima", "Yilmaz", "111.222.333", "1985"):
        assert secret not in stored, secret
    assert "[naam]" in stored and "[bsn]" in stored and "[datum]" in stored


def test_a_typed_wheel_answer_is_not_stored_only_the_status_the_bot_understood(tmp_path):
    from rasa.shared.core.events import SlotSet

    store = store_at(tmp_path)
    tracker = DialogueStateTracker("person-5", [])
    tracker.update(UserUttered("mijn dochter Sanne helpt me, het gaat best", {"name": "wheel_answer"}))
    tracker.update(SlotSet("wheel_sociale_contacten", "mijn dochter Sanne helpt me, het gaat best"))
    tracker.update(SlotSet("wheel_sociale_contacten", "gaat_goed"))
    asyncio.run(store.save(tracker))
    stored = asyncio.run(store_at(tmp_path).retrieve("person-5"))
    values = [e.value for e in stored.events if isinstance(e, SlotSet)]
    assert values == [None, "gaat_goed"]
    assert "helpt me, het gaat best" not in stored_file_text(tmp_path).replace(stored.latest_message.text, "")
    assert "Sanne" not in stored_file_text(tmp_path)


def test_the_categories_named_during_the_wheel_are_kept(tmp_path):
    from rasa.shared.core.events import SlotSet

    store = store_at(tmp_path)
    tracker = DialogueStateTracker("person-6", [])
    tracker.update(UserUttered("ik wil een opleiding doen", {"name": "wheel_answer"}))
    tracker.update(SlotSet("wheel_named", {"opdoen_van_vaardigheden": ["opleiding"]}))
    asyncio.run(store.save(tracker))
    stored = asyncio.run(store_at(tmp_path).retrieve("person-6"))
    named = [e.value for e in stored.events if isinstance(e, SlotSet)]
    assert named == [{"opdoen_van_vaardigheden": ["opleiding"]}]
