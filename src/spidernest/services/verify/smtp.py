"""One SMTP client connection over asyncio streams (RFC 5321), optionally through SOCKS5.

Only what verification needs: greeting, EHLO/HELO, STARTTLS, MAIL FROM, RCPT TO, RSET, QUIT.
Every wait is bounded by the per-command timeout and by the caller's deadline. Socket, TLS,
proxy and protocol failures become ``SMTPError``; running out of time becomes ``Timeout``.
"""

from __future__ import annotations

import asyncio
import ssl
import warnings
from collections.abc import Awaitable
from typing import TypeVar

from python_socks import ProxyError, ProxyTimeoutError
from python_socks.async_.asyncio import Proxy

from spidernest.errors import SMTPError, Timeout
from spidernest.services.verify.classify import Reply

__all__ = ["SMTPConnection", "probe_tls_context"]

_T = TypeVar("_T")
_MAX_REPLY_LINES = 100  # a reply longer than this is not a mail server talking


def probe_tls_context() -> ssl.SSLContext:
    """TLS for probing: any certificate is accepted, as a sending MTA does opportunistically.

    We never send a message, so there is nothing to protect; refusing self-signed
    certificates would only make real servers look unreachable.
    """
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    # Old mail servers still speak TLS 1.0/1.1 with weak ciphers; a sending MTA would use
    # them rather than plain text, and so do we (the content of a probe is not secret).
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # deprecated on purpose, above
            context.minimum_version = ssl.TLSVersion.TLSv1
        context.set_ciphers("DEFAULT:@SECLEVEL=0")
    except (ValueError, ssl.SSLError):
        pass  # this OpenSSL build refuses the old protocols: keep its defaults
    return context


