""" "Helpt dit?" on a suggested service: counted, not logged. A count is kept per day, service and
answer (up or down), with nothing about who gave it: no conversation, no text, no time of day.

Each card's answer counts once: the digest of its token (which only the web front end's secret
links to a conversation) is kept for two days so that the same answer sent again is not counted
again, then deleted.

The counts live in their own database (MEEDOEN_INSIGHT_URL, SQLite in var/ by default), apart
from the catalogue, which an import replaces whole.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from sqlalchemy import Boolean, Column, Date, Integer, MetaData, String, Table, select
from sqlalchemy.engine import Engine

from bot.insight.tally import add_one, ready, remember_once

metadata = MetaData()
feedback_counts = Table(
    "feedback_count",
    metadata,
    Column("day", Date, primary_key=True),
    Column("service_id", String, primary_key=True),
    Column("helpful", Boolean, primary_key=True),
    Column("count", Integer, nullable=False),
)

answered = Table(
    "feedback_answered",
    metadata,
    Column("token_digest", String, primary_key=True),
    Column("day", Date, nullable=False),
)
REMEMBERED_DAYS = 2  # a card's token is only good in the conversation it came from


@dataclass(frozen=True)
class FeedbackCount:
    day: dt.date
    service_id: str
    helpful: bool
    count: int


def record(engine: Engine, service_id: str, helpful: bool, day: dt.date | None = None) -> None:
    """Count one answer. Two front ends counting the same one at once both count."""
    add_one(
        engine,
        feedback_counts,
        [{"day": day or dt.date.today(), "service_id": service_id, "helpful": helpful}],
    )


def record_once(
    engine: Engine, token: str, service_id: str, helpful: bool, day: dt.date | None = None
) -> bool:
    """Count one answer unless this card's token was answered before; whether it counted."""
    today = day or dt.date.today()
    digest = hashlib.sha256(token.encode()).hexdigest()
    forget = answered.c.day < today - dt.timedelta(REMEMBERED_DAYS)
    if not remember_once(engine, answered, {"token_digest": digest, "day": today}, forget):
        return False
    record(engine, service_id, helpful, today)
    return True


def counts(engine: Engine) -> list[FeedbackCount]:
    ready(engine, metadata)
    with engine.connect() as connection:
        rows = connection.execute(
            select(feedback_counts).order_by(
                feedback_counts.c.day, feedback_counts.c.service_id, feedback_counts.c.helpful
            )
        )
        return [FeedbackCount(row.day, row.service_id, row.helpful, row.count) for row in rows]
