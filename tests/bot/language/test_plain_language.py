"""Every text a person can read passes the checkable rules of shared/spec/plain-language.md."""

import pytest
import yaml

from bot.catalogue.models import make_engine
from bot.catalogue.repository import read_municipality
from bot.conversation import replies, safety_net, simpler, wheel
from bot.language.plain_language import check, syllables
from bot.settings import PROJECT_ROOT
from bot.taxonomy import taxonomy

DOMAIN = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
SLOTS = {"municipality": "Voorbeeldstad", "retention_period": "30 dagen"}


def domain_texts():
    for name, variants in DOMAIN["responses"].items():
        for index, variant in enumerate(variants):
            if "text" in variant:  # utter_crisis_numbers is a payload; its text is utter_crisis_text
                yield f"{name}[{index}]", variant["text"].format(**SLOTS)
            for button in variant.get("buttons", []):
                yield f"{name}[{index}] button", button["title"]


def message_texts(messages):
    for message in messages:
        if message.text:
            yield message.text
        for button in message.buttons:
            yield button.title


def assert_plain(text):
    report = check(text)
    assert report.ok, f"{text!r}: {report.problems}"


@pytest.mark.parametrize("name, text", list(domain_texts()))
def test_every_domain_response_is_plain_dutch(name, text):
    assert_plain(text)


def test_every_action_text_is_plain_dutch(catalogue, catalogue_url):
    contact = read_municipality(make_engine(catalogue_url)).general_contact
    texts = [
        *message_texts(replies.crisis()),
        *message_texts(replies.out_of_scope(contact)),
        *message_texts(
            replies.human_contact(contact, catalogue.search("", category="sociaal_wijkteam").hits[0].service)
        ),
        *message_texts(replies.suggestions([], ask_neighbourhood=False)),
        *message_texts([replies.neighbourhood_question()]),
        *message_texts(replies.other_suggestions([], contact)),
    ]
    texts += [m.text for m in replies.erased() if m.text]
    # When part of the product fails.
    texts += [safety_net.trouble("14 0999").text, safety_net.trouble().text]
    texts += [safety_net.busy("14 0999").text, safety_net.busy().text, safety_net.erase_failed().text]
    texts += [replies.not_clear().text, replies.wheel_offer().text, *message_texts([replies.wheel_offer()])]
    texts += list(message_texts([replies.wheel_code_typed()]))
    texts += [m.text for m in replies.neighbourhood_noted("Noord") + replies.neighbourhood_noted(None)]
    # The wheel, for the writer and about someone else.
    for person in (None, "uw moeder", "deze mevrouw"):
        texts.append(wheel.intro(person).text)
        texts.extend(message_texts([wheel.question(d, person) for d in wheel.domains()]))
        texts.extend(message_texts([wheel.strengths_question(person)]))
        for answers in (
            dict.fromkeys(wheel.domains(), "hulp_nodig"),
            dict.fromkeys(wheel.domains(), "gaat_goed"),
            {"sociale_contacten": "wil_meer", "betaald_werk": "hulp_nodig"},
        ):
            texts.extend(
                message_texts(
                    wheel.summary(
                        catalogue, answers, {}, ["vrijwilligerswerk"], "Zuid", person, "http://127.0.0.1:8080"
                    )
                )
            )
        texts.extend(
            message_texts(
                replies.suggestions(
                    catalogue.services[:3], ask_neighbourhood=False, who=person, offer_wheel=True
                )
            )
        )
    # "Ik snap het niet": the simpler versions.
    texts += [
        *simpler.RESPONSES.values(),
        *simpler.QUESTIONS.values(),
        simpler.DEFAULT,
        simpler.crisis(),
        simpler.human("14 0999"),
        simpler.out_of_scope("14 0999"),
        simpler.services(catalogue.services[:3]),
    ]
    # Suggestions for every service, one by one and three at a time, as the chat shows them.
    services = catalogue.services
    for index, service in enumerate(services):
        texts.extend(message_texts(replies.suggestions([service], ask_neighbourhood=False)))
        texts.extend(message_texts(replies.suggestions(services[index : index + 3], ask_neighbourhood=True)))
        texts.extend(message_texts(replies.other_suggestions(services[index : index + 3], contact)))
    failures = [(t, check(t).problems) for t in texts if not check(t).ok]
    assert failures == []


