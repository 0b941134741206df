"""Every word in the user's language, from one place (issue 10 §1).

The message tables: both languages have every key, every key the code names
exists, every key is used, gwr's Chinese uses full-width punctuation. Then the
user's view: under --lang zh every error path of every command is one line with
no English word outside ids, paths, option names and what the user typed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import SHIPPED_REGISTRY, copy_registry
from gwr_cli.errors import GwrError, InputError
from gwr_cli.messages import (
    _TEXT,
    Listing,
    Localized,
    Msg,
    fmt_amount,
    fmt_date,
    fmt_target,
    localized,
    text,
)
from gwr_cli.registry_load import load_registry

SRC = Path(__file__).resolve().parents[1] / "src" / "gwr_cli"
REGISTRY = load_registry(SHIPPED_REGISTRY)


def _sources() -> dict[Path, str]:
    suffixes = (".py", ".html", ".svg", ".css", ".xml")
    return {p: p.read_text(encoding="utf-8") for p in SRC.rglob("*") if p.suffix in suffixes}


# --- the tables --------------------------------------------------------------------


def test_zh_and_en_have_the_same_keys():
    assert sorted(set(_TEXT["zh"]) - set(_TEXT["en"])) == []
    assert sorted(set(_TEXT["en"]) - set(_TEXT["zh"])) == []


# Keys the code builds from a prefix (f"kind.{kind}"), each prefix with every
# ending it can take; a prefix found in the code but missing here fails the test.
def _built_keys() -> dict[str, list[str]]:
    import errno

    from gwr_cli.lookup import KINDS
    from gwr_cli.messages import OS_ERRORS, STATUS_LABELS
    from gwr_cli.registry import COMPARATORS

    return {
        "kind.": [f"kind.{k}" for k in KINDS],
        "status.": [f"status.{s}" for s in STATUS_LABELS["en"]],
        "comparator.": [f"comparator.{c}" for c in COMPARATORS],
        "os.errno.": [f"os.errno.{n}" for n in OS_ERRORS if hasattr(errno, n)],
        "reg.label.": [f"reg.label.{k}" for k in ("task", "indicator")],
        "draft.error.": [
            f"draft.error.{k}"
            for k in re.findall(r'DraftError\(\s*"(\w+)"', "\n".join(_sources().values()))
        ],
    }


_KEY_CALL = re.compile(
    r"""(?:\btext|\bMsg|Error|\bt|storage_error\(\s*\w+,)\(?\s*["']([a-z][\w.<>=-]*)["']"""
)


def test_every_key_the_code_names_exists():
    named: set[str] = set()
    for source in _sources().values():
        for key in _KEY_CALL.findall(source):
            if "DraftError" in source and f'DraftError("{key}"' in source:
                continue  # the draft command words these as draft.error.<key>
            named.add(key)
    for keys in _built_keys().values():
        named.update(keys)
    assert len(named) > 300
    keys = {k for k in named if "." in k and not k.endswith(".")}  # a prefix is built on
    missing = sorted(k for k in keys if k not in _TEXT["en"])
    assert missing == []


def test_no_error_is_raised_with_english_words_instead_of_a_key():
    """A GwrError's first argument is a key (or a message worded by text())."""
    raw = re.compile(r"""\b(?:Gwr|Input|Registry|Ledger|Assignments)Error\(\s*f?["'][^"']* """)
    offenders = [
        f"{path.relative_to(SRC)}:{source.count(chr(10), 0, m.start()) + 1}"
        for path, source in _sources().items()
        for m in raw.finditer(source)
    ]
    assert offenders == []


PENDING: set[str] = set()  # keys written ahead of the code that uses them: none


def test_every_key_is_used():
    sources = _sources()
    messages = sources.pop(SRC / "messages.py")
    code = "\n".join(sources.values())
    prefixes = set(re.findall(r"""f["']([a-z]\w*(?:\.[\w-]+)*\.)\{""", code + messages))
    prefixes |= set(re.findall(r"""["']([a-z]\w*(?:\.[\w-]+)*\.)["']\s*\+""", code + messages))

    def used(key: str) -> bool:
        quoted = (f'"{key}"', f"'{key}'")
        if any(q in code for q in quoted) or sum(messages.count(q) for q in quoted) > 2:
            return True  # named in a module, or by messages.py beyond its two tables
        return any(key.startswith(prefix) for prefix in prefixes)

    assert sorted(k for k in _TEXT["en"] if not used(k) and k not in PENDING) == []


def _prose(value: str) -> str:
    """What of a Chinese message is gwr's own sentence: placeholders, TOML
    examples in brackets, `commands`, file:line, times, URLs and markers out."""
    value = re.sub(r"\{[^{}]*\}(?::\{[^{}]*\}|:\d+)?", "", value)  # {path}:{line}
    value = re.sub(r"`[^`]*`|\[[^\]]*\]|https?://\S+|\d+:\d+:\d+Z?|# check:", "", value)
    return value


# Formats, not sentences: the CSV header is comma-separated by definition.
NOT_PROSE = {
    "export.headers",
    "export.headers.account",
    "html.colon",
    "html.open",
    "html.close",
    "html.and",
}


@pytest.mark.parametrize("key", sorted(_TEXT["zh"]))
def test_chinese_messages_use_full_width_punctuation(key):
    if key in NOT_PROSE:
        return
    value = _TEXT["zh"][key]
    assert re.findall(r"[,():;!?]|>=|<=", _prose(value)) == [], value


def test_chinese_comparators_are_words_and_english_keeps_the_sign():
    assert fmt_target(">=", 6, "%", "zh") == "不低于6%"
    assert fmt_target("<=", 3.5, "%", "zh") == "不高于3.5%"
    assert fmt_target(">", 0, "%", "zh") == "高于0%"
    assert fmt_target(">=", 6, "%", "en") == ">= 6%"


# --- the helpers -------------------------------------------------------------------


def test_english_counts_agree_in_number_and_amounts_have_a_space():
    assert text("sum.overdue_by", "en", days=1) == "1 day overdue"
    assert text("sum.overdue_by", "en", days=3) == "3 days overdue"
    assert text("check.problems", "en", count=1) == "the registry has 1 problem:"
    assert text("check.orphans", "en", count=1).startswith("1 ledger event names a task")
    assert text("check.orphans", "en", count=2).startswith("2 ledger events name a task")
    assert fmt_amount(50, "km", "en") == "50 km"
    assert fmt_amount(50, "公里", "zh") == "50公里"
    assert fmt_amount(6.5, "%", "en") == "6.5%"


def test_english_counts_of_one_agree_in_the_year_end_check_and_site_lines(gwr, isolated_home):
    """'1 are done', '1 entries, 1 units, 1 leaders', '1 problem(s)' read wrong."""
    gwr.ok("done", "school-no16", "--on", "2021-05-11")
    year = gwr.ok("--lang", "en", "summary", "--year", "2021").stdout
    assert "Of the 73 tasks set, 1 done, 0 under way and 72 not started." in year
    every_task_started = text("sum.year_end", "en", total=73, done=1, ongoing=72)
    assert every_task_started == "Of the 73 tasks set, 1 is done and 72 are under way."
    assert text("sum.year_end", "en", total=2, done=2, ongoing=0).startswith("Of the 2 tasks")
    assert "2 are done and 0 are under way" in text(
        "sum.year_end", "en", total=2, done=2, ongoing=0
    )
    (isolated_home / "assignments.toml").write_text(
        'schema = 1\n[[assignments]]\ntask = "sewer-pipes-50km"\nlead = ["区水务局"]\n'
        'leader = ["甲"]\n',
        encoding="utf-8",
    )
    check = gwr.ok("--lang", "en", "check").stdout
    assert "assignments: 1 entry, 1 unit, 1 leader (" in check
    assert text("check.assignments.problems", "en", count=1) == (
        "the assignments file has 1 problem:"
    )
    assert text("site.wrote", "en", path="s", count=1) == "wrote the site to s (1 file)"


def test_no_english_message_counts_with_a_bracketed_plural():
    """'2 change(s)', '1 error(s)' read as a form, not a sentence: every count agrees."""
    from gwr_cli.messages import _TEXT

    assert [key for key, words in _TEXT["en"].items() if "(s)" in words] == []
    assert text("collect.import.refused", "en", count=1).startswith("1 error, nothing")
    assert text("collect.plan.done", "en", file="f", unit="u", period="p", count=1) == (
        "f (u, p): 1 change recorded"
    )
    assert text("collect.import.recorded", "en", count=3, files=1) == (
        "3 events recorded from 1 file"
    )


def test_one_date_style_per_language():
    assert fmt_date("2021-05-09", "zh") == "2021年5月9日"
    assert fmt_date("2021-05-09", "en") == "2021-05-09"


def test_localized_picks_the_field_and_never_a_chinese_milestone_in_english():
    task = REGISTRY.task("sewer-pipes-50km")
    assert localized(task, "title", "zh") == task.title
    assert localized(task, "title", "en") == task.title_en
    assert localized(task, "unit", "en") == "km"
    bare = task._replace(milestone="完成", milestone_en="")
    assert localized(bare, "milestone", "zh") == "完成"
    assert localized(bare, "milestone", "en", fallback=False) is None
    assert localized({"name": "教育", "name_en": ""}, "name", "en") == "教育"


def test_english_output_of_a_task_without_milestone_en_shows_no_chinese_milestone(gwr, tmp_path):
    registry = copy_registry(
        tmp_path, lambda t: t.replace('milestone_en = "completed"', 'milestone_en = ""', 1)
    )
    task = next(t for t in load_registry(registry).tasks if t.milestone and not t.milestone_en)
    shown = gwr.ok("--registry", str(registry), "--lang", "en", "show", task.id).stdout
    assert task.milestone not in shown.replace(task.title, "").replace(task.source, "")
    exported = gwr.ok("--registry", str(registry), "--lang", "en", "export").stdout
    row = next(line for line in exported.splitlines() if f",{task.id}," in line)
    assert task.milestone not in row.replace(task.title, "").replace(task.source, "")


def test_an_error_is_worded_in_the_language_asked_for_at_the_end():
    error = InputError("lookup.unknown", kind=Msg("kind.task"), typed="'x'", hint="")
    assert error.text("zh") == "未知任务'x'"
    assert error.text("en") == "unknown task 'x'"
    assert str(error) == "unknown task 'x'"  # tests run with GWR_LANG=en
    listed = Msg("lookup.did_you_mean", ids=Listing(["'a'", "'b'"], final_or=True))
    assert listed.text("zh") == "——是否为'a'或'b'？"
    assert listed.text("en") == " — did you mean 'a' or 'b'?"
    task = REGISTRY.task("sewer-pipes-50km")
    hint = Msg("record.hint.unit", unit=Localized(task, "unit"))
    assert (hint.text("zh"), hint.text("en")) == ("请给出以公里计的数值", "give a number of km")
    assert GwrError("a message already worded").text("zh") == "a message already worded"


def test_os_errors_are_worded_in_the_users_language():
    error = InputError("ledger.unreadable", path="/x", reason=PermissionError(13, "denied"))
    assert error.text("zh") == "无法读取/x（没有权限）"
    assert error.text("en") == "cannot read /x: Permission denied"


# --- the catch-all -----------------------------------------------------------------


def test_an_unexpected_exception_is_one_line_asking_for_a_report(gwr, monkeypatch):
    from gwr_cli import workspace

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(workspace.Workspace, "registry", broken)
    for lang, words in (("zh", "这是gwr的缺陷（bug）"), ("en", "this is a bug in gwr")):
        result = gwr("--lang", lang, "list")
        assert result.exit_code == 70
        assert result.stdout == "" and result.stderr.count("\n") == 1
        assert words in result.stderr and "GWR_DEBUG=1" in result.stderr
        assert "Traceback" not in result.stderr and "ZeroDivisionError" not in result.stderr
    with pytest.raises(ZeroDivisionError):
        gwr("list", env={"GWR_DEBUG": "1"})


# --- a Chinese user sees Chinese ---------------------------------------------------

# What may stay in Latin letters in a Chinese line: ids, keys and statuses the
# user types, option names, environment variables, commands, file formats and
# names of standards (TOML field names are ids of the file format).
# (Lookarounds, not \b: a Chinese character is a word character to re.)
ALLOWED = re.compile(
    r"--[a-z][\w-]*|GWR_[A-Z_]+|`[^`]*`|'[^']*'|“[^”]*”|[A-Za-z0-9_.~-]*/[A-Za-z0-9_./~-]*|"
    r"[A-Za-z0-9_.-]+\.(?:toml|txt|csv|xlsx|html|md|journal)|"
    r"(?<![A-Za-z0-9_-])[a-z0-9]+(?:-[a-z0-9]+)+(?![A-Za-z0-9_-])|"
    r"(?<![A-Za-z0-9_])(?:gwr|git|TOML|UTF-8|BOM|IANA|ISO|YYYY-MM-DD|zh|en|bug|unset|chcp|LANG|"
    r"zh_CN|W\d+|this|last|schema|events|tasks|indicators|report|areas|schedule|"
    r"id|title|title_en|target|unit|area|chapter|source|comparator|tolerance|"
    r"yellow|red|red_after_days|value|on|at|cancels|undo|progress|indicator|note|"
    r"start|done|block|reopen|list|show|check|where|help|TASK|ID|VALUE|TEXT|key|"
    r"total|district|investment_yuan|investment_kind|timezone|deadline|name|name_en)"
    r"(?![A-Za-z0-9_])"
)


def _known_words() -> set[str]:
    """Ids, keys and field names of the registry and the ledger format."""
    from gwr_cli.events import EVENT_KEYS
    from gwr_cli.messages import SCHEDULE_LABELS, STATUS_LABELS
    from gwr_cli.registry_fields import _INDICATOR_FIELDS, _REPORT_FIELDS, _TASK_FIELDS

    words = {*REGISTRY.areas, *(t.id for t in REGISTRY.tasks), *EVENT_KEYS}
    words |= {i.id for i in REGISTRY.indicators}
    words |= {*STATUS_LABELS["en"], *SCHEDULE_LABELS["en"]}
    words |= {*_TASK_FIELDS, *_INDICATOR_FIELDS, *_REPORT_FIELDS}
    words |= {"table", "json", "markdown", "csv", "html"}  # values of --format
    return words


KNOWN_WORDS = _known_words()


def _english_words(line: str, paths: list[str], typed: tuple[str, ...] = ()) -> list[str]:
    for path in sorted(paths, key=len, reverse=True):
        line = line.replace(path, "")
    line = ALLOWED.sub("", line)
    words = re.findall(r"[A-Za-z][A-Za-z0-9_-]+", line)
    return [w for w in words if w not in KNOWN_WORDS and w not in typed]


def _error_paths(tmp_path: Path, ledger_dir: Path) -> list[tuple[list[str], dict]]:
    broken = {
        "missing": tmp_path / "nowhere.toml",
        "toml": tmp_path / "bad-toml" / "tasks.toml",
        "fields": tmp_path / "bad-fields" / "tasks.toml",
    }
    broken["toml"].parent.mkdir()
    broken["toml"].write_text("schema = 1\n[report\n", encoding="utf-8")
    copy_registry(
        broken["fields"].parent,
        lambda t: t.replace('area = "water"', 'area = "nowhere"', 1).replace(
            "target = 50", "target = -1", 1
        ),
    )
    cases: list[tuple[list[str], dict]] = [
        (["show", "sewr"], {}),
        (["show", "s"], {}),
        (["list", "--status", "finished"], {}),
        (["list", "--schedule", "late"], {}),
        (["list", "--area", "space"], {}),
        (["list", "--chapter", "99"], {}),
        (["list", "--chapter", "x"], {}),
        (["progress", "sewer", "1", "2"], {}),
        (["list", "--format", "xml"], {}),
        (["list", "--bogus"], {}),
        (["frobnicate"], {}),
        (["start"], {}),
        (["start", "sewer", "--on"], {}),
        (["--as-of", "2021-13-01", "list"], {}),
        (["--as-of", "yesterday", "status"], {}),
        (["done", "sewer", "--on", "2099-01-01"], {}),
        (["summary", "--week", "2021-W60"], {}),
        (["summary", "--week", "soon"], {}),
        (["progress", "sewer", "abc"], {}),
        (["progress", "sewer", "-3"], {}),
        (["progress", "sewer", "1e400"], {}),
        (["progress", "preschool", "140%"], {}),
        (["block", "sewer"], {}),
        (["note", "sewer", " "], {}),
        (["reopen", "sewer"], {}),
        (["undo"], {"GWR_USER": "nobody"}),
        (["indicator", "set", "gdp", "fast"], {}),
        (["indicator", "set", "nothing", "6"], {}),
        (["--home", "", "list"], {}),
        (["list"], {"GWR_HOME": ""}),
        (["--registry", "", "list"], {}),
        (["start", "sewer"], {"GWR_USER": "bad/name"}),
        (["start", "sewer"], {"GWR_LOCK_TIMEOUT": "soon"}),
        (["--registry", str(broken["missing"]), "list"], {}),
        (["--registry", str(broken["toml"]), "list"], {}),
        (["--registry", str(broken["fields"]), "list"], {}),
        (["--registry", str(broken["fields"]), "check"], {}),
    ]
    return cases


def _assert_chinese(
    result, paths: list[str], typed: tuple[str, ...] = (), *, punctuation: bool = True
) -> None:
    for line in (result.stdout + result.stderr).splitlines():
        assert _english_words(line, paths, typed) == [], line
        if not punctuation:
            continue
        # gwr's own punctuation is full-width: what is left once the paths
        # (file:line), quotes and commands are taken out.
        prose = ALLOWED.sub("", re.sub(r":\d+", "", line.split("：", 1)[-1]))
        assert re.findall(r"[,();]", prose) == [], line


def test_every_error_path_is_chinese_under_lang_zh(gwr, tmp_path, ledger_dir, isolated_home):
    gwr.ok("start", "sewer", "--on", "2021-03-01")
    paths = [str(tmp_path), str(isolated_home)]
    for args, env in _error_paths(tmp_path, ledger_dir):
        result = gwr("--lang", "zh", *args, env=env or None)
        assert result.exit_code in (1, 2), (args, result.stdout, result.stderr)
        if args[-1] != "check":
            assert result.stderr.startswith("gwr：错误："), (args, result.stderr)
            assert result.stderr.count("\n") == 1, (args, result.stderr)
        _assert_chinese(result, paths, typed=("nobody", "bad", "name", "nowhere"))


@pytest.mark.parametrize(
    "content",
    [
        "schema = 1\n[[events]\n",  # not TOML
        "\ufeffschema = 1\n",  # a byte-order mark
        "",  # empty
        "schema = 9\n",  # another schema
        "schema = 1\nextra = 1\n",  # an unknown key
        '[[events]]\nid = "a"\ntask = "sewer-pipes-50km"\naction = "fly"\n',
        "<<<<<<< ours\n=======\n>>>>>>> theirs\n",  # conflict markers
    ],
)
def test_a_broken_ledger_is_reported_in_chinese(gwr, ledger_dir, isolated_home, content):
    ledger_dir.mkdir(parents=True)
    (ledger_dir / "zhang.toml").write_text(content, encoding="utf-8")
    result = gwr("--lang", "zh", "status")
    assert result.exit_code == 1
    assert result.stderr.startswith("gwr：错误：") and result.stderr.count("\n") == 1
    _assert_chinese(result, [str(isolated_home)], typed=("extra", "fly"))


def test_a_lock_timeout_is_reported_in_chinese(gwr, ledger_dir, isolated_home):
    from gwr_cli.ledger import ledger_lock

    ledger_dir.mkdir(parents=True)
    with ledger_lock(ledger_dir):
        result = gwr("--lang", "zh", "start", "sewer", env={"GWR_LOCK_TIMEOUT": "0.1"})
    assert result.exit_code == 1
    assert "另一个gwr进程占用" in result.stderr
    _assert_chinese(result, [str(isolated_home)])


def test_check_and_where_speak_chinese(gwr, isolated_home):
    for args in (["check"], ["where"]):
        result = gwr.ok("--lang", "zh", *args)
        _assert_chinese(result, [str(isolated_home), str(SHIPPED_REGISTRY)])
    where = gwr.ok("--lang", "zh", "where").stdout
    assert where.startswith("登记表：") and "（随gwr安装）" in where


def test_english_users_keep_the_english_wording(gwr):
    result = gwr("--lang", "en", "show", "sewr")
    assert result.stderr == "gwr: error: unknown task 'sewr' — did you mean 'sewer-pipes-50km'?\n"
    result = gwr("--lang", "en", "list", "--bogus")
    assert result.stderr.startswith("gwr: error: No such option: --bogus (see `")


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["list", "--format", "json"],
        ["status"],
        ["show", "sewer"],
        ["show", "preschool"],
        ["areas"],
        ["indicator", "list"],
        ["summary", "--week", "2021-W19"],
        ["summary", "--week", "2021-W19", "--format", "markdown"],
        ["export"],
        ["start", "mall-haiyin", "--on", "2021-05-02"],
        ["progress", "sewer", "24", "--on", "2021-05-08", "--note", "第二批管网"],
        ["indicator", "set", "gdp-growth", "6.8", "--on", "2021-05-12"],
    ],
)
def test_what_a_chinese_user_reads_is_chinese(gwr, isolated_home, args):
    gwr.ok("progress", "sewer", "18", "--on", "2021-05-03")
    gwr.ok("block", "mall-haiyin", "--on", "2021-05-01", "--note", "资金未到位")
    gwr.ok("indicator", "set", "retail-sales", "5", "--on", "2021-05-10")
    result = gwr.ok("--lang", "zh", "--as-of", "2021-05-16", *args)
    if "json" in args:  # data: keys are English by design, texts follow --lang
        import json
        from types import SimpleNamespace

        texts = [str(row[k]) for row in json.loads(result.stdout) for k in ("title",) if k in row]
        assert texts, result.stdout
        result = SimpleNamespace(stdout="\n".join(texts), stderr=result.stderr)
    # The registry's own titles keep their punctuation (新增…企业(独角兽)5家), the
    # CSV its commas: only the words are checked here.
    _assert_chinese(result, [str(isolated_home)], ("tester",), punctuation=False)
    if args[0] in ("start", "progress") or args[:2] == ["indicator", "set"]:
        assert "：" in result.stdout and ": " not in result.stdout  # the confirmation


