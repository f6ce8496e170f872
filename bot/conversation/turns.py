"""What the bot does in each kind of turn: the decisions behind every custom action.

An action reads Rasa's tracker into a `Situation`, calls one function here and sends the `Turn`
it returns (messages and slots). So all of this runs, and is tested, without a Rasa server.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from bot.catalogue.catalogue import Catalogue
from bot.catalogue.records import ServiceRecord
from bot.catalogue.repository import Municipality
from bot.conversation import other_languages, replies, simpler, wheel
from bot.conversation.matching import (
    MAX_SUGGESTIONS,
    MODEL_NAMED,
    STRONG,
    Preferences,
    best_service,
    clear_need,
    preferences_in,
    suggest,
    without_preferences,
    words_and_model_agree,
)
from bot.conversation.messages import Message, Turn
from bot.conversation.slots import Entity, Intent, ReplyKind, Slot, wheel_slot, wheel_slots
from bot.language.crisis import ACUTE_DANGER, crisis_kind
from bot.language.detect import DUTCH, language_of
from bot.language.dutch import fold, prose
from bot.language.gloss import gloss_of
from bot.language.helped_person import helped_person

# From this many words on, a message the model took for a short reply (hello, yes, "ik snap het
# niet") is read for a need of its own: on the dev sets such replies are short, the needs long.
LONG_REPLY = 8
NEW_NEED = 0.5  # the model's confidence from which a follow-up asks for something new
# From this confidence in out_of_scope on, neither the catalogue's words nor a place or a time
# turn the message into a need or a refinement ("hoe laat gaat het stadhuis open op donderdag").
# On the dev sets (dev, report6-10) every need the model took for out of scope stayed below 0.55,
# while 15 of the 25 questions for another desk that got services were above 0.6.
SURE_OUT_OF_SCOPE = 0.6
# Up to this many words, a follow-up right after suggestions that the model reads as nothing sure
# ("koken is echt mijn ding", "Ik hou van dieren. Honden, katten, alles.", "muziek") says more
# about the topic in play. On the dev follow-ups such replies got "Daar kan ik u niet mee helpen"
# or "Sorry, dat begreep ik niet", and the topic was lost.
SHORT_FOLLOW_UP = 15
# How much the last topic counts for a follow-up without a clear need: as much as a need the model
# names (matching.STRONG), so a stray catalogue word ("verder", "woont") does not push it out.
TOPIC_IN_PLAY = 0.45
# When the model is unsure but its best guess is a need, that guess is worth suggesting ("eenzaam"):
# a wrong suggestion costs a look, no suggestion costs the person the help. The same holds in
# another language: a surer guess there (0.25 until 2026-12-07) left Russian mould, Tigrinya
# housing and Farsi debts with nothing, and on the dev sets (dev, report12, report13) the same
# threshold as in Dutch gained 11 of 543 needs in other languages, and services to one of 344
# messages without a need (a Polish question about the weather).
UNSURE_NEED = 0.15
# After the crisis numbers, the need the model saw beside the danger follows when it holds this
# share of what the danger left ...
NEED_BESIDE_DANGER = 0.5
# ... and, when only the model feared danger (no crisis pattern), from a lower share: such an
# alarm is often a heavy but ordinary need ("mijn man is dood, ik praat met niemand"), and then
# the help it needs must not be lost behind the numbers.
NEED_BESIDE_FEARED_DANGER = 0.2


@dataclass(frozen=True)
class Situation:
    """What an action knows of the conversation at its turn."""

    text: str = ""  # the person's latest words; "" when they pressed a button
    intent: str = ""
    intent_confidence: float = 0.0
    model_categories: Sequence[tuple[str, float]] = ()  # from the need_<category> intents
    entities: Mapping[str, str] = field(default_factory=dict)  # the first value of each entity
    best_guess: str = ""  # the model's most likely intent besides nlu_fallback and crisis
    best_guess_confidence: float = 0.0
    slots: Mapping[str, Any] = field(default_factory=dict)
    form_active: bool = False  # the wheel form is asking its questions
    requested_slot: str | None = None  # the wheel's open question
    slots_to_validate: Mapping[str, Any] = field(default_factory=dict)
    last_response: str | None = None  # the domain response the bot sent last, if it was one

    @property
    def person(self) -> str | None:
        """The person a helper is asking for, from this message or earlier in the conversation."""
        return helped_person(self.text) or self.slots.get(Slot.HELPED_PERSON)


def session_start(municipality: Municipality) -> dict[str, Any]:
    return {Slot.MUNICIPALITY: municipality.name}


def written_in(situation: Situation) -> str:
    """The language the person wrote this message in ("nl" when Dutch, short or unsure)."""
    return language_of(situation.text, other_languages.known()) if situation.text else DUTCH


def read(situation: Situation) -> str:
    """The person's words as the bot reads them: without markup, and for a message in another
    language with its Dutch gloss after it (bot/language/gloss.py), so that the catalogue's words,
    the neighbourhood and the language asked for are found in it too."""
    text = prose(situation.text)
    gloss = gloss_of(text, written_in(situation)) if text else ""
    return f"{text} {gloss}" if gloss else text


def _marked_up(text: str) -> bool:
    return bool(text) and prose(text) != text.strip()


def _in_their_language(language: str, kind: str) -> list[Message]:
    """The fixed sentence for someone who writes in another language, or nothing for Dutch."""
    if language == DUTCH:
        return []
    sentences = other_languages.sentences()[language]
    return [Message(text=sentences.help if kind == "help" else sentences.danger)]


# Learning Dutch: what a person who asks for someone who speaks their own language is not asking
# for, unless they say so ("ik wil Nederlands leren, liefst met iemand die Arabisch spreekt").
DUTCH_LESSONS = frozenset({"taalmaatje", "taalles"})
LEARNING = re.compile(
    r"\b(leren|les|lessen|oefenen|cursus|taalmaatje|taalles|learn|lessons?|practi[cs]e|course)\b"
)
DUTCH_WORDS = re.compile(r"\b(nederlands|dutch|hollands)\b")
# A person who says there is no question ("geen vraag hoor", "verder geen vragen", "negeer maar",
# "ik kijk even rond"): no services, whatever words of the catalogue the message holds ("ik bel
# zelf wel met de schuldhulp, verder geen vragen"). "Verder niks" alone is not enough: "ik heb
# schulden, verder niks" asks for help, and "geen vraag over geld maar over mijn huis" still asks.
NO_QUESTION = re.compile(
    r"\b(verder geen (vraag|vragen)\b"
    r"|geen (echte |nieuwe |andere )?(vraag|vragen)( hoor| verder| meer)?\s*([.!,]|$)"
    r"|negeer (maar|dit|dat)\b"
    r"|kijk(en)? (\w+ )?(even|gewoon|alleen|wat) rond\b"
    r"|(alleen|even|gewoon) (even )?kijken hoe (dit|het|deze chat) werkt"
    r"|ik weet (nu )?genoeg\s*([.!,]|$)"
    r"|aan het testen\b(?! of))"
)
THANKS = re.compile(r"\b(dank|bedankt|thanks|thank you|thnx|thx|merci|tip)\w*")
# What a person likes or can do, said after suggestions (_continues_the_topic).
LIKES = re.compile(
    r"\b(ik hou van|hou (heel |echt )?veel van|dol op|gek op|goed in|kan (heel |echt )?goed|mijn ding"
    r"|vind ik (heel |echt )?(leuk|fijn|mooi)|doe ik graag|het liefst|liefst iets|iets met"
    # "ik kook heel graag", "ik help graag mee in de buurt"; "ik wil graag" or "ik zou graag" is a
    # yes, and so is a message that ends in a separable verb's particle ("ik doe graag mee", "ik
    # wacht graag even af", "ik neem graag contact op", "ik sluit graag aan") or asks for a meeting.
    r"|ik (?!(wil|wilde|zou|wou|had|heb|hoor|kom|word|sluit)\b)\w+ (heel |echt |erg |super )?graag\b"
    r"(?!( \w+){0,3} (mee|af|op|aan|terug|in|langs|deel|verder)([.!?,;:)]|\W*$|\s+(ja|hoor|en|hoe)\b)"
    r"|( \w+)? (\w*afspraak|informatie|info|akkoord|gebruik|gesprek)\b)(?!(?<=\bga graag)\W*$)"
    r"|i (love|like|enjoy)|i am good at|i'm good at)\b"
)
# Words of a question about what is kept and who reads it (privacy).
PRIVACY_WORDS = re.compile(
    r"\b(bewaar\w*|bewaard|opgeslagen|opslaan|anoniem\w*|privacy|gegevens|lees\w*|lezen|meelezen|leest"
    r"|ziet|zien|saved?|stored?|anonymous|read|see)\b"
)
# A question for another desk, however unsure the model is of it.
DESK_QUESTION = re.compile(
    r"^\W*(wanneer|hoe laat|mag (ik|je|men|u)|moet ik|hoeveel kost|waar (kan|moet) ik (mijn|een))\b"
)


def _asks_for_a_speaker(situation: Situation, asked: Preferences) -> bool:
    """A follow-up that asks for someone who speaks the person's language about the topic in play
    ("liefst iemand die Perzisch spreekt, over gevoelens praten in het Nederlands is moeilijk",
    "is there anyone I could talk to in English? my Dutch is basic"). The model reads speaking
    and Dutch as practising Dutch (a language buddy); the person asks for the help they were
    talking about, in their language."""
    previous = situation.slots.get(Slot.LAST_CATEGORIES) or []
    return (
        asked.language not in (None, DUTCH)
        and bool(previous)
        and not DUTCH_LESSONS.intersection(previous)
        and not LEARNING.search(fold(situation.text))
    )


def _new_need_is_sure(model_categories: Sequence[tuple[str, float]]) -> bool:
    """Whether the model is sure the message asks for something of its own."""
    return max((confidence for _, confidence in model_categories), default=0.0) >= NEW_NEED


def _refines(situation: Situation, text: str, asked: Preferences, catalogue: Catalogue) -> bool:
    """A follow-up that only says where, in which language, for whom or when ("in Zuid", "het
    liefst in het Arabisch", "iets voor jongeren?", "en in het weekend?", "kan dat ook op
    zaterdag? door de week werk ik"): it refines the last suggestions. One that names a new need
    ("ik heb schulden, ik woon in noord") is a new question. `text` is the message as read
    (read()), `asked` what it asks for (preferences_in)."""
    if not situation.slots.get(Slot.LAST_CATEGORIES):
        return False
    if situation.intent == Intent.INFORM_NEIGHBOURHOOD:
        return True
    # Neither the model nor the words may name a need of its own: "sinds zondag heb ik ook grote
    # schulden" names a day, but it is a new question. A longer follow-up whose words do name
    # something keeps the last topic beside it instead (suggest_services). Learning Dutch does not
    # count as a need of its own when the message only asks for someone who speaks the person's
    # language.
    left = without_preferences(text)
    ranking = list(situation.model_categories)
    if _asks_for_a_speaker(situation, asked):
        left = DUTCH_WORDS.sub(" ", left)
        ranking = [(category, c) for category, c in ranking if category not in DUTCH_LESSONS]
    return asked.named and not _new_need_is_sure(ranking) and not clear_need(catalogue, left, ranking)


def suggest_services(situation: Situation, catalogue: Catalogue, after_crisis: bool = False) -> Turn:
    """A need in free text, or a follow-up that refines the last one: suggestions right away.

    What was said before stays in play: the last categories, the neighbourhood, the language and
    the group asked for. A message that names no clear need of its own keeps to the last topic.
    """
    text, ranking = read(situation), list(situation.model_categories)
    if situation.text and not text:  # markup or code, not something a person needs
        return Turn([Message(response="utter_fallback")])
    folded = fold(situation.text)
    if not after_crisis and NO_QUESTION.search(folded):
        return Turn([Message(response="utter_thank" if THANKS.search(folded) else "utter_chitchat")])
    if _marked_up(situation.text) and not clear_need(catalogue, text, []):
        # Pasted markup ("<div><p>Hallo</p></div>"): the model read the tags, not the words. Only
        # words that clearly name a need ("<p>ik heb schulden</p>") get services.
        return Turn([Message(response="utter_fallback")])
    language_written = written_in(situation)
    asked = preferences_in(text)
    slots = situation.slots
    neighbourhood = (
        situation.entities.get(Entity.NEIGHBOURHOOD) or asked.neighbourhood or slots.get(Slot.NEIGHBOURHOOD)
    )
    language = (
        asked.language
        or (language_written if language_written != DUTCH else None)
        or slots.get(Slot.LANGUAGE)
    )
    target_group = asked.target_group or slots.get(Slot.TARGET_GROUP)
    previous = slots.get(Slot.LAST_CATEGORIES) or []
    refining = _refines(situation, text, asked, catalogue)
    if refining:
        # The last suggestions' order stands: only the first counts as named, so urgency does not
        # reorder what the person already saw.
        ranking = [(category, 1.0 if i == 0 else STRONG - 0.05 * i) for i, category in enumerate(previous)]
        text = ""
    elif situation.intent == Intent.INFORM_NEIGHBOURHOOD and not clear_need(catalogue, text, ranking):
        # "ik woon in Zuid" before any need; "samen koken in noord" is a need too.
        return Turn(replies.neighbourhood_noted(neighbourhood), {Slot.NEIGHBOURHOOD: neighbourhood})
    elif previous and not (
        _new_need_is_sure(situation.model_categories) and clear_need(catalogue, text, ranking)
    ):
        # A follow-up without a sure need of its own stays with the topic in play ("ik ben dol op
        # dieren" after a question about volunteering).
        # Only the first of them as named: urgency must not put a side suggestion first.
        ranking += [
            (category, TOPIC_IN_PLAY if i == 0 else 0.2 - 0.05 * i) for i, category in enumerate(previous)
        ]
    person = situation.person
    needs, services = suggest(
        catalogue,
        text,
        ranking,
        neighbourhood,
        language,
        target_group,
        asked.time,
        # Asked for ("iemand die Dari spreekt", "есть кто-то, кто говорит по-русски?"), not only
        # written in: a speaker leads.
        speaker_first=bool(asked.language) or language not in (None, language_written),
    )
    several = not refining and len([n for n in needs if n.score >= STRONG]) >= 2
    messages = replies.suggestions(
        services,
        ask_neighbourhood=bool(services) and neighbourhood is None and not after_crisis,
        who=person,
        offer_wheel=several and not after_crisis,
        also=after_crisis,
    )
    in_their_language = [] if after_crisis else _in_their_language(language_written, "help")
    return Turn(
        in_their_language + messages,
        {
            Slot.LAST_CATEGORIES: [n.category for n in needs[:3]],
            Slot.NEIGHBOURHOOD: neighbourhood,
            Slot.LANGUAGE: language,
            Slot.TARGET_GROUP: target_group,
            Slot.HELPED_PERSON: person,
            Slot.LAST_REPLY: ReplyKind.SUGGESTIONS,
            Slot.LAST_SERVICES: [s.id for s in services],
            # A refinement keeps the topic, so what was seen stays seen; a new question starts afresh.
            Slot.SERVICES_SEEN: [*(slots.get(Slot.SERVICES_SEEN) or []), *(s.id for s in services)]
            if refining
            else [s.id for s in services],
        },
    )


def fallback(situation: Situation, catalogue: Catalogue) -> Turn:
    """The model is unsure. When its best guess is still a need, the catalogue's words clearly name
    one, or the message refines the last suggestions, suggest anyway: "ik heb schulden en ik woon
    in noord" must not end in "Sorry, dat begreep ik niet"."""
    text = read(situation)
    language = written_in(situation)
    guessed_need = (
        situation.best_guess.startswith(Intent.NEED_PREFIX) and situation.best_guess_confidence >= UNSURE_NEED
    )
    if text and (
        guessed_need
        or clear_need(catalogue, text, situation.model_categories)
        or _refines(situation, text, preferences_in(text), catalogue)
        or _continues_the_topic(situation)
    ):
        return suggest_services(situation, catalogue)
    return Turn(_in_their_language(language, "help") + [Message(response="utter_fallback")])


def beside_danger(model_categories: Sequence[tuple[str, float]]) -> list[tuple[str, float]]:
    """The needs' confidences as shares of what the model did not give to the danger: in "ik zie
    geen uitweg meer met mijn schulden" the crisis takes 0.8 and debts 0.15, which is most of the rest."""
    rest = sum(confidence for _, confidence in model_categories)
    return [(category, confidence / rest) for category, confidence in model_categories] if rest > 0 else []


def crisis(situation: Situation, catalogue: Catalogue) -> Turn:
    """After the crisis numbers (domain.yml's utter_crisis_numbers and utter_crisis_text, sent by
    the Rasa server itself so that they cannot fail with this action): one sentence in the
    person's own language, then help with the rest of what the message names.

    When only the model thought of danger (no crisis pattern matched: "ik vraag dit voor mijn
    moeder" after a question about her post), the conversation's topic stays in play, so the
    help the person was looking for follows the numbers."""
    danger_sentence = _in_their_language(written_in(situation), "danger")
    text = read(situation)
    kind = crisis_kind(situation.text)
    sure = kind is not None
    # The danger took most of the model's confidence; the needs are read by their share of the rest.
    situation = replace(situation, model_categories=beside_danger(situation.model_categories))
    if kind == ACUTE_DANGER:
        # 112 now: cards only for a need the words clearly name and the model sees too ("ik zorg
        # alleen voor mijn vader en nu ligt hij op de grond"). Before, a baby that does not breathe
        # got a parenting course and a fire debt help: on the dev sets 44 of 114 acute dangers
        # that name no need got cards, and 14 of 15 that name one; now 7 and 12 of 15.
        follows = words_and_model_agree(catalogue, text, situation.model_categories)
    else:
        best_share = max((share for _, share in situation.model_categories), default=0.0)
        besides_danger_a_need = situation.best_guess.startswith(Intent.NEED_PREFIX)
        follows = (
            clear_need(catalogue, text, situation.model_categories)
            or (besides_danger_a_need and best_share >= NEED_BESIDE_DANGER)
            or (not sure and besides_danger_a_need and best_share >= NEED_BESIDE_FEARED_DANGER)
            or (not sure and bool(situation.slots.get(Slot.LAST_CATEGORIES)))
        )
    if not (text and follows):
        return Turn(danger_sentence, {Slot.LAST_REPLY: ReplyKind.CRISIS})
    help_too = suggest_services(situation, catalogue, after_crisis=True)
    return Turn(danger_sentence + help_too.messages, {**help_too.slots, Slot.LAST_REPLY: ReplyKind.CRISIS})


def _short_after_suggestions(situation: Situation) -> bool:
    """A short message right after suggestions: the bot's last words were them, not a fixed answer
    such as utter_thank."""
    return bool(
        situation.slots.get(Slot.LAST_CATEGORIES)
        and situation.slots.get(Slot.LAST_REPLY) == ReplyKind.SUGGESTIONS
        and situation.last_response is None
        and 0 < len(prose(situation.text).split()) <= SHORT_FOLLOW_UP
    )


def _says_what_they_like(situation: Situation) -> bool:
    """Right after suggestions, a short message that says what the person likes or can do ("ik kook
    heel graag", which the model reads as a yes), without thanks."""
    folded = fold(situation.text)
    return _short_after_suggestions(situation) and bool(LIKES.search(folded)) and not THANKS.search(folded)


def _continues_the_topic(situation: Situation) -> bool:
    """Right after suggestions (the bot's last words were them, not a fixed answer such as
    utter_thank), a short message the model is not sure about (below SURE_OUT_OF_SCOPE, or the
    fallback) continues the topic in play when it says what the person likes or can do ("Ik hou
    van dieren", "koken is echt mijn ding"), or when the model leans to the needs over everything
    else it guessed ("muziek"). Thanks, a goodbye or a question for another desk ("mag je in
    Centrum vuurwerk afsteken?") do not. suggest_services then keeps the last topic beside the
    words."""
    folded = fold(situation.text)
    if (
        not (_short_after_suggestions(situation) and situation.intent_confidence < SURE_OUT_OF_SCOPE)
        or THANKS.search(folded)
        or DESK_QUESTION.search(folded)
    ):
        return False
    needs_together = sum(confidence for _, confidence in situation.model_categories)
    other = situation.intent_confidence if situation.intent == Intent.OUT_OF_SCOPE else 0.0
    if not situation.best_guess.startswith(Intent.NEED_PREFIX):
        other = max(other, situation.best_guess_confidence)
    return bool(LIKES.search(folded)) or needs_together > other


def _only_refines(situation: Situation, catalogue: Catalogue) -> bool:
    """Whether a message the model took for something else refines the last suggestions."""
    text = read(situation)
    return _refines(situation, text, preferences_in(text), catalogue)


def out_of_scope(situation: Situation, catalogue: Catalogue, municipality: Municipality) -> Turn:
    # "en in het Turks?" after suggestions refines them; words that still clearly name a need
    # ("... bel 06..., ik heb schulden") get help, as in the fallback, unless the model is sure
    # the question is for another desk: "wanneer halen ze het oud papier op" shares its words
    # with "hulp bij post en papieren", "hoe laat gaat het stadhuis open op donderdag" names a day.
    # Nor do the words count when the model weighs the other desk above all the needs together
    # ("Mag je in Centrum vuurwerk afsteken?": 0.58 against 0.28): on the dev sets (dev, report10)
    # 6 of the 14 questions for another desk that got services lost them, and 1 of 1,107 needs.
    text = read(situation)
    asked = preferences_in(text)
    sure = situation.intent_confidence >= SURE_OUT_OF_SCOPE
    # Sure or not, "en in het Turks?" or "iets voor jongeren?" after suggestions asks for a person
    # or a group; a place or a day may be the other desk's ("het stadhuis op donderdag").
    refines = _refines(situation, text, asked, catalogue) and (
        bool(asked.language or asked.target_group) or not (sure or DESK_QUESTION.search(fold(situation.text)))
    )
    needs_together = sum(confidence for _, confidence in situation.model_categories)
    words_may_count = not sure and needs_together > situation.intent_confidence
    if (
        refines
        or _continues_the_topic(situation)
        or (words_may_count and clear_need(catalogue, text, situation.model_categories))
    ):
        return suggest_services(situation, catalogue)
    return Turn(replies.out_of_scope(municipality.general_contact), {Slot.LAST_REPLY: ReplyKind.OUT_OF_SCOPE})


def _a_need_in_a_short_reply(situation: Situation, catalogue: Catalogue) -> bool:
    """Whether a message the model took for a short reply (a greeting, yes or no, "ik snap het
    niet") asks for help after all. After suggestions, one that names a time, a place, a language
    or a group asks for them ("woensdagmiddag kan ik" holds "middag", so it reads as goedemiddag;
    "uitleg in het Engels over schulden?"); a time said to be impossible is no wish ("nee,
    zaterdag kan ik niet": matching.find_time), and so does one that says what the person likes
    ("ik kook heel graag", read as a yes). A longer message that names a need is a question:
    "Bij de kassa snap ik wel wat ze zeggen, maar ..." is not about the bot's last answer. The
    wheel's own questions are answered in the form."""
    if situation.form_active:
        return False
    text = read(situation)
    if (situation.slots.get(Slot.LAST_CATEGORIES) and preferences_in(text).named) or _says_what_they_like(
        situation
    ):
        return True
    # "nee echt een baan met loon" right after suggestions (read as no): a need of its own, unless
    # it is thanks or settled ("nee, ik heb al een taalmaatje").
    folded = fold(situation.text)
    if (
        _short_after_suggestions(situation)
        and not (THANKS.search(folded) or SETTLED.search(folded))
        and clear_need(catalogue, text, situation.model_categories)
    ):
        return True
    # Counted in the person's own words: a gloss after another language's words is not theirs.
    if len(prose(situation.text).split()) < LONG_REPLY:
        return False
    best_need = max((confidence for _, confidence in situation.model_categories), default=0.0)
    return best_need >= MODEL_NAMED or clear_need(catalogue, text, situation.model_categories)


# A turn in a message of thanks: what follows it may still ask for help ("... maar de schulden zijn
# er nog, wie helpt ons?"), in the person's words or in the Dutch gloss of them.
CONTRAST = re.compile(
    r"\b(maa+r+|mr|alleen nog|wel nog|nog wel|toch nog|but|still|though|however|але|однак|но|однако"
    r"|ama|ancak|fakat|ale|jednak|laaki?in|hase ?yo|pero|mais|aber)\b|(لكن|ولكن|بس|اما|ولی)"
)
# ... unless what follows says the help is there or no longer needed, or takes leave ("but I
# already found the walk-in", "maar ik heb geen schulden meer", "maar ik moet nu gaan").
SETTLED = re.compile(
    r"\b(already|allang|inmiddels|opgelost|geregeld|gevonden|sorted|solved|no longer|not any ?more"
    r"|(heb|hebben|have|got) (al|allang|already)"
    r"|geen \w+ meer|niet meer nodig|moet (nu |nou )?(gaan|weg)|have to go|must go)\b"
)


def thanks(situation: Situation, catalogue: Catalogue) -> Turn:
    """Thanks, good news or "het is al geregeld" (utter_thank), unless a need follows a turn in
    the message: the model reads "is nu al een jaar clean maar de schulden zijn er nog" as good
    news, and a person who still needs help must not be thanked away."""
    # The person's words, then as the bot reads them (with the gloss); once when they are the same.
    for said in dict.fromkeys((fold(situation.text), fold(read(situation)))):
        for turn in CONTRAST.finditer(said):
            after = said[turn.end() :]
            if not SETTLED.search(after) and clear_need(catalogue, after, situation.model_categories):
                return suggest_services(situation, catalogue)
    return Turn([Message(response="utter_thank")])


def short_reply(situation: Situation, catalogue: Catalogue, response: str) -> Turn:
    """A greeting (utter_greet: hello, who runs the bot and what it can do), or yes, no or a wheel
    answer outside a question (utter_ok_anything_else: "Goed. Zoekt u nog iets anders?"), unless it
    asks for help after all."""
    if _a_need_in_a_short_reply(situation, catalogue):
        return suggest_services(situation, catalogue)
    return Turn([Message(response=response)])


def small_talk(situation: Situation, catalogue: Catalogue) -> Turn:
    """A question about the bot or small talk. After suggestions, one that names a place, a
    language, a group or a time refines them: "Czy jest ktoś kto mówi po polsku?" reads to the
    model like "mówisz po polsku?", a question to the bot, but it asks for a person."""
    if _only_refines(situation, catalogue):
        return suggest_services(situation, catalogue)
    about_bot = situation.intent == Intent.BOT_CHALLENGE
    return Turn([Message(response="utter_about_bot" if about_bot else "utter_chitchat")])


def privacy(situation: Situation, catalogue: Catalogue, retention_period: str) -> Turn:
    """What is kept and who reads it (utter_privacy). After suggestions, a follow-up that asks for
    a speaker, a place, a group or a time refines them instead: "Over zulke dingen praat ik
    makkelijker in het Tigrinya. Hebben jullie iemand die dat spreekt?" read to the model as a
    question about who reads the chat. Only a speaker or a group: "wordt dit bewaard als ik in
    Zuid woon?" names a place and is still a question about privacy, as is any message with a word
    for keeping or reading. The answer names `retention_period` ("30 dagen"), the one the
    product keeps (MEEDOEN_RETENTION_DAYS)."""
    asked = preferences_in(read(situation))
    asks_for_someone = bool(asked.language or asked.target_group)
    if (
        asks_for_someone
        and situation.slots.get(Slot.LAST_REPLY) == ReplyKind.SUGGESTIONS
        and not PRIVACY_WORDS.search(fold(situation.text))
        and _only_refines(situation, catalogue)
    ):
        return suggest_services(situation, catalogue)
    return Turn([Message(response="utter_privacy", fill=(("retention_period", retention_period),))])


def human_contact(situation: Situation, catalogue: Catalogue, municipality: Municipality) -> Turn:
    text = read(situation)
    asked = preferences_in(text)
    if _asks_for_a_speaker(situation, asked) and _refines(situation, text, asked, catalogue):
        # "is er iemand die Farsi spreekt en het haar kan uitleggen?" after a question about the
        # integration letters: the people for that topic who speak Farsi, not the general desk.
        return suggest_services(situation, catalogue)
    neighbourhood = situation.slots.get(Slot.NEIGHBOURHOOD)
    hits = catalogue.search("", category=wheel.WIJKTEAM, neighbourhood=neighbourhood, limit=1).hits
    messages = replies.human_contact(municipality.general_contact, hits[0].service if hits else None)
    # "Wilt u dat iemand u terugbelt?": the chat page asks consent, number and time itself and
    # sends them to the web front end, so the number never enters the conversation.
    offer = {
        "type": "callback_offer",
        "neighbourhood": neighbourhood,
        "categories": list(situation.slots.get(Slot.LAST_CATEGORIES) or [])[:3],
    }
    return Turn([*messages, Message(custom=offer)], {Slot.LAST_REPLY: ReplyKind.HUMAN})


def not_helpful(situation: Situation, catalogue: Catalogue, municipality: Municipality) -> Turn:
    """ "Dit helpt mij niet": the next services for the same needs (none shown before, the same
    place, language and group), and the way to a person. A second "niet" goes further still."""
    slots = situation.slots
    shown = list(
        dict.fromkeys([*(slots.get(Slot.SERVICES_SEEN) or []), *(slots.get(Slot.LAST_SERVICES) or [])])
    )
    services: list[ServiceRecord] = []
    for category in (slots.get(Slot.LAST_CATEGORIES) or [])[:MAX_SUGGESTIONS]:
        service = best_service(
            catalogue,
            category,
            "",
            slots.get(Slot.NEIGHBOURHOOD),
            slots.get(Slot.LANGUAGE),
            set(shown) | {s.id for s in services},
            slots.get(Slot.TARGET_GROUP),
        )
        if service is not None:
            services.append(service)
    return Turn(
        replies.other_suggestions(services, municipality.general_contact),
        {
            Slot.LAST_SERVICES: [s.id for s in services] or list(slots.get(Slot.LAST_SERVICES) or []),
            Slot.SERVICES_SEEN: shown + [s.id for s in services],
            Slot.LAST_REPLY: ReplyKind.SUGGESTIONS,
        },
    )


def say_simpler(situation: Situation, catalogue: Catalogue, municipality: Municipality) -> Turn:
    """The last answer again, shorter and in simpler words. After suggestions, a message the model
    took for "I do not understand" that asks for a language, a place, a group or a time gets
    suggestions with it instead: "kan iemand het mij uitleggen in het engels?"."""
    if _a_need_in_a_short_reply(situation, catalogue):
        return suggest_services(situation, catalogue)
    found = [catalogue.get(i) for i in situation.slots.get(Slot.LAST_SERVICES) or []]
    text = simpler.simpler_text(
        situation.requested_slot if situation.form_active else None,
        situation.last_response,
        situation.slots.get(Slot.LAST_REPLY),
        [s for s in found if s],
        municipality.general_contact.get("phone", ""),
    )
    return Turn([Message(text=text)])


def simple_words(situation: Situation) -> Turn:
    """ "Makkelijke woorden aan" (or off): every later answer in its A2 wording, until switched off
    or the conversation starts over. The payload tells the page which way the switch now stands."""
    on = situation.intent != Intent.SIMPLE_WORDS_OFF
    if on:
        said = Message(
            text="Goed. Vanaf nu schrijf ik met korte zinnen en makkelijke woorden.",
            simple=simpler.SIMPLE_WORDS_ON,
        )
    else:
        said = Message(
            text="Goed. Ik schrijf weer zoals eerst. Makkelijke woorden kunt u altijd weer aanzetten.",
            simple=simpler.SIMPLE_WORDS_OFF,
        )
    return Turn([said, Message(custom={"type": "simple_words", "on": on})], {Slot.SIMPLE_WORDS: on})


def erase() -> Turn:
    """The stored conversation is deleted by the tracker store when it sees the erase action."""
    return Turn(replies.erased())


def wheel_start(situation: Situation) -> Turn:
    person = situation.person
    cleared: dict[str, Any] = dict.fromkeys(wheel_slots())
    return Turn(
        [wheel.intro(person)],
        {**cleared, Slot.WHEEL_NAMED: {}, Slot.HELPED_PERSON: person, Slot.LAST_REPLY: ReplyKind.WHEEL},
    )


def wheel_question(slot: str, situation: Situation) -> Turn:
    return Turn([wheel.ask(slot, situation.slots.get(Slot.HELPED_PERSON))])


def wheel_answer(situation: Situation, catalogue: Catalogue) -> Turn:
    requested = situation.requested_slot
    if requested not in wheel_slots() or requested not in situation.slots_to_validate:
        # Nothing was taken from this message (a crisis, a question for a human...): the form
        # rejects it and the rules for that message take over.
        return Turn()
    answer = wheel.Answer(
        requested=requested,
        value=situation.slots_to_validate.get(requested),
        text=situation.text,
        intent=situation.intent,
        intent_confidence=situation.intent_confidence,
        model_ranking=situation.model_categories,
        slots=situation.slots,
    )
    reading = wheel.read_answer(catalogue, answer)
    return Turn(reading.messages, reading.slots)


def wheel_summary(situation: Situation, catalogue: Catalogue, picture_base_url: str) -> Turn:
    slots = situation.slots
    answers = {domain: slots.get(wheel_slot(domain)) for domain in wheel.domains()}
    messages = wheel.summary(
        catalogue,
        answers,
        slots.get(Slot.WHEEL_NAMED) or {},
        wheel.strengths_of(slots.get(Slot.WHEEL_STRENGTHS)),
        slots.get(Slot.NEIGHBOURHOOD),
        slots.get(Slot.HELPED_PERSON),
        picture_base_url,
    )
    # Only the summary stays; the answers are not kept once it is given.
    cleared: dict[str, Any] = dict.fromkeys(wheel_slots())
    return Turn(messages, {**cleared, Slot.WHEEL_NAMED: None, Slot.LAST_REPLY: ReplyKind.WHEEL_SUMMARY})
