"""Every user-facing word gwr prints, in Chinese and English, and the plain
text helpers shared by the table and text renderers (no Rich here)."""

from __future__ import annotations

import locale
import math
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
        # --- the one tally, summary sections, state machine, time zone (core) ---
        "tally.lead": "共{total}项具体工作，",
        "tally.lead_dated": "截至{date}，{report}部署的{total}项具体工作中，",
        "tally.status": "{lead}已完成{done}项（{percent}），正在推进{active}项{blocked}，"
        "未启动{idle}项{idle_blocked}。",
        "tally.of_blocked": "（其中受阻{count}项）",
        "tally.schedule": "序时进度：超序时进度{ahead}项，按序时推进{on_track}项，"
        "滞后序时{behind}项，未启动{not_started}项，逾期未完成{overdue}项。",
        "field.investment.district": "区级投入",
        "sum.change": "本周新完成{completed}项，新启动{started}项，{progressed}项有新进展，"
        "新增受阻{blocked}项{extra}。",
        "sum.change.withdrawn": "，撤销完成{count}项",
        "sum.change.corrected": "，更正{count}项",
        "sum.started": "新启动（{count}项）",
        "sum.withdrawn": "撤销完成（{count}项）",
        "sum.corrected": "更正（{count}项）",
        "sum.withdrawn_on": "{date}撤销完成",
        "sum.lifted": "已于{date}解除",
        "sum.late_start": "时间已过{expected}",
        "refuse.later": "{action}（{on}）与之后的记录矛盾：{later}（{later_on}，{by}，编号{id}）；"
        "请改用该日期之后的日期，或先撤销（gwr undo）、重新打开（gwr reopen）。",
        "refuse.done": "任务{task}已完成（{done_on}起）；"
        "请先执行 gwr reopen {task}，再记录{action}。",
        "check.contradictions": "台账中有{count}条记录与之前的记录矛盾，未计入：",
        "check.contradiction": "{file}:{line}：{id} {action} {task}（{on}）在{status}之后",
        "check.ledger": "台账：{files}个文件，{events}条记录",
        "show.contradicted": "未计入：{on} {action}（{by}，编号{id}）与之前的记录矛盾",
        "date.out_of_range": "{option}：{value}超出可计算的日期范围；"
        "请用0002-01-01至9999-12-24之间的日期",
    },
    "en": {
        "tally.lead": "{total} concrete tasks: ",
        "tally.lead_dated": "As of {date}, of the {total} concrete tasks in the {report}, ",
        "tally.status": "{lead}{done} done ({percent}), {active} in progress{blocked}, "
        "{idle} not started{idle_blocked}.",
        "tally.of_blocked": " ({count} of them blocked)",
        "tally.schedule": "Schedule: {ahead} ahead, {on_track} on track, {behind} behind, "
        "{not_started} not started, {overdue} overdue.",
        "field.investment.district": "district's own investment",
        "sum.change": "This week: {completed} completed, {started} started, {progressed} "
        "progressed, {blocked} newly blocked{extra}.",
        "sum.change.withdrawn": ", {count} completion(s) withdrawn",
        "sum.change.corrected": ", {count} corrected",
        "sum.started": "Started this week ({count})",
        "sum.withdrawn": "Completion withdrawn ({count})",
        "sum.corrected": "Corrected ({count})",
        "sum.withdrawn_on": "completion withdrawn {date}",
        "sum.lifted": "lifted {date}",
        "sum.late_start": "{expected} of the time elapsed",
        "refuse.later": "{action} on {on} contradicts a later record: {later} on {later_on} by "
        "{by} (event {id}); use a date after it, or first `gwr undo` or `gwr reopen`.",
        "refuse.done": "task {task} is already done (since {done_on}); run `gwr reopen {task}` "
        "before recording {action}.",
        "check.contradictions": "{count} ledger event(s) contradict earlier ones and are not "
        "counted:",
        "check.contradiction": "{file}:{line}: {id} {action} {task} ({on}) after {status}",
        "check.ledger": "ledger: {events} events in {files} file(s)",
        "show.contradicted": "not counted: {action} on {on} by {by} (event {id}) contradicts an "
        "earlier record",
        "date.out_of_range": "{option}: {value} is out of the range gwr can compute with; use a "
        "date from 0002-01-01 to 9999-12-24",
    },
}
_TEXT_BASE = {
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
        "field.investment": "项目总投资",
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
        "as_of": "截至{date}",
        "no_tasks": "没有符合条件的任务。",
        "recorded": "已记录",
        "undone": "已撤销",
        "check.ok": "登记表有效:{tasks}项任务,{indicators}项指标,{areas}个领域,项目总投资{money}。",
        "check.orphans": "台账中有{count}条记录指向登记表中不存在的任务:",
        "check.problems": "登记表有{count}处问题:",
        "col.schedule": "序时状态",
        "col.investment": "项目总投资",
        "col.indicator": "指标",
        "col.target": "目标",
        "col.latest": "最新值",
        "col.met": "是否达成",
        "met.yes": "已达成",
        "met.no": "未达成",
        "met.none": "尚无数据",
        "sum.title": "{report}落实情况周报",
        "sum.week": "{year}年第{week}周({start}至{end})",
        "sum.nochange": "本周无新进展记录。",
        "sum.completed": "本周完成({count}项)",
        "sum.progressed": "本周进展({count}项)",
        "sum.blocked": "新增受阻({count}项)",
        "sum.notes": "本周备注({count}条)",
        "sum.warnings": "预警：滞后序时、逾期及未按时启动（{count}项）",
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
        "编号,章节,项目总投资(元),完成标志,片区,责任单位,完成率(%),序时进度(%)",
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
        "field.investment": "total project investment",
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
        "as_of": "as of {date}",
        "no_tasks": "No task matches.",
        "recorded": "recorded",
        "undone": "undone",
        "check.ok": "registry is valid: {tasks} tasks, {indicators} indicators, {areas} areas, "
        "total project investment {money}.",
        "check.orphans": "{count} ledger event(s) name a task the registry no longer has:",
        "check.problems": "the registry has {count} problem(s):",
        "col.schedule": "schedule",
        "col.investment": "total project investment",
        "col.indicator": "indicator",
        "col.target": "target",
        "col.latest": "latest",
        "col.met": "met",
        "met.yes": "met",
        "met.no": "not met",
        "met.none": "no data yet",
        "sum.title": "{report}: weekly implementation summary",
        "sum.week": "Week {year}-W{week:02d} ({start} to {end})",
        "sum.nochange": "No progress was recorded this week.",
        "sum.completed": "Completed this week ({count})",
        "sum.progressed": "Progress this week ({count})",
        "sum.blocked": "Newly blocked ({count})",
        "sum.notes": "Notes this week ({count})",
        "sum.warnings": "Warnings: behind schedule, overdue or not started in time ({count})",
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
        "Source,ID,Chapter,Total project investment (CNY),Done means,Zone,Lead unit,Percent done,"
        "Expected percent",
    },
}


for _lang in LANGS:
    _TEXT[_lang] = _TEXT_BASE[_lang] | _TEXT[_lang]


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
    # Rounded down: 99.6% is not yet 100% (only a done task is).
    return f"{math.floor(percent + 1e-9):.0f}%"


def text_bar(percent: float, width: int = 10) -> str:
    # ASCII on purpose: block characters are "ambiguous width" and take two
    # cells in many Chinese terminals, which would break column alignment.
    filled = math.floor(max(0.0, min(percent, 100.0)) / 100 * width + 1e-9)
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