def test_installed_gwr_words_errors_in_the_language_in_force(isolated_home):
    from conftest import run_installed

    by_option = run_installed("--lang", "zh", "show", "sewr")
    assert by_option.returncode == 1
    assert by_option.stderr == "gwr：错误：未知任务“sewr”——是否为“sewer-pipes-50km”？\n"
    by_variable = run_installed("list", "--bogus", env={"GWR_LANG": "zh"})
    assert by_variable.returncode == 2
    assert by_variable.stderr == "gwr：错误：没有选项--bogus（参见`gwr list --help`）\n"
    before_the_callback = run_installed("--lang", "zh", "--as-of", "2021-02-30", "list")
    assert before_the_callback.returncode == 1
    assert "不是真实存在的日期" in before_the_callback.stderr
    english = run_installed("--lang", "en", "show", "sewr", env={"GWR_LANG": "zh"})
    assert english.stderr.startswith("gwr: error: unknown task 'sewr'")


def test_an_invalid_gwr_lang_is_reported_in_the_locales_language(isolated_home):
    """GWR_LANG=fr on a Chinese locale: the one line saying so is Chinese, as every
    other error that user reads; on an English locale it is English."""
    from conftest import run_installed

    chinese = {"GWR_LANG": "fr", "LANG": "zh_CN.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
    result = run_installed("list", env=chinese)
    assert result.returncode == 1
    assert result.stderr == "gwr：错误：未知语言“fr”；请用zh或en\n"
    english = {**chinese, "LANG": "C.UTF-8"}
    result = run_installed("list", env=english)
    assert result.stderr == "gwr: error: unknown language 'fr'; use zh or en\n"


def test_a_mistyped_command_is_named_with_clicks_suggestion_in_chinese(gwr):
    """Click's "No such command 'lst'. Did you mean 'list'?" was cut mid-quote."""
    result = gwr("--lang", "zh", "lst")
    assert result.exit_code == 2
    assert result.stderr.startswith("gwr：错误：没有命令“lst”（是否为list？）（参见`")
    assert gwr("--lang", "zh", "qqq").stderr.startswith("gwr：错误：没有命令“qqq”（参见`")


def test_chinese_templates_quote_values_with_chinese_quotes():
    """zh templates once showed values as Python's repr ('区教育局'): values are
    quoted “…” (messages.Quoted), never '{x}' or {x!r}."""
    from gwr_cli import messages

    ascii_quoted = re.compile(r"'\{[^}]*\}'|\{[\w.]+!r\}")
    found = [
        key
        for key, template in messages._TEXT["zh"].items()
        if isinstance(template, str) and ascii_quoted.search(template)
    ]
    assert found == []


@pytest.mark.parametrize(
    ("args", "quoted"),
    [
        (["show", "sewr"], "“sewr”"),
        (["list", "--light", "purple"], "“purple”"),
        (["progress", "sewer-pipes-50km", "abc"], "“abc”"),
        (["status", "--by", "foo"], "“foo”"),
        (["--as-of", "2021-13-01", "status"], "“2021-13-01”"),
    ],
)
def test_chinese_errors_quote_typed_values_with_chinese_quotes(gwr, args, quoted):
    result = gwr("--lang", "zh", *args)
    assert result.exit_code != 0 and quoted in result.stderr, result.stderr
    assert "'" not in result.stderr, result.stderr
    english = gwr("--lang", "en", *args)
    assert quoted.strip("“”") in english.stderr and "“" not in english.stderr


def test_chinese_field_lists_are_joined_with_the_enumeration_comma(gwr, isolated_home):
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "assignments.toml").write_text(
        'schema = 1\n[[assignments]]\ntask = "school-no16"\nlead = ["甲"]\nowner = "乙"\n',
        encoding="utf-8",
    )
    result = gwr("--lang", "zh", "check")
    assert result.exit_code == 1 and "可用字段：task、lead、partners" in result.stdout, (
        result.output
    )
    english = gwr("--lang", "en", "check")
    assert "known fields: task, lead, partners" in english.stdout, english.output


