"""Pure: one line of a summary's section in the user's language: a task's
title and dates, a value's change, an alert, a unit's report, a silent unit,
an upcoming deadline, a warning, an indicator. summary_text.py puts them in
sections; the numbers come from the data as they are."""

from __future__ import annotations

from gwr_cli.messages import (
    SCHEDULE_LABELS,
    STATUS_LABELS,
    fmt_amount,
    fmt_date,
    fmt_decided,
    fmt_percent,
    fmt_target,
    localized,
    printable,
    text,
)
from gwr_cli.summary import (
    Alert,
    IndicatorValue,
    Progressed,
    Report,
    SilentUnit,
    TaskRef,
    Upcoming,
    Warning,
)


def _day(iso: object, lang: str) -> str:
    # One date style per output: 2021年5月16日 throughout the Chinese summary.
    return fmt_date(iso, lang)


def _title(ref: TaskRef, lang: str) -> str:
    title = localized(ref, "title", lang)
    return f"{printable(title, single_line=True)} [{ref.id}]"


def _item(title: str, detail: str, lang: str) -> str:
    return text("sum.item", lang, title=title, detail=detail)


def _with_note(line: str, note: str) -> str:
    return line + (f" · {printable(note, single_line=True)}" if note else "")


def _value_change(item: Progressed, lang: str) -> str:
    statuses = STATUS_LABELS[lang]
    if item.target is not None:
        unit = localized(item, "unit", lang)
        # the digits that tell the two apart (a correction 24.001 → 24 is not 24 → 24)
        before = fmt_decided(item.before_value or 0, item.after_value or 0)
        after = fmt_decided(item.after_value or 0, item.before_value or 0)
        percent = text("sum.percent", lang, percent=fmt_percent(item.after_percent))
        return f"{before} → {after} {unit}{percent}"
    if item.before_percent != item.after_percent:
        before = fmt_decided(item.before_percent, item.after_percent, places=0)
        after = fmt_decided(item.after_percent, item.before_percent, places=0)
        return f"{before}% → {after}%"
    return f"{statuses[item.before_status]} → {statuses[item.after_status]}"


def _names(names: list[str], lang: str) -> str:
    if not names:
        return text("asg.unassigned", lang)
    return text("list.sep", lang).join(printable(n, single_line=True) for n in names)


def _alert_line(item: Alert, lang: str) -> str:
    """红灯 · 标题 [id] · 滞后序时32个百分点 · 牵头单位：… · 责任领导：… · 存在问题：…"""
    from gwr_cli.lights import light_label

    parts = [
        light_label(item.light, lang),
        _title(item.task, lang),
        printable(item.reason if lang == "zh" else item.reason_en, single_line=True),
        text("sum.alert.lead", lang, names=_names(item.lead, lang)),
    ]
    if item.leader:
        parts.append(text("sum.alert.leader", lang, names=_names(item.leader, lang)))
    if item.problems:
        problems = printable(item.problems, single_line=True)
        date = _day(item.problems_on, lang)
        parts.append(text("sum.alert.problems", lang, text=problems, date=date))
    return " · ".join(parts)


def _report_line(item: Report, lang: str) -> str:
    said = []
    if item.problems:
        problems = printable(item.problems, single_line=True)
        said.append(text("sum.report.problems", lang, text=problems))
    if item.next:
        said.append(text("sum.report.next", lang, text=printable(item.next, single_line=True)))
    head = f"{_title(item.task, lang)} · {_day(item.on, lang)}"
    if item.unit:
        head += f" · {printable(item.unit, single_line=True)}"
    return text("sum.report.line", lang, head=head, said=text("sum.report.sep", lang).join(said))


def _silent_line(item: SilentUnit, lang: str) -> str:
    name = printable(item.unit, single_line=True)
    if item.last_report:
        return f"{name} · " + text("sum.silent.last", lang, date=_day(item.last_report, lang))
    return f"{name} · " + text("sum.silent.never", lang)


def _upcoming_progress(item: Upcoming, lang: str) -> str:
    if item.progress.endswith("%"):
        return item.progress
    shown = localized(item, "progress", lang)
    return shown + text("sum.percent", lang, percent=fmt_percent(item.percent))


def _warning_line(item: Warning, lang: str) -> str:
    label = SCHEDULE_LABELS[lang][item.schedule]
    if item.schedule == "overdue":
        detail = text("sum.overdue_by", lang, days=item.days_overdue)
        detail += text("sum.overdue_done", lang, percent=fmt_percent(item.percent))
    elif item.schedule == "not-started":
        detail = text("sum.late_start", lang, expected=fmt_percent(item.expected_percent))
    else:
        detail = text(
            "sum.behind_by",
            lang,
            actual=fmt_percent(item.percent),
            expected=fmt_percent(item.expected_percent),
        )
    return f"{_title(item.task, lang)} · {label} · {detail}"


def _indicator_line(item: IndicatorValue, lang: str) -> str:
    unit = localized(item, "unit", lang)
    return (
        text(
            "sum.indicator",
            lang,
            title=localized(item, "title", lang),
            value=fmt_amount(item.value, unit, lang, against=item.target),
            target=fmt_target(item.comparator, item.target, unit, lang),
            met=text("met.yes" if item.met else "met.no", lang),
        )
        + f" · {_day(item.on, lang)}"
    )
