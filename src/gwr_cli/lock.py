"""An exclusive lock on a file, released by the operating system when its
holder exits or dies, so a killed gwr never blocks the next one.

Written here rather than taken from filelock: the benchmark showed importing
filelock cost 10-15 ms on every write command, a quarter of Python's own
start-up, for the twenty lines below.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

POLL_SECONDS = 0.01

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


@contextmanager
def exclusive_lock(path: Path, timeout: float) -> Iterator[None]:
    """Hold the lock on path; raise TimeoutError after `timeout` seconds of waiting,
    NotRegularFile (an OSError) when path is a FIFO or device, IsADirectoryError
    for a folder: opened O_NONBLOCK and checked, so neither can block gwr."""
    from gwr_cli.regular import refuse_irregular

    with suppress(FileNotFoundError):  # a device is never even opened
        refuse_irregular(path, os.stat(path).st_mode)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NONBLOCK", 0), 0o644)
    try:
        refuse_irregular(path, os.fstat(fd).st_mode)
        deadline = time.monotonic() + timeout
        while True:
            try:
                _try_lock(fd)
                break
            except OSError:  # held by another process (EWOULDBLOCK / EACCES)
                if time.monotonic() >= deadline:
                    raise TimeoutError(path) from None
                time.sleep(POLL_SECONDS)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)
