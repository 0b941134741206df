"""Every user-facing word gwr prints, in Chinese and English, and the plain
text helpers shared by the table and text renderers (no Rich here).

One long module on purpose: every word in one place, so that a translator reads
both languages side by side and a test can prove they have the same keys."""

from __future__ import annotations

import codecs
import functools
import math
import os
import re

from gwr_cli.errors import GwrError, InputError
from gwr_cli.patterns import LazyPattern

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from collections.abc import Callable, Collection

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
        "check.ledger_partial": "台账：无误的{files}个文件中有{events}条记录；"
        "另有{unread}个文件有误，未计入（见下）",
        "check.ledger_none": "台账：{unread}个文件均有误，未计入（见下）",
        # handlers/reading.py: ledger values outside the rule of events.kept_problem
        "check.unkept": "台账中有{count}个数值不能精确保存（gwr最多保存{kept}位有效数字，"
        "范围为负10的308次方到10的308次方）；照原样读取，如有误请重新记录正确的值：",
        "check.unkept_value": "{file}:{line}：{id} {action} {task}：数值{value}{problem}",
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
        "sum.change.withdrawn": ", {count:~completion|completions} withdrawn",
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
        "check.contradictions": "{count:~ledger event|ledger events} "
        "{count:~!contradicts|contradict} earlier ones and {count:~!is|are} not counted:",
        "check.contradiction": "{file}:{line}: {id} {action} {task} ({on}) after {status}",
        "check.ledger": "ledger: {events:~event|events} in {files:~file|files}",
        "check.ledger_partial": "ledger: {events:~event|events} in the {files:~file|files} "
        "without errors; {unread:~file|files} {unread:~!has|have} errors and "
        "{unread:~!is|are} not counted (below)",
        "check.ledger_none": "ledger: {unread:~file|files}, each with errors, not counted (below)",
        # handlers/reading.py: ledger values outside the rule of events.kept_problem
        "check.unkept": "{count:~ledger value|ledger values} cannot be kept exactly (gwr keeps "
        "at most {kept} significant digits, from -1e308 to 1e308); read as written: if one is "
        "wrong, record the right value:",
        "check.unkept_value": "{file}:{line}: {id} {action} {task}: value {value} {problem}",
        "show.contradicted": "not counted: {action} on {on} by {by} (event {id}) contradicts an "
        "earlier record",
        "date.out_of_range": "{option}: {value} is out of the range gwr can compute with; use a "
        "date from 0002-01-01 to 9999-12-24",
    },
}


def _add_texts(texts: dict[str, dict[str, str]]) -> None:
    """A block of wordings ({lang: {key: text}}) added to every language's table."""
    for lang in LANGS:
        _TEXT[lang].update(texts[lang])


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
        "field.none": "（尚无记录）",
        "field.tags": "标签",
        "total": "合计",
        "as_of": "截至{date}",
        "no_tasks": "没有符合条件的任务。",
        "recorded": "已记录",
        "undone": "已撤销",
        "check.ok": "登记表有效：{tasks}项任务，{indicators}项指标，{areas}个领域，"
        "项目总投资{money}。",
        "check.district_investment": "另有区级投入{money}，不计入项目总投资。",
        "check.orphans": "台账中有{count}条记录指向登记表中不存在的任务：",
        "check.problems": "登记表有{count}处问题：",
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
        "sum.week": "{year}年第{week}周（{start}至{end}）",
        "sum.period_span": "{period}（{start}至{end}）",
        "sum.nochange": "本周无新进展记录。",
        "sum.completed": "本周完成（{count}项）",
        "sum.progressed": "本周进展（{count}项）",
        "sum.blocked": "新增受阻（{count}项）",
        "sum.notes": "本周备注（{count}条）",
        "sum.warnings": "预警：滞后序时、逾期及未按时启动（{count}项）",
        "sum.upcoming": "四周内到期（{count}项）",
        "sum.areas": "分领域情况",
        "sum.indicators": "本周录入指标（{count}项）",
        "sum.overdue_by": "逾期{days}天",
        "sum.behind_by": "完成{actual}，序时进度{expected}",
        "sum.due_in": "{deadline}到期（还剩{days}天），当前{progress}",
        "sum.indicator": "{title}：{value}（目标{target}，{met}）",
        "sum.done_on": "{date}完成",
        "wrote": "已写入 {path}",
        "export.headers": "序号,任务,领域,完成时限,目标,当前进度,状态,序时状态,最新进展,来源,"
        "编号,章节,项目总投资（元）,区级投入（元）,完成标志,片区,责任单位,完成率（%）,序时进度（%）",
        # --- HTML report and static site (issue 13) ---
        "html.lang": "zh-CN",
        "html.charts": "图表",
        "html.by_status": "按状态（共{total}项）",
        "html.by_schedule": "按序时进度（共{total}项）",
        "html.by_area": "分领域完成情况",
        "html.by_unit": "分牵头单位完成情况",
        "html.cumulative": "累计完成项数（按周）与序时进度线",
        "html.actual": "实际累计完成",
        "html.ideal": "序时进度线：{total}项于{date}前完成",
        "html.lights": "亮灯预警（红灯{red}项，黄灯{yellow}项）",
        "html.col.reason": "原因",
        "html.col.units": "牵头单位",
        "html.col.days_left": "剩余天数",
        "html.footer": "本页由gwr根据登记表和进展台账生成，数据截至{date}。",
        "site.home": "首页",
        "site.tasks": "全部任务（{count}项）",
        "site.indicators": "经济指标",
        "site.filter": "筛选：",
        "site.filter.area": "领域",
        "site.filter.status": "状态",
        "site.filter.light": "亮灯",
        "site.all": "全部",
        "site.scorecard": "总体情况",
        "site.shown": "显示{count}项",
        "site.quote": "报告原文",
        "site.timeline": "进展时间线",
        "site.no_events": "尚无进展记录。",
        "site.status_page": "状态：{status}",
        "site.light_page": "亮灯：{light}",
        "site.chapter": "第{number}章：{title}",
        "site.not_exists": "--output {path}：该文件夹已存在，但不是gwr生成的网站（缺少{marker}），"
        "未写入任何文件；请指定新的文件夹或空文件夹。",
        "site.not_dir": "--output {path}：这是一个文件，不是文件夹；请指定一个文件夹。",
        "site.base_url": "--base-url {url}：应以http://或https://开头，例如 {example}",
        "site.wrote": "已生成网站：{path}（{count}个文件）",
        "site.cannot_write": "--output {path}：无法写入（{reason}）",
        "site.empty": "--output为空：请给出网站所在的文件夹",
        "site.done_of": "完成{done}/{total}（{percent}）",
        "site.unit": "报送单位",
        "html.colon": "：",
        "html.open": "（",
        "html.close": "）",
        "html.and": "、",
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
        "output.is_folder": "{option} {path}是文件夹：请给出文件名",
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
        "field.tags": "tags",
        "total": "total",
        "as_of": "as of {date}",
        "no_tasks": "No task matches.",
        "recorded": "recorded",
        "undone": "undone",
        "check.ok": "registry is valid: {tasks:~task|tasks}, {indicators:~indicator|indicators}, "
        "{areas:~area|areas}, "
        "total project investment {money}.",
        "check.district_investment": "besides, the district's own investment {money}, "
        "not part of the projects' total.",
        "check.orphans": "{count:~ledger event|ledger events} {count:~!names|name} a task the "
        "registry no longer has:",
        "check.problems": "the registry has {count:~problem|problems}:",
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
        "sum.week": "Week {year:04d}-W{week:02d} ({start} to {end})",
        "sum.period_span": "{period} ({start} to {end})",
        "sum.nochange": "No progress was recorded this week.",
        "sum.completed": "Completed this week ({count})",
        "sum.progressed": "Progress this week ({count})",
        "sum.blocked": "Newly blocked ({count})",
        "sum.notes": "Notes this week ({count})",
        "sum.warnings": "Warnings: behind schedule, overdue or not started in time ({count})",
        "sum.upcoming": "Due within four weeks ({count})",
        "sum.areas": "By area",
        "sum.indicators": "Indicators recorded this week ({count})",
        "sum.overdue_by": "{days:~day|days} overdue",
        "sum.behind_by": "{actual} done, {expected} of the time elapsed",
        "sum.due_in": "due {deadline} (in {days:~day|days}), now {progress}",
        "sum.indicator": "{title}: {value} (target {target}, {met})",
        "sum.done_on": "done {date}",
        "wrote": "wrote {path}",
        "export.headers": "No.,Task,Area,Deadline,Target,Progress,Status,Schedule,Latest update,"
        "Source,ID,Chapter,Total project investment (CNY),District's own investment (CNY),"
        "Done means,Zone,Lead unit,Percent done,"
        "Expected percent",
        # --- HTML report and static site (issue 13) ---
        "html.lang": "en",
        "html.charts": "Charts",
        "html.by_status": "By status ({total} tasks)",
        "html.by_schedule": "By schedule ({total} tasks)",
        "html.by_area": "Completion by area",
        "html.by_unit": "Completion by lead unit",
        "html.cumulative": "Tasks completed, cumulative by week, against the ideal line",
        "html.actual": "completed so far",
        "html.ideal": "ideal line: {total} tasks done by {date}",
        "html.lights": "Lights: red ({red}) and yellow ({yellow})",
        "html.col.reason": "reason",
        "html.col.units": "lead units",
        "html.col.days_left": "days left",
        "html.footer": "Generated by gwr from the registry and the progress ledger, as of {date}.",
        "site.home": "Home",
        "site.tasks": "All tasks ({count})",
        "site.indicators": "Indicators",
        "site.filter": "Filter:",
        "site.filter.area": "area",
        "site.filter.status": "status",
        "site.filter.light": "light",
        "site.all": "all",
        "site.scorecard": "Scorecard",
        "site.shown": "{count} shown",
        "site.quote": "The report says",
        "site.timeline": "Timeline",
        "site.no_events": "Nothing recorded yet.",
        "site.status_page": "Status: {status}",
        "site.light_page": "Light: {light}",
        "site.chapter": "Chapter {number}: {title}",
        "site.not_exists": "--output {path}: the folder exists but is not a gwr site "
        "(no {marker}); nothing was written. Choose a new or empty folder.",
        "site.not_dir": "--output {path}: this is a file, not a folder; give a folder.",
        "site.base_url": "--base-url {url}: must start with http:// or https://, e.g. {example}",
        "site.wrote": "wrote the site to {path} ({count:~file|files})",
        "site.cannot_write": "--output {path}: cannot write ({reason})",
        "site.empty": "--output is empty: give the folder for the site",
        "site.done_of": "done {done}/{total} ({percent})",
        "site.unit": "reported by",
        "html.colon": ": ",
        "html.open": " (",
        "html.close": ")",
        "html.and": ", ",
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
        "output.is_folder": "{option} {path} is a folder: give a file name",
        "output.cannot_write": "--output {path}: cannot write ({reason})",
    },
}

