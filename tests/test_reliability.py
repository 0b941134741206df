"""Reliability: parallel writers, killed writers, stuck locks, failing disks,
hand-edited files, read-only places, links, hostile text, git merges.

Most tests use real files and real processes. The slow ones carry the `slow`
marker; .ci/run runs them all.
"""

from __future__ import annotations

import errno
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rich.cells import cell_len

from conftest import UNDER_SHELL, copy_registry, installed_gwr, run_installed
from gwr_cli.journal import journal_path
from gwr_cli.ledger import author_file, read_ledger
from gwr_cli.paths import packaged_registry
from gwr_cli.registry_load import load_registry
from gwr_cli.status import task_states

REGISTRY = load_registry(packaged_registry())
TASK_IDS = [t.id for t in REGISTRY.tasks]

# Runs the gwr entry point once a barrier file appears, so that every process
# reaches the ledger lock at the same moment (imports are done before).
BARRIER_RUNNER = """
import os, sys, time
from gwr_cli.cli import main
barrier = sys.argv[1]
while not os.path.exists(barrier):
    time.sleep(0.002)
sys.argv = ["gwr", *sys.argv[2:]]
main()
"""


def _run_together(tmp_path: Path, commands: list[list[str]], envs: list[dict[str, str]]):
    """Start every command, release them at once, return (exit code, stderr)s."""
    barrier = tmp_path / "go"
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", BARRIER_RUNNER, str(barrier), *command],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "GWR_LOCK_TIMEOUT": "120", **env},
        )
        for command, env in zip(commands, envs, strict=True)
    ]
    time.sleep(1.0)  # let every process finish importing and wait at the barrier
    barrier.touch()
    results = [(p.wait(timeout=180), p.stderr.read()) for p in processes]
    for process in processes:
        process.stderr.close()
    return results


def _parse_every_file(ledger_dir: Path):
    import tomllib

    for path in ledger_dir.glob("*.toml"):
        tomllib.loads(path.read_text(encoding="utf-8"))


@pytest.mark.slow
def test_twenty_processes_on_different_tasks(tmp_path, ledger_dir):
    tasks = TASK_IDS[:20]
    commands = [["start", task, "--on", "2021-03-01"] for task in tasks]
    results = _run_together(tmp_path, commands, [{}] * 20)
    assert [code for code, _ in results] == [0] * 20, [err for _, err in results]
    _parse_every_file(ledger_dir)
    events = read_ledger(ledger_dir).events
    assert sorted(e.task for e in events) == sorted(tasks)
    assert not list(ledger_dir.glob(".*.journal"))


@pytest.mark.slow
def test_twenty_processes_on_the_same_task_some_authors_shared(tmp_path, ledger_dir):
    commands = [
        ["progress", "sewer-pipes-50km", str(v), "--on", "2021-05-01"] for v in range(1, 21)
    ]
    envs = [{"GWR_USER": f"author{index % 4}"} for index in range(20)]
    results = _run_together(tmp_path, commands, envs)
    assert [code for code, _ in results] == [0] * 20, [err for _, err in results]
    _parse_every_file(ledger_dir)
    events = read_ledger(ledger_dir).events
    assert sorted(e.value for e in events) == [float(v) for v in range(1, 21)]
    # One consistent order: by recording time, every reader agrees, and the
    # state is the value of the event recorded last.
    ordered = sorted(events, key=lambda e: e.order)
    assert ordered == sorted(read_ledger(ledger_dir).events, key=lambda e: e.order)
    state = task_states(REGISTRY, events, None)["sewer-pipes-50km"]
    assert state.value == ordered[-1].value


