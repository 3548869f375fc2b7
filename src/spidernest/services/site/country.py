"""The country a site is in, for reading its national phone numbers (``030 1234567``).

Evidence, strongest first: the country of its structured postal address, its country-code
top-level domain, the region of its ``<html lang>`` (``de-AT``), the country most of its
international numbers (``+49 …``) belong to, then the usual country of its language.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import phonenumbers

__all__ = ["guess_region"]

# ccTLDs whose ISO code differs, or that are used as generic domains (.io, .co, .me, .tv…).
_TLD_REGIONS = {"uk": "GB", "gb": "GB", "el": "GR"}
_GENERIC_CC = frozenset({"io", "co", "me", "tv", "ai", "app", "fm", "ly", "to", "gg", "sh", "ws"})
# The country most sites written in a language (and nothing more specific) belong to.
_LANGUAGE_REGIONS = {
    "de": "DE", "fr": "FR", "es": "ES", "it": "IT", "nl": "NL", "pl": "PL", "sv": "SE",
    "pt": "PT", "da": "DK", "nb": "NO", "nn": "NO", "no": "NO", "fi": "FI", "cs": "CZ",
    "sk": "SK", "hu": "HU", "ro": "RO", "bg": "BG", "el": "GR", "tr": "TR", "ru": "RU",
    "uk": "UA", "ja": "JP", "ko": "KR", "zh": "CN", "he": "IL", "et": "EE", "lv": "LV",
    "lt": "LT", "sl": "SI", "hr": "HR", "sr": "RS", "en": "US",
}  # fmt: skip
_COUNTRY_NAMES = {
    "germany": "DE", "deutschland": "DE", "france": "FR", "spain": "ES", "españa": "ES",
    "italy": "IT", "italia": "IT", "netherlands": "NL", "nederland": "NL", "poland": "PL",
    "polska": "PL", "sweden": "SE", "sverige": "SE", "portugal": "PT", "austria": "AT",
    "österreich": "AT", "switzerland": "CH", "schweiz": "CH", "suisse": "CH",
    "united kingdom": "GB", "uk": "GB", "united states": "US", "usa": "US", "belgium": "BE",
    "belgique": "BE", "belgië": "BE", "brasil": "BR", "brazil": "BR", "ireland": "IE",
}  # fmt: skip


def _as_region(value: str) -> str | None:
    value = value.strip()
    if len(value) == 2 and value.isalpha():
        region = value.upper()
        region = "GB" if region == "UK" else region
        return region if region in phonenumbers.SUPPORTED_REGIONS else None
    return _COUNTRY_NAMES.get(value.lower())


def guess_region(
    host: str,
    *,
    languages: list[str],
    address_countries: list[str],
    international_numbers: list[str],
    postcode_countries: Sequence[str] = (),
) -> str | None:
    """The ISO 3166 region to read the site's national numbers with (``None`` if unknown).

    ``postcode_countries`` are the countries the site's text addresses name by their postcode
    format (``NW1 6XE`` → GB): weaker than a structured address, the domain or a language
    tag, stronger than a bare language (a ``.com`` site in ``en`` with a London address).
    """
    for country in address_countries:
        region = _as_region(country)
        if region:
            return region
    region = (
        _from_tld(host)
        or _from_language_tags(languages)
        or next(iter(postcode_countries), None)
        or _from_numbers(international_numbers)
    )
    if region:
        return region
    for language in languages:
        region = _LANGUAGE_REGIONS.get(language.split("-")[0])
        if region:
            return region
    return None


def _from_tld(host: str) -> str | None:
    tld = host.rsplit(".", 1)[-1].lower() if "." in host else ""
    if tld.isalpha() and len(tld) == 2 and tld not in _GENERIC_CC:
        return _TLD_REGIONS.get(tld) or _as_region(tld)
    return None


def _from_language_tags(languages: list[str]) -> str | None:
    for language in languages:
        _, _, sub = language.replace("_", "-").partition("-")
        region = _as_region(sub) if len(sub) == 2 else None
        if region:
            return region
    return None


def _from_numbers(international_numbers: list[str]) -> str | None:
    codes: Counter[str] = Counter()
    for number in international_numbers:
        try:
            parsed = phonenumbers.parse(
                number.replace("00", "+", 1) if number.startswith("00") else number
            )
        except phonenumbers.NumberParseException:
            continue
        region = phonenumbers.region_code_for_number(parsed)
        if region and region != "ZZ":
            codes[region] += 1
    return codes.most_common(1)[0][0] if codes else None
