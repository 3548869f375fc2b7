"""The shared headless-Chromium pool: pages for SPA rendering, Maps browser mode and screenshots.

One Playwright driver per process, started lazily. Up to ``browser_pool_size`` Chromium
processes serve pages; every ``page()`` gets a fresh browser context (no shared cookies or
storage between uses). A browser that has served ``browser_pages_per_browser`` pages is retired:
new pages go to a fresh process and the old one is closed once its last page is done, so memory
stays flat over thousands of pages.

Every request a page makes goes through the SSRF rule of ``net/ssrf.py``: http(s) to public
addresses only (unless ``allow_private_networks``), ``data:``/``blob:`` allowed, anything else
aborted. Playwright errors are translated here into ``errors.py``.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from playwright.async_api import Browser, Page, Playwright, Route, async_playwright
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import TimeoutError as PlaywrightTimeout

from spidernest.config import NetSettings
from spidernest.errors import FetchError, FetchTimeout, TargetRefused, Unavailable
from spidernest.net.ssrf import ALLOWED_SCHEMES, is_public_address, resolve_checked

__all__ = ["BrowserPool", "RenderedPage", "find_browser_executable"]

LAUNCH_ARGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)
# Pages one Chromium process renders at the same time. Four keeps a 2-core machine responsive
# while still overlapping network waits; total concurrency is this × browser_pool_size.
PAGES_AT_ONCE_PER_BROWSER = 4
_SYSTEM_BROWSERS = (
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
)
_LOCAL_SCHEMES = frozenset({"data", "blob", "about"})


def find_browser_executable(settings: NetSettings) -> str | None:
    """The Chromium to launch: the configured one, a system one, else Playwright's own download."""
    if settings.browser_executable:
        configured = shutil.which(settings.browser_executable) or settings.browser_executable
        return configured if Path(configured).is_file() else None
    for candidate in _SYSTEM_BROWSERS:
        if Path(candidate).is_file():
            return candidate
    cache = Path.home() / ".cache" / "ms-playwright"
    for found in sorted(cache.glob("chromium*/chrome-linux*/chrome"), reverse=True):
        if found.is_file():
            return str(found)
    return None


@dataclass(frozen=True, slots=True)
class RenderedPage:
    """What ``BrowserPool.render`` saw: the final URL, the main response status and the DOM."""

    url: str
    status: int | None
    html: str


@dataclass(slots=True)
class _Slot:
    """One Chromium process with its page counters."""

    browser: Browser
    served: int = 0
    active: int = 0
    retired: bool = False


