"""The SMTP conversation about one domain's recipients: which mailbox exists, and is it catch-all.

For a domain, the MX hosts are tried in preference order. On the first one that lets us in:
EHLO, STARTTLS when offered, EHLO again, MAIL FROM, a catch-all probe with a random local part,
then one RCPT TO per address with RSET + MAIL FROM in between, and QUIT. Recipients share a
connection up to ``max_rcpt`` per connection. Greylisted (4xx) recipients are retried on a fresh
connection with doubling delays while the address's time budget allows. No message is sent.
"""

from __future__ import annotations

import asyncio
import secrets
from dataclasses import dataclass, field

from spidernest.errors import SMTPError, Timeout
from spidernest.net.ssrf import is_public_address
from spidernest.services.verify.classify import Reply, Verdict, classify_recipient, classify_session
from spidernest.services.verify.dns import MailHost
from spidernest.services.verify.limits import HostLimiter
from spidernest.services.verify.score import MailboxOutcome
from spidernest.services.verify.smtp import SMTPConnection
from spidernest.services.verify.syntax import ParsedAddress
from spidernest.services.verify.transaction import (
    Refusal,
    mail_from,
    rcpt,
    reset,
    reset_and_rcpt,
)

__all__ = ["Answer", "DomainProbe", "ProbeOptions", "outcome_of", "probe_domain"]


@dataclass(frozen=True, slots=True)
class ProbeOptions:
    """How to talk to the mail hosts (from the request and the ``verify`` settings)."""

    hello_name: str
    from_email: str
    port: int
    timeout: float
    proxy: str | None = None
    greylist_delay: float = 20.0
    max_rcpt: int = 20
    check_catch_all: bool = True
    allow_private: bool = True


@dataclass(frozen=True, slots=True)
class Answer:
    """What we learned about one recipient; ``detail`` is the server's reply or the failure."""

    outcome: MailboxOutcome
    detail: str | None = None


@dataclass
class DomainProbe:
    """The result for one domain: an answer per recipient (keyed by ``smtp_address``)."""

    answers: dict[str, Answer] = field(default_factory=dict)
    connectable: bool = False
    catch_all: bool | None = None
    connections: int = 0
    # One made-up local part per domain, reused on retries so that a greylisting server,
    # which remembers (client, sender, recipient), lets the probe through the second time.
    probe_local: str = field(default_factory=lambda: "zz" + secrets.token_hex(8))


_RETRIED = frozenset({MailboxOutcome.GREYLISTED, MailboxOutcome.ERROR})
# When several hosts fail differently, the most telling failure is reported.
_FAILURE_RANK = {
    MailboxOutcome.UNREACHABLE: 0,
    MailboxOutcome.ERROR: 1,
    MailboxOutcome.GREYLISTED: 2,
    MailboxOutcome.SENDER_BLOCKED: 3,
}


@dataclass
class _Session:
    """What one connection attempt achieved."""

    answers: dict[str, Answer] = field(default_factory=dict)
    tentative: dict[str, Answer] = field(default_factory=dict)
    failure: Answer | None = None
    in_transaction: bool = False  # MAIL FROM was accepted: a failure now is a dropped line
    tls_failed: bool = False
    too_many: bool = False
    reset_refused: bool = False  # the server will not start a second transaction
    closing: bool = False  # the server said 421 mid-session: the rest need a new connection
    timed_out: bool = False  # the server went silent: waiting again would only cost more


async def probe_domain(
    hosts: list[MailHost],
    recipients: list[ParsedAddress],
    options: ProbeOptions,
    limiter: HostLimiter,
    *,
    deadline: float | None = None,
) -> DomainProbe:
    """Ask the domain's mail hosts about each recipient.

    The conversation may last ``timeout`` × (recipients + 1) seconds, and no longer than
    ``deadline`` (a ``loop.time()``); greylisted recipients are retried for up to ``timeout``
    seconds after the first pass. Never raises for what a server does: refusals, timeouts and
    dropped connections become answers (``UNREACHABLE``, ``SENDER_BLOCKED`` ...).
    Side effects: network connections.
    """
    probe = DomainProbe(catch_all=None if options.check_catch_all else False)
    loop = asyncio.get_running_loop()
    own_deadline = loop.time() + options.timeout * (len(recipients) + 1)
    deadline = own_deadline if deadline is None else min(deadline, own_deadline)
    retry_until: float | None = None
    # At least two retries fit in the budget, whatever the configured first delay.
    delay = min(options.greylist_delay, options.timeout / 4)
    pending = list(dict.fromkeys(recipients))
    while pending:
        tentative = await _one_pass(hosts, pending, options, limiter, probe, deadline)
        if retry_until is None:
            retry_until = loop.time() + options.timeout
        pending = [item for item in pending if item.smtp_address in tentative]
        last_chance = loop.time() + delay >= min(retry_until, deadline)
        for item in list(pending):
            answer = tentative[item.smtp_address]
            if last_chance or answer.outcome not in _RETRIED:
                probe.answers[item.smtp_address] = answer
                pending.remove(item)
        if pending:
            await asyncio.sleep(delay)
            delay *= 2
    return probe


