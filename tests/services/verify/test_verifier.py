"""Each kind of address and mail server gets the status and sub_status a mail admin would give.

One verification run covers every case (concurrently, so the slow hanging server costs its
timeout once); each case is then asserted on its own.
"""

from __future__ import annotations

import asyncio

import pytest

from spidernest.config import VerifySettings
from spidernest.services.verify import EmailResult, VerifyRequest, VerifyResult, verify_emails
from tests.services.verify.peers import Peers

CASES: list[tuple[str, str, str]] = [
    ("alice@acme.test", "valid", "deliverable"),
    ("nobody@acme.test", "invalid", "mailbox_not_found"),
    ("info@acme.test", "risky", "role_account"),
    ("anyone@catchall.test", "risky", "catch_all"),
    ("nobody@exch.test", "invalid", "mailbox_not_found"),
    ("nobody@m365.test", "invalid", "mailbox_not_found"),
    ("john.doe@gmail.com", "valid", "deliverable"),
    ("jane.roe@gmail.com", "invalid", "mailbox_not_found"),
    ("nobody@de.test", "invalid", "mailbox_not_found"),
    ("nobody@fr.test", "invalid", "mailbox_not_found"),
    ("nobody@plain.test", "invalid", "mailbox_not_found"),
    ("nobody@yahoo.test", "invalid", "mailbox_not_found"),
    ("full@full.test", "risky", "full_inbox"),
    ("quota@full.test", "risky", "full_inbox"),
    ("nobody@disabled.test", "invalid", "disabled"),
    ("alice@greylist.test", "valid", "deliverable"),
    ("alice@policy.test", "unknown", "sender_blocked"),
    ("alice@blocked-sender.test", "unknown", "sender_blocked"),
    ("alice@banner.test", "unknown", "sender_blocked"),
    ("alice@refused.test", "unknown", "smtp_unreachable"),
    ("alice@hang.test", "unknown", "smtp_unreachable"),
    ("alice@rcpthang.test", "unknown", "smtp_unreachable"),
    ("alice@drop.test", "unknown", "smtp_unreachable"),
    ("alice@fallback.test", "valid", "deliverable"),
    ("alice@tls.test", "valid", "deliverable"),
    ("nobody@tls.test", "invalid", "mailbox_not_found"),
    ("alice@badtls.test", "valid", "deliverable"),
    ("nobody@badtls.test", "invalid", "mailbox_not_found"),
    ("alice@amx.test", "valid", "deliverable"),
    ("alice@ipmx.test", "valid", "deliverable"),
    ("alice@v6broken.test", "valid", "deliverable"),
    ("alice@nomail.test", "invalid", "no_mx"),
    ("alice@nullmx.test", "invalid", "no_mx"),
    ("alice@mxgone.test", "invalid", "no_mx"),
    ("alice@nowhere.test", "invalid", "domain_not_found"),
    ("alice@gmial.com", "invalid", "domain_not_found"),
    ("alice@broken.test", "unknown", "error:"),
    ("alice@slow.test", "unknown", "error:"),
    ("alice@slowish.test", "valid", "deliverable"),
    ("alice@0-mail.com", "risky", "disposable"),
    ("anyone@mailinator.com", "risky", "disposable"),
    ("alice@alwaysgrey.test", "unknown", "greylisted"),
    ("alice@busy.test", "unknown", "error:"),
    ("alice@bücher.test", "valid", "deliverable"),
    ("not-an-email", "invalid", "invalid_syntax"),
    ("a..b@acme.test", "invalid", "invalid_syntax"),
    ("alice@vague.test", "unknown", "error:"),
    ("alice@tempfail.test", "unknown", "error:"),
    # Mail hosts in the wild
    ("alice@cnamemx.test", "valid", "deliverable"),
    ("nobody@cnamemx.test", "invalid", "mailbox_not_found"),
    ("alice@deadfirst.test", "valid", "deliverable"),
    ("nobody@deadfirst.test", "invalid", "mailbox_not_found"),
    ("alice@busyfirst.test", "valid", "deliverable"),
    ("alice@blockedfirst.test", "valid", "deliverable"),
    ("alice@tls454.test", "valid", "deliverable"),
    ("nobody@tls454.test", "invalid", "mailbox_not_found"),
    ("alice@senderverify.test", "unknown", "sender_blocked"),
    ("alice@probegrey.test", "valid", "deliverable"),
    ("nobody@probegrey.test", "invalid", "mailbox_not_found"),
    ("alice@harvest.test", "valid", "deliverable"),
    ("nobody@harvest.test", "invalid", "mailbox_not_found"),
    ("anyone@yahoomx.test", "risky", "catch_all"),
    # Unusual but valid addresses
    ("ALICE@BÜCHER.TEST", "valid", "deliverable"),
    ("alice@xn--bcher-kva.test", "valid", "deliverable"),
    ('"alice"@acme.test', "valid", "deliverable"),
    ('"john doe"@acme.test', "invalid", "mailbox_not_found"),
    ("o'brien@acme.test", "valid", "deliverable"),
    ("josé@acme.test", "valid", "deliverable"),  # the server offers SMTPUTF8
    ("josé@pipe.test", "unknown", "error:"),  # it does not: nothing can be asked
    ("John Doe <john@acme.test>", "invalid", "invalid_syntax"),
]


