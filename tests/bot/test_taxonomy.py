import pytest
import yaml

from bot.taxonomy import load_taxonomy, taxonomy
from tests.conftest import SHARED

SPEC = SHARED / "spec" / "taxonomy.yml"


@pytest.mark.skipif(not SPEC.exists(), reason="shared/spec is not beside this clone")
def test_project_copy_agrees_with_the_shared_vocabulary():
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    ours = taxonomy()
    assert list(ours.domains) == [d["slug"] for d in spec["domains"]]
    assert list(ours.categories) == [c["slug"] for c in spec["categories"]]
    for category in spec["categories"]:
        assert ours.categories[category["slug"]].domain == category["domain"]
        assert ours.categories[category["slug"]].also == tuple(category.get("also", ()))


def test_six_domains_and_five_neighbourhoods():
    vocab = load_taxonomy()
    assert len(vocab.domains) == 6
    assert vocab.neighbourhoods == ("Centrum", "Noord", "Oost", "Zuid", "West")


def test_domains_of_lists_main_domains_first_without_repeats():
    vocab = taxonomy()
    assert vocab.domains_of(["taalmaatje", "contactvrouw"]) == [
        "opdoen_van_vaardigheden",
        "sociale_contacten",
        "zelfstandig_functioneren",
    ]


def test_a_group_is_read_from_staff_words_and_compounds_but_not_from_look_alikes():
    from bot.taxonomy import taxonomy

    vocab = taxonomy()
    assert vocab.target_group_in("ouderenadviseur huisbezoek") == "ouderen"
    assert vocab.target_group_in("maatjesproject ggz") == "mensen_met_psychische_klachten"
    assert vocab.target_group_in("jobcoach wajong") == "mensen_met_een_beperking"
    assert vocab.target_group_in("vrouwengroep turks") == "vrouwen"
    # A short word only as a whole word: "minimaal" is no "minima".
    assert vocab.target_group_in("minimaal twee keer per week") is None
