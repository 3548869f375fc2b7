"""The crawl over the local fixture web: budgets, strategies, robots, traps, retries, redirects."""

from __future__ import annotations

import pytest

from spidernest.config import Settings, SiteSettings
from spidernest.errors import TargetRefused
from spidernest.net import Fetcher
from spidernest.net.browser import BrowserPool
from spidernest.services.site import SiteRequest, crawl_site
from tests.services.site.fixture_web import FixtureWeb


async def test_bestfirst_finds_a_footer_only_contact_page_within_three_pages(
    web: FixtureWeb, fetcher: Fetcher
) -> None:
    site = web["en_blog"]
    result = await crawl_site(
        SiteRequest(url=site.url, max_pages=3, crawl_strategy="bestfirst"), fetcher=fetcher
    )
    assert result.pages_crawled == 3
    assert "sales@brightlane.io" in result.emails
    assert result.phones == ["+1 415-867-5309"]
    assert len(site.fetched("/blog/post-")) <= 1


async def test_bfs_walks_the_blog_in_document_order(web: FixtureWeb, fetcher: Fetcher) -> None:
    site = web["en_blog"]
    result = await crawl_site(
        SiteRequest(url=site.url, max_pages=3, crawl_strategy="bfs", target_pages=["blog"]),
        fetcher=fetcher,
    )
    assert site.fetched("/contact") == []
    assert result.emails == []
    assert result.metadata.crawl_strategy == "bfs"


@pytest.mark.parametrize(("strategy", "archive_pages"), [("dfs", 3), ("bfs", 1)])
async def test_dfs_goes_deeper_than_bfs(
    web: FixtureWeb, fetcher: Fetcher, strategy: str, archive_pages: int
) -> None:
    site = web["en_blog"]
    await crawl_site(
        SiteRequest.model_validate({"url": site.url, "max_pages": 6, "crawl_strategy": strategy}),
        fetcher=fetcher,
        settings=SiteSettings(max_concurrency=1),  # one at a time: the order is the strategy's
    )
    # After the home page and its first links, dfs follows the archive one level deeper
    # while bfs takes the next of the 40 posts linked from the home page.
    assert len(site.fetched("/archive")) == archive_pages


async def test_traps_and_session_ids_do_not_eat_the_budget(
    web: FixtureWeb, fetcher: Fetcher
) -> None:
    site = web["en_blog"]
    result = await crawl_site(
        SiteRequest(url=site.url, max_pages=50, crawl_strategy="bfs"), fetcher=fetcher
    )
    assert len(site.fetched("/archive")) <= 3
    assert len(site.fetched("/pricing")) == 1
    assert result.pages_crawled <= 50
    uk = web["uk_shop"]
    await crawl_site(SiteRequest(url=uk.url, max_pages=20), fetcher=fetcher)
    assert uk.fetched("/calendar") == []


async def test_robots_txt_disallowed_pages_are_never_fetched(
    web: FixtureWeb, fetcher: Fetcher
) -> None:
    site = web["pl_firma"]
    result = await crawl_site(SiteRequest(url=site.url, max_pages=20), fetcher=fetcher)
    assert site.fetched("/prywatne") == []
    assert "tajny@softpol.pl" not in result.emails
    assert result.crawl_status == "success"


async def test_operators_may_ignore_robots_txt(web: FixtureWeb, tmp_path: object) -> None:
    settings = Settings(
        _env_file=None,
        net={"allow_private_networks": True, "respect_robots": False},
    )
    site = web["pl_firma"]
    async with Fetcher(settings.net) as fetcher:
        result = await crawl_site(SiteRequest(url=site.url, max_pages=20), fetcher=fetcher)
    assert "tajny@softpol.pl" in result.emails


async def test_429_and_503_are_retried_with_backoff(web: FixtureWeb, fetcher: Fetcher) -> None:
    site = web["pt_empresa"]
    result = await crawl_site(SiteRequest(url=site.url), fetcher=fetcher)
    assert site.fetched("/contactos") == ["/contactos", "/contactos"]
    assert site.fetched("/servicos") == ["/servicos", "/servicos"]
    assert result.crawl_status == "success"
    assert result.emails == ["geral@lusotech.pt"]


async def test_redirects_are_followed_and_non_html_is_skipped(
    web: FixtureWeb, fetcher: Fetcher
) -> None:
    site = web["sv_byra"]
    result = await crawl_site(SiteRequest(url=site.url, max_pages=10), fetcher=fetcher)
    assert "/kontakta-oss" in site.log
    assert site.fetched("/prislista.pdf") == []  # skipped by its extension, never fetched
    assert "pdf@ekonomibyran.se" not in result.emails  # /ladda-ner is a PDF without extension
    assert result.emails == ["info@ekonomibyran.se"]
    assert result.pages_crawled == 4


