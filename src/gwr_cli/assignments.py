"""Who answers for each task (分工): `$GWR_HOME/assignments.toml`, loaded and validated.

The registry says what the report promised; the office's 分工方案 says who
answers for it. It lives beside the ledger (shared through git like it), in
this shape, so that other tools can write it too:

    schema = 1
    [[assignments]]
    task = "sewer-pipes-50km"          # a registry task id (or an indicator id)
    lead = ["区水务局"]                 # 牵头单位, one or more
    partners = ["前山街道", "南屏镇"]    # 配合单位, in order; optional
    leader = ["区领导甲"]               # 责任领导, one or more; optional
    key = true                         # ★ key task; optional
    tags = ["民生实事"]                  # optional
    nodes = [                          # 节点目标; optional; tasks only
      { by = 2021-06-30, percent = 40, text = "完成一期管网" },
      { by = 2021-09-30, value = 35 },  # value in the task's unit
    ]

A missing file means no assignments (views show 未分工). A file that does not
load is reported with file and line, in the user's language, and never
rewritten. Rules beyond types and known keys: the task exists in the registry;
no task is assigned twice; each name appears once per entry and no unit both
leads and supports; a node has `by` and exactly one of `percent` (0..100) or
`value` (0..the task's target, tasks with a target only); node dates lie after
the task's window opens (its `start`, else the day the report was delivered)
and no later than its deadline, strictly increasing, and so do node progress
values; indicators take no nodes (they have no window).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from gwr_cli.errors import AssignmentsError, InputError
from gwr_cli.messages import either, os_reason, text
from gwr_cli.records import Record
from gwr_cli.registry import Registry
from gwr_cli.regular import read_regular


class Node(Record):
    """A milestone (节点目标): progress expected by a date."""

    by: dt.date
    percent: float | None  # 0..100, or None when given as a value
    value: float | None  # in the task's unit, or None when given as a percent
    text: str = ""  # what is to be done, e.g. 完成一期管网


class Assignment(Record):
    task: str  # registry task (or indicator) id
    lead: tuple[str, ...]  # 牵头单位, at least one
    partners: tuple[str, ...] = ()  # 配合单位, in the file's order
    leader: tuple[str, ...] = ()  # 责任领导
    key: bool = False  # ★ key task
    tags: tuple[str, ...] = ()
    nodes: tuple[Node, ...] = ()  # by date, strictly increasing


class Unit(Record):
    name: str
    lead: tuple[str, ...]  # ids of the tasks it leads
    partner: tuple[str, ...]  # ids of the tasks it supports

    @property
    def role(self) -> str:
        """ "lead" when it leads any task, else "partner"."""
        return "lead" if self.lead else "partner"


class Leader(Record):
    name: str
    tasks: tuple[str, ...]


def node_percent(node: Node, target: float | None) -> float:
    """A node's expected progress in percent of the task (a value node: of its target)."""
    if node.percent is not None:
        return node.percent
    assert node.value is not None and target  # validated on load
    return node.value / target * 100.0


