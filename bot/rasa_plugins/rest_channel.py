"""Rasa's REST webhook (/webhooks/rest/webhook) with its input checked and a safety net.

- A bad request gets a 400 with a clear reason, never a 500, and stores nothing: a message must
  have a sender (one conversation per person: there is no shared "default" conversation) and text.
- A message that starts with "/" is an intent shortcut only when it is one of the bot's own
  buttons (bot.conversation.shortcuts); anything else a person types is read as text.
- Whatever fails inside the turn (an action, the action server, the tracker store, a turn that
  takes too long), the person gets an answer: the crisis numbers first when the message names
  danger, then a friendly message with the municipality's number (bot.conversation.safety_net).
- Nothing of what the person wrote is logged.

Configured in credentials.yml as `bot.rasa_plugins.rest_channel.CheckedRestInput`.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import re
import time
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.conversation import safety_net
from bot.conversation.shortcuts import read_as_text
from bot.rasa_plugins import speedups

# A pasted letter is answered from its start: longer messages are cut here, never refused.
MAX_MESSAGE = 5000
SENDER = re.compile(r"[\w.:@-]{1,64}", re.ASCII)
# Shorter than the web front end's 30 s, so the person hears "it is busy" rather than nothing.
TURN_TIMEOUT = 20.0
# A message that names danger waits far less: the numbers matter more than the rest of the reply.
DANGER_TIMEOUT = 3.0
# Turns in progress at once in one Rasa worker (each worker counts its own). Beyond it a
# message is not taken in (nothing is stored) and the person hears it is busy, so a flood cannot
# queue up work nobody waits for.
MAX_TURNS_IN_PROGRESS = 200
log = logging.getLogger(__name__)
speedups.install()  # this module is what the Rasa server loads first of the project's code


class BadRequest(ValueError):
    """What is wrong with a request, in Dutch, for the 400 answer."""


def checked(body: Any) -> tuple[str, str]:
    """The sender and the text of a webhook body, or BadRequest."""
    if not isinstance(body, dict):
        raise BadRequest("Stuur een JSON-object met 'sender' en 'message'.")
    sender, message = body.get("sender"), body.get("message")
    if not isinstance(sender, str) or not SENDER.fullmatch(sender):
        raise BadRequest("'sender' moet 1 tot 64 letters, cijfers of - _ . : @ zijn.")
    if not isinstance(message, str) or not message.strip():
        raise BadRequest("'message' moet een bericht met tekst zijn.")
    return sender, read_as_text(message[:MAX_MESSAGE])


_known_phone: list[str] = []


def general_phone() -> str:
    """The municipality's number, read once it can be; the safety net must work without it too."""
    if _known_phone:
        return _known_phone[0]
    try:
        from bot.catalogue.models import make_engine
        from bot.catalogue.repository import read_municipality
        from bot.settings import settings

        phone = read_municipality(make_engine(settings().catalogue_url)).general_contact.get("phone", "")
    except Exception:  # noqa: BLE001 - no catalogue now: "bel de gemeente", and try again next time
        log.warning("the municipality's number could not be read from the catalogue")
        return safety_net.UNKNOWN_PHONE
    _known_phone.append(phone)
    return phone


# Read through the whole model, the danger patterns and the municipality's number.
WARM_UP_MESSAGE = "ik heb schulden en ik zoek hulp in mijn buurt"


def preload_for_workers() -> None:
    """Loads what every Rasa worker needs and never changes in the main process, before it forks
    the workers: the sentence encoder's weights, TensorFlow, the name lists and the language
    detector are then one copy shared by the workers (measured with two workers: 1,347 MB
    proportional memory for the Rasa server without this, 948 MB with it)."""
    from bot.language import detect, meaning, personal_data

    try:
        import tensorflow  # noqa: F401 - Rasa's model loading imports it in each worker otherwise

        meaning.preload()
        personal_data.preload()
        detect.preload()
        # The garbage collector would write to every object it scans, and each page it writes
        # to stops being shared; what is loaded now lives as long as the server anyway.
        gc.freeze()
    except Exception:  # noqa: BLE001 - each worker then loads its own, as it would anyway
        log.warning("preloading for the Rasa workers failed", exc_info=True)


async def warm_up_with(agent: Any) -> None:
    """Does the work of a first turn before the first person comes (about 0.8 s: the model's
    first parse, compiling the danger patterns, reading the municipality's number, building the
    action-result validator); nothing is stored. It holds the worker's event loop, so requests
    that come meanwhile wait for it; with two workers, the other may still answer first."""
    started = time.perf_counter()
    try:
        general_phone()
        safety_net.names_danger(WARM_UP_MESSAGE)
        speedups.response_validator()
        if agent is not None and agent.is_ready():
            await agent.parse_message(WARM_UP_MESSAGE)
    except Exception:  # noqa: BLE001 - not warmed up is slower, not broken
        log.warning("warming up the Rasa server failed; the first turn will do the work", exc_info=True)
    else:
        log.info("Rasa server warmed up in %.1f s", time.perf_counter() - started)


