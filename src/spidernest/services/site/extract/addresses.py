"""Postal addresses: schema.org PostalAddress (JSON-LD or microdata), ``<address>``, footer text.

Text is read conservatively: a line counts only when it holds a postcode followed by a town
in a format of a country we know, and the street line before it (if any) is joined to it.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["addresses_from_text", "clean_address", "country_of_address", "format_postal_address"]

_US_STYLE = frozenset({"US", "USA", "CA", "AU", "United States"})
# Postcode then town, per country family (the postcode formats of the UPU address guides).
_POSTCODE_TOWN = re.compile(
    r"(?:^|,\s*)(?:[A-Z]{1,2}-)?"
    r"(?:\d{4,5}|\d{2}-\d{3}|\d{3} \d{2}|\d{4}-\d{3}|\d{5}-\d{3}|\d{4} ?[A-Z]{2})"
    r"\s+[A-ZÀ-ÖØ-ÞĄĆĘŁŃÓŚŹŻ][\w'’ .()-]{1,40}$"
)
# Postcodes that name their country, shared by the line tests below and ``country_of_address``.
_UK_POSTCODE = r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}"
_US_STATE_ZIP = r",\s*[A-Z]{2}\s+\d{5}(?:-\d{4})?$"
_AU_STATE_POSTCODE = r"(?:NSW|VIC|QLD|WA|SA|TAS|ACT|NT)\s+\d{4}"
_CA_PROVINCE_POSTCODE = r"(?:AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT)\s+[A-Z]\d[A-Z] ?\d[A-Z]\d"
_BR_CEP = r"\bCEP:?\s*\d{5}-?\d{3}"
_IE_EIRCODE = r"\b(?:[AC-FHKNPRTV-Y]\d{2}|D6W) ?[0-9AC-FHKNPRTV-Y]{4}$"
_SG_POSTCODE = r"\bSingapore\s+\d{6}"
# US/UK: "Springfield, IL 62704" and "London EC1A 1BB".
_US_LINE = re.compile(r"[A-Za-z .'-]{2,40}" + _US_STATE_ZIP)
_UK_LINE = re.compile(_UK_POSTCODE + "$")
# Postcodes that end a line after the town and state/province (Australia Post, Canada Post,
# Correios, An Post): "Annandale NSW 2038", "Vancouver, BC V6B 2S2", "São Paulo – SP, CEP
# 01310-100", "Dublin 2, D02 X285"; or named "C.P." anywhere in the line (Mexico, Spain:
# "C.P. 06700, Cuauhtémoc, CDMX").
_TOWN = r"[A-Za-zÀ-ÿ .'-]{2,40},?\s+"
_TRAILING_POSTCODE = re.compile(
    rf"{_TOWN}{_AU_STATE_POSTCODE}$"
    rf"|{_TOWN}{_CA_PROVINCE_POSTCODE}$"
    rf"|{_BR_CEP}$"
    r"|\bC\.\s?P\.\s?\d{5}\b"
    rf"|{_IE_EIRCODE}"
    rf"|{_SG_POSTCODE}$"
    # India Post PIN after the town: "Andheri (East), Mumbai - 400069, Maharashtra".
    r"|[A-Za-z)]\s[-–]\s[1-9]\d{2} ?\d{3}(?:,\s*[A-Za-z ]{3,30})?$"
)
# Japan Post: the postal mark and code start the address, which follows on the same line or
# the next one ("〒143-0015 東京都大田区大森西3-14-8").
_JP_POSTCODE = re.compile(r"〒\s?\d{3}[-－‐]\d{4}")
# A house number before ("123 Main St") or after ("Hauptstraße 5a") a word.
_STREET = re.compile(r"\d+\w?\s+\w+|\w+\.?\s*\d+\w?")
_NOT_ADDRESS = re.compile(
    r"@|https?://|tel|fax|phone|©|\bIBAN\b|\bUSt|\bHRB|capital|kapital|€|\$|£|\bVAT\b|\bTVA\b|"
    # Company and tax registers (India, Singapore, Denmark, Finland, France, Australia, US).
    r"(?-i:\b(?:GSTIN?|CIN|PAN|UEN|CVR|SIRE[NT]|ABN|EIN)\b)|Y-tunnus",
    re.IGNORECASE,
)
_LABEL = re.compile(r"^[^:\d]{2,30}:\s*")
_SPACES = re.compile(r"\s+")


def clean_address(value: str) -> str:
    """One line, single spaces, no stray separators."""
    value = _SPACES.sub(" ", value.replace("\n", ", ")).strip(" ,;")
    return re.sub(r"(?:\s*,\s*)+", ", ", value)


def format_postal_address(node: dict[str, Any]) -> str | None:
    """``123 Main St, San Francisco, CA 94105`` or ``Hauptstr. 1, 10115 Berlin, Germany``."""

    def text(key: str) -> str:
        value = node.get(key)
        if isinstance(value, dict):
            value = value.get("name")
        if isinstance(value, list):
            value = ", ".join(v for v in value if isinstance(v, str))
        return value.strip() if isinstance(value, str) else ""

    street, postcode = text("streetAddress"), text("postalCode")
    town, region, country = text("addressLocality"), text("addressRegion"), text("addressCountry")
    if not (street or town or postcode):
        return None
    if country in _US_STYLE:
        parts = [street, town, f"{region} {postcode}".strip()]
    else:
        parts = [street, f"{postcode} {town}".strip(), region]
    if len(country) > 3:
        parts.append(country)
    return clean_address(", ".join(part for part in parts if part))


def _is_postcode_line(line: str) -> bool:
    return bool(
        _POSTCODE_TOWN.search(line)
        or _US_LINE.search(line)
        or _UK_LINE.search(line)
        or _TRAILING_POSTCODE.search(line)
    )


def _is_street_line(previous: str, line: str) -> bool:
    """Whether ``previous`` is the street line of the postcode line ``line``."""
    return (
        bool(previous)
        and len(previous) <= 80
        and _STREET.search(previous) is not None
        and any(ch.isdigit() for ch in previous)
        and not _NOT_ADDRESS.search(previous)
        # Two postcode lines in a row ("28013 Madrid" / "1600 Amphitheatre Pkwy") are two
        # addresses' ends, not a street and its town.
        and not (_is_postcode_line(previous) and _POSTCODE_TOWN.search(line))
    )


def _japanese_address(lines: list[str], index: int) -> str | None:
    """``〒143-0015`` and the address after it, on its line or the next."""
    mark = _JP_POSTCODE.search(lines[index])
    if mark is None:
        return None
    address = lines[index][mark.start() :].strip()
    if len(address) - (mark.end() - mark.start()) < 5 and index + 1 < len(lines):
        following = lines[index + 1]
        if len(following) <= 80 and any(ch.isdigit() for ch in following):
            address = f"{address} {following}"
    return clean_address(address) if len(address) <= 120 else None


def addresses_from_text(text: str) -> list[str]:
    """Addresses written as lines of text (a footer, an imprint): street line + postcode line."""
    lines = [line.strip() for line in text.split("\n")]
    found: list[str] = []
    for index, line in enumerate(lines):
        if "〒" in line:
            japanese = _japanese_address(lines, index)
            if japanese is not None:
                found.append(japanese)
            continue
        if not 5 <= len(line) <= 120 or _NOT_ADDRESS.search(line) or not _is_postcode_line(line):
            continue
        line = _LABEL.sub("", line)  # "Siège social : 12 rue …", "Besöksadress: …"
        previous = lines[index - 1] if index else ""
        if _is_street_line(previous, line):
            found.append(clean_address(f"{previous}, {line}"))
        elif "," in line and _STREET.search(line.split(",")[0]):
            found.append(clean_address(line))
    return found


# Postcode formats that name their country (the ambiguous 4- and 5-digit ones do not).
_COUNTRY_POSTCODES = (
    ("GB", re.compile(_UK_POSTCODE + r"\b")),
    ("CA", re.compile(rf"\b{_CA_PROVINCE_POSTCODE}\b")),
    ("AU", re.compile(rf"\b{_AU_STATE_POSTCODE}\b")),
    ("BR", re.compile(_BR_CEP + r"\b|\b\d{5}-\d{3}\b")),
    ("IE", re.compile(_IE_EIRCODE)),
    ("US", re.compile(_US_STATE_ZIP)),
    ("PL", re.compile(r"\b\d{2}-\d{3}\s+[A-ZĄĆĘŁŃÓŚŹŻ]")),
    ("NL", re.compile(r"\b\d{4} ?[A-Z]{2}\s+[A-Z]")),
    ("SG", re.compile(_SG_POSTCODE + r"\b")),
    ("IN", re.compile(r"[A-Za-z)]\s[-–]\s[1-9]\d{2}\s?\d{3}\b")),
    ("JP", _JP_POSTCODE),
)


def country_of_address(address: str) -> str | None:
    """The ISO 3166 country an address's postcode format belongs to, when it tells one."""
    for country, pattern in _COUNTRY_POSTCODES:
        if pattern.search(address):
            return country
    return None
