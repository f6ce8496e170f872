"""The last line of defence: what a person gets when part of the product fails.

Whatever breaks (the catalogue, the action server, the tracker store, a turn that takes too long),
the person gets a friendly answer in Dutch with a real number to call, and a message that names
danger gets the crisis numbers first. Nothing here depends on the catalogue or on a model: only on
the crisis patterns and the fixed texts below, so it cannot fail with them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.conversation import replies, simpler
from bot.conversation.messages import Message
from bot.language.crisis import crisis_kind

# Used when even the municipality's own number cannot be read.
UNKNOWN_PHONE = ""


def trouble(general_phone: str = UNKNOWN_PHONE) -> Message:
    call = f"Of bel de gemeente: {general_phone}." if general_phone else "Of bel de gemeente."
    return Message(
        text=f"Sorry, er ging bij mij iets mis. Probeer het zo nog eens. {call}",
        simple=simpler.trouble(general_phone),
    )


def busy(general_phone: str = UNKNOWN_PHONE) -> Message:
    call = f" Of bel de gemeente: {general_phone}." if general_phone else ""
    return Message(text=f"Het is nu erg druk. Probeer het over een minuut opnieuw.{call}")


def erase_failed() -> Message:
    return Message(text="Het wissen is nu niet gelukt. Uw gesprek is nog bewaard. Probeer het zo nog eens.")


def names_danger(text: str) -> bool:
    try:
        return crisis_kind(text) is not None
    except Exception:  # noqa: BLE001 - a broken pattern file must not silence the numbers
        return True


def carries_crisis_numbers(messages: Sequence[dict[str, Any]]) -> bool:
    return any((m.get("custom") or {}).get("type") == "crisis" for m in messages)


def as_channel_messages(messages: Sequence[Message], recipient: str) -> list[dict[str, Any]]:
    """Messages as Rasa's REST channel sends them."""
    out: list[dict[str, Any]] = []
    for message in messages:
        item: dict[str, Any] = {"recipient_id": recipient}
        if message.text:
            item["text"] = message.text
        if message.buttons:
            item["buttons"] = [{"title": b.title, "payload": b.payload} for b in message.buttons]
        if message.custom:
            item["custom"] = message.custom
        out.append(item)
    return out


def guarded(
    text: str,
    messages: list[dict[str, Any]],
    recipient: str,
    general_phone: str = UNKNOWN_PHONE,
    failure: Message | None = None,
    danger: bool | None = None,
) -> list[dict[str, Any]]:
    """The reply a person gets: the bot's own messages, with the crisis numbers first when the text
    names danger and they are missing; otherwise `failure` (the turn failed or took too long) or,
    when the bot said nothing, a friendly message. After the numbers nothing else is added: "try
    again in a minute" is not what someone in danger needs to read. `danger`: whether the text
    names danger, when the caller knows already (the patterns take ~70 ms on a pasted letter)."""
    reply = list(messages)
    if names_danger(text) if danger is None else danger:
        if not carries_crisis_numbers(reply):
            reply = as_channel_messages(replies.crisis(), recipient) + reply
        return reply
    if failure is not None or not reply:
        reply.extend(as_channel_messages([failure or trouble(general_phone)], recipient))
    return reply
