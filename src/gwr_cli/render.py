"""Drawing tables and lines: Rich on a terminal, aligned plain text otherwise.

The only module that imports Rich, and only when it draws for a terminal:
piped output (scripts, `> file`, the benchmark) never pays for it. Listings
longer than RICH_MAX_ROWS are printed plain even on a terminal, because Rich
lays out a table cell by cell and ten thousand rows take seconds.

The console is created with markup, emoji codes and highlighting off, and all
cells are `Text` objects, so what a user typed is printed exactly as typed.
"""

from __future__ import annotations

import os
import sys
from typing import IO, Any

from gwr_cli.tables import Table, plain_lines

RICH_MAX_ROWS = 2000


def _is_terminal(stream: IO[str]) -> bool:
    if os.environ.get("FORCE_COLOR"):  # as Rich does: colour even when piped
        return True
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Output:
    """Where a command's tables and lines go."""

    def __init__(self, stream: IO[str] | None = None) -> None:
        self.stream = stream or sys.stdout
        self.terminal = _is_terminal(self.stream)
        self._console: Any = None

    def _rich_console(self) -> Any:
        if self._console is None:
            from rich.console import Console

            # Rich honours NO_COLOR itself.
            self._console = Console(file=self.stream, markup=False, emoji=False, highlight=False)
        return self._console

    def line(self, value: str = "", style: str = "") -> None:
        if self.terminal:
            from rich.text import Text

            self._rich_console().print(Text(value, style=style))
        else:
            self.stream.write(value + "\n")

    def table(self, table: Table) -> None:
        if not self.terminal or len(table.rows) > RICH_MAX_ROWS:
            self.stream.write("".join(line + "\n" for line in plain_lines(table)))
            return
        if table.title:
            self.line(table.title, "bold")
        self._rich_console().print(_rich_table(table))


def _rich_table(table: Table) -> Any:
    from rich import box
    from rich.table import Table as RichTable
    from rich.text import Text

    drawn = RichTable(
        *table.headers,
        box=box.SIMPLE_HEAD,
        header_style="bold",
        pad_edge=False,
        show_header=table.show_header,
    )
    for index in table.right:
        drawn.columns[index].justify = "right"
    if table.label_style:
        drawn.columns[0].style = table.label_style
    last = len(table.rows) - 1
    for index, row in enumerate(table.rows):
        drawn.add_row(
            *(Text(cell.text, style=cell.style) for cell in row),
            end_section=table.total_row and index == last - 1,
        )
    return drawn
