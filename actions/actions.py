"""Thin rasa-sdk actions: each reads the tracker into a Situation, asks bot.conversation.turns
what to do, and sends the messages and slots it returns."""

from __future__ import annotations

import abc
import logging
from collections.abc import Callable
from functools import lru_cache, partial
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import create_engine
from sqlalchemy.engine import Engine

from bot.catalogue.catalogue import Catalogue, catalogue_from_url
from bot.catalogue.models import make_engine
from bot.catalogue.repository import Municipality, read_municipality
from bot.conversation import replies, safety_net, turns
from bot.conversation.messages import Turn
from bot.conversation.slots import TOPIC_SLOTS, Intent, Slot, checked_slots, wheel_slots
from bot.insight import counts as insight_counts
from bot.insight.turn_events import events_of
from bot.settings import settings

log = logging.getLogger(__name__)


def catalogue() -> Catalogue:
    return catalogue_from_url(settings().catalogue_url)


def municipality() -> Municipality:
    return municipality_at(settings().catalogue_url)


@lru_cache(maxsize=4)
def municipality_at(url: str) -> Municipality:
    # Read once per process, like the catalogue itself: it only changes when the catalogue is rebuilt.
    return read_municipality(make_engine(url))


def situation(tracker: Tracker) -> turns.Situation:
    """What the tracker says about this turn, in the terms of bot.conversation."""
    latest = tracker.latest_message
    intent = latest.get("intent") or {}
    ranking = latest.get("intent_ranking") or [intent]
    text = latest.get("text") or ""
    # The model's best guess when it was unsure (then nlu_fallback stands first), or what it saw
    # beside a danger.
    guess: dict[str, Any] = next(
        (item for item in ranking if item.get("name") not in ("nlu_fallback", Intent.CRISIS)), {}
    )
    entities: dict[str, str] = {}
    for entity in latest.get("entities") or []:
        entities.setdefault(entity.get("entity"), entity.get("value"))
    last_bot: dict[str, Any] = next((e for e in reversed(tracker.events) if e.get("event") == "bot"), {})
    return turns.Situation(
        text="" if text.startswith("/") else text,
        intent=intent.get("name") or "",
        intent_confidence=float(intent.get("confidence") or 0.0),
        model_categories=[
            (item["name"].removeprefix(Intent.NEED_PREFIX), float(item.get("confidence") or 0.0))
            for item in ranking
            if (item.get("name") or "").startswith(Intent.NEED_PREFIX)
        ],
        entities=entities,
        best_guess=guess.get("name") or "",
        best_guess_confidence=float(guess.get("confidence") or 0.0),
        slots=checked_slots(tracker.slots),
        form_active=bool(tracker.active_loop_name),
        requested_slot=tracker.get_slot(Slot.REQUESTED),
        slots_to_validate=tracker.slots_to_validate(),
        last_response=(last_bot.get("metadata") or {}).get("utter_action"),
    )


def send(dispatcher: CollectingDispatcher, turn: Turn, tracker: Tracker | None = None) -> list[EventType]:
    """The turn's messages, in simpler words when the person switched them on (now or before),
    and its slots. (domain.yml's own responses have their simpler variation by the same slot.)"""
    simple_words = (
        turn.slots.get(Slot.SIMPLE_WORDS, tracker.get_slot(Slot.SIMPLE_WORDS) if tracker else None) is True
    )
    for message in turn.messages:
        dispatcher.utter_message(**message.for_dispatcher(simple_words))
    return [SlotSet(name, value) for name, value in turn.slots.items()]


def recovery(tracker: Tracker) -> Turn:
    """What a failed action says instead: the numbers when the message names danger (unless the
    Rasa server sent them already), otherwise a friendly message with the municipality's number.
    It forgets the topic in play, so the next turn starts clean."""
    latest = tracker.latest_message or {}
    text = str(latest.get("text") or "")
    forget = dict.fromkeys(TOPIC_SLOTS)
    if (latest.get("intent") or {}).get("name") == Intent.CRISIS:
        return Turn([], forget)  # the Rasa server sent the numbers; "try again" is not for now
    if safety_net.names_danger(text):
        return Turn(replies.crisis(), forget)
    return Turn([safety_net.trouble(known_general_phone())], forget)


