"""Every user-facing word gwr prints, in Chinese and English, and the plain
text helpers shared by the table and text renderers (no Rich here)."""

from __future__ import annotations

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
    },
}


# --- gwr draft and the empty-English-title warning of gwr check (issue 14) -------
_DRAFT_TEXT = {
    "zh": {
        "draft.wrote": "已起草{tasks}项任务、{indicators}项指标，其中{checks}项任务待核对"
        "（标有 # check:），写入 {path}",
        "draft.wrote_assignments": "已写入{count}条分工：{path}",
        "draft.assignments_found": "报告中有{count}条分工标注；"
        "加 --assignments FILE 可写出分工文件。",
        "draft.encoding": "报告为{encoding}编码，已按此读取，并在登记表旁写入UTF-8副本 {path}"
        "（登记表引用该副本）。",
        "draft.next": "下一步：逐项核对草稿，再运行 gwr --registry {path} check",
        "draft.error.missing": "找不到报告文件：{path}（请给出报告正文的文本文件）",
        "draft.error.unreadable": "无法读取报告文件 {path}：{reason}",
        "draft.error.directory": "{path} 是文件夹，不是文件",
        "draft.error.binary": "{path} 不是文本文件（请先把报告另存为UTF-8或GB18030编码的纯文本）",
        "draft.error.no_year": "{path} 中找不到年份（如“2021年”），无法确定报告年度",
        "draft.error.no_tasks": "{path} 中没有找到具体工作（需要“建成……”“完成……”一类的句子）",
        "draft.error.exists": "{path} 已存在，未改动；请换一个输出文件名，或加 --force 覆盖",
        "draft.error.same_file": "{path} 是报告原文本身，不能用作输出文件",
        "draft.error.no_folder": "{path} 所在的文件夹不存在",
        "draft.error.write": "无法写入 {path}：{reason}，未写入任何文件",
        "check.warnings": "登记表有{count}处提醒（不影响使用）：",
        "check.empty_en": "{where}：{field} 为空，英文界面将显示中文",
    },
    "en": {
        "draft.wrote": "drafted {tasks} tasks and {indicators} indicators; tasks to check "
        "(marked # check:): {checks}; wrote {path}",
        "draft.wrote_assignments": "wrote {count} assignments to {path}",
        "draft.assignments_found": "the report names {count} assignments (分工); "
        "add --assignments FILE to write them.",
        "draft.encoding": "the report is {encoding}-encoded: read as such, and wrote a UTF-8 copy "
        "{path} beside the registry (the registry points at it).",
        "draft.next": "next: review the draft entry by entry, then run gwr --registry {path} check",
        "draft.error.missing": "report file not found: {path} (give the report's text file)",
        "draft.error.unreadable": "cannot read the report file {path}: {reason}",
        "draft.error.directory": "{path} is a folder, not a file",
        "draft.error.binary": "{path} is not a text file (save the report as plain text, "
        "UTF-8 or GB18030, first)",
        "draft.error.no_year": "{path} names no year (such as 2021年), so the report's year "
        "is unknown",
        "draft.error.no_tasks": "found no tasks in {path} (gwr looks for sentences such as "
        "建成… or 完成…)",
        "draft.error.exists": "{path} exists and was left unchanged; choose another output file, "
        "or add --force to replace it",
        "draft.error.same_file": "{path} is the report itself and cannot be an output",
        "draft.error.no_folder": "the folder of {path} does not exist",
        "draft.error.write": "cannot write {path}: {reason}; nothing was written",
        "check.warnings": "the registry has {count} warning(s) (it loads):",
        "check.empty_en": "{where}: {field} is empty; English output shows the Chinese",
    },
}
for _lang in LANGS:
    _TEXT[_lang].update(_DRAFT_TEXT[_lang])


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

# C0 and C1 control characters (but not newline and tab) and DEL: user text is
# printed literally, so an escape sequence in a note must never reach a terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(value: str, *, single_line: bool = False) -> str:
    """User text made safe to print: control characters shown as \\xNN."""
    if single_line:
        value = value.replace("\r\n", "\n").replace("\n", " ⏎ ").replace("\t", " ")
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", value)


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
    """Terminal cells a string takes, as Rich counts them for Chinese text:
    wide and full-width characters take two, combining and zero-width ones none.

    Rich's own measure is used on terminals; this one lays out piped output
    without importing Rich, and the tests hold the two to the same columns.
    """
    if value.isascii():
        return len(value)
    import unicodedata

    width = 0
    for char in value:
        if unicodedata.east_asian_width(char) in "WF":
            width += 2
        elif not (unicodedata.combining(char) or char in _ZERO_WIDTH):
            width += 1
    return width


_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufe0e\ufe0f")
