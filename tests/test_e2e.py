"""End-to-end: the installed `gwr` in a subprocess, as a user runs it."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from rich.cells import cell_len

from conftest import run_installed


def test_fresh_home_status_then_record_and_see_it(isolated_home):
    first = run_installed("status", "--as-of", "2021-06-30")
    assert first.returncode == 0, first.stderr
    assert "73 concrete tasks: 0 done" in first.stdout
    # reading records nothing; at most it leaves a parse cache
    assert not (isolated_home / "ledger").exists()
    assert {p.name for p in isolated_home.iterdir()} <= {"cache"}

    recorded = run_installed("progress", "sewer-pipes-50km", "32", "--on", "2021-06-01")
    assert recorded.returncode == 0, recorded.stderr
    assert "32/50 km" in recorded.stdout
    done = run_installed("done", "school-no16", "--on", "2021-06-02")
    assert done.returncode == 0

    status = run_installed("--lang", "zh", "status", "--as-of", "2021-06-30")
    assert "共73项具体工作，已完成1项（1.3%），正在推进1项，未启动71项。" in status.stdout
    listing = json.loads(
        run_installed(
            "list", "--format", "json", "--status", "in-progress", "--as-of", "2021-06-30"
        ).stdout
    )
    assert [(t["id"], t["value"]) for t in listing] == [("sewer-pipes-50km", 32)]


def test_bad_input_from_the_installed_command():
    result = run_installed("done", "sewr")
    assert result.returncode == 1
    assert result.stderr == "gwr: error: unknown task 'sewr' — did you mean 'sewer-pipes-50km'?\n"
    assert result.stdout == ""


def test_python_dash_m_runs_the_same_app():
    result = subprocess.run(
        [sys.executable, "-m", "gwr_cli", "--version"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and result.stdout.startswith("gwr ")


def test_piped_output_is_plain_and_aligned_with_chinese_text():
    result = run_installed("--lang", "zh", "list", "--as-of", "2021-06-30")
    assert "\x1b[" not in result.stdout
    lines = [line for line in result.stdout.splitlines() if "2021-" in line]
    assert len(lines) >= 70
    # The deadline column starts at the same display cell on every row, though
    # titles mix full-width Chinese and ASCII characters.
    columns = {cell_len(line[: line.index("2021-")]) for line in lines}
    assert len(columns) == 1
    assert all(line == line.rstrip() for line in result.stdout.splitlines())


def test_colour_when_forced_and_none_with_no_color():
    coloured = run_installed("list", "--area", "water", env={"FORCE_COLOR": "1"})
    assert re.search(r"\x1b\[[0-9;]*3[0-9]m", coloured.stdout)
    plain = run_installed("list", "--area", "water", env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert not re.search(r"\x1b\[[0-9;]*3[0-9]m", plain.stdout)


def test_chinese_is_the_default_in_a_chinese_locale(monkeypatch):
    monkeypatch.delenv("GWR_LANG")
    result = run_installed("status", env={"LANG": "zh_CN.UTF-8", "LC_ALL": ""})
    assert "共73项具体工作" in result.stdout
    english = run_installed("status", env={"LANG": "en_US.UTF-8", "LC_ALL": ""})
    assert "73 concrete tasks" in english.stdout
