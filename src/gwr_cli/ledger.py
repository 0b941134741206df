"""The progress ledger: an append-only log of what happened, one file per author.

Layout: `<home>/ledger/<author>.toml`, each a TOML document of `[[events]]`
tables. One file per author means a team sharing the folder through git never
gets a merge conflict; readers merge every file.

Durability. An append never rewrites or re-parses what is already there:
1. under a lock on the folder, the bytes to append go first into a journal
   (`.<author>.toml.journal`: size before the append, checksum, payload),
   flushed and fsynced;
2. the payload is appended to the ledger file and fsynced;
3. the journal is removed.
A crash can therefore leave at most one journal. Readers and the next writer
use it to tell exactly which bytes belong to the interrupted append: a complete
payload is kept, a partial one is ignored by readers and cut off by the next
writer. Nothing else in a ledger file is ever changed by gwr; a file that does
not parse is reported (file and line) and left as it is.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

from gwr_cli.errors import LedgerError, LockTimeout

LEDGER_SCHEMA = 1
LOCK_NAME = ".gwr.lock"
JOURNAL_SUFFIX = ".journal"
GITIGNORE = "# gwr's lock and interrupted-write journals are never shared\n.gwr.lock\n.*.journal\n"
DEFAULT_LOCK_TIMEOUT = 10.0

TASK_ACTIONS = ("start", "progress", "done", "block", "note", "reopen")
ACTIONS = (*TASK_ACTIONS, "undo", "indicator")
_EVENT_KEYS = {"id", "task", "action", "value", "note", "on", "at", "by", "cancels"}
_JOURNAL_HEADER = re.compile(rb"gwr-journal 2 (\d+) ([0-9a-f]{8}) (\d+)\n")


class Event(NamedTuple):
    # A NamedTuple, not a dataclass: a ledger holds up to hundreds of thousands
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
    # Where the event was read from, for messages; not written.
    file: str = ""
    line: int = 0
    seq: int = 0

    @property
    def order(self) -> tuple[dt.date, dt.datetime, str, int]:
        """Chronological order: when it happened, then when it was recorded."""
        return (self.on, self.at, self.by, self.seq)

    def to_record(self) -> dict[str, Any]:
        record: dict[str, Any] = {"id": self.id, "task": self.task, "action": self.action}
        if self.value is not None:
            value = self.value
            record["value"] = int(value) if float(value).is_integer() else value
        if self.cancels:
            record["cancels"] = self.cancels
        if self.note:
            record["note"] = self.note
        record.update(on=self.on, at=self.at, by=self.by)
        return record


class Ledger(NamedTuple):
    events: tuple[Event, ...]
    files: tuple[Path, ...]


def new_event_id() -> str:
    return os.urandom(8).hex()  # 64 random bits; `secrets` costs 4 ms to import


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


# --- reading ----------------------------------------------------------------


def _journal_path(ledger_file: Path) -> Path:
    return ledger_file.with_name(f".{ledger_file.name}{JOURNAL_SUFFIX}")


def _ledger_file_for_journal(journal: Path) -> Path:
    return journal.with_name(journal.name[1 : -len(JOURNAL_SUFFIX)])


class _Journal(NamedTuple):
    size_before: int
    payload: bytes


def _read_journal(journal: Path) -> _Journal | None:
    """The interrupted append a journal describes; None if absent or torn."""
    try:
        raw = journal.read_bytes()
    except FileNotFoundError:
        return None
    header = _JOURNAL_HEADER.match(raw)
    if not header:
        return None
    payload = raw[header.end() :]
    if len(payload) != int(header[3]) or _checksum(payload) != header[2].decode():
        # Torn while being written: the ledger file was not touched yet.
        return None
    return _Journal(int(header[1]), payload)


def _committed_bytes(path: Path, data: bytes) -> bytes:
    """The file's bytes without a partial append left by an interrupted write."""
    journal = _read_journal(_journal_path(path))
    if journal is None:
        return data
    tail = data[journal.size_before :]
    if len(data) < journal.size_before or not journal.payload.startswith(tail):
        raise LedgerError(
            f"{path} was changed after an interrupted gwr write; compare it with "
            f"{_journal_path(path).name} beside it, then delete that journal"
        )
    return data if tail == journal.payload else data[: journal.size_before]


def header_lines(text: str, table: str) -> list[int]:
    """Line numbers of every `[[table]]` header, in one pass over the text."""
    lines, line, position = [], 1, 0
    for match in re.finditer(rf"^[ \t]*\[\[{table}\]\]", text, re.MULTILINE):
        line += text.count("\n", position, match.start())
        position = match.start()
        lines.append(line)
    return lines


