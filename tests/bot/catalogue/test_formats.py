"""HSDS 3.0 JSON and CSV: export then import gives the identical catalogue; errors change nothing."""

import csv
import datetime as dt
import json
import shutil
import uuid
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from bot.catalogue.cli import main as cli
from bot.catalogue.document import CatalogueError, validate
from bot.catalogue.formats import hsds_json, hsds_tabular, read_any, staff_csv
from bot.catalogue.formats.hsds_json import EXTENSION
from bot.catalogue.models import make_engine
from bot.catalogue.repository import load_document, read_services, store

OFFICIAL = Path(__file__).parents[2] / "data" / "hsds-3.0"
OFFICIAL_SERVICE_SCHEMA = OFFICIAL / "compiled" / "service.json"
OFFICIAL_EXAMPLES = OFFICIAL / "examples"


@pytest.fixture
def stored(catalogue_url):
    return load_document(make_engine(catalogue_url))


def imported(doc, tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'imported.db'}")
    store(doc, engine)
    return engine


def test_hsds_export_then_import_is_identical(stored, tmp_path, catalogue_url):
    path = tmp_path / "catalogus.json"
    hsds_json.write(stored, path)
    engine = imported(hsds_json.read(path), tmp_path)
    assert load_document(engine) == stored
    assert read_services(engine, include_inactive=True) == read_services(
        make_engine(catalogue_url), include_inactive=True
    )


def test_every_exported_service_validates_against_the_official_hsds_schema(stored, tmp_path):
    # The schema's uri and date-time formats are checked only with their validators installed.
    assert not FormatChecker().conforms("geen adres", "uri")
    assert not FormatChecker().conforms("gisteren", "date-time")
    validator = Draft202012Validator(
        json.loads(OFFICIAL_SERVICE_SCHEMA.read_text(encoding="utf-8")), format_checker=FormatChecker()
    )
    path = tmp_path / "catalogus.json"
    hsds_json.write(stored, path)
    services = json.loads(path.read_text())["services"]
    assert len(services) == len(stored["services"])
    problems = [
        f"{service[EXTENSION]['id']}: {'/'.join(map(str, error.absolute_path))}: {error.message}"
        for service in services
        for error in validator.iter_errors(service)
    ]
    assert problems == []
    kinds = {a["link_type"] for a in services[0]["attributes"]}
    assert {"category", "domain"} <= kinds


