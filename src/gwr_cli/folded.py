"""The folded state of every task, cached: what `status` and `list` need
without reading and folding every event (issue 15). One module (about 390
lines): the entry format, its validation and its refolding must change together.

A cache, never a source of truth: deleting it changes no answer. Layout under
`$GWR_HOME/cache/folded/`: `shard-NN.marshal` holds, for the tasks whose id
hashes to shard NN of the ledger index (ledger_index.py), each task's state
folded over all its events, and the token of the index shard it was folded
from. An index shard's token changes whenever its events change (a gwr append,
a `git pull`, a hand edit, a rebuild), so a folded shard is current exactly
when it names the index's token; a stale one is refolded from that shard's
events alone.

Per task the entry holds what the fold gives (status, value, start, done and
last dates, last note, the latest report that `export` prints), the date of
its latest counting event, and the target
it was folded with (a progress at the target means done, so a changed target
in the registry refolds the shard). It answers for an as-of date on or after
every requested task's latest event: a later event would not count then, and
nothing else in a state depends on the date but `overdue`, computed here.
Earlier dates and a pending interrupted write fall back to folding the
events; an undo that cancels an event of another task (only a hand edit makes
one) to folding every event, as a narrowed read of a few shards would miss it.

Writers keep it current under the ledger lock (`record_append`): the appended
event's task is refolded and the shard stored with the index's new token.
Anything that leaves a folded shard behind — a crash between the two writes,
a reader storing an older fold — leaves a token that no longer matches, which
costs one refold, never a wrong answer.

A state's `events` and `contradicted` (the history, which `show` prints) are
read from the ledger the first time a caller asks for them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import compress, repeat
from operator import and_, attrgetter, is_, is_not, itemgetter, ne
from pathlib import Path

from gwr_cli import cache
from gwr_cli.ledger_index import ROWS, SHARDS, shard_of

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from typing import Any

    from gwr_cli.events import Event
    from gwr_cli.ledger import Ledger
    from gwr_cli.ledger_index import Appended, LedgerIndex
    from gwr_cli.registry import Registry, Task
    from gwr_cli.status import TaskState
    from gwr_cli.task_columns import TaskColumns

    # One entry: (status, value, percent, started_on, done_on, last_on, last_note,
    # latest_on, target, contradictions, latest report); dates as ordinals
    # (marshal has no dates), None when unset; contradictions counts the events
    # the fold ignored; the latest report is `views.latest_report` of the state
    # (存在问题, 下步措施, reporting unit), which `export` and `show` print for
    # every task and would otherwise read the whole history for.
    Entry = tuple[
        str, float | None, float, int | None, int | None, int | None, str, int | None, Any, int,
        tuple[str, str, str],
    ]  # fmt: skip

FOLDED_DIR = "folded"
# Entries change meaning with the event rows and with this layout.
FINGERPRINT = cache.fingerprint(ROWS) + "-folded-4"


def _shard_path(cache_dir: Path, shard: int) -> Path:
    return cache_dir / FOLDED_DIR / f"shard-{shard:02d}.marshal"


def _ordinal(day: dt.date | None) -> int | None:
    return None if day is None else day.toordinal()


def fold_entries(
    tasks: dict[str, Task], events: Iterable[Event]
) -> tuple[dict[str, Entry | None], bool]:
    """Each task's entry folded over all its events (None for an id that is
    not a registry task: an indicator, an orphan), and whether an undo cancels
    an event outside its own task (then no entry can be trusted alone)."""
    from gwr_cli.status import CHRONOLOGICAL, effective_events, events_by_task, fold_task
    from gwr_cli.views import latest_report

    events = list(events)
    by_task = events_by_task(events)
    # Once per shard, not per task (a cold read folds 10,000 tasks): which
    # tasks have an undo, and which have an event that says a problem, a next
    # step or a unit. The others skip the undo filter and the report scan.
    task_ids = list(map(_TASK_OF, events))
    with_undo = set(compress(task_ids, map("undo".__eq__, map(_ACTION_OF, events))))
    reporting = set(compress(task_ids, map(any, map(_REPORT_OF, events))))
    entries: dict[str, Entry | None] = {}
    foreign = False
    for task_id, group in by_task.items():
        undone = task_id in with_undo
        if undone:
            undos = [e.cancels for e in group if e.action == "undo"]
            if not {e.id for e in group}.issuperset(undos):
                foreign = True
        task = tasks.get(task_id)
        if task is None:
            entries[task_id] = None
            continue
        # Without an undo, effective_events is the group in chronological order.
        effective = effective_events(group) if undone else sorted(group, key=CHRONOLOGICAL)
        state = fold_task(task, effective, None)
        latest = effective[-1].on if effective else None  # the order starts with the date
        entries[task_id] = (
            state.status,
            state.value,
            state.percent,  # as the fold gives it: from the value and the target alone
            _ordinal(state.started_on),
            _ordinal(state.done_on),
            _ordinal(state.last_on),
            state.last_note,
            _ordinal(latest),
            task.target,
            len(state.contradicted),
            latest_report(state) if task_id in reporting else _NO_REPORT,
        )
    return entries, foreign


_TASK_OF, _ACTION_OF = attrgetter("task"), attrgetter("action")
_REPORT_OF = attrgetter("problems", "next", "unit")
_NO_REPORT = ("", "", "")  # views.latest_report of a task no event of which says one


def _load(cache_dir: Path, shard: int, token: str) -> tuple[dict[str, Any], bool] | None:
    stored = cache.load(_shard_path(cache_dir, shard), FINGERPRINT)
    try:
        if stored is None or stored[0] != token or not isinstance(stored[1], dict):
            return None
        return stored[1], bool(stored[2])
    except (TypeError, IndexError, KeyError):
        return None


def _store(
    cache_dir: Path, shard: int, token: str, entries: dict[str, Entry | None], foreign: bool
) -> None:
    cache.store(_shard_path(cache_dir, shard), (token, entries, foreign), FINGERPRINT)


def _refold(
    index: LedgerIndex, cache_dir: Path, shard: int, token: str, tasks: dict[str, Task]
) -> tuple[dict[str, Any], bool] | None:
    events = index.shard_events(shard)
    if events is None:
        return None
    entries, foreign = fold_entries(tasks, events)
    _store(cache_dir, shard, token, entries, foreign)
    return entries, foreign


class _Days(dict):
    """Ordinal (or None) -> date, made on first use."""

    def __missing__(self, ordinal: int | None) -> dt.date | None:
        made = self[ordinal] = None if ordinal is None else dt.date.fromordinal(ordinal)
        return made


class _Histories:
    """Loads every requested task's full state once, when a history is first asked for."""

    __slots__ = ("_load", "_states")

    def __init__(self, load: Callable[[], dict[str, TaskState]]) -> None:
        self._load = load
        self._states: dict[str, TaskState] | None = None

    def of(self, task: str, field: str) -> tuple[Event, ...]:
        if self._states is None:
            self._states = self._load()
        return getattr(self._states[task], field)


