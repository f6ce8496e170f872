import re

import pytest

from bot.conversation import replies, wheel
from bot.conversation.wheel_picture import wheel_svg


@pytest.mark.parametrize(
    "text, status",
    [
        ("gaat goed hoor", "gaat_goed"),
        ("prima", "gaat_goed"),
        ("ik ben met pensioen", "gaat_goed"),
        ("niet zo goed", "hulp_nodig"),
        ("ik ben vaak eenzaam", "hulp_nodig"),
        ("dat lukt me niet", "hulp_nodig"),
        ("ik zou wel meer willen", "wil_meer"),
        ("sla maar over", "overgeslagen"),
        ("weet ik niet", "overgeslagen"),
        ("blauw", None),
    ],
)
def test_free_answers_become_a_status(text, status):
    assert wheel.status_from_text(text) == status


def test_a_need_intent_means_help_and_yes_means_fine():
    assert wheel.status_from_text("schulden", "need_schuldhulp") == "hulp_nodig"
    assert wheel.status_from_text("jazeker", "affirm") == "gaat_goed"


def test_one_question_per_domain_with_four_real_buttons():
    for domain in wheel.domains():
        message = wheel.question(domain, None)
        assert message.text.count("?") == 1
        assert [b.title for b in message.buttons] == [
            "Gaat goed",
            "Ik wil meer",
            "Ik heb hulp nodig",
            "Sla over",
        ]


def test_questions_about_someone_else_use_the_third_person():
    text = wheel.question("sociale_contacten", "uw moeder").text
    assert "van uw moeder" in text and " uw contacten" not in text


def test_summary_has_status_and_services_per_domain_and_offers_the_wijkteam(catalogue):
    answers = {
        "zelfstandig_functioneren": "hulp_nodig",
        "sociale_contacten": "hulp_nodig",
        "maatschappelijk_deelnemen": "gaat_goed",
        "maatschappelijk_bijdragen": "wil_meer",
        "opdoen_van_vaardigheden": "hulp_nodig",
        "betaald_werk": "overgeslagen",
    }
    messages = wheel.summary(
        catalogue,
        answers,
        {"zelfstandig_functioneren": ["schuldhulp"]},
        ["vrijwilligerswerk"],
        "Noord",
        None,
        "http://127.0.0.1:8080",
    )
    payload = next(m.custom for m in messages if (m.custom or {}).get("type") == "wheel_summary")
    assert set(payload["domains"]) == set(wheel.domains())
    assert payload["domains"]["maatschappelijk_deelnemen"] == {"status": "gaat_goed", "services": []}
    assert payload["domains"]["betaald_werk"]["services"] == []
    first = payload["domains"]["zelfstandig_functioneren"]["services"]
    assert 1 <= len(first) <= 3 and "schuldhulp" in catalogue.get(first[0]).categories
    assert 1 <= len(payload["domains"]["maatschappelijk_bijdragen"]["services"]) <= 3
    text = messages[0].text
    for domain in wheel.domains():
        assert wheel.short_label(domain) in text
    image = next(m.image for m in messages if m.image)
    assert image.startswith("http://127.0.0.1:8080/wheel.svg?") and "hulp_nodig" in image
    assert any("wijkteam" in (m.text or "") for m in messages), "three domains need help"
    assert any("voor anderen" in (m.text or "") for m in messages), "what the person can give counts"
    cards = [
        s["id"] for m in messages if (m.custom or {}).get("type") == "services" for s in m.custom["services"]
    ]
    tips = {i for d in payload["domains"].values() for i in d["services"]}
    assert tips <= set(cards), "every tip of the summary as a card, with its address and hours"


def test_no_wijkteam_offer_with_fewer_than_three_domains_needing_help(catalogue):
    answers = dict.fromkeys(wheel.domains(), "gaat_goed") | {"betaald_werk": "hulp_nodig"}
    messages = wheel.summary(catalogue, answers, {}, [], None, None, "http://x")
    assert not any("wijkteam" in (m.text or "") for m in messages)


def test_the_picture_labels_every_part_with_text_not_colour_alone():
    svg = wheel_svg({"sociale_contacten": "hulp_nodig"})
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert svg.count("<title>") == 6
    assert "Sociale contacten: hulp nodig" in svg
    assert len(re.findall(r"overgeslagen", svg)) >= 5


def answer(requested, text, value=None, slots=None, intent="wheel_answer"):
    return wheel.Answer(
        requested=requested,
        value=text if value is None else value,
        text=text,
        intent=intent,
        intent_confidence=0.9,
        model_ranking=[],
        slots=slots or {},
    )


def test_stop_skips_every_open_question_and_keeps_the_answers_given(catalogue):
    reading = wheel.read_answer(
        catalogue,
        answer(
            "wheel_sociale_contacten", "ik wil stoppen", slots={"wheel_zelfstandig_functioneren": "gaat_goed"}
        ),
    )
    assert reading.slots["wheel_zelfstandig_functioneren"] == "gaat_goed"
    assert reading.slots["wheel_sociale_contacten"] == "overgeslagen"
    assert reading.slots["wheel_strengths"] == wheel.NO_STRENGTHS
    assert reading.messages == []


def test_a_button_sets_the_status_and_names_nothing_else(catalogue):
    reading = wheel.read_answer(catalogue, answer("wheel_betaald_werk", "", value="hulp_nodig"))
    assert reading.slots == {"wheel_named": {}, "wheel_betaald_werk": "hulp_nodig"}


def test_an_unclear_answer_is_asked_again_with_an_explanation(catalogue):
    reading = wheel.read_answer(catalogue, answer("wheel_betaald_werk", "blauw"))
    assert reading.slots["wheel_betaald_werk"] is None
    assert [m.text for m in reading.messages] == [replies.not_clear().text]
