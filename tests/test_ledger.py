"""The ledger: append, merge authors, undo, broken files, interrupted writes."""

from __future__ import annotations

import datetime as dt
import os
import time
import tomllib
from pathlib import Path

import pytest

from conftest import stored_event
from gwr_cli.errors import LedgerError
from gwr_cli.journal import journal_path
from gwr_cli.ledger import (
    Event,
    append_event,
    author_file,
    journal_bytes,
    read_ledger,
    recover_interrupted_writes,
    render_event,
)
from gwr_cli.messages import Quoted


def make_event(task: str = "school-no16", action: str = "done", by: str = "tester", **fields):
    return stored_event(task, action, by, **fields)


def append(ledger_dir: Path, event: Event) -> Event:
    return append_event(ledger_dir, event.by, lambda ledger: event)


def test_empty_or_missing_ledger_reads_as_no_events(ledger_dir):
    assert read_ledger(ledger_dir).events == ()
    assert not ledger_dir.exists()  # reading creates nothing


def test_append_then_read_back_every_field(ledger_dir):
    written = append(
        ledger_dir,
        make_event(
            action="progress", task="sewer-pipes-50km", value=24.5, note="第二批 [red]x[/red]"
        ),
    )
    [read] = read_ledger(ledger_dir).events
    assert (read.id, read.task, read.action, read.value, read.note, read.on, read.at, read.by) == (
        written.id,
        written.task,
        written.action,
        24.5,
        written.note,
        written.on,
        written.at,
        "tester",
    )


def test_file_is_plain_toml_with_the_documented_keys(ledger_dir):
    append(ledger_dir, make_event(action="progress", task="sewer-pipes-50km", value=18))
    document = tomllib.loads((author_file(ledger_dir, "tester")).read_text(encoding="utf-8"))
    assert document["schema"] == 1
    [record] = document["events"]
    assert set(record) == {"id", "task", "action", "value", "on", "at", "by"}
    assert record["value"] == 18 and isinstance(record["value"], int)
    assert isinstance(record["on"], dt.date) and isinstance(record["at"], dt.datetime)


def test_appends_only_add_bytes(ledger_dir):
    append(ledger_dir, make_event())
    before = (author_file(ledger_dir, "tester")).read_bytes()
    append(ledger_dir, make_event(action="note", note="again"))
    after = (author_file(ledger_dir, "tester")).read_bytes()
    assert after.startswith(before) and len(after) > len(before)


def test_two_authors_write_two_files_and_readers_merge_them(ledger_dir):
    append(ledger_dir, make_event(by="zhang"))
    append(ledger_dir, make_event(by="li", task="school-changsha", action="start"))
    clone = (ledger_dir / ".gwr-clone").read_text().strip()
    names = sorted(p.name for p in ledger_dir.glob("*.toml"))
    assert names == [f"li.{clone}.toml", f"zhang.{clone}.toml"]
    assert {e.by for e in read_ledger(ledger_dir).events} == {"zhang", "li"}


def test_a_hand_written_file_from_another_author_is_read(ledger_dir):
    ledger_dir.mkdir(parents=True)
    (ledger_dir / "wang.toml").write_text(
        '[[events]]\nid = "w1"\ntask = "school-no16"\naction = "start"\n'
        'on = 2021-03-01\nat = 2021-03-01T09:00:00\nby = "wang"\n',
        encoding="utf-8",
    )
    [event] = read_ledger(ledger_dir).events
    assert event.at.tzinfo is not None  # a missing offset is read as UTC
    append(ledger_dir, make_event(by="wang"))  # and gwr appends to it cleanly
    assert len(read_ledger(ledger_dir).events) == 2


def test_a_file_without_final_newline_gets_one_before_the_append(ledger_dir):
    ledger_dir.mkdir(parents=True)
    path = ledger_dir / "wang.toml"
    path.write_text(
        '[[events]]\nid = "w1"\ntask = "x"\naction = "start"\n'
        'on = 2021-03-01\nat = 2021-03-01T09:00:00Z\nby = "wang"',
        encoding="utf-8",
    )
    append(ledger_dir, make_event(by="wang"))
    assert len(read_ledger(ledger_dir).events) == 2


