"""aiohttp application: static chat page, /api/chat proxy, /api/services catalogue lookup.

aiohttp comes with Rasa already, so the front end adds no dependency. The page talks only to
this server (same origin), which keeps a strict Content-Security-Policy possible.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import logging
import re
import secrets
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from aiohttp import web
from sqlalchemy import create_engine
from sqlalchemy.engine import Engine

from bot.catalogue import lookup
from bot.catalogue.catalogue import Catalogue, catalogue_from_url
from bot.conversation import replies, safety_net, wheel
from bot.conversation.wheel_code import statuses_of, typed_code
from bot.conversation.wheel_picture import wheel_svg
from bot.insight import callbacks, report
from bot.insight import counts as insight_counts
from bot.insight.feedback import record_once as record_feedback_once
from bot.language.need_words import query_votes
from bot.settings import settings
from bot.web import design_system, hsds_api, insight_page, staff
from bot.web.layout import in_layout, page_html

STATIC = Path(__file__).with_name("static")
MAX_MESSAGE = 5000  # longer messages are cut, not refused (a pasted letter is answered)
MAX_LIMIT = 50
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'"
)
log = logging.getLogger(__name__)
CATALOGUE_URL = web.AppKey("catalogue_url", str)
RASA_URL = web.AppKey("rasa_url", str)
ACTIONS_URL = web.AppKey("actions_url", str)
INSIGHT = web.AppKey("insight", Engine)  # the counts for the municipality (bot.insight)
HTTP = web.AppKey("http", aiohttp.ClientSession)
SECURE_COOKIES = web.AppKey("secure_cookies", bool)
PUBLIC_HOST = web.AppKey("public_host", str)
COOKIE_SECRET = web.AppKey("cookie_secret", bytes)
STAFF_USERS: web.AppKey[dict[str, str]] = web.AppKey("staff_users", dict)  # name -> scrypt hash
STAFF_THROTTLE = web.AppKey("staff_throttle", staff.Throttle)


def error(status: int, message: str, parameter: str | None = None) -> web.Response:
    body: dict[str, Any] = {"error": message}
    if parameter:
        body["parameter"] = parameter
    return web.json_response(body, status=status, dumps=lambda o: json.dumps(o, ensure_ascii=False))


def ok(body: Any) -> web.Response:
    return web.json_response(body, dumps=lambda o: json.dumps(o, ensure_ascii=False))


@web.middleware
async def safety(request: web.Request, handler):
    """Security headers on every answer, and JSON instead of a bare 500 for anything unforeseen."""
    try:
        response = await handler(request)
    except web.HTTPException as exc:
        response = error(exc.status, exc.reason)
    except Exception:  # noqa: BLE001 - the last line of defence: log it, answer kindly
        log.exception("unexpected error for %s %s", request.method, request.path)
        response = error(500, "Er ging iets mis. Probeer het later nog eens.")
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()"
    if request.app[SECURE_COOKIES]:
        response.headers["Strict-Transport-Security"] = "max-age=31536000"
    return response


async def no_server_banner(request: web.Request, response: web.StreamResponse) -> None:
    # aiohttp would name itself and its version; nobody needs to know which to attack.
    response.headers["Server"] = "Meedoenwijzer"


def catalogue(request: web.Request) -> Catalogue:
    return catalogue_from_url(request.app[CATALOGUE_URL])


async def index(request: web.Request) -> web.StreamResponse:
    return web.FileResponse(STATIC / "index.html")


def html_page(content: str, page_class: str, status: int = 200) -> web.Response:
    return web.Response(text=in_layout(content, page_class), content_type="text/html", status=status)


def staff_only(response: web.Response) -> web.Response:
    # Numbers and counts must not stay in a shared computer's cache after logging out.
    response.headers["Cache-Control"] = "no-store"
    return response


def page(name: str, scripts: tuple[str, ...] = (), fill: dict[str, str] | None = None):
    """A page at its own address (/zoeken, /privacy, /toegankelijkheid): bot/web/pages/<name>.html,
    with its placeholders ("{retention_period}") filled from the settings."""
    content = page_html(name)
    for placeholder, value in (fill or {}).items():
        content = content.replace(placeholder, value)
    html = in_layout(content, name, scripts)

    async def handler(request: web.Request) -> web.Response:
        return web.Response(text=html, content_type="text/html")

    return handler


def private_cookie(
    request: web.Request, response: web.Response, name: str, value: str, path: str, max_age: int | None = None
) -> None:
    """A cookie no script can read and no other site can send: HttpOnly, SameSite Strict, and
    Secure behind HTTPS (on http://127.0.0.1 browsers would drop it)."""
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        httponly=True,
        samesite="Strict",
        secure=request.app[SECURE_COOKIES],
        path=path,
    )


