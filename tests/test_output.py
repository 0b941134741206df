"""Output and input against the world: console encodings, bytes that are not
UTF-8, emoji widths, narrow terminals, hand-written text, --output paths and
Markdown renderers (issue 9)."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from typer.testing import CliRunner

from conftest import installed_gwr
from gwr_cli.cli import app, non_utf8_argument
from gwr_cli.messages import cell_width, encodable, markdown_text, printable
from gwr_cli.registry_load import load_registry
from gwr_cli.tables import PROSE_MIN_WIDTH, Table, column_widths

REGISTRY = load_registry(Path(__file__).resolve().parent.parent / "data" / "tasks.toml")
TWO_LINE_NOTE = "第一批管网完工\n第二批开工"
EMOJI_NOTES = ("天气☁️延误", "家庭👨‍👩‍👧活动", "国旗🇨🇳")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def run_raw(*args: str | bytes, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """The installed gwr, its output kept as bytes (to check their encoding)."""
    return subprocess.run(
        [*installed_gwr(), *args],
        capture_output=True,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


# --- item 2: output never fails on an encoding ------------------------------------


@pytest.mark.parametrize(
    ("encoding", "lang"),
    # cp936: a Chinese Windows console redirected to a file; latin-1: what a
    # Latin-1 locale gives Python (this machine has no such locale installed).
    [("cp936", "zh"), ("cp936", "en"), ("latin-1", "en"), ("latin-1", "zh")],
)
def test_text_output_replaces_what_the_console_cannot_encode(gwr, encoding, lang):
    gwr.ok("progress", "sewer", "20", "--note", TWO_LINE_NOTE, "--on", "2021-05-11")
    gwr.ok("note", "sewer", EMOJI_NOTES[0], "--on", "2021-05-12")
    env = {"PYTHONIOENCODING": encoding, "GWR_LANG": lang}
    for args in (
        ["show", "sewer"],
        ["summary", "--week", "2021-W19"],
        ["summary", "--week", "2021-W19", "--format", "markdown"],
        ["list", "--area", "water", "--as-of", "2021-05-16"],
        ["status", "--as-of", "2021-05-16"],
        ["progress", "sewer", "25", "--note", TWO_LINE_NOTE, "--on", "2021-05-13"],
    ):
        result = run_raw(*args, env=env)
        assert result.returncode == 0, (args, result.stderr)
        out = result.stdout.decode(encoding)  # strictly in the console's encoding
        if args[0] in ("show", "summary"):
            # gwr's own "⏎" marker has an ASCII stand-in where it cannot be shown.
            assert "第一批管网完工 \\n 第二批开工" in out or (
                encoding == "latin-1" and "? \\n ?" in out
            ), out
        if encoding == "cp936":  # Chinese text stays Chinese where the console has it
            assert "污水" in out or lang == "en"


@pytest.mark.parametrize("encoding", ["cp936", "latin-1", "ascii"])
def test_csv_and_json_are_utf8_bytes_whatever_the_locale(gwr, encoding):
    gwr.ok("note", "sewer", "天气☁️延误", "--on", "2021-05-12")
    env = {"PYTHONIOENCODING": encoding, "GWR_LANG": "zh"}
    csv_bytes = run_raw("export", env=env)
    assert csv_bytes.returncode == 0, csv_bytes.stderr
    assert csv_bytes.stdout.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs, as UTF-8
    assert "新建、改建污水管网50公里" in csv_bytes.stdout.decode("utf-8")
    assert "天气☁️延误" in csv_bytes.stdout.decode("utf-8")
    for args in (
        ["list", "--format", "json"],
        ["export", "--format", "json"],
        ["summary", "--week", "2021-W19", "--format", "json"],
        ["indicator", "list", "--format", "json"],
    ):
        result = run_raw(*args, env=env)
        assert result.returncode == 0, (args, result.stderr)
        data = json.loads(result.stdout.decode("utf-8"))
        assert data
    tasks = json.loads(run_raw("list", "--format", "json", env=env).stdout.decode("utf-8"))
    assert any(t["title"] == "新建、改建污水管网50公里" for t in tasks)


def test_in_process_output_in_a_gbk_console():
    runner = CliRunner(charset="cp936")
    runner.invoke(app, ["note", "sewer", TWO_LINE_NOTE + " ☁️", "--on", "2021-05-12"])
    result = runner.invoke(app, ["--lang", "zh", "show", "sewer"], catch_exceptions=False)
    assert result.exit_code == 0
    out = result.stdout_bytes.decode("cp936")  # strictly: nothing unencodable was written
    assert "第一批管网完工 \\n 第二批开工 ??" in out
    listing = runner.invoke(app, ["list", "--format", "json"], catch_exceptions=False)
    assert json.loads(listing.stdout_bytes.decode("utf-8"))[0]["title"]


def test_encodable_keeps_what_the_encoding_has():
    assert encodable("甲 ⏎ 乙 → “丙”", "utf-8") == "甲 ⏎ 乙 → “丙”"
    assert encodable("甲 ⏎ 乙 → “丙”", "gbk") == "甲 \\n 乙 → “丙”"
    assert encodable("a ⏎ b → “c” — d…", "latin-1") == 'a \\n b -> "c" -- d...'
    assert encodable("x\udcd7", "utf-8") == "x?"  # a lone surrogate never crashes a write


# --- item 3: arguments that are not UTF-8 -----------------------------------------


@pytest.mark.parametrize(
    ("args", "lang", "named"),
    [
        ([b"note", b"sewer", b"\xd7\xca\xbd\xf0"], "en", "argument 3 (\\xd7\\xca\\xbd\\xf0)"),
        ([b"progress", b"sewer", b"3", b"--note", b"ab\xd7\xca"], "en", "the value of --note"),
        ([b"--lang", b"zh", b"note", b"sewer", b"\xd7\xca\xbd\xf0"], "en", "第5个参数"),
        ([b"done", b"sewer", b"--note=\xff"], "zh", "--note的值（--note=\\xff）"),
    ],
)
def test_arguments_that_are_not_utf8_are_refused_in_one_line(ledger_dir, args, lang, named):
    result = run_raw(*args, env={"GWR_LANG": lang})
    assert result.returncode == 1
    error = result.stderr.decode("utf-8")
    prefix = "gwr：错误：" if b"zh" in args or lang == "zh" else "gwr: error: "
    assert error.startswith(prefix) and error.count("\n") == 1, error
    assert named in error
    assert "UTF-8" in error and "Traceback" not in error
    assert not ledger_dir.exists()  # nothing written


def test_non_utf8_argument_names_the_first_bad_one():
    assert non_utf8_argument(["note", "sewer", "好"]) is None
    error = non_utf8_argument(["note", "sewer", "a\udcd7"])
    assert error is not None and "argument 3" in error and "a\\xd7" in error


def test_a_long_argument_that_is_not_utf8_is_shown_around_its_first_bad_byte():
    # A pasted page of GBK text (20 KB) made an error line of 80 KB.
    typed = "好" * 5000 + "x\udcd7\udcd0" + "y" * 5000
    error = non_utf8_argument(["note", "sewer", typed])
    assert error is not None and error.count("\n") == 0 and len(error) < 300
    assert "(…\\xe5\\xa5\\xbd\\xe5\\xa5\\xbdx\\xd7\\xd0yyyyyyyyyyyyyyy…)" in error
    short = non_utf8_argument(["note", "sewer", "\udcd7好"])
    assert short is not None and "(\\xd7\\xe5\\xa5\\xbd)" in short


# --- item 4: widths measured as Rich measures them -----------------------------------


@pytest.mark.parametrize("value", [*EMOJI_NOTES, "中文", "e\u0301", "한국어", "plain"])
def test_cell_width_is_richs_measure(value):
    assert cell_width(value) == cell_len(value)


TRICKY = st.sampled_from(
    ["\u200d", "\ufe0f", "\ufe0e", "☁", "👨", "👩", "🇨", "🇳", "\u0301", "中", "한", "a", " "]
)


@given(st.text(alphabet=st.one_of(TRICKY, st.characters()), max_size=20))
def test_cell_width_of_any_printable_text_is_richs(value):
    value = printable(value)
    assert cell_width(value) == cell_len(value)


def test_piped_show_aligns_emoji_sequences_as_rich_does(gwr):
    for note in (*EMOJI_NOTES, "plain"):
        gwr.ok("note", "sewer", note, "--on", "2021-05-01")
    out = gwr.ok("show", "sewer").stdout
    rows = [line for line in out.splitlines() if line.startswith("2021-05-01")]
    assert len(rows) == 4
    # The "by" column starts at the same terminal cell on every row.
    assert len({cell_len(row[: row.rindex("tester")]) for row in rows}) == 1


def test_installed_gwr_show_piped_is_aligned_with_emoji(gwr):
    for note in EMOJI_NOTES:
        gwr.ok("note", "sewer", note, "--on", "2021-05-01")
    out = run_raw("show", "sewer").stdout.decode("utf-8")
    rows = [line for line in out.splitlines() if line.startswith("2021-05-01")]
    assert len({cell_len(row[: row.rindex("tester")]) for row in rows}) == 1


# --- item 5: nothing the user must read or type is cut ----------------------------------


def _on_terminal(gwr, width: int, *args: str) -> str:
    env = {"FORCE_COLOR": "1", "COLUMNS": str(width), "NO_COLOR": "1"}
    return ANSI.sub("", gwr.ok(*args, env=env).stdout)


def _is_rich_layout(out: str) -> bool:
    return "──" in out


@pytest.mark.parametrize("width", [60, 80, 100])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_list_never_cuts_an_id_a_date_or_a_number(gwr, width, lang):
    gwr.ok("progress", "kindergartens-open-5", "3", "--on", "2021-05-01")
    out = _on_terminal(gwr, width, "--lang", lang, "list", "--area", "education")
    assert "…" not in out
    tasks = [t for t in REGISTRY.tasks if t.area == "education"]
    for task in tasks:
        assert re.search(rf"(^|\s){re.escape(task.id)}(\s|$)", out, re.M), task.id
    assert out.count(tasks[0].deadline.isoformat()) >= 1
    assert re.search(r"(^|\s)3/5(?![\d/])", out, re.M)  # the progress numbers, whole
    if _is_rich_layout(out):
        assert all(cell_len(line) <= width for line in out.splitlines())


@pytest.mark.parametrize("width", [60, 80, 100])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_show_wraps_the_quote_and_notes_instead_of_cutting(gwr, width, lang):
    note = "第三批管网已完工，剩余管网正在进行管道闭水试验和路面恢复施工，预计下月完成验收" * 2
    gwr.ok("note", "sewer", note, "--on", "2021-05-01")
    out = _on_terminal(gwr, width, "--lang", lang, "show", "sewer")
    assert "…" not in out
    assert all(cell_len(line) <= width for line in out.splitlines())
    squeezed = "".join(out.split())
    task = REGISTRY.task("sewer-pipes-50km")
    assert "".join(f"“{task.source}”".split()) in squeezed
    detail = out.split("\n\n")[0]
    title = task.title if lang == "zh" else task.title_en  # one language per output
    assert "".join(title.split()) in "".join(detail.split())
    assert re.search(r"(^|\s)2021-05-01(\s|$)", out, re.M)


def test_a_long_verbatim_quote_is_shown_whole_at_100_columns(gwr, tmp_path):
    task = max(REGISTRY.tasks, key=lambda t: cell_len(t.source))
    out = _on_terminal(gwr, 100, "--lang", "zh", "show", task.id)
    assert "…" not in out
    assert "".join(task.source.split()) in "".join(out.split())


@pytest.mark.parametrize("width", [60, 80, 100])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_status_never_cuts_an_area_or_a_number(gwr, width, lang):
    out = _on_terminal(gwr, width, "--lang", lang, "status", "--as-of", "2021-07-01")
    assert "…" not in out
    total = "合计" if lang == "zh" else "total"
    assert re.search(rf"^{total}\s+0/73\s", out, re.M)
    names = [a.name if lang == "zh" else a.name_en for a in REGISTRY.areas.values()]
    assert _first_column(out)[: len(names)] == ["".join(name.split()) for name in names]
    if _is_rich_layout(out):
        assert all(cell_len(line) <= width for line in out.splitlines())


def _first_column(out: str) -> list[str]:
    """The status table's area names, each put together from the lines it
    wraps over, without spaces: a row starts on the line with its done/total."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if re.search(r"\s\d+/\d+\s", line))
    names: list[str] = []
    for line in lines[start:]:
        row_start = re.search(r"\s\d+/\d+\s", line)
        if not row_start and not line[:1].strip():
            continue  # a blank line, or a continuation with nothing in the first column
        part = "".join(re.split(r"\s{2,}", line.strip())[0].split())
        if row_start:
            names.append(part)
        else:
            names[-1] += part
    return names


