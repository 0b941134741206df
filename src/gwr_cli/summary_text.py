"""The summary of a period rendered as plain text or Markdown.

Reads `summary.WeeklySummary` and computes no number of its own: every count
comes from the data (and so from the one tally). An HTML renderer sits beside
this one and reads the same data. Each item's line is worded in
summary_lines.py; this module makes the sections and lays them out.
"""

from __future__ import annotations

import datetime as dt

from gwr_cli.messages import (
    localized,
    markdown_text,
    printable,
    text,
)
from gwr_cli.records import Record
from gwr_cli.summary import (
    WeeklySummary,
)
from gwr_cli.summary_lines import (
    _alert_line,
    _day,
    _indicator_line,
    _item,
    _report_line,
    _silent_line,
    _title,
    _upcoming_progress,
    _value_change,
    _warning_line,
    _with_note,
)
from gwr_cli.tally import headline_lines, light_line, tally_of

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from gwr_cli.tables import Table


class _Section(Record):
    heading: str
    items: tuple[str, ...] | list[str] = ()
    table: Table | None = None
    key: str = ""  # what it is: its heading's message key without "sum." (completed, areas…)


# Headings that say "this week" (本周…), and their wording for any other period.
_PERIOD_WORDED = {
    "sum.change": "sum.change.period",
    "sum.nochange": "sum.nochange.period",
    "sum.nochange.recorded": "sum.nochange.recorded.period",
    "sum.completed": "sum.completed.period",
    "sum.started": "sum.started.period",
    "sum.progressed": "sum.progressed.period",
    "sum.notes": "sum.notes.period",
    "sum.indicators": "sum.indicators.period",
}


def _say(key: str, summary: WeeklySummary, lang: str, **values: object) -> str:
    """`text(key)`, with "this month" (本月…) for "this week" when the period is no week."""
    kind = summary.period.kind
    if kind == "week" or key not in _PERIOD_WORDED:
        return text(key, lang, **values)
    word = text(f"sum.this.{kind}", lang)
    capital = word[:1].upper() + word[1:]
    return text(_PERIOD_WORDED[key], lang, period=word, Period=capital, **values)


def _year_end(summary: WeeklySummary, lang: str) -> str:
    """The report's own closing words ("…70项已经完成，3项正在推进。"), which
    count every unfinished task as under way: true only when all have started.
    Otherwise the not-started ones are named apart, as the headline after it does."""
    tally = tally_of(summary.counts)
    if not tally.not_started:
        return text("sum.year_end", lang, **summary.year_end)
    return text(
        "sum.year_end.idle",
        lang,
        total=tally.total,
        done=tally.done,
        active=tally.in_progress,
        idle=tally.not_started,
    )


def _headline(summary: WeeklySummary, lang: str) -> str:
    """The dated count of both partitions, the lights (always: they come from
    the schedule, as in `gwr status`, with or without a 分工), then what the
    period brought: its changes, else what it recorded without a change (notes,
    reports, indicator values), else that nothing was recorded."""
    report = localized(summary, "report_title", lang)
    date = _day(summary.as_of, lang)
    tally = tally_of(summary.counts)
    lines = headline_lines(tally, lang, date=date, report=report)
    lit = light_line(tally, lang)
    lines += [lit] if lit else []
    joiner = "" if lang == "zh" else " "
    moved = (
        summary.completed,
        summary.withdrawn,
        summary.started,
        summary.progressed,
        summary.corrected,
        summary.blocked,
    )
    recorded = _recorded(summary, lang)
    if any(moved):
        extra = ""
        if summary.withdrawn:
            extra += text("sum.change.withdrawn", lang, count=len(summary.withdrawn))
        if summary.corrected:
            extra += text("sum.change.corrected", lang, count=len(summary.corrected))
        change = _say(
            "sum.change",
            summary,
            lang,
            completed=len(summary.completed),
            started=len(summary.started),
            progressed=len(summary.progressed),
            blocked=len(summary.blocked),
            extra=extra,
        )
    elif recorded:
        change = _say("sum.nochange.recorded", summary, lang, recorded=recorded)
    else:
        change = _say("sum.nochange", summary, lang)
    return joiner.join([*lines, change])