def test_build_sees_the_ledger_and_may_refuse_without_writing(ledger_dir):
    append(ledger_dir, make_event())
    before = (author_file(ledger_dir, "tester")).read_bytes()

    def refuse(ledger):
        assert len(ledger.events) == 1
        raise LedgerError("no")

    with pytest.raises(LedgerError):
        append_event(ledger_dir, "tester", refuse)
    assert (author_file(ledger_dir, "tester")).read_bytes() == before


def test_lock_and_journal_names_are_git_ignored(ledger_dir):
    append(ledger_dir, make_event())
    ignored = (ledger_dir / ".gitignore").read_text().split()
    assert ".gwr.lock" in ignored and ".*.journal" in ignored


BROKEN_FILES = [
    ("invalid TOML", b'[[events]]\nid = "a\n', "not valid TOML"),
    (
        "wrong schema",
        b'[[events]]\nid = "a"\ntask = "x"\naction = "fly"\n'
        b'on = 2021-01-01\nat = 2021-01-01T00:00:00Z\nby = "b"\n',
        "unknown action 'fly'",
    ),
    (
        "missing key",
        b'[[events]]\nid = "a"\ntask = "x"\naction = "done"\nby = "b"\nat = 2021-01-01T00:00:00Z\n',
        "needs 'on' as a date",
    ),
    ("empty", b"", "the file is empty"),
    ("BOM", b"\xef\xbb\xbf[[events]]\n", "byte-order mark"),
    ("not UTF-8", b'[[events]]\nid = "\xff"\n', "not valid UTF-8"),
    (
        "progress without value",
        b'[[events]]\nid = "a"\ntask = "x"\naction = "progress"\n'
        b'on = 2021-01-01\nat = 2021-01-01T00:00:00Z\nby = "b"\n',
        "without a 'value'",
    ),
    ("future schema", b"schema = 7\n", "ledger schema 7"),
]


@pytest.mark.parametrize(
    ("content", "expected"), [pytest.param(c, e, id=n) for n, c, e in BROKEN_FILES]
)
def test_a_broken_file_is_reported_with_file_and_left_unchanged(ledger_dir, content, expected):
    ledger_dir.mkdir(parents=True)
    path = ledger_dir / "zhao.toml"
    path.write_bytes(content)
    with pytest.raises(LedgerError) as caught:
        read_ledger(ledger_dir)
    assert expected in str(caught.value)
    assert str(path) in str(caught.value)
    with pytest.raises(LedgerError):
        append(ledger_dir, make_event())  # writers refuse too
    assert path.read_bytes() == content


def test_schema_error_names_the_line_of_the_event(ledger_dir):
    ledger_dir.mkdir(parents=True)
    good = render_event(make_event(by="zhao"), new_file=True)
    bad = (
        b'\n[[events]]\nid = "b"\ntask = "x"\naction = "fly"\non = 2021-01-01\n'
        b'at = 2021-01-01T00:00:00Z\nby = "zhao"\n'
    )
    (ledger_dir / "zhao.toml").write_bytes(good + bad)
    line = (good + bad).decode().splitlines().index("[[events]]", 5) + 1
    with pytest.raises(LedgerError, match=rf"zhao\.toml:{line}: event 'b' has unknown action"):
        read_ledger(ledger_dir)


def test_duplicate_event_ids_across_files_are_reported(ledger_dir):
    append(ledger_dir, make_event(id="same", by="zhang"))
    append_event(ledger_dir, "li", lambda ledger: make_event(id="other", by="li"))
    path = author_file(ledger_dir, "li")
    path.write_bytes(path.read_bytes().replace(b'"other"', b'"same"'))
    with pytest.raises(LedgerError, match="duplicate event id 'same'"):
        read_ledger(ledger_dir)


# --- interrupted writes -------------------------------------------------------


def _simulate_crash(ledger_dir: Path, written_fraction: float) -> tuple[bytes, bytes]:
    """Leave the state a writer killed mid-append leaves: journal + partial bytes."""
    append(ledger_dir, make_event())
    path = author_file(ledger_dir, "tester")
    before = path.read_bytes()
    payload = render_event(make_event(action="note", note="crash"), new_file=False)
    (journal_path(author_file(ledger_dir, "tester"))).write_bytes(
        journal_bytes(len(before), payload)
    )
    path.write_bytes(before + payload[: int(len(payload) * written_fraction)])
    return before, payload


