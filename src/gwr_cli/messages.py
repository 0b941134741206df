"""Every user-facing word gwr prints, in Chinese and English, and the plain
text helpers shared by the table and text renderers (no Rich here)."""

from __future__ import annotations

import codecs
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
        "sum.week": "{year}年第{week}周（{start}至{end}）",
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
        "sum.indicator": "{title}：{value}{unit}（目标{comparator}{target}{unit}，{met}）",
        "sum.done_on": "{date}完成",
        "wrote": "已写入 {path}",
        "export.headers": "序号,任务,领域,完成时限,目标,当前进度,状态,序时状态,最新进展,来源,"
        "编号,章节,项目总投资(元),完成标志,片区,责任单位,完成率(%),序时进度(%)",
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
        "html.light.red": "红灯",
        "html.light.yellow": "黄灯",
        "html.light.green": "绿灯",
        "html.col.light": "亮灯",
        "html.col.reason": "原因",
        "html.col.units": "牵头单位",
        "html.col.leaders": "责任领导",
        "html.col.problems": "存在问题",
        "html.col.next": "下步措施",
        "html.col.days_left": "剩余天数",
        "html.footer": "本页由gwr根据登记表和进展台账生成，数据截至{date}。",
        "site.home": "首页",
        "site.tasks": "全部任务（{count}项）",
        "site.indicators": "经济指标",
        "site.areas": "领域",
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
        "site.base_url": "--base-url {url}：应以http://或https://开头，例如 https://example.org/gwr/。",
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
        "html.light.red": "red",
        "html.light.yellow": "yellow",
        "html.light.green": "green",
        "html.col.light": "light",
        "html.col.reason": "reason",
        "html.col.units": "lead units",
        "html.col.leaders": "responsible leaders",
        "html.col.problems": "problems",
        "html.col.next": "next steps",
        "html.col.days_left": "days left",
        "html.footer": "Generated by gwr from the registry and the progress ledger, as of {date}.",
        "site.home": "Home",
        "site.tasks": "All tasks ({count})",
        "site.indicators": "Indicators",
        "site.areas": "Areas",
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
        "site.base_url": "--base-url {url}: must start with http:// or https://, "
        "e.g. https://example.org/gwr/",
        "site.wrote": "wrote the site to {path} ({count} files)",
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
        "output.is_folder": "--output {path} is a folder: give a file name",
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
        "collect.light.green": "绿灯",
        "collect.light.yellow": "黄灯",
        "collect.light.red": "红灯",
        "collect.err.missing": "{file}：文件不存在",
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
        "collect.err.rows": "{file}：{count}处错误，未记录任何内容：",
        "collect.row.edited_id": "编号“{value}”不是 gwr 为本单位生成的任务；"
        "编号不可修改，也不可增加行",
        "collect.row.added": "新增的行无法导入（编号为空）；只填写 gwr 生成的行",
        "collect.row.duplicate": "编号“{value}”重复（另见第{other}行）；每项任务只填一行",
        "collect.row.other_unit": "任务“{value}”不由“{unit}”牵头或配合；请使用本单位的填报表",
        "collect.row.not_number": "“{value}”不是数字；应填写{unit}数，例如 {example}",
        "collect.row.not_percent": "“{value}”不是数字；应填写完成百分比（0到100），例如 40",
        "collect.row.negative": "“{value}”是负数；应填写不小于0的数字",
        "collect.row.percent_over": "“{value}”超过100；该任务按百分比填报，应填写0到100之间的数字",
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
        "collect.light.green": "green",
        "collect.light.yellow": "yellow",
        "collect.light.red": "red",
        "collect.err.missing": "{file}: no such file",
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
        "collect.err.rows": "{file}: {count} error(s), nothing recorded:",
        "collect.row.edited_id": "'{value}' is not a task gwr wrote for this unit; "
        "IDs must not be edited and rows must not be added",
        "collect.row.added": "an added row (no ID) cannot be imported; "
        "fill in only the rows gwr wrote",
        "collect.row.duplicate": "'{value}' appears twice (see also row {other}); one row per task",
        "collect.row.other_unit": "task '{value}' is not led or supported by '{unit}'; "
        "use this unit's own template",
        "collect.row.not_number": "'{value}' is not a number; "
        "give a number of {unit}, e.g. {example}",
        "collect.row.not_percent": "'{value}' is not a number; give the percent done "
        "(0 to 100), e.g. 40",
        "collect.row.negative": "'{value}' is negative; give a number of at least 0",
        "collect.row.percent_over": "'{value}' is above 100; this task is reported in percent, "
        "give a number from 0 to 100",
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
        "({unchanged} row(s) as already recorded, {skipped} left empty)",
        "collect.plan.will": "{file} ({unit}, {period}): {count} change(s) to record",
        "collect.plan.done": "{file} ({unit}, {period}): {count} change(s) recorded",
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
for _lang in LANGS:
    _TEXT[_lang].update(_COLLECT_TEXT[_lang])
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
        "export.xlsx_output": "--format xlsx 需要 --output FILE.xlsx（工作簿不能输出到屏幕）",
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
        "collect.template.wrote": "wrote {path} ({unit}, {period}, {count} task(s))",
        "collect.template.none": "no unit leads a registry task in the assignments; "
        "no template written",
        "collect.import.refused": "{count} error(s), nothing recorded; correct them and "
        "import again",
        "collect.import.dry_run": "dry run (--dry-run): nothing recorded",
        "collect.import.recorded": "{count} event(s) recorded from {files} file(s)",
        "collect.import.unit_needs_csv": "--unit, --month and --week are for CSV files only; "
        "a workbook names its unit and period itself",
        "collect.status.title": "{period} reports (due {due}): {total} lead unit(s), "
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
for _lang in LANGS:
    _TEXT[_lang].update(_COLLECT_COMMAND_TEXT[_lang])
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
        "asg.match.none": "分工中没有{kind}“{typed}”（分工文件：{path}）",
        "asg.at": "{where}：{message}",
        "asg.more": "（另有{count}处问题）",
        "asg.unreadable": "无法读取分工文件{path}（{reason}）",
        "asg.not_utf8": "不是UTF-8编码（第{byte}字节）；请将文件另存为UTF-8",
        "asg.bom": "文件以字节顺序标记（BOM）开头；请另存为不带BOM的UTF-8",
        "asg.toml": "不是有效的TOML（第{column}列）；请检查引号、括号和逗号",
        "asg.toml.end": "不是有效的TOML（在文件末尾）；请检查引号、括号和逗号",
        "asg.schema": "字段schema应为{expected}，实为{got}",
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
        "asg.node_not_finite": "{node}：字段{field}应为有限的数字，实为{got}",
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
        "period.conflict": "只能选择一个期间，不能同时给出{options}",
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
        "asg.match.none": "no {kind} '{typed}' in the assignments ({path})",
        "asg.at": "{where}: {message}",
        "asg.more": " (and {count} more)",
        "asg.unreadable": "cannot read the assignments file {path} ({reason})",
        "asg.not_utf8": "not UTF-8 (byte {byte}); save the file as UTF-8",
        "asg.bom": "starts with a byte-order mark; save it as UTF-8 without BOM",
        "asg.toml": "invalid TOML: {detail}",
        "asg.toml.end": "invalid TOML: {detail}",
        "asg.schema": "field 'schema' must be {expected}, got {got}",
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
        "asg.node_not_finite": "{node}: field '{field}' must be a finite number, got {got}",
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
        "period.conflict": "give one period only, not {options}",
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
    if len(quoted) < 2:
        return "".join(quoted)
    return text("list.sep", lang).join(quoted[:-1]) + text("asg.or", lang) + quoted[-1]


