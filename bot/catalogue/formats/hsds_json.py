"""HSDS 3.0 JSON (Open Referral) import and export.

The file holds a list of fully nested HSDS service objects, each with its organization,
service_at_locations (location, addresses, accessibility), phones, languages, schedules,
service_areas and attributes (taxonomy terms: category, target_group and, derived, domain).
Scalar fields follow the field table (fields.py): those with an HSDS property are written there;
what HSDS has no property for (the B1 summary, the words people use, free, referral or benefit
needed, home visits, the walk-in text, the UPL name, the neighbourhood of a location) travels
in an `x-meedoenwijzer` object on each record, which other HSDS tools ignore.

HSDS ids are RFC 4122 UUIDs. Each record's id is derived from its slug with uuid5 in the
municipality's namespace (the same slug gives the same UUID in every export, so links and tests
stay stable), and the slug travels in the record's extension object, so that an export reads
back to the same catalogue. A record whose id is a UUID already (another publisher's) keeps it. Every
exported service validates against the official compiled schema (tests/bot/catalogue).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from pathlib import Path
from typing import Any

from bot.catalogue.document import LANGUAGE_PATTERN, CatalogueError, Problem, empty_document
from bot.catalogue.fields import (
    LOCATION_FIELDS,
    ORGANIZATION_FIELDS,
    ORIGINAL,
    SERVICE_FIELDS,
    Field,
    extension_fields,
)
from bot.taxonomy import taxonomy

EXTENSION = "x-meedoenwijzer"
FROM_ELSEWHERE = "from_elsewhere"
TIME_WITH_SECONDS = re.compile(r"\d\d:\d\d:\d\d")
# The namespace of this product's HSDS ids: uuid5(NAMESPACE_URL, "https://meedoenwijzer.nl/hsds").
ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://meedoenwijzer.nl/hsds")


class Ids:
    """The HSDS ids of one municipality's catalogue: uuid5 of the record's kind and slug in a
    namespace of the municipality's name (two municipalities with the same slug get different
    ids), or the record's own id when it is a UUID already (another publisher's, kept)."""

    def __init__(self, municipality: str) -> None:
        self.namespace = uuid.uuid5(ID_NAMESPACE, municipality)

    def of(self, kind: str, slug: str, *parts: str) -> str:
        if not parts and _is_uuid(slug):
            return slug
        return str(uuid.uuid5(self.namespace, "/".join((kind, slug, *parts))))


def term_id(kind: str, code: str) -> str:
    """A taxonomy term's id: the same in every municipality, as the taxonomy is."""
    return str(uuid.uuid5(ID_NAMESPACE, f"taxonomy_term/{kind}/{code}"))


def _is_uuid(value: str) -> bool:
    try:
        return str(uuid.UUID(value)) == value
    except ValueError:
        return False


def own_id(raw: dict[str, Any]) -> str:
    """The catalogue's id of an HSDS record: the slug it was exported with, or its own id."""
    return str((raw.get(EXTENSION) or {}).get("id") or raw["id"]).lower()


def to_hsds(ids: Ids, kind: str, fields: tuple[Field, ...], record: dict[str, Any]) -> dict[str, Any]:
    """A document record as an HSDS object: its properties, the first items of its lists
    ("phones[].number") and the extension object (with the slug). Relations are the caller's."""
    slug = record["id"]
    out: dict[str, Any] = {}
    for field in fields:
        value = field.get(record)
        if field.hsds is None or value is None:
            continue
        value = value.isoformat() if isinstance(value, dt.date) else value
        if "[]." in field.hsds:
            items, key = field.hsds.split("[].")
            out.setdefault(items, [{"id": ids.of(kind, slug, items)}])[0][key] = value
        else:
            out[field.hsds] = value
    out["id"] = ids.of(kind, slug)
    out[EXTENSION] = {"id": slug, **{field.name: field.get(record) for field in extension_fields(fields)}}
    return out


