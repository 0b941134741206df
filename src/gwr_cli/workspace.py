"""The core a command calls: registry, states, schedules, counts, record, undo.

A `Workspace` is the global options (home, registry, as-of date, language)
plus what they lead to, loaded once and only when needed. Every method
returns data; commands render it. It knows nothing of Typer, so tests can
drive it directly. Imports stay inside the methods: start-up time is measured
(bench/) and most commands need only a few of them.

About 400 lines on purpose: one object whose methods are the core's verbs, with
the small records they return beside it; each method only calls the pure
modules (status, schedule, tally, lights, record, summary_build…).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from gwr_cli.records import Record

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from pathlib import Path

    from gwr_cli.assignments import Assignments
    from gwr_cli.ledger import Event, Ledger
    from gwr_cli.lights import Light
    from gwr_cli.paths import Locations
    from gwr_cli.periods import Period
    from gwr_cli.record import Change
    from gwr_cli.registry import Registry
    from gwr_cli.schedule import Schedule
    from gwr_cli.status import TaskState
    from gwr_cli.summary import WeeklySummary
    from gwr_cli.tally import Grouping, Tally


class Counts(Record):
    """`Workspace.counts()`: the tally of every task and per group, at `as_of`."""

    as_of: dt.date
    overall: Tally
    groups: dict[str, Tally]  # group key -> tally, in the grouping's order
    grouping: Grouping

    def to_data(self) -> dict[str, object]:
        """JSON-ready; the same shape as the summary's `counts` and `areas`."""
        return {
            "as_of": self.as_of.isoformat(),
            "grouping": self.grouping.name,
            "counts": self.overall.to_data(),
            "groups": [
                {
                    "key": key,
                    "name": self.grouping.labels[key][0],
                    "name_en": self.grouping.labels[key][1],
                    "counts": tally.to_data(),
                }
                for key, tally in self.groups.items()
            ],
        }


class UnitView(Record):
    """`Workspace.units()`: one unit of the 分工 and how its tasks stand."""

    name: str
    lead: tuple[str, ...]  # ids of the registry tasks it leads (indicators left out)
    partner: tuple[str, ...]  # ids of those it supports
    done: int  # of the led tasks, done
    lights: dict[str, int]  # of the led tasks: red, yellow, green (sum: len(lead))
    last_report: dt.date | None  # latest event counting for it (unit_reports), or None

    def to_data(self) -> dict[str, object]:
        return {
            "unit": self.name,
            "lead": list(self.lead),
            "partner": list(self.partner),
            "done": self.done,
            "lights": dict(self.lights),
            "last_report": self.last_report.isoformat() if self.last_report else None,
        }


class Contradiction(Record):
    """An event the state machine does not count: it contradicts the status before it."""

    event: Event
    status: str  # the task's status when the event came


_LATEST_COUNTED: list[dict[str, object]] = []