async def _one_pass(
    hosts: list[MailHost],
    recipients: list[ParsedAddress],
    options: ProbeOptions,
    limiter: HostLimiter,
    probe: DomainProbe,
    deadline: float,
) -> dict[str, Answer]:
    """Try the hosts in order; returns the answers still open (to retry or to report)."""
    left = list(recipients)
    tentative: dict[str, Answer] = {}
    failure: Answer | None = None
    for host in hosts:
        if not left:
            break
        left, host_failure, host_tentative = await _on_host(
            host, left, options, limiter, probe, deadline
        )
        tentative.update(host_tentative)
        if host_failure is not None and (
            failure is None
            or _FAILURE_RANK.get(host_failure.outcome, 1) > _FAILURE_RANK.get(failure.outcome, 1)
        ):
            failure = host_failure
    for item in left:
        tentative[item.smtp_address] = failure or Answer(MailboxOutcome.UNREACHABLE, "no host")
    return tentative


async def _on_host(
    host: MailHost,
    recipients: list[ParsedAddress],
    options: ProbeOptions,
    limiter: HostLimiter,
    probe: DomainProbe,
    deadline: float,
) -> tuple[list[ParsedAddress], Answer | None, dict[str, Answer]]:
    """Ask one host about as many recipients as it lets us; returns those left unasked."""
    queue = list(recipients)
    tentative: dict[str, Answer] = {}
    use_tls = True
    second_chances = 1
    batch_size = options.max_rcpt
    while queue:
        batch = queue[:batch_size]
        async with limiter.slot(host.name):
            session = await _converse(host, batch, options, limiter, probe, deadline, use_tls)
        for key, answer in session.answers.items():
            probe.answers[key] = answer
        tentative.update(session.tentative)
        done = set(session.answers) | set(session.tentative)
        progressed = bool(done)
        queue = [item for item in queue if item.smtp_address not in done]
        if session.tls_failed and use_tls:
            use_tls = False  # fall back to plain text, as sending MTAs do
            continue
        if session.closing and progressed:
            continue  # e.g. Postfix's smtpd_hard_error_limit: go on on a new connection
        if session.reset_refused:
            batch_size = 1  # one recipient per connection is all this server allows
        if session.failure is None and (not session.too_many or progressed):
            continue
        # A dropped connection (not a hang) gets one fresh try before the next host.
        if session.in_transaction and not session.timed_out and second_chances > 0:
            second_chances -= 1
            continue
        return (
            queue,
            session.failure or Answer(MailboxOutcome.ERROR, "too many recipients"),
            (tentative),
        )
    return [], None, tentative


async def _converse(
    host: MailHost,
    batch: list[ParsedAddress],
    options: ProbeOptions,
    limiter: HostLimiter,
    probe: DomainProbe,
    deadline: float,
    use_tls: bool,
) -> _Session:
    """One connection: open, greet, MAIL FROM, probe catch-all, RCPT each of ``batch``, QUIT."""
    session = _Session()
    connection = await _connect(host, options, limiter, deadline, session)
    if connection is None:
        return session
    probe.connections += 1
    polite = True
    try:
        if await _open_transaction(connection, batch, options, use_tls, session, probe):
            await _ask_each(connection, batch, options, limiter, session)
    except (Timeout, SMTPError) as exc:
        session.failure = Answer(MailboxOutcome.UNREACHABLE, str(exc))
        session.timed_out = isinstance(exc, Timeout)
        polite = False
    finally:
        # Also on cancellation (the job's own timeout): never leave a socket behind.
        await (connection.quit() if polite else connection.close())
    return session


async def _ask_each(
    connection: SMTPConnection,
    batch: list[ParsedAddress],
    options: ProbeOptions,
    limiter: HostLimiter,
    session: _Session,
) -> None:
    """RCPT TO each recipient, with RSET and MAIL FROM in between."""
    for index, item in enumerate(batch):
        await limiter.pace(connection.host)
        if index:
            asked = await reset_and_rcpt(connection, batch, options.from_email, item)
        else:
            asked = await rcpt(connection, item)
        if isinstance(asked, Refusal):
            _refused(asked, session, connection)
            return
        verdict, reply = asked
        if verdict is Verdict.TOO_MANY_RECIPIENTS:
            session.too_many = True
            return
        _record(session, item, verdict, reply)


def _refused(refusal: Refusal, session: _Session, connection: SMTPConnection) -> None:
    """RSET/MAIL FROM refused (one recipient per connection from now on), or a 421 mid-session.

    A 421 says nothing about the recipient it answered: the server is closing the channel
    (RFC 5321 §3.8), often on an error count of its own. That recipient is asked again.
    """
    if refusal.is_closing:
        session.closing = True
        _session_ok(refusal.reply, session, connection)
    else:
        session.reset_refused = True


