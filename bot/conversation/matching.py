"""From what a person wrote to 1-3 concrete services: which needs, in which order, which service."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from bot.catalogue.catalogue import Catalogue
from bot.catalogue.records import ServiceRecord
from bot.language.dutch import fold
from bot.language.gloss import SAME_LETTER
from bot.language.story import sentences_of
from bot.taxonomy import OPEN_TO_EVERYONE, Category, taxonomy

CRISIS = "crisis"  # the category of danger: the crisis reply covers it, never a suggestion
STRONG = 0.4  # a need counts as named in the message from this combined score on
KEYWORD_WEIGHT = 0.6  # how much the catalogue's words count beside the model's confidence
CLEAR_NEED = 0.75  # below the model's threshold, model and words together must reach this
# ... or the catalogue's words alone must score this high (BM25 over the category words). On the
# training data, 6% of messages that are not needs reach it, and 77% of the needs do.
CLEAR_WORDS = 6.0
WORDS_IN_FULL = 10.0  # from this BM25 score on, the catalogue's words count in full (KEYWORD_WEIGHT)
MAX_SUGGESTIONS = 3
MODEL_NAMED = 0.25  # the model's confidence from which a need counts as recognised by the model


def find_neighbourhood(text: str) -> str | None:
    vocab = taxonomy()
    return next(filter(None, map(vocab.neighbourhood_for_word, re.findall(r"[a-z]+", fold(text)))), None)


def find_language(text: str) -> str | None:
    """A language the person wants help in ("een vrouw die Arabisch spreekt"), as a code."""
    vocab = taxonomy()
    return next(filter(None, map(vocab.language_for_word, re.findall(r"[a-z]+", fold(text)))), None)


def find_target_group(text: str) -> str | None:
    """A group the person asks for something for ("iets voor jongeren?"), as a slug."""
    return taxonomy().target_group_in(fold(text))


@dataclass(frozen=True)
class TimeWish:
    """When a person can or wants to go: days (day codes "MO".."SU"; empty: any day) and a part of
    the day ("en in het weekend?", "'s avonds na mijn werk", "als de kinderen op school zijn")."""

    days: frozenset[str] = frozenset()
    part: str | None = None  # "morning", "afternoon" or "evening"

    def __bool__(self) -> bool:
        return bool(self.days) or self.part is not None


WEEKDAYS = frozenset({"MO", "TU", "WE", "TH", "FR"})
DAY_WORDS = {
    "maandag": {"MO"},
    "dinsdag": {"TU"},
    "woensdag": {"WE"},
    "donderdag": {"TH"},
    "vrijdag": {"FR"},
    "zaterdag": {"SA"},
    "zondag": {"SU"},
    "weekend": {"SA", "SU"},
    "weekeinde": {"SA", "SU"},
    "doordeweeks": WEEKDAYS,
}
# "maandags", "zaterdagochtend", "in het weekend", "zondagmiddag": the day at a word's start.
DAY = re.compile(r"\b(" + "|".join(DAY_WORDS) + r")")
# A part of the day as a time, not in a greeting ("goedemiddag") or a meal ("avondeten").
NOT_A_TIME = re.compile(
    r"\b(goede?|goeie|goeden)(morgen|middag|avond)\b|\b(middag|avond|ochtend)(eten|maal|pauze|winkel)\w*"
)
EVENING_HOUR = r"(5|6|7|17|18|19|vijf|zes|zeven)"
PARTS_OF_DAY = (
    (
        "evening",
        re.compile(
            r"\bs ?avonds\b|avond(en)?\b|\bna (mijn |het |m\Wn |mn )?(werk|werktijd)\b"
            # "kan pas na vijven", "na 17.45", "vanaf 18 uur", "na 6 graag", "kunt u na 6 bellen"; not
            # a count ("na 5 jaar", "na 6 keer bellen", "na 7 moeilijke jaren", "na 6 uur wachten"),
            # an age ("vanaf 18") or the morning ("vanaf 7 uur 's ochtends", "na 6 in de ochtend").
            # A clause ends at a full stop, so "17.45" reaches the pattern as "17 45".
            r"|\b(na|vanaf) " + EVENING_HOUR + r"( ?uur|u(\d\d)?|[.: ][0-5]\d)?\b(?! ?[.:]?\d)"
            r"(?!( ?\d\d)?( ?uur)? ?(\W?s ?(ochtends|morgens|nachts)|morgens|in de (ochtend|nacht|morgen)))"
            r"(?! ?(uur )?(jaar|jaren|maand|maanden|mnd|week|weken|wk|dag|dagen|min\w*|sec\w*|euro|keer"
            r"|maal|x|km|wachten|slaap|slapen|rijden|reizen|lopen)\b)"
            r"(?! ?(\w+ )?(kinderen|kids|pogingen|sollicitaties|brieven|mails|afspraken|lessen|gesprekken"
            r"|jaren|maanden|weken|dagen|keren|stappen|\w+ingen|\w+ties)\b)"
            # "vanaf 18" alone is an age.
            r"(?<!vanaf [567])(?<!vanaf 1[789])"
            r"|\bna (vijven|zessen|zevenen)\b"
        ),
    ),
    (
        "morning",
        re.compile(r"\bs ?(ochtends|morgens)\b|ochtend(en)?\b|\bvoor de lunch\b|\bals de kinderen op school"),
    ),
    ("afternoon", re.compile(r"\bs ?middags\b|middag(en)?\b")),
)


# The same in the city's other languages, for a follow-up written in them ("ama sadece sabahları",
# "only at weekends", "тільки ввечері"): whole words (regular expressions, written as spelt and
# folded as the message is), so that "o czwartej" (at four), "w środku" (in the middle), "вихідна
# допомога" (severance pay) and "أصبحت" (I became) name no time. Arabic and Persian glue
# prefixes to a word ("بالليل", "الصبح", "في المساء") and Persian a plural ("صبح‌ها"). Forms of more
# words come before their first word, so that all of "salı günü" is read as the time.
OTHER_LANGUAGE_DAYS = {
    "monday|mondays": {"MO"},
    "tuesday|tuesdays": {"TU"},
    "wednesday|wednesdays": {"WE"},
    "thursday|thursdays": {"TH"},
    "friday|fridays": {"FR"},
    "saturday|saturdays": {"SA"},
    "sunday|sundays": {"SU"},
    "weekend|weekends": {"SA", "SU"},
    "weekday|weekdays": WEEKDAYS,
    r"pazartesi\w*": {"MO"},
    r"salı günü|salıları|salı": {"TU"},
    r"çarşamba\w*": {"WE"},
    r"perşembe\w*": {"TH"},
    r"cuma günü|cumaları|cuma": {"FR"},
    r"cumartesi\w*": {"SA"},
    r"pazar günü|pazar günleri|pazarları": {"SU"},
    r"hafta ?sonu|hafta ?sonları|hafta ?sonunda": {"SA", "SU"},
    r"hafta ?içi": WEEKDAYS,
    r"poniedział\w*|poniedzial\w*": {"MO"},
    r"wtor\w*": {"TU"},
    r"środa|środę|środy|środzie|środami|środach": {"WE"},
    r"czwartek|czwartk\w*": {"TH"},
    r"piątek|piątku|piątki|piątkami|piątkach": {"FR"},
    r"sobot\w*": {"SA"},
    r"niedziel\w*": {"SU"},
    r"weekendy|weekendów|weekendami": {"SA", "SU"},
    r"понеділ\w*|понедельник\w*": {"MO"},
    r"вівтор\w*|вторник\w*": {"TU"},
    r"середа|середу|середи|середам|середах|среду|средам|средах": {"WE"},
    r"четвер|четверга|четвергам|четверг\w*": {"TH"},
    r"п ятниц\w*|пятниц\w*": {"FR"},
    r"субот\w*|суббот\w*": {"SA"},
    r"неділ\w*|воскресень\w*": {"SU"},
    r"вихідні|вихідних|вихідним|выходные|выходных|выходным|выходными": {"SA", "SU"},
}
ARABIC_PREFIX = r"(?:و)?(?:ب|ف|ل|في |فى )?(?:ال)?"
# Arabic days with their article or "يوم" (day): "أحد" alone is "anyone", "اثنين" "two".
ARABIC_DAY_PREFIX = r"(?:و)?(?:ب|ف|ل|في |فى |يوم )?"
OTHER_SCRIPT_DAYS = {
    "يوم الاثنين|يوم الإثنين": {"MO"},
    "الثلاثاء": {"TU"},
    "الأربعاء|الاربعاء": {"WE"},
    "الخميس": {"TH"},
    "الجمعة|الجمعه": {"FR"},
    "السبت": {"SA"},
    "الأحد|الاحد": {"SU"},
    "الويكند|ويكند|عطلة نهاية الأسبوع|آخر هفته": {"SA", "SU"},
}
# Persian: the weekdays are numbered Saturdays ("سه‌شنبه", three-Saturday, is Tuesday), written
# as one word, with a joiner or with a space.
PERSIAN_DAYS = {
    "(?<!یک)(?<!دو)(?<!سه)(?<!چهار)(?<!پنج)(?<!یک‌)(?<!دو‌)(?<!سه‌)(?<!چهار‌)(?<!پنج‌)(?<!یک )(?<!دو )"
    "(?<!سه )(?<!چهار )(?<!پنج )شنبه": {"SA"},
    "یکشنبه|یک‌شنبه|یک شنبه": {"SU"},
    "دوشنبه|دو‌شنبه|دو شنبه": {"MO"},
    "سه‌شنبه|سه شنبه|سهشنبه": {"TU"},
    "چهارشنبه|چهار‌شنبه|چهار شنبه": {"WE"},
    "پنجشنبه|پنج‌شنبه|پنج شنبه": {"TH"},
}
OTHER_LANGUAGE_PARTS = {
    "evening": r"evening|evenings|tonight|after work|akşam\w*|wieczor\w*|wieczór|po pracy"
    r"|ввечері|увечері|вечор\w*|вечер|вечером|вечерами|вечерам|після роботи|после работы",
    "morning": r"morning|mornings|sabah|sabahları|sabahleyin|rano|rankiem|вранці|зранку|утром|утрам|с утра",
    "afternoon": r"afternoon|afternoons|öğleden sonra|po południu|po poludniu|після обіду|после обеда",
}
OTHER_SCRIPT_PARTS = {
    "evening": "مساء|مساءً|مسا|ليل|شب|شب‌ها|شبها",
    "morning": "صباح|صباحا|صباحاً|صبح|صبح‌ها|صبحها",
    "afternoon": "بعد الظهر|عصر|عصرها|بعدازظهر|بعد از ظهر",
}
# Greetings name a part of the day but no time: "good evening", "iyi akşamlar", "добрый вечер".
OTHER_LANGUAGE_GREETINGS = (
    r"good (morning|afternoon|evening|night)|iyi (akşamlar|sabahlar|geceler|günler)"
    r"|hayırlı (sabahlar|akşamlar)"
    r"|dobry wieczór|dobrego wieczoru|dzień dobry|добрый (вечер|день)|доброе утро"
    r"|доброго (утра|вечора|ранку|дня)"
    r"|добрий (вечір|день|ранок)|صباح (الخير|النور)|(مساء|مسا) (الخير|النور)|(صبح|شب|عصر) (شما )?بخیر|شب خوش"
)


# Ukrainian writes "п'ятниця" with any of these apostrophes.
APOSTROPHES = re.compile("['’ʼ`]")
# Letters typed in several ways read as one: Turkish dotless ı (often typed as i), and the Arabic
# and Persian forms of yeh, kaf, alef and teh marbuta (bot/language/gloss.py).
ONE_LETTER = str.maketrans({**{chr(k): v for k, v in SAME_LETTER.items()}, "ı": "i"})


def _time_folded(text: str) -> str:
    return APOSTROPHES.sub(" ", fold(text)).translate(ONE_LETTER)


def _whole_words(forms: str, prefix: str = "") -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){prefix.translate(ONE_LETTER)}(?:{_time_folded(forms)})(?!\w)")


OTHER_DAYS = (
    tuple((_whole_words(forms), days) for forms, days in OTHER_LANGUAGE_DAYS.items())
    + tuple((_whole_words(forms, ARABIC_DAY_PREFIX), days) for forms, days in OTHER_SCRIPT_DAYS.items())
    + tuple((_whole_words(forms), days) for forms, days in PERSIAN_DAYS.items())
)
OTHER_PARTS = tuple(
    (part, _whole_words(OTHER_LANGUAGE_PARTS[part]), _whole_words(OTHER_SCRIPT_PARTS[part], ARABIC_PREFIX))
    for part in ("evening", "morning", "afternoon")
)
OTHER_GREETING = _whole_words(OTHER_LANGUAGE_GREETINGS)


# A time said to be impossible is no wish: "nee, zaterdag kan ik niet, liever in Noord", "niet op
# woensdag", "not on Friday", "cumartesi olmaz". Such a part of the message (up to a comma, a full
# stop, "maar" or "but") is left out when the time is read.
CLAUSE = re.compile(r"[.,;!?\n]|\b(?:maar|but|wel|ale|но|але|ama)\b")
NEGATION = re.compile(r"\b(niet|nooit|not|can ?t|cannot|never|nie|не|ні|olmaz|degil|değil)\b")


def find_time(text: str) -> TimeWish:
    folded = " ".join(clause for clause in CLAUSE.split(_time_folded(text)) if not NEGATION.search(clause))
    days: set[str] = set()
    for word in DAY.findall(folded):
        days |= DAY_WORDS[word]
    timed = OTHER_GREETING.sub(" ", NOT_A_TIME.sub(" ", folded))
    for pattern, other_days in OTHER_DAYS:
        if pattern.search(timed):
            days |= other_days
    part = next((name for name, pattern in PARTS_OF_DAY if pattern.search(timed)), None)
    if part is None:
        part = next(
            (name for name, words, script in OTHER_PARTS if words.search(timed) or script.search(timed)), None
        )
    return TimeWish(frozenset(days), part)


@dataclass(frozen=True)
class Preferences:
    """What a message says about where, in which language, for whom and when help should be."""

    neighbourhood: str | None = None
    language: str | None = None
    target_group: str | None = None
    time: TimeWish = TimeWish()

    @property
    def named(self) -> bool:
        return any((self.neighbourhood, self.language, self.target_group, self.time))


# The words around a language asked for ("iemand die Pools spreekt"): the catalogue reads them as
# the contact women's, whose services say "spreekt uw taal".
SPEAKING = re.compile(r"\b(spreekt|spreken|spreek|praat|praten|taal|talen|in het)\b")


# Why a person asks for a time: their work or school, "door de week", "overdag".
BUSY = re.compile(r"\b(werk|werken|werkt|school|stage|door de week|overdag)\b")


def without_preferences(text: str) -> str:
    """The message without the words that only say where, in which language, for whom or when,
    so that what is left shows whether it names a need of its own: "is er iemand die Pools
    spreekt?" names none; "ik wil Nederlands leren in Zuid" does (Dutch is what to learn)."""
    vocab = taxonomy()
    folded = _time_folded(text)
    for pattern in (*(day for day, _ in OTHER_DAYS), *(p for _, *parts in OTHER_PARTS for p in parts)):
        folded = pattern.sub(" ", folded)
    words = re.findall(r"[a-z]+", folded)
    other_language = any(vocab.language_for_word(w) not in (None, "nl") for w in words)
    kept = " ".join(
        w for w in words if vocab.language_for_word(w) in (None, "nl") and not vocab.neighbourhood_for_word(w)
    )
    for words_of_group in vocab.target_group_words.values():
        for word in words_of_group:
            kept = re.sub(rf"\b{re.escape(word)}\b", " ", kept)
    timed = bool(find_time(text))
    kept = DAY.sub(" ", kept)
    for _, pattern in PARTS_OF_DAY:
        kept = pattern.sub(" ", kept)
    if timed:  # "kan dat naast mijn werk? in de avond": the work is why the time, not a need
        kept = BUSY.sub(" ", kept)
    if other_language:
        kept = SPEAKING.sub(" ", kept)
    return " ".join(kept.split())


