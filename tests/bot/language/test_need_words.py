"""The lookup's word classifier beside the meaning votes: queries whose words the examples know."""

from bot.catalogue.lookup import find, read_query
from bot.language.need_words import query_votes, word_votes


def test_the_words_vote_for_the_help_their_examples_name():
    votes = word_votes("hulp met de huur")
    assert max(votes, key=votes.get) == "wonen"
    assert abs(sum(votes.values()) - 1.0) < 1e-6
    assert word_votes("   ") == {}


def test_a_lookup_for_help_with_the_rent_finds_housing_or_income_help_not_household_help(catalogue):
    # The meaning votes alone put the Wmo's household help first ("hulp ... huishouden").
    query = read_query("hulp met de huur", catalogue.taxonomy)
    hits = find(catalogue, query, 3, query_votes(query.words)).result.hits
    assert {"wonen", "inkomen"} & set(hits[0].service.categories)
