"""What people need where, for the municipality: counts per week and neighbourhood, kept as the
conversations go (the action server counts each turn), never by reading conversations.

Only the taxonomy's own codes are counted (a category, a domain, a language code, a wheel status),
so nothing a person typed, no sender and no time finer than the week can reach this store. Small
counts are hidden where they are shown (`shown`), not here.

Measures:
- need: a category a person asked about (counted once per topic, not again for a follow-up);
- suggested: a category whose service was suggested;
- gap_neighbourhood / gap_language: a need for which the catalogue has nothing in the person's
  neighbourhood, or in the language they asked for or wrote in;
- language: a conversation turn written in this language (its first need);
- human: someone asked for a person;
- wheel: a domain's status at the end of the wheel ("sociale_contacten:hulp_nodig").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Column, Integer, MetaData, String, Table, select
from sqlalchemy.engine import Engine

from bot.insight.tally import add_one, ready

# Shown as "< 5": a count this small could point at one person in a small neighbourhood.
SMALLEST_SHOWN = 5
UNKNOWN_PLACE = ""  # the neighbourhood was not said
MEASURES = ("need", "suggested", "gap_neighbourhood", "gap_language", "language", "human", "wheel")

metadata = MetaData()
insight_counts = Table(
    "insight_count",
    metadata,
    Column("week", String(8), primary_key=True),  # ISO week, "2026-W49"
    Column("neighbourhood", String(40), primary_key=True),
    Column("measure", String(20), primary_key=True),
    Column("key", String(80), primary_key=True),
    Column("count", Integer, nullable=False),
)


@dataclass(frozen=True)
class Event:
    measure: str
    key: str
    neighbourhood: str = UNKNOWN_PLACE


@dataclass(frozen=True)
class Count:
    week: str
    neighbourhood: str
    measure: str
    key: str
    count: int


def week_of(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def record(engine: Engine, events: Iterable[Event], day: dt.date | None = None) -> None:
    """Add one to each event's count, in one transaction; two processes at once both count."""
    events = list(events)
    if not events:
        return
    week = week_of(day or dt.date.today())
    add_one(
        engine,
        insight_counts,
        [
            {"week": week, "neighbourhood": e.neighbourhood, "measure": e.measure, "key": e.key}
            for e in events
        ],
    )


def counts(engine: Engine, weeks: Sequence[str] | None = None) -> list[Count]:
    ready(engine, metadata)
    query = select(insight_counts).order_by(*insight_counts.primary_key.columns)
    if weeks:
        query = query.where(insight_counts.c.week.in_(list(weeks)))
    with engine.connect() as connection:
        return [Count(r.week, r.neighbourhood, r.measure, r.key, r.count) for r in connection.execute(query)]


def shown(count: int) -> str:
    """A count as the insight page and its CSV show it: under 5 is "< 5"."""
    return "< 5" if 0 < count < SMALLEST_SHOWN else str(count)
