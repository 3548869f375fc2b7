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


PARTNERS = """<html lang="en"><body><h1>Our partners</h1>
<p>CoolParts Sdn Bhd, Tel: +60 7-355 1842, sales@coolparts.com.my</p></body></html>"""
PRIVACY = """<html lang="en"><body><p>Our DPO: dpo@acme-group.com.sg. Or write to the
Commission at info@pdpc.gov.sg, Tel: +65 6377 3131.</p></body></html>"""
SG_CONTACT = """<html lang="en"><body><p>Tel: +65 6748 2210, hello@acme-group.com.sg</p>
</body></html>"""


def test_partner_lists_and_privacy_policies_name_other_organisations() -> None:
    pages = [
        parse_page(SG_CONTACT, "https://acme.sg/contact-us/"),
        parse_page(PARTNERS, "https://acme.sg/our-partners/"),
        parse_page(PRIVACY, "https://acme.sg/privacy-policy/"),
    ]
    contacts = assemble_contacts(pages, site_url="https://acme.sg/", host="acme.sg")
    # acme-group.com.sg is the site's mail domain (stated on its contact page).
    assert contacts.emails == ["hello@acme-group.com.sg", "dpo@acme-group.com.sg"]
    assert [p.e164 for p in contacts.phones] == ["+6567482210"]


def test_a_free_mail_address_does_not_make_every_free_mail_address_the_sites() -> None:
    home = '<html lang="en"><body><footer>acmebakery@gmail.com</footer></body></html>'
    privacy = '<html lang="en"><body><p>Processor contact: dpa.vendor@gmail.com</p></body></html>'
    pages = [
        parse_page(home, "https://acmebakery.co.uk/"),
        parse_page(privacy, "https://acmebakery.co.uk/privacy-policy"),
    ]
    contacts = assemble_contacts(
        pages, site_url="https://acmebakery.co.uk/", host="acmebakery.co.uk"
    )
    assert contacts.emails == ["acmebakery@gmail.com"]


def test_a_law_firms_partners_page_lists_its_own_people() -> None:
    contact = '<html lang="en"><body><p>Main: (212) 555-0100, intake@hl-law.com</p></body></html>'
    partners = """<html lang="en"><body><h1>Partners</h1>
<p>Margaret Hargrove, D: 212.555.0142, <a href="mailto:mh@hl-law.com">mh@hl-law.com</a></p>
<p><a href="/partners/margaret-hargrove/">Full bio</a></p></body></html>"""
    pages = [
        parse_page(contact, "https://hl-law.com/contact/"),
        parse_page(partners, "https://hl-law.com/partners/"),
    ]
    contacts = assemble_contacts(pages, site_url="https://hl-law.com/", host="hl-law.com")
    assert contacts.emails == ["intake@hl-law.com", "mh@hl-law.com"]
    assert [p.e164 for p in contacts.phones] == ["+12125550100", "+12125550142"]


def test_a_number_beside_another_sites_name_is_that_sites() -> None:
    insurance = """<html lang="en"><body><p>Financing through CareCredit: apply at
carecredit.com or call 800-677-0718.</p><p>Call us: (512) 448-2210 · hello@smiles.com</p>
</body></html>"""
    pages = [parse_page(insurance, "https://smiles.com/insurance")]
    contacts = assemble_contacts(pages, site_url="https://smiles.com/", host="smiles.com")
    assert [p.e164 for p in contacts.phones] == ["+15124482210"]


def test_a_fax_in_a_tel_link_stays_a_fax() -> None:
    contact = """<html lang="de"><body><p>Telefon: <a href="tel:+49301234567">030 1234567</a></p>
<p>Fax: <a href="tel:+49301234568">030 1234568</a></p></body></html>"""
    pages = [parse_page(contact, "https://acme.de/kontakt")]
    contacts = assemble_contacts(pages, site_url="https://acme.de/", host="acme.de")
    assert [p.e164 for p in contacts.phones] == ["+49301234567"]
    assert [p.e164 for p in contacts.faxes] == ["+49301234568"]
