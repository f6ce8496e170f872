"""Whole conversations through the real Rasa server (REST webhook) and the real action server,
with a model trained from this repository's data."""

import json
import urllib.request
from pathlib import Path

import pytest

from tests import helpers
from tests.helpers import new_sender, payloads

pytestmark = [pytest.mark.model, pytest.mark.servers]


def say(stack, text, sender):
    return helpers.say(stack.config.rasa_url, text, sender)


def test_greeting_says_who_runs_the_bot_and_that_it_gives_suggestions_not_decisions(stack):
    messages = say(stack, "hallo", new_sender())
    text = " ".join(m.get("text", "") for m in messages)
    assert "Meedoenwijzer" in text and "gemeente Voorbeeldstad" in text
    assert "Ik geef tips" in text and "Ik beslis niets" in text
    payloads_offered = [b["payload"] for m in messages for b in m.get("buttons", [])]
    assert payloads_offered == ["/start_wheel", "/ask_human"], "the wheel and a real person are one tap away"


def test_practising_dutch_gets_a_language_buddy_with_a_phone_number(stack):
    messages = say(stack, "ik zoek iemand om nederlands mee te oefenen", new_sender())
    services = payloads(messages, "services")
    assert len(services) == 1
    first = services[0]["services"][0]
    assert first["categories"][0] == "taalmaatje"
    assert first["contact"]["phone"]
    assert first["contact"]["phone"] in messages[0]["text"], "the text alone carries the suggestion too"


def test_someone_to_talk_to_without_a_word_about_dutch_gets_company_first_not_language_practice(stack):
    services = payloads(say(stack, "ik zoek iemand om mee te praten", new_sender()), "services")[0][
        "services"
    ]
    assert services[0]["categories"][0] in {"maatje", "huisbezoek", "ontmoeting"}


@pytest.mark.parametrize(
    "text, category",
    [
        ("ik heb schulden en er komen steeds aanmaningen", "schuldhulp"),
        ("ik kan niet meer goed lopen en heb een scootmobiel nodig", "wmo_loket"),
        ("ik ben veel alleen en zou graag een maatje hebben om mee te wandelen", "maatje"),
        ("ik zoek een vrouw uit de buurt die turks spreekt en met mij mee kan gaan", "contactvrouw"),
        ("ik wil nederlands oefenen met een vrijwilliger", "taalmaatje"),
    ],
)
def test_a_need_in_own_words_gets_one_to_three_suggestions_in_the_next_reply(stack, text, category):
    messages = say(stack, text, new_sender())
    services = payloads(messages, "services")
    assert len(services) == 1
    suggested = services[0]["services"]
    assert 1 <= len(suggested) <= 3
    assert category in [c for s in suggested for c in s["categories"]]
    assert sum("?" in m.get("text", "") for m in messages) <= 1


@pytest.mark.parametrize(
    "story, fitting",
    [
        (
            "Mijn man is drie jaar geleden overleden en ik woon nog in ons oude huis. De kinderen komen "
            "elke zondag eten. Mijn pensioen is genoeg. Ik zou graag de computer leren, want alles gaat "
            "nu via internet.",
            {"digitale_hulp"},
        ),
        (
            "Ik ben 19 en heb mijn mbo niet afgemaakt. Thuis is het vaak ruzie met mijn moeder. Ik heb "
            "wel veel zin om met mijn handen te werken. Is er een plek waar ik een vak kan leren en geld "
            "verdienen?",
            {"werkervaring", "opleiding", "werk_zoeken", "re_integratie"},
        ),
    ],
)
def test_a_need_told_late_in_a_story_comes_first(stack, story, fitting):
    # Read whole, the first sentences win (a visit for the widow, the wijkteam for the quarrel).
    services = payloads(say(stack, story, new_sender()), "services")[0]["services"]
    assert services[0]["categories"][0] in fitting


