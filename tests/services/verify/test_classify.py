"""Real RCPT replies (tests/fixtures/verify/rcpt_replies.json) get the verdict a mail admin gives.

Each case is a reply as it comes over the wire (multi-line replies included), with the
enhanced status code we must read from it and the ``status``/``sub_status`` the address gets
when that is the server's last word. ``error`` stands for ``error: <the reply>``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from spidernest.services.verify.classify import Reply, Verdict, classify_recipient, classify_session
from spidernest.services.verify.probe import outcome_of
from spidernest.services.verify.score import Facts, judge

FIXTURE = Path(__file__).parents[2] / "fixtures" / "verify" / "rcpt_replies.json"
REPLIES: list[dict[str, Any]] = json.loads(FIXTURE.read_text(encoding="utf-8"))


def _wire(reply: str) -> Reply:
    """Parse a reply as ``SMTPConnection.read_reply`` does: code, then the lines' texts joined."""
    lines = reply.split("\n")
    texts = tuple(line[4:].strip() for line in lines)
    return Reply(int(lines[0][:3]), " ".join(text for text in texts if text), texts)


def _judged(reply: Reply) -> tuple[str, str]:
    outcome = outcome_of(classify_recipient(reply))
    facts = Facts(
        is_valid_syntax=True, mx_found=True, smtp_connectable=True, outcome=outcome, error="x"
    )
    verdict = judge(facts)
    return verdict.status, verdict.sub_status.partition(":")[0]


@pytest.mark.parametrize(
    "case", REPLIES, ids=[f"{n:03}-{case['source']}" for n, case in enumerate(REPLIES)]
)
def test_recipient_reply_verdict(case: dict[str, Any]) -> None:
    reply = _wire(case["reply"])
    assert reply.enhanced == case["enhanced"]
    assert _judged(reply) == (case["status"], case["sub_status"]), case["reply"]


def test_the_table_covers_every_verdict() -> None:
    seen = {(case["status"], case["sub_status"]) for case in REPLIES}
    assert seen == {
        ("valid", "deliverable"),
        ("invalid", "mailbox_not_found"),
        ("invalid", "disabled"),
        ("risky", "full_inbox"),
        ("unknown", "sender_blocked"),
        ("unknown", "greylisted"),
        ("unknown", "error"),
    }
    assert len(REPLIES) >= 200


def test_a_temporary_reply_is_never_invalid() -> None:
    temporary = [case for case in REPLIES if case["reply"].startswith("4")]
    assert len(temporary) >= 30
    for case in temporary:
        assert _judged(_wire(case["reply"]))[0] != "invalid", case["reply"]


def test_a_reply_about_our_ip_sender_or_policy_is_never_invalid() -> None:
    about_us = [case for case in REPLIES if case["sub_status"] == "sender_blocked"]
    assert len(about_us) >= 60
    for case in about_us:
        assert classify_recipient(_wire(case["reply"])) is Verdict.SENDER_BLOCKED, case["reply"]


def test_enhanced_status_code_is_read_from_the_text() -> None:
    assert Reply(550, "5.1.1 no").enhanced == "5.1.1"
    assert Reply(550, "#5.1.0 Address rejected").enhanced == "5.1.0"
    assert Reply(553, "sorry (#5.7.1 - chkuser)").enhanced == "5.7.1"
    assert Reply(550, "mailbox unavailable").enhanced is None
    assert classify_recipient(Reply(550, "5.1.1 <x@y>")) is Verdict.MAILBOX_NOT_FOUND


@pytest.mark.parametrize(
    ("reply", "verdict"),
    [
        (Reply(220, "mx.example.com ESMTP"), Verdict.ACCEPTED),
        (Reply(421, "4.3.2 Service not available"), Verdict.TEMPORARY),
        (Reply(421, "4.7.0 Try again later, closing connection."), Verdict.GREYLISTED),
        (Reply(421, "Too many connections from your IP"), Verdict.TEMPORARY),
        (Reply(421, "4.7.0 Your IP is listed at zen.spamhaus.org"), Verdict.SENDER_BLOCKED),
        (Reply(554, "No SMTP service here"), Verdict.SENDER_BLOCKED),
        (Reply(550, "5.7.1 Sender address rejected: Domain not found"), Verdict.SENDER_BLOCKED),
        (Reply(553, "5.1.8 Domain of sender address does not exist"), Verdict.SENDER_BLOCKED),
        (Reply(550, "5.1.1 User unknown"), Verdict.SENDER_BLOCKED),  # at MAIL FROM: our sender
        (Reply(450, "4.7.1 Greylisted, see http://postgrey.schweikert.ch"), Verdict.GREYLISTED),
    ],
)
def test_session_replies_never_judge_the_mailbox(reply: Reply, verdict: Verdict) -> None:
    assert classify_session(reply) is verdict
