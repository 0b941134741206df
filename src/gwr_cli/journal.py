"""Durable appends: a crash at any moment leaves a ledger file as before or
with the new bytes whole.

An append, made under the ledger lock:
1. the bytes to append go first into a journal beside the file
   (`.<name>.journal`: size before the append, checksum, payload), flushed
   and fsynced;
2. the payload is appended to the file and fsynced;
3. the journal is removed.
A crash can therefore leave at most one journal per file. Readers and the next
writer use it to tell exactly which bytes belong to the interrupted append: a
complete payload is kept, a partial one is ignored by readers and cut off by
the next writer. Tests stop a writer between steps with `GWR_TEST_PAUSE_AT`.
"""

from __future__ import annotations

import math
import os
import time
import zlib
from pathlib import Path

from gwr_cli.durable import fsync_dir, write_all
from gwr_cli.errors import LedgerError
from gwr_cli.patterns import LazyPattern
from gwr_cli.records import Record
from gwr_cli.regular import read_regular

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from typing import Any

JOURNAL_SUFFIX = ".journal"
_JOURNAL_HEADER = LazyPattern(rb"gwr-journal 2 (\d+) ([0-9a-f]{8}) (\d+)\n")


def journal_path(ledger_file: Path) -> Path:
    return ledger_file.with_name(f".{ledger_file.name}{JOURNAL_SUFFIX}")


def file_for_journal(journal: Path) -> Path:
    return journal.with_name(journal.name[1 : -len(JOURNAL_SUFFIX)])


LOCK_NAME = ".gwr.lock"  # in the ledger folder: writers exclusive, readers shared
DEFAULT_LOCK_TIMEOUT = 10.0


def lock_timeout() -> float:
    """Seconds to wait for the lock: GWR_LOCK_TIMEOUT, a finite number >= 0."""
    raw = os.environ.get("GWR_LOCK_TIMEOUT")
    if raw is None or not raw.strip():
        return DEFAULT_LOCK_TIMEOUT
    try:
        seconds = float(raw)
    except ValueError:
        seconds = math.nan
    if not math.isfinite(seconds) or seconds < 0:
        from gwr_cli.errors import InputError
        from gwr_cli.messages import Quoted, storage_error

        raise storage_error(InputError, "lock.timeout", value=Quoted(raw))
    return seconds


def reading_lock(ledger_dir: Path) -> Any:
    """`with reading_lock(ledger_dir):` read the ledger files while no gwr is
    appending to them (lock.shared_lock): a lock-free reader could list a
    first append's file before it existed, or read half of an append. A
    writer's own reads under its lock take none. LockTimeout after
    GWR_LOCK_TIMEOUT seconds, worded as a writer's."""
    from gwr_cli.lock import shared_lock

    return _TimeoutWorded(shared_lock(ledger_dir / LOCK_NAME, lock_timeout()), ledger_dir)


class _TimeoutWorded:
    """A lock whose TimeoutError is gwr's LockTimeout (the wait is worded)."""

    def __init__(self, lock: Any, ledger_dir: Path) -> None:
        self.lock, self.ledger_dir = lock, ledger_dir

    def __enter__(self) -> None:
        try:
            self.lock.__enter__()
        except TimeoutError:
            from gwr_cli.errors import LockTimeout

            raise LockTimeout(
                "ledger.lock_timeout",
                path=self.ledger_dir / LOCK_NAME,
                seconds=f"{self.lock.timeout:g}",
            ) from None
        except OSError as error:  # a FIFO or a folder there: named, as a write names it
            from gwr_cli.messages import os_reason

            path = self.ledger_dir / LOCK_NAME
            raise LedgerError("ledger.unreadable", path=path, reason=os_reason(error)) from None

    def __exit__(self, *exc: object) -> None:
        self.lock.__exit__(*exc)


def ledger_files(ledger_dir: Path) -> list[Path]:
    """Every author's file, including one whose first append was interrupted.

    Here, not in ledger.py: a read from the folded cache (`status`) lists the
    files and needs nothing else of the ledger's writing and parsing."""
    if not ledger_dir.is_dir():
        return []
    files = {p for p in ledger_dir.glob("*.toml") if not p.name.startswith(".")}
    for journal in ledger_dir.glob(f".*.toml{JOURNAL_SUFFIX}"):
        files.add(file_for_journal(journal))
    return sorted(files)


