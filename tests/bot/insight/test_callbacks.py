"""Call-back requests: a checked Dutch number, kept until done or 14 days, in real SQLite; and
the web front end's /api/callback with its refusals."""

import datetime as dt

import pytest
from sqlalchemy import create_engine

from bot.insight.callbacks import checked_phone, done, open_requests, store

SAME_SITE = {"Sec-Fetch-Site": "same-origin"}


@pytest.mark.parametrize(
    "typed, number",
    [
        ("06 12345678", "0612345678"),
        ("0612-345678", "0612345678"),
        ("010-1234567", "0101234567"),
        ("+31 6 1234 5678", "0612345678"),
        ("0031612345678", "0612345678"),
        ("(020) 123 45 67", "0201234567"),
        ("12345", None),
        ("0612345", None),
        ("061234567890", None),
        ("bel me maar", None),
        ("0012345678", None),
        ("0800-1234567", None),
        ("0900 123 45 67", None),
    ],
)
def test_only_a_dutch_phone_number_is_taken(typed, number):
    assert checked_phone(typed) == number


def test_a_request_stays_until_it_is_done_and_no_longer_than_14_days(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'insight.db'}", future=True)
    today = dt.date(2026, 12, 2)
    old = store(engine, "0611111111", "ochtend", "Noord", ["schuldhulp"], today - dt.timedelta(days=15))
    kept = store(engine, "0622222222", "avond", "", [], today)
    assert [r.id for r in open_requests(engine, today)] == [kept], "the old one is deleted"
    assert open_requests(engine, today)[0].categories == ()
    assert done(engine, kept) and not done(engine, kept) and not done(engine, old)
    assert open_requests(engine, today) == []


def test_the_page_stores_a_request_only_with_consent_a_real_number_and_an_offer(catalogue_url, tmp_path):
    """Through one real web front end: the conversation cookie and the offer's token are needed
    (no list of numbers from a script), one open request per conversation, and every refusal
    stores nothing."""
    import asyncio

    from aiohttp.test_utils import TestClient, TestServer

    from bot.web.app import CONVERSATION_COOKIE, COOKIE_SECRET, callback_token, make_app, new_conversation

    insight = f"sqlite:///{tmp_path / 'insight.db'}"
    good = {
        "consent": True,
        "phone": "06 12345678",
        "time_of_day": "middag",
        "neighbourhood": "Zuid",
        "categories": ["schuldhulp", "<script>", "maatje", "wonen", "inkomen"],
    }

    async def go():
        app = make_app(catalogue_url, "http://127.0.0.1:9", insight_url=insight)
        async with TestClient(TestServer(app)) as client:
            mine = new_conversation(app[COOKIE_SECRET])
            token = callback_token(app[COOKIE_SECRET], mine)

            async def post(body, conversation=mine, headers=SAME_SITE):
                client.session.cookie_jar.clear()
                cookies = {CONVERSATION_COOKIE: conversation} if conversation else None
                answer = await client.post("/api/callback", json=body, headers=headers, cookies=cookies)
                return answer.status, await answer.json()

            with_token = {**good, "token": token}
            return [
                await post({**with_token, "consent": False}),
                await post({**with_token, "phone": "12"}),
                await post({**with_token, "phone": "0800-1234567"}),
                await post({**with_token, "time_of_day": ["ochtend"]}),
                await post(good),  # no token
                await post(with_token, conversation=new_conversation(app[COOKIE_SECRET])),  # another's token
                await post({**with_token, "token": "ü" * 22}),
                await post(with_token, headers={"Origin": "https://elders.example"}),
                await post(with_token),
                await post(with_token),  # twice: one open request per conversation
            ]

    answers = asyncio.run(go())
    statuses = [status for status, _ in answers]
    assert statuses == [400, 400, 400, 400, 400, 400, 400, 403, 200, 409]
    assert answers[0][1]["parameter"] == "consent" and answers[1][1]["parameter"] == "phone"
    assert "10 cijfers" in answers[1][1]["error"] and answers[4][1]["parameter"] == "token"
    stored_answer = answers[8][1]
    assert "sociaal wijkteam Zuid" in stored_answer["message"] and "14 0999" in stored_answer["message"]
    [stored] = open_requests(create_engine(insight))
    assert stored.phone == "0612345678" and stored.categories == ("schuldhulp", "maatje", "wonen")
    assert stored.time_of_day == "middag" and stored.neighbourhood == "Zuid"
