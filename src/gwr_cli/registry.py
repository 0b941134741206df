"""The registry: what the report promised, loaded and validated.

The registry is data, not code: any report that follows the schema documented
at the top of data/tasks.toml loads the same way. Loading refuses a broken file
with a message naming the file, the line when it can be found, the entry and
the field.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, NamedTuple

from gwr_cli.errors import RegistryError
from gwr_cli.messages import Listing, Msg, fallback_lang, os_reason, toml_problem

SCHEMA_VERSION = 1
DEFAULT_TOLERANCE = 0.10
# Lights (亮灯): yellow/red when more than this many points (as a share) behind
# expected progress; red when not started this many days after the window opened.
DEFAULT_YELLOW = 0.10
DEFAULT_RED = 0.30
DEFAULT_RED_AFTER_DAYS = 90
# The collection round ([collection]): how often units report and by which day
# (day of the month, or 1..7 = Monday..Sunday of the week).
COLLECTION_EVERY = ("month", "week")
DEFAULT_DUE_DAY = {"month": 25, "week": 5}
COMPARATORS = (">=", "<=", ">")
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")
AREA_PATTERN = re.compile(r"[a-z][a-z0-9-]*")


# Records are NamedTuples rather than dataclasses: creating a dataclass class
# costs about half a millisecond at every start of gwr, a NamedTuple a tenth.


class Chapter(NamedTuple):
    number: int
    title: str
    title_en: str


class Report(NamedTuple):
    id: str
    title: str
    title_en: str
    region: str
    year: int
    delivered: dt.date
    text_path: Path
    chapters: tuple[Chapter, ...]
    timezone: str = ""  # IANA name; "" = the machine's zone. "Today" is the date there.


class Area(NamedTuple):
    key: str
    name: str
    name_en: str


class Task(NamedTuple):
    id: str
    title: str
    title_en: str
    area: str
    chapter: int
    deadline: dt.date
    source: str
    target: float | None = None
    unit: str = ""
    unit_en: str = ""
    investment_yuan: float | None = None
    milestone: str = ""
    milestone_en: str = ""
    zone: str = ""
    lead: str = ""
    start: dt.date | None = None
    tags: tuple[str, ...] = ()
    # "total": the project's whole (often multi-year) investment, 项目总投资;
    # "district": an amount the report says the district itself puts in (投入).
    investment_kind: str = "total"


class Indicator(NamedTuple):
    id: str
    title: str
    title_en: str
    target: float
    unit: str
    unit_en: str
    comparator: str
    source: str


class Collection(NamedTuple):
    """[collection]: units report every `every` ("month" or "week"), due on
    `due_day` (day of the month, clipped to its last day; or 1..7, Monday..Sunday)."""

    every: str = "month"
    due_day: int = DEFAULT_DUE_DAY["month"]


class Registry:
    """A loaded, validated registry. Treat it as read-only."""

    __slots__ = (
        "_task_index",
        "areas",
        "collection",
        "indicators",
        "path",
        "red",
        "red_after_days",
        "report",
        "tasks",
        "tolerance",
        "yellow",
    )

    def __init__(
        self,
        path: Path,
        report: Report,
        areas: dict[str, Area],
        tasks: tuple[Task, ...],
        indicators: tuple[Indicator, ...],
        tolerance: float = DEFAULT_TOLERANCE,
        yellow: float = DEFAULT_YELLOW,
        red: float = DEFAULT_RED,
        red_after_days: int = DEFAULT_RED_AFTER_DAYS,
        collection: Collection = Collection(),
    ) -> None:
        self.path, self.report, self.areas = path, report, areas
        self.collection = collection
        self.tasks, self.indicators, self.tolerance = tasks, indicators, tolerance
        self.yellow, self.red, self.red_after_days = yellow, red, red_after_days
        self._task_index = {task.id: task for task in tasks}

    def replace(self, **changes: object) -> Registry:
        fields = {name: getattr(self, name) for name in self.__slots__ if name != "_task_index"}
        return Registry(**(fields | changes))

    def task(self, task_id: str) -> Task | None:
        return self._task_index.get(task_id)

    def indicator(self, indicator_id: str) -> Indicator | None:
        return next((i for i in self.indicators if i.id == indicator_id), None)

    def chapter(self, number: int) -> Chapter | None:
        return next((c for c in self.report.chapters if c.number == number), None)


def english_or_chinese(entry: dict[str, Any], field: str) -> str:
    """The English text of entry's field ("title" -> "title_en"), or the Chinese
    when the English is empty: a drafted registry (`gwr draft`) leaves English
    titles for a person to fill in, and English output shows the Chinese
    meanwhile. The one place this fallback is decided; `gwr check` warns.
    """
    return entry[f"{field}_en"] or entry[field]


# --- validation -------------------------------------------------------------


class _Problems:
    """Collects every problem in one pass so `gwr check` can list them all."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text
        self.messages: list[Msg] = []
        self._header_lines: dict[str, list[int]] = {}

    def add(self, message: Msg, table: str | None = None, index: int | None = None) -> None:
        line = ""
        if table is not None and index is not None:
            lines = self.header_lines(table)
            if index < len(lines):
                line = f":{lines[index]}"
        self.messages.append(Msg("reg.at", where=f"{self.path}{line}", message=message))

    def header_lines(self, table: str) -> list[int]:
        if table not in self._header_lines:  # found only when there is a problem
            from gwr_cli.events import header_lines

            self._header_lines[table] = header_lines(self.text, table)
        return self._header_lines[table]


