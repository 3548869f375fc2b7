"""What kind of answer Google gave: results, a cookie-consent wall, or a refusal.

Google refuses automated traffic with HTTP 429, with a redirect to ``/sorry/index`` ("Our
systems have detected unusual traffic from your computer network"), or with a reCAPTCHA page;
in the EU it first sends visitors to ``consent.google.com``. These tests are pure so that the
HTTP and browser providers classify answers the same way.
"""

from __future__ import annotations

from enum import Enum
from urllib.parse import urlsplit

__all__ = ["Answer", "classify_answer"]

# Status codes that mean "slow down or go away" rather than "this search failed".
_REFUSAL_STATUSES = frozenset({403, 429, 503})
_REFUSAL_MARKERS = (
    "unusual traffic",
    "/sorry/index",
    "g-recaptcha",
    "recaptcha/api",
    "detected unusual",
    "our systems have detected",
)
_CONSENT_MARKERS = ("consent.google.", 'action="https://consent.', "before you continue to google")


class Answer(Enum):
    """The verdict on one answer."""

    OK = "ok"
    CONSENT = "consent"
    REFUSED = "refused"


def classify_answer(status: int, url: str, head: str) -> Answer:
    """Classify an answer from its status, final URL and the start of its body.

    Args:
        status: the HTTP status after redirects.
        url: the final URL after redirects.
        head: the first few kilobytes of the body, any case.
    """
    parts = urlsplit(url)
    path = parts.path.lower()
    host = (parts.hostname or "").lower()
    if status in _REFUSAL_STATUSES or path.startswith("/sorry"):
        return Answer.REFUSED
    if host.startswith("consent.") or path.startswith("/consent"):
        return Answer.CONSENT
    lowered = head[:20_000].lower()
    # A JSON answer is never a wall, whatever words its strings contain.
    if lowered.lstrip().startswith((")]}'", "[", "{")):
        return Answer.OK
    if any(marker in lowered for marker in _REFUSAL_MARKERS):
        return Answer.REFUSED
    if any(marker in lowered for marker in _CONSENT_MARKERS):
        return Answer.CONSENT
    return Answer.OK
