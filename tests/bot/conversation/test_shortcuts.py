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


def test_every_shortcut_the_chat_page_sends_passes_as_it_is():
    """The page's own payloads (greeting, the "Makkelijke woorden" switch) reach Rasa as intents:
    read as text, "/simple_words_off" would be understood as... simple words on."""
    import re

    from bot.settings import PROJECT_ROOT

    script = (PROJECT_ROOT / "bot" / "web" / "static" / "chat.js").read_text(encoding="utf-8")
    sent = set(re.findall(r'"(/[a-z_]+)"', script))
    assert {"/greet", "/simple_words_on", "/simple_words_off"} <= sent
    for payload in sent:
        assert read_as_text(payload) == payload
