"""The Rasa project itself: its data validates, every category has its intent, rule and data."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.ops.launcher import TRAINING_DATA, child_environment
from bot.settings import PROJECT_ROOT, settings
from bot.taxonomy import taxonomy
from tests.helpers import nlu_examples

RASA = str(Path(sys.executable).parent / "rasa")


def test_rasa_data_validate_passes_without_warnings():
    result = subprocess.run(
        [RASA, "data", "validate", "--fail-on-warnings", "--domain", "domain.yml", "--data", *TRAINING_DATA],
        cwd=PROJECT_ROOT,
        env=child_environment(settings()),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_every_category_has_a_need_intent_with_examples_and_a_rule():
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
    examples: dict[str, list[str]] = {}
    for intent, text in nlu_examples():
        examples.setdefault(intent, []).append(text)
    rules = (PROJECT_ROOT / "data" / "rules" / "needs.yml").read_text(encoding="utf-8")
    for slug in taxonomy().categories:
        intent = "crisis" if slug == "crisis" else f"need_{slug}"
        assert intent in domain["intents"]
        assert len(examples.get(intent, [])) >= 25, intent
        if slug != "crisis":
            assert f"intent: {intent}\n" in rules


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def _reported_messages() -> list[str]:
    """Every message of the sets whose figures are reported: first messages, follow-up turns,
    the crisis sets' lines and the search queries."""
    data_dir = PROJECT_ROOT / "bench" / "data"
    paths = [
        *sorted((data_dir / "understanding").glob("report*.yml")),
        *sorted(data_dir.glob("*heldout*.yml")),
    ]
    texts: list[str] = []
    for path in paths:
        for items in yaml.safe_load(path.read_text(encoding="utf-8")).values():
            for item in items if isinstance(items, list) else []:
                if isinstance(item, str):
                    texts.append(item)
                elif isinstance(item, dict):
                    texts += [item[key] for key in ("text", "q") if key in item] + list(
                        item.get("turns") or []
                    )
    return texts


def near_copies(training: list[str], reported: list[str]) -> list[str]:
    """The training examples that are near-copies (similarity 80 of 100 or more, punctuation and
    case aside) of a reported message, both of at least four words. Shorter messages ("werk",
    "hallo", "ik zoek werk") are the words any writer writes, and the bot must know them."""
    import numpy as np
    from rapidfuzz import fuzz, process

    def of_four_words_or_more(texts: list[str]) -> list[tuple[str, str]]:
        """Each text of four words or more, with its words (read once)."""
        return [(text, words) for text in texts if len((words := _words(text)).split()) >= 4]

    candidates = of_four_words_or_more(training)
    kept = [words for _, words in of_four_words_or_more(reported)]
    scores = process.cdist(
        [words for _, words in candidates],
        kept,
        scorer=fuzz.ratio,
        score_cutoff=80,
        dtype=np.uint8,
        workers=-1,
    )
    return [text for (text, _), row in zip(candidates, scores, strict=True) if row.any()]


def test_near_copies_finds_a_reworded_copy_and_not_a_paraphrase():
    reported = ["Ik zoek een taalmaatje om Nederlands te oefenen, ik woon in Noord"]
    copy = "ik zoek een taalmaatje om nederlands te oefenen. ik woon in zuid"
    paraphrase = "wie oefent met mij de taal"
    assert near_copies([copy, paraphrase, "taalmaatje"], reported) == [copy]


def test_no_training_example_is_a_near_copy_of_a_reported_message():
    """The reported sets were written apart; a training example that copies one of their messages
    would make the figure measure memory. (The dev sets may guide training and are not checked.)"""
    found = near_copies([text for _, text in nlu_examples()], _reported_messages())
    assert found == [], f"{len(found)} near-copies, the first: {found[:3]}"


def test_training_data_has_no_template_near_duplicates():
    """Within an intent, no two examples may differ by a single swapped word (template output)."""
    pairs = []
    by_intent: dict[str, list[list[str]]] = {}
    for intent, text in nlu_examples():
        by_intent.setdefault(intent, []).append(text.lower().split())
    for intent, examples in by_intent.items():
        for i, a in enumerate(examples):
            for b in examples[i + 1 :]:
                if len(a) == len(b) >= 3 and sum(x != y for x, y in zip(a, b, strict=True)) == 1:
                    pairs.append((intent, " ".join(a), " ".join(b)))
    assert pairs == []


def test_the_crisis_numbers_of_the_rasa_server_are_the_ones_the_bot_names_everywhere():
    from bot.conversation import replies

    responses = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"]
    numbers, text = replies.crisis()
    assert responses["utter_crisis_numbers"] == [{"custom": numbers.custom}]
    assert responses["utter_crisis_text"] == [
        {"condition": SIMPLE_WORDS, "text": text.simple},
        {"text": text.text},
    ]
    for rules_file in ("conversation.yml", "wheel.yml"):
        rules = (PROJECT_ROOT / "data" / "rules" / rules_file).read_text(encoding="utf-8")
        # The numbers come from the Rasa server before the custom action can fail.
        assert (
            "- intent: crisis\n  - action: utter_crisis_numbers\n  - action: utter_crisis_text\n"
            "  - action: action_crisis\n" in rules
        ), rules_file


@pytest.mark.parametrize("endpoints", ["endpoints.yml", "endpoints.production.yml"])
def test_no_custom_action_call_carries_the_whole_domain(endpoints):
    """No action reads the domain, so it is not sent with every call (10 kB less to write and
    read per custom action)."""
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.utils.endpoints import EndpointConfig

    config = yaml.safe_load((PROJECT_ROOT / endpoints).read_text(encoding="utf-8"))
    action_endpoint = EndpointConfig.from_dict(config["action_endpoint"])
    domain = Domain.load(PROJECT_ROOT / "domain.yml")
    for name in domain.user_actions:
        call = RemoteAction(name, action_endpoint)._action_call_format(DialogueStateTracker("p", []), domain)
        assert "domain" not in call, name


SIMPLE_WORDS = [{"type": "slot", "name": "simple_words", "value": True}]


def test_after_makkelijke_woorden_the_rasa_servers_own_responses_use_the_simpler_words_too():
    """domain.yml's responses (sent by rules, not by the actions) have their A2 variation first,
    chosen by the simple_words slot, with the same buttons; it says what bot.conversation.simpler says."""
    from bot.conversation import simpler

    responses = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"]
    for name, text in simpler.RESPONSES.items():
        simple, usual = responses[name]
        assert simple["condition"] == SIMPLE_WORDS and simple["text"] == text, name
        assert "condition" not in usual and simple.get("buttons") == usual.get("buttons"), name
