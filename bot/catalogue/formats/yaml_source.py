"""The YAML source file (data/catalogue/voorbeeldstad.yml): the catalogue document as it is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from bot.catalogue.document import CatalogueError, Problem, empty_document


def read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise CatalogueError([Problem(path.name, "-", "-", f"geen geldige YAML: {error}")]) from error
    if not isinstance(data, dict):
        raise CatalogueError([Problem(path.name, "-", "-", "het bestand bevat geen catalogus")])
    doc = empty_document()
    for key in doc:
        doc[key] = data.get(key) or doc[key]
    return doc


def write(doc: dict[str, Any], path: Path) -> None:
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=110), encoding="utf-8")
