"""The shared Chromium pool: real pages, recycling, and the SSRF rule inside the browser."""

from __future__ import annotations

import pytest

from spidernest.config import NetSettings
from spidernest.errors import TargetRefused, Unavailable
from spidernest.net.browser import BrowserPool, find_browser_executable
from tests.net.local_http import LocalHTTP, html, serve, text

pytestmark = pytest.mark.browser

PAGE = (
    "<html><body><div id=root></div><script>"
    "document.getElementById('root').textContent = 'rendered ' + (6 * 7);"
    "</script></body></html>"
)


@pytest.fixture
def chromium() -> NetSettings:
    settings = NetSettings(allow_private_networks=True, browser_pages_per_browser=2)
    if find_browser_executable(settings) is None:
        pytest.skip("no Chromium on this machine")
    return settings


async def test_render_runs_scripts_and_returns_the_dom(chromium: NetSettings) -> None:
    with serve(LocalHTTP(routes={"/": html(PAGE)})) as peer:
        async with BrowserPool(chromium) as pool:
            assert pool.available
            page = await pool.render(peer.base + "/", load_timeout=20)
    assert "rendered 42" in page.html
    assert page.status == 200
    assert page.url == peer.base + "/"


async def test_browsers_are_recycled_so_memory_stays_flat(chromium: NetSettings) -> None:
    async with BrowserPool(chromium) as pool:
        for _ in range(3):
            async with pool.page() as page:
                await page.set_content("<p>hello</p>")
                assert await page.text_content("p") == "hello"
        assert pool.browsers_launched == 2  # 2 pages per browser
        assert pool.running_browsers <= 1
    assert pool.available is False  # closed


async def test_pages_do_not_share_cookies(chromium: NetSettings) -> None:
    routes = {"/": html("<html><body>x</body></html>")}
    with serve(LocalHTTP(routes=routes)) as peer:
        async with BrowserPool(chromium) as pool:
            async with pool.page() as page:
                await page.goto(peer.base + "/")
                await page.evaluate("document.cookie = 'session=1'")
            async with pool.page() as page:
                await page.goto(peer.base + "/")
                assert await page.evaluate("document.cookie") == ""


async def test_private_addresses_are_refused_inside_the_browser() -> None:
    settings = NetSettings(allow_private_networks=False)
    if find_browser_executable(settings) is None:
        pytest.skip("no Chromium on this machine")
    routes = {"/pixel": text(200, "gif"), "/robots.txt": text(404, "")}
    with serve(LocalHTTP(routes=routes)) as peer:
        async with BrowserPool(settings) as pool:
            with pytest.raises(TargetRefused):
                await pool.render(peer.base + "/", load_timeout=10)
            async with pool.page() as page:
                await page.set_content(f'<img src="{peer.base}/pixel">')
                await page.wait_for_load_state("load")
    assert peer.hits("/pixel") == 0


async def test_missing_executable_means_unavailable() -> None:
    pool = BrowserPool(NetSettings(browser_executable="/nonexistent/chromium"))
    assert pool.available is False
    with pytest.raises(Unavailable):
        async with pool.page():
            pass
    await pool.aclose()
