"""Place payloads parsed field by field against what a person reads on the listing."""

from __future__ import annotations

import pytest

from spidernest.services.maps.parse import parse_businesses, parse_decoded
from spidernest.services.maps.result import Business
from tests.services.maps.standin import FIXTURES, load_fixture


def parse_one(name: str, *, with_reviews: bool = False) -> Business:
    businesses = parse_businesses(
        (FIXTURES / name).read_text(encoding="utf-8"), with_reviews=with_reviews
    )
    assert len(businesses) == 1
    return businesses[0]


KIPRIAKON_HOURS = dict.fromkeys(
    ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"), "12:30–10 pm"
)


def test_raw_kipriakon_every_field() -> None:
    business = parse_one("raw.json")
    assert business.name == "Kipriakon"
    assert business.place_id == "0x14e732fd76f0d90d:0xe5415928d6702b47"
    assert business.google_place_id == "ChIJDdnwdv0y5xQRRytw1ihZQeU"
    assert business.cid == "16519582940102929223"
    assert business.rating == 4.2
    assert business.reviews_count == 396
    assert business.address == "Old port, Limassol 3042"
    assert (business.street, business.city, business.postal_code) == (
        "Old port",
        "Limassol",
        "3042",
    )
    assert business.state is None
    assert business.country == "CY"
    assert business.phone == "25 101555"
    assert business.website is None  # the listing shows no website
    assert business.categories == ["Restaurant"]
    assert business.coordinates is not None
    assert business.coordinates.latitude == pytest.approx(34.6705954)
    assert business.coordinates.longitude == pytest.approx(33.0424567)
    assert business.link == (
        "https://www.google.com/maps/place/Kipriakon/data=!4m2!3m1!1s0x14e732fd76f0d90d:"
        "0xe5415928d6702b47!10m1!1e1"
    )
    assert business.business_status == "OPERATIONAL"
    assert business.price_range == "€€"
    assert business.working_hours == KIPRIAKON_HOURS
    assert list(business.working_hours) == list(KIPRIAKON_HOURS)  # Monday first
    assert business.plus_code == "M2CR+6X Limassol"
    assert business.timezone == "Asia/Nicosia"
    assert business.image_url == (
        "https://lh5.googleusercontent.com/p/AF1QipP4Y7A8nYL3KKXznSl69pXSq9p2IXCYUjVvOh0F=w408-h408-k-no"
    )
    assert business.owner is not None
    assert business.owner.name == "Kipriakon (Owner)"
    assert business.owner.id == "102769814432182832009"
    assert business.owner.link == "https://www.google.com/maps/contrib/102769814432182832009"
    assert business.is_claimed is True
    assert business.description is None  # the listing has no "From the owner" text
    assert [image.title for image in business.images] == [
        "All",
        "Latest",
        "Videos",
        "Menu",
        "Food & drink",
        "Vibe",
        "Fried green tomatoes",
        "French fries",
        "By owner",
        "Street View & 360°",
    ]
    assert business.images[0].url == (
        "https://lh5.googleusercontent.com/p/AF1QipP4Y7A8nYL3KKXznSl69pXSq9p2IXCYUjVvOh0F=w298-h298-k-no"
    )
    assert business.images[3].url == (
        "https://lh5.googleusercontent.com/p/AF1QipNhoFtPcaLCIhdN3GhlJ6sQIvdhaESnRG8nyeC8=w397-h298-k-no"
    )
    assert business.reviews is None  # not asked for


def test_raw2_greek_ui_keeps_english_weekdays_and_unescapes_urls() -> None:
    """raw2 is the same place read with hl=el, its strings still JavaScript-escaped."""
    business = parse_one("raw2.json")
    assert business.name == "Κυπριακόν"
    assert business.place_id == "0x14e732fd76f0d90d:0xe5415928d6702b47"
    assert business.google_place_id == "ChIJDdnwdv0y5xQRRytw1ihZQeU"
    assert business.cid == "16519582940102929223"
    assert (business.rating, business.reviews_count) == (4.1, 516)
    assert business.address == "Old port, Λεμεσός 3042"
    assert (business.city, business.postal_code, business.country) == ("Λεμεσός", "3042", "CY")
    assert business.categories == ["Εστιατόριο"]
    assert business.working_hours is not None
    assert next(iter(business.working_hours)) == "Monday"
    assert business.working_hours["Saturday"] == "9:00 π.μ.–11:30 μ.μ."
    assert len(business.working_hours) == 7
    assert business.owner is not None
    assert business.owner.name == "Κυπριακόν (Ιδιοκτήτης)"
    assert business.image_url is not None
    assert "\\u003d" not in business.image_url
    assert business.image_url.endswith("=w408-h408-k-no")
    assert business.images[0].title == "Όλα"
    assert all("\\u003d" not in image.url for image in business.images)
    assert business.is_claimed is True
    assert business.timezone == "Asia/Nicosia"
    assert business.price_range == "€€"
    # No link in this payload: one is built from the feature id.
    assert business.link is not None
    assert "0x14e732fd76f0d90d:0xe5415928d6702b47" in business.link


