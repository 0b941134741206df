"""Drawing tables and lines: Rich on a terminal, aligned plain text otherwise.

The only module that imports Rich, and only when it draws for a terminal:
piped output (scripts, `> file`, the benchmark) never pays for it. Listings
longer than RICH_MAX_ROWS are printed plain even on a terminal, because Rich
lays out a table cell by cell and ten thousand rows take seconds.

The console is created with markup, emoji codes and highlighting off, and all
cells are `Text` objects, so what a user typed is printed exactly as typed.
Column widths come from `tables.column_widths`, and each cell is broken into
lines here, before Rich sees it (`tables.cell_lines`), so Rich never wraps a
cell itself: an id, a date, a number, an amount, a percent, a light or a bar
is never wrapped and nothing is cut with "…"; a terminal too narrow for that
gets the plain layout. Lines (a table's title, the sentences under it) break
the same way as prose (`line_breaks.prose_lines`). Everything is written in
the stream's encoding (`messages.encodable`), measured after replacement.
"""

from __future__ import annotations

import os
import sys
from itertools import chain
from operator import itemgetter

from gwr_cli.messages import cell_width, encodable, printable
from gwr_cli.tables import COLUMN_GAP, Cell, Table, cell_lines, column_widths, plain_lines

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from typing import IO, Any

RICH_MAX_ROWS = 2000


def _is_terminal(stream: IO[str]) -> bool:
    if os.environ.get("FORCE_COLOR"):  # as Rich does: colour even when piped
        return True
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _is_utf(encoding: str | None) -> bool:
    return (encoding or "utf-8").lower().replace("-", "").replace("_", "") in ("utf8", "utf8sig")


class Output:
    """Where a command's tables and lines go."""

    def __init__(self, stream: IO[str] | None = None) -> None:
        self.stream = stream or sys.stdout
        self.terminal = _is_terminal(self.stream)
        self.encoding: str | None = getattr(self.stream, "encoding", None)
        self._console: Any = None

    def _rich_console(self) -> Any:
        if self._console is None:
            from rich.console import Console

            # Rich honours NO_COLOR itself.
            self._console = Console(file=self.stream, markup=False, emoji=False, highlight=False)
        return self._console

    def line(self, value: str = "", style: str = "") -> None:
        """One line: a line break or control character in value is shown, not obeyed."""
        try:
            self._line(value, style)
        except OSError as error:
            from gwr_cli.output import refused

            raise refused(error, self.stream) from None

    def _line(self, value: str, style: str) -> None:
        value = encodable(printable(value), self.encoding)
        if self.terminal:
            from rich.text import Text

            from gwr_cli.line_breaks import prose_lines

            # Broken between words and Chinese characters, never inside a
            # number or a date; soft_wrap: Rich neither breaks nor crops it
            # again (a unit wider than the terminal is left to the terminal).
            console = self._rich_console()
            lines = prose_lines(value, console.width)
            console.print(Text("\n".join(lines), style=style), soft_wrap=True)
        else:
            self.stream.write(value + "\n")

    def table(self, table: Table) -> None:
        try:
            self._table(table)
        except OSError as error:
            from gwr_cli.output import refused

            raise refused(error, self.stream) from None

    def _table(self, table: Table) -> None:
        if not _is_utf(self.encoding):
            table = _encodable_table(table, self.encoding)
        if not self.terminal or len(table.rows) > RICH_MAX_ROWS:
            lines = plain_lines(table)
            if lines:  # one string, one write: a listing of 10,000 tasks is about 2 MB
                self.stream.write("\n".join(lines) + "\n")
            return
        if table.title:
            self.line(table.title, "bold")
        console = self._rich_console()
        widths = column_widths(table, console.width)
        if widths is None:  # too narrow to wrap readably: the plain layout, in colour
            for line in _styled_plain_lines(table):
                console.print(line, soft_wrap=True)
            return
        console.print(_rich_table(table, widths))


def _encodable_table(table: Table, encoding: str | None) -> Table:
    """The table with every text as a stream in `encoding` can show it (a
    copy, or the table itself when all of it can be shown), so that both
    layouts measure what is really printed."""

    # Most often all of it can be shown (Chinese text on a GBK console): one
    # encoding of all the text tells, where a listing of 10,000 tasks would
    # take 90,000 (70 ms). Otherwise each distinct cell is made once.
    texts = [table.title, *table.headers, *map(_TEXT, chain.from_iterable(table.rows))]
    try:
        "".join(texts).encode(encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        pass
    else:
        return table

    def shown(value: str) -> str:
        return encodable(value, encoding)

    import copy  # rarely needed: ~1 ms of start-up (weakref) otherwise

    result = copy.copy(table)
    result.headers = [shown(header) for header in table.headers]
    result.title = shown(table.title)
    made = {
        cell: Cell(shown(cell.text), cell.style, len(shown(cell.text[: cell.keep])))
        for cell in set(chain.from_iterable(table.rows))
    }
    result.rows = [list(map(made.__getitem__, row)) for row in table.rows]
    return result


_TEXT = itemgetter(0)  # a Cell's text, taken in C (Cell is a tuple)


def _styled_plain_lines(table: Table) -> list[Any]:
    """The plain layout's lines as Rich Text, each cell in its style."""
    from rich.text import Text

    widths = column_widths(table, sys.maxsize) or []
    header = [Cell(h, "bold") for h in table.headers] if table.show_header else None
    lines = []
    for row in ([header] if header else []) + table.rows:
        line = Text()
        for index, (cell, width) in enumerate(zip(row, widths, strict=True)):
            padding = " " * (width - cell_width(cell.text))
            if index:
                line.append(" " * COLUMN_GAP)
            if index in table.right:
                line.append(padding)
            style = cell.style or (table.label_style if index == 0 and row is not header else "")
            line.append(cell.text, style=style)
            if index not in table.right:
                line.append(padding)
        line.rstrip()
        lines.append(line)
    return lines


def _rich_table(table: Table, widths: list[int]) -> Any:
    from rich import box
    from rich.table import Table as RichTable
    from rich.text import Text

    drawn = RichTable(
        box=box.SIMPLE_HEAD,
        header_style="bold",
        pad_edge=False,
        show_edge=False,
        padding=(0, COLUMN_GAP - 1, 0, 0),  # with the box's one-cell divider: the gap
        show_header=table.show_header,
    )
    for index, (header, width) in enumerate(zip(table.headers, widths, strict=True)):
        # A heading wraps between its words (no column is narrower than one);
        # "fold", never "ellipsis", should Rich ever measure otherwise.
        drawn.add_column(
            header,
            width=width,
            overflow="fold",
            justify="right" if index in table.right else "left",
            style=table.label_style if index == 0 else "",
        )
    prose = [index in table.prose for index in range(len(widths))]
    last = len(table.rows) - 1
    for index, row in enumerate(table.rows):
        # Each cell already in the lines its width allows (`cell_lines`): Rich
        # only draws them, never wraps or cuts one.
        drawn.add_row(
            *(
                Text(
                    "\n".join(cell_lines(cell, width, is_prose)),
                    style=cell.style,
                    no_wrap=True,
                    overflow="ignore",
                )
                for cell, width, is_prose in zip(row, widths, prose, strict=True)
            ),
            end_section=table.total_row and index == last - 1,
        )
    return drawn