def _start_paused_writer(tmp_path: Path, step: str, *args: str) -> subprocess.Popen:
    marker = tmp_path / f"paused-{step}"
    env = {
        **os.environ,
        "GWR_TEST_PAUSE_AT": step,
        "GWR_TEST_PAUSE_MARKER": str(marker),
        "GWR_TEST_PAUSE_SECONDS": "120",
    }
    process = subprocess.Popen(
        [*installed_gwr(), *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 30
    while not marker.exists():
        assert process.poll() is None, "the writer ended before pausing"
        assert time.monotonic() < deadline, "the writer never paused"
        time.sleep(0.01)
    return process


@pytest.mark.slow
@pytest.mark.parametrize("step", ["journal", "partial", "appended"])
def test_writer_killed_mid_append(tmp_path, ledger_dir, step):
    assert run_installed("start", "sewer", "--on", "2021-03-01").returncode == 0
    before = (author_file(ledger_dir, "tester")).read_bytes()
    writer = _start_paused_writer(tmp_path, step, "progress", "sewer", "20", "--on", "2021-05-01")
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    assert (journal_path(author_file(ledger_dir, "tester"))).exists()  # the crash left its journal

    # Readers see the ledger as before, or with the new event whole.
    events = read_ledger(ledger_dir).events
    expected = 2 if step == "appended" else 1
    assert len(events) == expected
    listing = run_installed(
        "list", "--search", "sewer", "--format", "json", "--as-of", "2021-06-01"
    )
    assert listing.returncode == 0
    assert json.loads(listing.stdout)[0]["value"] == (20 if step == "appended" else 0)

    # The next writer settles the journal and appends cleanly.
    assert run_installed("note", "sewer", "after the crash").returncode == 0
    assert not (journal_path(author_file(ledger_dir, "tester"))).exists()
    content = (author_file(ledger_dir, "tester")).read_bytes()
    assert content.startswith(before)
    assert [e.action for e in read_ledger(ledger_dir).events] == (
        ["start", "progress", "note"] if step == "appended" else ["start", "note"]
    )


@pytest.mark.slow
def test_lock_of_a_killed_process_is_free_at_once(tmp_path, ledger_dir):
    writer = _start_paused_writer(tmp_path, "journal", "start", "sewer")
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    started = time.monotonic()
    result = run_installed(
        "done", "school-no16", "--on", "2021-05-01", env={"GWR_LOCK_TIMEOUT": "30"}
    )
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 10  # far below the 30 s it would wait for a live lock


@pytest.mark.slow
def test_lock_held_by_a_stuck_process(tmp_path, ledger_dir):
    stuck = _start_paused_writer(tmp_path, "journal", "start", "sewer", "--on", "2021-03-01")
    try:
        files_before = sorted(p.name for p in ledger_dir.iterdir())
        started = time.monotonic()
        result = run_installed(
            "done", "school-no16", "--on", "2021-05-01", env={"GWR_LOCK_TIMEOUT": "1"}
        )
        waited = time.monotonic() - started
        assert result.returncode == 1
        assert result.stderr.startswith("gwr: error: another gwr process has held")
        assert "nothing was written" in result.stderr and result.stderr.count("\n") == 1
        assert 1 <= waited < 10
        assert sorted(p.name for p in ledger_dir.iterdir()) == files_before
        assert not (author_file(ledger_dir, "tester")).exists()
    finally:
        stuck.kill()
        stuck.wait()


# --- failing disks ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("function", "failing_call", "error"),
    [
        ("write", 1, errno.ENOSPC),  # writing the journal
        ("write", 2, errno.ENOSPC),  # first half of the append
        ("write", 3, errno.ENOSPC),  # second half of the append
        ("fsync", 1, errno.EIO),  # fsync of the journal
        ("fsync", 3, errno.EIO),  # fsync of the ledger file
    ],
)
def test_disk_errors_leave_the_earlier_ledger_untouched(
    gwr, ledger_dir, monkeypatch, function, failing_call, error
):
    import gwr_cli.journal as ledger_module

    gwr.ok("start", "sewer", "--on", "2021-03-01")
    path = author_file(ledger_dir, "tester")
    before = path.read_bytes()
    real = getattr(os, function)
    calls = {"n": 0}

    def failing(*args):
        calls["n"] += 1
        if calls["n"] == failing_call:
            raise OSError(error, os.strerror(error))
        return real(*args)

    monkeypatch.setattr(ledger_module.os, function, failing)
    result = gwr("progress", "sewer", "20", "--on", "2021-05-01")
    monkeypatch.setattr(ledger_module.os, function, real)  # the disk recovers
    assert result.exit_code == 1
    assert result.stderr.startswith("gwr: error: cannot write")
    assert os.strerror(error) in result.stderr and "nothing was recorded" in result.stderr
    assert path.read_bytes() == before
    assert not (journal_path(author_file(ledger_dir, "tester"))).exists()
    gwr.ok("progress", "sewer", "20", "--on", "2021-05-01")  # and the next write works
    assert len(read_ledger(ledger_dir).events) == 2


# --- hand-edited ledgers ----------------------------------------------------------

HAND_EDITED = {
    "invalid TOML": b'[[events]]\nid = "a"\ntask = \n',
    "wrong schema": b'[[events]]\nid = "a"\ntask = "sewer-pipes-50km"\naction = "done"\n'
    b'on = "yesterday"\nat = 2021-01-01T00:00:00Z\nby = "wang"\n',
    "empty": b"",
    "BOM": b'\xef\xbb\xbf[[events]]\nid = "a"\n',
    "duplicate ids": b'[[events]]\nid = "a"\ntask = "sewer-pipes-50km"\naction = "start"\n'
    b'on = 2021-03-01\nat = 2021-03-01T00:00:00Z\nby = "wang"\n\n'
    b'[[events]]\nid = "a"\ntask = "sewer-pipes-50km"\naction = "done"\n'
    b'on = 2021-04-01\nat = 2021-04-01T00:00:00Z\nby = "wang"\n',
}
EVERY_LEDGER_COMMAND = [
    ["list"],
    ["status"],
    ["show", "sewer"],
    ["summary"],
    ["export"],
    ["check"],
    ["indicator", "list"],
    ["done", "school-no16"],
    ["undo"],
    ["note", "sewer", "x"],
    ["indicator", "set", "gdp-growth", "6"],
]


@pytest.mark.parametrize("content", HAND_EDITED.values(), ids=HAND_EDITED.keys())
def test_hand_edited_ledger_is_reported_and_never_changed(gwr, ledger_dir, content):
    ledger_dir.mkdir(parents=True)
    path = ledger_dir / "wang.toml"
    path.write_bytes(content)
    for command in EVERY_LEDGER_COMMAND:
        result = gwr(*command)
        assert result.exit_code == 1, command
        # check lists each file that does not read on stdout and goes on.
        said = result.stdout if command == ["check"] else result.stderr
        assert str(path) in said, command
        assert result.stderr.count("\n") == (0 if command == ["check"] else 1)
        assert path.read_bytes() == content, command
    assert not (author_file(ledger_dir, "tester")).exists()


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            lambda t: t.replace('area = "water"', 'area = "waters"', 1),
            "task 'qianshan-river-phase2': field 'area': unknown area 'waters'",
        ),
        (lambda t: t.replace("deadline = 2021-06-30", "deadline = 2021-06-31", 1), "invalid TOML"),
        (
            lambda t: t.replace('unit = "公里"\n', "", 1),
            "task 'sewer-pipes-50km': field 'target' needs a 'unit'",
        ),
    ],
)
def test_broken_registry_through_the_cli(gwr, tmp_path, edit, expected):
    registry = copy_registry(tmp_path / "r", edit)
    for command in (["list"], ["done", "sewer"], ["summary"]):
        result = gwr("--registry", str(registry), *command)
        assert result.exit_code == 1 and expected in result.stderr
        assert result.stderr.count("\n") == 1


