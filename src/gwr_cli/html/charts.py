"""Pure: inline SVG charts from plain numbers, drawn by Jinja2 templates.

This module computes geometry (numbers only); the templates in
`templates/charts/` write the markup, autoescaping every label. Each chart is
an `<svg>` with a viewBox and no fixed size, so it scales to the page, and it
carries its numbers as text (counts in the legend, values beside bars):
colours always come with a label and a fill pattern, so a greyscale print
still tells the states apart.

Chart ids must be unique within one page: they prefix the pattern ids.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from gwr_cli.messages import cell_width, fmt_percent, text
from gwr_cli.records import Record

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from markupsafe import Markup


class Style(Record):
    colour: str
    pattern: str  # solid, hatch, back-hatch, dots, cross, grid: see charts/patterns.svg


# One look per state or light, the same in every chart and on every page.
STYLES: dict[str, Style] = {
    "done": Style("#1f5fa8", "solid"),
    "in-progress": Style("#3c9a5f", "hatch"),
    "ahead": Style("#1e7a45", "grid"),
    "on-track": Style("#5cb87a", "hatch"),
    "blocked": Style("#c0392b", "cross"),
    "behind": Style("#e0a526", "back-hatch"),
    "not-started": Style("#a7aeb8", "dots"),
    "overdue": Style("#b3261e", "cross"),
    "green": Style("#2e8b57", "solid"),
    "yellow": Style("#e0a526", "back-hatch"),
    "red": Style("#b3261e", "cross"),
}

WIDTH = 640  # viewBox width of every chart; the page scales it
MAX_LABEL = 300  # widest bar label; a longer one is shortened (full text in its tooltip)
# Widths at the charts' 13-unit font: a CJK character is a square; Latin text in
# the usual sans-serif fonts averages a little over half of that (measured in
# Chromium with DejaVu Sans and Noto Sans: 7.0-7.6).
_WIDE, _NARROW = 13.0, 7.6


def text_width(label: str) -> float:
    """Estimated width of a label at the charts' font size (a safe overestimate)."""
    cells = cell_width(label)
    wide = cells - len(label)  # each wide character takes two cells
    return wide * _WIDE + (len(label) - wide) * _NARROW


def fit_label(label: str, width: float = MAX_LABEL) -> str:
    """The label, shortened with an ellipsis when wider than width."""
    if text_width(label) <= width:
        return label
    while label and text_width(label + "…") > width:
        label = label[:-1]
    return label + "…"


class Segment(Record):
    key: str  # the state: picks colour and pattern
    label: str
    count: int
    note: str = ""  # said after the count in the legend, e.g. （其中受阻1项）


class Bar(Record):
    label: str
    done: int
    total: int


class WeekPoint(Record):
    day: dt.date  # the week's last day (or the as-of date for the last point)
    done: int  # tasks completed by that day, cumulative


def stacked_bar(chart_id: str, title: str, segments: Sequence[Segment], lang: str) -> Markup:
    """One bar split by a partition (states summing to the total), a legend
    with each state's count and share. Empty states stay in the legend (0)."""
    from gwr_cli.html.environment import render_markup

    total = sum(s.count for s in segments)
    parts, x = [], 0.0
    for segment in segments:
        width = WIDTH * segment.count / total if total else 0.0
        parts.append(
            {
                "segment": segment,
                "x": x,
                "width": width,
                "percent": fmt_percent(share(segment.count, total)),
            }
        )
        x += width
    opening, closing = text("html.open", lang), text("html.close", lang)
    legend, y = _flow(
        [
            f"{p['segment'].label} {p['segment'].count}{opening}{p['percent']}{closing}"
            + p["segment"].note
            for p in parts
        ]
    )
    return render_markup(
        "charts/stacked.svg",
        chart_id=chart_id,
        title=title,
        total=total,
        parts=parts,
        legend=legend,
        height=y,
        width=WIDTH,
        styles=STYLES,
        keys=sorted({s.key for s in segments}),
    )


