"""libphonenumber checks of the numbers Google displays."""

from __future__ import annotations

from spidernest.services.maps.phones import check_phone


def test_national_number_needs_the_business_country() -> None:
    check = check_phone("25 101555", region="CY")
    assert (check.e164, check.national, check.type, check.valid) == (
        "+35725101555",
        "25 101555",
        "fixed_line",
        True,
    )


def test_international_number() -> None:
    check = check_phone("+30 698 195 5281", region=None)
    assert check.e164 == "+306981955281"
    assert check.type == "mobile"
    assert check.valid is True


def test_unparseable_and_invalid() -> None:
    assert check_phone("call us", region="FR").valid is False
    assert check_phone("call us", region="FR").e164 is None
    invalid = check_phone("+1 555 0100", region=None)
    assert invalid.valid is False
    assert invalid.type is None
