"""Time from the run command to the first answer, and memory of each process.

    .venv/bin/python bench/startup.py [--train]

Starts `scripts/run` on free ports with its own var/ folder, sends "hallo" to the REST webhook
until the bot answers, reads the resident memory (VmRSS) of every process it started, then
stops it with Ctrl-C (SIGINT) as a person would. With --train the run starts with an empty
models folder and an empty Rasa cache, so the time includes training a model from scratch.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            found.append(int(child))
            found.extend(children(int(child)))
    return found


def command_line(pid: int) -> str:
    return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--train", action="store_true", help="also train a model from scratch")
    args = parser.parse_args()
    ports = {
        "MEEDOEN_RASA_PORT": free_port(),
        "MEEDOEN_ACTIONS_PORT": free_port(),
        "MEEDOEN_WEB_PORT": free_port(),
    }
    with tempfile.TemporaryDirectory() as var:
        env = dict(os.environ, MEEDOEN_VAR_DIR=var, **{k: str(v) for k, v in ports.items()})
        if args.train:
            env.update(MEEDOEN_MODELS_DIR=f"{var}/models", RASA_CACHE_DIRECTORY=f"{var}/cache")
        started = time.monotonic()
        run = subprocess.Popen(
            [str(ROOT / "scripts" / "run")],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        url = f"http://127.0.0.1:{ports['MEEDOEN_RASA_PORT']}/webhooks/rest/webhook"
        body = json.dumps({"sender": "bench-startup", "message": "hallo"}).encode()
        answer = None
        while answer is None and time.monotonic() - started < 900:
            try:
                request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
                with urllib.request.urlopen(request, timeout=30) as response:
                    answer = json.loads(response.read()) or None
            except OSError:
                time.sleep(0.2)
        first_answer = time.monotonic() - started
        print(
            f"run command to first answer: {first_answer:.1f} s "
            f"({'training a model from scratch first' if args.train else 'model already trained'})"
        )
        for pid in children(run.pid):
            cmd = command_line(pid)
            name = (
                "rasa server"
                if " run --model" in cmd
                else "action server"
                if "rasa_sdk" in cmd
                else "web front end"
                if "bot.web" in cmd
                else "launcher"
                if "bot.ops.launcher" in cmd
                else None
            )
            if name:
                print(f"resident memory, {name}: {rss_mb(pid):.0f} MB")
        stopping = time.monotonic()
        os.killpg(run.pid, signal.SIGINT)
        run.wait(timeout=60)
        print(f"Ctrl-C stops everything in {time.monotonic() - stopping:.1f} s (exit code {run.returncode})")


if __name__ == "__main__":
    main()