class History(Sequence):
    """A task's `events` or `contradicted`, read from the ledger on first use;
    equal to (and behaving like) the tuple the fold gives."""

    __slots__ = ("_field", "_source", "_task", "latest_report")

    def __init__(
        self,
        source: _Histories,
        task: str,
        field: str,
        latest_report: tuple[str, str, str] | None = None,
    ) -> None:
        self._source, self._task, self._field = source, task, field
        # `views.latest_report` of the state, known from the fold without the history
        self.latest_report = latest_report

    def _items(self) -> tuple[Event, ...]:
        return self._source.of(self._task, self._field)

    def __getitem__(self, index):  # type: ignore[override]
        return self._items()[index]

    def __len__(self) -> int:
        return len(self._items())

    def __iter__(self) -> Iterator[Event]:
        return iter(self._items())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, History | tuple):
            return self._items() == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._items())

    def __repr__(self) -> str:
        return repr(self._items())


class _NoHistory(Sequence):
    """The `events` and `contradicted` of states made for counting: any use
    raises, so that a state without its history is never read as one with none."""

    __slots__ = ()

    def _refuse(self, *_: object) -> Any:
        raise RuntimeError("a state made for counting carries no history (load_history=None)")

    __getitem__ = __len__ = __iter__ = __bool__ = __contains__ = _refuse
    __reversed__ = index = count = _refuse


