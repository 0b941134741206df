"""The folded per-task state (folded.py) is a cache: every reading command
answers the same with it, without it, and while another process writes."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from conftest import copy_registry, installed_gwr, run_installed
from gwr_cli import folded
from gwr_cli.ledger import Event, ledger_files, read_ledger, render_event
from gwr_cli.ledger_index import SHARDS, LedgerIndex, shard_of
from gwr_cli.paths import packaged_registry
from gwr_cli.registry_load import load_registry
from gwr_cli.status import task_states

REGISTRY = load_registry(packaged_registry())
SEWER = "sewer-pipes-50km"
SCHOOL = "school-no16"

# Every reading command, as data where it can be.
READINGS = [
    ["list", "--format", "json"],
    ["list"],
    ["list", "--area", "education", "--format", "json"],
    ["status", "--format", "json"],
    ["status", "--by", "chapter", "--format", "json"],
    ["status"],
    ["show", SEWER],
    ["show", SCHOOL],
    ["summary", "--format", "json"],
    ["export", "--format", "json"],
    ["export"],
]
AS_OF = ["2021-02-01", "2021-03-01", "2021-03-31", "2021-04-15", "2021-05-20", "2021-06-30",
         "2021-08-01", "2021-09-30", "2021-12-31", "2022-03-01"]  # fmt: skip


def _hand_event(ledger_dir: Path, author: str, **fields) -> Event:
    """Append an event as a git pull would bring it: another clone's file, not gwr."""
    event = Event(
        id=fields.pop("id", os.urandom(8).hex()),
        at=dt.datetime(2021, 1, 1, tzinfo=dt.UTC) + dt.timedelta(seconds=len(fields["task"])),
        by=author,
        **fields,
    )
    ledger_dir.mkdir(parents=True, exist_ok=True)
    path = ledger_dir / f"{author}.cafe0001.toml"
    exists = path.exists()
    with path.open("ab") as handle:
        handle.write(render_event(event, new_file=not exists))
    return event


def _history(gwr, ledger_dir: Path) -> None:
    """Every kind of event, typed and arriving from outside, contradictions too."""
    gwr.ok("start", SCHOOL, "--on", "2021-03-01")
    gwr.ok("progress", SEWER, "10", "--on", "2021-03-10", "--note", "一批")
    gwr.ok("progress", SEWER, "24", "--on", "2021-04-20")
    gwr.ok("block", "mall-haiyin", "--on", "2021-04-01", "--note", "资金未到位")
    gwr.ok("note", "mall-haiyin", "已召开协调会", "--on", "2021-05-02")
    # 存在问题 and 下步措施, then a later note without them (it keeps them) and a
    # report in a unit's name: what `export` and `show` print as the latest report.
    gwr.ok("note", "mall-haiyin", "资金仍未到位", "--on", "2021-05-03",
           "--problems", "资金缺口", "--next", "协调财政")  # fmt: skip
    gwr.ok("note", "mall-haiyin", "仍在协调", "--on", "2021-05-04")
    _hand_event(ledger_dir, "other", task="preschool-5080", action="note",
                on=dt.date(2021, 5, 11), note="已报送", unit="区教育局")  # fmt: skip
    gwr.ok("done", SCHOOL, "--on", "2021-06-30")
    gwr.ok("reopen", SCHOOL, "--on", "2021-07-05")
    gwr.ok("progress", "preschool-5080", "40%", "--on", "2021-05-10")
    gwr.ok("progress", SEWER, "30", "--on", "2021-08-01")
    gwr.ok("undo")  # cancels the 30
    gwr.ok("indicator", "set", "gdp-growth", "6.8", "--on", "2021-07-20")
    # From another clone: a done after the last typed event, and a progress
    # after it that the state machine does not count (a contradiction).
    _hand_event(ledger_dir, "other", task=SEWER, action="done", on=dt.date(2021, 9, 1))
    _hand_event(ledger_dir, "other", task=SEWER, action="progress", on=dt.date(2021, 9, 5),
                value=40.0)  # fmt: skip


def _readings(gwr, as_of: str | None) -> list[str]:
    dated = [] if as_of is None else ["--as-of", as_of]
    return [gwr.ok(*dated, *argv).stdout for argv in READINGS]


