"""URL normalization, traps and bestfirst scoring in many languages."""

from __future__ import annotations

import pytest

from spidernest.services.site.links import (
    expand_targets,
    has_skipped_extension,
    is_post_url,
    is_third_party_page,
    is_trap,
    normalize_url,
    path_template,
    score_link,
)

TARGETS = expand_targets(("contact", "about", "team", "news", "blog"))


def test_normalization_drops_noise() -> None:
    assert (
        normalize_url("HTTP://Example.COM:80/a;jsessionid=123?utm_source=x&b=2&a=1&sid=9#frag")
        == "http://example.com/a?a=1&b=2"
    )
    assert normalize_url("https://example.com") == "https://example.com/"
    assert normalize_url("https://example.com:8443/%7Euser") == "https://example.com:8443/~user"
    assert normalize_url("mailto:x@example.com") is None
    assert normalize_url("javascript:void(0)") is None


@pytest.mark.parametrize(
    ("url", "anchor"),
    [
        ("/kontakt", "Kontakt"),
        ("/impressum", ""),
        ("/mentions-legales", "Mentions légales"),
        ("/contacto", ""),
        ("/contatti", "Contatti"),
        ("/fale-conosco", ""),
        ("/kontakta-oss", ""),
        ("/page-42", "Contact us"),
        ("/colofon", ""),
    ],
)
def test_contact_and_imprint_pages_lead(url: str, anchor: str) -> None:
    contact = score_link("http://x" + url, anchor, TARGETS)
    assert contact > score_link("http://x/ueber-uns", "Über uns", TARGETS)
    assert contact > score_link("http://x/blog", "Blog", TARGETS)


@pytest.mark.parametrize(
    "url", ["/ueber-uns", "/chi-siamo", "/over-ons", "/o-nas", "/om-oss", "/quem-somos", "/equipe"]
)
def test_about_and_team_pages_beat_ordinary_pages(url: str) -> None:
    assert score_link("http://x" + url, "", TARGETS) > score_link("http://x/produkte", "", TARGETS)


def test_posts_pagination_and_other_languages_sink() -> None:
    post = score_link("http://x/blog/2023/05/a-post", "Read more", TARGETS)
    assert post < score_link("http://x/produkte", "Produkte", TARGETS)
    assert score_link("http://x/blog/page/2", "", TARGETS) < 0
    same = score_link("http://x/de/kontakt", "Kontakt", TARGETS, home_language="de")
    other = score_link("http://x/en/contact", "Contact", TARGETS, home_language="de")
    assert same > other


def test_caller_words_are_used_literally() -> None:
    targets = expand_targets(("karriere", "standorte"))
    assert score_link("http://x/standorte", "", targets) > score_link("http://x/shop", "", targets)


def test_traps_and_files() -> None:
    assert is_trap("http://x/calendar/2024/05/")
    assert is_trap("http://x/events?month=2024-05")
    assert is_trap("http://x/a/b/a/b/c")
    assert is_trap("http://x/" + "a/" * 12)
    assert not is_trap("http://x/kontakt")
    assert has_skipped_extension("http://x/prices.PDF")
    assert not has_skipped_extension("http://x/page.html")
    assert path_template("http://x/cal/2024/05?d=3&a=1") == "/cal/N/N?a&d"


def test_articles_are_recognised_by_their_section_or_date() -> None:
    assert is_post_url("https://acme.ie/journal/retrofit-grants-2024")
    assert is_post_url("https://acme.com.au/2023/05/how-to-fix-a-leaking-tap/")
    assert is_post_url("https://acme.de/aktuelles/neue-foerderung")
    assert not is_post_url("https://acme.ie/journal")
    assert not is_post_url("https://acme.ie/contact")
    assert not is_post_url("https://acme.ie/projects/clontarf-house")


def test_pages_about_other_organisations() -> None:
    assert is_third_party_page("https://acme.dk/cookiepolitik")
    assert is_third_party_page("https://acme.de/datenschutzerklaerung/")
    assert is_third_party_page("https://acme.fi/tietosuojaseloste/")
    assert is_third_party_page("https://acme.sg/our-partners/")
    assert is_third_party_page("https://acme.fi/asiakkaat/")
    assert not is_third_party_page("https://acme.com/customer-service")
    assert not is_third_party_page("https://acme.de/kundenservice")
    assert not is_third_party_page("https://acme.de/kunden-service")
    assert not is_third_party_page("https://acme.com/become-a-partner")
    assert not is_third_party_page("https://acme.de/impressum-datenschutz")
    assert not is_third_party_page("https://acme.de/")


def test_japanese_anchor_words_match_inside_longer_text() -> None:
    assert score_link("https://acme.jp/form/", "お問い合わせフォーム", TARGETS) >= 100
    assert score_link("https://acme.jp/outline/", "会社概要", TARGETS) >= 100
    assert score_link("https://acme.dk/afdelinger", "Afdelinger", TARGETS) >= 100
