"""Email addresses from a page: mailto links, text, obfuscations, Cloudflare protection.

Candidates are collected generously and then filtered hard (``is_contact_email``): a real
public suffix, no file names (``logo@2x.png``), no placeholders (``you@example.com``), no
tracking or error-reporting addresses (Sentry, Wix), no ``noreply`` boxes.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote

from spidernest.services.site.domains import has_public_suffix
from spidernest.services.site.extract.email_decoys import (
    AUTHORITY_SUFFIXES,
    FILE_SUFFIXES,
    PLACEHOLDER_DOMAINS,
    PLACEHOLDER_LABELS,
    PLACEHOLDER_LOCALS,
    TRACKING_DOMAINS,
)
from spidernest.services.site.extract.text import line_spans

__all__ = [
    "decode_cloudflare",
    "emails_from_data_attributes",
    "emails_from_mailto",
    "emails_from_text",
    "is_authority_domain",
    "is_contact_email",
    "normalize_email",
]

# RFC 5321 §4.5.3.1: local part ≤ 64 octets, domain labels ≤ 63. Bounded quantifiers keep the
# scan linear; the look-behind stops a match from starting in the middle of a longer token.
# Domain labels may hold Latin letters with accents (kontakt@müller-bau.de, an IDN that
# German, Swiss and French firms use); other scripts are left out, since Japanese or Chinese
# text runs on after an address without a space ("info@acme.co.jpまで").
_LABEL_CHAR = "A-Za-z0-9À-ÖØ-öø-ɏ"
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@"
    rf"[{_LABEL_CHAR}](?:[{_LABEL_CHAR}-]{{0,62}}[{_LABEL_CHAR}])?"
    rf"(?:\.[{_LABEL_CHAR}](?:[{_LABEL_CHAR}-]{{0,62}}[{_LABEL_CHAR}])?){{1,8}}"
)
_BRACKETS_OPEN = r"[\[\(\{<«]"
_BRACKETS_CLOSE = r"[\]\)\}>»]"
# "info [at] acme [dot] de", "info(at)acme.de", "info {ät} acme (punkt) de" in the languages
# our users' sites are written in.
_AT_WORDS = (
    rf"{_BRACKETS_OPEN}\s*(?:at|ät|a|@|arroba|chez|snabel-a|malpa|małpa|apenstaartje|"
    rf"klammeraffe|chiocciola)\s*{_BRACKETS_CLOSE}"
)
_AT = re.compile(rf"\s*{_AT_WORDS}\s*", re.IGNORECASE)
# The same words without the surrounding-space scan: a cheap test whether to deobfuscate.
_AT_TRIGGER = re.compile(_AT_WORDS, re.IGNORECASE)
_DOT = re.compile(
    rf"\s*{_BRACKETS_OPEN}\s*(?:dot|punkt|point|punto|ponto|kropka|prick|piste|\.)\s*"
    rf"{_BRACKETS_CLOSE}\s*",
    re.IGNORECASE,
)
# "info at acme dot com", "contact arobase acme point fr" (bare words): only with at least one
# " dot " / " point " to stay precise. German "info(a)acme.de" is a bracketed "a" (_AT).
_WORDY = re.compile(
    r"(?<![\w.+-])([A-Za-z0-9][\w.+-]{0,63})\s+(?:at|AT|arobase)\s+"
    r"([A-Za-z0-9-]{1,63}(?:\s+(?:dot|DOT|point)\s+[A-Za-z0-9-]{1,63}){1,4})\b"
)
_WORDY_DOT = re.compile(r"\s+(?:dot|DOT|point)\s+")
# "info @ acme.de" with spaces around the sign.
_SPACED_AT = re.compile(
    r"(?<![\w.+-])([A-Za-z0-9][\w.+-]{0,63}) @ ([A-Za-z0-9-]{1,63}\.[\w.-]{2,})"
)
_UPPER_AFTER_LOWER = re.compile(r"(?<=[a-z])[A-Z]")

_NO_REPLY = re.compile(r"^(?:no-?reply|do-?not-?reply|donotreply|mailer-daemon|bounces?)\b")
# Sentry DSN keys, UUIDs and tracking ids: long hexadecimal local parts are never mailboxes.
_HEXISH = re.compile(r"^[0-9a-f]{16,}$|^[0-9a-f]{8}-[0-9a-f]{4}-")


def normalize_email(candidate: str) -> str:
    """Lowercase and trim punctuation that text glues onto an address."""
    return candidate.strip().strip(".,;:'\"()[]<>").lower()


def _trim_glued_suffix(address: str) -> str:
    """Cut words glued after the address by tag flattening: ``info@acme.deKontakt``."""
    local, _, domain = address.rpartition("@")
    last = domain.rsplit(".", 1)[-1]
    boundary = _UPPER_AFTER_LOWER.search(last)
    if boundary is not None:
        domain = domain[: len(domain) - len(last) + boundary.start()]
    return f"{local}@{domain}"


def is_contact_email(address: str) -> bool:
    """Whether a (normalized) address is worth reporting as a way to reach the site's owner."""
    local, at, domain = address.partition("@")
    if not at or not local or not domain or len(address) > 254 or len(local) > 64:
        return False
    if local.startswith(".") or local.endswith(".") or ".." in address:
        return False
    suffix = domain.rsplit(".", 1)[-1]
    if suffix in FILE_SUFFIXES or not suffix.isalpha():
        return False
    if domain in PLACEHOLDER_DOMAINS or domain.split(".")[0] in PLACEHOLDER_LABELS:
        return False
    if local in PLACEHOLDER_LOCALS or _NO_REPLY.match(local) or _HEXISH.match(local):
        return False
    if any(domain == t or domain.endswith("." + t) or t in domain for t in TRACKING_DOMAINS):
        return False
    return has_public_suffix(domain)