def test_a_terminal_too_narrow_gets_the_plain_layout_whole(gwr):
    out = _on_terminal(gwr, 40, "--lang", "en", "list", "--area", "education")
    assert not _is_rich_layout(out) and "…" not in out
    assert "school-rongguotuan" in out and "Start building Rong Guotuan Secondary School" in out


def test_column_widths_keep_words_whole_and_fold_prose():
    table = Table(["id", "title", "when"], prose={1})
    table.add("kindergarten-kechuang", "建成科创幼儿园并投入使用" * 3, "2021-12-31")
    natural = column_widths(table, 500)
    assert natural == [21, 72, 10]
    narrow = column_widths(table, 60)
    assert narrow is not None and narrow[0] == 21 and narrow[2] == 10
    assert sum(narrow) + 4 == 60 and narrow[1] >= PROSE_MIN_WIDTH
    assert column_widths(table, 21 + 10 + PROSE_MIN_WIDTH + 4 - 1) is None


def test_column_widths_keep_amounts_on_one_line_while_anything_else_can_wrap():
    table = Table(["area", "not started", "investment"], right={1, 2}, prose={0})
    table.add("Key projects & investment", "5", "CNY 27.5 billion")
    widths = column_widths(table, 10 + 7 + 16 + 2 * 2)  # just the floors
    assert widths is not None and widths[2] == len("CNY 27.5 billion")
    assert widths[1] == len("started")  # a heading may wrap, a value never
    assert widths[0] == len("investment")  # prose wraps between words first


