"""Intent shortcuts ("/inform_neighbourhood{...}") only from the bot's own buttons.

Rasa reads any message that starts with "/" as an intent with entities, bypassing the model. A
person could type one that sets a slot to anything (an object, a script), so only the exact
payloads of buttons the bot itself shows are let through; everything else is read as text.
"""

from __future__ import annotations

from functools import lru_cache

import yaml

from bot.conversation import replies, wheel
from bot.settings import PROJECT_ROOT

DOMAIN_FILE = PROJECT_ROOT / "domain.yml"
# The chat page's own (bot/web/static/chat.js): it opens a conversation with the greeting, and
# its "Makkelijke woorden" switch sends the other two.
PAGE_GREETING = "/greet"
PAGE_PAYLOADS = (PAGE_GREETING, "/simple_words_on", "/simple_words_off")


@lru_cache(maxsize=1)
def button_payloads() -> frozenset[str]:
    """Every payload of every button the bot can show: domain.yml's responses and the actions'."""
    payloads = set(PAGE_PAYLOADS)
    domain = yaml.safe_load(DOMAIN_FILE.read_text(encoding="utf-8"))
    for variants in (domain.get("responses") or {}).values():
        for variant in variants:
            payloads.update(button["payload"] for button in variant.get("buttons") or [])
    messages = [
        replies.neighbourhood_question(),
        replies.wheel_offer(),
        *(wheel.question(domain, None) for domain in wheel.domains()),
        wheel.strengths_question(None),
    ]
    payloads.update(button.payload for message in messages for button in message.buttons)
    return frozenset(payloads)


def read_as_text(message: str) -> str:
    """The message as Rasa should get it: a button's payload as it is; any other text that
    starts with "/" without its slashes, so the model reads it like anything else typed."""
    stripped = message.strip()
    if not stripped.startswith("/") or stripped in button_payloads():
        return message
    return stripped.lstrip("/").strip() or "?"
