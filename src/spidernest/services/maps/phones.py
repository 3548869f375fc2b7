"""Phone numbers checked with libphonenumber: E.164, national format, line type, validity."""

from __future__ import annotations

from dataclasses import dataclass

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

__all__ = ["PhoneCheck", "check_phone"]

_TYPE_NAMES: dict[int, str] = {
    PhoneNumberType.FIXED_LINE: "fixed_line",
    PhoneNumberType.MOBILE: "mobile",
    PhoneNumberType.FIXED_LINE_OR_MOBILE: "fixed_line_or_mobile",
    PhoneNumberType.TOLL_FREE: "toll_free",
    PhoneNumberType.PREMIUM_RATE: "premium_rate",
    PhoneNumberType.SHARED_COST: "shared_cost",
    PhoneNumberType.VOIP: "voip",
    PhoneNumberType.PERSONAL_NUMBER: "personal_number",
    PhoneNumberType.PAGER: "pager",
    PhoneNumberType.UAN: "uan",
    PhoneNumberType.VOICEMAIL: "voicemail",
}


@dataclass(frozen=True, slots=True)
class PhoneCheck:
    """What libphonenumber says about one number; the formats are ``None`` when unparseable."""

    e164: str | None
    national: str | None
    type: str | None
    valid: bool


def check_phone(raw: str, *, region: str | None) -> PhoneCheck:
    """Parse ``raw`` (an international or a national number) and classify it.

    Args:
        raw: the number as displayed ("25 101555", "+30 21 0261 6578").
        region: ISO 3166-1 alpha-2 country of the business, used for national numbers.

    Returns:
        The check; ``valid`` is False when the number cannot be parsed or is not a real range.
    """
    try:
        number = phonenumbers.parse(raw, (region or "").upper() or None)
    except phonenumbers.NumberParseException:
        return PhoneCheck(e164=None, national=None, type=None, valid=False)
    valid = phonenumbers.is_valid_number(number)
    kind = phonenumbers.number_type(number)
    return PhoneCheck(
        e164=phonenumbers.format_number(number, PhoneNumberFormat.E164),
        national=phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL),
        type=_TYPE_NAMES.get(kind, "unknown") if valid else None,
        valid=valid,
    )
