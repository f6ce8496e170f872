"""The web pages besides the chat (lookup, statements, staff pages): their texts in
bot/web/pages/, read once per process, and the one layout they share."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

PAGES = Path(__file__).with_name("pages")


@lru_cache(maxsize=16)
def page_html(name: str) -> str:
    """bot/web/pages/<name>.html, read once (the files change only with a new release)."""
    return (PAGES / f"{name}.html").read_text(encoding="utf-8")


def in_layout(content: str, page_class: str, scripts: tuple[str, ...] = ()) -> str:
    """A page's content in the one layout (bot/web/pages/layout.html), titled by its heading."""
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", content)
    fill = {
        "{title}": heading.group(1) if heading else "Meedoenwijzer",
        "{page}": page_class,
        "{scripts}": "".join(f'  <script src="/static/{script}" defer></script>\n' for script in scripts),
    }
    html = page_html("layout")
    for placeholder, value in fill.items():
        html = html.replace(placeholder, value)
    return html.replace("{content}", content)  # last: the content's own text stays as written
