"""Conversations are not kept forever: delete every conversation whose last event is older than
a number of days (30 by default, MEEDOEN_RETENTION_DAYS).

    python -m bot.ops.retention [--days 30] [--db sqlite:///var/tracker.db]

scripts/run does this for the embedded SQLite store at every start; with PostgreSQL, run it
daily (cron or a scheduled job) with --db postgresql://...
Works on Rasa's tracker table `events` (sender_id, timestamp).
"""

from __future__ import annotations

import argparse
import time

from sqlalchemy import create_engine, text

from bot.insight import callbacks
from bot.settings import settings


def purge(url: str, days: float) -> int:
    """Deletes old conversations; returns how many conversations were deleted."""
    cutoff = time.time() - days * 86400
    engine = create_engine(url, future=True)
    with engine.begin() as connection:
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
