"""A registry file validated whole: the TOML parsed, [report] with its chapters
and text, [[areas]], [schedule], [collection], the entries (registry_entries),
and the empty English fields `gwr check` warns about. `inspect_registry` lists
every problem; `registry_load.load_registry` raises the first."""

from __future__ import annotations

from pathlib import Path

from gwr_cli.errors import RegistryError
from gwr_cli.messages import Listing, Msg, Quoted, fallback_lang, os_reason, toml_problem
from gwr_cli.registry import (
    AREA_PATTERN,
    COLLECTION_EVERY,
    DEFAULT_DUE_DAY,
    DEFAULT_RED,
    DEFAULT_RED_AFTER_DAYS,
    DEFAULT_TOLERANCE,
    DEFAULT_YELLOW,
    SCHEMA_VERSION,
    Area,
    Chapter,
    Collection,
    Registry,
    Report,
    english_or_chinese,
)
from gwr_cli.registry_entries import _build_indicators, _build_tasks
from gwr_cli.registry_fields import (
    _COLLECTION_FIELDS,
    _REPORT_FIELDS,
    _SCHEDULE_FIELDS,
    _TOP_LEVEL,
    _TYPE_CHECKS,
    _check_fields,
    _is_number,
    _Problems,
    _show,
)
from gwr_cli.regular import read_regular

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from typing import Any


def _parse_toml(path: Path) -> tuple[dict[str, Any], str]:
    try:
        raw_bytes = read_regular(path)  # a FIFO or device is refused, never blocks
    except FileNotFoundError:
        raise RegistryError("reg.not_found", path=path) from None
    except OSError as error:
        raise RegistryError("reg.unreadable", path=path, reason=os_reason(error)) from None
    try:
        text = raw_bytes.decode("utf-8")
    except UnicodeDecodeError as error:
        raise RegistryError("reg.not_utf8", path=path, byte=error.start) from None
    if text.startswith("\ufeff"):
        raise RegistryError("reg.bom", path=path)
    from gwr_cli.toml_read import loads_toml  # the cache usually spares us this

    try:
        return loads_toml(text), text
    except ValueError as error:
        raise RegistryError("reg.toml", path=path, problem=toml_problem(error)) from None


# Module constants: the field check keeps a fast form of each spec by identity.
_CHAPTER_FIELDS = {"number": ("int", True), "title": ("str", True), "title_en": ("str", True)}
_AREA_FIELDS = {"name": ("str", True), "name_en": ("str", True)}


def _build_report(raw: dict[str, Any], path: Path, problems: _Problems) -> Report | None:
    report = raw.get("report")
    if report is None:
        problems.add(Msg("reg.no_report"))
        return None
    if not _check_fields(report, _REPORT_FIELDS, "[report]", problems):
        return None
    chapters: list[Chapter] = []
    for position, chapter in enumerate(report["chapters"], start=1):
        if _check_fields(
            chapter, _CHAPTER_FIELDS, Msg("reg.label.chapter", position=position), problems
        ):
            chapters.append(
                Chapter(chapter["number"], chapter["title"], english_or_chinese(chapter, "title"))
            )
    numbers = [c.number for c in chapters]
    if len(set(numbers)) != len(numbers):
        problems.add(Msg("reg.chapters_unique"))
    return Report(
        id=report["id"],
        title=report["title"],
        title_en=english_or_chinese(report, "title"),
        region=report["region"],
        year=report["year"],
        delivered=report["delivered"],
        text_path=(path.parent / report["text"]),
        chapters=tuple(chapters),
        timezone=_timezone(report.get("timezone", ""), problems),
    )


def _timezone(name: str, problems: _Problems) -> str:
    if not name:
        return ""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        problems.add(Msg("reg.timezone", value=_show(name)))
        return ""
    return name


def _read_report_text(report: Report, problems: _Problems) -> str | None:
    try:
        return read_regular(report.text_path).decode("utf-8")
    except FileNotFoundError:
        problems.add(Msg("reg.text_missing", path=report.text_path))
    except (OSError, UnicodeDecodeError) as error:
        problems.add(Msg("reg.text_unreadable", path=report.text_path, reason=os_reason(error)))
    return None


def _build_areas(raw: dict[str, Any], problems: _Problems) -> dict[str, Area]:
    areas_raw = raw.get("areas")
    if not isinstance(areas_raw, dict) or not areas_raw:
        problems.add(Msg("reg.no_areas"))
        return {}
    areas: dict[str, Area] = {}
    for key, area in areas_raw.items():
        if not AREA_PATTERN.fullmatch(key):
            problems.add(Msg("reg.area_key", key=Quoted(key)))
            continue
        if _check_fields(area, _AREA_FIELDS, f"[areas.{key}]", problems):
            areas[key] = Area(key, area["name"], english_or_chinese(area, "name"))
    return areas


def _schedule_tolerance(raw: dict[str, Any], problems: _Problems) -> float:
    schedule = raw.get("schedule", {})
    if not isinstance(schedule, dict):
        problems.add(Msg("reg.not_table", label="[schedule]"))
        return DEFAULT_TOLERANCE
    if not _check_fields(schedule, _SCHEDULE_FIELDS, "[schedule]", problems):
        return DEFAULT_TOLERANCE
    tolerance = schedule.get("tolerance", DEFAULT_TOLERANCE)
    if not 0 <= tolerance < 1:
        problems.add(Msg("reg.tolerance", value=tolerance))
        return DEFAULT_TOLERANCE
    return float(tolerance)


