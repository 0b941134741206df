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


def _write_beside(path: Path, data: bytes) -> Path:
    """`data` written and fsynced to a new file beside `path`; its name returned."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for attempt in range(100):
        temp = path.with_name(f".{path.name}.{os.getpid()}-{attempt}.tmp")
        try:
            fd = os.open(temp, flags, 0o666)
        except FileExistsError:
            continue
        try:
            write_all(fd, data)
            os.fsync(fd)
        except BaseException:
            os.close(fd)
            temp.unlink(missing_ok=True)
            raise
        os.close(fd)
        return temp
    raise FileExistsError(17, os.strerror(17), str(path))


def create_once(path: Path, data: bytes) -> bool:
    """Create `path` holding all of `data`, unless it exists: True when this call
    made it. A reader never sees it half written, and of two processes racing
    to create it the first wins and the other leaves it as it is: the bytes go
    to a file beside it, fsynced, then hard-linked to the name, which (unlike a
    rename) never replaces one. On a file system without hard links (FAT) a
    rename does it; there only a lock the callers hold keeps racers apart.
    Raises OSError."""
    temp = _write_beside(path, data)
    try:
        try:
            os.link(temp, path)
        except FileExistsError:
            return False
        except OSError:
            if os.path.lexists(path):
                return False
            os.replace(temp, path)
        fsync_dir(path.parent)
        return True
    finally:
        temp.unlink(missing_ok=True)


def replace_whole(path: Path, data: bytes) -> None:
    """Replace (or create) `path` with `data`, whole or not at all, fsynced with
    its folder: gwr's own small files (a ledger folder's .gitignore). Raises OSError."""
    temp = _write_beside(path, data)
    try:
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)
