"""The run command: starts every process, answers, and Ctrl-C stops them all."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.ops import launcher
from bot.settings import PROJECT_ROOT
from tests.helpers import free_port


def test_fingerprint_changes_with_the_training_data_and_not_otherwise(tmp_path, monkeypatch):
    for name in ("config.yml", "domain.yml", "requirements.lock"):
        (tmp_path / name).write_text(name)
    (tmp_path / "data" / "nlu").mkdir(parents=True)
    (tmp_path / "data" / "nlu" / "a.yml").write_text("nlu: []")
    (tmp_path / "README.md").write_text("x")
    monkeypatch.setattr(launcher, "PROJECT_ROOT", tmp_path)
    first = launcher.training_fingerprint()
    (tmp_path / "README.md").write_text("y")
    assert launcher.training_fingerprint() == first
    (tmp_path / "data" / "nlu" / "a.yml").write_text("nlu: [1]")
    assert launcher.training_fingerprint() != first


def descendants(pid):
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            found += [int(child), *descendants(int(child))]
    return found


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/status").read_text()
    return "State:\tZ" not in status


@pytest.mark.servers
@pytest.mark.model
def test_run_starts_everything_and_ctrl_c_stops_every_process(trained_model, tmp_path):
    env = dict(
        os.environ,
        MEEDOEN_VAR_DIR=str(tmp_path),
        MEEDOEN_RASA_PORT=str(free_port()),
        MEEDOEN_ACTIONS_PORT=str(free_port()),
        MEEDOEN_WEB_PORT=str(free_port()),
        MEEDOEN_MODELS_DIR=str(trained_model.parent),
        PYTHONPATH=str(PROJECT_ROOT),
    )
    run = subprocess.Popen(
        [sys.executable, "-m", "bot.ops.launcher"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output = []
    deadline = time.monotonic() + 240
    for line in run.stdout:
        output.append(line)
        if "Press Ctrl-C" in line or time.monotonic() > deadline:
            break
    text = "".join(output)
    assert "is up to date" in text, "an unchanged model is not trained again"
    assert f"http://127.0.0.1:{env['MEEDOEN_WEB_PORT']}" in text
    children = descendants(run.pid)
    assert len(children) >= 3
    run.send_signal(signal.SIGINT)
    assert run.wait(timeout=60) == 0
    assert "All processes stopped." in run.stdout.read()
    assert [pid for pid in children if alive(pid)] == []


class ShortLivedStack(launcher.Stack):
    """A stack of one child that ends at once, to see the launcher start it again."""

    def commands(self):
        return {"worker": ([sys.executable, "-c", "print('ran')"], "")}


def test_a_child_that_ends_is_started_again_with_a_growing_pause(tmp_path):
    stack = ShortLivedStack(launcher.settings({"MEEDOEN_VAR_DIR": str(tmp_path)}), Path("model"), tmp_path)
    stack._spawn("worker")
    stack.processes["worker"].wait()
    said = []
    assert stack.heal(say=lambda text, **kw: said.append(text)) == ["worker"], "the first restart is at once"
    stack.processes["worker"].wait()
    assert stack.heal(say=lambda text, **kw: said.append(text)) == [], "the second waits a second"
    time.sleep(1.1)
    assert stack.heal(say=lambda text, **kw: said.append(text)) == ["worker"]
    stack.processes["worker"].wait()
    assert said[0] == "worker ended with code 0; starting it again in 0 s."
    assert said[1] == "worker ended with code 0; starting it again in 1 s."
    # Every run of the child is in the one log, the earlier ones first.
    assert (tmp_path / "worker.log").read_text().split() == ["ran", "ran", "ran"]


def test_earlier_runs_logs_are_kept_until_the_retention_period_ends(tmp_path):
    (tmp_path / "rasa.log").write_text("why it ended")
    (tmp_path / "empty.log").write_text("")
    ancient = tmp_path / "rasa.20200101-000000.old"
    ancient.write_text("long ago")
    os.utime(ancient, (time.time() - 40 * 86400,) * 2)
    launcher.keep_logs(tmp_path, days=30)
    kept = list(tmp_path.glob("rasa.*.old"))
    assert [p.read_text() for p in kept] == ["why it ended"]
    assert not (tmp_path / "rasa.log").exists() and (tmp_path / "empty.log").exists()


def test_a_broken_catalogue_source_starts_with_the_last_good_catalogue(tmp_path, capfd):
    from bot.catalogue.models import make_engine
    from bot.catalogue.repository import read_services

    config = launcher.settings({"MEEDOEN_VAR_DIR": str(tmp_path)})
    broken = tmp_path / "broken.yml"
    broken.write_text("services: [this is: not: valid", encoding="utf-8")
    with pytest.raises(subprocess.CalledProcessError):
        launcher.prepare_catalogue(config, broken)  # nothing to fall back on: stop
    launcher.prepare_catalogue(config)  # the shipped source
    good = len(read_services(make_engine(config.catalogue_url)))
    launcher.prepare_catalogue(config, broken)
    assert "starting with the last good one" in capfd.readouterr().err
    assert len(read_services(make_engine(config.catalogue_url))) == good > 100


def test_every_server_gets_one_thread_per_math_library_unless_the_environment_says_otherwise(monkeypatch):
    from bot.ops.launcher import child_environment
    from bot.settings import Settings

    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "4")
    env = child_environment(Settings())
    assert env["OMP_NUM_THREADS"] == "1" and env["MKL_NUM_THREADS"] == "1"
    assert env["OPENBLAS_NUM_THREADS"] == "4"
