"""The shared vocabulary: the six wheel domains, the categories of support, target groups."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from bot.config import TAXONOMY_FILE


@dataclass(frozen=True)
class Domain:
    slug: str
    label: str
    b1: str


@dataclass(frozen=True)
class Category:
    slug: str
    domain: str
    label: str
    b1: str
    also: tuple[str, ...] = ()

    @property
    def domains(self) -> tuple[str, ...]:
        return (self.domain, *self.also)


@dataclass(frozen=True)
class Taxonomy:
    domains: dict[str, Domain]
    categories: dict[str, Category]
    target_groups: dict[str, str]
    neighbourhoods: tuple[str, ...] = field(default=())

    def domains_of(self, category_slugs) -> list[str]:
        """Domains served by these categories, main domains first, without repeats."""
        ordered: list[str] = []
        for slug in category_slugs:
            if self.categories[slug].domain not in ordered:
                ordered.append(self.categories[slug].domain)
        for slug in category_slugs:
            for domain in self.categories[slug].also:
                if domain not in ordered:
                    ordered.append(domain)
        return ordered


def load_taxonomy(path: Path = TAXONOMY_FILE) -> Taxonomy:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    domains = {d["slug"]: Domain(d["slug"], d["label"], d["b1"]) for d in raw["domains"]}
    categories = {
        c["slug"]: Category(c["slug"], c["domain"], c["label"], c["b1"], tuple(c.get("also", ())))
        for c in raw["categories"]
    }
    groups = {g["slug"]: g["label"] for g in raw.get("target_groups", [])}
    return Taxonomy(domains, categories, groups, tuple(raw.get("neighbourhoods", ())))


@lru_cache(maxsize=1)
def taxonomy() -> Taxonomy:
    return load_taxonomy()
