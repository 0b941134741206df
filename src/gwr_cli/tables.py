"""Pure: a table as data (headers, rows of styled cells) and its plain and
Markdown layouts. The tables themselves are built in task_tables.py (tasks,
indicators) and grouped_tables.py (counts by area, chapter, unit, leader).

`render.py` draws them with Rich on a terminal; `plain_lines` lays them out as
aligned plain text when the output is piped or very long. Cell text that a user
typed has already been through `messages.printable` here, so neither backend
can be tricked into interpreting it.

Nothing a user must read or type is cut: on a narrow terminal `column_widths`
lets prose columns (titles, notes, quotes) fold between words and Chinese
characters, and a cell of any other column is a token, never wrapped (at most
broken where it sets two tokens apart); `line_breaks.py` says where each may
break. So an id, a date, a number, an amount, a percent, a light or a progress
bar is never split or shortened; when even that does not fit, the table is
printed in the plain layout.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from itertools import chain, repeat
from operator import itemgetter

from gwr_cli.messages import (
    cell_width,
    cell_widths,
    fmt_percent,
    markdown_text,
    printable,
    text_bar,
)
from gwr_cli.records import Record

STATUS_STYLES = {
    "done": "green",
    "in-progress": "yellow",
    "blocked": "red",
    "not-started": "dim",
}
# Traffic lights as supervision offices use them; done has a colour of its own.
SCHEDULE_STYLES = {
    "done": "blue",
    "ahead": "bold green",
    "on-track": "green",
    "behind": "yellow",
    "not-started": "yellow",
    "overdue": "bold red",
}


# A light is a word as well as a colour (绿灯/黄灯/红灯), so print and NO_COLOR read.
LIGHT_STYLES = {"red": "bold red", "yellow": "yellow", "green": "green"}


class Cell(Record):
    # A record (a tuple): a listing of ten thousand tasks makes seventy thousand.
    text: str
    style: str = ""
    # In a prose column, how many characters at the start are tokens, broken
    # only between tokens as a token cell is (an id, an amount, the bar or a
    # light word among `show`'s prose values; see line_breaks.py).
    keep: int = 0


def whole(text: str, style: str = "") -> Cell:
    """A cell of tokens wherever it stands, in a prose column too."""
    return Cell(text, style, len(text))


class Table:
    """Headers and rows of styled cells; the last row may sum up the others."""

    def __init__(
        self,
        headers: list[str],
        *,
        right: set[int] | None = None,  # right-aligned columns
        title: str = "",
        show_header: bool = True,
        total_row: bool = False,
        label_style: str = "",  # style of the first column
        prose: set[int] | None = None,  # titles, notes, names: may fold anywhere
    ) -> None:
        self.headers: list[str] = [printable(header) for header in headers]
        self.rows: list[list[Cell]] = []
        self.right = right or set()
        self.prose = prose or set()
        self.title, self.show_header = printable(title), show_header
        self.total_row, self.label_style = total_row, label_style

    def add(self, *cells: Cell | str) -> None:
        # Every cell one line of printable text, whoever built the table: a
        # newline in a hand-written name must not break a line-oriented layout.
        # (One comprehension, a Cell of printable text kept as it is: a long
        # history or count table adds thousands of cells; the task listing
        # adds its rows whole, `add_printable`.)
        self.rows.append(
            [
                cell if type(cell) is Cell and cell.text.isprintable() else printable_cell(cell)
                for cell in cells
            ]
        )

    def add_printable(self, rows: list[list[Cell]]) -> None:
        """Rows whose cells are all Cells of printable text, kept as they are:
        what `add` would keep, without its check of every cell. For a builder
        that made each distinct cell printable once (`printable_cell`, `user`)
        and checks the rest itself, as task_table does for 10,000 rows."""
        self.rows += rows


def printable_cell(cell: Cell | str) -> Cell:
    """The cell as `Table.add` keeps it: a Cell of printable, one-line text."""
    if isinstance(cell, Cell):
        if cell.text.isprintable():
            return cell
        keep = len(printable(cell.text[: cell.keep])) if cell.keep else 0
        return cell._replace(text=printable(cell.text), keep=keep)
    return Cell(cell if cell.isprintable() else printable(cell))


def user(value: str) -> Cell:
    """Text someone typed, made safe and kept on one line."""
    return Cell(printable(value, single_line=True))


def plain_lines(table: Table) -> list[str]:
    """Columns aligned by display width (Chinese characters take two cells)."""
    grid = [[Cell(h) for h in table.headers]] if table.show_header else []
    grid += table.rows
    if not grid:
        return []
    # Column by column, each distinct text measured and padded once: areas,
    # dates, statuses and units repeat on every row of a long listing, and the
    # rest is mapped in C (a listing of 10,000 rows has 90,000 cells).
    padded_columns = [
        _padded(list(map(_TEXT, column)), index in table.right, table.show_header)
        for index, column in enumerate(zip(*grid, strict=True))
    ]
    gap = " " * COLUMN_GAP
    lines = [table.title] if table.title else []
    lines += map(str.rstrip, map(gap.join, zip(*padded_columns, strict=True)))
    return lines


def _padded(texts: list[str], right: bool, header: bool) -> Iterable[str]:
    """A column's texts (the first its header if `header`) padded to one width."""
    body = set(texts[1:] if header else texts)
    every = "".join(body)
    if every.isascii() and every.isprintable():
        # Printable ASCII (ids, dates, English): a character a cell, so
        # str.ljust pads each to the width in C; only a header is measured.
        full = max(map(len, body), default=0)
        if not header:
            return map(str.rjust if right else str.ljust, texts, repeat(full))
        head = texts[0]
        head_width = cell_width(head)
        full = max(full, head_width)
        spaces = " " * (full - head_width)
        padded_head = spaces + head if right else head + spaces
        body_padded = map(str.rjust if right else str.ljust, texts[1:], repeat(full))
        return chain((padded_head,), body_padded)
    widths = cell_widths(body | {texts[0]} if header else body)
    full = max(widths.values())
    if right:
        padded = {value: " " * (full - w) + value for value, w in widths.items()}
    else:
        padded = {value: value + " " * (full - w) for value, w in widths.items()}
    return map(padded.__getitem__, texts)