def from_hsds(fields: tuple[Field, ...], raw: dict[str, Any]) -> dict[str, Any]:
    """The reverse of to_hsds: an HSDS object's fields as a document record."""
    record: dict[str, Any] = {}
    extension = raw.get(EXTENSION) or {}
    for field in fields:
        value: Any
        if field.name == "id":
            value = own_id(raw)
        elif field.hsds is None:
            value = extension.get(field.name) if field.column else None
        elif "[]." in field.hsds:
            items, key = field.hsds.split("[].")
            value = ((raw.get(items) or [{}])[0] or {}).get(key)
        else:
            value = raw.get(field.hsds)
        field.put(record, value)
    return record


def export(doc: dict[str, Any]) -> dict[str, Any]:
    vocab = taxonomy()
    # A service's terms as HSDS nests them: the taxonomy_terms() records, without the tree.
    nested_terms = {
        (term["taxonomy"], term["code"]): {key: term[key] for key in NESTED_TERM_KEYS}
        for term in taxonomy_terms()
    }
    province = (doc.get("municipality") or {}).get("province", "")
    ids = Ids(str((doc.get("municipality") or {}).get("name", "")))
    organizations = {
        o["id"]: with_original(to_hsds(ids, "organization", ORGANIZATION_FIELDS, o), o, ORGANIZATION_FIELDS)
        for o in doc["organizations"]
    }
    locations = {
        loc["id"]: with_original(_location(ids, loc, province), loc, LOCATION_FIELDS)
        for loc in doc["locations"]
    }
    services = []
    for svc in doc["services"]:
        slug = svc["id"]
        categories = svc.get("categories") or []
        terms = (
            ("category", categories),
            ("target_group", svc.get("target_groups") or []),
            ("domain", vocab.domains_of(categories)),
        )
        service = to_hsds(ids, "service", SERVICE_FIELDS, svc)
        service["organization_id"] = organizations[svc["organization"]]["id"]
        for phone in service.get("phones") or []:  # none while a phone waits for review
            phone["type"] = "voice"
        services.append(
            with_original(
                {
                    **service,
                    "organization": {"phones": [], **organizations[svc["organization"]]},
                    "languages": [
                        {
                            "id": ids.of("service", slug, "language", code),
                            "code": code,
                            "name": vocab.language_name(code),
                        }
                        for code in svc.get("languages") or []
                    ],
                    "schedules": [
                        {
                            "id": ids.of("service", slug, "schedule", str(i)),
                            "freq": "WEEKLY",
                            **schedule,
                            # HSDS times have seconds ("10:00:00"), as its tabular package's time type needs.
                            "opens_at": f"{schedule['opens_at']}:00",
                            "closes_at": f"{schedule['closes_at']}:00",
                        }
                        for i, schedule in enumerate(svc.get("schedules") or [], start=1)
                    ],
                    "service_areas": [
                        {"id": ids.of("service", slug, "area", name), "name": name}
                        for name in svc.get("neighbourhoods") or []
                    ],
                    "service_at_locations": [
                        {
                            "id": ids.of("service_at_location", slug, loc_id),
                            "service_id": service["id"],
                            "location_id": locations[loc_id]["id"],
                            "location": locations[loc_id],
                        }
                        for loc_id in svc.get("locations") or []
                    ],
                    "attributes": [
                        {
                            "id": ids.of("service", slug, "attribute", kind, code),
                            "link_id": service["id"],
                            "link_type": kind,
                            "link_entity": "service",
                            "taxonomy_term_id": term_id(kind, code),
                            "taxonomy_term": nested_terms[(f"meedoenwijzer-{kind}", code)],
                        }
                        for kind, codes in terms
                        for code in codes
                    ],
                },
                svc,
                SERVICE_FIELDS,
                organizations[svc["organization"]],
            )
        )
    return {
        "hsds_version": "3.0",
        EXTENSION: {"municipality": doc.get("municipality") or {}},
        "services": services,
    }


