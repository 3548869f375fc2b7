"""Address syntax and normalization (RFC 5321/5322, IDNA 2008), and typo suggestions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from email_validator import EmailNotValidError, validate_email

__all__ = ["ParsedAddress", "parse_address", "suggest_address", "suggest_repair"]


@dataclass(frozen=True, slots=True)
class ParsedAddress:
    """A syntactically valid address, split and normalized.

    Attributes:
        email: the normalized address (domain lowercased, Unicode form).
        local_part: the part before the @, case preserved (it may be case-sensitive).
        domain: the domain in Unicode form (``bücher.de``).
        ascii_domain: the domain as DNS and SMTP see it (``xn--bcher-kva.de``).
        needs_smtputf8: the local part is not ASCII, so the server must offer SMTPUTF8.
    """

    email: str
    local_part: str
    domain: str
    ascii_domain: str
    needs_smtputf8: bool

    @property
    def smtp_address(self) -> str:
        """The address as written in ``RCPT TO``: ASCII domain, local part unchanged."""
        return f"{self.local_part}@{self.ascii_domain}"


def parse_address(raw: str) -> ParsedAddress | None:
    """Validate and normalize ``raw``; ``None`` when it is not a usable address.

    Special-use names (``.invalid``, ``.localhost``, ``.onion``, ``.arpa``, ``.local``) are
    refused as email-validator does; ``.test`` is allowed so that local test domains work.
    Quoted local parts (RFC 5321 §4.1.2, ``"john doe"@example.com``) are valid and are asked
    about as written; needless quotes are dropped (``"john"@x`` is ``john@x``). IP-literal
    domains (``user@[192.0.2.1]``) are refused: no mailbox provider hands them out, and
    probing them would send our SMTP client to any address a list names.
    """
    text = raw.strip()
    try:
        checked = validate_email(
            text,
            check_deliverability=False,
            allow_smtputf8=True,
            allow_quoted_local=True,
            test_environment=True,
        )
    except EmailNotValidError:
        return None
    ascii_domain = checked.ascii_domain or checked.domain
    return ParsedAddress(
        email=checked.normalized,
        local_part=checked.local_part,
        domain=checked.domain,
        ascii_domain=ascii_domain.lower(),
        needs_smtputf8=not checked.local_part.isascii(),
    )


# Domains people mistype often; suggestions are only ever made towards these.
_POPULAR_DOMAINS = (
    "gmail.com",
    "googlemail.com",
    "yahoo.com",
    "yahoo.co.uk",
    "yahoo.fr",
    "ymail.com",
    "hotmail.com",
    "hotmail.co.uk",
    "hotmail.fr",
    "outlook.com",
    "live.com",
    "msn.com",
    "aol.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "protonmail.com",
    "proton.me",
    "gmx.com",
    "gmx.de",
    "gmx.net",
    "web.de",
    "mail.com",
    "email.com",
    "zoho.com",
    "yandex.com",
    "yandex.ru",
    "mail.ru",
    "comcast.net",
    "verizon.net",
    "att.net",
    "orange.fr",
    "free.fr",
    "laposte.net",
    "t-online.de",
    "libero.it",
    "rocketmail.com",
    "sbcglobal.net",
    "bellsouth.net",
    "btinternet.com",
    "rediffmail.com",
    "wanadoo.fr",
    "yahoo.co.in",
    "yahoo.com.br",
)
# TLD typos that are not delegated TLDs themselves (".co" and ".om" are real: never "fixed").
_TLD_TYPOS = {
    "con": "com",
    "cmo": "com",
    "ocm": "com",
    "vom": "com",
    "xom": "com",
    "cpm": "com",
    "coom": "com",
    "comm": "com",
    "cim": "com",
    "nte": "net",
    "nett": "net",
    "ent": "net",
    "ogr": "org",
    "orgg": "org",
}


def suggest_address(local_part: str, domain: str) -> str | None:
    """A likely intended address when ``domain`` looks like a typo of a common provider.

    ``gmial.com`` → ``gmail.com``, ``hotmail.con`` → ``hotmail.com``, ``gmail.co`` →
    ``gmail.com``. The provider name (the first label) may be off by one edit (two for names of
    seven letters or more) with the rest of the domain equal; the TLD may be a known slip of
    ``com``/``net``/``org``; and for provider names of five letters or more, a ``.com``/``.net``
    one edit away (``.co``, ``.cm``, ``.om``, ``.com.com``) counts as one more edit. Names
    shorter than four letters are never "corrected" (``aon.com`` is not ``aol.com``), nor is a
    real country variant (``hotmail.de`` stays). Returns ``None`` when nothing is close enough.
    """
    domain = domain.lower()
    if domain in _POPULAR_DOMAINS:
        return None
    name, _, suffix = domain.partition(".")
    suffix = _TLD_TYPOS.get(suffix, suffix)
    best: tuple[int, str] | None = None
    for candidate in _POPULAR_DOMAINS:
        candidate_name, _, candidate_suffix = candidate.partition(".")
        suffix_distance = _suffix_distance(suffix, candidate_suffix, candidate_name)
        if suffix_distance is None:
            continue
        distance = _edit_distance(name, candidate_name) + suffix_distance
        if len(candidate_name) < 4 and distance:
            continue
        limit = 2 if len(candidate_name) >= 7 else 1
        if distance <= limit and (best is None or distance < best[0]):
            best = (distance, candidate)
    if best is not None and best[1] != domain:
        return f"{local_part}@{best[1]}"
    return None


def _suffix_distance(suffix: str, candidate_suffix: str, candidate_name: str) -> int | None:
    """0 for the same suffix, 1 for a slip of a provider's ``.com``/``.net``, else ``None``.

    Only names of five letters or more get the slip: ``gmail.co`` is a typo, but ``mail.co``
    or ``live.co`` may be someone's real domain.
    """
    if suffix == candidate_suffix:
        return 0
    if len(candidate_name) < 5 or candidate_suffix not in {"com", "net"}:
        return None
    if suffix == f"{candidate_suffix}.{candidate_suffix}":
        return 1
    return 1 if _edit_distance(suffix, candidate_suffix) == 1 else None


_MAILTO = re.compile(r"^mailto:", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_REPEATED_AT = re.compile(r"@+")
# "gmailcom" → "gmail.com": the popular domains by their letters alone (no two collide).
_POPULAR_WITHOUT_DOTS = {domain.replace(".", ""): domain for domain in _POPULAR_DOMAINS}


def suggest_repair(raw: str) -> str | None:
    """A usable address hidden in a malformed input, for ``did_you_mean``.

    Undoes the slips of copy and paste and of fast typing: ``mailto:``, a display name around
    ``<address>``, spaces, a trailing ``.``/``,``/``;``, a doubled ``@``, a comma for the dot
    (``gmail,com``) and a missing dot before a common provider's TLD (``gmailcom``). The
    repaired address also gets the provider typo check. ``None`` when no repair parses.
    """
    text = raw.strip()
    if "<" in text and text.endswith(">"):
        text = text[text.rindex("<") + 1 : -1]
    text = _MAILTO.sub("", text)
    text = _SPACES.sub("", text).rstrip(".,;:")
    text = _REPEATED_AT.sub("@", text)
    local, at, domain = text.rpartition("@")
    if not at or not local or not domain:
        return None
    domain = domain.replace(",", ".").lower()
    if "." not in domain:
        domain = _POPULAR_WITHOUT_DOTS.get(domain, domain)
    parsed = parse_address(f"{local}@{domain}")
    if parsed is None or parsed.email == raw.strip():
        return None
    return suggest_address(parsed.local_part, parsed.domain) or parsed.email


def _edit_distance(left: str, right: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions, transpositions."""
    if abs(len(left) - len(right)) > 2:
        return 3
    previous2: list[int] = []
    previous = list(range(len(right) + 1))
    for i, char in enumerate(left, start=1):
        current = [i] + [0] * len(right)
        for j, other in enumerate(right, start=1):
            cost = 0 if char == other else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char == right[j - 2] and left[i - 2] == other:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]