@pytest.mark.parametrize("fraction", [0.0, 0.3, 0.99])
def test_partial_append_is_invisible_to_readers_and_cut_by_the_next_writer(ledger_dir, fraction):
    before, _ = _simulate_crash(ledger_dir, fraction)
    assert len(read_ledger(ledger_dir).events) == 1
    append(ledger_dir, make_event(action="note", note="next"))
    events = read_ledger(ledger_dir).events
    assert [e.note for e in events] == ["", "next"]
    assert (author_file(ledger_dir, "tester")).read_bytes().startswith(before)
    assert not (journal_path(author_file(ledger_dir, "tester"))).exists()


def test_complete_append_with_leftover_journal_is_kept(ledger_dir):
    _simulate_crash(ledger_dir, 1.0)
    assert [e.note for e in read_ledger(ledger_dir).events] == ["", "crash"]
    append(ledger_dir, make_event(action="note", note="next"))
    assert [e.note for e in read_ledger(ledger_dir).events] == ["", "crash", "next"]


def test_torn_journal_is_ignored_and_removed(ledger_dir):
    append(ledger_dir, make_event())
    journal = journal_path(author_file(ledger_dir, "tester"))
    journal.write_bytes(b"gwr-journal 1 12 abc")
    assert len(read_ledger(ledger_dir).events) == 1
    recover_interrupted_writes(ledger_dir)
    assert not journal.exists()


def test_file_edited_after_a_crash_is_refused_not_truncated(ledger_dir):
    before, _ = _simulate_crash(ledger_dir, 0.5)
    path = author_file(ledger_dir, "tester")
    edited = before + b"\n# a human wrote here\n"
    path.write_bytes(edited)
    with pytest.raises(LedgerError, match="changed after an interrupted gwr write"):
        append(ledger_dir, make_event())
    assert path.read_bytes() == edited


def test_first_append_interrupted_before_the_file_existed(ledger_dir):
    ledger_dir.mkdir(parents=True)
    payload = render_event(make_event(), new_file=True)
    (journal_path(author_file(ledger_dir, "tester"))).write_bytes(journal_bytes(0, payload))
    (author_file(ledger_dir, "tester")).write_bytes(payload[:10])
    assert read_ledger(ledger_dir).events == ()
    append(ledger_dir, make_event(action="start"))
    assert [e.action for e in read_ledger(ledger_dir).events] == ["start"]


# --- the parse cache ----------------------------------------------------------------


def _fields(ledger):
    # Whole records: every field of Event, including cancels and those added later.
    return sorted(ledger.events)


def test_cached_reads_equal_fresh_parses_through_every_kind_of_change(ledger_dir, tmp_path):
    cache_dir = tmp_path / "cache"

    def same():
        assert _fields(read_ledger(ledger_dir, cache_dir)) == _fields(read_ledger(ledger_dir))

    for index, task in enumerate(["school-no16", "sewer-pipes-50km", "mall-haiyin"] * 3):
        by = ("zhang", "li")[index % 2]
        append_event(
            ledger_dir,
            by,
            lambda ledger, t=task, b=by, i=index: make_event(t, "note", b, note=f"n{i}"),
            cache_dir=cache_dir,
            task=task,
        )
        same()
    # another author's events arrive through git: appended to their file
    li = author_file(ledger_dir, "li")
    li.write_bytes(
        li.read_bytes() + render_event(make_event("school-no16", "start", "li"), new_file=False)
    )
    same()
    # a new author's file arrives
    (ledger_dir / "wang.toml").write_bytes(render_event(make_event(by="wang"), new_file=True))
    same()
    # a hand edit in the middle of a file
    zhang = author_file(ledger_dir, "zhang")
    zhang.write_bytes(zhang.read_bytes().replace(b'note = "n0"', b'note = "edited"'))
    same()
    assert any(e.note == "edited" for e in read_ledger(ledger_dir, cache_dir).events)
    # a file removed
    (ledger_dir / "wang.toml").unlink()
    same()
    # the cache deleted
    import shutil

    shutil.rmtree(cache_dir)
    same()


