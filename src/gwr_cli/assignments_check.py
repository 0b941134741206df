"""Validation of the assignments file (分工): every problem, with file and line.

Called by `assignments.inspect_assignments` once the file parsed as TOML; the
rules are listed in that module's docstring. Returns plain validated fields
so that this module does not import the model back (no import cycle).
Messages are in the user's language (keys `asg.*` in messages.py).

About 440 lines on purpose: one rule per check, each with its own message and
the line it points at (an entry's header, a field, a node inside an inline
array); splitting the rules from their line lookup would scatter one job.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

from gwr_cli.events import kept_problem
from gwr_cli.messages import Listing, either, localized, text
from gwr_cli.registry import Registry, Task
from gwr_cli.registry_fields import _is_date, _show

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from typing import Any

SCHEMA_VERSION = 1

# A node as validated: (by, percent or None, value or None, text), the fields of
# assignments.Node in order.
NodeFields = tuple[dt.date, float | None, float | None, str]


def check_entries(raw: dict[str, Any], registry: Registry, problems: Problems) -> list[dict]:
    """The file's entries as Assignment fields (nodes as NodeFields), problems added.

    The list is only meaningful when `problems.messages` stayed empty.
    """
    return _Checker(registry, problems).check(raw)


class Problems:
    """Every problem of one file, each as "file:line: message" in the user's language."""

    def __init__(self, path: Path, lang: str) -> None:
        self.path, self.lang = path, lang
        self.source = ""
        self.messages: list[str] = []

    def add(
        self, message_key: str, line: int | Callable[[], int | None] | None = None, **values: object
    ) -> None:
        """One problem; `line` may be a function that finds it (looked up only now)."""
        if callable(line):
            line = line()
        where = f"{self.path}:{line}" if line else str(self.path)
        message = text(message_key, self.lang, **values)
        self.messages.append(text("asg.at", self.lang, where=where, message=message))

    def word(self, key: str, **values: object) -> str:
        return text(key, self.lang, **values)


class _Worded:
    """A message part (an entry's or a node's label) worded only when a problem
    message uses it: checking a valid file of 10,000 entries words none."""

    __slots__ = ("_key", "_values", "_word")

    def __init__(self, word: Callable[..., str], key: str, **values: object) -> None:
        self._word, self._key, self._values = word, key, values

    def __format__(self, spec: str) -> str:
        return format(self._word(self._key, **self._values), spec)

    def __str__(self) -> str:
        return self.__format__("")


_ENTRY_FIELDS = ("task", "lead", "partners", "leader", "key", "tags", "nodes")
_NODE_FIELDS = ("by", "percent", "value", "text")
_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*assignments[ \t]*\]\]", re.MULTILINE)
_NODE_HEADER = re.compile(
    r"^[ \t]*\[\[[ \t]*assignments[ \t]*\.[ \t]*nodes[ \t]*\]\]", re.MULTILINE
)


def _key_line(key: str) -> re.Pattern[str]:
    """A line that sets `key` (bare or quoted), as TOML writes it."""
    key = re.escape(key)
    return re.compile(rf'^[ \t]*(?:{key}|"{key}")[ \t]*=', re.MULTILINE)


class _Lines:
    """Line numbers for messages: of an entry's header, a field in it, a node in it.

    Found only when there is a problem. Entries written as inline tables have
    no header; their problems are reported with the file alone.
    """

    def __init__(self, source: str) -> None:
        self.source = source
        starts = [m.start() for m in _HEADER.finditer(source)]
        # (header, next header or the end): none when every entry is an inline table
        self.spans = list(pairwise([*starts, len(source)]))
        self._newlines: list[int] | None = None

    def _line(self, offset: int) -> int:
        # A binary search in the newline offsets: counting from the top of the
        # file for every lookup made checking 10,000 entries quadratic (10 s).
        from bisect import bisect_left

        if self._newlines is None:
            self._newlines = [m.start() for m in re.finditer("\n", self.source)]
        return bisect_left(self._newlines, offset) + 1

    def entry(self, index: int) -> int | None:
        return self._line(self.spans[index][0]) if index < len(self.spans) else None

    def field(self, index: int, name: str) -> int | None:
        if index >= len(self.spans):
            return None
        start, end = self.spans[index]
        found = _key_line(name).search(self.source, start, end)
        return self._line(found.start()) if found else self.entry(index)

    def node(self, index: int, position: int) -> int | None:
        """The line of the entry's node #position (0-based), inline or as [[assignments.nodes]]."""
        if index >= len(self.spans):
            return None
        start, end = self.spans[index]
        found = _key_line("nodes").search(self.source, start, end)
        if found is None:
            headers = list(_NODE_HEADER.finditer(self.source, start, end))
            if position < len(headers):
                return self._line(headers[position].start())
            return self.entry(index)
        offsets = _inline_table_offsets(self.source, found.end(), end)
        if position < len(offsets):
            return self._line(offsets[position])
        return self._line(found.start())


