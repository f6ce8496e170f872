"""Cutting a story into sentences, in the scripts of the city's languages."""

from bot.language.story import MAX_SENTENCES, sentences_of


def test_a_story_is_cut_into_its_sentences_and_greetings_are_left_out():
    text = "Hallo. Mijn man is vorig jaar overleden. Nu zit ik alleen. Ik wil graag iets doen voor anderen!"
    assert sentences_of(text) == [
        "Mijn man is vorig jaar overleden.",
        "Nu zit ik alleen.",
        "Ik wil graag iets doen voor anderen!",
    ]


def test_a_message_of_one_sentence_is_read_whole():
    assert sentences_of("ik heb schulden en de deurwaarder komt morgen") == []
    assert sentences_of("Hallo. Ik heb schulden.") == [], "one sentence of some length is not a story"


def test_arabic_persian_and_tigrinya_sentence_ends_and_line_breaks_cut_too():
    assert len(sentences_of("من تنها هستم و دوستی ندارم؟ کجا می توانم بروم و آدم ببینم")) == 2
    assert len(sentences_of("ኣነ በይነይ እየ ዘለኹ ኣብዚ። ሓገዝ የድልየኒ እዩ ሕጂ።")) == 2
    assert len(sentences_of("de huur is te hoog\nik kan de brieven niet lezen\nwie helpt mij")) == 3


def test_a_pasted_letter_is_read_as_its_first_sentences_only():
    letter = " ".join(f"Dit is zin nummer {n} van de brief." for n in range(40))
    assert len(sentences_of(letter)) == MAX_SENTENCES
