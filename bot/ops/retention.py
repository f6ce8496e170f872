"""Conversations are not kept forever: delete every conversation whose last event is older than
a number of days (30 by default, MEEDOEN_RETENTION_DAYS).

    python -m bot.ops.retention [--days 30] [--db sqlite:///var/tracker.db]

scripts/run does this at its start and then every hour while it runs (`Housekeeping`), so that a
server that runs for months keeps no conversation longer than the privacy page says. With
PostgreSQL and several servers (Kubernetes), run it as a scheduled job instead, with
--db postgresql://...
Works on Rasa's tracker table `events` (sender_id, timestamp).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

from bot.insight import callbacks
from bot.settings import Settings, settings

PURGE_EVERY = 3600.0  # seconds; a conversation is kept at most this much longer than promised


def purge(url: str, days: float) -> int:
    """Deletes old conversations; returns how many conversations were deleted."""
    cutoff = time.time() - days * 86400
    engine = create_engine(url, future=True)
    try:
        return _purge(engine, cutoff)
    finally:
        engine.dispose()  # it runs every hour: no connections left open between runs


def _purge(engine: Engine, cutoff: float) -> int:
    with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            # As when a person erases: the deleted text must not linger in the file's free pages.
            connection.exec_driver_sql("PRAGMA secure_delete = ON")
        if not engine.dialect.has_table(connection, "events"):
            return 0
        old = [
            row[0]
            for row in connection.execute(
                text("SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :cutoff"),
                {"cutoff": cutoff},
            )
        ]
        for sender in old:
            connection.execute(text("DELETE FROM events WHERE sender_id = :sender"), {"sender": sender})
    return len(old)


def purge_all(config: Settings) -> str:
    """Deletes the conversations and the call-back requests past their time; says how many."""
    days = config.retention_days
    deleted = purge(config.tracker_url, days)
    insight = create_engine(config.insight_url, future=True)
    try:
        expired = callbacks.expire(insight)
    finally:
        insight.dispose()
    return (
        f"Conversations older than {days:g} days deleted: {deleted}. "
        f"Call-back requests older than {callbacks.KEEP_DAYS} days deleted: {expired}."
    )


@dataclass
class Housekeeping:
    """purge_all now and then every `every` seconds, for a process that runs for long."""

    config: Settings
    every: float = PURGE_EVERY
    clock: Callable[[], float] = time.monotonic
    next_at: float = field(default=float("-inf"))

    def run_if_due(self) -> str | None:
        now = self.clock()
        if now < self.next_at:
            return None
        self.next_at = now + self.every
        try:
            return purge_all(self.config)
        except Exception as error:  # noqa: BLE001 - a locked or gone database must not stop the chat
            print(f"Deleting old conversations failed, trying again later: {error!r}", file=sys.stderr)
            return None


def main(argv: list[str] | None = None) -> int:
    config = settings()
    parser = argparse.ArgumentParser(
        prog="python -m bot.ops.retention",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--days", type=float, default=config.retention_days)
    parser.add_argument("--db", default=config.tracker_url)
    parser.add_argument("--insight-db", default=config.insight_url, help="where call-back requests are kept")
    args = parser.parse_args(argv)
    deleted = purge(args.db, args.days)
    print(f"{deleted} conversation(s) older than {args.days:g} days deleted.")
    expired = callbacks.expire(create_engine(args.insight_db, future=True))
    print(f"{expired} call-back request(s) older than {callbacks.KEEP_DAYS} days deleted.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
