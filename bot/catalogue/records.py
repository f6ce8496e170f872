"""One service as the product shows it: in chat payloads, the HTTP API and the staff CLI."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from bot.taxonomy import Taxonomy


def _open_in(part: str | None, opens: str, closes: str) -> bool:
    if part == "morning":
        return opens < "12:00"
    if part == "afternoon":
        return opens < "17:00" and closes > "12:00"
    if part == "evening":
        return closes > "18:00"
    return True


DAY_NAMES = {
    "MO": "maandag",
    "TU": "dinsdag",
    "WE": "woensdag",
    "TH": "donderdag",
    "FR": "vrijdag",
    "SA": "zaterdag",
    "SU": "zondag",
}


@dataclass(frozen=True)
class ServiceRecord:
    id: str
    name: str
    organization: str
    summary: str
    description: str
    categories: tuple[str, ...]
    domains: tuple[str, ...]
    target_groups: tuple[str, ...]
    neighbourhoods: tuple[str, ...]  # empty: the whole city
    languages: tuple[str, ...]
    language_names: tuple[str, ...]  # the same, in Dutch words ("Arabisch")
    keywords: tuple[str, ...]
    phone: str
    email: str | None
    website: str | None
    address: str | None
    location_neighbourhood: str | None
    walk_in: str | None
    opening_hours: tuple[str, ...]
    cost: str | None
    free: bool
    referral_needed: bool
    benefit_needed: bool
    home_visit: bool
    status: str
    updated: str | None
    alternate_name: str | None = None
    upl_name: str | None = None
    # When it is open, as (day code "MO".."SU", opens "HH:MM", closes "HH:MM"), for a time asked for.
    open_times: tuple[tuple[str, str, str], ...] = ()

    @classmethod
    def from_document(
        cls,
        service: dict[str, Any],
        organization: dict[str, Any],
        location: dict[str, Any] | None,
        vocab: Taxonomy,
    ) -> ServiceRecord:
        """A service of the catalogue document, with its organization and first location."""
        categories = tuple(service.get("categories") or ())
        checked = service.get("last_checked")
        return cls(
            id=service["id"],
            name=service["name"],
            organization=organization["name"],
            summary=service["summary"],
            description=service["description"],
            categories=categories,
            domains=tuple(vocab.domains_of(categories)),
            target_groups=tuple(service.get("target_groups") or ()),
            neighbourhoods=tuple(service.get("neighbourhoods") or ()),
            languages=tuple(service.get("languages") or ()),
            language_names=tuple(vocab.language_name(code) for code in service.get("languages") or ()),
            keywords=tuple(service.get("keywords") or ()),
            phone=service.get("phone") or "",
            email=service.get("email"),
            website=service.get("website"),
            address=_address(location),
            location_neighbourhood=location.get("neighbourhood") if location else None,
            walk_in=service.get("walk_in"),
            opening_hours=opening_hours(service.get("schedules") or ()),
            cost=service.get("cost"),
            free=service.get("free", True),
            referral_needed=service.get("referral_needed", False),
            benefit_needed=service.get("benefit_needed", False),
            home_visit=service.get("home_visit", False),
            status=service.get("status", "active"),
            updated=checked.isoformat() if checked else None,
            alternate_name=service.get("alternate_name"),
            upl_name=service.get("upl_name"),
            open_times=tuple(
                (s["byday"], s["opens_at"], s["closes_at"]) for s in service.get("schedules") or ()
            ),
        )

    def open_at(self, days: Collection[str], part: str | None) -> bool | None:
        """Whether the service is open on one of these days, in this part of the day ("morning"
        before 12.00, "afternoon" 12.00-17.00, "evening" after 18.00); None when the catalogue
        does not say when it is open."""
        if not self.open_times:
            return None
        return any(
            (not days or day in days) and _open_in(part, opens, closes)
            for day, opens, closes in self.open_times
        )

    @property
    def neighbourhood(self) -> str | None:
        """The neighbourhood the service is for, or None when it serves the whole city."""
        if len(self.neighbourhoods) == 1:
            return self.neighbourhoods[0]
        return None

    def payload(self) -> dict[str, Any]:
        """The service as in the `services` chat payload (shared/spec/interfaces.md section 2)."""
        return {
            "id": self.id,
            "name": self.name,
            "summary": self.summary,
            "categories": list(self.categories),
            "domains": list(self.domains),
            "neighbourhood": self.neighbourhood,
            "contact": {
                "phone": self.phone,
                "email": self.email,
                "website": self.website,
                "address": self.address,
                "walk_in": self.walk_in,
            },
            # What the card shows beside the contact: what it costs, the languages spoken (in
            # Dutch words), when it is open and whether someone comes to your home.
            "cost": self.cost,
            "languages_spoken": list(self.language_names),
            "opening_hours": list(self.opening_hours),
            "home_visit": self.home_visit,
        }

    def api(self) -> dict[str, Any]:
        """The service as the catalogue HTTP API gives it (interfaces.md section 3)."""
        return {
            **self.payload(),
            "organization": self.organization,
            "description": self.description,
            "target_groups": list(self.target_groups),
            "languages": list(self.languages),
            "neighbourhoods": list(self.neighbourhoods),
            "cost": self.cost,
            "free": self.free,
            "referral_needed": self.referral_needed,
            "benefit_needed": self.benefit_needed,
            "home_visit": self.home_visit,
            "opening_hours": list(self.opening_hours),
            "status": self.status,
            "updated": self.updated,
        }


def _address(location: dict[str, Any] | None) -> str | None:
    if location is None:
        return None
    address = location.get("address") or {}
    town = " ".join(p for p in (address.get("postal_code"), address.get("city")) if p)
    return ", ".join(part for part in (address.get("address_1"), town) if part) or None


def opening_hours(schedules: Sequence[dict[str, Any]]) -> tuple[str, ...]:
    """The schedules as a person reads them: days with the same hours on one line ("Maandag tot
    en met vrijdag 9.00-17.00 (telefonisch)", "Elke dag, dag en nacht (telefonisch)"), not seven."""
    days: dict[tuple[str, str, str], list[str]] = {}
    for schedule in schedules:
        key = (schedule["opens_at"], schedule["closes_at"], schedule.get("description") or "")
        days.setdefault(key, []).append(schedule["byday"])
    lines = []
    for (opens, closes, description), group in days.items():
        hours = (
            "dag en nacht" if (opens, closes) == ("00:00", "23:59") else f"{_clock(opens)}-{_clock(closes)}"
        )
        note = f" ({description})" if description else ""
        lines.append(f"{_days(group)}{',' if hours == 'dag en nacht' else ''} {hours}{note}")
    return tuple(lines)


def _clock(time: str) -> str:
    hours, minutes = time.split(":")[:2]
    return f"{int(hours)}.{minutes}"  # "9.00", as Dutch writes it


def _days(group: Sequence[str]) -> str:
    order = list(DAY_NAMES)
    chosen = sorted(set(group), key=order.index)
    if len(chosen) == len(order):
        return "Elke dag"
    positions = [order.index(day) for day in chosen]
    if len(chosen) >= 3 and positions == list(range(positions[0], positions[-1] + 1)):
        text = f"{DAY_NAMES[chosen[0]]} tot en met {DAY_NAMES[chosen[-1]]}"
    elif len(chosen) == 1:
        text = DAY_NAMES[chosen[0]]
    else:
        text = ", ".join(DAY_NAMES[d] for d in chosen[:-1]) + f" en {DAY_NAMES[chosen[-1]]}"
    return text[0].upper() + text[1:]
