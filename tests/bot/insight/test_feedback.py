"""'Helpt dit?': counted per day, service and answer in a real SQLite database, and through the
real web front end; nothing about the person is kept."""

import datetime as dt
import threading

from sqlalchemy import create_engine, inspect

from bot.insight.feedback import FeedbackCount, counts, record
from tests.helpers import web_call

SAME_SITE = {"Sec-Fetch-Site": "same-origin"}  # as a browser on the page itself sends


def test_answers_are_counted_per_day_service_and_answer(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'insight.db'}", future=True)
    monday, tuesday = dt.date(2026, 12, 7), dt.date(2026, 12, 8)
    for day, service, helpful in [
        (monday, "svc-a", True),
        (monday, "svc-a", True),
        (monday, "svc-a", False),
        (tuesday, "svc-a", True),
    ]:
        record(engine, service, helpful, day)
    assert counts(engine) == [
        FeedbackCount(monday, "svc-a", False, 1),
        FeedbackCount(monday, "svc-a", True, 2),
        FeedbackCount(tuesday, "svc-a", True, 1),
    ]
    columns = {c["name"] for c in inspect(engine).get_columns("feedback_count")}
    assert columns == {"day", "service_id", "helpful", "count"}, "nothing about who answered"


def test_answers_given_at_the_same_moment_are_all_counted(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'insight.db'}", future=True)
    record(engine, "svc-a", True)  # the table exists before the race
    threads = [threading.Thread(target=record, args=(engine, "svc-a", True)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [c.count for c in counts(engine)] == [9]


def test_the_page_counts_an_answer_and_refuses_what_is_not_one(catalogue_url, catalogue, tmp_path):
    insight = f"sqlite:///{tmp_path / 'insight.db'}"
    service = catalogue.services[0].id

    def post(body, headers=SAME_SITE):
        return web_call(
            catalogue_url, "POST", "/api/feedback", insight_url=insight, json=body, headers=headers
        )[:2]

    assert post({"service": service, "helpful": False}) == (200, {"counted": True})
    assert post({"service": "svc-bestaat-niet", "helpful": True})[0] == 400
    assert post({"service": service, "helpful": "ja"})[0] == 400
    assert post(["niet", "goed"])[0] == 400
    assert post({"service": service, "helpful": True}, {"Origin": "https://elders.example"})[0] == 403
    assert [(c.service_id, c.helpful, c.count) for c in counts(create_engine(insight))] == [
        (service, False, 1)
    ]
