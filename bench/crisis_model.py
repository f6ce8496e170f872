"""Crisis recall of the trained model alone, without the crisis patterns: how often the model
itself would call a message danger (the guard's own rule), per kind of message.

    .venv/bin/python bench/crisis_model.py [--set dev[,report12,...]] [--model models/<name>.tar.gz]
                                           [--thresholds]

Why: new training data of heavy but ordinary needs can teach the model that danger told in other
words is a need. The patterns then hide the loss on the development set, whose misses they were
fitted to, while the messages nobody has written patterns for are missed. On 2026-12-03 the
"needs in other words" examples took the model's own Dutch crisis recall on the dev set from 69 to
57 of 95, which only this count showed. Run it before and after any change to data/nlu.

Loads the model in this process (rasa's Agent), records each message's intent ranking as it
reaches the crisis guard, and applies the guard's rule to the model's ranking alone.

With --thresholds: for the messages no crisis pattern reads (in the message or its Dutch gloss),
what other thresholds for the model's own crisis vote would catch and cost: dangers the model
alone catches against false alarms, in Dutch and in other languages. Run it on dev sets only.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.understanding import load  # noqa: E402
from bot.conversation import other_languages  # noqa: E402
from bot.language.detect import DUTCH, language_of  # noqa: E402
from bot.ops.launcher import ensure_model  # noqa: E402
from bot.rasa_plugins import crisis_guard  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", default="dev")
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--thresholds", action="store_true")
    args = parser.parse_args()
    items = [item for name in args.set.split(",") for item in load(f"{name}_*.yml")[0]]
    if not items:
        parser.error(f"no messages in the sets {args.set!r}")
    model = args.model or ensure_model()
    votes: dict[str, tuple[float, bool, bool]] = {}  # danger, ranked first, another language
    guard = crisis_guard.CrisisGuard.process

    def recording(self, messages):  # the model's ranking as it reaches the guard (rasa passes it by name)
        for message in messages:
            text = message.get("text") or ""
            ranking = [
                i for i in message.get("intent_ranking") or [] if i["name"] != crisis_guard.FALLBACK_INTENT
            ]
            danger = next((i["confidence"] for i in ranking if i["name"] == crisis_guard.CRISIS_INTENT), 0.0)
            other = language_of(text, other_languages.known()) != DUTCH
            votes[text] = (danger, bool(ranking) and ranking[0]["name"] == crisis_guard.CRISIS_INTENT, other)
        return guard(self, messages)

    crisis_guard.CrisisGuard.process = recording  # type: ignore[method-assign]
    from rasa.core.agent import Agent

    async def parse_all() -> None:
        agent = Agent.load(str(model))
        for item in items:
            await agent.parse_message(item["text"])

    asyncio.run(parse_all())
    groups: dict[str, list[bool]] = defaultdict(list)
    for item in items:
        kind = item["expect"] + (" (close to crisis)" if item.get("close_to_crisis") else "")
        where = "Dutch" if item.get("language") == "nl" else "other languages"
        groups[f"{kind}, {where}"].append(crisis_guard.model_says_crisis(*votes[item["text"]]))
    print(f"the model alone says danger, on the {args.set} set ({model.name}):")
    for name in sorted(groups):
        values = groups[name]
        print(f"  {name:40} {sum(values)}/{len(values)}")
    if args.thresholds:
        print_thresholds(items, votes)


def print_thresholds(items: list[dict], votes: dict[str, tuple[float, bool, bool]]) -> None:
    from bot.language.crisis import danger_read

    unread = []
    for item in items:
        text = item["text"]
        language = language_of(text, other_languages.known())
        if not danger_read(text, language):
            unread.append((item["expect"] == "crisis", *votes[text]))
    print("messages no pattern reads: dangers the model alone catches / false alarms, by threshold")
    print(
        f"  (now {crisis_guard.UNSURE_CRISIS} ranked first,"
        f" or {crisis_guard.CRISIS_ANYWHERE} anywhere in another language)"
    )
    for threshold in (0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6):
        line = []
        for other_language, where in ((False, "detected as Dutch"), (True, "other languages")):
            # (a danger, the model alarms at this threshold) per message in this language group
            rows = [
                (c, crisis_guard.model_says_crisis(d, f, o, threshold))
                for c, d, f, o in unread
                if o == other_language
            ]
            caught = sum(1 for danger, alarm in rows if danger and alarm)
            dangers = sum(1 for danger, _ in rows if danger)
            false = sum(1 for danger, alarm in rows if alarm and not danger)
            line.append(f"{where} {caught}/{dangers}, {false} false alarms")
        print(f"  {threshold:.2f}: " + "; ".join(line))


if __name__ == "__main__":
    main()
