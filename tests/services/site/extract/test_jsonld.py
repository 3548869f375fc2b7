"""Contacts stated in JSON-LD."""

from __future__ import annotations

import json

from spidernest.services.site.extract.jsonld import parse_jsonld

GRAPH = {
    "@context": "https://schema.org",
    "@graph": [
        {
            "@type": ["Organization", "LocalBusiness"],
            "email": "mailto:info@acme.de",
            "telephone": ["+49 30 1234567", "+49 30 7654321"],
            "faxNumber": "+49 30 1234568",
            "sameAs": ["https://www.linkedin.com/company/acme"],
            "address": {
                "@type": "PostalAddress",
                "streetAddress": "Hauptstr. 1",
                "postalCode": "10115",
                "addressLocality": "Berlin",
                "addressCountry": "DE",
            },
            "contactPoint": {"@type": "ContactPoint", "email": "sales@acme.de"},
            "founder": {
                "@type": "Person",
                "name": "Anna Schmidt",
                "jobTitle": "CEO",
                "telephone": "+49 170 0000000",
                "sameAs": "https://www.linkedin.com/in/annaschmidt",
            },
        }
    ],
}


def test_organization_contacts_and_people() -> None:
    found = parse_jsonld([json.dumps(GRAPH), "{not json", "[]"])
    assert found.emails == ["info@acme.de", "sales@acme.de"]
    assert found.phones == ["+49 30 1234567", "+49 30 7654321"]  # not the founder's mobile
    assert found.faxes == ["+49 30 1234568"]
    assert found.addresses == ["Hauptstr. 1, 10115 Berlin"]
    assert found.countries == ["DE"]
    assert found.same_as == ["https://www.linkedin.com/company/acme"]
    assert found.persons == [
        {
            "name": "Anna Schmidt",
            "title": "CEO",
            "email": None,
            "linkedin": "https://www.linkedin.com/in/annaschmidt",
        }
    ]
