"""The SQLite lock store that lets the Rasa server's workers share conversation locks: two stores
on one file stand for two workers, and real processes race for tickets."""

import asyncio
import multiprocessing

import pytest
from rasa.core.lock_store import LockError

from bot.rasa_plugins.lock_store import SQLiteLockStore
from bot.settings import SettingError


def test_a_second_worker_waits_until_the_first_has_finished_the_conversations_turn(tmp_path):
    first, second = (
        SQLiteLockStore(db=str(tmp_path / "locks.db")),
        SQLiteLockStore(db=str(tmp_path / "locks.db")),
    )
    mine = first.issue_ticket("gesprek-1")
    theirs = second.issue_ticket("gesprek-1")
    assert theirs == mine + 1
    assert not second.get_lock("gesprek-1").is_locked(mine)
    assert second.get_lock("gesprek-1").is_locked(theirs), "the second turn waits for the first"
    first.cleanup("gesprek-1", mine)
    lock = second.get_lock("gesprek-1")
    assert lock is not None, "the lock of a waiting turn is kept, not deleted under it"
    assert not lock.is_locked(theirs)
    second.cleanup("gesprek-1", theirs)
    assert first.get_lock("gesprek-1") is None, "nothing is left once no one waits"


def test_other_conversations_do_not_wait(tmp_path):
    first, second = (
        SQLiteLockStore(db=str(tmp_path / "locks.db")),
        SQLiteLockStore(db=str(tmp_path / "locks.db")),
    )
    first.issue_ticket("gesprek-1")
    ticket = second.issue_ticket("gesprek-2")
    assert not second.get_lock("gesprek-2").is_locked(ticket)


def test_turns_of_one_conversation_run_one_after_the_other_through_rasas_lock(tmp_path):
    stores = [SQLiteLockStore(db=str(tmp_path / "locks.db")) for _ in range(2)]
    order = []

    async def turn(store, name):
        async with store.lock("gesprek-1", wait_time_in_seconds=0.01):
            order.append(f"{name} begint")
            await asyncio.sleep(0.05)
            order.append(f"{name} klaar")

    async def both():
        await asyncio.gather(turn(stores[0], "a"), turn(stores[1], "b"))

    asyncio.run(both())
    assert order in (
        ["a begint", "a klaar", "b begint", "b klaar"],
        ["b begint", "b klaar", "a begint", "a klaar"],
    )


def _issue_many(path, count, queue):
    store = SQLiteLockStore(db=path)
    queue.put([store.issue_ticket("gesprek-1", lock_lifetime=600) for _ in range(count)])


def test_two_processes_never_get_the_same_ticket(tmp_path):
    path = str(tmp_path / "locks.db")
    SQLiteLockStore(db=path)  # the table exists before the race
    context = multiprocessing.get_context("fork")  # as Sanic starts Rasa's workers
    queue = context.Queue()
    workers = [context.Process(target=_issue_many, args=(path, 150, queue)) for _ in range(2)]
    for worker in workers:
        worker.start()
    tickets = queue.get(timeout=60) + queue.get(timeout=60)
    for worker in workers:
        worker.join(timeout=60)
    assert sorted(tickets) == list(range(300))


def test_an_unfilled_setting_is_refused():
    with pytest.raises(SettingError):
        SQLiteLockStore(db="${MEEDOEN_LOCK_DB}")


def test_a_database_that_cannot_be_written_is_a_lock_error(tmp_path):
    store = SQLiteLockStore(db=str(tmp_path / "locks.db"))
    store.connection.execute("DROP TABLE conversation_lock")
    with pytest.raises(LockError):
        store.issue_ticket("gesprek-1")


def test_a_failed_transaction_is_never_left_open(tmp_path):
    store = SQLiteLockStore(db=str(tmp_path / "locks.db"))
    store.issue_ticket("gesprek-1")
    store.connection.execute("DROP TABLE conversation_lock")
    with pytest.raises(LockError):
        store.issue_ticket("gesprek-1")
    assert not store.connection.in_transaction
    store.cleanup("gesprek-1", 0)  # logged, not raised: the turn was answered already
    assert not store.connection.in_transaction