# --- the collection round through Excel (collect/*): templates, import, 台账 ---
_COLLECT_TEXT = {
    "zh": {
        "collect.col.id": "编号",
        "collect.col.task": "任务",
        "collect.col.quote": "报告原文",
        "collect.col.deadline": "完成时限",
        "collect.col.target": "目标",
        "collect.col.milestone": "节点目标",
        "collect.col.last": "上期进展",
        "collect.col.value": "本期完成值",
        "collect.col.status": "状态",
        "collect.col.note": "进展情况",
        "collect.col.problems": "存在问题",
        "collect.col.next": "下步措施",
        "collect.col.date": "填报日期",
        "sheet.report": "填报",
        "collect.title": "{report}落实情况填报表　填报单位：{unit}　填报期：{period}",
        "collect.period": "{name}（{start}至{end}）",
        "collect.role.lead": "（牵头）",
        "collect.role.partner": "（配合）",
        "collect.target.percent": "无数值目标，按完成百分比填报",
        "collect.target.value": "{target}{unit}（填累计完成值）",
        "collect.last.none": "尚无记录",
        "collect.prompt.value": "填写截至本期的累计完成值，单位：{unit}；只填数字。",
        "collect.prompt.percent": "该任务无数值目标：填写完成百分比，0到100之间的数字。",
        "collect.error.value": "请填写不小于0的数字。",
        "collect.error.percent": "请填写0到100之间的数字。",
        "collect.prompt.status": "从列表中选择：未启动、推进中、已完成、受阻。",
        "collect.error.status": "请从列表中选择：未启动、推进中、已完成、受阻。",
        "collect.prompt.date": "填写日期，例如2021-05-25；不填则按本期最后一天记录。",
        "collect.error.date": "请填写日期，例如2021-05-25。",
        "collect.error.title": "输入有误",
        "collect.err.missing": "{file}：文件不存在",
        "collect.err.directory": "{file}：这是文件夹，不是文件；"
        "请给出其中的工作簿，例如 {file}/*.xlsx",
        "collect.err.unreadable": "{file}：没有读取权限；请检查文件权限后重新导入",
        "collect.err.extension": "{file}：只能导入 .xlsx 或 .csv 文件",
        "collect.err.xls": "{file}：这是旧版 .xls 文件，gwr 只读取 .xlsx；"
        "请在 Excel 或 WPS 中另存为 .xlsx 后再导入",
        "collect.err.encrypted": "{file}：文件设有打开密码，无法读取；"
        "请取消密码后另存为 .xlsx 再导入",
        "collect.err.corrupt": "{file}：文件已损坏或不是 Excel 工作簿；"
        "请在 Excel 或 WPS 中打开并重新保存为 .xlsx",
        "collect.err.not_gwr": "{file}：不是 gwr 生成的填报表（缺少元数据）；"
        "请使用 gwr collect template 生成的表格填写",
        "collect.err.version": "{file}：填报表版本为{found}，本版 gwr 读取版本{expected}；"
        "请用 gwr collect template 重新生成",
        "collect.err.registry": "{file}：填报表属于登记表“{found}”，当前登记表为“{expected}”；"
        "请用 --registry 选择正确的登记表",
        "collect.err.no_header": "{file}：找不到表头（编号、任务……本期完成值）；"
        "请使用 gwr 生成的表格",
        "collect.err.encoding": "{file}：无法识别文本编码；请另存为 UTF-8 或 GB18030 编码的 CSV",
        "collect.err.csv_meta": "{file}：CSV 文件不含填报单位和填报期；"
        "导入时请用 --unit 和 --month（或 --week）说明",
        "collect.err.unknown_unit": "{file}：单位“{unit}”不在分工中；请核对分工文件或填报表",
        "collect.err.at": "{file} 工作表“{sheet}”第{row}行 {column}：{problem}",
        "collect.row.edited_id": "编号“{value}”不是 gwr 为本单位生成的任务；"
        "编号不可修改，也不可增加行",
        "collect.row.added": "新增的行无法导入（编号为空）；只填写 gwr 生成的行",
        "collect.row.duplicate": "编号“{value}”重复（另见第{other}行）；每项任务只填一行",
        "collect.row.other_unit": "任务“{value}”不由“{unit}”牵头或配合；请使用本单位的填报表",
        "collect.row.bad_number": "“{value}”{problem}；应填写{unit}数，例如 {example}",
        "collect.row.bad_percent": "“{value}”{problem}；应填写完成百分比（0到100），例如 40",
        "collect.row.negative": "“{value}”是负数；应填写不小于0的数字",
        "collect.row.percent_over": "“{value}”超过100；该任务按百分比填报，应填写0到100之间的数字",
        "collect.row.percent_of_target_over": "“{value}”超过100%；应填写{unit}数，例如 {example}，"
        "或0%到100%之间的百分比",
        "collect.row.formula": "单元格是公式“{value}”；请直接填写数字",
        "collect.row.status": "“{value}”不是可选状态；应为未启动、推进中、已完成或受阻",
        "collect.row.not_date": "“{value}”不是日期；应填写日期，例如 {example}",
        "collect.row.future": "{value}是将来的日期；应填写今天（{today}）或之前的日期",
        "collect.row.before_period": "{value}早于本期开始日期{start}；应填写本期内或之后的日期",
        "collect.row.not_started_value": "状态为“未启动”却填写了本期完成值；请删除完成值或改选状态",
        "collect.row.cannot_unstart": "任务已于{date}启动，不能改为“未启动”；"
        "应为推进中、已完成或受阻",
        "collect.row.already_done": "任务已于{date}完成，不能改为“{status}”；"
        "如需重新打开，请督查室先执行 gwr reopen",
        "collect.row.block_reason": "状态为“受阻”时，应在存在问题或进展情况中写明原因",
        "collect.plan.nothing": "{file}：没有新的变化，未记录任何内容"
        "（{unchanged}行与已记录的相同，{skipped}行未填写）",
        "collect.plan.will": "{file}（{unit}，{period}）：将记录{count}项变化",
        "collect.plan.done": "{file}（{unit}，{period}）：已记录{count}项变化",
        "collect.col.action": "动作",
        "collect.col.before": "上期",
        "collect.col.after": "本期",
        "ledger.sheet.tasks": "台账",
        "ledger.sheet.events": "进展记录",
        "ledger.sheet.units": "分单位",
        "ledger.title": "{report}工作台账（截至{date}）",
        "ledger.col.id": "编号",
        "ledger.col.task": "任务",
        "ledger.col.lead": "牵头单位",
        "ledger.col.partners": "配合单位",
        "ledger.col.leader": "责任领导",
        "ledger.col.deadline": "完成时限",
        "ledger.col.target": "目标",
        "ledger.col.value": "当前完成值",
        "ledger.col.percent": "完成率",
        "ledger.col.status": "状态",
        "ledger.col.light": "亮灯",
        "ledger.col.expected": "序时进度",
        "ledger.col.note": "最新进展情况",
        "ledger.col.problems": "存在问题",
        "ledger.col.next": "下步措施",
        "ledger.col.source": "报告原文",
        "ledger.col.on": "日期",
        "ledger.col.at": "记录时间（UTC）",
        "ledger.col.action": "动作",
        "ledger.col.event_value": "数值",
        "ledger.col.event_note": "进展情况",
        "ledger.col.unit": "填报单位",
        "ledger.col.by": "记录人",
        "ledger.col.name": "单位",
        "ledger.col.lead_tasks": "牵头任务",
        "ledger.col.partner_tasks": "配合任务",
        "ledger.col.done": "已完成",
        "ledger.col.last_report": "最近报送",
        "ledger.unassigned": "未分工",
        "ledger.target.percent": "按百分比",
        "ledger.not_reported": "未报送",
    },
    "en": {
        "collect.col.id": "ID",
        "collect.col.task": "Task",
        "collect.col.quote": "Report text",
        "collect.col.deadline": "Deadline",
        "collect.col.target": "Target",
        "collect.col.milestone": "Milestones",
        "collect.col.last": "Last reported",
        "collect.col.value": "Value this period",
        "collect.col.status": "Status",
        "collect.col.note": "Progress",
        "collect.col.problems": "Problems",
        "collect.col.next": "Next steps",
        "collect.col.date": "Date reported",
        "sheet.report": "Report",
        "collect.title": "{report}: progress report   Unit: {unit}   Period: {period}",
        "collect.period": "{name} ({start} to {end})",
        "collect.role.lead": " (lead)",
        "collect.role.partner": " (supporting)",
        "collect.target.percent": "no numeric target: report a percent done",
        "collect.target.value": "{target} {unit} (give the cumulative value)",
        "collect.last.none": "nothing recorded yet",
        "collect.prompt.value": "The cumulative value so far, in {unit}; a number only.",
        "collect.prompt.percent": "No numeric target: the percent done, a number from 0 to 100.",
        "collect.error.value": "Give a number of at least 0.",
        "collect.error.percent": "Give a number from 0 to 100.",
        "collect.prompt.status": "Choose from the list: not started, in progress, done, blocked.",
        "collect.error.status": "Choose from the list: not started, in progress, done, blocked.",
        "collect.prompt.date": "A date such as 2021-05-25; left empty, the period's last day.",
        "collect.error.date": "Give a date such as 2021-05-25.",
        "collect.error.title": "Invalid entry",
        "collect.err.missing": "{file}: no such file",
        "collect.err.directory": "{file}: this is a folder, not a file; "
        "name the workbooks in it, e.g. {file}/*.xlsx",
        "collect.err.unreadable": "{file}: permission denied; check the file's permissions "
        "and import it again",
        "collect.err.extension": "{file}: only .xlsx and .csv files can be imported",
        "collect.err.xls": "{file}: this is an old .xls file and gwr reads .xlsx; "
        "save it as .xlsx in Excel or WPS, then import it",
        "collect.err.encrypted": "{file}: the file is password-protected and cannot be read; "
        "remove the password, save as .xlsx, then import it",
        "collect.err.corrupt": "{file}: the file is damaged or not an Excel workbook; "
        "open it in Excel or WPS and save it again as .xlsx",
        "collect.err.not_gwr": "{file}: not a template made by gwr (no metadata); "
        "fill in the workbook that `gwr collect template` wrote",
        "collect.err.version": "{file}: template version {found}, this gwr reads version "
        "{expected}; write a new one with `gwr collect template`",
        "collect.err.registry": "{file}: the template belongs to registry '{found}', the "
        "registry in use is '{expected}'; choose the right one with --registry",
        "collect.err.no_header": "{file}: no header row (ID, Task, … Value this period); "
        "fill in the workbook gwr wrote",
        "collect.err.encoding": "{file}: unknown text encoding; save the CSV as UTF-8 or GB18030",
        "collect.err.csv_meta": "{file}: a CSV file names no unit or period; "
        "give them with --unit and --month (or --week)",
        "collect.err.unknown_unit": "{file}: unit '{unit}' is not in the assignments (分工); "
        "check the assignments file or the workbook",
        "collect.err.at": "{file}, sheet '{sheet}', row {row}, {column}: {problem}",
        "collect.row.edited_id": "'{value}' is not a task gwr wrote for this unit; "
        "IDs must not be edited and rows must not be added",
        "collect.row.added": "an added row (no ID) cannot be imported; "
        "fill in only the rows gwr wrote",
        "collect.row.duplicate": "'{value}' appears twice (see also row {other}); one row per task",
        "collect.row.other_unit": "task '{value}' is not led or supported by '{unit}'; "
        "use this unit's own template",
        "collect.row.bad_number": "'{value}' {problem}; give a number of {unit}, e.g. {example}",
        "collect.row.bad_percent": "'{value}' {problem}; give the percent done (0 to 100), e.g. 40",
        "collect.row.negative": "'{value}' is negative; give a number of at least 0",
        "collect.row.percent_over": "'{value}' is above 100; this task is reported in percent, "
        "give a number from 0 to 100",
        "collect.row.percent_of_target_over": "'{value}' is above 100%; give a number of "
        "{unit}, e.g. {example}, or a percent from 0% to 100%",
        "collect.row.formula": "the cell is a formula '{value}'; type the number itself",
        "collect.row.status": "'{value}' is not a status; choose not started, in progress, "
        "done or blocked",
        "collect.row.not_date": "'{value}' is not a date; give a date such as {example}",
        "collect.row.future": "{value} is in the future; give today ({today}) or an earlier date",
        "collect.row.before_period": "{value} is before the period starts ({start}); "
        "give a date in the period or after it",
        "collect.row.not_started_value": "status 'not started' with a value; "
        "remove the value or choose another status",
        "collect.row.cannot_unstart": "the task started on {date} and cannot go back to "
        "'not started'; choose in progress, done or blocked",
        "collect.row.already_done": "the task was done on {date} and cannot become "
        "'{status}'; to reopen it the office runs `gwr reopen` first",
        "collect.row.block_reason": "status 'blocked' needs the reason in Problems or Progress",
        "collect.plan.nothing": "{file}: nothing new, nothing recorded "
        "({unchanged:~row|rows} as already recorded, {skipped} left empty)",
        "collect.plan.will": "{file} ({unit}, {period}): {count:~change|changes} to record",
        "collect.plan.done": "{file} ({unit}, {period}): {count:~change|changes} recorded",
        "collect.col.action": "action",
        "collect.col.before": "before",
        "collect.col.after": "now",
        "ledger.sheet.tasks": "Ledger",
        "ledger.sheet.events": "History",
        "ledger.sheet.units": "By unit",
        "ledger.title": "{report}: ledger as of {date}",
        "ledger.col.id": "ID",
        "ledger.col.task": "Task",
        "ledger.col.lead": "Lead units",
        "ledger.col.partners": "Supporting units",
        "ledger.col.leader": "Responsible leaders",
        "ledger.col.deadline": "Deadline",
        "ledger.col.target": "Target",
        "ledger.col.value": "Current value",
        "ledger.col.percent": "Percent done",
        "ledger.col.status": "Status",
        "ledger.col.light": "Light",
        "ledger.col.expected": "Expected percent",
        "ledger.col.note": "Latest progress",
        "ledger.col.problems": "Problems",
        "ledger.col.next": "Next steps",
        "ledger.col.source": "Report text",
        "ledger.col.on": "Date",
        "ledger.col.at": "Recorded at (UTC)",
        "ledger.col.action": "Action",
        "ledger.col.event_value": "Value",
        "ledger.col.event_note": "Progress",
        "ledger.col.unit": "Reporting unit",
        "ledger.col.by": "Recorded by",
        "ledger.col.name": "Unit",
        "ledger.col.lead_tasks": "Leads",
        "ledger.col.partner_tasks": "Supports",
        "ledger.col.done": "Done",
        "ledger.col.last_report": "Last report",
        "ledger.unassigned": "unassigned",
        "ledger.target.percent": "in percent",
        "ledger.not_reported": "not reported",
    },
}
_add_texts(_COLLECT_TEXT)
# The collect commands (commands/collect.py) and `export --format xlsx`.
_COLLECT_COMMAND_TEXT = {
    "zh": {
        "collect.row.contradiction": "不能在{on}记录“{action}”：任务当时为“{status}”；"
        "请核对状态和填报日期",
        "collect.row.later": "{action}（{on}）与之后的记录矛盾：{later}（{later_on}，{by}）；"
        "应把填报日期改为{later_on}或之后",
        "collect.need_assignments": "没有分工文件 {path}；请先写好分工：每项任务一个"
        " [[assignments]]，含 task（任务编号）、lead（牵头单位）和 partners（配合单位），"
        "再运行 gwr collect",
        "collect.template.choose": "请用 --unit 指定单位，"
        "或用 --all 为每个牵头单位各生成一份填报表",
        "collect.template.both": "--unit 与 --all 只能选一个",
        "collect.template.output": "请用 --output 给出填报表文件（--unit）或文件夹（--all）",
        "collect.template.no_tasks": "单位“{unit}”在分工中没有登记表里的任务，未生成填报表",
        "collect.template.xlsx": "--output {path}：填报表是 Excel 工作簿，文件名应以 .xlsx 结尾",
        "collect.template.not_folder": "--output {path}：--all 需要一个文件夹，这是一个文件",
        "collect.template.exists": "{path}：文件已存在，且不是空白的填报表（可能是单位已填写的）；"
        "未写入任何文件；请先导入或移走它，或换一个位置，或加 --force 覆盖",
        "collect.template.wrote": "已写入 {path}（{unit}，{period}，{count}项任务）",
        "collect.template.none": "分工中没有牵头登记表任务的单位，未生成填报表",
        "collect.import.refused": "{count}处错误，未记录任何内容；请改正后重新导入",
        "collect.import.dry_run": "试运行（--dry-run）：未记录任何内容",
        "collect.import.recorded": "共记录{count}条，来自{files}个文件",
        "collect.import.unit_needs_csv": "--unit、--month 和 --week 只用于 CSV 文件；"
        "工作簿自带填报单位和填报期",
        "collect.status.title": "{period}填报情况（截止日{due}）：应报送{total}个牵头单位，"
        "已报送{reported}个，未报送{missing}个",
        "collect.status.col.unit": "牵头单位",
        "collect.status.col.tasks": "牵头任务",
        "collect.status.col.last": "最近报送",
        "collect.status.col.state": "本期",
        "collect.status.reported": "已报送",
        "collect.status.missing": "未报送",
        "collect.status.late": "逾期未报送",
        "collect.status.never": "从未报送",
        "collect.status.missing_list": "未报送单位：{units}",
        "export.xlsx_output": "--format xlsx 需要 --output 文件名.xlsx（工作簿不能输出到屏幕）",
    },
    "en": {
        "collect.row.contradiction": "cannot record '{action}' on {on}: the task was "
        "'{status}' then; check the status and the date",
        "collect.row.later": "{action} ({on}) contradicts a later record: {later} ({later_on}, "
        "{by}); give {later_on} or a later date",
        "collect.need_assignments": "no assignments file {path}; write the 分工 first: one "
        "[[assignments]] per task with task (its id), lead (lead units) and partners "
        "(supporting units), then run gwr collect",
        "collect.template.choose": "name a unit with --unit, or use --all for one template per "
        "lead unit",
        "collect.template.both": "give either --unit or --all, not both",
        "collect.template.output": "give --output: the workbook file (--unit) or a folder (--all)",
        "collect.template.no_tasks": "unit '{unit}' has no registry task in the assignments; "
        "no template written",
        "collect.template.xlsx": "--output {path}: a template is an Excel workbook; "
        "give a file name ending in .xlsx",
        "collect.template.not_folder": "--output {path}: --all needs a folder, and this is a file",
        "collect.template.exists": "{path}: the file exists and is not a blank template "
        "(a unit may have filled it in); nothing written; import or move it first, write "
        "elsewhere, or add --force to write over it",
        "collect.template.wrote": "wrote {path} ({unit}, {period}, {count:~task|tasks})",
        "collect.template.none": "no unit leads a registry task in the assignments; "
        "no template written",
        "collect.import.refused": "{count:~error|errors}, nothing recorded; correct them and "
        "import again",
        "collect.import.dry_run": "dry run (--dry-run): nothing recorded",
        "collect.import.recorded": "{count:~event|events} recorded from {files:~file|files}",
        "collect.import.unit_needs_csv": "--unit, --month and --week are for CSV files only; "
        "a workbook names its unit and period itself",
        "collect.status.title": "{period} reports (due {due}): {total:~lead unit|lead units}, "
        "{reported} reported, {missing} not reported",
        "collect.status.col.unit": "lead unit",
        "collect.status.col.tasks": "tasks led",
        "collect.status.col.last": "last report",
        "collect.status.col.state": "this period",
        "collect.status.reported": "reported",
        "collect.status.missing": "not reported",
        "collect.status.late": "late",
        "collect.status.never": "never",
        "collect.status.missing_list": "Not reported: {units}",
        "export.xlsx_output": "--format xlsx needs --output FILE.xlsx (a workbook cannot go "
        "to the screen)",
    },
}
_add_texts(_COLLECT_COMMAND_TEXT)
# --- end of the collection block ---