# --- read-only places -------------------------------------------------------------


def test_read_only_home_in_process(gwr, ledger_dir, monkeypatch):
    """Any OS refusal to write becomes one clean line; reads keep working."""
    import gwr_cli.journal as ledger_module

    gwr.ok("start", "sewer", "--on", "2021-03-01")
    before = (author_file(ledger_dir, "tester")).read_bytes()

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(args[0]))

    monkeypatch.setattr(ledger_module, "_write_journal", refuse)
    gwr.ok("list")
    gwr.ok("status")
    result = gwr("done", "sewer")
    assert result.exit_code == 1
    assert result.stderr.startswith("gwr: error: cannot write to ")
    assert "Permission denied" in result.stderr
    assert (author_file(ledger_dir, "tester")).read_bytes() == before


def _run_on_read_only(paths: list[Path], args: list[str], env: dict[str, str]):
    """Run gwr where `paths` cannot be written, as the OS enforces it.

    Root ignores file modes, so as root the paths are bind-mounted read-only in
    a private mount namespace (the writes then fail with EROFS); as an
    ordinary user, the modes set by the caller are enforced.
    """
    command = [*installed_gwr(), *args]
    if os.geteuid() == 0:
        mounts = " && ".join(
            f"mount --bind {shlex.quote(str(p))} {shlex.quote(str(p))} && "
            f"mount -o remount,ro,bind {shlex.quote(str(p))} {shlex.quote(str(p))}"
            for p in paths
        )
        command = ["unshare", "-m", "sh", "-c", f"{mounts} && exec {shlex.join(command)}"]
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, **env},
        timeout=60,
    )


