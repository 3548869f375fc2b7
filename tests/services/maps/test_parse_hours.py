"""Opening hours in both layouts, and the closure status from banners and badges.

No fixture shows a closed place, so closures are tested on copies of real place arrays with
the banner or badge put where Google puts it.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from spidernest.services.maps.parse_hours import parse_hours, parse_status
from tests.services.maps.standin import load_fixture

KIPRIAKON_HOURS = dict.fromkeys(
    ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"), "12:30–10 pm"
)


def place(name: str) -> list[Any]:
    darray = load_fixture(name)[6]
    assert isinstance(darray, list)
    return copy.deepcopy(darray)


def row(name: str, index: int) -> list[Any]:
    darray = load_fixture(name)[0][1][index][14]
    assert isinstance(darray, list)
    return copy.deepcopy(darray)


def test_hours_from_the_older_layout() -> None:
    hours = parse_hours(place("raw.json"))
    assert hours == KIPRIAKON_HOURS
    assert hours is not None
    assert list(hours) == list(KIPRIAKON_HOURS)


def test_hours_from_the_2025_layout_when_the_older_one_is_gone() -> None:
    """[203][0] rows name the weekday by number (1 = Monday) and their time slots at [3]."""
    darray = place("raw.json")
    darray[34] = None
    assert parse_hours(darray) == KIPRIAKON_HOURS
    greek = place("raw2.json")
    greek[34] = None
    hours = parse_hours(greek)
    assert hours is not None
    assert next(iter(hours)) == "Monday"
    assert hours["Saturday"] == "9:00 π.μ.–11:30 μ.μ."
    panic = place("panic.json")
    panic[34] = None
    assert parse_hours(panic) == parse_hours(place("panic.json"))


def test_closed_days_and_several_ranges() -> None:
    dream = row("output.json", 1)
    hours = parse_hours(dream)
    assert hours is not None
    assert (hours["Sunday"], hours["Monday"]) == ("Closed", "7 AM–8:30 PM")
    dream[34] = None
    assert parse_hours(dream) == hours
    split = place("raw.json")
    split[34][1][0][1] = ["12–3\u202fpm", "6–11\u202fpm"]
    assert (parse_hours(split) or {})["Monday"] == "12–3 pm, 6–11 pm"


def test_no_hours() -> None:
    assert parse_hours(place("panic2.json")) is None
    assert parse_hours(row("output.json", 8)) is None  # Race Coffee lists none


def test_open_state_lines_are_not_closures() -> None:
    assert parse_status(place("raw.json")) == "OPERATIONAL"  # "Closed ⋅ Opens 12:30 pm Tue"
    assert parse_status(place("raw2.json")) == "OPERATIONAL"  # "Ανοιχτά ⋅ Κλείνει στις…"
    assert parse_status(place("panic.json")) == "OPERATIONAL"  # [88][0] is "Brunch"
    assert parse_status(row("output.json", 8)) == "OPERATIONAL"  # "Open now"


@pytest.mark.parametrize(
    ("path", "text", "expected"),
    [
        ((34, 4, 4), "Permanently closed", "CLOSED_PERMANENTLY"),
        ((34, 4, 4), "Temporarily closed", "CLOSED_TEMPORARILY"),
        ((203, 1, 4, 0), "Permanently closed", "CLOSED_PERMANENTLY"),
        ((203, 1, 8, 0), "Vorübergehend geschlossen", "CLOSED_TEMPORARILY"),
        ((203, 1, 4, 0), "Μόνιμα κλειστό", "CLOSED_PERMANENTLY"),
        ((203, 1, 4, 0), "Fermé temporairement", "CLOSED_TEMPORARILY"),
    ],
)
def test_closure_banners(path: tuple[int, ...], text: str, expected: str) -> None:
    darray = place("raw.json")
    target: Any = darray
    for index in path[:-1]:
        target = target[index]
    target[path[-1]] = text
    assert parse_status(darray) == expected


def test_closure_badge_of_newer_payloads() -> None:
    """Mid-2026 payloads dropped the banner text and flag permanent closures at [88][0]."""
    darray = place("panic.json")
    darray[34][4][4] = None
    darray[203] = None
    darray[88][0] = "CLOSED"
    assert parse_status(darray) == "CLOSED_PERMANENTLY"
    darray[88][0] = "TEMPORARILY_CLOSED"
    assert parse_status(darray) == "CLOSED_TEMPORARILY"
    darray[88] = None
    assert parse_status(darray) == "OPERATIONAL"


def test_status_of_a_search_row() -> None:
    darray = row("output.json", 3)
    darray[203][1][4][0] = "Temporarily closed"
    darray[34] = None
    assert parse_status(darray) == "CLOSED_TEMPORARILY"
