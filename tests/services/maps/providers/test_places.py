"""Places API (New) responses read field by field; malformed places skipped."""

from __future__ import annotations

from spidernest.services.maps.providers.places import FIELD_MASK, parse_places_response
from tests.services.maps.standin import load_fixture


def test_field_mask_asks_for_what_the_result_needs() -> None:
    for field in (
        "places.id",
        "places.displayName",
        "places.addressComponents",
        "places.regularOpeningHours",
        "places.businessStatus",
        "nextPageToken",
    ):
        assert field in FIELD_MASK.split(",")


def test_parse_text_search_response() -> None:
    parsed = parse_places_response(load_fixture("places_text_search.json"))
    (kipriakon, photo), (island, no_photo) = parsed
    assert photo == "places/ChIJDdnwdv0y5xQRRytw1ihZQeU/photos/AUc7tXX1"
    assert no_photo is None
    assert kipriakon.name == "Kipriakon"
    assert kipriakon.address == "Old port, Limassol 3042, Cyprus"
    assert kipriakon.plus_code == "M2CR+6X Limassol, Cyprus"
    assert kipriakon.timezone == "Asia/Nicosia"
    assert kipriakon.state == "Limassol"
    assert kipriakon.coordinates is not None
    assert kipriakon.coordinates.latitude == 34.670595399999996
    assert kipriakon.link == "https://maps.google.com/?cid=16519582940102929223"
    assert kipriakon.website == "https://kipriakon.example/"
    assert kipriakon.categories == ["Restaurant", "food"]  # the primary type is not repeated
    assert kipriakon.image_url is None  # resolved only when photos are asked for
    assert island.business_status == "CLOSED_TEMPORARILY"
    assert island.price_range is None
    assert island.working_hours is None


def test_malformed_places_are_skipped() -> None:
    data = {"places": [None, "x", {"displayName": "not a dict"}, {"id": "ok", "rating": "4"}]}
    parsed = parse_places_response(data)
    assert [business.google_place_id for business, _ in parsed] == ["ok"]
    assert parsed[0][0].rating is None
    assert parse_places_response({}) == []
