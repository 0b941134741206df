"""Allow `python -m gwr_cli`."""

from gwr_cli.cli import main

main()
