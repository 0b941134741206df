"""A cache of parsed files under $GWR_HOME/cache: safe to delete, never a
source of truth.

Every entry is keyed by gwr's version, the Python version and marshal format,
and a fingerprint of the record types it holds (their field names and types),
and carries a CRC-32 of its bytes: an entry written by another version, for
other fields, or with a single byte changed is ignored and rebuilt from the
source files. Callers also record the identity of the source file state the
entry was made from. Writes are best-effort and atomic (temp file, then
rename), so a read-only home simply runs without a cache.

Rows: `RowCodec(cls)` turns a record (records.Record, a namedtuple) into a
tuple of plain values and back, derived from the type's own fields, so that a
field added to a record type is cached without any change here.
"""

from __future__ import annotations

import datetime as dt
import marshal
import os
import sys
import time
import zlib
from collections.abc import Callable, Iterable
from itertools import repeat
from operator import itemgetter
from pathlib import Path

from gwr_cli import __version__
from gwr_cli.regular import read_regular

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from typing import Any

CACHE_DIR = "cache"
_MAGIC = (
    f"gwr-cache {__version__} 2 py{sys.version_info[0]}.{sys.version_info[1]} "
    f"marshal{marshal.version}\n"
).encode()


def identity(stat: os.stat_result) -> tuple[int, int, int, int]:
    """What tells that a source file changed since an entry was made from it:
    its inode, size, modification and status-change times (ns). The
    status-change time moves with every write and cannot be set back: an edit
    of the same size whose modification time was restored (`touch -r`,
    `cp -p` onto it) still shows."""
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


# A file written within its file system's clock tick of gwr's look at it
# can be written again in the same tick, same size, and show the same times
# (whole seconds on some file systems, two on FAT): the "racy" case of git's
# index. Such a file's identity is kept as one no file has, so that the next
# read compares its bytes; a few seconds later its real identity is kept.
RACY_NS = 3_000_000_000


def identity_to_keep(stat: os.stat_result) -> tuple[int, int, int, int]:
    """The `identity` to store with an entry made from this file state, or,
    when the file changed less than RACY_NS ago (by this machine's clock),
    one that matches no file.

    Decided by the status-change time, which every write sets to the file
    system's now and nothing sets back (a modification time in the future,
    from `tar x` or `touch -d`, says nothing of the last write), and by the
    modification time where it is recent (file systems without a
    status-change time report the modification time for it)."""
    now = time.time_ns()
    if now - stat.st_ctime_ns < RACY_NS or abs(now - stat.st_mtime_ns) < RACY_NS:
        return (stat.st_ino, stat.st_size, -1, -1)
    return identity(stat)


def entry_path(cache_dir: Path, kind: str, source: Path) -> Path:
    """One cache file per source file, named so that two homes never collide."""
    try:
        where = str(source.absolute())
    except OSError:  # relative, in a folder deleted since (no cwd): reading says so
        where = str(source)
    key = f"{zlib.crc32(where.encode()):08x}"
    return cache_dir / f"{kind}-{source.stem}-{key}.marshal"


def _header(fingerprint: str, body: bytes) -> bytes:
    return _MAGIC + f"{fingerprint} {zlib.crc32(body):08x} {len(body)}\n".encode()


def load(path: Path, fingerprint: str = "") -> Any | None:
    """The value stored at path, or None when absent, foreign or damaged."""
    try:
        raw = read_regular(path)  # a FIFO is a miss, never a hang
    except OSError:
        return None
    if not raw.startswith(_MAGIC):
        return None
    end = raw.find(b"\n", len(_MAGIC))
    try:
        stored_fingerprint, checksum, size = raw[len(_MAGIC) : end].decode().split(" ")
        body = memoryview(raw)[end + 1 :]  # no copy of the body (the registry's: 1.7 MB)
        if (
            end < 0
            or stored_fingerprint != fingerprint
            or int(size) != len(body)
            or int(checksum, 16) != zlib.crc32(body)
        ):
            return None
        return marshal.loads(body)
    except (ValueError, EOFError, TypeError, UnicodeDecodeError):
        return None


def _make_folder(folder: Path) -> None:
    if folder.is_dir():
        return
    folder.mkdir(parents=True, exist_ok=True)
    # A home shared through git must never share its cache.
    root = folder if folder.name == CACHE_DIR else folder.parent
    (root / ".gitignore").write_text("# gwr's cache: safe to delete, never shared\n*\n")


def store(path: Path, value: Any, fingerprint: str = "") -> None:
    # A unique temporary name by hand: the tempfile module costs more to import
    # than the whole write.
    temp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    try:
        body = marshal.dumps(value)
        _make_folder(path.parent)
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(_header(fingerprint, body) + body)
            os.replace(temp, path)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
    except (OSError, ValueError):
        pass  # no cache this time: a read-only home, a full disk


# --- rows derived from record types -------------------------------------------------


