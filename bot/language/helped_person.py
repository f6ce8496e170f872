"""Who the conversation is about: the person typing, or someone they help.

A contact woman with a client, a daughter for her mother: the bot then talks about that
person in the third person ("Dit kan uw moeder helpen"), as people do.
"""

from __future__ import annotations

import re

from bot.language.dutch import fold

# "mijn moeder" -> "uw moeder": the bot answers the helper, so "mijn" becomes "uw".
# Not partners: "mijn man heeft schulden" is usually the writer's own household.
RELATIONS = (
    "moeder",
    "vader",
    "oma",
    "opa",
    "zoon",
    "dochter",
    "broer",
    "zus",
    "buurman",
    "buurvrouw",
    "client",
    "clienta",
    "tante",
    "oom",
    "schoonmoeder",
    "schoonvader",
    "vriend",
    "vriendin",
    "nicht",
    "neef",
    "kind",
    "kinderen",
    "ouders",
)
HELPING = re.compile(
    r"\b(voor|namens) (mijn|een) (" + "|".join(RELATIONS) + r")\b|"
    r"\bmijn (" + "|".join(RELATIONS) + r") (heeft|kan|wil|zoekt|spreekt|woont|zit|krijgt|"
    r"moet|durft|weet|vraagt|voelt|ziet|hoort|loopt)\b"
)
# Someone who died is not the person the help is for.
DECEASED = re.compile(r"\b(overleden|gestorven|dood|begraven)\b")
# "de mevrouw naast mij", "meneer hier naast me", "mijn client": a professional with a client.
BESIDE = re.compile(r"\b(de |deze )?(mevrouw|meneer|vrouw|man) (naast|bij|tegenover) (mij|me)\b")
CLIENT = re.compile(r"\bmijn (client|clienta|clienten)\b")


def helped_person(text: str) -> str | None:
    """How the bot should name the person the message is about, or None when it is the writer."""
    folded = fold(text)
    if DECEASED.search(folded):
        return None
    beside = BESIDE.search(folded)
    if beside:
        return {
            "mevrouw": "deze mevrouw",
            "meneer": "deze meneer",
            "vrouw": "deze mevrouw",
            "man": "deze meneer",
        }[beside.group(2)]
    if CLIENT.search(folded):
        return "uw cliënt"
    match = HELPING.search(folded)
    if match:
        relation = match.group(3) or match.group(4)
        return {
            "client": "uw cliënt",
            "clienta": "uw cliënt",
            "kinderen": "uw kinderen",
            "ouders": "uw ouders",
        }.get(relation, f"uw {relation}")
    return None