def _recorded(summary: WeeklySummary, lang: str) -> str:
    """What the period's sections list besides changes, counted as they list
    it (备注6条、存在问题与下步措施3条 / 6 notes, 3 reports of problems or next
    steps); "" when none."""
    from gwr_cli.messages import Listing

    counts = (
        ("sum.recorded.notes", len(summary.notes)),
        ("sum.recorded.reports", len(summary.reports)),
        ("sum.recorded.indicators", len(summary.indicators)),
    )
    parts = [text(key, lang, count=count) for key, count in counts if count]
    return Listing(parts).text(lang) if parts else ""


def _sections(summary: WeeklySummary, lang: str) -> tuple[list[str], list[_Section]]:
    from gwr_cli.periods import Period, period_heading, period_label

    report = localized(summary, "report_title", lang)
    start, end = dt.date.fromisoformat(summary.week_start), dt.date.fromisoformat(summary.week_end)
    kind = summary.period.kind
    if kind == "week":
        year, week, _ = start.isocalendar()
        title = text("sum.title", lang, report=report)
        label = text(
            "sum.week", lang, year=year, week=week, start=_day(start, lang), end=_day(end, lang)
        )
    else:
        period = Period(kind, summary.period.key, start, end)
        title = period_heading(period, report, lang)
        label = text(
            "sum.period_span",
            lang,
            period=period_label(period, lang),
            start=_day(start, lang),
            end=_day(end, lang),
        )
    headline = _headline(summary, lang)
    if summary.year_end is not None:
        opening = _year_end(summary, lang)
        headline = opening + ("" if lang == "zh" else " ") + headline
    header = [title, label, "", headline]
    sections: list[_Section] = []

    def add(key: str, items: list[str]) -> None:
        if items:
            heading = _say(key, summary, lang, count=len(items))
            sections.append(_Section(heading, items, key=key.removeprefix("sum.")))

    add(
        "sum.completed",
        [
            _with_note(
                f"{_title(i.task, lang)} · {text('sum.done_on', lang, date=_day(i.on, lang))}",
                i.note,
            )
            for i in summary.completed
        ],
    )
    add(
        "sum.withdrawn",
        [
            _with_note(
                f"{_title(i.task, lang)} · {text('sum.withdrawn_on', lang, date=_day(i.on, lang))}",
                i.note,
            )
            for i in summary.withdrawn
        ],
    )
    add("sum.started", [f"{_title(i.task, lang)} · {_day(i.on, lang)}" for i in summary.started])
    add(
        "sum.progressed",
        [_item(_title(i.task, lang), _value_change(i, lang), lang) for i in summary.progressed],
    )
    add(
        "sum.corrected",
        [_item(_title(i.task, lang), _value_change(i, lang), lang) for i in summary.corrected],
    )
    add(
        "sum.blocked",
        [
            _with_note(f"{_title(i.task, lang)} · {_day(i.on, lang)}", i.note)
            + (
                f" · {text('sum.lifted', lang, date=_day(i.lifted_on, lang))}"
                if i.lifted_on
                else ""
            )
            for i in summary.blocked
        ],
    )
    add(
        "sum.notes",
        [
            f"{_title(i.task, lang)} · {_day(i.on, lang)} · "
            + text(
                "sum.note_by", lang, by=printable(i.by), note=printable(i.note, single_line=True)
            )
            for i in summary.notes
        ],
    )
    add("sum.reports", [_report_line(i, lang) for i in summary.reports])
    if summary.has_assignments:
        add("sum.alerts", [_alert_line(i, lang) for i in summary.alerts])
    add("sum.warnings", [_warning_line(i, lang) for i in summary.warnings])
    add(
        "sum.upcoming",
        [
            f"{_title(i.task, lang)} · "
            + text(
                "sum.due_in",
                lang,
                deadline=_day(i.deadline, lang),
                days=i.days_left,
                progress=_upcoming_progress(i, lang),
            )
            for i in summary.upcoming
        ],
    )
    sections.append(_area_section(summary, lang))
    if summary.has_assignments:
        sections.append(_unit_section(summary, lang))
        add("sum.silent", [_silent_line(i, lang) for i in summary.silent_units])
    add("sum.indicators", [_indicator_line(i, lang) for i in summary.indicators])
    return header, sections


