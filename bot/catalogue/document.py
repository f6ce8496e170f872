"""The catalogue as plain data (the shape of data/catalogue/*.yml) and its validation.

Every format the catalogue can be read from or written to (the YAML source, HSDS JSON, the staff
spreadsheet) converts to and from this one shape, so validation and storing exist once. What
each field may hold comes from the field table (fields.py).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from bot.catalogue.fields import (
    LOCATION_FIELDS,
    ORGANIZATION_FIELDS,
    ORIGINAL,
    REVIEW_ITEMS,
    SERVICE_FIELDS,
    STATUSES,
    Field,
    Kind,
)
from bot.taxonomy import Taxonomy, taxonomy

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{1,80}$")
TIME_PATTERN = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
LANGUAGE_PATTERN = re.compile(r"^[a-z]{2,3}$")


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


def empty_document() -> dict[str, Any]:
    return {"municipality": {}, "organizations": [], "locations": [], "services": []}


# The document's record lists, in the order later ones point to earlier ones, and their names
# in the problems staff read.
RECORD_LABELS = {"organizations": "organisatie", "locations": "locatie", "services": "dienst"}


def _twice(file: str, row: str, record_id: Any) -> Problem:
    return Problem(file, row, "id", f"id {record_id!r} komt twee keer voor")


def repeated_ids(doc: dict[str, Any], file: str) -> list[Problem]:
    """The records whose id occurs earlier in the same list (merging by id would hide them)."""
    problems = []
    for key, label in RECORD_LABELS.items():
        seen: set[Any] = set()
        for index, record in enumerate(doc.get(key) or [], start=1):
            if record.get("id") in seen:
                problems.append(_twice(file, f"{label} {index} ({record.get('id')})", record.get("id")))
            seen.add(record.get("id"))
    return problems


def merged(current: dict[str, Any], incoming: dict[str, Any]) -> dict[str, Any]:
    """The current catalogue with the incoming records added, or in place of those with the same
    id; what the incoming file does not name stays. The municipality's facts are updated too."""
    doc: dict[str, Any] = {
        "municipality": {**(current.get("municipality") or {}), **(incoming.get("municipality") or {})}
    }
    for key in RECORD_LABELS:
        records = {record["id"]: record for record in current.get(key) or []}
        for record in incoming.get(key) or []:
            records[record["id"]] = updated(records.get(record["id"]), record, incoming)
        doc[key] = list(records.values())
    return doc


def with_originals_kept(current: dict[str, Any], incoming: dict[str, Any]) -> dict[str, Any]:
    """`import --replace`: the incoming file is the whole catalogue, and a record it names in
    the product's own terms (the staff spreadsheet) keeps what another publisher sent beside."""
    doc = dict(incoming)
    for key in RECORD_LABELS:
        before = {record["id"]: record for record in current.get(key) or []}
        doc[key] = [updated(before.get(r["id"]), r, incoming) for r in incoming.get(key) or []]
    return doc


# A publisher's file has none of these; once staff filled them in, a newer file keeps them.
OUR_OWN = ("summary", "categories", "target_groups", "keywords", "walk_in", "upl_name")


def updated(
    before: dict[str, Any] | None, record: dict[str, Any], incoming: dict[str, Any]
) -> dict[str, Any]:
    """A stored record as an incoming one changes it."""
    if not before:
        return record
    record = dict(record)
    # A column the staff spreadsheet lacks (one saved before the column existed) changes nothing.
    for name in incoming.get("columns_missing") or []:
        if name in before:
            record[name] = before[name]
    # A file in the product's own terms changes the fields it has; what another publisher
    # sent beside them stays.
    if ORIGINAL in before and ORIGINAL not in record:
        record[ORIGINAL] = before[ORIGINAL]
    # A publisher's newer file: what staff added in review stays, and is no longer up for it.
    if ORIGINAL in before and ORIGINAL in record and record.get("review"):
        waiting = list(record["review"])
        for name in OUR_OWN:
            if (
                before.get(name)
                and (name in waiting or not record.get(name))
                and name not in (before.get("review") or [])
            ):
                record[name] = before[name]
                if name in waiting:
                    waiting.remove(name)
        if waiting:
            record["review"] = waiting
        else:
            record.pop("review")
    return record


