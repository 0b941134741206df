"""Pure: an import plan (validate.ImportPlan) shown to the person importing:
the 上期 → 本期 table of its changes and the line above it."""

from __future__ import annotations

from collections.abc import Mapping

from gwr_cli.collect.validate import ImportPlan
from gwr_cli.messages import STATUS_LABELS, fmt_number, text


def change_rows(
    plan: ImportPlan, labels: Mapping[str, tuple[str, str]], lang: str
) -> list[list[str]]:
    """The "上期 → 本期" table of a plan: id, task, action(s), before, after.

    labels: task id -> (title, unit) in the user's language; unit "%" for
    tasks reported in percent.
    """
    from gwr_cli.messages import ACTION_LABELS

    joiner = "、" if lang == "zh" else ", "
    rows = []
    for change in plan.changes:
        title, unit = labels.get(change.task, ("", ""))
        rows.append(
            [
                change.task,
                title,
                joiner.join(ACTION_LABELS[lang][e.action] for e in change.events),
                _state_text(change.before_status, change.before_value, unit, lang),
                _state_text(change.after_status, change.after_value, unit, lang),
            ]
        )
    return rows


def plan_headline(plan: ImportPlan, lang: str, *, recorded: bool) -> str:
    """The line above the change table: what will be (or was) recorded, or nothing new."""
    if not plan.changes:
        return text(
            "collect.plan.nothing",
            lang,
            file=plan.file,
            unchanged=plan.unchanged,
            skipped=plan.skipped,
        )
    return text(
        "collect.plan.done" if recorded else "collect.plan.will",
        lang,
        file=plan.file,
        unit=plan.unit,
        period=plan.period.key,
        count=len(plan.events),
    )


def change_headers(lang: str) -> list[str]:
    # The terminal's own column words (lower case in English), not the template's.
    keys = ("col.id", "col.task", "collect.col.action")
    keys += ("collect.col.before", "collect.col.after")
    return [text(key, lang) for key in keys]


def _state_text(status: str, value: float | None, unit: str, lang: str) -> str:
    label = STATUS_LABELS[lang][status]
    return label if value is None else f"{fmt_number(value)}{unit} {label}"