NO_HISTORY = _NoHistory()


def folded_states(
    registry: Registry,
    ledger_dir: Path,
    cache_dir: Path,
    as_of: dt.date,
    tasks: list[str] | None,
    load_history: Callable[[], dict[str, TaskState]] | None,
) -> dict[str, TaskState] | None:
    """The states `status.task_states` gives for `tasks` (None: every registry
    task, in registry order) at `as_of`, from the folded cache; None when it
    cannot answer (an as-of date before a task's latest event, a pending
    interrupted write): the caller folds the events. When an undo cancels an
    event of another task, every event is folded here.

    `load_history=None`: states for counting, whose `events` and
    `contradicted` are `NO_HISTORY` (any use of it raises) rather than a
    history read on demand (making one per task was ~3 ms of a `status` at
    10,000 tasks, which never reads them).

    `load_history()` returns the same states folded from events; it is called
    only when a state's `events` or `contradicted` is read. Raises LedgerError
    as reading the ledger does. Read while no gwr appends (journal.reading_lock).
    """
    from gwr_cli.journal import reading_lock

    with reading_lock(ledger_dir):
        read = _read_entries(registry, ledger_dir, cache_dir)
        if read is _FOREIGN:
            return _from_every_event(registry, ledger_dir, cache_dir, as_of, tasks)
        if read is None:
            return None
        index, tokens, entries = read
        wanted = registry.tasks if tasks is None else [registry.tasks_by_id[t] for t in tasks]
        try:
            return _states(index, cache_dir, tokens, registry, entries, wanted, as_of, tasks,
                           load_history)  # fmt: skip
        except (TypeError, ValueError, IndexError):  # an entry of another shape: never trust it
            _forget(cache_dir)
            return None


def _forget(cache_dir: Path) -> None:
    import shutil

    shutil.rmtree(cache_dir / FOLDED_DIR, ignore_errors=True)


_FOREIGN = object()  # `_read_entries`: an undo cancels an event of another task


def _read_entries(registry: Registry, ledger_dir: Path, cache_dir: Path) -> Any:
    """(index, its shard tokens, every shard's entries by task id), each shard
    current (refolded when stale); None when the cache cannot answer (a pending
    interrupted write, an index that cannot be read); `_FOREIGN` when an undo
    cancels an event of another task (then every event must be folded)."""
    from gwr_cli.journal import journal_path, ledger_files
    from gwr_cli.ledger_index import LedgerIndex

    if any(journal_path(path).exists() for path in ledger_files(ledger_dir)):
        return None  # the ledger reader recovers it first; so must we
    index = LedgerIndex(ledger_dir, cache_dir, ledger_files)
    # After a rebuild the index holds every parsed event and row (a million
    # objects at 100,000 events): freeing them on return took 80 ms of a cold
    # `status`, while gwr leaves through os._exit, which frees nothing. The
    # latest index is kept instead (one, so a long-lived caller holds at most
    # one ledger's worth), and so are the entries read below (10,000 tuples:
    # freeing them was ~2 ms of a warm `status`).
    entries: dict[str, Any] = {}
    _LATEST_READ[:] = [index, entries]
    tokens = index.tokens()
    for shard in range(SHARDS):
        loaded = _load(cache_dir, shard, tokens[shard])
        if loaded is None:
            loaded = _refold(index, cache_dir, shard, tokens[shard], registry.tasks_by_id)
            if loaded is None:
                return None
        if loaded[1]:
            return _FOREIGN
        entries.update(loaded[0])
    return index, tokens, entries


