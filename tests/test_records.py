"""records.Record: record types declared as typing.NamedTuple is, made by
collections.namedtuple without importing typing (a read command imports none)."""

from __future__ import annotations

import datetime as dt
import pickle
import subprocess
import sys
import typing

import pytest

from gwr_cli.records import Record, field_types


class Milestone(Record):
    """A 节点目标, for these tests."""

    due: dt.date
    target: str
    percent: float | None = None
    units: tuple[str, ...] = ()

    @property
    def late(self) -> bool:
        return self.due < dt.date(2021, 6, 30)

    def labelled(self, prefix: str) -> str:
        return f"{prefix}{self.target}"


class TypedMilestone(typing.NamedTuple):
    due: dt.date
    target: str
    percent: float | None = None
    units: tuple[str, ...] = ()


def test_a_record_is_the_namedtuple_typing_would_make():
    made = Milestone(dt.date(2021, 5, 1), "开工")
    typed = TypedMilestone(dt.date(2021, 5, 1), "开工")
    assert made == typed == (dt.date(2021, 5, 1), "开工", None, ())
    assert Milestone._fields == TypedMilestone._fields == ("due", "target", "percent", "units")
    assert Milestone._field_defaults == TypedMilestone._field_defaults
    assert repr(made) == repr(typed).replace("TypedMilestone", "Milestone")
    assert made._replace(percent=50.0).percent == 50.0
    assert made._asdict() == typed._asdict()
    assert Milestone._make(typed) == made
    assert isinstance(made, tuple) and not isinstance(made, Record)
    assert (Milestone.__module__, Milestone.__qualname__) == (__name__, "Milestone")
    assert Milestone.__doc__ == "A 节点目标, for these tests."
    # The body's methods and properties are the record's; the fields stay read-only.
    assert made.late and made.labelled("节点：") == "节点：开工"
    with pytest.raises(AttributeError):
        made.target = "完工"  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(made)) == made


def test_field_types_resolves_string_annotations_in_the_declaring_module():
    # This module has `from __future__ import annotations`: strings here.
    assert Milestone.__annotations__["due"] == "dt.date"
    assert field_types(Milestone) == {
        "due": dt.date,
        "target": str,
        "percent": float | None,
        "units": tuple[str, ...],
    }
    assert field_types(Milestone) == typing.get_type_hints(TypedMilestone)
    # typing.NamedTuple keeps them as ForwardRefs: resolved alike.
    assert field_types(TypedMilestone) == typing.get_type_hints(TypedMilestone)


def test_a_record_body_that_namedtuple_would_refuse_is_refused():
    with pytest.raises(TypeError, match="follows one with"):

        class Late(Record):
            percent: float = 0.0
            target: str

    with pytest.raises(TypeError, match="_replace"):

        class Replacing(Record):
            target: str

            def _replace(self, **changes):  # type: ignore[override]
                return self

    with pytest.raises(TypeError, match="only base"):

        class Mixed(Record, dict):  # type: ignore[misc]
            target: str


@pytest.mark.parametrize(
    "argv", [["status"], ["list"], ["show", "school-no16"], ["status", "--by", "unit"]]
)
def test_a_read_command_imports_no_typing_nor_the_ledger_writer(argv, isolated_home):
    # `typing` costs about 3 ms of each command's start (records.py). The
    # first run parses the registry (its TOML parser may import typing) and
    # fills the cache; the second is the warm run every later one is.
    recorded = [sys.executable, "-m", "gwr_cli", "done", "school-no16", "--on", "2021-05-01"]
    subprocess.run(recorded, capture_output=True, check=True)
    command = [sys.executable, "-X", "importtime", "-m", "gwr_cli", *argv]
    subprocess.run(command, capture_output=True, check=True)
    run = subprocess.run(command, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    imported = {line.rpartition("|")[2].strip() for line in run.stderr.splitlines()}
    assert "gwr_cli.workspace" in imported
    assert "typing" not in imported and "rich" not in imported
    # Nor the ledger's writing and parsing (ledger.py and the contextlib it
    # imports, ~0.6 ms): a warm read comes from the folded cache and lists the
    # files (journal.ledger_files).
    # (`show` prints the task's history, which it reads from the ledger.)
    assert ("gwr_cli.ledger" in imported) == (argv[0] == "show")


class Plain(Record):
    due: dt.date
    target: str
    percent: float | None = None
    units: tuple[str, ...] = ()


def test_a_record_class_behaves_as_namedtuple_makes_it_in_every_detail():
    """records.py makes the class itself (no per-class compile): the same
    constructor, methods, messages, docs, copies and matching as namedtuple."""
    import copy
    import inspect
    from collections import namedtuple

    made = namedtuple("Plain", ["due", "target", "percent", "units"], defaults=[None, ()])
    assert inspect.signature(Plain) == inspect.signature(made)
    assert Plain.__new__.__defaults__ == made.__new__.__defaults__ == (None, ())
    assert Plain.__new__.__doc__ == made.__new__.__doc__
    assert Plain.__doc__ == made.__doc__ == "Plain(due, target, percent, units)"
    assert Plain.__match_args__ == made.__match_args__
    assert Plain.percent.__doc__ == made.percent.__doc__ == "Alias for field number 2"
    record = Plain(target="开工", due=dt.date(2021, 5, 1))
    other = made(target="开工", due=dt.date(2021, 5, 1))
    assert record == other and repr(record) == repr(other) and hash(record) == hash(other)
    assert record._asdict() == other._asdict()
    assert copy.copy(record) == copy.deepcopy(record) == record
    assert type(copy.deepcopy(record)) is Plain
    for build in (Plain, made):
        with pytest.raises(TypeError, match="missing 1 required positional argument: 'target'"):
            build(dt.date(2021, 5, 1))
        with pytest.raises(TypeError, match="unexpected keyword argument 'late'"):
            build(dt.date(2021, 5, 1), "开工", late=True)
        with pytest.raises(TypeError, match="Expected 4 arguments, got 2"):
            build._make([1, 2])
        with pytest.raises(ValueError, match=r"Got unexpected field names: \['late'\]"):
            build(dt.date(2021, 5, 1), "开工")._replace(late=True)
    match record:
        case Plain(due, "开工", None):
            assert due == dt.date(2021, 5, 1)
        case _:
            raise AssertionError("no match")
    with pytest.raises(ValueError, match="underscore"):

        class Hidden(Record):
            _secret: str


def test_record_types_of_any_arity_are_made():
    class Empty(Record):
        pass

    wide = {f"f{n}": int for n in range(25)}
    Wide = type(Record)("Wide", (Record,), {"__annotations__": wide, "__module__": __name__,
                                            "f24": 7})  # fmt: skip
    assert Empty() == () and repr(Empty()) == "Empty()"
    assert Wide(*range(24)) == (*range(24), 7) and Wide(*range(24)).f23 == 23
    assert Wide(**{f"f{n}": n for n in range(25)}).f24 == 24