def _is_date(value: Any) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def _problem_with(record: Any) -> str | None:
    """What is wrong with one [[events]] entry, or None."""
    if not isinstance(record, dict):
        return "is not a table"
    unknown = sorted(set(record) - _EVENT_KEYS)
    if unknown:
        return f"has unknown key '{unknown[0]}' (known: {', '.join(sorted(_EVENT_KEYS))})"
    for key in ("id", "task", "action", "by"):
        if not isinstance(record.get(key), str) or not record[key]:
            return f"needs '{key}' as a non-empty string"
    if record["action"] not in ACTIONS:
        return f"has unknown action {record['action']!r} (known: {', '.join(ACTIONS)})"
    if not _is_date(record.get("on")):
        return "needs 'on' as a date like 2021-05-09"
    if not isinstance(record.get("at"), dt.datetime):
        return "needs 'at' as a date-time like 2021-05-09T10:15:00Z"
    value = record.get("value")
    if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
        return "has a 'value' that is not a number"
    if record["action"] in ("progress", "indicator") and value is None:
        return f"is a '{record['action']}' event without a 'value'"
    if not isinstance(record.get("note", ""), str):
        return "has a 'note' that is not a string"
    if record["action"] == "undo" and not isinstance(record.get("cancels"), str):
        return "is an 'undo' event without 'cancels' (the id of the event it cancels)"
    return None


def _decode(path: Path, data: bytes, first_line: int) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = first_line + data.count(b"\n", 0, error.start)
        raise LedgerError(f"{path}:{line}: not valid UTF-8; gwr left the file unchanged") from None


def _events_from(
    path: Path, text: str, document: dict[str, Any], first_line: int, first_seq: int
) -> list[Event]:
    records = document.get("events", [])
    if not isinstance(records, list):
        raise LedgerError(f"{path}: 'events' must be an array of [[events]] tables")
    lines = [first_line - 1 + line for line in header_lines(text, "events")]
    file = str(path)
    events = []
    for index, record in enumerate(records):
        line = lines[index] if index < len(lines) else 0
        problem = _problem_with(record)
        if problem:
            where = f"{path}:{line}" if line else str(path)
            label = f"event {record.get('id')!r}" if isinstance(record, dict) else "event"
            raise LedgerError(f"{where}: {label} {problem}")
        at = record["at"]
        if at.tzinfo is None:  # hand-written files may omit the offset; gwr writes UTC
            at = at.replace(tzinfo=dt.UTC)
        value = record.get("value")
        events.append(
            Event(
                id=record["id"],
                task=record["task"],
                action=record["action"],
                on=record["on"],
                at=at,
                by=record["by"],
                value=float(value) if value is not None else None,
                note=record.get("note", ""),
                cancels=record.get("cancels", ""),
                file=file,
                line=line,
                seq=first_seq + index,
            )
        )
    return events


def parse_ledger_file(path: Path, data: bytes) -> list[Event]:
    """Parse one author's file; raise LedgerError naming file and line."""
    text = _decode(path, data, 1)
    if text.startswith("\ufeff"):
        raise LedgerError(
            f"{path}:1: starts with a byte-order mark (BOM); save it as UTF-8 without BOM"
        )
    if not text.strip():
        raise LedgerError(
            f"{path}: the file is empty; a ledger file holds [[events]] entries "
            "(restore it from git or delete it)"
        )
    import tomllib  # parsed only when the cache does not already hold the file

    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise LedgerError(
            f"{path}: not valid TOML: {error}; gwr left the file unchanged, fix it by hand "
            "or restore it from git"
        ) from None
    unknown = sorted(set(document) - {"schema", "events"})
    if unknown:
        raise LedgerError(f"{path}: unknown top-level key '{unknown[0]}' (known: schema, events)")
    if document.get("schema", LEDGER_SCHEMA) != LEDGER_SCHEMA:
        raise LedgerError(
            f"{path}: ledger schema {document['schema']!r} is not one this gwr reads "
            f"({LEDGER_SCHEMA}); upgrade gwr"
        )
    return _events_from(path, text, document, 1, 0)


_APPENDED_EVENTS = re.compile(r"\A\s*\[\[events\]\]")


def parse_appended(path: Path, tail: bytes, first_line: int, first_seq: int) -> list[Event] | None:
    """Events appended after a part already parsed, or None if the tail does not
    stand alone (then the caller parses the whole file).

    A tail that starts with an [[events]] header means the same on its own as
    at the end of the file: every key after the header belongs to new tables.
    """
    import tomllib

    try:
        text = tail.decode("utf-8")
        if not _APPENDED_EVENTS.match(text):
            return None
        document = tomllib.loads(text)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    if set(document) != {"events"}:
        return None
    return _events_from(path, text, document, first_line, first_seq)


