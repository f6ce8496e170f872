"""The insight page's figures: what people needed, where, and where the social map has gaps,
summed over the last weeks from the counts (bot.insight.counts and bot.insight.feedback).

Every number leaves here as a count; `counts.shown` turns those under 5 into "< 5" where they are
shown, in the page and in its CSV alike.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine

from bot.catalogue.catalogue import Catalogue
from bot.insight import counts, feedback


@dataclass
class Report:
    weeks: list[str]
    neighbourhoods: list[str]  # the taxonomy's, then "" (not said)
    needs_by_domain: dict[str, Counter[str]] = field(default_factory=dict)  # domain -> place -> n
    needs_by_week: Counter[str] = field(default_factory=Counter)
    categories: dict[str, Counter[str]] = field(default_factory=dict)  # category -> measure -> n
    languages: Counter[str] = field(default_factory=Counter)
    human_by_place: Counter[str] = field(default_factory=Counter)
    wheel: dict[str, Counter[str]] = field(default_factory=dict)  # domain -> status -> n
    rows: list[counts.Count] = field(default_factory=list)

    def gaps(self) -> list[tuple[str, Counter[str]]]:
        """Categories where the map fell short: nothing in the place or language asked for, or
        only thumbs down from the people who got its services."""
        return [
            (category, measures)
            for category, measures in self.categories.items()
            if measures["gap_neighbourhood"]
            or measures["gap_language"]
            or (measures["down"] and not measures["up"])
        ]


def last_weeks(today: dt.date, number: int) -> list[str]:
    return [counts.week_of(today - dt.timedelta(weeks=n)) for n in reversed(range(number))]


def report(
    engine: Engine, catalogue: Catalogue, today: dt.date | None = None, number_of_weeks: int = 8
) -> Report:
    today = today or dt.date.today()
    weeks = last_weeks(today, number_of_weeks)
    vocab = catalogue.taxonomy
    found = Report(weeks, [*vocab.neighbourhoods, counts.UNKNOWN_PLACE])
    found.needs_by_domain = {domain: Counter() for domain in vocab.domains}
    found.wheel = {domain: Counter() for domain in vocab.domains}
    found.rows = counts.counts(engine, weeks)
    for row in found.rows:
        if row.measure == "need" and row.key in vocab.categories:
            found.needs_by_domain[vocab.categories[row.key].domain][row.neighbourhood] += row.count
            found.needs_by_week[row.week] += row.count
        if row.measure in ("need", "suggested", "gap_neighbourhood"):
            found.categories.setdefault(row.key, Counter())[row.measure] += row.count
        elif row.measure == "gap_language":
            found.categories.setdefault(row.key.split(":")[0], Counter())["gap_language"] += row.count
        elif row.measure == "language":
            found.languages[row.key] += row.count
        elif row.measure == "human":
            found.human_by_place[row.neighbourhood] += row.count
        elif row.measure == "wheel" and ":" in row.key:
            domain, status = row.key.split(":", 1)
            if domain in found.wheel:
                found.wheel[domain][status] += row.count
    first_day = dt.date.fromisocalendar(int(weeks[0][:4]), int(weeks[0][6:]), 1)
    for answer in feedback.counts(engine):
        service = catalogue.get(answer.service_id)
        if answer.day >= first_day and service and service.categories:
            found.categories.setdefault(service.categories[0], Counter())[
                "up" if answer.helpful else "down"
            ] += answer.count
    return found


def as_csv(found: Report) -> str:
    """Every count of the period, one per row, small ones as "< 5"."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["week", "wijk", "meting", "sleutel", "aantal"])
    per_key: dict[tuple[str, str, str, str], int] = defaultdict(int)
    for row in found.rows:
        per_key[(row.week, row.neighbourhood or "onbekend", row.measure, row.key)] += row.count
    for (week, place, measure, key), number in sorted(per_key.items()):
        writer.writerow([week, place, measure, key, counts.shown(number)])
    return out.getvalue()
