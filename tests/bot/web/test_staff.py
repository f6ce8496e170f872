"""Staff access: scrypt hashes, signed sessions, slowed guessing, closed pages without a login;
through a real web front end."""

import asyncio
import logging

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.web import staff
from bot.web.app import make_app
from tests.helpers import STAFF_NAME, STAFF_PASSWORD

SAME_SITE = {"Sec-Fetch-Site": "same-origin"}


def test_a_password_is_kept_as_a_salted_hash_and_checked_against_it():
    stored = staff.password_hash(STAFF_PASSWORD)
    assert STAFF_PASSWORD not in stored and stored.startswith("scrypt$")
    assert staff.password_hash(STAFF_PASSWORD) != stored, "a new salt each time"
    assert staff.password_matches(STAFF_PASSWORD, stored)
    assert not staff.password_matches("fout", stored)
    assert not staff.password_matches(STAFF_PASSWORD, "kapot")
    assert staff.users_from(f"a:{stored}, ,b:, c:{stored}") == {"a": stored, "c": stored}


def test_a_session_names_its_user_only_while_valid_and_signed_by_this_server():
    users = {"anna": "x"}
    value = staff.session_value(b"geheim", "anna", now=1000)
    assert staff.session_user(b"geheim", value, users, now=1001) == "anna"
    assert staff.session_user(b"ander", value, users, now=1001) is None, "another server's"
    assert staff.session_user(b"geheim", value, users, now=1000 + staff.SESSION_SECONDS + 1) is None
    assert staff.session_user(b"geheim", value, {}, now=1001) is None, "a user taken away"
    forged = staff.session_value(b"geheim", "bert", now=1000).split(".")
    assert staff.session_user(b"geheim", ".".join([value.split(".")[0], forged[1], forged[2]]), users) is None


@pytest.fixture
def client_for(monkeypatch, catalogue_url, tmp_path):
    monkeypatch.setenv("MEEDOEN_STAFF_USERS", f"{STAFF_NAME}:{staff.password_hash(STAFF_PASSWORD)}")

    def run(steps):
        async def go():
            app = make_app(catalogue_url, "http://127.0.0.1:9", insight_url=f"sqlite:///{tmp_path / 'i.db'}")
            async with TestClient(TestServer(app)) as client:
                return await steps(client)

        return asyncio.run(go())

    return run


def test_the_insight_pages_are_closed_without_a_login_and_open_with_one(client_for, caplog):
    caplog.set_level(logging.INFO, logger="meedoen.staff")

    async def steps(client):
        closed = await client.get("/inzicht", allow_redirects=False)
        csv_closed = await client.get("/inzicht.csv")
        wrong = await client.post(
            "/medewerkers/inloggen", data={"name": STAFF_NAME, "password": "fout"}, headers=SAME_SITE
        )
        unknown = await client.post(
            "/medewerkers/inloggen", data={"name": "niemand", "password": STAFF_PASSWORD}, headers=SAME_SITE
        )
        right = await client.post(
            "/medewerkers/inloggen",
            data={"name": STAFF_NAME, "password": STAFF_PASSWORD},
            headers=SAME_SITE,
            allow_redirects=False,
        )
        cookie = right.cookies[staff.SESSION_COOKIE]
        page = await client.get("/inzicht")
        csv = await client.get("/inzicht.csv")
        assert "/medewerkers/uitloggen" in await page.text()
        link_out = await client.get("/medewerkers/uitloggen", allow_redirects=False)  # not a link
        still_in = await client.get("/inzicht", allow_redirects=False)
        forged_out = await client.post(
            "/medewerkers/uitloggen", headers={"Origin": "https://x.example"}, allow_redirects=False
        )
        still_in_after_forgery = await client.get("/inzicht", allow_redirects=False)
        out = await client.post("/medewerkers/uitloggen", headers=SAME_SITE, allow_redirects=False)
        client.session.cookie_jar.clear()
        # The old cookie, kept by someone and sent again: the session has ended everywhere.
        after = await client.get(
            "/inzicht", allow_redirects=False, cookies={staff.SESSION_COOKIE: cookie.value}
        )
        assert link_out.status == 405 and still_in.status == 200
        assert forged_out.status == 303 and still_in_after_forgery.status == 200
        said = await wrong.text()
        return (
            closed,
            csv_closed,
            wrong,
            unknown,
            right,
            cookie,
            page,
            await page.text(),
            csv,
            out,
            after,
            said,
        )

    closed, csv_closed, wrong, unknown, right, cookie, page, text, csv, out, after, said = client_for(steps)
    assert closed.status == 303 and closed.headers["Location"] == "/medewerkers"
    assert csv_closed.status == 401
    assert wrong.status == 401 and unknown.status == 401, "the same answer for a wrong name"
    assert "Naam of wachtwoord klopt niet." in said
    assert right.status == 303 and right.headers["Location"] == "/inzicht"
    assert cookie["httponly"] and cookie["samesite"] == "Strict"
    assert page.status == 200 and "Inzicht: wat mensen nodig hebben" in text
    assert csv.status == 200 and csv.headers["Content-Type"].startswith("text/csv")
    assert out.status == 303 and after.status == 303
    assert STAFF_NAME not in caplog.text and STAFF_PASSWORD not in caplog.text, "the log names no one"
    assert staff.pseudonym(STAFF_NAME) in caplog.text


