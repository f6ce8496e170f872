"""Understanding, measured on the evaluation sets written apart from the training data.

    .venv/bin/python bench/understanding.py [--set report19|report18|...|report|dev] [--show-misses]

The sets in bench/data/understanding/ were written by separate writers (helpers who saw only the
taxonomy and the personas, never the training data). `report21_*` (170 crises, close calls and
not-a-need messages and 50 two-turn follow-ups, two helpers from report21_brief.md, 2026-12-08) is
reported, its misses never printed; a probe's slip printed once the 45 of its messages that the
crisis patterns read as danger, and nothing was changed after that for them. `dev22_*` (170
crises, close calls and not-a-need messages, the same day) is a dev set whose misses guided
training data and one crisis pattern. `report20_*` (170 crises, close calls and
not-a-need messages, one helper from report20_brief.md, 2026-12-07) is reported, its misses never
printed; `dev21_*` (150 crises and close calls, the same day) is a dev set whose misses guided
crisis patterns. `report19_*` (written 2026-12-07 by six
helpers from report19_brief.md, report18's brief renamed) is the default and its misses are never
printed; one after-run of it (new training data, not kept) joined the decision to leave that data
out (docs/measured.md). `report18_*` (the same kinds, six helpers from report18_brief.md, the brief of
report14 renamed: Dutch needs in two parts, Dutch crisis/close/not a need, follow-ups, and the
other languages in two parts) was reported before, its misses never printed. `report14_*` (the
same kinds, 2026-12-07) was reported before, its misses never printed; its Dutch crisis messages
were seen once (a writer's generator script was printed), so its crisis figures are not
clean. `report16_*` (60 crises, 10 of them in other languages, 45 close, 45 not a need; 2026-12-07)
measures crisis recall instead, its misses never printed. `report17_*` (156 first messages in
other languages, a second writer from report14_brief.md) was reported, its misses never printed.
`report15_*` (the same kinds, Dutch)
was run before and after one change, then its misses were read and guided the crisis patterns of
2026-12-07 (a dev set). `report13_*` (2026-12-07) was reported, then its misses were read (a dev
set). `report12_*`
(2026-12-06) was reported before and after its round and run three times; its misses were then
read and guide the fourteenth round, so its later figures are optimistic. `report11_*`
(2026-12-04) was reported before and after its round and run twice, its misses never printed. `report10_*` was
run three times untouched, then its misses were read and guided the eleventh round (its later
figures are optimistic). `report9_*` was
run before and after the round of 2026-12-03, then its misses were read and guided the next round
(its later figures are optimistic). `report8_*` was run once untouched (the figures at 2d399c0 in
docs/measured.md); its misses were then
read and guided the next round, so its later figures are optimistic. `report7_*` was reported
before and after its round and run since. `report6_*` was measured before and at three commits
after the changes it reported, none of which it guided. `report5_*` holds 60 crisis and 30
close-but-ordinary messages; one after-run of `report4_*` guided a decision (docs/measured.md);
`report3_*` and `report2_*` were reported before, their misses never printed; `report_*` was
measured often, so its figures are somewhat optimistic; `dev19_*` (2026-12-07: 130 messages
without a need and 70 close to crisis, written apart to read the misses) and `dev_*` may be looked
at (its misses guide changes, which makes its figures optimistic afterwards).

Starts the real action server and Rasa server (the model of the current training data), sends
each first message as the start of a new conversation through the REST webhook, and each
follow-up conversation turn by turn, then prints:
- needs: hit@1 (the first service has a fitting category) and hit@3 (one of the 1-3 services has
  one), overall, per style and per language;
- crisis: recall (the reply starts with the crisis numbers) per language and kind, and whether
  services follow when the message also names a need, and whether cards follow one that names
  none;
- close but ordinary messages: false alarms, and replies with services;
- not a need: replies with service cards;
- follow-ups: hit@3 on the last turn, and whether the neighbourhood and language asked for are
  respected by the first service;
- the time per chat turn (p50, p95).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.catalogue.catalogue import Catalogue  # noqa: E402
from bot.catalogue.models import make_engine  # noqa: E402
from bot.catalogue.repository import read_services  # noqa: E402
from bot.ops.launcher import Stack, build_catalogue, ensure_model  # noqa: E402
from tests.helpers import settings_in  # noqa: E402

SETS = ROOT / "bench" / "data" / "understanding"


def say(url: str, sender: str, text: str) -> tuple[list[dict[str, Any]], float]:
    body = json.dumps({"sender": sender, "message": text}).encode()
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            messages = json.loads(response.read())
    except urllib.error.HTTPError as error:  # a refused message counts as no answer
        messages = [{"error": error.code}]
    return messages, (time.perf_counter() - started) * 1000


def services_of(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        s
        for m in messages
        if (m.get("custom") or {}).get("type") == "services"
        for s in m["custom"]["services"]
    ]


def first_categories(services: list[dict[str, Any]]) -> list[str]:
    """The first category of each service, as a miss prints them."""
    return [service["categories"][0] for service in services]


def starts_with_crisis(messages: list[dict[str, Any]]) -> bool:
    return bool(messages) and (messages[0].get("custom") or {}).get("type") == "crisis"


def share(values: list[bool]) -> str:
    return f"{sum(values) / len(values):.3f} ({sum(values)}/{len(values)})" if values else "-"


def load(pattern: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    messages, follow_ups = [], []
    for path in sorted(SETS.glob(pattern)):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        messages += data.get("messages") or []
        follow_ups += data.get("follow_ups") or []
    return messages, follow_ups


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--set",
        choices=sorted({path.name.split("_")[0] for path in SETS.glob("*.yml")}),
        default="report19",
    )
    parser.add_argument("--only", help="measure one file of the set, e.g. --set dev --only other_languages_3")
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    first_messages, follow_ups = load(f"{args.set}_{args.only}.yml" if args.only else f"{args.set}_*.yml")
    with tempfile.TemporaryDirectory() as var:
        config = settings_in(var)
        build_catalogue(config)
        catalogue = Catalogue(read_services(make_engine(config.catalogue_url)))
        with Stack(config, ensure_model(), log_dir=Path(var) / "logs"):
            url = f"{config.rasa_url}/webhooks/rest/webhook"
            answers = [say(url, f"bench-{uuid.uuid4().hex}", item["text"]) for item in first_messages]
            conversations = []
            for item in follow_ups:
                sender = f"bench-{uuid.uuid4().hex}"
                conversations.append([say(url, sender, turn) for turn in item["turns"]])
    report(args, first_messages, answers, follow_ups, conversations, catalogue)


def report(args, first_messages, answers, follow_ups, conversations, catalogue: Catalogue) -> None:
    hit1: dict[str, list[bool]] = defaultdict(list)
    hit3: dict[str, list[bool]] = defaultdict(list)
    recall: dict[str, list[bool]] = defaultdict(list)
    crisis_then_services, alarms, close_with_services, not_need_services = [], [], [], []
    crisis_alone_services: list[bool] = []  # a danger that names no need: do cards follow anyway?
    need_alarms: dict[str, list[bool]] = defaultdict(list)
    timings = [ms for _, ms in answers] + [ms for turns in conversations for _, ms in turns]
    for item, (messages, _) in zip(first_messages, answers, strict=True):
        services = services_of(messages)
        # Writers sometimes label a crisis with the slug "crisis"; no service has it, and the format
        # asks for the need named beside the danger.
        wanted = set(item.get("categories") or []) - {"crisis"}
        language = item.get("language", "nl")
        group = "nl" if language == "nl" else "other languages"
        if item["expect"] == "need":
            first = bool(services) and bool(wanted & set(services[0]["categories"]))
            any_fit = bool(wanted & {c for s in services for c in s["categories"]})
            for key in ("all", group, f"language {language}", f"style {item.get('style', '?')}"):
                hit1[key].append(first)
                hit3[key].append(any_fit)
            need_alarms[group].append(starts_with_crisis(messages))
            if item.get("close_to_crisis"):
                alarms.append(starts_with_crisis(messages))
                close_with_services.append(bool(services))
                if args.show_misses and alarms[-1]:
                    print(f"false alarm [{language}/{item.get('style')}]: {item['text'][:100]!r}")
            if args.show_misses and not any_fit:
                got = first_categories(services)
                print(
                    f"need missed [{language}/{item.get('style')}]: {item['text'][:100]!r} "
                    f"wants {sorted(wanted)}, got {got}"
                )
        elif item["expect"] == "crisis":
            ok = starts_with_crisis(messages)
            for key in ("all", group, f"language {language}", f"kind {item.get('crisis_kind', '?')}"):
                recall[key].append(ok)
            if wanted:
                crisis_then_services.append(bool(wanted & {c for s in services for c in s["categories"]}))
                if args.show_misses and ok and not crisis_then_services[-1]:
                    got = first_categories(services)
                    print(
                        f"crisis without its need [{language}]: {item['text'][:80]!r} "
                        f"wants {sorted(wanted)}, got {got}"
                    )
            elif ok:
                crisis_alone_services.append(bool(services))
                if args.show_misses and services:
                    got = first_categories(services)
                    print(f"crisis alone with services [{language}]: {item['text'][:80]!r} got {got}")
            if args.show_misses and not ok:
                print(f"crisis missed [{language}/{item.get('crisis_kind')}]: {item['text'][:100]!r}")
        else:
            not_need_services.append(bool(services))
            if args.show_misses and services:
                print(f"not a need got services: {item['text'][:100]!r}")
    follow_hit, place_ok, language_ok = [], [], []
    for item, turns in zip(follow_ups, conversations, strict=True):
        services = services_of(turns[-1][0])
        wanted = set(item.get("categories") or [])
        follow_hit.append(bool(wanted & {c for s in services for c in s["categories"]}))
        if item.get("neighbourhood"):
            place_ok.append(bool(services) and services[0]["neighbourhood"] in (item["neighbourhood"], None))
        if item.get("language"):
            record = catalogue.get(services[0]["id"]) if services else None
            language_ok.append(record is not None and item["language"] in record.languages)
            if args.show_misses and not language_ok[-1]:
                spoken = list(record.languages) if record else None
                print(
                    f"language not spoken: {item['turns']!r} wants {item['language']}, first speaks {spoken}"
                )
        if args.show_misses and not follow_hit[-1]:
            got = first_categories(services)
            print(f"follow-up missed: {item['turns']!r} wants {sorted(wanted)}, got {got}")

    print(
        f"understanding on the {args.set} set "
        f"({len(first_messages)} first messages, {len(follow_ups)} follow-ups)"
    )
    print("needs: hit@1 / hit@3")
    for key in sorted(hit3, key=lambda k: (k != "all", k != "nl", k != "other languages", k)):
        print(f"  {key:28} {share(hit1[key]):>20} {share(hit3[key]):>20}")
    print("crisis recall")
    for key in sorted(recall, key=lambda k: (k != "all", k)):
        print(f"  {key:28} {share(recall[key]):>20}")
    print(f"  crisis that also names a need, services follow: {share(crisis_then_services)}")
    print(f"  crisis that names no need, services follow anyway: {share(crisis_alone_services)}")
    print(
        f"close but ordinary: false alarms {share(alarms)}, "
        f"replies with services {share(close_with_services)}"
    )
    print(
        "every need: replies that start with the crisis numbers "
        + ", ".join(f"{group} {share(values)}" for group, values in sorted(need_alarms.items()))
    )
    print(f"not a need, replies with services: {share(not_need_services)}")
    print(
        f"follow-ups: hit@3 {share(follow_hit)}, neighbourhood respected {share(place_ok)}, "
        f"language spoken {share(language_ok)}"
    )
    print(
        f"chat turn: p50 {statistics.median(timings):.0f} ms, "
        f"p95 {statistics.quantiles(timings, n=20)[-1]:.0f} ms ({len(timings)} turns)"
    )


if __name__ == "__main__":
    main()
