"""The names the code shares with domain.yml agree: slots, the wheel form, its ask actions, intents."""

import yaml
from rasa_sdk.executor import ActionExecutor

from actions import actions
from bot.conversation.slots import Intent, all_slots, wheel_slot, wheel_slots
from bot.settings import PROJECT_ROOT
from bot.taxonomy import taxonomy

DOMAIN = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))


def test_every_slot_the_code_sets_is_declared_and_no_other():
    assert set(all_slots()) == set(DOMAIN["slots"])


def test_the_wheel_form_asks_one_question_per_domain_of_the_taxonomy_then_strengths():
    assert DOMAIN["forms"]["wheel_form"]["required_slots"] == list(wheel_slots())
    assert [wheel_slot(d) for d in taxonomy().domains] == list(wheel_slots())[:-1]


def test_the_neighbourhood_slot_takes_the_taxonomys_neighbourhoods():
    assert DOMAIN["slots"]["neighbourhood"]["values"] == list(taxonomy().neighbourhoods)


def registered_actions():
    """The actions as the action server registers them."""
    executor = ActionExecutor()
    executor.register_package(actions.__name__)
    return set(executor.actions)


def test_every_action_of_the_domain_is_written_out_once_and_the_wheel_has_an_ask_action_per_question():
    names = registered_actions()
    # An action with settings (send_domain) is a mapping of its name to them.
    declared = [next(iter(a)) if isinstance(a, dict) else a for a in DOMAIN["actions"]]
    assert sorted(names) == sorted(declared)
    assert {f"action_ask_{slot}" for slot in wheel_slots()} <= set(names)


def test_intents_the_code_names_are_in_the_domain():
    named = [v for k, v in vars(Intent).items() if k.isupper() and k != "NEED_PREFIX"]
    assert set(named) <= set(DOMAIN["intents"])
    needs = [i for i in DOMAIN["intents"] if i.startswith(Intent.NEED_PREFIX)]
    assert {i.removeprefix(Intent.NEED_PREFIX) for i in needs} == set(taxonomy().categories) - {"crisis"}
