"""Simpler words (A2): "ik snap het niet" (the last answer again, shorter) and "Makkelijke
woorden aan" (every answer from then on, through Message.simple).

Every simpler text is shorter than the one it replaces and passes the stricter A2 rules of
bot.language.plain_language.check_a2: sentences of at most 10 words, common words, one idea each.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.catalogue.records import ServiceRecord
from bot.conversation.slots import ReplyKind, domain_of_wheel_slot
from bot.taxonomy import taxonomy

# Simpler versions of the domain's responses, by response name.
RESPONSES = {
    "utter_greet": "Hallo. Ik ben een computer. Ik zoek hulp voor u. De gemeente beslist. Wat is er?",
    "utter_fallback": "Ik snap het niet. Schrijf het anders. Of druk op een knop.",
    "utter_about_bot": "Ik ben een computer. Ik zoek hulp voor u. De gemeente beslist.",
    "utter_chitchat": "Ik ben een computer. Ik zoek hulp voor u. Wat is er?",
    "utter_ok_anything_else": "Goed. Wilt u nog iets vragen?",
    "utter_restart": "We beginnen opnieuw. Wat is er?",
    "utter_offer_wheel": "Zal ik zes vragen stellen over uw leven?",
    "utter_thank": "Graag gedaan. U kunt altijd terugkomen.",
    "utter_goodbye": "Dag! U kunt altijd terugkomen.",
}
QUESTIONS = {
    "zelfstandig_functioneren": "Lukt het thuis met geld, wonen en gezondheid?",
    "sociale_contacten": "Ziet u genoeg mensen?",
    "maatschappelijk_deelnemen": "Gaat u genoeg naar buiten?",
    "maatschappelijk_bijdragen": "Helpt u andere mensen?",
    "opdoen_van_vaardigheden": "Wilt u iets leren?",
    "betaald_werk": "Wilt u werk?",
    "wheel_strengths": "Wat kunt u goed?",
}
DEFAULT = "Ik zeg het korter. Ik zoek hulp voor u. Schrijf wat moeilijk is. Of vraag naar een mens."


def services(found: Sequence[ServiceRecord]) -> str:
    return "\n".join(f"Bel {s.phone}. Dat is {s.name}." for s in found) or DEFAULT


def crisis() -> str:
    return "Bel 112 bij gevaar. Wilt u niet meer leven? Bel 113. Geweld thuis: bel 0800-2000."


def human(phone: str) -> str:
    return f"Bel de gemeente: {phone}. Daar helpt een mens u."


def out_of_scope(phone: str) -> str:
    return f"Dat weet ik niet. Bel de gemeente: {phone}."


def question(slot: str) -> str:
    domain = domain_of_wheel_slot(slot)
    return QUESTIONS.get(domain if domain in taxonomy().domains else slot, DEFAULT)


def simpler_text(
    requested_slot: str | None,
    last_response: str | None,
    last_reply: str | None,
    last_services: Sequence[ServiceRecord],
    general_phone: str,
) -> str:
    """The simpler version of what the bot said last: the open question of the wheel, a response
    of domain.yml, or what an action said (by its ReplyKind)."""
    if requested_slot:
        return question(requested_slot)
    if last_response in RESPONSES:
        return RESPONSES[last_response]
    if last_reply == ReplyKind.SUGGESTIONS:
        return services(last_services)
    if last_reply == ReplyKind.CRISIS:
        return crisis()
    if last_reply == ReplyKind.HUMAN:
        return human(general_phone)
    if last_reply == ReplyKind.OUT_OF_SCOPE:
        return out_of_scope(general_phone)
    return DEFAULT


# The A2 wording of what the actions say (bot.conversation.replies and wheel give it as
# Message.simple); the names say which text each one stands for.
NEIGHBOURHOOD_QUESTION = "Zoekt u hulp dicht bij huis? Kies uw wijk."
SIMPLE_WORDS_ON = "Goed. Ik schrijf nu met makkelijke woorden."
SIMPLE_WORDS_OFF = "Goed. Ik schrijf weer zoals eerst."
ERASED = "Uw gesprek is weg. Ik bewaar er niets meer van."
NOT_CLEAR = "Ik snap het niet. Kies een knop."
NO_TIPS = "Ik heb nu geen tip. Schrijf het anders. Of bel de gemeente."
ASK_WHAT_HELPS = "Wat zoekt u dan? Of praat met een mens."
WHEEL_INTRO = "Ik stel zes vragen. U mag een vraag overslaan."
STATUS = {
    "gaat_goed": "gaat goed",
    "wil_meer": "wil meer",
    "hulp_nodig": "hulp nodig",
    "overgeslagen": "niet gezegd",
}


def neighbourhood_noted() -> str:
    return "Goed. Ik zoek hulp dicht bij u. Wat zoekt u?"


def other_services(found: Sequence[ServiceRecord], phone: str) -> str:
    if not found:
        return f"Jammer. Ik heb geen andere tip. Bel de gemeente: {phone}." if phone else NO_TIPS
    return "Jammer. Misschien helpt dit:\n" + services(found)


def trouble(phone: str) -> str:
    return (
        f"Er ging iets mis. Probeer het nog eens. Of bel de gemeente: {phone}."
        if phone
        else ("Er ging iets mis. Probeer het nog eens.")
    )


def wheel_summary(
    statuses: Sequence[tuple[str, str]], tips: Sequence[ServiceRecord], code: str, who: str | None = None
) -> str:
    """The wheel's summary: one short line per domain ((label, status) pairs), then the tips."""
    lines = [f"Dit is het overzicht van {who}." if who else "Dit is uw overzicht."]
    lines += [f"{label}: {STATUS.get(status, status)}." for label, status in statuses]
    if tips:
        lines.append(services(tips))
    lines.append(f"Uw code is {code}. Bewaar de code. Dan kunt u later vergelijken.")
    return "\n".join(lines)


def giving(service: ServiceRecord) -> str:
    return f"U kunt ook iets voor anderen doen. Bel {service.phone}. Dat is {service.name}."


def one_contact(service: ServiceRecord) -> str:
    return f"Er is veel tegelijk. Een vaste persoon helpt dan met alles. Bel {service.phone}."
