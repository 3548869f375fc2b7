"""Social profile links: which platform, and whether a link is a profile at all.

A link counts only when it points at an account, page, channel, server or chat: share buttons
(``sharer.php``, ``intent/tweet``, ``shareArticle``), posts, videos, searches and the
platforms' own home, help and legal pages are not profiles. URLs come back in one canonical
form (https, no ``www``, no tracking query) so that the same profile found twice is one.
"""

from __future__ import annotations

import functools
import re
from urllib.parse import parse_qs, urlsplit

__all__ = ["SocialProfile", "classify_social"]

SocialProfile = tuple[str, str, str]  # (field, canonical URL, handle)

_HOSTS: dict[str, str] = {
    "linkedin.com": "linkedin",
    "twitter.com": "twitter",
    "x.com": "twitter",
    "facebook.com": "facebook",
    "fb.com": "facebook",
    "fb.me": "facebook",
    "instagram.com": "instagram",
    "instagr.am": "instagram",
    "youtube.com": "youtube",
    "github.com": "github",
    "tiktok.com": "tiktok",
    "pinterest.com": "pinterest",
    "medium.com": "medium",
    "discord.gg": "discord",
    "discord.com": "discord",
    "discordapp.com": "discord",
    "wa.me": "whatsapp",
    "whatsapp.com": "whatsapp",
    "t.me": "telegram",
    "telegram.me": "telegram",
    "telegram.dog": "telegram",
    "snapchat.com": "snapchat",
    "reddit.com": "reddit",
}
_PINTEREST_CC = re.compile(r"^pinterest\.(?:[a-z]{2}|co\.uk|com\.[a-z]{2})$")
# First path segments that are platform pages, never an account.
_RESERVED: dict[str, frozenset[str]] = {
    "twitter": frozenset(
        [
            "share",
            "intent",
            "home",
            "search",
            "hashtag",
            "i",
            "explore",
            "settings",
            "login",
            "signup",
            "tos",
            "privacy",
            "messages",
            "notifications",
            "compose",
            "widgets",
            "widgets.js",
            "about",
            "download",
            "jobs",
        ]
    ),
    "facebook": frozenset(
        [
            "sharer",
            "sharer.php",
            "share",
            "share.php",
            "dialog",
            "plugins",
            "tr",
            "login",
            "login.php",
            "policies",
            "help",
            "privacy",
            "legal",
            "watch",
            "events",
            "marketplace",
            "gaming",
            "home.php",
            "photo.php",
            "photo",
            "story.php",
            "permalink.php",
            "business",
            "ads",
            "hashtag",
            "search",
            "about",
        ]
    ),
    "instagram": frozenset(
        [
            "p",
            "reel",
            "reels",
            "explore",
            "accounts",
            "stories",
            "tv",
            "about",
            "legal",
            "developer",
            "direct",
        ]
    ),
    "github": frozenset(
        [
            "features",
            "about",
            "login",
            "join",
            "pricing",
            "marketplace",
            "topics",
            "explore",
            "settings",
            "sponsors",
            "orgs",
            "apps",
            "collections",
            "trending",
            "enterprise",
            "security",
            "site",
            "contact",
            "customer-stories",
            "readme",
            "team",
            "new",
            "notifications",
            "search",
        ]
    ),
    "tiktok": frozenset(
        ["legal", "about", "embed", "tag", "music", "discover", "foryou", "upload", "login"]
    ),
    "pinterest": frozenset(
        ["pin", "search", "ideas", "today", "business", "_", "categories", "discover"]
    ),
    "medium": frozenset(
        ["m", "tag", "topic", "search", "about", "membership", "plans", "creators", "p"]
    ),
    "snapchat": frozenset(["spotlight", "discover", "lens", "unlock", "download"]),
    "telegram": frozenset(["share", "addstickers", "addtheme", "proxy", "socks", "iv"]),
}
# Handles a theme ships in its demo content and site owners forget to change: placeholders
# (facebook.com/yourpage, twitter.com/username) and the theme shops' own accounts.
_PLACEHOLDER_HANDLES = frozenset((
    "username", "yourusername", "yourname", "yourpage", "yourpagename", "youraccount",
    "yourcompany", "yourcompanyname", "yourhandle", "yourchannel", "yourprofile",
    "yourbusiness", "yourbrand", "example", "envato", "themeforest", "templatemonster",
    "themeisle", "themefusion", "elegantthemes", "mythemeshop", "thimpress", "codecanyon",
))  # fmt: skip
_HANDLE = re.compile(r"^[A-Za-z0-9_.@%+-][A-Za-z0-9_.%+-]{0,99}$")