def _date_codec(kind: type) -> tuple[Any, Any]:
    if kind is dt.datetime:
        return _datetime_plain, kind.fromisoformat  # rows decode bytes inline (_compile)
    return kind.isoformat, kind.fromisoformat


_ZERO = dt.timedelta(0)
_STATE = itemgetter(1)  # of __reduce_ex__(4): (datetime, (state, tzinfo))


def _datetime_plain(value: dt.datetime) -> bytes | str:
    """A date-time at UTC offset zero as its 10-byte pickle state (year to
    microsecond and fold, which `datetime(state, UTC)` reads back), any other
    as its ISO text. Why: formatting the recording time of 100,000 events with
    `isoformat` was half of encoding a cold read's index rows; taking the state
    costs a third of it, reading it back as much as `fromisoformat`, and the
    rows are smaller (issue 15)."""
    if value.utcoffset() == _ZERO:
        return _STATE(value.__reduce_ex__(4))[0]
    return value.isoformat()


def _datetime_column(column: list[Any]) -> list[Any]:
    """`_datetime_plain` of a column without None, in C-level maps when every
    value is at offset zero (a ledger written by gwr)."""
    if set(map(dt.datetime.utcoffset, column)) == {_ZERO}:
        states = map(dt.datetime.__reduce_ex__, column, repeat(4))
        return list(map(itemgetter(0), map(_STATE, states)))
    return list(map(_datetime_plain, column))


class _Encoded(dict):
    """value -> its encoding, made on first use (None stays None): one interned
    string per distinct date, which marshal writes once and then refers back to."""

    def __init__(self, encode: Callable[[Any], Any]) -> None:
        super().__init__()
        self._encode = encode

    def __missing__(self, value: Any) -> Any:
        made = self[value] = None if value is None else sys.intern(self._encode(value))
        return made


# Up to this many rows are decoded without compiling the generated code: the
# registry's report, areas and indicators, a 分工's handful of units.
_FEW_ROWS = 64


def _args(hint: Any) -> tuple[Any, ...]:
    """The arguments of `X | None` or `tuple[X, ...]` (typing.get_args, for
    the annotations records hold, without importing typing)."""
    return getattr(hint, "__args__", ())


def _origin(hint: Any) -> Any:
    """`tuple` for `tuple[X, ...]`, else None (typing.get_origin, likewise)."""
    return getattr(hint, "__origin__", None)


