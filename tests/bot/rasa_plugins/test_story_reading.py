"""Reading a story sentence by sentence, as Rasa runs the two components around its classifiers:
on real Message objects."""

from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.rasa_plugins.story_reading import SENTENCE_OF, StoryRanking, StorySentences

STORY = (
    "De avonden zijn lang sinds mijn vrouw overleed. Mijn kinderen wonen ver weg. "
    "Ik wil iets doen voor anderen."
)


def ranked(message, ranking):
    items = [{"name": name, "confidence": confidence} for name, confidence in ranking]
    message.set(INTENT, items[0], add_to_output=True)
    message.set(INTENT_RANKING_KEY, items, add_to_output=True)
    return message


def test_each_sentence_of_a_story_joins_the_batch_and_a_short_message_adds_none():
    batch = StorySentences({}, None, None).process([Message(data={TEXT: STORY}), Message(data={TEXT: "hoi"})])
    assert [m.get(TEXT) for m in batch[2:]] == [
        "De avonden zijn lang sinds mijn vrouw overleed.",
        "Mijn kinderen wonen ver weg.",
        "Ik wil iets doen voor anderen.",
    ]
    assert [m.get(SENTENCE_OF) for m in batch] == [None, None, 0, 0, 0]
    assert StorySentences({}, None, None).process([Message(data={TEXT: "/greet"})])[1:] == []


def test_the_sentences_reorder_the_needs_but_keep_the_confidences_and_the_rest():
    whole = ranked(
        Message(data={TEXT: STORY}),
        [
            ("need_mantelzorg", 0.4),
            ("crisis", 0.2),
            ("need_ontmoeting", 0.15),
            ("need_vrijwilligerswerk", 0.1),
        ],
    )
    sentences = [
        ranked(Message(data={TEXT: "...", SENTENCE_OF: 0}), ranking)
        for ranking in (
            [("need_ontmoeting", 0.5), ("need_vrijwilligerswerk", 0.3)],
            [("need_vrijwilligerswerk", 0.6), ("need_mantelzorg", 0.2)],
            [("need_vrijwilligerswerk", 0.9)],
        )
    ]
    [message] = StoryRanking({}, None, None).process([whole, *sentences])
    assert message is whole, "the sentences leave the batch"
    assert [(i["name"], i["confidence"]) for i in message.get(INTENT_RANKING_KEY)] == [
        ("need_vrijwilligerswerk", 0.4),
        ("crisis", 0.2),
        ("need_mantelzorg", 0.15),
        ("need_ontmoeting", 0.1),
    ], "the need most sentences point to comes first, with the whole message's top confidence"
    assert message.get(INTENT) == {"name": "need_vrijwilligerswerk", "confidence": 0.4}


def test_danger_and_other_intents_keep_their_place():
    whole = ranked(Message(data={TEXT: STORY}), [("crisis", 0.6), ("need_gezondheid", 0.2)])
    sentence = ranked(Message(data={TEXT: "...", SENTENCE_OF: 0}), [("need_schuldhulp", 0.9)])
    [message] = StoryRanking({}, None, None).process([whole, sentence])
    assert [i["name"] for i in message.get(INTENT_RANKING_KEY)] == ["crisis", "need_schuldhulp"]
    assert message.get(INTENT)["name"] == "crisis"


def test_a_tie_with_another_intent_keeps_the_order_the_model_gave():
    whole = ranked(Message(data={TEXT: STORY}), [("need_mantelzorg", 0.3), ("out_of_scope", 0.3)])
    sentence = ranked(Message(data={TEXT: "...", SENTENCE_OF: 0}), [("need_ontmoeting", 0.9)])
    [message] = StoryRanking({}, None, None).process([whole, sentence])
    assert [i["name"] for i in message.get(INTENT_RANKING_KEY)] == ["need_ontmoeting", "out_of_scope"]
