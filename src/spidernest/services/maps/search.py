"""``search_maps``: a query or a Maps URL → businesses, through the provider that fits.

Provider choice (``maps.provider``):

* ``auto`` — the Places API when a key is configured; otherwise the fast HTTP path for queries
  and Chromium for pasted URLs, each falling back to the other when refused or unavailable;
* ``http`` / ``browser`` / ``places`` — that provider only.

Whatever answered, businesses are de-duplicated by place id, cut to ``max_results``, and their
phones checked with libphonenumber when ``validate_phones`` is on.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from spidernest.config import MapsSettings
from spidernest.errors import FetchError, InvalidInput, Unavailable
from spidernest.net import Fetcher
from spidernest.net.browser import BrowserPool
from spidernest.services.maps.pacing import GoogleSession
from spidernest.services.maps.parse import parse_businesses
from spidernest.services.maps.parse_search import Viewport
from spidernest.services.maps.phones import check_phone
from spidernest.services.maps.providers.browser import search_browser
from spidernest.services.maps.providers.http import search_http
from spidernest.services.maps.providers.places import search_places
from spidernest.services.maps.request import MapsRequest
from spidernest.services.maps.result import Business, MapsMetadata, MapsResult
from spidernest.services.maps.urls import parse_maps_url, place_page_url, search_page_url

__all__ = ["MapsProgress", "result_from_payload", "search_maps"]

MapsProgress = Callable[[float, str], Awaitable[None]]
# Span of the view, in metres, used around coordinates taken from a pasted URL.
_URL_VIEW_DISTANCE = 5_000.0


async def search_maps(
    request: MapsRequest,
    *,
    settings: MapsSettings,
    fetcher: Fetcher,
    browser: BrowserPool | None = None,
    progress: MapsProgress | None = None,
) -> MapsResult:
    """Search Google Maps and return the businesses found.

    Args:
        request: the job payload.
        settings: the ``maps`` slice (Google's URL, provider, pacing, proxies, Places key).
        fetcher: the shared HTTP fetcher (network: Google, or the configured stand-in).
        browser: the shared Chromium pool, for URL inputs and as the fast path's fallback.
        progress: awaited with (fraction 0-1, message) as listings come in.

    Returns:
        The result with every field present; an empty ``businesses`` list when nothing matched.

    Raises:
        FetchError: Google refused every provider tried (after pacing and retries), or an
            API key was rejected.
        InvalidInput: ``provider`` is ``places`` but no API key is configured.
        Unavailable: the browser was needed and none could be started.
    """
    report = progress or _quiet

    async def on_found(count: int) -> None:
        await report(min(count / request.max_results, 1.0), f"{count} businesses found")

    session = GoogleSession(
        settings, fetcher, lang=request.lang, use_proxies=not request.skip_proxy
    )
    try:
        provider, businesses = await _run(request, settings, session, browser, on_found)
    finally:
        await session.aclose()
    businesses = _finish(businesses, request)
    await report(1.0, f"{len(businesses)} businesses")
    return MapsResult(
        query=request.summary,
        results_count=len(businesses),
        businesses=businesses,
        metadata=MapsMetadata(
            max_results=request.max_results,
            extract_reviews=request.extract_reviews,
            extract_photos=request.extract_photos,
            language=request.lang,
            provider=provider,
        ),
    )


def result_from_payload(text: str, request: MapsRequest) -> MapsResult:
    """The result a job would return for a saved Google answer, with no network.

    The answer may be a search or place payload, or a Maps page's HTML: for offline debugging
    and for pages users collected themselves.

    ``request`` supplies the options (``validate_phones``, ``extract_reviews``, ``max_results``)
    and the ``query`` label.
    """
    found = parse_businesses(text, with_reviews=request.extract_reviews)
    businesses = _finish(found, request)
    return MapsResult(
        query=request.summary,
        results_count=len(businesses),
        businesses=businesses,
        metadata=MapsMetadata(
            max_results=request.max_results,
            extract_reviews=request.extract_reviews,
            extract_photos=request.extract_photos,
            language=request.lang,
            provider="file",
        ),
    )


async def _run(
    request: MapsRequest,
    settings: MapsSettings,
    session: GoogleSession,
    browser: BrowserPool | None,
    on_found: Callable[[int], Awaitable[None]],
) -> tuple[str, list[Business]]:
    mode = settings.provider
    key = settings.places_api_key.get_secret_value() if settings.places_api_key else None
    if mode == "places" and not key:
        raise InvalidInput(
            "maps.provider is 'places' but maps.places_api_key is not set", field="provider"
        )
    if mode == "places" or (mode == "auto" and key):
        assert key is not None
        query = request.search_query or parse_maps_url(request.url or "").query or request.summary
        found = await search_places(
            query,
            session=session,
            base_url=settings.places_api_url,
            api_key=key,
            lang=request.lang,
            max_results=request.max_results,
            with_reviews=request.extract_reviews,
            with_photos=request.extract_photos,
            on_found=on_found,
        )
        return "places", found
    has_browser = browser is not None and browser.available
    prefer_browser = mode == "browser" or (mode == "auto" and request.url is not None)
    if prefer_browser and (has_browser or mode == "browser"):
        try:
            return "browser", await _browse(request, settings, browser, on_found)
        except (FetchError, Unavailable):
            if mode == "browser" or not _http_can_serve(request):
                raise
    try:
        return "http", await _fetch(request, settings, session, on_found)
    except FetchError:
        if mode != "auto" or not has_browser or prefer_browser:
            raise
    return "browser", await _browse(request, settings, browser, on_found)


def _http_can_serve(request: MapsRequest) -> bool:
    return request.search_query is not None or parse_maps_url(request.url or "").query is not None


async def _fetch(
    request: MapsRequest,
    settings: MapsSettings,
    session: GoogleSession,
    on_found: Callable[[int], Awaitable[None]],
) -> list[Business]:
    """The fast path; a pasted URL is turned into its query (and its place kept, if any)."""
    viewport: Viewport | None = None
    feature_id: str | None = None
    query = request.search_query
    if query is None:
        target = parse_maps_url(request.url or "")
        if target.query is None:
            raise FetchError(
                "this Maps URL names no query or place; it needs the browser provider",
                url=request.url,
            )
        query, feature_id = target.query, target.feature_id
        if target.latitude is not None and target.longitude is not None:
            viewport = Viewport(target.latitude, target.longitude, _URL_VIEW_DISTANCE)
    found = await search_http(
        query,
        session=session,
        base_url=settings.google_maps_url,
        lang=request.lang,
        max_results=request.max_results,
        with_reviews=request.extract_reviews,
        viewport=viewport,
        on_found=on_found,
    )
    if feature_id is not None:
        exact = [b for b in found if (b.place_id or "").lower() == feature_id]
        return exact or found[:1]
    return found


async def _browse(
    request: MapsRequest,
    settings: MapsSettings,
    browser: BrowserPool | None,
    on_found: Callable[[int], Awaitable[None]],
) -> list[Business]:
    if browser is None or not browser.available:
        raise Unavailable("the Maps browser provider needs Chromium (install chromium)")
    base = settings.google_maps_url
    if request.url is not None:
        start = _onto_base(request.url, base, request.lang)
    else:
        start = search_page_url(base, request.search_query or "", lang=request.lang)
    return await search_browser(
        start,
        pool=browser,
        max_results=request.max_results,
        with_reviews=request.extract_reviews,
        scroll_pause=min(1.0, 0.2 + settings.request_delay),
        on_found=on_found,
    )


def _onto_base(url: str, base: str, lang: str) -> str:
    """Move a Google URL onto the configured Google origin.

    Other URLs (short links, a stand-in) are loaded as given.
    """
    host = (urlsplit(url).hostname or "").lower()
    if host.startswith(("google.", "www.google.", "maps.google.")):
        return place_page_url(base, url, lang=lang)
    return url


def _finish(businesses: list[Business], request: MapsRequest) -> list[Business]:
    """De-duplicate by place id, cut to ``max_results``, check phones, settle ``reviews``."""
    unique: dict[str, Business] = {}
    for business in businesses:
        unique.setdefault(business.identity or f"row:{len(unique)}", business)
    finished: list[Business] = []
    for business in list(unique.values())[: request.max_results]:
        update: dict[str, object] = {}
        if request.validate_phones and business.phone:
            check = check_phone(business.phone, region=business.country)
            update.update(
                phone_e164=check.e164,
                phone_national=check.national,
                phone_type=check.type,
                phone_valid=check.valid,
            )
        if request.extract_reviews:
            update["reviews"] = business.reviews or []
        else:
            update["reviews"] = None
        finished.append(business.model_copy(update=update))
    return finished


async def _quiet(fraction: float, message: str) -> None:
    return None
