"""The read-only HSDS API under /hsds/, through a real web front end, its answers checked
against Open Referral's official schema (tests/data/hsds-3.0/)."""

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from bot.catalogue.formats.hsds_json import EXTENSION
from bot.catalogue.models import make_engine
from bot.catalogue.repository import load_document
from tests.helpers import web_call

SERVICE = json.loads((Path(__file__).parents[2] / "data/hsds-3.0/compiled/service.json").read_text("utf-8"))
TERM = SERVICE["properties"]["attributes"]["items"]["properties"]["taxonomy_term"]
SCHEMAS = {
    "services": SERVICE,
    "organizations": SERVICE["properties"]["organization"],  # HSDS's organization, inlined
    "taxonomy_terms": TERM,
    "taxonomies": TERM["properties"]["taxonomy_detail"],
}


def problems(kind, record):
    validator = Draft202012Validator(SCHEMAS[kind], format_checker=FormatChecker())
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(record)]


@pytest.mark.parametrize("kind", ["services", "organizations", "taxonomies", "taxonomy_terms"])
def test_every_list_pages_through_records_that_validate(catalogue_url, kind):
    status, first, _ = web_call(catalogue_url, "GET", f"/hsds/{kind}?per_page=200")
    assert status == 200 and first["page_number"] == 1 and first["first_page"] and not first["empty"]
    assert first["total_items"] == len(first["contents"]) == first["size"]
    assert all(problems(kind, record) == [] for record in first["contents"])
    status, one, _ = web_call(catalogue_url, "GET", f"/hsds/{kind}/{first['contents'][0]['id']}")
    assert status == 200 and one["id"] == first["contents"][0]["id"] and problems(kind, one) == []


def test_paging_splits_the_services_without_losing_or_repeating_one(catalogue_url):
    every = load_document(make_engine(catalogue_url))["services"]  # inactive ones too: HSDS has status
    seen, page = [], 1
    while True:
        status, body, _ = web_call(catalogue_url, "GET", f"/hsds/services?per_page=50&page={page}")
        assert status == 200
        seen += [service[EXTENSION]["id"] for service in body["contents"]]
        if body["last_page"]:
            break
        page += 1
    assert body["total_pages"] == page == -(-body["total_items"] // 50)
    assert len(seen) == len(set(seen)) == body["total_items"] == len(every)


def test_services_filter_by_term_organization_and_words(catalogue_url):
    _, terms, _ = web_call(catalogue_url, "GET", "/hsds/taxonomy_terms?per_page=200")
    debt = next(term for term in terms["contents"] if term["code"] == "schuldhulp")
    _, found, _ = web_call(catalogue_url, "GET", f"/hsds/services?taxonomy_term_id={debt['id']}")
    assert found["total_items"] >= 1
    assert all(debt["id"] in {a["taxonomy_term"]["id"] for a in s["attributes"]} for s in found["contents"])
    organization = found["contents"][0]["organization_id"]
    _, same, _ = web_call(catalogue_url, "GET", f"/hsds/services?organization_id={organization}&per_page=200")
    assert same["total_items"] >= 1 and {s["organization_id"] for s in same["contents"]} == {organization}
    _, searched, _ = web_call(catalogue_url, "GET", "/hsds/services?search=taalmaatje")
    assert searched["total_items"] >= 1
    _, parts, _ = web_call(catalogue_url, "GET", f"/hsds/taxonomy_terms?parent_id={debt['parent_id']}")
    assert debt["id"] in {term["id"] for term in parts["contents"]}


def test_an_organization_comes_with_its_services(catalogue_url):
    _, organizations, _ = web_call(catalogue_url, "GET", "/hsds/organizations?full_service=true&per_page=1")
    organization = organizations["contents"][0]
    assert organization["services"] and problems("organizations", organization) == []
    assert all(problems("services", service) == [] for service in organization["services"])


@pytest.mark.parametrize(
    "path",
    [
        "/hsds/services?page=0",
        "/hsds/services?page=%D9%A3",  # an Arabic-Indic digit
        "/hsds/services?per_page=1000",
        "/hsds/services?kleur=rood",
        "/hsds/services?format=ndjson",
        "/hsds/services?modified_after=2024-01-01",
        "/hsds/organizations?full_service=ja",
    ],
)
def test_bad_paging_or_parameters_get_a_400_in_dutch(catalogue_url, path):
    status, body, _ = web_call(catalogue_url, "GET", path)
    assert status == 400 and body["error"]


def test_what_the_specification_names_is_taken(catalogue_url):
    for path in ("/hsds/services?format=json&full=true", "/hsds/organizations?full=false"):
        assert web_call(catalogue_url, "GET", path)[0] == 200
    _, top, _ = web_call(catalogue_url, "GET", "/hsds/taxonomy_terms?top_only=true&per_page=200")
    assert top["total_items"] >= 6 and all("parent_id" not in term for term in top["contents"])


def test_an_unknown_id_is_a_json_404(catalogue_url):
    status, body, _ = web_call(catalogue_url, "GET", "/hsds/services/00000000-0000-0000-0000-000000000000")
    assert status == 404 and "Geen service" in body["error"]


def test_the_api_says_which_hsds_it_speaks(catalogue_url):
    status, body, _ = web_call(catalogue_url, "GET", "/hsds/")
    assert status == 200 and body["version"] == "3.0"


def test_another_publishers_odd_but_valid_record_is_served(tmp_path):
    """HSDS asks only an id of an attribute, and a publisher may send an empty phone item."""
    from bot.catalogue.formats import hsds_json
    from bot.catalogue.repository import store

    example = Path(__file__).parents[2] / "data/hsds-3.0/examples/service_full.json"
    service = json.loads(example.read_text("utf-8"))
    service["attributes"] = [{"id": "4a1b2c3d-0000-4000-8000-000000000003", "taxonomy_term_id": "x"}]
    service["phones"] = [None]
    path = tmp_path / "vreemd.json"
    path.write_text(json.dumps(service), encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'c.db'}"
    store(hsds_json.read(path), make_engine(url))
    status, page, _ = web_call(url, "GET", "/hsds/services?taxonomy_term_id=x")
    assert status == 200 and [s["name"] for s in page["contents"]] == ["Community Counselling"]
    assert page["contents"][0]["phones"][0]["number"] == service["organization"]["phones"][0]["number"]
