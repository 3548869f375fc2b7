"""Verify benchmark: SpiderNest's verify_emails vs a naive one-connection-per-address loop.

    .venv/bin/python bench/verify/bench.py [--addresses 1000] [--domains 50] [--delay 0.1]
                                           [--naive-sample 60] [--concurrency 10]

A local SMTP server (its own thread and event loop, on 127.0.0.1) answers every command
``--delay`` seconds after it arrived, as a distant real server would (commands pipelined
together share the wait); it announces PIPELINING; half of each domain's users exist. A local
DNS server gives each domain its own MX host name. The addresses are shuffled (fixed seed) and
verified the way jobs would be: ``verify_emails`` on chunks of 100 (the API's maximum), one
after the other. The naive loop (connect, EHLO, MAIL FROM, RCPT TO, QUIT per address, one
address at a time) runs on the first ``--naive-sample`` addresses only, since at ~5 round trips
per address it would take minutes for all; its rate is what is compared.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.services.verify.peers import Zone, free_port, start_dns  # noqa: E402

from spidernest.config import VerifySettings  # noqa: E402
from spidernest.services.verify import VerifyRequest, verify_emails  # noqa: E402
from spidernest.services.verify.smtp import SMTPConnection  # noqa: E402


class SlowSMTP:
    """An SMTP server whose every reply takes ``delay`` seconds; counts connections."""

    def __init__(self, port: int, delay: float) -> None:
        self.port, self.delay = port, delay
        self.connections = 0
        self.commands = 0
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Each reply leaves ``delay`` seconds after its command arrived, in order.

        That is a network round trip: commands sent one by one cost ``delay`` each, commands
        pipelined together (RFC 2920) share one.
        """
        self.connections += 1
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[tuple[float, str | None]] = asyncio.Queue()
        await queue.put((loop.time(), "220 mx.bench.test ESMTP"))
        sender = asyncio.create_task(self._send(writer, queue))
        try:
            while line := await reader.readline():
                self.commands += 1
                command = line.decode().strip()
                verb = command.split(" ", 1)[0].split(":", 1)[0].upper()
                if verb == "QUIT":
                    await queue.put((loop.time(), "221 bye"))
                    break
                await queue.put((loop.time(), self._reply(verb, command)))
        except ConnectionError:
            pass
        finally:
            await queue.put((loop.time(), None))
            await sender
            writer.close()

    async def _send(
        self, writer: asyncio.StreamWriter, queue: asyncio.Queue[tuple[float, str | None]]
    ) -> None:
        loop = asyncio.get_running_loop()
        while True:
            arrived, text = await queue.get()
            if text is None:
                return
            await asyncio.sleep(max(0.0, arrived + self.delay - loop.time()))
            try:
                writer.write(text.encode() + b"\r\n")
                await writer.drain()
            except ConnectionError:
                return

    def _reply(self, verb: str, command: str) -> str:
        if verb == "EHLO":
            return "250-mx.bench.test\r\n250-PIPELINING\r\n250 8BITMIME"
        if verb == "RCPT":
            local = command.partition("<")[2].partition("@")[0]
            number = local.removeprefix("user")
            if number.isdigit() and int(number) % 2 == 0:
                return "250 2.1.5 OK"
            return "550 5.1.1 <x>: Recipient address rejected: User unknown"
        return "250 OK"

    def start(self) -> None:
        self.thread.start()
        asyncio.run_coroutine_threadsafe(
            asyncio.start_server(self._serve, "127.0.0.1", self.port, backlog=512), self.loop
        ).result(5)


async def naive(addresses: list[str], settings: VerifySettings) -> list[bool]:
    """One fresh connection per address, one address at a time: the loop everybody writes."""
    found: list[bool] = []
    loop = asyncio.get_running_loop()
    for address in addresses:
        connection = await SMTPConnection.open(
            "mx", "127.0.0.1", settings.smtp_port, command_timeout=30, deadline=loop.time() + 60
        )
        await connection.read_reply()
        await connection.hello("bench.example")
        await connection.command("MAIL FROM:<>")
        reply = await connection.command(f"RCPT TO:<{address}>")
        found.append(reply.code == 250)
        await connection.quit()
    return found


async def ours(addresses: list[str], settings: VerifySettings) -> list[str]:
    statuses: list[str] = []
    for start in range(0, len(addresses), 100):
        request = VerifyRequest(emails=addresses[start : start + 100], smtp_timeout_secs=30)
        result = await verify_emails(request, settings=settings)
        statuses += [item.status for item in result.results]
    return statuses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--addresses", type=int, default=1000)
    parser.add_argument("--domains", type=int, default=50)
    parser.add_argument("--delay", type=float, default=0.1)
    parser.add_argument("--naive-sample", type=int, default=60)
    parser.add_argument("--concurrency", type=int, default=10, help="max_concurrency setting")
    args = parser.parse_args()

    zone = Zone()
    for n in range(args.domains):
        zone.mail_domain(f"company{n}.bench.test", (f"mx.company{n}.bench.test", "127.0.0.1"))
    dns = start_dns(zone)
    server = SlowSMTP(free_port(), args.delay)
    server.start()
    settings = VerifySettings(
        dns_servers=(dns.address,),
        smtp_port=server.port,
        hello_name="bench.example",
        max_concurrency=args.concurrency,
        allow_private_mail_hosts=True,
    )
    per_domain = args.addresses // args.domains
    addresses = [
        f"user{i}@company{n}.bench.test" for n in range(args.domains) for i in range(per_domain)
    ]
    random.Random(7).shuffle(addresses)

    started = time.perf_counter()
    statuses = asyncio.run(ours(addresses, settings))
    ours_seconds = time.perf_counter() - started
    ours_connections = server.connections
    ours_commands = server.commands

    sample = addresses[: args.naive_sample]
    server.connections = server.commands = 0
    started = time.perf_counter()
    found = asyncio.run(naive(sample, settings))
    naive_seconds = time.perf_counter() - started

    expected = [int(address[4:].split("@")[0]) % 2 == 0 for address in addresses]
    correct = sum(
        (status == "valid") == exists for status, exists in zip(statuses, expected, strict=True)
    )
    ours_rate = len(addresses) / ours_seconds
    naive_rate = len(sample) / naive_seconds
    print(f"addresses: {len(addresses)} over {args.domains} domains; reply delay {args.delay}s")
    print(
        f"spidernest: {ours_seconds:.1f} s, {ours_rate:.1f} addresses/s, "
        f"{ours_connections / len(addresses):.3f} connections/address, "
        f"{ours_commands / len(addresses):.2f} commands/address, "
        f"{correct}/{len(addresses)} verdicts right (max_concurrency {args.concurrency})"
    )
    print(
        f"naive loop: {naive_seconds:.1f} s for {len(sample)}, {naive_rate:.2f} addresses/s, "
        f"1.000 connections/address, {server.commands / len(sample):.2f} commands/address, "
        f"{sum(found)} found"
    )
    print(f"speed-up: {ours_rate / naive_rate:.1f}x; connections: "
          f"{len(addresses) / max(ours_connections, 1):.1f}x fewer")  # fmt: skip
    dns.stop()


if __name__ == "__main__":
    main()
