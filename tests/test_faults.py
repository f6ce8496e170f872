"""The product under its own faults, on a stack of its own (it kills and freezes its processes):
the crisis numbers always reach the person, every message gets an answer, and the launcher
makes the product whole again without anyone acting."""

import os
import shutil
import signal
import time
import urllib.error
import urllib.request

import pytest

from tests.helpers import new_sender, payloads, settings_in, texts

pytestmark = [pytest.mark.model, pytest.mark.servers]

DANGER = "ik wil niet meer leven"


@pytest.fixture(scope="module")
def fault_stack(tmp_path_factory, catalogue_url, trained_model):
    from bot.ops.launcher import Stack

    folder = tmp_path_factory.mktemp("faults")
    own_catalogue = folder / "catalogue.db"
    shutil.copy(catalogue_url.removeprefix("sqlite:///"), own_catalogue)
    config = settings_in(folder, catalogue_url=f"sqlite:///{own_catalogue}")
    with Stack(config, trained_model, log_dir=folder / "logs") as running:
        yield running


def say(stack, text, sender=None, timeout=60):
    import json

    request = urllib.request.Request(
        f"{stack.config.rasa_url}/webhooks/rest/webhook",
        data=json.dumps({"sender": sender or new_sender(), "message": text}).encode(),
        headers={"Content-Type": "application/json"},
    )
    started = time.monotonic()
    with urllib.request.urlopen(request, timeout=timeout) as response:
        assert response.status == 200
        return json.loads(response.read()), time.monotonic() - started


def healthy(stack):
    try:
        with urllib.request.urlopen(f"{stack.config.web_url}/healthz", timeout=5) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def heal_until_healthy(stack, within):
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        stack.heal(say=lambda *a, **k: None)
        if healthy(stack):
            return time.monotonic() - (deadline - within)
        time.sleep(0.5)
    raise AssertionError(f"not whole again within {within} s")


def test_healthz_reports_every_part(fault_stack):
    import json

    with urllib.request.urlopen(f"{fault_stack.config.web_url}/healthz", timeout=5) as response:
        parts = json.loads(response.read())
    assert parts == {
        "status": "ok",
        "web": True,
        "catalogue": True,
        "rasa": True,
        "model": True,
        "tracker_store": True,
        "actions": True,
    }


def test_killed_action_server_the_numbers_still_come_a_need_gets_a_kind_answer_and_it_heals(fault_stack):
    actions = fault_stack.processes["actions"]
    os.killpg(actions.pid, signal.SIGKILL)
    actions.wait()
    assert not healthy(fault_stack), "/healthz says the action server is gone"
    crisis, _ = say(fault_stack, DANGER)
    assert crisis[0]["custom"]["type"] == "crisis"
    need, seconds = say(fault_stack, "ik heb schulden")
    assert seconds < 5
    assert "er ging bij mij iets mis" in texts(need) and "14 0999" in texts(need)
    took = heal_until_healthy(fault_stack, within=30)
    assert payloads(say(fault_stack, "ik heb schulden")[0], "services"), f"whole again after {took:.0f} s"


def test_frozen_action_server_the_person_hears_it_is_busy_and_danger_gets_the_numbers(fault_stack):
    actions = fault_stack.processes["actions"]
    os.killpg(actions.pid, signal.SIGSTOP)
    try:
        crisis, _ = say(fault_stack, DANGER)
        assert crisis[0]["custom"]["type"] == "crisis"
        need, seconds = say(fault_stack, "ik zoek een taalmaatje")
        assert seconds < 25
        assert "erg druk" in texts(need)
    finally:
        os.killpg(actions.pid, signal.SIGCONT)
    assert payloads(say(fault_stack, "ik zoek een taalmaatje")[0], "services")


def test_catalogue_gone_after_the_start_danger_gets_the_numbers_and_nothing_is_silent(fault_stack):
    catalogue_file = fault_stack.config.catalogue_url.removeprefix("sqlite:///")
    kept = catalogue_file + ".kept"
    os.rename(catalogue_file, kept)
    try:
        sender = new_sender()
        crisis, _ = say(fault_stack, "mijn man slaat me, ik ben bang", sender)
        assert crisis[0]["custom"]["type"] == "crisis"
        for text in ("ik heb schulden", "hallo", "ik woon in Noord"):
            answer, _ = say(fault_stack, text, sender)
            assert texts(answer), text
    finally:
        os.rename(kept, catalogue_file)


def test_the_rasa_server_killed_the_web_page_still_gives_the_numbers_and_it_heals(fault_stack):
    import json

    rasa = fault_stack.processes["rasa"]
    os.killpg(rasa.pid, signal.SIGKILL)
    rasa.wait()
    request = urllib.request.Request(
        f"{fault_stack.config.web_url}/api/chat",
        data=json.dumps({"message": DANGER}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(request, timeout=30)
    assert answer.value.code == 503
    assert json.loads(answer.value.read())[0]["custom"]["type"] == "crisis"
    heal_until_healthy(fault_stack, within=180)
    assert say(fault_stack, DANGER)[0][0]["custom"]["type"] == "crisis"