def test_every_reading_command_answers_the_same_without_the_folded_state(
    gwr, ledger_dir, isolated_home
):
    _history(gwr, ledger_dir)
    cache_dir = isolated_home / "cache"
    for as_of in [*AS_OF, None]:
        _readings(gwr, as_of)  # builds the cache
        warm = _readings(gwr, as_of)
        shutil.rmtree(cache_dir / folded.FOLDED_DIR)
        without_folded = _readings(gwr, as_of)
        shutil.rmtree(cache_dir)
        cold = _readings(gwr, as_of)
        assert warm == without_folded == cold, as_of
    # The answers are the events' own: a done task stays done, the undone 30 is gone.
    shown = gwr.ok("list", "--format", "json").stdout
    assert '"status": "done"' in shown and '"value": 30' not in shown


def test_fold_entries_equal_each_task_folded_by_the_reference(gwr, ledger_dir):
    """fold_entries skips the undo filter and the report scan for tasks that
    need neither (issue 15, the cold read): its entries are still each task's
    effective events folded by status.fold_task, with views.latest_report."""
    from gwr_cli.status import effective_events, fold_task
    from gwr_cli.views import latest_report

    _history(gwr, ledger_dir)
    _hand_event(ledger_dir, "other", task=SCHOOL, action="undo", on=dt.date(2021, 9, 9),
                cancels="not-in-this-task")  # fmt: skip
    events = read_ledger(ledger_dir).events
    tasks = {task.id: task for task in REGISTRY.tasks}
    entries, foreign = folded.fold_entries(tasks, events)
    assert foreign  # the undo above names no event of its own task
    expected = {}
    for task_id in {e.task for e in events}:
        task = tasks.get(task_id)
        if task is None:
            expected[task_id] = None
            continue
        effective = effective_events([e for e in events if e.task == task_id])
        state = fold_task(task, effective, None)
        latest = max((e.on for e in effective), default=None)
        ordinal = [None if d is None else d.toordinal()
                   for d in (state.started_on, state.done_on, state.last_on, latest)]  # fmt: skip
        expected[task_id] = (state.status, state.value, state.percent, *ordinal[:3],
                             state.last_note, ordinal[3], task.target, len(state.contradicted),
                             latest_report(state))  # fmt: skip
    assert entries == expected
    assert entries["mall-haiyin"][10] == ("资金缺口", "协调财政", "")
    assert entries[SEWER][1] == 24.0 and entries[SCHOOL][0] == "in-progress"


def _states_from_events(ledger_dir: Path, as_of: dt.date):
    return task_states(REGISTRY, read_ledger(ledger_dir).events, as_of)


def _folded(ledger_dir: Path, cache_dir: Path, as_of: dt.date, tasks=None, registry=REGISTRY):
    def no_history():
        raise AssertionError("the history was read")

    return folded.folded_states(registry, ledger_dir, cache_dir, as_of, tasks, no_history)


def _comparable(states):
    return {k: s[:9] for k, s in states.items()}  # every field but the histories


def test_folded_states_answer_without_reading_a_history(gwr, ledger_dir, isolated_home):
    _history(gwr, ledger_dir)
    cache_dir = isolated_home / "cache"
    for as_of in (dt.date(2021, 9, 5), dt.date(2021, 12, 31), dt.date(2030, 1, 1)):
        states = _folded(ledger_dir, cache_dir, as_of)
        assert states is not None
        assert _comparable(states) == _comparable(_states_from_events(ledger_dir, as_of))
        assert list(states) == [t.id for t in REGISTRY.tasks]
    # Before a task's latest event the cache cannot answer: the events are folded.
    assert _folded(ledger_dir, cache_dir, dt.date(2021, 9, 4)) is None
    narrowed = _folded(ledger_dir, cache_dir, dt.date(2022, 1, 1), [SEWER, SCHOOL])
    assert list(narrowed) == [SEWER, SCHOOL] and narrowed[SEWER].status == "done"


