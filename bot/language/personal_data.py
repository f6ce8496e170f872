"""Personal data kept out of everything stored or logged: one scrubber for every place text lands.

The bot never needs personal data: it points people to services, it does not handle their case.
So what people type is scrubbed before it is stored (the tracker store) or logged (the log filter
in bot.rasa_plugins): person names and street addresses by `deduce`, the de-identification
library made for Dutch text (UMC Utrecht), and by the patterns below (which also run when deduce
cannot): e-mail, IBAN, phone numbers, citizen service numbers (BSN) in every common notation,
postcodes with or without a house number, and dates in digits and in words.

deduce is loaded without its lookup lists of place names, streets, hospitals and care
institutions: they take about a minute to load and add nothing here (a place is not a person's
data; a street with its number is still caught by deduce's street pattern).
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
DIGIT_SEPARATOR = r"[\s.\-]?"
NINE_DIGITS = re.compile(r"(?<![\d.\-])\d(?:" + DIGIT_SEPARATOR + r"\d){8}(?![\d\-]|\.\d)")

PATTERNS = (
    (re.compile(r"\b[\w.+-]+@[\w-]+(\.[\w-]+)+\b"), "[e-mail]"),
    (re.compile(r"\b[A-Z]{2}\d{2}\s?[A-Z]{4}(\s?\d){7,10}\b", re.IGNORECASE), "[rekeningnummer]"),
    (re.compile(r"(?<![\d-])(\+31|0031|0)[\s-]?(\(0\)[\s-]?)?(\d[\s-]?){8}\d(?![\d-])"), "[telefoonnummer]"),
    (re.compile(r"\b\d{1,2}[-/.]\d{1,2}[-/.](\d{4}|\d{2})\b"), "[datum]"),
    (re.compile(r"\b(19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}\b"), "[datum]"),
    (re.compile(rf"\b\d{{1,2}}\s+({MONTHS})\.?(\s+'?(\d{{4}}|\d{{2}}))?\b", re.IGNORECASE), "[datum]"),
    # "1234 AB", "1234AB 12", "1234ab": lower case only without a space ("1985 of" is no postcode).
    (re.compile(r"\b\d{4}(\s?[A-Z]{2}|[a-z]{2})\b(\s+\d+\s?[a-zA-Z]?\b)?"), "[postcode]"),
)
# deduce's tags, as this product's placeholders.
DEDUCE_TAGS = {
    "persoon": "[naam]",
    "patient": "[naam]",
    "locatie": "[adres]",
    "telefoonnummer": "[telefoonnummer]",
    "email": "[e-mail]",
    "bsn": "[bsn]",
    "datum": "[datum]",
    "url": "[link]",
    "id": "[nummer]",
}
DEDUCE_TAG = re.compile(r"<([A-Z_]+)-\d+>")
# Every mark the scrubber writes, so that other code can tell them from a letter template's fields.
UNKNOWN_MARK = "[gegevens]"  # for a deduce tag this product has no mark of its own for
MARKS = frozenset({mark for _, mark in PATTERNS} | set(DEDUCE_TAGS.values()) | {UNKNOWN_MARK})
# deduce's lookup annotators left out (see the module's docstring).
# The age a person gives ("ik ben 45") is left too: it identifies nobody and shows what was asked.
DEDUCE_LEFT_OUT = ("placename", "street_lookup", "hospital", "institution", "age")
# The word lists the annotators kept look up. deduce builds all of them; the streets, places,
# hospitals and institutions nobody looks up any more cost 235 MB and 3 s in every process.
DEDUCE_LOOKUP_SETS = (
    "prefixes",
    "first_names",
    "first_name_exceptions",
    "interfixes",
    "interfix_surnames",
    "surnames",
    "surname_exceptions",
    "whitelist",
)


def passes_eleven_check(digits: str) -> bool:
    """The BSN's check: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is a multiple of 11."""
    total = sum(int(d) * w for d, w in zip(digits, (9, 8, 7, 6, 5, 4, 3, 2, -1), strict=True))
    return total % 11 == 0 and digits != "000000000"


