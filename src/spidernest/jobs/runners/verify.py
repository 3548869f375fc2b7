"""The spiderVerify job type: email verification by DNS and SMTP, run by a worker."""

from __future__ import annotations

from spidernest.jobs.registry import JobContext, JobType
from spidernest.services.verify import VerifyRequest, VerifyResult, verify_emails

__all__ = ["JOB_TYPE", "run", "summary", "timeout"]

# Fixed part of the budget: DNS look-ups (several per domain), DNSBL and Gravatar checks.
_BASE_SECONDS = 120.0
# Never more than this, whatever the payload: 100 addresses at the 120 s maximum would be ~3.4 h.
_MAX_SECONDS = 4 * 3600.0


async def run(payload: VerifyRequest, ctx: JobContext) -> VerifyResult:
    """Verify the payload's addresses with the worker's settings and shared fetcher."""
    total = len(payload.addresses)

    async def progress(done: int, of: int) -> None:
        await ctx.progress(done / of if of else 1.0, f"{done}/{of} addresses verified")

    return await verify_emails(
        payload,
        settings=ctx.settings.verify,
        fetcher=ctx.fetcher,
        progress=progress if total else None,
    )


def timeout(payload: VerifyRequest) -> float:
    """Seconds the job may run: ``smtp_timeout_secs`` × (addresses + 1) plus 120 s, ≤ 4 h.

    ``verify_emails`` keeps its SMTP work inside ``smtp_timeout_secs`` × (addresses + 1), so
    the job only times out if DNS or the machine itself is stuck.
    """
    seconds = payload.smtp_timeout_secs * (len(payload.addresses) + 1) + _BASE_SECONDS
    return min(seconds, _MAX_SECONDS)


def summary(payload: VerifyRequest) -> str | None:
    """The first address, shown in job lists."""
    return payload.addresses[0] if payload.addresses else None


JOB_TYPE = JobType(
    name="spiderVerify",
    queue="spider_verify",
    payload_model=VerifyRequest,
    run=run,
    timeout=timeout,
    summary=summary,
)