def test_the_latest_report_comes_from_the_fold_without_reading_a_history(
    gwr, ledger_dir, isolated_home
):
    # `export` prints each task's latest 存在问题, 下步措施 and reporting unit;
    # read from the history, it folded every event again on every export.
    from gwr_cli.views import latest_report

    _history(gwr, ledger_dir)
    as_of = dt.date(2022, 1, 1)
    states = _folded(ledger_dir, isolated_home / "cache", as_of)  # a history read raises
    expected = _states_from_events(ledger_dir, as_of)
    reports = {task: latest_report(state) for task, state in states.items()}
    assert reports == {task: latest_report(state) for task, state in expected.items()}
    assert reports["mall-haiyin"] == ("资金缺口", "协调财政", "")
    assert reports["preschool-5080"] == ("", "", "区教育局")


def test_a_history_is_read_on_demand_and_equals_the_folds(gwr, ledger_dir, isolated_home):
    _history(gwr, ledger_dir)
    as_of = dt.date(2022, 1, 1)
    expected = _states_from_events(ledger_dir, as_of)
    states = folded.folded_states(
        REGISTRY, ledger_dir, isolated_home / "cache", as_of, None,
        lambda: _states_from_events(ledger_dir, as_of),
    )  # fmt: skip
    assert states == expected
    sewer = states[SEWER]
    assert len(sewer.contradicted) == 1 and sewer.contradicted[0].value == 40.0
    assert [e.action for e in sewer.events] == [e.action for e in expected[SEWER].events]
    untouched = REGISTRY.tasks[-1].id
    assert states[untouched].events == () and states[untouched].status == "not-started"


def test_writers_keep_it_current_so_a_read_refolds_nothing(
    gwr, ledger_dir, isolated_home, monkeypatch
):
    _history(gwr, ledger_dir)
    cache_dir = isolated_home / "cache"
    gwr.ok("list")  # current
    gwr.ok("progress", SEWER, "1", "--on", "2021-03-02")  # before the done: still counts
    gwr.ok("start", "mall-haiyin", "--on", "2021-06-01")
    gwr.ok("undo")

    def refold(*args):
        raise AssertionError("a shard was refolded")

    monkeypatch.setattr(folded, "_refold", refold)
    states = _folded(ledger_dir, cache_dir, dt.date(2022, 1, 1))
    assert _comparable(states) == _comparable(_states_from_events(ledger_dir, dt.date(2022, 1, 1)))
    assert states["mall-haiyin"].status == "blocked"


def test_an_outside_change_refolds_exactly_the_shards_it_changed(gwr, ledger_dir, isolated_home):
    _history(gwr, ledger_dir)
    cache_dir = isolated_home / "cache"
    gwr.ok("list")
    before = {n: folded._shard_path(cache_dir, n).read_bytes() for n in range(SHARDS)}
    _hand_event(ledger_dir, "other", task=SCHOOL, action="done", on=dt.date(2021, 10, 1))
    assert _folded(ledger_dir, cache_dir, dt.date(2022, 1, 1))[SCHOOL].status == "done"
    after = {n: folded._shard_path(cache_dir, n).read_bytes() for n in range(SHARDS)}
    changed = {n for n in range(SHARDS) if before[n] != after[n]}
    assert changed == {shard_of(SCHOOL)}
    # A touched file, or one replaced by an identical copy, changes nothing.
    path = next(ledger_dir.glob("other.*.toml"))
    copy = path.read_bytes()
    path.unlink()
    path.write_bytes(copy)
    _folded(ledger_dir, cache_dir, dt.date(2022, 1, 1))
    assert {n: folded._shard_path(cache_dir, n).read_bytes() for n in range(SHARDS)} == after


def test_a_file_edited_in_the_middle_is_refolded(gwr, ledger_dir, isolated_home):
    gwr.ok("progress", SEWER, "10", "--on", "2021-03-10")
    gwr.ok("list")
    path = next(ledger_dir.glob("tester.*.toml"))
    path.write_text(path.read_text(encoding="utf-8").replace("value = 10", "value = 12"))
    states = _folded(ledger_dir, isolated_home / "cache", dt.date(2022, 1, 1))
    assert states[SEWER].value == 12


