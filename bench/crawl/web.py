"""A fast local web for the crawl benchmark: N sites × M pages, each site on its own port.

Run as a separate process (so that serving costs nobody's CPU figures):
``python bench/crawl/web.py --sites 200 --pages 10 --ready /tmp/ports.json``.
Pages are generated once, deterministically, and served from memory by a minimal HTTP/1.1
server on asyncio streams (keep-alive, Content-Length).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
from pathlib import Path

_VOCABULARY = (
    "solutions quality service customers team experience projects industry partner support "
    "innovation design engineering sustainable reliable regional family tradition modern craft "
    "consulting logistics software hardware installation maintenance planning delivery"
)
WORDS = _VOCABULARY.split()
FIRST = ["Anna", "Jonas", "Marie", "Lukas", "Sofia", "Paul", "Emma", "Felix", "Clara", "Noah"]


def _paragraphs(rng: random.Random, count: int) -> str:
    return "".join(
        "<p>"
        + " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 90))).capitalize()
        + ".</p>"
        for _ in range(count)
    )


def build_site(index: int, pages: int) -> dict[str, bytes]:
    """One site: home, about, services, blog posts, contact and imprint, linked from a menu."""
    rng = random.Random(index)
    name = f"Company{index:03d}"
    domain = f"company{index:03d}.example-bench.de"
    paths = ["/", "/about", "/services", "/contact", "/imprint"]
    paths += [f"/blog/post-{n}" for n in range(1, max(1, pages - len(paths)) + 1)]
    paths = paths[:pages]
    menu = "".join(f'<li><a href="{p}">{p.strip("/") or "home"}</a></li>' for p in paths)
    phone = f"+49 30 {rng.randint(1000000, 9999999)}"
    footer = (
        f"<footer><p>{name} GmbH · Hauptstraße {index % 90 + 1} · 10115 Berlin</p>"
        f'<p>Tel.: <a href="tel:{phone.replace(" ", "")}">{phone}</a></p>'
        f'<p><a href="https://www.linkedin.com/company/{name.lower()}">LinkedIn</a> '
        f'<a href="https://www.facebook.com/sharer/sharer.php?u=x">Share</a></p></footer>'
    )
    site: dict[str, bytes] = {}
    for path in paths:
        body = _paragraphs(rng, rng.randint(10, 25))
        if path == "/contact":
            person = rng.choice(FIRST).lower()
            body += (
                f'<p>E-Mail: <a href="mailto:info@{domain}">info@{domain}</a></p>'
                f"<p>{person} [at] {domain.replace('.', ' [dot] ')}</p>"
                f"<p>Fax: +49 30 {rng.randint(1000000, 9999999)}</p>"
            )
        if path == "/imprint":
            body += f"<p>HRB {rng.randint(10000, 99999)} · USt-IdNr. DE{rng.randint(10**8, 10**9 - 1)}</p>"
            body += f"<p>Kontakt: office@{domain}</p>"
        html = (
            f'<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>{name} {path}</title>'
            f'<link rel="stylesheet" href="/style.css"><script>var cfg={{"id":{index}}};</script></head>'
            f"<body><header><nav><ul>{menu}</ul></nav></header><main><h1>{name}</h1>{body}</main>"
            f"{footer}</body></html>"
        )
        site[path] = html.encode()
    site["/robots.txt"] = b"User-agent: *\nAllow: /\n"
    return site


async def serve(sites: list[dict[str, bytes]]) -> list[int]:
    async def handler_for(site: dict[str, bytes]):  # type: ignore[no-untyped-def]
        async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            try:
                while True:
                    head = await reader.readuntil(b"\r\n\r\n")
                    path = head.split(b" ", 2)[1].decode().split("?", 1)[0]
                    body = site.get(path)
                    if body is None:
                        status, body, kind = "404 Not Found", b"not found", "text/plain"
                    else:
                        status = "200 OK"
                        kind = "text/plain" if path.endswith(".txt") else "text/html; charset=utf-8"
                    writer.write(
                        f"HTTP/1.1 {status}\r\nContent-Type: {kind}\r\n"
                        f"Content-Length: {len(body)}\r\n\r\n".encode()
                        + body
                    )
                    await writer.drain()
            except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
                pass
            finally:
                writer.close()

        return handle

    ports = []
    for site in sites:
        server = await asyncio.start_server(await handler_for(site), "127.0.0.1", 0, backlog=1024)
        ports.append(server.sockets[0].getsockname()[1])
    return ports


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sites", type=int, default=200)
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--ready", type=Path, required=True)
    args = parser.parse_args()
    sites = [build_site(i, args.pages) for i in range(args.sites)]
    ports = await serve(sites)
    args.ready.write_text(json.dumps([f"http://127.0.0.1:{port}/" for port in ports]))
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
