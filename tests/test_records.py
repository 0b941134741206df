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
