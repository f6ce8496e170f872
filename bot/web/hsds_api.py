"""The read-only HSDS 3.0 API (Open Referral's `schema/openapi.json`) under /hsds/, so that another
Open Referral tool can read this municipality's social map: services, organizations,
taxonomies and taxonomy terms, each as a list page and one by id.

A list answers with HSDS's page: `contents` and `total_items`, `total_pages`, `page_number`,
`size`, `first_page`, `last_page`, `empty`; `page` (from 1) and `per_page` (1-200, default 50)
choose the page. The records are the catalogue's HSDS export, which validates against the
official schema; they are built once per catalogue, as the chat's catalogue is.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import Any

from aiohttp import web

from bot.catalogue.formats import hsds_json
from bot.catalogue.models import make_engine
from bot.catalogue.repository import load_document

PREFIX = "/hsds"
HSDS_PROFILE = "https://docs.openreferral.org/en/latest/hsds/"  # plain HSDS 3.0, no profile of our own
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
NUMBER = re.compile(r"[0-9]{1,6}")  # ASCII digits only: "٣" is a digit to str.isdigit()
# The query parameters each list takes (HSDS's names); anything else is refused.
# `format` (json only) and `full` (every answer is full already) are taken by every list.
LIST_PARAMETERS = {
    "services": {"search", "taxonomy_term_id", "taxonomy_id", "organization_id"},
    "organizations": {"search", "full_service"},
    "taxonomies": {"search"},
    "taxonomy_terms": {"search", "taxonomy_id", "parent_id", "top_only"},
}
COMMON_PARAMETERS = {"page", "per_page", "format", "full"}
NOT_SUPPORTED = {"modified_after", "minimal", "postcode", "proximity"}
BOOLEAN = {"true": True, "false": False}
dumps = partial(json.dumps, ensure_ascii=False)


@dataclass(frozen=True)
class Records:
    services: list[dict[str, Any]]
    organizations: list[dict[str, Any]]
    taxonomies: list[dict[str, Any]]
    taxonomy_terms: list[dict[str, Any]]
    by_id: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)  # kind -> id -> record
    services_of: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # organization id -> ...

    def with_services(self, organization: dict[str, Any]) -> dict[str, Any]:
        """An organization with its services (as HSDS nests them: without their organization)."""
        return {**organization, "services": self.services_of.get(organization["id"], [])}


@lru_cache(maxsize=4)
def records_at(catalogue_url: str) -> Records:
    exported = hsds_json.export(load_document(make_engine(catalogue_url)))
    services = exported["services"]
    organizations: dict[str, dict[str, Any]] = {}
    services_of: dict[str, list[dict[str, Any]]] = {}
    for service in services:
        organizations.setdefault(service["organization"]["id"], service["organization"])
        nested = {key: value for key, value in service.items() if key != "organization"}
        services_of.setdefault(service["organization_id"], []).append(nested)
    lists = {
        "services": services,
        "organizations": list(organizations.values()),
        "taxonomies": hsds_json.taxonomies(),
        "taxonomy_terms": hsds_json.taxonomy_terms(),
    }
    by_id = {kind: {record["id"]: record for record in items} for kind, items in lists.items()}
    # A service is found by the catalogue's own id too, as the lookup page links it.
    for kind in ("services", "organizations"):
        by_id[kind].update({hsds_json.own_id(record): record for record in lists[kind]})
    return Records(**lists, by_id=by_id, services_of=services_of)


def routes(catalogue_url: Any) -> list[web.RouteDef]:
    """The API's routes; `catalogue_url(request)` names the catalogue to serve."""

    def records(request: web.Request) -> Records:
        return records_at(catalogue_url(request))

    async def about(request: web.Request) -> web.Response:
        return web.json_response({"version": "3.0", "profile": HSDS_PROFILE}, dumps=dumps)

    def listing(kind: str) -> Any:
        async def handler(request: web.Request) -> web.Response:
            query = request.query
            refused = checked_parameters(kind, query)
            if refused is not None:  # a Response is a mapping: an empty one is falsy
                return refused
            found = records(request)
            items = [item for item in getattr(found, kind) if matches(kind, item, query)]
            nest = found.with_services if BOOLEAN.get(query.get("full_service", "false")) else None
            return paged(items, query, nest)

        return handler

    def one(kind: str) -> Any:
        async def handler(request: web.Request) -> web.Response:
            wanted = request.match_info["id"].lower()
            found = records(request).by_id[kind].get(wanted)
            if found is None:
                return problem(404, f"Geen {kind[:-1].replace('_', ' ')} met id {wanted[:80]!r}.")
            if kind == "organizations":  # one organization comes with its services, as in HSDS's example
                found = records(request).with_services(found)
            return web.json_response(found, dumps=dumps)

        return handler

    definitions = [web.get(f"{PREFIX}/", about)]
    for kind in LIST_PARAMETERS:
        definitions += [
            web.get(f"{PREFIX}/{kind}", listing(kind)),
            web.get(f"{PREFIX}/{kind}/{{id}}", one(kind)),
        ]
    return definitions