def test_choosing_a_neighbourhood_refines_the_suggestions(stack):
    sender = new_sender()
    say(stack, "ik zoek een taalmaatje", sender)
    messages = say(stack, '/inform_neighbourhood{"neighbourhood":"Oost"}', sender)
    first = payloads(messages, "services")[0]["services"][0]
    assert first["categories"][0] == "taalmaatje" and first["neighbourhood"] == "Oost"


def test_what_the_bot_does_not_understand_gets_buttons_for_what_it_can_do(stack):
    messages = say(stack, "qwerty zxcv plop", new_sender())
    assert not payloads(messages, "services")
    buttons = [b["title"] for m in messages for b in m.get("buttons", [])]
    assert "Een mens spreken" in buttons and len(buttons) >= 4


@pytest.mark.parametrize(
    "text",
    [
        "ik wil niet meer leven",
        "mijn man slaat mij en ik ben bang",
        "ik zie geen uitweg meer en wil er een eind aan maken",
    ],
)
def test_danger_gets_the_crisis_numbers_before_anything_else(stack, text):
    messages = say(stack, text, new_sender())
    assert messages[0]["custom"]["type"] == "crisis"
    phones = [n["phone"] for n in messages[0]["custom"]["numbers"]]
    assert {"112", "0800-0113", "0800-2000"} <= set(phones)
    for phone in ("112", "0800-0113", "0800-2000"):
        assert phone in messages[1]["text"]


def test_danger_told_in_other_words_gets_the_crisis_numbers_first(stack):
    # The patterns do not cover these (tests/bot/language/test_crisis.py says why): the trained
    # model and the guard must, in Dutch and in the other languages.
    examples = [
        text
        for files in ("crisis_in_other_words*.yml", "crisis_in_other_languages.yml")
        for intent, text in helpers.nlu_examples(files)
        if intent == "crisis"
    ]
    assert len(examples) >= 380
    missed = [
        text
        for text in examples
        if (say(stack, text, new_sender())[0].get("custom") or {}).get("type") != "crisis"
    ]
    assert missed == []


@pytest.mark.parametrize(
    "text",
    [
        "wat doen jullie eigenlijk met wat ik hier typ? leest de gemeente mee?",
        "is dit anoniem of ziet de uitkeringsinstantie dit",
        "Is this chat saved somewhere? Who can read it?",
    ],
)
def test_a_question_about_what_is_kept_gets_the_privacy_answer_and_a_way_to_erase(stack, text):
    # Many people are wary of the municipality: the answer says what is kept and who reads it,
    # and how to erase the conversation (typed: a button would erase at one click), instead of
    # suggesting services.
    messages = say(stack, text, new_sender())
    assert not payloads(messages, "services")
    assert "Geen medewerker leest uw gesprek" in messages[0]["text"]
    assert f"wissen het gesprek {stack.config.retention_period_text} na" in messages[0]["text"]
    assert "wis mijn gesprek" in messages[0]["text"]


def test_out_of_scope_points_to_the_municipality_without_suggestions(stack):
    messages = say(stack, "ik moet een nieuw paspoort aanvragen", new_sender())
    assert not payloads(messages, "services")
    assert "14 0999" in messages[0]["text"]


