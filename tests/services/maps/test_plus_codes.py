"""Plus codes computed from coordinates, checked against the codes Google lists."""

from __future__ import annotations

import pytest

from spidernest.services.maps.plus_codes import encode_plus_code, short_plus_code


@pytest.mark.parametrize(
    ("latitude", "longitude", "code"),
    [
        (34.670595399999996, 33.042456699999995, "8G6MM2CR+6X"),  # raw.json [183][2][1]
        (34.754666, 32.4197193, "8G6JQC39+VV"),  # panic.json
        (47.0000625, 8.0000625, "8FVC2222+22"),  # the specification's test data
        (-41.2730625, 174.7859375, "4VCPPQGP+Q9"),
        (90.0, 1.0, "CFX3X2X2+X2"),  # the pole folds into the last row
        (0.0, 180.0, "62G22222+22"),  # 180° wraps to -180°
    ],
)
def test_encode(latitude: float, longitude: float, code: str) -> None:
    assert encode_plus_code(latitude, longitude) == code


def test_short_form_as_google_shows_it() -> None:
    assert short_plus_code(34.670595399999996, 33.042456699999995, "Limassol") == (
        "M2CR+6X Limassol"
    )
    assert short_plus_code(34.754666, 32.4197193, None) == "8G6JQC39+VV"
