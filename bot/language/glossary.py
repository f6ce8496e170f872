"""Words that need a short explanation in the same message (shared/spec/plain-language.md), and
the explanation the bot adds itself when a service's name uses one ("Wmo-loket")."""

from __future__ import annotations

import re

# Each word with the explanation the bot adds ("Wmo-loket", "Mantelzorgcafé").
GLOSSARY = {
    "wmo": "Wmo: de wet voor hulp thuis en meedoen. De gemeente regelt die hulp.",
    "mantelzorg": "Mantelzorg: zorg voor iemand uit uw familie of buurt die ziek is.",
    "re-integratie": "Re-integratie: hulp om weer aan het werk te gaan.",
    "reintegratie": "Reintegratie: hulp om weer aan het werk te gaan.",
    "participatie": "Participatie: meedoen in de stad en de buurt.",
    "indicatie": "Indicatie: een besluit over welke zorg bij u past.",
    "voorziening": "Voorziening: hulp of een hulpmiddel via de gemeente.",
    "maatwerk": "Maatwerk: hulp die past bij uw eigen situatie.",
    "zorgverzekeraar": "Zorgverzekeraar: het bedrijf van uw zorgverzekering.",
    "inburgeringsplicht": "Inburgeringsplicht: de wet zegt dat u moet inburgeren.",
}
JARGON = tuple(GLOSSARY)
# An explanation right after the word: "Wmo (wet voor hulp thuis)", "mantelzorg: zorg voor ...", "... is ...".
EXPLAINED = r"[^.?!\n]{0,40}?(\(|:| is | zijn | betekent |, dat is |, dat zijn | - )"


def unexplained_jargon(text: str) -> list[str]:
    lowered = text.lower()
    return [
        term
        for term in JARGON
        if re.search(rf"\b{re.escape(term)}", lowered)
        and not re.search(rf"\b{re.escape(term)}\w*{EXPLAINED}", lowered)
    ]


def explain_jargon(text: str) -> str:
    """The text with a short explanation added for every jargon word it leaves unexplained."""
    missing = unexplained_jargon(text)
    return text if not missing else text + "\n" + "\n".join(GLOSSARY[term] for term in missing)