def _is_number(value: Any) -> bool:
    """A finite number within TOML's limits: nan, inf and 1e400 are refused."""
    from gwr_cli.events import number_problem

    return number_problem(value) is None


def _is_date(value: Any) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


_TYPE_CHECKS: dict[str, tuple[Any, Msg]] = {
    "str": (lambda v: isinstance(v, str), Msg("reg.type.str")),
    "int": (lambda v: isinstance(v, int) and not isinstance(v, bool), Msg("reg.type.int")),
    "number": (_is_number, Msg("reg.type.number")),
    "date": (_is_date, Msg("reg.type.date")),
    "strlist": (
        lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
        Msg("reg.type.strlist"),
    ),
    "chapters": (lambda v: isinstance(v, list), Msg("reg.type.chapters")),
}

_REPORT_FIELDS = {
    "id": ("str", True),
    "title": ("str", True),
    "title_en": ("str", True),
    "region": ("str", True),
    "year": ("int", True),
    "delivered": ("date", True),
    "text": ("str", True),
    "chapters": ("chapters", True),
    "timezone": ("str", False),
}
_TASK_FIELDS = {
    "id": ("str", True),
    "title": ("str", True),
    "title_en": ("str", True),
    "area": ("str", True),
    "chapter": ("int", True),
    "deadline": ("date", True),
    "source": ("str", True),
    "target": ("number", False),
    "unit": ("str", False),
    "unit_en": ("str", False),
    "investment_yuan": ("number", False),
    "milestone": ("str", False),
    "milestone_en": ("str", False),
    "zone": ("str", False),
    "lead": ("str", False),
    "start": ("date", False),
    "tags": ("strlist", False),
    "investment_kind": ("str", False),
}
_INDICATOR_FIELDS = {
    "id": ("str", True),
    "title": ("str", True),
    "title_en": ("str", True),
    "target": ("number", True),
    "unit": ("str", True),
    "unit_en": ("str", False),
    "comparator": ("str", True),
    "source": ("str", True),
}
_TOP_LEVEL = {"schema", "report", "schedule", "collection", "areas", "tasks", "indicators"}