def problem(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status, dumps=dumps)


def checked_parameters(kind: str, query: Any) -> web.Response | None:
    """A 400 naming what is wrong with a list's parameters, or None."""
    for name in query:
        if name in NOT_SUPPORTED:
            return problem(400, f"De parameter '{name}' wordt hier (nog) niet ondersteund.")
        if name not in LIST_PARAMETERS[kind] | COMMON_PARAMETERS:
            return problem(400, f"Onbekende parameter '{name[:40]}'.")
    if query.get("format", "json") != "json":
        return problem(400, "Alleen 'format=json' wordt ondersteund.")
    for name in ("full", "full_service", "top_only"):
        if name in query and query[name] not in BOOLEAN:
            return problem(400, f"'{name}' is 'true' of 'false'.")
    return None


def matches(kind: str, item: dict[str, Any], query: Any) -> bool:
    search = query.get("search", "").strip().lower()
    if search and search not in f"{item.get('name', '')} {item.get('description', '')}".lower():
        return False
    if kind == "services":
        if "organization_id" in query and item.get("organization_id") != query["organization_id"].lower():
            return False
        # Another publisher's attribute may name its term by taxonomy_term_id alone.
        attributes = [a for a in item.get("attributes") or [] if isinstance(a, dict)]
        terms = [
            a.get("taxonomy_term") or {} for a in attributes if isinstance(a.get("taxonomy_term") or {}, dict)
        ]
        term_ids = {a.get("taxonomy_term_id") for a in attributes} | {t.get("id") for t in terms}
        if "taxonomy_term_id" in query and query["taxonomy_term_id"].lower() not in term_ids:
            return False
        if "taxonomy_id" in query and query["taxonomy_id"].lower() not in {
            t.get("taxonomy_id") for t in terms
        }:
            return False
    if kind == "taxonomy_terms":
        for name in ("taxonomy_id", "parent_id"):
            if name in query and item.get(name) != query[name].lower():
                return False
        if query.get("top_only") == "true" and item.get("parent_id"):
            return False
    return True


def paged(items: list[dict[str, Any]], query: Any, nest: Any = None) -> web.Response:
    """One page of `items` in HSDS's page object; `nest` completes each record on the page."""
    page, per_page = query.get("page", "1"), query.get("per_page", str(DEFAULT_PER_PAGE))
    if not NUMBER.fullmatch(page) or int(page) < 1:
        return problem(400, "'page' moet een geheel getal van 1 of meer zijn.")
    if not NUMBER.fullmatch(per_page) or not 1 <= int(per_page) <= MAX_PER_PAGE:
        return problem(400, f"'per_page' moet een getal van 1 tot en met {MAX_PER_PAGE} zijn.")
    number, size = int(page), int(per_page)
    total_pages = max(1, -(-len(items) // size))
    contents = items[(number - 1) * size : number * size]
    if nest:
        contents = [nest(item) for item in contents]
    return web.json_response(
        {
            "total_items": len(items),
            "total_pages": total_pages,
            "page_number": number,
            "size": len(contents),
            "first_page": number == 1,
            "last_page": number >= total_pages,
            "empty": not contents,
            "contents": contents,
        },
        dumps=dumps,
    )
