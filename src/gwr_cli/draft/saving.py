"""Writing the draft: every file whole or not at all, and none over an
existing file unless the user said --force.

All files are written to temporary files in their own folders first and
renamed into place only when every one of them is complete, so a failure
leaves nothing behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from gwr_cli.draft.errors import DraftError


def check_targets(report: Path, outputs: list[Path], force: bool) -> None:
    """Refuse outputs that are the report itself, lie in a missing folder, or
    exist (unless force). Raises DraftError."""
    for path in outputs:
        if path.exists() and report.exists() and path.resolve() == report.resolve():
            raise DraftError("same_file", path=path)
        folder = path.parent if str(path.parent) else Path(".")
        if not folder.is_dir():
            raise DraftError("no_folder", path=path)
        if path.is_dir():
            raise DraftError("directory", path=path)
        if path.exists() and not force:
            raise DraftError("exists", path=path)


def write_all(files: list[tuple[Path, str]]) -> None:
    """Write each (path, text) as UTF-8, atomically, all or none."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, content in files:
            folder = path.parent if str(path.parent) else Path(".")
            fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
            staged.append((temp, path))
            with os.fdopen(fd, "wb") as handle:
                handle.write(content.encode("utf-8"))
                handle.flush()
                os.fsync(handle.fileno())
        for temp, path in staged:
            os.replace(temp, path)
    except OSError as error:
        for temp, _ in staged:
            Path(temp).unlink(missing_ok=True)
        failed = Path(error.filename) if error.filename else files[0][0]
        raise DraftError("write", path=failed, reason=error) from None