def preferences_in(text: str) -> Preferences:
    return Preferences(
        find_neighbourhood(text), find_language(text), find_target_group(text), find_time(text)
    )


@dataclass(frozen=True)
class Need:
    category: str
    score: float


def rank_needs(
    model_ranking: Sequence[tuple[str, float]],
    keyword_ranking: Sequence[tuple[str, float]],
    known_categories: dict[str, Category],
) -> list[Need]:
    """Combine the model's categories with the catalogue words found in the message.

    Needs the message clearly names come first, most pressing first (the taxonomy's urgency);
    weaker guesses follow.
    """
    scores: dict[str, float] = {}
    for category, confidence in model_ranking:
        if category in known_categories and category != CRISIS:
            scores[category] = scores.get(category, 0.0) + confidence
    # The words count by how strongly they name a category, not relative to the best of them: one
    # stray word ("sta" of "rood staan") must not weigh as much as "schulden en een deurwaarder".
    for category, score in keyword_ranking:
        if category in known_categories and category != CRISIS:
            scores[category] = scores.get(category, 0.0) + KEYWORD_WEIGHT * min(1.0, score / WORDS_IN_FULL)
    needs = [Need(c, s) for c, s in scores.items() if s >= 0.1]
    model: dict[str, float] = {}
    for category, confidence in model_ranking:  # a category may come twice (the topic in play)
        model[category] = max(confidence, model.get(category, 0.0))
    # Urgency orders the needs the model itself recognised; a need found only by the catalogue's
    # words ("cost" in a question about football) does not jump ahead of what the person asked.
    strong = sorted(
        (n for n in needs if n.score >= STRONG),
        key=lambda n: (
            model.get(n.category, 0.0) < MODEL_NAMED,
            known_categories[n.category].urgency,
            -n.score,
        ),
    )
    weak = sorted((n for n in needs if n.score < STRONG), key=lambda n: -n.score)
    return strong + weak


