"""The project's own spreadsheet format, for municipal staff who edit the catalogue in Excel or
LibreOffice: a folder with organizations.csv, locations.csv, services.csv and municipality.csv
(UTF-8 with a byte order mark, so that Excel shows accents right). The columns are the fields of
the field table (fields.py). Lists in one cell are separated by ';', yes/no fields read ja/nee,
opening hours read like "TU 10:00-12:00 inloop; TH 13:00-15:00".
Rows are counted as a spreadsheet shows them: the header is row 1.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path
from typing import Any

from bot.catalogue.document import CatalogueError, Problem, empty_document, flatten, unflatten
from bot.catalogue.fields import LOCATION_FIELDS, ORGANIZATION_FIELDS, SERVICE_FIELDS, Field, Kind

SCHEDULE = re.compile(
    r"^(?P<byday>[A-Z]{2}) (?P<opens_at>\d\d:\d\d)-(?P<closes_at>\d\d:\d\d)(?: (?P<description>.+))?$"
)
FILES = (
    ("organizations", "organizations.csv", ORGANIZATION_FIELDS),
    ("locations", "locations.csv", LOCATION_FIELDS),
    ("services", "services.csv", SERVICE_FIELDS),
)
MUNICIPALITY_FILE = "municipality.csv"


def to_cell(field: Field, value: Any) -> str:
    if value is None:
        return ""
    if field.kind is Kind.LIST:
        return "; ".join(value)
    if field.kind is Kind.FLAG:
        return "ja" if value else "nee"
    if field.kind is Kind.DATE:
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    if field.kind is Kind.SCHEDULES:
        return "; ".join(
            f"{s['byday']} {s['opens_at']}-{s['closes_at']}"
            + (f" {s['description']}" if s.get("description") else "")
            for s in value
        )
    return str(value)


def from_cell(field: Field, cell: str) -> tuple[Any, str | None]:
    """The value of a cell, and what is wrong with it (None when nothing is)."""
    cell = cell.strip()
    if field.kind is Kind.FLAG:
        if cell.lower() not in ("ja", "nee"):
            return None, f"vul ja of nee in, niet {cell!r}"
        return cell.lower() == "ja", None
    if not cell:
        return None, None
    if field.kind is Kind.LIST:
        return [part.strip() for part in cell.split(";") if part.strip()], None
    if field.kind is Kind.AGE:
        return (int(cell), None) if cell.isascii() and cell.isdigit() else (None, f"geen leeftijd: {cell!r}")
    if field.kind is Kind.NUMBER:
        try:
            return float(cell.replace(",", ".")), None
        except ValueError:
            return None, f"geen getal: {cell!r}"
    if field.kind is Kind.SCHEDULES:
        schedules = []
        for part in (p.strip() for p in cell.split(";")):
            match = SCHEDULE.match(part)
            if not match:
                return None, f"schrijf als 'TU 10:00-12:00 inloop', niet {part!r}"
            schedules.append({k: v for k, v in match.groupdict().items() if v is not None})
        return schedules, None
    return cell, None


def write(doc: dict[str, Any], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for key, name, fields in FILES:
        rows = [{f.csv_column: to_cell(f, f.get(record)) for f in fields} for record in doc[key]]
        _write(folder / name, [f.csv_column for f in fields], rows)
    flat = flatten(doc.get("municipality") or {})
    _write(folder / MUNICIPALITY_FILE, ["key", "value"], [{"key": k, "value": v} for k, v in flat.items()])


def _write(path: Path, columns: list[str], rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def read(folder: Path) -> dict[str, Any]:
    problems: list[Problem] = []
    warnings: list[Problem] = []
    missing: list[str] = []
    doc = empty_document()
    for key, name, fields in FILES:
        rows, absent = _read(folder / name, [f.csv_column for f in fields], problems)
        # A sheet saved before a column existed may lack it, unless its field is required: such
        # a column changes nothing stored (document.updated).
        lacking = [f.csv_column for f in fields if f.csv_column in absent and f.required]
        if lacking:
            problems.append(Problem(name, "rij 1", ", ".join(lacking), "kolom ontbreekt"))
            continue
        for field in fields:
            if field.csv_column in absent:
                missing.append(field.name)
                warnings.append(
                    Problem(name, "rij 1", field.csv_column, "kolom ontbreekt: blijft zoals het was")
                )
        for row_number, row in enumerate(rows, start=2):
            record: dict[str, Any] = {}
            for field in fields:
                value, problem = from_cell(field, row.get(field.csv_column) or "")
                if problem:
                    problems.append(Problem(name, f"rij {row_number}", field.csv_column, problem))
                field.put(record, value)
            doc[key].append(record)
    path = folder / MUNICIPALITY_FILE
    if path.exists():
        rows, absent = _read(path, ["key", "value"], problems)
        if absent:
            problems.append(Problem(path.name, "rij 1", ", ".join(absent), "kolom ontbreekt"))
        else:
            doc["municipality"] = unflatten({row["key"]: row["value"] for row in rows})
    if problems:
        raise CatalogueError(problems)
    if missing:
        doc["columns_missing"], doc["warnings"] = missing, warnings
    return doc


def _read(path: Path, columns: list[str], problems: list[Problem]) -> tuple[list[dict[str, str]], list[str]]:
    """The rows of a sheet, and which of the columns it lacks."""
    if not path.exists():
        problems.append(Problem(path.name, "-", "-", "bestand ontbreekt"))
        return [], []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        absent = [c for c in columns if c not in (reader.fieldnames or [])]
        return [dict(row) for row in reader], absent
