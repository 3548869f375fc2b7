"""Shared fetching: the HTTP pipeline with its SSRF guard, limits and politeness."""

from spidernest.net.client import Fetcher
from spidernest.net.models import FetchLimits, FetchRequest, FetchResponse

__all__ = ["FetchLimits", "FetchRequest", "FetchResponse", "Fetcher"]
