"""The file formats the catalogue is read from and written to, each a module with read and write:
the YAML source, Open Referral HSDS 3.0 JSON and the staff spreadsheet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.catalogue.formats import hsds_json, staff_csv, yaml_source

WRITERS = {"hsds": hsds_json.write, "csv": staff_csv.write, "yaml": yaml_source.write}


def read_any(source: Path) -> dict[str, Any]:
    """A catalogue from a YAML source file, an HSDS JSON file or a folder of CSV files."""
    if source.is_dir():
        return staff_csv.read(source)
    if source.suffix.lower() == ".json":
        return hsds_json.read(source)
    return yaml_source.read(source)
