"""The code on a wheel summary that shows the same wheel again next time, beside the new one
(as Positive Health's online "spinnenweb" shows the previous one). It holds the six statuses and
nothing else: no words, no identity, and nothing is kept on the server for it.

Four letters or digits ("K7Q2"): the statuses as a number (4 statuses, 6 domains: 4,096 wheels)
and a check, so that a typo gives "unknown code" rather than someone else's wheel. The alphabet
leaves out letters that look alike (I, L, O, U); typed in any case, O reads as 0 and I or L as 1.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping

from wordfreq import zipf_frequency

# The module, not its names: wheel.py imports this one while it is being loaded.
from bot.conversation import wheel

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32
LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
LENGTH = 4  # 20 bits: 12 for the statuses, 8 for the check


def _check(value: int) -> int:
    # A hash, not a sum: a typo in any place gives a wrong check nearly always (about 1 in 256).
    return hashlib.sha256(f"meedoenwijzer-wiel-{value}".encode()).digest()[0]


def code_of(statuses: Mapping[str, str | None]) -> str:
    value = 0
    for position, domain in enumerate(wheel.domains()):
        status = statuses.get(domain) or wheel.SKIPPED
        value += wheel.STATUSES.index(status if status in wheel.STATUSES else wheel.SKIPPED) * 4**position
    number = value << 8 | _check(value)
    return "".join(ALPHABET[(number >> (5 * i)) & 31] for i in reversed(range(LENGTH)))


def statuses_of(code: str) -> dict[str, str] | None:
    """The statuses of a code, or None when it is no code of this kind (a typo, say)."""
    text = "".join(code.split()).upper().translate(LOOKALIKES)
    if len(text) != LENGTH or any(c not in ALPHABET for c in text):
        return None
    number = 0
    for c in text:
        number = number << 5 | ALPHABET.index(c)
    value, check = number >> 8, number & 255
    if value >= 4 ** len(wheel.domains()) or check != _check(value):
        return None
    return {
        domain: wheel.STATUSES[(value // 4**position) % 4] for position, domain in enumerate(wheel.domains())
    }


def typed_code(text: str) -> str | None:
    """A wheel code typed into the chat ("DHNX", "mijn code is dhnx"), or None. A word counts when
    it is written in capitals, as the summary shows codes, or is no common Dutch word: "werk" is
    a need, even in the rare case that it is also a valid code."""
    for word in re.findall(r"\b[0-9A-Za-z]{4}\b", text):
        if (word.isupper() or zipf_frequency(word.lower(), "nl") < 2.0) and statuses_of(word) is not None:
            return word.upper()
    return None
