"""Email candidates and the decoy filter."""

from __future__ import annotations

import pytest

from spidernest.services.site.extract.emails import (
    decode_cloudflare,
    emails_from_data_attributes,
    emails_from_mailto,
    emails_from_text,
    is_authority_domain,
    is_contact_email,
)
from spidernest.services.site.extract.text import flatten_html


def _cloudflare(address: str, key: int = 0x42) -> str:
    return f"{key:02x}" + "".join(f"{ord(ch) ^ key:02x}" for ch in address)


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<p>Write to info@acme.de today</p>", "info@acme.de"),
        ("<p>info<span>@</span>acme<span>.</span>de</p>", "info@acme.de"),
        ("<p>&#105;&#110;&#102;&#111;&#64;acme.de</p>", "info@acme.de"),
        ("<p>kontakt [at] acme [dot] de</p>", "kontakt@acme.de"),
        ("<p>jobs(at)acme.de</p>", "jobs@acme.de"),
        ("<p>hr {ät} acme (punkt) de</p>", "hr@acme.de"),
        ("<p>sales at acme dot co dot uk</p>", "sales@acme.co.uk"),
        ("<p>press @ acme.fr</p>", "press@acme.fr"),
        ("<p>Info@ACME.de</p>", "info@acme.de"),
        ("<li>office@acme.at</li><li>Impressum</li>", "office@acme.at"),
        ("<span>presse@acme.com</span><span>Impressum</span>", "presse@acme.com"),
    ],
)
def test_addresses_in_text(markup: str, expected: str) -> None:
    found = emails_from_text(flatten_html(markup))
    assert expected in found


@pytest.mark.parametrize(
    "address",
    [
        "logo@2x.png",
        "hero@2x.webp",
        "you@example.com",
        "name@domain.com",
        "max.mustermann@beispiel.de",
        "605a7baede844d278b89dc95ae0a9123@sentry-next.wixpress.com",
        "abc@o123.ingest.sentry.io",
        "noreply@acme.de",
        "no-reply@acme.de",
        "info@acme.invalidtld",
        "a..b@acme.de",
        "name@yourdomain.com.au",
        "max@beispiel.at",
        "seuemail@exemplo.com.br",
    ],
)
def test_decoys_are_not_contacts(address: str) -> None:
    assert is_contact_email(address) is False


@pytest.mark.parametrize("address", ["info@acme.de", "j.doe+sales@acme.co.uk", "hello@acme.io"])
def test_real_addresses_are_contacts(address: str) -> None:
    assert is_contact_email(address) is True


def test_mailto_with_subject_and_lists() -> None:
    assert emails_from_mailto("mailto:Info@Acme.de?subject=Hallo%20Welt") == ["info@acme.de"]
    assert emails_from_mailto("mailto:%20a@acme.de,b@acme.de") == ["a@acme.de", "b@acme.de"]


def test_cloudflare_protection_is_decoded() -> None:
    assert decode_cloudflare(_cloudflare("team@acme.de")) == "team@acme.de"
    assert decode_cloudflare("zz") is None
    assert decode_cloudflare(_cloudflare("no at sign")) is None


def test_nothing_found_in_plain_prose() -> None:
    assert emails_from_text("We meet at noon, see you there. Point (a) and dot (b).") == []


def test_public_authorities_are_recognised() -> None:
    assert is_authority_domain("dsb.gv.at")
    assert is_authority_domain("anpd.gov.br")
    assert is_authority_domain("ico.gov.uk")
    assert not is_authority_domain("govtech.com")
    assert not is_authority_domain("acme.at")


def test_addresses_kept_in_data_attributes() -> None:
    markup = """<a href="#" data-email="Press@Acme.ie">Press</a>
<a class="mail" data-user="jobs" data-domain="acme.at">Write to us</a>
<a data-href="mailto:sales@acme.com">Sales</a><div data-sentry="https://k@o1.ingest.sentry.io/5">"""
    assert emails_from_data_attributes(markup) == [
        "press@acme.ie",
        "sales@acme.com",
        "jobs@acme.at",
    ]


def test_full_width_at_signs_and_letters_are_folded() -> None:
    text = (
        "メール　info＠sakura-seiki.co.jp\n"
        "ｒｅｃｒｕｉｔ＠ｓａｋｕｒａ－ｓｅｉｋｉ．ｃｏ．ｊｐ まで"
    )
    assert emails_from_text(text) == ["info@sakura-seiki.co.jp", "recruit@sakura-seiki.co.jp"]


def test_chat_and_consent_vendors_are_not_contacts() -> None:
    assert not is_contact_email("support@tawk.to")
    assert not is_contact_email("support@tidio.net")
    assert not is_contact_email("privacy@cookiebot.com")


def test_accented_domains_are_read_other_scripts_end_the_address() -> None:
    assert emails_from_text("E-Mail: info@müller-bau.ch") == ["info@müller-bau.ch"]
    assert emails_from_text("メール info@acme.co.jpまで") == ["info@acme.co.jp"]


def test_form_placeholders_on_free_mail() -> None:
    assert not is_contact_email("example@gmail.com")
    assert not is_contact_email("youremailaddress@gmail.com")
    assert is_contact_email("acmebakery@gmail.com")


def test_german_a_and_french_arobase_obfuscations() -> None:
    assert emails_from_text("E-Mail: info(a)acme.de") == ["info@acme.de"]
    assert emails_from_text("contact arobase acme point fr") == ["contact@acme.fr"]
    assert emails_from_text("Punkt (a) und (b) gelten") == []
