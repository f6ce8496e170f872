"""Command line for staff: build, import, export, search and show the catalogue.

    python -m bot.catalogue build [--source FILE]          (the YAML source, as scripts/run does)
    python -m bot.catalogue import catalogus.json          (HSDS 3.0 JSON)
    python -m bot.catalogue import hsds-tabellen/          (HSDS tabular data package: datapackage.json + CSV)
    python -m bot.catalogue import map-met-csv/            (the staff spreadsheet, 4 CSV files)
    python -m bot.catalogue export --format hsds catalogus.json
    python -m bot.catalogue export --format hsds-csv hsds-tabellen/
    python -m bot.catalogue export --format csv map-met-csv/
    python -m bot.catalogue search "schulden" --neighbourhood Noord
    python -m bot.catalogue show svc-taalmaatje-noord

An import adds the file's records to the catalogue, or updates those with the same id; the
others stay, so a truncated or partial file cannot wipe the social map. `import --replace` makes
the file the whole catalogue. A file without services changes nothing. An import with any error
changes nothing and lists every error with file, record and field.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bot.catalogue.catalogue import Catalogue
from bot.catalogue.document import CatalogueError, merged, repeated_ids, with_originals_kept
from bot.catalogue.formats import WRITERS, read_any
from bot.catalogue.models import make_engine
from bot.catalogue.repository import load_document, read_services, store
from bot.settings import CATALOGUE_SOURCE, settings


def in_one_line(error: Exception) -> str:
    """An unexpected error as staff read it: its kind and the first line of its text."""
    lines = str(error).splitlines()
    return f"{type(error).__name__}: {lines[0][:200]}" if lines else type(error).__name__


def build(source: Path, url: str, merge: bool = False, replace: bool = False) -> int:
    """Store a catalogue file: as the whole catalogue (build; import --replace, which keeps what
    another publisher sent beside the fields the file has), or merged into the catalogue there
    is (import)."""
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(url)
    try:
        incoming = read_any(source)
        if not incoming["services"]:
            print(f"De catalogus is niet veranderd: {source.name} bevat geen diensten.", file=sys.stderr)
            return 1
        if merge:
            # Merging by id would hide an id that occurs twice in the file.
            problems = repeated_ids(incoming, source.name)
            if problems:
                raise CatalogueError(problems)
            current = load_document(engine)
            doc = merged(current, incoming)
            kept = len(doc["services"]) - len(incoming["services"])
        elif replace:
            doc, kept = with_originals_kept(load_document(engine), incoming), 0
        else:
            doc, kept = incoming, 0
        store(doc, engine, file=source.name)
    except CatalogueError as error:
        print(f"De catalogus is niet veranderd. {len(error.problems)} fout(en):", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    except Exception as error:  # noqa: BLE001 - staff get a sentence, never a traceback
        print(
            f"De catalogus is niet veranderd: {source.name} kon niet worden opgeslagen "
            f"({in_one_line(error)}).",
            file=sys.stderr,
        )
        return 1
    print(f"Catalogus gebouwd uit {source.name}: {len(read_services(engine))} actieve diensten.")
    waiting = [svc["id"] for svc in doc["services"] if svc.get("review")]
    if waiting:
        print(
            f"{len(waiting)} dienst(en) wachten op controle; de chat toont ze pas daarna "
            f"(het veld review zegt wat er nog moet): {', '.join(waiting[:10])}"
        )
    for warning in incoming.get("warnings") or []:
        print(f"  Let op: {warning}")
    if kept:
        print(
            f"{kept} dienst(en) die niet in {source.name} staan, zijn gebleven. Is het bestand de hele "
            "sociale kaart (een volledige export)? Gebruik dan --replace, zodat wat de bron heeft "
            "verwijderd hier ook verdwijnt."
        )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.catalogue",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--db", default=None, help="database URL (default: MEEDOEN_CATALOGUE_URL or var/catalogue.db)"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="load a catalogue file into the database")
    build_cmd.add_argument("--source", type=Path, default=CATALOGUE_SOURCE)
    import_cmd = commands.add_parser(
        "import", help="add or update records from an HSDS JSON file, CSV folder or YAML file"
    )
    import_cmd.add_argument("source", type=Path)
    import_cmd.add_argument(
        "--replace",
        action="store_true",
        help="make the file the whole catalogue (also when it is much smaller)",
    )
    export_cmd = commands.add_parser("export", help="write the catalogue as HSDS JSON, CSV or YAML")
    export_cmd.add_argument("--format", choices=tuple(WRITERS), required=True)
    export_cmd.add_argument("target", type=Path)
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
    if args.command == "import":
        if not args.source.exists():
            print(f"{args.source} bestaat niet.", file=sys.stderr)
            return 1
        return build(args.source, url, merge=not args.replace, replace=args.replace)
    if args.command == "export":
        try:
            doc = load_document(make_engine(url))
            WRITERS[args.format](doc, args.target)
        except Exception as error:  # noqa: BLE001 - staff get a sentence, never a traceback
            print(
                f"De catalogus is niet geschreven naar {args.target} ({in_one_line(error)}).",
                file=sys.stderr,
            )
            return 1
        print(f"Catalogus geschreven naar {args.target} ({len(doc['services'])} diensten).")
        return 0
    catalogue = Catalogue(read_services(make_engine(url)))
    if args.command == "show":
        service = catalogue.get(args.id)
        if service is None:
            print(f"Geen dienst met id {args.id!r}.", file=sys.stderr)
            return 1
        print(json.dumps(service.api(), ensure_ascii=False, indent=2))
        return 0
    result = catalogue.search(
        args.q,
        domain=args.domain,
        category=args.category,
        neighbourhood=args.neighbourhood,
        language=args.language,
        target_group=args.target_group,
        limit=args.limit,
    )
    if args.json:
        print(
            json.dumps(
                {"total": result.total, "results": [h.service.api() for h in result.hits]},
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    print(f"{result.total} gevonden.")
    for hit in result.hits:
        s = hit.service
        where = s.neighbourhood or "hele stad"
        print(f"- {s.name} [{', '.join(s.categories)}; {where}] tel. {s.phone}  ({s.id})\n  {s.summary}")
    return 0
