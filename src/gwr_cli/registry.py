"""The registry: what the report promised, as records (Report, Area, Task,
Indicator, Registry). Loading is in registry_load.py, validation in
registry_check.py (the file), registry_entries.py (tasks and indicators) and
registry_fields.py (the schema's field tables).

The registry is data, not code: any report that follows the schema documented
at the top of data/tasks.toml loads the same way. Loading refuses a broken file
with a message naming the file, the line when it can be found, the entry and
the field.
"""

# No `from __future__ import annotations`: cache.RowCodec reads these records'
# field types as objects (evaluating strings costs ~0.5 ms a run). Annotations
# naming what is imported for type checkers only are quoted.
import datetime as dt
from pathlib import Path

from gwr_cli.patterns import LazyPattern
from gwr_cli.records import Record

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from typing import Any

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
ID_PATTERN = LazyPattern(r"[a-z0-9][a-z0-9-]*")
AREA_PATTERN = LazyPattern(r"[a-z][a-z0-9-]*")


# Records (records.Record, namedtuples) rather than dataclasses: creating a
# dataclass class costs about half a millisecond at every start of gwr, a
# record a tenth.


class Chapter(Record):
    number: int
    title: str
    title_en: str


class Report(Record):
    id: str
    title: str
    title_en: str
    region: str
    year: int
    delivered: dt.date
    text_path: Path
    chapters: tuple[Chapter, ...]
    timezone: str = ""  # IANA name; "" = the machine's zone. "Today" is the date there.


class Area(Record):
    key: str
    name: str
    name_en: str


class Task(Record):
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


class Indicator(Record):
    id: str
    title: str
    title_en: str
    target: float
    unit: str
    unit_en: str
    comparator: str
    source: str


class Collection(Record):
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
        self._task_index: dict[str, Task] | None = None  # made on first lookup

    def replace(self, **changes: object) -> "Registry":
        fields = {name: getattr(self, name) for name in self.__slots__ if name != "_task_index"}
        return Registry(**(fields | changes))

    def task(self, task_id: str) -> Task | None:
        return self.tasks_by_id.get(task_id)

    @property
    def tasks_by_id(self) -> dict[str, Task]:
        """Task id -> task, the index `task()` looks in (read-only: do not change it).

        Made on first use: a count reads the tasks in order and never looks
        one up (0.8 ms of a `gwr status` at 10,000 tasks)."""
        if self._task_index is None:
            self._task_index = {task.id: task for task in self.tasks}
        return self._task_index

    def indicator(self, indicator_id: str) -> Indicator | None:
        return next((i for i in self.indicators if i.id == indicator_id), None)

    def chapter(self, number: int) -> Chapter | None:
        return next((c for c in self.report.chapters if c.number == number), None)


def english_or_chinese(entry: "dict[str, Any]", field: str) -> str:
    """The English text of entry's field ("title" -> "title_en"), or the Chinese
    when the English is empty: a drafted registry (`gwr draft`) leaves English
    titles for a person to fill in, and English output shows the Chinese
    meanwhile. The one place this fallback is decided; `gwr check` warns.
    """
    return entry[f"{field}_en"] or entry[field]
