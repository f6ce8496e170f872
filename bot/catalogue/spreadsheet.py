"""A spreadsheet-friendly copy of the catalogue that municipal staff can edit: a folder with
organizations.csv, locations.csv and services.csv (UTF-8 with a byte order mark, so that Excel
shows accents right). Lists in one cell are separated by ';', yes/no fields read ja/nee,
opening hours read like "TU 10:00-12:00 inloop; TH 13:00-15:00".
Rows are counted as a spreadsheet shows them: the header is row 1.
"""
from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path
from typing import Any

from bot.catalogue.source import CatalogueError, Problem, flatten, unflatten

ORGANIZATION_COLUMNS = ("id", "name", "description", "email", "website", "phone")
LOCATION_COLUMNS = ("id", "name", "description", "address_1", "postal_code", "city", "neighbourhood",
                    "accessibility", "latitude", "longitude")
SERVICE_COLUMNS = ("id", "organization", "name", "alternate_name", "upl_name", "summary", "description",
                   "categories", "target_groups", "neighbourhoods", "locations", "languages", "keywords",
                   "phone", "email", "website", "opening_hours", "walk_in", "cost", "free", "referral_needed",
                   "benefit_needed", "home_visit", "minimum_age", "maximum_age", "eligibility",
                   "application_process", "status", "last_checked")
LISTS = ("categories", "target_groups", "neighbourhoods", "locations", "languages", "keywords")
BOOLEANS = ("free", "referral_needed", "benefit_needed", "home_visit")
SCHEDULE = re.compile(r"^(?P<byday>[A-Z]{2}) (?P<opens_at>\d\d:\d\d)-(?P<closes_at>\d\d:\d\d)(?: (?P<description>.+))?$")
MUNICIPALITY_FILE = "municipality.csv"


def write(doc: dict[str, Any], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    _write(folder / "organizations.csv", ORGANIZATION_COLUMNS, doc["organizations"])
    _write(folder / "locations.csv", LOCATION_COLUMNS,
           [{**loc, **(loc.get("address") or {})} for loc in doc["locations"]])
    rows = []
    for svc in doc["services"]:
        row = dict(svc)
        for field in LISTS:
            row[field] = "; ".join(svc.get(field) or [])
        for field in BOOLEANS:
            row[field] = "ja" if svc.get(field) else "nee"
        row["opening_hours"] = "; ".join(
            f"{s['byday']} {s['opens_at']}-{s['closes_at']}" + (f" {s['description']}" if s.get("description") else "")
            for s in svc.get("schedules") or [])
        checked = svc.get("last_checked")
        row["last_checked"] = checked.isoformat() if isinstance(checked, dt.date) else checked
        rows.append(row)
    _write(folder / "services.csv", SERVICE_COLUMNS, rows)
    flat = flatten(doc.get("municipality") or {})
    _write(folder / MUNICIPALITY_FILE, ("key", "value"), [{"key": k, "value": v} for k, v in flat.items()])


def _write(path: Path, columns, rows) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: "" if row.get(c) is None else row.get(c) for c in columns})


def read(folder: Path) -> dict[str, Any]:
    problems: list[Problem] = []
    organizations = [_text_row(r) for r in _read(folder / "organizations.csv", ORGANIZATION_COLUMNS, problems)]
    locations = []
    for row_number, row in _numbered(_read(folder / "locations.csv", LOCATION_COLUMNS, problems)):
        loc = _text_row(row)
        loc["address"] = {k: loc.pop(k) for k in ("address_1", "postal_code", "city") if k in loc}
        for field in ("latitude", "longitude"):
            if field in loc:
                try:
                    loc[field] = float(loc[field].replace(",", "."))
                except ValueError:
                    problems.append(Problem("locations.csv", f"rij {row_number}", field, f"geen getal: {loc[field]!r}"))
        locations.append(loc)
    services = []
    for row_number, row in _numbered(_read(folder / "services.csv", SERVICE_COLUMNS, problems)):
        services.append(_service(row, f"rij {row_number}", problems))
    path = folder / MUNICIPALITY_FILE
    municipality = unflatten({row["key"]: row["value"] for row in _read(path, ("key", "value"), problems)}) \
        if path.exists() else {}
    if problems:
        raise CatalogueError(problems)
    return {"municipality": municipality, "organizations": organizations, "locations": locations,
            "services": services}


def _service(row: dict[str, str], where: str, problems: list[Problem]) -> dict[str, Any]:
    svc: dict[str, Any] = _text_row({k: v for k, v in row.items() if k not in LISTS + BOOLEANS + ("opening_hours",)})
    for field in LISTS:
        svc[field] = [part.strip() for part in (row.get(field) or "").split(";") if part.strip()]
    for field in BOOLEANS:
        value = (row.get(field) or "").strip().lower()
        if value not in ("ja", "nee"):
            problems.append(Problem("services.csv", where, field, f"vul ja of nee in, niet {row.get(field)!r}"))
        svc[field] = value == "ja"
    for field in ("minimum_age", "maximum_age"):
        if field in svc:
            if svc[field].isdigit():
                svc[field] = int(svc[field])
            else:
                problems.append(Problem("services.csv", where, field, f"geen leeftijd: {svc[field]!r}"))
    schedules = []
    for part in (row.get("opening_hours") or "").split(";"):
        if part.strip():
            match = SCHEDULE.match(part.strip())
            if match:
                schedules.append({k: v for k, v in match.groupdict().items() if v is not None})
            else:
                problems.append(Problem("services.csv", where, "opening_hours",
                                        f"schrijf als 'TU 10:00-12:00 inloop', niet {part.strip()!r}"))
    svc["schedules"] = schedules
    return svc


def _read(path: Path, columns, problems: list[Problem]) -> list[dict[str, str]]:
    if not path.exists():
        problems.append(Problem(path.name, "-", "-", "bestand ontbreekt"))
        return []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            problems.append(Problem(path.name, "rij 1", ", ".join(missing), "kolom ontbreekt"))
            return []
        return [dict(row) for row in reader]


def _numbered(rows):
    return enumerate(rows, start=2)


def _text_row(row: dict[str, str]) -> dict[str, Any]:
    """Empty cells are absent fields, as in the YAML source."""
    return {key: value.strip() for key, value in row.items() if key is not None and value is not None and value.strip()}
