"""The SMTP client connection against hand-written loopback servers."""

from __future__ import annotations

import asyncio

import pytest

from spidernest.errors import SMTPError, Timeout
from spidernest.services.verify.smtp import SMTPConnection
from tests.services.verify.peers import Peers, free_port


def _serve(world: Peers, banner: str | None, replies: dict[str, str | None]) -> int:
    port = free_port()
    world.raw.start(
        "127.0.0.1", port, banner, lambda line: replies.get(line.split(" ")[0], "250 OK")
    )
    return port


async def _open(port: int, wait: float = 2.0) -> SMTPConnection:
    loop = asyncio.get_running_loop()
    return await SMTPConnection.open(
        "mx.test", "127.0.0.1", port, command_timeout=wait, deadline=loop.time() + 30
    )


async def test_multiline_replies_and_extensions(world: Peers) -> None:
    port = _serve(
        world,
        "220-mx.test ESMTP\r\n220 no UCE",
        {"EHLO": "250-mx.test hello\r\n250-SIZE 1000\r\n250-STARTTLS\r\n250 SMTPUTF8"},
    )
    connection = await _open(port)
    greeting = await connection.read_reply()
    assert (greeting.code, greeting.text) == (220, "mx.test ESMTP no UCE")
    reply = await connection.hello("probe.test")
    assert reply.code == 250
    assert connection.extensions == {"SIZE": "1000", "STARTTLS": "", "SMTPUTF8": ""}
    await connection.quit()


async def test_helo_when_ehlo_is_unknown(world: Peers) -> None:
    port = _serve(world, "220 old.test", {"EHLO": "502 5.5.2 command not recognized"})
    connection = await _open(port)
    await connection.read_reply()
    assert (await connection.hello("probe.test")).code == 250
    assert connection.extensions == {}
    await connection.quit()


async def test_garbage_and_hang_up_are_smtp_errors(world: Peers) -> None:
    port = _serve(world, "220 x", {"EHLO": "hello there", "NOOP": None})
    connection = await _open(port)
    await connection.read_reply()
    with pytest.raises(SMTPError, match="malformed"):
        await connection.command("EHLO probe.test")
    await connection.close()
    connection = await _open(port)
    await connection.read_reply()
    with pytest.raises(SMTPError, match="closed"):
        await connection.command("NOOP")
    await connection.close()


async def test_silence_is_a_timeout(world: Peers) -> None:
    port = _serve(world, None, {})
    connection = await _open(port, wait=0.2)
    with pytest.raises(Timeout):
        await connection.read_reply()
    await connection.close()


async def test_refused_connection_is_an_smtp_error() -> None:
    with pytest.raises(SMTPError, match="cannot connect"):
        await _open(free_port())
