"""A picture of the participation wheel for a summary: six parts, each coloured and labelled with
its status in words (not colour alone), served by the web front end as /wheel.svg."""

from __future__ import annotations

import math

from bot.conversation.wheel import SKIPPED, STATUS_TEXT, STATUSES, domains, short_label
from bot.taxonomy import taxonomy

# In a 400 x 400 picture shown at least 320 px wide (chat.css), 15 is 12 px on the screen.
RADIUS, LABEL_RADIUS, FONT, LINE = 195, 128, 15, 18
COLOURS = {"gaat_goed": "#1b7a3a", "wil_meer": "#9a6700", "hulp_nodig": "#b3261e", "overgeslagen": "#6b6b6b"}


def wheel_svg(answers: dict[str, str]) -> str:
    """A picture of the wheel: six parts, each coloured and labelled with its status (not colour alone)."""
    vocab = taxonomy()
    parts = []
    for index, domain in enumerate(domains()):
        status = answers.get(domain) or SKIPPED
        status = status if status in STATUSES else SKIPPED
        start, end = math.radians(index * 60 - 90), math.radians(index * 60 - 30)
        x1, y1 = 200 + RADIUS * math.cos(start), 200 + RADIUS * math.sin(start)
        x2, y2 = 200 + RADIUS * math.cos(end), 200 + RADIUS * math.sin(end)
        middle = math.radians(index * 60 - 60)
        tx, ty = 200 + LABEL_RADIUS * math.cos(middle), 200 + LABEL_RADIUS * math.sin(middle)
        label = vocab.domains[domain].label
        short = short_label(domain).replace("Iets voor anderen doen", "Voor anderen")
        # A long name on two lines, so that the letters can be big enough to read in the chat.
        lines = [*(short.split(" ", 1) if len(short) > 10 else [short]), STATUS_TEXT[status]]
        top = ty - (len(lines) - 1) * LINE / 2 + FONT / 3
        texts = "".join(
            f'<text x="{tx:.1f}" y="{top + i * LINE:.1f}" fill="#ffffff" font-size="{FONT}" '
            + ('font-weight="bold" ' if i == len(lines) - 1 else "")
            + f'text-anchor="middle" font-family="sans-serif">{line}</text>'
            for i, line in enumerate(lines)
        )
        parts.append(
            f"<g><title>{label}: {STATUS_TEXT[status]}</title>"
            f'<path d="M200,200 L{x1:.1f},{y1:.1f} A{RADIUS},{RADIUS} 0 0,1 {x2:.1f},{y2:.1f} Z" '
            f'fill="{COLOURS[status]}" stroke="#ffffff" stroke-width="3"/>{texts}</g>'
        )
    description = "; ".join(
        f"{vocab.domains[d].label}: {STATUS_TEXT[answers.get(d, 'overgeslagen')]}" for d in domains()
    )
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400" role="img" '
        f'aria-label="Het participatiewiel. {description}">'
        f'<circle cx="200" cy="200" r="{RADIUS + 2}" fill="#ffffff"/>'
        + "".join(parts)
        + '<circle cx="200" cy="200" r="42" fill="#ffffff"/>'
        f'<text x="200" y="205" font-size="{FONT}" text-anchor="middle" font-family="sans-serif" '
        'fill="#1a1a1a">Meedoen</text></svg>'
    )
