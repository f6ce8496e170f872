"""The last line of defence: the crisis numbers and a kind answer whatever fails."""

import pytest

from bot.conversation import safety_net


def texts(messages):
    return [m.get("text") for m in messages]


def test_an_empty_reply_becomes_a_friendly_message_with_the_municipalitys_number():
    reply = safety_net.guarded("ik heb schulden", [], "someone", "14 0999")
    assert texts(reply) == [
        "Sorry, er ging bij mij iets mis. Probeer het zo nog eens. Of bel de gemeente: 14 0999."
    ]
    assert reply[0]["recipient_id"] == "someone"


@pytest.mark.parametrize(
    "text", ["ik wil niet meer leven", "mijn man slaat mij", "my husband hits me", "Mój mąż mnie bije"]
)
def test_danger_without_the_numbers_gets_them_first(text):
    reply = safety_net.guarded(text, [{"recipient_id": "p", "text": "Dit kan u helpen: ..."}], "p")
    assert reply[0]["custom"]["type"] == "crisis"
    assert "112" in reply[1]["text"]
    assert reply[2]["text"] == "Dit kan u helpen: ..."


def test_a_reply_that_already_has_the_numbers_is_left_as_it_is():
    reply = [
        {"recipient_id": "p", "custom": {"type": "crisis", "numbers": []}},
        {"recipient_id": "p", "text": "x"},
    ]
    assert safety_net.guarded("ik wil niet meer leven", reply, "p") == reply


def test_an_ordinary_reply_is_left_as_it_is():
    reply = [{"recipient_id": "p", "text": "Graag gedaan."}]
    assert safety_net.guarded("dank je wel", reply, "p") == reply


def test_a_busy_turn_says_so_after_what_was_already_said():
    reply = safety_net.guarded(
        "hallo", [{"recipient_id": "p", "text": "Hallo"}], "p", failure=safety_net.busy()
    )
    assert texts(reply) == ["Hallo", "Het is nu erg druk. Probeer het over een minuut opnieuw."]


def test_broken_crisis_patterns_err_on_the_side_of_the_numbers(monkeypatch):
    def broken(text):
        raise RuntimeError("pattern file unreadable")

    monkeypatch.setattr(safety_net, "crisis_kind", broken)
    assert safety_net.guarded("hallo", [], "p")[0]["custom"]["type"] == "crisis"


def test_after_the_numbers_nothing_tells_someone_in_danger_to_try_again_later():
    reply = safety_net.guarded("ik wil niet meer leven", [], "p", failure=safety_net.busy())
    assert reply[0]["custom"]["type"] == "crisis"
    assert not any("druk" in (m.get("text") or "") for m in reply)


def test_a_danger_verdict_the_caller_made_is_used_as_it_is():
    assert safety_net.guarded("hallo", [], "p", danger=True)[0]["custom"]["type"] == "crisis"
    assert safety_net.guarded(
        "ik wil niet meer leven", [{"recipient_id": "p", "text": "x"}], "p", danger=False
    ) == [{"recipient_id": "p", "text": "x"}]
