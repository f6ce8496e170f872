"""Which language a message is in: the city's languages, and Dutch when short or unsure."""

import pytest

from bot.conversation import other_languages
from bot.language.detect import language_of

KNOWN = other_languages.known()


@pytest.mark.parametrize(
    "text, code",
    [
        ("ik heb schulden en de deurwaarder komt morgen", "nl"),
        ("I have debts and I cannot pay my rent", "en"),
        ("Borçlarım var ve kiramı ödeyemiyorum", "tr"),
        ("لدي ديون ولا أستطيع دفع الإيجار", "ar"),
        ("Mam długi i nie mogę zapłacić czynszu", "pl"),
        ("У мене борги, я не можу платити оренду", "uk"),
        ("У меня долги, и я не могу платить за квартиру", "ru"),
        ("من بدهی دارم و نمی‌توانم اجاره را بپردازم", "fa"),
        ("ዕዳ ኣለኒ ክኸፍል ኣይክእልን", "ti"),
        ("ok", "nl"),
        ("hallo", "nl"),
    ],
)
def test_the_language_is_named_or_dutch(text, code):
    assert language_of(text, KNOWN) == code


def test_a_language_without_a_fixed_sentence_counts_as_dutch():
    assert language_of("Ich habe Schulden und kann die Miete nicht bezahlen", KNOWN) == "nl"


def test_every_recognised_language_has_both_sentences_with_the_numbers():
    for code, sentences in other_languages.sentences().items():
        assert sentences.help and "112" in sentences.danger and "0800-2000" in sentences.danger, code
