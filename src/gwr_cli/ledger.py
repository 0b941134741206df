"""The progress ledger store: read every author's file, append one event.

Layout: `<home>/ledger/<author>.<clone>.toml`, each a TOML document of
`[[events]]` tables. `<clone>` is a random id kept in `ledger/.gwr-clone`,
which git ignores: every copy of the folder (a clone on another machine) gets
its own, so no file is ever written in two places and a team sharing the
folder through git never gets a merge conflict, even one person recording on
two machines. Readers merge every `*.toml` file, including the `<author>.toml`
files earlier versions wrote. The event model lives in
`events.py`, durable appends in `journal.py`, the parse cache in
`ledger_index.py`; the names other modules import are re-exported here.
Nothing in a ledger file is ever changed by gwr but appends; a file that does
not parse is reported (file and line) and left as it is.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from gwr_cli.errors import LedgerError, LockTimeout
from gwr_cli.events import (
    ACTIONS,
    LEDGER_SCHEMA,
    TASK_ACTIONS,
    Event,
    Ledger,
    appendable_problem,
    as_written,
    check_unique_ids,
    new_event_id,
    now_utc,
    parse_appended,
    parse_ledger_file,
    render_event,
    repeated_ids,
)
from gwr_cli.journal import (
    LOCK_NAME,
    append_durably,
    committed_bytes,
    journal_bytes,
    journal_path,
    ledger_files,
    lock_timeout,
    pause_for_tests,
    reading_lock,
    recover_interrupted_writes,
)
from gwr_cli.regular import read_regular

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from gwr_cli.ledger_index import Appended

__all__ = [
    "ACTIONS",
    "LEDGER_SCHEMA",
    "TASK_ACTIONS",
    "Event",
    "Ledger",
    "append_event",
    "append_events",
    "author_file",
    "check_unique_ids",
    "journal_bytes",
    "ledger_files",
    "ledger_lock",
    "new_event_id",
    "now_utc",
    "parse_appended",
    "parse_ledger_file",
    "read_ledger",
    "recover_interrupted_writes",
    "render_event",
]

CLONE_FILE = ".gwr-clone"
GITIGNORE = (
    "# gwr's lock, interrupted-write journals and clone id are never shared\n"
    f".gwr.lock\n.*.journal\n{CLONE_FILE}\n"
)


# --- reading ----------------------------------------------------------------


def _read_file(path: Path) -> list[Event] | None:
    """One file's committed events; None when it holds nothing committed yet."""
    try:
        data = read_regular(path)  # a FIFO there would block the read forever
    except FileNotFoundError:
        data = b""
    except OSError as error:
        from gwr_cli.messages import os_reason

        raise LedgerError("ledger.unreadable", path=path, reason=os_reason(error)) from None
    data = committed_bytes(path, data)
    if not data and journal_path(path).exists():
        return None  # only an interrupted first append: nothing committed yet
    return parse_ledger_file(path, data)


def read_ledger(
    ledger_dir: Path, cache_dir: Path | None = None, tasks: Iterable[str] | None = None
) -> Ledger:
    """Every committed event in the folder, merged; LedgerError on a broken file.

    With a cache_dir the parsed ledger is cached there (ledger_index.py); with
    `tasks`, only events of those tasks are certain to be included. Read while
    no gwr appends (journal.reading_lock).
    """
    with reading_lock(ledger_dir):
        return _read_ledger(ledger_dir, cache_dir, tasks)


def _read_ledger(ledger_dir: Path, cache_dir: Path | None, tasks: Iterable[str] | None) -> Ledger:
    files = ledger_files(ledger_dir)
    pending = any(journal_path(path).exists() for path in files)
    if cache_dir is not None and not pending:
        from gwr_cli.ledger_index import LedgerIndex

        events = LedgerIndex(ledger_dir, cache_dir, ledger_files).events(tasks)
    else:
        events = []
        for path in files:
            events.extend(_read_file(path) or ())
    if tasks is None:
        check_unique_ids(events)
    present = {e.file for e in events}
    return Ledger(tuple(events), tuple(p for p in files if str(p) in present))


def read_ledger_checked(ledger_dir: Path) -> tuple[Ledger, list[LedgerError], int]:
    """Every file read on its own, for `gwr check`: the events of the files
    that read (the ledger's files are those), the problem of each file that did
    not (its first: a TOML error stops its parse), then two events sharing an
    id, and how many files did not read. Every byte is read; no cache is
    trusted. Where `read_ledger` stops at the first broken file, this lists
    them all (a 督查室 merging every unit's file fixes them at once).
    """
    with reading_lock(ledger_dir):
        return _read_ledger_checked(ledger_dir)


