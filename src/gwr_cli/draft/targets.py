"""The year's indicators from its targets paragraph: "增长6%以上" -> ">=" 6,
"控制在3%以内" -> "<=" 3, "保持正增长" -> ">" 0, "完成…指标任务" -> 100%."""

from __future__ import annotations

import re
from decimal import Decimal

from gwr_cli.draft import scan
from gwr_cli.records import Record

_UNIT = r"%|万吨|吨|亿元|万元|万人|人|万亩|亩"
_PATTERNS = (
    (re.compile(r"(?P<name>.+?)(?:保持)?正增长"), "positive"),
    (re.compile(r"(?P<name>.+?增长)(?P<n>\d+(?:\.\d+)?)(?P<unit>%)(?:以上|左右)?"), ">="),
    (re.compile(r"(?P<name>.+?下降)(?P<n>\d+(?:\.\d+)?)(?P<unit>%)(?:以上|左右)?"), ">="),
    (
        re.compile(
            rf"(?P<name>.+?)(?:控制在|低于|不超过)(?P<n>\d+(?:\.\d+)?)(?P<unit>{_UNIT})(?:以内|以下)?"
        ),
        "<=",
    ),
    (
        re.compile(
            rf"(?P<name>.+?)(?:稳定在|达到)(?P<n>\d+(?:\.\d+)?)(?P<unit>{_UNIT})(?:以上|左右)?"
        ),
        ">=",
    ),
    (re.compile(rf"(?P<name>.+?)突破(?P<n>\d+(?:\.\d+)?)(?P<unit>{_UNIT})"), ">"),
    (re.compile(r"完成(?P<name>.+?(?:指标|目标)任务)"), "quota"),
)

# Indicators every report names, with the ids and English titles of the shipped
# registry, so that registries of different places line up.
GLOSSARY = (
    ("地区生产总值", "gdp-growth", "GDP growth"),
    (
        "工业增加值",
        "industry-value-added",
        "Growth of industrial value added (above designated size)",
    ),
    ("社会消费品零售总额", "retail-sales", "Growth of retail sales of consumer goods"),
    ("固定资产投资", "fixed-asset-investment", "Growth of fixed-asset investment"),
    ("外贸进出口", "foreign-trade", "Growth of foreign trade"),
    ("进出口总额", "foreign-trade", "Growth of foreign trade"),
    ("一般公共预算收入", "budget-revenue", "Growth of general public budget revenue"),
    ("城镇登记失业率", "unemployment", "Registered urban unemployment rate"),
    ("节能", "energy-saving", "Energy-saving quota (share completed)"),
    ("环境保护", "environment-quota", "Environmental protection quota (share completed)"),
    ("粮食产量", "grain-output", "Grain output"),
)  # fmt: skip


class DraftIndicator(Record):
    title: str
    title_en: str
    id_hint: str
    target: Decimal
    unit: str
    comparator: str
    source: tuple[int, int]


def parse_targets(text: str, spans: tuple[tuple[int, int], ...]) -> list[DraftIndicator]:
    found: list[DraftIndicator] = []
    for start, end in spans:
        for a, b in scan.split_spans(text, scan.SENTENCE_ENDS, start, end):
            found.extend(_parse_item(text, a, b))
    return found


def _parse_item(text: str, a: int, b: int) -> list[DraftIndicator]:
    item = text[a:b]
    for pattern, kind in _PATTERNS:
        match = pattern.fullmatch(item)
        if match is None:
            continue
        if kind == "positive":
            names = [n for n in re.split("、", match["name"]) if n]
            return [_indicator(n + "增长", Decimal(0), "%", ">", (a, b)) for n in names]
        if kind == "quota":
            return [_indicator(item + "(完成率)", Decimal(100), "%", ">=", (a, b))]
        return [_indicator(match["name"], Decimal(match["n"]), match["unit"], kind, (a, b))]
    return []


def _indicator(
    title: str, target: Decimal, unit: str, comparator: str, source: tuple[int, int]
) -> DraftIndicator:
    entry = next((g for g in GLOSSARY if g[0] in title), None)
    return DraftIndicator(
        title=title,
        title_en=entry[2] if entry else "",
        id_hint=entry[1] if entry else "",
        target=target,
        unit=unit,
        comparator=comparator,
        source=source,
    )