@lru_cache(maxsize=4)
def insight_at(url: str) -> Engine:
    return create_engine(url, future=True)


def count(action: str, now: turns.Situation, turn: Turn) -> None:
    """What this turn adds to the municipality's counts (bot.insight); a failure here is logged
    and the conversation goes on."""
    try:
        insight_counts.record(insight_at(settings().insight_url), events_of(action, now, turn, catalogue()))
    except Exception:  # noqa: BLE001 - counting must never cost a person their answer
        log.warning("the turn of %s could not be counted", action, exc_info=True)


def known_general_phone() -> str:
    try:
        return municipality().general_contact.get("phone", "")
    except Exception:  # noqa: BLE001 - the catalogue may be what failed
        return safety_net.UNKNOWN_PHONE


class ActionSessionStart(Action):
    def name(self) -> str:
        return "action_session_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        slots = turns.session_start(municipality())
        return [SessionStarted(), *send(dispatcher, Turn(slots=slots)), ActionExecuted("action_listen")]


# Every other custom action of domain.yml, with the turn it runs. The wheel form's ask actions
# (action_ask_wheel_zelfstandig_functioneren ... action_ask_wheel_strengths) come from the
# taxonomy's domains, so they cannot disagree with it; tests/bot/conversation/test_slots.py
# checks that domain.yml lists exactly these.
TURNS: dict[str, Callable[[turns.Situation], Turn]] = {
    "action_suggest_services": lambda s: turns.suggest_services(s, catalogue()),
    "action_fallback": lambda s: turns.fallback(s, catalogue()),
    "action_crisis": lambda s: turns.crisis(s, catalogue()),
    "action_out_of_scope": lambda s: turns.out_of_scope(s, catalogue(), municipality()),
    "action_greet": lambda s: turns.short_reply(s, catalogue(), "utter_greet"),
    "action_acknowledge": lambda s: turns.short_reply(s, catalogue(), "utter_ok_anything_else"),
    "action_thanks": lambda s: turns.thanks(s, catalogue()),
    "action_small_talk": lambda s: turns.small_talk(s, catalogue()),
    "action_privacy": lambda s: turns.privacy(s, catalogue(), settings().retention_period_text),
    "action_human_contact": lambda s: turns.human_contact(s, catalogue(), municipality()),
    "action_not_helpful": lambda s: turns.not_helpful(s, catalogue(), municipality()),
    "action_say_simpler": lambda s: turns.say_simpler(s, catalogue(), municipality()),
    "action_simple_words": turns.simple_words,
    # The tracker store (bot.rasa_plugins.tracker_store) sees this one and deletes the conversation.
    "action_erase_conversation": lambda s: turns.erase(),
    "action_wheel_start": turns.wheel_start,
    "validate_wheel_form": lambda s: turns.wheel_answer(s, catalogue()),
    "action_wheel_summary": lambda s: turns.wheel_summary(s, catalogue(), settings().public_url),
    **{f"action_ask_{slot}": partial(turns.wheel_question, slot) for slot in wheel_slots()},
}


class TurnAction(Action, abc.ABC):
    """A custom action whose whole work is one function of bot.conversation.turns."""

    @property
    @abc.abstractmethod
    def action_name(self) -> str: ...

    def name(self) -> str:
        return self.action_name

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        try:
            now = situation(tracker)
            turn = TURNS[self.action_name](now)
        except Exception:  # noqa: BLE001 - a broken catalogue or tracker must not silence the bot
            log.exception("action %s failed", self.action_name)  # no message text in the log
            return send(dispatcher, recovery(tracker), tracker)
        count(self.action_name, now, turn)
        return send(dispatcher, turn, tracker)


def _action(name: str) -> type[Action]:
    # rasa-sdk registers the subclasses of Action it finds, one class per action name.
    return type(f"Turn_{name}", (TurnAction,), {"action_name": name, "__module__": __name__})


ACTIONS = {name: _action(name) for name in TURNS}
