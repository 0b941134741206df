"""Property-based tests: the ledger against a simple model, and round-trips."""

from __future__ import annotations

import datetime as dt
import shutil
import string
import tempfile
from pathlib import Path

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from conftest import SHIPPED_REGISTRY
from gwr_cli.errors import GwrError, InputError, RegistryError
from gwr_cli.ledger import Event, append_event, parse_ledger_file, read_ledger, render_event
from gwr_cli.record import plan_task_event, plan_undo
from gwr_cli.registry_load import load_registry
from gwr_cli.status import task_states

REGISTRY = load_registry(SHIPPED_REGISTRY)
TASKS = [
    REGISTRY.task("sewer-pipes-50km"),
    REGISTRY.task("preschool-5080"),
    REGISTRY.task("school-no16"),
]
TODAY = dt.date(2021, 6, 1)


class LedgerAgainstModel(RuleBasedStateMachine):
    """Random command sequences by one author; the ledger must agree with a model
    that knows nothing of events: it just keeps (status, value) per task and a
    stack of snapshots for undo."""

    @initialize()
    def setup(self):
        self.folder = Path(tempfile.mkdtemp(prefix="gwr-prop-"))
        self.model = {t.id: ("not-started", None) for t in TASKS}
        self.snapshots = []

    def teardown(self):
        shutil.rmtree(self.folder, ignore_errors=True)

    def _do(self, task, action, value=None, note=""):
        status, _ = self.model[task.id]
        allowed = {
            "start": status not in ("done", "in-progress"),
            "progress": status != "done",
            "done": status != "done",
            "block": status != "done",
            "note": True,
            "reopen": status in ("done", "blocked"),
        }[action]
        try:
            append_event(
                self.folder,
                "alice",
                lambda ledger: (
                    plan_task_event(
                        ledger, task, action, author="alice", on=TODAY, value=value, note=note
                    ).event
                ),
            )
        except InputError:
            assert not allowed, f"{action} on {status} was refused"
            return
        assert allowed, f"{action} on {status} was accepted"
        self.snapshots.append(dict(self.model))
        self.model[task.id] = self._next(task, action, value)

    def _next(self, task, action, value):
        status, old_value = self.model[task.id]
        if action == "progress":
            full = task.target if task.target is not None else 100
            return ("done" if value >= full else "in-progress", value)
        return {
            "start": ("in-progress", old_value),
            "done": ("done", old_value),
            "block": ("blocked", old_value),
            "note": (status, old_value),
            "reopen": ("in-progress", old_value),
        }[action]

    @rule(
        task=st.sampled_from(TASKS),
        action=st.sampled_from(["start", "done", "block", "note", "reopen"]),
    )
    def act(self, task, action):
        self._do(task, action, note="why" if action in ("block", "note") else "")

    @rule(task=st.sampled_from(TASKS), value=st.integers(min_value=0, max_value=120))
    def progress(self, task, value):
        self._do(task, "progress", value=float(value if task.target else min(value, 100)))

    @precondition(lambda self: self.snapshots)
    @rule()
    def undo(self):
        append_event(
            self.folder,
            "alice",
            lambda ledger: plan_undo(REGISTRY, ledger, author="alice", on=TODAY).event,
        )
        self.model = self.snapshots.pop()

    @invariant()
    def ledger_matches_model(self):
        if not hasattr(self, "folder"):
            return
        states = task_states(REGISTRY, read_ledger(self.folder).events, TODAY)
        for task in TASKS:
            state = states[task.id]
            assert (state.status, state.value) == self.model[task.id], task.id


TestLedgerAgainstModel = LedgerAgainstModel.TestCase
TestLedgerAgainstModel.settings = settings(
    max_examples=25,
    stateful_step_count=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# --- events round-trip --------------------------------------------------------------

any_text = st.text(max_size=200)  # every Unicode code point, controls included
word = st.text(alphabet=string.ascii_lowercase + string.digits + "-", min_size=1, max_size=20)
events = st.builds(
    Event,
    id=word,
    task=word,
    action=st.sampled_from(["start", "done", "block", "note", "reopen"]),
    on=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1)),
    at=st.datetimes(
        min_value=dt.datetime(2000, 1, 1),
        max_value=dt.datetime(2100, 1, 1),
        timezones=st.just(dt.UTC),
    ),
    by=st.text(alphabet=string.ascii_letters + "张李王", min_size=1, max_size=10),
    value=st.none()
    | st.floats(min_value=-1e9, max_value=1e9, allow_nan=False)
    | st.integers(min_value=0, max_value=10**9).map(float),
    note=any_text,
)


@given(batch=st.lists(events, min_size=1, max_size=5, unique_by=lambda e: e.id))
@settings(max_examples=150, deadline=None)
def test_events_round_trip_exactly(batch):
    data = b"".join(render_event(e, new_file=i == 0) for i, e in enumerate(batch))
    back = parse_ledger_file(Path("x.toml"), data)
    fields = ("id", "task", "action", "on", "at", "by", "value", "note")
    assert [tuple(getattr(e, f) for f in fields) for e in back] == [
        tuple(getattr(e, f) for f in fields) for e in batch
    ]


