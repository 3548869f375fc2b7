"""The fast path: the JSON endpoint the Maps web app calls for a search, over plain HTTP.

``GET {google_maps_url}/search?tbm=map&q=…&hl=…&pb=…`` answers with a ``)]}'``-prefixed array
of up to 20 listings. Pages are requested by offset until ``max_results`` listings are in
hand, a page comes back short, or a page adds nothing new. The first page is asked with a
whole-world view: Google places the viewport on the place named in the query and returns it,
and the following pages reuse it so that they continue the same list.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from spidernest.errors import FetchError
from spidernest.services.maps.pacing import GoogleSession
from spidernest.services.maps.parse import parse_decoded
from spidernest.services.maps.parse_search import Viewport, decode_payload, parse_search_page
from spidernest.services.maps.result import Business
from spidernest.services.maps.urls import WORLD_VIEW, search_request_url

__all__ = ["PAGE_SIZE", "search_http"]

# Listings per page: the most the Maps web app asks for (``!7i20``).
PAGE_SIZE = 20
# A page with fewer place rows than this is the last one. Not PAGE_SIZE itself: Google may
# drop a row or two (ads, non-place results) from a page that is not the last.
_FULL_PAGE = PAGE_SIZE - 4
# Extra pages allowed beyond the arithmetic need, for pages that repeat earlier listings.
_SPARE_PAGES = 2

Found = Callable[[int], Awaitable[None]]


async def search_http(
    query: str,
    *,
    session: GoogleSession,
    base_url: str,
    lang: str,
    max_results: int,
    with_reviews: bool = False,
    viewport: Viewport | None = None,
    on_found: Found | None = None,
) -> list[Business]:
    """Page through the fast-path endpoint.

    Args:
        query: what a person would type ("dentists in Lyon").
        session: the paced Google session of this job.
        base_url: Google's origin (``https://www.google.com``) or a local stand-in.
        lang: the UI language (``hl``).
        max_results: stop once this many distinct listings are found.
        with_reviews: keep the reviews a listing carries (few are sent on this path).
        viewport: where to search; default: let Google place it from the query.
        on_found: awaited with the running count after each page.

    Raises:
        FetchError: Google refused (after the session's retries) or answered with something
            that is not a search response.
    """
    found: dict[str, Business] = {}
    view = viewport or WORLD_VIEW
    max_pages = -(-max_results // PAGE_SIZE) + _SPARE_PAGES
    offset = 0
    for _ in range(max_pages):
        url = search_request_url(
            base_url, query, lang=lang, viewport=view, page_size=PAGE_SIZE, offset=offset
        )
        response = await session.request(url, referer=f"{base_url.rstrip('/')}/maps")
        payload = decode_payload(response.text)
        if payload is None:
            raise FetchError(
                f"Google's search answer was not JSON (HTTP {response.status})",
                url=url,
                status=response.status,
            )
        page = parse_search_page(payload, with_reviews=with_reviews)
        if viewport is None and page.viewport is not None:
            view = page.viewport
        rows = page.businesses
        if not rows and offset == 0:
            # A precise query ("Kipriakon Limassol") can be answered with the place itself
            # rather than a list: take any place the answer holds.
            rows = parse_decoded(payload, with_reviews=with_reviews)
        before = len(found)
        for business in rows:
            key = business.identity or f"row:{len(found)}"
            found.setdefault(key, business)
        if on_found is not None:
            await on_found(min(len(found), max_results))
        if len(found) >= max_results or len(found) == before or page.rows < _FULL_PAGE:
            break
        offset += PAGE_SIZE
    return list(found.values())[:max_results]
