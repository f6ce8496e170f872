"""The counts one turn of the conversation adds (bot.insight.counts), read from what the action
decided: the categories and services it suggested, the neighbourhood and language in play, a
request for a person, the wheel's statuses. Never from the person's words."""

from __future__ import annotations

from bot.catalogue.catalogue import Catalogue
from bot.conversation.messages import Turn
from bot.conversation.slots import ReplyKind, Slot, domain_of_wheel_slot, wheel_slots
from bot.conversation.turns import Situation, written_in
from bot.insight.counts import UNKNOWN_PLACE, Event

DUTCH = "nl"


def events_of(action: str, situation: Situation, turn: Turn, catalogue: Catalogue) -> list[Event]:
    slots = {**situation.slots, **turn.slots}
    place = slots.get(Slot.NEIGHBOURHOOD) or UNKNOWN_PLACE
    if place not in catalogue.taxonomy.neighbourhoods:  # only the taxonomy's names reach the store
        place = UNKNOWN_PLACE
    if action == "action_human_contact":
        return [Event("human", "", place)]
    if action == "action_wheel_summary":
        return [
            Event("wheel", f"{domain_of_wheel_slot(slot)}:{slots.get(slot)}", place)
            for slot in wheel_slots()[:-1]  # the domains; the last one is what the person is good at
            if slots.get(slot)
        ]
    categories = turn.slots.get(Slot.LAST_CATEGORIES) or []
    if turn.slots.get(Slot.LAST_REPLY) not in (ReplyKind.SUGGESTIONS, ReplyKind.CRISIS) or not categories:
        return []
    events = []
    before = situation.slots.get(Slot.LAST_CATEGORIES) or []
    new_needs = [c for c in categories if c not in before]
    language = slots.get(Slot.LANGUAGE)
    for category in new_needs:  # a follow-up on the same topic is not a new need
        events.append(Event("need", category, place))
        if place and not catalogue.search("", category=category, neighbourhood=place, limit=1).total:
            events.append(Event("gap_neighbourhood", category, place))
        if (
            language
            and language != DUTCH
            and not catalogue.search("", category=category, language=language, limit=1).total
        ):
            events.append(Event("gap_language", f"{category}:{language}", place))
    if new_needs:
        events.append(Event("language", written_in(situation), place))
    for service_id in turn.slots.get(Slot.LAST_SERVICES) or []:
        service = catalogue.get(service_id)
        if service and service.categories:
            events.append(Event("suggested", service.categories[0], place))
    return events