def _inline_table_offsets(source: str, start: int, end: int) -> list[int]:
    """Offsets of the inline tables `{` directly inside the array that starts after `start`.

    A small scanner that skips strings and comments, so a brace inside a
    node's text does not count.
    """
    offsets: list[int] = []
    depth = 0
    index = start
    while index < end:
        char = source[index]
        if char == "#":
            newline = source.find("\n", index)
            index = end if newline < 0 else newline
            continue
        if char in "\"'":
            triple = source.startswith(char * 3, index)
            closing = char * 3 if triple else char
            index += len(closing)
            while index < end and not source.startswith(closing, index):
                index += 2 if char == '"' and source[index] == "\\" else 1
            index += len(closing)
            continue
        if char in "[{":
            depth += 1
            if char == "{" and depth == 2:
                offsets.append(index)
        elif char in "]}":
            depth -= 1
            if depth == 0:
                break
        index += 1
    return offsets


class _Checker:
    """One pass over the parsed file, adding every problem found."""

    def __init__(self, registry: Registry, problems: Problems) -> None:
        self.registry = registry
        self.problems = problems
        self._lines: _Lines | None = None

    @property
    def lines(self) -> _Lines:
        if self._lines is None:
            self._lines = _Lines(self.problems.source)
        return self._lines

    def check(self, raw: dict[str, Any]) -> list[dict]:
        add = self.problems.add
        schema = raw.get("schema")
        if "schema" not in raw:
            # An empty or schema-less file: say what to write, not "got None".
            add("asg.schema_missing", None, expected=SCHEMA_VERSION)
        elif schema != SCHEMA_VERSION or isinstance(schema, bool):
            add("asg.schema", self._top_line("schema"), expected=SCHEMA_VERSION, got=_show(schema))
        for key in raw:
            if key not in ("schema", "assignments"):
                add("asg.top_unknown", self._top_line(key), name=key)
        entries_raw = raw.get("assignments", [])
        if not isinstance(entries_raw, list):
            add("asg.not_array", self._top_line("assignments"))
            return []
        entries: list[dict] = []
        first_index: dict[str, int] = {}
        for index, entry in enumerate(entries_raw):
            fields = self._entry(index, entry, first_index)
            if fields is not None:
                entries.append(fields)
        return entries

    def _top_line(self, key: str) -> int | None:
        match = _key_line(key).search(self.problems.source)
        return self.lines._line(match.start()) if match else None

    def _entry(self, index: int, entry: Any, first_index: dict[str, int]) -> dict | None:
        add, word = self.problems.add, self.problems.word
        task_id = entry.get("task") if isinstance(entry, dict) else None
        if isinstance(task_id, str):
            label = _Worded(word, "asg.entry", n=index + 1, task=task_id)
        else:
            label = _Worded(word, "asg.entry_n", n=index + 1)
        if not isinstance(entry, dict):
            add("asg.not_table", self.lines.entry(index), entry=label)
            return None
        ok = True
        for key in entry:
            if key not in _ENTRY_FIELDS:
                known = Listing(list(_ENTRY_FIELDS))
                add("asg.unknown_field", self.lines.field(index, key), entry=label, field=key,
                    known=known)  # fmt: skip
                ok = False
        for name in ("task", "lead"):
            if name not in entry:
                add("asg.missing", self.lines.entry(index), entry=label, field=name)
                ok = False
        task = None
        if "task" in entry:
            if not isinstance(task_id, str):
                self._wrong_type(index, label, "task", "asg.type.str", entry["task"])
                ok = False
            elif task_id in first_index:
                other = first_index[task_id]
                add("asg.duplicate", self.lines.field(index, "task"), entry=label,
                    other=other + 1, other_line=self.lines.entry(other) or "?")  # fmt: skip
                ok = False
            else:
                first_index[task_id] = index
                task = self.registry.task(task_id)
                if task is None and self.registry.indicator(task_id) is None:
                    self._unknown_task(index, label, task_id)
                    ok = False
        names: dict[str, tuple[str, ...]] = {}
        for field in ("lead", "partners", "leader", "tags"):
            if field in entry:
                value = self._names(index, label, field, entry[field])
                if value is None:
                    ok = False
                else:
                    names[field] = value
        if "lead" in names and not names["lead"]:
            add("asg.lead_empty", self.lines.field(index, "lead"), entry=label)
            ok = False
        for name in set(names.get("lead", ())) & set(names.get("partners", ())):
            add("asg.lead_and_partner", self.lines.field(index, "partners"), entry=label,
                name=name)  # fmt: skip
            ok = False
        key = entry.get("key", False)
        if not isinstance(key, bool):
            self._wrong_type(index, label, "key", "asg.type.bool", key)
            ok = False
        nodes: tuple[NodeFields, ...] = ()
        if "nodes" in entry:
            if isinstance(task_id, str) and task is None and self.registry.indicator(task_id):
                add("asg.nodes_indicator", self.lines.field(index, "nodes"), entry=label)
                ok = False
            else:
                checked = self._nodes(index, label, entry["nodes"], task)
                ok = ok and checked is not None
                nodes = checked or ()
        if not ok:
            return None
        return {
            "task": task_id,
            "lead": names["lead"],
            "partners": names.get("partners", ()),
            "leader": names.get("leader", ()),
            "key": key,
            "tags": names.get("tags", ()),
            "nodes": nodes,
        }

    def _wrong_type(self, index: int, label: _Worded, field: str, kind: str, value: Any) -> None:
        self.problems.add("asg.type", self.lines.field(index, field), entry=label, field=field,
                          expected=self.problems.word(kind), got=_show(value))  # fmt: skip

    def _unknown_task(self, index: int, label: _Worded, task_id: str) -> None:
        import difflib

        ids = [t.id for t in self.registry.tasks] + [i.id for i in self.registry.indicators]
        close = difflib.get_close_matches(task_id, ids, n=3, cutoff=0.6)
        close += [i for i in ids if task_id and i.startswith(task_id) and i not in close]
        hint = ""
        if close:
            names = either(close[:3], self.problems.lang)
            hint = self.problems.word("asg.did_you_mean", names=names)
        self.problems.add("asg.unknown_task", self.lines.field(index, "task"), entry=label,
                          task=task_id, hint=hint)  # fmt: skip

    def _names(self, index: int, label: _Worded, field: str, value: Any) -> tuple[str, ...] | None:
        """A list of names (units, leaders, tags), stripped; None after reporting a problem."""
        kind = "asg.type.tags" if field == "tags" else "asg.type.names"
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self._wrong_type(index, label, field, kind, value)
            return None
        names = [v.strip() for v in value]
        if not all(names):  # the line is looked up only for a problem
            self.problems.add("asg.blank_name", self.lines.field(index, field), entry=label,
                              field=field)  # fmt: skip
            return None
        repeated = next((n for n in names if names.count(n) > 1), None)
        if repeated is not None:
            self.problems.add("asg.repeated_name", self.lines.field(index, field), entry=label,
                              field=field, name=repeated)  # fmt: skip
            return None
        return tuple(names)

    def _nodes(
        self, index: int, label: _Worded, value: Any, task: Task | None
    ) -> tuple[NodeFields, ...] | None:
        if not isinstance(value, list):
            self._wrong_type(index, label, "nodes", "asg.type.nodes", value)
            return None
        nodes: list[NodeFields] = []
        ok = True
        previous: tuple[dt.date, float] | None = None
        for position, raw in enumerate(value):
            node = self._node(index, label, position, raw, task)
            if node is None:
                ok = False
                previous = None  # ordering is judged only between usable neighbours
                continue
            nodes.append(node)
            if task is None:
                continue
            by, percent, value_given, _ = node
            if percent is None:  # a value node: its share of the target, as Node would say
                percent = value_given / task.target * 100.0
            if previous is not None:
                node_label = _Worded(self.problems.word, "asg.node", entry=label, k=position + 1)
                line = self._node_line(index, position)  # looked up only for a problem
                if by <= previous[0]:
                    self.problems.add("asg.node_date_order", line, node=node_label,
                                      previous=previous[0].isoformat())  # fmt: skip
                    ok = False
                elif percent <= previous[1]:
                    self.problems.add("asg.node_value_order", line, node=node_label,
                                      previous=_percent_text(previous[1]))  # fmt: skip
                    ok = False
            previous = (by, percent)
        return tuple(nodes) if ok else None

    def _node_line(self, index: int, position: int) -> Callable[[], int | None]:
        """The line of a node, for Problems.add to look up only for a problem."""
        return lambda: self.lines.node(index, position)

    def _node(
        self, index: int, label: _Worded, position: int, raw: Any, task: Task | None
    ) -> NodeFields | None:
        add, word = self.problems.add, self.problems.word
        # Worded and looked up only for a problem: a valid file needs neither.
        line = self._node_line(index, position)
        node_label = _Worded(word, "asg.node", entry=label, k=position + 1)
        if not isinstance(raw, dict):
            add("asg.node_not_table", line, node=node_label)
            return None
        ok = True
        for key in raw:
            if key not in _NODE_FIELDS:
                add("asg.node_unknown", line, node=node_label, field=key,
                    known=Listing(list(_NODE_FIELDS)))  # fmt: skip
                ok = False
        by = raw.get("by")
        if "by" not in raw:
            add("asg.node_missing_by", line, node=node_label)
            ok = False
        elif not _is_date(by):
            add("asg.node_type", line, node=node_label, field="by",
                expected=word("asg.type.date"), got=_show(by))  # fmt: skip
            ok = False
        if "text" in raw and not isinstance(raw["text"], str):
            add("asg.node_type", line, node=node_label, field="text",
                expected=word("asg.type.str"), got=_show(raw["text"]))  # fmt: skip
            ok = False
        given = [name for name in ("percent", "value") if name in raw]
        if len(given) != 1:
            add("asg.node_one_of", line, node=node_label)
            return None
        field = given[0]
        number = raw[field]
        if not isinstance(number, int | float) or isinstance(number, bool):
            add("asg.node_type", line, node=node_label, field=field,
                expected=word("asg.type.number"), got=_show(number))  # fmt: skip
            return None
        problem = kept_problem(number)  # the rule of every number gwr is given
        if problem:
            add("asg.node_bad_number", line, node=node_label, field=field, problem=problem)
            return None
        if task is None:  # unknown task, reported already: nothing to check against
            return None
        if field == "percent" and not 0 <= number <= 100:
            add("asg.node_percent_range", line, node=node_label, got=_show(number))
            ok = False
        if field == "value":
            if task.target is None:
                add("asg.node_value_no_target", line, node=node_label)
                ok = False
            elif not 0 <= number <= task.target:
                add("asg.node_value_range", line, node=node_label, got=_show(number),
                    target=_show(task.target),
                    unit=localized(task, "unit", self.problems.lang) or "")  # fmt: skip
                ok = False
        if _is_date(by):
            opens = task.start or self.registry.report.delivered
            if by > task.deadline:
                add("asg.node_after_deadline", line, node=node_label, by=by.isoformat(),
                    deadline=task.deadline.isoformat())  # fmt: skip
                ok = False
            elif by <= opens:
                add("asg.node_before_window", line, node=node_label, by=by.isoformat(),
                    opens=opens.isoformat())  # fmt: skip
                ok = False
        if not ok:
            return None
        percent = float(number) if field == "percent" else None
        value = float(number) if field == "value" else None
        return (by, percent, value, raw.get("text", "").strip())


def _percent_text(percent: float) -> str:
    return f"{round(percent, 2):g}%"
