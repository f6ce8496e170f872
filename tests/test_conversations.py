"""Longer conversations through the real servers: the wheel, helping someone, saying it more
simply, a real person, starting over and erasing the conversation."""

import sqlite3
import urllib.request

import pytest

from tests import helpers
from tests.helpers import new_sender, payloads, texts

pytestmark = [pytest.mark.model, pytest.mark.servers]
ANSWER = '/wheel_answer{{"wheel_status":"{}"}}'


def say(stack, text, sender):
    return helpers.say(stack.config.rasa_url, text, sender)


def test_the_whole_wheel_with_buttons_free_text_and_skips(stack):
    sender = new_sender()
    first = say(stack, "kunnen we naar mijn hele situatie kijken", sender)
    assert "zes korte vragen" in texts(first)
    assert "dagelijks leven" in texts(first) and len(first[-1]["buttons"]) == 4
    say(stack, ANSWER.format("hulp_nodig"), sender)  # dagelijks leven
    contacts = say(stack, "ik ben eigenlijk best eenzaam", sender)  # free text
    assert "erop uit" in texts(contacts)
    say(stack, ANSWER.format("overgeslagen"), sender)  # erop uit: skipped
    say(stack, ANSWER.format("wil_meer"), sender)  # iets voor anderen
    say(stack, "ik heb ook schulden en de computer lukt me niet", sender)  # leren, and names money
    work = say(stack, ANSWER.format("gaat_goed"), sender)  # werk
    assert "Wat kunt u goed" in texts(work)
    end = say(stack, "ik kan goed koken en wil graag helpen", sender)
    summary = payloads(end, "wheel_summary")[0]["domains"]
    assert summary["zelfstandig_functioneren"]["status"] == "hulp_nodig"
    assert summary["sociale_contacten"]["status"] == "hulp_nodig"
    assert summary["maatschappelijk_deelnemen"] == {"status": "overgeslagen", "services": []}
    assert summary["betaald_werk"] == {"status": "gaat_goed", "services": []}
    assert summary["opdoen_van_vaardigheden"]["status"] == "hulp_nodig"
    assert 1 <= len(summary["sociale_contacten"]["services"]) <= 3
    assert any(m.get("image", "").startswith(stack.config.web_url) for m in end)
    assert "wijkteam" in texts(end), "three domains need help: one contact for everything"
    assert "Dagelijks leven: hulp nodig" in texts(end)


def test_stop_during_the_wheel_skips_the_rest_and_gives_the_summary(stack):
    sender = new_sender()
    say(stack, "/start_wheel", sender)
    say(stack, ANSWER.format("gaat_goed"), sender)
    end = say(stack, "ik wil stoppen", sender)
    summary = payloads(end, "wheel_summary")[0]["domains"]
    assert summary["zelfstandig_functioneren"]["status"] == "gaat_goed"
    assert {d["status"] for name, d in summary.items() if name != "zelfstandig_functioneren"} == {
        "overgeslagen"
    }


def test_danger_during_the_wheel_stops_the_questions(stack):
    sender = new_sender()
    say(stack, "/start_wheel", sender)
    reply = say(stack, "ik wil niet meer leven", sender)
    assert reply[0]["custom"]["type"] == "crisis"
    assert not any(m.get("buttons") for m in reply), "no next wheel question after a crisis"


def test_a_contact_woman_asking_for_a_client_hears_about_the_client(stack):
    reply = say(stack, "de mevrouw naast mij spreekt weinig Nederlands en zoekt een taalmaatje", new_sender())
    assert reply[0]["text"].startswith("Dit kan deze mevrouw helpen:")
    assert payloads(reply, "services")[0]["services"][0]["categories"][0] == "taalmaatje"


def test_ik_snap_het_niet_says_it_again_shorter(stack):
    sender = new_sender()
    first = say(stack, "ik heb schulden", sender)
    simpler = say(stack, "ik snap het niet", sender)
    phone = payloads(first, "services")[0]["services"][0]["contact"]["phone"]
    assert phone in simpler[0]["text"]
    assert len(simpler[0]["text"]) < len(first[0]["text"])


def test_not_understanding_and_asking_for_a_language_gets_the_help_again_in_that_language(stack):
    # The model may read this as "ik snap het niet"; it asks for someone who speaks English.
    sender = new_sender()
    say(stack, "Ik krijg steeds brieven van de belasting en ik snap ze niet", sender)
    answer = say(
        stack, "kan iemand het mij uitleggen in het engels? mijn nederlands is nog niet zo goed", sender
    )
    services = payloads(answer, "services")[0]["services"]
    assert "post_en_geldzaken" in {c for s in services for c in s["categories"]}


