"""The event model of the progress ledger: what one `[[events]]` table holds,
how it is validated, read from TOML and written back. Pure: no files, no locks.

Adding an optional text field to the ledger is one line in `Event` (a string
that defaults to ""): validation, rendering and the cache rows are derived
from the field list. (About 590 lines: the format's reading, checking and
writing are one job, and splitting them would split its rules; the check of
whole columns, `_valid_columns`, repeats `problem_with`'s rules for the cold
read and stays beside it, held equal by a test. The TOML parser itself is
toml_read.py.)

The numbers gwr keeps are ruled here too, beside the ledger's own limits
(`number_problem`), since a value is what an event stores: `parse_number` for
a typed text, `kept_problem` for a number from a file, one rule for both.
"""

# No `from __future__ import annotations`: cache.RowCodec reads these records'
# field types as objects (evaluating strings costs ~0.5 ms a run). Annotations
# naming what is imported for type checkers only are quoted.
import datetime as dt
import math
import os
import re
import sys
from itertools import accumulate, chain, repeat
from math import isfinite
from operator import itemgetter
from pathlib import Path

from gwr_cli.errors import LedgerError
from gwr_cli.messages import Listing, Msg, Quoted, toml_problem
from gwr_cli.patterns import LazyPattern
from gwr_cli.records import Record
from gwr_cli.toml_read import loads_toml  # here so that tests can count the parses

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from typing import Any

LEDGER_SCHEMA = 1
TASK_ACTIONS = ("start", "progress", "done", "block", "note", "reopen")
ACTIONS = (*TASK_ACTIONS, "undo", "indicator")
INT64 = 2**63  # TOML integers are signed 64-bit


class Event(Record):
    # A record (a namedtuple), not a dataclass: a ledger holds up to hundreds of thousands
    # of these, and a tuple is several times cheaper to build.
    id: str
    task: str
    action: str
    on: dt.date
    at: dt.datetime
    by: str
    value: float | None = None
    note: str = ""
    cancels: str = ""
    problems: str = ""  # 存在问题: what holds the task up
    next: str = ""  # 下步措施: what will be done next
    unit: str = ""  # the unit (单位) that reported it
    # The events of one write of several (an import) share a random id, so that
    # `gwr undo` takes them back together; "" for a one-event write (and in
    # ledgers written before it existed, which read as before).
    batch: str = ""
    # Where the event was read from, for messages; not written.
    file: str = ""
    line: int = 0
    seq: int = 0

    @property
    def order(self) -> tuple[dt.date, dt.datetime, int, str]:
        """Chronological order: when it happened, then when it was recorded
        (microseconds), then its place in its file; never the author's name."""
        return (self.on, self.at, self.seq, self.file)

    def to_record(self) -> "dict[str, Any]":
        """The TOML table gwr writes: fixed keys first, optional ones only when set."""
        record: dict[str, Any] = {"id": self.id, "task": self.task, "action": self.action}
        if self.value is not None:
            record["value"] = toml_number(self.value)
        for name in OPTIONAL_TEXT:
            text = getattr(self, name)
            if text:
                record[name] = text
        record.update(on=self.on, at=self.at, by=self.by)
        return record


LOCATION_FIELDS = ("file", "line", "seq")  # the last fields of Event, never written
STORED_FIELDS = Event._fields[: -len(LOCATION_FIELDS)]
assert Event._fields[-len(LOCATION_FIELDS) :] == LOCATION_FIELDS
_REQUIRED_TEXT = ("id", "task", "action", "by")
# Every optional string field of Event (default ""), in the order they are written.
OPTIONAL_TEXT = tuple(
    name
    for name, default in Event._field_defaults.items()
    if default == "" and name not in LOCATION_FIELDS
)
EVENT_KEYS = frozenset(STORED_FIELDS)
_ACTION_SET = frozenset(ACTIONS)
_SHORTEST = len(_REQUIRED_TEXT) + 2  # the required text, `on` and `at`


class Ledger(Record):
    events: tuple[Event, ...]
    files: tuple[Path, ...]


def new_event_id() -> str:
    return os.urandom(8).hex()  # 64 random bits; `secrets` costs 4 ms to import


def now_utc() -> dt.datetime:
    """The recording time, UTC, to the microsecond: same-second records by two
    people keep the order they were made in."""
    return dt.datetime.now(dt.UTC)