def _show(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _check_fields(
    entry: Any,
    spec: dict[str, tuple[str, bool]],
    label: Msg | str,
    problems: _Problems,
    table: str | None = None,
    index: int | None = None,
) -> bool:
    """Check presence, types and unknown keys; True when the entry is usable."""
    if not isinstance(entry, dict):
        problems.add(Msg("reg.not_table", label=label), table, index)
        return False
    usable = True
    for key, (kind, required) in spec.items():
        if key not in entry:
            if required:
                problems.add(Msg("reg.missing", label=label, field=key), table, index)
                usable = False
            continue
        check, expected = _TYPE_CHECKS[kind]
        if not check(entry[key]):
            problems.add(
                Msg("reg.type", label=label, field=key, expected=expected, got=_show(entry[key])),
                table,
                index,
            )
            usable = False
    for key in entry:
        if key not in spec:
            known = Listing(list(spec))
            problems.add(
                Msg("reg.unknown_field", label=label, field=key, known=known), table, index
            )
            usable = False
    return usable


def _parse_toml(path: Path) -> tuple[dict[str, Any], str]:
    try:
        raw_bytes = path.read_bytes()
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
    from gwr_cli.events import loads_toml  # the cache usually spares us this

    try:
        return loads_toml(text), text
    except ValueError as error:
        raise RegistryError("reg.toml", path=path, problem=toml_problem(error)) from None


def _build_report(raw: dict[str, Any], path: Path, problems: _Problems) -> Report | None:
    report = raw.get("report")
    if report is None:
        problems.add(Msg("reg.no_report"))
        return None
    if not _check_fields(report, _REPORT_FIELDS, "[report]", problems):
        return None
    chapters: list[Chapter] = []
    chapter_spec = {"number": ("int", True), "title": ("str", True), "title_en": ("str", True)}
    for position, chapter in enumerate(report["chapters"], start=1):
        if _check_fields(
            chapter, chapter_spec, Msg("reg.label.chapter", position=position), problems
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


INVESTMENT_KINDS = ("total", "district")


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
        return report.text_path.read_text(encoding="utf-8")
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
    spec = {"name": ("str", True), "name_en": ("str", True)}
    for key, area in areas_raw.items():
        if not AREA_PATTERN.fullmatch(key):
            problems.add(Msg("reg.area_key", key=repr(key)))
            continue
        if _check_fields(area, spec, f"[areas.{key}]", problems):
            areas[key] = Area(key, area["name"], english_or_chinese(area, "name"))
    return areas


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
    problems.add(Msg("reg.id", label=label, id=repr(entry_id)), table, index)
    return False


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
        label = Msg("reg.label.task_n", number=index + 1)
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            label = Msg("reg.label.task", id=entry["id"])
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
                Msg("reg.unknown_area", label=label, area=repr(entry["area"]), known=known),
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
        if entry.get("investment_yuan", 0) < 0:
            problems.add(Msg("reg.investment_negative", label=label), "tasks", index)
        if entry.get("investment_kind", "total") not in INVESTMENT_KINDS:
            problems.add(Msg("reg.investment_kind", label=label), "tasks", index)
            ok = False
            ok = False
        start = entry.get("start")
        if start is not None and start >= entry["deadline"]:
            problems.add(Msg("reg.start_after_deadline", label=label), "tasks", index)
            ok = False
        if report_text is not None and not quotes.found(entry["source"]):
            problems.add(
                Msg(
                    "reg.source",
                    label=label,
                    file=report.text_path.name,
                    quote=_show(entry["source"]),
                ),
                "tasks",
                index,
            )
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
        label = Msg("reg.label.indicator_n", number=index + 1)
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            label = Msg("reg.label.indicator", id=entry["id"])
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
                    got=repr(entry["comparator"]),
                ),
                "indicators",
                index,
            )
            ok = False
        if report_text is not None and not quotes.found(entry["source"]):
            problems.add(
                Msg(
                    "reg.source",
                    label=label,
                    file=report.text_path.name,
                    quote=_show(entry["source"]),
                ),
                "indicators",
                index,
            )
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


_SCHEDULE_FIELDS = {
    "tolerance": ("number", False),
    "yellow": ("number", False),
    "red": ("number", False),
    "red_after_days": ("int", False),
}


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


_COLLECTION_FIELDS = {"every": ("str", False), "due_day": ("int", False)}


def _empty_english(raw: dict[str, Any], problems: _Problems, lang: str) -> list[tuple[str, str]]:
    """(where, field) of every empty English title or name, for `gwr check`."""
    found: list[tuple[str, str]] = []

    def empty(entry: Any, field: str) -> bool:
        return isinstance(entry, dict) and entry.get(field) == ""

    report = raw.get("report")
    if empty(report, "title_en"):
        found.append((f"{problems.path}: [report]", "title_en"))  # a TOML table name
    chapters = report.get("chapters") if isinstance(report, dict) else None
    for position, chapter in enumerate(chapters if isinstance(chapters, list) else [], 1):
        if empty(chapter, "title_en"):
            chapter_label = Msg("reg.label.chapter", position=position).text(lang)
            found.append((f"{problems.path}: {chapter_label}", "title_en"))
    areas = raw.get("areas")
    for key, area in (areas if isinstance(areas, dict) else {}).items():
        if empty(area, "name_en"):
            found.append((f"{problems.path}: [areas.{key}]", "name_en"))
    for table, kind in (("tasks", "task"), ("indicators", "indicator")):
        entries = raw.get(table)
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            if empty(entry, "title_en"):
                lines = problems.header_lines(table)
                line = f":{lines[index]}" if index < len(lines) else ""
                label = Msg(f"reg.label.{kind}", id=entry.get("id")).text(lang)
                found.append((f"{problems.path}{line}: {label}", "title_en"))
    return found


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


