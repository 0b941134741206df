"""Locks on a file, released by the operating system when their holder exits
or dies, so a killed gwr never blocks the next one. Writers take the lock
exclusively; readers take it shared, so they wait while a write is under way
(a first append creating its file, an append's second half) and never for
one another.

Written here rather than taken from filelock: the benchmark showed importing
filelock cost 10-15 ms on every write command, a quarter of Python's own
start-up, for the lines below. Context managers by hand, not
`contextlib.contextmanager`: a read (`status`) takes the shared lock, and
importing contextlib cost it ~0.5 ms.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

POLL_SECONDS = 0.01

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    SHARED_LOCKS = False  # msvcrt has no shared mode: readers rely on the journal alone

    def _try_lock(fd: int, shared: bool) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    SHARED_LOCKS = True

    def _try_lock(fd: int, shared: bool) -> None:
        fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


# How many exclusive locks this process holds: a writer reads the ledger under
# its own lock, and a shared lock on the same file would wait for it forever.
_exclusive_held = 0


class _Lock:
    """`with exclusive_lock(...)` / `with shared_lock(...)`: see those."""

    def __init__(self, path: Path, timeout: float, *, shared: bool) -> None:
        self.path, self.timeout, self.shared = path, timeout, shared
        self.fd: int | None = None

    def __enter__(self) -> None:
        global _exclusive_held
        from gwr_cli.regular import refuse_irregular

        if self.shared:
            if _exclusive_held or not SHARED_LOCKS:
                return
            try:  # readers create nothing, and a read-only copy has no writer
                refuse_irregular(self.path, os.stat(self.path).st_mode)
                fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
            except (FileNotFoundError, PermissionError):
                return
        else:
            try:  # a device is never even opened
                mode = os.stat(self.path).st_mode
            except FileNotFoundError:
                mode = None
            if mode is not None:
                refuse_irregular(self.path, mode)
            flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NONBLOCK", 0)
            fd = os.open(self.path, flags, 0o644)
        try:
            refuse_irregular(self.path, os.fstat(fd).st_mode)
            wait_for_lock(fd, self.path, self.timeout, shared=self.shared)
        except BaseException:
            os.close(fd)
            raise
        self.fd = fd
        if not self.shared:
            _exclusive_held += 1

    def __exit__(self, *_exc: object) -> None:
        global _exclusive_held
        fd, self.fd = self.fd, None
        if fd is None:
            return
        if not self.shared:
            _exclusive_held -= 1
        try:
            _unlock(fd)
        finally:
            os.close(fd)


def wait_for_lock(fd: int, path: Path, timeout: float, *, shared: bool = False) -> None:
    """Lock the open descriptor `fd` (of `path`), polling while another
    process holds it; TimeoutError(path) after `timeout` seconds. Released by
    closing the descriptor, or by the process's end."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            _try_lock(fd, shared)
            return
        except OSError:  # held by another process (EWOULDBLOCK / EACCES)
            if time.monotonic() >= deadline:
                raise TimeoutError(path) from None
            time.sleep(POLL_SECONDS)


def exclusive_lock(path: Path, timeout: float) -> _Lock:
    """Hold the lock on path (`with`); raise TimeoutError after `timeout`
    seconds of waiting, NotRegularFile (an OSError) when path is a FIFO or
    device, IsADirectoryError for a folder: opened O_NONBLOCK and checked, so
    neither can block gwr. The file is created when missing."""
    return _Lock(path, timeout, shared=False)


def shared_lock(path: Path, timeout: float) -> _Lock:
    """Read under path's lock, shared (`with`): wait while a writer holds it
    (TimeoutError after `timeout` seconds), never for another reader.

    No lock is taken by a process that holds the exclusive one (a writer
    reading under its own lock), nor when the lock file is not there (no gwr
    ever wrote in that folder on this machine: readers create nothing) or
    cannot be opened (a read-only copy), nor on Windows (no shared mode).
    NotRegularFile for a FIFO or device, as `exclusive_lock`."""
    return _Lock(path, timeout, shared=True)
