"""Rasa's REST channel with its input checked: a bad request gets a 400 with a clear reason,
never a 500, and stores nothing. Same webhook path: /webhooks/rest/webhook.

Configured in credentials.yml as `bot.rasa_plugins.rest_channel.CheckedRestInput`.
"""

from __future__ import annotations

import re

from rasa.core.channels.rest import RestInput
from sanic.exceptions import InvalidUsage
from sanic.request import Request

# A pasted letter is answered from its start: longer messages are cut here, never refused.
MAX_MESSAGE = 5000
SENDER = re.compile(r"^[\w.:@-]{1,64}$")


class CheckedRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    async def _extract_sender(self, req: Request) -> str | None:
        body = _body(req)
        sender = body.get("sender", "default")
        if not isinstance(sender, str) or not SENDER.match(sender):
            raise InvalidUsage("'sender' moet 1 tot 64 letters, cijfers of - _ . : @ zijn.")
        return sender

    def _extract_message(self, req: Request) -> str | None:
        message = _body(req).get("message")
        if not isinstance(message, str) or not message.strip():
            raise InvalidUsage("'message' moet een bericht met tekst zijn.")
        return message[:MAX_MESSAGE]


def _body(req: Request) -> dict:
    body = req.json
    if not isinstance(body, dict):
        raise InvalidUsage("Stuur een JSON-object met 'sender' en 'message'.")
    return body
