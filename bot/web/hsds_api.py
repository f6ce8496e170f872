"""The read-only HSDS 3.0 API (Open Referral's `schema/openapi.json`) under /hsds/, so that another
Open Referral tool can read this municipality's social map: services, organizations,
taxonomies and taxonomy terms, each as a list page and one by id.

A list answers with HSDS's page: `contents` and `total_items`, `total_pages`, `page_number`,
`size`, `first_page`, `last_page`, `empty`; `page` (from 1) and `per_page` (1-200, default 50)
choose the page. The records are the catalogue's HSDS export, which validates against the
official schema; they are built once per catalogue, as the chat's catalogue is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
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
LIST_PARAMETERS = {
    "services": {"page", "per_page", "search", "taxonomy_term_id", "taxonomy_id", "organization_id"},
    "organizations": {"page", "per_page", "search", "full_service"},
    "taxonomies": {"page", "per_page", "search"},
    "taxonomy_terms": {"page", "per_page", "search", "taxonomy_id", "parent_id"},
}


@dataclass(frozen=True)
class Records:
    services: list[dict[str, Any]]
    organizations: list[dict[str, Any]]
    taxonomies: list[dict[str, Any]]
    taxonomy_terms: list[dict[str, Any]]


@lru_cache(maxsize=4)
def records_at(catalogue_url: str) -> Records:
    exported = hsds_json.export(load_document(make_engine(catalogue_url)))
    services = exported["services"]
    organizations: dict[str, dict[str, Any]] = {}
    for service in services:
        organizations.setdefault(service["organization"]["id"], service["organization"])
    return Records(services, list(organizations.values()), hsds_json.taxonomies(), hsds_json.taxonomy_terms())


def routes(catalogue_url: Any) -> list[web.RouteDef]:
    """The API's routes; `catalogue_url(request)` names the catalogue to serve."""

    def records(request: web.Request) -> Records:
        return records_at(catalogue_url(request))

    async def about(request: web.Request) -> web.Response:
        return web.json_response({"version": "3.0", "profile": HSDS_PROFILE})

    def listing(kind: str) -> Any:
        async def handler(request: web.Request) -> web.Response:
            unknown = set(request.query) - LIST_PARAMETERS[kind]
            if unknown:
                return problem(400, f"Onbekende parameter '{sorted(unknown)[0]}'.")
            items = getattr(records(request), kind)
            items = [item for item in items if matches(kind, item, request.query)]
            if kind == "organizations" and request.query.get("full_service") == "true":
                items = [with_services(records(request), item) for item in items]
            return paged(items, request.query)

        return handler

    def one(kind: str) -> Any:
        async def handler(request: web.Request) -> web.Response:
            wanted = request.match_info["id"].lower()
            found = next((item for item in getattr(records(request), kind) if item["id"] == wanted), None)
            if found is None:
                return problem(404, f"Geen {kind[:-1].replace('_', ' ')} met id {wanted!r}.")
            if kind == "organizations":
                found = with_services(records(request), found)
            return web.json_response(found)

        return handler

    definitions = [web.get(f"{PREFIX}/", about)]
    for kind in LIST_PARAMETERS:
        definitions += [
            web.get(f"{PREFIX}/{kind}", listing(kind)),
            web.get(f"{PREFIX}/{kind}/{{id}}", one(kind)),
        ]
    return definitions


def problem(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


def matches(kind: str, item: dict[str, Any], query: Any) -> bool:
    search = query.get("search", "").strip().lower()
    if search and search not in f"{item.get('name', '')} {item.get('description', '')}".lower():
        return False
    if kind == "services":
        if "organization_id" in query and item.get("organization_id") != query["organization_id"].lower():
            return False
        terms = [attribute["taxonomy_term"] for attribute in item.get("attributes") or []]
        if "taxonomy_term_id" in query and query["taxonomy_term_id"].lower() not in {t["id"] for t in terms}:
            return False
        if "taxonomy_id" in query and query["taxonomy_id"].lower() not in {
            t.get("taxonomy_id") for t in terms
        }:
            return False
    if kind == "taxonomy_terms":
        for name in ("taxonomy_id", "parent_id"):
            if name in query and item.get(name) != query[name].lower():
                return False
    return True


def with_services(records: Records, organization: dict[str, Any]) -> dict[str, Any]:
    """An organization with its services (as HSDS nests them: without their organization)."""
    services = [
        {key: value for key, value in service.items() if key != "organization"}
        for service in records.services
        if service["organization_id"] == organization["id"]
    ]
    return {**organization, "services": services}


def paged(items: list[dict[str, Any]], query: Any) -> web.Response:
    page, per_page = query.get("page", "1"), query.get("per_page", str(DEFAULT_PER_PAGE))
    if not NUMBER.fullmatch(page) or int(page) < 1:
        return problem(400, "'page' moet een geheel getal van 1 of meer zijn.")
    if not NUMBER.fullmatch(per_page) or not 1 <= int(per_page) <= MAX_PER_PAGE:
        return problem(400, f"'per_page' moet een getal van 1 tot en met {MAX_PER_PAGE} zijn.")
    number, size = int(page), int(per_page)
    total_pages = max(1, -(-len(items) // size))
    contents = items[(number - 1) * size : number * size]
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
        }
    )
