"""The one ``spidernest`` command: serve, worker, clients, and one-shot maps / site / verify.

Each command's module is imported only when that command runs, so ``spidernest verify`` does
not pay for the web server, the database layer or the crawler.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING

import typer
from typer.core import TyperGroup

if TYPE_CHECKING:
    # Typer carries its own copy of Click; these are its types.
    from typer._click.core import Command, Context

__all__ = ["app", "main"]

# Command name → the module whose ``register(app)`` defines it.
_COMMANDS = {
    "serve": "spidernest.cli.platform",
    "worker": "spidernest.cli.platform",
    "clients": "spidernest.cli.platform",
    "site": "spidernest.cli.site",
    "maps": "spidernest.cli.maps",
    "verify": "spidernest.cli.verify",
}


class _LazyCommands(TyperGroup):
    def list_commands(self, ctx: Context) -> list[str]:
        return list(_COMMANDS)

    def get_command(self, ctx: Context, cmd_name: str) -> Command | None:
        module_name = _COMMANDS.get(cmd_name)
        if module_name is None:
            return None
        commands = typer.Typer()
        importlib.import_module(module_name).register(commands)
        group = typer.main.get_command(commands)
        if isinstance(group, TyperGroup):
            return group.get_command(ctx, cmd_name)
        return group


app = typer.Typer(
    name="spidernest",
    cls=_LazyCommands,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """SpiderNest: lead generation and web data, self-hosted."""


def main() -> None:
    """Entry point of the ``spidernest`` console script."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app()
