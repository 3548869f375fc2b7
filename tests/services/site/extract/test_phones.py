"""Phone and fax candidates from text and links, validated for a region."""

from __future__ import annotations

import pytest

from spidernest.services.site.extract.phones import (
    PhoneCandidate,
    phone_from_tel,
    phones_from_text,
    validate_phone,
)


def _e164(text: str, region: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for candidate in phones_from_text(text):
        detail = validate_phone(candidate, region)
        if detail is not None:
            found.append((detail.e164 or "", candidate.kind))
    return found


@pytest.mark.parametrize(
    ("text", "region", "expected"),
    [
        ("Telefon: 030 / 44 55 66 77", "DE", [("+493044556677", "phone")]),
        ("Fax: 030 / 44 55 66 78", "DE", [("+493044556678", "fax")]),
        ("Telefax: +49 (0)30 44556678", "DE", [("+493044556678", "fax")]),
        ("Tél. : 04 78 12 34 56", "FR", [("+33478123456", "phone")]),
        ("Télécopie : 04 78 12 34 57", "FR", [("+33478123457", "fax")]),
        ("Móvil: 612 34 56 78", "ES", [("+34612345678", "phone")]),
        ("kom. 601 234 567", "PL", [("+48601234567", "phone")]),
        ("Telefon: 08-123 456 78", "SE", [("+46812345678", "phone")]),
        ("Call us at (415) 867-5309", "US", [("+14158675309", "phone")]),
        ("+44 20 7946 0958", "DE", [("+442079460958", "phone")]),
        ("Tel. +33 1 42 68 53 00 Fax +33 1 42 68 53 01", "FR",
         [("+33142685300", "phone"), ("+33142685301", "fax")]),
        ("\nFax\n+49 30 12345679", "DE", [("+493012345679", "fax")]),
        ("T +49 30 1234567 F +49 30 1234568", "DE",
         [("+49301234567", "phone"), ("+49301234568", "fax")]),
        ("M 0170 1234567", "DE", [("+491701234567", "phone")]),
    ],
)  # fmt: skip
def test_labelled_and_written_numbers(
    text: str, region: str, expected: list[tuple[str, str]]
) -> None:
    assert _e164(text, region) == expected


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("IBAN: DE89 3704 0044 0532 0130 00", "DE"),
        ("Datum 12.05.2023", "DE"),
        ("2019-2023", "DE"),
        ("10115 Berlin", "DE"),
        ("Handelsregister: HRB 123456 B", "DE"),
        ("USt-IdNr.: DE 123 456 789", "DE"),
        ("Artikelnummer 4711-2024-0815", "DE"),
        ("Bestellnummer 1234 5678 9012", "DE"),
        ("SIRET : 123 456 789 00012", "FR"),
        ("REGON 123456785", "PL"),
        ("NIP 123-456-32-18", "PL"),
        ("Order number: 100234567", "GB"),
        ("P.IVA 01234567890", "IT"),
        ("Company No. 01234567", "GB"),
        ("Preis 1.299,00 €", "DE"),
        ("Öffnungszeiten 9:00-18:00", "DE"),
    ],
)
def test_numbers_that_are_not_phones(text: str, region: str) -> None:
    assert _e164(text, region) == []


def test_tel_links_keep_possible_numbers() -> None:
    candidate = phone_from_tel("tel:+49-30-1234567;ext=12")
    assert candidate == PhoneCandidate(raw="+49-30-1234567", source="tel")
    detail = validate_phone(candidate, None)
    assert detail is not None
    assert (detail.e164, detail.international, detail.country_code) == (
        "+49301234567", "+49 30 1234567", 49,
    )  # fmt: skip
    assert phone_from_tel("tel:123") is None
    fax = phone_from_tel("fax:+4930123")
    assert fax is not None
    assert fax.kind == "fax"


def test_mobile_type_is_reported() -> None:
    detail = validate_phone(PhoneCandidate("+34 612 34 56 78", "jsonld"), "ES")
    assert detail is not None
    assert detail.type == "mobile"
    assert detail.valid


def test_native_digits_are_scanned_like_ascii_ones() -> None:
    assert [c.raw for c in phones_from_text("Tel: ٠٢١ ٢٣٤ ٥٦٧٨")] == ["٠٢١ ٢٣٤ ٥٦٧٨"]


