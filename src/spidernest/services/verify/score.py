"""From the facts gathered about an address to its status, sub_status, quality and score.

Pure. The score is api-reference §1.5's formula; the status follows the rule that only a
definite answer (bad syntax, a domain that cannot receive mail, a server saying the mailbox
does not exist or is disabled) makes an address invalid.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from spidernest.services.verify.result import EmailStatus, Quality

__all__ = ["DomainState", "Facts", "Judgement", "MailboxOutcome", "judge", "score_facts"]


class DomainState(StrEnum):
    """What DNS said about the domain."""

    OK = "ok"
    NOT_FOUND = "not_found"  # NXDOMAIN
    NO_MAIL_HOST = "no_mail_host"  # null MX (RFC 7505), or no MX and no A/AAAA
    DNS_ERROR = "dns_error"  # SERVFAIL, timeout: nothing is known


class MailboxOutcome(StrEnum):
    """What the SMTP conversation said about the mailbox."""

    NOT_CHECKED = "not_checked"
    DELIVERABLE = "deliverable"
    NOT_FOUND = "not_found"
    DISABLED = "disabled"
    FULL_INBOX = "full_inbox"
    GREYLISTED = "greylisted"
    SENDER_BLOCKED = "sender_blocked"
    UNREACHABLE = "unreachable"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class Facts:
    """Everything known about one address before it is judged."""

    is_valid_syntax: bool
    domain_state: DomainState = DomainState.OK
    mx_found: bool = False
    smtp_connectable: bool = False
    outcome: MailboxOutcome = MailboxOutcome.NOT_CHECKED
    is_catch_all: bool = False
    is_disposable: bool = False
    is_role_account: bool = False
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Judgement:
    """The verdict: what the result shows for the address."""

    status: EmailStatus
    sub_status: str
    quality: Quality
    score: int


_QUALITY: dict[EmailStatus, Quality] = {
    "valid": "good",
    "invalid": "bad",
    "risky": "risky",
    "unknown": "unknown",
}
_UNKNOWN_SUB_STATUS = {
    MailboxOutcome.GREYLISTED: "greylisted",
    MailboxOutcome.SENDER_BLOCKED: "sender_blocked",
    MailboxOutcome.UNREACHABLE: "smtp_unreachable",
}


def judge(facts: Facts) -> Judgement:
    """Status, sub_status, quality and score of one address."""
    status, sub_status = _status(facts)
    return Judgement(
        status=status, sub_status=sub_status, quality=_QUALITY[status], score=score_facts(facts)
    )


def _status(facts: Facts) -> tuple[EmailStatus, str]:
    if not facts.is_valid_syntax:
        return "invalid", "invalid_syntax"
    if facts.domain_state is DomainState.NOT_FOUND:
        return "invalid", "domain_not_found"
    if facts.domain_state is DomainState.NO_MAIL_HOST:
        return "invalid", "no_mx"
    if facts.outcome is MailboxOutcome.NOT_FOUND:
        return "invalid", "mailbox_not_found"
    if facts.outcome is MailboxOutcome.DISABLED:
        return "invalid", "disabled"
    risky = _risky_reason(facts)
    if risky is not None:
        return "risky", risky
    if facts.outcome is MailboxOutcome.DELIVERABLE:
        return "valid", "deliverable"
    if facts.outcome in _UNKNOWN_SUB_STATUS:
        return "unknown", _UNKNOWN_SUB_STATUS[facts.outcome]
    return "unknown", f"error: {facts.error}" if facts.error else ""


def _risky_reason(facts: Facts) -> str | None:
    """The first risk in the documented sub_status order, when the address is not invalid.

    One deviation from the documented order (docs/verify.md): ``disposable`` comes before
    ``catch_all``, because throwaway-mail services accept every name, and "disposable" is
    the fact a sender needs. A disposable domain is risky whatever SMTP said (short of a
    missing mailbox); a catch-all, role or full-inbox address is risky only when the server
    accepted it or said it is full.
    """
    accepted = facts.outcome is MailboxOutcome.DELIVERABLE
    full = facts.outcome is MailboxOutcome.FULL_INBOX
    if facts.is_disposable:
        return "disposable"
    if facts.is_catch_all and accepted:
        return "catch_all"
    if facts.is_role_account and (accepted or full):
        return "role_account"
    if full:
        return "full_inbox"
    return None


def score_facts(facts: Facts) -> int:
    """The 0–100 score of api-reference §1.5, clamped.

    Starts at 50: +10 valid syntax, +10 MX found, +10 SMTP connectable, +20 deliverable;
    −15 catch-all (which also withholds the +20), −30 disposable, −10 role account, −50
    disabled, −20 full inbox. Where the documented formula is silent we add (docs/verify.md):
    −50 for a mailbox the server says does not exist and for a domain that cannot receive
    mail, and an invalid syntax scores 0, so that no undeliverable address scores "fair".
    """
    if not facts.is_valid_syntax:
        return 0
    score = 60
    if facts.mx_found:
        score += 10
    if facts.smtp_connectable:
        score += 10
    if facts.is_catch_all:
        score -= 15
    elif facts.outcome is MailboxOutcome.DELIVERABLE:
        score += 20
    return max(0, min(100, score - _penalties(facts)))


def _penalties(facts: Facts) -> int:
    penalty = 30 if facts.is_disposable else 0
    penalty += 10 if facts.is_role_account else 0
    penalty += _OUTCOME_PENALTY.get(facts.outcome, 0)
    if facts.domain_state in {DomainState.NOT_FOUND, DomainState.NO_MAIL_HOST}:
        penalty += 50
    return penalty


_OUTCOME_PENALTY = {
    MailboxOutcome.DISABLED: 50,
    MailboxOutcome.FULL_INBOX: 20,
    MailboxOutcome.NOT_FOUND: 50,
}
