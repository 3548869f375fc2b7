"""How the browser provider combines a search row and a place page of the same listing."""

from __future__ import annotations

from spidernest.services.maps.providers.browser import _merge
from spidernest.services.maps.result import Business, Image, Owner


def test_a_place_page_completes_a_search_row() -> None:
    row = Business(
        name="Kipriakon",
        place_id="0xa:0xb",
        phone="+357 25 101555",
        owner=Owner(id="1"),
        is_claimed=True,
    )
    page = Business(
        name="Kipriakon",
        place_id="0xA:0xB",
        phone="25 101555",
        images=[Image(title="All", url="https://lh5.googleusercontent.com/p/x")],
    )
    other = Business(name="Aktéon", place_id="0xc:0xd")
    (merged, second) = _merge([row, other], [page])
    assert second == other
    assert merged.phone == "25 101555"  # the later record wins where both have a value
    assert merged.images == page.images
    assert (merged.owner, merged.is_claimed) == (Owner(id="1"), True)  # kept from the row
