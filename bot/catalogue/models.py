"""SQLAlchemy models shaped after Open Referral HSDS 3.0 (see shared/spec/catalogue-model.md).

Written in SQLAlchemy's 2.0 style (select(), Session.execute), which 1.4 supports with future=True.
The scalar columns of organization, location and service come from the field table
(fields.py); the relations (phones, languages, schedules, areas, locations, taxonomy terms) are
declared here. Domains, categories and target groups are HSDS taxonomy terms linked to services
by attributes.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    Float,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    create_engine,
    event,
    inspect,
    text,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import declarative_base, relationship

from bot.catalogue.fields import (
    LOCATION_FIELDS,
    ORGANIZATION_FIELDS,
    ORIGINAL,
    SERVICE_FIELDS,
    Field,
    Kind,
    columns,
)

# Typed as Any: SQLAlchemy 1.4's declarative base is made at run time, which mypy cannot follow.
Base: Any = declarative_base()

COLUMN_TYPES = {
    Kind.TEXT: Text,
    Kind.NUMBER: Float,
    Kind.FLAG: Boolean,
    Kind.AGE: Integer,
    Kind.DATE: Date,
    Kind.STATUS: String,
    Kind.LIST: Text,  # one value per line
}


def column_of(field: Field, foreign_key: str | None = None) -> Column:
    assert field.column is not None
    if field.column == "id":
        return Column("id", String, primary_key=True)
    kind = ForeignKey(foreign_key) if foreign_key else None
    column_type = String if foreign_key else COLUMN_TYPES[field.kind]
    args = (column_type, kind) if kind is not None else (column_type,)
    return Column(
        field.column,
        *args,
        nullable=not (field.required or field.default is not None),
        default=field.default,
    )


def table(name: str, fields: tuple[Field, ...], foreign_keys: dict[str, str] | None = None) -> Table:
    keys = foreign_keys or {}
    return Table(
        name,
        Base.metadata,
        *(column_of(f, keys.get(f.column or "")) for f in columns(fields)),
        Column(ORIGINAL, JSON),
    )


class Organization(Base):
    __table__ = table("organization", ORGANIZATION_FIELDS)
    services = relationship("Service", back_populates="organization")


class Location(Base):
    __table__ = table("location", LOCATION_FIELDS)


class ServiceAtLocation(Base):
    __tablename__ = "service_at_location"
    service_id = Column(String, ForeignKey("service.id", ondelete="CASCADE"), primary_key=True)
    location_id = Column(String, ForeignKey("location.id"), primary_key=True)
    position = Column(Integer, nullable=False, default=0)
    location = relationship("Location")


class Service(Base):
    __table__ = table("service", SERVICE_FIELDS, {"organization_id": "organization.id"})

    organization = relationship("Organization", back_populates="services")
    phones = relationship("Phone", cascade="all, delete-orphan", order_by="Phone.id")
    languages = relationship("Language", cascade="all, delete-orphan", order_by="Language.position")
    schedules = relationship("Schedule", cascade="all, delete-orphan", order_by="Schedule.id")
    service_areas = relationship("ServiceArea", cascade="all, delete-orphan", order_by="ServiceArea.id")
    at_locations = relationship(
        "ServiceAtLocation", cascade="all, delete-orphan", order_by="ServiceAtLocation.position"
    )
    attributes = relationship("Attribute", cascade="all, delete-orphan", order_by="Attribute.position")


class Phone(Base):
    __tablename__ = "phone"
    id = Column(Integer, primary_key=True, autoincrement=True)
    service_id = Column(String, ForeignKey("service.id", ondelete="CASCADE"), nullable=False)
    number = Column(String, nullable=False)
    type = Column(String, nullable=False, default="voice")


class Language(Base):
    __tablename__ = "language"
    id = Column(Integer, primary_key=True, autoincrement=True)
    service_id = Column(String, ForeignKey("service.id", ondelete="CASCADE"), nullable=False)
    code = Column(String, nullable=False)
    position = Column(Integer, nullable=False, default=0)


class Schedule(Base):
    __tablename__ = "schedule"
    id = Column(Integer, primary_key=True, autoincrement=True)
    service_id = Column(String, ForeignKey("service.id", ondelete="CASCADE"), nullable=False)
    byday = Column(String, nullable=False)
    opens_at = Column(String, nullable=False)
    closes_at = Column(String, nullable=False)
    description = Column(String)


class ServiceArea(Base):
    __tablename__ = "service_area"
    id = Column(Integer, primary_key=True, autoincrement=True)
    service_id = Column(String, ForeignKey("service.id", ondelete="CASCADE"), nullable=False)
    name = Column(String, nullable=False)


class Taxonomy(Base):
    __tablename__ = "taxonomy"
    id = Column(String, primary_key=True)  # "domain", "category", "target_group"
    name = Column(String, nullable=False)


class TaxonomyTerm(Base):
    __tablename__ = "taxonomy_term"
    id = Column(String, primary_key=True)  # e.g. "category:taalmaatje"
    taxonomy_id = Column(String, ForeignKey("taxonomy.id"), nullable=False)
    code = Column(String, nullable=False)  # the slug
    name = Column(String, nullable=False)
    description = Column(Text)
    parent_id = Column(String, ForeignKey("taxonomy_term.id"))  # a category's main domain


class Attribute(Base):
    """Links a taxonomy term to a service (HSDS 3.0 attribute, link_type 'service')."""

    __tablename__ = "attribute"
    id = Column(Integer, primary_key=True, autoincrement=True)
    service_id = Column(String, ForeignKey("service.id", ondelete="CASCADE"), nullable=False)
    taxonomy_term_id = Column(String, ForeignKey("taxonomy_term.id"), nullable=False)
    position = Column(Integer, nullable=False, default=0)
    term = relationship("TaxonomyTerm")


class MunicipalityInfo(Base):
    """Key-value facts about the municipality the catalogue describes (name, general contact)."""

    __tablename__ = "municipality_info"
    key = Column(String, primary_key=True)
    value = Column(Text, nullable=False)


def create_or_upgrade(engine: Engine) -> None:
    """Make the tables, and add the columns a newer version of this product has to tables an
    older one made (a catalogue database outlives the code: PostgreSQL in production, and
    var/catalogue.db on a developer's machine). Only columns that may be empty are added; a
    change of any other kind needs a real migration."""
    Base.metadata.create_all(engine)
    existing = inspect(engine)
    quote = engine.dialect.identifier_preparer.quote
    with engine.begin() as connection:
        for table in Base.metadata.sorted_tables:
            have = {column["name"] for column in existing.get_columns(table.name)}
            for column in table.columns:
                if column.name in have:
                    continue
                if not column.nullable:
                    raise RuntimeError(f"{table.name}.{column.name} cannot be added to an existing table")
                kind = column.type.compile(engine.dialect)
                connection.execute(
                    text(f"ALTER TABLE {quote(table.name)} ADD COLUMN {quote(column.name)} {kind}")
                )


def schema_is_current(connection: Any) -> bool:
    """Whether the tables there are have exactly this version's columns (names and whether
    they may be empty)."""
    found = inspect(connection)
    for table in Base.metadata.sorted_tables:
        if not found.has_table(table.name):
            return False
        columns = {column["name"]: bool(column["nullable"]) for column in found.get_columns(table.name)}
        if columns != {column.name: bool(column.nullable) for column in table.columns}:
            return False
    return True


def make_engine(url: str) -> Engine:
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        # pysqlite starts a transaction only before it changes rows, so a store that first
        # remakes the tables would not be one transaction; SQLAlchemy's recipe: begin explicitly.
        @event.listens_for(engine, "connect")
        def _no_implicit_transactions(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None

        @event.listens_for(engine, "begin")
        def _begin(connection: Any) -> None:
            connection.exec_driver_sql("BEGIN")

    return engine
