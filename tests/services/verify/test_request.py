"""The spiderVerify payload: exactly one of email / emails, and the documented bounds."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from spidernest.services.verify import VerifyRequest


def test_one_address_or_a_list() -> None:
    assert VerifyRequest(email="a@b.com").addresses == ["a@b.com"]
    request = VerifyRequest(emails=["a@b.com", "c@d.com"])
    assert request.addresses == ["a@b.com", "c@d.com"]
    assert request.summary == "a@b.com"


def test_both_or_neither_name_the_fields() -> None:
    with pytest.raises(ValidationError, match="either email or emails, not both"):
        VerifyRequest(email="a@b.com", emails=["c@d.com"])
    with pytest.raises(ValidationError, match="exactly one of email and emails"):
        VerifyRequest()


def test_malformed_list_items_are_not_a_validation_error() -> None:
    assert VerifyRequest(emails=["x", "a@b.com"]).addresses == ["x", "a@b.com"]


def test_unknown_fields_are_dropped() -> None:
    request = VerifyRequest.model_validate({"email": "a@b.com", "priority_hint": 3})
    assert "priority_hint" not in request.model_dump()
