"""Every user-facing word gwr prints, in Chinese and English, and the plain
text helpers shared by the table and text renderers (no Rich here)."""

from __future__ import annotations

import codecs
import locale
import os
import re

from gwr_cli.errors import InputError

LANGS = ("zh", "en")

STATUS_LABELS = {
    "zh": {"not-started": "未启动", "in-progress": "推进中", "done": "已完成", "blocked": "受阻"},
    "en": {
        "not-started": "not started",
        "in-progress": "in progress",
        "done": "done",
        "blocked": "blocked",
    },
}

ACTION_LABELS = {
    "zh": {
        "start": "启动",
        "progress": "进展",
        "done": "完成",
        "block": "受阻",
        "note": "备注",
        "reopen": "重新打开",
        "undo": "撤销",
        "indicator": "指标",
    },
    "en": {a: a for a in ("start", "progress", "done", "block", "note", "reopen", "undo")}
    | {"indicator": "indicator"},
}

SCHEDULE_LABELS = {
    "zh": {
        "done": "已完成",
        "ahead": "超序时进度",
        "on-track": "按序时推进",
        "behind": "滞后序时",
        "not-started": "未启动",
        "overdue": "逾期未完成",
    },
    "en": {
        "done": "done",
        "ahead": "ahead of schedule",
        "on-track": "on track",
        "behind": "behind schedule",
        "not-started": "not started",
        "overdue": "overdue",
    },
}

# Short column headings for the schedule states, in table order.
SCHEDULE_COLUMNS = {
    "zh": {
        "ahead": "超序时",
        "on-track": "按序时",
        "behind": "滞后",
        "not-started": "未启动",
        "overdue": "逾期",
    },
    "en": {
        "ahead": "ahead",
        "on-track": "on track",
        "behind": "behind",
        "not-started": "not started",
        "overdue": "overdue",
    },
}

