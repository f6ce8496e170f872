from bot.language.dutch import content_words, fold, split_compound, stem


def test_fold_removes_accents_and_capitals():
    assert fold("Cliënt Oekraïens") == "client oekraiens"


def test_stem_joins_plurals_and_diminutives():
    assert stem("schulden") == stem("schuld")
    assert stem("taalmaatjes") == stem("taalmaatje")
    assert stem("rekeningen") == stem("rekening")


def test_content_words_drop_function_words_but_keep_meaning():
    assert content_words("Ik zit alleen thuis en heb geen geld") == ["zit", "alleen", "thuis", "geen", "geld"]


def test_split_compound_with_linking_s():
    vocabulary = {"vrijwilliger", "werk", "taal", "maatje", "project", "schuld", "hulp"}
    assert split_compound("vrijwilligerswerk", vocabulary) == ["vrijwilliger", "werk"]
    assert split_compound("schuldhulp", vocabulary) == ["schuld", "hulp"]
    assert split_compound("fiets", vocabulary) == []


def test_markup_is_taken_out_and_code_is_not_prose():
    from bot.language.dutch import prose

    assert prose("<b>ik heb schulden</b>") == "ik heb schulden"
    for text in ("<script>alert(1)</script>", "{{name}}", "${user}", "SELECT * FROM users", '{"a": 1}', "%s"):
        assert prose(text) == "", text
    assert prose("ik heb 50% korting nodig (voor de sport)") == "ik heb 50% korting nodig (voor de sport)"
    for text in (
        "Beste {voornaam}, uw aanvraag {aanvraagnummer} is in behandeling genomen.",
        "def hulp():\n    return 'help nodig'",
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
    ):
        assert prose(text) == "", text
    for text in (
        "ik heb schulden: wie helpt?",
        "de klas van mijn dochter",
        "let op: ik heb geen geld",
        "hallo\n[naam] hier, ik heb schulden\nik woon op [adres]",
    ):
        assert prose(text) == text, text


def test_a_letter_template_with_fields_is_not_prose_but_a_scrubbed_message_is():
    from bot.language.dutch import prose

    assert prose("Beste [NAAM], uw afspraak is op [DATUM] om [TIJD].") == ""
    # The scrubber's marks are lower case: the person's own words still count.
    scrubbed = "ik ben [naam] en ik woon op [adres], ik heb schulden"
    assert prose(scrubbed) == scrubbed
    assert prose("ik heb een brief van het [CAK] gekregen") != ""
    # Lower-case fields are a template too when one is not the scrubber's own.
    assert (
        prose("Beste [naam], hierbij bevestigen wij uw afspraak op [datum] om [tijd]. Groet, [organisatie]")
        == ""
    )
    assert prose("mijn naam is [naam], bel me op [telefoonnummer] over mijn schulden") != ""


def test_a_message_without_letters_is_not_prose():
    from bot.language.dutch import prose

    for text in ("👍", "???", "🙏🙏", "..."):
        assert prose(text) == "", text
    assert prose("eenzaam 😢") == "eenzaam 😢"
