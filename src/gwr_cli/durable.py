"""The two low-level steps every durable write takes: write every byte of a
buffer to a descriptor, and fsync a folder so a created or renamed name lasts.
Shared by the ledger's journaled append (`journal.py`) and gwr's output files
(`output.py`)."""

from __future__ import annotations

import os
from pathlib import Path


def write_all(fd: int, data: bytes) -> None:
    """Write all of `data` to `fd`; `os.write` may write less than asked."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def fsync_dir(directory: Path) -> None:
    """Make a created, renamed or removed name in `directory` durable. Not possible
    on Windows (a folder cannot be opened), where the file system journals metadata
    itself; any OSError is passed over for that reason."""
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
