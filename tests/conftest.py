"""Shared fixtures: a real SQLite catalogue built from the shipped data, a real trained model and
the real servers, each made once per test run."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.catalogue.catalogue import Catalogue
from bot.catalogue.formats import yaml_source
from bot.catalogue.models import make_engine
from bot.catalogue.repository import read_services, store
from bot.settings import CATALOGUE_SOURCE, PROJECT_ROOT, Settings
from tests.helpers import settings_in

SHARED = PROJECT_ROOT.parent / "shared"


@pytest.fixture(scope="session")
def catalogue_url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('catalogue') / 'catalogue.db'}"
    store(yaml_source.read(CATALOGUE_SOURCE), make_engine(url), file=CATALOGUE_SOURCE.name)
    return url


@pytest.fixture(scope="session")
def catalogue(catalogue_url) -> Catalogue:
    return Catalogue(read_services(make_engine(catalogue_url)))


@pytest.fixture(scope="session")
def trained_model() -> Path:
    from bot.ops.launcher import ensure_model

    return ensure_model()


@pytest.fixture(scope="session")
def stack_settings(tmp_path_factory, catalogue_url) -> Settings:
    from bot.web.staff import password_hash
    from tests.helpers import STAFF_NAME, STAFF_PASSWORD

    return settings_in(
        tmp_path_factory.mktemp("var"),
        catalogue_url=catalogue_url,
        staff_users=f"{STAFF_NAME}:{password_hash(STAFF_PASSWORD)}",
    )


@pytest.fixture(scope="session")
def stack(stack_settings, trained_model, tmp_path_factory):
    """The real action server, Rasa server and web front end, as scripts/run starts them."""
    from bot.ops.launcher import Stack

    with Stack(stack_settings, trained_model, log_dir=tmp_path_factory.mktemp("logs")) as running:
        yield running