def _schedule_lights(raw: dict[str, Any], problems: _Problems) -> tuple[float, float, int]:
    """[schedule] yellow, red (shares of 1, yellow < red) and red_after_days (days >= 1).

    Types and unknown keys are checked by _schedule_tolerance; only ranges here.
    """
    defaults = (DEFAULT_YELLOW, DEFAULT_RED, DEFAULT_RED_AFTER_DAYS)
    schedule = raw.get("schedule", {})
    if not isinstance(schedule, dict):
        return defaults
    yellow = schedule.get("yellow", DEFAULT_YELLOW)
    red = schedule.get("red", DEFAULT_RED)
    days = schedule.get("red_after_days", DEFAULT_RED_AFTER_DAYS)
    if not (_is_number(yellow) and _is_number(red) and _TYPE_CHECKS["int"][0](days)):
        return defaults
    usable = True
    for name, share in (("yellow", yellow), ("red", red)):
        if not 0 <= share <= 1:  # also refuses nan
            problems.add(Msg("reg.share", field=name, value=share))
            usable = False
    if usable and not yellow < red:
        problems.add(Msg("reg.yellow_red", yellow=yellow, red=red))
        usable = False
    if days < 1:
        problems.add(Msg("reg.red_after_days", value=days))
        usable = False
    return (float(yellow), float(red), days) if usable else defaults


def _collection(raw: dict[str, Any], problems: _Problems) -> Collection:
    """[collection] every ("month" or "week") and due_day (1..31, or 1..7 for a week)."""
    table = raw.get("collection", {})
    if not isinstance(table, dict):
        problems.add(Msg("reg.collection_table"))
        return Collection()
    if not _check_fields(table, _COLLECTION_FIELDS, "[collection]", problems):
        return Collection()
    every = table.get("every", "month")
    if every not in COLLECTION_EVERY:
        problems.add(Msg("reg.collection_every", value=_show(every)))
        return Collection()
    due_day = table.get("due_day", DEFAULT_DUE_DAY[every])
    last = 31 if every == "month" else 7
    if not 1 <= due_day <= last:
        problems.add(Msg("reg.collection_due_day", last=last, every=every, value=due_day))
        return Collection()
    return Collection(every, due_day)


def _empty_english(raw: dict[str, Any], problems: _Problems, lang: str) -> list[tuple[str, str]]:
    """(where, field) of every empty English title or name, for `gwr check`."""
    found: list[tuple[str, str]] = []

    def empty(entry: Any, field: str) -> bool:
        return isinstance(entry, dict) and entry.get(field) == ""

    report = raw.get("report")
    if empty(report, "title_en"):
        found.append((_at(problems.path, "[report]", lang), "title_en"))  # a TOML table name
    chapters = report.get("chapters") if isinstance(report, dict) else None
    for position, chapter in enumerate(chapters if isinstance(chapters, list) else [], 1):
        if empty(chapter, "title_en"):
            chapter_label = Msg("reg.label.chapter", position=position).text(lang)
            found.append((_at(problems.path, chapter_label, lang), "title_en"))
    areas = raw.get("areas")
    for key, area in (areas if isinstance(areas, dict) else {}).items():
        if empty(area, "name_en"):
            found.append((_at(problems.path, f"[areas.{key}]", lang), "name_en"))
    for table, kind in (("tasks", "task"), ("indicators", "indicator")):
        entries = raw.get(table)
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            if empty(entry, "title_en"):
                label = Msg(f"reg.label.{kind}", id=entry.get("id")).text(lang)
                found.append((_at(problems.where(table, index), label, lang), "title_en"))
    return found


def _at(where: object, label: str, lang: str) -> str:
    """ "file:line：label" (zh) or "file:line: label" (en), as every problem reads."""
    return Msg("reg.at", where=where, message=label).text(lang)


def inspect_registry(
    path: Path, warnings: list[tuple[str, str]] | None = None, lang: str | None = None
) -> tuple[Registry | None, list[str]]:
    """Load and validate; return the registry (None if unusable) and every problem,
    worded in `lang` (default: GWR_LANG, else the locale). RegistryError when the
    file cannot be read or parsed at all.

    With a warnings list, (where, field) of each empty English title is added to
    it: such a registry loads (English output shows the Chinese) but is unfinished.
    """
    registry, problems = _validate(path, warnings, lang or fallback_lang())
    return registry, [m.text(lang or fallback_lang()) for m in problems]


def _validate(
    path: Path, warnings: list[tuple[str, str]] | None = None, lang: str = "en"
) -> tuple[Registry | None, list[Msg]]:
    raw, text = _parse_toml(path)
    problems = _Problems(path, text)
    if warnings is not None:
        warnings.extend(_empty_english(raw, problems, lang))
    schema = raw.get("schema")
    if schema != SCHEMA_VERSION:
        problems.add(Msg("reg.schema", expected=SCHEMA_VERSION, got=_show(schema)))
    for key in raw:
        if key not in _TOP_LEVEL:
            problems.add(Msg("reg.top_level", key=key, known=Listing(sorted(_TOP_LEVEL))))
    report = _build_report(raw, path, problems)
    report_text = _read_report_text(report, problems) if report else None
    tolerance = _schedule_tolerance(raw, problems)
    yellow, red, red_after_days = _schedule_lights(raw, problems)
    collection = _collection(raw, problems)
    areas = _build_areas(raw, problems)
    tasks = _build_tasks(raw, areas, report, report_text, problems)
    indicators = _build_indicators(raw, {t.id for t in tasks}, report, report_text, problems)
    if problems.messages or report is None:
        return None, problems.messages
    registry = Registry(
        path=path,
        report=report,
        areas=areas,
        tasks=tuple(tasks),
        indicators=tuple(indicators),
        tolerance=tolerance,
        yellow=yellow,
        red=red,
        red_after_days=red_after_days,
        collection=collection,
    )
    return registry, []