def test_scoped_reads_hold_every_event_of_the_task(ledger_dir, tmp_path):
    cache_dir = tmp_path / "cache"
    for task in ("school-no16", "sewer-pipes-50km", "mall-haiyin", "school-no16"):
        append_event(
            ledger_dir,
            "zhang",
            lambda ledger, t=task: make_event(t, "note"),
            cache_dir=cache_dir,
            task=task,
        )
    scoped = read_ledger(ledger_dir, cache_dir, ["school-no16"]).events
    assert [e.task for e in scoped if e.task == "school-no16"] == ["school-no16"] * 2


def test_a_repeated_id_arriving_from_outside_is_caught_with_the_cache(ledger_dir, tmp_path):
    cache_dir = tmp_path / "cache"
    append_event(
        ledger_dir,
        "zhang",
        lambda ledger: make_event(id="same"),
        cache_dir=cache_dir,
        task="school-no16",
    )
    read_ledger(ledger_dir, cache_dir)
    (ledger_dir / "li.toml").write_bytes(
        render_event(make_event(id="same", by="li"), new_file=True)
    )
    with pytest.raises(LedgerError, match="duplicate event id 'same'"):
        read_ledger(ledger_dir, cache_dir)


def test_header_lines_finds_headers_at_a_line_start_only():
    # Found with str.find since the cold-path pass (issue 15); the same lines
    # as the line-anchored rule: spaces or tabs before a header, never text.
    from gwr_cli.events import header_lines

    text = "[[events]]\na = 1\n  [[events]]\n\t[[events]]\nx [[events]]\n\r[[events]]\n[[events]]"
    assert header_lines(text, "events") == [1, 3, 4, 7]
    assert header_lines("", "events") == [] and header_lines("[[tasks]]", "events") == []
    assert header_lines("[[events]][[events]]\n[[events]]", "events") == [1, 2]


def test_header_lines_by_one_split_equal_the_line_by_line_search():
    """When every header starts its line (gwr's own files), the lines come from
    one split (issue 15, the cold read); any other text takes the search. Both
    give the lines the search gives, on every mix of headers and text."""
    import random

    from gwr_cli.events import header_lines

    def searched(text: str) -> list[int]:
        lines = []
        for number, line in enumerate(text.split("\n"), 1):
            if line.lstrip(" \t").startswith("[[events]]"):
                lines.append(number)
        return lines

    pieces = ["[[events]]", "\n", "a = 1", " ", "\t", "\r", "x", "[[events]]]", "第"]
    generator = random.Random(15)
    for _ in range(5000):
        text = "".join(generator.choice(pieces) for _ in range(generator.randint(0, 14)))
        assert header_lines(text, "events") == searched(text), repr(text)
    assert header_lines("schema = 1\n\n[[events]]\na = 1\n[[events]]\n", "events") == [3, 5]


def _per_record(path, text, document, first_line, first_seq):
    """The reference: each record checked (problem_with) and built (event_from) alone."""
    from gwr_cli import events as ev

    lines = [first_line - 1 + line for line in ev.header_lines(text, "events")]
    built = []
    for index, record in enumerate(document["events"]):
        line = lines[index] if index < len(lines) else 0
        problem = ev.problem_with(record)
        if problem:
            where = f"{path}:{line}" if line else str(path)
            event_id = Quoted(record.get("id")) if isinstance(record, dict) else ""
            raise LedgerError("ledger.bad_event", where=where, id=event_id, problem=problem)
        built.append(ev.event_from(record, str(path), line, first_seq + index))
    return built


