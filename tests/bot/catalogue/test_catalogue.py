"""The search as staff and citizens use it, on the shipped example catalogue."""

import pytest


def categories_of_top(catalogue, q, n=3, **filters):
    return [c for hit in catalogue.search(q, limit=n, **filters).hits for c in hit.service.categories]


@pytest.mark.parametrize(
    "query, category",
    [
        ("taalmaatje", "taalmaatje"),
        ("taalmaatjes", "taalmaatje"),  # plural
        ("taalmaatjesproject", "taalmaatje"),  # compound
        ("schulden", "schuldhulp"),  # inflection
        ("schuldhulpmaatje", "schuldhulp"),  # compound
        ("vrijwiligerswerk", "vrijwilligerswerk"),  # typo
        ("nederlans leren", "taalles"),  # typo, everyday words
        ("eenzaam", "ontmoeting"),
        ("scootmobiel", "wmo_loket"),
        ("deurwaarder", "schuldhulp"),
        ("digid", "digitale_hulp"),
        ("sollicitatietraining", "werk_zoeken"),  # staff words kept in synonyms.yml
        ("cursus voor werk", "opleiding"),  # a phrase says more than its words
    ],
)
def test_everyday_dutch_finds_the_right_kind_of_support(catalogue, query, category):
    found = categories_of_top(catalogue, query)
    assert category in found, (query, found)


def test_nothing_is_found_for_nonsense(catalogue):
    assert catalogue.search("qwxzv").total == 0


def test_filters_narrow_the_results(catalogue):
    result = catalogue.search("", category="contactvrouw", language="ar")
    assert result.total >= 1
    assert all("contactvrouw" in h.service.categories and "ar" in h.service.languages for h in result.hits)
    by_domain = catalogue.search("", domain="betaald_werk", limit=50)
    assert all("betaald_werk" in h.service.domains for h in by_domain.hits)


def test_own_neighbourhood_first_then_city_wide_and_never_other_neighbourhoods(catalogue):
    hits = catalogue.search("nederlands", neighbourhood="Zuid", limit=50).hits
    areas = [h.service.neighbourhoods for h in hits]
    assert areas[0] == ("Zuid",)
    assert all(not a or "Zuid" in a for a in areas)
    assert any(not a for a in areas), "city-wide services are included"


def test_results_are_stable_between_calls(catalogue):
    first = [h.service.id for h in catalogue.search("hulp", limit=20).hits]
    assert first == [h.service.id for h in catalogue.search("hulp", limit=20).hits]


def test_categories_for_a_story_with_two_needs(catalogue):
    ranked = [c for c, _ in catalogue.categories_for("ik heb schulden en ik wil nederlands oefenen")[:4]]
    assert "schuldhulp" in ranked
    assert "taalmaatje" in ranked


def test_target_group_filter_keeps_services_for_everyone(catalogue):
    hits = catalogue.search("", target_group="ouderen", limit=200).hits
    assert hits and all({"ouderen", "iedereen"} & set(h.service.target_groups) for h in hits)


def test_facets_count_what_each_choice_would_give(catalogue):
    facets = catalogue.facets("taalmaatje", {"neighbourhood": "Noord"})
    for option in facets["language"]:
        found = catalogue.search("taalmaatje", neighbourhood="Noord", language=option["value"], limit=500)
        assert found.total == option["count"], option
    # A kind's own filter is left out of its counts: every neighbourhood stays a choice.
    assert {o["value"] for o in facets["neighbourhood"]} == set(catalogue.taxonomy.neighbourhoods)
    assert all(o["count"] > 0 and o["label"] for kind in facets.values() for o in kind)
