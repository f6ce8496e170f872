"""The file formats the catalogue is read from and written to, each a module with read and write:
the YAML source, Open Referral HSDS 3.0 JSON, HSDS's tabular data package (CSV) and the staff
spreadsheet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.catalogue.formats import hsds_json, hsds_tabular, staff_csv, yaml_source

WRITERS = {
    "hsds": hsds_json.write,
    "hsds-csv": hsds_tabular.write,
    "csv": staff_csv.write,
    "yaml": yaml_source.write,
}


def read_any(source: Path) -> dict[str, Any]:
    """A catalogue from a YAML source file, an HSDS JSON file, or a folder of CSV files: an HSDS
    tabular data package when it has a datapackage.json, else the staff spreadsheet."""
    if source.is_dir():
        if (source / hsds_tabular.PACKAGE_FILE).exists():
            return hsds_tabular.read(source)
        return staff_csv.read(source)
    if source.suffix.lower() == ".json":
        return hsds_json.read(source)
    return yaml_source.read(source)