def words_weighed_by_length(catalogue: Catalogue, text: str) -> list[tuple[str, float]]:
    """The categories the catalogue's words point to, best first. In a message told in several
    sentences they weigh less, by the square root of the number of sentences.

    Why: over a whole story the words add up, so a category named in passing in a few sentences
    ("huis", "geld", "werkt") outweighs the model's reading of what the person asks for. Every
    word still counts (a first sentence of one word, "Schulden.", or the Dutch gloss after a
    message in another language): only its weight beside the model goes down. On the dev sets,
    the first three needs of 1,036 Dutch needs told in sentences had a fitting one for 979 this
    way, against 953 with the words at full weight."""
    scores = catalogue.categories_for(text)
    sentences = len(sentences_of(text, limit=None, min_words=1)) or 1
    return [(category, score / sentences**0.5) for category, score in scores]


def clear_need(catalogue: Catalogue, text: str, model_ranking: Sequence[tuple[str, float]]) -> bool:
    """Whether a message the model was unsure about still clearly names a need (danger is not a
    need here: the crisis reply covers it)."""
    by_words = [(category, score) for category, score in catalogue.categories_for(text) if category != CRISIS]
    if by_words and by_words[0][1] >= CLEAR_WORDS:
        return True
    needs = rank_needs(model_ranking, by_words, catalogue.taxonomy.categories)
    return bool(needs) and needs[0].score >= CLEAR_NEED