# --- item 10: hand-written text keeps to its line -------------------------------------


def test_a_hand_written_by_or_note_never_adds_a_line(gwr, ledger_dir):
    ledger_dir.mkdir(parents=True)
    (ledger_dir / "li.toml").write_text(
        "schema = 1\n\n[[events]]\n"
        'id = "0123456789abcdef"\ntask = "sewer-pipes-50km"\naction = "note"\n'
        'note = "真\\n2. 假的一行\\u2028三\\r四"\non = 2021-05-12\n'
        "at = 2021-05-12 08:00:00+00:00\n"
        'by = "li\\n3. fake line\\u202e"\n',
        encoding="utf-8",
    )
    summary = gwr.ok("summary", "--week", "2021-W19").stdout
    notes = summary.split("Notes this week (1)")[1].split("\n\n")[0].strip().splitlines()
    assert notes == [
        "1. Build or rebuild 50 km of sewer pipes [sewer-pipes-50km] · 2021-05-12 · "
        "li ⏎ 3. fake line\\u202e: 真 ⏎ 2. 假的一行 ⏎ 三 ⏎ 四"
    ]
    markdown = gwr.ok("summary", "--week", "2021-W19", "--format", "markdown").stdout
    assert "\n3. fake" not in markdown and "\n2. 假" not in markdown
    show = gwr.ok("show", "sewer").stdout
    history = show.split("\n\n")[1].splitlines()
    assert len(history) == 3 and history[2].startswith("2021-05-12")
    exported = json.loads(gwr.ok("export", "--format", "json").stdout)
    sewer = next(r for r in exported if r["id"] == "sewer-pipes-50km")
    assert sewer["last_note"] == "真\n2. 假的一行\u2028三\r四"  # data stays literal