for _lang in LANGS:
    _TEXT[_lang] = _TEXT_BASE[_lang] | _TEXT[_lang]


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
        "draft.error.empty": "{path} 是空文件（请给出报告正文的文本文件）",
        "draft.error.same_output": "{path} 被指定了两次：登记表、分工文件和报告副本须是不同的文件",
        "draft.unwrapped": "报告在句中断行（如从PDF复制的文字），已把断行合并为段落，"
        "并在登记表旁写入副本 {path}（登记表引用该副本）。",
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
        "draft.error.empty": "{path} is empty (give the report's text file)",
        "draft.error.same_output": "{path} is named twice: the registry, the assignments "
        "and the report's copy must be different files",
        "draft.unwrapped": "the report breaks its lines mid-sentence (text copied from a PDF): "
        "joined them into paragraphs in a copy {path} beside the registry (the registry "
        "points at it).",
        "check.warnings": "the registry has {count} warning(s) (it loads):",
        "check.empty_en": "{where}: {field} is empty; English output shows the Chinese",
    },
}
for _lang in LANGS:
    _TEXT[_lang].update(_DRAFT_TEXT[_lang])


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
        "field.expected_by_nodes": "按节点目标应完成",
        "field.problems": "存在问题",
        "field.next": "下步措施",
        "units.none": "尚无分工：请在{path}中填写[[assignments]]",
        "units.never": "未报送",
        "check.assignments.ok": "分工：{entries}项，{units}个单位，{leaders}位责任领导（{path}）",
        "check.assignments.none": "分工：无（{path}不存在）",
        "check.assignments.problems": "分工文件有{count}处问题：",
        "where.assignments": "assignments: {path}",
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
        "export.headers.account": "亮灯,亮灯原因,牵头单位(分工),配合单位,责任领导,"
        "存在问题,下步措施,报送单位",
    },
    "en": {
        "col.light": "Light",
        "col.lead_unit": "Lead unit",
        "col.leader": "Leader",
        "col.role": "Role",
        "col.unit_name": "Unit",
        "col.lead_tasks": "Leads",
        "col.partner_tasks": "Supports",
        "col.last_report": "Last report",
        "col.reported_by": "Reported by",
        "col.problems": "Problems",
        "col.next": "Next steps",
        "field.light": "Light",
        "field.lead_units": "Lead units",
        "field.partners": "Supporting units",
        "field.leaders": "Responsible leaders",
        "field.key": "Key task",
        "field.yes": "yes (★)",
        "field.nodes": "Milestones",
        "field.expected_by_nodes": "expected by the milestones",
        "field.problems": "Problems",
        "field.next": "Next steps",
        "units.none": "no assignments yet: write [[assignments]] in {path}",
        "units.never": "never",
        "check.assignments.ok": "assignments: {entries} entries, {units} units, "
        "{leaders} leaders ({path})",
        "check.assignments.none": "assignments: none ({path} does not exist)",
        "check.assignments.problems": "the assignments file has {count} problem(s):",
        "where.assignments": "assignments: {path}",
        "sum.year_end": "Of the {total} tasks set, {done} are done and {ongoing} are under way.",
        "sum.year_end.idle": "Of the {total} tasks set, {done} done, {active} under way "
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
for _lang in LANGS:
    _TEXT[_lang].update(_ACCOUNT_TEXT[_lang])
# --- end of the issue 11 commands block ---


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
    # Rounded down: 99.6% is not yet 100% (only a done task is).
    return f"{math.floor(percent + 1e-9):.0f}%"


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


# --- storage layer messages (ledger, journal, cache, lock) ------------------------
# Raised from the core before the CLI knows --lang, so they follow GWR_LANG and
# the locale; `storage_error` keeps the key so the exit point can word them again.

STORAGE_TEXT = {
    "zh": {
        "lock.timeout": "GWR_LOCK_TIMEOUT的值{value!r}无效；请给出不小于0的秒数，如10",
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
            "GWR_LOCK_TIMEOUT={value!r} is not a valid wait; give seconds as a number of 0 "
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


def storage_text(key: str, **values: object) -> str:
    """A storage message in the language of GWR_LANG or the locale (English if unsure)."""
    try:
        lang = detect_lang(None)
    except InputError:
        lang = "en"
    return STORAGE_TEXT[lang][key].format(**values)


def storage_error(kind: type[Exception], key: str, **values: object) -> Exception:
    """An error of `kind` worded by storage_text, carrying `key` and `values`
    so that the exit point can word it again in the language of --lang."""
    error = kind(storage_text(key, **values))
    error.key, error.values = key, values  # type: ignore[attr-defined]
    return error
