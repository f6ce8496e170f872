"""The product under its own faults: do the crisis numbers still reach the person, does every
message get an answer, does it heal, and does a burst lose nothing?

    .venv/bin/python bench/faults.py [--burst 100] [--only faults|burst|fuzz]

Starts the whole product on its embedded defaults in a temporary folder (its own catalogue copy,
tracker store and logs; the launcher's healing loop runs as in scripts/run) and prints, per fault:
- crisis: the share of danger messages (Dutch, other languages, acute emergencies) whose reply
  starts with the crisis numbers, through the web front end as the chat page sends them;
- answered: the share of ordinary messages that got any answer, and the slowest answer;
- healed: seconds until /healthz is 200 again without anyone acting.
Faults: none, the catalogue database gone, the action server killed, the action server frozen
(SIGSTOP), the Rasa server killed in the middle of the wheel. Then a burst of conversations at
once (5 turns each, back to back): turns lost, turns stored but not answered or answered but
not stored, cross-talk (a conversation in the store holding another visitor's message). Then a fuzz of every
endpoint with bad input: answers of 500 and up, and tracebacks in the answers.

Budgets (the trust issue): crisis 100% under every fault; the killed action server answered
within 5 s and healed within 30 s; burst: 0 lost, 0 half stored, 0 cross-talk; fuzz: 0 5xx, 0
tracebacks. (Under a fault a 503 with the safety net's messages is the intended answer.)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.chat_client import Visitor, has_crisis_numbers  # noqa: E402
from bot.ops.launcher import Stack, build_catalogue, ensure_model  # noqa: E402
from tests.helpers import settings_in  # noqa: E402

DANGER = [
    "ik wil niet meer leven",
    "mijn man slaat mij en ik ben bang",
    "mijn vader ligt op de grond en reageert niet",
    "er is brand in de keuken",
    "ik denk erover om een eind aan mijn leven te maken",
    "I want to kill myself",
    "my husband hits me",
    "أريد أن أموت",
    "kocam beni dövüyor",
    "chcę umrzeć",
    "я хочу померти",
    "я хочу умереть",
]
ORDINARY = ["hallo", "ik heb schulden", "ik zoek een taalmaatje", "ik woon in Noord", "dank je wel"]
BURST_TURNS = ["hallo", "ik heb schulden", "ik woon in Zuid", "ik zoek ook een taalmaatje", "bedankt"]


def healthy(config) -> bool:
    try:
        with urllib.request.urlopen(f"{config.web_url}/healthz", timeout=3) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def heal(stack: Stack, within: float = 240) -> float:
    """Run the launcher's healing loop until the product is whole; the seconds it took."""
    started = time.monotonic()
    while time.monotonic() - started < within:
        stack.heal(say=lambda *a, **k: None)
        if healthy(stack.config):
            return time.monotonic() - started
        time.sleep(0.25)
    return float("inf")


def probe(config, label: str, healed: float | None = None) -> dict:
    crisis = sum(has_crisis_numbers(Visitor(config.web_url).say(text)[1]) for text in DANGER)
    answers = [Visitor(config.web_url).say(text) for text in ORDINARY]
    answered = sum(bool(messages) for _, messages, _ in answers)
    slowest = max(seconds for _, _, seconds in answers)
    row = {"fault": label, "crisis": crisis, "answered": answered, "slowest": slowest, "healed": healed}
    healed_text = "" if healed is None else f"   healed in {healed:.1f} s"
    print(
        f"  {label:<34} crisis {crisis}/{len(DANGER)}   answered {answered}/{len(ORDINARY)}"
        f"   slowest {slowest:.1f} s{healed_text}",
        flush=True,
    )
    return row


def faults(stack: Stack) -> list[dict]:
    config = stack.config
    rows = [probe(config, "none")]

    catalogue_file = config.catalogue_url.removeprefix("sqlite:///")
    os.rename(catalogue_file, catalogue_file + ".gone")
    rows.append(probe(config, "catalogue database gone"))
    os.rename(catalogue_file + ".gone", catalogue_file)

    actions = stack.processes["actions"]
    os.killpg(actions.pid, signal.SIGKILL)
    actions.wait()
    row = probe(config, "action server killed")
    row["healed"] = heal(stack)
    print(f"  {'':<34} whole again {row['healed']:.1f} s after the probe", flush=True)
    rows.append(row)

    actions = stack.processes["actions"]
    os.killpg(actions.pid, signal.SIGSTOP)
    rows.append(probe(config, "action server frozen"))
    os.killpg(actions.pid, signal.SIGCONT)

    visitor = Visitor(config.web_url)
    visitor.say("kunnen we naar mijn hele situatie kijken")
    visitor.say("gaat goed")
    rasa = stack.processes["rasa"]
    os.killpg(rasa.pid, signal.SIGKILL)
    rasa.wait()
    row = probe(config, "Rasa server killed mid-wheel")
    row["healed"] = heal(stack)
    _, messages, _ = visitor.say("ik wil meer")
    went_on = any(b.get("title") == "Gaat goed" for m in messages for b in m.get("buttons") or [])
    print(
        f"  {'':<34} whole again {row['healed']:.1f} s after the probe; the wheel went on: "
        f"{'yes' if went_on else 'no'}",
        flush=True,
    )
    rows.append(row)
    return rows