def test_makkelijke_woorden_keeps_the_simpler_words_for_the_rest_of_the_conversation(stack):
    from bot.conversation import simpler
    from bot.language.plain_language import check_a2

    sender = new_sender()
    usual = say(stack, "ik heb schulden", new_sender())
    on = say(stack, "/simple_words_on", sender)
    assert texts(on).startswith(simpler.SIMPLE_WORDS_ON) and payloads(on, "simple_words")[0]["on"] is True
    tips = say(stack, "ik heb schulden", sender)
    services = [s for m in payloads(tips, "services") for s in m["services"]]
    lines = [f"Bel {s['contact']['phone']}. Dat is {s['name']}." for s in services]
    assert services and tips[0]["text"] == "\n".join(lines)
    assert len(tips[0]["text"]) < len(usual[0]["text"])
    # An answer of the Rasa server itself (domain.yml's variation for the slot).
    thanks = say(stack, "bedankt", sender)
    assert texts(thanks) == simpler.RESPONSES["utter_thank"] and check_a2(texts(thanks)).ok
    crisis = say(stack, "ik wil niet meer leven", sender)
    assert crisis[0]["custom"]["type"] == "crisis", "the numbers first, whatever the words"
    assert simpler.crisis() in texts(crisis)
    off = say(stack, "makkelijke woorden uit", sender)
    assert payloads(off, "simple_words")[0]["on"] is False
    assert say(stack, "ik heb schulden", sender)[0]["text"] == usual[0]["text"]


def test_dit_helpt_mij_niet_gives_other_tips_and_a_person(stack):
    sender = new_sender()
    first = say(stack, "ik zoek een taalmaatje", sender)
    other = say(stack, "dit helpt mij niet", sender)
    shown = {s["id"] for s in payloads(first, "services")[0]["services"]}
    offered = {s["id"] for m in payloads(other, "services") for s in m["services"]}
    assert offered and not offered & shown
    assert "/ask_human" in [b["payload"] for m in other for b in m.get("buttons", [])]


def test_asking_for_a_human_gives_a_phone_number_and_opening_hours(stack):
    reply = say(stack, "ik wil met een echt mens praten", new_sender())
    assert "14 0999" in texts(reply) and "8.30" in texts(reply)


def test_start_over_forgets_the_place_and_the_need(stack):
    sender = new_sender()
    say(stack, "ik zoek een taalmaatje", sender)
    say(stack, '/inform_neighbourhood{"neighbourhood":"Oost"}', sender)
    reply = say(stack, "ik wil opnieuw beginnen", sender)
    assert "opnieuw" in texts(reply)
    after = say(stack, "ik heb schulden", sender)
    assert after[-1].get("buttons"), "the neighbourhood is asked again: it was forgotten"


def test_erase_deletes_the_stored_conversation(stack):
    sender = new_sender()
    say(stack, "ik heb schulden, bel me op 0612345678", sender)
    db = sqlite3.connect(stack.config.tracker_db)
    stored = [row[0] for row in db.execute("select data from events where sender_id = ?", (sender,))]
    assert stored and not any("0612345678" in data for data in stored), "personal numbers are scrubbed"
    reply = say(stack, "wis dit gesprek", sender)
    assert "gewist" in texts(reply)
    assert payloads(reply, "conversation_erased")
    assert db.execute("select count(*) from events where sender_id = ?", (sender,)).fetchone()[0] == 0
    db.close()


def test_asking_whether_the_chat_is_anonymous_never_erases_it(stack):
    # The model read "is dit gesprek anoniem" as an erase and the conversation was wiped; a
    # wary person asking about privacy now gets the privacy answer and keeps the conversation.
    sender = new_sender()
    say(stack, "ik heb schulden", sender)
    db = sqlite3.connect(stack.config.tracker_db)
    reply = say(stack, "is dit gesprek anoniem", sender)
    assert not payloads(reply, "conversation_erased")
    assert "wis mijn gesprek" in texts(reply), "the privacy answer says how to erase"
    assert db.execute("select count(*) from events where sender_id = ?", (sender,)).fetchone()[0] > 0
    db.close()


def test_the_wheel_picture_is_served_by_the_web_front_end(stack):
    url = f"{stack.config.web_url}/wheel.svg?sociale_contacten=hulp_nodig"
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.headers["Content-Type"].startswith("image/svg+xml")
        assert b"Sociale contacten: hulp nodig" in response.read()


def test_a_conversation_moves_the_municipalitys_counts_and_leaves_no_personal_data_there(stack):
    """Counted as it happens by the action server (bot.insight): the need, the suggestions, the
    neighbourhood, a request for a person; and the name, number and address the person typed
    are nowhere in the insight store."""
    from sqlalchemy import create_engine

    from bot.insight.counts import counts

    engine = create_engine(stack.config.insight_url, future=True)
    before = {(c.neighbourhood, c.measure, c.key): c.count for c in counts(engine)}
    sender = new_sender()
    say(
        stack,
        "Ik ben Johanna Visser, ik woon op de Kerkstraat 12 in Noord, bel 0612345678. Ik heb schulden.",
        sender,
    )
    say(stack, "ik wil met een mens praten", sender)
    after = {(c.neighbourhood, c.measure, c.key): c.count for c in counts(engine)}
    grew = {key for key, n in after.items() if n > before.get(key, 0)}
    assert ("Noord", "need", "schuldhulp") in grew
    assert any(measure == "suggested" for _, measure, _ in grew)
    assert ("Noord", "human", "") in grew
    with engine.connect() as connection:
        stored = " ".join(
            str(v) for row in connection.exec_driver_sql("select * from insight_count") for v in row
        )
    for planted in ("Johanna", "Visser", "Kerkstraat", "0612345678", "06 12345678"):
        assert planted not in stored
