"""Contacts from JSON-LD blocks (schema.org Organization, LocalBusiness, Person, ContactPoint).

Walks every object of every ``<script type="application/ld+json">`` block, including
``@graph`` lists and nested ``contactPoint``/``address``/``founder``/``employee`` objects.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from spidernest.services.site.extract.addresses import clean_address, format_postal_address

__all__ = ["StructuredContacts", "parse_jsonld"]

_MAX_NODES = 5_000  # a hostile page cannot make the walk unbounded
_PERSON_TYPES = frozenset({"Person"})


@dataclass(slots=True)
class StructuredContacts:
    """What the structured data of one page states about how to reach its owner."""

    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    faxes: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    same_as: list[str] = field(default_factory=list)
    persons: list[dict[str, str | None]] = field(default_factory=list)


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, list):
        return [item.strip() for item in value if isinstance(item, str) and item.strip()]
    if isinstance(value, dict) and isinstance(value.get("@id"), str):
        return [value["@id"]]
    return []


def _types(node: dict[str, Any]) -> set[str]:
    kind = node.get("@type")
    names = [kind] if isinstance(kind, str) else kind if isinstance(kind, list) else []
    return {str(name).rsplit("/", 1)[-1] for name in names}


def _walk(value: Any, budget: list[int]) -> Iterator[dict[str, Any]]:
    if budget[0] <= 0:
        return
    if isinstance(value, dict):
        budget[0] -= 1
        yield value
        if _types(value) & _PERSON_TYPES:
            return  # a person's own phone or address is not the company's
        for child in value.values():
            if isinstance(child, dict | list):
                yield from _walk(child, budget)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item, budget)


def _person(node: dict[str, Any]) -> dict[str, str | None] | None:
    names = _texts(node.get("name"))
    if not names:
        given, family = _texts(node.get("givenName")), _texts(node.get("familyName"))
        if not given or not family:
            return None
        names = [f"{given[0]} {family[0]}"]
    links = _texts(node.get("sameAs")) + _texts(node.get("url"))
    linkedin = next((link for link in links if "linkedin.com/in/" in link), None)
    emails = _texts(node.get("email"))
    titles = _texts(node.get("jobTitle")) or _texts(node.get("roleName"))
    return {
        "name": names[0][:200],
        "title": titles[0][:200] if titles else None,
        "email": emails[0].removeprefix("mailto:").lower() if emails else None,
        "linkedin": linkedin,
    }


def _collect(node: dict[str, Any], found: StructuredContacts) -> None:
    types = _types(node)
    if types & _PERSON_TYPES:
        person = _person(node)
        if person is not None:
            found.persons.append(person)
        return
    found.emails += [e.removeprefix("mailto:") for e in _texts(node.get("email"))]
    found.phones += _texts(node.get("telephone"))
    found.faxes += _texts(node.get("faxNumber"))
    found.same_as += _texts(node.get("sameAs"))
    if "PostalAddress" in types:
        address = format_postal_address(node)
        if address:
            found.addresses.append(address)
        found.countries += [c for c in _country_of(node) if c]
    elif isinstance(node.get("address"), str):
        found.addresses.append(clean_address(node["address"]))


def _country_of(node: dict[str, Any]) -> list[str]:
    country = node.get("addressCountry")
    if isinstance(country, dict):
        country = country.get("name") or country.get("@id")
    return [country.strip()] if isinstance(country, str) else []


def parse_jsonld(blocks: list[str]) -> StructuredContacts:
    """Contacts stated in the given JSON-LD script bodies (invalid JSON is skipped)."""
    found = StructuredContacts()
    budget = [_MAX_NODES]
    for block in blocks:
        try:
            data = json.loads(block.strip().rstrip(";"))
        except (ValueError, RecursionError):
            continue
        for node in _walk(data, budget):
            _collect(node, found)
    return found
