"""Where a social link sits: credit lines, person cards, icon groups."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

from spidernest.services.site.extract.placement import (
    icon_groups,
    in_credit_line,
    in_person_card,
    is_follow_link,
    is_icon_link,
)
from spidernest.services.site.extract.social import classify_social


def _links(markup: str) -> list[LexborNode]:
    return LexborHTMLParser(markup).css("a[href]")


def test_credit_lines_in_several_languages() -> None:
    for credit in (
        "Website by <a href='https://instagram.com/agency'>Agency</a>",
        "Webdesign &amp; Umsetzung: <a href='https://instagram.com/agency'>IG</a>",
        "Desenvolvido por <a href='https://instagram.com/agency'>Agência</a>",
        "Fotos von <a href='https://instagram.com/agency'>Lena</a>",
    ):
        assert in_credit_line(_links(f"<div><p>{credit}</p></div>")[0]), credit
    follow = "<div><p>Follow us: <a href='https://instagram.com/acme'>IG</a></p></div>"
    assert not in_credit_line(_links(follow)[0])


def test_icon_links_and_person_cards() -> None:
    icon, named = _links(
        "<p><a href='https://instagram.com/acme'><img alt='Instagram'></a>"
        "<a href='https://instagram.com/farm'>Stonefield Farm</a></p>"
    )
    assert is_icon_link("instagram", icon)
    assert not is_icon_link("instagram", named)
    card = _links("<div class='team-card'><p><a href='https://linkedin.com/in/a'>in</a></p></div>")
    assert in_person_card(card[0])


def test_two_platforms_in_one_list_form_a_group() -> None:
    links = _links(
        "<ul><li><a href='https://www.youtube.com/@acme'></a></li>"
        "<li><a href='https://www.facebook.com/acme'></a></li></ul>"
        "<p><a href='https://www.tiktok.com/@acme'></a></p>"
    )
    icons = []
    for node in links:
        profile = classify_social(node.attributes["href"] or "")
        assert profile is not None
        icons.append((profile, node, False))
    assert icon_groups(icons) == {id(links[0]), id(links[1])}


def test_a_small_footer_div_with_a_credit_line_keeps_the_site_icons() -> None:
    tree = LexborHTMLParser(
        '<div class="footer"><div class="container"><div class="col"><h4>Connect</h4>'
        '<a id="own" href="https://www.facebook.com/acme"><i></i></a></div></div>'
        '<div class="copyright">Designed &amp; Developed by '
        '<a id="agency" href="https://www.facebook.com/webagency">Web Agency</a></div></div>'
    )
    own, agency = tree.css_first("#own"), tree.css_first("#agency")
    assert own is not None
    assert agency is not None
    assert not in_credit_line(own)
    assert in_credit_line(agency)


def test_a_follow_button_is_the_sites_own_account() -> None:
    tree = LexborHTMLParser(
        '<main><a id="feed" href="https://instagram.com/bakery_lisa">Follow on Instagram</a>'
        '<a id="quote" href="https://x.com/jane">Follow @jane on X</a>'
        '<a id="plain" href="https://x.com/bob">Bob</a></main>'
    )
    feed, quote, plain = (tree.css_first(f"#{name}") for name in ("feed", "quote", "plain"))
    assert feed is not None
    assert quote is not None
    assert plain is not None
    assert is_follow_link(feed)
    assert not is_follow_link(quote)
    assert not is_follow_link(plain)