def test_a_changed_target_in_the_registry_refolds_its_task(gwr, tmp_path, ledger_dir):
    gwr.ok("progress", SEWER, "30", "--on", "2021-03-10")
    gwr.ok("list")  # folded with the target 50
    lowered = copy_registry(
        tmp_path / "reg", lambda t: t.replace("target = 50\n", "target = 30\n", 1)
    )
    registry = load_registry(lowered)
    assert next(t for t in registry.tasks if t.id == SEWER).target == 30
    shown = gwr.ok("--registry", str(lowered), "list", "--format", "json", "--search", "污水管网")
    assert '"status": "done"' in shown.stdout
    shown = gwr.ok("list", "--format", "json", "--search", "污水管网")
    assert '"status": "done"' not in shown.stdout


def test_an_undo_across_tasks_written_by_hand_is_folded_from_events(gwr, ledger_dir, isolated_home):
    event = _hand_event(ledger_dir, "other", task=SEWER, action="start", on=dt.date(2021, 3, 1))
    _hand_event(ledger_dir, "other", task=SCHOOL, action="undo", on=dt.date(2021, 3, 2),
                cancels=event.id)  # fmt: skip
    cache_dir = isolated_home / "cache"
    states = folded.folded_states(REGISTRY, ledger_dir, cache_dir, dt.date(2022, 1, 1), [SEWER],
                                  lambda: {})  # fmt: skip
    assert states[SEWER].status == "not-started" and states[SEWER].events == ()
    shown = gwr.ok("list", "--format", "json", "--search", "污水管网").stdout
    assert '"status": "not-started"' in shown


# --- two processes -------------------------------------------------------------


