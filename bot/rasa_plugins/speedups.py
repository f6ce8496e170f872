"""Work Rasa 3.6 repeats on every turn, done once. Found with py-spy on the Rasa server under
`bench/load.py` (20 conversations back to back); each keeps Rasa's behaviour exactly.

- Rasa checks every answer of the action server against its JSON schema with
  `jsonschema.validate`, which checks the schema itself and builds a new validator on every
  call: about half of all samples. Here the validator is built once; the error is the same
  ValidationError with the same message.
- Even so, the check was half the time Rasa spends on a custom action (py-spy, a suggestion
  turn): the schema says an event is "one of" 23 kinds, so every event is tried against all
  23. Each kind pins its `event` name, so an event can only ever match the kind it names: an
  answer is first checked that way, event by event, and only when that says no is the whole
  schema run, for Rasa's own error.
- Reading a conversation turns every stored event back into an object, and for each one
  `Event.resolve_by_type` walks the whole tree of event classes (about 15% of the samples once
  the first was gone). Here each type name is looked up once.

Installed when Rasa loads the project's REST channel (bot.rasa_plugins.rest_channel).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jsonschema.exceptions import best_match
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.events import Event

RASAS_OWN = RemoteAction._validate_action_result
RASAS_RESOLVE = Event.resolve_by_type
_resolved: dict[str, type[Event]] = {}


@lru_cache(maxsize=1)
def response_validator() -> Validator:
    schema = RemoteAction.action_response_format_spec()
    kind = validator_for(schema)
    kind.check_schema(schema)
    return kind(schema)


@lru_cache(maxsize=1)
def validators_by_event() -> tuple[Validator, dict[str, Validator]] | None:
    """A validator for the answer without its events, and one per kind of event; None when the
    schema is not of the shape that makes this the same check (a later Rasa may change it)."""
    schema = RemoteAction.action_response_format_spec()
    events = schema.get("properties", {}).get("events", {})
    items = events.get("items", {})
    if set(events) != {"type", "items"} or events["type"] != "array" or "oneOf" not in items:
        return None
    kind = validator_for(schema)
    common = {key: value for key, value in items.items() if key != "oneOf"}
    if "event" not in common.get("required", []):
        return None
    by_event: dict[str, Validator] = {}
    for one in items["oneOf"]:
        name = one.get("properties", {}).get("event", {}).get("const")
        if not isinstance(name, str) or name in by_event:
            return None
        by_event[name] = kind({**common, "allOf": [one]})
    without_events = {
        **schema,
        "properties": {k: v for k, v in schema["properties"].items() if k != "events"},
    }
    return kind(without_events), by_event


def clearly_valid(result: Any) -> bool:
    """True only when the whole schema would say the answer is valid."""
    built = validators_by_event()
    if built is None or not isinstance(result, dict):
        return False
    without_events, by_event = built
    if not without_events.is_valid(result):
        return False
    events = result.get("events", [])
    if not isinstance(events, list):
        return False
    for event in events:
        name = event.get("event") if isinstance(event, dict) else None
        check = by_event.get(name) if isinstance(name, str) else None
        if check is None or not check.is_valid(event):
            return False
    return True


def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    if clearly_valid(result):
        return True
    error = best_match(response_validator().iter_errors(result))
    if error is not None:
        error.message += (
            f". Failed to validate Action server response from API, "
            f"make sure your response from the Action endpoint is valid. "
            f"For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


def resolve_by_type(type_name: str, default: type[Event] | None = None) -> type[Event] | None:
    found = _resolved.get(type_name)
    if found is None:
        found = RASAS_RESOLVE(type_name, default)  # unknown names: Rasa's default or its error
        if found is not None and found is not default:
            _resolved[type_name] = found
    return found


def install() -> None:
    RemoteAction._validate_action_result = validate_action_result
    Event.resolve_by_type = staticmethod(resolve_by_type)
