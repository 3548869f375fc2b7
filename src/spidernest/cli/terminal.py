"""What the one-shot commands share on the terminal: a progress bar fed by a job's progress."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

__all__ = ["ProgressCallback", "progress_bar"]

ProgressCallback = Callable[[float, str], Awaitable[None]]


@contextmanager
def progress_bar(description: str) -> Iterator[ProgressCallback]:
    """A transient bar on stderr; yields the ``progress(fraction, message)`` a service calls."""
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(description, total=1.0)

        async def progress(fraction: float, message: str) -> None:
            bar.update(task, completed=fraction, description=message[-60:])

        yield progress
