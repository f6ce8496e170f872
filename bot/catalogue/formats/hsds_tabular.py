"""HSDS 3.0's tabular data package: Open Referral's exchange format in CSV, one file per table
(organizations.csv, services.csv, phones.csv, ...) and a `datapackage.json` that describes them.

Reading joins the tables into the nested records the HSDS JSON import takes (hsds_json), so both
imports keep, fill in and check exactly the same; writing flattens the nested records the JSON
export gives. The tables and their columns come from the official package description
(`hsds_datapackage.json`, copied from openreferral/specification at tag v3.0, CC BY-SA 4.0). What
HSDS has no column for (the B1 summary, the words people use, a review, ...) goes in one extra
column, `x-meedoenwijzer`, of services, organizations and locations (JSON text), and the
municipality's facts in the package description; other HSDS tools ignore both.

The staff spreadsheet (staff_csv) is the project's own, simpler layout; this is the one to
exchange with other publishers.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from bot.catalogue.document import CatalogueError, Problem
from bot.catalogue.formats import hsds_json
from bot.catalogue.formats.hsds_json import EXTENSION

PACKAGE_FILE = "datapackage.json"
OFFICIAL_PACKAGE = Path(__file__).with_name("hsds_datapackage.json")
WITH_EXTENSION = ("service", "organization", "location")

# The tables whose rows nest in a record as a list: (key in the record, table, the column of
# the nested table that holds the record's id). One phone may nest in a service, its location
# and its organization at once, as in the official examples.
LISTS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "service": (
        ("phones", "phone", "service_id"),
        ("schedules", "schedule", "service_id"),
        ("service_areas", "service_area", "service_id"),
        ("service_at_locations", "service_at_location", "service_id"),
        ("languages", "language", "service_id"),
        ("funding", "funding", "service_id"),
        ("cost_options", "cost_option", "service_id"),
        ("required_documents", "required_document", "service_id"),
        ("contacts", "contact", "service_id"),
        ("attributes", "attribute", "link_id"),
    ),
    "service_at_location": (
        ("contacts", "contact", "service_at_location_id"),
        ("phones", "phone", "service_at_location_id"),
        ("schedules", "schedule", "service_at_location_id"),
        ("attributes", "attribute", "link_id"),
    ),
    "location": (
        ("languages", "language", "location_id"),
        ("addresses", "address", "location_id"),
        ("contacts", "contact", "location_id"),
        ("accessibility", "accessibility", "location_id"),
        ("phones", "phone", "location_id"),
        ("schedules", "schedule", "location_id"),
        ("attributes", "attribute", "link_id"),
    ),
    "organization": (
        ("locations", "location", "organization_id"),
        ("programs", "program", "organization_id"),
        ("phones", "phone", "organization_id"),
        ("contacts", "contact", "organization_id"),
        ("organization_identifiers", "organization_identifier", "organization_id"),
        ("funding", "funding", "organization_id"),
        ("attributes", "attribute", "link_id"),
    ),
    "contact": (("phones", "phone", "contact_id"),),
    "phone": (("languages", "language", "phone_id"),),
}
# The records that nest one other record: (key, table, the column that holds its id).
SINGLE: dict[str, tuple[tuple[str, str, str], ...]] = {
    "service": (("organization", "organization", "organization_id"), ("program", "program", "program_id")),
    "service_at_location": (("location", "location", "location_id"),),
    "attribute": (("taxonomy_term", "taxonomy_term", "taxonomy_term_id"),),
    "taxonomy_term": (("taxonomy_detail", "taxonomy", "taxonomy_id"),),
}
# Any record may carry the log of its changes.
METADATA = ("metadata", "metadata", "resource_id")


def _lists(table: str) -> tuple[tuple[str, str, str], ...]:
    return (*LISTS.get(table, ()), METADATA) if table != "metadata" else ()


def _package(folder: Path | None = None) -> dict[str, Any]:
    path = folder / PACKAGE_FILE if folder is not None else OFFICIAL_PACKAGE
    return json.loads(path.read_text(encoding="utf-8"))


def _tables(package: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each table of a package: its file and its columns with their types."""
    return {
        resource["name"]: {
            "path": resource["path"],
            "types": {field["name"]: field.get("type", "string") for field in resource["schema"]["fields"]},
        }
        for resource in package["resources"]
    }


