"""What staff type into the lookup: names in any case, and words that are really filters."""

import pytest

from bot.catalogue.lookup import normalised, read_query
from bot.language.need_words import query_votes
from bot.taxonomy import taxonomy


@pytest.mark.parametrize(
    "kind, given, value",
    [
        ("neighbourhood", "noord", "Noord"),
        ("neighbourhood", " ZUID ", "Zuid"),
        ("language", "arabisch", "ar"),
        ("language", "Oekraïens", "uk"),
        ("language", "tr", "tr"),
        ("language", "dari", "fa"),
        ("category", "taalmaatje", "taalmaatje"),
        ("category", "hulp bij schulden", "schuldhulp"),
        ("domain", "Sociale contacten", "sociale_contacten"),
        ("target_group", "Ouderen", "ouderen"),
        ("neighbourhood", "Mars", None),
        ("language", "klingon", None),
        ("category", "zwemmen", None),
    ],
)
def test_a_filter_is_read_by_code_or_name_in_any_case(kind, given, value):
    assert normalised(kind, given, taxonomy()) == value


def test_words_naming_a_language_or_a_neighbourhood_become_filters():
    vocab = taxonomy()
    assert read_query("taalmaatje arabisch", vocab).filters == {"language": "ar"}
    assert read_query("taalmaatje arabisch", vocab).words == "taalmaatje"
    query = read_query("inloop in Oost", vocab)
    assert query.filters == {"neighbourhood": "Oost"} and query.from_words == ("neighbourhood",)
    # Nothing left but small words: a search on the filters alone.
    assert read_query("iemand die turks spreekt in noord", vocab).filters == {
        "language": "tr",
        "neighbourhood": "Noord",
    }
    assert read_query("turks", vocab).words == ""


def test_a_group_is_a_filter_but_its_word_still_counts_and_given_filters_win():
    vocab = taxonomy()
    query = read_query("ondersteuning mantelzorgers", vocab)
    assert query.filters == {"target_group": "mantelzorgers"} and "mantelzorgers" in query.words
    assert read_query("inloop oost", vocab, {"neighbourhood": "West"}).filters == {"neighbourhood": "West"}
    assert read_query("hulp bij schulden", vocab).filters == {}


def test_a_filter_from_the_words_is_left_out_and_said_so_when_nothing_fitting_has_it(catalogue):
    from bot.catalogue.lookup import find

    vocab = catalogue.taxonomy
    # Debt help in Polish does not exist in the example catalogue: debt help, and the page says
    # Polish was left out (not a night shelter that happens to speak Polish).
    found = find(catalogue, read_query("poolse man schulden", vocab), 3)
    assert found.relaxed == ("language",) and "language" not in found.filters
    assert all("schuldhulp" in hit.service.categories for hit in found.result.hits)
    # Where it exists, the filter stays: every language buddy shown speaks Arabic.
    found = find(catalogue, read_query("taalmaatje arabisch", vocab), 10)
    assert found.relaxed == () and all("ar" in hit.service.languages for hit in found.result.hits)
    # A language alone: the contact women who speak it first.
    found = find(catalogue, read_query("iemand die turks spreekt", vocab), 3)
    assert "contactvrouw" in found.result.hits[0].service.categories
    assert all("tr" in hit.service.languages for hit in found.result.hits)
    # Nothing either way: the search as asked.
    found = find(catalogue, read_query("qqqxxzz in noord", vocab), 3)
    assert found.result.total == 0 and found.filters == {"neighbourhood": "Noord"} and found.relaxed == ()


def test_a_language_typed_with_one_letter_wrong_still_names_it():
    vocab = taxonomy()
    assert read_query("taalmaatje arabich", vocab).filters == {"language": "ar"}
    assert read_query("taalmaatje arabich", vocab).words == "taalmaatje"
    assert read_query("engel", vocab).filters == {}, "short words are not guessed at"


@pytest.mark.parametrize(
    ("query", "filters"),
    [
        ("inloop buurthuis noort", {"neighbourhood": "Noord"}),
        ("taalcafe centrim", {"neighbourhood": "Centrum"}),
        ("hulp formulieren turksch", {"language": "tr"}),
        ("vrouw zoekt contact met arabischsprekenden", {"language": "ar"}),
        ("turkssprekende buurtcontactvrouw", {"language": "tr"}),
        # Written as it sounds, a letter too many, a key held down, a note without vowels.
        ("contactvrouw somalies", {"language": "so"}),
        ("taalmaatje farsie", {"language": "fa"}),
        ("inloop koffie westt", {"neighbourhood": "West"}),
        ("wijkteam nrd", {"neighbourhood": "Noord"}),
        ("spreekuur cntrm", {"neighbourhood": "Centrum"}),
        ("digid hulp oudren", {"target_group": "ouderen"}),
        ("mantelzorgrs cafe", {"target_group": "mantelzorgers"}),
        # Ordinary words one letter from a name are not that name.
        ("moord", {}),
        ("in nood", {}),
        ("noorse vrouw zoekt werk", {}),
        ("een woord uitleggen", {}),
        ("zuit", {}),
        ("hmm ost pff", {}),
        ("daria zoekt werk", {}),
        ("series kijken", {}),
        ("praten met andere ouders", {}),
    ],
)
def test_a_misspelt_neighbourhood_or_a_language_inside_a_longer_word_still_filters(query, filters):
    assert read_query(query, taxonomy()).filters == filters


@pytest.mark.parametrize(
    ("query", "category"),
    [("kan de trap niet meer op", "wmo_loket"), ("niemand belt mij ooit", "huisbezoek")],
)
def test_a_problem_in_a_citizen_s_words_finds_its_help_by_meaning(catalogue, query, category):
    # The words alone find nothing of this kind among the first three; the real encoder's
    # nearest need examples say what the problem is about.
    from bot.catalogue.lookup import find
    from bot.language.meaning import need_votes

    asked = read_query(query, catalogue.taxonomy)
    by_words = [h.service.categories for h in find(catalogue, asked, 3).result.hits]
    by_meaning = [
        h.service.categories for h in find(catalogue, asked, 3, need_votes(asked.words)).result.hits
    ]
    assert not any(category in categories for categories in by_words)
    assert any(category in categories for categories in by_meaning)


def test_gibberish_is_not_read_for_meaning():
    from bot.catalogue.lookup import reads_as_words

    assert not reads_as_words("qqqxxzz") and not reads_as_words("asdf")
    assert reads_as_words("niemand belt mij ooit")


def test_a_neighbourhood_without_the_help_meant_is_left_out_for_that_help_elsewhere(catalogue):
    from bot.catalogue.lookup import find

    # Oost has no activities in the example catalogue; the word "activiteiten" in a day centre's
    # text must not put day care first. The page says Oost was left out.
    query = read_query("activiteiten voor jongeren oost", catalogue.taxonomy)
    found = find(catalogue, query, 3, query_votes(query.words))
    assert "neighbourhood" in found.relaxed
    assert "activiteiten" in found.result.hits[0].service.categories


def test_a_kind_of_help_chosen_on_the_page_keeps_the_neighbourhood_asked_for(catalogue):
    from bot.catalogue.lookup import find

    # With "sport" chosen, the activities the words mean cannot be shown anyway: Oost stays,
    # with the sport that serves the whole city.
    query = read_query("activiteiten voor jongeren oost", catalogue.taxonomy, {"category": "sport"})
    found = find(catalogue, query, 3, query_votes(query.words))
    assert found.relaxed == () and found.filters["neighbourhood"] == "Oost"
    assert found.result.hits and all("sport" in h.service.categories for h in found.result.hits)
