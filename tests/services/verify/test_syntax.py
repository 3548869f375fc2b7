"""Address syntax, normalization and typo suggestions."""

from __future__ import annotations

import pytest

from spidernest.services.verify.syntax import parse_address, suggest_address, suggest_repair


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
        ("gamil.com", "gmail.com"),
        ("gmaill.com", "gmail.com"),
        ("gmail.cmo", "gmail.com"),
        ("gmail.co", "gmail.com"),
        ("gmail.cm", "gmail.com"),
        ("gmail.om", "gmail.com"),
        ("gmail.com.com", "gmail.com"),
        ("yahoo.co", "yahoo.com"),
        ("hotmail.co", "hotmail.com"),
        ("hotmial.co", "hotmail.com"),
        ("outlook.co", "outlook.com"),
        ("outllok.com", "outlook.com"),
        ("hotmai.com", "hotmail.com"),
        ("yhoo.com", "yahoo.com"),
        ("iclod.com", "icloud.com"),
        ("comcast.ne", "comcast.net"),
    ],
)
def test_typos_of_common_providers_get_a_suggestion(domain: str, suggestion: str) -> None:
    assert suggest_address("ann", domain) == f"ann@{suggestion}"


@pytest.mark.parametrize(
    "domain",
    [
        "gmail.com",
        "hotmail.de",
        "yahoo.fr",
        "aon.com",
        "acme.com",
        "gmx.at",
        "email.com",
        "mail.co",
        "live.co",
        "yahoo.cn",
        "gmail.net",
        "yahoo.co.jp",
    ],
)
def test_real_domains_are_left_alone(domain: str) -> None:
    assert suggest_address("ann", domain) is None


@pytest.mark.parametrize(
    ("raw", "suggestion"),
    [
        ("John Doe <john@gmail.com>", "john@gmail.com"),
        ("mailto:ann@acme.com", "ann@acme.com"),
        ("ann@gmailcom", "ann@gmail.com"),
        ("ann@hotmailcom", "ann@hotmail.com"),
        ("ann@gmail,com", "ann@gmail.com"),
        ("ann@@acme.com", "ann@acme.com"),
        ("ann@acme.com.", "ann@acme.com"),
        ("ann @ gmial.com", "ann@gmail.com"),
        ("ann@acme.com;", "ann@acme.com"),
    ],
)
def test_malformed_input_gets_the_address_it_hides(raw: str, suggestion: str) -> None:
    assert parse_address(raw) is None
    assert suggest_repair(raw) == suggestion


@pytest.mark.parametrize("raw", ["plain", "a@b", "@acme.com", "a..b@acme.com", "ann@acmecom"])
def test_nothing_is_made_up_for_hopeless_input(raw: str) -> None:
    assert suggest_repair(raw) is None


def test_quoted_local_parts_are_valid_and_kept_as_written() -> None:
    parsed = parse_address('"john doe"@Example.com')
    assert parsed is not None
    assert parsed.local_part == '"john doe"'
    assert parsed.smtp_address == '"john doe"@example.com'
    needless = parse_address('"john"@example.com')
    assert needless is not None
    assert needless.email == "john@example.com"


@pytest.mark.parametrize(
    "raw",
    ["o'brien@acme.com", "first.last+tag@acme.com", "x!#$%&*/=?^_`{|}~-@acme.com", "ÄNNE@acme.com"],
)
def test_unusual_but_valid_local_parts_are_accepted(raw: str) -> None:
    parsed = parse_address(raw)
    assert parsed is not None
    assert parsed.local_part == raw.partition("@")[0]


def test_ip_literal_domains_are_refused() -> None:
    assert parse_address("ann@[192.0.2.1]") is None