# --- numbers ------------------------------------------------------------------


def number_problem(value: "Any") -> Msg | None:
    """Why a value cannot be stored as a number (None if it can): TOML and JSON
    hold finite numbers only, and TOML integers within 64 bits."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return Msg("number.not_number")
    if isinstance(value, int):
        return None if -INT64 <= value < INT64 else Msg("number.beyond_64_bits")
    if math.isinf(value):  # also what TOML and float() make of 1e400
        return Msg("number.infinite", value=value)
    return None if math.isfinite(value) else Msg("number.not_finite", value=value)


# --- the numbers gwr keeps: one rule for every number a user or a file gives ----
#
# A float holds every decimal of at most 15 significant digits (DBL_DIG) so that
# it reads back as the same decimal; with more digits the nearest float is a
# different number (12345678901234567890123 is kept as …741440). So a number is
# accepted as typed when it has at most KEPT_DIGITS significant digits and is 0
# or from SMALLEST to LARGEST in size (below SMALLEST a float holds fewer digits,
# above about 1.8e308 none). Typed text is held to it (`parse_number`: progress,
# indicator values, a text cell of an imported workbook), and so is a number
# that arrives parsed (`kept_problem`: the registry, the 分工 file, a number
# cell). The ledger is read with `number_problem` only, so that what gwr wrote
# before this rule stays readable; `gwr check` lists such values (`unkept_values`).

KEPT_DIGITS = 15  # the messages number.* and check.unkept say these three
LARGEST = 1e308
SMALLEST = 1e-307
_TYPED_NUMBER = LazyPattern(r"[+-]?(\d*)(?:\.(\d*))?(?:[eE][+-]?\d+)?")


class NumberRefused(ValueError):
    """A number gwr cannot keep as given; `problem` says why (a Msg to put
    after the value: "is not a number", "has 23 significant digits …")."""

    def __init__(self, problem: Msg) -> None:
        super().__init__(problem.key)
        self.problem = problem


def _digits_problem(digits: int) -> Msg | None:
    if digits <= KEPT_DIGITS:
        return None
    return Msg("number.too_many_digits", digits=digits, kept=KEPT_DIGITS)


def _size_problem(number: float, digits: int) -> Msg | None:
    """Too large (inf included), or a non-zero number too close to zero
    (`digits` > 0: typed digits that are not all zeros, even if the float is 0)."""
    size = abs(number)
    if not size <= LARGEST:  # inf, and nan (not from parse_number's texts)
        return Msg("number.too_large")
    if digits and size < SMALLEST:
        return Msg("number.too_small")
    return None


def parse_number(text: str) -> float:
    """The number a text states, kept exactly as typed; NumberRefused when the
    text is not a number (digits with an optional sign, decimal point and
    exponent: 32, -1.5, .5, 1e3) or is one gwr cannot keep (see KEPT_DIGITS).

    Callers first take off what is theirs to read (a percent sign, spaces,
    thousands separators, full-width forms).
    """
    match = _TYPED_NUMBER.fullmatch(text)
    if match is None or not (match[1] or match[2]):  # "", "+", ".", "e5"
        raise NumberRefused(Msg("number.not_number"))
    # Significant digits: the mantissa's, without leading and trailing zeros.
    digits = len(((match[1] or "") + (match[2] or "")).strip("0"))
    number = float(text) + 0.0  # -0 is 0: adding 0.0 drops the sign of a zero only
    problem = _size_problem(number, digits) or _digits_problem(digits)
    if problem:
        raise NumberRefused(problem)
    return number


def kept_problem(value: "Any") -> Msg | None:
    """Why a number that arrives parsed (a TOML value, a spreadsheet's number
    cell) is not one gwr keeps exactly, or None: `number_problem`'s, then the
    rule of `parse_number`, judged on the float (a float is kept when the
    15-significant-digit decimal nearest to it reads back as the same float)."""
    if isinstance(value, int) and not isinstance(value, bool):
        if value.bit_length() > 1000:  # beyond 64 bits; Python will not write it out
            return number_problem(value)
        # 20 digits say more than "beyond 64 bits" (the TOML limit, kept below)
        digits = len(str(abs(value)).strip("0"))
        problem = _digits_problem(digits) or number_problem(value)
        if problem:
            return problem
        return _size_problem(float(value), digits)
    problem = number_problem(value)
    if problem:
        return problem
    number = float(value)
    problem = _size_problem(number, 0 if number == 0 else 1)
    if problem:
        return problem
    if float(f"{number:.{KEPT_DIGITS}g}") != number:  # 16 or 17 digits to tell it
        return Msg("number.more_digits", kept=KEPT_DIGITS)
    return None


def kept(number: float) -> float:
    """A computed number (a percent of a target) as the nearest number gwr keeps:
    to KEPT_DIGITS significant digits, without the binary noise of the
    arithmetic (0.29 * 100 is 28.999999999999996), and 0 for -0."""
    return float(f"{number:.{KEPT_DIGITS}g}") + 0.0


_VALUE_OF = itemgetter(STORED_FIELDS.index("value"))


def unkept_values(events: "list[Event]") -> "list[tuple[Event, Msg]]":
    """The events whose value `kept_problem` refuses (typed before gwr refused
    such numbers, or written by hand), with the problem: for `gwr check`."""
    values = set(map(_VALUE_OF, events))  # in C: a ledger holds few distinct values
    values.discard(None)
    refused = {value: problem for value in values if (problem := kept_problem(value))}
    if not refused:
        return []
    return [(e, refused[e.value]) for e in events if e.value in refused]


def kept_float(value: float) -> float:
    """A number that passed `kept_problem` (a spreadsheet's number cell) as the
    float gwr stores: -0 is 0, as a typed -0 (`parse_number`) and a read -0.0
    (toml_read) are."""
    return float(value) + 0.0


def as_written(event: Event) -> Event:
    """The event as a fresh read of what `render_event` writes gives it: what an
    append hands to its caller and to the cache, so that nothing depends on
    whether the event was just recorded or read back (the cache is never a
    source of truth). The value is written by `toml_number` (-0.0 as 0, a whole
    float as an integer) and read back as a float by `event_from`."""
    value = event.value
    if value is None:
        return event
    return event._replace(value=float(toml_number(value)))


def toml_number(value: float) -> int | float:
    """A whole number as a TOML integer when it fits in 64 bits, else a float."""
    number = float(value)
    if number.is_integer() and -INT64 <= number < INT64:
        return int(number)
    return number


# --- reading ------------------------------------------------------------------


def header_lines(text: str, table: str) -> list[int]:
    """Line numbers of every `[[table]]` header (spaces or tabs before it
    allowed), in one pass over the text. str.find, not a line-anchored regular
    expression: twice as fast on a ledger read without the cache (measured)."""
    needle = f"[[{table}]]"
    chunks = text.split(f"\n{needle}")
    if text.count(needle) == len(chunks) - 1 + text.startswith(needle):
        # Every header starts its line (as gwr writes them): one split, and
        # the lines counted per chunk in C, a third of the loop below.
        # The k-th header follows k separators (one newline each) and the
        # newlines of the k chunks before it.
        newlines = map(str.count, chunks, repeat("\n", len(chunks) - 1))
        found = list(accumulate(map((1).__add__, newlines), initial=1))[1:]
        return [1, *found] if text.startswith(needle) else found
    lines, line, position = [], 1, 0
    start = text.find(needle)
    while start >= 0:
        line_start = text.rfind("\n", 0, start) + 1
        if not text[line_start:start].strip(" \t"):
            line += text.count("\n", position, line_start)
            position = line_start
            lines.append(line)
        start = text.find(needle, start + len(needle))
    return lines


def problem_with(record: "Any") -> Msg | None:
    """What is wrong with one [[events]] entry, or None."""
    if not isinstance(record, dict):
        return Msg("event.not_table")
    # Checked for every event of a ledger read without the cache (100,000 at
    # the benchmark's size): the common case of each check comes first.
    if not EVENT_KEYS.issuperset(record):
        unknown = sorted(set(record) - EVENT_KEYS)
        return Msg("event.unknown_key", key=unknown[0], known=Listing(sorted(EVENT_KEYS)))
    for key in _REQUIRED_TEXT:
        if not isinstance(record.get(key), str) or not record[key]:
            return Msg("event.needs_text", key=key)
    if record["action"] not in _ACTION_SET:
        return Msg(
            "event.unknown_action", action=Quoted(record["action"]), known=Listing(list(ACTIONS))
        )
    on = record.get("on")
    if not isinstance(on, dt.date) or isinstance(on, dt.datetime):  # a date, not a date-time
        return Msg("event.needs_on")
    if not isinstance(record.get("at"), dt.datetime):
        return Msg("event.needs_at")
    value = record.get("value")
    if value is not None:
        problem = number_problem(value)
        if problem:
            return Msg("event.bad_value", problem=problem)
    if record["action"] in ("progress", "indicator") and value is None:
        return Msg("event.needs_value", action=record["action"])
    if len(record) > _SHORTEST:  # a record with only the required keys has no optional text
        for name in OPTIONAL_TEXT:
            if not isinstance(record.get(name, ""), str):
                return Msg("event.not_text", key=name)
    if record["action"] == "undo" and not isinstance(record.get("cancels"), str):
        return Msg("event.needs_cancels")
    return None


# Every stored field and its default, in Event's order (required ones: None).
_DEFAULTS = tuple(Event._field_defaults.get(name) for name in STORED_FIELDS)
_AT, _VALUE = STORED_FIELDS.index("at"), STORED_FIELDS.index("value")


def event_from(record: "dict[str, Any]", file: str, line: int, seq: int) -> Event:
    """An Event from a validated [[events]] table (see problem_with)."""
    values = list(map(record.get, STORED_FIELDS, _DEFAULTS))
    at = values[_AT]
    if at.tzinfo is None:  # hand-written files may omit the offset; gwr writes UTC
        values[_AT] = at.replace(tzinfo=dt.UTC)
    value = values[_VALUE]
    if value is not None:
        values[_VALUE] = float(value)
    values += (file, line, seq)
    return tuple.__new__(Event, values)  # Event(...) without keyword handling: faster


def events_from(
    path: Path, text: str, document: "dict[str, Any]", first_line: int, first_seq: int
) -> list[Event]:
    """The events of a parsed document; LedgerError naming file and line."""
    return events_and_columns(path, text, document, first_line, first_seq)[0]


def events_and_columns(
    path: Path, text: str, document: "dict[str, Any]", first_line: int, first_seq: int
) -> "tuple[list[Event], list[list[Any]] | None]":
    """`events_from`, and the events' columns (one list per field of Event,
    in its order) when the whole-column check built them, else None: the
    ledger index encodes its rows from the columns (cache.RowCodec.rows_from_columns)."""
    records = document.get("events", [])
    if not isinstance(records, list):
        raise LedgerError("ledger.not_array", path=path)
    lines = [first_line - 1 + line for line in header_lines(text, "events")]
    file = sys.intern(str(path))  # so that the index rows' sys.intern returns at once
    columns = _valid_columns(records, file, lines, first_seq)
    if columns is not None:
        rows = zip(*columns, strict=True)
        return list(map(tuple.__new__, repeat(Event, len(records)), rows)), columns
    # Some record is wrong: find the first one, and say what and where.
    events = []
    for index, record in enumerate(records):
        line = lines[index] if index < len(lines) else 0
        problem = problem_with(record)
        if problem:
            where = f"{path}:{line}" if line else str(path)
            event_id = Quoted(record.get("id")) if isinstance(record, dict) else ""
            raise LedgerError("ledger.bad_event", where=where, id=event_id, problem=problem)
        events.append(event_from(record, file, line, first_seq + index))
    return events, None


# The fields without a default (id, task, action, on, at, by), and the others.
_REQUIRED_FIELDS = tuple(name for name in STORED_FIELDS if name not in Event._field_defaults)
_REQUIRED = itemgetter(*_REQUIRED_FIELDS)
_OPTIONAL_FIELDS = tuple(name for name in STORED_FIELDS if name not in _REQUIRED_FIELDS)
_ONE = (str,)  # the only type a text column may hold
_NUMBER_TYPES = frozenset((type(None), int, float))
_NEED_VALUE = ("progress", "indicator")


def _valid_columns(
    records: "list[Any]", file: str, lines: list[int], first_seq: int
) -> "list[list[Any]] | None":
    """Every field of Event as a column (a list, one value per record, as
    `event_from` gives it) when all the records pass `problem_with`, else None.

    The same checks as `problem_with`, made on whole columns (one field of
    every record) with C-level map, set and min/max instead of per record: the
    cold read checks 100,000 events (issue 15). Only exact types pass here
    (what the TOML parsers give); anything else goes to `problem_with`, which
    decides, so this accepts nothing `problem_with` refuses.
    """
    count = len(records)
    if not count:
        return [[] for _ in Event._fields]
    if set(map(type, records)) != {dict}:
        return None
    present = set(chain.from_iterable(records))  # every key of every record
    if not EVENT_KEYS.issuperset(present):
        return None
    try:  # the required fields of each record in one C call; a missing one: KeyError
        required = list(zip(*map(_REQUIRED, records), strict=True))
    except KeyError:
        return None
    by_name = dict(zip(_REQUIRED_FIELDS, map(list, required), strict=True))
    for name in _OPTIONAL_FIELDS:  # a key no record has is the default everywhere
        default = _DEFAULTS[STORED_FIELDS.index(name)]
        by_name[name] = (
            list(map(dict.get, records, repeat(name, count))) if name in present
            else [default] * count
        )  # fmt: skip
    columns = [by_name[name] for name in STORED_FIELDS]
    for name in _REQUIRED_TEXT:
        column = by_name[name]
        if tuple(set(map(type, column))) != _ONE or "" in column:
            return None
    actions = by_name["action"]
    kinds = set(actions)
    if not _ACTION_SET.issuperset(kinds):
        return None
    if set(map(type, by_name["on"])) != {dt.date} or set(map(type, by_name["at"])) != {dt.datetime}:
        return None
    values = by_name["value"]
    value_types = set(map(type, values))
    if not _NUMBER_TYPES.issuperset(value_types):
        return None
    if value_types != {type(None)}:
        numbers = [v for v in values if v is not None]
        if not (min(numbers) >= -INT64 and max(numbers) < INT64 and all(map(isfinite, numbers))):
            return None
        if int in value_types:
            values[:] = [v if v is None else float(v) for v in values]
    if not kinds.isdisjoint(_NEED_VALUE) and None in [
        v for a, v in zip(actions, values, strict=True) if a in _NEED_VALUE
    ]:
        return None
    for name in OPTIONAL_TEXT:
        column = by_name[name]
        if None in column:  # absent: the default, as event_from gives it
            column[:] = ["" if text is None else text for text in column]
        if tuple(set(map(type, column))) != _ONE:
            return None
    if "undo" in kinds and not all(
        "cancels" in r for r, a in zip(records, actions, strict=True) if a == "undo"
    ):
        return None
    ats = by_name["at"]
    if None in map(dt.datetime.utcoffset, ats):  # hand-written files may omit the offset
        ats[:] = [at if at.tzinfo is not None else at.replace(tzinfo=dt.UTC) for at in ats]
    # The line of each record's header, as the per-record path numbers them.
    lines = lines[:count] + [0] * (count - len(lines))
    return [*columns, [file] * count, lines, list(range(first_seq, first_seq + count))]


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = 1 + data.count(b"\n", 0, error.start)
        raise LedgerError("ledger.not_utf8", path=path, line=line) from None


_CONFLICT = LazyPattern(r"^(<{7}|={7}|>{7})(?: |$)", re.MULTILINE)


def conflict_lines(text: str) -> tuple[int, int] | None:
    """First and last line of git conflict markers in the text, or None."""
    if "<<<<<<<" not in text and ">>>>>>>" not in text and "=======" not in text:
        return None  # the common case, without the slower line-anchored search
    marks = [m.start() for m in _CONFLICT.finditer(text)]
    if not marks:
        return None
    return text.count("\n", 0, marks[0]) + 1, text.count("\n", 0, marks[-1]) + 1


def parse_ledger_file(path: Path, data: bytes) -> list[Event]:
    """Parse one author's file; raise LedgerError naming file and line."""
    return parse_ledger_columns(path, data)[0]