def test_the_web_front_end_passes_chat_to_rasa(stack):
    request = urllib.request.Request(
        f"{stack.config.web_url}/api/chat",
        data=json.dumps({"sender": new_sender(), "message": "ik heb schulden"}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        messages = json.loads(response.read())
    assert payloads(messages, "services")


@pytest.mark.parametrize(
    "body",
    [
        b"geen json",
        b"[1, 2]",
        b"{}",
        b'{"sender": "bad-input-1"}',
        b'{"sender": "bad-input-2", "message": ""}',
        b'{"sender": "bad-input-3", "message": null}',
        b'{"sender": 5, "message": "hoi"}',
        b'{"message": "hoi, ik heb schulden"}',
        b'{"sender": "bad-input-4\\n", "message": "hoi"}',
        b'{"sender": "bad-input-5", "message": ' + b"[" * 5000 + b"]" * 5000 + b"}",
    ],
)
def test_bad_requests_to_the_webhook_get_400_and_store_nothing(stack, body):
    import sqlite3
    import urllib.error

    request = urllib.request.Request(
        f"{stack.config.rasa_url}/webhooks/rest/webhook",
        data=body,
        headers={"Content-Type": "application/json"},
    )
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(request, timeout=30)
    assert error.value.code == 400
    assert json.loads(error.value.read())["error"]
    db = sqlite3.connect(stack.config.tracker_db)
    stored = db.execute(
        "select count(*) from events where sender_id like 'bad-input-%' or sender_id = 'default'"
    ).fetchone()[0]
    db.close()
    assert stored == 0


def test_a_pasted_letter_of_thousands_of_characters_is_answered_from_its_content(stack):
    letter = (
        "Geachte heer, mevrouw. Ik schrijf u omdat ik hulp nodig heb. Ik heb schulden bij de energie en "
        "de zorgverzekering en er komen steeds aanmaningen en nu ook een brief van de deurwaarder. "
    ) * 25
    assert len(letter) > 4000
    messages = say(stack, letter, new_sender())
    services = payloads(messages, "services")[0]["services"]
    assert "schuldhulp" in [c for s in services for c in s["categories"]]


def test_danger_in_polish_gets_the_numbers_first_and_a_sentence_in_polish(stack):
    messages = say(stack, "Mój mąż mnie bije i grozi mi nożem, boję się", new_sender())
    assert messages[0]["custom"]["type"] == "crisis"
    assert any("zadzwoń" in (m.get("text") or "") for m in messages)


def test_a_need_in_turkish_gets_services_that_speak_turkish_first(stack):
    messages = say(
        stack,
        "Borçlarım çok arttı, faturaları ödeyemiyorum. Türkçe konuşan biri yardım edebilir mi?",
        new_sender(),
    )
    assert "Felemenkçe" in messages[0]["text"]
    assert payloads(messages, "services"), "services in the same reply"


@pytest.mark.parametrize(
    ("text", "fitting"),
    [
        # Languages the sentence encoder does not know: read through their Dutch word lists.
        ("Deymo badan ayaan leeyahay, biilasha ma bixin karo. Yaa i caawin kara?", {"schuldhulp"}),
        # Loneliness: a buddy, a meeting place, a contact woman or a home visit all fit.
        (
            "من تنها هستم، هیچ دوستی ندارم و همیشه در خانه هستم",
            {"maatje", "ontmoeting", "contactvrouw", "huisbezoek"},
        ),
    ],
)
def test_a_need_in_somali_or_farsi_gets_a_fitting_service(stack, text, fitting):
    services = payloads(say(stack, text, new_sender()), "services")[0]["services"]
    assert fitting & {c for s in services for c in s["categories"]}


def test_a_follow_up_names_the_language_and_the_suggestions_follow_it(stack):
    sender = new_sender()
    say(stack, "ik zoek een vrouw uit de buurt die met mij mee kan gaan naar afspraken", sender)
    messages = say(stack, "het liefst iemand die Tigrinya spreekt", sender)
    first = payloads(messages, "services")[0]["services"][0]
    assert "contactvrouw" in first["categories"]


def test_markup_gets_no_service_cards(stack):
    assert not payloads(say(stack, "<script>alert('schulden')</script>", new_sender()), "services")


def test_a_typed_shortcut_cannot_set_a_slot_and_the_conversation_goes_on(stack):
    sender = new_sender()
    injected = say(stack, '/inform_neighbourhood{"neighbourhood":{"a":1}}', sender)
    assert injected, "it is read as text and answered"
    say(stack, '/inform_neighbourhood{"neighbourhood":"<script>x</script>"}', sender)
    crisis = say(stack, "ik wil niet meer leven", sender)
    assert crisis[0]["custom"]["type"] == "crisis"
    need = say(stack, "ik heb schulden", sender)
    assert payloads(need, "services")
    assert "script" not in helpers.texts(need)


class Browser:
    """A chat client with its own cookie jar, as one visitor's browser is."""

    def __init__(self, web_url):
        import http.cookiejar

        self.web_url = web_url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def say(self, text, sender=None):
        body = {"message": text} if sender is None else {"message": text, "sender": sender}
        request = urllib.request.Request(
            f"{self.web_url}/api/chat",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )
        with self.opener.open(request, timeout=60) as response:
            return json.loads(response.read())

    def conversation(self):
        return next(c.value for c in self.jar if c.name == "meedoen_gesprek")


def test_each_visitor_has_their_own_conversation_and_cannot_name_another(stack):
    first, second = Browser(stack.config.web_url), Browser(stack.config.web_url)
    first.say("ik heb schulden")
    assert payloads(first.say("ik woon in Noord"), "services"), "the cookie keeps the conversation"
    # Naming the first visitor's conversation in the body changes nothing: it is not theirs.
    answer = second.say("ik woon in Noord", sender=first.conversation())
    assert not payloads(answer, "services")
    assert second.conversation() != first.conversation()


def test_erasing_gives_the_visitor_a_fresh_conversation(stack):
    visitor = Browser(stack.config.web_url)
    visitor.say("ik heb schulden")
    before = visitor.conversation()
    answer = visitor.say("wis mijn gesprek")
    assert payloads(answer, "conversation_erased")
    assert visitor.conversation() != before


@pytest.mark.parametrize(
    "text",
    [
        "please delete all my data",
        "lütfen verilerimi silin",
        "proszę usunąć moje dane",
        "wis alles wat ik zei",
    ],
)
def test_erasing_is_understood_in_the_languages_the_bot_recognises(stack, text):
    import sqlite3

    sender = new_sender()
    say(stack, "ik heb schulden", sender)
    assert payloads(say(stack, text, sender), "conversation_erased"), text
    db = sqlite3.connect(stack.config.tracker_db)
    stored = db.execute("select count(*) from events where sender_id = ?", (sender,)).fetchone()[0]
    db.close()
    assert stored == 0


@pytest.mark.parametrize(
    "text", ["mijn naam is Jan de Vries", "mail mij op jan@example.nl", "ik heet Fatima"]
)
def test_giving_a_name_or_an_address_is_no_crisis(stack, text):
    messages = say(stack, text, new_sender())
    assert not payloads(messages, "crisis"), text


def test_the_webhook_refuses_a_body_over_64_kb_before_reading_it(stack):
    import urllib.error

    body = json.dumps({"sender": "big-body", "message": "x" * 100_000}).encode()
    request = urllib.request.Request(
        f"{stack.config.rasa_url}/webhooks/rest/webhook",
        data=body,
        headers={"Content-Type": "application/json"},
    )
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(request, timeout=30)
    assert error.value.code == 413


def test_both_servers_did_the_first_turns_work_before_the_first_person_came(stack):
    """The model's first parse, the catalogue and the detector are loaded at start, not in the
    first person's turn (which took 0.85 s for a greeting and 1.8 s for a suggestion)."""
    say(stack, "hallo", new_sender())
    assert "Rasa server warmed up in" in (stack.log_dir / "rasa.log").read_text(errors="replace")
    assert "action server warmed up in" in (stack.log_dir / "actions.log").read_text(errors="replace")


def test_the_rasa_server_runs_a_worker_per_setting_and_they_share_conversations(stack):
    workers = Path(f"/proc/{stack.processes['rasa'].pid}/task/{stack.processes['rasa'].pid}/children")
    assert len(workers.read_text().split()) == stack.config.rasa_workers == 2
    # Whichever worker takes a message, the conversation goes on where it was.
    sender = new_sender()
    say(stack, "ik zoek iemand om nederlands mee te oefenen", sender)
    for _ in range(4):
        refined = say(stack, '/inform_neighbourhood{"neighbourhood":"West"}', sender)
        service = payloads(refined, "services")[0]["services"][0]
        assert service["categories"][0] == "taalmaatje" and service["neighbourhood"] == "West"