class Workspace:
    def __init__(
        self,
        home_option: str | None = None,
        registry_option: str | None = None,
        as_of_option: dt.date | None = None,
        lang: str = "en",
    ) -> None:
        self.home_option, self.registry_option = home_option, registry_option
        self.as_of_option, self.lang = as_of_option, lang
        self._locations: Locations | None = None
        self._registry: Registry | None = None
        self._assignments: Assignments | None = None
        self._today: dt.date | None = None

    # --- where things are -------------------------------------------------------

    def locations(self) -> Locations:
        if self._locations is None:
            from gwr_cli.paths import resolve_locations

            self._locations = resolve_locations(self.home_option, self.registry_option)
        return self._locations

    def cache_dir(self) -> Path:
        from gwr_cli.cache import CACHE_DIR

        return self.locations().home / CACHE_DIR

    def registry(self) -> Registry:
        if self._registry is None:
            from gwr_cli.registry_load import load_registry

            self._registry = load_registry(self.locations().registry, self.cache_dir())
        return self._registry

    def ledger(self, *, use_cache: bool = True, tasks: Iterable[str] | None = None) -> Ledger:
        """Committed events; with `tasks`, only those tasks' events are needed."""
        from gwr_cli.ledger import read_ledger

        cache_dir = self.cache_dir() if use_cache else None
        return read_ledger(self.locations().ledger, cache_dir, tasks)

    # --- dates ------------------------------------------------------------------

    def today(self) -> dt.date:
        """Today in the report's time zone ([report] timezone; else the machine's),
        read once: a command that runs across midnight keeps one date throughout."""
        if self._today is None:
            from gwr_cli.dates import today

            self._today = today(self.registry().report.timezone)
        return self._today

    @property
    def as_of(self) -> dt.date:
        return self.as_of_option or self.today()

    # --- reading ----------------------------------------------------------------

    def states(
        self, tasks: Iterable[str] | None = None, *, histories: bool = True
    ) -> dict[str, TaskState]:
        """State of every task (or of the given ones) as of the as-of date.

        From the folded cache (folded.py) when it can answer, else by folding
        the events; the same states either way. `histories=False`: states for
        counting, whose `events` and `contradicted` may be `folded.NO_HISTORY`
        (any use of it raises).
        """
        from gwr_cli.folded import folded_states

        tasks = None if tasks is None else list(tasks)
        registry, as_of = self.registry(), self.as_of
        load = (lambda: self._folded_from_events(tasks)) if histories else None
        fast = folded_states(registry, self.locations().ledger, self.cache_dir(), as_of, tasks,
                             load)  # fmt: skip
        return fast if fast is not None else self._folded_from_events(tasks)

    def _folded_from_events(self, tasks: list[str] | None) -> dict[str, TaskState]:
        from gwr_cli.status import task_states

        events = self.ledger(tasks=tasks).events
        if tasks is not None:
            wanted = set(tasks)
            events = [e for e in events if e.task in wanted]
        states = task_states(self.registry(), events, self.as_of)
        return states if tasks is None else {t: states[t] for t in tasks}

    def assignments(self) -> Assignments:
        """The office's 分工 ($GWR_HOME/assignments.toml); empty when there is none.

        Raises AssignmentsError (file and line) when the file does not validate.
        """
        if self._assignments is None:
            from gwr_cli.assignments import load_assignments

            self._assignments = load_assignments(
                self.locations().assignments_file, self.registry(), self.lang, self.cache_dir()
            )
        return self._assignments

    def schedules_and_lights(
        self, states: dict[str, TaskState], as_of: dt.date | None = None
    ) -> tuple[dict[str, Schedule], dict[str, Light]]:
        """Each task's 序时状态 and light (亮灯), in one pass over the tasks, at the
        as-of date (or at `as_of`, the date the states were folded at: a past
        week's end); a task with 分工 nodes follows them."""
        from gwr_cli.schedule_lights import schedules_and_lights

        nodes = self.assignments().nodes_by_task()
        return schedules_and_lights(self.registry(), states, as_of or self.as_of, nodes)

    def lights(
        self, states: dict[str, TaskState], as_of: dt.date | None = None
    ) -> dict[str, Light]:
        """The lights of `schedules_and_lights`."""
        return self.schedules_and_lights(states, as_of)[1]

    def grouping(self, name: str = "area") -> Grouping:
        """The Grouping called "area", "chapter", "unit" (lead units) or "leader"."""
        from gwr_cli import tally

        registry = self.registry()
        if name == "chapter":
            return tally.by_chapter(registry)
        if name == "unit":
            return tally.by_unit(self.assignments())
        if name == "leader":
            return tally.by_leader(self.assignments())
        return tally.by_area(registry)

    def counts(self, grouping: str = "area") -> Counts:
        """The one tally at the as-of date, overall and per group ("area", "chapter",
        "unit" or "leader"), with the light partition (red/yellow/green) counted."""
        from gwr_cli import tally
        from gwr_cli.folded import counting_columns
        from gwr_cli.schedule_lights import kinds_at
        from gwr_cli.task_columns import columns_of_states

        registry, as_of = self.registry(), self.as_of
        locations = self.locations()
        columns = counting_columns(registry, locations.ledger, self.cache_dir(), as_of)
        if columns is None:  # the folded entries cannot answer alone: fold
            columns = columns_of_states(list(self.states(histories=False).values()))
        nodes = self.assignments().nodes_by_task()
        scheduled, colors = kinds_at(registry, columns, as_of, nodes)
        chosen = self.grouping(grouping)
        overall, groups = tally.counted_columns(columns, scheduled, chosen, colors)
        # Kept, not freed on return (~1.7 ms for 10,000 tasks): gwr leaves
        # through os._exit, which frees nothing; the latest only, so that a
        # long-lived caller holds one read's worth (as folded._LATEST_READ).
        _LATEST_COUNTED[:] = [columns, scheduled, colors]
        return Counts(as_of, overall, groups, chosen)

    def period(
        self,
        *,
        week: str | None = None,
        month: str | None = None,
        quarter: str | None = None,
        half: str | None = None,
        year: str | None = None,
    ) -> Period:
        """The one period the options name (this week when none); InputError otherwise.

        A week alone goes through `dates.week_bounds` as before issue 11: the last
        ISO week of year 9999 ends at 9999-12-31 rather than being refused."""
        from gwr_cli.periods import Period, period_from_options

        if month is None and quarter is None and half is None and year is None:
            from gwr_cli.dates import week_bounds

            monday, sunday = week_bounds(week, self.as_of, self.lang)
            iso_year, number, _ = monday.isocalendar()
            return Period("week", f"{iso_year:04d}-W{number:02d}", monday, sunday)
        return period_from_options(
            self.as_of, self.lang, week=week, month=month, quarter=quarter, half=half, year=year
        )

    def summary(self, week: str | None = None, *, period: Period | None = None) -> WeeklySummary:
        """The summary of a period (default: the ISO week `week`, 'this' or 'last')."""
        from gwr_cli.summary_build import build_summary

        if period is None:
            period = self.period(week=week)
        return build_summary(
            self.registry(),
            self.ledger().events,
            period,
            self.as_of,
            assignments=self.assignments(),
        )

    def units(self) -> list[UnitView]:
        """`gwr units`: every unit of the 分工 with its tasks by role, done, lights and
        last report (the latest event counting for it, see unit_reports)."""
        from gwr_cli import tally
        from gwr_cli.unit_reports import last_reports

        assignments = self.assignments()
        states = self.states()
        schedules, lights = self.schedules_and_lights(states)
        per_unit = tally.grouped(states.values(), schedules, tally.by_unit(assignments), lights)
        last = last_reports(assignments, self.ledger().events, self.as_of)
        found = []
        for unit in assignments.units():
            lead = [t for t in unit.lead if t in states]
            partner = [t for t in unit.partner if t in states]
            counted = per_unit.get(unit.name, tally.Tally())
            found.append(
                UnitView(
                    unit.name,
                    tuple(lead),
                    tuple(partner),
                    counted.done,
                    counted.light_counts(),
                    last.get(unit.name),
                )
            )
        return found

    def contradictions(self, events: Iterable[Event] | None = None) -> list[Contradiction]:
        """Events (typed, merged or hand-written) that the state machine does not
        count, with the status they contradicted; of `events`, else of the
        ledger read without the cache."""
        from gwr_cli.status import effective_events, events_by_task, step

        registry = self.registry()
        found = []
        if events is None:
            events = self.ledger(use_cache=False).events
        by_task = events_by_task(effective_events(events))
        for task in registry.tasks:
            status = "not-started"
            for event in by_task.get(task.id, ()):
                if event.action == "indicator":
                    continue
                changed = step(task, status, event)
                if changed is None:
                    found.append(Contradiction(event, status))
                else:
                    status = changed
        return found

    # --- writing: one flow for every record -------------------------------------

    def _date_to_record(self, on: str | None) -> dt.date:
        """--on, else today; never in the future (both in the report's time zone)."""
        from gwr_cli.dates import parse_date
        from gwr_cli.record import check_on_date

        today = self.today()
        on_date = parse_date(on, "--on") if on is not None else today
        check_on_date(on_date, today)
        return on_date

    def _append(self, author: str, build, task: str | None) -> None:
        from gwr_cli import folded
        from gwr_cli.ledger import append_event

        cache_dir, registry = self.cache_dir(), self.registry()
        append_event(self.locations().ledger, author, build, cache_dir=cache_dir, task=task,
                     on_append=lambda ledger, appended: folded.record_append(
                         registry, cache_dir, ledger, appended))  # fmt: skip

    def record(
        self,
        task_id: str,
        action: str,
        *,
        on: str | None = None,
        value: str | None = None,
        note: str = "",
        problems: str = "",
        next_steps: str = "",
        unit: str = "",
    ) -> Change:
        """Append start/progress/done/block/note/reopen for a task; what changed.

        `note` is 进展情况, `problems` 存在问题, `next_steps` 下步措施, `unit` the
        unit that reported (exact or unique substring of a 分工 unit when an
        assignments file exists; InputError when it names none).
        Resolves the id (exact or unique prefix), parses --on and the value,
        refuses a future date, plans the event under the ledger lock (refusing
        one that contradicts the record, see `record.plan_task_event`), appends.
        """
        from gwr_cli.lookup import resolve_task
        from gwr_cli.paths import current_author
        from gwr_cli.record import parse_progress_value, plan_task_event

        task = resolve_task(self.registry(), task_id)
        unit = unit.strip()
        if unit and self.assignments():
            unit = self.assignments().match_unit(unit, self.lang)
        on_date = self._date_to_record(on)
        amount = parse_progress_value(task, value) if value is not None else None
        author = current_author()
        view_date = self.as_of
        changes: list[Change] = []

        def build(ledger: Ledger) -> Event:
            change = plan_task_event(
                ledger,
                task,
                action,
                author=author,
                on=on_date,
                as_of=max(view_date, on_date),
                value=amount,
                note=note,
                problems=problems,
                next_steps=next_steps,
                unit=unit,
                lang=self.lang,
            )
            changes.append(change)
            return change.event

        self._append(author, build, task.id)
        return changes[-1]

    def undo(self, *, on: str | None = None, note: str = "") -> list[Change]:
        """Cancel the author's last write that is not cancelled yet: one
        action, or every event of one import (`record.plan_undo_write`); what
        changed, one Change per cancelled event, latest first. Several undos
        are appended as one journaled write (all or none)."""
        from gwr_cli.ledger import append_events
        from gwr_cli.paths import current_author
        from gwr_cli.record import plan_undo_write

        registry = self.registry()
        on_date = self._date_to_record(on)
        author = current_author()
        view_date = self.as_of
        planned: list[list[Change]] = []

        def plan(ledger: Ledger) -> list[Change]:
            changes = plan_undo_write(registry, ledger, author=author, on=on_date,
                                      as_of=view_date, note=note, lang=self.lang)  # fmt: skip
            planned.append(changes)
            return changes

        def build(ledger: Ledger) -> Event:
            changes = plan(ledger)
            if len(changes) > 1:
                raise _SeveralEvents
            return changes[0].event

        try:
            # One undo (the common case) keeps the single append's cache upkeep.
            self._append(author, build, None)
        except _SeveralEvents:
            # Planned again under the lock of the write that makes it.
            append_events(self.locations().ledger, author,
                          lambda ledger: [change.event for change in plan(ledger)],
                          cache_dir=self.cache_dir())  # fmt: skip
        return planned[-1]

    def set_indicator(
        self, indicator_id: str, value: str, *, on: str | None = None, note: str = ""
    ) -> Event:
        """Record a measured value of an indicator; the appended event."""
        from gwr_cli.indicators import parse_indicator_value
        from gwr_cli.lookup import resolve_indicator
        from gwr_cli.paths import current_author
        from gwr_cli.record import plan_indicator_value

        indicator = resolve_indicator(self.registry(), indicator_id)
        amount = parse_indicator_value(value)
        on_date = self._date_to_record(on)
        author = current_author()
        event = plan_indicator_value(indicator, author=author, on=on_date, value=amount, note=note)
        self._append(author, lambda ledger: event, indicator.id)
        return event


class _SeveralEvents(Exception):
    """An undo that cancels several events: written by `append_events` instead."""
