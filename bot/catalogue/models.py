"""SQLAlchemy models shaped after Open Referral HSDS 3.0 (see shared/spec/catalogue-model.md).

Written in SQLAlchemy's 2.0 style (select(), Session.execute), which 1.4 supports with future=True.
Beyond HSDS, a service carries what citizens and staff need: a B1 summary, the words people use
for it, whether it is free, whether a referral or benefit is needed, home visits, last check.
Domains, categories and target groups are HSDS taxonomy terms linked to services by attributes.
"""
from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, Float, ForeignKey, Integer, String, Text, create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()


class Organization(Base):
    __tablename__ = "organization"
    id = Column(String, primary_key=True)
    name = Column(String, nullable=False)
    description = Column(Text, nullable=False, default="")
    email = Column(String)
    website = Column(String)
    phone = Column(String)
    services = relationship("Service", back_populates="organization")


class Location(Base):
    __tablename__ = "location"
    id = Column(String, primary_key=True)
    name = Column(String, nullable=False)
    description = Column(Text)
    address_1 = Column(String)
    postal_code = Column(String)
    city = Column(String)
    neighbourhood = Column(String)
    accessibility = Column(Text)
    latitude = Column(Float)
    longitude = Column(Float)


class ServiceAtLocation(Base):
    __tablename__ = "service_at_location"
    service_id = Column(String, ForeignKey("service.id", ondelete="CASCADE"), primary_key=True)
    location_id = Column(String, ForeignKey("location.id"), primary_key=True)
    position = Column(Integer, nullable=False, default=0)
    location = relationship("Location")


class Service(Base):
    __tablename__ = "service"
    id = Column(String, primary_key=True)
    organization_id = Column(String, ForeignKey("organization.id"), nullable=False)
    name = Column(String, nullable=False)
    alternate_name = Column(String)
    upl_name = Column(String)
    summary = Column(Text, nullable=False)
    description = Column(Text, nullable=False)
    url = Column(String)
    email = Column(String)
    status = Column(String, nullable=False, default="active")
    fees_description = Column(String)
    free = Column(Boolean, nullable=False, default=True)
    referral_needed = Column(Boolean, nullable=False, default=False)
    benefit_needed = Column(Boolean, nullable=False, default=False)
    home_visit = Column(Boolean, nullable=False, default=False)
    eligibility_description = Column(Text)
    minimum_age = Column(Integer)
    maximum_age = Column(Integer)
    application_process = Column(Text)
    walk_in = Column(Text)
    keywords = Column(Text, nullable=False, default="")  # the words people use, one per line
    last_modified = Column(Date)

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


def make_engine(url: str) -> Engine:
    return create_engine(url, future=True)
