"""``verify_emails``: syntax, DNS, lists and SMTP for a batch of addresses, grouped by domain."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace

from spidernest.config import VerifySettings
from spidernest.errors import DNSError, FetchError, InvalidInput
from spidernest.net import Fetcher
from spidernest.services.verify.dns import MailDomain, MailResolver
from spidernest.services.verify.dnsbl import check_dnsbl
from spidernest.services.verify.gravatar import find_gravatar
from spidernest.services.verify.limits import HostLimiter
from spidernest.services.verify.lists import (
    is_disposable_domain,
    is_free_domain,
    is_role_local_part,
)
from spidernest.services.verify.probe import DomainProbe, ProbeOptions, probe_domain
from spidernest.services.verify.provider import accepts_any_recipient, detect_provider
from spidernest.services.verify.request import VerifyRequest
from spidernest.services.verify.result import (
    DnsblReport,
    EmailResult,
    VerifyDomain,
    VerifyFlags,
    VerifyMetadata,
    VerifyResult,
    VerifySummary,
)
from spidernest.services.verify.score import DomainState, Facts, MailboxOutcome, judge
from spidernest.services.verify.syntax import (
    ParsedAddress,
    parse_address,
    suggest_address,
    suggest_repair,
)

__all__ = ["VerifyProgress", "verify_emails"]

logger = logging.getLogger(__name__)

VerifyProgress = Callable[[int, int], Awaitable[None]]
"""Called as ``progress(done, total)`` each time a domain's addresses are finished."""


@dataclass(frozen=True, slots=True)
class _Run:
    """What every domain task shares."""

    request: VerifyRequest
    settings: VerifySettings
    resolver: MailResolver
    limiter: HostLimiter
    options: ProbeOptions
    fetcher: Fetcher | None
    deadline: float


async def verify_emails(
    request: VerifyRequest,
    *,
    settings: VerifySettings,
    fetcher: Fetcher | None = None,
    resolver: MailResolver | None = None,
    progress: VerifyProgress | None = None,
) -> VerifyResult:
    """Verify every address of ``request`` and return the documented bulk envelope.

    Addresses of one domain share its DNS look-ups, one catch-all probe and SMTP connections;
    domains are verified concurrently (``max_concurrency``), politely per mail host
    (``per_host_concurrency``, ``per_host_delay``). Side effects: DNS queries, SMTP
    connections to the domains' mail hosts (no message is ever sent), and with
    ``check_gravatar`` one HTTP request per address through ``fetcher``.

    Args:
        request: the addresses and options.
        settings: the ``verify`` settings slice.
        fetcher: needed for ``check_gravatar``.
        resolver: DNS collaborator; built from ``settings`` when omitted.
        progress: awaited with ``(done, total)`` as domains finish.

    Returns:
        One result per submitted address, in the submitted order.

    Raises:
        InvalidInput: ``check_gravatar`` without a fetcher, or an unusable sender identity.
        DNSError: no DNS server is configured at all.
    """
    started = time.perf_counter()
    if request.check_gravatar and fetcher is None:
        raise InvalidInput("check_gravatar needs a fetcher", field="check_gravatar")
    hello_name = request.hello_name or settings.hello_name
    # Without a configured sender, the null reverse path: every server must accept it
    # (RFC 5321 §4.5.5, bounces), and it is what MTAs' own recipient call-outs use.
    from_email = request.from_email or settings.from_email or ""
    if any(char.isspace() or char in "<>" for char in hello_name + from_email):
        raise InvalidInput("hello_name and from_email may not contain spaces or <>")
    loop = asyncio.get_running_loop()
    addresses = request.addresses
    run = _Run(
        request=request,
        settings=settings,
        resolver=resolver or MailResolver(settings),
        limiter=HostLimiter(
            concurrency=settings.per_host_concurrency, delay=settings.per_host_delay
        ),
        options=ProbeOptions(
            hello_name=hello_name,
            from_email=from_email,
            port=settings.smtp_port,
            timeout=float(request.smtp_timeout_secs),
            proxy=settings.socks5_proxy,
            greylist_delay=settings.greylist_retry_delay,
            max_rcpt=settings.max_rcpt_per_connection,
            allow_private=settings.allow_private_mail_hosts,
        ),
        fetcher=fetcher,
        deadline=loop.time() + request.smtp_timeout_secs * (len(addresses) + 1),
    )
    by_input, parsed_for, groups = _parse_all(addresses)
    done = len(by_input)
    total = len(by_input) + len(parsed_for)
    gate = asyncio.Semaphore(settings.max_concurrency)

    async def one_domain(items: list[ParsedAddress]) -> dict[str, EmailResult]:
        nonlocal done
        async with gate:
            results = await _verify_domain(items, run)
        done += len([raw for raw, item in parsed_for.items() if item in items])
        if progress is not None:
            await progress(done, total)
        return results

    async with asyncio.TaskGroup() as tasks:
        futures = [tasks.create_task(one_domain(items)) for items in groups.values()]
    by_email: dict[str, EmailResult] = {}
    for future in futures:
        by_email.update(future.result())
    for raw, parsed in parsed_for.items():
        # Each result names the address as it was submitted, so that callers can match it.
        by_input[raw] = by_email[parsed.email].model_copy(update={"email": raw.strip()})
    results = [by_input[raw] for raw in addresses]
    summary = VerifySummary()
    for result in results:
        setattr(summary, result.status, getattr(summary, result.status) + 1)
    return VerifyResult(
        total=len(results),
        summary=summary,
        billable_count=len(results),
        results=results,
        metadata=VerifyMetadata(
            total_time_seconds=round(time.perf_counter() - started, 3),
            rate_limit_delay_seconds=round(run.limiter.waited, 3),
        ),
    )