def parse_ledger_columns(path: Path, data: bytes) -> "tuple[list[Event], list[list[Any]] | None]":
    """`parse_ledger_file`, and the events' columns as `events_and_columns` gives them."""
    text = _decode(path, data)
    if text.startswith("\ufeff"):
        raise LedgerError("ledger.bom", path=path)
    if not text.strip():
        raise LedgerError("ledger.empty", path=path)
    conflict = conflict_lines(text)
    if conflict:
        from gwr_cli.messages import storage_error

        first, last = conflict
        raise storage_error(LedgerError, "ledger.conflict", path=path, first=first, last=last)
    try:
        document = loads_toml(text)
    except ValueError as error:
        raise LedgerError("ledger.toml", path=path, problem=toml_problem(error)) from None
    unknown = sorted(set(document) - {"schema", "events"})
    if unknown:
        raise LedgerError("ledger.top_level", path=path, key=unknown[0])
    if document.get("schema", LEDGER_SCHEMA) != LEDGER_SCHEMA:
        raise LedgerError(
            "ledger.schema", path=path, schema=Quoted(document["schema"]), supported=LEDGER_SCHEMA
        )
    return events_and_columns(path, text, document, 1, 0)


_APPENDED_EVENTS = LazyPattern(r"\A\s*\[\[events\]\]")


