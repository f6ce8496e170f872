""" "Helpt dit?" on a suggested service: counted, not logged. A count is kept per day, service and
answer (up or down), with nothing about who gave it: no conversation, no text, no time of day.

The counts live in their own database (MEEDOEN_INSIGHT_URL, SQLite in var/ by default), apart
from the catalogue, which an import replaces whole.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Boolean, Column, Date, Integer, MetaData, String, Table, select
from sqlalchemy.engine import Engine

from bot.insight.tally import add_one, ready

metadata = MetaData()
feedback_counts = Table(
    "feedback_count",
    metadata,
    Column("day", Date, primary_key=True),
    Column("service_id", String, primary_key=True),
    Column("helpful", Boolean, primary_key=True),
    Column("count", Integer, nullable=False),
)


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


def counts(engine: Engine) -> list[FeedbackCount]:
    ready(engine, metadata)
    with engine.connect() as connection:
        rows = connection.execute(
            select(feedback_counts).order_by(
                feedback_counts.c.day, feedback_counts.c.service_id, feedback_counts.c.helpful
            )
        )
        return [FeedbackCount(row.day, row.service_id, row.helpful, row.count) for row in rows]