def validate(doc: dict[str, Any], file: str, vocabulary: Taxonomy | None = None) -> list[Problem]:
    """All problems in a catalogue document; an empty list means it can be stored."""
    vocab = vocabulary or taxonomy()
    problems: list[Problem] = []
    allowed: dict[str, Iterable[str]] = {
        "categories": vocab.categories,
        "target_groups": vocab.target_groups,
        "neighbourhoods": vocab.neighbourhoods,
        "review": REVIEW_ITEMS,
    }
    fields_of = {
        "organizations": ORGANIZATION_FIELDS,
        "locations": LOCATION_FIELDS,
        "services": SERVICE_FIELDS,
    }
    for key, label in RECORD_LABELS.items():
        fields = fields_of[key]
        seen: set[str] = set()
        for index, record in enumerate(doc[key], start=1):
            if not isinstance(record, dict):
                problems.append(Problem(file, f"{label} {index}", "-", "moet een lijst van velden zijn"))
                continue
            row = f"{label} {index} ({record.get('id')})"
            waiting = _waiting_for_review(record)
            for field in fields:
                if field.name in waiting and not field.get(record):
                    continue
                if field.kind is Kind.SCHEDULES:
                    found = _schedule_problems(field.name, field.get(record))
                else:
                    found = [
                        (field.name, message)
                        for message in _field_problems(field, field.get(record), allowed)
                    ]
                problems.extend(Problem(file, row, name, message) for name, message in found)
            record_id = record.get("id")
            if record_id in seen:
                problems.append(_twice(file, row, record_id))
            elif isinstance(record_id, str):
                seen.add(record_id)
        # Later records may point to these (a service to its organization and locations).
        allowed[key] = seen
    return problems


def _waiting_for_review(record: dict[str, Any]) -> set[str]:
    review = record.get("review")
    if not isinstance(review, list):
        return set()
    return {item for item in review if item in REVIEW_ITEMS}


def _field_problems(field: Field, value: Any, allowed: dict[str, Iterable[str]]) -> list[str]:
    """What is wrong with one field's value, in words staff understand (empty: nothing)."""
    if value is None or value == "" or value == []:
        if not field.required:
            return []
        return ["minstens een categorie is nodig" if field.kind is Kind.LIST else "ontbreekt"]
    vocabulary = allowed.get(field.vocabulary) if field.vocabulary else None
    if field.kind is Kind.TEXT:
        if not isinstance(value, str) or not value.strip():
            return [f"moet tekst zijn, niet {value!r}"]
        if field.key == "id" and not ID_PATTERN.match(value):
            return [f"ongeldige id {value!r}: kleine letters, cijfers en -"]
        if field.vocabulary and vocabulary is not None and value not in vocabulary:
            return [f"onbekende waarde {value!r}"]
        return []
    if field.kind is Kind.NUMBER:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return [] if ok else [f"moet een getal zijn, niet {value!r}"]
    if field.kind is Kind.FLAG:
        return [] if isinstance(value, bool) else [f"moet true of false zijn, niet {value!r}"]
    if field.kind is Kind.AGE:
        ok = isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 120
        return [] if ok else [f"moet een leeftijd zijn, niet {value!r}"]
    if field.kind is Kind.DATE:
        return [] if _is_date(value) else [f"moet een datum zijn als 2026-10-15, niet {value!r}"]
    if field.kind is Kind.STATUS:
        return [] if value in STATUSES else [f"moet een van {', '.join(STATUSES)} zijn"]
    return _list_problems(field, value, vocabulary)


def _list_problems(field: Field, values: Any, vocabulary: Iterable[str] | None) -> list[str]:
    if not isinstance(values, list):
        return ["moet een lijst zijn"]
    if field.key == "languages":
        bad = any(not LANGUAGE_PATTERN.match(str(code)) for code in values)
        return [f"taalcodes als nl, ar, tr: {values!r}"] if bad else []
    if vocabulary is None:
        bad = any(not isinstance(word, str) for word in values)
        return ["moet een lijst met woorden zijn"] if bad else []
    return [f"onbekende waarde {value!r}" for value in values if value not in vocabulary]


def _schedule_problems(name: str, schedules: Any) -> list[tuple[str, str]]:
    """Problems in opening hours, each named by the field of the schedule ("schedules 2 opens_at")."""
    if schedules is None:
        return []
    if not isinstance(schedules, list):
        return [(name, "moet een lijst zijn")]
    problems = []
    for position, schedule in enumerate(schedules, start=1):
        where = f"{name} {position}"
        if not isinstance(schedule, dict):
            problems.append((where, "moet byday, opens_at en closes_at hebben"))
            continue
        if schedule.get("byday") not in DAYS:
            problems.append((f"{where} byday", f"moet een van {', '.join(DAYS)} zijn"))
        for key in ("opens_at", "closes_at"):
            if not TIME_PATTERN.match(str(schedule.get(key, ""))):
                problems.append((f"{where} {key}", f"tijd als 09:30, niet {schedule.get(key)!r}"))
        if str(schedule.get("opens_at", "")) >= str(schedule.get("closes_at", "")):
            problems.append((where, "sluit eerder dan het opent"))
    return problems


def _is_date(value: Any) -> bool:
    if isinstance(value, dt.date):
        return True
    try:
        dt.date.fromisoformat(str(value))
    except ValueError:
        return False
    return True


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
