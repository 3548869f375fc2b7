"""The fast-path search response: every row, the viewport, and rows that break."""

from __future__ import annotations

from spidernest.services.maps.parse import parse_decoded
from spidernest.services.maps.parse_search import decode_payload, parse_search_page
from tests.services.maps.standin import load_fixture


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
    rows[2][14][34] = [None, "garbage"]  # hours, both layouts
    rows[2][14][203] = "garbage"
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
    # [9] out of range: the copy of the point at [208] is read instead.
    assert businesses[2].coordinates is not None
    assert (businesses[2].coordinates.latitude, businesses[2].coordinates.longitude) == (
        38.0307309,
        23.7032581,
    )


def test_empty_search_response() -> None:
    payload = load_fixture("output.json")
    payload[0][1] = payload[0][1][:1]
    page = parse_search_page(payload)
    assert (page.rows, page.businesses) == (0, [])
    assert page.viewport is not None


def test_decode_wrapped_answer() -> None:
    assert decode_payload('{"c":0,"d":")]}\'\\n[[1]]"}/*""*/') == [[1]]