def see_other(location: str) -> web.Response:
    return web.Response(status=303, headers={"Location": location})


async def staff_member(request: web.Request) -> str | None:
    """The staff member of this request's session: signed here, not expired, not logged out."""
    value = request.cookies.get(staff.SESSION_COOKIE, "")
    users: dict[str, str] = request.app[STAFF_USERS]
    who = staff.session_user(request.app[COOKIE_SECRET], value, users) if value else None
    if who is None:
        return None
    ended: bool = await asyncio.to_thread(staff.session_ended, request.app[INSIGHT], value)
    return None if ended else who


async def staff_login_page(request: web.Request) -> web.Response:
    if await staff_member(request):
        return see_other("/inzicht")
    return html_page(insight_page.login(), "inloggen")


async def staff_login(request: web.Request) -> web.Response:
    """Name and password checked against MEEDOEN_STAFF_USERS; guessing slowed per address and
    per name; the same answer for an unknown name and a wrong password."""
    if not same_site(request):
        return html_page(insight_page.login("Inloggen kan alleen op deze website."), "inloggen", 403)
    form = await request.post()
    name, password = str(form.get("name", ""))[:100], str(form.get("password", ""))[:1000]
    # Behind the municipality's proxy every request comes from the proxy: its forwarded address
    # is the person's (spoofed without a proxy, it only splits the per-address limit further;
    # the per-name limit still holds).
    address = request.headers.get("X-Forwarded-For", "").split(",")[0].strip() or request.remote or "?"
    pair, throttle = f"{address}|{name}", request.app[STAFF_THROTTLE]
    limits = {pair: staff.MAX_FAILURES, name: staff.MAX_FAILURES_PER_NAME}
    if await asyncio.to_thread(throttle.blocked, limits):
        staff.log.warning("staff login refused: too many failures for this name")
        return html_page(
            insight_page.login("Te vaak geprobeerd. Wacht een kwartier en probeer het dan opnieuw."),
            "inloggen",
            429,
        )
    users: dict[str, str] = request.app[STAFF_USERS]
    # scrypt in a thread: a login must not hold up the chats this front end serves.
    if not await asyncio.to_thread(staff.login_matches, users, name, password):
        await asyncio.to_thread(throttle.failed, pair, name)
        staff.log.info("staff login failed")
        return html_page(insight_page.login("Naam of wachtwoord klopt niet."), "inloggen", 401)
    staff.log.info("staff login: %s", staff.pseudonym(name))
    response = see_other("/inzicht")
    private_cookie(
        request,
        response,
        staff.SESSION_COOKIE,
        staff.session_value(request.app[COOKIE_SECRET], name),
        path="/",
        max_age=staff.SESSION_SECONDS,
    )
    return response


async def staff_logout(request: web.Request) -> web.Response:
    """A POST from the staff pages' button (a link could be followed from anywhere): the session
    ends on every front end, not only its cookie in this browser."""
    if not same_site(request):
        return see_other("/medewerkers")
    who = await staff_member(request)
    if who:
        staff.log.info("staff logout: %s", staff.pseudonym(who))
        await asyncio.to_thread(
            staff.end_session, request.app[INSIGHT], request.cookies[staff.SESSION_COOKIE]
        )
    response = see_other("/medewerkers")
    response.del_cookie(staff.SESSION_COOKIE, path="/")
    return response


async def insight(request: web.Request) -> web.Response:
    who = await staff_member(request)
    if not who:
        return see_other("/medewerkers")
    staff.log.info("staff viewed the insight page: %s", staff.pseudonym(who))
    found = await asyncio.to_thread(report.report, request.app[INSIGHT], catalogue(request))
    return staff_only(html_page(insight_page.content(found, catalogue(request).taxonomy, who), "inzicht"))


