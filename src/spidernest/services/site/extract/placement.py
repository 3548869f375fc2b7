"""Where a social link sits on a page, which decides whose profile it is.

Pure: selectolax nodes in, answers out. A profile in the site's header or footer is the site's;
one in a credit line ("Website by …") is the agency's; one in a team member's card is that
person's; icon links to several platforms in one list form a social block wherever they stand.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from spidernest.services.site.extract.social import SocialProfile

__all__ = ["icon_groups", "in_credit_line", "in_person_card", "is_follow_link", "is_icon_link"]

# Credit lines name another company (the web agency, a photographer): their profiles are not
# the site's. Matched in the few lines around a social link, in the languages we read.
_CREDIT = re.compile(
    r"\b(?:web\s?site|site|web\s?design(?:ed)?|designed|developed|built|made|crafted|created|"
    r"powered|hosted|réalisée?|conçue?|cread[oa]|desarrollad[oa]|diseñad[oa]|desenvolvid[oa]|"
    r"criad[oa]|sviluppato|realizzato|erstellt|realisiert|umgesetzt|gemaakt|ontworpen|"
    r"wykonanie|photos?|fotos?|photography|lavet|udviklet|laget|utviklet|utvecklad|skapad|"
    r"gjord)\b[^.:\n]{0,20}?"
    r"\b(?:by|von|par|por|da|door|przez|af|av)\b"
    r"|\b(?:webdesign|web design|website|umsetzung|gestaltung|realisation|réalisation|"
    r"conception|bildnachweis|photography|fotografie|crédits? photos?|diseño web|"
    r"desarrollo web|hjemmeside|nettside|hemsida|webbplats|kotisivut|verkkosivut|"
    r"toteutus)\b[^.:\n]{0,30}?:",
    re.IGNORECASE,
)
_CREDIT_CONTEXT_CHARS = 300
# What icon links say instead of a name (Font Awesome and page-builder labels).
_PLATFORM_LABELS = frozenset(
    ["x", "fb", "ig", "yt", "facebook-f", "linkedin-in", "twitter-x", "x-twitter", "follow us"]
)
# A call to follow ("Follow us on Instagram", "Folgen Sie uns", "Suivez-nous") invites the
# reader to the site's own account, wherever the button stands (a feed widget on the home page).
_FOLLOW = re.compile(
    r"\b(?:follow|folge|folgen|suivez|suivre|síguenos|siguenos|seguici|seguinos|siga-nos|"
    r"volg|obserwuj|följ|følg|seuraa)\b",
    re.IGNORECASE,
)
# Class, id or itemtype words of a person's card (team pages, author boxes).
_PERSON_CARD = re.compile(
    r"team|member|author|byline|\bbio\b|person|people|staff|speaker|employee|mitarbeiter|"
    r"equipe|équipe|equipo|autor|auteur|profile-card|vcard",
    re.IGNORECASE,
)


def _attr(node: LexborNode, name: str) -> str:
    value = node.attributes.get(name)
    return value.strip() if isinstance(value, str) else ""


def is_icon_link(field: str, node: LexborNode) -> bool:
    """A link that shows only an icon or the platform's name ("Instagram", "Follow us on X").

    Third parties quoted in a text are linked by their names ("Stonefield Farm", "@seai_ie").
    """
    text = node.text(deep=True, strip=True).lower()
    return not text or (len(text) <= 30 and (field in text or text in _PLATFORM_LABELS))


def is_follow_link(node: LexborNode) -> bool:
    """A short link that asks the reader to follow the account ("Follow us on Instagram")."""
    text = node.text(deep=True, strip=True)
    # "Follow @jane on X" in an article names someone else's account.
    return (
        len(text) <= 40
        and "@" not in text
        and _FOLLOW.search(text) is not None
        and not in_person_card(node)
    )


def in_person_card(node: LexborNode) -> bool:
    """Whether a link sits in a team member's or author's card: their profiles, not the site's."""
    scope = node.parent
    for _ in range(5):
        if scope is None or scope.tag in {"body", "html", "main", "footer", "header"}:
            return False
        marks = f"{_attr(scope, 'class')} {_attr(scope, 'id')} {_attr(scope, 'itemtype')}"
        if _PERSON_CARD.search(marks):
            return True
        scope = scope.parent
    return False


def icon_groups(icons: list[tuple[SocialProfile, LexborNode, bool]]) -> set[int]:
    """Icon links to two or more platforms under one parent or grandparent: a social block.

    Many themes render their "follow us" icons without a telling class name (``ul > li > a``
    in the contact page's body); grouped, they are the site's own profiles like those in the
    header or footer.
    """
    platforms: dict[int, set[str]] = {}
    ancestors: list[tuple[int, list[int]]] = []
    for (platform, _, _), node, _ in icons:
        if not is_icon_link(platform, node) or in_person_card(node):
            continue
        ids: list[int] = []
        scope = node.parent
        for _ in range(2):
            if scope is None or scope.tag in {"body", "html"}:
                break
            ids.append(scope.mem_id)
            platforms.setdefault(scope.mem_id, set()).add(platform)
            scope = scope.parent
        ancestors.append((id(node), ids))
    return {
        node_id
        for node_id, ids in ancestors
        if any(len(platforms[ancestor]) >= 2 for ancestor in ids)
    }


def in_credit_line(node: LexborNode) -> bool:
    """Whether a link sits in a credit line ("Website by …", "Webdesign: …", "Fotos von …")."""
    scope = node.parent
    for level in range(3):
        if scope is None or scope.tag in {"body", "html", "footer", "header"}:
            return False
        if level and "footer" in f"{_attr(scope, 'class')} {_attr(scope, 'id')}".lower():
            # A short footer built of <div class="footer"> holds the site's own icons and the
            # credit line side by side: only the credit's own line counts.
            return False
        text = scope.text(deep=True, separator=" ")
        if len(text) > _CREDIT_CONTEXT_CHARS:
            return False
        if _CREDIT.search(text):
            return True
        scope = scope.parent
    return False
