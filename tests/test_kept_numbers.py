"""Numbers are kept as typed, or refused in one line (events.parse_number, kept_problem).

The fault as first seen: `gwr progress unicorns-5 12345678901234567890123` was
recorded as the float 1.2345678901234568e+22 and confirmed as
12345678901234567741440, and `1e400` was called "not a number". One rule now
holds every number a user or a file gives gwr: at most 15 significant digits
(every such decimal survives a float and back), 0 or from 1e-307 to 1e308 in
size. Each test here failed before it.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal, localcontext
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import copy_registry, run_installed
from gwr_cli.errors import RegistryError
from gwr_cli.events import KEPT_DIGITS, NumberRefused, kept_problem, parse_number
from gwr_cli.ledger import author_file, read_ledger
from gwr_cli.messages import fmt_number
from gwr_cli.registry_load import load_registry

TOO_MANY = "12345678901234567890123"  # 23 significant digits


def _ledger_bytes(ledger_dir: Path) -> dict[str, bytes]:
    if not ledger_dir.exists():
        return {}
    return {p.name: p.read_bytes() for p in sorted(ledger_dir.glob("*.toml"))}


# --- the rule itself ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "number"),
    [("32", 32.0), ("-1.5", -1.5), (".5", 0.5), ("1.", 1.0), ("1e3", 1000.0), ("+2E-2", 0.02),
     ("1e308", 1e308), ("-1e308", -1e308), ("1e-307", 1e-307), ("0e999", 0.0),
     ("123456789012345", 123456789012345.0), ("12345678901234500000000", 1.23456789012345e22),
     ("0.000000000000000000001", 1e-21), ("1.50000000000000000000", 1.5)],
)  # fmt: skip
def test_numbers_of_at_most_15_significant_digits_in_range_are_kept(typed, number):
    assert parse_number(typed) == number


@pytest.mark.parametrize(
    ("typed", "problem"),
    [(TOO_MANY, "has 23 significant digits (gwr keeps at most 15 exactly)"),
     ("1234567890123456", "has 16 significant digits (gwr keeps at most 15 exactly)"),
     ("0.12345678901234567", "has 17 significant digits (gwr keeps at most 15 exactly)"),
     ("1e400", "is out of range (gwr keeps numbers from -1e308 to 1e308)"),
     ("-1e400", "is out of range (gwr keeps numbers from -1e308 to 1e308)"),
     ("1.5e308", "is out of range (gwr keeps numbers from -1e308 to 1e308)"),
     ("1" + "0" * 310, "is out of range (gwr keeps numbers from -1e308 to 1e308)"),
     ("1e-400", "is too close to zero (gwr keeps 0 and numbers of at least 1e-307 in size)"),
     ("abc", "is not a number"), ("", "is not a number"), ("nan", "is not a number"),
     ("inf", "is not a number"), ("1_000", "is not a number"), (".", "is not a number"),
     ("e5", "is not a number"), ("1e", "is not a number")],
)  # fmt: skip
def test_other_texts_are_refused_saying_what_is_wrong(typed, problem):
    with pytest.raises(NumberRefused) as refused:
        parse_number(typed)
    assert refused.value.problem.text("en") == problem


@pytest.mark.parametrize(
    ("value", "problem"),
    [(50, None), (2.75e10, None), (0.1, None), (1e308, None), (0.0, None),
     (12345678901234567890123, "has 23 significant digits (gwr keeps at most 15 exactly)"),
     (1234567890123456789, "has 19 significant digits (gwr keeps at most 15 exactly)"),
     (1.2345678901234568e22, "has more significant digits than the 15 gwr keeps exactly"),
     (float("inf"), "is not a finite number (inf: a number beyond about 1.8e308 reads as "
      "infinite; gwr keeps numbers from -1e308 to 1e308)"),
     (float("nan"), "is not a finite number (nan)"),
     (5e-324, "is too close to zero (gwr keeps 0 and numbers of at least 1e-307 in size)"),
     (10**400, "is an integer beyond 64 bits"), (True, "is not a number")],
)  # fmt: skip
def test_a_parsed_number_is_held_to_the_same_rule(value, problem):
    found = kept_problem(value)
    assert (found.text("en") if found else None) == problem


@given(
    st.integers(min_value=1, max_value=10**KEPT_DIGITS - 1),
    st.integers(min_value=-300, max_value=290),
    st.booleans(),
)
def test_every_accepted_number_reads_back_and_is_shown_as_typed(digits, exponent, negative):
    typed = ("-" if negative else "") + f"{digits}e{exponent}"
    number = parse_number(typed)
    assert kept_problem(number) is None
    exact = Decimal(typed)
    assert Decimal(f"{number:.15g}") == exact  # the decimal typed, read back
    with localcontext() as context:
        context.prec = 400  # room for every digit of 1e290 to two decimals
        cut = exact.quantize(Decimal("0.01"), rounding="ROUND_DOWN")
    shown = format(cut, "f").rstrip("0").rstrip(".") if "." in format(cut, "f") else f"{cut:f}"
    assert fmt_number(number) == ("0" if shown == "-0" else shown)


@pytest.mark.parametrize(
    ("value", "shown"),
    [(2288969.57, "2288969.57"), (8825782636.22, "8825782636.22"), (49.999, "49.99"),
     (0.29 * 100, "29"), (-1.2, "-1.2"), (1.23456789012345e22, "12345678901234500000000"),
     (1e20, "100000000000000000000"), (-0.001, "0"), (None, "-")],
)  # fmt: skip
def test_values_are_shown_from_the_decimal_gwr_keeps(value, shown):
    """2288969.57 is the float 2288969.5699999998: cut, it read 2288969.56; a whole
    1.23456789012345e22 read as the integer nearest the float, …499…"""
    assert fmt_number(value) == shown


# --- gwr progress, gwr indicator: refused in one line, nothing written -----------------


@pytest.mark.parametrize(
    ("typed", "en", "zh"),
    [
        (
            TOO_MANY,
            f"gwr: error: progress value '{TOO_MANY}' has 23 significant digits "
            "(gwr keeps at most 15 exactly); give a number of firms\n",
            f"gwr：错误：进度值“{TOO_MANY}”有23位有效数字（gwr最多精确保存15位有效数字）；"
            "请给出以家计的数值\n",
        ),
        (
            "1e400",
            "gwr: error: progress value '1e400' is out of range "
            "(gwr keeps numbers from -1e308 to 1e308); give a number of firms\n",
            "gwr：错误：进度值“1e400”超出范围（gwr能保存的数在负10的308次方到10的308次方之间）；"
            "请给出以家计的数值\n",
        ),
        (
            "1e-400",
            "gwr: error: progress value '1e-400' is too close to zero "
            "(gwr keeps 0 and numbers of at least 1e-307 in size); give a number of firms\n",
            "gwr：错误：进度值“1e-400”太接近0（gwr能保存0和绝对值不小于10的负307次方的数）；"
            "请给出以家计的数值\n",
        ),
        (
            "五",
            "gwr: error: progress value '五' is not a number; give a number of firms\n",
            "gwr：错误：进度值“五”不是数字；请给出以家计的数值\n",
        ),
    ],
)
def test_a_progress_value_gwr_cannot_keep_is_one_line_in_each_language(
    gwr, ledger_dir, typed, en, zh
):
    for lang, line in (("en", en), ("zh", zh)):
        result = gwr("--lang", lang, "progress", "unicorns-5", typed)
        assert (result.exit_code, result.stdout, result.stderr) == (1, "", line)
    assert _ledger_bytes(ledger_dir) == {}


def test_numbers_in_range_are_recorded_and_confirmed_as_typed(gwr, ledger_dir):
    done = gwr.ok("--lang", "en", "progress", "unicorns-5", "12345678901234500000000").stdout
    assert "→ done 12345678901234500000000/5 firms" in done
    assert "value = 1.23456789012345e+22\n" in author_file(ledger_dir, "tester").read_text()
    gwr.ok("undo")
    gwr.ok("progress", "unicorns-5", "1e3")  # a number, as 1000 is
    gwr.ok("undo")
    confirmed = gwr.ok("--lang", "en", "progress", "sewer", "12.57").stdout
    assert "→ in progress 12.57/50 km" in confirmed  # the float is 12.5699999…
    assert [e.value for e in read_ledger(ledger_dir).events if e.action == "progress"] == [
        1.23456789012345e22,
        1000.0,
        12.57,
    ]


def test_a_percent_of_a_target_is_stored_as_a_kept_number(gwr, ledger_dir):
    """16.1% of 1000 is 161.00000000000003 in float arithmetic: stored 161."""
    gwr.ok("progress", "talent-housing-1000", "16.1%")
    assert "value = 161\n" in author_file(ledger_dir, "tester").read_text()
    assert "ledger value" not in gwr.ok("--lang", "en", "check").stdout


def test_a_percent_of_the_largest_target_stays_a_finite_number(gwr, tmp_path, ledger_dir):
    """target * 40 / 100 overflowed to inf for a target of 1e308: a ledger gwr could not read."""
    registry = copy_registry(tmp_path, lambda t: t.replace("target = 50\n", "target = 1e308\n", 1))
    gwr.ok("--registry", str(registry), "progress", "sewer", "40%")
    assert [e.value for e in read_ledger(ledger_dir).events] == [4e307]


@pytest.mark.parametrize(
    ("typed", "problem"),
    [(TOO_MANY, "has 23 significant digits (gwr keeps at most 15 exactly)"),
     ("1e400", "is out of range (gwr keeps numbers from -1e308 to 1e308)"),
     ("nan", "is not a number")],
)  # fmt: skip
def test_an_indicator_value_gwr_cannot_keep_is_refused(gwr, ledger_dir, typed, problem):
    result = gwr("--lang", "en", "indicator", "set", "gdp-growth", typed)
    assert result.exit_code == 1
    assert result.stderr == (f"gwr: error: indicator value '{typed}' {problem}; e.g. 6.5 or -1.2\n")
    assert _ledger_bytes(ledger_dir) == {}


def test_the_installed_gwr_refuses_on_its_fast_path_and_records_nothing(isolated_home):
    """The installed script parses `gwr progress` without Typer (fast_path.py)."""
    result = run_installed("--lang", "en", "progress", "unicorns-5", TOO_MANY)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == (
        f"gwr: error: progress value '{TOO_MANY}' has 23 significant digits "
        "(gwr keeps at most 15 exactly); give a number of firms\n"
    )
    assert _ledger_bytes(isolated_home / "ledger") == {}
    kept = run_installed("--lang", "en", "progress", "unicorns-5", "1e308")
    assert kept.returncode == 0 and "→ done 1" + "0" * 308 + "/5 firms" in kept.stdout


# --- files: the registry refuses, the ledger reads and `gwr check` warns ------------------


@pytest.mark.parametrize(
    ("field", "written", "problem"),
    [("target", "12345678901234567890", "has 19 significant digits"),
     ("investment_yuan", "12345678901234567890.5", "has more significant digits than the 15"),
     ("target", "1e400", "is not a finite number (inf: a number beyond about 1.8e308")],
)  # fmt: skip
def test_a_registry_number_gwr_cannot_keep_names_file_line_and_field(
    tmp_path, field, written, problem
):
    def edit(text: str) -> str:  # the sewer task: target = 50, no investment
        return text.replace("target = 50\n", f"target = 50\n{field} = {written}\n", 1).replace(
            "target = 50\ntarget = ", "target = ", 1
        )

    path = copy_registry(tmp_path, edit)
    lines = path.read_text(encoding="utf-8").splitlines()
    line = lines.index('id = "sewer-pipes-50km"')  # its [[tasks]] header's number, from 1
    with pytest.raises(RegistryError) as refused:
        load_registry(path)
    message = refused.value.text("en")
    assert f"{path}:{line}" in message
    assert f"field '{field}' {problem}" in message


def _hand_written(ledger_dir: Path, value: str) -> Path:
    ledger_dir.mkdir(parents=True, exist_ok=True)
    path = ledger_dir / "old.toml"
    path.write_text(
        'schema = 1\n\n[[events]]\nid = "n1"\ntask = "unicorns-5"\naction = "progress"\n'
        f'value = {value}\non = 2021-05-01\nat = 2021-05-01T08:00:00Z\nby = "old"\n',
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("written", "read"),
    [("1.2345678901234568e+22", 1.2345678901234568e22),  # what gwr wrote before the rule
     ("1234567890123456768", 1.2345678901234568e18)],
)  # fmt: skip
def test_a_value_gwr_wrote_before_the_rule_stays_readable_and_check_warns(
    gwr, ledger_dir, written, read
):
    path = _hand_written(ledger_dir, written)
    before = path.read_bytes()
    assert [e.value for e in read_ledger(ledger_dir).events] == [read]
    gwr.ok("list")
    check = gwr("--lang", "en", "check")
    assert check.exit_code == 0, check.stdout
    assert (
        "1 ledger value cannot be kept exactly (gwr keeps at most 15 significant digits, "
        "from -1e308 to 1e308); read as written: if one is wrong, record the right value:\n"
        f"  {path}:3: n1 progress unicorns-5: value {written} has more significant digits "
        "than the 15 gwr keeps exactly\n"
    ) in check.stdout
    zh = gwr.ok("--lang", "zh", "check").stdout
    assert f"{path}:3：n1 进展 unicorns-5：数值{written}的有效数字多于gwr能精确保存的15位" in zh
    assert path.read_bytes() == before  # read, never rewritten


def test_a_hand_written_1e400_is_refused_with_file_and_line_saying_why(gwr, ledger_dir):
    path = _hand_written(ledger_dir, "1e400")
    for command in (["list"], ["check"]):
        result = gwr("--lang", "en", *command)
        assert result.exit_code == 1
        assert result.stderr == (
            f"gwr: error: {path}:3: event 'n1' has a 'value' that is not a finite number "
            "(inf: a number beyond about 1.8e308 reads as infinite; gwr keeps numbers from "
            "-1e308 to 1e308)\n"
        )
    assert math.isinf(float("1e400"))  # what TOML makes of it, as Python does


def test_check_is_silent_about_kept_values(gwr, ledger_dir):
    gwr.ok("progress", "sewer", "12.57", "--on", "2021-05-01")
    gwr.ok("indicator", "set", "gdp-growth", "-1.2", "--on", dt.date(2021, 5, 1).isoformat())
    assert "ledger value" not in gwr.ok("--lang", "en", "check").stdout