def test_hsds_ids_are_stable_uuids_and_the_slug_travels_along(stored, tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    hsds_json.write(stored, first)
    hsds_json.write(stored, second)
    assert first.read_text() == second.read_text(), "the same catalogue gives the same ids every time"
    service = json.loads(first.read_text())["services"][0]
    assert uuid.UUID(service["id"]).version == 5
    assert service[EXTENSION]["id"] == stored["services"][0]["id"]
    assert service["organization_id"] == service["organization"]["id"]
    ids = [
        service["id"],
        *(item["id"] for key in ("phones", "languages", "attributes") for item in service[key]),
    ]
    assert len(set(ids)) == len(ids)


def test_an_hsds_file_without_our_slugs_keeps_its_own_ids(stored, tmp_path):
    """Another publisher's records have no extension: their (UUID) ids become the catalogue's."""
    exported = hsds_json.export(stored)
    service = exported["services"][0]
    for record in (
        service,
        service["organization"],
        *(link["location"] for link in service["service_at_locations"]),
    ):
        record[EXTENSION].pop("id")
    service["id"] = service["id"].upper()  # HSDS allows upper-case UUIDs
    exported["services"] = [service]
    path = tmp_path / "ander.json"
    path.write_text(json.dumps(exported), encoding="utf-8")
    doc = hsds_json.read(path)
    assert doc["services"][0]["id"] == service["id"].lower()
    assert doc["services"][0]["organization"] == service["organization"]["id"]
    assert doc["organizations"][0]["id"] == service["organization"]["id"]
    again = hsds_json.export(doc)["services"][0]
    assert again["id"] == service["id"].lower(), "exported again, the publisher's id is unchanged"
    assert again["organization_id"] == service["organization"]["id"]


def test_two_municipalities_with_the_same_slug_get_different_ids(stored):
    other = {**stored, "municipality": {**stored["municipality"], "name": "Anderstad"}}
    assert hsds_json.export(stored)["services"][0]["id"] != hsds_json.export(other)["services"][0]["id"]


@pytest.mark.parametrize(
    ("example", "services"),
    [
        ("service_full.json", 1),  # one service
        ("service_list.json", 1),  # a page of the HSDS API
        ("service_at_location_full.json", 1),  # a service at a location
        ("organization_full.json", 1),  # an organization with its services
        ("organization_list.json", 0),  # organizations without services: nothing to import
    ],
)
def test_the_official_examples_are_read_in_every_form_publishers_send(example, services):
    data = json.loads((OFFICIAL_EXAMPLES / example).read_text(encoding="utf-8"))
    found = hsds_json.services_in(data)
    assert found is not None and len(found) == services
    assert all(service["name"] == "Community Counselling" for service in found)


def leaves(value, path=()):
    """Every (path, value) of a nested JSON value, lists by position."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, (*path, key))
    elif isinstance(value, list):
        for position, item in enumerate(value):
            yield from leaves(item, (*path, position))
    else:
        yield path, value


def value_at(value, path):
    for key in path:
        try:
            value = value[key]
        except (KeyError, IndexError, TypeError):
            return "(ontbreekt)"
    return value


def lost(original, exported):
    """Every (path, value) of the original that the exported record does not hold the same."""
    return [
        (path, value, value_at(exported, path))
        for path, value in leaves(original)
        if value_at(exported, path) != value
    ]


EXAMPLES_WITH_A_SERVICE = [
    "service_full.json",
    "service_list.json",
    "service_at_location_full.json",
    "organization_full.json",
]


@pytest.mark.parametrize("example", EXAMPLES_WITH_A_SERVICE)
def test_an_official_example_imports_and_exports_again_without_losing_a_field(example, tmp_path):
    original = hsds_json.services_in(json.loads((OFFICIAL_EXAMPLES / example).read_text(encoding="utf-8")))[0]
    engine = imported(hsds_json.read(OFFICIAL_EXAMPLES / example), tmp_path)
    exported = hsds_json.export(load_document(engine))["services"]
    assert len(exported) == 1
    assert lost(original, exported[0]) == []
    validator = Draft202012Validator(
        json.loads(OFFICIAL_SERVICE_SCHEMA.read_text(encoding="utf-8")), format_checker=FormatChecker()
    )
    assert [error.message for error in validator.iter_errors(exported[0])] == []


def test_what_the_product_needs_and_an_example_lacks_is_filled_in_or_put_up_for_review(tmp_path):
    doc = hsds_json.read(OFFICIAL_EXAMPLES / "service_list.json")  # no phone anywhere, no category
    service = doc["services"][0]
    assert service["summary"] == "Counselling Services provided by trained professionals."
    assert service["review"] == ["summary", "categories", "phone"]
    assert {w.field for w in doc["warnings"]} == {"summary", "categories", "phone"}
    full = hsds_json.read(OFFICIAL_EXAMPLES / "service_full.json")
    assert full["services"][0]["phone"] == '"+44 1234 234567"'  # as the example writes it
    assert "neighbourhoods" not in full["services"][0]  # "all residents of MyCity": the whole city
    assert full["services"][0]["languages"] == ["ur"]
    assert full["locations"][0].get("neighbourhood") is None


def test_a_service_waiting_for_review_is_kept_but_not_shown_until_it_is_checked(tmp_path):
    doc = hsds_json.read(OFFICIAL_EXAMPLES / "service_full.json")
    engine = imported(doc, tmp_path)
    assert read_services(engine) == []
    assert [s.name for s in read_services(engine, include_inactive=True)] == ["Community Counselling"]
    checked = load_document(engine)
    service = checked["services"][0]
    service.update(
        summary="Gesprekken met een hulpverlener als het even niet gaat.", categories=["gezondheid"]
    )
    service.pop("review")
    store(checked, engine)
    assert [s.name for s in read_services(engine)] == ["Community Counselling"]


def test_staff_finish_a_review_in_their_spreadsheet_and_the_publishers_fields_stay(tmp_path, capsys):
    """The usual way: import another publisher's file, export the staff spreadsheet, fill in a
    B1 summary and a category, import it again."""
    db = f"sqlite:///{tmp_path / 'c.db'}"
    assert cli(["--db", db, "import", "--replace", str(OFFICIAL_EXAMPLES / "service_full.json")]) == 0
    assert cli(["--db", db, "export", "--format", "csv", str(tmp_path / "sheet")]) == 0
    sheet = tmp_path / "sheet" / "services.csv"
    with sheet.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[0].update(
        summary="Gesprekken met een hulpverlener als het even niet gaat.",
        categories="gezondheid",
        review="",
        name="Gesprekshulp",
    )
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    assert cli(["--db", db, "import", str(tmp_path / "sheet")]) == 0
    engine = make_engine(db)
    assert [s.name for s in read_services(engine)] == ["Gesprekshulp"]
    exported = hsds_json.export(load_document(engine))["services"][0]
    assert exported["name"] == "Gesprekshulp"  # the catalogue's change
    assert exported["funding"] and exported["cost_options"] and exported["program"]  # the publisher's
    terms = {(a["link_type"], a["taxonomy_term"]["code"]) for a in exported["attributes"]}
    assert ("category", "gezondheid") in terms and ("link_type", "code") in terms
    assert not exported[EXTENSION]["review"]


@pytest.mark.parametrize("example", EXAMPLES_WITH_A_SERVICE)
def test_an_export_with_another_publishers_records_stores_again_as_it_was(example, tmp_path):
    """A backup, a move to PostgreSQL, another Meedoenwijzer reading this one's export."""
    first = imported(hsds_json.read(OFFICIAL_EXAMPLES / example), tmp_path)
    for writer, target in (
        (hsds_json.write, tmp_path / "export.json"),
        (hsds_tabular.write, tmp_path / "tabellen"),
    ):
        writer(load_document(first), target)
        again = make_engine(f"sqlite:///{tmp_path / (target.stem + '.db')}")
        store(read_any(target), again)
        before, after = load_document(first), load_document(again)
        originals = [
            (a.pop("hsds"), b.pop("hsds"))
            for key in ("services", "organizations", "locations")
            for a, b in zip(before[key], after[key], strict=True)
        ]
        assert after == before, target.name
        # The originals come back whole (the export may add what HSDS asks, such as organization_id).
        assert all(lost(a, b) == [] for a, b in originals)


def test_staff_changes_to_another_publishers_record_are_what_the_export_gives(tmp_path):
    engine = imported(hsds_json.read(OFFICIAL_EXAMPLES / "service_full.json"), tmp_path)
    doc = load_document(engine)
    service = doc["services"][0]
    service.update(
        languages=["nl", "ar"],
        neighbourhoods=["Noord"],
        schedules=[{"byday": "MO", "opens_at": "09:00", "closes_at": "12:00"}],
        categories=["gezondheid"],
    )
    service.pop("email")
    store(doc, engine)
    out = hsds_json.export(load_document(engine))["services"][0]
    assert [language["code"] for language in out["languages"]] == ["nl", "ar"]
    assert [area["name"] for area in out["service_areas"]] == ["Noord"]
    assert [(s["byday"], s["opens_at"]) for s in out["schedules"]] == [("MO", "09:00:00")]
    assert "email" not in out, "a field cleared here is cleared in the export"
    assert out["funding"] == json.loads((OFFICIAL_EXAMPLES / "service_full.json").read_text())["funding"]


def _reviewed_in_the_sheet(tmp_path, db):
    """Import the publisher's file, fill in the review in the staff spreadsheet, import that."""
    assert cli(["--db", db, "import", "--replace", str(OFFICIAL_EXAMPLES / "service_full.json")]) == 0
    assert cli(["--db", db, "export", "--format", "csv", str(tmp_path / "sheet")]) == 0
    sheet = tmp_path / "sheet" / "services.csv"
    with sheet.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[0].update(
        summary="Praten met een hulpverlener.", categories="gezondheid", review="", keywords="praten"
    )
    return sheet, rows


def _write_sheet(sheet, rows, columns=None):
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns or list(rows[0]), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def test_a_newer_file_from_the_publisher_keeps_what_staff_filled_in(tmp_path):
    db = f"sqlite:///{tmp_path / 'c.db'}"
    sheet, rows = _reviewed_in_the_sheet(tmp_path, db)
    _write_sheet(sheet, rows)
    assert cli(["--db", db, "import", str(tmp_path / "sheet")]) == 0
    assert cli(["--db", db, "import", str(OFFICIAL_EXAMPLES / "service_full.json")]) == 0  # the refresh
    service = load_document(make_engine(db))["services"][0]
    assert service["summary"] == "Praten met een hulpverlener."
    assert service["categories"] == ["gezondheid"] and service["keywords"] == ["praten"]
    assert "review" not in service
    assert [s.name for s in read_services(make_engine(db))] == ["Community Counselling"]


def test_a_sheet_saved_before_a_column_existed_imports_and_leaves_that_field_alone(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'c.db'}"
    sheet, rows = _reviewed_in_the_sheet(tmp_path, db)
    _write_sheet(sheet, rows, [c for c in rows[0] if c != "review"])
    assert cli(["--db", db, "import", str(tmp_path / "sheet")]) == 0
    assert "review: kolom ontbreekt: blijft zoals het was" in capsys.readouterr().out
    service = load_document(make_engine(db))["services"][0]
    assert service["summary"] == "Praten met een hulpverlener."
    assert service["review"] == ["summary", "categories"], "still waiting: the sheet did not say"


def test_replacing_with_the_staff_sheet_keeps_what_the_publisher_sent_beside(tmp_path):
    db = f"sqlite:///{tmp_path / 'c.db'}"
    sheet, rows = _reviewed_in_the_sheet(tmp_path, db)
    _write_sheet(sheet, rows)
    assert cli(["--db", db, "import", "--replace", str(tmp_path / "sheet")]) == 0
    exported = hsds_json.export(load_document(make_engine(db)))["services"][0]
    assert exported["funding"] and exported["program"] and exported["contacts"]


def test_a_review_names_only_what_may_wait_for_it():
    doc = hsds_json.read(OFFICIAL_EXAMPLES / "service_full.json")
    doc["services"][0]["review"] = ["summary", "categories", "description"]
    doc["services"][0].pop("description")
    problems = {(p.field, p.message) for p in validate(doc, "x.json")}
    assert ("description", "ontbreekt") in problems
    assert ("review", "onbekende waarde 'description'") in problems


def test_cli_import_of_another_publishers_file_says_what_waits_for_review(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'c.db'}"
    assert cli(["--db", db, "import", "--replace", str(OFFICIAL_EXAMPLES / "service_full.json")]) == 0
    out = capsys.readouterr().out
    assert "1 dienst(en) wachten op controle" in out
    assert "categories: geen categorie van de Meedoenwijzer" in out


def test_the_official_tabular_package_imports_as_its_json_example_does(tmp_path):
    """examples/csv/ holds the same records as service_full.json, as tables."""
    from_csv = hsds_tabular.read(OFFICIAL_EXAMPLES / "csv")
    from_json = hsds_json.read(OFFICIAL_EXAMPLES / "service_full.json")
    for key in ("organizations", "locations"):
        assert [r["id"] for r in from_csv[key]] == [r["id"] for r in from_json[key]]
    service = from_csv["services"][0]
    assert service["id"] == from_json["services"][0]["id"]
    assert {k: v for k, v in service.items() if k != "hsds"} == {
        k: v for k, v in from_json["services"][0].items() if k != "hsds"
    }
    engine = imported(from_csv, tmp_path)
    exported = hsds_json.export(load_document(engine))["services"][0]
    assert lost(service["hsds"], exported) == []


def test_tabular_export_then_import_is_identical(stored, tmp_path):
    hsds_tabular.write(stored, tmp_path / "tabellen")
    package = json.loads((tmp_path / "tabellen" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["profile"] == "tabular-data-package"
    engine = imported(read_any(tmp_path / "tabellen"), tmp_path)
    assert load_document(engine) == stored


def package_problems(folder):
    """What the tables in `folder` break of the official package's rules: required and unique
    columns, UUIDs, enums, numbers, dates, times and foreign keys."""
    package = json.loads((OFFICIAL_EXAMPLES / "csv" / "datapackage.json").read_text(encoding="utf-8"))
    tables = {}
    for resource in package["resources"]:
        with (folder / resource["path"]).open(encoding="utf-8", newline="") as handle:
            tables[resource["name"]] = list(csv.DictReader(handle))
    problems = []
    checks = {
        "number": float,
        "date": lambda v: dt.date.fromisoformat(v),
        "time": lambda v: dt.time.fromisoformat(v) if len(v) == 8 else int("not a time"),
    }
    for resource in package["resources"]:
        rows = tables[resource["name"]]
        for field in resource["schema"]["fields"]:
            name, rules = field["name"], field.get("constraints", {})
            cells = [row.get(name, "") for row in rows]
            if rules.get("required"):
                problems += [f"{resource['path']}: {name} empty" for cell in cells if not cell]
            if rules.get("unique") and len(set(filter(None, cells))) < len(list(filter(None, cells))):
                problems.append(f"{resource['path']}: {name} not unique")
            for cell in filter(None, cells):
                try:
                    if field.get("format") == "uuid":
                        uuid.UUID(cell)
                    if field["type"] in checks:
                        checks[field["type"]](cell)
                except ValueError:
                    problems.append(
                        f"{resource['path']}: {name}: {cell!r} is no {field.get('format') or field['type']}"
                    )
                if "enum" in rules and cell not in rules["enum"]:
                    problems.append(f"{resource['path']}: {name}: {cell!r} not in {rules['enum']}")
        for key in resource["schema"].get("foreignKeys", []):
            target = {row["id"] for row in tables[key["reference"]["resource"]]}
            problems += [
                f"{resource['path']}: {key['fields']} {row[key['fields']]!r} points nowhere"
                for row in rows
                if row.get(key["fields"]) and row[key["fields"]] not in target
            ]
    return problems


def test_the_tabular_export_keeps_the_official_packages_rules(stored, tmp_path):
    hsds_tabular.write(stored, tmp_path / "tabellen")
    assert package_problems(tmp_path / "tabellen") == []
    with (tmp_path / "tabellen" / "services.csv").open(encoding="utf-8", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == len(stored["services"])


def test_an_official_example_survives_json_then_tables_then_json(tmp_path):
    engine = imported(hsds_json.read(OFFICIAL_EXAMPLES / "service_full.json"), tmp_path)
    hsds_tabular.write(load_document(engine), tmp_path / "tabellen")
    again = hsds_json.export(hsds_tabular.read(tmp_path / "tabellen"))["services"][0]
    original = json.loads((OFFICIAL_EXAMPLES / "service_full.json").read_text(encoding="utf-8"))
    assert lost(original, again) == []


def test_another_publishers_record_exported_and_imported_again_is_still_whole(tmp_path):
    engine = imported(hsds_json.read(OFFICIAL_EXAMPLES / "service_full.json"), tmp_path)
    path = tmp_path / "export.json"
    hsds_json.write(load_document(engine), path)
    again = hsds_json.export(hsds_json.read(path))["services"][0]
    original = json.loads((OFFICIAL_EXAMPLES / "service_full.json").read_text(encoding="utf-8"))
    assert lost(original, again) == []
    assert again[EXTENSION]["review"] == ["summary", "categories"]


def _package_with(tmp_path, change):
    folder = tmp_path / "tabellen"
    shutil.copytree(OFFICIAL_EXAMPLES / "csv", folder)
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    (folder / "datapackage.json").write_text(json.dumps(change(package)), encoding="utf-8")
    return folder


def _resource(package, name, **changes):
    for resource in package["resources"]:
        if resource["name"] == name:
            resource.update(changes)
    return package


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda p: [p], "geen beschrijving van tabellen"),
        (lambda p: {**p, "resources": None}, "geen beschrijving van tabellen"),
        (lambda p: _resource(p, "phone", path="/etc/passwd"), "moet een bestand in de map zijn"),
        (lambda p: _resource(p, "phone", path="../../secrets.csv"), "moet een bestand in de map zijn"),
        (
            lambda p: _resource(p, "organization", path=["organizations.csv"]),
            "moet een bestand in de map zijn",
        ),
        (lambda p: {**p, "x-meedoenwijzer": "x"}, "geen beschrijving van tabellen"),
    ],
)
def test_a_package_description_that_is_wrong_gets_a_dutch_reason(tmp_path, change, expected):
    with pytest.raises(CatalogueError) as error:
        hsds_tabular.read(_package_with(tmp_path, change))
    assert any(expected in str(p) for p in error.value.problems), error.value.problems


def test_tables_that_number_their_rows_alike_nest_each_row_where_it_belongs(tmp_path):
    """An address may share its location's id: ids are unique per table, not across tables."""
    folder = tmp_path / "tabellen"
    shutil.copytree(OFFICIAL_EXAMPLES / "csv", folder)
    location_id = "3a19ff88-4620-4d17-9830-ac1d859eb5d5"
    addresses = (folder / "addresses.csv").read_text(encoding="utf-8")
    (folder / "addresses.csv").write_text(
        addresses.replace("74706e55-df26-4b84-80fe-ecc30b5befb4", location_id), encoding="utf-8"
    )
    doc = hsds_tabular.read(folder)
    assert doc["locations"][0]["address"]["address_1"] == "1-30 Main Street"


def test_a_tabular_package_with_a_wrong_value_names_file_row_and_column(tmp_path):
    folder = tmp_path / "tabellen"
    shutil.copytree(OFFICIAL_EXAMPLES / "csv", folder)
    services = (folder / "services.csv").read_text(encoding="utf-8")
    (folder / "services.csv").write_text(services.replace(",12,100,", ",twaalf,100,"), encoding="utf-8")
    with pytest.raises(CatalogueError) as error:
        hsds_tabular.read(folder)
    assert [str(p) for p in error.value.problems] == [
        "services.csv: rij 2: minimum_age: moet een getal zijn, niet 'twaalf'"
    ]


def test_hsds_schedules_become_one_per_day_without_seconds():
    doc = hsds_json.read(OFFICIAL_EXAMPLES / "service_full.json")  # byday "TH,FR", 10:00:00-18:00:00
    assert [(s["byday"], s["opens_at"], s["closes_at"]) for s in doc["services"][0]["schedules"]] == [
        ("TH", "10:00", "18:00"),
        ("FR", "10:00", "18:00"),
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ({"foo": 1}, "geen diensten gevonden"),
        ("tekst", "geen diensten gevonden"),
        ({"services": ["tekst"]}, "heeft de verkeerde vorm"),
    ],
)
def test_a_file_that_is_not_hsds_gets_a_dutch_reason_not_python_text(tmp_path, content, expected):
    path = tmp_path / "vreemd.json"
    path.write_text(json.dumps(content))
    with pytest.raises(CatalogueError) as raised:
        hsds_json.read(path)
    assert expected in str(raised.value)
    assert "object has no attribute" not in str(raised.value) and "str'" not in str(raised.value)


