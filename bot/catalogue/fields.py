"""The one table of catalogue fields: what each field is called in the catalogue document (the YAML
source and the staff spreadsheet), which database column holds it, which HSDS 3.0 property it
is, and what kind of value it takes.

The database tables (models.py), the converters (repository.py, formats/) and the validation
(document.py) all read this table, so a new field is one new row here (plus its data).
Fields whose `column` is None live in a table of their own (phones, languages, schedules, links
to taxonomy terms, areas and locations); the code that handles those relations names them.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import Any


class Kind(enum.Enum):
    TEXT = "text"  # a line or a paragraph of text
    NUMBER = "number"  # a decimal number (coordinates)
    FLAG = "flag"  # yes or no
    AGE = "age"  # whole years, 0 to 120
    DATE = "date"
    STATUS = "status"  # one of STATUSES
    LIST = "list"  # codes or words
    SCHEDULES = "schedules"  # opening hours: byday, opens_at, closes_at, description


STATUSES = ("active", "inactive", "defunct", "temporarily closed")
# The record as another publisher sent it in HSDS (absent for the catalogue's own records), kept
# beside the fields below so that the HSDS fields the product does not use come back out on export.
ORIGINAL = "hsds"


@dataclass(frozen=True)
class Field:
    """One field. `name` is the document's name; a dotted name ("address.city") is nested."""

    name: str
    kind: Kind = Kind.TEXT
    column: str | None = None  # the database column; None: a relation (see the module doc)
    # The HSDS 3.0 property, "phones[].number" for one in the first item of a list; None: in
    # the project's extension object.
    hsds: str | None = None
    required: bool = False
    default: Any = None  # the value when a document leaves the field out
    vocabulary: str | None = None  # for lists: the taxonomy list the values must come from
    csv: str | None = None  # the spreadsheet column, when it differs from the last part of name

    @property
    def key(self) -> str:
        """The field's own name, without the group it is nested in."""
        return self.name.rsplit(".", 1)[-1]

    @property
    def csv_column(self) -> str:
        return self.csv or self.key

    def get(self, record: dict[str, Any]) -> Any:
        """The field's value in a document record, or its default."""
        value: Any = record
        for part in self.name.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        return self.default if value is None else value

    def put(self, record: dict[str, Any], value: Any) -> None:
        """Set the field in a document record; absent values (None, empty lists) stay out."""
        if value is None or value == [] or (self.kind is Kind.TEXT and value == ""):
            return
        *groups, last = self.name.split(".")
        target = record
        for part in groups:
            target = target.setdefault(part, {})
        target[last] = value

    def to_column(self, value: Any) -> Any:
        """A document value as the database stores it."""
        if self.kind is Kind.LIST:
            return "\n".join(value or [])
        if self.kind is Kind.DATE and value is not None and not isinstance(value, dt.date):
            return dt.date.fromisoformat(str(value))
        if self.kind is Kind.TEXT and isinstance(value, str) and self.required:
            return value.strip()
        return value

    def from_column(self, value: Any) -> Any:
        """A stored value back as the document holds it."""
        if self.kind is Kind.LIST:
            return [word for word in (value or "").splitlines() if word]
        return value


def text(name: str, **options: Any) -> Field:
    return Field(name, Kind.TEXT, **options)


def flag(name: str, default: bool, hsds: str | None = None) -> Field:
    return Field(name, Kind.FLAG, column=name, hsds=hsds, default=default)


ORGANIZATION_FIELDS = (
    text("id", column="id", hsds="id", required=True),
    text("name", column="name", hsds="name", required=True),
    text("description", column="description", hsds="description", default=""),
    text("email", column="email", hsds="email"),
    text("website", column="website", hsds="website"),
    text("phone", column="phone", hsds="phones[].number"),
)

LOCATION_FIELDS = (
    text("id", column="id", hsds="id", required=True),
    text("name", column="name", hsds="name", required=True),
    text("description", column="description", hsds="description"),
    text("address.address_1", column="address_1", hsds="addresses[].address_1"),
    text("address.postal_code", column="postal_code", hsds="addresses[].postal_code"),
    text("address.city", column="city", hsds="addresses[].city"),
    # Another publisher's locations have none; such a location is not found by neighbourhood.
    text("neighbourhood", column="neighbourhood", vocabulary="neighbourhoods"),
    text("accessibility", column="accessibility", hsds="accessibility[].description"),
    Field("latitude", Kind.NUMBER, column="latitude", hsds="latitude"),
    Field("longitude", Kind.NUMBER, column="longitude", hsds="longitude"),
)

# In the order of the staff spreadsheet's columns.
SERVICE_FIELDS = (
    text("id", column="id", hsds="id", required=True),
    text(
        "organization",
        column="organization_id",
        hsds="organization_id",
        vocabulary="organizations",
        required=True,
    ),
    text("name", column="name", hsds="name", required=True),
    text("alternate_name", column="alternate_name", hsds="alternate_name"),
    # The national Uniforme Productnamenlijst name of a formal municipal product.
    text("upl_name", column="upl_name"),
    text("summary", column="summary", required=True),  # one B1 sentence
    text("description", column="description", hsds="description", required=True),
    Field("categories", Kind.LIST, vocabulary="categories", required=True),
    Field("target_groups", Kind.LIST, vocabulary="target_groups"),
    Field("neighbourhoods", Kind.LIST, vocabulary="neighbourhoods"),  # empty: the whole city
    Field("locations", Kind.LIST, vocabulary="locations"),
    Field("languages", Kind.LIST),
    Field("keywords", Kind.LIST, column="keywords"),  # the words people use, for search
    text("phone", hsds="phones[].number", required=True),
    text("email", column="email", hsds="email"),
    text("website", column="url", hsds="url"),
    Field("schedules", Kind.SCHEDULES, csv="opening_hours"),
    text("walk_in", column="walk_in"),
    text("cost", column="fees_description", hsds="fees_description"),
    flag("free", True),
    flag("referral_needed", False),
    flag("benefit_needed", False),
    flag("home_visit", False),
    Field("minimum_age", Kind.AGE, column="minimum_age", hsds="minimum_age"),
    Field("maximum_age", Kind.AGE, column="maximum_age", hsds="maximum_age"),
    text("eligibility", column="eligibility_description", hsds="eligibility_description"),
    text("application_process", column="application_process", hsds="application_process"),
    Field("status", Kind.STATUS, column="status", hsds="status", default="active"),
    Field("last_checked", Kind.DATE, column="last_modified", hsds="assured_date"),
    # What staff must still check or fill in (REVIEW_ITEMS), for a service from another
    # publisher that came without it; such a service is kept and exported, not shown in the chat.
    Field("review", Kind.LIST, column="review", vocabulary="review"),
)

# The fields a service may lack while it waits for review: HSDS has no property for the first
# two, and another publisher may leave a phone out.
REVIEW_ITEMS = ("summary", "categories", "phone")


def columns(fields: tuple[Field, ...]) -> tuple[Field, ...]:
    """The fields stored in the table's own columns."""
    return tuple(f for f in fields if f.column is not None)


def extension_fields(fields: tuple[Field, ...]) -> tuple[Field, ...]:
    """Scalar fields HSDS has no property for: they travel in the extension object."""
    return tuple(f for f in columns(fields) if f.hsds is None)
