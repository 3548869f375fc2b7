"""A programmable local HTTP peer for the fetch-layer tests: routes, counters, timings."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Reply = tuple[int, dict[str, str], bytes]


@dataclass
class LocalHTTP:
    """Answers ``routes[path](hit_number)``; 404 for anything else. Logs (path, start time)."""

    routes: dict[str, Callable[[int], Reply]] = field(default_factory=dict)
    log: list[tuple[str, float]] = field(default_factory=list)
    active: int = 0
    max_active: int = 0
    delay: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)
    port: int = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def hits(self, path: str) -> int:
        with self.lock:
            return sum(1 for p, _ in self.log if p == path)


@contextmanager
def serve(peer: LocalHTTP) -> Iterator[LocalHTTP]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            return

        def do_GET(self) -> None:
            with peer.lock:
                peer.log.append((self.path, time.monotonic()))
                hit = sum(1 for p, _ in peer.log if p == self.path)
                peer.active += 1
                peer.max_active = max(peer.max_active, peer.active)
            try:
                if peer.delay:
                    time.sleep(peer.delay)
                route = peer.routes.get(self.path)
                status, headers, body = route(hit) if route else (404, {}, b"not found")
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            finally:
                with peer.lock:
                    peer.active -= 1

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    peer.port = server.server_address[1]
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield peer
    finally:
        server.shutdown()
        server.server_close()


def html(body: str = "<html><body>ok</body></html>") -> Callable[[int], Reply]:
    return lambda hit: (200, {"Content-Type": "text/html"}, body.encode())


def text(status: int, body: str, headers: dict[str, str] | None = None) -> Callable[[int], Reply]:
    return lambda hit: (status, headers or {"Content-Type": "text/plain"}, body.encode())
