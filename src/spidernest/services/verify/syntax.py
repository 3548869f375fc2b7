"""Address syntax and normalization (RFC 5321/5322, IDNA 2008), and typo suggestions."""

from __future__ import annotations

from dataclasses import dataclass

from email_validator import EmailNotValidError, validate_email

__all__ = ["ParsedAddress", "parse_address", "suggest_address"]


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
    Quoted local parts and IP-literal domains are refused: no mailbox provider hands them out.
    """
    text = raw.strip()
    try:
        checked = validate_email(
            text,
            check_deliverability=False,
            allow_smtputf8=True,
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

    ``gmial.com`` → ``gmail.com``, ``hotmail.con`` → ``hotmail.com``. The provider name (the
    first label) may be off by one edit (two for names of seven letters or more) with the rest
    of the domain equal, or the TLD may be a known slip of ``com``/``net``/``org``. Names shorter
    than four letters are never "corrected" (``aon.com`` is not ``aol.com``), nor is a real
    country variant (``hotmail.de`` stays). Returns ``None`` when nothing is close enough.
    """
    domain = domain.lower()
    if domain in _POPULAR_DOMAINS:
        return None
    name, _, suffix = domain.partition(".")
    suffix = _TLD_TYPOS.get(suffix, suffix)
    best: tuple[int, str] | None = None
    for candidate in _POPULAR_DOMAINS:
        candidate_name, _, candidate_suffix = candidate.partition(".")
        if candidate_suffix != suffix:
            continue
        distance = _edit_distance(name, candidate_name)
        if len(candidate_name) < 4 and distance:
            continue
        limit = 2 if len(candidate_name) >= 7 else 1
        if distance <= limit and (best is None or distance < best[0]):
            best = (distance, candidate)
    if best is not None and best[1] != domain:
        return f"{local_part}@{best[1]}"
    return None


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