def words_and_model_agree(
    catalogue: Catalogue, text: str, model_ranking: Sequence[tuple[str, float]]
) -> bool:
    """Whether the model's best need is one the words clearly name too."""
    model_best = max(model_ranking, key=lambda item: item[1], default=None)
    named = {category for category, score in catalogue.categories_for(text) if score >= CLEAR_WORDS}
    return model_best is not None and model_best[0] in named


def best_service(
    catalogue: Catalogue,
    category: str,
    text: str,
    neighbourhood: str | None,
    language: str | None,
    exclude: Collection[str],
    target_group: str | None = None,
    time: TimeWish = TimeWish(),
) -> ServiceRecord | None:
    """The service of a category that fits best: words of the message, then place, language,
    the group it is for and the time asked for (open then first, unknown times next).

    Filters are dropped one by one (language, then group, then neighbourhood) rather than giving
    nothing. Without a known neighbourhood, city-wide services come before neighbourhood ones.
    """
    filters = (
        (language, target_group, neighbourhood),
        (None, target_group, neighbourhood),
        (None, None, neighbourhood),
        (None, None, None),
    )
    # dict.fromkeys keeps the order and drops repeats: no search is done twice.
    for lang, group, place in dict.fromkeys(filters):
        for query in dict.fromkeys((text, "")):
            hits = [
                h
                for h in catalogue.search(
                    query, category=category, neighbourhood=place, language=lang, target_group=group, limit=50
                ).hits
                if h.service.id not in exclude
            ]
            if not hits:
                continue
            top = hits[0].score
            close = [h for h in hits if h.score >= 0.8 * top]
            # Stable sorts keep the score order: first services open to everyone, then city-wide
            # ones when the neighbourhood is unknown.
            # With a group asked for, services made for that group come before those open to all.
            preferred = group or OPEN_TO_EVERYONE
            close.sort(key=lambda h: preferred not in h.service.target_groups)
            if place is None:
                close.sort(key=lambda h: bool(h.service.neighbourhoods))
            if time:
                # A time is what the person can manage: open then first, among all the category's
                # services, each group in the order above.
                fitting = {False: 0, None: 1, True: 2}
                ordered = close + [h for h in hits if h not in close]
                close = sorted(ordered, key=lambda h: -fitting[h.service.open_at(time.days, time.part)])
            return close[0].service
    return None