async def insight_csv(request: web.Request) -> web.Response:
    who = await staff_member(request)
    if not who:
        return error(401, "Log eerst in als medewerker.")
    staff.log.info("staff downloaded the insight counts: %s", staff.pseudonym(who))
    found = await asyncio.to_thread(report.report, request.app[INSIGHT], catalogue(request))
    return staff_only(
        web.Response(
            text=report.as_csv(found),
            content_type="text/csv",
            headers={"Content-Disposition": 'attachment; filename="meedoenwijzer-inzicht.csv"'},
        )
    )


async def favicon(request: web.Request) -> web.StreamResponse:
    # Browsers ask for /favicon.ico on pages without a link to one (the API's JSON, say).
    return web.FileResponse(STATIC / "favicon.svg")


async def design_system_css(request: web.Request) -> web.Response:
    response = web.Response(text=design_system.stylesheet(), content_type="text/css")
    response.headers["Cache-Control"] = "public, max-age=3600"
    # 270 kB of theme tokens and components, 22 kB compressed: it matters on a phone.
    response.enable_compression()
    return response


async def health(request: web.Request) -> web.Response:
    """Each part of the product, and 503 when one of them fails (for probes and monitoring)."""
    parts = {
        "web": True,
        "catalogue": False,
        "rasa": False,
        "model": False,
        "tracker_store": False,
        "actions": False,
    }
    try:
        parts["catalogue"] = catalogue(request).search("", limit=1).total > 0
    except Exception:  # noqa: BLE001 - a catalogue that cannot be read is what this reports
        log.warning("health: the catalogue could not be read")
    http = request.app[HTTP]
    timeout = aiohttp.ClientTimeout(total=3)
    try:
        async with http.get(f"{request.app[RASA_URL]}/webhooks/rest/", timeout=timeout) as answer:
            rasa = await answer.json()
            parts["rasa"] = True
            parts["model"] = bool(rasa.get("model"))
            parts["tracker_store"] = bool(rasa.get("tracker_store"))
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
        log.warning("health: the Rasa server did not answer")
    try:
        async with http.get(f"{request.app[ACTIONS_URL]}/health", timeout=timeout) as answer:
            parts["actions"] = answer.status == 200
    except (aiohttp.ClientError, asyncio.TimeoutError):
        log.warning("health: the action server did not answer")
    healthy = all(parts.values())
    return web.json_response({"status": "ok" if healthy else "fout", **parts}, status=200 if healthy else 503)


SEARCH_PARAMETERS = ("q", "domain", "category", "neighbourhood", "language", "target_group", "limit")


async def search_services(request: web.Request) -> web.Response:
    """The catalogue lookup (interfaces.md section 3): filters by code or by name in any case,
    words of `q` that name a neighbourhood or a language as that filter (bot.catalogue.lookup),
    and per filter the counts its values would give, for the lookup page's choices."""
    query = request.query
    found = catalogue(request)
    for name in query:
        if name not in SEARCH_PARAMETERS:
            return error(400, f"Onbekende parameter '{name}'.", name)
    given: dict[str, str] = {}
    for kind in lookup.FILTERS:
        if kind in query and query[kind].strip():
            value = lookup.normalised(kind, query[kind][:100], found.taxonomy)
            if value is None:
                return error(400, f"Onbekende waarde voor '{kind}': {query[kind][:100]!r}.", kind)
            given[kind] = value
    if len(query.get("q", "")) > 200:
        return error(400, "De zoekvraag is te lang (meer dan 200 tekens).", "q")
    limit = query.get("limit", "10")
    # ASCII digits only: "²" and "٣" are digits to str.isdigit() but not numbers to int().
    if not re.fullmatch(r"[0-9]{1,3}", limit) or not 1 <= int(limit) <= MAX_LIMIT:
        return error(400, f"'limit' moet een getal van 1 tot en met {MAX_LIMIT} zijn.", "limit")
    asked = lookup.read_query(query.get("q", ""), found.taxonomy, given)
    # What the words ask for (a few ms; the encoder, the examples and the word classifier load
    # at the first query).
    votes = await asyncio.to_thread(query_votes, asked.words) if lookup.reads_as_words(asked.words) else {}
    answer = lookup.find(found, asked, int(limit), votes)
    result = answer.result
    return ok(
        {
            "total": result.total,
            "results": [
                {**hit.service.api(), "hsds": f"{hsds_api.PREFIX}/services/{hit.service.id}"}
                for hit in result.hits
            ],
            "filters": answer.filters,
            "filters_from_words": [kind for kind in asked.from_words if kind in answer.filters],
            # Filters from the words that were left out, because with them nothing was found.
            "filters_left_out": {
                kind: {
                    "value": asked.filters[kind],
                    "label": lookup.label(kind, asked.filters[kind], found.taxonomy),
                }
                for kind in answer.relaxed
            },
            "facets": found.facets(asked.words, answer.filters, votes),  # type: ignore[arg-type]
        }
    )


