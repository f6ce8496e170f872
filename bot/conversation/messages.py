"""What the bot sends, typed: a message with text, buttons, a custom payload or a picture, and the
button payloads that trigger an intent ("/inform_neighbourhood{"neighbourhood":"Noord"}")."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any


def intent_payload(intent: str, **entities: str) -> str:
    """The payload of a button that sends an intent with its entities, as Rasa reads it."""
    if not entities:
        return f"/{intent}"
    return f"/{intent}{json.dumps(entities, ensure_ascii=False, separators=(',', ':'))}"


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class Message:
    """One bot message. `response` names a response of domain.yml instead of giving a text;
    `simple` is the text in simpler words (A2), for a person who switched them on."""

    text: str | None = None
    buttons: tuple[Button, ...] = ()
    custom: dict[str, Any] | None = None
    image: str | None = None
    response: str | None = None
    simple: str | None = None
    # Values for the response's {placeholders}: the Rasa server fills them in beside the slots.
    fill: tuple[tuple[str, str], ...] = ()

    def for_dispatcher(self, simple_words: bool = False) -> dict[str, Any]:
        """The keyword arguments of rasa-sdk's dispatcher.utter_message."""
        if self.response:
            return {"response": self.response, **dict(self.fill)}
        return {
            "text": self.simple if simple_words and self.simple else self.text,
            "buttons": [{"title": b.title, "payload": b.payload} for b in self.buttons],
            "json_message": self.custom,
            "image": self.image,
        }


@dataclass(frozen=True)
class Turn:
    """The bot's part of one turn: what it says, and the slots it sets."""

    messages: list[Message] = field(default_factory=list)
    slots: dict[str, Any] = field(default_factory=dict)
