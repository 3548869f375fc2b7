"""Which host names belong to one site, and which domain names are real (offline suffix list)."""

from __future__ import annotations

import functools
import ipaddress
from urllib.parse import urlsplit

import tldextract

__all__ = ["has_public_suffix", "is_free_mail_domain", "registrable_domain", "site_key"]


@functools.cache
def _extractor() -> tldextract.TLDExtract:
    # The bundled public-suffix snapshot: no network, no cache directory (house rule).
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@functools.lru_cache(maxsize=4_096)  # asked for every link; ip_address() raises for names
def _is_single_host(host: str) -> bool:
    """IP literals and ``localhost`` have no registrable domain: each host:port is its own site."""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


@functools.lru_cache(maxsize=65_536)
def registrable_domain(host: str) -> str:
    """``www.shop.example.co.uk`` → ``example.co.uk``; the host itself when it has no suffix."""
    host = host.lower().rstrip(".")
    if _is_single_host(host):
        return host
    parts = _extractor()(host)
    if parts.domain and parts.suffix:
        return f"{parts.domain}.{parts.suffix}"
    return host


def site_key(url: str) -> str:
    """What makes two URLs the same site: the registrable domain (``www`` and bare host are one).

    IP addresses and ``localhost`` have no registrable domain, so there the site is ``host:port``
    (the test web serves one site per port of 127.0.0.1).
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".")
    if _is_single_host(host):
        try:
            port = parts.port
        except ValueError:
            port = None
        default = 443 if parts.scheme.lower() == "https" else 80
        return f"{host}:{port or default}"
    return registrable_domain(host)


@functools.lru_cache(maxsize=65_536)
def has_public_suffix(domain: str) -> bool:
    """Whether ``domain`` ends in a public suffix from the ICANN list and has a name before it."""
    parts = _extractor()(domain.lower())
    return bool(parts.domain and parts.suffix) and not parts.is_private


# Free mail providers, by the first label of their domains (gmail.com, gmx.de, yahoo.co.uk):
# a shop writing from acmebakery@gmail.com does not make every Gmail address its own.
_FREE_MAIL = frozenset((
    "gmail", "googlemail", "yahoo", "ymail", "hotmail", "outlook", "live", "msn", "icloud",
    "me", "mac", "aol", "gmx", "web", "t-online", "orange", "free", "wanadoo", "laposte",
    "libero", "virgilio", "alice", "tiscali", "mail", "yandex", "qq", "163", "126", "naver",
    "daum", "hanmail", "protonmail", "proton", "zoho", "bigpond", "rediffmail", "wp", "o2",
    "interia", "onet", "seznam", "uol", "bol", "terra", "btinternet", "sky", "comcast",
    "verizon", "att", "sbcglobal", "bluewin", "telenet", "skynet", "ziggo", "kpnmail",
    "xs4all", "sapo", "telia", "online", "freenet", "arcor", "posteo", "mailbox",
))  # fmt: skip


def is_free_mail_domain(domain: str) -> bool:
    """Whether ``domain`` is a free mail provider's (``gmail.com``, ``gmx.de``)."""
    return domain.lower().split(".", 1)[0] in _FREE_MAIL
