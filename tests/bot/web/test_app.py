"""The web front end's HTTP API, served by a real aiohttp server on a free port."""

import asyncio

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.web.app import make_app
from tests.helpers import web_call as call

SAME = {"Sec-Fetch-Site": "same-origin"}


def test_search_returns_ranked_services_with_all_fields(catalogue_url):
    status, body, _ = call(catalogue_url, "GET", "/api/services?q=taalmaatjes&neighbourhood=Noord&limit=3")
    assert status == 200
    assert body["total"] >= 1 and len(body["results"]) <= 3
    first = body["results"][0]
    assert "taalmaatje" in first["categories"]
    for key in (
        "id",
        "name",
        "summary",
        "domains",
        "contact",
        "description",
        "target_groups",
        "languages",
        "cost",
        "opening_hours",
        "updated",
    ):
        assert key in first


def test_one_service_and_an_unknown_one(catalogue_url, catalogue):
    known = catalogue.services[0].id
    status, body, _ = call(catalogue_url, "GET", f"/api/services/{known}")
    assert status == 200 and body["id"] == known
    status, body, _ = call(catalogue_url, "GET", "/api/services/bestaat-niet")
    assert status == 404 and "error" in body


@pytest.mark.parametrize(
    "query, parameter",
    [
        ("category=zwemmen", "category"),
        ("domain=x", "domain"),
        ("neighbourhood=Mars", "neighbourhood"),
        ("limit=0", "limit"),
        ("limit=abc", "limit"),
        ("limit=1000", "limit"),
        ("limit=%C2%B2", "limit"),  # "²", a digit to str.isdigit()
        ("limit=%D9%A3", "limit"),  # Arabic-Indic three
        ("limit=1%0A", "limit"),
        ("language=Klingon", "language"),
        ("domain=%00", "domain"),
        ("kleur=blauw", "kleur"),
        ("q=" + "a" * 500, "q"),
    ],
)
def test_bad_parameters_get_400_naming_the_parameter(catalogue_url, query, parameter):
    status, body, _ = call(catalogue_url, "GET", f"/api/services?{query}")
    assert status == 400
    assert body["parameter"] == parameter


def test_unknown_paths_get_json_404_and_security_headers(catalogue_url):
    status, body, headers = call(catalogue_url, "GET", "/api/niets")
    assert status == 404 and "error" in body
    assert "script-src 'self'" in headers["Content-Security-Policy"]


@pytest.mark.parametrize(
    "payload",
    [
        "geen json",
        '["lijst"]',
        '{"message": ""}',
        '{"message": 5}',
        '{"message": ["hoi"]}',
        "[" * 5000 + "]" * 5000,
        '{"message": ' + "[" * 5000 + "]" * 5000 + "}",
    ],
)
def test_bad_chat_messages_get_a_friendly_400(catalogue_url, payload):
    status, body, _ = call(
        catalogue_url, "POST", "/api/chat", data=payload, headers={"Content-Type": "application/json"}
    )
    assert status == 400 and body["error"]


def test_chat_still_answers_kindly_when_rasa_cannot_be_reached(catalogue_url):
    status, body, _ = call(catalogue_url, "POST", "/api/chat", json={"message": "hallo"})
    assert status == 503
    assert [m["text"] for m in body] == ["Het is nu erg druk. Probeer het over een minuut opnieuw."]


def test_danger_gets_the_numbers_even_when_rasa_cannot_be_reached(catalogue_url):
    status, body, _ = call(catalogue_url, "POST", "/api/chat", json={"message": "ik wil niet meer leven"})
    assert status == 503
    assert body[0]["custom"]["type"] == "crisis"
    assert [n["phone"] for n in body[0]["custom"]["numbers"]] == ["112", "0800-0113", "0800-2000"]


def test_each_visitor_gets_an_unguessable_httponly_conversation_cookie(catalogue_url):
    cookies = []
    for _ in range(2):
        _, _, headers = call(
            catalogue_url, "POST", "/api/chat", json={"message": "hallo", "sender": "someone"}
        )
        cookies.append(headers["Set-Cookie"])
    for cookie in cookies:
        assert cookie.startswith("meedoen_gesprek=")
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/api/" in cookie
        # the sender in the body is ignored: the conversation is never "someone"
        assert len(cookie.split(";")[0].split("=", 1)[1]) == 55
    assert cookies[0] != cookies[1]


