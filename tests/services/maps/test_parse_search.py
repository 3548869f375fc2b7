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


def test_search_rows_field_by_field() -> None:
    """What the result list shows for "coffee" (Ilion, Athens), read off the rows."""
    businesses = parse_search_page(load_fixture("output.json")).businesses
    dream, cocoza = businesses[0], businesses[1]
    assert dream.name == "Dream Coffee"
    assert dream.place_id == "0x14a1a32f316b15a1:0x169c54b46dcc3a93"
    assert dream.google_place_id == "ChIJoRVrMS-joRQRkzrMbbRUnBY"
    assert dream.cid == "1629270299114224275"  # = the fp= of its "Claim this business" link
    assert (dream.rating, dream.reviews_count) == (4.8, 48)
    assert dream.address == "Eakou 74, Ilion 131 22, Greece"
    assert (dream.street, dream.city, dream.postal_code, dream.state, dream.country) == (
        "Eakou 74",
        "Ilion",
        "131 22",
        None,
        "GR",
    )
    assert dream.phone == "+30 21 0261 6578"
    assert dream.website == "https://www.vrisko.gr/details/ag2e4fci67301a_44_3i4a4c_f341701"
    assert dream.categories == ["Coffee shop"]
    assert dream.coordinates is not None
    assert (dream.coordinates.latitude, dream.coordinates.longitude) == (38.0331931, 23.7094475)
    assert dream.business_status == "OPERATIONAL"
    assert dream.price_range is None  # no price level on this listing
    assert dream.working_hours is not None
    assert next(iter(dream.working_hours)) == "Monday"
    assert (dream.working_hours["Saturday"], dream.working_hours["Sunday"]) == (
        "7 AM–8:30 PM",
        "Closed",
    )
    assert dream.timezone == "Europe/Athens"
    assert dream.plus_code == "2PM5+7Q Ilion"  # computed: search rows list no plus code
    assert dream.link is not None
    assert dream.link.endswith("!1s0x14a1a32f316b15a1:0x169c54b46dcc3a93")
    assert (dream.image_url, dream.images) == (None, [])  # rows carry no place photos
    assert (dream.owner, dream.is_claimed) == (None, False)  # "Claim this business"
    # A claimed listing: the owner's account id, but no owner name, is in the row.
    assert cocoza.is_claimed is True
    assert cocoza.owner is not None
    assert (cocoza.owner.id, cocoza.owner.name) == ("106376824410603546326", None)
    assert cocoza.website is None
    by_name = {b.name: b for b in businesses}
    assert by_name["Coffee Berry Ίλιον"].price_range == "$"
    assert by_name["NooK"].price_range == "$$"
    assert by_name["Coffee Island Άγιοι Ανάργυροι"].website == (
        "https://www.coffeeisland.gr/?utm_campaign=website&utm_medium=organic&utm_source=google"
    )
    assert by_name["Race Coffee"].working_hours is None  # the listing shows no hours
    assert by_name["Coffee Maniacs micro roasters"].categories == ["Coffee shop", "Cafe"]


def test_review_count_missing_from_a_row_is_not_zero() -> None:
    """Live rows have been seen without [4][8]: the "48 reviews" label, else unknown."""
    payload = load_fixture("output.json")
    rating_block = payload[0][1][1][14][4]
    rating_block[8] = None
    assert parse_search_page(payload).businesses[0].reviews_count == 48  # "48 reviews"
    rating_block[3][1] = "1.670 Rezensionen"
    assert parse_search_page(payload).businesses[0].reviews_count == 1670
    rating_block[3] = None
    business = parse_search_page(payload).businesses[0]
    assert (business.rating, business.reviews_count) == (4.8, None)


def test_a_moved_result_list_is_found() -> None:
    payload = load_fixture("output.json")
    rows = payload[0][1]
    payload[0][1] = None
    payload.append([None, [None, rows]])  # somewhere else, two levels down
    page = parse_search_page(payload)
    assert page.rows == 20
    assert page.businesses[0].name == "Dream Coffee"
