"""Disposable, free-provider and role-account lists, and the provider read from MX names."""

from __future__ import annotations

import pytest

from spidernest.services.verify.lists import (
    is_disposable_domain,
    is_free_domain,
    is_role_local_part,
)


def test_disposable_domains_come_from_the_maintained_list() -> None:
    assert is_disposable_domain("mailinator.com")
    assert is_disposable_domain("sub.mailinator.com")
    assert is_disposable_domain("yopmail.com")
    assert not is_disposable_domain("gmail.com")
    assert not is_disposable_domain("acme-industries.com")


def test_free_providers() -> None:
    assert is_free_domain("gmail.com")
    assert is_free_domain("GMX.de")
    assert not is_free_domain("acme.com")


@pytest.mark.parametrize(
    "local", ["info", "Sales", "support", "no-reply", "noreply", "customer.service", "info+x"]
)
def test_role_local_parts(local: str) -> None:
    assert is_role_local_part(local)


@pytest.mark.parametrize("local", ["john", "j.doe", "information.officer.smith", "salesman"])
def test_personal_local_parts(local: str) -> None:
    assert not is_role_local_part(local)
