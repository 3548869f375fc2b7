"""The FastAPI application: routers, error handlers, rate-limit headers, the platform's life."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from spidernest import __version__
from spidernest.api.auth import Authenticator
from spidernest.api.errors import install_error_handlers
from spidernest.api.ratelimit import RateLimiter
from spidernest.api.routes import jobs, media, system
from spidernest.config import Settings
from spidernest.jobs.catalog import load_job_types
from spidernest.jobs.platform import Platform
from spidernest.jobs.registry import JobType

__all__ = ["create_app"]


class RateLimitHeaders:
    """Adds ``X-RateLimit-*`` to every response whose request went through a rate limit."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                decision = scope.get("state", {}).get("rate_limit")
                if decision is not None:
                    headers = list(message.get("headers", []))
                    for name, value in decision.headers().items():
                        headers.append((name.lower().encode(), value.encode()))
                    message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodySizeLimit:
    """Refuses request bodies larger than the configured maximum with 413."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            length = dict(scope.get("headers", [])).get(b"content-length")
            if length is not None and length.isdigit() and int(length) > self.max_bytes:
                await _send_json(send, 413, b'{"detail":"Request body too large"}')
                return
            received = 0

            async def bounded_receive() -> Message:
                nonlocal received
                message = await receive()
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _BodyTooLarge
                return message

            try:
                await self.app(scope, bounded_receive, send)
            except _BodyTooLarge:
                await _send_json(send, 413, b'{"detail":"Request body too large"}')
            return
        await self.app(scope, receive, send)


class _BodyTooLarge(Exception):
    pass


async def _send_json(send: Send, status: int, body: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json")],
        }
    )
    await send({"type": "http.response.body", "body": body})


def create_app(
    settings: Settings | None = None,
    *,
    job_types: Mapping[str, JobType] | None = None,
    run_workers: bool = True,
    name: str = "main",
    public_url: str = "http://127.0.0.1:8000",
) -> FastAPI:
    """Build the API. With ``run_workers`` the same process also runs jobs (the default).

    Args:
        settings: the settings tree; read from the environment when omitted.
        job_types: the job types to serve; the full catalog when omitted.
        run_workers: run jobs in this process too.
        name: the process name (forms the executor id).
        public_url: the base URL used in download links when ``SPIDERNEST_PUBLIC_URL`` is unset.
    """
    settings = settings or Settings()
    if job_types is None:
        job_types = load_job_types(settings.jobs.extra_job_types)
    platform = Platform(
        settings, job_types, name=name, run_workers=run_workers, public_url=public_url
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[dict[str, Any]]:
        await platform.start()
        try:
            yield {}
        finally:
            await platform.stop()

    app = FastAPI(
        title="SpiderNest",
        version=__version__,
        description="Self-hosted lead generation and web data API (SpiderIQ-compatible jobs).",
        lifespan=lifespan,
    )
    app.state.platform = platform
    app.state.settings = settings
    app.state.rate_limiter = RateLimiter(
        settings.api.rate_limit_per_minute, settings.api.rate_limit_burst
    )
    app.state.authenticator = Authenticator(platform.clients, ttl=settings.api.auth_cache_seconds)
    install_error_handlers(app)
    app.include_router(jobs.router)
    app.include_router(system.router)
    app.include_router(media.router)
    app.add_middleware(RateLimitHeaders)
    app.add_middleware(BodySizeLimit, max_bytes=settings.api.max_body_bytes)
    return app
