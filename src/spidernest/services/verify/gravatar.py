"""Whether an address has a Gravatar profile picture (one HTTP request through the Fetcher)."""

from __future__ import annotations

import hashlib

from spidernest.errors import FetchError
from spidernest.net import Fetcher

__all__ = ["find_gravatar"]


async def find_gravatar(email: str, *, fetcher: Fetcher, base_url: str) -> str | None:
    """The address's Gravatar image URL, or ``None`` when it has none (HTTP 404).

    Gravatar keys images by the SHA-256 (formerly MD5) of the trimmed, lowercased address;
    ``d=404`` makes it answer 404 instead of a default picture.

    Raises:
        FetchError: Gravatar could not be reached or answered something other than 200/404.
    """
    digest = hashlib.sha256(email.strip().lower().encode("utf-8")).hexdigest()
    image = f"{base_url.rstrip('/')}/avatar/{digest}"
    response = await fetcher.fetch(f"{image}?d=404&s=80", respect_robots=False, retries=1)
    if response.status == 404:
        return None
    if response.status != 200:
        raise FetchError(f"Gravatar answered {response.status}", url=image, status=response.status)
    return image
