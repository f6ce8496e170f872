"""What the actions say, as a person reads it."""

from bot.conversation import replies


def test_crisis_reply_starts_with_the_numbers_then_says_them_in_text():
    payload, text = replies.crisis()
    assert payload.custom["type"] == "crisis"
    phones = [n["phone"] for n in payload.custom["numbers"]]
    assert phones == [n["phone"] for n in replies.CRISIS_NUMBERS] == ["112", "0800-0113", "0800-2000"]
    for phone in phones + ["113"]:
        assert phone in text.text


def test_neighbourhood_buttons_send_the_neighbourhood_as_an_entity():
    message = replies.neighbourhood_question()
    assert message.text.count("?") == 1
    payloads = [b.payload for b in message.buttons]
    assert payloads[:5] == [
        f'/inform_neighbourhood{{"neighbourhood":"{n}"}}'
        for n in ("Centrum", "Noord", "Oost", "Zuid", "West")
    ]
    assert payloads[-1] == "/deny"


def test_an_out_of_scope_answer_shows_what_the_bot_can_do_as_the_fallback_does():
    from pathlib import Path

    import yaml

    domain = yaml.safe_load((Path(__file__).parents[3] / "domain.yml").read_text(encoding="utf-8"))
    fallback = domain["responses"]["utter_fallback"][0]["buttons"]
    (message,) = replies.out_of_scope({"name": "Gemeente", "phone": "14 0999"})
    assert [(b.title, b.payload) for b in message.buttons] == [(b["title"], b["payload"]) for b in fallback]
