"""Thin rasa-sdk actions: they read the tracker, call the bot package and send what it returns."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot import crisis, replies
from bot.catalogue.search import catalogue_from_url
from bot.catalogue.models import make_engine
from bot.catalogue.store import read_municipality
from bot.config import settings
from bot.matching import clear_need, find_neighbourhood, suggest

NEED_PREFIX = "need_"


def catalogue():
    return catalogue_from_url(settings().catalogue_url)


def municipality() -> dict[str, str]:
    return read_municipality(make_engine(settings().catalogue_url))


def general_contact() -> dict[str, str]:
    info = municipality()
    prefix = "general_contact."
    return {key[len(prefix):]: value for key, value in info.items() if key.startswith(prefix)}


def send(dispatcher: CollectingDispatcher, messages: list[dict]) -> None:
    for message in messages:
        dispatcher.utter_message(text=message.get("text"), buttons=message.get("buttons") or [],
                                 json_message=message.get("custom"))


def model_categories(tracker: Tracker) -> list[tuple[str, float]]:
    """The categories the model saw in the latest message, from its need_<category> intents."""
    ranking = tracker.latest_message.get("intent_ranking") or [tracker.latest_message.get("intent") or {}]
    return [(item["name"][len(NEED_PREFIX):], float(item.get("confidence") or 0.0))
            for item in ranking if (item.get("name") or "").startswith(NEED_PREFIX)]


class ActionSessionStart(Action):
    def name(self) -> str:
        return "action_session_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        name = municipality().get("name", "de gemeente")
        return [SessionStarted(), SlotSet("municipality", name), ActionExecuted("action_listen")]


class ActionSuggestServices(Action):
    """A need in free text (or a neighbourhood to refine the last one): suggestions right away."""

    def name(self) -> str:
        return "action_suggest_services"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        text = tracker.latest_message.get("text") or ""
        intent = (tracker.latest_message.get("intent") or {}).get("name", "")
        neighbourhood = (next(tracker.get_latest_entity_values("neighbourhood"), None)
                         or find_neighbourhood(text) or tracker.get_slot("neighbourhood"))
        ranking = model_categories(tracker)
        if intent == "inform_neighbourhood":
            # Refining: the need stays the one from before, only the place is new.
            previous = tracker.get_slot("last_categories") or []
            if not previous:
                send(dispatcher, replies.neighbourhood_noted(neighbourhood))
                return [SlotSet("neighbourhood", neighbourhood)]
            ranking = [(category, 1.0 - 0.1 * i) for i, category in enumerate(previous)]
            text = ""
        categories, services = suggest(catalogue(), text if not text.startswith("/") else "", ranking,
                                       neighbourhood=neighbourhood)
        send(dispatcher, replies.suggestions(services, ask_neighbourhood=services != [] and neighbourhood is None))
        return [SlotSet("last_categories", categories[:3]), SlotSet("neighbourhood", neighbourhood)]


class ActionFallback(Action):
    """The model is unsure. When the catalogue's words still clearly name a need, suggest anyway:
    "ik heb schulden en ik woon in noord" must not end in "Sorry, dat begreep ik niet"."""

    def name(self) -> str:
        return "action_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        text = tracker.latest_message.get("text") or ""
        if clear_need(catalogue(), text, model_categories(tracker)):
            return await ActionSuggestServices().run(dispatcher, tracker, domain)
        dispatcher.utter_message(response="utter_fallback")
        return []


class ActionCrisis(Action):
    def name(self) -> str:
        return "action_crisis"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        send(dispatcher, crisis.crisis_reply())
        return []


class ActionOutOfScope(Action):
    def name(self) -> str:
        return "action_out_of_scope"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        send(dispatcher, replies.out_of_scope(general_contact()))
        return []


class ActionHumanContact(Action):
    def name(self) -> str:
        return "action_human_contact"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        neighbourhood = tracker.get_slot("neighbourhood")
        hits = catalogue().search("", category="sociaal_wijkteam", neighbourhood=neighbourhood, limit=1).hits
        send(dispatcher, replies.human_contact(general_contact(), hits[0].service if hits else None))
        return []
