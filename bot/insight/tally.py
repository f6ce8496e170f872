"""Adding one to counted rows, the same for every count the municipality keeps (bot.insight)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Table, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError


def add_one(engine: Engine, table: Table, keys: Sequence[Mapping[str, Any]]) -> None:
    """Add one to the `count` of each row with these key values (a new row starts at one), all in
    one transaction. Two processes counting the same new row at once both count: the one whose
    insert loses tries again on top of the other's row."""
    table.metadata.create_all(engine)
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
