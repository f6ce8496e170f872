from bot.language.personal_data import scrub


def test_personal_numbers_and_addresses_are_scrubbed():
    text = (
        "bel me op 06-12345678 of +31 6 1234 5678, mail a.jansen@mail.nl, bsn 123456789, "
        "rekening NL91ABNA0417164300, ik woon op 1234 AB 12, geboren 12-03-1960"
    )
    clean = scrub(text)
    for secret in ("12345678", "1234 5678", "a.jansen", "123456789", "NL91", "1234 AB", "1960"):
        assert secret not in clean
    assert "[telefoonnummer]" in clean and "[e-mail]" in clean and "[bsn]" in clean


def test_ordinary_words_and_numbers_stay():
    text = "ik woon in Noord, heb 3 kinderen en ben 45 jaar"
    assert scrub(text) == text
