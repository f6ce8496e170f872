"""Command line for staff: build the catalogue database, search it, show one service.

    python -m bot.catalogue build [--source FILE]
    python -m bot.catalogue search "schulden" --neighbourhood Noord
    python -m bot.catalogue show svc-taalmaatje-noord
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bot.catalogue.models import make_engine
from bot.catalogue.search import Catalogue
from bot.catalogue.source import CatalogueError, read_yaml
from bot.catalogue.store import read_services, store
from bot.config import CATALOGUE_SOURCE, settings


def build(source: Path, url: str) -> int:
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    try:
        store(read_yaml(source), make_engine(url), file=source.name)
    except CatalogueError as error:
        print(f"De catalogus is niet veranderd. {len(error.problems)} fout(en):", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(f"Catalogus gebouwd uit {source.name}: {len(read_services(make_engine(url)))} actieve diensten.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.catalogue", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default=None, help="database URL (default: MEEDOEN_CATALOGUE_URL or var/catalogue.db)")
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="load a catalogue file into the database")
    build_cmd.add_argument("--source", type=Path, default=CATALOGUE_SOURCE)
    search_cmd = commands.add_parser("search", help="search the catalogue")
    search_cmd.add_argument("q", nargs="?", default="")
    for name in ("domain", "category", "neighbourhood", "language", "target-group"):
        search_cmd.add_argument(f"--{name}")
    search_cmd.add_argument("--limit", type=int, default=10)
    search_cmd.add_argument("--json", action="store_true", help="print JSON, as the HTTP API gives it")
    show_cmd = commands.add_parser("show", help="show one service")
    show_cmd.add_argument("id")
    args = parser.parse_args(argv)
    url = args.db or settings().catalogue_url

    if args.command == "build":
        return build(args.source, url)
    catalogue = Catalogue(read_services(make_engine(url)))
    if args.command == "show":
        service = catalogue.get(args.id)
        if service is None:
            print(f"Geen dienst met id {args.id!r}.", file=sys.stderr)
            return 1
        print(json.dumps(service.api(), ensure_ascii=False, indent=2))
        return 0
    result = catalogue.search(args.q, domain=args.domain, category=args.category,
                              neighbourhood=args.neighbourhood, language=args.language,
                              target_group=args.target_group, limit=args.limit)
    if args.json:
        print(json.dumps({"total": result.total, "results": [h.service.api() for h in result.hits]},
                         ensure_ascii=False, indent=2))
        return 0
    print(f"{result.total} gevonden.")
    for hit in result.hits:
        s = hit.service
        where = s.neighbourhood or "hele stad"
        print(f"- {s.name} [{', '.join(s.categories)}; {where}] tel. {s.phone}  ({s.id})\n  {s.summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
