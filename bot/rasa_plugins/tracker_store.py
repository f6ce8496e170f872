"""Rasa's SQL tracker store (SQLite by default, PostgreSQL in production) with two duties more:
what people type is scrubbed of personal data before it is stored, and a person can erase
their conversation: it is deleted from the store, not just reset.

Configured in endpoints.yml as `type: bot.rasa_plugins.tracker_store.PrivateSQLTrackerStore`.
"""

from __future__ import annotations

from typing import Any

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.language.personal_data import scrub
from bot.settings import SettingError

ERASE_ACTION = "action_erase_conversation"


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

    async def save(self, tracker: DialogueStateTracker) -> None:
        if erase_requested(tracker):
            self.erase(tracker.sender_id)
            return
        for event in tracker.events:
            if isinstance(event, UserUttered) and event.text:
                clean = scrub(event.text)
                if clean != event.text:
                    event.text = clean
                    if event.parse_data:
                        event.parse_data["text"] = clean
        await super().save(tracker)

    def erase(self, sender_id: str) -> None:
        with self.session_scope() as session:
            session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == sender_id).delete()
            session.commit()


def erase_requested(tracker: DialogueStateTracker) -> bool:
    """Whether the erase action ran since the person's last message."""
    for event in reversed(tracker.events):
        if isinstance(event, ActionExecuted) and event.action_name == ERASE_ACTION:
            return True
        if isinstance(event, UserUttered):
            return False
    return False
