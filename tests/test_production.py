"""The production settings, for real: conversations and the catalogue in PostgreSQL, a Redis lock
store, and two Rasa servers serving the same conversation. Only configuration differs from the
embedded defaults (endpoints.production.yml and environment variables)."""

import json
import subprocess
import urllib.request
import uuid

import pytest
from sqlalchemy import create_engine, text

from bot.ops.launcher import BIN, Stack, build_catalogue, child_environment
from bot.settings import PROJECT_ROOT, Settings
from tests import helpers
from tests.helpers import free_port
from tests.services import postgres_server, redis_server, wait_until

pytestmark = [pytest.mark.servers, pytest.mark.model]


@pytest.fixture(scope="module")
def postgres():
    with postgres_server("tracker", "catalogue") as port:
        yield port


@pytest.fixture(scope="module")
def redis_port():
    with redis_server() as port:
        yield port


@pytest.fixture(scope="module")
def production(postgres, redis_port, trained_model, tmp_path_factory, monkeypatch_module):
    env = {
        "MEEDOEN_ENDPOINTS": "endpoints.production.yml",
        "MEEDOEN_TRACKER_DB_HOST": "127.0.0.1",
        "MEEDOEN_TRACKER_DB_PORT": str(postgres),
        "MEEDOEN_TRACKER_DB_NAME": "tracker",
        "MEEDOEN_TRACKER_DB_USER": "postgres",
        "MEEDOEN_TRACKER_DB_PASSWORD": "",
        "MEEDOEN_REDIS_HOST": "127.0.0.1",
        "MEEDOEN_REDIS_PORT": str(redis_port),
    }
    for key, value in env.items():
        monkeypatch_module.setenv(key, value)
    catalogue_url = f"postgresql+psycopg2://postgres@127.0.0.1:{postgres}/catalogue"
    config = Settings(
        "127.0.0.1",
        free_port(),
        free_port(),
        free_port(),
        catalogue_url,
        "unused",
        endpoints="endpoints.production.yml",
    )
    build_catalogue(config)
    logs = tmp_path_factory.mktemp("production-logs")
    with Stack(config, trained_model, log_dir=logs) as stack:
        second_port = free_port()
        with open(logs / "rasa-2.log", "wb") as log:
            second = subprocess.Popen(
                [
                    str(BIN / "rasa"),
                    "run",
                    "--model",
                    str(trained_model),
                    "--interface",
                    "127.0.0.1",
                    "--port",
                    str(second_port),
                    "--endpoints",
                    "endpoints.production.yml",
                    "--credentials",
                    "credentials.yml",
                ],
                cwd=PROJECT_ROOT,
                env=child_environment(config),
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            wait_until(
                lambda: urllib.request.urlopen(f"http://127.0.0.1:{second_port}/", timeout=2).status == 200,
                seconds=240,
            )
            yield stack, f"http://127.0.0.1:{second_port}", postgres
        finally:
            second.terminate()
            second.wait(timeout=30)


@pytest.fixture(scope="module")
def monkeypatch_module():
    patch = pytest.MonkeyPatch()
    yield patch
    patch.undo()


def say(base_url, sender, message):
    return helpers.say(base_url, message, sender)


def test_two_rasa_servers_share_one_conversation_in_postgresql(production):
    stack, second_url, pg_port = production
    sender = f"prod-{uuid.uuid4().hex}"
    first = say(stack.config.rasa_url, sender, "ik zoek iemand om nederlands mee te oefenen")
    assert next(m for m in first if m.get("custom"))["custom"]["services"][0]["categories"][0] == "taalmaatje"
    # The second server continues the same conversation: it knows the need from the first.
    refined = say(second_url, sender, '/inform_neighbourhood{"neighbourhood":"West"}')
    service = next(m for m in refined if m.get("custom"))["custom"]["services"][0]
    assert service["categories"][0] == "taalmaatje" and service["neighbourhood"] == "West"
    tracker = create_engine(f"postgresql+psycopg2://postgres@127.0.0.1:{pg_port}/tracker", future=True)
    with tracker.connect() as connection:
        count = connection.execute(
            text("SELECT count(*) FROM events WHERE sender_id = :s"), {"s": sender}
        ).scalar()
    assert count > 0
    say(second_url, sender, "wis dit gesprek")
    with tracker.connect() as connection:
        count = connection.execute(
            text("SELECT count(*) FROM events WHERE sender_id = :s"), {"s": sender}
        ).scalar()
    assert count == 0
    tracker.dispose()


def test_the_catalogue_api_reads_postgresql(production):
    stack, _, _ = production
    with urllib.request.urlopen(
        f"{stack.config.web_url}/api/services?q=schulden&limit=3", timeout=30
    ) as response:
        body = json.loads(response.read())
    assert body["total"] >= 1 and "schuldhulp" in body["results"][0]["categories"]


def test_every_message_takes_its_lock_in_redis(production, redis_port):
    import redis

    stack, _, _ = production
    client = redis.Redis(port=redis_port)
    before = client.info("stats")["total_commands_processed"]
    say(stack.config.rasa_url, f"prod-{uuid.uuid4().hex}", "hallo")
    # Rasa's RedisLockStore reads and writes the conversation's lock for each message.
    assert client.info("stats")["total_commands_processed"] - before >= 3