@pytest.mark.slow
def test_read_only_home_and_registry_for_real(tmp_path):
    if os.geteuid() == 0 and (
        shutil.which("unshare") is None
        or subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode != 0
    ):
        pytest.skip("running as root without mount namespaces: nothing is read-only to root")
    home = tmp_path / "home"
    registry = copy_registry(tmp_path / "registry")
    env = {"GWR_HOME": str(home), "GWR_REGISTRY": str(registry)}
    assert run_installed("start", "sewer", "--on", "2021-03-01", env=env).returncode == 0
    before = (author_file(home / "ledger", "tester")).read_bytes()
    read_only = [home, registry.parent]
    for place in read_only:
        for path in [place, *place.rglob("*")]:
            path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        for command in (["list"], ["status"], ["show", "sewer"], ["summary"], ["check"]):
            result = _run_on_read_only(read_only, command, env)
            assert result.returncode == 0, (command, result.stderr)
        for command in (["done", "sewer"], ["undo"], ["indicator", "set", "gdp-growth", "6"]):
            result = _run_on_read_only(read_only, command, env)
            assert result.returncode == 1, (command, result.stderr)
            assert result.stderr.startswith("gwr: error: cannot write to "), result.stderr
            assert result.stderr.count("\n") == 1
        assert (author_file(home / "ledger", "tester")).read_bytes() == before
    finally:
        for place in read_only:
            for path in [place, *place.rglob("*")]:
                path.chmod(0o755 if path.is_dir() else 0o644)


# --- links and modes --------------------------------------------------------------


def test_ledger_file_behind_a_symlink_keeps_the_link(gwr, ledger_dir, tmp_path):
    gwr.ok("start", "sewer", "--on", "2021-03-01")
    real = tmp_path / "elsewhere" / "tester.toml"
    real.parent.mkdir()
    shutil.move(author_file(ledger_dir, "tester"), real)
    (author_file(ledger_dir, "tester")).symlink_to(real)
    gwr.ok("progress", "sewer", "10", "--on", "2021-04-01")
    assert (author_file(ledger_dir, "tester")).is_symlink()
    assert real.read_text(encoding="utf-8").count("\n[[events]]") == 2


def test_existing_file_mode_is_kept(gwr, ledger_dir):
    gwr.ok("start", "sewer", "--on", "2021-03-01")
    path = author_file(ledger_dir, "tester")
    assert path.stat().st_mode & 0o777 == 0o644
    path.chmod(0o640)
    gwr.ok("progress", "sewer", "10", "--on", "2021-04-01")
    assert path.stat().st_mode & 0o777 == 0o640


# --- hostile text -----------------------------------------------------------------

HOSTILE_NOTES = [
    "[red]x[/red] [bold]粗体[/bold]",
    "[link=https://example.com]点我[/link]",
    "\x1b[31mred\x1b[0m \x1b]0;title\x07",
    "bell\x07 back\x08space \x00nul \x9bcsi",
    "长" * 3000,
    "🎉👩‍👩‍👧 emoji 与中文 mixed ｆｕｌｌ",
    "line one\nline two\r\nthree\ttab",
]


@pytest.mark.parametrize("note", HOSTILE_NOTES, ids=range(len(HOSTILE_NOTES)))
def test_hostile_notes_stored_exactly_printed_literally(gwr, ledger_dir, note):
    gwr.ok("note", "sewer", note, "--on", "2021-05-01")
    gwr.ok("note", "school-no16", "短", "--on", "2021-05-01")
    [stored, _] = read_ledger(ledger_dir).events
    assert stored.note == note
    for args in (
        ["show", "sewer"],
        ["summary", "--week", "2021-W17"],
        ["summary", "--week", "2021-W17", "--format", "markdown"],
        ["export"],
        ["list", "--as-of", "2021-05-02"],
    ):
        out = gwr.ok(*args).stdout
        assert "\x1b" not in out and "\x07" not in out and "\x00" not in out and "\x9b" not in out
    if note.startswith("["):
        assert note in gwr.ok("show", "sewer").stdout  # markup shown, not interpreted
    exported = json.loads(gwr.ok("export", "--format", "json").stdout)
    assert next(r for r in exported if r["id"] == "sewer-pipes-50km")["last_note"] == note


