"""The storage layer's shape: the event model, cache rows derived from record
fields, an import graph without cycles, and caches that cannot lie."""

from __future__ import annotations

import ast
import datetime as dt
import shutil
import tomllib
from pathlib import Path
from typing import NamedTuple

import pytest

from conftest import SHIPPED_REGISTRY, copy_registry, stored_event
from gwr_cli import cache
from gwr_cli.errors import LedgerError
from gwr_cli.events import OPTIONAL_TEXT, Event, parse_ledger_file, render_event
from gwr_cli.ledger import append_event, author_file, now_utc, read_ledger
from gwr_cli.records import field_types
from gwr_cli.registry_load import load_registry

SRC = Path(__file__).resolve().parent.parent / "src" / "gwr_cli"


make_event = stored_event


# --- modules ------------------------------------------------------------------------


def _imports(path: Path) -> set[str]:
    """gwr_cli modules a file imports, at module level or inside functions."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "gwr_cli":
                found.update(f"gwr_cli.{alias.name}" for alias in node.names)
            elif node.module.startswith("gwr_cli."):
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("gwr_cli."))
    return found


def test_the_import_graph_of_gwr_cli_is_acyclic():
    modules = {
        "gwr_cli." + ".".join(p.relative_to(SRC).with_suffix("").parts): p
        for p in SRC.rglob("*.py")
        if p.name != "__init__.py"
    }
    graph = {name: _imports(path) & set(modules) for name, path in modules.items()}
    # messages only to word an unreadable ledger folder (inside that function)
    # regular (it imports nothing of gwr's) to read a file that may be a FIFO
    # records (likewise) to declare its record types
    allowed = {
        "gwr_cli.events",
        "gwr_cli.cache",
        "gwr_cli.errors",
        "gwr_cli.messages",
        "gwr_cli.regular",
        "gwr_cli.records",
    }
    assert not graph["gwr_cli.regular"] and not graph["gwr_cli.records"]
    assert graph["gwr_cli.ledger_index"] <= allowed
    assert "gwr_cli.ledger" not in graph["gwr_cli.events"] | graph["gwr_cli.journal"]
    state: dict[str, str] = {}

    def visit(name: str, path: list[str]) -> None:
        state[name] = "open"
        for target in sorted(graph[name]):
            assert state.get(target) != "open", " -> ".join([*path, name, target])
            if target not in state:
                visit(target, [*path, name])
        state[name] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [])


# --- the event model ------------------------------------------------------------------


def test_optional_text_fields_are_written_only_when_set_and_read_back(ledger_dir):
    assert {"note", "cancels", "problems", "next", "unit"} <= set(OPTIONAL_TEXT)
    full = make_event(**{name: f"{name} 文本\\n第二行" for name in OPTIONAL_TEXT})
    bare = make_event()
    for event in (full, bare):
        append_event(ledger_dir, "tester", lambda ledger, e=event: e)
    text = (author_file(ledger_dir, "tester")).read_text(encoding="utf-8")
    document = tomllib.loads(text)
    assert set(document["events"][1]) == {"id", "task", "action", "on", "at", "by"}
    read = read_ledger(ledger_dir).events
    for name in OPTIONAL_TEXT:
        assert getattr(read[0], name) == getattr(full, name)
        assert getattr(read[1], name) == ""


@pytest.mark.parametrize("field", ["problems", "next", "unit"])
def test_a_new_field_that_is_not_text_is_reported_with_file_and_line(field, tmp_path):
    data = render_event(make_event(id="e1"), new_file=True) + f"{field} = 3\n".encode()
    with pytest.raises(LedgerError, match=rf"x\.toml:5: event 'e1' has a '{field}' that is not"):
        parse_ledger_file(tmp_path / "x.toml", data)


def test_at_keeps_microseconds_and_old_whole_second_files_still_read(ledger_dir):
    at = dt.datetime(2021, 5, 9, 2, 15, 30, 123456, tzinfo=dt.UTC)
    append_event(ledger_dir, "tester", lambda ledger: make_event(at=at))
    [event] = read_ledger(ledger_dir).events
    assert event.at == at
    (ledger_dir / "old.toml").write_text(
        '[[events]]\nid = "o"\ntask = "school-no16"\naction = "start"\non = 2021-05-09\n'
        'at = 2021-05-09 02:15:30+00:00\nby = "old"\n',
        encoding="utf-8",
    )
    old = next(e for e in read_ledger(ledger_dir).events if e.id == "o")
    assert old.at == dt.datetime(2021, 5, 9, 2, 15, 30, tzinfo=dt.UTC)


def test_now_utc_is_not_cut_to_whole_seconds():
    assert any(now_utc().microsecond for _ in range(5))


def test_same_second_records_keep_their_order_whatever_the_names(gwr, ledger_dir):
    """Issue 8, case 3: zhang's done, then li's reopen in the same second."""
    gwr.ok("done", "school-no16", "--on", "2021-05-01", env={"GWR_USER": "zhang"})
    gwr.ok("reopen", "school-no16", "--on", "2021-05-01", env={"GWR_USER": "li"})
    events = read_ledger(ledger_dir).events
    done, reopen = sorted(events, key=lambda e: e.order)
    assert (done.by, reopen.by) == ("zhang", "li")  # "li" < "zhang": not ordered by name
    assert done.at.replace(microsecond=0) <= reopen.at
    shown = gwr.ok("list", "--format", "json", "--as-of", "2021-06-01")
    import json

    row = next(r for r in json.loads(shown.stdout) if r["id"] == "school-no16")
    assert row["status"] == "in-progress"


# --- cache rows -------------------------------------------------------------------------


def test_cached_registry_equals_a_fresh_load_record_for_record(tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "RACY_NS", 0)  # the copy was just written: trust it
    registry = copy_registry(tmp_path / "reg")
    fresh = load_registry(registry)
    load_registry(registry, tmp_path / "cache")  # fills the cache
    cached = load_registry(registry, tmp_path / "cache")
    assert next((tmp_path / "cache").glob("registry-*.marshal"))
    assert cached.report == fresh.report
    assert cached.areas == fresh.areas
    assert cached.tasks == fresh.tasks
    assert cached.indicators == fresh.indicators
    assert cached.tolerance == fresh.tolerance
    # A title that is its source word for word is stored (and loaded) as one string.
    same = [t for t in cached.tasks if t.title == t.source]
    assert same and all(t.title is t.source for t in same)


def test_cached_ledger_equals_a_fresh_read_for_whole_events(ledger_dir, tmp_path):
    cache_dir = tmp_path / "cache"
    first = append_event(
        ledger_dir,
        "tester",
        lambda ledger: make_event(action="progress", value=3.5, problems="资金", next="招标"),
        cache_dir=cache_dir,
        task="school-no16",
    )
    append_event(
        ledger_dir,
        "tester",
        lambda ledger: make_event(action="undo", cancels=first.id, unit="区住建局"),
        cache_dir=cache_dir,
        task="school-no16",
    )
    fresh = read_ledger(ledger_dir).events
    assert read_ledger(ledger_dir, cache_dir).events == fresh  # indexed by the writer
    assert read_ledger(ledger_dir, cache_dir).events == fresh  # loaded from the cache
    assert fresh[1].cancels == first.id and fresh[0].next == "招标"


class _Widened(NamedTuple):
    """A record type like Event with one more optional field, as a later change adds."""

    id: str
    on: dt.date
    at: dt.datetime
    value: float | None = None
    tags: tuple[str, ...] = ()
    reviewer: str = ""


class _Narrow(NamedTuple):
    id: str
    on: dt.date
    at: dt.datetime
    value: float | None = None
    tags: tuple[str, ...] = ()


def test_an_added_optional_field_round_trips_through_the_cache_with_no_other_change(tmp_path):
    codec = cache.RowCodec(_Widened)
    record = _Widened("a", dt.date(2021, 5, 9), now_utc(), 2.5, ("x",), reviewer="王")
    cache.store(tmp_path / "entry", [codec.to_row(record)], codec.fingerprint)
    [row] = cache.load(tmp_path / "entry", codec.fingerprint)
    assert codec.from_row(row) == record
    # rows of the type before the field was added are never read as the new type
    assert cache.RowCodec(_Narrow).fingerprint != codec.fingerprint
    assert cache.load(tmp_path / "entry", cache.RowCodec(_Narrow).fingerprint) is None


def test_every_event_field_is_in_the_cache_rows():
    from gwr_cli.ledger_index import ROWS

    event = make_event(value=1.0, **{name: name for name in OPTIONAL_TEXT}, line=3, seq=2)
    assert ROWS.fields == Event._fields
    assert ROWS.from_row(ROWS.to_row(event)) == event


def test_rows_from_columns_equal_a_row_per_record():
    """The cold read encodes the index rows a column at a time (issue 15): the
    same rows as to_row, dates, offsets, None, interned names and tuples alike."""
    from gwr_cli.ledger_index import ROWS

    plus8 = dt.timezone(dt.timedelta(hours=8))
    events = [
        make_event(value=1.0, **{name: name for name in OPTIONAL_TEXT}, line=3, seq=2),
        make_event(on=dt.date(2021, 5, 9), at=dt.datetime(2021, 5, 9, 2, 15, 30, 5, plus8)),
        make_event(on=dt.date(2021, 5, 9), at=now_utc(), value=None),
    ]
    columns = [list(column) for column in zip(*events, strict=True)]
    assert ROWS.rows_from_columns(columns) == [ROWS.to_row(e) for e in events]
    codec = cache.RowCodec(_Widened)
    records = [
        _Widened("a", dt.date(2021, 5, 9), now_utc(), 2.5, ("x",), reviewer="王"),
        _Widened("b", dt.date(2021, 5, 9), now_utc(), None, (), reviewer=""),
    ]
    columns = [list(column) for column in zip(*records, strict=True)]
    assert codec.rows_from_columns(columns) == [codec.to_row(r) for r in records]


def test_recording_times_are_stored_as_what_marshal_keeps_and_read_back_equal(tmp_path):
    """A UTC recording time is stored as its 10-byte state (formatting 100,000
    of them was half of encoding a cold read's rows, issue 15), any other
    offset or a naive time as ISO text; each reads back equal, with the
    offset, and a row of the text form (an older cache) reads the same."""
    from gwr_cli.ledger_index import ROWS

    at_index = Event._fields.index("at")
    plus8 = dt.timezone(dt.timedelta(hours=8))
    times = [
        dt.datetime(2021, 5, 9, 2, 15, 30, 123456, dt.UTC),
        dt.datetime(2021, 5, 9, 2, 15, 30, tzinfo=dt.timezone(dt.timedelta(0))),
        dt.datetime(2099, 12, 31, 23, 59, 59, 999999, dt.UTC),
        dt.datetime(1, 1, 1, tzinfo=dt.UTC),
        dt.datetime(2021, 11, 7, 1, 30, fold=1, tzinfo=dt.UTC),
        dt.datetime(2021, 5, 9, 10, 15, 30, 5, plus8),
        now_utc(),
    ]
    events = [make_event(at=at) for at in times]
    rows = [ROWS.to_row(e) for e in events]
    assert [type(row[at_index]) for row in rows] == [bytes] * 5 + [str, bytes]
    cache.store(tmp_path / "rows", rows, ROWS.fingerprint)
    back = ROWS.from_rows(cache.load(tmp_path / "rows", ROWS.fingerprint))
    assert back == events
    assert [e.at.utcoffset() for e in back] == [at.utcoffset() for at in times]
    assert back[4].at.fold == 1
    as_text = [(*row[:at_index], e.at.isoformat(), *row[at_index + 1 :]) for row, e in
               zip(rows, events, strict=True)]  # fmt: skip
    assert ROWS.from_rows(as_text) == events
    # the whole column at once gives the same rows, UTC only or mixed
    for chosen in (events[:5], events):
        columns = [list(column) for column in zip(*chosen, strict=True)]
        assert ROWS.rows_from_columns(columns) == [ROWS.to_row(e) for e in chosen]


def test_a_rebuilt_index_holds_the_rows_of_the_events_it_parsed(ledger_dir, tmp_path):
    """Rebuilt from columns, grouped by shard with one sort: each shard's rows
    are its events' to_row, in file order, and read back as the same events."""
    from gwr_cli.ledger import ledger_files
    from gwr_cli.ledger_index import ROWS, SHARDS, LedgerIndex, shard_of

    for day, task in enumerate(["school-no16", "sewer-pipes-50km", "mall-haiyin"] * 4, 1):
        append_event(ledger_dir, f"p{day % 3}", lambda ledger, t=task, d=day: make_event(
            t, on=dt.date(2021, 5, d), at=now_utc()))  # fmt: skip
    index = LedgerIndex(ledger_dir, tmp_path / "cache", ledger_files)
    index.tokens()
    parsed = index._parsed
    assert parsed is not None and len(parsed) == 12
    for shard in range(SHARDS):
        mine = [e for e in parsed if shard_of(e.task) == shard]
        assert index.shard_events(shard) == mine
        assert index._loaded[shard] == [ROWS.to_row(e) for e in mine]
    again = LedgerIndex(ledger_dir, tmp_path / "cache", ledger_files)
    assert sorted(again.events(), key=lambda e: (e.file, e.seq)) == sorted(
        parsed, key=lambda e: (e.file, e.seq)
    )


# --- a cache that cannot lie -----------------------------------------------------------


def _answers(gwr):
    return [
        gwr.ok("list", "--format", "json", "--as-of", "2021-12-01").stdout,
        gwr.ok("show", "sewer").stdout,
    ]


def test_corrupted_cache_entries_are_rebuilt_never_trusted(gwr, isolated_home):
    gwr.ok("progress", "sewer", "36", "--on", "2021-05-01")
    gwr.ok("note", "school-no16", "开工", "--on", "2021-05-02")
    cache_dir = isolated_home / "cache"
    entries = sorted(p for p in cache_dir.rglob("*.marshal"))
    assert entries, "the commands filled the cache"
    shutil.copytree(cache_dir, isolated_home / "pristine")
    no_cache = isolated_home / "no-cache"
    expected = _answers(gwr)
    shutil.rmtree(cache_dir)
    assert _answers(gwr) == expected  # the cache-less run
    for entry in entries:
        for position in (0.3, 0.6, 0.95):
            shutil.rmtree(cache_dir)
            shutil.copytree(isolated_home / "pristine", cache_dir)
            data = bytearray(entry.read_bytes())
            index = min(len(data) - 1, int(len(data) * position))
            data[index] ^= 0x5A
            entry.write_bytes(bytes(data))
            assert _answers(gwr) == expected, (entry.name, position)
    assert not no_cache.exists()


def test_a_cache_written_by_another_python_is_ignored(tmp_path):
    path = tmp_path / "entry"
    cache.store(path, [1, 2, 3], "f")
    data = path.read_bytes().replace(b" py3.", b" py2.", 1)
    path.write_bytes(data)
    assert cache.load(path, "f") is None


def test_a_touched_or_recopied_file_with_the_same_bytes_is_not_parsed_again(
    ledger_dir, tmp_path, monkeypatch
):
    import os

    from gwr_cli import events

    cache_dir = tmp_path / "cache"
    for task in ("school-no16", "sewer-pipes-50km"):
        append_event(
            ledger_dir, "tester", lambda ledger, t=task: make_event(t), cache_dir=cache_dir
        )
    expected = read_ledger(ledger_dir, cache_dir).events
    parses = []
    real = events.loads_toml
    monkeypatch.setattr(events, "loads_toml", lambda text: parses.append(1) or real(text))
    path = author_file(ledger_dir, "tester")
    os.utime(path, ns=(1, 1))  # touched
    assert read_ledger(ledger_dir, cache_dir).events == expected
    copy = path.with_name("copy.tmp")
    shutil.copyfile(path, copy)
    os.replace(copy, path)  # replaced by an identical copy: a new inode and time
    assert read_ledger(ledger_dir, cache_dir).events == expected
    assert parses == []


# --- the TOML parser ------------------------------------------------------------------

_CORPUS = {
    "dates": "d = 2021-05-09\nt = 10:15:30.5\nl = 2021-05-09T02:15:30\n",
    "offsets": "a = 2021-05-09T02:15:30.123456+08:00\nb = 2021-05-09 02:15:30Z\n"
    "c = 1979-05-27T00:32:00.999999-07:00\n",
    "crlf": 'schema = 1\r\n\r\n[[events]]\r\nnote = """\r\n第一行\r\n第二行"""\r\nid = "x"\r\n',
    "numbers": "a = 9223372036854775807\nb = -9223372036854775808\nc = 9223372036854775808\n"
    "d = 1e400\ne = inf\nf = -inf\ng = 0x7fffffff\nh = 1_000.5e-3\ni = 5e-324\nj = -0.0\n",
    "strings": "a = 'C:\\\\x'\nb = \"\\u4e2d\\t\\\"\"\nc = '''\nraw\\n'''\nd = \"天气☁️延误\"\n",
    "tables": 'x = {a = 1, b = [1, 2]}\n[[events]]\nid = "1"\n[[events]]\nid = "2"\n',
    "invalid": "a = 1\na = 2\n",
    "invalid-table": "a = 1\n[a]\n",
    # TOML 1.1, which tomllib refuses: rtoml and tomli accepted every one
    "toml11-no-seconds": "at = 2021-05-09T02:15\n",
    "toml11-time-no-seconds": "t = 02:15\n",
    "toml11-escape-e": 'a = "\\e"\n',
    "toml11-escape-x": 'a = "\\x41"\n',
    "toml11-inline-newline": "a = {b = 1,\n c = 2}\n",
    "toml11-inline-trailing-comma": "a = {b = 1,}\n",
}


def _same(left, right) -> bool:
    if isinstance(left, float) and isinstance(right, float) and left != left:
        return right != right
    return (
        type(left) is type(right) and left == right
        if not isinstance(left, dict)
        else (left.keys() == right.keys() and all(_same(left[k], right[k]) for k in left))
    )


def _use_parser(monkeypatch, parser: str) -> None:
    """Make loads_toml use `parser` ("toml_rs", as toml_read calls it) or tomllib alone."""
    from gwr_cli import toml_read

    monkeypatch.setattr(toml_read, "_fast_loads", None if parser != "tomllib" else False)
    if parser != "tomllib":
        pytest.importorskip(parser)
        assert toml_read._fast_parser()


@pytest.mark.parametrize("parser", ["toml_rs", "tomllib"])
@pytest.mark.parametrize("name", sorted(_CORPUS))
def test_every_parser_gives_tomllib_s_results(monkeypatch, parser, name):
    from gwr_cli import toml_read

    _use_parser(monkeypatch, parser)
    text = _CORPUS[name]
    try:
        expected = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        with pytest.raises(tomllib.TOMLDecodeError) as raised:
            toml_read.loads_toml(text)
        assert str(raised.value) == str(error)  # tomllib words every error
        return
    result = toml_read.loads_toml(text)
    assert _same(result, expected)
    if "d" in expected and isinstance(expected["d"], dt.date):
        assert type(result["d"]) is dt.date


def test_every_parser_reads_a_ledger_written_by_gwr_the_same(tmp_path, monkeypatch):
    from gwr_cli import toml_read

    data = b"".join(
        render_event(make_event(value=i * 1.5, note=f"第{i}批\n", at=now_utc()), new_file=i == 0)
        for i in range(50)
    )
    monkeypatch.setattr(toml_read, "_fast_loads", False)
    expected = parse_ledger_file(tmp_path / "x.toml", data)
    _use_parser(monkeypatch, "toml_rs")
    got = parse_ledger_file(tmp_path / "x.toml", data)
    assert got == expected
    # the same types too: the fast parser's date-times carry the standard timezone
    assert [tuple(map(type, e)) for e in got] == [tuple(map(type, e)) for e in expected]
    assert {type(e.at.tzinfo) for e in got} == {dt.timezone}


@pytest.mark.parametrize("parser", ["toml_rs", "tomllib"])
def test_a_ledger_line_in_toml_1_1_is_refused_with_its_file_and_line(tmp_path, monkeypatch, parser):
    """A time without seconds is TOML 1.1, which tomllib refuses: the fast
    parser (rtoml, tomli before) read it, and gwr took the event."""
    _use_parser(monkeypatch, parser)
    text = render_event(make_event(at=now_utc()), new_file=True).decode() + (
        "\n[[events]]\nid = 'e2'\ntask = 'sewer-pipes-50km'\naction = 'start'\n"
        "on = 2021-05-09\nat = 2021-05-09T02:15\nby = 'tester'\n"
    )
    path = tmp_path / "x.toml"
    with pytest.raises(LedgerError) as raised:
        parse_ledger_file(path, text.encode())
    assert raised.value.key == "ledger.toml" and raised.value.params["path"] == path
    line = text.splitlines().index("at = 2021-05-09T02:15") + 1
    assert f"line {line}," in str(raised.value.params["problem"])


_ASSIGNMENTS = Path(__file__).parent / "data" / "assignments.toml"


def test_every_parser_reads_the_registry_and_the_assignments_the_same(monkeypatch):
    """The 分工 file (inline tables, dates, percents, names) and the registry
    are parsed by the fast parser too: its results must be tomllib's."""
    from gwr_cli import toml_read
    from gwr_cli.registry_load import load_registry

    _use_parser(monkeypatch, "toml_rs")
    for path in (SHIPPED_REGISTRY, _ASSIGNMENTS):
        text = path.read_text(encoding="utf-8")
        assert _same(toml_read.loads_toml(text), tomllib.loads(text)), path
    from gwr_cli.assignments import load_assignments

    fast = load_assignments(_ASSIGNMENTS, load_registry(SHIPPED_REGISTRY), "en")
    monkeypatch.setattr(toml_read, "_fast_loads", False)
    slow = load_assignments(_ASSIGNMENTS, load_registry(SHIPPED_REGISTRY), "en")
    assert list(fast) == list(slow) and len(fast) == 6


def test_every_large_toml_file_read_without_the_cache_goes_through_loads_toml(
    tmp_path, monkeypatch
):
    """The ledger, the registry and the 分工 file: one parser function, so that a
    compiled parser speeds up every cold read (issue 15), tomllib the fallback."""
    from gwr_cli import toml_read
    from gwr_cli.assignments import load_assignments

    pytest.importorskip("toml_rs")
    parsed = []
    real = toml_read._fast_parser()
    monkeypatch.setattr(toml_read, "_fast_loads", lambda text: parsed.append(text) or real(text))
    registry_path = copy_registry(tmp_path / "reg")
    registry = load_registry(registry_path, tmp_path / "cache")
    assert parsed == [registry_path.read_text(encoding="utf-8")]
    load_assignments(_ASSIGNMENTS, registry, "en", tmp_path / "cache")
    assert parsed[1:] == [_ASSIGNMENTS.read_text(encoding="utf-8")]
    data = render_event(stored_event(), new_file=True)
    parse_ledger_file(tmp_path / "x.toml", data)
    assert parsed[2:] == [data.decode("utf-8")]


def test_every_registry_field_is_in_the_cache_rows(tmp_path):
    """Whatever fields Task, Report, Area and Indicator gain, the rows keep them all."""
    from gwr_cli.registry import Area, Chapter, Indicator, Report, Task
    from gwr_cli.registry_load import _codecs

    def filled(kind):
        values = {}
        for name, default in kind._field_defaults.items():
            values[name] = default
        samples = {
            "str": "值",
            "int": 7,
            "date": dt.date(2021, 6, 30),
            "float": 2.5,
        }
        hints = field_types(kind)
        for name in kind._fields:
            hint = str(hints[name])
            if "Chapter" in hint:
                values[name] = (Chapter(1, "一", "One"),)
            elif "tuple" in hint:
                values[name] = ("甲", "乙")
            elif "Path" in hint:
                values[name] = tmp_path / "report.txt"
            elif "date" in hint:
                values[name] = samples["date"]
            elif "float" in hint:
                values[name] = samples["float"]
            elif "int" in hint:
                values[name] = samples["int"]
            else:
                values[name] = f"{name}-{samples['str']}"
        return kind(**values)

    rows = _codecs()
    for kind in (Report, Area, Task, Indicator):
        record = filled(kind)
        assert rows[kind.__name__].from_row(rows[kind.__name__].to_row(record)) == record
        assert all(value not in (None, "", ()) for value in record)


def test_storage_messages_exist_in_both_languages_and_every_used_key_is_there():
    import re as regex

    from gwr_cli.messages import STORAGE_TEXT

    assert STORAGE_TEXT["zh"].keys() == STORAGE_TEXT["en"].keys()
    used = set()
    for name in ("events.py", "ledger.py", "journal.py", "ledger_index.py", "cache.py"):
        text = (SRC / name).read_text(encoding="utf-8")
        for key in regex.findall(r'storage_error\(\w+, f?"([\w.{}]+)"', text):
            used.add(key.replace("{problem}", "inline"))  # the one unsafe shape
    assert used and used <= STORAGE_TEXT["en"].keys()
    assert used == set(STORAGE_TEXT["en"])  # no unused key
    for text in STORAGE_TEXT["zh"].values():
        assert not regex.search(r"[\u4e00-\u9fff][,:;()]|[,:;()][\u4e00-\u9fff]", text), text


def test_a_few_rows_decode_as_the_generated_code_decodes_them():
    """A handful of rows is decoded field by field without compiling the
    generated code (issue 15: compiling it cost ~0.4 ms a record type on every
    start-up); both give the same records, dates, offsets, None and tuples,
    and both refuse a row of another shape."""
    from gwr_cli.ledger_index import ROWS
    from gwr_cli.registry import Task

    plus8 = dt.timezone(dt.timedelta(hours=8))
    events = [
        make_event(value=1.0, **{name: name for name in OPTIONAL_TEXT}, line=3, seq=2),
        make_event(on=dt.date(2021, 5, 9), at=dt.datetime(2021, 5, 9, 2, 15, 30, 5, plus8)),
        make_event(on=dt.date(2021, 5, 9), at=now_utc(), value=None),
    ]
    tasks = [
        Task("t-1", "建成", "Build", "area", 1, dt.date(2021, 12, 31), "建成", tags=("a", "b")),
        Task("t-2", "完成", "Do", "area", 2, dt.date(2021, 6, 30), "完成", 5.0,
             start=dt.date(2021, 3, 1)),
    ]  # fmt: skip
    codecs = [(ROWS, events), (cache.RowCodec(Task), tasks), (cache.RowCodec(_Widened), [
        _Widened("a", dt.date(2021, 5, 9), now_utc(), 2.5, ("x",), reviewer="王"),
        _Widened("b", dt.date(2021, 5, 9), now_utc(), None, (), reviewer=""),
    ])]  # fmt: skip
    for codec, records in codecs:
        rows = [codec.to_row(r) for r in records]
        assert [codec._from_row(row) for row in rows] == records
        assert codec._compiled_from_rows(rows) == records == codec.from_rows(rows)
        many = rows * 30  # over _FEW_ROWS: the generated code
        assert codec.from_rows(many) == records * 30
        for broken in (rows[0][:-1], (*rows[0], "extra"), 5):
            for decode in (codec._from_row, lambda row, c=codec: c._compiled_from_rows([row])):
                with pytest.raises((ValueError, TypeError)):
                    decode(broken)


# --- a source file changed without a visible change of size or time ---------------


def _rewrite_in_place(path: Path, old: bytes, new: bytes, after: bytes = b"") -> None:
    """An edit of the same size written into the file itself (no new inode):
    the first `old` after `after`."""
    data = path.read_bytes()
    assert len(old) == len(new) and old in data
    with path.open("r+b") as handle:
        handle.seek(data.index(old, data.index(after)))
        handle.write(new)


def _sewer(gwr) -> dict:
    import json

    rows = json.loads(gwr.ok("list", "--format", "json").stdout)
    return next(row for row in rows if row["id"] == "sewer-pipes-50km")


def test_an_edit_of_the_same_size_with_its_time_set_back_is_seen(gwr, ledger_dir, monkeypatch):
    """`touch -r` or `cp -p` sets a file's modification time back, never its
    status-change time, which the caches compare too (cache.identity)."""
    import os

    monkeypatch.setattr(cache, "RACY_NS", 0)  # only the time set back is in question here
    gwr.ok("progress", "sewer-pipes-50km", "30", "--on", "2021-05-01")
    assert _sewer(gwr)["status"] == "in-progress"  # the caches are warm
    path = next(ledger_dir.glob("tester.*.toml"))
    before = path.stat()
    _rewrite_in_place(path, b"value = 30", b"value = 50")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert _sewer(gwr)["status"] == "done"


def test_a_file_written_again_within_its_clock_tick_is_read_again(gwr, ledger_dir, monkeypatch):
    """On a file system whose times are whole seconds (or two, FAT), a second
    write within the tick shows the same size and times. A file written that
    recently is kept with an identity no file has (cache.identity_to_keep), so
    the next read compares its bytes. Here the file system's clock is made so
    coarse that every write falls in one tick."""
    real = cache.identity

    def coarse(stat):
        ino, size, mtime, ctime = real(stat)
        return (ino, size, mtime // 10**15, ctime // 10**15)

    monkeypatch.setattr(cache, "identity", coarse)
    gwr.ok("progress", "sewer-pipes-50km", "31", "--on", "2021-05-01")
    assert _sewer(gwr)["value"] == 31
    path = next(ledger_dir.glob("tester.*.toml"))
    _rewrite_in_place(path, b"value = 31", b"value = 50")
    assert cache.identity(path.stat())[1:] == coarse(path.stat())[1:]  # nothing shows
    assert _sewer(gwr)["status"] == "done"


def test_identity_to_keep_trusts_only_a_file_unchanged_for_a_while():
    import os
    import time

    now = time.time_ns()

    def stat_at(mtime: int, ctime: int) -> os.stat_result:
        fields = (0o100644, 7, 1, 1, 0, 0, 42, 0, 0, 0, 0, 0, 0)  # mode … times in seconds
        return os.stat_result((*fields, mtime, mtime, ctime))  # atime, mtime, ctime in ns

    old = stat_at(now - 60 * 10**9, now - 60 * 10**9)
    assert cache.identity_to_keep(old) == cache.identity(old) == (7, 42, old.st_mtime_ns,
                                                                   old.st_ctime_ns)  # fmt: skip
    # Changed a second ago; written just now with an old time set back; written
    # just now with a time in the future (`tar x`, `touch -d`): none trusted.
    hour = 3600 * 10**9
    changed = [stat_at(now - 10**9, now - 60 * 10**9), stat_at(now - hour, now),
               stat_at(now + hour, now)]  # fmt: skip
    for recent in changed:
        kept = cache.identity_to_keep(recent)
        assert kept != cache.identity(recent) and kept[:2] == (7, 42)


def test_the_registry_and_the_assignments_edited_with_their_times_set_back_are_seen(
    gwr, tmp_path, isolated_home, monkeypatch
):
    """The same for the registry (its cached validation) and the 分工 file."""
    import json
    import os

    monkeypatch.setattr(cache, "RACY_NS", 0)  # only the times set back are in question
    registry = copy_registry(tmp_path / "reg")
    isolated_home.mkdir(parents=True, exist_ok=True)
    assignments = isolated_home / "assignments.toml"
    shutil.copy(Path(__file__).parent / "data" / "assignments.toml", assignments)
    on = ["--registry", str(registry)]

    def set_back(path: Path, old: bytes, new: bytes, after: bytes = b"") -> None:
        before = path.stat()
        _rewrite_in_place(path, old, new, after)
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))

    def deadline() -> str:
        rows = json.loads(gwr.ok(*on, "list", "--format", "json").stdout)
        return next(row["deadline"] for row in rows if row["id"] == "sewer-pipes-50km")

    def leaders() -> list[str]:
        shown = json.loads(gwr.ok(*on, "status", "--by", "leader", "--format", "json").stdout)
        return sorted(group["key"] for group in shown["groups"])

    first, named = deadline(), leaders()  # both caches warm
    assert first == "2021-12-31"
    sewer = b'id = "sewer-pipes-50km"'
    set_back(registry, b"deadline = 2021-12-31", b"deadline = 2021-12-30", after=sewer)
    assert deadline() == "2021-12-30"
    set_back(assignments, "区领导乙".encode(), "区领导丁".encode())
    assert "区领导丁" in leaders() and "区领导丁" not in named