def burst(config, conversations: int) -> None:
    visitors = [Visitor(config.web_url) for _ in range(conversations)]
    results: list[list[tuple[int, list, float]]] = [[] for _ in visitors]

    def converse(index: int) -> None:
        # The first message carries the visitor's number, to find cross-talk in the store.
        for text in [f"hallo, ik ben bezoeker {index}", *BURST_TURNS[1:]]:
            results[index].append(visitors[index].say(text, timeout=60))

    threads = [threading.Thread(target=converse, args=(i,)) for i in range(conversations)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    took = time.monotonic() - started
    time.sleep(1)
    db = sqlite3.connect(config.tracker_db)
    stored = dict(
        db.execute("select sender_id, count(*) from events where type_name = 'user' group by sender_id")
    )
    greetings: dict[str, list[str]] = {}
    for sender, data in db.execute("select sender_id, data from events where type_name = 'user'"):
        text = json.loads(data).get("text") or ""
        if text.startswith("hallo, ik ben bezoeker"):
            greetings.setdefault(sender, []).append(text)
    db.close()
    lost = half = cross = busy = 0
    latencies = []
    for index, (visitor, turns) in enumerate(zip(visitors, results, strict=True)):
        answered = [messages for status, messages, _ in turns if status == 200 and messages]
        busy += sum(
            1 for _, messages, _ in turns if any("erg druk" in (m.get("text") or "") for m in messages)
        )
        latencies += [seconds for _, _, seconds in turns]
        lost += len(BURST_TURNS) - len(answered)
        half += abs(stored.get(visitor.conversation() or "", 0) - len(answered))
        # The page never sees its conversation id, so cross-talk is read from the store: a
        # conversation holding another visitor's greeting, or missing its own.
        cross += greetings.get(visitor.conversation() or "", []) != [f"hallo, ik ben bezoeker {index}"]
    latencies.sort()
    total = conversations * len(BURST_TURNS)
    print(
        f"  {conversations} conversations x {len(BURST_TURNS)} turns at once: {total / took:.1f} turns/s, "
        f"p50 {latencies[len(latencies) // 2]:.2f} s, p95 {latencies[int(len(latencies) * 0.95)]:.2f} s\n"
        f"  lost {lost}, half stored {half}, cross-talk {cross}, 'erg druk' answers {busy}",
        flush=True,
    )


def fuzz(config, per_endpoint: int = 300) -> None:
    rng = random.Random(8)
    nasty = [
        "",
        "²",
        "٣",
        "-1",
        "1e9",
        "\x00",
        "\n",
        "'",
        '"',
        "<script>",
        "%",
        "{}",
        "[]",
        "ä" * 300,
        "1" * 50,
    ]

    def value() -> str:
        return rng.choice(nasty) + rng.choice(["", "noord", "schulden", "ar", "Noord"])

    def body() -> bytes:
        shapes = [
            lambda: json.dumps({"message": value()}),
            lambda: json.dumps({"sender": value(), "message": value()}),
            lambda: json.dumps({"message": {"a": value()}}),
            lambda: json.dumps([value()]),
            lambda: "[" * 3000 + "]" * 3000,
            lambda: value(),
            lambda: json.dumps({"sender": "fuzz-" + str(rng.randint(0, 9)), "message": "/" + value()}),
        ]
        return rng.choice(shapes)().encode("utf-8", "surrogatepass")

    endpoints = {
        "/api/services": lambda: (
            "GET",
            f"{config.web_url}/api/services?"
            + urllib.parse.urlencode(
                {
                    rng.choice(["q", "limit", "neighbourhood", "language", "domain", "x"]): value()
                    for _ in range(2)
                }
            ),
            None,
        ),
        "/api/services/{id}": lambda: (
            "GET",
            f"{config.web_url}/api/services/{urllib.parse.quote(value())}",
            None,
        ),
        "/wheel.svg": lambda: (
            "GET",
            f"{config.web_url}/wheel.svg?" + urllib.parse.urlencode({value() or "x": value()}),
            None,
        ),
        "/api/chat": lambda: ("POST", f"{config.web_url}/api/chat", body()),
        "/webhooks/rest/webhook": lambda: ("POST", f"{config.rasa_url}/webhooks/rest/webhook", body()),
    }
    for name, make in endpoints.items():
        errors = tracebacks = 0
        for _ in range(per_endpoint):
            method, url, data = make()
            request = urllib.request.Request(
                url, data=data, method=method, headers={"Content-Type": "application/json"}
            )
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    status, text = response.status, response.read().decode("utf-8", "replace")
            except urllib.error.HTTPError as error:
                status, text = error.code, error.read().decode("utf-8", "replace")
            except OSError:
                status, text = 0, ""
            # A 503 with the safety net's messages is not an error here; anything else 5xx is.
            errors += status >= 500 and not (status == 503 and text.startswith("["))
            errors += status == 0
            tracebacks += "Traceback" in text or 'File "' in text
        print(
            f"  {name:<26} {per_endpoint} requests: 5xx or no answer {errors}, tracebacks {tracebacks}",
            flush=True,
        )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--burst", type=int, default=100)
    parser.add_argument("--only", choices=("faults", "burst", "fuzz"), help="run only this part")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        config = settings_in(folder)
        build_catalogue(config)
        stack = Stack(config, ensure_model(), log_dir=Path(folder) / "logs")
        started = time.monotonic()
        stack.start()
        print(f"On {os.cpu_count()} cores; the product started in {time.monotonic() - started:.0f} s.")
        try:
            if args.only in (None, "faults"):
                print("Faults (crisis numbers first / ordinary messages answered):")
                faults(stack)
            if args.only in (None, "burst"):
                print("Burst:")
                burst(config, args.burst)
            if args.only in (None, "fuzz"):
                print("Fuzz:")
                fuzz(config)
        finally:
            stack.stop()
            shutil.rmtree(Path(folder) / "logs", ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
