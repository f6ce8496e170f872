"""The catalogue in its database: store a whole document, read it back as a document, as the
services the product shows, and the municipality's facts.

Scalar fields go through the field table (fields.py); the relations of a service (phones,
languages, schedules, areas, locations and taxonomy terms) are mapped here, once each way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, selectinload

from bot.catalogue import models as m
from bot.catalogue.document import CatalogueError, empty_document, flatten, unflatten, validate
from bot.catalogue.fields import (
    LOCATION_FIELDS,
    ORGANIZATION_FIELDS,
    SERVICE_FIELDS,
    Field,
    columns,
)
from bot.catalogue.records import ServiceRecord
from bot.taxonomy import Taxonomy, taxonomy

# The taxonomy terms stored on a service, by document field; domains follow from the categories.
TERM_FIELDS = {"categories": "category", "target_groups": "target_group"}
TAXONOMIES = {
    "domain": "Participatiewiel: leefgebieden",
    "category": "Soorten steun",
    "target_group": "Doelgroepen",
}


def store(doc: dict[str, Any], engine: Engine, file: str = "catalogus") -> None:
    """Replace the whole catalogue by `doc`, or change nothing when it has any problem."""
    problems = validate(doc, file)
    if problems:
        raise CatalogueError(problems)
    with Session(engine, future=True) as session, session.begin():
        connection = session.connection()
        if m.schema_is_current(connection):
            for table in reversed(m.Base.metadata.sorted_tables):
                session.execute(table.delete())
        else:
            # Made by another version of the product: the whole catalogue is replaced anyway,
            # so its tables are made anew, in the same transaction (a failure keeps the old).
            m.Base.metadata.drop_all(connection)
            m.Base.metadata.create_all(connection)
        _add_taxonomy(session, taxonomy())
        for key, value in flatten(doc.get("municipality") or {}).items():
            session.add(m.MunicipalityInfo(key=key, value=str(value)))
        session.add_all(m.Organization(**_columns(ORGANIZATION_FIELDS, o)) for o in doc["organizations"])
        session.add_all(m.Location(**_columns(LOCATION_FIELDS, loc)) for loc in doc["locations"])
        session.flush()
        session.add_all(_service_row(svc) for svc in doc["services"])


def _columns(fields: tuple[Field, ...], record: dict[str, Any]) -> dict[str, Any]:
    return {
        **{str(f.column): f.to_column(f.get(record)) for f in columns(fields)},
        m.ORIGINAL: record.get(m.ORIGINAL),
    }


def _values(fields: tuple[Field, ...], row: Any) -> dict[str, Any]:
    record: dict[str, Any] = {}
    for f in columns(fields):
        f.put(record, f.from_column(getattr(row, f.column or "")))
    original = getattr(row, m.ORIGINAL)
    if original is not None:
        record[m.ORIGINAL] = original
    return record


def _service_row(svc: dict[str, Any]) -> m.Service:
    row = m.Service(**_columns(SERVICE_FIELDS, svc))
    terms = [f"{kind}:{slug}" for name, kind in TERM_FIELDS.items() for slug in svc.get(name) or []]
    row.phones = [m.Phone(number=svc["phone"])] if svc.get("phone") else []
    row.languages = [m.Language(code=c, position=i) for i, c in enumerate(svc.get("languages") or [])]
    row.schedules = [
        m.Schedule(
            byday=s["byday"],
            opens_at=s["opens_at"],
            closes_at=s["closes_at"],
            description=s.get("description"),
        )
        for s in svc.get("schedules") or []
    ]
    row.service_areas = [m.ServiceArea(name=name) for name in svc.get("neighbourhoods") or []]
    row.at_locations = [
        m.ServiceAtLocation(location_id=loc, position=i) for i, loc in enumerate(svc.get("locations") or [])
    ]
    row.attributes = [m.Attribute(taxonomy_term_id=term, position=i) for i, term in enumerate(terms)]
    return row


def _service_document(row: m.Service) -> dict[str, Any]:
    svc = _values(SERVICE_FIELDS, row)
    for field in SERVICE_FIELDS:
        if field.column is None:
            field.put(svc, _relation(row, field.name))
    kept = (*(field.name for field in SERVICE_FIELDS), m.ORIGINAL)
    return {name: svc[name] for name in kept if name in svc}


def _relation(row: m.Service, name: str) -> Any:
    """A service field that lives in a table of its own, as the document holds it."""
    if name in TERM_FIELDS:
        return [a.term.code for a in row.attributes if a.term.taxonomy_id == TERM_FIELDS[name]]
    if name == "neighbourhoods":
        return [area.name for area in row.service_areas]
    if name == "locations":
        return [link.location_id for link in row.at_locations]
    if name == "languages":
        return [language.code for language in row.languages]
    if name == "phone":
        return row.phones[0].number if row.phones else None
    if name == "schedules":
        return [
            {
                k: v
                for k, v in (
                    ("byday", s.byday),
                    ("opens_at", s.opens_at),
                    ("closes_at", s.closes_at),
                    ("description", s.description),
                )
                if v is not None
            }
            for s in row.schedules
        ]
    raise KeyError(name)


SERVICE_RELATIONS = (
    selectinload(m.Service.phones),
    selectinload(m.Service.languages),
    selectinload(m.Service.schedules),
    selectinload(m.Service.service_areas),
    selectinload(m.Service.at_locations),
    selectinload(m.Service.attributes).selectinload(m.Attribute.term),
)


def _add_taxonomy(session: Session, vocab: Taxonomy) -> None:
    """The taxonomy's terms as HSDS taxonomy_term rows; a category's parent is its main domain."""
    session.add_all(m.Taxonomy(id=kind, name=name) for kind, name in TAXONOMIES.items())
    session.flush()
    terms = [
        *(("domain", d.slug, d.label, d.b1, None) for d in vocab.domains.values()),
        *(("category", c.slug, c.label, c.b1, f"domain:{c.domain}") for c in vocab.categories.values()),
        *(("target_group", slug, label, None, None) for slug, label in vocab.target_groups.items()),
    ]
    for kind, slug, name, description, parent in terms:
        session.add(
            m.TaxonomyTerm(
                id=f"{kind}:{slug}",
                taxonomy_id=kind,
                code=slug,
                name=name,
                description=description,
                parent_id=parent,
            )
        )
        if kind == "domain":
            session.flush()  # parents before the categories that point to them


def load_document(engine: Engine) -> dict[str, Any]:
    """The stored catalogue back in the shape of the source file, so that it can be exported."""
    m.create_or_upgrade(engine)
    doc = empty_document()
    with Session(engine, future=True) as session:
        info = {row.key: row.value for row in session.execute(select(m.MunicipalityInfo)).scalars()}
        doc["municipality"] = unflatten(info)
        for key, model, fields in (
            ("organizations", m.Organization, ORGANIZATION_FIELDS),
            ("locations", m.Location, LOCATION_FIELDS),
        ):
            rows = session.execute(select(model).order_by(model.id)).scalars()
            doc[key] = [_values(fields, row) for row in rows]
        rows = session.execute(select(m.Service).order_by(m.Service.id).options(*SERVICE_RELATIONS)).scalars()
        doc["services"] = [_service_document(row) for row in rows]
    return doc


def read_services(engine: Engine, include_inactive: bool = False) -> list[ServiceRecord]:
    """The services as the product shows them: active ones that wait for no review, unless
    asked otherwise."""
    doc = load_document(engine)
    vocab = taxonomy()
    organizations = {o["id"]: o for o in doc["organizations"]}
    locations = {loc["id"]: loc for loc in doc["locations"]}
    return [
        ServiceRecord.from_document(
            svc,
            organizations[svc["organization"]],
            locations.get((svc.get("locations") or [None])[0] or ""),
            vocab,
        )
        for svc in doc["services"]
        if include_inactive or (svc.get("status") == "active" and not svc.get("review"))
    ]


@dataclass(frozen=True)
class Municipality:
    """What the catalogue says about the municipality itself: its name and general contact."""

    name: str
    general_contact: dict[str, str]
    facts: dict[str, str]


def read_municipality(engine: Engine) -> Municipality:
    with Session(engine, future=True) as session:
        facts = {row.key: row.value for row in session.execute(select(m.MunicipalityInfo)).scalars()}
    prefix = "general_contact."
    contact = {key[len(prefix) :]: value for key, value in facts.items() if key.startswith(prefix)}
    return Municipality(facts.get("name", "de gemeente"), contact, facts)
