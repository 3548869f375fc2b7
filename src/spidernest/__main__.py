"""``python -m spidernest``: the same as the ``spidernest`` command."""

from spidernest.cli import main

main()
