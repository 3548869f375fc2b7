"""Telling results from consent walls and refusals."""

from __future__ import annotations

import pytest

from spidernest.services.maps.answers import Answer, classify_answer


@pytest.mark.parametrize(
    ("status", "url", "head", "verdict"),
    [
        (200, "https://www.google.com/search?tbm=map", ')]}\'\n[["x"]]', Answer.OK),
        (200, "https://www.google.com/search", '[["unusual traffic"]]', Answer.OK),
        (429, "https://www.google.com/search", "Too Many Requests", Answer.REFUSED),
        (503, "https://www.google.com/search", "", Answer.REFUSED),
        (200, "https://www.google.com/sorry/index?continue=x", "<html>", Answer.REFUSED),
        (
            200,
            "https://www.google.com/search",
            "<html>Our systems have detected unusual traffic",
            Answer.REFUSED,
        ),
        (200, "https://consent.google.com/ml?continue=x", "<html>", Answer.CONSENT),
        (
            200,
            "https://www.google.com/x",
            '<form action="https://consent.google.com/save">',
            Answer.CONSENT,
        ),
        (200, "https://www.google.com/maps", "<html><body>map</body></html>", Answer.OK),
    ],
)
def test_classify_answer(status: int, url: str, head: str, verdict: Answer) -> None:
    assert classify_answer(status, url, head) is verdict
