"""Old conversations are deleted from a real SQLite tracker store; recent ones stay."""

import asyncio
import time

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.ops.retention import purge
from bot.rasa_plugins.tracker_store import PrivateSQLTrackerStore


def test_conversations_older_than_the_limit_are_deleted(tmp_path):
    db = tmp_path / "tracker.db"
    store = PrivateSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(db))
    old = DialogueStateTracker("old-person", [])
    old.update(
        UserUttered("ik heb schulden", {"name": "need_schuldhulp"}, timestamp=time.time() - 40 * 86400)
    )
    recent = DialogueStateTracker("recent-person", [])
    recent.update(UserUttered("ik zoek een taalmaatje", {"name": "need_taalmaatje"}))
    asyncio.run(store.save(old))
    asyncio.run(store.save(recent))
    assert purge(f"sqlite:///{db}", days=30) == 1
    fresh = PrivateSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(db))
    assert asyncio.run(fresh.retrieve("old-person")) is None
    assert asyncio.run(fresh.retrieve("recent-person")) is not None


def test_an_empty_or_new_store_is_fine(tmp_path):
    assert purge(f"sqlite:///{tmp_path / 'none.db'}", days=30) == 0
