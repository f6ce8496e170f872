"""What one turn adds to the counts: read from the action's decision, never from the words."""

from bot.conversation import turns
from bot.conversation.messages import Turn
from bot.conversation.slots import ReplyKind, Slot
from bot.insight.turn_events import events_of


def suggestion_turn(categories, services, **slots):
    return Turn(
        slots={
            Slot.LAST_REPLY: ReplyKind.SUGGESTIONS,
            Slot.LAST_CATEGORIES: categories,
            Slot.LAST_SERVICES: services,
            **slots,
        }
    )


def test_a_new_need_counts_its_categories_the_suggestions_and_the_language(catalogue):
    debt = catalogue.search("", category="schuldhulp").hits[0].service
    now = turns.Situation(text="I have debts and letters from bailiffs, I do not know what to do")
    turn = suggestion_turn(["schuldhulp", "post_en_geldzaken"], [debt.id], **{Slot.NEIGHBOURHOOD: "Noord"})
    events = {
        (e.measure, e.key, e.neighbourhood)
        for e in events_of("action_suggest_services", now, turn, catalogue)
    }
    assert ("need", "schuldhulp", "Noord") in events and ("need", "post_en_geldzaken", "Noord") in events
    assert ("suggested", debt.categories[0], "Noord") in events
    assert ("language", "en", "Noord") in events
    assert not any(measure.startswith("gap") for measure, _, _ in events), "debt help exists in Noord"


def test_a_follow_up_on_the_same_topic_is_not_a_new_need(catalogue):
    now = turns.Situation(text="in zuid", slots={Slot.LAST_CATEGORIES: ["taalmaatje"]})
    events = events_of("action_suggest_services", now, suggestion_turn(["taalmaatje"], []), catalogue)
    assert not [e for e in events if e.measure == "need"]


def test_a_need_the_catalogue_cannot_meet_in_the_language_asked_is_a_gap(catalogue):
    now = turns.Situation(text="schulden")
    turn = suggestion_turn(["schuldhulp"], [], **{Slot.LANGUAGE: "pl"})
    events = {(e.measure, e.key) for e in events_of("action_suggest_services", now, turn, catalogue)}
    assert ("gap_language", "schuldhulp:pl") in events


def test_a_person_asked_for_and_the_wheel_statuses_are_counted(catalogue):
    human = events_of(
        "action_human_contact", turns.Situation(slots={Slot.NEIGHBOURHOOD: "Oost"}), Turn(), catalogue
    )
    assert [(e.measure, e.neighbourhood) for e in human] == [("human", "Oost")]
    wheel = turns.Situation(
        slots={"wheel_sociale_contacten": "hulp_nodig", "wheel_betaald_werk": "gaat_goed"}
    )
    keys = {e.key for e in events_of("action_wheel_summary", wheel, Turn(), catalogue)}
    assert keys == {"sociale_contacten:hulp_nodig", "betaald_werk:gaat_goed"}
    assert events_of("action_out_of_scope", turns.Situation(text="paspoort"), Turn(), catalogue) == []
