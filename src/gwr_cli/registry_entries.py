"""The registry's [[tasks]] and [[indicators]] validated entry by entry into
Task and Indicator records: ids, areas, chapters, targets, and each source
quote found verbatim in the report's text."""

from __future__ import annotations

from gwr_cli.messages import Listing, Msg, Quoted
from gwr_cli.registry import (
    COMPARATORS,
    ID_PATTERN,
    Area,
    Indicator,
    Report,
    Task,
    english_or_chinese,
)
from gwr_cli.registry_fields import _INDICATOR_FIELDS, _TASK_FIELDS, _check_fields, _Problems, _show

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from typing import Any

INVESTMENT_KINDS = ("total", "district")


class _Quotes:
    """Finds sources verbatim in the report text in linear time overall when the
    entries follow the report's order, as registries do: each search starts
    where the previous quote was found, and only a quote found nowhere after it
    costs a search of the whole text (`in` on every entry was quadratic)."""

    def __init__(self, text: str) -> None:
        self.text, self.position = text, 0

    def found(self, quote: str) -> bool:
        at = self.text.find(quote, self.position)
        if at < 0:
            at = self.text.find(quote)
        if at < 0:
            return False
        self.position = at
        return True


def _check_id(entry_id: str, label: Msg, problems: _Problems, table: str, index: int) -> bool:
    if ID_PATTERN.fullmatch(entry_id):
        return True
    problems.add(Msg("reg.id", label=label, id=Quoted(entry_id)), table, index)
    return False


def _label(entry: Any, index: int, kind: str) -> Msg:
    """How a problem names entry `index` of `kind` ("task", "indicator"): by id when it has one."""
    if isinstance(entry, dict) and isinstance(entry.get("id"), str):
        return Msg(f"reg.label.{kind}", id=entry["id"])
    return Msg(f"reg.label.{kind}_n", number=index + 1)


def _source_missing(
    entry: dict[str, Any], label: Msg, report: Report, problems: _Problems, table: str, index: int
) -> None:
    problems.add(
        Msg("reg.source", label=label, file=report.text_path.name, quote=_show(entry["source"])),
        table,
        index,
    )


def _build_tasks(
    raw: dict[str, Any],
    areas: dict[str, Area],
    report: Report | None,
    report_text: str | None,
    problems: _Problems,
) -> list[Task]:
    tasks_raw = raw.get("tasks", [])
    if not isinstance(tasks_raw, list):
        problems.add(Msg("reg.array", key="tasks"))
        return []
    chapter_numbers = {c.number for c in report.chapters} if report else set()
    tasks: list[Task] = []
    seen: dict[str, int] = {}
    quotes = _Quotes(report_text or "")
    for index, entry in enumerate(tasks_raw):
        label = _label(entry, index, "task")
        if not _check_fields(entry, _TASK_FIELDS, label, problems, "tasks", index):
            continue
        ok = _check_id(entry["id"], label, problems, "tasks", index)
        if entry["id"] in seen:
            problems.add(
                Msg("reg.duplicate_task", label=label, number=seen[entry["id"]] + 1), "tasks", index
            )
            ok = False
        seen.setdefault(entry["id"], index)
        if entry["area"] not in areas:
            known = Listing(sorted(areas))
            problems.add(
                Msg("reg.unknown_area", label=label, area=Quoted(entry["area"]), known=known),
                "tasks",
                index,
            )
            ok = False
        if report is not None and entry["chapter"] not in chapter_numbers:
            problems.add(
                Msg("reg.unknown_chapter", label=label, chapter=entry["chapter"]), "tasks", index
            )
            ok = False
        target = entry.get("target")
        if target is not None:
            if target <= 0:
                problems.add(Msg("reg.target_positive", label=label), "tasks", index)
                ok = False
            if not entry.get("unit"):
                problems.add(Msg("reg.target_unit", label=label), "tasks", index)
                ok = False
        elif "unit" in entry:
            problems.add(Msg("reg.unit_no_target", label=label), "tasks", index)
            ok = False
        investment = entry.get("investment_yuan", 0)
        if investment < 0:
            problems.add(
                Msg("reg.investment_negative", label=label, got=_show(investment)), "tasks", index
            )
            ok = False
        if entry.get("investment_kind", "total") not in INVESTMENT_KINDS:
            problems.add(Msg("reg.investment_kind", label=label), "tasks", index)
            ok = False
        start = entry.get("start")
        if start is not None and start >= entry["deadline"]:
            problems.add(Msg("reg.start_after_deadline", label=label), "tasks", index)
            ok = False
        if report_text is not None and not quotes.found(entry["source"]):
            _source_missing(entry, label, report, problems, "tasks", index)
            ok = False
        if ok:
            tasks.append(
                Task(
                    id=entry["id"],
                    title=entry["title"],
                    title_en=english_or_chinese(entry, "title"),
                    area=entry["area"],
                    chapter=entry["chapter"],
                    deadline=entry["deadline"],
                    source=entry["source"],
                    target=target,
                    unit=entry.get("unit", ""),
                    unit_en=entry.get("unit_en", entry.get("unit", "")),
                    investment_yuan=entry.get("investment_yuan"),
                    milestone=entry.get("milestone", ""),
                    milestone_en=entry.get("milestone_en", ""),
                    zone=entry.get("zone", ""),
                    lead=entry.get("lead", ""),
                    start=start,
                    tags=tuple(entry.get("tags", ())),
                    investment_kind=entry.get("investment_kind", "total"),
                )
            )
    return tasks


def _build_indicators(
    raw: dict[str, Any],
    task_ids: set[str],
    report: Report | None,
    report_text: str | None,
    problems: _Problems,
) -> list[Indicator]:
    indicators_raw = raw.get("indicators", [])
    if not isinstance(indicators_raw, list):
        problems.add(Msg("reg.array", key="indicators"))
        return []
    indicators: list[Indicator] = []
    seen: set[str] = set()
    quotes = _Quotes(report_text or "")
    for index, entry in enumerate(indicators_raw):
        label = _label(entry, index, "indicator")
        if not _check_fields(entry, _INDICATOR_FIELDS, label, problems, "indicators", index):
            continue
        ok = _check_id(entry["id"], label, problems, "indicators", index)
        if entry["id"] in seen or entry["id"] in task_ids:
            problems.add(Msg("reg.duplicate", label=label), "indicators", index)
            ok = False
        seen.add(entry["id"])
        if entry["comparator"] not in COMPARATORS:
            problems.add(
                Msg(
                    "reg.comparator",
                    label=label,
                    known=Listing(list(COMPARATORS)),
                    got=Quoted(entry["comparator"]),
                ),
                "indicators",
                index,
            )
            ok = False
        if report_text is not None and not quotes.found(entry["source"]):
            _source_missing(entry, label, report, problems, "indicators", index)
            ok = False
        if ok:
            indicators.append(
                Indicator(
                    id=entry["id"],
                    title=entry["title"],
                    title_en=english_or_chinese(entry, "title"),
                    target=entry["target"],
                    unit=entry["unit"],
                    unit_en=entry.get("unit_en", entry["unit"]),
                    comparator=entry["comparator"],
                    source=entry["source"],
                )
            )
    return indicators