@pytest.mark.parametrize(
    ("typed", "lang"),
    [("zh-CN", "zh"), ("zh_CN.UTF-8", "zh"), ("ZH-Hans", "zh"), ("en-US", "en"), ("en_GB", "en")],
)
def test_a_language_tag_or_locale_name_counts_by_its_language(gwr, monkeypatch, typed, lang):
    """GWR_LANG=zh-CN (as LANG is written) was refused as 'zh-cn'; a tag counts
    by its language, through GWR_LANG and --lang alike."""
    title = "2021年珠海市香洲区" if lang == "zh" else "Xiangzhou District"
    assert gwr.ok("--lang", typed, "status").stdout.startswith(title)
    monkeypatch.setenv("GWR_LANG", typed)
    assert gwr.ok("status").stdout.startswith(title)


def test_an_unknown_language_is_quoted_as_typed(gwr):
    result = gwr("--lang", "Fr-FR", "status")
    assert result.exit_code == 1
    assert result.stderr == "gwr: error: unknown language 'Fr-FR'; use zh or en\n"


@pytest.mark.parametrize(("lang", "cell"), [("zh", "未启动，逾期"), ("en", "not started, overdue")])
def test_an_overdue_status_reads_as_two_facts(gwr, lang, cell):
    """The 状态 cell of a task past its deadline: "not started overdue" read as
    one odd phrase (and 未启动 逾期 as a space in Chinese text)."""
    listed = gwr.ok("--lang", lang, "list", "--overdue", "--status", "not-started").stdout
    assert cell in listed
    assert cell in gwr.ok("--lang", lang, "show", "gree-park-phase1").stdout


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_id_of_the_other_kind_is_named_as_such(gwr, lang):
    """`gwr show gdp-growth` said "unknown task": it is an indicator's id."""
    shown = gwr("--lang", lang, "show", "gdp-growth")
    indicator_set = gwr("--lang", lang, "indicator", "set", "sewer-pipes-50km", "3")
    assert shown.exit_code == indicator_set.exit_code == 1
    if lang == "zh":
        assert shown.stderr.startswith("gwr：错误：“gdp-growth”是指标，不是任务（")
        assert indicator_set.stderr.startswith("gwr：错误：“sewer-pipes-50km”是任务，不是指标（")
    else:
        assert shown.stderr.startswith("gwr: error: 'gdp-growth' is an indicator, not a task (")
        assert indicator_set.stderr.startswith(
            "gwr: error: 'sewer-pipes-50km' is a task, not an indicator ("
        )
