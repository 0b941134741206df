"""The Taskwarrior comparison's data matches gwr's: same tasks, same number of
modifications, same done count (bench/taskwarrior.py)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from gwr_cli.ledger import read_ledger
from gwr_cli.registry_load import load_registry
from gwr_cli.status import task_states

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))
import taskwarrior  # noqa: E402


@pytest.fixture
def matched(tmp_path):
    subprocess.run(
        [sys.executable, str(BENCH / "generate.py"), str(tmp_path), "--tasks", "30",
         "--events", "400", "--authors", "3", "--reserve", "5"],
        check=True,
    )  # fmt: skip
    registry = load_registry(tmp_path / "tasks.toml")
    events = list(read_ledger(tmp_path / "home" / "ledger").events)
    done = {k for k, s in task_states(registry, events, None).items() if s.status == "done"}
    records = tomllib.loads((tmp_path / "tasks.toml").read_text(encoding="utf-8"))["tasks"]
    data = taskwarrior.write_matched(tmp_path / "tw", records, events, done)
    return data, events, done


def test_matched_data_holds_the_same_tasks_modifications_and_done_count(matched):
    data, events, done = matched
    pending = (data.folder / "pending.data").read_text(encoding="utf-8").splitlines()
    completed = (data.folder / "completed.data").read_text(encoding="utf-8").splitlines()
    undo = (data.folder / "undo.data").read_text(encoding="utf-8")
    assert done and len(completed) == len(done)
    assert len(pending) + len(completed) == 30 == len(set(pending + completed))
    assert undo.count("\n---\n") == len(events) == 400
    notes = sum(1 for e in events if e.note)
    annotations = sum(line.count("annotation_") for line in pending + completed)
    assert 0 < annotations <= notes  # two notes in one second share an annotation
    assert len(data.pending_uuids) == len(pending)


@pytest.mark.skipif(taskwarrior.task_binary() is None, reason="taskwarrior is not installed")
def test_taskwarrior_reads_the_matched_data_and_runs_the_compared_commands(matched):
    data, _, done = matched

    def task(*args):
        result = subprocess.run(
            [taskwarrior.task_binary(), f"rc:{data.taskrc}", *args],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    assert task("status:completed", "count") == str(len(done))
    assert task("status:pending", "count") == str(30 - len(done))
    reserved = data.pending_uuids[-4:]
    argvs = taskwarrior.commands(data, 2, reserved)
    assert set(argvs) == set(taskwarrior.GOALS)
    assert len({argv[2] for argv in argvs["done"]}) == 3  # a different task each run
    for argv in argvs["done"] + argvs["progress"]:
        assert subprocess.run(argv, capture_output=True, timeout=60).returncode == 0
    assert task("status:completed", "count") == str(len(done) + 3)


@pytest.mark.slow
@pytest.mark.parametrize("with_task", [False, True])
def test_the_harness_compares_with_taskwarrior_only_when_it_is_installed(tmp_path, with_task):
    import json
    import os

    if with_task and taskwarrior.task_binary() is None:
        pytest.skip("taskwarrior is not installed")
    path = str(Path(sys.executable).parent)
    if with_task:
        path += os.pathsep + str(Path(taskwarrior.task_binary()).parent)
    result = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--runs", "1", "--tasks", "60", "--events",
         "300", "--shipped-events", "100", "--skip-growth", "--json"],
        capture_output=True, text=True, timeout=600, env={**os.environ, "PATH": path},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert {r["size"] for r in report["rows"]} == {"shipped", "60t/300e"}  # the rest ran
    pairs = report["taskwarrior"]
    if not with_task:
        assert pairs == []
        return
    assert [(p["command"], p["theirs"]) for p in pairs] == [
        ("status", "summary"),
        ("list", "list"),
        ("done", "done"),
        ("progress", "modify"),
    ]
    assert all(p["gwr_ms"] > 0 and p["tw_ms"] > 0 for p in pairs)
    assert [p["budget"] for p in pairs] == [0.8, 0.7, 0.6, 0.6]
    for p in pairs:
        assert p["ok"] == (p["ratio"] <= p["budget"])
