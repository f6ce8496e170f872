"""Staff access to the municipality's pages (the insight page): users with scrypt password
hashes, a signed session cookie, a login that slows down guessing, and a log of what staff do
that names no person.

Users come from MEEDOEN_STAFF_USERS ("name:hash,name:hash"), made with

    .venv/bin/python -m bot.web.staff hash        # asks for the password, prints name:hash

The session is a signed cookie (HMAC-SHA256 with the web front end's secret: HttpOnly, SameSite
Strict, Secure behind HTTPS, 8 hours), so any web front end with the same secret accepts it and
nothing is stored. The lookup page stays public.
"""

from __future__ import annotations

import base64
import getpass
import hashlib
import hmac
import logging
import secrets
import sys
import time
from collections import defaultdict, deque
from collections.abc import Mapping

log = logging.getLogger("meedoen.staff")
SESSION_COOKIE = "meedoen_medewerker"
SESSION_SECONDS = 8 * 3600
# Guessing is slowed per address and per user name: this many failures in the window, then wait.
MAX_FAILURES = 5
FAILURE_WINDOW = 15 * 60
SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def password_hash(password: str, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, dklen=32, **SCRYPT)
    return "scrypt$" + base64.b64encode(salt).decode() + "$" + base64.b64encode(digest).decode()


def password_matches(password: str, stored: str) -> bool:
    try:
        kind, salt, _ = stored.split("$")
        if kind != "scrypt":
            return False
        return hmac.compare_digest(password_hash(password, base64.b64decode(salt)), stored)
    except (ValueError, TypeError):
        return False


def users_from(setting: str) -> dict[str, str]:
    """MEEDOEN_STAFF_USERS read: name -> hash. Entries without both parts are skipped."""
    users = {}
    for entry in setting.split(","):
        name, _, stored = entry.strip().partition(":")
        if name and stored:
            users[name] = stored
    return users


def pseudonym(name: str) -> str:
    """How the log names a staff member: the same every time, not their name."""
    return "medewerker-" + hashlib.sha256(name.encode()).hexdigest()[:8]


def session_value(secret: bytes, name: str, now: float | None = None) -> str:
    expires = int((now or time.time()) + SESSION_SECONDS)
    token = f"{base64.urlsafe_b64encode(name.encode()).decode()}.{expires}"
    return f"{token}.{_sign(secret, token)}"


def session_user(secret: bytes, value: str, users: Mapping[str, str], now: float | None = None) -> str | None:
    """The staff member a session cookie names, if this server signed it, it has not expired and
    the user still exists."""
    try:
        encoded, expires, signature = value.split(".")
        if not hmac.compare_digest(signature, _sign(secret, f"{encoded}.{expires}")):
            return None
        if int(expires) < (now or time.time()):
            return None
        name = base64.urlsafe_b64decode(encoded.encode()).decode()
    except (ValueError, UnicodeDecodeError):
        return None
    return name if name in users else None


def _sign(secret: bytes, token: str) -> str:
    return hmac.new(secret, b"staff:" + token.encode(), hashlib.sha256).hexdigest()


class Throttle:
    """Failed logins per key (an address, a user name) in a sliding window, in this process."""

    def __init__(self, limit: int = MAX_FAILURES, window: float = FAILURE_WINDOW):
        self.limit, self.window = limit, window
        self.failures: dict[str, deque[float]] = defaultdict(deque)

    def blocked(self, *keys: str, now: float | None = None) -> bool:
        now = now or time.time()
        for key in keys:
            times = self.failures[key]
            while times and times[0] < now - self.window:
                times.popleft()
        return any(len(self.failures[key]) >= self.limit for key in keys)

    def failed(self, *keys: str, now: float | None = None) -> None:
        for key in keys:
            self.failures[key].append(now or time.time())


def main(argv: list[str]) -> int:
    if argv[:1] != ["hash"]:
        print("Gebruik: python -m bot.web.staff hash   (vraagt naam en wachtwoord, geeft naam:hash)")
        return 2
    name = input("Naam: ").strip()
    password = getpass.getpass("Wachtwoord (minstens 12 tekens): ")
    if len(password) < 12 or ":" in name or "," in name or not name:
        print("Een naam zonder : of , en een wachtwoord van minstens 12 tekens, graag.")
        return 1
    print(f"{name}:{password_hash(password)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