def _unit_section(summary: WeeklySummary, lang: str) -> _Section:
    """分单位情况: the one grouped table, by lead unit, with the light partition."""
    from gwr_cli.grouped_tables import grouped_table

    rows = [
        (row.name if lang == "zh" else row.name_en, tally_of(row.counts)) for row in summary.units
    ]
    table = grouped_table(
        rows,
        tally_of(summary.counts),
        lang,
        heading=text("col.lead_unit", lang),
        bars=False,
        investment=False,
        lights=True,
        schedule=False,
    )
    return _Section(text("sum.units", lang), table=table, key="units")


def _area_section(summary: WeeklySummary, lang: str) -> _Section:
    from gwr_cli.grouped_tables import grouped_table

    rows = [(localized(row, "name", lang), tally_of(row.counts)) for row in summary.areas]
    table = grouped_table(
        rows,
        tally_of(summary.counts),
        lang,
        heading=text("col.area", lang),
        bars=False,
        investment=False,
    )
    return _Section(text("sum.areas", lang), table=table, key="areas")


_ZH_NUMERALS = "一二三四五六七八九十"


def _numbered(number: int, lang: str) -> str:
    if lang != "zh":
        return f"{number}. "
    if number <= 10:
        return f"{_ZH_NUMERALS[number - 1]}、"
    tens, ones = divmod(number, 10)
    head = "" if tens == 1 else _ZH_NUMERALS[tens - 1]
    return f"{head}十{_ZH_NUMERALS[ones - 1] if ones else ''}、"


def render_text(summary: WeeklySummary, lang: str) -> str:
    header, sections = _sections(summary, lang)
    lines = list(header)
    for number, section in enumerate(sections, start=1):
        lines.append("")
        lines.append(_numbered(number, lang) + section.heading)
        for index, item in enumerate(section.items, start=1):
            lines.append(f"  {index}. {item}")
        if section.table:
            from gwr_cli.tables import plain_lines

            lines.extend("  " + line for line in plain_lines(section.table))
    return "\n".join(lines) + "\n"


def _md_cell(value: str) -> str:
    return markdown_text(value)


def render_markdown(summary: WeeklySummary, lang: str) -> str:
    header, sections = _sections(summary, lang)
    lines = [f"# {_md_cell(header[0])}", "", f"**{header[1]}**", "", _md_cell(header[3])]
    for section in sections:
        lines += ["", f"## {section.heading}", ""]
        lines += [f"{index}. {_md_cell(item)}" for index, item in enumerate(section.items, 1)]
        if section.table:
            from gwr_cli.tables import markdown_lines

            lines += markdown_lines(section.table)
    return "\n".join(lines) + "\n"


# --- the same sections for other renderings (HTML) ------------------------------------


class SummaryDocument(Record):
    """The summary as every rendering shows it: what `render_text` prints.

    sections: in order, only those with something to say; each has `key`
    (its heading's message key without "sum.", e.g. "completed", "upcoming",
    "areas"), `heading`, `items` (one line each, user text made printable, not
    escaped for any markup) and `table` (a `tables.Table` or None).
    """

    title: str
    period: str  # the period line, e.g. 2021年第19周（2021-05-10至2021-05-16）
    headline: str
    sections: tuple[_Section, ...]


def summary_document(summary: WeeklySummary, lang: str) -> SummaryDocument:
    """The title, period line, headline and sections `render_text` prints."""
    header, sections = _sections(summary, lang)
    return SummaryDocument(header[0], header[1], header[3], tuple(sections))


def section_number(number: int, lang: str) -> str:
    """A section's number as the text shows it: 一、… 十一、 in Chinese, "1. " in English."""
    return _numbered(number, lang)
