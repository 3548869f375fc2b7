"""The documented score formula and the status rules (api-reference §1.5)."""

from __future__ import annotations

from typing import Any

import pytest

from spidernest.services.verify.score import DomainState, Facts, MailboxOutcome, judge


def ok(**changes: Any) -> Facts:
    """Facts of a well-formed address whose domain has an MX host that answered EHLO."""
    return Facts(is_valid_syntax=True, mx_found=True, smtp_connectable=True, **changes)


@pytest.mark.parametrize(
    ("facts", "status", "sub_status", "score"),
    [
        (ok(outcome=MailboxOutcome.DELIVERABLE), "valid", "deliverable", 100),
        (
            ok(outcome=MailboxOutcome.DELIVERABLE, is_role_account=True),
            "risky",
            "role_account",
            90,
        ),
        (
            ok(outcome=MailboxOutcome.DELIVERABLE, is_catch_all=True),
            "risky",
            "catch_all",
            65,
        ),
        (
            ok(outcome=MailboxOutcome.DELIVERABLE, is_disposable=True),
            "risky",
            "disposable",
            70,
        ),
        (ok(outcome=MailboxOutcome.FULL_INBOX), "risky", "full_inbox", 60),
        (ok(outcome=MailboxOutcome.DISABLED), "invalid", "disabled", 30),
        (ok(outcome=MailboxOutcome.NOT_FOUND), "invalid", "mailbox_not_found", 30),
        (ok(outcome=MailboxOutcome.GREYLISTED), "unknown", "greylisted", 80),
        (ok(outcome=MailboxOutcome.SENDER_BLOCKED), "unknown", "sender_blocked", 80),
        (
            Facts(is_valid_syntax=True, mx_found=True, outcome=MailboxOutcome.UNREACHABLE),
            "unknown",
            "smtp_unreachable",
            70,
        ),
        (Facts(is_valid_syntax=False), "invalid", "invalid_syntax", 0),
        (
            Facts(is_valid_syntax=True, domain_state=DomainState.NOT_FOUND),
            "invalid",
            "domain_not_found",
            10,
        ),
        (
            Facts(is_valid_syntax=True, domain_state=DomainState.NO_MAIL_HOST),
            "invalid",
            "no_mx",
            10,
        ),
    ],
)
def test_judgement(facts: Facts, status: str, sub_status: str, score: int) -> None:
    verdict = judge(facts)
    assert (verdict.status, verdict.sub_status, verdict.score) == (status, sub_status, score)


def test_disposable_then_catch_all_then_role() -> None:
    facts = ok(
        outcome=MailboxOutcome.DELIVERABLE,
        is_catch_all=True,
        is_disposable=True,
        is_role_account=True,
    )
    assert judge(facts).sub_status == "disposable"
    role_at_catch_all = ok(
        outcome=MailboxOutcome.DELIVERABLE, is_catch_all=True, is_role_account=True
    )
    assert judge(role_at_catch_all).sub_status == "catch_all"
    assert judge(facts).score == 25  # 50 + 10 + 10 + 10 − 15 − 30 − 10


def test_uncertain_answers_are_never_invalid() -> None:
    for outcome in (
        MailboxOutcome.GREYLISTED,
        MailboxOutcome.SENDER_BLOCKED,
        MailboxOutcome.UNREACHABLE,
        MailboxOutcome.ERROR,
    ):
        assert judge(ok(outcome=outcome)).status == "unknown"
    dns_failure = Facts(is_valid_syntax=True, domain_state=DomainState.DNS_ERROR, error="SERVFAIL")
    assert (judge(dns_failure).status, judge(dns_failure).sub_status) == (
        "unknown",
        "error: SERVFAIL",
    )


def test_a_disposable_domain_is_risky_even_when_smtp_cannot_tell() -> None:
    facts = ok(outcome=MailboxOutcome.UNREACHABLE, is_disposable=True)
    assert (judge(facts).status, judge(facts).sub_status) == ("risky", "disposable")
    missing = ok(outcome=MailboxOutcome.NOT_FOUND, is_disposable=True)
    assert judge(missing).status == "invalid"
