"""The insight page's content: tables and bars of what people needed where (bot.insight.report),
every count under 5 shown as "< 5". Plain HTML made on the server: no script, readable printed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from html import escape

from bot.insight.callbacks import CallbackRequest
from bot.insight.counts import SMALLEST_SHOWN, shown
from bot.insight.report import Report
from bot.taxonomy import Taxonomy
from bot.web.layout import page_html

STATUS_NAMES = {
    "gaat_goed": "Gaat goed",
    "wil_meer": "Wil meer",
    "hulp_nodig": "Hulp nodig",
    "overgeslagen": "Overgeslagen",
}


def _place(name: str) -> str:
    return name or "Niet gezegd"


def _table(caption: str, head: list[str], rows: list[list[str]]) -> str:
    if not rows:
        return (
            f'<h2 class="utrecht-heading-2">{escape(caption)}</h2>\n'
            '<p class="utrecht-paragraph">Nog niets geteld.</p>\n'
        )
    header = "".join(f'<th scope="col">{escape(h)}</th>' for h in head)
    body = "".join(
        "<tr>"
        + f'<th scope="row">{escape(row[0])}</th>'
        + "".join(f"<td>{escape(c)}</td>" for c in row[1:])
        + "</tr>"
        for row in rows
    )
    return (
        f'<h2 class="utrecht-heading-2">{escape(caption)}</h2>\n'
        f'<table class="insight"><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>\n'
    )


def _bars(found: Report) -> str:
    """Needs per week as bars, each with its number (read as a list by screen readers)."""
    highest = max(found.needs_by_week.values(), default=0) or 1

    def tenths(count: int) -> int:  # a bar would tell what "< 5" hides
        return round(10 * count / highest) if count >= SMALLEST_SHOWN else 0

    items = "".join(
        f'<li><span class="week">{escape(week)}</span>'
        # A class per tenth, not a style attribute: the page's CSP allows no inline style.
        f'<span class="bar share-{tenths(found.needs_by_week[week])}" aria-hidden="true">'
        "</span>"
        f'<span class="number">{escape(shown(found.needs_by_week[week]))}</span></li>'
        for week in found.weeks
    )
    return f'<h2 class="utrecht-heading-2">Hulpvragen per week</h2>\n<ul class="bars">{items}</ul>\n'


def _category_rows(
    items: Iterable[tuple[str, Mapping[str, int]]], measures: tuple[str, ...], vocab: Taxonomy
) -> list[list[str]]:
    """A row per kind of help: its name, then each measure's count as shown."""
    return [
        [vocab.categories[c].label if c in vocab.categories else c, *(shown(m[name]) for name in measures)]
        for c, m in items
    ]


# A form, not a link: logging out changes something, so it is a POST.
LOGOUT = (
    '<form class="staff-logout" method="post" action="/medewerkers/uitloggen">'
    '<button class="utrecht-button utrecht-button--secondary-action" type="submit">Uitloggen</button></form>'
)


