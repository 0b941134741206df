"""Shared fixtures. Every test runs with GWR_HOME in a temp dir: no test ever
touches the user's real data."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gwr_cli.cli import app
from gwr_cli.paths import packaged_registry

SHIPPED_REGISTRY = packaged_registry()
SHIPPED_REPORT = SHIPPED_REGISTRY.with_name("report.txt")


@pytest.fixture(autouse=True, scope="session")
def real_data_untouched():
    """Fail loudly if any test wrote to the user's real gwr folder."""
    from gwr_cli.paths import default_home

    real = default_home()

    def snapshot():
        return (
            sorted((str(p), p.stat().st_mtime_ns) for p in real.rglob("*"))
            if real.exists()
            else None
        )

    before = snapshot()
    yield
    assert snapshot() == before, f"a test wrote to the real gwr data folder {real}"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "gwr-home"
    monkeypatch.setenv("GWR_HOME", str(home))
    monkeypatch.setenv("GWR_USER", "tester")
    monkeypatch.setenv("GWR_LANG", "en")
    monkeypatch.setenv("GWR_LOCK_TIMEOUT", "5")
    for variable in ("GWR_REGISTRY", "GWR_DEBUG", "GWR_TEST_PAUSE_AT", "NO_COLOR"):
        monkeypatch.delenv(variable, raising=False)
    return home


@pytest.fixture
def ledger_dir(isolated_home: Path) -> Path:
    return isolated_home / "ledger"


class Gwr:
    """Runs gwr in-process through Typer's CliRunner."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, env: dict[str, str] | None = None):
        return self.runner.invoke(app, list(args), env=env, catch_exceptions=False)

    def ok(self, *args: str, env: dict[str, str] | None = None):
        result = self(*args, env=env)
        assert result.exit_code == 0, (result.stdout, result.stderr)
        return result


@pytest.fixture
def gwr() -> Gwr:
    return Gwr()


def copy_registry(target_dir: Path, edit: Callable[[str], str] = lambda text: text) -> Path:
    """The shipped registry and report copied to target_dir, text edited."""
    target_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy(SHIPPED_REPORT, target_dir / "report.txt")
    registry = target_dir / "tasks.toml"
    registry.write_text(edit(SHIPPED_REGISTRY.read_text(encoding="utf-8")), encoding="utf-8")
    return registry


def installed_gwr() -> list[str]:
    """The installed console script, as a user would run it."""
    script = shutil.which("gwr", path=str(Path(sys.executable).parent))
    assert script, "the gwr console script is not installed next to this Python"
    return [script]


# Runs a command under bash that stays its parent (`; exit` keeps bash from
# exec'ing it): Typer's completion finds the shell by the parent processes,
# which a detached test run (CI, a background job) may not have otherwise.
UNDER_SHELL = ["bash", "-c", '"$@"; exit $?', "gwr"]


def run_installed(
    *args: str, env: dict[str, str] | None = None, under_shell: bool = False, **kwargs
):
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [*(UNDER_SHELL if under_shell else []), *installed_gwr(), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=full_env,
        timeout=kwargs.pop("timeout", 60),
        **kwargs,
    )


_EVENT_COUNTER = iter(range(1, 10**9))


def make_event(task, action, on, value=None, *, cancels="", by="t", note=""):
    """A ledger event for pure-core tests: unique id, recorded in the order made."""
    import datetime as dt

    from gwr_cli.ledger import Event

    n = next(_EVENT_COUNTER)
    return Event(
        id=f"e{n}",
        task=task,
        action=action,
        on=on,
        at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC) + dt.timedelta(seconds=n),
        by=by,
        value=value,
        cancels=cancels,
        note=note,
        seq=n,
    )


def stored_event(task="school-no16", action="note", by="tester", **fields):
    """An event as `gwr` would append it (a fresh id, recorded now) for storage
    tests; any Event field can be given by name (id, on, at, value, note…)."""
    import datetime as dt

    from gwr_cli.ledger import Event, new_event_id, now_utc

    return Event(
        id=fields.pop("id", new_event_id()),
        task=task,
        action=action,
        on=fields.pop("on", dt.date(2021, 5, 9)),
        at=fields.pop("at", now_utc()),
        by=by,
        **fields,
    )