def load_registry(path: Path, cache_dir: Path | None = None) -> Registry:
    """Load a registry or raise RegistryError naming the first problem.

    With a cache_dir, a registry validated before and unchanged since (and its
    report text) is loaded from the cache instead of parsed again.
    """
    if cache_dir is not None:
        cached = _load_cached(path, cache_dir)
        if cached is not None:
            return cached
    try:
        before = path.stat()
    except OSError:
        before = None
    registry, problems = _validate(path)
    if registry is None:
        more = Msg("reg.more", count=len(problems) - 1) if len(problems) > 1 else ""
        raise RegistryError("reg.first", problem=problems[0], more=more)
    if cache_dir is not None and before is not None:
        _store_cached(registry, before, cache_dir)
    return registry


# --- the cache: a validated registry as plain values ------------------------------


def _codecs() -> dict[str, Any]:
    """Row encodings derived from the record types (see cache.RowCodec)."""
    from gwr_cli import cache

    # Task fields whose values repeat across tasks (always str: TOML has no
    # null) are stored as one string each, which marshal writes once and then
    # refers back to: the cached registry loads in about two thirds of the time
    # at 10,000 tasks.
    repeated = ("area", "deadline", "unit", "unit_en", "milestone", "milestone_en", "zone",
                "lead", "investment_kind")  # fmt: skip
    rows = {
        kind.__name__: cache.RowCodec(kind, repeated if kind is Task else ())
        for kind in (Report, Area, Task, Indicator)
    }
    rows["fingerprint"] = cache.fingerprint(*rows.values())
    return rows


def _store_cached(registry: Registry, registry_stat: Any, cache_dir: Path) -> None:
    from gwr_cli import cache

    try:
        text_stat = registry.report.text_path.stat()
    except OSError:
        return
    rows = _codecs()
    payload = (
        rows["Report"].to_row(registry.report),
        [rows["Area"].to_row(a) for a in registry.areas.values()],
        [rows["Task"].to_row(t) for t in registry.tasks],
        [rows["Indicator"].to_row(i) for i in registry.indicators],
        registry.tolerance,
        (registry.yellow, registry.red, registry.red_after_days),
        tuple(registry.collection),
    )
    entry = (
        str(registry.path),
        list(cache.identity(registry_stat)),
        str(registry.report.text_path),
        list(cache.identity(text_stat)),
        payload,
    )
    cache.store(cache.entry_path(cache_dir, "registry", registry.path), entry, rows["fingerprint"])


def _load_cached(path: Path, cache_dir: Path) -> Registry | None:
    from gwr_cli import cache

    rows = _codecs()
    entry = cache.load(cache.entry_path(cache_dir, "registry", path), rows["fingerprint"])
    try:
        if not entry or entry[0] != str(path):
            return None
        if entry[1] != list(cache.identity(path.stat())):
            return None
        if entry[3] != list(cache.identity(Path(entry[2]).stat())):
            return None
        report, areas, tasks, indicators, tolerance, lights, collection = entry[4]
        area_records = rows["Area"].from_rows(areas)
        return Registry(
            path=path,
            report=rows["Report"].from_row(report),
            areas={area.key: area for area in area_records},
            tasks=tuple(rows["Task"].from_rows(tasks)),
            indicators=tuple(rows["Indicator"].from_rows(indicators)),
            tolerance=tolerance,
            yellow=lights[0],
            red=lights[1],
            red_after_days=lights[2],
            collection=Collection(*collection),
        )
    except (OSError, TypeError, ValueError, IndexError):
        return None
