"""A local web of fixture sites: each site of tests/fixtures/site/sites/ on its own 127.0.0.1 port.

127.0.0.1 has no registrable domain, so SpiderNest treats ``host:port`` as the site: one
port per site keeps them apart. Pages are files (``/kontakt`` → ``kontakt.html``,
``/nl/`` → ``nl/index.html``); ``{{base}}`` in a file becomes the site's own base URL.
A site's ``_site.json`` adds behaviour files cannot express:

* ``routes``: ``{path: {"status", "headers", "times", "body"}}`` — answer ``status`` (the first
  ``times`` requests only, when given), e.g. 429/503 before the page, or a 301 redirect;
* ``types``: ``{path: content-type}`` for files served with another type (a PDF without
  extension);
* ``_gzip/<name>``: served gzip-compressed at ``/<name>.gz``;
* ``generated``: a list of ``"blog40"`` (a 40-post blog whose contact page is linked only from the
  footer), ``"archive"`` (an endless day-by-day archive trap), ``"calendar"`` (an endless
  month-by-month calendar).

Every request is logged per site, so tests can assert what was (not) fetched.
"""

from __future__ import annotations

import gzip
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

SITES = Path(__file__).resolve().parents[2] / "fixtures" / "site" / "sites"
_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml",
    ".gz": "application/gzip",
    ".js": "application/javascript",
    ".pdf": "application/pdf",
    ".png": "image/png",
}