def test_every_service_summary_and_description_is_plain_dutch(catalogue):
    failures = [
        (s.id, field, check(text).problems)
        for s in catalogue.services
        for field, text in (("summary", s.summary), ("description", s.description))
        if not check(text).ok
    ]
    assert failures == []


def test_taxonomy_explanations_are_plain_dutch():
    vocab = taxonomy()
    texts = [d.b1 for d in vocab.domains.values()] + [c.b1 for c in vocab.categories.values()]
    failures = [(t, check(t).problems) for t in texts if not check(t).ok]
    assert failures == []


# The checker itself: it must catch what the rules forbid.
def test_long_sentences_are_caught():
    report = check(
        "Wij willen u graag vertellen dat u bij ons terecht kunt voor al uw vragen over hulp, "
        "geld, werk en wonen in de hele gemeente en daarbuiten."
    )
    assert any("zin van" in p for p in report.problems)


def test_long_words_lower_the_score():
    report = check(
        "Maatschappelijke ondersteuningsvoorzieningen vereisen altijd een gemeentelijke "
        "beoordeling van de individuele omstandigheden."
    )
    assert any("Flesch-Douma" in p for p in report.problems)
    assert any("lang woord" in p for p in check("Ondersteuningsvoorzieningen aanvragen").problems)


def test_the_bot_explains_jargon_it_cannot_avoid():
    from bot.language.glossary import explain_jargon

    text = explain_jargon("Ga naar het Wmo-loket. Of naar het Mantelzorgcafé.")
    assert check(text).ok, check(text).problems
    assert "Wmo: de wet voor hulp thuis" in text


def test_jargon_needs_an_explanation_in_the_same_message():
    assert any("vakwoord" in p for p in check("Ga naar het Wmo-loket.").problems)
    assert check("Ga naar het Wmo-loket. De Wmo is de wet voor hulp thuis.").ok


def test_labelling_words_two_questions_passive_voice_and_je_are_caught():
    assert check("Wij helpen allochtonen.").problems
    assert any("vraag" in p for p in check("Wie bent u? Waar woont u?").problems)
    assert any("lijdende vorm" in p for p in check("U wordt snel gebeld.").problems)
    assert any("je/jij" in p for p in check("Kun je mij bellen?").problems)


def test_phone_numbers_are_not_counted_as_words():
    assert check("Bel 0999-123 45 67. Of bel 0800-0113.").ok
    assert syllables("vrijwilligerswerk") == 5


def test_simpler_versions_are_shorter_than_what_they_replace():
    for name, text in simpler.RESPONSES.items():
        if name in DOMAIN["responses"]:
            [original] = [
                v["text"].format(**SLOTS) for v in DOMAIN["responses"][name] if "condition" not in v
            ]
            assert len(text) < len(original), name
    for domain in wheel.domains():
        assert len(simpler.question(f"wheel_{domain}")) < len(wheel.question(domain, None).text)


def page_texts(name):
    """The paragraphs, list items and headings of a static page, one text each."""
    from html.parser import HTMLParser

    class Texts(HTMLParser):
        BLOCKS = {"p", "li", "h1", "h2", "title"}

        def __init__(self):
            super().__init__()
            self.texts, self.open = [], None

        def handle_starttag(self, tag, attrs):
            if tag in self.BLOCKS:
                self.open = []

        def handle_endtag(self, tag):
            if tag in self.BLOCKS and self.open is not None:
                self.texts.append(" ".join("".join(self.open).split()))
                self.open = None

        def handle_data(self, data):
            if self.open is not None:
                self.open.append(data)

    parser = Texts()
    parser.feed((PROJECT_ROOT / "bot" / "web" / name).read_text(encoding="utf-8"))
    return [t for t in parser.texts if t]


