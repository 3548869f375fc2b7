"""One page parsed once: links, contacts, chrome and refresh."""

from __future__ import annotations

from spidernest.services.site.page import decode_html, parse_page

PAGE = """<html lang="de-AT"><head><title>Acme</title>
<meta http-equiv="Refresh" content="5; URL=/neu">
<base href="https://acme.at/sub/">
<script type="application/ld+json">{"@type":"Organization","email":"info@acme.at",
"telephone":"+43 1 234567","sameAs":["https://www.linkedin.com/company/acme"]}</script></head>
<body><a href="kontakt">Kontakt</a><a href="mailto:office@acme.at">Mail</a>
<a href="tel:+431234567">Anrufen</a><a href="https://twitter.com/intent/tweet">share</a>
<article><a href="https://instagram.com/someone_else">a post</a></article>
<footer><a href="https://www.facebook.com/acme">FB</a></footer></body></html>"""


def test_everything_is_read_in_one_pass() -> None:
    facts = parse_page(PAGE, "https://acme.at/")
    assert facts.title == "Acme"
    assert facts.language == "de-at"
    assert facts.meta_refresh == "https://acme.at/neu"
    assert [link.url for link in facts.links] == [
        "https://acme.at/sub/kontakt",
        "https://twitter.com/intent/tweet",
    ]
    assert set(facts.emails) == {"office@acme.at", "info@acme.at"}
    assert {c.raw for c in facts.phones} == {"+431234567", "+43 1 234567"}
    chrome = {(s.field, s.in_chrome) for s in facts.socials}
    assert chrome == {("facebook", True), ("instagram", False), ("linkedin", True)}


def test_decoding() -> None:
    assert decode_html("Grüße".encode("cp1252"), None) == "Grüße"
    assert decode_html('<meta charset="iso-8859-1">é'.encode("latin-1"), None).endswith("é")
    assert decode_html("ü".encode(), "utf-8") == "ü"
    assert decode_html("ü".encode(), "bogus-charset") == "ü"


def test_credit_lines_and_body_classes_do_not_make_profiles_the_sites() -> None:
    markup = """<html><body class="tweak-social-icons-style-regular">
<p>Contractor: <a href="https://www.facebook.com/otherbuilders">TMC</a></p>
<footer><div class="social"><a href="https://www.instagram.com/acme">IG</a></div>
<p class="credit">Website by <a href="https://agency.example">Agency</a>
<a href="https://www.instagram.com/agency">IG</a></p>
<div>Webdesign &amp; Umsetzung: <a href="https://www.facebook.com/pixelhof">FB</a></div>
</footer></body></html>"""
    facts = parse_page(markup, "https://acme.ie/")
    assert {(s.url, s.in_chrome) for s in facts.socials} == {
        ("https://facebook.com/otherbuilders", False),
        ("https://instagram.com/acme", True),
    }


def test_commenters_addresses_are_not_the_sites() -> None:
    markup = """<html><body><p>Mail info@acme.com.au</p>
<div id="comments"><ol class="comment-list"><li class="comment">
<p>My neighbour (sam.t@gmail.com, 0412 999 888) recommended you.</p>
<p>Reply: write to info@acme.com.au</p></li></ol></div>
</body></html>"""
    facts = parse_page(markup, "https://acme.com.au/2023/05/post/")
    assert facts.emails == ["info@acme.com.au"]
    assert facts.phones == []


def test_icon_links_to_several_platforms_form_a_social_block() -> None:
    markup = """<html><body><main><h2>Folgen Sie uns</h2><ul>
<li><a href="https://www.youtube.com/@acme"><img alt="YouTube" src="/yt.svg"></a></li>
<li><a href="https://www.facebook.com/acme"><i class="fab fa-facebook-f"></i></a></li></ul>
<p>Our wool comes from <a href="https://www.instagram.com/farm">Stonefield Farm</a>, see
<a href="https://www.facebook.com/farm">their page</a>.</p></main></body></html>"""
    facts = parse_page(markup, "https://acme.at/kontakt")
    assert {(s.url, s.in_chrome) for s in facts.socials} == {
        ("https://youtube.com/@acme", True),
        ("https://facebook.com/acme", True),
        ("https://instagram.com/farm", False),
        ("https://facebook.com/farm", False),
    }


def test_a_team_members_icons_are_not_a_social_block() -> None:
    markup = """<html><body><main><div class="team-grid"><div class="team-card">
<h3>Aoife Feeney</h3><a href="https://www.linkedin.com/in/aoife"><i class="fab fa-linkedin"></i></a>
<a href="https://twitter.com/aoife"><i class="fab fa-twitter"></i></a></div></div>
</main></body></html>"""
    facts = parse_page(markup, "https://acme.ie/people")
    assert {s.in_chrome for s in facts.socials} == {False}


def test_an_address_shown_as_a_picture_is_read_from_its_alt_text() -> None:
    facts = parse_page(
        '<p>E-mail: <img src="/images/email-id.png" alt="export@acme.in"></p>',
        "https://acme.in/contact-us.html",
    )
    assert "export@acme.in" in facts.emails


def test_labels_glued_to_their_value_by_inline_tags() -> None:
    facts = parse_page(
        '<html lang="en-AU"><body><li><span class="label">Phone</span>'
        '<span class="value">0412 345 678</span></li><p><b>E-Mail</b>info@acme.com.au</p>'
        "<p>SKU12345678</p></body></html>",
        "https://acme.com.au/contact",
    )
    assert [p.raw for p in facts.phones] == ["0412 345 678"]
    assert facts.emails == ["info@acme.com.au"]


def test_several_numbers_in_one_json_ld_string() -> None:
    markup = (
        '<html><head><script type="application/ld+json">{"@context": "https://schema.org",'
        ' "@type": "Dentist", "telephone": "030/1234567",'
        ' "faxNumber": "+1 512 448 2211 / +1 512 448 2212"}</script></head><body></body></html>'
    )
    facts = parse_page(markup, "https://smiles.com/")
    assert [(p.raw, p.kind) for p in facts.phones] == [
        ("030/1234567", "phone"),
        ("+1 512 448 2211", "fax"),
        ("+1 512 448 2212", "fax"),
    ]
