"""How the SMTP conversation is held: shared connections, RSET, identity, pacing."""

from __future__ import annotations

from spidernest.config import VerifySettings
from spidernest.services.verify import VerifyRequest, verify_emails
from tests.services.verify.peers import Peers, Socks5Proxy


def _new(items: list[str], since: int) -> list[str]:
    return items[since:]


async def test_addresses_of_one_domain_share_one_connection(
    world: Peers, verify_settings: VerifySettings
) -> None:
    handler = world.handlers["main"]
    helos, rcpts, mails = len(handler.helos), len(handler.rcpts), len(handler.mail_froms)
    emails = ["alice@acme.test", "bob@acme.test", "carol@acme.test", "dave@acme.test"]
    result = await verify_emails(
        VerifyRequest(emails=emails, smtp_timeout_secs=10), settings=verify_settings
    )
    assert [item.sub_status for item in result.results] == [
        "deliverable",
        "deliverable",
        "mailbox_not_found",
        "mailbox_not_found",
    ]
    assert len(handler.helos) - helos == 1  # one connection, one EHLO
    asked = _new(handler.rcpts, rcpts)
    assert len(asked) == 5  # the catch-all probe, then each address once
    assert asked[0].startswith("zz")
    assert asked[1:] == emails
    # RSET + MAIL FROM before every recipient after the probe: 1 + 4 transactions.
    assert len(handler.mail_froms) - mails == 5


async def test_connections_are_recycled_after_max_rcpt(
    world: Peers, verify_settings: VerifySettings
) -> None:
    handler = world.handlers["main"]
    helos = len(handler.helos)
    settings = verify_settings.model_copy(update={"max_rcpt_per_connection": 2})
    emails = [f"user{n}@acme.test" for n in range(5)]
    result = await verify_emails(
        VerifyRequest(emails=emails, smtp_timeout_secs=10), settings=settings
    )
    assert {item.sub_status for item in result.results} == {"mailbox_not_found"}
    assert len(handler.helos) - helos == 3


async def test_request_identity_overrides_settings(
    world: Peers, verify_settings: VerifySettings
) -> None:
    handler = world.handlers["main"]
    await verify_emails(
        VerifyRequest(
            email="alice@acme.test",
            from_email="bounce@sender.example",
            hello_name="mail.sender.example",
            smtp_timeout_secs=10,
        ),
        settings=verify_settings,
    )
    assert handler.helos[-1] == "mail.sender.example"
    assert handler.mail_froms[-1] == "bounce@sender.example"


async def test_duplicates_are_verified_once_and_reported_each_time(
    world: Peers, verify_settings: VerifySettings
) -> None:
    handler = world.handlers["main"]
    rcpts = len(handler.rcpts)
    result = await verify_emails(
        VerifyRequest(
            emails=["bob@acme.test", "bob@ACME.test", "bob@acme.test"], smtp_timeout_secs=10
        ),
        settings=verify_settings,
    )
    assert result.total == 3
    assert result.summary.valid == 3
    assert [item.email for item in result.results] == [
        "bob@acme.test",
        "bob@ACME.test",
        "bob@acme.test",
    ]
    assert _new(handler.rcpts, rcpts).count("bob@acme.test") == 1


async def test_per_host_delay_paces_the_conversation(verify_settings: VerifySettings) -> None:
    settings = verify_settings.model_copy(update={"per_host_delay": 0.05})
    result = await verify_emails(
        VerifyRequest(emails=["alice@acme.test", "bob@acme.test"], smtp_timeout_secs=10),
        settings=settings,
    )
    assert result.summary.valid == 2
    assert result.metadata.rate_limit_delay_seconds > 0


async def test_progress_reaches_the_total(verify_settings: VerifySettings) -> None:
    seen: list[tuple[int, int]] = []

    async def progress(done: int, total: int) -> None:
        seen.append((done, total))

    await verify_emails(
        VerifyRequest(emails=["alice@acme.test", "alice@de.test", "bad"], smtp_timeout_secs=10),
        settings=verify_settings,
        progress=progress,
    )
    assert seen[-1] == (3, 3)
    assert len(seen) == 2  # one call per domain


async def test_without_a_configured_sender_the_null_reverse_path_is_used(
    world: Peers, verify_settings: VerifySettings
) -> None:
    settings = verify_settings.model_copy(update={"from_email": None})
    result = await verify_emails(
        VerifyRequest(email="alice@acme.test", smtp_timeout_secs=10), settings=settings
    )
    assert result.results[0].sub_status == "deliverable"
    assert world.handlers["main"].mail_froms[-1] in ("", "<>")


