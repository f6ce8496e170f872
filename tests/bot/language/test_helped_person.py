import pytest

from bot.language.helped_person import helped_person


@pytest.mark.parametrize(
    "text, person",
    [
        ("mijn moeder woont alleen en kan niet meer koken", "uw moeder"),
        ("De mevrouw naast mij spreekt weinig Nederlands en zoekt een taalcursus", "deze mevrouw"),
        ("mijn cliënt heeft schulden", "uw cliënt"),
        ("voor mijn opa zoek ik iemand die langskomt", "uw opa"),
        ("ik zoek werk", None),
        ("mijn man is vorig jaar overleden en ik zit alleen", None),
        ("mijn man heeft schulden en ik weet niet wat te doen", None),
    ],
)
def test_who_the_message_is_about(text, person):
    assert helped_person(text) == person
