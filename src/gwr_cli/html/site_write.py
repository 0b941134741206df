"""Writing the static site (`gwr site`) into a folder: the base URL checked,
every file replaced atomically, and the files of the previous run that are
gone removed, never anything gwr did not write (the MARKER file lists them)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from gwr_cli.errors import InputError
from gwr_cli.messages import text

MARKER = ".gwr-site"  # lists the files of the last site written to the folder
_MARKER_HEADER = "gwr site: files written by `gwr site`; replaced on every run\n"


def check_base_url(base_url: str, lang: str) -> str:
    """An absolute http(s) prefix ending with a slash, or "" for relative URLs."""
    if not base_url:
        return ""
    if not base_url.startswith(("http://", "https://")) or any(c in base_url for c in ' "<>'):
        raise InputError(text("site.base_url", lang, url=base_url))
    return base_url if base_url.endswith("/") else base_url + "/"


def write_site(directory: Path, files: Mapping[str, bytes], lang: str) -> int:
    """Write the site into directory, each file atomically; returns files written.

    A folder that exists, is not empty and has no marker is refused before
    anything is written: it is someone's other files. Files an earlier run
    wrote (listed in the marker) that the site no longer has are removed;
    nothing else in the folder is touched. Unchanged files are not rewritten.
    """
    from gwr_cli.output import write_atomically

    if directory.exists() and not directory.is_dir():
        raise InputError(text("site.not_dir", lang, path=directory))
    marker = directory / MARKER
    previous: list[str] = []
    if directory.is_dir():
        if marker.is_file():
            previous = marker.read_text(encoding="utf-8").splitlines()[1:]
        elif any(directory.iterdir()):
            raise InputError(text("site.not_exists", lang, path=directory, marker=MARKER))
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for relative, content in files.items():
            path = directory / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.is_file() and path.read_bytes() == content:
                continue
            write_atomically(path, content)
        for relative in previous:
            if relative not in files and _inside(relative):
                (directory / relative).unlink(missing_ok=True)
    except OSError as error:
        reason = error.strerror or str(error)
        raise InputError(text("site.cannot_write", lang, path=directory, reason=reason)) from None
    write_atomically(marker, (_MARKER_HEADER + "".join(f"{p}\n" for p in files)).encode())
    return len(files)


def _inside(relative: str) -> bool:
    """A path the marker may name: relative, without '..' (a hand-edited marker
    must never make gwr delete files outside the site)."""
    parts = Path(relative).parts
    return bool(parts) and not Path(relative).is_absolute() and ".." not in parts