# --- 分工, lights (亮灯) and periods (issue 11): assignments.py, assignments_check.py,
# lights.py, periods.py, unit_reports.py. Kept in one block so it merges as one.
_TEXT["zh"].update(
    {
        "list.sep": "、",
        "asg.or": "或",
        "asg.quote": "“{name}”",
        "asg.kind.unit": "单位",
        "asg.kind.leader": "责任领导",
        "asg.kind.tag": "标签",
        "asg.unassigned": "未分工",
        "asg.role.lead": "牵头",
        "asg.role.partner": "配合",
        "asg.match.empty": "尚无分工，无法按{kind}筛选：请在{path}中填写[[assignments]]",
        "asg.match.ambiguous": "{kind}“{typed}”不唯一，可能是：{candidates}；请写得更完整",
        "asg.match.unknown": "分工中没有{kind}“{typed}”——是否为{suggestions}？",
        "asg.match.none": "分工中没有{kind}“{typed}”（可选：{candidates}；分工文件：{path}）",
        "asg.match.absent": "分工中没有{kind}“{typed}”（分工文件：{path}）",
        "asg.at": "{where}：{message}",
        "asg.more": "（另有{count}处问题）",
        "asg.unreadable": "无法读取分工文件{path}（{reason}）",
        "asg.not_utf8": "不是UTF-8编码（第{byte}字节）；请将文件另存为UTF-8",
        "asg.bom": "文件以字节顺序标记（BOM）开头；请另存为不带BOM的UTF-8",
        "asg.toml": "不是有效的TOML（第{column}列）；请检查引号、括号和逗号",
        "asg.toml.end": "不是有效的TOML（在文件末尾）；请检查引号、括号和逗号",
        "asg.schema": "字段schema应为{expected}，实为{got}",
        "asg.schema_missing": "缺少字段schema；文件应以 schema = {expected} 开头",
        "asg.top_unknown": "未知的顶层键“{name}”（可用：schema、assignments）",
        "asg.not_array": "assignments应写成[[assignments]]表",
        "asg.entry": "第{n}条分工（{task}）",
        "asg.entry_n": "第{n}条分工",
        "asg.node": "{entry}的节点{k}",
        "asg.not_table": "{entry}应为一个表",
        "asg.unknown_field": "{entry}：未知字段“{field}”（可用字段：{known}）",
        "asg.missing": "{entry}：缺少必填字段{field}",
        "asg.type": "{entry}：字段{field}应为{expected}，实为{got}",
        "asg.type.str": "字符串",
        "asg.type.bool": "true或false",
        "asg.type.names": '名称列表，如["区水务局"]',
        "asg.type.tags": '字符串列表，如["民生实事"]',
        "asg.type.nodes": "节点列表，如[{ by = 2021-06-30, percent = 40 }]",
        "asg.type.date": "日期，如2021-06-30（不加引号）",
        "asg.type.number": "数字",
        "asg.unknown_task": "{entry}：登记表中没有任务或指标“{task}”{hint}",
        "asg.did_you_mean": "——是否为{names}？",
        "asg.duplicate": "{entry}：重复分工，该任务已在第{other}条（第{other_line}行）分工",
        "asg.lead_empty": "{entry}：字段lead至少需要一个牵头单位",
        "asg.blank_name": "{entry}：字段{field}中有空名称",
        "asg.repeated_name": "{entry}：字段{field}中“{name}”重复出现",
        "asg.lead_and_partner": "{entry}：“{name}”不能既是牵头单位又是配合单位",
        "asg.nodes_indicator": "{entry}：指标没有时间窗口，不能设节点目标",
        "asg.node_not_table": "{node}应为一个表，如{{ by = 2021-06-30, percent = 40 }}",
        "asg.node_unknown": "{node}：未知字段“{field}”（可用字段：{known}）",
        "asg.node_missing_by": "{node}：缺少日期by",
        "asg.node_type": "{node}：字段{field}应为{expected}，实为{got}",
        "asg.node_one_of": "{node}：需要percent（百分比）或value（任务单位的数值）二者之一",
        "asg.node_bad_number": "{node}：字段{field}{problem}",
        "asg.node_percent_range": "{node}：percent应在0到100之间，实为{got}",
        "asg.node_value_no_target": "{node}：该任务没有数量目标，请用percent",
        "asg.node_value_range": "{node}：value应在0到目标{target}{unit}之间，实为{got}",
        "asg.node_after_deadline": "{node}：日期{by}晚于任务完成时限{deadline}",
        "asg.node_before_window": "{node}：日期{by}应晚于任务开始日期{opens}",
        "asg.node_date_order": "{node}：日期应晚于上一节点（{previous}）",
        "asg.node_value_order": "{node}：进度应高于上一节点（{previous}）",
        "light.green": "绿灯",
        "light.yellow": "黄灯",
        "light.red": "红灯",
        "light.reason.done": "已完成",
        "light.reason.ahead": "超序时进度{points}个百分点",
        "light.reason.on-track": "按序时推进",
        "light.reason.behind": "滞后序时{points}个百分点",
        "light.reason.overdue": "逾期{days}天",
        "light.reason.overdue.one": "逾期1天",
        "light.reason.not-open": "尚未开始，{opens}起计算序时进度",
        "light.reason.not-started": "尚未启动，序时进度{expected}",
        "light.reason.not-started-late": "自{opens}起{days}天仍未启动",
        "light.reason.not-started-late.one": "自{opens}起1天仍未启动",
        "light.reason.node-missed": "节点{date}未完成：{goal}",
        "light.goal.value": "应达{value}{unit}",
        "light.goal.percent": "应达{percent}",
        "period.name.week": "周",
        "period.name.month": "月份",
        "period.name.quarter": "季度",
        "period.name.half": "半年",
        "period.name.year": "年份",
        "period.example.week": "2021-W19",
        "period.example.month": "2021-05",
        "period.example.quarter": "2021-Q2",
        "period.example.half": "2021-H1",
        "period.example.year": "2021",
        "period.rule.week": "ISO周为每年第1至52周或第1至53周",
        "period.rule.month": "月份为01至12，年份为0001至9999",
        "period.rule.quarter": "季度为Q1至Q4，年份为0001至9999",
        "period.rule.half": "半年为H1或H2，年份为0001至9999",
        "period.rule.year": "年份为0001至9999",
        "period.bad": "{option}：“{text}”不是{name}；请写成{example}、this或last",
        "period.missing": "{option}：“{text}”不存在（{rule}）",
        "period.out_of_range": "{option}：“{text}”超出可计算的日期范围（0001-01-01至9999-12-31）",
        "period.conflict": "只能选择一个期间（给出了{options}）",
        "period.title.week": "周报",
        "period.title.month": "月报",
        "period.title.quarter": "季度通报",
        "period.title.half": "半年通报",
        "period.title.year": "年度完成情况",
        "period.heading": "{report}落实情况{title}",
        "period.heading.year": "{report}年度完成情况",
        "period.label.week": "{year}年第{week}周（{start}至{end}）",
        "period.label.month": "{year}年{month}月",
        "period.label.quarter": "{year}年{name}",
        "period.label.half": "{year}年{name}",
        "period.label.year": "{year}年",
        "period.month_names": "1月|2月|3月|4月|5月|6月|7月|8月|9月|10月|11月|12月",
        "period.quarter_names": "第一季度|第二季度|第三季度|第四季度",
        "period.half_names": "上半年|下半年",
    }
)
_TEXT["en"].update(
    {
        "list.sep": ", ",
        "asg.or": " or ",
        "asg.quote": "'{name}'",
        "asg.kind.unit": "unit",
        "asg.kind.leader": "leader",
        "asg.kind.tag": "tag",
        "asg.unassigned": "unassigned",
        "asg.role.lead": "lead",
        "asg.role.partner": "partner",
        "asg.match.empty": "no assignments yet, so nothing to select by {kind}: "
        "write [[assignments]] in {path}",
        "asg.match.ambiguous": "{kind} '{typed}' is ambiguous: it could be {candidates}; "
        "type more of the name",
        "asg.match.unknown": "no {kind} '{typed}' in the assignments — did you mean {suggestions}?",
        "asg.match.none": "no {kind} '{typed}' in the assignments (one of: {candidates}; {path})",
        "asg.match.absent": "no {kind} '{typed}' in the assignments ({path})",
        "asg.at": "{where}: {message}",
        "asg.more": " (and {count} more)",
        "asg.unreadable": "cannot read the assignments file {path} ({reason})",
        "asg.not_utf8": "not UTF-8 (byte {byte}); save the file as UTF-8",
        "asg.bom": "starts with a byte-order mark; save it as UTF-8 without BOM",
        "asg.toml": "invalid TOML: {detail}",
        "asg.toml.end": "invalid TOML: {detail}",
        "asg.schema": "field 'schema' must be {expected}, got {got}",
        "asg.schema_missing": "field 'schema' is missing; the file should begin with "
        "'schema = {expected}'",
        "asg.top_unknown": "unknown top-level key '{name}' (known: schema, assignments)",
        "asg.not_array": "'assignments' must be written as [[assignments]] tables",
        "asg.entry": "assignment #{n} ({task})",
        "asg.entry_n": "assignment #{n}",
        "asg.node": "{entry} node {k}",
        "asg.not_table": "{entry} must be a table",
        "asg.unknown_field": "{entry}: unknown field '{field}' (known fields: {known})",
        "asg.missing": "{entry}: missing required field '{field}'",
        "asg.type": "{entry}: field '{field}' must be {expected}, got {got}",
        "asg.type.str": "a string",
        "asg.type.bool": "true or false",
        "asg.type.names": 'a list of names, e.g. ["区水务局"]',
        "asg.type.tags": 'a list of strings, e.g. ["民生实事"]',
        "asg.type.nodes": "a list of nodes, e.g. [{ by = 2021-06-30, percent = 40 }]",
        "asg.type.date": "a date like 2021-06-30 (unquoted)",
        "asg.type.number": "a number",
        "asg.unknown_task": "{entry}: no task or indicator '{task}' in the registry{hint}",
        "asg.did_you_mean": " — did you mean {names}?",
        "asg.duplicate": "{entry}: duplicate entry: the task is assigned already in "
        "assignment #{other} (line {other_line})",
        "asg.lead_empty": "{entry}: field 'lead' needs at least one lead unit",
        "asg.blank_name": "{entry}: field '{field}' has an empty name",
        "asg.repeated_name": "{entry}: field '{field}' names '{name}' twice",
        "asg.lead_and_partner": "{entry}: '{name}' cannot be both lead and partner unit",
        "asg.nodes_indicator": "{entry}: an indicator has no time window, so no nodes",
        "asg.node_not_table": "{node} must be a table, e.g. {{ by = 2021-06-30, percent = 40 }}",
        "asg.node_unknown": "{node}: unknown field '{field}' (known fields: {known})",
        "asg.node_missing_by": "{node}: missing its date 'by'",
        "asg.node_type": "{node}: field '{field}' must be {expected}, got {got}",
        "asg.node_one_of": "{node}: needs exactly one of 'percent' (of the task) or 'value' "
        "(in the task's unit)",
        "asg.node_bad_number": "{node}: field '{field}' {problem}",
        "asg.node_percent_range": "{node}: 'percent' must be from 0 to 100, got {got}",
        "asg.node_value_no_target": "{node}: the task has no numeric target; use 'percent'",
        "asg.node_value_range": "{node}: 'value' must be from 0 to the target {target} {unit}, "
        "got {got}",
        "asg.node_after_deadline": "{node}: date {by} is after the task's deadline {deadline}",
        "asg.node_before_window": "{node}: date {by} must be after the task's window opens "
        "({opens})",
        "asg.node_date_order": "{node}: date must be after the previous node's ({previous})",
        "asg.node_value_order": "{node}: progress must be above the previous node's ({previous})",
        "light.green": "green",
        "light.yellow": "yellow",
        "light.red": "red",
        "light.reason.done": "done",
        "light.reason.ahead": "{points} percentage points ahead of schedule",
        "light.reason.on-track": "on schedule",
        "light.reason.behind": "{points} percentage points behind schedule",
        "light.reason.overdue": "{days} days overdue",
        "light.reason.overdue.one": "1 day overdue",
        "light.reason.not-open": "not begun; the schedule counts from {opens}",
        "light.reason.not-started": "not started yet, {expected} of the time elapsed",
        "light.reason.not-started-late": "not started {days} days after {opens}",
        "light.reason.not-started-late.one": "not started 1 day after {opens}",
        "light.reason.node-missed": "milestone {date} missed: {goal}",
        "light.goal.value": "{value} {unit} due",
        "light.goal.percent": "{percent} due",
        "period.name.week": "week",
        "period.name.month": "month",
        "period.name.quarter": "quarter",
        "period.name.half": "half-year",
        "period.name.year": "year",
        "period.example.week": "2021-W19",
        "period.example.month": "2021-05",
        "period.example.quarter": "2021-Q2",
        "period.example.half": "2021-H1",
        "period.example.year": "2021",
        "period.rule.week": "ISO weeks run 1 to 52 or 53",
        "period.rule.month": "months run 01 to 12, years 0001 to 9999",
        "period.rule.quarter": "quarters run Q1 to Q4, years 0001 to 9999",
        "period.rule.half": "halves are H1 and H2, years 0001 to 9999",
        "period.rule.year": "years run 0001 to 9999",
        "period.bad": "{option}: '{text}' is not a {name}; use {example}, this or last",
        "period.missing": "{option}: '{text}' does not exist ({rule})",
        "period.out_of_range": "{option}: '{text}' reaches outside the dates gwr can count "
        "(0001-01-01 to 9999-12-31)",
        "period.conflict": "give one period only (got {options})",
        "period.title.week": "weekly summary",
        "period.title.month": "monthly report",
        "period.title.quarter": "quarterly bulletin",
        "period.title.half": "half-year bulletin",
        "period.title.year": "year-end review",
        "period.heading": "{report}: {title}",
        "period.heading.year": "{report}: {title}",
        "period.label.week": "Week {week_key} ({start} to {end})",
        "period.label.month": "{month_name} {year}",
        "period.label.quarter": "{name} {year}",
        "period.label.half": "{name} {year}",
        "period.label.year": "{year}",
        "period.month_names": "January|February|March|April|May|June|July|August|September|"
        "October|November|December",
        "period.quarter_names": "Q1|Q2|Q3|Q4",
        "period.half_names": "First half of|Second half of",
    }
)


def either(names: list[str], lang: str) -> str:
    """Quoted alternatives: “a”、“b”或“c” / 'a', 'b' or 'c'."""
    quoted = [text("asg.quote", lang, name=name) for name in names]
    return Listing(quoted, final_or=True).text(lang)


for _lang in LANGS:
    _TEXT[_lang] = _TEXT_BASE[_lang] | _TEXT[_lang]


