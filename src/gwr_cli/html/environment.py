"""The one Jinja2 environment every HTML page and SVG chart is rendered with."""

from __future__ import annotations

import re
from functools import cache

from gwr_cli.messages import fmt_date, fmt_number, fmt_percent, text

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from typing import Any

    from jinja2 import Environment
    from markupsafe import Markup


@cache
def environment() -> Environment:
    """Templates shipped inside the package, autoescaped whatever their name.

    Autoescape is on for every template (.html, .svg, .xml alike): all of them
    show text from the registry and the ledger. StrictUndefined makes a
    misspelt variable an error in the tests instead of an empty cell.
    """
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("gwr_cli.html", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["number"] = fmt_number
    env.filters["percent"] = fmt_percent
    env.filters["coord"] = coordinate
    env.filters["whole"] = whole
    # A date in a sentence as the text summary writes it (2021年5月16日 / 2021-05-16);
    # table columns and <time> keep ISO dates, as every table of gwr does.
    env.filters["day"] = fmt_date
    env.globals["t"] = text
    return env


def render(name: str, **context: Any) -> str:
    """A template rendered to text (a whole page or a fragment)."""
    return environment().get_template(name).render(**context)


def render_markup(name: str, **context: Any) -> Markup:
    """A fragment (an SVG chart) ready to place in a page without escaping it
    again: its own template already escaped every text inside it."""
    from markupsafe import Markup

    return Markup(render(name, **context))


def coordinate(value: float) -> str:
    """SVG coordinates with at most two decimals: short, and the same bytes for
    the same numbers on every platform (the site is compared byte for byte)."""
    rounded = round(float(value), 2)
    return fmt_number(0.0 if rounded == 0 else rounded)


# What a line may never be broken inside (browsers break after a hyphen, and
# between any two Chinese characters): an ISO date, a Chinese date
# (2021年2月24日), a bracketed task id.
_WHOLE = re.compile(
    r"\d{4}-\d{2}-\d{2}|\d{1,4}年\d{1,2}月\d{1,2}日|\[[A-Za-z0-9][A-Za-z0-9._-]{0,62}\]"
)


def whole(value: object) -> Markup:
    """Text escaped, with each date and [task-id] in it kept on one line
    (a span of class nowrap), so that 2021-02-24 never reads "2021-" / "02-24"
    nor 2021年2月24日 "2021年2月" / "24日"."""
    from markupsafe import Markup, escape

    escaped = str(escape(value))
    # The patterns hold no character escaping changes, so matching after it is safe.
    return Markup(_WHOLE.sub(lambda m: f'<span class="nowrap">{m.group()}</span>', escaped))
