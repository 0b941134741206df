"""Pure: where text shown on a terminal may break into lines, and where never.

The one rule of the terminal layout: an id, a date, a number, an amount, a
percent, a light word or a progress bar is never wrapped or cut. Text comes
in two kinds:

- A **token** (what a table's non-prose columns hold: ids, dates, counts,
  amounts, progress bars, lights, statuses): kept whole. A cell may hold
  several tokens set two spaces apart (`######----  60%  3/5 km`: the bar
  with its percent, then the value); it breaks only there, each token on its
  line.
- **Prose** (titles, notes, names, quotes, gwr's own sentences): breaks
  between words and between Chinese characters, but never inside a unit:
  a run of letters, digits and signs without a space (an id, `2021-07-01`,
  `50%`, `2.7`, an English word, a URL), a Chinese date (`2021年5月16日`)
  or an amount (`2824.6亿元`); an emoji sequence or flag is one unit; only
  words of letters joined by hyphens (`sweep-wash-clear`) may break after a
  hyphen, as English does (so an id typed in a note breaks there only when it
  has no digit: gwr's own ids are tokens, never prose);
  closing punctuation stays with the unit before it (never starts a line)
  and opening punctuation with the unit after it. A prose text may begin
  with `keep` characters that break as a token cell does (a light word
  before its reason, the bar and value among `show`'s prose).

A unit wider than the line it is laid out in gets a line of its own, whole:
the layout (`tables.column_widths`) makes every column at least as wide as
its widest unit, or prints the plain layout instead.

Widths are terminal cells as Rich measures them (`messages.cell_width`).
Used only for a terminal: piped output never breaks a line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gwr_cli.messages import cell_width
from gwr_cli.patterns import LazyPattern

# Tokens in one cell are set two spaces apart (or more); one space never
# separates two tokens ("CNY 27.5 billion", "in progress"), nor do the spaces
# that pad a progress bar's percent ("----------   0%": after "#" or "-").
_TOKEN_GAP = LazyPattern(r"(?<![#\- ])( {2,})")

_OPENING = "（《「『“‘〈【〔"
_CLOSING = "，。、；：！？）》」』”’〉】〕…%％"
_PROSE = LazyPattern(
    rf"""
    (\s+)                                       # where a line may break
    | [{_OPENING}]*                             # stays with what follows
      (?: \d+年\d+月(?:\d+日)? | \d+月\d+日        # a Chinese date
        | [!-~０-９．％]+(?:亿元|万元|元)?           # letters, digits, signs; an amount
        | [\U0001F1E6-\U0001F1FF]{{2}}           # a flag
        | \S )                                  # one character
      (?: \u200d\S | [\ufe0e\ufe0f\u20e3\U0001F3FB-\U0001F3FF\u0300-\u036f] )*
      [{_CLOSING}]*                             # stays with what precedes
    """,
    re.VERBOSE,
)

# Words of letters joined by hyphens ("sweep-wash-clear", "clean-up"), with the
# marks around them: a line may break after each hyphen, as English breaks.
# Not a run with a digit, a dot, a slash or a colon (school-no16, 2021-07-01,
# a path or a URL): that stays one unit.
_COMPOUND = LazyPattern(r"([^\w/.:]*)([A-Za-z]+(?:-[A-Za-z]+)+)([^\w/.:-]*)")


def token_parts(text: str) -> list[str]:
    """The tokens of a token cell, without the spaces between them."""
    return [part for part in _TOKEN_GAP.split(text)[::2] if part]


def prose_units(text: str, keep: int = 0) -> list[str]:
    """The units prose never breaks inside, without the spaces between them."""
    return [unit for unit, is_space in _prose_pieces(text, keep) if not is_space]


def widest_token(text: str) -> int:
    """Cells of the widest token of a token cell: the narrowest it can be laid out."""
    return max(map(cell_width, token_parts(text)), default=0)


def widest_unit(text: str, keep: int = 0) -> int:
    """Cells of the widest unit of a prose text: the narrowest it can be laid out."""
    return max(map(cell_width, prose_units(text, keep)), default=0)


def token_lines(text: str, width: int) -> list[str]:
    """A token cell in lines of at most `width` cells, broken only between its
    tokens (a token wider than `width` is a line of its own, whole)."""
    if cell_width(text) <= width:
        return [text]
    pieces = _TOKEN_GAP.split(text)
    return _fill(((piece, index % 2 == 1) for index, piece in enumerate(pieces)), width)


def prose_lines(text: str, width: int, keep: int = 0) -> list[str]:
    """Prose in lines of at most `width` cells, broken only between units (a
    unit wider than `width` is a line of its own, whole); the spaces where it
    breaks are dropped."""
    if cell_width(text) <= width:
        return [text]
    return _fill(_prose_pieces(text, keep), width)


def _prose_pieces(text: str, keep: int) -> Iterator[tuple[str, bool]]:
    """(piece, is_space) in order: the kept tokens, then units, with the spaces between."""
    if keep:
        pieces = _TOKEN_GAP.split(text[:keep])
        yield from ((piece, index % 2 == 1) for index, piece in enumerate(pieces))
        text = text[keep:]
    for match in _PROSE.finditer(text):
        unit = match.group()
        compound = _COMPOUND.fullmatch(unit) if "-" in unit else None
        if compound:  # English breaks after a hyphen between words
            opening, words, closing = compound.groups()
            parts = words.split("-")
            yield opening + parts[0] + "-", False
            yield from ((part + "-", False) for part in parts[1:-1])
            yield parts[-1] + closing, False
        else:
            yield unit, match.group(1) is not None


def _fill(pieces: Iterator[tuple[str, bool]], width: int) -> list[str]:
    """Greedy: each line takes as many pieces as fit; spaces at a break are dropped."""
    lines: list[str] = []
    line, used = "", 0
    space, space_width = "", 0
    for piece, is_space in pieces:
        if not piece:
            continue
        if is_space:
            space, space_width = space + piece, space_width + cell_width(piece)
            continue
        piece_width = cell_width(piece)
        if line and used + space_width + piece_width > width:
            lines.append(line)
            line, used = piece, piece_width
        else:
            line += space + piece
            used += space_width + piece_width
        space, space_width = "", 0
    lines.append(line)
    return lines
