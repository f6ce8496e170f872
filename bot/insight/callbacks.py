"""Call-back requests for the sociaal wijkteam: "Wilt u dat iemand u terugbelt?".

Asked on the chat page after "met een mens praten", and stored only with the person's explicit
yes: a checked phone number, a time of day, the neighbourhood and the needs of the conversation
as categories (never their words). The number never passes the Rasa server or its conversation
store: the page sends it straight to the web front end. A request is deleted when staff mark it
done, and after 14 days in any case.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Column, Date, MetaData, String, Table, delete, func, select
from sqlalchemy.engine import Engine

from bot.insight.tally import ready

KEEP_DAYS = 14
TIMES_OF_DAY = {
    "ochtend": "in de ochtend",
    "middag": "in de middag",
    "avond": "aan het begin van de avond",
    "maakt_niet_uit": "op een werkdag",
}
# Dutch numbers as people type them: 06 12345678, 0612-345678, 010-1234567, +31 6 1234 5678, 0031...
PHONE_CHARACTERS = re.compile(r"^[0-9+()\-. ]{10,20}$")
# Numbers nobody is called back on: free and paid service lines, internet and machine numbers.
SERVICE_NUMBERS = ("0800", "0900", "0906", "0909", "084", "087")

metadata = MetaData()
requests_table = Table(
    "callback_request",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("created", Date, nullable=False),
    Column("neighbourhood", String(40), nullable=False),  # "" when not said
    Column("categories", String(200), nullable=False),  # comma-separated category slugs
    Column("time_of_day", String(20), nullable=False),
    Column("phone", String(20), nullable=False),
    # A hash of the conversation it came from: one open request per conversation.
    Column("conversation", String(64), nullable=False, index=True),
)
# More open requests than this is a flood, not the people of one municipality's week.
MAX_OPEN = 1000


class Refused(Exception):
    """A request not stored: one is open for this conversation already, or there are too many."""


@dataclass(frozen=True)
class CallbackRequest:
    id: str
    created: dt.date
    neighbourhood: str
    categories: tuple[str, ...]
    time_of_day: str
    phone: str


def checked_phone(typed: str) -> str | None:
    """A Dutch phone number in ten digits ("0612345678"), or None when it is not one."""
    if not PHONE_CHARACTERS.match(typed.strip()):
        return None
    digits = re.sub(r"\D", "", typed)
    if typed.strip().startswith("+31"):
        digits = "0" + digits[2:]
    elif digits.startswith("0031"):
        digits = "0" + digits[4:]
    if not re.fullmatch(r"0[1-9][0-9]{8}", digits) or digits.startswith(SERVICE_NUMBERS):
        return None
    return digits


def store(
    engine: Engine,
    phone: str,
    time_of_day: str,
    neighbourhood: str,
    categories: Sequence[str],
    today: dt.date | None = None,
    conversation: str = "",
) -> str:
    expire(engine, today)
    request_id = str(uuid.uuid4())
    key = hashlib.sha256(conversation.encode()).hexdigest() if conversation else request_id
    with engine.begin() as connection:
        if connection.execute(
            select(requests_table.c.id).where(requests_table.c.conversation == key)
        ).first():
            raise Refused("U hebt al gevraagd om terugbellen. Een medewerker belt u.")
        if connection.execute(select(func.count()).select_from(requests_table)).scalar_one() >= MAX_OPEN:
            raise Refused("Het lukt nu niet om dit te bewaren. Bel zelf de gemeente: 14 0999.")
        connection.execute(
            requests_table.insert().values(
                id=request_id,
                created=today or dt.date.today(),
                neighbourhood=neighbourhood,
                categories=",".join(categories),
                time_of_day=time_of_day,
                phone=phone,
                conversation=key,
            )
        )
    return request_id


def expire(engine: Engine, today: dt.date | None = None) -> int:
    """Delete the requests older than 14 days (at every start, every new request and every look)."""
    ready(engine, metadata)
    oldest = (today or dt.date.today()) - dt.timedelta(days=KEEP_DAYS)
    with engine.begin() as connection:
        return connection.execute(delete(requests_table).where(requests_table.c.created < oldest)).rowcount


def open_requests(engine: Engine, today: dt.date | None = None) -> list[CallbackRequest]:
    """The requests not yet done, oldest first; those older than 14 days are deleted first."""
    expire(engine, today)
    with engine.begin() as connection:
        rows = connection.execute(
            select(requests_table).order_by(requests_table.c.created, requests_table.c.id)
        )
        return [
            CallbackRequest(
                r.id,
                r.created,
                r.neighbourhood,
                tuple(c for c in r.categories.split(",") if c),
                r.time_of_day,
                r.phone,
            )
            for r in rows
        ]


def done(engine: Engine, request_id: str) -> bool:
    """Staff called back: the request, and the number in it, is deleted."""
    ready(engine, metadata)
    with engine.begin() as connection:
        return bool(
            connection.execute(delete(requests_table).where(requests_table.c.id == request_id)).rowcount
        )
