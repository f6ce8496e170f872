"""HSDS 3.0 JSON (Open Referral) import and export.

The file holds a list of fully nested HSDS service objects, each with its organization,
service_at_locations (location, addresses, accessibility), phones, languages, schedules,
service_areas and attributes (taxonomy terms: category, target_group and, derived, domain).
What HSDS has no field for (the B1 summary, the words people use, free, referral or benefit
needed, home visits, the walk-in text, the UPL name) travels in an `x-meedoenwijzer` object on
each service, which other HSDS tools ignore.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from bot.catalogue.source import CatalogueError, Problem, without_none
from bot.taxonomy import taxonomy

EXTENSION = "x-meedoenwijzer"
EXTENSION_FIELDS = ("summary", "keywords", "free", "referral_needed", "benefit_needed", "home_visit",
                    "walk_in", "upl_name", "cost")
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "Engels", "ar": "Arabisch", "tr": "Turks", "ber": "Tamazight",
                  "ti": "Tigrinya", "pl": "Pools", "uk": "Oekraïens", "so": "Somalisch", "fa": "Farsi",
                  "ru": "Russisch", "ku": "Koerdisch", "es": "Spaans", "fr": "Frans", "pt": "Portugees",
                  "zh": "Chinees", "bg": "Bulgaars", "ro": "Roemeens", "de": "Duits"}


def export(doc: dict[str, Any]) -> dict[str, Any]:
    vocab = taxonomy()
    organizations = {o["id"]: o for o in doc["organizations"]}
    locations = {loc["id"]: loc for loc in doc["locations"]}
    services = []
    for svc in doc["services"]:
        org = organizations[svc["organization"]]
        attributes = []
        for kind, codes in (("category", svc.get("categories") or []),
                            ("target_group", svc.get("target_groups") or []),
                            ("domain", vocab.domains_of(svc.get("categories") or []))):
            for code in codes:
                label = {"category": lambda c: vocab.categories[c].label, "domain": lambda c: vocab.domains[c].label,
                         "target_group": lambda c: vocab.target_groups[c]}[kind](code)
                attributes.append({"id": f"{svc['id']}:{kind}:{code}", "link_id": svc["id"], "link_type": kind,
                                   "link_entity": "service",
                                   "taxonomy_term": {"id": f"{kind}:{code}", "code": code, "name": label,
                                                     "taxonomy": f"meedoenwijzer-{kind}"}})
        checked = svc.get("last_checked")
        services.append({
            "id": svc["id"], "organization_id": org["id"], "name": svc["name"],
            "alternate_name": svc.get("alternate_name"), "description": svc["description"],
            "url": svc.get("website"), "email": svc.get("email"), "status": svc.get("status", "active"),
            "application_process": svc.get("application_process"), "fees_description": svc.get("cost"),
            "eligibility_description": svc.get("eligibility"), "minimum_age": svc.get("minimum_age"),
            "maximum_age": svc.get("maximum_age"),
            "assured_date": checked.isoformat() if isinstance(checked, dt.date) else checked,
            "organization": {"id": org["id"], "name": org["name"], "description": org.get("description", ""),
                             "email": org.get("email"), "website": org.get("website"),
                             "phones": [{"id": f"{org['id']}:phone", "number": org["phone"]}] if org.get("phone") else []},
            "phones": [{"id": f"{svc['id']}:phone", "number": svc["phone"], "type": "voice"}],
            "languages": [{"id": f"{svc['id']}:{code}", "code": code, "name": LANGUAGE_NAMES.get(code, code)}
                          for code in svc.get("languages") or []],
            "schedules": [{"id": f"{svc['id']}:schedule:{i}", "freq": "WEEKLY", "byday": s["byday"],
                           "opens_at": s["opens_at"], "closes_at": s["closes_at"], "description": s.get("description")}
                          for i, s in enumerate(svc.get("schedules") or [], start=1)],
            "service_areas": [{"id": f"{svc['id']}:area:{name}", "name": name}
                              for name in svc.get("neighbourhoods") or []],
            "service_at_locations": [{"id": f"{svc['id']}@{loc_id}", "location": _location(locations[loc_id])}
                                     for loc_id in svc.get("locations") or []],
            "attributes": attributes,
            EXTENSION: {field: svc.get(field) for field in EXTENSION_FIELDS},
        })
    return {"hsds_version": "3.0", EXTENSION: {"municipality": doc.get("municipality") or {}}, "services": services}


def _location(loc: dict[str, Any]) -> dict[str, Any]:
    address = loc.get("address") or {}
    return {"id": loc["id"], "name": loc["name"], "description": loc.get("description"),
            "latitude": loc.get("latitude"), "longitude": loc.get("longitude"),
            "addresses": [{"id": f"{loc['id']}:address", "address_type": "physical", "country": "NL",
                           **{k: address.get(k) for k in ("address_1", "postal_code", "city")}}],
            "accessibility": [{"id": f"{loc['id']}:accessibility", "description": loc.get("accessibility")}],
            EXTENSION: {"neighbourhood": loc.get("neighbourhood")}}


def write(doc: dict[str, Any], path: Path) -> None:
    path.write_text(json.dumps(export(doc), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def read(path: Path) -> dict[str, Any]:
    """An HSDS JSON file as a catalogue document; structural problems are raised all at once."""
    file = path.name
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise CatalogueError([Problem(file, "-", "-", f"geen geldige JSON: {error}")]) from error
    services_in = data.get("services") if isinstance(data, dict) else data
    if not isinstance(services_in, list):
        raise CatalogueError([Problem(file, "-", "services", "verwacht een lijst met diensten")])
    problems: list[Problem] = []
    organizations: dict[str, dict] = {}
    locations: dict[str, dict] = {}
    services = []
    for index, raw in enumerate(services_in, start=1):
        row = f"dienst {index} ({raw.get('id') if isinstance(raw, dict) else '?'})"
        try:
            services.append(_service(raw, organizations, locations))
        except (KeyError, TypeError, AttributeError, IndexError) as error:
            problems.append(Problem(file, row, str(error).strip("'"), "ontbreekt of heeft de verkeerde vorm"))
    if problems:
        raise CatalogueError(problems)
    extension = data.get(EXTENSION, {}) if isinstance(data, dict) else {}
    return {"municipality": extension.get("municipality") or {}, "organizations": list(organizations.values()),
            "locations": list(locations.values()), "services": services}


def _service(raw: dict, organizations: dict, locations: dict) -> dict[str, Any]:
    org = raw["organization"]
    organizations.setdefault(org["id"], without_none({
        "id": org["id"], "name": org["name"], "description": org.get("description") or "",
        "email": org.get("email"), "website": org.get("website"),
        "phone": (org.get("phones") or [{}])[0].get("number")}))
    for link in raw.get("service_at_locations") or []:
        loc = link["location"]
        address = (loc.get("addresses") or [{}])[0]
        locations.setdefault(loc["id"], without_none({
            "id": loc["id"], "name": loc["name"], "description": loc.get("description"),
            "address": without_none({k: address.get(k) for k in ("address_1", "postal_code", "city")}),
            "neighbourhood": (loc.get(EXTENSION) or {}).get("neighbourhood"),
            "accessibility": (loc.get("accessibility") or [{}])[0].get("description"),
            "latitude": loc.get("latitude"), "longitude": loc.get("longitude")}))
    terms = [(a.get("link_type"), a["taxonomy_term"]["code"]) for a in raw.get("attributes") or []]
    extension = raw.get(EXTENSION) or {}
    return without_none({
        "id": raw["id"], "organization": org["id"], "name": raw["name"],
        "alternate_name": raw.get("alternate_name"), "upl_name": extension.get("upl_name"),
        "summary": extension.get("summary") or "", "description": raw.get("description") or "",
        "categories": [code for kind, code in terms if kind == "category"],
        "target_groups": [code for kind, code in terms if kind == "target_group"],
        "neighbourhoods": [area["name"] for area in raw.get("service_areas") or []],
        "locations": [link["location"]["id"] for link in raw.get("service_at_locations") or []],
        "languages": [lang["code"] for lang in raw.get("languages") or []],
        "keywords": extension.get("keywords") or [],
        "phone": (raw.get("phones") or [{}])[0].get("number"),
        "email": raw.get("email"), "website": raw.get("url"),
        "schedules": [without_none({"byday": s["byday"], "opens_at": s["opens_at"], "closes_at": s["closes_at"],
                                  "description": s.get("description")}) for s in raw.get("schedules") or []],
        "walk_in": extension.get("walk_in"), "cost": raw.get("fees_description") or extension.get("cost"),
        "free": extension.get("free", True), "referral_needed": extension.get("referral_needed", False),
        "benefit_needed": extension.get("benefit_needed", False), "home_visit": extension.get("home_visit", False),
        "minimum_age": raw.get("minimum_age"), "maximum_age": raw.get("maximum_age"),
        "eligibility": raw.get("eligibility_description"), "application_process": raw.get("application_process"),
        "status": raw.get("status", "active"), "last_checked": raw.get("assured_date"),
    })