def _parse_all(
    addresses: list[str],
) -> tuple[dict[str, EmailResult], dict[str, ParsedAddress], dict[str, list[ParsedAddress]]]:
    """Results for malformed inputs; the parsed rest, and the latter grouped by domain."""
    by_input: dict[str, EmailResult] = {}
    groups: dict[str, list[ParsedAddress]] = {}
    parsed_for: dict[str, ParsedAddress] = {}
    for raw in dict.fromkeys(addresses):
        parsed = parse_address(raw)
        if parsed is None:
            by_input[raw] = _invalid_syntax(raw)
            continue
        parsed_for[raw] = parsed
        group = groups.setdefault(parsed.ascii_domain, [])
        if parsed not in group:
            group.append(parsed)
    return by_input, parsed_for, groups


def _invalid_syntax(raw: str) -> EmailResult:
    facts = Facts(is_valid_syntax=False)
    verdict = judge(facts)
    _, at, domain = raw.strip().rpartition("@")
    return EmailResult(
        email=raw.strip(),
        status=verdict.status,
        sub_status=verdict.sub_status,
        quality=verdict.quality,
        score=verdict.score,
        flags=VerifyFlags(),
        domain=VerifyDomain(name=domain.lower() or None if at else None),
        did_you_mean=suggest_repair(raw),
    )


async def _verify_domain(items: list[ParsedAddress], run: _Run) -> dict[str, EmailResult]:
    """DNS, lists, SMTP, and the optional DNSBL and Gravatar checks for one domain's addresses."""
    domain = items[0].ascii_domain
    dns_error: str | None = None
    try:
        mail = await run.resolver.mail_domain(domain)
    except DNSError as exc:
        mail, dns_error = MailDomain(DomainState.DNS_ERROR), str(exc)
    probe = DomainProbe()
    provider = detect_provider(mail.mx_records or [host.name for host in mail.hosts])
    accepts_all = accepts_any_recipient(provider)
    if mail.state is DomainState.OK:
        options = run.options
        if is_free_domain(domain) or accepts_all:
            # Consumer domains of big providers are never catch-all, and probing them with
            # made-up names only earns our IP a bad reputation there; a provider that
            # accepts any recipient is known to, without asking.
            options = replace(options, check_catch_all=False)
        probe = await probe_domain(mail.hosts, items, options, run.limiter, deadline=run.deadline)
        if accepts_all:
            probe.catch_all = True
    dnsbl = await _dnsbl(mail, run) if run.request.check_dnsbl else None
    domain_view = VerifyDomain(
        name=items[0].domain,
        mx_found=mail.mx_found,
        mx_records=list(mail.mx_records),
        smtp_provider=provider,
    )
    results: dict[str, EmailResult] = {}
    for item in items:
        results[item.email] = await _result_for(
            item, mail, probe, domain_view, dnsbl, dns_error, run
        )
    return results


async def _dnsbl(mail: MailDomain, run: _Run) -> DnsblReport:
    addresses = [host.addresses[0] for host in mail.hosts[:3] if host.addresses]
    return await check_dnsbl(addresses, resolver=run.resolver, zones=run.settings.dnsbl_zones)


async def _result_for(
    item: ParsedAddress,
    mail: MailDomain,
    probe: DomainProbe,
    domain_view: VerifyDomain,
    dnsbl: DnsblReport | None,
    dns_error: str | None,
    run: _Run,
) -> EmailResult:
    answer = probe.answers.get(item.smtp_address)
    outcome = answer.outcome if answer else MailboxOutcome.NOT_CHECKED
    facts = Facts(
        is_valid_syntax=True,
        domain_state=mail.state,
        mx_found=mail.mx_found,
        smtp_connectable=probe.connectable,
        outcome=outcome,
        is_catch_all=bool(probe.catch_all),
        is_disposable=is_disposable_domain(item.ascii_domain),
        is_role_account=is_role_local_part(item.local_part),
        error=dns_error or (answer.detail if answer else None),
    )
    verdict = judge(facts)
    gravatar_url = await _gravatar(item, run) if run.request.check_gravatar else None
    return EmailResult(
        email=item.email,
        status=verdict.status,
        sub_status=verdict.sub_status,
        quality=verdict.quality,
        score=verdict.score,
        flags=VerifyFlags(
            is_valid_syntax=True,
            is_deliverable=outcome is MailboxOutcome.DELIVERABLE,
            is_free_email=is_free_domain(item.ascii_domain),
            is_disposable=facts.is_disposable,
            is_role_account=facts.is_role_account,
            is_catch_all=facts.is_catch_all,
            is_disabled=outcome is MailboxOutcome.DISABLED,
            has_full_inbox=outcome is MailboxOutcome.FULL_INBOX,
            has_gravatar=gravatar_url is not None,
        ),
        domain=domain_view,
        gravatar_url=gravatar_url,
        did_you_mean=suggest_address(item.local_part, item.domain),
        dnsbl=dnsbl,
    )


async def _gravatar(item: ParsedAddress, run: _Run) -> str | None:
    assert run.fetcher is not None  # checked on entry
    try:
        return await find_gravatar(
            item.email, fetcher=run.fetcher, base_url=run.settings.gravatar_url
        )
    except FetchError as exc:
        # Gravatar is an optional extra: its failure must not cost the verdict on the address.
        logger.warning("Gravatar check of %s failed: %s", item.email, exc)
        return None
