"""How SpiderMaps talks to Google: paced, with a browser identity, retried when refused.

Every request goes through ``spidernest.net.Fetcher`` (robots.txt is not consulted for
Google's own app endpoints, which the Maps web app calls on every search). Requests of one job
are spaced by ``request_delay`` seconds (±25 % jitter so the rhythm looks less mechanical).
A refusal (429/403/503, the ``/sorry`` "unusual traffic" page, a captcha) is retried after
``retry_backoff`` seconds, doubling each time (capped at ``MAX_BACKOFF``), up to ``retries``
times; then the job fails with a clear ``FetchError``. With ``proxies`` configured, each proxy
gets its own ``Fetcher`` (a proxy is fixed per HTTP client) and requests rotate round-robin,
moving to the next proxy after a refusal.
"""

from __future__ import annotations

import asyncio
import itertools
import random
import time
from collections.abc import Awaitable, Callable

from spidernest.config import MapsSettings
from spidernest.errors import FetchError
from spidernest.net import Fetcher, FetchResponse
from spidernest.services.maps.answers import Answer, classify_answer

__all__ = ["CONSENT_COOKIE", "MAX_BACKOFF", "USER_AGENTS", "GoogleSession", "accept_language"]

# Longest single wait between retries, in seconds: beyond five minutes a job is better failed
# and retried later by the operator.
MAX_BACKOFF = 300.0
# Recent desktop Chrome builds; one is picked per request.
USER_AGENTS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0.0.0 Safari/537.36",
)
# The cookie Google sets after "Reject all" on consent.google.com; sending it skips the EU wall.
CONSENT_COOKIE = "SOCS=CAESEwgDEgk0ODE3Nzk3MjQaAmVuIAEaBgiA_LyaBg; CONSENT=PENDING+987"

Sleeper = Callable[[float], Awaitable[None]]


def accept_language(lang: str) -> str:
    """The Accept-Language a browser set to ``lang`` sends ("fr-FR" → "fr-FR,fr;q=0.9,en;q=0.8")."""
    base = lang.split("-", 1)[0].lower()
    values = [lang] if base == lang.lower() else [lang, f"{base};q=0.9"]
    if base != "en":
        values.append("en;q=0.8")
    return ",".join(values)


class GoogleSession:
    """One job's conversation with Google (or its local stand-in).

    Args:
        settings: the ``maps`` slice: delay, retries, back-off, proxies.
        fetcher: the process's shared fetcher, used when no proxy is configured.
        lang: the Maps UI language, sent as Accept-Language.
        sleep: how to wait (tests may pass a recorder); defaults to ``asyncio.sleep``.
    """

    def __init__(
        self,
        settings: MapsSettings,
        fetcher: Fetcher,
        *,
        lang: str,
        use_proxies: bool = True,
        sleep: Sleeper | None = None,
    ) -> None:
        self.settings = settings
        self.lang = lang
        self._sleep = sleep or asyncio.sleep
        self._owned: list[Fetcher] = []
        if use_proxies and settings.proxies:
            self._owned = [
                Fetcher(fetcher.settings.model_copy(update={"proxy": proxy}))
                for proxy in settings.proxies
            ]
            self._fetchers = self._owned
        else:
            self._fetchers = [fetcher]
        self._rotation = itertools.cycle(range(len(self._fetchers)))
        self._current = next(self._rotation)
        self._next_start = 0.0
        self.requests_sent = 0
        self.refusals = 0

    def headers(self, *, referer: str | None = None) -> dict[str, str]:
        """The identity of a desktop Chrome whose user accepted Google's cookies."""
        headers = {
            "User-Agent": random.choice(USER_AGENTS),
            "Accept-Language": accept_language(self.lang),
            "Accept": "*/*",
            "Cookie": CONSENT_COOKIE,
        }
        if referer:
            headers["Referer"] = referer
        return headers

    async def request(
        self,
        url: str,
        *,
        method: str = "GET",
        headers: dict[str, str] | None = None,
        content: bytes | None = None,
        referer: str | None = None,
        is_api: bool = False,
    ) -> FetchResponse:
        """Send one paced request; retry refusals and consent walls with back-off.

        With ``is_api`` (the Places API) only 429 and 503 count as refusals: any other answer,
        errors included, is returned for the caller to read.

        Raises:
            FetchError: Google still refused after ``retries`` retries (``status`` is the last
                HTTP status), or the connection failed.
            FetchTimeout: a request took longer than the fetcher's budget.
            TargetRefused: the URL is not allowed by the SSRF guard.
        """
        attempts = self.settings.retries + 1
        verdict = Answer.OK
        response: FetchResponse | None = None
        for attempt in range(attempts):
            await self._pace()
            merged = {**self.headers(referer=referer), **(headers or {})}
            response = await self._fetchers[self._current].fetch(
                url,
                method=method,
                headers=merged,
                content=content,
                respect_robots=False,
                retries=0,
            )
            self.requests_sent += 1
            if is_api:
                verdict = Answer.REFUSED if response.status in {429, 503} else Answer.OK
            else:
                verdict = classify_answer(response.status, response.url, _head(response))
            if verdict is Answer.OK:
                return response
            self.refusals += 1
            if attempt < attempts - 1:
                await self._sleep(self._backoff(attempt, response, verdict))
                self._current = next(self._rotation)
        assert response is not None
        raise _refused(url, response, verdict, attempts)

    def _backoff(self, attempt: int, response: FetchResponse, verdict: Answer) -> float:
        if verdict is Answer.CONSENT:
            # A consent wall is not a ban: try again at once with the consent cookie.
            return 0.0
        wait: float = self.settings.retry_backoff * 2.0**attempt
        hinted = response.headers.get("retry-after", "")
        if hinted.isdigit():
            wait = max(wait, float(hinted))
        return min(wait, MAX_BACKOFF)

    async def _pace(self) -> None:
        delay = self.settings.request_delay
        if delay <= 0:
            return
        now = time.monotonic()
        start = max(now, self._next_start)
        self._next_start = start + delay * random.uniform(0.75, 1.25)
        if start > now:
            await self._sleep(start - now)

    async def aclose(self) -> None:
        """Close the per-proxy fetchers this session opened (never the shared one)."""
        for fetcher in self._owned:
            await fetcher.aclose()


def _head(response: FetchResponse) -> str:
    return response.content[:20_000].decode("utf-8", errors="replace")


def _refused(url: str, response: FetchResponse, verdict: Answer, attempts: int) -> FetchError:
    head = _head(response).lower()
    if verdict is Answer.CONSENT:
        reason = "kept answering with its cookie-consent page"
    elif "/sorry" in response.url or "unusual traffic" in head or "recaptcha" in head:
        reason = f'answered with its "unusual traffic" / captcha page (HTTP {response.status})'
    else:
        reason = f"refused with HTTP {response.status}"
    return FetchError(
        f"Google {reason} after {attempts} attempt(s); slow down (maps.request_delay), "
        "configure maps.proxies or a Places API key, and try again later",
        url=url,
        status=response.status,
    )
