"""Rasa's conversation locks in a SQLite file: the embedded default's stand-in for the Redis lock
store, so that the Rasa server can run a worker per core on one machine (Rasa allows more than
one Sanic worker only with a lock store the workers share). With several machines, use Redis
(endpoints.production.yml).

A lock is one row: the conversation id and Rasa's TicketLock as JSON. Issuing a ticket reads and
writes the row in one write transaction, so two workers never hand out the same ticket.

Configured in endpoints.yml as `type: bot.rasa_plugins.lock_store.SQLiteLockStore`.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, LockStore
from rasa.utils.endpoints import EndpointConfig

from bot.settings import SettingError

log = logging.getLogger(__name__)

# A worker that holds the write lock for longer than this is stuck; the other gives up with a
# LockError, which the REST channel answers with its safety net.
BUSY_TIMEOUT_MS = 5000


class SQLiteLockStore(LockStore):
    def __init__(self, endpoint_config: EndpointConfig | None = None, db: str | None = None) -> None:
        path = db or (endpoint_config.kwargs.get("db") if endpoint_config else None)
        if not path or "${" in str(path):
            raise SettingError("The lock store needs a database file (db:), and its ${...} filled in.")
        # isolation_level None: every statement commits at once, except the explicit transaction
        # in issue_ticket. One connection per worker; Rasa calls the lock store from one thread.
        self.connection = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        self.connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        self.connection.execute("PRAGMA journal_mode = WAL")  # readers do not wait for the writer
        self.connection.execute("PRAGMA synchronous = NORMAL")  # a lock need not survive a power cut
        self.connection.execute(
            "CREATE TABLE IF NOT EXISTS conversation_lock "
            "(conversation_id TEXT PRIMARY KEY, lock TEXT NOT NULL)"
        )

    def get_lock(self, conversation_id: str) -> TicketLock | None:
        row = self.connection.execute(
            "SELECT lock FROM conversation_lock WHERE conversation_id = ?", (conversation_id,)
        ).fetchone()
        return TicketLock.from_dict(json.loads(row[0])) if row else None

    def delete_lock(self, conversation_id: str) -> None:
        self.connection.execute("DELETE FROM conversation_lock WHERE conversation_id = ?", (conversation_id,))

    def save_lock(self, lock: TicketLock) -> None:
        self.connection.execute(
            "INSERT INTO conversation_lock (conversation_id, lock) VALUES (?, ?) "
            "ON CONFLICT (conversation_id) DO UPDATE SET lock = excluded.lock",
            (lock.conversation_id, lock.dumps()),
        )

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        try:
            with self._write():
                lock = self.get_or_create_lock(conversation_id)
                ticket = lock.issue_ticket(lock_lifetime)
                self.save_lock(lock)
            return ticket
        except Exception as error:  # Rasa's own lock stores say LockError, and so do we
            raise LockError(f"Error while acquiring lock: {error}") from error

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        # Read and written in one transaction too: another worker may be issuing a ticket.
        self._change(conversation_id, lambda lock: lock.remove_ticket_for(ticket_number))

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        # Rasa's cleanup reads, writes and deletes in three steps; between them another worker
        # could issue a ticket whose lock is then deleted under it (its turn fails). It runs
        # after the turn has been answered and stored: a failure here is logged, not the
        # person's problem (the ticket then expires after Rasa's lock lifetime).
        try:
            with self._write():
                lock = self.get_lock(conversation_id)
                if lock:
                    lock.remove_ticket_for(ticket_number)
                    if lock.is_someone_waiting():
                        self.save_lock(lock)
                    else:
                        self.delete_lock(conversation_id)
        except sqlite3.Error:
            log.exception("a conversation lock could not be released; it expires by itself")

    def update_lock(self, conversation_id: str) -> None:
        self._change(conversation_id, lambda lock: lock.remove_expired_tickets())

    def _change(self, conversation_id: str, change: Any) -> None:
        with self._write():
            lock = self.get_lock(conversation_id)
            if lock:
                change(lock)
                self.save_lock(lock)

    @contextmanager
    def _write(self) -> Iterator[None]:
        """One write transaction: committed when the block ends, rolled back when it fails, and
        never left open (an open one would block every later ticket of this worker)."""
        self.connection.execute("BEGIN IMMEDIATE")  # the write lock first: no one reads in between
        try:
            yield
            self.connection.execute("COMMIT")
        finally:
            if self.connection.in_transaction:
                self.connection.execute("ROLLBACK")
