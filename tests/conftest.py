"""Fixtures shared by every test: a clean environment and settings built explicitly."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from spidernest.config import Settings


@pytest.fixture(autouse=True)
def clean_environ(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Remove SPIDERNEST_* variables so a developer's shell cannot change a test."""
    for name in list(os.environ):
        if name.startswith("SPIDERNEST_") and name != "SPIDERNEST_TEST_POSTGRES_URL":
            monkeypatch.delenv(name)
    return


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings for a test: a temporary data dir, loopback allowed, no .env file."""
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=tmp_path / "data",
        net={"allow_private_networks": True, "retry_backoff": 0.01},
    )
