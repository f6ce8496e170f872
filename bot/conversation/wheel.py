"""The participation wheel conversation: one short question per domain, then a summary.

The wheel is "en-en", not a ladder: every domain counts, paid work is not the only goal, and
what a person can do for others counts as much as what they need. Answers are a status per
domain; nothing else of what the person typed is kept.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from bot.catalogue.catalogue import Catalogue
from bot.catalogue.records import ServiceRecord
from bot.conversation import replies, simpler
from bot.conversation.matching import best_service, rank_needs
from bot.conversation.messages import Button, Message, intent_payload
from bot.conversation.slots import Entity, Intent, Slot, domain_of_wheel_slot, wheel_slot, wheel_slots
from bot.conversation.wheel_code import code_of
from bot.language.dutch import fold
from bot.language.glossary import explain_jargon
from bot.taxonomy import taxonomy

STATUSES = ("gaat_goed", "wil_meer", "hulp_nodig", "overgeslagen")
STATUS_TEXT = {
    "gaat_goed": "gaat goed",
    "wil_meer": "wil meer",
    "hulp_nodig": "hulp nodig",
    "overgeslagen": "overgeslagen",
}
NO_STRENGTHS = "geen"
SKIPPED = "overgeslagen"
NEEDS_HELP = "hulp_nodig"
DEFAULT_GIVING = "vrijwilligerswerk"  # what anyone can do for others, when nothing more specific fits
WIJKTEAM = "sociaal_wijkteam"  # one contact for everything when much is going on at once
ONE_CONTACT_FROM = 3  # domains needing help from which the wijkteam is offered
NAMED_FROM = 0.5  # a category counts as named in an answer from this combined score on

# One question per domain, for the writer ("u") and about someone they help ("{wie}").
QUESTIONS = {
    "zelfstandig_functioneren": (
        "Hoe gaat het met uw dagelijks leven? Denk aan geld, wonen en gezondheid.",
        "Hoe gaat het met het dagelijks leven van {wie}? Denk aan geld, wonen en gezondheid.",
    ),
    "sociale_contacten": (
        "Hoe gaat het met uw contacten? Denk aan familie, vrienden en buren.",
        "Hoe gaat het met de contacten van {wie}? Denk aan familie, vrienden en buren.",
    ),
    "maatschappelijk_deelnemen": (
        "Hoe vaak gaat u erop uit? Denk aan sport, een club of het buurthuis.",
        "Hoe vaak gaat {wie} erop uit? Denk aan sport, een club of het buurthuis.",
    ),
    "maatschappelijk_bijdragen": (
        "Doet u iets voor anderen? Denk aan helpen in de buurt of vrijwilligerswerk.",
        "Doet {wie} iets voor anderen? Denk aan helpen in de buurt of vrijwilligerswerk.",
    ),
    "opdoen_van_vaardigheden": (
        "Hoe gaat het met dingen leren? Denk aan Nederlands, de computer of een cursus.",
        "Hoe gaat het met dingen leren voor {wie}? Denk aan Nederlands, de computer of een cursus.",
    ),
    "betaald_werk": (
        "Hoe gaat het met werk? Werk hoeft niet. Zoekt u geen werk, kies dan gaat goed.",
        "Hoe gaat het met werk voor {wie}? Werk hoeft niet. Zoekt {wie} geen werk, kies dan gaat goed.",
    ),
}
STRENGTHS_QUESTION = (
    "Wat kunt u goed, of wat zou u graag voor anderen doen?",
    "Wat kan {wie} goed, of wat zou {wie} graag voor anderen doen?",
)
INTRO = (
    "Goed. Ik stel zes korte vragen over uw leven. U kunt elke vraag overslaan.",
    "Goed. Ik stel zes korte vragen over {wie}. U kunt elke vraag overslaan.",
)
BUTTONS = (
    ("Gaat goed", "gaat_goed"),
    ("Ik wil meer", "wil_meer"),
    ("Ik heb hulp nodig", "hulp_nodig"),
    ("Sla over", "overgeslagen"),
)

SKIP = re.compile(
    r"\b(sla (maar )?over|overslaan|volgende|weet (ik )?niet|geen idee|liever niet|skip|"
    r"wil ik niet zeggen)\b"
)
STOP = re.compile(r"\b(stop|stoppen|ophouden|genoeg vragen|klaar)\b")
HELP = re.compile(
    r"\b(hulp|help|moeilijk|lastig|zwaar|slecht|niet (zo |echt |heel )?goed|lukt (me )?niet|"
    r"probleem|problemen|zorgen|eenzaam|alleen|schulden|geen geld|geen werk|bang|ziek|"
    r"gaat niet|kan niet|mis)\b"
)
MORE = re.compile(r"\b(meer|graag|zou (wel )?willen|wil (wel|graag)|misschien|beter|vaker)\b")
GOOD = re.compile(
    r"\b(goed|prima|oke|ok|okay|top|tevreden|lukt|geen probleem|niks nodig|niets nodig|"
    r"gaat wel|ja|zeker|fijn|heb werk|werk al|gepensioneerd|met pensioen)\b"
)


def domains() -> tuple[str, ...]:
    return tuple(taxonomy().domains)


def short_label(domain: str) -> str:
    return taxonomy().domains[domain].short


def _answer_button(title: str, status: str) -> Button:
    return Button(title, intent_payload(Intent.WHEEL_ANSWER, **{Entity.WHEEL_STATUS: status}))


def question(domain: str, who: str | None) -> Message:
    ours, theirs = QUESTIONS[domain]
    text = theirs.format(wie=who) if who else ours
    return Message(
        text=_capitalise(text),
        buttons=tuple(_answer_button(t, s) for t, s in BUTTONS),
        # The simpler questions speak to the person ("u"); about someone else, the usual one.
        simple=None if who else simpler.question(wheel_slot(domain)),
    )


def strengths_question(who: str | None) -> Message:
    ours, theirs = STRENGTHS_QUESTION
    return Message(
        text=_capitalise(theirs.format(wie=who) if who else ours),
        buttons=(_answer_button("Weet ik niet", SKIPPED),),
        simple=None if who else simpler.question(Slot.WHEEL_STRENGTHS),
    )


def ask(slot: str, who: str | None) -> Message:
    """The question of the wheel form that fills this slot."""
    if slot == Slot.WHEEL_STRENGTHS:
        return strengths_question(who)
    return question(domain_of_wheel_slot(slot), who)


def intro(who: str | None) -> Message:
    ours, theirs = INTRO
    return Message(text=theirs.format(wie=who) if who else ours, simple=None if who else simpler.WHEEL_INTRO)


def _capitalise(text: str) -> str:
    return text[0].upper() + text[1:]


def status_from_text(text: str, intent: str | None = None) -> str | None:
    """A status from a free answer ("niet zo goed" -> hulp_nodig), or None when unclear."""
    folded = fold(text)
    if SKIP.search(folded):
        return SKIPPED
    if HELP.search(folded) or (intent or "").startswith(Intent.NEED_PREFIX):
        return NEEDS_HELP
    if MORE.search(folded):
        return "wil_meer"
    if intent == Intent.AFFIRM or GOOD.search(folded):
        return "gaat_goed"
    if intent == Intent.DENY:
        return "wil_meer"
    return None


def wants_to_stop(text: str) -> bool:
    return bool(STOP.search(fold(text)))


def categories_named(
    catalogue: Catalogue, text: str, model_ranking: Sequence[tuple[str, float]]
) -> list[str]:
    """Categories an answer clearly names ("ik heb schulden"), strongest first."""
    needs = rank_needs(model_ranking, catalogue.categories_for(text), catalogue.taxonomy.categories)
    return [n.category for n in needs if n.score >= NAMED_FROM][:3]


@dataclass(frozen=True)
class Answer:
    """One message while the wheel form asks `requested`, as the form's validation sees it."""

    requested: str
    value: Any  # what Rasa put in the slot: a status from a button, or the words typed
    text: str  # the person's words ("" for a button)
    intent: str | None
    intent_confidence: float
    model_ranking: Sequence[tuple[str, float]]
    slots: Mapping[str, Any]  # the wheel's slots as they are now


