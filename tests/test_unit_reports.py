"""未报送单位: lead units with no report in a period, and each unit's last report.

Rule under test: an event counts for a unit when its `unit` field names it or
its task is one the unit leads; by the date it happened; undone events never.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

from conftest import SHIPPED_REGISTRY, make_event
from gwr_cli.assignments import load_assignments
from gwr_cli.periods import parse_period
from gwr_cli.registry_load import load_registry
from gwr_cli.unit_reports import last_reports, reports_in, units_without_reports

D = dt.date
REGISTRY = load_registry(SHIPPED_REGISTRY)
ASSIGNMENTS = load_assignments(Path(__file__).parent / "data" / "assignments.toml", REGISTRY, "en")
MAY = parse_period("month", "2021-05", D(2021, 6, 1), "en")
LEAD_UNITS = ("区水务局", "区教育局", "区商务局", "拱北街道", "区城市更新局", "区发展改革局")


def ev(task, action, on, cancels=""):
    return make_event(task, action, on, 10 if action == "progress" else None, cancels=cancels)


def by_unit(task, on, unit, action="note"):
    """An event as it will look once events carry `unit` (issue 11's --unit)."""
    return SimpleNamespace(id=f"{task}-{unit}-{on}", task=task, action=action, on=on,
                           cancels="", unit=unit)  # fmt: skip


def test_with_no_events_every_lead_unit_did_not_report():
    assert units_without_reports(ASSIGNMENTS, [], MAY) == LEAD_UNITS


def test_a_report_on_a_task_counts_for_each_of_its_lead_units():
    events = [
        ev("sewer-pipes-50km", "progress", D(2021, 5, 20)),
        ev("mall-haiyin", "note", D(2021, 5, 31)),  # two lead units, both reported
        ev("gdp-growth", "indicator", D(2021, 5, 1)),  # an assigned indicator counts too
        ev("school-no16", "start", D(2021, 4, 30)),  # April: not in May
        ev("kindergartens-open-5", "done", D(2021, 6, 1)),  # June: not in May
    ]
    assert units_without_reports(ASSIGNMENTS, events, MAY) == ("区教育局", "区城市更新局")


def test_undone_events_do_not_count():
    done = ev("admin-centre-demolition", "progress", D(2021, 5, 3))
    events = [done, ev("admin-centre-demolition", "undo", D(2021, 5, 4), cancels=done.id)]
    assert "区城市更新局" in units_without_reports(ASSIGNMENTS, events, MAY)
    assert "区城市更新局" not in units_without_reports(ASSIGNMENTS, [done], MAY)


def test_an_event_naming_its_unit_counts_for_that_unit():
    events = [
        by_unit("phoenix-valley", D(2021, 5, 6), "区教育局"),  # unassigned task, named unit
        by_unit("sewer-pipes-50km", D(2021, 5, 7), "前山街道"),  # a partner reports
    ]
    missing = units_without_reports(ASSIGNMENTS, events, MAY)
    assert "区教育局" not in missing
    assert "区水务局" not in missing  # the task it leads was reported on
    assert "前山街道" not in missing  # partners are never listed as non-reporting


def test_as_of_caps_the_period():
    events = [ev("sewer-pipes-50km", "progress", D(2021, 5, 20))]
    assert "区水务局" in units_without_reports(ASSIGNMENTS, events, MAY, as_of=D(2021, 5, 15))
    assert "区水务局" not in units_without_reports(ASSIGNMENTS, events, MAY, as_of=D(2021, 5, 20))


def test_no_assignments_no_units():
    empty = load_assignments(Path("/nonexistent/assignments.toml"), REGISTRY, "en")
    assert units_without_reports(empty, [ev("sewer-pipes-50km", "note", D(2021, 5, 2))], MAY) == ()


def test_last_report_of_every_unit():
    events = [
        ev("sewer-pipes-50km", "progress", D(2021, 5, 20)),
        ev("sewer-pipes-50km", "note", D(2021, 4, 2)),
        by_unit("sewer-pipes-50km", D(2021, 6, 3), "南屏镇"),
        ev("school-no16", "start", D(2021, 3, 1)),
    ]
    latest = last_reports(ASSIGNMENTS, events, as_of=D(2021, 6, 1))
    assert latest["区水务局"] == D(2021, 5, 20)
    assert latest["区教育局"] == D(2021, 3, 1)
    assert latest["南屏镇"] is None  # its report came after the as-of date
    assert latest["区商务局"] is None
    assert set(latest) == {unit.name for unit in ASSIGNMENTS.units()}
    assert last_reports(ASSIGNMENTS, events)["南屏镇"] == D(2021, 6, 3)


def test_reports_in_is_both_answers_from_one_pass():
    # The summary asks for both; one pass over the events gives the same.
    done = ev("admin-centre-demolition", "progress", D(2021, 5, 3))
    events = [
        ev("sewer-pipes-50km", "progress", D(2021, 4, 20)),
        ev("mall-haiyin", "note", D(2021, 5, 31)),
        done,
        ev("admin-centre-demolition", "undo", D(2021, 5, 4), cancels=done.id),
        by_unit("phoenix-valley", D(2021, 5, 6), "区教育局"),
        by_unit("mall-haiyin", D(2021, 5, 7), "区商务局"),  # a lead unit naming itself
        ev("kindergartens-open-5", "done", D(2021, 6, 1)),
    ]
    for as_of in (None, D(2021, 5, 6), D(2021, 7, 1)):
        last, silent = reports_in(ASSIGNMENTS, events, MAY, as_of)
        assert last == last_reports(ASSIGNMENTS, events, as_of)
        assert silent == units_without_reports(ASSIGNMENTS, events, MAY, as_of)
    assert reports_in(ASSIGNMENTS, events, MAY)[1] == ("区水务局", "区城市更新局", "区发展改革局")