def test_csv_export_then_import_is_identical(stored, tmp_path):
    staff_csv.write(stored, tmp_path / "csv")
    assert load_document(imported(staff_csv.read(tmp_path / "csv"), tmp_path)) == stored


def test_csv_with_errors_lists_every_error_and_changes_nothing(stored, tmp_path, catalogue_url):
    folder = tmp_path / "csv"
    staff_csv.write(stored, folder)
    lines = (folder / "services.csv").read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(",")
    lines[1] = lines[1].replace(",ja,", ",misschien,", 1)  # row 2: a yes/no field
    lines[3] = lines[3].replace(
        stored["services"][2]["categories"][0], "zwemles", 1
    )  # row 4: unknown category
    (folder / "services.csv").write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    engine = make_engine(catalogue_url)
    before = load_document(engine)
    with pytest.raises(CatalogueError) as error:
        store(staff_csv.read(folder), engine)
    assert len(header) > 20
    assert [(p.file, p.row) for p in error.value.problems][:1] == [("services.csv", "rij 2")]
    assert load_document(engine) == before


def test_cli_import_of_a_broken_hsds_file_lists_errors_and_keeps_the_catalogue(stored, tmp_path, capsys):
    db = tmp_path / "cli.db"
    store(stored, make_engine(f"sqlite:///{db}"))
    data = hsds_json.export(stored)
    del data["services"][1]["organization"]
    data["services"][4]["status"] = "weg"
    broken = tmp_path / "kapot.json"
    broken.write_text(json.dumps(data, default=str))
    assert cli(["--db", f"sqlite:///{db}", "import", str(broken)]) == 1
    err = capsys.readouterr().err
    assert "kapot.json: dienst 2" in err and "organization" in err
    assert load_document(make_engine(f"sqlite:///{db}")) == stored


