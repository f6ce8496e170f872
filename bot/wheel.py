"""The participation wheel conversation: one short question per domain, then a summary.

The wheel is "en-en", not a ladder: every domain counts, paid work is not the only goal, and
what a person can do for others counts as much as what they need. Answers are a status per
domain; nothing else of what the person typed is kept.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Sequence
from urllib.parse import urlencode

from bot.catalogue.search import Catalogue
from bot.catalogue.store import ServiceRecord
from bot.matching import best_service, rank_needs
from bot.plain_language import explain_jargon
from bot.taxonomy import taxonomy
from bot.text import fold

DOMAINS = ("zelfstandig_functioneren", "sociale_contacten", "maatschappelijk_deelnemen",
           "maatschappelijk_bijdragen", "opdoen_van_vaardigheden", "betaald_werk")
STATUSES = ("gaat_goed", "wil_meer", "hulp_nodig", "overgeslagen")
# The domains in everyday words, for the readable summary and the picture.
SHORT_LABELS = {"zelfstandig_functioneren": "Dagelijks leven", "sociale_contacten": "Contacten",
                "maatschappelijk_deelnemen": "Erop uit", "maatschappelijk_bijdragen": "Iets voor anderen doen",
                "opdoen_van_vaardigheden": "Leren", "betaald_werk": "Werk"}
STATUS_TEXT = {"gaat_goed": "gaat goed", "wil_meer": "wil meer", "hulp_nodig": "hulp nodig",
               "overgeslagen": "overgeslagen"}
STRENGTHS_SLOT = "wheel_strengths"
NO_STRENGTHS = "geen"

# One question per domain, for the writer ("u") and about someone they help ("{wie}").
QUESTIONS = {
    "zelfstandig_functioneren": ("Hoe gaat het met uw dagelijks leven? Denk aan geld, wonen en gezondheid.",
                                 "Hoe gaat het met het dagelijks leven van {wie}? Denk aan geld, wonen en gezondheid."),
    "sociale_contacten": ("Hoe gaat het met uw contacten? Denk aan familie, vrienden en buren.",
                          "Hoe gaat het met de contacten van {wie}? Denk aan familie, vrienden en buren."),
    "maatschappelijk_deelnemen": ("Hoe vaak gaat u erop uit? Denk aan sport, een club of het buurthuis.",
                                  "Hoe vaak gaat {wie} erop uit? Denk aan sport, een club of het buurthuis."),
    "maatschappelijk_bijdragen": ("Doet u iets voor anderen? Denk aan helpen in de buurt of vrijwilligerswerk.",
                                  "Doet {wie} iets voor anderen? Denk aan helpen in de buurt of vrijwilligerswerk."),
    "opdoen_van_vaardigheden": ("Hoe gaat het met dingen leren? Denk aan Nederlands, de computer of een cursus.",
                                "Hoe gaat het met dingen leren voor {wie}? Denk aan Nederlands, de computer of een cursus."),
    "betaald_werk": ("Hoe gaat het met werk? Werk hoeft niet. Zoekt u geen werk, kies dan gaat goed.",
                     "Hoe gaat het met werk voor {wie}? Werk hoeft niet. Zoekt {wie} geen werk, kies dan gaat goed."),
}
STRENGTHS_QUESTION = ("Wat kunt u goed, of wat zou u graag voor anderen doen?",
                      "Wat kan {wie} goed, of wat zou {wie} graag voor anderen doen?")
INTRO = ("Goed. Ik stel zes korte vragen over uw leven. U kunt elke vraag overslaan.",
         "Goed. Ik stel zes korte vragen over {wie}. U kunt elke vraag overslaan.")
BUTTONS = (("Gaat goed", "gaat_goed"), ("Ik wil meer", "wil_meer"), ("Ik heb hulp nodig", "hulp_nodig"),
           ("Sla over", "overgeslagen"))
# Where to look first when a domain needs something and the person named nothing specific.
DEFAULT_CATEGORIES = {
    "zelfstandig_functioneren": ("wmo_loket", "post_en_geldzaken", "schuldhulp"),
    "sociale_contacten": ("maatje", "ontmoeting", "contactvrouw"),
    "maatschappelijk_deelnemen": ("activiteiten", "sport", "cultuur"),
    "maatschappelijk_bijdragen": ("vrijwilligerswerk", "buurtinitiatief", "meepraten"),
    "opdoen_van_vaardigheden": ("taalles", "digitale_hulp", "opleiding"),
    "betaald_werk": ("werk_zoeken", "sociale_activering", "re_integratie"),
}
STRENGTH_CATEGORIES = ("vrijwilligerswerk", "buurtinitiatief", "taalmaatje", "activiteiten", "meepraten")

SKIP = re.compile(r"\b(sla (maar )?over|overslaan|volgende|weet (ik )?niet|geen idee|liever niet|skip|"
                  r"wil ik niet zeggen)\b")
STOP = re.compile(r"\b(stop|stoppen|ophouden|genoeg vragen|klaar)\b")
HELP = re.compile(r"\b(hulp|help|moeilijk|lastig|zwaar|slecht|niet (zo |echt |heel )?goed|lukt (me )?niet|"
                  r"probleem|problemen|zorgen|eenzaam|alleen|schulden|geen geld|geen werk|bang|ziek|"
                  r"gaat niet|kan niet|mis)\b")
MORE = re.compile(r"\b(meer|graag|zou (wel )?willen|wil (wel|graag)|misschien|beter|vaker)\b")
GOOD = re.compile(r"\b(goed|prima|oke|ok|okay|top|tevreden|lukt|geen probleem|niks nodig|niets nodig|"
                  r"gaat wel|ja|zeker|fijn|heb werk|werk al|gepensioneerd|met pensioen)\b")


def question(domain: str, who: str | None) -> dict:
    ours, theirs = QUESTIONS[domain]
    text = theirs.format(wie=who) if who else ours
    return {"text": _capitalise(text), "buttons": [
        {"title": title, "payload": f'/wheel_answer{{"wheel_status":"{status}"}}'} for title, status in BUTTONS]}


def strengths_question(who: str | None) -> dict:
    ours, theirs = STRENGTHS_QUESTION
    return {"text": _capitalise(theirs.format(wie=who) if who else ours),
            "buttons": [{"title": "Weet ik niet", "payload": '/wheel_answer{"wheel_status":"overgeslagen"}'}]}


def intro(who: str | None) -> dict:
    ours, theirs = INTRO
    return {"text": theirs.format(wie=who) if who else ours}


def _capitalise(text: str) -> str:
    return text[0].upper() + text[1:]


def status_from_text(text: str, intent: str | None = None) -> str | None:
    """A status from a free answer ("niet zo goed" -> hulp_nodig), or None when unclear."""
    folded = fold(text)
    if SKIP.search(folded):
        return "overgeslagen"
    if HELP.search(folded) or (intent or "").startswith("need_"):
        return "hulp_nodig"
    if MORE.search(folded):
        return "wil_meer"
    if intent == "affirm" or GOOD.search(folded):
        return "gaat_goed"
    if intent == "deny":
        return "wil_meer"
    return None


def wants_to_stop(text: str) -> bool:
    return bool(STOP.search(fold(text)))


def categories_named(catalogue: Catalogue, text: str, model_ranking: Sequence[tuple[str, float]]) -> list[str]:
    """Categories an answer clearly names ("ik heb schulden"), strongest first."""
    needs = rank_needs(model_ranking, catalogue.categories_for(text), catalogue.taxonomy.categories)
    return [n.category for n in needs if n.score >= 0.5][:3]


@dataclass(frozen=True)
class DomainResult:
    domain: str
    status: str
    services: tuple[ServiceRecord, ...]


def results(catalogue: Catalogue, answers: dict[str, str], named: dict[str, list[str]],
            neighbourhood: str | None) -> list[DomainResult]:
    """Per domain its status and, where the person wants more or needs help, 1-3 services."""
    chosen: set[str] = set()
    out = []
    for domain in DOMAINS:
        status = answers.get(domain) if answers.get(domain) in STATUSES else "overgeslagen"
        services: list[ServiceRecord] = []
        if status in ("wil_meer", "hulp_nodig"):
            for category in [*named.get(domain, []), *DEFAULT_CATEGORIES[domain]]:
                if len(services) == 2:
                    break
                service = best_service(catalogue, category, "", neighbourhood, None, chosen)
                if service and category in service.categories:
                    services.append(service)
                    chosen.add(service.id)
        out.append(DomainResult(domain, status, tuple(services)))
    return out


def summary(catalogue: Catalogue, answers: dict[str, str], named: dict[str, list[str]], strengths: list[str],
            neighbourhood: str | None, who: str | None, picture_base_url: str) -> list[dict]:
    """The end of the wheel: readable text, the wheel_summary payload, a picture, and more."""
    per_domain = results(catalogue, answers, named, neighbourhood)
    lines = [f"Dit is het overzicht van {who}:" if who else "Dit is uw overzicht:"]
    for result in per_domain:
        line = f"- {SHORT_LABELS[result.domain]}: {STATUS_TEXT[result.status]}."
        if result.services:
            line += " Tip: " + " Of: ".join(f"{s.name}, bel {s.phone}." for s in result.services)
        lines.append(line)
    messages: list[dict] = [{"text": explain_jargon("\n".join(lines))}, {"custom": {"type": "wheel_summary", "domains": {
        r.domain: {"status": r.status, "services": [s.id for s in r.services]} for r in per_domain}}}]
    query = urlencode({r.domain: r.status for r in per_domain})
    messages.append({"image": f"{picture_base_url.rstrip('/')}/wheel.svg?{query}"})
    giving = [s for s in (best_service(catalogue, c, "", neighbourhood, None, set()) for c in strengths[:1]) if s]
    if giving:
        subject = f"{who} kan" if who else "U kunt"
        messages.append({"text": f"{_capitalise(subject)} ook iets voor anderen doen. Dat is veel waard. "
                                 f"Kijk eens bij {giving[0].name}. Bel {giving[0].phone}."})
    needing = [r for r in per_domain if r.status == "hulp_nodig"]
    if len(needing) >= 3:
        team = best_service(catalogue, "sociaal_wijkteam", "", neighbourhood, None, set())
        if team:
            messages.append({"text": "Er speelt veel tegelijk. Het sociaal wijkteam helpt dan met alles samen. "
                                     f"Dan is er één vaste persoon voor alles. Bel {team.phone}. "
                                     f"Dat is {team.name}."})
            messages.append({"custom": {"type": "services", "services": [team.payload()]}})
    return messages


COLOURS = {"gaat_goed": "#1b7a3a", "wil_meer": "#9a6700", "hulp_nodig": "#b3261e", "overgeslagen": "#6b6b6b"}


def wheel_svg(answers: dict[str, str]) -> str:
    """A picture of the wheel: six parts, each coloured and labelled with its status (not colour alone)."""
    vocab = taxonomy()
    parts = []
    for index, domain in enumerate(DOMAINS):
        status = answers.get(domain) if answers.get(domain) in STATUSES else "overgeslagen"
        start, end = math.radians(index * 60 - 90), math.radians(index * 60 - 30)
        x1, y1 = 200 + 150 * math.cos(start), 200 + 150 * math.sin(start)
        x2, y2 = 200 + 150 * math.cos(end), 200 + 150 * math.sin(end)
        middle = math.radians(index * 60 - 60)
        tx, ty = 200 + 95 * math.cos(middle), 200 + 95 * math.sin(middle)
        label = vocab.domains[domain].label
        short = SHORT_LABELS[domain].replace("Iets voor anderen doen", "Voor anderen")
        parts.append(
            f'<g><title>{label}: {STATUS_TEXT[status]}</title>'
            f'<path d="M200,200 L{x1:.1f},{y1:.1f} A150,150 0 0,1 {x2:.1f},{y2:.1f} Z" fill="{COLOURS[status]}" '
            f'stroke="#ffffff" stroke-width="3"/>'
            f'<text x="{tx:.1f}" y="{ty - 6:.1f}" fill="#ffffff" font-size="11" text-anchor="middle" '
            f'font-family="sans-serif">{short}</text>'
            f'<text x="{tx:.1f}" y="{ty + 10:.1f}" fill="#ffffff" font-size="11" font-weight="bold" '
            f'text-anchor="middle" font-family="sans-serif">{STATUS_TEXT[status]}</text></g>')
    description = "; ".join(f"{vocab.domains[d].label}: {STATUS_TEXT[answers.get(d, 'overgeslagen')]}"
                            for d in DOMAINS)
    return ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400" role="img" '
            f'aria-label="Het participatiewiel. {description}">'
            '<circle cx="200" cy="200" r="152" fill="#ffffff"/>' + "".join(parts) +
            '<circle cx="200" cy="200" r="38" fill="#ffffff"/>'
            '<text x="200" y="204" font-size="12" text-anchor="middle" font-family="sans-serif" fill="#1a1a1a">'
            'Meedoen</text></svg>')

