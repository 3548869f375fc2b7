"""Social profile links: profiles in, share buttons and platform pages out."""

from __future__ import annotations

import pytest

from spidernest.services.site.extract.social import classify_social


@pytest.mark.parametrize(
    ("url", "field", "canonical"),
    [
        ("https://www.facebook.com/acmegmbh/", "facebook", "https://facebook.com/acmegmbh"),
        ("https://facebook.com/profile.php?id=123", "facebook", "https://facebook.com/profile.php?id=123"),
        ("https://x.com/acme", "twitter", "https://x.com/acme"),
        ("https://twitter.com/Acme?lang=de", "twitter", "https://twitter.com/Acme"),
        (
            "https://twitter.com/intent/follow?screen_name=acme_hq",
            "twitter",
            "https://twitter.com/acme_hq",
        ),
        ("https://de.linkedin.com/company/acme-gmbh/about", "linkedin", "https://linkedin.com/company/acme-gmbh"),
        ("https://www.linkedin.com/in/jane-doe", "linkedin", "https://linkedin.com/in/jane-doe"),
        ("https://www.youtube.com/@acme", "youtube", "https://youtube.com/@acme"),
        ("https://youtube.com/channel/UC123", "youtube", "https://youtube.com/channel/UC123"),
        ("https://github.com/acme/repo", "github", "https://github.com/acme"),
        ("https://instagram.com/acme_official/", "instagram", "https://instagram.com/acme_official"),
        ("https://www.tiktok.com/@acme", "tiktok", "https://tiktok.com/@acme"),
        ("https://www.pinterest.co.uk/acme/", "pinterest", "https://pinterest.com/acme"),
        ("https://medium.com/@acme", "medium", "https://medium.com/@acme"),
        ("https://acme.medium.com/", "medium", "https://acme.medium.com"),
        ("https://discord.com/invite/abc", "discord", "https://discord.gg/abc"),
        ("https://wa.me/4930123456", "whatsapp", "https://wa.me/4930123456"),
        ("https://api.whatsapp.com/send?phone=+4930123456", "whatsapp", "https://wa.me/4930123456"),
        ("https://t.me/acme", "telegram", "https://t.me/acme"),
        ("https://www.snapchat.com/add/acme", "snapchat", "https://snapchat.com/add/acme"),
        ("https://www.reddit.com/r/acme/", "reddit", "https://reddit.com/r/acme"),
        ("https://twitter.com/#!/acme", "twitter", "https://twitter.com/acme"),
        ("https://instagr.am/acme", "instagram", "https://instagram.com/acme"),
        ("whatsapp://send?phone=+91 98765 43210", "whatsapp", "https://wa.me/919876543210"),
        ("tg://resolve?domain=acme_bot", "telegram", "https://t.me/acme_bot"),
        ("https://wa.me/message/ABC123XYZ", "whatsapp", "https://wa.me/message/ABC123XYZ"),
        (
            "https://www.facebook.com/pages/category/Bakery/Acme-GmbH-123456789/",
            "facebook",
            "https://facebook.com/Acme-GmbH-123456789",
        ),
    ],
)  # fmt: skip
def test_profiles(url: str, field: str, canonical: str) -> None:
    found = classify_social(url)
    assert found is not None
    assert found[:2] == (field, canonical)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.facebook.com/sharer/sharer.php?u=x",
        "https://www.facebook.com/sharer.php?u=x",
        "https://www.facebook.com/",
        "https://www.facebook.com/tr?id=1",
        "https://twitter.com/intent/tweet?text=x",
        "https://twitter.com/share?url=x",
        "https://twitter.com/",
        "https://www.linkedin.com/shareArticle?mini=true",
        "https://www.linkedin.com/sharing/share-offsite/?url=x",
        "https://www.linkedin.com/",
        "https://www.youtube.com/watch?v=1",
        "https://youtu.be/abc",
        "https://www.instagram.com/p/abc",
        "https://pinterest.com/pin/create/button/?url=x",
        "https://api.whatsapp.com/send?text=hi",
        "https://t.me/share/url?url=x",
        "https://www.reddit.com/submit?url=x",
        "https://github.com/features",
        "https://example.com/acme",
        "mailto:info@acme.de",
    ],
)
def test_not_profiles(url: str) -> None:
    assert classify_social(url) is None


@pytest.mark.parametrize(
    "url",
    [
        "https://facebook.com/yourpage",
        "https://twitter.com/username",
        "https://www.instagram.com/your_account",
        "https://www.linkedin.com/company/your-company",
        "https://www.facebook.com/envato",
    ],
)
def test_theme_placeholders_are_not_profiles(url: str) -> None:
    assert classify_social(url) is None