def test_cli_import_reports_validation_errors_after_structure_is_fine(stored, tmp_path, capsys):
    db = tmp_path / "cli.db"
    store(stored, make_engine(f"sqlite:///{db}"))
    data = hsds_json.export(stored)
    data["services"][4]["status"] = "weg"
    data["services"][6]["phones"] = []
    path = tmp_path / "fout.json"
    path.write_text(json.dumps(data, default=str))
    assert cli(["--db", f"sqlite:///{db}", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert "fout.json: dienst 5" in err and "status" in err
    assert "fout.json: dienst 7" in err and "phone" in err
    assert load_document(make_engine(f"sqlite:///{db}")) == stored


def _one_service_file(stored, tmp_path, name, change):
    data = hsds_json.export(stored)
    data["services"] = [change(data["services"][3])]
    path = tmp_path / name
    path.write_text(json.dumps(data, default=str))
    return path


def test_cli_import_adds_and_updates_by_id_and_keeps_the_rest(stored, tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    store(stored, make_engine(db))

    def renamed(service):
        service["name"] = "Nieuwe naam van de dienst"
        return service

    assert cli(["--db", db, "import", str(_one_service_file(stored, tmp_path, "een.json", renamed))]) == 0
    said = capsys.readouterr().out
    assert f"{len(stored['services']) - 1} dienst(en) die niet in een.json staan, zijn gebleven" in said
    assert "--replace" in said
    after = load_document(make_engine(db))
    assert len(after["services"]) == len(stored["services"]), "the other services stay"
    changed = next(s for s in after["services"] if s["id"] == stored["services"][3]["id"])
    assert changed["name"] == "Nieuwe naam van de dienst"

    def new(service):
        service[EXTENSION]["id"] = "svc-nieuw-inloophuis"
        return service

    assert cli(["--db", db, "import", str(_one_service_file(stored, tmp_path, "nieuw.json", new))]) == 0
    assert len(load_document(make_engine(db))["services"]) == len(stored["services"]) + 1


def test_cli_import_refuses_an_id_that_occurs_twice_in_the_file(stored, tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    store(stored, make_engine(db))
    data = hsds_json.export(stored)
    data["services"] = [data["services"][3], data["services"][3]]
    path = tmp_path / "twee.json"
    path.write_text(json.dumps(data, default=str))
    assert cli(["--db", db, "import", str(path)]) == 1
    assert "komt twee keer voor" in capsys.readouterr().err
    assert load_document(make_engine(db)) == stored


def test_cli_replace_makes_the_file_the_whole_catalogue(stored, tmp_path):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    store(stored, make_engine(db))
    path = _one_service_file(stored, tmp_path, "klein.json", lambda service: service)
    assert cli(["--db", db, "import", "--replace", str(path)]) == 0
    assert [s["id"] for s in load_document(make_engine(db))["services"]] == [stored["services"][3]["id"]]


@pytest.mark.parametrize("content", [{"services": []}, []])
def test_cli_import_of_an_empty_file_changes_nothing(stored, tmp_path, capsys, content):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    store(stored, make_engine(db))
    path = tmp_path / "leeg.json"
    path.write_text(json.dumps(content))
    for replace in ([], ["--replace"]):
        assert cli(["--db", db, "import", *replace, str(path)]) == 1
        assert "leeg.json bevat geen diensten" in capsys.readouterr().err
    assert load_document(make_engine(db)) == stored


def test_cli_import_that_the_database_refuses_is_a_sentence_not_a_traceback(stored, tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    store(stored, make_engine(db))

    def twice_at_one_place(service):
        service["service_at_locations"] = service["service_at_locations"][:1] * 2
        return service

    path = _one_service_file(stored, tmp_path, "dubbel.json", twice_at_one_place)
    assert cli(["--db", db, "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert "De catalogus is niet veranderd" in err and "Traceback" not in err
    assert load_document(make_engine(db)) == stored


def test_cli_search_and_show(catalogue_url, capsys):
    assert cli(["--db", catalogue_url, "search", "schulden", "--limit", "3"]) == 0
    out = capsys.readouterr().out
    assert "gevonden" in out and "tel." in out
    assert cli(["--db", catalogue_url, "show", "bestaat-niet"]) == 1


def test_an_unexpected_error_without_text_is_still_a_sentence():
    from bot.catalogue.cli import in_one_line

    assert in_one_line(RuntimeError()) == "RuntimeError"
    assert in_one_line(ValueError("eerste regel\ntweede")) == "ValueError: eerste regel"
