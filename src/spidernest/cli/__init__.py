"""The one ``spidernest`` command: serve, worker, clients, and one-shot maps / site / verify."""

from __future__ import annotations

import importlib
import logging

import typer

from spidernest.cli import platform as _platform_commands

app = typer.Typer(
    name="spidernest",
    help="SpiderNest: lead generation and web data, self-hosted.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

_platform_commands.register(app)
# One-shot service commands; each module adds its own command to the app.
for _name in ("site", "verify", "maps"):
    try:
        _module = importlib.import_module(f"spidernest.cli.{_name}")
    except ModuleNotFoundError as _exc:  # a service not yet installed in this tree
        if _exc.name != f"spidernest.cli.{_name}":
            raise
        continue
    _module.register(app)


def main() -> None:
    """Entry point of the ``spidernest`` console script."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app()