@dataclass(frozen=True)
class Reading:
    """What an answer does: the slots it sets (in order) and what the bot says before going on."""

    slots: dict[str, Any] = field(default_factory=dict)
    messages: list[Message] = field(default_factory=list)


def read_answer(catalogue: Catalogue, answer: Answer) -> Reading:
    """Turn an answer (a button or free text) into a status; fill other domains it names too, so
    the questions can be answered in any order; "stop" skips the rest. What someone is good at is
    not a need: it keeps only the kinds of giving it points to."""
    requested, value, text = answer.requested, answer.value, answer.text
    if value in STATUSES:
        status: str | None = value
    elif text and wants_to_stop(text):
        skipped = dict.fromkeys(wheel_slots(), SKIPPED) | {Slot.WHEEL_STRENGTHS: NO_STRENGTHS}
        return Reading(
            {
                slot: skipped[slot] if slot == requested else answer.slots.get(slot) or skipped[slot]
                for slot in wheel_slots()
            }
        )
    else:
        status = status_from_text(text, answer.intent)
    if requested == Slot.WHEEL_STRENGTHS:
        giving = catalogue.taxonomy.giving_categories
        strengths = (
            ([c for c in categories_named(catalogue, text, []) if c in giving] or [DEFAULT_GIVING])
            if status != SKIPPED and text
            else []
        )
        return Reading({requested: ",".join(strengths) or NO_STRENGTHS})
    named = {
        domain: list(categories) for domain, categories in (answer.slots.get(Slot.WHEEL_NAMED) or {}).items()
    }
    others: dict[str, Any] = {}
    if value not in STATUSES:
        for category in categories_named(catalogue, text, answer.model_ranking):
            home = catalogue.taxonomy.categories[category].domain
            named.setdefault(home, [])
            if category not in named[home]:
                named[home].append(category)
            slot = wheel_slot(home)
            if slot != requested and not answer.slots.get(slot):
                others[slot] = NEEDS_HELP
    messages = []
    if status is None and answer.intent == Intent.BOT_CHALLENGE and answer.intent_confidence >= 0.8:
        # A question about the bot is answered; then the same question of the wheel again.
        messages.append(Message(response="utter_about_bot"))
    elif status is None:
        messages.append(replies.not_clear())
    return Reading({**others, Slot.WHEEL_NAMED: named, requested: status}, messages)