@pytest.fixture(scope="module")
def outcome(world: Peers) -> VerifyResult:
    settings = VerifySettings(
        dns_servers=(world.dns.address,),
        dns_timeout=1.0,
        smtp_port=world.smtp_port,
        hello_name="verifier.test",
        from_email="probe@verifier.test",
        greylist_retry_delay=0.2,
        allow_private_mail_hosts=True,
    )
    request = VerifyRequest(emails=[email for email, _, _ in CASES], smtp_timeout_secs=10)
    return asyncio.run(verify_emails(request, settings=settings))


def _result(outcome: VerifyResult, email: str) -> EmailResult:
    index = [case[0] for case in CASES].index(email)
    return outcome.results[index]


@pytest.mark.parametrize(("email", "status", "sub_status"), CASES)
def test_status_and_sub_status(
    outcome: VerifyResult, email: str, status: str, sub_status: str
) -> None:
    result = _result(outcome, email)
    assert (result.status, result.sub_status.split(" ")[0]) == (status, sub_status), result


def test_envelope_counts_every_status(outcome: VerifyResult) -> None:
    assert outcome.total == len(CASES) == len(outcome.results)
    counted = outcome.summary
    assert counted.valid + counted.invalid + counted.risky + counted.unknown == len(CASES)
    assert counted.valid == sum(1 for _, status, _ in CASES if status == "valid")
    # The silent servers are waited on for the whole SMTP timeout (10 s) before giving up.
    assert outcome.metadata.total_time_seconds > 9


def test_documented_scores(outcome: VerifyResult) -> None:
    assert _result(outcome, "alice@acme.test").score == 100
    assert _result(outcome, "info@acme.test").score == 90
    assert _result(outcome, "anyone@catchall.test").score == 65
    assert _result(outcome, "nobody@acme.test").score < 50
    assert _result(outcome, "not-an-email").score == 0


def test_flags_and_domain(outcome: VerifyResult) -> None:
    alice = _result(outcome, "alice@acme.test")
    assert alice.flags.is_deliverable
    assert alice.flags.is_valid_syntax
    assert alice.domain.mx_found
    assert alice.domain.mx_records == ["mx.acme.test"]
    assert alice.domain.smtp_provider == "Other"
    assert alice.quality == "good"
    assert alice.dnsbl is None
    assert alice.gravatar_url is None
    gmail = _result(outcome, "john.doe@gmail.com")
    assert gmail.flags.is_free_email
    catch_all = _result(outcome, "anyone@catchall.test")
    assert catch_all.flags.is_catch_all
    assert catch_all.quality == "risky"
    full = _result(outcome, "full@full.test")
    assert full.flags.has_full_inbox
    assert not full.flags.is_deliverable
    disabled = _result(outcome, "nobody@disabled.test")
    assert disabled.flags.is_disabled
    assert _result(outcome, "anyone@mailinator.com").flags.is_catch_all
    implicit = _result(outcome, "alice@amx.test")
    assert not implicit.domain.mx_found
    assert implicit.domain.mx_records == []
    assert _result(outcome, "alice@0-mail.com").flags.is_disposable
    assert _result(outcome, "info@acme.test").flags.is_role_account


def test_typo_suggestion_and_idn(outcome: VerifyResult) -> None:
    assert _result(outcome, "alice@gmial.com").did_you_mean == "alice@gmail.com"
    assert _result(outcome, "alice@acme.test").did_you_mean is None
    idn = _result(outcome, "alice@bücher.test")
    assert idn.email == "alice@bücher.test"
    assert idn.domain.name == "bücher.test"


def test_no_catch_all_probe_at_consumer_domains(world: Peers, outcome: VerifyResult) -> None:
    probed = [rcpt for rcpt in world.handlers["main"].rcpts if rcpt.endswith("@gmail.com")]
    assert sorted(probed) == ["jane.roe@gmail.com", "john.doe@gmail.com"]
    acme = [rcpt for rcpt in world.handlers["main"].rcpts if rcpt.endswith("@acme.test")]
    assert any(rcpt.startswith("zz") for rcpt in acme)  # a random name was probed there


def test_unusual_hosts_and_addresses(world: Peers, outcome: VerifyResult) -> None:
    # A made-up name the server only defers says nothing about catch-all: the server told
    # it apart from the real mailbox, which it accepted.
    assert not _result(outcome, "alice@probegrey.test").flags.is_catch_all
    assert _result(outcome, "alice@cnamemx.test").domain.mx_records == ["mail.cnamemx.test"]
    assert _result(outcome, "alice@deadfirst.test").domain.mx_records == [
        "mx1.deadfirst.test",
        "mx2.deadfirst.test",
    ]
    assert not _result(outcome, "alice@harvest.test").flags.is_catch_all
    yahoo = _result(outcome, "anyone@yahoomx.test")
    assert yahoo.flags.is_catch_all
    assert yahoo.domain.smtp_provider == "Yahoo"
    assert not any(
        rcpt.startswith("zz") and "@yahoomx.test" in rcpt for rcpt in world.handlers["main"].rcpts
    )
    assert '"john doe"@acme.test' in world.handlers["main"].rcpts
    assert _result(outcome, "John Doe <john@acme.test>").did_you_mean == "john@acme.test"
    assert _result(outcome, "ALICE@BÜCHER.TEST").domain.name == "bücher.test"


def test_identity_and_tls(world: Peers, outcome: VerifyResult) -> None:
    assert set(world.handlers["tls"].mail_froms) == {"probe@verifier.test"}
    assert set(world.handlers["tls"].helos) == {"verifier.test"}
    # The TLS-only host answers MAIL FROM only after STARTTLS, so reaching RCPT proves it.
    assert "alice@tls.test" in world.handlers["tls"].rcpts