# --- gwr draft and the empty-English-title warning of gwr check (issue 14) -------
_DRAFT_TEXT = {
    "zh": {
        "draft.wrote": "已起草{tasks}项任务、{indicators}项指标，其中{checks}项任务待核对"
        "（标有 # check:），写入 {path}",
        "draft.wrote_assignments": "已写入{count}条分工：{path}",
        "draft.assignments_found": "报告中有{count}条分工标注；"
        "加 --assignments 文件名 可写出分工文件。",
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
        "draft.error.no_folder": "{path} 所在的文件夹不存在（{folder}）",
        "draft.error.write": "无法写入 {path}：{reason}，未写入任何文件",
        "draft.error.empty": "{path} 是空文件（请给出报告正文的文本文件）",
        "draft.error.same_output": "{path} 被指定了两次：登记表、分工文件和报告副本须是不同的文件",
        "draft.unwrapped": "报告在句中断行（如从PDF复制的文字），已把断行合并为段落，"
        "并在登记表旁写入副本 {path}（登记表引用该副本）。",
        "check.warnings": "登记表有{count}处提醒（不影响使用）：",
        "check.empty_en": "{where}：{field} 为空，英文界面将显示中文",
    },
    "en": {
        "draft.wrote": "drafted {tasks:~task|tasks} and {indicators:~indicator|indicators}; "
        "tasks to check (marked # check:): {checks}; wrote {path}",
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
        "draft.error.no_folder": "the folder of {path} does not exist ({folder})",
        "draft.error.write": "cannot write {path}: {reason}; nothing was written",
        "draft.error.empty": "{path} is empty (give the report's text file)",
        "draft.error.same_output": "{path} is named twice: the registry, the assignments "
        "and the report's copy must be different files",
        "draft.unwrapped": "the report breaks its lines mid-sentence (text copied from a PDF): "
        "joined them into paragraphs in a copy {path} beside the registry (the registry "
        "points at it).",
        "check.warnings": "the registry has {count:~warning|warnings} (it loads):",
        "check.empty_en": "{where}: {field} is empty; English output shows the Chinese",
    },
}
_add_texts(_DRAFT_TEXT)


# --- issue 11 in the commands: list/status/units/show/export/summary/check/where
# (分工, lights, units, periods). One block of its own so it merges as one.
_ACCOUNT_TEXT = {
    "zh": {
        "col.light": "亮灯",
        "col.lead_unit": "牵头单位",
        "col.leader": "责任领导",
        "col.role": "角色",
        "col.unit_name": "单位",
        "col.lead_tasks": "牵头",
        "col.partner_tasks": "配合",
        "col.last_report": "最近报送",
        "col.reported_by": "报送单位",
        "col.problems": "存在问题",
        "col.next": "下步措施",
        "field.light": "亮灯",
        "field.lead_units": "牵头单位",
        "field.partners": "配合单位",
        "field.leaders": "责任领导",
        "field.key": "重点任务",
        "field.yes": "是（★）",
        "field.nodes": "节点目标",
        "field.expected_by_nodes_of": "（按节点目标应完成{percent}）",
        "field.problems": "存在问题",
        "field.next": "下步措施",
        "units.none": "尚无分工：请在{path}中填写[[assignments]]",
        "units.never": "未报送",
        "check.assignments.ok": "分工：{entries}项，{units}个单位，{leaders}位责任领导（{path}）",
        "check.assignments.none": "分工：无（{path}不存在）",
        "check.assignments.problems": "分工文件有{count}处问题：",
        "where.assignments": "分工文件：{path}",
        "sum.year_end": "部署的{total}项具体工作，{done}项已经完成，{ongoing}项正在推进。",
        "sum.year_end.idle": "部署的{total}项具体工作，{done}项已经完成，{active}项正在推进，"
        "{idle}项尚未启动。",
        "sum.alerts": "亮灯预警（{count}项）",
        "sum.alert.lead": "牵头单位：{names}",
        "sum.alert.leader": "责任领导：{names}",
        "sum.alert.problems": "存在问题：{text}（{date}）",
        "sum.units": "分单位情况",
        "sum.silent": "未报送单位（{count}个）",
        "sum.silent.last": "最近报送：{date}",
        "sum.silent.never": "尚无报送",
        "sum.reports": "存在问题与下步措施（{count}条）",
        "sum.report.problems": "存在问题：{text}",
        "sum.report.next": "下步措施：{text}",
        "sum.report.sep": "；",
        "sum.report.line": "{head}：{said}",
        "tally.lights": "亮灯：红灯{red}项，黄灯{yellow}项，绿灯{green}项。",
        "sum.this.month": "本月",
        "sum.this.quarter": "本季度",
        "sum.this.half": "本半年",
        "sum.this.year": "本年度",
        "sum.change.period": "{period}新完成{completed}项，新启动{started}项，"
        "{progressed}项有新进展，新增受阻{blocked}项{extra}。",
        "sum.nochange.period": "{period}无新进展记录。",
        "sum.completed.period": "{period}完成（{count}项）",
        "sum.started.period": "{period}新启动（{count}项）",
        "sum.progressed.period": "{period}进展（{count}项）",
        "sum.notes.period": "{period}备注（{count}条）",
        "sum.indicators.period": "{period}录入指标（{count}项）",
        "export.headers.account": "亮灯,亮灯原因,牵头单位（分工）,配合单位,责任领导,"
        "存在问题,下步措施,报送单位",
    },
    "en": {
        # Lower case like every other English column header (id, task, area, done).
        "col.light": "light",
        "col.lead_unit": "lead unit",
        "col.leader": "leader",
        "col.role": "role",
        "col.unit_name": "unit",
        "col.lead_tasks": "leads",
        "col.partner_tasks": "supports",
        "col.last_report": "last report",
        "col.reported_by": "reported by",
        "col.problems": "problems",
        "col.next": "next steps",
        "field.light": "light",
        "field.lead_units": "lead units",
        "field.partners": "supporting units",
        "field.leaders": "responsible leaders",
        "field.key": "key task",
        "field.yes": "yes (★)",
        "field.nodes": "milestones",
        "field.expected_by_nodes_of": " ({percent} expected by the milestones)",
        "field.problems": "problems",
        "field.next": "next steps",
        "units.none": "no assignments yet: write [[assignments]] in {path}",
        "units.never": "never",
        "check.assignments.ok": "assignments: {entries:~entry|entries}, {units:~unit|units}, "
        "{leaders:~leader|leaders} ({path})",
        "check.assignments.none": "assignments: none ({path} does not exist)",
        "check.assignments.problems": "the assignments file has {count:~problem|problems}:",
        "where.assignments": "assignments: {path}",
        "sum.year_end": "Of the {total:~task|tasks} set, {done} {done:~!is|are} done "
        "and {ongoing} {ongoing:~!is|are} under way.",
        "sum.year_end.idle": "Of the {total:~task|tasks} set, {done} done, {active} under way "
        "and {idle} not started.",
        "sum.alerts": "Red and yellow lights ({count})",
        "sum.alert.lead": "lead: {names}",
        "sum.alert.leader": "leader: {names}",
        "sum.alert.problems": "problems: {text} ({date})",
        "sum.units": "By lead unit",
        "sum.silent": "Units that did not report ({count})",
        "sum.silent.last": "last report {date}",
        "sum.silent.never": "no report yet",
        "sum.reports": "Problems and next steps ({count})",
        "sum.report.problems": "problems: {text}",
        "sum.report.next": "next: {text}",
        "sum.report.sep": "; ",
        "sum.report.line": "{head}: {said}",
        "tally.lights": "Lights: {red} red, {yellow} yellow, {green} green.",
        "sum.this.month": "this month",
        "sum.this.quarter": "this quarter",
        "sum.this.half": "this half-year",
        "sum.this.year": "this year",
        "sum.change.period": "{Period}: {completed} completed, {started} started, "
        "{progressed} progressed, {blocked} newly blocked{extra}.",
        "sum.nochange.period": "No progress was recorded {period}.",
        "sum.completed.period": "Completed {period} ({count})",
        "sum.started.period": "Started {period} ({count})",
        "sum.progressed.period": "Progress {period} ({count})",
        "sum.notes.period": "Notes {period} ({count})",
        "sum.indicators.period": "Indicators recorded {period} ({count})",
        "export.headers.account": "Light,Light reason,Lead units,Supporting units,Leaders,"
        "Problems,Next steps,Reported by",
    },
}
_add_texts(_ACCOUNT_TEXT)
# --- end of the issue 11 commands block ---

# --- the summary's headline, and words put together from parts (wt-sumc) ---------
# A period with no change of status or value may still have notes (a unit's
# 进展情况 imported from Excel is one), reports and indicator values: the
# headline names them instead of saying nothing was recorded. An English aside
# in parentheses carries its own leading space (sum.percent, field.elapsed_of),
# so code appends it alike in both languages.
_HEADLINE_TEXT = {
    "zh": {
        "sum.nochange.recorded": "本周进度无变化，记录{recorded}。",
        "sum.nochange.recorded.period": "{period}进度无变化，记录{recorded}。",
        "sum.recorded.notes": "备注{count}条",
        "sum.recorded.reports": "存在问题与下步措施{count}条",
        "sum.recorded.indicators": "指标{count}项",
        # Words put together from parts, one message each (no space in Chinese):
        "light.with_reason": "{light}（{reason}）",
        "node.goal": "{date}前达到{amount}",
        "node.goal.text": "{date}前达到{amount}：{text}",
    },
    "en": {
        "sum.nochange.recorded": "No change of progress this week; recorded: {recorded}.",
        "sum.nochange.recorded.period": "No change of progress {period}; recorded: {recorded}.",
        "sum.recorded.notes": "{count:~note|notes}",
        "sum.recorded.reports": "{count:~report|reports} of problems or next steps",
        "sum.recorded.indicators": "{count:~indicator value|indicator values}",
        "light.with_reason": "{light} ({reason})",
        "node.goal": "{amount} by {date}",
        "node.goal.text": "{amount} by {date}: {text}",
    },
}
_add_texts(_HEADLINE_TEXT)
# --- end of the summary headline block ---


# English plurals inside a template: `{count:~task|tasks}` gives "1 task",
# "5 tasks" (the number, a space, the word); `{count:~!is|are}` the word alone.
_PLURAL = LazyPattern(r"\{(\w+):~(!?)([^|{}]*)\|([^{}]*)\}")


def _plurals(template: str, values: dict[str, object]) -> str:
    def agree(match: re.Match[str]) -> str:
        value = values[match[1]]
        word = match[3] if value == 1 else match[4]
        shown = word if match[2] else f"{value} {word}"
        return shown.replace("{", "{{").replace("}", "}}")

    return _PLURAL.sub(agree, template)


def text(key: str, lang: str, /, **values: object) -> str:
    """The message `key` in `lang` ("zh" or "en"), its {placeholders} filled;
    a value that is a Msg is worded in the same language. KeyError: no such key."""
    template = _TEXT[lang][key]
    if not values:
        return template
    worded = {k: _worded(v, lang) for k, v in values.items()}
    if ":~" in template:
        template = _plurals(template, worded)
    return template.format(**worded)


def _worded(value: object, lang: str) -> object:
    if isinstance(value, BaseException):  # an OSError: why the system refused
        value = os_reason(value)
    return value.text(lang) if isinstance(value, Msg) else value


