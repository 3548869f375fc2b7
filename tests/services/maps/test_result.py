"""The result shape: every field present, and the de-duplication key."""

from __future__ import annotations

from spidernest.services.maps.result import Business

FIELDS = {
    "name",
    "place_id",
    "google_place_id",
    "cid",
    "rating",
    "reviews_count",
    "address",
    "street",
    "city",
    "postal_code",
    "state",
    "country",
    "phone",
    "phone_e164",
    "phone_national",
    "phone_type",
    "phone_valid",
    "website",
    "categories",
    "description",
    "coordinates",
    "link",
    "business_status",
    "price_range",
    "working_hours",
    "plus_code",
    "timezone",
    "image_url",
    "images",
    "owner",
    "is_claimed",
    "reviews",
}


def test_every_documented_field_is_present() -> None:
    assert set(Business().model_dump(mode="json")) == FIELDS
    assert Business().model_dump()["categories"] == []


def test_identity_prefers_the_feature_id() -> None:
    assert Business(place_id="0xA:0xB", cid="1").identity == "fid:0xa:0xb"
    assert Business(google_place_id="ChIJx", cid="1").identity == "pid:ChIJx"
    assert Business(cid="1").identity == "cid:1"
    assert Business(name="x").identity is None