class RowCodec:
    """Rows of plain values (what marshal holds) for one record type.

    Dates and paths become strings, date-times bytes or strings
    (`_datetime_plain`), tuples lists, nested records rows; None stays None.
    `fingerprint` names the field list and types, so a changed record type
    never reads an old row.
    """

    def __init__(self, cls: type, intern: tuple[str, ...] = ()) -> None:
        from gwr_cli.records import field_types

        hints = field_types(cls)
        self.cls = cls
        self.fields: tuple[str, ...] = cls._fields  # type: ignore[attr-defined]
        self._encode: list[tuple[int, Any]] = []
        self._decode: list[tuple[int, Any, bool]] = []
        self._intern = [self.fields.index(name) for name in intern]
        self._datetimes: set[int] = set()
        parts = []
        for index, name in enumerate(self.fields):
            hint = hints[name]
            parts.append(f"{name}:{hint}")
            args = [a for a in _args(hint) if a is not type(None)]
            base = args[0] if len(args) == 1 and _origin(hint) is not tuple else hint
            origin = _origin(base)
            if base in (dt.datetime, dt.date):
                if base is dt.datetime:  # stored as _datetime_plain gives it
                    self._datetimes.add(index)
                    parts.append("state-or-iso")
                encode, decode = _date_codec(base)
                self._decode.append((index, decode, base is dt.date))
                self._encode.append((index, encode))
            elif base is Path:
                self._encode.append((index, str))
                self._decode.append((index, Path, False))
            elif origin is tuple:
                (item, *_) = _args(base)
                if hasattr(item, "_fields"):
                    inner = RowCodec(item)
                    parts.append(inner.fingerprint)
                    self._encode.append((index, lambda v, c=inner: [c.to_row(x) for x in v]))
                    self._decode.append(
                        (index, lambda v, c=inner: tuple(c.from_row(x) for x in v), False)
                    )
                else:  # plain values: marshal keeps a tuple as it is
                    self._encode.append((index, tuple))
                    parts.append("as-tuple")
        name = f"{cls.__module__}.{cls.__qualname__}"
        self.fingerprint = f"{zlib.crc32(';'.join([name, *parts]).encode()):08x}"

    def __getattr__(self, name: str) -> Any:
        # The generated code is compiled when first used: compiling it costs
        # about 0.4 ms a record type, and most commands read a few small
        # tables only, or need no more than a codec's fingerprint.
        if name in ("to_row", "_memos", "_compiled_from_rows"):
            self._compile()
            return self.__dict__[name]
        raise AttributeError(name)

    def from_rows(self, rows: Iterable[Any]) -> list[Any]:
        """The records of these rows; ValueError or TypeError on a row of
        another shape. A few rows are decoded by a loop over their fields
        (`_from_row`), many by the generated code."""
        if type(rows) is list and len(rows) <= _FEW_ROWS:
            return [self._from_row(row) for row in rows]
        return self._compiled_from_rows(rows)

    def _from_row(self, row: Any) -> Any:
        """One record from its row, field by field (what the generated
        `from_rows` does, without compiling it)."""
        values = list(row)
        if len(values) != len(self.fields):
            raise ValueError(f"a row of {len(values)} values for {len(self.fields)} fields")
        for index, decode, _memoize in self._decode:
            value = values[index]
            if value is None:
                continue
            if index in self._datetimes and value.__class__ is bytes:
                values[index] = dt.datetime(value, dt.UTC)  # the state of a UTC time
            else:
                values[index] = decode(value)
        return tuple.__new__(self.cls, values)

    def _compile(self) -> None:
        """Build to_row and from_rows as straight-line code for this type.

        Why generated: the ledger index turns 100,000 rows into events on every
        read; one tuple expression per row is about twice as fast as a loop
        over the fields, and the code still follows from the field list alone.
        """
        width = len(self.fields)
        names = [f"f{i}" for i in range(width)]
        env: dict[str, Any] = {"_make": tuple.__new__, "_cls": self.cls, "_intern": sys.intern}
        env |= {"_datetime": dt.datetime, "_utc": dt.UTC, "_bytes": bytes}
        encoded = list(names)
        for index, encode in self._encode:
            env[f"_e{index}"] = encode
            encoded[index] = f"(None if f{index} is None else _e{index}(f{index}))"
        for index in self._intern:
            encoded[index] = f"_intern({encoded[index]})"
        self._memos: dict[int, _Encoded] = {}
        for index, _decode, memoize in self._decode:
            if memoize:  # dates repeat across rows: encode each once, one string each
                env[f"_m{index}"] = self._memos[index] = _Encoded(env[f"_e{index}"])
                encoded[index] = f"_m{index}[f{index}]"
        unpack = ", ".join(names) + ","
        body = [f"def to_row(record):\n    {unpack} = record\n    return ({', '.join(encoded)},)"]
        decoded = list(names)
        lines = []
        for index, decode, memoize in self._decode:
            env[f"_d{index}"] = decode
            if memoize:  # dates repeat across rows: parse each once
                lines += [
                    f"        v{index} = memo.get(f{index})",
                    f"        if v{index} is None and f{index} is not None:",
                    f"            v{index} = memo[f{index}] = _d{index}(f{index})",
                ]
                decoded[index] = f"v{index}"
            elif index in self._datetimes:  # the state of a UTC time, else ISO text
                decoded[index] = (
                    f"(_datetime(f{index}, _utc) if f{index}.__class__ is _bytes else "
                    f"(None if f{index} is None else _d{index}(f{index})))"
                )
            else:
                decoded[index] = f"(None if f{index} is None else _d{index}(f{index}))"
        body.append(
            "def from_rows(rows):\n    memo = {}\n    out = []\n    append = out.append\n"
            f"    for row in rows:\n        {unpack} = row\n"
            + "".join(line + "\n" for line in lines)
            + f"        append(_make(_cls, ({', '.join(decoded)},)))\n    return out"
        )
        exec("\n".join(body), env)  # code built above from field names only
        # to_row(record) -> row; from_rows(rows) -> records, raising ValueError or
        # TypeError on a row of another shape.
        self.to_row: Callable[[Any], tuple[Any, ...]] = env["to_row"]
        self._compiled_from_rows: Callable[[Any], list[Any]] = env["from_rows"]

    def from_row(self, row: Any) -> Any:
        return self.from_rows([row])[0]

    def rows_from_columns(self, columns: list[list[Any]]) -> list[tuple[Any, ...]]:
        """`[to_row(r) for r in records]` from the records' columns (one list
        per field, in field order): each column encoded by one C-level `map`
        instead of a call per record (the cold read encodes 100,000 events)."""
        encoded = list(columns)
        encoders = dict(self._encode)
        for index, encode in encoders.items():
            column = columns[index]
            memo = self._memos.get(index)
            if memo is not None:  # None maps to None in the memo
                encoded[index] = list(map(memo.__getitem__, column))
            elif index in self._datetimes and None not in column:
                encoded[index] = _datetime_column(column)
            elif None in column:
                encoded[index] = [None if v is None else encode(v) for v in column]
            else:
                encoded[index] = list(map(encode, column))
        for index in self._intern:
            if index not in self._memos:  # a memo's strings are interned already
                encoded[index] = list(map(sys.intern, encoded[index]))
        return list(zip(*encoded, strict=True))


def fingerprint(*codecs: RowCodec) -> str:
    """One key for an entry holding rows of several record types."""
    return f"{zlib.crc32(' '.join(c.fingerprint for c in codecs).encode()):08x}"