def test_printable_is_one_line_and_idempotent():
    for value in ("a\nb", "a\r\nb", "a\rb", "a\u2028b", "a\u2029b", "a\x85b", "a\x1b[2Jb"):
        shown = printable(value)
        assert len(shown.splitlines()) == 1 and printable(shown) == shown
    assert printable("a\nb", single_line=False) == "a\nb"


# --- item 11: paths ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["--home", "", "list"], {}, "--home is empty"),
        (["list", "--home="], {}, "--home is empty"),
        (["--registry", "", "list"], {}, "--registry is empty"),
        (["list"], {"GWR_HOME": ""}, "GWR_HOME is set but empty"),
        (["list"], {"GWR_REGISTRY": ""}, "GWR_REGISTRY is set but empty"),
        (["--lang", "zh", "--home", "", "note", "sewer", "x"], {}, "--home为空"),
    ],
)
def test_an_empty_home_or_registry_is_refused(gwr, isolated_home, args, env, message):
    result = gwr(*args, env=env)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert not isolated_home.exists()


def test_empty_home_from_the_installed_command(tmp_path):
    result = run_raw("--home", "", "note", "sewer", "x", env={"HOME": str(tmp_path)})
    assert result.returncode == 1 and b"--home is empty" in result.stderr
    assert not any(tmp_path.rglob("*.toml"))  # nothing went to the default home


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_output_file_gets_the_users_umask(gwr, tmp_path, umask_022):
    target = tmp_path / "周报.md"
    gwr.ok("summary", "--format", "markdown", "--output", str(target))
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    os.umask(0o007)
    shared = tmp_path / "shared.csv"
    gwr.ok("export", "--output", str(shared))
    assert stat.S_IMODE(shared.stat().st_mode) == 0o660


