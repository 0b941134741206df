"""Writing the draft: every file whole or not at all, and none over an
existing file unless the user said --force.

All files are written to temporary files beside their targets first and
renamed into place only when every one of them is complete; a rename that
fails puts back what was already replaced, so a failure leaves nothing behind.
"""

from __future__ import annotations

import os
from pathlib import Path

from gwr_cli.draft.errors import DraftError


def check_targets(
    report: Path,
    outputs: list[Path],
    force: bool,
    copy: Path | None = None,
    *,
    copy_written: bool = False,
) -> None:
    """Refuse outputs that are the report itself, name one file twice (the
    registry, the assignments, or `copy`, the report's UTF-8 copy the registry
    quotes, even one an earlier draft left), lie in a missing folder, or exist
    (unless force); `copy` is checked as an output too when it is written.
    Raises DraftError."""
    seen: set[Path] = set()
    for path in [*outputs, *([copy] if copy else [])]:
        real = Path(os.path.realpath(path))
        if real in seen:
            raise DraftError("same_output", path=path)
        seen.add(real)
    for path in [*outputs, *([copy] if copy and copy_written else [])]:
        if path.exists() and report.exists() and path.resolve() == report.resolve():
            raise DraftError("same_file", path=path)
        # A symlink's file is written where it points: that folder must exist.
        if not Path(os.path.realpath(path)).parent.is_dir():
            from gwr_cli.output import missing_folder

            raise DraftError("no_folder", path=path, folder=missing_folder(str(path)))
        if path.is_dir():
            raise DraftError("directory", path=path)
        if path.exists() and not force:
            raise DraftError("exists", path=path)


def write_all(files: list[tuple[Path, str]]) -> None:
    """Write each (path, text) as UTF-8, atomically, all or none, by the rules
    of every --output (`output.stage`): a symlink is written through and stays
    a link, a new file gets the umask's mode, an existing one keeps its mode,
    a device is written to and never replaced. A failure (or Ctrl-C) after
    some were renamed into place puts those back (`whole_writes.replace_files`)."""
    from gwr_cli.whole_writes import replace_files

    try:
        replace_files([(path, content.encode("utf-8")) for path, content in files])
    except OSError as error:
        failed = Path(error.filename) if error.filename else files[0][0]
        raise DraftError("write", path=failed, reason=error) from None
