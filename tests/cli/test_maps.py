"""``spidernest maps``: a live search against the Google stand-in, and ``--from-file`` parsing."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

import pytest
import typer
from typer.testing import CliRunner

from spidernest.cli.maps import CSV_COLUMNS, register
from tests.services.maps.standin import FIXTURES, StandIn, run_standin


@pytest.fixture
def app() -> typer.Typer:
    application = typer.Typer()
    register(application)

    @application.command("noop")
    def noop() -> None:  # a second command keeps typer from collapsing the app into "maps"
        return None

    return application


@pytest.fixture
def standin(monkeypatch: pytest.MonkeyPatch) -> Iterator[StandIn]:
    with run_standin() as state:
        monkeypatch.setenv("SPIDERNEST_GOOGLE_MAPS_URL", state.base_url)
        monkeypatch.setenv("SPIDERNEST_ALLOW_PRIVATE_NETWORKS", "true")
        monkeypatch.setenv("SPIDERNEST_MAPS_PROVIDER", "http")
        monkeypatch.setenv("SPIDERNEST_MAPS__REQUEST_DELAY", "0")
        yield state


def test_from_file_json_prints_the_api_data(app: typer.Typer) -> None:
    result = CliRunner().invoke(
        app, ["maps", "--from-file", str(FIXTURES / "panic.json"), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"query", "results_count", "businesses", "metadata"}
    assert data["results_count"] == 1
    business = data["businesses"][0]
    assert business["name"] == "Happy Island Restaurant"
    assert business["phone_e164"] == "+35726937077"
    assert business["reviews"] is None


def test_from_file_csv(app: typer.Typer) -> None:
    result = CliRunner().invoke(
        app, ["maps", "--from-file", str(FIXTURES / "output.json"), "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 20
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[0]["name"] == "Dream Coffee"
    assert rows[0]["working_hours"].startswith("Monday: 7 AM–8:30 PM")


def test_live_search_table(app: typer.Typer, standin: StandIn) -> None:
    result = CliRunner().invoke(
        app, ["maps", "coffee", "--max-results", "3"], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    assert "3 businesses for 'coffee'" in result.stdout
    assert "Dream Coffee" in result.stdout
    assert len(standin.searches()) == 1


def test_refused_search_fails_clearly(
    app: typer.Typer, standin: StandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPIDERNEST_MAPS__RETRIES", "0")
    standin.refuse = 5
    result = CliRunner().invoke(app, ["maps", "coffee", "--format", "json"])
    assert result.exit_code == 1
    assert "HTTP 429" in result.stderr


def test_needs_a_query(app: typer.Typer) -> None:
    result = CliRunner().invoke(app, ["maps"])
    assert result.exit_code == 2
    assert "exactly one of search_query" in result.stderr