def test_output_file_keeps_an_existing_mode_and_a_symlink(gwr, tmp_path, umask_022):
    existing = tmp_path / "tasks.csv"
    existing.write_text("old")
    existing.chmod(0o640)
    gwr.ok("export", "--output", str(existing))
    assert stat.S_IMODE(existing.stat().st_mode) == 0o640
    assert existing.read_bytes().startswith(b"\xef\xbb\xbf")
    real = tmp_path / "reports" / "week.md"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "latest.md"
    link.symlink_to(real)
    gwr.ok("summary", "--format", "markdown", "--output", str(link))
    assert link.is_symlink() and link.resolve() == real
    assert real.read_text(encoding="utf-8").startswith("# ")
    assert [p.name for p in real.parent.iterdir()] == ["week.md"]  # no temp file left


def test_output_dash_is_stdout(gwr, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = gwr.ok("export", "--format", "json", "--output", "-")
    assert json.loads(result.stdout)
    text = gwr.ok("summary", "--output", "-").stdout
    assert "Week" in text and "wrote" not in text
    assert not (tmp_path / "-").exists()


def test_output_to_a_fifo_is_written_to_not_replaced(gwr, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    gwr.ok("export", "--format", "json", "--output", str(fifo))
    reader.join(10)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert json.loads(received[0].decode("utf-8"))


def test_output_to_devices_writes_and_never_replaces_them(gwr):
    # Never run against code that replaces files by rename: as root it would
    # replace the machine's /dev/null. This code opens special files in place.
    before = os.stat("/dev/null")
    gwr.ok("export", "--output", "/dev/null")
    after = os.lstat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev
    result = gwr("summary", "--output", "/dev/full")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "--output /dev/full: cannot write (No space left on device)" in result.stderr
    assert stat.S_ISCHR(os.lstat("/dev/full").st_mode)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "--output is empty"),
        ("missing/t.csv", "folder missing does not exist"),
        (".", "--output . is a folder"),
    ],
)
def test_bad_output_paths_are_one_line(gwr, tmp_path, monkeypatch, name, message):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    result = gwr("export", "--output", name)
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert message in result.stderr
    assert list(work.iterdir()) == []


