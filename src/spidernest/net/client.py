"""The fetch pipeline: the one place SpiderNest talks HTTP to user-supplied URLs.

A fetch passes through stacked layers with one async signature, outermost first, the way
Starlette middleware wraps the next app. The order is the list ``LAYERS`` below::

    redirects → SSRF scheme/host check → robots.txt → per-host politeness → retries → transport

The transport enforces size and time caps and connects only to addresses the SSRF guard
approved (``net/ssrf.py``). httpx errors are translated here, once, into ``errors.py``.
"""

from __future__ import annotations

import asyncio
import ssl
import time
import zlib
from collections.abc import Awaitable, Callable
from dataclasses import replace
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from spidernest.config import NetSettings
from spidernest.errors import FetchError, FetchTimeout, SpiderNestError, TargetRefused
from spidernest.net.models import FetchLimits, FetchRequest, FetchResponse
from spidernest.net.politeness import politeness_layer
from spidernest.net.robots import robots_layer
from spidernest.net.ssrf import GuardedNetworkBackend, check_url, is_public_address

__all__ = ["Fetcher", "Handler"]

Handler = Callable[[FetchRequest], Awaitable[FetchResponse]]
Layer = Callable[[Handler, "Fetcher"], Handler]

_REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
# 429 and 503 are the codes servers use to say "slow down"; 502/504 are transient proxies.
_RETRY_CODES = frozenset({429, 502, 503, 504})


def _redirect_layer(inner: Handler, fetcher: Fetcher) -> Handler:
    async def handle(request: FetchRequest) -> FetchResponse:
        history: list[str] = []
        current = request
        for _ in range(request.limits.max_redirects + 1):
            response = await inner(current)
            location = response.headers.get("location")
            if not (request.follow_redirects and response.status in _REDIRECT_CODES and location):
                return replace(response, history=tuple(history))
            history.append(response.url)
            target = urljoin(response.url, location.strip())
            method = current.method
            if response.status == 303 or (response.status in {301, 302} and method == "POST"):
                method = "GET"
            current = replace(current, url=target, method=method)
        raise FetchError(f"too many redirects (> {request.limits.max_redirects})", url=request.url)

    return handle


def _guard_layer(inner: Handler, fetcher: Fetcher) -> Handler:
    allow_private = fetcher.settings.allow_private_networks

    async def handle(request: FetchRequest) -> FetchResponse:
        check_url(request.url)
        if not allow_private:
            _check_literal_host(request.url)
        return await inner(request)

    return handle


def _check_literal_host(url: str) -> None:
    """Refuse IP literals and ``localhost`` up front.

    The connect-time check in ``net/ssrf.py`` is the real guard, but it does not run when a
    proxy connects on our behalf; this catches the obvious private targets in that case too.
    """
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        raise TargetRefused(f"{host} is a local address: {url}")
    try:
        public = is_public_address(host)
    except ValueError:
        return
    if not public:
        raise TargetRefused(f"{host} is a private or local address: {url}")