async def test_meta_refresh_is_followed_and_not_counted(web: FixtureWeb, fetcher: Fetcher) -> None:
    site = web["nl_bureau"]
    result = await crawl_site(SiteRequest(url=site.url, max_pages=3), fetcher=fetcher)
    assert site.log[:3] == ["/robots.txt", "/", "/sitemap.xml"] or "/nl/" in site.log
    assert result.emails == ["hallo@bureaumeijer.nl"]
    assert result.pages_crawled == 3


async def test_gzip_sitemap_index_seeds_the_crawl(web: FixtureWeb, fetcher: Fetcher) -> None:
    site = web["es_clinica"]
    result = await crawl_site(SiteRequest(url=site.url, max_pages=2), fetcher=fetcher)
    assert result.metadata.sitemap_used is True
    assert result.metadata.crawl_strategy == "sitemap"
    assert "/page-sitemap.xml.gz" in site.log
    assert "recepcion@clinicasonrisa.es" in result.emails  # /contacto is linked nowhere else


async def test_unreachable_site_reports_failed(fetcher: Fetcher) -> None:
    result = await crawl_site(SiteRequest(url="http://127.0.0.1:9/"), fetcher=fetcher)
    assert result.crawl_status == "failed"
    assert result.pages_crawled == 0
    assert result.emails == []


async def test_private_addresses_are_refused_without_the_operator_switch() -> None:
    settings = Settings(_env_file=None)
    async with Fetcher(settings.net) as fetcher:
        with pytest.raises(TargetRefused):
            await crawl_site(SiteRequest(url="http://127.0.0.1:9/"), fetcher=fetcher)


async def test_progress_reports_each_page(web: FixtureWeb, fetcher: Fetcher) -> None:
    seen: list[tuple[float, str]] = []

    async def progress(fraction: float, message: str) -> None:
        seen.append((fraction, message))

    await crawl_site(
        SiteRequest(url=web["it_studio"].url, max_pages=4), fetcher=fetcher, progress=progress
    )
    assert [round(f, 2) for f, _ in seen] == [0.25, 0.5, 0.75, 1.0]
    assert seen[0][1] == web["it_studio"].url


@pytest.mark.browser
async def test_javascript_only_site_is_rendered_in_chromium(
    web: FixtureWeb, fetcher: Fetcher, settings: Settings
) -> None:
    site = web["en_spa"]
    async with BrowserPool(settings.net) as browser:
        if not browser.available:
            pytest.skip("no Chromium on this machine")
        result = await crawl_site(
            SiteRequest(url=site.url, max_pages=2), fetcher=fetcher, browser=browser
        )
    assert result.emails == ["support@rocketapp.dev"]
    assert result.phones == ["+44 20 7946 0958"]
    assert result.linkedin == "https://linkedin.com/company/rocketapp-dev"
    assert result.twitter == "https://x.com/rocketappdev"
    assert result.metadata.browser_rendering_available is True
    assert result.metadata.pages_rendered >= 1
    assert "/assets/app.js" in site.log  # the script was really run by the browser


async def test_javascript_only_site_without_spa_finds_nothing(
    web: FixtureWeb, fetcher: Fetcher, settings: Settings
) -> None:
    async with BrowserPool(settings.net) as browser:
        result = await crawl_site(
            SiteRequest(url=web["en_spa"].url, enable_spa=False), fetcher=fetcher, browser=browser
        )
    assert result.emails == []
    assert result.metadata.spa_enabled is False
    assert result.metadata.browser_rendering_available is False
    assert browser.running_browsers == 0  # never launched


@pytest.mark.browser
async def test_addresses_written_by_scripts_are_rendered_when_nothing_else_is_found(
    web: FixtureWeb, fetcher: Fetcher, settings: Settings
) -> None:
    site = web["de_scripted"]
    async with BrowserPool(settings.net) as browser:
        if not browser.available:
            pytest.skip("no Chromium on this machine")
        result = await crawl_site(SiteRequest(url=site.url), fetcher=fetcher, browser=browser)
    assert result.emails == ["praxis@dr-weber-koeln.de"]
    assert result.phones == ["+49 221 12345678"]
    assert result.metadata.pages_rendered == 1  # only the contact page, not the whole site
