"""Where a command's output goes: the screen (stdout) or a file (--output).

Text for the screen is written in the stream's own encoding, with what it
cannot show replaced (a GBK console shows "\\n" for gwr's "⏎"); CSV and JSON
are data, always UTF-8 bytes, whatever the locale. Every --output file is
written by `write_file`: replaced whole or not at all, created with the user's
umask, an existing file keeping its mode, a symlink written through, and a
device or pipe written to, never replaced.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from pathlib import Path

from gwr_cli.durable import fsync_dir, write_all
from gwr_cli.errors import InputError
from gwr_cli.messages import Listing, encodable, printable, text
from gwr_cli.records import Record

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from typing import IO, Any

STDOUT_NAME = "-"  # `--output -`: the screen, as most tools read it


# The file-name endings of gwr's output formats, the first the one to suggest.
# Markdown is plain text: a .txt name fits it too. An .xls name is a
# spreadsheet's too: never CSV under it, and .xlsx suggested for a workbook.
FORMAT_SUFFIXES = {
    "csv": (".csv",),
    "json": (".json",),
    "xlsx": (".xlsx",),
    "text": (".txt",),
    "markdown": (".md", ".markdown", ".txt"),
    "html": (".html", ".htm"),
    "toml": (".toml",),
}
# Names that are another format's without being one gwr writes under --format.
_OTHER_SUFFIXES = {".xls": "xlsx", ".xlsm": "xlsx"}


def check_output_name(output: str | None, lang: str, option: str = "--output") -> None:
    """Refuse an --output name ending in a path separator ("newdir/"): it names a
    folder, which would otherwise be written as a file called "newdir".
    InputError in `lang`; the screen (None, "-") passes."""
    if not output or output == STDOUT_NAME:
        return
    separators = (os.sep, os.altsep) if os.altsep else (os.sep,)
    if output.endswith(("/", *separators)):
        raise InputError(text("output.trailing_separator", lang, option=option, path=output))


def _suffix_meant(suffix: str) -> list[str]:
    meant = [name for name, suffixes in FORMAT_SUFFIXES.items() if suffix in suffixes]
    return meant or ([_OTHER_SUFFIXES[suffix]] if suffix in _OTHER_SUFFIXES else [])


def check_output_suffix(
    output: str | None, output_format: str, offered: tuple[str, ...], lang: str
) -> None:
    """Refuse an --output name whose ending is another format's (`--format xlsx
    --output x.csv` wrote a workbook under a CSV name) before anything is
    done: InputError naming both, in `lang`. The screen (None, "-") and a name
    whose ending is no format's ("report", "x.dat") are left as they are.
    `offered`: the formats the command has, to suggest the --format meant."""
    check_output_name(output, lang)
    if not output or output == STDOUT_NAME:
        return
    suffix = os.path.splitext(output)[1].lower()
    own = FORMAT_SUFFIXES[output_format]
    if not suffix or suffix in own:
        return
    meant = _suffix_meant(suffix)
    if not meant:
        return
    right = Listing(list(own), final_or=True).text(lang)
    values = {"path": output, "suffix": suffix, "format": output_format, "right": right}
    mine = [name for name in meant if name in offered and name != output_format]
    if mine:
        raise InputError(text("output.suffix_format", lang, meant=mine[0], **values))
    raise InputError(text("output.suffix", lang, **values))


def check_registry_suffix(output: str, option: str, lang: str) -> None:
    """Refuse a name for a TOML file (`gwr draft --output`, `--assignments`)
    ending in another format's suffix (d.csv, d.json): InputError in `lang`
    suggesting .toml."""
    suffix = os.path.splitext(output)[1].lower()
    if suffix and suffix != ".toml" and _suffix_meant(suffix):
        raise InputError(
            text("output.suffix_toml", lang, option=option, path=output, suffix=suffix)
        )


def refused(error: OSError, stream: object) -> BaseException:
    """What to raise when writing `stream` failed: standard output that cannot
    be written (a full disk under `gwr export > file`) is no bug in gwr but an
    InputError saying why; a broken pipe, or any other stream, as it came."""
    if isinstance(error, BrokenPipeError) or stream is not sys.stdout:
        return error
    return InputError("output.stdout_failed", reason=error)


def write_text(content: str, stream: IO[str] | None = None) -> None:
    """Text for a reader, in the stream's encoding; never a UnicodeEncodeError.
    Raises InputError when standard output cannot be written (see `refused`)."""
    stream = stream or sys.stdout
    try:
        stream.write(encodable(content, getattr(stream, "encoding", None)))
    except OSError as error:
        raise refused(error, stream) from None


def write_bytes(data: bytes, stream: IO[str] | None = None) -> None:
    """Bytes as they are (UTF-8 CSV or JSON), after any text already written.
    Raises InputError when standard output cannot be written (see `refused`)."""
    stream = stream or sys.stdout
    buffer: Any = getattr(stream, "buffer", None)
    try:
        if buffer is None:  # a text-only stream, such as an io.StringIO in a test
            stream.write(data.decode("utf-8"))
            return
        stream.flush()
        buffer.write(data)
        buffer.flush()
    except OSError as error:
        raise refused(error, stream) from None


def deliver(content: str, output: str | None, lang: str, *, data: bool) -> None:
    """A report to the screen (`output` None or "-") or to the file `output`.

    data=True (CSV, JSON) writes UTF-8 bytes to the screen too; data=False
    (text, Markdown) writes the screen's encoding there. A file is always UTF-8.
    Raises InputError (in `lang`) when the file cannot be written.
    """
    if output is None or output == STDOUT_NAME:
        if data:
            write_bytes(content.encode("utf-8"))
        else:
            write_text(content)
        return
    write_file(output, content.encode("utf-8"), lang)
    write_text(text("wrote", lang, path=printable(output)) + "\n")


def write_file(output: str, data: bytes, lang: str) -> None:
    """Write data to the file named `output` (as typed after --output).

    - a regular file (or none yet) is replaced whole or not at all: a reader
      never sees half of it, a failed write leaves the old one;
    - a new file gets the mode the user's umask gives (0644 under umask 022),
      as any program's would; an existing file keeps its mode;
    - a symlink is written through: its target is replaced, the link stays;
    - a device, pipe or socket (/dev/null, /dev/stdout, `>(gzip)`) is written
      to and never replaced, even by root.
    Raises InputError, one line in `lang`, when it cannot be written.
    """
    if not output:
        raise InputError(text("output.empty", lang))
    check_output_name(output, lang)
    path = Path(output)

    def failed(reason: OSError) -> InputError:
        # The OSError itself: its reason is worded in the user's language.
        return InputError(text("output.cannot_write", lang, path=output, reason=reason))

    try:
        existing = _existing(path)
    except OSError as error:
        raise failed(error) from None
    if existing is not None and stat.S_ISDIR(existing.st_mode):
        raise InputError(text("output.is_folder", lang, option="--output", path=output))
    try:
        _put(path, data, existing, output, lang)
    except OSError as error:
        raise failed(error) from None


def _existing(path: Path) -> os.stat_result | None:
    """The file at `path`, through any symlink; None when there is none."""
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None


def _put(path: Path, data: bytes, existing: os.stat_result | None, output: str, lang: str) -> None:
    """Write a device or pipe in place, else replace the (symlink's target) file."""
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        _write_in_place(path, data)
    else:
        _replace(Path(os.path.realpath(path)), data, existing, output, lang)


def _write_in_place(path: Path, data: bytes) -> None:
    # No O_CREAT: the special file must still be there; no rename: it stays
    # the device or pipe it is.
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_BINARY", 0))
    try:
        write_all(fd, data)
    finally:
        os.close(fd)


def _replace(
    target: Path, data: bytes, existing: os.stat_result | None, output: str, lang: str
) -> None:
    directory = target.parent
    if not directory.is_dir():
        raise InputError(text("output.no_folder", lang, path=output, folder=missing_folder(output)))
    staged = _stage_regular(target, data, existing)
    try:
        commit(staged)
    except BaseException:
        discard(staged)
        raise


def missing_folder(output: str) -> str:
    """The folder to name when `output`'s is missing: its own, or for a symlink
    the folder of the file it points to, as the link names it beside `output`
    ("dang.csv -> nowhere/x.csv": nowhere; a chain of links: the last one's)."""
    if not os.path.islink(output):
        return str(Path(output).parent)
    folder = os.path.dirname(os.path.join(os.path.dirname(output), os.readlink(output)))
    if os.path.isdir(folder or "."):  # a link to a link: the folder missing is further on
        return os.path.dirname(os.path.realpath(output))
    return os.path.normpath(folder)


class Staged(Record):
    """A file written beside its target, not yet in place (`stage`)."""

    temp: Path | None  # None: a device or pipe, written in place by `commit`
    target: Path
    data: bytes


def stage(path: Path, data: bytes) -> Staged:
    """Write data for `path` beside it, under the rules of `write_file` (a
    symlink's target, the umask's mode for a new file, an existing file's mode
    and owner), for `commit` to put in place: several files all or none.
    Raises OSError; nothing is left behind then."""
    existing = _existing(path)
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        return Staged(None, path, data)
    return _stage_regular(Path(os.path.realpath(path)), data, existing)


def commit(staged: Staged) -> None:
    """Put a staged file in place (a device or pipe is written to). Raises OSError."""
    if staged.temp is None:
        _write_in_place(staged.target, staged.data)
        return
    os.replace(staged.temp, staged.target)
    fsync_dir(staged.target.parent)


def discard(staged: Staged) -> None:
    """Remove a staged file that will not be committed."""
    if staged.temp is not None:
        staged.temp.unlink(missing_ok=True)


def _stage_regular(target: Path, data: bytes, existing: os.stat_result | None) -> Staged:
    if existing is not None and not os.access(target, os.W_OK):
        # What `> file` does too: a read-only file is not silently replaced.
        raise PermissionError(13, os.strerror(13), str(target))
    temp, fd = _create_beside(target)
    try:
        try:
            write_all(fd, data)
            os.fsync(fd)
            if existing is not None:
                _keep_owner(fd, existing)  # before the mode: chown clears set-id bits
                mode = stat.S_IMODE(existing.st_mode)
                if hasattr(os, "fchmod"):
                    os.fchmod(fd, mode)
                else:  # Windows
                    os.chmod(temp, mode)
        finally:
            os.close(fd)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return Staged(temp, target, data)


def _create_beside(target: Path) -> tuple[Path, int]:
    # os.open with 0o666 lets the kernel apply the umask (and a folder's default
    # ACL), as for any new file; tempfile.mkstemp would force 0600.
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for attempt in range(100):
        temp = target.with_name(f".{target.name}.{os.getpid()}-{attempt}.tmp")
        try:
            return temp, os.open(temp, flags, 0o666)
        except FileExistsError:
            continue
    raise FileExistsError(17, os.strerror(17), str(temp))


def _keep_owner(fd: int, existing: os.stat_result) -> None:
    # Root writing a colleague's report must not make it root's; anyone else
    # cannot give a file away and keeps what the system allows.
    if not hasattr(os, "fchown"):
        return
    with contextlib.suppress(OSError):
        os.fchown(fd, existing.st_uid, existing.st_gid)


def write_atomically(path: Path, data: bytes, lang: str = "en") -> None:
    """Replace the file at `path` (gwr's own output: a site page, a workbook)
    whole or not at all, with the rules of `write_file`. Raises OSError."""
    _put(path, data, _existing(path), str(path), lang)