_TEXT = {
    "zh": {
        "overdue": "逾期",
        "col.id": "编号",
        "col.task": "任务",
        "col.area": "领域",
        "col.deadline": "完成时限",
        "col.progress": "进度",
        "col.status": "状态",
        "col.done": "完成",
        "col.percent": "完成率",
        "col.overdue": "逾期",
        "col.tasks": "任务数",
        "col.name": "名称",
        "col.key": "代码",
        "col.date": "日期",
        "col.action": "动作",
        "col.value": "数值",
        "col.note": "说明",
        "col.by": "记录人",
        "field.title": "任务",
        "field.area": "领域",
        "field.chapter": "章节",
        "field.deadline": "完成时限",
        "field.target": "目标",
        "field.investment": "总投资",
        "field.milestone": "完成标志",
        "field.zone": "片区",
        "field.lead": "责任单位",
        "field.status": "状态",
        "field.progress": "进度",
        "field.source": "报告原文",
        "field.history": "进展记录",
        "field.none": "(尚无记录)",
        "field.elapsed": "时间已过",
        "field.tags": "标签",
        "total": "合计",
        "overall": "共{total}项具体工作,已完成{done}项,正在推进{active}项{blocked},"
        "未启动{idle}项,逾期{overdue}项。",
        "overall.blocked": "(其中受阻{count}项)",
        "as_of": "截至{date}",
        "no_tasks": "没有符合条件的任务。",
        "recorded": "已记录",
        "undone": "已撤销",
        "check.ok": "登记表有效:{tasks}项任务,{indicators}项指标,{areas}个领域,计划总投资{money}。",
        "check.orphans": "台账中有{count}条记录指向登记表中不存在的任务:",
        "check.problems": "登记表有{count}处问题:",
        "col.schedule": "序时状态",
        "col.investment": "计划投资",
        "col.indicator": "指标",
        "col.target": "目标",
        "col.latest": "最新值",
        "col.met": "是否达成",
        "met.yes": "已达成",
        "met.no": "未达成",
        "met.none": "尚无数据",
        "sum.title": "{report}落实情况周报",
        "sum.week": "{year}年第{week}周({start}至{end})",
        "sum.headline": "截至{date},{report}部署的{total}项具体工作中,已完成{done}项({percent}),"
        "超序时进度{ahead}项,按序时推进{on_track}项,滞后序时{behind}项,未启动{not_started}项,"
        "逾期{overdue}项。",
        "sum.change": "本周新完成{completed}项,新启动{started}项,{progressed}项有新进展,"
        "新增受阻{blocked}项。",
        "sum.nochange": "本周无新进展记录。",
        "sum.completed": "本周完成({count}项)",
        "sum.progressed": "本周进展({count}项)",
        "sum.blocked": "新增受阻({count}项)",
        "sum.notes": "本周备注({count}条)",
        "sum.warnings": "预警:滞后序时及逾期({count}项)",
        "sum.upcoming": "四周内到期({count}项)",
        "sum.areas": "分领域情况",
        "sum.indicators": "本周录入指标({count}项)",
        "sum.overdue_by": "逾期{days}天",
        "sum.behind_by": "完成{actual},序时进度{expected}",
        "sum.due_in": "{deadline}到期(还剩{days}天),当前{progress}",
        "sum.indicator": "{title}:{value}{unit}(目标{comparator}{target}{unit},{met})",
        "sum.done_on": "{date}完成",
        "wrote": "已写入 {path}",
        "export.headers": "序号,任务,领域,完成时限,目标,当前进度,状态,序时状态,最新进展,来源,"
        "编号,章节,总投资(元),完成标志,片区,责任单位,完成率(%),序时进度(%)",
        # --- input, paths and output files (issue 9) ---
        "input.argument": "第{number}个参数",
        "input.option_value": "{option}的值",
        "input.not_utf8": "{name}（{shown}）不是UTF-8文本：gwr按UTF-8读取输入；请把终端设为UTF-8"
        "（如LANG=zh_CN.UTF-8；Windows下先执行chcp 65001）后重新输入",
        "paths.empty_option": "{option}为空：请给出{what}，"
        "或者不写{option}以使用默认值（`gwr where`可查看）",
        "paths.empty_env": "环境变量{variable}已设置但为空：请设为{what}，"
        "或者删除它（unset {variable}）以使用默认值",
        "paths.what.home": "数据文件夹",
        "paths.what.registry": "登记表文件",
        "output.empty": "--output为空：请给出文件名，或用 - 表示输出到屏幕",
        "output.no_folder": "--output {path}：文件夹{folder}不存在",
        "output.is_folder": "--output {path}是文件夹：请给出文件名",
        "output.cannot_write": "--output {path}：无法写入（{reason}）",
    },
    "en": {
        "overdue": "overdue",
        "col.id": "id",
        "col.task": "task",
        "col.area": "area",
        "col.deadline": "deadline",
        "col.progress": "progress",
        "col.status": "status",
        "col.done": "done",
        "col.percent": "percent",
        "col.overdue": "overdue",
        "col.tasks": "tasks",
        "col.name": "name",
        "col.key": "key",
        "col.date": "date",
        "col.action": "action",
        "col.value": "value",
        "col.note": "note",
        "col.by": "by",
        "field.title": "task",
        "field.area": "area",
        "field.chapter": "chapter",
        "field.deadline": "deadline",
        "field.target": "target",
        "field.investment": "investment",
        "field.milestone": "done means",
        "field.zone": "zone",
        "field.lead": "lead unit",
        "field.status": "status",
        "field.progress": "progress",
        "field.source": "report text",
        "field.history": "history",
        "field.none": "(nothing recorded yet)",
        "field.elapsed": "of the time elapsed",
        "field.tags": "tags",
        "total": "total",
        "overall": "{total} concrete tasks: {done} done, {active} in progress{blocked}, "
        "{idle} not started, {overdue} overdue.",
        "overall.blocked": " ({count} of them blocked)",
        "as_of": "as of {date}",
        "no_tasks": "No task matches.",
        "recorded": "recorded",
        "undone": "undone",
        "check.ok": "registry is valid: {tasks} tasks, {indicators} indicators, {areas} areas, "
        "planned investment {money}.",
        "check.orphans": "{count} ledger event(s) name a task the registry no longer has:",
        "check.problems": "the registry has {count} problem(s):",
        "col.schedule": "schedule",
        "col.investment": "investment",
        "col.indicator": "indicator",
        "col.target": "target",
        "col.latest": "latest",
        "col.met": "met",
        "met.yes": "met",
        "met.no": "not met",
        "met.none": "no data yet",
        "sum.title": "{report}: weekly implementation summary",
        "sum.week": "Week {year}-W{week:02d} ({start} to {end})",
        "sum.headline": "As of {date}, of the {total} concrete tasks in the {report}, {done} are "
        "done ({percent}); {ahead} ahead of schedule, {on_track} on track, {behind} behind "
        "schedule, {not_started} not started, {overdue} overdue.",
        "sum.change": "This week: {completed} completed, {started} started, {progressed} "
        "progressed, {blocked} newly blocked.",
        "sum.nochange": "No progress was recorded this week.",
        "sum.completed": "Completed this week ({count})",
        "sum.progressed": "Progress this week ({count})",
        "sum.blocked": "Newly blocked ({count})",
        "sum.notes": "Notes this week ({count})",
        "sum.warnings": "Warnings: behind schedule and overdue ({count})",
        "sum.upcoming": "Due within four weeks ({count})",
        "sum.areas": "By area",
        "sum.indicators": "Indicators recorded this week ({count})",
        "sum.overdue_by": "{days} days overdue",
        "sum.behind_by": "{actual} done, {expected} of the time elapsed",
        "sum.due_in": "due {deadline} (in {days} days), now {progress}",
        "sum.indicator": "{title}: {value}{unit} (target {comparator} {target}{unit}, {met})",
        "sum.done_on": "done {date}",
        "wrote": "wrote {path}",
        "export.headers": "No.,Task,Area,Deadline,Target,Progress,Status,Schedule,Latest update,"
        "Source,ID,Chapter,Investment (CNY),Done means,Zone,Lead unit,Percent done,"
        "Expected percent",
        # --- input, paths and output files (issue 9) ---
        "input.argument": "argument {number}",
        "input.option_value": "the value of {option}",
        "input.not_utf8": "{name} ({shown}) is not UTF-8 text: gwr reads what you type as "
        "UTF-8; set your terminal to UTF-8 (e.g. LANG=en_US.UTF-8, or `chcp 65001` on Windows) "
        "and type it again",
        "paths.empty_option": "{option} is empty: give {what}, or leave out {option} to use the "
        "default (`gwr where` shows it)",
        "paths.empty_env": "{variable} is set but empty: set it to {what}, or unset it "
        "(unset {variable}) to use the default",
        "paths.what.home": "a data folder",
        "paths.what.registry": "a registry file",
        "output.empty": "--output is empty: give a file name, or - for the screen",
        "output.no_folder": "--output {path}: folder {folder} does not exist",
        "output.is_folder": "--output {path} is a folder: give a file name",
        "output.cannot_write": "--output {path}: cannot write ({reason})",
    },
}


