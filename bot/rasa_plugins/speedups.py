"""Work Rasa 3.6 repeats on every turn, done once.

Rasa checks every answer of the action server against its JSON schema with `jsonschema.validate`,
which checks the schema itself and builds a new validator on every call. In the profile of the
Rasa server under `bench/load.py` (py-spy, 20 conversations back to back) jsonschema took about
half of all samples. This is the same check with the validator built once; the error is the
same ValidationError with the same message.

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

RASAS_OWN = RemoteAction._validate_action_result


@lru_cache(maxsize=1)
def response_validator() -> Validator:
    schema = RemoteAction.action_response_format_spec()
    kind = validator_for(schema)
    kind.check_schema(schema)
    return kind(schema)


def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
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


def install() -> None:
    RemoteAction._validate_action_result = validate_action_result
