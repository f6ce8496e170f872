"""The names the conversation shares with domain.yml: slots, intents and what the bot said last.

domain.yml must declare the same names; tests/bot/conversation/test_slots.py checks that it does.
"""

from __future__ import annotations

import enum
from typing import Final

from bot.taxonomy import taxonomy


class Slot:
    MUNICIPALITY: Final = "municipality"
    NEIGHBOURHOOD: Final = "neighbourhood"
    LANGUAGE: Final = "language"  # the language asked for or written in, as a code
    TARGET_GROUP: Final = "target_group"  # the group asked for ("iets voor jongeren?")
    LAST_CATEGORIES: Final = "last_categories"  # categories of the last suggestions, never words
    LAST_SERVICES: Final = "last_services"
    # Every service suggested for the topic in play, so "dit helpt mij niet" never offers one again.
    SERVICES_SEEN: Final = "services_seen"
    LAST_REPLY: Final = "last_reply"  # a ReplyKind, so "ik snap het niet" can say it again simpler
    HELPED_PERSON: Final = "helped_person"  # "uw moeder" when someone asks for another person
    WHEEL_NAMED: Final = "wheel_named"  # categories named during the wheel, per domain
    WHEEL_STRENGTHS: Final = "wheel_strengths"  # what the person is good at, as category slugs
    # True after "Makkelijke woorden aan": every answer in its A2 wording (Message.simple).
    SIMPLE_WORDS: Final = "simple_words"
    REQUESTED: Final = "requested_slot"  # Rasa's own: the form's question now open


WHEEL_PREFIX: Final = "wheel_"


def wheel_slot(domain: str) -> str:
    """The slot holding a domain's status in the wheel form."""
    return f"{WHEEL_PREFIX}{domain}"


def domain_of_wheel_slot(slot: str) -> str:
    return slot.removeprefix(WHEEL_PREFIX)


def wheel_slots() -> tuple[str, ...]:
    """The wheel form's questions in order: one per domain of the taxonomy, then strengths."""
    return (*(wheel_slot(d) for d in taxonomy().domains), Slot.WHEEL_STRENGTHS)


def all_slots() -> tuple[str, ...]:
    own = tuple(value for name, value in vars(Slot).items() if name.isupper() and value != Slot.REQUESTED)
    return tuple(dict.fromkeys((*own, *wheel_slots())))


class ReplyKind(str, enum.Enum):
    """What an action said last (the last_reply slot holds the value)."""

    SUGGESTIONS = "suggestions"
    CRISIS = "crisis"
    OUT_OF_SCOPE = "out_of_scope"
    HUMAN = "human"
    WHEEL = "wheel"
    WHEEL_SUMMARY = "wheel_summary"


class Intent:
    NEED_PREFIX: Final = "need_"
    CRISIS: Final = "crisis"
    INFORM_NEIGHBOURHOOD: Final = "inform_neighbourhood"
    OUT_OF_SCOPE: Final = "out_of_scope"
    WHEEL_ANSWER: Final = "wheel_answer"
    START_WHEEL: Final = "start_wheel"
    ASK_HUMAN: Final = "ask_human"
    BOT_CHALLENGE: Final = "bot_challenge"
    AFFIRM: Final = "affirm"
    DENY: Final = "deny"
    SIMPLE_WORDS_ON: Final = "simple_words_on"
    SIMPLE_WORDS_OFF: Final = "simple_words_off"


class Entity:
    NEIGHBOURHOOD: Final = "neighbourhood"
    WHEEL_STATUS: Final = "wheel_status"


# The topic in play: forgotten when a turn fails, so the next turn starts clean.
TOPIC_SLOTS: Final = (
    Slot.NEIGHBOURHOOD,
    Slot.LANGUAGE,
    Slot.TARGET_GROUP,
    Slot.LAST_CATEGORIES,
    Slot.LAST_SERVICES,
    Slot.SERVICES_SEEN,
    Slot.LAST_REPLY,
    Slot.HELPED_PERSON,
)


def _is_word_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def checked_slots(slots: dict[str, object]) -> dict[str, object]:
    """The slots with every value of the wrong kind or outside the vocabulary read as unset.

    Slots are set by the bot itself, but a stored conversation may be older than the code, and a
    wrong value must never break every later turn or be echoed back to the person."""
    vocabulary = taxonomy()
    allowed: dict[str, object] = {
        Slot.NEIGHBOURHOOD: set(vocabulary.neighbourhoods),
        Slot.LANGUAGE: {language.code for language in vocabulary.languages},
        Slot.TARGET_GROUP: set(vocabulary.target_groups),
        Slot.LAST_REPLY: {kind.value for kind in ReplyKind},
    }
    checked: dict[str, object] = {}
    for name, value in slots.items():
        if value is None:
            checked[name] = None
        elif name in allowed:
            checked[name] = value if isinstance(value, str) and value in allowed[name] else None  # type: ignore[operator]
        elif name in (Slot.LAST_CATEGORIES, Slot.LAST_SERVICES, Slot.SERVICES_SEEN):
            checked[name] = value if _is_word_list(value) else None
        elif name == Slot.SIMPLE_WORDS:
            checked[name] = value if isinstance(value, bool) else None
        elif name == Slot.WHEEL_NAMED:
            ok = isinstance(value, dict) and all(_is_word_list(v) for v in value.values())
            checked[name] = value if ok else None
        elif name in (Slot.MUNICIPALITY, Slot.HELPED_PERSON, Slot.REQUESTED) or name.startswith(WHEEL_PREFIX):
            checked[name] = value if isinstance(value, str) and len(value) <= 200 else None
        else:
            checked[name] = value
    return checked