class Assignments:
    """The loaded 分工: an Assignment per assigned task id, and lookups by unit,
    leader and tag. Empty (and false) when there is no file. Read-only.
    """

    __slots__ = ("_count", "_entries", "_leaders", "_load", "_nodes", "_units", "path")

    def __init__(
        self,
        path: Path,
        entries: dict[str, Assignment] | Callable[[], dict[str, Assignment]],
        *,
        nodes: dict[str, tuple[Node, ...]] | None = None,
        count: int | None = None,
    ) -> None:
        """`entries` (task id -> its Assignment), or a function that gives
        them when first asked for, with `nodes` (`nodes_by_task()`) and `count`
        (how many entries) known without them: the cached 分工 (load_assignments)."""
        self.path = path
        self._entries, self._load = (None, entries) if callable(entries) else (entries, None)
        self._count = count
        # The unit and leader indexes are built when a unit or leader view first
        # asks: `status` and `list` need only each task's entry (at 10,000
        # entries building them took a third of loading the cached 分工).
        self._units: tuple[Unit, ...] | None = None
        self._leaders: tuple[Leader, ...] | None = None
        self._nodes: dict[str, tuple[Node, ...]] | None = nodes

    @property
    def entries(self) -> dict[str, Assignment]:
        """Task id -> its Assignment, in the file's order."""
        if self._entries is None:
            self._entries = self._load()  # type: ignore[misc]
        return self._entries

    def _index(self) -> None:
        units: dict[str, tuple[list[str], list[str]]] = {}
        leaders: dict[str, list[str]] = {}
        for entry in self.entries.values():
            for name in entry.lead:
                units.setdefault(name, ([], []))[0].append(entry.task)
            for name in entry.partners:
                units.setdefault(name, ([], []))[1].append(entry.task)
            for name in entry.leader:
                leaders.setdefault(name, []).append(entry.task)
        self._units = tuple(Unit(n, tuple(lead), tuple(p)) for n, (lead, p) in units.items())
        self._leaders = tuple(Leader(n, tuple(t)) for n, t in leaders.items())

    def __len__(self) -> int:
        if self._entries is None and self._count is not None:
            return self._count  # known without decoding every entry
        return len(self.entries)

    def __iter__(self) -> Iterator[Assignment]:
        return iter(self.entries.values())

    def __contains__(self, task_id: object) -> bool:
        return task_id in self.entries

    def get(self, task_id: str) -> Assignment | None:
        """The task's assignment, or None: 未分工."""
        return self.entries.get(task_id)

    def lead_units_of(self, task_id: str) -> tuple[str, ...]:
        """The task's lead units (a grouping key: a task with two counts for each); () if 未分工."""
        entry = self.entries.get(task_id)
        return entry.lead if entry else ()

    def leaders_of(self, task_id: str) -> tuple[str, ...]:
        """The task's responsible leaders; () if none or 未分工."""
        entry = self.entries.get(task_id)
        return entry.leader if entry else ()

    def nodes_by_task(self) -> dict[str, tuple[Node, ...]]:
        """Task id -> its nodes, for tasks that have any (what lights.lights takes).

        Made once: a read asks for it for the schedules and again for the lights."""
        if self._nodes is None:
            self._nodes = {entry.task: entry.nodes for entry in self if entry.nodes}
        return self._nodes

    def units(self) -> tuple[Unit, ...]:
        """Every unit named, in the order the file first names it, with its tasks by role."""
        if self._units is None:
            self._index()
        return self._units  # type: ignore[return-value]

    def leaders(self) -> tuple[Leader, ...]:
        """Every responsible leader (责任领导), in the order the file first names them."""
        if self._leaders is None:
            self._index()
        return self._leaders  # type: ignore[return-value]

    def tags(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(tag for entry in self for tag in entry.tags))

    def tasks_of_unit(self, name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(ids of the tasks the unit leads, ids of those it supports); empty if unknown."""
        unit = next((u for u in self.units() if u.name == name), None)
        return (unit.lead, unit.partner) if unit else ((), ())

    def tasks_of_leader(self, name: str) -> tuple[str, ...]:
        return next((leader.tasks for leader in self.leaders() if leader.name == name), ())

    def tasks_tagged(self, tag: str) -> tuple[str, ...]:
        return tuple(entry.task for entry in self if tag in entry.tags)

    def key_tasks(self) -> tuple[str, ...]:
        return tuple(entry.task for entry in self if entry.key)

    def match_unit(self, typed: str, lang: str) -> str:
        """The unit name typed exactly or as a unique substring ("水务" → 区水务局).

        InputError (in `lang`) listing the candidates when ambiguous, with
        suggestions when nothing matches.
        """
        return self._match(typed, [u.name for u in self.units()], "unit", lang)

    def match_leader(self, typed: str, lang: str) -> str:
        """The leader name typed exactly or as a unique substring; errors as match_unit."""
        return self._match(typed, [leader.name for leader in self.leaders()], "leader", lang)

    def match_tag(self, typed: str, lang: str) -> str:
        """The tag typed exactly or as a unique substring; errors as match_unit."""
        return self._match(typed, list(self.tags()), "tag", lang)

    def _match(self, typed: str, names: Sequence[str], kind: str, lang: str) -> str:
        wanted = typed.strip()
        label = text(f"asg.kind.{kind}", lang)
        if not self.entries:
            raise InputError(text("asg.match.empty", lang, kind=label, path=self.path))
        if wanted in names:
            return wanted
        folded = wanted.casefold()
        exact = [n for n in names if n.casefold() == folded]
        found = exact or ([n for n in names if folded in n.casefold()] if folded else [])
        if len(found) == 1:
            return found[0]
        if found:
            raise InputError(
                text(
                    "asg.match.ambiguous",
                    lang,
                    kind=label,
                    typed=wanted,
                    candidates=_some(found, lang),
                )
            )
        import difflib

        close = difflib.get_close_matches(wanted, names, n=3, cutoff=0.5)
        if close:
            suggestions = either(close, lang)
            raise InputError(
                text("asg.match.unknown", lang, kind=label, typed=wanted, suggestions=suggestions)
            )
        # Nothing close: name what there is, so the user can pick without opening the file.
        if not names:
            raise InputError(
                text("asg.match.absent", lang, kind=label, typed=wanted, path=self.path)
            )
        candidates = _some(names, lang)
        raise InputError(
            text(
                "asg.match.none",
                lang,
                kind=label,
                typed=wanted,
                candidates=candidates,
                path=self.path,
            )
        )


def _some(names: Sequence[str], lang: str) -> str:
    """Up to eight names for a one-line error, "…" when there are more."""
    return text("list.sep", lang).join(names[:8]) + ("…" if len(names) > 8 else "")


# --- loading ------------------------------------------------------------------------


def load_assignments(
    path: Path, registry: Registry, lang: str, cache_dir: Path | None = None
) -> Assignments:
    """The 分工 at `path` checked against the registry; empty when the file does not exist.

    With a cache_dir, a file validated before against the same registry and
    unchanged since is loaded from the cache (cache.py) instead of parsed and
    checked again. Raises AssignmentsError (in `lang`) naming the file, line
    and first problem.
    """
    key = where = None
    if cache_dir is not None:
        from gwr_cli import cache

        key = _cache_key(path, registry)
        if key is not None:
            where = cache.entry_path(cache_dir, "assignments", path)
            entry = cache.load(where, _ROWS_FINGERPRINT)
            try:
                if entry is not None and entry[0] == key[0]:
                    return _from_entry(path, entry, lambda: _checked(path, registry, lang))
            except (TypeError, ValueError, IndexError):
                pass  # an entry of another shape: check the file again
    assignments = _checked(path, registry, lang)
    if key is not None and assignments.entries:
        cache.store(where, _to_entry(key[1], assignments), _ROWS_FINGERPRINT)
    return assignments


def _checked(path: Path, registry: Registry, lang: str) -> Assignments:
    """The 分工 parsed and checked; AssignmentsError naming its first problem."""
    assignments, problems = inspect_assignments(path, registry, lang)
    if assignments is None:
        more = text("asg.more", lang, count=len(problems) - 1) if len(problems) > 1 else ""
        raise AssignmentsError(problems[0] + more)
    return assignments


# The cached 分工 holds each Assignment as a tuple of its own fields (marshal
# keeps tuples as tuples), node dates as ordinals, and every repeated name as
# one string: an entry without nodes (most of them) becomes its record with
# one tuple.__new__, where decoding field by field (cache.RowCodec) took about
# a fifth of a warm `status` at 10,000 entries. The fingerprint names the fields.
#
# Entry: (key, count, node rows, the rows marshalled). Every read needs the
# nodes (schedules and lights follow them) but only the unit and leader
# views need every entry: the rows stay bytes, which marshal copies, until
# asked for (loading and decoding 10,000 of them was 5 ms of each `status`).
_ROWS_FINGERPRINT = "rows2-" + ",".join(Assignment._fields) + "-" + ",".join(Node._fields)


def _to_entry(key: list[object], assignments: Assignments) -> tuple[object, ...]:
    import marshal

    rows = _to_rows(assignments.entries.values())
    nodes = [(row[0], row[_NODES]) for row in rows if row[_NODES]]
    return (key, len(rows), nodes, marshal.dumps(rows))


def _from_entry(
    path: Path, entry: tuple[object, ...], recheck: Callable[[], Assignments]
) -> Assignments:
    """The Assignments of a cached entry, its rows decoded when first asked for;
    `recheck()` loads the file instead should they not decode (then they were
    written by another gwr: its checks are redone, never trusted)."""
    _key, count, node_rows, blob = entry
    if type(count) is not int or type(blob) is not bytes:
        raise TypeError("a cached 分工 entry of another shape")
    days: dict[int, dt.date] = {}  # node dates repeat: each made once
    nodes = {task: _nodes_of(rows, days) for task, rows in node_rows}  # type: ignore[attr-defined]

    def entries() -> dict[str, Assignment]:
        import marshal

        try:
            return _from_rows(marshal.loads(blob))  # type: ignore[arg-type]
        except (TypeError, ValueError, IndexError, EOFError):
            return recheck().entries

    return Assignments(path, entries, nodes=nodes, count=count)


def _nodes_of(rows: Iterable[tuple[object, ...]], days: dict[int, dt.date]) -> tuple[Node, ...]:
    make = tuple.__new__
    nodes = []
    for by, percent, value, goal in rows:
        day = days.get(by) or days.setdefault(by, dt.date.fromordinal(by))  # type: ignore[arg-type]
        nodes.append(make(Node, (day, percent, value, goal)))
    return tuple(nodes)


_WIDTH = len(Assignment._fields)
_NODES = Assignment._fields.index("nodes")


def _to_rows(entries: Iterable[Assignment]) -> list[tuple[object, ...]]:
    names: dict[str, str] = {}  # marshal writes an object met twice once, then refers to it

    def shared(values: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(names.setdefault(value, value) for value in values)

    return [
        (
            entry.task,
            shared(entry.lead),
            shared(entry.partners),
            shared(entry.leader),
            entry.key,
            shared(entry.tags),
            tuple((n.by.toordinal(), n.percent, n.value, n.text) for n in entry.nodes),
        )
        for entry in entries
    ]


def _from_rows(rows: list[tuple[object, ...]]) -> dict[str, Assignment]:
    """`_to_rows` undone; ValueError or TypeError for a row of another shape."""
    if set(map(len, rows)) - {_WIDTH}:
        raise ValueError("a cached 分工 row of another width")
    make = tuple.__new__
    entries = {row[0]: make(Assignment, row) for row in rows}
    days: dict[int, dt.date] = {}  # node dates repeat: each made once
    for row in rows:
        if row[_NODES]:  # about one task in ten has nodes
            nodes = _nodes_of(row[_NODES], days)
            entries[row[0]] = make(Assignment, (*row[:_NODES], nodes))
    return entries


def _cache_key(path: Path, registry: Registry) -> tuple[list[object], list[object]] | None:
    """What a cached 分工 was checked against: this file's state and the
    registry's (its file and report text), as read now (`cache.identity`) and
    as kept with the entry (`cache.identity_to_keep`); None when a file cannot
    be seen.

    Parsing and checking 10,000 entries takes about 0.5 s; every command that
    counts lights or units reads the 分工.
    """
    from gwr_cli import cache

    try:
        stats = [path.stat(), registry.path.stat(), registry.report.text_path.stat()]
    except (OSError, AttributeError):
        return None
    now, kept = ([str(path), str(registry.path)] for _ in range(2))
    for stat in stats:
        now.append(list(cache.identity(stat)))
        kept.append(list(cache.identity_to_keep(stat)))
    return now, kept


def inspect_assignments(
    path: Path, registry: Registry, lang: str
) -> tuple[Assignments | None, list[str]]:
    """Load and validate; the assignments (None when unusable) and every problem found."""
    try:
        raw_bytes = read_regular(path)  # a FIFO or device is refused, never blocks
    except FileNotFoundError:
        if os.path.islink(path):  # a link to nothing is a broken file, not "no 分工"
            return None, [text("asg.dangling", lang, path=path, target=os.readlink(path))]
        return Assignments(path, {}), []
    except OSError as error:
        return None, [text("asg.unreadable", lang, path=path, reason=os_reason(error))]
    from gwr_cli.assignments_check import Problems, check_entries

    problems = Problems(path, lang)
    try:
        source = raw_bytes.decode("utf-8")
    except UnicodeDecodeError as error:
        problems.add("asg.not_utf8", byte=error.start)
        return None, problems.messages
    if source.startswith("\ufeff"):
        problems.add("asg.bom", line=1)
        return None, problems.messages
    if not source.strip():
        problems.add("asg.empty")
        return None, problems.messages
    from gwr_cli.toml_read import loads_toml  # tomllib's results; toml-rs when installed

    try:
        raw = loads_toml(source)
    except ValueError as error:  # tomllib.TOMLDecodeError: tomllib words every error
        from gwr_cli.events import conflict_lines  # markers are never valid TOML

        conflict = conflict_lines(source)
        if conflict:
            problems.add("asg.conflict", conflict[0], first=conflict[0], last=conflict[1])
            return None, problems.messages
        # tomllib's message is English; keep its position, give the rest in our words.
        position = re.search(r"line (\d+), column (\d+)", str(error))
        if position:
            problems.add("asg.toml", int(position[1]), column=position[2], detail=str(error))
        else:
            problems.add("asg.toml.end", None, detail=str(error))
        return None, problems.messages
    problems.source = source
    checked = check_entries(raw, registry, problems)
    if problems.messages:
        return None, problems.messages
    entries = {}
    for fields in checked:
        nodes = tuple(Node(*node) for node in fields.pop("nodes"))
        entries[fields["task"]] = Assignment(**fields, nodes=nodes)
    return Assignments(path, entries), []
