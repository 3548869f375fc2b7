"""Google Maps in Chromium: for pasted Maps URLs, and when the fast path is refused.

Through ``spidernest.net.browser.BrowserPool`` (SSRF-routed pages, fresh context each time):
load the search page, get past the EU consent page, scroll the results feed until enough
places are listed or the list ends, then read each place from the JSON state the page embeds
(``window.APP_INITIALIZATION_STATE``) or from the ``/maps/preview/place`` and ``tbm=map``
answers the page itself fetched. Playwright errors become ``errors.py`` errors here.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page, Response
from playwright.async_api import TimeoutError as PlaywrightTimeout

from spidernest.errors import FetchError, FetchTimeout
from spidernest.net.browser import BrowserPool
from spidernest.services.maps.answers import Answer, classify_answer
from spidernest.services.maps.parse import parse_businesses, parse_decoded
from spidernest.services.maps.result import Business

__all__ = ["search_browser"]

_FEATURE = re.compile(r"!1s(0x[0-9a-f]+:0x[0-9a-f]+)", re.IGNORECASE)
# Button labels on consent.google.com, most languages put "reject" first; any works.
_CONSENT_BUTTONS = re.compile(
    r"reject all|accept all|alle ablehnen|alle akzeptieren|tout refuser|tout accepter|"
    r"rechazar todo|aceptar todo|rifiuta tutto|accetta tutto",
    re.IGNORECASE,
)
_END_OF_LIST = "reached the end of the list"
# Scroll rounds without new places before the feed is taken as complete.
_IDLE_ROUNDS = 3
# Scroll the feed to its end and announce it: a headless page may not emit the scroll event by
# itself before the next frame, and the feed loads more results from that event.
_SCROLL_SCRIPT = "el => { el.scrollTop = el.scrollHeight; el.dispatchEvent(new Event('scroll')); }"
_STATE_SCRIPT = "() => JSON.stringify(window.APP_INITIALIZATION_STATE || null)"
_LINKS_SCRIPT = (
    "() => Array.from(document.querySelectorAll('a[href*=\"/maps/place/\"]')).map(a => a.href)"
)

Found = Callable[[int], Awaitable[None]]


async def search_browser(
    start_url: str,
    *,
    pool: BrowserPool,
    max_results: int,
    with_reviews: bool = False,
    load_timeout: float = 30.0,
    scroll_pause: float = 1.0,
    on_found: Found | None = None,
) -> list[Business]:
    """Collect up to ``max_results`` businesses starting from a Maps search or place page.

    Raises:
        FetchError: the page failed to load, or Google showed its "unusual traffic" page.
        FetchTimeout: a page did not load within ``load_timeout`` seconds.
        Unavailable: no Chromium could be started.
    """
    answers: list[asyncio.Task[str | None]] = []
    try:
        async with pool.page() as page:
            page.on("response", lambda r: answers.append(asyncio.create_task(_body(r))))
            return await _collect(
                page,
                start_url,
                answers,
                max_results,
                with_reviews,
                load_timeout,
                scroll_pause,
                on_found,
            )
    finally:
        for task in answers:
            task.cancel()


async def _collect(
    page: Page,
    start_url: str,
    answers: list[asyncio.Task[str | None]],
    max_results: int,
    with_reviews: bool,
    load_timeout: float,
    scroll_pause: float,
    on_found: Found | None,
) -> list[Business]:
    """Search page, feed, then the place pages still missing; see ``search_browser``."""
    await _open(page, start_url, load_timeout)
    found = _merge([], await _state_businesses(page, with_reviews))
    links: list[str] = []
    if "/maps/place/" not in urlsplit(page.url).path:
        links = await _scroll_feed(page, max_results, scroll_pause)
    found = _merge(found, await _answered(answers, with_reviews))
    if on_found is not None:
        await on_found(min(len(found), max_results))
    known = {b.place_id for b in found if b.place_id and not with_reviews}
    for link in links[:max_results]:
        feature = _FEATURE.search(link)
        if feature and feature.group(1).lower() in known:
            continue
        await _open(page, link, load_timeout)
        found = _merge(found, await _state_businesses(page, with_reviews))
        found = _merge(found, await _answered(answers, with_reviews))
        if on_found is not None:
            await on_found(min(len(found), max_results))
    return _ordered(found, links)[:max_results]


async def _open(page: Page, url: str, load_timeout: float) -> None:
    try:
        response = await page.goto(url, wait_until="load", timeout=load_timeout * 1000)
    except PlaywrightTimeout as exc:
        raise FetchTimeout(f"Google Maps did not load within {load_timeout:g}s", url=url) from exc
    except PlaywrightError as exc:
        raise FetchError(f"the browser failed to load {url}: {exc}", url=url) from exc
    status = response.status if response is not None else 200
    verdict = classify_answer(status, page.url, await _content(page))
    if verdict is Answer.CONSENT:
        await _accept_consent(page, load_timeout)
        verdict = classify_answer(200, page.url, await _content(page))
    if verdict is Answer.REFUSED:
        raise FetchError(
            "Google showed its unusual-traffic page to the browser; try later or use proxies",
            url=url,
            status=status,
        )


async def _accept_consent(page: Page, load_timeout: float) -> None:
    """Press a consent button (reject or accept, whichever is found first) and wait."""
    try:
        button = page.locator("form button, form input[type=submit]").filter(
            has_text=_CONSENT_BUTTONS
        )
        if await button.count() == 0:
            button = page.locator("form button, form input[type=submit]")
        async with page.expect_navigation(wait_until="load", timeout=load_timeout * 1000):
            await button.first.click()
    except (PlaywrightError, PlaywrightTimeout) as exc:
        raise FetchError(f"could not get past Google's consent page: {exc}", url=page.url) from exc


async def _content(page: Page) -> str:
    try:
        return (await page.content())[:20_000]
    except PlaywrightError:
        return ""


async def _state_businesses(page: Page, with_reviews: bool) -> list[Business]:
    try:
        state = await page.evaluate(_STATE_SCRIPT)
    except PlaywrightError:
        return []
    if not isinstance(state, str):
        return []
    try:
        return parse_decoded(json.loads(state), with_reviews=with_reviews)
    except ValueError:
        return []


async def _scroll_feed(page: Page, max_results: int, pause: float) -> list[str]:
    """Scroll the results list until ``max_results`` places, the end marker, or no progress."""
    feed = page.locator('div[role="feed"]')
    links: list[str] = []
    idle = 0
    while idle < _IDLE_ROUNDS:
        try:
            current = await page.evaluate(_LINKS_SCRIPT)
            if await feed.count() == 0:
                return _unique(current)
            # Visible text only: the marker also appears in the page's scripts.
            ended = _END_OF_LIST in (await feed.first.inner_text()).lower()
            await feed.first.evaluate(_SCROLL_SCRIPT)
        except PlaywrightError:
            break
        idle = idle + 1 if len(_unique(current)) <= len(links) else 0
        links = _unique(current)
        if len(links) >= max_results or ended:
            break
        await asyncio.sleep(pause)
    return links


async def _body(response: Response) -> str | None:
    """The text of an answer worth parsing: fast-path searches and place previews."""
    url = response.url
    if "tbm=map" not in url and "/maps/preview/place" not in url:
        return None
    with contextlib.suppress(PlaywrightError):
        return await response.text()
    return None


async def _answered(answers: list[asyncio.Task[str | None]], with_reviews: bool) -> list[Business]:
    if not answers:
        return []
    pending = list(answers)
    answers.clear()
    found: list[Business] = []
    for text in await asyncio.gather(*pending):
        if text:
            found.extend(parse_businesses(text, with_reviews=with_reviews))
    return found


def _merge(found: list[Business], new: list[Business]) -> list[Business]:
    """Add new businesses; a later, fuller record (a place page) replaces a search row."""
    index: dict[str, int] = {b.identity: i for i, b in enumerate(found) if b.identity}
    merged = list(found)
    for business in new:
        key = business.identity
        if key is None:
            merged.append(business)
        elif key in index:
            merged[index[key]] = _combine(merged[index[key]], business)
        else:
            index[key] = len(merged)
            merged.append(business)
    return merged


def _combine(earlier: Business, later: Business) -> Business:
    """The later record, with the fields it lacks taken from the earlier one.

    A search row has the owner's id but not the name, a place page has photos a row lacks;
    either may miss what the other shows.
    """
    missing = {
        name: value
        for name, value in earlier
        if value not in (None, []) and getattr(later, name) in (None, [])
    }
    return later.model_copy(update=missing) if missing else later


def _ordered(found: list[Business], links: list[str]) -> list[Business]:
    """Businesses in the order the feed listed them; any others after."""
    rank: dict[str, int] = {}
    for position, link in enumerate(links):
        feature = _FEATURE.search(link)
        if feature:
            rank.setdefault(feature.group(1).lower(), position)
    order: list[tuple[int, int, Any]] = []
    for position, business in enumerate(found):
        key = (business.place_id or "").lower()
        order.append((rank.get(key, len(links)), position, business))
    return [business for _, _, business in sorted(order, key=lambda item: item[:2])]


def _unique(links: Any) -> list[str]:
    seen: dict[str, None] = {}
    for link in links if isinstance(links, list) else []:
        if isinstance(link, str):
            seen.setdefault(link, None)
    return list(seen)