def test_panic_happy_island() -> None:
    business = parse_one("panic.json")
    assert business.name == "Happy Island Restaurant"
    assert business.place_id == "0x14e706c6b6df081d:0x72b72a310a2af1f"
    assert business.google_place_id == "ChIJHQjftsYG5xQRH6-iEKNyKwc"
    assert business.cid == "516632626948386591"
    assert (business.rating, business.reviews_count) == (4.7, 518)
    assert business.address == "65 Natalia Court, Poseidonos Ave, Paphos 8042"
    assert business.street == "65 Natalia Court, Poseidonos Ave"
    assert (business.city, business.postal_code, business.country) == ("Paphos", "8042", "CY")
    assert business.phone == "26 937077"
    assert business.price_range == "€€"
    assert business.plus_code == "QC39+VV Paphos"
    assert business.working_hours is not None
    assert business.working_hours["Monday"] == "12 am–11 pm"
    assert business.working_hours["Wednesday"] == "12 am–10:45 pm"
    assert business.working_hours["Friday"] == "12–11 pm"
    assert business.owner is not None
    assert business.owner.id == "104029454436273350927"
    assert business.coordinates is not None
    assert business.coordinates.latitude == pytest.approx(34.754666)
    assert business.coordinates.longitude == pytest.approx(32.4197193)
    assert business.categories == ["Restaurant"]
    assert business.business_status == "OPERATIONAL"
    assert business.timezone == "Asia/Nicosia"
    assert business.owner.name == "Happy Island Restaurant (Owner)"
    assert business.is_claimed is True
    assert business.image_url == (
        "https://lh5.googleusercontent.com/p/AF1QipNvgYcdhg91YZpt1zKKAvKzpedUTt2CtkYTUsfY=w408-h306-k-no"
    )
    assert len(business.images) == 11
    assert business.website is None  # the listing shows no website


def test_panic2_island_beach_bar_missing_hours_and_postcode() -> None:
    business = parse_one("panic2.json")
    assert business.name == "Island Beach Bar and Restaurant"
    assert business.place_id == "0x14e775b739165b35:0x7e80ca7641cd7953"
    assert business.google_place_id == "ChIJNVsWObd15xQRU3nNQXbKgH4"
    assert business.cid == "9115508255056820563"
    assert business.categories == ["Restaurant", "Cocktail bar"]
    assert (business.rating, business.reviews_count) == (4.4, 504)
    assert business.address == "29RR+CPC, Λεοφόρος Ακάμαντος, Poli Crysochous"
    assert business.city == "Poli Crysochous"
    # Google's street part starts with the plus code (no street number); it is in plus_code.
    assert business.street == "Λεοφόρος Ακάμαντος"
    assert business.postal_code is None
    assert business.working_hours is None  # the listing shows no hours
    assert business.phone == "97 754374"
    assert business.plus_code == "29RR+CPC Latsi"
    # The owner id only sits at the end of the owner block in this payload.
    assert business.owner is not None
    assert business.owner.id == "116356520408043890474"
    assert business.owner.name == "Island Beach Bar and Restaurant (Owner)"
    # ...and the listing offers "Claim this business".
    assert business.is_claimed is False
    assert business.price_range == "€€"
    assert business.business_status == "OPERATIONAL"
    assert business.coordinates is not None
    assert (business.coordinates.latitude, business.coordinates.longitude) == pytest.approx(
        (35.0410728, 32.3917503)
    )
    assert business.image_url == (
        "https://lh5.googleusercontent.com/p/AF1QipNX7C0yzhACjGtMzrxl5V-FzpOjo2DdToSvpGbq=w408-h408-k-no"
    )
    assert [image.title for image in business.images][-1] == "By owner"


