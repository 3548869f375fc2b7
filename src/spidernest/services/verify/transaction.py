"""The commands of one verification transaction: MAIL FROM, RSET, RCPT TO (RFC 5321, 2920).

Pipelined (one round trip) when the server announced PIPELINING, one by one otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

from spidernest.services.verify.classify import Reply, Verdict, classify_recipient
from spidernest.services.verify.smtp import SMTPConnection
from spidernest.services.verify.syntax import ParsedAddress

__all__ = ["Refusal", "mail_from", "mail_from_line", "rcpt", "reset", "reset_and_rcpt"]


@dataclass(frozen=True, slots=True)
class Refusal:
    """The server will not go on: it refused RSET or the new MAIL FROM, or said 421 to a RCPT."""

    reply: Reply

    @property
    def is_closing(self) -> bool:
        """A 421: the server ends the session (RFC 5321 §3.8); a new connection may go on."""
        return self.reply.code == 421


async def mail_from(
    connection: SMTPConnection, batch: list[ParsedAddress], from_email: str
) -> Reply:
    """Open a transaction for ``batch`` (with SMTPUTF8 when one of them needs it)."""
    return await connection.command(mail_from_line(connection, batch, from_email))


def mail_from_line(connection: SMTPConnection, batch: list[ParsedAddress], from_email: str) -> str:
    """``MAIL FROM:<from_email>``, with the SMTPUTF8 parameter if needed and offered."""
    needs_utf8 = any(item.needs_smtputf8 for item in batch)
    suffix = " SMTPUTF8" if needs_utf8 and "SMTPUTF8" in connection.extensions else ""
    return f"MAIL FROM:<{from_email}>{suffix}"


async def reset(
    connection: SMTPConnection, batch: list[ParsedAddress], from_email: str
) -> Refusal | None:
    """RSET and a new MAIL FROM between recipients, so that each is asked in a clean state.

    Returns the refusal when the server refuses either (``None`` when both are accepted).
    """
    lines = ["RSET", mail_from_line(connection, batch, from_email)]
    if "PIPELINING" in connection.extensions:
        replies = await connection.pipeline(lines)
    else:
        replies = []
        for line in lines:
            replies.append(await connection.command(line))
            if replies[-1].code >= 400:
                break
    return _first_refusal(replies)


async def reset_and_rcpt(
    connection: SMTPConnection,
    batch: list[ParsedAddress],
    from_email: str,
    item: ParsedAddress,
) -> tuple[Verdict, Reply | None] | Refusal:
    """RSET, MAIL FROM and RCPT TO; in one round trip when the server allows pipelining.

    Returns the ``Refusal`` when the server refused RSET or MAIL FROM (the recipient is not
    asked) or closes the session (421) at RCPT TO.
    """
    if "PIPELINING" not in connection.extensions or (
        item.needs_smtputf8 and "SMTPUTF8" not in connection.extensions
    ):
        refusal = await reset(connection, batch, from_email)
        return refusal if refusal is not None else await rcpt(connection, item)
    replies = await connection.pipeline(
        ["RSET", mail_from_line(connection, batch, from_email), f"RCPT TO:<{item.smtp_address}>"]
    )
    return _first_refusal(replies[:2]) or _read_rcpt(replies[2])


def _first_refusal(replies: list[Reply]) -> Refusal | None:
    return next((Refusal(reply) for reply in replies if reply.code >= 400), None)


async def rcpt(
    connection: SMTPConnection, item: ParsedAddress
) -> tuple[Verdict, Reply | None] | Refusal:
    """Ask about one recipient; ``(REJECTED, None)`` if it needs SMTPUTF8 the server lacks.

    Returns the ``Refusal`` when the server closes the session (421) instead of answering.
    """
    if item.needs_smtputf8 and "SMTPUTF8" not in connection.extensions:
        return Verdict.REJECTED, None
    return _read_rcpt(await connection.command(f"RCPT TO:<{item.smtp_address}>"))


def _read_rcpt(reply: Reply) -> tuple[Verdict, Reply | None] | Refusal:
    # A 421 says nothing about the recipient it answers: the server is closing the channel
    # (RFC 5321 §3.8), often on an error count of its own.
    refusal = Refusal(reply)
    return refusal if refusal.is_closing else (classify_recipient(reply), reply)
