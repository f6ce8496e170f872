"""Store a catalogue document in the database, and read services back as plain records."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, selectinload

from bot.catalogue import models as m
from bot.catalogue.source import CatalogueError, flatten, unflatten, validate, without_none
from bot.taxonomy import Taxonomy, taxonomy

DAY_NAMES = {"MO": "maandag", "TU": "dinsdag", "WE": "woensdag", "TH": "donderdag",
             "FR": "vrijdag", "SA": "zaterdag", "SU": "zondag"}


def store(doc: dict[str, Any], engine: Engine, file: str = "catalogus") -> None:
    """Replace the whole catalogue by `doc`, or change nothing when it has any problem."""
    problems = validate(doc, file)
    if problems:
        raise CatalogueError(problems)
    vocab = taxonomy()
    m.Base.metadata.create_all(engine)
    with Session(engine, future=True) as session, session.begin():
        for table in reversed(m.Base.metadata.sorted_tables):
            session.execute(table.delete())
        _add_taxonomy(session, vocab)
        municipality = doc.get("municipality") or {}
        for key, value in flatten(municipality).items():
            session.add(m.MunicipalityInfo(key=key, value=str(value)))
        for org in doc["organizations"]:
            session.add(m.Organization(id=org["id"], name=org["name"], description=org.get("description") or "",
                                       email=org.get("email"), website=org.get("website"), phone=org.get("phone")))
        for loc in doc["locations"]:
            address = loc.get("address") or {}
            session.add(m.Location(
                id=loc["id"], name=loc["name"], description=loc.get("description"),
                address_1=address.get("address_1"), postal_code=address.get("postal_code"),
                city=address.get("city"), neighbourhood=loc.get("neighbourhood"),
                accessibility=loc.get("accessibility"), latitude=loc.get("latitude"),
                longitude=loc.get("longitude")))
        session.flush()
        for svc in doc["services"]:
            session.add(_service_row(svc))


def _service_row(svc: dict[str, Any]) -> m.Service:
    checked = svc.get("last_checked")
    if checked is not None and not isinstance(checked, dt.date):
        checked = dt.date.fromisoformat(str(checked))
    terms = ([f"category:{slug}" for slug in svc.get("categories") or []]
             + [f"target_group:{slug}" for slug in svc.get("target_groups") or []])
    row = m.Service(
        id=svc["id"], organization_id=svc["organization"], name=svc["name"],
        alternate_name=svc.get("alternate_name"), upl_name=svc.get("upl_name"),
        summary=svc["summary"].strip(), description=svc["description"].strip(), url=svc.get("website"),
        email=svc.get("email"), status=svc.get("status", "active"), fees_description=svc.get("cost"),
        free=svc.get("free", True), referral_needed=svc.get("referral_needed", False),
        benefit_needed=svc.get("benefit_needed", False), home_visit=svc.get("home_visit", False),
        eligibility_description=svc.get("eligibility"), minimum_age=svc.get("minimum_age"),
        maximum_age=svc.get("maximum_age"), application_process=svc.get("application_process"),
        walk_in=svc.get("walk_in"), keywords="\n".join(svc.get("keywords") or []), last_modified=checked)
    row.phones = [m.Phone(number=svc["phone"])]
    row.languages = [m.Language(code=code, position=i) for i, code in enumerate(svc.get("languages") or [])]
    row.schedules = [m.Schedule(byday=s["byday"], opens_at=s["opens_at"], closes_at=s["closes_at"],
                                description=s.get("description")) for s in svc.get("schedules") or []]
    row.service_areas = [m.ServiceArea(name=name) for name in svc.get("neighbourhoods") or []]
    row.at_locations = [m.ServiceAtLocation(location_id=loc, position=i)
                        for i, loc in enumerate(svc.get("locations") or [])]
    row.attributes = [m.Attribute(taxonomy_term_id=term, position=i) for i, term in enumerate(terms)]
    return row


def _add_taxonomy(session: Session, vocab: Taxonomy) -> None:
    session.add_all([m.Taxonomy(id="domain", name="Participatiewiel: leefgebieden"),
                     m.Taxonomy(id="category", name="Soorten steun"),
                     m.Taxonomy(id="target_group", name="Doelgroepen")])
    session.flush()
    for domain in vocab.domains.values():
        session.add(m.TaxonomyTerm(id=f"domain:{domain.slug}", taxonomy_id="domain", code=domain.slug,
                                   name=domain.label, description=domain.b1))
    session.flush()
    for category in vocab.categories.values():
        session.add(m.TaxonomyTerm(id=f"category:{category.slug}", taxonomy_id="category", code=category.slug,
                                   name=category.label, description=category.b1,
                                   parent_id=f"domain:{category.domain}"))
    for slug, label in vocab.target_groups.items():
        session.add(m.TaxonomyTerm(id=f"target_group:{slug}", taxonomy_id="target_group", code=slug, name=label))
    session.flush()


@dataclass(frozen=True)
class ServiceRecord:
    """One service as the product shows it: in chat payloads, the HTTP API and the staff CLI."""

    id: str
    name: str
    organization: str
    summary: str
    description: str
    categories: tuple[str, ...]
    domains: tuple[str, ...]
    target_groups: tuple[str, ...]
    neighbourhoods: tuple[str, ...]  # empty: the whole city
    languages: tuple[str, ...]
    keywords: tuple[str, ...]
    phone: str
    email: str | None
    website: str | None
    address: str | None
    location_neighbourhood: str | None
    walk_in: str | None
    opening_hours: tuple[str, ...]
    cost: str | None
    free: bool
    referral_needed: bool
    benefit_needed: bool
    home_visit: bool
    status: str
    updated: str | None
    alternate_name: str | None = None
    upl_name: str | None = None
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def neighbourhood(self) -> str | None:
        """The neighbourhood the service is for, or None when it serves the whole city."""
        if len(self.neighbourhoods) == 1:
            return self.neighbourhoods[0]
        return None

    def payload(self) -> dict[str, Any]:
        """The service as in the `services` chat payload (shared/spec/interfaces.md section 2)."""
        return {
            "id": self.id, "name": self.name, "summary": self.summary,
            "categories": list(self.categories), "domains": list(self.domains),
            "neighbourhood": self.neighbourhood,
            "contact": {"phone": self.phone, "email": self.email, "website": self.website,
                        "address": self.address, "walk_in": self.walk_in},
        }

    def api(self) -> dict[str, Any]:
        """The service as the catalogue HTTP API gives it (interfaces.md section 3)."""
        return {**self.payload(), "organization": self.organization, "description": self.description,
                "target_groups": list(self.target_groups), "languages": list(self.languages),
                "neighbourhoods": list(self.neighbourhoods), "cost": self.cost, "free": self.free,
                "referral_needed": self.referral_needed, "benefit_needed": self.benefit_needed,
                "home_visit": self.home_visit, "opening_hours": list(self.opening_hours),
                "status": self.status, "updated": self.updated}


def read_services(engine: Engine, include_inactive: bool = False) -> list[ServiceRecord]:
    vocab = taxonomy()
    query = select(m.Service).options(
        selectinload(m.Service.organization), selectinload(m.Service.phones),
        selectinload(m.Service.languages), selectinload(m.Service.schedules),
        selectinload(m.Service.service_areas),
        selectinload(m.Service.at_locations).selectinload(m.ServiceAtLocation.location),
        selectinload(m.Service.attributes).selectinload(m.Attribute.term),
    ).order_by(m.Service.id)
    if not include_inactive:
        query = query.where(m.Service.status == "active")
    with Session(engine, future=True) as session:
        return [_record(row, vocab) for row in session.execute(query).scalars()]


def _record(row: m.Service, vocab: Taxonomy) -> ServiceRecord:
    categories = tuple(a.term.code for a in row.attributes if a.term.taxonomy_id == "category")
    groups = tuple(a.term.code for a in row.attributes if a.term.taxonomy_id == "target_group")
    location = row.at_locations[0].location if row.at_locations else None
    address = None
    if location is not None:
        address = ", ".join(part for part in (location.address_1, " ".join(
            p for p in (location.postal_code, location.city) if p)) if part) or None
    hours = tuple(
        f"{DAY_NAMES[s.byday].capitalize()} {s.opens_at.replace(':', '.')}-{s.closes_at.replace(':', '.')}"
        + (f" ({s.description})" if s.description else "") for s in row.schedules)
    return ServiceRecord(
        id=row.id, name=row.name, organization=row.organization.name, summary=row.summary,
        description=row.description, categories=categories,
        domains=tuple(vocab.domains_of(categories)), target_groups=groups,
        neighbourhoods=tuple(a.name for a in row.service_areas),
        languages=tuple(lang.code for lang in row.languages),
        keywords=tuple(word for word in row.keywords.splitlines() if word),
        phone=row.phones[0].number if row.phones else "", email=row.email, website=row.url,
        address=address, location_neighbourhood=location.neighbourhood if location else None,
        walk_in=row.walk_in, opening_hours=hours, cost=row.fees_description, free=row.free,
        referral_needed=row.referral_needed, benefit_needed=row.benefit_needed, home_visit=row.home_visit,
        status=row.status, updated=row.last_modified.isoformat() if row.last_modified else None,
        alternate_name=row.alternate_name, upl_name=row.upl_name)


def read_municipality(engine: Engine) -> dict[str, str]:
    with Session(engine, future=True) as session:
        return {row.key: row.value for row in session.execute(select(m.MunicipalityInfo)).scalars()}


def load_document(engine: Engine) -> dict[str, Any]:
    """The stored catalogue back in the shape of the source file, so that it can be exported."""
    with Session(engine, future=True) as session:
        info = {row.key: row.value for row in session.execute(select(m.MunicipalityInfo)).scalars()}
        organizations = [
            without_none({"id": o.id, "name": o.name, "description": o.description, "email": o.email,
                           "website": o.website, "phone": o.phone})
            for o in session.execute(select(m.Organization).order_by(m.Organization.id)).scalars()]
        locations = [
            without_none({"id": loc.id, "name": loc.name, "description": loc.description,
                           "address": without_none({"address_1": loc.address_1, "postal_code": loc.postal_code,
                                                     "city": loc.city}),
                           "neighbourhood": loc.neighbourhood, "accessibility": loc.accessibility,
                           "latitude": loc.latitude, "longitude": loc.longitude})
            for loc in session.execute(select(m.Location).order_by(m.Location.id)).scalars()]
        rows = session.execute(select(m.Service).order_by(m.Service.id).options(
            selectinload(m.Service.phones), selectinload(m.Service.languages), selectinload(m.Service.schedules),
            selectinload(m.Service.service_areas), selectinload(m.Service.at_locations),
            selectinload(m.Service.attributes).selectinload(m.Attribute.term))).scalars()
        services = [_service_document(row) for row in rows]
    return {"municipality": unflatten(info), "organizations": organizations, "locations": locations,
            "services": services}


def _service_document(row: m.Service) -> dict[str, Any]:
    terms = [(a.term.taxonomy_id, a.term.code) for a in row.attributes]
    return without_none({
        "id": row.id, "organization": row.organization_id, "name": row.name,
        "alternate_name": row.alternate_name, "upl_name": row.upl_name, "summary": row.summary,
        "description": row.description,
        "categories": [code for kind, code in terms if kind == "category"],
        "target_groups": [code for kind, code in terms if kind == "target_group"],
        "neighbourhoods": [a.name for a in row.service_areas],
        "locations": [link.location_id for link in row.at_locations],
        "languages": [lang.code for lang in row.languages],
        "keywords": [w for w in row.keywords.splitlines() if w],
        "phone": row.phones[0].number if row.phones else None, "email": row.email, "website": row.url,
        "schedules": [without_none({"byday": s.byday, "opens_at": s.opens_at, "closes_at": s.closes_at,
                                     "description": s.description}) for s in row.schedules],
        "walk_in": row.walk_in, "cost": row.fees_description, "free": row.free,
        "referral_needed": row.referral_needed, "benefit_needed": row.benefit_needed,
        "home_visit": row.home_visit, "minimum_age": row.minimum_age, "maximum_age": row.maximum_age,
        "eligibility": row.eligibility_description, "application_process": row.application_process,
        "status": row.status, "last_checked": row.last_modified,
    })
