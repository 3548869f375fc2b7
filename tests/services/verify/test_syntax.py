"""Address syntax, normalization and typo suggestions."""

from __future__ import annotations

import pytest

from spidernest.services.verify.syntax import parse_address, suggest_address


@pytest.mark.parametrize(
    "raw",
    ["plain", "@acme.com", "a@", "a..b@acme.com", "a b@acme.com", "a@acme..com", "a@localhost"],
)
def test_malformed_addresses_are_refused(raw: str) -> None:
    assert parse_address(raw) is None


def test_normalization_keeps_the_local_part_and_lowers_the_domain() -> None:
    parsed = parse_address("  John.Doe+news@ACME.Example  ")
    assert parsed is not None
    assert parsed.email == "John.Doe+news@acme.example"
    assert parsed.local_part == "John.Doe+news"
    assert parsed.smtp_address == "John.Doe+news@acme.example"


def test_internationalized_domain_is_sent_as_punycode() -> None:
    parsed = parse_address("anna@Bücher.de")
    assert parsed is not None
    assert parsed.domain == "bücher.de"
    assert parsed.ascii_domain == "xn--bcher-kva.de"
    assert parsed.smtp_address == "anna@xn--bcher-kva.de"
    assert not parsed.needs_smtputf8


def test_non_ascii_local_part_needs_smtputf8() -> None:
    parsed = parse_address("josé@example.com")
    assert parsed is not None
    assert parsed.needs_smtputf8


@pytest.mark.parametrize(
    ("domain", "suggestion"),
    [
        ("gmial.com", "gmail.com"),
        ("gmai.com", "gmail.com"),
        ("gmail.con", "gmail.com"),
        ("hotmial.com", "hotmail.com"),
        ("yaho.com", "yahoo.com"),
        ("outlok.com", "outlook.com"),
        ("yahooo.co.uk", "yahoo.co.uk"),
    ],
)
def test_typos_of_common_providers_get_a_suggestion(domain: str, suggestion: str) -> None:
    assert suggest_address("ann", domain) == f"ann@{suggestion}"


@pytest.mark.parametrize(
    "domain", ["gmail.com", "hotmail.de", "yahoo.fr", "aon.com", "acme.com", "gmx.at", "email.com"]
)
def test_real_domains_are_left_alone(domain: str) -> None:
    assert suggest_address("ann", domain) is None
