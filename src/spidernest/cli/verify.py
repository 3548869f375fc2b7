"""``spidernest verify``: one-shot verification of addresses from the command line or a file."""

from __future__ import annotations

import asyncio
import csv
import io
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from spidernest.config import Settings
from spidernest.errors import SpiderNestError
from spidernest.net import Fetcher
from spidernest.services.verify import VerifyRequest, VerifyResult, verify_emails

__all__ = ["register", "to_csv"]

CSV_COLUMNS = (
    "email",
    "status",
    "sub_status",
    "quality",
    "score",
    "is_valid_syntax",
    "is_deliverable",
    "is_free_email",
    "is_disposable",
    "is_role_account",
    "is_catch_all",
    "is_disabled",
    "has_full_inbox",
    "has_gravatar",
    "domain",
    "mx_found",
    "mx_records",
    "smtp_provider",
    "gravatar_url",
    "did_you_mean",
)
_STATUS_STYLE = {"valid": "green", "invalid": "red", "risky": "yellow", "unknown": "dim"}
# The API takes at most 100 addresses per job; the CLI verifies longer files in such chunks.
_CHUNK = 100


def register(app: typer.Typer) -> None:
    """Add the ``verify`` command to the ``spidernest`` app."""
    app.command("verify")(verify_command)


def verify_command(
    emails: Annotated[list[str] | None, typer.Argument(help="Addresses to verify")] = None,
    file: Annotated[
        Path | None, typer.Option("--file", "-f", help="A file with one address per line")
    ] = None,
    output: Annotated[
        str, typer.Option("--format", help="table, csv or json (the API's data)")
    ] = "table",
    gravatar: Annotated[bool, typer.Option("--gravatar", help="Look up Gravatar")] = False,
    dnsbl: Annotated[bool, typer.Option("--dnsbl", help="Check the MX IPs on DNSBLs")] = False,
    smtp_timeout: Annotated[
        int, typer.Option("--smtp-timeout", min=10, max=120, help="Seconds per SMTP wait")
    ] = 45,
    from_email: Annotated[str | None, typer.Option("--from", help="MAIL FROM address")] = None,
    hello_name: Annotated[str | None, typer.Option("--hello", help="EHLO name")] = None,
) -> None:
    """Tell which addresses will bounce: syntax, DNS, and a real SMTP conversation."""
    console = Console()
    errors = Console(stderr=True)
    if output not in ("table", "csv", "json"):
        errors.print(f"[red]--format must be table, csv or json, not {output!r}[/red]")
        raise typer.Exit(2)
    addresses = list(emails or [])
    if file is not None:
        try:
            lines = file.read_text(encoding="utf-8-sig").splitlines()
        except OSError as exc:
            errors.print(f"[red]cannot read {file}:[/red] {exc}", highlight=False)
            raise typer.Exit(2) from exc
        addresses += [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    if not addresses:
        errors.print("[red]give addresses as arguments or with --file[/red]")
        raise typer.Exit(2)
    try:
        requests = [
            VerifyRequest(
                emails=addresses[start : start + _CHUNK],
                check_gravatar=gravatar,
                check_dnsbl=dnsbl,
                smtp_timeout_secs=smtp_timeout,
                from_email=from_email,
                hello_name=hello_name,
            )
            for start in range(0, len(addresses), _CHUNK)
        ]
        result = asyncio.run(_verify(requests, Settings(), errors))
    except ValidationError as exc:
        errors.print(f"[red]invalid input:[/red] {exc.errors()[0]['msg']}", highlight=False)
        raise typer.Exit(2) from exc
    except SpiderNestError as exc:
        errors.print(f"[red]verify failed:[/red] {exc}", highlight=False)
        raise typer.Exit(1) from exc
    _print(console, result, output)


async def _verify(
    requests: list[VerifyRequest], settings: Settings, errors: Console
) -> VerifyResult:
    total = sum(len(request.addresses) for request in requests)
    results: list[VerifyResult] = []
    async with Fetcher(settings.net) as fetcher:
        with Progress(
            TextColumn("verifying"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=errors,
            transient=True,
            disable=not errors.is_terminal,
        ) as bar:
            task = bar.add_task("verifying", total=total)
            finished = 0
            for request in requests:

                async def progress(done: int, of: int, base: int = finished) -> None:
                    bar.update(task, completed=base + done)

                results.append(
                    await verify_emails(
                        request, settings=settings.verify, fetcher=fetcher, progress=progress
                    )
                )
                finished += len(request.addresses)
    return _merge(results)


def _merge(results: list[VerifyResult]) -> VerifyResult:
    """One envelope for several chunks (a file of more than 100 addresses)."""
    if len(results) == 1:
        return results[0]
    merged = results[0].model_copy(deep=True)
    for extra in results[1:]:
        merged.results.extend(extra.results)
        merged.total += extra.total
        merged.billable_count += extra.billable_count
        for name in ("valid", "invalid", "risky", "unknown"):
            setattr(
                merged.summary, name, getattr(merged.summary, name) + getattr(extra.summary, name)
            )
        merged.metadata.total_time_seconds += extra.metadata.total_time_seconds
        merged.metadata.rate_limit_delay_seconds += extra.metadata.rate_limit_delay_seconds
    return merged


def _print(console: Console, result: VerifyResult, output: str) -> None:
    if output == "json":
        console.print(
            result.model_dump_json(indent=2), markup=False, highlight=False, soft_wrap=True
        )
    elif output == "csv":
        console.print(to_csv(result), markup=False, highlight=False, soft_wrap=True, end="")
    else:
        console.print(_table(result))


def to_csv(result: VerifyResult) -> str:
    """One row per address: verdict, flags and domain facts; MX hosts joined by ``; ``."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for item in result.results:
        row: dict[str, object] = {
            "email": item.email,
            "status": item.status,
            "sub_status": item.sub_status,
            "quality": item.quality,
            "score": item.score,
            **item.flags.model_dump(),
            "domain": item.domain.name,
            "mx_found": item.domain.mx_found,
            "mx_records": "; ".join(item.domain.mx_records),
            "smtp_provider": item.domain.smtp_provider,
            "gravatar_url": item.gravatar_url,
            "did_you_mean": item.did_you_mean,
        }
        writer.writerow(row)
    return buffer.getvalue()


def _table(result: VerifyResult) -> Table:
    counts = result.summary
    table = Table(
        title=f"{result.total} addresses: {counts.valid} valid, {counts.invalid} invalid, "
        f"{counts.risky} risky, {counts.unknown} unknown"
    )
    for column in ("email", "status", "sub_status", "score", "provider", "did you mean"):
        table.add_column(column, overflow="fold")
    for item in result.results:
        style = _STATUS_STYLE[item.status]
        # Addresses and server replies are data: Text keeps "[...]" in them from being markup.
        table.add_row(
            Text(item.email),
            Text(item.status, style=style),
            Text(item.sub_status),
            str(item.score),
            Text(item.domain.smtp_provider or ""),
            Text(item.did_you_mean or ""),
        )
    return table