def text(key: str, lang: str, **values: object) -> str:
    template = _TEXT[lang][key]
    return template.format(**values) if values else template


def detect_lang(option: str | None) -> str:
    """--lang, else GWR_LANG, else Chinese when the user's locale is Chinese."""
    chosen = option or os.environ.get("GWR_LANG")
    if chosen:
        chosen = chosen.strip().lower()
        if chosen not in LANGS:
            raise InputError(f"unknown language {chosen!r}; use zh or en")
        return chosen
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(variable)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    try:
        code = locale.getlocale()[0] or ""
    except ValueError:
        code = ""
    return "zh" if code.lower().startswith(("zh", "chinese")) else "en"


# --- plain-text helpers ---------------------------------------------------------

# C0 and C1 control characters (but not newline and tab), DEL, and the bidi
# overrides and isolates (they reorder the text after them on screen): user
# text is printed literally, so none of them may reach a terminal raw.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Everything a line-oriented reader (a terminal, `str.splitlines`, Markdown)
# takes for the end of a line; the other line breaks are control characters.
_LINE_BREAK = re.compile("\r\n|[\n\r\u2028\u2029]")
NEWLINE_MARK = "⏎"


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(value: str, *, single_line: bool = True) -> str:
    """User text made safe to print: control characters shown as \\xNN (\\uNNNN).

    Every line-oriented place (tables, summaries, confirmations, errors) keeps a
    field on its own line, so by default line breaks become " ⏎ " and tabs a
    space; `single_line=False` keeps them, for output where a field may span lines.
    """
    if value.isprintable():  # the common case, and what printable() returns
        return value
    if single_line:
        value = _LINE_BREAK.sub(f" {NEWLINE_MARK} ", value).replace("\t", " ")
    return _CONTROL.sub(_escape, value)


def fmt_number(value: float | None) -> str:
    if value is None:
        return "-"
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", "")
    return f"{value:.2f}".rstrip("0").rstrip(".")


def fmt_money(yuan: float, lang: str) -> str:
    """Amounts as readers expect them: 亿元/万元, or CNY billions/millions."""
    if lang == "zh":
        if yuan >= 1e8:
            return f"{fmt_number(round(yuan / 1e8, 2))}亿元"
        if yuan >= 1e4:
            return f"{fmt_number(round(yuan / 1e4, 2))}万元"
        return f"{fmt_number(yuan)}元"
    if yuan >= 1e9:
        return f"CNY {fmt_number(round(yuan / 1e9, 2))} billion"
    if yuan >= 1e6:
        return f"CNY {fmt_number(round(yuan / 1e6, 2))} million"
    return f"CNY {fmt_number(yuan)}"