def test_embedded_reviews_when_asked() -> None:
    business = parse_one("raw.json", with_reviews=True)
    assert business.reviews is not None
    assert len(business.reviews) == 8
    first = business.reviews[0]
    assert first.author == "Cristina Dragoi"
    assert first.rating == 5
    assert first.text is not None
    assert first.text.startswith("The food we had was AMAZING!")
    assert first.relative_date == "2 months ago"
    assert first.published_at == "2023-06-30T11:46:30.509285Z"


def test_raw2_reviews_unescape_newlines() -> None:
    business = parse_one("raw2.json", with_reviews=True)
    assert business.reviews
    text = business.reviews[0].text
    assert text is not None
    assert "\\n" not in text
    assert "\n\nThe service was prompt" in text


def test_moved_fields_are_read_from_their_other_positions() -> None:
    """Each field's second position, as a drifted payload would leave only it."""
    payload = load_fixture("raw.json")
    darray = payload[6]
    darray[10] = None  # feature id: also at [227][0][0]
    darray[78] = None  # ChIJ id: also at [227][0][4]
    darray[4][7] = darray[4][8] = None  # stars and count: the star histogram [175][3]
    darray[183][1] = None  # address parts: [82] street/city, [243] country
    darray[72] = None  # main photo: the first photo of the "All" tab
    darray[57] = None  # owner: the knowledge panel's [181][6]
    darray[9] = None  # coordinates: [208][0]
    darray[34] = None  # hours: [203][0]
    (business,) = parse_decoded(payload)
    assert business.place_id == "0x14e732fd76f0d90d:0xe5415928d6702b47"
    assert business.google_place_id == "ChIJDdnwdv0y5xQRRytw1ihZQeU"
    assert (business.rating, business.reviews_count) == (4.2, 396)
    assert (business.street, business.city, business.country) == ("Old port", "Limassol", "CY")
    assert business.image_url == (
        "https://lh5.googleusercontent.com/p/AF1QipP4Y7A8nYL3KKXznSl69pXSq9p2IXCYUjVvOh0F=w298-h298-k-no"
    )
    assert business.owner is not None
    assert (business.owner.id, business.owner.name) == ("102769814432182832009", None)
    assert business.coordinates is not None
    assert business.coordinates.latitude == pytest.approx(34.6705954)
    assert business.working_hours == KIPRIAKON_HOURS


def test_values_of_the_wrong_shape_are_not_taken() -> None:
    payload = load_fixture("raw.json")
    darray = payload[6]
    darray[10] = "Kipriakon"  # not a feature id; [227] still has it
    darray[78] = "not an id"
    darray[4][7] = 42.0  # stars out of range: the histogram's mean
    darray[30] = "Limassol"  # not a zone name
    darray[7] = ["javascript:alert(1)"]
    darray[4][2] = "https://example.com/not-a-price"
    darray[243] = "Cyprus"
    darray[183][1][6] = None
    (business,) = parse_decoded(payload)
    assert business.place_id == "0x14e732fd76f0d90d:0xe5415928d6702b47"
    assert business.google_place_id == "ChIJDdnwdv0y5xQRRytw1ihZQeU"  # from [227][0][4]
    assert business.rating == 4.2
    assert business.timezone is None
    assert business.website is None
    assert business.price_range is None
    assert business.country is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("/url?q=https://www.kipriakon.com/&opi=79508299&sa=U", "https://www.kipriakon.com/"),
        (
            "https://www.google.com/url?q=http://example.cy/menu%3Fa%3D1",
            "http://example.cy/menu?a=1",
        ),
        ("http://www.racecoffee.gr/", "http://www.racecoffee.gr/"),
        ("//example.org/", "https://example.org/"),
        ("/url?sa=U", None),
    ],
)
def test_website_unwrapped(raw: str, expected: str | None) -> None:
    payload = load_fixture("raw.json")
    payload[6][7] = [raw, "kipriakon.com"]
    (business,) = parse_decoded(payload)
    assert business.website == expected


def test_description_where_google_puts_it() -> None:
    """No fixture has one; [32][1][1] is where gosom/google-maps-scraper reads it."""
    payload = load_fixture("raw.json")
    payload[6][32] = [None, [None, "Family-run meze by the old port"]]
    (business,) = parse_decoded(payload)
    assert business.description == "Family-run meze by the old port"
