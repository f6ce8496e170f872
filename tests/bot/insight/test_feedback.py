"""'Helpt dit?': counted per day, service and answer in a real SQLite database, and through the
real web front end; nothing about the person is kept."""

import datetime as dt
import hashlib
import threading

from sqlalchemy import create_engine, inspect

from bot.insight.feedback import FeedbackCount, answered, counts, record, record_once

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


def test_a_card_s_answer_counts_once_and_its_token_is_forgotten_after_two_days(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'insight.db'}", future=True)
    monday = dt.date(2026, 12, 7)
    assert record_once(engine, "token-1", "svc-a", True, monday)
    assert not record_once(engine, "token-1", "svc-a", True, monday), "sent again: not counted twice"
    assert record_once(engine, "token-2", "svc-a", False, monday)
    assert [(c.helpful, c.count) for c in counts(engine)] == [(False, 1), (True, 1)]
    with engine.connect() as connection:
        kept = [row.token_digest for row in connection.execute(answered.select())]
    assert "token-1" not in kept and len(kept) == 2, "only digests, never the token"
    record_once(engine, "token-3", "svc-a", True, monday + dt.timedelta(days=3))
    with engine.connect() as connection:
        assert connection.execute(answered.select()).all() == [
            (hashlib.sha256(b"token-3").hexdigest(), monday + dt.timedelta(days=3))
        ], "the digests of days before are deleted"


def test_answers_given_at_the_same_moment_are_all_counted(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'insight.db'}", future=True)
    record(engine, "svc-a", True)  # the table exists before the race
    threads = [threading.Thread(target=record, args=(engine, "svc-a", True)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [c.count for c in counts(engine)] == [9]


def test_the_page_counts_an_answer_about_a_tip_of_this_conversation_and_refuses_the_rest(
    catalogue_url, catalogue, tmp_path
):
    """Through a real web front end: an answer counts only with the token the chat gave this
    conversation for this service (the proxy adds it to every card), so nobody can vote for a
    service they were never shown, or in another person's name."""
    import asyncio

    from aiohttp.test_utils import TestClient, TestServer

    from bot.web.app import CONVERSATION_COOKIE, COOKIE_SECRET, feedback_token, make_app, new_conversation

    insight = f"sqlite:///{tmp_path / 'insight.db'}"
    service, other = catalogue.services[0].id, catalogue.services[1].id

    async def go():
        app = make_app(catalogue_url, "http://127.0.0.1:9", insight_url=insight)
        async with TestClient(TestServer(app)) as client:
            secret = app[COOKIE_SECRET]
            mine, theirs = new_conversation(secret), new_conversation(secret)

            async def post(body, conversation=mine, headers=SAME_SITE):
                client.session.cookie_jar.clear()
                cookies = {CONVERSATION_COOKIE: conversation} if conversation else None
                answer = await client.post("/api/feedback", json=body, headers=headers, cookies=cookies)
                return answer.status

            token = feedback_token(secret, mine, service)
            results = [
                await post({"service": service, "helpful": False, "token": token}),
                await post({"service": service, "helpful": True, "token": token}),  # again: not counted
                await post({"service": service, "helpful": False}),  # no token
                await post({"service": other, "helpful": False, "token": token}),  # another tip
                await post({"service": service, "helpful": False, "token": token}, conversation=theirs),
                await post({"service": service, "helpful": False, "token": token}, conversation=None),
                await post({"service": "svc-bestaat-niet", "helpful": True, "token": token}),
                await post({"service": service, "helpful": "ja", "token": token}),
                await post(["niet", "goed"]),
                await post(
                    {"service": service, "helpful": True, "token": token},
                    headers={"Origin": "https://x.example"},
                ),
                await post(
                    {"service": service, "helpful": True, "token": "ü" * 22}
                ),  # not ASCII: 400, not 500
            ]
            return results

    assert asyncio.run(go()) == [200, 200, 400, 400, 400, 400, 400, 400, 400, 403, 400]
    assert [(c.service_id, c.helpful, c.count) for c in counts(create_engine(insight))] == [
        (service, False, 1)
    ]


def test_every_card_the_chat_passes_on_carries_its_token():
    from bot.web.app import feedback_token, with_feedback_tokens

    messages = [
        {"text": "Dit kan u helpen:"},
        {"custom": {"type": "services", "services": [{"id": "svc-a"}, {"id": "svc-b"}]}},
        {"custom": {"type": "crisis", "numbers": [{"phone": "112"}]}},
    ]
    with_feedback_tokens(messages, b"geheim", "gesprek-1")
    tokens = [s["feedback"] for s in messages[1]["custom"]["services"]]
    assert tokens == [
        feedback_token(b"geheim", "gesprek-1", "svc-a"),
        feedback_token(b"geheim", "gesprek-1", "svc-b"),
    ]
    assert tokens[0] != feedback_token(b"geheim", "gesprek-2", "svc-a")
    assert "feedback" not in messages[2]["custom"]["numbers"][0]
