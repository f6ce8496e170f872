from collections import Counter

from bot.catalogue.models import make_engine
from bot.catalogue.repository import read_municipality, read_services
from bot.taxonomy import taxonomy

NEIGHBOURHOOD_CATEGORIES = ("contactvrouw", "taalmaatje", "wmo_loket", "sociaal_wijkteam")


def test_example_municipality_is_complete_and_marked_fictional(catalogue_url):
    engine = make_engine(catalogue_url)
    services = read_services(engine)
    info = read_municipality(engine).facts
    assert info["fictional"] == "True"
    assert len(services) >= 120
    assert len({s.organization for s in services}) >= 40
    per_category = Counter(c for s in services for c in s.categories)
    assert set(per_category) == set(taxonomy().categories), "every category has a service"
    assert min(per_category.values()) >= 2
    for category in NEIGHBOURHOOD_CATEGORIES:
        covered = {n for s in services if category in s.categories for n in s.neighbourhoods}
        assert covered == set(taxonomy().neighbourhoods), category


def test_every_service_has_a_phone_and_only_active_ones_are_read(catalogue_url):
    engine = make_engine(catalogue_url)
    active = read_services(engine)
    everything = read_services(engine, include_inactive=True)
    assert all(s.phone for s in active)
    assert all(s.status == "active" for s in active)
    assert len(everything) > len(active), "the example data has inactive services to filter"


def test_crisis_services_carry_the_real_national_numbers(catalogue_url):
    phones = {s.phone for s in read_services(make_engine(catalogue_url)) if "crisis" in s.categories}
    assert {"112", "0800-0113", "0800-2000"} <= phones


def test_payload_has_the_shape_of_the_interface(catalogue):
    service = catalogue.search("", category="taalmaatje", neighbourhood="Noord").hits[0].service
    payload = service.payload()
    assert set(payload) == {
        "id",
        "name",
        "summary",
        "categories",
        "domains",
        "neighbourhood",
        "contact",
        "cost",
        "languages_spoken",
        "opening_hours",
        "home_visit",
    }
    assert set(payload["contact"]) == {"phone", "email", "website", "address", "walk_in"}
    assert payload["categories"][0] == "taalmaatje"
    assert payload["domains"][0] == "opdoen_van_vaardigheden"
    assert payload["neighbourhood"] == "Noord"
    api = service.api()
    for key in ("description", "target_groups", "languages", "cost", "opening_hours", "updated"):
        assert key in api


def test_contact_women_speak_the_languages_of_the_neighbourhoods(catalogue):
    spoken = {lang for s in catalogue.services if "contactvrouw" in s.categories for lang in s.languages}
    assert {"ar", "tr", "ber", "ti", "pl", "uk"} <= spoken


def test_every_service_says_when_it_was_last_checked_and_what_it_costs(catalogue):
    assert all(s.updated and s.cost and s.keywords for s in catalogue.services)


def test_a_catalogue_database_made_by_an_older_version_is_upgraded_and_rebuilt(tmp_path, catalogue_url):
    """var/catalogue.db (or PostgreSQL) outlives the code: the columns added since (review, and
    hsds for another publisher's original) are added, and the catalogue builds as before."""
    import sqlalchemy

    from bot.catalogue.repository import load_document, store

    doc = load_document(make_engine(catalogue_url))
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    store(doc, engine)
    with engine.begin() as connection:
        for table in ("service", "organization", "location"):
            connection.execute(sqlalchemy.text(f"ALTER TABLE {table} DROP COLUMN hsds"))
        connection.execute(sqlalchemy.text("ALTER TABLE service DROP COLUMN review"))
    store(doc, engine)
    assert load_document(engine) == doc
    assert len(read_services(engine)) == len(read_services(make_engine(catalogue_url)))


def _location_table_of_an_older_version(engine):
    """As the product made it before a location's neighbourhood could be left out."""
    import sqlalchemy

    with engine.begin() as connection:
        run = connection.exec_driver_sql
        run("ALTER TABLE location RENAME TO location_before")
        run(
            "CREATE TABLE location (id VARCHAR NOT NULL PRIMARY KEY, name TEXT NOT NULL, description TEXT,"
            " address_1 TEXT, postal_code TEXT, city TEXT, neighbourhood TEXT NOT NULL, accessibility TEXT,"
            " latitude FLOAT, longitude FLOAT)"
        )
        run(
            "INSERT INTO location SELECT id, name, description, address_1, postal_code, city, neighbourhood,"
            " accessibility, latitude, longitude FROM location_before"
        )
        run("DROP TABLE location_before")
        assert connection.execute(sqlalchemy.text("SELECT count(*) FROM location")).scalar() > 0


def test_an_older_database_takes_a_location_without_neighbourhood(tmp_path, catalogue_url):
    from bot.catalogue.formats import hsds_json
    from bot.catalogue.repository import load_document, store
    from tests.bot.catalogue.test_formats import OFFICIAL_EXAMPLES

    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    store(load_document(make_engine(catalogue_url)), engine)
    _location_table_of_an_older_version(engine)
    store(hsds_json.read(OFFICIAL_EXAMPLES / "service_full.json"), engine)
    assert load_document(engine)["locations"][0].get("neighbourhood") is None


def test_a_store_that_fails_on_an_older_database_changes_nothing(tmp_path, catalogue_url):
    import pytest

    from bot.catalogue.repository import load_document, store

    doc = load_document(make_engine(catalogue_url))
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    store(doc, engine)
    _location_table_of_an_older_version(engine)
    broken = load_document(make_engine(catalogue_url))
    service = next(s for s in broken["services"] if s.get("locations"))
    service["locations"] = service["locations"][:1] * 2  # the database refuses a link twice
    with pytest.raises(Exception):  # noqa: B017 - the database's own error
        store(broken, engine)
    assert load_document(engine) == doc
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM location").scalar() == len(doc["locations"])