def _read_ledger_checked(ledger_dir: Path) -> tuple[Ledger, list[LedgerError], int]:
    files = ledger_files(ledger_dir)
    events: list[Event] = []
    problems: list[LedgerError] = []
    read: list[Path] = []
    for path in files:
        try:
            events.extend(_read_file(path) or ())
        except LedgerError as problem:
            problems.append(problem)
        else:
            read.append(path)
    unread = len(problems)
    problems.extend(repeated_ids(events))
    return Ledger(tuple(events), tuple(read)), problems, unread


# --- writing ----------------------------------------------------------------


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
            "ledger.lock_timeout", path=ledger_dir / LOCK_NAME, seconds=f"{wait:g}"
        ) from None


def _prepare_folder(ledger_dir: Path) -> None:
    ledger_dir.mkdir(parents=True, exist_ok=True)


def _ignore_local_files(ledger_dir: Path) -> None:
    """Under the lock: a .gitignore naming what is never shared, written whole
    and fsynced as every gwr write is (one written by a gwr before clone ids
    gets the clone id's line added; a user's own lines are kept)."""
    from gwr_cli.durable import create_once, replace_whole

    gitignore = ledger_dir / ".gitignore"
    try:
        existing = read_regular(gitignore).decode("utf-8")
    except FileNotFoundError:
        create_once(gitignore, GITIGNORE.encode("utf-8"))
        return
    if CLONE_FILE not in existing.split():  # written by a gwr before clone ids
        added = ("" if existing.endswith("\n") else "\n") + CLONE_FILE + "\n"
        replace_whole(gitignore, (existing + added).encode("utf-8"))


_CLONE_ID = re.compile(r"[0-9a-f]{8}")


def _read_clone_id(path: Path, checking: bool = False) -> str | None:
    """The id in `path`; None when there is no such file; LedgerError when it
    holds anything else (a broken file is reported, never replaced). A symlink
    is followed; one to nothing is broken too: `create_once` cannot replace the
    link, so each write would otherwise make a new id and a new author file.
    A folder, FIFO, device or a link that loops is refused, never opened in a
    way that could block. `checking` words the refusal for `gwr check` (which
    writes nothing anyway) rather than for a write."""
    from gwr_cli.messages import Msg, Quoted, os_reason

    target = os.readlink(path) if os.path.islink(path) else None
    outcome = Msg("ledger.clone.checked" if checking else "ledger.clone.unwritten")
    shown: object = path
    what = "ledger.clone.the_file"
    if target is not None:  # name what the link points to: that is what is wrong
        shown = Msg("ledger.clone.link", path=path, target=Quoted(target))
        what = "ledger.clone.the_link"
    try:
        text = read_regular(path).decode("ascii").strip()
    except FileNotFoundError:
        if target is not None:
            raise LedgerError(
                "ledger.clone_dangling", path=path, target=Quoted(target), outcome=outcome
            ) from None
        return None
    except IsADirectoryError:
        raise LedgerError(
            "ledger.clone_folder",
            file=shown,
            outcome=outcome,
            what=Msg(what if target is not None else "ledger.clone.the_folder"),
        ) from None
    except OSError as error:  # a link to itself (ELOOP), a FIFO, no permission...
        raise LedgerError(
            "ledger.clone_unreadable",
            file=shown,
            reason=os_reason(error),
            outcome=outcome,
            what=Msg(what),
        ) from None
    except UnicodeDecodeError:
        text = ""
    if not _CLONE_ID.fullmatch(text):
        raise LedgerError("ledger.clone_broken", file=shown, outcome=outcome, what=Msg(what))
    return text


def check_clone_file(ledger_dir: Path) -> None:
    """Raise the LedgerError a write would meet when `ledger/.gwr-clone` is
    broken (garbage, empty, upper-case hex, a link to nothing or to itself, a
    folder, a FIFO), worded for `gwr check`; nothing when it is fine or
    missing. Writes nothing."""
    _read_clone_id(ledger_dir / CLONE_FILE, checking=True)


def clone_id(ledger_dir: Path) -> str:
    """This copy of the ledger folder's id (8 hex digits), made on first use.

    Made as every gwr file is (written whole, fsynced with its folder) and
    never replaced: two processes making it at once both end with the id of
    the one that made it first (`durable.create_once`). A `.gwr-clone` that
    holds no id is a LedgerError, left as it is. A folder copied with its
    `.gwr-clone` (not a git clone) shares the id: give the copy a new one by
    deleting that file. Raises OSError when the folder cannot be written.
    """
    from gwr_cli.durable import create_once

    path = ledger_dir / CLONE_FILE
    found = _read_clone_id(path)
    if found is not None:
        return found
    made = os.urandom(4).hex()
    if create_once(path, (made + "\n").encode("ascii")):
        return made
    return _read_clone_id(path) or made