def fmt_percent(percent: float) -> str:
    return f"{percent:.0f}%"


def text_bar(percent: float, width: int = 10) -> str:
    # ASCII on purpose: block characters are "ambiguous width" and take two
    # cells in many Chinese terminals, which would break column alignment.
    filled = round(max(0.0, min(percent, 100.0)) / 100 * width)
    return "#" * filled + "-" * (width - filled)


def cell_width(value: str) -> int:
    """Terminal cells a string takes, exactly as Rich measures it on a terminal.

    Rich's own measure (`rich.cells`): wide and full-width characters take two
    cells, combining and zero-width ones none, and an emoji sequence (VS16
    "☁️", a ZWJ family "👨‍👩‍👧", a flag "🇨🇳") counts as the one glyph it draws.
    Only `rich.cells` is imported (about 2.5 ms, measured; the tables and
    console cost ten times that), and only for text that is not plain ASCII.
    tests/test_output.py holds this to `rich.cells.cell_len` for any text.
    """
    if value.isascii() and value.isprintable():
        return len(value)
    if "\u200d" in value or "\ufe0f" in value:  # sequences: Rich's grapheme rules
        from rich.cells import cell_len

        return cell_len(value)
    # Otherwise Rich sums its per-character widths; summing them from a dict
    # in C is four times faster than cell_len (a 10,000-task listing: 25 ms).
    return sum(map(_CHAR_WIDTHS.__getitem__, value))


class _CharWidths(dict[str, int]):
    def __missing__(self, char: str) -> int:
        from rich.cells import get_character_cell_size

        width = self[char] = get_character_cell_size(char)
        return width


_CHAR_WIDTHS = _CharWidths()  # filled from Rich's table as characters appear


# ASCII stand-ins for gwr's own markers, used where the output's encoding
# cannot show them (a GBK console, a Latin-1 locale); anything else that
# cannot be shown becomes "?", as Python's own "replace" does.
STAND_INS = {
    NEWLINE_MARK: "\\n",
    "“": '"',
    "”": '"',
    "→": "->",
    "·": "-",
    "—": "--",
    "…": "...",
    "\ufeff": "",
}
STAND_IN_ERRORS = "gwr-stand-in"


def _stand_in(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(STAND_INS.get(char, "?") for char in bad), error.end


codecs.register_error(STAND_IN_ERRORS, _stand_in)


def encodable(value: str, encoding: str | None) -> str:
    """value as a stream in `encoding` can show it: what it cannot encode is
    replaced, gwr's markers by their ASCII stand-ins (⏎ by \\n), the rest by "?".

    Lone surrogates (bytes that were not UTF-8) are replaced too, in any encoding.
    """
    encoding = encoding or "utf-8"
    try:
        value.encode(encoding)
    except UnicodeEncodeError:
        return value.encode(encoding, STAND_IN_ERRORS).decode(encoding)
    except LookupError:  # an encoding Python does not know: keep to ASCII
        return value.encode("ascii", STAND_IN_ERRORS).decode("ascii")
    return value


# Characters that make Markdown out of inline text: emphasis, code, links and
# images, raw HTML and entities, tables, strikethrough, and the backslash itself.
_MARKDOWN_INLINE = re.compile(r"[\\`*_\[\]<>&|~]")
# At the start of a line these open a heading or a list ("#", "-", "+", "1.").
_MARKDOWN_LINE_START = re.compile(r"^(\s*)(#|[-+=]|\d+(?=[.)]))")


def markdown_text(value: str) -> str:
    """User text (a note, a title, a name) that any Markdown renderer shows as
    typed: one line, control characters escaped, Markdown syntax backslashed.

    `<img src=x onerror=…>` stays text, `**bold**` stays starred, `[t](url)` is
    no link, a leading `#` no heading; `|` never ends a table cell.
    """
    value = _MARKDOWN_INLINE.sub(lambda m: "\\" + m.group(), printable(value))
    return _MARKDOWN_LINE_START.sub(_escape_line_start, value, count=1)


def _escape_line_start(match: re.Match[str]) -> str:
    lead, syntax = match.group(1), match.group(2)
    if syntax[0].isdigit():  # "2021. " would start an ordered list: "2021\\. "
        return lead + syntax + "\\"
    return lead + "\\" + syntax
