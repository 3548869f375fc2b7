"""DNS blocklist (DNSBL) look-ups of a domain's mail-host addresses (RFC 5782)."""

from __future__ import annotations

import ipaddress
from datetime import UTC, datetime

from spidernest.errors import DNSError
from spidernest.services.verify.dns import MailResolver
from spidernest.services.verify.result import DnsblReport

__all__ = ["check_dnsbl"]


async def check_dnsbl(
    addresses: list[str], *, resolver: MailResolver, zones: tuple[str, ...]
) -> DnsblReport:
    """Look up each address in each zone; a zone that lists any of them is a hit.

    ``spam_trap_risk`` is the share of zones that list a mail host, 0–100. Answers in
    127.255.255.0/24 are Spamhaus's "query refused" codes (public resolvers, over quota): they
    are reported in ``error``, never as a listing. Failed look-ups are reported the same way.
    """
    hits: list[str] = []
    problems: list[str] = []
    for zone in zones:
        for address in addresses:
            name = f"{_reverse(address)}.{zone}"
            try:
                answers = await resolver.lookup(name, "A")
            except DNSError as exc:
                problems.append(str(exc))
                continue
            codes = [code for code in answers or [] if code.startswith("127.")]
            if any(code.startswith("127.255.255.") for code in codes):
                problems.append(f"{zone} refused the query ({', '.join(codes)})")
            elif codes:
                hits.append(zone)
                break
    risk = round(100 * len(hits) / len(zones)) if zones else 0
    return DnsblReport(
        spam_trap_risk=risk,
        blacklists_hit=hits,
        checked_at=datetime.now(UTC).isoformat(timespec="seconds"),
        error="; ".join(problems) or None,
    )


def _reverse(address: str) -> str:
    """``192.0.2.1`` → ``1.2.0.192``; IPv6 → reversed nibbles (RFC 5782 §2.4)."""
    parsed = ipaddress.ip_address(address)
    if parsed.version == 4:
        return ".".join(reversed(address.split(".")))
    return ".".join(reversed(parsed.exploded.replace(":", "")))
