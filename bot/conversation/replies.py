"""Everything the custom actions say, as typed messages (text, buttons, custom payloads).

The texts are plain Dutch (B1): tests check every one of them against shared/spec/plain-language.md.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.catalogue.records import ServiceRecord
from bot.conversation import simpler
from bot.conversation.messages import Button, Message, intent_payload
from bot.conversation.slots import Entity, Intent
from bot.language.glossary import explain_jargon
from bot.taxonomy import taxonomy

# The real national numbers (shared/spec/interfaces.md): always the same, whatever the municipality.
CRISIS_NUMBERS = (
    {"name": "Alarmnummer bij direct gevaar", "phone": "112"},
    {"name": "113 Zelfmoordpreventie, gratis, dag en nacht", "phone": "0800-0113"},
    {"name": "Veilig Thuis, bij geweld thuis, gratis", "phone": "0800-2000"},
)
CRISIS_TEXT = (
    "Wat u vertelt, is ernstig. U hoeft dit niet alleen te dragen. Bel nu een van deze nummers.\n"
    "- Direct gevaar: bel 112.\n"
    "- Denkt u aan zelfmoord? Bel 113 of 0800-0113. Dat is gratis, dag en nacht.\n"
    "- Geweld thuis: bel Veilig Thuis op 0800-2000. Dat is ook gratis."
)


def crisis() -> list[Message]:
    """The crisis answer: the numbers as a payload first, then the same numbers as text."""
    return [
        Message(custom={"type": "crisis", "numbers": [dict(n) for n in CRISIS_NUMBERS]}),
        Message(text=CRISIS_TEXT, simple=simpler.crisis()),
    ]


def service_line(number: int, service: ServiceRecord) -> str:
    contact = f"Bel {service.phone}."
    if service.walk_in:
        contact += f" Binnenlopen: {service.walk_in.rstrip('.')}."
    return f"{number}. {service.name}. {service.summary.rstrip('.')}. {contact}"


def suggestions(
    services: Sequence[ServiceRecord],
    ask_neighbourhood: bool,
    who: str | None = None,
    offer_wheel: bool = False,
    also: bool = False,
) -> list[Message]:
    """The suggestions: readable text, the `services` payload, then at most one question.

    `who` names the person a helper asks for ("uw moeder"); `offer_wheel` asks, instead of the
    neighbourhood, whether to look at the whole situation (when a story names several needs);
    `also` says these come after something more urgent (the crisis numbers).
    """
    if not services:
        return [
            Message(
                text="Ik vond nu geen goede tip. Vertel het in andere woorden. "
                "Of bel de gemeente, dan zoekt een medewerker met u mee.",
                simple=simpler.NO_TIPS,
            )
        ]
    intro = f"Dit kan {who or 'u'} {'ook ' if also else ''}helpen:"
    messages = _tips(intro, services, "Dit zijn tips. U kiest zelf wat u doet.")
    if ask_neighbourhood:
        messages.append(neighbourhood_question())
    elif offer_wheel:
        messages.append(wheel_offer())
    return messages


def _tips(
    intro: str, services: Sequence[ServiceRecord], *outro: str, simple: str | None = None
) -> list[Message]:
    """The services as readable numbered lines between `intro` and `outro`, then their payload."""
    lines = [intro, *(service_line(i, s) for i, s in enumerate(services, start=1)), *outro]
    return [
        Message(text=explain_jargon("\n".join(lines)), simple=simple or simpler.services(services)),
        Message(custom={"type": "services", "services": [s.payload() for s in services]}),
    ]


def wheel_offer() -> Message:
    return Message(
        text="Er speelt meer dan één ding. Zullen we samen naar uw hele situatie kijken?",
        simple=simpler.RESPONSES["utter_offer_wheel"],
        buttons=(
            Button("Ja, graag", intent_payload(Intent.START_WHEEL)),
            Button("Nee, dank u", intent_payload(Intent.DENY)),
        ),
    )


def wheel_code_typed() -> Message:
    """A code of an earlier wheel typed into the chat: it is compared under a new summary."""
    return Message(
        text="Dat is de code van uw wiel van de vorige keer. Kijk eerst opnieuw naar uw situatie: "
        "ik stel zes korte vragen. Onder het nieuwe overzicht vult u de code in. Dan ziet u de twee wielen.",
        simple="Dat is uw code van de vorige keer. Ik stel eerst zes vragen. Daarna vult u de code in.",
        buttons=(Button("Naar mijn hele situatie kijken", intent_payload(Intent.START_WHEEL)),),
    )


def erased() -> list[Message]:
    return [
        Message(
            text="Uw gesprek is gewist. Ik bewaar er niets meer van. U kunt opnieuw beginnen.",
            simple=simpler.ERASED,
        ),
        Message(custom={"type": "conversation_erased"}),
    ]


def not_clear() -> Message:
    return Message(
        text="Dat begreep ik niet goed. Kies een knop, of zeg het in een paar woorden.",
        simple=simpler.NOT_CLEAR,
    )


def neighbourhood_question() -> Message:
    buttons = [
        Button(name, intent_payload(Intent.INFORM_NEIGHBOURHOOD, **{Entity.NEIGHBOURHOOD: name}))
        for name in taxonomy().neighbourhoods
    ]
    buttons.append(Button("Zeg ik liever niet", intent_payload(Intent.DENY)))
    return Message(
        text="Zoekt u hulp dicht bij huis? Kies dan uw wijk.",
        buttons=tuple(buttons),
        simple=simpler.NEIGHBOURHOOD_QUESTION,
    )


def neighbourhood_noted(neighbourhood: str | None) -> list[Message]:
    where = f"U woont in {neighbourhood}. " if neighbourhood else ""
    return [
        Message(
            text=f"{where}Dan zoek ik hulp dicht bij u. Waar zoekt u hulp bij?",
            simple=simpler.neighbourhood_noted(),
        )
    ]


# What the bot can do, as buttons: under an answer to something it cannot help with (the same
# choices as domain.yml's utter_fallback), so that keyboard mash or a question about parking
# still shows the way.
WHAT_I_CAN_DO = (
    ("Nederlands leren", "need_taalmaatje"),
    ("Geld en schulden", "need_schuldhulp"),
    ("Hulp thuis", "need_wmo_loket"),
    ("Mensen ontmoeten", "need_maatje"),
    ("Werk zoeken", "need_werk_zoeken"),
    ("Een mens spreken", Intent.ASK_HUMAN),
)


def out_of_scope(general_contact: dict[str, str]) -> list[Message]:
    return [
        Message(
            text="Daar kan ik u niet mee helpen. Ik weet alleen iets over hulp en meedoen in de buurt. "
            f"Met andere vragen kunt u terecht bij {contact_line(general_contact)}",
            simple=simpler.out_of_scope(general_contact.get("phone", "")),
            buttons=tuple(Button(title, intent_payload(intent)) for title, intent in WHAT_I_CAN_DO),
        )
    ]


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


def other_suggestions(services: Sequence[ServiceRecord], general_contact: dict[str, str]) -> list[Message]:
    """After "dit helpt mij niet": other tips when there are, and always the way to a person."""
    ask = Message(
        text="Wat zoekt u wel? Vertel het in uw eigen woorden. Of praat met een medewerker.",
        simple=simpler.ASK_WHAT_HELPS,
        buttons=(Button("Met iemand praten", intent_payload(Intent.ASK_HUMAN)),),
    )
    if not services:
        return [
            Message(
                text="Jammer dat dit niet past. Ik heb nu geen andere tips. "
                f"U kunt ook bellen met {contact_line(general_contact)}",
                simple=simpler.other_services([], general_contact.get("phone", "")),
            ),
            ask,
        ]
    simple = simpler.other_services(services, general_contact.get("phone", ""))
    return [*_tips("Jammer dat dit niet past. Misschien helpt dit wel:", services, simple=simple), ask]


def human_contact(general_contact: dict[str, str], walk_in: ServiceRecord | None) -> list[Message]:
    text = f"U kunt met een mens praten. Bel {contact_line(general_contact)}"
    if walk_in is not None:
        text += (
            f"\nLiever langskomen? Ga naar {walk_in.name}. "
            f"{walk_in.walk_in or 'Bel eerst voor een afspraak.'} Telefoon: {walk_in.phone}."
        )
    return [Message(text=explain_jargon(text), simple=simpler.human(general_contact.get("phone", "")))]
