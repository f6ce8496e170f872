"""Search quality on the team's labelled query sets.

    .venv/bin/python bench/search_quality.py [--show-misses]

bench/data/search_queries.yml is the development set: its misses were used to find words
missing from data/catalogue/synonyms.yml, so its figures are optimistic.
bench/data/search_queries_heldout.yml was written independently and is never used for tuning:
its figures are the honest ones. A query counts as a hit at k when one of its top k results
has a category the query is labelled with. Prints hit@1, hit@3 and MRR per set, overall and
for citizen and staff words.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.catalogue.catalogue import Catalogue  # noqa: E402
from bot.catalogue.formats import yaml_source  # noqa: E402
from bot.catalogue.models import make_engine  # noqa: E402
from bot.catalogue.repository import read_services, store  # noqa: E402
from bot.settings import CATALOGUE_SOURCE  # noqa: E402

SETS = {
    "development set": ROOT / "bench" / "data" / "search_queries.yml",
    "held-out set": ROOT / "bench" / "data" / "search_queries_heldout.yml",
}


def shipped_catalogue() -> Catalogue:
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{folder}/catalogue.db")
        store(yaml_source.read(CATALOGUE_SOURCE), engine)
        return Catalogue(read_services(engine))


def rank_of_first_hit(catalogue: Catalogue, query: dict) -> int | None:
    wanted = set(query["categories"])
    for rank, hit in enumerate(catalogue.search(str(query["q"]), limit=10).hits, start=1):
        if wanted & set(hit.service.categories):
            return rank
    return None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    catalogue = shipped_catalogue()
    for set_name, path in SETS.items():
        queries = yaml.safe_load(path.read_text(encoding="utf-8"))["queries"]
        groups: dict[str, list[int | None]] = {"all": [], "citizen": [], "staff": []}
        for query in queries:
            rank = rank_of_first_hit(catalogue, query)
            groups["all"].append(rank)
            groups[query.get("who", "citizen")].append(rank)
            if args.show_misses and set_name == "development set" and (rank is None or rank > 3):
                top = [h.service.categories[0] for h in catalogue.search(str(query["q"]), limit=3).hits]
                print(f"miss: {query['q']!r} wants {query['categories']}, got {top}")
        print(f"{set_name}: {len(queries)} labelled queries, {len(catalogue.services)} active services")
        for name, ranks in groups.items():
            n = len(ranks)
            hit1 = sum(r == 1 for r in ranks) / n
            hit3 = sum(r is not None and r <= 3 for r in ranks) / n
            mrr = sum(1 / r for r in ranks if r) / n
            print(f"  {name:8} n={n:3}  hit@1 {hit1:.3f}  hit@3 {hit3:.3f}  MRR {mrr:.3f}")


if __name__ == "__main__":
    main()
