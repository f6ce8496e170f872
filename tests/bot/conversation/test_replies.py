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
