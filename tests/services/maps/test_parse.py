"""Payload shapes and layout drift: envelopes, embedded page state, and mutated payloads that
must never raise."""

from __future__ import annotations

import copy
import json
import random
from typing import Any

import pytest

from spidernest.services.maps.parse import parse_businesses, parse_decoded
from spidernest.services.maps.parse_search import decode_payload, parse_search_page
from tests.services.maps.standin import FIXTURES, load_fixture, maps_place_page


def test_prefix_and_wrapper_variants() -> None:
    raw = (FIXTURES / "raw.json").read_text(encoding="utf-8").strip()
    wrapped = json.dumps({"c": 0, "d": ")]}'\n" + raw}) + '/*""*/'
    for text in (raw, ")]}'\n" + raw, ")]}'" + raw, wrapped, "\ufeff" + raw):
        (business,) = parse_businesses(text)
        assert business.name == "Kipriakon"


def test_not_json_is_nothing() -> None:
    assert (
        decode_payload("<html><body>Our systems have detected unusual traffic</body></html>")
        is None
    )
    assert parse_businesses("<html></html>") == []
    assert parse_businesses("") == []
    assert parse_businesses("null") == []
    assert parse_businesses("[1, 2, 3]") == []


def test_place_page_html_state() -> None:
    html = maps_place_page((FIXTURES / "panic.json").read_text(encoding="utf-8").strip())
    (business,) = parse_businesses(html)
    assert business.name == "Happy Island Restaurant"
    assert business.cid == "516632626948386591"


def test_search_response_all_rows() -> None:
    page = parse_search_page(load_fixture("output.json"))
    assert page.rows == 20
    assert len(page.businesses) == 20
    assert page.viewport is not None
    assert (page.viewport.longitude, page.viewport.latitude) == (23.7, 38.0289)
    names = [b.name for b in page.businesses]
    assert names[:3] == [
        "Dream Coffee",
        "Cocoza Speciality Coffee",
        "Coffee Maniacs micro roasters",
    ]
    assert all(b.place_id and b.place_id.startswith("0x") for b in page.businesses)
    assert all(b.google_place_id and b.google_place_id.startswith("ChIJ") for b in page.businesses)
    assert all(b.coordinates is not None for b in page.businesses)


def test_one_broken_row_does_not_lose_the_others() -> None:
    payload = load_fixture("output.json")
    rows = payload[0][1]
    rows[2][14][4] = "not a list"  # rating block
    rows[2][14][9] = {"lat": 1}  # coordinates
    rows[2][14][13] = "Cafe"  # categories
    rows[2][14][34] = [None, "garbage"]  # hours
    rows[3][14] = None  # a whole row gone
    rows[4][14][9] = [None, None, 999.0, 999.0]  # out of range
    businesses = parse_decoded(payload)
    assert len(businesses) == 19
    broken = businesses[1]
    assert broken.name == "Cocoza Speciality Coffee"
    assert (broken.rating, broken.coordinates, broken.categories, broken.working_hours) == (
        None,
        None,
        [],
        None,
    )
    assert broken.phone == "+30 21 2121 2540"
    assert businesses[2].coordinates is None


def _mutate(value: Any, rng: random.Random, depth: int = 0) -> Any:
    """Randomly drop, retype or truncate parts of a payload, as a layout change might."""
    if isinstance(value, list):
        if rng.random() < 0.05:
            return rng.choice([None, "x", 0, 1.5, True, {}, []])
        if rng.random() < 0.05:
            return value[: rng.randrange(len(value) + 1)]
        return [_mutate(item, rng, depth + 1) for item in value]
    if rng.random() < 0.05:
        return rng.choice([None, "x", 0, -1, 1e308, False, ["nested"], {"k": "v"}])
    return value


@pytest.mark.parametrize(
    "name", ["raw.json", "raw2.json", "panic.json", "panic2.json", "output.json"]
)
def test_drifted_payloads_never_raise(name: str) -> None:
    original = load_fixture(name)
    rng = random.Random(name)
    for _ in range(8):
        mutated = _mutate(copy.deepcopy(original), rng)
        for business in parse_decoded(mutated, with_reviews=True):
            business.model_dump_json()


def test_duplicates_collapse_by_place_id() -> None:
    payload = load_fixture("output.json")
    payload[0][1].extend(copy.deepcopy(payload[0][1][1:4]))
    assert len(parse_decoded(payload)) == 20