def author_file(ledger_dir: Path, author: str) -> Path:
    """The file this clone appends `author`'s events to: `<author>.<clone>.toml`."""
    return ledger_dir / f"{author}.{clone_id(ledger_dir)}.toml"


def _append_point(path: Path) -> tuple[int, bool]:
    """The author file's size before an append (0 when it does not exist yet) and
    whether it ends with a newline; refuses a file gwr cannot append to safely."""
    try:
        data = read_regular(path)  # one read gives the size and the bytes to check
    except FileNotFoundError:
        return 0, True
    if not data:
        return 0, True
    problem = appendable_problem(data)
    if problem:
        from gwr_cli.messages import storage_error

        raise storage_error(LedgerError, f"ledger.unsafe.{problem}", path=path)
    return len(data), data.endswith(b"\n")


@contextmanager
def _writing(ledger_dir: Path, timeout: float | None) -> Iterator[None]:
    """What every append runs in: the folder made ready, its lock held, any
    interrupted write settled; an OSError (of the body too) is a LedgerError."""
    try:
        wait = lock_timeout() if timeout is None else timeout
        _prepare_folder(ledger_dir)
        with ledger_lock(ledger_dir, wait):
            _ignore_local_files(ledger_dir)
            recover_interrupted_writes(ledger_dir)
            yield
    except OSError as error:
        target = error.filename or ledger_dir
        from gwr_cli.messages import os_reason

        raise LedgerError("ledger.unwritable", path=target, reason=os_reason(error)) from None


def append_event(
    ledger_dir: Path,
    author: str,
    build: Callable[[Ledger], Event],
    timeout: float | None = None,
    cache_dir: Path | None = None,
    task: str | None = None,
    on_append: Callable[[Ledger, Appended | None], None] | None = None,
) -> Event:
    """Under the lock: read the ledger, let `build` decide the event, append it.

    `build` sees every committed event (with `task`, at least every event of
    that task), so checks such as "already done" hold even when several people
    record at once. It may raise to write nothing. A file whose shape gwr cannot
    append to (an inline `events = [...]`, other tables) is refused, unchanged.
    `on_append(ledger, appended)`, still under the lock, keeps caches derived
    from the index current (folded.py); `appended` is what the index recorded
    (None when it did not).
    """
    with _writing(ledger_dir, timeout):
        scope = None if task is None else [task]
        ledger = read_ledger(ledger_dir, cache_dir, scope)
        event = as_written(build(ledger))  # what a fresh read will give
        path = author_file(ledger_dir, author)
        existing_size, ends_with_newline = _append_point(path)
        payload = render_event(
            event, new_file=existing_size == 0, ends_with_newline=ends_with_newline
        )
        append_durably(path, payload)
        if cache_dir is not None:
            from gwr_cli.ledger_index import LedgerIndex

            appended = LedgerIndex(ledger_dir, cache_dir, ledger_files).record_append(
                path, event, payload, existing_size
            )
            if on_append is not None:
                pause_for_tests("indexed")  # the index is current, the folded state not
                on_append(ledger, appended)
        return event


def append_events(
    ledger_dir: Path,
    author: str,
    build_many: Callable[[Ledger], list[Event]],
    timeout: float | None = None,
    cache_dir: Path | None = None,
) -> list[Event]:
    """Under one lock: read the whole ledger, let `build_many` decide the events,
    append them all as ONE journaled payload (a crash leaves all or none).

    For imports (`gwr collect import`): `build_many` sees every committed event
    and may raise to write nothing; an empty list writes nothing. The events
    are written in the order given. The parse cache is not updated here: the
    next reader parses just the appended tail (ledger_index.py).
    """
    with _writing(ledger_dir, timeout):
        ledger = read_ledger(ledger_dir, cache_dir)
        events = [as_written(event) for event in build_many(ledger)]
        if not events:
            return []
        path = author_file(ledger_dir, author)
        existing_size, ends_with_newline = _append_point(path)
        parts = []
        for index, event in enumerate(events):
            first = index == 0
            parts.append(
                render_event(
                    event,
                    new_file=first and existing_size == 0,
                    ends_with_newline=ends_with_newline or not first,
                )
            )
        append_durably(path, b"".join(parts))
        return events
