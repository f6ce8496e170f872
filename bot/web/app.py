"""aiohttp application: static chat page, /api/chat proxy, /api/services catalogue lookup.

aiohttp comes with Rasa already, so the front end adds no dependency. The page talks only to
this server (same origin), which keeps a strict Content-Security-Policy possible.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Collection
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

from bot.catalogue.catalogue import Catalogue, catalogue_from_url
from bot.conversation import wheel
from bot.conversation.wheel_picture import wheel_svg
from bot.settings import settings

STATIC = Path(__file__).with_name("static")
MAX_MESSAGE = 5000  # longer messages are cut, not refused (a pasted letter is answered)
MAX_LIMIT = 50
SENDER = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
)
log = logging.getLogger(__name__)
CATALOGUE_URL = web.AppKey("catalogue_url", str)
RASA_URL = web.AppKey("rasa_url", str)
HTTP = web.AppKey("http", aiohttp.ClientSession)


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
    return response


def catalogue(request: web.Request) -> Catalogue:
    return catalogue_from_url(request.app[CATALOGUE_URL])


async def index(request: web.Request) -> web.StreamResponse:
    return web.FileResponse(STATIC / "index.html")


async def health(request: web.Request) -> web.Response:
    return ok({"status": "ok"})


SEARCH_PARAMETERS = ("q", "domain", "category", "neighbourhood", "language", "target_group", "limit")


async def search_services(request: web.Request) -> web.Response:
    query = request.query
    vocab = catalogue(request).taxonomy
    for name in query:
        if name not in SEARCH_PARAMETERS:
            return error(400, f"Onbekende parameter '{name}'.", name)
    allowed: dict[str, Collection[str]] = {
        "domain": vocab.domains,
        "category": vocab.categories,
        "neighbourhood": vocab.neighbourhoods,
        "target_group": vocab.target_groups,
    }
    for name, values in allowed.items():
        if name in query and query[name] not in values:
            return error(400, f"Onbekende waarde voor '{name}': {query[name]!r}.", name)
    if "language" in query and not re.fullmatch(r"[a-z]{2,3}", query["language"]):
        return error(400, "Geef de taal als code, bijvoorbeeld 'ar' of 'tr'.", "language")
    if len(query.get("q", "")) > 200:
        return error(400, "De zoekvraag is te lang (meer dan 200 tekens).", "q")
    limit = query.get("limit", "10")
    if not limit.isdigit() or not 1 <= int(limit) <= MAX_LIMIT:
        return error(400, f"'limit' moet een getal van 1 tot en met {MAX_LIMIT} zijn.", "limit")
    result = catalogue(request).search(
        query.get("q", ""),
        domain=query.get("domain"),
        category=query.get("category"),
        neighbourhood=query.get("neighbourhood"),
        language=query.get("language"),
        target_group=query.get("target_group"),
        limit=int(limit),
    )
    return ok({"total": result.total, "results": [hit.service.api() for hit in result.hits]})


async def get_service(request: web.Request) -> web.Response:
    service = catalogue(request).get(request.match_info["service_id"])
    if service is None:
        return error(404, "Deze dienst bestaat niet (meer).")
    return ok(service.api())


async def wheel_picture(request: web.Request) -> web.Response:
    """The picture of the wheel for a summary: /wheel.svg?<domain slug>=<status>&..."""
    answers = {}
    for name, value in request.query.items():
        if name not in wheel.domains():
            return error(400, f"Onbekend deel van het wiel: '{name}'.", name)
        if value not in wheel.STATUSES:
            return error(400, f"Onbekende stand voor '{name}': {value!r}.", name)
        answers[name] = value
    return web.Response(text=wheel_svg(answers), content_type="image/svg+xml")


async def chat(request: web.Request) -> web.Response:
    """Pass a chat message to Rasa's REST webhook, so the page needs no other origin."""
    try:
        body = await request.json()
    except (json.JSONDecodeError, UnicodeDecodeError, aiohttp.ContentTypeError):
        return error(400, "Stuur JSON met 'sender' en 'message'.")
    if not isinstance(body, dict):
        return error(400, "Stuur JSON met 'sender' en 'message'.")
    sender, message = body.get("sender"), body.get("message")
    if not isinstance(sender, str) or not SENDER.match(sender):
        return error(400, "'sender' moet 8 tot 64 letters, cijfers, - of _ zijn.", "sender")
    if not isinstance(message, str) or not message.strip():
        return error(400, "Het bericht is leeg.", "message")
    message = message[:MAX_MESSAGE]
    url = f"{request.app[RASA_URL]}/webhooks/rest/webhook"
    try:
        async with request.app[HTTP].post(url, json={"sender": sender, "message": message}) as answer:
            if answer.status != 200:
                return error(503, "De chat is even niet bereikbaar. Probeer het zo nog eens.")
            return ok(await answer.json())
    except (aiohttp.ClientError, TimeoutError):
        return error(503, "De chat is even niet bereikbaar. Probeer het zo nog eens.")


async def _client(app: web.Application):
    app[HTTP] = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))
    yield
    await app[HTTP].close()


def make_app(catalogue_url: str | None = None, rasa_url: str | None = None) -> web.Application:
    config = settings()
    app = web.Application(middlewares=[safety], client_max_size=64 * 1024)
    app[CATALOGUE_URL] = catalogue_url or config.catalogue_url
    app[RASA_URL] = rasa_url or config.rasa_url
    app.cleanup_ctx.append(_client)
    app.router.add_get("/", index)
    app.router.add_get("/healthz", health)
    app.router.add_get("/api/services", search_services)
    app.router.add_get("/api/services/{service_id}", get_service)
    app.router.add_post("/api/chat", chat)
    app.router.add_get("/wheel.svg", wheel_picture)
    app.router.add_static("/static/", STATIC)
    return app
