"""Opening hours and the closure status out of a Google Maps place array.

Google has carried the week twice: ``[34][1]`` (rows ``[day, [times], _, _, "2023-09-04", …]``,
the layout of every fixture) and ``[203][0]`` (rows ``[day, 1-7, [y, m, d], [[times, …]], …]``,
which gosom/google-maps-scraper reads first since Google moved there in late 2025). Both are
read; the first that yields a day wins. The same goes for the status: the open-state line
("Closed ⋅ Opens 12:30 pm Tue", "Permanently closed") sits at ``[34][4][4]`` or ``[203][1][4][0]``,
and newer payloads put a closure badge at ``[88][0]`` ("CLOSED" on permanently closed places,
gosom/google-maps-scraper#304), where older ones kept a highlight ("Brunch").
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from spidernest.services.maps.arrays import dig_int, dig_list, dig_str
from spidernest.services.maps.result import BusinessStatus

__all__ = ["WEEKDAYS", "parse_hours", "parse_status"]

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY_BY_LABEL = {weekday.lower(): weekday for weekday in WEEKDAYS}
_SPACES = str.maketrans({"\u202f": " ", "\u00a0": " ", "\u2009": " "})
# Where the open-state line and the short badge have been seen ([34][4][4] until mid-2026,
# [203][1][4][0], [203][1][5][0] and the short form [203][1][8][0] in every fixture).
_STATUS_TEXT_PATHS = ((34, 4, 4), (203, 1, 4, 0), (203, 1, 5, 0), (203, 1, 8, 0))
# Closure banners as the Maps UI words them, lowercase; "Closed ⋅ Opens 9 am" must not match.
_CLOSED_PERMANENTLY = (
    "permanently closed",
    "closed permanently",
    "permanently_closed",
    "closed_permanently",
    "définitivement fermé",
    "fermé définitivement",
    "dauerhaft geschlossen",
    "cerrado permanentemente",
    "cerrado definitivamente",
    "chiuso definitivamente",
    "chiuso permanentemente",
    "permanentemente chiuso",
    "fechado permanentemente",
    "fechado definitivamente",
    "permanent gesloten",
    "definitief gesloten",
    "zamknięte na stałe",
    "trvale zavřeno",
    "kalıcı olarak kapalı",
    "permanent stängt",
    "permanent lukket",
    "permanent stengt",
    "закрыто навсегда",
    "μόνιμα κλειστό",
    "închis definitiv",
    "閉業",
    "폐업",
)
_CLOSED_TEMPORARILY = (
    "temporarily closed",
    "closed temporarily",
    "temporarily_closed",
    "closed_temporarily",
    "fermé temporairement",
    "temporairement fermé",
    "vorübergehend geschlossen",
    "temporär geschlossen",
    "cerrado temporalmente",
    "temporalmente cerrado",
    "chiuso temporaneamente",
    "temporaneamente chiuso",
    "temporariamente fechado",
    "fechado temporariamente",
    "tijdelijk gesloten",
    "tymczasowo zamknięte",
    "dočasně zavřeno",
    "geçici olarak kapalı",
    "tillfälligt stängt",
    "midlertidigt lukket",
    "midlertidig stengt",
    "временно закрыто",
    "προσωρινά κλειστό",
    "închis temporar",
    "臨時休業",
    "임시 휴업",
)
# The machine badge at [88][0] on newer payloads; "CLOSED" is what permanently closed places
# carry there (gosom/google-maps-scraper#304). Temporary closures keep their banner text.
_CLOSED_BADGES: dict[str, BusinessStatus] = {"CLOSED": "CLOSED_PERMANENTLY"}


def parse_status(darray: list[Any]) -> BusinessStatus:
    """OPERATIONAL unless a closure banner or badge says otherwise."""
    texts = [dig_str(darray, *path) for path in _STATUS_TEXT_PATHS]
    badge = dig_str(darray, 88, 0)
    text = " ".join(t.lower() for t in (*texts, badge) if t)
    if any(marker in text for marker in _CLOSED_PERMANENTLY):
        return "CLOSED_PERMANENTLY"
    if any(marker in text for marker in _CLOSED_TEMPORARILY):
        return "CLOSED_TEMPORARILY"
    if badge is None:
        return "OPERATIONAL"
    return _CLOSED_BADGES.get(badge.upper(), "OPERATIONAL")


def parse_hours(darray: list[Any]) -> dict[str, str] | None:
    """Opening hours keyed by English weekday, Monday first ({"Monday": "12:30–10 pm"}).

    Google names the days in the UI language ("Σάββατο"), but each row also carries its date
    or weekday number, which gives the English weekday in any language. Values keep Google's
    wording ("Closed", "Open 24 hours"), several ranges joined by ", ".
    """
    found = _week(dig_list(darray, 34, 1), _times_34, _weekday_34)
    if not found:
        found = _week(dig_list(darray, 203, 0), _times_203, _weekday_203)
    if not found:
        return None
    return {day: found[day] for day in (*WEEKDAYS, *found) if day in found}


def _week(
    rows: list[Any],
    times_of: Callable[[Any], list[str]],
    weekday_of: Callable[[Any], str | None],
) -> dict[str, str]:
    found: dict[str, str] = {}
    for row in rows:
        day = weekday_of(row)
        times = [t.translate(_SPACES).strip() for t in times_of(row)]
        times = [t for t in times if t]
        if day is not None and times:
            found[day] = ", ".join(times)
    return found


def _times_34(row: Any) -> list[str]:
    return [t for t in dig_list(row, 1) if isinstance(t, str)]


def _times_203(row: Any) -> list[str]:
    slots = dig_list(row, 3)
    return [text for slot in slots if (text := dig_str(slot, 0)) is not None]


def _weekday_34(row: Any) -> str | None:
    stamp = dig_str(row, 4)
    if stamp:
        try:
            return WEEKDAYS[date.fromisoformat(stamp).weekday()]
        except ValueError:
            pass
    return _weekday_from_label(dig_str(row, 0))


def _weekday_203(row: Any) -> str | None:
    number = dig_int(row, 1)
    if number is not None and 1 <= number <= len(WEEKDAYS):
        return WEEKDAYS[number - 1]
    year, month, day = dig_int(row, 2, 0), dig_int(row, 2, 1), dig_int(row, 2, 2)
    if year is not None and month is not None and day is not None:
        try:
            return WEEKDAYS[date(year, month, day).weekday()]
        except ValueError:
            pass
    return _weekday_from_label(dig_str(row, 0))


def _weekday_from_label(label: str | None) -> str | None:
    if label is None:
        return None
    return _WEEKDAY_BY_LABEL.get(label.lower(), label)