def _paused_writer(tmp_path: Path, step: str, *args: str) -> subprocess.Popen:
    marker = tmp_path / f"paused-{step}"
    env = {**os.environ, "GWR_TEST_PAUSE_AT": step, "GWR_TEST_PAUSE_MARKER": str(marker),
           "GWR_TEST_PAUSE_SECONDS": "3"}  # fmt: skip
    process = subprocess.Popen([*installed_gwr(), *args], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
    deadline = time.monotonic() + 30
    while not marker.exists():
        assert process.poll() is None, process.stderr.read()
        assert time.monotonic() < deadline, "the writer never paused"
        time.sleep(0.01)
    return process


def _sewer_read_while_writer_paused(tmp_path: Path, step: str) -> subprocess.CompletedProcess:
    """`list` of the sewer task, read while a writer recording 20 for it is
    paused at `step`; the writer is then let finish (and must succeed)."""
    writer = _paused_writer(tmp_path, step, "progress", SEWER, "20", "--on", "2021-03-11")
    try:
        return run_installed("list", "--format", "json", "--search", "污水管网")
    finally:
        assert writer.wait(timeout=60) == 0, writer.stderr.read()
        writer.stderr.close()


@pytest.mark.parametrize("step", ["appended", "indexed"])
def test_a_reader_between_a_writers_steps_never_sees_a_stale_state(
    tmp_path, ledger_dir, isolated_home, step
):
    assert run_installed("progress", SEWER, "10", "--on", "2021-03-10").returncode == 0
    assert run_installed("list").returncode == 0
    # The event is in the file; the index (appended) or the folded state
    # (indexed) does not know it yet. A reader must.
    read = _sewer_read_while_writer_paused(tmp_path, step)
    assert read.returncode == 0, read.stderr
    assert '"value": 20' in read.stdout
    warm = run_installed("list", "--format", "json").stdout
    shutil.rmtree(isolated_home / "cache")
    assert run_installed("list", "--format", "json").stdout == warm
    assert '"value": 20' in warm


def test_two_processes_writing_at_once_leave_it_current(tmp_path, ledger_dir, isolated_home):
    """Two writers (in one shard and across shards) and a reader, all at once."""
    same_shard = [t.id for t in REGISTRY.tasks if shard_of(t.id) == shard_of(SEWER)]
    tasks_a = [SEWER, *same_shard[1:3]]
    tasks_b = [t.id for t in REGISTRY.tasks if shard_of(t.id) != shard_of(SEWER)][:3]
    scripts = []
    for author, tasks in (("alice", tasks_a), ("bob", tasks_b)):
        lines = [f"gwr start {t} --on 2021-03-01 && gwr note {t} n{i} --on 2021-03-02"
                 for i, t in enumerate(tasks)]  # fmt: skip
        scripts.append((author, " && ".join(lines)))
    bin_dir = str(Path(installed_gwr()[0]).parent)
    env = {**os.environ, "PATH": bin_dir + os.pathsep + os.environ["PATH"],
           "GWR_LOCK_TIMEOUT": "60"}  # fmt: skip
    writers = [
        subprocess.Popen(["sh", "-c", script], env={**env, "GWR_USER": author})
        for author, script in scripts
    ]
    while any(w.poll() is None for w in writers):
        assert run_installed("status", "--format", "json").returncode == 0
    assert [w.returncode for w in writers] == [0, 0]
    index_tokens = LedgerIndex(ledger_dir, isolated_home / "cache", ledger_files).tokens()
    warm = run_installed("list", "--format", "json").stdout
    states = _folded(ledger_dir, isolated_home / "cache", dt.date(2022, 1, 1))
    for task in tasks_a + tasks_b:
        assert states[task].status == "in-progress"
    shutil.rmtree(isolated_home / "cache")
    assert run_installed("list", "--format", "json").stdout == warm
    assert len(index_tokens) == SHARDS


def test_a_folded_entry_of_another_shape_is_never_trusted(gwr, ledger_dir, isolated_home):
    from gwr_cli import cache

    gwr.ok("progress", SEWER, "10", "--on", "2021-03-10")
    expected = gwr.ok("list", "--format", "json").stdout
    path = folded._shard_path(isolated_home / "cache", shard_of(SEWER))
    token, entries, foreign = cache.load(path, folded.FINGERPRINT)
    entries[SEWER] = ("done", 50.0)  # a layout this version does not write
    cache.store(path, (token, entries, foreign), folded.FINGERPRINT)
    assert _folded(ledger_dir, isolated_home / "cache", dt.date(2022, 1, 1)) is None
    assert gwr.ok("list", "--format", "json").stdout == expected
    assert path.exists()  # rebuilt by that read


def test_states_for_counting_carry_no_history_and_count_the_same(gwr, ledger_dir):
    """`status` takes the folded states without their histories (issue 15):
    the same fields and the same counts as the full states, and a history
    that is not there is never read as an empty one: any use of it raises."""
    from gwr_cli.tally import counted
    from gwr_cli.workspace import Workspace

    _history(gwr, ledger_dir)
    gwr.ok("status")  # builds the folded cache
    for as_of in [dt.date(2021, 12, 31), dt.date(2022, 6, 1)]:
        session = Workspace(as_of_option=as_of)
        full = session.states()
        counting = session.states(histories=False)
        assert list(counting) == list(full)
        for task_id, state in counting.items():
            assert state[:9] == full[task_id][:9]
        assert any(s.events is folded.NO_HISTORY for s in counting.values())
        schedules, lights = session.schedules_and_lights(full)
        overall, groups = counted(full.values(), schedules, session.grouping("area"), lights)
        counts = session.counts()
        assert (counts.overall, counts.groups) == (overall, groups)
    for use in (len, list, bool, lambda h: h[0], lambda h: "x" in h):
        with pytest.raises(RuntimeError, match="no history"):
            use(folded.NO_HISTORY)


@pytest.mark.parametrize("step", ["journal", "partial"])
def test_a_reader_waits_while_a_writer_appends_and_then_sees_the_event(
    tmp_path, ledger_dir, isolated_home, monkeypatch, step
):
    """A lock-free reader could list a first append's file before it existed
    (its journal only: "No such file or directory", seen under load) or read
    half an append. Readers share the writers' lock: one started while a new
    author's first append is under way waits for it and reads it whole."""
    assert run_installed("start", SEWER, "--on", "2021-03-01").returncode == 0
    monkeypatch.setenv("GWR_USER", "newcomer")  # a first append: the file does not exist yet
    read = _sewer_read_while_writer_paused(tmp_path, step)
    # The writer was paused before its event was whole: seeing it, the
    # reader waited for the append to end.
    assert read.returncode == 0, read.stderr
    assert '"value": 20' in read.stdout


# --- counting straight from the entries (folded.counting_columns) -----------------

ASSIGNMENTS = Path(__file__).parent / "data" / "assignments.toml"
COUNTS = [["status", "--format", "json"], ["status"]] + [
    ["status", "--by", by, "--format", "json"] for by in ("chapter", "unit", "leader")
]


def test_counting_columns_are_the_columns_of_the_folded_states(gwr, ledger_dir, isolated_home):
    """`gwr status` counts from the entries without making a state per task:
    the same columns as the states, and the states a rule asks for are theirs."""
    from gwr_cli.task_columns import columns_of_states

    _history(gwr, ledger_dir)
    cache_dir = isolated_home / "cache"
    gwr.ok("status")  # builds the folded cache
    for as_of in [dt.date(2021, 9, 5), dt.date(2021, 12, 31), dt.date(2022, 6, 1)]:
        found = folded.counting_columns(REGISTRY, ledger_dir, cache_dir, as_of)
        states = list(_folded(ledger_dir, cache_dir, as_of).values())
        expected = columns_of_states(states)
        assert found.tasks == expected.tasks == list(REGISTRY.tasks)
        assert found.statuses == expected.statuses
        assert found.percents == expected.percents
        assert found.unstarted == expected.unstarted
        assert found.overdue == expected.overdue
        made = found.states_at([5, 0, 5])
        assert [s[:9] for s in made] == [s[:9] for s in (states[5], states[0], states[5])]
        assert "done" in found.statuses and any(found.overdue) and not all(found.unstarted)
    # An event after the as-of date would not count: the states are folded instead.
    assert folded.counting_columns(REGISTRY, ledger_dir, cache_dir, dt.date(2021, 9, 4)) is None


def test_counting_columns_leave_a_changed_target_or_a_pending_write_to_the_fold(
    gwr, tmp_path, ledger_dir, isolated_home
):
    gwr.ok("progress", SEWER, "30", "--on", "2021-03-10")
    gwr.ok("status")  # folded with the target 50
    cache_dir = isolated_home / "cache"
    lowered = load_registry(
        copy_registry(tmp_path / "reg", lambda t: t.replace("target = 50\n", "target = 30\n", 1))
    )
    assert folded.counting_columns(lowered, ledger_dir, cache_dir, dt.date(2022, 1, 1)) is None
    assert folded.counting_columns(REGISTRY, ledger_dir, cache_dir, dt.date(2022, 1, 1))
    from gwr_cli.journal import journal_path

    # What an interrupted write leaves (journal.py): the ledger reader recovers it first.
    journal_path(next(ledger_dir.glob("tester.*.toml"))).write_bytes(b"")
    assert folded.counting_columns(REGISTRY, ledger_dir, cache_dir, dt.date(2022, 1, 1)) is None


def test_counts_with_nodes_and_units_are_the_states_counts(gwr, ledger_dir, isolated_home):
    """With a 分工 whose tasks have 节点目标: every grouping counted from the
    entries (`Workspace.counts`) is the count of the full states with their
    schedules and lights, and the command answers the same with nothing cached."""
    from gwr_cli.schedule_lights import schedules_and_lights
    from gwr_cli.tally import counted
    from gwr_cli.workspace import Workspace

    isolated_home.mkdir(parents=True, exist_ok=True)
    shutil.copy(ASSIGNMENTS, isolated_home / "assignments.toml")
    _history(gwr, ledger_dir)
    # 2 of 5 by September: red by its time share, yellow by its node (3 by 08-31).
    gwr.ok("progress", "kindergartens-open-5", "2", "--on", "2021-03-01")
    gwr.ok("status")  # builds the folded cache
    nodes_decided = False
    for as_of in [dt.date.fromisoformat(day) for day in AS_OF]:
        session = Workspace(as_of_option=as_of)
        full = session.states()
        schedules, lights = session.schedules_and_lights(full)
        linear = schedules_and_lights(session.registry(), full, as_of)[1]
        nodes_decided |= any(lights[t].color != linear[t].color for t in full)
        for name in ("area", "chapter", "unit", "leader"):
            counts = session.counts(name)
            expected = counted(full.values(), schedules, session.grouping(name), lights)
            assert (counts.overall, counts.groups) == expected, (as_of, name)
    assert nodes_decided  # the 分工's nodes light some task otherwise than its time share
    cache_dir = isolated_home / "cache"
    for as_of in ["2021-09-30", "2022-03-01"]:
        warm = [gwr.ok("--as-of", as_of, *argv).stdout for argv in COUNTS]
        shutil.rmtree(cache_dir)
        assert [gwr.ok("--as-of", as_of, *argv).stdout for argv in COUNTS] == warm