def test_output_errors_in_chinese(gwr, tmp_path):
    result = gwr("--lang", "zh", "export", "--output", str(tmp_path / "无" / "t.csv"))
    assert result.exit_code == 1 and "不存在" in result.stderr


# --- item 12: Markdown that renders user text literally ----------------------------------

HOSTILE_MARKDOWN = (
    "<img src=x onerror=alert(1)>",
    "**粗体** and _em_",
    "[点我](http://evil.example)",
    "`code` ~~del~~",
    "# 标题",
    "a | b",
    "&lt;escaped&gt; \\*",
    "1. 列表",
    "- item",
    "![img](http://x/y.png)",
)


def _rendered_text(markdown: str) -> str:
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").enable("table").enable("strikethrough").render(markdown)
    return html


@pytest.mark.parametrize("value", HOSTILE_MARKDOWN)
def test_markdown_text_renders_literally(value):
    import html

    rendered = _rendered_text(markdown_text(value))
    assert rendered == f"<p>{html.escape(value, quote=False)}</p>\n"
    cell = _rendered_text(f"| h |\n|---|\n| {markdown_text(value)} |\n")
    assert f"<td>{html.escape(value, quote=False)}</td>" in cell


def test_summary_markdown_shows_every_note_literally(gwr):
    for value in HOSTILE_MARKDOWN:
        gwr.ok("note", "sewer", "--on", "2021-05-12", "--", value)
    markdown = gwr.ok("summary", "--week", "2021-W19", "--format", "markdown").stdout
    rendered = _rendered_text(markdown).split("<h2>Notes")[1].split("<h2>")[0]
    assert "<img" not in rendered and "<a " not in rendered and "<strong>" not in rendered
    assert "<code>" not in rendered and "<del>" not in rendered and "<em>" not in rendered
    import html

    for value in HOSTILE_MARKDOWN:
        assert html.escape(value, quote=False) in rendered, value


# --- item 13: ids in any case -------------------------------------------------------------


def test_task_ids_and_choices_in_any_case(gwr):
    assert "sewer-pipes-50km" in gwr.ok("show", "SEWER").stdout
    gwr.ok("done", "School-No16", "--on", "2021-05-01")
    assert "school-no16" in gwr.ok("list", "--status", "DONE", "--area", "EDUCATION").stdout
    typo = gwr("show", "SEWR")
    assert typo.exit_code == 1 and "did you mean 'sewer-pipes-50km'" in typo.stderr
    assert "'SEWR'" in typo.stderr  # quoted as typed
    assert "gdp-growth" in gwr.ok("indicator", "set", "GDP", "6.5").stdout
    # --by and --format choices too, as the other choices.
    assert '"grouping": "unit"' in gwr.ok("status", "--by", "UNIT", "--format", "JSON").stdout
    assert gwr.ok("summary", "--format", "Markdown").stdout.startswith("# ")
    assert gwr.ok("export", "--format", "JSON").stdout.startswith("[")
    wrong = gwr("--lang", "zh", "status", "--by", "CITY")
    assert wrong.exit_code == 2 and "可选：area、chapter、unit、leader" in wrong.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_system_reason_is_worded_in_the_users_language(gwr, tmp_path):
    """The system's reason for a failed write is Chinese under --lang zh too, not
    strerror's English (磁盘空间已满, not "No space left on device"); the same for
    `gwr site` and an unreadable report given to `gwr draft`."""
    result = gwr("--lang", "zh", "summary", "--output", "/dev/full")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert "无法写入（磁盘空间已满）" in result.stderr
    assert "No space" not in result.stderr
    if os.geteuid() != 0:  # root reads anything
        report = tmp_path / "报告.txt"
        report.write_text("x", encoding="utf-8")
        report.chmod(0)
        result = gwr("--lang", "zh", "draft", str(report), "--output", str(tmp_path / "t.toml"))
        assert result.exit_code == 1 and "Permission" not in result.stderr
        assert "没有权限" in result.stderr


