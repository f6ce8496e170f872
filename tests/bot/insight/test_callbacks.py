"""Call-back requests: a checked Dutch number, kept until done or 14 days, in real SQLite; and
the web front end's /api/callback with its refusals."""

import datetime as dt

import pytest
from sqlalchemy import create_engine

from bot.insight.callbacks import checked_phone, done, open_requests, store
from tests.helpers import web_call

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


def test_the_page_stores_a_request_only_with_consent_and_a_real_number(catalogue_url, tmp_path):
    insight = f"sqlite:///{tmp_path / 'insight.db'}"

    def post(body, headers=SAME_SITE):
        return web_call(
            catalogue_url, "POST", "/api/callback", insight_url=insight, json=body, headers=headers
        )[:2]

    good = {
        "consent": True,
        "phone": "06 12345678",
        "time_of_day": "middag",
        "neighbourhood": "Zuid",
        "categories": ["schuldhulp", "<script>", "maatje", "wonen", "inkomen"],
    }
    status, body = post({**good, "consent": False})
    assert status == 400 and body["parameter"] == "consent"
    status, body = post({**good, "phone": "12"})
    assert status == 400 and body["parameter"] == "phone" and "10 cijfers" in body["error"]
    assert post({**good, "time_of_day": ["ochtend"]})[0] == 400, "a list is refused, not a 500"
    assert post(good, {"Origin": "https://elders.example"})[0] == 403
    assert open_requests(create_engine(insight)) == [], "nothing stored by a refusal"
    status, body = post(good)
    assert status == 200 and "sociaal wijkteam Zuid" in body["message"] and "14 0999" in body["message"]
    [stored] = open_requests(create_engine(insight))
    assert stored.phone == "0612345678" and stored.categories == ("schuldhulp", "maatje", "wonen")
    assert stored.time_of_day == "middag" and stored.neighbourhood == "Zuid"
