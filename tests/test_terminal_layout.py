"""On a terminal no id, date, number, amount, percent, light word or progress
bar is ever wrapped or cut, at any width from 40 to 200 columns, in Chinese and
English, in every command that lays out a table or lines (the rule of
`line_breaks.py`, kept by `tables.column_widths`, `tables.cell_lines` and
`render.Output`). Piped output is the reference: it never breaks a line."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import SHIPPED_REGISTRY, installed_gwr
from gwr_cli.collect import COLUMNS
from gwr_cli.line_breaks import prose_lines, prose_units, token_lines, widest_unit
from gwr_cli.messages import cell_width
from gwr_cli.registry_load import load_registry
from gwr_cli.render import Output
from gwr_cli.tables import Table, column_widths

ASSIGNMENTS = Path(__file__).parent / "data" / "assignments.toml"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")

REGISTRY = load_registry(SHIPPED_REGISTRY)
IDS = sorted([t.id for t in REGISTRY.tasks] + [i.id for i in REGISTRY.indicators], key=len)
# What must appear whole on one line. Alternatives are tried in order, so an
# id is taken before the numbers in it, a bar with its percent and an amount
# with its unit; a cut token leaves pieces that are other strings (`2824.`
# and `6亿元`, `CNY 62` without `billion`, a bar without its percent).
TOKEN = re.compile(
    r"""
    (?<![\w-])(?:"""
    + "|".join(map(re.escape, reversed(IDS)))
    + r""")(?![\w-])                                # an id
    | [#-]{10}\ +\d+%                               # a progress bar and its percent
    | CNY\ \d+(?:\.\d+)?\ (?:billion|million)       # an amount, in English
    | \d+(?:\.\d+)?(?:亿元|万元|元)                   # in Chinese
    | \d{4}-\d{2}-\d{2} | \d{4}年\d{1,2}月\d{1,2}日    # a date
    | \d+(?:\.\d+)?% | \d+(?:\.\d+)?/\d+(?:\.\d+)?  # a percent, done of total
    | \d+(?:\.\d+)?                                 # any number
    | [红黄绿]灯 | \b(?:red|yellow|green)\b          # a light
    """,
    re.VERBOSE,
)

WATER = "区水务局"
NOTE_ZH = "第三批管网2021年5月16日完工，累计投资2824.6亿元，完成率65%，涉及12户"
NOTE_EN = "Phase 3 of school-no16 finished on 2021-05-16, 282.46 km laid (65%)"

# Every command that prints a table, each view of the grouped table (the
# import's plan is given the `filled` workbook).
COMMANDS = {
    "list": ["list"],
    "list-unit": ["list", "--unit", "水务"],
    "status": ["status"],
    "status-chapter": ["status", "--by", "chapter"],
    "status-unit": ["status", "--by", "unit"],
    "status-leader": ["status", "--by", "leader"],
    "show": ["show", "sewer"],
    "show-kindergartens": ["show", "kindergartens-open-5"],
    "units": ["units"],
    "areas": ["areas"],
    "indicators": ["indicator", "list"],
    "collect-status": ["collect", "status", "--month", "2021-05"],
    "collect-import": ["collect", "import", "--dry-run"],  # + the filled workbook
}


@pytest.fixture
def office(gwr, isolated_home: Path) -> Path:
    """A home with the fictional 分工 and records whose notes hold numbers,
    dates and amounts."""
    isolated_home.mkdir(parents=True, exist_ok=True)
    shutil.copy(ASSIGNMENTS, isolated_home / "assignments.toml")
    gwr.ok("progress", "kindergartens-open-5", "3", "--on", "2021-05-01")
    problems, next_steps = "征地未完成，涉及12户", "6月30日前完成50%"
    gwr.ok("progress", "sewer", "32.5", "--on", "2021-05-10", "--note", NOTE_ZH,
           "--problems", problems, "--next", next_steps, "--unit", "水务")  # fmt: skip
    gwr.ok("note", "sewer", NOTE_EN, "--on", "2021-05-12")
    gwr.ok("block", "mall-haiyin", "--note", "资金未到位", "--on", "2021-05-20")
    gwr.ok("indicator", "set", "gdp-growth", "6.8", "--on", "2021-06-20", "--note", "上半年")
    return isolated_home


@pytest.fixture
def filled(gwr, office: Path, tmp_path: Path) -> Path:
    """A 填报表 of the water bureau, filled in: what `collect import` reads."""
    template = tmp_path / "water.xlsx"
    gwr.ok("collect", "template", "--unit", WATER, "--month", "2021-06",
           "--output", str(template), "--as-of", "2021-06-20")  # fmt: skip
    workbook = openpyxl.load_workbook(template)
    sheet = workbook.worksheets[0]
    for row in range(3, sheet.max_row + 1):
        if sheet.cell(row, 1).value == "sewer-pipes-50km":
            sheet.cell(row, COLUMNS.index("value") + 1).value = 40.25
            sheet.cell(row, COLUMNS.index("note") + 1).value = NOTE_ZH
            sheet.cell(row, COLUMNS.index("date") + 1).value = dt.datetime(2021, 6, 18)
    filled = tmp_path / "water-filled.xlsx"
    workbook.save(filled)
    return filled


def recorded(gwr, monkeypatch, *args: str) -> list[tuple]:
    """The tables and lines a command gives its Output, to draw them again."""
    calls: list[tuple] = []
    with monkeypatch.context() as patch:
        patch.setattr(Output, "table", lambda self, table: calls.append(("table", table)))
        patch.setattr(
            Output, "line", lambda self, value="", style="": calls.append(("line", value, style))
        )
        gwr.ok(*args)
    assert any(call[0] == "table" for call in calls), args
    return calls


def drawn(calls: list[tuple], monkeypatch, width: int | None) -> str:
    """What Output prints of them on a terminal `width` columns wide (piped with None)."""
    if width is None:
        monkeypatch.delenv("FORCE_COLOR", raising=False)
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("FORCE_COLOR", "1")
        monkeypatch.setenv("COLUMNS", str(width))
    monkeypatch.setenv("NO_COLOR", "1")
    stream = io.StringIO()
    output = Output(stream)
    assert output.terminal is (width is not None)
    for call in calls:
        if call[0] == "table":
            output.table(call[1])
        else:
            output.line(call[1], call[2])
    return ANSI.sub("", stream.getvalue())


def is_rich_layout(out: str) -> bool:
    return "──" in out  # a heading's rule; the plain layout has none


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("command", list(COMMANDS))
def test_no_token_is_wrapped_or_cut_at_any_width_in_every_command(
    gwr, office, monkeypatch, request, command, lang
):
    args = ["--lang", lang, "--as-of", "2021-07-01", *COMMANDS[command]]
    if command == "collect-import":
        args.append(str(request.getfixturevalue("filled")))
    calls = recorded(gwr, monkeypatch, *args)
    piped = drawn(calls, monkeypatch, None)
    tokens = Counter(TOKEN.findall(piped))
    assert tokens
    rich_widths = []
    for width in range(40, 201):
        out = drawn(calls, monkeypatch, width)
        assert "…" not in out, width
        assert Counter(TOKEN.findall(out)) == tokens, width
        if is_rich_layout(out):
            rich_widths.append(width)
            # Only a unit wider than the terminal (the import's file path at
            # 69 columns) is left on a line of its own, for the terminal to fold.
            too_wide = [line for line in out.splitlines() if cell_width(line) > width]
            assert all(len(prose_units(line)) == 1 for line in too_wide), (width, too_wide)
    assert 200 in rich_widths  # wide enough for every table: Rich's layout was tested


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_status_by_unit_at_120_columns_keeps_amounts_and_bars_whole(gwr, office, lang):
    """The case that was seen: at 120 columns English amounts went below their
    numbers ("CNY 62" / "billion") and percents below their bars."""
    env = {"FORCE_COLOR": "1", "NO_COLOR": "1", "COLUMNS": "120"}
    args = ["--lang", lang, "--as-of", "2021-07-01", "status", "--by", "unit"]
    out = ANSI.sub("", gwr.ok(*args, env=env).stdout)
    total = next(line for line in out.splitlines() if line.startswith(("合计", "total")))
    amount = "906.1亿元" if lang == "zh" else "CNY 90.61 billion"
    assert amount in total and re.search(r"----------\s+0%", total), out
    if lang == "zh":  # fits: Rich's layout, within the terminal
        assert is_rich_layout(out) and all(cell_width(line) <= 120 for line in out.splitlines())
    else:  # English needs 130 columns: the plain layout, as piped
        assert not is_rich_layout(out) and out == gwr.ok(*args).stdout


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX pseudo-terminal")
@pytest.mark.parametrize(
    ("lang", "columns", "rich"),
    # English needs 130 columns to keep every amount and bar whole: at 120 it
    # gets the plain layout, each row whole on its line, as when piped.
    [("zh", 112, True), ("zh", 120, True), ("en", 120, False), ("en", 136, True)],
)
def test_installed_gwr_under_a_pseudo_terminal_keeps_every_token_whole(
    isolated_home, lang, columns, rich
):
    import fcntl
    import pty
    import struct
    import termios

    isolated_home.mkdir(parents=True, exist_ok=True)
    shutil.copy(ASSIGNMENTS, isolated_home / "assignments.toml")
    args = ["--lang", lang, "--as-of", "2021-07-01", "status", "--by", "unit"]
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "FORCE_COLOR")}
    env.update(NO_COLOR="1", TERM="xterm")
    piped = subprocess.run(
        [*installed_gwr(), *args], capture_output=True, text=True, env=env, timeout=60
    ).stdout
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 60, columns, 0, 0))
    process = subprocess.Popen(
        [*installed_gwr(), *args], stdin=follower, stdout=follower, stderr=follower, env=env
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the terminal's other side is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait(timeout=60) == 0
    out = ANSI.sub("", b"".join(chunks).decode("utf-8").replace("\r\n", "\n"))
    assert Counter(TOKEN.findall(out)) == Counter(TOKEN.findall(piped))
    assert is_rich_layout(out) is rich
    if rich:
        assert all(cell_width(line) <= columns for line in out.splitlines())
    else:
        assert out == piped


# --- the rule itself ----------------------------------------------------------------

# fmt: off
PIECES = st.sampled_from([
    "建", "设", "幼", "儿", "园", "，", "。", "（", "）", "“", "”", " ", "  ", "Start",
    "building", "kindergarten-kechuang", "2021-07-01", "2021年5月16日", "2824.6亿元",
    "65%", "3/5", "49.99", "☁️", "👨\u200d👩\u200d👧", "🇨🇳", "e\u0301",
    "sweep-wash-clear", "(clean-up),",
])
# fmt: on


@given(st.lists(PIECES, max_size=30), st.integers(1, 60), st.integers(0, 3))
def test_prose_breaks_only_between_units_and_fills_its_width(pieces, width, kept):
    text = "".join(pieces)
    keep = len("".join(pieces[:kept]))  # a light word, a bar: whole pieces
    lines = prose_lines(text, width, keep)
    # Nothing lost or added but the spaces where a line breaks.
    assert "".join("".join(lines).split()) == "".join(text.split())
    units = prose_units(text, keep)
    ends, position = set(), 0
    for unit in units:
        position += len("".join(unit.split()))
        ends.add(position)
    position = 0
    for line in lines[:-1]:
        position += len("".join(line.split()))
        assert position in ends, (text, width, lines)  # a break at a unit's end
    for line in lines:
        # Too wide only when it is one unit alone.
        assert cell_width(line) <= width or line.strip() in [unit.strip() for unit in units]
    assert all(line == line.strip() or i == 0 for i, line in enumerate(lines))


def test_units_of_prose_keep_dates_amounts_percents_and_ids_with_their_punctuation():
    sentence = "截至2021年5月16日，累计投资2824.6亿元（完成率65%），见school-no16。"
    assert prose_units(sentence) == [
        "截", "至", "2021年5月16日，", "累", "计", "投", "资", "2824.6亿元",
        "（完", "成", "率", "65%），", "见", "school-no16。",
    ]  # fmt: skip
    # A closing mark never starts a line, an opening one never ends one.
    assert prose_units("“确保”") == ["“确", "保”"] and widest_unit("“确保”") == 3
    # English words joined by hyphens break after a hyphen; with a digit, a
    # dot or a slash (an id, a date, a path) the run stays whole.
    title = "Run the sweep-wash-clear-clean-demolish-repair campaign"
    assert prose_lines(title, 16) == [
        "Run the sweep-", "wash-clear-", "clean-demolish-", "repair campaign"
    ]  # fmt: skip
    for whole in ("school-no16", "2021-07-01", "/tmp/water-filled.xlsx", "gwr-home/ledger"):
        assert prose_units(whole) == [whole]


def test_token_cells_break_only_between_their_tokens():
    assert token_lines("######----  60%  3/5 kindergartens", 20) == [
        "######----  60%",
        "3/5 kindergartens",
    ]
    assert token_lines("----------   0%", 5) == ["----------   0%"]  # a bar keeps its percent
    assert token_lines("CNY 27.5 billion", 8) == ["CNY 27.5 billion"]
    assert token_lines("in progress overdue", 11) == ["in progress overdue"]


def test_an_amount_column_never_wraps_the_plain_layout_instead():
    table = Table(["area", "not started", "investment"], right={1, 2}, prose={0})
    table.add("Key projects & investment", "5", "CNY 27.5 billion")
    floors = len("investment") + len("started") + len("CNY 27.5 billion")
    assert column_widths(table, floors + 2 * 2) == [10, 7, 16]
    # One cell less: the amount would go below its number; the plain layout instead.
    assert column_widths(table, floors + 2 * 2 - 1) is None
