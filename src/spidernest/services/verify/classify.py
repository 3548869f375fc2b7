"""What an SMTP reply says about a mailbox: code, enhanced status code (RFC 3463) and wording.

Pure: the conversation is in ``smtp.py``; this module only reads the replies. The guiding rule
is that a rejection is only called a missing mailbox when the server says so about the
recipient; anything that may be about *us* (our IP, our sender, a blocklist, a policy) leaves
the mailbox unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from spidernest.services.verify import wording

__all__ = ["Reply", "Verdict", "classify_recipient", "classify_session"]


class Verdict(StrEnum):
    """The meaning of one reply."""

    ACCEPTED = "accepted"
    MAILBOX_NOT_FOUND = "mailbox_not_found"
    FULL_INBOX = "full_inbox"
    DISABLED = "disabled"
    GREYLISTED = "greylisted"
    TEMPORARY = "temporary"
    TOO_MANY_RECIPIENTS = "too_many_recipients"
    SENDER_BLOCKED = "sender_blocked"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class Reply:
    """One (possibly multi-line) SMTP reply: its code, its lines, and those lines joined."""

    code: int
    text: str
    lines: tuple[str, ...] = ()

    @property
    def enhanced(self) -> str | None:
        """The RFC 3463 enhanced status code at the start of the text (``5.1.1``), if any."""
        match = _ENHANCED.match(self.text) or _QMAIL_ENHANCED.search(self.text)
        return match.group(1) if match else None

    def __str__(self) -> str:
        return f"{self.code} {self.text}".strip()


# An address the server echoes back ("<spam@example.com>: Recipient address rejected: User
# unknown") is no wording of its own: "spam" there is a mailbox name, not a verdict.
_ADDRESSES = re.compile(r"<[^<>\s]*>|[^\s<>()\[\]'\":,;]+@[\w.-]+")
# Host names the server names itself by (``[spamfilter1.example.net]``) carry no wording
# either, unless they are a blocklist's zone (``zen.spamhaus.org``).
_HOST_NAMES = re.compile(r"(?<![\w.@/-])(?:[\w-]+\.){2,}[a-z]{2,6}(?![\w.-])", re.IGNORECASE)
_ENHANCED = re.compile(r"\s*#?([245]\.\d{1,3}\.\d{1,3})\b")
# qmail puts the enhanced code last, in parentheses: "... rcpthosts (#5.7.1)", and chkuser
# adds its name: "(#5.1.1 - chkuser)".
_QMAIL_ENHANCED = re.compile(r"\(#([245]\.\d{1,3}\.\d{1,3})\b[^)]*\)")
# Enhanced status codes that name the recipient's mailbox (RFC 3463 §3.2 "Address status").
_NOT_FOUND_CODES = frozenset({"5.1.0", "5.1.1", "5.1.6", "5.1.10"})
# RFC 3463 X.1.7 / X.1.8: the *sender's* address or domain is bad.
_SENDER_CODES = frozenset({"4.1.7", "4.1.8", "5.1.7", "5.1.8"})


def classify_session(reply: Reply) -> Verdict:
    """The meaning of a reply to the greeting, EHLO, STARTTLS or ``MAIL FROM``.

    Any permanent refusal at these stages concerns our connection or sender, never the mailbox.
    """
    if reply.code < 400:
        return Verdict.ACCEPTED
    if reply.code < 500:
        return _read_temporary(_without_addresses(reply.text))
    return Verdict.SENDER_BLOCKED


def classify_recipient(reply: Reply) -> Verdict:
    """The meaning of a reply to ``RCPT TO`` for that recipient.

    2xx → accepted. 4xx → full inbox (x.2.2 or quota wording), too many recipients (x.5.3),
    blocked (blocklist/reputation wording), else greylisted/temporary: retry later.
    5xx → blocked when the wording is about us; disabled, full or not found when it is about
    the mailbox; an unexplained refusal is ``REJECTED`` (unknown, never invalid).
    """
    code = reply.code
    if 200 <= code < 300:
        return Verdict.ACCEPTED  # the common answer: no wording to read
    if code < 400 or code >= 600:
        return Verdict.REJECTED
    text, enhanced = _without_addresses(reply.text), reply.enhanced
    if code < 500:
        return _classify_temporary(text, enhanced)
    return _classify_permanent(code, text, enhanced)


def _classify_permanent(code: int, text: str, enhanced: str | None) -> Verdict:
    about_mailbox = _about_the_mailbox(text, enhanced)
    if about_mailbox is not None:
        return about_mailbox
    if wording.TOO_MANY.search(text) or enhanced == "5.5.3":
        return Verdict.TOO_MANY_RECIPIENTS
    if wording.DOMAIN_NOT_HERE.search(text):
        return Verdict.REJECTED  # the host does not serve the domain: no verdict on a mailbox
    if enhanced in _NOT_FOUND_CODES or _names_a_missing_mailbox(text, enhanced):
        return Verdict.MAILBOX_NOT_FOUND
    if code == 552 and not wording.SIZE.search(text):
        # RFC 5321 §4.2.3: 552 "Requested mail action aborted: exceeded storage allocation".
        return Verdict.FULL_INBOX
    if _is_policy_code(enhanced) or wording.ABOUT_US_WEAK.search(text):
        return Verdict.SENDER_BLOCKED
    return Verdict.REJECTED


def _about_the_mailbox(text: str, enhanced: str | None) -> Verdict | None:
    """The first, most specific reading of a 5xx: the tenant's directory, us, or the mailbox."""
    if wording.DIRECTORY_REJECTION.search(text) or (
        enhanced == "5.4.1" and wording.RECIPIENT_ADDRESS_REJECTED.search(text)
    ):
        # Microsoft 365 directory-based edge blocking: "Recipient address rejected: Access
        # denied. AS(201806281)" is its answer for a mailbox the tenant does not have.
        return Verdict.MAILBOX_NOT_FOUND
    if _is_about_us(text, enhanced):
        return Verdict.SENDER_BLOCKED
    if _is_policy_code(enhanced) and wording.FULL.search(text):
        return Verdict.SENDER_BLOCKED  # a quota under "security/policy" is a sending quota
    if wording.RECIPIENT_RATE.search(text):
        return Verdict.REJECTED  # the mailbox exists and gets too much mail just now
    if enhanced == "5.2.1" or wording.DISABLED.search(text):
        return Verdict.DISABLED
    if enhanced == "5.2.2" or wording.FULL.search(text):
        return Verdict.FULL_INBOX
    return None


