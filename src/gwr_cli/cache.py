"""A cache of parsed files under $GWR_HOME/cache: safe to delete, never a
source of truth.

Every entry records the identity of the file state it was made from (inode,
size, modification time) and is ignored when that no longer matches; an
unreadable or foreign entry is ignored too. Writes are best-effort and atomic
(temp file, then rename), so a read-only home simply runs without a cache.
"""

from __future__ import annotations

import marshal
import os
import zlib
from pathlib import Path
from typing import Any

from gwr_cli import __version__

CACHE_DIR = "cache"
_MAGIC = f"gwr-cache {__version__} 1\n".encode()


def identity(stat: os.stat_result) -> tuple[int, int, int]:
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


def entry_path(cache_dir: Path, kind: str, source: Path) -> Path:
    """One cache file per source file, named so that two homes never collide."""
    key = f"{zlib.crc32(str(source.absolute()).encode()):08x}"
    return cache_dir / f"{kind}-{source.stem}-{key}.marshal"


def load(path: Path) -> Any | None:
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    if not raw.startswith(_MAGIC):
        return None
    try:
        return marshal.loads(raw[len(_MAGIC) :])
    except (ValueError, EOFError, TypeError):
        return None


def _make_folder(folder: Path) -> None:
    if folder.is_dir():
        return
    folder.mkdir(parents=True, exist_ok=True)
    # A home shared through git must never share its cache.
    root = folder if folder.name == CACHE_DIR else folder.parent
    (root / ".gitignore").write_text("# gwr's cache: safe to delete, never shared\n*\n")


def store(path: Path, value: Any) -> None:
    # A unique temporary name by hand: the tempfile module costs more to import
    # than the whole write.
    temp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    try:
        _make_folder(path.parent)
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(_MAGIC + marshal.dumps(value))
            os.replace(temp, path)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
    except OSError:
        pass  # no cache this time: a read-only home, a full disk
