"""Messages in languages the sentence encoder does not know are read through a word list into Dutch."""

import pytest
import yaml

from bot.language import gloss
from bot.language.gloss import GLOSS_DIR, dutch_gloss, gloss_of, word_list

WORD_LISTS = sorted(GLOSS_DIR.glob("*.yml"))


@pytest.mark.parametrize("path", WORD_LISTS, ids=lambda p: p.stem)
def test_each_word_list_names_its_language_and_covers_the_situations(path):
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert raw["language"] == path.stem
    assert len(raw["entries"]) >= 300
    assert all(str(meaning).strip() for meaning in raw["entries"].values())
    assert word_list(path.stem) is not None


class _NoDuplicateKeys(yaml.SafeLoader):
    """A loader that refuses a key given twice, which YAML would let the last one win silently."""

    def construct_mapping(self, node, deep=False):
        keys = [self.construct_object(key, deep=deep) for key, _ in node.value]
        assert len(keys) == len(set(keys)), sorted({k for k in keys if keys.count(k) > 1})
        return super().construct_mapping(node, deep=deep)


@pytest.mark.parametrize("path", WORD_LISTS, ids=lambda p: p.stem)
def test_no_word_list_gives_a_stem_twice(path):
    # A second entry for a stem would silently replace the first one's Dutch meaning.
    yaml.load(path.read_text(encoding="utf-8"), Loader=_NoDuplicateKeys)


@pytest.mark.parametrize(
    ("text", "language", "dutch"),
    [
        ("Deymo badan ayaan leeyahay", "so", "schulden"),  # a stem covers its inflections
        ("Waxaan dareemayaa kalinimo", "so", "eenzaam"),
        ("من تنها هستم و بدهی دارم", "fa", "eenzaam"),
        ("من تنها هستم و بدهی دارم", "fa", "schulden"),
        ("پولیس را صدا کنم؟", "fa", "politie"),  # the longest entry wins: police, not money
        ("у меня большие долги и мне очень одиноко", "ru", "schulden"),  # "долги", never "долго"
        ("у меня большие долги и мне очень одиноко", "ru", "eenzaam"),
        ("Cumartesi olabilir mi? Hafta içi çalışıyorum", "tr", "zaterdag"),  # a time asked for
        ("А можно в субботу вечером?", "ru", "avond"),
    ],
)
def test_words_about_a_situation_are_read_in_dutch(text, language, dutch):
    assert dutch in dutch_gloss(text, language)


def test_dutch_and_a_language_without_a_word_list_get_no_gloss():
    assert dutch_gloss("ik heb schulden", "nl") == ""
    assert dutch_gloss("j'ai des dettes", "fr") == ""
    assert dutch_gloss("anything", "../../etc") == ""
    assert {"so", "fa", "ru"} <= {path.stem for path in WORD_LISTS}


def test_an_entry_matches_at_a_word_start_also_after_an_attached_prefix(tmp_path, monkeypatch):
    (tmp_path / "ar.yml").write_text(
        'language: ar\nprefixes: ["و", "ال"]\nentries:\n  "دين": "schulden"\n  "وحيد": "alleen"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(gloss, "GLOSS_DIR", tmp_path)
    word_list.cache_clear()
    dutch_gloss.cache_clear()
    try:
        assert dutch_gloss("عندي الدين ووحيد", "ar") == "schulden alleen"
        assert dutch_gloss("مدين", "ar") == ""  # inside a word is not a match
    finally:
        word_list.cache_clear()
        dutch_gloss.cache_clear()


@pytest.mark.parametrize(
    ("text", "dutch"),
    [
        ("zasiłek", "uitkering"),  # too short for the detector, which calls it Dutch
        ("житло", "woning"),
        ("guri", "huis"),
        ("borç", "schulden"),
        ("کلاس زبان", "taal"),
        ("دستت درد نکنه", "bedankt"),  # Persian thanks, not pain
    ],
)
def test_a_short_message_in_another_language_is_read_through_the_lists_its_letters_allow(text, dutch):
    assert dutch in gloss_of(text, "nl").split()


@pytest.mark.parametrize("text", ["ik wil werk", "schuldhulp", "dank je", "hoi", "ok"])
def test_a_short_dutch_message_gets_no_gloss(text):
    assert gloss_of(text, "nl") == ""


def test_persian_letters_keep_the_arabic_list_away():
    # "کردی" is "you did" in Persian but "Kurdish" in the Arabic list: a language asked for.
    assert gloss_of("مرسی، لطف کردی", "nl") == ""
