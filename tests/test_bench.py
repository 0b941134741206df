"""The benchmark harness runs (timing itself lives in bench/, never here), and
start-up stays lean: no command imports Rich unless it draws for a terminal."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from gwr_cli.registry_load import load_registry

BENCH = Path(__file__).resolve().parents[1] / "bench"


def test_generator_writes_a_valid_registry_and_ledger(tmp_path):
    subprocess.run(
        [
            sys.executable,
            str(BENCH / "generate.py"),
            str(tmp_path),
            "--tasks",
            "30",
            "--events",
            "120",
            "--authors",
            "3",
            "--reserve",
            "5",
        ],
        check=True,
    )
    registry = load_registry(tmp_path / "tasks.toml")
    assert len(registry.tasks) == 30 and len(registry.areas) == 20
    assert any("\u4e00" <= ch <= "\u9fff" for ch in registry.tasks[0].title)
    from gwr_cli.ledger import read_ledger

    events = read_ledger(tmp_path / "home" / "ledger").events
    assert len(events) == 120 and len({e.by for e in events}) == 3
    reserved = {t.id for t in registry.tasks[-5:]}
    assert not reserved & {e.task for e in events}


def test_generator_writes_a_valid_assignments_file(tmp_path):
    args = ["--tasks", "40", "--events", "50", "--authors", "2", "--units", "6"]
    subprocess.run([sys.executable, str(BENCH / "generate.py"), str(tmp_path), *args], check=True)
    from gwr_cli.assignments import load_assignments

    registry = load_registry(tmp_path / "tasks.toml")
    assignments = load_assignments(tmp_path / "home" / "assignments.toml", registry, "en")
    assert len(assignments) == 40 and 1 < len(assignments.units()) <= 6
    assert all(assignments.get(t.id).lead for t in registry.tasks)


@pytest.mark.slow
def test_harness_runs_on_a_tiny_size():
    result = subprocess.run(
        [
            sys.executable,
            str(BENCH / "run.py"),
            "--runs",
            "1",
            "--tasks",
            "60",
            "--events",
            "300",
            "--shipped-events",
            "100",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert set(report["floors_ms"]) == {"plain", "render"}
    commands = {"list", "list --area", "status", "show", "summary", "export", "done", "progress",
                "status --by unit", "units", "summary --month", "collect status"}  # fmt: skip
    sizes = {row["size"] for row in report["rows"]}
    assert sizes == {"shipped", "60t/300e", "60t/600e", "growth 2x events"}
    for size in ("shipped", "60t/300e", "60t/600e"):
        assert {r["command"] for r in report["rows"] if r["size"] == size} == commands
    assert all(r["median_ms"] > 0 and r["peak_mb"] > 0 for r in report["rows"])


@pytest.mark.parametrize(
    "args",
    [
        ["done", "school-no16", "--on", "2021-05-01"],
        ["summary"],
        ["export"],
        ["list", "--format", "json"],
        ["list"],
        ["status"],
        ["indicator", "list"],
    ],
)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_piped_commands_do_not_import_rich(args, lang):
    """Piped output needs no Rich console or table; Chinese text is measured
    with rich.cells alone (messages.cell_width)."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "gwr_cli", "--lang", lang, *args],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    imported = [
        line.rsplit("|", 1)[-1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:")
    ]
    assert imported, "no import timing was printed"
    measure = ("rich", "rich._extension", "rich.cells", "rich._unicode_data")
    assert not [
        m
        for m in imported
        if (m == "rich" or m.startswith("rich."))
        and not (m in measure or m.startswith("rich._unicode_data."))
    ]


def test_paired_only_selects_names_that_hold_a_comma():
    """`bench/paired.py --only` split on commas, so "status, cold" could never
    be chosen: names holding a comma are matched whole, and ';' separates too."""
    sys.path.insert(0, str(BENCH))
    try:
        from paired import chosen
    finally:
        sys.path.remove(str(BENCH))
    names = ["status", "list", "list --area", "summary", "status, cold"]
    assert chosen("status, cold", names) == ["status, cold"]
    assert chosen("status,cold", names) == ["status, cold"]
    assert chosen("list, status, cold", names) == ["list", "status, cold"]
    assert chosen("status;status, cold", names) == ["status", "status, cold"]
    assert chosen("status,list --area", names) == ["status", "list --area"]
    assert chosen(" summary ; list ", names) == ["list", "summary"]
    assert chosen("nothing", names) == []


def test_the_harness_waits_out_gwrs_racy_window(monkeypatch):
    from gwr_cli import cache

    monkeypatch.syspath_prepend(str(BENCH))
    import run

    assert run.RACY_SECONDS * 10**9 == cache.RACY_NS
