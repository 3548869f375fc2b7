"""Merging the facts of many pages: ranking profiles, ordering emails, faxes apart."""

from __future__ import annotations

from spidernest.services.site.assemble import assemble_contacts
from spidernest.services.site.page import parse_page

HOME = """<html lang="de"><body><p>Tel.: 030 1234567</p><p>Fax: 030 1234568</p>
<p>info@acme.de partner@agentur.com you@example.com</p>
<footer><a href="https://twitter.com/acme_de">Twitter</a></footer></body></html>"""
POST = """<html lang="de"><body><article><a href="https://twitter.com/famousperson">quote</a>
<a href="https://www.linkedin.com/in/someone">someone</a><a href="https://wa.me/4930123456">WA</a>
<p>Telefon: <a href="tel:+49301234568">030 1234568</a></p></article></body></html>"""


def test_site_contacts_are_merged_and_ranked() -> None:
    pages = [
        parse_page(HOME, "https://www.acme.de/"),
        parse_page(POST, "https://www.acme.de/blog/1"),
    ]
    contacts = assemble_contacts(pages, site_url="https://www.acme.de/", host="www.acme.de")
    assert contacts.emails == ["info@acme.de", "partner@agentur.com"]
    assert contacts.total_emails_found == 3
    assert contacts.region == "DE"
    assert [p.e164 for p in contacts.phones] == ["+49301234567", "+49301234568"]
    assert contacts.faxes == []  # the same number is offered as a phone elsewhere
    assert contacts.socials["twitter"] == "https://twitter.com/acme_de"
    assert contacts.socials["linkedin"] is None  # one mention in a post body
    assert contacts.socials["whatsapp"] == "https://wa.me/4930123456"


ARTICLE = """<html lang="en-IE"><body><article><p>Call the SEAI on 01 808 2100 or write
to info@seai.ie. Questions? studio@acme.ie</p></article></body></html>"""
CONTACT = """<html lang="en-IE"><body><p>Studio: +353 1 678 9012, studio@acme.ie</p>
<p>Authority: dsb@dsb.gv.at</p></body></html>"""


def test_what_only_articles_quote_and_authorities_are_left_out() -> None:
    pages = [
        parse_page(CONTACT, "https://acme.ie/contact"),
        parse_page(ARTICLE, "https://acme.ie/journal/grants"),
    ]
    contacts = assemble_contacts(pages, site_url="https://acme.ie/", host="acme.ie")
    assert contacts.emails == ["studio@acme.ie"]
    assert [p.e164 for p in contacts.phones] == ["+35316789012"]


LONDON = """<html lang="en"><body><p>Call 020 7946 0321</p>
<footer><p>221B Baker Street<br>London NW1 6XE</p></footer></body></html>"""


def test_a_dot_com_site_with_a_london_address_reads_uk_numbers() -> None:
    contacts = assemble_contacts(
        [parse_page(LONDON, "https://acme.com/")], site_url="https://acme.com/", host="acme.com"
    )
    assert contacts.region == "GB"
    assert [p.e164 for p in contacts.phones] == ["+442079460321"]
