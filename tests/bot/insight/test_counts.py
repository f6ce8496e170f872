"""The municipality's counts: per week, neighbourhood, measure and key, in a real SQLite file."""

import datetime as dt
import threading

from sqlalchemy import create_engine, inspect

from bot.insight.counts import Event, counts, record, shown, week_of


def test_events_are_counted_per_week_and_neighbourhood(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'insight.db'}", future=True)
    monday, next_monday = dt.date(2026, 11, 30), dt.date(2026, 12, 7)
    record(engine, [Event("need", "schuldhulp", "Noord"), Event("need", "schuldhulp", "Noord")], monday)
    record(engine, [Event("need", "schuldhulp", "Noord"), Event("human", "", "")], next_monday)
    found = {(c.week, c.neighbourhood, c.measure, c.key): c.count for c in counts(engine)}
    assert found == {
        ("2026-W49", "Noord", "need", "schuldhulp"): 2,
        ("2026-W50", "Noord", "need", "schuldhulp"): 1,
        ("2026-W50", "", "human", ""): 1,
    }
    assert [c.week for c in counts(engine, ["2026-W50"])] == ["2026-W50", "2026-W50"]
    columns = {c["name"] for c in inspect(engine).get_columns("insight_count")}
    assert columns == {"week", "neighbourhood", "measure", "key", "count"}, "nothing about who"


def test_turns_counted_at_the_same_moment_are_all_counted(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'insight.db'}", future=True)
    record(engine, [Event("need", "maatje")])
    threads = [threading.Thread(target=record, args=(engine, [Event("need", "maatje")])) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [c.count for c in counts(engine)] == [9]


def test_small_counts_are_shown_as_under_five():
    assert [shown(n) for n in (0, 1, 4, 5, 12)] == ["0", "< 5", "< 5", "5", "12"]
    assert week_of(dt.date(2027, 1, 1)) == "2026-W53"