def test_an_unknown_name_points_at_the_command_that_lists_its_kind(gwr):
    """Areas are listed by `gwr areas` and indicators by `gwr indicator list`;
    `gwr list` shows neither's ids."""
    area = gwr("--lang", "zh", "list", "--area", "qqq")
    assert area.exit_code == 1
    assert area.stderr == "gwr：错误：未知领域“qqq”（用`gwr areas`可查看领域编号）\n"
    indicator = gwr("indicator", "set", "qqq", "1")
    assert "(see `gwr indicator list` for the indicator ids)" in indicator.stderr
    task = gwr("show", "qqqqqq")
    assert "(see `gwr list` for the task ids)" in task.stderr


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_global_option_typed_last_without_its_value_is_named(gwr, lang):
    """`gwr list --as-of` said "Missing command": the hoisted --as-of took `list`
    for its date. It is Click's missing-value error, in the user's language."""
    result = gwr("--lang", lang, "list", "--as-of")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    expected = {
        "en": "gwr: error: Option '--as-of' requires an argument.",
        "zh": "gwr：错误：选项--as-of需要一个值",
    }[lang]
    assert result.stderr.startswith(expected)
    assert "command" not in result.stderr and "命令行用法有误" not in result.stderr


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_listed_title_is_printed_on_its_line_as_printable_makes_it(lang):
    # The listing makes a title printable itself (task_table): a title with a
    # line break, a line separator or an escape character reads as `printable`
    # writes it, in both languages, and the plain layout keeps one line per task.
    import datetime as dt

    from gwr_cli.schedule_lights import schedules
    from gwr_cli.status import task_states
    from gwr_cli.tables import plain_lines
    from gwr_cli.task_tables import task_table

    title = "甲\n2. 假\u2028三\x1b[31m"
    first = REGISTRY.tasks[0]._replace(title=title, title_en=title.replace("甲", "A"))
    registry = REGISTRY.replace(tasks=(first, *REGISTRY.tasks[1:]))
    as_of = dt.date(2021, 6, 1)
    states = task_states(registry, [], as_of)
    table = task_table(registry, list(states.values()), schedules(registry, states, as_of), lang)
    shown = first.title if lang == "zh" else first.title_en
    assert table.rows[0][1].text == printable(shown, single_line=True)
    assert len(plain_lines(table)) == len(registry.tasks) + 1


def _plain_lines_cell_by_cell(table: Table) -> list[str]:
    """The plain layout as its definition says it, one cell at a time."""
    from gwr_cli.tables import COLUMN_GAP

    grid = ([list(table.headers)] if table.show_header else []) + [
        [cell.text for cell in row] for row in table.rows
    ]
    if not grid:
        return []
    widths = [max(cell_width(row[i]) for row in grid) for i in range(len(grid[0]))]
    lines = [table.title] if table.title else []
    for row in grid:
        cells = []
        for i, value in enumerate(row):
            pad = " " * (widths[i] - cell_width(value))
            cells.append(pad + value if i in table.right else value + pad)
        lines.append((" " * COLUMN_GAP).join(cells).rstrip())
    return lines


_CELL_TEXT = st.sampled_from(["", "a", "区水务局", "task-00001", "50%", "  x ", "☁️", "é", "甲乙"])


@given(
    rows=st.integers(0, 6).flatmap(
        lambda width: st.lists(st.lists(_CELL_TEXT, min_size=width, max_size=width), max_size=8)
    ),
    right=st.sets(st.integers(0, 5)),
    show_header=st.booleans(),
)
def test_the_plain_layout_is_the_cell_by_cell_layout(rows, right, show_header):
    # plain_lines measures and pads each distinct text once per column; the
    # lines are those of measuring and padding every cell.
    from gwr_cli.tables import plain_lines

    width = len(rows[0]) if rows else 2
    if width == 0:
        return
    table = Table([f"h{i}" for i in range(width)], right=right, show_header=show_header)
    for row in rows:
        table.add(*row)
    assert plain_lines(table) == _plain_lines_cell_by_cell(table)


