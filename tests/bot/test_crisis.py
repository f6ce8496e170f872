"""The safety net must catch every crisis phrasing we know of, and leave ordinary worries alone."""
import pytest
import yaml

from bot.config import DATA_DIR
from bot.crisis import NUMBERS, PATTERNS_FILE, crisis_kind, crisis_reply

PATTERNS = yaml.safe_load(PATTERNS_FILE.read_text(encoding="utf-8"))


def nlu_examples(intent_filter):
    for path in sorted((DATA_DIR / "nlu").glob("*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            if intent_filter(block["intent"]):
                for line in block["examples"].splitlines():
                    if line.strip().startswith("- "):
                        yield line.strip()[2:]


@pytest.mark.parametrize("text", PATTERNS["must_match"] + list(nlu_examples(lambda i: i == "crisis")))
def test_crisis_phrasings_are_caught(text):
    assert crisis_kind(text) is not None


@pytest.mark.parametrize("text", PATTERNS["must_not_match"])
def test_ordinary_sentences_are_not_crisis(text):
    assert crisis_kind(text) is None


def test_no_training_example_of_another_intent_looks_like_crisis():
    false_alarms = [t for t in nlu_examples(lambda i: i != "crisis") if crisis_kind(t)]
    assert false_alarms == []


def test_accents_and_capitals_do_not_matter():
    assert crisis_kind("IK WIL NIET MEER LEVEN") == "suicide"


def test_crisis_reply_starts_with_the_numbers_then_says_them_in_text():
    payload, text = crisis_reply()
    assert payload["custom"]["type"] == "crisis"
    phones = [n["phone"] for n in payload["custom"]["numbers"]]
    assert phones == [n["phone"] for n in NUMBERS] == ["112", "0800-0113", "0800-2000"]
    for phone in phones + ["113"]:
        assert phone in text["text"]