_GOOD_RECORD = {
    "id": "e1", "task": "school-no16", "action": "progress", "value": 3,
    "on": dt.date(2021, 5, 9), "at": dt.datetime(2021, 5, 9, 8, 0, tzinfo=dt.UTC), "by": "li",
}  # fmt: skip
_CHANGES = [
    {}, {"value": 2.5}, {"value": -(2**63)}, {"value": 2**63 - 1}, {"value": 2**63},
    {"value": -(2**63) - 1}, {"value": float("inf")}, {"value": float("nan")}, {"value": True},
    {"value": "3"}, {"action": "note", "value": None, "note": "文字"}, {"action": "progress",
    "value": None}, {"action": "indicator", "value": None}, {"action": "indicator", "value": 7},
    {"action": "undo", "value": None, "cancels": "e0"}, {"action": "undo", "value": None},
    {"action": "undo", "value": None, "cancels": 3}, {"action": "fly"}, {"action": 3},
    {"action": ""}, {"id": ""}, {"id": None}, {"id": 5}, {"task": ["x"]}, {"by": None},
    {"on": dt.datetime(2021, 5, 9, 1, 0)}, {"on": "2021-05-09"}, {"on": None},
    {"at": dt.datetime(2021, 5, 9, 8, 0)}, {"at": dt.date(2021, 5, 9)}, {"at": None},
    {"at": dt.datetime(2021, 5, 9, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))},
    {"note": 5}, {"problems": ["a"]}, {"next": "下步"}, {"unit": "区水务局"}, {"unit": 1},
    {"colour": "red"}, {"cancels": ""},
]  # fmt: skip


@pytest.mark.parametrize("change", range(len(_CHANGES)))
@pytest.mark.parametrize("where", [0, 2])
@pytest.mark.parametrize("table_last", [False, True])
def test_checking_whole_columns_gives_the_per_record_answer(change, where, table_last):
    """events_from checks and builds whole columns (issue 15, the cold read):
    every record it accepts, the per-record check accepts, built the same;
    every record refused is refused with the same message, file and line."""
    from gwr_cli.events import events_from

    record = {**_GOOD_RECORD, **_CHANGES[change]}
    record = {key: value for key, value in record.items() if value is not None}
    records = [dict(_GOOD_RECORD, id=f"g{i}") for i in range(3)]
    records.insert(where, record)
    records.append({**_GOOD_RECORD, "id": "n", "action": "note", "note": "x"})
    if table_last:
        records.append("not a table")
    document = {"events": records}
    text = "schema = 1\n" + "\n[[events]]\nid = 'x'\n" * len(records)
    path = Path("/l/li.toml")
    try:
        expected = _per_record(path, text, document, 5, 10)
    except LedgerError as error:
        with pytest.raises(LedgerError) as raised:
            events_from(path, text, document, 5, 10)
        assert (raised.value.key, raised.value.params) == (error.key, error.params)
        return
    got = events_from(path, text, document, 5, 10)
    assert got == expected
    assert [tuple(map(type, e)) for e in got] == [tuple(map(type, e)) for e in expected]
    assert [e.line for e in got] == [7 + 3 * i for i in range(len(records))]


# --- the clone id (`ledger/.gwr-clone`): made as every gwr file is -------------------


def test_two_creators_of_the_clone_id_end_with_the_first_ones_id(ledger_dir, monkeypatch):
    # Another process makes `.gwr-clone` after this one found none and before it
    # puts its own in place: this one must take the other's id, not replace it
    # (a rename did, and the other then wrote under an id no longer on disk).
    import os

    from gwr_cli.ledger import clone_id

    ledger_dir.mkdir(parents=True)
    real_link = os.link

    def other_process_first(source, target, *args, **kwargs):
        Path(target).write_text("0123abcd\n", encoding="ascii")
        return real_link(source, target, *args, **kwargs)

    monkeypatch.setattr(os, "link", other_process_first)
    assert clone_id(ledger_dir) == "0123abcd"
    assert (ledger_dir / ".gwr-clone").read_text(encoding="ascii") == "0123abcd\n"
    assert [p.name for p in ledger_dir.iterdir()] == [".gwr-clone"]  # no temp file left