# Help whose point is to be there in the person's own language: a contact woman, a buddy, a
# visitor, a walk-in, the neighbourhood team.
LANGUAGE_BRIDGES = ("contactvrouw", "maatje", "huisbezoek", "ontmoeting", "sociaal_wijkteam")


def _speaker(
    catalogue: Catalogue,
    categories: Sequence[str],
    text: str,
    language: str,
    neighbourhood: str | None,
    exclude: Collection[str],
) -> ServiceRecord | None:
    """The best service that speaks `language`, from the first of these categories that has one."""
    for category in dict.fromkeys([*categories, *LANGUAGE_BRIDGES]):
        if category == CRISIS:
            continue
        for query in dict.fromkeys((text, "")):
            hits = catalogue.search(
                query, category=category, language=language, neighbourhood=neighbourhood, limit=10
            ).hits
            for hit in hits:
                if hit.service.id not in exclude:
                    return hit.service
    return None


def _with_a_speaker(
    catalogue: Catalogue,
    services: list[ServiceRecord],
    categories: Sequence[str],
    text: str,
    language: str,
    neighbourhood: str | None,
    chosen: set[str],
    speaker_first: bool,
) -> list[ServiceRecord]:
    if any(language in s.languages for s in services):
        return sorted(services, key=lambda s: language not in s.languages) if speaker_first else services
    # Nothing for the need speaks it: someone who does, from the other needs found or else from
    # the kinds of help that exist to bridge a language.
    speaker = _speaker(catalogue, categories, text, language, neighbourhood, chosen)
    if speaker is None:
        return services
    chosen.add(speaker.id)
    position = 0 if speaker_first else 1
    return [*services[:position], speaker, *services[position : MAX_SUGGESTIONS - 1]]


