"""Postal addresses from structured data and from lines of text."""

from __future__ import annotations

from spidernest.services.site.extract.addresses import (
    addresses_from_text,
    country_of_address,
    format_postal_address,
)

FOOTER = """Acme GmbH
Friedrichstraße 123
10117 Berlin
Tel: 030 123
© 2023 Acme
Siège social : 42 rue de la Paix, 75002 Paris
Calle Mayor 5
28013 Madrid
1600 Amphitheatre Pkwy
Mountain View, CA 94043
ul. Marszałkowska 10
00-590 Warszawa
Drottninggatan 5
111 51 Stockholm
SELARL au capital de 10 000 €
69002 Lyon"""


def test_address_lines() -> None:
    assert addresses_from_text(FOOTER) == [
        "Friedrichstraße 123, 10117 Berlin",
        "42 rue de la Paix, 75002 Paris",
        "Calle Mayor 5, 28013 Madrid",
        "1600 Amphitheatre Pkwy, Mountain View, CA 94043",
        "ul. Marszałkowska 10, 00-590 Warszawa",
        "Drottninggatan 5, 111 51 Stockholm",
    ]


def test_postal_address_formats() -> None:
    us = {
        "streetAddress": "123 Main St",
        "addressLocality": "San Francisco",
        "addressRegion": "CA",
        "postalCode": "94105",
        "addressCountry": "US",
    }
    assert format_postal_address(us) == "123 Main St, San Francisco, CA 94105"
    de = {
        "streetAddress": "Hauptstr. 1",
        "postalCode": "10115",
        "addressLocality": "Berlin",
        "addressCountry": {"@type": "Country", "name": "Germany"},
    }
    assert format_postal_address(de) == "Hauptstr. 1, 10115 Berlin, Germany"
    assert format_postal_address({"addressCountry": "DE"}) is None


def test_postcodes_after_the_town() -> None:
    lines = """Unit 4, 12 Parramatta Road
Annandale NSW 2038
1120 Hamilton Street
Vancouver, BC V6B 2S2
Av. Paulista, 1000 – Conj. 1204, Bela Vista
São Paulo – SP, CEP 01310-100
14 Fitzwilliam Square
Dublin 2, D02 X285
Av. Álvaro Obregón 130, Roma Nte.
C.P. 06700, Cuauhtémoc, CDMX
CNPJ: 12.345.678/0001-90"""
    assert addresses_from_text(lines) == [
        "Unit 4, 12 Parramatta Road, Annandale NSW 2038",
        "1120 Hamilton Street, Vancouver, BC V6B 2S2",
        "Av. Paulista, 1000 – Conj. 1204, Bela Vista, São Paulo – SP, CEP 01310-100",
        "14 Fitzwilliam Square, Dublin 2, D02 X285",
        "Av. Álvaro Obregón 130, Roma Nte., C.P. 06700, Cuauhtémoc, CDMX",
    ]


def test_postcode_formats_that_name_a_country() -> None:
    assert country_of_address("221B Baker Street, London NW1 6XE") == "GB"
    assert country_of_address("1120 Hamilton Street, Vancouver, BC V6B 2S2") == "CA"
    assert country_of_address("Unit 4, 12 Parramatta Road, Annandale NSW 2038") == "AU"
    assert country_of_address("14 Fitzwilliam Square, Dublin 2, D02 X285") == "IE"
    assert country_of_address("548 Market St, San Francisco, CA 94104") == "US"
    assert country_of_address("Av. Paulista, 1000, São Paulo – SP, CEP 01310-100") == "BR"
    assert country_of_address("Hauptstr. 1, 10115 Berlin") is None  # 5 digits: many countries


def test_japanese_and_singapore_addresses() -> None:
    footer = "株式会社さくら精機\n〒143-0015\n東京都大田区大森西3-14-8\nTEL：03-3754-1234"
    assert addresses_from_text(footer) == ["〒143-0015 東京都大田区大森西3-14-8"]
    table = "川崎第二工場\n〒210-0858 神奈川県川崎市川崎区大川町5-2\nTEL：044-366-2471"
    assert addresses_from_text(table) == ["〒210-0858 神奈川県川崎市川崎区大川町5-2"]
    singapore = "10 Ubi Crescent, #05-12 Ubi Techpark\nSingapore 408564"
    assert addresses_from_text(singapore) == [
        "10 Ubi Crescent, #05-12 Ubi Techpark, Singapore 408564"
    ]
    assert country_of_address("10 Ubi Crescent, Singapore 408564") == "SG"
    assert country_of_address("〒143-0015 東京都大田区大森西3-14-8") == "JP"


def test_indian_pin_after_the_town_and_register_lines_are_not_streets() -> None:
    text = (
        "GSTIN: 27AAPFU0939F1ZV · CIN: U74999MH2015PTC123456\n"
        "Office No. 12, 3rd Floor, Shanti Arcade, Andheri (East), Mumbai - 400069, Maharashtra"
    )
    assert addresses_from_text(text) == [
        "Office No. 12, 3rd Floor, Shanti Arcade, Andheri (East), Mumbai - 400069, Maharashtra"
    ]
    assert country_of_address("Plot No. 41, GIDC Pandesara, Surat - 394221, Gujarat") == "IN"