@pytest.mark.parametrize(
    "name",
    [
        "static/index.html",
        "pages/layout.html",
        "pages/privacy.html",
        "pages/toegankelijkheid.html",
        "pages/zoeken.html",
        "pages/inloggen.html",
    ],
)
def test_every_text_of_the_web_pages_is_plain_dutch(name):
    # Placeholders as the page shows them: the retention period as at the embedded default.
    texts = [
        t.replace("{retention_period}", "30 dagen")
        for t in page_texts(name)
        if t != "{title} - Meedoenwijzer"
    ]
    assert len(texts) >= 2
    for text in texts:
        assert_plain(text)


def core_messages(catalogue, contact):
    """Every kind of message the actions send, with real services: for the A2 checks."""
    from bot.conversation import turns
    from bot.conversation.slots import Intent

    services = catalogue.services
    team = catalogue.search("", category="sociaal_wijkteam").hits[0].service
    messages = [
        *replies.crisis(),
        *replies.out_of_scope(contact),
        *replies.human_contact(contact, team),
        *replies.suggestions([], ask_neighbourhood=False),
        replies.neighbourhood_question(),
        *replies.other_suggestions([], contact),
        *replies.erased(),
        replies.not_clear(),
        replies.wheel_offer(),
        replies.wheel_code_typed(),
        *replies.neighbourhood_noted("Noord"),
        safety_net.trouble("14 0999"),
        wheel.intro(None),
        *(wheel.question(d, None) for d in wheel.domains()),
        wheel.strengths_question(None),
    ]
    for intent in (Intent.SIMPLE_WORDS_ON, Intent.SIMPLE_WORDS_OFF):
        messages += turns.simple_words(turns.Situation(text="", intent=intent)).messages
    for answers in (dict.fromkeys(wheel.domains(), "hulp_nodig"), {"sociale_contacten": "wil_meer"}):
        messages += wheel.summary(catalogue, answers, {}, ["vrijwilligerswerk"], "Zuid", None, "http://x")
    for index in range(0, len(services), 3):
        messages += replies.suggestions(services[index : index + 3], ask_neighbourhood=True)
        messages += replies.other_suggestions(services[index : index + 3], contact)
    return messages


def test_every_core_answer_has_simpler_words_that_pass_the_a2_rules(catalogue, catalogue_url):
    """After "Makkelijke woorden aan" each of these answers comes in its A2 wording: sentences of
    at most 10 words, common words, one idea per sentence (bot.language.plain_language.check_a2)."""
    from bot.language.plain_language import check_a2

    contact = read_municipality(make_engine(catalogue_url)).general_contact
    names = (
        *(s.name for s in catalogue.services),
        *taxonomy().neighbourhoods,
        "Meedoenwijzer",
        "Veilig Thuis",
    )
    everything = core_messages(catalogue, contact)
    # The wheel's code is a code, not a word.
    names += tuple(m.custom["code"] for m in everything if m.custom and "code" in m.custom)
    messages = [m for m in everything if m.text]
    assert len(messages) > 100
    without = [m.text for m in messages if not m.simple]
    assert without == []
    simple_texts = [*dict.fromkeys(m.simple for m in messages), *simpler.RESPONSES.values(), simpler.DEFAULT]
    failures = [(t, check_a2(t, names).problems) for t in simple_texts if not check_a2(t, names).ok]
    assert failures == []
    for message in messages:
        assert len(message.simple) < len(message.text), message.text


def test_the_a2_rules_catch_long_sentences_rare_words_and_two_ideas():
    from bot.language.plain_language import check_a2

    assert check_a2("Bel de gemeente. Daar helpt een mens u.").ok
    assert not check_a2("Bel de gemeente als u vragen hebt over uw geld en uw huis.").ok, "11 words"
    assert not check_a2("Vraag een mantelzorgcompliment aan.").ok, "a rare word"
    assert not check_a2("Bel ons, want wij helpen u.").ok, "two ideas"
    assert check_a2("Bel Taalhuis Noord.", names=("Taalhuis Noord",)).ok, "a service's name is a name"
