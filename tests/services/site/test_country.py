"""The region used to read national phone numbers."""

from __future__ import annotations

from spidernest.services.site.country import guess_region


def test_evidence_order() -> None:
    kwargs = {"languages": ["de"], "address_countries": [], "international_numbers": []}
    assert guess_region("acme.at", **kwargs) == "AT"
    assert guess_region("acme.co.uk", **kwargs) == "GB"
    assert guess_region("acme.com", **kwargs) == "DE"
    assert (
        guess_region("acme.io", languages=["de-CH"], address_countries=[], international_numbers=[])
        == "CH"
    )
    assert (
        guess_region(
            "acme.de", languages=[], address_countries=["Österreich"], international_numbers=[]
        )
        == "AT"
    )
    assert (
        guess_region(
            "acme.com",
            languages=["en"],
            address_countries=[],
            international_numbers=["+33 1 23 45 67 89"],
        )
        == "FR"
    )
    assert (
        guess_region("acme.com", languages=["en"], address_countries=[], international_numbers=[])
        == "US"
    )
    assert (
        guess_region("127.0.0.1:80", languages=[], address_countries=[], international_numbers=[])
        is None
    )


def test_a_postcode_names_the_country_of_a_dot_com_site() -> None:
    kwargs: dict[str, list[str]] = {"address_countries": [], "international_numbers": []}
    assert guess_region("acme.com", languages=["en"], postcode_countries=["GB"], **kwargs) == "GB"
    assert guess_region("acme.de", languages=["en"], postcode_countries=["GB"], **kwargs) == "DE"
    assert guess_region("acme.com", languages=["en-AU"], postcode_countries=["GB"], **kwargs) == (
        "AU"
    )
