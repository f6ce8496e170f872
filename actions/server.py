"""The action server: rasa-sdk's own, started after the work its first suggestion would otherwise
wait for is done (reading the catalogue and its search index, the municipality's facts, the
language detector: about 1.8 s, paid by the first person after every start).

    python -m actions.server --actions actions --port 5055   (the arguments of python -m rasa_sdk)
"""

from __future__ import annotations

import logging
import time

from rasa_sdk import utils
from rasa_sdk.__main__ import main_from_args
from rasa_sdk.endpoint import create_argument_parser

from actions.actions import catalogue, municipality
from bot.conversation import turns
from bot.conversation.slots import Intent

log = logging.getLogger("actions.server")  # also when run as __main__

# A first message as a person types it: it goes through the search, the detector and the replies.
WARM_UP_MESSAGE = "ik heb schulden en ik zoek hulp in mijn buurt"


def warm_up() -> None:
    """Does one suggestion turn in memory (nothing is stored, nothing is sent). A catalogue that
    cannot be read yet is no reason not to start: the actions say so per turn."""
    started = time.perf_counter()
    try:
        municipality()
        need = Intent.NEED_PREFIX + "schuldhulp"
        situation = turns.Situation(
            text=WARM_UP_MESSAGE, intent=need, intent_confidence=0.9, model_categories=[("schuldhulp", 0.9)]
        )
        turns.suggest_services(situation, catalogue())
    except Exception:  # noqa: BLE001 - the same error reaches the person's turn, handled there
        log.warning("warming up the action server failed; the first turn will do the work", exc_info=True)
    else:
        log.info("action server warmed up in %.1f s", time.perf_counter() - started)


def main() -> None:
    args = create_argument_parser().parse_args()
    utils.configure_colored_logging(args.loglevel)  # rasa-sdk's logging, so the warm-up is logged
    warm_up()
    main_from_args(args)


if __name__ == "__main__":
    main()