def strengths_of(slot_value: str | None) -> list[str]:
    """The giving categories kept in the strengths slot."""
    return [s for s in (slot_value or "").split(",") if s and s != NO_STRENGTHS]


@dataclass(frozen=True)
class DomainResult:
    domain: str
    status: str
    services: tuple[ServiceRecord, ...]


def results(
    catalogue: Catalogue,
    answers: Mapping[str, str | None],
    named: Mapping[str, list[str]],
    neighbourhood: str | None,
) -> list[DomainResult]:
    """Per domain its status and, where the person wants more or needs help, 1-3 services."""
    chosen: set[str] = set()
    out = []
    for domain in domains():
        status = answers.get(domain) if answers.get(domain) in STATUSES else SKIPPED
        services: list[ServiceRecord] = []
        if status in ("wil_meer", NEEDS_HELP):
            for category in [*named.get(domain, []), *catalogue.taxonomy.domains[domain].first_look]:
                if len(services) == 2:
                    break
                service = best_service(catalogue, category, "", neighbourhood, None, chosen)
                if service and category in service.categories:
                    services.append(service)
                    chosen.add(service.id)
        out.append(DomainResult(domain, str(status), tuple(services)))
    return out


def summary(
    catalogue: Catalogue,
    answers: Mapping[str, str | None],
    named: Mapping[str, list[str]],
    strengths: list[str],
    neighbourhood: str | None,
    who: str | None,
    picture_base_url: str,
) -> list[Message]:
    """The end of the wheel: readable text, the wheel_summary payload, a picture, and more."""
    per_domain = results(catalogue, answers, named, neighbourhood)
    lines = [f"Dit is het overzicht van {who}:" if who else "Dit is uw overzicht:"]
    for result in per_domain:
        line = f"- {short_label(result.domain)}: {STATUS_TEXT[result.status]}."
        if result.services:
            line += " Tip: " + " Of: ".join(f"{s.name}, bel {s.phone}." for s in result.services)
        lines.append(line)
    # The statuses as a short code, to see this wheel beside the next one (nothing is kept).
    code = code_of({r.domain: r.status for r in per_domain})
    lines.append(
        f"De code voor een volgende keer is {code}. Typ die code dan onder het overzicht. "
        "Dan ziet u dit wiel naast het nieuwe."
    )
    payload = {
        "type": "wheel_summary",
        "code": code,
        "domains": {
            r.domain: {"status": r.status, "services": [s.id for s in r.services]} for r in per_domain
        },
    }
    query = urlencode({r.domain: r.status for r in per_domain})
    tips = [s for r in per_domain for s in r.services]
    simple = simpler.wheel_summary([(short_label(r.domain), r.status) for r in per_domain], tips, code, who)
    messages = [
        Message(text=explain_jargon("\n".join(lines)), simple=simple),
        Message(custom=payload),
        Message(image=f"{picture_base_url.rstrip('/')}/wheel.svg?{query}"),
    ]
    if tips:
        # The tips as cards too: tappable numbers, the address and walk-in hours, and on the
        # printed sheet a contact woman hands over.
        unique = list({s.id: s for s in tips}.values())
        messages.append(Message(custom={"type": "services", "services": [s.payload() for s in unique]}))
    giving = [
        s for s in (best_service(catalogue, c, "", neighbourhood, None, set()) for c in strengths[:1]) if s
    ]
    if giving:
        subject = f"{who} kan" if who else "U kunt"
        messages.append(
            Message(
                text=f"{_capitalise(subject)} ook iets voor anderen doen. Dat is veel waard. "
                f"Kijk eens bij {giving[0].name}. Bel {giving[0].phone}.",
                simple=None if who else simpler.giving(giving[0]),
            )
        )
    needing = [r for r in per_domain if r.status == NEEDS_HELP]
    if len(needing) >= ONE_CONTACT_FROM:
        team = best_service(catalogue, WIJKTEAM, "", neighbourhood, None, set())
        if team:
            messages.append(
                Message(
                    text="Er speelt veel tegelijk. Het sociaal wijkteam helpt dan met alles samen. "
                    f"Dan is er één vaste persoon voor alles. Bel {team.phone}. "
                    f"Dat is {team.name}.",
                    simple=simpler.one_contact(team),
                )
            )
            messages.append(Message(custom={"type": "services", "services": [team.payload()]}))
    return messages
