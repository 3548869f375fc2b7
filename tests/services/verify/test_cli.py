"""``spidernest verify`` end to end: arguments or a file in, table / JSON / CSV out.

(The CLI lives in ``spidernest/cli/verify.py``; its test sits with the service's peers.)
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from spidernest.cli.verify import register
from tests.services.verify.peers import Peers


@pytest.fixture
def cli_env(world: Peers, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, str]:
    monkeypatch.chdir(tmp_path)  # no stray .env
    return {
        "SPIDERNEST_DNS_SERVERS": world.dns.address,
        "SPIDERNEST_SMTP_PORT": str(world.smtp_port),
        "SPIDERNEST_HELLO_NAME": "verifier.test",
        "SPIDERNEST_FROM_EMAIL": "probe@verifier.test",
        "SPIDERNEST_ALLOW_PRIVATE_MAIL_HOSTS": "true",
    }


def _app() -> typer.Typer:
    app = typer.Typer()
    register(app)
    app.command("noop")(lambda: None)  # a second command keeps "verify" a named subcommand
    return app


def test_json_output_is_the_api_data(cli_env: dict[str, str]) -> None:
    outcome = CliRunner().invoke(
        _app(),
        ["verify", "alice@acme.test", "nobody@acme.test", "--format", "json"],
        env=cli_env,
    )
    assert outcome.exit_code == 0, outcome.output
    data = json.loads(outcome.stdout)
    assert data["total"] == 2
    assert [item["status"] for item in data["results"]] == ["valid", "invalid"]


def test_file_input_and_csv_output(cli_env: dict[str, str], tmp_path: Path) -> None:
    addresses = tmp_path / "list.txt"
    addresses.write_text("alice@acme.test\n\n# comment\nnot-an-email\ninfo@acme.test\n")
    outcome = CliRunner().invoke(
        _app(), ["verify", "--file", str(addresses), "--format", "csv"], env=cli_env
    )
    assert outcome.exit_code == 0, outcome.output
    rows = list(csv.DictReader(io.StringIO(outcome.stdout)))
    assert [(row["email"], row["status"], row["sub_status"]) for row in rows] == [
        ("alice@acme.test", "valid", "deliverable"),
        ("not-an-email", "invalid", "invalid_syntax"),
        ("info@acme.test", "risky", "role_account"),
    ]


def test_table_output_and_bad_usage(cli_env: dict[str, str]) -> None:
    runner = CliRunner()
    table = runner.invoke(_app(), ["verify", "alice@acme.test"], env=cli_env)
    assert table.exit_code == 0
    assert "deliverable" in table.stdout
    assert runner.invoke(_app(), ["verify"], env=cli_env).exit_code == 2
    assert runner.invoke(_app(), ["verify", "a@b.c", "--format", "xml"], env=cli_env).exit_code == 2