def _classify_temporary(text: str, enhanced: str | None) -> Verdict:
    """A 4xx is never a verdict on the mailbox's existence: at worst it is retried."""
    if wording.OUR_QUOTA.search(text) or enhanced in _SENDER_CODES:
        return Verdict.SENDER_BLOCKED
    if enhanced == "4.2.2" or wording.FULL.search(text):
        return Verdict.FULL_INBOX
    if enhanced == "4.5.3" or wording.TOO_MANY.search(text):
        return Verdict.TOO_MANY_RECIPIENTS
    return _read_temporary(text, is_greylist_code=enhanced in {"4.2.0", "4.7.1"})


def _read_temporary(text: str, *, is_greylist_code: bool = False) -> Verdict:
    """Greylisting, a busy server or words about us: what any 4xx may say, at any stage."""
    if wording.EXPLICIT_GREYLIST.search(text):
        return Verdict.GREYLISTED
    if _is_busy(text):
        return Verdict.TEMPORARY
    if wording.ABOUT_US.search(text):
        return Verdict.SENDER_BLOCKED
    return (
        Verdict.GREYLISTED
        if is_greylist_code or wording.GREYLIST.search(text)
        else Verdict.TEMPORARY
    )


def _without_addresses(text: str) -> str:
    text = _ADDRESSES.sub(" ", text)
    return _HOST_NAMES.sub(_unless_blocklist, text)


def _unless_blocklist(match: re.Match[str]) -> str:
    name = match.group(0)
    return name if wording.BLOCKLIST_ZONE.search(name) else " "


def _names_a_missing_mailbox(text: str, enhanced: str | None) -> bool:
    """A not-found wording; RFC 5321's "mailbox unavailable" only when nothing speaks of policy."""
    rest = wording.MAILBOX_UNAVAILABLE.sub(" ", text)
    if wording.NOT_FOUND.search(rest):
        return True
    if rest == text:
        return False
    return not _is_policy_code(enhanced) and not wording.ABOUT_US_WEAK.search(rest)


def _is_busy(text: str) -> bool:
    """A temporary "too many connections / slow down" that a later retry may get past."""
    return bool(wording.OUR_RATE.search(text)) and not wording.REPUTATION.search(text)


def _is_policy_code(enhanced: str | None) -> bool:
    """RFC 3463 X.7.X "Security or policy status": a refusal for policy, not for the mailbox."""
    return (enhanced or "").startswith("5.7.")


def _is_about_us(text: str, enhanced: str | None) -> bool:
    return bool(
        enhanced in _SENDER_CODES or wording.ABOUT_US.search(text) or wording.OUR_QUOTA.search(text)
    )