class BrowserPool:
    """Lazily started, recycled Chromium processes shared by every job of a process.

    Build one at start-up next to the ``Fetcher``, share it, and ``await aclose()`` at shutdown.

    Args:
        settings: the ``net`` slice (executable, pool size, pages per browser, proxy, SSRF rule).
    """

    def __init__(self, settings: NetSettings) -> None:
        self.settings = settings
        self.executable = find_browser_executable(settings)
        self._launch_failed = False
        self._playwright: Playwright | None = None
        self._slots: list[_Slot] = []
        self._lock = asyncio.Lock()
        self._pages = asyncio.Semaphore(settings.browser_pool_size * PAGES_AT_ONCE_PER_BROWSER)
        self._closed = False
        self._host_verdicts: dict[str, bool] = {}
        self.pages_served = 0
        self.browsers_launched = 0

    @property
    def available(self) -> bool:
        """Whether a Chromium executable was found and has not failed to launch."""
        return self.executable is not None and not self._launch_failed and not self._closed

    @property
    def running_browsers(self) -> int:
        """How many Chromium processes are currently open."""
        return len(self._slots)

    async def _ensure_playwright(self) -> Playwright:
        if self._playwright is None:
            self._playwright = await async_playwright().start()
        return self._playwright

    async def _launch(self) -> _Slot:
        playwright = await self._ensure_playwright()
        proxy = {"server": self.settings.proxy} if self.settings.proxy else None
        try:
            browser = await playwright.chromium.launch(
                executable_path=self.executable,
                args=list(LAUNCH_ARGS),
                headless=True,
                proxy=proxy,  # type: ignore[arg-type]
            )
        except PlaywrightError as exc:
            self._launch_failed = True
            raise Unavailable(f"cannot launch Chromium ({self.executable}): {exc}") from exc
        self.browsers_launched += 1
        return _Slot(browser=browser)

    async def _acquire_slot(self) -> _Slot:
        async with self._lock:
            if not self.available:
                raise Unavailable("no headless browser available (install chromium)")
            live = [s for s in self._slots if not s.retired]
            if len(live) < self.settings.browser_pool_size and all(s.active > 0 for s in live):
                slot = await self._launch()
                self._slots.append(slot)
                live.append(slot)
            slot = min(live, key=lambda s: s.active)
            slot.active += 1
            slot.served += 1
            if slot.served >= self.settings.browser_pages_per_browser:
                slot.retired = True
            return slot

    async def _release_slot(self, slot: _Slot) -> None:
        slot.active -= 1
        if slot.active == 0 and slot.retired:
            async with self._lock:
                if slot in self._slots:
                    self._slots.remove(slot)
            await _close_quietly(slot.browser)

    async def _is_allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme in _LOCAL_SCHEMES:
            return True
        if scheme not in ALLOWED_SCHEMES or not parts.hostname:
            return False
        if self.settings.allow_private_networks:
            return True
        host = parts.hostname
        try:
            return is_public_address(str(ipaddress.ip_address(host)))
        except ValueError:
            pass
        if host not in self._host_verdicts:
            try:
                await resolve_checked(host, parts.port or 443, allow_private=False)
                self._host_verdicts[host] = True
            except (TargetRefused, OSError):
                self._host_verdicts[host] = False
        return self._host_verdicts[host]

    async def _route(self, route: Route) -> None:
        if await self._is_allowed(route.request.url):
            await route.continue_()
        else:
            await route.abort("blockedbyclient")

    @asynccontextmanager
    async def page(self) -> AsyncIterator[Page]:
        """A fresh page in its own browser context; closed (with its context) on exit.

        Raises:
            Unavailable: no Chromium was found, it failed to launch, or the pool is closed.
        """
        async with self._pages:
            slot = await self._acquire_slot()
            try:
                try:
                    context = await slot.browser.new_context(
                        user_agent=self.settings.user_agent,
                        ignore_https_errors=False,
                        service_workers="block",
                    )
                except PlaywrightError as exc:
                    raise Unavailable(f"the browser refused a new page: {exc}") from exc
                try:
                    await context.route("**/*", self._route)
                    page = await context.new_page()
                    self.pages_served += 1
                    yield page
                finally:
                    await _close_quietly(context)
            finally:
                await self._release_slot(slot)

    async def render(
        self, url: str, *, load_timeout: float, settle: float = 1.0, max_chars: int = 5_000_000
    ) -> RenderedPage:
        """Load ``url`` in a fresh page, let scripts run, and return the rendered DOM.

        Args:
            url: an http(s) URL (checked against the SSRF rule before and during loading).
            load_timeout: seconds for the whole load.
            settle: seconds to wait for network quiet after ``load`` (bounded by ``load_timeout``).
            max_chars: the returned HTML is cut at this many characters.

        Raises:
            TargetRefused: the URL's scheme or address is not allowed.
            FetchTimeout: the page did not load within ``load_timeout``.
            FetchError: navigation failed (connection, TLS, aborted).
            Unavailable: no browser could be started.
        """
        if not await self._is_allowed(url):
            raise TargetRefused(f"the browser may not load {url}")
        async with self.page() as page:
            try:
                response = await page.goto(url, wait_until="load", timeout=load_timeout * 1000)
            except PlaywrightTimeout as exc:
                raise FetchTimeout(
                    f"rendering {url} took longer than {load_timeout:g}s", url=url
                ) from exc
            except PlaywrightError as exc:
                raise FetchError(f"the browser failed to load {url}: {exc}", url=url) from exc
            # A page that keeps polling is still rendered: take what is there after ``settle``.
            with contextlib.suppress(PlaywrightTimeout):
                await page.wait_for_load_state(
                    "networkidle", timeout=max(0.1, min(settle, load_timeout)) * 1000
                )
            try:
                html = await page.content()
            except PlaywrightError as exc:
                raise FetchError(f"the browser lost {url}: {exc}", url=url) from exc
            return RenderedPage(
                url=page.url,
                status=response.status if response is not None else None,
                html=html[:max_chars],
            )

    async def aclose(self) -> None:
        """Close every browser and the Playwright driver; the pool cannot be used afterwards."""
        self._closed = True
        async with self._lock:
            slots, self._slots = self._slots, []
        for slot in slots:
            await _close_quietly(slot.browser)
        if self._playwright is not None:
            await self._playwright.stop()
            self._playwright = None

    async def __aenter__(self) -> BrowserPool:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()


async def _close_quietly(closable: Browser | object) -> None:
    """Close a browser or context that may already be gone (crashed or closed by Playwright)."""
    close = getattr(closable, "close", None)
    if close is None:
        return
    try:
        await close()
    except PlaywrightError:
        return
