"""The one ``spidernest`` command: serve, worker, clients, and one-shot maps / site / verify."""

from __future__ import annotations

import logging

import typer

from spidernest.cli import maps, platform, site, verify

app = typer.Typer(
    name="spidernest",
    help="SpiderNest: lead generation and web data, self-hosted.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

for _commands in (platform, site, maps, verify):
    _commands.register(app)


def main() -> None:
    """Entry point of the ``spidernest`` console script."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app()
