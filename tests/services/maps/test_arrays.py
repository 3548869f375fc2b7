"""Safe reads from positional arrays."""

from __future__ import annotations

from spidernest.services.maps.arrays import dig, dig_float, dig_int, dig_list, dig_str, unescape_js


def test_dig_missing_and_wrong_types() -> None:
    value = [None, [1, "two", [3.5]], "x"]
    assert dig(value, 1, 2, 0) == 3.5
    assert dig(value, 5) is None
    assert dig(value, 0, 1) is None
    assert dig(value, 2, 0) is None  # a string is not indexed
    assert dig("not a list", 0) is None
    assert dig_str(value, 1, 1) == "two"
    assert dig_str(value, 1, 0) is None
    assert dig_float(value, 1, 0) == 1.0
    assert dig_float([True], 0) is None
    assert dig_int([4.0, 4.5], 0) == 4
    assert dig_int([4.0, 4.5], 1) is None
    assert dig_list(value, 1, 2) == [3.5]
    assert dig_list(value, 2) == []
    assert dig_str(["  "], 0) is None
    # json.loads lets NaN and Infinity through; they are not numbers a listing has.
    assert dig_float([float("nan"), float("inf")], 0) is None
    assert dig_int([float("inf")], 0) is None


def test_unescape_js() -> None:
    assert unescape_js("a\\u003db\\u0026c") == "a=b&c"
    assert unescape_js("line\\nnext") == "line\nnext"
    assert unescape_js("plain") == "plain"
    assert unescape_js('half \\u003d and a " quote') == 'half = and a " quote'