# A service's lists of its own, by the catalogue field they come from.
RELATION_LISTS = {
    "languages": "languages",
    "neighbourhoods": "service_areas",
    "schedules": "schedules",
    "locations": "service_at_locations",
}


def with_original(
    generated: dict[str, Any],
    record: dict[str, Any],
    fields: tuple[Field, ...],
    organization: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A record from another publisher as it was sent, except what has changed in the catalogue
    since (through the staff spreadsheet, say): such a field or list is exported as the catalogue
    has it. The catalogue's own records are exported as generated."""
    original = record.get(ORIGINAL)
    if not original:
        return generated
    # What the original says, and what the import makes of a service's lists: a field that
    # still says the same is unchanged. (A phone the import took from the organization is not in
    # the original service, so it is written out.)
    sent = from_hsds(fields, original)
    derived = (
        sent if organization is None else _service({**original, "organization": organization}, {}, {}, [])
    )
    out = {**generated, **original}
    for field in fields:
        if field.hsds is None or field.hsds == "id" or _unchanged(field, field.get(sent), field.get(record)):
            continue
        value = field.get(record)
        value = value.isoformat() if isinstance(value, dt.date) else value
        items, _, key = field.hsds.partition("[].")
        if not key:
            if value is None:
                out.pop(field.hsds, None)
            else:
                out[field.hsds] = value
            continue
        listed = [item for item in out.get(items) or [] if isinstance(item, dict)]
        first = listed[0] if listed else ((generated.get(items) or [{}])[0])
        first = {k: v for k, v in first.items() if k != key or value is not None}
        if value is not None:
            first[key] = value
        out[items] = [first, *listed[1:]]
    for name, items in RELATION_LISTS.items():
        if name in {f.name for f in fields} and record.get(name) != derived.get(name):
            out[items] = generated.get(items, [])
    if "attributes" in generated and any(
        record.get(name) != derived.get(name) for name in ("categories", "target_groups")
    ):
        # The publisher's terms of other taxonomies, then the catalogue's, as they are now.
        theirs = [a for a in original.get("attributes") or [] if isinstance(a, dict) and not _our_term(a)]
        out["attributes"] = [*theirs, *generated["attributes"]]
    # The mark makes an import of this export keep the record whole again (from_elsewhere).
    out[EXTENSION] = {**generated[EXTENSION], FROM_ELSEWHERE: True}
    return out


def _unchanged(field: Field, theirs: Any, ours: Any) -> bool:
    """Whether the catalogue's value is the publisher's, as the catalogue stores values."""
    try:
        return bool(field.to_column(theirs) == field.to_column(ours))
    except (ValueError, TypeError):  # theirs in a form the catalogue does not store
        return False


def _our_term(attribute: Any) -> bool:
    term = attribute.get("taxonomy_term") if isinstance(attribute, dict) else None
    return isinstance(term, dict) and str(term.get("taxonomy", "")).startswith("meedoenwijzer-")


def from_elsewhere(raw: dict[str, Any]) -> bool:
    """Whether a record is another publisher's: it has no extension of this product, or it has
    the mark of one that was exported with its original."""
    extension = raw.get(EXTENSION)
    return not isinstance(extension, dict) or bool(extension.get(FROM_ELSEWHERE))


def original_of(raw: dict[str, Any], *nested: str) -> dict[str, Any]:
    """What a publisher sent, without this product's extension and the `nested` records that
    are stored on their own."""
    return {key: value for key, value in raw.items() if key not in (EXTENSION, *nested)}


NESTED_TERM_KEYS = ("id", "code", "name", "description", "taxonomy", "taxonomy_id")
TAXONOMIES = {
    "category": "De soorten hulp en meedoen van de Meedoenwijzer.",
    "domain": "De zes domeinen van het participatiewiel van MOVISIE.",
    "target_group": "Voor wie een dienst vooral bedoeld is.",
}


def taxonomy_id(kind: str) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, f"taxonomy/{kind}"))