def is_authority_domain(domain: str) -> bool:
    """Whether ``domain`` belongs to a public authority (``dsb.gv.at``, ``anpd.gov.br``)."""
    dotted = "." + domain.lower()
    return any(dotted.endswith(suffix) or f"{suffix}." in dotted for suffix in AUTHORITY_SUFFIXES)


def _valid_suffix_prefix(address: str) -> str | None:
    """For ``info@acme.comimpressum``: the address with the longest real suffix, if any."""
    local, _, domain = address.rpartition("@")
    head, _, last = domain.rpartition(".")
    if last in FILE_SUFFIXES or not head:
        return None
    # Leave at least three glued letters: "comimpressum" → "com", never "png" → "pn".
    for end in range(len(last) - 3, 1, -1):
        candidate = f"{local}@{head}.{last[:end]}"
        if has_public_suffix(f"{head}.{last[:end]}"):
            return candidate
    return None


def _candidates(text: str) -> list[str]:
    found: list[str] = []
    for match in _EMAIL.finditer(text):
        raw = _trim_glued_suffix(match.group(0))
        address = normalize_email(raw)
        if address.startswith("e-mail") and address[6].isalnum():
            # "<b>E-Mail</b>info@acme.de" flattens to "E-Mailinfo@acme.de": the label is glued.
            address = address[6:]
        if not has_public_suffix(address.rpartition("@")[2]):
            repaired = _valid_suffix_prefix(address)
            address = repaired or address
        found.append(address)
    return found


def _deobfuscate(text: str) -> str:
    text = _AT.sub("@", text)
    text = _DOT.sub(".", text)
    text = _WORDY.sub(lambda m: f"{m.group(1)}@{_WORDY_DOT.sub('.', m.group(2))}", text)
    return _SPACED_AT.sub(r"\1@\2", text)


def _lines_at(text: str, positions: list[int]) -> str:
    """The lines of ``text`` that contain any of ``positions``, joined by newlines."""
    return "\n".join(text[start:end] for _, start, end in line_spans(text, sorted(positions)))


def _find_all(text: str, needle: str) -> list[int]:
    positions: list[int] = []
    index = text.find(needle)
    while index >= 0:
        positions.append(index)
        index = text.find(needle, index + 1)
    return positions


def emails_from_text(text: str) -> list[str]:
    """Every address-shaped string in ``text``, including common obfuscations (unfiltered)."""
    at_signs = _find_all(text, "@")
    found = _candidates(_lines_at(text, at_signs)) if at_signs else []
    # Japanese, Chinese and Korean sites write "info＠acme.co.jp" (full-width sign, sometimes
    # full-width letters) against harvesters; NFKC folds the forms into ASCII.
    wide = _find_all(text, "\uff20")
    if wide:
        found.extend(_candidates(unicodedata.normalize("NFKC", _lines_at(text, wide))))
    # The obfuscations _deobfuscate reads: bracketed words, a spaced sign, " dot " (_WORDY).
    triggers = _find_all(text, " dot ") + _find_all(text, " DOT ") + _find_all(text, " @ ")
    triggers += _find_all(text, " arobase ")
    triggers += [match.start() for match in _AT_TRIGGER.finditer(text)]
    if triggers:
        lines = _lines_at(text, triggers)
        obfuscated = _deobfuscate(lines)
        if obfuscated != lines:
            found.extend(_candidates(obfuscated))
    return list(dict.fromkeys(found))


# Addresses kept in data attributes for a script to turn into a link: a whole address
# (data-email="info@acme.de", data-href="mailto:…") or its two halves
# (data-user="info" data-domain="acme.de"). The "data-" prefix keeps the scan fast.
_DATA_ADDRESS = re.compile(
    r"""\bdata-[\w-]{1,40}=["'](?:mailto:)?([A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@"""
    r"""[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,24})["']"""
)
_DATA_HALVES = re.compile(
    r"""\bdata-(?:user|name|local|mailbox|account)=["']([A-Za-z0-9._%+-]{1,64})["']\s+"""
    r"""data-(?:domain|host|site)=["']([A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,24})["']"""
)


def emails_from_data_attributes(markup: str) -> list[str]:
    """Addresses that a page keeps in ``data-*`` attributes for a script to show (unfiltered)."""
    found = [normalize_email(m.group(1)) for m in _DATA_ADDRESS.finditer(markup)]
    found += [normalize_email(f"{m.group(1)}@{m.group(2)}") for m in _DATA_HALVES.finditer(markup)]
    return found


def emails_from_mailto(href: str) -> list[str]:
    """The addresses of a ``mailto:`` link (``?subject=`` and friends dropped; ``,`` lists)."""
    target = href.strip()[len("mailto:") :].split("?", 1)[0]
    target = unquote(target)
    return [normalize_email(part) for part in re.split(r"[,;]", target) if "@" in part]


def decode_cloudflare(encoded: str) -> str | None:
    """Decode Cloudflare's email protection (``data-cfemail`` / ``email-protection#…``).

    The first byte is an XOR key for the remaining bytes, all hex-encoded.
    """
    encoded = encoded.strip()
    if len(encoded) < 4 or len(encoded) % 2 or len(encoded) > 512:
        return None
    try:
        data = bytes.fromhex(encoded)
    except ValueError:
        return None
    key = data[0]
    try:
        decoded = bytes(b ^ key for b in data[1:]).decode("utf-8")
    except UnicodeDecodeError:
        return None
    return normalize_email(decoded) if "@" in decoded else None