# ---- reading


def read(folder: Path) -> dict[str, Any]:
    """A tabular data package as a catalogue document (see hsds_json.document_from)."""
    problems: list[Problem] = []
    try:
        package = _package(folder)
        tables = _tables(package)
        extension = package.get(EXTENSION) or {}
        municipality = extension.get("municipality") or {} if isinstance(extension, dict) else None
        if not isinstance(municipality, dict):
            raise TypeError(f"{EXTENSION} is geen object met municipality")
    except json.JSONDecodeError as error:
        raise CatalogueError([Problem(PACKAGE_FILE, "-", "-", f"geen geldige JSON: {error}")]) from error
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise CatalogueError(
            [
                Problem(
                    PACKAGE_FILE,
                    "-",
                    "-",
                    "geen beschrijving van tabellen: verwacht resources, elk met name, path en "
                    "schema.fields (met name en type)",
                )
            ]
        ) from error
    rows: dict[str, list[dict[str, Any]]] = {}
    for name, table in tables.items():
        path = _inside(folder, table["path"])
        if path is None:
            problems.append(
                Problem(
                    PACKAGE_FILE, name, "path", f"moet een bestand in de map zijn, niet {table['path']!r}"
                )
            )
        elif path.is_file():
            rows[name] = _read_table(path, table["types"], problems)
    if "service" not in rows:
        problems.append(
            Problem(str(tables.get("service", {}).get("path", "services.csv")), "-", "-", "ontbreekt")
        )
    if problems:
        raise CatalogueError(problems)
    index = Index(rows)
    services = [_nested("service", row, index, ()) for row in rows["service"]]
    doc = hsds_json.document_from({"services": services}, str(tables["service"]["path"]))
    doc["municipality"] = municipality
    return doc


def _inside(folder: Path, path: Any) -> Path | None:
    """The table's file, when the package names one inside its own folder (a Data Package may
    name a list of files; this reads packages of one file per table)."""
    if not isinstance(path, str) or not path or Path(path).is_absolute() or ".." in Path(path).parts:
        return None
    return folder / path


