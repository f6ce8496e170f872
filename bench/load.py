"""Many people chatting at once, through the REST webhook, on the embedded defaults.

    .venv/bin/python bench/load.py [--people 50] [--saturation 20] [--turns 10]

Starts the whole product in a temporary folder (as scripts/run does) and runs, one after the
other:
- human pace: `--people` conversations at once, each sending `--turns` messages with a pause of
  2.5-7.5 s (uniform) after each answer, the first one within 0-7.5 s of the start (people
  arrive one after another); a mix of turns: a greeting, needs, a neighbourhood, the wheel
  (start and answers), thanks; then the same with all first messages in the same instant;
- saturation: `--saturation` conversations back to back (the next message as soon as the answer
  is in), the same mix;
- the yardstick: the same saturation with only "dank je wel" in conversations that have already
  started: a bare Rasa text turn (a rule that utters a response, no custom action);
- a suggestion turn alone: the same saturation with only a need ("ik heb schulden").
For each it prints throughput, p50/p95/p99, errors (no 200 or an empty reply) and cross-talk (a
reply addressed to another sender), and at the end the memory of each process (resident and
proportional, see memory_mb).

Budgets (issue 10, 2 cores): human pace p95 <= 300 ms, p99 <= 600 ms, 0 errors, 0 cross-talk;
saturation >= 30 turns/s; a suggestion turn <= 1.5x a bare text turn; all processes <= 1.3 GB.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.ops.launcher import Stack, build_catalogue, ensure_model  # noqa: E402
from tests.helpers import settings_in  # noqa: E402

MIX = [
    "hallo",
    "ik heb schulden en de brieven stapelen zich op",
    "ik woon in Noord",
    "ik zoek iemand om Nederlands mee te oefenen",
    "kunnen we naar mijn hele situatie kijken",
    "gaat goed",
    "ik wil meer",
    "sla over",
    "ik ben vaak alleen",
    "dank je wel",
]


def turn(
    url: str, sender: str, text: str, connection: http.client.HTTPConnection | None = None
) -> tuple[float, bool, bool]:
    """(seconds, answered, cross-talk) for one message; on `connection` when given (kept alive,
    as the web front end keeps its connections to Rasa), else on a new connection."""
    body = json.dumps({"sender": sender, "message": text}).encode()
    started = time.perf_counter()
    try:
        if connection is None:
            request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=60) as response:
                status, raw = response.status, response.read()
        else:
            connection.request("POST", urlsplit(url).path, body, {"Content-Type": "application/json"})
            response = connection.getresponse()
            status, raw = response.status, response.read()
        messages = json.loads(raw)
        ok = status == 200 and bool(messages)
    except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException):
        if connection is not None:
            connection.close()  # http.client opens it again at the next request
        return time.perf_counter() - started, False, False
    cross = any(m.get("recipient_id") != sender for m in messages)
    return time.perf_counter() - started, ok, cross


def run(
    url: str,
    conversations: int,
    texts: list[str],
    pace: tuple[float, float] | None,
    warm: bool,
    spread: float = 0.0,
    product: list[int] | None = None,
    keep_alive: bool = False,
) -> dict:
    """Each conversation sends `texts` in turn; `spread`: its first message comes after a random
    0-`spread` s, as people who arrive on the page one after another (0: all in the same instant).
    `product`: the pids of the product's processes, whose CPU time per turn is then measured
    (the load generator runs on the same cores, so throughput alone mixes in its share)."""
    results: list[tuple[float, bool, bool]] = []
    lock = threading.Lock()
    senders = [f"load-{uuid.uuid4().hex}" for _ in range(conversations)]
    if warm:  # the conversations have started already: no session start in the measured turns
        for sender in senders:
            turn(url, sender, "hallo")

    def converse(sender: str, seed: int) -> None:
        rng = random.Random(seed)
        where = urlsplit(url)
        connection = (
            http.client.HTTPConnection(where.hostname, where.port, timeout=60) if keep_alive else None
        )
        time.sleep(rng.uniform(0, spread))
        for text in texts:
            outcome = turn(url, sender, text, connection)
            with lock:
                results.append(outcome)
            if pace:
                time.sleep(rng.uniform(*pace))

    threads = [threading.Thread(target=converse, args=(s, i)) for i, s in enumerate(senders)]
    cpu_before = cpu_seconds(product or [])
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    took = time.perf_counter() - started
    cpu = cpu_seconds(product or []) - cpu_before
    times = sorted(seconds for seconds, _, _ in results)

    def at(q: float) -> float:
        return times[min(len(times) - 1, int(q * len(times)))] * 1000

    return {
        "turns": len(results),
        "per_second": len(results) / took,
        "p50": at(0.50),
        "p95": at(0.95),
        "p99": at(0.99),
        "errors": sum(not ok for _, ok, _ in results),
        "cross": sum(cross for _, _, cross in results),
        "cpu_ms": cpu * 1000 / max(1, len(results)) if product else None,
    }


def show(label: str, r: dict) -> None:
    print(
        f"  {label:<44} {r['turns']:>4} turns  {r['per_second']:5.1f} turns/s  "
        f"p50 {r['p50']:6.0f} ms  p95 {r['p95']:6.0f} ms  p99 {r['p99']:6.0f} ms  "
        f"errors {r['errors']}  cross-talk {r['cross']}"
        + (f"  CPU {r['cpu_ms']:.0f} ms/turn" if r.get("cpu_ms") is not None else ""),
        flush=True,
    )


def descendants(pid: int) -> list[int]:
    """The process and all its children, grandchildren...; [] when it is gone."""
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
        found.append(current)
    return found


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU time of these processes and their descendants so far."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in {p for root in pids for p in descendants(root)}:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return total


def memory_mb(pid: int) -> tuple[float, float]:
    """(resident, proportional) memory of a process and all its descendants, in MB. Resident
    counts a page shared by several processes (a Rasa worker forked from its parent) in each of
    them; proportional (PSS) divides it among them, so the sum is what the product holds."""
    rss = pss = 0.0
    for current in descendants(pid):
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text().splitlines()
            rss += next(int(line.split()[1]) for line in rollup if line.startswith("Rss:")) / 1024
            pss += next(int(line.split()[1]) for line in rollup if line.startswith("Pss:")) / 1024
        except (OSError, StopIteration):
            continue
    return rss, pss


def compare_suggestion_with_bare(url: str, conversations: int, turns: int, product: list[int]) -> None:
    bare = run(url, conversations, ["dank je wel"] * turns, None, True, product=product)
    show("yardstick: a bare Rasa text turn ('dank je wel')", bare)
    need = run(url, conversations, ["ik heb schulden"] * turns, None, True, product=product)
    show("a suggestion turn alone ('ik heb schulden')", need)
    print(
        f"  a suggestion turn costs {need['cpu_ms'] / bare['cpu_ms']:.2f}x a bare text turn in CPU time "
        f"of the product's processes ({bare['per_second'] / need['per_second']:.2f}x in throughput)"
    )


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=50)
    parser.add_argument("--saturation", type=int, default=20)
    parser.add_argument("--turns", type=int, default=10)
    return parser.parse_args()


def measure(url: str, args: argparse.Namespace, product: dict[str, int]) -> None:
    """Every line of the benchmark against the webhook at `url`; `product`: the product's
    processes by name, whose CPU time per turn and memory are measured."""
    texts = (MIX * (args.turns // len(MIX) + 1))[: args.turns]
    pids = list(product.values())
    # People arrive one after another: each one's first message comes within the first pause
    # (0-7.5 s), as the next ones do. The second line is the harsher wave in which all of them
    # press Enter in the same instant.
    show(
        f"{args.people} people at a human pace (2.5-7.5 s)",
        run(url, args.people, texts, (2.5, 7.5), False, spread=7.5),
    )
    show("the same, all starting in the same instant", run(url, args.people, texts, (2.5, 7.5), False))
    show(
        f"{args.saturation} conversations back to back, the mix",
        run(url, args.saturation, texts, None, False, product=pids),
    )
    # The web front end keeps its connections to Rasa open; the lines above open one per
    # message, as a client straight on the webhook might.
    show(
        "the same, each conversation on one kept-alive connection",
        run(url, args.saturation, texts, None, False, product=pids, keep_alive=True),
    )
    compare_suggestion_with_bare(url, args.saturation, args.turns, pids)
    memory = {name: memory_mb(pid) for name, pid in product.items()}
    print(
        "Memory (resident / proportional): "
        + ", ".join(f"{name} {rss:.0f} / {pss:.0f} MB" for name, (rss, pss) in memory.items())
        + f"; all {sum(r for r, _ in memory.values()):.0f}"
        + f" / {sum(p for _, p in memory.values()):.0f} MB"
    )


def main() -> int:
    args = arguments()
    with tempfile.TemporaryDirectory() as folder:
        config = settings_in(folder)
        build_catalogue(config)
        stack = Stack(config, ensure_model(), log_dir=Path(folder) / "logs")
        stack.start()
        try:
            print(f"On {os.cpu_count()} cores, through the REST webhook:")
            measure(
                f"{config.rasa_url}/webhooks/rest/webhook",
                args,
                {name: process.pid for name, process in stack.processes.items()},
            )
        finally:
            stack.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