def test_north_american_dotted_numbers_and_card_labels() -> None:
    found = phones_from_text("Erik J. Lindqvist\nD: 212.555.0143 · O: (212) 555-0100")
    assert [(c.raw, c.labeled) for c in found] == [("212.555.0143", True), ("(212) 555-0100", True)]
    assert [c.raw for c in phones_from_text("Call 212.555.0142 today")] == ["212.555.0142"]
    assert phones_from_text("Version 1.2.3456789") == []


def test_unbroken_codes_behind_00_or_brackets_are_not_phones() -> None:
    # A Finnish e-invoice address and its operator's code read as Estonian numbers.
    text = "Verkkolaskuosoite 003723456789, välittäjä Apix Messaging Oy (003723341390)"
    assert phones_from_text(text) == []


def test_full_width_numbers_slash_lists_and_vanity_numbers() -> None:
    wide = phones_from_text(
        "大阪営業所　ＴＥＬ：０６ー６３４５ー６７８９／ＦＡＸ：０６ー６３４５ー６７９０"
    )
    assert [(c.raw, c.kind) for c in wide] == [("06-6345-6789", "phone"), ("06-6345-6790", "fax")]
    listed = phones_from_text("Mobile: +91 98250 41873 / +91 99099 12764")
    assert [c.raw for c in listed] == ["+91 98250 41873", "+91 99099 12764"]
    area_code = phones_from_text("Telefon: 030 / 44 55 66 77")
    assert [c.raw for c in area_code] == ["030 / 44 55 66 77"]
    vanity = phones_from_text("Toll-free: 1-888-LAW-HELP")
    detail = validate_phone(vanity[0], "US")
    assert detail is not None
    assert detail.e164 == "+18885294357"


def test_typographic_dashes_join_a_number_but_not_a_year_range() -> None:
    # WordPress turns "030 - 1234567" into "030 – 1234567".
    assert [c.raw for c in phones_from_text("Tel. +49 (0) 30 – 123 456 78")] == [
        "+49 (0) 30 – 123 456 78"
    ]
    assert [c.raw for c in phones_from_text("Fon 030‑1234567")] == ["030‑1234567"]
    assert phones_from_text("Seit 1998 – 2024") == []


def test_a_number_beside_an_authoritys_address_is_theirs() -> None:
    privacy = (
        "Aufsichtsbehörde: EDÖB, Feldeggweg 1, 3003 Bern, Tel. 058 462 43 95, info@edoeb.admin.ch"
    )
    assert phones_from_text(privacy) == []
    assert (
        phones_from_text("Datenschutzbehörde\nTelefon: +43 1 52 152-0\nE-Mail: dsb@dsb.gv.at") == []
    )
    assert len(phones_from_text("Tel: 030 1234567\nMail: info@acme.de")) == 1
    imprint = (
        "Tel: +43 662 876543, Aufsichtsbehörde: Bezirkshauptmannschaft Salzburg, "
        "bh-salzburg@salzburg.gv.at"
    )
    assert len(phones_from_text(imprint)) == 1


@pytest.mark.parametrize(
    ("href", "region"),
    [
        ("tel:123-456-7890", "US"),
        ("tel:(555) 555-5555", "US"),
        ("tel:01234 567890", "GB"),
        ("tel:+33123456789", "FR"),
        ("tel:+911234567890", "IN"),
    ],
)
def test_theme_placeholders_are_not_numbers(href: str, region: str) -> None:
    candidate = phone_from_tel(href)
    assert candidate is not None
    assert validate_phone(candidate, region) is None


def test_a_vanity_tel_link_is_read_off_the_keypad() -> None:
    candidate = phone_from_tel("tel:+1-800-LAW-FIRM")
    assert candidate is not None
    detail = validate_phone(candidate, "US")
    assert detail is not None
    assert detail.e164 == "+18005293476"


def test_the_domain_named_beside_a_number() -> None:
    [lender] = phones_from_text("apply at carecredit.com or call 800-677-0718.")
    assert lender.near == "carecredit.com"
    [own] = phones_from_text("Tel 030 1234567 · www.facebook.com/acme · acme.shop@gmail.com")
    assert own.near is None
    # Two inline blocks run together name no domain, though .tel is a real suffix.
    [run_together] = phones_from_text("Kontakt.Tel: 030 1234567")
    assert run_together.near is None
