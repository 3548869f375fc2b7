"""Payload shapes and layout drift: envelopes, embedded page state, and mutated payloads that
must never raise."""

from __future__ import annotations

import copy
import json
import random
from typing import Any

import pytest

from spidernest.services.maps.parse import parse_businesses, parse_decoded
from spidernest.services.maps.parse_place import parse_place_array
from spidernest.services.maps.parse_search import decode_payload
from tests.services.maps.standin import FIXTURES, load_fixture, maps_place_page


def test_prefix_and_wrapper_variants() -> None:
    raw = (FIXTURES / "raw.json").read_text(encoding="utf-8").strip()
    wrapped = json.dumps({"c": 0, "d": ")]}'\n" + raw}) + '/*""*/'
    for text in (raw, ")]}'\n" + raw, ")]}'" + raw, wrapped, "\ufeff" + raw):
        (business,) = parse_businesses(text)
        assert business.name == "Kipriakon"


def test_not_json_is_nothing() -> None:
    assert (
        decode_payload("<html><body>Our systems have detected unusual traffic</body></html>")
        is None
    )
    assert parse_businesses("<html></html>") == []
    assert parse_businesses("") == []
    assert parse_businesses("null") == []
    assert parse_businesses("[1, 2, 3]") == []


def test_place_page_html_state() -> None:
    html = maps_place_page((FIXTURES / "panic.json").read_text(encoding="utf-8").strip())
    (business,) = parse_businesses(html)
    assert business.name == "Happy Island Restaurant"
    assert business.cid == "516632626948386591"


def _mutate(value: Any, rng: random.Random, depth: int = 0) -> Any:
    """Randomly drop, retype or truncate parts of a payload, as a layout change might."""
    if isinstance(value, list):
        if rng.random() < 0.05:
            return rng.choice([None, "x", 0, 1.5, True, {}, []])
        if rng.random() < 0.05:
            return value[: rng.randrange(len(value) + 1)]
        return [_mutate(item, rng, depth + 1) for item in value]
    if rng.random() < 0.05:
        return rng.choice([None, "x", 0, -1, 1e308, False, ["nested"], {"k": "v"}])
    return value


@pytest.mark.parametrize(
    "name", ["raw.json", "raw2.json", "panic.json", "panic2.json", "output.json"]
)
def test_drifted_payloads_never_raise(name: str) -> None:
    original = load_fixture(name)
    rng = random.Random(name)
    for _ in range(8):
        mutated = _mutate(copy.deepcopy(original), rng)
        for business in parse_decoded(mutated, with_reviews=True):
            business.model_dump_json()


def test_duplicates_collapse_by_place_id() -> None:
    payload = load_fixture("output.json")
    payload[0][1].extend(copy.deepcopy(payload[0][1][1:4]))
    assert len(parse_decoded(payload)) == 20


ODD_VALUES: list[Any] = [None, "x", -1, float("nan"), True, [], {"k": "v"}, [["a"]]]


@pytest.mark.parametrize("name", ["raw.json", "output.json"])
def test_every_field_replaced_by_an_odd_value(name: str) -> None:
    """Each entry of a place array, and each entry one level down, swapped for odd values."""
    payload = load_fixture(name)
    darray = payload[6] if name == "raw.json" else payload[0][1][1][14]
    for outer in range(len(darray)):
        containers = [(darray, outer)]
        if isinstance(darray[outer], list):
            containers += [(darray[outer], inner) for inner in range(len(darray[outer]))]
        for container, index in containers:
            original = container[index]
            for odd in ODD_VALUES:
                container[index] = odd
                parse_place_array(darray, envelope=payload, with_reviews=True).model_dump_json()
            container[index] = original
