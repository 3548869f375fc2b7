"""Dependencies of the routes: settings, the platform's services, the authenticated client."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request

from spidernest.api.auth import Authenticator
from spidernest.api.ratelimit import RateDecision, RateLimiter
from spidernest.config import Settings
from spidernest.errors import RateLimited
from spidernest.jobs.platform import Platform
from spidernest.store.models import ClientRow

__all__ = [
    "CurrentClient",
    "FormatQuery",
    "PlatformDep",
    "SettingsDep",
    "anonymous_rate_limit",
]


# Dependencies are coroutines: FastAPI runs a plain ``def`` dependency in a worker thread,
# a hop per request that costs more than the work they do.
async def _platform(request: Request) -> Platform:
    platform: Platform = request.app.state.platform
    return platform


async def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


PlatformDep = Annotated[Platform, Depends(_platform)]
SettingsDep = Annotated[Settings, Depends(_settings)]


def _apply(request: Request, key: str) -> None:
    limiter: RateLimiter = request.app.state.rate_limiter
    decision: RateDecision = limiter.hit(key)
    request.state.rate_limit = decision
    if not decision.allowed:
        raise RateLimited(
            f"Rate limit exceeded: {decision.limit} requests per minute",
            retry_after=decision.retry_after,
        )


async def _current_client(request: Request, platform: PlatformDep) -> ClientRow:
    try:
        authenticator: Authenticator = request.app.state.authenticator
        client = await authenticator.authenticate(request.headers.get("authorization"))
    except Exception:
        # Failed attempts count against the caller's address, which slows down guessing.
        _apply(request, f"ip:{request.client.host if request.client else '?'}")
        raise
    _apply(request, f"client:{client.id}")
    return client


async def anonymous_rate_limit(request: Request) -> None:
    """Rate-limit an endpoint that needs no credentials, by caller address."""
    _apply(request, f"ip:{request.client.host if request.client else '?'}")


CurrentClient = Annotated[ClientRow, Depends(_current_client)]
FormatQuery = Annotated[
    str,
    Query(
        pattern="^(json|yaml|md)$",
        description="Response format: json (default), yaml (fewer tokens) or md (readable)",
    ),
]
