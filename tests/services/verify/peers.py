"""Real network peers for verification tests: a DNS server (dnslib) and SMTP servers.

Every peer listens on loopback. SMTP servers all use one port (the ``smtp_port`` setting) on
different addresses of 127.0.0.0/8, so that each mail host can behave in its own way.
"""

from __future__ import annotations

import asyncio
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from dnslib import AAAA, CNAME, MX, QTYPE, RCODE, RR, TXT, A
from dnslib.server import BaseResolver, DNSLogger, DNSServer


def free_port(hosts: tuple[str, ...] = ("127.0.0.1",)) -> int:
    """A TCP (and UDP) port free on every one of ``hosts``."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind((hosts[0], 0))
            port = int(probe.getsockname()[1])
        if all(_is_free(host, port) for host in hosts):
            return port
    raise RuntimeError("no common free port")


def _is_free(host: str, port: int) -> bool:
    for kind in (socket.SOCK_STREAM, socket.SOCK_DGRAM):
        with socket.socket(socket.AF_INET, kind) as probe:
            try:
                probe.bind((host, port))
            except OSError:
                return False
    return True


# ---------------------------------------------------------------------------------------- DNS


@dataclass
class Zone:
    """Records by name: ``records[name][rtype]`` is a list of values (MX as ``"10 host"``)."""

    records: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    servfail: set[str] = field(default_factory=set)  # "name" or "name/TYPE"
    delays: dict[str, float] = field(default_factory=dict)
    queries: list[tuple[str, str]] = field(default_factory=list)

    def add(self, name: str, rtype: str, *values: str) -> None:
        self.records.setdefault(name.lower().rstrip("."), {}).setdefault(rtype, []).extend(values)

    def mail_domain(self, domain: str, *hosts: tuple[str, str]) -> None:
        """``domain`` with one MX per ``(host name, IPv4)``, in the order given."""
        for preference, (host, address) in enumerate(hosts, start=1):
            self.add(domain, "MX", f"{preference * 10} {host}")
            self.add(host, "A", address)


class _ZoneResolver(BaseResolver):  # type: ignore[misc]
    def __init__(self, zone: Zone) -> None:
        self.zone = zone

    def resolve(self, request: Any, handler: Any) -> Any:
        name = str(request.q.qname).rstrip(".").lower()
        rtype = QTYPE[request.q.qtype]
        self.zone.queries.append((name, rtype))
        reply = request.reply()
        delay = self.zone.delays.get(name)
        if delay:
            time.sleep(delay)
        if name in self.zone.servfail or f"{name}/{rtype}" in self.zone.servfail:
            reply.header.rcode = RCODE.SERVFAIL
            return reply
        entry = self.zone.records.get(name)
        if entry is None:
            reply.header.rcode = RCODE.NXDOMAIN
            return reply
        owner = name
        if "CNAME" in entry and rtype != "CNAME":
            # An alias: the CNAME, then the target's records, in one answer (RFC 1034 §3.6.2).
            target = entry["CNAME"][0]
            reply.add_answer(RR(owner, QTYPE.CNAME, rdata=CNAME(target)))
            owner, entry = target, self.zone.records.get(target, {})
        for value in entry.get(rtype, []):
            reply.add_answer(RR(owner, QTYPE.reverse[rtype], rdata=_rdata(rtype, value)))
        return reply


def _rdata(rtype: str, value: str) -> Any:
    if rtype == "MX":
        preference, _, host = value.partition(" ")
        return MX(host, int(preference))
    if rtype == "A":
        return A(value)
    if rtype == "AAAA":
        return AAAA(value)
    if rtype == "CNAME":
        return CNAME(value)
    return TXT(value)


@dataclass
class DNSPeer:
    """A running dnslib server (UDP and TCP) answering from ``zone``."""

    zone: Zone
    address: str
    servers: list[Any]

    @property
    def server_setting(self) -> str:
        return self.address

    def stop(self) -> None:
        for server in self.servers:
            server.stop()
            server.server.server_close()


def start_dns(zone: Zone) -> DNSPeer:
    port = free_port()
    resolver = _ZoneResolver(zone)
    logger = DNSLogger(log="-request,-reply,-truncated,-error,-recv,-send,-data", prefix=False)
    servers = [
        DNSServer(resolver, address="127.0.0.1", port=port, tcp=tcp, logger=logger)
        for tcp in (False, True)
    ]
    for server in servers:
        # An answer still being slept on when the test stops has nowhere to go: stay quiet.
        server.server.handle_error = lambda request, address: None
        server.start_thread()
    return DNSPeer(zone, f"127.0.0.1:{port}", servers)


# --------------------------------------------------------------------------------------- SMTP

Rule = Callable[[str], str | None]
"""Given the recipient address, the reply to RCPT TO (``None``: accept)."""


class MailboxHandler:
    """An aiosmtpd handler whose RCPT answers depend on the recipient's domain."""

    def __init__(self, rules: dict[str, Rule], mail_reply: str | None = None) -> None:
        self.rules = rules
        self.mail_reply = mail_reply
        self.rcpts: list[str] = []
        self.mail_froms: list[str] = []
        self.helos: list[str] = []

    async def handle_EHLO(
        self, server: Any, session: Any, envelope: Any, hostname: str, responses: list[str]
    ) -> list[str]:
        self.helos.append(hostname)
        session.host_name = hostname
        return responses

    async def handle_MAIL(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        self.mail_froms.append(address)
        if self.mail_reply:
            return self.mail_reply
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        self.rcpts.append(address)
        domain = address.rpartition("@")[2].lower()
        rule = self.rules.get(domain)
        answer = rule(address) if rule else "550 5.1.2 domain not served here"
        if answer is None:
            envelope.rcpt_tos.append(address)
            return "250 OK"
        return answer


def users(names: set[str], rejection: str) -> Rule:
    """Accept the local parts in ``names``, reject the others with ``rejection``."""
    return lambda address: None if address.partition("@")[0].lower() in names else rejection


def always(reply: str | None) -> Rule:
    return lambda address: reply


def greylist_first(names: set[str], rejection: str) -> Rule:
    """Answer 450 to the first attempt for each recipient, then behave like ``users``."""
    seen: set[str] = set()
    inner = users(names, rejection)

    def rule(address: str) -> str | None:
        if address.lower() not in seen:
            seen.add(address.lower())
            return f"450 4.2.0 <{address}>: Recipient address rejected: Greylisted, try later"
        return inner(address)

    return rule


def start_smtp(host: str, port: int, handler: MailboxHandler, **smtp_kwargs: Any) -> Controller:
    controller = Controller(
        handler, hostname=host, port=port, server_hostname=f"mx.{host}", **smtp_kwargs
    )
    controller.start()
    return controller


def make_tls_files(directory: Path) -> tuple[Path, Path]:
    """A self-signed certificate and key made with the openssl command."""
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-subj", "/CN=mx.tls.test", "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


# ---------------------------------------------------------------- raw, misbehaving SMTP peers

Script = Callable[[str], str | None]
"""Given a command line, the reply (``None``: drop the connection; ``HANG_UP`` + reply: say
the reply, then drop)."""
HANG_UP = "\x00hang-up\x00"
GO_SILENT = "\x00silent\x00"  # never answer this command


class RawPeers:
    """Hand-written SMTP peers on one background event loop, for what aiosmtpd will not do."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.servers: list[asyncio.Server] = []
        self.connections = 0

    def start(self, host: str, port: int, banner: str | None, script: Script) -> None:
        async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            self.connections += 1
            try:
                if banner is None:
                    await asyncio.sleep(3600)  # hang: accept the connection, never speak
                    return
                writer.write(banner.encode() + b"\r\n")
                await writer.drain()
                while line := await reader.readline():
                    reply = script(line.decode(errors="replace").strip())
                    if reply is None:
                        break
                    if reply == GO_SILENT:
                        await asyncio.sleep(3600)
                    writer.write(reply.removeprefix(HANG_UP).encode() + b"\r\n")
                    await writer.drain()
                    if reply.startswith(HANG_UP):
                        break
            except (ConnectionError, asyncio.CancelledError):
                pass
            finally:
                writer.close()

        async def open_server() -> asyncio.Server:
            return await asyncio.start_server(serve, host, port)

        future: Future[asyncio.Server] = asyncio.run_coroutine_threadsafe(open_server(), self.loop)
        self.servers.append(future.result(5))

    def stop(self) -> None:
        async def close_all() -> None:
            for server in self.servers:
                server.close()
            tasks = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(close_all(), self.loop).result(5)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)
        self.loop.close()


def drop_at_rcpt(command: str) -> str | None:
    """A server that lets us in, then hangs up when asked about a recipient."""
    verb = command.split(" ", 1)[0].split(":", 1)[0].upper()
    if verb == "RCPT":
        return None
    if verb == "EHLO":
        return "250-mx.drop.test\r\n250 8BITMIME"
    if verb == "QUIT":
        return "221 bye"
    return "250 OK"


def no_rset(command: str) -> str | None:
    """A server that knows only one transaction per connection: RSET is not implemented."""
    verb = command.split(" ", 1)[0].split(":", 1)[0].upper()
    if verb == "RSET":
        return "502 5.5.2 Error: command not implemented"
    if verb == "RCPT":
        return "250 2.1.5 Ok" if "<alice@" in command else "550 5.1.1 User unknown"
    return "221 bye" if verb == "QUIT" else "250 OK"


class PipeliningServer:
    """Announces PIPELINING (RFC 2920) and records every command it is sent."""

    def __init__(self) -> None:
        self.commands: list[str] = []

    def __call__(self, command: str) -> str | None:
        self.commands.append(command)
        verb = command.split(" ", 1)[0].split(":", 1)[0].upper()
        if verb == "EHLO":
            return "250-mx.pipe.test\r\n250-PIPELINING\r\n250 8BITMIME"
        if verb == "RCPT":
            return "250 2.1.5 Ok" if "<alice@" in command else "550 5.1.1 User unknown"
        return "221 bye" if verb == "QUIT" else "250 OK"


def broken_starttls(command: str) -> str | None:
    """Offers STARTTLS, says go ahead, then hangs up: no TLS is possible with this server."""
    verb = command.split(" ", 1)[0].split(":", 1)[0].upper()
    if verb == "EHLO":
        return "250-mx.badtls.test\r\n250 STARTTLS"
    if verb == "STARTTLS":
        return HANG_UP + "220 2.0.0 Ready to start TLS"
    if verb == "RCPT":
        return "250 2.1.5 Ok" if "<alice@" in command else "550 5.1.1 User unknown"
    return "221 bye" if verb == "QUIT" else "250 OK"


def starttls_unavailable(command: str) -> str | None:
    """Offers STARTTLS, then says TLS is not available after all (a 454, RFC 3207 §4)."""
    verb = command.split(" ", 1)[0].split(":", 1)[0].upper()
    if verb == "EHLO":
        return "250-mx.tls454.test\r\n250-STARTTLS\r\n250 8BITMIME"
    if verb == "STARTTLS":
        return "454 4.7.0 TLS not available due to local problem"
    if verb == "RCPT":
        return "250 2.1.5 Ok" if "<alice@" in command else "550 5.1.1 User unknown"
    return "221 bye" if verb == "QUIT" else "250 OK"


def sender_verify_at_mail_from(command: str) -> str | None:
    """Would accept any recipient, but calls our sender back and refuses it at MAIL FROM."""
    verb = command.split(" ", 1)[0].split(":", 1)[0].upper()
    if verb == "MAIL":
        return (
            "550-Verification failed for <probe@verifier.test>\r\n"
            "550-Unrouteable address\r\n550 Sender verify failed"
        )
    return "221 bye" if verb == "QUIT" else "250 OK"


def drop_after_unknown(command: str) -> str | None:
    """Harvest protection: a made-up recipient is refused and the connection dropped."""
    verb = command.split(" ", 1)[0].split(":", 1)[0].upper()
    if verb == "RCPT" and "<zz" in command:
        return HANG_UP + "550 5.1.1 User unknown; too many invalid recipients, goodbye"
    if verb == "RCPT":
        return "250 2.1.5 Ok" if "<alice@" in command else "550 5.1.1 User unknown"
    return "221 bye" if verb == "QUIT" else "250 OK"


class ErrorLimitServer:
    """Counts refused recipients per connection and, past ``limit``, answers the next RCPT
    with 421 and hangs up, as servers with an error limit (Postfix smtpd_hard_error_limit,
    harvest protection) do."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.errors = 0

    def __call__(self, command: str) -> str | None:
        verb = command.split(" ", 1)[0].split(":", 1)[0].upper()
        if verb == "EHLO":
            self.errors = 0  # a new connection (the test asks this host one at a time)
            return "250-mx.errlimit.test\r\n250 8BITMIME"
        if verb == "RCPT" and self.errors >= self.limit:
            return HANG_UP + "421 4.7.0 mx.errlimit.test Error: too many errors"
        if verb == "RCPT":
            if "<alice@" in command:
                return "250 2.1.5 Ok"
            self.errors += 1
            return "550 5.1.1 User unknown"
        return "221 bye" if verb == "QUIT" else "250 OK"


def silent_at_rcpt(command: str) -> str | None:
    """Lets us in, then never answers a RCPT TO."""
    verb = command.split(" ", 1)[0].split(":", 1)[0].upper()
    if verb == "RCPT":
        return GO_SILENT
    return "221 bye" if verb == "QUIT" else "250 OK"


def refuse_all(command: str) -> str | None:
    return "554 5.7.1 go away" if not command.upper().startswith("QUIT") else "221 bye"


@dataclass
class Peers:
    """The running peers of a test module."""

    dns: DNSPeer
    smtp_port: int
    handlers: dict[str, MailboxHandler]
    controllers: list[Controller]
    raw: RawPeers

    def stop(self) -> None:
        for controller in self.controllers:
            controller.stop()
        self.raw.stop()
        self.dns.stop()


def stopping(peers: Peers) -> Iterator[Peers]:
    try:
        yield peers
    finally:
        peers.stop()


# ------------------------------------------------------------------------- the test world

GMAIL_NOT_FOUND = (
    "550-5.1.1 The email account that you tried to reach does not exist. Please try\r\n"
    "550-5.1.1 double-checking the recipient's email address for typos or\r\n"
    "550 5.1.1 unnecessary spaces. https://support.google.com/mail/?p=NoSuchUser"
)
POSTFIX_NOT_FOUND = "550 5.1.1 Recipient address rejected: User unknown in virtual mailbox table"
HOSTS = tuple(f"127.0.0.{last}" for last in range(1, 17))


def _full_rule(address: str) -> str | None:
    local = address.partition("@")[0].lower()
    return {
        "full": "552 5.2.2 Mailbox full",
        "quota": "452 4.2.2 <quota@full.test>: user is over quota",
        "alice": None,
    }.get(local, POSTFIX_NOT_FOUND)


def _probe_deferred(address: str) -> str | None:
    """Made-up names are deferred (Postfix verifying them downstream), real ones answered."""
    local = address.partition("@")[0].lower()
    if local.startswith("zz"):
        return (
            f"450 4.1.1 <{address}>: Recipient address rejected: unverified address: "
            "Address verification in progress"
        )
    return None if local == "alice" else POSTFIX_NOT_FOUND


def main_rules() -> dict[str, Rule]:
    """RCPT behaviour of the main mail host (127.0.0.1) by recipient domain."""
    return {
        "acme.test": users({"alice", "bob", "info", "sales", "o'brien", "josé"}, POSTFIX_NOT_FOUND),
        "catchall.test": always(None),
        "exch.test": users(
            {"alice"},
            "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup",
        ),
        "m365.test": users(
            {"alice"}, "550 5.4.1 Recipient address rejected: Access denied. AS(201806281)"
        ),
        "gmail.com": users({"john.doe"}, GMAIL_NOT_FOUND),
        "de.test": users({"alice"}, "550 Benutzer unbekannt"),
        "fr.test": users({"alice"}, "550 Adresse e-mail inconnue"),
        "plain.test": users({"alice"}, "550 Requested action not taken: mailbox unavailable"),
        "yahoo.test": users(
            {"alice"}, "554 delivery error: dd This user doesn't have a yahoo.test account [0]"
        ),
        "full.test": _full_rule,
        "disabled.test": users(
            {"alice"}, "550 5.2.1 The email account that you tried to reach is disabled."
        ),
        "greylist.test": greylist_first({"alice", "carol"}, POSTFIX_NOT_FOUND),
        "policy.test": always(
            "554 5.7.1 Service unavailable; Client host [127.0.0.1] blocked using zen.spamhaus.org"
        ),
        "vague.test": always("550 Rejected"),
        "tempfail.test": always("451 4.3.0 Temporary lookup failure"),
        "amx.test": users({"alice"}, POSTFIX_NOT_FOUND),
        "slowish.test": users({"alice"}, POSTFIX_NOT_FOUND),
        "fallback.test": users({"alice"}, POSTFIX_NOT_FOUND),
        "0-mail.com": users({"alice"}, POSTFIX_NOT_FOUND),
        "ipmx.test": users({"alice"}, POSTFIX_NOT_FOUND),
        "v6broken.test": users({"alice"}, POSTFIX_NOT_FOUND),
        "mailinator.com": always(None),
        "alwaysgrey.test": always("450 4.2.0 Recipient address rejected: Greylisted, try later"),
        "xn--bcher-kva.test": users({"alice"}, POSTFIX_NOT_FOUND),
        "cnamemx.test": users({"alice"}, POSTFIX_NOT_FOUND),
        "deadfirst.test": users({"alice"}, POSTFIX_NOT_FOUND),
        "busyfirst.test": users({"alice"}, POSTFIX_NOT_FOUND),
        "blockedfirst.test": users({"alice"}, POSTFIX_NOT_FOUND),
        "probegrey.test": _probe_deferred,
        "yahoomx.test": always(None),
    }


# Domains whose first MX is a bad host (by its address) and whose second is the main host.
_SECOND_MX = {
    "deadfirst.test": "127.0.0.2",
    "busyfirst.test": "127.0.0.8",
    "blockedfirst.test": "127.0.0.6",
}


def build_zone() -> Zone:
    zone = Zone()
    for domain in main_rules():
        if domain not in {"amx.test", "ipmx.test", "cnamemx.test", "yahoomx.test", *_SECOND_MX}:
            zone.mail_domain(domain, (f"mx.{domain}", "127.0.0.1"))
    zone.add("amx.test", "A", "127.0.0.1")  # no MX: the domain's own address (RFC 5321 §5.1)
    zone.add("nomail.test", "TXT", "v=spf1 -all")  # exists, but has no mail host at all
    zone.add("nullmx.test", "MX", "0 .")  # RFC 7505 null MX
    zone.add("mxgone.test", "MX", "10 mx.gone.test")  # MX host that does not exist
    zone.servfail.add("broken.test")
    zone.servfail.add("mx.v6broken.test/AAAA")  # a resolver that fails AAAA queries only
    zone.delays["slow.test"] = 2.0
    zone.add("slow.test", "MX", "10 mx.acme.test")
    zone.delays["slowish.test"] = 0.2
    zone.records.pop("fallback.test")
    zone.add("fallback.test", "MX", "10 mx1.fallback.test", "20 mx.acme.test")
    zone.add("mx1.fallback.test", "A", "127.0.0.7")  # nothing listens there: refused
    zone.mail_domain("refused.test", ("mx.refused.test", "127.0.0.7"))
    zone.mail_domain("hang.test", ("mx.hang.test", "127.0.0.2"))
    zone.mail_domain("blocked-sender.test", ("mx.blocked-sender.test", "127.0.0.3"))
    zone.mail_domain("drop.test", ("mx.drop.test", "127.0.0.4"))
    zone.mail_domain("tls.test", ("mx.tls.test", "127.0.0.5"))
    zone.mail_domain("banner.test", ("mx.banner.test", "127.0.0.6"))
    zone.mail_domain("busy.test", ("mx.busy.test", "127.0.0.8"))
    zone.mail_domain("norset.test", ("mx.norset.test", "127.0.0.9"))
    # An IP address where a host name belongs (against RFC 5321, seen in the wild).
    zone.add("ipmx.test", "MX", "10 127.0.0.1")
    zone.mail_domain("pipe.test", ("mx.pipe.test", "127.0.0.10"))
    zone.mail_domain("badtls.test", ("mx.badtls.test", "127.0.0.11"))
    zone.mail_domain("rcpthang.test", ("mx.rcpthang.test", "127.0.0.12"))
    # An MX host name that is an alias (against RFC 2181 §10.3, common in the wild).
    zone.add("cnamemx.test", "MX", "10 mail.cnamemx.test")
    zone.add("mail.cnamemx.test", "CNAME", "mx.acme.test")
    # A domain hosted by Yahoo, whose MX accepts every recipient (it refuses after DATA).
    zone.mail_domain("yahoomx.test", ("mta5.am0.yahoodns.net", "127.0.0.1"))
    # Each has its own first host name, so that the per-host limit does not queue it.
    for domain, first in _SECOND_MX.items():
        zone.mail_domain(domain, (f"mx1.{domain}", first), (f"mx2.{domain}", "127.0.0.1"))
    zone.mail_domain("tls454.test", ("mx.tls454.test", "127.0.0.13"))
    zone.mail_domain("senderverify.test", ("mx.senderverify.test", "127.0.0.14"))
    zone.mail_domain("harvest.test", ("mx.harvest.test", "127.0.0.15"))
    zone.mail_domain("errlimit.test", ("mx.errlimit.test", "127.0.0.16"))
    zone.add("1.0.0.127.listed.test", "A", "127.0.0.2")  # DNSBL: 127.0.0.1 is listed
    zone.add("1.0.0.127.refusing.test", "A", "127.255.255.254")  # Spamhaus "query refused"
    zone.add("many.test", "MX", *(f"{10 * n} mx{n}.many.test" for n in range(1, 6)))
    for n in range(1, 6):
        zone.add(f"mx{n}.many.test", "A", "127.0.0.1")
    return zone


def start_world(tls_dir: Path) -> Peers:
    """Start the DNS server and every mail host described in this module."""
    import ssl

    port = free_port(HOSTS)
    dns = start_dns(build_zone())
    handlers = {
        "main": MailboxHandler(main_rules()),
        "blocked": MailboxHandler(
            {}, mail_reply="550 5.7.1 Sender rejected: your IP is listed at zen.spamhaus.org"
        ),
        "tls": MailboxHandler({"tls.test": users({"alice"}, POSTFIX_NOT_FOUND)}),
    }
    cert, key = make_tls_files(tls_dir)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    controllers = [
        start_smtp("127.0.0.1", port, handlers["main"]),
        start_smtp("127.0.0.3", port, handlers["blocked"]),
        start_smtp("127.0.0.5", port, handlers["tls"], tls_context=context, require_starttls=True),
    ]
    raw = RawPeers()
    raw.start("127.0.0.2", port, None, refuse_all)
    raw.start("127.0.0.4", port, "220 mx.drop.test ESMTP", drop_at_rcpt)
    raw.start(
        "127.0.0.6",
        port,
        "554 5.7.1 Service unavailable; client host [127.0.0.1] blocked using "
        "b.barracudacentral.org",
        refuse_all,
    )
    raw.start("127.0.0.8", port, "421 4.3.2 Service not available, closing channel", refuse_all)
    raw.start("127.0.0.9", port, "220 mx.norset.test ESMTP", no_rset)
    raw.start("127.0.0.10", port, "220 mx.pipe.test ESMTP", PipeliningServer())
    raw.start("127.0.0.11", port, "220 mx.badtls.test ESMTP", broken_starttls)
    raw.start("127.0.0.12", port, "220 mx.rcpthang.test ESMTP", silent_at_rcpt)
    raw.start("127.0.0.13", port, "220 mx.tls454.test ESMTP", starttls_unavailable)
    raw.start("127.0.0.14", port, "220 mx.senderverify.test ESMTP Exim", sender_verify_at_mail_from)
    raw.start("127.0.0.15", port, "220 mx.harvest.test ESMTP", drop_after_unknown)
    raw.start("127.0.0.16", port, "220 mx.errlimit.test ESMTP", ErrorLimitServer(limit=3))
    return Peers(dns, port, handlers, controllers, raw)


class Socks5Proxy:
    """A minimal SOCKS5 proxy (no authentication, CONNECT only, RFC 1928) on a RawPeers loop."""

    def __init__(self, raw: RawPeers) -> None:
        self.raw = raw
        self.connects: list[tuple[str, int]] = []
        self.port = free_port()

    def start(self) -> None:
        async def open_server() -> asyncio.Server:
            return await asyncio.start_server(self._serve, "127.0.0.1", self.port)

        future = asyncio.run_coroutine_threadsafe(open_server(), self.raw.loop)
        self.raw.servers.append(future.result(5))

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            _, methods = await reader.readexactly(2)
            await reader.readexactly(methods)
            writer.write(b"\x05\x00")
            _, _, _, kind = await reader.readexactly(4)
            if kind == 1:
                host = socket.inet_ntoa(await reader.readexactly(4))
            else:
                (length,) = await reader.readexactly(1)
                host = (await reader.readexactly(length)).decode()
            port = int.from_bytes(await reader.readexactly(2), "big")
            self.connects.append((host, port))
            upstream_reader, upstream_writer = await asyncio.open_connection(host, port)
            writer.write(b"\x05\x00\x00\x01\x00\x00\x00\x00\x00\x00")
            await writer.drain()
            await asyncio.gather(_pipe(reader, upstream_writer), _pipe(upstream_reader, writer))
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except ConnectionError:
        pass
    finally:
        writer.close()
