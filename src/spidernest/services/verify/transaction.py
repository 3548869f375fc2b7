"""The commands of one verification transaction: MAIL FROM, RSET, RCPT TO (RFC 5321, 2920).

Pipelined (one round trip) when the server announced PIPELINING, one by one otherwise.
"""

from __future__ import annotations

from spidernest.services.verify.classify import Reply, Verdict, classify_recipient
from spidernest.services.verify.smtp import SMTPConnection
from spidernest.services.verify.syntax import ParsedAddress

__all__ = ["mail_from", "mail_from_line", "rcpt", "reset", "reset_and_rcpt"]


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


async def reset(connection: SMTPConnection, batch: list[ParsedAddress], from_email: str) -> bool:
    """RSET and a new MAIL FROM between recipients, so that each is asked in a clean state.

    Returns ``False`` when the server refuses either: it then gets one recipient per connection.
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
    return all(reply.code < 400 for reply in replies)


async def reset_and_rcpt(
    connection: SMTPConnection,
    batch: list[ParsedAddress],
    from_email: str,
    item: ParsedAddress,
) -> tuple[Verdict, Reply | None] | None:
    """RSET, MAIL FROM and RCPT TO; in one round trip when the server allows pipelining.

    Returns ``None`` when the server refused RSET or MAIL FROM (the recipient is not asked).
    """
    if "PIPELINING" not in connection.extensions or (
        item.needs_smtputf8 and "SMTPUTF8" not in connection.extensions
    ):
        return await rcpt(connection, item) if await reset(connection, batch, from_email) else None
    replies = await connection.pipeline(
        ["RSET", mail_from_line(connection, batch, from_email), f"RCPT TO:<{item.smtp_address}>"]
    )
    if replies[0].code >= 400 or replies[1].code >= 400:
        return None
    return classify_recipient(replies[2]), replies[2]


async def rcpt(connection: SMTPConnection, item: ParsedAddress) -> tuple[Verdict, Reply | None]:
    """Ask about one recipient; ``(REJECTED, None)`` if it needs SMTPUTF8 the server lacks."""
    if item.needs_smtputf8 and "SMTPUTF8" not in connection.extensions:
        return Verdict.REJECTED, None
    reply = await connection.command(f"RCPT TO:<{item.smtp_address}>")
    return classify_recipient(reply), reply