def content(found: Report, vocab: Taxonomy, who: str) -> str:
    places = found.neighbourhoods
    parts = [
        '<h1 class="utrecht-heading-1">Inzicht: wat mensen nodig hebben</h1>',
        f'<p class="utrecht-paragraph">Week {escape(found.weeks[0])} tot en met {escape(found.weeks[-1])}. '
        "Alleen aantallen: geen tekst, geen namen, niets dat naar een persoon leidt. "
        'Minder dan 5 staat als "&lt; 5".</p>',
        f'<p class="utrecht-paragraph">Ingelogd als {escape(who)}. '
        '<a class="utrecht-link" href="/inzicht.csv">Download als CSV</a>'
        "</p>",
        LOGOUT,
        _bars(found),
        _table(
            "Hulpvragen per domein en wijk",
            ["Domein", *(_place(p) for p in places)],
            [
                [vocab.domains[d].label, *(shown(found.needs_by_domain[d][p]) for p in places)]
                for d in vocab.domains
                if sum(found.needs_by_domain[d].values())
            ],
        ),
        _table(
            "Waar de sociale kaart tekortschiet",
            ["Soort hulp", "Niets in de wijk", "Niets in de taal", "Duim omlaag", "Duim omhoog"],
            _category_rows(found.gaps(), ("gap_neighbourhood", "gap_language", "down", "up"), vocab),
        ),
        _table(
            "Per soort hulp",
            ["Soort hulp", "Gevraagd", "Tips gegeven", "Duim omhoog", "Duim omlaag"],
            _category_rows(
                sorted(found.categories.items(), key=lambda item: -item[1]["need"]),
                ("need", "suggested", "up", "down"),
                vocab,
            ),
        ),
        _table(
            "Talen waarin mensen schreven",
            ["Taal", "Hulpvragen"],
            [[vocab.language_name(code), shown(n)] for code, n in found.languages.most_common()],
        ),
        _table(
            "Vragen om een mens",
            ["Wijk", "Aantal"],
            [[_place(p), shown(found.human_by_place[p])] for p in places if found.human_by_place[p]],
        ),
        _table(
            "Het participatiewiel: hoe het gaat per domein",
            ["Domein", *STATUS_NAMES.values()],
            [
                [vocab.domains[d].label, *(shown(found.wheel[d][s]) for s in STATUS_NAMES)]
                for d in vocab.domains
                if sum(found.wheel[d].values())
            ],
        ),
    ]
    return "\n".join(f"    {part}" for part in parts) + "\n"


def login(message: str = "") -> str:
    """The login form (bot/web/pages/inloggen.html), with what went wrong above it."""
    said = (
        f'    <p class="utrecht-paragraph login-message" role="alert">{escape(message)}</p>\n'
        if message
        else ""
    )
    return page_html("inloggen").replace("{message}", said)


def callbacks(found: Sequence[CallbackRequest], vocab: Taxonomy) -> str:
    """Open call-back requests per neighbourhood, each with a button for when it is done."""
    parts = [
        '<h1 class="utrecht-heading-1">Terugbelverzoeken</h1>',
        '<p class="utrecht-paragraph">Mensen die willen dat het sociaal wijkteam hen belt. Na het bellen: '
        "druk op Klaar. Dan wissen wij het verzoek en het nummer. Na 14 dagen gebeurt dat vanzelf.</p>",
        '<p class="utrecht-paragraph"><a class="utrecht-link" href="/inzicht">Naar inzicht</a></p>',
        LOGOUT,
    ]
    if not found:
        parts.append('<p class="utrecht-paragraph">Er zijn nu geen verzoeken.</p>')
    rows = []
    for item in found:
        needs = (
            ", ".join(vocab.categories[c].label for c in item.categories if c in vocab.categories)
            or "Niet gezegd"
        )
        rows.append(
            f'<tr><th scope="row">{escape(_place(item.neighbourhood))}</th>'
            f'<td><a class="utrecht-link" href="tel:{escape(item.phone)}">{escape(item.phone)}</a></td>'
            f"<td>{escape(item.time_of_day.replace('_', ' '))}</td><td>{escape(needs)}</td>"
            f"<td>{escape(item.created.isoformat())}</td>"
            f'<td><form method="post" action="/verzoeken/{escape(item.id)}/klaar">'
            f'<button type="submit" class="utrecht-button utrecht-button--secondary-action" '
            f'aria-label="Klaar: {escape(item.phone)} is gebeld">Klaar</button></form></td></tr>'
        )
    if rows:
        parts.append(
            '<table class="insight callbacks"><thead><tr>'
            + "".join(
                f'<th scope="col">{h}</th>'
                for h in ("Wijk", "Telefoon", "Wanneer", "Hulp bij", "Gevraagd op", "Gebeld?")
            )
            + f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )
    return "\n".join(f"    {part}" for part in parts) + "\n"
