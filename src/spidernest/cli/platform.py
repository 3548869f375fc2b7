"""Platform commands: ``serve``, ``worker`` and ``clients``."""

from __future__ import annotations

import asyncio
import gc
import signal
import socket
from typing import Annotated

import typer
import uvicorn
from rich.console import Console
from rich.table import Table

from spidernest.config import Settings
from spidernest.store.clients import ClientStore, Credential
from spidernest.store.database import Database

__all__ = ["register"]

console = Console()
err_console = Console(stderr=True)

clients_app = typer.Typer(help="Manage API clients (credentials).", no_args_is_help=True)


async def _with_clients(settings: Settings) -> tuple[Database, ClientStore]:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    database = Database(settings.resolved_database_url)
    await asyncio.to_thread(database.migrate)
    return database, ClientStore(database)


def _show_credential(credential: Credential, base_url: str) -> None:
    console.print(f"[bold]Client[/bold] {credential.name} ({credential.client_id})")
    console.print("[bold]Token[/bold] (shown once, store it now):")
    console.print(credential.token, soft_wrap=True, highlight=False)
    console.print("[bold]Try it:[/bold]")
    console.print(
        f"curl -s -X POST {base_url}/api/v1/jobs/spiderVerify/submit "
        f'-H "Authorization: Bearer {credential.token}" '
        "-H 'Content-Type: application/json' "
        """-d '{"payload": {"email": "info@example.com"}}'""",
        soft_wrap=True,
        highlight=False,
    )


@clients_app.command("create")
def clients_create(name: Annotated[str, typer.Argument(help="A name for the client")]) -> None:
    """Create a client and print its token (once)."""

    async def run() -> Credential:
        database, clients = await _with_clients(Settings())
        try:
            return await clients.create(name)
        finally:
            await database.aclose()

    _show_credential(asyncio.run(run()), "http://127.0.0.1:8000")


@clients_app.command("list")
def clients_list() -> None:
    """List clients (never their secrets)."""

    async def run() -> list[tuple[str, str, bool, str]]:
        database, clients = await _with_clients(Settings())
        try:
            return [
                (row.id, row.name, row.is_active, row.created_at.isoformat())
                for row in await clients.list()
            ]
        finally:
            await database.aclose()

    table = Table("client_id", "name", "active", "created_at")
    for client_id, name, active, created in asyncio.run(run()):
        table.add_row(client_id, name, "yes" if active else "no", created)
    console.print(table)


def _set_active(client_id: str, active: bool) -> None:
    async def run() -> bool:
        database, clients = await _with_clients(Settings())
        try:
            return await clients.set_active(client_id, active)
        finally:
            await database.aclose()

    if not asyncio.run(run()):
        err_console.print(f"no client {client_id}")
        raise typer.Exit(1)
    console.print(f"{client_id} {'enabled' if active else 'disabled'}")


@clients_app.command("disable")
def clients_disable(client_id: str) -> None:
    """Disable a client: its calls get 403 from now on."""
    _set_active(client_id, False)


@clients_app.command("enable")
def clients_enable(client_id: str) -> None:
    """Enable a disabled client again."""
    _set_active(client_id, True)


def _bootstrap_client(settings: Settings, base_url: str) -> None:
    """On an empty database, create a default client and print how to call the API."""

    async def run() -> Credential | None:
        database, clients = await _with_clients(settings)
        try:
            if await clients.count():
                return None
            return await clients.create("default")
        finally:
            await database.aclose()

    credential = asyncio.run(run())
    if credential is not None:
        console.rule("First start: a default client was created")
        _show_credential(credential, base_url)
        console.rule()
    else:
        console.print("Clients exist already; `spidernest clients create NAME` issues a new token.")


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on")] = 8000,
    workers: Annotated[
        bool, typer.Option("--workers/--no-workers", help="Also run jobs in this process")
    ] = True,
    name: Annotated[str, typer.Option(help="Process name (with the host: the worker id)")] = "main",
) -> None:
    """Run the API (and, by default, the job workers) in one process."""
    settings = Settings()
    shown_host = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    base_url = settings.api.public_url or f"http://{shown_host}:{port}"
    _bootstrap_client(settings, base_url)
    if not settings.is_postgres and not workers:
        err_console.print(
            "[yellow]--no-workers on SQLite: jobs only run if a worker shares this process; "
            "use PostgreSQL (SPIDERNEST_DATABASE_URL) for separate worker processes.[/yellow]"
        )
    from spidernest.api.app import create_app

    app = create_app(settings, run_workers=workers, name=name, public_url=base_url)
    console.print(f"SpiderNest API on {base_url}  (docs: {base_url}/docs)")
    # Everything imported so far lives as long as the process: keep it out of the collector's
    # full passes, which otherwise pause every request now and then.
    gc.freeze()
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


def worker(
    name: Annotated[
        str, typer.Option(help="Process name; unique per host (forms the worker id)")
    ] = "worker",
) -> None:
    """Run job workers only (several processes or machines sharing one PostgreSQL)."""
    settings = Settings()
    if not settings.is_postgres:
        err_console.print(
            "[yellow]Separate worker processes need PostgreSQL (SPIDERNEST_DATABASE_URL); "
            "on SQLite use `spidernest serve`, which runs workers in-process.[/yellow]"
        )
    from spidernest.jobs.catalog import load_job_types
    from spidernest.jobs.platform import Platform

    job_types = load_job_types(settings.jobs.extra_job_types)

    async def run() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        async with Platform(settings, job_types, name=name, run_workers=True) as platform:
            console.print(
                f"worker {platform.engine.executor_id} on {socket.gethostname()} "
                f"serving {', '.join(platform.engine.queues)}"
            )
            await stop.wait()

    asyncio.run(run())


def register(app: typer.Typer) -> None:
    """Add the platform commands to the CLI."""
    app.command()(serve)
    app.command()(worker)
    app.add_typer(clients_app, name="clients")