def taxonomies() -> list[dict[str, Any]]:
    """The three taxonomies the catalogue's terms come from, as HSDS taxonomy records."""
    return [
        {"id": taxonomy_id(kind), "name": f"meedoenwijzer-{kind}", "description": description, "version": "1"}
        for kind, description in TAXONOMIES.items()
    ]


def taxonomy_terms() -> list[dict[str, Any]]:
    """Every term of the taxonomy as an HSDS taxonomy_term; a category's parent is its domain."""
    vocab = taxonomy()
    terms: list[dict[str, Any]] = []
    kinds: tuple[tuple[str, dict[str, tuple[str, str, str | None]]], ...] = (
        ("domain", {slug: (d.label, d.b1, None) for slug, d in vocab.domains.items()}),
        (
            "category",
            {slug: (c.label, c.b1, term_id("domain", c.domain)) for slug, c in vocab.categories.items()},
        ),
        ("target_group", {slug: (label, label, None) for slug, label in vocab.target_groups.items()}),
    )
    for kind, entries in kinds:
        for code, (name, description, parent) in entries.items():
            term = {
                "id": term_id(kind, code),
                "code": code,
                "name": name,
                "description": description,
                "taxonomy": f"meedoenwijzer-{kind}",
                "taxonomy_id": taxonomy_id(kind),
                "language": "nl",
            }
            if parent:
                term["parent_id"] = parent
            terms.append(term)
    return terms


def _location(ids: Ids, loc: dict[str, Any], province: str) -> dict[str, Any]:
    location = {"location_type": "physical", **to_hsds(ids, "location", LOCATION_FIELDS, loc)}
    for address in location.get("addresses", []):
        address.update(address_type="physical", country="NL", state_province=province)
    return location


