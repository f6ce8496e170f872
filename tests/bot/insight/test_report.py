"""The insight page's figures: sums per domain and place, the gaps, a CSV that hides small counts."""

import csv
import datetime as dt
import io

from sqlalchemy import create_engine

from bot.insight import feedback
from bot.insight.counts import Event, record
from bot.insight.report import as_csv, report

TODAY = dt.date(2026, 12, 2)


def test_needs_are_summed_per_domain_and_place_and_gaps_are_found(tmp_path, catalogue):
    engine = create_engine(f"sqlite:///{tmp_path / 'insight.db'}", future=True)
    record(engine, [Event("need", "schuldhulp", "Noord")] * 1, TODAY)
    for _ in range(6):
        record(
            engine,
            [Event("need", "taalmaatje", "Zuid"), Event("gap_language", "taalmaatje:so", "Zuid")],
            TODAY,
        )
    down = catalogue.search("", category="maatje").hits[0].service
    feedback.record(engine, down.id, False, TODAY)
    found = report(engine, catalogue, TODAY)
    assert found.needs_by_domain["zelfstandig_functioneren"]["Noord"] == 1
    assert found.needs_by_domain["opdoen_van_vaardigheden"]["Zuid"] == 6
    gaps = dict(found.gaps())
    assert gaps["taalmaatje"]["gap_language"] == 6
    assert gaps[down.categories[0]]["down"] == 1, "only thumbs down is a gap too"
    assert "schuldhulp" not in gaps


def test_the_csv_shows_counts_under_five_as_under_five(tmp_path, catalogue):
    engine = create_engine(f"sqlite:///{tmp_path / 'insight.db'}", future=True)
    record(engine, [Event("need", "schuldhulp", "Noord")], TODAY)
    for _ in range(5):
        record(engine, [Event("need", "maatje", "")], TODAY)
    rows = list(csv.reader(io.StringIO(as_csv(report(engine, catalogue, TODAY)))))
    assert rows[0] == ["week", "wijk", "meting", "sleutel", "aantal"]
    assert ["2026-W49", "Noord", "need", "schuldhulp", "< 5"] in rows
    assert ["2026-W49", "onbekend", "need", "maatje", "5"] in rows
