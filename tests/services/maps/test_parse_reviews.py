"""Review items as Google's review list sends them, field by field."""

from __future__ import annotations

from spidernest.services.maps.parse_reviews import parse_review, parse_review_items
from tests.services.maps.standin import load_fixture


def test_native_with_translation_and_owner_reply() -> None:
    (review,) = parse_review_items(load_fixture("review_native_with_reply.json")[0])
    assert (
        review.review_id == "Ci9DQUlRQUNvZENodHljRjlvT2xGMmRraFdhSFowWW0xWVNURTBObEptU3pWWVgxRRAB"
    )
    assert review.author == "E. Ö."
    assert review.author_url == "https://www.google.com/maps/contrib/116111130377271376564?hl=en"
    assert review.author_photo is not None
    assert review.author_photo.startswith("https://lh3.googleusercontent.com/a/")
    assert review.rating == 1
    assert review.rating_scale == 5
    assert review.language == "de"
    assert review.text is not None
    assert review.text.startswith("Ich bin sehr enttäuscht")
    assert review.text_translated is not None
    assert review.text_translated.startswith("I am very disappointed")
    assert review.relative_date == "2 months ago"
    assert review.source == "Google"
    assert review.published_at is not None
    assert review.published_at.startswith("2026-02-27")
    assert review.owner_response is not None
    assert review.owner_response.startswith("Es tut uns sehr leid")
    assert review.owner_response_at is not None


def test_native_without_text() -> None:
    (review,) = parse_review_items(load_fixture("review_native_no_text.json")[0])
    assert review.author == "Lysann Lieblang"
    assert review.rating == 5
    assert review.text is None
    assert review.text_translated is None
    assert review.owner_response is None
    assert review.relative_date == "3 months ago"


def test_native_without_translation() -> None:
    (review,) = parse_review_items(load_fixture("review_native_no_translation.json")[0])
    assert review.author == "Olena Kuzhel"
    assert review.rating == 5
    assert review.language == "en"
    assert review.text is not None
    assert review.text.startswith("I had been recently in gynecologist")
    assert review.text_translated is None
    assert review.relative_date == "7 years ago"
    # The block after the body only holds the owner's "reply" links: there is no reply yet.
    assert review.owner_response is None


def test_aggregated_review_keeps_its_own_scale() -> None:
    (review,) = parse_review_items(load_fixture("review_aggregator.json")[0])
    assert review.source == "Tripadvisor"
    assert review.author == "Tripadvisor User"
    assert review.rating == 8.5
    assert review.rating_scale == 10
    assert review.text == "Ein tolles Hotel mit großartigem Service."
    assert review.language == "de"


def test_not_a_review() -> None:
    assert parse_review(None) is None
    assert parse_review(["id-only"]) is None
    assert parse_review_items([None, 3, "x", [[]]]) == []
