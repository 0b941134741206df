"""Writes of several files at once, all or nothing: gwr's one rule for a
command that writes more than one file (`gwr site`, `collect template --all`,
`draft`).

- A folder gwr owns whole (the site) is built as a new sibling folder, every
  file and folder fsynced, then put in place of the old one in one step
  (`swap_in`: Linux's renameat2 RENAME_EXCHANGE; elsewhere two renames, the
  old folder kept aside under a name `recover` knows until the new one is
  in). A crash, a full disk or Ctrl-C leaves the old folder or the new one,
  whole; what an interrupted run left beside it is cleaned by the next run
  (`recover`), under a lock on the parent folder (`folder_lock`).
- Files among someone's other files (templates in a folder filled workbooks
  come back to, a draft's registry and 分工) are all written beside their
  targets first, then renamed into place; a rename that fails puts back the
  files already replaced (`replace_files`).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path

from gwr_cli.durable import fsync_dir, write_all

# The names of the folders a run makes beside its target: ".site.gwr-new-123-0"
# while it is built (or, once swapped, holding the old folder until removed),
# ".site.gwr-old-123-0" for the old folder set aside where no exchange exists.
_LEFTOVER = r"\.{name}\.gwr-(new|old)-\d+-\d+"


def _leftover_pattern(target: Path) -> re.Pattern[str]:
    return re.compile(_LEFTOVER.format(name=re.escape(target.name)))


@contextlib.contextmanager
def folder_lock(parent: Path, timeout: float) -> Iterator[None]:
    """Hold an exclusive lock on the folder `parent` (flock on its descriptor),
    so two runs writing beside each other take turns and a run never takes
    another's half-built folder for a leftover. TimeoutError after `timeout`
    seconds; no lock where a folder cannot be opened or flock does not exist
    (Windows), as `durable.fsync_dir` does without."""
    from gwr_cli.lock import wait_for_lock

    if os.name == "nt":  # pragma: no cover - a folder cannot be locked there
        yield
        return
    try:
        fd = os.open(parent, os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        wait_for_lock(fd, parent, timeout)
        yield
    finally:
        os.close(fd)  # releases the lock


def recover(target: Path) -> bool:
    """Clean what an interrupted run left beside `target` (call it under
    `folder_lock`). When `target` is missing and an old folder was set aside
    (a crash between the two renames of `swap_in`), that folder is put back:
    the old site, whole. Every other leftover is removed: a half-built folder,
    or an old one whose replacement is in place (every file of the user's was
    carried into the new folder before the swap). True when a folder was put
    back. Raises OSError."""
    pattern = _leftover_pattern(target)
    parent = target.parent
    try:
        names = [n for n in os.listdir(parent) if pattern.fullmatch(n)]
    except FileNotFoundError:
        return False
    found = [parent / n for n in names if (parent / n).is_dir() and not (parent / n).is_symlink()]
    restored = False
    set_aside = [p for p in found if ".gwr-old-" in p.name]
    if set_aside and not os.path.lexists(target):
        newest = max(set_aside, key=lambda p: p.stat().st_mtime_ns)
        os.rename(newest, target)
        fsync_dir(parent)
        found.remove(newest)
        restored = True
    for path in found:
        shutil.rmtree(path)
    return restored


def new_folder_beside(target: Path) -> Path:
    """A new empty folder beside `target` to build its replacement in. Raises OSError."""
    for attempt in range(100):
        staging = target.parent / f".{target.name}.gwr-new-{os.getpid()}-{attempt}"
        try:
            os.mkdir(staging)
        except FileExistsError:
            continue
        return staging
    raise FileExistsError(17, os.strerror(17), str(target))


def write_new(path: Path, data: bytes, mode: int | None = None) -> None:
    """Create `path` (it must not exist) holding `data`, fsynced; with the
    umask's mode, or `mode` (an earlier file's, kept). Raises OSError."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, 0o666)
    try:
        write_all(fd, data)
        if mode is not None and hasattr(os, "fchmod"):
            os.fchmod(fd, mode)
        os.fsync(fd)
    finally:
        os.close(fd)


def carry(source: Path, into: Path, skip: set[str]) -> None:
    """Every file, link and folder under `source` whose relative path (POSIX
    form) is not in `skip`, into the same place under `into`: a file hard-linked
    (its bytes, mode and date kept, nothing copied; copied where links are not
    possible), a symlink made again, a folder made with its mode. A FIFO,
    socket or device raises `regular.NotRegularFile`: it cannot be carried,
    and the folder holding it must not be removed. Raises OSError."""
    from gwr_cli.regular import refuse_irregular

    for folder, folders, files in os.walk(source):
        here = Path(folder).relative_to(source)
        for name in [*folders, *files]:
            old = Path(folder) / name
            relative = (here / name).as_posix()
            new = into / here / name
            info = os.lstat(old)
            if stat.S_ISLNK(info.st_mode):
                if relative not in skip:
                    os.symlink(os.readlink(old), new)
            elif stat.S_ISDIR(info.st_mode):
                new.mkdir(exist_ok=True)
                os.chmod(new, stat.S_IMODE(info.st_mode))
            elif relative in skip:
                continue
            elif stat.S_ISREG(info.st_mode):
                try:
                    os.link(old, new)
                except OSError:
                    shutil.copy2(old, new)
            else:
                refuse_irregular(old, info.st_mode)