async def get_service(request: web.Request) -> web.Response:
    service = catalogue(request).get(request.match_info["service_id"])
    if service is None:
        return error(404, "Deze dienst bestaat niet (meer).")
    return ok(service.api())


async def wheel_picture(request: web.Request) -> web.Response:
    """The picture of the wheel for a summary: /wheel.svg?<domain slug>=<status>&..., or
    /wheel.svg?code=K7Q2 for the wheel of an earlier summary (bot.conversation.wheel_code)."""
    if "code" in request.query:
        earlier = statuses_of(request.query["code"])
        if earlier is None or len(request.query) > 1:
            return error(400, "Deze code ken ik niet. Kijk of u hem goed heeft overgetypt.", "code")
        return web.Response(text=wheel_svg(earlier), content_type="image/svg+xml")
    answers = {}
    for name, value in request.query.items():
        if name not in wheel.domains():
            return error(400, f"Onbekend deel van het wiel: '{name}'.", name)
        if value not in wheel.STATUSES:
            return error(400, f"Onbekende stand voor '{name}': {value!r}.", name)
        answers[name] = value
    return web.Response(text=wheel_svg(answers), content_type="image/svg+xml")


CONVERSATION_COOKIE = "meedoen_gesprek"
CONVERSATION_ID = re.compile(r"([A-Za-z0-9_-]{32})\.([A-Za-z0-9_-]{22})", re.ASCII)


