"""The draft as TOML: a registry in gwr's schema and the assignments file of
the 分工, each uncertain entry preceded by `# check: …` lines for the reviewer.

Written by hand rather than with tomli_w, which cannot write comments; every
value goes through `_string` or `_number`, and the tests load the output back.
"""

from __future__ import annotations

from decimal import Decimal

from gwr_cli.draft.build import Draft

_HEADER = """\
# gwr 登记表草稿，由 `gwr draft` 从报告原文生成，请逐项核对后使用。
# 标有 `# check:` 的条目是起草时拿不准的地方，核对后删去该行即可。
# title_en（英文标题）留空时，英文界面显示中文标题；`gwr check` 会提醒。
# 字段说明见 gwr 自带登记表（data/tasks.toml）的文件头。
"""


def _string(value: str) -> str:
    out = ['"']
    for char in value:
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def _comment(value: str) -> str:
    """value made safe for a TOML comment, which may hold no control character."""
    return "".join(f"\\x{ord(c):02x}" if ord(c) < 0x20 or ord(c) == 0x7F else c for c in value)


def _number(value: Decimal | int) -> str:
    if isinstance(value, int):
        return str(value)
    normal = value.normalize()
    text = format(normal, "f")
    return text if "." in text or normal != normal.to_integral() else str(int(normal))


def _checks(lines: list[str], checks: tuple[str, ...]) -> None:
    lines.extend(f"# check: {_comment(check)}" for check in checks)


def registry_toml(draft: Draft) -> str:
    """The registry text; loads with gwr as is (warnings allowed)."""
    lines = [_HEADER, "schema = 1", ""]
    _checks(lines, draft.checks)
    lines += [
        "[report]",
        f"id = {_string(draft.report_id)}",
        f"title = {_string(draft.title)}",
        'title_en = ""',
        f"region = {_string(draft.region)}",
        f"year = {draft.year}",
        f"delivered = {draft.delivered.isoformat()}",
        f"text = {_string(draft.text_ref)}",
        "chapters = [",
        *(
            f'  {{ number = {c.number}, title = {_string(c.title)}, title_en = "" }},'
            for c in draft.chapters
        ),
        "]",
        "",
    ]
    for area in draft.areas:
        lines += [
            f"[areas.{area.key}]",
            f"name = {_string(area.name)}",
            f"name_en = {_string(area.name_en)}",
            "",
        ]
    chapter = None
    for task in draft.tasks:
        if task.chapter != chapter:
            chapter = task.chapter
            title = next((c.title for c in draft.chapters if c.number == chapter), "")
            lines += [f"# ---- 第{chapter}部分：{_comment(title)}", ""]
        _checks(lines, task.checks)
        lines += [
            "[[tasks]]",
            f"id = {_string(task.id)}",
            f"title = {_string(task.title)}",
            'title_en = ""',
            f"area = {_string(task.area)}",
            f"chapter = {task.chapter}",
            f"deadline = {task.deadline.isoformat()}",
        ]
        if task.target is not None:
            lines += [f"target = {_number(task.target)}", f"unit = {_string(task.unit)}"]
            if task.unit_en:
                lines.append(f"unit_en = {_string(task.unit_en)}")
        if task.milestone:
            lines.append(f"milestone = {_string(task.milestone)}")
        if task.investment_yuan is not None:
            lines.append(f"investment_yuan = {task.investment_yuan}")
        lines += [f"source = {_string(task.source)}", ""]
    if draft.indicators:
        lines += ["# ---- 年度主要预期目标", ""]
    for indicator in draft.indicators:
        lines += [
            "[[indicators]]",
            f"id = {_string(indicator.id)}",
            f"title = {_string(indicator.title)}",
            f"title_en = {_string(indicator.title_en)}",
            f"target = {_number(indicator.target)}",
            f"unit = {_string(indicator.unit)}",
            f"comparator = {_string(indicator.comparator)}",
            f"source = {_string(indicator.source)}",
            "",
        ]
    return "\n".join(lines).rstrip("\n") + "\n"


def assignments_toml(draft: Draft) -> str:
    """The 分工 file (schema of the accountability issue, §1)."""
    lines = [
        "# 分工草稿，由 `gwr draft` 从报告中的“责任领导/牵头单位/责任单位”标注生成。",
        "schema = 1",
        "",
    ]
    for task_id, assignment in draft.assignments:
        lines += ["[[assignments]]", f"task = {_string(task_id)}"]
        lines.append("lead = [" + ", ".join(_string(n) for n in assignment.lead) + "]")
        if assignment.partners:
            lines.append("partners = [" + ", ".join(_string(n) for n in assignment.partners) + "]")
        if assignment.leader:
            lines.append("leader = [" + ", ".join(_string(n) for n in assignment.leader) + "]")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
