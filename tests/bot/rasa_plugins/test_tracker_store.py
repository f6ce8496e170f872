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
