""" "Ik snap het niet": the last answer again, shorter and simpler.

Every simpler text is shorter than the one it replaces and uses only short, common words.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.catalogue.records import ServiceRecord
from bot.conversation.slots import ReplyKind, domain_of_wheel_slot
from bot.taxonomy import taxonomy

# Simpler versions of the domain's responses, by response name.
RESPONSES = {
    "utter_greet": "Hallo. Ik ben een computer. Ik zoek hulp voor u. Wat is er?",
    "utter_fallback": "Ik snap het niet. Schrijf het anders. Of druk op een knop.",
    "utter_about_bot": "Ik ben een computer. Ik zoek hulp voor u. Ik beslis niets.",
    "utter_chitchat": "Ik ben een computer. Ik zoek hulp voor u. Wat is er?",
    "utter_ok_anything_else": "Goed. Wilt u nog iets vragen?",
    "utter_restart": "We beginnen opnieuw. Wat is er?",
    "utter_offer_wheel": "Zal ik zes vragen stellen over uw leven?",
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