def _signature(secret: bytes, token: str) -> str:
    digest = hmac.new(secret, token.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode()[:22]


def new_conversation(secret: bytes) -> str:
    """An unguessable conversation id, signed: only ids this server made are ever accepted, so a
    cookie planted by someone else (another subdomain, say) never names a conversation."""
    token = secrets.token_urlsafe(24)
    return f"{token}.{_signature(secret, token)}"


def conversation_of(request: web.Request) -> str | None:
    """The conversation of this visitor: the id in their cookie, if this server made it."""
    value = request.cookies.get(CONVERSATION_COOKIE, "")
    match = CONVERSATION_ID.fullmatch(value)
    if match and hmac.compare_digest(match.group(2), _signature(request.app[COOKIE_SECRET], match.group(1))):
        return value
    return None


def feedback_token(secret: bytes, conversation: str, service_id: str) -> str:
    """Proof that this conversation was shown this service: "Helpt dit?" counts only answers
    about tips the person really got (no state kept: any web front end with the secret checks it)."""
    return _signature(secret, f"feedback:{conversation}:{service_id}")


def same_token(given: object, expected: str) -> bool:
    """Whether a token a page sent back is the one expected, in constant time (as bytes: a
    token with other characters than ASCII is simply wrong, never an error)."""
    return isinstance(given, str) and hmac.compare_digest(given.encode(), expected.encode())


def callback_token(secret: bytes, conversation: str) -> str:
    """Proof that this conversation was offered a call-back (the offer comes with it)."""
    return _signature(secret, f"callback:{conversation}")


def with_feedback_tokens(
    messages: list[dict[str, Any]], secret: bytes, conversation: str
) -> list[dict[str, Any]]:
    for message in messages:
        custom = message.get("custom")
        if isinstance(custom, dict) and custom.get("type") == "callback_offer":
            custom["token"] = callback_token(secret, conversation)
        if isinstance(custom, dict) and custom.get("type") == "services":
            for service in custom.get("services") or []:
                if isinstance(service, dict) and isinstance(service.get("id"), str):
                    service["feedback"] = feedback_token(secret, conversation, service["id"])
    return messages


def same_site(request: web.Request) -> bool:
    """A post from another website (a form or a script elsewhere) is refused: it could talk or
    erase in the name of this visitor, whose cookie the browser would send along."""
    origin = request.headers.get("Origin")
    # A form's post under Referrer-Policy no-referrer says "Origin: null"; the browser's own
    # Sec-Fetch-Site (no page can set it) still tells where it came from.
    if origin is None or origin == "null":
        return request.headers.get("Sec-Fetch-Site", "same-origin" if origin is None else "") in (
            "same-origin",
            "none",
        )
    # Behind the municipality's HTTPS proxy the Host header is often the proxy's upstream
    # (127.0.0.1:8080): the public address and the forwarded host count as this site too.
    own = {request.host, request.headers.get("X-Forwarded-Host", ""), request.app[PUBLIC_HOST]}
    return origin.split("://", 1)[-1] in own - {""}


async def json_object(request: web.Request) -> dict[str, Any] | None:
    """The request's body as a JSON object, or None when it is not one."""
    try:
        body = await request.json()
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    return body if isinstance(body, dict) else None


def without_recipient(message: dict[str, Any]) -> dict[str, Any]:
    # The recipient is the conversation id: the page must not see what its HttpOnly cookie hides.
    return {key: value for key, value in message.items() if key != "recipient_id"}


async def chat(request: web.Request) -> web.Response:
    """Pass a chat message to Rasa's REST webhook, so the page needs no other origin.

    The conversation comes from the visitor's cookie, never from the body: nobody can read or
    erase another person's conversation by naming it."""
    if not same_site(request):
        return error(403, "Deze chat werkt alleen op de eigen website van de gemeente.")
    if request.content_type != "application/json":
        return error(415, "Stuur het bericht als JSON.")
    body = await json_object(request)
    if body is None:
        return error(400, "Stuur JSON met 'message'.")
    message = body.get("message")
    if not isinstance(message, str) or not message.strip():
        return error(400, "Het bericht is leeg.", "message")
    message = message[:MAX_MESSAGE]
    conversation = conversation_of(request) or new_conversation(request.app[COOKIE_SECRET])
    if typed_code(message) and not safety_net.names_danger(message):
        # A code of an earlier wheel: it belongs under a new summary, not in the conversation.
        said = replies.wheel_code_typed()
        return ok(
            [{"text": said.text, "buttons": [{"title": b.title, "payload": b.payload} for b in said.buttons]}]
        )
    url = f"{request.app[RASA_URL]}/webhooks/rest/webhook"
    try:
        async with request.app[HTTP].post(url, json={"sender": conversation, "message": message}) as answer:
            if answer.status != 200:
                raise aiohttp.ClientError(f"the Rasa server answered {answer.status}")
            messages = [without_recipient(m) for m in await answer.json()]
            response = ok(with_feedback_tokens(messages, request.app[COOKIE_SECRET], conversation))
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
        # Rasa is down or too slow: the person still gets the numbers when it matters.
        log.warning("the Rasa server could not answer a chat message")
        messages = [
            without_recipient(m)
            for m in safety_net.guarded(message, [], conversation, failure=safety_net.busy())
        ]
        response = web.json_response(messages, status=503, dumps=lambda o: json.dumps(o, ensure_ascii=False))
    erased = any((m.get("custom") or {}).get("type") == "conversation_erased" for m in messages)
    if erased or conversation_of(request) != conversation:
        # A new visitor, or one who just erased their conversation: a fresh, unguessable id.
        private_cookie(
            request,
            response,
            CONVERSATION_COOKIE,
            new_conversation(request.app[COOKIE_SECRET]) if erased else conversation,
            path="/api/",
        )
    return response


async def feedback(request: web.Request) -> web.Response:
    """ "Helpt dit?" on a card: counted per day, service and answer, and nothing else (no
    conversation, no text); bot.insight.feedback."""
    if not same_site(request):
        return error(403, "Dit werkt alleen op de eigen website van de gemeente.")
    body = await json_object(request)
    if body is None:
        return error(400, "Stuur JSON met 'service' en 'helpful'.")
    service, helpful, token = body.get("service"), body.get("helpful"), body.get("token")
    if not isinstance(service, str) or catalogue(request).get(service) is None:
        return error(400, "Deze dienst bestaat niet.", "service")
    if not isinstance(helpful, bool):
        return error(400, "'helpful' is true of false.", "helpful")
    conversation = conversation_of(request)
    if not (
        conversation and same_token(token, feedback_token(request.app[COOKIE_SECRET], conversation, service))
    ):
        return error(400, "Deze tip kwam niet uit uw gesprek.", "token")
    try:
        counted = await asyncio.to_thread(
            record_feedback_once, request.app[INSIGHT], str(token), service, helpful
        )
    except Exception:  # noqa: BLE001 - the person's chat goes on; the count is lost
        log.warning("feedback could not be counted", exc_info=True)
        return error(503, "Dank u. Uw antwoord kon nu niet worden bewaard.")
    # Sent again (a second click, a replay): thanked, not counted twice.
    return ok({"counted": counted})


async def callback_request(request: web.Request) -> web.Response:
    """ "Bel mij terug", from the chat page: stored only with an explicit yes and a Dutch number
    that checks out; the needs as categories of the taxonomy, nothing the person wrote."""
    if not same_site(request):
        return error(403, "Dit werkt alleen op de eigen website van de gemeente.")
    body = await json_object(request)
    if body is None:
        return error(400, "Stuur JSON met 'consent', 'phone' en 'time_of_day'.")
    # Only in a conversation that was offered a call-back: no list of numbers from a script.
    conversation, token = conversation_of(request), body.get("token")
    if not (conversation and same_token(token, callback_token(request.app[COOKIE_SECRET], conversation))):
        return error(400, "Vraag het terugbellen aan in de chat, na 'met een mens praten'.", "token")
    if body.get("consent") is not True:
        return error(
            400, "Zonder uw ja bewaren wij niets. Zet een vinkje als u wilt dat wij u bellen.", "consent"
        )
    phone = callbacks.checked_phone(str(body.get("phone", ""))[:40])
    if phone is None:
        return error(400, "Dit telefoonnummer klopt niet. Typ 10 cijfers, bijvoorbeeld 06 12345678.", "phone")
    time_of_day = body.get("time_of_day")
    if not isinstance(time_of_day, str) or time_of_day not in callbacks.TIMES_OF_DAY:
        return error(400, "Kies wanneer wij u het beste kunnen bellen.", "time_of_day")
    vocab = catalogue(request).taxonomy
    raw_categories = body.get("categories")
    listed: list[Any] = raw_categories if isinstance(raw_categories, list) else []
    categories = [c for c in listed if isinstance(c, str) and c in vocab.categories][:3]
    raw_place = body.get("neighbourhood")
    neighbourhood = raw_place if isinstance(raw_place, str) and raw_place in vocab.neighbourhoods else ""
    engine = request.app[INSIGHT]
    try:
        await asyncio.to_thread(
            callbacks.store, engine, phone, time_of_day, neighbourhood, categories, None, conversation
        )
    except callbacks.Refused as refused:
        return error(409, str(refused))
    except Exception:  # noqa: BLE001 - the person must know it did not work, and who to call instead
        log.warning("a call-back request could not be stored", exc_info=True)
        return error(503, "Het lukte nu niet om dit te bewaren. Bel zelf de gemeente: 14 0999.")
    try:
        await asyncio.to_thread(
            insight_counts.record, engine, [insight_counts.Event("callback", "", neighbourhood)]
        )
    except Exception:  # noqa: BLE001 - the request is stored; only its count is lost
        log.warning("a call-back request could not be counted", exc_info=True)
    team = f"het sociaal wijkteam {neighbourhood}" if neighbourhood else "het sociaal wijkteam"
    when = callbacks.TIMES_OF_DAY[time_of_day]
    return ok(
        {
            "stored": True,
            "message": f"Dank u. Wij geven uw vraag door aan {team}. Een medewerker belt u {when}, "
            "meestal binnen twee werkdagen. Is het dringend? Bel dan zelf de gemeente: 14 0999.",
        }
    )


async def callback_list(request: web.Request) -> web.Response:
    who = await staff_member(request)
    if not who:
        return see_other("/medewerkers")
    staff.log.info("staff viewed the call-back requests: %s", staff.pseudonym(who))
    found = await asyncio.to_thread(callbacks.open_requests, request.app[INSIGHT])
    return staff_only(html_page(insight_page.callbacks(found, catalogue(request).taxonomy), "verzoeken"))


async def callback_done(request: web.Request) -> web.Response:
    who = await staff_member(request)
    if not who:
        return see_other("/medewerkers")
    if not same_site(request):
        return error(403, "Dit werkt alleen op de eigen website van de gemeente.")
    deleted = await asyncio.to_thread(
        callbacks.done, request.app[INSIGHT], request.match_info["request_id"][:40]
    )
    staff.log.info(
        "staff marked a call-back done (%s): %s",
        "deleted" if deleted else "already gone",
        staff.pseudonym(who),
    )
    return see_other("/verzoeken")


async def _read_catalogue(app: web.Application) -> None:
    """The chat's catalogue and the HSDS API's records at start: the same version for both, and
    the first request does not wait. A catalogue that cannot be read does not stop the page,
    which still gives the crisis numbers."""
    try:
        catalogue_from_url(app[CATALOGUE_URL])
        hsds_api.records_at(app[CATALOGUE_URL])
    except Exception:  # noqa: BLE001 - each request reports it again
        logging.getLogger(__name__).warning("the catalogue could not be read at start", exc_info=True)


async def _warm_lookup(app: web.Application) -> None:
    """Build what the lookup reads a query's meaning with (the encoder, the need examples' index,
    the word classifier: about 8 s here) beside the start, so the first staff query does not wait
    for it; a query that comes sooner waits for the same build (bot/language/once.py)."""

    def warm() -> None:
        try:
            query_votes("hulp bij schulden")
        except Exception:  # noqa: BLE001 - the first query builds it again and reports what fails
            logging.getLogger(__name__).exception("the lookup's meaning could not be built at start")

    threading.Thread(target=warm, name="warm-lookup", daemon=True).start()


async def _client(app: web.Application):
    app[HTTP] = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))
    yield
    await app[HTTP].close()