def test_a_conversation_cookie_this_server_made_is_kept_and_not_sent_again(catalogue_url):
    async def go():
        async with TestClient(
            TestServer(make_app(catalogue_url, "http://127.0.0.1:9", insight_url="sqlite://"))
        ) as client:
            first = await client.post("/api/chat", json={"message": "hallo"})
            second = await client.post("/api/chat", json={"message": "hallo"})  # the jar sends it
            return first.headers.get("Set-Cookie"), second.headers.get("Set-Cookie")

    first, second = asyncio.run(go())
    assert first and second is None


@pytest.mark.parametrize("planted", ["a" * 43, "a" * 32 + "." + "b" * 22, "planted-by-someone-else"])
def test_a_cookie_this_server_did_not_make_names_no_conversation(catalogue_url, planted):
    _, _, headers = call(
        catalogue_url, "POST", "/api/chat", json={"message": "hallo"}, cookies={"meedoen_gesprek": planted}
    )
    assert planted not in headers["Set-Cookie"], "a fresh, signed id replaces it"


@pytest.mark.parametrize(
    "headers, status",
    [
        ({"Content-Type": "text/plain", "Origin": "https://elders.example"}, 403),
        ({"Content-Type": "application/json", "Origin": "https://elders.example"}, 403),
        ({"Content-Type": "application/json", "Sec-Fetch-Site": "cross-site"}, 403),
        ({"Content-Type": "text/plain"}, 415),
        ({"Content-Type": "application/x-www-form-urlencoded"}, 415),
    ],
)
def test_posts_from_other_sites_and_other_content_types_are_refused(catalogue_url, headers, status):
    answer_status, body, _ = call(
        catalogue_url, "POST", "/api/chat", data='{"message": "wis mijn gesprek"}', headers=headers
    )
    assert answer_status == status and body["error"]


def test_the_page_is_dutch_and_loads_no_inline_script(catalogue_url):
    status, html, _ = call(catalogue_url, "GET", "/")
    assert status == 200
    assert '<html lang="nl">' in html
    assert 'role="log"' in html and 'aria-live="polite"' in html
    assert "<script>" not in html and "onclick" not in html


def test_a_crash_is_answered_with_500_in_json_not_a_traceback(catalogue_url, monkeypatch):
    from bot.web import app as web_app

    def broken(request):
        raise RuntimeError("the catalogue database is gone")

    monkeypatch.setattr(web_app, "catalogue", broken)
    status, body, headers = call(catalogue_url, "GET", "/api/services?q=schulden")
    assert status == 500
    assert body == {"error": "Er ging iets mis. Probeer het later nog eens."}
    assert "nosniff" in headers["X-Content-Type-Options"]


def test_every_answer_has_the_security_headers_and_no_server_banner(catalogue_url):
    _, _, headers = call(catalogue_url, "GET", "/api/services?q=schulden")
    assert headers["Server"] == "Meedoenwijzer"
    assert "camera=()" in headers["Permissions-Policy"]
    assert "Strict-Transport-Security" not in headers, "only behind HTTPS"


def test_the_page_never_sees_the_conversation_id(catalogue_url):
    _, body, headers = call(catalogue_url, "POST", "/api/chat", json={"message": "ik wil niet meer leven"})
    assert body and all("recipient_id" not in m for m in body)


def test_behind_a_proxy_the_public_address_counts_as_this_site(catalogue_url, monkeypatch):
    monkeypatch.setenv("MEEDOEN_PUBLIC_URL", "https://meedoen.voorbeeldstad.example")
    status, _, _ = call(
        catalogue_url,
        "POST",
        "/api/chat",
        data='{"message": "hallo"}',
        headers={"Content-Type": "application/json", "Origin": "https://meedoen.voorbeeldstad.example"},
    )
    assert status == 503, "not 403: Rasa is simply not running in this test"


def test_the_wheel_of_an_earlier_code_is_drawn_and_a_wrong_code_is_refused_in_dutch(catalogue_url):
    from bot.conversation.wheel import domains
    from bot.conversation.wheel_code import code_of

    code = code_of(dict.fromkeys(domains(), "wil_meer"))
    status, body, headers = call(catalogue_url, "GET", f"/wheel.svg?code={code}")
    assert status == 200 and headers["Content-Type"].startswith("image/svg+xml") and "wil meer" in body
    status, body, _ = call(catalogue_url, "GET", "/wheel.svg?code=ZZZZ")
    assert status == 400 and "code ken ik niet" in body["error"]


