"""SpiderVerify: will mail to these addresses bounce? Syntax, DNS, lists and a real SMTP dialogue.

Entry point ``verify_emails``; see docs/verify.md for how an address is judged.
"""

from spidernest.services.verify.request import VerifyRequest
from spidernest.services.verify.result import (
    DnsblReport,
    EmailResult,
    VerifyDomain,
    VerifyFlags,
    VerifyMetadata,
    VerifyResult,
    VerifySummary,
)
from spidernest.services.verify.verifier import VerifyProgress, verify_emails

__all__ = [
    "DnsblReport",
    "EmailResult",
    "VerifyDomain",
    "VerifyFlags",
    "VerifyMetadata",
    "VerifyProgress",
    "VerifyRequest",
    "VerifyResult",
    "VerifySummary",
    "verify_emails",
]
