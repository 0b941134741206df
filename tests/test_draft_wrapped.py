"""`gwr draft` on hard-wrapped text (a PDF copied as text, a file wrapped at a
width): `draft.reading.unwrap` joins the lines back so that the draft is the
draft of the unwrapped text, whatever the width; a numbered item that still
gives nothing is said, never dropped silently (`Draft.unread`)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gwr_cli.draft.build import draft_report
from gwr_cli.draft.reading import unwrap

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent / "examples" / "xianan-2023" / "report.txt"
WUXUE = HERE / "data" / "wuxue-2023.txt"  # the same as ../shared/reports/wuxue-2023.txt
# The collector's mark where an excerpt was cut: not the report's words (like
# the `#` notes above it), and a Latin word that a wrap may cut.
CUT_MARK = "〔……excerpt ends here〕"


def _wrap(text: str, width: int, *, blank_lines: bool = True) -> str:
    """Every line of the report wrapped at `width` as textwrap wraps it (the
    collector's `#` notes left whole); without blank lines if asked."""
    lines = [
        part
        for line in text.split("\n")
        for part in ([line] if line.startswith("#") else textwrap.wrap(line, width) or [""])
    ]
    if not blank_lines:
        lines = [line for line in lines if line.strip()]
    return "\n".join(lines)


def _indented(text: str) -> str:
    """Each paragraph on its own line, indented by two full-width spaces (首行缩进)."""
    return "\n".join(
        line if line.startswith("#") or not line.strip() else "\u3000\u3000" + line.strip()
        for line in text.split("\n")
        if line.strip()
    )


def _spaced(text: str) -> str:
    """Each paragraph on its own line, a blank line between paragraphs."""
    return "\n\n".join(line for line in text.split("\n") if line.strip())


def _drafted(text: str) -> tuple:
    draft = draft_report(text, "report.txt", "report")
    tasks = [(t.id, t.title, t.area, t.target, t.unit, t.deadline, t.source) for t in draft.tasks]
    indicators = [(i.id, i.target, i.comparator, i.source) for i in draft.indicators]
    return (draft.title, draft.year, tasks, indicators, draft.assignments, draft.unread)


_EXAMPLE = EXAMPLE.read_text(encoding="utf-8")
_WUXUE = WUXUE.read_text(encoding="utf-8").replace(CUT_MARK, "")
# (name, text, wrapped with its blank lines kept)
TEXTS = [
    ("example", _EXAMPLE, True),
    ("example without blank lines", _EXAMPLE, False),  # its paragraphs are indented
    ("example indented", _indented(_EXAMPLE.replace(CUT_MARK, "")), False),
    ("wuxue indented", _indented(_WUXUE), False),
    ("wuxue with blank lines", _spaced(_WUXUE), True),
]
EXPECTED = {name: _drafted(text) for name, text, _ in TEXTS}


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(TEXTS), st.integers(min_value=10, max_value=80))
def test_a_text_wrapped_at_any_width_drafts_as_the_unwrapped_text(case, width):
    name, text, blank_lines = case
    wrapped = _wrap(text, width, blank_lines=blank_lines)
    assert _drafted(unwrap(wrapped)) == EXPECTED[name]


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=10, max_value=80), st.booleans())
def test_the_reported_wrap_keeps_every_task_indicator_and_assignment(width, blank_lines):
    """The fault as found: the example wrapped by the reporter's command
    (every line, the `#` notes too) at 30 characters, blank lines dropped;
    breaks after ASCII ";" ":" "(" were left unjoined and items 5-10 of the
    targets fell out of the draft without a word. Only the title may differ
    here: the notes' wrapped lines are no longer notes, and one may read as
    the heading."""
    wrapped = "\n".join(
        part for line in _EXAMPLE.split("\n") for part in textwrap.wrap(line, width) or [""]
    )
    if not blank_lines:
        wrapped = "\n".join(line for line in wrapped.split("\n") if line.strip())
    expected = EXPECTED["example"]
    assert (len(expected[2]), len(expected[3]), len(expected[4])) == (10, 10, 17)
    assert _drafted(unwrap(wrapped))[1:] == expected[1:]


@pytest.mark.parametrize("end", [";", ":", ",", "(", ")", "；", "：", "。"])
def test_a_full_line_ending_in_any_punctuation_goes_on_on_the_next(end):
    line = "甲" * 19 + end
    text = "\n".join([line, "乙" * 20, "丙" * 5] * 4)
    assert unwrap(text).split("\n") == [line + "乙" * 20 + "丙" * 5] * 4


def test_a_pdf_line_ending_in_a_clause_mark_goes_on_but_one_ending_a_sentence_does_not():
    """At about one width (a PDF, lines of 37 to 39 characters): ；: part
    clauses of a 分工 note and go on; 。 ends a paragraph."""
    widths = [38, 37, 39, 38, 38, 37]
    lines = ["甲" * (w - 1) + "；" for w in widths] + ["乙" * 37 + "。", "丙" * 10]
    joined = unwrap("\n".join(lines * 2)).split("\n")
    assert joined == ["".join(lines[:-1]), "丙" * 10] * 2


def test_an_item_opener_alone_on_a_line_is_the_end_of_the_line_before():
    line = "解读2022年武穴市政府工作报告"
    text = "\n".join([line, "(八)", "第二段" + "乙" * 13, "丙" * 3] * 3)
    assert unwrap(text).split("\n")[0] == line + "(八)"


def test_a_text_with_one_line_per_paragraph_is_left_as_it_is():
    for text in (_EXAMPLE, _WUXUE, _indented(_WUXUE), _spaced(_WUXUE)):
        assert unwrap(text) == text


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("zh", "第7条未读出任务或指标，已在"),
        ("en", "numbered item 7 gave no task and no indicator: marked # check: at the top of"),
    ],
)
def test_a_numbered_item_that_gives_nothing_is_said_not_dropped(gwr, tmp_path, lang, said):
    """Item 7 of the example (城乡居民收入增长与经济增长基本同步) names no number:
    no indicator, and the draft says so on screen and in the registry."""
    report = tmp_path / "report.txt"
    report.write_text(_wrap(_EXAMPLE, 30, blank_lines=False), encoding="utf-8")
    output = tmp_path / "tasks.toml"
    result = gwr.ok("--lang", lang, "draft", str(report), "--output", str(output))
    assert said in result.stdout
    assert "# check: 以下编号条目未读出任务或指标，请对照原文补充：7\n" in output.read_text("utf-8")
    counts = "10项任务、10项指标" if lang == "zh" else "10 tasks and 10 indicators"
    assert counts in result.stdout


def test_items_the_layout_did_not_take_in_are_all_named():
    """The targets paragraph cut short (as the unjoined wrap cut it): every
    item after the cut is named, none silently missing."""
    cut = "(责任领导:区领导丁;牵头单位:区商务局)\n\n  5."
    text = _EXAMPLE.replace(cut, "\n\n  空行\n\n  5.", 1)
    assert text != _EXAMPLE
    draft = draft_report(text, "report.txt", "report")
    assert {"5", "6", "8", "9", "10", "11"} <= set(draft.unread)
