"""The error tree: every class documented, every class mapped to a precise HTTP status."""

from __future__ import annotations

import inspect

import pytest

from spidernest import errors
from spidernest.api.errors import status_for

CLASSES = [
    obj
    for _, obj in inspect.getmembers(errors, inspect.isclass)
    if issubclass(obj, errors.SpiderNestError)
]


def _instance(cls: type[errors.SpiderNestError]) -> errors.SpiderNestError:
    if issubclass(cls, errors.RateLimited):
        return cls("x", retry_after=1.0)
    return cls("x")


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_every_error_is_documented_and_exported(cls: type[errors.SpiderNestError]) -> None:
    assert cls.__doc__
    assert cls.__doc__.strip()
    assert cls.__name__ in errors.__all__
    assert cls.__name__ in (errors.__doc__ or "")


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_only_the_root_falls_back_to_500(cls: type[errors.SpiderNestError]) -> None:
    status = status_for(_instance(cls))
    if cls is errors.SpiderNestError:
        assert status == 500
    else:
        assert 400 <= status < 600
        assert status != 500


def test_leaves_are_also_the_builtin_they_mean() -> None:
    assert issubclass(errors.FetchTimeout, TimeoutError)
    assert issubclass(errors.InvalidInput, ValueError)
    assert issubclass(errors.NotFound, LookupError)
