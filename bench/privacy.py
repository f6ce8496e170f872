"""Personal data planted in every kind of turn, and what of it reaches the store and the logs.

    .venv/bin/python bench/privacy.py

Starts the whole product on its embedded defaults in a temporary folder (its own catalogue, tracker
store and logs), holds conversations through the web front end that plant personal data (names,
BSN, IBAN, phone numbers, e-mail, postcodes, dates; several notations each) in first messages,
typed wheel answers, follow-ups, messages during a fault (the action server stopped) and
messages in other languages, then counts how many planted values can be found, byte for byte, in
the tracker store's database file and in every log file, before and after each person erases
their conversation. Budget (the trust issue): 0 and 0, before and after erasing.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.chat_client import Visitor  # noqa: E402
from bot.ops.launcher import Stack, build_catalogue, ensure_model  # noqa: E402
from tests.helpers import settings_in  # noqa: E402

# Each value is planted once and searched for as it was typed.
PLANTED = {
    "name": ["Fatima Yilmaz", "Jan de Vries", "Sanne Bakker", "Mohammed El Amrani", "Anna Kowalska"],
    "bsn": ["111222333", "111.222.333", "123 456 782", "1234.56.782"],
    "iban": ["NL91ABNA0417164300", "NL91 ABNA 0417 1643 00"],
    "phone": ["0612345678", "06-87654321", "+31 6 1122 3344", "020-7654321"],
    "e-mail": ["fatima.yilmaz@example.nl", "jan1960@example.com"],
    "postcode": ["1234 AB", "9876zx"],
    "date": ["12 maart 1985", "1985-03-12", "03-10-1961"],
    "street": ["Kerkstraat 12"],
}

CONVERSATIONS = [
    # a first message with a need
    ["Hallo, ik ben Fatima Yilmaz, mijn bsn is 111222333 en ik heb schulden", "ik woon op 1234 AB"],
    ["Mijn naam is Jan de Vries, geboren 12 maart 1985, bel me op 0612345678 over een taalmaatje"],
    # the wheel, with typed answers
    [
        "kunnen we naar mijn hele situatie kijken",
        "mijn dochter Sanne Bakker helpt me met het huishouden",
        "ik heb weinig contact, alleen met de buurvrouw, mail me op fatima.yilmaz@example.nl",
        "sla over",
        "mijn rekening is NL91ABNA0417164300 en die staat rood",
        "geboren 1985-03-12, ik wil graag cursussen volgen",
        "bsn 111.222.333, ik zoek werk",
        "koken",
    ],
    # follow-ups and a question about a person
    [
        "mijn buurman Mohammed El Amrani is vaak alleen",
        "hij woont op de Kerkstraat 12, 9876zx",
        "zijn nummer is 06-87654321",
    ],
    # other languages
    ["My name is Anna Kowalska, my phone is +31 6 1122 3344, I need help with debts"],
    ["Nazywam się Anna Kowalska, mój numer BSN to 123 456 782, szukam pracy"],
    # things that are not a need
    [
        "mijn bsn is 1234.56.782",
        "mijn iban is NL91 ABNA 0417 1643 00",
        "020-7654321 bel me",
        "jan1960@example.com",
    ],
]
# Typed words that are not personal data: found in the store, they show the search can find text.
CONTROL = ["schulden", "taalmaatje", "huishouden"]
# Said while the action server is stopped: errors are where texts used to leak into the logs.
DURING_FAULT = ["Ik ben Jan de Vries, geboren 03-10-1961, ik heb schulden"]


def found(files: list[Path]) -> dict[str, int]:
    content = b"".join(path.read_bytes() for path in files if path.exists())
    return {kind: sum(value.encode() in content for value in values) for kind, values in PLANTED.items()}


def report(title: str, counts: dict[str, int]) -> None:
    total = sum(counts.values())
    planted = sum(len(v) for v in PLANTED.values())
    detail = ", ".join(f"{kind} {n}" for kind, n in counts.items() if n) or "none"
    print(f"  {title:<34} {total:>3} of {planted} planted values found ({detail})")


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        config = settings_in(folder)
        build_catalogue(config)
        stack = Stack(config, ensure_model(), log_dir=Path(folder) / "logs")
        stack.start()
        try:
            visitors = []
            for conversation in CONVERSATIONS:
                visitor = Visitor(config.web_url)
                for text in conversation:
                    visitor.say(text)
                visitors.append(visitor)
            actions = stack.processes["actions"]
            os.killpg(actions.pid, signal.SIGSTOP)
            faulty = Visitor(config.web_url)
            for text in DURING_FAULT:
                faulty.say(text)
            os.killpg(actions.pid, signal.SIGCONT)
            visitors.append(faulty)
            time.sleep(1)
            store = [Path(config.tracker_db)]
            logs = sorted((Path(folder) / "logs").glob("*"))
            turns = sum(len(c) for c in CONVERSATIONS) + len(DURING_FAULT)
            print(f"{turns} turns in {len(visitors)} conversations, on {os.cpu_count()} cores.")
            print("Before erasing:")
            report("tracker store (database file)", found(store))
            report(f"logs ({len(logs)} files)", found(logs))
            content = Path(config.tracker_db).read_bytes()
            control = sum(word.encode() in content for word in CONTROL)
            print(
                f"  control: {control} of {len(CONTROL)} typed ordinary words found in the store"
                " (the search works)"
            )
            # Each person erases in the language they wrote in.
            erase = ["wis mijn gesprek"] * len(visitors)
            erase[4], erase[5] = "delete my data", "usuń moje dane"
            for visitor, text in zip(visitors, erase, strict=True):
                visitor.say(text)
            time.sleep(1)
            db = sqlite3.connect(config.tracker_db)
            left = db.execute("select count(distinct sender_id) from events").fetchone()[0]
            db.close()
            print(f"  conversations left in the store: {left} of {len(visitors)}")
            print("After each person erased their conversation:")
            report("tracker store (database file)", found(store))
            report(f"logs ({len(logs)} files)", found(logs))
        finally:
            stack.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
