"""Old conversations are deleted from a real SQLite tracker store; recent ones stay."""

import asyncio
import time

import pytest
import sqlalchemy
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.ops.retention import Housekeeping, purge
from bot.rasa_plugins.tracker_store import PrivateSQLTrackerStore
from bot.settings import settings


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


def save(db, sender, days_ago):
    store = PrivateSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(db))
    tracker = DialogueStateTracker(sender, [])
    tracker.update(
        UserUttered(
            "ik zoek een taalmaatje", {"name": "need_taalmaatje"}, timestamp=time.time() - days_ago * 86400
        )
    )
    asyncio.run(store.save(tracker))


def test_a_long_running_product_deletes_conversations_that_grow_old_while_it_runs(tmp_path):
    # The purge at start is not enough: a server up for months would keep conversations longer
    # than the privacy page says. Housekeeping purges again once `every` seconds have passed.
    config = settings({"MEEDOEN_VAR_DIR": str(tmp_path), "MEEDOEN_RETENTION_DAYS": "7"})
    now = [0.0]
    housekeeping = Housekeeping(config, every=3600, clock=lambda: now[0])
    assert "deleted: 0" in (housekeeping.run_if_due() or "")
    save(config.tracker_db, "grew-old", days_ago=8)  # as if it had aged while the server ran
    save(config.tracker_db, "recent", days_ago=6)
    now[0] = 3599.0
    assert housekeeping.run_if_due() is None
    now[0] = 3600.0
    assert "older than 7 days deleted: 1." in (housekeeping.run_if_due() or "")
    store = PrivateSQLTrackerStore(Domain.empty(), dialect="sqlite", db=config.tracker_db)
    assert asyncio.run(store.retrieve("grew-old")) is None
    assert asyncio.run(store.retrieve("recent")) is not None


def test_a_failing_purge_is_said_and_tried_again_later_without_stopping_the_product(tmp_path, capsys):
    config = settings({"MEEDOEN_VAR_DIR": str(tmp_path / "a-file" / "var")})
    (tmp_path / "a-file").write_text("not a folder")
    now = [0.0]
    housekeeping = Housekeeping(config, every=60, clock=lambda: now[0])
    assert housekeeping.run_if_due() is None
    assert "trying again later" in capsys.readouterr().err
    now[0] = 60.0
    assert housekeeping.run_if_due() is None  # tried again, still failing, still no crash


@pytest.fixture
def sqlite_without_secure_delete():
    """Every new SQLite connection starts with secure_delete off, as many builds of SQLite do (this
    machine's is built with it on), so the purge must turn it on itself."""

    def off(connection, _record):
        connection.execute("PRAGMA secure_delete = OFF")

    sqlalchemy.event.listen(sqlalchemy.engine.Engine, "connect", off)
    yield
    sqlalchemy.event.remove(sqlalchemy.engine.Engine, "connect", off)


def test_a_purged_conversation_leaves_no_text_in_the_database_file(tmp_path, sqlite_without_secure_delete):
    # As when a person erases: SQLite's free pages must not keep what was deleted.
    db = tmp_path / "tracker.db"
    store = PrivateSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(db))
    old = DialogueStateTracker("old-person", [])
    for _ in range(50):  # enough to fill pages of their own
        old.update(UserUttered("ik zoek een zwemclub voor mijn dochter", timestamp=time.time() - 40 * 86400))
    asyncio.run(store.save(old))
    store.engine.dispose()
    assert b"zwemclub" in db.read_bytes()
    assert purge(f"sqlite:///{db}", days=30) == 1
    assert b"zwemclub" not in db.read_bytes()
