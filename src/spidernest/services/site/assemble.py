"""From the facts of every crawled page to the site's contacts: filter, validate, rank, merge.

Pure. Emails are filtered (``is_contact_email``), phones validated for the site's country,
faxes kept apart, addresses de-duplicated, and for each social platform the one profile most
likely to be the company's own is chosen.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from spidernest.services.site.country import guess_region
from spidernest.services.site.domains import is_free_mail_domain, registrable_domain, site_key
from spidernest.services.site.extract.addresses import country_of_address
from spidernest.services.site.extract.emails import is_authority_domain, is_contact_email
from spidernest.services.site.extract.phones import PhoneCandidate, validate_phone
from spidernest.services.site.links import is_partner_list, is_post_url, is_third_party_page
from spidernest.services.site.page import PageFacts
from spidernest.services.site.result import SOCIAL_FIELDS, PhoneDetail, TeamMember

__all__ = ["Contacts", "assemble_contacts"]

# A guard, not a judgement: a chain's branch page lists a dozen or more stores, each of them
# a way to reach the company.
_MAX_ADDRESSES = 25
_CHAT_FIELDS = frozenset({"whatsapp", "telegram", "discord"})
_NOT_ALNUM = re.compile(r"[^a-z0-9]")


@dataclass(slots=True)
class Contacts:
    """The merged contacts of a site."""

    emails: list[str] = field(default_factory=list)
    total_emails_found: int = 0
    phones: list[PhoneDetail] = field(default_factory=list)
    faxes: list[PhoneDetail] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    socials: dict[str, str | None] = field(default_factory=dict)
    team: list[TeamMember] = field(default_factory=list)
    region: str | None = None


def _mail_domain(email: str) -> str:
    return registrable_domain(email.rpartition("@")[2])


def _own_mail_domains(pages: list[PageFacts], site_domain: str) -> set[str]:
    """The site's mail domains: its own, and those of the addresses it states as its contacts.

    A shop at acme.de writing from acme-group.com: "dpo@acme-group.com" in its privacy policy
    is then the site's too. Authorities and free mail providers never become the site's.
    """
    domains = {site_domain}
    for page in pages:
        if is_post_url(page.url) or is_third_party_page(page.url):
            continue
        for email in page.emails:
            domain = _mail_domain(email)
            if (
                is_contact_email(email)
                and not is_authority_domain(domain)
                and not is_free_mail_domain(domain)
            ):
                domains.add(domain)
    return domains


def _about_others(page: PageFacts, own_domains: set[str]) -> bool:
    """Whether a page speaks for other organisations: privacy policies, partner lists.

    A page named like a partner list is one when it links to other sites or writes to other
    domains; a law firm's "/partners" page, naming its own partners, is not.
    """
    if not is_third_party_page(page.url):
        return False
    if not is_partner_list(page.url):
        return True
    home = site_key(page.url)
    return any(site_key(link.url) != home for link in page.links) or any(
        _mail_domain(e) not in own_domains for e in page.emails
    )


def _emails(
    pages: list[PageFacts], own_pages: list[PageFacts], site_domain: str, own_domains: set[str]
) -> tuple[list[str], int]:
    candidates = list(dict.fromkeys(email for page in pages for email in page.emails))
    kept = [email for email in candidates if is_contact_email(email)]
    # Another domain's address that only articles, privacy policies or partner lists
    # mention belongs to the article's subject, the authority or the partner.
    stated = {e for page in own_pages if not is_post_url(page.url) for e in page.emails}
    domains = {e: _mail_domain(e) for e in kept}
    own = [e for e in kept if domains[e] == site_domain]
    others = [
        e
        for e in kept
        if e not in own
        and (domains[e] in own_domains or (e in stated and not is_authority_domain(domains[e])))
    ]
    return own + others, len(candidates)


def _phones(
    own_pages: list[PageFacts], region: str | None, own_domains: set[str]
) -> tuple[list[PhoneDetail], list[PhoneDetail]]:
    """The phones and faxes of the pages that speak for the site.

    The pages about others are left out before: an authority's or a partner's number on a
    privacy policy or partner list is not the site's, whose own stands elsewhere.
    """
    phones: dict[str, PhoneDetail] = {}
    faxes: dict[str, PhoneDetail] = {}
    # The footer's number, once per page: validated once.
    seen: set[tuple[PhoneCandidate, bool]] = set()
    written_as_phone: set[str] = set()  # numbers offered as phones outside tel: links
    for page in own_pages:
        is_post = is_post_url(page.url)
        for candidate in page.phones:
            # "call the grant agency on …" in an article: not the site's number, though its
            # "Telefon:" label still says that the number is a phone.
            in_article = is_post and candidate.source == "text"
            if (in_article and candidate.kind != "phone") or (candidate, in_article) in seen:
                continue
            if candidate.near and registrable_domain(candidate.near) not in own_domains:
                continue  # "apply at carecredit.com or call 800-677-0718": the lender's number
            seen.add((candidate, in_article))
            detail = validate_phone(candidate, region)
            if detail is None or detail.e164 is None:
                continue
            if candidate.kind == "phone" and candidate.source != "tel":
                written_as_phone.add(detail.e164)
            if not in_article:
                target = faxes if candidate.kind == "fax" else phones
                target.setdefault(detail.e164, detail)
    _settle_faxes(phones, faxes, written_as_phone)
    return list(phones.values()), list(faxes.values())


def _settle_faxes(
    phones: dict[str, PhoneDetail], faxes: dict[str, PhoneDetail], written_as_phone: set[str]
) -> None:
    """A number found both as a phone and as a fax is one of them.

    A number the site also offers as a phone (a "Tel." label, JSON-LD ``telephone``) is a
    phone. A tel: link alone does not make a fax a phone: themes and mobile browsers link
    every number, "Fax: <a href="tel:…">030 123458</a>" included.
    """
    for e164 in list(faxes):
        if e164 in phones and phones[e164].type != "fax":
            if e164 in written_as_phone:
                del faxes[e164]
            else:
                del phones[e164]


def _tokens(address: str) -> frozenset[str]:
    return frozenset(_NOT_ALNUM.sub(" ", address.lower()).split())


def _addresses(pages: list[PageFacts]) -> list[str]:
    """Distinct addresses; one whose words all appear in another (reordered, shorter) drops."""
    found: list[tuple[str, frozenset[str]]] = []
    for page in pages:
        for address in page.addresses:
            tokens = _tokens(address)
            if len(tokens) < 2 or any(tokens <= known for _, known in found):
                continue
            found = [(a, t) for a, t in found if not t <= tokens]
            found.append((address, tokens))
    return [address for address, _ in found][:_MAX_ADDRESSES]


def _socials(pages: list[PageFacts], site_domain: str) -> dict[str, str | None]:
    name = _NOT_ALNUM.sub("", site_domain.split(".")[0].lower())
    scores: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for page in pages:
        for sighting in {
            (s.field, s.url, s.handle, s.in_chrome, s.structured) for s in page.socials
        }:
            field_name, url, handle, in_chrome, structured = sighting
            handle_key = _NOT_ALNUM.sub("", handle)
            score = 1.0 + (2.0 if in_chrome else 0.0) + (6.0 if structured else 0.0)
            if name and handle_key and (name in handle_key or handle_key in name):
                score += 4.0
            scores[field_name][url] += score
    chosen: dict[str, str | None] = dict.fromkeys(SOCIAL_FIELDS)
    for field_name, by_url in scores.items():
        url, score = max(by_url.items(), key=lambda item: (item[1], -len(item[0])))
        # One mention in the body of one page (a blog post quoting someone) is not enough,
        # except for chat links, which only ever point at the site's own number or server.
        if score >= 2.0 or field_name in _CHAT_FIELDS:
            chosen[field_name] = url
    return chosen


def _team(pages: list[PageFacts]) -> list[TeamMember]:
    members: dict[str, TeamMember] = {}
    for page in pages:
        for person in page.structured.persons:
            name = (person.get("name") or "").strip()
            if name and name.lower() not in members:
                members[name.lower()] = TeamMember(
                    name=name,
                    title=person.get("title"),
                    email=person.get("email"),
                    linkedin=person.get("linkedin"),
                )
    return list(members.values())


def assemble_contacts(pages: list[PageFacts], *, site_url: str, host: str) -> Contacts:
    """Merge the facts of every page of one site into its contacts."""
    site_domain = registrable_domain(host)
    own_domains = _own_mail_domains(pages, site_domain)
    # Decided once per page for both emails and numbers.
    own_pages = [page for page in pages if not _about_others(page, own_domains)]
    emails, total = _emails(pages, own_pages, site_domain, own_domains)
    addresses = _addresses(pages)
    region = guess_region(
        host,
        languages=[page.language for page in pages if page.language],
        address_countries=[c for page in pages for c in page.structured.countries],
        # Each distinct number votes once (the footer's repeats on every page).
        international_numbers=list(
            dict.fromkeys(
                c.raw for page in pages for c in page.phones if c.raw.startswith(("+", "00"))
            )
        ),
        postcode_countries=[c for a in addresses if (c := country_of_address(a)) is not None],
    )
    phones, faxes = _phones(own_pages, region, own_domains)
    return Contacts(
        emails=emails,
        total_emails_found=total,
        phones=phones,
        faxes=faxes,
        addresses=addresses,
        socials=_socials(pages, site_domain),
        team=_team(pages),
        region=region,
    )