def _platform(host: str) -> str | None:
    host = host.lower().rstrip(".").removeprefix("www.")
    for prefix in ("www.", "m.", "mobile.", "web.", "de.", "fr.", "es.", "it.", "nl.", "pl."):
        if host.startswith(prefix) and host[len(prefix) :] in _HOSTS:
            host = host[len(prefix) :]
            break
    if host.endswith(".linkedin.com"):
        host = "linkedin.com"
    if host.endswith(".whatsapp.com"):
        return "whatsapp"
    if _PINTEREST_CC.match(host):
        host = "pinterest.com"
    if host.endswith(".medium.com") and host.count(".") == 2:
        return "medium-sub"
    return _HOSTS.get(host)


def _first_segments(path: str, count: int) -> list[str]:
    return [seg for seg in path.split("/") if seg][:count]


def _linkedin(segments: list[str]) -> str | None:
    if len(segments) >= 2 and segments[0].lower() in {"company", "in", "school", "showcase"}:
        return f"https://linkedin.com/{segments[0].lower()}/{segments[1]}"
    return None


_YOUTUBE_PAGES = frozenset((
    "watch", "embed", "results", "playlist", "shorts", "feed", "t", "redirect", "about",
    "premium", "gaming", "kids", "music", "live", "hashtag", "account", "signin", "logout",
    "upload", "howyoutubeworks", "creators", "ads",
))  # fmt: skip


def _youtube(segments: list[str]) -> str | None:
    if not segments:
        return None
    first = segments[0]
    if first.startswith("@"):
        return f"https://youtube.com/{first}"
    if first.lower() in {"channel", "c", "user"} and len(segments) >= 2:
        return f"https://youtube.com/{first.lower()}/{segments[1]}"
    # Legacy custom URLs (youtube.com/AcmeGmbH) are channels too.
    if len(segments) <= 2 and first.lower() not in _YOUTUBE_PAGES and _HANDLE.match(first):
        return f"https://youtube.com/{first}"
    return None


def _whatsapp(host: str, path: str, query: dict[str, list[str]]) -> str | None:
    if host.endswith("wa.me"):
        number = path.strip("/")
        # WhatsApp Business short links (wa.me/message/ABC123) open the business's chat too.
        kind, _, code = number.partition("/")
        if kind == "message" and code.isalnum():
            return f"https://wa.me/message/{code}"
        return f"https://wa.me/{number}" if number.isdigit() and len(number) >= 7 else None
    phone = "".join(ch for ch in query.get("phone", [""])[0] if ch.isdigit())
    if path.rstrip("/") in {"/send", "/message"} or host.startswith("api."):
        return f"https://wa.me/{phone}" if len(phone) >= 7 else None
    segments = _first_segments(path, 2)
    if host.startswith("chat.") and segments:
        return f"https://chat.whatsapp.com/{segments[0]}"
    if len(segments) == 2 and segments[0] == "channel":
        return f"https://whatsapp.com/channel/{segments[1]}"
    return None


def _discord(host: str, segments: list[str]) -> str | None:
    if host.endswith("discord.gg") and segments:
        return f"https://discord.gg/{segments[0]}"
    if len(segments) >= 2 and segments[0] == "invite":
        return f"https://discord.gg/{segments[1]}"
    return None


def _reddit(segments: list[str]) -> str | None:
    if len(segments) >= 2 and segments[0].lower() in {"r", "user", "u"}:
        kind = "user" if segments[0].lower() in {"user", "u"} else "r"
        if len(segments) > 2 and kind == "r" and segments[2] in {"submit", "comments"}:
            return f"https://reddit.com/r/{segments[1]}"
        return f"https://reddit.com/{kind}/{segments[1]}"
    return None


def _simple(field: str, domain: str, segments: list[str]) -> str | None:
    """Platforms where the first path segment is the account (``/acme``, ``/@acme``)."""
    if not segments:
        return None
    first = segments[0]
    if first.lower() in _RESERVED.get(field, frozenset()) or not _HANDLE.match(first):
        return None
    if field == "tiktok" and not first.startswith("@"):
        return None
    if field == "snapchat":
        if first == "add" and len(segments) >= 2:
            return f"https://snapchat.com/add/{segments[1]}"
        return f"https://snapchat.com/{first}" if first.startswith("@") else None
    if field == "telegram" and first.lower() == "s" and len(segments) >= 2:
        first = segments[1]
    if field == "medium" and len(segments) > 1 and not first.startswith("@"):
        return None
    return f"https://{domain}/{first}"