def test_a_lazy_pattern_behaves_as_the_compiled_one_and_compiles_once(monkeypatch):
    """patterns.LazyPattern (issue 15: no compiling at start-up) answers as
    re.compile would, for str and bytes, with flags; it compiles on first use
    and only then."""
    import re

    from gwr_cli import patterns

    calls = []
    real = re.compile
    monkeypatch.setattr(patterns.re, "compile", lambda *a: calls.append(a) or real(*a))
    week = patterns.LazyPattern(r"(\d{4})-?W(\d{1,2})", re.IGNORECASE)
    assert calls == []
    assert week.fullmatch("2021-w07").groups() == ("2021", "07")
    assert week.fullmatch("2021-07") is None
    assert week.sub("#", "a 2021W1 b") == "a # b"
    assert week.pattern == r"(\d{4})-?W(\d{1,2})" and week.flags & re.IGNORECASE
    assert [m.group() for m in week.finditer("2021W1 2022w52")] == ["2021W1", "2022w52"]
    assert len(calls) == 1
    header = patterns.LazyPattern(rb"^[ \t]*\[", re.MULTILINE)
    assert header.search(b"x = 1\n  [t]").start() == 6


def test_chinese_text_is_measured_without_importing_rich():
    """Characters of `_WIDE_RANGES` (ideographs, full-width punctuation) are two
    cells, those of `_NARROW_CODES` (ASCII, “”·—…→) one, without asking Rich's
    tables (~5 ms of a `status`); others still ask."""
    code = (
        "import sys; from gwr_cli.messages import cell_width; "
        "assert cell_width('领域（亿元）：，、。') == 20; print('rich' in sys.modules); "
        "assert cell_width('“领域00” · 12%—3…→') == 18; print('rich' in sys.modules); "
        "assert cell_width('a\u0301b') == 2; print('rich' in sys.modules)"
    )
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert shown.stdout.split() == ["False", "False", "True"]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("zh", "gwr：已记录（school-no16），但确认无法写入标准输出（磁盘空间已满）；请勿重复操作"),
        ("en", "gwr: recorded (school-no16), but the confirmation could not be written to"),
    ],
)
def test_a_recording_whose_confirmation_cannot_be_shown_says_it_is_recorded(
    isolated_home, lang, said
):
    """`gwr done X > full-disk`: the change is in the ledger, so the exit code
    stays 0 (a script retrying on an error would record it twice) and stderr
    says so in one line, in the user's language, instead of "cannot write"."""
    with open("/dev/full", "w") as full:
        run = subprocess.run(
            [*installed_gwr(), "--lang", lang, "done", "school-no16", "--on", "2021-06-01"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
    assert run.returncode == 0
    assert run.stderr.startswith(said) and run.stderr.count("\n") == 1
    shown = subprocess.run(
        [*installed_gwr(), "export", "--format", "json"], capture_output=True, check=True
    )
    [task] = [t for t in json.loads(shown.stdout) if t["id"] == "school-no16"]
    assert task["status"] == "done" and task["done_on"] == "2021-06-01"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_indicator_value_whose_confirmation_cannot_be_shown_says_it_is_recorded(
    isolated_home, lang
):
    """`gwr indicator set … > full-disk` said "error" (exit 1) with the value
    recorded: a user would record it again. As for a task's record: exit 0,
    one line saying so, pointing at where indicators are read."""
    with open("/dev/full", "w") as full:
        run = subprocess.run(
            [*installed_gwr(), "--lang", lang, "indicator", "set", "gdp-growth", "7",
             "--on", "2021-05-02"],
            stdout=full, stderr=subprocess.PIPE, text=True, encoding="utf-8",
        )  # fmt: skip
    assert run.returncode == 0 and run.stderr.count("\n") == 1
    repeat = "请勿重复操作" if lang == "zh" else "do not repeat it"
    assert "gwr indicator list" in run.stderr and repeat in run.stderr
    listed = subprocess.run(
        [*installed_gwr(), "indicator", "list", "--format", "json"],
        capture_output=True, check=True, text=True,
    )  # fmt: skip
    [gdp] = [i for i in json.loads(listed.stdout) if i["id"] == "gdp-growth"]
    assert gdp["value"] == 7