def test_guessing_is_stopped_after_five_failures_without_locking_out_a_colleague(client_for):
    def attempt(client, password, address):
        return client.post(
            "/medewerkers/inloggen",
            data={"name": STAFF_NAME, "password": password},
            headers={**SAME_SITE, "X-Forwarded-For": address},  # behind the municipality's proxy
        )

    async def steps(client):
        answers = []
        for _ in range(staff.MAX_FAILURES + 1):
            answers.append((await attempt(client, "raden", "203.0.113.9")).status)
        right_here = (await attempt(client, STAFF_PASSWORD, "203.0.113.9")).status
        colleague = await client.post(
            "/medewerkers/inloggen",
            data={"name": STAFF_NAME, "password": STAFF_PASSWORD},
            headers={**SAME_SITE, "X-Forwarded-For": "198.51.100.4"},
            allow_redirects=False,
        )
        other_site = await client.post(
            "/medewerkers/inloggen",
            data={"name": "x", "password": "y"},
            headers={"Origin": "https://elders.example"},
        )
        return answers, right_here, colleague.status, other_site.status

    answers, right_here, colleague, other_site = client_for(steps)
    assert answers == [401] * staff.MAX_FAILURES + [429]
    assert right_here == 429, "from the guessing address even the right password waits"
    assert colleague == 303, "the same name from another address still logs in"
    assert other_site == 403


def test_guessing_one_name_from_many_addresses_is_stopped_too(tmp_path):
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{tmp_path / 'insight.db'}", future=True)
    throttle = staff.Throttle(engine)
    by_name = {"anna": staff.MAX_FAILURES_PER_NAME}
    for n in range(staff.MAX_FAILURES_PER_NAME):
        assert not throttle.blocked(by_name, now=1000 + n)
        throttle.failed(f"10.0.0.{n}|anna", "anna", now=1000 + n)
    assert throttle.blocked(by_name, now=1100)
    # A second web front end on the same database counts the same failures.
    assert staff.Throttle(engine).blocked(by_name, now=1100)
    later = 1000 + staff.FAILURE_WINDOW + 100
    assert not throttle.blocked(by_name, now=later)
    throttle.failed("10.0.0.99|bert", "bert", now=later)
    with engine.connect() as connection:
        kept = connection.execute(staff.login_failures.select()).all()
    assert len(kept) == 2, "failures older than the window are forgotten"
    assert not any("anna" in row.key_digest or "10.0.0" in row.key_digest for row in kept), (
        "no name, no address"
    )


def test_an_unknown_name_costs_as_much_time_as_a_wrong_password():
    import time

    users = {STAFF_NAME: staff.password_hash(STAFF_PASSWORD)}

    def seconds(name):
        started = time.perf_counter()
        for _ in range(5):
            assert not staff.login_matches(users, name, "fout")
        return time.perf_counter() - started

    known, unknown = seconds(STAFF_NAME), seconds("niemand")
    assert 0.5 < unknown / known < 2.0, (known, unknown)


def test_staff_pages_are_not_kept_in_a_browser_cache(client_for):
    async def steps(client):
        await client.post(
            "/medewerkers/inloggen", data={"name": STAFF_NAME, "password": STAFF_PASSWORD}, headers=SAME_SITE
        )
        return [
            (await client.get(path)).headers.get("Cache-Control")
            for path in ("/inzicht", "/inzicht.csv", "/verzoeken")
        ]

    assert client_for(steps) == ["no-store"] * 3


def test_a_session_ended_twice_stays_ended_and_expired_ones_are_forgotten(tmp_path):
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{tmp_path / 'insight.db'}", future=True)
    secret = b"s" * 32
    early = staff.session_value(secret, "anna", now=1000)
    late = staff.session_value(secret, "bert", now=1000 + staff.SESSION_SECONDS)
    staff.end_session(engine, early, now=1001)
    staff.end_session(engine, early, now=1002)  # a second logout: no error, still ended
    assert staff.session_ended(engine, early)
    assert not staff.session_ended(engine, late)
    staff.end_session(engine, late, now=1000 + staff.SESSION_SECONDS + 10)
    with engine.connect() as connection:
        kept = connection.execute(staff.ended_sessions.select()).all()
    assert len(kept) == 1, "the ended session that would have expired by now is forgotten"
    assert staff.session_ended(engine, late)
