"""The shortcuts that make `gwr list` at 10,000 tasks fast, each held equal to
the general path it stands in for: the widths of a long column of Chinese
text from their UTF-8 length, and the listing's rows taken whole (`Table.add_printable`) instead of
cell by cell through `Table.add`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len, get_character_cell_size

from conftest import make_event
from gwr_cli.assignments import Assignment, Assignments
from gwr_cli.messages import (
    _MANY_WIDTHS,
    _NARROW_CODES,
    _WIDE_CODES,
    _ascii_and_wide,
    _CharWidths,
    cell_widths,
    localized,
    printable,
    text,
)
from gwr_cli.registry_load import load_registry
from gwr_cli.schedule_lights import lights, schedules
from gwr_cli.status import task_states
from gwr_cli.tables import Cell, Table, plain_lines, printable_cell, user
from gwr_cli.task_tables import (
    light_cell,
    progress_cell,
    schedule_cell,
    status_cell,
    task_table,
    units_text,
)

REGISTRY = load_registry(Path(__file__).resolve().parent.parent / "data" / "tasks.toml")


# --- cell_widths: a long column of Chinese text measured by its UTF-8 length ---------


def test_every_character_of_the_shortcut_is_two_cells_in_three_bytes():
    # The shortcut counts a character as two cells when UTF-8 takes three
    # bytes for it; every character it accepts, besides printable ASCII, must
    # be one Rich measures as two cells and UTF-8 encodes in three bytes.
    ascii_and_wide = _ascii_and_wide()
    accepted = [chr(c) for c in range(0x80, 0x110000) if ascii_and_wide(chr(c))]
    assert len(accepted) > 20_000  # the CJK ideographs at least
    for char in accepted:
        assert get_character_cell_size(char) == 2, hex(ord(char))
        assert len(char.encode()) == 3, hex(ord(char))
    ascii_accepted = [chr(c) for c in range(0x80) if ascii_and_wide(chr(c))]
    assert ascii_accepted == [chr(c) for c in range(0x20, 0x7F)]


def test_the_widths_known_without_rich_are_richs_for_every_code_point():
    # _CharWidths answers these ranges itself, so that Chinese text beside
    # ASCII, “quotes”, dashes and arrows is measured without importing Rich.
    widths = _CharWidths()
    for first, last in (*_WIDE_CODES, *_NARROW_CODES):
        for code in range(first, last + 1):
            assert widths[chr(code)] == get_character_cell_size(chr(code)), hex(code)
    assert widths["·"] == widths["→"] == widths["a"] == 1
    assert widths["领"] == widths["，"] == 2


# The edges of the shortcut's ranges and their neighbours outside, and
# characters of Chinese text it leaves to the general measure: curly quotes
# and the middle dot (one cell), combining marks, emoji sequences.
_EDGES = "\u3000\u3029\u302a\u302f\u3030\u303e\u303f\u33ff\u3400\u4dbf\u4dc0\u4e00\u9fff\ua000"
_EDGES += "\uff00\uff01\uff60\uff61\uffe0\uffe6\uffe7“”·\u0301\u200d\ufe0f☁👨🇨\t\x1b"
_CHINESE_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(_EDGES),
        st.characters(min_codepoint=0x20, max_codepoint=0x7E),
        st.characters(min_codepoint=0x3000, max_codepoint=0xFFEF),
    ),
    max_size=30,
)
# Enough other texts that cell_widths takes its shortcut.
_FILLER = [str(number) for number in range(_MANY_WIDTHS)]


@given(st.lists(_CHINESE_TEXT, max_size=20))
def test_a_long_column_is_measured_as_rich_measures_it(values):
    values = [printable(value, single_line=False) for value in values] + values
    widths = cell_widths({*values, *_FILLER})
    assert {value: widths[value] for value in values} == {v: cell_len(v) for v in values}


def test_a_short_column_is_measured_alike():
    values = ["建设人才保障房100套(第6项)", "新建、改建污水管网", "实施高企“树标提质”行动",
              "　全角ＡＢＣ！", "〇〡〪", "☁️", "", "plain"]  # fmt: skip
    long = cell_widths({*values, *_FILLER})
    assert cell_widths(values) == {v: long[v] for v in values} == {v: cell_len(v) for v in values}


def _plain_lines_cell_by_cell(table: Table) -> list[str]:
    """The plain layout as its definition says it: every cell measured by Rich."""
    grid = [list(table.headers)] if table.show_header else []
    grid += [[cell.text for cell in row] for row in table.rows]
    if not grid:
        return []
    widths = [max(cell_len(row[i]) for row in grid) for i in range(len(grid[0]))]
    lines = [table.title] if table.title else []
    for row in grid:
        cells = []
        for i, value in enumerate(row):
            pad = " " * (widths[i] - cell_len(value))
            cells.append(pad + value if i in table.right else value + pad)
        lines.append("  ".join(cells).rstrip())
    return lines


@settings(max_examples=10, deadline=None)
@given(st.lists(_CHINESE_TEXT, min_size=1, max_size=10), st.booleans())
def test_a_long_table_is_laid_out_cell_by_cell(titles, right):
    # 1,200 rows: the long-column measure lays them out as measuring each cell does.
    table = Table(["编号", "任务"], right={1} if right else set())
    for number in range(1200):
        table.add(f"task-{number:05d}", titles[number % len(titles)] + str(number % 7))
    assert plain_lines(table) == _plain_lines_cell_by_cell(table)


_ASCII_CELL = st.sampled_from(["", "a", "task-00001", "2021-12-31", "  x ", "50%", "CNY 2 billion"])
_ANY_CELL = st.one_of(_ASCII_CELL, st.sampled_from(["编号", "区水务局", "☁️", "é", "“引号”"]))


@given(
    columns=st.lists(st.tuples(_ANY_CELL, st.booleans(), st.booleans()), min_size=1, max_size=4),
    height=st.integers(0, 6),
    data=st.data(),
    show_header=st.booleans(),
    title=st.sampled_from(["", "标题"]),
)
def test_the_plain_layout_of_ascii_and_other_columns_is_cell_by_cell(
    columns, height, data, show_header, title
):
    # A column of printable ASCII is padded by str.ljust (rjust), its header
    # measured alone; any other column by measuring each distinct text.
    table = Table([header for header, _, _ in columns], show_header=show_header, title=title,
                  right={i for i, (_, right, _) in enumerate(columns) if right})  # fmt: skip
    for _ in range(height):
        table.add(*(data.draw(_ASCII_CELL if ascii_only else _ANY_CELL)
                    for _, _, ascii_only in columns))  # fmt: skip
    assert plain_lines(table) == _plain_lines_cell_by_cell(table)


# --- task_table: rows taken whole, as Table.add would keep them -----------------------


def _task_table_cell_by_cell(registry, states, schedules_of, lang, lights_of, assignments, role_of):
    """The listing as the general path makes it: every cell by its own
    function, every row through Table.add."""
    reference = task_table(registry, [], {}, lang, lights=lights_of, assignments=assignments,
                           role_of=role_of)  # fmt: skip
    table = Table(reference.headers, prose=reference.prose)
    for state in states:
        task = state.task
        cells: list[Cell | str] = [
            task.id,
            localized(task, "title", lang),
            user(localized(registry.areas[task.area], "name", lang)),
            task.deadline.isoformat(),
            progress_cell(state, lang),
            status_cell(state, lang),
            schedule_cell(schedules_of[task.id], lang, registry.tolerance),
        ]
        if lights_of is not None:
            cells.append(light_cell(lights_of[task.id], lang))
        if assignments is not None:
            lead = assignments.lead_units_of(task.id)
            cells.append(user(units_text(lead, lang)))
            if role_of is not None:
                role = "lead" if any(name in lead for name in role_of) else "partner"
                cells.append(text(f"asg.role.{role}", lang))
        table.add(*cells)
    return table


_ODD = st.sampled_from(
    ["", "公里", "km", "甲\n乙", "a\tb", "\x1b[31m红", "☁️", "👨\u200d👩\u200d👧", "e\u0301",
     "｜全角｜", "line\u2028sep", "\x7f", "🇨🇳", "“引号”"]
)  # fmt: skip
_TASKS = REGISTRY.tasks[:12]


@settings(max_examples=60, deadline=None)
@given(
    titles=st.lists(st.tuples(_ODD, _ODD), min_size=len(_TASKS), max_size=len(_TASKS)),
    units=st.lists(st.tuples(_ODD, _ODD), min_size=len(_TASKS), max_size=len(_TASKS)),
    area_name=st.tuples(_ODD, _ODD),
    unit_names=st.lists(_ODD, min_size=1, max_size=4, unique=True),
    progress=st.lists(
        st.tuples(
            st.integers(0, len(_TASKS) - 1),
            st.sampled_from(["start", "block", "done", "progress"]),
            st.floats(0, 120),
        ),
        max_size=12,
    ),
    lang=st.sampled_from(["zh", "en"]),
    with_assignments=st.booleans(),
)
def test_the_listing_rows_are_those_of_the_general_path(
    titles, units, area_name, unit_names, progress, lang, with_assignments
):
    # Odd titles, task units, area names and unit names (line breaks, escape
    # characters, emoji sequences): task_table makes each distinct cell once
    # and takes the rows whole; they are the rows of the general path, and the
    # plain layout the same.
    tasks = [
        task._replace(title=title + task.title, title_en=title_en + task.title_en,
                      **({"unit": unit, "unit_en": unit_en} if task.target else {}))
        for task, (title, title_en), (unit, unit_en) in zip(_TASKS, titles, units, strict=True)
    ]  # fmt: skip
    first = tasks[0].area
    areas = dict(REGISTRY.areas)
    areas[first] = areas[first]._replace(name=area_name[0], name_en=area_name[1])
    registry = REGISTRY.replace(tasks=tuple(tasks), areas=areas)
    on = dt.date(2021, 3, 1)
    events = []
    for day, (index, action, value) in enumerate(progress):
        task = tasks[index]
        if action == "progress":
            value = value if task.target is None else value / 100 * task.target
        events.append(make_event(task.id, action, on + dt.timedelta(days=day),
                                 value if action == "progress" else None))  # fmt: skip
    as_of = dt.date(2021, 6, 30)
    states = task_states(registry, events, as_of)
    schedules_of = schedules(registry, states, as_of)
    lights_of = lights(registry, states, as_of)
    assignments = role_of = None
    if with_assignments:
        entries = {
            task.id: Assignment(task.id, (unit_names[i % len(unit_names)],))
            for i, task in enumerate(tasks[:-2])  # the last two: 未分工
        }
        assignments = Assignments(Path("assignments.toml"), entries)
        role_of = frozenset(unit_names[:2])  # `gwr list --unit A --unit B`
    listed = list(states.values())
    fast = task_table(registry, listed, schedules_of, lang, lights=lights_of,
                      assignments=assignments, role_of=role_of)  # fmt: skip
    general = _task_table_cell_by_cell(registry, listed, schedules_of, lang, lights_of,
                                       assignments, role_of)  # fmt: skip
    assert fast.headers == general.headers
    assert fast.rows == general.rows
    assert all(type(cell) is Cell for row in fast.rows for cell in row)
    assert plain_lines(fast) == plain_lines(general)


def test_printable_cell_keeps_what_add_keeps():
    for value in ["plain", "甲\n乙", Cell("a\tb", "red"), Cell("ok", "dim"), "\x1b"]:
        table = Table(["h"])
        table.add(value)
        assert [printable_cell(value)] == table.rows[0]


# --- render: a table for a console that cannot show every character ------------------

_CONSOLE_CELL = st.sampled_from(["", "区水务局", "task-1", "☁️", "é", "⏎", "\udcd7", "“引号”", "ü"])


@given(
    rows=st.lists(st.lists(_CONSOLE_CELL, min_size=2, max_size=2), max_size=6),
    styles=st.sampled_from(["", "red"]),
    encoding=st.sampled_from(["gbk", "ascii", "latin-1", "cp1252", "no-such-codec"]),
    title=_CONSOLE_CELL,
    header=_CONSOLE_CELL,
)
def test_a_table_for_a_narrow_encoding_is_each_cell_made_encodable(
    rows, styles, encoding, title, header
):
    # All text encodable: the table as it is; otherwise every cell (each
    # distinct one made once) as `encodable` makes it, styles kept.
    from gwr_cli.messages import encodable
    from gwr_cli.render import _encodable_table

    table = Table([header, "task"], title=title)
    for first, second in rows:
        table.add(Cell(first, styles), second)
    shown = _encodable_table(table, encoding)
    assert shown.title == encodable(table.title, encoding)
    assert shown.headers == [encodable(header, encoding) for header in table.headers]
    assert shown.rows == [
        [Cell(encodable(cell.text, encoding), cell.style) for cell in row] for row in table.rows
    ]
    assert all(type(cell) is Cell for row in shown.rows for cell in row)