def parse_appended(path: Path, tail: bytes, first_line: int, first_seq: int) -> list[Event] | None:
    """Events appended after a part already parsed, or None if the tail does not
    stand alone (then the caller parses the whole file).

    A tail that starts with an [[events]] header means the same on its own as
    at the end of the file: every key after the header belongs to new tables.
    """
    try:
        text = tail.decode("utf-8")
        if not _APPENDED_EVENTS.match(text) or conflict_lines(text):
            return None
        document = loads_toml(text)
    except (UnicodeDecodeError, ValueError):
        return None
    if set(document) != {"events"}:
        return None
    return events_from(path, text, document, first_line, first_seq)


_INLINE_EVENTS = LazyPattern(rb"""^[ \t]*(?:events|"events"|'events')[ \t]*=""", re.MULTILINE)
_FIRST_HEADER = LazyPattern(rb"^[ \t]*\[", re.MULTILINE)


def appendable_problem(data: bytes) -> str | None:
    """Why appending an `[[events]]` table to this ledger file (valid, as read
    just before under the lock) would break it, or None.

    gwr appends only after its own shape: comments and `schema = N`, then
    `[[events]]` tables. The one valid shape that an append breaks is a
    root-level `events = [...]` (even empty): a validated file holds no other
    table (unknown keys are refused on reading), and root keys can only stand
    before the first table header, so only that head is searched — a write
    costs the same however long the file has grown.
    """
    header = _FIRST_HEADER.search(data)
    head_end = header.start() if header else len(data)
    if _INLINE_EVENTS.search(data, 0, head_end):
        return "inline"
    return None