def _read_table(path: Path, types: dict[str, str], problems: list[Problem]) -> list[dict[str, Any]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            raw_rows = list(csv.DictReader(handle))
    except (UnicodeDecodeError, csv.Error) as error:
        problems.append(Problem(path.name, "-", "-", f"geen leesbaar CSV-bestand ({error})"))
        return []
    rows = []
    for number, raw in enumerate(raw_rows, start=2):  # row 1 holds the column names
        row: dict[str, Any] = {}
        for column, cell in raw.items():
            if column is None or cell is None or cell == "":
                continue
            try:
                row[column] = _value(types.get(column, "string"), cell)
            except ValueError:
                problems.append(
                    Problem(
                        path.name,
                        f"rij {number}",
                        column,
                        f"moet {_type_word(types[column])} zijn, niet {cell!r}",
                    )
                )
        rows.append(row)
    return rows


def _value(kind: str, cell: str) -> Any:
    if kind == "integer":
        return int(cell)
    if kind == "number":
        number = float(cell)
        return int(number) if number.is_integer() and "." not in cell else number
    if kind == "boolean":
        if cell.lower() not in ("true", "false"):
            raise ValueError(cell)
        return cell.lower() == "true"
    if kind == "object":
        return json.loads(cell)
    return cell


def _type_word(kind: str) -> str:
    return {"integer": "een geheel getal", "number": "een getal", "boolean": "true of false"}.get(
        kind, "een JSON-object"
    )


class Index:
    """The rows of every table by id, and by each column that points to another record, so
    that nesting is a lookup, not a search (a catalogue may have thousands of services)."""

    def __init__(self, rows: dict[str, list[dict[str, Any]]]) -> None:
        self.rows = rows
        self.by_id = {name: {row.get("id"): row for row in table} for name, table in rows.items()}
        self._by_column: dict[tuple[str, str], dict[Any, list[dict[str, Any]]]] = {}

    def pointing_to(self, table: str, column: str, value: Any) -> list[dict[str, Any]]:
        key = (table, column)
        if key not in self._by_column:
            found: dict[Any, list[dict[str, Any]]] = {}
            for row in self.rows.get(table, []):
                found.setdefault(row.get(column), []).append(row)
            self._by_column[key] = found
        return self._by_column[key].get(value, []) if value is not None else []


def _nested(
    table: str, row: dict[str, Any], index: Index, above: tuple[tuple[str, Any], ...]
) -> dict[str, Any]:
    """A row with the rows that point to it nested under it, as the HSDS JSON has them. `above`
    (the table and id of each record it is nested in) stops a loop in the data from nesting
    for ever; ids are compared per table, as HSDS's tables may number their rows alike."""
    record = dict(row)
    here = (*above, (table, row.get("id")))
    for key, child, column in _lists(table):
        found = [
            r for r in index.pointing_to(child, column, row.get("id")) if (child, r.get("id")) not in here
        ]
        if found:
            record[key] = [_nested(child, r, index, here) for r in found]
    for key, child, column in SINGLE.get(table, ()):
        target = row.get(column)
        match = index.by_id.get(child, {}).get(target) if target is not None else None
        if match is not None and (child, target) not in here:
            record[key] = _nested(child, match, index, here)
    return record


# ---- writing


def write(doc: dict[str, Any], folder: Path) -> None:
    """The catalogue as a tabular data package in `folder`."""
    exported = hsds_json.export(doc)
    package = _package()
    tables = _tables(package)
    rows: dict[str, dict[str, dict[str, Any]]] = {name: {} for name in tables}
    for service in exported["services"]:
        _flatten("service", service, {}, rows)
    for taxonomy in hsds_json.taxonomies():
        rows["taxonomy"][taxonomy["id"]] = taxonomy
    folder.mkdir(parents=True, exist_ok=True)
    for resource in package["resources"]:
        if resource["name"] in WITH_EXTENSION:
            resource["schema"]["fields"].append(
                {
                    "name": EXTENSION,
                    "type": "object",
                    "description": "Meedoenwijzer: what HSDS has no column for (JSON).",
                }
            )
    package[EXTENSION] = exported[EXTENSION]
    for name, table in _tables(package).items():
        columns = list(table["types"])
        with (folder / table["path"]).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
            writer.writeheader()
            for row in rows[name].values():
                writer.writerow({column: _cell(row.get(column)) for column in columns})
    (folder / PACKAGE_FILE).write_text(
        json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


def _flatten(
    table: str, record: dict[str, Any], links: dict[str, Any], rows: dict[str, dict[str, dict[str, Any]]]
) -> None:
    """One nested record as a row of its table (merged with the row of the same id met
    elsewhere in the tree) and its nested records as rows of theirs."""
    row = {
        key: value for key, value in record.items() if not isinstance(value, (dict, list)) or key == EXTENSION
    }
    row.update(links)
    for key, child, column in SINGLE.get(table, ()):
        nested = record.get(key)
        if isinstance(nested, dict):
            row[column] = nested.get("id")
            _flatten(child, nested, {}, rows)
    existing = rows[table].setdefault(str(record.get("id")), {})
    existing.update({key: value for key, value in row.items() if value is not None})
    for key, child, column in _lists(table):
        for nested in record.get(key) or []:
            if isinstance(nested, dict):
                _flatten(child, nested, {column: record.get("id")}, rows)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