def real_tracker_store(request: Request) -> Any:
    """The tracker store itself: Rasa wraps it in a FailSafeTrackerStore that swallows errors
    (and keeps a failed save in memory), which must not hide a failure here."""
    agent = getattr(request.app.ctx, "agent", None)
    store = getattr(agent, "tracker_store", None)
    return getattr(store, "_tracker_store", store)


async def checked_erase(store: Any, sender: str, reply: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A reply that says the conversation is erased, only when it really is gone from the store."""
    if not any((m.get("custom") or {}).get("type") == "conversation_erased" for m in reply):
        return reply
    try:
        gone = await store.retrieve(sender) is None
    except Exception:  # noqa: BLE001 - a store that cannot be read cannot confirm the erase
        gone = False
    if gone:
        return reply
    log.error("a conversation could not be erased")
    return safety_net.as_channel_messages([safety_net.erase_failed()], sender)


async def rasa_health(request: Request) -> dict[str, bool]:
    agent = getattr(request.app.ctx, "agent", None)
    parts = {"model": bool(agent and agent.is_ready()), "tracker_store": False}
    if agent is not None:
        store = real_tracker_store(request)
        try:
            # Reading a conversation that does not exist touches the store without changing it.
            await store.retrieve("healthcheck-no-such-conversation")
            parts["tracker_store"] = True
        except Exception:  # noqa: BLE001 - a store that cannot be read is what this reports
            log.warning("the tracker store could not be read")
    return parts


class CheckedRestInput(InputChannel):
    def __init__(self) -> None:
        self.in_progress = 0

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("meedoen_rest_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            """The Rasa server's own parts: a model loaded, and the tracker store answering."""
            parts = await rasa_health(request)
            healthy = all(parts.values())
            return response.json(
                {"status": "ok" if healthy else "fout", **parts}, status=200 if healthy else 503
            )

        @webhook.listener("main_process_start")
        async def share_what_does_not_change(_app: Any, _loop: Any) -> None:
            preload_for_workers()

        @webhook.listener("after_server_start")
        async def warm_up(app: Any, _loop: Any) -> None:
            # Rasa sets the level of its own loggers only (--verbose, LOG_LEVEL); the project's follow.
            logging.getLogger("bot").setLevel(logging.getLogger("rasa").getEffectiveLevel())
            await warm_up_with(getattr(app.ctx, "agent", None))

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                sender, text = checked(request.json)
            except BadRequest as error:
                return response.json({"error": str(error)}, status=400)
            except Exception:  # noqa: BLE001 - unreadable JSON (also too deeply nested)
                return response.json({"error": "Stuur geldige JSON met 'sender' en 'message'."}, status=400)
            reply = await self.answer(on_new_message, sender, text)
            store = real_tracker_store(request)
            if store is not None:
                reply = await checked_erase(store, sender, reply)
            return response.json(reply)

        return webhook

    def _turn_ended(self, turn: asyncio.Future) -> None:
        self.in_progress -= 1
        if not turn.cancelled():
            turn.exception()  # fetched, so asyncio does not warn about it; answer() logged it

    async def answer(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]], sender: str, text: str
    ) -> list[dict[str, Any]]:
        if self.in_progress >= MAX_TURNS_IN_PROGRESS:
            log.error("more than %d turns at once: a message was not taken in", MAX_TURNS_IN_PROGRESS)
            return safety_net.guarded(text, [], sender, general_phone(), safety_net.busy(general_phone()))
        collector = CollectingOutputChannel()
        failure = None
        turn = asyncio.ensure_future(
            on_new_message(UserMessage(text, collector, sender, input_channel=self.name()))
        )
        # Counted until the turn itself ends, also when the person was told it is busy.
        self.in_progress += 1
        turn.add_done_callback(self._turn_ended)
        danger = safety_net.names_danger(text)  # once per turn: long texts make it costly
        timeout = DANGER_TIMEOUT if danger else TURN_TIMEOUT
        try:
            # shield: a slow turn goes on and is stored whole; the person hears it is busy.
            await asyncio.wait_for(asyncio.shield(turn), timeout=timeout)
        except asyncio.TimeoutError:
            log.error("a turn took longer than %.0f s", timeout)
            failure = safety_net.busy(general_phone())
        except Exception:  # noqa: BLE001 - any failure still gets an answer
            log.exception("a turn failed")  # the traceback names no message text
            failure = safety_net.trouble(general_phone())
        return safety_net.guarded(text, collector.messages, sender, general_phone(), failure, danger)