# --- writing ------------------------------------------------------------------


def file_header(author: str) -> str:
    return (
        f"# gwr progress ledger of {author}: append-only, one [[events]] table per action.\n"
        "# Written by gwr; safe to read, share and merge with git.\n"
        f"schema = {LEDGER_SCHEMA}\n"
    )


def render_event(event: Event, *, new_file: bool, ends_with_newline: bool = True) -> bytes:
    """The bytes that append one event: a header for a new file, then one table."""
    import tomli_w  # only writers pay for it

    body = tomli_w.dumps({"events": [event.to_record()]})
    prefix = ""
    if new_file:
        prefix = file_header(event.by)
    elif not ends_with_newline:
        prefix = "\n"
    return (prefix + "\n" + body).encode("utf-8")


_ID_OF = itemgetter(STORED_FIELDS.index("id"))


def check_unique_ids(events: list[Event]) -> None:
    """LedgerError naming both places when two events share an id (the first such pair)."""
    repeated = repeated_ids(events)
    if repeated:
        raise repeated[0]


def repeated_ids(events: list[Event]) -> list[LedgerError]:
    """A LedgerError for every event whose id an earlier one has, naming both
    places (`gwr check` lists them all: a merge may repeat many)."""
    if len(set(map(_ID_OF, events))) == len(events):  # in C: 100,000 on a cold read
        return []
    first_seen: dict[str, Event] = {}
    found = []
    for event in events:
        earlier = first_seen.setdefault(event.id, event)
        if earlier is not event:
            found.append(
                LedgerError(
                    "ledger.duplicate_id",
                    where=f"{event.file}:{event.line}",
                    id=Quoted(event.id),
                    earlier=f"{earlier.file}:{earlier.line}",
                )
            )
    return found
