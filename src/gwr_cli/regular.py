"""Reading a file that must be a regular file, without hanging on anything else.

A FIFO, socket or device where gwr expects one of its files (a ledger file,
the registry, the 分工 file, the lock, a cache entry) would block a plain
`open()` forever (a FIFO with no writer) or read something that is no file.
`read_regular` opens without blocking and refuses anything that is not a
regular file (links are followed) with `NotRegularFile`, an OSError, so every
place that words an OSError already words this one in the user's language
(`messages.os_reason`).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_KINDS = (
    (stat.S_ISFIFO, "fifo"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISCHR, "device"),
    (stat.S_ISBLK, "device"),
)


class NotRegularFile(OSError):
    """`path` is a FIFO, socket or device; `kind` is one of fifo, socket,
    device, other (worded by messages.os_reason)."""

    def __init__(self, path: os.PathLike[str] | str, kind: str) -> None:
        super().__init__(errno.EINVAL, f"not a regular file ({kind})", os.fspath(path))
        self.kind = kind


def kind_of(mode: int) -> str | None:
    """None for a regular file; 'folder' for a directory; else the kind of thing."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "folder"
    return next((name for test, name in _KINDS if test(mode)), "other")


def refuse_irregular(path: os.PathLike[str] | str, mode: int) -> None:
    """Raise IsADirectoryError for a folder, NotRegularFile for a FIFO, socket
    or device; nothing for a regular file."""
    kind = kind_of(mode)
    if kind == "folder":
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), os.fspath(path))
    if kind is not None:
        raise NotRegularFile(path, kind)


def read_regular(path: Path) -> bytes:
    """The bytes of the regular file at `path`; see `read_regular_stat`."""
    return read_regular_stat(path)[0]


def read_regular_stat(path: Path) -> tuple[bytes, os.stat_result]:
    """The bytes of the regular file at `path` (links followed) and its
    stat as read from the open descriptor (so the two agree).

    Raises FileNotFoundError when it does not exist, IsADirectoryError for a
    folder, NotRegularFile for a FIFO, socket or device (checked before it is
    opened, and again on the open descriptor, which is opened O_NONBLOCK so
    a FIFO swapped in between cannot block), any other OSError as the system
    gives it (ELOOP for a link to itself, EACCES...).
    """
    refuse_irregular(path, os.stat(path).st_mode)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        found = os.fstat(fd)
        refuse_irregular(path, found.st_mode)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(), found
    finally:
        os.close(fd)
