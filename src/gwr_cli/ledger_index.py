"""A cache of the parsed ledger, sharded by task, so that reading stays fast
and recording one event stays independent of how long the ledger has grown.

Layout under `$GWR_HOME/cache/ledger-index/`:
- `manifest.marshal`: for every ledger file, the state it was parsed at
  (inode, size, modification time, CRC-32 of its bytes, lines and events), and
  the token of every shard;
- `shard-NN.marshal`: the events of the tasks whose id hashes to NN, as plain
  rows (`cache.RowCodec(Event)`: every field of Event, derived from its type),
  with the token the manifest names.
Every entry is checksummed and keyed by the Event fingerprint (cache.py); an
entry that fails either is rebuilt from the ledger files.

gwr's own appends update the index directly (`record_append`), touching one
shard. A file that grew otherwise (git merges append to other authors' files)
has just its new tail parsed, and only the shards that receive events are
rewritten. Anything else — a file edited in the middle,
removed, a shard whose token does not match — rebuilds the whole index from
the ledger files. The index is never a source of truth: deleting it is safe.
"""

from __future__ import annotations

import os
import zlib
from collections import Counter
from collections.abc import Callable, Iterable
from operator import itemgetter
from pathlib import Path

from gwr_cli import cache
from gwr_cli.errors import LedgerError
from gwr_cli.events import (
    Event,
    check_unique_ids,
    parse_appended,
    parse_ledger_columns,
    parse_ledger_file,
)
from gwr_cli.records import Record
from gwr_cli.regular import read_regular_stat

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from typing import Any

SHARDS = 16  # a write reads 1/16 of the events; a full read opens 16 files
INDEX_DIR = "ledger-index"


class Appended(Record):
    """What `LedgerIndex.record_append` indexed: for caches kept per shard."""

    shard: int
    token_before: str
    token_after: str
    event: Event  # as indexed: file, line and seq set


def shard_of(task: str) -> int:
    return zlib.crc32(task.encode()) % SHARDS


ROWS = cache.RowCodec(Event, intern=("task", "action", "on", "by", "file"))
_ID, _TASK = Event._fields.index("id"), Event._fields.index("task")
_TASK_OF = itemgetter(_TASK)


def _rows_of(events: Iterable[Event]) -> list[tuple[Any, ...]]:
    to_row = ROWS.to_row
    return [to_row(e) for e in events]


def _from_rows(rows: Iterable[tuple[Any, ...]]) -> list[Event]:
    return ROWS.from_rows(rows)


class _FileState:
    """What the manifest remembers of one ledger file."""

    __slots__ = ("checksum", "count", "identity", "lines", "size")

    def __init__(self, identity: list[int], size: int, checksum: int, lines: int, count: int):
        self.identity, self.size, self.checksum = identity, size, checksum
        self.lines, self.count = lines, count

    @classmethod
    def of(cls, stat: os.stat_result, data: bytes, count: int) -> _FileState:
        identity = list(cache.identity_to_keep(stat))
        identity[1] = len(data)  # the bytes read, should the file grow after the stat
        return cls(identity, len(data), zlib.crc32(data), data.count(b"\n") + 1, count)

    def dump(self) -> list[Any]:
        return [self.identity, self.size, self.checksum, self.lines, self.count]