def _nine_digits(match: re.Match) -> str:
    digits = re.sub(r"\D", "", match.group())
    return "[bsn]" if passes_eleven_check(digits) else "[nummer]"


@lru_cache(maxsize=1)
def _deduce() -> Any:
    """deduce, loaded once per process (about 0.4 s, 12 MB), or None when it cannot load."""
    try:
        import deduce
        import deduce.deduce
        import docdeid
        from deduce import lookup_sets
        from deduce.deduce import Deduce

        def used_lookup_sets() -> Any:
            collection = docdeid.ds.DsCollection()
            for name in DEDUCE_LOOKUP_SETS:
                collection[name] = getattr(lookup_sets, f"_get_{name}")()
            return collection

        # deduce 2.5 installs its configuration beside its package.
        config_path = Path(deduce.__file__).resolve().parent.parent / "config.json"
        config = json.loads(config_path.read_text(encoding="utf-8"))
        for name in DEDUCE_LEFT_OUT:
            config["annotators"].pop(name, None)

        class SmallDeduce(Deduce):
            def _initialize_config(self) -> dict:
                return config

        # Deduce.__init__ calls the module's get_lookup_sets(); deduce is pinned (2.5.0).
        everything = deduce.deduce.get_lookup_sets
        deduce.deduce.get_lookup_sets = used_lookup_sets
        try:
            return SmallDeduce()
        except KeyError:  # an annotator that needs a list left out: build them all (235 MB more)
            log.warning("deduce needs more word lists than DEDUCE_LOOKUP_SETS; all are loaded")
            deduce.deduce.get_lookup_sets = everything
            return SmallDeduce()
        finally:
            deduce.deduce.get_lookup_sets = everything
    except Exception:  # noqa: BLE001 - the patterns below still run
        log.exception("deduce could not be loaded; names are not scrubbed")
        return None


def preload() -> None:
    """Load deduce now (at the start of a server), not during the first person's turn."""
    _deduce()


def _names_and_addresses(text: str) -> str:
    deidentifier = _deduce()
    if deidentifier is None:
        return text
    try:
        clean = deidentifier.deidentify(text).deidentified_text
    except Exception:  # noqa: BLE001 - a text deduce cannot read keeps the pattern scrubbing
        log.warning("deduce could not read a text; only the patterns scrubbed it")
        return text
    return DEDUCE_TAG.sub(lambda m: DEDUCE_TAGS.get(m.group(1).lower(), UNKNOWN_MARK), clean)


def scrub(text: str) -> str:
    """The text without personal data; a text without any comes back unchanged."""
    if not text or not text.strip():
        return text
    for pattern, placeholder in PATTERNS:
        text = pattern.sub(placeholder, text)
    text = NINE_DIGITS.sub(_nine_digits, text)
    return _names_and_addresses(text)


def scrub_value(value: Any) -> Any:
    """A stored value (a slot, an entity, metadata) with every text in it scrubbed."""
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, list):
        return [scrub_value(v) for v in value]
    if isinstance(value, dict):
        return {k: scrub_value(v) for k, v in value.items()}
    return value


class ScrubbingFilter(logging.Filter):
    """A log handler's filter that scrubs every record before it is written."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a record that cannot be formatted is dropped
            return False
        record.msg, record.args = scrub(message), ()
        if record.exc_info and record.exc_info[1] is not None:
            # The exception's text may quote what was typed; the traceback's lines stay.
            error = record.exc_info[1]
            record.exc_text = None
            with contextlib.suppress(Exception):  # an exception whose args cannot be set
                error.args = tuple(scrub(str(a)) if isinstance(a, str) else a for a in error.args)
        return True


def scrub_logs() -> None:
    """Put the scrubbing filter on every handler of the root logger (once)."""
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, ScrubbingFilter) for f in handler.filters):
            handler.addFilter(ScrubbingFilter())
