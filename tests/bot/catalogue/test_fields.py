"""The field table drives every format: each field reaches the database, the spreadsheet and HSDS."""

import csv

from bot.catalogue import models as m
from bot.catalogue.fields import LOCATION_FIELDS, ORGANIZATION_FIELDS, SERVICE_FIELDS, columns
from bot.catalogue.formats import hsds_json, staff_csv
from bot.catalogue.formats.hsds_json import EXTENSION
from bot.catalogue.models import make_engine
from bot.catalogue.repository import load_document


def test_every_stored_field_has_its_column_in_the_database():
    for fields, table in (
        (ORGANIZATION_FIELDS, m.Organization),
        (LOCATION_FIELDS, m.Location),
        (SERVICE_FIELDS, m.Service),
    ):
        assert {f.column for f in columns(fields)} <= set(table.__table__.columns.keys())


def test_every_field_is_a_column_of_the_staff_spreadsheet(catalogue_url, tmp_path):
    staff_csv.write(load_document(make_engine(catalogue_url)), tmp_path)
    for name, fields in (
        ("organizations.csv", ORGANIZATION_FIELDS),
        ("locations.csv", LOCATION_FIELDS),
        ("services.csv", SERVICE_FIELDS),
    ):
        with (tmp_path / name).open(encoding="utf-8-sig") as handle:
            assert next(csv.reader(handle)) == [f.csv_column for f in fields]


def test_every_service_field_reaches_hsds_as_a_property_or_in_the_extension(catalogue_url):
    doc = load_document(make_engine(catalogue_url))
    exported = hsds_json.export(doc)["services"]
    by_id = {s[EXTENSION]["id"]: s for s in exported}  # the HSDS id is a UUID; the slug travels along
    for service in doc["services"]:
        out = by_id[service["id"]]
        for field in SERVICE_FIELDS:
            if field.name not in service or field.column is None and field.hsds is None:
                continue  # absent, or a relation with its own HSDS shape (attributes, areas, ...)
            if field.hsds is None:
                assert out[EXTENSION][field.name] == service[field.name], field.name
            elif "[]." in field.hsds:
                items, key = field.hsds.split("[].")
                assert out[items][0][key] == service[field.name], field.name
            else:
                assert out[field.hsds] is not None, field.name
