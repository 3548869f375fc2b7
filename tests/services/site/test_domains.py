"""One site per registrable domain; one per host:port where there is none."""

from __future__ import annotations

from spidernest.services.site.domains import (
    has_public_suffix,
    is_free_mail_domain,
    registrable_domain,
    site_key,
)


def test_www_and_bare_host_are_one_site() -> None:
    assert site_key("https://www.acme.co.uk/x") == site_key("http://acme.co.uk") == "acme.co.uk"
    assert site_key("https://shop.acme.de") == "acme.de"
    assert site_key("https://acme.de") != site_key("https://acme.com")


def test_single_hosts_are_split_by_port() -> None:
    assert site_key("http://127.0.0.1:8001/") != site_key("http://127.0.0.1:8002/")
    assert site_key("http://localhost/") == "localhost:80"


def test_public_suffixes() -> None:
    assert registrable_domain("a.b.example.com.br") == "example.com.br"
    assert has_public_suffix("acme.de")
    assert not has_public_suffix("2x.png")
    assert not has_public_suffix("de")


def test_free_mail_providers() -> None:
    assert is_free_mail_domain("gmail.com")
    assert is_free_mail_domain("gmx.de")
    assert is_free_mail_domain("yahoo.co.uk")
    assert not is_free_mail_domain("acme.de")