def suggest(
    catalogue: Catalogue,
    text: str,
    model_ranking: Sequence[tuple[str, float]],
    neighbourhood: str | None = None,
    language: str | None = None,
    target_group: str | None = None,
    time: TimeWish = TimeWish(),
    speaker_first: bool = False,
) -> tuple[list[Need], list[ServiceRecord]]:
    """The needs found, most pressing first, and 1-3 services (one per need while there are several).

    With a language, one of them speaks it when any fitting service does: first when the person
    asked for that language (`speaker_first`), second when they only wrote in it, so that the
    best service for the need still leads."""
    needs = rank_needs(model_ranking, words_weighed_by_length(catalogue, text), catalogue.taxonomy.categories)
    language = language or find_language(text)
    services: list[ServiceRecord] = []
    chosen: set[str] = set()
    for need in needs:
        if len(services) == MAX_SUGGESTIONS:
            break
        service = best_service(
            catalogue, need.category, text, neighbourhood, language, chosen, target_group, time
        )
        if service:
            services.append(service)
            chosen.add(service.id)
    if language and services:
        services = _with_a_speaker(
            catalogue,
            services,
            [n.category for n in needs],
            text,
            language,
            neighbourhood,
            chosen,
            speaker_first,
        )
    if needs and len(services) < MAX_SUGGESTIONS:
        # One clear need: a second choice in the same category beats an unrelated guess.
        while len(services) < min(2, MAX_SUGGESTIONS):
            extra = best_service(
                catalogue, needs[0].category, text, neighbourhood, language, chosen, target_group, time
            )
            if not extra:
                break
            services.append(extra)
            chosen.add(extra.id)
    return needs, services
