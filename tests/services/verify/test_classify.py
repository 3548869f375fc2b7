"""Real-world RCPT replies (tests/fixtures/verify/rcpt_replies.json) get the right meaning."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from spidernest.services.verify.classify import Reply, Verdict, classify_recipient, classify_session

FIXTURE = Path(__file__).parents[2] / "fixtures" / "verify" / "rcpt_replies.json"
REPLIES: list[dict[str, Any]] = json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", REPLIES, ids=lambda case: f"{case['code']}-{case['source']}")
def test_recipient_reply_meaning(case: dict[str, Any]) -> None:
    verdict = classify_recipient(Reply(case["code"], case["text"]))
    assert verdict == Verdict(case["verdict"]), case["text"]


def test_nothing_about_us_is_ever_a_missing_mailbox() -> None:
    about_us = [case for case in REPLIES if case["verdict"] == "sender_blocked"]
    assert len(about_us) >= 5
    for case in about_us:
        assert (
            classify_recipient(Reply(case["code"], case["text"])) is not Verdict.MAILBOX_NOT_FOUND
        )


def test_enhanced_status_code_is_read_from_the_text() -> None:
    assert Reply(550, "5.1.1 no").enhanced == "5.1.1"
    assert Reply(550, "mailbox unavailable").enhanced is None
    assert classify_recipient(Reply(550, "5.1.1 <x@y>")) is Verdict.MAILBOX_NOT_FOUND


@pytest.mark.parametrize(
    ("reply", "verdict"),
    [
        (Reply(220, "mx.example.com ESMTP"), Verdict.ACCEPTED),
        (Reply(421, "4.3.2 Service not available"), Verdict.TEMPORARY),
        (Reply(421, "Too many connections from your IP"), Verdict.SENDER_BLOCKED),
        (Reply(554, "No SMTP service here"), Verdict.SENDER_BLOCKED),
        (Reply(550, "5.7.1 Sender address rejected: Domain not found"), Verdict.SENDER_BLOCKED),
    ],
)
def test_session_replies_never_judge_the_mailbox(reply: Reply, verdict: Verdict) -> None:
    assert classify_session(reply) is verdict
