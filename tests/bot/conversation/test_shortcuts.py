"""Only the bot's own buttons may send an intent shortcut; anything else typed is text."""

import pytest

from bot.conversation import replies, wheel
from bot.conversation.shortcuts import button_payloads, read_as_text


def test_every_button_the_bot_shows_passes_as_it_is():
    buttons = [*replies.neighbourhood_question().buttons, *replies.wheel_offer().buttons]
    buttons += [b for d in wheel.domains() for b in wheel.question(d, "uw moeder").buttons]
    for button in buttons:
        assert read_as_text(button.payload) == button.payload
    assert {"/start_wheel", "/ask_human", "/need_schuldhulp", "/greet"} <= button_payloads()


@pytest.mark.parametrize(
    "typed, read",
    [
        ('/inform_neighbourhood{"neighbourhood":{"a":1}}', 'inform_neighbourhood{"neighbourhood":{"a":1}}'),
        (
            '/inform_neighbourhood{"neighbourhood":"<script>"}',
            'inform_neighbourhood{"neighbourhood":"<script>"}',
        ),
        ('/wheel_answer{"wheel_status":"iets"}', 'wheel_answer{"wheel_status":"iets"}'),
        ("/erase_conversation", "erase_conversation"),
        ("/restart", "restart"),
        ("//", "?"),
        ("/ schulden", "schulden"),
    ],
)
def test_any_other_shortcut_is_read_as_text(typed, read):
    assert read_as_text(typed) == read


def test_ordinary_text_is_untouched():
    assert read_as_text("ik heb schulden / geld") == "ik heb schulden / geld"