def counting_columns(
    registry: Registry, ledger_dir: Path, cache_dir: Path, as_of: dt.date
) -> TaskColumns | None:
    """Every registry task's columns for counting at `as_of` (task_columns.py),
    straight from the folded entries: no `TaskState` is made but the few a rule
    asks for (`states_at`, without histories). None when `folded_states` would
    not answer from the entries alone (an as-of date before an event, a pending
    write, an undo of another task's event) or a shard must be refolded for a
    changed registry: the caller counts the states (`Workspace.states`), which
    gives the same columns. Raises LedgerError as reading the ledger does."""
    from gwr_cli.journal import reading_lock

    with reading_lock(ledger_dir):
        read = _read_entries(registry, ledger_dir, cache_dir)
    if read is None or read is _FOREIGN:
        return None
    entries = read[2]
    try:
        return _columns(registry, entries, as_of)
    except (TypeError, ValueError, IndexError):  # an entry of another shape: never trust it
        _forget(cache_dir)
        return None


def _columns(registry: Registry, entries: dict[str, Any], as_of: dt.date) -> TaskColumns | None:
    """`counting_columns` once the entries are read."""
    from gwr_cli.task_columns import TaskColumns

    tasks = list(registry.tasks)
    found = list(map(entries.get, map(_ID, tasks), repeat(_NOT_FOLDED)))
    if None in found:  # an id folded while it was not a task: its shard is stale
        return None
    folded = list(map(is_not, found, repeat(_NOT_FOLDED)))
    own = list(compress(found, folded))
    if any(map(ne, map(_TARGET_OF_ENTRY, own), map(_TARGET, compress(tasks, folded)))):
        return None  # folded with another target: its shard is stale
    latest = max(filter(None, map(_LATEST_OF_ENTRY, own)), default=None)
    if latest is not None and latest > as_of.toordinal():
        return None  # an event after the as-of date would not count
    statuses = list(map(_STATUS_OF_ENTRY, found))
    deadlines = map(_DEADLINE, tasks)
    return TaskColumns(
        tasks=tasks,
        statuses=statuses,
        percents=list(map(_PERCENT_OF_ENTRY, found)),
        unstarted=list(map(is_, map(_STARTED_OF_ENTRY, found), repeat(None))),
        overdue=list(map(and_, map("done".__ne__, statuses), map(as_of.__gt__, deadlines))),
        states_at=lambda positions: _states_at(entries, tasks, positions, as_of),
    )


def _states_at(
    entries: dict[str, Any], tasks: list[Task], positions: list[int], as_of: dt.date
) -> list[TaskState]:
    """The states (for counting, without histories) of the tasks at these positions."""
    wanted = [tasks[p] for p in positions]
    states, _ = _made_states(entries, wanted, as_of, None)
    return [states[task.id] for task in wanted]  # type: ignore[index]


# A task no shard holds: not started (the `_ABSENT` branch of `_made_states`).
_NOT_FOLDED = ("not-started", None, 0.0, None, None, None, "", None, None, 0, ("", "", ""))
_ID, _TARGET, _DEADLINE = attrgetter("id"), attrgetter("target"), attrgetter("deadline")
_STATUS_OF_ENTRY, _PERCENT_OF_ENTRY, _STARTED_OF_ENTRY = itemgetter(0), itemgetter(2), itemgetter(3)
_LATEST_OF_ENTRY, _TARGET_OF_ENTRY = itemgetter(7), itemgetter(8)


_LATEST_READ: list[LedgerIndex | dict[str, Any]] = []