class _Journal(Record):
    size_before: int
    payload: bytes


def _checksum(payload: bytes) -> str:
    # CRC-32 detects a torn write; nothing here defends against tampering.
    return f"{zlib.crc32(payload):08x}"


def journal_bytes(size_before: int, payload: bytes) -> bytes:
    header = f"gwr-journal 2 {size_before} {_checksum(payload)} {len(payload)}\n"
    return header.encode() + payload


def _read_journal(journal: Path) -> _Journal | None:
    """The interrupted append a journal describes; None if absent or torn."""
    try:
        raw = read_regular(journal)
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


def committed_bytes(path: Path, data: bytes) -> bytes:
    """The file's bytes without a partial append left by an interrupted write."""
    journal = _read_journal(journal_path(path))
    if journal is None:
        return data
    tail = data[journal.size_before :]
    if len(data) < journal.size_before or not journal.payload.startswith(tail):
        raise LedgerError("ledger.journal_mismatch", path=path, journal=journal_path(path).name)
    return data if tail == journal.payload else data[: journal.size_before]


def pause_for_tests(step: str) -> None:
    """Let fault-injection tests stop a writer between two steps of an append."""
    if os.environ.get("GWR_TEST_PAUSE_AT") == step:
        marker = os.environ.get("GWR_TEST_PAUSE_MARKER")
        if marker:
            Path(marker).write_text(step)
        time.sleep(float(os.environ.get("GWR_TEST_PAUSE_SECONDS", "60")))


def _write_journal(journal: Path, size_before: int, payload: bytes) -> None:
    fd = os.open(journal, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        write_all(fd, journal_bytes(size_before, payload))
        os.fsync(fd)
    finally:
        os.close(fd)
    fsync_dir(journal.parent)


def _truncate(path: Path, size: int) -> None:
    fd = os.open(path, os.O_WRONLY)
    try:
        os.ftruncate(fd, size)
        os.fsync(fd)
    finally:
        os.close(fd)


def recover_interrupted_writes(folder: Path) -> None:
    """Settle every journal left by a crash: keep complete appends, cut partial ones.

    Call only while holding the lock of the folder.
    """
    for journal in folder.glob(f".*.toml{JOURNAL_SUFFIX}"):
        ledger_file = file_for_journal(journal)
        described = _read_journal(journal)
        if described is not None and ledger_file.exists():
            data = read_regular(ledger_file)
            committed = committed_bytes(ledger_file, data)  # raises if hand-edited since
            if not committed:
                ledger_file.unlink()  # the interrupted append was creating it
            elif len(committed) < len(data):
                _truncate(ledger_file, len(committed))
        journal.unlink()
        fsync_dir(folder)


def append_durably(path: Path, payload: bytes) -> None:
    """Append payload to path so that a crash at any point loses nothing committed."""
    try:
        size_before = path.stat().st_size
    except FileNotFoundError:
        size_before = 0
    journal = journal_path(path)
    try:
        _write_journal(journal, size_before, payload)
    except BaseException:
        journal.unlink(missing_ok=True)  # the ledger file was not touched yet
        raise
    pause_for_tests("journal")
    created = size_before == 0 and not path.exists()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            half = len(payload) // 2
            write_all(fd, payload[:half])
            pause_for_tests("partial")
            write_all(fd, payload[half:])
            os.fsync(fd)
        finally:
            os.close(fd)
        if created:
            fsync_dir(path.parent)
    except BaseException:
        # Undo our own partial bytes now; if even that fails, the journal stays
        # and the next writer cuts them off.
        try:
            if created and path.exists():
                path.unlink()
            elif path.exists():
                _truncate(path, size_before)
            journal.unlink()
            fsync_dir(path.parent)
        except OSError:
            pass
        raise
    pause_for_tests("appended")
    # No fsync of the folder here: should the removal be lost in a crash, the
    # journal describes a complete append, which recovery keeps.
    journal.unlink()