@pytest.mark.parametrize(
    "query, filters",
    [
        ("neighbourhood=noord", {"neighbourhood": "Noord"}),
        ("neighbourhood=NOORD", {"neighbourhood": "Noord"}),
        ("language=arabisch", {"language": "ar"}),
        ("language=Arabisch", {"language": "ar"}),
        ("language=ar", {"language": "ar"}),
        ("category=Hulp%20bij%20schulden", {"category": "schuldhulp"}),
        ("domain=Werk", {"domain": "betaald_werk"}),
        ("target_group=Ouderen", {"target_group": "ouderen"}),
    ],
)
def test_filters_accept_names_in_any_case_beside_codes(catalogue_url, query, filters):
    status, body, _ = call(catalogue_url, "GET", f"/api/services?{query}&limit=50")
    assert status == 200 and body["filters"] == filters and body["total"] >= 1


def test_words_that_name_a_language_or_a_neighbourhood_act_as_that_filter(catalogue_url, catalogue):
    status, body, _ = call(catalogue_url, "GET", "/api/services?q=taalmaatje%20arabisch&limit=50")
    assert (
        status == 200 and body["filters"] == {"language": "ar"} and body["filters_from_words"] == ["language"]
    )
    assert body["results"] and all("ar" in r["languages"] for r in body["results"])
    assert "taalmaatje" in body["results"][0]["categories"]
    status, body, _ = call(catalogue_url, "GET", "/api/services?q=inloop%20oost&limit=50")
    assert body["filters"] == {"neighbourhood": "Oost"}
    assert all(not r["neighbourhoods"] or "Oost" in r["neighbourhoods"] for r in body["results"])
    # Nothing about debts speaks Polish: debt help, and the answer says Polish was left out.
    _, body, _ = call(catalogue_url, "GET", "/api/services?q=poolse%20man%20schulden&limit=3")
    assert body["filters_left_out"] == {"language": {"value": "pl", "label": "Pools"}}
    assert all("schuldhulp" in r["categories"] for r in body["results"])
    # An explicit filter wins over a word.
    status, body, _ = call(catalogue_url, "GET", "/api/services?q=inloop%20oost&neighbourhood=west")
    assert body["filters"] == {"neighbourhood": "West"}


def test_the_counts_per_filter_are_what_choosing_it_would_give(catalogue_url):
    status, body, _ = call(catalogue_url, "GET", "/api/services?q=mantelzorg&limit=1")
    assert status == 200
    for kind in ("neighbourhood", "language", "category"):
        assert body["facets"][kind], kind
        for option in body["facets"][kind][:4]:
            _, narrowed, _ = call(
                catalogue_url, "GET", f"/api/services?q=mantelzorg&{kind}={option['value']}&limit=1"
            )
            assert narrowed["total"] == option["count"], (kind, option)
    assert {"value": "Noord", "label": "Noord"}.items() <= next(
        o for o in body["facets"]["neighbourhood"] if o["value"] == "Noord"
    ).items()


def test_every_result_links_to_its_open_data_record(catalogue_url):
    _, body, _ = call(catalogue_url, "GET", "/api/services?q=schulden&limit=3")
    for result in body["results"]:
        status, record, _ = call(catalogue_url, "GET", result["hsds"])
        assert status == 200 and record["name"] == result["name"]
        assert record["organization"]["name"] == result["organization"]


def test_a_wheel_code_typed_into_the_chat_is_explained_without_the_rasa_server(catalogue_url):
    from bot.conversation import wheel
    from bot.conversation.wheel_code import code_of

    code = code_of(dict.fromkeys(wheel.domains(), "wil_meer"))
    status, body, _ = call(
        catalogue_url, "POST", "/api/chat", json={"message": f"mijn code is {code}"}, headers=SAME
    )
    assert status == 200 and "code van uw wiel van de vorige keer" in body[0]["text"]
    assert body[0]["buttons"][0]["payload"] == "/start_wheel"
    # An ordinary word goes to the Rasa server (here unreachable: the friendly busy answer).
    status, body, _ = call(catalogue_url, "POST", "/api/chat", json={"message": "werk"}, headers=SAME)
    assert status == 503 and "code van uw wiel" not in body[0]["text"]
