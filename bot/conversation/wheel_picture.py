"""A picture of the participation wheel for a summary: six parts, each coloured and labelled with
its status in words (not colour alone), served by the web front end as /wheel.svg."""

from __future__ import annotations

import math

from bot.conversation.wheel import SKIPPED, STATUS_TEXT, STATUSES, domains, short_label
from bot.taxonomy import taxonomy

COLOURS = {"gaat_goed": "#1b7a3a", "wil_meer": "#9a6700", "hulp_nodig": "#b3261e", "overgeslagen": "#6b6b6b"}


def wheel_svg(answers: dict[str, str]) -> str:
    """A picture of the wheel: six parts, each coloured and labelled with its status (not colour alone)."""
    vocab = taxonomy()
    parts = []
    for index, domain in enumerate(domains()):
        status = answers.get(domain) or SKIPPED
        status = status if status in STATUSES else SKIPPED
        start, end = math.radians(index * 60 - 90), math.radians(index * 60 - 30)
        x1, y1 = 200 + 150 * math.cos(start), 200 + 150 * math.sin(start)
        x2, y2 = 200 + 150 * math.cos(end), 200 + 150 * math.sin(end)
        middle = math.radians(index * 60 - 60)
        tx, ty = 200 + 95 * math.cos(middle), 200 + 95 * math.sin(middle)
        label = vocab.domains[domain].label
        short = short_label(domain).replace("Iets voor anderen doen", "Voor anderen")
        parts.append(
            f"<g><title>{label}: {STATUS_TEXT[status]}</title>"
            f'<path d="M200,200 L{x1:.1f},{y1:.1f} A150,150 0 0,1 {x2:.1f},{y2:.1f} Z" '
            f'fill="{COLOURS[status]}" '
            f'stroke="#ffffff" stroke-width="3"/>'
            f'<text x="{tx:.1f}" y="{ty - 6:.1f}" fill="#ffffff" font-size="11" text-anchor="middle" '
            f'font-family="sans-serif">{short}</text>'
            f'<text x="{tx:.1f}" y="{ty + 10:.1f}" fill="#ffffff" font-size="11" font-weight="bold" '
            f'text-anchor="middle" font-family="sans-serif">{STATUS_TEXT[status]}</text></g>'
        )
    description = "; ".join(
        f"{vocab.domains[d].label}: {STATUS_TEXT[answers.get(d, 'overgeslagen')]}" for d in domains()
    )
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400" role="img" '
        f'aria-label="Het participatiewiel. {description}">'
        '<circle cx="200" cy="200" r="152" fill="#ffffff"/>'
        + "".join(parts)
        + '<circle cx="200" cy="200" r="38" fill="#ffffff"/>'
        '<text x="200" y="204" font-size="12" text-anchor="middle" font-family="sans-serif" fill="#1a1a1a">'
        "Meedoen</text></svg>"
    )