class Msg:
    """A message key and its parameters, worded only once the language is known
    (as jrnl's MsgText): the core builds these, the exit point or the renderer
    calls `text(lang)`. A key that is not in the tables is a message already
    worded (kept for the few errors built from text() by the command itself)."""

    __slots__ = ("key", "params")

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params = params

    def text(self, lang: str) -> str:
        if self.key not in _TEXT[lang]:
            return self.key
        return text(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.text(fallback_lang())

    def __repr__(self) -> str:
        return f"Msg({self.key!r}, **{self.params!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Msg) and (self.key, self.params) == (other.key, other.params)

    __hash__ = None  # type: ignore[assignment]


class Listing(Msg):
    """Items joined as the language lists them: a、b、c / a, b, c; with
    `final_or`, the last two by 或 / or."""

    __slots__ = ("final_or", "items")

    def __init__(self, items: list[str], *, final_or: bool = False) -> None:
        super().__init__("")
        self.items = list(items)
        self.final_or = final_or

    def text(self, lang: str) -> str:
        sep = text("list.sep", lang)
        items = [str(_worded(item, lang)) for item in self.items]  # Quoted ids too
        if self.final_or and len(self.items) > 1:
            return sep.join(items[:-1]) + text("asg.or", lang) + items[-1]
        return sep.join(items)


class Quoted(Msg):
    """A value typed by the user in the language's quotes: “区教育局” / '区教育局'
    (as repr escapes it: a newline stays one line), cut at `width` characters."""

    __slots__ = ("value", "width")

    def __init__(self, value: object, width: int | None = None) -> None:
        super().__init__("")
        self.value, self.width = value, width

    def __repr__(self) -> str:
        return f"Quoted({self.value!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Quoted) and (self.value, self.width) == (other.value, other.width)

    __hash__ = None  # type: ignore[assignment]

    def text(self, lang: str) -> str:
        if not isinstance(self.value, str):  # a number or None: as repr shows it, unquoted
            return repr(self.value)
        inner = repr(self.value)[1:-1]
        if self.width is not None and len(inner) > self.width - 2:
            inner = inner[: self.width - 5] + "..."
        return text("asg.quote", lang, name=inner)


class Localized(Msg):
    """A record's field in the language the message is worded in (see `localized`)."""

    __slots__ = ("field", "record")

    def __init__(self, record: object, field: str) -> None:
        super().__init__("")
        self.record, self.field = record, field

    def text(self, lang: str) -> str:
        return str(localized(self.record, self.field, lang) or "")


def os_reason(error: BaseException) -> Msg | str:
    """Why the system refused, in the user's language: the common errno values
    have a message (os.errno.<NAME>); any other keeps the system's own words."""
    import errno as errno_names

    from gwr_cli.regular import NotRegularFile

    if isinstance(error, UnicodeDecodeError):
        return Msg("os.not_utf8", byte=error.start)
    if isinstance(error, NotRegularFile):
        return Msg(f"os.not_regular.{error.kind}")
    number = getattr(error, "errno", None)
    name = errno_names.errorcode.get(number, "") if number is not None else ""
    if name in OS_ERRORS:
        return Msg(f"os.errno.{name}")
    return getattr(error, "strerror", None) or str(error)


OS_ERRORS = (
    "EACCES",
    "EPERM",
    "ENOENT",
    "ENOSPC",
    "EROFS",
    "EISDIR",
    "ENOTDIR",
    "EIO",
    "EDQUOT",
    # every other errno a file operation of gwr's can plausibly meet (_OS_TEXT)
    "ELOOP",
    "ENAMETOOLONG",
    "EEXIST",
    "ENOTEMPTY",
    "EBUSY",
    "ETXTBSY",
    "EMFILE",
    "ENFILE",
    "EFBIG",
    "EXDEV",
    "EAGAIN",
    "EINVAL",
    "ESTALE",
    "ENXIO",
    "ENODEV",
    "ENOMEM",
    "EINTR",
    "EOVERFLOW",
    "ESPIPE",
    "EMLINK",
    "ETIMEDOUT",
    "EOPNOTSUPP",
    "ENOTSUP",
    "ENOLCK",
    "EBADF",
    "EFAULT",
)


def toml_problem(error: BaseException) -> Msg:
    """Where a TOML parser stopped: tomllib ends its message with
    "(at line L, column C)" or "(at end of document)"; the parser's own English
    words are kept only in English output."""
    detail = str(error)
    found = re.search(r"\(at line (\d+), column (\d+)\)", detail)
    if found:
        return Msg("toml.at", line=int(found[1]), column=int(found[2]), detail=detail)
    if "end of document" in detail:
        return Msg("toml.at_end", detail=detail)
    return Msg("toml.somewhere", detail=detail)


def usage_text(error: object, lang: str) -> str:
    """A Click/Typer usage error in `lang`: Click words them in English only,
    so the common kinds are worded again from their fields; English keeps
    Click's own sentence."""
    worded = getattr(error, "worded", None)
    if isinstance(worded, Msg):  # gwr's own usage error (app.RepeatedOption)
        return worded.text(lang)
    if lang == "en":
        return error.format_message()
    from typer._click.exceptions import BadOptionUsage, BadParameter, MissingParameter, NoSuchOption

    message = str(getattr(error, "message", "") or "")
    param = getattr(error, "param", None)
    hint = getattr(error, "param_hint", None)
    if hint is None and param is not None:
        hint = param.get_error_hint(error.ctx)
    if isinstance(hint, list | tuple):
        hint = " / ".join(str(h) for h in hint)
    if hint:  # Click's 'x' quotes: an option name needs none in a Chinese sentence
        hint = str(hint).replace("'", "")
    if isinstance(error, NoSuchOption):
        found = text("usage.no_option", lang, option=error.option_name)
        if error.possibilities:
            found += text(
                "usage.did_you_mean", lang, choices=Listing(list(error.possibilities)).text(lang)
            )
        return found
    if isinstance(error, MissingParameter):
        if getattr(param, "param_type_name", "") == "argument":
            return text("usage.missing_argument", lang, param=hint or "")
        return text("usage.missing", lang, param=hint or "")
    if isinstance(error, BadOptionUsage) and message.endswith("requires an argument."):
        return text("usage.missing_value", lang, option=error.option_name)
    if isinstance(error, BadOptionUsage) and message.endswith("does not take a value."):
        return text("usage.no_value", lang, option=error.option_name)
    if isinstance(error, BadParameter):
        value = re.match(r"'?(.*?)'? is not", message)
        shown = Quoted(value[1]).text(lang) if value else ""
        choices = getattr(getattr(param, "type", None), "choices", None)
        if choices:
            listed = Listing([str(c) for c in choices]).text(lang)
            return text("usage.bad_value.choices", lang, param=hint, value=shown, choices=listed)
        if getattr(getattr(param, "type", None), "name", "") in ("integer", "int"):
            return text("usage.bad_value.int", lang, param=hint, value=shown)
        return text("usage.bad_value", lang, param=hint, value=shown)
    command = re.match(r"No such command '([^']*)'", message)
    if command:
        found = text("usage.no_command", lang, name=Quoted(command[1]))
        close = re.search(r"Did you mean '([^']*)'", message)
        if close:  # Click's own suggestion, worded again
            found += text("usage.did_you_mean", lang, choices=close[1])
        return found
    extra = re.match(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", message)
    if extra:
        return text("usage.extra", lang, args=extra[1])
    return text("usage.other", lang)


def _word_error(key: str, params: dict[str, object], lang: str) -> str:
    return Msg(key, **params).text(lang)


def fmt_date(value: object, lang: str) -> str:
    """A date as each language's output writes it: 2021年5月16日 / 2021-05-16.
    Takes a date or its ISO text."""
    import datetime as dt

    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    return f"{day.year}年{day.month}月{day.day}日" if lang == "zh" else day.isoformat()


def fmt_amount(value: float | None, unit: str, lang: str, against: float | None = None) -> str:
    """A number with its unit: 50公里 / 50 km, 6.5% in both. With `against` (an
    indicator's target) the digits that decide the comparison (`fmt_decided`)."""
    number = fmt_number(value) if against is None or value is None else fmt_decided(value, against)
    space = " " if lang == "en" and unit and not unit.startswith("%") else ""
    return f"{number}{space}{unit}"


def fmt_target(comparator: str, target: float, unit: str, lang: str) -> str:
    """An indicator's target with its comparator in words: 不低于6% / >= 6%."""
    return text(f"comparator.{comparator}", lang) + fmt_amount(target, unit, lang)


def fallback_lang() -> str:
    """The language when --lang is not known (yet): GWR_LANG, else the locale
    (also when GWR_LANG is invalid: its error is worded in the locale's
    language, as every other error of a Chinese user is)."""
    try:
        return detect_lang(None)
    except InputError:
        return _locale_lang()


def lang_of_argv(argv: list[str]) -> str:
    """The language in force for a command line: --lang, else GWR_LANG, else
    the locale; English when --lang itself is invalid (its error says so)."""
    option = None
    for index, token in enumerate(argv):
        if token == "--lang" and index + 1 < len(argv):
            option = argv[index + 1]
        elif token.startswith("--lang="):
            option = token.partition("=")[2]
        elif token == "--":
            break
    try:
        return detect_lang(option)
    except InputError:
        return fallback_lang()


def localized(record: object, field: str, lang: str, *, fallback: bool = True) -> object:
    """A record's field in `lang`: `title`/`title_en`, `name`/`name_en`,
    `unit`/`unit_en`, `milestone`/`milestone_en`. English falls back to the
    Chinese when empty (titles and names, filled at load by
    registry.english_or_chinese); with fallback=False an empty English gives
    None, so English output never shows a Chinese milestone. Works on records
    (attributes) and on dicts (JSON data)."""
    get = record.get if isinstance(record, dict) else lambda name: getattr(record, name, None)
    if lang == "zh":
        return get(field)
    english = get(f"{field}_en")
    if english:
        return english
    return get(field) if fallback else None


def detect_lang(option: str | None) -> str:
    """--lang, else GWR_LANG, else Chinese when the user's locale is Chinese.

    A language tag or locale name counts by its language: zh-CN, zh_CN.UTF-8,
    zh-Hans and ZH are Chinese, en-US and en_GB.UTF-8 English, as LANG is
    read. Anything else, an empty --lang included, is refused as typed (an
    empty GWR_LANG is unset)."""
    chosen = option if option is not None else os.environ.get("GWR_LANG") or None
    if chosen is not None:
        language = chosen.strip().lower()
        for separator in "-_.@":
            language = language.partition(separator)[0]
        if language not in LANGS:
            raise InputError("lang.unknown", value=Quoted(chosen))
        return language
    return _locale_lang()


def _locale_lang() -> str:
    """Chinese when the user's locale is Chinese, else English."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(variable)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    import locale  # 1 ms to import; only needed when no variable names a language

    try:
        code = locale.getlocale()[0] or ""
    except ValueError:
        code = ""
    return "zh" if code.lower().startswith(("zh", "chinese")) else "en"


# --- errors and messages of every module, by module (issue 10 §1) ---------------
# Core modules raise errors with these keys (errors.GwrError(key, **params)); the
# exit point words them. TOML field and table names ('target', [report]), ids,
# paths, option names and environment variables stay as typed, in both languages.
_ERROR_TEXT = {
    "zh": {
        # app.py: the exit point, usage errors, the catch-all
        "error.prefix": "gwr：错误：",
        "bug": "这是gwr的缺陷（bug），不是您的操作有误；请用GWR_DEBUG=1重新运行同一命令，"
        "并把输出报告给维护者",
        "usage.see_help": "（参见`{command} --help`）",
        "usage.aborted": "已中止",
        "usage.no_option": "没有选项{option}",
        "usage.did_you_mean": "（是否为{choices}？）",
        "usage.missing": "缺少{param}",
        "usage.missing_argument": "缺少参数{param}",
        "usage.no_value": "选项{option}不接受值",
        "usage.missing_value": "选项{option}需要一个值",
        "usage.bad_value": "{param}的值{value}无效",
        "usage.bad_value.int": "{param}的值{value}无效：应为整数",
        "usage.bad_value.choices": "{param}的值{value}无效；可选：{choices}",
        "usage.no_command": "没有命令{name}",
        "usage.extra": "多余的参数：{args}",
        "usage.other": "命令行用法有误",
        "lang.unknown": "未知语言{value}；请用zh或en",
        # messages.os_reason: why the system refused
        "os.not_utf8": "不是UTF-8编码（第{byte}字节）",
        "os.errno.EACCES": "没有权限",
        "os.errno.EPERM": "不允许此操作",
        "os.errno.ENOENT": "文件或文件夹不存在",
        "os.errno.ENOSPC": "磁盘空间已满",
        "os.errno.EROFS": "文件系统为只读",
        "os.errno.EISDIR": "这是文件夹",
        "os.errno.ENOTDIR": "路径中有一项不是文件夹",
        "os.errno.EIO": "读写错误",
        "os.errno.EDQUOT": "超出磁盘配额",
        "toml.at": "第{line}行第{column}列",
        "toml.at_end": "在文件末尾",
        "toml.somewhere": "语法有误",
        # registry.py: loading and validation (gwr check lists them all)
        "reg.not_found": "找不到登记表：{path}（请用--registry指定登记表文件，或设置GWR_REGISTRY）",
        "reg.unreadable": "无法读取登记表{path}（{reason}）",
        "reg.not_utf8": "{path}：不是UTF-8编码（第{byte}字节）；请将文件另存为UTF-8",
        "reg.bom": "{path}:1：文件以字节顺序标记（BOM）开头；请另存为不带BOM的UTF-8",
        "reg.toml": "{path}：不是有效的TOML（{problem}）；请检查引号、括号和逗号",
        "reg.first": "{problem}{more}",
        "reg.more": "（另有{count}处问题；运行`gwr check`可查看全部）",
        "reg.at": "{where}：{message}",
        "reg.label.task": "任务{id}",
        "reg.label.task_n": "第{number}项任务",
        "reg.label.indicator": "指标{id}",
        "reg.label.indicator_n": "第{number}项指标",
        "reg.label.chapter": "[report]第{position}章",
        "reg.type.str": "文本",
        "reg.type.int": "整数",
        "reg.type.number": "有限的数",
        "reg.type.date": "不加引号的日期，如2021-12-31",
        "reg.type.strlist": "文本列表",
        "reg.type.chapters": "章节表的列表",
        "reg.not_table": "{label}应为表",
        "reg.missing": "{label}：缺少必填字段{field}",
        "reg.type": "{label}：字段{field}应为{expected}，实为{got}",
        "reg.bad_number": "{label}：字段{field}{problem}",
        "reg.unknown_field": "{label}：未知字段{field}（可用字段：{known}）",
        "reg.no_report": "缺少[report]表",
        "reg.chapters_unique": "[report]：章节编号不能重复",
        "reg.timezone": "[report]：字段timezone不是已知的IANA时区：{value}",
        "reg.text_missing": "[report]：找不到报告原文{path}",
        "reg.text_unreadable": "[report]：无法读取报告原文{path}（{reason}）",
        "reg.no_areas": "缺少[areas.<key>]表：至少需要一个领域",
        "reg.area_key": "领域代码{key}只能由小写ASCII字母、数字和连字符组成",
        "reg.id": "{label}：编号{id}只能由小写ASCII字母、数字和连字符组成，如sewer-pipes-50km",
        "reg.array": "{key}应为[[{key}]]表的数组",
        "reg.duplicate_task": "{label}：编号重复（与第{number}项任务相同）",
        "reg.duplicate": "{label}：编号重复",
        "reg.unknown_area": "{label}：字段area中的领域{area}不存在（可用：{known}）",
        "reg.unknown_chapter": "{label}：字段chapter中的第{chapter}章不在[report]的chapters中",
        "reg.target_positive": "{label}：字段target应大于0",
        "reg.target_unit": '{label}：字段target需要同时给出unit（如unit = "公里"）',
        "reg.unit_no_target": "{label}：给出了字段unit，却没有target",
        "reg.investment_negative": (
            "{label}：字段investment_yuan应为以元计、不小于0的金额，"
            "如 investment_yuan = 25_000_000，实为{got}"
        ),
        "reg.investment_kind": "{label}：字段investment_kind应为total或district",
        "reg.start_after_deadline": "{label}：字段start应早于完成时限",
        "reg.comparator": "{label}：字段comparator应为{known}之一，实为{got}",
        "reg.source": "{label}：字段source在{file}中找不到原文：{quote}",
        "reg.tolerance": "[schedule]：字段tolerance应不小于0且小于1，实为{value}",
        "reg.share": "[schedule]：字段{field}应在0到1之间，实为{value}",
        "reg.yellow_red": "[schedule]：字段yellow（{yellow}）应小于red（{red}）",
        "reg.red_after_days": "[schedule]：字段red_after_days应不小于1，实为{value}",
        "reg.collection_table": "[collection]应为一个表",
        "reg.collection_every": "[collection]：字段every应为“month”或“week”，实为{value}",
        "reg.collection_due_day": '[collection]：every = "{every}"时字段due_day应在1至{last}之间，'
        "实为{value}",
        "reg.schema": "字段schema应为{expected}，实为{got}",
        "reg.top_level": "未知的顶层字段{key}（可用：{known}）",
        # lookup.py: what the user typed
        "kind.task": "任务",
        "kind.indicator": "指标",
        "kind.area": "领域",
        "kind.status": "状态",
        "kind.schedule": "序时状态",
        "kind.light": "亮灯",
        "lookup.unknown": "未知{kind}{typed}{hint}",
        "lookup.see_list": "（用`{command}`可查看{kind}编号）",
        "lookup.did_you_mean": "——是否为{ids}？",
        "lookup.ambiguous": "{kind}{typed}不唯一，可能是{matches}{more}；请写得更完整",
        "lookup.more": "等",
        "lookup.unknown_choice": "未知{kind}{typed}{hint}（可选：{choices}）",
        # record.py, indicators.py: what a command would record
        "record.hint.unit": "请给出以{unit}计的数值",
        "record.hint.percent": "请给出百分比，如40%",
        "record.bad_number": "进度值{value}{problem}；{hint}",
        "record.negative": "进度值{value}为负数；{hint}",
        "record.above_100": "进度{value}超过100%",
        "record.future": "--on {on}是将来的日期；请在事情发生后再记录",
        "record.started": "任务{task}已在推进中（{since}起）",
        "record.block_note": "`gwr block`需要用--note或--problems说明受阻原因",
        "record.empty_note": "备注为空；请写明发生了什么"
        "（或用--problems、--next写明存在问题、下步措施）",
        "record.reopen": "任务{task}的状态是{status}；只有已完成或受阻的任务才能重新打开",
        "record.nothing_to_undo": "没有可撤销的操作：{author}没有可以撤销的记录",
        "indicator.bad_number": "指标值{value}{problem}；例如6.5或-1.2",
        # dates.py
        "date.not_date": "{option}：{value}不是日期；请用YYYY-MM-DD格式，如2021-05-09",
        "date.not_real": "{option}：{value}不是真实存在的日期；请用YYYY-MM-DD格式，如2021-05-09",
        "date.not_week": "--week：{value}不是周；请用2021-W19、this或last",
        "date.no_such_week": "--week：{value}不存在（ISO周为第1至52或53周）",
        # paths.py
        "paths.login_name": "登录名",
        "paths.no_user": "无法确定您是谁：请把GWR_USER设为您的名字，如GWR_USER=zhang",
        "paths.bad_user": "{origin}{name}不能用作台账文件名：只能用字母、数字、-、_或.，"
        "最多64个字符，如GWR_USER=zhang-san",
        # events.py, ledger.py, ledger_index.py: the ledger's files
        "number.not_number": "不是数字",
        "number.beyond_64_bits": "是超出64位的整数",
        "number.not_finite": "不是有限的数（{value}）",
        # events.py: the numbers gwr keeps (parse_number, kept_problem), one rule for all
        "number.infinite": "不是有限的数（{value}：绝对值超过约1.8×10的308次方的数读作无穷大；"
        "gwr能保存的数在负10的308次方到10的308次方之间）",
        "number.too_large": "超出范围（gwr能保存的数在负10的308次方到10的308次方之间）",
        "number.too_small": "太接近0（gwr能保存0和绝对值不小于10的负307次方的数）",
        "number.too_many_digits": "有{digits}位有效数字（gwr最多精确保存{kept}位有效数字）",
        "number.more_digits": "的有效数字多于gwr能精确保存的{kept}位",
        "event.not_table": "不是表",
        "event.unknown_key": "有未知字段{key}（可用：{known}）",
        "event.needs_text": "需要非空文本字段{key}",
        "event.unknown_action": "动作{action}未知（可用：{known}）",
        "event.needs_on": "需要日期字段on，如2021-05-09",
        "event.needs_at": "需要日期时间字段at，如2021-05-09T10:15:00Z",
        "event.bad_value": "字段value{problem}",
        "event.needs_value": "是没有value的{action}事件",
        "event.not_text": "字段{key}不是文本",
        "event.needs_cancels": "是没有cancels（被撤销事件的编号）的undo事件",
        "ledger.not_array": "{path}：events应为[[events]]表的数组",
        "ledger.bad_event": "{where}：事件{id}{problem}",
        "ledger.not_utf8": "{path}:{line}：不是有效的UTF-8；gwr未改动该文件",
        "ledger.bom": "{path}:1：文件以字节顺序标记（BOM）开头；请另存为不带BOM的UTF-8",
        "ledger.empty": "{path}：文件为空；台账文件应包含[[events]]条目（请从git恢复或删除该文件）",
        "ledger.toml": "{path}：不是有效的TOML（{problem}）；gwr未改动该文件，"
        "请手工修正或从git恢复",
        "ledger.top_level": "{path}：未知的顶层字段{key}（可用：schema、events）",
        "ledger.schema": "{path}：台账格式版本{schema}不是本版gwr能读取的"
        "（{supported}）；请升级gwr",
        "ledger.duplicate_id": "{where}：事件编号{id}重复（另见{earlier}）；"
        "请给其中一条换一个新编号",
        "ledger.unreadable": "无法读取{path}（{reason}）",
        "ledger.journal_mismatch": "{path}在一次中断的gwr写入之后被改动过；"
        "请与旁边的{journal}比对，"
        "然后删除该日志文件",
        "ledger.unreadable_folder": "无法读取台账文件夹{path}（{reason}）",
        "ledger.unwritable": "无法写入{path}（{reason}）；未记录任何内容",
        "ledger.lock_timeout": "另一个gwr进程占用{path}已{seconds}秒；未写入任何内容——"
        "请稍后重试，或结束卡住的gwr进程",
        # commands/reading.py: --chapter, gwr where
        "reading.no_chapter": "--chapter {chapter}：没有这一章（报告的章节为{numbers}）",
        "where.registry": "登记表：{path}（{origin}）",
        "where.home": "数据文件夹：{path}",
        "where.ledger": "台账：{path}",
        "where.origin.packaged": "随gwr安装",
        "where.origin.option": "--registry",
        "where.origin.env": "GWR_REGISTRY",
        "where.origin.home": "GWR_HOME",
        # tables.py: gwr show
        "field.area_key": "{name}（{key}）",
        # commands/recording.py: the one-line confirmation
        "confirm.head": "{head}：{action} · {task} {title}",
        "confirm.on": "（{on}）",
        # summary_text.py: the weekly summary's lines
        "sum.item": "{title}：{detail}",
        "sum.percent": "（{percent}）",
        "sum.note_by": "{by}：{note}",
        "sum.overdue_done": "，完成{percent}",
        # refused.py: what gwr refuses at input, and gwr check's listing of it in a ledger
        "refused.negative": "为负数（进展数值不能为负）",
        "refused.above_100": "超过100（该任务按百分比记录，应在0到100之间）",
        "refused.empty_note": "备注为空（进展情况、存在问题、下步措施都未填写）",
        "refused.no_reason": "未说明受阻原因（进展情况和存在问题都未填写）",
        "refused.value_not_taken": "不属于该动作（只有进展和指标记录数值），未计入",
        "refused.future": "日期{on}在将来（今天是{today}），到那天才计入",
        "check.refused": "台账中有{count}条记录在输入时会被拒绝；照原样读取，如有误请重新记录：",
        "check.refused_event": "{file}:{line}：{id} {action} {task}：{what}",
        "check.refused_value": "数值{value}{problem}",
        # handlers: an indicator's confirmation after confirm.head, as a task's
        "confirm.indicator": " = {value}（目标{target}：{met}）",
        "confirm.no_value": "无数值",
        # the comparator of an indicator's target, in words (不低于6%)
        "comparator.>=": "不低于",
        "comparator.<=": "不高于",
        "comparator.>": "高于",
        "field.elapsed_of": "（时间已过{percent}）",
    },
    "en": {
        "error.prefix": "gwr: error: ",
        "bug": "this is a bug in gwr, not a mistake of yours; run the same command again "
        "with GWR_DEBUG=1 and report it with the output",
        "usage.see_help": " (see `{command} --help`)",
        "usage.aborted": "aborted",
        "usage.no_option": "No such option: {option}",
        "usage.did_you_mean": " (did you mean {choices}?)",
        "usage.missing": "Missing {param}",
        "usage.missing_argument": "Missing argument {param}",
        "usage.no_value": "Option {option} does not take a value",
        "usage.missing_value": "Option {option} requires an argument",
        "usage.bad_value": "Invalid value for {param}: {value}",
        "usage.bad_value.int": "Invalid value for {param}: {value} is not a valid int.",
        "usage.bad_value.choices": "Invalid value for {param}: {value} is not one of {choices}",
        "usage.no_command": "No such command {name}",
        "usage.extra": "Got unexpected extra arguments: {args}",
        "usage.other": "usage error",
        "lang.unknown": "unknown language {value}; use zh or en",
        "os.not_utf8": "not UTF-8 (byte {byte})",
        "os.errno.EACCES": "Permission denied",
        "os.errno.EPERM": "Operation not permitted",
        "os.errno.ENOENT": "No such file or directory",
        "os.errno.ENOSPC": "No space left on device",
        "os.errno.EROFS": "Read-only file system",
        "os.errno.EISDIR": "Is a directory",
        "os.errno.ENOTDIR": "Not a directory",
        "os.errno.EIO": "Input/output error",
        "os.errno.EDQUOT": "Disk quota exceeded",
        "toml.at": "{detail}",
        "toml.at_end": "{detail}",
        "toml.somewhere": "{detail}",
        "reg.not_found": "registry not found: {path} (give --registry PATH or set GWR_REGISTRY)",
        "reg.unreadable": "cannot read registry {path}: {reason}",
        "reg.not_utf8": "{path}: not UTF-8 (byte {byte}); save the file as UTF-8",
        "reg.bom": "{path}:1: starts with a byte-order mark; save it as UTF-8 without BOM",
        "reg.toml": "{path}: invalid TOML: {problem}",
        "reg.first": "{problem}{more}",
        "reg.more": " (and {count} more; run `gwr check`)",
        "reg.at": "{where}: {message}",
        "reg.label.task": "task '{id}'",
        "reg.label.task_n": "task #{number}",
        "reg.label.indicator": "indicator '{id}'",
        "reg.label.indicator_n": "indicator #{number}",
        "reg.label.chapter": "[report] chapter {position}",
        "reg.type.str": "a string",
        "reg.type.int": "a whole number",
        "reg.type.number": "a finite number",
        "reg.type.date": "a date like 2021-12-31 (unquoted)",
        "reg.type.strlist": "a list of strings",
        "reg.type.chapters": "a list of chapter tables",
        "reg.not_table": "{label} must be a table",
        "reg.missing": "{label}: missing required field '{field}'",
        "reg.type": "{label}: field '{field}' must be {expected}, got {got}",
        "reg.bad_number": "{label}: field '{field}' {problem}",
        "reg.unknown_field": "{label}: unknown field '{field}' (known fields: {known})",
        "reg.no_report": "missing [report] table",
        "reg.chapters_unique": "[report]: chapter numbers must be unique",
        "reg.timezone": "[report]: field 'timezone' is not a known IANA time zone: {value}",
        "reg.text_missing": "[report]: report text not found: {path}",
        "reg.text_unreadable": "[report]: cannot read report text {path}: {reason}",
        "reg.no_areas": "missing [areas.<key>] tables: at least one area is needed",
        "reg.area_key": "area key {key} must be lowercase ASCII letters, digits and hyphens",
        "reg.id": "{label}: id {id} must be lowercase ASCII letters, digits and hyphens, "
        "e.g. 'sewer-pipes-50km'",
        "reg.array": "'{key}' must be an array of [[{key}]] tables",
        "reg.duplicate_task": "{label}: duplicate id (also task #{number})",
        "reg.duplicate": "{label}: duplicate id",
        "reg.unknown_area": "{label}: field 'area': unknown area {area} (known: {known})",
        "reg.unknown_chapter": "{label}: field 'chapter': no chapter {chapter} in "
        "[report] chapters",
        "reg.target_positive": "{label}: field 'target' must be above 0",
        "reg.target_unit": "{label}: field 'target' needs a 'unit' (e.g. unit = \"公里\")",
        "reg.unit_no_target": "{label}: field 'unit' given without a 'target'",
        "reg.investment_negative": (
            "{label}: field 'investment_yuan' must be an amount in yuan of 0 or more, "
            "e.g. investment_yuan = 25_000_000, got {got}"
        ),
        "reg.investment_kind": "{label}: field 'investment_kind' must be 'total' or 'district'",
        "reg.start_after_deadline": "{label}: field 'start' must be before the deadline",
        "reg.comparator": "{label}: field 'comparator' must be one of {known}, got {got}",
        "reg.source": "{label}: field 'source' is not found verbatim in {file}: {quote}",
        "reg.tolerance": "[schedule]: field 'tolerance' must be from 0 to below 1, got {value}",
        "reg.share": "[schedule]: field '{field}' must be from 0 to 1, got {value}",
        "reg.yellow_red": "[schedule]: field 'yellow' ({yellow}) must be below 'red' ({red})",
        "reg.red_after_days": "[schedule]: field 'red_after_days' must be 1 or more, got {value}",
        "reg.collection_table": "[collection] must be a table",
        "reg.collection_every": '[collection]: field \'every\' must be "month" or "week", '
        "got {value}",
        "reg.collection_due_day": "[collection]: field 'due_day' must be from 1 to {last} for "
        'every = "{every}", got {value}',
        "reg.schema": "field 'schema' must be {expected}, got {got}",
        "reg.top_level": "unknown top-level key '{key}' (known: {known})",
        "kind.task": "task",
        "kind.indicator": "indicator",
        "kind.area": "area",
        "kind.status": "status",
        "kind.schedule": "schedule state",
        "kind.light": "light",
        "lookup.unknown": "unknown {kind} {typed}{hint}",
        "lookup.see_list": " (see `{command}` for the {kind} ids)",
        "lookup.did_you_mean": " — did you mean {ids}?",
        "lookup.ambiguous": "{kind} {typed} is ambiguous: it could be {matches}{more}",
        "lookup.more": ", ...",
        "lookup.unknown_choice": "unknown {kind} {typed}{hint} (choose from: {choices})",
        "record.hint.unit": "give a number of {unit}",
        "record.hint.percent": "give a percent like 40%",
        "record.bad_number": "progress value {value} {problem}; {hint}",
        "record.negative": "progress value {value} is negative; {hint}",
        "record.above_100": "progress {value} is above 100%",
        "record.future": "--on {on} is in the future; record things once they happen",
        "record.started": "task {task} is already in progress (since {since})",
        "record.block_note": "`gwr block` needs --note or --problems saying why the task is "
        "blocked",
        "record.empty_note": "the note is empty; write what happened (or the problems or next "
        "steps with --problems, --next)",
        "record.reopen": "task {task} is {status}; only a done or blocked task can be reopened",
        "record.nothing_to_undo": "nothing to undo: {author} has no recorded action left to cancel",
        "indicator.bad_number": "indicator value {value} {problem}; e.g. 6.5 or -1.2",
        "date.not_date": "{option}: {value} is not a date; use YYYY-MM-DD, e.g. 2021-05-09",
        "date.not_real": "{option}: {value} is not a real date; use YYYY-MM-DD, e.g. 2021-05-09",
        "date.not_week": "--week: {value} is not a week; use 2021-W19, this or last",
        "date.no_such_week": "--week: {value} does not exist (ISO weeks run 1 to 52 or 53)",
        "paths.login_name": "login name",
        "paths.no_user": "cannot tell who you are: set GWR_USER to your name, e.g. GWR_USER=zhang",
        "paths.bad_user": "{origin} {name} cannot name a ledger file: use letters, digits, "
        "'-', '_' or '.', at most 64 characters, e.g. GWR_USER=zhang-san",
        "number.not_number": "is not a number",
        "number.beyond_64_bits": "is an integer beyond 64 bits",
        "number.not_finite": "is not a finite number ({value})",
        # events.py: the numbers gwr keeps (parse_number, kept_problem), one rule for all
        "number.infinite": "is not a finite number ({value}: a number beyond about 1.8e308 "
        "reads as infinite; gwr keeps numbers from -1e308 to 1e308)",
        "number.too_large": "is out of range (gwr keeps numbers from -1e308 to 1e308)",
        "number.too_small": "is too close to zero (gwr keeps 0 and numbers of at least "
        "1e-307 in size)",
        "number.too_many_digits": "has {digits} significant digits "
        "(gwr keeps at most {kept} exactly)",
        "number.more_digits": "has more significant digits than the {kept} gwr keeps exactly",
        "event.not_table": "is not a table",
        "event.unknown_key": "has unknown key '{key}' (known: {known})",
        "event.needs_text": "needs '{key}' as a non-empty string",
        "event.unknown_action": "has unknown action {action} (known: {known})",
        "event.needs_on": "needs 'on' as a date like 2021-05-09",
        "event.needs_at": "needs 'at' as a date-time like 2021-05-09T10:15:00Z",
        "event.bad_value": "has a 'value' that {problem}",
        "event.needs_value": "is a '{action}' event without a 'value'",
        "event.not_text": "has a '{key}' that is not a string",
        "event.needs_cancels": "is an 'undo' event without 'cancels' (the id of the event it "
        "cancels)",
        "ledger.not_array": "{path}: 'events' must be an array of [[events]] tables",
        "ledger.bad_event": "{where}: event {id} {problem}",
        "ledger.not_utf8": "{path}:{line}: not valid UTF-8; gwr left the file unchanged",
        "ledger.bom": "{path}:1: starts with a byte-order mark (BOM); save it as UTF-8 without BOM",
        "ledger.empty": "{path}: the file is empty; a ledger file holds [[events]] entries "
        "(restore it from git or delete it)",
        "ledger.toml": "{path}: not valid TOML: {problem}; gwr left the file unchanged, fix it by "
        "hand or restore it from git",
        "ledger.top_level": "{path}: unknown top-level key '{key}' (known: schema, events)",
        "ledger.schema": "{path}: ledger schema {schema} is not one this gwr reads ({supported}); "
        "upgrade gwr",
        "ledger.duplicate_id": "{where}: duplicate event id {id} (also at {earlier}); give one of "
        "them a new id",
        "ledger.unreadable": "cannot read {path}: {reason}",
        "ledger.journal_mismatch": "{path} was changed after an interrupted gwr write; compare it "
        "with {journal} beside it, then delete that journal",
        "ledger.unreadable_folder": "cannot read the ledger in {path}: {reason}",
        "ledger.unwritable": "cannot write to {path}: {reason}; nothing was recorded",
        "ledger.lock_timeout": "another gwr process has held {path} for {seconds} s; nothing was "
        "written — try again, or stop the stuck gwr process",
        "reading.no_chapter": "--chapter {chapter}: no such chapter (the report has {numbers})",
        "where.registry": "registry:    {path} ({origin})",
        "where.home": "home:        {path}",
        "where.ledger": "ledger:      {path}",
        "where.origin.packaged": "packaged",
        "where.origin.option": "--registry",
        "where.origin.env": "GWR_REGISTRY",
        "where.origin.home": "GWR_HOME",
        "field.area_key": "{name} ({key})",
        "confirm.head": "{head}: {action} · {task} {title}",
        "confirm.on": " ({on})",
        "sum.item": "{title}: {detail}",
        "sum.percent": " ({percent})",
        "sum.note_by": "{by}: {note}",
        "sum.overdue_done": ", {percent}",
        "refused.negative": "is negative (a progress value is at least 0)",
        "refused.above_100": "is above 100 (the task is reported in percent, from 0 to 100)",
        "refused.empty_note": "the note is empty (no progress, problems or next steps)",
        "refused.no_reason": "no reason given for the block (neither a note nor problems)",
        "refused.value_not_taken": "is not taken by this action (only progress and indicator "
        "values count); not counted",
        "refused.future": "is dated {on}, in the future (today is {today}); it counts from then",
        "check.refused": "{count:~ledger record|ledger records} would be refused if typed; read "
        "as written: if one is wrong, record the right one:",
        "check.refused_event": "{file}:{line}: {id} {action} {task}: {what}",
        "check.refused_value": "value {value} {problem}",
        "confirm.indicator": " = {value} ({target}: {met})",
        "confirm.no_value": "no value",
        "comparator.>=": ">= ",
        "comparator.<=": "<= ",
        "comparator.>": "> ",
        "field.elapsed_of": " ({percent} of the time elapsed)",
    },
}
for _lang in LANGS:
    _TEXT[_lang].update(_ERROR_TEXT[_lang])
    _TEXT[_lang].update({f"status.{k}": v for k, v in STATUS_LABELS[_lang].items()})
# --- end of the errors block ---


# --- plain-text helpers ---------------------------------------------------------

# C0 and C1 control characters (but not newline and tab), DEL, and the bidi
# overrides and isolates (they reorder the text after them on screen): user
# text is printed literally, so none of them may reach a terminal raw.
_CONTROL = LazyPattern(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Everything a line-oriented reader (a terminal, `str.splitlines`, Markdown)
# takes for the end of a line; the other line breaks are control characters.
_LINE_BREAK = LazyPattern("\r\n|[\n\r\u2028\u2029]")
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
    """A number to at most two decimals, cut toward zero, never rounded up: a
    recorded 49.999 of 50 km reads 49.99, not the 50 that would look done."""
    if value is None:
        return "-"
    number = float(value)
    if number.is_integer() and -1e15 < number < 1e15:  # every such float is that integer
        return str(int(number))
    # Cut the decimal gwr keeps (15 significant digits, events.KEPT_DIGITS), not the
    # float: 2288969.57 is the float 2288969.5699999998, and 0.29 * 100 is
    # 28.999999999999996; a whole 1.23456789012345e22 is not the integer nearest it.
    shown = f"{number:.15g}"
    if "e" in shown:
        from decimal import Decimal

        shown = f"{Decimal(shown):f}"
    whole, _, fraction = shown.partition(".")
    fraction = fraction[:2].rstrip("0")
    if fraction:
        return f"{whole}.{fraction}"
    return "0" if whole == "-0" else whole


def fmt_decided(value: float, *bounds: float, places: int = 2) -> str:
    """`fmt_number` (`places` 0: the whole number, cut), with as many more
    decimals as it takes for the number shown to compare with each bound (a
    target, a threshold) as the value does: a value is shown with the digits
    that decide its verdict. 3.001 against a target of at most 3 reads 3.001
    (fmt_number's 3 would look met); 2.999 reads 2.99; a gap of 30.4 points
    against a threshold of 30 reads 30.4, one of 40.97 reads 40."""
    shown = fmt_number(value) if places else fmt_number(cut_percent(value, 0))
    if all(_same_side(float(shown), value, bound) for bound in bounds):
        return shown
    exact = f"{float(value):.15g}"  # the decimal gwr keeps (events.KEPT_DIGITS)
    if "e" in exact:
        from decimal import Decimal

        exact = f"{Decimal(exact):f}"
    whole, _, fraction = exact.partition(".")
    for more in range(max(places, 0) + 1, len(fraction) + 1):  # cut, one more each time
        shown = f"{whole}.{fraction[:more]}"
        if all(_same_side(float(shown), value, bound) for bound in bounds):
            break
    return shown.rstrip("0").rstrip(".") if "." in shown else shown


def _same_side(shown: float, value: float, bound: float) -> bool:
    return (shown > bound) - (shown < bound) == (value > bound) - (value < bound)


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


def cut_percent(percent: float, places: int = 1) -> float:
    """A percent (or a gap in percentage points) cut toward zero to `places`
    decimals, the one rule for every percent gwr gives: data (JSON, CSV, the
    Excel ledger) carries one decimal, text (`fmt_percent`: terminal,
    Markdown, HTML) the whole number, so that 40.97% of the time elapsed is
    40.9 in data and 40% on screen, never 41, and 99.96% is never 100.
    Cut from the decimal gwr keeps (15 significant digits), not from the
    float's binary noise: 0.29 * 100 is 28.999999999999996, cut to 29."""
    scale = 10**places
    return math.trunc(float(f"{percent * scale:.12g}")) / scale + 0.0


def fmt_percent(percent: float) -> str:
    # Rounded down: 99.6% is not yet 100% (only a done task is); cut_percent's rule.
    return f"{cut_percent(percent, 0):.0f}%"


def text_bar(percent: float, width: int = 10) -> str:
    # ASCII on purpose: block characters are "ambiguous width" and take two
    # cells in many Chinese terminals, which would break column alignment.
    filled = math.floor(max(0.0, min(percent, 100.0)) / 100 * width + 1e-9)
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


def cell_widths(values: Collection[str]) -> dict[str, int]:
    """{value: cell_width(value)} for each of values: a column of a table.

    A long column (a listing's 10,000 titles) is measured faster: in text of
    printable ASCII (one cell, one UTF-8 byte a character) and the wide
    characters of Chinese (two cells, three bytes), the UTF-8 length counts
    the wide ones, and one pattern tells that a text is such text. Compiling
    that pattern costs about 1 ms, what the general measure of some 1,500
    titles costs, so a short column is measured by `cell_width` alone.
    """
    if len(values) < _MANY_WIDTHS:
        return dict(zip(values, map(cell_width, values), strict=True))
    ascii_and_wide = _ascii_and_wide()
    widths = {}
    for value in values:
        if ascii_and_wide(value):
            length = len(value)
            widths[value] = length + (len(value.encode()) - length) // 2
        else:
            widths[value] = cell_width(value)
    return widths


_MANY_WIDTHS = 1000


# Printable ASCII and the wide characters of Chinese text that Rich measures
# as two cells each and UTF-8 encodes in three bytes: CJK symbols and
# punctuation (without the combining marks U+302A-U+302F and U+303F), CJK
# ideographs (extension A and the unified block), full-width forms such as
# （），：；. tests/test_list_layout.py holds every one of them to Rich's width.
_WIDE_RANGES = "\u3000-\u3029\u3030-\u303e\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff60\uffe0-\uffe6"


@functools.cache
def _ascii_and_wide() -> Callable[[str], object]:
    """The test for text `cell_widths` may measure by its UTF-8 length."""
    return re.compile(f"[ -~{_WIDE_RANGES}]*").fullmatch


# `_WIDE_RANGES` as (first, last) code points.
_WIDE_CODES = tuple(zip(map(ord, _WIDE_RANGES[0::3]), map(ord, _WIDE_RANGES[2::3]), strict=True))

# Characters Rich measures as one cell, every one (tests/test_list_layout.py):
# printable ASCII, Latin letters and signs, general punctuation (“”…—·‰),
# letterlike symbols, number forms, arrows and mathematical operators (→).
_NARROW_CODES = ((0x20, 0x7E), (0xA0, 0x2FF), (0x2010, 0x2027), (0x2030, 0x205E), (0x2100, 0x22FF))


class _CharWidths(dict[str, int]):
    def __missing__(self, char: str) -> int:
        code = ord(char)
        # Measured as Rich measures them without importing Rich (`rich.cells`
        # and the `typing` it brings cost ~5 ms of a `status`, measured): the
        # wide characters of Chinese text and the narrow ones beside them.
        if any(first <= code <= last for first, last in _WIDE_CODES):
            width = 2
        elif any(first <= code <= last for first, last in _NARROW_CODES):
            width = 1
        else:
            from rich.cells import get_character_cell_size

            width = get_character_cell_size(char)
        self[char] = width
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
_MARKDOWN_INLINE = LazyPattern(r"[\\`*_\[\]<>&|~]")
# At the start of a line these open a heading or a list ("#", "-", "+", "1.").
_MARKDOWN_LINE_START = LazyPattern(r"^(\s*)(#|[-+=]|\d+(?=[.)]))")


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


# --- storage layer messages (ledger, journal, cache, lock) ------------------------
# Raised from the core, which does not know --lang: the error keeps the key and
# the exit point words it.

STORAGE_TEXT = {
    "zh": {
        "lock.timeout": "GWR_LOCK_TIMEOUT的值{value}无效；请给出不小于0的秒数，如10",
        "ledger.conflict": (
            "{path}：第{first}–{last}行有git合并冲突标记；两边各是一条事件，请删除标记行"
            "（<<<<<<<、=======、>>>>>>>）并保留两边的[[events]]表，然后再运行gwr"
        ),
        "ledger.unsafe.inline": (
            "{path}：以内联数组（events = [...]）保存事件，gwr无法安全追加；"
            "请改写为[[events]]表，本次未写入任何内容"
        ),
    },
    "en": {
        "lock.timeout": (
            "GWR_LOCK_TIMEOUT={value} is not a valid wait; give seconds as a number of 0 "
            "or more, e.g. 10"
        ),
        "ledger.conflict": (
            "{path}: lines {first}–{last} hold git conflict markers; each side is an event: "
            "delete the marker lines (<<<<<<<, =======, >>>>>>>) and keep the [[events]] tables "
            "of both sides, then run gwr again"
        ),
        "ledger.unsafe.inline": (
            "{path}: holds its events as an inline array (events = [...]), which gwr cannot "
            "append to safely; rewrite them as [[events]] tables; nothing was written"
        ),
    },
}


_add_texts(STORAGE_TEXT)


def storage_error(kind: type[Exception], key: str, **values: object) -> Exception:
    """An error of `kind` (a GwrError) carrying `key` and `values`, worded at the
    exit point in the language in force."""
    return kind(key, **values)


# --- standard output that cannot be written (a full disk under `gwr export > f`) ---
_STDOUT_TEXT = {
    "zh": {"output.stdout_failed": "无法写入标准输出（{reason}）"},
    "en": {"output.stdout_failed": "cannot write to standard output ({reason})"},
}
_add_texts(_STDOUT_TEXT)

# --- a recording's confirmation that standard output could not take ---------------
_UNSHOWN_TEXT = {
    "zh": {
        "confirm.unshown": (
            "gwr：{head}（{task}），但确认无法写入标准输出（{reason}）；"
            "请勿重复操作，可用 {see} 查看"
        )
    },
    "en": {
        "confirm.unshown": (
            "gwr: {head} ({task}), but the confirmation could not be written to standard "
            "output ({reason}); do not repeat it, see `{see}`"
        )
    },
}
_add_texts(_UNSHOWN_TEXT)

# --- a status with the overdue mark: a list's and `show`'s 状态 cell -------------------
_STATUS_OVERDUE_TEXT = {
    "zh": {"status.overdue": "{status}，逾期"},
    "en": {"status.overdue": "{status}, overdue"},
}
_add_texts(_STATUS_OVERDUE_TEXT)

# --- a task's id where an indicator's was wanted, and the other way round -----------
_OTHER_KIND_TEXT = {
    "zh": {
        "lookup.is_indicator": "{typed}是指标，不是任务（指标用`gwr indicator list`查看，"
        "用`gwr indicator set`记录）",
        "lookup.is_task": "{typed}是任务，不是指标（任务用`gwr show`查看，"
        "用`gwr progress`或`gwr done`记录）",
    },
    "en": {
        "lookup.is_indicator": "{typed} is an indicator, not a task (see `gwr indicator list`; "
        "record it with `gwr indicator set`)",
        "lookup.is_task": "{typed} is a task, not an indicator (see `gwr show`; record it "
        "with `gwr progress` or `gwr done`)",
    },
}
_add_texts(_OTHER_KIND_TEXT)

# --- gwr check: every ledger file that does not read ---------------------------------
_LEDGER_PROBLEMS_TEXT = {
    "zh": {
        "check.ledger_problems": "台账有{count}处问题（其余文件照常检查）：",
        # no other file to check: every file has errors, or only ids repeat
        "check.ledger_problems_only": "台账有{count}处问题：",
    },
    "en": {
        "check.ledger_problems": "the ledger has {count:~problem|problems} "
        "(the other files are checked all the same):",
        "check.ledger_problems_only": "the ledger has {count:~problem|problems}:",
    },
}
_add_texts(_LEDGER_PROBLEMS_TEXT)

# --- the clone id, --output's suffix, --base-url, completion ------------------------
_OUTPUT_NAME_TEXT = {
    "zh": {
        "check.clone": "本副本的编号文件有问题：",
        "asg.dangling": "分工文件{path}是指向不存在文件（{target}）的链接；请修正或删除该链接",
        "asg.empty": "文件为空；分工文件至少应含一行 schema = 1，其后是各条[[assignments]]",
        "asg.conflict": (
            "第{first}–{last}行有git合并冲突标记；请删除标记行（<<<<<<<、=======、>>>>>>>）"
            "并保留应有的分工条目，然后再运行gwr"
        ),
        "output.trailing_separator": (
            "{option} {path}以路径分隔符结尾，指的是文件夹：请给出文件名（去掉末尾的分隔符）"
        ),
        "output.suffix_toml": (
            "{option} {path}：扩展名{suffix}属于其他格式，而这里写出的是TOML登记文件；"
            "文件名应以.toml结尾"
        ),
        "site.base_url_name": (
            "--base-url {url}：主机名“{host}”无效；以点分隔的每一段只能含字母、数字和连字符"
            "（连字符不在首尾，不含“_”或空格），xn--开头的一段须是有效的IDNA，例如 {example}"
        ),
        "site.base_url_port": (
            "--base-url {url}：端口{port}无效；请给出1至65535之间的端口或省略端口，例如 {example}"
        ),
        "site.base_url_userinfo": (
            "--base-url：网址含用户名或密码（@之前的部分），会公开在sitemap.xml中；"
            "请去掉这部分，例如 {example}"
        ),
        "completion.cannot_write": "无法把命令补全写入{path}（{reason}）",
        "site.base_url_host": (
            "--base-url {url}：主机名（或端口）缺失或无效；请写出网站所在的主机，例如 {example}"
        ),
        "site.base_url_query": (
            "--base-url {url}：网站地址应止于路径（不含问号或井号），例如 {example}"
        ),
        "output.suffix_format": (
            "--output {path}：扩展名{suffix}对应--format {meant}，与--format {format}不符；"
            "请改用--format {meant}，或以{right}结尾的文件名"
        ),
        "output.suffix": (
            "--output {path}：扩展名{suffix}与--format {format}不符；文件名应以{right}结尾"
        ),
    },
    "en": {
        "check.clone": "this copy's id file has a problem:",
        "asg.dangling": (
            "the assignments file {path} is a link to a missing file ({target}); "
            "fix or delete the link"
        ),
        "asg.empty": (
            "the file is empty; it needs at least the line 'schema = 1', then its "
            "[[assignments]] tables"
        ),
        "asg.conflict": (
            "lines {first}–{last} hold git conflict markers: delete the marker lines "
            "(<<<<<<<, =======, >>>>>>>) and keep the entries that should stay, then run gwr again"
        ),
        "output.trailing_separator": (
            "{option} {path} ends in a path separator, so it names a folder: give a file name "
            "(without the trailing separator)"
        ),
        "output.suffix_toml": (
            "{option} {path}: a {suffix} name is another format's, but this writes a TOML file; "
            "give a name ending in .toml"
        ),
        "site.base_url_name": (
            "--base-url {url}: the host {host!r} is not a valid name; each part between dots "
            "holds letters, digits and hyphens (no hyphen first or last, no _ or space), an "
            "xn-- part valid IDNA, e.g. {example}"
        ),
        "site.base_url_port": (
            "--base-url {url}: port {port} is not valid; give a port from 1 to 65535, or none, "
            "e.g. {example}"
        ),
        "site.base_url_userinfo": (
            "--base-url: the address holds a user name or password (before @), which would be "
            "published in sitemap.xml; give it without them, e.g. {example}"
        ),
        "completion.cannot_write": "cannot install completion into {path} ({reason})",
        "site.base_url_host": "--base-url {url}: the host (or port) is missing or not valid; "
        "give the site's host, e.g. {example}",
        "site.base_url_query": "--base-url {url}: the site's address ends with its path "
        "(no ? or #), e.g. {example}",
        "output.suffix_format": (
            "--output {path}: a {suffix} name is for --format {meant}, not {format}; "
            "give --format {meant}, or a name ending in {right}"
        ),
        "output.suffix": (
            "--output {path}: a {suffix} name does not fit --format {format}; "
            "give a name ending in {right}"
        ),
    },
}
_add_texts(_OUTPUT_NAME_TEXT)

# --- --output - (the screen), --base-url's parts, folders as output -----------------
_OUTPUT_TARGET_TEXT: dict[str, dict[str, str]] = {
    "zh": {
        "site.base_url_empty": (
            "--base-url为空：请给出网站发布的地址，例如 {example}，或者不写--base-url以使用相对网址"
        ),
        "site.base_url_control": (
            "--base-url含控制字符（{char}，如制表符或换行）：网址中不能有这些字符，"
            "请重新输入，例如 {example}"
        ),
        "site.base_url_idna": (
            "--base-url {url}：主机名“{host}”按IDNA会写成另一个主机“{written}”；"
            "请写出要发布的主机名本身，例如 {example}"
        ),
        "site.base_url_ipv4": (
            "--base-url {url}：主机名“{host}”只含数字和点，却不是有效的IPv4地址"
            "（四段，每段0至255）；例如 {example}"
        ),
        "site.base_url_long": (
            "--base-url {url}：主机名“{host}”中的一段“{label}”太长（{length}个字符，"
            "最多63个）；例如 {example}"
        ),
        "site.base_url_bracket": (
            "--base-url {url}：IPv6地址的方括号“]”之后只能是端口（冒号加数字），"
            "例如 http://[::1]:8000/"
        ),
        "output.screen_draft": (
            "{option} -：gwr draft写出的是文件（登记表引用与它同一文件夹中的报告正文），"
            "不能输出到屏幕；请给出文件名，例如 {example}"
        ),
        "output.screen_template": (
            "--output -：填报表是Excel工作簿，不能输出到屏幕；请给出以.xlsx结尾的文件名"
        ),
        "output.screen_folder": (
            "--output -：{command}写出的是一个文件夹，不能输出到屏幕；"
            "请给出文件夹名，例如 {example}"
        ),
        "collect.template.folder_suffix": (
            "--output {path}：--all需要一个文件夹（每个单位一个工作簿），"
            "而{suffix}是文件的扩展名；请给出文件夹名，例如 填报表/"
        ),
    },
    "en": {
        "site.base_url_empty": (
            "--base-url is empty: give the address the site is published at, e.g. {example}, "
            "or leave out --base-url for relative URLs"
        ),
        "site.base_url_control": (
            "--base-url holds a control character ({char}, such as a tab or line break), "
            "which no URL may hold; type it again, e.g. {example}"
        ),
        "site.base_url_idna": (
            "--base-url {url}: IDNA would write the host {host!r} as another host, "
            "{written!r}; give the host name to be published as it is, e.g. {example}"
        ),
        "site.base_url_ipv4": (
            "--base-url {url}: the host {host!r} is digits and dots but no valid IPv4 "
            "address (four parts, each 0 to 255), e.g. {example}"
        ),
        "site.base_url_long": (
            "--base-url {url}: the host {host!r} has a part too long, {label!r} "
            "({length} characters, at most 63), e.g. {example}"
        ),
        "site.base_url_bracket": (
            "--base-url {url}: only :port may follow the IPv6 address's closing bracket, "
            "e.g. http://[::1]:8000/"
        ),
        "output.screen_draft": (
            "{option} -: gwr draft writes files (the registry refers to the report's text "
            "in its folder), not to the screen; give a file name, e.g. {example}"
        ),
        "output.screen_template": (
            "--output -: a template is an Excel workbook, not for the screen; "
            "give a file name ending in .xlsx"
        ),
        "output.screen_folder": (
            "--output -: {command} writes a folder, not to the screen; "
            "give a folder name, e.g. {example}"
        ),
        "collect.template.folder_suffix": (
            "--output {path}: --all needs a folder (one workbook per unit), and {suffix} "
            "is a file's ending; give a folder name, e.g. templates/"
        ),
    },
}
_add_texts(_OUTPUT_TARGET_TEXT)

# --- the clone id file, files that are no regular file, system error reasons ---------
_FILES_TEXT = {
    "zh": {
        "os.errno.ELOOP": "符号链接层数过多，链接指向自身或形成循环",
        "os.errno.ENAMETOOLONG": "文件名过长",
        "os.errno.EEXIST": "文件已存在",
        "os.errno.ENOTEMPTY": "文件夹不是空的",
        "os.errno.EBUSY": "设备或资源忙",
        "os.errno.ETXTBSY": "文件正被执行，无法写入",
        "os.errno.EMFILE": "本进程打开的文件过多",
        "os.errno.ENFILE": "系统打开的文件过多",
        "os.errno.EFBIG": "文件过大",
        "os.errno.EXDEV": "不能跨文件系统移动",
        "os.errno.EAGAIN": "资源暂时不可用，请稍后再试",
        "os.errno.EINVAL": "参数无效（文件系统不接受此名称或操作）",
        "os.errno.ESTALE": "网络文件句柄已失效",
        "os.errno.ENXIO": "设备或地址不存在",
        "os.errno.ENODEV": "设备不存在",
        "os.errno.ENOMEM": "内存不足",
        "os.errno.EINTR": "操作被中断",
        "os.errno.EOVERFLOW": "数值超出范围（文件过大）",
        "os.errno.ESPIPE": "不能在管道上定位",
        "os.errno.EMLINK": "链接过多",
        "os.errno.ETIMEDOUT": "操作超时",
        "os.errno.EOPNOTSUPP": "文件系统不支持此操作",
        "os.errno.ENOTSUP": "文件系统不支持此操作",
        "os.errno.ENOLCK": "没有可用的锁",
        "os.errno.EBADF": "文件描述符无效",
        "os.errno.EFAULT": "地址无效",
        "os.not_regular.fifo": "这是命名管道（FIFO），不是普通文件",
        "os.not_regular.socket": "这是套接字，不是普通文件",
        "os.not_regular.device": "这是设备，不是普通文件",
        "os.not_regular.other": "这不是普通文件",
        "ledger.clone.link": "{path}（指向{target}的链接）",
        "ledger.clone.unwritten": "未写入任何内容",
        "ledger.clone.checked": "修正之前，记录命令会拒绝写入",
        "ledger.clone_broken": (
            "{file}应只含本副本的编号（8位小写十六进制数字，如3f9a02c1）；{outcome}——"
            "删除{what}后gwr会生成新的编号，已写入的台账文件照常读取"
        ),
        "ledger.clone_dangling": (
            "{path}是指向不存在文件（{target}）的链接；{outcome}——"
            "删除该链接后gwr会生成新的编号，已写入的台账文件照常读取"
        ),
        "ledger.clone_folder": (
            "{file}是文件夹，而这里应是只含本副本编号的文件；{outcome}——"
            "移走或删除{what}后gwr会生成新的编号，已写入的台账文件照常读取"
        ),
        "ledger.clone_unreadable": (
            "无法读取{file}（{reason}）；{outcome}——"
            "删除{what}后gwr会生成新的编号，已写入的台账文件照常读取"
        ),
        "ledger.clone.the_file": "该文件",
        "ledger.clone.the_link": "该链接",
        "ledger.clone.the_folder": "该文件夹",
    },
    "en": {
        "os.errno.ELOOP": "Too many levels of symbolic links: a link to itself or a loop",
        "os.errno.ENAMETOOLONG": "File name too long",
        "os.errno.EEXIST": "File exists",
        "os.errno.ENOTEMPTY": "Directory not empty",
        "os.errno.EBUSY": "Device or resource busy",
        "os.errno.ETXTBSY": "Text file busy (it is being run)",
        "os.errno.EMFILE": "Too many open files in this process",
        "os.errno.ENFILE": "Too many open files in the system",
        "os.errno.EFBIG": "File too large",
        "os.errno.EXDEV": "Cannot move across file systems",
        "os.errno.EAGAIN": "Resource temporarily unavailable, try again",
        "os.errno.EINVAL": "Invalid argument (the file system refuses this name or operation)",
        "os.errno.ESTALE": "Stale network file handle",
        "os.errno.ENXIO": "No such device or address",
        "os.errno.ENODEV": "No such device",
        "os.errno.ENOMEM": "Out of memory",
        "os.errno.EINTR": "Interrupted",
        "os.errno.EOVERFLOW": "Value too large (file too large)",
        "os.errno.ESPIPE": "Cannot seek on a pipe",
        "os.errno.EMLINK": "Too many links",
        "os.errno.ETIMEDOUT": "Timed out",
        "os.errno.EOPNOTSUPP": "Operation not supported by the file system",
        "os.errno.ENOTSUP": "Operation not supported by the file system",
        "os.errno.ENOLCK": "No locks available",
        "os.errno.EBADF": "Bad file descriptor",
        "os.errno.EFAULT": "Bad address",
        "os.not_regular.fifo": "it is a named pipe (FIFO), not a regular file",
        "os.not_regular.socket": "it is a socket, not a regular file",
        "os.not_regular.device": "it is a device, not a regular file",
        "os.not_regular.other": "it is not a regular file",
        "ledger.clone.link": "{path} (a link to {target})",
        "ledger.clone.unwritten": "nothing was written",
        "ledger.clone.checked": "recording commands refuse to write until it is fixed",
        "ledger.clone_broken": (
            "{file} should hold only this copy's id (8 lower-case hex digits, e.g. 3f9a02c1); "
            "{outcome}: delete {what} and gwr makes a new id (ledger files already written are "
            "still read)"
        ),
        "ledger.clone_dangling": (
            "{path} is a link to a missing file ({target}); {outcome}: delete the "
            "link and gwr makes a new id (ledger files already written are still read)"
        ),
        "ledger.clone_folder": (
            "{file} is a folder, but it should be a file holding only this copy's id; "
            "{outcome}: move or delete {what} and gwr makes a new id (ledger files already "
            "written are still read)"
        ),
        "ledger.clone_unreadable": (
            "cannot read {file} ({reason}); {outcome}: delete {what} and gwr makes a new id "
            "(ledger files already written are still read)"
        ),
        "ledger.clone.the_file": "the file",
        "ledger.clone.the_link": "the link",
        "ledger.clone.the_folder": "the folder",
    },
}
_add_texts(_FILES_TEXT)

# --- an option given more than once (app.GwrCommand) --------------------------------
_REPEATED_OPTION_TEXT = {
    "zh": {
        "usage.repeated": (
            "选项{option}给了{count}次（{values}），但它只取一个值：请只给一次{hint}"
        ),
        "usage.repeated.template_unit": "；要为每个牵头单位各写一份填报表，请用--all",
    },
    "en": {
        "usage.repeated": (
            "option {option} was given {count} times ({values}) but takes one value: "
            "give it once{hint}"
        ),
        "usage.repeated.template_unit": "; for a 填报表 of every lead unit, use --all",
    },
}
_add_texts(_REPEATED_OPTION_TEXT)

# --- writes of several files, all or nothing (whole_writes) ---------------------------
_WHOLE_WRITES_TEXT: dict[str, dict[str, str]] = {
    "zh": {
        "site.busy": (
            "--output {path}：另一个gwr site正在{folder}中写入网站；"
            "请等它完成后再试（等待时长由GWR_LOCK_TIMEOUT设定）"
        ),
        "site.restored": "上次生成网站时被中断：已先恢复{path}中原来的网站",
        "collect.title.as_of": "　上期进展截至：{date}",
        "collect.template.busy": (
            "--output {path}：另一个gwr命令正在同一位置写入文件夹；"
            "请等它完成后再试（等待时长由GWR_LOCK_TIMEOUT设定）"
        ),
        "site.cannot_keep": (
            "--output {path}：{file}无法在替换网站时保留（{reason}）；"
            "请把它移出该文件夹后重试，网站未作改动"
        ),
    },
    "en": {
        "site.busy": (
            "--output {path}: another gwr site is writing a site in {folder}; try again "
            "when it has finished (GWR_LOCK_TIMEOUT sets how long to wait)"
        ),
        "collect.title.as_of": "   Last reported as of: {date}",
        "site.restored": "an earlier gwr site was interrupted: the site it replaced in {path} "
        "was put back first",
        "collect.template.busy": (
            "--output {path}: another gwr command is writing beside this folder; try again "
            "when it has finished (GWR_LOCK_TIMEOUT sets how long to wait)"
        ),
        "site.cannot_keep": (
            "--output {path}: {file} cannot be kept when the site is replaced ({reason}); "
            "move it out of the folder and run again; the site was left as it was"
        ),
    },
}
_add_texts(_WHOLE_WRITES_TEXT)

# Errors carry keys; this is how they are worded (errors.py imports nothing of gwr).
GwrError.wording = staticmethod(_word_error)
GwrError.default_lang = staticmethod(fallback_lang)

# --- an undo that takes back a whole import (several events, one write) ------------
_UNDO_WRITE_TEXT = {
    "zh": {
        "undo.write": "共撤销{count}项变化：同一次导入记录的全部变化"
        "（原记录保留在台账中，不再计入）",
    },
    "en": {
        "undo.write": "{count:~change|changes} undone: everything one import recorded (kept "
        "in the ledger, no longer counted)",
    },
}
_add_texts(_UNDO_WRITE_TEXT)

# --- gwr draft: numbered items that gave no task and no indicator ------------------
_DRAFT_UNREAD_TEXT = {
    "zh": {
        "draft.unread.one": "第{items}条未读出任务或指标，已在{path}开头标为 # check:；"
        "请对照原文补充",
        "draft.unread.many": "第{items}条未读出任务或指标，已在{path}开头标为 # check:；"
        "请对照原文补充",
    },
    "en": {
        "draft.unread.one": "numbered item {items} gave no task and no indicator: "
        "marked # check: at the top of {path}; add it from the report by hand",
        "draft.unread.many": "numbered items {items} gave no task and no indicator: "
        "marked # check: at the top of {path}; add them from the report by hand",
    },
}
_add_texts(_DRAFT_UNREAD_TEXT)
