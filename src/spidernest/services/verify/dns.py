"""DNS for verification: the domain's mail hosts (RFC 5321 §5.1, RFC 7505) and plain A lookups.

dnspython is used here and only here; its exceptions become ``DNSError``. "This domain does not
exist" and "this domain has no mail host" are answers (``MailDomain.state``), not errors.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field

import dns.asyncresolver
import dns.exception
import dns.nameserver
import dns.resolver

from spidernest.config import VerifySettings
from spidernest.errors import DNSError
from spidernest.services.verify.score import DomainState

__all__ = ["MailDomain", "MailHost", "MailResolver", "parse_nameserver"]


@dataclass(frozen=True, slots=True)
class MailHost:
    """One host that receives the domain's mail, with its addresses (IPv4 first)."""

    name: str
    preference: int
    addresses: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MailDomain:
    """Where a domain's mail goes.

    Attributes:
        state: ``OK`` when ``hosts`` is usable, else why not.
        mx_records: explicit MX host names by preference (empty for an implicit MX).
        hosts: the hosts to try, in order, with addresses; at most ``max_mx_hosts``.
    """

    state: DomainState
    mx_records: list[str] = field(default_factory=list)
    hosts: list[MailHost] = field(default_factory=list)

    @property
    def mx_found(self) -> bool:
        """Whether the domain publishes (non-null) MX records."""
        return bool(self.mx_records)


def parse_nameserver(text: str) -> dns.nameserver.Do53Nameserver:
    """``host``, ``host:port`` or ``[v6]:port`` → a nameserver (port 53 by default)."""
    text = text.strip()
    host, port = text, 53
    if text.startswith("["):
        host, _, rest = text[1:].partition("]")
        if rest.startswith(":"):
            port = int(rest[1:])
    elif text.count(":") == 1:
        host, _, port_text = text.partition(":")
        port = int(port_text)
    return dns.nameserver.Do53Nameserver(host, port)


class MailResolver:
    """Asynchronous DNS lookups with the configured servers and timeout.

    Args:
        settings: the ``verify`` settings (``dns_servers``, ``dns_timeout``, ``max_mx_hosts``).
    """

    def __init__(self, settings: VerifySettings) -> None:
        self._max_hosts = settings.max_mx_hosts
        try:
            resolver = dns.asyncresolver.Resolver(configure=not settings.dns_servers)
        except dns.resolver.NoResolverConfiguration as exc:
            raise DNSError(f"no DNS server configured: {exc}") from exc
        if settings.dns_servers:
            resolver.nameservers = [parse_nameserver(item) for item in settings.dns_servers]
        resolver.timeout = settings.dns_timeout
        resolver.lifetime = settings.dns_timeout
        self._resolver = resolver

    async def lookup(self, name: str, rdtype: str) -> list[str] | None:
        """The records of ``rdtype`` at ``name`` as text; ``None`` if the name does not exist.

        Raises:
            DNSError: the servers failed (SERVFAIL, REFUSED) or did not answer in time.
        """
        try:
            answer = await self._resolver.resolve(name, rdtype, search=False)
        except dns.resolver.NXDOMAIN:
            return None
        except dns.resolver.NoAnswer:
            return []
        except dns.resolver.LifetimeTimeout as exc:
            raise DNSError(f"DNS lookup of {rdtype} {name} timed out") from exc
        except dns.resolver.NoNameservers as exc:
            raise DNSError(f"DNS servers failed for {rdtype} {name} (SERVFAIL)") from exc
        except dns.exception.DNSException as exc:
            raise DNSError(f"DNS lookup of {rdtype} {name} failed: {exc}") from exc
        return [record.to_text() for record in answer]

    async def addresses(self, host: str) -> list[str] | None:
        """IPv4 then IPv6 addresses of ``host``; ``None`` if the name does not exist."""
        ipv4 = await self.lookup(host, "A")
        if ipv4 is None:
            return None
        try:
            ipv6 = await self.lookup(host, "AAAA")
        except DNSError:
            if not ipv4:
                raise
            ipv6 = []  # some resolvers drop AAAA queries; the IPv4 answer is enough
        return ipv4 + (ipv6 or [])

    async def mail_domain(self, domain: str) -> MailDomain:
        """Where mail for ``domain`` (ASCII form) is delivered.

        MX records by preference; without MX, the domain's own A/AAAA (RFC 5321 §5.1); a null
        MX (RFC 7505), NXDOMAIN, or MX hosts none of which exists mean no mail can be delivered.

        Raises:
            DNSError: a lookup needed for the answer failed or timed out.
        """
        records = await self.lookup(domain, "MX")
        if records is None:
            return MailDomain(DomainState.NOT_FOUND)
        exchanges = _parse_mx(records)
        if records and not exchanges:
            return MailDomain(DomainState.NO_MAIL_HOST)  # only a null MX
        if not exchanges:
            implicit = await self.addresses(domain)
            if not implicit:
                return MailDomain(DomainState.NO_MAIL_HOST)
            return MailDomain(DomainState.OK, hosts=[MailHost(domain, 0, tuple(implicit))])
        hosts, failure = await self._resolve_hosts(exchanges)
        mx_records = [name for _, name in exchanges]
        if hosts:
            return MailDomain(DomainState.OK, mx_records=mx_records, hosts=hosts)
        if failure is not None:
            raise failure
        return MailDomain(DomainState.NO_MAIL_HOST, mx_records=mx_records)

    async def _resolve_hosts(
        self, exchanges: list[tuple[int, str]]
    ) -> tuple[list[MailHost], DNSError | None]:
        """The first ``max_mx_hosts`` MX hosts that have addresses, and any lookup failure."""
        hosts: list[MailHost] = []
        failure: DNSError | None = None
        for preference, name in exchanges:
            if _is_ip_address(name):
                # Against RFC 5321 §5.1, but seen in the wild; sending MTAs mostly cope.
                hosts.append(MailHost(name, preference, (name,)))
                continue
            try:
                found = await self.addresses(name)
            except DNSError as exc:
                failure = failure or exc
                continue
            if found:
                hosts.append(MailHost(name, preference, tuple(found)))
            if len(hosts) >= self._max_hosts:
                break
        return hosts, failure


def _is_ip_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def _parse_mx(records: list[str]) -> list[tuple[int, str]]:
    """``"10 mx.example.com."`` → ``(10, "mx.example.com")``, by preference; null MX dropped."""
    parsed: list[tuple[int, str]] = []
    for record in records:
        preference, _, exchange = record.partition(" ")
        name = exchange.strip().rstrip(".").lower()
        if name:
            parsed.append((int(preference), name))
    return sorted(parsed)