def fsync_tree(root: Path) -> None:
    """fsync every folder under `root` and `root` itself (files are fsynced as
    written), so the names a swap publishes are on disk before it."""
    for folder, _, _ in os.walk(root, topdown=False):
        fsync_dir(Path(folder))


def keep_folder_mode(old: Path, new: Path) -> None:
    """Give `new` the mode (and, for root, the owner) of the folder it replaces."""
    info = os.stat(old)
    os.chmod(new, stat.S_IMODE(info.st_mode))
    if hasattr(os, "chown"):
        with contextlib.suppress(OSError):
            os.chown(new, info.st_uid, info.st_gid)


def swap_in(staging: Path, target: Path) -> Path | None:
    """Put the folder `staging` where `target` is, in one step; return where
    the replaced folder now is (for the caller to remove), None when there was
    none. Linux exchanges the two names atomically; elsewhere the old folder
    is renamed aside first (a crash between the renames is undone by
    `recover`, which puts it back). Raises OSError, `target` as it was."""
    parent = target.parent
    fsync_tree(staging)
    if not os.path.lexists(target):
        os.rename(staging, target)
        fsync_dir(parent)
        return None
    if _exchange(staging, target):
        fsync_dir(parent)
        return staging  # now the old folder, under the staging name
    aside = staging.with_name(staging.name.replace(".gwr-new-", ".gwr-old-", 1))
    os.rename(target, aside)
    try:
        os.rename(staging, target)
    except BaseException:
        os.rename(aside, target)
        raise
    fsync_dir(parent)
    return aside


def _exchange(first: Path, second: Path) -> bool:
    """Swap two names in one step with renameat2(RENAME_EXCHANGE); False where
    the system or file system has no such call. Raises OSError otherwise."""
    import sys

    if not sys.platform.startswith("linux"):
        return False
    import ctypes
    import errno

    try:
        call = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # a C library without it (musl, old glibc)
        return False
    call.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    if call(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange) == 0:
        return True
    number = ctypes.get_errno()
    if number in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(number, os.strerror(number), str(second))


def remove_quietly(path: Path) -> None:
    """Remove a folder this run made; what is left is `recover`'s next time."""
    shutil.rmtree(path, ignore_errors=True)


def replace_files(files: Sequence[tuple[Path, bytes]]) -> None:
    """Write every (path, data), all or none, by the rules of every --output
    (`output.stage`: a symlink written through, a new file with the umask's
    mode, an existing one keeping its mode). All are written beside their
    targets and fsynced before the first is renamed into place; a rename that
    fails (or Ctrl-C) puts back the files already replaced and removes those
    made. Raises OSError (or the interruption) with nothing changed."""
    from gwr_cli.output import commit, discard, stage

    staged = []
    try:
        for path, data in files:
            staged.append(stage(path, data))
    except BaseException:
        for one in staged:
            discard(one)
        raise
    kept: list[tuple[Path, Path | None]] = []  # (target, its old file's copy or None)
    try:
        for one in staged:
            kept.append((one.target, _keep_old(one.target) if one.temp else None))
            commit(one)
    except BaseException:
        for one in staged:
            discard(one)
        for target, old in reversed(kept):
            with contextlib.suppress(OSError):
                if old is not None and _same_file(old, target):  # not replaced yet
                    old.unlink()  # (a rename between two links of one file does nothing)
                elif old is not None:
                    os.replace(old, target)
                elif os.path.lexists(target) and _made_by(target, staged):
                    target.unlink()
        raise
    for _, old in kept:
        if old is not None:
            old.unlink(missing_ok=True)


def _keep_old(target: Path) -> Path | None:
    """A second name (hard link) for the file `target`, to put back if a later
    rename fails; None when there is no such file."""
    if not target.is_file():
        return None
    for attempt in range(100):
        keep = target.with_name(f".{target.name}.{os.getpid()}-{attempt}.old")
        try:
            os.link(target, keep)
        except FileExistsError:
            continue
        except OSError:  # no hard links here: copied
            shutil.copy2(target, keep)
        return keep
    return None


def _same_file(first: Path, second: Path) -> bool:
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False


def _made_by(target: Path, staged: Sequence[object]) -> bool:
    """Whether `target` holds what this run wrote (it did not exist before)."""
    data = next((one.data for one in staged if one.target == target), None)
    try:
        return data is not None and target.read_bytes() == data
    except OSError:
        return False