def _states(
    index: LedgerIndex,
    cache_dir: Path,
    tokens: list[str],
    registry: Registry,
    entries: dict[str, Any],
    wanted: Iterable[Task],
    as_of: dt.date,
    tasks: list[str] | None,
    load_history: Callable[[], dict[str, TaskState]] | None,
) -> dict[str, TaskState] | None:
    """`folded_states` once every shard's entries are loaded and current."""
    states, stale = _made_states(entries, wanted, as_of, load_history)
    if not stale:
        return states
    # A changed registry: a task folded with another target, or one that was
    # not a task when its shard was folded. Refold those shards (rare).
    for shard in stale:
        loaded = _refold(index, cache_dir, shard, tokens[shard], registry.tasks_by_id)
        if loaded is None:
            return None
        if loaded[1]:
            return _from_every_event(registry, index.ledger_dir, cache_dir, as_of, tasks)
        entries.update(loaded[0])
    states, stale = _made_states(entries, wanted, as_of, load_history)
    return None if stale else states


def _made_states(
    entries: dict[str, Any],
    wanted: Iterable[Task],
    as_of: dt.date,
    load_history: Callable[[], dict[str, TaskState]] | None,
) -> tuple[dict[str, TaskState] | None, set[int]]:
    """The states from the entries, and the shards of the tasks whose entry
    is stale (then the states are incomplete); None for the states when an
    event falls after the as-of date (the caller folds the events)."""
    from gwr_cli.status import TaskState

    limit = as_of.toordinal()
    histories = None if load_history is None else _Histories(load_history)
    day = _Days()  # few distinct dates: each made once
    # States are made with tuple.__new__ (the fields in TaskState's order):
    # a namedtuple's own __new__ is a Python call, 10,000 of them on every read.
    make, not_started = tuple.__new__, ("not-started", None, 0.0)
    states: dict[str, TaskState] = {}
    stale: set[int] = set()
    for task in wanted:
        task_id = task.id
        entry = entries.get(task_id, _ABSENT)
        if entry is _ABSENT:  # no event in any shard
            fields = (task, *not_started, task.deadline < as_of, None, None, None, "", (), ())
            states[task_id] = make(TaskState, fields)
            continue
        if entry is None or entry[8] != task.target:
            stale.add(shard_of(task_id))
            continue
        status, value, percent, started, done, last, note, latest, _, contradictions, report = entry
        if latest is not None and latest > limit:
            return None, set()  # an event after the as-of date would not count
        if histories is None:
            events = ignored = NO_HISTORY
        else:
            events = History(histories, task_id, "events", report)  # marshal keeps it a tuple
            ignored = History(histories, task_id, "contradicted") if contradictions else ()
        fields = (task, status, value, percent, status != "done" and task.deadline < as_of,
                  day[started], day[done], day[last], note, events, ignored)  # fmt: skip
        states[task_id] = make(TaskState, fields)
    return states, stale


_ABSENT = object()  # `entries.get` default: a task no shard holds (never stale)


def _from_every_event(
    registry: Registry, ledger_dir: Path, cache_dir: Path, as_of: dt.date, tasks: list[str] | None
) -> dict[str, TaskState]:
    """An undo cancels an event of another task (written by hand): fold every
    event, since reading only the wanted tasks' shards would miss the undo."""
    from gwr_cli.ledger import read_ledger
    from gwr_cli.status import task_states

    states = task_states(registry, read_ledger(ledger_dir, cache_dir).events, as_of)
    return states if tasks is None else {t: states[t] for t in tasks}


def record_append(
    registry: Registry, cache_dir: Path, ledger: Ledger, appended: Appended | None
) -> None:
    """Under the ledger lock, after gwr appended `appended.event`: refold its
    task into the folded shard and store it with the index's new token.

    `ledger` is what the writer read under the same lock (at least every event
    of the task). When the folded shard was not current before the append, it
    is left as it is: its token no longer matches, and the next reader refolds.
    """
    if appended is None:
        return
    loaded = _load(cache_dir, appended.shard, appended.token_before)
    if loaded is None:
        return
    entries, foreign = loaded
    event = appended.event
    task = registry.task(event.task)
    own = [e for e in ledger.events if e.task == event.task]
    own.append(event)
    new, new_foreign = fold_entries({} if task is None else {task.id: task}, own)
    entries.update(new)
    _store(cache_dir, appended.shard, appended.token_after, entries, foreign or new_foreign)
