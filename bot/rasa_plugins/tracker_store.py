"""Rasa's SQL tracker store (SQLite by default, PostgreSQL in production) with two duties more:
what people type is scrubbed of personal data before it is stored, and a person can erase
their conversation: it is deleted from the store, not just reset.

Configured in endpoints.yml as `type: bot.rasa_plugins.tracker_store.PrivateSQLTrackerStore`.
"""

from __future__ import annotations

import re
from typing import Any

import sqlalchemy
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.conversation.slots import WHEEL_PREFIX
from bot.language.personal_data import preload, scrub, scrub_logs, scrub_value
from bot.settings import SettingError

ERASE_ACTION = "action_erase_conversation"
# What a wheel slot may hold once understood: a status or a list of category slugs.
SLUGS = re.compile(r"[a-z_,]*")


class PrivateSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # An endpoints file whose ${...} was never filled in must not become a database file
        # named "${MEEDOEN_TRACKER_DB}".
        unfilled = [key for key, value in kwargs.items() if isinstance(value, str) and "${" in value]
        if unfilled:
            raise SettingError(
                f"The tracker store's {', '.join(unfilled)} still holds a ${{...}} placeholder."
            )
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            # An erased conversation must not linger in the database file's free pages.
            sqlalchemy.event.listen(self.engine, "connect", _secure_delete)
        # The Rasa server's logs are scrubbed too, and deduce is loaded before the first turn.
        scrub_logs()
        preload()

    async def save(self, tracker: DialogueStateTracker) -> None:
        if erase_requested(tracker):
            self.erase(tracker.sender_id)
            return
        for event in this_turn(tracker):
            scrub_event(event)
        await super().save(tracker)

    def erase(self, sender_id: str) -> None:
        with self.session_scope() as session:
            session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == sender_id).delete()
            session.commit()


def _secure_delete(connection: Any, _record: Any) -> None:
    connection.execute("PRAGMA secure_delete = ON")


def this_turn(tracker: DialogueStateTracker) -> list[Event]:
    """The events since the person's last message: the earlier ones were scrubbed when stored."""
    events = list(tracker.events)
    last = next((i for i in range(len(events) - 1, -1, -1) if isinstance(events[i], UserUttered)), 0)
    return events[last:]


def scrub_event(event: Event) -> None:
    """Every text of the event without personal data; a wheel answer keeps only its status."""
    if isinstance(event, UserUttered):
        if event.text:
            event.text = scrub(event.text)
        if event.parse_data:
            event.parse_data["text"] = event.text or ""
            for entity in event.parse_data.get("entities") or []:
                entity["value"] = scrub_value(entity.get("value"))
        for entity in event.entities or []:
            entity["value"] = scrub_value(entity.get("value"))
    elif isinstance(event, SlotSet):
        if event.key.startswith(WHEEL_PREFIX):
            # The form reads the typed answer into the slot before it is understood; only what
            # the validation sets after it is kept: a status, or category slugs.
            event.value = event.value if only_slugs(event.value) else None
        else:
            event.value = scrub_value(event.value)


def only_slugs(value: Any) -> bool:
    """Whether a value holds nothing but slugs ("gaat_goed", {"werk": ["opleiding"]})."""
    if value is None:
        return True
    if isinstance(value, str):
        return bool(SLUGS.fullmatch(value))
    if isinstance(value, list):
        return all(only_slugs(v) for v in value)
    if isinstance(value, dict):
        return all(only_slugs(k) and only_slugs(v) for k, v in value.items())
    return False


def erase_requested(tracker: DialogueStateTracker) -> bool:
    """Whether the erase action ran since the person's last message."""
    for event in reversed(tracker.events):
        if isinstance(event, ActionExecuted) and event.action_name == ERASE_ACTION:
            return True
        if isinstance(event, UserUttered):
            return False
    return False