async def test_greylisted_probe_is_retried_with_the_same_name(
    world: Peers, verify_settings: VerifySettings
) -> None:
    handler = world.handlers["main"]
    rcpts = len(handler.rcpts)
    result = await verify_emails(
        VerifyRequest(email="bob@greylist.test", smtp_timeout_secs=10), settings=verify_settings
    )
    asked = _new(handler.rcpts, rcpts)
    probes = [rcpt for rcpt in asked if rcpt.startswith("zz")]
    assert len(probes) == 2
    assert len(set(probes)) == 1
    assert (result.results[0].status, result.results[0].sub_status) == (
        "invalid",
        "mailbox_not_found",
    )
    assert not result.results[0].flags.is_catch_all


async def test_smtp_through_a_socks5_proxy(world: Peers, verify_settings: VerifySettings) -> None:
    proxy = Socks5Proxy(world.raw)
    proxy.start()
    settings = verify_settings.model_copy(
        update={"socks5_proxy": f"socks5://127.0.0.1:{proxy.port}"}
    )
    result = await verify_emails(
        VerifyRequest(emails=["alice@acme.test", "nobody@acme.test"], smtp_timeout_secs=10),
        settings=settings,
    )
    assert [item.sub_status for item in result.results] == ["deliverable", "mailbox_not_found"]
    assert proxy.connects == [("127.0.0.1", world.smtp_port)]


async def test_greylisting_clears_within_the_shortest_budget_with_default_delays(
    verify_settings: VerifySettings,
) -> None:
    settings = verify_settings.model_copy(
        update={"greylist_retry_delay": VerifySettings().greylist_retry_delay}
    )
    result = await verify_emails(
        VerifyRequest(email="carol@greylist.test", smtp_timeout_secs=10), settings=settings
    )
    # Had the retry not fitted in the 10 s budget, the address would be unknown (greylisted).
    assert (result.results[0].status, result.results[0].sub_status) == ("valid", "deliverable")


async def test_a_server_without_rset_gets_one_recipient_per_connection(
    world: Peers, verify_settings: VerifySettings
) -> None:
    before = world.raw.connections
    result = await verify_emails(
        VerifyRequest(
            emails=["alice@norset.test", "nobody@norset.test", "bob@norset.test"],
            smtp_timeout_secs=10,
        ),
        settings=verify_settings,
    )
    assert [item.sub_status for item in result.results] == [
        "deliverable",
        "mailbox_not_found",
        "mailbox_not_found",
    ]
    assert not result.results[0].flags.is_catch_all
    # the probe's connection (RSET refused after it), then one per address
    assert world.raw.connections - before == 4


async def test_pipelining_servers_get_the_same_questions(verify_settings: VerifySettings) -> None:
    result = await verify_emails(
        VerifyRequest(
            emails=["alice@pipe.test", "nobody@pipe.test", "bob@pipe.test"], smtp_timeout_secs=10
        ),
        settings=verify_settings,
    )
    assert [item.sub_status for item in result.results] == [
        "deliverable",
        "mailbox_not_found",
        "mailbox_not_found",
    ]


async def test_private_mail_hosts_can_be_refused(
    world: Peers, verify_settings: VerifySettings
) -> None:
    settings = verify_settings.model_copy(update={"allow_private_mail_hosts": False})
    helos = len(world.handlers["main"].helos)
    result = await verify_emails(
        VerifyRequest(email="alice@acme.test", smtp_timeout_secs=10), settings=settings
    )
    assert (result.results[0].status, result.results[0].sub_status) == (
        "unknown",
        "smtp_unreachable",
    )
    assert len(world.handlers["main"].helos) == helos


async def test_a_421_mid_session_is_not_a_verdict_and_the_rest_go_on_anew(
    world: Peers, verify_settings: VerifySettings
) -> None:
    before = world.raw.connections
    emails = [f"user{n}@errlimit.test" for n in range(7)] + ["alice@errlimit.test"]
    result = await verify_emails(
        VerifyRequest(emails=emails, smtp_timeout_secs=10), settings=verify_settings
    )
    assert [item.sub_status for item in result.results] == ["mailbox_not_found"] * 7 + [
        "deliverable"
    ]
    # Three refusals per connection (the probe's among them): eight refusals and alice need
    # three connections, not one per recipient.
    assert world.raw.connections - before == 3
