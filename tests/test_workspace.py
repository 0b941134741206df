"""The core a command calls, driven without Typer."""

from __future__ import annotations

import datetime as dt

import pytest

from gwr_cli.errors import InputError
from gwr_cli.workspace import Workspace


@pytest.fixture
def workspace() -> Workspace:
    return Workspace(as_of_option=dt.date(2021, 7, 1), lang="en")


def test_record_returns_what_changed_and_show_agrees(workspace):
    change = workspace.record("sewer", "progress", on="2021-05-01", value="32")
    assert (change.before.status, change.after.status) == ("not-started", "in-progress")
    assert change.after.value == 32 and change.event.on == dt.date(2021, 5, 1)
    done = workspace.record("sewer", "done", on="2021-05-02", note="验收")
    assert (done.after.status, done.after.value, done.after.done_on) == (
        "done",
        32,
        dt.date(2021, 5, 2),
    )
    shown = workspace.states(["sewer-pipes-50km"])["sewer-pipes-50km"]
    assert shown._replace(events=()) == done.after._replace(events=())  # what show shows
    assert [e.id for e in shown.events] == [e.id for e in done.after.events]


def test_record_refuses_bad_input_and_future_dates(workspace, isolated_home):
    with pytest.raises(InputError, match="in the future"):
        workspace.record("sewer", "start", on="2999-01-01")
    with pytest.raises(InputError, match="not a date"):
        workspace.record("sewer", "start", on="01/05/2021")
    with pytest.raises(InputError, match="unknown task"):
        workspace.record("sewr", "start", on="2021-05-01")
    assert not (isolated_home / "ledger").exists()


def test_undo_and_indicator(workspace):
    workspace.record("school-no16", "done", on="2021-05-01")
    (undone,) = workspace.undo(on="2021-05-02")
    assert undone.undone.action == "done" and undone.after.status == "not-started"
    event = workspace.set_indicator("gdp-growth", "6.8", on="2021-06-30")
    assert (event.task, event.value) == ("gdp-growth", 6.8)


def test_counts_grouped_by_area_and_by_chapter(workspace):
    workspace.record("school-no16", "done", on="2021-05-01")
    by_area, by_chapter = workspace.counts("area"), workspace.counts("chapter")
    assert by_area.overall == by_chapter.overall
    assert by_area.overall.done == 1 and by_area.groups["education"].done == 1
    assert by_chapter.groups["5"].done == 1
    assert sum(t.total for t in by_chapter.groups.values()) == 73
    data = by_chapter.to_data()
    assert data["grouping"] == "chapter" and data["groups"][0]["key"] == "1"


def test_summary_counts_equal_status_counts(workspace):
    workspace.record("sewer", "progress", on="2021-06-28", value="10")
    assert workspace.summary("2021-W26").counts == workspace.counts().overall.to_data()


def test_contradictions_of_a_merged_ledger(workspace, ledger_dir):
    workspace.record("school-no16", "done", on="2021-05-01")
    (ledger_dir / "other.toml").write_text(
        '[[events]]\nid = "x1"\ntask = "school-no16"\naction = "block"\nnote = "n"\n'
        'on = 2021-05-03\nat = 2021-05-03T01:00:00Z\nby = "other"\n',
        encoding="utf-8",
    )
    found = workspace.contradictions()
    assert [(c.event.id, c.status) for c in found] == [("x1", "done")]


def test_one_command_keeps_one_today_across_midnight(monkeypatch):
    import gwr_cli.dates as dates

    days = iter([dt.date(2021, 6, 30), dt.date(2021, 7, 1)])
    monkeypatch.setattr(dates, "today", lambda zone=None: next(days))
    session = Workspace()
    assert session.as_of == dt.date(2021, 6, 30)
    assert session.as_of == session.today() == dt.date(2021, 6, 30)  # not the next day