_DOMAINS = {
    "twitter": "twitter.com",
    "facebook": "facebook.com",
    "instagram": "instagram.com",
    "github": "github.com",
    "tiktok": "tiktok.com",
    "pinterest": "pinterest.com",
    "medium": "medium.com",
    "telegram": "t.me",
    "snapchat": "snapchat.com",
}


def _facebook(path: str, query: dict[str, list[str]], segments: list[str]) -> str | None:
    if path.rstrip("/").endswith("profile.php"):
        ident = query.get("id", [""])[0]
        return f"https://facebook.com/profile.php?id={ident}" if ident.isdigit() else None
    if segments[:2] == ["pages", "category"]:
        # facebook.com/pages/category/Bakery/Acme-GmbH-123456789: the page is the fourth segment.
        named = _first_segments(path, 4)
        return f"https://facebook.com/{named[3]}" if len(named) == 4 else None
    if segments and segments[0].lower() in {"pages", "groups", "people"} and len(segments) >= 2:
        return f"https://facebook.com/{'/'.join(segments[:3])}"
    if segments and segments[0].lower() == "pg" and len(segments) >= 2:
        segments = segments[1:]  # facebook.com/pg/Acme/about → the page itself
    if path.rstrip("/").endswith("plugins/page.php"):
        inner = query.get("href", [""])[0]  # the page-plugin iframe names the page it shows
        found = classify_social(inner) if "facebook.com" in inner else None
        return found[1] if found and found[0] == "facebook" else None
    return _simple("facebook", "facebook.com", segments)


def _canonical(
    field: str, host: str, path: str, segments: list[str], query: dict[str, list[str]]
) -> str | None:
    if field == "linkedin":
        return _linkedin(segments)
    if field == "youtube":
        return _youtube(segments)
    if field == "whatsapp":
        return _whatsapp(host, path, query)
    if field == "discord":
        return _discord(host, segments)
    if field == "reddit":
        return _reddit(segments)
    if field == "facebook":
        return _facebook(path, query, segments)
    if field == "twitter":
        bare = host.removeprefix("www.").removeprefix("mobile.")
        domain = "x.com" if bare == "x.com" else "twitter.com"
        # A follow button (intent/follow?screen_name=acme) names the site's own account.
        name = query.get("screen_name", [""])[0]
        if segments[:2] in (["intent", "follow"], ["intent", "user"]) and _HANDLE.match(name):
            return f"https://{domain}/{name}"
        return _simple("twitter", domain, segments)
    return _simple(field, _DOMAINS[field], segments)


def _app_link(scheme: str, action: str, query: dict[str, list[str]]) -> SocialProfile | None:
    """App links that mobile-first sites use: ``whatsapp://send?phone=…``, ``tg://resolve?domain=…``."""
    if scheme == "whatsapp" and action == "send":
        phone = "".join(ch for ch in query.get("phone", [""])[0] if ch.isdigit())
        return ("whatsapp", f"https://wa.me/{phone}", phone) if len(phone) >= 7 else None
    name = query.get("domain", [""])[0]
    if scheme == "tg" and action == "resolve" and _HANDLE.match(name):
        return "telegram", f"https://t.me/{name}", name.lower()
    return None


@functools.lru_cache(maxsize=16_384)  # pure, and menus and footers repeat on every page
def classify_social(url: str) -> SocialProfile | None:
    """``(field, canonical URL, handle)`` when ``url`` is a profile on one of the 14 platforms."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme in {"whatsapp", "tg"}:
        return _app_link(scheme, parts.netloc.lower(), parse_qs(parts.query))
    if scheme not in {"http", "https", ""} or not parts.hostname:
        return None
    field = _platform(parts.hostname)
    if field is None:
        return None
    host = parts.hostname.lower()
    path = parts.path or "/"
    if path == "/" and parts.fragment.startswith("!/"):
        path = parts.fragment[1:]  # twitter.com/#!/acme, the hashbang URLs of older sites
    segments = _first_segments(path, 3)
    query = parse_qs(parts.query)
    canonical: str | None
    if field == "medium-sub":
        field, canonical = "medium", f"https://{host.removeprefix('www.')}"
    else:
        canonical = _canonical(field, host, path, segments, query)
    if canonical is None:
        return None
    canonical = canonical.rstrip("/")
    handle = canonical.rsplit("/", 1)[-1].rsplit("=", 1)[-1].lstrip("@").lower()
    if re.sub(r"[._-]", "", handle) in _PLACEHOLDER_HANDLES:
        return None
    return field, canonical, handle
