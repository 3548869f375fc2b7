"""The spiderVerify job payload (``POST /api/v1/jobs/spiderVerify/submit``, api-reference §1.5)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = ["VerifyRequest"]


class VerifyRequest(BaseModel):
    """Which addresses to verify: exactly one of ``email`` or ``emails`` (1–100 addresses).

    ``smtp_timeout_secs`` bounds every network wait of the SMTP conversation and the time spent
    retrying a greylisted address. ``from_email`` and ``hello_name`` override the identity
    configured in the ``verify`` settings. ``fuzziq_*`` are accepted for SpiderIQ
    compatibility and ignored; unknown fields are dropped, as the documented API does.
    """

    model_config = ConfigDict(extra="ignore")

    email: str | None = Field(default=None, min_length=3, max_length=320)
    # Items are not length-checked here: a malformed one becomes an ``invalid_syntax`` result
    # rather than failing the whole job.
    emails: list[str] | None = Field(default=None, min_length=1, max_length=100)
    check_gravatar: bool = False
    check_dnsbl: bool = False
    smtp_timeout_secs: int = Field(default=45, ge=10, le=120)
    # Both end up on an SMTP command line: no spaces, no angle brackets, no line breaks.
    from_email: str | None = Field(default=None, max_length=320, pattern=r"^[^\s<>@]+@[^\s<>@]+$")
    hello_name: str | None = Field(
        default=None, max_length=255, pattern=r"^(?:[A-Za-z0-9_.-]+|\[[0-9A-Fa-f:.]+\])$"
    )
    test: bool = False
    fuzziq_enabled: bool | None = None
    fuzziq_unique_only: bool | None = None

    @model_validator(mode="after")
    def _exactly_one_input(self) -> VerifyRequest:
        if self.email is not None and self.emails is not None:
            raise ValueError("provide either email or emails, not both")
        if self.email is None and self.emails is None:
            raise ValueError("provide exactly one of email and emails")
        return self

    @property
    def addresses(self) -> list[str]:
        """The addresses to verify, in the order given."""
        return [self.email] if self.email is not None else list(self.emails or ())

    @property
    def summary(self) -> str:
        """The first address, for job lists and logs."""
        return self.addresses[0] if self.addresses else ""