def ledger_files(ledger_dir: Path) -> list[Path]:
    """Every author's file, including one whose first append was interrupted."""
    if not ledger_dir.is_dir():
        return []
    files = {p for p in ledger_dir.glob("*.toml") if not p.name.startswith(".")}
    for journal in ledger_dir.glob(f".*.toml{JOURNAL_SUFFIX}"):
        files.add(_ledger_file_for_journal(journal))
    return sorted(files)


def _read_file(path: Path) -> list[Event] | None:
    """One file's committed events; None when it holds nothing committed yet."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        data = b""
    except OSError as error:
        raise LedgerError(f"cannot read {path}: {error.strerror}") from None
    data = _committed_bytes(path, data)
    if not data and _journal_path(path).exists():
        return None  # only an interrupted first append: nothing committed yet
    return parse_ledger_file(path, data)


def check_unique_ids(events: list[Event]) -> None:
    if len({e.id for e in events}) == len(events):
        return
    first_seen: dict[str, Event] = {}
    for event in events:
        earlier = first_seen.setdefault(event.id, event)
        if earlier is not event:
            raise LedgerError(
                f"{event.file}:{event.line}: duplicate event id {event.id!r} "
                f"(also at {earlier.file}:{earlier.line}); give one of them a new id"
            )


def read_ledger(
    ledger_dir: Path, cache_dir: Path | None = None, tasks: Iterable[str] | None = None
) -> Ledger:
    """Every committed event in the folder, merged; LedgerError on a broken file.

    With a cache_dir the parsed ledger is cached there (ledger_index.py); with
    `tasks`, only events of those tasks are certain to be included.
    """
    files = ledger_files(ledger_dir)
    pending = any(_journal_path(path).exists() for path in files)
    if cache_dir is not None and not pending:
        from gwr_cli.ledger_index import LedgerIndex

        events = LedgerIndex(ledger_dir, cache_dir).events(tasks)
    else:
        events = []
        for path in files:
            events.extend(_read_file(path) or ())
    if tasks is None:
        check_unique_ids(events)
    present = {e.file for e in events}
    return Ledger(tuple(events), tuple(p for p in files if str(p) in present))


# --- writing ----------------------------------------------------------------


def _pause_for_tests(step: str) -> None:
    """Let fault-injection tests stop a writer between two steps of an append."""
    if os.environ.get("GWR_TEST_PAUSE_AT") == step:
        marker = os.environ.get("GWR_TEST_PAUSE_MARKER")
        if marker:
            Path(marker).write_text(step)
        time.sleep(float(os.environ.get("GWR_TEST_PAUSE_SECONDS", "60")))


def _fsync_dir(directory: Path) -> None:
    # Makes a created, renamed or removed name durable. Not possible on Windows,
    # where the file system journals metadata itself.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _checksum(payload: bytes) -> str:
    # CRC-32 detects a torn write; nothing here defends against tampering.
    return f"{zlib.crc32(payload):08x}"


def journal_bytes(size_before: int, payload: bytes) -> bytes:
    header = f"gwr-journal 2 {size_before} {_checksum(payload)} {len(payload)}\n"
    return header.encode() + payload


def _write_journal(journal: Path, size_before: int, payload: bytes) -> None:
    fd = os.open(journal, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        _write_all(fd, journal_bytes(size_before, payload))
        os.fsync(fd)
    finally:
        os.close(fd)
    _fsync_dir(journal.parent)


def _truncate(path: Path, size: int) -> None:
    fd = os.open(path, os.O_WRONLY)
    try:
        os.ftruncate(fd, size)
        os.fsync(fd)
    finally:
        os.close(fd)


def recover_interrupted_writes(ledger_dir: Path) -> None:
    """Settle every journal left by a crash: keep complete appends, cut partial ones.

    Call only while holding the ledger lock.
    """
    for journal_path in ledger_dir.glob(f".*.toml{JOURNAL_SUFFIX}"):
        ledger_file = _ledger_file_for_journal(journal_path)
        journal = _read_journal(journal_path)
        if journal is not None and ledger_file.exists():
            data = ledger_file.read_bytes()
            committed = _committed_bytes(ledger_file, data)  # raises if hand-edited since
            if not committed:
                ledger_file.unlink()  # the interrupted append was creating it
            elif len(committed) < len(data):
                _truncate(ledger_file, len(committed))
        journal_path.unlink()
        _fsync_dir(ledger_dir)


def _append_durably(path: Path, payload: bytes) -> None:
    """Append payload to path so that a crash at any point loses nothing committed."""
    try:
        size_before = path.stat().st_size
    except FileNotFoundError:
        size_before = 0
    journal = _journal_path(path)
    try:
        _write_journal(journal, size_before, payload)
    except BaseException:
        journal.unlink(missing_ok=True)  # the ledger file was not touched yet
        raise
    _pause_for_tests("journal")
    created = size_before == 0 and not path.exists()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            half = len(payload) // 2
            _write_all(fd, payload[:half])
            _pause_for_tests("partial")
            _write_all(fd, payload[half:])
            os.fsync(fd)
        finally:
            os.close(fd)
        if created:
            _fsync_dir(path.parent)
    except BaseException:
        # Undo our own partial bytes now; if even that fails, the journal stays
        # and the next writer cuts them off.
        try:
            if created and path.exists():
                path.unlink()
            elif path.exists():
                _truncate(path, size_before)
            journal.unlink()
            _fsync_dir(path.parent)
        except OSError:
            pass
        raise
    _pause_for_tests("appended")
    # No fsync of the folder here: should the removal be lost in a crash, the
    # journal describes a complete append, which recovery keeps.
    journal.unlink()


def render_event(event: Event, *, new_file: bool, ends_with_newline: bool = True) -> bytes:
    import tomli_w  # only writers pay for it

    body = tomli_w.dumps({"events": [event.to_record()]})
    prefix = ""
    if new_file:
        prefix = (
            f"# gwr progress ledger of {event.by}: append-only, one [[events]] table per action.\n"
            "# Written by gwr; safe to read, share and merge with git.\n"
            f"schema = {LEDGER_SCHEMA}\n"
        )
    elif not ends_with_newline:
        prefix = "\n"
    return (prefix + "\n" + body).encode("utf-8")


def lock_timeout() -> float:
    try:
        return float(os.environ.get("GWR_LOCK_TIMEOUT", DEFAULT_LOCK_TIMEOUT))
    except ValueError:
        return DEFAULT_LOCK_TIMEOUT


@contextmanager
def ledger_lock(ledger_dir: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold the folder's lock; the OS releases it if the holder dies."""
    from gwr_cli.lock import exclusive_lock

    wait = lock_timeout() if timeout is None else timeout
    try:
        with exclusive_lock(ledger_dir / LOCK_NAME, wait):
            yield
    except TimeoutError:
        raise LockTimeout(
            f"another gwr process has held {ledger_dir / LOCK_NAME} for {wait:g} s; "
            "nothing was written — try again, or stop the stuck gwr process"
        ) from None


