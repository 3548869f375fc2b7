"""Maps URLs users paste, and the fast-path URL the Maps app requests."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from spidernest.services.maps.parse_search import Viewport
from spidernest.services.maps.urls import page_pb, parse_maps_url, search_request_url


def test_search_url() -> None:
    target = parse_maps_url(
        "https://www.google.com/maps/search/dentists+in+Lyon/@45.7578137,4.8320114,13z?hl=fr"
    )
    assert target.kind == "search"
    assert target.query == "dentists in Lyon"
    assert (target.latitude, target.longitude) == (45.7578137, 4.8320114)


def test_place_url() -> None:
    target = parse_maps_url(
        "https://www.google.com/maps/place/Kipriakon/@34.6705954,33.0424567,17z/data=!3m1!4b1"
        "!4m6!3m5!1s0x14e732fd76f0d90d:0xe5415928d6702b47!8m2!3d34.6705954!4d33.0424567"
    )
    assert target.kind == "place"
    assert target.query == "Kipriakon"
    assert target.feature_id == "0x14e732fd76f0d90d:0xe5415928d6702b47"


def test_cid_and_q_urls() -> None:
    assert parse_maps_url("https://maps.google.com/?cid=16519582940102929223").cid == (
        "16519582940102929223"
    )
    target = parse_maps_url("https://www.google.com/maps?q=plumbers+in+Berlin")
    assert (target.kind, target.query) == ("search", "plumbers in Berlin")
    assert parse_maps_url("https://maps.app.goo.gl/abc").kind == "unknown"


def test_search_request_url_pages() -> None:
    viewport = Viewport(latitude=45.75, longitude=4.85, distance=3826.902183192154)
    url = search_request_url(
        "https://www.google.com",
        "dentists in Lyon",
        lang="fr",
        viewport=viewport,
        page_size=20,
        offset=40,
    )
    parts = urlsplit(url)
    assert parts.path == "/search"
    query = parse_qs(parts.query)
    assert query["tbm"] == ["map"]
    assert query["q"] == ["dentists in Lyon"]
    assert query["hl"] == ["fr"]
    assert query["pb"][0].startswith("!4m12!1m3!1d3826.9021832!2d4.85!3d45.75!")
    assert "!7i20!8i40!" in query["pb"][0]


def test_pb_never_uses_exponents() -> None:
    pb = page_pb(Viewport(latitude=-0.0, longitude=-71.05, distance=2e7), page_size=20, offset=0)
    assert "e+" not in pb
    assert "!1d20000000!2d-71.05!3d0!" in pb
