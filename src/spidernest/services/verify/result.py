"""The spiderVerify result data: the bulk envelope of api-reference §1.5, even for one address."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

__all__ = [
    "DnsblReport",
    "EmailResult",
    "EmailStatus",
    "Quality",
    "VerifyDomain",
    "VerifyFlags",
    "VerifyMetadata",
    "VerifyResult",
    "VerifySummary",
]

EmailStatus = Literal["valid", "invalid", "risky", "unknown"]
Quality = Literal["good", "bad", "risky", "unknown"]


class VerifyFlags(BaseModel):
    """The nine yes/no facts behind a verdict (``false`` when not checked)."""

    is_valid_syntax: bool = False
    is_deliverable: bool = False
    is_free_email: bool = False
    is_disposable: bool = False
    is_role_account: bool = False
    is_catch_all: bool = False
    is_disabled: bool = False
    has_full_inbox: bool = False
    has_gravatar: bool = False


class VerifyDomain(BaseModel):
    """The address's domain as DNS sees it.

    ``mx_found`` is true only for explicit MX records; a domain that receives mail on its A/AAAA
    address (RFC 5321 §5.1 implicit MX) has ``mx_found: false`` and ``mx_records: []``.
    ``smtp_provider`` is null when the domain has no mail host.
    """

    name: str | None = None
    mx_found: bool = False
    mx_records: list[str] = Field(default_factory=list)
    smtp_provider: str | None = None


class DnsblReport(BaseModel):
    """DNS blocklist listings of the domain's mail hosts (up to three MX addresses)."""

    spam_trap_risk: int = Field(default=0, ge=0, le=100)
    blacklists_hit: list[str] = Field(default_factory=list)
    checked_at: str
    error: str | None = None


class EmailResult(BaseModel):
    """The verdict on one address.

    ``sub_status`` is one of ``deliverable``, ``catch_all``, ``disposable``, ``role_account``,
    ``full_inbox``, ``disabled``, ``mailbox_not_found``, ``invalid_syntax``,
    ``domain_not_found``, ``no_mx``, ``smtp_unreachable``, ``greylisted``, ``sender_blocked``,
    ``""`` or ``"error: <message>"`` (docs/verify.md says when each applies).
    """

    email: str
    status: EmailStatus
    sub_status: str
    quality: Quality
    score: int = Field(ge=0, le=100)
    flags: VerifyFlags
    domain: VerifyDomain
    gravatar_url: str | None = None
    did_you_mean: str | None = None
    dnsbl: DnsblReport | None = None


class VerifySummary(BaseModel):
    """How many results got each status; ``fuzziq_skipped`` is always 0 (no dedup store)."""

    valid: int = 0
    invalid: int = 0
    risky: int = 0
    unknown: int = 0
    fuzziq_skipped: int = 0


class VerifyMetadata(BaseModel):
    """Timing of the whole run, in seconds."""

    total_time_seconds: float
    rate_limit_delay_seconds: float = 0.0


class VerifyResult(BaseModel):
    """Every address verified, in the order submitted, with counts by status."""

    total: int
    summary: VerifySummary
    billable_count: int
    results: list[EmailResult]
    metadata: VerifyMetadata
