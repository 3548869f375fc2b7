"""Every error SpiderNest raises on purpose, in one tree.

::

    SpiderNestError
    ├── InvalidInput(ValueError)            bad input; names the field
    ├── NotFound(LookupError)               no such job / client / file (or not yours)
    ├── Gone                                the job failed or was cancelled; results are gone
    ├── Conflict                            the request does not fit the current state
    │   └── InvalidState                    the object's state forbids it (cancel a finished job)
    ├── Unauthorized                        missing or malformed credentials
    ├── Forbidden                           valid credentials, but not allowed (disabled client)
    ├── RateLimited                         too many requests; carries retry_after seconds
    ├── TargetRefused                       a URL we may not fetch (SSRF guard, robots.txt)
    ├── Unavailable                         our own backend (database, engine) cannot serve now
    ├── UpstreamError                       a remote peer failed us (site, DNS, SMTP, Google, LLM)
    │   ├── FetchError                      an HTTP fetch failed (connection, TLS, bad status)
    │   ├── DNSError                        a DNS lookup failed (not "no such domain": that is data)
    │   ├── SMTPError                       an SMTP conversation failed
    │   └── LLMError                        the language model endpoint failed
    └── Timeout(TimeoutError)               something took longer than its budget
        └── FetchTimeout(FetchError)        an HTTP fetch took longer than its budget

``retryable`` says whether a job step may try again after the error. This module knows
nothing about HTTP: ``api/errors.py`` maps the classes onto status codes.
"""

from __future__ import annotations

from typing import ClassVar

__all__ = [
    "Conflict",
    "DNSError",
    "FetchError",
    "FetchTimeout",
    "Forbidden",
    "Gone",
    "InvalidInput",
    "InvalidState",
    "LLMError",
    "NotFound",
    "RateLimited",
    "SMTPError",
    "SpiderNestError",
    "TargetRefused",
    "Timeout",
    "Unauthorized",
    "Unavailable",
    "UpstreamError",
]


class SpiderNestError(Exception):
    """Root of every error SpiderNest raises on purpose; catch it to handle them all."""

    retryable: ClassVar[bool] = False


class InvalidInput(SpiderNestError, ValueError):
    """The caller sent something we cannot accept; ``field`` names the culprit when known.

    ``errors`` optionally carries one entry per problem, ``{"loc": [...], "msg": ..., "type": ...}``
    (the shape FastAPI uses for validation errors).
    """

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        errors: list[dict[str, object]] | None = None,
    ) -> None:
        super().__init__(message)
        self.field = field
        self.errors = errors


class NotFound(SpiderNestError, LookupError):
    """The thing asked for does not exist, or belongs to someone else."""


class Gone(SpiderNestError):
    """The thing existed but its results are not available (failed, cancelled, expired)."""


class Conflict(SpiderNestError):
    """The request is valid but does not fit the current state (e.g. cancel a finished job)."""


class InvalidState(Conflict):
    """The object exists but its state does not allow the request (e.g. cancel a finished job)."""


class Unauthorized(SpiderNestError):
    """Credentials are missing, malformed or wrong."""


class Forbidden(SpiderNestError):
    """Credentials are valid but the caller may not do this (e.g. a disabled client)."""


class RateLimited(SpiderNestError):
    """The caller went over its request budget; try again after ``retry_after`` seconds."""

    retryable = True

    def __init__(self, message: str, *, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class TargetRefused(SpiderNestError):
    """A URL or host we refuse to contact: private networks, bad schemes, robots.txt."""


class Unavailable(SpiderNestError):
    """Our own backend (database, engine, browser) cannot serve the request right now."""

    retryable = True


class UpstreamError(SpiderNestError):
    """A remote peer (website, DNS, SMTP server, Google, LLM) failed us."""

    retryable = True


class FetchError(UpstreamError):
    """An HTTP fetch failed: connection refused, TLS error, too large, or a bad status."""

    def __init__(self, message: str, *, url: str | None = None, status: int | None = None) -> None:
        super().__init__(message)
        self.url = url
        self.status = status


class DNSError(UpstreamError):
    """A DNS lookup failed or timed out (a domain that does not exist is data, not an error)."""


class SMTPError(UpstreamError):
    """An SMTP conversation failed in a way that is not a verdict about the mailbox."""


class LLMError(UpstreamError):
    """The language model endpoint failed or returned something unusable."""


class Timeout(SpiderNestError, TimeoutError):
    """Something took longer than its time budget."""

    retryable = True


class FetchTimeout(FetchError, Timeout):
    """An HTTP fetch took longer than its time budget."""
