"""The municipality's own tables (bot.insight): made once per database and process, adding one
to counted rows, the same for every count it keeps, and remembering a digest once (an answered
card, an ended session) for as long as it matters."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import MetaData, Table, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql.expression import ColumnElement


def ready(engine: Engine, metadata: MetaData) -> None:
    """The tables exist (made if not), checked once per database: not again at every counted
    chat turn. An in-memory SQLite database is one per thread, so it is checked every time."""
    if engine.url.database in (None, "", ":memory:"):
        metadata.create_all(engine)
    else:
        _made(engine, metadata)


@lru_cache(maxsize=64)
def _made(engine: Engine, metadata: MetaData) -> None:
    metadata.create_all(engine)


def add_one(engine: Engine, table: Table, keys: Sequence[Mapping[str, Any]]) -> None:
    """Add one to the `count` of each row with these key values (a new row starts at one), all in
    one transaction. Two processes counting the same new row at once both count: the one whose
    insert loses tries again on top of the other's row."""
    ready(engine, table.metadata)
    for _ in range(3):
        try:
            with engine.begin() as connection:
                for key in keys:
                    where = [table.c[name] == value for name, value in key.items()]
                    changed = connection.execute(
                        update(table).where(*where).values(count=table.c["count"] + 1)
                    ).rowcount
                    if not changed:
                        connection.execute(table.insert().values(**key, count=1))
            return
        except IntegrityError:  # another process inserted a row first: count again on top of it
            continue
    raise RuntimeError(f"{table.name} could not be counted")


def remember_once(engine: Engine, table: Table, row: Mapping[str, Any], forget: ColumnElement[bool]) -> bool:
    """Keep this row unless its key is kept already; whether it is new. Rows matching `forget`
    (those no longer needed) are deleted first, in the same transaction, so the table stays small."""
    ready(engine, table.metadata)
    with engine.begin() as connection:
        connection.execute(table.delete().where(forget))
        try:
            with connection.begin_nested():
                connection.execute(table.insert().values(**row))
        except IntegrityError:  # kept before: sent twice, or by two front ends at once
            return False
    return True
