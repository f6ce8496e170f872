"""Rasa's SQL tracker store (SQLite by default, PostgreSQL in production) with two duties more:
what people type is scrubbed of personal data before it is stored, and a person can erase
their conversation: it is deleted from the store, not just reset.

Configured in endpoints.yml as `type: bot.tracker_store.PrivateSQLTrackerStore`.
"""
from __future__ import annotations

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.privacy import scrub

ERASE_ACTION = "action_erase_conversation"


class PrivateSQLTrackerStore(SQLTrackerStore):
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
