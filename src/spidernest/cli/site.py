"""``spidernest site``: crawl one website and print its contacts (the API's ``data``)."""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.table import Table

from spidernest.cli.terminal import progress_bar
from spidernest.config import Settings
from spidernest.errors import SpiderNestError
from spidernest.net import Fetcher
from spidernest.net.browser import BrowserPool
from spidernest.services.site import SiteRequest, SiteResult, crawl_site

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add the ``site`` command to the ``spidernest`` app."""
    app.command("site")(site_command)


def site_command(
    url: Annotated[str, typer.Argument(help="The website, e.g. https://example.com")],
    output: Annotated[str, typer.Option("--format", help="table or json (the API's data)")] = (
        "table"
    ),
    max_pages: Annotated[int | None, typer.Option("--max-pages", min=1, max=50)] = None,
    strategy: Annotated[
        str, typer.Option("--strategy", help="bestfirst, bfs or dfs")
    ] = "bestfirst",
    mode: Annotated[
        str, typer.Option("--mode", help="contacts, compendium, leads or full")
    ] = "contacts",
    spa: Annotated[bool, typer.Option("--spa/--no-spa", help="Render JavaScript sites")] = True,
    timeout: Annotated[int, typer.Option("--timeout", min=10, max=120, help="Per page, s")] = 30,
) -> None:
    """Crawl a company website and print its emails, phones, addresses and social profiles."""
    console = Console()
    errors = Console(stderr=True)
    if output not in ("table", "json"):
        errors.print(f"[red]--format must be table or json, not {output!r}[/red]")
        raise typer.Exit(2)
    try:
        request = SiteRequest.model_validate(
            {
                "url": url,
                "max_pages": max_pages,
                "crawl_strategy": strategy,
                "mode": mode,
                "enable_spa": spa,
                "timeout": timeout,
            }
        )
        result = asyncio.run(_crawl(request, Settings(), console))
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"]) or "payload"
        errors.print(f"[red]invalid {where}:[/red] {error['msg']}", highlight=False)
        raise typer.Exit(2) from exc
    except SpiderNestError as exc:
        errors.print(f"[red]site failed:[/red] {exc}", highlight=False)
        raise typer.Exit(1) from exc
    if output == "json":
        console.print(
            result.model_dump_json(indent=2), markup=False, highlight=False, soft_wrap=True
        )
    else:
        console.print(_table(result))


async def _crawl(request: SiteRequest, settings: Settings, console: Console) -> SiteResult:
    async with Fetcher(settings.net) as fetcher, BrowserPool(settings.net) as browser:
        if not console.is_terminal:
            return await crawl_site(
                request, fetcher=fetcher, browser=browser, settings=settings.site
            )
        with progress_bar(f"crawling {request.url}") as progress:
            return await crawl_site(
                request,
                fetcher=fetcher,
                browser=browser,
                settings=settings.site,
                progress=progress,
            )


def _table(result: SiteResult) -> Table:
    title = f"{result.url}: {result.pages_crawled} pages, {result.crawl_status}"
    table = Table(title=title, show_header=False)
    table.add_column("field", style="bold")
    table.add_column("value", overflow="fold")
    table.add_row("emails", "\n".join(result.emails))
    table.add_row("phones", "\n".join(result.phones))
    if result.faxes:
        table.add_row("fax", "\n".join(result.faxes))
    table.add_row("addresses", "\n".join(result.addresses))
    for name, value in result.social_profiles().items():
        if value:
            table.add_row(name, value)
    if result.compendium.available:
        table.add_row("compendium", f"{result.compendium.chars} chars")
    table.add_row("strategy", result.metadata.crawl_strategy)
    return table
