"""The one ``spidernest`` command: serve, worker, clients, and one-shot maps / site / verify."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="spidernest",
    help="SpiderNest: lead generation and web data, self-hosted.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


def main() -> None:
    """Entry point of the ``spidernest`` console script."""
    app()
