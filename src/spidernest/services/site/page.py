"""One crawled page, parsed once: its links and every contact it states.

Pure: HTML text and its URL in, ``PageFacts`` out. selectolax parses the markup once; the
visible text comes from ``extract/text.py``; JSON-LD, microdata, ``<address>``, links and
Cloudflare-protected addresses are read from the tree.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from spidernest.services.site.extract.addresses import (
    addresses_from_text,
    clean_address,
    format_postal_address,
)
from spidernest.services.site.extract.emails import (
    decode_cloudflare,
    emails_from_data_attributes,
    emails_from_mailto,
    emails_from_text,
)
from spidernest.services.site.extract.jsonld import StructuredContacts, parse_jsonld
from spidernest.services.site.extract.phones import (
    PhoneCandidate,
    phone_from_tel,
    phones_from_text,
)
from spidernest.services.site.extract.placement import (
    icon_groups,
    in_credit_line,
    is_follow_link,
)
from spidernest.services.site.extract.social import SocialProfile, classify_social
from spidernest.services.site.extract.text import flatten_html
from spidernest.services.site.spa import looks_client_rendered

__all__ = ["Link", "PageFacts", "SocialSighting", "decode_html", "parse_page"]

_META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_.:-]{2,40})", re.IGNORECASE)
_REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\";]+)", re.IGNORECASE)
# Where a site's own profile links live: its header, footer, navigation and "social" blocks.
# Class and id scopes skip <html>/<body>: themes put classes such as "tweak-social-icons-…" on
# the body, which would make every link of the page look like chrome.
_CHROME_LINKS = ", ".join(
    f"{scope} a[href]"
    for scope in (
        "footer",
        "header",
        "nav",
        ":not(body):not(html)[class*=social]",
        ":not(body):not(html)[class*=footer]",
        ":not(body):not(html)[id*=social]",
    )
)
# A footer without <footer>: page builders' "elementor-location-footer", "site-footer" …
_FOOTER_BLOCK = "#footer, .footer, :not(body):not(html)[class*=footer], [id*=footer]"
# User-generated sections (blog comments): addresses there are the commenters', not the site's.
_COMMENTS = "#comments, .comment-list, .commentlist, .comments-area"
_ADDRESS_PROPS = ("streetAddress", "postalCode", "addressLocality", "addressRegion")


@dataclass(frozen=True, slots=True)
class Link:
    """A link found on a page: absolute URL and its anchor text."""

    url: str
    text: str


@dataclass(frozen=True, slots=True)
class SocialSighting:
    """A social profile link: where it points and whether it sits in the page chrome."""

    field: str
    url: str
    handle: str
    in_chrome: bool
    structured: bool = False


@dataclass(slots=True)
class PageFacts:
    """Everything extracted from one page."""

    url: str
    title: str
    language: str | None
    text: str
    links: list[Link] = field(default_factory=list)
    meta_refresh: str | None = None
    emails: list[str] = field(default_factory=list)
    phones: list[PhoneCandidate] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    socials: list[SocialSighting] = field(default_factory=list)
    structured: StructuredContacts = field(default_factory=StructuredContacts)
    client_rendered: bool = False


def decode_html(content: bytes, header_charset: str | None) -> str:
    """Decode a page: the HTTP charset, else ``<meta charset>``, else UTF-8, else Windows-1252."""
    candidates = [header_charset] if header_charset else []
    sniffed = _META_CHARSET.search(content[:4096])
    if sniffed:
        candidates.append(sniffed.group(1).decode("ascii", "ignore"))
    for charset in candidates:
        try:
            return content.decode(charset)
        except (LookupError, UnicodeDecodeError):
            continue
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def _attr(node: LexborNode, name: str) -> str:
    value = node.attributes.get(name)
    return value.strip() if isinstance(value, str) else ""


# Link resolution is pure and repeats across the pages of a site.
_resolve = functools.lru_cache(maxsize=16_384)(urljoin)


def _read_links(tree: LexborHTMLParser, base: str, facts: PageFacts) -> None:
    chrome = {_attr(node, "href") for node in tree.css(_CHROME_LINKS)}
    parts = urlsplit(base)
    origin = f"{parts.scheme}://{parts.netloc}/"
    icons: list[tuple[SocialProfile, LexborNode, bool]] = []
    for node in tree.css("a[href], area[href]"):
        href = _attr(node, "href")
        lowered = href[:12].lower()
        if _read_contact_link(href, lowered, facts):
            continue
        if (
            href
            and not lowered.startswith(("javascript:", "#", "data:"))
            and "/cdn-cgi/" not in href
        ):
            # Root-relative links resolve the same from every page of a site: keyed on the
            # origin they hit the cache (menus and footers repeat on every page).
            is_rooted = href[0] == "/" and href[:2] != "//"
            absolute = _resolve(origin if is_rooted else base, href)
            social = classify_social(absolute)
            if social is not None:
                if not in_credit_line(node):
                    icons.append((social, node, href in chrome))
            else:
                facts.links.append(Link(absolute, node.text(deep=True, strip=True)[:200]))
    grouped = icon_groups(icons)
    for social, node, in_chrome in icons:
        site_own = in_chrome or id(node) in grouped or is_follow_link(node)
        facts.socials.append(SocialSighting(*social, in_chrome=site_own))


def _read_contact_link(href: str, lowered: str, facts: PageFacts) -> bool:
    """Read a mailto:, tel: or Cloudflare-protected link; whether ``href`` was one."""
    if lowered.startswith("mailto:"):
        facts.emails.extend(emails_from_mailto(href))
    elif lowered.startswith(("tel:", "callto:", "fax:")):
        candidate = phone_from_tel(href)
        if candidate is not None:
            facts.phones.append(candidate)
    elif "/cdn-cgi/l/email-protection#" in href:
        decoded = decode_cloudflare(href.rsplit("#", 1)[1])
        if decoded:
            facts.emails.append(decoded)
    else:
        return False
    return True


def _user_content_contacts(tree: LexborHTMLParser, page_text: str) -> set[str]:
    """Emails and phone digits written only in blog comments: the commenters', not the site's.

    One the page also states outside the comments (the site's address in its footer, or in
    the owner's reply quoted elsewhere on the page) stays.
    """
    nodes = tree.css(_COMMENTS)
    matched = {node.mem_id for node in nodes}
    outermost = [node for node in nodes if not _has_ancestor_in(node, matched)]
    if not outermost:
        return set()
    joined = "\n".join(flatten_html(node.html or "") for node in outermost)
    found = set(emails_from_text(joined))
    for node in outermost:
        for link in node.css('a[href^="mailto:" i]'):
            found.update(emails_from_mailto(_attr(link, "href")))
    page_lower, comments_lower = page_text.lower(), joined.lower()
    only_there = {e for e in found if page_lower.count(e) <= comments_lower.count(e)}
    for candidate in phones_from_text(joined):
        if page_text.count(candidate.raw) <= joined.count(candidate.raw):
            only_there.add(_digits(candidate.raw))
    return only_there


def _has_ancestor_in(node: LexborNode, ids: set[int]) -> bool:
    scope = node.parent
    while scope is not None:
        if scope.mem_id in ids:
            return True
        scope = scope.parent
    return False


def _digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def _itemprop(scope: LexborNode, prop: str) -> str | None:
    found = scope.css_first(f'[itemprop="{prop}"]')
    if found is None:
        return None
    value = _attr(found, "content") or found.text(deep=True, separator=" ", strip=True)
    return " ".join(value.split())[:200] or None


def _read_frames(tree: LexborHTMLParser, facts: PageFacts) -> None:
    """Social widgets embedded as iframes (the Facebook page plugin) name the site's page."""
    for node in tree.css('iframe[src*="facebook.com/plugins/page"]'):
        social = classify_social(_attr(node, "src"))
        if social is not None:
            facts.socials.append(SocialSighting(*social, in_chrome=True))


def _read_microdata(tree: LexborHTMLParser, facts: PageFacts) -> None:
    for scope in tree.css('[itemtype*="PostalAddress"]'):
        props: dict[str, str] = {}
        for prop in (*_ADDRESS_PROPS, "addressCountry"):
            found = scope.css_first(f'[itemprop="{prop}"]')
            if found is not None:
                props[prop] = _attr(found, "content") or found.text(deep=True, separator=" ")
        address = format_postal_address(dict(props))
        if address:
            facts.addresses.append(address)
    for scope in tree.css('[itemtype*="schema.org/Person"]'):
        person = {prop: _itemprop(scope, prop) for prop in ("name", "jobTitle", "email")}
        links = [_attr(a, "href") for a in scope.css("a[href]")]
        if person["name"]:
            facts.structured.persons.append(
                {
                    "name": person["name"],
                    "title": person["jobTitle"],
                    "email": (person["email"] or "").removeprefix("mailto:").lower() or None,
                    "linkedin": next((u for u in links if "linkedin.com/in/" in u), None),
                }
            )
    for node in tree.css("address"):
        text = flatten_html(node.html or "")
        lines = [line for line in text.split("\n") if "@" not in line and ":" not in line]
        if any(ch.isdigit() for ch in text) and 10 <= len(" ".join(lines)) <= 250:
            facts.addresses.append(clean_address(", ".join(lines)))


# Several numbers in one JSON-LD string: "+1 512 448 2211 / +1 512 448 2212", "…; …".
# A slash without spaces stays inside a number (030/1234567).
_LISTED = re.compile(r"\s+/\s+|[;,|]")


def _listed(value: str) -> list[str]:
    return [part.strip() for part in _LISTED.split(value) if part.strip()]


def _read_structured(tree: LexborHTMLParser, facts: PageFacts) -> None:
    """JSON-LD: the site's own statement of its contacts and profiles (``sameAs``)."""
    blocks = [node.text(deep=True) for node in tree.css('script[type*="ld+json" i]')]
    facts.structured = structured = parse_jsonld(blocks)
    facts.emails.extend(e.lower() for e in structured.emails)
    for raw in structured.phones:
        facts.phones.extend(PhoneCandidate(raw=p, source="jsonld") for p in _listed(raw))
    for raw in structured.faxes:
        facts.phones.extend(
            PhoneCandidate(raw=p, source="jsonld", kind="fax") for p in _listed(raw)
        )
    facts.addresses.extend(structured.addresses)
    for same_as in structured.same_as:
        social = classify_social(same_as)
        if social is not None:
            facts.socials.append(SocialSighting(*social, in_chrome=True, structured=True))


def parse_page(markup: str, url: str, *, contact_page: bool = False) -> PageFacts:
    """Parse one page of a site.

    Args:
        markup: the page's HTML (decoded).
        url: the page's final URL (base for relative links).
        contact_page: whether the page is a contact or imprint page, where addresses written
            as plain text are read from the whole page rather than only from the footer.

    Returns:
        The page's links and the unvalidated contact candidates it states.
    """
    tree = LexborHTMLParser(markup)
    base_node = tree.css_first("base[href]")
    base = urljoin(url, _attr(base_node, "href")) if base_node is not None else url
    title_node = tree.css_first("title")
    html_node = tree.css_first("html")
    language = _attr(html_node, "lang").lower() or None if html_node is not None else None
    text = flatten_html(markup)
    facts = PageFacts(
        url=url,
        title=title_node.text(strip=True)[:300] if title_node is not None else "",
        language=language,
        text=text,
    )
    refresh = tree.css_first('meta[http-equiv="refresh" i]')
    if refresh is not None:
        target = _REFRESH_URL.search(_attr(refresh, "content"))
        if target:
            facts.meta_refresh = urljoin(base, target.group(1).strip())
    _read_links(tree, base, facts)
    for node in tree.css("[data-cfemail]"):
        decoded = decode_cloudflare(_attr(node, "data-cfemail"))
        if decoded:
            facts.emails.append(decoded)
    _read_structured(tree, facts)
    facts.emails.extend(emails_from_text(text))
    # An address shown as a picture (against harvesters) is read from its alt text.
    for node in tree.css('img[alt*="@"]'):
        facts.emails.extend(emails_from_text(_attr(node, "alt")))
    if ("data-" in markup and "@" in markup) or "data-domain" in markup:
        facts.emails.extend(emails_from_data_attributes(markup))
    facts.phones.extend(phones_from_text(text))
    _read_microdata(tree, facts)
    _read_frames(tree, facts)
    footer = tree.css_first("footer") or tree.css_first(_FOOTER_BLOCK)
    if contact_page:
        facts.addresses.extend(addresses_from_text(text))
    elif footer is not None:
        facts.addresses.extend(addresses_from_text(flatten_html(footer.html or "")))
    excluded = _user_content_contacts(tree, text) if "comment" in markup else set()
    if excluded:
        facts.emails = [e for e in facts.emails if e not in excluded]
        facts.phones = [p for p in facts.phones if _digits(p.raw) not in excluded]
    facts.client_rendered = looks_client_rendered(markup, text)
    return facts