@given(garbage=st.binary(max_size=300) | any_text.map(str.encode))
@settings(max_examples=200, deadline=None)
def test_any_ledger_bytes_parse_or_give_a_clear_error(garbage):
    try:
        parse_ledger_file(Path("x.toml"), garbage)
    except GwrError as error:
        assert "x.toml" in str(error)


# --- registries round-trip ----------------------------------------------------------

REPORT_TEXT = (Path(SHIPPED_REGISTRY).with_name("report.txt")).read_text(encoding="utf-8")
ids = st.from_regex(r"[a-z][a-z0-9-]{0,15}", fullmatch=True)
sources = st.integers(0, len(REPORT_TEXT) - 20).flatmap(
    lambda start: st.integers(1, 20).map(lambda n: REPORT_TEXT[start : start + n])
)


@st.composite
def registries(draw):
    area_keys = draw(st.lists(ids, min_size=1, max_size=4, unique=True))
    task_ids = draw(st.lists(ids, min_size=0, max_size=6, unique=True))
    tasks = []
    for task_id in task_ids:
        task = {
            "id": task_id,
            "title": draw(any_text.filter(lambda t: t.strip())),
            "title_en": draw(st.text(max_size=30)),
            "area": draw(st.sampled_from(area_keys)),
            "chapter": 1,
            "deadline": draw(st.dates(dt.date(2021, 3, 1), dt.date(2030, 1, 1))),
            "source": draw(sources),
        }
        if draw(st.booleans()):
            task["target"] = draw(st.integers(1, 10**6))
            task["unit"] = draw(st.text(min_size=1, max_size=4))
            task["unit_en"] = task["unit"]
        tasks.append(task)
    return {
        "schema": 1,
        "report": {
            "id": "r",
            "title": "报告",
            "title_en": "Report",
            "region": "区",
            "year": 2021,
            "delivered": dt.date(2021, 2, 24),
            "text": "report.txt",
            "chapters": [{"number": 1, "title": "一", "title_en": "One"}],
        },
        "areas": {k: {"name": draw(any_text), "name_en": k} for k in area_keys},
        "tasks": tasks,
    }


def _write(folder: Path, document) -> Path:
    (folder / "report.txt").write_text(REPORT_TEXT, encoding="utf-8")
    path = folder / "tasks.toml"
    path.write_text(tomli_w.dumps(document), encoding="utf-8")
    return path


@given(document=registries())
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_registry_round_trip(document):
    with tempfile.TemporaryDirectory() as folder:
        registry = load_registry(_write(Path(folder), document))
    assert [t.id for t in registry.tasks] == [t["id"] for t in document["tasks"]]
    for task, raw in zip(registry.tasks, document["tasks"], strict=True):
        assert (task.title, task.area, task.deadline, task.source, task.target) == (
            raw["title"],
            raw["area"],
            raw["deadline"],
            raw["source"],
            raw.get("target"),
        )
    assert {k: a.name for k, a in registry.areas.items()} == {
        k: v["name"] for k, v in document["areas"].items()
    }


BREAKAGES = [
    lambda d: d["tasks"][0].update(area="no-such-area"),
    lambda d: d["tasks"][0].update(deadline="2021-12-31"),
    lambda d: d["tasks"][0].pop("source"),
    lambda d: d["tasks"][0].update(source="这句话不在报告里的某处XYZ"),
    lambda d: d["tasks"].append(dict(d["tasks"][0])),
    lambda d: d["tasks"][0].update(chapter=True),
    lambda d: d["tasks"][0].update(id="Bad Id"),
    lambda d: d.update(schema=0),
]


@given(document=registries().filter(lambda d: d["tasks"]), breakage=st.sampled_from(BREAKAGES))
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_broken_registries_are_refused_with_a_message(document, breakage):
    breakage(document)
    with tempfile.TemporaryDirectory() as folder:
        path = _write(Path(folder), document)
        try:
            load_registry(path)
        except RegistryError as error:
            assert str(path) in str(error) and "\n" not in str(error)
        else:
            raise AssertionError("a broken registry was accepted")


@given(garbage=st.binary(max_size=300) | any_text.map(str.encode))
@settings(max_examples=100, deadline=None)
def test_any_registry_bytes_load_or_give_a_clear_error(garbage):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "tasks.toml"
        path.write_bytes(garbage)
        try:
            load_registry(path)
        except RegistryError as error:
            assert str(path) in str(error)


# --- the one tally: both partitions, status and summary agree ------------------------

HISTORY_TASKS = [t.id for t in REGISTRY.tasks[:6]] + [
    "sewer-pipes-50km",
    "admin-centre-demolition",
]
history_event = st.builds(
    lambda n, task, action, on, value: Event(
        id=f"h{n}",
        task=task,
        action=action,
        on=on,
        at=dt.datetime(2021, 1, 1, tzinfo=dt.UTC) + dt.timedelta(seconds=n),
        by="ab"[n % 2],
        value=value if action == "progress" else None,
        note="n" if action in ("block", "note") else "",
        seq=n,
    ),
    st.integers(0, 10**6),
    st.sampled_from(HISTORY_TASKS),
    st.sampled_from(["start", "progress", "done", "block", "note", "reopen"]),
    st.dates(min_value=dt.date(2021, 1, 1), max_value=dt.date(2022, 3, 1)),
    st.floats(min_value=0, max_value=120, allow_nan=False),
)