def _prepare_folder(ledger_dir: Path) -> None:
    ledger_dir.mkdir(parents=True, exist_ok=True)
    gitignore = ledger_dir / ".gitignore"
    if not gitignore.exists():
        gitignore.write_text(GITIGNORE, encoding="utf-8")


def append_event(
    ledger_dir: Path,
    author: str,
    build: Callable[[Ledger], Event],
    timeout: float | None = None,
    cache_dir: Path | None = None,
    task: str | None = None,
) -> Event:
    """Under the lock: read the ledger, let `build` decide the event, append it.

    `build` sees every committed event (with `task`, at least every event of
    that task), so checks such as "already done" hold even when several people
    record at once. It may raise to write nothing.
    """
    try:
        _prepare_folder(ledger_dir)
        with ledger_lock(ledger_dir, timeout):
            recover_interrupted_writes(ledger_dir)
            scope = None if task is None else [task]
            ledger = read_ledger(ledger_dir, cache_dir, scope)
            event = build(ledger)
            path = ledger_dir / f"{author}.toml"
            try:
                existing_size = path.stat().st_size
            except FileNotFoundError:
                existing_size = 0
            ends_with_newline = True
            if existing_size:
                with path.open("rb") as handle:
                    handle.seek(-1, os.SEEK_END)
                    ends_with_newline = handle.read(1) == b"\n"
            payload = render_event(
                event, new_file=existing_size == 0, ends_with_newline=ends_with_newline
            )
            _append_durably(path, payload)
            if cache_dir is not None:
                from gwr_cli.ledger_index import LedgerIndex

                LedgerIndex(ledger_dir, cache_dir).record_append(
                    path, event, payload, existing_size
                )
            return event
    except OSError as error:
        target = error.filename or ledger_dir
        raise LedgerError(
            f"cannot write to {target}: {error.strerror or error}; nothing was recorded"
        ) from None
