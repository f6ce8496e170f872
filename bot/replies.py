"""Everything the custom actions say, as Rasa messages (text, buttons, custom payloads).

The texts are plain Dutch (B1): tests check every one of them against shared/spec/plain-language.md.
"""
from __future__ import annotations

from typing import Sequence

from bot.catalogue.store import ServiceRecord
from bot.plain_language import explain_jargon
from bot.taxonomy import taxonomy


def service_line(number: int, service: ServiceRecord) -> str:
    contact = f"Bel {service.phone}."
    if service.walk_in:
        contact += f" Binnenlopen: {service.walk_in.rstrip('.')}."
    return f"{number}. {service.name}. {service.summary.rstrip('.')}. {contact}"


def suggestions(services: Sequence[ServiceRecord], ask_neighbourhood: bool, who: str | None = None,
                offer_wheel: bool = False, also: bool = False) -> list[dict]:
    """The suggestions: readable text, the `services` payload, then at most one question.

    `who` names the person a helper asks for ("uw moeder"); `offer_wheel` asks, instead of the
    neighbourhood, whether to look at the whole situation (when a story names several needs);
    `also` says these come after something more urgent (the crisis numbers).
    """
    if not services:
        return [{"text": "Ik vond nu geen goede tip. Vertel het in andere woorden. "
                         "Of bel de gemeente, dan zoekt een medewerker met u mee."}]
    intro = f"Dit kan {who or 'u'} {'ook ' if also else ''}helpen:"
    lines = [intro, *(service_line(i, s) for i, s in enumerate(services, start=1)),
             "Dit zijn tips. U kiest zelf wat u doet."]
    messages = [{"text": explain_jargon("\n".join(lines))},
                {"custom": {"type": "services", "services": [s.payload() for s in services]}}]
    if ask_neighbourhood:
        messages.append(neighbourhood_question())
    elif offer_wheel:
        messages.append(wheel_offer())
    return messages


def wheel_offer() -> dict:
    return {"text": "Er speelt meer dan één ding. Zullen we samen naar uw hele situatie kijken?",
            "buttons": [{"title": "Ja, graag", "payload": "/start_wheel"},
                        {"title": "Nee, dank u", "payload": "/deny"}]}


def erased() -> list[dict]:
    return [{"text": "Uw gesprek is gewist. Ik bewaar er niets meer van. U kunt opnieuw beginnen."},
            {"custom": {"type": "conversation_erased"}}]


def not_clear() -> dict:
    return {"text": "Dat begreep ik niet goed. Kies een knop, of zeg het in een paar woorden."}


def neighbourhood_question() -> dict:
    buttons = [{"title": name, "payload": f'/inform_neighbourhood{{"neighbourhood":"{name}"}}'}
               for name in taxonomy().neighbourhoods]
    buttons.append({"title": "Zeg ik liever niet", "payload": "/deny"})
    return {"text": "Zoekt u hulp dicht bij huis? Kies dan uw wijk.", "buttons": buttons}


def neighbourhood_noted(neighbourhood: str | None) -> list[dict]:
    where = f"U woont in {neighbourhood}. " if neighbourhood else ""
    return [{"text": f"{where}Dan zoek ik hulp dicht bij u. Waar zoekt u hulp bij?"}]


def out_of_scope(general_contact: dict[str, str]) -> list[dict]:
    return [{"text": "Daar kan ik u niet mee helpen. Ik weet alleen iets over hulp en meedoen in de buurt. "
                     f"Met andere vragen kunt u terecht bij {contact_line(general_contact)}"}]


def contact_line(general_contact: dict[str, str]) -> str:
    name = general_contact.get("name", "de gemeente")
    phone = general_contact.get("phone")
    hours = general_contact.get("opening_hours")
    line = name
    if phone:
        line += f". Bel {phone}"
    if hours:
        line += f". Dat kan {hours[0].lower() + hours[1:]}"
    return line + "."


def human_contact(general_contact: dict[str, str], walk_in: ServiceRecord | None) -> list[dict]:
    text = f"U kunt met een mens praten. Bel {contact_line(general_contact)}"
    if walk_in is not None:
        text += (f"\nLiever langskomen? Ga naar {walk_in.name}. "
                 f"{walk_in.walk_in or 'Bel eerst voor een afspraak.'} Telefoon: {walk_in.phone}.")
    return [{"text": explain_jargon(text)}]