@dataclass
class FixtureSite:
    """One served site: its folder, configuration, port and request log."""

    name: str
    root: Path
    config: dict[str, Any]
    server: ThreadingHTTPServer | None = None
    log: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def base(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @property
    def url(self) -> str:
        return self.base + "/"

    def expected(self) -> dict[str, Any]:
        expected: dict[str, Any] = json.loads(
            (self.root / "_expected.json").read_text(encoding="utf-8")
        )
        return expected

    def fetched(self, prefix: str) -> list[str]:
        with self.lock:
            return [path for path in self.log if path.startswith(prefix)]


def _blog_page(site: FixtureSite, path: str) -> str | None:
    """The generated blog: / lists 40 posts, each post links 3 others; footer has Contact."""
    if path not in {"/", "/blog"} and not path.startswith("/blog/post-"):
        return None
    if path in {"/", "/blog"}:
        title, body = (
            "Brightlane Blog",
            "".join(
                f'<article><h2><a href="/blog/post-{n}">Post {n}: shipping faster</a></h2>'
                f"<p>How teams ship product {n} times faster with Brightlane.</p></article>"
                for n in range(1, 41)
            ),
        )
    else:
        number = int(path.rsplit("-", 1)[1]) if path.rsplit("-", 1)[1].isdigit() else 0
        if not 1 <= number <= 40:
            return None
        related = "".join(
            f'<li><a href="/blog/post-{(number + k) % 40 + 1}">Related post</a></li>'
            for k in range(3)
        )
        title = f"Post {number}"
        body = (site.root / "post.html").read_text(encoding="utf-8").replace(
            "{{number}}", str(number)
        ) + f"<ul>{related}</ul>"
    layout = (site.root / "layout.html").read_text(encoding="utf-8")
    return layout.replace("{{title}}", title).replace("{{body}}", body)


def _archive_page(path: str, query: str) -> str | None:
    """An endless archive: every day links to the next and the previous one."""
    if path != "/archive":
        return None
    day = int(query.removeprefix("d=")) if query.removeprefix("d=").isdigit() else 1
    return (
        f"<html><head><title>Archive day {day}</title></head><body><h1>Archive {day}</h1>"
        f'<a href="/archive?d={day + 1}">Next day</a> <a href="/archive?d={day - 1}">Previous</a>'
        "</body></html>"
    )


def _calendar_page(path: str) -> str | None:
    """An endless calendar: every month links to the next and the previous one."""
    parts = path.strip("/").split("/")
    if len(parts) != 3 or parts[0] != "calendar" or not (parts[1] + parts[2]).isdigit():
        return None
    year, month = int(parts[1]), int(parts[2])
    following = f"/calendar/{year + month // 12}/{month % 12 + 1:02d}"
    return (
        f"<html><head><title>Events {year}-{month:02d}</title></head><body>"
        f'<h1>Events</h1><a href="{following}">Next month</a></body></html>'
    )


def _make_handler(site: FixtureSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        wbufsize = 65_536  # one write per response: no Nagle / delayed-ACK stalls

        def log_message(self, format: str, *args: object) -> None:
            return

        def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def do_HEAD(self) -> None:
            self.do_GET()

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            path = parts.path
            with site.lock:
                site.log.append(self.path)
                site.counts[path] = site.counts.get(path, 0) + 1
                count = site.counts[path]
            route = site.config.get("routes", {}).get(path)
            if route is not None and count <= route.get("times", 10**9):
                body = route.get("body", "").replace("{{base}}", site.base).encode()
                self._send(route["status"], body, dict(route.get("headers", {})))
                return
            generated = site.config.get("generated", [])
            page = None
            if "blog40" in generated:
                page = _blog_page(site, path)
            if page is None and "archive" in generated:
                page = _archive_page(path, parts.query)
            if page is None and "calendar" in generated:
                page = _calendar_page(path)
            if page is not None:
                body = page.replace("{{base}}", site.base).encode()
                self._send(200, body, {"Content-Type": _TYPES[".html"]})
                return
            if path.endswith(".gz") and (site.root / "_gzip" / path.strip("/")[:-3]).is_file():
                # Compressed files are made on the fly so that {{base}} can be filled in.
                template = (site.root / "_gzip" / path.strip("/")[:-3]).read_text(encoding="utf-8")
                body = gzip.compress(template.replace("{{base}}", site.base).encode())
                self._send(200, body, {"Content-Type": _TYPES[".gz"]})
                return
            file = self._resolve(path)
            if file is None:
                self._send(
                    404, b"<html><body>Not found</body></html>", {"Content-Type": "text/html"}
                )
                return
            body = file.read_bytes()
            kind = site.config.get("types", {}).get(path) or _TYPES.get(file.suffix, "text/html")
            if kind.startswith(("text/", "application/xml", "application/javascript")):
                body = body.replace(b"{{base}}", site.base.encode())
            self._send(200, body, {"Content-Type": kind})

        def _resolve(self, path: str) -> Path | None:
            clean = path.strip("/")
            if ".." in clean or clean.startswith("_"):
                return None
            candidates = (
                [site.root / "index.html"]
                if not clean
                else [
                    site.root / clean,
                    site.root / f"{clean}.html",
                    site.root / clean / "index.html",
                ]
            )
            return next((c for c in candidates if c.is_file()), None)

    return Handler


class FixtureWeb:
    """Every fixture site, served on its own port; ``web["de_handwerk"].url`` is its home."""

    def __init__(self, root: Path = SITES) -> None:
        self.sites: dict[str, FixtureSite] = {}
        for folder in sorted(p for p in root.iterdir() if p.is_dir()):
            config_file = folder / "_site.json"
            config = json.loads(config_file.read_text()) if config_file.is_file() else {}
            self.sites[folder.name] = FixtureSite(folder.name, folder, config)

    def __getitem__(self, name: str) -> FixtureSite:
        return self.sites[name]

    def start(self) -> None:
        for site in self.sites.values():
            server = ThreadingHTTPServer(("127.0.0.1", 0), _make_handler(site))
            server.daemon_threads = True
            site.server = server
            threading.Thread(
                target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
            ).start()

    def reset_logs(self) -> None:
        for site in self.sites.values():
            with site.lock:
                site.log.clear()
                site.counts.clear()

    def stop(self) -> None:
        for site in self.sites.values():
            if site.server is not None:
                site.server.shutdown()
                site.server.server_close()
