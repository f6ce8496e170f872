"""Settings come from the environment in one place, and a placeholder never becomes a file name."""

import re
from pathlib import Path

import pytest

from bot.rasa_plugins.tracker_store import PrivateSQLTrackerStore
from bot.settings import PROJECT_ROOT, SettingError, settings


def test_defaults_are_the_embedded_ones():
    config = settings({})
    assert (config.rasa_port, config.actions_port, config.web_port) == (5005, 5055, 8080)
    assert config.catalogue_url == f"sqlite:///{PROJECT_ROOT / 'var' / 'catalogue.db'}"
    assert config.public_url == "http://127.0.0.1:8080"
    assert config.retention_days == 30


def test_the_environment_changes_them_and_children_get_the_same():
    env = {
        "MEEDOEN_VAR_DIR": "/tmp/elders",
        "MEEDOEN_WEB_PORT": "9000",
        "MEEDOEN_PUBLIC_URL": "https://x.nl",
        "MEEDOEN_RETENTION_DAYS": "7",
        "MEEDOEN_ENDPOINTS": "endpoints.production.yml",
    }
    config = settings(env)
    assert config.tracker_db == "/tmp/elders/tracker.db" and config.log_dir == Path("/tmp/elders/logs")
    assert config.public_url == "https://x.nl" and config.retention_days == 7
    assert settings(config.as_environment()) == config


def test_services_on_other_hosts_are_found_by_their_url_and_workers_are_set():
    config = settings(
        {
            "MEEDOEN_RASA_URL": "http://meedoenwijzer-rasa:5005",
            "MEEDOEN_ACTIONS_URL": "http://meedoenwijzer-actions:5055",
            "MEEDOEN_RASA_WORKERS": "3",
        }
    )
    assert config.rasa_url == "http://meedoenwijzer-rasa:5005"
    assert config.actions_url == "http://meedoenwijzer-actions:5055"
    assert config.rasa_workers == 3 and config.lock_db.endswith("locks.db")
    assert settings(config.as_environment()) == config
    for wrong in ("0", "twee"):
        with pytest.raises(SettingError):
            settings({"MEEDOEN_RASA_WORKERS": wrong})


def test_an_unfilled_placeholder_is_a_clear_error_not_a_file():
    with pytest.raises(SettingError, match="placeholder"):
        settings({"MEEDOEN_TRACKER_DB": "${MEEDOEN_TRACKER_DB}"})


def test_the_tracker_store_refuses_an_unfilled_placeholder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SettingError, match="placeholder"):
        PrivateSQLTrackerStore(dialect="sqlite", db="${MEEDOEN_TRACKER_DB}")
    assert list(tmp_path.iterdir()) == [], "no file named after the placeholder"


def test_no_module_but_settings_reads_the_environment():
    reads = re.compile(r"os\.environ\.get|os\.environ\[|os\.getenv|environ\.get\(")
    found = [
        str(path.relative_to(PROJECT_ROOT))
        for folder in ("bot", "actions")
        for path in (PROJECT_ROOT / folder).rglob("*.py")
        if path.name != "settings.py" and reads.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []
