"""The catalogue as plain data (the shape of data/catalogue/*.yml) and its validation.

Every format the catalogue can be read from or written to (the YAML source, HSDS JSON, CSV)
converts to and from this one shape, so validation and storing exist once.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.taxonomy import Taxonomy, taxonomy

STATUSES = ("active", "inactive", "defunct", "temporarily closed")
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{1,80}$")
TIME_PATTERN = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
LANGUAGE_PATTERN = re.compile(r"^[a-z]{2,3}$")
SERVICE_BOOLEANS = ("free", "referral_needed", "benefit_needed", "home_visit")


@dataclass(frozen=True)
class Problem:
    """One error in a catalogue file, named so that staff can find and fix it."""

    file: str
    row: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.row}: {self.field}: {self.message}"


class CatalogueError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def read_yaml(path: Path) -> dict[str, Any]:
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise CatalogueError([Problem(path.name, "-", "-", f"geen geldige YAML: {error}")]) from error
    if not isinstance(doc, dict):
        raise CatalogueError([Problem(path.name, "-", "-", "het bestand bevat geen catalogus")])
    doc.setdefault("municipality", {})
    for key in ("organizations", "locations", "services"):
        doc[key] = doc.get(key) or []
    return doc


def write_yaml(doc: dict[str, Any], path: Path) -> None:
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=110), encoding="utf-8")


def validate(doc: dict[str, Any], file: str, vocabulary: Taxonomy | None = None) -> list[Problem]:
    """All problems in a catalogue document; an empty list means it can be stored."""
    vocab = vocabulary or taxonomy()
    problems: list[Problem] = []

    def check_ids(items: list, kind: str) -> set[str]:
        seen: set[str] = set()
        for index, item in enumerate(items, start=1):
            row = f"{kind} {index}"
            if not isinstance(item, dict):
                problems.append(Problem(file, row, "-", "moet een lijst van velden zijn"))
                continue
            item_id = item.get("id")
            if not isinstance(item_id, str) or not ID_PATTERN.match(item_id):
                problems.append(Problem(file, row, "id", f"ongeldige id {item_id!r}: kleine letters, cijfers en -"))
            elif item_id in seen:
                problems.append(Problem(file, row, "id", f"id {item_id!r} komt twee keer voor"))
            else:
                seen.add(item_id)
            if not _text(item.get("name")):
                problems.append(Problem(file, row, "name", "naam ontbreekt"))
        return seen

    organization_ids = check_ids(doc["organizations"], "organisatie")
    location_ids = check_ids(doc["locations"], "locatie")
    check_ids(doc["services"], "dienst")

    for index, location in enumerate(doc["locations"], start=1):
        if not isinstance(location, dict):
            continue
        row = f"locatie {index} ({location.get('id')})"
        if location.get("neighbourhood") not in vocab.neighbourhoods:
            problems.append(Problem(file, row, "neighbourhood", f"onbekende wijk {location.get('neighbourhood')!r}"))
        for coordinate in ("latitude", "longitude"):
            value = location.get(coordinate)
            if value is not None and not isinstance(value, (int, float)):
                problems.append(Problem(file, row, coordinate, f"moet een getal zijn, niet {value!r}"))

    for index, service in enumerate(doc["services"], start=1):
        if isinstance(service, dict):
            row = f"dienst {index} ({service.get('id')})"
            problems.extend(_validate_service(service, file, row, vocab, organization_ids, location_ids))
    return problems


def _validate_service(service, file, row, vocab, organization_ids, location_ids) -> list[Problem]:
    problems: list[Problem] = []

    def problem(field: str, message: str) -> None:
        problems.append(Problem(file, row, field, message))

    if service.get("organization") not in organization_ids:
        problem("organization", f"onbekende organisatie {service.get('organization')!r}")
    for field in ("summary", "description"):
        if not _text(service.get(field)):
            problem(field, "ontbreekt")
    if not _text(service.get("phone")):
        problem("phone", "elk aanbod heeft een telefoonnummer")
    if service.get("status", "active") not in STATUSES:
        problem("status", f"moet een van {', '.join(STATUSES)} zijn")
    for field in SERVICE_BOOLEANS:
        if not isinstance(service.get(field, False), bool):
            problem(field, f"moet true of false zijn, niet {service.get(field)!r}")
    for field in ("minimum_age", "maximum_age"):
        value = service.get(field)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 120):
            problem(field, f"moet een leeftijd zijn, niet {value!r}")
    checked = service.get("last_checked")
    if checked is not None and not isinstance(checked, dt.date):
        try:
            dt.date.fromisoformat(str(checked))
        except ValueError:
            problem("last_checked", f"moet een datum zijn als 2026-10-15, niet {checked!r}")

    lists = {
        "categories": vocab.categories,
        "target_groups": vocab.target_groups,
        "neighbourhoods": vocab.neighbourhoods,
        "locations": location_ids,
    }
    for field, allowed in lists.items():
        values = service.get(field) or []
        if not isinstance(values, list):
            problem(field, "moet een lijst zijn")
            continue
        for value in values:
            if value not in allowed:
                problem(field, f"onbekende waarde {value!r}")
    if not service.get("categories"):
        problem("categories", "minstens een categorie is nodig")
    languages = service.get("languages") or []
    if not isinstance(languages, list) or any(not LANGUAGE_PATTERN.match(str(code)) for code in languages):
        problem("languages", f"taalcodes als nl, ar, tr: {languages!r}")
    keywords = service.get("keywords") or []
    if not isinstance(keywords, list) or any(not isinstance(word, str) for word in keywords):
        problem("keywords", "moet een lijst met woorden zijn")
    for position, schedule in enumerate(service.get("schedules") or [], start=1):
        field = f"schedules {position}"
        if not isinstance(schedule, dict):
            problem(field, "moet byday, opens_at en closes_at hebben")
            continue
        if schedule.get("byday") not in DAYS:
            problem(f"{field} byday", f"moet een van {', '.join(DAYS)} zijn")
        for key in ("opens_at", "closes_at"):
            if not TIME_PATTERN.match(str(schedule.get(key, ""))):
                problem(f"{field} {key}", f"tijd als 09:30, niet {schedule.get(key)!r}")
        if str(schedule.get("opens_at", "")) >= str(schedule.get("closes_at", "")):
            problem(field, "sluit eerder dan het opent")
    return problems


def _text(value: Any) -> bool:
    return isinstance(value, str) and value.strip() != ""


def without_none(mapping: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in mapping.items() if value is not None}


def flatten(mapping: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """{"general_contact": {"phone": ...}} -> {"general_contact.phone": ...}, for key-value storage."""
    flat: dict[str, Any] = {}
    for key, value in mapping.items():
        if isinstance(value, dict):
            flat.update(flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def unflatten(flat: dict[str, Any]) -> dict[str, Any]:
    """The reverse of flatten; "True" and "False" become booleans again."""
    nested: dict[str, Any] = {}
    for key, value in flat.items():
        *path, last = key.split(".")
        target = nested
        for part in path:
            target = target.setdefault(part, {})
        target[last] = {"True": True, "False": False}.get(value, value)
    return nested
