"""Thin rasa-sdk actions: they read the tracker, call the bot package and send what it returns."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot import crisis, replies, simpler, wheel
from bot.catalogue.models import make_engine
from bot.catalogue.search import catalogue_from_url
from bot.catalogue.store import read_municipality
from bot.config import settings
from bot.matching import STRONG, clear_need, find_neighbourhood, suggest
from bot.people import helped_person

NEED_PREFIX = "need_"
WHEEL_SLOTS = tuple(f"wheel_{d}" for d in wheel.DOMAINS) + (wheel.STRENGTHS_SLOT,)


def catalogue():
    return catalogue_from_url(settings().catalogue_url)


def municipality() -> dict[str, str]:
    return municipality_at(settings().catalogue_url)


@lru_cache(maxsize=4)
def municipality_at(url: str) -> dict[str, str]:
    # Read once per process, like the catalogue itself: it only changes when the catalogue is rebuilt.
    return read_municipality(make_engine(url))


def general_contact() -> dict[str, str]:
    prefix = "general_contact."
    return {key[len(prefix):]: value for key, value in municipality().items() if key.startswith(prefix)}


def send(dispatcher: CollectingDispatcher, messages: list[dict]) -> None:
    for message in messages:
        dispatcher.utter_message(text=message.get("text"), buttons=message.get("buttons") or [],
                                 json_message=message.get("custom"), image=message.get("image"))


def model_categories(tracker: Tracker) -> list[tuple[str, float]]:
    """The categories the model saw in the latest message, from its need_<category> intents."""
    ranking = tracker.latest_message.get("intent_ranking") or [tracker.latest_message.get("intent") or {}]
    return [(item["name"][len(NEED_PREFIX):], float(item.get("confidence") or 0.0))
            for item in ranking if (item.get("name") or "").startswith(NEED_PREFIX)]


def intent_confidence(tracker: Tracker) -> float:
    return float((tracker.latest_message.get("intent") or {}).get("confidence") or 0.0)


def latest_text(tracker: Tracker) -> str:
    text = tracker.latest_message.get("text") or ""
    return "" if text.startswith("/") else text


def who(tracker: Tracker) -> str | None:
    """The person a helper is asking for, from this message or earlier in the conversation."""
    return helped_person(latest_text(tracker)) or tracker.get_slot("helped_person")


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
        text = latest_text(tracker)
        intent = (tracker.latest_message.get("intent") or {}).get("name", "")
        neighbourhood = (next(tracker.get_latest_entity_values("neighbourhood"), None)
                         or find_neighbourhood(text) or tracker.get_slot("neighbourhood"))
        ranking = model_categories(tracker)
        if intent == "inform_neighbourhood":
            # Refining: the need stays the one from before, only the place is new.
            previous = tracker.get_slot("last_categories") or []
            if previous:
                ranking = [(category, 1.0 - 0.1 * i) for i, category in enumerate(previous)]
                text = ""
            elif not clear_need(catalogue(), text, ranking):  # "samen koken in noord" is a need too
                send(dispatcher, replies.neighbourhood_noted(neighbourhood))
                return [SlotSet("neighbourhood", neighbourhood)]
        person = who(tracker)
        needs, services = suggest(catalogue(), text, ranking, neighbourhood=neighbourhood)
        several = len([n for n in needs if n.score >= STRONG]) >= 2
        send(dispatcher, replies.suggestions(services, ask_neighbourhood=bool(services) and neighbourhood is None,
                                             who=person, offer_wheel=several))
        return [SlotSet("last_categories", [n.category for n in needs[:3]]), SlotSet("neighbourhood", neighbourhood),
                SlotSet("helped_person", person), SlotSet("last_reply", "suggestions"),
                SlotSet("last_services", [s.id for s in services])]


class ActionFallback(Action):
    """The model is unsure. When the catalogue's words still clearly name a need, suggest anyway:
    "ik heb schulden en ik woon in noord" must not end in "Sorry, dat begreep ik niet"."""

    def name(self) -> str:
        return "action_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        if clear_need(catalogue(), latest_text(tracker), model_categories(tracker)):
            return await ActionSuggestServices().run(dispatcher, tracker, domain)
        dispatcher.utter_message(response="utter_fallback")
        return []


class ActionCrisis(Action):
    def name(self) -> str:
        return "action_crisis"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        send(dispatcher, crisis.crisis_reply())
        text, ranking = latest_text(tracker), model_categories(tracker)
        # "De schulden zijn zo hoog, ik zie geen uitweg": after the numbers, help with the rest too.
        if text and clear_need(catalogue(), text, ranking):
            _, services = suggest(catalogue(), text, ranking, neighbourhood=tracker.get_slot("neighbourhood"))
            send(dispatcher, replies.suggestions(services, ask_neighbourhood=False, who=who(tracker), also=True))
        return [SlotSet("last_reply", "crisis")]


class ActionOutOfScope(Action):
    def name(self) -> str:
        return "action_out_of_scope"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        send(dispatcher, replies.out_of_scope(general_contact()))
        return [SlotSet("last_reply", "out_of_scope")]


class ActionHumanContact(Action):
    def name(self) -> str:
        return "action_human_contact"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        neighbourhood = tracker.get_slot("neighbourhood")
        hits = catalogue().search("", category="sociaal_wijkteam", neighbourhood=neighbourhood, limit=1).hits
        send(dispatcher, replies.human_contact(general_contact(), hits[0].service if hits else None))
        return [SlotSet("last_reply", "human")]


class ActionSaySimpler(Action):
    """The last answer again, shorter and in simpler words."""

    def name(self) -> str:
        return "action_say_simpler"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        requested = tracker.get_slot("requested_slot") if tracker.active_loop_name else None
        last_bot = next((e for e in reversed(tracker.events) if e.get("event") == "bot"), {})
        response = (last_bot.get("metadata") or {}).get("utter_action")
        kind = tracker.get_slot("last_reply")
        if requested:
            text = simpler.question(requested)
        elif response in simpler.RESPONSES:
            text = simpler.RESPONSES[response]
        elif kind == "suggestions":
            found = [catalogue().get(i) for i in tracker.get_slot("last_services") or []]
            text = simpler.services([s for s in found if s])
        elif kind == "crisis":
            text = simpler.crisis()
        elif kind in ("human", "out_of_scope"):
            phone = general_contact().get("phone", "")
            text = simpler.human(phone) if kind == "human" else simpler.out_of_scope(phone)
        else:
            text = simpler.DEFAULT
        dispatcher.utter_message(text=text)
        return []


class ActionEraseConversation(Action):
    """Deletes the stored conversation (bot.tracker_store sees this action and erases it)."""

    def name(self) -> str:
        return "action_erase_conversation"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        send(dispatcher, replies.erased())
        return []


class ActionWheelStart(Action):
    def name(self) -> str:
        return "action_wheel_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        person = who(tracker)
        send(dispatcher, [wheel.intro(person)])
        return [SlotSet(slot, None) for slot in WHEEL_SLOTS] + [
            SlotSet("wheel_named", {}), SlotSet("helped_person", person), SlotSet("last_reply", "wheel")]


class AskWheelQuestion(Action):
    slot = ""

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        person = tracker.get_slot("helped_person")
        if self.slot == wheel.STRENGTHS_SLOT:
            send(dispatcher, [wheel.strengths_question(person)])
        else:
            send(dispatcher, [wheel.question(self.slot.removeprefix("wheel_"), person)])
        return []


# One ask action per question of the wheel, as Rasa forms expect.
for _slot in WHEEL_SLOTS:
    globals()[f"AskWheel_{_slot}"] = type(f"AskWheel_{_slot}", (AskWheelQuestion,), {"slot": _slot})


class ValidateWheelForm(Action):
    """Turns an answer (a button or free text) into a status; fills other domains it names too,
    so the questions can be answered in any order; "stop" skips the rest."""

    def name(self) -> str:
        return "validate_wheel_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        requested = tracker.get_slot("requested_slot")
        if requested not in WHEEL_SLOTS or requested not in tracker.slots_to_validate():
            # Nothing was taken from this message (a crisis, a question for a human...): the form
            # rejects it and the rules for that message take over.
            return []
        value = tracker.slots_to_validate().get(requested)
        text = latest_text(tracker)
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        named = dict(tracker.get_slot("wheel_named") or {})
        events = []
        if value in wheel.STATUSES:
            status = value
        elif text and wheel.wants_to_stop(text):
            skipped = {slot: "overgeslagen" for slot in WHEEL_SLOTS} | {wheel.STRENGTHS_SLOT: wheel.NO_STRENGTHS}
            return [SlotSet(slot, skipped[slot] if slot == requested else tracker.get_slot(slot) or skipped[slot])
                    for slot in WHEEL_SLOTS]
        else:
            status = wheel.status_from_text(text, intent)
        if requested == wheel.STRENGTHS_SLOT:
            # What someone is good at is not a need: keep only the kinds of giving it points to.
            strengths = ([c for c in wheel.categories_named(catalogue(), text, []) if c in wheel.STRENGTH_CATEGORIES]
                         or ["vrijwilligerswerk"]) if status != "overgeslagen" and text else []
            return [SlotSet(requested, ",".join(strengths) or wheel.NO_STRENGTHS)]
        if value not in wheel.STATUSES:
            for category in wheel.categories_named(catalogue(), text, model_categories(tracker)):
                home = catalogue().taxonomy.categories[category].domain
                named.setdefault(home, [])
                if category not in named[home]:
                    named[home].append(category)
                slot = f"wheel_{home}"
                if slot != requested and not tracker.get_slot(slot):
                    events.append(SlotSet(slot, "hulp_nodig"))
        if status is None and intent == "bot_challenge" and intent_confidence(tracker) >= 0.8:
            # A question about the bot is answered; then the same question of the wheel again.
            dispatcher.utter_message(response="utter_about_bot")
        elif status is None:
            send(dispatcher, [replies.not_clear()])
        return events + [SlotSet("wheel_named", named), SlotSet(requested, status)]


class ActionWheelSummary(Action):
    def name(self) -> str:
        return "action_wheel_summary"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        answers = {d: tracker.get_slot(f"wheel_{d}") for d in wheel.DOMAINS}
        strengths = [s for s in (tracker.get_slot(wheel.STRENGTHS_SLOT) or "").split(",")
                     if s and s != wheel.NO_STRENGTHS]
        messages = wheel.summary(catalogue(), answers, tracker.get_slot("wheel_named") or {}, strengths,
                                 tracker.get_slot("neighbourhood"), tracker.get_slot("helped_person"),
                                 settings().public_url)
        send(dispatcher, messages)
        # Only the summary stays; the answers are not kept once it is given.
        return [SlotSet(slot, None) for slot in WHEEL_SLOTS] + [SlotSet("wheel_named", None),
                                                                SlotSet("last_reply", "wheel_summary")]