@given(
    history=st.lists(history_event, max_size=40, unique_by=lambda e: e.id),
    as_of=st.dates(min_value=dt.date(2020, 12, 1), max_value=dt.date(2022, 6, 1)),
)
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_partitions_sum_to_the_total_and_status_agrees_with_summary(history, as_of):
    from gwr_cli.dates import week_bounds
    from gwr_cli.schedule_lights import lights, schedules
    from gwr_cli.summary_build import build_summary
    from gwr_cli.tally import by_area, by_chapter, count, grouped, tally_of

    states = task_states(REGISTRY, history, as_of)
    scheduled = schedules(REGISTRY, states, as_of)
    lit = lights(REGISTRY, states, as_of)
    tally = count(states.values(), scheduled, lit)
    assert sum(tally.light_counts().values()) == tally.total
    assert tally.done + tally.in_progress + tally.not_started == tally.total == 73
    assert tally.blocked <= tally.in_progress and tally.blocked_not_started <= tally.not_started
    schedule_counts = tally.schedule_counts()
    assert sum(schedule_counts.values()) == 73
    for grouping in (by_area(REGISTRY), by_chapter(REGISTRY)):
        groups = grouped(states.values(), scheduled, grouping)
        assert sum(t.total for t in groups.values()) == 73
        assert sum(t.done for t in groups.values()) == tally.done
        assert sum(t.overdue for t in groups.values()) == tally.overdue
    monday, sunday = week_bounds(None, as_of)
    summary = build_summary(REGISTRY, history, monday, sunday, as_of)
    assert summary.counts == tally.to_data()
    assert tally_of(summary.counts) == tally
    assert [a.counts for a in summary.areas] == [
        t.to_data() for t in grouped(states.values(), scheduled, by_area(REGISTRY), lit).values()
    ]


def _reference_tally(states, scheduled, lit):
    """The tally worked out one task at a time, the plain way (the oracle for
    `tally.counted`, which counts tasks by kind)."""
    from gwr_cli.tally import Tally

    fields = dict.fromkeys(Tally._fields, 0)
    fields.update(investment_yuan=0.0, district_investment_yuan=0.0, lit=lit is not None)
    column = {"on-track": "on_track", "not-started": "late_start"}
    for state in states:
        task = state.task
        fields["total"] += 1
        if state.status == "done":
            fields["done"] += 1
        elif state.started_on is not None:
            fields["in_progress"] += 1
            fields["blocked"] += state.status == "blocked"
        else:
            fields["not_started"] += 1
            fields["blocked_not_started"] += state.status == "blocked"
        kind = scheduled[task.id].state
        if kind != "done":
            fields[column.get(kind, kind)] += 1
        if lit is not None:
            fields[lit[task.id].color] += 1
        if task.investment_yuan:
            money = (
                "district_investment_yuan"
                if task.investment_kind == "district"
                else "investment_yuan"
            )
            fields[money] += task.investment_yuan
    return Tally(**fields)


@given(
    history=st.lists(history_event, max_size=40, unique_by=lambda e: e.id),
    as_of=st.dates(min_value=dt.date(2020, 12, 1), max_value=dt.date(2022, 6, 1)),
    with_lights=st.booleans(),
    memberships=st.lists(
        st.sampled_from([(), ("x",), ("y",), ("x", "y"), ("z",)]), min_size=73, max_size=73
    ),
)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_counted_equals_a_tally_made_task_by_task(history, as_of, with_lights, memberships):
    """`counted` (kinds counted in C) gives exactly what counting every task
    gives, overall and per group: one group per task, several (a task with two
    lead units), none, and keys outside the grouping's order (kept after it)."""
    from gwr_cli.schedule_lights import lights, schedules
    from gwr_cli.tally import Grouping, by_area, by_chapter, count, counted

    states = task_states(REGISTRY, history, as_of)
    scheduled = schedules(REGISTRY, states, as_of)
    lit = lights(REGISTRY, states, as_of) if with_lights else None
    reference = _reference_tally(states.values(), scheduled, lit)
    assert count(states.values(), scheduled, lit) == reference
    member_of = dict(zip([t.id for t in REGISTRY.tasks], memberships, strict=True))
    odd = Grouping("odd", lambda task: member_of[task.id], ("y", "x", "unused"), {})
    for grouping in (by_area(REGISTRY), by_chapter(REGISTRY), odd):
        overall, groups = counted(states.values(), scheduled, grouping, lit)
        assert overall == reference
        members: dict[str, list] = {key: [] for key in grouping.order}
        for state in states.values():
            for key in grouping.keys(state.task):
                members.setdefault(key, []).append(state)
        expected = {
            key: _reference_tally(group, scheduled, lit) for key, group in members.items() if group
        }
        assert list(groups) == list(expected)
        assert groups == expected