def _flow(labels: list[str], top: float = 52.0) -> tuple[list[dict], float]:
    """Legend entries placed left to right, wrapping at the chart's width."""
    entries, x, y = [], 0.0, top
    for index, label in enumerate(labels):
        width = 20 + text_width(label) + 18
        if x and x + width > WIDTH:
            x, y = 0.0, y + 22
        entries.append({"index": index, "label": label, "x": x, "y": y})
        x += width
    return entries, y + 12


def horizontal_bars(chart_id: str, title: str, bars: Sequence[Bar]) -> Markup:
    """One bar per group (area, unit): done of total, with "done/total percent"."""
    from gwr_cli.html.environment import render_markup

    label_width = min(max((text_width(b.label) for b in bars), default=0), MAX_LABEL) + 12
    value_width = 96
    track = WIDTH - label_width - value_width
    rows = [
        {
            "bar": bar,
            "label": fit_label(bar.label),
            "y": index * 26,
            "fill": track * bar.done / bar.total if bar.total else 0.0,
            "value": f"{bar.done}/{bar.total} {fmt_percent(share(bar.done, bar.total))}",
        }
        for index, bar in enumerate(bars)
    ]
    return render_markup(
        "charts/bars.svg",
        chart_id=chart_id,
        title=title,
        rows=rows,
        label_width=label_width,
        track=track,
        width=WIDTH,
        height=max(len(rows), 1) * 26,
        styles=STYLES,
    )


def share(part: int, whole: int) -> float:
    """part of whole in percent, 0..100 (0 of nothing is 0)."""
    return part / whole * 100 if whole else 0.0


def cumulative_by_week(
    done_dates: Iterable[dt.date], opens: dt.date, as_of: dt.date
) -> list[WeekPoint]:
    """Tasks completed by the end of each week (Sunday) from the week the
    window opens to the as-of date; the last point is the as-of date itself."""
    ordered = sorted(done_dates)
    points: list[WeekPoint] = []
    # Never a date past as_of, which may be 9999-12-31: the Sunday after it
    # does not exist (OverflowError, a bug exit of `summary --format html`).
    day = opens + dt.timedelta(days=min(6 - opens.weekday(), (dt.date.max - opens).days))
    while day < as_of:
        points.append(WeekPoint(day, sum(1 for d in ordered if d <= day)))
        if (as_of - day).days <= 7:  # the next Sunday is as_of or after it
            break
        day += dt.timedelta(days=7)
    points.append(WeekPoint(as_of, sum(1 for d in ordered if d <= as_of)))
    return points


def cumulative_chart(
    chart_id: str,
    title: str,
    points: Sequence[WeekPoint],
    total: int,
    opens: dt.date,
    closes: dt.date,
    labels: dict[str, str],
    lang: str,
) -> Markup:
    """Completions so far (solid line, one point a week) against the ideal
    straight line from none at `opens` to all `total` at `closes` (dashed).

    labels: "actual" and "ideal", the legend's words.
    """
    from gwr_cli.html.environment import render_markup

    left, right, top, bottom = 44.0, WIDTH - 12.0, 12.0, 212.0
    span = max((closes - opens).days, 1)
    ceiling = max(total, max((p.done for p in points), default=0), 1)

    def x_of(day: dt.date) -> float:
        return left + (right - left) * min(max((day - opens).days, 0), span) / span

    def y_of(count: float) -> float:
        return bottom - (bottom - top) * count / ceiling

    line = [(x_of(p.day), y_of(p.done)) for p in points]
    months = []
    month = dt.date(opens.year, opens.month, 1)
    while month <= closes:
        if month >= opens:
            name = f"{month.month}月" if lang == "zh" else month.strftime("%b")
            months.append({"x": x_of(month), "label": name})
        month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    ticks = sorted({0, ceiling // 2, ceiling})
    last = points[-1] if points else None
    return render_markup(
        "charts/cumulative.svg",
        chart_id=chart_id,
        title=title,
        line=line,
        ideal=((x_of(opens), y_of(0)), (x_of(closes), y_of(total))),
        months=months,
        ticks=[{"y": y_of(t), "label": str(t)} for t in ticks],
        left=left,
        right=right,
        top=top,
        bottom=bottom,
        width=WIDTH,
        height=bottom + 48,
        last=last,
        last_xy=line[-1] if line else None,
        labels=labels,
        styles=STYLES,
    )
