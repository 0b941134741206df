"""Writing a report file (--output): whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from gwr_cli.errors import InputError


def write_atomically(path: Path, data: bytes) -> None:
    """Replace path with data; a reader never sees a half-written file."""
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise InputError(f"--output {path}: folder {directory} does not exist")
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as error:
        raise InputError(f"--output {path}: cannot write there ({error.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except OSError as error:
        Path(temp_name).unlink(missing_ok=True)
        raise InputError(f"--output {path}: cannot write ({error.strerror})") from None
