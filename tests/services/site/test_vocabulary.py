"""The page words cover the languages the crawl promises."""

from __future__ import annotations

import pytest

from spidernest.services.site.vocabulary import PAGE_WORDS


@pytest.mark.parametrize(
    ("kind", "word"),
    [
        ("contact", "kontakt"), ("contact", "contacto"), ("contact", "contatti"),
        ("contact", "fale-conosco"), ("contact", "kontakta-oss"), ("imprint", "impressum"),
        ("imprint", "mentions légales"), ("imprint", "colofon"), ("about", "over ons"),
        ("about", "o nas"), ("about", "om oss"), ("about", "chi siamo"), ("about", "über-uns"),
        ("about", "quem somos"), ("team", "équipe"), ("team", "zespół"),
    ],
)  # fmt: skip
def test_words_in_many_languages(kind: str, word: str) -> None:
    assert word in PAGE_WORDS[kind]
