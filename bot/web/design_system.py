"""The NL Design System styles of the web pages, as one stylesheet.

Dutch municipal sites build on the NL Design System: here Utrecht's component styles
(`@utrecht/*-css`) and the example theme of the NL Design System (`voorbeeld-theme`, from
`@nl-design-system-unstable/voorbeeld-design-tokens`), pinned in package.json and
package-lock.json and installed by scripts/install from the npm registry. A municipality swaps the
theme for its own tokens package. Nothing is fetched at run time: the files are read from
node_modules once per process and served from this server (the page's CSP allows no other host).
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

from bot.settings import PROJECT_ROOT

log = logging.getLogger(__name__)
NODE_MODULES = PROJECT_ROOT / "node_modules"
THEME = "@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css"
THEME_CLASS = "voorbeeld-theme"
# The components the pages use, each one of Utrecht's packages (@utrecht/<name>-css).
COMPONENTS = (
    "document",
    "page-header",
    "page-footer",
    "skip-link",
    "heading-1",
    "heading-2",
    "heading-3",
    "paragraph",
    "link",
    "unordered-list",
    "button",
    "form-label",
    "textbox",
)


def files(root: Path = NODE_MODULES) -> list[Path]:
    return [root / THEME, *(root / f"@utrecht/{name}-css/dist/index.min.css" for name in COMPONENTS)]


@lru_cache(maxsize=2)
def stylesheet(root: Path = NODE_MODULES) -> str:
    """The theme and the components in one text. Missing files leave the page on its own styles
    (bot/web/static/chat.css): plain, but still usable; the log says what to run."""
    parts, missing = [], []
    for path in files(root):
        if path.is_file():
            parts.append(f"/* {path.relative_to(root)} */\n{path.read_text(encoding='utf-8')}")
        else:
            missing.append(str(path.relative_to(root)))
    if missing:
        log.warning("NL Design System styles missing (run scripts/install): %s", ", ".join(missing))
    return "\n".join(parts)