def write(doc: dict[str, Any], path: Path) -> None:
    path.write_text(json.dumps(export(doc), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def read(path: Path) -> dict[str, Any]:
    """An HSDS JSON file as a catalogue document; structural problems are raised all at once."""
    file = path.name
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise CatalogueError([Problem(file, "-", "-", f"geen geldige JSON: {error}")]) from error
    return document_from(data, file)


def document_from(data: Any, file: str) -> dict[str, Any]:
    """What a publisher sent (parsed JSON, or the tabular package's tables nested) as a
    catalogue document. What the product needs and another publisher's record lacks is filled
    in where it can be and put up for review; `warnings` lists each such step for staff."""
    found = services_in(data)
    if found is None:
        raise CatalogueError(
            [
                Problem(
                    file,
                    "-",
                    "-",
                    "geen diensten gevonden: verwacht een lijst met diensten, een pagina van de HSDS-API "
                    "(contents), één dienst, een dienst op een locatie of een organisatie met diensten",
                )
            ]
        )
    problems: list[Problem] = []
    warnings: list[Problem] = []
    doc = empty_document()
    organizations: dict[str, dict] = {}
    locations: dict[str, dict] = {}
    for index, raw in enumerate(found, start=1):
        row = f"dienst {index} ({raw.get('id') if isinstance(raw, dict) else '?'})"
        notes: list[tuple[str, str]] = []
        try:
            doc["services"].append(_service(raw, organizations, locations, notes))
        except KeyError as error:
            problems.append(Problem(file, row, str(error).strip("'"), "ontbreekt"))
        except (TypeError, AttributeError, IndexError):
            problems.append(
                Problem(file, row, "-", "heeft de verkeerde vorm: verwacht een object met velden")
            )
        warnings += [Problem(file, row, field, message) for field, message in notes]
    if problems:
        raise CatalogueError(problems)
    extension = data.get(EXTENSION) if isinstance(data, dict) else None
    municipality = extension.get("municipality") if isinstance(extension, dict) else None
    doc["municipality"] = municipality if isinstance(municipality, dict) else {}
    doc["organizations"] = list(organizations.values())
    doc["locations"] = list(locations.values())
    doc["warnings"] = warnings
    return doc


def _days(schedule: dict[str, Any]) -> list[dict[str, Any]]:
    """An HSDS schedule in the catalogue's shape: one schedule per day ("TH,FR" is two), times
    without seconds ("10:00:00" is "10:00")."""
    days: list[Any] = [
        day.strip().upper() for day in str(schedule.get("byday") or "").split(",") if day.strip()
    ]
    out = []
    for day in days or [schedule.get("byday")]:
        item = {
            "byday": day,
            "opens_at": _without_seconds(schedule.get("opens_at")),
            "closes_at": _without_seconds(schedule.get("closes_at")),
            "description": schedule.get("description"),
        }
        out.append({key: value for key, value in item.items() if value is not None})
    return out


def _without_seconds(time: Any) -> Any:
    return time[:5] if isinstance(time, str) and TIME_WITH_SECONDS.fullmatch(time) else time


def services_in(data: Any) -> list[Any] | None:
    """The service records in what a publisher sends, or None when there are none: a list of
    services (this product's export: {"services": [...]}), a page of the HSDS API ({"contents":
    [...]}), one service, one service_at_location (its service at its location), or an
    organization with its services (alone, in a list or on an API page)."""
    if isinstance(data, list):
        found: list[Any] = []
        for item in data:
            found += _organization_services(item) if _is_organization(item) else [item]
        return found
    if not isinstance(data, dict):
        return None
    if isinstance(data.get("contents"), list):
        return services_in(data["contents"])
    if _is_organization(data):
        return _organization_services(data)
    if isinstance(data.get("services"), list):
        return services_in(data["services"])
    if isinstance(data.get("service"), dict) and isinstance(data.get("location"), dict):
        link = {"id": data.get("id"), "location": data["location"]}
        return [{**data["service"], "service_at_locations": [link]}]
    if "id" in data and "name" in data:
        return [data]
    return None


# Properties an HSDS organization has and a service has not (a service has `status`).
ORGANIZATION_ONLY = {
    "services",
    "website",
    "legal_status",
    "tax_status",
    "year_incorporated",
    "organization_identifiers",
    "parent_organization_id",
    "logo",
    "uri",
    "programs",
}


def _is_organization(record: Any) -> bool:
    return (
        isinstance(record, dict)
        and "id" in record  # this product's own export has services too, and no id
        and "status" not in record
        and bool(ORGANIZATION_ONLY & record.keys())
    )


def _organization_services(organization: dict[str, Any]) -> list[Any]:
    own = {key: value for key, value in organization.items() if key != "services"}
    return [
        {**service, "organization": service.get("organization") or own}
        if isinstance(service, dict)
        else service
        for service in organization.get("services") or []
    ]


def _service(raw: dict, organizations: dict, locations: dict, notes: list[tuple[str, str]]) -> dict[str, Any]:
    org = raw["organization"]
    organizations.setdefault(own_id(org), _record(ORGANIZATION_FIELDS, org, "services"))
    for link in raw.get("service_at_locations") or []:
        locations.setdefault(own_id(link["location"]), _record(LOCATION_FIELDS, link["location"]))
    svc = from_hsds(SERVICE_FIELDS, raw)
    terms = [
        (a.get("link_type"), (a.get("taxonomy_term") or {}).get("code")) for a in raw.get("attributes") or []
    ]
    relations = {
        "organization": own_id(org),
        "categories": [code for kind, code in terms if kind == "category"],
        "target_groups": [code for kind, code in terms if kind == "target_group"],
        "neighbourhoods": [area.get("name") for area in raw.get("service_areas") or []],
        "locations": [own_id(link["location"]) for link in raw.get("service_at_locations") or []],
        "languages": [language.get("code") or "" for language in raw.get("languages") or []],
        "schedules": [day for schedule in raw.get("schedules") or [] for day in _days(schedule)],
    }
    if from_elsewhere(raw):
        _in_our_terms(relations, notes)
        if EXTENSION not in raw:  # exported by this product, it has its own fields along
            _filled_in_or_for_review(relations, svc, raw, notes)
        svc[ORIGINAL] = original_of(raw, "organization")
    for field in SERVICE_FIELDS:
        if field.name in relations:
            field.put(svc, relations[field.name])
    kept = (*(field.name for field in SERVICE_FIELDS), ORIGINAL)
    return {name: svc[name] for name in kept if name in svc}


def _record(fields: tuple[Field, ...], raw: dict[str, Any], *nested: str) -> dict[str, Any]:
    """An organization or location as a document record; another publisher's keeps its
    original (without the `nested` records that are stored on their own)."""
    record = from_hsds(fields, raw)
    if from_elsewhere(raw):
        record[ORIGINAL] = original_of(raw, *nested)
    return record


# The first sentence of a description, as the summary of a service that came without one.
FIRST_SENTENCE = re.compile(r"^(.{20,200}?[.!?])(\s|$)", re.DOTALL)


def _in_our_terms(relations: dict[str, Any], notes: list[tuple[str, str]]) -> None:
    """Another publisher's terms, areas and languages as far as this municipality's taxonomy
    knows them (the rest stays in the original)."""
    vocab = taxonomy()
    relations["categories"] = [c for c in relations["categories"] if c in vocab.categories]
    relations["target_groups"] = [g for g in relations["target_groups"] if g in vocab.target_groups]
    areas = [str(area) for area in relations["neighbourhoods"] if area]
    relations["neighbourhoods"] = [n for n in map(vocab.neighbourhood_for_word, map(str.lower, areas)) if n]
    if len(relations["neighbourhoods"]) < len(areas):
        notes.append(
            (
                "service_areas",
                "een gebied is geen wijk van de gemeente: bewaard, de dienst geldt voor de hele stad",
            )
        )
    codes = [str(code).split("-")[0].lower() for code in relations["languages"]]
    relations["languages"] = [code for code in codes if LANGUAGE_PATTERN.fullmatch(code)]


def _filled_in_or_for_review(
    relations: dict[str, Any], svc: dict[str, Any], raw: dict[str, Any], notes: list[tuple[str, str]]
) -> None:
    """What the product needs and another publisher's record lacks: filled in from elsewhere in
    it, or put up for review."""
    review = []
    if not svc.get("summary"):
        description = str(svc.get("description") or raw.get("name") or "").strip()
        found = FIRST_SENTENCE.match(description)
        svc["summary"] = found.group(1) if found else description[:200]
        review.append("summary")
        notes.append(("summary", "ontbreekt: de eerste zin van description genomen; maak er één B1-zin van"))
    if not relations["categories"]:
        review.append("categories")
        notes.append(
            ("categories", "geen categorie van de Meedoenwijzer: de chat toont de dienst pas na controle")
        )
    if not svc.get("phone"):
        phone = _first_phone(raw)
        if phone:
            svc["phone"] = phone
            notes.append(
                ("phone", "ontbreekt bij de dienst: het nummer van de organisatie of locatie genomen")
            )
        else:
            review.append("phone")
            notes.append(("phone", "geen telefoonnummer gevonden: de chat toont de dienst pas na controle"))
    if review:
        svc["review"] = review


def _first_phone(raw: dict[str, Any]) -> str | None:
    """The first phone number of the service's organization or of one of its locations."""
    holders = [raw.get("organization") or {}]
    for link in raw.get("service_at_locations") or []:
        holders += [link, link.get("location") or {}]
    for holder in holders:
        for phone in holder.get("phones") or []:
            if isinstance(phone, dict) and phone.get("number"):
                return str(phone["number"])
    return None