class LedgerIndex:
    def __init__(
        self, ledger_dir: Path, cache_dir: Path, list_files: Callable[[Path], list[Path]]
    ) -> None:
        self.ledger_dir = ledger_dir
        self.list_files = list_files
        self.folder = cache_dir / INDEX_DIR
        # Set by a rebuild: the events just parsed, so that they are not turned
        # into rows and back again (a third of a cold read).
        self._parsed: list[Event] | None = None
        self._parsed_by_shard: dict[int, list[Event]] | None = None
        # The shard tokens and rows of the index as last brought up to date, for
        # `tokens()` and `shard_events()` (the folded state's validation, folded.py).
        self._tokens: list[str] = []
        self._loaded: dict[int, list[tuple[Any, ...]]] = {}

    # --- storage ---

    def _manifest_path(self) -> Path:
        return self.folder / "manifest.marshal"

    def _shard_path(self, shard: int) -> Path:
        return self.folder / f"shard-{shard:02d}.marshal"

    def _load_manifest(self) -> tuple[dict[str, _FileState], list[str]] | None:
        entry = cache.load(self._manifest_path(), ROWS.fingerprint)
        try:
            if not entry or entry[0] != str(self.ledger_dir) or len(entry[2]) != SHARDS:
                return None
            return {name: _FileState(*state) for name, state in entry[1].items()}, entry[2]
        except (TypeError, ValueError, IndexError):
            return None

    def _store(
        self,
        files: dict[str, _FileState],
        tokens: list[str],
        shards: dict[int, list[tuple[Any, ...]]],
    ) -> None:
        for shard, rows in shards.items():
            tokens[shard] = os.urandom(8).hex()
            cache.store(self._shard_path(shard), (tokens[shard], rows), ROWS.fingerprint)
        manifest = (str(self.ledger_dir), {n: s.dump() for n, s in files.items()}, tokens)
        cache.store(self._manifest_path(), manifest, ROWS.fingerprint)
        self._tokens = tokens

    def _load_shard(self, shard: int, token: str) -> list[Any] | None:
        entry = cache.load(self._shard_path(shard), ROWS.fingerprint)
        if not entry or entry[0] != token:
            return None
        return entry[1]

    # --- reading ---

    def _rebuild(self, paths: list[Path]) -> dict[int, list[tuple[Any, ...]]]:
        files: dict[str, _FileState] = {}
        every: list[Event] = []
        every_row: list[tuple[Any, ...]] = []
        for path in paths:
            data, stat = read_regular_stat(path)  # never blocks on a FIFO
            events, columns = parse_ledger_columns(path, data)
            every.extend(events)
            # Rows encoded a column at a time when the file's check built the
            # columns (a field per C-level map, not a call per event).
            every_row.extend(
                _rows_of(events) if columns is None else ROWS.rows_from_columns(columns)
            )
            files[path.name] = _FileState.of(stat, data, len(events))
        check_unique_ids(every)
        # Each event and its row to its task's shard (each task hashed once), in
        # file order within a shard: one stable sort of the positions by shard,
        # in C. The events are kept for `shard_events`, which the folded state
        # reads next (folded.py).
        tasks = list(map(_TASK_OF, every))
        number = {task: shard_of(task) for task in set(tasks)}
        shard_numbers = list(map(number.__getitem__, tasks))
        order = sorted(range(len(every)), key=shard_numbers.__getitem__)
        every_sorted = list(map(every.__getitem__, order))
        rows_sorted = list(map(every_row.__getitem__, order))
        grouped: dict[int, list[Event]] = {}
        shards: dict[int, list[tuple[Any, ...]]] = {}
        start = 0
        counts = Counter(shard_numbers)
        for n in range(SHARDS):
            end = start + counts[n]
            grouped[n], shards[n] = every_sorted[start:end], rows_sorted[start:end]
            start = end
        self._store(files, [""] * SHARDS, shards)
        self._parsed, self._parsed_by_shard = every, grouped
        return shards

    def rows(self, tasks: Iterable[str] | None = None) -> list[tuple[Any, ...]]:
        """Rows of every committed event, or of the given tasks' shards.

        The caller makes sure no interrupted write is pending (no journal).
        """
        wanted = set(range(SHARDS)) if tasks is None else {shard_of(t) for t in tasks}
        shards = self._read_shards(wanted)
        return [row for shard in sorted(wanted) for row in shards[shard]]

    def _read_shards(self, wanted: set[int]) -> dict[int, list[tuple[Any, ...]]]:
        """The index brought up to the ledger files (`wanted` shards at least),
        rebuilt once should a file vanish while it is read; any other OSError
        is a LedgerError (the exit point words the OSError, messages.os_reason)."""
        try:
            try:
                return self._current_shards(self.list_files(self.ledger_dir), wanted)
            except FileNotFoundError:  # a file vanished while we read: start over
                return self._rebuild(self.list_files(self.ledger_dir))
        except OSError as error:
            if error.filename and Path(error.filename) != self.ledger_dir:
                # one file is at fault (a FIFO, a link to itself): name it
                raise LedgerError(
                    "ledger.unreadable", path=Path(error.filename), reason=error
                ) from None
            raise LedgerError(
                "ledger.unreadable_folder", path=self.ledger_dir, reason=error
            ) from None

    def _current_shards(
        self, paths: list[Path], wanted: set[int]
    ) -> dict[int, list[tuple[Any, ...]]]:
        loaded = self._load_manifest()
        if loaded is None or set(loaded[0]) - {p.name for p in paths}:
            return self._rebuild(paths)
        files, tokens = loaded
        update = self._appended(paths, files)
        if update is None:
            return self._rebuild(paths)
        appended, changed = update
        touched = {shard_of(event.task) for event in appended}
        # Events that arrived from outside gwr may repeat an id: check them
        # against every shard (the rare path, after a git pull or a hand edit).
        needed = set(range(SHARDS)) if appended else wanted
        shards = {}
        for shard in needed:
            rows = self._load_shard(shard, tokens[shard])
            if rows is None:
                return self._rebuild(paths)
            shards[shard] = rows
        if appended:
            known = {row[_ID] for rows in shards.values() for row in rows}
            fresh = [event.id for event in appended]
            if known.intersection(fresh) or len(set(fresh)) != len(fresh):
                return self._rebuild(paths)  # raises, naming both places
        for event, row in zip(appended, _rows_of(appended), strict=True):
            shards[shard_of(event.task)].append(row)
        if changed:
            self._store(files, tokens, {shard: shards[shard] for shard in touched})
        self._tokens = tokens
        return shards

    def record_append(
        self, path: Path, event: Event, payload: bytes, size_before: int
    ) -> Appended | None:
        """Index an event gwr has just appended to `path`, without parsing.

        The index must have been brought up to date under the same lock just
        before the append; if it was not, nothing is recorded (None) and the
        next reader parses the appended bytes instead. Returns the shard, its
        token before and after, and the event as indexed (file, line, seq).
        """
        loaded = self._load_manifest()
        if loaded is None:
            return None
        files, tokens = loaded
        known = files.get(path.name)
        if known is None:
            if size_before:
                return None
            known = _FileState([0, 0, 0], 0, 0, 1, 0)
        elif known.size != size_before:
            return None
        shard = shard_of(event.task)
        before = tokens[shard]
        rows = self._load_shard(shard, before)
        if rows is None:
            return None
        header = payload.index(b"\n[[events]]") + 1  # render_event starts it on a new line
        line = known.lines + payload.count(b"\n", 0, header)
        indexed = event._replace(file=str(path), line=line, seq=known.count)
        rows.extend(_rows_of([indexed]))
        stat = path.stat()
        files[path.name] = _FileState(
            list(cache.identity_to_keep(stat)),
            stat.st_size,
            zlib.crc32(payload, known.checksum),
            known.lines + payload.count(b"\n"),
            known.count + 1,
        )
        self._store(files, tokens, {shard: rows})
        return Appended(shard, before, tokens[shard], indexed)

    def _appended(
        self, paths: list[Path], files: dict[str, _FileState]
    ) -> tuple[list[Event], bool] | None:
        """Events appended since the manifest (which is updated), and whether any
        file changed; None when a file was edited rather than appended to."""
        appended: list[Event] = []
        changed = False
        for path in paths:
            known = files.get(path.name)
            if known is not None and known.identity == list(cache.identity(path.stat())):
                continue
            changed = True
            data, stat = read_regular_stat(path)  # never blocks on a FIFO
            if known is None:  # a new author's file: all of it is new
                new, count_before = parse_ledger_file(path, data), 0
            elif known.size <= len(data) and zlib.crc32(data[: known.size]) == known.checksum:
                # Same bytes (a touch, a checkout, a copy): nothing to parse.
                tail = data[known.size :]
                new = parse_appended(path, tail, known.lines, known.count) if tail else []
                if new is None:
                    return None
                count_before = known.count
            else:
                return None
            appended.extend(new)
            files[path.name] = _FileState.of(stat, data, count_before + len(new))
        return appended, changed

    def tokens(self) -> list[str]:
        """Bring the index up to date with the ledger files (parsing what was
        appended, rebuilding after an edit) and return every shard's token.

        A shard's token changes whenever its events change, so a cache derived
        from one shard (folded.py) is current exactly when it names the token.
        Raises LedgerError like `events()`.
        """
        self._shards_now(set())
        return list(self._tokens)

    def shard_events(self, shard: int) -> list[Event] | None:
        """The events of one shard at the token `tokens()` returned; None if the
        shard changed since (a concurrent writer): the caller falls back."""
        if self._parsed_by_shard is not None:  # just rebuilt: the parsed events, no rows
            return self._parsed_by_shard[shard]
        rows = self._loaded.get(shard)
        if rows is None:
            rows = self._load_shard(shard, self._tokens[shard])
        if rows is None:
            return None
        try:
            return _from_rows(rows)
        except (TypeError, ValueError):  # a row of another shape: never trust it
            return None

    def _shards_now(self, wanted: set[int], retry: bool = True) -> dict[int, list[tuple[Any, ...]]]:
        self._parsed = self._parsed_by_shard = None
        try:
            shards = self._read_shards(wanted)
        except (TypeError, ValueError):  # a manifest of another shape: never trust it
            if not retry:
                raise
            import shutil

            shutil.rmtree(self.folder, ignore_errors=True)
            return self._shards_now(wanted, retry=False)
        self._loaded = shards
        return shards

    def events(self, tasks: Iterable[str] | None = None) -> list[Event]:
        chosen = None if tasks is None else set(tasks)
        try:
            return self._events(chosen)
        except (TypeError, ValueError):  # a row of another shape: never trust it
            import shutil

            shutil.rmtree(self.folder, ignore_errors=True)
            return self._events(chosen)

    def _events(self, chosen: set[str] | None) -> list[Event]:
        self._parsed = self._parsed_by_shard = None
        rows = self.rows(chosen)
        if self._parsed is not None:
            parsed = self._parsed
            return parsed if chosen is None else [e for e in parsed if e.task in chosen]
        if chosen is not None:
            rows = [row for row in rows if row[_TASK] in chosen]
        return _from_rows(rows)