def test_processes_making_the_clone_id_at_once_all_use_one(ledger_dir, tmp_path):
    import subprocess
    import sys

    ledger_dir.mkdir(parents=True)
    go = tmp_path / "go"
    script = (
        "import os, sys, time\n"
        "from pathlib import Path\n"
        "from gwr_cli.ledger import clone_id\n"
        "while not os.path.exists(sys.argv[1]): time.sleep(0.001)\n"
        "print(clone_id(Path(sys.argv[2])))\n"
    )
    makers = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(go), str(ledger_dir)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    time.sleep(0.5)  # every process imported gwr and waits
    go.touch()
    ids = {maker.communicate(timeout=60)[0].strip() for maker in makers}
    assert ids == {(ledger_dir / ".gwr-clone").read_text(encoding="ascii").strip()}


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="names fds through /proc (Linux)")
def test_the_clone_id_and_gitignore_are_fsynced_before_use(ledger_dir, monkeypatch):
    import os

    from gwr_cli import durable

    synced_files, synced_dirs = [], []
    real_fsync = os.fsync

    def fsync(fd):
        synced_files.append(Path(os.readlink(f"/proc/self/fd/{fd}")).name)
        return real_fsync(fd)

    real_fsync_dir = durable.fsync_dir
    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(durable, "fsync_dir", lambda d: synced_dirs.append(d) or real_fsync_dir(d))
    append(ledger_dir, make_event())
    # Written beside their names and fsynced, then put in place and the folder fsynced.
    assert any(name.startswith("..gwr-clone.") for name in synced_files), synced_files
    assert any(name.startswith("..gitignore.") for name in synced_files), synced_files
    assert synced_dirs.count(ledger_dir) >= 2


def test_an_old_gitignore_gets_the_clone_line_and_keeps_its_own(ledger_dir):
    ledger_dir.mkdir(parents=True)
    (ledger_dir / ".gitignore").write_text("# mine\n*.bak", encoding="utf-8")
    append(ledger_dir, make_event())
    assert (ledger_dir / ".gitignore").read_text(encoding="utf-8") == "# mine\n*.bak\n.gwr-clone\n"


@pytest.mark.parametrize("content", [b"", b"garbage\n", b"\xff\xfe", b"0123ABCD\n"])
def test_a_broken_clone_id_is_reported_and_left_as_it_is(gwr, ledger_dir, content):
    ledger_dir.mkdir(parents=True)
    (ledger_dir / ".gwr-clone").write_bytes(content)
    for lang, said in (("en", "should hold only this copy's id"), ("zh", "应只含本副本的编号")):
        result = gwr("--lang", lang, "start", "school-no16")
        assert result.exit_code == 1 and result.stderr.count("\n") == 1, result.stderr
        assert str(ledger_dir / ".gwr-clone") in result.stderr and said in result.stderr
    assert (ledger_dir / ".gwr-clone").read_bytes() == content  # never replaced
    assert not list(ledger_dir.glob("*.toml"))  # nothing recorded


def test_a_dangling_clone_link_is_reported_and_never_makes_new_ids(gwr, ledger_dir):
    """A `.gwr-clone` linking to nothing once made a new id (and author file) on
    every write, the link never replaced: now every write stops, naming it."""
    ledger_dir.mkdir(parents=True)
    link = ledger_dir / ".gwr-clone"
    link.symlink_to("/nowhere/clone")
    for lang, said in (("en", "a link to a missing file"), ("zh", "指向不存在文件")):
        for _ in range(2):
            result = gwr("--lang", lang, "note", "school-no16", "a note")
            assert result.exit_code == 1 and result.stderr.count("\n") == 1, result.stderr
            assert str(link) in result.stderr and said in result.stderr
    assert link.is_symlink() and os.readlink(link) == "/nowhere/clone"
    assert not list(ledger_dir.glob("*.toml"))  # nothing recorded


@pytest.mark.parametrize("content", [None, b"", b"garbage\n"])
def test_check_reports_a_broken_clone_id_file(gwr, ledger_dir, content):
    ledger_dir.mkdir(parents=True)
    clone = ledger_dir / ".gwr-clone"
    if content is None:
        clone.symlink_to("/nowhere/clone")
    else:
        clone.write_bytes(content)
    for lang, said in (
        ("en", "this copy's id file has a problem"),
        ("zh", "本副本的编号文件有问题"),
    ):
        result = gwr("--lang", lang, "check")
        assert result.exit_code == 1, result.output
        assert said in result.stdout and str(clone) in result.stdout
    assert clone.is_symlink() if content is None else clone.read_bytes() == content


def test_check_passes_a_good_clone_id_file(gwr, ledger_dir):
    assert gwr("start", "school-no16").exit_code == 0
    result = gwr("--lang", "en", "check")
    assert result.exit_code == 0 and "id file" not in result.stdout, result.output