_TEXT = itemgetter(0)  # a Cell's text, taken in C (Cell is a tuple)


# A prose column is never made narrower than this (five Chinese characters)
# unless all its text is narrower; below it the plain layout reads better.
PROSE_MIN_WIDTH = 10
COLUMN_GAP = 2  # cells between columns, in both layouts


def column_widths(table: Table, available: int) -> list[int] | None:
    """Content widths (terminal cells) that fit the table into `available`
    cells with COLUMN_GAP between columns, or None when it cannot fit readably.

    Every column keeps its natural width if the table fits. Otherwise the
    widest columns give up cells first, as Rich does, but never below a floor,
    tried in this order until one fits:
    1. every token cell (a cell outside the prose columns) keeps its one
       line; prose wraps only between words (spaces);
    2. the same, and prose folds between Chinese characters too, down to
       PROSE_MIN_WIDTH or its widest unit (`line_breaks.widest_unit`);
    3. a cell of several tokens (a bar, its percent, the value) puts them on
       lines of their own (`line_breaks.widest_token`).
    No floor splits a token, a unit or a heading's word: an id, a date, a
    number, an amount, a percent, a light or a bar is never wrapped or cut
    (`cell_lines` lays a cell out at its width, the same way).
    """
    from gwr_cli.line_breaks import widest_token, widest_unit

    headers = table.headers if table.show_header else []
    if not headers and not table.rows:
        return []
    columns = range(len(table.headers))
    body = [[row[i] for row in table.rows] for i in columns]
    head_words = [
        max((cell_width(word) for word in headers[i].split()), default=0) if headers else 0
        for i in columns
    ]
    natural = [
        max([cell_width(headers[i]) if headers else 0, *(cell_width(c.text) for c in body[i])])
        for i in columns
    ]
    room = available - COLUMN_GAP * (len(natural) - 1)
    if sum(natural) <= room:
        return natural

    def floor(i: int, widest: Callable[[Cell], int]) -> int:
        return max([head_words[i], *map(widest, body[i])])

    def words(cell: Cell) -> int:
        kept = widest_token(cell.text[: cell.keep])
        return max([kept, *(cell_width(word) for word in cell.text[cell.keep :].split())])

    def units(cell: Cell) -> int:
        return widest_unit(cell.text, cell.keep)

    def tokens(cell: Cell) -> int:
        return widest_token(cell.text)

    def text(cell: Cell) -> int:
        return cell_width(cell.text)

    prose = table.prose
    whole_tokens = [floor(i, text) if i not in prose else 0 for i in columns]
    by_words = [floor(i, words) if i in prose else whole_tokens[i] for i in columns]
    if sum(by_words) <= room:
        return _shrink(natural, by_words, room)
    folded = [
        max(min(natural[i], PROSE_MIN_WIDTH), floor(i, units)) if i in prose else whole_tokens[i]
        for i in columns
    ]
    if sum(folded) <= room:
        return _shrink(natural, folded, room)
    parted = [folded[i] if i in prose else floor(i, tokens) for i in columns]
    if sum(parted) <= room:
        return _shrink(natural, parted, room)
    return None


def cell_lines(cell: Cell, width: int, prose: bool) -> list[str]:
    """A body cell laid out in a column `width` cells wide, as `column_widths`
    planned: prose between its units, a token cell only between its tokens."""
    from gwr_cli.line_breaks import prose_lines, token_lines

    if prose:
        return prose_lines(cell.text, width, cell.keep)
    return token_lines(cell.text, width)


def _shrink(natural: list[int], floors: list[int], room: int) -> list[int]:
    """Cap every column at one level, no column below its floor, the highest
    level that fits into room; what rounding leaves goes to capped columns."""

    def at_level(level: int) -> list[int]:
        return [max(floor, min(width, level)) for floor, width in zip(floors, natural, strict=True)]

    low, high = 0, max(natural)
    while low < high:
        middle = (low + high + 1) // 2
        if sum(at_level(middle)) <= room:
            low = middle
        else:
            high = middle - 1
    widths = at_level(low)
    spare = room - sum(widths)
    for i, width in enumerate(widths):
        if spare and width < natural[i] and width == low:
            widths[i] += 1
            spare -= 1
    return widths


@functools.cache  # a listing repeats percents: 10,000 tasks show about 500
def bar_text(percent: float) -> str:
    return f"{text_bar(percent)} {fmt_percent(percent):>4}"


def markdown_lines(table: Table) -> list[str]:
    """A table as GitHub Markdown (pipes in cells escaped), beside `plain_lines`."""
    lines = ["| " + " | ".join(markdown_text(h) for h in table.headers) + " |"]
    alignments = ("---:" if i in table.right else "---" for i in range(len(table.headers)))
    lines.append("|" + "|".join(alignments) + "|")
    lines += ["| " + " | ".join(markdown_text(c.text) for c in row) + " |" for row in table.rows]
    return lines
