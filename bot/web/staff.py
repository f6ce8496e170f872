"""Staff access to the municipality's pages (the insight page): users with scrypt password
hashes, a signed session cookie, a login that slows down guessing, and a log of what staff do
that names no person.

Users come from MEEDOEN_STAFF_USERS ("name:hash,name:hash"), made with

    .venv/bin/python -m bot.web.staff hash        # asks for the password, prints name:hash

The session is a signed cookie (HMAC-SHA256 with the web front end's secret: HttpOnly, SameSite
Strict, Secure behind HTTPS, 8 hours), so any web front end with the same secret accepts it.
Logging out (a POST) ends it for good: the digest of its signature is kept in the insight
database until it would have expired, and every front end refuses it from then on. The lookup
page stays public.
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
from collections.abc import Mapping

from sqlalchemy import Column, Integer, MetaData, String, Table, func, select
from sqlalchemy.engine import Engine

from bot.insight.tally import ready, remember_once

log = logging.getLogger("meedoen.staff")
SESSION_COOKIE = "meedoen_medewerker"
SESSION_SECONDS = 8 * 3600
# Guessing is slowed per address and per user name: this many failures in the window, then wait.
MAX_FAILURES = 5  # per address and name
MAX_FAILURES_PER_NAME = 25  # from any address
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
        return hmac.compare_digest(password_hash(password, base64.b64decode(salt)).encode(), stored.encode())
    except (ValueError, TypeError):
        return False


# Checked for a name that does not exist, so that its answer takes as long as a wrong password's.
NO_SUCH_USER = password_hash(secrets.token_urlsafe(16))


def login_matches(users: Mapping[str, str], name: str, password: str) -> bool:
    """One scrypt whether or not the name exists: the time does not tell which names do."""
    stored = users.get(name)
    matches = password_matches(password, stored or NO_SUCH_USER)
    return stored is not None and matches


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
        if not hmac.compare_digest(signature.encode(), _sign(secret, f"{encoded}.{expires}").encode()):
            return None
        if int(expires) < (now or time.time()):
            return None
        name = base64.urlsafe_b64decode(encoded.encode()).decode()
    except (ValueError, UnicodeError):
        return None
    return name if name in users else None


metadata = MetaData()
ended_sessions = Table(
    "staff_session_ended",
    metadata,
    Column("signature_digest", String, primary_key=True),
    Column("expires", Integer, nullable=False),
)


def _digest(value: str) -> str:
    return hashlib.sha256(value.rpartition(".")[2].encode()).hexdigest()


def end_session(engine: Engine, value: str, now: float | None = None) -> None:
    """The session of this cookie ends on every front end (logout); ended sessions that would
    have expired anyway are forgotten."""
    now = now or time.time()
    try:
        expires = int(value.split(".")[1])
    except (IndexError, ValueError):
        return
    row = {"signature_digest": _digest(value), "expires": expires}
    remember_once(engine, ended_sessions, row, forget=ended_sessions.c.expires < now)


def session_ended(engine: Engine, value: str) -> bool:
    ready(engine, metadata)
    with engine.connect() as connection:
        found = connection.execute(
            ended_sessions.select().where(ended_sessions.c.signature_digest == _digest(value))
        ).first()
    return found is not None


def _sign(secret: bytes, token: str) -> str:
    return hmac.new(secret, b"staff:" + token.encode(), hashlib.sha256).hexdigest()


login_failures = Table(
    "staff_login_failure",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key_digest", String, nullable=False, index=True),
    Column("at", Integer, nullable=False),
)


class Throttle:
    """Failed logins per key in a sliding window, in the insight database, so that every web front
    end counts the same failures. Logins are keyed per address and name together (5), so one
    person's typos or someone else's guessing from another address do not lock a colleague out,
    and per name alone with a higher limit (25), which stops guessing spread over many addresses.
    Keys are kept as digests: the database holds no address and no name."""

    def __init__(self, engine: Engine, window: float = FAILURE_WINDOW):
        self.engine, self.window = engine, window

    def blocked(self, limits: Mapping[str, int], now: float | None = None) -> bool:
        """Whether any key has reached its limit of failures (one query for all keys)."""
        ready(self.engine, metadata)
        since = (now or time.time()) - self.window
        digests = {_key(key): limit for key, limit in limits.items()}
        with self.engine.connect() as connection:
            failures = connection.execute(
                select(login_failures.c.key_digest, func.count())
                .where(login_failures.c.key_digest.in_(digests), login_failures.c.at >= since)
                .group_by(login_failures.c.key_digest)
            ).all()
        return any(count >= digests[digest] for digest, count in failures)

    def failed(self, *keys: str, now: float | None = None) -> None:
        ready(self.engine, metadata)
        now = now or time.time()
        with self.engine.begin() as connection:
            # Failures older than the window are forgotten.
            connection.execute(login_failures.delete().where(login_failures.c.at < now - self.window))
            for key in keys:
                connection.execute(login_failures.insert().values(key_digest=_key(key), at=int(now)))


def _key(key: str) -> str:
    return hashlib.sha256(b"staff-login:" + key.encode()).hexdigest()


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
