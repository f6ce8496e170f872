"""What the bot does in each kind of turn: the decisions behind every custom action.

An action reads Rasa's tracker into a `Situation`, calls one function here and sends the `Turn`
it returns (messages and slots). So all of this runs, and is tested, without a Rasa server.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.catalogue.catalogue import Catalogue
from bot.catalogue.repository import Municipality
from bot.conversation import replies, simpler, wheel
from bot.conversation.matching import STRONG, clear_need, find_neighbourhood, suggest
from bot.conversation.messages import Message, Turn
from bot.conversation.slots import Entity, Intent, ReplyKind, Slot, wheel_slot, wheel_slots
from bot.language.helped_person import helped_person


@dataclass(frozen=True)
class Situation:
    """What an action knows of the conversation at its turn."""

    text: str = ""  # the person's latest words; "" when they pressed a button
    intent: str = ""
    intent_confidence: float = 0.0
    model_categories: Sequence[tuple[str, float]] = ()  # from the need_<category> intents
    entities: Mapping[str, str] = field(default_factory=dict)  # the first value of each entity
    slots: Mapping[str, Any] = field(default_factory=dict)
    form_active: bool = False  # the wheel form is asking its questions
    requested_slot: str | None = None  # the wheel's open question
    slots_to_validate: Mapping[str, Any] = field(default_factory=dict)
    last_response: str | None = None  # the domain response the bot sent last, if it was one

    @property
    def person(self) -> str | None:
        """The person a helper is asking for, from this message or earlier in the conversation."""
        return helped_person(self.text) or self.slots.get(Slot.HELPED_PERSON)


def session_start(municipality: Municipality) -> dict[str, Any]:
    return {Slot.MUNICIPALITY: municipality.name}


def suggest_services(situation: Situation, catalogue: Catalogue) -> Turn:
    """A need in free text (or a neighbourhood to refine the last one): suggestions right away."""
    text, ranking = situation.text, list(situation.model_categories)
    neighbourhood = (
        situation.entities.get(Entity.NEIGHBOURHOOD)
        or find_neighbourhood(text)
        or situation.slots.get(Slot.NEIGHBOURHOOD)
    )
    if situation.intent == Intent.INFORM_NEIGHBOURHOOD:
        # Refining: the need stays the one from before, only the place is new.
        previous = situation.slots.get(Slot.LAST_CATEGORIES) or []
        if previous:
            ranking = [(category, 1.0 - 0.1 * i) for i, category in enumerate(previous)]
            text = ""
        elif not clear_need(catalogue, text, ranking):  # "samen koken in noord" is a need too
            return Turn(replies.neighbourhood_noted(neighbourhood), {Slot.NEIGHBOURHOOD: neighbourhood})
    person = situation.person
    needs, services = suggest(catalogue, text, ranking, neighbourhood=neighbourhood)
    several = len([n for n in needs if n.score >= STRONG]) >= 2
    messages = replies.suggestions(
        services, ask_neighbourhood=bool(services) and neighbourhood is None, who=person, offer_wheel=several
    )
    return Turn(
        messages,
        {
            Slot.LAST_CATEGORIES: [n.category for n in needs[:3]],
            Slot.NEIGHBOURHOOD: neighbourhood,
            Slot.HELPED_PERSON: person,
            Slot.LAST_REPLY: ReplyKind.SUGGESTIONS,
            Slot.LAST_SERVICES: [s.id for s in services],
        },
    )


def fallback(situation: Situation, catalogue: Catalogue) -> Turn:
    """The model is unsure. When the catalogue's words still clearly name a need, suggest anyway:
    "ik heb schulden en ik woon in noord" must not end in "Sorry, dat begreep ik niet"."""
    if clear_need(catalogue, situation.text, situation.model_categories):
        return suggest_services(situation, catalogue)
    return Turn([Message(response="utter_fallback")])


def crisis(situation: Situation, catalogue: Catalogue) -> Turn:
    messages = replies.crisis()
    text, ranking = situation.text, situation.model_categories
    # "De schulden zijn zo hoog, ik zie geen uitweg": after the numbers, help with the rest too.
    if text and clear_need(catalogue, text, ranking):
        _, services = suggest(catalogue, text, ranking, neighbourhood=situation.slots.get(Slot.NEIGHBOURHOOD))
        messages += replies.suggestions(services, ask_neighbourhood=False, who=situation.person, also=True)
    return Turn(messages, {Slot.LAST_REPLY: ReplyKind.CRISIS})


def out_of_scope(municipality: Municipality) -> Turn:
    return Turn(replies.out_of_scope(municipality.general_contact), {Slot.LAST_REPLY: ReplyKind.OUT_OF_SCOPE})


def human_contact(situation: Situation, catalogue: Catalogue, municipality: Municipality) -> Turn:
    neighbourhood = situation.slots.get(Slot.NEIGHBOURHOOD)
    hits = catalogue.search("", category=wheel.WIJKTEAM, neighbourhood=neighbourhood, limit=1).hits
    messages = replies.human_contact(municipality.general_contact, hits[0].service if hits else None)
    return Turn(messages, {Slot.LAST_REPLY: ReplyKind.HUMAN})


def say_simpler(situation: Situation, catalogue: Catalogue, municipality: Municipality) -> Turn:
    """The last answer again, shorter and in simpler words."""
    found = [catalogue.get(i) for i in situation.slots.get(Slot.LAST_SERVICES) or []]
    text = simpler.simpler_text(
        situation.requested_slot if situation.form_active else None,
        situation.last_response,
        situation.slots.get(Slot.LAST_REPLY),
        [s for s in found if s],
        municipality.general_contact.get("phone", ""),
    )
    return Turn([Message(text=text)])


def erase() -> Turn:
    """The stored conversation is deleted by the tracker store when it sees the erase action."""
    return Turn(replies.erased())


def wheel_start(situation: Situation) -> Turn:
    person = situation.person
    cleared: dict[str, Any] = dict.fromkeys(wheel_slots())
    return Turn(
        [wheel.intro(person)],
        {**cleared, Slot.WHEEL_NAMED: {}, Slot.HELPED_PERSON: person, Slot.LAST_REPLY: ReplyKind.WHEEL},
    )


def wheel_question(slot: str, situation: Situation) -> Turn:
    return Turn([wheel.ask(slot, situation.slots.get(Slot.HELPED_PERSON))])


def wheel_answer(situation: Situation, catalogue: Catalogue) -> Turn:
    requested = situation.requested_slot
    if requested not in wheel_slots() or requested not in situation.slots_to_validate:
        # Nothing was taken from this message (a crisis, a question for a human...): the form
        # rejects it and the rules for that message take over.
        return Turn()
    answer = wheel.Answer(
        requested=requested,
        value=situation.slots_to_validate.get(requested),
        text=situation.text,
        intent=situation.intent,
        intent_confidence=situation.intent_confidence,
        model_ranking=situation.model_categories,
        slots=situation.slots,
    )
    reading = wheel.read_answer(catalogue, answer)
    return Turn(reading.messages, reading.slots)


def wheel_summary(situation: Situation, catalogue: Catalogue, picture_base_url: str) -> Turn:
    slots = situation.slots
    answers = {domain: slots.get(wheel_slot(domain)) for domain in wheel.domains()}
    messages = wheel.summary(
        catalogue,
        answers,
        slots.get(Slot.WHEEL_NAMED) or {},
        wheel.strengths_of(slots.get(Slot.WHEEL_STRENGTHS)),
        slots.get(Slot.NEIGHBOURHOOD),
        slots.get(Slot.HELPED_PERSON),
        picture_base_url,
    )
    # Only the summary stays; the answers are not kept once it is given.
    cleared: dict[str, Any] = dict.fromkeys(wheel_slots())
    return Turn(messages, {**cleared, Slot.WHEEL_NAMED: None, Slot.LAST_REPLY: ReplyKind.WHEEL_SUMMARY})