def _retry_after_seconds(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def _retry_layer(inner: Handler, fetcher: Fetcher) -> Handler:
    settings = fetcher.settings

    async def handle(request: FetchRequest) -> FetchResponse:
        attempts = (settings.retries if request.retries is None else request.retries) + 1
        for attempt in range(attempts):
            last = attempt == attempts - 1
            delay = settings.retry_backoff * (2**attempt)
            try:
                response = await inner(request)
            except (FetchTimeout, FetchError) as exc:
                if last or isinstance(exc, TargetRefused) or exc.status is not None:
                    raise
                await asyncio.sleep(delay)
                continue
            if response.status in _RETRY_CODES and not last:
                hinted = _retry_after_seconds(response.headers.get("retry-after"))
                # Honour Retry-After, but never wait longer than a page's whole read budget.
                wait = min(hinted if hinted is not None else delay, request.limits.read_timeout)
                await asyncio.sleep(wait)
                continue
            return response
        raise AssertionError("unreachable")

    return handle


def _transport_layer(fetcher: Fetcher) -> Handler:
    async def handle(request: FetchRequest) -> FetchResponse:
        return await fetcher.transport_fetch(request)

    return handle


# Outermost first: the one place the order of the fetch policy is decided.
LAYERS: list[tuple[str, Layer]] = [
    ("redirects", _redirect_layer),
    ("guard", _guard_layer),
    ("robots", robots_layer),
    ("politeness", politeness_layer),
    ("retries", _retry_layer),
]


class Fetcher:
    """The process-wide HTTP client: build one at start-up, share it, close it at shutdown.

    Args:
        settings: the ``net`` slice of the settings.
        transport: replaces the real network (tests pass ``httpx.MockTransport``).
        extra_layers: ``(name, layer)`` pairs added just above the retry layer, outermost first.
    """

    def __init__(
        self,
        settings: NetSettings,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        extra_layers: list[tuple[str, Layer]] | None = None,
    ) -> None:
        self.settings = settings
        self.default_limits = FetchLimits(
            connect_timeout=settings.connect_timeout,
            read_timeout=settings.read_timeout,
            total_timeout=max(settings.read_timeout * 2, 30.0),
            max_bytes=settings.max_bytes,
            max_redirects=settings.max_redirects,
        )
        if transport is None:
            transport = _guarded_transport(settings)
        self._client = httpx.AsyncClient(
            transport=transport,
            headers={"User-Agent": settings.user_agent, "Accept-Language": "en;q=0.9, *;q=0.5"},
            follow_redirects=False,
            timeout=httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout),
        )
        layers = list(LAYERS)
        layers[-1:-1] = extra_layers or []
        handler: Handler = _transport_layer(self)
        for _, layer in reversed(layers):
            handler = layer(handler, self)
        self._handler = handler

    async def fetch(
        self,
        url: str,
        *,
        method: str = "GET",
        headers: dict[str, str] | None = None,
        content: bytes | None = None,
        limits: FetchLimits | None = None,
        follow_redirects: bool = True,
        respect_robots: bool = True,
        retries: int | None = None,
    ) -> FetchResponse:
        """Fetch ``url`` through every layer and return the whole (capped) response.

        Any HTTP status is returned as a response; only failures to get one raise.

        Raises:
            TargetRefused: the URL's scheme or address is not allowed, or robots.txt forbids it.
            FetchTimeout: the connection or the read took longer than its budget (seconds).
            FetchError: the connection failed or redirects looped.
        """
        request = FetchRequest(
            url=url,
            method=method,
            headers=headers or {},
            content=content,
            limits=limits or self.default_limits,
            follow_redirects=follow_redirects,
            respect_robots=respect_robots,
            retries=retries,
        )
        return await self._handler(request)

    async def transport_fetch(self, request: FetchRequest) -> FetchResponse:
        """One HTTP exchange with no redirects, capped at ``max_bytes`` and ``total_timeout``."""
        limits = request.limits
        started = time.monotonic()
        timeout = httpx.Timeout(limits.read_timeout, connect=limits.connect_timeout)
        try:
            async with asyncio.timeout(limits.total_timeout):
                return await self._exchange(request, timeout, started)
        except TimeoutError as exc:
            raise FetchTimeout(
                f"fetching {request.url} took longer than {limits.total_timeout:g}s",
                url=request.url,
            ) from exc

    async def _exchange(
        self, request: FetchRequest, http_timeout: httpx.Timeout, started: float
    ) -> FetchResponse:
        limits = request.limits
        try:
            async with self._client.stream(
                request.method,
                request.url,
                headers=request.headers,
                content=request.content,
                timeout=http_timeout,
            ) as response:
                chunks: list[bytes] = []
                size = 0
                truncated = False
                async for chunk in response.aiter_bytes():
                    size += len(chunk)
                    if size > limits.max_bytes:
                        chunks.append(chunk[: len(chunk) - (size - limits.max_bytes)])
                        truncated = True
                        break
                    chunks.append(chunk)
                return FetchResponse(
                    url=str(response.url),
                    status=response.status_code,
                    headers={k.lower(): v for k, v in response.headers.items()},
                    content=b"".join(chunks),
                    truncated=truncated,
                    elapsed=time.monotonic() - started,
                )
        except SpiderNestError:
            raise
        except httpx.TimeoutException as exc:
            raise FetchTimeout(
                f"timed out fetching {request.url}: {exc!r}", url=request.url
            ) from exc
        except (httpx.HTTPError, httpcore.ProxyError, OSError, UnicodeError, ValueError) as exc:
            raise FetchError(f"failed to fetch {request.url}: {exc!r}", url=request.url) from exc

    async def aclose(self) -> None:
        """Close the pooled connections."""
        await self._client.aclose()

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()


# httpcore's pool scans every connection it holds (with a socket poll each) whenever a request
# starts or ends, so one pool of hundreds of connections costs O(connections) per request:
# measured at 60% of a 200-site crawl's CPU. Hosts are spread over independent pools instead.
_POOL_SHARDS = 16


class _ShardedTransport(httpx.AsyncBaseTransport):
    """Route each host (with its port) to one of several connection pools."""

    def __init__(self, shards: list[httpx.AsyncBaseTransport]) -> None:
        self._shards = shards

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        key = f"{request.url.host}:{request.url.port}"
        shard = self._shards[zlib.crc32(key.encode()) % len(self._shards)]
        return await shard.handle_async_request(request)

    async def aclose(self) -> None:
        for shard in self._shards:
            await shard.aclose()


def _guarded_transport(settings: NetSettings) -> httpx.AsyncBaseTransport:
    """Pools on the SSRF-guarded backend, sharded by host, sharing one TLS context."""
    shards = 1 if settings.proxy is not None else _POOL_SHARDS
    per_shard = max(settings.per_host_concurrency * 2, -(-settings.max_connections // shards))
    ssl_context = httpx.create_ssl_context()  # loading the CA bundle costs ~50 ms: do it once
    return _ShardedTransport(
        [_pool_transport(settings, per_shard, ssl_context) for _ in range(shards)]
    )


def _pool_transport(
    settings: NetSettings, max_connections: int, ssl_context: ssl.SSLContext
) -> httpx.AsyncHTTPTransport:
    limits = httpx.Limits(
        max_connections=max_connections,
        max_keepalive_connections=min(max_connections, 32),
    )
    transport = httpx.AsyncHTTPTransport(
        verify=ssl_context, http2=settings.http2, limits=limits, proxy=settings.proxy
    )
    if settings.proxy is None:
        transport._pool = httpcore.AsyncConnectionPool(
            ssl_context=ssl_context,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            http1=True,
            http2=settings.http2,
            network_backend=GuardedNetworkBackend(allow_private=settings.allow_private_networks),
        )
    return transport
