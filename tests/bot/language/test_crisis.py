"""The safety net must catch every crisis phrasing we know of, and leave ordinary worries alone."""

import pytest
import yaml

from bot.conversation import other_languages
from bot.language.crisis import OTHER_LANGUAGES_FILE, PATTERNS_FILE, crisis_kind, danger_read
from bot.language.detect import language_of
from bot.language.gloss import gloss_of
from tests import helpers

PATTERNS = yaml.safe_load(PATTERNS_FILE.read_text(encoding="utf-8"))
OTHER_LANGUAGES = yaml.safe_load(OTHER_LANGUAGES_FILE.read_text(encoding="utf-8"))


def nlu_examples(intent_filter, files: str = "*.yml"):
    return [text for intent, text in helpers.nlu_examples(files) if intent_filter(intent)]


# The patterns cover data/nlu/crisis.yml. Danger told in other words (crisis_in_other_words.yml:
# goodbyes, things given away, a plan) is the model's to learn: a pattern for each would also
# catch ordinary grief and worry. tests/test_end_to_end.py checks the model and guard on them.
@pytest.mark.parametrize(
    "text", PATTERNS["must_match"] + nlu_examples(lambda i: i == "crisis", files="crisis.yml")
)
def test_crisis_phrasings_are_caught(text):
    assert crisis_kind(text) is not None


@pytest.mark.parametrize("text", OTHER_LANGUAGES["must_match"])
def test_crisis_phrasings_in_other_languages_are_caught(text):
    assert crisis_kind(text) is not None


@pytest.mark.parametrize("text", PATTERNS["must_not_match"] + OTHER_LANGUAGES["must_not_match"])
def test_ordinary_sentences_are_not_crisis(text):
    assert crisis_kind(text) is None


def test_no_training_example_of_another_intent_looks_like_crisis():
    false_alarms = [t for t in nlu_examples(lambda i: i != "crisis") if crisis_kind(t)]
    assert false_alarms == []


def test_accents_and_capitals_do_not_matter():
    assert crisis_kind("IK WIL NIET MEER LEVEN") == "suicide"


def test_line_breaks_and_runs_of_spaces_do_not_hide_danger():
    assert crisis_kind("ik wil niet meer\n\nleven") == "suicide"
    assert crisis_kind("Ze willen haar naar Somalië brengen si loo  'gudo'") is not None


def test_a_harmless_phrase_taken_out_does_not_join_the_words_around_it():
    # Without "een dode duif", "er ligt ... op de stoep" must not read as someone lying there.
    assert crisis_kind("er ligt een dode duif op de stoep voor mijn huis, waar meld ik dat") is None


@pytest.mark.parametrize(
    "text",
    ["фонарь возле дома не горит уже неделю, куда жаловаться", "ліхтар біля під'їзду не горить третій день"],
)
def test_a_street_light_that_does_not_burn_is_not_a_fire_in_the_dutch_gloss_either(text):
    # The crisis guard reads the message and its Dutch gloss: "ліхтар не горить" (the street
    # light is broken) was glossed to the single word "brand" (fire). The gloss keeps no other
    # past or negation words: "назад" is also "back" and "тому" also "because", and a "geleden"
    # in the gloss would silence the Dutch patterns for a real danger. In Turkish "herkes
    # bayılıyor" (everyone loves it) was glossed "flauwgevallen" (fainted); only "bayıldı",
    # "bayılmış" and "bayılıp" are now (and "baygın", unconscious).
    assert crisis_kind(gloss_of(text, language_of(text, other_languages.known()))) is None


@pytest.mark.parametrize(
    "text, danger",
    [
        ("Я не хочу просыпаться рано, можно курсы вечером?", False),
        ("не хочу просыпаться рано в субботу, есть что-то днём?", False),
        ("я больше не хочу просыпаться", True),
        ("не хочу больше просыпаться, всё бессмысленно", True),
    ],
)
def test_not_wanting_to_wake_up_early_is_no_danger_and_not_wanting_to_wake_up_is(text, danger):
    # The Russian gloss turned "не хочу просыпаться" into "wil niet meer leven" whatever came
    # after, so "I don't want to get up early" got the crisis numbers; the Russian patterns read
    # this phrase themselves and leave "рано" (early) out.
    assert (danger_read(text, language_of(text, other_languages.known())) is not None) is danger