def make_app(
    catalogue_url: str | None = None,
    rasa_url: str | None = None,
    actions_url: str | None = None,
    insight_url: str | None = None,
) -> web.Application:
    config = settings()
    app = web.Application(middlewares=[safety], client_max_size=64 * 1024)
    app[CATALOGUE_URL] = catalogue_url or config.catalogue_url
    app[RASA_URL] = rasa_url or config.rasa_url
    app[ACTIONS_URL] = actions_url or config.actions_url
    app[INSIGHT] = create_engine(insight_url or config.insight_url, future=True)
    # Behind HTTPS (production) the cookie is Secure; on http://127.0.0.1 browsers would drop it.
    app[SECURE_COOKIES] = config.public_url.startswith("https://")
    app[PUBLIC_HOST] = urlsplit(config.public_url).netloc
    # Several web front ends behind one address need the same secret; one can make its own.
    app[COOKIE_SECRET] = config.cookie_secret.encode() or secrets.token_bytes(32)
    app[STAFF_USERS] = staff.users_from(config.staff_users)
    app[STAFF_THROTTLE] = staff.Throttle(app[INSIGHT])
    app.cleanup_ctx.append(_client)
    app.on_startup.append(_read_catalogue)  # type: ignore[arg-type]  # aiohttp's own hint is wrong
    app.on_startup.append(_warm_lookup)  # type: ignore[arg-type]  # aiohttp's own hint is wrong
    app.on_response_prepare.append(no_server_banner)  # type: ignore[arg-type]  # aiohttp's own hint is wrong
    app.router.add_get("/", index)
    app.router.add_get("/zoeken", page("zoeken", ("cards.js", "zoeken.js")))
    app.router.add_get("/favicon.ico", favicon)
    app.router.add_get("/medewerkers", staff_login_page)
    app.router.add_post("/medewerkers/inloggen", staff_login)
    app.router.add_post("/medewerkers/uitloggen", staff_logout)
    app.router.add_get("/inzicht", insight)
    app.router.add_get("/inzicht.csv", insight_csv)
    app.router.add_post("/api/callback", callback_request)
    app.router.add_get("/verzoeken", callback_list)
    app.router.add_post("/verzoeken/{request_id}/klaar", callback_done)
    app.router.add_get("/privacy", page("privacy", fill={"{retention_period}": config.retention_period_text}))
    app.router.add_get("/toegankelijkheid", page("toegankelijkheid"))
    app.router.add_get("/design-system.css", design_system_css)
    app.router.add_get("/healthz", health)
    app.router.add_get("/api/services", search_services)
    app.router.add_get("/api/services/{service_id}", get_service)
    app.router.add_post("/api/chat", chat)
    app.router.add_post("/api/feedback", feedback)
    app.router.add_get("/wheel.svg", wheel_picture)
    app.router.add_routes(hsds_api.routes(lambda request: request.app[CATALOGUE_URL]))
    app.router.add_static("/static/", STATIC)
    return app
