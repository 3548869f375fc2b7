"""Settings: the documented short variable names, nested names, bounds and immutability."""

from __future__ import annotations

import pydantic
import pytest

from spidernest.config import Settings


def test_short_documented_names_reach_the_nested_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPIDERNEST_ALLOW_PRIVATE_NETWORKS", "true")
    monkeypatch.setenv("SPIDERNEST_DNS_SERVERS", "127.0.0.1:5353, 127.0.0.2:53")
    monkeypatch.setenv("SPIDERNEST_SMTP_PORT", "2525")
    monkeypatch.setenv("SPIDERNEST_GOOGLE_MAPS_URL", "http://127.0.0.1:9999")
    monkeypatch.setenv("SPIDERNEST_NET__READ_TIMEOUT", "12")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.net.allow_private_networks is True
    assert settings.net.read_timeout == 12
    assert settings.verify.dns_servers == ("127.0.0.1:5353", "127.0.0.2:53")
    assert settings.verify.smtp_port == 2525
    assert settings.maps.google_maps_url == "http://127.0.0.1:9999"


def test_nested_name_wins_over_short_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPIDERNEST_SMTP_PORT", "2525")
    monkeypatch.setenv("SPIDERNEST_VERIFY__SMTP_PORT", "2626")
    assert Settings(_env_file=None).verify.smtp_port == 2626  # type: ignore[call-arg]


def test_database_url_defaults_to_sqlite_in_the_data_dir(tmp_path: object) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path)  # type: ignore[call-arg]
    assert settings.resolved_database_url == f"sqlite:///{tmp_path}/spidernest.sqlite"
    assert not settings.is_postgres
    pg = Settings(_env_file=None, database_url="postgresql://u:p@h/db")  # type: ignore[call-arg]
    assert pg.is_postgres


def test_settings_are_frozen_and_bounded() -> None:
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    with pytest.raises(pydantic.ValidationError):
        settings.net.read_timeout = 1  # type: ignore[misc]
    with pytest.raises(pydantic.ValidationError):
        Settings(_env_file=None, verify={"smtp_port": 0})  # type: ignore[call-arg]