class SMTPConnection:
    """An open SMTP session with one mail host.

    Args:
        reader: the stream to read replies from.
        writer: the stream to write commands to.
        host: the mail host's name (for messages and TLS SNI).
        timeout: seconds any single wait may take.
        deadline: ``loop.time()`` after which every wait fails at once.
    """

    def __init__(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        *,
        host: str,
        timeout: float,
        deadline: float,
    ) -> None:
        self._reader = reader
        self._writer = writer
        self.host = host
        self._timeout = timeout
        self._deadline = deadline
        self.extensions: dict[str, str] = {}
        self.is_tls = False

    @classmethod
    async def open(
        cls,
        host: str,
        address: str,
        port: int,
        *,
        command_timeout: float,
        deadline: float,
        proxy: str | None = None,
    ) -> SMTPConnection:
        """Connect to ``address:port`` (directly or through a ``socks5://`` proxy).

        Raises:
            SMTPError: the connection was refused or the host is unreachable.
            Timeout: no connection within the time allowed.
        """
        loop = asyncio.get_running_loop()
        wait = _remaining(command_timeout, deadline, loop)
        try:
            if proxy:
                sock = await Proxy.from_url(proxy).connect(address, port, timeout=wait)
                opened = asyncio.open_connection(sock=sock)
            else:
                opened = asyncio.open_connection(address, port)
            async with asyncio.timeout(wait):
                reader, writer = await opened
        except (TimeoutError, ProxyTimeoutError) as exc:
            raise Timeout(f"connecting to {host} ({address}:{port}) timed out") from exc
        except (OSError, ProxyError) as exc:
            raise SMTPError(f"cannot connect to {host} ({address}:{port}): {exc}") from exc
        return cls(reader, writer, host=host, timeout=command_timeout, deadline=deadline)

    async def _bounded(self, awaitable: Awaitable[_T], doing: str) -> _T:
        wait = _remaining(self._timeout, self._deadline, asyncio.get_running_loop())
        try:
            async with asyncio.timeout(wait):
                return await awaitable
        except TimeoutError as exc:
            raise Timeout(f"{self.host} did not answer {doing} in time") from exc
        except (OSError, EOFError, ssl.SSLError) as exc:
            raise SMTPError(f"connection to {self.host} failed during {doing}: {exc}") from exc

    async def read_reply(self, doing: str = "the greeting") -> Reply:
        """Read one complete (multi-line) reply.

        Raises:
            SMTPError: the server closed the connection or sent something that is not SMTP.
            Timeout: no complete reply in time.
        """
        return await self._bounded(self._read_reply(), doing)

    async def _read_reply(self) -> Reply:
        texts: list[str] = []
        for _ in range(_MAX_REPLY_LINES):
            try:
                raw = await self._reader.readline()
            except (asyncio.LimitOverrunError, ValueError) as exc:
                raise SMTPError(f"{self.host} sent an over-long reply line") from exc
            if not raw.endswith(b"\n"):
                raise SMTPError(f"{self.host} closed the connection")
            line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
            code_text = line[:3]
            if len(line) < 3 or not code_text.isdigit() or line[3:4] not in ("", " ", "-"):
                raise SMTPError(f"{self.host} sent a malformed reply: {line[:80]!r}")
            texts.append(line[4:].strip())
            if line[3:4] != "-":
                text = " ".join(part for part in texts if part)
                return Reply(int(code_text), text, tuple(texts))
        raise SMTPError(f"{self.host} sent a reply of more than {_MAX_REPLY_LINES} lines")

    async def command(self, line: str) -> Reply:
        """Send one command line and read its reply.

        Raises:
            SMTPError: the connection failed or the reply was not SMTP.
            Timeout: no reply in time.
        """
        verb = line.split(" ", 1)[0].split(":", 1)[0].upper()
        self._writer.write(line.encode("utf-8") + b"\r\n")
        await self._bounded(self._writer.drain(), verb)
        return await self.read_reply(verb)

    async def pipeline(self, lines: list[str]) -> list[Reply]:
        """Send several commands at once and read their replies in order (RFC 2920).

        Only for servers that announced PIPELINING; one round trip instead of ``len(lines)``.

        Raises:
            SMTPError: the connection failed or a reply was not SMTP.
            Timeout: a reply did not come in time.
        """
        self._writer.write(b"".join(line.encode("utf-8") + b"\r\n" for line in lines))
        await self._bounded(self._writer.drain(), "pipelined commands")
        return [await self.read_reply(line.split(":", 1)[0].upper()) for line in lines]

    async def hello(self, name: str) -> Reply:
        """EHLO, falling back to HELO when the server does not know EHLO (RFC 5321 §4.1.4)."""
        reply = await self.command(f"EHLO {name}")
        if reply.code in {500, 501, 502, 504}:
            return await self.command(f"HELO {name}")
        if reply.code == 250:
            self.extensions = _parse_extensions(reply)
        return reply

    async def starttls(self) -> Reply:
        """Ask for STARTTLS and, on 220, upgrade the stream (any certificate accepted).

        Raises:
            SMTPError: the TLS handshake failed (the connection is then unusable).
            Timeout: the handshake did not finish in time.
        """
        reply = await self.command("STARTTLS")
        if reply.code != 220:
            return reply
        await self._bounded(
            self._writer.start_tls(probe_tls_context(), server_hostname=self.host),
            "the TLS handshake",
        )
        self.is_tls = True
        self.extensions = {}
        return reply

    async def quit(self) -> None:
        """Say QUIT (briefly, ignoring failures: we are leaving anyway) and close."""
        if self._writer.is_closing():
            return
        try:
            self._writer.write(b"QUIT\r\n")
            async with asyncio.timeout(min(self._timeout, 2.0)):
                await self._writer.drain()
                await self._reader.readline()
        except (OSError, EOFError, TimeoutError, ssl.SSLError, ValueError):
            pass  # the server may already have gone; the reply to QUIT carries nothing
        await self.close()

    async def close(self) -> None:
        """Close the socket without a goodbye."""
        self._writer.close()
        try:
            async with asyncio.timeout(1.0):
                await self._writer.wait_closed()
        except (OSError, TimeoutError, ssl.SSLError):
            pass  # closing a broken connection may fail; it is closed either way


def _parse_extensions(reply: Reply) -> dict[str, str]:
    """EHLO keywords (upper case) → their parameters. The first line is the greeting."""
    found: dict[str, str] = {}
    for line in reply.lines[1:]:
        keyword, _, parameters = line.strip().partition(" ")
        if keyword:
            found[keyword.upper()] = parameters
    return found


def _remaining(timeout: float, deadline: float, loop: asyncio.AbstractEventLoop) -> float:
    left = deadline - loop.time()
    if left <= 0:
        raise Timeout("the verification time budget is spent")
    return min(timeout, left)
