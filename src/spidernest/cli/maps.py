"""``spidernest maps``: a one-shot Google Maps search, or the parse of a saved Google answer."""

from __future__ import annotations

import asyncio
import csv
import io
from pathlib import Path
from typing import Annotated, Literal

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.table import Table

from spidernest.cli.terminal import progress_bar
from spidernest.config import Settings
from spidernest.errors import SpiderNestError
from spidernest.net import Fetcher
from spidernest.net.browser import BrowserPool
from spidernest.services.maps import (
    Business,
    MapsRequest,
    MapsResult,
    result_from_payload,
    search_maps,
)

__all__ = ["register"]

OutputFormat = Literal["table", "csv", "json"]
CSV_COLUMNS = (
    "name",
    "place_id",
    "google_place_id",
    "cid",
    "rating",
    "reviews_count",
    "address",
    "street",
    "city",
    "postal_code",
    "state",
    "country",
    "phone",
    "phone_e164",
    "phone_national",
    "phone_type",
    "phone_valid",
    "website",
    "categories",
    "latitude",
    "longitude",
    "link",
    "business_status",
    "price_range",
    "working_hours",
    "plus_code",
    "timezone",
    "image_url",
    "owner_name",
    "owner_id",
    "is_claimed",
    "description",
    "images",
)


def register(app: typer.Typer) -> None:
    """Add the ``maps`` command to the ``spidernest`` app."""
    app.command("maps")(maps_command)


def maps_command(
    query: Annotated[
        str | None, typer.Argument(help='What to search, with the place: "dentists in Lyon"')
    ] = None,
    url: Annotated[str | None, typer.Option(help="A Google Maps search or place URL")] = None,
    max_results: Annotated[int, typer.Option("--max-results", min=1, max=100)] = 20,
    lang: Annotated[str, typer.Option(help="Maps UI language")] = "en",
    output: Annotated[
        str, typer.Option("--format", help="table, csv or json (the API's data)")
    ] = "table",
    reviews: Annotated[bool, typer.Option("--reviews", help="Include reviews")] = False,
    photos: Annotated[bool, typer.Option("--photos", help="Resolve photos")] = False,
    validate_phones: Annotated[
        bool,
        typer.Option(
            "--validate-phones/--no-validate-phones", help="Check phones (libphonenumber)"
        ),
    ] = True,
    from_file: Annotated[
        Path | None,
        typer.Option("--from-file", help="Parse a saved Google answer instead of fetching"),
    ] = None,
) -> None:
    """Search Google Maps for businesses and print them as a table, CSV or JSON."""
    console = Console()
    errors = Console(stderr=True)
    if output not in ("table", "csv", "json"):
        errors.print(f"[red]--format must be table, csv or json, not {output!r}[/red]")
        raise typer.Exit(2)
    try:
        request = MapsRequest(
            search_query=query or (None if url else (from_file.name if from_file else None)),
            url=url,
            max_results=max_results,
            lang=lang,
            extract_reviews=reviews,
            extract_photos=photos,
            validate_phones=validate_phones,
        )
        if from_file is not None:
            result = result_from_payload(from_file.read_text(encoding="utf-8"), request)
        else:
            result = asyncio.run(_search(request, Settings(), console))
    except ValidationError as exc:
        errors.print(f"[red]invalid input:[/red] {exc.errors()[0]['msg']}", highlight=False)
        raise typer.Exit(2) from exc
    except OSError as exc:
        errors.print(f"[red]cannot read {from_file}:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    except SpiderNestError as exc:
        errors.print(f"[red]maps failed:[/red] {exc}", highlight=False)
        raise typer.Exit(1) from exc
    _print(console, result, output)


async def _search(request: MapsRequest, settings: Settings, console: Console) -> MapsResult:
    async with Fetcher(settings.net) as fetcher, BrowserPool(settings.net) as browser:
        if not console.is_terminal:
            return await search_maps(
                request, settings=settings.maps, fetcher=fetcher, browser=browser
            )
        with progress_bar("searching Google Maps") as progress:
            return await search_maps(
                request,
                settings=settings.maps,
                fetcher=fetcher,
                browser=browser,
                progress=progress,
            )


def _print(console: Console, result: MapsResult, output: str) -> None:
    if output == "json":
        console.print(
            result.model_dump_json(indent=2), markup=False, highlight=False, soft_wrap=True
        )
    elif output == "csv":
        console.print(
            to_csv(result.businesses), markup=False, highlight=False, soft_wrap=True, end=""
        )
    else:
        console.print(_table(result))


def to_csv(businesses: list[Business]) -> str:
    """One row per business, lists and hours flattened to ``; ``-separated text."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for business in businesses:
        row = business.model_dump(include=set(CSV_COLUMNS))
        row["categories"] = "; ".join(business.categories)
        row["latitude"] = business.coordinates.latitude if business.coordinates else None
        row["longitude"] = business.coordinates.longitude if business.coordinates else None
        hours = business.working_hours or {}
        row["working_hours"] = "; ".join(f"{day}: {value}" for day, value in hours.items())
        row["owner_name"] = business.owner.name if business.owner else None
        row["owner_id"] = business.owner.id if business.owner else None
        row["images"] = " ".join(image.url for image in business.images)
        writer.writerow(row)
    return buffer.getvalue()


def _table(result: MapsResult) -> Table:
    table = Table(title=f"{result.results_count} businesses for {result.query!r}")
    for column in ("name", "rating", "reviews", "phone", "website", "address", "category"):
        table.add_column(column, overflow="fold")
    for business in result.businesses:
        table.add_row(
            business.name or "",
            f"{business.rating:g}" if business.rating is not None else "",
            str(business.reviews_count) if business.reviews_count is not None else "",
            business.phone_e164 or business.phone or "",
            business.website or "",
            business.address or "",
            business.categories[0] if business.categories else "",
        )
    return table