async def _connect(
    host: MailHost,
    options: ProbeOptions,
    limiter: HostLimiter,
    deadline: float,
    session: _Session,
) -> SMTPConnection | None:
    """Open a connection to the first of the host's addresses that answers."""
    failure = "no address"
    for address in host.addresses:
        if not options.allow_private and not is_public_address(address):
            failure = f"{host.name} is at a private address ({address}), which is not allowed"
            continue
        await limiter.pace(host.name)
        try:
            return await SMTPConnection.open(
                host.name,
                address,
                options.port,
                command_timeout=options.timeout,
                deadline=deadline,
                proxy=options.proxy,
            )
        except (SMTPError, Timeout) as exc:
            failure = str(exc)
            if isinstance(exc, Timeout):
                break  # one silent address is enough to spend the budget; do not stack waits
    session.failure = Answer(MailboxOutcome.UNREACHABLE, failure)
    return None


async def _open_transaction(
    connection: SMTPConnection,
    batch: list[ParsedAddress],
    options: ProbeOptions,
    use_tls: bool,
    session: _Session,
    probe: DomainProbe,
) -> bool:
    """Greeting, EHLO, STARTTLS, MAIL FROM and the catch-all probe; ``False`` when refused."""
    steps = ("greeting", "EHLO")
    for step in steps:
        reply = await (
            connection.read_reply() if step == "greeting" else connection.hello(options.hello_name)
        )
        if not _session_ok(reply, session, connection):
            return False
    probe.connectable = True
    if use_tls and "STARTTLS" in connection.extensions:
        try:
            reply = await connection.starttls()
        except (SMTPError, Timeout) as exc:
            session.failure = Answer(MailboxOutcome.UNREACHABLE, str(exc))
            session.tls_failed = True
            await connection.close()
            return False
        if connection.is_tls and not _session_ok(
            await connection.hello(options.hello_name), session, connection
        ):
            return False
    if not _session_ok(await mail_from(connection, batch, options.from_email), session, connection):
        return False
    session.in_transaction = True
    if probe.catch_all is None:
        return await _probe_catch_all(connection, batch, options, probe, session)
    return True


def _session_ok(reply: Reply, session: _Session, connection: SMTPConnection) -> bool:
    verdict = classify_session(reply)
    if verdict is Verdict.ACCEPTED:
        return True
    if verdict is Verdict.SENDER_BLOCKED:
        session.failure = Answer(MailboxOutcome.SENDER_BLOCKED, f"{connection.host}: {reply}")
    elif verdict is Verdict.GREYLISTED:
        session.failure = Answer(MailboxOutcome.GREYLISTED, f"{connection.host}: {reply}")
    else:
        session.failure = Answer(
            MailboxOutcome.ERROR, f"temporary failure at {connection.host}: {reply}"
        )
    return False


async def _probe_catch_all(
    connection: SMTPConnection,
    batch: list[ParsedAddress],
    options: ProbeOptions,
    probe: DomainProbe,
    session: _Session,
) -> bool:
    """RCPT a local part nobody has; a domain that accepts it accepts anything.

    Returns ``False`` when the connection cannot go on to the real recipients.
    """
    domain = batch[0].ascii_domain
    reply = await connection.command(f"RCPT TO:<{probe.probe_local}@{domain}>")
    if reply.code == 421:
        _refused(Refusal(reply), session, connection)
        return False
    verdict = classify_recipient(reply)
    if verdict is Verdict.ACCEPTED:
        probe.catch_all = True
    elif reply.code >= 500:
        probe.catch_all = False
    refusal = await reset(connection, batch, options.from_email)
    if refusal is None:
        return True
    _refused(refusal, session, connection)
    if not refusal.is_closing:
        probe.catch_all = bool(probe.catch_all)  # no second probe on a server this strict
    return False


_OUTCOMES = {
    Verdict.ACCEPTED: MailboxOutcome.DELIVERABLE,
    Verdict.MAILBOX_NOT_FOUND: MailboxOutcome.NOT_FOUND,
    Verdict.FULL_INBOX: MailboxOutcome.FULL_INBOX,
    Verdict.DISABLED: MailboxOutcome.DISABLED,
    Verdict.SENDER_BLOCKED: MailboxOutcome.SENDER_BLOCKED,
    Verdict.GREYLISTED: MailboxOutcome.GREYLISTED,
}


def outcome_of(verdict: Verdict) -> MailboxOutcome:
    """What a ``RCPT TO`` verdict means for the mailbox once no retry changes it.

    Greylisted and temporary answers are retried first (``probe_domain``); an unexplained
    refusal, a temporary failure that did not clear or a "too many recipients" that a new
    connection did not cure leave the mailbox unknown (``ERROR``).
    """
    return _OUTCOMES.get(verdict, MailboxOutcome.ERROR)


def _record(session: _Session, item: ParsedAddress, verdict: Verdict, reply: Reply | None) -> None:
    key = item.smtp_address
    if reply is None:
        session.answers[key] = Answer(
            MailboxOutcome.ERROR, "the server does not accept internationalized addresses"
        )
    elif verdict is Verdict.GREYLISTED:
        session.tentative[key] = Answer(MailboxOutcome.GREYLISTED, str(reply))
    elif verdict is Verdict.TEMPORARY:
        session.tentative[key] = Answer(MailboxOutcome.ERROR, f"temporary failure: {reply}")
    else:
        session.answers[key] = Answer(outcome_of(verdict), str(reply))