def test_history_table_stays_aligned_with_emoji_and_chinese(gwr):
    for note in ("🎉 emoji", "中文备注很长的一段话", "plain", "[red]x[/red]"):
        gwr.ok("note", "sewer", note, "--on", "2021-05-01")
    out = gwr.ok("show", "sewer").stdout
    rows = [line for line in out.splitlines() if line.startswith("2021-05-01")]
    assert len(rows) == 4
    assert len({cell_len(row[: row.rindex("tester")]) for row in rows}) == 1


def test_hostile_typed_ids_are_printed_literally(gwr):
    result = gwr("done", "[red]x[/red]\x1b[2J")
    assert result.exit_code == 1
    assert "'[red]x[/red]\\x1b[2J'" in result.stderr and "\x1b" not in result.stderr


# --- sharing through git ------------------------------------------------------------


def _git(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    return result


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_two_clones_of_a_shared_home_merge_without_conflict(tmp_path):
    origin = tmp_path / "origin.git"
    _git("init", "--bare", "-q", "-b", "main", str(origin), cwd=tmp_path)
    seed = tmp_path / "seed"
    _git("clone", "-q", str(origin), str(seed), cwd=tmp_path)
    (seed / "README").write_text("shared gwr home\n")
    _git("add", ".", cwd=seed)
    _git("commit", "-qm", "start", cwd=seed)
    _git("push", "-q", "origin", "HEAD:main", cwd=seed)

    clones = {}
    for author in ("zhang", "li"):
        clone = tmp_path / author
        _git("clone", "-q", "-b", "main", str(origin), str(clone), cwd=tmp_path)
        clones[author] = clone
    records = {
        "zhang": [
            ["start", "sewer", "--on", "2021-03-01"],
            ["progress", "sewer", "18", "--on", "2021-05-01"],
            ["done", "school-no16", "--on", "2021-05-02"],
        ],
        "li": [
            ["note", "sewer", "管网施工中", "--on", "2021-05-03"],
            ["block", "mall-haiyin", "--note", "资金", "--on", "2021-05-04"],
        ],
    }
    for author, commands in records.items():
        env = {"GWR_HOME": str(clones[author]), "GWR_USER": author}
        for command in commands:
            assert run_installed(*command, env=env).returncode == 0
        _git("add", ".", cwd=clones[author])
        _git("commit", "-qm", f"{author}'s progress", cwd=clones[author])
    _git("push", "-q", "origin", "main", cwd=clones["zhang"])
    _git("pull", "-q", "--no-rebase", "origin", "main", cwd=clones["li"])  # a real merge
    assert not _git("status", "--porcelain", cwd=clones["li"]).stdout.strip()

    merged = read_ledger(clones["li"] / "ledger").events
    assert len(merged) == 5 and {e.by for e in merged} == {"zhang", "li"}
    listing = run_installed(
        "list", "--format", "json", "--as-of", "2021-06-01", env={"GWR_HOME": str(clones["li"])}
    )
    rows = {r["id"]: r for r in json.loads(listing.stdout)}
    assert rows["sewer-pipes-50km"]["value"] == 18
    assert rows["sewer-pipes-50km"]["last_note"] == "管网施工中"
    assert rows["school-no16"]["status"] == "done"
    assert rows["mall-haiyin"]["status"] == "blocked"
    ignored = _git(
        "check-ignore",
        "ledger/.gwr.lock",
        "ledger/.zhang.toml.journal",
        "ledger/.gwr-clone",
        cwd=clones["li"],
    ).stdout.split()
    assert ignored == ["ledger/.gwr.lock", "ledger/.zhang.toml.journal", "ledger/.gwr-clone"]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_one_author_on_two_machines_merges_without_conflict(tmp_path):
    """Issue 9, case 1: zhang records on the office PC and the laptop, then pulls."""
    origin = tmp_path / "origin.git"
    _git("init", "--bare", "-q", "-b", "main", str(origin), cwd=tmp_path)
    office = tmp_path / "office"
    _git("clone", "-q", str(origin), str(office), cwd=tmp_path)
    env = {"GWR_HOME": str(office), "GWR_USER": "zhang"}
    assert run_installed("start", "sewer", "--on", "2021-03-01", env=env).returncode == 0
    _git("add", ".", cwd=office)
    _git("commit", "-qm", "office", cwd=office)
    _git("push", "-q", "origin", "HEAD:main", cwd=office)
    laptop = tmp_path / "laptop"
    _git("clone", "-q", "-b", "main", str(origin), str(laptop), cwd=tmp_path)

    machines = {
        office: [["progress", "sewer", "18", "--on", "2021-05-01"], ["note", "sewer", "办公室"]],
        laptop: [["done", "school-no16", "--on", "2021-05-02"], ["note", "sewer", "笔记本"]],
    }
    for home, commands in machines.items():
        for command in commands:
            result = run_installed(*command, env={"GWR_HOME": str(home), "GWR_USER": "zhang"})
            assert result.returncode == 0, result.stderr
        _git("add", ".", cwd=home)
        _git("commit", "-qm", f"zhang on {home.name}", cwd=home)
    _git("push", "-q", "origin", "main", cwd=office)
    _git("pull", "-q", "--no-rebase", "origin", "main", cwd=laptop)  # a real merge
    assert not _git("status", "--porcelain", cwd=laptop).stdout.strip()
    _git("push", "-q", "origin", "main", cwd=laptop)
    _git("pull", "-q", "--no-rebase", "origin", "main", cwd=office)
    for home in (office, laptop):
        _parse_every_file(home / "ledger")
        events = read_ledger(home / "ledger").events
        assert sorted(e.note for e in events if e.note) == ["办公室", "笔记本"]
        assert len(events) == 5 and {e.by for e in events} == {"zhang"}
        undo = run_installed("undo", env={"GWR_HOME": str(home), "GWR_USER": "zhang"})
        assert undo.returncode == 0, undo.stderr


# --- issue 9: the world's faults ------------------------------------------------------

_ONE_EVENT = (
    '{id = "h1", task = "sewer-pipes-50km", action = "note", note = "手写", '
    'on = 2021-05-01, at = 2021-05-01T08:00:00Z, by = "script"}'
)


@pytest.mark.parametrize(
    "content",
    [
        "schema = 1\nevents = []\n",
        f"schema = 1\nevents = [{_ONE_EVENT}]\n",
        f"schema = 1\nevents = [\n  {_ONE_EVENT},\n]\n",
        f'"events" = [{_ONE_EVENT}]\n',
    ],
    ids=["empty-inline", "inline", "multiline-inline", "quoted-key"],
)
def test_a_file_gwr_cannot_append_to_is_refused_with_no_byte_written(gwr, ledger_dir, content):
    ledger_dir.mkdir(parents=True)
    path = author_file(ledger_dir, "tester")
    path.write_text(content, encoding="utf-8")
    gwr.ok("check")  # valid: gwr reads it
    result = gwr("note", "sewer", "新的", "--on", "2021-05-02")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "nothing was written" in result.stderr
    assert path.name in result.stderr
    assert path.read_text(encoding="utf-8") == content
    _parse_every_file(ledger_dir)


@pytest.mark.parametrize(
    "content",
    [
        "# a script's ledger\nschema = 1\n",
        "schema = 1",  # no newline at the end
        "schema = 1\r\n\r\n[[events]]\r\n" + _ONE_EVENT[1:-1].replace(", ", "\r\n") + "\r\n",
        "\n\n[[events]]  # hand-written\n" + _ONE_EVENT[1:-1].replace(", ", "\n"),
        "[[events]]\n" + _ONE_EVENT[1:-1].replace(", ", "\n") + "\n# trailing comment",
    ],
    ids=["comment-and-schema", "no-final-newline", "crlf", "header-comment", "final-comment"],
)
def test_odd_but_valid_shapes_are_appended_to_and_stay_valid(gwr, ledger_dir, content):
    ledger_dir.mkdir(parents=True)
    path = author_file(ledger_dir, "tester")
    path.write_bytes(content.encode())
    gwr.ok("note", "sewer", "新的", "--on", "2021-05-02")
    assert path.read_bytes().startswith(content.encode())
    _parse_every_file(ledger_dir)
    notes = [e.note for e in read_ledger(ledger_dir).events]
    assert notes[-1] == "新的" and len(notes) == 1 + ("h1" in content)


@pytest.mark.parametrize(
    ("value", "problem"),
    [("nan", "not a finite number"), ("inf", "not a finite number"),
     ("-inf", "not a finite number"), ("1e400", "not a finite number"),
     ("9223372036854775808", "beyond 64 bits")],
)  # fmt: skip
def test_numbers_outside_toml_and_json_are_reported_with_file_and_line(
    gwr, ledger_dir, value, problem
):
    ledger_dir.mkdir(parents=True)
    path = ledger_dir / "script.toml"
    path.write_text(
        'schema = 1\n\n[[events]]\nid = "n1"\ntask = "sewer-pipes-50km"\naction = "progress"\n'
        f'value = {value}\non = 2021-05-01\nat = 2021-05-01T08:00:00Z\nby = "script"\n',
        encoding="utf-8",
    )
    for command in (["list"], ["check"]):
        result = gwr(*command)
        assert result.exit_code == 1
        said = result.stdout if command == ["check"] else result.stderr  # check goes on
        assert "script.toml:3: event 'n1' has a 'value' that is" in said
        assert problem in said


@pytest.mark.parametrize(
    ("target", "problem"),
    [("nan", "is not a finite number (nan)"),
     ("inf", "is not a finite number (inf: a number beyond about 1.8e308 reads as infinite; "
      "gwr keeps numbers from -1e308 to 1e308)"),
     ("1e400", "is not a finite number (inf: a number beyond about 1.8e308 reads as infinite"),
     ("12345678901234567890", "has 19 significant digits (gwr keeps at most 15 exactly)"),
     ("1234567890123456789.0", "has more significant digits than the 15 gwr keeps exactly"),
     ("1e-320", "is too close to zero (gwr keeps 0 and numbers of at least 1e-307 in size)")],
)  # fmt: skip
def test_a_registry_target_gwr_cannot_keep_is_refused_by_check(gwr, tmp_path, target, problem):
    registry = copy_registry(
        tmp_path / "reg", lambda text: text.replace("target = 50\n", f"target = {target}\n", 1)
    )
    result = gwr("--registry", str(registry), "check")
    assert result.exit_code == 1
    assert f"field 'target' {problem}" in result.stdout + result.stderr


def test_typed_numbers_beyond_a_float_are_refused_and_large_ones_stay_valid_toml(gwr, ledger_dir):
    result = gwr("progress", "sewer", "1" + "0" * 310)
    assert result.exit_code == 1 and "is out of range" in result.stderr
    assert not ledger_dir.exists() or not list(ledger_dir.glob("*.toml"))
    gwr.ok("indicator", "set", "gdp-growth", "1e20", "--on", "2021-05-01")
    _parse_every_file(ledger_dir)  # an integer beyond 64 bits would not be TOML
    [event] = read_ledger(ledger_dir).events
    assert event.value == 1e20


@pytest.mark.parametrize("value", ["abc", "nan", "inf", "-1", "-inf"])
def test_a_bad_lock_timeout_is_one_clear_line(gwr, ledger_dir, value):
    for lang, words in (("en", "GWR_LOCK_TIMEOUT"), ("zh", "无效")):
        result = gwr("done", "sewer", env={"GWR_LOCK_TIMEOUT": value, "GWR_LANG": lang})
        assert result.exit_code == 1
        assert result.stderr.count("\n") == 1 and words in result.stderr, result.stderr
        assert (repr(value) if lang == "en" else f"“{value}”") in result.stderr
    assert not list(ledger_dir.glob("*.toml"))


def test_git_conflict_markers_name_the_lines_and_say_keep_both_events(gwr, ledger_dir):
    ledger_dir.mkdir(parents=True)
    event = _ONE_EVENT[1:-1].replace(", ", "\n")
    (ledger_dir / "zhang.toml").write_text(
        "schema = 1\n\n[[events]]\n"
        + event
        + "\n<<<<<<< HEAD\n\n[[events]]\n"
        + event.replace("h1", "a")
        + "\n=======\n\n[[events]]\n"
        + event.replace("h1", "b")
        + "\n>>>>>>> origin/main\n",
        encoding="utf-8",
    )
    for command in (["list"], ["status"], ["note", "sewer", "x"]):
        result = gwr(*command)
        assert result.exit_code == 1
        assert "zhang.toml: lines 11–31 hold git conflict markers" in result.stderr
        assert "keep the [[events]] tables of both sides" in result.stderr
        assert "restore" not in result.stderr


@pytest.mark.parametrize("command", [["status"], ["check"], ["done", "sewer"]])
def test_a_relative_path_in_a_deleted_working_folder_is_one_clear_line(command, tmp_path):
    # The cache's key made the path absolute with os.getcwd(), which fails in
    # a folder deleted since the shell entered it: a bug exit (70) instead of
    # "registry not found".
    gone = tmp_path / "gone"
    gone.mkdir()
    script = (
        f"import os, sys; os.chdir({str(gone)!r}); os.rmdir({str(gone)!r}); "
        "sys.argv[0] = 'gwr'; from gwr_cli.cli import main; main()"
    )
    ended = subprocess.run(
        [sys.executable, "-c", script, "--registry", "r.toml", *command],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert ended.returncode == 1 and ended.stderr.count("\n") == 1, ended.stderr
    assert "registry not found: r.toml" in ended.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize(
    "argv", [["where"], ["status"], ["list", "--format", "json"], ["export"], ["--version"]]
)
@pytest.mark.parametrize("fast", [True, False])
def test_standard_output_on_a_full_disk_is_one_line_not_a_bug(argv, fast, isolated_home):
    # `gwr export > tasks.csv` on a full disk said "this is a bug in gwr"
    # (exit 70), on the fast and the Typer path alike.
    from test_fast_path import TYPER_ONLY

    script = TYPER_ONLY if not fast else "import sys; from gwr_cli.cli import main; main()"
    for lang, said in (("en", "cannot write to standard output ("), ("zh", "无法写入标准输出（")):
        with open("/dev/full", "w") as full:
            ended = subprocess.run(
                [sys.executable, "-c", script, "--lang", lang, *argv],
                stdout=full,
                stderr=subprocess.PIPE,
                text=True,
                encoding="utf-8",
            )
        assert ended.returncode == 1 and ended.stderr.count("\n") == 1, ended.stderr
        assert said in ended.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["-h"],
        ["list", "--help"],
        ["collect", "template", "--help"],
        ["indicator", "--help"],
        [],  # no command: the help
        ["collect"],  # a group without its command: its help
        ["--show-completion"],
        ["--version"],
    ],
)
def test_help_on_a_full_disk_is_one_line_not_a_bug(argv, isolated_home):
    # Click printed the help (and Typer the completion script) itself: a full
    # disk under `gwr --help > file` said "this is a bug in gwr" (exit 70), and
    # `gwr collect > file` ended in a traceback.
    for lang, said in (("en", "cannot write to standard output ("), ("zh", "无法写入标准输出（")):
        with open("/dev/full", "w") as full:
            # Under a shell (conftest.UNDER_SHELL): Typer's completion looks for it.
            ended = subprocess.run(
                [*UNDER_SHELL, *installed_gwr(), *argv],
                # the language from GWR_LANG: `gwr --lang zh` has a command
                stdout=full,
                stderr=subprocess.PIPE,
                text=True,
                encoding="utf-8",
                env={**os.environ, "GWR_LANG": lang},
            )
        assert ended.returncode == 1 and ended.stderr.count("\n") == 1, ended.stderr
        assert said in ended.stderr


def test_completion_that_cannot_be_installed_is_one_line_not_a_bug(tmp_path):
    home = tmp_path / "a-file"
    home.write_text("", encoding="utf-8")  # the shell's start-up files cannot go under it
    for lang, said in (("en", "cannot install completion into "), ("zh", "无法把命令补全写入")):
        ended = run_installed(
            "--lang",
            lang,
            "--install-completion",
            env={"HOME": str(home), "SHELL": "bash"},
            under_shell=True,
        )
        assert ended.returncode == 1 and ended.stderr.count("\n") == 1, ended.stderr
        assert said in ended.stderr and str(home) in ended.stderr
