"""Reading a story sentence by sentence (bot/rasa_plugins/story_reading.py): what it changes in
the model's ranking of the needs, and what it costs per message.

    .venv/bin/python bench/story_reading.py [--set report13|report12|...|dev]

Loads the trained model (no servers) and parses every need told in several sentences of the set
twice, with the sentences read and without (the splitter switched off), then prints hit@1 and
hit@3 of the model's need ranking alone (before the catalogue's words, which the chat adds) and
the parse time per message, p50 and p95, over all first messages of the set.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import bot.rasa_plugins.story_reading as story_reading  # noqa: E402
from bot.language.meaning import NEED_PREFIX  # noqa: E402
from bot.language.story import sentences_of  # noqa: E402
from bot.ops.launcher import ensure_model  # noqa: E402

SETS = ROOT / "bench" / "data" / "understanding"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[int(share * (len(ordered) - 1))]


def first_needs(parsed: dict[str, Any], k: int) -> list[str]:
    names = [i["name"] for i in parsed["intent_ranking"] if i["name"].startswith(NEED_PREFIX)]
    return [name.removeprefix(NEED_PREFIX) for name in names[:k]]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", default="dev")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    from rasa.core.agent import Agent

    agent = Agent.load(str(ensure_model()))
    items = [
        item
        for path in sorted(SETS.glob(f"{args.set}_*.yml"))
        for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("messages") or []
    ]
    stories = [i for i in items if i.get("expect") == "need" and sentences_of(i["text"])]
    for item in items[:20]:  # warm up
        asyncio.run(agent.parse_message(item["text"]))
    for label, splitter in (("sentences read", sentences_of), ("read whole", lambda _text: [])):
        story_reading.sentences_of = splitter
        times, parsed = [], {}
        for item in items:
            started = time.perf_counter()
            parsed[item["text"]] = asyncio.run(agent.parse_message(item["text"]))
            times.append((time.perf_counter() - started) * 1000)
        hits = [
            sum(bool(set(first_needs(parsed[s["text"]], k)) & set(s["categories"])) for s in stories)
            for k in (1, 3)
        ]
        print(
            f"{label:15s} needs told in sentences ({len(stories)}): model hit@1 {hits[0] / len(stories):.3f}"
            f" ({hits[0]}), hit@3 {hits[1] / len(stories):.3f} ({hits[1]}); parse of all {len(items)}"
            f" first messages p50 {percentile(times, 0.5):.1f} ms, p95 {percentile(times, 0.95):.1f} ms"
        )
    story_reading.sentences_of = sentences_of


if __name__ == "__main__":
    main()
