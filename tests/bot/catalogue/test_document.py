import copy

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.catalogue import models as m
from bot.catalogue.document import CatalogueError, validate
from bot.catalogue.formats import yaml_source
from bot.catalogue.models import make_engine
from bot.catalogue.repository import read_services, store
from bot.settings import CATALOGUE_SOURCE


@pytest.fixture(scope="module")
def shipped():
    return yaml_source.read(CATALOGUE_SOURCE)


def test_the_shipped_catalogue_has_no_problems(shipped):
    assert validate(shipped, CATALOGUE_SOURCE.name) == []


def test_every_problem_names_file_row_and_field(shipped):
    doc = copy.deepcopy(shipped)
    doc["services"][2]["categories"] = ["taalmaatje", "zwemles"]
    doc["services"][4]["phone"] = ""
    doc["services"][5]["organization"] = "org-bestaat-niet"
    doc["services"][6]["schedules"] = [{"byday": "XX", "opens_at": "9", "closes_at": "12:00"}]
    problems = validate(doc, "gemeente.yml")
    found = {(p.file, p.row.split(" (")[0], p.field) for p in problems}
    assert ("gemeente.yml", "dienst 3", "categories") in found
    assert ("gemeente.yml", "dienst 5", "phone") in found
    assert ("gemeente.yml", "dienst 6", "organization") in found
    assert ("gemeente.yml", "dienst 7", "schedules 1 byday") in found
    assert ("gemeente.yml", "dienst 7", "schedules 1 opens_at") in found
    assert any("zwemles" in p.message for p in problems)


def test_duplicate_ids_are_an_error(shipped):
    doc = copy.deepcopy(shipped)
    doc["services"].append(copy.deepcopy(doc["services"][0]))
    problems = validate(doc, "x.yml")
    assert any(p.field == "id" and "twee keer" in p.message for p in problems)


def test_a_file_with_errors_changes_nothing_stored(shipped, tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'c.db'}")
    store(shipped, engine)
    before = read_services(engine, include_inactive=True)
    broken = copy.deepcopy(shipped)
    broken["services"] = broken["services"][:3]
    broken["services"][0]["status"] = "misschien"
    with pytest.raises(CatalogueError) as error:
        store(broken, engine)
    assert error.value.problems[0].field == "status"
    assert read_services(engine, include_inactive=True) == before


def test_store_keeps_hsds_tables(shipped, tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'c.db'}")
    store(shipped, engine)
    with Session(engine, future=True) as session:
        terms = session.execute(select(func.count()).select_from(m.TaxonomyTerm)).scalar_one()
        links = session.execute(select(func.count()).select_from(m.ServiceAtLocation)).scalar_one()
    assert terms >= 6 + 34
    assert links > 0
