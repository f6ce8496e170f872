"""HSDS 3.0 JSON and CSV: export then import gives the identical catalogue; errors change nothing."""

import json

import pytest

from bot.catalogue.cli import main as cli
from bot.catalogue.document import CatalogueError
from bot.catalogue.formats import hsds_json, staff_csv
from bot.catalogue.models import make_engine
from bot.catalogue.repository import load_document, read_services, store


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


def test_hsds_export_has_the_open_referral_shape(stored, tmp_path):
    path = tmp_path / "catalogus.json"
    hsds_json.write(stored, path)
    service = json.loads(path.read_text())["services"][0]
    for key in (
        "id",
        "name",
        "status",
        "organization",
        "phones",
        "schedules",
        "service_areas",
        "service_at_locations",
        "languages",
        "attributes",
        "assured_date",
    ):
        assert key in service
    kinds = {a["link_type"] for a in service["attributes"]}
    assert {"category", "domain"} <= kinds


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


def test_cli_search_and_show(catalogue_url, capsys):
    assert cli(["--db", catalogue_url, "search", "schulden", "--limit", "3"]) == 0
    out = capsys.readouterr().out
    assert "gevonden" in out and "tel." in out
    assert cli(["--db", catalogue_url, "show", "bestaat-niet"]) == 1
