"""The REST webhook's checks and safety net, with turns that fail, hang or flood in.

The real Rasa server runs behind the same channel in tests/test_end_to_end.py and
tests/test_faults.py; here a turn is a function that does what a broken server would."""

import asyncio

import pytest

from bot.rasa_plugins import rest_channel
from bot.rasa_plugins.rest_channel import BadRequest, CheckedRestInput, checked


@pytest.mark.parametrize(
    "body",
    [
        {"message": "ik heb schulden"},
        {"sender": "", "message": "hoi"},
        {"sender": "iemand\n", "message": "hoi"},
        {"sender": "x" * 65, "message": "hoi"},
        {"sender": ["a"], "message": "hoi"},
        {"sender": "iemand", "message": "   "},
        {"sender": "iemand", "message": {"text": "hoi"}},
        ["sender", "message"],
    ],
)
def test_a_message_without_a_valid_sender_or_text_is_refused(body):
    with pytest.raises(BadRequest):
        checked(body)


def test_a_long_message_is_cut_and_a_typed_shortcut_read_as_text():
    assert checked({"sender": "a", "message": "x" * 9000}) == ("a", "x" * 5000)
    assert checked({"sender": "a", "message": '/inform_neighbourhood{"neighbourhood":1}'})[1] == (
        'inform_neighbourhood{"neighbourhood":1}'
    )


def answer(turn, text="ik heb schulden", channel=None):
    return asyncio.run((channel or CheckedRestInput()).answer(turn, "iemand", text))


def test_a_turn_that_fails_gets_a_kind_answer_and_danger_the_numbers(monkeypatch):
    monkeypatch.setattr(rest_channel, "general_phone", lambda: "14 0999")

    async def broken(message):
        raise RuntimeError("the tracker store is gone")

    assert [m["text"] for m in answer(broken)] == [
        "Sorry, er ging bij mij iets mis. Probeer het zo nog eens. Of bel de gemeente: 14 0999."
    ]
    reply = answer(broken, "ik wil niet meer leven")
    assert reply[0]["custom"]["type"] == "crisis" and "112" in reply[-1]["text"]


def test_a_turn_that_hangs_gets_the_busy_answer_in_time(monkeypatch):
    monkeypatch.setattr(rest_channel, "TURN_TIMEOUT", 0.2)
    monkeypatch.setattr(rest_channel, "general_phone", lambda: "")

    async def frozen(message):
        await asyncio.sleep(5)

    assert [m["text"] for m in answer(frozen)] == ["Het is nu erg druk. Probeer het over een minuut opnieuw."]


def test_beyond_the_bound_a_message_is_not_taken_in(monkeypatch):
    monkeypatch.setattr(rest_channel, "general_phone", lambda: "")
    taken = []

    async def turn(message):
        taken.append(message.text)

    channel = CheckedRestInput()
    channel.in_progress = rest_channel.MAX_TURNS_IN_PROGRESS
    reply = answer(turn, "mijn man slaat mij", channel)
    assert taken == []
    assert reply[0]["custom"]["type"] == "crisis" and "112" in reply[-1]["text"]


def test_the_bots_own_messages_pass_unchanged():
    async def turn(message):
        await message.output_channel.send_text_message(message.sender_id, "Graag gedaan.")

    assert answer(turn, "dank je") == [{"recipient_id": "iemand", "text": "Graag gedaan."}]


def test_danger_gets_the_numbers_within_seconds_when_the_turn_hangs(monkeypatch):
    import time

    monkeypatch.setattr(rest_channel, "general_phone", lambda: "")

    async def frozen(message):
        await asyncio.sleep(30)

    started = time.monotonic()
    reply = answer(frozen, "ik wil niet meer leven")
    assert time.monotonic() - started < rest_channel.DANGER_TIMEOUT + 1
    assert reply[0]["custom"]["type"] == "crisis"


def test_a_turn_that_timed_out_counts_until_it_really_ends(monkeypatch):
    monkeypatch.setattr(rest_channel, "TURN_TIMEOUT", 0.1)
    monkeypatch.setattr(rest_channel, "general_phone", lambda: "")
    channel = CheckedRestInput()

    async def scenario():
        async def slow(message):
            await asyncio.sleep(0.5)

        await channel.answer(slow, "iemand", "hallo")
        during = channel.in_progress
        await asyncio.sleep(0.6)
        return during, channel.in_progress

    assert asyncio.run(scenario()) == (1, 0)


def test_a_reply_says_erased_only_when_the_conversation_is_really_gone(tmp_path):
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.rasa_plugins.tracker_store import PrivateSQLTrackerStore

    store = PrivateSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "t.db"))
    tracker = DialogueStateTracker("still-there", [])
    tracker.update(UserUttered("ik heb schulden", {"name": "need_schuldhulp"}))
    asyncio.run(store.save(tracker))
    said_erased = [
        {"recipient_id": "x", "text": "Uw gesprek is gewist."},
        {"custom": {"type": "conversation_erased"}},
    ]

    kept = asyncio.run(rest_channel.checked_erase(store, "still-there", said_erased))
    assert [m["text"] for m in kept] == [
        "Het wissen is nu niet gelukt. Uw gesprek is nog bewaard. Probeer het zo nog eens."
    ]
    assert asyncio.run(rest_channel.checked_erase(store, "never-stored", said_erased)) == said_erased
    ordinary = [{"recipient_id": "x", "text": "Graag gedaan."}]
    assert asyncio.run(rest_channel.checked_erase(store, "still-there", ordinary)) == ordinary


def test_a_warm_up_that_fails_does_not_stop_the_server(monkeypatch, caplog):
    def no_catalogue():
        raise OSError("the catalogue cannot be read")

    monkeypatch.setattr(rest_channel, "general_phone", no_catalogue)
    asyncio.run(rest_channel.warm_up_with(None))  # no exception: Rasa goes on starting
    assert "warming up the Rasa server failed" in caplog.text
